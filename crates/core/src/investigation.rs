//! What the centre writes down around the mediation itself and keeps in
//! the case file: an investigation (人民调解调查记录: when and where, who
//! investigated, whom they heard, what they found) and a return visit
//! after the agreement (人民调解回访记录: how the parties were reached,
//! whether the agreement was performed, how satisfied they are).
//!
//! Both are validated here, each error with its field, as the intake form
//! is ([`crate::ValidationErrors`]); the store persists them and the
//! document crate prints them.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::{ValidationError, desk::Performance, followup::Satisfaction};

/// The longest name, place or list entry, in characters.
const MAX_LINE: usize = 200;
/// The longest findings or details text, in characters.
const MAX_TEXT: usize = 8000;

/// Which field of an investigation or a return visit an error belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum RecordField {
    /// When it took place.
    When,
    Place,
    /// Who investigated, or who made the visit.
    Staff,
    /// Who was heard, or who was visited.
    Persons,
    /// What was found, or how the agreement was performed.
    Text,
}

/// An error attached to the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordError {
    pub field: RecordField,
    pub error: ValidationError,
}

/// All errors of an investigation or return-visit form; the form shows
/// each next to its field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, thiserror::Error)]
#[error("{} field(s) are not valid", .0.len())]
pub struct RecordErrors(pub Vec<RecordError>);

impl RecordErrors {
    pub fn push(&mut self, field: RecordField, error: ValidationError) {
        self.0.push(RecordError { field, error });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first error for a field, if any.
    pub fn for_field(&self, field: RecordField) -> Option<&ValidationError> {
        self.0.iter().find(|e| e.field == field).map(|e| &e.error)
    }

    /// Turns a collected list into a result.
    pub fn into_result(self) -> Result<(), Self> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }

    /// A required text: not blank, not longer than `max`.
    fn text(&mut self, field: RecordField, text: &str, empty: ValidationError, max: usize) {
        let text = text.trim();
        if text.is_empty() {
            self.push(field, empty);
        } else if text.chars().count() > max {
            self.push(field, ValidationError::TooLong { max });
        }
    }

    /// A list of names with at least one; every name is checked.
    fn names(&mut self, field: RecordField, names: &[String]) {
        let given: Vec<&str> = names
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
            .collect();
        if given.is_empty() {
            self.push(field, ValidationError::NameEmpty);
        }
        if let Some(Err(e)) = given
            .iter()
            .map(|n| crate::party::validate_name(n))
            .find(Result::is_err)
        {
            self.push(field, e);
        }
    }
}

/// An investigation of the facts of the dispute: a visit to the site,
/// hearing a party, a witness or a neighbour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Investigation {
    /// Database id; 0 until stored.
    pub id: i64,
    pub case_id: i64,
    /// When it began, in the centre's local time (UTC+8).
    pub at: NaiveDateTime,
    /// Where ("青五社区3栋2单元501室（现场）").
    pub place: String,
    /// Who investigated: the mediators, staff of the justice office.
    pub investigators: Vec<String>,
    /// Who kept the record, when someone other than the investigators did.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recorder: String,
    /// Who was heard or present (被调查人、在场人): each signs the record.
    pub persons: Vec<String>,
    /// What was asked and found, as written up (lines kept).
    pub findings: String,
}

impl Investigation {
    /// A place, an investigator, a person heard and the findings are
    /// required; it took place no later than `now` (local time).
    pub fn validate(&self, now: NaiveDateTime) -> Result<(), RecordErrors> {
        let mut errors = RecordErrors::default();
        if self.at > now {
            errors.push(RecordField::When, ValidationError::DateInFuture);
        }
        errors.text(
            RecordField::Place,
            &self.place,
            ValidationError::ContentEmpty,
            MAX_LINE,
        );
        errors.names(RecordField::Staff, &self.investigators);
        errors.names(RecordField::Persons, &self.persons);
        errors.text(
            RecordField::Text,
            &self.findings,
            ValidationError::ContentEmpty,
            MAX_TEXT,
        );
        errors.into_result()
    }
}

crate::choice! {
    /// How the parties were reached on a return visit.
    pub enum VisitWay {
        InPerson => "in_person", "visit-way-in-person";
        Phone => "phone", "visit-way-phone";
    }
}

/// A return visit after an agreement (回访): whether it was performed and
/// what the parties think of the mediation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnVisit {
    /// Database id; 0 until stored.
    pub id: i64,
    pub case_id: i64,
    pub on: NaiveDate,
    pub way: VisitWay,
    /// Whom the visitor spoke to (the parties, a relative).
    pub visited: Vec<String>,
    /// Who made the visit (a mediator).
    pub visitor: String,
    /// How far the agreement has been carried out.
    pub performance: Performance,
    /// What was and was not performed; required unless performed in full.
    pub details: String,
    pub satisfaction: Satisfaction,
    /// What the parties said about the mediation, if anything.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub opinions: String,
}

impl ReturnVisit {
    /// Who was visited and who visited are required, the day is no later
    /// than `today`, and an agreement not performed in full says what is
    /// missing.
    pub fn validate(&self, today: NaiveDate) -> Result<(), RecordErrors> {
        let mut errors = RecordErrors::default();
        if self.on > today {
            errors.push(RecordField::When, ValidationError::DateInFuture);
        }
        errors.names(RecordField::Persons, &self.visited);
        if let Err(e) = crate::party::validate_name(&self.visitor) {
            errors.push(RecordField::Staff, e);
        }
        if self.performance != Performance::Performed || !self.details.trim().is_empty() {
            errors.text(
                RecordField::Text,
                &self.details,
                ValidationError::ContentEmpty,
                MAX_TEXT,
            );
        }
        if self.opinions.chars().count() > MAX_TEXT {
            errors.push(
                RecordField::Text,
                ValidationError::TooLong { max: MAX_TEXT },
            );
        }
        errors.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 2, d)
            .and_then(|d| d.and_hms_opt(h, 30, 0))
            .expect("date")
    }

    fn investigation() -> Investigation {
        Investigation {
            id: 0,
            case_id: 1,
            at: at(11, 14),
            place: "青五社区3栋2单元501室".into(),
            investigators: vec!["边文玲".into(), "李瑞芳".into()],
            recorder: String::new(),
            persons: vec!["李玥".into()],
            findings: "顶棚有约2平方米水渍。".into(),
        }
    }

    #[test]
    fn a_complete_investigation_is_valid() {
        assert_eq!(investigation().validate(at(12, 9)), Ok(()));
    }

    #[test]
    fn an_investigation_reports_every_missing_field() {
        let mut i = investigation();
        i.place = "  ".into();
        i.findings = String::new();
        i.investigators = vec![" ".into()];
        i.persons.clear();
        i.at = at(20, 9);
        let errors = i.validate(at(12, 9)).expect_err("invalid");
        assert_eq!(
            errors.for_field(RecordField::Place),
            Some(&ValidationError::ContentEmpty)
        );
        assert_eq!(
            errors.for_field(RecordField::Text),
            Some(&ValidationError::ContentEmpty)
        );
        assert_eq!(
            errors.for_field(RecordField::Staff),
            Some(&ValidationError::NameEmpty)
        );
        assert_eq!(
            errors.for_field(RecordField::Persons),
            Some(&ValidationError::NameEmpty)
        );
        assert_eq!(
            errors.for_field(RecordField::When),
            Some(&ValidationError::DateInFuture)
        );
        let mut long = investigation();
        long.place = "地".repeat(MAX_LINE + 1);
        assert_eq!(
            long.validate(at(12, 9))
                .expect_err("too long")
                .for_field(RecordField::Place),
            Some(&ValidationError::TooLong { max: MAX_LINE })
        );
    }

    fn visit() -> ReturnVisit {
        ReturnVisit {
            id: 0,
            case_id: 1,
            on: NaiveDate::from_ymd_opt(2025, 4, 8).expect("date"),
            way: VisitWay::Phone,
            visited: vec!["李玥".into()],
            visitor: "边文玲".into(),
            performance: Performance::Performed,
            details: String::new(),
            satisfaction: Satisfaction::Satisfied,
            opinions: String::new(),
        }
    }

    #[test]
    fn a_visit_needs_details_unless_everything_was_performed() {
        let today = NaiveDate::from_ymd_opt(2025, 4, 9).expect("date");
        assert_eq!(visit().validate(today), Ok(()));
        let mut partly = visit();
        partly.performance = Performance::Partly;
        assert_eq!(
            partly
                .validate(today)
                .expect_err("details")
                .for_field(RecordField::Text),
            Some(&ValidationError::ContentEmpty)
        );
        partly.details = "第二期3000元尚未支付。".into();
        assert_eq!(partly.validate(today), Ok(()));
        let mut nobody = visit();
        nobody.visited.clear();
        nobody.visitor = String::new();
        let errors = nobody
            .validate(NaiveDate::from_ymd_opt(2025, 4, 1).expect("date"))
            .expect_err("invalid");
        assert_eq!(errors.0.len(), 3);
        assert_eq!(
            errors.for_field(RecordField::When),
            Some(&ValidationError::DateInFuture)
        );
    }
}

crate::choice! {
    /// What a scan in the case file is, which decides its place in the
    /// file's order.
    pub enum AttachmentKind {
        Identity => "identity", "attachment-kind-identity";
        PowerOfAttorney => "power_of_attorney", "attachment-kind-power-of-attorney";
        Evidence => "evidence", "attachment-kind-evidence";
        Receipt => "receipt", "attachment-kind-receipt";
        Other => "other", "attachment-kind-other";
    }
}
