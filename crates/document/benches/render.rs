//! Rendering the 3-page zh-CN water-leak agreement with 3 pad signatures
//! to PDF, font subsetting included (target: 15 ms median, at most 120 KB),
//! and sealing it (target: 100 ms median), and verifying the seal.
//! `cargo bench -p accord-document --bench render`

use std::time::{Duration, Instant};

use accord_core::{
    agreement::{Clause, SignMethod, Signature},
    demo,
};
use accord_document::{AgreementInput, agreement, pdf, seal};
use accord_i18n::{Locale, Translations};

fn main() {
    let case = demo::water_leak_stored_case();
    let mut content = demo::water_leak_agreement(&case);
    // Long enough for three pages, as a real agreement with a full account
    // of the facts runs.
    content.facts = content.facts.repeat(3);
    content.clauses.extend((0..6).map(|i| Clause {
        text: format!("第{}项补充约定：各方确认上述款项支付完毕后，就本纠纷再无其他争议，任何一方不得以同一事实另行主张权利。", i + 1),
    }));
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let options = pdf::PrintOptions {
        original: Some("正本 1/4".into()),
        author: "青山区人民调解委员会".into(),
        created_unix: 1_740_000_000,
        footer_pattern: t.tr("doc-footer"),
        qr: Some((
            format!("ACCORD|2025-0001|1|sha256:{}", content.content_hash(&case)),
            t.tr("doc-qr-caption"),
        )),
        certificate_fingerprint: None,
        audit_head: None,
    };
    // Three signatures from the pad, 40 points per stroke as a hand gives.
    let signatures: Vec<Signature> = (0..3)
        .map(|slot| Signature {
            slot,
            name: String::new(),
            method: SignMethod::Pad,
            strokes: (0..3)
                .map(|s| {
                    (0..40)
                        .map(|k| {
                            let x = (s as f32 + k as f32 / 40.0) / 3.2;
                            (x, 0.5 + 0.3 * (k as f32 * 0.4 + slot as f32).sin())
                        })
                        .collect()
                })
                .collect(),
            signed_at: chrono::Utc::now(),
        })
        .collect();
    let doc = agreement(
        &t,
        &AgreementInput {
            signatures: &signatures,
            ..AgreementInput::new(&case, &content)
        },
    );
    let bytes = pdf::render(&doc, &options).expect("render");
    let pages = lopdf::Document::load_mem(&bytes)
        .expect("pdf")
        .get_pages()
        .len();
    let mut times = Vec::new();
    for _ in 0..30 {
        let start = Instant::now();
        let out = pdf::render(&doc, &options).expect("render");
        times.push(start.elapsed());
        assert_eq!(out.len(), bytes.len());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "agreement PDF: {} pages, 3 signatures, {} bytes ({} KB, target 120 KB)  {}",
        pages,
        bytes.len(),
        bytes.len() / 1024,
        if bytes.len() <= 120 * 1024 {
            "ok"
        } else {
            "OVER TARGET"
        }
    );
    println!(
        "render zh-CN agreement incl. subsetting   median {:>7.2} ms   max {:>7.2} ms   target 15 ms  {}",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        if ms(times[times.len() / 2]) <= 15.0 {
            "ok"
        } else {
            "OVER TARGET"
        }
    );
    // A certificate valid when the file is sealed (not from now): a seal
    // dated outside its certificate's validity is refused.
    let (key, _) = seal::self_signed("青山区人民调解委员会", "Accord");
    let cert = seal::self_signed_valid_between(
        &key,
        "青山区人民调解委员会",
        "Accord",
        1_740_000_000 - 86_400,
        1_740_000_000 + 86_400,
    )
    .expect("certificate");
    let mut seals = Vec::new();
    for _ in 0..30 {
        let start = Instant::now();
        let sealed = seal::seal(
            &bytes,
            &key,
            &cert,
            "青山区人民调解委员会",
            "定稿",
            1_740_000_000,
        )
        .expect("seal");
        seals.push(start.elapsed());
        assert!(sealed.len() > bytes.len());
    }
    seals.sort();
    println!(
        "seal (PAdES, ECDSA P-256)                 median {:>7.2} ms   max {:>7.2} ms   target 100 ms {}",
        ms(seals[seals.len() / 2]),
        ms(seals[seals.len() - 1]),
        if ms(seals[seals.len() / 2]) <= 100.0 {
            "ok"
        } else {
            "OVER TARGET"
        }
    );
    let sealed = seal::seal(
        &bytes,
        &key,
        &cert,
        "青山区人民调解委员会",
        "定稿",
        1_740_000_000,
    )
    .expect("seal");
    let trusted = seal::TrustedCertificates::from_der([&cert]).expect("certificate");
    let mut verifies = Vec::new();
    for _ in 0..30 {
        let start = Instant::now();
        let report = seal::verify_trusted(&sealed, &trusted).expect("verify");
        verifies.push(start.elapsed());
        assert_eq!(report.signer_cn, "青山区人民调解委员会");
    }
    verifies.sort();
    println!(
        "verify (one seal, whole file, trusted)    median {:>7.2} ms   max {:>7.2} ms",
        ms(verifies[verifies.len() / 2]),
        ms(verifies[verifies.len() - 1]),
    );
    if let Ok(path) = std::env::var("ACCORD_PDF_OUT") {
        std::fs::write(path, &bytes).expect("write");
    }
}
