//! A supplementary agreement or rescission record as a PDF: printed and
//! signed on paper by the parties, stamped by the committee, beside the
//! final agreement (which stays as it was sealed). It carries no
//! electronic seal: `accord verify` vouches for the final agreement only.

use accord_core::{Choice, agreement::AgreementStatus};
use accord_document::{AmendmentInput, amendment, pdf};
use accord_i18n::Translations;
use accord_store::{Store, StoreError};

use super::{PublishError, Result, centre_name};

/// Amendment `number` of the case's final agreement, rendered: its file
/// name and bytes.
pub async fn amendment_pdf(
    store: &Store,
    t: &Translations,
    case_id: i64,
    number: i32,
) -> Result<(String, Vec<u8>)> {
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
    let change = store
        .amendments(case_id)
        .await?
        .into_iter()
        .find(|a| a.number == number)
        .ok_or(StoreError::NotFound)?;
    let committee = match store.centre_key().await? {
        Some(key) => key.common_name,
        None => centre_name(store, t).await?,
    };
    let signed_on = record
        .finalised_at
        .map(|at| at.with_timezone(&chrono::Local).date_naive())
        .unwrap_or(change.agreed_on);
    let doc = amendment(
        t,
        &AmendmentInput {
            case: &case,
            content: &version.content,
            signed_on,
            committee: &committee,
            amendment: &change,
        },
    );
    let missing = pdf::missing_glyphs(&doc)?;
    if !missing.is_empty() {
        return Err(PublishError::Glyphs(missing));
    }
    let options = pdf::PrintOptions {
        author: version.content.mediator.clone(),
        created_unix: change.recorded_at.timestamp(),
        footer_pattern: t.tr("doc-footer"),
        ..pdf::PrintOptions::default()
    };
    let bytes = pdf::render(&doc, &options)?;
    let name = format!(
        "{}-{}-{}.pdf",
        case.number,
        change.kind.code(),
        change.number
    );
    Ok((name, bytes))
}
