//! The audit log is a hash chain: after real actions it verifies; an event
//! changed, deleted or inserted behind the program's back (raw SQL) is
//! found at the right event and named for what it looks like; two rooms
//! writing at once leave one line; events from before the chain are
//! chained by its migration.

mod common;

use accord_core::{CaseStatus, demo};
use accord_migration::audit_chain::ChainedEvent;
use accord_store::{Actor, BreakKind, ChainBreak, ChainReport, Store};
use sea_orm::{ConnectionTrait, Statement};

/// Some real changes: the example case, two more cases, status steps.
async fn act(store: &Store) {
    let me = Actor::system();
    let (case, _) = store.load_demo(&me).await.expect("demo");
    let valid = demo::water_leak_case().validate().expect("valid");
    let second = store.create_case(&me, &valid).await.expect("case");
    store.create_case(&me, &valid).await.expect("case");
    let second = store
        .change_status(&me, second.id, second.version, CaseStatus::Assigned)
        .await
        .expect("assigned");
    store
        .change_status(&me, second.id, second.version, CaseStatus::InMediation)
        .await
        .expect("in mediation");
    let case = store.case(case.id).await.expect("case");
    store
        .change_status(&me, case.id, case.version, CaseStatus::Assigned)
        .await
        .expect("assigned");
}

async fn sql(store: &Store, statement: &str) {
    store
        .connection()
        .execute_unprepared(statement)
        .await
        .unwrap_or_else(|e| panic!("{statement}: {e}"));
}

/// (id, prev_hash, hash) of every event, in id order.
async fn links(store: &Store) -> Vec<(i64, Option<String>, String)> {
    let db = store.connection();
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        "SELECT id, prev_hash, hash FROM audit_events ORDER BY id",
    ))
    .await
    .expect("events")
    .iter()
    .map(|r| {
        (
            r.try_get("", "id").expect("id"),
            r.try_get("", "prev_hash").expect("prev_hash"),
            r.try_get("", "hash").expect("hash"),
        )
    })
    .collect()
}

async fn verify(store: &Store) -> ChainReport {
    store.verify_audit_chain().await.expect("verify")
}

fn broken(report: ChainReport) -> ChainBreak {
    match report {
        ChainReport::Broken(at) => at,
        intact => panic!("expected a break, got {intact:?}"),
    }
}

/// Leaves the next id unused, as a write rolled back on PostgreSQL does.
async fn skip_an_id(store: &Store) {
    if store.backend() == "postgres" {
        sql(
            store,
            "SELECT setval(pg_get_serial_sequence('audit_events', 'id'), \
             (SELECT max(id) FROM audit_events) + 1)",
        )
        .await;
    } else {
        sql(
            store,
            "UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = 'audit_events'",
        )
        .await;
    }
}

const FORGED_AT: &str = "2025-03-01T09:00:00.000+00:00";

async fn insert_forged(store: &Store, id: i64, prev_hash: &str, hash: &str) {
    sql(
        store,
        &format!(
            "INSERT INTO audit_events \
             (id, at, user_id, user_name, action, case_id, detail, prev_hash, hash) \
             VALUES ({id}, '{FORGED_AT}', NULL, 'accord', 'case_status', 1, \
             '{{\"from\":\"assigned\",\"to\":\"closed\"}}', '{prev_hash}', '{hash}')"
        ),
    )
    .await;
}

#[tokio::test]
async fn real_actions_leave_a_chain_that_verifies() {
    common::on_each_backend("chain_verifies", |db| async move {
        let store = db.open().await;
        assert_eq!(
            verify(&store).await,
            ChainReport::Intact {
                events: 0,
                head: None
            }
        );
        act(&store).await;
        let links = links(&store).await;
        assert!(links.len() >= 6, "{links:?}");
        assert_eq!(links[0].1, None, "the first event follows nothing");
        for pair in links.windows(2) {
            assert_eq!(pair[1].1.as_deref(), Some(pair[0].2.as_str()), "{pair:?}");
        }
        assert!(
            links
                .iter()
                .all(|(_, _, h)| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
        );
        assert_eq!(
            verify(&store).await,
            ChainReport::Intact {
                events: links.len() as u64,
                head: links.last().map(|l| l.2.clone()),
            }
        );
        // Reopened (as the next start does): still the same chain.
        drop(store);
        let store = db.open().await;
        assert!(matches!(
            verify(&store).await,
            ChainReport::Intact { events, .. } if events == links.len() as u64
        ));
        db
    })
    .await;
}

#[tokio::test]
async fn an_edited_event_is_found_as_changed_at_that_event() {
    common::on_each_backend("chain_changed", |db| async move {
        let store = db.open().await;
        act(&store).await;
        let links = links(&store).await;
        let (id, _, _) = links[2];
        let conn = store.connection();
        let original: String = conn
            .query_one_raw(Statement::from_string(
                conn.get_database_backend(),
                format!("SELECT detail FROM audit_events WHERE id = {id}"),
            ))
            .await
            .expect("read")
            .expect("row")
            .try_get("", "detail")
            .expect("detail");
        sql(
            &store,
            &format!("UPDATE audit_events SET detail = '{{\"to\":\"closed\"}}' WHERE id = {id}"),
        )
        .await;
        let at = broken(verify(&store).await);
        assert_eq!(
            (at.id, at.kind, at.intact_before),
            (id, BreakKind::Changed, 2)
        );

        // Put back byte for byte, it verifies again.
        sql(
            &store,
            &format!(
                "UPDATE audit_events SET detail = '{}' WHERE id = {id}",
                original.replace('\'', "''")
            ),
        )
        .await;
        assert!(matches!(verify(&store).await, ChainReport::Intact { .. }));

        // The newest event's time moved by a second, or its author
        // changed: changed (nothing comes after it to tell more).
        let (last, _, _) = *links.last().expect("events");
        let moved = if store.backend() == "postgres" {
            format!("UPDATE audit_events SET at = at + interval '1 second' WHERE id = {last}")
        } else {
            format!(
                "UPDATE audit_events SET at = '2020-01-01T00:00:00.000+00:00' WHERE id = {last}"
            )
        };
        sql(&store, &moved).await;
        let at = broken(verify(&store).await);
        assert_eq!((at.id, at.kind), (last, BreakKind::Changed));
        db
    })
    .await;
}

#[tokio::test]
async fn an_event_changed_with_its_hash_recomputed_breaks_the_next_link() {
    common::on_each_backend("chain_rehashed", |db| async move {
        let store = db.open().await;
        act(&store).await;
        let links = links(&store).await;
        let (id, prev, _) = links[3].clone();
        // Rewritten by someone who knows the hash function: the event
        // itself fits, the next one no longer links to it.
        let detail = "{\"from\":\"received\",\"to\":\"closed\"}";
        let hash = ChainedEvent {
            prev_hash: prev.as_deref(),
            id,
            at_ms: 1_740_819_600_000,
            user_id: None,
            user_name: "accord",
            action: "case_status",
            case_id: Some(1),
            detail,
        }
        .hash();
        sql(
            &store,
            &format!(
                "UPDATE audit_events SET at = '{FORGED_AT}', user_id = NULL, \
                 user_name = 'accord', action = 'case_status', case_id = 1, \
                 detail = '{detail}', hash = '{hash}' WHERE id = {id}"
            ),
        )
        .await;
        let at = broken(verify(&store).await);
        assert_eq!(
            (at.id, at.kind, at.intact_before),
            (links[4].0, BreakKind::Deleted, 4),
            "the event after it is chained to an event that is not there"
        );
        db
    })
    .await;
}

#[tokio::test]
async fn a_deleted_event_is_found_at_the_one_after_it() {
    common::on_each_backend("chain_deleted", |db| async move {
        let store = db.open().await;
        act(&store).await;
        let links = links(&store).await;
        sql(
            &store,
            &format!("DELETE FROM audit_events WHERE id = {}", links[3].0),
        )
        .await;
        let at = broken(verify(&store).await);
        assert_eq!(
            (at.id, at.kind, at.intact_before),
            (links[4].0, BreakKind::Deleted, 3)
        );

        // The first event deleted: the new first one follows something.
        sql(
            &store,
            &format!("DELETE FROM audit_events WHERE id = {}", links[0].0),
        )
        .await;
        let at = broken(verify(&store).await);
        assert_eq!(
            (at.id, at.kind, at.intact_before),
            (links[1].0, BreakKind::Deleted, 0)
        );
        db
    })
    .await;
}

#[tokio::test]
async fn a_forged_event_inserted_in_the_middle_is_found() {
    common::on_each_backend("chain_inserted", |db| async move {
        let store = db.open().await;
        act(&store).await;
        let me = Actor::system();
        // A free id in the middle (ids a rolled-back write used up).
        skip_an_id(&store).await;
        let valid = demo::water_leak_case().validate().expect("valid");
        store.create_case(&me, &valid).await.expect("case");
        store.create_case(&me, &valid).await.expect("case");
        let links = links(&store).await;
        let gap = links
            .windows(2)
            .position(|w| w[1].0 > w[0].0 + 1)
            .expect("a free id");
        let (before, _, before_hash) = links[gap].clone();
        let next = links[gap + 1].0;
        assert!(matches!(verify(&store).await, ChainReport::Intact { .. }));

        // Made-up hash, chained to the event before it: inserted.
        let forged = before + 1;
        insert_forged(&store, forged, &before_hash, &"ab".repeat(32)).await;
        let at = broken(verify(&store).await);
        assert_eq!(
            (at.id, at.kind, at.intact_before),
            (forged, BreakKind::Inserted, gap as u64 + 1)
        );
        assert_eq!(at.action, "case_status");
        assert_eq!(at.at.to_rfc3339(), "2025-03-01T09:00:00+00:00");

        // Made-up link too: still inserted.
        sql(
            &store,
            &format!(
                "UPDATE audit_events SET prev_hash = '{}' WHERE id = {forged}",
                "cd".repeat(32)
            ),
        )
        .await;
        let at = broken(verify(&store).await);
        assert_eq!((at.id, at.kind), (forged, BreakKind::Inserted));

        // A forger who knows the hash function: the event fits, the next
        // genuine one is chained past it.
        let hash = ChainedEvent {
            prev_hash: Some(&before_hash),
            id: forged,
            at_ms: 1_740_819_600_000,
            user_id: None,
            user_name: "accord",
            action: "case_status",
            case_id: Some(1),
            detail: "{\"from\":\"assigned\",\"to\":\"closed\"}",
        }
        .hash();
        sql(
            &store,
            &format!(
                "UPDATE audit_events SET prev_hash = '{before_hash}', hash = '{hash}' \
                 WHERE id = {forged}"
            ),
        )
        .await;
        let at = broken(verify(&store).await);
        assert_eq!(
            (at.id, at.kind, at.intact_before),
            (forged, BreakKind::Inserted, gap as u64 + 1),
            "named at the forged event, found at {next}"
        );

        // Taken out again: intact.
        sql(
            &store,
            &format!("DELETE FROM audit_events WHERE id = {forged}"),
        )
        .await;
        assert!(matches!(verify(&store).await, ChainReport::Intact { .. }));
        db
    })
    .await;
}

#[tokio::test]
async fn two_rooms_writing_at_once_leave_one_line() {
    common::on_each_backend("chain_two_rooms", |db| async move {
        let room_a = db.open().await.as_device("room-a");
        let room_b = db.open().await.as_device("room-b");
        let me = Actor::system();
        let valid = demo::water_leak_case().validate().expect("valid");
        // Twelve cases, then three writers in each room taking two of
        // them each through five steps: sixty changes at once.
        let mut cases = Vec::new();
        for _ in 0..12 {
            cases.push(room_a.create_case(&me, &valid).await.expect("case"));
        }
        let writer = |store: Store, mine: Vec<accord_core::Case>| {
            let me = me.clone();
            async move {
                use CaseStatus::*;
                for case in mine {
                    let mut version = case.version;
                    for next in [Assigned, InMediation, NotSettled, Referred, Closed] {
                        version = store
                            .change_status(&me, case.id, version, next)
                            .await
                            .expect("status")
                            .version;
                    }
                }
            }
        };
        let mut pairs = cases.chunks(2).map(<[_]>::to_vec);
        let mut next = || pairs.next().expect("two cases");
        tokio::join!(
            writer(room_a.clone(), next()),
            writer(room_a.clone(), next()),
            writer(room_a.clone(), next()),
            writer(room_b.clone(), next()),
            writer(room_b.clone(), next()),
            writer(room_b.clone(), next()),
        );
        let links = links(&room_a).await;
        assert_eq!(links.len(), 72);
        let mut followed: Vec<_> = links.iter().map(|l| l.1.clone()).collect();
        followed.sort();
        followed.dedup();
        assert_eq!(followed.len(), 72, "no two events follow the same one");
        for report in [verify(&room_a).await, verify(&room_b).await] {
            assert_eq!(
                report,
                ChainReport::Intact {
                    events: 72,
                    head: links.last().map(|l| l.2.clone()),
                }
            );
        }
        db
    })
    .await;
}

#[tokio::test]
async fn events_from_before_the_chain_are_chained_by_its_migration() {
    common::on_each_backend("chain_migration", |db| async move {
        let url = if db.backend == "sqlite" {
            accord_store::sqlite_url(std::path::Path::new(&db.url))
        } else {
            db.url.clone()
        };
        let conn = sea_orm::Database::connect(&url).await.expect("connect");
        // The schema as it was before the chain: up to the amendments.
        accord_migration::migrate_with::<accord_migration::Migrator>(&conn, Some(9))
            .await
            .expect("migrate");
        for (at, action, detail) in [
            (
                "2025-01-02T03:04:05.123+00:00",
                "user_created",
                "{\"name\":\"甲\"}",
            ),
            ("2025-01-02T03:04:06.000+00:00", "case_created", "{}"),
            ("2025-01-02T03:04:07.999+00:00", "case_status", "{'a':'b'}"),
        ] {
            conn.execute_unprepared(&format!(
                "INSERT INTO audit_events (at, user_id, user_name, action, case_id, detail) \
                 VALUES ('{at}', NULL, '老 accord', '{action}', NULL, '{}')",
                detail.replace('\'', "''")
            ))
            .await
            .expect("an event from before");
        }
        conn.close().await.expect("close");

        let store = db.open().await;
        let before = links(&store).await;
        assert_eq!(before.len(), 3);
        assert!(matches!(
            verify(&store).await,
            ChainReport::Intact { events: 3, .. }
        ));
        // New events go on from there.
        store
            .create_case(
                &Actor::system(),
                &demo::water_leak_case().validate().expect("valid"),
            )
            .await
            .expect("case");
        let after = links(&store).await;
        assert_eq!(after[3].1.as_deref(), Some(before[2].2.as_str()));
        assert!(matches!(
            verify(&store).await,
            ChainReport::Intact { events: 4, .. }
        ));
        db
    })
    .await;
}
