//! Supervising performance (People's Mediation Law art. 31): every
//! obligation of a final agreement becomes dated follow-ups — a reminder
//! before each due date, a check on the day, and, while it stays unpaid, an
//! escalation ladder: urge performance, a return visit, a warning before the
//! 30-day judicial-confirmation window closes, a referral to court.
//!
//! Dates are calendar days in the centre's time zone; [`today_in`] turns an
//! instant into that day.
//!
//! What is owed and paid under the agreement (balances, the state of every
//! instalment) is in `performance`.

use chrono::{DateTime, Days, FixedOffset, Months, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    Money,
    agreement::{AgreementContent, Installment, ObligationKind},
};

mod performance;

pub use performance::{Balance, InstallmentStatus, Paid, all_paid, performance};

crate::choice! {
    /// What a follow-up asks the mediator (or the committee) to do.
    pub enum FollowUpKind {
        Reminder => "reminder", "followup-kind-reminder";
        DueCheck => "due_check", "followup-kind-due-check";
        Urge => "urge", "followup-kind-urge";
        ReturnVisit => "return_visit", "followup-kind-return-visit";
        ConfirmationWindow => "confirmation_window", "followup-kind-confirmation-window";
        CourtReferral => "court_referral", "followup-kind-court-referral";
    }
}

crate::choice! {
    /// Where a follow-up stands.
    pub enum FollowUpState {
        Open => "open", "followup-state-open";
        Done => "done", "followup-state-done";
        /// No longer needed: the instalment was paid in full.
        Cancelled => "cancelled", "followup-state-cancelled";
    }
}

impl FollowUpKind {
    /// Steps that only matter while the instalment is unpaid; they are
    /// cancelled once it is paid in full.
    pub fn is_escalation(self) -> bool {
        matches!(
            self,
            Self::Urge | Self::ReturnVisit | Self::ConfirmationWindow | Self::CourtReferral
        )
    }
}

/// How the ladder is spaced (days); the centre may change them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleSettings {
    /// Reminder this many days before the due date (default 3).
    pub reminder_days: u32,
    /// Urge performance this many days after the due date.
    pub urge_after: u32,
    /// Visit the parties this many days after the due date.
    pub visit_after: u32,
    /// Warn this many days before the judicial-confirmation window closes.
    pub window_warning: u32,
    /// Refer to court this many days after the due date.
    pub referral_after: u32,
}

impl Default for ScheduleSettings {
    fn default() -> Self {
        Self {
            reminder_days: 3,
            urge_after: 1,
            visit_after: 7,
            window_warning: 5,
            referral_after: 30,
        }
    }
}

/// A stored follow-up as the Today list, the calendar and the reminders
/// show it: what to do, by when, about which obligation of which case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    pub id: i64,
    pub case_id: i64,
    /// The case number as printed (`2025-0001`).
    pub case_number: String,
    pub kind: FollowUpKind,
    pub due_on: NaiveDate,
    pub state: FollowUpState,
    pub obligation: usize,
    pub installment: Option<usize>,
    /// Who must perform, and for whom.
    pub debtor: String,
    pub creditor: Option<String>,
    pub description: String,
    /// For a payment instalment: what is due and what is paid so far.
    pub balance: Option<Balance>,
    /// When the instalment (or act) itself falls due.
    pub deadline: Option<NaiveDate>,
    pub outcome: Option<String>,
}

/// The window for applying to court for judicial confirmation (art. 33).
pub const CONFIRMATION_WINDOW_DAYS: u64 = 30;

/// One follow-up to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedFollowUp {
    pub kind: FollowUpKind,
    /// Index of the obligation in the agreement.
    pub obligation: usize,
    /// Index of the instalment (payments), none for an act.
    pub installment: Option<usize>,
    pub due_on: NaiveDate,
}

/// The follow-ups of a final agreement that took effect on `effective`.
/// Payments get the ladder per instalment; an act per deadline. Nothing is
/// scheduled before the day the agreement took effect.
pub fn schedule(
    content: &AgreementContent,
    effective: NaiveDate,
    settings: ScheduleSettings,
) -> Vec<PlannedFollowUp> {
    let mut out = Vec::new();
    let window_closes = effective + Days::new(CONFIRMATION_WINDOW_DAYS);
    for (i, o) in content.obligations.iter().enumerate() {
        let dues: Vec<(Option<usize>, NaiveDate)> = match o.kind {
            ObligationKind::Payment => o
                .installments
                .iter()
                .enumerate()
                .map(|(k, inst)| (Some(k), inst.due))
                .collect(),
            ObligationKind::Act => o.due.map(|d| vec![(None, d)]).unwrap_or_default(),
        };
        for (installment, due) in dues {
            let mut add = |kind, due_on: NaiveDate| {
                out.push(PlannedFollowUp {
                    kind,
                    obligation: i,
                    installment,
                    due_on: due_on.max(effective),
                });
            };
            if let Some(before) = due.checked_sub_days(Days::new(settings.reminder_days.into()))
                && before > effective
            {
                add(FollowUpKind::Reminder, before);
            }
            add(FollowUpKind::DueCheck, due);
            add(
                FollowUpKind::Urge,
                due + Days::new(settings.urge_after.into()),
            );
            add(
                FollowUpKind::ReturnVisit,
                due + Days::new(settings.visit_after.into()),
            );
            // Only useful while the window is still open after the due date.
            let warn = window_closes - Days::new(settings.window_warning.into());
            if due < window_closes {
                add(
                    FollowUpKind::ConfirmationWindow,
                    warn.max(due + Days::new(1)),
                );
            }
            add(
                FollowUpKind::CourtReferral,
                due + Days::new(settings.referral_after.into()),
            );
        }
    }
    out.sort_by_key(|f| (f.due_on, f.obligation, f.installment, f.kind as u8));
    out
}

/// `count` monthly instalments from `first`, the total split evenly in
/// whole cents (the last takes the rest). A due date on the 31st falls on
/// the last day of shorter months (Jan 31 → Feb 28 → Mar 31).
pub fn monthly(first: NaiveDate, count: u32, total: Money) -> Vec<Installment> {
    let count = count.max(1);
    let share = total.minor / i64::from(count);
    (0..count)
        .map(|k| Installment {
            due: first.checked_add_months(Months::new(k)).unwrap_or(first),
            amount: Money {
                minor: if k + 1 == count {
                    total.minor - share * i64::from(count - 1)
                } else {
                    share
                },
                currency: total.currency,
            },
        })
        .collect()
}

/// The calendar day an instant falls on in the centre's time zone.
pub fn today_in(offset: FixedOffset, now: DateTime<Utc>) -> NaiveDate {
    offset.from_utc_datetime(&now.naive_utc()).date_naive()
}

/// Which step of the ladder an unpaid instalment has reached on `today`.
pub fn escalation(
    due: NaiveDate,
    today: NaiveDate,
    settings: ScheduleSettings,
) -> Option<FollowUpKind> {
    if today <= due {
        return None;
    }
    let late = (today - due).num_days();
    let step = |days: u32| late >= i64::from(days);
    Some(if step(settings.referral_after) {
        FollowUpKind::CourtReferral
    } else if step(settings.visit_after) {
        FollowUpKind::ReturnVisit
    } else {
        FollowUpKind::Urge
    })
}

crate::choice! {
    /// How satisfied the parties were, asked at the return visit.
    pub enum Satisfaction {
        VerySatisfied => "very_satisfied", "satisfaction-very";
        Satisfied => "satisfied", "satisfaction-satisfied";
        Neutral => "neutral", "satisfaction-neutral";
        Dissatisfied => "dissatisfied", "satisfaction-dissatisfied";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Currency, agreement::Obligation, demo};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn kinds_on(
        plan: &[PlannedFollowUp],
        obligation: usize,
        installment: Option<usize>,
    ) -> Vec<(FollowUpKind, NaiveDate)> {
        plan.iter()
            .filter(|f| f.obligation == obligation && f.installment == installment)
            .map(|f| (f.kind, f.due_on))
            .collect()
    }

    #[test]
    fn a_single_payment_gets_the_whole_ladder() {
        let case = demo::water_leak_stored_case();
        let content = demo::water_leak_agreement(&case);
        // Signed 12 February 2025; 赵喆 is to be paid 3,500.50 by 1 March.
        let plan = schedule(&content, date(2025, 2, 12), ScheduleSettings::default());
        assert_eq!(
            kinds_on(&plan, 2, Some(0)),
            vec![
                (FollowUpKind::Reminder, date(2025, 2, 26)),
                (FollowUpKind::DueCheck, date(2025, 3, 1)),
                (FollowUpKind::Urge, date(2025, 3, 2)),
                (FollowUpKind::ReturnVisit, date(2025, 3, 8)),
                // The window closes on 14 March; warned 5 days before.
                (FollowUpKind::ConfirmationWindow, date(2025, 3, 9)),
                (FollowUpKind::CourtReferral, date(2025, 3, 31)),
            ]
        );
        // The act (repair by 20 February) is followed up too.
        assert!(kinds_on(&plan, 0, None).contains(&(FollowUpKind::DueCheck, date(2025, 2, 20))));
    }

    #[test]
    fn instalments_each_get_their_own_ladder_and_the_reminder_days_are_configurable() {
        let case = demo::water_leak_stored_case();
        let content = demo::water_leak_agreement(&case);
        let settings = ScheduleSettings {
            reminder_days: 7,
            ..ScheduleSettings::default()
        };
        let plan = schedule(&content, date(2025, 2, 12), settings);
        let first = kinds_on(&plan, 1, Some(0));
        let second = kinds_on(&plan, 1, Some(1));
        assert!(first.contains(&(FollowUpKind::Reminder, date(2025, 2, 22))));
        assert!(second.contains(&(FollowUpKind::Reminder, date(2025, 3, 24))));
        assert!(second.contains(&(FollowUpKind::DueCheck, date(2025, 3, 31))));
        // The window closed on 14 March, before the second instalment fell due.
        assert!(
            !second
                .iter()
                .any(|(k, _)| *k == FollowUpKind::ConfirmationWindow)
        );
        // Sorted by day, so the Today list reads in order.
        assert!(plan.windows(2).all(|w| w[0].due_on <= w[1].due_on));
    }

    #[test]
    fn a_reminder_that_would_fall_before_the_agreement_is_left_out() {
        let case = demo::water_leak_stored_case();
        let mut content = demo::water_leak_agreement(&case);
        content.obligations = vec![Obligation {
            installments: vec![Installment {
                due: date(2025, 2, 13),
                amount: Money::major(100, Currency::Cny),
            }],
            ..content.obligations[2].clone()
        }];
        let plan = schedule(&content, date(2025, 2, 12), ScheduleSettings::default());
        assert!(!plan.iter().any(|f| f.kind == FollowUpKind::Reminder));
        assert!(plan.iter().all(|f| f.due_on >= date(2025, 2, 12)));
    }

    #[test]
    fn monthly_instalments_fall_on_month_ends() {
        let parts = monthly(date(2025, 1, 31), 3, Money::new(100_000, Currency::Cny));
        let dues: Vec<_> = parts.iter().map(|p| p.due).collect();
        assert_eq!(
            dues,
            [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31)]
        );
        assert_eq!(
            monthly(date(2024, 1, 31), 2, Money::new(1, Currency::Cny))[1].due,
            date(2024, 2, 29)
        );
        let sum: i64 = parts.iter().map(|p| p.amount.minor).sum();
        assert_eq!(sum, 100_000, "nothing lost to rounding");
        assert_eq!(parts[2].amount.minor, 33_334);
    }

    #[test]
    fn the_ladder_climbs_while_unpaid() {
        let s = ScheduleSettings::default();
        let due = date(2025, 3, 1);
        assert_eq!(
            escalation(due, date(2025, 3, 1), s),
            None,
            "not late on the day"
        );
        assert_eq!(
            escalation(due, date(2025, 3, 2), s),
            Some(FollowUpKind::Urge)
        );
        assert_eq!(
            escalation(due, date(2025, 3, 8), s),
            Some(FollowUpKind::ReturnVisit)
        );
        assert_eq!(
            escalation(due, date(2025, 3, 31), s),
            Some(FollowUpKind::CourtReferral)
        );
        let b = Balance {
            due: Money::major(5_000, Currency::Cny),
            paid: Money::major(3_000, Currency::Cny),
        };
        assert_eq!(b.remaining(), Money::major(2_000, Currency::Cny));
        assert!(!b.is_paid());
    }

    #[test]
    fn today_is_the_centres_day_not_utc() {
        let beijing = FixedOffset::east_opt(8 * 3600).expect("offset");
        // 17:00 UTC on 1 March is already 2 March in Baotou.
        let now = Utc
            .with_ymd_and_hms(2025, 3, 1, 17, 0, 0)
            .single()
            .expect("time");
        assert_eq!(today_in(beijing, now), date(2025, 3, 2));
        assert_eq!(
            today_in(FixedOffset::east_opt(0).expect("utc"), now),
            date(2025, 3, 1)
        );
    }
}
