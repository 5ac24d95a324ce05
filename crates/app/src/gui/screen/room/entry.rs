//! The entry form: who speaks, what kind of entry, about which issue, the
//! text (several lines), and for an offer its amount and terms. Speaker
//! and kind are rows of buttons (one click, each with its shortcut), and
//! what was picked stays picked across saves and party switches. In a
//! caucus an entry is saved confidential (Enter) or at once allowed to be
//! passed on (Ctrl+Enter), so an offer takes four steps: the kind, the
//! amount, the terms, save. The same form edits an entry while the session
//! is open (an entry already conveyed gets a new, confidential version
//! instead) and corrects one once it is closed.

use accord_core::{ItemKind, Presence, StageKind};
use iced::{
    Center, Element, Fill,
    keyboard::{Key, key::Named},
    widget::{button, column, pick_list, row, text, text_editor, text_input},
};

use super::{Message, Room};
use crate::gui::{Ctx, theme, widgets};

/// What the entry form holds.
#[derive(Debug, Clone, Default)]
pub(super) struct Draft {
    pub(super) speaker: Option<i64>,
    pub(super) kind: Option<ItemKind>,
    pub(super) issue: Option<i64>,
    pub(super) text: text_editor::Content,
    pub(super) amount: String,
    pub(super) terms: String,
    /// The entry being edited (open session) or corrected (closed one).
    pub(super) editing: Option<i64>,
}

impl Draft {
    /// Whether anything typed would be lost.
    pub(super) fn typed(&self) -> bool {
        !self.text.text().trim().is_empty()
            || !self.amount.trim().is_empty()
            || !self.terms.trim().is_empty()
    }

    /// The same choices (speaker, kind, issue) with nothing typed.
    pub(super) fn emptied(&self) -> Self {
        Self {
            speaker: self.speaker,
            kind: self.kind,
            issue: self.issue,
            ..Self::default()
        }
    }

    /// What was typed, without the choices.
    pub(super) fn typed_part(&self) -> Typed {
        Typed {
            text: self.text.text(),
            amount: self.amount.clone(),
            terms: self.terms.clone(),
        }
    }

    /// Puts back what was typed, after anything typed since (nothing is
    /// overwritten).
    pub(super) fn restore(&mut self, typed: Typed) {
        let now = self.text.text();
        let now = now.trim_end_matches('\n');
        let kept = typed.text.trim_end_matches('\n');
        let text = match (now.trim().is_empty(), kept.trim().is_empty()) {
            (true, _) => kept.to_owned(),
            (false, true) => now.to_owned(),
            (false, false) => format!("{kept}\n{now}"),
        };
        self.text = text_editor::Content::with_text(&text);
        if self.amount.trim().is_empty() {
            self.amount = typed.amount;
        }
        if self.terms.trim().is_empty() {
            self.terms = typed.terms;
        }
    }
}

/// What was typed into the form (kept aside while another party is in).
#[derive(Debug, Clone, Default)]
pub(super) struct Typed {
    text: String,
    amount: String,
    terms: String,
}

/// A disputed issue (or none) for the entry form's pick list.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueChoice {
    pub(super) id: Option<i64>,
    pub(super) label: String,
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
            // At the opening and the closing the mediator speaks to all.
            _ => ItemKind::Remark,
        }
    }

    /// The kinds of entry this stage offers, in the order of their
    /// shortcuts (Alt+1, Alt+2, …).
    pub(super) fn kinds(&self) -> &'static [ItemKind] {
        match self.session.stage {
            StageKind::Caucus => &[
                ItemKind::Position,
                ItemKind::Interest,
                ItemKind::Alternative,
                ItemKind::Offer,
                ItemKind::Note,
            ],
            _ => &[
                ItemKind::Statement,
                ItemKind::Position,
                ItemKind::Offer,
                ItemKind::Remark,
                ItemKind::Note,
            ],
        }
    }

    /// The kind the form will save: the one picked if this stage offers
    /// it, else the stage's default.
    pub(super) fn kind(&self) -> ItemKind {
        self.draft
            .kind
            .filter(|k| self.kinds().contains(k))
            .unwrap_or(self.default_kind())
    }

    /// Who the form records as speaking: the party present in a caucus,
    /// otherwise the one picked (the first party by default).
    pub(super) fn speaker(&self) -> Option<i64> {
        match self.session.presence() {
            Presence::Caucus(p) => Some(p),
            // The mediator's own words are filed with the first party.
            _ if self.kind().by_mediator() => self.case.parties.first().map(|p| p.id),
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
        let kind = self.kind();
        let mut form = column![].spacing(theme::TIGHT);
        if self.session.stage != StageKind::Caucus && kind.by_mediator() {
            form = form.push(widgets::field(
                ctx,
                ctx.tr("room-speaker"),
                text(ctx.tr("room-mediator")).size(size),
                None,
            ));
        } else if self.session.stage != StageKind::Caucus {
            let speaker = self.speaker();
            let mut speakers = row![].spacing(theme::TIGHT).align_y(Center);
            for party in &self.case.parties {
                speakers = speakers.push(choice(
                    ctx,
                    party.name.clone(),
                    Some(party.id) == speaker,
                    Message::SpeakerPicked(party.id),
                ));
            }
            form = form.push(widgets::field(
                ctx,
                ctx.tr("room-speaker"),
                speakers.wrap(),
                None,
            ));
        }
        let mut kinds = row![].spacing(theme::TIGHT).align_y(Center);
        for (n, k) in self.kinds().iter().enumerate() {
            kinds = kinds.push(choice(
                ctx,
                format!("{} Alt+{}", ctx.label(*k), n + 1),
                *k == kind,
                Message::KindPicked(*k),
            ));
        }
        let mut issues = vec![IssueChoice {
            id: None,
            label: ctx.tr("room-issue-none"),
        }];
        issues.extend(self.case.issues.iter().map(|i| IssueChoice {
            id: Some(i.id),
            label: i.title.clone(),
        }));
        let selected_issue = issues.iter().find(|i| i.id == self.draft.issue).cloned();
        form = form.push(widgets::field(ctx, ctx.tr("room-kind"), kinds.wrap(), None));
        form = form.push(container_width(widgets::field(
            ctx,
            ctx.tr("room-issue"),
            pick_list(issues, selected_issue, Message::IssuePicked)
                .text_size(size)
                .width(Fill),
            None,
        )));
        let caucus = self.session.stage == StageKind::Caucus && self.draft.editing.is_none();
        if kind == ItemKind::Offer {
            form = form.push(
                row![
                    text_input(&ctx.tr("room-amount-placeholder"), &self.draft.amount)
                        .style(crate::gui::theme::input)
                        .id("room_amount")
                        .on_input(Message::AmountChanged)
                        .size(size)
                        .padding(8)
                        .width(200),
                    text_input(&ctx.tr("room-terms-placeholder"), &self.draft.terms)
                        .style(crate::gui::theme::input)
                        .id("room_terms")
                        .on_input(Message::TermsChanged)
                        .size(size)
                        .padding(8),
                ]
                .spacing(theme::TIGHT),
            );
        }
        form = form.push(
            text_editor(&self.draft.text)
                .style(crate::gui::theme::editor)
                .id("room_text")
                .placeholder(if kind == ItemKind::Offer {
                    ctx.tr("room-offer-text-placeholder")
                } else {
                    ctx.tr("room-text-placeholder")
                })
                .on_action(Message::TextEdited)
                .key_binding(editor_keys)
                .size(size)
                .padding(8)
                .height(if kind == ItemKind::Offer { 60 } else { 96 }),
        );
        let mut actions = row![
            button(text(ctx.tr("room-record")).size(size))
                .style(button::primary)
                .on_press(Message::Record { share: false }),
        ]
        .spacing(theme::TIGHT)
        .align_y(Center);
        if caucus && !kind.mediators_only() {
            actions = actions.push(
                button(text(ctx.tr("room-record-share")).size(size))
                    .style(button::secondary)
                    .on_press(Message::Record { share: true }),
            );
        }
        actions = actions.push(
            text(ctx.tr("room-newline-hint"))
                .size(ctx.sizes.small())
                .style(theme::muted_text),
        );
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

/// The issue pick list: wide enough for an issue's title, not the page.
fn container_width<'a>(field: Element<'a, Message>) -> Element<'a, Message> {
    iced::widget::container(field).max_width(420).into()
}

/// One button of a choice row: the picked one stands out.
fn choice<'a>(ctx: Ctx<'a>, label: String, picked: bool, message: Message) -> Element<'a, Message> {
    button(text(label).size(ctx.sizes.small()))
        .style(if picked {
            button::primary
        } else {
            button::secondary
        })
        .padding([4, 8])
        .on_press(message)
        .into()
}

/// The entry editor's keys: Shift+Enter starts a new line; Enter (save)
/// and Ctrl+Enter (save, may be passed on) and the room's own chords
/// (Ctrl+arrows, Ctrl+digits, Alt+digits) are left to the room, which
/// takes them from any field of the form.
fn editor_keys(press: text_editor::KeyPress) -> Option<text_editor::Binding<Message>> {
    let modifiers = press.modifiers;
    match press.key.as_ref() {
        Key::Named(Named::Enter) if modifiers.shift() => Some(text_editor::Binding::Enter),
        Key::Named(Named::Enter) => None,
        Key::Named(Named::ArrowLeft | Named::ArrowRight) if modifiers.command() => None,
        Key::Character(c) if modifiers.alt() && c.parse::<u8>().is_ok() => None,
        Key::Character(c) if modifiers.command() && c.parse::<u8>().is_ok() => None,
        _ => text_editor::Binding::from_key_press(press),
    }
}
