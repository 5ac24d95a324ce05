//! What is owed and paid under a final agreement: the balance of each
//! instalment (the one place payments are summed against what is due), and
//! the state of every instalment and act.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    Case, Money, ValidationError,
    agreement::{AgreementContent, Installment, ObligationKind},
};

/// How much of an instalment is paid, and what remains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    pub due: Money,
    pub paid: Money,
}

impl Balance {
    pub fn remaining(&self) -> Money {
        Money {
            minor: (self.due.minor - self.paid.minor).max(0),
            currency: self.due.currency,
        }
    }

    pub fn is_paid(&self) -> bool {
        self.paid.minor >= self.due.minor
    }

    /// The balance once `amount` is paid as well. A payment must be
    /// positive and no larger than what remains.
    pub fn after_paying(&self, amount: Money) -> Result<Balance, ValidationError> {
        if amount.minor <= 0 {
            return Err(ValidationError::Amount);
        }
        if amount.minor > self.remaining().minor {
            return Err(ValidationError::PaymentTooLarge);
        }
        Ok(Balance {
            due: self.due,
            paid: Money {
                minor: self.paid.minor + amount.minor,
                currency: self.paid.currency,
            },
        })
    }
}

/// What has been paid so far against the instalments of one case's
/// agreement, in minor units, by (obligation, instalment) index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paid(HashMap<(usize, usize), i64>);

impl Paid {
    /// Adds a payment against an instalment.
    pub fn add(&mut self, obligation: usize, installment: usize, minor: i64) {
        *self.0.entry((obligation, installment)).or_insert(0) += minor;
    }

    /// The balance of an instalment: its amount against what was paid,
    /// in the instalment's currency.
    pub fn balance(&self, obligation: usize, installment: usize, due: &Installment) -> Balance {
        Balance {
            due: due.amount,
            paid: Money {
                minor: self.0.get(&(obligation, installment)).copied().unwrap_or(0),
                currency: due.amount.currency,
            },
        }
    }
}

impl FromIterator<(usize, usize, i64)> for Paid {
    fn from_iter<I: IntoIterator<Item = (usize, usize, i64)>>(payments: I) -> Self {
        let mut paid = Self::default();
        for (obligation, installment, minor) in payments {
            paid.add(obligation, installment, minor);
        }
        paid
    }
}

/// An instalment (or act) of a final agreement with what has been paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallmentStatus {
    pub obligation: usize,
    pub installment: Option<usize>,
    pub kind: ObligationKind,
    pub debtor: String,
    pub creditor: Option<String>,
    pub description: String,
    pub due: Option<NaiveDate>,
    pub balance: Option<Balance>,
}

/// Every instalment and act of a final agreement with its balance, in the
/// agreement's order: an act once, a payment once per instalment.
pub fn performance(case: &Case, content: &AgreementContent, paid: &Paid) -> Vec<InstallmentStatus> {
    let name = |id: i64| case.party(id).map(|p| p.name.clone());
    let mut out = Vec::new();
    for (i, o) in content.obligations.iter().enumerate() {
        let base = |installment, due, balance| InstallmentStatus {
            obligation: i,
            installment,
            kind: o.kind,
            debtor: name(o.debtor).unwrap_or_default(),
            creditor: o.creditor.and_then(name),
            description: o.description.clone(),
            due,
            balance,
        };
        match o.kind {
            ObligationKind::Act => out.push(base(None, o.due, None)),
            ObligationKind::Payment => {
                for (k, inst) in o.installments.iter().enumerate() {
                    out.push(base(
                        Some(k),
                        Some(inst.due),
                        Some(paid.balance(i, k, inst)),
                    ));
                }
            }
        }
    }
    out
}

/// Whether every instalment is paid in full (acts have no balance).
pub fn all_paid(statuses: &[InstallmentStatus]) -> bool {
    !statuses
        .iter()
        .any(|s| s.balance.is_some_and(|b| !b.is_paid()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Currency, demo};

    #[test]
    fn payments_add_up_per_instalment_and_every_instalment_is_listed() {
        let case = demo::water_leak_stored_case();
        let content = demo::water_leak_agreement(&case);
        let paid: Paid = [(1, 0, 100_000), (1, 0, 200_000), (1, 1, 50)]
            .into_iter()
            .collect();
        let rows = performance(&case, &content, &paid);
        let first = rows
            .iter()
            .find(|s| s.obligation == 1 && s.installment == Some(0))
            .expect("first instalment");
        let balance = first.balance.expect("a payment has a balance");
        assert_eq!(balance.paid, Money::major(3_000, Currency::Cny));
        assert_eq!(balance.remaining(), Money::major(2_000, Currency::Cny));
        assert_eq!(first.debtor, "王建国");
        let act = rows.iter().find(|s| s.obligation == 0).expect("the act");
        assert_eq!((act.installment, act.balance), (None, None));
        assert!(!all_paid(&rows));
    }

    #[test]
    fn a_payment_is_positive_and_no_larger_than_what_remains() {
        let b = Balance {
            due: Money::major(5_000, Currency::Cny),
            paid: Money::major(3_000, Currency::Cny),
        };
        assert_eq!(
            b.after_paying(Money::major(2_001, Currency::Cny)),
            Err(ValidationError::PaymentTooLarge)
        );
        assert_eq!(
            b.after_paying(Money::major(0, Currency::Cny)),
            Err(ValidationError::Amount)
        );
        let after = b
            .after_paying(Money::major(2_000, Currency::Cny))
            .expect("the rest");
        assert!(after.is_paid());
        assert_eq!(after.remaining().minor, 0);
    }
}
