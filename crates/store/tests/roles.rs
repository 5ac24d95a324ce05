//! Roles enforced in the store, on every back end: every write with a
//! role rule, tried as a mediator, a legal advisor and an administrator
//! (accounts, so the role is the one stored), allowed or refused as the
//! rules say, and a refused write changes nothing; four eyes (nobody
//! approves or returns a version they wrote, by id and, for versions saved
//! before ids were kept, by name); finalising needs every signature or a
//! "signs on paper" mark; the legal advisor's review queue, longest
//! waiting first.

mod common;

use accord_core::{
    AuditAction, UserRole,
    agreement::{AgreementStatus, SignMethod, Signature},
    demo,
};
use accord_store::{Actor, NewAccount, Store, StoreError};
use sea_orm::ConnectionTrait;

/// The writes with a role rule. Anything not listed (cases, the room,
/// drafting and submitting an agreement, signatures, sealing, follow-ups)
/// is open to every role for now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Write {
    /// `create_user` (a user without a password).
    CreateUser,
    /// `create_account`.
    CreateAccount,
    /// `set_password` of someone else (one's own is anyone's).
    SetOthersPassword,
    /// `save_centre_key`: a new or imported seal key.
    SaveCentreKey,
    /// `save_mail_settings`.
    SaveMailSettings,
    /// `review_agreement` to approved.
    Approve,
    /// `review_agreement` to returned.
    Return,
    /// `review_agreement_of` (the version read) to approved.
    ApproveVersionRead,
    /// `centre_key_or_save`: the first key, made when something is first
    /// sealed, by whoever seals (listed to show it stays open).
    FirstCentreKey,
    /// `review_agreement` to in review: anyone submits (listed likewise).
    Submit,
}

const WRITES: [Write; 10] = [
    // First: the first key is made before any other exists.
    Write::FirstCentreKey,
    Write::CreateUser,
    Write::CreateAccount,
    Write::SetOthersPassword,
    Write::SaveCentreKey,
    Write::SaveMailSettings,
    Write::Approve,
    Write::Return,
    Write::ApproveVersionRead,
    Write::Submit,
];

const ROLES: [UserRole; 3] = [
    UserRole::Mediator,
    UserRole::LegalAdvisor,
    UserRole::Administrator,
];

/// Who may: the rules as built.
fn allowed(write: Write, role: UserRole) -> bool {
    match write {
        Write::CreateUser
        | Write::CreateAccount
        | Write::SetOthersPassword
        | Write::SaveCentreKey
        | Write::SaveMailSettings => role == UserRole::Administrator,
        Write::Approve | Write::Return | Write::ApproveVersionRead => {
            role == UserRole::LegalAdvisor
        }
        Write::FirstCentreKey | Write::Submit => true,
    }
}

fn account(login: &str, name: &str, role: UserRole) -> NewAccount {
    NewAccount {
        login: login.into(),
        name: name.into(),
        role,
        password: "一个足够长的密码".into(),
    }
}

/// The centre: an administrator (the first account), a mediator, two
/// legal advisors, and someone whose password gets reset.
struct Centre {
    admin: Actor,
    mediator: Actor,
    advisor: Actor,
    other_advisor: Actor,
    someone: i64,
}

impl Centre {
    fn as_role(&self, role: UserRole) -> &Actor {
        match role {
            UserRole::Mediator => &self.mediator,
            UserRole::LegalAdvisor => &self.advisor,
            UserRole::Administrator => &self.admin,
        }
    }
}

async fn centre(store: &Store) -> Centre {
    let admin = Actor::from(
        &store
            .create_account(None, &account("admin", "李瑞芳", UserRole::Administrator))
            .await
            .expect("first administrator"),
    );
    let mut made = Vec::new();
    for (login, name, role) in [
        ("bian", "边文玲", UserRole::Mediator),
        ("zhou", "周敏", UserRole::LegalAdvisor),
        ("qian", "钱律师", UserRole::LegalAdvisor),
        ("wang", "王五", UserRole::Mediator),
    ] {
        made.push(
            store
                .create_account(Some(&admin), &account(login, name, role))
                .await
                .expect("account"),
        );
    }
    Centre {
        admin,
        mediator: Actor::from(&made[0]),
        advisor: Actor::from(&made[1]),
        other_advisor: Actor::from(&made[2]),
        someone: made[3].id,
    }
}

/// A case with a complete agreement, drafted by the program.
async fn case_with_agreement(store: &Store) -> i64 {
    let valid = demo::water_leak_case().validate().expect("valid");
    let case = store
        .create_case(&Actor::system(), &valid)
        .await
        .expect("case");
    store
        .save_agreement(
            &Actor::system(),
            case.id,
            &demo::water_leak_agreement(&case),
        )
        .await
        .expect("draft");
    case.id
}

async fn status(store: &Store, case_id: i64) -> AgreementStatus {
    store
        .agreement(case_id)
        .await
        .expect("read")
        .expect("there")
        .status
}

/// Brings the state a write needs, as the program: the agreement waiting
/// in review with a version written by the program (to decide on), or a
/// draft (to submit).
async fn prepare(store: &Store, write: Write, case_id: i64) {
    let me = Actor::system();
    let content = || async {
        let case = store.case(case_id).await.expect("case");
        demo::water_leak_agreement(&case)
    };
    let waiting = status(store, case_id).await == AgreementStatus::InReview;
    match write {
        Write::Approve | Write::Return | Write::ApproveVersionRead if !waiting => {
            store
                .save_agreement(&me, case_id, &content().await)
                .await
                .expect("new version");
            store
                .review_agreement(&me, case_id, AgreementStatus::InReview, None)
                .await
                .expect("submit");
        }
        Write::Submit => {
            if waiting {
                store
                    .review_agreement(&me, case_id, AgreementStatus::Returned, Some("再改"))
                    .await
                    .expect("return");
            }
            store
                .save_agreement(&me, case_id, &content().await)
                .await
                .expect("new version");
        }
        _ => {}
    }
}

/// Tries `write` as `actor`; `n` makes names and logins unique.
async fn attempt(
    store: &Store,
    centre: &Centre,
    write: Write,
    actor: &Actor,
    case_id: i64,
    n: usize,
) -> Result<(), StoreError> {
    match write {
        Write::CreateUser => store
            .create_user(Some(actor), &format!("新同事{n}"), UserRole::Mediator)
            .await
            .map(drop),
        Write::CreateAccount => store
            .create_account(
                Some(actor),
                &account(&format!("new{n}"), "新同事", UserRole::Mediator),
            )
            .await
            .map(drop),
        Write::SetOthersPassword => {
            store
                .set_password(actor, centre.someone, "重新设置的新密码")
                .await
        }
        Write::SaveCentreKey => store
            .save_centre_key(
                actor,
                "青山区人民调解委员会",
                "Accord",
                b"cert",
                b"key",
                n.is_multiple_of(2),
            )
            .await
            .map(drop),
        Write::SaveMailSettings => {
            store
                .save_mail_settings(actor, &[("smtp_host", &format!("smtp{n}.example.org"))])
                .await
        }
        Write::Approve => store
            .review_agreement(actor, case_id, AgreementStatus::Approved, Some("同意"))
            .await
            .map(drop),
        Write::Return => store
            .review_agreement(actor, case_id, AgreementStatus::Returned, Some("请修改"))
            .await
            .map(drop),
        Write::ApproveVersionRead => {
            let newest = store
                .agreement(case_id)
                .await?
                .and_then(|r| r.current().map(|v| v.number))
                .unwrap_or_default();
            store
                .review_agreement_of(actor, case_id, newest, AgreementStatus::Approved, None)
                .await
                .map(drop)
        }
        Write::FirstCentreKey => store
            .centre_key_or_save(actor, "青山区人民调解委员会", "Accord", b"c0", b"k0")
            .await
            .map(drop),
        Write::Submit => store
            .review_agreement(actor, case_id, AgreementStatus::InReview, None)
            .await
            .map(drop),
    }
}

/// Everything a write with a role rule could change, for comparing
/// before and after a refusal.
async fn snapshot(store: &Store, case_id: i64) -> String {
    format!(
        "{:?}",
        (
            store.audit_log().await.expect("log").len(),
            store.users().await.expect("users"),
            store.centre_key().await.expect("key").map(|k| k.id),
            store.setting("smtp_host").await.expect("setting"),
            store.agreement(case_id).await.expect("agreement"),
        )
    )
}

#[tokio::test]
async fn every_write_with_a_role_rule_is_allowed_or_refused_as_the_rules_say() {
    common::on_each_backend("roles_matrix", |db| async move {
        let store = db.open().await;
        let centre = centre(&store).await;
        let case_id = case_with_agreement(&store).await;
        assert!(store.centre_key().await.expect("key").is_none());
        let mut n = 0;
        for write in WRITES {
            // Refused roles first: a refusal must leave the state the
            // next attempt needs.
            let mut roles = ROLES.to_vec();
            roles.sort_by_key(|r| allowed(write, *r));
            for role in roles {
                n += 1;
                prepare(&store, write, case_id).await;
                let before = snapshot(&store, case_id).await;
                let log = store.audit_log().await.expect("log").len();
                let result =
                    attempt(&store, &centre, write, centre.as_role(role), case_id, n).await;
                if allowed(write, role) {
                    assert_eq!(result, Ok(()), "{write:?} as {role:?} ({})", db.backend);
                    if write == Write::FirstCentreKey && role == UserRole::Mediator {
                        assert!(store.centre_key().await.expect("key").is_some());
                    }
                } else {
                    assert_eq!(
                        result,
                        Err(StoreError::NotAllowed),
                        "{write:?} as {role:?} ({})",
                        db.backend
                    );
                    assert_eq!(
                        store.audit_log().await.expect("log").len(),
                        log,
                        "{write:?} as {role:?}: no audit event"
                    );
                    assert_eq!(
                        snapshot(&store, case_id).await,
                        before,
                        "{write:?} as {role:?} changed something"
                    );
                }
            }
        }
        // The program may do everything (a database without accounts is
        // unprotected; background jobs and `accord demo` run as it) but
        // give credentials: accounts and passwords are an administrator's.
        for write in WRITES {
            n += 1;
            prepare(&store, write, case_id).await;
            let credentials = matches!(write, Write::CreateAccount | Write::SetOthersPassword);
            assert_eq!(
                attempt(&store, &centre, write, &Actor::system(), case_id, n).await,
                if credentials {
                    Err(StoreError::NotAllowed)
                } else {
                    Ok(())
                },
                "{write:?} as the program"
            );
        }
        // An actor whose id names no user is refused, whatever it calls
        // itself: the role is read from the users table, never taken.
        let stranger = Actor {
            user_id: Some(9_999),
            name: "李瑞芳".into(),
        };
        prepare(&store, Write::Approve, case_id).await;
        for write in [Write::SaveMailSettings, Write::Approve, Write::CreateUser] {
            n += 1;
            assert_eq!(
                attempt(&store, &centre, write, &stranger, case_id, n).await,
                Err(StoreError::NotAllowed),
                "{write:?} by an unknown user id"
            );
        }
        // Nobody adds a user without an administrator once accounts exist.
        assert_eq!(
            store
                .create_user(None, "无名氏", UserRole::Mediator)
                .await
                .map(drop),
            Err(StoreError::NotAllowed)
        );
        // Mail settings are audited by key, never by value.
        let log = store.audit_log().await.expect("log");
        let mail = log
            .iter()
            .rev()
            .find(|e| e.action == AuditAction::MailSettingsChanged)
            .expect("audited");
        assert_eq!(mail.detail, serde_json::json!({ "keys": ["smtp_host"] }));
        db
    })
    .await;
}

#[tokio::test]
async fn nobody_approves_or_returns_a_version_they_wrote() {
    common::on_each_backend("roles_four_eyes", |db| async move {
        let store = db.open().await;
        let centre = centre(&store).await;
        let case_id = case_with_agreement(&store).await;
        let case = store.case(case_id).await.expect("case");
        let content = demo::water_leak_agreement(&case);
        // A legal advisor drafts a version and submits it.
        let writer = &centre.advisor;
        store
            .save_agreement(writer, case_id, &content)
            .await
            .expect("version 2");
        store
            .review_agreement(writer, case_id, AgreementStatus::InReview, None)
            .await
            .expect("submit");
        let record = store.agreement(case_id).await.expect("read").expect("x");
        assert_eq!(
            record.current().and_then(|v| v.created_by_id),
            writer.user_id
        );
        let before = snapshot(&store, case_id).await;
        for next in [AgreementStatus::Approved, AgreementStatus::Returned] {
            assert_eq!(
                store
                    .review_agreement(writer, case_id, next, Some("自己看过了"))
                    .await
                    .map(drop),
                Err(StoreError::OwnVersion),
                "{next:?} by the writer"
            );
            assert_eq!(
                store
                    .review_agreement_of(writer, case_id, 2, next, Some("自己看过了"))
                    .await
                    .map(drop),
                Err(StoreError::OwnVersion),
                "{next:?} of the version read, by the writer"
            );
        }
        assert_eq!(snapshot(&store, case_id).await, before, "nothing changed");
        assert_eq!(StoreError::OwnVersion.message().0, "error-own-version");
        // Another legal advisor approves it.
        let record = store
            .review_agreement(
                &centre.other_advisor,
                case_id,
                AgreementStatus::Approved,
                None,
            )
            .await
            .expect("the other advisor approves");
        assert_eq!(
            record.current().and_then(|v| v.reviewed_by.clone()),
            Some("钱律师".into())
        );

        // A version saved before ids were kept names its writer only: the
        // name decides then.
        store
            .save_agreement(&centre.advisor, case_id, &content)
            .await
            .expect("version 3");
        store
            .review_agreement(&centre.mediator, case_id, AgreementStatus::InReview, None)
            .await
            .expect("submit");
        store
            .connection()
            .execute_unprepared("UPDATE agreement_versions SET created_by_id = NULL")
            .await
            .expect("as an old row");
        let record = store.agreement(case_id).await.expect("read").expect("x");
        assert_eq!(record.current().and_then(|v| v.created_by_id), None);
        assert_eq!(
            store
                .review_agreement(&centre.advisor, case_id, AgreementStatus::Approved, None)
                .await
                .map(drop),
            Err(StoreError::OwnVersion),
            "the writer, known by name"
        );
        store
            .review_agreement(
                &centre.other_advisor,
                case_id,
                AgreementStatus::Returned,
                Some("请补充"),
            )
            .await
            .expect("another advisor returns it");
        db
    })
    .await;
}

#[tokio::test]
async fn finalising_needs_every_signature_or_a_paper_mark() {
    common::on_each_backend("roles_finalise_signatures", |db| async move {
        let store = db.open().await;
        let centre = centre(&store).await;
        let case_id = case_with_agreement(&store).await;
        let me = &centre.mediator;
        store
            .review_agreement(me, case_id, AgreementStatus::InReview, None)
            .await
            .expect("submit");
        store
            .review_agreement(&centre.advisor, case_id, AgreementStatus::Approved, None)
            .await
            .expect("approve");
        let case = store.case(case_id).await.expect("case");
        let signatories = demo::water_leak_agreement(&case).signatories(&case);
        assert!(signatories.len() > 3);
        // Nobody has signed: all are named, in print order.
        let names: Vec<String> = signatories.iter().map(|s| s.name.clone()).collect();
        let before = snapshot(&store, case_id).await;
        assert_eq!(
            store.finalise_agreement(me, case_id).await.map(drop),
            Err(StoreError::Unsigned(names.clone()))
        );
        assert_eq!(snapshot(&store, case_id).await, before, "nothing changed");
        // The first on the pad, all but the last on paper: the last is named.
        for (slot, s) in signatories.iter().enumerate().take(signatories.len() - 1) {
            let pad = slot == 0;
            store
                .save_signature(
                    me,
                    case_id,
                    &Signature {
                        slot,
                        name: s.name.clone(),
                        method: if pad {
                            SignMethod::Pad
                        } else {
                            SignMethod::Paper
                        },
                        strokes: if pad {
                            vec![vec![(0.1, 0.5), (0.4, 0.2), (0.8, 0.6)]]
                        } else {
                            Vec::new()
                        },
                        signed_at: chrono::Utc::now(),
                    },
                )
                .await
                .expect("signed");
        }
        let last = names.last().cloned().expect("a last signatory");
        let err = store
            .finalise_agreement(me, case_id)
            .await
            .expect_err("one is missing");
        assert_eq!(err, StoreError::Unsigned(vec![last.clone()]));
        assert_eq!(
            err.message(),
            ("error-agreement-unsigned", vec![("names", last.clone())])
        );
        store
            .save_signature(
                me,
                case_id,
                &Signature {
                    slot: signatories.len() - 1,
                    name: last,
                    method: SignMethod::Paper,
                    strokes: Vec::new(),
                    signed_at: chrono::Utc::now(),
                },
            )
            .await
            .expect("on paper");
        let record = store.finalise_agreement(me, case_id).await.expect("final");
        assert_eq!(record.status, AgreementStatus::Final);
        db
    })
    .await;
}

#[tokio::test]
async fn the_review_queue_lists_what_waits_longest_first() {
    common::on_each_backend("roles_review_queue", |db| async move {
        let store = db.open().await;
        let centre = centre(&store).await;
        assert!(store.review_queue().await.expect("queue").is_empty());
        let a = case_with_agreement(&store).await;
        let b = case_with_agreement(&store).await;
        let c = case_with_agreement(&store).await;
        // Submitted b, then a (by another), then c; c is then returned.
        for (case_id, by) in [
            (b, &centre.mediator),
            (a, &centre.admin),
            (c, &centre.mediator),
        ] {
            store
                .review_agreement(by, case_id, AgreementStatus::InReview, None)
                .await
                .expect("submit");
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        store
            .review_agreement(
                &centre.advisor,
                c,
                AgreementStatus::Returned,
                Some("请修改"),
            )
            .await
            .expect("return");
        let queue = store.review_queue().await.expect("queue");
        let number = |id: i64| {
            let store = &store;
            async move { store.case(id).await.expect("case").number.to_string() }
        };
        let seen: Vec<(i64, String, i32, String)> = queue
            .iter()
            .map(|q| {
                (
                    q.case_id,
                    q.case_number.clone(),
                    q.version,
                    q.submitted_by.clone(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            vec![
                (b, number(b).await, 1, "边文玲".to_owned()),
                (a, number(a).await, 1, "李瑞芳".to_owned()),
            ]
        );
        assert!(queue[0].submitted_at <= queue[1].submitted_at);
        // c, resubmitted, comes last (its newest submission counts); an
        // approved agreement leaves the queue.
        let case = store.case(c).await.expect("case");
        store
            .save_agreement(&centre.mediator, c, &demo::water_leak_agreement(&case))
            .await
            .expect("version 2");
        store
            .review_agreement(&centre.admin, c, AgreementStatus::InReview, None)
            .await
            .expect("resubmit");
        store
            .review_agreement(&centre.advisor, b, AgreementStatus::Approved, None)
            .await
            .expect("approve");
        let queue: Vec<(i64, i32, String)> = store
            .review_queue()
            .await
            .expect("queue")
            .into_iter()
            .map(|q| (q.case_id, q.version, q.submitted_by))
            .collect();
        assert_eq!(
            queue,
            vec![(a, 1, "李瑞芳".to_owned()), (c, 2, "李瑞芳".to_owned())]
        );
        db
    })
    .await;
}
