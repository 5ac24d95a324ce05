//! Follow-ups, payments and the outbox on a real SQLite file.

mod common;

use accord_core::{
    Currency, Money, UserRole, demo,
    followup::{FollowUpKind, FollowUpState, Satisfaction},
};
use accord_store::{Actor, NewEmail, NewPayment, Store, StoreError};
use chrono::{Days, Local, NaiveDate};

async fn finalised(db: &common::TestDb) -> (Store, Actor, i64) {
    let store = db.open().await;
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
    common::submit_and_approve(&store, &me, case.id).await;
    common::sign_on_paper(&store, &me, case.id).await;
    store.finalise_agreement(&me, case.id).await.expect("final");
    (store, me, case.id)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

#[tokio::test]
async fn finalising_schedules_the_follow_ups_and_the_day_after_the_deadline_shows_them_overdue() {
    common::on_each_backend(
        "finalising_schedules_the_follow_ups_and_the_day_after_the_deadline_shows_them_overdue",
        |db| async move {
            let (store, _, case_id) = finalised(&db).await;
            let all = store.case_followups(case_id).await.expect("read");
            assert!(
                all.len() >= 15,
                "three obligations, four due dates: {}",
                all.len()
            );
            // The demo's deadlines are in 2025, before the agreement took effect
            // (today): the ladder starts today at the earliest.
            let today = Local::now().date_naive();
            assert!(all.iter().all(|f| f.due_on >= today));
            let due = store
                .due_followups(today + Days::new(60), 500)
                .await
                .expect("due");
            let check = due
                .iter()
                .find(|f| f.kind == FollowUpKind::DueCheck && f.obligation == 2)
                .expect("the due check of 赵喆's payment");
            assert_eq!(check.case_number, "2025-0001");
            assert_eq!(
                (check.debtor.as_str(), check.creditor.as_deref()),
                ("王建国", Some("赵喆"))
            );
            assert_eq!(
                check.balance.map(|b| b.remaining()),
                Some(Money::new(350_050, Currency::Cny))
            );
            assert!(
                due.windows(2).all(|w| w[0].due_on <= w[1].due_on),
                "oldest first"
            );
            assert!(
                store
                    .due_followups(today - Days::new(1), 10)
                    .await
                    .expect("due")
                    .is_empty()
            );
            db
        },
    )
    .await;
}

#[tokio::test]
async fn partial_payments_leave_the_rest_due_and_a_full_payment_ends_the_ladder() {
    common::on_each_backend(
        "partial_payments_leave_the_rest_due_and_a_full_payment_ends_the_ladder",
        |db| async move {
            let (store, me, case_id) = finalised(&db).await;
            let pay = |yuan: i64| NewPayment {
                obligation: 1,
                installment: 0,
                amount: Money::major(yuan, Currency::Cny),
                paid_on: date(2025, 3, 1),
                method: "银行转账".into(),
                evidence: "转账回单".into(),
            };
            let after = store
                .record_payment(&me, case_id, &pay(3_000))
                .await
                .expect("partial");
            let first = after
                .iter()
                .find(|s| s.obligation == 1 && s.installment == Some(0))
                .expect("instalment");
            assert_eq!(
                first.balance.map(|b| b.remaining()),
                Some(Money::major(2_000, Currency::Cny))
            );
            let err = store
                .record_payment(&me, case_id, &pay(2_001))
                .await
                .expect_err("too much");
            assert!(matches!(err, StoreError::Invalid(_)));
            store
                .record_payment(&me, case_id, &pay(2_000))
                .await
                .expect("rest");
            let followups = store.case_followups(case_id).await.expect("read");
            assert!(
                followups
                    .iter()
                    .filter(|f| f.obligation == 1 && f.installment == Some(0))
                    .all(|f| f.state == FollowUpState::Cancelled),
                "nothing left to chase for a paid instalment"
            );
            assert!(followups.iter().any(|f| f.obligation == 1
                && f.installment == Some(1)
                && f.state == FollowUpState::Open));
            // Not everything is paid: the case cannot be closed yet.
            let err = store
                .record_return_visit(&me, case_id, date(2025, 4, 10), Satisfaction::Satisfied, "")
                .await
                .expect_err("unpaid");
            assert!(matches!(err, StoreError::Invalid(_)));
            db
        },
    )
    .await;
}

#[tokio::test]
async fn a_follow_up_is_done_with_its_outcome_and_the_case_closes_after_the_return_visit() {
    common::on_each_backend(
        "a_follow_up_is_done_with_its_outcome_and_the_case_closes_after_the_return_visit",
        |db| async move {
            let (store, me, case_id) = finalised(&db).await;
            let first = store.case_followups(case_id).await.expect("read")[0].clone();
            store
                .complete_followup(&me, first.id, "电话提醒，王建国表示按期支付", false)
                .await
                .expect("done");
            let again = store.case_followups(case_id).await.expect("read");
            let done = again.iter().find(|f| f.id == first.id).expect("row");
            assert_eq!(done.state, FollowUpState::Done);
            assert_eq!(
                done.outcome.as_deref(),
                Some("电话提醒，王建国表示按期支付")
            );
            // Someone else (another room) marks it done too: refused, the
            // first outcome stays.
            let err = store
                .complete_followup(&me, first.id, "短信提醒", false)
                .await
                .expect_err("already done");
            assert_eq!(err, StoreError::Conflict);
            let kept = store.case_followups(case_id).await.expect("read");
            assert_eq!(
                kept.iter()
                    .find(|f| f.id == first.id)
                    .and_then(|f| f.outcome.clone()),
                Some("电话提醒，王建国表示按期支付".to_owned())
            );
            for s in store.performance(case_id).await.expect("status") {
                if let (Some(k), Some(b)) = (s.installment, s.balance) {
                    store
                        .record_payment(
                            &me,
                            case_id,
                            &NewPayment {
                                obligation: s.obligation,
                                installment: k,
                                amount: b.remaining(),
                                paid_on: date(2025, 3, 1),
                                method: "现金".into(),
                                evidence: "收条".into(),
                            },
                        )
                        .await
                        .expect("pay");
                }
            }
            let case = store
                .record_return_visit(
                    &me,
                    case_id,
                    date(2025, 4, 10),
                    Satisfaction::VerySatisfied,
                    "邻里和睦",
                )
                .await
                .expect("visit");
            assert_eq!(case.status, accord_core::CaseStatus::Closed);
            assert!(
                store
                    .due_followups(date(2099, 1, 1), 100)
                    .await
                    .expect("due")
                    .is_empty()
            );
            db
        },
    )
    .await;
}

#[tokio::test]
async fn the_outbox_keeps_each_message_once_with_a_stable_message_id() {
    common::on_each_backend(
        "the_outbox_keeps_each_message_once_with_a_stable_message_id",
        |db| async move {
            let (store, _, case_id) = finalised(&db).await;
            let email = NewEmail {
                case_id: Some(case_id),
                follow_up_id: Some(1),
                purpose: "reminder".into(),
                to_name: "王建国".into(),
                to_address: "wang.jianguo@example.org".into(),
                subject: "履行提醒".into(),
                body: "请按期支付。".into(),
                attachment: None,
                not_before: chrono::Utc::now(),
            };
            assert_eq!(
                store
                    .queue_emails(std::slice::from_ref(&email))
                    .await
                    .expect("queue"),
                1
            );
            assert_eq!(
                store.queue_emails(&[email]).await.expect("again"),
                0,
                "no duplicate"
            );
            let ready = store.sendable(chrono::Utc::now(), 10).await.expect("ready");
            assert_eq!(ready.len(), 1);
            let id = ready[0].message_id.clone();
            assert!(
                id.starts_with('<') && id.ends_with(".reminder@accord.invalid>"),
                "{id}"
            );
            let later = chrono::Utc::now() + chrono::Duration::minutes(5);
            store
                .mark_attempt_failed(ready[0].id, "connection refused", Some(later))
                .await
                .expect("retry later");
            assert!(
                store
                    .sendable(chrono::Utc::now(), 10)
                    .await
                    .expect("ready")
                    .is_empty()
            );
            let retry = store.sendable(later, 10).await.expect("ready");
            assert_eq!(
                retry[0].message_id, id,
                "the same Message-ID on every attempt"
            );
            assert_eq!(retry[0].attempts, 1);
            store.mark_sent(retry[0].id).await.expect("sent");
            assert!(store.sendable(later, 10).await.expect("ready").is_empty());
            assert_eq!(store.outbox(10).await.expect("outbox")[0].state, "sent");
            db
        },
    )
    .await;
}
