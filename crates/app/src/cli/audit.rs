//! `accord audit verify`: checks the audit trail's hash chain.

use accord_core::{AuditAction, Choice};
use accord_store::{BreakKind, ChainReport};

use super::{login, said, tr};

/// `accord audit verify`: walks every audit event and checks that each
/// matches its hash and is chained to the one before. Prints the count and
/// the head hash, or the first event where the chain breaks and how;
/// `Ok(false)` (exit code 1) when it is broken.
pub async fn audit_verify(db: Option<&str>) -> anyhow::Result<bool> {
    let t = tr();
    // The trail names users and cases: only for a login.
    let (store, _) = login::open_signed_in(db).await?;
    let report = store
        .verify_audit_chain()
        .await
        .map_err(|e| said((&e).into()))?;
    match report {
        ChainReport::Intact { head: None, .. } => {
            println!("{}", t.tr("cli-audit-empty"));
            Ok(true)
        }
        ChainReport::Intact {
            events,
            head: Some(head),
        } => {
            println!(
                "{}",
                t.tr_args(
                    "cli-audit-intact",
                    &[("count", events.to_string().into()), ("head", head.into())]
                )
            );
            Ok(true)
        }
        ChainReport::Broken(at) => {
            let key = match at.kind {
                BreakKind::Changed => "cli-audit-changed",
                BreakKind::Deleted => "cli-audit-deleted",
                BreakKind::Inserted => "cli-audit-inserted",
            };
            // A forged event may carry an action this version does not
            // know: then its code as stored.
            let action = AuditAction::from_code(&at.action)
                .map(|a| t.tr(a.label_key()))
                .unwrap_or_else(|| at.action.clone());
            let when = at
                .at
                .with_timezone(&chrono::Local)
                .format(&t.tr("format-datetime"))
                .to_string();
            println!(
                "{}",
                t.tr_args(
                    key,
                    &[
                        ("id", at.id.to_string().into()),
                        ("at", when.into()),
                        ("action", action.into()),
                    ]
                )
            );
            println!(
                "{}",
                t.tr_args(
                    "cli-audit-intact-before",
                    &[("count", at.intact_before.to_string().into())]
                )
            );
            Ok(false)
        }
    }
}
