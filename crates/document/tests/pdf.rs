//! The agreement PDF parsed back: everything a court clerk checks is in
//! the text layer, and the page count matches the footer.

use accord_core::{
    Case,
    agreement::{AgreementContent, Jurisdiction, SignMethod, Signature},
    demo,
};
use accord_document::{AgreementInput, agreement, pdf};
use accord_i18n::{Locale, Translations};

fn case() -> Case {
    demo::water_leak_stored_case()
}

fn content(jurisdiction: Jurisdiction) -> AgreementContent {
    AgreementContent {
        jurisdiction,
        ..demo::water_leak_agreement(&case())
    }
}

fn render(locale: Locale, jurisdiction: Jurisdiction) -> Vec<u8> {
    let t = Translations::load(locale).expect("locale");
    let doc = agreement(&t, &AgreementInput::new(&case(), &content(jurisdiction)));
    let options = pdf::PrintOptions {
        original: Some(t.tr_args("doc-original", &[("n", "1".into()), ("of", "4".into())])),
        author: "青山区人民调解委员会".into(),
        created_unix: 1_740_000_000,
        footer_pattern: t.tr("doc-footer"),
        qr: Some((
            "ACCORD|2025-0001|1|sha256:0123abcd".into(),
            t.tr("doc-qr-caption"),
        )),
        certificate_fingerprint: None,
        audit_head: None,
    };
    pdf::render(&doc, &options).expect("renders")
}

fn text_of(bytes: &[u8]) -> (String, usize) {
    let doc = lopdf::Document::load_mem(bytes).expect("a valid PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("text");
    (
        text.split_whitespace().collect::<Vec<_>>().join(""),
        pages.len(),
    )
}

#[test]
fn the_chinese_pdf_holds_every_name_number_amount_deadline_and_signature_label() {
    let bytes = render(Locale::ZhCn, Jurisdiction::PrcPeoplesMediation);
    if let Ok(dir) = std::env::var("ACCORD_PDF_OUT") {
        std::fs::write(format!("{dir}/agreement-zh.pdf"), &bytes).expect("write");
    }
    assert!(
        bytes.len() <= 150 * 1024,
        "{} bytes: the font must be subset",
        bytes.len()
    );
    let (text, pages) = text_of(&bytes);
    for expected in [
        "人民调解协议书",
        "李玥",
        "150204198509230024",
        "赵喆",
        "150204199003070056",
        "王建国",
        "150204196805120031",
        "人民币捌仟元整（¥8,000.00）",
        "人民币伍仟元整（¥5,000.00）",
        "人民币叁仟元整（¥3,000.00）",
        "人民币叁仟伍佰元伍角（¥3,500.50）",
        "2025年2月20日",
        "2025年3月1日",
        "2025年3月31日",
        "申请人（签名/按指印）",
        "被申请人（签名/按指印）",
        "人民调解员（签名）",
        "记录人（签名）",
        "见证人（签名）",
        "人民调解委员会（盖章）",
        "本协议一式4份",
        "正本1/4",
        "扫码核验",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not found in the PDF text:\n{text}"
        );
    }
    assert!(pages >= 2, "a full agreement takes more than one page");
    assert!(
        text.contains(&format!("第1页共{pages}页")),
        "footer of page 1"
    );
    assert!(
        text.contains(&format!("第{pages}页共{pages}页")),
        "footer of the last page"
    );
    assert!(!text.contains(&format!("共{}页", pages + 1)));
}

#[test]
fn the_english_pdf_reads_in_english() {
    let bytes = render(Locale::EnUs, Jurisdiction::GenericEnglish);
    if let Ok(dir) = std::env::var("ACCORD_PDF_OUT") {
        std::fs::write(format!("{dir}/agreement-en.pdf"), &bytes).expect("write");
    }
    let (text, pages) = text_of(&bytes);
    for expected in [
        "MediatedSettlementAgreement",
        "Eightthousandyuanonly(¥8,000.00)",
        "BINDINGANDENFORCEABLEANDISNOTSUBJECTTOREVOCATION",
        "Mediator(signature)",
        &format!("Page1of{pages}"),
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not found in:\n{text}"
        );
    }
}

#[test]
fn a_name_the_font_cannot_print_is_refused_before_printing() {
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let mut c = case();
    c.parties[0].name = "李𠀀".into();
    let content = content(Jurisdiction::PrcPeoplesMediation);
    let doc = agreement(&t, &AgreementInput::new(&c, &content));
    assert_eq!(pdf::missing_glyphs(&doc), Ok(vec!['𠀀']));
    assert_eq!(
        pdf::render(&doc, &pdf::PrintOptions::default()),
        Err(pdf::PdfError::MissingGlyphs(vec!['𠀀']))
    );
}

#[test]
fn signatures_from_the_pad_are_drawn_into_the_pdf() {
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let (case, content) = (case(), content(Jurisdiction::PrcPeoplesMediation));
    // The box a signatory's pad signature goes in, by name.
    let slot = |name: &str| {
        content
            .signatories(&case)
            .iter()
            .position(|s| s.name == name)
    };
    let pad = |slot: usize, strokes: Vec<Vec<(f32, f32)>>| Signature {
        slot,
        name: String::new(),
        method: SignMethod::Pad,
        strokes,
        signed_at: chrono::Utc::now(),
    };
    // A signature-like zigzag.
    let stroke: Vec<(f32, f32)> = (0..40)
        .map(|i| (i as f32 / 40.0, if i % 2 == 0 { 0.3 } else { 0.7 }))
        .collect();
    let (Some(applicant), Some(mediator)) = (slot("李玥"), slot("边文玲")) else {
        panic!("李玥 and 边文玲 sign the agreement");
    };
    assert!(slot("不在协议中").is_none());
    let signatures = [
        pad(applicant, vec![stroke.clone()]),
        pad(
            mediator,
            vec![
                stroke.clone(),
                stroke.iter().map(|(x, y)| (*x, 1.0 - y)).collect(),
            ],
        ),
    ];
    let doc = agreement(
        &t,
        &AgreementInput {
            signatures: &signatures,
            ..AgreementInput::new(&case, &content)
        },
    );
    let options = pdf::PrintOptions {
        footer_pattern: t.tr("doc-footer"),
        ..Default::default()
    };
    let signed = pdf::render(&doc, &options).expect("render");
    let unsigned = pdf::render(
        &agreement(&t, &AgreementInput::new(&case, &content)),
        &options,
    )
    .expect("render");
    // The strokes are vector paths on the signature page: the page's
    // content grows by the drawing and the text is unchanged.
    let pages = |bytes: &[u8]| {
        let doc = lopdf::Document::load_mem(bytes).expect("pdf");
        let ids: Vec<_> = doc.get_pages().values().copied().collect();
        ids.iter()
            .map(|id| doc.get_page_content(*id).len())
            .sum::<usize>()
    };
    assert!(
        pages(&signed) > pages(&unsigned) + 40 * 2 * 8,
        "the strokes are drawn"
    );
    if let Ok(dir) = std::env::var("ACCORD_PDF_OUT") {
        std::fs::write(format!("{dir}/agreement-signed.pdf"), &signed).expect("write");
    }
    assert_eq!(text_of(&signed).0, text_of(&unsigned).0);
}
