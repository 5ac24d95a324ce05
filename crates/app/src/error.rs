//! Where an error or a notice becomes words. Jobs never build sentences:
//! they return a [`Phrase`] (a Fluent key with typed arguments) or an
//! [`AppError`], and only `view` (or the command line, at the very end)
//! translates it, so a language switch changes every message on screen and
//! a driver's English never lands inside a Chinese sentence: the text of an
//! underlying library is kept apart, as the phrase's `detail` line.

use accord_core::Money;
use accord_i18n::Translations;
use accord_store::StoreError;

use crate::{mail::MailError, publish::PublishError, secret::SecretError};

/// An argument of a phrase, formatted for the reader's language when the
/// phrase is translated.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Shown as it is (a name, a case number, a path).
    Text(String),
    /// An amount in figures and words.
    Money(Money),
    /// Another phrase, translated first.
    Phrase(Box<Phrase>),
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Self::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Self::Text(s.to_owned())
    }
}

impl From<Money> for Arg {
    fn from(m: Money) -> Self {
        Self::Money(m)
    }
}

impl From<Phrase> for Arg {
    fn from(p: Phrase) -> Self {
        Self::Phrase(Box::new(p))
    }
}

/// A message for the user, not yet in any language.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    /// The Fluent message id.
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
    /// The underlying program's own text (a driver's error), shown on a
    /// line of its own under the translated sentence.
    pub detail: Option<String>,
    /// Whether this reports a failure (drawn as an alert).
    pub error: bool,
}

impl Phrase {
    /// A notice ("saved").
    pub fn new(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
            detail: None,
            error: false,
        }
    }

    /// A failure ("could not be saved").
    pub fn error(key: &'static str) -> Self {
        Self {
            error: true,
            ..Self::new(key)
        }
    }

    /// With one more argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// With the underlying program's text.
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        let detail = detail.into();
        self.detail = (!detail.is_empty()).then_some(detail);
        self
    }

    /// The sentence in the reader's language (without the detail).
    pub fn words(&self, t: &Translations) -> String {
        let args: Vec<(&str, std::borrow::Cow<'_, str>)> = self
            .args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Text(s) => s.clone(),
                    Arg::Money(m) => accord_document::amount(t, *m),
                    Arg::Phrase(p) => p.words(t),
                };
                (*name, value.into())
            })
            .collect();
        t.tr_args(self.key, &args)
    }

    /// The sentence and, on a second line, the detail.
    pub fn words_with_detail(&self, t: &Translations) -> String {
        match &self.detail {
            Some(detail) => format!(
                "{}\n{}",
                self.words(t),
                t.tr_args("db-error-detail", &[("detail", detail.as_str().into())])
            ),
            None => self.words(t),
        }
    }
}

impl Phrase {
    /// An error from a crate below the app (store, document), given as its
    /// Fluent key and arguments; the `detail` argument (a library's own
    /// words) becomes the details line.
    pub fn from_message((key, args): (&'static str, Vec<(&'static str, String)>)) -> Self {
        let mut phrase = Phrase::error(key);
        for (name, value) in args {
            if name == "detail" {
                phrase = phrase.detail(value);
            } else {
                phrase = phrase.arg(name, value);
            }
        }
        phrase
    }
}

impl From<&StoreError> for Phrase {
    fn from(e: &StoreError) -> Self {
        Self::from_message(e.message())
    }
}

impl From<StoreError> for Phrase {
    fn from(e: StoreError) -> Self {
        Self::from(&e)
    }
}

/// Everything that can go wrong in the app, by where it went wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Publish(#[from] PublishError),
    #[error(transparent)]
    Mail(#[from] MailError),
    #[error(transparent)]
    Secret(#[from] SecretError),
    /// A job stopped before it answered (a bug): shown, never fatal.
    #[error("a job stopped: {0}")]
    Crashed(String),
}

impl AppError {
    /// What to tell the user.
    pub fn phrase(&self) -> Phrase {
        match self {
            Self::Store(e) => e.into(),
            Self::Publish(e) => e.phrase(),
            Self::Mail(e) => e.phrase(),
            Self::Secret(e) => e.phrase(),
            Self::Crashed(detail) => Phrase::error("error-job-stopped").detail(detail.clone()),
        }
    }
}

impl From<&AppError> for Phrase {
    fn from(e: &AppError) -> Self {
        e.phrase()
    }
}

impl From<AppError> for Phrase {
    fn from(e: AppError) -> Self {
        e.phrase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_core::Currency;
    use accord_i18n::Locale;

    #[test]
    fn a_phrase_follows_the_language_and_keeps_driver_text_apart() {
        let e = AppError::Store(StoreError::Database("disk I/O error".into()));
        let phrase = e.phrase();
        assert!(phrase.error);
        let zh = Translations::get(Locale::ZhCn);
        let en = Translations::get(Locale::EnUs);
        assert!(!phrase.words(zh).contains("disk I/O"));
        assert!(!phrase.words(en).contains("disk I/O"));
        assert_ne!(phrase.words(zh), phrase.words(en));
        assert!(phrase.words_with_detail(en).contains("disk I/O error"));
    }

    #[test]
    fn money_arguments_are_written_for_the_reader() {
        let phrase = Phrase::new("today-paid")
            .arg("amount", Money::major(500, Currency::Cny))
            .arg("remaining", Money::major(0, Currency::Cny));
        let zh = Translations::get(Locale::ZhCn);
        assert!(phrase.words(zh).contains("伍佰"), "{}", phrase.words(zh));
    }
}
