//! The entry form: who speaks, what kind of entry, about which issue, the
//! text, and for an offer its amount and terms. The same form edits an
//! entry while the session is open (an entry already conveyed gets a new,
//! confidential version instead) and corrects one once it is closed.

use accord_core::{ItemKind, Presence, StageKind};
use iced::{
    Center, Element, Fill,
    widget::{button, column, pick_list, row, text, text_input},
};

use super::{Message, Room};
use crate::gui::{Ctx, Labeled, theme, widgets};

/// What the entry form holds.
#[derive(Debug, Clone, Default)]
pub(super) struct Draft {
    pub(super) speaker: Option<i64>,
    pub(super) kind: Option<ItemKind>,
    pub(super) issue: Option<i64>,
    pub(super) text: String,
    pub(super) amount: String,
    pub(super) terms: String,
    /// The entry being edited (open session) or corrected (closed one).
    pub(super) editing: Option<i64>,
}

/// A disputed issue (or none) for the entry form's pick list.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueChoice {
    pub(super) id: Option<i64>,
    label: String,
}

impl std::fmt::Display for IssueChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// A party for the speaker pick list.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyChoice {
    pub(super) id: i64,
    name: String,
}

impl std::fmt::Display for PartyChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

impl Room {
    /// The kind the form offers first at this stage.
    pub(super) fn default_kind(&self) -> ItemKind {
        match self.session.stage {
            StageKind::Statements => ItemKind::Statement,
            StageKind::Caucus => ItemKind::Position,
            _ => ItemKind::Note,
        }
    }

    /// Who the form records as speaking: the party present in a caucus,
    /// otherwise the one picked (the first party by default).
    pub(super) fn speaker(&self) -> Option<i64> {
        match self.session.presence() {
            Presence::Caucus(p) => Some(p),
            _ => self
                .draft
                .speaker
                .or_else(|| self.case.parties.first().map(|p| p.id)),
        }
    }

    /// The form, with the speaker only outside a caucus and amount and
    /// terms only for an offer.
    pub(super) fn entry_form<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let size = ctx.sizes.body();
        let kind = self.draft.kind.unwrap_or(self.default_kind());
        let kinds: Vec<Labeled<ItemKind>> = match self.session.stage {
            StageKind::Caucus => [
                ItemKind::Position,
                ItemKind::Interest,
                ItemKind::Alternative,
                ItemKind::Offer,
                ItemKind::Note,
            ]
            .into_iter()
            .map(|k| ctx.labeled(k))
            .collect(),
            _ => [
                ItemKind::Statement,
                ItemKind::Position,
                ItemKind::Offer,
                ItemKind::Note,
            ]
            .into_iter()
            .map(|k| ctx.labeled(k))
            .collect(),
        };
        let mut issues = vec![IssueChoice {
            id: None,
            label: ctx.tr("room-issue-none"),
        }];
        issues.extend(self.case.issues.iter().map(|i| IssueChoice {
            id: Some(i.id),
            label: i.title.clone(),
        }));
        let selected_issue = issues.iter().find(|i| i.id == self.draft.issue).cloned();
        let mut controls = row![].spacing(theme::TIGHT).align_y(Center);
        if self.session.stage != StageKind::Caucus {
            let parties: Vec<PartyChoice> = self
                .case
                .parties
                .iter()
                .map(|p| PartyChoice {
                    id: p.id,
                    name: p.name.clone(),
                })
                .collect();
            let speaker = self
                .speaker()
                .and_then(|id| parties.iter().find(|p| p.id == id).cloned());
            controls = controls.push(widgets::field(
                ctx,
                ctx.tr("room-speaker"),
                pick_list(parties, speaker, Message::SpeakerPicked)
                    .text_size(size)
                    .width(Fill),
                None,
            ));
        }
        controls = controls
            .push(widgets::field(
                ctx,
                ctx.tr("room-kind"),
                pick_list(kinds, Some(ctx.labeled(kind)), Message::KindPicked)
                    .text_size(size)
                    .width(Fill),
                None,
            ))
            .push(widgets::field(
                ctx,
                ctx.tr("room-issue"),
                pick_list(issues, selected_issue, Message::IssuePicked)
                    .text_size(size)
                    .width(Fill),
                None,
            ));
        let mut form = column![controls].spacing(theme::TIGHT);
        form = form.push(
            text_input(&ctx.tr("room-text-placeholder"), &self.draft.text)
                .id("room_text")
                .on_input(Message::TextChanged)
                .on_submit(Message::Record)
                .size(size)
                .padding(8),
        );
        if kind == ItemKind::Offer {
            form = form.push(
                row![
                    text_input(&ctx.tr("room-amount-placeholder"), &self.draft.amount)
                        .id("room_amount")
                        .on_input(Message::AmountChanged)
                        .size(size)
                        .padding(8)
                        .width(200),
                    text_input(&ctx.tr("room-terms-placeholder"), &self.draft.terms)
                        .id("room_terms")
                        .on_input(Message::TermsChanged)
                        .on_submit(Message::Record)
                        .size(size)
                        .padding(8),
                ]
                .spacing(theme::TIGHT),
            );
        }
        let mut actions = row![
            button(text(ctx.tr("room-record")).size(size))
                .style(button::primary)
                .on_press(Message::Record),
        ]
        .spacing(theme::TIGHT);
        if let Some(id) = self.draft.editing {
            let conveyed = self.items.iter().any(|i| {
                i.id == id && matches!(i.disclosure, accord_core::Disclosure::Shared { .. })
            });
            let key = if self.session.is_closed() {
                "room-correcting"
            } else if conveyed {
                "room-editing-conveyed"
            } else {
                "room-editing"
            };
            form = column![
                text(ctx.tr_args(key, &[("id", id.to_string())]))
                    .size(ctx.sizes.small())
                    .style(theme::muted_text),
                form
            ]
            .spacing(theme::TIGHT);
            actions = actions.push(
                button(text(ctx.tr("room-edit-cancel")).size(size))
                    .style(button::secondary)
                    .on_press(Message::CancelEdit),
            );
        }
        widgets::card(form.push(actions))
    }
}
