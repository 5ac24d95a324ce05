//! Money as integer minor units (fen, cents) with a currency. Never float.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::ValidationError;

crate::choice! {
    /// Currencies an agreement can be written in. All have two minor digits.
    pub enum Currency {
        Cny => "CNY", "currency-cny";
        Usd => "USD", "currency-usd";
        Eur => "EUR", "currency-eur";
        Hkd => "HKD", "currency-hkd";
        Gbp => "GBP", "currency-gbp";
    }
}

impl Currency {
    /// The symbol printed before figures.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Cny => "¥",
            Self::Usd => "$",
            Self::Eur => "€",
            Self::Hkd => "HK$",
            Self::Gbp => "£",
        }
    }
}

/// An amount of money in minor units (1 yuan = 100 fen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub const fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// Whole yuan (or dollars...).
    pub const fn major(major: i64, currency: Currency) -> Self {
        Self {
            minor: major * 100,
            currency,
        }
    }

    /// Parses what a user types: `35000`, `35,000.5`, `¥10,050.30`,
    /// `１２３` (full-width digits). At most two decimals; no negatives.
    pub fn parse(input: &str, currency: Currency) -> Result<Self, ValidationError> {
        let cleaned: String = input
            .trim()
            .trim_start_matches(currency.symbol())
            .trim_start_matches(['¥', '￥', '$'])
            .chars()
            .filter(|c| !matches!(c, ',' | '，' | ' ' | '_'))
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '．' | '。' => '.',
                other => other,
            })
            .collect();
        let (int, frac) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(int) || frac.len() > 2 || !(frac.is_empty() || digits(frac)) {
            return Err(ValidationError::Amount);
        }
        let major: i64 = int.parse().map_err(|_| ValidationError::Amount)?;
        let mut minor: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse().map_err(|_| ValidationError::Amount)?
        };
        if frac.len() == 1 {
            minor *= 10;
        }
        major
            .checked_mul(100)
            .and_then(|m| m.checked_add(minor))
            .map(|minor| Self { minor, currency })
            .ok_or(ValidationError::Amount)
    }

    /// Figures with thousands separators: `¥35,000.00`.
    pub fn figures(self) -> String {
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        let major = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in major.chars().enumerate() {
            if i > 0 && (major.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        format!("{sign}{}{grouped}.{:02}", self.currency.symbol(), abs % 100)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.figures())
    }
}

// Amounts in the tests are written yuan_fen (1680_32 is ¥1,680.32).
#[cfg(test)]
#[allow(clippy::inconsistent_digit_grouping, clippy::mistyped_literal_suffixes)]
mod tests {
    use super::*;

    #[test]
    fn figures_group_thousands() {
        assert_eq!(Money::new(3_500_000, Currency::Cny).figures(), "¥35,000.00");
        assert_eq!(Money::new(1_005_030, Currency::Cny).figures(), "¥10,050.30");
        assert_eq!(Money::new(5, Currency::Usd).figures(), "$0.05");
        assert_eq!(
            Money::new(100_000_000_00, Currency::Cny).figures(),
            "¥100,000,000.00"
        );
    }

    #[test]
    fn typed_amounts_parse_to_minor_units() {
        let cny = |s| Money::parse(s, Currency::Cny).map(|m| m.minor);
        assert_eq!(cny("35000"), Ok(3_500_000));
        assert_eq!(cny("35,000.5"), Ok(3_500_050));
        assert_eq!(cny("¥10,050.30"), Ok(1_005_030));
        assert_eq!(cny("￥１２３．４"), Ok(12_340));
        assert_eq!(cny("0.05"), Ok(5));
        for bad in [
            "",
            "abc",
            "1.234",
            "-5",
            "1..2",
            ".5",
            "99999999999999999999",
        ] {
            assert_eq!(cny(bad), Err(ValidationError::Amount), "{bad:?}");
        }
    }
}
