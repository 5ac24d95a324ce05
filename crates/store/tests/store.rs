//! The store on a real SQLite file: what a mediator saves is there after a
//! restart, the database refuses broken links, and every change is audited.

mod common;

use accord_core::{
    AuditAction, CaseNumber, CaseStatus, Category, IntakeChannel, NewCase, NewIssue, NewParty,
    PartyRole, UserRole, ValidationError, demo,
};
use accord_store::{Actor, CaseQuery, Store, StoreError};
use chrono::{TimeZone, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};

fn party(role: PartyRole, name: &str, id: &str) -> NewParty {
    NewParty {
        role: Some(role),
        name: name.into(),
        id_number: id.into(),
        ..NewParty::default()
    }
}

fn new_case(summary: &str, applicant: &str, respondent: &str) -> NewCase {
    NewCase {
        category: Category::PropertyManagement,
        channel: IntakeChannel::WalkIn,
        received_at: Utc
            .with_ymd_and_hms(2025, 6, 1, 2, 0, 0)
            .single()
            .expect("date"),
        summary: summary.into(),
        parties: vec![
            party(PartyRole::Applicant, applicant, "11010519491231002X"),
            party(PartyRole::Respondent, respondent, ""),
        ],
        issues: vec![NewIssue {
            title: "物业费".into(),
            claimed: None,
        }],
    }
}

#[tokio::test]
async fn a_saved_case_is_there_after_reopening_the_file() {
    common::on_each_backend(
        "a_saved_case_is_there_after_reopening_the_file",
        |db| async move {
            let store = db.open().await;
            let user = store
                .create_user(None, "边文玲", UserRole::Mediator)
                .await
                .expect("user");
            let actor = Actor::from(&user);
            let valid = new_case("电梯维修费用分摊", "张珺", "青山物业")
                .validate()
                .expect("valid");
            let saved = store.create_case(&actor, &valid).await.expect("saved");
            assert_eq!(saved.number, CaseNumber::new(2025, 1));
            let second = store.create_case(&actor, &valid).await.expect("saved");
            assert_eq!(second.number, CaseNumber::new(2025, 2));
            store
                .set_current_user(user.id)
                .await
                .expect("remember user");
            drop(store);

            let store = db.open().await;
            let back = store
                .case_by_number(CaseNumber::new(2025, 1))
                .await
                .expect("query")
                .expect("found");
            assert_eq!(back, saved);
            assert_eq!(back.parties[0].name, "张珺");
            assert_eq!(
                back.parties[0].id_number.as_deref(),
                Some("11010519491231002X")
            );
            assert_eq!(back.issues[0].title, "物业费");
            assert_eq!(store.current_user().await.expect("query"), Some(user));
            assert_eq!(store.count_cases().await.expect("count"), 2);
            db
        },
    )
    .await;
}

#[tokio::test]
async fn a_party_pointing_to_a_missing_case_is_rejected() {
    common::on_each_backend(
        "a_party_pointing_to_a_missing_case_is_rejected",
        |db| async move {
            let store = db.open().await;
            let orphan = accord_entity::party::ActiveModel {
                case_id: Set(4242),
                position: Set(0),
                kind: Set("person".into()),
                role: Set("applicant".into()),
                name: Set("无案可依".into()),
                ..Default::default()
            };
            let err = orphan
                .insert(store.connection())
                .await
                .expect_err("foreign key must refuse it");
            assert!(
                err.to_string().to_lowercase().contains("foreign key"),
                "{err}"
            );
            db
        },
    )
    .await;
}

#[tokio::test]
async fn every_change_writes_its_audit_event() {
    common::on_each_backend("every_change_writes_its_audit_event", |db| async move {
        let store = db.open().await;
        let user = store
            .create_user(None, "李瑞芳", UserRole::Administrator)
            .await
            .expect("user");
        let actor = Actor::from(&user);
        let case = store
            .create_case(
                &actor,
                &new_case("噪音", "甲", "乙").validate().expect("valid"),
            )
            .await
            .expect("case");
        let case = store
            .change_status(&actor, case.id, case.version, CaseStatus::Assigned)
            .await
            .expect("assigned");
        assert_eq!(case.status, CaseStatus::Assigned);
        assert_eq!(case.version, 2);

        let log = store.audit_log().await.expect("log");
        let actions: Vec<_> = log
            .iter()
            .map(|e| (e.action, e.who.as_str(), e.case_id))
            .collect();
        assert_eq!(
            actions,
            vec![
                (AuditAction::UserCreated, "李瑞芳", None),
                (AuditAction::CaseCreated, "李瑞芳", Some(case.id)),
                (AuditAction::CaseStatus, "李瑞芳", Some(case.id)),
            ]
        );
        assert_eq!(log[2].detail["from"], "received");
        assert_eq!(log[2].detail["to"], "assigned");
        assert_eq!(store.case_history(case.id).await.expect("history").len(), 2);
        db
    })
    .await;
}

#[tokio::test]
async fn illegal_or_stale_status_changes_write_nothing() {
    common::on_each_backend(
        "illegal_or_stale_status_changes_write_nothing",
        |db| async move {
            let store = db.open().await;
            let actor = Actor::system();
            let case = store
                .create_case(
                    &actor,
                    &new_case("噪音", "甲", "乙").validate().expect("valid"),
                )
                .await
                .expect("case");
            let err = store
                .change_status(&actor, case.id, case.version, CaseStatus::Closed)
                .await
                .expect_err("illegal");
            assert_eq!(
                err,
                StoreError::Invalid(ValidationError::IllegalTransition {
                    from: "received",
                    to: "closed"
                })
            );
            store
                .change_status(&actor, case.id, case.version, CaseStatus::Assigned)
                .await
                .expect("first edit");
            // A second window still holding version 1 must not overwrite silently.
            let err = store
                .change_status(&actor, case.id, case.version, CaseStatus::Referred)
                .await
                .expect_err("stale");
            assert_eq!(err, StoreError::Conflict);
            assert_eq!(
                store.case(case.id).await.expect("case").status,
                CaseStatus::Assigned
            );
            assert_eq!(store.case_history(case.id).await.expect("history").len(), 2);
            db
        },
    )
    .await;
}

#[tokio::test]
async fn the_list_searches_numbers_and_name_fragments_newest_first() {
    common::on_each_backend(
        "the_list_searches_numbers_and_name_fragments_newest_first",
        |db| async move {
            let store = db.open().await;
            let actor = Actor::system();
            for (a, r) in [("王芳", "李堃"), ("赵喆", "王建国"), ("Li Yue", "Acme Ltd")] {
                store
                    .create_case(&actor, &new_case("纠纷", a, r).validate().expect("valid"))
                    .await
                    .expect("case");
            }
            let numbers = |page: accord_store::CasePage| {
                page.rows.into_iter().map(|r| r.number).collect::<Vec<_>>()
            };
            let all = store.list_cases(&CaseQuery::default()).await.expect("list");
            assert_eq!(all.total, 3);
            assert_eq!(numbers(all), vec!["2025-0003", "2025-0002", "2025-0001"]);
            let q = |text: &str| CaseQuery {
                text: text.into(),
                ..CaseQuery::default()
            };
            assert_eq!(
                numbers(store.list_cases(&q("王")).await.expect("list")),
                vec!["2025-0002", "2025-0001"]
            );
            assert_eq!(
                numbers(store.list_cases(&q("建国")).await.expect("list")),
                vec!["2025-0002"]
            );
            assert_eq!(
                numbers(store.list_cases(&q("王建国")).await.expect("list")),
                vec!["2025-0002"]
            );
            assert_eq!(
                numbers(store.list_cases(&q("王国")).await.expect("list")),
                Vec::<String>::new()
            );
            assert_eq!(
                numbers(store.list_cases(&q("li y")).await.expect("list")),
                vec!["2025-0003"]
            );
            assert_eq!(
                numbers(store.list_cases(&q("2025-0001")).await.expect("list")),
                vec!["2025-0001"]
            );
            assert_eq!(
                numbers(store.list_cases(&q("%")).await.expect("list")),
                Vec::<String>::new()
            );
            let row = &store.list_cases(&q("李堃")).await.expect("list").rows[0];
            assert_eq!(
                (row.applicants.clone(), row.respondents.clone()),
                (vec!["王芳".to_owned()], vec!["李堃".to_owned()])
            );

            let second = store
                .case_by_number(CaseNumber::new(2025, 2))
                .await
                .expect("q")
                .expect("found");
            store
                .change_status(&actor, second.id, second.version, CaseStatus::Assigned)
                .await
                .expect("assign");
            let assigned = CaseQuery {
                status: Some(CaseStatus::Assigned),
                ..CaseQuery::default()
            };
            assert_eq!(
                numbers(store.list_cases(&assigned).await.expect("list")),
                vec!["2025-0002"]
            );
            // Activity moves a case to the top.
            assert_eq!(
                store
                    .list_cases(&CaseQuery::default())
                    .await
                    .expect("list")
                    .rows[0]
                    .number,
                "2025-0002"
            );
            let paged = CaseQuery {
                offset: 1,
                limit: 1,
                ..CaseQuery::default()
            };
            let page = store.list_cases(&paged).await.expect("list");
            assert_eq!(
                (page.total, numbers(page)),
                (3, vec!["2025-0003".to_owned()])
            );
            db
        },
    )
    .await;
}

#[tokio::test]
async fn migrations_run_on_an_empty_file_and_twice_is_harmless() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("empty.sqlite3");
    std::fs::write(&path, b"").expect("empty file");
    let store = Store::open(&path.display().to_string())
        .await
        .expect("migrates an empty file");
    let tables = store
        .connection()
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Sqlite,
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
        ))
        .await
        .expect("tables");
    let names: Vec<String> = tables
        .iter()
        .map(|r| r.try_get("", "name").expect("name"))
        .collect();
    for table in [
        "audit_events",
        "cases",
        "disputed_issues",
        "mediators",
        "parties",
        "party_name_grams",
        "settings",
        "users",
    ] {
        assert!(
            names.iter().any(|n| n == table),
            "{table} missing in {names:?}"
        );
    }
    drop(store);
    Store::open(&path.display().to_string())
        .await
        .expect("opens again");
}

#[tokio::test]
async fn the_example_loads_once() {
    common::on_each_backend("the_example_loads_once", |db| async move {
        let store = db.open().await;
        let (case, created) = store.load_demo(&Actor::system()).await.expect("demo");
        assert!(created);
        assert_eq!(
            case.parties
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>(),
            ["李玥", "赵喆", "王建国"]
        );
        let (again, created) = store.load_demo(&Actor::system()).await.expect("demo");
        assert!(!created);
        assert_eq!(again.id, case.id);
        assert_eq!(store.count_cases().await.expect("count"), 1);
        assert_eq!(demo::water_leak_case().parties.len(), 3);
        db
    })
    .await;
}

#[tokio::test]
async fn a_database_that_cannot_be_opened_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("not-a-database.sqlite3");
    std::fs::write(
        &path,
        b"this is not a SQLite file, it is a letter from a party",
    )
    .expect("write");
    match Store::open(&path.display().to_string()).await {
        Err(StoreError::NotADatabase { location, .. }) => {
            assert!(location.contains("not-a-database"))
        }
        other => panic!("expected an open error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_database_from_the_first_schema_opens_with_its_data() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/schema-v1.sqlite3");
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = dir.path().join("old.sqlite3");
    std::fs::copy(&fixture, &copy).expect("copy fixture");
    let store = Store::open(&copy.display().to_string())
        .await
        .expect("an old database opens");
    let case = store
        .case_by_number(CaseNumber::new(2025, 1))
        .await
        .expect("query")
        .expect("the example case");
    assert_eq!(case.parties.len(), 3);
    assert_eq!(case.parties[2].name, "王建国");
    assert_eq!(case.issues[1].claimed.map(|m| m.minor), Some(800_000));
    assert!(
        !store
            .case_history(case.id)
            .await
            .expect("history")
            .is_empty()
    );
}

/// A new database file and its -wal and -shm files are readable by their
/// owner only: other accounts on the laptop cannot copy the parties' data.
#[cfg(unix)]
#[tokio::test]
async fn a_new_database_and_its_journal_files_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("private.sqlite3");
    let store = accord_store::Store::open(&path.display().to_string())
        .await
        .expect("open");
    store
        .load_demo(&accord_store::Actor::system())
        .await
        .expect("some data, so the journal files exist");
    for suffix in ["", "-wal", "-shm"] {
        let file = dir.path().join(format!("private.sqlite3{suffix}"));
        let mode = std::fs::metadata(&file)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "{} is {:o}",
            file.display(),
            mode & 0o777
        );
    }
}
