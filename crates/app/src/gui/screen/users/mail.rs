//! The mail settings: the SMTP server that sends notifications, whether
//! names stay out of them, how many days a reminder comes early; their
//! jobs and their section of the users screen.

use accord_store::Store;
use iced::{
    Center, Element,
    widget::{button, column, pick_list, row, text, text_input},
};

use super::{Message, Users, phrase_line};
use crate::error::{AppError, Phrase};
use crate::gui::{Action, Ctx, Labeled, theme, widgets};
use crate::mail::{Security, SmtpSettings};

/// The SMTP security choice for the pick list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecurityChoice {
    /// Plain connection upgraded with STARTTLS.
    StartTls,
    /// TLS from the start.
    Tls,
    /// No encryption.
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
pub(super) enum MailJob {
    /// Read the settings.
    Load,
    /// Save the server settings, and the password if one was typed, as
    /// the user at the keyboard.
    Save(accord_store::Actor, SmtpSettings, Option<String>),
    /// Keep names out of notifications, or not.
    HideNames(bool),
    /// Save the days a reminder comes early.
    ReminderDays(u32),
}

impl Users {
    /// "Save" in the mail section: the typed settings (the password only if
    /// one was typed, then forgotten).
    pub(super) fn save_smtp(&mut self, ctx: &Ctx<'_>) -> Action<Message> {
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
        let job = MailJob::Save(
            ctx.actor(),
            settings,
            Some(password).filter(|p| !p.is_empty()),
        );
        Action::Run(vec![mail_job(job)])
    }

    /// "Keep names out of notifications" was toggled: saved at once.
    pub(super) fn set_hide_names(&mut self, on: bool) -> Action<Message> {
        self.hide_names = on;
        Action::Run(vec![mail_job(MailJob::HideNames(on))])
    }

    /// "Save" next to the reminder days: 0 to 60 days.
    pub(super) fn save_reminder_days(&mut self) -> Action<Message> {
        match self.reminder_days.trim().parse::<u32>() {
            Ok(days) if days <= 60 => Action::Run(vec![mail_job(MailJob::ReminderDays(days))]),
            _ => {
                self.mail_result = Some(Phrase::error("error-reminder-days"));
                Action::None
            }
        }
    }

    /// The answer of a mail-settings job.
    pub(super) fn mail_done(&mut self, result: Result<MailState, AppError>) {
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

    /// The mail section: server, sign-in, sender, reminder days and the
    /// notification option.
    pub(super) fn mail_view<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let size = ctx.sizes.body();
        let admin = super::administrator(&ctx);
        let input = |id: &'static str, value: &'a str, f: fn(String) -> Message| {
            text_input("", value)
                .style(crate::gui::theme::input)
                .id(id)
                .size(size)
                .on_input(f)
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
                    pick_list(choices, selected, Message::SmtpSecurity).text_size(size),
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
                        .style(crate::gui::theme::input)
                        .id("smtp_password")
                        .secure(true)
                        .size(size)
                        .on_input(Message::SmtpPassword),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("smtp-from"),
                    text_input(
                        "青山区人民调解委员会 <tiaojie@example.org>",
                        &self.smtp_from
                    )
                    .style(crate::gui::theme::input)
                    .id("smtp_from")
                    .size(size)
                    .on_input(Message::SmtpFrom),
                    None
                ),
            ]
            .spacing(theme::GAP),
            row![
                button(text(ctx.tr("smtp-save")).size(size))
                    .style(button::primary)
                    .on_press_maybe(
                        (!self.busy && admin && !self.smtp_host.trim().is_empty())
                            .then_some(Message::SaveSmtp)
                    ),
                text(ctx.tr("reminder-days")).size(size),
                text_input("3", &self.reminder_days)
                    .style(crate::gui::theme::input)
                    .id("reminder_days")
                    .size(size)
                    .width(60)
                    .on_input(Message::ReminderDays),
                button(text(ctx.tr("reminder-days-save")).size(size))
                    .style(button::secondary)
                    .on_press(Message::SaveReminderDays),
                iced::widget::checkbox(self.hide_names)
                    .label(ctx.tr("notify-hide-names"))
                    .text_size(size)
                    .on_toggle(Message::HideNames),
            ]
            .spacing(theme::GAP * 2.0)
            .align_y(Center),
        ]
        .spacing(theme::TIGHT);
        if !admin {
            // The store refuses anyone else; the button waits and says why.
            col = col.push(
                text(ctx.tr("smtp-admin-only"))
                    .size(ctx.sizes.small())
                    .style(theme::muted_text),
            );
        }
        if let Some(result) = &self.mail_result {
            col = col.push(phrase_line(ctx, result));
        }
        widgets::card(col)
    }
}

/// A mail-settings job, then the settings as they now stand.
pub(super) fn mail_job(job: MailJob) -> crate::gui::Job<Message> {
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
        MailJob::Save(actor, settings, password) => {
            crate::mail::save_settings(store, &actor, &settings, password.as_deref()).await?;
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
