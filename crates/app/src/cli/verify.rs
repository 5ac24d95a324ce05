//! `accord verify` and `accord seal export-certificate`: whether a sealed
//! agreement is what the centre sealed (one signature over the whole file,
//! a registered or trusted certificate, the stored original), with a typed
//! reason for each refusal.

use accord_i18n::Translations;
use accord_store::Store;
use anyhow::Context;

use super::{said, tr};

/// Why `accord verify` refuses a file: each refusal has its own message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The seal itself: its structure, signature or certificate.
    Seal(accord_document::seal::SealError),
    /// The certificate file named with `--trust` cannot be read.
    TrustFile { file: String, detail: String },
    /// It holds no certificate that can be used.
    TrustCertificates {
        file: String,
        error: accord_document::seal::SealError,
    },
    /// No `--trust` and the database has no sealing key.
    NoCentreKey,
    /// The sealed file names no Accord agreement.
    NoReference,
    /// The case it names is not in the database.
    UnknownCase { number: String },
    /// The case has no final agreement.
    NotFinal { number: String },
    /// Sealed with a certificate the database never registered (only
    /// possible with `--trust` and a database together).
    SignerUnregistered { fingerprint: String },
    /// Not the final version, or another content hash.
    ContentMismatch { number: String, version: String },
    /// The final content, sealed with another certificate than the stored
    /// original.
    SignerMismatch {
        number: String,
        version: String,
        fingerprint: String,
    },
    /// Sealed with a retired certificate of the centre at a time after it
    /// was retired (when the next one was registered).
    SignedAfterRetirement {
        retired_at: chrono::DateTime<chrono::Utc>,
        signed_at: chrono::DateTime<chrono::Utc>,
    },
    /// The audit event recorded in the file when it was sealed is no longer
    /// in the trail with that hash: the trail was cut or rewritten since.
    AuditTrailChanged { id: i64 },
}

impl Refusal {
    /// The sentence that says why (`file` is the verified file).
    pub fn phrase(&self, file: &str) -> crate::error::Phrase {
        use crate::error::Phrase;
        let groups = accord_document::seal::fingerprint_groups;
        match self {
            Self::Seal(e) => {
                let why = Phrase::from_message(e.message());
                let detail = why.detail.clone();
                let mut phrase = Phrase::error("cli-verify-failed").arg("file", file).arg(
                    "detail",
                    Phrase {
                        detail: None,
                        ..why
                    },
                );
                phrase.detail = detail;
                phrase
            }
            Self::TrustFile { file, detail } => Phrase::error("cli-verify-trust-unreadable")
                .arg("file", file.as_str())
                .detail(detail.as_str()),
            Self::TrustCertificates { file, error } => {
                let why = Phrase::from_message(error.message());
                let detail = why.detail.clone();
                let mut phrase = Phrase::error("cli-verify-trust-invalid")
                    .arg("file", file.as_str())
                    .arg(
                        "reason",
                        Phrase {
                            detail: None,
                            ..why
                        },
                    );
                phrase.detail = detail;
                phrase
            }
            Self::NoCentreKey => Phrase::error("cli-verify-no-centre-key"),
            Self::NoReference => Phrase::error("cli-verify-no-reference"),
            Self::AuditTrailChanged { id } => {
                Phrase::error("cli-verify-audit-changed").arg("id", id.to_string())
            }
            Self::UnknownCase { number } => {
                Phrase::error("cli-verify-unknown-case").arg("number", number.as_str())
            }
            Self::NotFinal { number } => {
                Phrase::error("cli-verify-not-final").arg("number", number.as_str())
            }
            Self::SignerUnregistered { fingerprint } => {
                Phrase::error("cli-verify-signer-unregistered")
                    .arg("fingerprint", groups(fingerprint))
            }
            Self::ContentMismatch { number, version } => Phrase::error("cli-verify-mismatch")
                .arg("number", number.as_str())
                .arg("version", version.as_str()),
            Self::SignerMismatch {
                number,
                version,
                fingerprint,
            } => Phrase::error("cli-verify-signer-mismatch")
                .arg("number", number.as_str())
                .arg("version", version.as_str())
                .arg("fingerprint", groups(fingerprint)),
            Self::SignedAfterRetirement {
                retired_at,
                signed_at,
            } => {
                // Dates as the rest of the verify output shows them.
                let t = tr();
                Phrase::error("cli-verify-signed-after-retirement")
                    .arg("signed", local(t, *signed_at, "format-datetime"))
                    .arg("retired", local(t, *retired_at, "format-datetime"))
            }
        }
    }
}

/// Whose certificate signed an accepted file.
enum Signer {
    /// The one named with `--trust`.
    Named,
    /// The database's key in use, or a retired one (registered then).
    Current,
    Retired(chrono::DateTime<chrono::Utc>),
}

/// How an accepted file stands against the database.
enum Recorded {
    /// Not compared: no database at hand (`--trust` alone).
    NotCompared,
    /// Byte for byte the stored sealed original.
    Identical { number: String, version: i32 },
    /// The final version's content hash, sealed by the original's signer.
    Matches { number: String, version: i32 },
}

/// What `accord verify` found: the seal, if it holds, and then the file
/// against the database, or why it is refused.
struct Outcome {
    seal: Option<(accord_document::seal::VerifyReport, Vec<Signer>)>,
    verdict: Result<Recorded, Refusal>,
}

impl Outcome {
    fn refused(refusal: Refusal) -> Self {
        Self {
            seal: None,
            verdict: Err(refusal),
        }
    }
}

/// `accord verify FILE [--trust CERT.pem]`: accepts a sealed agreement
/// only when it carries exactly one seal over the whole file, made with a
/// certificate of the centre (the database's keys, current or retired, or
/// the certificate named with `--trust`) while it was valid and, for a
/// retired key, before it was retired, and, with a database, it is the
/// stored sealed original or the final version's content sealed by the
/// same certificate. With `--trust` and no `--db` no database is opened.
/// `Ok(false)` when the file is refused, with the reason printed.
pub async fn verify(
    db: Option<&str>,
    file: &std::path::Path,
    trust: Option<&std::path::Path>,
) -> anyhow::Result<bool> {
    let t = tr();
    let bytes = std::fs::read(file).with_context(|| file.display().to_string())?;
    let path = file.display().to_string();
    let outcome = judge(db, trust, &bytes).await?;
    if let Some((report, signers)) = &outcome.seal {
        print_seal(t, &path, trust, report, signers);
    }
    match &outcome.verdict {
        Ok(recorded) => print_recorded(t, trust, recorded),
        Err(refusal) => println!("{}", refusal.phrase(&path).words_with_detail(t)),
    }
    Ok(outcome.verdict.is_ok())
}

/// The checks of `accord verify`, in order; `Err` is a failure to run them
/// (a database that cannot be opened).
async fn judge(
    db: Option<&str>,
    trust: Option<&std::path::Path>,
    bytes: &[u8],
) -> anyhow::Result<Outcome> {
    use accord_document::seal::{self, TrustedCertificates};
    // A computer that never made the default database has no certificate
    // to check against: refused as such, and nothing is created.
    let no_default = || accord_store::default_database_path().is_some_and(|p| !p.exists());
    let store = match (db, trust) {
        (None, Some(_)) => None,
        (None, None) if no_default() => None,
        // With a certificate file, an encrypted database is read only
        // for someone logged in: the file alone checks the seal.
        (_, Some(_))
            if matches!(
                super::login::kind_of(db)?,
                accord_store::FileKind::Encrypted(_)
            ) && std::env::var_os("ACCORD_USER").is_none() =>
        {
            None
        }
        _ => Some(super::login::open_public(db).await?),
    };
    let registered = match &store {
        Some(store) => store.centre_certificates().await?,
        None => Vec::new(),
    };
    let trusted = match trust {
        Some(path) => {
            let file = path.display().to_string();
            let pem = match std::fs::read(path) {
                Ok(pem) => pem,
                Err(e) => {
                    return Ok(Outcome::refused(Refusal::TrustFile {
                        file,
                        detail: e.to_string(),
                    }));
                }
            };
            match TrustedCertificates::from_pem(&pem) {
                Ok(trusted) => trusted,
                Err(error) => {
                    return Ok(Outcome::refused(Refusal::TrustCertificates { file, error }));
                }
            }
        }
        None if registered.is_empty() => return Ok(Outcome::refused(Refusal::NoCentreKey)),
        None => match TrustedCertificates::from_der(registered.iter().map(|c| &c.certificate)) {
            Ok(trusted) => trusted,
            Err(e) => return Ok(Outcome::refused(Refusal::Seal(e))),
        },
    };
    let report = match seal::verify_trusted(bytes, &trusted) {
        Ok(report) => report,
        Err(e) => return Ok(Outcome::refused(Refusal::Seal(e))),
    };

    let mut signers = Vec::new();
    if trust.is_some() {
        signers.push(Signer::Named);
    }
    let Some(store) = store else {
        return Ok(Outcome {
            seal: Some((report, signers)),
            verdict: Ok(Recorded::NotCompared),
        });
    };
    // Newest first: a retired certificate was retired when the one
    // before it in the list (the next registered) was.
    let position = registered
        .iter()
        .position(|c| seal::certificate_fingerprint(&c.certificate) == report.certificate_sha256);
    let registered_as = position.and_then(|i| registered.get(i));
    match registered_as {
        Some(c) if c.current => signers.push(Signer::Current),
        Some(c) => signers.push(Signer::Retired(c.created_at)),
        None => {}
    }
    let retired_at = position
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| registered.get(i))
        .map(|next| next.created_at);
    if let Some(retired_at) = retired_at {
        // `verify_trusted` refused a seal without a signing time already.
        let Some(signed_at) = report
            .signing_time_unix
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        else {
            return Ok(Outcome::refused(Refusal::Seal(
                seal::SealError::NoSigningTime,
            )));
        };
        if let Some(refusal) = sealed_after_retirement(signed_at, retired_at) {
            return Ok(Outcome::refused(refusal));
        }
    }
    let fingerprint = report.certificate_sha256.clone();
    let mut verdict = if registered_as.is_none() {
        Err(Refusal::SignerUnregistered { fingerprint })
    } else {
        recorded(&store, bytes, &fingerprint).await?
    };
    // The trail as it stood when this was sealed must still be there.
    if verdict.is_ok()
        && let Some(head) = accord_document::pdf::embedded_identifier(bytes)
            .and_then(|text| accord_store::AuditHead::parse(&text))
        && !store.audit_holds(&head).await?
    {
        verdict = Err(Refusal::AuditTrailChanged { id: head.id });
    }
    Ok(Outcome {
        seal: Some((report, signers)),
        verdict,
    })
}

/// Whether a seal signed at `signed_at` with a retired certificate of the
/// centre is refused: a certificate is the centre's from its registration
/// until the next one is registered (`retired_at`), so only what it
/// sealed before then is the centre's. `CLOCK_SKEW_SECS` (5 minutes) are
/// allowed after that moment: the signing time is the sealing computer's
/// clock and `retired_at` that of the computer that registered the next
/// key (with a shared PostgreSQL database, another of the centre's
/// computers), which can disagree by minutes; and a seal begun with the
/// old key as the new one was registered is dated a moment later.
fn sealed_after_retirement(
    signed_at: chrono::DateTime<chrono::Utc>,
    retired_at: chrono::DateTime<chrono::Utc>,
) -> Option<Refusal> {
    let deadline = retired_at + chrono::TimeDelta::seconds(accord_document::seal::CLOCK_SKEW_SECS);
    (signed_at >= deadline).then_some(Refusal::SignedAfterRetirement {
        retired_at,
        signed_at,
    })
}

/// A file sealed by the centre against the database: the stored sealed
/// original, or the final version's content sealed with the certificate
/// the original was sealed with (`fingerprint` is the file's).
async fn recorded(
    store: &Store,
    bytes: &[u8],
    fingerprint: &str,
) -> anyhow::Result<Result<Recorded, Refusal>> {
    let Some(reference) = accord_document::pdf::embedded_reference(bytes)
        .and_then(|p| accord_document::pdf::Reference::parse(&p))
    else {
        return Ok(Err(Refusal::NoReference));
    };
    let number = reference.case_number.to_string();
    let Some(case) = store.case_by_number(reference.case_number).await? else {
        return Ok(Err(Refusal::UnknownCase { number }));
    };
    let record = store.agreement(case.id).await?;
    let Some((final_version, final_hash)) = record.as_ref().and_then(|r| {
        (r.status == accord_core::agreement::AgreementStatus::Final)
            .then(|| r.final_version.zip(r.final_hash.clone()))
            .flatten()
    }) else {
        return Ok(Err(Refusal::NotFinal { number }));
    };
    let stored = store.sealed_pdf(case.id).await?;
    if let Some(stored) = &stored
        && stored.pdf == bytes
    {
        return Ok(Ok(Recorded::Identical {
            number,
            version: stored.version,
        }));
    }
    let version = reference.version.to_string();
    if reference.version != final_version || reference.content_hash != final_hash {
        return Ok(Err(Refusal::ContentMismatch { number, version }));
    }
    // Another copy of the final version (another original, sealed again):
    // made with the certificate the stored original was sealed with.
    if let Some(stored) = &stored {
        let original = accord_document::seal::verify(&stored.pdf).map(|r| r.certificate_sha256);
        if original.as_deref() != Ok(fingerprint) {
            return Ok(Err(Refusal::SignerMismatch {
                number,
                version,
                fingerprint: fingerprint.to_owned(),
            }));
        }
    }
    Ok(Ok(Recorded::Matches {
        number,
        version: reference.version,
    }))
}

fn local(t: &Translations, at: chrono::DateTime<chrono::Utc>, format: &str) -> String {
    at.with_timezone(&chrono::Local)
        .format(&t.tr(format))
        .to_string()
}

/// The seal that holds: who, when, which certificate, what was signed.
fn print_seal(
    t: &Translations,
    path: &str,
    trust: Option<&std::path::Path>,
    report: &accord_document::seal::VerifyReport,
    signers: &[Signer],
) {
    let when = report
        .signing_time_unix
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map(|at| local(t, at, "format-datetime"))
        .unwrap_or_default();
    println!(
        "{}",
        t.tr_args(
            "cli-verify-ok",
            &[
                ("file", path.into()),
                ("signer", report.signer_cn.as_str().into()),
                ("when", when.into())
            ]
        )
    );
    let fingerprint = accord_document::seal::fingerprint_groups(&report.certificate_sha256);
    println!(
        "{}",
        t.tr_args(
            "cli-verify-certificate",
            &[("fingerprint", fingerprint.into())]
        )
    );
    let trust_file = trust.map(|p| p.display().to_string()).unwrap_or_default();
    for signer in signers {
        let line = match signer {
            Signer::Named => t.tr_args(
                "cli-verify-key-named",
                &[("file", trust_file.as_str().into())],
            ),
            Signer::Current => t.tr("cli-verify-key-current"),
            Signer::Retired(at) => t.tr_args(
                "cli-verify-key-retired",
                &[("when", local(t, *at, "format-date").into())],
            ),
        };
        println!("{line}");
    }
    println!(
        "{}",
        t.tr_args(
            "cli-verify-digest",
            &[("digest", report.digest_hex.as_str().into())]
        )
    );
}

/// How the accepted file stands against the database.
fn print_recorded(t: &Translations, trust: Option<&std::path::Path>, recorded: &Recorded) {
    let args = |number: &str, version: i32| -> [accord_i18n::Arg<'static>; 2] {
        [
            ("number", number.to_owned().into()),
            ("version", version.to_string().into()),
        ]
    };
    match recorded {
        Recorded::NotCompared => {
            let file = trust.map(|p| p.display().to_string()).unwrap_or_default();
            println!(
                "{}",
                t.tr_args("cli-verify-no-database", &[("file", file.into())])
            );
        }
        Recorded::Identical { number, version } => {
            println!(
                "{}",
                t.tr_args("cli-verify-matches", &args(number, *version))
            );
            println!(
                "{}",
                t.tr_args("cli-verify-identical", &args(number, *version))
            );
        }
        Recorded::Matches { number, version } => {
            println!(
                "{}",
                t.tr_args("cli-verify-matches", &args(number, *version))
            );
        }
    }
}

/// `accord seal export-certificate --out FILE [--all]`: the centre's
/// sealing certificate in use (with `--all`, every one it registered, the
/// one in use first) as PEM, to hand to courts and parties, who check a
/// sealed agreement with `accord verify FILE --trust FILE.pem`. `Ok(false)`
/// when the centre has no sealing key yet.
pub async fn seal_export_certificate(
    db: Option<&str>,
    out: &std::path::Path,
    all: bool,
) -> anyhow::Result<bool> {
    let t = tr();
    let store = super::login::open_public(db).await?;
    let mut certificates = store.centre_certificates().await?;
    let Some(current) = certificates.first().cloned() else {
        eprintln!("{}", t.tr("cli-seal-no-key"));
        return Ok(false);
    };
    if !all {
        certificates.truncate(1);
    }
    let mut pem = String::new();
    for c in &certificates {
        pem.push_str(
            &accord_document::seal::certificate_pem(&c.certificate)
                .map_err(|e| said(crate::error::Phrase::from_message(e.message())))?,
        );
    }
    std::fs::write(out, pem).with_context(|| out.display().to_string())?;
    let file = out.display().to_string();
    let line = if all {
        t.tr_args(
            "cli-seal-certificates-written",
            &[
                ("count", certificates.len().to_string().into()),
                ("file", file.into()),
            ],
        )
    } else {
        let fingerprint = accord_document::seal::certificate_fingerprint(&current.certificate);
        t.tr_args(
            "cli-seal-certificate-written",
            &[
                ("name", current.common_name.into()),
                ("file", file.into()),
                (
                    "fingerprint",
                    accord_document::seal::fingerprint_groups(&fingerprint).into(),
                ),
            ],
        )
    };
    println!("{line}");
    Ok(true)
}

#[cfg(test)]
mod tests {
    use accord_document::seal::CLOCK_SKEW_SECS;
    use chrono::{DateTime, TimeDelta, Utc};

    use super::{Refusal, sealed_after_retirement};

    #[test]
    fn a_retired_key_is_the_centres_until_the_next_is_registered_give_or_take_the_skew() {
        let retired_at = DateTime::<Utc>::from_timestamp(1_780_000_000, 0).expect("a time");
        let at = |s: i64| retired_at + TimeDelta::seconds(s);
        for before in [-365 * 86_400, -1, 0, CLOCK_SKEW_SECS - 1] {
            assert_eq!(
                sealed_after_retirement(at(before), retired_at),
                None,
                "{before}"
            );
        }
        for after in [CLOCK_SKEW_SECS, 3_600, 365 * 86_400] {
            assert_eq!(
                sealed_after_retirement(at(after), retired_at),
                Some(Refusal::SignedAfterRetirement {
                    retired_at,
                    signed_at: at(after),
                }),
                "{after}"
            );
        }
    }
}
