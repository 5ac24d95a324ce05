//! Local users: who is at the keyboard, and adding a colleague.

use accord_core::{LocalUser, UserRole, ValidationError};
use iced::{
    Center, Element, Fill,
    widget::{button, column, pick_list, row, text, text_input},
};

use crate::gui::{Action, Ctx, Labeled, theme, widgets};

/// The users screen's state.
#[derive(Debug, Clone, Default)]
pub struct Users {
    name: String,
    role: Option<UserRole>,
    error: Option<ValidationError>,
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
        }
        Action::None
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
        column![
            text(ctx.tr("users-title")).size(ctx.sizes.heading()),
            widgets::card(list),
            widgets::card(add)
        ]
        .spacing(theme::GAP)
        .max_width(theme::MAX_PAGE_WIDTH)
        .into()
    }
}
