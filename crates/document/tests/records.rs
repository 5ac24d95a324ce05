//! The standard papers of the case file printed and parsed back: the
//! application (or, for a case the committee took up itself or that was
//! transferred to it, the registration form), each party's notice of
//! rights and duties, the records of an investigation, of the mediation
//! and of a return visit, the closing report and the registration of an
//! oral agreement. Each carries its title, the case number, the parties
//! and its own fields; the record of the mediation carries what the whole
//! room may hear and nothing said in confidence, nor a mediator's note.
//!
//! `ACCORD_PDF_OUT=dir` keeps the files for looking at.

use std::collections::BTreeSet;

use accord_core::{
    Case, Choice, Currency, Disclosure, DisputedIssue, ItemKind, Money, RoomItem, demo,
    desk::{OralAgreement, Performance},
    followup::Satisfaction,
    investigation::{Investigation, ReturnVisit, VisitWay},
};
use accord_document::{
    AgreementDocument, Block, CaseResult, CaseSource, ClosingInput, IntakeInput,
    InvestigationInput, MediationRecordInput, NoticeInput, OralInput, VisitInput, closing_report,
    intake_form, investigation_record, mediation_record, oral_agreement_form, pdf, recordable,
    return_visit_record, rights_notice,
};
use accord_i18n::{Locale, Translations, message_ids};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).expect("date")
}

/// A time on a day of February 2025 in Baotou (UTC+8).
fn beijing(d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 2, d, h - 8, min, 0)
        .single()
        .expect("time")
}

/// The water-leak case with its disputed issues and amounts claimed.
fn case() -> Case {
    let mut case = demo::water_leak_stored_case();
    case.issues = vec![
        DisputedIssue {
            id: 1,
            title: "维修6楼直饮水管道，消除漏水".into(),
            claimed: None,
        },
        DisputedIssue {
            id: 2,
            title: "赔偿5楼李玥顶棚、墙面及家具损失".into(),
            claimed: Some(Money::major(8_000, Currency::Cny)),
        },
        DisputedIssue {
            id: 3,
            title: "赔偿4楼赵喆顶棚及墙面损失".into(),
            claimed: Some(Money::major(3_500, Currency::Cny)),
        },
    ];
    case
}

fn committee(t: &Translations) -> String {
    t.tr("demo-centre-name")
}

/// Printed as the app prints papers: page numbers and the number in the
/// header. Every character has a glyph.
fn render(t: &Translations, doc: &AgreementDocument, file: &str) -> Vec<u8> {
    assert_eq!(
        pdf::missing_glyphs(doc).expect("font"),
        Vec::<char>::new(),
        "{file} has characters the font cannot print"
    );
    let options = pdf::PrintOptions {
        author: committee(t),
        created_unix: 1_740_000_000,
        footer_pattern: t.tr("doc-footer"),
        ..Default::default()
    };
    let bytes = pdf::render(doc, &options).expect("renders");
    if let Ok(dir) = std::env::var("ACCORD_PDF_OUT") {
        let name = format!("{file}-{}.pdf", t.locale().tag());
        std::fs::write(std::path::Path::new(&dir).join(name), &bytes).expect("write");
    }
    bytes
}

/// The text layer without whitespace (lines break anywhere in Chinese).
fn text_of(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("a valid PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    squeeze(&doc.extract_text(&pages).expect("text"))
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect()
}

fn assert_holds(text: &str, expected: &[&str]) {
    for e in expected {
        let e = squeeze(e);
        assert!(
            text.contains(&e),
            "{e:?} not found in the PDF text:\n{text}"
        );
    }
}

fn assert_lacks(text: &str, absent: &[&str]) {
    for a in absent {
        let a = squeeze(a);
        assert!(!text.contains(&a), "{a:?} should not be in:\n{text}");
    }
}

fn boxes(doc: &AgreementDocument) -> Vec<(String, String)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Signatures(boxes) => Some(boxes),
            _ => None,
        })
        .flatten()
        .map(|b| (b.label.clone(), b.name.clone()))
        .collect()
}

fn intake(t: &Translations, case: &Case, source: CaseSource, request: &str) -> AgreementDocument {
    intake_form(
        t,
        &IntakeInput {
            case,
            source,
            committee: committee(t),
            received_on: None,
            receiver: "边文玲".into(),
            request: request.into(),
        },
    )
}

#[test]
fn the_application_names_the_parties_the_dispute_and_the_request() {
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let case = case();
    let doc = intake(&t, &case, CaseSource::Application, "");
    assert_eq!(doc.title, "人民调解申请书");
    let text = text_of(&render(&t, &doc, "records-application"));
    assert_holds(
        &text,
        &[
            "人民调解申请书",
            "案号：2025-0001",
            "当事人基本情况",
            "申请人：李玥，女，1985年9月23日出生",
            "申请人：赵喆",
            "被申请人：王建国，男，1968年5月12日出生",
            "身份证号码：150204198509230024",
            "住址：内蒙古自治区包头市青山区青山路街道青五社区3栋2单元501室",
            "联系电话：13804720501",
            "纠纷简要情况",
            "王建国迟迟未维修管道，邻里关系急剧恶化。",
            "申请事项",
            "1、维修6楼直饮水管道，消除漏水",
            "2、赔偿5楼李玥顶棚、墙面及家具损失，请求金额人民币捌仟元整（¥8,000.00）",
            "3、赔偿4楼赵喆顶棚及墙面损失，请求金额人民币叁仟伍佰元整（¥3,500.00）",
            "申请人自愿申请青山区青山路街道人民调解委员会进行调解。",
            "申请人（签名/按指印）",
            "按指印处",
            "2025年2月10日",
            "以下由人民调解委员会填写",
            "纠纷类别：邻里纠纷",
            "受理日期：2025年2月10日",
            "受理人：边文玲",
        ],
    );
    assert_lacks(&text, &["人民调解受理登记表", "纠纷来源"]);
    // Only the applicants sign the application.
    let signers: Vec<String> = boxes(&doc).into_iter().map(|(_, n)| n).collect();
    assert_eq!(signers, ["李玥", "赵喆"]);

    // A request as written replaces the list of issues.
    let doc = intake(
        &t,
        &case,
        CaseSource::Application,
        "请求被申请人修复管道并赔偿损失。",
    );
    let text = squeeze(&doc.plain_text());
    assert!(text.contains("请求被申请人修复管道并赔偿损失。"), "{text}");
    assert!(!text.contains("请求金额"), "{text}");
}

#[test]
fn a_case_taken_up_or_transferred_is_registered_with_its_source() {
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let case = case();
    let doc = intake(
        &t,
        &case,
        CaseSource::Transferred {
            body: "包头市公安局青山区分局青山路派出所".into(),
        },
        "",
    );
    assert_eq!(doc.title, "人民调解受理登记表");
    let text = text_of(&render(&t, &doc, "records-registration"));
    assert_holds(
        &text,
        &[
            "人民调解受理登记表",
            "案号：2025-0001",
            "纠纷类别：邻里纠纷",
            "纠纷来源：包头市公安局青山区分局青山路派出所移送",
            "受理日期：2025年2月10日",
            "申请人：李玥",
            "被申请人：王建国",
            "纠纷简要情况",
            "当事人请求",
            "请求金额人民币捌仟元整（¥8,000.00）",
            "经青山区青山路街道人民调解委员会征询，当事人同意接受人民调解。",
            "被申请人（签名/按指印）",
            "登记人（签名）",
            "边文玲",
            "青山区青山路街道人民调解委员会（盖章）",
        ],
    );
    assert_lacks(&text, &["人民调解申请书", "申请事项"]);
    // Every party agrees, and the registrar signs.
    let signers: Vec<String> = boxes(&doc).into_iter().map(|(_, n)| n).collect();
    assert_eq!(signers, ["李玥", "赵喆", "王建国", "边文玲"]);

    for (source, line) in [
        (
            CaseSource::OwnInitiative,
            "纠纷来源：人民调解委员会主动调解",
        ),
        (
            CaseSource::Entrusted {
                body: "包头市青山区人民法院".into(),
            },
            "纠纷来源：包头市青山区人民法院委托调解",
        ),
    ] {
        let doc = intake(&t, &case, source, "");
        assert_eq!(doc.title, "人民调解受理登记表");
        assert!(squeeze(&doc.plain_text()).contains(line));
    }

    let t = Translations::load(Locale::EnUs).expect("locale");
    let doc = intake(&t, &case, CaseSource::OwnInitiative, "");
    let text = text_of(&render(&t, &doc, "records-registration"));
    assert_holds(
        &text,
        &[
            "Registration of a Case",
            "for People's Mediation",
            "Case No. 2025-0001",
            "Source: Taken up by the committee on its own initiative",
            "Received on: February 10, 2025",
            "What the parties ask for",
            "amount claimed: Eight thousand yuan only",
            "Registered by (signature)",
        ],
    );
}

fn notice(t: &Translations, case: &Case, party: i64) -> AgreementDocument {
    rights_notice(
        t,
        &NoticeInput {
            case,
            committee: committee(t),
            date: date(2, 12),
        },
        party,
    )
}

#[test]
fn each_party_is_told_its_rights_and_duties_in_a_notice_of_its_own() {
    let case = case();
    let t = Translations::load(Locale::ZhCn).expect("locale");
    for party in &case.parties {
        let doc = notice(&t, &case, party.id);
        assert_eq!(doc.title, "人民调解权利义务告知书");
        let text = text_of(&render(&t, &doc, &format!("records-notice-{}", party.id)));
        let to = format!("{}：", party.name);
        let role = t.tr(party.role.label_key());
        let sign = format!("{role}（签名/按指印）");
        assert_holds(
            &text,
            &[
                "人民调解权利义务告知书",
                "案号：2025-0001",
                &to,
                "青山区青山路街道人民调解委员会已受理李玥、赵喆与王建国之间的邻里纠纷。",
                "不收取任何费用",
                "《中华人民共和国人民调解法》第二十三条、第二十四条",
                "一、您享有以下权利",
                "1、选择或者接受人民调解员；",
                "2、接受调解、拒绝调解或者要求终止调解；",
                "3、要求调解公开进行或者不公开进行；",
                "4、自主表达意愿、自愿达成调解协议。",
                "二、您承担以下义务",
                "1、如实陈述纠纷事实；",
                "2、遵守调解现场秩序，尊重人民调解员；",
                "3、尊重对方当事人行使权利。",
                "本人已阅读（或已听取告知）",
                &sign,
                "青山区青山路街道人民调解委员会（盖章）",
                "2025年2月12日",
            ],
        );
        // Addressed to this party alone, and signed by it alone.
        assert_eq!(
            boxes(&doc),
            vec![(sign.clone(), party.name.clone())],
            "{}",
            party.name
        );
    }

    let t = Translations::load(Locale::EnUs).expect("locale");
    let doc = notice(&t, &case, 3);
    let text = text_of(&render(&t, &doc, "records-notice"));
    assert_holds(
        &text,
        &[
            "Notice of Rights and Duties",
            "in People's Mediation",
            "Case No. 2025-0001",
            "To 王建国:",
            "This is an English translation of the Chinese form.",
            "has accepted for mediation the dispute between 李玥, 赵喆 and 王建国 \
             (Neighbour dispute)",
            "it charges no fee",
            "Articles 23 and 24 of the People's Mediation Law",
            "Your rights",
            "1. to choose or accept the people's mediator;",
            "2. to accept mediation, to refuse it, or to ask for it to be ended;",
            "3. to ask for the mediation to be held in public or in private;",
            "4. to express your wishes freely and to reach a mediation agreement of your \
             own free will.",
            "Your duties",
            "1. to state the facts of the dispute truthfully;",
            "2. to keep order during the mediation and to respect the people's mediator;",
            "3. to respect the other party's exercise of its rights.",
            "I have read this notice",
            "Respondent (signature)",
            "Date: February 12, 2025",
        ],
    );
    assert_lacks(&text, &["李玥:", "To 李玥"]);

    // A party not in the case: a blank to fill in, no one's name.
    let doc = notice(&t, &case, 99);
    assert!(doc.plain_text().contains("To ________________:"));
}

fn investigation() -> Investigation {
    Investigation {
        id: 1,
        case_id: 1,
        at: date(2, 11).and_hms_opt(14, 30, 0).expect("time"),
        place: "青五社区3栋2单元501室（李玥家）".into(),
        investigators: vec!["边文玲".into(), "张勇".into()],
        recorder: "李瑞芳".into(),
        persons: vec!["李玥".into(), "刘桂兰（物业管理员）".into()],
        findings: "经查看，501室客厅顶棚有约2平方米水渍并已发霉，东侧墙面涂料起皮脱落。\n\
                   物业管理员刘桂兰称，6楼直饮水管道为2008年入住时安装，此前已多次报修。"
            .into(),
    }
}

#[test]
fn the_investigation_record_says_when_where_who_and_what_was_found() {
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let case = case();
    let inv = investigation();
    let doc = investigation_record(
        &t,
        &InvestigationInput {
            case: &case,
            investigation: &inv,
        },
    );
    assert_eq!(doc.title, "人民调解调查记录");
    let text = text_of(&render(&t, &doc, "records-investigation"));
    assert_holds(
        &text,
        &[
            "人民调解调查记录",
            "案号：2025-0001",
            "调查时间：2025年2月11日14时30分",
            "调查地点：青五社区3栋2单元501室（李玥家）",
            "调查人：边文玲、张勇",
            "记录人：李瑞芳",
            "被调查人（在场人）：李玥、刘桂兰（物业管理员）",
            "事由：李玥、赵喆与王建国之间的邻里纠纷",
            "调查情况",
            "501室客厅顶棚有约2平方米水渍并已发霉",
            "此前已多次报修。",
            "被调查人确认与其陈述一致",
            "被调查人（签名/按指印）",
            "调查人（签名）",
            "记录人（签名）",
            "2025年2月11日",
        ],
    );
    let signers: Vec<String> = boxes(&doc).into_iter().map(|(_, n)| n).collect();
    assert_eq!(
        signers,
        ["李玥", "刘桂兰（物业管理员）", "边文玲", "张勇", "李瑞芳"]
    );

    let t = Translations::load(Locale::EnUs).expect("locale");
    let doc = investigation_record(
        &t,
        &InvestigationInput {
            case: &case,
            investigation: &inv,
        },
    );
    let text = text_of(&render(&t, &doc, "records-investigation"));
    assert_holds(
        &text,
        &[
            "Record of Investigation",
            "Time: February 11, 2025, 14:30",
            "Investigated by: 边文玲, 张勇",
            "Persons heard or present: 李玥, 刘桂兰（物业管理员）",
            "Findings",
            "Person heard (signature)",
            "Investigator (signature)",
        ],
    );
}

fn entry(
    id: i64,
    party: i64,
    kind: ItemKind,
    disclosure: Disclosure,
    at: DateTime<Utc>,
    text: &str,
) -> RoomItem {
    RoomItem {
        id,
        party_id: party,
        issue_id: None,
        kind,
        text: text.into(),
        offer: None,
        round: 0,
        recorded_at: at,
        disclosure,
        corrects: None,
    }
}

fn shared(at: DateTime<Utc>) -> Disclosure {
    Disclosure::Shared {
        at,
        by: "边文玲".into(),
    }
}

/// Shared words and remarks, what a party allowed to pass on, and, on
/// both sides, what was said in confidence; the mediator's notes, one of
/// them stored as shared by an older version; a remark made in a caucus.
const SHARED: &[&str] = &[
    "请各方轮流发言，不要打断对方，今天的谈话内容对外保密。",
    "五楼顶棚因楼上漏水已经发霉，家具也泡坏了。",
    "四楼墙面也有水渍，希望尽快修好管道。",
    "漏水不是我故意的，管道是开发商装的。",
    "要求赔偿顶棚及墙面损失三千五百元",
    "愿意分两期赔偿李玥",
    "各方已就维修和赔偿达成一致，下面起草协议。",
];
const CONFIDENTIAL: &[&str] = &[
    "其实五千元我也能接受，只要尽快修好管道。",
    "我手头紧，最多能拿出六千元，不要告诉他们。",
    "赵喆私下说不想再和楼上来往。",
    "王建国情绪激动，下次先谈维修再谈钱。",
    "赵喆可能请了律师。",
    "单独提醒李玥：对方经济确实困难。",
];

fn room() -> Vec<RoomItem> {
    use Disclosure::{Confidential, MayShare};
    use ItemKind::*;
    let (d1, d2) = (|h, m| beijing(12, h, m), |h, m| beijing(14, h, m));
    let mut offer = entry(9, 3, Offer, MayShare, d2(10, 5), SHARED[5]);
    offer.offer = Some(accord_core::Offer {
        amount: Some(Money::major(8_000, Currency::Cny)),
        terms: "3月1日前付5000元，3月31日前付3000元".into(),
    });
    offer.round = 2;
    let mut old_note = entry(8, 2, Note, shared(d1(11, 0)), d1(11, 0), CONFIDENTIAL[4]);
    old_note.round = 1;
    vec![
        entry(1, 1, Remark, shared(d1(9, 30)), d1(9, 30), SHARED[0]),
        entry(2, 1, Statement, shared(d1(9, 40)), d1(9, 40), SHARED[1]),
        entry(3, 2, Statement, shared(d1(9, 50)), d1(9, 50), SHARED[2]),
        entry(4, 3, Statement, shared(d1(10, 0)), d1(10, 0), SHARED[3]),
        entry(5, 1, Position, Confidential, d1(10, 30), CONFIDENTIAL[0]),
        entry(6, 3, Position, Confidential, d1(10, 45), CONFIDENTIAL[1]),
        entry(7, 2, Interest, Confidential, d1(10, 50), CONFIDENTIAL[2]),
        old_note,
        offer,
        entry(10, 1, Note, Confidential, d2(9, 20), CONFIDENTIAL[3]),
        entry(11, 1, Remark, Confidential, d2(9, 45), CONFIDENTIAL[5]),
        entry(12, 2, Position, MayShare, d2(10, 20), SHARED[4]),
        entry(13, 1, Remark, shared(d2(11, 30)), d2(11, 30), SHARED[6]),
    ]
}

fn record(t: &Translations, case: &Case, items: &[RoomItem]) -> AgreementDocument {
    mediation_record(
        t,
        &MediationRecordInput {
            case,
            items,
            committee: committee(t),
            place: "青山路街道人民调解委员会调解室".into(),
            mediators: vec!["边文玲".into()],
            recorder: "李瑞芳".into(),
            others_present: vec!["张勇（青山路街道司法所）".into()],
        },
    )
}

#[test]
fn the_mediation_record_keeps_only_what_the_whole_room_may_hear() {
    let items = room();
    let ids: Vec<i64> = recordable(&items).iter().map(|i| i.id).collect();
    assert_eq!(ids, vec![1, 2, 3, 4, 9, 12, 13]);

    let case = case();
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let doc = record(&t, &case, &items);
    assert_eq!(doc.title, "人民调解记录");
    let text = text_of(&render(&t, &doc, "records-mediation"));
    assert_holds(&text, SHARED);
    assert_lacks(&text, CONFIDENTIAL);
    assert_lacks(
        &text,
        &["五千元", "六千元", "律师", "情绪激动", "经济确实困难"],
    );
    assert_holds(
        &text,
        &[
            "人民调解记录",
            "案号：2025-0001",
            "事由：李玥、赵喆与王建国之间的邻里纠纷",
            "调解时间：2025年2月12日、2025年2月14日",
            "调解地点：青山路街道人民调解委员会调解室",
            "人民调解员：边文玲",
            "记录人：李瑞芳",
            "申请人：李玥、赵喆",
            "被申请人：王建国",
            "其他参加人：张勇（青山路街道司法所）",
            "记载范围：本记录仅载明各方当事人在共同会谈中的陈述、当事人同意向对方转达的内容\
             以及人民调解员向各方当事人所作的发言。背对背会谈中当事人未同意公开的内容和人民调解员\
             的工作笔记，依照保密要求不予记载。",
            "2025年2月12日调解情况",
            "人民调解员边文玲：",
            "1、09:30　请各方轮流发言",
            "申请人李玥：",
            "1、09:40　五楼顶棚",
            "申请人赵喆：",
            "被申请人王建国：",
            "1、10:00　漏水不是我故意的",
            "2025年2月14日调解情况",
            "1、10:05　提出方案：愿意分两期赔偿李玥（方案：人民币捌仟元整（¥8,000.00）；\
             3月1日前付5000元，3月31日前付3000元）",
            "1、10:20　主张：要求赔偿顶棚及墙面损失三千五百元",
            "1、11:30　各方已就维修和赔偿达成一致",
            "以上记录已经各方当事人阅看（或已向其宣读），确认无误。",
            "申请人（签名/按指印）",
            "被申请人（签名/按指印）",
            "人民调解员（签名）",
            "记录人（签名）",
            "青山区青山路街道人民调解委员会（盖章）",
        ],
    );
    // The days in order, each with the mediator first and then the
    // parties in the case's order.
    let order = |needle: &str| text.find(&squeeze(needle)).expect(needle);
    assert!(order("2025年2月12日调解情况") < order(SHARED[0]));
    assert!(order(SHARED[0]) < order(SHARED[1]));
    assert!(order(SHARED[1]) < order(SHARED[2]));
    assert!(order(SHARED[2]) < order(SHARED[3]));
    assert!(order(SHARED[3]) < order("2025年2月14日调解情况"));
    assert!(order("2025年2月14日调解情况") < order(SHARED[6]));
    assert!(order(SHARED[6]) < order(SHARED[4]));
    assert!(order(SHARED[4]) < order(SHARED[5]));
    let signers: Vec<String> = boxes(&doc).into_iter().map(|(_, n)| n).collect();
    assert_eq!(signers, ["李玥", "赵喆", "王建国", "边文玲", "李瑞芳"]);

    let t = Translations::load(Locale::EnUs).expect("locale");
    let doc = record(&t, &case, &items);
    let text = text_of(&render(&t, &doc, "records-mediation"));
    assert_holds(&text, SHARED);
    assert_lacks(&text, CONFIDENTIAL);
    assert_holds(
        &text,
        &[
            "Record of Mediation",
            "Case No. 2025-0001",
            "Dates: February 12, 2025, February 14, 2025",
            "Mediators: 边文玲",
            "Scope of this record: This record sets out only what the parties said in the joint \
             sessions, what a party agreed to have passed on to the other side, and what the \
             people's mediator said to all the parties. What a party said in a private session \
             and did not agree to disclose, and the mediator's own working notes, are \
             confidential and are not recorded here.",
            "Session of February 12, 2025",
            "Mediator 边文玲:",
            "Applicant 李玥:",
            "Respondent 王建国:",
            "Proposal:",
            "(proposal: Eight thousand yuan only",
            "Position:",
            "Mediator (signature)",
            "Recorder (signature)",
        ],
    );
}

#[test]
fn a_record_of_nothing_shared_says_so_and_records_nothing() {
    let case = case();
    let items: Vec<RoomItem> = room()
        .into_iter()
        .filter(|i| CONFIDENTIAL.contains(&i.text.as_str()))
        .collect();
    assert_eq!(items.len(), CONFIDENTIAL.len());
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let doc = record(&t, &case, &items);
    let text = text_of(&render(&t, &doc, "records-mediation-empty"));
    assert_holds(&text, &["本次调解没有可以记载的公开内容", "调解时间：＿"]);
    assert_lacks(&text, CONFIDENTIAL);
    assert_lacks(&text, &["调解情况"]);
}

fn visit(way: VisitWay, performance: Performance) -> ReturnVisit {
    ReturnVisit {
        id: 1,
        case_id: 1,
        on: date(4, 8),
        way,
        visited: vec!["李玥".into(), "王建国".into()],
        visitor: "边文玲".into(),
        performance,
        details: "管道已于2月18日修复；第一期赔偿款5000元已于3月1日支付，第二期3000元尚未支付。"
            .into(),
        satisfaction: Satisfaction::Satisfied,
        opinions: "李玥表示希望王建国按期支付第二期款项。".into(),
    }
}

#[test]
fn the_return_visit_record_ticks_performance_and_satisfaction() {
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let case = case();
    let v = visit(VisitWay::InPerson, Performance::Partly);
    let doc = return_visit_record(
        &t,
        &VisitInput {
            case: &case,
            visit: &v,
            committee: committee(&t),
            agreement: Some(("（2025）青山人调字第1号".into(), date(2, 15))),
        },
    );
    assert_eq!(doc.title, "人民调解回访记录");
    let text = text_of(&render(&t, &doc, "records-visit"));
    assert_holds(
        &text,
        &[
            "人民调解回访记录",
            "案号：2025-0001",
            "事由：李玥、赵喆与王建国之间的邻里纠纷",
            "调解协议：（2025）青山人调字第1号（2025年2月15日签订）",
            "回访日期：2025年4月8日",
            "回访方式：■上门回访　□电话回访",
            "回访对象：李玥、王建国",
            "回访人：边文玲",
            "协议履行情况",
            "□已履行　■部分履行　□尚未履行",
            "第二期3000元尚未支付",
            "当事人满意程度",
            "□非常满意　■满意　□一般　□不满意",
            "当事人意见",
            "希望王建国按期支付第二期款项",
            "被回访人（签名）",
            "回访人（签名）",
            "2025年4月8日",
        ],
    );
    let signers: Vec<String> = boxes(&doc).into_iter().map(|(_, n)| n).collect();
    assert_eq!(signers, ["李玥", "王建国", "边文玲"]);

    // By telephone only the visitor signs.
    let t = Translations::load(Locale::EnUs).expect("locale");
    let v = visit(VisitWay::Phone, Performance::Performed);
    let doc = return_visit_record(
        &t,
        &VisitInput {
            case: &case,
            visit: &v,
            committee: committee(&t),
            agreement: None,
        },
    );
    let text = text_of(&render(&t, &doc, "records-visit"));
    assert_holds(
        &text,
        &[
            "Record of Return Visit",
            "Contacted: □ In person ■ By telephone",
            "Performance of the agreement",
            "Visitor (signature)",
        ],
    );
    assert_lacks(&text, &["Person visited (signature)", "Agreement:"]);
    assert_eq!(boxes(&doc).len(), 1);
}

#[test]
fn the_closing_report_gives_the_result_and_the_amounts_in_words() {
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let case = case();
    let input = ClosingInput {
        case: &case,
        committee: committee(&t),
        mediators: vec!["边文玲".into(), "张勇".into()],
        accepted_on: date(2, 10),
        closed_on: date(4, 10),
        result: CaseResult::WrittenAgreement,
        agreement_number: Some("（2025）青山人调字第1号".into()),
        claimed: None,
        agreed: Some(Money::new(1_150_050, Currency::Cny)),
        summary: "调解员会同司法所、派出所组织共同会谈一次、背对背沟通两轮，查看受损房屋现场。\n\
                  各方自愿达成书面调解协议，协议已全部履行。"
            .into(),
    };
    let doc = closing_report(&t, &input);
    assert_eq!(doc.title, "人民调解结案报告");
    let text = text_of(&render(&t, &doc, "records-closing"));
    assert_holds(
        &text,
        &[
            "人民调解结案报告",
            "案号：2025-0001",
            "纠纷类别：邻里纠纷",
            "申请人：李玥、赵喆",
            "被申请人：王建国",
            "人民调解员：边文玲、张勇",
            "受理日期：2025年2月10日",
            "结案日期：2025年4月10日（历时60日）",
            "调解结果：■达成书面调解协议　□达成口头调解协议　□调解不成　□转办",
            "协议编号：（2025）青山人调字第1号",
            "涉及金额：人民币壹万壹仟伍佰元整（¥11,500.00）",
            "协议金额：人民币壹万壹仟伍佰元伍角（¥11,500.50）",
            "调解经过及结果",
            "背对背沟通两轮",
            "协议已全部履行。",
            "人民调解员（签名）",
            "青山区青山路街道人民调解委员会（盖章）",
        ],
    );
    assert_eq!(boxes(&doc).len(), 2);

    let transferred = ClosingInput {
        result: CaseResult::Transferred {
            body: "青山区劳动人事争议仲裁委员会".into(),
        },
        agreement_number: None,
        agreed: None,
        ..input.clone()
    };
    let text = squeeze(&closing_report(&t, &transferred).plain_text());
    assert!(
        text.contains("□调解不成■转办（青山区劳动人事争议仲裁委员会）"),
        "{text}"
    );
    assert!(text.contains("协议金额：无"), "{text}");
    assert!(!text.contains("协议编号"), "{text}");

    let t = Translations::load(Locale::EnUs).expect("locale");
    let doc = closing_report(
        &t,
        &ClosingInput {
            committee: committee(&t),
            ..input
        },
    );
    let text = text_of(&render(&t, &doc, "records-closing"));
    assert_holds(
        &text,
        &[
            "Case-Closing Report",
            "Closed on: April 10, 2025 (60 days)",
            "Result: ■ Written agreement",
            "Amount agreed: Eleven thousand five hundred yuan and fifty fen",
        ],
    );
}

#[test]
fn the_oral_agreement_is_registered_with_its_content_and_performance() {
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let case = case();
    let oral = OralAgreement {
        case_id: 1,
        content: "王建国于2025年2月20日前自行修复管道；李玥、赵喆不再追究其他损失。".into(),
        performance: Performance::NotYet,
        recorded_at: beijing(12, 16, 0),
        recorded_by: "李瑞芳".into(),
    };
    let doc = oral_agreement_form(
        &t,
        &OralInput {
            case: &case,
            oral: &oral,
            committee: committee(&t),
            mediator: "边文玲".into(),
        },
    );
    assert_eq!(doc.title, "口头调解协议登记表");
    let text = text_of(&render(&t, &doc, "records-oral"));
    assert_holds(
        &text,
        &[
            "口头调解协议登记表",
            "案号：2025-0001",
            "纠纷类别：邻里纠纷",
            "申请人：李玥",
            "联系电话：13804720501",
            "被申请人：王建国",
            "纠纷简要情况",
            "口头协议内容",
            "王建国于2025年2月20日前自行修复管道；李玥、赵喆不再追究其他损失。",
            "履行情况：□已履行　□部分履行　■尚未履行",
            "人民调解员：边文玲",
            "登记人：李瑞芳",
            "登记日期：2025年2月12日",
            "口头调解协议自各方当事人达成协议之日起生效",
            "人民调解员（签名）",
            "登记人（签名）",
        ],
    );
    let signers: Vec<String> = boxes(&doc).into_iter().map(|(_, n)| n).collect();
    assert_eq!(signers, ["李玥", "赵喆", "王建国", "边文玲", "李瑞芳"]);
}

#[test]
fn every_record_prints_in_both_languages_with_no_key_left_untranslated() {
    let case = case();
    let items = room();
    let inv = investigation();
    let v = visit(VisitWay::InPerson, Performance::Partly);
    let oral = OralAgreement {
        case_id: 1,
        content: "x".into(),
        performance: Performance::Performed,
        recorded_at: beijing(12, 16, 0),
        recorded_by: "李瑞芳".into(),
    };
    for locale in Locale::ALL {
        let t = Translations::load(locale).expect("locale");
        let mut docs = vec![
            intake(&t, &case, CaseSource::Application, ""),
            intake(&t, &case, CaseSource::OwnInitiative, ""),
            intake(&t, &case, CaseSource::Transferred { body: "x".into() }, ""),
            intake(&t, &case, CaseSource::Entrusted { body: "x".into() }, ""),
            investigation_record(
                &t,
                &InvestigationInput {
                    case: &case,
                    investigation: &inv,
                },
            ),
            record(&t, &case, &items),
            record(&t, &case, &[]),
            return_visit_record(
                &t,
                &VisitInput {
                    case: &case,
                    visit: &v,
                    committee: committee(&t),
                    agreement: Some(("1".into(), date(2, 15))),
                },
            ),
            oral_agreement_form(
                &t,
                &OralInput {
                    case: &case,
                    oral: &oral,
                    committee: committee(&t),
                    mediator: "边文玲".into(),
                },
            ),
        ];
        docs.extend(case.parties.iter().map(|p| notice(&t, &case, p.id)));
        for result in [
            CaseResult::WrittenAgreement,
            CaseResult::OralAgreement,
            CaseResult::NotSettled,
            CaseResult::Transferred { body: "x".into() },
        ] {
            docs.push(closing_report(
                &t,
                &ClosingInput {
                    case: &case,
                    committee: committee(&t),
                    mediators: vec!["边文玲".into()],
                    accepted_on: date(2, 10),
                    closed_on: date(2, 10),
                    result,
                    agreement_number: None,
                    claimed: None,
                    agreed: None,
                    summary: String::new(),
                },
            ));
        }
        for doc in &docs {
            let text = doc.plain_text();
            assert!(
                !text.contains("records-") && !text.contains("doc-") && !text.contains("visit-"),
                "{locale:?} {}: {text}",
                doc.title
            );
            assert_eq!(doc.number, "2025-0001");
            pdf::render(doc, &pdf::PrintOptions::default()).expect("renders");
        }
    }
}

/// The message ids a Fluent file defines.
fn ids_in(file: &str) -> BTreeSet<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../locales")
        .join(file);
    std::fs::read_to_string(&path)
        .expect("locale file")
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_owned()))
        .collect()
}

#[test]
fn every_records_key_exists_in_both_languages() {
    let zh = ids_in("zh-CN/records.ftl");
    let en = ids_in("en-US/records.ftl");
    assert!(zh.len() > 100, "{zh:?}");
    assert_eq!(
        zh, en,
        "records.ftl defines different keys in the two languages"
    );
    // Every kebab-case literal of the composing code and of the core's
    // records is a message in both languages (the workspace's convention).
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for source in [
        root.join("src/compose/records.rs"),
        root.join("../core/src/investigation.rs"),
    ] {
        let source = std::fs::read_to_string(&source).expect("source");
        let keys: BTreeSet<&str> = source
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|s| {
                s.contains('-')
                    && s.split('-').all(|p| {
                        !p.is_empty()
                            && p.chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                    })
            })
            .collect();
        assert!(!keys.is_empty(), "no keys found");
        for locale in Locale::ALL {
            let defined = message_ids(locale);
            let missing: Vec<_> = keys.iter().filter(|k| !defined.contains(**k)).collect();
            assert!(missing.is_empty(), "{locale:?} lacks {missing:?}");
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 64,
        ..Default::default()
    })]

    /// Whatever the room holds, the record carries every entry the joint
    /// room may hear and no other: nothing confidential, never a note
    /// (whatever disclosure an older version stored for it).
    #[test]
    fn the_record_never_carries_a_confidential_entry_or_a_note(
        entries in proptest::collection::vec((1i64..=3, 0usize..7, 0usize..3, 0u32..72), 0..24)
    ) {
        let kinds = [
            ItemKind::Statement,
            ItemKind::Position,
            ItemKind::Interest,
            ItemKind::Alternative,
            ItemKind::Note,
            ItemKind::Offer,
            ItemKind::Remark,
        ];
        let items: Vec<RoomItem> = entries
            .iter()
            .enumerate()
            .map(|(i, &(party, kind, disclosure, hours))| {
                let at = beijing(12, 9, 0) + chrono::Duration::hours(i64::from(hours));
                let disclosure = match disclosure {
                    0 => Disclosure::Confidential,
                    1 => Disclosure::MayShare,
                    _ => shared(at),
                };
                // Each text is unique: 条目17号 never contains 条目1号.
                entry(i as i64 + 1, party, kinds[kind], disclosure, at, &format!("条目{}号", i + 1))
            })
            .collect();
        let case = case();
        let t = Translations::get(Locale::ZhCn);
        let text = record(t, &case, &items).plain_text();
        for item in &items {
            let recorded = item.disclosure.allows_sharing() && item.kind != ItemKind::Note;
            proptest::prop_assert_eq!(
                text.contains(&item.text),
                recorded,
                "{:?} {:?} {}", item.kind, item.disclosure, item.text
            );
        }
    }
}
