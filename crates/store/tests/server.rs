//! Opening a PostgreSQL server that is not there, or does not answer: a
//! clear "cannot reach the server at host:port" within seconds, and no
//! message ever shows the password.

use std::time::{Duration, Instant};

mod common;

use accord_store::{Store, StoreError};

const PASSWORD: &str = "s3cret-Pa55";

fn assert_unreachable(result: Result<Store, StoreError>, port: u16, started: Instant, within: u64) {
    let elapsed = started.elapsed();
    let Err(e) = result else {
        panic!("opened a server that is not there");
    };
    assert!(
        elapsed < Duration::from_secs(within),
        "took {elapsed:?}: {e}"
    );
    let (key, args) = e.message();
    assert_eq!(key, "error-database-unreachable", "{e}");
    assert!(
        args.iter()
            .any(|(name, value)| *name == "server" && value == &format!("127.0.0.1:{port}")),
        "{args:?}"
    );
    assert!(!format!("{e} {e:?} {args:?}").contains(PASSWORD), "{e:?}");
}

#[tokio::test]
async fn a_stopped_server_is_reported_unreachable_within_five_seconds() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let started = Instant::now();
    let result = Store::open(&format!(
        "postgres://accord:{PASSWORD}@127.0.0.1:{port}/accord"
    ))
    .await;
    assert_unreachable(result, port, started, 5);
}

#[tokio::test]
async fn a_server_that_accepts_but_never_answers_is_reported_unreachable() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    // Accepts every connection and keeps it open without a word.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    let started = Instant::now();
    let result = Store::open(&format!(
        "postgres://accord:{PASSWORD}@127.0.0.1:{port}/accord"
    ))
    .await;
    assert_unreachable(result, port, started, 6);
}

#[tokio::test]
async fn a_url_that_does_not_parse_never_shows_its_password() {
    for url in [
        format!("postgres://accord:{PASSWORD}@db.example.org:notaport/accord"),
        format!("postgres://accord:{PASSWORD}@db.example.org:5432/accord?sslmode=sometimes"),
        format!("postgres://db.example.org:99999/accord?user=accord&password={PASSWORD}"),
    ] {
        let e = match Store::open(&url).await {
            Ok(_) => panic!("{url} opened"),
            Err(e) => e,
        };
        let (key, args) = e.message();
        let shown = format!("{e} {e:?} {key} {args:?}");
        assert!(!shown.contains(PASSWORD), "{shown}");
        assert!(
            shown.contains("db.example.org"),
            "names the server: {shown}"
        );
    }
}

#[tokio::test]
async fn a_server_on_this_machine_gets_a_statement_timeout() {
    let Some(db) = common::TestDb::postgres("statement_timeout").await else {
        return;
    };
    let store = db.open().await;
    use sea_orm::ConnectionTrait;
    let row = store
        .connection()
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DatabaseBackend::Postgres,
            "SHOW statement_timeout",
        ))
        .await
        .expect("show")
        .expect("a row");
    let value: String = row.try_get("", "statement_timeout").expect("value");
    assert_eq!(value, "1min");
    drop(store);
    db.finish().await;
}
