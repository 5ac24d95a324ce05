//! The example case's file (卷宗) bound from the database: every paper
//! the case has, the scans in their places, the sealed agreement, in the
//! customary order; the contents' page numbers are the pages'; the file
//! sealed with the centre's key (our verifier, and poppler's pdfsig when
//! installed). A batch of the period's closed cases writes the files and
//! an index whose checksums are the files'; a scan that cannot go into
//! an archival file is named in the index, and the others are written.

use std::path::Path;

use accord_app::publish::{self, case_file};
use accord_core::{UserRole, investigation::AttachmentKind, investigation::Investigation};
use accord_document::seal;
use accord_i18n::{Locale, Translations};
use accord_store::{Actor, Store};
use lopdf::Document;
use sha2::{Digest, Sha256};

const SCAN: &[u8] = include_bytes!("../../document/tests/data/scan.jpg");

struct Centre {
    rt: tokio::runtime::Runtime,
    store: Store,
    actor: Actor,
    case_id: i64,
    dir: tempfile::TempDir,
}

fn zh() -> &'static Translations {
    Translations::get(Locale::ZhCn)
}

/// The example case (sealed agreement, part paid), with an investigation,
/// an identity card's scan and a payment receipt's.
fn centre() -> Centre {
    let dir = tempfile::tempdir().expect("dir");
    let url = dir.path().join("accord.sqlite3").display().to_string();
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let store = rt.block_on(Store::open(&url)).expect("open");
    let user = rt
        .block_on(store.create_user(None, "边文玲", UserRole::Mediator))
        .expect("user");
    let actor = Actor::from(&user);
    let (case, _) = rt
        .block_on(publish::load_demo(&store, &actor, zh()))
        .expect("demo");
    rt.block_on(
        store.add_investigation(
            &actor,
            &Investigation {
                id: 0,
                case_id: case.id,
                at: chrono::NaiveDate::from_ymd_opt(2025, 1, 10)
                    .and_then(|d| d.and_hms_opt(9, 30, 0))
                    .expect("time"),
                place: "青五社区3栋2单元501室（现场）".into(),
                investigators: vec!["边文玲".into()],
                recorder: String::new(),
                persons: vec!["李玥".into()],
                findings: "顶棚有水渍约两平方米，墙面涂料起皮。".into(),
            },
        ),
    )
    .expect("investigation");
    rt.block_on(store.add_attachment(
        &actor,
        case.id,
        AttachmentKind::Identity,
        "李玥身份证",
        SCAN,
    ))
    .expect("identity");
    rt.block_on(store.add_attachment(
        &actor,
        case.id,
        AttachmentKind::Receipt,
        "第一期付款收据",
        SCAN,
    ))
    .expect("receipt");
    Centre {
        rt,
        store,
        actor,
        case_id: case.id,
        dir,
    }
}

/// Each page's text, without spaces.
fn pages_text(doc: &Document) -> Vec<String> {
    doc.get_pages()
        .keys()
        .map(|n| {
            doc.extract_text(&[*n])
                .unwrap_or_default()
                .split_whitespace()
                .collect()
        })
        .collect()
}

#[test]
fn the_example_case_file_holds_every_paper_in_order_numbered_and_sealed() {
    let c = centre();
    let t = zh();
    let bound =
        c.rt.block_on(case_file::bind(&c.store, &c.actor, t, c.case_id))
            .expect("bound");
    let expected = [
        "人民调解受理登记表",
        "人民调解权利义务告知书",
        "身份证明：李玥身份证",
        "人民调解调查记录",
        "人民调解记录",
        "人民调解协议书（加盖印章的原件）",
        "履行凭证：第一期付款收据",
        "结案报告",
    ];
    // The sections in the customary order (the notices once per party).
    let mut at = 0;
    for title in expected {
        let found = bound.sections[at..]
            .iter()
            .position(|s| s == title)
            .unwrap_or_else(|| panic!("{title} after {at} in {:?}", bound.sections));
        at += found + 1;
    }

    let doc = Document::load_mem(&bound.pdf).expect("a PDF");
    let pages = pages_text(&doc);
    let total = pages.len();
    assert!(total >= 12, "{total} pages");
    // The back cover states the count; every page carries its number.
    assert!(
        pages[total - 1].contains(&format!("本卷共{total}页")),
        "{}",
        pages[total - 1]
    );
    // The contents: "序号 文件名称 页号" rows; each entry's page is where
    // that paper begins (a scan's page has no text but its number).
    let contents = &pages[1];
    assert!(contents.contains("卷内目录"), "{contents}");
    let mut cursor = 0;
    let n = bound.sections.len();
    for (i, title) in bound.sections.iter().enumerate().take(n - 1) {
        let entry = format!("{}{title}", i + 1);
        let at = cursor + contents[cursor..].find(&entry).expect("listed in order");
        let rest = &contents[at + entry.len()..];
        let next = format!("{}{}", i + 2, bound.sections[i + 1]);
        let end = rest.find(&next).expect("the next entry");
        let page: usize = rest[..end].parse().expect("a page number");
        let text = &pages[page - 1];
        if title.contains('：') {
            assert!(
                text.chars().all(|c| c.is_ascii_digit()),
                "{title}: a scan on page {page}: {text}"
            );
        } else {
            let head = title.split('（').next().unwrap_or(title);
            assert!(text.contains(head), "{title} on page {page}: {text}");
        }
        cursor = at + entry.len();
    }
    // The cover.
    assert!(pages[0].contains("人民调解卷宗"), "{}", pages[0]);
    assert!(pages[0].contains("李玥"), "{}", pages[0]);
    assert!(pages[0].contains("达成书面调解协议"), "{}", pages[0]);

    // Sealed with the centre's key, over the whole file.
    let report = seal::verify(&bound.pdf).expect("the seal verifies");
    assert!(report.covers_whole_file);
    let path = c.dir.path().join("case-file.pdf");
    std::fs::write(&path, &bound.pdf).expect("write");
    match std::process::Command::new("pdfsig").arg(&path).output() {
        Ok(out) => {
            let out = String::from_utf8_lossy(&out.stdout);
            assert!(out.contains("Signature is Valid"), "{out}");
            assert!(out.contains("Total document signed"), "{out}");
        }
        Err(e) => assert!(
            std::env::var_os("CI").is_none(),
            "pdfsig must be installed in CI: {e}"
        ),
    }
    // pyHanko (when CI has installed it), trusting the centre's certificate
    // as the store keeps it.
    if let Some(python) = std::env::var_os("ACCORD_PYHANKO") {
        let centre =
            c.rt.block_on(c.store.current_centre_certificate())
                .expect("store")
                .expect("the centre's certificate");
        let der = c.dir.path().join("centre.cer");
        std::fs::write(&der, &centre.certificate).expect("write");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.ci/pyhanko-verify.py");
        let out = std::process::Command::new(python)
            .arg(script)
            .arg(&path)
            .arg(&der)
            .output()
            .expect("run pyHanko");
        assert!(
            out.status.success(),
            "pyHanko: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // PDF/A-2b: identified in the XMP, with an output intent.
    let catalog = doc.catalog().expect("catalog");
    assert!(catalog.get(b"OutputIntents").is_ok(), "an output intent");
    let metadata = catalog
        .get(b"Metadata")
        .and_then(|m| m.as_reference())
        .and_then(|id| doc.get_object(id))
        .and_then(|o| o.as_stream())
        .expect("XMP metadata");
    let xmp = String::from_utf8_lossy(&metadata.content);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
}

#[test]
fn a_batch_writes_the_closed_cases_files_and_an_index_and_names_what_failed() {
    let c = centre();
    let t = zh();
    let out = c.dir.path().join("batch");
    let period = (
        chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("day"),
        chrono::NaiveDate::from_ymd_opt(2100, 12, 31).expect("day"),
    );
    let mut seen = Vec::new();
    let batch =
        c.rt.block_on(case_file::write_batch(
            &c.store,
            &c.actor,
            t,
            period,
            &out,
            |done, of| seen.push((done, of)),
        ))
        .expect("batch");
    assert_eq!(batch.files.len(), 1, "{batch:?}");
    assert!(batch.failed.is_empty());
    assert_eq!(seen, vec![(0, 1), (1, 1)], "progress before and after");
    let index = std::fs::read_to_string(out.join("index.csv")).expect("index");
    let lines: Vec<&str> = index.trim_start_matches('\u{feff}').lines().collect();
    assert!(
        lines[0].starts_with("卷宗号,案件编号,当事人"),
        "{}",
        lines[0]
    );
    let file = &batch.files[0];
    let sum: String = Sha256::digest(std::fs::read(file).expect("file"))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(lines[1].ends_with(&sum), "{}", lines[1]);
    assert!(lines[1].contains("2025-0001"), "{}", lines[1]);
    assert!(
        Path::new(file)
            .file_name()
            .is_some_and(|n| n.to_string_lossy() == "卷宗-2025-0001.pdf"),
        "{file:?}"
    );

    // A scan claiming to be a PDF that is not: named in the index with
    // the reason, and the batch still finishes.
    c.rt.block_on(c.store.add_attachment(
        &c.actor,
        c.case_id,
        AttachmentKind::Evidence,
        "现场照片",
        b"%PDF-1.4 torn off here",
    ))
    .expect("the bytes look like a PDF");
    let again = c.dir.path().join("again");
    let batch =
        c.rt.block_on(case_file::write_batch(
            &c.store,
            &c.actor,
            t,
            period,
            &again,
            |_, _| {},
        ))
        .expect("batch");
    assert!(batch.files.is_empty());
    assert_eq!(batch.failed.len(), 1);
    assert!(
        batch.failed[0].1.contains("现场照片"),
        "the reason names the paper: {}",
        batch.failed[0].1
    );
    let index = std::fs::read_to_string(again.join("index.csv")).expect("index");
    assert!(index.contains("现场照片"), "{index}");
}
