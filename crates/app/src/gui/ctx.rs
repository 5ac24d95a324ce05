//! What every screen needs from the parent to update and draw itself:
//! translations, the text size, who is at the keyboard and which database
//! is open. Screens never own these.

use std::{borrow::Cow, fmt};

use accord_core::{Choice, LocalUser, Money, ValidationError, words};
use accord_i18n::{Locale, Translations};
use accord_store::Actor;
use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};

use super::theme::Sizes;

/// The context passed to `update` and `view`.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    pub t: &'a Translations,
    pub sizes: Sizes,
    /// Who is at the keyboard (none before the first run).
    pub user: Option<&'a LocalUser>,
    /// The database URL or path given at start-up (sealed files are saved
    /// beside it), if not the default one.
    pub db: Option<&'a str>,
}

impl<'a> Ctx<'a> {
    /// Who a change is recorded as made by.
    pub fn actor(&self) -> Actor {
        self.user.map(Actor::from).unwrap_or_else(Actor::system)
    }

    /// A notice or an error in the user's language, detail on its own line.
    pub fn phrase(&self, phrase: &crate::error::Phrase) -> String {
        phrase.words_with_detail(self.t)
    }

    pub fn locale(&self) -> Locale {
        self.t.locale()
    }

    pub fn tr(&self, key: &str) -> String {
        self.t.tr(key)
    }

    /// Names or items in a run, as the language writes a list: "李玥、赵喆"
    /// in Chinese, "Li Yue, Zhao Zhe" in English.
    pub fn list<S: AsRef<str>>(&self, items: &[S]) -> String {
        let sep = match self.locale() {
            Locale::EnUs => ", ",
            _ => "、",
        };
        items
            .iter()
            .map(AsRef::as_ref)
            .collect::<Vec<_>>()
            .join(sep)
    }

    pub fn tr_args(&self, key: &str, args: &[(&str, String)]) -> String {
        let args: Vec<(&str, Cow<'_, str>)> = args
            .iter()
            .map(|(k, v)| (*k, Cow::from(v.as_str())))
            .collect();
        self.t.tr_args(key, &args)
    }

    /// The translated label of a choice (category, status...).
    pub fn label<C: Choice>(&self, choice: C) -> String {
        self.t.tr(choice.label_key())
    }

    /// A choice wrapped with its label, for pick lists.
    pub fn labeled<C: Choice>(&self, choice: C) -> Labeled<C> {
        Labeled {
            value: choice,
            label: self.label(choice),
        }
    }

    /// All values of a choice with their labels.
    pub fn options<C: Choice>(&self) -> Vec<Labeled<C>> {
        C::ALL.iter().map(|&c| self.labeled(c)).collect()
    }

    /// A validation error in the user's language. Status codes inside
    /// (illegal transitions) are translated too.
    pub fn error(&self, error: &ValidationError) -> String {
        let args = error
            .args()
            .into_iter()
            .map(|(k, v)| match accord_core::CaseStatus::from_code(&v) {
                Some(status) if matches!(k, "from" | "to") => (k, self.label(status)),
                _ => (k, v),
            })
            .collect::<Vec<_>>();
        self.tr_args(error.key(), &args)
    }

    /// A moment in the user's time zone, in the locale's format.
    pub fn datetime(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&Local)
            .format(&self.tr("format-datetime"))
            .to_string()
    }

    /// A date in the user's time zone, in the locale's format.
    pub fn date(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&Local)
            .format(&self.tr("format-date"))
            .to_string()
    }

    /// Money in figures, and in words for the locale.
    pub fn money_words(&self, money: Money) -> String {
        match self.locale() {
            Locale::ZhCn => words::zh_capital(money),
            Locale::EnUs => words::en_words(money),
        }
    }
}

/// The format of date-time fields in forms (same in every locale).
pub const INPUT_DATETIME: &str = "%Y-%m-%d %H:%M";

/// Formats a moment for a form field, in the user's time zone.
pub fn input_datetime(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format(INPUT_DATETIME).to_string()
}

/// Parses a form field typed in the user's time zone.
pub fn parse_input_datetime(text: &str) -> Result<DateTime<Utc>, ValidationError> {
    let naive = NaiveDateTime::parse_from_str(text.trim(), INPUT_DATETIME)
        .or_else(|_| {
            chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default())
        })
        .map_err(|_| ValidationError::DateTime)?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|local| local.with_timezone(&Utc))
        .ok_or(ValidationError::DateTime)
}

/// A value with its translated label: what a pick list shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Labeled<T> {
    pub value: T,
    pub label: String,
}

impl<T> fmt::Display for Labeled<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// An amount as typed in a form ("8000", "3500.50").
pub fn input_amount(m: Money) -> String {
    let major = m.minor / 100;
    let cents = m.minor % 100;
    if cents == 0 {
        major.to_string()
    } else {
        format!("{major}.{cents:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_dates_round_trip_in_the_local_zone() {
        let at = parse_input_datetime("2025-02-14 09:30").expect("valid");
        assert_eq!(input_datetime(at), "2025-02-14 09:30");
        assert!(parse_input_datetime("2025-02-14").is_ok());
        assert_eq!(
            parse_input_datetime("14/02/2025"),
            Err(ValidationError::DateTime)
        );
        assert_eq!(
            parse_input_datetime("2025-02-30 09:30"),
            Err(ValidationError::DateTime)
        );
    }
}
