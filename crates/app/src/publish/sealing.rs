//! The final agreement rendered with its signatures, signing date and the
//! committee's name, sealed with the centre's key, stored, and queued by
//! email to each party; numbered originals written for printing.

use std::path::{Path, PathBuf};

use accord_core::{
    Case,
    agreement::{AgreementStatus, Jurisdiction},
};
use accord_document::{
    AgreementDocument, AgreementInput, agreement,
    pdf::{self, PrintOptions, Reference},
    seal,
};
use accord_i18n::{Locale, Translations};
use accord_store::{Actor, AgreementRecord, SealedPdf, Store};

use super::{PublishError, Result, centre_key, centre_name, write};

/// The language an agreement is written in: its profile's (Chinese for
/// the People's Mediation profile, English for the generic one), or the
/// one asked for (a translation, marked as such on the page).
pub fn document_translations(
    jurisdiction: Jurisdiction,
    lang: Option<Locale>,
) -> &'static Translations {
    Translations::get(lang.unwrap_or(match jurisdiction {
        Jurisdiction::PrcPeoplesMediation => Locale::ZhCn,
        Jurisdiction::GenericEnglish => Locale::EnUs,
    }))
}

/// The final agreement as a document, with the pad signatures drawn in,
/// in its own language or in `lang`; `t` only names the committee when
/// the centre has set no name.
pub async fn final_document(
    store: &Store,
    t: &Translations,
    lang: Option<Locale>,
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
    let court = store.setting(super::CENTRE_COURT).await?;
    let number_format = store.setting(super::CENTRE_NUMBER_FORMAT).await?;
    let doc = agreement(
        document_translations(version.content.jurisdiction, lang),
        &AgreementInput {
            court: court.as_deref(),
            number_format: number_format.as_deref(),
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
/// What a printed or saved file says it is in its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The numbered original `n` of `of` ("正本 1/3"); the committee's
    /// is the last.
    Original(usize, usize),
    /// A copy saved or opened on a computer ("副本"): sealed like the
    /// originals, but not one of them.
    Copy,
}

pub fn sealed_original(
    t: &Translations,
    case: &Case,
    record: &AgreementRecord,
    doc: &AgreementDocument,
    mark: Mark,
    (key, cert, signer): (&seal::SealKey, &[u8], &str),
    audit_head: Option<&accord_store::AuditHead>,
) -> Result<Vec<u8>> {
    let now = chrono::Utc::now().timestamp();
    let reference = Reference {
        case_number: case.number,
        version: record.final_version.unwrap_or_default(),
        content_hash: record.final_hash.clone().unwrap_or_default(),
    };
    let options = PrintOptions {
        original: Some(match mark {
            Mark::Original(n, of) => t.tr_args(
                "doc-original",
                &[("n", n.to_string().into()), ("of", of.to_string().into())],
            ),
            Mark::Copy => t.tr("doc-copy"),
        }),
        author: record
            .current()
            .map(|v| v.content.mediator.clone())
            .unwrap_or_default(),
        created_unix: now,
        footer_pattern: t.tr("doc-footer"),
        qr: Some((reference.payload(), t.tr("doc-qr-caption"))),
        // Beside the QR code, so a clerk can compare it with the centre's
        // published certificate.
        certificate_fingerprint: Some(t.tr_args(
            "doc-certificate-fingerprint",
            &[("fingerprint", seal::short_fingerprint(cert).into())],
        )),
        audit_head: audit_head.map(accord_store::AuditHead::payload),
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

/// Finalises the approved agreement and seals it, with the sealed
/// agreement queued by email to each party: one transaction, so there is
/// never a final agreement left unsealed by a program killed in between.
/// Returns the final agreement and what was stored.
pub async fn finalise_and_seal(
    store: &Store,
    actor: &Actor,
    t: &Translations,
    case_id: i64,
) -> Result<(AgreementRecord, SealedPdf)> {
    let all = store.all_or_nothing().await?;
    let record = all.finalise_agreement(actor, case_id).await?;
    let sealed = seal_final(&all, actor, t, case_id).await?;
    all.commit().await?;
    Ok((record, sealed))
}

/// Seals the final agreement (the committee's original) and keeps it in
/// the database; returns what was stored. A version is sealed once: when
/// it was sealed meanwhile (another program at the same moment), the
/// document stored first is returned and no emails are queued again.
pub async fn seal_final(
    store: &Store,
    actor: &Actor,
    t: &Translations,
    case_id: i64,
) -> Result<SealedPdf> {
    let (case, record, doc) = final_document(store, t, None, case_id).await?;
    let (key, cert, signer) = centre_key(store, actor, t).await?;
    // The page's marks and the emails in the agreement's language.
    let t = Translations::get(doc.locale);
    let copies = accord_core::agreement::AgreementContent::copies(&case);
    // The trail as it stands when this is sealed, recorded in the file.
    let head = store.audit_head().await?;
    let bytes = sealed_original(
        t,
        &case,
        &record,
        &doc,
        Mark::Original(copies, copies),
        (&key, &cert, &signer),
        head.as_ref(),
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
    let (case, record, doc) = final_document(store, t, None, case_id).await?;
    let (key, cert, signer) = centre_key(store, actor, t).await?;
    let t = Translations::get(doc.locale);
    let head = store.audit_head().await?;
    (1..=copies.max(1))
        .map(|n| {
            let bytes = sealed_original(
                t,
                &case,
                &record,
                &doc,
                Mark::Original(n, copies),
                (&key, &cert, &signer),
                head.as_ref(),
            )?;
            let name = format!(
                "{}-v{}-{n}of{copies}.pdf",
                case.number,
                record.final_version.unwrap_or_default()
            );
            write(dir, &name, &bytes)
        })
        .collect()
}

/// A sealed copy of the final agreement ("副本" in its header) written to
/// `path`: what "Save PDF" and "Open" hand out, in the agreement's own
/// language or in `lang` (a translation that says which text prevails).
/// The committee's original stays in the database with its number.
pub async fn write_copy(
    store: &Store,
    actor: &Actor,
    t: &Translations,
    lang: Option<Locale>,
    case_id: i64,
    path: &Path,
) -> Result<PathBuf> {
    let (case, record, doc) = final_document(store, t, lang, case_id).await?;
    let (key, cert, signer) = centre_key(store, actor, t).await?;
    let t = Translations::get(doc.locale);
    let head = store.audit_head().await?;
    let bytes = sealed_original(
        t,
        &case,
        &record,
        &doc,
        Mark::Copy,
        (&key, &cert, &signer),
        head.as_ref(),
    )?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| format!("{}.pdf", case.number));
    write(dir, &name, &bytes)
}
