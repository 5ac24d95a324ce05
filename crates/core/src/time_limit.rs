//! 限时办结: when a case must be settled. 《人民调解工作若干规定》 art. 33:
//! a mediation is to be completed within one month of acceptance unless
//! the parties agree otherwise; a case entrusted by a court carries the
//! court's date. A later date needs every party's consent, recorded with
//! its reason. The board and Today ask how near each case is.

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::ValidationError;

/// One month after `accepted`, the same day of the month where there is
/// one (31 January → the last day of February).
pub fn default_due(accepted: NaiveDate) -> NaiveDate {
    accepted
        .checked_add_months(Months::new(1))
        .unwrap_or(accepted)
}

/// A later due date the parties agreed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub to: NaiveDate,
    pub reason: String,
    /// The parties (ids) who consented: every party of the case.
    pub consented_by: Vec<i64>,
    pub at: DateTime<Utc>,
}

/// When a case is due and how it got that date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeLimit {
    pub accepted: NaiveDate,
    /// A date set at acceptance instead of the month (a court's date).
    pub set: Option<NaiveDate>,
    pub extensions: Vec<Extension>,
}

/// How near a case is to its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    /// More than the warning days left.
    OnTime,
    /// Due within the warning days (1 = tomorrow).
    Near { days_left: i64 },
    /// Due today.
    Today,
    /// Past its due date by this many days.
    Overdue { days: i64 },
}

impl TimeLimit {
    /// The month from acceptance, or the date set.
    pub fn new(accepted: NaiveDate, set: Option<NaiveDate>) -> Self {
        Self {
            accepted,
            set,
            extensions: Vec::new(),
        }
    }

    /// The date the case is due now: the last extension's, else the date
    /// set, else a month from acceptance.
    pub fn due(&self) -> NaiveDate {
        self.extensions
            .last()
            .map(|e| e.to)
            .or(self.set)
            .unwrap_or_else(|| default_due(self.accepted))
    }

    /// Records an extension: refused without a reason, without the
    /// consent of every party in `parties`, or to a date not after the
    /// current due date.
    pub fn extend(&mut self, extension: Extension, parties: &[i64]) -> Result<(), ValidationError> {
        if extension.reason.trim().is_empty() {
            return Err(ValidationError::ExtensionNoReason);
        }
        if parties.is_empty() || !parties.iter().all(|p| extension.consented_by.contains(p)) {
            return Err(ValidationError::ExtensionNoConsent);
        }
        if extension.to <= self.due() {
            return Err(ValidationError::ExtensionNotLater);
        }
        self.extensions.push(extension);
        Ok(())
    }

    /// How near the due date is on `today`, warning `warn_days` ahead.
    pub fn urgency(&self, today: NaiveDate, warn_days: i64) -> Urgency {
        let left = (self.due() - today).num_days();
        match left {
            n if n < 0 => Urgency::Overdue { days: -n },
            0 => Urgency::Today,
            n if n <= warn_days => Urgency::Near { days_left: n },
            _ => Urgency::OnTime,
        }
    }

    /// The day of the month the case is due, for lists.
    pub fn due_day(&self) -> u32 {
        self.due().day()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn extension(to: NaiveDate, reason: &str, consented_by: Vec<i64>) -> Extension {
        Extension {
            to,
            reason: reason.into(),
            consented_by,
            at: Utc::now(),
        }
    }

    #[test]
    fn a_case_is_due_a_month_after_acceptance_or_on_the_date_set() {
        assert_eq!(default_due(day(2025, 2, 10)), day(2025, 3, 10));
        assert_eq!(default_due(day(2025, 1, 31)), day(2025, 2, 28));
        assert_eq!(default_due(day(2024, 1, 31)), day(2024, 2, 29));
        assert_eq!(default_due(day(2025, 12, 15)), day(2026, 1, 15));
        let court = TimeLimit::new(day(2025, 2, 10), Some(day(2025, 2, 25)));
        assert_eq!(court.due(), day(2025, 2, 25));
    }

    #[test]
    fn an_extension_needs_every_party_a_reason_and_a_later_date() {
        let mut limit = TimeLimit::new(day(2025, 2, 10), None);
        let parties = [1, 2, 3];
        assert_eq!(
            limit.extend(extension(day(2025, 4, 10), "  ", vec![1, 2, 3]), &parties),
            Err(ValidationError::ExtensionNoReason)
        );
        assert_eq!(
            limit.extend(
                extension(day(2025, 4, 10), "等待鉴定结论", vec![1, 3]),
                &parties
            ),
            Err(ValidationError::ExtensionNoConsent)
        );
        assert_eq!(
            limit.extend(
                extension(day(2025, 3, 10), "等待鉴定结论", vec![1, 2, 3]),
                &parties
            ),
            Err(ValidationError::ExtensionNotLater)
        );
        assert_eq!(limit.due(), day(2025, 3, 10), "nothing moved");
        limit
            .extend(
                extension(day(2025, 4, 10), "等待鉴定结论", vec![3, 2, 1]),
                &parties,
            )
            .expect("with everyone's consent");
        assert_eq!(limit.due(), day(2025, 4, 10));
        assert_eq!(limit.extensions.len(), 1);
    }

    #[test]
    fn the_board_sees_near_today_and_overdue() {
        let limit = TimeLimit::new(day(2025, 2, 10), None); // due 10 March
        assert_eq!(limit.urgency(day(2025, 3, 1), 3), Urgency::OnTime);
        assert_eq!(
            limit.urgency(day(2025, 3, 7), 3),
            Urgency::Near { days_left: 3 }
        );
        assert_eq!(
            limit.urgency(day(2025, 3, 9), 3),
            Urgency::Near { days_left: 1 }
        );
        assert_eq!(limit.urgency(day(2025, 3, 10), 3), Urgency::Today);
        assert_eq!(
            limit.urgency(day(2025, 3, 12), 3),
            Urgency::Overdue { days: 2 }
        );
        assert_eq!(limit.due_day(), 10);
    }
}
