//! Runs each store test on every back end: a fresh SQLite file always, and
//! a fresh PostgreSQL database when `ACCORD_TEST_POSTGRES_URL` names a
//! server (`.ci/run` starts one on 127.0.0.1).

#![allow(dead_code)]

use std::future::Future;

use accord_store::Store;
use sea_orm::{ConnectionTrait, Database};

/// The environment variable naming the PostgreSQL server for the tests.
pub const POSTGRES_ENV: &str = "ACCORD_TEST_POSTGRES_URL";

/// One database a test may open, close and open again.
pub struct TestDb {
    /// The URL given to `Store::open`.
    pub url: String,
    pub backend: &'static str,
    /// Keeps the SQLite file's directory alive.
    _dir: Option<tempfile::TempDir>,
    /// The server URL and database name, to drop it afterwards.
    postgres: Option<(String, String)>,
}

impl TestDb {
    /// A new SQLite file in a temporary directory.
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = dir.path().join("accord.sqlite3").display().to_string();
        Self {
            url,
            backend: "sqlite",
            _dir: Some(dir),
            postgres: None,
        }
    }

    /// A new, empty database on the test server, or `None` when no server
    /// is configured.
    pub async fn postgres(label: &str) -> Option<Self> {
        let server = std::env::var(POSTGRES_ENV).ok().filter(|s| !s.is_empty())?;
        let name = format!(
            "accord_t_{}_{}_{}",
            label
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                .take(30)
                .collect::<String>(),
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0)
        );
        let admin = Database::connect(&server)
            .await
            .unwrap_or_else(|e| panic!("{POSTGRES_ENV}={server}: {e}"));
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("create the test database");
        admin.close().await.ok();
        Some(Self {
            url: with_database(&server, &name),
            backend: "postgres",
            _dir: None,
            postgres: Some((server, name)),
        })
    }

    /// Opens (and migrates) the database, as the app does.
    pub async fn open(&self) -> Store {
        Store::open(&self.url)
            .await
            .unwrap_or_else(|e| panic!("open {}: {e}", self.backend))
    }

    /// Drops a PostgreSQL test database once its test has passed.
    pub async fn finish(self) {
        if let Some((server, name)) = &self.postgres
            && let Ok(admin) = Database::connect(server.as_str()).await
        {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await;
            admin.close().await.ok();
        }
    }
}

/// The sealed agreement's email to the respondent, due now.
pub fn agreement_email(case_id: i64, attachment: Option<Vec<u8>>) -> accord_store::NewEmail {
    accord_store::NewEmail {
        case_id: Some(case_id),
        follow_up_id: None,
        purpose: "agreement".into(),
        to_name: "王建国".into(),
        to_address: "wang@example.org".into(),
        subject: "调解协议书".into(),
        body: "附件为调解协议书。".into(),
        attachment: attachment.map(|pdf| ("协议.pdf".to_owned(), pdf)),
        not_before: chrono::Utc::now() - chrono::Duration::seconds(1),
    }
}

/// `postgres://user:pw@host:port/db?x` with its database replaced.
pub fn with_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (server, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// Runs `test` on a fresh SQLite file, then on a fresh PostgreSQL database
/// when one is configured. A failure names the back end.
pub async fn on_each_backend<F, Fut>(label: &str, test: F)
where
    F: Fn(TestDb) -> Fut,
    Fut: Future<Output = TestDb>,
{
    let db = test(TestDb::sqlite()).await;
    db.finish().await;
    if let Some(db) = TestDb::postgres(label).await {
        eprintln!("{label}: now on PostgreSQL");
        let db = test(db).await;
        db.finish().await;
    }
}

#[test]
fn the_database_name_is_replaced_in_a_server_url() {
    assert_eq!(
        with_database("postgres://a:b@127.0.0.1:5432/postgres", "t1"),
        "postgres://a:b@127.0.0.1:5432/t1"
    );
    assert_eq!(
        with_database("postgres://a@localhost?sslmode=disable", "t1"),
        "postgres://a@localhost/t1?sslmode=disable"
    );
}

/// Submits a case's agreement as `by` and approves it as the program (a
/// legal advisor's step: see the store's roles).
pub async fn submit_and_approve(store: &Store, by: &accord_store::Actor, case_id: i64) {
    use accord_core::agreement::AgreementStatus;
    store
        .review_agreement(by, case_id, AgreementStatus::InReview, None)
        .await
        .expect("submit");
    store
        .review_agreement(
            &accord_store::Actor::system(),
            case_id,
            AgreementStatus::Approved,
            None,
        )
        .await
        .expect("approve");
}

/// Marks every signatory of the approved agreement who has not signed as
/// signing on paper, as `by`: finalising needs every signature or mark.
pub async fn sign_on_paper(store: &Store, by: &accord_store::Actor, case_id: i64) {
    use accord_core::agreement::{SignMethod, Signature};
    let case = store.case(case_id).await.expect("case");
    let record = store
        .agreement(case_id)
        .await
        .expect("agreement")
        .expect("drafted");
    let content = &record.current().expect("a version").content;
    let signed = store.signatures(case_id).await.expect("signatures");
    for (slot, signatory) in content.signatories(&case).into_iter().enumerate() {
        if signed.iter().any(|s| s.slot == slot) {
            continue;
        }
        store
            .save_signature(
                by,
                case_id,
                &Signature {
                    slot,
                    name: signatory.name,
                    method: SignMethod::Paper,
                    strokes: Vec::new(),
                    signed_at: chrono::Utc::now(),
                },
            )
            .await
            .expect("on paper");
    }
}
