//! The statistics of a period as the justice bureau receives them: the
//! monthly report as an XLSX workbook in the layout of the statistics
//! table (a title, the period, a header row, one row per dispute type,
//! channel, mediator or month and the total; one sheet per breakdown),
//! and as CSV. Counts are numbers, the amounts are yuan with two
//! decimals, the rates are fractions shown as percentages, so the bureau's
//! spreadsheet can sum and chart them.

use accord_core::{
    Choice, IntakeChannel,
    stats::{self, Labels, Report, Row, StatCategory, Tally},
};
use accord_i18n::Translations;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

/// The report's words in the user's language.
pub fn labels(t: &Translations) -> Labels {
    let mut keys = std::collections::HashMap::new();
    for c in StatCategory::ALL {
        keys.insert(c.code().to_owned(), t.tr(c.label_key()));
    }
    for c in IntakeChannel::ALL {
        keys.insert(c.code().to_owned(), t.tr(c.label_key()));
    }
    keys.insert(String::new(), t.tr("stats-no-mediator"));
    Labels {
        by_category: t.tr("stats-by-category"),
        by_channel: t.tr("stats-by-channel"),
        by_mediator: t.tr("stats-by-mediator"),
        by_month: t.tr("stats-by-month"),
        total: t.tr("stats-total"),
        columns: stats::columns().iter().map(|(k, _)| t.tr(k)).collect(),
        keys,
    }
}

/// One column's value as a spreadsheet number (a rate as a fraction, an
/// amount in yuan), or none for a rate without a base.
fn cell(column: usize, t: &Tally) -> Option<f64> {
    let rate = |p: Option<i64>| p.map(|p| p as f64 / 1000.0);
    match column {
        0 => Some(t.received as f64),
        1 => Some(t.mediated as f64),
        2 => Some(t.settled as f64),
        3 => rate(t.settlement_rate()),
        4 => Some(t.agreed_minor as f64 / 100.0),
        5 => t.average_days_tenths().map(|d| d as f64 / 10.0),
        6 => rate(t.within_limit_rate()),
        7 => rate(t.compliance_rate()),
        8 => rate(t.satisfaction_rate()),
        9 => Some(t.crime_cases as f64),
        10 => Some(t.crime_persons as f64),
        11 => Some(t.petition_cases as f64),
        12 => Some(t.petition_persons as f64),
        _ => None,
    }
}

/// The header of the numeric columns: the prevention columns split in
/// cases and persons so that each cell is one number.
fn headers(t: &Translations) -> Vec<String> {
    let mut out: Vec<String> = stats::columns()
        .iter()
        .take(9)
        .map(|(k, _)| t.tr(k))
        .collect();
    out.push(t.tr("stats-xlsx-crime-cases"));
    out.push(t.tr("stats-xlsx-crime-persons"));
    out.push(t.tr("stats-xlsx-petition-cases"));
    out.push(t.tr("stats-xlsx-petition-persons"));
    out
}

/// How many numeric columns a sheet has.
pub const XLSX_COLUMNS: usize = 13;

/// The workbook's bytes.
pub fn xlsx(t: &Translations, report: &Report) -> Result<Vec<u8>, XlsxError> {
    let labels = labels(t);
    let mut book = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let text = Format::new().set_border(FormatBorder::Thin);
    let bold = Format::new().set_border(FormatBorder::Thin).set_bold();
    let count = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0");
    let money = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0.00");
    let percent = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.0%");
    let days = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.0");
    let period = t.tr_args(
        "stats-period",
        &[
            ("from", report.from.to_string().into()),
            ("to", report.to.to_string().into()),
        ],
    );
    let sheets: [(&String, &Vec<Row>); 4] = [
        (&labels.by_category, &report.by_category),
        (&labels.by_channel, &report.by_channel),
        (&labels.by_mediator, &report.by_mediator),
        (&labels.by_month, &report.by_month),
    ];
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(name)?;
        sheet.write_string_with_format(0, 0, t.tr("stats-title"), &title)?;
        sheet.write_string(1, 0, &period)?;
        sheet.write_string_with_format(3, 0, name, &head)?;
        sheet.set_column_width(0, 18)?;
        for (c, h) in headers(t).iter().enumerate() {
            let col = u16::try_from(c + 1).unwrap_or(u16::MAX);
            sheet.write_string_with_format(3, col, h, &head)?;
            sheet.set_column_width(col, 12)?;
        }
        sheet.set_row_height(3, 45)?;
        let total = Row {
            key: labels.total.clone(),
            tally: report.total,
        };
        let all: Vec<(&Row, bool)> = rows
            .iter()
            .map(|row| (row, false))
            .chain(std::iter::once((&total, true)))
            .collect();
        for (r, (row, is_total)) in (4_u32..).zip(all) {
            let key = if is_total {
                row.key.clone()
            } else {
                labels.key(&row.key)
            };
            sheet.write_string_with_format(r, 0, &key, if is_total { &bold } else { &text })?;
            for c in 0..XLSX_COLUMNS {
                let col = u16::try_from(c + 1).unwrap_or(u16::MAX);
                let format = match c {
                    3 | 6 | 7 | 8 => &percent,
                    4 => &money,
                    5 => &days,
                    _ => &count,
                };
                match cell(c, &row.tally) {
                    Some(v) => sheet.write_number_with_format(r, col, v, format)?,
                    None => sheet.write_string_with_format(r, col, "—", &text)?,
                };
            }
        }
        sheet.set_freeze_panes(4, 1)?;
    }
    book.save_to_buffer()
}

/// The value the XLSX holds for a column of a tally (tests read the
/// workbook back and compare).
pub fn xlsx_value(column: usize, t: &Tally) -> Option<f64> {
    cell(column, t)
}

/// The report as a printed PDF: the totals, a chart per breakdown (bars,
/// and lines for the months) and each breakdown's table.
pub fn pdf(
    t: &Translations,
    report: &Report,
    created_unix: i64,
) -> Result<Vec<u8>, accord_document::pdf::PdfError> {
    use accord_document::pdf::{self, ReportChart, ReportTable, StatisticsReport};
    let labels = labels(t);
    let breakdowns: [(&String, &Vec<Row>, bool); 4] = [
        (&labels.by_category, &report.by_category, false),
        (&labels.by_channel, &report.by_channel, false),
        (&labels.by_mediator, &report.by_mediator, false),
        (&labels.by_month, &report.by_month, true),
    ];
    let charts = breakdowns
        .iter()
        .map(|(title, rows, lines)| ReportChart {
            title: (*title).clone(),
            labels: rows.iter().map(|r| labels.key(&r.key)).collect(),
            series: [
                (
                    t.tr("stats-col-received"),
                    rows.iter().map(|r| r.tally.received).collect(),
                ),
                (
                    t.tr("stats-col-settled"),
                    rows.iter().map(|r| r.tally.settled).collect(),
                ),
            ],
            lines: *lines,
        })
        .collect();
    let tables = breakdowns
        .iter()
        .map(|(title, rows, _)| {
            let mut header = vec![(*title).clone()];
            header.extend(labels.columns.iter().cloned());
            let line = |name: String, tally: &Tally| {
                let mut cells = vec![name];
                cells.extend(stats::columns().iter().map(|(_, f)| f(tally)));
                cells
            };
            let mut out: Vec<Vec<String>> = rows
                .iter()
                .map(|r| line(labels.key(&r.key), &r.tally))
                .collect();
            out.push(line(labels.total.clone(), &report.total));
            ReportTable {
                title: (*title).clone(),
                header,
                rows: out,
            }
        })
        .collect();
    let sheet = StatisticsReport {
        title: t.tr("stats-title"),
        period: t.tr_args(
            "stats-period",
            &[
                ("from", report.from.to_string().into()),
                ("to", report.to.to_string().into()),
            ],
        ),
        totals: stats::columns()
            .iter()
            .map(|(k, f)| (t.tr(k), f(&report.total)))
            .collect(),
        charts,
        tables,
    };
    let options = pdf::PrintOptions {
        footer_pattern: t.tr("doc-footer"),
        created_unix,
        author: t.tr("stats-title"),
        ..Default::default()
    };
    pdf::statistics(&sheet, &options)
}
