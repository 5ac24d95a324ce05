//! Accounts on the command line, with the real `accord` binary: `demo` on
//! a new database makes the example's accounts with the password it is
//! given; from then on every command that touches data logs in
//! (`ACCORD_USER` / `ACCORD_PASSWORD`), a wrong password is refused in
//! words, and without a password to give `demo` makes no accounts.

use std::path::Path;
use std::process::{Command, Stdio};

const PASSWORD: &str = "示例的密码123";

struct Run {
    ok: bool,
    out: String,
    err: String,
}

fn accord(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_accord"));
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .env_remove("ACCORD_DATABASE_URL")
        .env_remove("ACCORD_USER")
        .env_remove("ACCORD_PASSWORD")
        .stdin(Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    let out = command.output().expect("run accord");
    Run {
        ok: out.status.success(),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn demo_makes_the_accounts_and_then_every_command_logs_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("accounts.sqlite3");
    let run = accord(&db, &["demo"], &[("ACCORD_PASSWORD", PASSWORD)]);
    assert!(run.ok, "{}", run.err);
    for login in ["admin", "mediator", "advisor"] {
        assert!(
            run.out.contains(&format!("Account {login}: ")),
            "{}",
            run.out
        );
    }
    // No login: refused in words, nothing listed.
    let run = accord(&db, &["cases", "list"], &[]);
    assert!(!run.ok);
    assert!(
        run.err
            .contains("This database has accounts: set ACCORD_USER and ACCORD_PASSWORD"),
        "{}",
        run.err
    );
    assert!(!run.out.contains("2025-0001"));
    // A wrong password, and a login that does not exist: the same words.
    for (user, password) in [("admin", "不是这个密码123"), ("nobody", PASSWORD)] {
        let run = accord(
            &db,
            &["cases", "list"],
            &[("ACCORD_USER", user), ("ACCORD_PASSWORD", password)],
        );
        assert!(!run.ok);
        assert!(
            run.err
                .contains("The login name or the password is not right. Nothing was opened."),
            "{}",
            run.err
        );
        assert!(!run.out.contains("2025-0001"));
    }
    let me = [("ACCORD_USER", "mediator"), ("ACCORD_PASSWORD", PASSWORD)];
    let run = accord(&db, &["cases", "list"], &me);
    assert!(run.ok, "{}", run.err);
    assert!(run.out.contains("2025-0001"), "{}", run.out);
    for args in [&["followups", "due"][..], &["demo"][..]] {
        let run = accord(&db, args, &[]);
        assert!(!run.ok, "{args:?} without a login");
        let run = accord(&db, args, &me);
        assert!(run.ok, "{args:?}: {}", run.err);
    }
    // Checking a seal against the centre's certificate needs no login: it
    // shows nothing of the case. The encrypted database itself opens only
    // with one (its certificates are inside).
    let pdf = dir.path().join("a.pdf");
    let pdf = pdf.to_str().expect("path");
    assert!(accord(&db, &["agreement", "pdf", "2025-0001", "--out", pdf], &me).ok);
    let pem = dir.path().join("centre.pem");
    let pem = pem.to_str().expect("path");
    assert!(accord(&db, &["seal", "export-certificate", "--out", pem], &me).ok);
    let run = accord(&db, &["verify", pdf, "--trust", pem], &[]);
    assert!(run.ok, "{}{}", run.out, run.err);
    let run = accord(&db, &["verify", pdf], &[]);
    assert!(!run.ok, "the database is encrypted");
    assert!(run.err.contains("ACCORD_USER"), "{}", run.err);
    let run = accord(&db, &["verify", pdf], &me);
    assert!(run.ok, "{}{}", run.out, run.err);
}

#[test]
fn without_a_password_demo_makes_no_accounts_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("open.sqlite3");
    let run = accord(&db, &["demo"], &[]);
    assert!(run.ok, "{}", run.err);
    assert!(run.err.contains("No accounts were made"), "{}", run.err);
    let run = accord(&db, &["cases", "list"], &[]);
    assert!(run.ok, "{}", run.err);
    assert!(run.out.contains("2025-0001"));
}

/// Whether any of the example's names or ID numbers is in the file.
fn shows_the_example(path: &Path) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    let case = accord_core::demo::water_leak_case();
    case.parties.iter().any(|p| {
        [p.name.as_bytes(), p.id_number.as_bytes()]
            .iter()
            .any(|s| !s.is_empty() && bytes.windows(s.len()).any(|w| w == *s))
    })
}

#[test]
fn demo_makes_an_encrypted_file_and_db_encrypt_encrypts_a_plain_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    // `demo` on a new file: encrypted, its key slots beside it, private.
    let db = dir.path().join("new.sqlite3");
    let run = accord(&db, &["demo"], &[("ACCORD_PASSWORD", PASSWORD)]);
    assert!(run.ok, "{}", run.err);
    assert!(
        !shows_the_example(&db),
        "the example is not readable in the file"
    );
    let keys = dir.path().join("new.sqlite3.keys");
    assert!(keys.exists());
    #[cfg(unix)]
    for file in [&db, &keys] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{}", file.display());
    }
    let me = [("ACCORD_USER", "mediator"), ("ACCORD_PASSWORD", PASSWORD)];
    let run = accord(&db, &["cases", "list"], &me);
    assert!(run.ok && run.out.contains("2025-0001"), "{}", run.err);
    // A wrong password: refused in words, the file unchanged.
    let before = std::fs::read(&db).expect("read");
    let run = accord(
        &db,
        &["cases", "list"],
        &[
            ("ACCORD_USER", "mediator"),
            ("ACCORD_PASSWORD", "不是这个密码"),
        ],
    );
    assert!(!run.ok);
    assert!(
        run.err
            .contains("The login name or the password is not right"),
        "{}",
        run.err
    );
    assert_eq!(std::fs::read(&db).expect("read"), before);

    // A plain file (written by an older Accord, or the store directly):
    // `db encrypt` as an administrator; everyone keeps their password.
    let plain = dir.path().join("plain.sqlite3");
    tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(async {
            let store = accord_store::Store::open(&plain.display().to_string())
                .await
                .expect("open");
            let admin = store
                .create_account(
                    None,
                    &accord_store::NewAccount {
                        login: "admin".into(),
                        name: "李瑞芳".into(),
                        role: accord_core::UserRole::Administrator,
                        password: PASSWORD.into(),
                    },
                )
                .await
                .expect("admin");
            store
                .load_demo(&accord_store::Actor::from(&admin))
                .await
                .expect("demo");
            store.close().await;
        });
    assert!(
        shows_the_example(&plain),
        "the plain file shows it (the test can fail)"
    );
    let admin = [("ACCORD_USER", "admin"), ("ACCORD_PASSWORD", PASSWORD)];
    let run = accord(&plain, &["db", "encrypt"], &admin);
    assert!(run.ok, "{}", run.err);
    assert!(run.out.contains("is now encrypted"), "{}", run.out);
    assert!(!shows_the_example(&plain));
    let run = accord(&plain, &["cases", "list"], &admin);
    assert!(run.ok && run.out.contains("2025-0001"), "{}", run.err);
    let run = accord(&plain, &["db", "encrypt"], &admin);
    assert!(
        run.ok && run.out.contains("is encrypted already"),
        "{}",
        run.out
    );
}

#[test]
fn two_demos_at_once_on_a_new_file_make_one_encrypted_database() {
    for round in 0..3 {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("raced.sqlite3");
        let start = || {
            Command::new(env!("CARGO_BIN_EXE_accord"))
                .arg("--db")
                .arg(&db)
                .arg("demo")
                .env("LANG", "en_US.UTF-8")
                .env("LC_ALL", "en_US.UTF-8")
                .env_remove("ACCORD_DATABASE_URL")
                .env_remove("ACCORD_USER")
                .env("ACCORD_PASSWORD", PASSWORD)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start")
        };
        let (a, b) = (start(), start());
        for child in [a, b] {
            let out = child.wait_with_output().expect("wait");
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let me = [("ACCORD_USER", "mediator"), ("ACCORD_PASSWORD", PASSWORD)];
        let run = accord(&db, &["cases", "list", "--json"], &me);
        assert!(run.ok, "round {round}: {}", run.err);
        assert_eq!(
            run.out.matches("\"number\"").count(),
            1,
            "round {round}: {}",
            run.out
        );
        let leftovers: Vec<String> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".building"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}
