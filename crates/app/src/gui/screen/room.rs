//! The mediation room: what the mediator has on screen while the parties
//! sit in front of it. Everything drawn from the recorded items goes through
//! [`accord_core::room_view`] with the party present, so one party's
//! confidential words never reach the screen while another is in the room.

use accord_core::{
    AuditAction, Case, Choice, Currency, Disclosure, ItemKind, Money, NewItem, Offer, Party,
    Presence, RoomItem, Session, SessionError, StageKind, ValidationError,
    room::{self, OfferPoint},
    room_view,
};
use accord_store::{Actor, Store, StoreError};
use chrono::Utc;
use iced::{
    Center, Element, Fill, FillPortion,
    widget::{
        button, canvas, checkbox, column, container, pick_list, row, scrollable, space, text,
        text_input,
    },
};

use crate::gui::{Action, Ctx, Labeled, Route, chart, theme, widgets};

/// The setting that remembers the room the mediator is in, so the app
/// opens there again after a restart.
pub const SETTING_ROOM_CASE: &str = "room_case_id";

/// Everything the room screen shows.
pub type RoomData = (Case, Session, Vec<RoomItem>);

/// Opens (or resumes) a case's session and reads what the room shows.
pub async fn open(store: &Store, actor: &Actor, case_id: i64) -> Result<RoomData, StoreError> {
    let session = store.open_session(actor, case_id).await?;
    let case = store.case(case_id).await?;
    let items = store.room_items(session.id).await?;
    Ok((case, session, items))
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
    /// The privacy curtain is down: nothing recorded is on screen.
    pub curtain: bool,
    /// A party switch waiting for the mediator's confirmation.
    pub confirm_switch: Option<i64>,
    draft: Draft,
    error: Option<Problem>,
}

/// What the entry form holds.
#[derive(Debug, Clone, Default)]
struct Draft {
    speaker: Option<i64>,
    kind: Option<ItemKind>,
    issue: Option<i64>,
    text: String,
    amount: String,
    terms: String,
    /// The entry being edited (open session) or corrected (closed one).
    editing: Option<i64>,
}

/// Something to tell the mediator.
#[derive(Debug, Clone, PartialEq)]
enum Problem {
    Invalid(ValidationError),
    Session(SessionError),
    Store(StoreError),
}

/// A disputed issue (or none) for the entry form's pick list.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueChoice {
    id: Option<i64>,
    label: String,
}

impl std::fmt::Display for IssueChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// A party for the speaker pick list.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyChoice {
    id: i64,
    name: String,
}

impl std::fmt::Display for PartyChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
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
    /// Ask to bring another party in (needs confirmation).
    AskSwitch(i64),
    /// The mediator confirmed that the party present left the room.
    ConfirmSwitch,
    /// The switch was cancelled.
    CancelSwitch,
    /// The privacy curtain goes down or up.
    Curtain(bool),
    /// The speaker of a joint-session entry was picked.
    SpeakerPicked(PartyChoice),
    /// The kind of the new entry was picked.
    KindPicked(Labeled<ItemKind>),
    /// The issue of the new entry was picked.
    IssuePicked(IssueChoice),
    /// The new entry's text changed.
    TextChanged(String),
    /// The new offer's amount changed.
    AmountChanged(String),
    /// The new offer's terms changed.
    TermsChanged(String),
    /// Save the new entry.
    Record,
    /// The party present allows (or no longer allows) passing an item on.
    AllowShare(i64, bool),
    /// The mediator has conveyed an item of the other side.
    Conveyed(i64),
    /// Edit (or, once the session is closed, correct) an entry.
    Edit(i64),
    /// Stop editing.
    CancelEdit,
    /// End the session.
    CloseSession,
    /// Back to the case.
    Back,
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
    pub fn new((case, session, items): RoomData) -> Self {
        Self {
            case,
            session,
            items,
            curtain: false,
            confirm_switch: None,
            draft: Draft::default(),
            error: None,
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
        } else {
            self.session.presence()
        }
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

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action<Message> {
        let parties = self.party_ids();
        match message {
            Message::GoTo(stage) => {
                self.draft = Draft::default();
                self.step(ctx, AuditAction::SessionStage, |s| s.go_to(stage, &parties))
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
            Message::ConfirmSwitch => match self.confirm_switch.take() {
                Some(party) => {
                    self.draft = Draft::default();
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
                Action::None
            }
            Message::SpeakerPicked(p) => {
                self.draft.speaker = Some(p.id);
                Action::None
            }
            Message::KindPicked(k) => {
                self.draft.kind = Some(k.value);
                Action::None
            }
            Message::IssuePicked(i) => {
                self.draft.issue = i.id;
                Action::None
            }
            Message::TextChanged(t) => {
                self.draft.text = t;
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
            Message::Record => self.record(ctx),
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
                        text: item.text.clone(),
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
                self.draft = Draft::default();
                Action::None
            }
            Message::CloseSession => {
                self.draft = Draft::default();
                self.step(ctx, AuditAction::SessionClosed, |s| s.close(Utc::now()))
            }
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

    fn disclose(&mut self, ctx: &Ctx<'_>, id: i64, disclosure: Disclosure) -> Action<Message> {
        if let Some(item) = self.items.iter_mut().find(|i| i.id == id) {
            item.disclosure = disclosure.clone();
        }
        let actor = ctx.actor();
        Action::run(move |store| async move {
            Message::Replaced(store.set_disclosure(&actor, id, disclosure).await)
        })
    }

    /// The kind the form offers first at this stage.
    fn default_kind(&self) -> ItemKind {
        match self.session.stage {
            StageKind::Statements => ItemKind::Statement,
            StageKind::Caucus => ItemKind::Position,
            _ => ItemKind::Note,
        }
    }

    fn speaker(&self) -> Option<i64> {
        match self.session.presence() {
            Presence::Caucus(p) => Some(p),
            _ => self
                .draft
                .speaker
                .or_else(|| self.case.parties.first().map(|p| p.id)),
        }
    }

    fn record(&mut self, ctx: &Ctx<'_>) -> Action<Message> {
        let kind = self.draft.kind.unwrap_or(self.default_kind());
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
            if self.draft.text.trim().is_empty() && offer.is_none() {
                self.error = Some(Problem::Invalid(ValidationError::ItemEmpty));
                return Action::None;
            }
            self.error = None;
            let (actor, id, text) = (ctx.actor(), original.id, self.draft.text.clone());
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
            text: self.draft.text.clone(),
            offer,
            corrects: editing.map(|i| i.id),
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
                self.items.push(item);
                let keep = (self.draft.speaker, self.draft.kind, self.draft.issue);
                self.draft = Draft {
                    speaker: keep.0,
                    kind: keep.1,
                    issue: keep.2,
                    ..Draft::default()
                };
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

    /// An edited or re-disclosed entry came back from the store.
    fn replaced(&mut self, result: Result<RoomItem, StoreError>) {
        match result {
            Ok(item) => {
                if self.draft.editing == Some(item.id) {
                    self.draft = Draft::default();
                }
                if let Some(slot) = self.items.iter_mut().find(|i| i.id == item.id) {
                    *slot = item;
                }
            }
            Err(e) => self.error = Some(Problem::Store(e)),
        }
    }

    /// The keyboard in the room: F12 curtain, Ctrl+→/← stages, Ctrl+1..9
    /// invite a party, Enter/Escape answer the switch question.
    pub fn key(
        &self,
        key: &iced::keyboard::Key,
        modifiers: iced::keyboard::Modifiers,
    ) -> Option<Message> {
        use iced::keyboard::{Key, key::Named};
        if self.confirm_switch.is_some() {
            return match key.as_ref() {
                Key::Named(Named::Enter) => Some(Message::ConfirmSwitch),
                Key::Named(Named::Escape) => Some(Message::CancelSwitch),
                _ => None,
            };
        }
        match key.as_ref() {
            Key::Named(Named::F12) => Some(Message::Curtain(!self.curtain)),
            Key::Named(Named::ArrowRight) if modifiers.command() => {
                self.session.next_stage().map(Message::GoTo)
            }
            Key::Named(Named::ArrowLeft) if modifiers.command() => {
                self.session.previous_stage().map(Message::GoTo)
            }
            Key::Character(c) if modifiers.command() && self.session.stage == StageKind::Caucus => {
                let n: usize = c.parse().ok()?;
                let party = self.case.parties.get(n.checked_sub(1)?)?;
                (Some(party.id) != self.session.present_party)
                    .then_some(Message::AskSwitch(party.id))
            }
            _ => None,
        }
    }

    pub fn view<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        if self.curtain {
            return curtain(ctx);
        }
        let size = ctx.sizes.body();
        let elapsed = self.session.ended_at.unwrap_or_else(Utc::now) - self.session.started_at;
        let secs = elapsed.num_seconds().max(0);
        let timer = format!(
            "{:02}:{:02}:{:02}",
            secs / 3600,
            (secs / 60) % 60,
            secs % 60
        );
        let mut top = row![
            button(text(ctx.tr("room-back")).size(ctx.sizes.small()))
                .style(button::text)
                .on_press(Message::Back),
            text(ctx.tr_args("room-title", &[("number", self.case.number.to_string())]))
                .size(ctx.sizes.heading()),
            space::horizontal(),
            text(ctx.tr_args("room-timer", &[("time", timer)]))
                .size(size)
                .style(theme::muted_text),
            button(text(ctx.tr("room-curtain")).size(size))
                .style(button::secondary)
                .on_press(Message::Curtain(true)),
        ]
        .spacing(theme::GAP)
        .align_y(Center);
        if !self.session.is_closed() {
            top = top.push(
                button(text(ctx.tr("room-close")).size(size))
                    .style(button::danger)
                    .on_press(Message::CloseSession),
            );
        }
        let mut page = column![top, self.stage_bar(ctx)].spacing(theme::GAP);
        if let Some(ended) = self.session.ended_at {
            page = page.push(
                container(
                    text(ctx.tr_args("room-closed", &[("when", ctx.datetime(ended))])).size(size),
                )
                .padding(theme::GAP)
                .width(Fill)
                .style(theme::notice),
            );
        }
        if let Some(problem) = &self.error {
            let message = match problem {
                Problem::Invalid(e) => ctx.error(e),
                Problem::Session(SessionError::ConsentMissing(ids)) => ctx.tr_args(
                    "room-consent-missing",
                    &[(
                        "names",
                        ids.iter()
                            .map(|id| self.name(*id))
                            .collect::<Vec<_>>()
                            .join("、"),
                    )],
                ),
                Problem::Session(e) => ctx.tr(e.key()),
                Problem::Store(e) => {
                    let (key, args) = e.message();
                    ctx.tr_args(key, &args)
                }
            };
            page = page.push(
                container(text(message).size(size))
                    .padding(theme::GAP)
                    .width(Fill)
                    .style(theme::alert),
            );
        }
        if let Some(coming) = self.confirm_switch {
            page = page.push(self.switch_dialog(ctx, coming));
        }
        let body = row![
            container(self.checklist(ctx)).width(FillPortion(1)),
            scrollable(container(self.main(ctx)).padding(iced::Padding {
                right: 14.0,
                ..iced::Padding::ZERO
            }))
            .height(Fill)
            .width(FillPortion(3)),
        ]
        .spacing(theme::GAP);
        page.push(body).into()
    }

    fn stage_bar<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let mut bar = row![].spacing(theme::TIGHT).align_y(Center);
        for (i, stage) in StageKind::ALL.iter().enumerate() {
            let mut label = format!("{} {}", i + 1, ctx.label(*stage));
            if *stage == StageKind::Caucus && self.session.round > 0 {
                label = format!(
                    "{label} · {}",
                    ctx.tr_args("room-round", &[("round", self.session.round.to_string())])
                );
            }
            let style = if *stage == self.session.stage {
                theme::stage_current
            } else {
                theme::stage_other
            };
            bar = bar.push(
                container(text(label).size(ctx.sizes.body()))
                    .padding([6, 12])
                    .style(style),
            );
        }
        bar = bar.push(space::horizontal());
        if !self.session.is_closed() {
            if let Some(prev) = self.session.previous_stage() {
                bar = bar.push(
                    button(text(ctx.tr("room-previous")).size(ctx.sizes.body()))
                        .style(button::secondary)
                        .on_press(Message::GoTo(prev)),
                );
            }
            if let Some(next) = self.session.next_stage() {
                bar = bar.push(
                    button(text(ctx.tr("room-next")).size(ctx.sizes.body()))
                        .style(button::primary)
                        .on_press(Message::GoTo(next)),
                );
            }
        }
        bar.into()
    }

    fn checklist<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let mut list =
            column![widgets::heading(ctx, ctx.tr("room-checklist"))].spacing(theme::TIGHT);
        for key in room::checklist(self.session.stage) {
            let checked = self.session.checked.iter().any(|k| k == key);
            let mut item = checkbox(checked)
                .label(ctx.tr(key))
                .text_size(ctx.sizes.small());
            if !self.session.is_closed() {
                item = item.on_toggle(move |on| Message::Check(key, on));
            }
            list = list.push(item);
        }
        widgets::card(list)
    }

    fn switch_dialog<'a>(&'a self, ctx: Ctx<'a>, coming: i64) -> Element<'a, Message> {
        let leaving = self
            .session
            .present_party
            .map(|p| self.name(p))
            .unwrap_or_default();
        let body = column![
            text(ctx.tr("room-switch-title")).size(ctx.sizes.subheading()),
            text(ctx.tr_args(
                "room-switch-body",
                &[("leaving", leaving), ("coming", self.name(coming))]
            ))
            .size(ctx.sizes.body()),
            row![
                button(text(ctx.tr("room-switch-confirm")).size(ctx.sizes.body()))
                    .style(button::primary)
                    .on_press(Message::ConfirmSwitch),
                button(text(ctx.tr("room-switch-cancel")).size(ctx.sizes.body()))
                    .style(button::secondary)
                    .on_press(Message::CancelSwitch),
            ]
            .spacing(theme::GAP),
        ]
        .spacing(theme::TIGHT);
        container(body)
            .padding(theme::GAP)
            .width(Fill)
            .style(theme::alert)
            .into()
    }

    fn main<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let presence = self.session.presence();
        let view = room_view(&self.items, presence);
        let mut main = column![].spacing(theme::GAP);
        match self.session.stage {
            StageKind::Opening => {
                main = main.push(self.consents(ctx));
                main = main.push(self.joint_items(ctx, &view.own, ctx.tr("room-joint-items")));
            }
            // A session ended during a caucus shows what the joint room may
            // see: nobody is alone with the mediator any more.
            StageKind::Caucus if presence == Presence::Joint => {
                if self.draft.editing.is_some() {
                    main = main.push(self.entry_form(ctx));
                }
                main = main.push(self.joint_items(ctx, &view.own, ctx.tr("room-joint-items")));
            }
            StageKind::Statements | StageKind::Closing => {
                if !self.session.is_closed() || self.draft.editing.is_some() {
                    main = main.push(self.entry_form(ctx));
                }
                let heading = if self.session.stage == StageKind::Statements {
                    ctx.tr("room-statements")
                } else {
                    ctx.tr("room-joint-items")
                };
                main = main.push(self.joint_items(ctx, &view.own, heading));
            }
            StageKind::Caucus => {
                let Presence::Caucus(present) = presence else {
                    return main.into();
                };
                main = main.push(self.caucus_header(ctx, present));
                if !self.session.is_closed() || self.draft.editing.is_some() {
                    main = main.push(self.entry_form(ctx));
                }
                main = main.push(self.own_items(ctx, present, &view.own));
                main = main.push(self.to_convey(ctx, &view.to_convey));
                if !view.shared.is_empty() {
                    main = main.push(self.others(ctx, ctx.tr("room-conveyed"), &view.shared));
                }
            }
        }
        main.push(self.offers(ctx, presence)).into()
    }

    fn consents<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let mut list = column![widgets::heading(ctx, ctx.tr("room-consent"))].spacing(theme::TIGHT);
        for party in &self.case.parties {
            let given = self.session.consents.iter().find(|(p, _)| *p == party.id);
            let state: Element<'a, Message> = match given {
                Some((_, at)) => {
                    text(ctx.tr_args("room-consent-given", &[("when", ctx.datetime(*at))]))
                        .size(ctx.sizes.body())
                        .style(text::success)
                        .into()
                }
                None => button(text(ctx.tr("room-consent-record")).size(ctx.sizes.body()))
                    .style(button::secondary)
                    .on_press_maybe(
                        (!self.session.is_closed()).then_some(Message::Consent(party.id)),
                    )
                    .into(),
            };
            list = list.push(
                row![
                    text(party.name.as_str()).size(ctx.sizes.body()).width(160),
                    text(ctx.label(party.role))
                        .size(ctx.sizes.small())
                        .style(theme::muted_text)
                        .width(100),
                    state
                ]
                .spacing(theme::GAP)
                .align_y(Center),
            );
        }
        widgets::card(list)
    }

    fn caucus_header<'a>(&'a self, ctx: Ctx<'a>, present: i64) -> Element<'a, Message> {
        let mut header = row![
            text(ctx.tr_args(
                "room-caucus-with",
                &[
                    ("name", self.name(present)),
                    ("round", self.session.round.to_string())
                ]
            ))
            .size(ctx.sizes.subheading()),
            space::horizontal(),
        ]
        .spacing(theme::TIGHT)
        .align_y(Center);
        if !self.session.is_closed() {
            for party in self.case.parties.iter().filter(|p| p.id != present) {
                header = header.push(
                    button(
                        text(ctx.tr_args("room-invite", &[("name", party.name.clone())]))
                            .size(ctx.sizes.body()),
                    )
                    .style(button::secondary)
                    .on_press(Message::AskSwitch(party.id)),
                );
            }
        }
        header.into()
    }

    fn entry_form<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let size = ctx.sizes.body();
        let kind = self.draft.kind.unwrap_or(self.default_kind());
        let kinds: Vec<Labeled<ItemKind>> = match self.session.stage {
            StageKind::Caucus => [
                ItemKind::Position,
                ItemKind::Interest,
                ItemKind::Alternative,
                ItemKind::Offer,
                ItemKind::Note,
            ]
            .into_iter()
            .map(|k| ctx.labeled(k))
            .collect(),
            _ => [
                ItemKind::Statement,
                ItemKind::Position,
                ItemKind::Offer,
                ItemKind::Note,
            ]
            .into_iter()
            .map(|k| ctx.labeled(k))
            .collect(),
        };
        let mut issues = vec![IssueChoice {
            id: None,
            label: ctx.tr("room-issue-none"),
        }];
        issues.extend(self.case.issues.iter().map(|i| IssueChoice {
            id: Some(i.id),
            label: i.title.clone(),
        }));
        let selected_issue = issues.iter().find(|i| i.id == self.draft.issue).cloned();
        let mut controls = row![].spacing(theme::TIGHT).align_y(Center);
        if self.session.stage != StageKind::Caucus {
            let parties: Vec<PartyChoice> = self
                .case
                .parties
                .iter()
                .map(|p| PartyChoice {
                    id: p.id,
                    name: p.name.clone(),
                })
                .collect();
            let speaker = self
                .speaker()
                .and_then(|id| parties.iter().find(|p| p.id == id).cloned());
            controls = controls.push(widgets::field(
                ctx,
                ctx.tr("room-speaker"),
                pick_list(parties, speaker, move |p| Message::SpeakerPicked(p))
                    .text_size(size)
                    .width(Fill),
                None,
            ));
        }
        controls = controls
            .push(widgets::field(
                ctx,
                ctx.tr("room-kind"),
                pick_list(kinds, Some(ctx.labeled(kind)), move |k| {
                    Message::KindPicked(k)
                })
                .text_size(size)
                .width(Fill),
                None,
            ))
            .push(widgets::field(
                ctx,
                ctx.tr("room-issue"),
                pick_list(issues, selected_issue, move |i| Message::IssuePicked(i))
                    .text_size(size)
                    .width(Fill),
                None,
            ));
        let mut form = column![controls].spacing(theme::TIGHT);
        form = form.push(
            text_input(&ctx.tr("room-text-placeholder"), &self.draft.text)
                .id("room_text")
                .on_input(move |s| Message::TextChanged(s))
                .on_submit(Message::Record)
                .size(size)
                .padding(8),
        );
        if kind == ItemKind::Offer {
            form = form.push(
                row![
                    text_input(&ctx.tr("room-amount-placeholder"), &self.draft.amount)
                        .id("room_amount")
                        .on_input(move |s| Message::AmountChanged(s))
                        .size(size)
                        .padding(8)
                        .width(200),
                    text_input(&ctx.tr("room-terms-placeholder"), &self.draft.terms)
                        .id("room_terms")
                        .on_input(move |s| Message::TermsChanged(s))
                        .on_submit(Message::Record)
                        .size(size)
                        .padding(8),
                ]
                .spacing(theme::TIGHT),
            );
        }
        let mut actions = row![
            button(text(ctx.tr("room-record")).size(size))
                .style(button::primary)
                .on_press(Message::Record),
        ]
        .spacing(theme::TIGHT);
        if let Some(id) = self.draft.editing {
            let key = if self.session.is_closed() {
                "room-correcting"
            } else {
                "room-editing"
            };
            form = column![
                text(ctx.tr_args(key, &[("id", id.to_string())]))
                    .size(ctx.sizes.small())
                    .style(theme::muted_text),
                form
            ]
            .spacing(theme::TIGHT);
            actions = actions.push(
                button(text(ctx.tr("room-edit-cancel")).size(size))
                    .style(button::secondary)
                    .on_press(Message::CancelEdit),
            );
        }
        widgets::card(form.push(actions))
    }

    /// "From <party>" above another party's entry.
    fn said_by<'a>(&self, ctx: Ctx<'a>, item: &RoomItem) -> Element<'a, Message> {
        text(ctx.tr_args("room-from", &[("name", self.name(item.party_id))]))
            .size(ctx.sizes.small())
            .style(theme::muted_text)
            .into()
    }

    /// The button that edits an entry (or corrects it once closed).
    fn edit_button<'a>(&self, ctx: Ctx<'a>, item: &RoomItem) -> Element<'a, Message> {
        let key = if self.session.is_closed() {
            "room-correction"
        } else {
            "room-edit"
        };
        button(text(ctx.tr(key)).size(ctx.sizes.small()))
            .style(button::text)
            .on_press(Message::Edit(item.id))
            .into()
    }

    fn item_line<'a>(
        &'a self,
        ctx: Ctx<'a>,
        item: &'a RoomItem,
    ) -> iced::widget::Column<'a, Message> {
        let mut head = format!(
            "{} · {}",
            ctx.label(item.kind),
            ctx.datetime(item.recorded_at)
        );
        if item.round > 0 {
            head = format!(
                "{head} · {}",
                ctx.tr_args("room-round", &[("round", item.round.to_string())])
            );
        }
        if let Some(issue) = item
            .issue_id
            .and_then(|id| self.case.issues.iter().find(|i| i.id == id))
        {
            head = format!("{head} · {}", issue.title);
        }
        if let Some(id) = item.corrects {
            head = format!(
                "{head} · {}",
                ctx.tr_args("room-corrects", &[("id", id.to_string())])
            );
        }
        let mut line =
            column![text(head).size(ctx.sizes.small()).style(theme::muted_text)].spacing(2);
        if !item.text.is_empty() {
            line = line.push(text(item.text.as_str()).size(ctx.sizes.body()));
        }
        if let Some(offer) = &item.offer {
            if let Some(amount) = offer.amount {
                line = line.push(
                    text(ctx.tr_args(
                        "room-offer-line",
                        &[
                            ("amount", amount.figures()),
                            ("words", ctx.money_words(amount)),
                        ],
                    ))
                    .size(ctx.sizes.body()),
                );
            }
            if !offer.terms.is_empty() {
                line = line.push(text(offer.terms.as_str()).size(ctx.sizes.body()));
            }
        }
        line
    }

    fn joint_items<'a>(
        &'a self,
        ctx: Ctx<'a>,
        items: &[&'a RoomItem],
        heading: String,
    ) -> Element<'a, Message> {
        let mut list = column![widgets::heading(ctx, heading)].spacing(theme::TIGHT);
        if items.is_empty() {
            list = list.push(nothing_yet(ctx));
        }
        for item in items {
            list = list.push(
                row![
                    text(self.name(item.party_id))
                        .size(ctx.sizes.body())
                        .width(120),
                    self.item_line(ctx, item).width(Fill),
                    self.edit_button(ctx, item),
                ]
                .spacing(theme::GAP),
            );
        }
        widgets::card(list)
    }

    fn own_items<'a>(
        &'a self,
        ctx: Ctx<'a>,
        present: i64,
        items: &[&'a RoomItem],
    ) -> Element<'a, Message> {
        let mut list = column![widgets::heading(
            ctx,
            ctx.tr_args("room-own", &[("name", self.name(present))])
        )]
        .spacing(theme::TIGHT);
        if items.is_empty() {
            list = list.push(nothing_yet(ctx));
        }
        for item in items.iter().rev() {
            let control: Element<'a, Message> = match &item.disclosure {
                Disclosure::Shared { at, .. } => {
                    text(ctx.tr_args("room-shared-at", &[("when", ctx.datetime(*at))]))
                        .size(ctx.sizes.small())
                        .style(text::success)
                        .into()
                }
                d => {
                    let id = item.id;
                    checkbox(d.allows_sharing())
                        .label(ctx.tr("room-may-share"))
                        .text_size(ctx.sizes.small())
                        .on_toggle(move |on| Message::AllowShare(id, on))
                        .into()
                }
            };
            list = list.push(
                row![
                    self.item_line(ctx, item).width(Fill),
                    control,
                    self.edit_button(ctx, item)
                ]
                .spacing(theme::GAP)
                .align_y(Center),
            );
        }
        widgets::card(list)
    }

    fn to_convey<'a>(&'a self, ctx: Ctx<'a>, items: &[&'a RoomItem]) -> Element<'a, Message> {
        let mut list =
            column![widgets::heading(ctx, ctx.tr("room-to-convey"))].spacing(theme::TIGHT);
        if items.is_empty() {
            list = list.push(nothing_yet(ctx));
        }
        for item in items {
            let id = item.id;
            list = list.push(
                row![
                    column![self.said_by(ctx, item), self.item_line(ctx, item)].width(Fill),
                    button(text(ctx.tr("room-convey")).size(ctx.sizes.small()))
                        .style(button::secondary)
                        .on_press(Message::Conveyed(id)),
                ]
                .spacing(theme::GAP)
                .align_y(Center),
            );
        }
        widgets::card(list)
    }

    fn others<'a>(
        &'a self,
        ctx: Ctx<'a>,
        heading: String,
        items: &[&'a RoomItem],
    ) -> Element<'a, Message> {
        let mut list = column![widgets::heading(ctx, heading)].spacing(theme::TIGHT);
        for item in items {
            list =
                list.push(column![self.said_by(ctx, item), self.item_line(ctx, item)].spacing(2));
        }
        widgets::card(list)
    }

    fn offers<'a>(&'a self, ctx: Ctx<'a>, presence: Presence) -> Element<'a, Message> {
        let points: Vec<OfferPoint> = room::offer_points(&self.items, presence);
        let parties = self.party_ids();
        let mut block = column![widgets::heading(ctx, ctx.tr("room-offers"))].spacing(theme::TIGHT);
        if points.is_empty() {
            block = block.push(
                text(ctx.tr("room-no-offers"))
                    .size(ctx.sizes.body())
                    .style(theme::muted_text),
            );
            return widgets::card(block);
        }
        let mut legend = row![].spacing(theme::GAP);
        let shown: Vec<i64> = parties
            .iter()
            .copied()
            .filter(|p| points.iter().any(|pt| pt.party_id == *p))
            .collect();
        for (index, party) in parties.iter().enumerate() {
            if shown.contains(party) {
                let color = chart::series_color(index);
                legend = legend.push(
                    text(format!("● {}", self.name(*party)))
                        .size(ctx.sizes.small())
                        .color(color),
                );
            }
        }
        block = block.push(legend);
        block = block.push(
            canvas(chart::OfferChart {
                parties: parties.clone(),
                points: points.clone(),
                text_size: ctx.sizes.small(),
            })
            .width(Fill)
            .height(180),
        );
        if let [a, b, ..] = shown[..]
            && let Some(gap) = room::offer_gap(&points, a, b)
        {
            let gap = Money::new(gap, Currency::Cny);
            block = block.push(
                text(ctx.tr_args("room-gap", &[("amount", gap.figures())])).size(ctx.sizes.body()),
            );
        }
        widgets::card(block)
    }
}

/// The placeholder of an empty list.
fn nothing_yet<'a>(ctx: Ctx<'a>) -> Element<'a, Message> {
    text(ctx.tr("room-nothing-yet"))
        .size(ctx.sizes.body())
        .style(theme::muted_text)
        .into()
}

/// The neutral screen shown when the curtain is down.
fn curtain<'a>(ctx: Ctx<'a>) -> Element<'a, Message> {
    container(
        column![
            text(ctx.tr("app-title")).size(ctx.sizes.title()),
            text(ctx.tr("room-curtain-text")).size(ctx.sizes.heading()),
            text(ctx.tr("room-curtain-hint"))
                .size(ctx.sizes.small())
                .style(theme::muted_text),
            button(text(ctx.tr("room-curtain-up")).size(ctx.sizes.body()))
                .style(button::secondary)
                .on_press(Message::Curtain(false)),
        ]
        .spacing(theme::GAP)
        .align_x(Center),
    )
    .center(Fill)
    .into()
}
