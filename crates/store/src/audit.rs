//! Reading the audit log (events are written only by
//! [`crate::write::Write::commit`]).

use accord_core::AuditAction;
use accord_entity::audit_event;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{Result, Store, convert::code};

/// One line of a case's history.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub who: String,
    pub action: AuditAction,
    pub case_id: Option<i64>,
    /// Action-specific facts as JSON (e.g. the old and new status).
    pub detail: serde_json::Value,
}

impl Store {
    /// The history of a case, oldest first.
    pub async fn case_history(&self, case_id: i64) -> Result<Vec<AuditEntry>> {
        self.entries(audit_event::Entity::find().filter(audit_event::Column::CaseId.eq(case_id)))
            .await
    }

    /// Every audit event, oldest first (for tests and export).
    pub async fn audit_log(&self) -> Result<Vec<AuditEntry>> {
        self.entries(audit_event::Entity::find()).await
    }

    async fn entries(
        &self,
        select: sea_orm::Select<audit_event::Entity>,
    ) -> Result<Vec<AuditEntry>> {
        Ok(select
            .order_by_asc(audit_event::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .filter_map(entry_from)
            .collect())
    }
}

/// An event as this version understands it. Events written by a newer
/// version with an action this one does not know are left out of the
/// history rather than making the whole history unreadable.
fn entry_from(m: audit_event::Model) -> Option<AuditEntry> {
    Some(AuditEntry {
        at: m.at,
        who: m.user_name,
        action: code::<AuditAction>(&m.action).ok()?,
        case_id: m.case_id,
        detail: serde_json::from_str(&m.detail).unwrap_or(serde_json::Value::Null),
    })
}
