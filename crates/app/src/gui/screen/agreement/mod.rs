//! The settlement agreement of a case: drafting (from the case and the
//! room), the completeness check, review with comments and the difference
//! between versions, signatures on the pad or on paper, finalising, the
//! sealed PDF, printing and handing out.
//!
//! This module holds the screen's state, its top-level [`Message`] routed
//! to the tabs ([`draft`], [`review`], [`sign`], [`print`]), what the
//! screen keeps up to date after every job or edit (the completeness and
//! font checks, and the card that shows them on the draft, review and
//! signature tabs), and the frame of the view: the title, the tabs and the
//! banners. The form as typed is in `form`, the jobs in `jobs`.
//!
//! One piece because it is the screen's frame: the state shared by the four
//! tabs and the routing of their messages; each tab's own work is in its
//! module.

use accord_core::{
    Case, LocalUser, RoomItem,
    agreement::{AgreementContent, AgreementStatus, Missing, Signature},
};
use accord_document::pdf;
use accord_i18n::Translations;
use accord_store::AgreementRecord;
use iced::{
    Center, Element,
    widget::{button, column, container, row, text},
};

pub mod changes;
pub mod draft;
mod form;
mod jobs;
pub mod print;
pub mod review;
pub mod sign;

use form::Form;
use jobs::JobFor;
pub use jobs::{load, open};
use review::VersionPick;
use sign::PadDraft;

use crate::error::{AppError, Phrase};
use crate::gui::{
    Action, Ctx, Route,
    commands::{Command, Shortcut},
    pad::PadEvent,
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
    /// Supplementary agreements and the rescission, oldest first.
    pub amendments: Vec<accord_core::agreement::Amendment>,
    /// Open follow-ups of the case (what a rescission would end).
    pub open_followups: usize,
}

/// What the screen asks the database (and the printer) to do.
#[derive(Debug, Clone)]
enum Job {
    /// The draft, on top of the newest version this screen showed.
    Save(Box<AgreementContent>, Option<i32>),
    /// A review step for the version this screen showed.
    Review(AgreementStatus, Option<String>, Option<i32>),
    /// One signatory's signature.
    Sign(Box<Signature>),
    /// Finalise and seal.
    Finalise,
    /// Print numbered originals of the sealed file.
    Print { printer: String, copies: usize },
    /// Open a sealed copy in the system's viewer.
    Open,
    /// Save a sealed copy where the user chose.
    SaveFile(std::path::PathBuf),
    /// Record a supplementary agreement or rescission.
    Amend(Box<accord_core::agreement::NewAmendment>),
    /// Save amendment number N as a PDF beside the database.
    SaveAmendment(i32),
}

/// The steps of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Drafting, and the completeness check.
    Draft,
    /// The legal advisor's review, the versions and their differences.
    Review,
    /// The signatures, and finalising.
    Sign,
    /// The sealed file, printed or handed out.
    Print,
}

/// What the user does on the agreement screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// Back to the case.
    Back,
    /// Show another step (closes the signature pad).
    Tab(Tab),
    /// On the draft tab.
    Draft(draft::Message),
    /// On the review tab.
    Review(review::Message),
    /// On the signatures tab.
    Sign(sign::Message),
    /// On the print tab.
    Print(print::Message),
    /// In the changes after finalising (under the print tab).
    Changes(changes::Message),
    /// The agreement as it stands after a job (and the case, when read
    /// again), or why the job failed.
    Loaded {
        case: Option<Box<Case>>,
        data: Result<Box<AgreementData>, AppError>,
    },
}

/// A stroke on the signature pad, for whatever holds the pad's canvas.
impl From<PadEvent> for Message {
    fn from(event: PadEvent) -> Self {
        Message::Sign(sign::Message::Pad(event))
    }
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
    /// The user changed the form since it was last saved (a draft only
    /// prefilled is not the user's work yet).
    touched: bool,
    /// The form before "start again", and whether it was saved, until
    /// the next change.
    undo: Option<(Form, bool)>,
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
    /// A pad signature of this slot is being saved: the pad then opens
    /// for the next one to sign.
    pad_after: Option<usize>,
    printer: Option<String>,
    copies: String,
    /// A supplementary agreement or rescission being typed.
    change: changes::ChangeForm,
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

impl AgreementScreen {
    pub fn new(case: Case, data: AgreementData, ctx: &Ctx<'_>) -> Self {
        let mut screen = Self {
            case,
            data: AgreementData::default(),
            tab: Tab::Draft,
            form: Form::default(),
            dirty: false,
            touched: false,
            undo: None,
            missing: Vec::new(),
            glyphs: Vec::new(),
            form_errors: Vec::new(),
            comment: String::new(),
            compare: (None, None),
            pad: None,
            pad_after: None,
            printer: None,
            copies: String::new(),
            change: changes::ChangeForm::default(),
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
                self.form = Form::from(&draft::prefill(&self.case, &data.items, t, user));
            }
            None => {}
        }
        self.dirty = data.record.is_none();
        self.touched = false;
        self.undo = None;
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
        if data.amendments.len() > self.data.amendments.len() {
            // Recorded: the form is done with.
            self.change = changes::ChangeForm::default();
        }
        self.data = data;
        self.check(t);
        if let Some(after) = self.pad_after.take()
            && self.status() == Some(AgreementStatus::Approved)
        {
            self.pad = sign::next_pad(self, after);
        }
    }

    /// A job failed: keep everything typed and say why.
    fn failed(&mut self, error: AppError) {
        self.busy = false;
        self.pad_after = None;
        self.error = Some(error.phrase());
    }

    /// Runs the completeness and font checks on what is typed.
    fn check(&mut self, t: &Translations) {
        let (content, errors) = self.form.parse();
        self.form_errors = errors;
        self.missing = content.missing(&self.case);
        let doc = accord_document::agreement(
            t,
            &accord_document::AgreementInput::new(&self.case, &content),
        );
        self.glyphs = pdf::missing_glyphs(&doc).unwrap_or_default();
    }

    /// Whether leaving now would lose changes the user made.
    pub fn unsaved(&self) -> bool {
        self.touched && self.dirty || self.change.typed()
    }

    /// Whether the draft can be changed now: not while it is in review,
    /// never once it is final (a change after that is a new document).
    fn editable(&self) -> bool {
        !matches!(
            self.status(),
            Some(AgreementStatus::InReview | AgreementStatus::Final)
        ) && !self.busy
    }

    /// Applies a message: the frame's own, or a tab's.
    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action<Message> {
        match message {
            Message::Back => Action::Navigate(Route::Case(self.case.id)),
            Message::Tab(tab) => {
                self.tab = tab;
                self.pad = None;
                Action::None
            }
            Message::Draft(message) => draft::update(self, message, ctx),
            Message::Review(message) => review::update(self, message, ctx),
            Message::Sign(message) => sign::update(self, message, ctx),
            Message::Print(message) => print::update(self, message, ctx),
            Message::Changes(message) => changes::update(self, message, ctx),
            Message::Loaded { case, data } => {
                if let Some(case) = case {
                    self.case = *case;
                }
                match data {
                    Ok(data) => self.loaded(*data, ctx.t, ctx.user),
                    Err(e) => self.failed(e),
                }
                Action::None
            }
        }
    }

    /// Starts a job; its answer comes back as [`Message::Loaded`].
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

/// A small button (add, remove, move...) of any tab.
fn small_button<'a, M: Clone + 'a>(
    ctx: Ctx<'_>,
    key: &str,
    message: Option<M>,
) -> button::Button<'a, M> {
    button(text(ctx.tr(key)).size(ctx.sizes.small()))
        .padding([4, 10])
        .on_press_maybe(message)
}

/// A main action's button of any tab.
fn primary<'a, M: Clone + 'a>(
    ctx: Ctx<'_>,
    key: &str,
    message: Option<M>,
) -> button::Button<'a, M> {
    button(text(ctx.tr(key)).size(ctx.sizes.body()))
        .padding([8, 16])
        .on_press_maybe(message)
}

impl AgreementScreen {
    /// What the agreement offers the palette at its stage: the tabs, and
    /// the steps the buttons offer (save Ctrl+S, submit Ctrl+Enter,
    /// approve or return, each signatory's signature, finalise, print,
    /// save the file).
    pub fn commands(&self, ctx: Ctx<'_>) -> Vec<Command<Message>> {
        let mut out = Vec::new();
        for (n, (tab, key)) in [
            (Tab::Draft, "agreement-tab-draft"),
            (Tab::Review, "agreement-tab-review"),
            (Tab::Sign, "agreement-tab-sign"),
            (Tab::Print, "agreement-tab-print"),
        ]
        .into_iter()
        .enumerate()
        {
            if self.tab != tab {
                let alt = char::from(b'1' + n as u8);
                out.push(Command::new(ctx.tr(key), Message::Tab(tab)).keys(Shortcut::alt(alt)));
            }
        }
        let status = self.status();
        let draft = |m| Message::Draft(m);
        if self.editable() {
            if self.dirty {
                out.push(
                    Command::new(ctx.tr("agreement-save"), draft(draft::Message::Save))
                        .keys(Shortcut::ctrl('s')),
                );
            }
            out.push(Command::new(
                ctx.tr("agreement-prefill"),
                draft(draft::Message::Prefill),
            ));
            if self.undo.is_some() {
                out.push(Command::new(
                    ctx.tr("agreement-prefill-undo"),
                    draft(draft::Message::UndoPrefill),
                ));
            }
        }
        if !self.dirty
            && !self.busy
            && matches!(
                status,
                Some(AgreementStatus::Draft | AgreementStatus::Returned)
            )
        {
            out.push(
                Command::new(ctx.tr("agreement-submit"), draft(draft::Message::Submit))
                    .keys(Shortcut::CTRL_ENTER),
            );
        }
        if status == Some(AgreementStatus::InReview)
            && ctx
                .user
                .is_none_or(|u| u.role == accord_core::UserRole::LegalAdvisor)
        {
            out.push(Command::new(
                ctx.tr("agreement-approve"),
                Message::Review(review::Message::Approve),
            ));
            out.push(Command::new(
                ctx.tr("agreement-return"),
                Message::Review(review::Message::Return),
            ));
        }
        if status == Some(AgreementStatus::Approved) {
            let (content, _) = self.form.parse();
            for (slot, s) in content.signatories(&self.case).iter().enumerate() {
                if self.data.signatures.iter().any(|g| g.slot == slot) {
                    continue;
                }
                out.push(Command::new(
                    format!("{}：{}", ctx.tr("agreement-sign-pad"), s.name),
                    Message::Sign(sign::Message::OpenPad(slot)),
                ));
                out.push(Command::new(
                    format!("{}：{}", ctx.tr("agreement-sign-paper"), s.name),
                    Message::Sign(sign::Message::OnPaper(slot)),
                ));
            }
            if self.pad.is_some() {
                out.push(Command::new(
                    ctx.tr("agreement-pad-save"),
                    Message::Sign(sign::Message::SavePad),
                ));
                out.push(Command::new(
                    ctx.tr("agreement-pad-cancel"),
                    Message::Sign(sign::Message::CancelPad),
                ));
            }
            out.push(Command::new(
                ctx.tr("agreement-finalise"),
                Message::Sign(sign::Message::Finalise),
            ));
        }
        if status == Some(AgreementStatus::Final) {
            out.push(Command::new(
                ctx.tr("agreement-print"),
                Message::Print(print::Message::Print),
            ));
            out.push(Command::new(
                ctx.tr("agreement-open"),
                Message::Print(print::Message::Open),
            ));
            out.push(Command::new(
                ctx.tr("agreement-save-file"),
                Message::Print(print::Message::SaveFile),
            ));
        }
        out.push(Command::new(ctx.tr("agreement-back"), Message::Back));
        out
    }

    /// The title, the tabs, the banners and the tab shown.
    pub fn view<'a>(&'a self, ctx: Ctx<'a>) -> El<'a> {
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
        page = page.push(widgets::banners(
            ctx,
            self.data.notice.as_ref(),
            self.error.as_ref(),
        ));
        let body: El<'a> = match self.tab {
            Tab::Draft => draft::view(self, ctx).map(Message::Draft),
            Tab::Review => review::view(self, ctx).map(Message::Review),
            Tab::Sign => sign::view(self, ctx).map(Message::Sign),
            Tab::Print if self.status() == Some(AgreementStatus::Final) => column![
                print::view(self, ctx).map(Message::Print),
                changes::view(self, ctx).map(Message::Changes),
            ]
            .spacing(theme::GAP)
            .into(),
            Tab::Print => print::view(self, ctx).map(Message::Print),
        };
        page = page.push(body);
        // Always the full width (up to 1100): the tabs never move between steps.
        widgets::page_scroll(
            container(page)
                .padding(theme::GAP * 1.5)
                .width(iced::Fill)
                .max_width(1100),
        )
        .into()
    }

    /// The completeness check: obligations that do not parse, characters the
    /// font lacks, and what the agreement still lacks.
    fn checks_view<'a, M: 'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, M> {
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
}
