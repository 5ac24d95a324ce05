//! The room on a real SQLite file: a session survives a restart exactly,
//! every entry is saved at once, and a closed session only takes
//! corrections. What the other side heard never changes afterwards, and
//! the mediator's notes never reach a party.

mod common;

use accord_core::{
    AuditAction, CaseStatus, Currency, Disclosure, ItemKind, Money, NewItem, Offer, Presence,
    RoomItem, Session, SessionError, StageKind, demo, room_view,
};
use accord_store::{Actor, Store, StoreError};
use chrono::Utc;

async fn setup(db: &common::TestDb) -> (Store, Actor, i64, Vec<i64>) {
    let store = db.open().await;
    let user = store
        .create_user(None, "边文玲", accord_core::UserRole::Mediator)
        .await
        .expect("user");
    let actor = Actor::from(&user);
    let case = store
        .create_case(&actor, &demo::water_leak_case().validate().expect("valid"))
        .await
        .expect("case");
    let parties = case.parties.iter().map(|p| p.id).collect();
    (store, actor, case.id, parties)
}

/// What a party said.
fn said(party: i64, text: &str) -> NewItem {
    NewItem {
        party_id: party,
        kind: Some(ItemKind::Statement),
        text: text.into(),
        ..NewItem::default()
    }
}

/// The mediator's own note, in a party's compartment.
fn note(party: i64, text: &str) -> NewItem {
    NewItem {
        kind: Some(ItemKind::Note),
        ..said(party, text)
    }
}

/// A time as the store keeps it (to the millisecond).
fn now_ms() -> chrono::DateTime<Utc> {
    chrono::DateTime::from_timestamp_millis(Utc::now().timestamp_millis()).expect("now")
}

/// Every party consents and the first caucus starts with `first`.
async fn caucus_with(
    store: &Store,
    actor: &Actor,
    mut session: Session,
    parties: &[i64],
    first: i64,
) -> Session {
    for p in parties {
        session.record_consent(*p, Utc::now()).expect("consent");
    }
    session.go_to(StageKind::Caucus, parties).expect("caucus");
    if session.present_party != Some(first) {
        session.switch_party(first, parties).expect("switch");
    }
    store
        .save_session(actor, &session, AuditAction::SessionStage)
        .await
        .expect("save")
}

/// The texts the screen may show for this presence, from what is stored.
fn texts(items: &[RoomItem], presence: Presence) -> Vec<String> {
    room_view(items, presence)
        .all()
        .map(|i| i.text.clone())
        .collect()
}

#[tokio::test]
async fn a_session_with_three_caucus_rounds_reloads_identically() {
    common::on_each_backend(
        "a_session_with_three_caucus_rounds_reloads_identically",
        |db| async move {
            let (store, actor, case_id, parties) = setup(&db).await;
            let (a, b) = (parties[0], parties[2]);
            let mut session = store.open_session(&actor, case_id).await.expect("session");
            assert_eq!(
                store.case(case_id).await.expect("case").status,
                CaseStatus::InMediation
            );
            for p in &parties {
                session.record_consent(*p, Utc::now()).expect("consent");
            }
            session.set_checked("checklist-opening-voluntary", true);
            session = store
                .save_session(&actor, &session, AuditAction::ConsentRecorded)
                .await
                .expect("save");
            session
                .go_to(StageKind::Statements, &parties)
                .expect("statements");
            store
                .record_item(&actor, session.id, &said(a, "楼上漏水三次"))
                .await
                .expect("statement");
            session.go_to(StageKind::Caucus, &[a, b]).expect("caucus");
            session = store
                .save_session(&actor, &session, AuditAction::SessionStage)
                .await
                .expect("save");
            let mut offers = Vec::new();
            for round in 1..=3 {
                for (party, amount) in [(a, 12_000 - round * 1_000), (b, 3_000 + round * 1_500)] {
                    if session.present_party != Some(party) {
                        session.switch_party(party, &[a, b]).expect("switch");
                        session = store
                            .save_session(&actor, &session, AuditAction::PartySwitched)
                            .await
                            .expect("save");
                    }
                    let offer = NewItem {
                        party_id: party,
                        kind: Some(ItemKind::Offer),
                        offer: Some(Offer {
                            amount: Some(Money::major(amount, Currency::Cny)),
                            terms: "一次付清".into(),
                        }),
                        ..NewItem::default()
                    };
                    offers.push(
                        store
                            .record_item(&actor, session.id, &offer)
                            .await
                            .expect("offer"),
                    );
                }
            }
            assert_eq!(session.round, 3);
            assert_eq!(
                offers.iter().map(|o| o.round).collect::<Vec<_>>(),
                vec![1, 1, 2, 2, 3, 3]
            );
            let items_before = store.room_items(&actor, session.id).await.expect("items");
            drop(store);

            let store = db.open().await;
            let reloaded = store.session(session.id).await.expect("session");
            assert_eq!(reloaded, session);
            assert_eq!(
                store.room_items(&actor, session.id).await.expect("items"),
                items_before
            );
            // Opening the case's session again resumes this one.
            assert_eq!(
                store
                    .open_session(&actor, case_id)
                    .await
                    .expect("resume")
                    .id,
                session.id
            );
            db
        },
    )
    .await;
}

#[tokio::test]
async fn disclosure_moves_from_confidential_to_shared_and_is_audited() {
    common::on_each_backend(
        "disclosure_moves_from_confidential_to_shared_and_is_audited",
        |db| async move {
            let (store, actor, case_id, parties) = setup(&db).await;
            let mut session = store.open_session(&actor, case_id).await.expect("session");
            // Said in the joint opening: everyone heard it.
            let joint = store
                .record_item(&actor, session.id, &said(parties[0], "我家也受了损失"))
                .await
                .expect("item");
            assert!(
                matches!(joint.disclosure, Disclosure::Shared { ref by, .. } if by == "边文玲")
            );
            for p in &parties {
                session.record_consent(*p, Utc::now()).expect("consent");
            }
            session.go_to(StageKind::Caucus, &parties).expect("caucus");
            let session = store
                .save_session(&actor, &session, AuditAction::SessionStage)
                .await
                .expect("save");
            // Said in a caucus: confidential until the party allows otherwise.
            let item = store
                .record_item(&actor, session.id, &said(parties[0], "可以先修管道"))
                .await
                .expect("item");
            assert_eq!(item.disclosure, Disclosure::Confidential);
            assert_eq!(item.round, 1);
            let item = store
                .set_disclosure(&actor, item.id, Disclosure::MayShare)
                .await
                .expect("may share");
            assert_eq!(item.disclosure, Disclosure::MayShare);
            let at = chrono::DateTime::from_timestamp_millis(Utc::now().timestamp_millis())
                .expect("now");
            let item = store
                .set_disclosure(
                    &actor,
                    item.id,
                    Disclosure::Shared {
                        at,
                        by: "边文玲".into(),
                    },
                )
                .await
                .expect("shared");
            assert_eq!(
                store.room_items(&actor, session.id).await.expect("items")[1],
                item
            );

            let history = store.case_history(case_id).await.expect("history");
            let changes = history
                .iter()
                .filter(|e| e.action == AuditAction::DisclosureChanged)
                .count();
            assert_eq!(changes, 2);
            assert!(
                history
                    .iter()
                    .any(|e| e.action == AuditAction::ItemRecorded)
            );
            db
        },
    )
    .await;
}

#[tokio::test]
async fn after_closing_only_corrections_are_recorded() {
    common::on_each_backend(
        "after_closing_only_corrections_are_recorded",
        |db| async move {
            let (store, actor, case_id, parties) = setup(&db).await;
            let mut session = store.open_session(&actor, case_id).await.expect("session");
            let item = store
                .record_item(&actor, session.id, &said(parties[0], "赔偿 8000 元"))
                .await
                .expect("item");
            // Said in the joint opening, so heard by everyone: the edit is a
            // new entry beside it.
            let revision = store
                .edit_item(&actor, item.id, "赔偿 8500 元", None)
                .await
                .expect("edit while open");
            session.close(Utc::now()).expect("close");
            store
                .save_session(&actor, &session, AuditAction::SessionClosed)
                .await
                .expect("closed");

            let err = store
                .edit_item(&actor, item.id, "赔偿 9000 元", None)
                .await
                .expect_err("closed");
            assert_eq!(err, StoreError::Session(SessionError::Closed));
            let err = store
                .record_item(&actor, session.id, &said(parties[0], "新内容"))
                .await
                .expect_err("closed");
            assert_eq!(err, StoreError::Session(SessionError::Closed));
            let correction = NewItem {
                corrects: Some(item.id),
                ..said(parties[0], "更正：赔偿 8000 元")
            };
            let fixed = store
                .record_item(&actor, session.id, &correction)
                .await
                .expect("correction");
            assert_eq!(fixed.corrects, Some(item.id));
            let items = store.room_items(&actor, session.id).await.expect("items");
            assert_eq!(
                (items[0].text.as_str(), items[1].text.as_str()),
                ("赔偿 8000 元", "赔偿 8500 元"),
                "the entries stay as they were at closing"
            );
            assert_eq!(items[1].corrects, Some(item.id));
            let err = store
                .edit_item(&actor, revision.id, "赔偿 9000 元", None)
                .await
                .expect_err("closed");
            assert_eq!(err, StoreError::Session(SessionError::Closed));
            // A new session can start for the same case.
            assert_ne!(
                store
                    .open_session(&actor, case_id)
                    .await
                    .expect("new session")
                    .id,
                session.id
            );
            db
        },
    )
    .await;
}

#[tokio::test]
async fn an_empty_entry_is_refused_with_a_reason() {
    common::on_each_backend("an_empty_entry_is_refused_with_a_reason", |db| async move {
        let (store, actor, case_id, parties) = setup(&db).await;
        let session = store.open_session(&actor, case_id).await.expect("session");
        let err = store
            .record_item(&actor, session.id, &said(parties[0], "  "))
            .await
            .expect_err("empty");
        assert_eq!(
            err,
            StoreError::Invalid(accord_core::ValidationError::ItemEmpty)
        );
        db
    })
    .await;
}

#[tokio::test]
async fn editing_a_conveyed_entry_adds_a_confidential_version_and_the_conveyed_words_stay() {
    common::on_each_backend(
        "editing_a_conveyed_entry_adds_a_confidential_version",
        |db| async move {
            let (store, actor, case_id, parties) = setup(&db).await;
            let (a, b) = (parties[0], parties[2]);
            let session = store.open_session(&actor, case_id).await.expect("session");
            let session = caucus_with(&store, &actor, session, &parties, a).await;
            let item = store
                .record_item(&actor, session.id, &said(a, "可以先修管道，赔偿 6000 元"))
                .await
                .expect("item");
            store
                .set_disclosure(&actor, item.id, Disclosure::MayShare)
                .await
                .expect("a allows");
            let conveyed = Disclosure::Shared {
                at: now_ms(),
                by: "边文玲".into(),
            };
            let original = store
                .set_disclosure(&actor, item.id, conveyed.clone())
                .await
                .expect("conveyed to b");

            // Back with A, the mediator rewrites the entry.
            let revision = store
                .edit_item(&actor, item.id, "可以先修管道，赔偿 5000 元", None)
                .await
                .expect("edit");
            assert_ne!(revision.id, item.id, "a new entry, not the conveyed one");
            assert_eq!(revision.corrects, Some(item.id));
            assert_eq!(revision.disclosure, Disclosure::Confidential);
            assert_eq!((revision.party_id, revision.kind), (a, item.kind));

            let items = store.room_items(&actor, session.id).await.expect("items");
            assert_eq!(
                items.iter().find(|i| i.id == item.id),
                Some(&original),
                "what B heard is stored exactly as it was conveyed"
            );
            // B's caucus shows the conveyed words, never the new ones.
            let in_b = texts(&items, Presence::Caucus(b));
            assert!(in_b.contains(&"可以先修管道，赔偿 6000 元".to_owned()));
            assert!(!in_b.iter().any(|t| t.contains("5000")), "{in_b:?}");
            assert!(
                !texts(&items, Presence::Joint)
                    .iter()
                    .any(|t| t.contains("5000"))
            );
            // A sees both.
            assert_eq!(texts(&items, Presence::Caucus(a)).len(), 2);
            // Only once A allows it and it is conveyed again does B hear it.
            store
                .set_disclosure(&actor, revision.id, Disclosure::MayShare)
                .await
                .expect("a allows the new words");
            let items = store.room_items(&actor, session.id).await.expect("items");
            let view = room_view(&items, Presence::Caucus(b));
            assert_eq!(
                view.to_convey.iter().map(|i| i.id).collect::<Vec<_>>(),
                vec![revision.id]
            );
            assert!(
                store
                    .item_versions(&actor, item.id)
                    .await
                    .expect("versions")
                    .is_empty()
            );
            db
        },
    )
    .await;
}

#[tokio::test]
async fn editing_an_entry_not_yet_conveyed_keeps_its_earlier_wordings() {
    common::on_each_backend(
        "editing_an_entry_not_yet_conveyed_keeps_its_earlier_wordings",
        |db| async move {
            let (store, actor, case_id, parties) = setup(&db).await;
            let (a, b) = (parties[0], parties[2]);
            let session = store.open_session(&actor, case_id).await.expect("session");
            let session = caucus_with(&store, &actor, session, &parties, a).await;
            let offer = |yuan| Offer {
                amount: Some(Money::major(yuan, Currency::Cny)),
                terms: "一次付清".into(),
            };
            let item = store
                .record_item(
                    &actor,
                    session.id,
                    &NewItem {
                        party_id: a,
                        kind: Some(ItemKind::Offer),
                        text: "最低 5000 元".into(),
                        offer: Some(offer(5_000)),
                        ..NewItem::default()
                    },
                )
                .await
                .expect("offer");
            let edited = store
                .edit_item(&actor, item.id, "最低 5500 元", Some(offer(5_500)))
                .await
                .expect("first edit");
            assert_eq!(edited.id, item.id, "changed in place");
            assert_eq!(edited.disclosure, Disclosure::Confidential);
            // A allows it, then the mediator changes the words again: the
            // permission was for the earlier words.
            store
                .set_disclosure(&actor, item.id, Disclosure::MayShare)
                .await
                .expect("may share");
            let edited = store
                .edit_item(&actor, item.id, "最低 6000 元", Some(offer(6_000)))
                .await
                .expect("second edit");
            assert_eq!(edited.text, "最低 6000 元");
            assert_eq!(edited.disclosure, Disclosure::Confidential);
            let items = store.room_items(&actor, session.id).await.expect("items");
            assert_eq!(items, vec![edited.clone()], "no new entry");
            assert!(
                room_view(&items, Presence::Caucus(b))
                    .all()
                    .next()
                    .is_none()
            );

            let versions = store
                .item_versions(&actor, item.id)
                .await
                .expect("versions");
            assert_eq!(
                versions
                    .iter()
                    .map(|v| (v.text.as_str(), v.offer.clone()))
                    .collect::<Vec<_>>(),
                vec![
                    ("最低 5000 元", Some(offer(5_000))),
                    ("最低 5500 元", Some(offer(5_500)))
                ]
            );
            assert!(
                versions
                    .iter()
                    .all(|v| v.item_id == item.id && v.replaced_by == "边文玲")
            );
            // The words are kept with the entry, not in the history anyone
            // reading the case sees.
            let history = store.case_history(case_id).await.expect("history");
            let edits: Vec<_> = history
                .iter()
                .filter(|e| e.action == AuditAction::ItemEdited)
                .collect();
            assert_eq!(edits.len(), 2);
            for e in history {
                assert!(!e.detail.to_string().contains("最低"), "{}", e.detail);
            }
            // An empty edit is refused.
            assert_eq!(
                store.edit_item(&actor, item.id, " ", None).await,
                Err(StoreError::Invalid(accord_core::ValidationError::ItemEmpty))
            );
            db
        },
    )
    .await;
}

#[tokio::test]
async fn a_correction_starts_confidential_even_of_a_conveyed_entry() {
    common::on_each_backend(
        "a_correction_starts_confidential_even_of_a_conveyed_entry",
        |db| async move {
            let (store, actor, case_id, parties) = setup(&db).await;
            let (a, b) = (parties[0], parties[2]);
            let mut session = store.open_session(&actor, case_id).await.expect("session");
            // Said in the joint opening: everyone heard it.
            let original = store
                .record_item(&actor, session.id, &said(a, "赔偿 8000 元"))
                .await
                .expect("item");
            assert!(matches!(original.disclosure, Disclosure::Shared { .. }));
            session.close(Utc::now()).expect("close");
            store
                .save_session(&actor, &session, AuditAction::SessionClosed)
                .await
                .expect("closed");
            let fixed = store
                .record_item(
                    &actor,
                    session.id,
                    &NewItem {
                        corrects: Some(original.id),
                        ..said(a, "更正：赔偿 9000 元")
                    },
                )
                .await
                .expect("correction");
            assert_eq!(fixed.disclosure, Disclosure::Confidential);
            let items = store.room_items(&actor, session.id).await.expect("items");
            assert_eq!(items[0], original, "the original stays shared as it was");
            for presence in [Presence::Joint, Presence::Caucus(b)] {
                assert_eq!(texts(&items, presence), vec!["赔偿 8000 元".to_owned()]);
            }
            assert_eq!(texts(&items, Presence::Caucus(a)).len(), 2);
            // The party allows it: the mediator conveys it again.
            let conveyed = store
                .set_disclosure(
                    &actor,
                    fixed.id,
                    Disclosure::Shared {
                        at: now_ms(),
                        by: "边文玲".into(),
                    },
                )
                .await
                .expect("conveyed");
            assert!(matches!(conveyed.disclosure, Disclosure::Shared { .. }));
            let items = store.room_items(&actor, session.id).await.expect("items");
            assert_eq!(texts(&items, Presence::Joint).len(), 2);
            db
        },
    )
    .await;
}

#[tokio::test]
async fn a_mediators_note_stays_confidential_in_every_stage_and_cannot_be_shared() {
    common::on_each_backend(
        "a_mediators_note_stays_confidential_in_every_stage",
        |db| async move {
            let (store, actor, case_id, parties) = setup(&db).await;
            let (a, b) = (parties[0], parties[2]);
            let mut session = store.open_session(&actor, case_id).await.expect("session");
            let mut notes = vec![
                store
                    .record_item(&actor, session.id, &note(a, "开场时李玥情绪激动"))
                    .await
                    .expect("opening note"),
            ];
            session
                .go_to(StageKind::Statements, &parties)
                .expect("statements");
            session = store
                .save_session(&actor, &session, AuditAction::SessionStage)
                .await
                .expect("save");
            notes.push(
                store
                    .record_item(&actor, session.id, &note(b, "王建国似乎有律师"))
                    .await
                    .expect("statements note"),
            );
            // A note without a kind is a note too.
            notes.push(
                store
                    .record_item(
                        &actor,
                        session.id,
                        &NewItem {
                            kind: None,
                            ..note(b, "先别提诉讼费")
                        },
                    )
                    .await
                    .expect("default kind"),
            );
            let statement = store
                .record_item(&actor, session.id, &said(b, "管道是老化了"))
                .await
                .expect("statement");
            let session = caucus_with(&store, &actor, session, &parties, a).await;
            notes.push(
                store
                    .record_item(&actor, session.id, &note(a, "底线可能是 5000 元"))
                    .await
                    .expect("caucus note"),
            );
            for n in &notes {
                assert_eq!(n.kind, ItemKind::Note);
                assert_eq!(n.disclosure, Disclosure::Confidential, "{}", n.text);
            }
            for wanted in [
                Disclosure::MayShare,
                Disclosure::Shared {
                    at: now_ms(),
                    by: "边文玲".into(),
                },
            ] {
                let err = store
                    .set_disclosure(&actor, notes[0].id, wanted)
                    .await
                    .expect_err("a note is never shared");
                assert_eq!(err, StoreError::Session(SessionError::NoteNotShared));
                assert_eq!(err.message().0, "session-error-note-not-shared");
            }
            let items = store.room_items(&actor, session.id).await.expect("items");
            assert_eq!(items[0], notes[0], "the refused change changed nothing");
            // No party sees a note, whoever is in the room; the statement
            // said in the joint room everyone sees.
            for presence in [Presence::Joint, Presence::Caucus(a), Presence::Caucus(b)] {
                let shown = texts(&items, presence);
                assert!(shown.contains(&statement.text), "{presence:?}");
                for n in &notes {
                    assert!(!shown.contains(&n.text), "{presence:?}: {}", n.text);
                }
            }
            assert_eq!(texts(&items, Presence::Alone).len(), items.len());
            db
        },
    )
    .await;
}
