//! The desktop application (iced).
//!
//! [`App`] owns the store handle, the translations and the current user,
//! and routes: each screen in `screen/` has its own `Message`, `update` and
//! `view`; the app wraps them with `.map` and carries out the [`Action`]
//! a screen returns (jobs, navigation, a notice, a new current user). A
//! [`Job`] is work for the runtime whose answer comes back to the screen
//! that asked, as that screen's own message. Start-up lives in `boot`,
//! the header and notice line in `chrome`, the window loop in `runtime`,
//! the login, the lock and restoring a backup in `gate`. What stays here is
//! one piece on purpose: the message list, the routing `update` and the
//! `view` that must see every screen at once.

mod action;
mod background;
mod boot;
mod chart;
mod chrome;
pub mod commands;
pub mod ctx;
mod gate;
pub mod pad;
mod runtime;
pub mod screen;
mod stats_chart;
pub mod theme;
mod widgets;

use accord_core::{Case, LocalUser};
use accord_i18n::{Locale, Translations};
use accord_store::{Actor, Store, StoreError};
use iced::{Element, Subscription, keyboard, widget::column};

pub use action::{Action, Job, Route};
pub use boot::Boot;
pub use ctx::{Ctx, Labeled};
pub use gate::{restore_backup, restore_open_backup};
pub use runtime::run;
use screen::{
    agreement::{self, AgreementScreen},
    case_detail::{self, CaseDetail},
    case_file,
    case_list::{self, CaseList},
    desk::{self, Desk, case::CaseDeskScreen},
    first_run::{self, FirstRun},
    intake::{self, Intake},
    login::{self, Gate},
    room::{self, Room},
    stats,
    today::{self, Today},
    users::{self, Users},
};
use theme::Sizes;
pub use widgets::PAGE as PAGE_SCROLL;

use crate::error::{AppError, Phrase};

/// The bundled CJK fonts, embedded once (in the document crate) and shared
/// by the window and the PDF.
pub use accord_document::{FONT_BOLD, FONT_FAMILY, FONT_REGULAR};
/// The reverse-DNS application id (window, .desktop file, metainfo).
pub const APP_ID: &str = "org.accord.Accord";

/// Which screen is showing.
#[derive(Debug)]
enum Screen {
    /// The database could not be opened: explain, offer to retry.
    DatabaseError(StoreError),
    /// Nobody has used this database yet (then: the example offer).
    FirstRun(FirstRun),
    /// The case list (its state lives on in [`App::list`]).
    Cases,
    /// The intake form.
    Intake(Box<Intake>),
    /// One case.
    Detail(Box<CaseDetail>),
    /// Local users, the seal, the mail settings.
    Users(Box<Users>),
    /// The mediation room of a case.
    Room(Box<Room>),
    /// The settlement agreement of a case.
    Agreement(Box<AgreementScreen>),
    /// Follow-ups due today and overdue, and the outbox.
    Today(Box<Today>),
    /// The centre desk: the board and the roster.
    Desk(Box<Desk>),
    /// One case at the desk.
    CaseDesk(Box<CaseDeskScreen>),
    /// The centre's statistics.
    Stats(Box<stats::StatsScreen>),
    CaseFile(Box<case_file::CaseFileScreen>),
}

/// A top-level navigation target (the header's buttons).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Today,
    Cases,
    NewCase,
    Desk,
    Stats,
    Users,
}

impl From<Nav> for Route {
    fn from(nav: Nav) -> Self {
        match nav {
            Nav::Today => Route::Today,
            Nav::Cases => Route::Cases,
            Nav::NewCase => Route::NewCase,
            Nav::Desk => Route::Desk,
            Nav::Stats => Route::Stats,
            Nav::Users => Route::Users,
        }
    }
}

/// What a screen that is being opened needs, read by a job.
#[derive(Debug, Clone)]
pub enum Opened {
    /// A case, its history and its agreement's performance.
    Case(Box<case_detail::CaseData>),
    /// The room of a case (its session open or resumed).
    Room(Box<room::RoomData>),
    /// The agreement screen of a case.
    Agreement(Box<(Case, agreement::AgreementData)>),
}

/// Every message of the app.
#[derive(Debug, Clone)]
pub enum Message {
    /// A header navigation button was pressed.
    Nav(Nav),
    /// Another language was picked.
    LocalePicked(Locale),
    /// The larger-text setting was toggled.
    LargerText(bool),
    /// "Try again" on the database error screen.
    Retry,
    /// The first-run screen.
    FirstRun(first_run::Message),
    /// The case list.
    CaseList(case_list::Message),
    /// The intake form.
    Intake(intake::Message),
    /// The case detail.
    Detail(case_detail::Message),
    /// The users screen.
    Users(users::Message),
    /// The mediation room.
    Room(room::Message),
    /// The agreement screen.
    Agreement(agreement::Message),
    /// The Today screen.
    Today(today::Message),
    /// The centre desk.
    Desk(desk::Message),
    /// One case at the desk.
    CaseDesk(desk::case::Message),
    /// The statistics.
    Stats(stats::Message),
    CaseFile(case_file::Message),
    /// The data of a screen being opened, or why it could not be read.
    Opened(Result<Opened, AppError>),
    /// A preference was saved, or why not.
    SettingSaved(Result<(), StoreError>),
    /// The database was opened again after "Try again".
    Rebooted(Box<Boot>),
    /// "Restore this backup" on the database error screen.
    RestoreBackup(std::path::PathBuf),
    /// The backup is in place (and where the file it replaced went), and
    /// the database opened again; or why the backup was not used.
    Restored(Result<(Box<Boot>, Option<std::path::PathBuf>), AppError>),
    /// A job stopped before it answered (a bug): shown, never fatal.
    JobStopped(String),
    /// A second passed (the session timer).
    Tick,
    /// Time for the background work: send mail, announce due follow-ups.
    Background,
    /// The background work ran.
    BackgroundDone,
    /// A key was pressed outside any text field.
    Key(keyboard::Key, keyboard::Modifiers),
    /// A frame is about to be drawn (only with the start-up probe on).
    Frame,
    /// At the login or the lock.
    Gate(login::Message),
    /// A key or a click: the user is still there.
    Activity,
    /// Time to see whether the app has been idle long enough to lock.
    IdleCheck,
    /// "Lock" in the header: lock now.
    Lock,
    /// "Switch user" in the header: the login.
    SwitchUser,
    /// The audit trail was checked for an administrator: where it breaks,
    /// if it does.
    AuditChecked(Result<Option<accord_store::ChainBreak>, AppError>),
    /// The notice was put away.
    DismissNotice,
    /// The answer to "leave without saving?": leave (`true`) or stay.
    Leave(bool),
    /// The command palette.
    Palette(commands::PaletteMessage),
    /// The window was resized (remembered for the next start).
    Resized(iced::Size),
}

/// Work on the widgets themselves (focus, scrolling) that the window
/// carries out after an update: a Task in the window, an operation on
/// the widget tree in tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiOp {
    /// Tab: the next text field.
    FocusNext,
    /// Shift+Tab: the one before.
    FocusPrevious,
    /// A text field by its id.
    Focus(&'static str),
    /// The page of the screen just opened, to its top.
    ScrollTop,
}

/// The application state.
#[derive(Debug)]
pub struct App {
    store: Option<Store>,
    url: Option<String>,
    translations: &'static Translations,
    larger_text: bool,
    user: Option<LocalUser>,
    list: CaseList,
    screen: Screen,
    /// A one-line notice (e.g. "case saved"), translated when drawn so it
    /// follows a language switch.
    flash: Option<Phrase>,
    /// When the process started, if the start-up probe measures the time
    /// to the first frame (`ACCORD_STARTUP_PROBE=1`).
    probe: Option<std::time::Instant>,
    /// Who can log in; empty on a database without accounts.
    accounts: Vec<LocalUser>,
    /// The login or the lock in front of everything, when shown.
    gate: Option<Gate>,
    /// The last key or click.
    last_activity: std::time::Instant,
    /// The newest backup beside a database that would not open.
    backup: Option<accord_store::BackupEntry>,
    /// Idle time before the lock.
    lock_after: std::time::Duration,
    /// The encrypted file's key, once a login opened it (to check and
    /// restore a backup when the file itself would not open).
    key: Option<accord_store::DbKey>,
    /// Where the user asked to go while the screen holds unsaved work:
    /// the app asks first.
    leaving: Option<Route>,
    /// The command palette, when open.
    palette: Option<commands::Palette>,
    /// Where each user who handed over to another was (they come back
    /// there when they log in again).
    resume: Vec<(i64, Route)>,
    /// Focus and scrolling for the window to carry out.
    ops: Vec<UiOp>,
}

/// The context for screens, built from the app's fields (so a screen can
/// be borrowed mutably beside it).
macro_rules! ctx {
    ($app:expr) => {
        Ctx {
            t: $app.translations,
            sizes: Sizes::new($app.larger_text),
            user: $app.user.as_ref(),
            db: $app.url.as_deref(),
        }
    };
}

impl App {
    /// Builds the state from what [`Boot::load`] read. `url` is kept so a
    /// failed open can be retried.
    pub fn new(boot: Boot, url: Option<String>) -> Self {
        // With accounts, nobody is at the keyboard until they log in (an
        // encrypted file is not even open before).
        let gated = (boot.store.is_ok() || boot.locked.is_some()) && !boot.accounts.is_empty();
        let screen = match (&boot.store, &boot.new_file) {
            (_, Some(file)) => Screen::FirstRun(FirstRun::for_new_file(file.clone())),
            (Err(_), None) if gated => Screen::Cases,
            (Err(e), None) => Screen::DatabaseError(e.clone()),
            (Ok(_), None) if gated => Screen::Cases,
            (Ok(_), None) if boot.user.is_none() => Screen::FirstRun(FirstRun::default()),
            (Ok(_), None) => match boot.room {
                Some(data) => Screen::Room(Box::new(Room::new(data))),
                None => Screen::Cases,
            },
        };
        let gate = gated.then(|| match &boot.locked {
            Some(file) => Gate::for_file(boot.accounts.clone(), file.clone()),
            None => Gate::login(boot.accounts.clone()),
        });
        let backup = match &boot.store {
            Err(_) if boot.locked.is_none() && boot.new_file.is_none() => {
                gate::newest_backup(url.as_deref())
            }
            _ => None,
        };
        let user = if gated { None } else { boot.user };
        let mut list = CaseList::with_page(boot.first_page);
        list.for_user(user.as_ref());
        Self {
            store: boot.store.ok(),
            url,
            translations: Translations::get(boot.locale),
            larger_text: boot.larger_text,
            user,
            list,
            screen,
            flash: boot.notice,
            probe: None,
            accounts: boot.accounts,
            gate,
            last_activity: std::time::Instant::now(),
            lock_after: boot.lock_after,
            backup,
            key: boot.key,
            leaving: None,
            palette: None,
            ops: Vec::new(),
            resume: Vec::new(),
        }
    }

    /// With the start-up probe on.
    pub fn with_probe(mut self, probe: Option<std::time::Instant>) -> Self {
        self.probe = probe;
        self
    }

    /// The window title.
    pub fn title(&self) -> String {
        self.translations.tr("app-title")
    }

    pub fn locale(&self) -> Locale {
        self.translations.locale()
    }

    fn actor(&self) -> Actor {
        self.user
            .as_ref()
            .map(Actor::from)
            .unwrap_or_else(Actor::system)
    }

    /// Handles a message; returns the jobs to run.
    pub fn update(&mut self, message: Message) -> Vec<Job<Message>> {
        match message {
            Message::Gate(m) => return self.at_gate(m),
            Message::FirstRun(first_run::Message::Began(Ok(boot))) => return self.began(*boot),
            Message::Activity => {
                self.last_activity = std::time::Instant::now();
                return Vec::new();
            }
            Message::IdleCheck => {
                if self.last_activity.elapsed() >= self.lock_after {
                    self.lock();
                }
                return Vec::new();
            }
            Message::Lock => {
                self.lock();
                return Vec::new();
            }
            Message::SwitchUser if !self.accounts.is_empty() => {
                // Whoever hands over comes back to where they were.
                if let (Some(user), Some(route)) = (&self.user, self.route()) {
                    self.resume.retain(|(id, _)| *id != user.id);
                    self.resume.push((user.id, route));
                }
                self.gate = Some(Gate::login(self.accounts.clone()));
                return Vec::new();
            }
            Message::AuditChecked(Ok(Some(at))) => {
                use accord_core::Choice;
                let action = accord_core::AuditAction::from_code(&at.action)
                    .map(|a| self.translations.tr(a.label_key()))
                    .unwrap_or_else(|| at.action.clone());
                let when = ctx!(self).datetime(at.at);
                self.flash = Some(
                    Phrase::error("audit-broken-warning")
                        .arg("id", at.id.to_string())
                        .arg("at", when)
                        .arg("action", action),
                );
                return Vec::new();
            }
            Message::AuditChecked(Ok(None)) => return Vec::new(),
            Message::AuditChecked(Err(e)) => {
                self.flash = Some(e.phrase());
                return Vec::new();
            }
            // Behind the gate no shortcut reaches a screen: only the
            // gate's own keys (pick a user) and Tab to its field.
            Message::Key(key, modifiers) if self.gate.is_some() => {
                if is_tab(&key) {
                    self.ops.push(if modifiers.shift() {
                        UiOp::FocusPrevious
                    } else {
                        UiOp::FocusNext
                    });
                    return Vec::new();
                }
                return match self.gate.as_ref().and_then(|g| g.key(&key)) {
                    Some(m) => self.at_gate(m),
                    None => Vec::new(),
                };
            }
            Message::DismissNotice => {
                self.flash = None;
                return Vec::new();
            }
            Message::Leave(go) => {
                return match self.leaving.take() {
                    Some(route) if go => {
                        self.flash = None;
                        self.go(route)
                    }
                    _ => Vec::new(),
                };
            }
            Message::Palette(m) => return self.palette(m),
            // The palette has the keyboard while it is open.
            Message::Key(key, modifiers) if self.palette.is_some() => {
                use keyboard::{Key, key::Named};
                let m = match key.as_ref() {
                    Key::Named(Named::Escape) => commands::PaletteMessage::Close,
                    Key::Named(Named::ArrowDown) => commands::PaletteMessage::Move(1),
                    Key::Named(Named::ArrowUp) => commands::PaletteMessage::Move(-1),
                    Key::Named(Named::Enter) => commands::PaletteMessage::Run(None),
                    Key::Character("k") if modifiers.command() => commands::PaletteMessage::Close,
                    _ => return Vec::new(),
                };
                return self.palette(m);
            }
            // The question about leaving is answered from the keyboard
            // too: Escape or Enter stays, Ctrl+D leaves.
            Message::Key(key, modifiers) if self.leaving.is_some() => {
                use keyboard::{Key, key::Named};
                let go = match key.as_ref() {
                    Key::Named(Named::Escape | Named::Enter) => Some(false),
                    Key::Character("d") if modifiers.command() => Some(true),
                    _ => None,
                };
                return match go {
                    Some(go) => self.update(Message::Leave(go)),
                    None => Vec::new(),
                };
            }
            _ => {}
        }
        if let Message::Key(key, modifiers) = &message
            && let Some(jobs) = self.shortcut(key, *modifiers)
        {
            return jobs;
        }
        let ctx = ctx!(self);
        let action = match (message, &mut self.screen) {
            (Message::Nav(nav), _) => {
                self.flash = None;
                Action::Navigate(nav.into())
            }
            (Message::LocalePicked(locale), _) => {
                self.translations = Translations::get(locale);
                save_setting(boot::SETTING_LOCALE, locale.tag().to_owned())
            }
            (Message::LargerText(on), _) => {
                self.larger_text = on;
                save_setting(boot::SETTING_LARGER_TEXT, on.to_string())
            }
            (Message::FirstRun(m), Screen::FirstRun(s)) => s.update(m, &ctx).map(Message::FirstRun),
            (Message::CaseList(m), _) => self.list.update(m, &ctx).map(Message::CaseList),
            (Message::Intake(m), Screen::Intake(s)) => s.update(m, &ctx).map(Message::Intake),
            (Message::Detail(m), Screen::Detail(s)) => s.update(m, &ctx).map(Message::Detail),
            (Message::Users(m), Screen::Users(s)) => s.update(m, &ctx).map(Message::Users),
            (Message::Room(m), Screen::Room(s)) => s.update(m, &ctx).map(Message::Room),
            (Message::Agreement(m), Screen::Agreement(s)) => {
                s.update(m, &ctx).map(Message::Agreement)
            }
            (Message::Today(m), Screen::Today(s)) => s.update(m, &ctx).map(Message::Today),
            (Message::Desk(m), Screen::Desk(s)) => s.update(m, &ctx).map(Message::Desk),
            (Message::CaseDesk(m), Screen::CaseDesk(s)) => s.update(m, &ctx).map(Message::CaseDesk),
            (Message::Stats(m), Screen::Stats(s)) => s.update(m, &ctx).map(Message::Stats),
            (Message::CaseFile(m), Screen::CaseFile(s)) => s.update(m, &ctx).map(Message::CaseFile),
            (Message::Opened(Ok(opened)), _) => {
                // (The notice was cleared when the navigation began; one
                // given since, e.g. "case saved", stays.)
                self.ops.push(UiOp::ScrollTop);
                self.screen = match opened {
                    Opened::Case(data) => Screen::Detail(Box::new(CaseDetail::new(*data))),
                    Opened::Room(data) => Screen::Room(Box::new(Room::new(*data))),
                    Opened::Agreement(data) => {
                        let (case, data) = *data;
                        Screen::Agreement(Box::new(AgreementScreen::new(case, data, &ctx)))
                    }
                };
                Action::None
            }
            (Message::Opened(Err(e)), _) => Action::Notice(e.phrase()),
            (Message::SettingSaved(Err(e)), _) => Action::Notice(e.into()),
            (Message::Restored(Ok((mut boot, replaced))), _) => {
                let url = self.url.take();
                boot.keep_locale(self.locale());
                *self = Self::new(*boot, url);
                self.flash = Some(
                    Phrase::new("db-restored").arg(
                        "aside",
                        replaced
                            .map(|p| p.display().to_string())
                            .unwrap_or_default(),
                    ),
                );
                Action::None
            }
            (Message::Restored(Err(e)), _) => Action::Notice(e.phrase()),
            (Message::Rebooted(mut boot), _) => {
                let url = self.url.take();
                boot.keep_locale(self.locale());
                *self = Self::new(*boot, url);
                Action::None
            }
            (Message::JobStopped(detail), _) => Action::Notice(AppError::Crashed(detail).phrase()),
            // Behind the curtain only its own key: not even Tab or the
            // palette.
            (Message::Key(key, modifiers), Screen::Room(room)) if room.curtain => {
                match room.key(&key, modifiers) {
                    Some(m) => room.update(m, &ctx).map(Message::Room),
                    None => Action::None,
                }
            }
            (Message::Key(key, modifiers), Screen::Room(room)) => match room.key(&key, modifiers) {
                Some(m) => room.update(m, &ctx).map(Message::Room),
                None => Action::None,
            },
            (Message::Key(key, _), screen) => {
                use keyboard::{Key, key::Named};
                let here = matches!(
                    screen,
                    Screen::Cases
                        | Screen::Intake(_)
                        | Screen::Detail(_)
                        | Screen::Users(_)
                        | Screen::Desk(_)
                        | Screen::Stats(_)
                        | Screen::CaseFile(_)
                );
                match key.as_ref() {
                    Key::Named(Named::Escape) if here && !matches!(screen, Screen::Cases) => {
                        Action::Navigate(Route::Cases)
                    }
                    _ => Action::None,
                }
            }
            (Message::Background, _) => {
                let locale = self.locale();
                let user = self.user.as_ref().map(|u| (u.id, u.role));
                Action::run(move |store| async move {
                    background::run(&store, locale, user).await;
                    Message::BackgroundDone
                })
            }
            (Message::BackgroundDone, Screen::Today(s)) => {
                // The outbox may have changed: show it as it is now.
                s.update(today::Message::Refresh, &ctx).map(Message::Today)
            }
            // Another room on the shared database may have taken a case.
            (Message::BackgroundDone, Screen::Cases) => self.list.refresh().map(Message::CaseList),
            // A screen's answer after the screen was left, a timer tick,
            // a frame: nothing to do.
            _ => Action::None,
        };
        self.carry_out(action)
    }

    /// Carries out what a screen asked for; returns the jobs to run.
    fn carry_out(&mut self, action: Action<Message>) -> Vec<Job<Message>> {
        match action {
            Action::None => Vec::new(),
            Action::Run(jobs) => jobs,
            Action::Navigate(route) => self.navigate(route),
            Action::Notice(phrase) => {
                self.flash = Some(phrase);
                Vec::new()
            }
            Action::UserChanged(user) => {
                self.user = Some(user);
                Vec::new()
            }
            Action::Many(actions) => actions
                .into_iter()
                .flat_map(|action| self.carry_out(action))
                .collect(),
        }
    }

    /// Everything the user can do now: the current screen's commands,
    /// then going elsewhere, the language, larger text, locking.
    pub fn commands(&self) -> Vec<commands::Command<Message>> {
        use commands::{Command, Shortcut};
        let ctx = ctx!(self);
        let mut out: Vec<Command<Message>> = match &self.screen {
            Screen::Cases => map_all(self.list.commands(ctx), Message::CaseList),
            Screen::Intake(s) => map_all(s.commands(ctx), Message::Intake),
            Screen::Detail(s) => map_all(s.commands(ctx), Message::Detail),
            Screen::Room(s) => {
                let room = map_all(s.commands(ctx), Message::Room);
                // Behind the curtain, or with a question pending, the
                // room's own commands only.
                if s.curtain || s.confirm_switch.is_some() || s.confirm_close {
                    return room;
                }
                room
            }
            Screen::Agreement(s) => map_all(s.commands(ctx), Message::Agreement),
            Screen::Today(s) => map_all(s.commands(ctx), Message::Today),
            Screen::Desk(s) => map_all(s.commands(ctx), Message::Desk),
            Screen::CaseDesk(s) => map_all(s.commands(ctx), Message::CaseDesk),
            Screen::Stats(s) => map_all(s.commands(ctx), Message::Stats),
            Screen::CaseFile(s) => map_all(s.commands(ctx), Message::CaseFile),
            Screen::Users(_) | Screen::FirstRun(_) | Screen::DatabaseError(_) => Vec::new(),
        };
        if self.user.is_some() && self.store.is_some() {
            out.push(Command::new(ctx.tr("nav-today"), Message::Nav(Nav::Today)));
            out.push(Command::new(ctx.tr("nav-cases"), Message::Nav(Nav::Cases)));
            out.push(
                Command::new(ctx.tr("nav-new-case"), Message::Nav(Nav::NewCase))
                    .keys(Shortcut::ctrl('n')),
            );
            out.push(Command::new(ctx.tr("nav-desk"), Message::Nav(Nav::Desk)));
            out.push(Command::new(ctx.tr("nav-stats"), Message::Nav(Nav::Stats)));
            out.push(Command::new(ctx.tr("nav-users"), Message::Nav(Nav::Users)));
            if !self.accounts.is_empty() {
                out.push(Command::new(
                    ctx.tr("header-switch-user"),
                    Message::SwitchUser,
                ));
                out.push(Command::new(ctx.tr("header-lock"), Message::Lock));
            }
        }
        for locale in accord_i18n::Locale::ALL {
            if locale != self.locale() {
                out.push(Command::new(
                    format!("{}：{}", ctx.tr("cmd-language"), locale),
                    Message::LocalePicked(locale),
                ));
            }
        }
        out.push(Command::new(
            ctx.tr("larger-text"),
            Message::LargerText(!self.larger_text),
        ));
        out
    }

    /// The keys every screen shares: Tab and Shift+Tab move between
    /// fields, Ctrl+K opens the palette, and a shortcut written on a
    /// button does what the button does. Not behind the curtain (only its
    /// own key works there); the room's own keys are the room's.
    fn shortcut(
        &mut self,
        key: &keyboard::Key,
        modifiers: keyboard::Modifiers,
    ) -> Option<Vec<Job<Message>>> {
        if matches!(&self.screen, Screen::Room(room) if room.curtain) {
            return None;
        }
        if is_tab(key) {
            self.ops.push(if modifiers.shift() {
                UiOp::FocusPrevious
            } else {
                UiOp::FocusNext
            });
            return Some(Vec::new());
        }
        if modifiers.command() && matches!(key.as_ref(), keyboard::Key::Character("k")) {
            return Some(self.palette(commands::PaletteMessage::Toggle));
        }
        if matches!(self.screen, Screen::Room(_)) {
            return None;
        }
        let command = self
            .commands()
            .into_iter()
            .find(|c| c.shortcut.is_some_and(|s| s.matches(key, modifiers)))?;
        Some(self.update(command.message))
    }

    /// The palette's messages: open, narrow, move, run, close.
    fn palette(&mut self, message: commands::PaletteMessage) -> Vec<Job<Message>> {
        use commands::PaletteMessage as P;
        match message {
            P::Toggle if self.palette.is_some() => self.palette = None,
            P::Toggle => {
                if self.gate.is_some() || self.leaving.is_some() {
                    return Vec::new();
                }
                self.palette = Some(commands::Palette::default());
                self.ops.push(UiOp::Focus(commands::PALETTE_INPUT));
            }
            P::Close => self.palette = None,
            P::Query(q) => {
                if let Some(p) = &mut self.palette {
                    p.query = q;
                    p.selected = 0;
                }
            }
            P::Move(by) => {
                let all = self.commands();
                if let Some(p) = &mut self.palette {
                    let n = commands::narrowed(&all, &p.query).len();
                    if n > 0 {
                        let at = p.selected as i64 + i64::from(by);
                        p.selected = at.rem_euclid(n as i64) as usize;
                    }
                }
            }
            P::Run(row) => {
                let Some(p) = self.palette.take() else {
                    return Vec::new();
                };
                let all = self.commands();
                let chosen = commands::narrowed(&all, &p.query)
                    .get(row.unwrap_or(p.selected))
                    .map(|c| c.message.clone());
                if let Some(message) = chosen {
                    return self.update(message);
                }
            }
        }
        Vec::new()
    }

    /// Where the screen shown is, as a route to come back to.
    fn route(&self) -> Option<Route> {
        Some(match &self.screen {
            Screen::Cases => Route::Cases,
            Screen::Today(_) => Route::Today,
            Screen::Users(_) => Route::Users,
            Screen::Detail(s) => Route::Case(s.case.id),
            Screen::Room(s) => Route::Room(s.case.id),
            Screen::Agreement(s) => Route::Agreement(s.case.id),
            Screen::Desk(_) => Route::Desk,
            Screen::CaseDesk(s) => Route::CaseDesk(s.case_id),
            Screen::Stats(_) => Route::Stats,
            Screen::CaseFile(s) => Route::CaseFile(s.case_id),
            Screen::Intake(_) | Screen::FirstRun(_) | Screen::DatabaseError(_) => return None,
        })
    }

    /// Focus and scrolling the window is to carry out now.
    pub fn take_ops(&mut self) -> Vec<UiOp> {
        std::mem::take(&mut self.ops)
    }

    /// What the current screen holds that leaving would lose, as the
    /// Fluent key of a sentence saying so.
    fn unsaved(&self) -> Option<&'static str> {
        match &self.screen {
            Screen::Intake(s) if s.unsaved() => Some("leave-intake"),
            Screen::Room(s) if s.unsaved() => Some("leave-room"),
            Screen::Agreement(s) if s.unsaved() => Some("leave-agreement"),
            Screen::Users(s) if s.unsaved() => Some("leave-users"),
            Screen::Detail(s) if s.unsaved() => Some("leave-case"),
            Screen::Desk(s) if s.unsaved() => Some("leave-desk"),
            Screen::CaseDesk(s) if s.unsaved() => Some("leave-desk"),
            Screen::CaseFile(s) if s.unsaved() => Some("leave-case-file"),
            _ => None,
        }
    }

    /// Shows a screen, unless the one shown holds unsaved work: then the
    /// app asks first (see [`Message::Leave`]).
    fn navigate(&mut self, route: Route) -> Vec<Job<Message>> {
        if self.unsaved().is_some() {
            self.leaving = Some(route);
            return Vec::new();
        }
        self.flash = None;
        self.go(route)
    }

    /// Shows a screen; what it needs is read by a job first when it must be.
    /// Each screen opens at its top.
    fn go(&mut self, route: Route) -> Vec<Job<Message>> {
        self.ops.push(UiOp::ScrollTop);
        let ctx = ctx!(self);
        let actor = self.actor();
        let action = match route {
            Route::Today => {
                let (screen, load) = Today::open(&ctx);
                self.screen = Screen::Today(Box::new(screen));
                load.map(Message::Today)
            }
            Route::Cases => {
                self.screen = Screen::Cases;
                self.list.for_user(self.user.as_ref());
                self.list.reload().map(Message::CaseList)
            }
            Route::NewCase => {
                self.screen = Screen::Intake(Box::default());
                Action::None
            }
            Route::Desk => {
                let (screen, load) = Desk::open(&ctx);
                self.screen = Screen::Desk(Box::new(screen));
                load.map(Message::Desk)
            }
            Route::Stats => {
                let (screen, load) = stats::StatsScreen::open(&ctx);
                self.screen = Screen::Stats(Box::new(screen));
                load.map(Message::Stats)
            }
            Route::CaseFile(id) => {
                let (screen, load) = case_file::CaseFileScreen::open(id);
                self.screen = Screen::CaseFile(Box::new(screen));
                load.map(Message::CaseFile)
            }
            Route::CaseDesk(id) => {
                let (screen, load) = CaseDeskScreen::open(&ctx, id);
                self.screen = Screen::CaseDesk(Box::new(screen));
                load.map(Message::CaseDesk)
            }
            Route::Users => {
                let (screen, load) = Users::open(&ctx);
                self.screen = Screen::Users(Box::new(screen));
                load.map(Message::Users)
            }
            Route::Case(id) => open(move |store| async move {
                let data = case_detail::load(&store, id).await?;
                Ok(Opened::Case(Box::new(data)))
            }),
            Route::Room(id) => Action::Many(vec![
                open(move |store| async move {
                    let data = room::open(&store, &actor, id).await?;
                    Ok(Opened::Room(Box::new(data)))
                }),
                save_setting(room::SETTING_ROOM_CASE, id.to_string()),
            ]),
            Route::Agreement(id) => open(move |store| async move {
                let data = agreement::open(&store, &actor, id).await?;
                Ok(Opened::Agreement(Box::new(data)))
            }),
        };
        self.carry_out(action)
    }

    /// Keyboard shortcuts, the session timer, the background work.
    pub fn subscription(&self) -> Subscription<Message> {
        let keys = iced::event::listen_with(|event, status, _| key_message(event, status));
        let mut subscriptions = vec![
            keys,
            iced::window::resize_events().map(|(_, size)| Message::Resized(size)),
        ];
        if self.probe.is_some() {
            subscriptions.push(iced::window::frames().map(|_| Message::Frame));
        }
        if self.user.is_some() && self.store.is_some() {
            // Mail goes out and due follow-ups are announced in the background.
            subscriptions.push(
                iced::time::every(std::time::Duration::from_secs(30)).map(|_| Message::Background),
            );
        }
        if !self.accounts.is_empty() {
            // Any key or click keeps the app open; idle, it locks.
            subscriptions.push(iced::event::listen_with(|event, _, _| match event {
                iced::Event::Keyboard(_)
                | iced::Event::Mouse(iced::mouse::Event::ButtonPressed(_))
                | iced::Event::Mouse(iced::mouse::Event::WheelScrolled { .. })
                | iced::Event::Touch(_) => Some(Message::Activity),
                _ => None,
            }));
            subscriptions.push(
                iced::time::every(std::time::Duration::from_secs(15)).map(|_| Message::IdleCheck),
            );
        }
        if matches!(&self.screen, Screen::Room(room) if !room.session.is_closed()) {
            subscriptions
                .push(iced::time::every(std::time::Duration::from_secs(1)).map(|_| Message::Tick));
        }
        Subscription::batch(subscriptions)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let ctx = ctx!(self);
        if let Some(gate) = &self.gate {
            // Nothing of the work behind it, not even who is logged in.
            let anonymous = Ctx { user: None, ..ctx };
            return column![
                chrome::header(anonymous, None, false, self.larger_text, false),
                gate.view(anonymous).map(Message::Gate),
            ]
            .into();
        }
        let body: Element<'_, Message> = match &self.screen {
            Screen::DatabaseError(e) => {
                chrome::database_error(ctx, e, self.url.as_deref(), self.backup.as_ref())
            }
            Screen::FirstRun(s) => s.view(ctx).map(Message::FirstRun),
            Screen::Cases => self.list.view(ctx).map(Message::CaseList),
            Screen::Intake(s) => s.view(ctx).map(Message::Intake),
            Screen::Detail(s) => s.view(ctx).map(Message::Detail),
            Screen::Users(s) => s.view(ctx).map(|m| match m {
                // Restoring replaces the database under the app: the app
                // does it (see `restore_backup`).
                users::Message::ConfirmRestore(path) => Message::RestoreBackup(path),
                m => Message::Users(m),
            }),
            Screen::Room(s) => s.view(ctx).map(Message::Room),
            Screen::Agreement(s) => s.view(ctx).map(Message::Agreement),
            Screen::Today(s) => s.view(ctx).map(Message::Today),
            Screen::Desk(s) => s.view(ctx).map(Message::Desk),
            Screen::CaseDesk(s) => s.view(ctx).map(Message::CaseDesk),
            Screen::Stats(s) => s.view(ctx).map(Message::Stats),
            Screen::CaseFile(s) => s.view(ctx).map(Message::CaseFile),
        };
        let current = match &self.screen {
            Screen::Cases
            | Screen::Detail(_)
            | Screen::Room(_)
            | Screen::Agreement(_)
            | Screen::CaseFile(_) => Some(Nav::Cases),
            Screen::Intake(_) => Some(Nav::NewCase),
            Screen::Today(_) => Some(Nav::Today),
            Screen::Users(_) => Some(Nav::Users),
            Screen::Desk(_) | Screen::CaseDesk(_) => Some(Nav::Desk),
            Screen::Stats(_) => Some(Nav::Stats),
            Screen::DatabaseError(_) | Screen::FirstRun(_) => None,
        };
        let ready = self.user.is_some() && self.store.is_some();
        column![
            chrome::header(
                ctx,
                current,
                ready,
                self.larger_text,
                ready && !self.accounts.is_empty(),
            ),
            chrome::page(
                ctx,
                self.flash.as_ref(),
                body,
                self.leaving
                    .and(self.unsaved())
                    .map(|what| chrome::leave_dialog(ctx, what))
                    .or_else(|| {
                        self.palette
                            .as_ref()
                            .map(|p| chrome::palette(ctx, p, self.commands()))
                    }),
            ),
        ]
        .into()
    }

    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// When the process started, with the start-up probe on.
    pub fn probe(&self) -> Option<std::time::Instant> {
        self.probe
    }

    /// The case the current screen shows in detail (for tests).
    pub fn showing_case(&self) -> Option<&Case> {
        match &self.screen {
            Screen::Detail(d) => Some(&d.case),
            _ => None,
        }
    }
}

/// The message for a key press. A key a text field took still reaches
/// the app when it is a chord (Ctrl or Alt), Escape or a function key, so
/// the room's keys (and closing a question) work while the cursor is in
/// a field; plain keys stay with the field.
pub fn key_message(event: iced::Event, status: iced::event::Status) -> Option<Message> {
    use keyboard::{Key, key::Named};
    let iced::Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) = event else {
        return None;
    };
    let chord = modifiers.command()
        || modifiers.alt()
        || matches!(key, Key::Named(Named::Escape))
        || matches!(
            key,
            Key::Named(
                Named::F1
                    | Named::F2
                    | Named::F3
                    | Named::F4
                    | Named::F5
                    | Named::F6
                    | Named::F7
                    | Named::F8
                    | Named::F9
                    | Named::F10
                    | Named::F11
                    | Named::F12
            )
        );
    (status == iced::event::Status::Ignored || chord).then_some(Message::Key(key, modifiers))
}

/// Tab (with or without Shift).
fn is_tab(key: &keyboard::Key) -> bool {
    matches!(key, keyboard::Key::Named(keyboard::key::Named::Tab))
}

/// A screen's commands for the app.
fn map_all<M>(
    commands: Vec<commands::Command<M>>,
    f: impl Fn(M) -> Message,
) -> Vec<commands::Command<Message>> {
    commands.into_iter().map(|c| c.map(&f)).collect()
}

/// A job that reads what a screen being opened needs.
fn open<F, Fut>(read: F) -> Action<Message>
where
    F: FnOnce(Store) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<Opened, StoreError>> + Send + 'static,
{
    Action::run(
        move |store| async move { Message::Opened(read(store).await.map_err(AppError::from)) },
    )
}

/// A job that remembers a preference for this computer.
fn save_setting(key: &'static str, value: String) -> Action<Message> {
    Action::run(move |store| async move {
        Message::SettingSaved(store.set_local_setting(key, &value).await)
    })
}
