//! The centre's desk around the room: who mediates a case (suggestions,
//! assignments, withdrawals), transfers to another body with their
//! answer, judicial confirmation, and oral agreements.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    Category, ValidationError,
    conflict::{Checker, Hit, Person},
    mediator::Mediator,
};

/// A mediator offered for a case, with the facts behind the rank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub mediator: Mediator,
    /// They list the case's category.
    pub handles_category: bool,
    /// Cases they are assigned to that are still open.
    pub open_cases: u32,
    /// The first day from today they work (today when they do).
    pub next_available: Option<NaiveDate>,
    /// Ties to someone in the case (see [`crate::conflict`]).
    pub conflicts: Vec<Hit>,
}

/// Ranks the active mediators for a case in `category`: those without a
/// tie first, then those who handle the category, then the soonest
/// available, then the fewest open cases, then by name.
pub fn rank(
    roster: &[Mediator],
    open_cases: &HashMap<i64, u32>,
    category: Category,
    today: NaiveDate,
    persons: &[Person],
) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = roster
        .iter()
        .filter(|m| m.details.active)
        .map(|m| Suggestion {
            handles_category: m.details.handles(category),
            open_cases: open_cases.get(&m.id).copied().unwrap_or(0),
            next_available: m.details.availability.next_available(today),
            conflicts: Checker::new(m).check(persons),
            mediator: m.clone(),
        })
        .collect();
    out.sort_by(|a, b| {
        (
            !a.conflicts.is_empty(),
            !a.handles_category,
            a.next_available.is_none(),
            a.next_available,
            a.open_cases,
        )
            .cmp(&(
                !b.conflicts.is_empty(),
                !b.handles_category,
                b.next_available.is_none(),
                b.next_available,
                b.open_cases,
            ))
            .then_with(|| a.mediator.details.name.cmp(&b.mediator.details.name))
    });
    out
}

/// A mediator on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub id: i64,
    pub case_id: i64,
    pub mediator_id: i64,
    pub mediator_name: String,
    /// The lead mediator (whose account owns the room).
    pub lead: bool,
    pub assigned_at: DateTime<Utc>,
    pub assigned_by: String,
    /// Why a mediator with a tie may still mediate (the conflict check's
    /// hits are kept with it).
    pub override_reason: Option<String>,
    pub conflicts: Vec<Hit>,
    pub ended_at: Option<DateTime<Utc>>,
    pub end_reason: Option<String>,
}

crate::choice! {
    /// The decision on a request that a mediator withdraw.
    pub enum RecusalDecision {
        Pending => "pending", "recusal-pending";
        Granted => "granted", "recusal-granted";
        Refused => "refused", "recusal-refused";
    }
}

/// A party's request that a mediator withdraw (People's Mediation Law
/// art. 22), and what was decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recusal {
    pub id: i64,
    pub case_id: i64,
    pub mediator_id: i64,
    pub mediator_name: String,
    pub party_id: i64,
    pub party_name: String,
    pub reason: String,
    pub requested_at: DateTime<Utc>,
    pub decision: RecusalDecision,
    pub decision_reason: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
}

crate::choice! {
    /// Where a case that belongs elsewhere goes.
    pub enum RoutingBody {
        Arbitration => "arbitration", "routing-body-arbitration";
        Court => "court", "routing-body-court";
        Police => "police", "routing-body-police";
        LabourInspection => "labour_inspection", "routing-body-labour-inspection";
        Hotline12345 => "hotline_12345", "routing-body-hotline";
        OtherCommittee => "other_committee", "routing-body-other-committee";
        Department => "department", "routing-body-department";
    }
}

/// What a transfer says: to whom, why, what was done, when to answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRouting {
    pub body: RoutingBody,
    /// The receiving body's name (青山区劳动人事争议仲裁委员会).
    pub body_name: String,
    pub reason: String,
    /// What the centre did before transferring.
    pub done: String,
    pub feedback_due: NaiveDate,
}

impl NewRouting {
    /// A name, a reason and what was done are required; the answer is
    /// due after `today`.
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationError> {
        crate::party::validate_name(&self.body_name)?;
        if self.reason.trim().is_empty() {
            return Err(ValidationError::ReasonEmpty);
        }
        if self.done.trim().is_empty() {
            return Err(ValidationError::ContentEmpty);
        }
        if self.feedback_due <= today {
            return Err(ValidationError::DateTime);
        }
        Ok(())
    }
}

/// The receiving body's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    /// Whether they took the case.
    pub accepted: bool,
    pub result: String,
    pub on: NaiveDate,
}

/// A transfer (分流) and its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Routing {
    pub id: i64,
    pub case_id: i64,
    #[serde(flatten)]
    pub slip: NewRouting,
    pub routed_at: DateTime<Utc>,
    pub routed_by: String,
    pub feedback: Option<Feedback>,
}

impl Routing {
    /// Whether the answer is late on `today`.
    pub fn feedback_late(&self, today: NaiveDate) -> bool {
        self.feedback.is_none() && self.feedback_due_passed(today)
    }

    fn feedback_due_passed(&self, today: NaiveDate) -> bool {
        today > self.slip.feedback_due
    }
}

/// Days after the agreement takes effect within which the parties apply
/// for judicial confirmation (Civil Procedure Law art. 205).
pub const JC_DAYS: u64 = 30;

/// The last day to apply for judicial confirmation of an agreement that
/// took effect on `effective`.
pub fn jc_deadline(effective: NaiveDate) -> NaiveDate {
    effective
        .checked_add_days(Days::new(JC_DAYS))
        .unwrap_or(effective)
}

crate::choice! {
    /// Why a court is the competent one (the basic court where the
    /// committee sits; or, on the interpretation's wider rule, of a
    /// party's domicile or where the subject matter lies).
    pub enum CourtBasis {
        CommitteeSeat => "committee_seat", "court-basis-committee-seat";
        PartyDomicile => "party_domicile", "court-basis-party-domicile";
        SubjectLocation => "subject_location", "court-basis-subject-location";
    }
}

crate::choice! {
    /// Matters a court does not confirm (民诉法解释 art. 357): personal
    /// status, parentage, adoption, the validity of a marriage.
    pub enum ExcludedMatter {
        PersonalStatus => "personal_status", "jc-excluded-personal-status";
        Parentage => "parentage", "jc-excluded-parentage";
        Adoption => "adoption", "jc-excluded-adoption";
        Marriage => "marriage", "jc-excluded-marriage";
    }
}

/// The excluded matters an agreement's text seems to touch (by words).
pub fn excluded_matters(text: &str) -> Vec<ExcludedMatter> {
    let lower = text.to_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    let mut out = Vec::new();
    if any(&["身份关系", "户籍", "personal status"]) {
        out.push(ExcludedMatter::PersonalStatus);
    }
    if any(&[
        "亲子关系",
        "亲生",
        "父子关系",
        "母子关系",
        "parentage",
        "paternity",
    ]) {
        out.push(ExcludedMatter::Parentage);
    }
    if any(&["收养", "adoption", "adopt "]) {
        out.push(ExcludedMatter::Adoption);
    }
    if any(&[
        "婚姻无效",
        "婚姻关系",
        "解除婚姻",
        "离婚",
        "撤销婚姻",
        "marriage",
        "divorce",
    ]) {
        out.push(ExcludedMatter::Marriage);
    }
    out
}

crate::choice! {
    /// Where a judicial confirmation stands.
    pub enum JcState {
        Prepared => "prepared", "jc-state-prepared";
        Filed => "filed", "jc-state-filed";
        Confirmed => "confirmed", "jc-state-confirmed";
        Rejected => "rejected", "jc-state-rejected";
    }
}

/// The application for judicial confirmation of a case's agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JudicialConfirmation {
    pub case_id: i64,
    pub court: String,
    pub basis: CourtBasis,
    pub state: JcState,
    pub prepared_at: DateTime<Utc>,
    pub filed_on: Option<NaiveDate>,
    /// The court's case number, e.g. （2026）青01民特123号 (调确字).
    pub court_number: Option<String>,
    pub ruled_on: Option<NaiveDate>,
    pub ruling_note: Option<String>,
}

crate::choice! {
    /// How far an oral agreement has been carried out.
    pub enum Performance {
        Performed => "performed", "performance-performed";
        Partly => "partly", "performance-partly";
        NotYet => "not_yet", "performance-not-yet";
    }
}

/// An agreement reached orally on the spot for a simple dispute
/// (People's Mediation Law art. 28): its content and performance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OralAgreement {
    pub case_id: i64,
    pub content: String,
    pub performance: Performance,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mediator::{Availability, MediatorDetails, MediatorType};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn m(id: i64, name: &str, cats: &[Category], weekdays: u8) -> Mediator {
        Mediator {
            id,
            details: MediatorDetails {
                name: name.into(),
                mediator_type: Some(MediatorType::FullTime),
                categories: cats.to_vec(),
                availability: Availability {
                    weekdays,
                    leave: Vec::new(),
                },
                active: true,
                ..Default::default()
            },
        }
    }

    #[test]
    fn specialty_then_availability_then_load() {
        let today = day(2026, 12, 1); // a Tuesday
        let roster = vec![
            m(1, "甲", &[Category::Family], 0b111_1111),
            m(2, "乙", &[Category::Neighbour], 0b000_0100), // Wednesdays
            m(3, "丙", &[Category::Neighbour], 0b000_0010), // Tuesdays
            m(4, "丁", &[Category::Neighbour], 0b000_0010),
            {
                let mut r = m(5, "戊", &[Category::Neighbour], 0b111_1111);
                r.details.active = false;
                r
            },
        ];
        let open = HashMap::from([(3, 5), (4, 2)]);
        let ranked = rank(&roster, &open, Category::Neighbour, today, &[]);
        let ids: Vec<i64> = ranked.iter().map(|s| s.mediator.id).collect();
        assert_eq!(ids, vec![4, 3, 2, 1], "retired 戊 is not offered");
        assert_eq!(ranked[0].open_cases, 2);
        assert_eq!(ranked[2].next_available, Some(day(2026, 12, 2)));
    }

    #[test]
    fn the_window_is_thirty_days_and_excluded_matters_are_seen() {
        assert_eq!(jc_deadline(day(2026, 12, 1)), day(2026, 12, 31));
        assert!(excluded_matters("王某赔偿李某维修费3000元").is_empty());
        assert_eq!(
            excluded_matters("双方自愿解除婚姻关系，婚生子由女方抚养"),
            vec![ExcludedMatter::Marriage]
        );
        assert_eq!(
            excluded_matters("确认甲与乙之间的亲子关系及收养关系"),
            vec![ExcludedMatter::Parentage, ExcludedMatter::Adoption]
        );
    }
}
