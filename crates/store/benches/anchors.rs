//! Accord against plain SQLite, side by side in one run: each screen's data
//! asked of the store, then the same question asked of the same file by
//! hand-written SQL over rusqlite (prepared statements kept, the indexes
//! the schema has, nothing else), and the ratio. Run with
//! `cargo bench -p accord-store --bench anchors` (release mode); the data
//! is 100,000 cases, 300,000 parties and 1,000,000 follow-ups, made once in
//! `ACCORD_BENCH_DIR` (default: the temp folder). Goal: every ratio at
//! most 3.

mod support;

use std::time::{Duration, Instant};

use accord_core::{Choice, followup::FollowUpKind, followup::FollowUpState};
use accord_entity::follow_up;
use accord_store::{Actor, CaseQuery, Store};
use chrono::{Days, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait, TransactionTrait};
use support::{Lcg, PARTIES_PER_CASE, Stats, generate, measure, number_of};

const CASES: i64 = 100_000;
const FOLLOW_UPS: u64 = 1_000_000;
const RUNS: usize = 300;

/// One million follow-ups over the cases, four in five done or cancelled,
/// each with what the Today page shows (as finalising writes it).
async fn generate_followups(store: &Store) {
    let mut rng = Lcg(20_250_212);
    let base = NaiveDate::from_ymd_opt(2020, 1, 1).expect("date");
    let db = store.connection();
    let mut left = FOLLOW_UPS;
    while left > 0 {
        let n = left.min(1_000);
        let rows: Vec<follow_up::ActiveModel> = (0..n)
            .map(|_| {
                let case_id = (rng.next() % CASES as u64) as i64 + 1;
                let state = if rng.next().is_multiple_of(5) {
                    FollowUpState::Open
                } else if rng.next().is_multiple_of(2) {
                    FollowUpState::Done
                } else {
                    FollowUpState::Cancelled
                };
                let kind = FollowUpKind::ALL[(rng.next() % 6) as usize];
                let due_on = base + Days::new(rng.next() % 3_650);
                let installment = (!rng.next().is_multiple_of(4)).then(|| (rng.next() % 3) as i32);
                let first_party = (case_id - 1) * PARTIES_PER_CASE + 1;
                follow_up::ActiveModel {
                    case_id: Set(case_id),
                    agreement_version: Set(1),
                    obligation: Set(0),
                    installment: Set(installment),
                    kind: Set(kind.code().to_owned()),
                    due_on: Set(due_on),
                    state: Set(state.code().to_owned()),
                    debtor_id: Set(Some(first_party + 1)),
                    creditor_id: Set(Some(first_party)),
                    description: Set(Some("赔偿漏水造成的损失".to_owned())),
                    deadline: Set(Some(due_on + Days::new(3))),
                    due_minor: Set(installment.map(|_| 500_000)),
                    due_currency: Set(installment.map(|_| "CNY".to_owned())),
                    paid_minor: Set(installment.map_or(0, |_| (rng.next() % 5) as i64 * 100_000)),
                    ..Default::default()
                }
            })
            .collect();
        let txn = db.begin().await.expect("begin");
        follow_up::Entity::insert_many(rows)
            .exec(&txn)
            .await
            .expect("insert");
        txn.commit().await.expect("commit");
        left -= n;
    }
}

/// The plain-SQLite side: the same file, asked directly.
struct Anchor {
    conn: Connection,
}

/// A row of the case list as the anchor reads it.
#[allow(dead_code)] // read, as a screen would, then dropped
struct ListRow {
    id: i64,
    number: String,
    category: String,
    status: String,
    risk: String,
    received: String,
    updated: String,
    names: Vec<(String, String)>,
}

impl Anchor {
    fn open(path: &std::path::Path) -> Self {
        let conn = Connection::open(path).expect("anchor open");
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
            .expect("pragmas");
        conn.busy_timeout(Duration::from_secs(5)).expect("busy");
        Self { conn }
    }

    /// A page of cases (`filter` on alias `c`, its one parameter `arg`),
    /// with the total and every case's party names.
    fn page(&self, filter: &str, arg: Option<&str>) -> (i64, Vec<ListRow>) {
        let args: Vec<&dyn rusqlite::ToSql> = match &arg {
            Some(a) => vec![a],
            None => Vec::new(),
        };
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT COUNT(*) FROM cases c {filter}"))
            .expect("count")
            .query_row(args.as_slice(), |r| r.get(0))
            .expect("count");
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT id, number, category, status, risk_level, received_at, updated_at \
                 FROM cases c {filter} ORDER BY updated_at DESC, id DESC LIMIT 50"
            ))
            .expect("page");
        let mut rows: Vec<ListRow> = stmt
            .query_map(args.as_slice(), |r| {
                Ok(ListRow {
                    id: r.get(0)?,
                    number: r.get(1)?,
                    category: r.get(2)?,
                    status: r.get(3)?,
                    risk: r.get(4)?,
                    received: r.get(5)?,
                    updated: r.get(6)?,
                    names: Vec::new(),
                })
            })
            .expect("page")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
        let mut names = self
            .conn
            .prepare(&format!(
                "SELECT case_id, role, name FROM parties WHERE case_id IN ({}) \
                 ORDER BY case_id, position",
                ids.join(",")
            ))
            .expect("names");
        let mut found = names.query([]).expect("names");
        while let Some(r) = found.next().expect("name") {
            let case_id: i64 = r.get(0).expect("id");
            if let Some(row) = rows.iter_mut().find(|x| x.id == case_id) {
                row.names
                    .push((r.get(1).expect("role"), r.get(2).expect("name")));
            }
        }
        (total, rows)
    }

    /// A case by number with its parties and issues.
    fn lookup(&self, number: &str) -> usize {
        let (id, _summary): (i64, String) = self
            .conn
            .prepare_cached("SELECT id, summary FROM cases WHERE number = ?")
            .expect("case")
            .query_row([number], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("case");
        let parties = self
            .conn
            .prepare_cached(
                "SELECT id, kind, role, name, id_number, phone, address, email, agent_name, \
                 agent_phone, details FROM parties WHERE case_id = ? ORDER BY position",
            )
            .expect("parties")
            .query_map([id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })
            .expect("parties")
            .count();
        let _issues = self
            .conn
            .prepare_cached(
                "SELECT id, title, claimed_minor, claimed_currency FROM disputed_issues \
                 WHERE case_id = ? ORDER BY position",
            )
            .expect("issues")
            .query_map([id], |r| r.get::<_, String>(1))
            .expect("issues")
            .count();
        parties
    }

    /// The first 50 open follow-ups due by `today`, with who owes what.
    fn today(&self, today: &str) -> usize {
        self.conn
            .prepare_cached(
                "SELECT f.id, f.case_id, c.number, f.kind, f.due_on, f.state, f.obligation, \
                 f.installment, d.name, w.name, f.description, f.deadline, f.due_minor, \
                 f.due_currency, f.paid_minor, f.outcome \
                 FROM follow_ups f JOIN cases c ON c.id = f.case_id \
                 LEFT JOIN parties d ON d.id = f.debtor_id \
                 LEFT JOIN parties w ON w.id = f.creditor_id \
                 WHERE f.state = ? AND f.due_on <= ? ORDER BY f.due_on, f.id LIMIT 50",
            )
            .expect("today")
            .query_map(["open", today], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, Option<i64>>(12)?,
                    r.get::<_, i64>(14)?,
                ))
            })
            .expect("today")
            .count()
    }

    /// The case page as plain SQLite answers it: the case, its parties
    /// and issues, its history, its final agreement, payments, notes and
    /// clearings, and the earlier cases (received in the year before it)
    /// of the same names, ID numbers or addresses with their parties and
    /// oldest overdue instalment. Returns
    /// the number of history events and of earlier cases.
    fn detail(&self, id: i64, today: &str) -> (usize, usize) {
        let count = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> usize {
            let mut stmt = self.conn.prepare_cached(sql).expect("prepare");
            let mut rows = stmt.query(args).expect("query");
            let mut n = 0;
            while let Some(r) = rows.next().expect("row") {
                let _: rusqlite::types::Value = r.get(0).expect("value");
                n += 1;
            }
            n
        };
        let received: String = self
            .conn
            .prepare_cached("SELECT received_at, summary, number, status FROM cases WHERE id = ?")
            .expect("case")
            .query_row([id], |r| r.get(0))
            .expect("case");
        count(
            "SELECT id, kind, role, name, id_number, phone, address, email, agent_name, \
             agent_phone, details FROM parties WHERE case_id = ? ORDER BY position",
            &[&id],
        );
        count(
            "SELECT id, title, claimed_minor, claimed_currency FROM disputed_issues \
             WHERE case_id = ? ORDER BY position",
            &[&id],
        );
        let history = count(
            "SELECT id, at, user_name, action, detail FROM audit_events \
             WHERE case_id = ? ORDER BY id",
            &[&id],
        );
        count(
            "SELECT v.content FROM agreements a JOIN agreement_versions v \
             ON v.agreement_id = a.id AND v.number = a.final_version WHERE a.case_id = ?",
            &[&id],
        );
        count(
            "SELECT obligation, installment, amount_minor FROM payments WHERE case_id = ?",
            &[&id],
        );
        count(
            "SELECT text FROM room_items WHERE case_id = ? AND kind = 'note' ORDER BY id",
            &[&id],
        );
        count(
            "SELECT rule, facts, note, cleared_by, cleared_at FROM risk_clearances \
             WHERE case_id = ? ORDER BY id",
            &[&id],
        );
        let earlier: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM cases WHERE id IN (\
                 SELECT q.case_id FROM parties q INDEXED BY ix_parties_name_case WHERE q.name IN \
                 (SELECT name FROM parties WHERE case_id = ?1) \
                 UNION SELECT q.case_id FROM parties q INDEXED BY ix_parties_id_number_case \
                 WHERE q.id_number IN (SELECT id_number FROM parties WHERE case_id = ?1) \
                 UNION SELECT q.case_id FROM parties q INDEXED BY ix_parties_address_case \
                 WHERE q.address IN \
                 (SELECT address FROM parties WHERE case_id = ?1)) \
                 AND id <> ?1 AND received_at <= ?2 \
                 AND received_at >= datetime(?2, '-368 days') ORDER BY id",
            )
            .expect("earlier")
            .query_map(params![id, received], |r| r.get(0))
            .expect("earlier")
            .collect::<rusqlite::Result<_>>()
            .expect("earlier");
        let mut ids = earlier.clone();
        ids.push(id);
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        count(
            &format!(
                "SELECT case_id, name, id_number, address, role FROM parties \
                 WHERE case_id IN ({list}) ORDER BY case_id, position"
            ),
            &[],
        );
        count(
            &format!(
                "SELECT case_id, MIN(due_on) FROM follow_ups WHERE case_id IN ({list}) \
                 AND kind = 'due_check' AND state <> 'cancelled' AND due_on < ? \
                 AND installment IS NOT NULL GROUP BY case_id"
            ),
            &[&today],
        );
        (history, earlier.len())
    }

    /// Marks an open follow-up done, with its audit event chained to the
    /// newest, and the case's activity time: one transaction.
    fn complete(&mut self, id: i64) {
        use sha2::{Digest, Sha256};
        let now = chrono::Utc::now().to_rfc3339();
        let txn = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .expect("begin");
        let (case_id, kind): (i64, String) = txn
            .prepare_cached("SELECT case_id, kind FROM follow_ups WHERE id = ? AND state = 'open'")
            .expect("find")
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("open");
        txn.prepare_cached(
            "UPDATE follow_ups SET state = 'done', outcome = ?, done_at = ?, done_by = ? \
             WHERE id = ? AND state = 'open'",
        )
        .expect("update")
        .execute(params!["已电话催告", now, "anchor", id])
        .expect("update");
        let prev: Option<String> = txn
            .prepare_cached("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1")
            .expect("head")
            .query_row([], |r| r.get(0))
            .optional()
            .expect("head");
        let detail = format!("{{\"follow_up\":{id},\"kind\":\"{kind}\",\"performed\":false}}");
        let hash: String = Sha256::digest(format!("{prev:?}{detail}{now}").as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        txn.prepare_cached(
            "INSERT INTO audit_events (at, user_id, user_name, action, case_id, detail, \
             prev_hash, hash) VALUES (?, NULL, 'anchor', 'follow_up_done', ?, ?, ?, ?)",
        )
        .expect("event")
        .execute(params![now, case_id, detail, prev, hash])
        .expect("event");
        txn.prepare_cached("UPDATE cases SET updated_at = ? WHERE id = ?")
            .expect("touch")
            .execute(params![now, case_id])
            .expect("touch");
        txn.commit().expect("commit");
    }

    /// Open follow-ups to complete, none used before.
    fn open_followups(&self, n: usize) -> Vec<i64> {
        self.conn
            .prepare("SELECT id FROM follow_ups WHERE state = 'open' ORDER BY id DESC LIMIT ?")
            .expect("open")
            .query_map([n as i64], |r| r.get(0))
            .expect("open")
            .collect::<rusqlite::Result<_>>()
            .expect("ids")
    }
}

/// Times a synchronous closure as [`measure`] does.
fn measure_sync(runs: usize, mut f: impl FnMut(usize)) -> Stats {
    for i in 0..5 {
        f(i);
    }
    let mut times = Vec::with_capacity(runs);
    for i in 0..runs {
        let t = Instant::now();
        f(i);
        times.push(t.elapsed());
    }
    times.sort();
    Stats {
        median: times[runs / 2],
        p95: times[runs * 95 / 100],
        max: times[runs - 1],
    }
}

/// PostgreSQL's data, made on the server: 1,000,000 cases, 3,000,000
/// parties with their name grams, 1,000,000 follow-ups.
const PG_CASES: i64 = 1_000_000;

fn pg_array(items: impl Iterator<Item = String>) -> String {
    let quoted: Vec<String> = items.map(|s| format!("'{s}'")).collect();
    format!("ARRAY[{}]", quoted.join(","))
}

async fn generate_postgres(db: &sea_orm::DatabaseConnection) {
    use accord_core::{CaseStatus, Category};
    use sea_orm::ConnectionTrait;
    let surnames = pg_array(support::SURNAMES.chars().map(String::from));
    let given = pg_array(support::GIVEN.chars().map(String::from));
    let categories = pg_array(Category::ALL.iter().map(|c| c.code().to_owned()));
    let statuses = pg_array(CaseStatus::ALL.iter().map(|c| c.code().to_owned()));
    let (nc, ns) = (Category::ALL.len(), CaseStatus::ALL.len());
    let steps = [
        format!(
            "INSERT INTO cases (id, number, number_year, number_seq, category, channel, \
             received_at, summary, status, created_at, updated_at, version) \
             SELECT i, y::text || '-' || CASE WHEN i < 10000 THEN lpad(i::text, 4, '0') \
             ELSE i::text END, y, i, ({categories})[1 + i % {nc}], 'walk_in', \
             t, '邻里纠纷', ({statuses})[1 + i % {ns}], t, \
             t + ((i * 2654435761) % 100000) * interval '1 minute', 1 \
             FROM (SELECT i, 2021 + (i * 5 / (60 * 24 * 365)) AS y, \
             timestamptz '2021-01-01 00:00:00+00' + i * interval '5 minutes' AS t \
             FROM generate_series(1::bigint, {PG_CASES}) i) s"
        ),
        format!(
            "INSERT INTO parties (id, case_id, position, kind, role, name, phone) \
             SELECT p, (p - 1) / 3 + 1, (p - 1) % 3, 'person', \
             CASE WHEN (p - 1) % 3 = 0 THEN 'applicant' ELSE 'respondent' END, \
             ({surnames})[1 + (p * 2654435761) % array_length({surnames}, 1)] \
             || ({given})[1 + (p * 40503) % array_length({given}, 1)] \
             || CASE WHEN p % 3 = 0 THEN '' \
                ELSE ({given})[1 + (p * 69069) % array_length({given}, 1)] END, \
             '13800138000' FROM generate_series(1::bigint, {}) p",
            PG_CASES * PARTIES_PER_CASE
        ),
        "INSERT INTO party_name_grams (gram, party_id, case_id) \
         SELECT DISTINCT g, id, case_id FROM ( \
           SELECT substr(name, k, 1) AS g, id, case_id \
             FROM parties, generate_series(1, char_length(name)) k \
           UNION ALL SELECT substr(name, k, 2), id, case_id \
             FROM parties, generate_series(1, char_length(name) - 1) k) x"
            .to_owned(),
        format!(
            "INSERT INTO follow_ups (case_id, agreement_version, obligation, installment, \
             kind, due_on, state, debtor_id, creditor_id, description, deadline, due_minor, \
             due_currency, paid_minor) \
             SELECT c, 1, 0, inst, 'due_check', d, \
             CASE WHEN i % 5 = 0 THEN 'open' WHEN i % 2 = 0 THEN 'done' ELSE 'cancelled' END, \
             (c - 1) * 3 + 2, (c - 1) * 3 + 1, '赔偿漏水造成的损失', d + 3, \
             CASE WHEN inst IS NULL THEN NULL ELSE 500000 END, \
             CASE WHEN inst IS NULL THEN NULL ELSE 'CNY' END, \
             CASE WHEN inst IS NULL THEN 0 ELSE (i % 5) * 100000 END \
             FROM (SELECT i, 1 + (i * 2654435761) % {PG_CASES} AS c, \
             date '2020-01-01' + ((i * 40503) % 3650)::int AS d, \
             CASE WHEN i % 4 = 0 THEN NULL ELSE (i % 3)::int END AS inst \
             FROM generate_series(1::bigint, {FOLLOW_UPS}) i) s"
        ),
    ];
    // Made without the store's statement timeout; the name index is
    // built after its rows (much faster than row by row).
    db.execute_unprepared(
        "SET statement_timeout = 0; \
         DROP INDEX IF EXISTS ix_grams_gram_case; DROP INDEX IF EXISTS ix_grams_party",
    )
    .await
    .expect("no timeout");
    for sql in &steps {
        let t = Instant::now();
        db.execute_unprepared(sql).await.expect("generate");
        println!(
            "  {:.1} s: {}",
            t.elapsed().as_secs_f64(),
            &sql[..40.min(sql.len())]
        );
    }
    db.execute_unprepared(
        "CREATE INDEX ix_grams_gram_case ON party_name_grams (gram, case_id); \
         CREATE INDEX ix_grams_party ON party_name_grams (party_id)",
    )
    .await
    .expect("indexes");
    // As after any bulk load: the statistics, and the visibility map that
    // lets an index answer alone (the case page's earlier cases).
    db.execute_unprepared("VACUUM ANALYZE")
        .await
        .expect("vacuum");
}

/// The same screens on PostgreSQL (`ACCORD_BENCH_POSTGRES_URL`, else
/// `ACCORD_TEST_POSTGRES_URL`): each is one statement, so one round trip.
async fn postgres_rows() {
    use sea_orm::ConnectionTrait;
    let Some(server) = ["ACCORD_BENCH_POSTGRES_URL", "ACCORD_TEST_POSTGRES_URL"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
    else {
        println!("\nPostgreSQL: no ACCORD_BENCH_POSTGRES_URL, skipped");
        return;
    };
    let name = format!("accord_anchors_{PG_CASES}");
    let admin = sea_orm::Database::connect(&server).await.expect("server");
    let exists = admin
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DatabaseBackend::Postgres,
            format!("SELECT 1 FROM pg_database WHERE datname = '{name}'"),
        ))
        .await
        .expect("databases")
        .is_some();
    if !exists {
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("create");
    }
    admin.close().await.ok();
    let (base, query) = server.split_once('?').unwrap_or((server.as_str(), ""));
    let root = &base[..base.rfind('/').expect("a database in the URL")];
    let url = if query.is_empty() {
        format!("{root}/{name}")
    } else {
        format!("{root}/{name}?{query}")
    };
    let store = Store::open(&url).await.expect("open");
    if store.count_cases().await.expect("count") == 0 {
        println!("\ngenerating on PostgreSQL:");
        let db = sea_orm::Database::connect(&url).await.expect("connect");
        generate_postgres(&db).await;
        db.close().await.ok();
    }
    let cases = store.count_cases().await.expect("count");
    assert_eq!(cases, PG_CASES as u64, "stale bench database {name}");
    println!(
        "\nPostgreSQL on 127.0.0.1, {cases} cases, {} parties:",
        cases * 3
    );
    let mut rows: Vec<(&str, Option<f64>, Stats)> = Vec::new();
    let first = CaseQuery {
        limit: 50,
        ..CaseQuery::default()
    };
    assert_eq!(store.list_cases(&first).await.expect("page").rows.len(), 50);
    let stats = measure(RUNS, |_| async {
        store.list_cases(&first).await.expect("page");
    })
    .await;
    rows.push(("case list page (50 rows + total)", Some(5.0), stats));
    let stats = measure(RUNS, |i| {
        let number = support::number_of_5min((i as i64 * 7919) % PG_CASES + 1);
        let store = &store;
        async move {
            let case = store.case_by_number(number).await.expect("lookup");
            assert_eq!(case.expect("found").parties.len(), 3);
        }
    })
    .await;
    // Issue 18 sets the lookup and the case page no time on the server,
    // only their round trips (at most 2): `-` in the goal column.
    rows.push(("lookup by number (case + parties)", None, stats));
    let fragments = [
        "建国", "王芳", "晓明", "李玥", "张伟", "海燕", "子涵", "刘建",
    ];
    let stats = measure(RUNS, |i| {
        let q = CaseQuery {
            text: fragments[i % fragments.len()].to_owned(),
            limit: 50,
            ..CaseQuery::default()
        };
        let store = &store;
        async move {
            store.list_cases(&q).await.expect("search");
        }
    })
    .await;
    rows.push((
        "name search, 2 characters (page + total)",
        Some(10.0),
        stats,
    ));
    let today = chrono::Local::now().date_naive();
    assert_eq!(
        store.due_followups(today, 50).await.expect("today").len(),
        50
    );
    let stats = measure(RUNS, |_| async {
        store.due_followups(today, 50).await.expect("today");
    })
    .await;
    rows.push(("Today page (50 due follow-ups)", Some(5.0), stats));
    let stats = measure(RUNS, |i| {
        let id = (i as i64 * 7919) % PG_CASES + 1;
        let store = &store;
        async move {
            store.case_detail(id).await.expect("page");
        }
    })
    .await;
    rows.push(("case page (case, history, performance, flags)", None, stats));
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| {:<42} | {:>10} | {:>10} | {:>6} | {:>11} |",
        "median, ms", "accord", "p95", "goal", "round trips"
    );
    println!(
        "|{:-<44}|{:->12}|{:->12}|{:->8}|{:->13}|",
        "", "", "", "", ""
    );
    for (name, goal, s) in rows {
        println!(
            "| {name:<42} | {:>10.3} | {:>10.3} | {:>6} | {:>11} | {}",
            ms(s.median),
            ms(s.p95),
            goal.map_or("-".to_owned(), |g| g.to_string()),
            1,
            match goal {
                Some(g) if ms(s.median) > g => "OVER",
                _ => "ok",
            }
        );
    }
    store.close().await;
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let dir = std::env::var_os("ACCORD_BENCH_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| std::env::temp_dir().join("accord-bench"));
        std::fs::create_dir_all(&dir).expect("bench dir");
        let path = dir.join(format!("anchors-{CASES}-{FOLLOW_UPS}.sqlite3"));
        let fresh = !path.exists();
        let store = Store::open(&path.display().to_string())
            .await
            .expect("open");
        if fresh {
            let t = Instant::now();
            generate(&store, CASES).await;
            generate_followups(&store).await;
            sea_orm::ConnectionTrait::execute_unprepared(store.connection(), "ANALYZE")
                .await
                .expect("analyze");
            println!("generated in {:.1} s", t.elapsed().as_secs_f64());
        }
        let cases = store.count_cases().await.expect("count");
        let follow_ups = follow_up::Entity::find()
            .count(store.connection())
            .await
            .expect("count");
        assert_eq!(
            (cases, follow_ups),
            (CASES as u64, FOLLOW_UPS),
            "stale bench database; delete {}",
            path.display()
        );
        println!(
            "database: {} ({cases} cases, {} parties, {follow_ups} follow-ups)",
            path.display(),
            cases * PARTIES_PER_CASE as u64
        );
        let mut anchor = Anchor::open(&path);
        let mut table: Vec<(&str, Stats, Stats)> = Vec::new();

        // The case list's first page with its total.
        let first = CaseQuery {
            limit: 50,
            ..CaseQuery::default()
        };
        let page = store.list_cases(&first).await.expect("page");
        let (total, rows) = anchor.page("", None);
        assert_eq!((page.total, page.rows.len()), (total as u64, rows.len()));
        assert_eq!(
            page.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
            rows.iter().map(|r| r.id).collect::<Vec<_>>()
        );
        let accord = measure(RUNS, |_| async {
            store.list_cases(&first).await.expect("page");
        })
        .await;
        let plain = measure_sync(RUNS, |_| {
            anchor.page("", None);
        });
        table.push(("case list page (50 rows + total)", accord, plain));

        // Lookup by number.
        let numbers: Vec<String> = {
            let mut rng = Lcg(7);
            (0..RUNS + 5)
                .map(|_| number_of((rng.next() % CASES as u64) as i64 + 1).to_string())
                .collect()
        };
        let accord = measure(RUNS, |i| {
            let number: accord_core::CaseNumber = numbers[i].parse().expect("number");
            let store = &store;
            async move {
                let case = store.case_by_number(number).await.expect("lookup");
                assert_eq!(case.expect("found").parties.len(), 3);
            }
        })
        .await;
        let plain = measure_sync(RUNS, |i| {
            assert_eq!(anchor.lookup(&numbers[i]), 3);
        });
        table.push(("lookup by number (case + parties)", accord, plain));

        // A two-character name search.
        let fragments = [
            "建国", "王芳", "晓明", "李玥", "张伟", "海燕", "子涵", "刘建",
        ];
        for f in fragments {
            let q = CaseQuery {
                text: f.to_owned(),
                limit: 50,
                ..CaseQuery::default()
            };
            let page = store.list_cases(&q).await.expect("search");
            let (total, rows) = anchor.page(
                "WHERE c.id IN (SELECT case_id FROM party_name_grams WHERE gram = ?)",
                Some(f),
            );
            assert_eq!(
                (page.total, page.rows.len()),
                (total as u64, rows.len()),
                "{f}"
            );
        }
        let accord = measure(RUNS, |i| {
            let q = CaseQuery {
                text: fragments[i % fragments.len()].to_owned(),
                limit: 50,
                ..CaseQuery::default()
            };
            let store = &store;
            async move {
                store.list_cases(&q).await.expect("search");
            }
        })
        .await;
        let plain = measure_sync(RUNS, |i| {
            anchor.page(
                "WHERE c.id IN (SELECT case_id FROM party_name_grams WHERE gram = ?)",
                Some(fragments[i % fragments.len()]),
            );
        });
        table.push(("name search, 2 characters (page + total)", accord, plain));

        // Today.
        let today = chrono::Local::now().date_naive();
        let due = store.due_followups(today, 50).await.expect("today");
        assert_eq!(due.len(), 50);
        assert!(
            due.iter()
                .all(|f| !f.debtor.is_empty() && !f.case_number.is_empty())
        );
        let day = today.format("%F").to_string();
        assert_eq!(anchor.today(&day), 50);
        let accord = measure(RUNS, |_| async {
            store.due_followups(today, 50).await.expect("today");
        })
        .await;
        let plain = measure_sync(RUNS, |_| {
            anchor.today(&day);
        });
        table.push(("Today page (50 due follow-ups)", accord, plain));

        // The case page: the case, its history, performance and flags.
        let pages: Vec<i64> = {
            let mut rng = Lcg(11);
            (0..RUNS + 5)
                .map(|_| (rng.next() % CASES as u64) as i64 + 1)
                .collect()
        };
        for &id in pages.iter().take(20) {
            let page = store.case_detail(id).await.expect("page");
            let (history, _) = anchor.detail(id, &day);
            assert_eq!(page.history.len(), history);
        }
        let accord = measure(RUNS, |i| {
            let (store, id) = (&store, pages[i]);
            async move {
                store.case_detail(id).await.expect("page");
            }
        })
        .await;
        let plain = measure_sync(RUNS, |i| {
            anchor.detail(pages[i], &day);
        });
        table.push((
            "case page (case, history, performance, flags)",
            accord,
            plain,
        ));

        // One user's write with its audit event: a follow-up marked done.
        let ids = anchor.open_followups(2 * (RUNS + 5));
        assert_eq!(ids.len(), 2 * (RUNS + 5), "too few open follow-ups left");
        let actor = Actor::system();
        // The warm-up runs come first with the same indices: each run
        // takes the next follow-up not yet done.
        let next = std::cell::Cell::new(0);
        let accord = measure(RUNS, |_| {
            let (store, actor, id) = (&store, &actor, ids[next.get()]);
            next.set(next.get() + 1);
            async move {
                store
                    .complete_followup(actor, id, "已电话催告", false)
                    .await
                    .expect("done");
            }
        })
        .await;
        let plain = measure_sync(RUNS, |_| {
            anchor.complete(ids[next.get()]);
            next.set(next.get() + 1);
        });
        table.push(("one write with its audit event", accord, plain));

        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "\n| {:<42} | {:>10} | {:>10} | {:>16} |",
            "median (p95), ms", "accord", "anchor", "accord / anchor"
        );
        println!("|{:-<44}|{:->12}|{:->12}|{:->18}|", "", "", "", "");
        let mut over = 0;
        for (name, accord, plain) in &table {
            let ratio = accord.median.as_secs_f64() / plain.median.as_secs_f64();
            if ratio > 3.0 {
                over += 1;
            }
            println!(
                "| {name:<42} | {:>10.4} | {:>10.4} | {:>10.2} {:<5} |",
                ms(accord.median),
                ms(plain.median),
                ratio,
                if ratio <= 3.0 { "ok" } else { "OVER" }
            );
            println!(
                "|   p95 / max {:<30} | {:>10.4} | {:>10.4} | {:>16} |",
                "",
                ms(accord.p95),
                ms(plain.p95),
                format!("max {:.3}", ms(accord.max))
            );
        }
        println!(
            "\n{} of {} rows at most 3x the anchor",
            table.len() - over,
            table.len()
        );
        store.close().await;
        postgres_rows().await;
    });
}
