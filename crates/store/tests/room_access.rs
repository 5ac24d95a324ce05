//! The room of a case is its mediator's, on every back end: a mediator who
//! takes a case in mediates it; only they (and the program) open its room,
//! record, edit, share and read what was said there; another mediator, a
//! legal advisor and an administrator are refused every one of those, and
//! a refused write changes nothing. A case taken in by someone else is
//! taken by the first mediator who opens its room. What was conveyed to
//! both sides is readable by anyone (the agreement's draft starts there).

mod common;

use accord_core::{AuditAction, Disclosure, ItemKind, NewItem, StageKind, UserRole, demo};
use accord_store::{Actor, NewAccount, Store, StoreError};
use chrono::Utc;

const PASSWORD: &str = "房间测试的密码123";

async fn account(store: &Store, by: Option<&Actor>, login: &str, role: UserRole) -> Actor {
    let user = store
        .create_account(
            by,
            &NewAccount {
                login: login.into(),
                name: login.into(),
                role,
                password: PASSWORD.into(),
            },
        )
        .await
        .expect("account");
    Actor::from(&user)
}

async fn rows(store: &Store, table: &str) -> i64 {
    use sea_orm::ConnectionTrait;
    let db = store.connection();
    db.query_one_raw(sea_orm::Statement::from_string(
        db.get_database_backend(),
        format!("SELECT count(*) FROM {table}"),
    ))
    .await
    .expect("count")
    .expect("row")
    .try_get_by_index::<i64>(0)
    .expect("n")
}

#[tokio::test]
async fn only_the_cases_mediator_works_in_its_room_and_reads_what_was_said() {
    common::on_each_backend("room_access", |db| async move {
        let store = db.open().await;
        let admin = account(&store, None, "admin", UserRole::Administrator).await;
        let mine = account(&store, Some(&admin), "bian", UserRole::Mediator).await;
        let other = account(&store, Some(&admin), "wang", UserRole::Mediator).await;
        let advisor = account(&store, Some(&admin), "zhou", UserRole::LegalAdvisor).await;

        // Taken in by a mediator: theirs.
        let case = store
            .create_case(&mine, &demo::water_leak_case().validate().expect("valid"))
            .await
            .expect("case");
        let parties: Vec<i64> = case.parties.iter().map(|p| p.id).collect();
        for outsider in [&other, &advisor, &admin] {
            assert_eq!(
                store.open_session(outsider, case.id).await.err(),
                Some(StoreError::NotAllowed),
                "{} opens the room",
                outsider.name
            );
        }
        let mut session = store.open_session(&mine, case.id).await.expect("mine");
        for p in &parties {
            session.record_consent(*p, Utc::now()).expect("consent");
        }
        session.go_to(StageKind::Caucus, &parties).expect("caucus");
        if session.present_party != Some(parties[0]) {
            session.switch_party(parties[0], &parties).expect("switch");
        }
        let session = store
            .save_session(&mine, &session, AuditAction::SessionStage)
            .await
            .expect("save");
        let said = |text: &str| NewItem {
            party_id: parties[0],
            kind: Some(ItemKind::Statement),
            text: text.into(),
            ..NewItem::default()
        };
        let secret = store
            .record_item(&mine, session.id, &said("只跟调解员说：其实可以让到八千"))
            .await
            .expect("recorded");
        let conveyed = store
            .record_item(&mine, session.id, &said("同意先修好管道"))
            .await
            .expect("recorded");
        store
            .set_disclosure(&mine, conveyed.id, Disclosure::MayShare)
            .await
            .expect("may share");
        store
            .set_disclosure(
                &mine,
                conveyed.id,
                Disclosure::Shared {
                    at: Utc::now(),
                    by: "bian".into(),
                },
            )
            .await
            .expect("shared");
        store
            .edit_item(&mine, secret.id, "只跟调解员说：其实可以让到七千", None)
            .await
            .expect("edited");

        let (items, events) = (
            rows(&store, "room_items").await,
            rows(&store, "audit_events").await,
        );
        for outsider in [&other, &advisor, &admin] {
            let who = &outsider.name;
            assert_eq!(
                store.room_items(outsider, session.id).await.err(),
                Some(StoreError::NotAllowed),
                "{who} reads the room"
            );
            assert_eq!(
                store.item_versions(outsider, secret.id).await.err(),
                Some(StoreError::NotAllowed),
                "{who} reads an earlier wording"
            );
            assert_eq!(
                store
                    .record_item(outsider, session.id, &said("替他记一句"))
                    .await
                    .err(),
                Some(StoreError::NotAllowed),
                "{who} records"
            );
            assert_eq!(
                store
                    .edit_item(outsider, secret.id, "改一下", None)
                    .await
                    .err(),
                Some(StoreError::NotAllowed),
                "{who} edits"
            );
            assert_eq!(
                store
                    .set_disclosure(outsider, secret.id, Disclosure::MayShare)
                    .await
                    .err(),
                Some(StoreError::NotAllowed),
                "{who} shares"
            );
            assert_eq!(
                store
                    .save_session(outsider, &session, AuditAction::SessionStage)
                    .await
                    .err(),
                Some(StoreError::NotAllowed),
                "{who} moves the session"
            );
            // What was conveyed to both sides is theirs to read.
            let shared = store.shared_room_items(session.id).await.expect("shared");
            assert_eq!(
                shared.iter().map(|i| i.id).collect::<Vec<_>>(),
                vec![conveyed.id]
            );
        }
        assert_eq!(rows(&store, "room_items").await, items, "nothing recorded");
        assert_eq!(rows(&store, "audit_events").await, events, "no event");

        // The mediator reads everything, the earlier wording too.
        let all = store.room_items(&mine, session.id).await.expect("mine");
        assert_eq!(all.len(), 2);
        assert_eq!(
            store
                .item_versions(&mine, secret.id)
                .await
                .expect("versions")
                .len(),
            1
        );
        // The program (the command line without accounts, tests) too.
        assert_eq!(
            store
                .room_items(&Actor::system(), session.id)
                .await
                .expect("program")
                .len(),
            2
        );

        // A case taken in by the administrator: the first mediator to open
        // its room takes it; then it is theirs alone.
        let second = store
            .create_case(&admin, &demo::water_leak_case().validate().expect("valid"))
            .await
            .expect("case");
        assert_eq!(
            store.open_session(&advisor, second.id).await.err(),
            Some(StoreError::NotAllowed)
        );
        store.open_session(&other, second.id).await.expect("taken");
        assert_eq!(
            store.open_session(&mine, second.id).await.err(),
            Some(StoreError::NotAllowed),
            "taken by the other mediator"
        );
        store
            .open_session(&other, second.id)
            .await
            .expect("still theirs");
        db
    })
    .await;
}

#[tokio::test]
async fn a_mediator_changes_only_the_cases_they_mediate() {
    common::on_each_backend("case_work", |db| async move {
        let store = db.open().await;
        let admin = account(&store, None, "admin", UserRole::Administrator).await;
        let mine = account(&store, Some(&admin), "bian", UserRole::Mediator).await;
        let other = account(&store, Some(&admin), "wang", UserRole::Mediator).await;
        let advisor = account(&store, Some(&admin), "zhou", UserRole::LegalAdvisor).await;
        let case = store
            .create_case(&mine, &demo::water_leak_case().validate().expect("valid"))
            .await
            .expect("case");
        let content = demo::water_leak_agreement(&case);
        let events = rows(&store, "audit_events").await;
        assert_eq!(
            store.save_agreement(&other, case.id, &content).await.err(),
            Some(StoreError::NotAllowed),
            "another mediator drafts"
        );
        assert_eq!(
            store
                .change_status(
                    &other,
                    case.id,
                    case.version,
                    accord_core::CaseStatus::Assigned
                )
                .await
                .err(),
            Some(StoreError::NotAllowed),
            "another mediator moves the case"
        );
        assert_eq!(
            rows(&store, "audit_events").await,
            events,
            "nothing written"
        );
        // Its mediator and a legal advisor do.
        store
            .save_agreement(&mine, case.id, &content)
            .await
            .expect("the mediator drafts");
        store
            .save_agreement(&advisor, case.id, &content)
            .await
            .expect("the legal advisor drafts");
        db
    })
    .await;
}
