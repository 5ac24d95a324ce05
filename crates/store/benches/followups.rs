//! The Today query with 1,000,000 follow-ups stored (2,000 final agreements
//! with their schedules, the rest spread over ten years, four in five
//! already done or cancelled). Target: at most 5 ms median for the first
//! page (50 rows, most urgent first, with who owes what and what remains).
//! `cargo bench -p accord-store --bench followups`

use std::time::{Duration, Instant};

use accord_core::{
    Choice,
    agreement::AgreementStatus,
    demo,
    followup::{FollowUpKind, FollowUpState},
};
use accord_entity::follow_up;
use accord_store::{Actor, Store};
use chrono::{Days, NaiveDate};
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait, TransactionTrait};

const CASES: usize = 2_000;
const FOLLOW_UPS: u64 = 1_000_000;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

async fn generate(store: &Store) -> Vec<i64> {
    let actor = Actor::system();
    let valid = demo::water_leak_case().validate().expect("valid");
    let mut ids = Vec::with_capacity(CASES);
    for _ in 0..CASES {
        let case = store.create_case(&actor, &valid).await.expect("case");
        store
            .save_agreement(&actor, case.id, &demo::water_leak_agreement(&case))
            .await
            .expect("draft");
        for next in [AgreementStatus::InReview, AgreementStatus::Approved] {
            store
                .review_agreement(&actor, case.id, next, None)
                .await
                .expect("review");
        }
        // Signed on paper, everyone (finalising needs every signature).
        let content = demo::water_leak_agreement(&case);
        for (slot, signatory) in content.signatories(&case).into_iter().enumerate() {
            let paper = accord_core::agreement::Signature {
                slot,
                name: signatory.name,
                method: accord_core::agreement::SignMethod::Paper,
                strokes: Vec::new(),
                signed_at: chrono::Utc::now(),
            };
            store
                .save_signature(&actor, case.id, &paper)
                .await
                .expect("on paper");
        }
        let effective = NaiveDate::from_ymd_opt(2025, 2, 12).expect("date");
        store
            .finalise_agreement_on(&actor, case.id, effective)
            .await
            .expect("final");
        ids.push(case.id);
    }
    let existing = follow_up::Entity::find()
        .count(store.connection())
        .await
        .expect("count");
    let mut rng = Lcg(20_250_212);
    let base = NaiveDate::from_ymd_opt(2020, 1, 1).expect("date");
    let db = store.connection();
    let mut left = FOLLOW_UPS - existing;
    while left > 0 {
        let n = left.min(2_000);
        let rows: Vec<follow_up::ActiveModel> = (0..n)
            .map(|_| {
                let case_id = ids[(rng.next() % CASES as u64) as usize];
                let state = if rng.next().is_multiple_of(5) {
                    FollowUpState::Open
                } else if rng.next().is_multiple_of(2) {
                    FollowUpState::Done
                } else {
                    FollowUpState::Cancelled
                };
                let kind = FollowUpKind::ALL[(rng.next() % 6) as usize];
                follow_up::ActiveModel {
                    case_id: Set(case_id),
                    agreement_version: Set(1),
                    obligation: Set(1),
                    installment: Set(Some((rng.next() % 2) as i32)),
                    kind: Set(kind.code().to_owned()),
                    due_on: Set(base + Days::new(rng.next() % 3_650)),
                    state: Set(state.code().to_owned()),
                    outcome: Set(None),
                    done_at: Set(None),
                    done_by: Set(None),
                    notified_at: Set(None),
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
    ids
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
        let path = dir.join(format!("followups-{FOLLOW_UPS}.sqlite3"));
        let fresh = !path.exists();
        let store = Store::open(&path.display().to_string())
            .await
            .expect("open");
        if fresh {
            let t = Instant::now();
            generate(&store).await;
            println!(
                "generated {CASES} final agreements and {FOLLOW_UPS} follow-ups in {:.1} s",
                t.elapsed().as_secs_f64()
            );
        }
        let count = follow_up::Entity::find()
            .count(store.connection())
            .await
            .expect("count");
        println!("database: {} ({count} follow-ups)", path.display());
        assert_eq!(count, FOLLOW_UPS, "stale bench database; delete {}", path.display());
        let today = chrono::Local::now().date_naive();
        let page = store.due_followups(today, 50).await.expect("today");
        assert_eq!(page.len(), 50);
        assert!(page.windows(2).all(|w| w[0].due_on <= w[1].due_on));
        assert!(page.iter().all(|f| !f.debtor.is_empty() && !f.case_number.is_empty()));
        let mut times = Vec::new();
        for i in 0..205 {
            let t = Instant::now();
            let rows = store.due_followups(today, 50).await.expect("today");
            let elapsed = t.elapsed();
            assert_eq!(rows.len(), 50);
            if i >= 5 {
                times.push(elapsed);
            }
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let median = ms(times[times.len() / 2]);
        println!(
            "Today (first 50 of the due follow-ups)      median {:>8.3} ms   p95 {:>8.3} ms   max {:>8.3} ms   target 5 ms  {}",
            median,
            ms(times[times.len() * 95 / 100]),
            ms(times[times.len() - 1]),
            if median <= 5.0 { "ok" } else { "OVER TARGET" }
        );
    });
}
