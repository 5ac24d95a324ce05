//! The case list at the scale of a busy district centre: 100,000 cases and
//! 300,000 parties in a SQLite file. Run with
//! `cargo bench -p accord-store --bench case_list` (release mode).
//!
//! Targets: first page (50 rows, newest activity first) <= 5 ms, lookup by
//! case number <= 1 ms, search by a Chinese name fragment <= 30 ms.

use std::time::{Duration, Instant};

use accord_core::{CaseNumber, Choice, PartyRole};
use accord_entity::{case, party, party_name_gram};
use accord_store::{CaseQuery, Store, name_grams};
use chrono::{TimeZone, Utc};
use sea_orm::{ActiveValue::Set, EntityTrait, TransactionTrait};

const CASES: i64 = 100_000;
const PARTIES_PER_CASE: i64 = 3;

const SURNAMES: &str = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段";
const GIVEN: &str = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥建国建华志强志明海燕海波春梅秋菊冬梅晓东晓明晓红丽娟丽华文杰文华子轩子涵浩然欣怡梓涵一诺宇航思远雨萱佳怡俊杰玥喆堃昇珺琇镕赟";

/// A tiny deterministic generator, so every run builds the same data.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick(&mut self, chars: &[char]) -> char {
        chars[(self.next() % chars.len() as u64) as usize]
    }
}

fn name(rng: &mut Lcg, surnames: &[char], given: &[char]) -> String {
    let mut n = String::new();
    n.push(rng.pick(surnames));
    n.push(rng.pick(given));
    // About a third of names have only two characters.
    if !rng.next().is_multiple_of(3) {
        n.push(rng.pick(given));
    }
    n
}

async fn generate(store: &Store) {
    let db = store.connection();
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let mut rng = Lcg(20_250_210);
    let start = Utc
        .with_ymd_and_hms(2021, 1, 1, 0, 0, 0)
        .single()
        .expect("date");
    let batch = 2_000;
    let mut id = 0i64;
    while id < CASES {
        let txn = db.begin().await.expect("begin");
        let (mut cases, mut parties, mut grams) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..batch.min(CASES - id) {
            id += 1;
            let received = start + chrono::Duration::minutes(id * 25);
            let updated = received + chrono::Duration::minutes((rng.next() % 100_000) as i64);
            let year = 2021 + (id * 25 / (60 * 24 * 365)) as i32;
            cases.push(case::ActiveModel {
                id: Set(id),
                number: Set(CaseNumber::new(year, id as u32).to_string()),
                number_year: Set(year),
                number_seq: Set(id as i32),
                external_ref: Set(None),
                category: Set(accord_core::Category::ALL[(id % 8) as usize]
                    .code()
                    .to_owned()),
                channel: Set("walk_in".to_owned()),
                received_at: Set(received),
                summary: Set("邻里纠纷".to_owned()),
                status: Set(accord_core::CaseStatus::ALL[(id % 7) as usize]
                    .code()
                    .to_owned()),
                created_at: Set(received),
                updated_at: Set(updated),
                version: Set(1),
                mediator_id: Set(None),
                due_on: Set(None),
                time_limit: Set(None),
                receiver_id: Set(None),
                lead_mediator_id: Set(None),
                ..Default::default()
            });
            for position in 0..PARTIES_PER_CASE {
                let party_id = (id - 1) * PARTIES_PER_CASE + position + 1;
                let n = name(&mut rng, &surnames, &given);
                for gram in name_grams(&n) {
                    grams.push(party_name_gram::ActiveModel {
                        gram: Set(gram),
                        party_id: Set(party_id),
                        case_id: Set(id),
                    });
                }
                let role = if position == 0 {
                    PartyRole::Applicant
                } else {
                    PartyRole::Respondent
                };
                parties.push(party::ActiveModel {
                    id: Set(party_id),
                    case_id: Set(id),
                    position: Set(position as i32),
                    kind: Set("person".to_owned()),
                    role: Set(role.code().to_owned()),
                    name: Set(n),
                    id_number: Set(None),
                    phone: Set(Some("13800138000".to_owned())),
                    address: Set(None),
                    email: Set(None),
                    agent_name: Set(None),
                    agent_phone: Set(None),
                    details: Set(None),
                });
            }
        }
        case::Entity::insert_many(cases)
            .exec(&txn)
            .await
            .expect("cases");
        for chunk in parties.chunks(2_000) {
            party::Entity::insert_many(chunk.to_vec())
                .exec(&txn)
                .await
                .expect("parties");
        }
        for chunk in grams.chunks(4_000) {
            party_name_gram::Entity::insert_many(chunk.to_vec())
                .exec(&txn)
                .await
                .expect("grams");
        }
        txn.commit().await.expect("commit");
    }
    sea_orm::ConnectionTrait::execute_unprepared(db, "ANALYZE")
        .await
        .expect("analyze");
}

struct Stats {
    median: Duration,
    p95: Duration,
    max: Duration,
}

async fn measure<F, Fut>(runs: usize, mut f: F) -> Stats
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for i in 0..5 {
        f(i).await; // warm the cache
    }
    let mut times = Vec::with_capacity(runs);
    for i in 0..runs {
        let t = Instant::now();
        f(i).await;
        times.push(t.elapsed());
    }
    times.sort();
    Stats {
        median: times[runs / 2],
        p95: times[runs * 95 / 100],
        max: times[runs - 1],
    }
}

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
            generate(&store).await;
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
