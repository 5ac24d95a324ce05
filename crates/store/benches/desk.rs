//! The centre desk at the scale of a busy district centre: a roster of
//! 500 mediators (each with declared relations), 100,000 cases (10,000 of
//! them open, due from 40 days ago to 30 days ahead) and 300,000 past
//! parties in a SQLite file. Run with
//! `cargo bench -p accord-store --bench desk` (release mode).
//!
//! Targets: the ranked suggestions with the conflict check for a case
//! (roster read, open cases counted, every mediator checked against every
//! party and agent) <= 20 ms; the board (the 50 most urgent open cases and
//! the counts per mediator and for the centre) <= 5 ms.

mod support;

use std::time::{Duration, Instant};
use support::measure;

use accord_core::{
    CaseNumber, CaseStatus, Category, Choice,
    mediator::{Availability, DeclaredRelation, RelationKind},
};
use accord_entity::{case, case_assignment, mediator, party};
use accord_store::Store;
use chrono::{Days, TimeZone, Utc};
use sea_orm::{ActiveValue::Set, EntityTrait, TransactionTrait};

const CASES: i64 = 100_000;
const OPEN: i64 = 10_000;
const PARTIES_PER_CASE: i64 = 3;
const ROSTER: i64 = 500;

const SURNAMES: &str = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段";
const GIVEN: &str = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红娥国建志海燕波春梅秋菊冬晓东文子轩涵浩然欣怡梓诺宇航思远雨萱佳俊玥喆堃昇珺琇镕赟";

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
    fn name(&mut self, s: &[char], g: &[char]) -> String {
        let mut n = String::new();
        n.push(self.pick(s));
        n.push(self.pick(g));
        if !self.next().is_multiple_of(3) {
            n.push(self.pick(g));
        }
        n
    }
    fn phone(&mut self) -> String {
        format!("13{:09}", self.next() % 1_000_000_000)
    }
}

async fn generate(store: &Store, today: chrono::NaiveDate) {
    let db = store.connection();
    let s: Vec<char> = SURNAMES.chars().collect();
    let g: Vec<char> = GIVEN.chars().collect();
    let mut rng = Lcg(20_261_201);
    // The roster.
    let txn = db.begin().await.expect("begin");
    let mut roster = Vec::new();
    for id in 1..=ROSTER {
        let relations: Vec<DeclaredRelation> = (0..2)
            .map(|k| DeclaredRelation {
                kind: if k == 0 {
                    RelationKind::Relative
                } else {
                    RelationKind::FormerEmployer
                },
                name: rng.name(&s, &g),
                id_number: None,
                note: String::new(),
            })
            .collect();
        let profile = serde_json::json!({
            "categories": [Category::ALL[(id % 8) as usize], Category::ALL[((id + 3) % 8) as usize]],
            "languages": [],
            "availability": Availability { weekdays: (id % 127 + 1) as u8, leave: Vec::new() },
            "id_number": null,
            "address": format!("青山区第{id}街"),
            "relations": relations,
        });
        roster.push(mediator::ActiveModel {
            id: Set(id),
            name: Set(rng.name(&s, &g)),
            mediator_type: Set("full_time".into()),
            specialty: Set(None),
            phone: Set(Some(rng.phone())),
            active: Set(true),
            unit: Set("青山区综治中心".into()),
            profile: Set(Some(profile.to_string())),
            user_id: Set(None),
        });
    }
    mediator::Entity::insert_many(roster)
        .exec(&txn)
        .await
        .expect("roster");
    txn.commit().await.expect("commit");

    let start = Utc
        .with_ymd_and_hms(2021, 1, 1, 0, 0, 0)
        .single()
        .expect("date");
    let mut id = 0i64;
    let mut assignment_id = 0i64;
    while id < CASES {
        let txn = db.begin().await.expect("begin");
        let (mut cases, mut parties, mut assignments) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..2_000.min(CASES - id) {
            id += 1;
            let open = id > CASES - OPEN;
            let received = start + chrono::Duration::minutes(id * 25);
            let due = if open {
                // Due from 40 days ago to 30 days ahead.
                today - Days::new(40) + Days::new(rng.next() % 71)
            } else {
                received.date_naive() + Days::new(30)
            };
            let status = if open {
                [
                    CaseStatus::Received,
                    CaseStatus::Assigned,
                    CaseStatus::InMediation,
                    CaseStatus::Referred,
                ][(id % 4) as usize]
            } else {
                [
                    CaseStatus::Settled,
                    CaseStatus::NotSettled,
                    CaseStatus::Closed,
                ][(id % 3) as usize]
            };
            let year = 2021 + (id * 25 / (60 * 24 * 365)) as i32;
            let lead =
                (status != CaseStatus::Received).then(|| (rng.next() % ROSTER as u64) as i64 + 1);
            cases.push(case::ActiveModel {
                id: Set(id),
                number: Set(CaseNumber::new(year, id as u32).to_string()),
                number_year: Set(year),
                number_seq: Set(id as i32),
                external_ref: Set(None),
                category: Set(Category::ALL[(id % 8) as usize].code().to_owned()),
                channel: Set("walk_in".to_owned()),
                received_at: Set(received),
                summary: Set("邻里纠纷".to_owned()),
                status: Set(status.code().to_owned()),
                created_at: Set(received),
                updated_at: Set(received),
                version: Set(1),
                mediator_id: Set(None),
                due_on: Set(Some(due)),
                time_limit: Set(None),
                receiver_id: Set(None),
                lead_mediator_id: Set(lead),
                ..Default::default()
            });
            if let Some(lead) = lead {
                assignment_id += 1;
                assignments.push(case_assignment::ActiveModel {
                    id: Set(assignment_id),
                    case_id: Set(id),
                    mediator_id: Set(lead),
                    lead: Set(true),
                    assigned_at: Set(received),
                    assigned_by: Set("李枭".into()),
                    override_reason: Set(None),
                    conflicts: Set("[]".into()),
                    ended_at: Set(None),
                    end_reason: Set(None),
                });
            }
            for position in 0..PARTIES_PER_CASE {
                parties.push(party::ActiveModel {
                    id: Set((id - 1) * PARTIES_PER_CASE + position + 1),
                    case_id: Set(id),
                    position: Set(position as i32),
                    kind: Set("person".to_owned()),
                    role: Set(if position == 0 {
                        "applicant"
                    } else {
                        "respondent"
                    }
                    .to_owned()),
                    name: Set(rng.name(&s, &g)),
                    id_number: Set(None),
                    phone: Set(Some(rng.phone())),
                    address: Set(Some(format!("青山区第{}街", rng.next() % 600))),
                    email: Set(None),
                    agent_name: Set((position == 1).then(|| rng.name(&s, &g))),
                    agent_phone: Set(None),
                    details: Set(None),
                });
            }
        }
        for chunk in cases.chunks(1_000) {
            case::Entity::insert_many(chunk.to_vec())
                .exec(&txn)
                .await
                .expect("cases");
        }
        for chunk in parties.chunks(2_000) {
            party::Entity::insert_many(chunk.to_vec())
                .exec(&txn)
                .await
                .expect("parties");
        }
        if !assignments.is_empty() {
            case_assignment::Entity::insert_many(assignments)
                .exec(&txn)
                .await
                .expect("assignments");
        }
        txn.commit().await.expect("commit");
    }
    sea_orm::ConnectionTrait::execute_unprepared(db, "ANALYZE")
        .await
        .expect("analyze");
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("desk.sqlite3");
        let store = Store::open(&path.display().to_string())
            .await
            .expect("open");
        let today = chrono::Local::now().date_naive();
        let t = Instant::now();
        generate(&store, today).await;
        println!(
            "generated {CASES} cases ({OPEN} open), {} parties, a roster of {ROSTER} in {:.1} s",
            CASES * PARTIES_PER_CASE,
            t.elapsed().as_secs_f64()
        );

        let suggested = store
            .suggestions(CASES - 5, today)
            .await
            .expect("suggestions");
        assert_eq!(
            suggested.len() as i64,
            ROSTER - 1,
            "all but the one assigned"
        );
        assert!(
            suggested.iter().any(|s| s.open_cases > 0),
            "open cases counted"
        );
        let board = store.board(today, 50).await.expect("board");
        assert_eq!(board.rows.len(), 50);
        assert!(board.rows.windows(2).all(|w| w[0].due_on <= w[1].due_on));
        assert!(board.total_overdue > 4_000, "{}", board.total_overdue);

        let mut results = Vec::new();
        let stats = measure(100, |i| {
            let store = &store;
            async move {
                let case_id = CASES - (i as i64 * 97) % OPEN;
                store
                    .suggestions(case_id, today)
                    .await
                    .expect("suggestions");
            }
        })
        .await;
        results.push(("suggestions + conflict check (500 mediators)", 20.0, stats));
        let stats = measure(200, |_| {
            let store = &store;
            async move {
                store.board(today, 50).await.expect("board");
            }
        })
        .await;
        results.push(("board (50 rows + counts, 10,000 open)", 5.0, stats));

        let mut failed = false;
        for (what, target, s) in &results {
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            let ok = ms(s.median) <= *target;
            failed |= !ok;
            println!(
                "{what:48} median {:7.2} ms  p95 {:7.2} ms  max {:7.2} ms  target {target} ms  {}",
                ms(s.median),
                ms(s.p95),
                ms(s.max),
                if ok { "ok" } else { "OVER" }
            );
        }
        if failed {
            std::process::exit(1);
        }
    });
}
