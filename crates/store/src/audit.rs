//! Reading the audit log (events are written only by
//! [`crate::write::Write::commit`]) and verifying its hash chain.
//!
//! # The chain
//!
//! Every event carries `prev_hash`, the `hash` of the event before it in
//! id order (none for the first), and its own `hash`: SHA-256 (64
//! lowercase hex digits) over a canonical text of `prev_hash`, `id`, `at`
//! (milliseconds since 1970, as stored), `user_id`, `user_name`, `action`,
//! `case_id` and `detail` (the stored JSON text, byte for byte). The text
//! and the hash are defined once, in
//! [`accord_migration::audit_chain::ChainedEvent`]: the migration that
//! chained the events written before the chain existed computes the same
//! hashes and cannot depend on this crate. [`event_hash`] applies it to a
//! stored event.
//!
//! [`crate::write::Write::commit`] extends the chain under a lock (see
//! `write`), so two rooms on one server cannot both chain to the same
//! event. The id is part of the hash and `accord db copy` copies ids as
//! they are, so a copy verifies like its source.
//!
//! [`Store::verify_audit_chain`] finds an event changed, deleted or
//! inserted after it was written; it cannot find events removed from the
//! end, nor a log rewritten from some event onwards with every later hash
//! recomputed: that needs the head hash recorded somewhere else.

use accord_core::AuditAction;
use accord_entity::audit_event;
use accord_migration::audit_chain::ChainedEvent;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::{Result, Store, convert::code};

/// Events read per statement while verifying.
const BATCH: u64 = 500;

/// What the chain covers of a stored event.
fn chained(m: &audit_event::Model) -> ChainedEvent<'_> {
    ChainedEvent {
        prev_hash: m.prev_hash.as_deref(),
        id: m.id,
        at_ms: m.at.timestamp_millis(),
        user_id: m.user_id,
        user_name: &m.user_name,
        action: &m.action,
        case_id: m.case_id,
        detail: &m.detail,
    }
}

/// The hash a stored event must carry: over its content and its
/// `prev_hash`, whatever its `hash` column says.
pub(crate) fn event_hash(m: &audit_event::Model) -> String {
    chained(m).hash()
}

/// The hash of the newest event (highest id), the one the next event is
/// chained to; `None` when there is none yet.
pub(crate) async fn head(db: &impl ConnectionTrait) -> Result<Option<String>> {
    Ok(audit_event::Entity::find()
        .select_only()
        .column(audit_event::Column::Hash)
        .order_by_desc(audit_event::Column::Id)
        .into_tuple::<String>()
        .one(db)
        .await?)
}

/// On SQLite, in a write transaction: the id the next event gets and the
/// newest event's hash, read by one statement. The id is SQLite's own
/// choice for the table (AUTOINCREMENT): one past the highest ever given,
/// so the id of a deleted newest event is never given again.
pub(crate) async fn next_on_sqlite(db: &impl ConnectionTrait) -> Result<(i64, Option<String>)> {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DatabaseBackend::Sqlite,
            "SELECT max(\
             COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'), 0), \
             COALESCE((SELECT max(id) FROM audit_events), 0)) + 1, \
             (SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1)",
        ))
        .await?
        .ok_or_else(|| crate::StoreError::Database("no row".to_owned()))?;
    Ok((row.try_get_by_index(0)?, row.try_get_by_index(1)?))
}

/// The result of [`Store::verify_audit_chain`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainReport {
    /// Every event's hash matches its content, and each is chained to the
    /// one before it.
    Intact {
        /// How many events there are.
        events: u64,
        /// The newest event's hash; `None` when there are no events.
        head: Option<String>,
    },
    /// The first place where the chain does not hold.
    Broken(ChainBreak),
}

/// Where and how the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    /// The event named: the first one that does not fit.
    pub id: i64,
    pub at: DateTime<Utc>,
    /// Its action's code as stored (it may not be one this version knows,
    /// e.g. in a forged event).
    pub action: String,
    pub kind: BreakKind,
    /// How many events before it verify.
    pub intact_before: u64,
}

/// What a break looks like, as far as the chain can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakKind {
    /// The event's content does not match its hash: changed after it was
    /// written, or forged.
    Changed,
    /// The event is chained to an event that is not there: one or more
    /// events before it were deleted (or the event before it was rewritten
    /// with a new hash).
    Deleted,
    /// The event is not part of the chain: the next genuine event is
    /// chained past it, to the one before it. It (and any events up to
    /// that one) was inserted afterwards.
    Inserted,
}

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
pub(crate) fn entry_from(m: audit_event::Model) -> Option<AuditEntry> {
    Some(AuditEntry {
        at: m.at,
        who: m.user_name,
        action: code::<AuditAction>(&m.action).ok()?,
        case_id: m.case_id,
        detail: serde_json::from_str(&m.detail).unwrap_or(serde_json::Value::Null),
    })
}

/// The newest audit event when something was sealed: recorded in the
/// sealed agreement, so that the trail cut off or rewritten after it can
/// be caught later (the event must still be there, with that hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditHead {
    pub id: i64,
    pub hash: String,
}

impl AuditHead {
    /// `ACCORD-AUDIT|<id>|sha256:<hex>`, as written into a PDF.
    pub fn payload(&self) -> String {
        format!("ACCORD-AUDIT|{}|sha256:{}", self.id, self.hash)
    }

    /// Reads [`AuditHead::payload`] back.
    pub fn parse(text: &str) -> Option<Self> {
        let rest = text.trim().strip_prefix("ACCORD-AUDIT|")?;
        let (id, hash) = rest.split_once('|')?;
        Some(Self {
            id: id.parse().ok()?,
            hash: hash.strip_prefix("sha256:")?.to_owned(),
        })
    }
}

impl Store {
    /// The newest audit event (its id and hash); `None` before any.
    pub async fn audit_head(&self) -> Result<Option<AuditHead>> {
        Ok(audit_event::Entity::find()
            .order_by_desc(audit_event::Column::Id)
            .one(&self.db)
            .await?
            .map(|e| AuditHead {
                id: e.id,
                hash: e.hash,
            }))
    }

    /// Whether the trail still holds `head`: the event with its id, with
    /// that hash.
    pub async fn audit_holds(&self, head: &AuditHead) -> Result<bool> {
        Ok(audit_event::Entity::find_by_id(head.id)
            .one(&self.db)
            .await?
            .is_some_and(|e| e.hash == head.hash))
    }

    /// Walks every audit event in id order and checks the chain: each
    /// event's hash matches its content ([`event_hash`]) and its
    /// `prev_hash` is the hash of the event before it (none for the
    /// first). Reports the count and the head hash, or the first event
    /// where the chain breaks and what the break looks like (see
    /// [`BreakKind`]; a deletion and a rewritten predecessor look the same).
    pub async fn verify_audit_chain(&self) -> Result<ChainReport> {
        // The previous event's hash and how many events verified so far.
        let mut expected: Option<String> = None;
        let mut count: u64 = 0;
        let mut after = i64::MIN;
        loop {
            let page = audit_event::Entity::find()
                .filter(audit_event::Column::Id.gt(after))
                .order_by_asc(audit_event::Column::Id)
                .limit(BATCH)
                .all(&self.db)
                .await?;
            let Some(last) = page.last() else {
                return Ok(ChainReport::Intact {
                    events: count,
                    head: expected,
                });
            };
            after = last.id;
            for event in page {
                let content_fits = event_hash(&event) == event.hash;
                let link_fits = event.prev_hash == expected;
                if content_fits && link_fits {
                    expected = Some(event.hash);
                    count += 1;
                    continue;
                }
                return self
                    .classify(event, expected.as_deref(), content_fits, count)
                    .await
                    .map(ChainReport::Broken);
            }
        }
    }

    /// What the first event that does not fit the chain looks like.
    /// `expected` is the hash of the event before it; `count` how many
    /// events before it verified.
    async fn classify(
        &self,
        event: audit_event::Model,
        expected: Option<&str>,
        content_fits: bool,
        count: u64,
    ) -> Result<ChainBreak> {
        let named = |m: audit_event::Model, kind, intact_before| ChainBreak {
            id: m.id,
            at: m.at,
            action: m.action,
            kind,
            intact_before,
        };
        // A later event chained to the one before this one: this one (and
        // any up to that later one) came in afterwards.
        let linked_past = audit_event::Entity::find()
            .filter(audit_event::Column::Id.gt(event.id))
            .filter(match expected {
                Some(hash) => audit_event::Column::PrevHash.eq(hash),
                None => audit_event::Column::PrevHash.is_null(),
            })
            .one(&self.db)
            .await?;
        if linked_past.is_some() {
            return Ok(named(event, BreakKind::Inserted, count));
        }
        if !content_fits {
            return Ok(named(event, BreakKind::Changed, count));
        }
        // Its content is as written, its link is not to the event before
        // it. Chained to an earlier event: what lies between came in
        // afterwards, starting with the event after that one.
        if let Some(prev_hash) = &event.prev_hash
            && let Some(target) = audit_event::Entity::find()
                .filter(audit_event::Column::Id.lt(event.id))
                .filter(audit_event::Column::Hash.eq(prev_hash.as_str()))
                .order_by_desc(audit_event::Column::Id)
                .one(&self.db)
                .await?
            && let Some(first) = audit_event::Entity::find()
                .filter(audit_event::Column::Id.gt(target.id))
                .order_by_asc(audit_event::Column::Id)
                .one(&self.db)
                .await?
        {
            let before = audit_event::Entity::find()
                .filter(audit_event::Column::Id.lt(first.id))
                .count(&self.db)
                .await?;
            return Ok(named(first, BreakKind::Inserted, before));
        }
        // Chained to an event that is not there.
        Ok(named(event, BreakKind::Deleted, count))
    }
}
