//! The settlement agreement of a case: drafting (from the case and the
//! room), the completeness check, review with comments and the difference
//! between versions, signatures on the pad or on paper, finalising, the
//! sealed PDF, printing and handing out.

use accord_core::{
    Case, Currency, LocalUser, Money, RoomItem, UserRole,
    agreement::{
        AgreementContent, AgreementStatus, Clause, Installment, Jurisdiction, Missing, Obligation,
        ObligationKind, SignMethod, Signature, default_clauses,
    },
};
use accord_document::{DiffLine, pdf};
use accord_i18n::Translations;
use accord_store::AgreementRecord;
use chrono::NaiveDate;
use iced::{
    Center, Element, Fill, Length,
    widget::{
        button, canvas, column, container, pick_list, row, scrollable, space, text, text_editor,
        text_input,
    },
};

mod jobs;

use jobs::JobFor;
pub use jobs::{load, open};

use crate::error::{AppError, Phrase};
use crate::gui::{
    Action, Ctx, Labeled, Route,
    pad::{self, Pad, PadEvent},
    theme, widgets,
};

/// What the agreement screen shows, as read from the database.
#[derive(Debug, Clone, Default)]
pub struct AgreementData {
    pub record: Option<AgreementRecord>,
    pub signatures: Vec<Signature>,
    /// When and by whom the final version was sealed, and the file's hash.
    pub sealed: Option<(chrono::DateTime<chrono::Utc>, String, String)>,
    /// The room's entries (for the first draft).
    pub items: Vec<RoomItem>,
    /// The printers CUPS offers, the default first.
    pub printers: Vec<String>,
    /// What the last job did, for the user ("printed 4 copies...").
    pub notice: Option<Phrase>,
}

/// What the screen asks the database (and the printer) to do.
#[derive(Debug, Clone)]
enum Job {
    /// The draft, on top of the newest version this screen showed.
    Save(Box<AgreementContent>, Option<i32>),
    /// A review step for the version this screen showed.
    Review(AgreementStatus, Option<String>, Option<i32>),
    Sign(Box<Signature>),
    /// Finalise and seal.
    Finalise,
    Print {
        printer: String,
        copies: usize,
    },
    Open,
    SaveFile,
}

/// The steps of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Draft,
    Review,
    Sign,
    Print,
}

/// One obligation as typed.
#[derive(Debug, Clone, Default)]
struct ObligationForm {
    debtor: Option<i64>,
    creditor: Option<i64>,
    kind: Option<ObligationKind>,
    description: String,
    amount: String,
    /// The single due date (payment) or the deadline (act).
    due: String,
    /// Instalments as (date, amount), when a payment is split.
    installments: Vec<(String, String)>,
    method: String,
}

/// The draft as typed: text kept as written so nothing is lost.
#[derive(Debug, Default)]
struct Form {
    jurisdiction: Option<Jurisdiction>,
    facts: text_editor::Content,
    clauses: Vec<String>,
    obligations: Vec<ObligationForm>,
    mediator: String,
    recorder: String,
    witnesses: String,
}

/// A party (or nobody) in a pick list.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyPick {
    id: Option<i64>,
    name: String,
}

impl std::fmt::Display for PartyPick {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

/// A version in the "compare" pick lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionPick(pub i32);

impl std::fmt::Display for VersionPick {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "v{}", self.0)
    }
}

/// Which obligation field changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OField {
    Description,
    Amount,
    Due,
    Method,
}

/// What the user does on the agreement screen.
#[derive(Debug, Clone)]
pub enum Message {
    Back,
    Tab(Tab),
    Jurisdiction(Labeled<Jurisdiction>),
    Facts(text_editor::Action),
    Clause(usize, String),
    AddClause,
    RemoveClause(usize),
    MoveClause(usize, bool),
    AddObligation,
    RemoveObligation(usize),
    Debtor(usize, PartyPick),
    Creditor(usize, PartyPick),
    Kind(usize, Labeled<ObligationKind>),
    Obligation(usize, OField, String),
    AddInstallment(usize),
    RemoveInstallment(usize, usize),
    Installment(usize, usize, bool, String),
    Mediator(String),
    Recorder(String),
    Witnesses(String),
    /// Start again from the case and the room.
    Prefill,
    Save,
    Submit,
    Comment(String),
    Approve,
    Return,
    CompareFrom(VersionPick),
    CompareTo(VersionPick),
    /// Open the pad for a signatory.
    OpenPad(usize),
    Pad(PadEvent),
    ClearPad,
    CancelPad,
    SavePad,
    OnPaper(usize),
    Finalise,
    Printer(String),
    Copies(String),
    Print,
    Open,
    SaveFile,
    /// The agreement as it stands after a job (and the case, when read
    /// again), or why the job failed.
    Loaded {
        case: Option<Box<Case>>,
        data: Result<Box<AgreementData>, AppError>,
    },
}

impl From<PadEvent> for Message {
    fn from(event: PadEvent) -> Self {
        Message::Pad(event)
    }
}

/// The pad open for one signatory.
#[derive(Debug, Clone)]
struct PadDraft {
    slot: usize,
    strokes: Vec<Vec<(f32, f32)>>,
}

/// The agreement screen's state.
#[derive(Debug)]
pub struct AgreementScreen {
    pub case: Case,
    data: AgreementData,
    tab: Tab,
    form: Form,
    /// The form differs from the newest saved version.
    dirty: bool,
    /// What the completeness check finds in the form (empty when clean).
    missing: Vec<Missing>,
    /// Characters the document font cannot print.
    glyphs: Vec<char>,
    /// Dates and amounts that do not parse, as Fluent keys with the
    /// obligation's number.
    form_errors: Vec<(&'static str, usize)>,
    comment: String,
    compare: (Option<VersionPick>, Option<VersionPick>),
    pad: Option<PadDraft>,
    printer: Option<String>,
    copies: String,
    busy: bool,
    error: Option<Phrase>,
}

/// The step that comes next for an agreement in this state.
fn tab_for(status: Option<AgreementStatus>) -> Tab {
    match status {
        None | Some(AgreementStatus::Draft | AgreementStatus::Returned) => Tab::Draft,
        Some(AgreementStatus::InReview) => Tab::Review,
        Some(AgreementStatus::Approved) => Tab::Sign,
        Some(AgreementStatus::Final) => Tab::Print,
    }
}

fn input_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

use crate::gui::ctx::input_amount;

impl ObligationForm {
    fn from(o: &Obligation) -> Self {
        let single = o.installments.len() == 1 && Some(o.installments[0].amount) == o.amount;
        let (due, installments) = match o.kind {
            ObligationKind::Act => (o.due.map(input_date).unwrap_or_default(), Vec::new()),
            ObligationKind::Payment if single => (input_date(o.installments[0].due), Vec::new()),
            ObligationKind::Payment => (
                String::new(),
                o.installments
                    .iter()
                    .map(|i| (input_date(i.due), input_amount(i.amount)))
                    .collect(),
            ),
        };
        Self {
            debtor: Some(o.debtor),
            creditor: o.creditor,
            kind: Some(o.kind),
            description: o.description.clone(),
            amount: o.amount.map(input_amount).unwrap_or_default(),
            due,
            installments,
            method: o.method.clone(),
        }
    }

    /// The obligation, or the Fluent key of what does not parse.
    fn parse(&self) -> Result<Obligation, &'static str> {
        let date = |s: &str| -> Result<Option<NaiveDate>, &'static str> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| "error-date")
        };
        let money = |s: &str| -> Result<Option<Money>, &'static str> {
            if s.trim().is_empty() {
                return Ok(None);
            }
            Money::parse(s, Currency::Cny)
                .map(Some)
                .map_err(|_| "error-amount")
        };
        let kind = self.kind.unwrap_or(ObligationKind::Payment);
        let amount = money(&self.amount)?;
        let due = date(&self.due)?;
        let installments = match kind {
            ObligationKind::Act => Vec::new(),
            ObligationKind::Payment if self.installments.is_empty() => match (due, amount) {
                (Some(due), Some(amount)) => vec![Installment { due, amount }],
                _ => Vec::new(),
            },
            ObligationKind::Payment => self
                .installments
                .iter()
                .filter(|(d, a)| !d.trim().is_empty() || !a.trim().is_empty())
                .map(|(d, a)| {
                    Ok::<_, &'static str>(Installment {
                        due: date(d)?.ok_or("error-date")?,
                        amount: money(a)?.ok_or("error-amount")?,
                    })
                })
                .collect::<Result<_, _>>()?,
        };
        Ok(Obligation {
            debtor: self.debtor.unwrap_or_default(),
            creditor: self.creditor,
            kind,
            description: self.description.trim().to_owned(),
            amount: if kind == ObligationKind::Payment {
                amount
            } else {
                None
            },
            installments,
            due: if kind == ObligationKind::Act {
                due
            } else {
                None
            },
            method: self.method.trim().to_owned(),
        })
    }
}

impl Form {
    fn from(content: &AgreementContent) -> Self {
        Self {
            jurisdiction: Some(content.jurisdiction),
            facts: text_editor::Content::with_text(&content.facts),
            clauses: content.clauses.iter().map(|c| c.text.clone()).collect(),
            obligations: content
                .obligations
                .iter()
                .map(ObligationForm::from)
                .collect(),
            mediator: content.mediator.clone(),
            recorder: content.recorder.clone(),
            witnesses: content.witnesses.join("、"),
        }
    }

    fn parse(&self) -> (AgreementContent, Vec<(&'static str, usize)>) {
        let mut errors = Vec::new();
        let obligations = self
            .obligations
            .iter()
            .enumerate()
            .filter_map(|(i, o)| match o.parse() {
                Ok(o) => Some(o),
                Err(key) => {
                    errors.push((key, i + 1));
                    None
                }
            })
            .collect();
        let content = AgreementContent {
            jurisdiction: self
                .jurisdiction
                .unwrap_or(Jurisdiction::PrcPeoplesMediation),
            facts: self.facts.text().trim().to_owned(),
            clauses: self
                .clauses
                .iter()
                .map(|c| Clause {
                    text: c.trim().to_owned(),
                })
                .filter(|c| !c.text.is_empty())
                .collect(),
            obligations,
            mediator: self.mediator.trim().to_owned(),
            recorder: self.recorder.trim().to_owned(),
            witnesses: self
                .witnesses
                .split(['、', ',', '，', ';', '；'])
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect(),
        };
        (content, errors)
    }
}

impl AgreementScreen {
    pub fn new(case: Case, data: AgreementData, ctx: &Ctx<'_>) -> Self {
        let mut screen = Self {
            case,
            data: AgreementData::default(),
            tab: Tab::Draft,
            form: Form::default(),
            dirty: false,
            missing: Vec::new(),
            glyphs: Vec::new(),
            form_errors: Vec::new(),
            comment: String::new(),
            compare: (None, None),
            pad: None,
            printer: None,
            copies: String::new(),
            busy: false,
            error: None,
        };
        screen.loaded(data, ctx.t, ctx.user);
        screen.tab = tab_for(screen.status());
        screen
    }

    /// The newest version as this screen last read it.
    fn shown_version(&self) -> Option<i32> {
        self.data
            .record
            .as_ref()
            .and_then(|r| r.current())
            .map(|v| v.number)
    }

    fn status(&self) -> Option<AgreementStatus> {
        self.data.record.as_ref().map(|r| r.status)
    }

    /// Fresh data from the database after a job.
    fn loaded(&mut self, data: AgreementData, t: &Translations, user: Option<&LocalUser>) {
        self.busy = false;
        let before = self.status();
        let after = data.record.as_ref().map(|r| r.status);
        if before != after {
            // The workflow moved on: show its next step.
            self.tab = tab_for(after);
        }
        self.error = None;
        let current = data
            .record
            .as_ref()
            .and_then(|r| r.current())
            .map(|v| v.content.clone());
        match current {
            Some(content) => self.form = Form::from(&content),
            None if self.form.jurisdiction.is_none() => {
                self.form = Form::from(&self.prefill(&data.items, t, user));
            }
            None => {}
        }
        self.dirty = data.record.is_none();
        if let Some(r) = &data.record {
            let newest = r.versions.last().map(|v| VersionPick(v.number));
            let before = r
                .versions
                .len()
                .checked_sub(2)
                .and_then(|i| r.versions.get(i))
                .map(|v| VersionPick(v.number));
            self.compare = (before.or(newest), newest);
        }
        if self.printer.is_none() {
            self.printer = data.printers.first().cloned();
        }
        if self.copies.is_empty() {
            self.copies = AgreementContent::copies(&self.case).to_string();
        }
        self.data = data;
        self.check(t);
    }

    /// A job failed: keep everything typed and say why.
    fn failed(&mut self, error: AppError) {
        self.busy = false;
        self.error = Some(error.phrase());
    }

    fn prefill(
        &self,
        items: &[RoomItem],
        t: &Translations,
        user: Option<&LocalUser>,
    ) -> AgreementContent {
        let jurisdiction = match t.locale() {
            accord_i18n::Locale::EnUs => Jurisdiction::GenericEnglish,
            _ => Jurisdiction::PrcPeoplesMediation,
        };
        let clauses = default_clauses(self.case.category)
            .iter()
            .map(|k| t.tr(k))
            .collect();
        let mediator = user
            .filter(|u| u.role == UserRole::Mediator)
            .map(|u| u.name.as_str())
            .unwrap_or("");
        AgreementContent::prefill(&self.case, items, clauses, mediator, jurisdiction)
    }

    /// Runs the completeness and font checks on what is typed.
    fn check(&mut self, t: &Translations) {
        let (content, errors) = self.form.parse();
        self.form_errors = errors;
        self.missing = content.missing(&self.case);
        let doc = accord_document::agreement(t, &self.case, &content);
        self.glyphs = pdf::missing_glyphs(&doc).unwrap_or_default();
    }

    fn editable(&self) -> bool {
        self.status() != Some(AgreementStatus::InReview) && !self.busy
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action<Message> {
        let (t, user) = (ctx.t, ctx.user);
        let edits = matches!(
            message,
            Message::Jurisdiction(_)
                | Message::Facts(_)
                | Message::Clause(..)
                | Message::AddClause
                | Message::RemoveClause(_)
                | Message::MoveClause(..)
                | Message::AddObligation
                | Message::RemoveObligation(_)
                | Message::Debtor(..)
                | Message::Creditor(..)
                | Message::Kind(..)
                | Message::Obligation(..)
                | Message::AddInstallment(_)
                | Message::RemoveInstallment(..)
                | Message::Installment(..)
                | Message::Mediator(_)
                | Message::Recorder(_)
                | Message::Witnesses(_)
                | Message::Prefill
        );
        if edits && !self.editable() {
            return Action::None;
        }
        let form = &mut self.form;
        match message {
            Message::Back => return Action::Navigate(Route::Case(self.case.id)),
            Message::Loaded { case, data } => {
                if let Some(case) = case {
                    self.case = *case;
                }
                match data {
                    Ok(data) => self.loaded(*data, t, user),
                    Err(e) => self.failed(e),
                }
                return Action::None;
            }
            Message::Tab(tab) => {
                self.tab = tab;
                self.pad = None;
            }
            Message::Jurisdiction(j) => form.jurisdiction = Some(j.value),
            Message::Facts(action) => {
                let is_edit = action.is_edit();
                form.facts.perform(action);
                if !is_edit {
                    return Action::None;
                }
            }
            Message::Clause(i, s) => {
                if let Some(c) = form.clauses.get_mut(i) {
                    *c = s;
                }
            }
            Message::AddClause => form.clauses.push(String::new()),
            Message::RemoveClause(i) => {
                if i < form.clauses.len() {
                    form.clauses.remove(i);
                }
            }
            Message::MoveClause(i, up) => {
                let j = if up { i.checked_sub(1) } else { Some(i + 1) };
                if let Some(j) = j.filter(|j| *j < form.clauses.len()) {
                    form.clauses.swap(i, j);
                }
            }
            Message::AddObligation => form.obligations.push(ObligationForm {
                kind: Some(ObligationKind::Payment),
                ..ObligationForm::default()
            }),
            Message::RemoveObligation(i) => {
                if i < form.obligations.len() {
                    form.obligations.remove(i);
                }
            }
            Message::Debtor(i, p) => {
                if let Some(o) = form.obligations.get_mut(i) {
                    o.debtor = p.id;
                }
            }
            Message::Creditor(i, p) => {
                if let Some(o) = form.obligations.get_mut(i) {
                    o.creditor = p.id;
                }
            }
            Message::Kind(i, k) => {
                if let Some(o) = form.obligations.get_mut(i) {
                    o.kind = Some(k.value);
                }
            }
            Message::Obligation(i, field, s) => {
                if let Some(o) = form.obligations.get_mut(i) {
                    match field {
                        OField::Description => o.description = s,
                        OField::Amount => o.amount = s,
                        OField::Due => o.due = s,
                        OField::Method => o.method = s,
                    }
                }
            }
            Message::AddInstallment(i) => {
                if let Some(o) = form.obligations.get_mut(i) {
                    if o.installments.is_empty() && !o.due.trim().is_empty() {
                        o.installments
                            .push((std::mem::take(&mut o.due), o.amount.clone()));
                    }
                    o.installments.push((String::new(), String::new()));
                }
            }
            Message::RemoveInstallment(i, k) => {
                if let Some(o) = form.obligations.get_mut(i)
                    && k < o.installments.len()
                {
                    o.installments.remove(k);
                }
            }
            Message::Installment(i, k, is_date, s) => {
                if let Some((d, a)) = form
                    .obligations
                    .get_mut(i)
                    .and_then(|o| o.installments.get_mut(k))
                {
                    if is_date {
                        *d = s;
                    } else {
                        *a = s;
                    }
                }
            }
            Message::Mediator(s) => form.mediator = s,
            Message::Recorder(s) => form.recorder = s,
            Message::Witnesses(s) => form.witnesses = s,
            Message::Prefill => {
                self.form = Form::from(&self.prefill(&self.data.items.clone(), t, user));
            }
            Message::Save => {
                let (content, errors) = self.form.parse();
                if !errors.is_empty() {
                    self.form_errors = errors;
                    return Action::None;
                }
                return self.run(ctx, Job::Save(Box::new(content), self.shown_version()));
            }
            Message::Submit => {
                return self.run(
                    ctx,
                    Job::Review(AgreementStatus::InReview, None, self.shown_version()),
                );
            }
            Message::Comment(s) => self.comment = s,
            Message::Approve | Message::Return => {
                let next = if matches!(message, Message::Approve) {
                    AgreementStatus::Approved
                } else {
                    AgreementStatus::Returned
                };
                let comment = self.comment.trim().to_owned();
                if next == AgreementStatus::Returned && comment.is_empty() {
                    self.error = Some(Phrase::error("error-return-needs-comment"));
                    return Action::None;
                }
                self.comment.clear();
                return self.run(
                    ctx,
                    Job::Review(
                        next,
                        Some(comment).filter(|c| !c.is_empty()),
                        self.shown_version(),
                    ),
                );
            }
            Message::CompareFrom(v) => self.compare.0 = Some(v),
            Message::CompareTo(v) => self.compare.1 = Some(v),
            Message::OpenPad(slot) => {
                self.pad = Some(PadDraft {
                    slot,
                    strokes: Vec::new(),
                });
            }
            Message::Pad(event) => {
                if let Some(pad) = &mut self.pad {
                    match event {
                        PadEvent::Start(p) => pad.strokes.push(vec![p]),
                        PadEvent::Move(p) => {
                            if let Some(stroke) = pad.strokes.last_mut() {
                                stroke.push(p);
                            }
                        }
                        PadEvent::End => {}
                    }
                }
                return Action::None;
            }
            Message::ClearPad => {
                if let Some(pad) = &mut self.pad {
                    pad.strokes.clear();
                }
            }
            Message::CancelPad => self.pad = None,
            Message::SavePad => {
                let Some(pad) = self.pad.take() else {
                    return Action::None;
                };
                return self.sign(ctx, pad.slot, SignMethod::Pad, pad.strokes);
            }
            Message::OnPaper(slot) => {
                self.pad = None;
                return self.sign(ctx, slot, SignMethod::Paper, Vec::new());
            }
            Message::Finalise => return self.run(ctx, Job::Finalise),
            Message::Printer(p) => self.printer = Some(p),
            Message::Copies(s) => self.copies = s,
            Message::Print => {
                let copies = self
                    .copies
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=20).contains(n));
                let (Some(printer), Some(copies)) = (self.printer.clone(), copies) else {
                    self.error = Some(Phrase::error("error-copies"));
                    return Action::None;
                };
                return self.run(ctx, Job::Print { printer, copies });
            }
            Message::Open => return self.run(ctx, Job::Open),
            Message::SaveFile => return self.run(ctx, Job::SaveFile),
        }
        if edits {
            self.dirty = true;
            self.data.notice = None;
            self.check(t);
        }
        Action::None
    }

    fn sign(
        &mut self,
        ctx: &Ctx<'_>,
        slot: usize,
        method: SignMethod,
        strokes: Vec<Vec<(f32, f32)>>,
    ) -> Action<Message> {
        let (content, _) = self.form.parse();
        let Some(signatory) = content.signatories(&self.case).into_iter().nth(slot) else {
            return Action::None;
        };
        self.run(
            ctx,
            Job::Sign(Box::new(Signature {
                slot,
                name: signatory.name,
                method,
                strokes,
                signed_at: chrono::Utc::now(),
            })),
        )
    }

    fn run(&mut self, ctx: &Ctx<'_>, job: Job) -> Action<Message> {
        self.busy = true;
        self.error = None;
        self.data.notice = None;
        let work = JobFor {
            actor: ctx.actor(),
            locale: ctx.locale(),
            db: ctx.db.map(str::to_owned),
            case_id: self.case.id,
        };
        Action::run(move |store| async move { work.run(&store, job).await })
    }
}

// ---------------------------------------------------------------------------
// View
// ---------------------------------------------------------------------------

type El<'a> = Element<'a, Message>;

fn small_button<'a>(
    ctx: Ctx<'_>,
    key: &str,
    message: Option<Message>,
) -> button::Button<'a, Message> {
    button(text(ctx.tr(key)).size(ctx.sizes.small()))
        .padding([4, 10])
        .on_press_maybe(message)
}

fn primary<'a>(ctx: Ctx<'_>, key: &str, message: Option<Message>) -> button::Button<'a, Message> {
    button(text(ctx.tr(key)).size(ctx.sizes.body()))
        .padding([8, 16])
        .on_press_maybe(message)
}

impl AgreementScreen {
    pub fn view<'a>(&'a self, ctx: Ctx<'a>) -> El<'a> {
        let user = ctx.user;
        let status = self
            .status()
            .map(|s| ctx.label(s))
            .unwrap_or_else(|| ctx.tr("agreement-status-none"));
        let title = row![
            button(text(ctx.tr("agreement-back")).size(ctx.sizes.small()))
                .style(button::text)
                .on_press(Message::Back),
            text(ctx.tr_args(
                "agreement-title",
                &[("number", self.case.number.to_string())]
            ))
            .size(ctx.sizes.heading()),
            container(text(status).size(ctx.sizes.small()))
                .padding([2, 8])
                .style(theme::badge),
        ]
        .spacing(theme::GAP)
        .align_y(Center);
        let tabs = row([
            (Tab::Draft, "agreement-tab-draft"),
            (Tab::Review, "agreement-tab-review"),
            (Tab::Sign, "agreement-tab-sign"),
            (Tab::Print, "agreement-tab-print"),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, (tab, key))| {
            let label = format!("{}. {}", i + 1, ctx.tr(key));
            let b = button(text(label).size(ctx.sizes.body())).padding([6, 14]);
            if self.tab == tab {
                b.style(theme::nav_button_active).into()
            } else {
                b.style(button::secondary)
                    .on_press(Message::Tab(tab))
                    .into()
            }
        }))
        .spacing(theme::TIGHT);
        let mut page = column![title, tabs].spacing(theme::GAP);
        page = page.push(widgets::banner(ctx, self.data.notice.as_ref()));
        page = page.push(widgets::banner(ctx, self.error.as_ref()));
        let body: El<'a> = match self.tab {
            Tab::Draft => self.draft_view(ctx),
            Tab::Review => self.review_view(ctx, user),
            Tab::Sign => self.sign_view(ctx),
            Tab::Print => self.print_view(ctx),
        };
        page = page.push(body);
        scrollable(container(page).padding(theme::GAP * 1.5).max_width(1100))
            .height(Fill)
            .into()
    }

    fn parties(&self, ctx: Ctx<'_>, with_none: bool) -> Vec<PartyPick> {
        let mut out: Vec<PartyPick> = Vec::new();
        if with_none {
            out.push(PartyPick {
                id: None,
                name: ctx.tr("agreement-creditor-none"),
            });
        }
        out.extend(self.case.parties.iter().map(|p| PartyPick {
            id: Some(p.id),
            name: format!("{}（{}）", p.name, ctx.label(p.role)),
        }));
        out
    }

    fn checks_view<'a>(&'a self, ctx: Ctx<'a>) -> El<'a> {
        let mut list =
            column![widgets::heading(ctx, ctx.tr("agreement-check-title"))].spacing(theme::TIGHT);
        for (key, n) in &self.form_errors {
            list = list.push(
                text(format!(
                    "• {}",
                    ctx.tr_args(
                        "agreement-obligation-error",
                        &[("n", n.to_string()), ("error", ctx.tr(key))]
                    )
                ))
                .size(ctx.sizes.body())
                .style(theme::error_text),
            );
        }
        if !self.glyphs.is_empty() {
            list = list.push(
                text(format!(
                    "• {}",
                    ctx.tr_args(
                        "error-missing-glyphs",
                        &[("chars", self.glyphs.iter().collect::<String>())]
                    )
                ))
                .size(ctx.sizes.body())
                .style(theme::error_text),
            );
        }
        for missing in &self.missing {
            list = list.push(
                text(format!("• {}", ctx.tr_args(missing.key(), &missing.args())))
                    .size(ctx.sizes.body())
                    .style(theme::error_text),
            );
        }
        if self.missing.is_empty() && self.glyphs.is_empty() && self.form_errors.is_empty() {
            list = list.push(text(ctx.tr("agreement-check-clean")).size(ctx.sizes.body()));
        }
        widgets::card(list)
    }

    fn draft_view<'a>(&'a self, ctx: Ctx<'a>) -> El<'a> {
        let body = ctx.sizes.body();
        let form = &self.form;
        let mut col = column![].spacing(theme::GAP);
        if matches!(
            self.status(),
            Some(AgreementStatus::Approved | AgreementStatus::Final)
        ) {
            col = col.push(
                container(text(ctx.tr("agreement-change-needs-approval")).size(body))
                    .padding(theme::TIGHT)
                    .width(Fill)
                    .style(theme::notice),
            );
        }
        let jurisdiction = pick_list(
            ctx.options::<Jurisdiction>(),
            form.jurisdiction.map(|j| ctx.labeled(j)),
            |j| Message::Jurisdiction(j),
        )
        .text_size(body);
        col = col.push(widgets::field(
            ctx,
            ctx.tr("agreement-jurisdiction"),
            jurisdiction,
            None,
        ));
        col = col.push(widgets::field(
            ctx,
            ctx.tr("agreement-facts"),
            text_editor(&form.facts)
                .id("agreement_facts")
                .height(120)
                .size(body)
                .on_action(|a| Message::Facts(a)),
            None,
        ));

        // Clauses: free text, in order.
        let mut clauses =
            column![widgets::heading(ctx, ctx.tr("agreement-clauses"))].spacing(theme::TIGHT);
        for (i, clause) in form.clauses.iter().enumerate() {
            clauses = clauses.push(
                row![
                    text(format!("{}.", i + 1)).size(body).width(28),
                    text_input(&ctx.tr("agreement-clause-placeholder"), clause)
                        .id(format!("agreement_clause_{i}"))
                        .size(body)
                        .on_input(move |s| Message::Clause(i, s)),
                    small_button(
                        ctx,
                        "agreement-up",
                        (i > 0).then_some(Message::MoveClause(i, true))
                    ),
                    small_button(
                        ctx,
                        "agreement-down",
                        (i + 1 < form.clauses.len()).then_some(Message::MoveClause(i, false))
                    ),
                    small_button(ctx, "agreement-remove", Some(Message::RemoveClause(i)))
                        .style(button::danger),
                ]
                .spacing(theme::TIGHT)
                .align_y(Center),
            );
        }
        clauses = clauses.push(small_button(
            ctx,
            "agreement-add-clause",
            Some(Message::AddClause),
        ));
        col = col.push(widgets::card(clauses));

        // Structured obligations.
        let mut obligations =
            column![widgets::heading(ctx, ctx.tr("agreement-obligations"))].spacing(theme::GAP);
        for (i, o) in form.obligations.iter().enumerate() {
            obligations = obligations.push(self.obligation_view(ctx, i, o));
        }
        obligations = obligations.push(small_button(
            ctx,
            "agreement-add-obligation",
            Some(Message::AddObligation),
        ));
        col = col.push(widgets::card(obligations));

        let people = row![
            widgets::field(
                ctx,
                ctx.tr("agreement-mediator"),
                text_input("", &form.mediator)
                    .id("agreement_mediator")
                    .size(body)
                    .on_input(|s| Message::Mediator(s)),
                None
            ),
            widgets::field(
                ctx,
                ctx.tr("agreement-recorder"),
                text_input("", &form.recorder)
                    .id("agreement_recorder")
                    .size(body)
                    .on_input(|s| Message::Recorder(s)),
                None
            ),
            widgets::field(
                ctx,
                ctx.tr("agreement-witnesses"),
                text_input(&ctx.tr("agreement-witnesses-hint"), &form.witnesses)
                    .id("agreement_witnesses")
                    .size(body)
                    .on_input(|s| Message::Witnesses(s)),
                None
            ),
        ]
        .spacing(theme::GAP);
        col = col.push(people);
        col = col.push(self.checks_view(ctx));

        let can_save = self.editable() && self.dirty;
        let can_submit = !self.dirty
            && !self.busy
            && matches!(
                self.status(),
                Some(AgreementStatus::Draft | AgreementStatus::Returned)
            );
        let mut actions = row![
            primary(ctx, "agreement-save", can_save.then_some(Message::Save)),
            primary(
                ctx,
                "agreement-submit",
                can_submit.then_some(Message::Submit)
            )
            .style(button::success),
        ]
        .spacing(theme::GAP)
        .align_y(Center);
        if self.data.record.is_none() || self.editable() {
            actions = actions.push(space::horizontal()).push(
                small_button(
                    ctx,
                    "agreement-prefill",
                    self.editable().then_some(Message::Prefill),
                )
                .style(button::secondary),
            );
        }
        if self.dirty && self.data.record.is_some() {
            actions = actions.push(text(ctx.tr("agreement-unsaved")).size(ctx.sizes.small()));
        }
        col.push(actions).into()
    }

    fn obligation_view<'a>(&'a self, ctx: Ctx<'a>, i: usize, o: &'a ObligationForm) -> El<'a> {
        let body = ctx.sizes.body();
        let parties = self.parties(ctx, false);
        let debtor = parties.iter().find(|p| p.id == o.debtor).cloned();
        let with_none = self.parties(ctx, true);
        let creditor = with_none.iter().find(|p| p.id == o.creditor).cloned();
        let kind = o.kind.unwrap_or(ObligationKind::Payment);
        let input = |key: &str, value: &'a str, field: OField, id: String| {
            text_input(&ctx.tr(key), value)
                .id(id)
                .size(body)
                .on_input(move |s| Message::Obligation(i, field, s))
        };
        let mut col = column![
            row![
                text(ctx.tr_args("agreement-obligation-n", &[("n", (i + 1).to_string())]))
                    .size(body)
                    .width(Fill),
                small_button(ctx, "agreement-remove", Some(Message::RemoveObligation(i)))
                    .style(button::danger),
            ]
            .align_y(Center),
            row![
                widgets::field(
                    ctx,
                    ctx.tr("agreement-debtor"),
                    pick_list(parties, debtor, move |p| Message::Debtor(i, p)).text_size(body),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("agreement-kind"),
                    pick_list(
                        ctx.options::<ObligationKind>(),
                        Some(ctx.labeled(kind)),
                        move |k| { Message::Kind(i, k) }
                    )
                    .text_size(body),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("agreement-creditor"),
                    pick_list(with_none, creditor, move |p| Message::Creditor(i, p))
                        .text_size(body),
                    None
                ),
            ]
            .spacing(theme::GAP),
            widgets::field(
                ctx,
                ctx.tr("agreement-description"),
                input(
                    "agreement-description-hint",
                    &o.description,
                    OField::Description,
                    format!("obligation_{i}_description")
                ),
                None
            ),
        ]
        .spacing(theme::TIGHT);
        let due_key = if kind == ObligationKind::Act {
            "agreement-deadline"
        } else {
            "agreement-due"
        };
        let mut line = row![].spacing(theme::GAP);
        if kind == ObligationKind::Payment {
            let words = Money::parse(&o.amount, Currency::Cny)
                .ok()
                .map(|money| ctx.money_words(money))
                .unwrap_or_default();
            line = line.push(widgets::field(
                ctx,
                ctx.tr("agreement-amount"),
                column![
                    input(
                        "agreement-amount-hint",
                        &o.amount,
                        OField::Amount,
                        format!("obligation_{i}_amount")
                    ),
                    text(words).size(ctx.sizes.small()).style(theme::muted_text),
                ],
                None,
            ));
        }
        if o.installments.is_empty() {
            line = line.push(widgets::field(
                ctx,
                ctx.tr(due_key),
                input(
                    "hint-date-input",
                    &o.due,
                    OField::Due,
                    format!("obligation_{i}_due"),
                ),
                None,
            ));
        }
        line = line.push(widgets::field(
            ctx,
            ctx.tr("agreement-method"),
            input(
                "agreement-method-hint",
                &o.method,
                OField::Method,
                format!("obligation_{i}_method"),
            ),
            None,
        ));
        col = col.push(line);
        if kind == ObligationKind::Payment {
            for (k, (d, a)) in o.installments.iter().enumerate() {
                col = col.push(
                    row![
                        text(ctx.tr_args("agreement-installment-n", &[("n", (k + 1).to_string())]))
                            .size(body)
                            .width(110),
                        text_input(&ctx.tr("hint-date-input"), d)
                            .id(format!("obligation_{i}_installment_{k}_due"))
                            .size(body)
                            .on_input(move |s| Message::Installment(i, k, true, s)),
                        text_input(&ctx.tr("agreement-amount-hint"), a)
                            .id(format!("obligation_{i}_installment_{k}_amount"))
                            .size(body)
                            .on_input(move |s| Message::Installment(i, k, false, s)),
                        small_button(
                            ctx,
                            "agreement-remove",
                            Some(Message::RemoveInstallment(i, k))
                        )
                        .style(button::danger),
                    ]
                    .spacing(theme::TIGHT)
                    .align_y(Center),
                );
            }
            col = col.push(small_button(
                ctx,
                "agreement-add-installment",
                Some(Message::AddInstallment(i)),
            ));
        }
        container(col)
            .padding(theme::TIGHT)
            .width(Fill)
            .style(theme::stage_other)
            .into()
    }

    fn review_view<'a>(&'a self, ctx: Ctx<'a>, user: Option<&'a LocalUser>) -> El<'a> {
        let body = ctx.sizes.body();
        let Some(record) = &self.data.record else {
            return text(ctx.tr("agreement-nothing-saved")).size(body).into();
        };
        let mut col = column![].spacing(theme::GAP);
        let reviewer = user.is_some_and(|u| u.role != UserRole::Mediator);
        if record.status == AgreementStatus::InReview {
            if reviewer {
                col = col.push(widgets::card(
                    column![
                        widgets::heading(ctx, ctx.tr("agreement-review-title")),
                        text_input(&ctx.tr("agreement-comment-hint"), &self.comment)
                            .id("agreement_comment")
                            .size(body)
                            .on_input(|s| Message::Comment(s)),
                        row![
                            primary(
                                ctx,
                                "agreement-approve",
                                (!self.busy).then_some(Message::Approve)
                            )
                            .style(button::success),
                            primary(
                                ctx,
                                "agreement-return",
                                (!self.busy).then_some(Message::Return)
                            )
                            .style(button::danger),
                        ]
                        .spacing(theme::GAP),
                    ]
                    .spacing(theme::TIGHT),
                ));
            } else {
                col = col.push(text(ctx.tr("agreement-review-advisor-only")).size(body));
            }
            col = col.push(self.checks_view(ctx));
        }
        // What will be printed, for reading before a decision.
        if let Some(current) = record.current() {
            let doc = accord_document::agreement(ctx.t, &self.case, &current.content);
            col = col.push(widgets::card(
                column![
                    widgets::heading(ctx, ctx.tr("agreement-preview")),
                    text(doc.plain_text()).size(body),
                ]
                .spacing(theme::TIGHT),
            ));
        }
        // Every version with its review.
        let mut versions =
            column![widgets::heading(ctx, ctx.tr("agreement-versions"))].spacing(theme::TIGHT);
        for v in record.versions.iter().rev() {
            let mut line = ctx.tr_args(
                "agreement-version-line",
                &[
                    ("n", v.number.to_string()),
                    ("when", ctx.datetime(v.created_at)),
                    ("who", v.created_by.clone()),
                ],
            );
            if let (Some(decision), Some(by)) = (&v.decision, &v.reviewed_by) {
                let decision = ctx.label(*decision);
                line.push_str(&ctx.tr_args(
                    "agreement-version-review",
                    &[("decision", decision), ("who", by.clone())],
                ));
            }
            if record.final_version == Some(v.number) && record.status == AgreementStatus::Final {
                line.push_str(&ctx.tr("agreement-version-final"));
            }
            let mut entry = column![text(line).size(body)];
            if let Some(comment) = &v.review_comment {
                entry = entry.push(
                    text(format!("“{comment}”"))
                        .size(ctx.sizes.small())
                        .style(theme::muted_text),
                );
            }
            versions = versions.push(entry);
        }
        col = col.push(widgets::card(versions));
        // The difference between two versions.
        if record.versions.len() > 1 {
            let picks: Vec<VersionPick> = record
                .versions
                .iter()
                .map(|v| VersionPick(v.number))
                .collect();
            let mut diff = column![
                row![
                    text(ctx.tr("agreement-compare")).size(body),
                    pick_list(picks.clone(), self.compare.0, |v| Message::CompareFrom(v))
                        .text_size(body),
                    text("→").size(body),
                    pick_list(picks, self.compare.1, |v| Message::CompareTo(v)).text_size(body),
                ]
                .spacing(theme::TIGHT)
                .align_y(Center)
            ]
            .spacing(2);
            let version = |p: Option<VersionPick>| {
                p.and_then(|p| record.versions.iter().find(|v| v.number == p.0))
            };
            if let (Some(a), Some(b)) = (version(self.compare.0), version(self.compare.1)) {
                let lines = accord_document::diff(ctx.t, &self.case, &a.content, &b.content);
                let changed = lines.iter().any(|l| !matches!(l, DiffLine::Same(_)));
                if !changed {
                    diff = diff.push(text(ctx.tr("agreement-no-difference")).size(body));
                }
                for line in lines {
                    let (mark, s, style): (&str, String, fn(&iced::Theme) -> text::Style) =
                        match line {
                            DiffLine::Same(_) => continue,
                            DiffLine::Removed(s) => ("−", s, theme::error_text),
                            DiffLine::Added(s) => ("+", s, theme::added_text),
                        };
                    diff = diff.push(text(format!("{mark} {s}")).size(body).style(style));
                }
            }
            col = col.push(widgets::card(diff));
        }
        col.into()
    }

    fn sign_view<'a>(&'a self, ctx: Ctx<'a>) -> El<'a> {
        let body = ctx.sizes.body();
        let status = self.status();
        if status != Some(AgreementStatus::Approved) {
            let key = if status == Some(AgreementStatus::Final) {
                "agreement-sign-final"
            } else {
                "agreement-sign-needs-approval"
            };
            return text(ctx.tr(key)).size(body).into();
        }
        let (content, _) = self.form.parse();
        let signatories = content.signatories(&self.case);
        let mut list =
            column![widgets::heading(ctx, ctx.tr("agreement-signatories"))].spacing(theme::TIGHT);
        for (slot, s) in signatories.iter().enumerate() {
            let label = accord_document::signature_label(ctx.t, s);
            let done = self.data.signatures.iter().find(|g| g.slot == slot);
            let state = match done {
                Some(g) => ctx.tr_args(
                    "agreement-signed-at",
                    &[
                        ("how", ctx.label(g.method)),
                        ("when", ctx.datetime(g.signed_at)),
                    ],
                ),
                None => ctx.tr("agreement-not-signed"),
            };
            list = list.push(
                row![
                    text(format!("{label}  {}", s.name)).size(body).width(Fill),
                    text(state).size(ctx.sizes.small()).style(theme::muted_text),
                    container(small_button(
                        ctx,
                        "agreement-sign-pad",
                        (!self.busy).then_some(Message::OpenPad(slot))
                    ))
                    .id(format!("sign_pad_{slot}")),
                    container(
                        small_button(
                            ctx,
                            "agreement-sign-paper",
                            (!self.busy).then_some(Message::OnPaper(slot))
                        )
                        .style(button::secondary)
                    )
                    .id(format!("sign_paper_{slot}")),
                ]
                .spacing(theme::GAP)
                .align_y(Center),
            );
        }
        let mut col = column![widgets::card(list)].spacing(theme::GAP);
        if let Some(pad) = &self.pad {
            let name = signatories
                .get(pad.slot)
                .map(|s| s.name.clone())
                .unwrap_or_default();
            let width = 560.0;
            col = col.push(widgets::card(
                column![
                    text(ctx.tr_args("agreement-pad-title", &[("name", name)]))
                        .size(ctx.sizes.subheading()),
                    container(
                        canvas(Pad {
                            strokes: &pad.strokes
                        })
                        .width(Length::Fixed(width))
                        .height(Length::Fixed(width / pad::ASPECT))
                    )
                    .id("signature_pad")
                    .style(theme::card),
                    row![
                        primary(ctx, "agreement-pad-save", Some(Message::SavePad))
                            .style(button::success),
                        small_button(ctx, "agreement-pad-clear", Some(Message::ClearPad))
                            .style(button::secondary),
                        small_button(ctx, "agreement-pad-cancel", Some(Message::CancelPad))
                            .style(button::secondary),
                    ]
                    .spacing(theme::GAP)
                    .align_y(Center),
                ]
                .spacing(theme::TIGHT),
            ));
        }
        let everyone =
            (0..signatories.len()).all(|slot| self.data.signatures.iter().any(|g| g.slot == slot));
        let ready = everyone && self.missing.is_empty() && self.glyphs.is_empty();
        let mut finish = column![].spacing(theme::TIGHT);
        if !everyone {
            finish = finish
                .push(text(ctx.tr("agreement-finalise-needs-signatures")).size(ctx.sizes.small()));
        }
        if !self.missing.is_empty() {
            finish = finish.push(self.checks_view(ctx));
        }
        finish = finish.push(
            primary(
                ctx,
                "agreement-finalise",
                (ready && !self.busy).then_some(Message::Finalise),
            )
            .style(button::success),
        );
        col.push(finish).into()
    }

    fn print_view<'a>(&'a self, ctx: Ctx<'a>) -> El<'a> {
        let body = ctx.sizes.body();
        if self.status() != Some(AgreementStatus::Final) {
            return text(ctx.tr("agreement-print-needs-final"))
                .size(body)
                .into();
        }
        let record = self.data.record.as_ref();
        let mut facts =
            column![widgets::heading(ctx, ctx.tr("agreement-final-title"))].spacing(theme::TIGHT);
        if let Some(r) = record {
            facts = facts.push(widgets::fact(
                ctx,
                ctx.tr("agreement-final-version"),
                r.final_version.map(|v| format!("v{v}")).unwrap_or_default(),
            ));
            facts = facts.push(widgets::fact(
                ctx,
                ctx.tr("agreement-final-hash"),
                r.final_hash.clone().unwrap_or_default(),
            ));
        }
        if let Some((at, by, sha)) = &self.data.sealed {
            facts = facts.push(widgets::fact(
                ctx,
                ctx.tr("agreement-sealed"),
                ctx.tr_args(
                    "agreement-sealed-by",
                    &[("when", ctx.datetime(*at)), ("who", by.clone())],
                ),
            ));
            facts = facts.push(widgets::fact(
                ctx,
                ctx.tr("agreement-pdf-hash"),
                sha.clone(),
            ));
        }
        let printers = self.data.printers.clone();
        let mut print =
            column![widgets::heading(ctx, ctx.tr("agreement-print-title"))].spacing(theme::TIGHT);
        if printers.is_empty() {
            print = print.push(text(ctx.tr("agreement-no-printer")).size(body));
        } else {
            print = print.push(
                row![
                    widgets::field(
                        ctx,
                        ctx.tr("agreement-printer"),
                        pick_list(printers, self.printer.clone(), |p| Message::Printer(p))
                            .text_size(body),
                        None
                    ),
                    widgets::field(
                        ctx,
                        ctx.tr("agreement-copies"),
                        text_input("", &self.copies)
                            .id("agreement_copies")
                            .size(body)
                            .width(80)
                            .on_input(|s| Message::Copies(s)),
                        None
                    ),
                ]
                .spacing(theme::GAP),
            );
            print = print.push(
                text(ctx.tr("agreement-copies-hint"))
                    .size(ctx.sizes.small())
                    .style(theme::muted_text),
            );
        }
        let can_print = !self.busy && self.printer.is_some();
        print = print.push(
            row![
                primary(ctx, "agreement-print", can_print.then_some(Message::Print))
                    .style(button::success),
                primary(ctx, "agreement-open", (!self.busy).then_some(Message::Open))
                    .style(button::secondary),
                primary(
                    ctx,
                    "agreement-save-file",
                    (!self.busy).then_some(Message::SaveFile)
                )
                .style(button::secondary),
            ]
            .spacing(theme::GAP),
        );
        column![widgets::card(facts), widgets::card(print)]
            .spacing(theme::GAP)
            .into()
    }
}
