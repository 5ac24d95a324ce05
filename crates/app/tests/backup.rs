//! `accord backup` and `accord restore` with the real binary: a backup
//! needs a login on a database with accounts and says where it went; a
//! restore brings it back and says where the replaced file was put; a
//! damaged backup is refused in words with exit code 1 and nothing
//! replaced; a PostgreSQL database is pointed to `db copy`.

use std::path::Path;
use std::process::{Command, Stdio};

const PASSWORD: &str = "备份的密码123";
const ADMIN: [(&str, &str); 2] = [("ACCORD_USER", "admin"), ("ACCORD_PASSWORD", PASSWORD)];

struct Run {
    code: Option<i32>,
    out: String,
    err: String,
}

fn accord(db: &str, args: &[&str], env: &[(&str, &str)]) -> Run {
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
        code: out.status.code(),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The count `accord audit verify` prints.
fn events(db: &str) -> String {
    let run = accord(db, &["audit", "verify"], &ADMIN);
    assert_eq!(run.code, Some(0), "{}{}", run.out, run.err);
    run.out.split(" events").next().expect("count").to_owned()
}

#[test]
fn backup_then_restore_brings_the_data_back_and_keeps_the_replaced_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db_path = dir.path().join("accord.sqlite3");
    let db = db_path.to_str().expect("path");
    let run = accord(db, &["demo"], &[("ACCORD_PASSWORD", PASSWORD)]);
    assert_eq!(run.code, Some(0), "{}", run.err);

    // The data leaves only with a login.
    let run = accord(db, &["backup"], &[]);
    assert_eq!(run.code, Some(1));
    assert!(run.err.contains("set ACCORD_USER"), "{}", run.err);
    assert!(!dir.path().join("backups").exists());

    // Into the backups folder beside the database by default.
    let run = accord(db, &["backup"], &ADMIN);
    assert_eq!(run.code, Some(0), "{}", run.err);
    let backups = dir.path().join("backups");
    let made = names(&backups);
    // The backup, its checksum and its key slots (the database is
    // encrypted: so is the backup, with the same passwords).
    assert_eq!(made.len(), 3, "{made:?}");
    assert!(made[1].ends_with(".sqlite3.keys"), "{made:?}");
    assert!(
        made[0].starts_with("accord-") && made[0].ends_with("Z.sqlite3"),
        "{made:?}"
    );
    assert!(
        run.out.contains(&format!(
            "Wrote a backup of the sqlite database to {}",
            backups.join(&made[0]).display()
        )),
        "{}",
        run.out
    );
    assert!(run.out.contains(" KB)."), "{}", run.out);

    // Or to a file named.
    let backup = dir.path().join("before.sqlite3");
    let backup_arg = backup.to_str().expect("path");
    let run = accord(db, &["backup", "--out", backup_arg], &ADMIN);
    assert_eq!(run.code, Some(0), "{}{}", run.out, run.err);
    assert!(run.out.contains(backup_arg), "{}", run.out);
    let before = events(db);

    // Work after the backup: a second case.
    tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(async {
            let (store, _) = accord_store::Store::unlock(
                std::path::Path::new(db),
                accord_store::Who::Login("admin"),
                PASSWORD,
            )
            .await
            .expect("open");
            store
                .create_case(
                    &accord_store::Actor::system(),
                    &accord_core::demo::water_leak_case()
                        .validate()
                        .expect("valid"),
                )
                .await
                .expect("a second case");
            store.close().await;
        });
    let listed = accord(db, &["cases", "list"], &ADMIN);
    assert!(listed.out.contains("2025-0002"), "{}", listed.out);
    let after = events(db);
    assert_ne!(after, before);

    let run = accord(db, &["restore", backup_arg], &ADMIN);
    assert_eq!(run.code, Some(0), "{}{}", run.out, run.err);
    assert!(
        run.out.contains(&format!(
            "{backup_arg} is sound: 1 cases, audit trail intact"
        )),
        "{}",
        run.out
    );
    let aside = names(dir.path())
        .into_iter()
        .find(|n| n.starts_with("accord.sqlite3.replaced-"))
        .expect("the replaced file is kept");
    assert!(
        run.out.contains(&format!(
            "The database it replaced is kept as {}",
            dir.path().join(&aside).display()
        )),
        "{}",
        run.out
    );
    assert_eq!(events(db), before, "the backup's data is back");
    let listed = accord(db, &["cases", "list"], &ADMIN);
    assert!(listed.out.contains("2025-0001"), "{}", listed.out);
    assert!(!listed.out.contains("2025-0002"), "{}", listed.out);
    let aside = dir.path().join(aside);
    assert_eq!(
        events(aside.to_str().expect("path")),
        after,
        "the work after the backup is in the file aside"
    );
}

#[test]
fn a_damaged_backup_is_refused_in_words_and_nothing_is_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db_path = dir.path().join("accord.sqlite3");
    let db = db_path.to_str().expect("path");
    assert_eq!(
        accord(db, &["demo"], &[("ACCORD_PASSWORD", PASSWORD)]).code,
        Some(0)
    );
    let backup = dir.path().join("b.sqlite3");
    let backup_arg = backup.to_str().expect("path");
    assert_eq!(
        accord(db, &["backup", "--out", backup_arg], &ADMIN).code,
        Some(0)
    );
    let mut bytes = std::fs::read(&backup).expect("read");
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 64] {
        *b ^= 0xa5;
    }
    std::fs::write(&backup, bytes).expect("write");
    let original = std::fs::read(&db_path).expect("read");
    let before = names(dir.path());

    let run = accord(db, &["restore", backup_arg], &ADMIN);
    assert_eq!(run.code, Some(1), "{}{}", run.out, run.err);
    assert!(
        run.err.contains(&format!(
            "The backup {backup_arg} is damaged, so it was not used and nothing was replaced."
        )),
        "{}",
        run.err
    );
    // The driver's words only on the details line.
    assert!(run.err.contains("SHA-256"), "{}", run.err);
    assert_eq!(names(dir.path()), before);
    assert_eq!(std::fs::read(&db_path).expect("read"), original);
    assert_eq!(
        accord(db, &["cases", "list"], &ADMIN).code,
        Some(0),
        "the database still opens"
    );

    // A backup that is not there, and a backup written over: refused.
    let run = accord(db, &["restore", "/nonexistent/b.sqlite3"], &ADMIN);
    assert_eq!(run.code, Some(1));
    assert!(
        run.err
            .contains("There is no backup at /nonexistent/b.sqlite3"),
        "{}",
        run.err
    );
    let run = accord(db, &["backup", "--out", backup_arg], &ADMIN);
    assert_eq!(run.code, Some(1));
    assert!(run.err.contains("exists already"), "{}", run.err);
}

#[test]
fn restore_into_postgresql_points_to_db_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let backup = dir.path().join("b.sqlite3");
    std::fs::write(&backup, b"").expect("write");
    let run = accord(
        "postgres://nobody@127.0.0.1:1/accord",
        &["restore", backup.to_str().expect("path")],
        &[],
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.err.contains("accord db copy --from BACKUP"),
        "{}",
        run.err
    );
}
