//! Accounts on the users screen (a database with accounts): an
//! administrator adds a colleague with a login name and a first password,
//! and sets a new password for someone who forgot theirs (nobody can read
//! one). Switching to another user is the login, never a button here.

use accord_core::LocalUser;
use iced::{
    Element,
    widget::{button, column, row, text, text_input},
};

use super::{Message, Users};
use crate::error::{AppError, Phrase};
use crate::gui::{Action, Ctx, screen::new_user::AccountField, theme, widgets};

/// A new password being set for someone.
#[derive(Debug, Clone, Default)]
pub struct Reset {
    pub user: Option<LocalUser>,
    pub password: String,
    pub again: String,
    pub result: Option<Phrase>,
}

/// Whether this database has accounts (the user at the keyboard logged in
/// with a password).
pub fn with_accounts(ctx: &Ctx<'_>) -> bool {
    ctx.user.is_some_and(|u| u.has_password)
}

impl Users {
    /// "Add user" with accounts: the colleague's account, made by the
    /// administrator at the keyboard (who stays logged in).
    pub(super) fn add_account(&mut self, ctx: &Ctx<'_>) -> Action<Message> {
        let role = self.form.role();
        let Some(account) = self.form.submit_account(role) else {
            return Action::None;
        };
        let by = ctx.actor();
        Action::run(move |store| async move {
            Message::AccountAdded(store.create_account(Some(&by), &account).await)
        })
    }

    /// The answer of [`Users::add_account`].
    pub(super) fn account_added(
        &mut self,
        result: Result<LocalUser, accord_store::StoreError>,
    ) -> Action<Message> {
        match result {
            Ok(user) => {
                self.form.clear();
                let notice = Phrase::new("users-account-added")
                    .arg("name", user.name.clone())
                    .arg("login", user.login.clone());
                self.users.push(user);
                Action::Notice(notice)
            }
            Err(e) => Action::Notice(e.into()),
        }
    }

    /// "Save password" for the user picked: typed twice alike.
    pub(super) fn save_reset(&mut self, ctx: &Ctx<'_>) -> Action<Message> {
        let Some(user) = self.reset.user.clone() else {
            return Action::None;
        };
        if self.reset.password != self.reset.again {
            self.reset.result = Some(Phrase::error("error-password-again"));
            return Action::None;
        }
        let by = ctx.actor();
        let password = std::mem::take(&mut self.reset.password);
        self.reset.again.clear();
        Action::run(move |store| async move {
            Message::ResetDone(
                store
                    .set_password(&by, user.id, &password)
                    .await
                    .map(|()| user)
                    .map_err(AppError::from),
            )
        })
    }

    pub(super) fn reset_done(&mut self, result: Result<LocalUser, AppError>) {
        self.reset.result = Some(match result {
            Ok(user) => {
                self.reset.user = None;
                Phrase::new("users-password-set").arg("name", user.name)
            }
            Err(e) => e.phrase(),
        });
    }

    /// The login name and password fields of "Add user".
    pub(super) fn account_fields<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let size = ctx.sizes.body();
        let field = |id: &'static str, value: &'a str, which: AccountField, secure: bool| {
            text_input("", value)
                .style(crate::gui::theme::input)
                .id(id)
                .secure(secure)
                .on_input(move |v| Message::Account(which, v))
                .size(size)
                .padding(6)
        };
        let error = self
            .form
            .account_error()
            .map(|(key, args)| ctx.tr_args(key, args));
        row![
            widgets::field(
                ctx,
                ctx.tr("first-run-login"),
                field("users_login", self.form.login(), AccountField::Login, false),
                None
            ),
            widgets::field(
                ctx,
                ctx.tr("first-run-password"),
                field(
                    "users_password",
                    self.form.password(),
                    AccountField::Password,
                    true
                ),
                None
            ),
            widgets::field(
                ctx,
                ctx.tr("first-run-again"),
                field("users_again", self.form.again(), AccountField::Again, true),
                error
            ),
        ]
        .spacing(theme::GAP)
        .into()
    }

    /// "Set a new password" for the user picked in the list.
    pub(super) fn reset_view<'a>(&'a self, ctx: Ctx<'a>) -> Option<Element<'a, Message>> {
        let size = ctx.sizes.body();
        let mut section = column![].spacing(theme::TIGHT);
        if let Some(user) = &self.reset.user {
            section = section.push(widgets::heading(
                ctx,
                ctx.tr_args("users-reset-title", &[("name", user.name.clone())]),
            ));
            section = section.push(
                row![
                    text_input(&ctx.tr("first-run-password"), &self.reset.password)
                        .style(crate::gui::theme::input)
                        .id("reset_password")
                        .secure(true)
                        .on_input(Message::ResetPassword)
                        .size(size)
                        .padding(6),
                    text_input(&ctx.tr("first-run-again"), &self.reset.again)
                        .style(crate::gui::theme::input)
                        .id("reset_again")
                        .secure(true)
                        .on_input(Message::ResetAgain)
                        .on_submit(Message::SaveReset)
                        .size(size)
                        .padding(6),
                    button(text(ctx.tr("users-reset-save")).size(size))
                        .style(button::primary)
                        .on_press(Message::SaveReset),
                ]
                .spacing(theme::GAP),
            );
        }
        if let Some(result) = &self.reset.result {
            section = section.push(super::phrase_line(ctx, result));
        }
        (self.reset.user.is_some() || self.reset.result.is_some()).then(|| section.into())
    }
}
