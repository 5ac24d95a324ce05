//! A mediation case: its number, category, how it came in, its lifecycle
//! and what is disputed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

use crate::{Choice, Field, Money, NewParty, Party, PartyRole, ValidationError, ValidationErrors};

/// A case number like `2025-0001`: the year it was received and a
/// sequence number unique within that year. It prints as it is written on
/// every document ([`fmt::Display`]) and parses back from that text
/// ([`FromStr`], e.g. `"2025-0001".parse::<CaseNumber>()`); the two round
/// trip. A text that is not a case number is
/// [`ValidationError::CaseNumber`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CaseNumber {
    pub year: i32,
    pub seq: u32,
}

impl CaseNumber {
    pub fn new(year: i32, seq: u32) -> Self {
        Self { year, seq }
    }

    /// The number in a centre's own format, where `{year}` is the year,
    /// `{seq}` the sequence number and `{seq4}` the same with four digits:
    /// "（{year}）青山人调字第{seq}号" gives "（2025）青山人调字第1号".
    pub fn formatted(&self, pattern: &str) -> String {
        pattern
            .replace("{year}", &self.year.to_string())
            .replace("{seq4}", &format!("{:04}", self.seq))
            .replace("{seq}", &self.seq.to_string())
    }
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:04}", self.year, self.seq)
    }
}

impl FromStr for CaseNumber {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (year, seq) = s
            .trim()
            .split_once('-')
            .ok_or(ValidationError::CaseNumber)?;
        let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || !all_digits(year) || seq.len() < 4 || !all_digits(seq) {
            return Err(ValidationError::CaseNumber);
        }
        let year = year.parse().map_err(|_| ValidationError::CaseNumber)?;
        let seq = seq.parse().map_err(|_| ValidationError::CaseNumber)?;
        if seq == 0 {
            return Err(ValidationError::CaseNumber);
        }
        Ok(Self { year, seq })
    }
}

crate::choice! {
    /// What the dispute is about.
    pub enum Category {
        Neighbour => "neighbour", "category-neighbour";
        PropertyManagement => "property_management", "category-property-management";
        Contract => "contract", "category-contract";
        Finance => "finance", "category-finance";
        Family => "family", "category-family";
        Labour => "labour", "category-labour";
        Consumer => "consumer", "category-consumer";
        Other => "other", "category-other";
    }
}

crate::choice! {
    /// How the case reached the centre.
    pub enum IntakeChannel {
        WalkIn => "walk_in", "channel-walk-in";
        Phone => "phone", "channel-phone";
        Online => "online", "channel-online";
        GridReport => "grid_report", "channel-grid-report";
        Referral => "referral", "channel-referral";
    }
}

crate::choice! {
    /// Where a case stands. See [`CaseStatus::can_become`] for the lifecycle.
    pub enum CaseStatus {
        Received => "received", "status-received";
        Assigned => "assigned", "status-assigned";
        InMediation => "in_mediation", "status-in-mediation";
        Settled => "settled", "status-settled";
        NotSettled => "not_settled", "status-not-settled";
        Referred => "referred", "status-referred";
        Closed => "closed", "status-closed";
    }
}

impl CaseStatus {
    /// The lifecycle: received -> assigned -> in mediation -> settled or
    /// not settled -> closed. A case that cannot be settled here may be
    /// referred (to a court, the police, a petition office) at any point
    /// before it is closed or settled; a referred case is then closed.
    pub fn can_become(self, next: CaseStatus) -> bool {
        use CaseStatus::*;
        matches!(
            (self, next),
            (Received, Assigned)
                | (Assigned, InMediation)
                | (InMediation, Settled | NotSettled)
                | (Settled | NotSettled | Referred, Closed)
                | (Received | Assigned | InMediation | NotSettled, Referred)
        )
    }

    /// Checks a transition, naming both states when it is illegal.
    pub fn transition(self, next: CaseStatus) -> Result<CaseStatus, ValidationError> {
        if self.can_become(next) {
            Ok(next)
        } else {
            Err(ValidationError::IllegalTransition {
                from: self.code(),
                to: next.code(),
            })
        }
    }

    /// States the case may move to from here, in the order offered.
    pub fn next_states(self) -> Vec<CaseStatus> {
        Self::ALL
            .iter()
            .copied()
            .filter(|&s| self.can_become(s))
            .collect()
    }
}

/// One matter in dispute (e.g. "compensation for the ceiling damage").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputedIssue {
    pub id: i64,
    pub title: String,
    /// What is claimed, if the issue is about money.
    pub claimed: Option<Money>,
}

/// An issue as typed in the form.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewIssue {
    pub title: String,
    pub claimed: Option<Money>,
}

/// A case as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: i64,
    pub number: CaseNumber,
    pub category: Category,
    pub channel: IntakeChannel,
    pub received_at: DateTime<Utc>,
    pub summary: String,
    pub status: CaseStatus,
    pub parties: Vec<Party>,
    pub issues: Vec<DisputedIssue>,
    /// When anything about the case last changed (sorts the case list).
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version, bumped on every change.
    pub version: i64,
}

impl Case {
    /// The first party with this role.
    pub fn first(&self, role: PartyRole) -> Option<&Party> {
        self.parties.iter().find(|p| p.role == role)
    }

    /// The party with this id, if it belongs to the case.
    pub fn party(&self, id: i64) -> Option<&Party> {
        self.parties.iter().find(|p| p.id == id)
    }
}

/// A validated case ready to be stored (the store assigns the number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidCase {
    pub category: Category,
    pub channel: IntakeChannel,
    pub received_at: DateTime<Utc>,
    pub summary: String,
    pub parties: Vec<Party>,
    pub issues: Vec<NewIssue>,
}

/// The intake form's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCase {
    pub category: Category,
    pub channel: IntakeChannel,
    pub received_at: DateTime<Utc>,
    pub summary: String,
    pub parties: Vec<NewParty>,
    pub issues: Vec<NewIssue>,
}

const MAX_SUMMARY: usize = 4000;

impl NewCase {
    /// Validates the whole form and returns every error with its field.
    pub fn validate(&self) -> Result<ValidCase, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let summary = self.summary.trim();
        if summary.is_empty() {
            errors.push(Field::Summary, ValidationError::SummaryEmpty);
        } else if summary.chars().count() > MAX_SUMMARY {
            errors.push(
                Field::Summary,
                ValidationError::TooLong { max: MAX_SUMMARY },
            );
        }
        let mut parties = Vec::new();
        for (i, p) in self.parties.iter().enumerate() {
            match p.validate(i) {
                Ok(p) => parties.push(p),
                Err(e) => errors.0.extend(e.0),
            }
        }
        let has = |role| {
            self.parties
                .iter()
                .any(|p| p.role.unwrap_or(PartyRole::Applicant) == role)
        };
        if !has(PartyRole::Applicant) {
            errors.push(Field::Parties, ValidationError::NoApplicant);
        }
        if !has(PartyRole::Respondent) {
            errors.push(Field::Parties, ValidationError::NoRespondent);
        }
        let mut issues = Vec::new();
        for (i, issue) in self.issues.iter().enumerate() {
            let title = issue.title.trim();
            if title.is_empty() && issue.claimed.is_none() {
                continue; // an empty row the user did not fill in
            }
            if title.is_empty() {
                errors.push(Field::Issue(i), ValidationError::NameEmpty);
            } else if title.chars().count() > 200 {
                errors.push(Field::Issue(i), ValidationError::TooLong { max: 200 });
            }
            issues.push(NewIssue {
                title: title.to_owned(),
                claimed: issue.claimed,
            });
        }
        errors.into_result()?;
        Ok(ValidCase {
            category: self.category,
            channel: self.channel,
            received_at: self.received_at,
            summary: summary.to_owned(),
            parties,
            issues,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PartyField;

    #[test]
    fn case_numbers_round_trip() {
        let n: CaseNumber = "2025-0001".parse().expect("valid");
        assert_eq!(n, CaseNumber::new(2025, 1));
        assert_eq!(n.to_string(), "2025-0001");
        assert_eq!(CaseNumber::new(2025, 12345).to_string(), "2025-12345");
        for bad in [
            "2025-1",
            "25-0001",
            "2025_0001",
            "2025-0000",
            "abcd-0001",
            "2025-",
            "",
        ] {
            assert_eq!(
                bad.parse::<CaseNumber>(),
                Err(ValidationError::CaseNumber),
                "{bad}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn every_case_number_prints_and_parses_back(year in 0..=9999i32, seq in 1..=99_999u32) {
            let n = CaseNumber::new(year, seq);
            proptest::prop_assert_eq!(n.to_string().parse::<CaseNumber>(), Ok(n));
        }
    }

    #[test]
    fn a_party_is_found_by_its_id() {
        let case = crate::demo::water_leak_stored_case();
        let first = &case.parties[0];
        assert_eq!(case.party(first.id), Some(first));
        assert_eq!(case.party(-1), None);
    }

    #[test]
    fn the_happy_path_of_a_case() {
        use CaseStatus::*;
        for (from, to) in [
            (Received, Assigned),
            (Assigned, InMediation),
            (InMediation, Settled),
            (Settled, Closed),
        ] {
            assert_eq!(from.transition(to), Ok(to));
        }
        assert!(InMediation.can_become(NotSettled));
        assert!(NotSettled.can_become(Closed));
        assert!(Received.can_become(Referred));
        assert!(Referred.can_become(Closed));
    }

    #[test]
    fn every_illegal_transition_is_rejected() {
        use CaseStatus::*;
        let legal = [
            (Received, Assigned),
            (Received, Referred),
            (Assigned, InMediation),
            (Assigned, Referred),
            (InMediation, Settled),
            (InMediation, NotSettled),
            (InMediation, Referred),
            (Settled, Closed),
            (NotSettled, Closed),
            (NotSettled, Referred),
            (Referred, Closed),
        ];
        for &from in CaseStatus::ALL {
            for &to in CaseStatus::ALL {
                let result = from.transition(to);
                if legal.contains(&(from, to)) {
                    assert_eq!(result, Ok(to));
                } else {
                    assert_eq!(
                        result,
                        Err(ValidationError::IllegalTransition {
                            from: from.code(),
                            to: to.code()
                        }),
                        "{from:?} -> {to:?} must be refused"
                    );
                }
            }
        }
        assert!(Closed.next_states().is_empty());
    }

    fn form() -> NewCase {
        NewCase {
            category: Category::Neighbour,
            channel: IntakeChannel::GridReport,
            received_at: Utc::now(),
            summary: "六楼饮用水管反复漏水".into(),
            parties: vec![
                NewParty {
                    name: "王建国".into(),
                    role: Some(PartyRole::Respondent),
                    ..NewParty::default()
                },
                NewParty {
                    name: "李玥".into(),
                    role: Some(PartyRole::Applicant),
                    ..NewParty::default()
                },
            ],
            issues: vec![NewIssue::default()],
        }
    }

    #[test]
    fn a_complete_form_validates_and_skips_empty_issue_rows() {
        let valid = form().validate().expect("valid");
        assert_eq!(valid.parties.len(), 2);
        assert!(valid.issues.is_empty());
    }

    #[test]
    fn a_form_reports_all_its_errors_at_once() {
        let mut f = form();
        f.summary = "  ".into();
        f.parties[0].role = Some(PartyRole::Applicant);
        f.parties[1].id_number = "110105194912310021".into();
        let errors = f.validate().expect_err("invalid");
        assert_eq!(
            errors.for_field(Field::Summary),
            Some(&ValidationError::SummaryEmpty)
        );
        assert_eq!(
            errors.for_field(Field::Parties),
            Some(&ValidationError::NoRespondent)
        );
        assert_eq!(
            errors.for_field(Field::Party(1, PartyField::IdNumber)),
            Some(&ValidationError::IdCheckCharacter)
        );
    }

    #[test]
    fn a_centre_writes_the_number_in_its_own_format() {
        let n = CaseNumber::new(2025, 1);
        assert_eq!(
            n.formatted("（{year}）青山人调字第{seq}号"),
            "（2025）青山人调字第1号"
        );
        assert_eq!(
            CaseNumber::new(2025, 187).formatted("东湖调字〔{year}〕第{seq4}号"),
            "东湖调字〔2025〕第0187号"
        );
        assert_eq!(n.formatted("no placeholders"), "no placeholders");
    }
}
