//! Migrations apply atomically: one that fails (or a start killed half-way,
//! which is the same to the database: the transaction never commits)
//! leaves the previous schema, and the next start completes it.

use accord_migration::{Migrator, MigratorTrait, migrate, migrate_with};
use sea_orm_migration::{
    MigrationName, MigrationTrait, SchemaManager,
    prelude::*,
    sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement},
};

async fn connect(path: &std::path::Path) -> DatabaseConnection {
    let mut options = ConnectOptions::new(format!("sqlite://{}?mode=rwc", path.display()));
    options.max_connections(2).sqlx_logging(false);
    options.map_sqlx_sqlite_opts(|o| {
        o.journal_mode(sea_orm_migration::sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
            .busy_timeout(std::time::Duration::from_secs(10))
    });
    // Two connections made at the same moment on a new file can find it
    // locked while the other turns on WAL (SQLite answers "busy" to the
    // journal-mode switch without waiting); the programs retry, so does this.
    for _ in 0..20 {
        match Database::connect(options.clone()).await {
            Ok(db) => return db,
            Err(e) if e.to_string().contains("locked") || e.to_string().contains("busy") => {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            Err(e) => panic!("connect: {e}"),
        }
    }
    Database::connect(options).await.expect("connect")
}

async fn strings(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect(sql)
        .iter()
        .map(|row| row.try_get_by_index::<String>(0).expect("text"))
        .collect()
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect(sql)
        .expect("a row")
        .try_get_by_index::<i64>(0)
        .expect("count")
}

/// The schema as SQLite keeps it: every table and index with its SQL.
async fn schema(db: &DatabaseConnection) -> Vec<String> {
    strings(
        db,
        "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master \
         WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .await
}

async fn applied(db: &DatabaseConnection) -> Vec<String> {
    strings(db, "SELECT version FROM seaql_migrations ORDER BY version").await
}

fn names() -> Vec<String> {
    Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect()
}

/// How many migrations come before the one named.
fn before(name: &str) -> u32 {
    let at = names()
        .iter()
        .position(|n| n == name)
        .expect("a migration of that name");
    <u32 as TryFrom<usize>>::try_from(at).expect("count")
}

/// A migration that creates a table and then fails.
struct Broken;

impl MigrationName for Broken {
    fn name(&self) -> &str {
        "m20991231_000001_broken"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Broken {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("CREATE TABLE half_done (id INTEGER PRIMARY KEY)")
            .await?;
        m.get_connection()
            .execute_unprepared("INSERT INTO users (name, role, created_at) VALUES ('x', 'y', 'z')")
            .await?;
        Err(DbErr::Migration("interrupted".into()))
    }
}

/// Accord's migrations and then the broken one.
struct WithBroken;

#[async_trait::async_trait]
impl MigratorTrait for WithBroken {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        let mut all = Migrator::migrations();
        all.push(Box::new(Broken));
        all
    }
}

#[tokio::test]
async fn a_migration_that_fails_half_way_leaves_the_previous_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = connect(&dir.path().join("a.sqlite3")).await;
    let err = migrate_with::<WithBroken>(&db, None)
        .await
        .expect_err("the broken migration fails");
    assert!(err.to_string().contains("interrupted"), "{err}");
    // Everything before it is applied; nothing of it is there.
    assert_eq!(applied(&db).await, names());
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"
        )
        .await,
        0
    );
    assert_eq!(count(&db, "SELECT count(*) FROM users").await, 0);
    // And the file still opens with Accord's own migrations.
    migrate(&db).await.expect("migrate again");
    assert_eq!(applied(&db).await, names());
}

#[tokio::test]
async fn a_first_start_killed_half_way_leaves_nothing_and_the_next_completes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = connect(&dir.path().join("b.sqlite3")).await;
    // The first migration fails in the middle: the tables it created before
    // are gone with it, so the next start does not meet "users".
    struct FailsInFoundation;
    #[async_trait::async_trait]
    impl MigratorTrait for FailsInFoundation {
        fn migrations() -> Vec<Box<dyn MigrationTrait>> {
            vec![Box::new(FoundationThenFail)]
        }
    }
    struct FoundationThenFail;
    impl MigrationName for FoundationThenFail {
        fn name(&self) -> &str {
            "m20261126_000001_foundation"
        }
    }
    #[async_trait::async_trait]
    impl MigrationTrait for FoundationThenFail {
        async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
            let first = Migrator::migrations().remove(0);
            first.up(m).await?;
            Err(DbErr::Migration("killed".into()))
        }
    }
    migrate_with::<FailsInFoundation>(&db, None)
        .await
        .expect_err("fails");
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM sqlite_master WHERE name = 'users'"
        )
        .await,
        0
    );
    migrate(&db).await.expect("the next start");
    assert_eq!(applied(&db).await, names());
}

#[tokio::test]
async fn a_file_left_half_migrated_by_an_older_version_is_completed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clean = connect(&dir.path().join("clean.sqlite3")).await;
    migrate(&clean).await.expect("clean");

    // What the old, non-transactional runner left when killed inside the
    // first migration: some of its tables, no row saying it ran.
    let broken = connect(&dir.path().join("broken.sqlite3")).await;
    Migrator::up(&broken, Some(1)).await.expect("foundation");
    for sql in [
        "DELETE FROM seaql_migrations",
        "DROP TABLE audit_events",
        "DROP TABLE mediators",
    ] {
        broken.execute_unprepared(sql).await.expect(sql);
    }
    migrate(&broken).await.expect("repaired");
    assert_eq!(applied(&broken).await, names());
    assert_eq!(schema(&broken).await, schema(&clean).await);
}

#[tokio::test]
async fn two_programs_starting_on_a_new_file_at_once_both_open_it() {
    for round in 0..5 {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(format!("c{round}.sqlite3"));
        let (a, b) = tokio::join!(connect(&path), connect(&path));
        let (ra, rb) = tokio::join!(migrate(&a), migrate(&b));
        ra.expect("first");
        rb.expect("second");
        assert_eq!(applied(&a).await, names());
    }
}

#[tokio::test]
async fn an_agreement_version_sealed_twice_keeps_the_first_seal_and_sets_the_other_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = connect(&dir.path().join("d.sqlite3")).await;
    let before_seal_once = before("m20261210_000007_seal_once");
    migrate_with::<Migrator>(&db, Some(before_seal_once))
        .await
        .expect("older schema");
    assert_eq!(applied(&db).await.len(), before_seal_once as usize);
    let at = "2025-02-12T04:00:00.000+00:00";
    for sql in [
        format!(
            "INSERT INTO cases (id, number, number_year, number_seq, category, channel, \
             received_at, summary, status, created_at, updated_at) \
             VALUES (1, '2025-0001', 2025, 1, 'neighbour', 'walk_in', '{at}', '', 'settled', '{at}', '{at}')"
        ),
        format!(
            "INSERT INTO agreements (id, case_id, status, final_version, final_hash, \
             finalised_at, created_at, updated_at) VALUES (1, 1, 'final', 1, 'h', '{at}', '{at}', '{at}')"
        ),
        format!(
            "INSERT INTO sealed_documents (id, agreement_id, version, content_hash, locale, pdf, \
             sha256, sealed_at, sealed_by) VALUES \
             (1, 1, 1, 'h', 'zh-CN', x'01', 'a', '{at}', 'accord'), \
             (2, 1, 1, 'h', 'zh-CN', x'02', 'b', '{at}', 'accord'), \
             (3, 1, 1, 'h', 'zh-CN', x'03', 'c', '{at}', 'accord')"
        ),
    ] {
        db.execute_unprepared(&sql).await.expect(&sql);
    }
    migrate(&db).await.expect("seal once");
    assert_eq!(applied(&db).await, names());
    assert_eq!(
        strings(&db, "SELECT sha256 FROM sealed_documents ORDER BY id").await,
        ["a"]
    );
    assert_eq!(
        strings(&db, "SELECT sha256 FROM sealed_duplicates ORDER BY id").await,
        ["b", "c"]
    );
    let again = db
        .execute_unprepared(&format!(
            "INSERT INTO sealed_documents (agreement_id, version, content_hash, locale, pdf, \
             sha256, sealed_at, sealed_by) VALUES (1, 1, 'h', 'zh-CN', x'04', 'd', '{at}', 'accord')"
        ))
        .await
        .expect_err("sealed once");
    assert!(
        again.to_string().to_lowercase().contains("unique"),
        "{again}"
    );
}

#[tokio::test]
async fn a_reminder_queued_twice_keeps_the_first_and_sets_the_other_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = connect(&dir.path().join("r.sqlite3")).await;
    let before_once = before("m20261211_000008_reminder_once");
    migrate_with::<Migrator>(&db, Some(before_once))
        .await
        .expect("older schema");
    let at = "2025-03-28T04:00:00.000+00:00";
    let row = |id: i64, follow_up: &str, purpose: &str, state: &str| {
        format!(
            "({id}, '<{id}@accord.invalid>', NULL, {follow_up}, '{purpose}', 'w', 'w@example.org', \
             's', 'b', NULL, NULL, '{state}', 0, '{at}', '{at}', NULL, '{at}', NULL)"
        )
    };
    let sql = format!(
        "INSERT INTO outbox (id, message_id, case_id, follow_up_id, purpose, to_name, to_address, \
         subject, body, attachment_name, attachment, state, attempts, not_before, \
         next_attempt_at, last_error, created_at, sent_at) VALUES {}",
        [
            row(1, "7", "reminder", "sent"),
            row(2, "7", "reminder", "queued"),
            row(3, "7", "reminder", "sent"),
            row(4, "8", "reminder", "queued"),
            row(5, "NULL", "agreement", "queued"),
            row(6, "NULL", "agreement", "queued"),
        ]
        .join(", ")
    );
    db.execute_unprepared(&sql).await.expect(&sql);
    migrate(&db).await.expect("reminder once");
    assert_eq!(applied(&db).await, names());
    assert_eq!(
        strings(&db, "SELECT message_id FROM outbox ORDER BY id").await,
        [
            "<1@accord.invalid>",
            "<4@accord.invalid>",
            "<5@accord.invalid>",
            "<6@accord.invalid>"
        ]
    );
    assert_eq!(
        strings(&db, "SELECT message_id FROM outbox_duplicates ORDER BY id").await,
        ["<2@accord.invalid>", "<3@accord.invalid>"]
    );
    let again = db
        .execute_unprepared(&format!(
            "INSERT INTO outbox (message_id, follow_up_id, purpose, to_name, to_address, subject, \
             body, state, attempts, not_before, next_attempt_at, created_at) VALUES \
             ('<9@accord.invalid>', 8, 'reminder', 'w', 'w@example.org', 's', 'b', 'queued', 0, \
             '{at}', '{at}', '{at}')"
        ))
        .await
        .expect_err("queued once");
    assert!(
        again.to_string().to_lowercase().contains("unique"),
        "{again}"
    );
}
