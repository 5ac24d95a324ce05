//! Small building blocks shared by the screens.

use iced::{
    Element, Fill,
    widget::{column, container, text},
};

use super::{Ctx, Message, theme};

/// A labelled form field with its error (if any) underneath.
pub fn field<'a>(
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
pub fn heading<'a>(ctx: Ctx<'_>, label: String) -> Element<'a, Message> {
    text(label).size(ctx.sizes.subheading()).into()
}

/// A card around some content.
pub fn card<'a>(content: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    container(content)
        .padding(theme::GAP)
        .width(Fill)
        .style(theme::card)
        .into()
}

/// A fact: label and value on one line.
pub fn fact<'a>(ctx: Ctx<'_>, label: String, value: String) -> Element<'a, Message> {
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

/// What the last action did (`alert` false) or why it failed, above a
/// screen's content; nothing when there is nothing to say.
pub fn banners<'a>(
    ctx: Ctx<'_>,
    notice: Option<&str>,
    error: Option<&str>,
) -> Element<'a, Message> {
    let mut col = column![].spacing(super::theme::GAP);
    for (message, style) in [
        (
            notice,
            theme::notice as fn(&iced::Theme) -> container::Style,
        ),
        (error, theme::alert),
    ] {
        if let Some(message) = message {
            col = col.push(
                container(text(message.to_owned()).size(ctx.sizes.body()))
                    .padding(theme::GAP)
                    .width(Fill)
                    .style(style),
            );
        }
    }
    col.into()
}
