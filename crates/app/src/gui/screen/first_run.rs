//! First run: who is at the keyboard, then an offer to load the example.

use accord_core::{LocalUser, UserRole, ValidationError};
use iced::{
    Center, Element, Fill,
    widget::{button, column, container, pick_list, row, text, text_input},
};

use crate::gui::{Action, Ctx, Labeled, effect::Effect, theme, widgets};

/// The first-run form.
#[derive(Debug, Clone, Default)]
pub struct FirstRun {
    name: String,
    role: Option<UserRole>,
    error: Option<ValidationError>,
    busy: bool,
}

/// What the user does on the first-run screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// The name field changed.
    NameChanged(String),
    /// A role was picked.
    RolePicked(Labeled<UserRole>),
    /// "Start" was pressed.
    Start,
}

impl FirstRun {
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::NameChanged(name) => {
                self.name = name;
                self.error = None;
            }
            Message::RolePicked(role) => self.role = Some(role.value),
            Message::Start => match LocalUser::validate_name(&self.name) {
                Ok(name) => {
                    self.busy = true;
                    return Action::Run(Effect::CreateUser {
                        by: None,
                        name,
                        role: self.role.unwrap_or(UserRole::Mediator),
                    });
                }
                Err(e) => self.error = Some(e),
            },
        }
        Action::None
    }

    /// The save failed: let the user try again.
    pub fn failed(&mut self) {
        self.busy = false;
    }

    pub fn view<'a>(&'a self, ctx: Ctx<'_>) -> Element<'a, crate::gui::Message> {
        let m = crate::gui::Message::FirstRun;
        let name = text_input(&ctx.tr("first-run-name"), &self.name)
            .id("first_run_name")
            .on_input(move |s| m(Message::NameChanged(s)))
            .on_submit(m(Message::Start))
            .size(ctx.sizes.body())
            .padding(8);
        let role = pick_list(
            ctx.options::<UserRole>(),
            Some(ctx.labeled(self.role.unwrap_or(UserRole::Mediator))),
            move |r| m(Message::RolePicked(r)),
        )
        .text_size(ctx.sizes.body())
        .width(Fill);
        let start = button(text(ctx.tr("first-run-start")).size(ctx.sizes.body()))
            .padding([8, 20])
            .style(button::primary)
            .on_press_maybe((!self.busy).then_some(m(Message::Start)));
        let form = column![
            text(ctx.tr("first-run-title")).size(ctx.sizes.title()),
            text(ctx.tr("first-run-intro")).size(ctx.sizes.body()),
            widgets::field(
                ctx,
                ctx.tr("first-run-name"),
                name,
                self.error.as_ref().map(|e| ctx.error(e))
            ),
            widgets::field(ctx, ctx.tr("first-run-role"), role, None),
            row![start].align_y(Center),
        ]
        .spacing(theme::GAP)
        .max_width(520);
        container(container(widgets::card(form)).max_width(560))
            .center_x(Fill)
            .padding(40)
            .into()
    }
}

/// The offer to load the example case into an empty database.
pub fn offer_example<'a>(ctx: Ctx<'_>, busy: bool) -> Element<'a, crate::gui::Message> {
    use crate::gui::Message as M;
    let load = button(text(ctx.tr("first-run-load-example")).size(ctx.sizes.body()))
        .padding([8, 20])
        .style(button::primary)
        .on_press_maybe((!busy).then_some(M::LoadExample));
    let skip = button(text(ctx.tr("first-run-skip-example")).size(ctx.sizes.body()))
        .padding([8, 20])
        .style(button::secondary)
        .on_press_maybe((!busy).then_some(M::SkipExample));
    let content = column![
        text(ctx.tr("first-run-example-title")).size(ctx.sizes.title()),
        text(ctx.tr("first-run-example-intro")).size(ctx.sizes.body()),
        row![load, skip].spacing(theme::GAP),
    ]
    .spacing(theme::GAP)
    .max_width(520);
    container(container(widgets::card(content)).max_width(560))
        .center_x(Fill)
        .padding(40)
        .into()
}
