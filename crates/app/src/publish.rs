//! From the final agreement to paper: render with the signatures, seal
//! with the centre's key, keep the sealed file, print through CUPS, open in
//! the system viewer, or say where the file was saved.

use std::path::{Path, PathBuf};
use std::process::Command;

use accord_core::{Case, agreement::AgreementStatus};
use accord_document::{
    AgreementDocument, AgreementInput, agreement,
    pdf::{self, PrintOptions, Reference},
    seal,
};
use accord_i18n::Translations;
use accord_store::{Actor, AgreementRecord, SealedPdf, Store, StoreError};

use crate::error::Phrase;

/// The setting that names the centre on its seal.
pub const CENTRE_NAME: &str = "centre_name";

/// Why a PDF could not be made, sealed, printed or opened.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PublishError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Only a final agreement is sealed and handed out.
    #[error("the agreement is not final")]
    NotFinal,
    /// The text holds characters the font cannot print.
    #[error("missing glyphs {0:?}")]
    Glyphs(Vec<char>),
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
    #[error(transparent)]
    Seal(#[from] seal::SealError),
    #[error("file {path}: {detail}")]
    File { path: String, detail: String },
    /// A PKCS#12 file that cannot be used.
    #[error(transparent)]
    Import(#[from] seal::ImportError),
    /// CUPS is not installed or refused the job.
    #[error("print: {0}")]
    Print(String),
    /// A new seal needs the centre's name.
    #[error("the seal needs the centre's name")]
    NoCentreName,
    /// Printing failed after the sealed files were written.
    #[error("{cause} (the files are in {saved_in})")]
    PrintedNothing {
        cause: Box<PublishError>,
        saved_in: String,
    },
}

impl PublishError {
    /// What to tell the user (translated when shown).
    pub fn phrase(&self) -> Phrase {
        match self {
            Self::Store(e) => e.into(),
            Self::NotFinal => Phrase::error("error-agreement-not-final"),
            Self::NoCentreName => Phrase::error("error-seal-no-name"),
            Self::Glyphs(chars) => {
                Phrase::error("error-missing-glyphs").arg("chars", chars.iter().collect::<String>())
            }
            Self::Pdf(e) => Phrase::error("error-pdf").detail(e.to_string()),
            Self::Seal(e) => Phrase::from_message(e.message()),
            Self::File { path, detail } => Phrase::error("error-file")
                .arg("path", path.clone())
                .detail(detail.clone()),
            Self::Print(detail) => Phrase::error("error-print").detail(detail.clone()),
            Self::PrintedNothing { cause, saved_in } => {
                let cause = cause.phrase();
                let detail = cause.detail.clone().unwrap_or_default();
                Phrase::error("agreement-print-failed-saved")
                    .arg("detail", cause)
                    .arg("path", saved_in.clone())
                    .detail(detail)
            }
            Self::Import(e) => Phrase::from_message(e.message()),
        }
    }
}

type Result<T> = std::result::Result<T, PublishError>;

/// The centre's sealing key, created (self-signed, named after the centre)
/// the first time it is needed.
pub async fn centre_key(
    store: &Store,
    actor: &Actor,
    t: &Translations,
) -> Result<(seal::SealKey, Vec<u8>, String)> {
    if let Some(stored) = store.centre_key().await? {
        let key = seal::key_from_pkcs8(&stored.private_key)?;
        return Ok((key, stored.certificate, stored.common_name));
    }
    let name = centre_name(store, t).await?;
    let (key, cert) = seal::try_self_signed(&name, "Accord")?;
    let der = seal::key_to_pkcs8(&key)?;
    store
        .save_centre_key(actor, &name, "Accord", &cert, &der, false)
        .await?;
    Ok((key, cert, name))
}

/// The centre's name as set, or the generic committee name.
pub async fn centre_name(store: &Store, t: &Translations) -> Result<String> {
    Ok(store
        .setting(CENTRE_NAME)
        .await?
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| t.tr("centre-default-name")))
}

/// The final agreement as a document, with the pad signatures drawn in.
pub async fn final_document(
    store: &Store,
    t: &Translations,
    case_id: i64,
) -> Result<(Case, AgreementRecord, AgreementDocument)> {
    let case = store.case(case_id).await?;
    let record = store
        .agreement(case_id)
        .await?
        .ok_or(PublishError::NotFinal)?;
    if record.status != AgreementStatus::Final {
        return Err(PublishError::NotFinal);
    }
    let version = record
        .versions
        .iter()
        .find(|v| Some(v.number) == record.final_version)
        .ok_or(PublishError::NotFinal)?;
    let signatures = store.signatures(case_id).await?;
    let committee = match store.centre_key().await? {
        Some(key) => key.common_name,
        None => centre_name(store, t).await?,
    };
    let doc = agreement(
        t,
        &AgreementInput {
            signatures: &signatures,
            signed_on: record
                .finalised_at
                .map(|at| at.with_timezone(&chrono::Local).date_naive()),
            committee: Some(&committee),
            ..AgreementInput::new(&case, &version.content)
        },
    );
    let missing = pdf::missing_glyphs(&doc)?;
    if !missing.is_empty() {
        return Err(PublishError::Glyphs(missing));
    }
    Ok((case, record, doc))
}

/// Renders and seals original `n` of `of` (the committee keeps the last).
pub fn sealed_original(
    t: &Translations,
    case: &Case,
    record: &AgreementRecord,
    doc: &AgreementDocument,
    (n, of): (usize, usize),
    (key, cert, signer): (&seal::SealKey, &[u8], &str),
) -> Result<Vec<u8>> {
    let now = chrono::Utc::now().timestamp();
    let reference = Reference {
        case_number: case.number,
        version: record.final_version.unwrap_or_default(),
        content_hash: record.final_hash.clone().unwrap_or_default(),
    };
    let options = PrintOptions {
        original: Some(t.tr_args(
            "doc-original",
            &[("n", n.to_string().into()), ("of", of.to_string().into())],
        )),
        author: record
            .current()
            .map(|v| v.content.mediator.clone())
            .unwrap_or_default(),
        created_unix: now,
        footer_pattern: t.tr("doc-footer"),
        qr: Some((reference.payload(), t.tr("doc-qr-caption"))),
    };
    let bytes = pdf::render(doc, &options)?;
    Ok(seal::seal(
        &bytes,
        key,
        cert,
        signer,
        &t.tr("seal-reason"),
        now,
    )?)
}

/// Seals the final agreement (the committee's original) and keeps it in
/// the database; returns what was stored.
pub async fn seal_final(
    store: &Store,
    actor: &Actor,
    t: &Translations,
    case_id: i64,
) -> Result<SealedPdf> {
    let (case, record, doc) = final_document(store, t, case_id).await?;
    let (key, cert, signer) = centre_key(store, actor, t).await?;
    let copies = accord_core::agreement::AgreementContent::copies(&case);
    let bytes = sealed_original(
        t,
        &case,
        &record,
        &doc,
        (copies, copies),
        (&key, &cert, &signer),
    )?;
    let emails = agreement_emails(t, &case, &signer, &bytes);
    Ok(store
        .save_sealed_pdf(actor, case_id, t.locale().tag(), &bytes, &emails)
        .await?)
}

/// The sealed agreement for every party with an email address, from the
/// localized templates.
pub fn agreement_emails(
    t: &Translations,
    case: &Case,
    centre: &str,
    pdf: &[u8],
) -> Vec<accord_store::NewEmail> {
    let number = case.number.to_string();
    case.parties
        .iter()
        .filter_map(|p| p.email.as_ref().map(|e| (p, e)))
        .map(|(p, address)| accord_store::NewEmail {
            case_id: Some(case.id),
            follow_up_id: None,
            purpose: "agreement".into(),
            to_name: p.name.clone(),
            to_address: address.clone(),
            subject: t.tr_args(
                "email-agreement-subject",
                &[("number", number.clone().into())],
            ),
            body: t.tr_args(
                "email-agreement-body",
                &[
                    ("name", p.name.clone().into()),
                    ("number", number.clone().into()),
                    ("centre", centre.to_owned().into()),
                ],
            ),
            attachment: Some((
                t.tr_args("email-agreement-file", &[("number", number.clone().into())]),
                pdf.to_vec(),
            )),
            not_before: chrono::Utc::now(),
        })
        .collect()
}

/// Every original, sealed, written to `dir`: one file per copy.
pub async fn write_originals(
    store: &Store,
    actor: &Actor,
    t: &Translations,
    case_id: i64,
    copies: usize,
    dir: &Path,
) -> Result<Vec<PathBuf>> {
    let (case, record, doc) = final_document(store, t, case_id).await?;
    let (key, cert, signer) = centre_key(store, actor, t).await?;
    (1..=copies.max(1))
        .map(|n| {
            let bytes =
                sealed_original(t, &case, &record, &doc, (n, copies), (&key, &cert, &signer))?;
            let name = format!(
                "{}-v{}-{n}of{copies}.pdf",
                case.number,
                record.final_version.unwrap_or_default()
            );
            write(dir, &name, &bytes)
        })
        .collect()
}

/// Writes a file, creating its folder.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let path = dir.join(name);
    let err = |e: std::io::Error| PublishError::File {
        path: path.display().to_string(),
        detail: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(err)?;
    std::fs::write(&path, bytes).map_err(err)?;
    Ok(path)
}

/// Where sealed agreements are saved: an `agreements` folder beside the
/// SQLite file, or in the user's data folder.
pub fn output_dir(db: Option<&str>) -> PathBuf {
    let file = db
        .filter(|u| !u.contains("://") || u.starts_with("sqlite:"))
        .map(|u| {
            let path = u
                .trim_start_matches("sqlite://")
                .trim_start_matches("sqlite:");
            PathBuf::from(path.split('?').next().unwrap_or(path))
        })
        .or_else(accord_store::default_database_path);
    file.as_deref()
        .and_then(Path::parent)
        .map(|p| p.join("agreements"))
        .unwrap_or_else(|| std::env::temp_dir().join("accord_agreements"))
}

/// The printers CUPS knows (`lpstat -e`), the default first.
pub fn printers() -> Vec<String> {
    let Ok(out) = Command::new("lpstat").arg("-e").output() else {
        return Vec::new();
    };
    let mut names: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if let Some(default) = default_printer()
        && let Some(i) = names.iter().position(|n| *n == default)
    {
        let d = names.remove(i);
        names.insert(0, d);
    }
    names
}

fn default_printer() -> Option<String> {
    let out = Command::new("lpstat").arg("-d").output().ok()?;
    // "system default destination: NAME"
    String::from_utf8_lossy(&out.stdout)
        .rsplit(':')
        .next()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty() && !s.contains(' '))
}

/// Sends the files to a CUPS printer (`lp`); returns the job ids.
pub fn print(printer: &str, files: &[PathBuf], title: &str) -> Result<Vec<String>> {
    files
        .iter()
        .map(|file| {
            let out = Command::new("lp")
                .args(["-d", printer, "-t", title, "--"])
                .arg(file)
                .output()
                .map_err(|e| PublishError::Print(e.to_string()))?;
            let said = String::from_utf8_lossy(&out.stdout).into_owned();
            if !out.status.success() {
                let err = String::from_utf8_lossy(&out.stderr).trim().to_owned();
                return Err(PublishError::Print(if err.is_empty() { said } else { err }));
            }
            // "request id is PDF-12 (1 file(s))", in the system's language
            // ("请求 ID 为 PDF-12（1 个文件）"): the id is PRINTER-digits.
            Ok(job_id(&said, printer).unwrap_or_else(|| said.trim().to_owned()))
        })
        .collect()
}

/// The job id (`PRINTER-123`) in what `lp` said.
fn job_id(said: &str, printer: &str) -> Option<String> {
    let prefix = format!("{printer}-");
    let start = said.find(&prefix)?;
    let digits: String = said[start + prefix.len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (!digits.is_empty()).then(|| format!("{prefix}{digits}"))
}

/// Opens a file in the system's viewer; `false` when there is none.
pub fn open_in_viewer(file: &Path) -> bool {
    let mut command = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        Command::new("xdg-open")
    };
    command
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `accord demo` and the first-run offer: the water-leak case as it stands
/// after signing: its agreement drafted, reviewed and approved, signed on
/// the pad by everyone, finalised and sealed. Running it again changes
/// nothing. Returns the case and whether anything was added.
pub async fn load_demo(store: &Store, actor: &Actor, t: &Translations) -> Result<(Case, bool)> {
    use accord_core::{
        CaseStatus,
        agreement::{SignMethod, Signature},
        demo,
    };
    let (mut case, created) = store.load_demo(actor).await?;
    if store.agreement(case.id).await?.is_some() {
        return Ok((case, created));
    }
    if store.setting(CENTRE_NAME).await?.is_none() {
        store
            .set_setting(CENTRE_NAME, &t.tr("demo-centre-name"))
            .await?;
    }
    demo_room(store, actor, &case).await?;
    let content = demo::water_leak_agreement(&case);
    store.save_agreement(actor, case.id, &content).await?;
    store
        .review_agreement(actor, case.id, AgreementStatus::InReview, None)
        .await?;
    let advisor = Actor {
        user_id: None,
        name: t.tr("demo-advisor-name"),
    };
    store
        .review_agreement(
            &advisor,
            case.id,
            AgreementStatus::Approved,
            Some(&t.tr("demo-review-comment")),
        )
        .await?;
    for (slot, signatory) in content.signatories(&case).into_iter().enumerate() {
        let signature = Signature {
            slot,
            strokes: handwriting(&signatory.name),
            name: signatory.name,
            method: SignMethod::Pad,
            signed_at: chrono::Utc::now(),
        };
        store.save_signature(actor, case.id, &signature).await?;
    }
    // Signed in the room on 12 February 2025.
    let effective = chrono::NaiveDate::from_ymd_opt(2025, 2, 12).unwrap_or_default();
    store
        .finalise_agreement_on(actor, case.id, effective)
        .await?;
    seal_final(store, actor, t, case.id).await?;
    demo_performance(store, actor, t, case.id).await?;
    case = store.case(case.id).await?;
    for next in [
        CaseStatus::Assigned,
        CaseStatus::InMediation,
        CaseStatus::Settled,
    ] {
        if case.status.can_become(next) {
            case = store
                .change_status(actor, case.id, case.version, next)
                .await?;
        }
    }
    Ok((case, true))
}

/// Where performance stands in the example: the pipe was repaired, 赵喆 was
/// paid in full, 李玥's first instalment only in part (3,000 of 5,000) and
/// her second not at all, so both are overdue.
async fn demo_performance(
    store: &Store,
    actor: &Actor,
    t: &Translations,
    case_id: i64,
) -> Result<()> {
    use accord_core::{Currency, Money, followup::FollowUpKind};
    use accord_store::NewPayment;
    let date = |m, d| chrono::NaiveDate::from_ymd_opt(2025, m, d).unwrap_or_default();
    for f in store.case_followups(case_id).await? {
        if f.obligation == 0 && f.kind == FollowUpKind::DueCheck {
            store
                .complete_followup(actor, f.id, &t.tr("demo-repair-done"), true)
                .await?;
        }
    }
    for (obligation, installment, minor, on, method) in [
        (2, 0, 350_050, date(2, 28), t.tr("demo-method-cash")),
        (1, 0, 300_000, date(3, 1), t.tr("demo-method-transfer")),
    ] {
        store
            .record_payment(
                actor,
                case_id,
                &NewPayment {
                    obligation,
                    installment,
                    amount: Money::new(minor, Currency::Cny),
                    paid_on: on,
                    method,
                    evidence: t.tr("demo-evidence"),
                },
            )
            .await?;
    }
    Ok(())
}

/// The example's joint session, closed: what each side said and the
/// offers they put on the table (the agreement was drafted from these).
async fn demo_room(store: &Store, actor: &Actor, case: &Case) -> Result<()> {
    use accord_core::{AuditAction, Currency, ItemKind, Money, NewItem, Offer};
    let mut session = store.open_session(actor, case.id).await?;
    let now = chrono::Utc::now();
    for party in &case.parties {
        // The parties were all present and agreed to mediate.
        let _ = session.record_consent(party.id, now);
    }
    session = store
        .save_session(actor, &session, AuditAction::ConsentRecorded)
        .await?;
    let party = |i: usize| case.parties.get(i).map(|p| p.id).unwrap_or_default();
    let issue = |i: usize| case.issues.get(i).map(|x| x.id);
    let say = |p, kind, text: &str| NewItem {
        party_id: p,
        issue_id: None,
        kind: Some(kind),
        text: text.into(),
        offer: None,
        corrects: None,
    };
    let offer = |p, i, yuan_cents: i64, terms: &str| NewItem {
        party_id: p,
        issue_id: issue(i),
        kind: Some(ItemKind::Offer),
        text: String::new(),
        offer: Some(Offer {
            amount: Some(Money::new(yuan_cents, Currency::Cny)),
            terms: terms.into(),
        }),
        corrects: None,
    };
    for item in [
        say(
            party(0),
            ItemKind::Position,
            "要求王建国修好管道，并赔偿顶棚、墙面及家具损失8000元。",
        ),
        say(
            party(2),
            ItemKind::Statement,
            "承认管道老化漏水，愿意先把管道修好，但认为赔偿数额偏高。",
        ),
        offer(party(2), 1, 500_000, "房屋及家具损失赔偿款"),
        offer(party(2), 1, 800_000, "房屋及家具损失赔偿款，分两期支付"),
        offer(party(1), 2, 350_050, "顶棚修复费用，现金一次付清"),
    ] {
        store.record_item(actor, session.id, &item).await?;
    }
    let _ = session.close(chrono::Utc::now());
    store
        .save_session(actor, &session, AuditAction::SessionClosed)
        .await?;
    Ok(())
}

/// A hand-like scribble for an example signature: one looping stroke per
/// character, the same for the same name.
pub fn handwriting(name: &str) -> Vec<Vec<(f32, f32)>> {
    let chars: Vec<char> = name.chars().collect();
    let n = chars.len().max(1) as f32;
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let seed = (*c as u32 % 97) as f32 / 97.0;
            let left = (i as f32 + 0.1) / n;
            let width = 0.8 / n;
            (0..=24)
                .map(|k| {
                    let s = k as f32 / 24.0;
                    let turn = s * std::f32::consts::TAU * (1.5 + seed);
                    let x = left + width * (s + 0.18 * turn.sin());
                    let y = 0.5 - 0.32 * (turn + seed * 3.0).cos() * (1.0 - 0.4 * s) + 0.1 * s;
                    (x.clamp(0.0, 1.0), y.clamp(0.0, 1.0))
                })
                .collect()
        })
        .collect()
}

/// What the settings show about the sealing key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    pub common_name: String,
    pub organisation: String,
    pub imported: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// SHA-256 of the certificate, in groups for reading aloud.
    pub fingerprint: String,
}

/// The sealing key in use, if any.
pub async fn key_info(store: &Store) -> Result<Option<KeyInfo>> {
    use sha2::{Digest, Sha256};
    Ok(store.centre_key().await?.map(|k| {
        let digest = Sha256::digest(&k.certificate);
        let hex: Vec<String> = digest.iter().map(|b| format!("{b:02X}")).collect();
        KeyInfo {
            common_name: k.common_name,
            organisation: k.organisation,
            imported: k.imported,
            created_at: k.created_at,
            fingerprint: hex
                .chunks(4)
                .map(|c| c.concat())
                .collect::<Vec<_>>()
                .join(" "),
        }
    }))
}

/// Creates a new self-signed sealing key named after the centre (and
/// remembers the name); later seals use it.
pub async fn create_key(store: &Store, actor: &Actor, name: &str) -> Result<KeyInfo> {
    let name = name.trim();
    if name.is_empty() {
        return Err(PublishError::NoCentreName);
    }
    store.set_setting(CENTRE_NAME, name).await?;
    let (key, cert) = seal::try_self_signed(name, "Accord")?;
    let der = seal::key_to_pkcs8(&key)?;
    store
        .save_centre_key(actor, name, "Accord", &cert, &der, false)
        .await?;
    key_info(store).await?.ok_or(PublishError::NotFinal)
}

/// Imports the centre's key and certificate from a PKCS#12 file.
pub async fn import_key(
    store: &Store,
    actor: &Actor,
    path: &Path,
    password: &str,
) -> Result<KeyInfo> {
    let data = std::fs::read(path).map_err(|e| PublishError::File {
        path: path.display().to_string(),
        detail: e.to_string(),
    })?;
    let imported = seal::import_pkcs12(&data, password)?;
    let der = seal::key_to_pkcs8(&imported.key)?;
    store
        .save_centre_key(
            actor,
            &imported.common_name,
            &imported.organisation,
            &imported.certificate,
            &der,
            true,
        )
        .await?;
    key_info(store).await?.ok_or(PublishError::NotFinal)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_job_id_is_found_in_any_language() {
        for said in [
            "request id is AccordPDF-21 (1 file(s))",
            "请求 ID 为 AccordPDF-21（1 个文件）",
        ] {
            assert_eq!(
                super::job_id(said, "AccordPDF").as_deref(),
                Some("AccordPDF-21")
            );
        }
        assert_eq!(super::job_id("lp: error", "AccordPDF"), None);
    }
}
