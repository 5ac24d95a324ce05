//! Changes after finalising, under the print tab: the final agreement
//! stays as it was sealed; what the parties change later is recorded as a
//! supplementary agreement, and ending it as the record of a rescission,
//! each a new numbered document. A rescission is asked about first, in
//! words that say what ends with it; going back keeps what was typed.

use accord_core::{
    Choice,
    agreement::{Amendment, AmendmentKind, NewAmendment},
};
use chrono::NaiveDate;
use iced::{
    Element, Fill,
    widget::{button, column, container, row, text, text_editor, text_input},
};

use super::{AgreementScreen, Job, primary, small_button};
use crate::error::{AppError, Phrase};
use crate::gui::{Action, Ctx, theme, widgets};

/// What the user types for a supplementary agreement or rescission.
#[derive(Debug)]
pub(super) struct ChangeForm {
    kind: AmendmentKind,
    text: text_editor::Content,
    /// The day the parties agreed, as typed (YYYY-MM-DD).
    agreed_on: String,
    /// A rescission waits for its confirmation.
    confirming: bool,
}

impl Default for ChangeForm {
    fn default() -> Self {
        Self {
            kind: AmendmentKind::Supplementary,
            text: text_editor::Content::new(),
            agreed_on: chrono::Local::now().date_naive().to_string(),
            confirming: false,
        }
    }
}

/// What the user does in the changes section.
#[derive(Debug, Clone)]
pub enum Message {
    Kind(AmendmentKind),
    Edit(text_editor::Action),
    AgreedOn(String),
    /// Record what is typed (a rescission asks first).
    Record,
    /// Yes, record the rescission.
    Confirm,
    /// Not now: back to the form, nothing lost.
    Cancel,
    /// Save amendment `number` as a PDF beside the database.
    SavePdf(i32),
}

impl ChangeForm {
    /// Whether words were typed that leaving would lose.
    pub(super) fn typed(&self) -> bool {
        !self.text.text().trim().is_empty()
    }

    /// What is typed, checked as the store will check it.
    fn parse(&self) -> Result<NewAmendment, Phrase> {
        let agreed_on = NaiveDate::parse_from_str(self.agreed_on.trim(), "%Y-%m-%d")
            .map_err(|_| Phrase::error("error-date"))?;
        let new = NewAmendment {
            kind: self.kind,
            text: self.text.text().trim().to_owned(),
            agreed_on,
        };
        new.validate(chrono::Local::now().date_naive())
            .map_err(|e| AppError::from(accord_store::StoreError::Invalid(e)).phrase())?;
        Ok(new)
    }
}

pub(super) fn update(
    screen: &mut AgreementScreen,
    message: Message,
    ctx: &Ctx<'_>,
) -> Action<super::Message> {
    let form = &mut screen.change;
    match message {
        Message::Kind(kind) => {
            form.kind = kind;
            form.confirming = false;
        }
        Message::Edit(action) => form.text.perform(action),
        Message::AgreedOn(s) => form.agreed_on = s,
        Message::Cancel => form.confirming = false,
        Message::Record | Message::Confirm => {
            let new = match form.parse() {
                Ok(new) => new,
                Err(phrase) => {
                    screen.error = Some(phrase);
                    return Action::None;
                }
            };
            if new.kind == AmendmentKind::Rescission && !matches!(message, Message::Confirm) {
                form.confirming = true;
                screen.error = None;
                return Action::None;
            }
            form.confirming = false;
            return screen.run(ctx, Job::Amend(Box::new(new)));
        }
        Message::SavePdf(number) => return screen.run(ctx, Job::SaveAmendment(number)),
    }
    Action::None
}

/// The title of an amendment as the list shows it ("补充协议（一）").
fn title(ctx: Ctx<'_>, a: &Amendment) -> String {
    ctx.tr_args(
        match a.kind {
            AmendmentKind::Supplementary => "agreement-change-supplementary-title",
            AmendmentKind::Rescission => "agreement-change-rescission-title",
        },
        &[("number", a.number.to_string())],
    )
}

pub(super) fn view<'a>(screen: &'a AgreementScreen, ctx: Ctx<'a>) -> Element<'a, Message> {
    let body = ctx.sizes.body();
    let small = ctx.sizes.small();
    let format_day = |d: NaiveDate| d.format(&ctx.tr("format-date")).to_string();
    let mut list = column![
        widgets::heading(ctx, ctx.tr("agreement-changes-title")),
        text(ctx.tr("agreement-changes-intro"))
            .size(small)
            .style(theme::muted_text),
    ]
    .spacing(theme::TIGHT);
    for a in &screen.data.amendments {
        let facts = ctx.tr_args(
            "agreement-change-facts",
            &[
                ("agreed", format_day(a.agreed_on)),
                ("by", a.recorded_by.clone()),
                ("at", ctx.datetime(a.recorded_at)),
            ],
        );
        list = list.push(
            column![
                row![
                    text(title(ctx, a)).size(body),
                    small_button(
                        ctx,
                        "agreement-change-save-pdf",
                        Some(Message::SavePdf(a.number))
                    )
                ]
                .spacing(theme::GAP),
                text(facts).size(small).style(theme::muted_text),
                text(a.text.clone()).size(body),
            ]
            .spacing(4),
        );
    }
    let rescinded = screen
        .data
        .amendments
        .iter()
        .find(|a| a.kind == AmendmentKind::Rescission);
    if let Some(r) = rescinded {
        list = list.push(
            text(ctx.tr_args(
                "agreement-changes-rescinded",
                &[("date", format_day(r.agreed_on))],
            ))
            .size(body),
        );
        return widgets::card(list);
    }
    let form = &screen.change;
    // Which document: two buttons, the chosen one lit.
    let kinds = row(AmendmentKind::ALL.iter().map(|&kind| {
        let b = button(text(ctx.label(kind)).size(body)).padding([6, 14]);
        if form.kind == kind {
            b.style(theme::nav_button_active).into()
        } else {
            b.style(button::secondary)
                .on_press_maybe((!form.confirming).then_some(Message::Kind(kind)))
                .into()
        }
    }))
    .spacing(theme::TIGHT);
    let placeholder = match form.kind {
        AmendmentKind::Supplementary => "agreement-change-text-supplementary",
        AmendmentKind::Rescission => "agreement-change-text-rescission",
    };
    let editing = !screen.busy && !form.confirming;
    let mut editor = text_editor(&form.text)
        .style(crate::gui::theme::editor)
        .id("agreement_change_text")
        .placeholder(ctx.tr(placeholder))
        .size(body)
        .height(120)
        .padding(8);
    if editing {
        editor = editor.on_action(Message::Edit);
    }
    let agreed = text_input(&ctx.tr("hint-date-input"), &form.agreed_on)
        .style(crate::gui::theme::input)
        .id("agreement_change_agreed_on")
        .on_input_maybe(editing.then_some(Message::AgreedOn))
        .size(body)
        .padding(6)
        .width(180);
    let record_key = match form.kind {
        AmendmentKind::Supplementary => "agreement-change-record-supplementary",
        AmendmentKind::Rescission => "agreement-change-record-rescission",
    };
    list = list.push(kinds).push(editor).push(widgets::field(
        ctx,
        ctx.tr("agreement-change-agreed-on"),
        agreed,
        None,
    ));
    if !form.confirming {
        list = list.push(primary(ctx, record_key, editing.then_some(Message::Record)));
    } else {
        // In the button's place, so it is where the eye is.
        let open = screen.data.open_followups;
        let dialog = column![
            text(ctx.tr("agreement-rescind-confirm-title")).size(ctx.sizes.subheading()),
            text(ctx.tr_args(
                "agreement-rescind-confirm-body",
                &[("open", open.to_string())]
            ))
            .size(body),
            row![
                button(text(ctx.tr("agreement-rescind-confirm")).size(body))
                    .style(button::danger)
                    .on_press_maybe((!screen.busy).then_some(Message::Confirm)),
                button(text(ctx.tr("agreement-rescind-cancel")).size(body))
                    .style(button::secondary)
                    .on_press(Message::Cancel),
            ]
            .spacing(theme::GAP),
        ]
        .spacing(theme::TIGHT);
        list = list.push(
            container(dialog)
                .padding(theme::GAP)
                .width(Fill)
                .style(theme::alert),
        );
    }
    widgets::card(list)
}

/// The notice after recording.
pub(super) fn recorded(amendment: &Amendment, ended: u64) -> Phrase {
    match amendment.kind {
        AmendmentKind::Supplementary => {
            Phrase::new("agreement-change-recorded").arg("number", amendment.number.to_string())
        }
        AmendmentKind::Rescission => {
            Phrase::new("agreement-rescinded").arg("ended", ended.to_string())
        }
    }
}
