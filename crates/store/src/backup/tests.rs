//! Unit tests of the backup names, the retention rule and the partial file.

use super::*;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("time")
        .with_timezone(&Utc)
}

#[test]
fn names_carry_the_utc_time_and_nothing_else_reads_as_a_backup() {
    let at = t("2026-11-30T20:45:00Z");
    assert_eq!(
        backup_file_name(at, BackupKind::Regular),
        "accord-20261130T204500Z.sqlite3"
    );
    let before = backup_file_name(at, BackupKind::BeforeMigration);
    assert_eq!(
        parse_backup_name(&before),
        Some((at, BackupKind::BeforeMigration))
    );
    assert_eq!(
        parse_backup_name("accord-20261130T204500Z.sqlite3"),
        Some((at, BackupKind::Regular))
    );
    for other in [
        "accord-20261130T204500Z.sqlite3.partial",
        "accord-20261130T204500Z.sqlite3.sha256",
        "accord-20261130T204500Z.sqlite3-wal",
        "accord.sqlite3",
        "accord-2026.sqlite3",
        "notes.txt",
    ] {
        assert_eq!(parse_backup_name(other), None, "{other}");
    }
}

#[test]
fn nothing_is_dropped_from_a_short_list() {
    let times: Vec<_> = (1..=5)
        .map(|d| t(&format!("2026-03-0{d}T10:00:00Z")))
        .collect();
    assert_eq!(Retention::default().keep(&times), vec![true; 5]);
    assert!(Retention::default().keep(&[]).is_empty());
}
