//! What a case's file (卷宗) holds besides the room and the agreement:
//! investigation records (调查记录) and attachments, the scans of identity
//! documents, evidence, powers of attorney and payment receipts, kept in
//! the database itself (so encrypted with it, backed up and copied with
//! it). Each addition is one audited change by someone who may work on
//! the case; nothing here is ever changed or deleted, as befits a file
//! the justice bureau inspects.

pub use accord_core::investigation::AttachmentKind;
use accord_core::{AuditAction, Choice, ValidationError, investigation::Investigation};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};

use crate::{Actor, Result, Store, StoreError, desk::statement, write::AuditEvent};

/// The largest scan accepted (a page scanned at 300 dpi is well under).
pub const MAX_ATTACHMENT: usize = 20 * 1024 * 1024;

/// A scan in the case file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub id: i64,
    pub case_id: i64,
    pub kind: AttachmentKind,
    pub title: String,
    /// `image/jpeg`, `image/png` or `application/pdf`.
    pub mime: String,
    pub sha256: String,
    pub size: usize,
    pub added_at: DateTime<Utc>,
    pub added_by: String,
}

/// The type of a file by its first bytes: JPEG, PNG or PDF, or none.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

impl Store {
    /// Records an investigation of the case.
    pub async fn add_investigation(
        &self,
        actor: &Actor,
        record: &Investigation,
    ) -> Result<Investigation> {
        let now = chrono::Local::now().naive_local();
        if let Err(errors) = record.validate(now) {
            let first = errors
                .0
                .first()
                .map(|e| e.error.clone())
                .unwrap_or(ValidationError::ContentEmpty);
            return Err(first.into());
        }
        let change = self.write(actor).await?;
        crate::roles::case_work(&*change, actor, record.case_id).await?;
        let backend = change.get_database_backend();
        let content =
            serde_json::to_string(record).map_err(|e| StoreError::Database(e.to_string()))?;
        change
            .execute_raw(statement(
                backend,
                "INSERT INTO investigations (case_id, content, recorded_at, recorded_by) \
                 VALUES (?, ?, ?, ?)",
                vec![
                    record.case_id.into(),
                    content.into(),
                    crate::now().into(),
                    actor.name.clone().into(),
                ],
            ))
            .await?;
        change
            .commit(AuditEvent::case(
                AuditAction::InvestigationRecorded,
                record.case_id,
                serde_json::json!({ "place": record.place, "at": record.at }),
            ))
            .await?;
        let mut all = self.investigations(record.case_id).await?;
        all.pop().ok_or(StoreError::NotFound)
    }

    /// The case's investigation records, oldest first.
    pub async fn investigations(&self, case_id: i64) -> Result<Vec<Investigation>> {
        let backend = self.db.get_database_backend();
        let rows = self
            .db
            .query_all_raw(statement(
                backend,
                "SELECT id, content FROM investigations WHERE case_id = ? ORDER BY id",
                vec![case_id.into()],
            ))
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let content: String = row.try_get("", "content")?;
            let mut record: Investigation =
                serde_json::from_str(&content).map_err(|e| StoreError::Database(e.to_string()))?;
            record.id = row.try_get("", "id")?;
            record.case_id = case_id;
            out.push(record);
        }
        Ok(out)
    }

    /// Adds a scan to the case file: a JPEG, PNG or PDF (by its bytes, not
    /// its name), with a title.
    pub async fn add_attachment(
        &self,
        actor: &Actor,
        case_id: i64,
        kind: AttachmentKind,
        title: &str,
        bytes: &[u8],
    ) -> Result<Attachment> {
        let title = title.trim();
        if title.is_empty() {
            return Err(ValidationError::NameEmpty.into());
        }
        if bytes.len() > MAX_ATTACHMENT {
            return Err(ValidationError::TooLong {
                max: MAX_ATTACHMENT,
            }
            .into());
        }
        let mime = sniff(bytes).ok_or(StoreError::Invalid(ValidationError::AttachmentType))?;
        let sha256 = format!("{:x}", Sha256::digest(bytes));
        let change = self.write(actor).await?;
        crate::roles::case_work(&*change, actor, case_id).await?;
        let backend = change.get_database_backend();
        change
            .execute_raw(statement(
                backend,
                "INSERT INTO attachments (case_id, kind, title, mime, content, sha256, added_at, \
                 added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                vec![
                    case_id.into(),
                    kind.code().into(),
                    title.into(),
                    mime.into(),
                    bytes.to_vec().into(),
                    sha256.clone().into(),
                    crate::now().into(),
                    actor.name.clone().into(),
                ],
            ))
            .await?;
        change
            .commit(AuditEvent::case(
                AuditAction::AttachmentAdded,
                case_id,
                serde_json::json!({
                    "kind": kind.code(),
                    "title": title,
                    "sha256": sha256,
                    "bytes": bytes.len(),
                }),
            ))
            .await?;
        let all = self.attachments(case_id).await?;
        all.into_iter().last().ok_or(StoreError::NotFound)
    }

    /// The case's attachments, in the order added (without their bytes).
    pub async fn attachments(&self, case_id: i64) -> Result<Vec<Attachment>> {
        let backend = self.db.get_database_backend();
        let length = if backend == sea_orm::DatabaseBackend::Postgres {
            "octet_length(content)"
        } else {
            "length(content)"
        };
        let rows = self
            .db
            .query_all_raw(statement(
                backend,
                &format!(
                    "SELECT id, kind, title, mime, sha256, {length} AS size, added_at, added_by \
                     FROM attachments WHERE case_id = ? ORDER BY id"
                ),
                vec![case_id.into()],
            ))
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let kind: String = row.try_get("", "kind")?;
            let size: i64 = row
                .try_get::<i64>("", "size")
                .or_else(|_| row.try_get::<i32>("", "size").map(i64::from))?;
            out.push(Attachment {
                id: row.try_get("", "id")?,
                case_id,
                kind: crate::convert::code(&kind)?,
                title: row.try_get("", "title")?,
                mime: row.try_get("", "mime")?,
                sha256: row.try_get("", "sha256")?,
                size: usize::try_from(size).unwrap_or(0),
                added_at: row.try_get("", "added_at")?,
                added_by: row.try_get("", "added_by")?,
            });
        }
        Ok(out)
    }

    /// An attachment's bytes.
    pub async fn attachment_bytes(&self, id: i64) -> Result<Vec<u8>> {
        let backend = self.db.get_database_backend();
        let row = self
            .db
            .query_one_raw(statement(
                backend,
                "SELECT content FROM attachments WHERE id = ?",
                vec![id.into()],
            ))
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(row.try_get("", "content")?)
    }
}
