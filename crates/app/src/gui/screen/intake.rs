//! The intake form: a new case with any number of parties and disputed
//! issues. Nothing typed is lost when validation fails; each error is shown
//! next to its field in the user's language.
//!
//! One piece because the form's state, its messages, validation mapping and
//! view are one form; the party card (`party_card`) is the part to move out
//! if more party fields come.

use accord_core::{
    AgentKind, Category, Currency, Field, IntakeChannel, Money, NewCase, NewIssue, NewParty,
    PartyField, PartyKind, PartyRole, RepresentativeTitle, ValidationErrors,
};
use accord_store::StoreError;

use crate::error::Phrase;
use chrono::Utc;
use iced::{
    Center, Element, Fill,
    widget::{button, column, container, pick_list, row, text, text_editor, text_input},
};

use crate::gui::{
    Action, Ctx, Labeled, Route,
    commands::{Command, Shortcut},
    ctx, theme, widgets,
};

/// One disputed issue as typed.
#[derive(Debug, Clone, Default)]
pub struct IssueForm {
    title: String,
    amount: String,
}

/// The form's state.
#[derive(Debug)]
pub struct Intake {
    category: Category,
    channel: IntakeChannel,
    received: String,
    summary: text_editor::Content,
    parties: Vec<NewParty>,
    issues: Vec<IssueForm>,
    errors: ValidationErrors,
    saving: bool,
    save_error: Option<StoreError>,
    /// The case was stored: nothing typed is lost by leaving.
    saved: bool,
}

/// Which text field of a party changed: the same fields an error can
/// belong to.
pub type PartyText = accord_core::PartyField;

/// What the user does in the form.
#[derive(Debug, Clone)]
pub enum Message {
    /// A category was picked.
    CategoryPicked(Labeled<Category>),
    /// An intake channel was picked.
    ChannelPicked(Labeled<IntakeChannel>),
    /// The received-at field changed.
    ReceivedChanged(String),
    /// The summary editor was used.
    SummaryEdited(text_editor::Action),
    /// A text field of party `n` changed.
    PartyText(usize, PartyText, String),
    /// Party `n`'s kind was picked.
    PartyKindPicked(usize, Labeled<PartyKind>),
    /// Party `n`'s role was picked.
    PartyRolePicked(usize, Labeled<PartyRole>),
    /// Party `n`'s agent: appointed or statutory.
    AgentKindPicked(usize, Labeled<AgentKind>),
    /// Who signs for organisation `n`: legal representative or person in
    /// charge.
    RepresentativeTitlePicked(usize, Labeled<RepresentativeTitle>),
    /// "Add party" was pressed.
    AddParty,
    /// "Remove" was pressed on party `n`.
    RemoveParty(usize),
    /// Issue `n`'s title changed.
    IssueTitle(usize, String),
    /// Issue `n`'s amount changed.
    IssueAmount(usize, String),
    /// "Add issue" was pressed.
    AddIssue,
    /// "Remove" was pressed on issue `n`.
    RemoveIssue(usize),
    /// "Save case" was pressed.
    Save,
    /// "Cancel" was pressed.
    Cancel,
    /// The case was stored (its number), or why it was not.
    Saved(Result<(i64, String), StoreError>),
}

impl Default for Intake {
    fn default() -> Self {
        let party = |role| NewParty {
            kind: Some(PartyKind::Person),
            role: Some(role),
            ..NewParty::default()
        };
        Self {
            category: Category::Neighbour,
            channel: IntakeChannel::WalkIn,
            received: ctx::input_datetime(Utc::now()),
            summary: text_editor::Content::new(),
            parties: vec![party(PartyRole::Applicant), party(PartyRole::Respondent)],
            issues: vec![IssueForm::default()],
            errors: ValidationErrors::default(),
            saving: false,
            save_error: None,
            saved: false,
        }
    }
}

impl Intake {
    /// What the form offers the palette: save (Ctrl+S), more parties and
    /// issues, every choice of its pick lists, cancel.
    pub fn commands(&self, ctx: Ctx<'_>) -> Vec<Command<Message>> {
        use accord_core::Choice;
        let mut out = vec![
            Command::new(ctx.tr("intake-save"), Message::Save).keys(Shortcut::ctrl('s')),
            Command::new(ctx.tr("intake-add-party"), Message::AddParty),
            Command::new(ctx.tr("intake-add-issue"), Message::AddIssue),
        ];
        for c in Category::ALL {
            out.push(Command::new(
                format!("{}：{}", ctx.tr("intake-category"), ctx.label(*c)),
                Message::CategoryPicked(ctx.labeled(*c)),
            ));
        }
        for c in IntakeChannel::ALL {
            out.push(Command::new(
                format!("{}：{}", ctx.tr("intake-channel"), ctx.label(*c)),
                Message::ChannelPicked(ctx.labeled(*c)),
            ));
        }
        for (i, _) in self.parties.iter().enumerate() {
            for role in PartyRole::ALL {
                out.push(Command::new(
                    ctx.tr_args(
                        "cmd-party-role",
                        &[("n", (i + 1).to_string()), ("role", ctx.label(*role))],
                    ),
                    Message::PartyRolePicked(i, ctx.labeled(*role)),
                ));
            }
            for kind in PartyKind::ALL {
                out.push(Command::new(
                    ctx.tr_args(
                        "cmd-party-kind",
                        &[("n", (i + 1).to_string()), ("kind", ctx.label(*kind))],
                    ),
                    Message::PartyKindPicked(i, ctx.labeled(*kind)),
                ));
            }
        }
        out.push(Command::new(ctx.tr("intake-cancel"), Message::Cancel));
        out
    }

    /// Whether leaving would lose something typed.
    pub fn unsaved(&self) -> bool {
        let party = |p: &NewParty| {
            [
                &p.name,
                &p.id_number,
                &p.phone,
                &p.address,
                &p.email,
                &p.agent_name,
                &p.agent_phone,
                &p.agent_authority,
                &p.ethnicity,
                &p.occupation,
                &p.representative_name,
            ]
            .iter()
            .any(|s| !s.trim().is_empty())
        };
        !self.saved
            && (!self.summary.text().trim().is_empty()
                || self.parties.iter().any(party)
                || self
                    .issues
                    .iter()
                    .any(|i| !i.title.trim().is_empty() || !i.amount.trim().is_empty()))
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action<Message> {
        match message {
            Message::CategoryPicked(c) => self.category = c.value,
            Message::ChannelPicked(c) => self.channel = c.value,
            Message::ReceivedChanged(s) => self.received = s,
            Message::SummaryEdited(action) => self.summary.perform(action),
            Message::PartyText(i, which, value) => {
                if let Some(p) = self.parties.get_mut(i) {
                    let slot = match which {
                        PartyText::Name => &mut p.name,
                        PartyText::IdNumber => &mut p.id_number,
                        PartyText::Phone => &mut p.phone,
                        PartyText::Address => &mut p.address,
                        PartyText::Email => &mut p.email,
                        PartyText::AgentName => &mut p.agent_name,
                        PartyText::AgentPhone => &mut p.agent_phone,
                        PartyText::AgentAuthority => &mut p.agent_authority,
                        PartyText::Ethnicity => &mut p.ethnicity,
                        PartyText::Occupation => &mut p.occupation,
                        PartyText::Representative => &mut p.representative_name,
                    };
                    *slot = value;
                }
            }
            Message::PartyKindPicked(i, kind) => {
                if let Some(p) = self.parties.get_mut(i) {
                    p.kind = Some(kind.value);
                }
            }
            Message::PartyRolePicked(i, role) => {
                if let Some(p) = self.parties.get_mut(i) {
                    p.role = Some(role.value);
                }
            }
            Message::AgentKindPicked(i, kind) => {
                if let Some(p) = self.parties.get_mut(i) {
                    p.agent_kind = Some(kind.value);
                }
            }
            Message::RepresentativeTitlePicked(i, title) => {
                if let Some(p) = self.parties.get_mut(i) {
                    p.representative_title = Some(title.value);
                }
            }
            Message::AddParty => self.parties.push(NewParty {
                kind: Some(PartyKind::Person),
                role: Some(PartyRole::ThirdParty),
                ..NewParty::default()
            }),
            Message::RemoveParty(i) => {
                if i < self.parties.len() {
                    self.parties.remove(i);
                    // Errors point at positions; they are stale now.
                    self.errors = ValidationErrors::default();
                }
            }
            Message::IssueTitle(i, s) => {
                if let Some(issue) = self.issues.get_mut(i) {
                    issue.title = s;
                }
            }
            Message::IssueAmount(i, s) => {
                if let Some(issue) = self.issues.get_mut(i) {
                    issue.amount = s;
                }
            }
            Message::AddIssue => self.issues.push(IssueForm::default()),
            Message::RemoveIssue(i) => {
                if i < self.issues.len() {
                    self.issues.remove(i);
                    self.errors = ValidationErrors::default();
                }
            }
            Message::Save => return self.save(ctx),
            Message::Cancel => return Action::Navigate(Route::Cases),
            Message::Saved(Ok((id, number))) => {
                self.saved = true;
                // On to the new case: the room is one step away.
                return Action::Many(vec![
                    Action::Navigate(Route::Case(id)),
                    Action::Notice(Phrase::new("intake-saved").arg("number", number)),
                ]);
            }
            Message::Saved(Err(e)) => self.save_failed(e),
        }
        Action::None
    }

    fn save(&mut self, ctx: &Ctx<'_>) -> Action<Message> {
        let mut errors = ValidationErrors::default();
        let received_at = ctx::parse_input_datetime(&self.received).unwrap_or_else(|e| {
            errors.push(Field::ReceivedAt, e);
            Utc::now()
        });
        let issues = self
            .issues
            .iter()
            .enumerate()
            .map(|(i, issue)| NewIssue {
                title: issue.title.clone(),
                claimed: match issue.amount.trim() {
                    "" => None,
                    amount => Money::parse(amount, Currency::Cny)
                        .map_err(|e| errors.push(Field::Issue(i), e))
                        .ok(),
                },
            })
            .collect();
        let form = NewCase {
            category: self.category,
            channel: self.channel,
            received_at,
            summary: self.summary.text(),
            parties: self.parties.clone(),
            issues,
        };
        match form.validate() {
            Ok(valid) if errors.is_empty() => {
                self.errors = errors;
                self.saving = true;
                self.save_error = None;
                let actor = ctx.actor();
                Action::run(move |store| async move {
                    Message::Saved(
                        store
                            .create_case(&actor, &valid)
                            .await
                            .map(|case| (case.id, case.number.to_string())),
                    )
                })
            }
            Ok(_) => {
                self.errors = errors;
                Action::None
            }
            Err(more) => {
                errors.0.extend(more.0);
                self.errors = errors;
                Action::None
            }
        }
    }

    /// The store refused the case (e.g. the disk is full): keep everything.
    fn save_failed(&mut self, error: StoreError) {
        self.saving = false;
        self.save_error = Some(error);
    }

    pub fn view<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let err = |field| self.errors.for_field(field).map(|e| ctx.error(e));
        let size = ctx.sizes.body();

        let category = pick_list(
            ctx.options::<Category>(),
            Some(ctx.labeled(self.category)),
            Message::CategoryPicked,
        )
        .text_size(size)
        .width(Fill);
        let channel = pick_list(
            ctx.options::<IntakeChannel>(),
            Some(ctx.labeled(self.channel)),
            Message::ChannelPicked,
        )
        .text_size(size)
        .width(Fill);
        let received = text_input(&ctx.tr("hint-datetime-input"), &self.received)
            .style(crate::gui::theme::input)
            .id("intake_received")
            .on_input(Message::ReceivedChanged)
            .size(size)
            .padding(6);
        let summary = text_editor(&self.summary)
            .style(crate::gui::theme::editor)
            .id("intake_summary")
            .placeholder(ctx.tr("intake-summary-placeholder"))
            .on_action(Message::SummaryEdited)
            .size(size)
            .height(110)
            .padding(8);

        let basics = column![
            row![
                widgets::field(ctx, ctx.tr("intake-category"), category, None),
                widgets::field(ctx, ctx.tr("intake-channel"), channel, None),
                widgets::field(
                    ctx,
                    ctx.tr("intake-received"),
                    received,
                    err(Field::ReceivedAt)
                ),
            ]
            .spacing(theme::GAP),
            widgets::field(ctx, ctx.tr("intake-summary"), summary, err(Field::Summary)),
        ]
        .spacing(theme::GAP);

        let mut parties =
            column![widgets::heading(ctx, ctx.tr("intake-parties"))].spacing(theme::GAP);
        if let Some(e) = err(Field::Parties) {
            parties = parties.push(text(e).size(ctx.sizes.small()).style(theme::error_text));
        }
        for (i, p) in self.parties.iter().enumerate() {
            parties = parties.push(self.party_card(ctx, i, p));
        }
        parties = parties.push(
            button(text(ctx.tr("intake-add-party")).size(size))
                .style(button::secondary)
                .on_press(Message::AddParty),
        );

        let mut issues =
            column![widgets::heading(ctx, ctx.tr("intake-issues"))].spacing(theme::TIGHT);
        for (i, issue) in self.issues.iter().enumerate() {
            let title = text_input(&ctx.tr("intake-issue-placeholder"), &issue.title)
                .style(crate::gui::theme::input)
                .id(format!("issue_{i}_title"))
                .on_input(move |s| Message::IssueTitle(i, s))
                .size(size)
                .padding(6)
                .width(Fill);
            let amount = text_input(&ctx.tr("intake-issue-amount-placeholder"), &issue.amount)
                .style(crate::gui::theme::input)
                .id(format!("issue_{i}_amount"))
                .on_input(move |s| Message::IssueAmount(i, s))
                .size(size)
                .padding(6)
                .width(220);
            let remove = button(text(ctx.tr("intake-remove-issue")).size(ctx.sizes.small()))
                .style(button::text)
                .on_press(Message::RemoveIssue(i));
            issues = issues.push(
                row![title, amount, remove]
                    .spacing(theme::TIGHT)
                    .align_y(Center),
            );
            if let Some(e) = err(Field::Issue(i)) {
                issues = issues.push(text(e).size(ctx.sizes.small()).style(theme::error_text));
            }
        }
        issues = issues.push(
            button(text(ctx.tr("intake-add-issue")).size(size))
                .style(button::secondary)
                .on_press(Message::AddIssue),
        );

        let save_label = if self.saving {
            ctx.tr("intake-saving")
        } else {
            ctx.tr("intake-save")
        };
        let mut actions = row![
            widgets::keyed_button(ctx, save_label, Shortcut::ctrl('s'))
                .padding([8, 24])
                .style(button::primary)
                .on_press_maybe((!self.saving).then_some(Message::Save)),
            button(text(ctx.tr("intake-cancel")).size(size))
                .padding([8, 16])
                .style(button::secondary)
                .on_press(Message::Cancel),
        ]
        .spacing(theme::GAP)
        .align_y(Center);
        // Why saving failed, beside the save button (where the user is),
        // not at the top of a long form.
        let why = if !self.errors.is_empty() {
            Some(ctx.tr_args(
                "intake-has-errors",
                &[("count", self.errors.0.len().to_string())],
            ))
        } else {
            self.save_error.as_ref().map(|e| {
                let (key, args) = e.message();
                ctx.tr_args(key, &args)
            })
        };
        if let Some(why) = why {
            actions = actions.push(
                container(text(why).size(size))
                    .padding([6, 12])
                    .width(Fill)
                    .style(theme::alert),
            );
        }

        let mut page =
            column![text(ctx.tr("intake-title")).size(ctx.sizes.heading())].spacing(theme::GAP);
        page = page
            .push(widgets::card(basics))
            .push(parties)
            .push(widgets::card(issues));
        // The save button stays in sight however long the form grows.
        column![widgets::page_scroll(page), actions,]
            .spacing(theme::GAP)
            .into()
    }

    fn party_card<'a>(&'a self, ctx: Ctx<'a>, i: usize, p: &'a NewParty) -> Element<'a, Message> {
        let size = ctx.sizes.body();
        let err = |f| {
            self.errors
                .for_field(Field::Party(i, f))
                .map(|e| ctx.error(e))
        };
        let input = |placeholder: &str, value: &'a str, which: PartyText| {
            text_input(&ctx.tr(placeholder), value)
                .style(crate::gui::theme::input)
                .id(format!("party_{i}_{which:?}").to_lowercase())
                .on_input(move |s| Message::PartyText(i, which, s))
                .size(size)
                .padding(6)
        };
        let kind = pick_list(
            ctx.options::<PartyKind>(),
            Some(ctx.labeled(p.kind.unwrap_or(PartyKind::Person))),
            move |k| Message::PartyKindPicked(i, k),
        )
        .text_size(size)
        .width(Fill);
        let role = pick_list(
            ctx.options::<PartyRole>(),
            Some(ctx.labeled(p.role.unwrap_or(PartyRole::Applicant))),
            move |r| Message::PartyRolePicked(i, r),
        )
        .text_size(size)
        .width(Fill);
        let mut title = row![
            text(ctx.tr_args("intake-party-heading", &[("n", (i + 1).to_string())]))
                .size(ctx.sizes.subheading())
        ]
        .align_y(Center)
        .spacing(theme::GAP);
        if self.parties.len() > 1 {
            title = title.push(iced::widget::space::horizontal()).push(
                button(text(ctx.tr("intake-remove-party")).size(ctx.sizes.small()))
                    .style(button::text)
                    .on_press(Message::RemoveParty(i)),
            );
        }
        let person = p.kind.unwrap_or(PartyKind::Person) == PartyKind::Person;
        // 民族 and 职业 of a person, who signs for an organisation: printed
        // on the agreement when given.
        let extra: Element<'a, Message> = if person {
            row![
                widgets::field(
                    ctx,
                    ctx.tr("intake-party-ethnicity"),
                    input(
                        "intake-party-ethnicity-placeholder",
                        &p.ethnicity,
                        PartyText::Ethnicity
                    ),
                    err(PartyField::Ethnicity)
                ),
                widgets::field(
                    ctx,
                    ctx.tr("intake-party-occupation"),
                    input(
                        "intake-party-occupation-placeholder",
                        &p.occupation,
                        PartyText::Occupation
                    ),
                    err(PartyField::Occupation)
                ),
            ]
            .spacing(theme::GAP)
            .into()
        } else {
            let title = pick_list(
                ctx.options::<RepresentativeTitle>(),
                Some(
                    ctx.labeled(
                        p.representative_title
                            .unwrap_or(RepresentativeTitle::LegalRepresentative),
                    ),
                ),
                move |t| Message::RepresentativeTitlePicked(i, t),
            )
            .text_size(size)
            .width(Fill);
            row![
                widgets::field(ctx, ctx.tr("intake-party-representative"), title, None),
                widgets::field(
                    ctx,
                    String::new(),
                    input(
                        "intake-party-representative-placeholder",
                        &p.representative_name,
                        PartyText::Representative
                    ),
                    err(PartyField::Representative)
                ),
            ]
            .spacing(theme::GAP)
            .into()
        };
        let agent_kind = pick_list(
            ctx.options::<AgentKind>(),
            Some(ctx.labeled(p.agent_kind.unwrap_or(AgentKind::Entrusted))),
            move |k| Message::AgentKindPicked(i, k),
        )
        .text_size(size)
        .width(Fill);
        let mut agent = column![
            row![
                widgets::field(
                    ctx,
                    ctx.tr("intake-party-agent"),
                    input(
                        "intake-party-agent-placeholder",
                        &p.agent_name,
                        PartyText::AgentName
                    ),
                    err(PartyField::AgentName)
                ),
                widgets::field(
                    ctx,
                    String::new(),
                    input(
                        "intake-party-agent-phone-placeholder",
                        &p.agent_phone,
                        PartyText::AgentPhone
                    ),
                    err(PartyField::AgentPhone)
                ),
            ]
            .spacing(theme::GAP)
        ]
        .spacing(theme::TIGHT);
        // The agent's kind and powers once there is an agent.
        if !p.agent_name.trim().is_empty() {
            let mut line = row![widgets::field(
                ctx,
                ctx.tr("intake-party-agent-kind"),
                agent_kind,
                None
            )]
            .spacing(theme::GAP);
            if p.agent_kind != Some(AgentKind::Statutory) {
                line = line.push(widgets::field(
                    ctx,
                    ctx.tr("intake-party-agent-authority"),
                    input(
                        "intake-party-agent-authority-placeholder",
                        &p.agent_authority,
                        PartyText::AgentAuthority,
                    ),
                    err(PartyField::AgentAuthority),
                ));
            }
            agent = agent.push(line);
        }
        let body = column![
            title,
            row![
                widgets::field(ctx, ctx.tr("intake-party-role"), role, None),
                widgets::field(ctx, ctx.tr("intake-party-kind"), kind, None),
            ]
            .spacing(theme::GAP),
            row![
                widgets::field(
                    ctx,
                    ctx.tr("intake-party-name"),
                    input("intake-party-name-placeholder", &p.name, PartyText::Name),
                    err(PartyField::Name)
                ),
                widgets::field(
                    ctx,
                    ctx.tr("intake-party-id"),
                    input(
                        "intake-party-id-placeholder",
                        &p.id_number,
                        PartyText::IdNumber
                    ),
                    err(PartyField::IdNumber)
                ),
            ]
            .spacing(theme::GAP),
            row![
                widgets::field(
                    ctx,
                    ctx.tr("intake-party-phone"),
                    input("intake-party-phone-placeholder", &p.phone, PartyText::Phone),
                    err(PartyField::Phone)
                ),
                widgets::field(
                    ctx,
                    ctx.tr("intake-party-email"),
                    input("intake-party-email-placeholder", &p.email, PartyText::Email),
                    err(PartyField::Email)
                ),
            ]
            .spacing(theme::GAP),
            widgets::field(
                ctx,
                ctx.tr("intake-party-address"),
                input(
                    "intake-party-address-placeholder",
                    &p.address,
                    PartyText::Address
                ),
                err(PartyField::Address)
            ),
            extra,
            agent,
        ]
        .spacing(theme::TIGHT);
        widgets::card(body)
    }
}
