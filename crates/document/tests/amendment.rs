//! A supplementary agreement and a rescission record printed and parsed
//! back: the title, the case number, the tie to the original agreement
//! with both dates, every term and every party are in the text layer.

use accord_core::{
    Case,
    agreement::{AgreementContent, Amendment, AmendmentKind},
    demo,
};
use accord_document::{AgreementDocument, AmendmentInput, amendment, pdf};
use accord_i18n::{Locale, Translations};
use chrono::NaiveDate;

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).expect("date")
}

fn case() -> Case {
    demo::water_leak_stored_case()
}

fn content() -> AgreementContent {
    demo::water_leak_agreement(&case())
}

fn change(kind: AmendmentKind, number: i32, text: &str) -> Amendment {
    Amendment {
        id: 7,
        number,
        kind,
        text: text.into(),
        agreed_on: date(4, 10),
        recorded_at: chrono::Utc::now(),
        recorded_by: "边文玲".into(),
    }
}

fn document(t: &Translations, a: &Amendment) -> AgreementDocument {
    let committee = t.tr("demo-centre-name");
    amendment(
        t,
        &AmendmentInput {
            case: &case(),
            content: &content(),
            signed_on: date(2, 15),
            committee: &committee,
            amendment: a,
        },
    )
}

/// Printed as the app prints an amendment: page numbers and the case
/// number, but no QR code or seal line, which only the sealed agreement
/// can carry.
fn render(locale: Locale, a: &Amendment, file: &str) -> Vec<u8> {
    let t = Translations::load(locale).expect("locale");
    let doc = document(&t, a);
    let options = pdf::PrintOptions {
        author: content().mediator,
        created_unix: 1_744_000_000,
        footer_pattern: t.tr("doc-footer"),
        ..Default::default()
    };
    let bytes = pdf::render(&doc, &options).expect("renders");
    if let Ok(dir) = std::env::var("ACCORD_PDF_OUT") {
        std::fs::write(format!("{dir}/{file}"), &bytes).expect("write");
    }
    bytes
}

/// The text layer without whitespace (lines break anywhere in Chinese).
fn text_of(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("a valid PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("text");
    squeeze(&text)
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

fn party_names() -> Vec<String> {
    case().parties.iter().map(|p| p.name.clone()).collect()
}

const ZH_TERMS: [&str; 2] = [
    "王建国应于2025年4月30日前向李玥支付第二期赔偿款人民币叁仟元整（¥3,000.00）。",
    "原协议其他条款不变，各方继续履行。",
];

#[test]
fn a_chinese_supplementary_agreement_ties_itself_to_the_original_and_numbers_its_terms() {
    let text = ZH_TERMS
        .iter()
        .zip(["一、", "二、"])
        .map(|(term, marker)| format!("{marker}{term}"))
        .collect::<Vec<_>>()
        .join("\n");
    let bytes = render(
        Locale::ZhCn,
        &change(AmendmentKind::Supplementary, 1, &text),
        "amendment-supplementary-zh.pdf",
    );
    let text = text_of(&bytes);
    let mut expected: Vec<String> = [
        "补充协议（一）",
        "案号：2025-0001",
        "补充协议内容",
        "各方当事人于2025年2月15日经青山区青山路街道人民调解委员会调解达成的人民调解协议书\
         （案号2025-0001），经协商一致，于2025年4月10日达成如下补充协议：",
        "本补充协议与原协议具有同等效力；本补充协议未变更的内容，仍按原协议执行。",
        "申请人（签名/按指印）",
        "人民调解员（签名）",
        "青山区青山路街道人民调解委员会（盖章）",
        "第1页共",
    ]
    .map(String::from)
    .to_vec();
    expected.extend(
        ZH_TERMS
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{}.{t}", i + 1)),
    );
    expected.extend(party_names());
    assert_holds(&text, &expected);
    // The document numbers the terms itself; the typed "一、" is gone.
    assert!(!text.contains("一、王建国"), "{text}");
    assert!(!text.contains("扫码核验"), "no QR code on an amendment");
}

#[test]
fn a_chinese_rescission_record_gives_the_reasons_and_what_no_longer_binds() {
    let reasons = [
        "被申请人已于2025年3月20日一次性付清全部赔偿款，并已修复漏水管道。",
        "各方同意解除原协议，互不再追究。",
    ];
    let bytes = render(
        Locale::ZhCn,
        &change(AmendmentKind::Rescission, 2, &reasons.join("\n")),
        "amendment-rescission-zh.pdf",
    );
    let text = text_of(&bytes);
    let mut expected: Vec<String> = [
        "解除调解协议记录",
        "案号：2025-0001",
        "协议解除情况",
        "各方当事人于2025年2月15日经青山区青山路街道人民调解委员会调解达成的人民调解协议书\
         （案号2025-0001），经协商一致，于2025年4月10日解除该协议。解除的内容及理由如下：",
        "原协议自解除之日起不再履行；尚未履行的义务不再履行，本记录另有约定的除外。",
        "2025年4月10日",
    ]
    .map(String::from)
    .to_vec();
    expected.extend(reasons.map(String::from));
    expected.extend(party_names());
    assert_holds(&text, &expected);
    assert!(!text.contains("补充协议"), "{text}");
}

#[test]
fn an_english_supplementary_agreement_and_rescission_read_in_english() {
    let terms = [
        "The second instalment is now due on 30 April 2025.",
        "All other terms of the original agreement stay in force.",
    ];
    let bytes = render(
        Locale::EnUs,
        &change(AmendmentKind::Supplementary, 2, &terms.join("\n")),
        "amendment-supplementary-en.pdf",
    );
    let text = text_of(&bytes);
    let mut expected: Vec<String> = [
        "Supplementary Agreement No. 2",
        "Case No. 2025-0001",
        "Supplementary terms",
        "On February 15, 2025 the parties reached the People's Mediation Agreement (case No. \
         2025-0001) through mediation by Qingshan Road Subdistrict People's Mediation Committee, \
         Qingshan District. By mutual agreement, on April 10, 2025 they have agreed the following \
         supplementary agreement:",
        "This supplementary agreement has the same effect as the original agreement.",
        "Mediator (signature)",
        "Date: April 10, 2025",
        "Page 1 of",
    ]
    .map(String::from)
    .to_vec();
    expected.extend(
        terms
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{}. {t}", i + 1)),
    );
    expected.extend(party_names());
    assert_holds(&text, &expected);

    let reason = "The respondent paid the whole compensation in one sum on 20 March 2025.";
    let bytes = render(
        Locale::EnUs,
        &change(AmendmentKind::Rescission, 3, reason),
        "amendment-rescission-en.pdf",
    );
    let text = text_of(&bytes);
    let mut expected: Vec<String> = [
        "Record of Rescission",
        "Case No. 2025-0001",
        "Rescission of the agreement",
        "Qingshan District. By mutual agreement, on April 10, 2025 they rescinded that \
         agreement. What was agreed on its rescission, and the reasons, are as follows:",
        reason,
        "From the date of rescission the original agreement is no longer performed",
    ]
    .map(String::from)
    .to_vec();
    expected.extend(party_names());
    assert_holds(&text, &expected);
}
