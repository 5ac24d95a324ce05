//! What changes a final agreement once it is sealed and handed out: a
//! supplementary agreement (补充协议) the parties make, or the record that
//! they rescinded it (解除). Each is a new document beside the final
//! agreement, which itself never changes; after a rescission nothing more
//! is recorded, and its open follow-ups end.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::ValidationError;

crate::choice! {
    /// What a change after finalising is.
    pub enum AmendmentKind {
        Supplementary => "supplementary", "amendment-kind-supplementary";
        Rescission => "rescission", "amendment-kind-rescission";
    }
}

/// The longest text of one amendment, in characters.
pub const AMENDMENT_TEXT_MAX: usize = 8000;

/// A supplementary agreement or rescission as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amendment {
    pub id: i64,
    /// 1, 2, … per agreement ("补充协议（一）").
    pub number: i32,
    pub kind: AmendmentKind,
    /// The agreed terms (a supplementary agreement, one term a line) or
    /// what the parties agreed on ending it and why (a rescission).
    pub text: String,
    /// The day the parties agreed it.
    pub agreed_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

impl Amendment {
    /// The terms, one a line, without empty lines.
    pub fn terms(&self) -> Vec<&str> {
        self.text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }
}

/// A supplementary agreement or rescission as the user entered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAmendment {
    pub kind: AmendmentKind,
    pub text: String,
    pub agreed_on: NaiveDate,
}

impl NewAmendment {
    /// Refuses an empty or over-long text and a day after `today`.
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationError> {
        let text = self.text.trim();
        if text.is_empty() {
            return Err(ValidationError::AmendmentEmpty);
        }
        if text.chars().count() > AMENDMENT_TEXT_MAX {
            return Err(ValidationError::TooLong {
                max: AMENDMENT_TEXT_MAX,
            });
        }
        if self.agreed_on > today {
            return Err(ValidationError::DateInFuture);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, d).expect("date")
    }

    #[test]
    fn an_amendment_needs_words_and_a_day_that_has_come() {
        let new = |text: &str, on| NewAmendment {
            kind: AmendmentKind::Supplementary,
            text: text.into(),
            agreed_on: on,
        };
        let today = day(10);
        assert_eq!(
            new("  \n ", today).validate(today),
            Err(ValidationError::AmendmentEmpty)
        );
        assert_eq!(
            new("付款期限延至2025年4月30日。", day(11)).validate(today),
            Err(ValidationError::DateInFuture)
        );
        assert_eq!(
            new(&"字".repeat(AMENDMENT_TEXT_MAX + 1), today).validate(today),
            Err(ValidationError::TooLong {
                max: AMENDMENT_TEXT_MAX
            })
        );
        assert_eq!(
            new("付款期限延至2025年4月30日。", today).validate(today),
            Ok(())
        );
    }

    #[test]
    fn the_terms_are_the_lines_that_say_something() {
        let a = Amendment {
            id: 1,
            number: 1,
            kind: AmendmentKind::Supplementary,
            text: "一、付款期限延至4月30日。\n\n  二、其余条款不变。  \n".into(),
            agreed_on: day(1),
            recorded_at: Utc::now(),
            recorded_by: "边文玲".into(),
        };
        assert_eq!(
            a.terms(),
            ["一、付款期限延至4月30日。", "二、其余条款不变。"]
        );
    }
}
