//! Local users: who is at the keyboard, and adding a colleague. The same
//! screen holds the centre's seal (`seal`) and the mail settings (`mail`);
//! this module has the screen's state, its [`Message`], `update` and the
//! page around the three sections.

mod accounts;
mod backups;
mod mail;
mod seal;

use accord_core::{LocalUser, UserRole};
use accord_store::{Store, StoreError};
use iced::{
    Center, Element, Fill,
    widget::{button, column, pick_list, row, text, text_input},
};

use super::new_user::{AccountField, NewUser};
use crate::error::{AppError, Phrase};
use crate::gui::{Action, Ctx, Labeled, theme, widgets};
use crate::publish::KeyInfo;

use mail::{MailJob, mail_job};
pub use mail::{MailState, SecurityChoice};
pub use seal::{KeyJob, key_job};

/// The users screen's state (with the centre's seal and the mail settings).
#[derive(Debug, Clone, Default)]
pub struct Users {
    /// Everyone who has used this database.
    users: Vec<LocalUser>,
    /// The colleague being added, as typed.
    form: NewUser,
    /// The sealing key in use, once read.
    pub key: Option<KeyInfo>,
    /// The centre's name for a new seal.
    centre_name: String,
    /// The court the judicial-confirmation notice names, as typed.
    court: String,
    /// The format of agreement numbers, as typed.
    number_format: String,
    /// What saving those did, or why it failed.
    details_result: Option<Phrase>,
    /// The PKCS#12 file to import.
    p12_path: String,
    /// Typed for the import only; never stored.
    p12_password: String,
    /// A seal or mail job is running (its buttons wait).
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
    /// A new password being set for someone (accounts only).
    reset: accounts::Reset,
    /// The backups section (administrators).
    backups: backups::Backups,
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
    /// The new account's login name or a password field changed.
    Account(AccountField, String),
    /// The account was made, or why not.
    AccountAdded(Result<LocalUser, StoreError>),
    /// "Set password" for this user was pressed.
    ResetFor(LocalUser),
    /// The new password changed.
    ResetPassword(String),
    /// The new password, again, changed.
    ResetAgain(String),
    /// "Save password" was pressed.
    SaveReset,
    /// The password was set (for whom), or why not.
    ResetDone(Result<LocalUser, AppError>),
    /// "Use this user" was pressed.
    Use(LocalUser),
    /// The centre's name for a new seal changed.
    CentreName(String),
    /// "Create a seal" was pressed.
    CreateKey,
    /// The court named in the judicial-confirmation notice changed.
    Court(String),
    /// The format of agreement numbers changed.
    NumberFormat(String),
    /// "Save" next to them was pressed.
    SaveDetails,
    /// The court and number format as stored, after loading or saving
    /// them (and what saving did); or why it failed.
    DetailsDone(Result<(String, String, Option<Phrase>), AppError>),
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
    /// The backups folder and its backups, or why they could not be read.
    BackupsLoaded(Result<(std::path::PathBuf, Vec<accord_store::BackupEntry>), AppError>),
    /// "Back up now" was pressed.
    BackUpNow,
    /// The backup was written (where), or why not.
    BackedUp(Result<std::path::PathBuf, AppError>),
    /// "Restore…" on a backup (ask first), or "Cancel" (`None`).
    AskRestore(Option<std::path::PathBuf>),
    /// "Replace the database with this backup" was pressed: the app
    /// closes the database and restores it (see `gui::restore_backup`).
    ConfirmRestore(std::path::PathBuf),
}

impl Users {
    /// Whether leaving would lose something typed: a colleague being
    /// added, or a mail password not yet saved.
    pub fn unsaved(&self) -> bool {
        self.form.typed() || !self.smtp_password.is_empty()
    }

    /// The screen, with the jobs that fill it: the users, the seal and the
    /// mail settings.
    pub fn open(ctx: &Ctx<'_>) -> (Self, Action<Message>) {
        let actor = ctx.actor();
        let load = Action::Run(vec![
            crate::gui::Job::new(|store| async move { Message::UsersLoaded(store.users().await) }),
            key_job(&actor, ctx.locale(), KeyJob::Load),
            seal::details_job(&actor, None),
            mail_job(MailJob::Load),
            backups::load_job(),
        ]);
        (Self::default(), load)
    }

    /// A message of the screen: fields change here, the seal's and the
    /// mail settings' jobs start in `seal` and `mail`.
    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action<Message> {
        match message {
            Message::NameChanged(name) => self.form.name_changed(name),
            Message::RolePicked(role) => self.form.role_picked(role),
            Message::Add => {
                if !administrator(ctx) {
                    return Action::None;
                }
                if accounts::with_accounts(ctx) {
                    return self.add_account(ctx);
                }
                if let Some((name, role)) = self.form.submit() {
                    self.form.clear();
                    let by = ctx.actor();
                    return Action::run(move |store| async move {
                        Message::UserReady(create_user(&store, Some(&by), &name, role).await)
                    });
                }
            }
            Message::Account(field, value) => self.form.account_changed(field, value),
            Message::AccountAdded(result) => return self.account_added(result),
            Message::ResetFor(user) => {
                self.reset = accounts::Reset {
                    user: Some(user),
                    ..Default::default()
                };
            }
            Message::ResetPassword(s) => self.reset.password = s,
            Message::ResetAgain(s) => self.reset.again = s,
            Message::SaveReset => return self.save_reset(ctx),
            Message::ResetDone(result) => self.reset_done(result),
            // With accounts, switching user is the login.
            Message::Use(_) if accounts::with_accounts(ctx) => {}
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
            Message::Court(s) => self.court = s,
            Message::NumberFormat(s) => self.number_format = s,
            Message::SaveDetails => {
                self.busy = true;
                let details = (self.court.clone(), self.number_format.clone());
                return Action::Run(vec![seal::details_job(&ctx.actor(), Some(details))]);
            }
            Message::DetailsDone(result) => self.details_done(result),
            Message::P12Path(s) => self.p12_path = s,
            Message::P12Password(s) => self.p12_password = s,
            Message::CreateKey => return self.create_key(ctx),
            Message::ImportKey => return self.import_key(ctx),
            Message::KeyDone(result) => self.key_done(result),
            Message::SmtpHost(s) => self.smtp_host = s,
            Message::SmtpPort(s) => self.smtp_port = s,
            Message::SmtpSecurity(c) => self.smtp_security = Some(c),
            Message::SmtpUser(s) => self.smtp_user = s,
            Message::SmtpPassword(s) => self.smtp_password = s,
            Message::SmtpFrom(s) => self.smtp_from = s,
            Message::SaveSmtp => return self.save_smtp(ctx),
            Message::HideNames(on) => return self.set_hide_names(on),
            Message::ReminderDays(s) => self.reminder_days = s,
            Message::SaveReminderDays => return self.save_reminder_days(),
            Message::MailDone(result) => self.mail_done(result),
            Message::BackupsLoaded(result) => self.backups_loaded(result),
            Message::BackUpNow if administrator(ctx) => return self.back_up_now(),
            Message::BackUpNow => {}
            Message::BackedUp(result) => return self.backed_up(result),
            Message::AskRestore(path) => self.ask_restore(path),
            // The app takes it (it must close the database first).
            Message::ConfirmRestore(_) => {}
        }
        Action::None
    }

    /// The users, adding one, then the seal and the mail settings.
    pub fn view<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let size = ctx.sizes.body();
        let mut list = column![].spacing(theme::TIGHT);
        for user in &self.users {
            let is_current = ctx.user.is_some_and(|c| c.id == user.id);
            let action: Element<'a, Message> = if accounts::with_accounts(&ctx) {
                // Switching is the login; an administrator sets passwords.
                let mut cell = row![].spacing(theme::GAP).align_y(Center);
                if is_current {
                    cell = cell.push(
                        text(ctx.tr("users-active"))
                            .size(ctx.sizes.small())
                            .style(theme::muted_text),
                    );
                }
                // An administrator for anyone, everyone for themself.
                if administrator(&ctx) || is_current {
                    cell = cell.push(
                        button(text(ctx.tr("users-reset")).size(ctx.sizes.small()))
                            .style(button::secondary)
                            .on_press(Message::ResetFor(user.clone())),
                    );
                }
                cell.into()
            } else if is_current {
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
        let name = text_input(&ctx.tr("users-name"), self.form.name())
            .style(crate::gui::theme::input)
            .id("users_name")
            .on_input(Message::NameChanged)
            .on_submit(Message::Add)
            .size(size)
            .padding(6);
        let role = pick_list(
            ctx.options::<UserRole>(),
            Some(ctx.labeled(self.form.role())),
            Message::RolePicked,
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
                    self.form.error().map(|e| ctx.error(e))
                ),
                widgets::field(ctx, ctx.tr("users-role"), role, None),
            ]
            .spacing(theme::GAP),
        ]
        .spacing(theme::TIGHT);
        let add = if accounts::with_accounts(&ctx) {
            add.push(self.account_fields(ctx))
        } else {
            add
        };
        let add = add.push(
            button(text(ctx.tr("users-add")).size(size))
                .style(button::primary)
                .on_press_maybe(administrator(&ctx).then_some(Message::Add)),
        );
        // The store refuses anyone else; the button says so first.
        let add = if administrator(&ctx) {
            add
        } else {
            add.push(
                text(ctx.tr("users-add-admin-only"))
                    .size(ctx.sizes.small())
                    .style(theme::muted_text),
            )
        };
        widgets::page_scroll(
            column![
                text(ctx.tr("users-title")).size(ctx.sizes.heading()),
                widgets::card(match self.reset_view(ctx) {
                    Some(reset) => column![list, reset].spacing(theme::GAP),
                    None => list,
                }),
                widgets::card(add),
                self.seal_view(ctx),
                self.mail_view(ctx),
            ]
            .extend(self.backups_view(ctx))
            .spacing(theme::GAP)
            .max_width(theme::MAX_PAGE_WIDTH),
        )
        .into()
    }
}

/// Whether the user at the keyboard may manage users, the seal key and
/// the mail settings, as the store decides it (see `accord_store`'s
/// roles): an administrator, or the program when nobody is chosen.
fn administrator(ctx: &Ctx<'_>) -> bool {
    ctx.user.is_none_or(|u| u.role == UserRole::Administrator)
}

/// A job's notice, or its error in red.
pub(super) fn phrase_line<'a>(ctx: Ctx<'a>, phrase: &Phrase) -> Element<'a, Message> {
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
