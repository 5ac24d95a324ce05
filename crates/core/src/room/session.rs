//! A session of the mediation room: its stages in order, the parties'
//! consent before the first caucus, caucus rounds, and the checklist the
//! mediator ticks at each stage.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Presence, StageKind};

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
    /// The mediator's notes are for mediators only: they are never passed
    /// on, nor allowed to be.
    #[error("a mediator's note is never shared")]
    NoteNotShared,
}

impl SessionError {
    /// The Fluent key of the message.
    pub fn key(&self) -> &'static str {
        match self {
            Self::ConsentMissing(_) => "session-error-consent",
            Self::Closed => "session-error-closed",
            Self::UnknownParty => "session-error-party",
            Self::NotInCaucus => "session-error-not-caucus",
            Self::NoteNotShared => "session-error-note-not-shared",
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
