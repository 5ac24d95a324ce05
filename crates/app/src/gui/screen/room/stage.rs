//! Where the session stands: the stage bar with previous / next, the
//! stage's checklist, the parties' consents at the opening, the dialog that
//! asks before another party comes in, and the caucus header.

use accord_core::{Choice, StageKind, room};
use iced::{
    Center, Element, Fill,
    widget::{button, checkbox, column, container, row, space, text},
};

use super::{Message, Room};
use crate::gui::{Ctx, theme, widgets};

impl Room {
    pub(super) fn stage_bar<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let mut bar = row![].spacing(theme::TIGHT).align_y(Center);
        for (i, stage) in StageKind::ALL.iter().enumerate() {
            let mut label = format!("{} {}", i + 1, ctx.label(*stage));
            if *stage == StageKind::Caucus && self.session.round > 0 {
                label = format!(
                    "{label} · {}",
                    ctx.tr_args("room-round", &[("round", self.session.round.to_string())])
                );
            }
            let style = if *stage == self.session.stage {
                theme::stage_current
            } else {
                theme::stage_other
            };
            bar = bar.push(
                container(text(label).size(ctx.sizes.body()))
                    .padding([6, 12])
                    .style(style),
            );
        }
        bar = bar.push(space::horizontal());
        if !self.session.is_closed() {
            if let Some(prev) = self.session.previous_stage() {
                bar = bar.push(
                    button(text(ctx.tr("room-previous")).size(ctx.sizes.body()))
                        .style(button::secondary)
                        .on_press(Message::GoTo(prev)),
                );
            }
            if let Some(next) = self.session.next_stage() {
                bar = bar.push(
                    button(text(ctx.tr("room-next")).size(ctx.sizes.body()))
                        .style(button::primary)
                        .on_press(Message::GoTo(next)),
                );
            }
        }
        bar.into()
    }

    pub(super) fn checklist<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let mut list =
            column![widgets::heading(ctx, ctx.tr("room-checklist"))].spacing(theme::TIGHT);
        for key in room::checklist(self.session.stage) {
            let checked = self.session.checked.iter().any(|k| k == key);
            let mut item = checkbox(checked)
                .size(ctx.sizes.check())
                .label(ctx.tr(key))
                .text_size(ctx.sizes.small());
            if !self.session.is_closed() {
                item = item.on_toggle(move |on| Message::Check(key, on));
            }
            list = list.push(item);
        }
        widgets::card(list)
    }

    pub(super) fn switch_dialog<'a>(&'a self, ctx: Ctx<'a>, coming: i64) -> Element<'a, Message> {
        let leaving = self
            .session
            .present_party
            .map(|p| self.name(p))
            .unwrap_or_default();
        question(
            ctx,
            ctx.tr("room-switch-title"),
            ctx.tr_args(
                "room-switch-body",
                &[("leaving", leaving), ("coming", self.name(coming))],
            ),
            (
                "room-switch-confirm",
                Message::ConfirmSwitch,
                button::primary,
            ),
            ("room-switch-cancel", Message::CancelSwitch),
        )
    }

    /// Asks before the session ends, saying what ending means.
    pub(super) fn close_dialog<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        question(
            ctx,
            ctx.tr("room-close-title"),
            ctx.tr("room-close-body"),
            ("room-close-confirm", Message::ConfirmClose, button::danger),
            ("room-close-cancel", Message::CancelClose),
        )
    }

    pub(super) fn consents<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let mut list = column![widgets::heading(ctx, ctx.tr("room-consent"))].spacing(theme::TIGHT);
        for (n, party) in self.case.parties.iter().enumerate() {
            let given = self.session.consents.iter().find(|(p, _)| *p == party.id);
            let state: Element<'a, Message> = match given {
                Some((_, at)) => {
                    text(ctx.tr_args("room-consent-given", &[("when", ctx.datetime(*at))]))
                        .size(ctx.sizes.body())
                        .style(text::success)
                        .into()
                }
                None => container(
                    button(text(ctx.tr("room-consent-record")).size(ctx.sizes.body()))
                        .style(button::secondary)
                        .on_press_maybe(
                            (!self.session.is_closed()).then_some(Message::Consent(party.id)),
                        ),
                )
                .id(format!("consent_{n}"))
                .into(),
            };
            list = list.push(
                row![
                    text(party.name.as_str()).size(ctx.sizes.body()).width(160),
                    text(ctx.label(party.role))
                        .size(ctx.sizes.small())
                        .style(theme::muted_text)
                        .width(100),
                    state
                ]
                .spacing(theme::GAP)
                .align_y(Center),
            );
        }
        widgets::card(list)
    }

    pub(super) fn caucus_header<'a>(&'a self, ctx: Ctx<'a>, present: i64) -> Element<'a, Message> {
        let mut header = row![
            text(ctx.tr_args(
                "room-caucus-with",
                &[
                    ("name", self.name(present)),
                    ("round", self.session.round.to_string())
                ]
            ))
            .size(ctx.sizes.subheading()),
            space::horizontal(),
        ]
        .spacing(theme::TIGHT)
        .align_y(Center);
        if !self.session.is_closed() {
            for party in self.case.parties.iter().filter(|p| p.id != present) {
                header = header.push(
                    button(
                        text(ctx.tr_args("room-invite", &[("name", party.name.clone())]))
                            .size(ctx.sizes.body()),
                    )
                    .style(button::secondary)
                    .on_press(Message::AskSwitch(party.id)),
                );
            }
        }
        header.into()
    }
}

/// A question that stands in place of the room until it is answered: a
/// title, what it means, and the two answers (yes first).
fn question<'a>(
    ctx: Ctx<'a>,
    title: String,
    body: String,
    yes: (
        &str,
        Message,
        fn(&iced::Theme, button::Status) -> button::Style,
    ),
    no: (&str, Message),
) -> Element<'a, Message> {
    let body = column![
        text(title).size(ctx.sizes.subheading()),
        text(body).size(ctx.sizes.body()),
        row![
            button(text(ctx.tr(yes.0)).size(ctx.sizes.body()))
                .style(yes.2)
                .on_press(yes.1),
            button(text(ctx.tr(no.0)).size(ctx.sizes.body()))
                .style(button::secondary)
                .on_press(no.1),
        ]
        .spacing(theme::GAP),
    ]
    .spacing(theme::TIGHT);
    container(body)
        .padding(theme::GAP)
        .width(Fill)
        .style(theme::alert)
        .into()
}
