//! The look of Accord: one palette, a few sizes, and a style function per
//! widget kind. View code uses these and never literal colours or sizes.

use iced::{
    Border, Color, Theme, border,
    theme::Palette,
    widget::{button, checkbox, container, text},
};

/// Calm colours for a room where people are upset: a quiet blue, warm
/// neutrals, a clear red for errors.
pub fn theme() -> Theme {
    Theme::custom(
        "Accord",
        Palette {
            background: Color::from_rgb8(0xF7, 0xF6, 0xF2),
            text: Color::from_rgb8(0x22, 0x26, 0x2E),
            primary: Color::from_rgb8(0x1F, 0x5F, 0xA8),
            success: Color::from_rgb8(0x2E, 0x7D, 0x4F),
            warning: Color::from_rgb8(0xB7, 0x79, 0x1F),
            danger: Color::from_rgb8(0xB3, 0x26, 0x1E),
        },
    )
}

/// Text sizes; the room's larger-text setting scales them all.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    scale: f32,
}

impl Sizes {
    pub fn new(larger: bool) -> Self {
        Self {
            scale: if larger { 1.3 } else { 1.0 },
        }
    }
    pub fn body(self) -> f32 {
        15.0 * self.scale
    }
    pub fn small(self) -> f32 {
        13.0 * self.scale
    }
    pub fn heading(self) -> f32 {
        22.0 * self.scale
    }
    pub fn subheading(self) -> f32 {
        17.0 * self.scale
    }
    pub fn title(self) -> f32 {
        26.0 * self.scale
    }
    /// A checkbox's box: larger with larger text too.
    pub fn check(self) -> f32 {
        16.0 * self.scale
    }
}

/// Spacing between blocks.
pub const GAP: f32 = 12.0;
/// Spacing inside a block.
pub const TIGHT: f32 = 6.0;
/// Padding of the page.
pub const PAGE: f32 = 20.0;
/// Most a reading column grows to.
pub const MAX_PAGE_WIDTH: f32 = 1100.0;

/// The header bar's deep blue and the text on it.
const HEADER: Color = Color::from_rgb(
    0x1B as f32 / 255.0,
    0x3A as f32 / 255.0,
    0x5C as f32 / 255.0,
);
const HEADER_HOVER: Color = Color::from_rgb(
    0x2A as f32 / 255.0,
    0x52 as f32 / 255.0,
    0x7F as f32 / 255.0,
);
const ON_HEADER: Color = Color::WHITE;

/// The header bar across the top.
pub fn header(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(HEADER.into()),
        text_color: Some(ON_HEADER),
        ..container::Style::default()
    }
}

/// Text on the header bar.
pub fn header_text(_theme: &Theme) -> text::Style {
    text::Style {
        color: Some(ON_HEADER),
    }
}

/// The larger-text switch on the header bar.
pub fn header_checkbox(theme: &Theme, status: checkbox::Status) -> checkbox::Style {
    checkbox::Style {
        text_color: Some(ON_HEADER),
        ..checkbox::primary(theme, status)
    }
}

/// A case number that opens the case: looks like a link.
pub fn link(theme: &Theme, status: button::Status) -> button::Style {
    let palette = theme.extended_palette();
    let color = match status {
        button::Status::Hovered | button::Status::Pressed => palette.primary.strong.color,
        _ => palette.primary.base.color,
    };
    button::Style {
        background: None,
        text_color: color,
        ..button::Style::default()
    }
}

/// A white card holding one thing (a party, a form section).
pub fn card(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(Color::WHITE.into()),
        border: Border {
            color: palette.background.strong.color,
            width: 1.0,
            radius: 8.0.into(),
        },
        ..container::Style::default()
    }
}

/// A shortcut written on a button: the button's text colour, dimmed.
pub fn shortcut_text(_theme: &Theme) -> iced::widget::text::Style {
    iced::widget::text::Style {
        color: Some(Color::from_rgba(0.5, 0.5, 0.5, 0.9)),
    }
}

/// A text field: a clear ring when it has the keyboard.
pub fn input(
    theme: &Theme,
    status: iced::widget::text_input::Status,
) -> iced::widget::text_input::Style {
    let mut style = iced::widget::text_input::default(theme, status);
    if let iced::widget::text_input::Status::Focused { .. } = status {
        style.border = Border {
            color: theme.extended_palette().primary.strong.color,
            width: 3.0,
            radius: style.border.radius,
        };
    }
    style
}

/// A several-line text field: the same ring as [`input`].
pub fn editor(
    theme: &Theme,
    status: iced::widget::text_editor::Status,
) -> iced::widget::text_editor::Style {
    let mut style = iced::widget::text_editor::default(theme, status);
    if let iced::widget::text_editor::Status::Focused { .. } = status {
        style.border = Border {
            color: theme.extended_palette().primary.strong.color,
            width: 3.0,
            radius: style.border.radius,
        };
    }
    style
}

/// The dimmed page behind a question that must be answered first.
pub fn backdrop(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Color::from_rgba(0.1, 0.12, 0.16, 0.55).into()),
        ..container::Style::default()
    }
}

/// A calm notice (something was saved).
pub fn notice(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.success.weak.color.into()),
        text_color: Some(palette.success.weak.text),
        border: border::rounded(6),
        ..container::Style::default()
    }
}

/// An alert (the form has errors, the database failed).
pub fn alert(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.danger.weak.color.into()),
        text_color: Some(palette.danger.weak.text),
        border: border::rounded(6),
        ..container::Style::default()
    }
}

/// A warning to heed (a yellow risk flag): amber, whatever the palette.
pub fn caution(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Color::from_rgb8(0xF6, 0xE3, 0xA1).into()),
        text_color: Some(Color::from_rgb8(0x4A, 0x3A, 0x05)),
        border: border::rounded(6),
        ..container::Style::default()
    }
}

/// A status badge in the list.
pub fn badge(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.primary.weak.color.into()),
        text_color: Some(palette.primary.weak.text),
        border: border::rounded(10),
        ..container::Style::default()
    }
}

/// Error text under a field.
pub fn error_text(theme: &Theme) -> text::Style {
    text::danger(theme)
}

/// Labels above fields and secondary facts.
pub fn muted_text(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(
            theme
                .extended_palette()
                .background
                .strong
                .text
                .scale_alpha(0.7),
        ),
    }
}

/// Navigation buttons in the header.
pub fn nav_button(_theme: &Theme, status: button::Status) -> button::Style {
    let base = button::Style {
        background: None,
        text_color: ON_HEADER,
        border: border::rounded(6),
        ..button::Style::default()
    };
    match status {
        button::Status::Hovered | button::Status::Pressed => button::Style {
            background: Some(HEADER_HOVER.into()),
            ..base
        },
        button::Status::Disabled => button::Style {
            text_color: ON_HEADER.scale_alpha(0.5),
            ..base
        },
        button::Status::Active => base,
    }
}

/// The current page's navigation button.
pub fn nav_button_active(theme: &Theme, _status: button::Status) -> button::Style {
    button::Style {
        background: Some(theme.palette().primary.into()),
        text_color: ON_HEADER,
        border: border::rounded(6),
        ..button::Style::default()
    }
}

/// The current stage in the stage bar.
pub fn stage_current(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.primary.base.color.into()),
        text_color: Some(palette.primary.base.text),
        border: border::rounded(16),
        ..container::Style::default()
    }
}

/// The other stages in the stage bar.
pub fn stage_other(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.background.weak.color.into()),
        text_color: Some(palette.background.weak.text),
        border: border::rounded(16),
        ..container::Style::default()
    }
}

/// Lines added in a version comparison.
pub fn added_text(theme: &Theme) -> text::Style {
    text::success(theme)
}
