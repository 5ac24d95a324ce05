//! The centre's statistics at city scale: 1,000,000 cases over ten years
//! (100,000 a year, 15 dispute types, 5 channels, 50 lead mediators) in
//! a SQLite file, each with its tally as the store keeps it, and the
//! report for one year asked of the store. Run with
//! `cargo bench -p accord-store --bench stats` (release mode).
//!
//! Target: the statistics for one year (totals and the four breakdowns)
//! under 200 ms.

use std::time::{Duration, Instant};

use accord_core::{Choice, IntakeChannel, stats::StatCategory};
use accord_migration::TALLY_COLUMNS;
use accord_store::Store;
use chrono::NaiveDate;
use sea_orm::ConnectionTrait;

const CASES: i64 = 1_000_000;
const PER_YEAR: i64 = 100_000;

fn list(codes: &[&str]) -> String {
    codes
        .iter()
        .enumerate()
        .map(|(i, c)| format!("WHEN {i} THEN '{c}'"))
        .collect::<Vec<_>>()
        .join(" ")
}

async fn generate(store: &Store) {
    let db = store.connection();
    let categories: Vec<&str> = StatCategory::ALL.iter().map(|c| c.code()).collect();
    let channels: Vec<&str> = IntakeChannel::ALL.iter().map(|c| c.code()).collect();
    let (nc, nch) = (categories.len(), channels.len());
    // The cases, by their year and month of receipt.
    db.execute_unprepared(&format!(
        "INSERT INTO cases (id, number, number_year, number_seq, category, channel, \
           received_at, summary, status, created_at, updated_at, version, stat_category) \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {CASES}) \
         SELECT i, printf('%d-%06d', 2016 + (i - 1) / {PER_YEAR}, i), \
           2016 + (i - 1) / {PER_YEAR}, i, 'neighbour', \
           CASE i % {nch} {channels} END, \
           printf('%d-%02d-15T02:00:00+00:00', 2016 + (i - 1) / {PER_YEAR}, 1 + (i % 12)), \
           '', 'closed', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', 1, \
           CASE i % {nc} {categories} END \
         FROM n",
        channels = list(&channels),
        categories = list(&categories),
    ))
    .await
    .expect("cases");
    // Each case's tally: 90% mediated, 80% settled, amounts, days, the
    // time limit, instalments, visits, the prevention marks.
    let counters = TALLY_COLUMNS.join(", ");
    db.execute_unprepared(&format!(
        "INSERT INTO case_stats (case_id, month, stat_category, channel, lead, ended_on, \
           next_due, {counters}) \
         SELECT id, substr(received_at, 1, 7), stat_category, channel, id % 50, \
           substr(received_at, 1, 10), NULL, \
           1, (id % 10 < 9), (id % 10 < 8), (id % 10 < 8) * (id % 1000) * 100, \
           (id % 10 < 8) * (id % 45), (id % 10 < 7), id % 3, (id % 3 > 0) * (id % 2), \
           (id % 10 < 8), (id % 10 < 7), (id % 97 = 0), (id % 97 = 0) * 2, \
           (id % 211 = 0), (id % 211 = 0) * 12 \
         FROM cases"
    ))
    .await
    .expect("tallies");
    let sums = TALLY_COLUMNS
        .iter()
        .map(|c| format!("SUM({c})"))
        .collect::<Vec<_>>()
        .join(", ");
    db.execute_unprepared(&format!(
        "INSERT INTO stats_cells (month, stat_category, channel, lead, {counters}) \
         SELECT month, stat_category, channel, lead, {sums} FROM case_stats \
         GROUP BY month, stat_category, channel, lead"
    ))
    .await
    .expect("cells");
    db.execute_unprepared("ANALYZE").await.expect("analyze");
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("stats.sqlite3");
    rt.block_on(async {
        let store = Store::open(&path.display().to_string())
            .await
            .expect("open");
        let t = Instant::now();
        generate(&store).await;
        println!(
            "generated {CASES} cases with their tallies in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        let (from, to) = (
            NaiveDate::from_ymd_opt(2025, 1, 1).expect("day"),
            NaiveDate::from_ymd_opt(2025, 12, 31).expect("day"),
        );
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("day");
        let mut times: Vec<Duration> = Vec::new();
        let mut report = None;
        for _ in 0..21 {
            let t = Instant::now();
            report = Some(store.statistics_on(from, to, today).await.expect("report"));
            times.push(t.elapsed());
        }
        let report = report.expect("report");
        assert_eq!(
            report.total.received, PER_YEAR,
            "every case of 2025 counted"
        );
        assert_eq!(report.by_month.len(), 12);
        assert_eq!(report.by_category.len(), 15);
        assert_eq!(report.by_mediator.len(), 50);
        let first = times[0];
        times.sort();
        println!(
            "statistics of one year over {CASES} cases: first {:.2} ms, median {:.2} ms, \
             worst {:.2} ms (target < 200 ms); settled {}, settlement rate {}",
            first.as_secs_f64() * 1e3,
            times[times.len() / 2].as_secs_f64() * 1e3,
            times[times.len() - 1].as_secs_f64() * 1e3,
            report.total.settled,
            accord_core::stats::percent(report.total.settlement_rate()),
        );
    });
}
