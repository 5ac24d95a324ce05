//! Every user-visible string is a Fluent message in both languages. By
//! convention a kebab-case string literal in the source is a message id
//! (widget ids and stored codes use snake_case), so scanning the sources
//! finds every key the code refers to, including the Fluent keys of the
//! core's choices and errors.

use std::{collections::BTreeSet, fs, path::Path};

use accord_core::{
    AuditAction, CaseStatus, Category, Choice, Currency, IntakeChannel, ItemKind, MediatorType,
    PartyKind, PartyRole, StageKind, UserRole,
    agreement::{
        AgreementStatus, AmendmentKind, Jurisdiction, ObligationKind, SignMethod, SignatoryRole,
    },
    followup::{FollowUpKind, FollowUpState, Satisfaction},
};
use accord_i18n::{Locale, message_ids};

/// Kebab-case literals that are not message ids: programs the app runs,
/// files it keeps, a malformed case number the core's tests refuse, and a
/// PostgreSQL URL parameter.
const NOT_KEYS: &[&str] = &["xdg-open", "device-id", "abcd-0001", "ssl-mode"];

fn is_key(literal: &str) -> bool {
    if NOT_KEYS.contains(&literal) {
        return false;
    }
    let mut parts = literal.split('-');
    let first = parts.next().unwrap_or_default();
    let mut rest = parts.peekable();
    rest.peek().is_some()
        && first.starts_with(|c: char| c.is_ascii_lowercase())
        && std::iter::once(first).chain(rest).all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// String literals in a whole Rust file (tests included: a key a test
/// reads must exist too).
fn literals(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in source.lines() {
        let line = line.split("//").next().unwrap_or_default();
        let mut pieces = line.split('"');
        pieces.next();
        while let Some(inside) = pieces.next() {
            found.push(inside.to_owned());
            pieces.next();
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_key_the_code_uses_exists_in_both_locales() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for krate in ["core", "store", "i18n", "document", "app"] {
        rust_files(&crates.join(krate).join("src"), &mut files);
    }
    let mut used = BTreeSet::new();
    for file in &files {
        let source = fs::read_to_string(file).expect("read source");
        used.extend(literals(&source).into_iter().filter(|l| is_key(l)));
    }
    assert!(
        used.len() > 100,
        "the scan found too few keys ({}): is the convention still followed?",
        used.len()
    );
    for locale in Locale::ALL {
        let defined = message_ids(locale);
        let missing: Vec<_> = used.iter().filter(|k| !defined.contains(*k)).collect();
        assert!(
            missing.is_empty(),
            "{locale:?} lacks keys used in the code: {missing:?}"
        );
    }
}

/// The names of the enums declared with `choice!` in the core's sources.
fn choice_enums() -> BTreeSet<String> {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/src");
    let mut files = Vec::new();
    rust_files(&core, &mut files);
    let mut names = BTreeSet::new();
    for file in files {
        let source = fs::read_to_string(&file).expect("read source");
        for block in source.split("crate::choice! {").skip(1) {
            let name = block
                .split("enum ")
                .nth(1)
                .and_then(|rest| rest.split_whitespace().next())
                .expect("an enum in a choice! block");
            names.insert(name.to_owned());
        }
    }
    names
}

#[test]
fn every_choice_has_a_label_in_both_locales() {
    fn keys<C: Choice>() -> Vec<&'static str> {
        C::ALL.iter().map(|c| c.label_key()).collect()
    }
    let covered: Vec<(&str, Vec<&str>)> = vec![
        ("Category", keys::<Category>()),
        ("IntakeChannel", keys::<IntakeChannel>()),
        ("CaseStatus", keys::<CaseStatus>()),
        ("PartyKind", keys::<PartyKind>()),
        ("PartyRole", keys::<PartyRole>()),
        ("AgentKind", keys::<accord_core::AgentKind>()),
        (
            "RepresentativeTitle",
            keys::<accord_core::RepresentativeTitle>(),
        ),
        ("MediatorType", keys::<MediatorType>()),
        ("UserRole", keys::<UserRole>()),
        ("Currency", keys::<Currency>()),
        ("AuditAction", keys::<AuditAction>()),
        ("StageKind", keys::<StageKind>()),
        ("ItemKind", keys::<ItemKind>()),
        ("Jurisdiction", keys::<Jurisdiction>()),
        ("ObligationKind", keys::<ObligationKind>()),
        ("SignatoryRole", keys::<SignatoryRole>()),
        ("SignMethod", keys::<SignMethod>()),
        ("AgreementStatus", keys::<AgreementStatus>()),
        ("AmendmentKind", keys::<AmendmentKind>()),
        ("FollowUpKind", keys::<FollowUpKind>()),
        ("FollowUpState", keys::<FollowUpState>()),
        ("Satisfaction", keys::<Satisfaction>()),
        (
            "RelationKind",
            keys::<accord_core::mediator::RelationKind>(),
        ),
        ("PersonRole", keys::<accord_core::conflict::PersonRole>()),
        (
            "RecusalDecision",
            keys::<accord_core::desk::RecusalDecision>(),
        ),
        ("RoutingBody", keys::<accord_core::desk::RoutingBody>()),
        ("CourtBasis", keys::<accord_core::desk::CourtBasis>()),
        (
            "ExcludedMatter",
            keys::<accord_core::desk::ExcludedMatter>(),
        ),
        ("JcState", keys::<accord_core::desk::JcState>()),
        ("Performance", keys::<accord_core::desk::Performance>()),
        ("VisitWay", keys::<accord_core::investigation::VisitWay>()),
        ("RiskLevel", keys::<accord_core::risk::RiskLevel>()),
        ("RiskRule", keys::<accord_core::risk::RiskRule>()),
        (
            "AttachmentKind",
            keys::<accord_core::investigation::AttachmentKind>(),
        ),
        ("StatCategory", keys::<accord_core::stats::StatCategory>()),
        ("CaseSource", keys::<accord_core::stats::CaseSource>()),
    ];
    // A new choice enum must be added above, so its labels are checked.
    let listed: BTreeSet<String> = covered.iter().map(|(n, _)| (*n).to_owned()).collect();
    let declared = choice_enums();
    assert!(declared.len() >= 20, "the choice! scan found {declared:?}");
    let unlisted: Vec<_> = declared.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "choice enums not checked: {unlisted:?}"
    );
    let all: Vec<&str> = covered.into_iter().flat_map(|(_, keys)| keys).collect();
    for locale in Locale::ALL {
        let defined = message_ids(locale);
        for key in &all {
            assert!(defined.contains(*key), "{locale:?} has no label {key}");
        }
    }
}

#[test]
fn the_scanner_recognises_keys_and_nothing_else() {
    assert!(is_key("intake-party-name"));
    assert!(is_key("error-id-check"));
    assert!(!is_key("case_search"));
    assert!(!is_key("error-"));
    assert!(!is_key("zh-CN"));
    assert!(!is_key("accord"));
    assert_eq!(
        literals("let a = tr(\"cases-title\"); // \"not-me\"\n#[cfg(test)]\n\"and-me\""),
        vec!["cases-title", "and-me"]
    );
}
