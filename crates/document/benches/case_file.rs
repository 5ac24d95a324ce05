//! Assembling a case file of 40 scanned pages (JPEGs of about 200 KB
//! each, passed through) with its cover, table of contents and back cover
//! (target: under 1 s in release).
//! `cargo bench -p accord-document --bench case_file`

use std::time::{Duration, Instant};

use accord_document::archive::{
    self, BackCover, CaseFile, Cover, ImageFormat, Section, SectionBody,
};
use accord_i18n::{Locale, Translations};
use chrono::NaiveDate;

const SCAN: &[u8] = include_bytes!("../tests/data/scan.jpg");

/// A real JPEG brought to about 200 KB, as a page scanned at 200 dpi
/// weighs, by comment segments after its start (each scan different).
fn scan(i: usize) -> Vec<u8> {
    let mut out = SCAN[..2].to_vec();
    while out.len() < 200 * 1024 - SCAN.len() {
        let payload: Vec<u8> = (0..60_000u32)
            .map(|k| (k as usize * 31 + i) as u8 | 1)
            .collect();
        out.extend_from_slice(&[0xFF, 0xFE]);
        out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&payload);
    }
    out.extend_from_slice(&SCAN[2..]);
    out
}

fn main() {
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let date = |d| NaiveDate::from_ymd_opt(2025, 3, d).expect("date");
    let file = CaseFile {
        locale: Locale::ZhCn,
        cover: Cover {
            file_number: "（2025）青山人调字第1号".into(),
            case_name: "相邻关系纠纷（漏水）".into(),
            parties: vec!["李玥".into(), "赵喆".into(), "王建国".into()],
            mediator: "王建国".into(),
            accepted: date(1),
            closed: Some(date(31)),
            result: "调解成功，达成书面协议".into(),
            retention: "长期".into(),
            compiled_by: "刘芳".into(),
            compiled_on: date(31),
            committee: "青山区人民调解委员会".into(),
        },
        sections: (0..40)
            .map(|i| Section {
                title: format!("证据材料{}", i + 1),
                body: SectionBody::Image {
                    bytes: scan(i),
                    format: ImageFormat::Jpeg,
                },
            })
            .collect(),
        back: BackCover {
            lines: vec![("立卷人：".into(), "刘芳".into())],
        },
        created_unix: 1_740_000_000,
        author: "青山区人民调解委员会".into(),
    };
    let input: usize = file
        .sections
        .iter()
        .map(|s| match &s.body {
            SectionBody::Image { bytes, .. } => bytes.len(),
            _ => 0,
        })
        .sum();
    let start = Instant::now();
    let bytes = archive::case_file(&t, &file).expect("case file");
    let cold = start.elapsed();
    let pages = lopdf::Document::load_mem(&bytes)
        .expect("pdf")
        .get_pages()
        .len();
    let mut times = Vec::new();
    for _ in 0..10 {
        let start = Instant::now();
        let out = archive::case_file(&t, &file).expect("case file");
        times.push(start.elapsed());
        assert_eq!(out.len(), bytes.len());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "case file: 40 scans ({} KB in), {} pages, {} KB out",
        input / 1024,
        pages,
        bytes.len() / 1024
    );
    println!(
        "first case file in the process (fonts parsed once)  {:>7.2} ms",
        ms(cold)
    );
    println!(
        "assemble 40-scan case file                median {:>7.2} ms   max {:>7.2} ms   target 1000 ms {}",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        if ms(times[times.len() - 1]) <= 1000.0 {
            "ok"
        } else {
            "OVER TARGET"
        }
    );
    if let Ok(path) = std::env::var("ACCORD_PDF_OUT") {
        std::fs::write(path, &bytes).expect("write");
    }
}
