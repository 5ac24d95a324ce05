//! The mediator's first steps in the real widgets (iced_test simulator,
//! tiny-skia backend): intake, errors in their language, the case list,
//! the language switch and the first run.

mod harness;

use accord_app::gui::Message;
use accord_i18n::Locale;
use chrono::Datelike;
use harness::{Harness, type_into};

#[test]
fn a_new_case_with_two_parties_is_saved_and_found_in_the_list() {
    let mut h = Harness::new(true, "zh-CN");
    assert!(h.shows("没有符合条件的案件。"));
    h.interact(|ui| {
        ui.click("新建案件").expect("nav button");
    });
    assert!(h.shows("新建案件"));
    h.interact(|ui| {
        type_into(ui, "intake_summary", "六楼漏水损坏五楼顶棚");
        type_into(ui, "party_0_name", "李玥");
        type_into(ui, "party_0_idnumber", "150204198509230024");
        type_into(ui, "party_0_phone", "13804720501");
        type_into(ui, "party_1_name", "王建国");
        ui.click("保存案件").expect("save button");
    });
    assert!(
        h.shows_fragment("已保存"),
        "a notice says the case was saved"
    );
    assert!(
        h.shows("开始调解"),
        "the new case is shown, ready for the room"
    );
    h.interact(|ui| {
        ui.click("案件").expect("nav button");
    });
    assert!(h.shows("李玥"), "the applicant is in the list");
    assert!(h.shows("王建国"), "the respondent is in the list");
    assert!(h.shows("邻里纠纷"));

    // Searching by a two-character fragment of a name finds it.
    h.interact(|ui| type_into(ui, "case_search", "建国"));
    assert!(h.shows("王建国"));
    h.interact(|ui| type_into(ui, "case_search", "x"));
    assert!(h.shows("没有符合条件的案件。"));

    // It is really in the database file, with both parties.
    let cases =
        h.rt.block_on(h.store.list_cases(&Default::default()))
            .expect("list");
    assert_eq!(cases.total, 1);
    assert_eq!(cases.rows[0].applicants, vec!["李玥"]);
    assert_eq!(cases.rows[0].respondents, vec!["王建国"]);
}

#[test]
fn a_person_s_ethnic_group_and_occupation_an_agent_s_powers_and_who_signs_for_a_company_are_kept() {
    let mut h = Harness::new(true, "zh-CN");
    h.interact(|ui| {
        ui.click("新建案件").expect("nav button");
    });
    // The first party is a company (picked from its kind list): who signs
    // for it, not 民族 and 职业.
    h.send(Message::Intake(
        accord_app::gui::screen::intake::Message::PartyKindPicked(
            0,
            accord_app::gui::Labeled {
                value: accord_core::PartyKind::Organisation,
                label: "法人或其他组织".into(),
            },
        ),
    ));
    assert!(h.shows("代表单位签名的人"));
    h.interact(|ui| {
        type_into(ui, "intake_summary", "物业费纠纷");
        type_into(ui, "party_0_name", "包头市青山物业服务有限公司");
        type_into(ui, "party_0_representative", "王建国");
        type_into(ui, "party_1_name", "李玥");
        type_into(ui, "party_1_ethnicity", "蒙古族");
        type_into(ui, "party_1_occupation", "包头钢铁公司退休职工");
        type_into(ui, "party_1_agentname", "张律");
    });
    // With an agent named, the agent's powers are asked for.
    h.interact(|ui| {
        type_into(ui, "party_1_agentauthority", "特别授权（授权委托书附卷）");
        ui.click("保存案件").expect("save button");
    });
    assert!(h.shows_fragment("已保存"), "saved");
    let id =
        h.rt.block_on(h.store.list_cases(&Default::default()))
            .expect("list")
            .rows[0]
            .id;
    let case = h.rt.block_on(h.store.case(id)).expect("case");
    let company = &case.parties[0];
    assert_eq!(company.kind, accord_core::PartyKind::Organisation);
    assert_eq!(
        company.details.representative,
        Some(accord_core::Representative {
            name: "王建国".into(),
            title: accord_core::RepresentativeTitle::LegalRepresentative,
        })
    );
    let person = &case.parties[1];
    assert_eq!(person.details.ethnicity.as_deref(), Some("蒙古族"));
    assert_eq!(
        person.details.occupation.as_deref(),
        Some("包头钢铁公司退休职工")
    );
    let agent = person.agent.as_ref().expect("an agent");
    assert_eq!(agent.authority, "特别授权（授权委托书附卷）");
    assert_eq!(agent.kind, accord_core::AgentKind::Entrusted);
    // The case page shows them.
    for shown in [
        "蒙古族",
        "包头钢铁公司退休职工",
        "法定代表人",
        "委托代理人",
        "张律，代理权限：特别授权（授权委托书附卷）",
    ] {
        assert!(h.shows(shown), "{shown} on the case page");
    }
}

#[test]
fn a_wrong_id_number_shows_the_translated_error_and_keeps_every_field() {
    let mut h = Harness::new(true, "zh-CN");
    h.send(Message::Nav(accord_app::gui::Nav::NewCase));
    h.interact(|ui| {
        type_into(ui, "intake_summary", "物业费争议");
        type_into(ui, "party_0_name", "张珺");
        type_into(ui, "party_0_idnumber", "150204198509230025");
        type_into(ui, "party_0_address", "青山区青五社区3栋");
        type_into(ui, "party_1_name", "青山物业");
        ui.click("保存案件").expect("save button");
    });
    assert!(
        h.shows("身份证号码校验位不正确，请逐位核对。"),
        "the error is next to the field, in Chinese"
    );
    assert!(h.shows_fragment("有 1 处需要修改"));
    for kept in [
        "张珺",
        "150204198509230025",
        "青山区青五社区3栋",
        "青山物业",
    ] {
        assert!(h.shows_fragment(kept), "{kept} was lost");
    }
    assert_eq!(
        h.rt.block_on(h.store.count_cases()).expect("count"),
        0,
        "nothing was saved"
    );

    // Correcting the one character is enough: everything else was kept.
    h.interact(|ui| {
        ui.click(iced_test::selector::id("party_0_idnumber"))
            .expect("id field");
        let _ = ui.tap_key(iced::keyboard::key::Named::Backspace);
        let _ = ui.typewrite("4");
        ui.click("保存案件").expect("save button");
    });
    let number = accord_core::CaseNumber::new(chrono::Local::now().year(), 1);
    let case =
        h.rt.block_on(h.store.case_by_number(number))
            .expect("query")
            .expect("saved after the correction");
    assert_eq!(case.summary, "物业费争议");
    assert_eq!(
        case.parties[0].id_number.as_deref(),
        Some("150204198509230024")
    );
    assert_eq!(
        case.parties[0].address.as_deref(),
        Some("青山区青五社区3栋")
    );

    // A new form with the same mistake, to see it in English.
    h.send(Message::Nav(accord_app::gui::Nav::NewCase));
    h.interact(|ui| {
        type_into(ui, "party_0_idnumber", "150204198509230025");
        ui.click("保存案件").expect("save button");
    });
    // In English the same mistake reads in English.
    h.send(Message::LocalePicked(Locale::EnUs));
    assert!(h.shows(
        "The check character of this ID number does not match; please compare it digit by digit."
    ));
}

#[test]
fn switching_language_changes_the_labels_and_is_remembered() {
    let mut h = Harness::new(true, "zh-CN");
    assert!(h.shows("案件列表"));
    assert!(h.ui().find("Cases").is_err());
    h.send(Message::LocalePicked(Locale::EnUs));
    assert!(h.shows("Cases"));
    assert!(h.shows("New case"));
    assert!(h.shows("Search by case number or party name"));
    h.restart();
    assert!(h.shows("Cases"), "the language survives a restart");
    assert_eq!(h.app.locale(), Locale::EnUs);
}

#[test]
fn the_first_run_asks_who_you_are_and_offers_the_example() {
    let mut h = Harness::new(false, "zh-CN");
    assert!(h.shows("欢迎使用 Accord"));
    // An empty name is refused in words, not silently.
    h.interact(|ui| {
        ui.click("开始使用").expect("start");
    });
    assert!(h.shows("请填写姓名或名称。"));
    // A password typed differently twice is refused, and nothing is made.
    h.interact(|ui| {
        type_into(ui, "first_run_name", "李瑞芳");
        type_into(ui, "first_run_login", "admin");
        type_into(ui, "first_run_password", "管理员的密码123");
        type_into(ui, "first_run_again", "管理员的密码12");
        ui.click("开始使用").expect("start");
    });
    assert!(h.shows("两次输入的密码不一致，请输入相同的密码。"));
    assert!(!h.rt.block_on(h.store.has_accounts()).expect("q"));
    h.interact(|ui| {
        type_into(ui, "first_run_again", "3");
        ui.click("开始使用").expect("start");
    });
    assert!(h.shows("数据库还是空的"));
    let admin =
        h.rt.block_on(h.store.log_in("admin", "管理员的密码123"))
            .expect("the administrator logs in");
    assert_eq!(admin.role, accord_core::UserRole::Administrator);
    h.interact(|ui| {
        ui.click("载入示例案件").expect("load example");
    });
    assert!(h.shows("王建国"));
    assert!(h.shows("李玥、赵喆"));
    assert!(
        h.shows_fragment("李瑞芳"),
        "the header names the current user"
    );
    let log = h.rt.block_on(h.store.audit_log()).expect("log");
    // The example agreement was approved by the example's legal advisor;
    // everything else is recorded as hers.
    for e in &log {
        if e.action == accord_core::AuditAction::AgreementApproved {
            assert_eq!(e.who, "周敏（法律顾问）");
        } else {
            assert_eq!(e.who, "李瑞芳", "{e:?}");
        }
    }
    assert!(
        log.iter()
            .any(|e| e.action == accord_core::AuditAction::AgreementSealed),
        "the example agreement is sealed"
    );
}

#[test]
fn opening_a_case_shows_its_parties_amounts_in_words_and_history() {
    let mut h = Harness::new(true, "zh-CN");
    let (case, _) =
        h.rt.block_on(h.store.load_demo(&accord_store::Actor::system()))
            .expect("demo");
    h.restart();
    h.interact(|ui| {
        ui.click(case.number.to_string().as_str())
            .expect("case number button");
    });
    assert_eq!(h.app.showing_case().map(|c| c.id), Some(case.id));
    assert!(h.shows("150204196805120031"));
    assert!(h.shows_fragment("人民币捌仟元整"));
    h.interact(|ui| {
        ui.click("转为“已分派”").expect("status button");
    });
    assert!(h.shows("状态已变更为“已分派”。"));
    assert!(h.shows_fragment("变更状态 → 已分派"));
}

#[path = "../../store/tests/common/mod.rs"]
mod backends;

/// Two rooms' laptops on one database: a case taken in one is in the
/// other's list after "Refresh", and after the background refresh too.
#[test]
fn two_rooms_on_one_database_see_each_others_cases() {
    let setup = tokio::runtime::Runtime::new().expect("runtime");
    let sqlite = backends::TestDb::sqlite();
    let mut databases = vec![sqlite.url.clone()];
    let postgres = setup.block_on(backends::TestDb::postgres("ui_two_rooms"));
    databases.extend(postgres.as_ref().map(|db| db.url.clone()));
    for url in databases {
        let mut room_a = Harness::at(url.clone(), true, "zh-CN");
        let mut room_b = Harness::at(url.clone(), false, "zh-CN");
        assert!(room_b.shows("没有符合条件的案件。"), "{url}");
        room_a.interact(|ui| {
            ui.click("新建案件").expect("nav button");
        });
        room_a.interact(|ui| {
            type_into(ui, "intake_summary", "六楼漏水损坏五楼顶棚");
            type_into(ui, "party_0_name", "李玥");
            type_into(ui, "party_1_name", "王建国");
            ui.click("保存案件").expect("save button");
        });
        assert!(room_a.shows("李玥"));
        assert!(!room_b.shows("李玥"), "not yet read in room B");
        room_b.interact(|ui| {
            ui.click("刷新").expect("refresh button");
        });
        assert!(room_b.shows("李玥"), "{url}: room B sees room A's case");
        assert!(room_b.shows("王建国"));

        // The background refresh (every 30 s in the window) reads it too.
        let case = accord_core::demo::water_leak_case();
        room_a
            .rt
            .block_on(
                room_a.store.create_case(
                    &accord_store::Actor::system(),
                    &accord_core::NewCase {
                        summary: "噪音扰民".into(),
                        parties: vec![
                            accord_core::NewParty {
                                name: "赵喆".into(),
                                ..case.parties[1].clone()
                            },
                            accord_core::NewParty {
                                name: "孙昇".into(),
                                ..case.parties[2].clone()
                            },
                        ],
                        ..case
                    }
                    .validate()
                    .expect("valid"),
                ),
            )
            .expect("second case");
        assert!(!room_b.shows("孙昇"));
        room_b.send(Message::Background);
        assert!(room_b.shows("孙昇"), "{url}: the background refresh");
    }
    if let Some(db) = postgres {
        setup.block_on(db.finish());
    }
}

/// Escape on a half-filled intake form, Ctrl+N over it, or the header:
/// each asks before throwing the form away, and staying keeps every
/// field.
#[test]
fn a_half_filled_intake_form_is_never_thrown_away_without_asking() {
    use iced::keyboard::{Key, Modifiers, key::Named};
    let mut h = Harness::new(true, "zh-CN");
    h.send(Message::Nav(accord_app::gui::Nav::NewCase));
    h.interact(|ui| type_into(ui, "party_0_name", "张珺"));
    for leave in [
        Message::Key(Key::Named(Named::Escape), Modifiers::empty()),
        Message::Key(Key::Character("n".into()), Modifiers::CTRL),
        Message::Nav(accord_app::gui::Nav::Today),
    ] {
        h.send(leave);
        assert!(h.shows("有尚未保存的内容"), "asked first");
        assert!(h.shows_fragment("立案表中已填写的内容尚未保存"));
        h.send(Message::Key(Key::Named(Named::Escape), Modifiers::empty()));
        assert!(!h.shows("有尚未保存的内容"));
        assert!(h.shows_fragment("张珺"), "the form is still there");
    }
    // Discarding is a choice, and then the form is gone.
    h.send(Message::Nav(accord_app::gui::Nav::Cases));
    h.interact(|ui| {
        ui.click("放弃并离开（Ctrl+D）").expect("discard");
    });
    assert!(h.shows("没有符合条件的案件。"));
    h.send(Message::Nav(accord_app::gui::Nav::NewCase));
    assert!(!h.shows_fragment("张珺"), "a new form starts empty");
}

/// A notice on screen follows a language switch (it is kept as words to
/// translate, not as a sentence).
#[test]
fn a_notice_on_screen_changes_language_with_the_screen() {
    let mut h = Harness::new(true, "zh-CN");
    h.send(Message::Nav(accord_app::gui::Nav::NewCase));
    h.interact(|ui| {
        type_into(ui, "intake_summary", "噪音扰民");
        type_into(ui, "party_0_name", "张珺");
        type_into(ui, "party_1_name", "孙昇");
        ui.click("保存案件").expect("save button");
    });
    assert!(h.shows_fragment("已保存。"));
    h.send(Message::LocalePicked(Locale::EnUs));
    assert!(h.shows_fragment("saved."), "the notice is in English now");
    assert!(!h.shows_fragment("已保存。"));
}
