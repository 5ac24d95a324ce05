//! The agreement's review workflow on a real SQLite file.

mod common;

use accord_core::{
    AuditAction, UserRole,
    agreement::{AgreementStatus, Missing},
    demo,
    followup::FollowUpState,
};
use accord_store::{Actor, StoreError};

#[tokio::test]
async fn draft_review_finalise_and_a_final_agreement_never_changes_again() {
    common::on_each_backend(
        "draft_review_finalise_and_a_final_agreement_never_changes_again",
        |db| async move {
            let store = db.open().await;
            let mediator = Actor::from(
                &store
                    .create_user(None, "边文玲", UserRole::Mediator)
                    .await
                    .expect("user"),
            );
            let advisor = Actor::from(
                &store
                    .create_user(None, "周律师", UserRole::LegalAdvisor)
                    .await
                    .expect("user"),
            );
            let (case, _) = store.load_demo(&mediator).await.expect("demo");
            let mut content = demo::water_leak_agreement(&case);

            // A payment without a deadline: saved as a draft, but not finalisable.
            content.obligations[1].installments.clear();
            let record = store
                .save_agreement(&mediator, case.id, &content)
                .await
                .expect("draft");
            assert_eq!(
                (record.status, record.versions.len()),
                (AgreementStatus::Draft, 1)
            );
            store
                .review_agreement(&mediator, case.id, AgreementStatus::InReview, None)
                .await
                .expect("submit");
            let err = store
                .save_agreement(&mediator, case.id, &content)
                .await
                .expect_err("locked in review");
            assert_eq!(err, StoreError::AgreementStatus(AgreementStatus::InReview));
            let record = store
                .review_agreement(&advisor, case.id, AgreementStatus::Approved, Some("同意"))
                .await
                .expect("approve");
            assert_eq!(
                record.current().and_then(|v| v.reviewed_by.clone()),
                Some("周律师".into())
            );
            let err = store
                .finalise_agreement(&advisor, case.id)
                .await
                .expect_err("incomplete");
            assert_eq!(
                err,
                StoreError::AgreementIncomplete(vec![Missing::Deadline { obligation: 1 }])
            );

            // The deadline is added: a new version, approved again, then final.
            let content = demo::water_leak_agreement(&case);
            let record = store
                .save_agreement(&mediator, case.id, &content)
                .await
                .expect("version 2");
            assert_eq!(
                (record.status, record.versions.len()),
                (AgreementStatus::Draft, 2)
            );
            store
                .review_agreement(&mediator, case.id, AgreementStatus::InReview, None)
                .await
                .expect("submit");
            let returned = store
                .review_agreement(
                    &advisor,
                    case.id,
                    AgreementStatus::Returned,
                    Some("请写明付款账户"),
                )
                .await
                .expect("return");
            assert_eq!(
                returned.current().and_then(|v| v.review_comment.clone()),
                Some("请写明付款账户".into())
            );
            let err = store
                .finalise_agreement(&advisor, case.id)
                .await
                .expect_err("not approved");
            assert_eq!(err, StoreError::AgreementStatus(AgreementStatus::Returned));
            store
                .save_agreement(&mediator, case.id, &content)
                .await
                .expect("version 3");
            store
                .review_agreement(&mediator, case.id, AgreementStatus::InReview, None)
                .await
                .expect("submit");
            store
                .review_agreement(&advisor, case.id, AgreementStatus::Approved, None)
                .await
                .expect("approve");
            common::sign_on_paper(&store, &mediator, case.id).await;
            let final_record = store
                .finalise_agreement(&advisor, case.id)
                .await
                .expect("final");
            assert_eq!(final_record.status, AgreementStatus::Final);
            assert_eq!(final_record.final_version, Some(3));
            let case_now = store.case(case.id).await.expect("case");
            assert_eq!(
                final_record.final_hash,
                Some(content.content_hash(&case_now))
            );

            // Every version is kept, and reopening the file changes nothing.
            drop(store);
            let store = db.open().await;
            let record = store
                .agreement(case.id)
                .await
                .expect("query")
                .expect("exists");
            assert_eq!(record, final_record);
            assert_eq!(record.versions.len(), 3);

            // A final agreement never changes again: no new draft version
            // (also not over the version the editor showed), no step back
            // in review.
            let mut changed = content.clone();
            changed.witnesses.push("李枭".into());
            for refused in [
                store.save_agreement(&mediator, case.id, &changed).await,
                store
                    .save_agreement_over(&mediator, case.id, &changed, Some(3))
                    .await,
                store
                    .review_agreement(&advisor, case.id, AgreementStatus::Draft, None)
                    .await,
                store
                    .review_agreement(&advisor, case.id, AgreementStatus::InReview, None)
                    .await,
                store
                    .review_agreement(&advisor, case.id, AgreementStatus::Returned, Some("x"))
                    .await,
                store
                    .review_agreement_of(&advisor, case.id, 3, AgreementStatus::Approved, None)
                    .await,
            ] {
                assert_eq!(refused, Err(StoreError::AgreementFinal));
            }
            assert_eq!(
                StoreError::AgreementFinal.message().0,
                "error-agreement-final"
            );
            let unchanged = store
                .agreement(case.id)
                .await
                .expect("query")
                .expect("exists");
            assert_eq!(unchanged, final_record);

            let history = store.case_history(case.id).await.expect("history");
            for action in [
                AuditAction::AgreementDrafted,
                AuditAction::AgreementSubmitted,
                AuditAction::AgreementApproved,
                AuditAction::AgreementReturned,
                AuditAction::AgreementFinalised,
            ] {
                assert!(
                    history.iter().any(|e| e.action == action),
                    "{action:?} not audited"
                );
            }
            assert!(
                history
                    .iter()
                    .any(|e| e.action == AuditAction::AgreementApproved && e.who == "周律师")
            );
            db
        },
    )
    .await;
}

#[tokio::test]
async fn signatures_belong_to_the_approved_version_and_the_sealed_pdf_to_the_final_one() {
    common::on_each_backend(
        "signatures_belong_to_the_approved_version_and_the_sealed_pdf_to_the_final_one",
        |db| async move {
            use accord_core::agreement::{SignMethod, Signature};
            let store = db.open().await;
            let me = Actor::from(
                &store
                    .create_user(None, "边文玲", UserRole::Mediator)
                    .await
                    .expect("user"),
            );
            let (case, _) = store.load_demo(&me).await.expect("demo");
            let content = demo::water_leak_agreement(&case);
            store
                .save_agreement(&me, case.id, &content)
                .await
                .expect("draft");
            let pad = Signature {
                slot: 0,
                name: "李玥".into(),
                method: SignMethod::Pad,
                strokes: vec![vec![(0.1, 0.5), (0.4, 0.2), (0.8, 0.6)]],
                signed_at: chrono::Utc::now(),
            };
            let err = store
                .save_signature(&me, case.id, &pad)
                .await
                .expect_err("a draft is not signed");
            assert_eq!(err, StoreError::AgreementStatus(AgreementStatus::Draft));
            common::submit_and_approve(&store, &me, case.id).await;
            let empty = Signature {
                strokes: vec![vec![(0.5, 0.5)]],
                ..pad.clone()
            };
            assert!(matches!(
                store.save_signature(&me, case.id, &empty).await,
                Err(StoreError::Invalid(_))
            ));
            store
                .save_signature(&me, case.id, &pad)
                .await
                .expect("signed");
            let paper = Signature {
                slot: 2,
                name: "王建国".into(),
                method: SignMethod::Paper,
                strokes: Vec::new(),
                ..pad.clone()
            };
            let signed = store
                .save_signature(&me, case.id, &paper)
                .await
                .expect("paper");
            assert_eq!(signed.len(), 2);

            // Sealing needs the final version.
            assert!(
                store
                    .save_sealed_pdf(&me, case.id, "zh-CN", b"%PDF", &[])
                    .await
                    .is_err()
            );
            // Finalising needs everyone: the others sign on paper.
            common::sign_on_paper(&store, &me, case.id).await;
            let signatories = content.signatories(&case).len();
            let record = store.finalise_agreement(&me, case.id).await.expect("final");
            let sealed = store
                .save_sealed_pdf(&me, case.id, "zh-CN", b"%PDF-1.7 sealed", &[])
                .await
                .expect("sealed");
            assert_eq!(Some(sealed.content_hash.clone()), record.final_hash);

            // All of it is there after reopening the file.
            drop(store);
            let store = db.open().await;
            let again = store.signatures(case.id).await.expect("signatures");
            assert_eq!(again[0].strokes, pad.strokes);
            assert_eq!(again[1].method, SignMethod::Paper);
            let pdf = store
                .sealed_pdf(case.id)
                .await
                .expect("read")
                .expect("stored");
            assert_eq!(pdf.pdf, b"%PDF-1.7 sealed");

            // A final agreement is not changed (nor unsealed) by a new draft.
            assert_eq!(
                store.save_agreement(&me, case.id, &content).await,
                Err(StoreError::AgreementFinal)
            );
            assert_eq!(
                store.signatures(case.id).await.expect("read").len(),
                signatories
            );
            assert!(store.sealed_pdf(case.id).await.expect("read").is_some());
            let history = store.case_history(case.id).await.expect("history");
            for action in [AuditAction::AgreementSigned, AuditAction::AgreementSealed] {
                assert!(history.iter().any(|h| h.action == action), "{action:?}");
            }
            db
        },
    )
    .await;
}

#[tokio::test]
async fn the_centre_key_is_kept_and_the_newest_is_used() {
    common::on_each_backend(
        "the_centre_key_is_kept_and_the_newest_is_used",
        |db| async move {
            let store = db.open().await;
            assert!(store.centre_key().await.expect("read").is_none());
            let actor = Actor::system();
            store
                .save_centre_key(&actor, "甲", "Accord", b"cert-1", b"key-1", false)
                .await
                .expect("save");
            store
                .save_centre_key(&actor, "乙", "Accord", b"cert-2", b"key-2", true)
                .await
                .expect("save");
            let key = store.centre_key().await.expect("read").expect("present");
            assert_eq!((key.common_name.as_str(), key.imported), ("乙", true));
            assert_eq!(key.private_key, b"key-2");
            assert!(!format!("{key:?}").contains("key-2"));
            db
        },
    )
    .await;
}

#[tokio::test]
async fn a_final_agreement_changes_only_by_a_new_document_and_a_rescission_ends_its_follow_ups() {
    use accord_core::agreement::{AmendmentKind, NewAmendment};
    common::on_each_backend("amendments", |db| async move {
        let store = db.open().await;
        let me = Actor::system();
        let (case, _) = store.load_demo(&me).await.expect("case");
        let today = chrono::Local::now().date_naive();
        let supplement = NewAmendment {
            kind: AmendmentKind::Supplementary,
            text: "一、第二期付款期限延至2025年4月30日。\n二、其余条款不变。".into(),
            agreed_on: today,
        };
        // Not before the agreement is final.
        store
            .save_agreement(&me, case.id, &demo::water_leak_agreement(&case))
            .await
            .expect("draft");
        let err = store
            .record_amendment(&me, case.id, &supplement)
            .await
            .expect_err("a draft is changed as a draft");
        assert!(matches!(err, StoreError::AgreementStatus(_)), "{err:?}");
        for next in [AgreementStatus::InReview, AgreementStatus::Approved] {
            store
                .review_agreement(&me, case.id, next, None)
                .await
                .expect("review");
        }
        common::sign_on_paper(&store, &me, case.id).await;
        let effective = chrono::NaiveDate::from_ymd_opt(2025, 2, 12).expect("date");
        store
            .finalise_agreement_on(&me, case.id, effective)
            .await
            .expect("final");
        let final_before = store
            .agreement(case.id)
            .await
            .expect("q")
            .expect("agreement");
        let open_before = store.case_followups(case.id).await.expect("followups");
        assert!(open_before.iter().any(|f| f.state == FollowUpState::Open));

        // A supplementary agreement: numbered, the agreement unchanged.
        let (first, ended) = store
            .record_amendment(&me, case.id, &supplement)
            .await
            .expect("supplement");
        assert_eq!((first.number, ended), (1, 0));
        assert_eq!(
            store.agreement(case.id).await.expect("q").expect("a"),
            final_before,
            "the final agreement stays as it was"
        );
        // Empty words and a day to come are refused, and nothing is kept.
        for bad in [
            NewAmendment {
                text: " \n".into(),
                ..supplement.clone()
            },
            NewAmendment {
                agreed_on: today + chrono::Duration::days(1),
                ..supplement.clone()
            },
        ] {
            let err = store
                .record_amendment(&me, case.id, &bad)
                .await
                .expect_err("refused");
            assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
        }
        assert_eq!(store.amendments(case.id).await.expect("list").len(), 1);

        // The rescission: its open follow-ups end with it.
        let open = store
            .case_followups(case.id)
            .await
            .expect("followups")
            .iter()
            .filter(|f| f.state == FollowUpState::Open)
            .count() as u64;
        let (second, ended) = store
            .record_amendment(
                &me,
                case.id,
                &NewAmendment {
                    kind: AmendmentKind::Rescission,
                    text: "双方协商一致解除本协议，已付款项不予退还。".into(),
                    agreed_on: today,
                },
            )
            .await
            .expect("rescission");
        assert_eq!((second.number, ended), (2, open));
        assert!(
            store
                .case_followups(case.id)
                .await
                .expect("followups")
                .iter()
                .all(|f| f.state != FollowUpState::Open)
        );
        // After it, nothing more.
        let err = store
            .record_amendment(&me, case.id, &supplement)
            .await
            .expect_err("rescinded");
        assert_eq!(err, StoreError::AgreementRescinded);
        let kinds: Vec<_> = store
            .amendments(case.id)
            .await
            .expect("list")
            .iter()
            .map(|a| (a.number, a.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                (1, AmendmentKind::Supplementary),
                (2, AmendmentKind::Rescission)
            ]
        );
        let logged: Vec<_> = store
            .audit_log()
            .await
            .expect("log")
            .iter()
            .map(|e| e.action)
            .filter(|a| {
                matches!(
                    a,
                    AuditAction::AgreementSupplemented | AuditAction::AgreementRescinded
                )
            })
            .collect();
        assert_eq!(logged.len(), 2);
        db
    })
    .await;
}

#[tokio::test]
async fn work_on_an_agreement_brings_its_case_to_the_top_of_the_list() {
    common::on_each_backend(
        "work_on_an_agreement_brings_its_case_to_the_top_of_the_list",
        |db| async move {
            let store = db.open().await;
            let mediator = Actor::from(
                &store
                    .create_user(None, "边文玲", UserRole::Mediator)
                    .await
                    .expect("user"),
            );
            let (case, _) = store.load_demo(&mediator).await.expect("demo");
            // A newer case on top.
            let other = accord_core::NewCase {
                category: accord_core::Category::Neighbour,
                channel: accord_core::IntakeChannel::WalkIn,
                received_at: chrono::Utc::now(),
                summary: "噪音".into(),
                parties: case
                    .parties
                    .iter()
                    .map(|p| accord_core::NewParty {
                        kind: Some(p.kind),
                        role: Some(p.role),
                        name: p.name.clone(),
                        ..Default::default()
                    })
                    .collect(),
                issues: Vec::new(),
            }
            .validate()
            .expect("valid");
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            let newer = store.create_case(&mediator, &other).await.expect("case");
            let top = |page: accord_store::CasePage| page.rows[0].id;
            assert_eq!(
                top(store.list_cases(&Default::default()).await.expect("list")),
                newer.id
            );
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            store
                .save_agreement(&mediator, case.id, &demo::water_leak_agreement(&case))
                .await
                .expect("draft");
            assert_eq!(
                top(store.list_cases(&Default::default()).await.expect("list")),
                case.id,
                "drafting the agreement is activity on its case"
            );
            db
        },
    )
    .await;
}
