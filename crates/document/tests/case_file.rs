//! The case file (卷宗) parsed back.

use accord_core::demo;
use accord_document::archive::{
    self, BackCover, CaseFile, Cover, ImageFormat, Section, SectionBody,
};
use accord_document::{AgreementDocument, AgreementInput, Block, agreement, pdf, seal};
use accord_i18n::{Locale, Translations};
use chrono::NaiveDate;

const AT: i64 = 1_740_000_000;
const SCAN: &[u8] = include_bytes!("data/scan.jpg");

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn key_valid_at_sealing() -> (seal::SealKey, Vec<u8>) {
    let (key, _) = seal::self_signed("青山区人民调解委员会", "Accord");
    let cert = seal::self_signed_valid_between(
        &key,
        "青山区人民调解委员会",
        "Accord",
        AT - 86_400,
        AT + 3650 * 86_400,
    )
    .expect("certificate");
    (key, cert)
}

fn agreement_doc(t: &Translations) -> AgreementDocument {
    let case = demo::water_leak_stored_case();
    let content = demo::water_leak_agreement(&case);
    agreement(t, &AgreementInput::new(&case, &content))
}

/// The sealed agreement's original, as the desk keeps it.
fn sealed_agreement(t: &Translations) -> Vec<u8> {
    let options = pdf::PrintOptions {
        footer_pattern: t.tr("doc-footer"),
        created_unix: AT,
        ..Default::default()
    };
    let bytes = pdf::render(&agreement_doc(t), &options).expect("render");
    let (key, cert) = key_valid_at_sealing();
    seal::seal(&bytes, &key, &cert, "青山区人民调解委员会", "定稿", AT).expect("seal")
}

fn record(title: &str, paragraphs: usize) -> AgreementDocument {
    AgreementDocument {
        locale: Locale::ZhCn,
        title: title.into(),
        number: "（2025）青山人调字第1号".into(),
        blocks: std::iter::once(Block::Title(title.into()))
            .chain((0..paragraphs).map(|i| {
                Block::Paragraph(format!(
                    "第{}段：申请人李玥称，楼上住户赵喆家中水管破裂，致其房屋顶棚及墙面受损，请求赔偿维修费用。被申请人对漏水事实无异议，但对赔偿数额有异议。",
                    i + 1
                ))
            }))
            .collect(),
        signature_page: String::new(),
    }
}

/// A PNG with an alpha channel, half of it transparent.
fn png_with_alpha() -> Vec<u8> {
    let (w, h) = (64u32, 48u32);
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().expect("header");
        let data: Vec<u8> = (0..w * h)
            .flat_map(|i| {
                let x = i % w;
                [200, 30, 30, if x < w / 2 { 255 } else { 0 }]
            })
            .collect();
        writer.write_image_data(&data).expect("data");
    }
    out
}

fn sample(t: &Translations) -> CaseFile {
    CaseFile {
        locale: Locale::ZhCn,
        cover: Cover {
            file_number: "（2025）青山人调字第1号".into(),
            case_name: "相邻关系纠纷（漏水）".into(),
            parties: vec!["李玥".into(), "赵喆".into(), "王建国".into()],
            mediator: "王建国".into(),
            accepted: date(2025, 2, 10),
            closed: Some(date(2025, 3, 31)),
            result: "调解成功，达成书面协议".into(),
            retention: "长期".into(),
            compiled_by: "刘芳".into(),
            compiled_on: date(2025, 4, 2),
            committee: "青山区人民调解委员会".into(),
        },
        sections: vec![
            Section {
                title: "人民调解申请书".into(),
                body: SectionBody::Document(record("人民调解申请书", 3)),
            },
            Section {
                title: "调解笔录".into(),
                body: SectionBody::Document(record("调解笔录", 40)),
            },
            Section {
                title: "现场照片".into(),
                body: SectionBody::Image {
                    bytes: SCAN.to_vec(),
                    format: ImageFormat::Jpeg,
                },
            },
            Section {
                title: "人民调解协议书（正本）".into(),
                body: SectionBody::Pdf(sealed_agreement(t)),
            },
            Section {
                title: "维修费用收据".into(),
                body: SectionBody::Image {
                    bytes: png_with_alpha(),
                    format: ImageFormat::Png,
                },
            },
            Section {
                title: "回访记录".into(),
                body: SectionBody::Document(record("回访记录", 2)),
            },
        ],
        back: BackCover {
            lines: vec![
                (
                    t.tr("case-file-remarks"),
                    "本卷材料齐全，协议已履行完毕。".into(),
                ),
                ("立卷人：".into(), "刘芳　2025年4月2日".into()),
                ("检查人：".into(), "王建国　2025年4月3日".into()),
            ],
        },
        created_unix: AT,
        author: "青山区人民调解委员会".into(),
    }
}

#[test]
fn dump() {
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let bytes = archive::case_file(&t, &sample(&t)).expect("case file");
    if let Ok(dir) = std::env::var("ACCORD_PDF_OUT") {
        std::fs::write(format!("{dir}/case-file.pdf"), &bytes).expect("write");
    }
    let doc = lopdf::Document::load_mem(&bytes).expect("pdf");
    assert!(doc.get_pages().len() > 10);
}
