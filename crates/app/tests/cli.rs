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
fn the_demo_agreement_is_written_sealed_and_verified_against_the_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("cli.sqlite3");
    assert!(accord(&db, &["demo"]).0);
    let file = dir.path().join("agreement.pdf");
    let path = file.to_str().expect("path");
    let (ok, out) = accord(&db, &["agreement", "pdf", "2025-0001", "--out", path]);
    assert!(ok, "{out}");
    assert!(
        out.contains("Wrote the sealed agreement of case 2025-0001"),
        "{out}"
    );
    let sealed = std::fs::read(&file).expect("written");
    let (ok, out) = accord(&db, &["verify", path]);
    assert!(ok, "{out}");
    assert!(out.contains("the seal is valid. Sealed by"), "{out}");
    assert!(
        out.contains("is the finalised agreement of case 2025-0001, version 1"),
        "{out}"
    );

    // One changed byte: the seal breaks.
    let mut changed = sealed.clone();
    changed[sealed.len() / 3] ^= 0x20;
    std::fs::write(&file, &changed).expect("write");
    let (ok, out) = accord(&db, &["verify", path]);
    assert!(!ok, "a changed file must fail: {out}");
    assert!(out.contains("not valid or the file was changed"), "{out}");

    // A case without an agreement: a clear refusal, no file.
    let (ok, _) = accord(&db, &["agreement", "pdf", "2031-0042", "--out", path]);
    assert!(!ok);

    // The Chinese form in its own language is the original, whatever the
    // terminal's language; in English it is a sealed copy in translation
    // that says the Chinese text prevails, and it verifies too.
    std::fs::write(&file, &sealed).expect("restore");
    let zh = dir.path().join("zh.pdf");
    let (ok, out) = accord(
        &db,
        &[
            "agreement",
            "pdf",
            "2025-0001",
            "--out",
            zh.to_str().expect("path"),
            "--lang",
            "zh-CN",
        ],
    );
    assert!(ok, "{out}");
    assert_eq!(std::fs::read(&zh).expect("written"), sealed, "the original");
    let text = |path: &std::path::Path| {
        let doc = lopdf::Document::load_mem(&std::fs::read(path).expect("read")).expect("pdf");
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        doc.extract_text(&pages)
            .expect("text")
            .split_whitespace()
            .collect::<String>()
    };
    assert!(text(&zh).contains("人民调解协议书"));
    let en = dir.path().join("en.pdf");
    let (ok, out) = accord(
        &db,
        &[
            "agreement",
            "pdf",
            "2025-0001",
            "--out",
            en.to_str().expect("path"),
            "--lang",
            "en-US",
        ],
    );
    assert!(ok, "{out}");
    let english = text(&en);
    assert!(english.contains("People'sMediationAgreement"), "{english}");
    assert!(english.contains("theChinesetextprevails"), "{english}");
    assert!(english.contains("Copy"), "marked as a copy: {english}");
    let (ok, out) = accord(&db, &["verify", en.to_str().expect("path")]);
    assert!(ok, "{out}");
    // A language Accord does not write is refused in words.
    let refused = Command::new(env!("CARGO_BIN_EXE_accord"))
        .arg("--db")
        .arg(&db)
        .args([
            "agreement",
            "pdf",
            "2025-0001",
            "--out",
            path,
            "--lang",
            "fr",
        ])
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .expect("run accord");
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("use zh-CN or en-US"), "{said}");
}

#[test]
fn a_validly_sealed_pdf_whose_content_is_not_the_final_agreement_is_refused() {
    use accord_document::{agreement, pdf, seal};
    use accord_i18n::{Locale, Translations};
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("cli.sqlite3");
    assert!(accord(&db, &["demo"]).0);
    // Sealed with the centre's own key (made when the final agreement was
    // sealed): the seal holds, the content is not the final agreement.
    let original = dir.path().join("original.pdf");
    let original = original.to_str().expect("path");
    assert!(accord(&db, &["agreement", "pdf", "2025-0001", "--out", original]).0);
    let stored = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            let store = accord_store::Store::open(db.to_str().expect("path"))
                .await
                .expect("open");
            store.centre_key().await.expect("read").expect("a key")
        });
    let (key, cert) = (
        seal::key_from_pkcs8(
            &accord_app::publish::unwrap_key(&stored.private_key).expect("the centre secret"),
        )
        .expect("key"),
        stored.certificate,
    );
    let case = accord_core::demo::water_leak_stored_case();
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let mut content = accord_core::demo::water_leak_agreement(&case);
    content.obligations[1].amount = Some(accord_core::Money::major(
        80_000,
        accord_core::Currency::Cny,
    ));
    let doc = agreement(&t, &accord_document::AgreementInput::new(&case, &content));
    let reference = pdf::Reference {
        case_number: "2025-0001".parse().expect("a case number"),
        version: 1,
        content_hash: content.content_hash(&case),
    };
    let options = pdf::PrintOptions {
        qr: Some((reference.payload(), t.tr("doc-qr-caption"))),
        ..Default::default()
    };
    let bytes = pdf::render(&doc, &options).expect("render");
    let sealed = seal::seal(
        &bytes,
        &key,
        &cert,
        "青山区人民调解委员会",
        "定稿",
        chrono::Utc::now().timestamp(),
    )
    .expect("seal");
    let file = dir.path().join("forged.pdf");
    std::fs::write(&file, &sealed).expect("write");
    let (ok, out) = accord(&db, &["verify", file.to_str().expect("path")]);
    assert!(!ok, "{out}");
    assert!(out.contains("the seal is valid"), "{out}");
    assert!(out.contains("does NOT match"), "{out}");

    // Without a reference the content cannot be checked: not accepted.
    let plain = pdf::render(&doc, &pdf::PrintOptions::default()).expect("render");
    let sealed = seal::seal(
        &plain,
        &key,
        &cert,
        "c",
        "r",
        chrono::Utc::now().timestamp(),
    )
    .expect("seal");
    std::fs::write(&file, &sealed).expect("write");
    let (ok, out) = accord(&db, &["verify", file.to_str().expect("path")]);
    assert!(
        !ok && out.contains("does not name an Accord agreement"),
        "{out}"
    );
}

fn accord_json(db: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let (ok, out) = accord(db, args);
    assert!(ok, "{out}");
    serde_json::from_str(&out).expect("json")
}

#[test]
fn the_day_after_the_deadline_the_partly_paid_instalment_is_overdue() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("cli.sqlite3");
    assert!(accord(&db, &["demo"]).0);
    // 李玥's first instalment (5,000 by 1 March 2025) was paid 3,000.
    let (ok, out) = accord(&db, &["followups", "due", "--on", "2025-03-02"]);
    assert!(ok, "{out}");
    let urge = out
        .lines()
        .find(|l| l.contains("Urge performance") && l.contains("房屋及家具损失赔偿款"))
        .unwrap_or_else(|| panic!("the overdue instalment is listed:\n{out}"));
    assert!(urge.starts_with("2025-03-02\t2025-0001\t"), "{urge}");
    assert!(
        urge.contains("1 day overdue") || urge.contains("Two thousand"),
        "{urge}"
    );
    assert!(
        urge.contains("Two thousand yuan only"),
        "what remains, in words: {urge}"
    );
    assert!(
        !out.contains("顶棚修复费用"),
        "赵喆 was paid in full: {out}"
    );
    let json = accord_json(&db, &["followups", "due", "--on", "2025-03-02", "--json"]);
    let rows = json.as_array().expect("array");
    assert!(
        rows.iter()
            .any(|r| r["kind"] == "urge" && r["balance"]["paid"]["minor"] == 300_000)
    );
    let (ok, out) = accord(&db, &["followups", "due", "--on", "2025-02-13"]);
    assert!(ok && out.contains("Nothing is due"), "{out}");
}

#[test]
fn the_calendar_export_parses_back_with_stable_uids_and_alarms() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("cli.sqlite3");
    assert!(accord(&db, &["demo"]).0);
    let read = |name: &str| {
        let file = dir.path().join(name);
        let (ok, out) = accord(
            &db,
            &["followups", "ics", "--out", file.to_str().expect("path")],
        );
        assert!(ok, "{out}");
        std::fs::read_to_string(file).expect("ics")
    };
    let first = read("a.ics");
    assert!(first.lines().all(|l| l.len() <= 76), "folded at 75 octets");
    assert!(first.contains("\r\n"), "CRLF line ends");
    let unfolded = icalendar::parser::unfold(&first);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("a valid iCalendar file");
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    assert!(events.len() >= 15, "{}", events.len());
    let uids: Vec<String> = events
        .iter()
        .map(|e| e.find_prop("UID").expect("UID").val.to_string())
        .collect();
    assert!(
        uids.iter()
            .all(|u| u.starts_with("followup-") && u.ends_with("@accord.invalid"))
    );
    let urge = events
        .iter()
        .find(|e| {
            e.find_prop("DTSTART")
                .is_some_and(|p| p.val.as_str() == "20250302")
                && e.find_prop("CATEGORIES")
                    .is_some_and(|p| p.val.as_str() == "URGE")
        })
        .expect("the urge of 2 March");
    assert!(
        urge.find_prop("SUMMARY")
            .expect("summary")
            .val
            .as_str()
            .contains("2025-0001")
    );
    let open_reminders = events
        .iter()
        .filter(|e| {
            e.find_prop("CATEGORIES")
                .is_some_and(|p| p.val.as_str() == "REMINDER")
                && e.find_prop("STATUS")
                    .is_some_and(|p| p.val.as_str() == "CONFIRMED")
        })
        .collect::<Vec<_>>();
    assert!(!open_reminders.is_empty());
    assert!(
        open_reminders
            .iter()
            .all(|e| e.components.iter().any(|a| a.name == "VALARM")),
        "every reminder has an alarm"
    );
    // A second export updates the same events: the same UIDs.
    let again = read("b.ics");
    let unfolded = icalendar::parser::unfold(&again);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("valid");
    let uids_again: Vec<String> = calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|e| e.find_prop("UID").expect("UID").val.to_string())
        .collect();
    assert_eq!(uids, uids_again);
}

#[path = "../../store/tests/common/mod.rs"]
mod backends;

fn accord_at(db: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(["--db", db])
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .expect("run accord");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `db copy` prints one line per table (name, rows, SHA-256) and a summary.
fn copy(from: &str, to: &str) -> Vec<(String, u64, String)> {
    let (ok, out, err) = accord_at(from, &["db", "copy", "--from", from, "--to", to]);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("row counts and content hashes agree on both sides"),
        "{out}"
    );
    out.lines()
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let (table, rows, hash) = (cols.next()?, cols.next()?, cols.next()?);
            Some((
                table.trim().to_owned(),
                rows.trim().parse().ok()?,
                hash.to_owned(),
            ))
        })
        .collect()
}

fn cases_json(db: &str) -> serde_json::Value {
    let (ok, out, err) = accord_at(db, &["cases", "list", "--json"]);
    assert!(ok, "{err}");
    serde_json::from_str(&out).expect("json")
}

#[tokio::test]
async fn a_rooms_database_moves_to_another_and_back_without_loss() {
    let room = backends::TestDb::sqlite();
    assert!(accord_at(&room.url, &["demo"]).0);
    let empty = backends::TestDb::sqlite();
    let (ok, out, err) = accord_at(&empty.url, &["db", "migrate"]);
    assert!(ok, "{err}");
    let known = {
        use accord_migration::MigratorTrait;
        accord_migration::Migrator::migrations().len()
    };
    assert!(
        out.contains(&format!(
            "The sqlite database is up to date: {known} schema migrations applied"
        )),
        "{out}"
    );
    let tables = copy(&room.url, &empty.url);
    // Every table, the set-aside duplicates, the amendments and the room
    // entries' earlier wordings included.
    assert_eq!(tables.len(), 29, "{tables:?}");
    let rows = |name: &str| tables.iter().find(|t| t.0 == name).map(|t| t.1);
    assert_eq!(rows("cases"), Some(1));
    assert_eq!(rows("parties"), Some(3));
    assert_eq!(rows("sealed_documents"), Some(1));
    assert_eq!(cases_json(&empty.url), cases_json(&room.url));
    // The sealed agreement came along and still verifies against the copy.
    let pdf = tempfile::NamedTempFile::new().expect("tmp");
    let pdf = pdf.path().to_str().expect("path");
    assert!(accord_at(&empty.url, &["agreement", "pdf", "2025-0001", "--out", pdf]).0);
    let (ok, out, _) = accord_at(&empty.url, &["verify", pdf]);
    assert!(ok && out.contains("as recorded in the database"), "{out}");

    // Copying again into a database that now has data is refused.
    let (ok, _, err) = accord_at(
        &room.url,
        &["db", "copy", "--from", &room.url, "--to", &empty.url],
    );
    assert!(!ok);
    assert!(err.contains("The target database is not empty"), "{err}");

    // Into the centre's PostgreSQL and back, when a server is configured.
    let Some(centre) = backends::TestDb::postgres("cli_copy").await else {
        return;
    };
    let (ok, out, err) = accord_at(&centre.url, &["db", "migrate"]);
    assert!(
        ok && out.contains("The postgres database is up to date"),
        "{out}{err}"
    );
    let there = copy(&room.url, &centre.url);
    assert_eq!(there, tables, "same counts and hashes on PostgreSQL");
    assert_eq!(cases_json(&centre.url), cases_json(&room.url));
    let back = backends::TestDb::sqlite();
    assert_eq!(copy(&centre.url, &back.url), tables);
    assert_eq!(cases_json(&back.url), cases_json(&room.url));
    centre.finish().await;
}

#[test]
fn a_stopped_server_is_named_in_words_within_seconds_and_its_password_never_shown() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let started = std::time::Instant::now();
    let url = format!("postgres://accord:n0t-shown@127.0.0.1:{port}/accord");
    let (ok, out, err) = accord_at(&url, &["cases", "list"]);
    assert!(!ok, "{out}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(
        err.contains(&format!(
            "Cannot reach the database server at 127.0.0.1:{port}"
        )),
        "{err}"
    );
    let (ok, out, err) = accord_at(
        "postgres://accord:n0t-shown@db.example.org:port/accord",
        &["cases", "list"],
    );
    assert!(!ok, "{out}");
    assert!(!format!("{out}{err}").contains("n0t-shown"), "{err}");
    assert!(
        err.contains("postgres://accord:***@db.example.org"),
        "{err}"
    );
}
