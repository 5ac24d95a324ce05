//! `accord audit verify`, run as a user runs it: the real binary on a real
//! database file, before and after the audit log was tampered with.

use std::process::Command;

use sea_orm::{ConnectionTrait, Database, Statement};

/// Exit status, stdout.
fn accord(db: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .expect("run accord");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn sql(db: &std::path::Path, statements: &[&str]) -> Vec<(i64, String)> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            let conn = Database::connect(accord_store::sqlite_url(db))
                .await
                .expect("connect");
            for s in statements {
                conn.execute_unprepared(s).await.expect(s);
            }
            let rows = conn
                .query_all_raw(Statement::from_string(
                    conn.get_database_backend(),
                    "SELECT id, action FROM audit_events ORDER BY id",
                ))
                .await
                .expect("events");
            conn.close().await.expect("close");
            rows.iter()
                .map(|r| {
                    (
                        r.try_get("", "id").expect("id"),
                        r.try_get("", "action").expect("action"),
                    )
                })
                .collect()
        })
}

#[test]
fn an_intact_trail_verifies_and_a_changed_event_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("audit.sqlite3");
    let (code, out) = accord(&db, &["demo"]);
    assert_eq!(code, Some(0), "{out}");
    let events = sql(&db, &[]);
    assert!(events.len() > 5, "{events:?}");

    let (code, out) = accord(&db, &["audit", "verify"]);
    assert_eq!(code, Some(0), "{out}");
    let intact = format!("{} events, chain intact, head ", events.len());
    let head = out
        .trim()
        .strip_prefix(&intact)
        .and_then(|rest| rest.strip_suffix('.'))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        head.len() == 64 && head.bytes().all(|b| b.is_ascii_hexdigit()),
        "{out}"
    );

    // A payment's amount made larger behind Accord's back.
    let (id, action) = events
        .iter()
        .find(|(_, action)| action == "payment_recorded")
        .cloned()
        .expect("a payment in the example");
    sql(
        &db,
        &[&format!(
            "UPDATE audit_events SET detail = replace(detail, '\"amount_minor\":', \
             '\"amount_minor\":1') WHERE id = {id}"
        )],
    );
    let (code, out) = accord(&db, &["audit", "verify"]);
    assert_eq!(code, Some(1), "a broken chain fails: {out}");
    assert_eq!(action, "payment_recorded");
    assert!(
        out.contains(&format!("The audit trail is broken at event {id} (")),
        "{out}"
    );
    assert!(
        out.contains(", Payment recorded)"),
        "names the action: {out}"
    );
    assert!(out.contains("its content does not match its hash"), "{out}");
    let before = events.iter().filter(|(e, _)| *e < id).count();
    assert!(
        out.contains(&format!("Events before it that verify: {before}.")),
        "{out}"
    );

    // The changed event deleted instead: named at the one after it.
    let (next, _) = events
        .iter()
        .find(|(e, _)| *e > id)
        .cloned()
        .expect("an event after it");
    sql(&db, &[&format!("DELETE FROM audit_events WHERE id = {id}")]);
    let (code, out) = accord(&db, &["audit", "verify"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(&format!("The audit trail is broken at event {next} (")),
        "{out}"
    );
    assert!(
        out.contains("it is chained to an event that is not there"),
        "{out}"
    );
}

#[test]
fn an_empty_trail_says_so_in_chinese_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("empty.sqlite3");
    let (code, out) = accord(&db, &["db", "migrate"]);
    assert_eq!(code, Some(0), "{out}");
    let (code, out) = accord(&db, &["audit", "verify"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("No audit events yet"), "{out}");
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .arg("--db")
        .arg(&db)
        .args(["audit", "verify"])
        .env("LANG", "zh_CN.UTF-8")
        .env("LC_ALL", "zh_CN.UTF-8")
        .output()
        .expect("run accord");
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("尚无审计记录"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
