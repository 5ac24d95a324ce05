//! The mediation room: what the mediator has on screen while the parties
//! sit in front of it. Everything drawn from the recorded items goes through
//! [`accord_core::room_view`] with the party present, so one party's
//! confidential words never reach the screen while another is in the room,
//! and the mediator's notes never while any party is. Only when the
//! mediator says nobody else is in the room ("mediator alone") does
//! everything show, notes included, until a party comes back, the stage
//! changes, another party is invited in or the curtain goes down.
//!
//! This module holds the room's state, its [`Message`], `update`, the
//! keyboard and the jobs (saving the session and the entries). The page is
//! drawn in `view` (layout, offers chart, curtain), `stage` (stage bar,
//! checklist, consents, the switch dialog, the caucus header), `entry` (the
//! entry form) and `items` (the lists of entries).
//!
//! This module keeps the room's state and its `update`, one piece because
//! every message acts on the one session and its confidentiality rule
//! (who is present decides what may be shown); the drawing is apart.

mod entry;
mod items;
mod stage;
mod view;

use accord_core::{
    AuditAction, Case, Currency, Disclosure, ItemKind, Money, NewItem, Offer, Party, Presence,
    RoomItem, Session, SessionError, StageKind, ValidationError, room_view,
};
use accord_store::{Actor, Store, StoreError};
use chrono::Utc;

use crate::gui::{Action, Ctx, Route, commands::Command};

use entry::{Draft, Typed};
pub use entry::{IssueChoice, PartyChoice};

/// Where typing done while the mediator was alone is put aside (no
/// party has this id).
const ALONE: i64 = -1;

/// The setting that remembers the room the mediator is in, so the app
/// opens there again after a restart.
pub const SETTING_ROOM_CASE: &str = "room_case_id";

/// Everything the room screen shows: the case, the session, its entries
/// and those of the case's earlier sessions.
pub type RoomData = (Case, Session, Vec<RoomItem>, Vec<RoomItem>);

/// Opens (or resumes) a case's session and reads what the room shows.
pub async fn open(store: &Store, actor: &Actor, case_id: i64) -> Result<RoomData, StoreError> {
    let session = store.open_session(actor, case_id).await?;
    let case = store.case(case_id).await?;
    let items = store.room_items(actor, session.id).await?;
    let earlier = store.earlier_room_items(actor, session.id).await?;
    Ok((case, session, items, earlier))
}

/// Forgets the room to come back to (the session ended or the mediator
/// left it).
async fn leave(store: &Store) -> Result<(), StoreError> {
    store.set_local_setting(SETTING_ROOM_CASE, "").await
}

/// The room's state.
#[derive(Debug, Clone)]
pub struct Room {
    pub case: Case,
    pub session: Session,
    pub items: Vec<RoomItem>,
    /// The entries of the case's earlier sessions (read only here).
    pub earlier: Vec<RoomItem>,
    /// The privacy curtain is down: nothing recorded is on screen.
    pub curtain: bool,
    /// A party switch waiting for the mediator's confirmation: until it
    /// is answered nothing of either party shows.
    pub confirm_switch: Option<i64>,
    /// Ending the session waits for the mediator's confirmation.
    pub confirm_close: bool,
    /// The mediator said nobody else is in the room: everything recorded
    /// shows, the mediator's notes included.
    pub alone: bool,
    draft: Draft,
    /// What was typed for a party who left the room, put back when they
    /// come in again (never shown to anyone else).
    stash: Vec<(i64, Typed)>,
    error: Option<Problem>,
    /// Why an entry just saved does not show (it is confidential, or a
    /// mediator's note, and someone is in the room).
    notice: Option<Saved>,
}

/// An entry saved that the room's screen may not show now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Saved {
    /// A mediator's note: it shows only to the mediator alone.
    Note,
    /// A confidential entry (a new version of a conveyed one, or a
    /// correction) of this party.
    Confidential { id: i64, party: i64 },
}

/// Something to tell the mediator.
#[derive(Debug, Clone, PartialEq)]
enum Problem {
    /// What was typed cannot be saved.
    Invalid(ValidationError),
    /// The session refused the step (e.g. a consent is missing).
    Session(SessionError),
    /// The database failed.
    Store(StoreError),
}

/// What the mediator does in the room.
#[derive(Debug, Clone)]
pub enum Message {
    /// Go to a stage (next / previous).
    GoTo(StageKind),
    /// A party consents to mediate.
    Consent(i64),
    /// A checklist entry was ticked or unticked.
    Check(&'static str, bool),
    /// Ask to end the session (needs confirmation).
    AskClose,
    /// The mediator confirmed ending the session.
    ConfirmClose,
    /// Ending the session was cancelled.
    CancelClose,
    /// Ask to bring another party in (needs confirmation).
    AskSwitch(i64),
    /// The mediator confirmed that the party present left the room.
    ConfirmSwitch,
    /// The switch was cancelled.
    CancelSwitch,
    /// The privacy curtain goes down or up.
    Curtain(bool),
    /// The mediator is alone in the room (true), or a party came back.
    Alone(bool),
    /// The speaker of a joint-session entry was picked.
    SpeakerPicked(i64),
    /// The kind of the new entry was picked.
    KindPicked(ItemKind),
    /// The issue of the new entry was picked.
    IssuePicked(IssueChoice),
    /// The new entry's text was edited.
    TextEdited(iced::widget::text_editor::Action),
    /// The new offer's amount changed.
    AmountChanged(String),
    /// The new offer's terms changed.
    TermsChanged(String),
    /// Save the new entry; in a caucus `share` saves it as allowed to be
    /// passed on.
    Record { share: bool },
    /// The party present allows (or no longer allows) passing an item on.
    AllowShare(i64, bool),
    /// The mediator has conveyed an item of the other side.
    Conveyed(i64),
    /// Edit (or, once the session is closed, correct) an entry.
    Edit(i64),
    /// Stop editing.
    CancelEdit,
    /// Back to the case.
    Back,
    /// On to the settlement agreement (from the closing or after the
    /// session).
    Agreement,
    /// The session as saved, or why it was not.
    SessionSaved(Result<Session, StoreError>),
    /// A new entry as saved, or why it was not.
    Recorded(Result<RoomItem, StoreError>),
    /// An edited or re-disclosed entry as saved, or why it was not.
    Replaced(Result<RoomItem, StoreError>),
    /// The room to come back to was remembered or forgotten.
    Remembered(Result<(), StoreError>),
}

impl Room {
    /// The room as opened: curtain up, form empty.
    pub fn new((case, session, items, earlier): RoomData) -> Self {
        // A case with one disputed issue: everything said is about it.
        let draft = Draft {
            issue: match case.issues.as_slice() {
                [only] => Some(only.id),
                _ => None,
            },
            ..Draft::default()
        };
        Self {
            case,
            session,
            items,
            earlier,
            curtain: false,
            confirm_switch: None,
            confirm_close: false,
            alone: false,
            draft,
            stash: Vec::new(),
            error: None,
            notice: None,
        }
    }

    fn party_ids(&self) -> Vec<i64> {
        self.case.parties.iter().map(|p| p.id).collect()
    }

    fn party(&self, id: i64) -> Option<&Party> {
        self.case.parties.iter().find(|p| p.id == id)
    }

    fn name(&self, id: i64) -> String {
        self.party(id).map(|p| p.name.clone()).unwrap_or_default()
    }

    /// What the room may see now.
    pub fn presence(&self) -> Presence {
        if self.curtain {
            Presence::Curtain
        } else if self.alone {
            Presence::Alone
        } else {
            self.session.presence()
        }
    }

    /// Tells the mediator why an entry just saved is not on screen.
    fn explain_if_hidden(&mut self, item: &RoomItem) {
        let items = std::slice::from_ref(item);
        self.notice = if room_view(items, self.presence()).all().next().is_some() {
            None
        } else if item.kind.mediators_only() {
            Some(Saved::Note)
        } else {
            Some(Saved::Confidential {
                id: item.id,
                party: item.party_id,
            })
        };
    }

    /// Applies a session step locally at once (the screen changes in the
    /// same frame) and asks the parent to save it.
    fn step(
        &mut self,
        ctx: &Ctx<'_>,
        action: AuditAction,
        f: impl FnOnce(&mut Session) -> Result<(), SessionError>,
    ) -> Action<Message> {
        let mut next = self.session.clone();
        match f(&mut next) {
            Ok(()) => {
                self.error = None;
                self.session = next.clone();
                let actor = ctx.actor();
                let closed = next.is_closed();
                let save = Action::run(move |store| async move {
                    Message::SessionSaved(store.save_session(&actor, &next, action).await)
                });
                if closed {
                    // A closed session is not where to come back to.
                    Action::Many(vec![
                        save,
                        Action::run(
                            |store| async move { Message::Remembered(leave(&store).await) },
                        ),
                    ])
                } else {
                    save
                }
            }
            Err(e) => {
                self.error = Some(Problem::Session(e));
                Action::None
            }
        }
    }

    /// A message of the room: the state changes at once, saving runs as a
    /// job.
    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action<Message> {
        let parties = self.party_ids();
        // What the mediator does next replaces the word about the last
        // entry saved; a job coming back does not.
        if !matches!(
            message,
            Message::SessionSaved(_)
                | Message::Recorded(_)
                | Message::Replaced(_)
                | Message::Remembered(_)
                | Message::TextEdited(_)
                | Message::AmountChanged(_)
                | Message::TermsChanged(_)
        ) {
            self.notice = None;
        }
        match message {
            Message::GoTo(stage) => {
                // What was typed in a party's caucus waits for that party
                // (the next stage may be in front of everyone); what was
                // typed in front of everyone stays. An edit ends.
                self.alone_typing();
                let before = self.here();
                if before.is_some() || self.draft.editing.is_some() {
                    self.put_aside(before);
                }
                self.alone = false;
                let action =
                    self.step(ctx, AuditAction::SessionStage, |s| s.go_to(stage, &parties));
                let after = self.here();
                if after != before {
                    self.take_back(after);
                }
                action
            }

            Message::Consent(party) => self.step(ctx, AuditAction::ConsentRecorded, |s| {
                s.record_consent(party, Utc::now())
            }),
            Message::Check(key, on) => self.step(ctx, AuditAction::ChecklistTicked, |s| {
                s.set_checked(key, on);
                Ok(())
            }),
            Message::AskSwitch(party) => {
                self.confirm_switch = Some(party);
                Action::None
            }
            Message::AskClose => {
                self.confirm_close = true;
                Action::None
            }
            Message::CancelClose => {
                self.confirm_close = false;
                Action::None
            }
            Message::ConfirmClose => {
                self.confirm_close = false;
                self.draft = self.draft.emptied();
                self.stash.clear();
                self.step(ctx, AuditAction::SessionClosed, |s| s.close(Utc::now()))
            }
            Message::ConfirmSwitch => match self.confirm_switch.take() {
                Some(party) => {
                    // What was typed for the party leaving waits for them;
                    // what was typed for the one coming in comes back.
                    self.alone_typing();
                    self.alone = false;
                    let leaving = self.here();
                    self.put_aside(leaving);
                    self.draft = self.draft.emptied();
                    self.take_back(Some(party));
                    self.step(ctx, AuditAction::PartySwitched, |s| {
                        s.switch_party(party, &parties)
                    })
                }
                None => Action::None,
            },
            Message::CancelSwitch => {
                self.confirm_switch = None;
                Action::None
            }
            Message::Curtain(down) => {
                self.curtain = down;
                // Whoever made it come down may still be there when it
                // goes up.
                if down && self.alone {
                    self.alone_typing();
                    self.alone = false;
                    let here = self.here();
                    self.take_back(here);
                }
                Action::None
            }
            Message::Alone(alone) => {
                if alone && !self.alone {
                    // What was typed for the party present waits for them.
                    let here = self.here();
                    self.put_aside(here);
                    self.alone = true;
                    self.take_back(Some(ALONE));
                } else if !alone && self.alone {
                    // What was typed while alone (it may be about anyone)
                    // and any edit are put aside before someone comes in.
                    self.alone_typing();
                    self.alone = false;
                    let here = self.here();
                    self.take_back(here);
                }
                Action::None
            }
            Message::SpeakerPicked(p) => {
                self.draft.speaker = Some(p);
                Action::None
            }
            Message::KindPicked(k) => {
                self.draft.kind = Some(k);
                Action::None
            }
            Message::IssuePicked(i) => {
                self.draft.issue = i.id;
                Action::None
            }
            Message::TextEdited(action) => {
                self.draft.text.perform(action);
                Action::None
            }
            Message::AmountChanged(t) => {
                self.draft.amount = t;
                Action::None
            }
            Message::TermsChanged(t) => {
                self.draft.terms = t;
                Action::None
            }
            Message::Record { share } => self.record(ctx, share),
            Message::AllowShare(id, allow) => {
                let d = if allow {
                    Disclosure::MayShare
                } else {
                    Disclosure::Confidential
                };
                self.disclose(ctx, id, d)
            }
            Message::Conveyed(id) => self.disclose(
                ctx,
                id,
                Disclosure::Shared {
                    at: Utc::now(),
                    by: ctx.user.map(|u| u.name.clone()).unwrap_or_default(),
                },
            ),
            Message::Edit(id) => {
                if let Some(item) = self.items.iter().find(|i| i.id == id) {
                    let amount = item.offer.as_ref().and_then(|o| o.amount);
                    self.draft = Draft {
                        speaker: Some(item.party_id),
                        kind: Some(item.kind),
                        issue: item.issue_id,
                        text: iced::widget::text_editor::Content::with_text(&item.text),
                        amount: amount
                            .map(|m| format!("{}.{:02}", m.minor / 100, m.minor % 100))
                            .unwrap_or_default(),
                        terms: item
                            .offer
                            .as_ref()
                            .map(|o| o.terms.clone())
                            .unwrap_or_default(),
                        editing: Some(id),
                    };
                }
                Action::None
            }
            Message::CancelEdit => {
                self.draft = self.draft.emptied();
                Action::None
            }
            Message::Agreement => Action::Navigate(Route::Agreement(self.case.id)),
            Message::Back => Action::Many(vec![
                Action::run(|store| async move { Message::Remembered(leave(&store).await) }),
                Action::Navigate(Route::Case(self.case.id)),
            ]),
            Message::SessionSaved(result) => {
                self.session_saved(result);
                Action::None
            }
            Message::Recorded(result) => {
                self.recorded(result);
                Action::None
            }
            Message::Replaced(result) => {
                self.replaced(result);
                Action::None
            }
            Message::Remembered(Ok(())) => Action::None,
            Message::Remembered(Err(e)) => {
                self.error = Some(Problem::Store(e));
                Action::None
            }
        }
    }

    /// Changes who may hear an entry, at once and in the store. A
    /// mediator's note is refused here as the store would refuse it.
    fn disclose(&mut self, ctx: &Ctx<'_>, id: i64, disclosure: Disclosure) -> Action<Message> {
        if let Some(item) = self.items.iter_mut().find(|i| i.id == id) {
            if let Err(e) = item.may_become(&disclosure) {
                self.error = Some(Problem::Session(e));
                return Action::None;
            }
            item.disclosure = disclosure.clone();
        }
        let actor = ctx.actor();
        Action::run(move |store| async move {
            Message::Replaced(store.set_disclosure(&actor, id, disclosure).await)
        })
    }

    /// Saves the form: an edit of an entry while the session is open (a
    /// new confidential version if the entry was conveyed), a correction
    /// once it is closed, otherwise a new entry.
    fn record(&mut self, ctx: &Ctx<'_>, share: bool) -> Action<Message> {
        let kind = self.kind();
        let typed = self.draft.text.text();
        let typed = typed.trim_end_matches('\n');
        let amount = match self.draft.amount.trim() {
            "" => None,
            raw => match Money::parse(raw, Currency::Cny) {
                Ok(m) => Some(m),
                Err(e) => {
                    self.error = Some(Problem::Invalid(e));
                    return Action::None;
                }
            },
        };
        let offer = (kind == ItemKind::Offer).then(|| Offer {
            amount,
            terms: self.draft.terms.clone(),
        });
        let editing = self
            .draft
            .editing
            .and_then(|id| self.items.iter().find(|i| i.id == id));
        if let Some(original) = editing
            && !self.session.is_closed()
        {
            if typed.trim().is_empty() && offer.is_none() {
                self.error = Some(Problem::Invalid(ValidationError::ItemEmpty));
                return Action::None;
            }
            self.error = None;
            let (actor, id, text) = (ctx.actor(), original.id, typed.to_owned());
            return Action::run(move |store| async move {
                Message::Replaced(store.edit_item(&actor, id, &text, offer).await)
            });
        }
        let Some(party_id) = editing.map(|i| i.party_id).or_else(|| self.speaker()) else {
            return Action::None;
        };
        let item = NewItem {
            party_id,
            issue_id: self.draft.issue,
            kind: Some(kind),
            text: typed.to_owned(),
            offer,
            corrects: editing.map(|i| i.id),
            may_share: share,
        };
        if let Err(e) = item.validate() {
            self.error = Some(Problem::Invalid(e));
            return Action::None;
        }
        self.error = None;
        let (actor, session_id) = (ctx.actor(), self.session.id);
        Action::run(move |store| async move {
            Message::Recorded(store.record_item(&actor, session_id, &item).await)
        })
    }

    /// A new entry was saved: the form empties, the entry shows.
    fn recorded(&mut self, result: Result<RoomItem, StoreError>) {
        match result {
            Ok(item) => {
                self.explain_if_hidden(&item);
                self.items.push(item);
                self.draft = self.draft.emptied();
            }
            Err(e) => self.error = Some(Problem::Store(e)),
        }
    }

    /// A saved session came back from the store.
    fn session_saved(&mut self, result: Result<Session, StoreError>) {
        match result {
            Ok(s) if s.id == self.session.id => self.session = s,
            Ok(_) => {}
            Err(e) => self.error = Some(Problem::Store(e)),
        }
    }

    /// An edited or re-disclosed entry came back from the store: the same
    /// entry changed, or a new version of a conveyed entry (which itself
    /// stays as it was).
    fn replaced(&mut self, result: Result<RoomItem, StoreError>) {
        match result {
            Ok(item) => {
                if let Some(at) = self.items.iter().position(|i| i.id == item.id) {
                    if self.draft.editing == Some(item.id) {
                        self.draft = self.draft.emptied();
                        self.explain_if_hidden(&item);
                    }
                    self.items[at] = item;
                } else {
                    if item.corrects.is_some() && item.corrects == self.draft.editing {
                        self.draft = self.draft.emptied();
                    }
                    self.explain_if_hidden(&item);
                    self.items.push(item);
                }
            }
            Err(e) => self.error = Some(Problem::Store(e)),
        }
    }

    /// The keyboard in the room, also while the cursor is in a text
    /// field: F12 curtain, Ctrl+→/← stages, Ctrl+1..9 invite a party,
    /// Alt+1..9 pick the kind of entry, Enter/Escape answer a question.
    /// With the curtain down only F12 lifting it does anything, so
    /// nothing changes unseen.
    pub fn key(
        &self,
        key: &iced::keyboard::Key,
        modifiers: iced::keyboard::Modifiers,
    ) -> Option<Message> {
        use iced::keyboard::{Key, key::Named};
        if self.curtain {
            return match key.as_ref() {
                Key::Named(Named::F12) => Some(Message::Curtain(false)),
                _ => None,
            };
        }
        if self.confirm_switch.is_some() || self.confirm_close {
            let (yes, no) = if self.confirm_close {
                (Message::ConfirmClose, Message::CancelClose)
            } else {
                (Message::ConfirmSwitch, Message::CancelSwitch)
            };
            return match key.as_ref() {
                Key::Named(Named::F12) => Some(Message::Curtain(true)),
                Key::Named(Named::Enter) => Some(yes),
                Key::Named(Named::Escape) => Some(no),
                _ => None,
            };
        }
        let form = self.form_shown();
        match key.as_ref() {
            Key::Named(Named::F12) => Some(Message::Curtain(true)),
            // Enter saves what the form holds (from its fields, or with no
            // field chosen); Ctrl+Enter in a caucus saves it as allowed to
            // be passed on.
            Key::Named(Named::Enter) if form && !modifiers.shift() => Some(Message::Record {
                share: modifiers.command()
                    && self.session.stage == StageKind::Caucus
                    && self.draft.editing.is_none(),
            }),
            Key::Named(Named::ArrowRight) if modifiers.command() && !self.session.is_closed() => {
                self.session.next_stage().map(Message::GoTo)
            }
            Key::Named(Named::ArrowLeft) if modifiers.command() && !self.session.is_closed() => {
                self.session.previous_stage().map(Message::GoTo)
            }
            Key::Character("a")
                if modifiers.alt()
                    && (self.session.stage == StageKind::Closing || self.session.is_closed()) =>
            {
                Some(Message::Agreement)
            }
            Key::Character(c) if modifiers.alt() => {
                let n: usize = c.parse().ok()?;
                let kind = self.kinds().get(n.checked_sub(1)?)?;
                Some(Message::KindPicked(*kind))
            }
            Key::Character(c)
                if modifiers.command()
                    && self.session.stage == StageKind::Caucus
                    && !self.session.is_closed() =>
            {
                let n: usize = c.parse().ok()?;
                let party = self.case.parties.get(n.checked_sub(1)?)?;
                (Some(party.id) != self.session.present_party)
                    .then_some(Message::AskSwitch(party.id))
            }
            _ => None,
        }
    }

    /// Whose typing the form holds now: the party present in a caucus,
    /// the mediator alone, or nobody's (in front of everyone).
    fn here(&self) -> Option<i64> {
        if self.alone {
            Some(ALONE)
        } else {
            self.session
                .present_party
                .filter(|_| self.session.stage == StageKind::Caucus)
        }
    }

    /// Puts what the form holds aside for `whose` (nothing kept for
    /// nobody's typing), emptying the form; an edit ends.
    fn put_aside(&mut self, whose: Option<i64>) {
        if let Some(whose) = whose {
            self.stash.retain(|(p, _)| *p != whose);
            if self.draft.typed() && self.draft.editing.is_none() {
                self.stash.push((whose, self.draft.typed_part()));
            }
            self.draft = self.draft.emptied();
        } else if self.draft.editing.is_some() {
            self.draft = self.draft.emptied();
        }
    }

    /// Puts back what was put aside for `whose`, if anything.
    fn take_back(&mut self, whose: Option<i64>) {
        if let Some(whose) = whose
            && let Some(at) = self.stash.iter().position(|(p, _)| *p == whose)
        {
            let (_, typed) = self.stash.remove(at);
            self.draft.restore(typed);
        }
    }

    /// Leaving "mediator alone": the typing goes aside for the next time
    /// the mediator is alone.
    fn alone_typing(&mut self) {
        if self.alone {
            self.put_aside(Some(ALONE));
        }
    }

    /// Whether the entry form is on the page now (Enter saves it).
    fn form_shown(&self) -> bool {
        let open = !self.session.is_closed() || self.draft.editing.is_some();
        match (self.presence(), self.session.stage) {
            (Presence::Alone, _) => open,
            (_, StageKind::Opening) => false,
            (Presence::Joint, StageKind::Caucus) => self.draft.editing.is_some(),
            _ => open,
        }
    }

    /// Whether leaving the room now would lose something typed.
    pub fn unsaved(&self) -> bool {
        self.draft.typed() || !self.stash.is_empty()
    }
}

/// A short form of an entry for a palette line: its first words.
fn gist(item: &RoomItem) -> String {
    let text = if item.text.trim().is_empty() {
        item.offer
            .as_ref()
            .map(|o| {
                o.amount
                    .map(|m| m.figures())
                    .unwrap_or_else(|| o.terms.clone())
            })
            .unwrap_or_default()
    } else {
        item.text.clone()
    };
    let mut out: String = text.chars().take(18).collect();
    if text.chars().count() > 18 {
        out.push('…');
    }
    out
}

impl Room {
    /// What the room offers the palette now. Behind the curtain only
    /// lifting it; with a question pending only its answers; otherwise
    /// every button of the page, with the room's own keys shown.
    pub fn commands(&self, ctx: Ctx<'_>) -> Vec<Command<Message>> {
        let mut out = Vec::new();
        if self.curtain {
            out.push(Command::new(ctx.tr("room-curtain-up"), Message::Curtain(false)).hint("F12"));
            return out;
        }
        if self.confirm_close {
            out.push(Command::new(
                ctx.tr("room-close-confirm"),
                Message::ConfirmClose,
            ));
            out.push(Command::new(
                ctx.tr("room-close-cancel"),
                Message::CancelClose,
            ));
            return out;
        }
        if self.confirm_switch.is_some() {
            out.push(Command::new(
                ctx.tr("room-switch-confirm"),
                Message::ConfirmSwitch,
            ));
            out.push(Command::new(
                ctx.tr("room-switch-cancel"),
                Message::CancelSwitch,
            ));
            return out;
        }
        let open = !self.session.is_closed();
        if open {
            if let Some(next) = self.session.next_stage() {
                out.push(Command::new(ctx.tr("room-next"), Message::GoTo(next)).hint("Ctrl+→"));
            }
            if let Some(prev) = self.session.previous_stage() {
                out.push(Command::new(ctx.tr("room-previous"), Message::GoTo(prev)).hint("Ctrl+←"));
            }
            if self.session.stage == StageKind::Opening {
                for party in &self.case.parties {
                    if !self.session.consents.iter().any(|(p, _)| *p == party.id) {
                        out.push(Command::new(
                            format!("{}：{}", ctx.tr("room-consent-record"), party.name),
                            Message::Consent(party.id),
                        ));
                    }
                }
            }
            if self.session.stage == StageKind::Caucus {
                for (n, party) in self.case.parties.iter().enumerate() {
                    if Some(party.id) != self.session.present_party {
                        out.push(
                            Command::new(
                                ctx.tr_args("room-invite", &[("name", party.name.clone())]),
                                Message::AskSwitch(party.id),
                            )
                            .hint(&format!("Ctrl+{}", n + 1)),
                        );
                    }
                }
            }
            if self.session.stage != StageKind::Caucus {
                for party in &self.case.parties {
                    out.push(Command::new(
                        format!("{}：{}", ctx.tr("room-speaker"), party.name),
                        Message::SpeakerPicked(party.id),
                    ));
                }
            }
            for (n, kind) in self.kinds().iter().enumerate() {
                out.push(
                    Command::new(
                        format!("{}：{}", ctx.tr("room-kind"), ctx.label(*kind)),
                        Message::KindPicked(*kind),
                    )
                    .hint(&format!("Alt+{}", n + 1)),
                );
            }
            for issue in &self.case.issues {
                out.push(Command::new(
                    format!("{}：{}", ctx.tr("room-issue"), issue.title),
                    Message::IssuePicked(IssueChoice {
                        id: Some(issue.id),
                        label: issue.title.clone(),
                    }),
                ));
            }
            out.push(
                Command::new(ctx.tr("room-record"), Message::Record { share: false }).hint("Enter"),
            );
            if self.session.stage == StageKind::Caucus {
                out.push(
                    Command::new(ctx.tr("room-record-share"), Message::Record { share: true })
                        .hint("Ctrl+Enter"),
                );
            }
            for key in accord_core::room::checklist(self.session.stage) {
                let on = self.session.checked.iter().any(|k| k == key);
                out.push(Command::new(
                    format!("{}：{}", ctx.tr("room-checklist"), ctx.tr(key)),
                    Message::Check(key, !on),
                ));
            }
        }
        // What the entries on screen offer: pass on, mark conveyed.
        let view = room_view(&self.items, self.presence());
        if let Presence::Caucus(present) = self.presence() {
            for item in view.own.iter().filter(|i| i.party_id == present) {
                if !matches!(item.disclosure, Disclosure::Shared { .. }) {
                    let allow = !item.disclosure.allows_sharing();
                    let key = if allow {
                        "cmd-allow-share"
                    } else {
                        "cmd-disallow-share"
                    };
                    out.push(Command::new(
                        ctx.tr_args(key, &[("what", gist(item))]),
                        Message::AllowShare(item.id, allow),
                    ));
                }
            }
            for item in &view.to_convey {
                out.push(Command::new(
                    ctx.tr_args(
                        "cmd-convey",
                        &[("what", gist(item)), ("name", self.name(item.party_id))],
                    ),
                    Message::Conveyed(item.id),
                ));
            }
        }
        if self.alone {
            out.push(Command::new(
                ctx.tr("room-alone-end"),
                Message::Alone(false),
            ));
        } else {
            out.push(Command::new(ctx.tr("room-alone"), Message::Alone(true)));
        }
        out.push(Command::new(ctx.tr("room-curtain"), Message::Curtain(true)).hint("F12"));
        if open {
            out.push(Command::new(ctx.tr("room-close"), Message::AskClose));
        }
        if self.session.stage == StageKind::Closing || !open {
            out.push(
                Command::new(ctx.tr("room-to-agreement"), Message::Agreement)
                    .keys(crate::gui::commands::Shortcut::alt('a')),
            );
        }
        out.push(Command::new(ctx.tr("room-back"), Message::Back));
        out
    }
}
