//! The desk's papers printed and parsed back: the joint application for
//! judicial confirmation names the court, every party and the agreement
//! it asks the court to confirm, and lists exactly the papers enclosed
//! (the property proof and the power of attorney only when they apply);
//! each party's packet cover names the party on one page; the transfer
//! slip names the receiving body, what was done, why, and the day its
//! answer is due. Every paper prints with the bundled font.
//!
//! `ACCORD_PDF_OUT=dir` keeps the files for looking at.

use accord_core::{
    Agent, AgentKind, Case, CaseNumber,
    agreement::fixed_clauses,
    demo,
    desk::{CourtBasis, NewRouting, RoutingBody},
};
use accord_document::{
    AgreementDocument, AgreementInput, Block, JcInput, TransferInput, agreement, jc_application,
    jc_cover, pdf, transfer_slip,
};
use accord_i18n::{Locale, Translations};
use chrono::NaiveDate;

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).expect("date")
}

fn case() -> Case {
    demo::water_leak_stored_case()
}

/// The example with 赵喆 acting through an appointed agent.
fn case_with_an_agent() -> Case {
    let mut case = case();
    case.parties[1].agent = Some(Agent {
        name: "张律".into(),
        phone: None,
        kind: AgentKind::Entrusted,
        authority: "特别授权".into(),
    });
    case
}

/// The agreement's own terms, as the agreement prints them, without the
/// profile's fixed clauses.
fn terms(t: &Translations, case: &Case) -> Vec<String> {
    let content = demo::water_leak_agreement(case);
    let doc = agreement(t, &AgreementInput::new(case, &content));
    let mut terms: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Term { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
    terms.truncate(terms.len() - fixed_clauses(content.jurisdiction).len());
    terms
}

fn agreement_number(t: &Translations) -> String {
    CaseNumber::new(2025, 1).formatted(&t.tr("demo-centre-number-format"))
}

fn jc_input<'a>(t: &Translations, case: &'a Case, property: bool) -> JcInput<'a> {
    JcInput {
        case,
        agreement_number: agreement_number(t),
        agreement_date: date(2, 15),
        court: t.tr("demo-centre-court"),
        basis: CourtBasis::CommitteeSeat,
        committee: t.tr("demo-centre-name"),
        terms: terms(t, case),
        property,
        date: date(2, 20),
    }
}

fn routing() -> NewRouting {
    NewRouting {
        body: RoutingBody::Arbitration,
        body_name: "青山区劳动人事争议仲裁委员会".into(),
        reason: "当事人主张的加班工资属劳动争议，依法应先经劳动人事争议仲裁。".into(),
        done: "调解员于2025年2月12日分别听取双方陈述，释明劳动争议的处理程序，双方未能达成一致。"
            .into(),
        feedback_due: date(3, 15),
    }
}

/// Printed as the app prints these papers: page numbers and the number
/// in the header, nothing else. Every character has a glyph.
fn render(t: &Translations, doc: &AgreementDocument, file: &str) -> Vec<u8> {
    assert_eq!(
        pdf::missing_glyphs(doc).expect("font"),
        Vec::<char>::new(),
        "{file} has characters the font cannot print"
    );
    let options = pdf::PrintOptions {
        author: t.tr("demo-centre-name"),
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

fn pages(bytes: &[u8]) -> usize {
    lopdf::Document::load_mem(bytes)
        .expect("a valid PDF")
        .get_pages()
        .len()
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

fn assert_holds(text: &str, expected: &[String]) {
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

fn names(case: &Case) -> Vec<String> {
    case.parties.iter().map(|p| p.name.clone()).collect()
}

fn owned(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn the_chinese_application_asks_the_court_to_confirm_the_agreement_and_lists_its_papers() {
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let case = case();
    let doc = jc_application(&t, &jc_input(&t, &case, false));
    assert_eq!(doc.title, "司法确认申请书");
    let text = text_of(&render(&t, &doc, "jc-application"));
    let mut expected = owned(&[
        "司法确认申请书",
        "致：包头市青山区人民法院",
        "申请人：李玥，女，1985年9月23日出生",
        "申请人：王建国，男，1968年5月12日出生",
        "身份证号码：150204198509230024",
        "请求事项",
        "请求依法确认申请人于2025年2月15日经青山区青山路街道人民调解委员会主持调解达成的\
         《人民调解协议书》（编号（2025）青山人调字第1号）有效。",
        "该调解协议的主要内容如下：",
        "1.双方本着互谅互让、和睦相处的原则",
        "事实和理由",
        "纠纷类别：邻里纠纷",
        "于2025年2月10日受理调解",
        "《中华人民共和国民事诉讼法》第二百零五条",
        "《最高人民法院关于人民调解协议司法确认程序的若干规定》",
        "三十日内（截至2025年3月17日）",
        "贵院为调解组织所在地基层人民法院",
        "附：提交材料",
        "1、人民调解协议书",
        "2、申请人身份证明",
        "3、送达地址确认书（含联系电话）",
        "申请人承诺：",
        "不损害国家利益、社会公共利益和他人合法权益",
        "如有虚假，申请人愿意承担相应的法律责任。",
        "（以下无正文）",
        "申请人（签名/按指印）",
        "按指印处",
        "2025年2月20日",
    ]);
    expected.extend(names(&case));
    assert_holds(&text, &expected);
    assert_lacks(
        &text,
        &["财产权利证明", "授权委托书", "被申请人：", "监护关系"],
    );

    // Every party applies, and each signs and presses a finger.
    let boxes = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Signatures(boxes) => Some(boxes),
            _ => None,
        })
        .expect("signature boxes");
    let signers: Vec<&str> = boxes.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(signers, ["李玥", "赵喆", "王建国"]);
    assert!(boxes.iter().all(|b| b.fingerprint && b.strokes.is_empty()));
}

#[test]
fn property_proof_and_a_power_of_attorney_are_listed_when_they_apply() {
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let case = case_with_an_agent();
    let doc = jc_application(&t, &jc_input(&t, &case, true));
    let text = text_of(&render(&t, &doc, "jc-application-agent"));
    assert_holds(
        &text,
        &owned(&[
            "1、人民调解协议书",
            "2、申请人身份证明",
            "3、与纠纷有关的财产权利证明",
            "4、送达地址确认书（含联系电话）",
            "5、授权委托书",
            "委托代理人：张律，代理权限：特别授权",
            "申请人委托代理人（签名）",
        ]),
    );
    assert_lacks(&text, &["监护关系"]);

    let t = Translations::load(Locale::EnUs).expect("locale");
    let doc = jc_application(&t, &jc_input(&t, &case, true));
    let text = text_of(&render(&t, &doc, "jc-application-agent"));
    assert_holds(
        &text,
        &owned(&[
            "1. The People's Mediation Agreement",
            "2. Proof of the applicants' identity",
            "3. Proof of the property rights related to the dispute",
            "4. Confirmation of addresses for service (with telephone numbers)",
            "5. Power of attorney",
            "Applicant's agent (signature)",
        ]),
    );
}

#[test]
fn the_english_application_reads_as_an_application_to_the_court() {
    let t = Translations::load(Locale::EnUs).expect("locale");
    let case = case();
    let doc = jc_application(&t, &jc_input(&t, &case, false));
    assert_eq!(
        doc.title,
        "Application for Judicial Confirmation of a People's Mediation Agreement"
    );
    let text = text_of(&render(&t, &doc, "jc-application"));
    let mut expected = owned(&[
        "Application for Judicial Confirmation",
        "of a People's Mediation Agreement",
        "This is an English translation of the Chinese application",
        "To: the People's Court of Qingshan District, Baotou",
        "Applicant: 李玥, female, born September 23, 1985",
        "Request",
        "The applicants request the court to confirm, in accordance with the law, the validity \
         of the People's Mediation Agreement (ref. Qingshan Mediation (2025) No. 1) that they \
         reached on February 15, 2025 through mediation conducted by Qingshan Road Subdistrict \
         People's Mediation Committee, Qingshan District.",
        "Facts and reasons",
        "(category: Neighbour dispute)",
        "Article 205 of the Civil Procedure Law of the People's Republic of China",
        "within thirty days of the agreement taking effect (that is, on or before March 17, 2025)",
        "Basis of jurisdiction: Basic court where the committee sits",
        "Enclosures",
        "1. The People's Mediation Agreement",
        "2. Proof of the applicants' identity",
        "3. Confirmation of addresses for service (with telephone numbers)",
        "Undertaking:",
        "it does not harm the interests of the State, the public interest or the lawful rights \
         and interests of others",
        "Applicant (signature)",
        "Date: February 20, 2025",
    ]);
    expected.extend(names(&case));
    assert_holds(&text, &expected);
    assert_lacks(
        &text,
        &["Power of attorney", "property rights", "Respondent"],
    );
}

#[test]
fn each_party_has_a_one_page_cover_with_the_checklist() {
    for locale in Locale::ALL {
        let t = Translations::load(locale).expect("locale");
        let case = case_with_an_agent();
        let input = jc_input(&t, &case, true);
        for (i, party) in case.parties.iter().enumerate() {
            let doc = jc_cover(&t, &input, i);
            let bytes = render(&t, &doc, &format!("jc-cover-{}", i + 1));
            assert_eq!(pages(&bytes), 1, "{locale:?} cover of {}", party.name);
            let text = text_of(&bytes);
            let expected: Vec<String> = match locale {
                Locale::ZhCn => owned(&[
                    "司法确认申请材料",
                    "受理法院：包头市青山区人民法院",
                    "调解组织：青山区青山路街道人民调解委员会",
                    "调解案号：2025-0001",
                    "协议编号：（2025）青山人调字第1号",
                    "材料清单（请核对份数、页数）",
                    "1、人民调解协议书",
                    "3、与纠纷有关的财产权利证明",
                    "4、送达地址确认书（含联系电话）＿＿份共＿＿页",
                    "5、授权委托书",
                    "申请人（签收）",
                    "2025年2月20日",
                ]),
                Locale::EnUs => owned(&[
                    "Application Materials",
                    "for Judicial Confirmation",
                    "Court: the People's Court of Qingshan District, Baotou",
                    "Mediation case No.: 2025-0001",
                    "Agreement ref.: Qingshan Mediation (2025) No. 1",
                    "1. ____ copies, ____ pages — The People's Mediation Agreement",
                    "5. ____ copies, ____ pages — Power of attorney",
                    "Applicant (signature on receipt)",
                    "Date: February 20, 2025",
                ]),
            };
            assert_holds(&text, &expected);
            let party_line = match locale {
                Locale::ZhCn => format!("申请人：{}", party.name),
                Locale::EnUs => format!("Applicant: {}", party.name),
            };
            assert_holds(&text, &[party_line]);
            let others: Vec<&str> = case
                .parties
                .iter()
                .filter(|p| p.id != party.id)
                .map(|p| p.name.as_str())
                .collect();
            assert_lacks(&text, &others);
        }
    }
}

#[test]
fn the_transfer_slip_says_to_whom_why_what_was_done_and_when_to_answer() {
    let routing = routing();
    for locale in Locale::ALL {
        let t = Translations::load(locale).expect("locale");
        let case = case();
        let doc = transfer_slip(
            &t,
            &TransferInput {
                case: &case,
                routing: &routing,
                committee: t.tr("demo-centre-name"),
                number: "青山转字〔2025〕3号".into(),
                date: date(2, 14),
                mediator: "边文玲".into(),
            },
        );
        let text = text_of(&render(&t, &doc, "transfer-slip"));
        let mut expected = vec![
            routing.body_name.clone(),
            routing.reason.clone(),
            routing.done.clone(),
            case.summary.clone(),
            "青山转字〔2025〕3号".into(),
            "边文玲".into(),
        ];
        expected.extend(names(&case));
        expected.extend(owned(match locale {
            Locale::ZhCn => &[
                "矛盾纠纷转办单",
                "接收单位：青山区劳动人事争议仲裁委员会（仲裁机构）",
                "转办单位：青山区青山路街道人民调解委员会",
                "案号：2025-0001",
                "纠纷类别：邻里纠纷",
                "受理日期：2025年2月10日",
                "申请人：李玥，联系电话：13804720501",
                "被申请人：王建国，联系电话：13704720601",
                "本委员会已开展的工作",
                "转办理由",
                "转办意见",
                "请于2025年3月15日前填写下方反馈回执",
                "青山区青山路街道人民调解委员会（盖章）",
                "经办人：边文玲",
                "2025年2月14日",
                "请沿此线剪下",
                "反馈回执（请于2025年3月15日前反馈）",
                "当事人：李玥、赵喆、王建国",
                "接收单位意见：□受理□不予受理",
                "办理结果：",
                "接收单位（盖章）",
                "经办人（签名）",
                "联系电话：＿",
            ],
            Locale::EnUs => &[
                "Dispute Referral Form",
                "Referral No. 青山转字〔2025〕3号",
                "To: 青山区劳动人事争议仲裁委员会 (Arbitration body)",
                "From: Qingshan Road Subdistrict People's Mediation Committee, Qingshan District",
                "Case No.: 2025-0001",
                "Category: Neighbour dispute",
                "Received on: February 10, 2025",
                "Applicant: 李玥, tel. 13804720501",
                "Action taken by the committee",
                "Reason for the referral",
                "return it by March 15, 2025 to Qingshan Road Subdistrict People's Mediation \
                 Committee, Qingshan District,",
                "Seal of the referring committee",
                "Handled by: 边文玲",
                "Date: February 14, 2025",
                "cut here",
                "Feedback Receipt (please return by March 15, 2025)",
                "parties: 李玥, 赵喆, 王建国",
                "Our decision: □ Accepted □ Not accepted",
                "Outcome:",
                "Seal of the receiving body",
                "Handled by (signature)",
            ],
        }));
        assert_holds(&text, &expected);
    }
}

#[test]
fn every_desk_paper_prints_with_the_bundled_font() {
    let routing = routing();
    for locale in Locale::ALL {
        let t = Translations::load(locale).expect("locale");
        for case in [case(), case_with_an_agent()] {
            let input = jc_input(&t, &case, true);
            let transfer = TransferInput {
                case: &case,
                routing: &routing,
                committee: t.tr("demo-centre-name"),
                number: "3".into(),
                date: date(2, 14),
                mediator: "边文玲".into(),
            };
            let docs = [
                jc_application(&t, &input),
                jc_cover(&t, &input, 0),
                jc_cover(&t, &input, 99),
                transfer_slip(&t, &transfer),
            ];
            for doc in &docs {
                assert_eq!(
                    pdf::missing_glyphs(doc).expect("font"),
                    Vec::<char>::new(),
                    "{locale:?} {}",
                    doc.title
                );
                // No message id left untranslated.
                let text = doc.plain_text();
                assert!(
                    !text.contains("jc-doc-") && !text.contains("transfer-doc-"),
                    "{text}"
                );
                pdf::render(doc, &pdf::PrintOptions::default()).expect("renders");
            }
        }
    }
}
