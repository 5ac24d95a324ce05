//! The mediation room: a session's stages, the parties' consent, what the
//! mediator records in each party's compartment, and the one function that
//! decides what the screen facing the room may show.
//!
//! Confidentiality is a data rule here, not a view trick: [`room_view`] is
//! the only way the app gets items to draw, and it takes the party present
//! as input. What an entry starts as is decided here too
//! ([`Disclosure::at_recording`]): said in the joint room it is shared;
//! said in a caucus, a mediator's note, a correction or a new version of
//! a conveyed entry starts confidential. A note never leaves the mediators
//! ([`RoomItem::may_become`]).
//!
//! The session itself (stages, consent, caucus rounds, the checklist) is
//! in `session`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Money;

mod session;

pub use session::{Session, SessionError, checklist};

crate::choice! {
    /// The stages of a session, in order. Caucus rounds repeat.
    pub enum StageKind {
        Opening => "opening", "stage-opening";
        Statements => "statements", "stage-statements";
        Caucus => "caucus", "stage-caucus";
        Closing => "closing", "stage-closing";
    }
}

crate::choice! {
    /// What kind of thing the mediator wrote down.
    pub enum ItemKind {
        Statement => "statement", "item-kind-statement";
        Position => "position", "item-kind-position";
        Interest => "interest", "item-kind-interest";
        Alternative => "alternative", "item-kind-alternative";
        Note => "note", "item-kind-note";
        Offer => "offer", "item-kind-offer";
        /// What the mediator says to the whole room (the rules at the
        /// opening, the summary at the closing): the mediator's words,
        /// heard by everyone.
        Remark => "remark", "item-kind-remark";
    }
}

impl ItemKind {
    /// The mediator's own notes: for mediators only, never shown while a
    /// party is in the room and never passed on.
    pub fn mediators_only(self) -> bool {
        self == Self::Note
    }

    /// Said or written by the mediator, not by a party (the entry is
    /// filed with the case's first party only because every entry sits
    /// in a party's compartment).
    pub fn by_mediator(self) -> bool {
        matches!(self, Self::Note | Self::Remark)
    }
}

/// Who may see an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Disclosure {
    /// Only the party who said it (the default).
    Confidential,
    /// The party allowed the mediator to pass it on; not yet conveyed.
    MayShare,
    /// Conveyed to the other side.
    Shared { at: DateTime<Utc>, by: String },
}

impl Disclosure {
    /// The stored code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Confidential => "confidential",
            Self::MayShare => "may_share",
            Self::Shared { .. } => "shared",
        }
    }

    /// Whether the party allowed it to leave their compartment.
    pub fn allows_sharing(&self) -> bool {
        !matches!(self, Self::Confidential)
    }

    /// Who may see an entry when it is recorded. What a party says in the
    /// joint room was heard by everyone in it: shared at once (at `at`, by
    /// `by`). Everything else starts confidential: what is said in a
    /// caucus, the mediator's notes (in every stage), a correction, and a
    /// new version of an entry already conveyed (`revision`), which the
    /// other side has not heard; the mediator conveys it again if the
    /// party allows.
    pub fn at_recording(
        kind: ItemKind,
        in_caucus: bool,
        revision: bool,
        at: DateTime<Utc>,
        by: &str,
    ) -> Self {
        if in_caucus || revision || kind.mediators_only() {
            Self::Confidential
        } else {
            Self::Shared {
                at,
                by: by.to_owned(),
            }
        }
    }
}

/// An offer: an amount and/or terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub amount: Option<Money>,
    pub terms: String,
}

/// One thing recorded in a party's compartment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomItem {
    pub id: i64,
    /// The party whose compartment it is in.
    pub party_id: i64,
    /// The disputed issue it concerns, if any.
    pub issue_id: Option<i64>,
    pub kind: ItemKind,
    pub text: String,
    pub offer: Option<Offer>,
    /// The caucus round it was recorded in (0 outside caucuses).
    pub round: u32,
    pub recorded_at: DateTime<Utc>,
    pub disclosure: Disclosure,
    /// The item this one corrects: a correction after the session was
    /// closed, or a new version of an entry that had been conveyed (which
    /// itself stays as it was conveyed).
    pub corrects: Option<i64>,
}

impl RoomItem {
    /// Whether the entry may be given this disclosure: a mediator's note
    /// stays confidential.
    pub fn may_become(&self, disclosure: &Disclosure) -> Result<(), SessionError> {
        if self.kind.mediators_only() && disclosure.allows_sharing() {
            Err(SessionError::NoteNotShared)
        } else {
            Ok(())
        }
    }
}

/// An earlier wording of an entry, kept when the entry was edited in place
/// (it had not been conveyed). It is seen by whoever may see the entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemVersion {
    pub item_id: i64,
    pub text: String,
    pub offer: Option<Offer>,
    /// When the edit replaced this wording, and by whom.
    pub replaced_at: DateTime<Utc>,
    pub replaced_by: String,
}

/// What the mediator types for a new item.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewItem {
    pub party_id: i64,
    pub issue_id: Option<i64>,
    pub kind: Option<ItemKind>,
    pub text: String,
    pub offer: Option<Offer>,
    /// Set when this item corrects an earlier one after the session closed
    /// (the correction starts confidential).
    pub corrects: Option<i64>,
    /// The party present allows passing it on from the start (a caucus
    /// entry that is not a note or a correction); otherwise it starts
    /// confidential.
    #[serde(default)]
    pub may_share: bool,
}

impl NewItem {
    /// An item needs words or an offer amount.
    pub fn validate(&self) -> Result<(), crate::ValidationError> {
        let has_amount = self
            .offer
            .as_ref()
            .is_some_and(|o| o.amount.is_some() || !o.terms.trim().is_empty());
        if self.text.trim().is_empty() && !has_amount {
            Err(crate::ValidationError::ItemEmpty)
        } else {
            Ok(())
        }
    }
}

/// Where the room is: the whole room together, one party alone with the
/// mediator, the mediator alone, or the curtain down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Everybody is in the room: only what may be shared, no notes.
    Joint,
    /// One party is in the room with the mediator: their entries and what
    /// the others allowed to pass on, no notes.
    Caucus(i64),
    /// Only the mediator is in the room (they said so): everything
    /// recorded, the mediator's notes included.
    Alone,
    /// The privacy curtain: nothing recorded is shown.
    Curtain,
}

/// What the screen facing the room may show, built from all items.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoomView<'a> {
    /// Items of the party present (all but the mediator's notes), in the
    /// joint room the items any party allowed to share, with the mediator
    /// alone every item.
    pub own: Vec<&'a RoomItem>,
    /// Items the other parties allowed to share and the mediator has
    /// conveyed already.
    pub shared: Vec<&'a RoomItem>,
    /// Items the other parties allowed to share, not yet conveyed.
    pub to_convey: Vec<&'a RoomItem>,
}

impl RoomView<'_> {
    /// Every item in the view.
    pub fn all(&self) -> impl Iterator<Item = &RoomItem> {
        self.own
            .iter()
            .chain(&self.shared)
            .chain(&self.to_convey)
            .copied()
    }
}

/// The one function that decides what the room sees. In a caucus with
/// party P it returns P's items and only those items of other parties that
/// they allowed to share; in the joint room only items that may be shared;
/// while any party is in the room never a mediator's note (whatever an
/// older version stored as its disclosure); with the mediator alone
/// everything; under the curtain nothing.
pub fn room_view(items: &[RoomItem], presence: Presence) -> RoomView<'_> {
    let mut view = RoomView::default();
    let before_a_party = items.iter().filter(|i| !i.kind.mediators_only());
    match presence {
        Presence::Curtain => {}
        Presence::Alone => view.own = items.iter().collect(),
        Presence::Joint => {
            view.own = before_a_party
                .filter(|i| i.disclosure.allows_sharing())
                .collect();
        }
        Presence::Caucus(party) => {
            for item in before_a_party {
                // The mediator's remarks are filed with the first party
                // but were heard by everyone: never the party's own words.
                if item.party_id == party && !item.kind.by_mediator() {
                    view.own.push(item);
                } else {
                    match item.disclosure {
                        Disclosure::Confidential => {}
                        Disclosure::MayShare => view.to_convey.push(item),
                        Disclosure::Shared { .. } => view.shared.push(item),
                    }
                }
            }
        }
    }
    view
}

/// One point of the offer chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfferPoint {
    pub party_id: i64,
    pub round: u32,
    pub minor: i64,
    /// When the offer was recorded, and which entry it is (the chart puts
    /// one point per offer in this order).
    pub at: DateTime<Utc>,
    pub item_id: i64,
}

/// The offers the chart may draw for this presence, in time order: the
/// same rule as [`room_view`], so the chart never shows more than the list.
pub fn offer_points(items: &[RoomItem], presence: Presence) -> Vec<OfferPoint> {
    let view = room_view(items, presence);
    let mut points: Vec<OfferPoint> = view
        .all()
        .filter_map(|i| {
            let amount = i.offer.as_ref()?.amount?;
            Some(OfferPoint {
                party_id: i.party_id,
                round: i.round,
                minor: amount.minor,
                at: i.recorded_at,
                item_id: i.id,
            })
        })
        .collect();
    // Time order (the order the view gives is by compartment).
    points.sort_by_key(|p| (p.at, p.item_id));
    points
}

/// The latest offer amount of each of two parties and the gap between them.
pub fn offer_gap(points: &[OfferPoint], a: i64, b: i64) -> Option<i64> {
    let last = |party| {
        points
            .iter()
            .rev()
            .find(|p| p.party_id == party)
            .map(|p| p.minor)
    };
    Some((last(a)? - last(b)?).abs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Currency;
    use proptest::prelude::*;

    fn item(id: i64, party: i64, disclosure: Disclosure, text: &str) -> RoomItem {
        RoomItem {
            id,
            party_id: party,
            issue_id: None,
            kind: ItemKind::Statement,
            text: text.into(),
            offer: None,
            round: 1,
            recorded_at: Utc::now(),
            disclosure,
            corrects: None,
        }
    }

    fn shared() -> Disclosure {
        Disclosure::Shared {
            at: Utc::now(),
            by: "边文玲".into(),
        }
    }

    #[test]
    fn caucus_with_b_never_shows_a_confidential_note_of_a() {
        let items = vec![
            item(1, 1, Disclosure::Confidential, "A 最低可以接受 5000 元"),
            item(2, 1, Disclosure::MayShare, "A 愿意先修管道"),
            item(3, 1, shared(), "A 承认漏水"),
            item(4, 2, Disclosure::Confidential, "B 其实不急着要钱"),
        ];
        let view = room_view(&items, Presence::Caucus(2));
        let ids: Vec<i64> = view.all().map(|i| i.id).collect();
        assert!(!ids.contains(&1));
        assert_eq!(view.own.iter().map(|i| i.id).collect::<Vec<_>>(), vec![4]);
        assert_eq!(
            view.to_convey.iter().map(|i| i.id).collect::<Vec<_>>(),
            vec![2]
        );
        assert_eq!(
            view.shared.iter().map(|i| i.id).collect::<Vec<_>>(),
            vec![3]
        );
        // A sees all of their own, nothing of B's confidential note.
        let a = room_view(&items, Presence::Caucus(1));
        assert_eq!(a.own.len(), 3);
        assert!(a.all().all(|i| i.id != 4));
        // The joint room sees only what may be shared; the curtain nothing.
        let joint: Vec<i64> = room_view(&items, Presence::Joint)
            .all()
            .map(|i| i.id)
            .collect();
        assert_eq!(joint, vec![2, 3]);
        assert_eq!(room_view(&items, Presence::Curtain).all().count(), 0);
    }

    #[test]
    fn a_mediators_note_shows_only_to_the_mediator_alone() {
        let mut note = item(5, 1, Disclosure::Confidential, "A 情绪激动，先别提金额");
        note.kind = ItemKind::Note;
        // A note an older version stored as shared is still the mediator's.
        let mut old_note = item(6, 2, shared(), "B 可能有律师");
        old_note.kind = ItemKind::Note;
        let items = vec![item(1, 1, shared(), "A 承认漏水"), note, old_note];
        for presence in [
            Presence::Joint,
            Presence::Caucus(1),
            Presence::Caucus(2),
            Presence::Curtain,
        ] {
            let ids: Vec<i64> = room_view(&items, presence).all().map(|i| i.id).collect();
            assert!(!ids.contains(&5) && !ids.contains(&6), "{presence:?}");
        }
        let alone: Vec<i64> = room_view(&items, Presence::Alone)
            .all()
            .map(|i| i.id)
            .collect();
        assert_eq!(alone, vec![1, 5, 6]);
        // And it can never be allowed out.
        assert_eq!(
            items[1].may_become(&Disclosure::MayShare),
            Err(SessionError::NoteNotShared)
        );
        assert_eq!(
            items[1].may_become(&shared()),
            Err(SessionError::NoteNotShared)
        );
        assert_eq!(items[1].may_become(&Disclosure::Confidential), Ok(()));
        assert_eq!(items[0].may_become(&Disclosure::MayShare), Ok(()));
    }

    #[test]
    fn only_what_a_party_says_in_the_joint_room_starts_shared() {
        let at = Utc::now();
        let start =
            |kind, caucus, revision| Disclosure::at_recording(kind, caucus, revision, at, "边文玲");
        assert_eq!(
            start(ItemKind::Statement, false, false),
            Disclosure::Shared {
                at,
                by: "边文玲".into()
            }
        );
        assert_eq!(
            start(ItemKind::Statement, true, false),
            Disclosure::Confidential
        );
        assert_eq!(
            start(ItemKind::Note, false, false),
            Disclosure::Confidential
        );
        assert_eq!(
            start(ItemKind::Offer, false, true),
            Disclosure::Confidential
        );
    }

    fn disclosure() -> impl Strategy<Value = Disclosure> {
        prop_oneof![
            Just(Disclosure::Confidential),
            Just(Disclosure::MayShare),
            Just(shared())
        ]
    }

    proptest! {
        #[test]
        fn no_view_ever_holds_another_partys_confidential_item(
            raw in proptest::collection::vec((1i64..5, disclosure(), "\\PC{0,12}", any::<bool>()), 0..60),
            present in 1i64..5,
        ) {
            let items: Vec<RoomItem> = raw
                .into_iter()
                .enumerate()
                .map(|(i, (party, d, text, note))| {
                    let mut it = item(i as i64, party, d, &text);
                    if note {
                        it.kind = ItemKind::Note;
                    }
                    if i % 2 == 0 {
                        it.offer = Some(Offer { amount: Some(Money::new(i as i64 * 100, Currency::Cny)), terms: text });
                    }
                    it
                })
                .collect();
            let view = room_view(&items, Presence::Caucus(present));
            for shown in view.all() {
                prop_assert!(shown.party_id == present || shown.disclosure.allows_sharing());
                prop_assert!(shown.kind != ItemKind::Note, "no note before a party");
            }
            // The "to convey" list is exactly the others' may-share items.
            let expected: Vec<i64> = items
                .iter()
                .filter(|i| i.party_id != present && i.disclosure == Disclosure::MayShare && i.kind != ItemKind::Note)
                .map(|i| i.id)
                .collect();
            prop_assert_eq!(view.to_convey.iter().map(|i| i.id).collect::<Vec<_>>(), expected);
            // Every own entry is shown (notes aside), nothing is lost for
            // the party present.
            prop_assert_eq!(view.own.len(), items.iter().filter(|i| i.party_id == present && !i.kind.by_mediator()).count());
            for joint in room_view(&items, Presence::Joint).all() {
                prop_assert!(joint.disclosure.allows_sharing());
                prop_assert!(joint.kind != ItemKind::Note);
            }
            // The mediator alone sees everything.
            prop_assert_eq!(room_view(&items, Presence::Alone).all().count(), items.len());
            // The chart draws exactly the offers of the visible items.
            let mut points = offer_points(&items, Presence::Caucus(present));
            let mut expected: Vec<(i64, i64)> = view
                .all()
                .filter_map(|i| Some((i.party_id, i.offer.as_ref()?.amount?.minor)))
                .collect();
            let mut drawn: Vec<(i64, i64)> = points.drain(..).map(|p| (p.party_id, p.minor)).collect();
            expected.sort_unstable();
            drawn.sort_unstable();
            prop_assert_eq!(drawn, expected);
        }
    }

    #[test]
    fn the_chart_obeys_the_same_rule() {
        let mut a = item(1, 1, Disclosure::Confidential, "");
        a.offer = Some(Offer {
            amount: Some(Money::major(5000, Currency::Cny)),
            terms: String::new(),
        });
        let mut b = item(2, 2, Disclosure::MayShare, "");
        b.offer = Some(Offer {
            amount: Some(Money::major(11500, Currency::Cny)),
            terms: String::new(),
        });
        let items = vec![a, b];
        let in_b: Vec<i64> = offer_points(&items, Presence::Caucus(2))
            .iter()
            .map(|p| p.party_id)
            .collect();
        assert_eq!(in_b, vec![2]);
        let in_a = offer_points(&items, Presence::Caucus(1));
        assert_eq!(in_a.len(), 2);
        assert_eq!(offer_gap(&in_a, 1, 2), Some(650_000));
        assert_eq!(offer_points(&items, Presence::Joint).len(), 1);
    }
}
