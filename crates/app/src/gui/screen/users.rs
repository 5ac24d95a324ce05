//! Local users: who is at the keyboard, and adding a colleague.

use accord_core::{LocalUser, UserRole, ValidationError};
use iced::{
    Center, Element, Fill,
    widget::{button, column, pick_list, row, scrollable, text, text_input},
};

use crate::gui::{Action, Ctx, Labeled, theme, widgets};
use crate::mail::{Security, SmtpSettings};
use crate::publish::KeyInfo;

/// The users screen's state (with the centre's seal).
#[derive(Debug, Clone, Default)]
pub struct Users {
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
    key_result: Option<Result<String, String>>,
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
    mail_result: Option<Result<String, String>>,
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
pub type MailState = (Option<SmtpSettings>, bool, u32, Option<String>);

/// What the mail section asks for.
#[derive(Debug, Clone)]
pub enum MailJob {
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

/// What the user does on the users screen.
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
    CentreName(String),
    CreateKey,
    P12Path(String),
    P12Password(String),
    ImportKey,
    SmtpHost(String),
    SmtpPort(String),
    SmtpSecurity(Labeled<SecurityChoice>),
    SmtpUser(String),
    SmtpPassword(String),
    SmtpFrom(String),
    SaveSmtp,
    HideNames(bool),
    ReminderDays(String),
    SaveReminderDays,
}

impl Users {
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::NameChanged(name) => {
                self.name = name;
                self.error = None;
            }
            Message::RolePicked(role) => self.role = Some(role.value),
            Message::Add => match LocalUser::validate_name(&self.name) {
                Ok(name) => {
                    self.name.clear();
                    return Action::CreateUser {
                        name,
                        role: self.role.unwrap_or(UserRole::Mediator),
                    };
                }
                Err(e) => self.error = Some(e),
            },
            Message::Use(user) => return Action::UseUser(user),
            Message::CentreName(s) => self.centre_name = s,
            Message::P12Path(s) => self.p12_path = s,
            Message::P12Password(s) => self.p12_password = s,
            Message::CreateKey => {
                self.busy = true;
                return Action::CentreKey(KeyJob::Create(self.centre_name.trim().to_owned()));
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
                    return Action::MailSettings(MailJob::ReminderDays(days));
                }
                _ => self.mail_result = Some(Err("days".into())),
            },
            Message::HideNames(on) => {
                self.hide_names = on;
                return Action::MailSettings(MailJob::HideNames(on));
            }
            Message::SaveSmtp => {
                let Ok(port) = self.smtp_port.trim().parse::<u16>() else {
                    self.mail_result = Some(Err(String::new()));
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
                return Action::MailSettings(MailJob::Save(
                    settings,
                    Some(password).filter(|p| !p.is_empty()),
                ));
            }
            Message::ImportKey => {
                self.busy = true;
                let password = std::mem::take(&mut self.p12_password);
                return Action::CentreKey(KeyJob::Import {
                    path: self.p12_path.trim().into(),
                    password,
                });
            }
        }
        Action::None
    }

    /// The answer of a key job.
    pub fn key_done(&mut self, result: Result<(Option<KeyInfo>, Option<String>), String>) {
        self.busy = false;
        match result {
            Ok((key, notice)) => {
                if let Some(k) = &key
                    && self.centre_name.is_empty()
                {
                    self.centre_name = k.common_name.clone();
                }
                self.key = key;
                self.key_result = notice.map(Ok);
            }
            Err(e) => self.key_result = Some(Err(e)),
        }
    }

    /// The answer of a mail-settings job.
    pub fn mail_done(&mut self, result: Result<MailState, String>) {
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
                self.mail_result = notice.map(Ok);
            }
            Err(e) => self.mail_result = Some(Err(e)),
        }
    }

    fn mail_view<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, crate::gui::Message> {
        let m = crate::gui::Message::Users;
        let size = ctx.sizes.body();
        let input = |id: &'static str, value: &'a str, f: fn(String) -> Message| {
            text_input("", value)
                .id(id)
                .size(size)
                .on_input(move |s| m(f(s)))
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
                    pick_list(choices, selected, move |c| m(Message::SmtpSecurity(c)))
                        .text_size(size),
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
                        .on_input(move |s| m(Message::SmtpPassword(s))),
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
                    .on_input(move |s| m(Message::SmtpFrom(s))),
                    None
                ),
            ]
            .spacing(theme::GAP),
            row![
                button(text(ctx.tr("smtp-save")).size(size))
                    .style(button::primary)
                    .on_press_maybe(
                        (!self.busy && !self.smtp_host.trim().is_empty())
                            .then_some(m(Message::SaveSmtp))
                    ),
                text(ctx.tr("reminder-days")).size(size),
                text_input("3", &self.reminder_days)
                    .id("reminder_days")
                    .size(size)
                    .width(60)
                    .on_input(move |s| m(Message::ReminderDays(s))),
                button(text(ctx.tr("reminder-days-save")).size(size))
                    .style(button::secondary)
                    .on_press(m(Message::SaveReminderDays)),
                iced::widget::checkbox(self.hide_names)
                    .label(ctx.tr("notify-hide-names"))
                    .text_size(size)
                    .on_toggle(move |on| m(Message::HideNames(on))),
            ]
            .spacing(theme::GAP * 2.0)
            .align_y(Center),
        ]
        .spacing(theme::TIGHT);
        match &self.mail_result {
            Some(Ok(notice)) => col = col.push(text(notice.clone()).size(size)),
            Some(Err(e)) => {
                // An empty error is a port that is not a number.
                let e = if e.is_empty() {
                    ctx.tr("error-smtp-port")
                } else {
                    e.clone()
                };
                col = col.push(text(e).size(size).style(theme::error_text));
            }
            None => {}
        }
        widgets::card(col)
    }

    fn seal_view<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, crate::gui::Message> {
        let m = crate::gui::Message::Users;
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
                        .on_input(move |s| m(Message::CentreName(s))),
                    None
                ),
                button(text(ctx.tr("seal-create")).size(size))
                    .style(button::secondary)
                    .on_press_maybe(
                        (!self.busy && !self.centre_name.trim().is_empty())
                            .then_some(m(Message::CreateKey))
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
                        .on_input(move |s| m(Message::P12Path(s))),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("seal-p12-password"),
                    text_input("", &self.p12_password)
                        .id("seal_p12_password")
                        .secure(true)
                        .size(size)
                        .on_input(move |s| m(Message::P12Password(s))),
                    None
                ),
                button(text(ctx.tr("seal-import")).size(size))
                    .style(button::secondary)
                    .on_press_maybe(
                        (!self.busy && !self.p12_path.trim().is_empty())
                            .then_some(m(Message::ImportKey))
                    ),
            ]
            .spacing(theme::GAP)
            .align_y(iced::Bottom),
        );
        match &self.key_result {
            Some(Ok(notice)) => col = col.push(text(notice.clone()).size(size)),
            Some(Err(e)) => col = col.push(text(e.clone()).size(size).style(theme::error_text)),
            None => {}
        }
        widgets::card(col)
    }

    pub fn view<'a>(
        &'a self,
        ctx: Ctx<'a>,
        users: &'a [LocalUser],
        current: Option<&'a LocalUser>,
    ) -> Element<'a, crate::gui::Message> {
        let m = crate::gui::Message::Users;
        let size = ctx.sizes.body();
        let mut list = column![].spacing(theme::TIGHT);
        for user in users {
            let is_current = current.is_some_and(|c| c.id == user.id);
            let action: Element<'a, crate::gui::Message> = if is_current {
                text(ctx.tr("users-active"))
                    .size(ctx.sizes.small())
                    .style(theme::muted_text)
                    .into()
            } else {
                button(text(ctx.tr("users-use")).size(ctx.sizes.small()))
                    .style(button::secondary)
                    .on_press(m(Message::Use(user.clone())))
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
            .on_input(move |s| m(Message::NameChanged(s)))
            .on_submit(m(Message::Add))
            .size(size)
            .padding(6);
        let role = pick_list(
            ctx.options::<UserRole>(),
            Some(ctx.labeled(self.role.unwrap_or(UserRole::Mediator))),
            move |r| m(Message::RolePicked(r)),
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
                .on_press(m(Message::Add)),
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
