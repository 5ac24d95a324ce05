//! What the store's benches share: the deterministic generator, the
//! names, a district's cases with their parties, and the timing loop.
#![allow(dead_code)] // each bench uses its own part

use std::time::{Duration, Instant};

use accord_core::{CaseNumber, Choice, PartyRole};
use accord_entity::{case, party, party_name_gram};
use accord_store::{Store, name_grams};
use chrono::{TimeZone, Utc};
use sea_orm::{ActiveValue::Set, EntityTrait, TransactionTrait};

pub const PARTIES_PER_CASE: i64 = 3;

pub const SURNAMES: &str = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段";
pub const GIVEN: &str = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥建国建华志强志明海燕海波春梅秋菊冬梅晓东晓明晓红丽娟丽华文杰文华子轩子涵浩然欣怡梓涵一诺宇航思远雨萱佳怡俊杰玥喆堃昇珺琇镕赟";

/// A tiny deterministic generator, so every run builds the same data.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn pick(&mut self, chars: &[char]) -> char {
        chars[(self.next() % chars.len() as u64) as usize]
    }
}

pub fn name(rng: &mut Lcg, surnames: &[char], given: &[char]) -> String {
    let mut n = String::new();
    n.push(rng.pick(surnames));
    n.push(rng.pick(given));
    // About a third of names have only two characters.
    if !rng.next().is_multiple_of(3) {
        n.push(rng.pick(given));
    }
    n
}

/// `count` cases (ids 1…), each with three parties and their name grams.
pub async fn generate(store: &Store, count: i64) {
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
    while id < count {
        let txn = db.begin().await.expect("begin");
        let (mut cases, mut parties, mut grams) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..batch.min(count - id) {
            id += 1;
            let received = start + chrono::Duration::minutes(id * 25);
            let updated = received + chrono::Duration::minutes((rng.next() % 100_000) as i64);
            let year = year_of(id);
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
        for chunk in cases.chunks(500) {
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

pub struct Stats {
    pub median: Duration,
    pub p95: Duration,
    pub max: Duration,
}

pub async fn measure<F, Fut>(runs: usize, mut f: F) -> Stats
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

/// The year a generated case was received in (its number's year).
pub fn year_of(id: i64) -> i32 {
    2021 + (id * 25 / (60 * 24 * 365)) as i32
}

/// The number of generated case `id`.
pub fn number_of(id: i64) -> CaseNumber {
    CaseNumber::new(year_of(id), id as u32)
}

/// The number of a case generated on PostgreSQL (one every five minutes).
pub fn number_of_5min(id: i64) -> CaseNumber {
    CaseNumber::new(2021 + (id * 5 / (60 * 24 * 365)) as i32, id as u32)
}
