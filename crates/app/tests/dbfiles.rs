//! How `--db` files are opened, run as a user runs them: the real `accord`
//! binary on real files. A path is a path (no URL decoding); commands that
//! read never create a database; a read-only file, a file from a newer
//! Accord and a file that is not a database each get their own sentence,
//! and nothing is created or changed.

use std::path::{Path, PathBuf};
use std::process::Command;

use accord_migration::MigratorTrait;

struct Run {
    ok: bool,
    code: Option<i32>,
    out: String,
    err: String,
}

fn accord_in(lang: &str, db: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", lang)
        .env("LC_ALL", lang)
        .env("RUST_BACKTRACE", "0")
        .env_remove("ACCORD_DATABASE_URL")
        .output()
        .expect("run accord");
    Run {
        ok: out.status.success(),
        code: out.status.code(),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn accord(db: &Path, args: &[&str]) -> Run {
    accord_in("en_US.UTF-8", db, args)
}

/// The names of the files in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// How many migrations this build knows.
fn known() -> usize {
    accord_migration::Migrator::migrations().len()
}

/// Runs SQL on a database and checkpoints it, so that the main file holds
/// everything (a copy of it alone is the whole database).
fn sql(db: &Path, statements: &[&str]) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let store = accord_store::Store::open(db.to_str().expect("path"))
            .await
            .expect("open");
        use sea_orm::ConnectionTrait;
        for s in statements {
            store.connection().execute_unprepared(s).await.expect(s);
        }
        store
            .connection()
            .execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
            .await
            .expect("checkpoint");
        store.connection().close_by_ref().await.expect("close");
    });
}

/// A migrated, empty database at `dir/name`, all in its main file.
fn migrated(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    let run = accord(&db, &["db", "migrate"]);
    assert!(run.ok, "{}{}", run.out, run.err);
    sql(&db, &[]);
    db
}

#[test]
fn a_path_is_opened_as_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in [
        "e%41f.db",
        "a?b#c.db",
        "file:x.db",
        "100% 案件.db",
        "postgres-backup.db",
    ] {
        let db = dir.path().join(name);
        let run = accord(&db, &["demo"]);
        assert!(run.ok, "{name}: {}{}", run.out, run.err);
        assert!(db.is_file(), "{name} was created under its own name");
        let run = accord(&db, &["cases", "list"]);
        assert!(
            run.ok && run.out.contains("2025-0001"),
            "{name}: {}",
            run.err
        );
    }
    assert!(!dir.path().join("eAf.db").exists(), "no URL decoding");
    assert!(
        !dir.path().join("a").exists(),
        "the query is part of the name"
    );
    // Relative names work the same (run in the folder).
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(["--db", "e%41f.db", "cases", "list"])
        .current_dir(dir.path())
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .expect("run accord");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("2025-0001"));
    assert!(!dir.path().join("eAf.db").exists(), "no URL decoding");
}

/// Runs every command that only reads on `db` (in `dir`), and `db copy
/// --from db`: each is refused with `says`, exit code 1, and nothing in
/// `dir` is created or changed.
fn every_reading_command_refuses(dir: &Path, db: &Path, says: &str) {
    let pdf = dir.join("sealed.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n").expect("pdf");
    let out = dir.join("out");
    let out = out.to_str().expect("path");
    let pdf = pdf.to_str().expect("path");
    let to = dir.join("to.sqlite3");
    let from = db.to_str().expect("path");
    let to = to.to_str().expect("path");
    let before: Vec<(String, Vec<u8>)> = listing(dir)
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(&name)).expect("read");
            (name, bytes)
        })
        .collect();
    let commands: &[&[&str]] = &[
        &["cases", "list"],
        &["cases", "list", "--json"],
        &["followups", "due"],
        &["followups", "ics", "--out", out],
        &["verify", pdf],
        &["agreement", "pdf", "2025-0001", "--out", out],
        &["seal", "export-certificate", "--out", out],
        &["outbox", "send"],
        // db copy reads its source: refused, and no target made.
        &["db", "copy", "--from", from, "--to", to],
    ];
    for args in commands {
        let run = accord(db, args);
        assert!(!run.ok, "{args:?} succeeded: {}", run.out);
        assert_eq!(run.code, Some(1), "{args:?}");
        assert!(run.err.contains(says), "{args:?}: {}", run.err);
        assert!(!run.err.contains("Backtrace"), "{args:?}: {}", run.err);
        let after: Vec<(String, Vec<u8>)> = listing(dir)
            .into_iter()
            .map(|name| {
                let bytes = std::fs::read(dir.join(&name)).expect("read");
                (name, bytes)
            })
            .collect();
        assert!(after == before, "{args:?} created or changed something");
    }
}

#[test]
fn commands_that_read_refuse_a_missing_file_and_create_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("missing.sqlite3");
    every_reading_command_refuses(
        dir.path(),
        &db,
        &format!("There is no database at {}", db.display()),
    );
    // In the user's language.
    let run = accord_in("zh_CN.UTF-8", &db, &["cases", "list"]);
    assert!(
        run.err.contains(&format!("{} 处没有数据库", db.display())),
        "{}",
        run.err
    );
}

#[test]
fn commands_that_read_refuse_an_empty_file_and_write_nothing_to_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("empty.sqlite3");
    std::fs::write(&db, b"").expect("an empty file");
    every_reading_command_refuses(
        dir.path(),
        &db,
        &format!(
            "{} is an empty file, not an Accord database; nothing was written to it.",
            db.display()
        ),
    );
    let run = accord_in("zh_CN.UTF-8", &db, &["cases", "list"]);
    assert!(run.err.contains("是一个空文件"), "{}", run.err);
    // Commands that create a database make one in it.
    let run = accord(&db, &["db", "migrate"]);
    assert!(run.ok, "{}", run.err);
    let run = accord(&db, &["cases", "list"]);
    assert!(run.ok, "{}", run.err);
}

#[test]
fn a_database_another_program_holds_locked_says_so_and_waits_no_longer_than_seconds() {
    use sea_orm::sqlx::{Connection, Executor, sqlite::SqliteConnection};
    let dir = tempfile::tempdir().expect("tempdir");
    let db = migrated(dir.path(), "held.sqlite3");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    // Another program: an exclusive lock, held until it is dropped.
    let holder = rt.block_on(async {
        let mut c = SqliteConnection::connect(&format!("sqlite://{}", db.display()))
            .await
            .expect("connect");
        c.execute("PRAGMA locking_mode = EXCLUSIVE")
            .await
            .expect("exclusive");
        c.execute("BEGIN EXCLUSIVE").await.expect("begin");
        c.execute("CREATE TABLE held (x)").await.expect("write");
        c
    });
    for args in [&["cases", "list"][..], &["demo"][..]] {
        let started = std::time::Instant::now();
        let run = accord(&db, args);
        let took = started.elapsed();
        assert!(!run.ok, "{args:?}: {}", run.out);
        assert_eq!(run.code, Some(1), "{args:?}");
        assert!(
            run.err.contains(&format!(
                "Another program is using the database {} and keeps it locked; nothing was changed.",
                db.display()
            )),
            "{args:?}: {}",
            run.err
        );
        assert!(
            took < std::time::Duration::from_secs(20),
            "{args:?} took {took:?}"
        );
    }
    let run = accord_in("zh_CN.UTF-8", &db, &["cases", "list"]);
    assert!(run.err.contains("另一个程序正在使用数据库"), "{}", run.err);
    rt.block_on(async {
        let mut holder = holder;
        holder.execute("ROLLBACK").await.expect("rollback");
        holder.close().await.expect("close");
    });
    let run = accord(&db, &["cases", "list"]);
    assert!(run.ok, "once the other program lets go: {}", run.err);
}

#[test]
fn demo_and_migrate_create_the_file_but_not_its_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("new.sqlite3");
    let run = accord(&db, &["db", "migrate"]);
    assert!(run.ok, "{}", run.err);
    assert!(db.is_file());
    let db = dir.path().join("demo.sqlite3");
    let run = accord(&db, &["demo"]);
    assert!(run.ok, "{}", run.err);
    assert!(db.is_file());
    // A folder that is not there is not made (only the default data
    // directory is).
    let nested = dir.path().join("no-such-folder").join("x.sqlite3");
    for args in [&["db", "migrate"][..], &["demo"][..]] {
        let run = accord(&nested, args);
        assert!(!run.ok, "{args:?}");
        assert!(
            run.err.contains("Cannot open the database"),
            "{args:?}: {}",
            run.err
        );
        assert!(!dir.path().join("no-such-folder").exists(), "{args:?}");
    }
}

#[cfg(unix)]
fn make_read_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_read_and_writes_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    // One with the example case: reading works, with a note why nothing
    // will be saved.
    let full = dir.path().join("full.sqlite3");
    assert!(accord(&full, &["demo"]).ok);
    sql(&full, &[]);
    let db = dir.path().join("read-only.sqlite3");
    std::fs::copy(&full, &db).expect("copy");
    make_read_only(&db);
    let bytes = std::fs::read(&db).expect("read");
    let run = accord(&db, &["cases", "list"]);
    assert!(run.ok, "{}", run.err);
    assert!(run.out.contains("2025-0001"), "{}", run.out);
    assert!(
        run.err.contains("is read-only, so it is only read"),
        "{}",
        run.err
    );
    let run = accord(&db, &["followups", "due", "--json"]);
    assert!(run.ok, "{}", run.err);
    assert_eq!(std::fs::read(&db).expect("read"), bytes);

    // An empty one: loading the example would write, and is refused.
    let empty = migrated(dir.path(), "empty.sqlite3");
    make_read_only(&empty);
    let bytes = std::fs::read(&empty).expect("read");
    let run = accord(&empty, &["demo"]);
    assert!(!run.ok, "{}", run.out);
    assert_eq!(run.code, Some(1));
    assert!(
        run.err
            .contains("The database file is read-only, so nothing can be saved to it"),
        "{}",
        run.err
    );
    assert!(
        run.err.contains("Details:"),
        "driver text apart: {}",
        run.err
    );
    assert_eq!(std::fs::read(&empty).expect("read"), bytes, "unchanged");
    let run = accord_in("zh_CN.UTF-8", &empty, &["demo"]);
    assert!(run.err.contains("数据库文件是只读的"), "{}", run.err);
    assert_eq!(std::fs::read(&empty).expect("read"), bytes, "unchanged");
}

#[test]
fn a_database_from_a_newer_accord_is_refused_and_not_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = migrated(dir.path(), "newer.sqlite3");
    sql(
        &db,
        &["INSERT INTO seaql_migrations (version, applied_at) \
           VALUES ('m20991231_000001_from_the_future', 0)"],
    );
    let bytes = std::fs::read(&db).expect("read");
    let wal = dir.path().join("newer.sqlite3-wal");
    let wal_before = std::fs::read(&wal).unwrap_or_default();
    let expected = format!(
        "The database {} was written by a newer Accord (schema {}); this version knows up to {}.",
        db.display(),
        known() + 1,
        known()
    );
    for args in [
        &["cases", "list"][..],
        &["db", "migrate"][..],
        &["demo"][..],
    ] {
        let run = accord(&db, args);
        assert!(!run.ok, "{args:?}: {}", run.out);
        assert_eq!(run.code, Some(1), "{args:?}");
        assert!(run.err.contains(&expected), "{args:?}: {}", run.err);
        assert_eq!(std::fs::read(&db).expect("read"), bytes, "{args:?}");
        assert_eq!(
            std::fs::read(&wal).unwrap_or_default(),
            wal_before,
            "{args:?} wrote to the log"
        );
    }
    let run = accord_in("zh_CN.UTF-8", &db, &["cases", "list"]);
    assert!(
        run.err.contains(&format!(
            "由较新版本的 Accord 写入（结构版本 {}），本版本最多识别到 {}",
            known() + 1,
            known()
        )),
        "{}",
        run.err
    );
}

#[test]
fn a_file_that_is_not_a_database_says_so_and_stays_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("letter.sqlite3");
    let letter = "Dear mediator, this is a letter, not a database.\n".repeat(200);
    std::fs::write(&db, &letter).expect("write");
    let before = listing(dir.path());
    for args in [
        &["cases", "list"][..],
        &["demo"][..],
        &["db", "migrate"][..],
    ] {
        let run = accord(&db, args);
        assert!(!run.ok, "{args:?}: {}", run.out);
        assert_eq!(run.code, Some(1), "{args:?}");
        assert!(
            run.err.contains(&format!(
                "{} is not an Accord database (not a SQLite file, or damaged)",
                db.display()
            )),
            "{args:?}: {}",
            run.err
        );
        assert_eq!(std::fs::read_to_string(&db).expect("read"), letter);
        assert_eq!(listing(dir.path()), before, "{args:?} created something");
    }
    let run = accord_in("zh_CN.UTF-8", &db, &["cases", "list"]);
    assert!(run.err.contains("不是 Accord 数据库"), "{}", run.err);
}

/// The window's start on `db`: what its database-error screen says (all
/// its text), or `None` when the database opened.
fn window_says(db: &Path) -> Option<String> {
    use accord_app::gui::{App, Boot, FONT_BOLD, FONT_FAMILY, FONT_REGULAR};
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let url = db.display().to_string();
    let mut boot = rt.block_on(Boot::load(Some(url.clone())));
    boot.store.as_ref().err()?;
    boot.locale = accord_i18n::Locale::EnUs;
    let app = App::new(boot, Some(url));
    let mut ui = iced_test::Simulator::with_size(
        iced::Settings {
            fonts: vec![FONT_REGULAR.into(), FONT_BOLD.into()],
            default_font: iced::Font::with_name(FONT_FAMILY),
            ..iced::Settings::default()
        },
        (1280.0, 1600.0),
        app.view(),
    );
    let mut texts = Vec::new();
    let _ = ui.find(|candidate: iced_test::selector::Candidate<'_>| {
        if let iced_test::selector::Candidate::Text { content, .. } = candidate {
            texts.push(content.to_owned());
        }
        None::<()>
    });
    Some(texts.join("\n"))
}

#[test]
fn the_window_says_a_file_is_not_a_database_or_damaged_and_where_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Not SQLite at all.
    let letter = dir.path().join("letter.sqlite3");
    std::fs::write(&letter, "Dear mediator,\n".repeat(100)).expect("write");
    let said = window_says(&letter).expect("refused");
    assert!(
        said.contains(&format!(
            "{} is not an Accord database (not a SQLite file, or damaged)",
            letter.display()
        )),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(&letter).expect("read"),
        "Dear mediator,\n".repeat(100)
    );

    // A SQLite file whose pages are damaged: PRAGMA quick_check at start.
    let db = dir.path().join("damaged.sqlite3");
    assert!(accord(&db, &["demo"]).ok);
    sql(&db, &[]);
    assert!(window_says(&db).is_none(), "sound before the damage");
    let mut bytes = std::fs::read(&db).expect("read");
    assert!(bytes.len() > 4096 * 8, "{} bytes", bytes.len());
    // The last pages (the example's rows; the schema and the list of
    // migrations near the start stay readable, so opening works and the
    // check finds it).
    let pages = bytes.len() / 4096;
    for page in pages - 3..pages {
        for b in &mut bytes[page * 4096..page * 4096 + 64] {
            *b = 0xA5;
        }
    }
    std::fs::write(&db, &bytes).expect("write");
    let said = window_says(&db).expect("refused");
    assert!(
        said.contains(&format!(
            "{} is not an Accord database (not a SQLite file, or damaged)",
            db.display()
        )),
        "{said}"
    );
    assert!(said.contains("Details:"), "{said}");
    // Found by the check at start, not by a failing read.
    assert!(said.contains("*** in database main ***"), "{said}");
}

#[test]
fn without_db_the_default_database_is_made_only_by_commands_that_create() {
    let home = tempfile::tempdir().expect("tempdir");
    let pdf = home.path().join("sealed.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n").expect("pdf");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_accord"))
            .args(args)
            .env_remove("ACCORD_DATABASE_URL")
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("share"))
            .env("LANG", "en_US.UTF-8")
            .env("LC_ALL", "en_US.UTF-8")
            .env("RUST_BACKTRACE", "0")
            .output()
            .expect("run accord");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let share = home.path().join("share");
    let (code, _, err) = run(&["cases", "list"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("There is no database at"), "{err}");
    assert!(err.contains("accord.sqlite3"), "{err}");
    // Nothing to check a seal against: refused as such.
    let (code, out, _) = run(&["verify", pdf.to_str().expect("path")]);
    assert_eq!(code, Some(1));
    assert!(out.contains("has no sealing key"), "{out}");
    assert!(!share.exists(), "nothing created");
    // The default data folder is made by the commands that create.
    let (code, _, err) = run(&["db", "migrate"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, out, err) = run(&["cases", "list", "--json"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.trim(), "[]");
}

/// Backup, then the file is damaged: the window says so, offers the
/// newest backup, and restoring it brings the data back and keeps the
/// damaged file aside.
#[test]
fn a_damaged_database_offers_the_newest_backup_and_restoring_it_brings_the_data_back() {
    use accord_app::gui::{App, Boot};
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("room.sqlite3");
    assert!(accord(&db, &["demo"]).ok);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let store = accord_store::Store::open(db.to_str().expect("path"))
            .await
            .expect("open");
        store
            .backup_into(&dir.path().join("backups"), chrono::Utc::now())
            .await
            .expect("backup");
        store.close().await;
    });
    sql(&db, &[]);
    // Damage the last pages, as in the test above.
    let mut bytes = std::fs::read(&db).expect("read");
    let pages = bytes.len() / 4096;
    for page in pages - 3..pages {
        for b in &mut bytes[page * 4096..page * 4096 + 64] {
            *b = 0xA5;
        }
    }
    std::fs::write(&db, &bytes).expect("write");
    let said = window_says(&db).expect("refused");
    assert!(
        said.contains("The newest backup beside it was made on"),
        "{said}"
    );
    assert!(said.contains("Restore this backup"), "{said}");

    // "Restore this backup", as the window does it.
    let url = db.display().to_string();
    let mut boot = rt.block_on(Boot::load(Some(url.clone())));
    boot.locale = accord_i18n::Locale::EnUs;
    let mut app = App::new(boot, Some(url.clone()));
    let backups = accord_store::list_backups(&dir.path().join("backups")).expect("list");
    let answer = rt.block_on(accord_app::gui::restore_backup(
        Some(url),
        backups[0].path.clone(),
        None,
    ));
    assert!(app.update(answer).is_empty());
    let store = app.store().expect("the database opened").clone();
    let cases = rt
        .block_on(store.list_cases(&accord_store::CaseQuery::default()))
        .expect("list");
    assert_eq!(cases.total, 1, "the example case is back");
    let kept: Vec<String> = listing(dir.path())
        .into_iter()
        .filter(|n| n.starts_with("room.sqlite3.replaced-"))
        .collect();
    assert!(!kept.is_empty(), "the damaged file is kept aside");
}
