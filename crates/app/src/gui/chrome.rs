//! What surrounds every screen: the header (navigation, the current user,
//! larger text, the language), the notice line, and the screen shown when
//! the database cannot be opened.

use accord_i18n::Locale;
use accord_store::StoreError;
use iced::{
    Center, Element, Fill, Font,
    widget::{button, checkbox, column, container, opaque, pick_list, row, stack, text},
};

use super::{Ctx, FONT_FAMILY, Message, Nav, theme, widgets};

/// The header bar. `current` is the section shown; `ready` whether
/// navigation is possible (a user and a database); `accounts` whether
/// "Lock" and "Switch user" are offered.
pub fn header<'a>(
    ctx: Ctx<'a>,
    current: Option<Nav>,
    ready: bool,
    larger_text: bool,
    accounts: bool,
) -> Element<'a, Message> {
    let size = ctx.sizes.body();
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
    let user = ctx
        .user
        .map(|u| {
            ctx.tr_args(
                "user-current",
                &[("name", u.name.clone()), ("role", ctx.label(u.role))],
            )
        })
        .unwrap_or_default();
    let language = pick_list(Locale::ALL, Some(ctx.locale()), Message::LocalePicked)
        .text_size(ctx.sizes.small());
    let larger = checkbox(larger_text)
        .size(ctx.sizes.check())
        .label(ctx.tr("larger-text"))
        .on_toggle(Message::LargerText)
        .text_size(ctx.sizes.small())
        .style(theme::header_checkbox);
    let mut bar = row![
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
        nav(Nav::Desk, "nav-desk"),
        nav(Nav::Stats, "nav-stats"),
        nav(Nav::Users, "nav-users"),
        iced::widget::space::horizontal(),
        text(user).size(ctx.sizes.small()).style(theme::header_text),
    ]
    .spacing(theme::GAP)
    .align_y(Center);
    if accounts {
        for (key, message) in [
            ("header-switch-user", Message::SwitchUser),
            ("header-lock", Message::Lock),
        ] {
            bar = bar.push(
                button(text(ctx.tr(key)).size(ctx.sizes.small()))
                    .padding([4, 10])
                    .style(theme::nav_button)
                    .on_press(message),
            );
        }
    }
    container(bar.push(larger).push(language))
        .padding([8, 16])
        .width(Fill)
        .style(theme::header)
        .into()
}

/// The page under the header. A notice floats over the bottom of the
/// page (with a button to put it away) so nothing moves under the
/// pointer when it comes or goes; a question (`dialog`) covers the page
/// until it is answered.
pub fn page<'a>(
    ctx: Ctx<'a>,
    notice: Option<&crate::error::Phrase>,
    body: Element<'a, Message>,
    dialog: Option<Element<'a, Message>>,
) -> Element<'a, Message> {
    let page = container(container(body).max_width(theme::MAX_PAGE_WIDTH))
        .center_x(Fill)
        .padding(theme::PAGE)
        .height(Fill);
    let mut layers = stack![page].width(Fill).height(Fill);
    if let Some(notice) = notice {
        let toast = container(
            row![
                container(widgets::banner(ctx, notice)).width(Fill),
                button(text("×").size(ctx.sizes.body()))
                    .style(button::secondary)
                    .on_press(Message::DismissNotice),
            ]
            .spacing(theme::TIGHT)
            .align_y(Center),
        )
        .max_width(theme::MAX_PAGE_WIDTH);
        layers = layers.push(container(toast).center_x(Fill).align_bottom(Fill).padding(
            iced::Padding {
                left: theme::PAGE,
                right: theme::PAGE + 18.0,
                bottom: theme::PAGE,
                top: 0.0,
            },
        ));
    }
    if let Some(dialog) = dialog {
        layers = layers.push(opaque(
            container(container(widgets::card(dialog)).max_width(560))
                .center(Fill)
                .style(theme::backdrop),
        ));
    }
    layers.into()
}

/// The question asked before leaving a screen with unsaved work.
pub fn leave_dialog<'a>(ctx: Ctx<'a>, what: &'static str) -> Element<'a, Message> {
    column![
        text(ctx.tr("leave-title")).size(ctx.sizes.subheading()),
        text(ctx.tr(what)).size(ctx.sizes.body()),
        row![
            button(text(ctx.tr("leave-stay")).size(ctx.sizes.body()))
                .style(button::primary)
                .on_press(Message::Leave(false)),
            button(text(ctx.tr("leave-discard")).size(ctx.sizes.body()))
                .style(button::danger)
                .on_press(Message::Leave(true)),
        ]
        .spacing(theme::GAP),
    ]
    .spacing(theme::GAP)
    .into()
}

/// The database could not be opened: where, why, and "Try again".
pub fn database_error<'a>(
    ctx: Ctx<'a>,
    error: &StoreError,
    url: Option<&str>,
    backup: Option<&accord_store::BackupEntry>,
) -> Element<'a, Message> {
    let (location, detail) = match error {
        StoreError::Open { location, detail } => (location.clone(), detail.clone()),
        StoreError::NotADatabase { location, detail }
        | StoreError::ReadOnly { location, detail } => (location.clone(), detail.clone()),
        StoreError::Missing { location }
        | StoreError::EmptyFile { location }
        | StoreError::Locked { location }
        | StoreError::NewerSchema { location, .. } => (location.clone(), location.clone()),
        other => (url.unwrap_or_default().to_owned(), other.to_string()),
    };
    // What is wrong with the file, in its own words where we know it (not
    // a database, damaged, read-only, from a newer Accord); otherwise the
    // general sentence.
    let body = match error {
        StoreError::NotADatabase { .. }
        | StoreError::ReadOnly { .. }
        | StoreError::Missing { .. }
        | StoreError::EmptyFile { .. }
        | StoreError::Locked { .. }
        | StoreError::NewerSchema { .. } => crate::error::Phrase::from(error).words(ctx.t),
        _ => ctx.tr_args("db-error-body", &[("path", location.clone())]),
    };
    let content = column![
        text(ctx.tr("db-error-title")).size(ctx.sizes.title()),
        text(body).size(ctx.sizes.body()),
        text(ctx.tr("db-error-hint")).size(ctx.sizes.body()),
        text(ctx.tr_args("db-error-detail", &[("detail", detail)]))
            .size(ctx.sizes.small())
            .style(theme::muted_text),
        button(text(ctx.tr("db-error-retry")).size(ctx.sizes.body()))
            .style(button::primary)
            .on_press(Message::Retry),
    ]
    .spacing(theme::GAP);
    // The newest backup beside the file, offered in its place (the damaged
    // file is kept aside, never deleted).
    let content = match backup {
        Some(b) => content.push(
            column![
                text(ctx.tr_args(
                    "db-error-backup",
                    &[
                        ("at", ctx.datetime(b.at)),
                        ("file", b.path.display().to_string()),
                    ]
                ))
                .size(ctx.sizes.body()),
                button(text(ctx.tr("db-error-restore")).size(ctx.sizes.body()))
                    .style(button::secondary)
                    .on_press(Message::RestoreBackup(b.path.clone())),
            ]
            .spacing(theme::TIGHT),
        ),
        None => content,
    };
    widgets::card(content)
}

/// The command palette: a field that narrows the list, and the list of
/// everything the user can do now with its keys; the chosen row stands
/// out (Up/Down move, Enter runs, Escape closes).
pub fn palette<'a>(
    ctx: Ctx<'a>,
    palette: &super::commands::Palette,
    all: Vec<super::commands::Command<Message>>,
) -> Element<'a, Message> {
    use super::commands::{PALETTE_INPUT, PALETTE_ROWS, PaletteMessage, narrowed};
    let shown = narrowed(&all, &palette.query);
    let first = palette
        .selected
        .saturating_sub(PALETTE_ROWS - 1)
        .min(shown.len().saturating_sub(PALETTE_ROWS));
    let mut list = column![].spacing(2);
    if shown.is_empty() {
        list = list.push(
            text(ctx.tr("palette-empty"))
                .size(ctx.sizes.body())
                .style(theme::muted_text),
        );
    }
    for (i, c) in shown.iter().enumerate().skip(first).take(PALETTE_ROWS) {
        let chosen = i == palette.selected;
        list = list.push(
            button(
                row![
                    text(c.label.clone()).size(ctx.sizes.body()).width(Fill),
                    text(c.hint.clone().unwrap_or_default())
                        .size(ctx.sizes.small())
                        .style(theme::muted_text),
                ]
                .spacing(theme::GAP)
                .align_y(Center),
            )
            .width(Fill)
            .padding([4, 8])
            .style(if chosen {
                button::primary
            } else {
                button::text
            })
            .on_press(Message::Palette(PaletteMessage::Run(Some(i)))),
        );
    }
    column![
        text(ctx.tr("palette-title")).size(ctx.sizes.subheading()),
        iced::widget::text_input(&ctx.tr("palette-hint"), &palette.query)
            .id(PALETTE_INPUT)
            .on_input(|q| Message::Palette(PaletteMessage::Query(q)))
            .on_submit(Message::Palette(PaletteMessage::Run(None)))
            .size(ctx.sizes.body())
            .padding(8)
            .style(theme::input),
        list,
        text(ctx.tr_args("palette-count", &[("count", shown.len().to_string())]))
            .size(ctx.sizes.small())
            .style(theme::muted_text),
    ]
    .spacing(theme::TIGHT)
    .into()
}
