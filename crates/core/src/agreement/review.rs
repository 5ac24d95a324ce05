//! Where an agreement stands in review, and the agreement as stored: every
//! saved draft is a version; a legal advisor approves or returns it with a
//! comment; an approved, complete agreement is finalised with the SHA-256
//! of its canonical content.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::AgreementContent;

crate::choice! {
    /// Where an agreement stands in review.
    pub enum AgreementStatus {
        Draft => "draft", "agreement-status-draft";
        InReview => "in_review", "agreement-status-in-review";
        Returned => "returned", "agreement-status-returned";
        Approved => "approved", "agreement-status-approved";
        Final => "final", "agreement-status-final";
    }
}

impl AgreementStatus {
    /// The review workflow: a draft goes to the legal advisor, who approves
    /// it or returns it with comments; an approved agreement is finalised
    /// (hashed and locked). Editing a returned, approved or final agreement
    /// makes a new draft version that needs approval again.
    pub fn can_become(self, next: AgreementStatus) -> bool {
        use AgreementStatus::*;
        matches!(
            (self, next),
            (Draft, InReview)
                | (InReview, Approved | Returned)
                | (Returned | Approved | Final, Draft)
                | (Approved, Final)
        )
    }

    /// Whether the content may be changed in place (otherwise a change
    /// starts a new draft version).
    pub fn editable(self) -> bool {
        self == AgreementStatus::Draft
    }
}

/// One stored version of an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementVersion {
    pub number: i32,
    pub content: AgreementContent,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    /// The writer's user id: `None` for the program, and for versions
    /// saved before it was recorded (then only the name tells).
    #[serde(default)]
    pub created_by_id: Option<i64>,
    /// The reviewer's decision on this version:
    /// [`AgreementStatus::Approved`] or [`AgreementStatus::Returned`].
    pub decision: Option<AgreementStatus>,
    pub review_comment: Option<String>,
    pub reviewed_by: Option<String>,
}

/// An agreement with all its versions, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementRecord {
    pub id: i64,
    pub case_id: i64,
    pub status: AgreementStatus,
    pub versions: Vec<AgreementVersion>,
    pub final_version: Option<i32>,
    pub final_hash: Option<String>,
    /// When the final version was locked.
    pub finalised_at: Option<DateTime<Utc>>,
}

impl AgreementVersion {
    /// Whether the user `user_id`, called `name`, wrote this version: by
    /// id, or by name for a version saved without one. Four eyes: nobody
    /// approves or returns a version they wrote.
    pub fn written_by(&self, user_id: i64, name: &str) -> bool {
        match self.created_by_id {
            Some(id) => id == user_id,
            None => self.created_by == name,
        }
    }
}

impl AgreementRecord {
    /// The newest version.
    pub fn current(&self) -> Option<&AgreementVersion> {
        self.versions.last()
    }
}

#[cfg(test)]
mod workflow_tests {
    use super::AgreementStatus::{self, *};
    use crate::Choice;

    #[test]
    fn only_an_approved_agreement_can_be_finalised() {
        assert!(Draft.can_become(InReview));
        assert!(InReview.can_become(Approved));
        assert!(InReview.can_become(Returned));
        assert!(Approved.can_become(Final));
        for &from in AgreementStatus::ALL {
            if from != Approved {
                assert!(!from.can_become(Final), "{from:?} must not be finalised");
            }
        }
        assert!(
            Final.can_become(Draft),
            "a change after finalising is a new version"
        );
        assert!(!Final.can_become(Approved));
        assert!(!Draft.can_become(Approved), "no approval without review");
        assert!(Draft.editable() && !Final.editable() && !InReview.editable());
    }
}
