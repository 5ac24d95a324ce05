//! What a legal advisor checks before signing, read back from the PDF:
//! each obligation says who receives, how and where; an organisation
//! signs through its representative under its seal; an agent acts within
//! written powers; 民族 and 职业 are printed when given; the notice names
//! the court; a document number in the centre's format; and an English
//! settlement a US mediator would sign.

use accord_core::{
    Agent, AgentKind, Case, PartyKind, Representative, RepresentativeTitle,
    agreement::{AgreementContent, Jurisdiction, Missing, ObligationKind},
    demo,
};
use accord_document::{AgreementInput, agreement, pdf};
use accord_i18n::{Locale, Translations};

fn text_of(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("a valid PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages)
        .expect("text")
        .split_whitespace()
        .collect()
}

fn pdf_text(
    locale: Locale,
    case: &Case,
    content: &AgreementContent,
    input: AgreementInput<'_>,
) -> String {
    let t = Translations::load(locale).expect("locale");
    let doc = agreement(
        &t,
        &AgreementInput {
            case,
            content,
            ..input
        },
    );
    let options = pdf::PrintOptions {
        footer_pattern: t.tr("doc-footer"),
        ..Default::default()
    };
    let bytes = pdf::render(&doc, &options).expect("renders");
    // For looking at: ACCORD_PDF_OUT=dir keeps each file, named by its
    // language and first party.
    if let Ok(dir) = std::env::var("ACCORD_PDF_OUT") {
        let name = format!("legal-{}-{}.pdf", t.locale().tag(), case.parties.len());
        std::fs::write(std::path::Path::new(&dir).join(name), &bytes).expect("write");
    }
    text_of(&bytes)
}

/// The example, with 王建国's side a company that signs through its
/// legal representative and 赵喆 represented by an agent.
fn case_with_a_company() -> Case {
    let mut case = demo::water_leak_stored_case();
    let company = &mut case.parties[2];
    company.kind = PartyKind::Organisation;
    company.name = "包头市青山物业服务有限公司".into();
    company.id_number = Some("91150204MA0N12345R".into());
    company.details.representative = Some(Representative {
        name: "王建国".into(),
        title: RepresentativeTitle::LegalRepresentative,
    });
    let person = &mut case.parties[1];
    person.details.ethnicity = Some("蒙古族".into());
    person.details.occupation = Some("包头钢铁公司退休职工".into());
    person.agent = Some(Agent {
        name: "张律".into(),
        phone: None,
        kind: AgentKind::Entrusted,
        authority: "特别授权（代为签署调解协议，授权委托书附卷）".into(),
    });
    case
}

#[test]
fn an_obligation_without_a_recipient_is_refused_and_the_act_says_how_and_where() {
    let case = demo::water_leak_stored_case();
    let mut content = demo::water_leak_agreement(&case);
    assert_eq!(content.missing(&case), Vec::new());
    let payment = content
        .obligations
        .iter()
        .position(|o| o.kind == ObligationKind::Payment)
        .expect("a payment");
    content.obligations[payment].creditor = None;
    assert!(content.missing(&case).contains(&Missing::Creditor {
        obligation: payment
    }));

    let content = demo::water_leak_agreement(&case);
    let text = pdf_text(
        Locale::ZhCn,
        &case,
        &content,
        AgreementInput::new(&case, &content),
    );
    for expected in [
        "王建国应于2025年2月20日前自行修复六楼直饮水管道，消除漏水隐患，履行方式：委托具备资质的维修单位施工，履行地点：青五社区3栋2单元601室（被申请人住房）。",
        "支付方式：银行转账，收款账户：中国工商银行包头青山支行，户名：李玥，账号：6212260200001234567",
        "支付方式：现金，支付地点：青山路街道人民调解委员会",
    ] {
        assert!(text.contains(expected), "{expected} not in:\n{text}");
    }
}

#[test]
fn a_company_seals_and_its_representative_signs_an_agent_has_written_powers() {
    let case = case_with_a_company();
    let content = demo::water_leak_agreement(&case);
    assert_eq!(content.missing(&case), Vec::new());
    let text = pdf_text(
        Locale::ZhCn,
        &case,
        &content,
        AgreementInput::new(&case, &content),
    );
    for expected in [
        // The company: its code and who signs for it.
        "被申请人：包头市青山物业服务有限公司",
        "统一社会信用代码：91150204MA0N12345R",
        "法定代表人：王建国",
        // 民族 after the sex, 职业 on its line, the agent's powers.
        "赵喆，男，蒙古族，1990年3月7日出生",
        "职业或工作单位：包头钢铁公司退休职工",
        "委托代理人：张律，代理权限：特别授权（代为签署调解协议，授权委托书附卷）",
        // The signature page: the company's seal box, its representative's
        // line, the agent's line.
        "被申请人（盖章）",
        "盖章处",
        "被申请人法定代表人（签名）王建国",
        "申请人委托代理人（签名）张律",
    ] {
        assert!(text.contains(expected), "{expected} not in:\n{text}");
    }
    // No fingerprint is asked of a company.
    assert!(!text.contains("包头市青山物业服务有限公司按指印处"));

    // Without its representative, or the agent's powers, it is incomplete.
    let mut bare = case.clone();
    bare.parties[2].details.representative = None;
    bare.parties[1]
        .agent
        .as_mut()
        .expect("agent")
        .authority
        .clear();
    let missing = content.missing(&bare);
    assert!(missing.contains(&Missing::Representative {
        party: "包头市青山物业服务有限公司".into()
    }));
    assert!(missing.contains(&Missing::AgentAuthority {
        party: "赵喆".into()
    }));
}

#[test]
fn a_minor_needs_a_statutory_agent() {
    let mut case = demo::water_leak_stored_case();
    // Born 1 June 2015: a minor.
    let first17 = "15020420150601002";
    let check = accord_core::ResidentId::check_character(first17.as_bytes()) as char;
    case.parties[1].id_number = Some(format!("{first17}{check}"));
    let content = demo::water_leak_agreement(&case);
    assert!(content.missing(&case).contains(&Missing::StatutoryAgent {
        party: "赵喆".into()
    }));
    case.parties[1].agent = Some(Agent {
        name: "赵国庆".into(),
        phone: None,
        kind: AgentKind::Statutory,
        authority: String::new(),
    });
    assert_eq!(content.missing(&case), Vec::new());
    let text = pdf_text(
        Locale::ZhCn,
        &case,
        &content,
        AgreementInput::new(&case, &content),
    );
    assert!(text.contains("法定代理人：赵国庆"));
    assert!(text.contains("申请人法定代理人（签名）赵国庆"));
}

#[test]
fn the_notice_names_the_court_and_article_32_and_the_number_is_the_centres() {
    let case = case_with_a_company();
    let content = demo::water_leak_agreement(&case);
    let text = pdf_text(
        Locale::ZhCn,
        &case,
        &content,
        AgreementInput {
            court: Some("包头市青山区人民法院"),
            number_format: Some("（{year}）青山人调字第{seq}号"),
            ..AgreementInput::new(&case, &content)
        },
    );
    for expected in [
        "（2025）青山人调字第1号",
        // Three parties: 各方当事人.
        "各方当事人认为有必要的，可以自本协议生效之日起三十日内共同向包头市青山区人民法院（本调解委员会所在地的基层人民法院）申请司法确认",
        "民事诉讼法》第二百零五条",
        "第三十二条",
        "本协议一式4份，当事人各执一份，人民调解委员会留存一份，各份具有同等法律效力。",
        "调解情况",
        "（以下无正文）",
    ] {
        assert!(text.contains(expected), "{expected} not in:\n{text}");
    }
    // Two parties: 双方当事人.
    let mut two = case.clone();
    two.parties.remove(1);
    let text = pdf_text(
        Locale::ZhCn,
        &two,
        &content,
        AgreementInput::new(&two, &content),
    );
    assert!(text.contains("双方当事人认为有必要的"));
    assert!(text.contains("本调解委员会所在地的基层人民法院申请司法确认"));
}

#[test]
fn the_acceleration_clause_is_a_choice_of_the_chinese_form() {
    let case = demo::water_leak_stored_case();
    let mut content = demo::water_leak_agreement(&case);
    let clause = "义务人未按本协议约定的期限足额履行任何一期给付义务的，权利人有权要求义务人一次性履行全部未履行部分。";
    let without = pdf_text(
        Locale::ZhCn,
        &case,
        &content,
        AgreementInput::new(&case, &content),
    );
    assert!(!without.contains(clause));
    content.acceleration = true;
    let with = pdf_text(
        Locale::ZhCn,
        &case,
        &content,
        AgreementInput::new(&case, &content),
    );
    assert!(with.contains(clause));
}

#[test]
fn the_english_settlement_reads_as_a_us_mediator_would_sign_it() {
    let case = case_with_a_company();
    let mut content = demo::water_leak_agreement(&case);
    content.jurisdiction = Jurisdiction::GenericEnglish;
    content.waive_unknown_claims = true;
    let text = pdf_text(
        Locale::EnUs,
        &case,
        &content,
        AgreementInput::new(&case, &content),
    );
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    for expected in [
        "Background",
        "California Evidence Code §1119",
        "§1123",
        "Nothing in it is an admission of liability",
        "each party releases every other party",
        "California Civil Code §1542",
        "California Code of Civil Procedure §664.6",
        "retain jurisdiction",
        "held invalid or unenforceable",
        "signed in counterparts",
        "Electronic signatures",
        "THIS SETTLEMENT AGREEMENT IS BINDING AND ENFORCEABLE AND IS NOT SUBJECT TO REVOCATION",
        // A company signs By its officer, named, with the office held.
        "Respondent: 包头市青山物业服务有限公司",
        "Name: 王建国",
        "Its: Legal representative",
        "Date:",
        // Dates as Americans write them.
        "February 20, 2025",
    ] {
        assert!(
            text.contains(&squeeze(expected)),
            "{expected} not in:\n{text}"
        );
    }
    // No sex, birth date or national ID numbers in a US settlement, and no
    // heading that reads as an admission.
    for absent in [
        "female",
        "born",
        "150204198509230024",
        "Resident ID",
        "Facts and responsibility",
    ] {
        assert!(!text.contains(&squeeze(absent)), "{absent} in:\n{text}");
    }
    // Every signer has a date line (and the agreement its own).
    let signers = content.signatories(&case).len();
    assert_eq!(text.matches("Date:").count(), signers + 1);
}

#[test]
fn the_chinese_form_in_english_says_the_chinese_text_prevails() {
    let case = demo::water_leak_stored_case();
    let content = demo::water_leak_agreement(&case);
    let text = pdf_text(
        Locale::EnUs,
        &case,
        &content,
        AgreementInput::new(&case, &content),
    );
    assert!(
        text.contains("Wherethetwodiffer,theChinesetextprevails"),
        "{text}"
    );
    let chinese = pdf_text(
        Locale::ZhCn,
        &case,
        &content,
        AgreementInput::new(&case, &content),
    );
    assert!(!chinese.contains("译本"));
}
