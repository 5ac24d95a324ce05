//! The room's page: the top line (back, case number, timer, mediator
//! alone, curtain, close), the stage bar, notices and problems, then the
//! checklist beside the main column, which shows what the stage and the
//! presence allow and ends with the offers chart. The curtain replaces all
//! of it.

use accord_core::{
    Currency, Money, Presence, RoomItem, SessionError, StageKind,
    room::{self, OfferPoint},
    room_view,
};
use chrono::Utc;
use iced::{
    Center, Element, Fill, FillPortion,
    widget::{button, canvas, column, container, row, space, stack, text},
};

use super::{Message, Problem, Room, Saved, items::List};
use crate::gui::{Ctx, chart, theme, widgets};

impl Room {
    /// The room's title, its timer and its buttons, on one line when
    /// `width` holds them.
    fn top_line<'a>(&'a self, ctx: Ctx<'a>, width: f32) -> Element<'a, Message> {
        let size = ctx.sizes.body();
        let elapsed = self.session.ended_at.unwrap_or_else(Utc::now) - self.session.started_at;
        let secs = elapsed.num_seconds().max(0);
        let timer = format!(
            "{:02}:{:02}:{:02}",
            secs / 3600,
            (secs / 60) % 60,
            secs % 60
        );
        let title = row![
            button(text(ctx.tr("room-back")).size(ctx.sizes.small()))
                .style(button::text)
                .on_press(Message::Back),
            text(ctx.tr_args("room-title", &[("number", self.case.number.to_string())]))
                .size(ctx.sizes.heading()),
        ]
        .spacing(theme::GAP)
        .align_y(Center);
        let mut controls = row![
            text(ctx.tr_args("room-timer", &[("time", timer)]))
                .size(size)
                .style(theme::muted_text),
            if self.alone {
                button(text(ctx.tr("room-alone-end")).size(size))
                    .style(button::primary)
                    .on_press(Message::Alone(false))
            } else {
                button(text(ctx.tr("room-alone")).size(size))
                    .style(button::secondary)
                    .on_press(Message::Alone(true))
            },
            button(text(ctx.tr("room-curtain")).size(size))
                .style(button::secondary)
                .on_press(Message::Curtain(true)),
        ]
        .spacing(theme::GAP)
        .align_y(Center);
        if !self.session.is_closed() {
            // Apart from the curtain, and it asks first.
            controls = controls
                .push(space::horizontal().width(theme::GAP * 2.0))
                .push(
                    button(text(ctx.tr("room-close")).size(size))
                        .style(button::danger)
                        .on_press_maybe((!self.confirm_close).then_some(Message::AskClose)),
                );
        }
        if self.session.stage == StageKind::Closing || self.session.is_closed() {
            controls = controls.push(
                widgets::keyed_button(
                    ctx,
                    ctx.tr("room-to-agreement"),
                    crate::gui::commands::Shortcut::alt('a'),
                )
                .style(button::success)
                .on_press(Message::Agreement),
            );
        }
        // What one line needs, from its words: a CJK character is about
        // an em, a Latin one about half; each button adds its padding.
        let em = |words: &str, size: f32| -> f32 {
            words
                .chars()
                .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
                .sum::<f32>()
                * size
        };
        let mut labels = vec![
            ctx.tr(if self.alone {
                "room-alone-end"
            } else {
                "room-alone"
            }),
            ctx.tr("room-curtain"),
        ];
        if !self.session.is_closed() {
            labels.push(ctx.tr("room-close"));
        }
        if self.session.stage == StageKind::Closing || self.session.is_closed() {
            labels.push(format!("{} Alt+A", ctx.tr("room-to-agreement")));
        }
        let needed = em(&ctx.tr("room-back"), ctx.sizes.small())
            + em(
                &ctx.tr_args("room-title", &[("number", self.case.number.to_string())]),
                ctx.sizes.heading(),
            )
            + em(
                &ctx.tr_args("room-timer", &[("time", "00:00:00".into())]),
                size,
            )
            + labels.iter().map(|l| em(l, size) + 24.0).sum::<f32>()
            + theme::GAP * (labels.len() as f32 + 6.0);
        if width >= needed {
            row![title, space::horizontal(), controls]
                .spacing(theme::GAP)
                .align_y(Center)
                .into()
        } else {
            column![title, controls.wrap().vertical_spacing(theme::TIGHT)]
                .spacing(theme::TIGHT)
                .into()
        }
    }

    /// The page, or only the curtain when it is down.
    pub fn view<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        if self.curtain {
            return curtain(ctx);
        }
        // The title and the room's controls on one line where the window
        // is wide enough; else the controls on a line of their own (and
        // wrapping too), so that no button ever goes off the screen.
        let top = iced::widget::responsive(move |size| self.top_line(ctx, size.width))
            .height(iced::Length::Shrink);
        let mut page = column![top, self.stage_bar(ctx)].spacing(theme::GAP);
        let size = ctx.sizes.body();
        // A question pending: the question alone, nothing of any party
        // (the one coming in may already be at the door).
        if let Some(coming) = self.confirm_switch {
            return page.push(self.switch_dialog(ctx, coming)).into();
        }
        if self.confirm_close {
            return page.push(self.close_dialog(ctx)).into();
        }
        if let Some(ended) = self.session.ended_at {
            page = page.push(
                container(
                    text(ctx.tr_args("room-closed", &[("when", ctx.datetime(ended))])).size(size),
                )
                .padding(theme::GAP)
                .width(Fill)
                .style(theme::notice),
            );
        }
        if self.alone {
            page = page.push(
                container(text(ctx.tr("room-alone-notice")).size(size))
                    .padding(theme::GAP)
                    .width(Fill)
                    .style(theme::notice),
            );
        }
        // What just happened floats over the bottom of the page, so
        // nothing moves under the pointer.
        let mut toasts = column![].spacing(theme::TIGHT);
        if let Some(saved) = self.notice {
            let message = match saved {
                Saved::Note => ctx.tr("room-saved-note"),
                Saved::Confidential { id, party } => ctx.tr_args(
                    "room-saved-confidential",
                    &[("id", id.to_string()), ("name", self.name(party))],
                ),
            };
            toasts = toasts.push(
                container(text(message).size(size))
                    .padding(theme::GAP)
                    .width(Fill)
                    .style(theme::notice),
            );
        }
        if let Some(problem) = &self.error {
            let message = match problem {
                Problem::Invalid(e) => ctx.error(e),
                Problem::Session(SessionError::ConsentMissing(ids)) => ctx.tr_args(
                    "room-consent-missing",
                    &[(
                        "names",
                        ctx.list(&ids.iter().map(|id| self.name(*id)).collect::<Vec<_>>()),
                    )],
                ),
                Problem::Session(e) => ctx.tr(e.key()),
                Problem::Store(e) => {
                    let (key, args) = e.message();
                    ctx.tr_args(key, &args)
                }
            };
            toasts = toasts.push(
                container(text(message).size(size))
                    .padding(theme::GAP)
                    .width(Fill)
                    .style(theme::alert),
            );
        }
        // Whose caucus it is stays in sight while the entries scroll.
        if let (StageKind::Caucus, Presence::Caucus(present)) =
            (self.session.stage, self.presence())
        {
            page = page.push(self.caucus_header(ctx, present));
        }
        let body = row![
            container(self.checklist(ctx)).width(FillPortion(1)),
            widgets::page_scroll(self.main(ctx)).width(FillPortion(3)),
        ]
        .spacing(theme::GAP);
        page.push(
            stack![
                body,
                container(toasts)
                    .padding(iced::Padding {
                        right: 18.0,
                        ..iced::Padding::ZERO
                    })
                    .align_bottom(Fill)
            ]
            .height(Fill),
        )
        .into()
    }

    /// The main column: what this stage shows to whoever is in the room.
    fn main<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let presence = self.presence();
        let view = room_view(&self.items, presence);
        let mut main = column![].spacing(theme::GAP);
        if presence == Presence::Alone {
            // Nobody but the mediator: every entry, the notes included.
            if !self.session.is_closed() || self.draft.editing.is_some() {
                main = main.push(self.entry_form(ctx));
            }
            main = main.push(self.item_list(
                ctx,
                List::Everything,
                ctx.tr("room-everything"),
                &view.own,
            ));
            return main
                .extend(self.earlier_list(ctx, presence))
                .push(self.offers(ctx, presence))
                .into();
        }
        match self.session.stage {
            StageKind::Opening => {
                main = main.push(self.consents(ctx));
                main = main.push(self.item_list(
                    ctx,
                    List::Joint,
                    ctx.tr("room-joint-items"),
                    &view.own,
                ));
            }
            // A session ended during a caucus shows what the joint room may
            // see: nobody is alone with the mediator any more.
            StageKind::Caucus if presence == Presence::Joint => {
                if self.draft.editing.is_some() {
                    main = main.push(self.entry_form(ctx));
                }
                main = main.push(self.item_list(
                    ctx,
                    List::Joint,
                    ctx.tr("room-joint-items"),
                    &view.own,
                ));
            }
            StageKind::Statements | StageKind::Closing => {
                if !self.session.is_closed() || self.draft.editing.is_some() {
                    main = main.push(self.entry_form(ctx));
                }
                let heading = if self.session.stage == StageKind::Statements {
                    ctx.tr("room-statements")
                } else {
                    ctx.tr("room-joint-items")
                };
                main = main.push(self.item_list(ctx, List::Joint, heading, &view.own));
            }
            StageKind::Caucus => {
                let Presence::Caucus(present) = presence else {
                    return main.into();
                };
                if !self.session.is_closed() || self.draft.editing.is_some() {
                    main = main.push(self.entry_form(ctx));
                }
                main = main.push(self.item_list(
                    ctx,
                    List::Own,
                    ctx.tr_args("room-own", &[("name", self.name(present))]),
                    &view.own,
                ));
                main = main.push(self.item_list(
                    ctx,
                    List::ToConvey,
                    ctx.tr("room-to-convey"),
                    &view.to_convey,
                ));
                if !view.shared.is_empty() {
                    main = main.push(self.item_list(
                        ctx,
                        List::Conveyed,
                        ctx.tr("room-conveyed"),
                        &view.shared,
                    ));
                }
            }
        }
        main.extend(self.earlier_list(ctx, presence))
            .push(self.offers(ctx, presence))
            .into()
    }

    /// What the case's earlier sessions recorded that this presence may
    /// see; nothing when this is the first session.
    fn earlier_list<'a>(
        &'a self,
        ctx: Ctx<'a>,
        presence: Presence,
    ) -> Option<Element<'a, Message>> {
        if self.earlier.is_empty() {
            return None;
        }
        let view = room_view(&self.earlier, presence);
        let items: Vec<&RoomItem> = view
            .own
            .iter()
            .chain(&view.shared)
            .chain(&view.to_convey)
            .copied()
            .collect();
        if items.is_empty() {
            return None;
        }
        Some(self.item_list(ctx, List::Earlier, ctx.tr("room-earlier"), &items))
    }

    /// The offers on a chart, one colour per party, and the gap between
    /// the last offers of the first two.
    fn offers<'a>(&'a self, ctx: Ctx<'a>, presence: Presence) -> Element<'a, Message> {
        let points: Vec<OfferPoint> = room::offer_points(&self.items, presence);
        let parties = self.party_ids();
        let mut block = column![widgets::heading(ctx, ctx.tr("room-offers"))].spacing(theme::TIGHT);
        if points.is_empty() {
            block = block.push(
                text(ctx.tr("room-no-offers"))
                    .size(ctx.sizes.body())
                    .style(theme::muted_text),
            );
            return widgets::card(block);
        }
        let mut legend = row![].spacing(theme::GAP);
        let shown: Vec<i64> = parties
            .iter()
            .copied()
            .filter(|p| points.iter().any(|pt| pt.party_id == *p))
            .collect();
        for (index, party) in parties.iter().enumerate() {
            if shown.contains(party) {
                let color = chart::series_color(index);
                legend = legend.push(
                    text(format!("● {}", self.name(*party)))
                        .size(ctx.sizes.small())
                        .color(color),
                );
            }
        }
        block = block.push(legend);
        block = block.push(
            canvas(chart::OfferChart {
                parties: parties.clone(),
                points: points.clone(),
                text_size: ctx.sizes.small(),
            })
            .width(Fill)
            .height(180),
        );
        if let [a, b, ..] = shown[..]
            && let Some(gap) = room::offer_gap(&points, a, b)
        {
            let gap = Money::new(gap, Currency::Cny);
            block = block.push(
                text(ctx.tr_args(
                    "room-gap",
                    &[
                        ("amount", gap.figures()),
                        ("words", ctx.money_words(gap)),
                        ("a", self.name(a)),
                        ("b", self.name(b)),
                    ],
                ))
                .size(ctx.sizes.body()),
            );
        }
        widgets::card(block)
    }
}

/// The neutral screen shown when the curtain is down.
fn curtain<'a>(ctx: Ctx<'a>) -> Element<'a, Message> {
    container(
        column![
            text(ctx.tr("app-title")).size(ctx.sizes.title()),
            text(ctx.tr("room-curtain-text")).size(ctx.sizes.heading()),
            text(ctx.tr("room-curtain-hint"))
                .size(ctx.sizes.small())
                .style(theme::muted_text),
            button(text(ctx.tr("room-curtain-up")).size(ctx.sizes.body()))
                .style(button::secondary)
                .on_press(Message::Curtain(false)),
        ]
        .spacing(theme::GAP)
        .align_x(Center),
    )
    .center(Fill)
    .into()
}
