//! Small building blocks shared by the screens.

use iced::{
    Center, Element, Fill,
    widget::{Button, button, column, container, row, text},
};

use super::{Ctx, theme};
use crate::error::Phrase;

/// A labelled form field with its error (if any) underneath.
pub fn field<'a, Message: 'a>(
    ctx: Ctx<'_>,
    label: String,
    input: impl Into<Element<'a, Message>>,
    error: Option<String>,
) -> Element<'a, Message> {
    let mut col = column![
        text(label).size(ctx.sizes.small()).style(theme::muted_text),
        input.into()
    ]
    .spacing(theme::TIGHT / 2.0)
    .width(Fill);
    if let Some(error) = error {
        col = col.push(text(error).size(ctx.sizes.small()).style(theme::error_text));
    }
    col.into()
}

/// A section heading.
pub fn heading<'a, Message: 'a>(ctx: Ctx<'_>, label: String) -> Element<'a, Message> {
    text(label).size(ctx.sizes.subheading()).into()
}

/// A card around some content.
pub fn card<'a, Message: 'a>(content: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    container(content)
        .padding(theme::GAP)
        .width(Fill)
        .style(theme::card)
        .into()
}

/// A fact: label and value on one line.
pub fn fact<'a, Message: 'a>(ctx: Ctx<'_>, label: String, value: String) -> Element<'a, Message> {
    iced::widget::row![
        text(label)
            .size(ctx.sizes.small())
            .style(theme::muted_text)
            .width(150),
        text(value).size(ctx.sizes.body()).width(Fill),
    ]
    .spacing(theme::TIGHT)
    .into()
}

/// What the last action did and why the last one failed, above a
/// screen's content (each drawn as an alert when the phrase is an error);
/// nothing when there is nothing to say.
pub fn banners<'a, Message: 'a>(
    ctx: Ctx<'_>,
    notice: Option<&Phrase>,
    error: Option<&Phrase>,
) -> Element<'a, Message> {
    let mut col = column![].spacing(theme::GAP);
    for phrase in [notice, error].into_iter().flatten() {
        col = col.push(banner(ctx, phrase));
    }
    col.into()
}

/// One notice or error line.
pub fn banner<'a, Message: 'a>(ctx: Ctx<'_>, phrase: &Phrase) -> Element<'a, Message> {
    container(text(ctx.phrase(phrase)).size(ctx.sizes.body()))
        .padding(theme::GAP)
        .width(Fill)
        .style(if phrase.error {
            theme::alert
        } else {
            theme::notice
        })
        .into()
}

/// A button with its keyboard shortcut written small after the label
/// ("保存案件  Ctrl+S"): the label stays its own text, so it reads (and
/// is found) as before.
pub fn keyed_button<'a, Message: Clone + 'a>(
    ctx: Ctx<'_>,
    label: String,
    shortcut: super::commands::Shortcut,
) -> Button<'a, Message> {
    button(
        row![
            text(label).size(ctx.sizes.body()),
            text(shortcut.label())
                .size(ctx.sizes.small() * 0.85)
                .style(theme::shortcut_text),
        ]
        .spacing(theme::TIGHT)
        .align_y(Center),
    )
}

/// The id of a screen's scrolling page (scrolled to the top when the
/// screen opens).
pub const PAGE: &str = "page";

/// A screen's page that scrolls: the scrollbar beside the content, never
/// over its right edge (cards, buttons).
pub fn page_scroll<'a, Message: 'a>(
    content: impl Into<Element<'a, Message>>,
) -> iced::widget::Scrollable<'a, Message> {
    use iced::widget::scrollable;
    scrollable(content)
        .id(PAGE)
        .direction(scrollable::Direction::Vertical(
            scrollable::Scrollbar::new().spacing(6),
        ))
        .height(Fill)
}
