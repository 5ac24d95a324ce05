//! The centre's "1+N" roster: its own mediators and the people the
//! partner units (police station, judicial office, people's tribunal,
//! labour, housing, the bar, psychologists, grid workers) send. Who
//! handles which categories, speaks which languages, works which days,
//! and whom they must not mediate for (declared relations: see
//! [`crate::conflict`]).

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::{Category, ValidationError};

crate::choice! {
    /// The kind of mediator on the roster.
    pub enum MediatorType {
        FullTime => "full_time", "mediator-type-full-time";
        PartTime => "part_time", "mediator-type-part-time";
        CourtInvited => "court_invited", "mediator-type-court-invited";
        Lawyer => "lawyer", "mediator-type-lawyer";
        LegalAdvisor => "legal_advisor", "mediator-type-legal-advisor";
        Psychologist => "psychologist", "mediator-type-psychologist";
        GridWorker => "grid_worker", "mediator-type-grid-worker";
        Volunteer => "volunteer", "mediator-type-volunteer";
        PartnerUnit => "partner_unit", "mediator-type-partner-unit";
    }
}

crate::choice! {
    /// How a mediator is tied to someone they must not mediate for.
    pub enum RelationKind {
        Relative => "relative", "relation-kind-relative";
        FormerEmployer => "former_employer", "relation-kind-former-employer";
        Neighbour => "neighbour", "relation-kind-neighbour";
        Business => "business", "relation-kind-business";
        Other => "other", "relation-kind-other";
    }
}

/// Someone a mediator declared a tie to: a relative, a former employer, a
/// neighbour. Matched by ID number (or credit code) or by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclaredRelation {
    pub kind: RelationKind,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// When a mediator works: weekdays, and days of leave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    /// Monday is bit 0, Sunday bit 6.
    pub weekdays: u8,
    /// Inclusive ranges of days off.
    #[serde(default)]
    pub leave: Vec<(NaiveDate, NaiveDate)>,
}

impl Default for Availability {
    /// Monday to Friday, no leave.
    fn default() -> Self {
        Self {
            weekdays: 0b001_1111,
            leave: Vec::new(),
        }
    }
}

impl Availability {
    /// Whether `weekday` is one of the working days.
    pub fn works_on(&self, weekday: Weekday) -> bool {
        self.weekdays & (1 << weekday.num_days_from_monday()) != 0
    }

    /// Whether they work on `day`: a working weekday and not on leave.
    pub fn available_on(&self, day: NaiveDate) -> bool {
        self.works_on(day.weekday())
            && !self
                .leave
                .iter()
                .any(|(from, to)| *from <= day && day <= *to)
    }

    /// The first day from `from` (itself included, at most 8 weeks on) on
    /// which they work.
    pub fn next_available(&self, from: NaiveDate) -> Option<NaiveDate> {
        from.iter_days().take(56).find(|d| self.available_on(*d))
    }
}

/// A roster entry as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mediator {
    pub id: i64,
    #[serde(flatten)]
    pub details: MediatorDetails,
}

/// What an administrator types about a mediator.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MediatorDetails {
    pub name: String,
    pub mediator_type: Option<MediatorType>,
    /// The unit they come from (the centre, 青山路派出所, a law firm).
    pub unit: String,
    pub categories: Vec<Category>,
    /// Languages and dialects besides Mandarin (粤语, English...).
    pub languages: Vec<String>,
    pub availability: Availability,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub relations: Vec<DeclaredRelation>,
    /// The user account that works as this mediator, if any.
    pub user_id: Option<i64>,
    pub active: bool,
}

impl MediatorDetails {
    /// Checks what was typed: a name and a type are required, an ID
    /// number must be a valid one, a declared relation needs a name. The
    /// first mistake found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        crate::party::validate_name(&self.name)?;
        if self.mediator_type.is_none() {
            return Err(ValidationError::MediatorTypeMissing);
        }
        if let Some(id) = self.id_number.as_deref().filter(|s| !s.trim().is_empty()) {
            crate::ResidentId::parse(id)?;
        }
        if self.relations.iter().any(|r| r.name.trim().is_empty()) {
            return Err(ValidationError::NameEmpty);
        }
        Ok(())
    }

    /// Whether they handle `category` (nobody listed handles every one).
    pub fn handles(&self, category: Category) -> bool {
        self.categories.contains(&category)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn availability_is_weekdays_minus_leave() {
        let mut a = Availability {
            weekdays: 0b000_0010, // Tuesdays
            leave: vec![(day(2026, 12, 1), day(2026, 12, 7))],
        };
        // 2026-12-01 is a Tuesday, on leave; the next Tuesday is the 8th.
        assert!(!a.available_on(day(2026, 12, 1)));
        assert_eq!(a.next_available(day(2026, 12, 1)), Some(day(2026, 12, 8)));
        a.leave.clear();
        assert_eq!(a.next_available(day(2026, 12, 2)), Some(day(2026, 12, 8)));
        assert!(a.available_on(day(2026, 12, 1)));
        a.weekdays = 0;
        assert_eq!(a.next_available(day(2026, 12, 2)), None);
    }

    #[test]
    fn a_mediator_needs_a_name_a_type_and_a_real_id_number() {
        let mut m = MediatorDetails {
            name: " ".into(),
            id_number: Some("110101199003071234".into()),
            relations: vec![DeclaredRelation {
                kind: RelationKind::Relative,
                name: String::new(),
                id_number: None,
                note: String::new(),
            }],
            ..Default::default()
        };
        assert_eq!(m.validate(), Err(ValidationError::NameEmpty));
        m.name = "边文玲".into();
        assert_eq!(m.validate(), Err(ValidationError::MediatorTypeMissing));
        m.mediator_type = Some(MediatorType::CourtInvited);
        assert_eq!(m.validate(), Err(ValidationError::IdCheckCharacter));
        m.id_number = None;
        assert_eq!(
            m.validate(),
            Err(ValidationError::NameEmpty),
            "the relation"
        );
        m.relations[0].name = "边建国".into();
        assert_eq!(m.validate(), Ok(()));
    }
}
