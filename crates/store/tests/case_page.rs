//! The case page's one statement (`Store::case_detail`) against the reads
//! each part of the page has of its own, on every back end: a case with a
//! final agreement, a payment, overdue instalments and its history, and a
//! later case of the same people with a flag the director cleared.

mod common;

use accord_core::{
    Currency, Money, UserRole, demo,
    risk::{RiskLevel, RiskRule},
};
use accord_store::{Actor, NewPayment, Store, StoreError};
use chrono::{Days, NaiveDate};

/// The page as its parts read it one by one.
async fn parts(
    store: &Store,
    case_id: i64,
) -> (
    accord_core::Case,
    Vec<accord_store::AuditEntry>,
    Vec<accord_store::InstallmentStatus>,
    Vec<accord_store::CaseFlag>,
) {
    (
        store.case(case_id).await.expect("case"),
        store.case_history(case_id).await.expect("history"),
        store.performance(case_id).await.expect("performance"),
        store.risk_flags(case_id).await.expect("flags"),
    )
}

#[tokio::test]
async fn the_case_page_in_one_statement_shows_what_each_part_shows() {
    common::on_each_backend("case_page", |db| async move {
        let store = db.open().await;
        let director = Actor::from(
            &store
                .create_user(None, "李枭", UserRole::Administrator)
                .await
                .expect("director"),
        );
        let me = Actor::from(
            &store
                .create_user(Some(&director), "边文玲", UserRole::Mediator)
                .await
                .expect("mediator"),
        );
        let (case, _) = store.load_demo(&me).await.expect("demo");
        store
            .save_agreement(&me, case.id, &demo::water_leak_agreement(&case))
            .await
            .expect("draft");
        common::submit_and_approve(&store, &me, case.id).await;
        common::sign_on_paper(&store, &me, case.id).await;
        // Signed in the room on 12 February 2025, as the example was.
        store
            .finalise_agreement_on(
                &me,
                case.id,
                NaiveDate::from_ymd_opt(2025, 2, 12).expect("day"),
            )
            .await
            .expect("final");
        store
            .record_payment(
                &me,
                case.id,
                &NewPayment {
                    obligation: 1,
                    installment: 0,
                    amount: Money::major(3_000, Currency::Cny),
                    paid_on: NaiveDate::from_ymd_opt(2025, 3, 1).expect("day"),
                    method: "银行转账".into(),
                    evidence: "转账回单".into(),
                },
            )
            .await
            .expect("payment");

        // The agreed instalments fell due long ago and are not all paid.
        let page = store.case_detail(case.id).await.expect("page");
        let (case_now, history, performance, flags) = parts(&store, case.id).await;
        assert_eq!(page.case, case_now);
        assert_eq!(page.history, history);
        assert_eq!(page.performance, performance);
        assert_eq!(page.flags, flags);
        assert!(page.history.len() >= 5, "{:?}", page.history);
        let paid = page
            .performance
            .iter()
            .find(|s| s.obligation == 1 && s.installment == Some(0))
            .and_then(|s| s.balance)
            .expect("the first instalment");
        assert_eq!(paid.paid, Money::major(3_000, Currency::Cny));
        assert!(
            page.flags
                .iter()
                .any(|f| f.flag.rule == RiskRule::Overdue && f.flag.level == RiskLevel::Red),
            "{:?}",
            page.flags
        );

        // The same people a month after the first case: a repeat dispute,
        // which the director clears.
        let mut again = demo::water_leak_case();
        again.received_at = case.received_at + Days::new(30);
        let again = store
            .create_case(&me, &again.validate().expect("valid"))
            .await
            .expect("case")
            .id;
        store
            .clear_risk(
                &director,
                again,
                RiskRule::Repeat,
                "前案已履行，本案为新纠纷",
            )
            .await
            .expect("cleared");
        let page = store.case_detail(again).await.expect("page");
        let (case_now, history, performance, flags) = parts(&store, again).await;
        assert_eq!(page.case, case_now);
        assert_eq!(page.history, history);
        assert_eq!(page.performance, performance);
        assert!(page.performance.is_empty());
        assert_eq!(page.flags, flags);
        let repeat = page
            .flags
            .iter()
            .find(|f| f.flag.rule == RiskRule::Repeat)
            .expect("a repeat dispute");
        assert_eq!(repeat.flag.facts, vec![case.number.to_string()]);
        assert_eq!(repeat.cleared.as_ref().map(|c| c.by.as_str()), Some("李枭"));

        // A case that is not there.
        assert_eq!(
            store.case_detail(again + 1000).await.err(),
            Some(StoreError::NotFound)
        );
        db
    })
    .await;
}

/// A repeat dispute counts the cases of the same people received in the
/// twelve months before, by the calendar where the centre is: one received
/// on the first day of that year (early in the morning, the new case late
/// at night: almost 367 days apart in 2024) is counted, one received the
/// day before is not.
#[tokio::test]
async fn a_repeat_dispute_counts_the_year_before_to_the_day() {
    use chrono::{Local, TimeZone, Utc};
    common::on_each_backend("case_page_year", |db| async move {
        let store = db.open().await;
        let me = Actor::from(
            &store
                .create_user(None, "边文玲", UserRole::Mediator)
                .await
                .expect("mediator"),
        );
        let at = |y: i32, m: u32, d: u32, h: u32, min: u32| {
            Local
                .with_ymd_and_hms(y, m, d, h, min, 0)
                .earliest()
                .expect("a local time")
                .with_timezone(&Utc)
        };
        let mut numbers = Vec::new();
        let mut last = 0;
        for received in [
            at(2023, 12, 30, 23, 50),
            at(2023, 12, 31, 0, 10),
            at(2024, 12, 31, 23, 30),
        ] {
            let mut new = demo::water_leak_case();
            new.received_at = received;
            let case = store
                .create_case(&me, &new.validate().expect("valid"))
                .await
                .expect("case");
            numbers.push(case.number.to_string());
            last = case.id;
        }
        let page = store.case_detail(last).await.expect("page");
        let repeat = page
            .flags
            .iter()
            .find(|f| f.flag.rule == RiskRule::Repeat)
            .expect("a repeat dispute");
        assert_eq!(repeat.flag.facts, vec![numbers[1].clone()]);
        assert_eq!(repeat.flag.level, RiskLevel::Yellow);
        assert_eq!(page.flags, store.risk_flags(last).await.expect("flags"));
        db
    })
    .await;
}
