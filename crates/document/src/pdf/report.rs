//! The statistics of a period as a printed report (A4, the agreement's
//! fonts): the title and period, the totals, one chart per breakdown
//! (grouped bars for dispute type, channel and mediator; lines for the
//! months), and each breakdown's table with every column of the monthly
//! report. The charts are vector drawings, so they print sharp and their
//! labels stay text a reader can search.
//!
//! The caller (the app) supplies the words and the numbers; this module
//! only sets them on the page.

use printpdf::{
    Color, Line, LinePoint, Op, PaintMode, Point, Polygon, PolygonRing, Pt, Rgb, WindingOrder,
};

use super::fonts::Metrics;
use super::layout::{Pages, Run, stroke};
use super::lines::wrap;
use super::render::{Faces, write};
use super::{BOTTOM, MARGIN_X, PAGE_H, PAGE_W, PdfError, PrintOptions};

/// One chart: its heading, the label of each group (a dispute type, a
/// month), and two named series of counts, one value per group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportChart {
    pub title: String,
    pub labels: Vec<String>,
    pub series: [(String, Vec<i64>); 2],
    /// Lines through the groups (a time series) instead of bars.
    pub lines: bool,
}

/// One table: its heading, the column heads (the first names the rows),
/// and the rows as printed, the last one being the total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportTable {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatisticsReport {
    pub title: String,
    pub period: String,
    /// The totals as (label, value), printed in two columns.
    pub totals: Vec<(String, String)>,
    pub charts: Vec<ReportChart>,
    pub tables: Vec<ReportTable>,
}

/// The series' colours (the screen's chart uses the same two).
const SERIES: [(f32, f32, f32); 2] = [(0.12, 0.37, 0.66), (0.80, 0.40, 0.10)];
const GREY: (f32, f32, f32) = (0.55, 0.55, 0.55);

const HEADING: f32 = 13.0;
const SMALL: f32 = 8.0;
const CHART_H: f32 = 150.0;
/// How many of a table's value columns fit across the page; a wider
/// table is printed in parts, each repeating the row names.
const TABLE_COLUMNS: usize = 6;

/// The report as a PDF.
pub fn statistics(report: &StatisticsReport, options: &PrintOptions) -> Result<Vec<u8>, PdfError> {
    let faces = Faces::get()?;
    check(&faces, report)?;
    let Faces { regular: m, bold } = faces;
    let left = MARGIN_X;
    let right = PAGE_W - MARGIN_X;
    let mut pages = Pages::new();

    // The title and the period, centred.
    let w = bold.width(&report.title, 20.0);
    pages.text((PAGE_W - w) / 2.0, 20.0, true, report.title.clone());
    let w = m.width(&report.period, 11.0);
    pages.text((PAGE_W - w) / 2.0, 11.0, false, report.period.clone());
    pages.y -= 10.0;

    // The totals in two columns of label and value.
    let half = (right - left) / 2.0;
    let label_w = report
        .totals
        .iter()
        .map(|(l, _)| m.width(l, 10.0))
        .fold(0.0, f32::max)
        .min(half - 80.0);
    let top = pages.y;
    stroke(pages.ops(), (left, top), (right, top), 0.8);
    for pair in report.totals.chunks(2) {
        pages.room(18.0);
        pages.y -= 18.0;
        let baseline = pages.y + 5.0;
        for (i, (label, value)) in pair.iter().enumerate() {
            let x = left + i as f32 * half;
            pages
                .runs()
                .push(Run::plain(x, baseline, 10.0, label.clone()));
            pages.runs().push(Run {
                bold: true,
                ..Run::plain(x + label_w + 10.0, baseline, 10.0, value.clone())
            });
        }
    }
    let y = pages.y - 4.0;
    stroke(pages.ops(), (left, y), (right, y), 0.8);
    pages.y -= 14.0;

    for chart in &report.charts {
        heading(&mut pages, &chart.title, HEADING * 1.8 + CHART_H + 40.0);
        draw_chart(&mut pages, m, chart);
    }
    for table in &report.tables {
        draw_table(&mut pages, m, bold, table);
    }
    footers(&mut pages.pages, m, options);
    write(&report.title, "", options, &faces, pages.pages)
}

/// A bold heading, on a new page when what follows it (`keep` points)
/// would not fit under it.
fn heading(pages: &mut Pages, title: &str, keep: f32) {
    pages.room(keep);
    pages.y -= 6.0;
    pages.text(MARGIN_X, HEADING, true, title.to_owned());
}

fn rgb((r, g, b): (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb::new(r, g, b, None))
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

/// A filled rectangle in `colour`.
fn fill(ops: &mut Vec<Op>, colour: (f32, f32, f32), x: f32, y: f32, w: f32, h: f32) {
    ops.push(Op::SetFillColor { col: rgb(colour) });
    ops.push(Op::DrawPolygon {
        polygon: Polygon {
            rings: vec![PolygonRing {
                points: vec![
                    point(x, y),
                    point(x + w, y),
                    point(x + w, y + h),
                    point(x, y + h),
                ],
            }],
            mode: PaintMode::Fill,
            winding_order: WindingOrder::NonZero,
        },
    });
}

/// A round step above `max` for the value axis: 1, 2 or 5 times a power
/// of ten, so that the grid lines fall on numbers a reader can use.
fn axis_top(max: i64) -> (i64, i64) {
    let max = max.max(1);
    let mut step = 1_i64;
    loop {
        for k in [1, 2, 5] {
            let s = step * k;
            if s * 5 >= max {
                let top = max.div_euclid(s) * s + if max % s == 0 { 0 } else { s };
                return (top, s);
            }
        }
        step *= 10;
    }
}

/// The chart under the current position: the legend, the value axis with
/// its grid, the bars or lines, and the group labels under the axis.
fn draw_chart(pages: &mut Pages, m: &Metrics, chart: &ReportChart) {
    let left = MARGIN_X + 34.0;
    let right = PAGE_W - MARGIN_X;
    let legend_y = pages.y - 12.0;
    let top = pages.y - 24.0;
    let bottom = top - CHART_H;
    let width = right - left;

    // The legend.
    let mut x = left;
    for (i, (name, _)) in chart.series.iter().enumerate() {
        fill(pages.ops(), SERIES[i], x, legend_y - 1.0, 9.0, 9.0);
        pages
            .runs()
            .push(Run::plain(x + 13.0, legend_y, SMALL + 1.0, name.clone()));
        x += 13.0 + m.width(name, SMALL + 1.0) + 18.0;
    }

    let max = chart
        .series
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .max()
        .unwrap_or(0);
    let (axis_max, step) = axis_top(max);
    let y_of = |v: i64| bottom + CHART_H * v as f32 / axis_max as f32;

    // The grid and the value labels.
    let ops = pages.ops();
    ops.push(Op::SetOutlineColor { col: rgb(GREY) });
    let mut v = 0;
    while v <= axis_max {
        let y = y_of(v);
        stroke(ops, (left, y), (right, y), if v == 0 { 0.8 } else { 0.25 });
        v += step;
    }
    stroke(ops, (left, bottom), (left, top), 0.8);
    let mut v = 0;
    while v <= axis_max {
        let label = v.to_string();
        let w = m.width(&label, SMALL);
        pages
            .runs()
            .push(Run::plain(left - 5.0 - w, y_of(v) - 3.0, SMALL, label));
        v += step;
    }

    let n = chart.labels.len().max(1);
    let slot = width / n as f32;
    if chart.lines {
        for (s, (_, values)) in chart.series.iter().enumerate() {
            let points: Vec<LinePoint> = values
                .iter()
                .enumerate()
                .map(|(i, v)| point(left + slot * (i as f32 + 0.5), y_of(*v)))
                .collect();
            let ops = pages.ops();
            ops.push(Op::SetOutlineColor {
                col: rgb(SERIES[s]),
            });
            ops.push(Op::SetOutlineThickness { pt: Pt(1.8) });
            if points.len() > 1 {
                ops.push(Op::DrawLine {
                    line: Line {
                        is_closed: false,
                        points: points.clone(),
                    },
                });
            }
            for p in points {
                fill(ops, SERIES[s], p.p.x.0 - 2.2, p.p.y.0 - 2.2, 4.4, 4.4);
            }
        }
    } else {
        let bar = (slot * 0.7 / 2.0).min(28.0);
        for (s, (_, values)) in chart.series.iter().enumerate() {
            for (i, v) in values.iter().enumerate() {
                let x = left + slot * i as f32 + (slot - 2.0 * bar) / 2.0 + s as f32 * bar;
                let h = y_of(*v) - bottom;
                if h > 0.0 {
                    fill(pages.ops(), SERIES[s], x, bottom, bar - 1.0, h);
                }
            }
        }
    }
    // Each series' value over its bar or point where there is room.
    if slot >= 24.0 {
        for (s, (_, values)) in chart.series.iter().enumerate() {
            for (i, v) in values.iter().enumerate().filter(|(_, v)| **v != 0) {
                let label = v.to_string();
                let w = m.width(&label, SMALL - 1.0);
                let centre = if chart.lines {
                    left + slot * (i as f32 + 0.5)
                } else {
                    let bar = (slot * 0.7 / 2.0).min(28.0);
                    left + slot * i as f32 + (slot - 2.0 * bar) / 2.0 + (s as f32 + 0.5) * bar
                };
                let y = y_of(*v) + if chart.lines && s == 1 { -9.0 } else { 3.0 };
                pages
                    .runs()
                    .push(Run::plain(centre - w / 2.0, y, SMALL - 1.0, label));
            }
        }
    }
    // The group labels: words wrapped to their slot (two lines at most);
    // labels that cannot break (months, "2025-03") set smaller to fit.
    let mut lowest = bottom;
    for (i, label) in chart.labels.iter().enumerate() {
        let size = if label.is_ascii() && !label.contains(' ') {
            let at_one = m.width(label, 1.0).max(0.01);
            SMALL.min((slot - 3.0) / at_one).max(4.0)
        } else {
            SMALL
        };
        let lines = wrap(m, label, size, slot - 2.0);
        for (k, line) in lines.into_iter().take(2).enumerate() {
            let w = m.width(&line, size);
            let y = bottom - 11.0 - k as f32 * (size + 2.0);
            lowest = lowest.min(y);
            pages.runs().push(Run::plain(
                left + slot * (i as f32 + 0.5) - w / 2.0,
                y,
                size,
                line,
            ));
        }
    }
    let ops = pages.ops();
    ops.push(Op::SetOutlineColor {
        col: rgb((0.0, 0.0, 0.0)),
    });
    pages.y = lowest - 16.0;
}

/// A table in parts of at most [`TABLE_COLUMNS`] value columns, each part
/// a ruled grid with its header, continued on the next page with the
/// header repeated.
fn draw_table(pages: &mut Pages, m: &Metrics, bold: &Metrics, table: &ReportTable) {
    let left = MARGIN_X;
    let right = PAGE_W - MARGIN_X;
    let name_w = 96.0;
    let values = table.header.len().saturating_sub(1);
    let parts: Vec<(usize, usize)> = (0..values)
        .step_by(TABLE_COLUMNS)
        .map(|start| (start, (start + TABLE_COLUMNS).min(values)))
        .collect();
    let row_h = SMALL * 2.0;
    for (part, (from, to)) in parts.into_iter().enumerate() {
        let col_w = (right - left - name_w) / (to - from) as f32;
        let header_lines = |c: usize| wrap(bold, &table.header[c], SMALL, col_w - 6.0);
        let header_h = (from..to)
            .map(|c| header_lines(c + 1).len())
            .max()
            .unwrap_or(1)
            .max(1) as f32
            * (SMALL + 2.0)
            + 8.0;
        if part == 0 {
            heading(pages, &table.title, HEADING * 1.8 + header_h + row_h * 3.0);
        } else {
            pages.room(header_h + row_h * 3.0);
        }
        let head = |pages: &mut Pages| {
            let top = pages.y;
            stroke(pages.ops(), (left, top), (right, top), 0.8);
            let first = top - 4.0 - SMALL;
            pages.runs().push(Run {
                bold: true,
                ..Run::plain(left + 3.0, first, SMALL, table.header[0].clone())
            });
            for (k, c) in (from..to).enumerate() {
                let x = left + name_w + k as f32 * col_w;
                for (j, line) in header_lines(c + 1).into_iter().enumerate() {
                    let w = bold.width(&line, SMALL);
                    pages.runs().push(Run {
                        bold: true,
                        ..Run::plain(
                            x + col_w - 3.0 - w,
                            first - j as f32 * (SMALL + 2.0),
                            SMALL,
                            line,
                        )
                    });
                }
            }
            pages.y = top - header_h;
            let y = pages.y;
            stroke(pages.ops(), (left, y), (right, y), 0.6);
        };
        head(pages);
        let last = table.rows.len().saturating_sub(1);
        for (r, cells) in table.rows.iter().enumerate() {
            if pages.y - row_h < BOTTOM {
                pages.pages.push((Vec::new(), Vec::new()));
                pages.y = PAGE_H - 72.0;
                head(pages);
            }
            let total = r == last;
            let baseline = pages.y - row_h + 5.0;
            let name = cells.first().cloned().unwrap_or_default();
            let name = wrap(m, &name, SMALL, name_w - 6.0)
                .into_iter()
                .next()
                .unwrap_or_default();
            pages.runs().push(Run {
                bold: total,
                ..Run::plain(left + 3.0, baseline, SMALL, name)
            });
            for (k, c) in (from..to).enumerate() {
                let value = cells.get(c + 1).cloned().unwrap_or_default();
                let face = if total { bold } else { m };
                let w = face.width(&value, SMALL);
                let x = left + name_w + (k + 1) as f32 * col_w - 3.0 - w;
                pages.runs().push(Run {
                    bold: total,
                    ..Run::plain(x, baseline, SMALL, value)
                });
            }
            pages.y -= row_h;
            let y = pages.y;
            stroke(
                pages.ops(),
                (left, y),
                (right, y),
                if total || r + 1 == last { 0.6 } else { 0.25 },
            );
        }
        pages.y -= 12.0;
    }
}

/// "第 X 页 共 Y 页" centred at the foot of every page.
fn footers(pages: &mut [super::layout::Page], m: &Metrics, options: &PrintOptions) {
    if options.footer_pattern.is_empty() {
        return;
    }
    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let footer = options
            .footer_pattern
            .replace("{page}", &(i + 1).to_string())
            .replace("{pages}", &count.to_string());
        let w = m.width(&footer, 9.0);
        page.0
            .push(Run::plain((PAGE_W - w) / 2.0, 36.0, 9.0, footer));
    }
}

/// Refuses text the bundled font cannot print.
fn check(faces: &Faces, report: &StatisticsReport) -> Result<(), PdfError> {
    let texts = std::iter::once(&report.title)
        .chain(std::iter::once(&report.period))
        .chain(report.totals.iter().flat_map(|(l, v)| [l, v]))
        .chain(report.charts.iter().flat_map(|c| {
            std::iter::once(&c.title)
                .chain(&c.labels)
                .chain(c.series.iter().map(|(n, _)| n))
        }))
        .chain(report.tables.iter().flat_map(|t| {
            std::iter::once(&t.title)
                .chain(&t.header)
                .chain(t.rows.iter().flatten())
        }));
    super::sheets::check(faces, texts)
}

#[cfg(test)]
mod tests {
    use super::axis_top;

    #[test]
    fn the_value_axis_ends_on_a_round_number_at_or_above_the_largest_value() {
        assert_eq!(axis_top(0), (1, 1));
        assert_eq!(axis_top(3), (3, 1));
        assert_eq!(axis_top(7), (8, 2));
        assert_eq!(axis_top(10), (10, 2));
        assert_eq!(axis_top(23), (25, 5));
        assert_eq!(axis_top(96), (100, 20));
        // Five steps of 200 do not reach it; three of 500 do.
        assert_eq!(axis_top(1234), (1500, 500));
    }
}
