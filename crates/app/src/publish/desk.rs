//! The desk's papers: the application for judicial confirmation with a
//! packet cover for each party to sign, and the transfer slip with its
//! feedback receipt. Written as PDFs into the folder beside the database
//! where the sealed agreements go; not sealed (they are signed by hand and
//! filed with the court or the receiving body).

use std::path::{Path, PathBuf};

use accord_core::{Choice, agreement::AgreementStatus};
use accord_document::{
    Block, JcInput, TransferInput, agreement, jc_application, jc_cover, pdf, transfer_slip,
};
use accord_i18n::Translations;
use accord_store::Store;

use super::{PublishError, Result, write};

fn options(t: &Translations, author: &str) -> pdf::PrintOptions {
    pdf::PrintOptions {
        author: author.to_owned(),
        created_unix: chrono::Utc::now().timestamp(),
        footer_pattern: t.tr("doc-footer"),
        ..pdf::PrintOptions::default()
    }
}

/// A file name without characters a file system refuses.
fn file_name(parts: &[&str]) -> String {
    let joined = parts.join("-");
    let clean: String = joined
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{clean}.pdf")
}

/// Writes the application for judicial confirmation of the case's final
/// agreement and one packet cover per party into `dir`: the application
/// first. The application must have been prepared at the desk (the court
/// and why it is competent).
pub async fn jc_papers(
    store: &Store,
    t: &Translations,
    case_id: i64,
    dir: &Path,
) -> Result<Vec<PathBuf>> {
    let (docs, author) = jc_documents(store, t, case_id).await?;
    let mut written = Vec::new();
    for (name, doc) in docs {
        let bytes = pdf::render(&doc, &options(t, &author))?;
        written.push(write(dir, &name, &bytes)?);
    }
    Ok(written)
}

/// The judicial-confirmation papers (file name and document, the
/// application first) and who writes them.
pub(super) async fn jc_documents(
    store: &Store,
    t: &Translations,
    case_id: i64,
) -> Result<(Vec<(String, accord_document::AgreementDocument)>, String)> {
    let case = store.case(case_id).await?;
    let record = store
        .agreement(case_id)
        .await?
        .filter(|r| r.status == AgreementStatus::Final)
        .ok_or(PublishError::NotFinal)?;
    let version = record
        .versions
        .iter()
        .find(|v| Some(v.number) == record.final_version)
        .ok_or(PublishError::NotFinal)?;
    let desk = store.case_desk(case_id).await?;
    let jc = desk
        .jc
        .ok_or(PublishError::Store(accord_store::StoreError::NotFound))?;
    let committee = super::centre_name(store, t).await?;
    let number_format = store.setting(super::CENTRE_NUMBER_FORMAT).await?;
    let number = number_format
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(|f| case.number.formatted(f))
        .unwrap_or_else(|| case.number.to_string());
    // The terms as the agreement prints them.
    let printed = agreement(
        t,
        &accord_document::AgreementInput::new(&case, &version.content),
    );
    let terms: Vec<String> = printed
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Term { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
    let effective = record
        .finalised_at
        .map(|at| at.with_timezone(&chrono::Local).date_naive())
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let input = JcInput {
        case: &case,
        agreement_number: number,
        agreement_date: effective,
        court: jc.court.clone(),
        basis: jc.basis,
        committee,
        terms,
        property: version
            .content
            .obligations
            .iter()
            .any(|o| o.amount.is_some()),
        date: chrono::Local::now().date_naive(),
    };
    let author = version.content.mediator.clone();
    let mut docs = vec![(
        file_name(&[&case.number.to_string(), &t.tr("jc-doc-file")]),
        jc_application(t, &input),
    )];
    for (i, p) in case.parties.iter().enumerate() {
        docs.push((
            file_name(&[
                &case.number.to_string(),
                &t.tr("jc-doc-cover-file"),
                &p.name,
            ]),
            jc_cover(t, &input, i),
        ));
    }
    Ok((docs, author))
}

/// Writes the transfer slip of routing `routing_id` of the case into
/// `dir`.
pub async fn transfer_papers(
    store: &Store,
    t: &Translations,
    case_id: i64,
    routing_id: i64,
    dir: &Path,
) -> Result<PathBuf> {
    let case = store.case(case_id).await?;
    let desk = store.case_desk(case_id).await?;
    let (ordinal, routing) = desk
        .routings
        .iter()
        .enumerate()
        .find(|(_, r)| r.id == routing_id)
        .ok_or(PublishError::Store(accord_store::StoreError::NotFound))?;
    let input = TransferInput {
        case: &case,
        routing: &routing.slip,
        committee: super::centre_name(store, t).await?,
        number: t.tr_args(
            "transfer-doc-number-pattern",
            &[
                ("number", case.number.to_string().into()),
                ("n", (ordinal + 1).to_string().into()),
            ],
        ),
        date: routing.routed_at.with_timezone(&chrono::Local).date_naive(),
        mediator: routing.routed_by.clone(),
    };
    let doc = transfer_slip(t, &input);
    let bytes = pdf::render(&doc, &options(t, &routing.routed_by))?;
    write(
        dir,
        &file_name(&[
            &case.number.to_string(),
            &t.tr("transfer-doc-file"),
            routing.slip.body.code(),
            &(ordinal + 1).to_string(),
        ]),
        &bytes,
    )
}
