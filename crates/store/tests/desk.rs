//! The centre desk in the store, on every back end: the roster kept by
//! administrators; suggestions ranked with their reasons; the conflict
//! check (same ID number, same name with the same phone, a declared
//! relation) blocking assignment until a reason is written; reassignment
//! and withdrawal requests with their reasons; the due date, the board and
//! extensions with every party's consent; a transferred case that cannot
//! close before the answer; judicial confirmation's steps; oral
//! agreements; the first receiver's handover. Every change is audited and
//! the chain stays intact.

mod common;

use accord_core::{
    AuditAction, CaseStatus, Category, UserRole, ValidationError,
    conflict::Evidence,
    demo,
    desk::{CourtBasis, Feedback, JcState, NewRouting, Performance, RecusalDecision, RoutingBody},
    mediator::{Availability, DeclaredRelation, MediatorDetails, MediatorType, RelationKind},
    time_limit::Urgency,
};
use accord_store::{Actor, ChainReport, NewAccount, Store, StoreError};
use chrono::NaiveDate;

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

fn entry(name: &str, cats: &[Category], weekdays: u8) -> MediatorDetails {
    MediatorDetails {
        name: name.into(),
        mediator_type: Some(MediatorType::FullTime),
        unit: "青山区综治中心".into(),
        categories: cats.to_vec(),
        availability: Availability {
            weekdays,
            leave: Vec::new(),
        },
        active: true,
        ..Default::default()
    }
}

struct Centre {
    admin: Actor,
    mediator: Actor,
    mediator_id: i64,
    other: Actor,
}

async fn centre(store: &Store) -> Centre {
    let admin_user = store
        .create_account(None, &account("admin", "李枭", UserRole::Administrator))
        .await
        .expect("administrator");
    let admin = Actor::from(&admin_user);
    let bian = store
        .create_account(Some(&admin), &account("bian", "边文玲", UserRole::Mediator))
        .await
        .expect("mediator");
    let other = store
        .create_account(Some(&admin), &account("wang", "王五", UserRole::Mediator))
        .await
        .expect("mediator");
    Centre {
        admin,
        mediator: Actor::from(&bian),
        mediator_id: bian.id,
        other: Actor::from(&other),
    }
}

async fn history(store: &Store, case_id: i64) -> Vec<AuditAction> {
    store
        .case_history(case_id)
        .await
        .expect("history")
        .into_iter()
        .map(|e| e.action)
        .collect()
}

#[tokio::test]
async fn roster_suggestions_conflicts_assignment_and_recusal() {
    common::on_each_backend("desk_assign", |db| async move {
        let store = db.open().await;
        let c = centre(&store).await;

        // The roster is the administrators'.
        let refused = store
            .save_mediator(&c.mediator, None, &entry("周敏", &[], 0b11111))
            .await;
        assert_eq!(refused.err(), Some(StoreError::NotAllowed));
        assert!(store.roster().await.expect("roster").is_empty());

        // 2025-02-11 is a Tuesday.
        let today = day(2025, 2, 11);
        let mut bian = entry(
            "边文玲",
            &[Category::Neighbour, Category::Contract],
            0b00010,
        );
        bian.user_id = Some(c.mediator_id);
        let bian = store
            .save_mediator(&c.admin, None, &bian)
            .await
            .expect("bian");
        let zhou = store
            .save_mediator(
                &c.admin,
                None,
                &entry("周敏", &[Category::Neighbour], 0b00100),
            )
            .await
            .expect("zhou");
        let family = store
            .save_mediator(&c.admin, None, &entry("甲", &[Category::Family], 0b11111))
            .await
            .expect("family");
        // Tied to the respondent three ways.
        let mut tied = entry("王建国", &[Category::Neighbour], 0b11111);
        tied.phone = Some("137 0472 0601".into());
        tied.relations = vec![DeclaredRelation {
            kind: RelationKind::Relative,
            name: "李 玥".into(),
            id_number: None,
            note: "表姐".into(),
        }];
        let tied = store
            .save_mediator(&c.admin, None, &tied)
            .await
            .expect("tied");
        let mut same_id = entry("赵某", &[Category::Neighbour], 0b11111);
        same_id.id_number = Some("150204199003070056".into());
        let same_id = store
            .save_mediator(&c.admin, None, &same_id)
            .await
            .expect("id");

        let valid = demo::water_leak_case().validate().expect("valid");
        let case = store.create_case(&c.admin, &valid).await.expect("case");

        let ranked = store.suggestions(case.id, today).await.expect("suggest");
        let names: Vec<&str> = ranked
            .iter()
            .map(|s| s.mediator.details.name.as_str())
            .collect();
        // Neighbour specialists without a tie, Tuesday's first; the family
        // mediator after them; the tied ones last.
        assert_eq!(&names[..3], ["边文玲", "周敏", "甲"], "{names:?}");
        assert_eq!(ranked[0].next_available, Some(today));
        assert_eq!(ranked[1].next_available, Some(day(2025, 2, 12)));
        assert!(ranked[0].handles_category && !ranked[2].handles_category);
        let tied_hits = &ranked
            .iter()
            .find(|s| s.mediator.id == tied.id)
            .expect("tied offered")
            .conflicts;
        assert!(
            tied_hits
                .iter()
                .any(|h| h.person == "王建国"
                    && matches!(h.evidence, Evidence::SameNamePhone { .. })),
            "{tied_hits:?}"
        );
        assert!(tied_hits.iter().any(|h| h.person == "李玥"
            && matches!(
                h.evidence,
                Evidence::Declared {
                    kind: RelationKind::Relative,
                    ..
                }
            )));
        let id_hits = &ranked
            .iter()
            .find(|s| s.mediator.id == same_id.id)
            .expect("offered")
            .conflicts;
        assert!(
            matches!(id_hits[0].evidence, Evidence::SameId { .. }) && id_hits[0].person == "赵喆"
        );

        // A tie blocks assignment until a reason is written; nothing is
        // written meanwhile.
        for (who, reason) in [(tied.id, None), (same_id.id, Some("  "))] {
            assert_eq!(
                store
                    .assign_mediator(&c.admin, case.id, who, reason)
                    .await
                    .err(),
                Some(StoreError::Invalid(ValidationError::ConflictUnexplained))
            );
        }
        assert!(
            store
                .case_desk(case.id)
                .await
                .expect("desk")
                .assignments
                .is_empty()
        );
        assert_eq!(
            store.case(case.id).await.expect("case").status,
            CaseStatus::Received
        );

        // Another mediator may not assign (not the receiver, not the director).
        assert_eq!(
            store
                .assign_mediator(&c.other, case.id, bian.id, None)
                .await
                .err(),
            Some(StoreError::NotAllowed)
        );
        let lead = store
            .assign_mediator(&c.admin, case.id, bian.id, None)
            .await
            .expect("assign");
        assert!(lead.lead && lead.conflicts.is_empty());
        let after = store.case(case.id).await.expect("case");
        assert_eq!(after.status, CaseStatus::Assigned);
        // It is now among the mediator's own cases, and not another's.
        let mine = |user: Option<i64>| accord_store::CaseQuery {
            mine: user,
            limit: 10,
            ..accord_store::CaseQuery::default()
        };
        let listed = store
            .list_cases(&mine(Some(c.mediator_id)))
            .await
            .expect("mine");
        assert_eq!(
            listed.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![case.id]
        );
        let others = store
            .list_cases(&mine(c.other.user_id))
            .await
            .expect("theirs");
        assert_eq!(others.total, 0);
        // The lead's account now owns the room: another mediator may not open it.
        assert_eq!(
            store.open_session(&c.other, case.id).await.err(),
            Some(StoreError::NotAllowed)
        );
        store
            .open_session(&c.mediator, case.id)
            .await
            .expect("the lead opens the room");

        // With a written reason, the tied mediator is assigned and the
        // evidence is kept.
        let co = store
            .assign_mediator(
                &c.admin,
                case.id,
                tied.id,
                Some("当事人双方书面同意由其参与调解"),
            )
            .await
            .expect("assigned with a reason");
        assert!(!co.lead);
        assert_eq!(co.conflicts.len(), 2);
        assert_eq!(
            co.override_reason.as_deref(),
            Some("当事人双方书面同意由其参与调解")
        );
        assert_eq!(
            store
                .assign_mediator(&c.admin, case.id, tied.id, Some("x"))
                .await
                .err(),
            Some(StoreError::Invalid(ValidationError::AssignedAlready))
        );
        // The desk shows the ties of the current mediators.
        let desk = store.case_desk(case.id).await.expect("desk");
        assert_eq!(desk.conflicts.len(), 2);
        // Open cases count in the next suggestions.
        let counts = store.open_case_counts().await.expect("counts");
        assert_eq!(counts.get(&bian.id), Some(&1));

        // A party asks the tied mediator to withdraw; only the director decides.
        let li = case
            .parties
            .iter()
            .find(|p| p.name == "李玥")
            .expect("李玥");
        let request = store
            .request_recusal(&c.mediator, case.id, tied.id, li.id, "调解员系申请人亲属")
            .await
            .expect("request");
        assert_eq!(request.decision, RecusalDecision::Pending);
        assert_eq!(request.party_name, "李玥");
        assert_eq!(
            store
                .request_recusal(&c.mediator, case.id, tied.id, 9_999, "x")
                .await
                .err(),
            Some(StoreError::Invalid(ValidationError::NotAParty))
        );
        assert_eq!(
            store
                .decide_recusal(&c.mediator, request.id, true, "亲属关系属实")
                .await
                .err(),
            Some(StoreError::NotAllowed)
        );
        assert_eq!(
            store
                .decide_recusal(&c.admin, request.id, true, " ")
                .await
                .err(),
            Some(StoreError::Invalid(ValidationError::ReasonEmpty))
        );
        let decided = store
            .decide_recusal(&c.admin, request.id, true, "亲属关系属实，准予回避")
            .await
            .expect("decide");
        assert_eq!(decided.decision, RecusalDecision::Granted);
        assert_eq!(
            store
                .decide_recusal(&c.admin, request.id, false, "改判")
                .await
                .err(),
            Some(StoreError::Invalid(ValidationError::DecidedAlready))
        );
        let desk = store.case_desk(case.id).await.expect("desk");
        let current: Vec<&str> = desk
            .assignments
            .iter()
            .filter(|a| a.ended_at.is_none())
            .map(|a| a.mediator_name.as_str())
            .collect();
        assert_eq!(current, ["边文玲"]);
        assert!(desk.conflicts.is_empty(), "the tie left with the mediator");

        // Reassignment: one change, the reason kept on the ended one.
        assert_eq!(
            store
                .reassign(&c.admin, lead.id, zhou.id, "", None)
                .await
                .err(),
            Some(StoreError::Invalid(ValidationError::ReasonEmpty))
        );
        let new_lead = store
            .reassign(&c.admin, lead.id, zhou.id, "边文玲休假两周", None)
            .await
            .expect("reassign");
        assert!(new_lead.lead);
        let desk = store.case_desk(case.id).await.expect("desk");
        let ended = desk
            .assignments
            .iter()
            .find(|a| a.id == lead.id)
            .expect("kept");
        assert_eq!(ended.end_reason.as_deref(), Some("边文玲休假两周"));
        let _ = family;

        let actions = history(&store, case.id).await;
        for a in [
            AuditAction::MediatorAssigned,
            AuditAction::RecusalRequested,
            AuditAction::RecusalDecided,
            AuditAction::AssignmentEnded,
        ] {
            assert!(actions.contains(&a), "{a:?} in {actions:?}");
        }
        assert!(matches!(
            store.verify_audit_chain().await.expect("chain"),
            ChainReport::Intact { .. }
        ));
        db
    })
    .await;
}

#[tokio::test]
async fn due_dates_the_board_extensions_and_handover() {
    common::on_each_backend("desk_due", |db| async move {
        let store = db.open().await;
        let c = centre(&store).await;
        let valid = demo::water_leak_case().validate().expect("valid");
        // Received 10 February 2025: due 10 March.
        let case = store.create_case(&c.mediator, &valid).await.expect("case");
        let desk = store.case_desk(case.id).await.expect("desk");
        assert_eq!(desk.time_limit.due(), day(2025, 3, 10));
        assert_eq!(desk.receiver.as_ref().map(|r| r.1.as_str()), Some("边文玲"));

        let board = store.board(day(2025, 3, 1), 50).await.expect("board");
        assert!(board.rows.is_empty(), "nine days left: not near yet");
        let board = store.board(day(2025, 3, 8), 50).await.expect("board");
        assert_eq!(board.rows.len(), 1);
        assert_eq!(board.rows[0].urgency(), Urgency::Near { days_left: 2 });
        assert_eq!((board.total_near, board.total_overdue), (1, 0));
        let board = store.board(day(2025, 3, 12), 50).await.expect("board");
        assert_eq!(board.rows[0].urgency(), Urgency::Overdue { days: 2 });
        assert_eq!(board.rows[0].mediator_users, vec![c.mediator_id]);
        assert_eq!(board.total_overdue, 1);
        assert_eq!(board.per_mediator.len(), 1, "not assigned from the roster");
        assert_eq!(board.per_mediator[0].mediator_id, None);

        // A court's date replaces the month, with its reason; earlier
        // than acceptance is refused.
        assert_eq!(
            store
                .set_due_date(&c.mediator, case.id, day(2025, 2, 1), "法院委派")
                .await
                .err(),
            Some(StoreError::Invalid(ValidationError::DateTime))
        );
        let set = store
            .set_due_date(
                &c.mediator,
                case.id,
                day(2025, 3, 12),
                "青山区法院委派调解，限期至3月12日",
            )
            .await
            .expect("court date");
        assert_eq!(set.due(), day(2025, 3, 12));
        let board = store.board(day(2025, 3, 12), 50).await.expect("board");
        assert_eq!(board.rows[0].urgency(), Urgency::Today);

        // An extension needs every party's consent and a reason.
        let ids: Vec<i64> = case.parties.iter().map(|p| p.id).collect();
        assert_eq!(
            store
                .extend_time_limit(
                    &c.mediator,
                    case.id,
                    day(2025, 4, 10),
                    "等待鉴定",
                    ids[..2].to_vec()
                )
                .await
                .err(),
            Some(StoreError::Invalid(ValidationError::ExtensionNoConsent))
        );
        assert_eq!(
            store
                .extend_time_limit(&c.other, case.id, day(2025, 4, 10), "等待鉴定", ids.clone())
                .await
                .err(),
            Some(StoreError::NotAllowed),
            "another mediator's case"
        );
        let limit = store
            .extend_time_limit(
                &c.mediator,
                case.id,
                day(2025, 4, 10),
                "等待房屋损失鉴定结论",
                ids,
            )
            .await
            .expect("extend");
        assert_eq!(limit.due(), day(2025, 4, 10));
        let board = store.board(day(2025, 3, 12), 50).await.expect("board");
        assert!(board.rows.is_empty(), "moved off the board");
        assert_eq!(
            store
                .set_due_date(&c.mediator, case.id, day(2025, 5, 1), "x")
                .await
                .err(),
            Some(StoreError::Invalid(ValidationError::DecidedAlready)),
            "after an extension, a later date is another extension"
        );
        assert_eq!(
            store
                .case_desk(case.id)
                .await
                .expect("desk")
                .time_limit
                .extensions[0]
                .reason,
            "等待房屋损失鉴定结论"
        );

        // The warning days are the centre's setting.
        store
            .set_due_warning_days(&c.admin, 40)
            .await
            .expect("setting");
        assert_eq!(
            store
                .board(day(2025, 3, 12), 50)
                .await
                .expect("board")
                .rows
                .len(),
            1
        );
        assert_eq!(
            store.set_due_warning_days(&c.mediator, 5).await.err(),
            Some(StoreError::NotAllowed)
        );

        // Handover: the first receiver (or the director) hands the case on.
        let other_id = c.other.user_id.expect("id");
        assert_eq!(
            store
                .hand_over(&c.other, case.id, other_id, "接手")
                .await
                .err(),
            Some(StoreError::NotAllowed)
        );
        store
            .hand_over(&c.mediator, case.id, other_id, "调往青山路司法所")
            .await
            .expect("handover");
        let desk = store.case_desk(case.id).await.expect("desk");
        assert_eq!(desk.receiver.map(|r| r.1), Some("王五".to_owned()));
        let actions = history(&store, case.id).await;
        assert!(actions.contains(&AuditAction::TimeLimitExtended));
        assert!(actions.contains(&AuditAction::TimeLimitSet));

        // A category with its own days: cases taken in from then on.
        store
            .set_centre_details(&c.admin, &[("time_limit_days.neighbour", "20")])
            .await
            .expect("setting");
        let later = store.create_case(&c.mediator, &valid).await.expect("case");
        assert_eq!(
            store
                .case_desk(later.id)
                .await
                .expect("desk")
                .time_limit
                .due(),
            day(2025, 3, 2),
            "20 days from 10 February"
        );
        assert!(actions.contains(&AuditAction::CaseHandedOver));
        db
    })
    .await;
}

#[tokio::test]
async fn a_transferred_case_closes_only_after_the_answer() {
    common::on_each_backend("desk_route", |db| async move {
        let store = db.open().await;
        let c = centre(&store).await;
        let valid = demo::water_leak_case().validate().expect("valid");
        let case = store.create_case(&c.mediator, &valid).await.expect("case");
        let today = day(2025, 2, 12);
        let mut slip = NewRouting {
            body: RoutingBody::Police,
            body_name: " ".into(),
            reason: "涉嫌故意毁坏财物".into(),
            done: "已听取双方陈述".into(),
            feedback_due: day(2025, 2, 26),
        };
        assert_eq!(
            store
                .route_case(&c.mediator, case.id, &slip, today)
                .await
                .err(),
            Some(StoreError::Invalid(ValidationError::NameEmpty))
        );
        slip.body_name = "青山路派出所".into();
        let routed = store
            .route_case(&c.mediator, case.id, &slip, today)
            .await
            .expect("route");
        let case = store.case(case.id).await.expect("case");
        assert_eq!(case.status, CaseStatus::Referred);
        assert_eq!(case.number.to_string(), "2025-0001", "keeps its number");
        assert_eq!(
            store
                .change_status(&c.mediator, case.id, case.version, CaseStatus::Closed)
                .await
                .err(),
            Some(StoreError::Invalid(ValidationError::FeedbackPending))
        );
        assert!(routed.feedback_late(day(2025, 2, 27)));
        store
            .record_feedback(
                &c.mediator,
                routed.id,
                &Feedback {
                    accepted: true,
                    result: "已立案调查，双方和解".into(),
                    on: day(2025, 2, 20),
                },
            )
            .await
            .expect("feedback");
        let closed = store
            .change_status(&c.mediator, case.id, case.version, CaseStatus::Closed)
            .await
            .expect("closes now");
        assert_eq!(closed.status, CaseStatus::Closed);
        let actions = history(&store, case.id).await;
        assert!(actions.contains(&AuditAction::CaseRouted));
        assert!(actions.contains(&AuditAction::RoutingFeedback));
        db
    })
    .await;
}

#[tokio::test]
async fn judicial_confirmation_steps_and_oral_agreements() {
    common::on_each_backend("desk_jc", |db| async move {
        let store = db.open().await;
        let c = centre(&store).await;
        let valid = demo::water_leak_case().validate().expect("valid");
        let case = store.create_case(&c.mediator, &valid).await.expect("case");
        assert_eq!(
            store
                .record_jc_filed(&c.mediator, case.id, day(2025, 3, 1), "x")
                .await
                .err(),
            Some(StoreError::NotFound),
            "nothing to file before the application"
        );
        let jc = store
            .prepare_jc(
                &c.mediator,
                case.id,
                "包头市青山区人民法院",
                CourtBasis::CommitteeSeat,
            )
            .await
            .expect("prepare");
        assert_eq!(jc.state, JcState::Prepared);
        assert_eq!(
            store
                .record_jc_ruling(&c.mediator, case.id, true, day(2025, 3, 5), "")
                .await
                .err(),
            Some(StoreError::Invalid(ValidationError::DecidedAlready)),
            "no ruling before filing"
        );
        store
            .record_jc_filed(
                &c.mediator,
                case.id,
                day(2025, 3, 1),
                "（2025）内0204民特12号",
            )
            .await
            .expect("filed");
        let ruled = store
            .record_jc_ruling(
                &c.mediator,
                case.id,
                true,
                day(2025, 3, 8),
                "裁定调解协议有效",
            )
            .await
            .expect("ruling");
        assert_eq!(ruled.state, JcState::Confirmed);
        assert_eq!(
            ruled.court_number.as_deref(),
            Some("（2025）内0204民特12号")
        );
        assert_eq!(
            store
                .prepare_jc(&c.mediator, case.id, "别的法院", CourtBasis::PartyDomicile)
                .await
                .err(),
            Some(StoreError::Invalid(ValidationError::DecidedAlready))
        );

        // An oral agreement settles a simple case on the spot.
        let quick = store.create_case(&c.mediator, &valid).await.expect("case");
        assert_eq!(
            store
                .record_oral_agreement(&c.mediator, quick.id, "  ", Performance::Performed)
                .await
                .err(),
            Some(StoreError::Invalid(ValidationError::ContentEmpty))
        );
        store
            .record_oral_agreement(
                &c.mediator,
                quick.id,
                "王建国当场修好水管并赔偿200元",
                Performance::NotYet,
            )
            .await
            .expect("oral");
        assert_eq!(
            store.case(quick.id).await.expect("case").status,
            CaseStatus::Settled
        );
        let updated = store
            .record_oral_agreement(
                &c.mediator,
                quick.id,
                "王建国当场修好水管并赔偿200元",
                Performance::Performed,
            )
            .await
            .expect("performance");
        assert_eq!(updated.performance, Performance::Performed);
        let desk = store.case_desk(quick.id).await.expect("desk");
        assert_eq!(
            desk.oral.map(|o| o.performance),
            Some(Performance::Performed)
        );
        assert_eq!(
            history(&store, quick.id)
                .await
                .iter()
                .filter(|a| **a == AuditAction::OralAgreementRecorded)
                .count(),
            2
        );
        db
    })
    .await;
}
