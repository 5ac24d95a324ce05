//! The centre desk in the real widgets: the director adds a mediator to
//! the roster; the case's desk ranks the roster with its reasons and shows
//! the conflict check's evidence; a tied mediator is refused until a
//! reason is written; a party's withdrawal request is recorded and
//! granted; an extension with every party's consent moves the due date;
//! an overdue case is on the board and on Today; a transferred case cannot
//! close before the answer. In Chinese, and the same screens in English.

mod harness;

use accord_app::gui::{
    Message,
    screen::{case_detail, desk},
};
use accord_core::{
    Category, UserRole, demo,
    mediator::{MediatorDetails, MediatorType},
};
use accord_store::Actor;
use harness::Harness;

/// The app as the centre's director (an administrator), with the water
/// leak case taken in (received 10 February 2025: long overdue).
fn director(locale: &str) -> (Harness, i64, Actor) {
    let mut h = Harness::new(false, locale);
    let director =
        h.rt.block_on(h.store.create_user(None, "李枭", UserRole::Administrator))
            .expect("director");
    h.rt.block_on(h.store.set_current_user(director.id))
        .expect("current");
    let valid = demo::water_leak_case().validate().expect("valid");
    let case =
        h.rt.block_on(h.store.create_case(&Actor::system(), &valid))
            .expect("case");
    // A mediator whose name and phone are the respondent's.
    let tied = MediatorDetails {
        name: "王建国".into(),
        mediator_type: Some(MediatorType::Volunteer),
        unit: "青五社区".into(),
        categories: vec![Category::Neighbour],
        phone: Some("13704720601".into()),
        active: true,
        ..Default::default()
    };
    let actor = Actor::from(&director);
    h.rt.block_on(h.store.save_mediator(&actor, None, &tied))
        .expect("tied mediator");
    h.restart();
    (h, case.id, actor)
}

fn d(m: desk::Message) -> Message {
    Message::Desk(m)
}

fn c(m: desk::case::Message) -> Message {
    Message::CaseDesk(m)
}

#[test]
fn the_director_assigns_with_the_conflict_check_and_the_board_sees_time_limits() {
    let (mut h, case_id, _) = director("zh-CN");
    // The roster: a new entry through the form.
    h.interact(|ui| {
        ui.click("工作台").expect("the desk tab");
    });
    assert!(h.shows("中心工作台"));
    h.interact(|ui| {
        ui.click("添加调解员").expect("add");
    });
    h.send(d(desk::Message::Name("周敏".into())));
    h.interact(|ui| {
        ui.click("保存到名册").expect("save");
    });
    assert!(h.shows("请选择调解员类别。"), "the type is required");
    h.send(d(desk::Message::Type(accord_app::gui::Labeled {
        value: MediatorType::FullTime,
        label: String::new(),
    })));
    h.send(d(desk::Message::Category(Category::Neighbour, true)));
    h.interact(|ui| {
        ui.click("保存到名册").expect("save");
    });
    assert!(h.shows("已保存 周敏。"), "saved");
    // The overdue case is on the board.
    assert!(h.shows_fragment("超期 1 件"), "the board's count");
    assert!(h.shows_fragment("已超期"));

    // The case's desk: suggestions with their reasons and the evidence.
    h.send(d(desk::Message::OpenCase(case_id)));
    assert!(h.shows_fragment("推荐的调解员"));
    assert!(h.shows_fragment("邻里纠纷 · 0 件在办"), "reasons");
    assert!(
        h.shows("回避审查：当事人王建国 — 同名且电话相同（13704720601）"),
        "the tie and its evidence"
    );
    // The tied mediator is refused without a reason; nothing is assigned.
    let tied = h.rt.block_on(h.store.roster()).expect("roster");
    let tied_id = tied
        .iter()
        .find(|m| m.details.name == "王建国")
        .expect("tied")
        .id;
    let zhou_id = tied
        .iter()
        .find(|m| m.details.name == "周敏")
        .expect("zhou")
        .id;
    h.send(c(desk::case::Message::Pick(tied_id)));
    assert!(
        h.shows_fragment("仍要指派的理由"),
        "the reason field appears"
    );
    h.interact(|ui| {
        ui.click("指派").expect("assign");
    });
    assert!(h.shows_fragment("回避审查发现该调解员与案件当事人存在关联"));
    assert!(
        h.rt.block_on(h.store.case_desk(case_id))
            .expect("desk")
            .assignments
            .is_empty()
    );
    h.send(c(desk::case::Message::OverrideReason(
        "双方当事人书面同意".into(),
    )));
    h.interact(|ui| {
        ui.click("指派").expect("assign");
    });
    assert!(h.shows("已指派 王建国。"));
    assert!(h.shows("仍予指派的理由：双方当事人书面同意"));

    // 李玥 asks him to withdraw; the director grants it.
    let case = h.rt.block_on(h.store.case(case_id)).expect("case");
    let li = case.parties[0].id;
    h.interact(|ui| {
        ui.click("申请回避").expect("request");
    });
    h.send(c(desk::case::Message::RecusalParty(
        accord_app::gui::Labeled {
            value: desk::case::PartyPick(li),
            label: String::new(),
        },
    )));
    h.send(c(desk::case::Message::RecusalReason(
        "调解员系被申请人本人".into(),
    )));
    h.interact(|ui| {
        ui.click("记录申请").expect("record");
    });
    assert!(h.shows("已记录回避申请，待主任决定。"));
    h.send(c(desk::case::Message::DecisionReason(
        "利害关系属实".into(),
    )));
    h.interact(|ui| {
        ui.click("准予回避").expect("grant");
    });
    assert!(h.shows("已作出决定。"));
    assert!(h.shows_fragment("李玥 申请 王建国 回避：调解员系被申请人本人（准予回避）"));
    // 周敏 takes it.
    h.send(c(desk::case::Message::Pick(zhou_id)));
    h.interact(|ui| {
        ui.click("指派").expect("assign");
    });
    assert!(h.shows("已指派 周敏。"));

    // An extension needs everyone's consent; with it the date moves.
    h.send(c(desk::case::Message::ExtendTo("2025-04-10".into())));
    h.send(c(desk::case::Message::ExtendReason(
        "等待房屋损失鉴定".into(),
    )));
    h.send(c(desk::case::Message::Consent(case.parties[0].id, true)));
    h.interact(|ui| {
        ui.click("记录延期").expect("extend");
    });
    assert!(
        h.shows("延长办理期限须经各方当事人同意。"),
        "refused without everyone"
    );
    for p in &case.parties[1..] {
        h.send(c(desk::case::Message::Consent(p.id, true)));
    }
    h.interact(|ui| {
        ui.click("记录延期").expect("extend");
    });
    assert!(h.shows("办结期限已延至 2025-04-10。"));
    assert!(h.shows_fragment("延期至 2025年4月10日：等待房屋损失鉴定"));

    // Still overdue today: Today carries it, opening its desk.
    h.send(Message::Nav(accord_app::gui::Nav::Today));
    assert!(h.shows("临近办结期限和已超期的案件"));
    assert!(h.shows_fragment("已超期"));

    // Transferred: the case cannot close before the answer.
    h.send(Message::Nav(accord_app::gui::Nav::Desk));
    h.send(d(desk::Message::OpenCase(case_id)));
    h.send(c(desk::case::Message::RouteBody(
        accord_app::gui::Labeled {
            value: accord_core::desk::RoutingBody::Police,
            label: String::new(),
        },
    )));
    h.send(c(desk::case::Message::RouteName("青山路派出所".into())));
    h.send(c(desk::case::Message::RouteReason(
        "涉嫌故意毁坏财物".into(),
    )));
    h.send(c(desk::case::Message::RouteDone("已两次背对背调解".into())));
    let due = (chrono::Local::now().date_naive() + chrono::Days::new(10)).to_string();
    h.send(c(desk::case::Message::RouteDue(due)));
    h.interact(|ui| {
        ui.click("转办并出具转办单").expect("route");
    });
    assert!(h.shows_fragment("已转至 青山路派出所"));
    h.interact(|ui| {
        ui.click("返回案件").expect("back");
    });
    assert!(h.shows("已转交"));
    h.interact(|ui| {
        ui.click("转为“已结案”").expect("close");
    });
    assert!(h.shows_fragment("接收单位尚未反馈，案件暂不能结案。"));
    assert_eq!(
        h.rt.block_on(h.store.case(case_id)).expect("case").status,
        accord_core::CaseStatus::Referred
    );
    h.send(Message::Detail(case_detail::Message::Desk));
    h.send(c(desk::case::Message::FeedbackResult(
        "已受理并立案".into(),
    )));
    h.interact(|ui| {
        ui.click("登记反馈").expect("feedback");
    });
    assert!(h.shows("已登记反馈。"));
    h.interact(|ui| {
        ui.click("返回案件").expect("back");
    });
    h.interact(|ui| {
        ui.click("转为“已结案”").expect("close");
    });
    assert_eq!(
        h.rt.block_on(h.store.case(case_id)).expect("case").status,
        accord_core::CaseStatus::Closed
    );
    if std::env::var_os("ACCORD_SCREENSHOTS").is_some() {
        h.send(Message::Detail(case_detail::Message::Desk));
        h.screenshot("desk/case_zh");
        h.send(Message::Nav(accord_app::gui::Nav::Desk));
        h.screenshot("desk/board_zh");
    }
}

#[test]
fn the_desk_speaks_english_too() {
    let (mut h, case_id, _) = director("en-US");
    h.interact(|ui| {
        ui.click("Desk").expect("the desk tab");
    });
    assert!(h.shows("Centre desk"));
    assert!(h.shows_fragment("1 overdue"));
    h.send(d(desk::Message::OpenCase(case_id)));
    assert!(h.shows("Conflict check: Party 王建国 — the same name and phone (13704720601)"));
    assert!(h.shows_fragment("Neighbour dispute · 0 open cases"));
    // From the keyboard: the palette (Ctrl+K) offers every step.
    let run = |h: &mut Harness, label: &str| {
        let command = h
            .app
            .commands()
            .into_iter()
            .find(|c| c.label == label)
            .unwrap_or_else(|| panic!("no command {label}"));
        h.send(command.message);
    };
    run(&mut h, "Choose mediator 王建国");
    run(&mut h, "Assign");
    assert!(h.shows_fragment("To assign them anyway, write why."));
    run(&mut h, "Kind of body: Police");
    h.send(c(desk::case::Message::RouteName(
        "Qingshan Road police station".into(),
    )));
    h.send(c(desk::case::Message::RouteReason(
        "Suspected damage to property".into(),
    )));
    h.send(c(desk::case::Message::RouteDone(
        "Two separate sessions".into(),
    )));
    run(&mut h, "Transfer and issue the slip");
    assert!(h.shows_fragment("Transferred to Qingshan Road police station."));
    if std::env::var_os("ACCORD_SCREENSHOTS").is_some() {
        h.screenshot("desk/case_en");
    }
}

/// All the text of a PDF, without spaces or line breaks.
fn pdf_text(path: &std::path::Path) -> String {
    let doc = lopdf::Document::load(path).expect("a PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages)
        .expect("text")
        .split_whitespace()
        .collect()
}

#[test]
fn judicial_confirmation_is_prepared_printed_and_its_ruling_recorded() {
    let mut h = Harness::new(true, "zh-CN");
    let t = accord_i18n::Translations::load(accord_i18n::Locale::ZhCn).expect("locale");
    let (case, _) =
        h.rt.block_on(accord_app::publish::load_demo(
            &h.store,
            &Actor::system(),
            &t,
        ))
        .expect("demo");
    h.restart();
    h.send(Message::Nav(accord_app::gui::Nav::Desk));
    h.send(d(desk::Message::OpenCase(case.id)));
    // The window is counted from the day the agreement took effect.
    assert!(h.shows_fragment("须在"), "the 30-day window");
    assert!(
        !h.shows_fragment("不予司法确认"),
        "a neighbour dispute is confirmable"
    );
    h.send(c(desk::case::Message::Court("包头市青山区人民法院".into())));
    h.interact(|ui| {
        ui.click("制作申请书").expect("prepare");
    });
    assert!(h.shows("已制作司法确认申请书。"));
    h.interact(|ui| {
        ui.click("生成申请书和各方材料封面（PDF）").expect("papers");
    });
    assert!(h.shows_fragment("已保存"), "the notice names the files");
    let dir = std::path::Path::new(&h.url)
        .parent()
        .expect("dir")
        .join("agreements");
    let application = dir.join(format!("{}-司法确认申请书.pdf", case.number));
    let text = pdf_text(&application);
    for expected in [
        "司法确认申请书",
        "包头市青山区人民法院",
        "李玥",
        "赵喆",
        "王建国",
        "确认",
        "人民调解协议书",
        "身份证明",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    for p in &case.parties {
        let cover = dir.join(format!("{}-申请材料封面-{}.pdf", case.number, p.name));
        assert!(pdf_text(&cover).contains(&p.name), "{}'s cover", p.name);
    }
    // Filed, then confirmed: the steps end with the ruling, and the
    // ladder's warnings that the window closes are done with the filing.
    let window_open = |h: &Harness| {
        h.rt.block_on(h.store.case_followups(case.id))
            .expect("follow-ups")
            .iter()
            .filter(|f| {
                f.kind == accord_core::followup::FollowUpKind::ConfirmationWindow
                    && f.state == accord_core::followup::FollowUpState::Open
            })
            .count()
    };
    assert!(
        window_open(&h) > 0,
        "the example warns before the window closes"
    );
    h.send(c(desk::case::Message::CourtNumber(
        "（2025）内0204民特12号".into(),
    )));
    h.interact(|ui| {
        ui.click("登记已申请").expect("filed");
    });
    assert!(h.shows("已登记向法院申请。"));
    assert_eq!(window_open(&h), 0, "filed: no more window warnings");
    h.send(c(desk::case::Message::RulingNote(
        "裁定调解协议有效".into(),
    )));
    h.interact(|ui| {
        ui.click("裁定确认有效").expect("ruling");
    });
    assert!(h.shows("已登记法院裁定。"));
    assert!(h.shows("法院裁定确认有效"));
    assert!(!h.shows("裁定驳回"), "no further step offered");
    let jc =
        h.rt.block_on(h.store.case_desk(case.id))
            .expect("desk")
            .jc
            .expect("jc");
    assert_eq!(jc.state, accord_core::desk::JcState::Confirmed);
    assert_eq!(jc.court_number.as_deref(), Some("（2025）内0204民特12号"));
}

#[test]
fn an_agreement_on_a_matter_courts_do_not_confirm_warns() {
    let mut h = Harness::new(true, "zh-CN");
    // An agreement whose facts speak of the marriage.
    let fresh =
        h.rt.block_on(h.store.create_case(
            &Actor::system(),
            &demo::water_leak_case().validate().expect("valid"),
        ))
        .expect("case");
    let mut content = demo::water_leak_agreement(&fresh);
    content.facts = format!("{}双方同意解除婚姻关系。", content.facts);
    h.rt.block_on(h.store.save_agreement(&Actor::system(), fresh.id, &content))
        .expect("draft");
    for status in [
        accord_core::agreement::AgreementStatus::InReview,
        accord_core::agreement::AgreementStatus::Approved,
    ] {
        h.rt.block_on(
            h.store
                .review_agreement(&Actor::system(), fresh.id, status, None),
        )
        .expect("review");
    }
    for (slot, signatory) in content.signatories(&fresh).into_iter().enumerate() {
        h.rt.block_on(h.store.save_signature(
            &Actor::system(),
            fresh.id,
            &accord_core::agreement::Signature {
                slot,
                name: signatory.name,
                method: accord_core::agreement::SignMethod::Paper,
                strokes: Vec::new(),
                signed_at: chrono::Utc::now(),
            },
        ))
        .expect("signed on paper");
    }
    h.rt.block_on(h.store.finalise_agreement(&Actor::system(), fresh.id))
        .expect("final");
    h.restart();
    h.send(Message::Nav(accord_app::gui::Nav::Desk));
    h.send(d(desk::Message::OpenCase(fresh.id)));
    assert!(
        h.shows("注意：协议涉及婚姻关系，人民法院对此类事项不予司法确认。"),
        "the warning names the matter"
    );
}

#[test]
fn the_board_shows_each_cases_risk_flag_and_filters_the_flagged_ones() {
    let (mut h, _, actor) = director("zh-CN");
    // A second overdue case whose summary tells of a threat of self-harm:
    // a red flag.
    let mut threat = demo::water_leak_case();
    threat.summary = "申请人称对方若不赔偿，就要自杀给他看。".into();
    for (i, p) in threat.parties.iter_mut().enumerate() {
        p.name = format!("周{}", ["甲", "乙", "丙"][i % 3]);
        p.id_number = String::new();
        p.phone = format!("1390472111{i}");
    }
    let threat =
        h.rt.block_on(
            h.store
                .create_case(&actor, &threat.validate().expect("valid")),
        )
        .expect("case");
    h.restart();
    h.interact(|ui| {
        ui.click("工作台").expect("the desk tab");
    });
    assert!(h.shows("2025-0001"), "the water leak, unflagged");
    assert!(h.shows(&threat.number.to_string()));
    assert!(h.shows("红色预警"), "the flag on the board");
    h.interact(|ui| {
        ui.click("只看有预警的案件").expect("the filter");
    });
    assert!(h.shows(&threat.number.to_string()));
    assert!(!h.shows("2025-0001"), "the unflagged case is filtered out");
    h.interact(|ui| {
        ui.click("只看有预警的案件").expect("the filter");
    });
    assert!(h.shows("2025-0001"), "and back");
}
