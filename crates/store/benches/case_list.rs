//! The case list at the scale of a busy district centre: 100,000 cases and
//! 300,000 parties in a SQLite file. Run with
//! `cargo bench -p accord-store --bench case_list` (release mode).
//!
//! Targets: first page (50 rows, newest activity first) <= 5 ms, lookup by
//! case number <= 1 ms, search by a Chinese name fragment <= 30 ms.

mod support;

use std::time::{Duration, Instant};

use accord_core::CaseNumber;
use accord_store::{CaseQuery, Store};
use support::{Lcg, PARTIES_PER_CASE, Stats, generate, measure};

const CASES: i64 = 100_000;

/// Every measurement on one database: name, target (ms), times.
async fn measure_all(store: &Store) -> Vec<(&'static str, f64, Stats)> {
    let mut results = Vec::new();
    let first_page = CaseQuery {
        limit: 50,
        ..CaseQuery::default()
    };
    let page = store.list_cases(&first_page).await.expect("page");
    assert_eq!(page.rows.len(), 50);
    assert!(
        page.rows
            .windows(2)
            .all(|w| w[0].updated_at >= w[1].updated_at),
        "newest activity first"
    );
    let stats = measure(200, |_| async {
        store.list_cases(&first_page).await.expect("page");
    })
    .await;
    results.push(("case list, first page (50 rows + total)", 5.0, stats));

    let numbers: Vec<CaseNumber> = {
        let mut rng = Lcg(7);
        (0..200)
            .map(|_| {
                let id = (rng.next() % CASES as u64) as i64 + 1;
                let year = 2021 + (id * 25 / (60 * 24 * 365)) as i32;
                CaseNumber::new(year, id as u32)
            })
            .collect()
    };
    let stats = measure(200, |i| {
        let number = numbers[i % numbers.len()];
        let store = &store;
        async move {
            let case = store
                .case_by_number(number)
                .await
                .expect("lookup")
                .expect("exists");
            assert_eq!(case.parties.len(), PARTIES_PER_CASE as usize);
        }
    })
    .await;
    results.push(("lookup by case number (case + parties)", 1.0, stats));

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
        assert!(page.rows.iter().all(|r| {
            r.applicants
                .iter()
                .chain(&r.respondents)
                .any(|n| n.contains(f))
        }));
    }
    let stats = measure(200, |i| {
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
    results.push(("search by 2-character name fragment", 30.0, stats));
    let q = CaseQuery {
        text: "建国".to_owned(),
        limit: 50,
        ..CaseQuery::default()
    };
    println!(
        "  (\"建国\" matches {} cases)",
        store.list_cases(&q).await.expect("search").total
    );

    let stats = measure(100, |i| {
        let q = CaseQuery {
            text: ["王", "李", "张"][i % 3].to_owned(),
            limit: 50,
            ..CaseQuery::default()
        };
        let store = &store;
        async move {
            store.list_cases(&q).await.expect("search");
        }
    })
    .await;
    results.push(("search by 1-character surname (worst case)", 30.0, stats));
    results
}

fn report(name: &str, target_ms: f64, s: &Stats) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let verdict = if ms(s.median) <= target_ms {
        "ok"
    } else {
        "OVER TARGET"
    };
    println!(
        "{name:<44} median {:>8.3} ms   p95 {:>8.3} ms   max {:>8.3} ms   target {target_ms} ms  {verdict}",
        ms(s.median),
        ms(s.p95),
        ms(s.max)
    );
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
        let path = dir.join(format!("cases-{CASES}.sqlite3"));
        let fresh = !path.exists();
        let store = Store::open(&path.display().to_string())
            .await
            .expect("open");
        if fresh {
            let t = Instant::now();
            generate(&store, CASES).await;
            println!(
                "generated {CASES} cases and {} parties in {:.1} s",
                CASES * PARTIES_PER_CASE,
                t.elapsed().as_secs_f64()
            );
        }
        let count = store.count_cases().await.expect("count");
        println!("database: {} ({count} cases)", path.display());
        assert_eq!(
            count,
            CASES as u64,
            "stale bench database; delete {}",
            path.display()
        );

        let plain = measure_all(&store).await;
        for (name, target, stats) in &plain {
            report(name, *target, stats);
        }

        // The same database encrypted (SQLCipher), as the app keeps it:
        // a copy, encrypted in place, opened with a password.
        const PASSWORD: &str = "bench password";
        if !store.has_accounts().await.expect("accounts") {
            store
                .create_account(
                    None,
                    &accord_store::NewAccount {
                        login: "admin".into(),
                        name: "管理员".into(),
                        role: accord_core::UserRole::Administrator,
                        password: PASSWORD.into(),
                    },
                )
                .await
                .expect("account");
        }
        store.close().await;
        let encrypted_dir = dir.join("encrypted");
        let _ = std::fs::remove_dir_all(&encrypted_dir);
        std::fs::create_dir_all(&encrypted_dir).expect("dir");
        let encrypted = encrypted_dir.join("cases.sqlite3");
        std::fs::copy(&path, &encrypted).expect("copy");
        let t = Instant::now();
        assert!(Store::encrypt_file(&encrypted).await.expect("encrypt"));
        println!("\nencrypted a copy in {:.1} s", t.elapsed().as_secs_f64());
        let (store, _) = Store::unlock(&encrypted, accord_store::Who::Login("admin"), PASSWORD)
            .await
            .expect("unlock");
        let ciphered = measure_all(&store).await;
        println!("encrypted (SQLCipher 4, 4 KiB pages):");
        for ((name, target, stats), (_, _, before)) in ciphered.iter().zip(&plain) {
            report(name, *target, stats);
            println!(
                "  {:.2}x the plain file (goal: at most 1.5x)",
                stats.median.as_secs_f64() / before.median.as_secs_f64()
            );
        }
        store.close().await;
        let _ = std::fs::remove_dir_all(&encrypted_dir);
    });
}
