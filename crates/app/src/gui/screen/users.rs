//! Local users: who is at the keyboard, and adding a colleague.

use accord_core::{LocalUser, UserRole, ValidationError};
use accord_store::{Store, StoreError};
use iced::{
    Center, Element, Fill,
    widget::{button, column, pick_list, row, scrollable, text, text_input},
};

use crate::error::{AppError, Phrase};
use crate::gui::{Action, Ctx, Labeled, theme, widgets};
use crate::mail::{Security, SmtpSettings};
use crate::publish::{self, KeyInfo};

/// The users screen's state (with the centre's seal and the mail settings).
#[derive(Debug, Clone, Default)]
pub struct Users {
    /// Everyone who has used this database.
    users: Vec<LocalUser>,
    name: String,
    role: Option<UserRole>,
    error: Option<ValidationError>,
    /// The sealing key in use, once read.
    pub key: Option<KeyInfo>,
    centre_name: String,
    p12_path: String,
    /// Typed for the import only; never stored.
    p12_password: String,
    busy: bool,
    /// What the last key job did, or why it failed.
    key_result: Option<Phrase>,
    smtp_host: String,
    smtp_port: String,
    smtp_security: Option<Labeled<SecurityChoice>>,
    smtp_user: String,
    /// Typed to change the stored (sealed) password; never read back.
    smtp_password: String,
    smtp_from: String,
    hide_names: bool,
    /// Days a reminder comes before a due date, as typed.
    reminder_days: String,
    /// What the last mail-settings job did, or why it failed.
    mail_result: Option<Phrase>,
}

/// The SMTP security choice for the pick list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecurityChoice {
    StartTls,
    Tls,
    None,
}

impl SecurityChoice {
    const ALL: [Self; 3] = [Self::StartTls, Self::Tls, Self::None];

    fn key(self) -> &'static str {
        match self {
            Self::StartTls => "smtp-security-starttls",
            Self::Tls => "smtp-security-tls",
            Self::None => "smtp-security-none",
        }
    }

    fn to_mail(self) -> Security {
        match self {
            Self::StartTls => Security::StartTls,
            Self::Tls => Security::Tls,
            Self::None => Security::None,
        }
    }

    fn from_mail(s: Security) -> Self {
        match s {
            Security::StartTls => Self::StartTls,
            Security::Tls => Self::Tls,
            Security::None => Self::None,
        }
    }
}

/// The mail settings as stored, the notification option, the reminder
/// days, and what the last job did.
pub type MailState = (Option<SmtpSettings>, bool, u32, Option<Phrase>);

/// What the mail section asks for.
#[derive(Debug, Clone)]
enum MailJob {
    Load,
    Save(SmtpSettings, Option<String>),
    HideNames(bool),
    ReminderDays(u32),
}

/// What the seal section asks for.
#[derive(Debug, Clone)]
pub enum KeyJob {
    Load,
    /// Create a key now if there is none (at set-up).
    Ensure,
    Create(String),
    Import {
        path: std::path::PathBuf,
        password: String,
    },
}

/// What the user does on the users screen, and the answers of its jobs.
#[derive(Debug, Clone)]
pub enum Message {
    /// The new user's name changed.
    NameChanged(String),
    /// The new user's role was picked.
    RolePicked(Labeled<UserRole>),
    /// "Add user" was pressed.
    Add,
    /// "Use this user" was pressed.
    Use(LocalUser),
    /// The centre's name for a new seal changed.
    CentreName(String),
    /// "Create a seal" was pressed.
    CreateKey,
    /// The path of a PKCS#12 file to import changed.
    P12Path(String),
    /// The password of that file changed.
    P12Password(String),
    /// "Import" was pressed.
    ImportKey,
    /// The SMTP server's host name changed.
    SmtpHost(String),
    /// The SMTP port changed.
    SmtpPort(String),
    /// The SMTP security was picked.
    SmtpSecurity(Labeled<SecurityChoice>),
    /// The SMTP user name changed.
    SmtpUser(String),
    /// The SMTP password changed (kept only until saved).
    SmtpPassword(String),
    /// The sender address changed.
    SmtpFrom(String),
    /// "Save" in the mail section was pressed.
    SaveSmtp,
    /// "Keep names out of notifications" was toggled.
    HideNames(bool),
    /// The reminder days changed.
    ReminderDays(String),
    /// "Save" next to the reminder days was pressed.
    SaveReminderDays,
    /// The users as stored.
    UsersLoaded(Result<Vec<LocalUser>, StoreError>),
    /// A user was added or picked and is now current; or why not.
    UserReady(Result<LocalUser, StoreError>),
    /// The sealing key after a key job, and what the job did; or why it
    /// failed.
    KeyDone(Result<(Option<KeyInfo>, Option<Phrase>), AppError>),
    /// The mail settings after a mail job; or why it failed.
    MailDone(Result<MailState, AppError>),
}

impl Users {
    /// The screen, with the jobs that fill it: the users, the seal and the
    /// mail settings.
    pub fn open(ctx: &Ctx<'_>) -> (Self, Action<Message>) {
        let actor = ctx.actor();
        let load = Action::Run(vec![
            crate::gui::Job::new(|store| async move { Message::UsersLoaded(store.users().await) }),
            key_job(&actor, ctx.locale(), KeyJob::Load),
            mail_job(MailJob::Load),
        ]);
        (Self::default(), load)
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action<Message> {
        match message {
            Message::NameChanged(name) => {
                self.name = name;
                self.error = None;
            }
            Message::RolePicked(role) => self.role = Some(role.value),
            Message::Add => match LocalUser::validate_name(&self.name) {
                Ok(name) => {
                    self.name.clear();
                    let by = ctx.actor();
                    let role = self.role.unwrap_or(UserRole::Mediator);
                    return Action::run(move |store| async move {
                        Message::UserReady(create_user(&store, Some(&by), &name, role).await)
                    });
                }
                Err(e) => self.error = Some(e),
            },
            Message::Use(user) => {
                return Action::run(move |store| async move {
                    Message::UserReady(store.set_current_user(user.id).await.map(|()| user))
                });
            }
            Message::UsersLoaded(Ok(users)) => self.users = users,
            Message::UserReady(Ok(user)) => {
                if !self.users.iter().any(|u| u.id == user.id) {
                    self.users.push(user.clone());
                }
                return Action::UserChanged(user);
            }
            Message::UsersLoaded(Err(e)) | Message::UserReady(Err(e)) => {
                return Action::Notice(e.into());
            }
            Message::CentreName(s) => self.centre_name = s,
            Message::P12Path(s) => self.p12_path = s,
            Message::P12Password(s) => self.p12_password = s,
            Message::CreateKey => {
                self.busy = true;
                let job = KeyJob::Create(self.centre_name.trim().to_owned());
                return Action::Run(vec![key_job(&ctx.actor(), ctx.locale(), job)]);
            }
            Message::SmtpHost(s) => self.smtp_host = s,
            Message::SmtpPort(s) => self.smtp_port = s,
            Message::SmtpSecurity(c) => self.smtp_security = Some(c),
            Message::SmtpUser(s) => self.smtp_user = s,
            Message::SmtpPassword(s) => self.smtp_password = s,
            Message::SmtpFrom(s) => self.smtp_from = s,
            Message::ReminderDays(s) => self.reminder_days = s,
            Message::SaveReminderDays => match self.reminder_days.trim().parse::<u32>() {
                Ok(days) if days <= 60 => {
                    return Action::Run(vec![mail_job(MailJob::ReminderDays(days))]);
                }
                _ => self.mail_result = Some(Phrase::error("error-reminder-days")),
            },
            Message::HideNames(on) => {
                self.hide_names = on;
                return Action::Run(vec![mail_job(MailJob::HideNames(on))]);
            }
            Message::SaveSmtp => {
                let Ok(port) = self.smtp_port.trim().parse::<u16>() else {
                    self.mail_result = Some(Phrase::error("error-smtp-port"));
                    return Action::None;
                };
                let settings = SmtpSettings {
                    host: self.smtp_host.trim().to_owned(),
                    port,
                    security: self
                        .smtp_security
                        .as_ref()
                        .map(|c| c.value.to_mail())
                        .unwrap_or(Security::StartTls),
                    user: self.smtp_user.trim().to_owned(),
                    from: self.smtp_from.trim().to_owned(),
                };
                let password = std::mem::take(&mut self.smtp_password);
                self.busy = true;
                let job = MailJob::Save(settings, Some(password).filter(|p| !p.is_empty()));
                return Action::Run(vec![mail_job(job)]);
            }
            Message::ImportKey => {
                self.busy = true;
                let password = std::mem::take(&mut self.p12_password);
                let job = KeyJob::Import {
                    path: self.p12_path.trim().into(),
                    password,
                };
                return Action::Run(vec![key_job(&ctx.actor(), ctx.locale(), job)]);
            }
            Message::KeyDone(result) => self.key_done(result),
            Message::MailDone(result) => self.mail_done(result),
        }
        Action::None
    }

    /// The answer of a key job.
    fn key_done(&mut self, result: Result<(Option<KeyInfo>, Option<Phrase>), AppError>) {
        self.busy = false;
        match result {
            Ok((key, notice)) => {
                if let Some(k) = &key
                    && self.centre_name.is_empty()
                {
                    self.centre_name = k.common_name.clone();
                }
                self.key = key;
                self.key_result = notice;
            }
            Err(e) => self.key_result = Some(e.phrase()),
        }
    }

    /// The answer of a mail-settings job.
    fn mail_done(&mut self, result: Result<MailState, AppError>) {
        self.busy = false;
        match result {
            Ok((settings, hide, days, notice)) => {
                self.reminder_days = days.to_string();
                if let Some(s) = settings {
                    self.smtp_host = s.host;
                    self.smtp_port = s.port.to_string();
                    self.smtp_user = s.user;
                    self.smtp_from = s.from;
                    self.smtp_security = Some(Labeled {
                        value: SecurityChoice::from_mail(s.security),
                        label: String::new(),
                    });
                }
                self.hide_names = hide;
                self.mail_result = notice;
            }
            Err(e) => self.mail_result = Some(e.phrase()),
        }
    }

    fn mail_view<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let size = ctx.sizes.body();
        let input = |id: &'static str, value: &'a str, f: fn(String) -> Message| {
            text_input("", value)
                .id(id)
                .size(size)
                .on_input(move |s| f(s))
        };
        let choices: Vec<Labeled<SecurityChoice>> = SecurityChoice::ALL
            .iter()
            .map(|&c| Labeled {
                value: c,
                label: ctx.tr(c.key()),
            })
            .collect();
        let selected = self.smtp_security.as_ref().map(|c| Labeled {
            value: c.value,
            label: ctx.tr(c.value.key()),
        });
        let mut col = column![
            widgets::heading(ctx, ctx.tr("smtp-title")),
            row![
                widgets::field(
                    ctx,
                    ctx.tr("smtp-host"),
                    input("smtp_host", &self.smtp_host, Message::SmtpHost),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("smtp-port"),
                    input("smtp_port", &self.smtp_port, Message::SmtpPort),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("smtp-security"),
                    pick_list(choices, selected, move |c| Message::SmtpSecurity(c)).text_size(size),
                    None
                ),
            ]
            .spacing(theme::GAP),
            row![
                widgets::field(
                    ctx,
                    ctx.tr("smtp-user"),
                    input("smtp_user", &self.smtp_user, Message::SmtpUser),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("smtp-password"),
                    text_input(&ctx.tr("smtp-password-hint"), &self.smtp_password)
                        .id("smtp_password")
                        .secure(true)
                        .size(size)
                        .on_input(move |s| Message::SmtpPassword(s)),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("smtp-from"),
                    text_input(
                        "青山区人民调解委员会 <tiaojie@example.org>",
                        &self.smtp_from
                    )
                    .id("smtp_from")
                    .size(size)
                    .on_input(move |s| Message::SmtpFrom(s)),
                    None
                ),
            ]
            .spacing(theme::GAP),
            row![
                button(text(ctx.tr("smtp-save")).size(size))
                    .style(button::primary)
                    .on_press_maybe(
                        (!self.busy && !self.smtp_host.trim().is_empty())
                            .then_some(Message::SaveSmtp)
                    ),
                text(ctx.tr("reminder-days")).size(size),
                text_input("3", &self.reminder_days)
                    .id("reminder_days")
                    .size(size)
                    .width(60)
                    .on_input(move |s| Message::ReminderDays(s)),
                button(text(ctx.tr("reminder-days-save")).size(size))
                    .style(button::secondary)
                    .on_press(Message::SaveReminderDays),
                iced::widget::checkbox(self.hide_names)
                    .label(ctx.tr("notify-hide-names"))
                    .text_size(size)
                    .on_toggle(move |on| Message::HideNames(on)),
            ]
            .spacing(theme::GAP * 2.0)
            .align_y(Center),
        ]
        .spacing(theme::TIGHT);
        if let Some(result) = &self.mail_result {
            col = col.push(phrase_line(ctx, result));
        }
        widgets::card(col)
    }

    fn seal_view<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let size = ctx.sizes.body();
        let mut col = column![widgets::heading(ctx, ctx.tr("seal-title"))].spacing(theme::TIGHT);
        match &self.key {
            Some(k) => {
                col = col
                    .push(widgets::fact(
                        ctx,
                        ctx.tr("seal-name"),
                        k.common_name.clone(),
                    ))
                    .push(widgets::fact(
                        ctx,
                        ctx.tr("seal-source"),
                        ctx.tr_args(
                            if k.imported {
                                "seal-imported-at"
                            } else {
                                "seal-created-at"
                            },
                            &[("when", ctx.datetime(k.created_at))],
                        ),
                    ))
                    .push(widgets::fact(
                        ctx,
                        ctx.tr("seal-fingerprint"),
                        k.fingerprint.clone(),
                    ));
            }
            None => col = col.push(text(ctx.tr("seal-none")).size(size)),
        }
        col = col.push(
            row![
                widgets::field(
                    ctx,
                    ctx.tr("seal-centre-name"),
                    text_input(&ctx.tr("centre-default-name"), &self.centre_name)
                        .id("seal_centre_name")
                        .size(size)
                        .on_input(move |s| Message::CentreName(s)),
                    None
                ),
                button(text(ctx.tr("seal-create")).size(size))
                    .style(button::secondary)
                    .on_press_maybe(
                        (!self.busy && !self.centre_name.trim().is_empty())
                            .then_some(Message::CreateKey)
                    ),
            ]
            .spacing(theme::GAP)
            .align_y(iced::Bottom),
        );
        col = col.push(
            row![
                widgets::field(
                    ctx,
                    ctx.tr("seal-p12-path"),
                    text_input("/home/…/centre.p12", &self.p12_path)
                        .id("seal_p12_path")
                        .size(size)
                        .on_input(move |s| Message::P12Path(s)),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("seal-p12-password"),
                    text_input("", &self.p12_password)
                        .id("seal_p12_password")
                        .secure(true)
                        .size(size)
                        .on_input(move |s| Message::P12Password(s)),
                    None
                ),
                button(text(ctx.tr("seal-import")).size(size))
                    .style(button::secondary)
                    .on_press_maybe(
                        (!self.busy && !self.p12_path.trim().is_empty())
                            .then_some(Message::ImportKey)
                    ),
            ]
            .spacing(theme::GAP)
            .align_y(iced::Bottom),
        );
        if let Some(result) = &self.key_result {
            col = col.push(phrase_line(ctx, result));
        }
        widgets::card(col)
    }

    pub fn view<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let size = ctx.sizes.body();
        let mut list = column![].spacing(theme::TIGHT);
        for user in &self.users {
            let is_current = ctx.user.is_some_and(|c| c.id == user.id);
            let action: Element<'a, Message> = if is_current {
                text(ctx.tr("users-active"))
                    .size(ctx.sizes.small())
                    .style(theme::muted_text)
                    .into()
            } else {
                button(text(ctx.tr("users-use")).size(ctx.sizes.small()))
                    .style(button::secondary)
                    .on_press(Message::Use(user.clone()))
                    .into()
            };
            list = list.push(
                row![
                    text(user.name.as_str()).size(size).width(240),
                    text(ctx.label(user.role)).size(size).width(160),
                    action
                ]
                .spacing(theme::GAP)
                .align_y(Center),
            );
        }
        let name = text_input(&ctx.tr("users-name"), &self.name)
            .on_input(move |s| Message::NameChanged(s))
            .on_submit(Message::Add)
            .size(size)
            .padding(6);
        let role = pick_list(
            ctx.options::<UserRole>(),
            Some(ctx.labeled(self.role.unwrap_or(UserRole::Mediator))),
            move |r| Message::RolePicked(r),
        )
        .text_size(size)
        .width(Fill);
        let add = column![
            widgets::heading(ctx, ctx.tr("users-add")),
            row![
                widgets::field(
                    ctx,
                    ctx.tr("users-name"),
                    name,
                    self.error.as_ref().map(|e| ctx.error(e))
                ),
                widgets::field(ctx, ctx.tr("users-role"), role, None),
            ]
            .spacing(theme::GAP),
            button(text(ctx.tr("users-add")).size(size))
                .style(button::primary)
                .on_press(Message::Add),
        ]
        .spacing(theme::TIGHT);
        scrollable(
            column![
                text(ctx.tr("users-title")).size(ctx.sizes.heading()),
                widgets::card(list),
                widgets::card(add),
                self.seal_view(ctx),
                self.mail_view(ctx),
            ]
            .spacing(theme::GAP)
            .max_width(theme::MAX_PAGE_WIDTH),
        )
        .height(Fill)
        .into()
    }
}

/// A job's notice, or its error in red.
fn phrase_line<'a>(ctx: Ctx<'a>, phrase: &Phrase) -> Element<'a, Message> {
    let line = text(ctx.phrase(phrase)).size(ctx.sizes.body());
    if phrase.error {
        line.style(theme::error_text).into()
    } else {
        line.into()
    }
}

/// Adds a local user and makes them current.
pub async fn create_user(
    store: &Store,
    by: Option<&accord_store::Actor>,
    name: &str,
    role: UserRole,
) -> Result<LocalUser, StoreError> {
    let user = store.create_user(by, name, role).await?;
    store.set_current_user(user.id).await?;
    Ok(user)
}

/// A seal job, then the key as it now stands.
pub fn key_job(
    actor: &accord_store::Actor,
    locale: accord_i18n::Locale,
    job: KeyJob,
) -> crate::gui::Job<Message> {
    let actor = actor.clone();
    crate::gui::Job::new(move |store| async move {
        Message::KeyDone(run_key_job(&store, &actor, locale, job).await)
    })
}

async fn run_key_job(
    store: &Store,
    actor: &accord_store::Actor,
    locale: accord_i18n::Locale,
    job: KeyJob,
) -> Result<(Option<KeyInfo>, Option<Phrase>), AppError> {
    let notice = match job {
        KeyJob::Load => None,
        KeyJob::Ensure => {
            let t = accord_i18n::Translations::get(locale);
            publish::centre_key(store, actor, t).await?;
            None
        }
        KeyJob::Create(name) => {
            let key = publish::create_key(store, actor, &name).await?;
            Some(Phrase::new("seal-created").arg("name", key.common_name))
        }
        KeyJob::Import { path, password } => {
            let key = publish::import_key(store, actor, &path, &password).await?;
            Some(Phrase::new("seal-imported").arg("name", key.common_name))
        }
    };
    Ok((publish::key_info(store).await?, notice))
}

fn mail_job(job: MailJob) -> crate::gui::Job<Message> {
    crate::gui::Job::new(
        move |store| async move { Message::MailDone(run_mail_job(&store, job).await) },
    )
}

async fn run_mail_job(store: &Store, job: MailJob) -> Result<MailState, AppError> {
    use crate::notify::SETTING_HIDE_NAMES;
    let notice = match job {
        MailJob::Load => None,
        MailJob::ReminderDays(days) => {
            store
                .set_setting(accord_store::REMINDER_DAYS, &days.to_string())
                .await?;
            Some(Phrase::new("reminder-days-saved").arg("days", days.to_string()))
        }
        MailJob::HideNames(on) => {
            store
                .set_local_setting(SETTING_HIDE_NAMES, if on { "true" } else { "false" })
                .await?;
            None
        }
        MailJob::Save(settings, password) => {
            crate::mail::save_settings(store, &settings, password.as_deref()).await?;
            Some(Phrase::new("smtp-saved"))
        }
    };
    let settings = crate::mail::load_settings(store).await?;
    let hide = store
        .local_setting(SETTING_HIDE_NAMES)
        .await?
        .is_some_and(|v| v == "true");
    let days = store
        .setting(accord_store::REMINDER_DAYS)
        .await?
        .and_then(|d| d.trim().parse().ok())
        .unwrap_or(accord_core::followup::ScheduleSettings::default().reminder_days);
    Ok((settings, hide, days, notice))
}
