//! The centre desk: the board of cases near their due date and overdue
//! (per mediator and for the centre, or only "mine"; each case's risk
//! flag, or only the flagged ones), and the roster of
//! mediators and partner units, kept by administrators. One case's desk
//! (assignment, withdrawal, time limit, transfer, judicial confirmation,
//! oral agreement) is `case`.
//!
//! The board and the roster form share one screen, one load job and one
//! message type, so they are one piece. Next cut: the roster form
//! (`RosterForm`, its messages and `form_view`) into `desk/roster.rs`.

pub mod case;

use accord_core::risk::RiskLevel;
use accord_core::{
    Category, Choice, LocalUser, UserRole,
    mediator::{
        Availability, DeclaredRelation, Mediator, MediatorDetails, MediatorType, RelationKind,
    },
    time_limit::Urgency,
};
use accord_store::{Actor, Board, Store};
use chrono::NaiveDate;
use iced::{
    Center, Element, Fill,
    widget::{button, checkbox, column, pick_list, row, text, text_input},
};

use crate::error::{AppError, Phrase};
use crate::gui::{
    Action, Ctx, Labeled, Route,
    commands::{Command, Shortcut},
    theme, widgets,
};

/// What the desk shows.
#[derive(Debug, Clone, Default)]
pub struct DeskData {
    pub day: Option<NaiveDate>,
    pub board: Board,
    pub roster: Vec<Mediator>,
    pub users: Vec<LocalUser>,
    /// The days set instead of a month, by category or channel code.
    pub limits: Vec<(String, u64)>,
    pub notice: Option<Phrase>,
}

/// A category or a channel, for the days a case of it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitSource {
    pub code: String,
    pub label: String,
}

impl std::fmt::Display for LimitSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

fn limit_sources(ctx: Ctx<'_>) -> Vec<LimitSource> {
    let categories = Category::ALL.iter().map(|c| LimitSource {
        code: c.code().to_owned(),
        label: ctx.label(*c),
    });
    let channels = accord_core::IntakeChannel::ALL.iter().map(|c| LimitSource {
        code: c.code().to_owned(),
        label: ctx.label(*c),
    });
    categories.chain(channels).collect()
}

/// A user account to link a roster entry to (or none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserChoice {
    pub id: Option<i64>,
    pub label: String,
}

impl std::fmt::Display for UserChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// The roster form.
#[derive(Debug, Clone, Default)]
pub struct RosterForm {
    /// `None`: a new entry.
    pub id: Option<i64>,
    pub name: String,
    pub mediator_type: Option<MediatorType>,
    pub unit: String,
    pub categories: Vec<Category>,
    pub languages: String,
    pub weekdays: u8,
    /// One range of leave per line: `2026-12-01 2026-12-07`.
    pub leave: String,
    pub id_number: String,
    pub phone: String,
    pub address: String,
    pub relations: Vec<(RelationKind, String, String)>,
    pub user_id: Option<i64>,
    pub active: bool,
}

impl RosterForm {
    fn new() -> Self {
        Self {
            weekdays: Availability::default().weekdays,
            active: true,
            ..Self::default()
        }
    }

    fn from(m: &Mediator) -> Self {
        let d = &m.details;
        Self {
            id: Some(m.id),
            name: d.name.clone(),
            mediator_type: d.mediator_type,
            unit: d.unit.clone(),
            categories: d.categories.clone(),
            languages: d.languages.join("、"),
            weekdays: d.availability.weekdays,
            leave: d
                .availability
                .leave
                .iter()
                .map(|(a, b)| format!("{a} {b}"))
                .collect::<Vec<_>>()
                .join("\n"),
            id_number: d.id_number.clone().unwrap_or_default(),
            phone: d.phone.clone().unwrap_or_default(),
            address: d.address.clone().unwrap_or_default(),
            relations: d
                .relations
                .iter()
                .map(|r| {
                    (
                        r.kind,
                        r.name.clone(),
                        r.id_number.clone().unwrap_or_default(),
                    )
                })
                .collect(),
            user_id: d.user_id,
            active: d.active,
        }
    }

    /// The details typed, or the key of why the leave lines do not read.
    fn details(&self) -> Result<MediatorDetails, &'static str> {
        let mut leave = Vec::new();
        for line in self.leave.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let parts: Vec<&str> = line
                .split(|c: char| c.is_whitespace() || matches!(c, '~' | '～' | '至'))
                .filter(|p| !p.is_empty())
                .collect();
            let parse = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            match parts.as_slice() {
                [a] => match parse(a) {
                    Some(d) => leave.push((d, d)),
                    None => return Err("desk-error-leave"),
                },
                [a, b] => match (parse(a), parse(b)) {
                    (Some(a), Some(b)) if a <= b => leave.push((a, b)),
                    _ => return Err("desk-error-leave"),
                },
                _ => return Err("desk-error-leave"),
            }
        }
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        Ok(MediatorDetails {
            name: self.name.clone(),
            mediator_type: self.mediator_type,
            unit: self.unit.clone(),
            categories: self.categories.clone(),
            languages: self
                .languages
                .split(['、', ',', '，', ';', '；'])
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect(),
            availability: Availability {
                weekdays: self.weekdays,
                leave,
            },
            id_number: opt(&self.id_number),
            phone: opt(&self.phone),
            address: opt(&self.address),
            relations: self
                .relations
                .iter()
                .map(|(kind, name, id)| DeclaredRelation {
                    kind: *kind,
                    name: name.trim().to_owned(),
                    id_number: opt(id),
                    note: String::new(),
                })
                .collect(),
            user_id: self.user_id,
            active: self.active,
        })
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Refresh,
    Loaded(Result<Box<DeskData>, AppError>),
    /// Only the cases of the user at the keyboard.
    MineOnly(bool),
    /// "Only cases with a risk flag" on the board.
    FlaggedOnly(bool),
    OpenCase(i64),
    /// Open the roster form: an entry, or a new one.
    Edit(Option<i64>),
    Name(String),
    Type(Labeled<MediatorType>),
    Unit(String),
    Category(Category, bool),
    Languages(String),
    Weekday(u32, bool),
    Leave(String),
    IdNumber(String),
    Phone(String),
    Address(String),
    Active(bool),
    User(UserChoice),
    RelationKind(usize, Labeled<RelationKind>),
    RelationName(usize, String),
    RelationId(usize, String),
    AddRelation,
    RemoveRelation(usize),
    Save,
    Cancel,
    WarnDays(String),
    SaveWarnDays,
    LimitSource(LimitSource),
    LimitDays(String),
    SaveLimit,
}

#[derive(Debug, Default)]
pub struct Desk {
    data: DeskData,
    mine_only: bool,
    flagged_only: bool,
    form: Option<RosterForm>,
    warn_days: String,
    limit_source: Option<LimitSource>,
    limit_days: String,
    busy: bool,
    error: Option<Phrase>,
}

#[derive(Debug, Clone)]
enum Job {
    Load,
    Save(Option<i64>, Box<MediatorDetails>),
    WarnDays(i64),
    Limit(String, u64),
}

impl Desk {
    pub fn open(ctx: &Ctx<'_>) -> (Self, Action<Message>) {
        let mut desk = Self {
            // A mediator sees their own cases first.
            mine_only: ctx.user.is_some_and(|u| u.role == UserRole::Mediator),
            ..Self::default()
        };
        let load = desk.run(ctx, Job::Load);
        (desk, load)
    }

    /// What the desk offers the palette (every button and choice is
    /// reachable from the keyboard): each case on the board, refresh, and
    /// the roster form's actions and choices.
    pub fn commands(&self, ctx: Ctx<'_>) -> Vec<Command<Message>> {
        let mut out = Vec::new();
        for r in &self.data.board.rows {
            out.push(Command::new(
                ctx.tr_args("desk-cmd-open", &[("number", r.number.clone())]),
                Message::OpenCase(r.case_id),
            ));
        }
        out.push(Command::new(ctx.tr("today-refresh"), Message::Refresh));
        out.push(Command::new(
            ctx.tr("desk-mine-only"),
            Message::MineOnly(!self.mine_only),
        ));
        if !Self::is_admin(&ctx) {
            return out;
        }
        for source in limit_sources(ctx) {
            out.push(Command::new(
                choice(ctx, ctx.tr("desk-limit-source"), source.label.clone()),
                Message::LimitSource(source),
            ));
        }
        out.push(Command::new(ctx.tr("desk-limit-save"), Message::SaveLimit));
        out.push(Command::new(
            ctx.tr("desk-warn-days-save"),
            Message::SaveWarnDays,
        ));
        match &self.form {
            None => {
                out.push(Command::new(ctx.tr("desk-roster-add"), Message::Edit(None)));
                for m in &self.data.roster {
                    out.push(Command::new(
                        ctx.tr_args("desk-cmd-edit", &[("name", m.details.name.clone())]),
                        Message::Edit(Some(m.id)),
                    ));
                }
            }
            Some(f) => {
                out.push(
                    Command::new(ctx.tr("desk-roster-save"), Message::Save)
                        .keys(Shortcut::ctrl('s')),
                );
                out.push(Command::new(ctx.tr("desk-cancel"), Message::Cancel));
                out.push(Command::new(
                    ctx.tr("desk-relation-add"),
                    Message::AddRelation,
                ));
                for t in MediatorType::ALL {
                    out.push(Command::new(
                        choice(ctx, ctx.tr("desk-type"), ctx.label(*t)),
                        Message::Type(ctx.labeled(*t)),
                    ));
                }
                for c in Category::ALL {
                    let on = f.categories.contains(c);
                    out.push(Command::new(
                        choice(ctx, ctx.tr("desk-categories"), ctx.label(*c)),
                        Message::Category(*c, !on),
                    ));
                }
                for d in 0..7u32 {
                    out.push(Command::new(
                        choice(ctx, ctx.tr("desk-weekdays"), weekday_name(ctx, d)),
                        Message::Weekday(d, f.weekdays & (1 << d) == 0),
                    ));
                }
                out.push(Command::new(
                    ctx.tr("desk-active"),
                    Message::Active(!f.active),
                ));
                for u in &self.data.users {
                    out.push(Command::new(
                        choice(ctx, ctx.tr("desk-account"), u.name.clone()),
                        Message::User(UserChoice {
                            id: Some(u.id),
                            label: u.name.clone(),
                        }),
                    ));
                }
            }
        }
        out
    }

    /// Whether the roster form holds typing.
    pub fn unsaved(&self) -> bool {
        self.form
            .as_ref()
            .is_some_and(|f| !f.name.trim().is_empty())
    }

    fn is_admin(ctx: &Ctx<'_>) -> bool {
        ctx.user.is_none_or(|u| u.role == UserRole::Administrator)
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action<Message> {
        let form = self.form.as_mut();
        match message {
            Message::Refresh => return self.run(ctx, Job::Load),
            Message::Loaded(Ok(data)) => {
                self.busy = false;
                self.error = None;
                if data.notice.is_some() {
                    self.form = None;
                }
                self.warn_days = data.board.warn_days.to_string();
                self.data = *data;
            }
            Message::Loaded(Err(e)) => {
                self.busy = false;
                self.error = Some(e.phrase());
            }
            Message::MineOnly(on) => self.mine_only = on,
            Message::FlaggedOnly(on) => self.flagged_only = on,
            Message::OpenCase(id) => return Action::Navigate(Route::CaseDesk(id)),
            Message::Edit(id) => {
                self.error = None;
                self.form = Some(
                    match id.and_then(|id| self.data.roster.iter().find(|m| m.id == id)) {
                        Some(m) => RosterForm::from(m),
                        None => RosterForm::new(),
                    },
                );
            }
            Message::Cancel => self.form = None,
            Message::LimitSource(source) => self.limit_source = Some(source),
            Message::LimitDays(s) => self.limit_days = s,
            Message::SaveLimit => match (&self.limit_source, self.limit_days.trim().parse::<u64>())
            {
                (Some(source), Ok(days)) if days <= 365 => {
                    return self.run(ctx, Job::Limit(source.code.clone(), days));
                }
                _ => self.error = Some(Phrase::error("desk-error-limit")),
            },
            Message::WarnDays(s) => self.warn_days = s,
            Message::SaveWarnDays => match self.warn_days.trim().parse::<i64>() {
                Ok(days) if (0..=60).contains(&days) => return self.run(ctx, Job::WarnDays(days)),
                _ => self.error = Some(Phrase::error("desk-error-warn-days")),
            },
            Message::Save => {
                let Some(form) = &self.form else {
                    return Action::None;
                };
                match form.details() {
                    Ok(details) => match details.validate() {
                        Ok(()) => return self.run(ctx, Job::Save(form.id, Box::new(details))),
                        Err(e) => self.error = Some(Phrase::error(e.key())),
                    },
                    Err(key) => self.error = Some(Phrase::error(key)),
                }
            }
            m => {
                let Some(f) = form else {
                    return Action::None;
                };
                match m {
                    Message::Name(s) => f.name = s,
                    Message::Type(t) => f.mediator_type = Some(t.value),
                    Message::Unit(s) => f.unit = s,
                    Message::Category(c, on) => {
                        f.categories.retain(|x| *x != c);
                        if on {
                            f.categories.push(c);
                        }
                    }
                    Message::Languages(s) => f.languages = s,
                    Message::Weekday(d, on) => {
                        if on {
                            f.weekdays |= 1 << d;
                        } else {
                            f.weekdays &= !(1 << d);
                        }
                    }
                    Message::Leave(s) => f.leave = s,
                    Message::IdNumber(s) => f.id_number = s,
                    Message::Phone(s) => f.phone = s,
                    Message::Address(s) => f.address = s,
                    Message::Active(on) => f.active = on,
                    Message::User(u) => f.user_id = u.id,
                    Message::RelationKind(i, k) => {
                        if let Some(r) = f.relations.get_mut(i) {
                            r.0 = k.value;
                        }
                    }
                    Message::RelationName(i, s) => {
                        if let Some(r) = f.relations.get_mut(i) {
                            r.1 = s;
                        }
                    }
                    Message::RelationId(i, s) => {
                        if let Some(r) = f.relations.get_mut(i) {
                            r.2 = s;
                        }
                    }
                    Message::AddRelation => {
                        f.relations
                            .push((RelationKind::Relative, String::new(), String::new()));
                    }
                    Message::RemoveRelation(i) if i < f.relations.len() => {
                        f.relations.remove(i);
                    }
                    _ => {}
                }
            }
        }
        Action::None
    }

    fn run(&mut self, ctx: &Ctx<'_>, job: Job) -> Action<Message> {
        self.busy = true;
        self.error = None;
        let actor = ctx.actor();
        Action::run(move |store| async move {
            Message::Loaded(desk_job(&store, &actor, job).await.map(Box::new))
        })
    }
}

async fn desk_job(store: &Store, actor: &Actor, job: Job) -> Result<DeskData, AppError> {
    let notice = match job {
        Job::Load => None,
        Job::Save(id, details) => {
            let saved = store.save_mediator(actor, id, &details).await?;
            Some(Phrase::new("desk-roster-saved").arg("name", saved.details.name))
        }
        Job::Limit(code, days) => {
            let key = format!("{}{code}", accord_store::TIME_LIMIT_DAYS_PREFIX);
            let value = if days == 0 {
                String::new()
            } else {
                days.to_string()
            };
            store
                .set_centre_details(actor, &[(key.as_str(), value.as_str())])
                .await?;
            Some(Phrase::new("desk-limit-saved"))
        }
        Job::WarnDays(days) => {
            store.set_due_warning_days(actor, days).await?;
            Some(Phrase::new("desk-warn-days-saved").arg("days", days.to_string()))
        }
    };
    let day = chrono::Local::now().date_naive();
    let mut limits = Vec::new();
    let codes = Category::ALL
        .iter()
        .map(|c| c.code())
        .chain(accord_core::IntakeChannel::ALL.iter().map(|c| c.code()));
    for code in codes {
        let key = format!("{}{code}", accord_store::TIME_LIMIT_DAYS_PREFIX);
        if let Some(days) = store
            .setting(&key)
            .await?
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|d| *d > 0)
        {
            limits.push((code.to_owned(), days));
        }
    }
    Ok(DeskData {
        day: Some(day),
        limits,
        board: store.board(day, 200).await?,
        roster: store.roster().await?,
        users: store.users().await?,
        notice,
    })
}

/// How near a due date is, in words.
pub fn urgency_words(ctx: Ctx<'_>, urgency: Urgency) -> String {
    match urgency {
        Urgency::Overdue { days } => ctx.tr_args("desk-overdue", &[("days", days.to_string())]),
        Urgency::Today => ctx.tr("desk-due-today"),
        Urgency::Near { days_left } => {
            ctx.tr_args("desk-due-in", &[("days", days_left.to_string())])
        }
        Urgency::OnTime => ctx.tr("desk-on-time"),
    }
}

/// A palette entry that picks a value for a field ("接收单位类别：公安机关").
pub fn choice(ctx: Ctx<'_>, field: String, value: impl Into<String>) -> String {
    ctx.tr_args(
        "desk-cmd-choice",
        &[("field", field), ("value", value.into())],
    )
}

/// The weekday names, Monday first.
pub fn weekday_name(ctx: Ctx<'_>, d: u32) -> String {
    ctx.tr_args("desk-weekday", &[("day", d.to_string())])
}

type El<'a> = Element<'a, Message>;

impl Desk {
    pub fn view<'a>(&'a self, ctx: Ctx<'a>) -> El<'a> {
        let small = ctx.sizes.small();
        let body = ctx.sizes.body();
        let board = &self.data.board;
        let me = ctx.user.map(|u| u.id);
        let mut page = column![
            row![
                text(ctx.tr("desk-title"))
                    .size(ctx.sizes.heading())
                    .width(Fill),
                button(text(ctx.tr("today-refresh")).size(small))
                    .style(button::secondary)
                    .on_press(Message::Refresh),
            ]
            .align_y(Center),
            widgets::banners(ctx, self.data.notice.as_ref(), self.error.as_ref()),
        ]
        .spacing(theme::GAP);

        // The board.
        let mut card = column![
            widgets::heading(
                ctx,
                ctx.tr_args(
                    "desk-board-heading",
                    &[
                        ("overdue", board.total_overdue.to_string()),
                        ("near", board.total_near.to_string()),
                        ("days", board.warn_days.to_string()),
                    ],
                ),
            ),
            row![
                checkbox(self.mine_only)
                    .label(ctx.tr("desk-mine-only"))
                    .on_toggle(Message::MineOnly)
                    .text_size(body),
                checkbox(self.flagged_only)
                    .label(ctx.tr("cases-flagged-only"))
                    .on_toggle(Message::FlaggedOnly)
                    .text_size(body),
            ]
            .spacing(theme::GAP * 2.0),
        ]
        .spacing(theme::TIGHT);
        let rows: Vec<_> = board
            .rows
            .iter()
            .filter(|r| {
                !self.mine_only
                    || me.is_some_and(|me| {
                        r.mediator_users.contains(&me) || r.receiver_id == Some(me)
                    })
            })
            .filter(|r| !self.flagged_only || r.risk != RiskLevel::Green)
            .collect();
        if rows.is_empty() {
            card = card.push(
                text(ctx.tr("desk-board-empty"))
                    .size(body)
                    .style(theme::muted_text),
            );
        }
        for r in rows {
            let urgency = r.urgency();
            let words = text(urgency_words(ctx, urgency)).size(body).width(140);
            let words = if matches!(urgency, Urgency::Overdue { .. }) {
                words.style(theme::error_text)
            } else {
                words
            };
            card = card.push(
                row![
                    button(text(r.number.clone()).size(body))
                        .style(button::text)
                        .on_press(Message::OpenCase(r.case_id)),
                    text(ctx.label(r.category)).size(body).width(120),
                    words,
                    text(accord_document::long_date(ctx.t, r.due_on))
                        .size(body)
                        .width(160),
                    risk_flag(ctx, r.risk, body),
                    text(if r.mediators.is_empty() {
                        ctx.tr("desk-unassigned")
                    } else {
                        ctx.list(&r.mediators)
                    })
                    .size(body)
                    .width(Fill),
                ]
                .spacing(theme::GAP)
                .align_y(Center),
            );
        }
        if !board.per_mediator.is_empty() {
            card = card.push(
                text(ctx.tr("desk-per-mediator"))
                    .size(small)
                    .style(theme::muted_text),
            );
            for c in &board.per_mediator {
                card = card.push(
                    text(ctx.tr_args(
                        "desk-per-mediator-line",
                        &[
                            (
                                "name",
                                c.name.clone().unwrap_or_else(|| ctx.tr("desk-unassigned")),
                            ),
                            ("overdue", c.overdue.to_string()),
                            ("near", c.near.to_string()),
                        ],
                    ))
                    .size(body),
                );
            }
        }
        if Self::is_admin(&ctx) {
            card = card.push(
                row![
                    text(ctx.tr("desk-warn-days")).size(small),
                    text_input("3", &self.warn_days)
                        .on_input(Message::WarnDays)
                        .on_submit(Message::SaveWarnDays)
                        .width(60)
                        .size(body),
                    button(text(ctx.tr("desk-warn-days-save")).size(small))
                        .style(button::secondary)
                        .on_press(Message::SaveWarnDays),
                ]
                .spacing(theme::TIGHT)
                .align_y(Center),
            );
        }
        if Self::is_admin(&ctx) {
            let sources = limit_sources(ctx);
            let set: Vec<String> = self
                .data
                .limits
                .iter()
                .map(|(code, days)| {
                    let label = sources
                        .iter()
                        .find(|s| &s.code == code)
                        .map(|s| s.label.clone())
                        .unwrap_or_else(|| code.clone());
                    ctx.tr_args(
                        "desk-limit-line",
                        &[("source", label), ("days", days.to_string())],
                    )
                })
                .collect();
            card = card.push(
                text(if set.is_empty() {
                    ctx.tr("desk-limits-none")
                } else {
                    ctx.list(&set)
                })
                .size(small)
                .style(theme::muted_text),
            );
            card = card.push(
                row![
                    text(ctx.tr("desk-limit")).size(small),
                    pick_list(sources, self.limit_source.clone(), Message::LimitSource)
                        .placeholder(ctx.tr("desk-limit-source"))
                        .text_size(body),
                    text_input("30", &self.limit_days)
                        .on_input(Message::LimitDays)
                        .on_submit(Message::SaveLimit)
                        .width(60)
                        .size(body),
                    button(text(ctx.tr("desk-limit-save")).size(small))
                        .style(button::secondary)
                        .on_press(Message::SaveLimit),
                ]
                .spacing(theme::TIGHT)
                .align_y(Center),
            );
        }
        page = page.push(widgets::card(card));

        // The roster.
        let mut roster = column![
            row![
                widgets::heading(ctx, ctx.tr("desk-roster-heading")),
                iced::widget::space().width(Fill),
            ]
            .align_y(Center)
        ]
        .spacing(theme::TIGHT);
        if Self::is_admin(&ctx) && self.form.is_none() {
            roster = roster.push(
                button(text(ctx.tr("desk-roster-add")).size(body))
                    .style(button::primary)
                    .on_press(Message::Edit(None)),
            );
        }
        if let Some(form) = &self.form {
            roster = roster.push(self.form_view(ctx, form));
        }
        if self.data.roster.is_empty() {
            roster = roster.push(
                text(ctx.tr("desk-roster-empty"))
                    .size(body)
                    .style(theme::muted_text),
            );
        }
        for m in &self.data.roster {
            let d = &m.details;
            let mut line = row![
                text(d.name.clone()).size(body).width(120),
                text(d.mediator_type.map(|t| ctx.label(t)).unwrap_or_default())
                    .size(small)
                    .width(130),
                text(d.unit.clone()).size(small).width(160),
                text(
                    ctx.list(
                        &d.categories
                            .iter()
                            .map(|c| ctx.label(*c))
                            .collect::<Vec<_>>()
                    )
                )
                .size(small)
                .width(Fill),
                text(if d.active {
                    String::new()
                } else {
                    ctx.tr("desk-retired")
                })
                .size(small)
                .style(theme::muted_text),
            ]
            .spacing(theme::GAP)
            .align_y(Center);
            if Self::is_admin(&ctx) {
                line = line.push(
                    button(text(ctx.tr("desk-roster-edit")).size(small))
                        .style(button::secondary)
                        .on_press(Message::Edit(Some(m.id))),
                );
            }
            roster = roster.push(line);
        }
        page = page.push(widgets::card(roster));
        widgets::page_scroll(page.padding(theme::GAP)).into()
    }

    fn form_view<'a>(&'a self, ctx: Ctx<'a>, f: &'a RosterForm) -> El<'a> {
        let body = ctx.sizes.body();
        let small = ctx.sizes.small();
        let input = |value: &'a str, on: fn(String) -> Message| {
            text_input("", value).on_input(on).size(body)
        };
        let types = ctx.options::<MediatorType>();
        let users: Vec<UserChoice> = std::iter::once(UserChoice {
            id: None,
            label: ctx.tr("desk-no-account"),
        })
        .chain(self.data.users.iter().map(|u| UserChoice {
            id: Some(u.id),
            label: format!("{}（{}）", u.name, ctx.label(u.role)),
        }))
        .collect();
        let chosen_user = users.iter().find(|u| u.id == f.user_id).cloned();
        let mut cats = row![].spacing(theme::TIGHT);
        for c in Category::ALL {
            cats = cats.push(
                checkbox(f.categories.contains(c))
                    .label(ctx.label(*c))
                    .on_toggle(move |on| Message::Category(*c, on))
                    .text_size(small),
            );
        }
        let mut days = row![].spacing(theme::TIGHT);
        for d in 0..7u32 {
            days = days.push(
                checkbox(f.weekdays & (1 << d) != 0)
                    .label(weekday_name(ctx, d))
                    .on_toggle(move |on| Message::Weekday(d, on))
                    .text_size(small),
            );
        }
        let mut relations = column![
            text(ctx.tr("desk-relations"))
                .size(small)
                .style(theme::muted_text)
        ]
        .spacing(theme::TIGHT);
        for (i, (kind, name, id)) in f.relations.iter().enumerate() {
            relations = relations.push(
                row![
                    pick_list(
                        ctx.options::<RelationKind>(),
                        Some(ctx.labeled(*kind)),
                        move |k| Message::RelationKind(i, k)
                    )
                    .text_size(body),
                    text_input(&ctx.tr("desk-relation-name"), name)
                        .on_input(move |s| Message::RelationName(i, s))
                        .size(body),
                    text_input(&ctx.tr("desk-relation-id"), id)
                        .on_input(move |s| Message::RelationId(i, s))
                        .size(body),
                    button(text(ctx.tr("desk-relation-remove")).size(small))
                        .style(button::secondary)
                        .on_press(Message::RemoveRelation(i)),
                ]
                .spacing(theme::TIGHT)
                .align_y(Center),
            );
        }
        relations = relations.push(
            button(text(ctx.tr("desk-relation-add")).size(small))
                .style(button::secondary)
                .on_press(Message::AddRelation),
        );
        let save = button(text(ctx.tr("desk-roster-save")).size(body)).style(button::primary);
        column![
            row![
                widgets::field(
                    ctx,
                    ctx.tr("desk-name"),
                    input(&f.name, Message::Name),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("desk-type"),
                    pick_list(
                        types,
                        f.mediator_type.map(|t| ctx.labeled(t)),
                        Message::Type
                    )
                    .text_size(body),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("desk-unit"),
                    input(&f.unit, Message::Unit),
                    None
                ),
            ]
            .spacing(theme::GAP),
            text(ctx.tr("desk-categories"))
                .size(small)
                .style(theme::muted_text),
            cats.wrap(),
            text(ctx.tr("desk-weekdays"))
                .size(small)
                .style(theme::muted_text),
            days.wrap(),
            row![
                widgets::field(
                    ctx,
                    ctx.tr("desk-languages"),
                    input(&f.languages, Message::Languages),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("desk-leave"),
                    input(&f.leave, Message::Leave),
                    None
                ),
            ]
            .spacing(theme::GAP),
            row![
                widgets::field(
                    ctx,
                    ctx.tr("desk-id-number"),
                    input(&f.id_number, Message::IdNumber),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("desk-phone"),
                    input(&f.phone, Message::Phone),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("desk-address"),
                    input(&f.address, Message::Address),
                    None
                ),
            ]
            .spacing(theme::GAP),
            relations,
            row![
                widgets::field(
                    ctx,
                    ctx.tr("desk-account"),
                    pick_list(users, chosen_user, Message::User).text_size(body),
                    None
                ),
                checkbox(f.active)
                    .label(ctx.tr("desk-active"))
                    .on_toggle(Message::Active)
                    .text_size(body),
            ]
            .spacing(theme::GAP)
            .align_y(Center),
            row![
                if self.busy {
                    save
                } else {
                    save.on_press(Message::Save)
                },
                button(text(ctx.tr("desk-cancel")).size(body))
                    .style(button::secondary)
                    .on_press(Message::Cancel),
            ]
            .spacing(theme::GAP),
        ]
        .spacing(theme::TIGHT)
        .into()
    }
}

/// A case's risk flag on the board ("预警：红"), red in the error colour,
/// nothing for green.
fn risk_flag<'a>(ctx: Ctx<'a>, risk: RiskLevel, size: f32) -> Element<'a, Message> {
    let words = text(if risk == RiskLevel::Green {
        String::new()
    } else {
        ctx.tr_args("cases-risk", &[("level", ctx.label(risk))])
    })
    .size(size)
    .width(110);
    match risk {
        RiskLevel::Red => words.style(theme::error_text).into(),
        RiskLevel::Yellow => iced::widget::container(words)
            .padding([0, 4])
            .style(theme::caution)
            .into(),
        RiskLevel::Green => words.into(),
    }
}
