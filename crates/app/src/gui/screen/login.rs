//! The gate in front of the app on a database with accounts: the login
//! (the users who can log in, and a password) at start and to switch user,
//! and the lock after an idle time or on request. The lock shows no case,
//! no name and nothing typed; the screens behind it keep their state, so
//! nothing typed is lost while it is locked.

use accord_core::LocalUser;
use iced::{
    Center, Element, Fill,
    widget::{button, column, container, row, text, text_input},
};

use crate::error::{AppError, Phrase};
use crate::gui::{Action, Ctx, theme, widgets};

/// Which gate is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Pick who you are, give your password.
    Login,
    /// The current user's password unlocks; nobody is named.
    Locked,
}

/// The gate's state.
#[derive(Debug, Clone)]
pub struct Gate {
    pub kind: Kind,
    /// Who can log in (users with a password), in the order added.
    users: Vec<LocalUser>,
    /// Who is picked (login), or who is locked out (the lock).
    picked: Option<i64>,
    password: String,
    busy: bool,
    error: Option<Phrase>,
    /// An encrypted file not open yet: the password opens the user's key
    /// slot, then the file.
    file: Option<std::path::PathBuf>,
}

/// What the user does at the gate, and the answer of the check.
#[derive(Debug, Clone)]
pub enum Message {
    Pick(i64),
    Password(String),
    Submit,
    /// From the lock: log in as someone else.
    SwitchUser,
    /// The password was right (the user), or why not.
    Checked(Result<LocalUser, AppError>),
    /// The encrypted file is open and read (the app takes it from here),
    /// or why not.
    Opened(Result<Box<crate::gui::Boot>, AppError>),
}

impl Gate {
    /// The login, the only user picked already.
    pub fn login(users: Vec<LocalUser>) -> Self {
        let picked = (users.len() == 1).then(|| users[0].id);
        Self {
            kind: Kind::Login,
            users,
            picked,
            password: String::new(),
            busy: false,
            error: None,
            file: None,
        }
    }

    /// The login to the encrypted file at `file`.
    pub fn for_file(users: Vec<LocalUser>, file: std::path::PathBuf) -> Self {
        Self {
            file: Some(file),
            ..Self::login(users)
        }
    }

    /// The lock in front of `user`'s work.
    pub fn locked(users: Vec<LocalUser>, user: i64) -> Self {
        Self {
            kind: Kind::Locked,
            picked: Some(user),
            ..Self::login(users)
        }
    }

    /// The gate's keys: Up/Down pick the user before or after the one
    /// picked (at the login; the lock is one user's); the password field
    /// takes Enter itself.
    pub fn key(&self, key: &iced::keyboard::Key) -> Option<Message> {
        use iced::keyboard::{Key, key::Named};
        if self.kind != Kind::Login || self.users.is_empty() {
            return None;
        }
        let at = self
            .picked
            .and_then(|id| self.users.iter().position(|u| u.id == id));
        let n = self.users.len();
        let next = match (key.as_ref(), at) {
            (Key::Named(Named::ArrowDown), None) => 0,
            (Key::Named(Named::ArrowDown), Some(i)) => (i + 1) % n,
            (Key::Named(Named::ArrowUp), None) => n - 1,
            (Key::Named(Named::ArrowUp), Some(i)) => (i + n - 1) % n,
            _ => return None,
        };
        Some(Message::Pick(self.users[next].id))
    }

    /// Applies a message. `Some(user)` when the gate opens for them.
    pub fn update(&mut self, message: Message) -> (Action<Message>, Option<LocalUser>) {
        match message {
            Message::Pick(id) => {
                self.picked = Some(id);
                self.error = None;
            }
            Message::Password(p) => self.password = p,
            Message::SwitchUser => {
                let file = self.file.take();
                *self = Self::login(std::mem::take(&mut self.users));
                self.file = file;
            }
            Message::Submit => {
                let Some(id) = self.picked else {
                    self.error = Some(Phrase::error("login-pick-user"));
                    return (Action::None, None);
                };
                if self.busy {
                    return (Action::None, None);
                }
                self.busy = true;
                self.error = None;
                let password = std::mem::take(&mut self.password);
                if let Some(file) = self.file.clone() {
                    return (
                        Action::run_free(move || async move {
                            Message::Opened(
                                crate::gui::Boot::unlock(file, id, password)
                                    .await
                                    .map(Box::new)
                                    .map_err(AppError::from),
                            )
                        }),
                        None,
                    );
                }
                return (
                    Action::run(move |store| async move {
                        Message::Checked(
                            store.log_in_as(id, &password).await.map_err(AppError::from),
                        )
                    }),
                    None,
                );
            }
            Message::Checked(Ok(user)) => {
                self.busy = false;
                return (Action::None, Some(user));
            }
            Message::Checked(Err(e)) | Message::Opened(Err(e)) => {
                self.busy = false;
                self.error = Some(e.phrase());
            }
            // The app takes an opened file before the gate sees it.
            Message::Opened(Ok(_)) => self.busy = false,
        }
        (Action::None, None)
    }

    pub fn view<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let body = ctx.sizes.body();
        let mut page = column![].spacing(theme::GAP).max_width(520);
        match self.kind {
            Kind::Login => {
                page = page.push(text(ctx.tr("login-title")).size(ctx.sizes.title()));
                let mut people = column![].spacing(theme::TIGHT);
                for user in &self.users {
                    let label = ctx.tr_args(
                        "user-current",
                        &[("name", user.name.clone()), ("role", ctx.label(user.role))],
                    );
                    let b = button(text(label).size(body)).width(Fill).padding([8, 14]);
                    people = people.push(if self.picked == Some(user.id) {
                        b.style(theme::nav_button_active)
                    } else {
                        b.style(button::secondary).on_press(Message::Pick(user.id))
                    });
                }
                page = page.push(people);
                let picked = self
                    .picked
                    .and_then(|id| self.users.iter().find(|u| u.id == id))
                    .map(|u| ctx.tr_args("login-picked", &[("name", u.name.clone())]))
                    .unwrap_or_else(|| ctx.tr("login-pick-hint"));
                page = page.push(
                    text(picked)
                        .size(ctx.sizes.small())
                        .style(theme::muted_text),
                );
            }
            Kind::Locked => {
                page = page
                    .push(text(ctx.tr("lock-title")).size(ctx.sizes.title()))
                    .push(text(ctx.tr("lock-body")).size(body));
            }
        }
        let password = text_input(&ctx.tr("login-password"), &self.password)
            .style(crate::gui::theme::input)
            .id("login_password")
            .secure(true)
            .on_input_maybe((!self.busy).then_some(Message::Password))
            .on_submit(Message::Submit)
            .size(body)
            .padding(8);
        page = page.push(password);
        let submit_key = match self.kind {
            Kind::Login => "login-submit",
            Kind::Locked => "lock-unlock",
        };
        let mut actions = row![
            button(text(ctx.tr(submit_key)).size(body))
                .padding([8, 16])
                .style(button::primary)
                .on_press_maybe((!self.busy).then_some(Message::Submit))
        ]
        .spacing(theme::GAP)
        .align_y(Center);
        if self.kind == Kind::Locked {
            actions = actions.push(
                button(text(ctx.tr("lock-switch-user")).size(body))
                    .padding([8, 16])
                    .style(button::secondary)
                    .on_press(Message::SwitchUser),
            );
        }
        page = page.push(actions);
        if let Some(error) = &self.error {
            page = page.push(widgets::banner(ctx, error));
        }
        container(page)
            .center_x(Fill)
            .padding(theme::PAGE)
            .height(Fill)
            .into()
    }
}
