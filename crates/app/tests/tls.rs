//! `accord --db postgres://…?sslmode=verify-full&sslrootcert=CA` with the
//! real binary against the test server (its certificate for "localhost"
//! from the CA in `ACCORD_TEST_POSTGRES_CA`, set up by
//! `.ci/postgres-setup.sh`): it connects when the server's certificate is
//! the CA's, and is refused, in words, when the CA named is another.

#[path = "../../store/tests/common/mod.rs"]
mod common;

use std::process::Command;

fn accord(url: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .arg("--db")
        .arg(url)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .env_remove("ACCORD_DATABASE_URL")
        .env_remove("ACCORD_USER")
        .env_remove("ACCORD_PASSWORD")
        .output()
        .expect("run accord");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[tokio::test]
async fn verify_full_connects_to_the_centres_server_and_refuses_another_ca() {
    let Some(db) = common::TestDb::postgres("tls").await else {
        eprintln!("{} is not set: TLS test skipped", common::POSTGRES_ENV);
        return;
    };
    let Some(ca) = std::env::var("ACCORD_TEST_POSTGRES_CA")
        .ok()
        .filter(|p| std::path::Path::new(p).exists())
    else {
        eprintln!("ACCORD_TEST_POSTGRES_CA is not set: TLS test skipped");
        db.finish().await;
        return;
    };
    // The certificate names "localhost": the URL must too.
    let base = db.url.replace("@127.0.0.1:", "@localhost:");
    let url = format!("{base}?sslmode=verify-full&sslrootcert={ca}");
    let (ok, out) = accord(&url, &["db", "migrate"]);
    assert!(ok, "{out}");
    assert!(out.contains("postgres"), "{out}");
    let (ok, out) = accord(&url, &["cases", "list"]);
    assert!(ok, "{out}");

    // Another CA (a certificate of its own that signed nothing here): the
    // server is not trusted, and nothing is read.
    let dir = tempfile::tempdir().expect("dir");
    let other = dir.path().join("other-ca.crt");
    let made = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        ])
        .args(["-subj", "/CN=Someone else"])
        .arg("-keyout")
        .arg(dir.path().join("other.key"))
        .arg("-out")
        .arg(&other)
        .output()
        .expect("openssl");
    assert!(made.status.success());
    let wrong = format!("{base}?sslmode=verify-full&sslrootcert={}", other.display());
    let (ok, out) = accord(&wrong, &["cases", "list"]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("did not show a certificate from the authority named in the connection"),
        "{out}"
    );
    assert!(!out.contains(":accord@"), "no password shown: {out}");
    db.finish().await;
}
