//! The statistics screen in the real widgets: the period's totals and a
//! breakdown as the director sees them, and the monthly report exported as
//! XLSX, opened with calamine and read back cell by cell equal to the
//! numbers on the screen. In Chinese and in English.

mod harness;

use std::io::Cursor;

use accord_app::gui::{Message, screen::stats};
use accord_core::{
    Category, IntakeChannel, UserRole, demo,
    desk::Performance,
    stats::{CaseSource, StatCategory},
};
use accord_store::{Actor, Classification};
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::{TimeZone, Utc};
use harness::Harness;

fn s(m: stats::Message) -> Message {
    Message::Stats(m)
}

/// The director's app with two cases of 2025: the water leak (neighbours,
/// grid report, open) and a family dispute received 3 March by phone,
/// settled orally and marked 防止民转刑 for 2 persons.
fn centre(locale: &str) -> Harness {
    let mut h = Harness::new(false, locale);
    let director =
        h.rt.block_on(h.store.create_user(None, "李枭", UserRole::Administrator))
            .expect("director");
    h.rt.block_on(h.store.set_current_user(director.id))
        .expect("current");
    let actor = Actor::from(&director);
    let valid = demo::water_leak_case().validate().expect("valid");
    h.rt.block_on(h.store.create_case(&actor, &valid))
        .expect("case");
    let mut family = demo::water_leak_case();
    family.category = Category::Family;
    family.channel = IntakeChannel::Phone;
    family.received_at = Utc
        .with_ymd_and_hms(2025, 3, 3, 2, 0, 0)
        .single()
        .expect("time");
    for (i, p) in family.parties.iter_mut().enumerate() {
        p.name = format!("张{}", ["甲", "乙", "丙"][i % 3]);
        p.id_number = String::new();
        p.phone = format!("1390472000{i}");
    }
    let family =
        h.rt.block_on(
            h.store
                .create_case(&actor, &family.validate().expect("valid")),
        )
        .expect("family");
    h.rt.block_on(h.store.record_oral_agreement(
        &actor,
        family.id,
        "双方同意轮流赡养母亲",
        Performance::Performed,
    ))
    .expect("oral");
    h.rt.block_on(h.store.set_classification(
        &actor,
        family.id,
        &Classification {
            category: StatCategory::MarriageFamily,
            source: CaseSource::Application,
            crime_persons: Some(2),
            petition_persons: None,
        },
    ))
    .expect("classified");
    h.restart();
    h
}

fn number(cell: Option<&Data>) -> Option<f64> {
    match cell {
        Some(Data::Float(f)) => Some(*f),
        Some(Data::Int(i)) => Some(*i as f64),
        _ => None,
    }
}

fn text(cell: Option<&Data>) -> String {
    match cell {
        Some(Data::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// Opens the statistics, shows 2025 and exports the workbook; returns
/// its bytes.
fn export(h: &mut Harness, nav: &str) -> Vec<u8> {
    h.interact(|ui| {
        ui.click(nav).expect("the statistics tab");
    });
    h.send(s(stats::Message::From("2025-01-01".into())));
    h.send(s(stats::Message::To("2025-12-31".into())));
    h.send(s(stats::Message::Show));
    h.send(s(stats::Message::Export(stats::Export::Xlsx)));
    let dir = accord_app::publish::output_dir(Some(&h.url));
    let path = dir.join("accord-stats-202501-202512.xlsx");
    std::fs::read(&path).expect("the workbook was written beside the database")
}

#[test]
fn the_screen_shows_the_period_and_the_workbook_holds_the_same_numbers() {
    let mut h = centre("zh-CN");
    let bytes = export(&mut h, "统计");
    assert!(h.shows("人民调解工作统计表"));
    assert!(h.shows("统计期间：2025-01-01 至 2025-12-31"));
    // The totals: 2 received, 1 mediated and settled (100%), violence
    // prevented in 1 case for 2 persons.
    assert!(h.shows("100.0%"), "the settlement rate");
    assert!(h.shows("1 / 2"), "防止民转刑");
    assert!(h.shows_fragment("已保存"));
    // The table by dispute type: 婚姻家庭 then 邻里, then the total.
    assert!(h.shows("婚姻家庭"));
    assert!(h.shows("邻里"));
    assert!(h.shows("合计"));

    let report =
        h.rt.block_on(h.store.statistics(
            chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"),
            chrono::NaiveDate::from_ymd_opt(2025, 12, 31).expect("date"),
        ))
        .expect("report");
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("an XLSX file");
    assert_eq!(
        book.sheet_names(),
        vec!["按纠纷类型", "按受理渠道", "按调解员", "按月份"]
    );
    let sheet = book.worksheet_range("按纠纷类型").expect("sheet");
    assert_eq!(text(sheet.get_value((0, 0))), "人民调解工作统计表");
    assert_eq!(text(sheet.get_value((3, 1))), "受理");
    assert_eq!(text(sheet.get_value((3, 4))), "调解成功率");
    // Row by row, the numbers of the screen (the report it shows).
    let rows: Vec<(&str, &accord_core::stats::Tally)> = vec![
        ("婚姻家庭", &report.by_category[0].tally),
        ("邻里", &report.by_category[1].tally),
        ("合计", &report.total),
    ];
    for (i, (label, tally)) in rows.iter().enumerate() {
        let r = 4 + u32::try_from(i).expect("row");
        assert_eq!(text(sheet.get_value((r, 0))), *label);
        for c in 0..accord_app::publish::stats::XLSX_COLUMNS {
            let col = u32::try_from(c + 1).expect("col");
            let expected = accord_app::publish::stats::xlsx_value(c, tally);
            let got = number(sheet.get_value((r, col)));
            match expected {
                Some(v) => assert_eq!(got, Some(v), "{label}, column {c}"),
                None => assert_eq!(text(sheet.get_value((r, col))), "—", "{label}, column {c}"),
            }
        }
    }
    // And by hand: the family case received and settled, 100 %; the
    // neighbours' received only; two received in all, 1 prevented case of
    // 2 persons.
    assert_eq!(number(sheet.get_value((4, 1))), Some(1.0));
    assert_eq!(number(sheet.get_value((4, 3))), Some(1.0));
    assert_eq!(number(sheet.get_value((4, 4))), Some(1.0));
    assert_eq!(number(sheet.get_value((5, 1))), Some(1.0));
    assert_eq!(number(sheet.get_value((5, 3))), Some(0.0));
    assert_eq!(text(sheet.get_value((5, 4))), "—");
    assert_eq!(number(sheet.get_value((6, 1))), Some(2.0));
    assert_eq!(number(sheet.get_value((6, 10))), Some(1.0));
    assert_eq!(number(sheet.get_value((6, 11))), Some(2.0));

    let months = book.worksheet_range("按月份").expect("months");
    assert_eq!(text(months.get_value((4, 0))), "2025-01");
    assert_eq!(number(months.get_value((5, 1))), Some(1.0), "February");
    assert_eq!(number(months.get_value((6, 1))), Some(1.0), "March");
    assert_eq!(text(months.get_value((16, 0))), "合计");
}

#[test]
fn in_english_the_same_numbers_under_english_headings() {
    let mut h = centre("en-US");
    let bytes = export(&mut h, "Statistics");
    assert!(h.shows("People's mediation statistics"));
    assert!(h.shows("Marriage and family"));
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("an XLSX file");
    let sheet = book.worksheet_range("By dispute type").expect("sheet");
    assert_eq!(text(sheet.get_value((3, 1))), "Received");
    assert_eq!(text(sheet.get_value((6, 0))), "Total");
    assert_eq!(number(sheet.get_value((6, 1))), Some(2.0));
    h.send(s(stats::Message::Breakdown(stats::Breakdown::Month)));
    assert!(h.shows("2025-03"));
}

/// Every font of the PDF carries its program (FontFile, FontFile2 or
/// FontFile3 in its descriptor, or its descendant's).
fn fonts_embedded(doc: &lopdf::Document) -> usize {
    let mut fonts = 0;
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"FontDescriptor".as_slice()) {
            continue;
        }
        assert!(
            [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                .iter()
                .any(|k| dict.has(k)),
            "a font descriptor without its font program: {dict:?}"
        );
        fonts += 1;
    }
    fonts
}

#[test]
fn the_pdf_report_prints_the_tables_of_the_screen_and_draws_the_charts() {
    let mut h = centre("zh-CN");
    h.interact(|ui| {
        ui.click("统计").expect("the statistics tab");
    });
    h.send(s(stats::Message::From("2025-01-01".into())));
    h.send(s(stats::Message::To("2025-12-31".into())));
    h.send(s(stats::Message::Show));
    h.interact(|ui| {
        ui.click("导出报告（PDF，含图表）").expect("the PDF export");
    });
    assert!(h.shows_fragment("已保存"));
    let path = accord_app::publish::output_dir(Some(&h.url)).join("accord-stats-202501-202512.pdf");
    let bytes = std::fs::read(&path).expect("the report was written beside the database");
    let doc = lopdf::Document::load_mem(&bytes).expect("a PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let all = doc.extract_text(&pages).expect("text");
    let flat: String = all.split_whitespace().collect();
    for expected in [
        "人民调解工作统计表",
        "统计期间：2025-01-01至2025-12-31",
        "按纠纷类型",
        "按受理渠道",
        "按调解员",
        "按月份",
        "婚姻家庭",
        "邻里",
        "合计",
        "调解成功率",
        "100.0%",
        "1/2",
        "2025-03",
        &format!("第1页共{}页", pages.len()),
    ] {
        assert!(flat.contains(expected), "{expected} missing from: {all}");
    }
    // The table by dispute type, row by row, as the screen shows it.
    let report =
        h.rt.block_on(h.store.statistics(
            chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"),
            chrono::NaiveDate::from_ymd_opt(2025, 12, 31).expect("date"),
        ))
        .expect("report");
    let row_text = |name: &str, tally: &accord_core::stats::Tally| -> String {
        let cells: Vec<String> = accord_core::stats::columns()
            .iter()
            .take(6)
            .map(|(_, f)| f(tally))
            .collect();
        format!("{name}{}", cells.concat())
            .split_whitespace()
            .collect()
    };
    assert!(
        flat.contains(&row_text("婚姻家庭", &report.by_category[0].tally)),
        "{}\n{all}",
        row_text("婚姻家庭", &report.by_category[0].tally)
    );
    assert!(flat.contains(&row_text("合计", &report.total)), "{all}");
    // The charts: bars and lines in the two series' colours.
    let mut drawn = String::new();
    for id in doc.get_pages().values() {
        let content = doc.get_page_content(*id);
        drawn.push_str(&String::from_utf8_lossy(&content));
    }
    assert!(drawn.contains("0.12 0.37 0.66 rg"), "the received series");
    assert!(drawn.contains("0.8 0.4 0.1 rg"), "the settled series");
    assert!(drawn.contains("0.12 0.37 0.66 RG"), "the monthly line");
    assert!(fonts_embedded(&doc) >= 1);
}

/// Three more family cases, each settled orally (their mediation ends
/// today).
fn three_closed_cases(h: &mut Harness) {
    let director =
        h.rt.block_on(h.store.current_user())
            .expect("store")
            .expect("the director");
    let actor = Actor::from(&director);
    for k in 0..3 {
        let mut case = demo::water_leak_case();
        case.category = Category::Family;
        for (i, p) in case.parties.iter_mut().enumerate() {
            p.name = format!("{}{}", ["赵", "钱", "孙"][k], ["一", "二", "三"][i % 3]);
            p.id_number = String::new();
            p.phone = format!("13704{k}7200{i}");
        }
        let created =
            h.rt.block_on(
                h.store
                    .create_case(&actor, &case.validate().expect("valid")),
            )
            .expect("case");
        h.rt.block_on(h.store.record_oral_agreement(
            &actor,
            created.id,
            "双方和解",
            Performance::Performed,
        ))
        .expect("oral");
    }
}

#[test]
fn the_case_files_of_a_period_bind_one_by_one_with_progress_and_can_be_stopped() {
    let mut h = centre("zh-CN");
    three_closed_cases(&mut h);
    h.interact(|ui| {
        ui.click("统计").expect("the statistics tab");
    });
    h.send(s(stats::Message::From("2000-01-01".into())));
    h.send(s(stats::Message::To("2100-12-31".into())));
    h.send(s(stats::Message::Show));
    let dir = accord_app::publish::output_dir(Some(&h.url)).join("case-files-20000101-21001231");

    // The list, then the first case bound: the window shows 1 of 4 (the
    // family case of March and the three) and answers the stop button
    // while the second is being bound.
    let pending = h.send_rounds(s(stats::Message::BindFiles), 3);
    assert!(h.shows("正在装订卷宗：1 / 4"), "the progress");
    h.screenshot("stats-case-files-progress");
    h.interact(|ui| {
        ui.click("停止").expect("the stop button");
    });
    h.resume(pending);
    assert!(h.shows_fragment("已停止：共 4 件，已装订 2 份卷宗"));
    let index = std::fs::read_to_string(dir.join("index.csv")).expect("index");
    assert_eq!(
        index.lines().count(),
        3,
        "the header and the two done: {index}"
    );

    // Again, to the end: every file and a line each in the index, and the
    // button is back.
    h.send(s(stats::Message::BindFiles));
    assert!(h.shows_fragment("已装订 4 份卷宗（0 件未能装订"));
    assert!(h.shows("装订本期结案卷宗"));
    let index = std::fs::read_to_string(dir.join("index.csv")).expect("index");
    assert_eq!(index.lines().count(), 5, "{index}");
    let files = std::fs::read_dir(&dir)
        .expect("folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with("卷宗-"))
        })
        .count();
    assert_eq!(files, 4);
}

#[test]
fn a_period_without_closed_cases_says_so() {
    let mut h = centre("en-US");
    h.interact(|ui| {
        ui.click("Statistics").expect("the statistics tab");
    });
    h.send(s(stats::Message::From("1990-01-01".into())));
    h.send(s(stats::Message::To("1990-12-31".into())));
    h.send(s(stats::Message::BindFiles));
    assert!(h.shows("No case's mediation ended in this period."));
}
