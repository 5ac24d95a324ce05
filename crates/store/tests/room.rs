//! The room on a real SQLite file: a session survives a restart exactly,
//! every entry is saved at once, and a closed session only takes
//! corrections.

mod common;

use accord_core::{
    AuditAction, CaseStatus, Currency, Disclosure, ItemKind, Money, NewItem, Offer, SessionError,
    StageKind, demo,
};
use accord_store::{Actor, Store, StoreError};
use chrono::Utc;

async fn setup(db: &common::TestDb) -> (Store, Actor, i64, Vec<i64>) {
    let store = db.open().await;
    let user = store
        .create_user(None, "边文玲", accord_core::UserRole::Mediator)
        .await
        .expect("user");
    let actor = Actor::from(&user);
    let case = store
        .create_case(&actor, &demo::water_leak_case().validate().expect("valid"))
        .await
        .expect("case");
    let parties = case.parties.iter().map(|p| p.id).collect();
    (store, actor, case.id, parties)
}

fn note(party: i64, text: &str) -> NewItem {
    NewItem {
        party_id: party,
        kind: Some(ItemKind::Note),
        text: text.into(),
        ..NewItem::default()
    }
}

#[tokio::test]
async fn a_session_with_three_caucus_rounds_reloads_identically() {
    common::on_each_backend(
        "a_session_with_three_caucus_rounds_reloads_identically",
        |db| async move {
            let (store, actor, case_id, parties) = setup(&db).await;
            let (a, b) = (parties[0], parties[2]);
            let mut session = store.open_session(&actor, case_id).await.expect("session");
            assert_eq!(
                store.case(case_id).await.expect("case").status,
                CaseStatus::InMediation
            );
            for p in &parties {
                session.record_consent(*p, Utc::now()).expect("consent");
            }
            session.set_checked("checklist-opening-voluntary", true);
            session = store
                .save_session(&actor, &session, AuditAction::ConsentRecorded)
                .await
                .expect("save");
            session
                .go_to(StageKind::Statements, &parties)
                .expect("statements");
            store
                .record_item(&actor, session.id, &note(a, "楼上漏水三次"))
                .await
                .expect("statement");
            session.go_to(StageKind::Caucus, &[a, b]).expect("caucus");
            session = store
                .save_session(&actor, &session, AuditAction::SessionStage)
                .await
                .expect("save");
            let mut offers = Vec::new();
            for round in 1..=3 {
                for (party, amount) in [(a, 12_000 - round * 1_000), (b, 3_000 + round * 1_500)] {
                    if session.present_party != Some(party) {
                        session.switch_party(party, &[a, b]).expect("switch");
                        session = store
                            .save_session(&actor, &session, AuditAction::PartySwitched)
                            .await
                            .expect("save");
                    }
                    let offer = NewItem {
                        party_id: party,
                        kind: Some(ItemKind::Offer),
                        offer: Some(Offer {
                            amount: Some(Money::major(amount, Currency::Cny)),
                            terms: "一次付清".into(),
                        }),
                        ..NewItem::default()
                    };
                    offers.push(
                        store
                            .record_item(&actor, session.id, &offer)
                            .await
                            .expect("offer"),
                    );
                }
            }
            assert_eq!(session.round, 3);
            assert_eq!(
                offers.iter().map(|o| o.round).collect::<Vec<_>>(),
                vec![1, 1, 2, 2, 3, 3]
            );
            let items_before = store.room_items(session.id).await.expect("items");
            drop(store);

            let store = db.open().await;
            let reloaded = store.session(session.id).await.expect("session");
            assert_eq!(reloaded, session);
            assert_eq!(
                store.room_items(session.id).await.expect("items"),
                items_before
            );
            // Opening the case's session again resumes this one.
            assert_eq!(
                store
                    .open_session(&actor, case_id)
                    .await
                    .expect("resume")
                    .id,
                session.id
            );
            db
        },
    )
    .await;
}

#[tokio::test]
async fn disclosure_moves_from_confidential_to_shared_and_is_audited() {
    common::on_each_backend(
        "disclosure_moves_from_confidential_to_shared_and_is_audited",
        |db| async move {
            let (store, actor, case_id, parties) = setup(&db).await;
            let mut session = store.open_session(&actor, case_id).await.expect("session");
            // Said in the joint opening: everyone heard it.
            let joint = store
                .record_item(&actor, session.id, &note(parties[0], "我家也受了损失"))
                .await
                .expect("item");
            assert!(
                matches!(joint.disclosure, Disclosure::Shared { ref by, .. } if by == "边文玲")
            );
            for p in &parties {
                session.record_consent(*p, Utc::now()).expect("consent");
            }
            session.go_to(StageKind::Caucus, &parties).expect("caucus");
            let session = store
                .save_session(&actor, &session, AuditAction::SessionStage)
                .await
                .expect("save");
            // Said in a caucus: confidential until the party allows otherwise.
            let item = store
                .record_item(&actor, session.id, &note(parties[0], "可以先修管道"))
                .await
                .expect("item");
            assert_eq!(item.disclosure, Disclosure::Confidential);
            assert_eq!(item.round, 1);
            let item = store
                .set_disclosure(&actor, item.id, Disclosure::MayShare)
                .await
                .expect("may share");
            assert_eq!(item.disclosure, Disclosure::MayShare);
            let at = chrono::DateTime::from_timestamp_millis(Utc::now().timestamp_millis())
                .expect("now");
            let item = store
                .set_disclosure(
                    &actor,
                    item.id,
                    Disclosure::Shared {
                        at,
                        by: "边文玲".into(),
                    },
                )
                .await
                .expect("shared");
            assert_eq!(store.room_items(session.id).await.expect("items")[1], item);

            let history = store.case_history(case_id).await.expect("history");
            let changes = history
                .iter()
                .filter(|e| e.action == AuditAction::DisclosureChanged)
                .count();
            assert_eq!(changes, 2);
            assert!(
                history
                    .iter()
                    .any(|e| e.action == AuditAction::ItemRecorded)
            );
            db
        },
    )
    .await;
}

#[tokio::test]
async fn after_closing_only_corrections_are_recorded() {
    common::on_each_backend(
        "after_closing_only_corrections_are_recorded",
        |db| async move {
            let (store, actor, case_id, parties) = setup(&db).await;
            let mut session = store.open_session(&actor, case_id).await.expect("session");
            let item = store
                .record_item(&actor, session.id, &note(parties[0], "赔偿 8000 元"))
                .await
                .expect("item");
            store
                .edit_item(&actor, item.id, "赔偿 8500 元", None)
                .await
                .expect("edit while open");
            session.close(Utc::now()).expect("close");
            store
                .save_session(&actor, &session, AuditAction::SessionClosed)
                .await
                .expect("closed");

            let err = store
                .edit_item(&actor, item.id, "赔偿 9000 元", None)
                .await
                .expect_err("closed");
            assert_eq!(err, StoreError::Session(SessionError::Closed));
            let err = store
                .record_item(&actor, session.id, &note(parties[0], "新内容"))
                .await
                .expect_err("closed");
            assert_eq!(err, StoreError::Session(SessionError::Closed));
            let correction = NewItem {
                corrects: Some(item.id),
                ..note(parties[0], "更正：赔偿 8000 元")
            };
            let fixed = store
                .record_item(&actor, session.id, &correction)
                .await
                .expect("correction");
            assert_eq!(fixed.corrects, Some(item.id));
            let items = store.room_items(session.id).await.expect("items");
            assert_eq!(
                items[0].text, "赔偿 8500 元",
                "the original stays as it was at closing"
            );
            // A new session can start for the same case.
            assert_ne!(
                store
                    .open_session(&actor, case_id)
                    .await
                    .expect("new session")
                    .id,
                session.id
            );
            db
        },
    )
    .await;
}

#[tokio::test]
async fn an_empty_entry_is_refused_with_a_reason() {
    common::on_each_backend("an_empty_entry_is_refused_with_a_reason", |db| async move {
        let (store, actor, case_id, parties) = setup(&db).await;
        let session = store.open_session(&actor, case_id).await.expect("session");
        let err = store
            .record_item(&actor, session.id, &note(parties[0], "  "))
            .await
            .expect_err("empty");
        assert_eq!(
            err,
            StoreError::Invalid(accord_core::ValidationError::ItemEmpty)
        );
        db
    })
    .await;
}
