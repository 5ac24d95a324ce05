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
    // Checking a seal needs no login: it shows nothing of the case.
    let pdf = dir.path().join("a.pdf");
    let pdf = pdf.to_str().expect("path");
    assert!(accord(&db, &["agreement", "pdf", "2025-0001", "--out", pdf], &me).ok);
    let run = accord(&db, &["verify", pdf], &[]);
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
