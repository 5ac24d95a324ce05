//! The case file screen in the real widgets: a repeat dispute's warning
//! on the case and on its file, cleared by the director with a note (the
//! trail records it); an investigation recorded; the 卷宗 bound and
//! written beside the database. In Chinese and in English.

mod harness;

use accord_app::gui::{Message, screen::case_file};
use accord_core::{UserRole, demo, risk::RiskRule};
use accord_store::Actor;
use harness::Harness;

fn cf(m: case_file::Message) -> Message {
    Message::CaseFile(m)
}

/// The director's app with the example case and a second case of the
/// same parties: a repeat dispute.
fn centre(locale: &str) -> (Harness, i64) {
    let mut h = Harness::new(false, locale);
    let director =
        h.rt.block_on(h.store.create_user(None, "李枭", UserRole::Administrator))
            .expect("director");
    h.rt.block_on(h.store.set_current_user(director.id))
        .expect("current");
    let actor = Actor::from(&director);
    let t = accord_i18n::Translations::get(if locale == "zh-CN" {
        accord_i18n::Locale::ZhCn
    } else {
        accord_i18n::Locale::EnUs
    });
    h.rt.block_on(accord_app::publish::load_demo(&h.store, &actor, t))
        .expect("demo");
    let again = demo::water_leak_case().validate().expect("valid");
    let case =
        h.rt.block_on(h.store.create_case(&actor, &again))
            .expect("case");
    h.restart();
    (h, case.id)
}

#[test]
fn the_director_clears_a_repeat_warning_records_an_investigation_and_binds_the_file() {
    let (mut h, _) = centre("zh-CN");
    h.interact(|ui| {
        ui.click("2025-0002").expect("the second case in the list");
    });
    assert!(
        h.shows_fragment("预警（黄色）：重复纠纷"),
        "the warning on the case"
    );
    h.interact(|ui| {
        ui.click("卷宗").expect("the case file button");
    });
    assert!(h.shows("卷宗：案件 2025-0002"));
    assert!(
        h.shows_fragment("2025-0001"),
        "the reason names the earlier case"
    );
    // Clearing needs a note: the button waits for one.
    h.interact(|ui| {
        let _ = ui.click("解除预警");
    });
    assert!(!h.shows_fragment("已由 李枭 解除"));
    h.send(cf(case_file::Message::ClearNote(
        RiskRule::Repeat,
        "同一漏水事件的续案，已合并处理".into(),
    )));
    h.interact(|ui| {
        ui.click("解除预警").expect("clear");
    });
    assert!(h.shows("已解除预警，并记入审计记录。"));
    assert!(h.shows_fragment("已由 李枭 解除：同一漏水事件的续案"));

    // An investigation: a time in the wrong form is refused with words,
    // and what was typed stays.
    h.send(cf(case_file::Message::InvAt("明天上午".into())));
    h.send(cf(case_file::Message::InvPlace(
        "青五社区3栋2单元501室".into(),
    )));
    h.send(cf(case_file::Message::InvInvestigators("李枭".into())));
    h.send(cf(case_file::Message::InvPersons("李玥、赵喆".into())));
    h.send(cf(case_file::Message::InvFindings(
        "顶棚水渍约两平方米".into(),
    )));
    h.interact(|ui| {
        ui.click("添加调查记录").expect("add");
    });
    assert!(h.shows("请按“2025-01-10 09:30”的格式填写调查时间。"));
    assert!(
        h.shows_fragment("顶棚水渍约两平方米"),
        "nothing typed is lost"
    );
    h.send(cf(case_file::Message::InvAt("2025-03-01 09:30".into())));
    h.interact(|ui| {
        ui.click("添加调查记录").expect("add");
    });
    assert!(h.shows("已添加调查记录。"));
    assert!(h.shows_fragment("2025-03-01 09:30"), "listed");
    h.screenshot("case-file-zh");

    h.interact(|ui| {
        ui.click("装订卷宗（PDF/A，加盖印章）").expect("bind");
    });
    assert!(h.shows_fragment("已保存 1 个文件"), "bound");
    let file = accord_app::publish::output_dir(Some(&h.url)).join("卷宗-2025-0002.pdf");
    let doc = lopdf::Document::load(&file).expect("the file was written");
    let text: String = doc
        .extract_text(&doc.get_pages().keys().copied().collect::<Vec<_>>())
        .expect("text")
        .split_whitespace()
        .collect();
    assert!(
        text.contains("顶棚水渍约两平方米"),
        "the investigation is in it"
    );
}

#[test]
fn in_english_the_same_screen() {
    let (mut h, _) = centre("en-US");
    h.interact(|ui| {
        ui.click("2025-0002").expect("the second case in the list");
    });
    assert!(h.shows_fragment("Warning (Yellow): Repeat dispute"));
    h.interact(|ui| {
        ui.click("Case file").expect("the case file button");
    });
    assert!(h.shows("Case file: case 2025-0002"));
    assert!(h.shows("Clear the warning"));
    assert!(h.shows("Bind the case file (PDF/A, sealed)"));
}
