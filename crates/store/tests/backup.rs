//! Backups on real files: a backup equals its database table by table, a
//! killed one never shows as a backup, a restore keeps the replaced file
//! aside and brings the backup's data back, a damaged or tampered backup
//! is refused with nothing replaced, retention keeps the right files, an
//! older file is backed up before it is migrated, and a PostgreSQL
//! database backs up into one SQLite file (when a server is configured).

mod common;

use std::path::{Path, PathBuf};

use accord_core::demo;
use accord_store::{
    Actor, BackupKind, BreakKind, NewAccount, Retention, Store, StoreError, backup_file_name,
    list_backups, restore,
};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("time")
        .with_timezone(&Utc)
}

/// The example case, an administrator and a second case: audit events,
/// accounts and parties to compare.
async fn fill(store: &Store) {
    let admin = store
        .create_account(
            None,
            &NewAccount {
                login: "admin".into(),
                name: "管理员".into(),
                role: accord_core::UserRole::Administrator,
                password: "备份测试的密码123".into(),
            },
        )
        .await
        .expect("account");
    let me = Actor::from(&admin);
    store.load_demo(&me).await.expect("demo");
    store
        .create_case(&me, &demo::water_leak_case().validate().expect("valid"))
        .await
        .expect("second case");
}

/// The files in a folder, by name.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn flip_middle(path: &Path) {
    let mut bytes = std::fs::read(path).expect("read");
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 64] {
        *b ^= 0x5a;
    }
    std::fs::write(path, bytes).expect("write");
}

/// Overwrites the start of a page in the middle of a SQLite file: its
/// b-tree header (or an overflow page's link), which SQLite's own check
/// finds.
fn break_a_page(path: &Path) {
    let mut bytes = std::fs::read(path).expect("read");
    let page_size = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    let pages = bytes.len() / page_size;
    assert!(pages > 4, "{pages} pages");
    let at = (pages / 2) * page_size;
    bytes[at..at + 12].fill(0xff);
    std::fs::write(path, bytes).expect("write");
}

async fn cases(path: &Path) -> u64 {
    let store = Store::open_read_only(path).await.expect("open");
    let n = store.count_cases().await.expect("count");
    store.close().await;
    n
}

#[tokio::test]
async fn a_backup_of_the_demo_database_equals_it_table_by_table() {
    let db = common::TestDb::sqlite();
    let store = db.open().await;
    fill(&store).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("copy.sqlite3");
    let file = store.backup_to(&path).await.expect("backup");
    assert_eq!(file.path, path);
    assert_eq!(file.bytes, std::fs::metadata(&path).expect("written").len());
    // The file and its checksum, nothing half-written beside them.
    assert_eq!(names(dir.path()), ["copy.sqlite3", "copy.sqlite3.sha256"]);
    let checksum = std::fs::read_to_string(dir.path().join("copy.sqlite3.sha256")).expect("sum");
    assert_eq!(checksum, format!("{}  copy.sqlite3\n", file.sha256));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }

    let summary = Store::check_backup(&path).await.expect("sound");
    assert_eq!(summary.cases, 2);
    assert!(summary.chain_verified && summary.checksum_verified);
    assert!(summary.events >= 3, "{summary:?}");
    assert!(summary.newest_event.is_some());
    let copy = Store::open_read_only(&path).await.expect("open");
    assert_eq!(
        copy.summary().await.expect("summary"),
        store.summary().await.expect("summary")
    );
    assert_eq!(
        copy.verify_audit_chain().await.expect("verify"),
        store.verify_audit_chain().await.expect("verify")
    );
    copy.close().await;
    // Checking wrote nothing.
    assert_eq!(names(dir.path()), ["copy.sqlite3", "copy.sqlite3.sha256"]);

    // Never over an existing file.
    let before = std::fs::read(&path).expect("read");
    let err = store.backup_to(&path).await.expect_err("exists");
    assert!(matches!(err, StoreError::BackupExists { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert_eq!(err.message().0, "error-backup-exists");
}

#[tokio::test]
async fn a_killed_backup_never_shows_as_one_and_is_cleaned() {
    let db = common::TestDb::sqlite();
    let store = db.open().await;
    fill(&store).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).expect("dir");
    // A backup killed half-way yesterday: half a file under the temporary
    // name; and one being written right now by another program.
    let stale = backups.join("accord-20261129T204500Z.sqlite3.partial");
    std::fs::write(&stale, b"SQLite format 3\0half").expect("stale");
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .expect("open")
        .set_modified(an_hour_ago)
        .expect("mtime");
    let fresh = backups.join("accord-20261130T204459Z.sqlite3.partial");
    std::fs::write(&fresh, b"SQLite format 3\0").expect("fresh");
    assert!(list_backups(&backups).expect("list").is_empty());

    let now = t("2026-11-30T20:45:00Z");
    let made = store
        .backup_if_due(&backups, now)
        .await
        .expect("backup")
        .expect("due");
    assert_eq!(
        made.file.path,
        std::path::absolute(backups.join("accord-20261130T204500Z.sqlite3")).expect("abs")
    );
    assert!(made.removed.is_empty());
    assert!(!stale.exists(), "the leftover is removed");
    assert!(fresh.exists(), "one being written is left alone");
    let listed = list_backups(&backups).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].at, listed[0].kind), (now, BackupKind::Regular));
    Store::check_backup(&listed[0].path).await.expect("sound");

    // Once a day: later the same day nothing more is written.
    let later = t("2026-11-30T23:59:00Z");
    assert_eq!(store.backup_if_due(&backups, later).await.expect("q"), None);
    let next_day = t("2026-12-01T00:01:00Z");
    assert!(
        store
            .backup_if_due(&backups, next_day)
            .await
            .expect("q")
            .is_some()
    );
    assert_eq!(list_backups(&backups).expect("list").len(), 2);
}

#[tokio::test]
async fn restore_moves_the_old_file_aside_and_brings_the_backup_back() {
    let db = common::TestDb::sqlite();
    let target = PathBuf::from(&db.url);
    let store = db.open().await;
    fill(&store).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let backup = dir.path().join("before.sqlite3");
    store.backup_to(&backup).await.expect("backup");
    let backed_up = store.summary().await.expect("summary");
    // Work after the backup: lost by the restore, kept in the file aside.
    store
        .create_case(
            &Actor::system(),
            &demo::water_leak_case().validate().expect("valid"),
        )
        .await
        .expect("third case");
    let after = store.summary().await.expect("summary");
    store.close().await;

    let restored = restore(&backup, &target).await.expect("restore");
    let aside = restored.replaced.expect("the old file went aside");
    let aside_name = aside.file_name().expect("name").to_string_lossy();
    assert!(
        aside_name.starts_with("accord.sqlite3.replaced-") && aside_name.ends_with('Z'),
        "{aside_name}"
    );
    assert_eq!(restored.summary.cases, 2);
    // The old file is whole on its own (its -wal was written into it).
    assert!(!PathBuf::from(format!("{}-wal", aside.display())).exists());
    assert_eq!(cases(&aside).await, 3);
    let old = Store::open_read_only(&aside).await.expect("open");
    assert_eq!(old.summary().await.expect("summary"), after);
    old.close().await;

    let store = db.open().await;
    assert_eq!(store.summary().await.expect("summary"), backed_up);
    assert!(matches!(
        store.verify_audit_chain().await.expect("verify"),
        accord_store::ChainReport::Intact { .. }
    ));
    assert_eq!(
        store
            .log_in("admin", "备份测试的密码123")
            .await
            .expect("the backup's accounts")
            .name,
        "管理员"
    );
    store.close().await;
    // Restoring where there is no database yet replaces nothing.
    let fresh = dir.path().join("new.sqlite3");
    let restored = restore(&backup, &fresh).await.expect("restore");
    assert_eq!(restored.replaced, None);
    assert_eq!(cases(&fresh).await, 2);
}

#[tokio::test]
async fn restore_is_refused_while_another_program_has_the_database_open() {
    let db = common::TestDb::sqlite();
    let target = PathBuf::from(&db.url);
    let store = db.open().await;
    fill(&store).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let backup = dir.path().join("b.sqlite3");
    store.backup_to(&backup).await.expect("backup");
    let folder = target.parent().expect("folder").to_path_buf();
    let before = names(&folder);
    let err = restore(&backup, &target).await.expect_err("in use");
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    assert_eq!(err.message().0, "error-database-locked");
    assert_eq!(names(&folder), before, "nothing moved, nothing left");
    assert_eq!(store.count_cases().await.expect("count"), 2);
}

#[tokio::test]
async fn a_damaged_backup_is_refused_and_nothing_is_replaced() {
    let db = common::TestDb::sqlite();
    let target = PathBuf::from(&db.url);
    let store = db.open().await;
    fill(&store).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let backup = dir.path().join("b.sqlite3");
    store.backup_to(&backup).await.expect("backup");
    let source = store.summary().await.expect("summary");
    store.close().await;
    let folder = target.parent().expect("folder").to_path_buf();
    let before = names(&folder);
    let original = std::fs::read(&target).expect("read");

    // Bytes flipped anywhere: the checksum beside it differs.
    flip_middle(&backup);
    let err = Store::check_backup(&backup).await.expect_err("damaged");
    let StoreError::BackupDamaged { detail, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(detail.contains("SHA-256"), "{detail}");
    assert_eq!(err.message().0, "error-backup-damaged");
    let err = restore(&backup, &target).await.expect_err("refused");
    assert!(matches!(err, StoreError::BackupDamaged { .. }), "{err:?}");

    // Without the checksum (a copy of the file alone), SQLite's own check
    // finds a broken page.
    store_backup_again(&db, &backup).await;
    std::fs::remove_file(dir.path().join("b.sqlite3.sha256")).expect("rm");
    break_a_page(&backup);
    let err = Store::check_backup(&backup).await.expect_err("damaged");
    assert!(matches!(err, StoreError::BackupDamaged { .. }), "{err:?}");
    let err = restore(&backup, &target).await.expect_err("refused");
    assert!(matches!(err, StoreError::BackupDamaged { .. }), "{err:?}");

    // Not a database at all, and no file.
    std::fs::write(&backup, b"PK\x03\x04 a zip, not a backup").expect("write");
    assert!(matches!(
        restore(&backup, &target).await,
        Err(StoreError::BackupDamaged { .. })
    ));
    assert!(matches!(
        restore(&dir.path().join("none.sqlite3"), &target).await,
        Err(StoreError::BackupMissing { .. })
    ));

    assert_eq!(names(&folder), before, "nothing was moved aside");
    assert_eq!(std::fs::read(&target).expect("read"), original);
    assert_eq!(db.open().await.summary().await.expect("summary"), source);
}

/// A new backup of the test database at `path` (replacing the one there).
async fn store_backup_again(db: &common::TestDb, path: &Path) {
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_file(format!("{}.sha256", path.display()));
    let store = db.open().await;
    store.backup_to(path).await.expect("backup");
    store.close().await;
}

#[tokio::test]
async fn a_backup_with_an_edited_audit_event_is_refused() {
    use sea_orm::sqlx::{Connection, Executor};
    let db = common::TestDb::sqlite();
    let target = PathBuf::from(&db.url);
    let store = db.open().await;
    fill(&store).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let backup = dir.path().join("b.sqlite3");
    store.backup_to(&backup).await.expect("backup");
    store.close().await;
    // Someone edits the trail in the backup and drops the checksum that
    // would give it away.
    let mut conn =
        sea_orm::sqlx::SqliteConnection::connect(&format!("sqlite://{}", backup.display()))
            .await
            .expect("connect");
    conn.execute("UPDATE audit_events SET user_name = '别人' WHERE id = 2")
        .await
        .expect("edit");
    conn.close().await.expect("close");
    std::fs::remove_file(dir.path().join("b.sqlite3.sha256")).expect("rm");

    let folder = target.parent().expect("folder").to_path_buf();
    let before = names(&folder);
    let err = Store::check_backup(&backup).await.expect_err("tampered");
    assert!(
        matches!(
            err,
            StoreError::BackupChainBroken {
                event: 2,
                kind: BreakKind::Changed,
                ..
            }
        ),
        "{err:?}"
    );
    let (key, args) = err.message();
    assert_eq!(key, "error-backup-chain-broken");
    assert!(args.contains(&("kind", "changed".to_owned())), "{args:?}");
    let err = restore(&backup, &target).await.expect_err("refused");
    assert!(
        matches!(err, StoreError::BackupChainBroken { .. }),
        "{err:?}"
    );
    assert_eq!(names(&folder), before);
    assert_eq!(cases(&target).await, 2);
}

/// Daily at 20:45 UTC for two years up to 2026-11-30, with the computer
/// off on 2026-06-30, 10-30 and 10-31, and a second backup on 11-28.
fn two_years() -> Vec<DateTime<Utc>> {
    let mut times = Vec::new();
    let mut day = chrono::NaiveDate::from_ymd_opt(2024, 12, 1).expect("date");
    let last = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    let off = ["2026-06-30", "2026-10-30", "2026-10-31"];
    while day <= last {
        if !off.contains(&day.to_string().as_str()) {
            times.push(day.and_hms_opt(20, 45, 0).expect("time").and_utc());
        }
        day = day.succ_opt().expect("next");
    }
    times.push(t("2026-11-28T08:00:00Z"));
    times
}

/// What 7 daily, 4 weekly and 12 monthly keep of [`two_years`].
const KEPT: [&str; 20] = [
    // The newest of each month, the last 12 months (June and October:
    // the last day the computer was on).
    "2025-12-31T20:45:00Z",
    "2026-01-31T20:45:00Z",
    "2026-02-28T20:45:00Z",
    "2026-03-31T20:45:00Z",
    "2026-04-30T20:45:00Z",
    "2026-05-31T20:45:00Z",
    "2026-06-29T20:45:00Z",
    "2026-07-31T20:45:00Z",
    "2026-08-31T20:45:00Z",
    "2026-09-30T20:45:00Z",
    "2026-10-29T20:45:00Z",
    // The newest of each ISO week (they end on Sundays), the last 4.
    "2026-11-15T20:45:00Z",
    "2026-11-22T20:45:00Z",
    // The newest of each day, the last 7 (the 28th: the later one).
    "2026-11-24T20:45:00Z",
    "2026-11-25T20:45:00Z",
    "2026-11-26T20:45:00Z",
    "2026-11-27T20:45:00Z",
    "2026-11-28T20:45:00Z",
    "2026-11-29T20:45:00Z",
    "2026-11-30T20:45:00Z",
];

#[test]
fn retention_keeps_7_daily_4_weekly_12_monthly_over_two_years() {
    let times = two_years();
    assert_eq!(times.len(), 728);
    let keep = Retention::default().keep(&times);
    let mut kept: Vec<DateTime<Utc>> = times
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(t, _)| *t)
        .collect();
    kept.sort();
    let expected: Vec<DateTime<Utc>> = KEPT.iter().map(|s| t(s)).collect();
    assert_eq!(kept, expected);
    // The order given does not matter.
    let mut reversed = times.clone();
    reversed.reverse();
    let mut keep_reversed = Retention::default().keep(&reversed);
    keep_reversed.reverse();
    assert_eq!(keep_reversed, keep);
}

#[tokio::test]
async fn a_daily_backup_removes_what_retention_does_not_keep() {
    let db = common::TestDb::sqlite();
    let store = db.open().await;
    fill(&store).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).expect("dir");
    // Two years of backups (small stand-ins, with their checksums), one
    // from before a migration, and a file of the user's own.
    let mut times = two_years();
    times.retain(|at| *at < t("2026-11-30T00:00:00Z"));
    for at in &times {
        let path = backups.join(backup_file_name(*at, BackupKind::Regular));
        std::fs::write(&path, b"stand-in").expect("write");
        std::fs::write(format!("{}.sha256", path.display()), b"-").expect("sum");
    }
    let migration = backups.join(backup_file_name(
        t("2025-01-15T09:00:00Z"),
        BackupKind::BeforeMigration,
    ));
    std::fs::write(&migration, b"stand-in").expect("write");
    std::fs::write(backups.join("notes.txt"), b"mine").expect("write");

    let made = store
        .backup_if_due(&backups, t("2026-11-30T20:45:00Z"))
        .await
        .expect("backup")
        .expect("due");
    assert_eq!(made.removed.len(), times.len() + 1 - KEPT.len());
    let mut left: Vec<String> = list_backups(&backups)
        .expect("list")
        .into_iter()
        .filter(|b| b.kind == BackupKind::Regular)
        .map(|b| b.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .collect();
    left.sort();
    assert_eq!(left, KEPT);
    assert!(migration.exists(), "a backup before a migration stays");
    assert!(backups.join("notes.txt").exists());
    // Checksums went with their backups.
    let sums = names(&backups)
        .into_iter()
        .filter(|n| n.ends_with(".sha256"))
        .count();
    assert_eq!(sums, KEPT.len());
}

/// An Accord file as an earlier version left it: only the first
/// `steps` migrations, with a setting in it.
async fn older_file(path: &Path, steps: u32, backup_dir: Option<&Path>) {
    use accord_migration::{Migrator, migrate_with};
    let db = sea_orm::Database::connect(format!("sqlite://{}?mode=rwc", path.display()))
        .await
        .expect("connect");
    migrate_with::<Migrator>(&db, Some(steps))
        .await
        .expect("older schema");
    db.execute_unprepared("INSERT INTO settings (key, value) VALUES ('centre_name', '青山区')")
        .await
        .expect("a setting");
    db.execute_unprepared(
        "INSERT INTO users (name, role, created_at) \
         VALUES ('边文玲', 'mediator', '2025-01-02T03:04:05Z')",
    )
    .await
    .expect("someone's work");
    if let Some(dir) = backup_dir {
        db.execute_unprepared(&format!(
            "INSERT INTO settings (key, value) VALUES ('backup_dir', '{}')",
            dir.display()
        ))
        .await
        .expect("the backups folder");
    }
    db.close().await.expect("close");
}

#[tokio::test]
async fn an_older_file_is_backed_up_before_it_is_migrated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.sqlite3");
    older_file(&path, 5, None).await;
    let store = Store::open(&path.display().to_string())
        .await
        .expect("open and migrate");
    let backups = dir.path().join("backups");
    let listed = list_backups(&backups).expect("list");
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].kind, BackupKind::BeforeMigration);
    let name = listed[0].path.file_name().expect("name").to_string_lossy();
    assert!(name.ends_with("-before-migration.sqlite3"), "{name}");
    // It is the file as it was: the older schema, sound, with its setting.
    let summary = Store::check_backup(&listed[0].path).await.expect("sound");
    assert_eq!(summary.schema, 5);
    assert!(!summary.chain_verified, "no chain before migration 10");
    let old = Store::open_read_only(&listed[0].path).await.expect("open");
    assert_eq!(old.applied_migrations().await.expect("applied").len(), 5);
    assert_eq!(
        old.setting("centre_name").await.expect("q").as_deref(),
        Some("青山区")
    );
    old.close().await;
    assert_eq!(
        store.applied_migrations().await.expect("applied"),
        accord_store_migrations()
    );
    store.close().await;
    // Up to date now: opening again backs up nothing.
    Store::open(&path.display().to_string())
        .await
        .expect("open")
        .close()
        .await;
    assert_eq!(list_backups(&backups).expect("list").len(), 1);

    // A new file has nothing to back up.
    let new = dir.path().join("fresh").join("new.sqlite3");
    Store::open(&new.display().to_string())
        .await
        .expect("new")
        .close()
        .await;
    assert!(!dir.path().join("fresh").join("backups").exists());

    // The backups folder set in the file is used.
    let usb = dir.path().join("usb");
    let path = dir.path().join("old2.sqlite3");
    older_file(&path, 11, Some(&usb)).await;
    let store = Store::open(&path.display().to_string())
        .await
        .expect("open and migrate");
    let listed = list_backups(&usb).expect("list");
    assert_eq!(listed.len(), 1, "{listed:?}");
    let summary = Store::check_backup(&listed[0].path).await.expect("sound");
    assert!(summary.chain_verified);
    assert_eq!(store.backup_dir().await.expect("dir"), usb);
    store.close().await;
}

fn accord_store_migrations() -> Vec<String> {
    use accord_migration::MigratorTrait;
    accord_migration::Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect()
}

#[tokio::test]
async fn a_postgresql_database_backs_up_into_one_sqlite_file() {
    let Some(pg) = common::TestDb::postgres("backup").await else {
        eprintln!(
            "{} is not set: PostgreSQL backup skipped",
            common::POSTGRES_ENV
        );
        return;
    };
    let centre = pg.open().await;
    fill(&centre).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("centre.sqlite3");
    let file = centre.backup_to(&path).await.expect("backup");
    // Encrypted under a new key, each account opening it with their own
    // password (its key slots beside it).
    assert_eq!(
        names(dir.path()),
        [
            "centre.sqlite3",
            "centre.sqlite3.keys",
            "centre.sqlite3.sha256"
        ]
    );
    assert!(matches!(
        accord_store::file_kind(&path).expect("kind"),
        accord_store::FileKind::Encrypted(_)
    ));
    // The administrator's password opens its key (without writing to it).
    let slots = accord_store::KeySlots::load(&path)
        .expect("slots")
        .expect("there");
    let (_, key) = accord_store::unlock_key(
        &slots,
        accord_store::Who::Login("admin"),
        "备份测试的密码123",
    )
    .await
    .expect("the administrator's slot");
    let key = Some(key);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    assert!(file.bytes > 0);
    let summary = Store::check_backup_with(&path, key.as_ref())
        .await
        .expect("sound");
    assert_eq!(summary.cases, 2);
    assert!(summary.chain_verified && summary.checksum_verified);
    let copy = Store::open_read_only_with(&path, key.as_ref())
        .await
        .expect("open");
    assert_eq!(copy.backend(), "sqlite");
    assert_eq!(
        copy.summary().await.expect("summary"),
        centre.summary().await.expect("summary")
    );
    copy.close().await;
    // The server's own backups apply: nothing automatic.
    assert_eq!(
        centre
            .backup_if_due(dir.path(), Utc::now())
            .await
            .expect("q"),
        None
    );
    pg.finish().await;
}

/// A first start killed half-way leaves a file with part of the schema and
/// nobody's work in it: the next start completes it without a backup (a
/// backup would keep nothing), so it cannot be held up by one.
#[tokio::test]
async fn a_half_made_file_with_nobodys_work_is_completed_without_a_backup() {
    use accord_migration::{Migrator, migrate_with};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("half.sqlite3");
    let db = sea_orm::Database::connect(format!("sqlite://{}?mode=rwc", path.display()))
        .await
        .expect("connect");
    migrate_with::<Migrator>(&db, Some(5))
        .await
        .expect("half the schema");
    db.close().await.expect("close");
    Store::open(&path.display().to_string())
        .await
        .expect("the start is completed");
    assert!(
        list_backups(&dir.path().join("backups"))
            .expect("list")
            .is_empty()
    );
}
