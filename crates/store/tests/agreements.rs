//! The agreement's review workflow on a real SQLite file.

use accord_core::{
    AuditAction, UserRole,
    agreement::{AgreementStatus, Missing},
    demo,
};
use accord_store::{Actor, Store, StoreError};

#[tokio::test]
async fn draft_review_finalise_and_a_later_change_needs_approval_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.sqlite3").display().to_string();
    let store = Store::open(&path).await.expect("open");
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
    let store = Store::open(&path).await.expect("reopen");
    let record = store
        .agreement(case.id)
        .await
        .expect("query")
        .expect("exists");
    assert_eq!(record, final_record);
    assert_eq!(record.versions.len(), 3);

    // A change after finalising is a new draft that needs approval again.
    let mut changed = content.clone();
    changed.witnesses.push("李枭".into());
    let record = store
        .save_agreement(&mediator, case.id, &changed)
        .await
        .expect("version 4");
    assert_eq!(
        (record.status, record.versions.len()),
        (AgreementStatus::Draft, 4)
    );
    let err = store
        .finalise_agreement(&advisor, case.id)
        .await
        .expect_err("needs approval");
    assert_eq!(err, StoreError::AgreementStatus(AgreementStatus::Draft));

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
}
