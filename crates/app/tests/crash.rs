//! The real `accord` binary killed with SIGKILL at random moments: during
//! the first start and `accord demo` on a fresh file, and during
//! `accord agreement pdf` sealing a final agreement. After every kill the
//! file must pass SQLite's integrity check, hold either nothing of the
//! interrupted action or all of it, and the next run must succeed and end
//! exactly where a run that was never interrupted ends: every table, row
//! by row, compared with a clean run's.
//!
//! What cannot be equal between two runs is masked (see [`canonical`]):
//! times (every `…_at` column, `at`, `not_before`), and what is made fresh
//! each time: the centre's key pair and certificate, the sealed PDF (it
//! carries its creation and signing time; so do its SHA-256 and the copy
//! attached to each email), the emails' Message-IDs, those SHA-256s in
//! the audit log's details, and the audit chain's hashes (they cover the
//! events' times). Masked values are numbered in order of first
//! appearance, so equal values stay equal: the attachment of every email
//! must be the sealed document itself, and each event's `prev_hash` the
//! `hash` of the event before it. Ids are not masked: a transaction rolled
//! back leaves SQLite's id counters (`sqlite_sequence`) as they were, so
//! they match a clean run's too. The audit chain of the completed file
//! must verify as well.
//!
//! CI runs 200 kills (150 during `demo`, 50 during `agreement pdf`) with a
//! fixed seed; `ACCORD_CRASH_KILLS=1000` runs more by hand and
//! `ACCORD_CRASH_SEED` picks another sequence. A summary of where the kills
//! landed is printed (`--nocapture`).

use std::{
    collections::{BTreeMap, HashMap},
    path::{Path, PathBuf},
    process::{Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement};

const CASE: &str = "2025-0001";

/// A small fixed-seed generator (xorshift64*): the same kills every run.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A duration in `[0, max)`.
    fn below(&mut self, max: Duration) -> Duration {
        let micros = u64::try_from(max.as_micros()).unwrap_or(u64::MAX).max(1);
        Duration::from_micros(self.next() % micros)
    }
}

fn accord(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_accord"));
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .env_remove("ACCORD_DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Runs to the end; panics with what it said when it fails.
fn run(db: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let out = accord(db, args).output().expect("run accord");
    assert!(
        out.status.success(),
        "accord {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    started.elapsed()
}

/// Starts it and kills it (SIGKILL) after `after`; `false` when it had
/// finished by then (nothing was interrupted).
fn kill_after(db: &Path, args: &[&str], after: Duration) -> bool {
    let mut child = accord(db, args)
        .stderr(Stdio::null())
        .spawn()
        .expect("start accord");
    std::thread::sleep(after);
    let finished = child.try_wait().expect("poll").is_some();
    if !finished {
        child.kill().expect("SIGKILL");
    }
    child.wait().expect("reap");
    !finished
}

/// A connection to the file as it is, without migrating it (not the store).
async fn connect(path: &Path) -> DatabaseConnection {
    let mut options = ConnectOptions::new(format!("sqlite://{}?mode=rw", path.display()));
    options.max_connections(1).sqlx_logging(false);
    options.map_sqlx_sqlite_opts(|o| o.busy_timeout(Duration::from_secs(10)));
    Database::connect(options).await.expect("open the file")
}

async fn texts(db: &DatabaseConnection, sql: &str) -> Vec<Vec<String>> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .iter()
        .map(|row| {
            // Text, or a number as text; the row ends where neither reads.
            (0..)
                .map_while(|i| {
                    row.try_get_by_index::<Option<String>>(i)
                        .map(Option::unwrap_or_default)
                        .or_else(|_| {
                            row.try_get_by_index::<Option<i64>>(i)
                                .map(|n| n.map(|n| n.to_string()).unwrap_or_default())
                        })
                        .ok()
                })
                .collect()
        })
        .collect()
}

/// Every table and index with its SQL.
async fn schema(db: &DatabaseConnection) -> Vec<String> {
    texts(
        db,
        "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master \
         WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .await
    .into_iter()
    .map(|row| row.concat())
    .collect()
}

/// The schema after the first k migrations, for every k.
async fn schemas(dir: &Path) -> Vec<Vec<String>> {
    use accord_migration::{Migrator, MigratorTrait, migrate_with};
    let all = Migrator::migrations().len();
    let mut out = Vec::new();
    for k in 0..=all {
        let path = dir.join(format!("schema-{k}.sqlite3"));
        let db = Database::connect(format!("sqlite://{}?mode=rwc", path.display()))
            .await
            .expect("create");
        migrate_with::<Migrator>(&db, Some(u32::try_from(k).expect("few")))
            .await
            .expect("migrate");
        out.push(schema(&db).await);
        db.close().await.expect("close");
    }
    out
}

/// Every table's rows, each value as SQLite's `quote()` shows it, masked by
/// [`canonical`].
async fn dump(db: &DatabaseConnection) -> Vec<String> {
    let mut masks = Masks::default();
    let mut lines = Vec::new();
    for table in texts(
        db,
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    )
    .await
    {
        let table = &table[0];
        let columns: Vec<String> = texts(
            db,
            &format!("SELECT name FROM pragma_table_info('{table}')"),
        )
        .await
        .into_iter()
        .map(|c| c[0].clone())
        .collect();
        let select = columns
            .iter()
            .map(|c| format!("quote(\"{c}\")"))
            .collect::<Vec<_>>()
            .join(", ");
        let rows = texts(
            db,
            &format!("SELECT {select} FROM \"{table}\" ORDER BY rowid"),
        )
        .await;
        lines.push(format!("{table}: {} rows", rows.len()));
        for row in rows {
            let values: Vec<String> = columns
                .iter()
                .zip(row)
                .map(|(column, value)| canonical(&mut masks, table, column, value))
                .collect();
            lines.push(format!("{table}: {}", values.join(" | ")));
        }
    }
    lines
}

/// Masked values, numbered in order of first appearance.
#[derive(Default)]
struct Masks(HashMap<String, usize>);

impl Masks {
    fn mask(&mut self, value: &str) -> String {
        let next = self.0.len() + 1;
        format!("<fresh {}>", self.0.entry(value.to_owned()).or_insert(next))
    }
}

/// A value as compared: see the module comment.
fn canonical(masks: &mut Masks, table: &str, column: &str, value: String) -> String {
    if value == "NULL" {
        return value;
    }
    let time = column.ends_with("_at") || column == "at" || column == "not_before";
    let fresh = matches!(
        (table, column),
        ("centre_keys", "certificate" | "private_key")
            | ("sealed_documents", "pdf" | "sha256")
            | ("outbox", "message_id" | "attachment")
            | ("audit_events", "prev_hash" | "hash")
    );
    if time {
        "<time>".to_owned()
    } else if fresh {
        masks.mask(&value)
    } else if table == "audit_events" && column == "detail" {
        mask_digests(masks, &value)
    } else {
        value
    }
}

/// Every 64-digit hex run (a SHA-256) in a text, masked.
fn mask_digests(masks: &mut Masks, text: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_hexdigit() {
            run.push(c);
            continue;
        }
        if run.len() == 64 {
            out.push_str(&masks.mask(&run));
        } else {
            out.push_str(&run);
        }
        run.clear();
        out.push(c);
    }
    out.pop();
    out
}

/// What a killed run left, as found before the next run.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Found {
    /// It had finished before the kill.
    Finished,
    /// No file yet, or an empty one.
    NoSchema,
    /// Some of the migrations applied, each whole.
    Migrations(usize),
    /// The schema complete, nothing of the action.
    Nothing,
    /// A step that stands on its own done, the action not (the centre's
    /// key made for the first seal, the seal not stored).
    Step,
    /// The whole action.
    Everything,
}

/// Checks what a kill left: integrity, and all or nothing of `action`
/// (compared with `clean`). `done` says whether the action's result is
/// there.
async fn inspect(
    path: &Path,
    clean: &[String],
    scenario: &Scenario,
    schemas: &[Vec<String>],
) -> Found {
    if !path.exists() {
        return Found::NoSchema;
    }
    let db = connect(path).await;
    let check = texts(&db, "PRAGMA integrity_check").await;
    assert_eq!(check, [["ok"]], "integrity of {}", path.display());
    let broken = texts(&db, "PRAGMA foreign_key_check").await;
    assert!(broken.is_empty(), "foreign keys: {broken:?}");
    let has = |name: &str| {
        let sql =
            format!("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{name}'");
        let db = &db;
        async move { texts(db, &sql).await[0][0] != "0" }
    };
    // The schema is exactly that of the first k migrations, k as recorded:
    // a migration is applied whole, with its row, or not at all.
    let applied = if has("seaql_migrations").await {
        texts(&db, "SELECT version FROM seaql_migrations ORDER BY version")
            .await
            .len()
    } else {
        0
    };
    assert_eq!(
        schema(&db).await,
        schemas[applied],
        "the schema after {applied} migrations, in {}",
        path.display()
    );
    let found = if applied == 0 {
        Found::NoSchema
    } else {
        let migrations = schemas.len() - 1;
        if applied < migrations {
            Found::Migrations(applied)
        } else if texts(&db, scenario.done_sql).await[0][0] == "0" {
            match scenario.step_sql {
                Some(sql) if texts(&db, sql).await[0][0] != "0" => Found::Step,
                _ => Found::Nothing,
            }
        } else {
            assert_eq!(
                dump(&db).await,
                clean,
                "a kill left part of the action in {}",
                path.display()
            );
            Found::Everything
        }
    };
    db.close().await.expect("close");
    found
}

/// One kind of interrupted action: how to prepare the file and what to
/// run on it.
struct Scenario {
    name: &'static str,
    args: &'static [&'static str],
    /// The file to start from (`None`: no file, a first start).
    template: Option<PathBuf>,
    /// Counts the action's result: 0 before, more after.
    done_sql: &'static str,
    /// Counts the result of a step that stands on its own.
    step_sql: Option<&'static str>,
}

impl Scenario {
    fn fresh(&self, path: &Path) {
        if let Some(template) = &self.template {
            std::fs::copy(template, path).expect("copy the template");
        }
    }
}

/// A clean run's end state and how long it took.
fn clean_run(
    rt: &tokio::runtime::Runtime,
    dir: &Path,
    scenario: &Scenario,
    n: usize,
) -> (Vec<String>, Duration) {
    let path = dir.join(format!("clean-{}-{n}.sqlite3", scenario.name));
    scenario.fresh(&path);
    let took = run(&path, scenario.args);
    let state = rt.block_on(async {
        let db = connect(&path).await;
        let state = dump(&db).await;
        db.close().await.expect("close");
        state
    });
    (state, took)
}

struct Tally {
    by_found: BTreeMap<String, usize>,
    kills: usize,
}

/// `kills` runs of the scenario, each killed at a random moment in
/// `[0, window)`, checked, run again to the end and compared. The window
/// follows the machine's speed (other tests may run at the same time): it
/// shrinks when a run finished before its kill and grows a little when
/// one did not, so that about four runs in five are interrupted.
#[allow(clippy::too_many_arguments)]
fn kill_many(
    rt: &tokio::runtime::Runtime,
    dir: &Path,
    scenario: &Scenario,
    clean: &[String],
    schemas: &[Vec<String>],
    window: Duration,
    kills: usize,
    seed: u64,
    tally: &Mutex<Tally>,
) {
    let mut rng = Rng::new(seed);
    let mut window = window;
    for i in 0..kills {
        let path = dir.join(format!("{}-{seed}-{i}.sqlite3", scenario.name));
        scenario.fresh(&path);
        let after = rng.below(window);
        let interrupted = kill_after(&path, scenario.args, after);
        window = if interrupted {
            window * 51 / 50
        } else {
            window * 9 / 10
        };
        let found = if interrupted {
            rt.block_on(inspect(&path, clean, scenario, schemas))
        } else {
            Found::Finished
        };
        // The next run completes it, to exactly the clean end state.
        run(&path, scenario.args);
        let state = rt.block_on(async {
            let db = connect(&path).await;
            let state = dump(&db).await;
            db.close().await.expect("close");
            state
        });
        let chain = rt.block_on(async {
            let store = accord_store::Store::open_existing(&path.display().to_string())
                .await
                .expect("open");
            store.verify_audit_chain().await.expect("verify")
        });
        assert!(
            matches!(chain, accord_store::ChainReport::Intact { .. }),
            "{}: killed after {after:?} ({found:?}), the audit chain is broken: {chain:?}",
            scenario.name
        );
        if state != clean {
            let diff: Vec<_> = state
                .iter()
                .zip(clean)
                .filter(|(a, b)| a != b)
                .take(5)
                .collect();
            panic!(
                "{}: killed after {after:?} ({found:?}), the next run ended elsewhere: {} rows vs {} clean; first differences: {diff:#?}",
                scenario.name,
                state.len(),
                clean.len()
            );
        }
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let mut tally = tally.lock().expect("tally");
        tally.kills += usize::from(interrupted);
        *tally
            .by_found
            .entry(format!("{}: {found:?}", scenario.name))
            .or_default() += 1;
    }
}

/// Marks every signatory of the approved agreement as signing on paper
/// (finalising needs every signature or the mark).
async fn sign_on_paper(store: &accord_store::Store, case_id: i64) {
    use accord_core::agreement::{SignMethod, Signature};
    let case = store.case(case_id).await.expect("case");
    let record = store.agreement(case_id).await.expect("read").expect("x");
    let content = &record.current().expect("a version").content;
    for (slot, signatory) in content.signatories(&case).into_iter().enumerate() {
        let paper = Signature {
            slot,
            name: signatory.name,
            method: SignMethod::Paper,
            strokes: Vec::new(),
            signed_at: chrono::Utc::now(),
        };
        store
            .save_signature(&accord_store::Actor::system(), case_id, &paper)
            .await
            .expect("on paper");
    }
}

/// A file whose agreement is final and not yet sealed (no centre key yet
/// either): what `accord agreement pdf` seals.
fn final_unsealed(rt: &tokio::runtime::Runtime, dir: &Path) -> PathBuf {
    use accord_core::{agreement::AgreementStatus, demo};
    use accord_store::{Actor, Store};
    let built = dir.join("building.sqlite3");
    let template = dir.join("final-unsealed.sqlite3");
    rt.block_on(async {
        let store = Store::open(&built.display().to_string())
            .await
            .expect("open");
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
        sign_on_paper(&store, case.id).await;
        let effective = chrono::NaiveDate::from_ymd_opt(2025, 2, 12).expect("date");
        store
            .finalise_agreement_on(&me, case.id, effective)
            .await
            .expect("final");
        store
            .connection()
            .execute_unprepared(&format!("VACUUM INTO '{}'", template.display()))
            .await
            .expect("copy");
    });
    template
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

#[test]
fn killed_at_any_moment_the_next_run_ends_as_a_clean_run_does() {
    let started = Instant::now();
    let total = usize::try_from(env_number("ACCORD_CRASH_KILLS").unwrap_or(200)).unwrap_or(200);
    let seed = env_number("ACCORD_CRASH_SEED").unwrap_or(0x00ac_c0de);
    let dir = tempfile::tempdir().expect("tempdir");
    let rt = Arc::new(
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime"),
    );

    let schemas = rt.block_on(schemas(dir.path()));

    let scenarios = [
        Scenario {
            name: "demo",
            args: &["demo"],
            template: None,
            done_sql: "SELECT count(*) FROM cases",
            step_sql: None,
        },
        Scenario {
            name: "pdf",
            args: &["agreement", "pdf", CASE, "--out", "/dev/null"],
            template: Some(final_unsealed(&rt, dir.path())),
            done_sql: "SELECT count(*) FROM sealed_documents",
            step_sql: Some("SELECT count(*) FROM centre_keys"),
        },
    ];
    let shares = [total - total / 4, total / 4];
    let tally = Arc::new(Mutex::new(Tally {
        by_found: BTreeMap::new(),
        kills: 0,
    }));
    let today = chrono::Local::now().date_naive();
    for (scenario, kills) in scenarios.iter().zip(shares) {
        // Two clean runs agree (else the masking above misses something),
        // and give the first window to kill in: a quarter longer than the
        // slower one took.
        let (clean, took) = clean_run(&rt, dir.path(), scenario, 1);
        let (again, took_again) = clean_run(&rt, dir.path(), scenario, 2);
        assert_eq!(clean, again, "two clean {} runs differ", scenario.name);
        let window = took.max(took_again) * 5 / 4;
        // Two workers (the follow-ups' dates count from today: the clean
        // state is taken again should the day change while this runs).
        std::thread::scope(|s| {
            for worker in 0..2u64 {
                let (rt, tally, clean, dir, schemas) = (&rt, &tally, &clean, dir.path(), &schemas);
                let share = kills / 2 + usize::from(worker == 0) * (kills % 2);
                s.spawn(move || {
                    kill_many(
                        rt,
                        dir,
                        scenario,
                        clean,
                        schemas,
                        window,
                        share,
                        seed.wrapping_add(worker * 7919 + scenario.name.len() as u64),
                        tally,
                    );
                });
            }
        });
        assert_eq!(
            chrono::Local::now().date_naive(),
            today,
            "the day changed while the kills ran: run again"
        );
        eprintln!(
            "{}: clean run {:?}, first killed within {window:?}",
            scenario.name, took
        );
    }
    let tally = tally.lock().expect("tally");
    eprintln!(
        "{} runs, {} killed before they finished, in {:?} (seed {seed:#x}):",
        total,
        tally.kills,
        started.elapsed()
    );
    for (found, n) in &tally.by_found {
        eprintln!("  {n:>5}  {found}");
    }
    assert!(
        tally.kills * 2 >= total,
        "most runs must be interrupted: {} of {total}",
        tally.kills
    );
}

/// Finalising and sealing is one step: when sealing fails (here the text
/// holds a character no font prints), the agreement is not left final and
/// unsealed; when it succeeds, it is final, sealed once and emailed.
#[test]
fn finalising_and_sealing_stand_or_fall_together() {
    use accord_app::publish::{PublishError, finalise_and_seal};
    use accord_core::{agreement::AgreementStatus, demo};
    use accord_i18n::{Locale, Translations};
    use accord_store::{Actor, Store};
    let dir = tempfile::tempdir().expect("tempdir");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let t = Translations::get(Locale::ZhCn);
    rt.block_on(async {
        let store = Store::open(&dir.path().join("f.sqlite3").display().to_string())
            .await
            .expect("open");
        let me = Actor::system();
        let (case, _) = store.load_demo(&me).await.expect("the case");
        let approve = |content| {
            let store = &store;
            let me = &me;
            async move {
                store
                    .save_agreement(me, case.id, &content)
                    .await
                    .expect("draft");
                for next in [AgreementStatus::InReview, AgreementStatus::Approved] {
                    store
                        .review_agreement(me, case.id, next, None)
                        .await
                        .expect("review");
                }
                sign_on_paper(store, case.id).await;
            }
        };
        let mut unprintable = demo::water_leak_agreement(&case);
        unprintable.witnesses.push("\u{13000}".into());
        approve(unprintable).await;
        let audited = store.audit_log().await.expect("log").len();
        let err = finalise_and_seal(&store, &me, t, case.id)
            .await
            .expect_err("cannot be printed");
        assert!(matches!(err, PublishError::Glyphs(_)), "{err:?}");
        let record = store
            .agreement(case.id)
            .await
            .expect("read")
            .expect("there");
        assert_eq!(record.status, AgreementStatus::Approved, "not left final");
        assert!(
            store
                .case_followups(case.id)
                .await
                .expect("read")
                .is_empty()
        );
        assert!(store.centre_key().await.expect("read").is_none());
        assert_eq!(store.audit_log().await.expect("log").len(), audited);

        approve(demo::water_leak_agreement(&case)).await;
        let (record, sealed) = finalise_and_seal(&store, &me, t, case.id)
            .await
            .expect("final and sealed");
        assert_eq!(record.status, AgreementStatus::Final);
        assert_eq!(store.sealed_pdf(case.id).await.expect("read"), Some(sealed));
        assert!(
            !store
                .case_followups(case.id)
                .await
                .expect("read")
                .is_empty()
        );
        let emailed = store.outbox(100).await.expect("outbox").len();
        let with_address = case.parties.iter().filter(|p| p.email.is_some()).count();
        assert_eq!(emailed, with_address);
    });
}
