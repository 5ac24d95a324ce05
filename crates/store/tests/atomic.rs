//! Several changes that stand or fall together, and a final version that is
//! sealed once, on every back end.

mod common;

use accord_core::{UserRole, agreement::AgreementStatus, demo};
use accord_store::{Actor, Store, StoreError};

/// A case whose agreement is final, not yet sealed.
async fn finalised(store: &Store) -> (Actor, i64) {
    let me = Actor::from(
        &store
            .create_user(None, "边文玲", UserRole::Mediator)
            .await
            .expect("user"),
    );
    let (case, _) = store.load_demo(&me).await.expect("demo");
    store
        .save_agreement(&me, case.id, &demo::water_leak_agreement(&case))
        .await
        .expect("draft");
    common::submit_and_approve(store, &me, case.id).await;
    common::sign_on_paper(store, &me, case.id).await;
    store.finalise_agreement(&me, case.id).await.expect("final");
    (me, case.id)
}

#[tokio::test]
async fn an_action_dropped_half_way_leaves_nothing_and_a_committed_one_everything() {
    common::on_each_backend(
        "an_action_dropped_half_way_leaves_nothing",
        |db| async move {
            let store = db.open().await;
            let me = Actor::system();
            // Dropped after three changes (as if the program were killed).
            {
                let all = store.all_or_nothing().await.expect("begin");
                let (case, created) = all.load_demo(&me).await.expect("case");
                assert!(created);
                all.save_agreement(&me, case.id, &demo::water_leak_agreement(&case))
                    .await
                    .expect("draft");
                all.set_setting("centre_name", "甲").await.expect("setting");
                // Inside, every change is seen.
                assert!(all.agreement(case.id).await.expect("read").is_some());
            }
            assert_eq!(store.count_cases().await.expect("count"), 0);
            assert!(store.audit_log().await.expect("log").is_empty());
            assert_eq!(store.setting("centre_name").await.expect("read"), None);

            // A refused step inside does not undo the steps before it, and
            // the whole is kept with every step's audit event.
            let all = store.all_or_nothing().await.expect("begin");
            let (case, _) = all.load_demo(&me).await.expect("case");
            all.save_agreement(&me, case.id, &demo::water_leak_agreement(&case))
                .await
                .expect("draft");
            assert!(matches!(
                all.finalise_agreement(&me, case.id).await,
                Err(StoreError::AgreementStatus(AgreementStatus::Draft))
            ));
            all.review_agreement(&me, case.id, AgreementStatus::InReview, None)
                .await
                .expect("submit");
            all.commit().await.expect("commit");
            let record = store.agreement(case.id).await.expect("read").expect("kept");
            assert_eq!(record.status, AgreementStatus::InReview);
            assert_eq!(store.audit_log().await.expect("log").len(), 3);
            db
        },
    )
    .await;
}

#[tokio::test]
async fn a_final_version_is_sealed_once_and_a_second_attempt_gets_the_stored_document() {
    common::on_each_backend("a_final_version_is_sealed_once", |db| async move {
        let store = db.open().await;
        let (me, case_id) = finalised(&store).await;
        let email = |pdf: &[u8]| vec![common::agreement_email(case_id, Some(pdf.to_vec()))];
        let first = store
            .save_sealed_pdf(&me, case_id, "zh-CN", b"%PDF first", &email(b"%PDF first"))
            .await
            .expect("sealed");
        let second = store
            .save_sealed_pdf(
                &me,
                case_id,
                "en-US",
                b"%PDF second",
                &email(b"%PDF second"),
            )
            .await
            .expect("the stored one");
        assert_eq!(second, first);
        assert_eq!(second.pdf, b"%PDF first");
        let outbox = store.outbox(100).await.expect("outbox");
        assert_eq!(outbox.len(), 1, "one email, not two");
        let sealed_events = store
            .case_history(case_id)
            .await
            .expect("history")
            .iter()
            .filter(|e| e.action == accord_core::AuditAction::AgreementSealed)
            .count();
        assert_eq!(sealed_events, 1);
        db
    })
    .await;
}

#[tokio::test]
async fn two_programs_sealing_at_the_same_moment_store_one_document() {
    common::on_each_backend("two_programs_sealing_at_once", |db| async move {
        let store = db.open().await;
        let (me, case_id) = finalised(&store).await;
        // Two programs: two pools on the same database.
        let other = db.open().await;
        let email = |pdf: &[u8]| vec![common::agreement_email(case_id, Some(pdf.to_vec()))];
        let (to_a, to_b) = (email(b"%PDF a"), email(b"%PDF b"));
        let (a, b) = tokio::join!(
            store.save_sealed_pdf(&me, case_id, "zh-CN", b"%PDF a", &to_a),
            other.save_sealed_pdf(&me, case_id, "zh-CN", b"%PDF b", &to_b),
        );
        let (a, b) = (a.expect("a"), b.expect("b"));
        assert_eq!(a, b, "both get the one stored");
        assert_eq!(store.outbox(100).await.expect("outbox").len(), 1);
        db
    })
    .await;
}

#[tokio::test]
async fn the_first_centre_key_stands_when_two_are_made_at_once() {
    common::on_each_backend("the_first_centre_key_stands", |db| async move {
        let store = db.open().await;
        let other = db.open().await;
        let me = Actor::system();
        let (a, b) = tokio::join!(
            store.centre_key_or_save(&me, "甲", "Accord", b"cert-a", b"key-a"),
            other.centre_key_or_save(&me, "甲", "Accord", b"cert-b", b"key-b"),
        );
        let (a, b) = (a.expect("a"), b.expect("b"));
        assert_eq!(a, b);
        let made = store
            .audit_log()
            .await
            .expect("log")
            .iter()
            .filter(|e| e.action == accord_core::AuditAction::CentreKeyCreated)
            .count();
        assert_eq!(made, 1, "one key");
        db
    })
    .await;
}

#[tokio::test]
async fn two_programs_loading_the_example_at_once_load_it_once() {
    common::on_each_backend("the_example_once", |db| async move {
        for round in 0..3 {
            let store = db.open().await;
            let other = db.open().await;
            let me = Actor::system();
            // Each loads it as part of a larger action, as the app does.
            let load = |store: Store| {
                let me = me.clone();
                async move {
                    let all = store.all_or_nothing().await.expect("begin");
                    let (case, created) = all.load_demo(&me).await.expect("load");
                    if created {
                        all.save_agreement(&me, case.id, &demo::water_leak_agreement(&case))
                            .await
                            .expect("the rest of the example");
                    }
                    all.commit().await.expect("commit");
                    (case.id, created)
                }
            };
            let (a, b) = tokio::join!(load(store.clone()), load(other));
            assert_eq!(a.0, b.0, "one example case");
            let created = usize::from(a.1) + usize::from(b.1);
            assert_eq!(created, usize::from(round == 0), "created once, by one");
            let cases = store
                .list_cases(&accord_store::CaseQuery::default())
                .await
                .expect("list");
            assert_eq!(cases.total, 1);
            assert!(store.agreement(a.0).await.expect("read").is_some());
        }
        db
    })
    .await;
}
