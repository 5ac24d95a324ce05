//! The desktop application (iced). The parent owns the store handle, the
//! translations and the current user; screens get a [`Ctx`] to draw with
//! and hand back an [`Action`] for the parent to carry out.

mod chart;
pub mod ctx;
pub mod effect;
pub mod pad;
pub mod screen;
pub mod theme;
mod widgets;

use accord_core::{Case, CaseStatus, LocalUser, UserRole, ValidCase};
use accord_i18n::{Locale, Translations};
use accord_store::{Actor, CasePage, Store, StoreError};
use iced::{
    Center, Element, Fill, Font, Subscription, Task, keyboard,
    widget::{button, checkbox, column, container, pick_list, row, text},
};

pub use ctx::{Ctx, Labeled};
use effect::{Done, Effect};
use screen::{
    agreement::{self, AgreementScreen},
    case_detail::{self, CaseDetail},
    case_list::{self, CaseList},
    first_run::{self, FirstRun},
    intake::{self, Intake},
    room::{self, Room, RoomAction},
    today::{self, Today},
    users::{self, Users},
};
use theme::Sizes;

/// The family name inside the bundled CJK font.
pub const FONT_FAMILY: &str = "Noto Sans CJK SC";
/// The bundled font (Noto Sans CJK SC, subset; OFL).
pub const FONT_REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/AccordSans-Regular.otf");
/// The bundled bold weight.
pub const FONT_BOLD: &[u8] = include_bytes!("../../../../assets/fonts/AccordSans-Bold.otf");
/// The reverse-DNS application id (window, .desktop file, metainfo).
pub const APP_ID: &str = "org.accord.Accord";

/// Settings keys remembered in the database.
const SETTING_LOCALE: &str = "locale";
const SETTING_LARGER_TEXT: &str = "larger_text";
const SETTING_ROOM_CASE: &str = "room_case_id";

/// Everything the app needs before its first frame, read in one go.
#[derive(Debug, Clone)]
pub struct Boot {
    pub store: Result<Store, StoreError>,
    pub locale: Locale,
    pub larger_text: bool,
    pub users: Vec<LocalUser>,
    pub user: Option<LocalUser>,
    pub first_page: CasePage,
    /// The room the mediator was in when the app last closed.
    pub room: Option<effect::RoomData>,
}

impl Boot {
    /// Opens the database and reads what the first screen shows.
    pub async fn load(url: Option<String>) -> Self {
        let store = match url {
            Some(url) => Store::open(&url).await,
            None => Store::open_default().await,
        };
        let mut boot = Self {
            store: store.clone(),
            locale: Locale::from_system(),
            larger_text: false,
            users: Vec::new(),
            user: None,
            first_page: CasePage::default(),
            room: None,
        };
        let Ok(store) = store else { return boot };
        let read = async {
            if let Some(locale) = store
                .local_setting(SETTING_LOCALE)
                .await?
                .and_then(|l| l.parse().ok())
            {
                boot.locale = locale;
            }
            boot.larger_text = store
                .local_setting(SETTING_LARGER_TEXT)
                .await?
                .is_some_and(|v| v == "true");
            boot.users = store.users().await?;
            boot.user = store
                .current_user()
                .await?
                .or_else(|| boot.users.first().cloned());
            boot.first_page = store
                .list_cases(&accord_store::CaseQuery {
                    limit: case_list::PAGE_SIZE,
                    ..Default::default()
                })
                .await?;
            // Back to the room the mediator was in, at the same stage and
            // with the same party present.
            let room_case = store
                .local_setting(SETTING_ROOM_CASE)
                .await?
                .and_then(|v| v.parse::<i64>().ok());
            if let (Some(case_id), Some(user)) = (room_case, &boot.user) {
                boot.room = effect::open_room(&store, &Actor::from(user), case_id)
                    .await
                    .ok();
            }
            Ok::<_, StoreError>(())
        };
        if let Err(e) = read.await {
            boot.store = Err(e);
        }
        boot
    }
}

/// Which screen is showing.
#[derive(Debug)]
enum Screen {
    /// The database could not be opened: explain, offer to retry.
    DatabaseError(StoreError),
    /// Nobody has used this database yet.
    FirstRun(FirstRun),
    /// A user exists but no case: offer the example.
    OfferExample { busy: bool },
    /// The case list.
    Cases,
    /// The intake form.
    Intake(Box<Intake>),
    /// One case.
    Detail(Box<CaseDetail>),
    /// Local users.
    Users(Box<Users>),
    /// The mediation room of a case.
    Room(Box<Room>),
    /// The settlement agreement of a case.
    Agreement(Box<AgreementScreen>),
    /// Follow-ups due today and overdue, and the outbox.
    Today(Box<Today>),
}

/// What a screen asks its parent to do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Run a database job.
    Run(Effect),
    /// Run several database jobs.
    Batch(Vec<Effect>),

    /// Store a validated case as the current user.
    SaveCase(Box<ValidCase>),
    /// Move a case to another status as the current user.
    ChangeStatus {
        case_id: i64,
        version: i64,
        next: CaseStatus,
    },
    /// Add a user, recorded as added by the current user.
    CreateUser { name: String, role: UserRole },
    /// Switch to another user.
    UseUser(LocalUser),
    /// Open a case.
    OpenCase(i64),
    /// Back to the case list.
    ShowList,
    /// Open the mediation room of a case.
    OpenRoom(i64),
    /// Open the agreement of a case.
    OpenAgreement(i64),
    /// Read, create or import the centre's sealing key.
    CentreKey(users::KeyJob),
    /// Read or change the mail settings.
    MailSettings(users::MailJob),
    /// Record the return visit and close the case.
    ReturnVisit {
        case_id: i64,
        date: chrono::NaiveDate,
        satisfaction: accord_core::followup::Satisfaction,
        note: String,
    },
}

/// A top-level navigation target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Today,
    Cases,
    NewCase,
    Users,
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
    /// "Load the example case" on the first-run offer.
    LoadExample,
    /// "Start empty" on the first-run offer.
    SkipExample,
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
    /// A second passed (the session timer).
    Tick,
    /// Time for the background work: send mail, announce due follow-ups.
    Background,
    /// A database job finished.
    Done(Box<Done>),
    /// A database job crashed (a bug): shown, never fatal.
    Failed(String),
    /// A key was pressed outside any text field.
    Key(keyboard::Key, keyboard::Modifiers),
    /// A frame is about to be drawn (only with the start-up probe on).
    Frame,
}

/// The application state.
#[derive(Debug)]
pub struct App {
    store: Option<Store>,
    url: Option<String>,
    translations: Translations,
    larger_text: bool,
    user: Option<LocalUser>,
    users: Vec<LocalUser>,
    list: CaseList,
    screen: Screen,
    /// A one-line notice (e.g. "case saved"), as a key and arguments so it
    /// follows a language switch.
    flash: Option<(String, Vec<(&'static str, String)>)>,
    /// When the process started, if the start-up probe measures the time
    /// to the first frame (`ACCORD_STARTUP_PROBE=1`).
    probe: Option<std::time::Instant>,
}

impl App {
    /// Builds the state from what [`Boot::load`] read. `url` is kept so a
    /// failed open can be retried.
    pub fn new(boot: Boot, url: Option<String>) -> Self {
        let screen = match &boot.store {
            Err(e) => Screen::DatabaseError(e.clone()),
            Ok(_) if boot.user.is_none() => Screen::FirstRun(FirstRun::default()),
            Ok(_) => match boot.room {
                Some((case, session, items)) => {
                    Screen::Room(Box::new(Room::new(case, session, items)))
                }
                None => Screen::Cases,
            },
        };
        Self {
            store: boot.store.ok(),
            url,
            translations: Translations::load_or_empty(boot.locale),
            larger_text: boot.larger_text,
            user: boot.user,
            users: boot.users,
            list: CaseList::with_page(boot.first_page),
            screen,
            flash: None,
            probe: None,
        }
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

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            t: &self.translations,
            sizes: Sizes::new(self.larger_text),
        }
    }

    /// Handles a message; returns the database jobs to run.
    pub fn update(&mut self, message: Message) -> Vec<Effect> {
        let action = match message {
            Message::Nav(nav) => {
                self.flash = None;
                match nav {
                    Nav::Today => {
                        self.screen = Screen::Today(Box::default());
                        Action::Run(self.today_effect(today::TodayJob::Load))
                    }
                    Nav::Cases => self.show_list(),
                    Nav::NewCase => {
                        self.screen = Screen::Intake(Box::default());
                        Action::None
                    }
                    Nav::Users => {
                        self.screen = Screen::Users(Box::default());
                        Action::Batch(vec![
                            Effect::LoadUsers,
                            Effect::CentreKey {
                                actor: self.actor(),
                                locale: self.locale(),
                                job: users::KeyJob::Load,
                            },
                            Effect::MailSettings {
                                locale: self.locale(),
                                job: users::MailJob::Load,
                            },
                        ])
                    }
                }
            }
            Message::LocalePicked(locale) => {
                self.translations = Translations::load_or_empty(locale);
                Action::Run(Effect::SaveSetting {
                    key: SETTING_LOCALE,
                    value: locale.tag().to_owned(),
                })
            }
            Message::LargerText(on) => {
                self.larger_text = on;
                Action::Run(Effect::SaveSetting {
                    key: SETTING_LARGER_TEXT,
                    value: on.to_string(),
                })
            }
            Message::LoadExample => {
                self.screen = Screen::OfferExample { busy: true };
                Action::Run(Effect::LoadDemo(self.actor(), self.locale()))
            }
            Message::SkipExample => {
                // Set-up ends here: the centre's sealing key is made now
                // (the example makes it when it is loaded).
                let list = self.show_list();
                let ensure = Effect::CentreKey {
                    actor: self.actor(),
                    locale: self.locale(),
                    job: users::KeyJob::Ensure,
                };
                match list {
                    Action::Run(effect) => Action::Batch(vec![effect, ensure]),
                    _ => Action::Run(ensure),
                }
            }
            Message::Retry => return Vec::new(),
            Message::FirstRun(m) => match &mut self.screen {
                Screen::FirstRun(s) => s.update(m),
                _ => Action::None,
            },
            Message::CaseList(m) => self.list.update(m),
            Message::Intake(m) => match &mut self.screen {
                Screen::Intake(s) => s.update(m),
                _ => Action::None,
            },
            Message::Detail(m) => match &mut self.screen {
                Screen::Detail(s) => s.update(m),
                _ => Action::None,
            },
            Message::Users(m) => match &mut self.screen {
                Screen::Users(s) => s.update(m),
                _ => Action::None,
            },
            Message::Done(done) => self.done(*done),
            Message::Failed(detail) => {
                self.flash = Some(("error-database".to_owned(), vec![("detail", detail)]));
                Action::None
            }
            Message::Room(m) => self.room(m),
            Message::Agreement(m) => self.agreement(m),
            Message::Today(m) => match &mut self.screen {
                Screen::Today(s) => match s.update(m, &self.translations) {
                    today::Outcome::None => Action::None,
                    today::Outcome::OpenCase(id) => Action::OpenCase(id),
                    today::Outcome::Run(job) => Action::Run(self.today_effect(job)),
                },
                _ => Action::None,
            },
            Message::Key(key, modifiers) => self.key(key, modifiers),
            Message::Frame | Message::Tick => Action::None,
            Message::Background => Action::Run(Effect::Background {
                locale: self.locale(),
            }),
        };
        self.perform(action)
    }

    /// A room message: the room changes its own state at once; what must be
    /// stored becomes a database job.
    fn room(&mut self, message: room::Message) -> Action {
        let Screen::Room(room) = &mut self.screen else {
            return Action::None;
        };
        let user_name = self
            .user
            .as_ref()
            .map(|u| u.name.clone())
            .unwrap_or_default();
        let actor = self
            .user
            .as_ref()
            .map(Actor::from)
            .unwrap_or_else(Actor::system);
        match room.update(message, &user_name) {
            RoomAction::None => Action::None,
            RoomAction::SaveSession(session, action) => {
                if session.is_closed() {
                    // A closed session is not where to come back to.
                    return Action::Batch(vec![
                        Effect::SaveSession {
                            actor,
                            session,
                            action,
                        },
                        Effect::SaveSetting {
                            key: SETTING_ROOM_CASE,
                            value: String::new(),
                        },
                    ]);
                }
                Action::Run(Effect::SaveSession {
                    actor,
                    session,
                    action,
                })
            }
            RoomAction::Record(session_id, item) => Action::Run(Effect::RecordItem {
                actor,
                session_id,
                item,
            }),
            RoomAction::Edit(item_id, text, offer) => Action::Run(Effect::EditItem {
                actor,
                item_id,
                text,
                offer,
            }),
            RoomAction::Disclose(item_id, disclosure) => Action::Run(Effect::Disclose {
                actor,
                item_id,
                disclosure,
            }),
            RoomAction::Back(case_id) => Action::Batch(vec![
                Effect::SaveSetting {
                    key: SETTING_ROOM_CASE,
                    value: String::new(),
                },
                Effect::LoadCase(case_id),
            ]),
        }
    }

    /// An agreement message: the screen edits its form; jobs go to the
    /// database (and the printer) off the UI thread.
    fn agreement(&mut self, message: agreement::Message) -> Action {
        let Screen::Agreement(screen) = &mut self.screen else {
            return Action::None;
        };
        match screen.update(message, &self.translations, self.user.as_ref()) {
            agreement::Outcome::None => Action::None,
            agreement::Outcome::Back(case_id) => Action::OpenCase(case_id),
            agreement::Outcome::Run(job) => {
                let case_id = screen.case.id;
                Action::Run(self.agreement_effect(case_id, job))
            }
        }
    }

    fn today_effect(&self, job: today::TodayJob) -> Effect {
        Effect::Today {
            actor: self.actor(),
            locale: self.locale(),
            job,
        }
    }

    fn agreement_effect(&self, case_id: i64, job: agreement::Job) -> Effect {
        Effect::Agreement(Box::new(effect::AgreementEffect {
            actor: self.actor(),
            locale: self.locale(),
            db: self.url.clone(),
            case_id,
            job,
        }))
    }

    fn key(&mut self, key: keyboard::Key, modifiers: keyboard::Modifiers) -> Action {
        use keyboard::{Key, key::Named};
        if let Screen::Room(room) = &self.screen {
            return match room.key(&key, modifiers) {
                Some(message) => self.room(message),
                None => Action::None,
            };
        }
        if !matches!(
            self.screen,
            Screen::Cases | Screen::Intake(_) | Screen::Detail(_) | Screen::Users(_)
        ) {
            return Action::None;
        }
        match key.as_ref() {
            Key::Character("n") if modifiers.command() => {
                self.screen = Screen::Intake(Box::default());
                Action::None
            }
            Key::Named(Named::Escape) if !matches!(self.screen, Screen::Cases) => self.show_list(),
            _ => Action::None,
        }
    }

    fn show_list(&mut self) -> Action {
        self.screen = Screen::Cases;
        Action::Run(self.list.reload())
    }

    fn perform(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::None => Vec::new(),
            Action::Run(effect) => vec![effect],
            Action::SaveCase(case) => vec![Effect::SaveCase {
                actor: self.actor(),
                case,
            }],
            Action::ChangeStatus {
                case_id,
                version,
                next,
            } => {
                vec![Effect::ChangeStatus {
                    actor: self.actor(),
                    case_id,
                    version,
                    next,
                }]
            }
            Action::CreateUser { name, role } => {
                vec![Effect::CreateUser {
                    by: Some(self.actor()),
                    name,
                    role,
                }]
            }
            Action::UseUser(user) => vec![Effect::UseUser(user)],
            Action::OpenCase(id) => vec![Effect::LoadCase(id)],
            Action::ReturnVisit {
                case_id,
                date,
                satisfaction,
                note,
            } => vec![Effect::ReturnVisit {
                actor: self.actor(),
                case_id,
                date,
                satisfaction,
                note,
            }],
            Action::MailSettings(job) => vec![Effect::MailSettings {
                locale: self.locale(),
                job,
            }],
            Action::CentreKey(job) => vec![Effect::CentreKey {
                actor: self.actor(),
                locale: self.locale(),
                job,
            }],
            Action::OpenAgreement(case_id) => {
                vec![self.agreement_effect(case_id, agreement::Job::Load)]
            }
            Action::ShowList => {
                let action = self.show_list();
                self.perform(action)
            }
            Action::OpenRoom(case_id) => vec![
                Effect::OpenRoom {
                    actor: self.actor(),
                    case_id,
                },
                Effect::SaveSetting {
                    key: SETTING_ROOM_CASE,
                    value: case_id.to_string(),
                },
            ],
            Action::Batch(effects) => effects,
        }
    }

    /// A database job's answer.
    fn done(&mut self, done: Done) -> Action {
        match done {
            Done::CasesLoaded {
                ticket,
                append,
                page,
            } => {
                self.list.loaded(ticket, append, page);
                Action::None
            }
            Done::CaseSaved(Ok(case)) => {
                self.flash = Some((
                    "intake-saved".to_owned(),
                    vec![("number", case.number.to_string())],
                ));
                self.show_list()
            }
            Done::CaseSaved(Err(e)) => {
                if let Screen::Intake(form) = &mut self.screen {
                    form.save_failed(e);
                }
                Action::None
            }
            Done::CaseLoaded(Ok((case, history))) => {
                self.flash = None;
                let id = case.id;
                self.screen = Screen::Detail(Box::new(CaseDetail::new(case, history)));
                Action::Run(Effect::LoadPerformance(id))
            }
            Done::Performance(rows) => {
                if let Screen::Detail(detail) = &mut self.screen {
                    detail.performance_loaded(rows);
                }
                Action::None
            }
            Done::CaseLoaded(Err(e)) | Done::DemoLoaded(Err(e)) | Done::UsersLoaded(Err(e)) => {
                self.flash_error(&e);
                if matches!(self.screen, Screen::OfferExample { .. }) {
                    self.screen = Screen::OfferExample { busy: false };
                }
                Action::None
            }
            Done::StatusChanged(result) => {
                if let Screen::Detail(detail) = &mut self.screen {
                    detail.status_changed(result);
                }
                Action::None
            }
            Done::UserReady(Ok(user)) => {
                let first_run = matches!(self.screen, Screen::FirstRun(_));
                if !self.users.iter().any(|u| u.id == user.id) {
                    self.users.push(user.clone());
                }
                self.user = Some(user);
                if first_run && self.list_is_empty() {
                    self.screen = Screen::OfferExample { busy: false };
                    Action::None
                } else if first_run {
                    self.show_list()
                } else {
                    Action::None
                }
            }
            Done::UserReady(Err(e)) => {
                if let Screen::FirstRun(form) = &mut self.screen {
                    form.failed();
                }
                self.flash_error(&e);
                Action::None
            }
            Done::UsersLoaded(Ok(users)) => {
                self.users = users;
                Action::None
            }
            Done::SettingSaved(result) => {
                if let Err(e) = result {
                    self.flash_error(&e);
                }
                Action::None
            }
            Done::RoomOpened(Ok((case, session, items))) => {
                self.flash = None;
                self.screen = Screen::Room(Box::new(Room::new(case, session, items)));
                Action::None
            }
            Done::RoomOpened(Err(e)) => {
                self.flash_error(&e);
                Action::None
            }
            Done::SessionSaved(result) => {
                if let Screen::Room(room) = &mut self.screen {
                    room.session_saved(result);
                }
                Action::None
            }
            Done::ItemRecorded(result) => {
                if let Screen::Room(room) = &mut self.screen {
                    room.recorded(result);
                }
                Action::None
            }
            Done::ItemReplaced(result) => {
                if let Screen::Room(room) = &mut self.screen {
                    room.replaced(result);
                }
                Action::None
            }
            Done::Agreement { case, data } => {
                match (&mut self.screen, data) {
                    (Screen::Agreement(screen), Ok(data)) => {
                        if let Some(case) = case {
                            screen.case = *case;
                        }
                        screen.loaded(*data, &self.translations, self.user.as_ref());
                    }
                    (Screen::Agreement(screen), Err(message)) => screen.failed(message),
                    (_, Ok(data)) => {
                        if let Some(case) = case {
                            self.flash = None;
                            self.screen = Screen::Agreement(Box::new(AgreementScreen::new(
                                *case,
                                *data,
                                &self.translations,
                                self.user.as_ref(),
                            )));
                        }
                    }
                    (_, Err(message)) => {
                        self.flash = Some(("error-plain".to_owned(), vec![("detail", message)]));
                    }
                }
                Action::None
            }
            Done::MailSettings(result) => {
                if let Screen::Users(users) = &mut self.screen {
                    users.mail_done(result);
                }
                Action::None
            }
            Done::Background => match self.screen {
                // The outbox may have changed: show it as it is now.
                Screen::Today(_) => Action::Run(self.today_effect(today::TodayJob::Load)),
                // Another room on the shared database may have taken a case.
                Screen::Cases => Action::Run(self.list.refresh()),
                _ => Action::None,
            },
            Done::Today(result) => {
                if let Screen::Today(screen) = &mut self.screen {
                    match result {
                        Ok(data) => screen.loaded(*data),
                        Err(message) => screen.failed(message),
                    }
                }
                Action::None
            }
            Done::CentreKey(result) => {
                if let Screen::Users(users) = &mut self.screen {
                    users.key_done(result);
                } else if let Err(message) = result {
                    self.flash = Some(("error-plain".to_owned(), vec![("detail", message)]));
                }
                Action::None
            }
            Done::Rebooted(boot) => {
                self.reboot(*boot);
                Action::None
            }
            Done::DemoLoaded(Ok(case)) => {
                self.flash = Some((
                    "intake-saved".to_owned(),
                    vec![("number", case.number.to_string())],
                ));
                self.show_list()
            }
        }
    }

    fn list_is_empty(&self) -> bool {
        self.list.is_empty()
    }

    fn flash_error(&mut self, e: &StoreError) {
        let (key, args) = e.message();
        self.flash = Some((key.to_owned(), args));
    }

    /// Keyboard shortcuts: Ctrl+N new case, Escape back to the list.
    pub fn subscription(&self) -> Subscription<Message> {
        let keys = keyboard::listen().filter_map(|event| match event {
            keyboard::Event::KeyPressed { key, modifiers, .. } => {
                Some(Message::Key(key, modifiers))
            }
            _ => None,
        });
        let mut subscriptions = vec![keys];
        if self.probe.is_some() {
            subscriptions.push(iced::window::frames().map(|_| Message::Frame));
        }
        if self.user.is_some() && self.store.is_some() {
            // Mail goes out and due follow-ups are announced in the background.
            subscriptions.push(
                iced::time::every(std::time::Duration::from_secs(30)).map(|_| Message::Background),
            );
        }
        if matches!(&self.screen, Screen::Room(room) if !room.session.is_closed()) {
            subscriptions
                .push(iced::time::every(std::time::Duration::from_secs(1)).map(|_| Message::Tick));
        }
        Subscription::batch(subscriptions)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let ctx = self.ctx();
        let body: Element<'_, Message> = match &self.screen {
            Screen::DatabaseError(e) => self.database_error(ctx, e),
            Screen::FirstRun(s) => s.view(ctx),
            Screen::OfferExample { busy } => first_run::offer_example(ctx, *busy),
            Screen::Cases => self.list.view(ctx),
            Screen::Intake(s) => s.view(ctx),
            Screen::Detail(s) => s.view(ctx),
            Screen::Users(s) => s.view(ctx, &self.users, self.user.as_ref()),
            Screen::Room(s) => s.view(ctx),
            Screen::Agreement(s) => s.view(ctx, self.user.as_ref()),
            Screen::Today(s) => s.view(ctx),
        };
        let mut page = column![].spacing(theme::GAP);
        if let Some((key, args)) = &self.flash {
            let style = if key.starts_with("error-") {
                theme::alert
            } else {
                theme::notice
            };
            page = page.push(
                container(text(ctx.tr_args(key, args)).size(ctx.sizes.body()))
                    .padding(theme::GAP)
                    .width(Fill)
                    .style(style),
            );
        }
        page = page.push(body);
        column![
            self.header(ctx),
            container(container(page).max_width(theme::MAX_PAGE_WIDTH))
                .center_x(Fill)
                .padding(theme::PAGE)
                .height(Fill),
        ]
        .into()
    }

    fn header<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let size = ctx.sizes.body();
        let current = match &self.screen {
            Screen::Cases | Screen::Detail(_) | Screen::Room(_) | Screen::Agreement(_) => {
                Some(Nav::Cases)
            }
            Screen::Intake(_) => Some(Nav::NewCase),
            Screen::Today(_) => Some(Nav::Today),
            Screen::Users(_) => Some(Nav::Users),
            _ => None,
        };
        let ready = self.user.is_some() && self.store.is_some();
        let nav = |target: Nav, key: &str| {
            button(text(ctx.tr(key)).size(size))
                .padding([6, 14])
                .style(if current == Some(target) {
                    theme::nav_button_active
                } else {
                    theme::nav_button
                })
                .on_press_maybe(ready.then_some(Message::Nav(target)))
        };
        let user = self
            .user
            .as_ref()
            .map(|u| {
                ctx.tr_args(
                    "user-current",
                    &[("name", u.name.clone()), ("role", ctx.label(u.role))],
                )
            })
            .unwrap_or_default();
        let language = pick_list(Locale::ALL, Some(self.locale()), Message::LocalePicked)
            .text_size(ctx.sizes.small());
        let larger = checkbox(self.larger_text)
            .label(ctx.tr("larger-text"))
            .on_toggle(Message::LargerText)
            .text_size(ctx.sizes.small())
            .style(theme::header_checkbox);
        container(
            row![
                text(ctx.tr("app-title"))
                    .size(ctx.sizes.subheading())
                    .style(theme::header_text)
                    .font(Font {
                        weight: iced::font::Weight::Bold,
                        ..Font::with_name(FONT_FAMILY)
                    }),
                nav(Nav::Today, "nav-today"),
                nav(Nav::Cases, "nav-cases"),
                nav(Nav::NewCase, "nav-new-case"),
                nav(Nav::Users, "nav-users"),
                iced::widget::space::horizontal(),
                text(user).size(ctx.sizes.small()).style(theme::header_text),
                larger,
                language,
            ]
            .spacing(theme::GAP)
            .align_y(Center),
        )
        .padding([8, 16])
        .width(Fill)
        .style(theme::header)
        .into()
    }

    fn database_error<'a>(&'a self, ctx: Ctx<'a>, error: &StoreError) -> Element<'a, Message> {
        let (location, detail) = match error {
            StoreError::Open { location, detail } => (location.clone(), detail.clone()),
            other => (self.url.clone().unwrap_or_default(), other.to_string()),
        };
        let content = column![
            text(ctx.tr("db-error-title")).size(ctx.sizes.title()),
            text(ctx.tr_args("db-error-body", &[("path", location)])).size(ctx.sizes.body()),
            text(ctx.tr("db-error-hint")).size(ctx.sizes.body()),
            text(ctx.tr_args("db-error-detail", &[("detail", detail)]))
                .size(ctx.sizes.small())
                .style(theme::muted_text),
            button(text(ctx.tr("db-error-retry")).size(ctx.sizes.body()))
                .style(button::primary)
                .on_press(Message::Retry),
        ]
        .spacing(theme::GAP);
        widgets::card(content)
    }

    /// Replaces the state after "Try again" reopened the database.
    pub fn reboot(&mut self, boot: Boot) {
        let url = self.url.take();
        *self = Self::new(boot, url);
    }

    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// Whether the current screen shows the case `number` (for tests).
    pub fn showing_case(&self) -> Option<&Case> {
        match &self.screen {
            Screen::Detail(d) => Some(&d.case),
            _ => None,
        }
    }
}

/// Runs the desktop app. `runtime` carries the database work so the UI
/// thread never waits for the disk.
pub fn run(
    boot: Boot,
    url: Option<String>,
    runtime: tokio::runtime::Handle,
    probe: Option<std::time::Instant>,
) -> iced::Result {
    let initial = std::sync::Mutex::new(Some((boot, url)));
    let boot_fn = move || {
        let (boot, url) = initial
            .lock()
            .ok()
            .and_then(|mut b| b.take())
            .unwrap_or_else(|| {
                (
                    Boot {
                        store: Err(StoreError::Database("started twice".into())),
                        locale: Locale::default(),
                        larger_text: false,
                        users: Vec::new(),
                        user: None,
                        first_page: CasePage::default(),
                        room: None,
                    },
                    None,
                )
            });
        let mut app = App::new(boot, url);
        app.probe = probe;
        app
    };
    let update = move |app: &mut App, message: Message| -> Task<Message> {
        if let (Message::Frame, Some(started)) = (&message, app.probe) {
            // The start-up benchmark reads this line, then the app quits.
            println!(
                "startup_to_first_frame_ms={:.1}",
                started.elapsed().as_secs_f64() * 1000.0
            );
            return iced::exit();
        }
        if matches!(message, Message::Retry) {
            let url = app.url().map(str::to_owned);
            let handle = runtime.clone();
            return Task::perform(async move { handle.spawn(Boot::load(url)).await }, |boot| {
                match boot {
                    Ok(boot) => Message::Done(Box::new(Done::Rebooted(Box::new(boot)))),
                    Err(e) => Message::Failed(e.to_string()),
                }
            });
        }
        let effects = app.update(message);
        let Some(store) = app.store().cloned() else {
            return Task::none();
        };
        Task::batch(effects.into_iter().map(|effect| {
            let store = store.clone();
            let handle = runtime.clone();
            Task::perform(
                async move { handle.spawn(effect.run(store)).await },
                |result| match result {
                    Ok(done) => Message::Done(Box::new(done)),
                    Err(e) => Message::Failed(e.to_string()),
                },
            )
        }))
    };
    iced::application(boot_fn, update, App::view)
        .title(App::title)
        .theme(|_: &App| theme::theme())
        .subscription(App::subscription)
        .window(window_settings())
        .font(FONT_REGULAR)
        .font(FONT_BOLD)
        .default_font(Font::with_name(FONT_FAMILY))
        .run()
}

fn window_settings() -> iced::window::Settings {
    iced::window::Settings {
        size: iced::Size::new(1200.0, 800.0),
        min_size: Some(iced::Size::new(800.0, 560.0)),
        #[cfg(target_os = "linux")]
        platform_specific: iced::window::settings::PlatformSpecific {
            application_id: APP_ID.to_owned(),
            ..Default::default()
        },
        ..Default::default()
    }
}
