//! The command line, run as a user runs it: the real `accord` binary on a
//! real database file.

use std::process::Command;

fn accord(db: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .expect("run accord");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn demo_twice_then_list_shows_the_water_leak_case_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("cli.sqlite3");
    let (ok, out) = accord(&db, &["demo"]);
    assert!(ok, "{out}");
    assert!(out.contains("2025-0001"), "{out}");
    let (ok, out) = accord(&db, &["demo"]);
    assert!(ok && out.contains("already there"), "{out}");
    let (ok, out) = accord(&db, &["cases", "list"]);
    assert!(ok, "{out}");
    assert!(out.contains("李玥、赵喆 / 王建国"), "{out}");
    assert_eq!(
        out.lines().filter(|l| l.starts_with("2025-")).count(),
        1,
        "{out}"
    );
    let (ok, out) = accord(&db, &["cases", "list", "--json"]);
    assert!(ok);
    let rows: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(rows[0]["number"], "2025-0001");
    assert_eq!(rows[0]["respondents"][0], "王建国");
}

#[test]
fn verify_accepts_a_sealed_agreement_and_refuses_a_changed_one() {
    use accord_document::{agreement, pdf, seal};
    use accord_i18n::{Locale, Translations};
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("cli.sqlite3");
    let case = accord_core::demo::water_leak_stored_case();
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let doc = agreement(&t, &case, &accord_core::demo::water_leak_agreement(&case));
    let bytes = pdf::render(&doc, &pdf::PrintOptions::default()).expect("render");
    let (key, cert) = seal::self_signed("青山区人民调解委员会", "Accord");
    let sealed = seal::seal(
        &bytes,
        &key,
        &cert,
        "青山区人民调解委员会",
        "定稿",
        1_740_000_000,
    )
    .expect("seal");
    let file = dir.path().join("agreement.pdf");
    std::fs::write(&file, &sealed).expect("write");
    let (ok, out) = accord(&db, &["verify", file.to_str().expect("path")]);
    assert!(ok, "{out}");
    assert!(
        out.contains("the seal is valid. Sealed by 青山区人民调解委员会"),
        "{out}"
    );

    let mut changed = sealed.clone();
    changed[bytes.len() / 3] ^= 0x20;
    std::fs::write(&file, &changed).expect("write");
    let (ok, out) = accord(&db, &["verify", file.to_str().expect("path")]);
    assert!(!ok, "a changed file must fail: {out}");
    assert!(out.contains("not valid or the file was changed"), "{out}");
}
