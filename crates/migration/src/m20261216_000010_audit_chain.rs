//! The audit log becomes a hash chain: every event carries the hash of the
//! event before it (`prev_hash`, none for the first) and its own `hash`
//! over its content and that link (see [`crate::audit_chain`]). The events
//! already written are chained here, in id order, so that no event is
//! exempt from verification. An event that has a hash keeps it (a re-run
//! never rewrites one); the next event is chained to it.

use sea_orm_migration::{prelude::*, schema::*, sea_orm::ConnectionTrait};

use crate::audit_chain::ChainedEvent;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    At,
    UserId,
    UserName,
    Action,
    CaseId,
    Detail,
    PrevHash,
    Hash,
}

/// Events read per statement.
const BATCH: u64 = 500;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if !m.has_column("audit_events", "prev_hash").await? {
            m.alter_table(
                Table::alter()
                    .table(AuditEvents::Table)
                    .add_column(text_null(AuditEvents::PrevHash))
                    .to_owned(),
            )
            .await?;
        }
        if !m.has_column("audit_events", "hash").await? {
            // Empty until chained below (SQLite adds a NOT NULL column
            // only with a default); no event stays without one.
            m.alter_table(
                Table::alter()
                    .table(AuditEvents::Table)
                    .add_column(text(AuditEvents::Hash).default(""))
                    .to_owned(),
            )
            .await?;
        }
        chain(m.get_connection()).await
    }

    async fn down(&self, _: &SchemaManager) -> Result<(), DbErr> {
        // The columns stay: dropping them would throw the chain away, and
        // an older Accord ignores them.
        Ok(())
    }
}

/// Chains every event without a hash to the one before it, in id order.
async fn chain<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let mut prev: Option<String> = None;
    let mut after = i64::MIN;
    loop {
        let rows = db
            .query_all(
                &Query::select()
                    .columns([
                        AuditEvents::Id,
                        AuditEvents::At,
                        AuditEvents::UserId,
                        AuditEvents::UserName,
                        AuditEvents::Action,
                        AuditEvents::CaseId,
                        AuditEvents::Detail,
                        AuditEvents::PrevHash,
                        AuditEvents::Hash,
                    ])
                    .from(AuditEvents::Table)
                    .and_where(Expr::col(AuditEvents::Id).gt(after))
                    .order_by(AuditEvents::Id, Order::Asc)
                    .limit(BATCH)
                    .to_owned(),
            )
            .await?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = last.try_get("", "id")?;
        for row in rows {
            let id: i64 = row.try_get("", "id")?;
            let stored: String = row.try_get("", "hash")?;
            if !stored.is_empty() {
                prev = Some(stored);
                continue;
            }
            let at: chrono::DateTime<chrono::Utc> = row.try_get("", "at")?;
            let user_id: Option<i64> = row.try_get("", "user_id")?;
            let user_name: String = row.try_get("", "user_name")?;
            let action: String = row.try_get("", "action")?;
            let case_id: Option<i64> = row.try_get("", "case_id")?;
            let detail: String = row.try_get("", "detail")?;
            let hash = ChainedEvent {
                prev_hash: prev.as_deref(),
                id,
                at_ms: at.timestamp_millis(),
                user_id,
                user_name: &user_name,
                action: &action,
                case_id,
                detail: &detail,
            }
            .hash();
            db.execute(
                &Query::update()
                    .table(AuditEvents::Table)
                    .value(AuditEvents::PrevHash, prev.clone())
                    .value(AuditEvents::Hash, hash.clone())
                    .and_where(Expr::col(AuditEvents::Id).eq(id))
                    .to_owned(),
            )
            .await?;
            prev = Some(hash);
        }
    }
}
