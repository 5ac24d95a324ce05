//! Translations for Accord. The Fluent files under `locales/<lang>/` are
//! embedded in the binary; zh-CN is the first language, en-US the second.

use std::{borrow::Cow, collections::BTreeSet, fmt, str::FromStr};

use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
use include_dir::{Dir, include_dir};
use unic_langid::LanguageIdentifier;

static LOCALES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../locales");

/// A language the app is translated into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// Simplified Chinese, the users' first language.
    #[default]
    ZhCn,
    /// English (United States).
    EnUs,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::EnUs];

    /// The BCP 47 tag, also the folder name under `locales/`.
    pub fn tag(self) -> &'static str {
        match self {
            Self::ZhCn => "zh-CN",
            Self::EnUs => "en-US",
        }
    }

    /// The language's own name, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::ZhCn => "中文",
            Self::EnUs => "English",
        }
    }

    fn langid(self) -> LanguageIdentifier {
        self.tag().parse().unwrap_or_default()
    }

    /// Picks the best locale for a list of requested tags (most preferred
    /// first), falling back to zh-CN.
    pub fn negotiate<S: AsRef<str>>(requested: &[S]) -> Locale {
        let requested: Vec<LanguageIdentifier> = requested
            .iter()
            .filter_map(|s| s.as_ref().replace('_', "-").split('.').next()?.parse().ok())
            .collect();
        let available: Vec<LanguageIdentifier> = Self::ALL.iter().map(|l| l.langid()).collect();
        let default = Self::default().langid();
        let chosen = fluent_langneg::negotiate_languages(
            &requested,
            &available,
            Some(&default),
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        chosen
            .first()
            .and_then(|id| Self::ALL.into_iter().find(|l| &l.langid() == *id))
            .unwrap_or_default()
    }

    /// The locale the operating system asks for.
    pub fn from_system() -> Locale {
        let requested: Vec<String> = sys_locale::get_locales().collect();
        Self::negotiate(&requested)
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.native_name())
    }
}

impl FromStr for Locale {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Self::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(s))
            .ok_or(())
    }
}

/// A problem in the embedded translation files.
#[derive(Debug, Clone, thiserror::Error)]
pub enum I18nError {
    #[error("locale folder {0} is missing")]
    MissingLocale(&'static str),
    #[error("{file}: {message}")]
    Syntax { file: String, message: String },
}

fn syntax(file: &str, errors: &[impl std::fmt::Display]) -> I18nError {
    I18nError::Syntax {
        file: file.to_owned(),
        message: errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// The translations of one locale, ready to format messages.
pub struct Translations {
    locale: Locale,
    bundle: FluentBundle<FluentResource>,
}

impl fmt::Debug for Translations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Translations")
            .field("locale", &self.locale)
            .finish()
    }
}

/// An argument value for a message.
pub type Arg<'a> = (&'a str, Cow<'a, str>);

impl Translations {
    /// Loads the embedded files of a locale.
    pub fn load(locale: Locale) -> Result<Self, I18nError> {
        let dir = LOCALES
            .get_dir(locale.tag())
            .ok_or(I18nError::MissingLocale(locale.tag()))?;
        let mut bundle = FluentBundle::new_concurrent(vec![locale.langid()]);
        // Isolation marks (U+2068/2069) would show as boxes in some fonts
        // and in the PDF; our arguments are never mixed-direction.
        bundle.set_use_isolating(false);
        let mut files: Vec<_> = dir
            .files()
            .filter(|f| f.path().extension().is_some_and(|e| e == "ftl"))
            .collect();
        files.sort_by_key(|f| f.path());
        for file in files {
            let name = file.path().display().to_string();
            let text = file.contents_utf8().unwrap_or_default().to_owned();
            let resource =
                FluentResource::try_new(text).map_err(|(_, errs)| syntax(&name, &errs))?;
            bundle
                .add_resource(resource)
                .map_err(|errs| syntax(&name, &errs))?;
        }
        Ok(Self { locale, bundle })
    }

    /// Loads a locale; the embedded files are checked by tests, so a
    /// failure here is a build defect and we fall back to an empty bundle
    /// rather than refuse to start.
    pub fn load_or_empty(locale: Locale) -> Self {
        Self::load(locale).unwrap_or_else(|_| Self {
            locale,
            bundle: FluentBundle::new_concurrent(vec![locale.langid()]),
        })
    }

    /// The translations of a locale, parsed once per process and shared
    /// by the window, its background jobs and the command line.
    pub fn get(locale: Locale) -> &'static Translations {
        static ZH_CN: std::sync::OnceLock<Translations> = std::sync::OnceLock::new();
        static EN_US: std::sync::OnceLock<Translations> = std::sync::OnceLock::new();
        let cell = match locale {
            Locale::ZhCn => &ZH_CN,
            Locale::EnUs => &EN_US,
        };
        cell.get_or_init(|| Self::load_or_empty(locale))
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    pub fn has(&self, key: &str) -> bool {
        self.bundle.has_message(key)
    }

    /// The message with no arguments. A missing key shows as the key itself,
    /// which the key-parity tests make sure never ships.
    pub fn tr(&self, key: &str) -> String {
        self.tr_args(key, &[])
    }

    /// The message formatted with arguments.
    pub fn tr_args(&self, key: &str, args: &[Arg<'_>]) -> String {
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(value.to_string()));
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(
                pattern,
                (!args.is_empty()).then_some(&fluent_args),
                &mut errors,
            )
            .into_owned()
    }

    /// Every message id in this locale (terms excluded).
    pub fn keys(&self) -> BTreeSet<String> {
        message_ids(self.locale)
    }
}

/// Message ids defined in a locale's files, read from the embedded text.
pub fn message_ids(locale: Locale) -> BTreeSet<String> {
    let Some(dir) = LOCALES.get_dir(locale.tag()) else {
        return BTreeSet::new();
    };
    dir.files()
        .filter_map(|f| f.contents_utf8())
        .filter_map(|text| FluentResource::try_new(text.to_owned()).ok())
        .flat_map(|res| {
            res.entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_loads_without_syntax_errors() {
        for locale in Locale::ALL {
            let t = Translations::load(locale).expect("locale loads");
            assert!(t.keys().len() > 50, "{locale:?} has too few messages");
        }
    }

    #[test]
    fn both_locales_have_exactly_the_same_keys() {
        let zh = message_ids(Locale::ZhCn);
        let en = message_ids(Locale::EnUs);
        let only_zh: Vec<_> = zh.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&zh).collect();
        assert!(only_zh.is_empty(), "keys missing in en-US: {only_zh:?}");
        assert!(only_en.is_empty(), "keys missing in zh-CN: {only_en:?}");
    }

    #[test]
    fn every_message_formats_without_errors_in_both_locales() {
        for locale in Locale::ALL {
            let t = Translations::load(locale).expect("loads");
            for key in t.keys() {
                let text = t.tr(&key);
                assert!(!text.trim().is_empty(), "{locale:?}: {key} is empty");
            }
        }
    }

    #[test]
    fn negotiation_prefers_the_system_language_and_falls_back_to_chinese() {
        assert_eq!(Locale::negotiate(&["en-GB"]), Locale::EnUs);
        assert_eq!(Locale::negotiate(&["en_US.UTF-8"]), Locale::EnUs);
        assert_eq!(Locale::negotiate(&["zh-Hans-CN"]), Locale::ZhCn);
        assert_eq!(Locale::negotiate(&["de-DE", "en-US"]), Locale::EnUs);
        assert_eq!(Locale::negotiate(&["fr-FR"]), Locale::ZhCn);
        assert_eq!(Locale::negotiate::<&str>(&[]), Locale::ZhCn);
    }

    #[test]
    fn arguments_are_filled_in() {
        let en = Translations::load(Locale::EnUs).expect("loads");
        assert_eq!(
            en.tr_args("error-too-long", &[("max", "100".into())]),
            "Too long: at most 100 characters."
        );
        let zh = Translations::load(Locale::ZhCn).expect("loads");
        assert_eq!(zh.tr("app-title"), "Accord 调解助手");
    }
}
