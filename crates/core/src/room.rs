//! The mediation room: a session's stages, the parties' consent, what the
//! mediator records in each party's compartment, and the one function that
//! decides what the screen facing the room may show.
//!
//! Confidentiality is a data rule here, not a view trick: [`room_view`] is
//! the only way the app gets items to draw, and it takes the party present
//! as input.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Money;

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
    /// The item this one corrects (after the session was closed).
    pub corrects: Option<i64>,
}

/// What the mediator types for a new item.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewItem {
    pub party_id: i64,
    pub issue_id: Option<i64>,
    pub kind: Option<ItemKind>,
    pub text: String,
    pub offer: Option<Offer>,
    /// Set when this item corrects an earlier one after the session closed.
    pub corrects: Option<i64>,
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
/// mediator, or the curtain down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Everybody is in the room: only what may be shared.
    Joint,
    /// One party is in the room with the mediator.
    Caucus(i64),
    /// The privacy curtain: nothing recorded is shown.
    Curtain,
}

/// What the screen facing the room may show, built from all items.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoomView<'a> {
    /// Items of the party present (all of them), or in the joint room the
    /// items any party allowed to share.
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
/// under the curtain nothing.
pub fn room_view(items: &[RoomItem], presence: Presence) -> RoomView<'_> {
    let mut view = RoomView::default();
    match presence {
        Presence::Curtain => {}
        Presence::Joint => {
            view.own = items
                .iter()
                .filter(|i| i.disclosure.allows_sharing())
                .collect();
        }
        Presence::Caucus(party) => {
            for item in items {
                if item.party_id == party {
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
}

/// The offers the chart may draw for this presence, in round order: the
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
            })
        })
        .collect();
    points.sort_by_key(|p| (p.round, p.party_id));
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

/// Where a session stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub id: i64,
    pub case_id: i64,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub stage: StageKind,
    /// The caucus round (1-based once caucuses start).
    pub round: u32,
    /// The party in the room during a caucus.
    pub present_party: Option<i64>,
    /// The parties met in the current round.
    pub met_this_round: Vec<i64>,
    /// Consent to mediate, per party, with its time.
    pub consents: Vec<(i64, DateTime<Utc>)>,
    /// Checklist entries ticked, as Fluent keys.
    pub checked: Vec<String>,
}

/// Why a session step was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error("every party must consent before the first caucus")]
    ConsentMissing(Vec<i64>),
    #[error("the session is closed")]
    Closed,
    #[error("that party is not in this case")]
    UnknownParty,
    #[error("not in a caucus")]
    NotInCaucus,
}

impl SessionError {
    /// The Fluent key of the message.
    pub fn key(&self) -> &'static str {
        match self {
            Self::ConsentMissing(_) => "session-error-consent",
            Self::Closed => "session-error-closed",
            Self::UnknownParty => "session-error-party",
            Self::NotInCaucus => "session-error-not-caucus",
        }
    }
}

impl Session {
    /// A new session at the joint opening.
    pub fn start(case_id: i64, at: DateTime<Utc>) -> Self {
        Self {
            id: 0,
            case_id,
            started_at: at,
            ended_at: None,
            stage: StageKind::Opening,
            round: 0,
            present_party: None,
            met_this_round: Vec::new(),
            consents: Vec::new(),
            checked: Vec::new(),
        }
    }

    pub fn is_closed(&self) -> bool {
        self.ended_at.is_some()
    }

    /// What the room may see now.
    pub fn presence(&self) -> Presence {
        match (self.stage, self.present_party) {
            (StageKind::Caucus, Some(p)) => Presence::Caucus(p),
            _ => Presence::Joint,
        }
    }

    /// Records a party's consent (once; the first time stands).
    pub fn record_consent(&mut self, party: i64, at: DateTime<Utc>) -> Result<(), SessionError> {
        self.open()?;
        if !self.consents.iter().any(|(p, _)| *p == party) {
            self.consents.push((party, at));
        }
        Ok(())
    }

    /// The parties who have not consented yet.
    pub fn missing_consent(&self, parties: &[i64]) -> Vec<i64> {
        parties
            .iter()
            .copied()
            .filter(|p| !self.consents.iter().any(|(c, _)| c == p))
            .collect()
    }

    fn open(&self) -> Result<(), SessionError> {
        if self.is_closed() {
            Err(SessionError::Closed)
        } else {
            Ok(())
        }
    }

    /// Moves to a stage. The first caucus needs every party's consent and
    /// starts with `parties[0]` in the room.
    pub fn go_to(&mut self, stage: StageKind, parties: &[i64]) -> Result<(), SessionError> {
        self.open()?;
        if stage == StageKind::Caucus {
            let missing = self.missing_consent(parties);
            if !missing.is_empty() {
                return Err(SessionError::ConsentMissing(missing));
            }
            if self.stage != StageKind::Caucus {
                let first = self
                    .present_party
                    .filter(|p| parties.contains(p))
                    .or(parties.first().copied());
                self.round = self.round.max(1);
                self.present_party = first;
                self.met_this_round = first.into_iter().collect();
            }
        } else {
            self.present_party = None;
        }
        self.stage = stage;
        Ok(())
    }

    /// The next stage in order (caucus after statements, closing after
    /// caucus), or `None` at the closing.
    pub fn next_stage(&self) -> Option<StageKind> {
        match self.stage {
            StageKind::Opening => Some(StageKind::Statements),
            StageKind::Statements => Some(StageKind::Caucus),
            StageKind::Caucus => Some(StageKind::Closing),
            StageKind::Closing => None,
        }
    }

    /// The previous stage in order.
    pub fn previous_stage(&self) -> Option<StageKind> {
        match self.stage {
            StageKind::Opening => None,
            StageKind::Statements => Some(StageKind::Opening),
            StageKind::Caucus => Some(StageKind::Statements),
            StageKind::Closing => Some(StageKind::Caucus),
        }
    }

    /// The caucus moves to another party. Meeting a party again who was
    /// already met in this round starts the next round.
    pub fn switch_party(&mut self, party: i64, parties: &[i64]) -> Result<(), SessionError> {
        self.open()?;
        if self.stage != StageKind::Caucus {
            return Err(SessionError::NotInCaucus);
        }
        if !parties.contains(&party) {
            return Err(SessionError::UnknownParty);
        }
        if self.met_this_round.contains(&party) {
            self.round += 1;
            self.met_this_round.clear();
        }
        self.met_this_round.push(party);
        self.present_party = Some(party);
        Ok(())
    }

    /// Ticks or unticks a checklist entry.
    pub fn set_checked(&mut self, key: &str, checked: bool) {
        self.checked.retain(|k| k != key);
        if checked {
            self.checked.push(key.to_owned());
        }
    }

    /// Ends the session; from now on corrections are new entries.
    pub fn close(&mut self, at: DateTime<Utc>) -> Result<(), SessionError> {
        self.open()?;
        self.ended_at = Some(at);
        self.present_party = None;
        Ok(())
    }
}

/// The checklist of a stage: Fluent keys, from the locale files.
pub fn checklist(stage: StageKind) -> &'static [&'static str] {
    match stage {
        StageKind::Opening => &[
            "checklist-opening-introduce",
            "checklist-opening-voluntary",
            "checklist-opening-confidential",
            "checklist-opening-identity",
            "checklist-opening-consent",
        ],
        StageKind::Statements => &[
            "checklist-statements-each",
            "checklist-statements-listen",
            "checklist-statements-issues",
        ],
        StageKind::Caucus => &[
            "checklist-caucus-confidential",
            "checklist-caucus-interests",
            "checklist-caucus-alternative",
            "checklist-caucus-permission",
        ],
        StageKind::Closing => &[
            "checklist-closing-terms",
            "checklist-closing-read",
            "checklist-closing-agreement",
        ],
    }
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
            kind: ItemKind::Note,
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
            raw in proptest::collection::vec((1i64..5, disclosure(), "\\PC{0,12}"), 0..60),
            present in 1i64..5,
        ) {
            let items: Vec<RoomItem> = raw
                .into_iter()
                .enumerate()
                .map(|(i, (party, d, text))| {
                    let mut it = item(i as i64, party, d, &text);
                    if i % 2 == 0 {
                        it.offer = Some(Offer { amount: Some(Money::new(i as i64 * 100, Currency::Cny)), terms: text });
                    }
                    it
                })
                .collect();
            let view = room_view(&items, Presence::Caucus(present));
            for shown in view.all() {
                prop_assert!(shown.party_id == present || shown.disclosure.allows_sharing());
            }
            // The "to convey" list is exactly the others' may-share items.
            let expected: Vec<i64> = items
                .iter()
                .filter(|i| i.party_id != present && i.disclosure == Disclosure::MayShare)
                .map(|i| i.id)
                .collect();
            prop_assert_eq!(view.to_convey.iter().map(|i| i.id).collect::<Vec<_>>(), expected);
            // Every own item is shown, nothing is lost for the party present.
            prop_assert_eq!(view.own.len(), items.iter().filter(|i| i.party_id == present).count());
            for joint in room_view(&items, Presence::Joint).all() {
                prop_assert!(joint.disclosure.allows_sharing());
            }
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

    #[test]
    fn the_first_caucus_waits_for_every_consent() {
        let mut s = Session::start(1, Utc::now());
        s.go_to(StageKind::Statements, &[10, 20])
            .expect("statements");
        assert_eq!(
            s.go_to(StageKind::Caucus, &[10, 20]),
            Err(SessionError::ConsentMissing(vec![10, 20]))
        );
        s.record_consent(10, Utc::now()).expect("consent");
        assert_eq!(
            s.go_to(StageKind::Caucus, &[10, 20]),
            Err(SessionError::ConsentMissing(vec![20]))
        );
        s.record_consent(20, Utc::now()).expect("consent");
        s.go_to(StageKind::Caucus, &[10, 20]).expect("caucus");
        assert_eq!((s.round, s.presence()), (1, Presence::Caucus(10)));
    }

    #[test]
    fn caucus_rounds_alternate_between_the_parties() {
        let mut s = Session::start(1, Utc::now());
        for p in [10, 20, 30] {
            s.record_consent(p, Utc::now()).expect("consent");
        }
        s.go_to(StageKind::Caucus, &[10, 20, 30]).expect("caucus");
        s.switch_party(20, &[10, 20, 30]).expect("switch");
        s.switch_party(30, &[10, 20, 30]).expect("switch");
        assert_eq!(s.round, 1);
        s.switch_party(10, &[10, 20, 30]).expect("switch");
        assert_eq!(s.round, 2);
        assert_eq!(
            s.switch_party(99, &[10, 20, 30]),
            Err(SessionError::UnknownParty)
        );
        s.go_to(StageKind::Closing, &[10, 20, 30]).expect("closing");
        assert_eq!(s.presence(), Presence::Joint);
        s.close(Utc::now()).expect("close");
        assert_eq!(s.record_consent(10, Utc::now()), Err(SessionError::Closed));
    }
}
