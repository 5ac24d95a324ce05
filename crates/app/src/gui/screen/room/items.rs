//! The lists of entries: everything said in the joint room, the party
//! present's own entries in a caucus, what the other side allowed to pass
//! on, what was conveyed already, and everything recorded for the mediator
//! alone. One function draws them all; a [`List`] says which one it is and
//! so what differs.

use accord_core::{Disclosure, RoomItem};
use iced::{
    Center, Element, Fill,
    widget::{button, checkbox, column, row, text},
};

use super::{Message, Room};
use crate::gui::{Ctx, theme, widgets};

/// Which list of entries is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum List {
    /// The joint room's entries: who said it in a column of its own, then
    /// the entry and its edit button.
    Joint,
    /// The party present's own entries in a caucus, newest first: the
    /// entry, whether it may be passed on (or when it was), and its edit
    /// button.
    Own,
    /// The other side's entries the party may hear: "From …" above each,
    /// and a button to mark it conveyed.
    ToConvey,
    /// The other side's entries already conveyed: "From …" above each; no
    /// placeholder when there are none (the list is then not shown).
    Conveyed,
    /// Every entry, for the mediator alone: whose compartment it is in,
    /// the entry, who may see it, and its edit button.
    Everything,
    /// What earlier sessions of the case recorded (as far as whoever is
    /// in the room may see it): whose it is and the entry, nothing to
    /// press.
    Earlier,
}

impl List {
    /// The newest entry comes first.
    fn newest_first(self) -> bool {
        self == Self::Own
    }

    /// An empty list says so.
    fn says_when_empty(self) -> bool {
        !matches!(self, Self::Conveyed | Self::Earlier)
    }
}

impl Room {
    /// Who said an entry: the party, or the mediator for the mediator's
    /// own words.
    fn speaker_name(&self, ctx: Ctx<'_>, item: &RoomItem) -> String {
        if item.kind.by_mediator() {
            ctx.tr("room-mediator")
        } else {
            self.name(item.party_id)
        }
    }

    /// "From <party>" above another party's entry.
    fn said_by<'a>(&self, ctx: Ctx<'a>, item: &RoomItem) -> Element<'a, Message> {
        text(ctx.tr_args("room-from", &[("name", self.speaker_name(ctx, item))]))
            .size(ctx.sizes.small())
            .style(theme::muted_text)
            .into()
    }

    /// The button that edits an entry (or corrects it once closed).
    fn edit_button<'a>(&self, ctx: Ctx<'a>, item: &RoomItem) -> Element<'a, Message> {
        let key = if self.session.is_closed() {
            "room-correction"
        } else {
            "room-edit"
        };
        button(text(ctx.tr(key)).size(ctx.sizes.small()))
            .style(button::text)
            .on_press(Message::Edit(item.id))
            .into()
    }

    /// One entry: kind, time, round, issue and what it corrects on a muted
    /// line, then its text and, for an offer, the amount and terms.
    fn item_line<'a>(
        &'a self,
        ctx: Ctx<'a>,
        item: &'a RoomItem,
    ) -> iced::widget::Column<'a, Message> {
        let mut head = format!(
            "{} · {}",
            ctx.label(item.kind),
            ctx.datetime(item.recorded_at)
        );
        if item.round > 0 {
            head = format!(
                "{head} · {}",
                ctx.tr_args("room-round", &[("round", item.round.to_string())])
            );
        }
        if let Some(issue) = item
            .issue_id
            .and_then(|id| self.case.issues.iter().find(|i| i.id == id))
        {
            head = format!("{head} · {}", issue.title);
        }
        if let Some(id) = item.corrects {
            head = format!(
                "{head} · {}",
                ctx.tr_args("room-corrects", &[("id", id.to_string())])
            );
        }
        let mut line =
            column![text(head).size(ctx.sizes.small()).style(theme::muted_text)].spacing(2);
        if !item.text.is_empty() {
            line = line.push(text(item.text.as_str()).size(ctx.sizes.body()));
        }
        if let Some(offer) = &item.offer {
            if let Some(amount) = offer.amount {
                line = line.push(
                    text(ctx.tr_args(
                        "room-offer-line",
                        &[
                            ("amount", amount.figures()),
                            ("words", ctx.money_words(amount)),
                        ],
                    ))
                    .size(ctx.sizes.body()),
                );
            }
            if !offer.terms.is_empty() {
                line = line.push(text(offer.terms.as_str()).size(ctx.sizes.body()));
            }
        }
        line
    }

    /// A card with a heading and the entries of one [`List`].
    pub(super) fn item_list<'a>(
        &'a self,
        ctx: Ctx<'a>,
        kind: List,
        heading: String,
        items: &[&'a RoomItem],
    ) -> Element<'a, Message> {
        let mut list = column![widgets::heading(ctx, heading)].spacing(theme::TIGHT);
        if items.is_empty() && kind.says_when_empty() {
            list = list.push(nothing_yet(ctx));
        }
        let mut items = items.to_vec();
        if kind.newest_first() {
            items.reverse();
        }
        for item in items {
            let entry: Element<'a, Message> = match kind {
                List::Joint => row![
                    text(self.speaker_name(ctx, item))
                        .size(ctx.sizes.body())
                        .width(120),
                    self.item_line(ctx, item).width(Fill),
                    self.edit_button(ctx, item),
                ]
                .spacing(theme::GAP)
                .into(),
                List::Own => row![
                    self.item_line(ctx, item).width(Fill),
                    share_control(ctx, item),
                    self.edit_button(ctx, item)
                ]
                .spacing(theme::GAP)
                .align_y(Center)
                .into(),
                List::ToConvey => row![
                    column![self.said_by(ctx, item), self.item_line(ctx, item)].width(Fill),
                    button(text(ctx.tr("room-convey")).size(ctx.sizes.small()))
                        .style(button::secondary)
                        .on_press(Message::Conveyed(item.id)),
                ]
                .spacing(theme::GAP)
                .align_y(Center)
                .into(),
                List::Conveyed => column![self.said_by(ctx, item), self.item_line(ctx, item)]
                    .spacing(2)
                    .into(),
                List::Earlier => row![
                    text(self.speaker_name(ctx, item))
                        .size(ctx.sizes.body())
                        .width(120),
                    self.item_line(ctx, item).width(Fill),
                ]
                .spacing(theme::GAP)
                .into(),
                List::Everything => row![
                    text(self.speaker_name(ctx, item))
                        .size(ctx.sizes.body())
                        .width(120),
                    self.item_line(ctx, item).width(Fill),
                    who_may_see(ctx, item),
                    self.edit_button(ctx, item),
                ]
                .spacing(theme::GAP)
                .align_y(Center)
                .into(),
            };
            list = list.push(entry);
        }
        widgets::card(list)
    }
}

/// Whether the party present lets an entry be passed on, or when it was.
fn share_control<'a>(ctx: Ctx<'a>, item: &RoomItem) -> Element<'a, Message> {
    match &item.disclosure {
        Disclosure::Shared { at, .. } => {
            text(ctx.tr_args("room-shared-at", &[("when", ctx.datetime(*at))]))
                .size(ctx.sizes.small())
                .style(text::success)
                .into()
        }
        d => {
            let id = item.id;
            checkbox(d.allows_sharing())
                .size(ctx.sizes.check())
                .label(ctx.tr("room-may-share"))
                .text_size(ctx.sizes.small())
                .on_toggle(move |on| Message::AllowShare(id, on))
                .into()
        }
    }
}

/// Who may see an entry, in words: the mediators only (a note), the party
/// only, the party allows passing it on, or when it was conveyed.
fn who_may_see<'a>(ctx: Ctx<'a>, item: &RoomItem) -> Element<'a, Message> {
    let words = match &item.disclosure {
        _ if item.kind.mediators_only() => ctx.tr("room-mediators-only"),
        Disclosure::Confidential => ctx.tr("room-confidential"),
        Disclosure::MayShare => ctx.tr("room-may-share"),
        Disclosure::Shared { at, .. } => {
            ctx.tr_args("room-shared-at", &[("when", ctx.datetime(*at))])
        }
    };
    text(words)
        .size(ctx.sizes.small())
        .style(theme::muted_text)
        .into()
}

/// The placeholder of an empty list.
fn nothing_yet<'a>(ctx: Ctx<'a>) -> Element<'a, Message> {
    text(ctx.tr("room-nothing-yet"))
        .size(ctx.sizes.body())
        .style(theme::muted_text)
        .into()
}
