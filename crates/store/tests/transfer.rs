//! Moving a room's data between back ends: SQLite to SQLite always, and
//! SQLite → PostgreSQL → SQLite when a server is configured. Nothing may
//! be lost or changed on the way: counts and content hashes of every table
//! agree, and the copy works as a database afterwards.

mod common;

use accord_core::{
    AuditAction, Currency, Disclosure, ItemKind, Money, NewItem, UserRole,
    agreement::{AgreementStatus, SignMethod, Signature},
    demo,
};
use accord_store::{Actor, CaseQuery, ChainReport, NewPayment, Store, StoreError};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

/// A database with something in every table: users, settings, the example
/// case with a session and confidential and shared entries, a finalised
/// agreement with its follow-ups, a signature, the centre key, a sealed PDF
/// (binary), a payment and a queued email with an attachment.
async fn fill(store: &Store) -> i64 {
    let me = Actor::from(
        &store
            .create_user(None, "边文玲", UserRole::Mediator)
            .await
            .expect("user"),
    );
    store
        .set_current_user(me.user_id.expect("id"))
        .await
        .expect("current");
    store
        .set_setting("centre_name", "青山区人民调解委员会")
        .await
        .expect("setting");
    let (case, _) = store.load_demo(&me).await.expect("demo");
    let mut session = store.open_session(&me, case.id).await.expect("session");
    for party in &case.parties {
        session
            .record_consent(party.id, chrono::Utc::now())
            .expect("consent");
    }
    store
        .save_session(&me, &session, AuditAction::ConsentRecorded)
        .await
        .expect("consents");
    let roster = store
        .save_mediator(
            &Actor::system(),
            None,
            &accord_core::MediatorDetails {
                name: "周敏".into(),
                mediator_type: Some(accord_core::MediatorType::LegalAdvisor),
                unit: "青山律师事务所".into(),
                categories: vec![
                    accord_core::Category::Contract,
                    accord_core::Category::Neighbour,
                ],
                languages: vec!["粤语".into()],
                availability: accord_core::mediator::Availability {
                    weekdays: 0b0001_0101,
                    leave: vec![(
                        NaiveDate::from_ymd_opt(2025, 3, 1).expect("date"),
                        NaiveDate::from_ymd_opt(2025, 3, 9).expect("date"),
                    )],
                },
                id_number: Some("150204198001010012".into()),
                phone: Some("13900000000".into()),
                address: Some("青山区幸福路1号".into()),
                relations: vec![accord_core::mediator::DeclaredRelation {
                    kind: accord_core::mediator::RelationKind::Neighbour,
                    name: "王建国".into(),
                    id_number: None,
                    note: "同一单元".into(),
                }],
                user_id: me.user_id,
                active: true,
            },
        )
        .await
        .expect("mediator");
    let item = store
        .record_item(
            &me,
            session.id,
            &NewItem {
                party_id: case.parties[0].id,
                kind: Some(ItemKind::Interest),
                text: "希望尽快修好，不想再打官司".into(),
                ..NewItem::default()
            },
        )
        .await
        .expect("item");
    // The mediator's note, edited: its earlier wording is kept.
    let note = store
        .record_item(
            &me,
            session.id,
            &NewItem {
                party_id: case.parties[0].id,
                kind: Some(ItemKind::Note),
                text: "李玥情绪激动".into(),
                ..NewItem::default()
            },
        )
        .await
        .expect("note");
    store
        .edit_item(&me, note.id, "李玥情绪激动，先别提金额", None)
        .await
        .expect("edited");
    store
        .set_disclosure(
            &me,
            item.id,
            Disclosure::Shared {
                at: chrono::Utc::now(),
                by: "边文玲".into(),
            },
        )
        .await
        .expect("shared");
    store
        .save_agreement(&me, case.id, &demo::water_leak_agreement(&case))
        .await
        .expect("draft");
    common::submit_and_approve(store, &me, case.id).await;
    store
        .save_signature(
            &me,
            case.id,
            &Signature {
                slot: 0,
                name: "李玥".into(),
                method: SignMethod::Pad,
                strokes: vec![vec![(0.1, 0.2), (0.333_333, 0.7), (0.9, 0.45)]],
                signed_at: chrono::Utc::now(),
            },
        )
        .await
        .expect("signature");
    common::sign_on_paper(store, &me, case.id).await;
    store.finalise_agreement(&me, case.id).await.expect("final");
    // The seal key is an administrator's (or the program's).
    store
        .save_centre_key(
            &Actor::system(),
            "青山区人民调解委员会",
            "Accord",
            &[0x30, 0x82, 0, 1],
            &[7; 32],
            false,
        )
        .await
        .expect("key");
    let pdf: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    store
        .save_sealed_pdf(&me, case.id, "zh-CN", &pdf, &[])
        .await
        .expect("sealed");
    store
        .record_payment(
            &me,
            case.id,
            &NewPayment {
                obligation: 1,
                installment: 0,
                amount: Money::major(3_000, Currency::Cny),
                paid_on: NaiveDate::from_ymd_opt(2025, 3, 1).expect("date"),
                method: "银行转账".into(),
                evidence: "回单".into(),
            },
        )
        .await
        .expect("payment");
    store
        .queue_emails(&[common::agreement_email(case.id, Some(pdf))])
        .await
        .expect("email");
    accord_entity::evaluation::ActiveModel {
        case_id: Set(case.id),
        visited_on: Set(NaiveDate::from_ymd_opt(2025, 4, 1).expect("date")),
        satisfaction: Set("satisfied".into()),
        note: Set("双方满意".into()),
        recorded_at: Set(chrono::DateTime::from_timestamp_millis(1_743_465_600_123).expect("t")),
        recorded_by: Set("边文玲".into()),
        ..Default::default()
    }
    .insert(store.connection())
    .await
    .expect("evaluation");
    store
        .record_amendment(
            &Actor::system(),
            case.id,
            &accord_core::agreement::NewAmendment {
                kind: accord_core::agreement::AmendmentKind::Supplementary,
                text: "第二期付款期限延至2025年4月30日。".into(),
                agreed_on: NaiveDate::from_ymd_opt(2025, 3, 20).expect("date"),
            },
        )
        .await
        .expect("a supplementary agreement");
    // What migrations 7 and 8 set aside in a file that had sealed or
    // queued twice: kept, and copied with the rest.
    let at = chrono::DateTime::from_timestamp_millis(1_739_318_400_456).expect("t");
    accord_entity::sealed_duplicate::ActiveModel {
        id: Set(90),
        agreement_id: Set(1),
        version: Set(2),
        content_hash: Set("ab".repeat(32)),
        locale: Set("zh-CN".into()),
        pdf: Set(b"%PDF-1.7 the second seal".to_vec()),
        sha256: Set("cd".repeat(32)),
        sealed_at: Set(at),
        sealed_by: Set("边文玲".into()),
    }
    .insert(store.connection())
    .await
    .expect("sealed duplicate");
    accord_entity::outbox_duplicate::ActiveModel {
        id: Set(91),
        message_id: Set("<twice@accord.local>".into()),
        case_id: Set(Some(case.id)),
        follow_up_id: Set(None),
        purpose: Set("reminder".into()),
        to_name: Set("王建国".into()),
        to_address: Set("wang@example.org".into()),
        subject: Set("履行提醒".into()),
        body: Set("请按期付款。".into()),
        attachment_name: Set(None),
        attachment: Set(None),
        state: Set("sent".into()),
        attempts: Set(1),
        not_before: Set(at),
        next_attempt_at: Set(at),
        last_error: Set(None),
        created_at: Set(at),
        sent_at: Set(Some(at)),
    }
    .insert(store.connection())
    .await
    .expect("outbox duplicate");
    // The desk: an assignment with its conflict and reason, a withdrawal
    // request decided, a transfer answered, judicial confirmation filed,
    // an oral agreement.
    let valid = demo::water_leak_case().validate().expect("valid");
    let second = store.create_case(&me, &valid).await.expect("second case");
    store
        .assign_mediator(&Actor::system(), second.id, roster.id, Some("双方同意"))
        .await
        .expect("assigned");
    let request = store
        .request_recusal(&me, second.id, roster.id, second.parties[2].id, "邻居")
        .await
        .expect("recusal");
    store
        .decide_recusal(&Actor::system(), request.id, true, "准予回避")
        .await
        .expect("decided");
    let routed = store
        .route_case(
            &me,
            second.id,
            &accord_core::desk::NewRouting {
                body: accord_core::desk::RoutingBody::Court,
                body_name: "包头市青山区人民法院".into(),
                reason: "当事人坚持诉讼".into(),
                done: "两次调解未达成协议".into(),
                feedback_due: NaiveDate::from_ymd_opt(2025, 3, 30).expect("date"),
            },
            NaiveDate::from_ymd_opt(2025, 3, 1).expect("date"),
        )
        .await
        .expect("routed");
    store
        .record_feedback(
            &me,
            routed.id,
            &accord_core::desk::Feedback {
                accepted: true,
                result: "已立案".into(),
                on: NaiveDate::from_ymd_opt(2025, 3, 10).expect("date"),
            },
        )
        .await
        .expect("feedback");
    store
        .prepare_jc(
            &me,
            case.id,
            "包头市青山区人民法院",
            accord_core::desk::CourtBasis::CommitteeSeat,
        )
        .await
        .expect("jc");
    store
        .record_jc_filed(
            &me,
            case.id,
            NaiveDate::from_ymd_opt(2025, 3, 2).expect("date"),
            "（2025）内0204民特8号",
        )
        .await
        .expect("filed");
    let third = store.create_case(&me, &valid).await.expect("third case");
    store
        .record_oral_agreement(
            &me,
            third.id,
            "当场修复水管",
            accord_core::desk::Performance::Performed,
        )
        .await
        .expect("oral");
    case.id
}

async fn check_copy(from: &Store, to: &Store) {
    let source = from.summary().await.expect("summary");
    assert!(
        source.iter().all(|t| t.rows > 0),
        "every table has rows: {source:?}"
    );
    let copied = from.copy_into(to).await.expect("copy");
    assert_eq!(copied, source);
    assert_eq!(to.summary().await.expect("summary"), source);
    // The audit chain came along as it was: ids and times are copied
    // exactly, so every hash still fits and the head is the same.
    let chain = from.verify_audit_chain().await.expect("verify");
    assert!(
        matches!(chain, ChainReport::Intact { events, .. } if events > 10),
        "{chain:?}"
    );
    assert_eq!(to.verify_audit_chain().await.expect("verify"), chain);
}

async fn check_usable(store: &Store, case_id: i64) {
    let case = store.case(case_id).await.expect("case");
    assert_eq!(case.parties[0].name, "李玥");
    let record = store
        .agreement(case_id)
        .await
        .expect("q")
        .expect("agreement");
    assert_eq!(record.status, AgreementStatus::Final);
    assert_eq!(
        store
            .sealed_pdf(case_id)
            .await
            .expect("q")
            .expect("pdf")
            .pdf
            .len(),
        4096
    );
    // New rows get fresh ids after the copied ones.
    let me = Actor::system();
    let second = store
        .create_case(&me, &demo::water_leak_case().validate().expect("valid"))
        .await
        .expect("a new case after the copy");
    assert!(second.id > case_id);
    assert_eq!(second.number.to_string(), "2025-0004");
    let found = store
        .list_cases(&CaseQuery {
            text: "赵喆".into(),
            ..CaseQuery::default()
        })
        .await
        .expect("search");
    assert_eq!(found.total, 4, "the name index came along");
    // The new case's event extends the copied chain.
    assert!(matches!(
        store.verify_audit_chain().await.expect("verify"),
        ChainReport::Intact { .. }
    ));
}

#[tokio::test]
async fn a_copy_has_the_same_counts_and_hashes_and_works() {
    let a = common::TestDb::sqlite();
    let b = common::TestDb::sqlite();
    let (from, to) = (a.open().await, b.open().await);
    let case_id = fill(&from).await;
    check_copy(&from, &to).await;
    check_usable(&to, case_id).await;

    // Into a database that is not empty: refused, and nothing is written.
    let before = to.summary().await.expect("summary");
    let err = from.copy_into(&to).await.expect_err("not empty");
    assert!(matches!(err, StoreError::TargetNotEmpty { .. }), "{err:?}");
    assert_eq!(to.summary().await.expect("summary"), before);
}

#[tokio::test]
async fn sqlite_to_postgresql_and_back_is_identical() {
    let Some(pg) = common::TestDb::postgres("transfer").await else {
        eprintln!(
            "{} is not set: PostgreSQL leg skipped",
            common::POSTGRES_ENV
        );
        return;
    };
    let room = common::TestDb::sqlite();
    let back = common::TestDb::sqlite();
    let (room_store, centre, back_store) = (room.open().await, pg.open().await, back.open().await);
    assert_eq!(centre.backend(), "postgres");
    let case_id = fill(&room_store).await;
    check_copy(&room_store, &centre).await;
    check_copy(&centre, &back_store).await;
    assert_eq!(
        back_store.summary().await.expect("summary"),
        room_store.summary().await.expect("summary")
    );
    check_usable(&centre, case_id).await;
    check_usable(&back_store, case_id).await;
    pg.finish().await;
}

/// A room's file from an earlier version, with times to the nanosecond,
/// is brought to milliseconds when it is opened, and then copies exactly.
#[tokio::test]
async fn an_older_file_with_finer_times_copies_exactly() {
    use sea_orm::ConnectionTrait;
    let old = common::TestDb::sqlite();
    let case_id = {
        let store = old.open().await;
        let case_id = fill(&store).await;
        // As the earlier version wrote them, and as if migration 6 had
        // never run on this file.
        for sql in [
            "UPDATE outbox SET not_before = '2026-11-20T08:15:30.123456789+00:00', \
             next_attempt_at = '2026-11-20T08:15:30.123456789+00:00'",
            "UPDATE session_consents SET at = '2026-11-20T08:00:00.000001+00:00'",
            "DELETE FROM seaql_migrations WHERE version LIKE '%millisecond_times'",
        ] {
            store.connection().execute_unprepared(sql).await.expect(sql);
        }
        case_id
    };
    let store = old.open().await;
    let times = store
        .connection()
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Sqlite,
            "SELECT not_before AS t FROM outbox UNION ALL SELECT at FROM session_consents",
        ))
        .await
        .expect("times");
    let times: Vec<String> = times
        .iter()
        .map(|r| r.try_get("", "t").expect("t"))
        .collect();
    assert!(
        times.contains(&"2026-11-20T08:15:30.123+00:00".to_owned()),
        "{times:?}"
    );
    assert!(
        times.contains(&"2026-11-20T08:00:00.000+00:00".to_owned()),
        "{times:?}"
    );
    let target = common::TestDb::sqlite();
    let to = target.open().await;
    check_copy(&store, &to).await;
    check_usable(&to, case_id).await;
    if let Some(pg) = common::TestDb::postgres("older_file").await {
        let centre = pg.open().await;
        check_copy(&store, &centre).await;
        pg.finish().await;
    }
}
