//! Two rooms doing the same thing at the same moment, with the real
//! `accord` program, on a SQLite file and (when `ACCORD_TEST_POSTGRES_URL`
//! names a server) on PostgreSQL: loading the example and sealing a final
//! agreement happen once, and every party is emailed once.

#[path = "../../store/tests/common/mod.rs"]
mod common;

use std::process::{Command, Output, Stdio};

use common::TestDb;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

const CASE: &str = "2025-0001";
const ROUNDS: usize = 4;

fn accord(db: &str, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_accord"));
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .env_remove("ACCORD_DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Starts every command before waiting for any; each must succeed.
fn all_at_once(commands: Vec<Command>) -> Vec<Output> {
    let children: Vec<_> = commands
        .into_iter()
        .map(|mut c| c.spawn().expect("start accord"))
        .collect();
    children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().expect("wait");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            out
        })
        .collect()
}

/// A fresh database on each back end at hand.
async fn fresh(label: &str) -> Vec<TestDb> {
    let mut dbs = vec![TestDb::sqlite()];
    dbs.extend(TestDb::postgres(label).await);
    dbs
}

async fn connect(db: &TestDb) -> DatabaseConnection {
    let url = if db.backend == "sqlite" {
        format!("sqlite://{}?mode=rw", db.url)
    } else {
        db.url.clone()
    };
    Database::connect(url).await.expect("connect")
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .expect("a row")
        .try_get_by_index::<i64>(0)
        .expect("a number")
}

/// The number of rows in every table of the database, by name.
async fn row_counts(db: &DatabaseConnection) -> Vec<(String, i64)> {
    let tables = if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' ORDER BY name"
    } else {
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = 'public' ORDER BY table_name"
    };
    let names: Vec<String> = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), tables))
        .await
        .expect("tables")
        .iter()
        .map(|row| row.try_get_by_index::<String>(0).expect("name"))
        .collect();
    let mut counts = Vec::new();
    for name in names {
        let n = count(db, &format!("SELECT count(*) FROM \"{name}\"")).await;
        counts.push((name, n));
    }
    counts
}

#[tokio::test(flavor = "multi_thread")]
async fn two_demo_at_once_load_the_example_as_one_does() {
    for round in 0..ROUNDS {
        for (alone, raced) in fresh("demo_alone")
            .await
            .into_iter()
            .zip(fresh("demo_raced").await)
        {
            all_at_once(vec![accord(&alone.url, &["demo"])]);
            all_at_once(vec![
                accord(&raced.url, &["demo"]),
                accord(&raced.url, &["demo"]),
            ]);
            let (a, b) = (connect(&alone).await, connect(&raced).await);
            let (expected, got) = (row_counts(&a).await, row_counts(&b).await);
            assert_eq!(
                got, expected,
                "round {round} on {}: two at once leave what one leaves",
                raced.backend
            );
            assert_eq!(count(&b, "SELECT count(*) FROM cases").await, 1);
            assert_eq!(count(&b, "SELECT count(*) FROM sealed_documents").await, 1);
            a.close().await.ok();
            b.close().await.ok();
            alone.finish().await;
            raced.finish().await;
        }
    }
}

/// The example case with its agreement final and not yet sealed.
async fn final_unsealed(db: &TestDb) {
    use accord_core::{agreement::AgreementStatus, demo};
    use accord_store::Actor;
    let store = db.open().await;
    let me = Actor::system();
    let (case, _) = store.load_demo(&me).await.expect("the case");
    store
        .save_agreement(&me, case.id, &demo::water_leak_agreement(&case))
        .await
        .expect("draft");
    for next in [AgreementStatus::InReview, AgreementStatus::Approved] {
        store
            .review_agreement(&me, case.id, next, None)
            .await
            .expect("review");
    }
    common::sign_on_paper(&store, &me, case.id).await;
    let effective = chrono::NaiveDate::from_ymd_opt(2025, 2, 12).expect("date");
    store
        .finalise_agreement_on(&me, case.id, effective)
        .await
        .expect("final");
}

#[tokio::test(flavor = "multi_thread")]
async fn two_agreement_pdf_at_once_seal_once_and_email_each_party_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    for round in 0..ROUNDS {
        for db in fresh("pdf_raced").await {
            final_unsealed(&db).await;
            let outs = ["a", "b"].map(|n| dir.path().join(format!("{n}-{round}.pdf")));
            all_at_once(
                outs.iter()
                    .map(|out| {
                        let out = out.display().to_string();
                        accord(&db.url, &["agreement", "pdf", CASE, "--out", &out])
                    })
                    .collect(),
            );
            let written = outs.map(|f| std::fs::read(f).expect("written"));
            let on = db.backend;
            assert_eq!(written[0], written[1], "{on}: both wrote the one document");
            let conn = connect(&db).await;
            assert_eq!(
                count(&conn, "SELECT count(*) FROM sealed_documents").await,
                1
            );
            assert_eq!(count(&conn, "SELECT count(*) FROM centre_keys").await, 1);
            let with_address = count(
                &conn,
                "SELECT count(*) FROM parties WHERE email IS NOT NULL",
            )
            .await;
            assert!(with_address > 0);
            assert_eq!(
                count(
                    &conn,
                    "SELECT count(*) FROM outbox WHERE purpose = 'agreement'"
                )
                .await,
                with_address,
                "{on}: one email per party"
            );
            assert_eq!(
                count(&conn, "SELECT count(DISTINCT to_address) FROM outbox").await,
                with_address,
                "{on}"
            );
            let stored = conn
                .query_one_raw(Statement::from_string(
                    conn.get_database_backend(),
                    "SELECT pdf FROM sealed_documents",
                ))
                .await
                .expect("read")
                .expect("a row")
                .try_get_by_index::<Vec<u8>>(0)
                .expect("bytes");
            assert_eq!(
                stored, written[0],
                "{on}: what was written is what is stored"
            );
            conn.close().await.ok();
            db.finish().await;
        }
    }
}
