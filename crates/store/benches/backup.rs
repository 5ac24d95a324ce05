//! Backup and restore of a busy centre's database: 100,000 cases, 300,000
//! parties and one audit event per case (chained, so the restore's check
//! walks 100,000 hashes). Generated as `case_list` does. Run with
//! `cargo bench -p accord-store --bench backup` (release mode).
//!
//! Goal: a backup (`VACUUM INTO`, flushed, hashed) and a restore (checksum,
//! integrity check, audit chain, copy, rename) each under 5 s.

mod support;

use std::time::{Duration, Instant};

use accord_core::{CaseNumber, Choice, PartyRole};
use accord_entity::{audit_event, case, party, party_name_gram};
use accord_migration::audit_chain::ChainedEvent;
use accord_store::{Store, name_grams, restore_with};
use chrono::{TimeZone, Utc};
use sea_orm::{ActiveValue::Set, EntityTrait, TransactionTrait};
use support::{GIVEN, Lcg, PARTIES_PER_CASE, SURNAMES, name};

const CASES: i64 = 100_000;
const RUNS: usize = 3;
const GOAL: Duration = Duration::from_secs(5);

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
    let mut prev_hash: Option<String> = None;
    while id < CASES {
        let txn = db.begin().await.expect("begin");
        let (mut cases, mut parties, mut grams, mut events) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for _ in 0..batch.min(CASES - id) {
            id += 1;
            let received = start + chrono::Duration::minutes(id * 25);
            let updated = received + chrono::Duration::minutes((rng.next() % 100_000) as i64);
            let year = 2021 + (id * 25 / (60 * 24 * 365)) as i32;
            let number = CaseNumber::new(year, id as u32).to_string();
            let detail = format!("{{\"number\":\"{number}\"}}");
            let hash = ChainedEvent {
                prev_hash: prev_hash.as_deref(),
                id,
                at_ms: received.timestamp_millis(),
                user_id: None,
                user_name: "边文玲",
                action: "case_created",
                case_id: Some(id),
                detail: &detail,
            }
            .hash();
            events.push(audit_event::ActiveModel {
                id: Set(id),
                at: Set(received),
                user_id: Set(None),
                user_name: Set("边文玲".to_owned()),
                action: Set("case_created".to_owned()),
                case_id: Set(Some(id)),
                detail: Set(detail),
                prev_hash: Set(prev_hash.replace(hash.clone())),
                hash: Set(hash),
            });
            cases.push(case::ActiveModel {
                id: Set(id),
                number: Set(number),
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
                    address: Set(Some("青山区和平路12号3单元502室".to_owned())),
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
        for chunk in events.chunks(2_000) {
            audit_event::Entity::insert_many(chunk.to_vec())
                .exec(&txn)
                .await
                .expect("events");
        }
        txn.commit().await.expect("commit");
    }
}

fn report(name: &str, times: &mut [Duration]) {
    times.sort();
    let median = times[times.len() / 2];
    let verdict = if median <= GOAL { "ok" } else { "OVER GOAL" };
    let all: Vec<String> = times
        .iter()
        .map(|t| format!("{:.2}", t.as_secs_f64()))
        .collect();
    println!(
        "{name:<44} median {:>6.2} s   runs [{}] s   goal {} s  {verdict}",
        median.as_secs_f64(),
        all.join(", "),
        GOAL.as_secs()
    );
}

fn megabytes(path: &std::path::Path) -> f64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) as f64 / (1024.0 * 1024.0)
}

/// Backs `store` (the file at `path`) up three times, checks each backup
/// and restores each over a copy of the file; `key` for an encrypted one.
async fn runs(
    store: &Store,
    path: &std::path::Path,
    dir: &std::path::Path,
    key: Option<&accord_store::DbKey>,
) {
    // Everything the runs write goes here and is removed at the end.
    let work = tempfile::tempdir_in(dir).expect("work dir");
    let mut backups = Vec::new();
    let mut times = Vec::new();
    for run in 0..RUNS {
        let out = work.path().join(format!("b{run}.sqlite3"));
        let t = Instant::now();
        let file = store.backup_to(&out).await.expect("backup");
        times.push(t.elapsed());
        assert!(file.bytes > 0);
        backups.push(out);
    }
    println!(
        "backup file: {:.1} MB",
        megabytes(backups.first().expect("a backup"))
    );
    report("backup (VACUUM INTO, fsync, SHA-256)", &mut times);

    let mut times = Vec::new();
    for backup in &backups {
        let t = Instant::now();
        let summary = Store::check_backup_with(backup, key).await.expect("sound");
        times.push(t.elapsed());
        assert_eq!(summary.cases, CASES as u64);
        assert!(summary.events >= CASES as u64);
    }
    report("check (checksum, integrity, chain)", &mut times);

    // The database a restore replaces: a copy of the bench file.
    let target = work.path().join("accord.sqlite3");
    std::fs::copy(path, &target).expect("target");
    let keys = accord_store::keys_path(path);
    if keys.exists() {
        std::fs::copy(&keys, accord_store::keys_path(&target)).expect("keys");
    }
    let mut times = Vec::new();
    for backup in &backups {
        let t = Instant::now();
        let restored = restore_with(backup, &target, key).await.expect("restore");
        times.push(t.elapsed());
        let aside = restored.replaced.expect("replaced");
        std::fs::remove_file(&aside).expect("remove the file aside");
        let _ = std::fs::remove_file(accord_store::keys_path(&aside));
    }
    report("restore (check, copy, move aside, rename)", &mut times);
    let restored = Store::open_read_only_with(&target, key)
        .await
        .expect("open");
    assert_eq!(restored.count_cases().await.expect("count"), CASES as u64);
    restored.close().await;
    drop(work);
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
        let path = dir.join(format!("backup-{CASES}.sqlite3"));
        let fresh = !path.exists();
        let store = Store::open(&path.display().to_string())
            .await
            .expect("open");
        if fresh {
            let t = Instant::now();
            generate(&store).await;
            println!(
                "generated {CASES} cases, {} parties and {CASES} chained audit events in {:.1} s",
                CASES * PARTIES_PER_CASE,
                t.elapsed().as_secs_f64()
            );
        }
        let count = store.count_cases().await.expect("count");
        assert_eq!(
            count,
            CASES as u64,
            "stale bench database; delete {}",
            path.display()
        );
        println!(
            "database: {} ({count} cases, {:.1} MB)",
            path.display(),
            megabytes(&path)
        );

        runs(&store, &path, &dir, None).await;

        // The same database encrypted (SQLCipher), as the app keeps it: a
        // copy with an account, encrypted in place, opened with its password.
        store.close().await;
        let encrypted_dir = dir.join("encrypted-backup");
        let _ = std::fs::remove_dir_all(&encrypted_dir);
        std::fs::create_dir_all(&encrypted_dir).expect("dir");
        let encrypted = encrypted_dir.join("accord.sqlite3");
        std::fs::copy(&path, &encrypted).expect("copy");
        {
            let copy = Store::open(&encrypted.display().to_string())
                .await
                .expect("open");
            copy.create_account(
                None,
                &accord_store::NewAccount {
                    login: "admin".into(),
                    name: "管理员".into(),
                    role: accord_core::UserRole::Administrator,
                    password: "bench password".into(),
                },
            )
            .await
            .expect("account");
            copy.close().await;
        }
        assert!(Store::encrypt_file(&encrypted).await.expect("encrypt"));
        let (store, _) = Store::unlock(
            &encrypted,
            accord_store::Who::Login("admin"),
            "bench password",
        )
        .await
        .expect("unlock");
        println!("\nencrypted (SQLCipher 4):");
        runs(
            &store,
            &encrypted,
            &encrypted_dir,
            store.database_key().as_ref(),
        )
        .await;
        store.close().await;
        let _ = std::fs::remove_dir_all(&encrypted_dir);
    });
}
