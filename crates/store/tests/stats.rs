//! The centre's numbers and its risk flags, on every back end.
//!
//! Statistics: five cases with every number worked out by hand below (the
//! tallies are kept by the changes themselves, so each step of the cases'
//! lives moves them); risk flags: a repeat dispute raised on the later
//! case, cleared by the director only, with a note, audited, and the case
//! list's filter following.

mod common;

use accord_core::{
    AuditAction, CaseStatus, Category, Currency, IntakeChannel, Money, UserRole, ValidationError,
    demo,
    desk::Performance,
    mediator::{Availability, MediatorDetails, MediatorType},
    risk::{RiskLevel, RiskRule},
    stats::{CaseSource, StatCategory, Tally},
};
use accord_store::{Actor, CaseQuery, Classification, NewAccount, NewPayment, Store, StoreError};
use chrono::{Local, NaiveDate, TimeZone, Utc};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn account(login: &str, name: &str, role: UserRole) -> NewAccount {
    NewAccount {
        login: login.into(),
        name: name.into(),
        role,
        password: "一个足够长的密码".into(),
    }
}

/// The example case received on `on` (09:30 in Baotou), in `category`
/// through `channel`, with its parties' ID numbers and phones changed by
/// `salt` so that it is not the same people (unless `salt` is 0).
async fn case_on(
    store: &Store,
    by: &Actor,
    on: NaiveDate,
    category: Category,
    channel: IntakeChannel,
    salt: u32,
) -> i64 {
    let mut new = demo::water_leak_case();
    new.category = category;
    new.channel = channel;
    new.received_at = Utc
        .from_utc_datetime(&on.and_hms_opt(1, 30, 0).expect("time"))
        .with_timezone(&Utc);
    if salt > 0 {
        for (i, p) in new.parties.iter_mut().enumerate() {
            p.name = format!("当事人{salt}{i}");
            p.id_number = String::new();
            p.phone = format!("1390000{salt:02}{i:02}");
            p.address = format!("青山区第{salt}街{i}号");
        }
    }
    let valid = new.validate().expect("valid");
    store.create_case(by, &valid).await.expect("case").id
}

#[tokio::test]
async fn the_statistics_of_a_small_centre_match_the_hand_computed_table() {
    common::on_each_backend("stats_hand_computed", |db| async move {
        let store = db.open().await;
        let admin = Actor::from(
            &store
                .create_account(None, &account("admin", "李枭", UserRole::Administrator))
                .await
                .expect("admin"),
        );
        let me_user = store
            .create_account(Some(&admin), &account("bian", "边文玲", UserRole::Mediator))
            .await
            .expect("mediator");
        let me = Actor::from(&me_user);
        let bian = store
            .save_mediator(
                &admin,
                None,
                &MediatorDetails {
                    name: "边文玲".into(),
                    mediator_type: Some(MediatorType::FullTime),
                    categories: vec![Category::Neighbour],
                    availability: Availability {
                        weekdays: 0b11111,
                        leave: Vec::new(),
                    },
                    active: true,
                    user_id: Some(me_user.id),
                    ..Default::default()
                },
            )
            .await
            .expect("roster");

        // A: the example (received 2025-02-10, neighbours, grid report),
        // led by 边文玲, settled by the written agreement today: 8,000.00 +
        // 3,500.50 agreed in three instalments due in March 2025; the first
        // paid on its day, the second a few days late, the third not yet.
        let a = case_on(
            &store,
            &me,
            day(2025, 2, 10),
            Category::Neighbour,
            IntakeChannel::GridReport,
            0,
        )
        .await;
        store
            .assign_mediator(&admin, a, bian.id, None)
            .await
            .expect("assigned");
        let case = store.case(a).await.expect("case");
        store
            .save_agreement(&me, a, &demo::water_leak_agreement(&case))
            .await
            .expect("draft");
        common::submit_and_approve(&store, &me, a).await;
        common::sign_on_paper(&store, &me, a).await;
        store.finalise_agreement(&me, a).await.expect("final");
        let pay = |obligation, installment, minor, paid_on| NewPayment {
            obligation,
            installment,
            amount: Money::new(minor, Currency::Cny),
            paid_on,
            method: "银行转账".into(),
            evidence: "回单".into(),
        };
        store
            .record_payment(&me, a, &pay(1, 0, 500_000, day(2025, 3, 1)))
            .await
            .expect("on time");
        store
            .record_payment(&me, a, &pay(2, 0, 350_050, day(2025, 3, 5)))
            .await
            .expect("late");

        // B: a loan (counted as a contract) received 2025-02-20 at the
        // window, settled orally today.
        let b = case_on(
            &store,
            &me,
            day(2025, 2, 20),
            Category::Finance,
            IntakeChannel::WalkIn,
            1,
        )
        .await;
        store
            .record_oral_agreement(&me, b, "被申请人当场归还借款", Performance::Performed)
            .await
            .expect("oral");

        // C: neighbours, 2025-02-25, grid report; due date moved past today,
        // then not settled today: mediated within its time limit.
        let c = case_on(
            &store,
            &me,
            day(2025, 2, 25),
            Category::Neighbour,
            IntakeChannel::GridReport,
            2,
        )
        .await;
        let today = Local::now().date_naive();
        store
            .set_due_date(
                &me,
                c,
                today + chrono::Days::new(30),
                "法院委托函载明的期限",
            )
            .await
            .expect("due date");
        let mut version = store.case(c).await.expect("case").version;
        for next in [
            CaseStatus::Assigned,
            CaseStatus::InMediation,
            CaseStatus::NotSettled,
        ] {
            version = store
                .change_status(&me, c, version, next)
                .await
                .expect("status")
                .version;
        }

        // D: a family case, 2025-03-05 by phone, marked 防止民转刑 (3 persons).
        let d = case_on(
            &store,
            &me,
            day(2025, 3, 5),
            Category::Family,
            IntakeChannel::Phone,
            3,
        )
        .await;
        let refused = store
            .set_classification(
                &me,
                d,
                &Classification {
                    category: StatCategory::MarriageFamily,
                    source: CaseSource::Application,
                    crime_persons: Some(0),
                    petition_persons: None,
                },
            )
            .await;
        assert_eq!(
            refused.err(),
            Some(StoreError::Invalid(ValidationError::PersonsCount))
        );
        store
            .set_classification(
                &me,
                d,
                &Classification {
                    category: StatCategory::MarriageFamily,
                    source: CaseSource::Application,
                    crime_persons: Some(3),
                    petition_persons: None,
                },
            )
            .await
            .expect("marked");
        assert!(
            store
                .case_history(d)
                .await
                .expect("history")
                .iter()
                .any(|e| e.action == AuditAction::CaseClassified)
        );

        // E: received in May, outside the period.
        case_on(
            &store,
            &me,
            day(2025, 5, 1),
            Category::Other,
            IntakeChannel::Online,
            4,
        )
        .await;

        // By hand. Days to settle: A and B from receipt to today.
        let days_a = (today - day(2025, 2, 10)).num_days();
        let days_b = (today - day(2025, 2, 20)).num_days();
        let total = Tally {
            received: 4,
            mediated: 3,
            settled: 2,
            agreed_minor: 1_150_050,
            settle_days: days_a + days_b,
            within_limit: 1,
            instalments_due: 3,
            paid_on_time: 1,
            visits: 0,
            satisfied: 0,
            crime_cases: 1,
            crime_persons: 3,
            petition_cases: 0,
            petition_persons: 0,
        };
        let report = store
            .statistics(day(2025, 2, 14), day(2025, 3, 2))
            .await
            .expect("statistics");
        assert_eq!(
            (report.from, report.to),
            (day(2025, 2, 1), day(2025, 3, 31))
        );
        assert_eq!(report.total, total);
        assert_eq!(report.total.settlement_rate(), Some(667));
        assert_eq!(report.total.within_limit_rate(), Some(333));
        assert_eq!(report.total.compliance_rate(), Some(333));
        assert_eq!(report.total.satisfaction_rate(), None);

        let keys = |rows: &[accord_core::stats::Row]| -> Vec<(String, i64, i64)> {
            rows.iter()
                .map(|r| (r.key.clone(), r.tally.received, r.tally.settled))
                .collect()
        };
        assert_eq!(
            keys(&report.by_category),
            vec![
                ("marriage_family".into(), 1, 0),
                ("neighbour".into(), 2, 1),
                ("contract".into(), 1, 1),
            ]
        );
        assert_eq!(
            keys(&report.by_channel),
            vec![
                ("walk_in".into(), 1, 1),
                ("phone".into(), 1, 0),
                ("grid_report".into(), 2, 1),
            ]
        );
        assert_eq!(
            keys(&report.by_month),
            vec![("2025-02".into(), 3, 2), ("2025-03".into(), 1, 0)]
        );
        assert_eq!(
            keys(&report.by_mediator),
            vec![("边文玲".into(), 1, 1), (String::new(), 3, 1)]
        );
        let neighbour = &report.by_category[1].tally;
        assert_eq!(neighbour.agreed_minor, 1_150_050);
        assert_eq!(neighbour.within_limit, 1);

        // The rest of the money paid: the instalments paid on time do not
        // change (the third is paid late), the report says so at once.
        store
            .record_payment(&me, a, &pay(1, 1, 300_000, day(2025, 3, 31)))
            .await
            .expect("on time");
        let report = store
            .statistics(day(2025, 2, 1), day(2025, 3, 31))
            .await
            .expect("statistics");
        assert_eq!(report.total.paid_on_time, 2);

        // Nothing received in May's neighbourhood spills in, and a period
        // with no case is all zeros.
        let empty = store
            .statistics(day(2024, 1, 1), day(2024, 12, 31))
            .await
            .expect("statistics");
        assert_eq!(empty.total, Tally::default());
        assert_eq!(empty.by_month.len(), 12);
        db
    })
    .await;
}

#[tokio::test]
async fn a_repeat_dispute_is_flagged_and_only_the_director_clears_it_with_a_note() {
    common::on_each_backend("risk_repeat", |db| async move {
        let store = db.open().await;
        let admin = Actor::from(
            &store
                .create_account(None, &account("admin", "李枭", UserRole::Administrator))
                .await
                .expect("admin"),
        );
        let me = Actor::from(
            &store
                .create_account(Some(&admin), &account("bian", "边文玲", UserRole::Mediator))
                .await
                .expect("mediator"),
        );
        let recent = Local::now().date_naive() - chrono::Days::new(40);
        let first = case_on(
            &store,
            &me,
            recent - chrono::Days::new(60),
            Category::Neighbour,
            IntakeChannel::WalkIn,
            0,
        )
        .await;
        assert!(store.risk_flags(first).await.expect("flags").is_empty());
        assert_eq!(
            store.risk_level(first).await.expect("level"),
            RiskLevel::Green
        );

        // The same people again within twelve months.
        let second = case_on(
            &store,
            &me,
            recent,
            Category::Neighbour,
            IntakeChannel::WalkIn,
            0,
        )
        .await;
        let flags = store.risk_flags(second).await.expect("flags");
        let repeat = flags
            .iter()
            .find(|f| f.flag.rule == RiskRule::Repeat)
            .expect("a repeat dispute");
        assert_eq!(repeat.flag.level, RiskLevel::Yellow);
        let number = store.case(first).await.expect("case").number.to_string();
        assert_eq!(repeat.flag.facts, vec![number]);
        assert!(repeat.cleared.is_none());
        assert_eq!(
            store.risk_level(second).await.expect("level"),
            RiskLevel::Yellow
        );

        // The case list's filter shows it, and not the first case.
        let flagged = store
            .list_cases(&CaseQuery {
                flagged: true,
                ..CaseQuery::default()
            })
            .await
            .expect("list");
        assert_eq!(
            flagged.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![second]
        );

        // A mediator may not clear it; nor may the director without a note.
        assert_eq!(
            store
                .clear_risk(&me, second, RiskRule::Repeat, "已核实")
                .await
                .err(),
            Some(StoreError::NotAllowed)
        );
        assert_eq!(
            store
                .clear_risk(&admin, second, RiskRule::Repeat, "  ")
                .await
                .err(),
            Some(StoreError::Invalid(ValidationError::ReasonEmpty))
        );
        let flags = store
            .clear_risk(
                &admin,
                second,
                RiskRule::Repeat,
                "前案已履行完毕，本案系新的漏水",
            )
            .await
            .expect("cleared");
        let cleared = flags
            .iter()
            .find(|f| f.flag.rule == RiskRule::Repeat)
            .and_then(|f| f.cleared.clone())
            .expect("cleared");
        assert_eq!(cleared.by, "李枭");
        assert_eq!(cleared.note, "前案已履行完毕，本案系新的漏水");
        assert_eq!(
            store.risk_level(second).await.expect("level"),
            RiskLevel::Green
        );
        let history = store.case_history(second).await.expect("history");
        let event = history
            .iter()
            .find(|e| e.action == AuditAction::RiskCleared)
            .expect("audited");
        assert_eq!(event.who, "李枭");
        assert!(event.detail.to_string().contains("前案已履行完毕"));
        assert!(
            store
                .list_cases(&CaseQuery {
                    flagged: true,
                    ..CaseQuery::default()
                })
                .await
                .expect("list")
                .rows
                .is_empty()
        );

        // A third case of the same people: the facts changed, the flag is
        // raised again (red: two earlier cases).
        let third = case_on(
            &store,
            &me,
            recent + chrono::Days::new(5),
            Category::Neighbour,
            IntakeChannel::WalkIn,
            0,
        )
        .await;
        let flags = store.risk_flags(third).await.expect("flags");
        let repeat = flags
            .iter()
            .find(|f| f.flag.rule == RiskRule::Repeat)
            .expect("repeat");
        assert_eq!(repeat.flag.level, RiskLevel::Red);
        assert!(repeat.cleared.is_none());
        assert_eq!(
            store.risk_level(third).await.expect("level"),
            RiskLevel::Red
        );

        assert!(matches!(
            store.verify_audit_chain().await.expect("chain"),
            accord_store::ChainReport::Intact { .. }
        ));
        db
    })
    .await;
}
