//! Two rooms on one database (two app instances, each with its own pool):
//! what one saves the other reads, a stale edit is refused instead of
//! silently overwriting, each computer keeps its own preferences, and an
//! email is sent by one room only.

mod common;

use accord_core::{CaseStatus, UserRole, agreement::AgreementStatus, demo};
use accord_store::{Actor, CaseQuery, StoreError};

#[tokio::test]
async fn two_rooms_share_cases_and_never_overwrite_each_other() {
    common::on_each_backend("two_rooms_share", |db| async move {
        let room_a = db.open().await.as_device("room-a");
        let room_b = db.open().await.as_device("room-b");
        let mediator = Actor::from(
            &room_a
                .create_user(None, "边文玲", UserRole::Mediator)
                .await
                .expect("user"),
        );

        // A case taken in room A is in room B's list.
        assert_eq!(
            room_b
                .list_cases(&CaseQuery::default())
                .await
                .expect("list")
                .total,
            0
        );
        let case = room_a
            .create_case(
                &mediator,
                &demo::water_leak_case().validate().expect("valid"),
            )
            .await
            .expect("case");
        let seen_in_b = room_b
            .list_cases(&CaseQuery::default())
            .await
            .expect("list");
        assert_eq!(seen_in_b.total, 1);
        assert_eq!(seen_in_b.rows[0].number, "2025-0001");
        // Both rooms take a case at once: two different numbers.
        let valid = demo::water_leak_case().validate().expect("valid");
        let (x, y) = tokio::join!(
            room_a.create_case(&mediator, &valid),
            room_b.create_case(&mediator, &valid)
        );
        let mut numbers = vec![
            x.expect("a").number.to_string(),
            y.expect("b").number.to_string(),
        ];
        numbers.sort();
        assert_eq!(numbers, ["2025-0002", "2025-0003"]);

        // Both rooms read the case at version 1; A moves it first.
        let in_b = room_b.case(case.id).await.expect("case");
        room_a
            .change_status(&mediator, case.id, case.version, CaseStatus::Assigned)
            .await
            .expect("A");
        let err = room_b
            .change_status(&mediator, in_b.id, in_b.version, CaseStatus::Referred)
            .await
            .expect_err("B holds a stale version");
        assert_eq!(err, StoreError::Conflict);
        assert_eq!(
            room_b.case(case.id).await.expect("case").status,
            CaseStatus::Assigned
        );

        // The agreement: both editors show version 1.
        let content = demo::water_leak_agreement(&case);
        room_a
            .save_agreement_over(&mediator, case.id, &content, None)
            .await
            .expect("first draft");
        let err = room_b
            .save_agreement_over(&mediator, case.id, &content, None)
            .await
            .expect_err("B's editor did not show A's draft");
        assert_eq!(err, StoreError::Conflict);
        let mut edited = content.clone();
        edited.facts.push_str("（A 补充）");
        room_a
            .save_agreement_over(&mediator, case.id, &edited, Some(1))
            .await
            .expect("A saves version 2");
        let err = room_b
            .save_agreement_over(&mediator, case.id, &content, Some(1))
            .await
            .expect_err("B would overwrite A's version 2");
        assert_eq!(err, StoreError::Conflict);
        let record = room_b
            .agreement(case.id)
            .await
            .expect("q")
            .expect("agreement");
        assert_eq!(record.versions.len(), 2);
        assert_eq!(record.current().map(|v| &v.content), Some(&edited));
        // Submitting and approving name the version that was read.
        room_a
            .review_agreement_of(&mediator, case.id, 2, AgreementStatus::InReview, None)
            .await
            .expect("submit v2");
        let err = room_b
            .review_agreement_of(&mediator, case.id, 1, AgreementStatus::Approved, None)
            .await
            .expect_err("approving a text the reviewer did not read");
        assert_eq!(err, StoreError::Conflict);
        assert_eq!(
            room_a
                .agreement(case.id)
                .await
                .expect("q")
                .expect("a")
                .status,
            AgreementStatus::InReview
        );

        // Preferences: each computer its own on a shared server; one file
        // is one laptop.
        room_a
            .set_local_setting("locale", "en-US")
            .await
            .expect("set");
        room_b
            .set_local_setting("locale", "zh-CN")
            .await
            .expect("set");
        let a = room_a.local_setting("locale").await.expect("get");
        let b = room_b.local_setting("locale").await.expect("get");
        if db.backend == "postgres" {
            assert_eq!((a.as_deref(), b.as_deref()), (Some("en-US"), Some("zh-CN")));
        } else {
            assert_eq!(a, b);
        }

        // A queued email is claimed by one room only.
        room_a
            .queue_emails(&[common::agreement_email(case.id, None)])
            .await
            .expect("queued");
        let lease = chrono::Duration::minutes(15);
        let now = chrono::Utc::now();
        let (a, b) = tokio::join!(
            room_a.claim_sendable(now, 10, lease),
            room_b.claim_sendable(now, 10, lease)
        );
        assert_eq!(
            a.expect("a").len() + b.expect("b").len(),
            1,
            "exactly one room sends it"
        );
        // Nobody reported back: after the lease it is due again.
        let later = room_b
            .claim_sendable(now + lease + chrono::Duration::seconds(1), 10, lease)
            .await
            .expect("later");
        assert_eq!(later.len(), 1);
        db
    })
    .await;
}

#[tokio::test]
async fn two_rooms_queueing_the_same_reminders_at_once_queue_each_once() {
    common::on_each_backend("two_rooms_queue_once", |db| async move {
        let room_a = db.open().await.as_device("room-a");
        let room_b = db.open().await.as_device("room-b");
        let reminders: Vec<accord_store::NewEmail> = (1..=20)
            .map(|follow_up| accord_store::NewEmail {
                case_id: None,
                follow_up_id: Some(follow_up),
                purpose: "reminder".into(),
                to_name: "王建国".into(),
                to_address: "wang@example.org".into(),
                subject: format!("履行提醒 {follow_up}"),
                body: "请按期支付。".into(),
                attachment: None,
                not_before: chrono::Utc::now(),
            })
            .collect();
        for round in 0..3 {
            let (a, b) = tokio::join!(
                room_a.queue_emails(&reminders),
                room_b.queue_emails(&reminders)
            );
            let queued = a.expect("room a") + b.expect("room b");
            assert_eq!(
                queued,
                if round == 0 { 20 } else { 0 },
                "round {round}: each reminder queued once between the two rooms"
            );
        }
        let outbox = room_a.outbox(100).await.expect("outbox");
        assert_eq!(outbox.len(), 20);
        let mut follow_ups: Vec<String> = outbox.iter().map(|m| m.subject.clone()).collect();
        follow_ups.sort();
        follow_ups.dedup();
        assert_eq!(follow_ups.len(), 20, "one message per follow-up");
        db
    })
    .await;
}

/// Rooms switched on together on an empty database: the schema is made
/// once (migrations wait for one another) and every room opens it.
#[tokio::test]
async fn five_rooms_starting_at_once_on_an_empty_database_all_open_it() {
    common::on_each_backend("five_rooms_start", |db| async move {
        let opened = futures_join_five(&db.url).await;
        for (i, store) in opened.into_iter().enumerate() {
            let store = store.unwrap_or_else(|e| panic!("room {i}: {e}"));
            assert_eq!(store.count_cases().await.expect("read"), 0, "room {i}");
        }
        db
    })
    .await;
}

/// Five rooms opening the database at the same moment.
async fn futures_join_five(
    url: &str,
) -> Vec<Result<accord_store::Store, accord_store::StoreError>> {
    let (a, b, c, d, e) = tokio::join!(
        accord_store::Store::open(url),
        accord_store::Store::open(url),
        accord_store::Store::open(url),
        accord_store::Store::open(url),
        accord_store::Store::open(url),
    );
    vec![a, b, c, d, e]
}

/// Takes `n` cases in, one after another, in `room`.
async fn take_cases(
    room: &accord_store::Store,
    who: &Actor,
    case: &accord_core::ValidCase,
    n: usize,
) {
    for _ in 0..n {
        room.create_case(who, case).await.expect("case");
    }
}

/// Three rooms taking cases in at the same moment: the case list's total
/// (on PostgreSQL a counter the inserts move, not a count of the rows) is
/// the number of cases there are, as a filtered list counts them.
#[tokio::test]
async fn rooms_taking_cases_at_once_keep_the_lists_total_right() {
    common::on_each_backend("rooms_count_cases", |db| async move {
        let rooms = [
            db.open().await.as_device("room-a"),
            db.open().await.as_device("room-b"),
            db.open().await.as_device("room-c"),
        ];
        let mediator = Actor::from(
            &rooms[0]
                .create_user(None, "边文玲", UserRole::Mediator)
                .await
                .expect("user"),
        );
        let valid = demo::water_leak_case().validate().expect("valid");
        tokio::join!(
            take_cases(&rooms[0], &mediator, &valid, 8),
            take_cases(&rooms[1], &mediator, &valid, 8),
            take_cases(&rooms[2], &mediator, &valid, 8),
        );
        let status = rooms[2]
            .list_cases(&CaseQuery::default())
            .await
            .expect("list")
            .rows[0]
            .status;
        for room in &rooms {
            let all = room.list_cases(&CaseQuery::default()).await.expect("list");
            let counted = room
                .list_cases(&CaseQuery {
                    status: Some(status),
                    ..CaseQuery::default()
                })
                .await
                .expect("list");
            assert_eq!((all.total, counted.total), (24, 24));
            assert_eq!(room.count_cases().await.expect("count"), 24);
        }
        db
    })
    .await;
}
