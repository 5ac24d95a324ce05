//! The one way a user's change is written: [`Store::write`] opens the
//! transaction and hands out a [`Write`]; the change reads and writes
//! through it (it dereferences to the transaction), and the only way to
//! keep the change is [`Write::commit`] with its [`AuditEvent`], which
//! inserts the event into the audit log in the same transaction, chained
//! by hash to the event before it (see [`crate::audit`]). Dropping
//! a `Write` (an early return with an error, `?`) rolls everything back.
//! No other code in the store inserts audit events.
//!
//! A user's action that makes several changes runs them all on one
//! [`crate::AllOrNothing`]: each is still a `Write` with its event, and
//! none is kept unless all are.
//!
//! Writes that are not a user's change to case data (queueing outbox
//! rows, delivery bookkeeping, settings, the database copy) use
//! [`Store::unaudited_txn`] or the connection, and say why where they do.

use std::{borrow::Cow, ops::Deref};

use accord_core::{AuditAction, Choice};
use accord_entity::audit_event;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    DatabaseTransaction,
};

use crate::{Actor, Result, Store};

/// What the audit log records about a change: the action, the case it
/// concerns (none for centre-wide changes such as users and keys) and
/// action-specific facts as JSON.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AuditEvent {
    pub action: AuditAction,
    pub case_id: Option<i64>,
    pub detail: serde_json::Value,
}

impl AuditEvent {
    /// An event about a case.
    pub fn case(action: AuditAction, case_id: i64, detail: serde_json::Value) -> Self {
        Self {
            action,
            case_id: Some(case_id),
            detail,
        }
    }

    /// An event about the centre as a whole (users, the sealing key).
    pub fn centre(action: AuditAction, detail: serde_json::Value) -> Self {
        Self {
            action,
            case_id: None,
            detail,
        }
    }
}

/// A user's change in progress: an open write transaction that commits
/// only together with its audit event.
pub(crate) struct Write<'a> {
    txn: DatabaseTransaction,
    actor: Cow<'a, Actor>,
}

impl Deref for Write<'_> {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

impl Write<'_> {
    /// Who makes the change.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Records the change as made by `actor` instead: only for a new user
    /// who adds themself, whose id exists once the change has inserted it.
    pub fn record_as(&mut self, actor: Actor) {
        self.actor = Cow::Owned(actor);
    }

    /// Waits until no other change holding the same `lock` is open, and
    /// holds it until this one ends: for a change that first checks that
    /// something is not there yet and then adds it. On SQLite the write
    /// transaction holds the whole database's write lock already; on
    /// PostgreSQL this takes a transaction-scoped advisory lock.
    pub async fn serialise(&self, lock: i64) -> Result<()> {
        use sea_orm::ConnectionTrait;
        if self.txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            self.txn
                .execute_raw(sea_orm::Statement::from_sql_and_values(
                    sea_orm::DatabaseBackend::Postgres,
                    "SELECT pg_advisory_xact_lock($1)",
                    [lock.into()],
                ))
                .await?;
        }
        Ok(())
    }

    /// Ends a transaction that turned out to change nothing (e.g. the
    /// session to open was open already): there is nothing to audit.
    pub async fn rollback(self) -> Result<()> {
        self.txn.rollback().await?;
        Ok(())
    }

    /// Writes the audit event, chained to the newest event (see
    /// [`crate::audit`]), and commits the change with it. The event's hash
    /// covers its id: on SQLite the next id is known under the write lock
    /// and the event is inserted with its hash; on PostgreSQL the sequence
    /// hands the id out on insert and the hash is set then, in the same
    /// transaction.
    pub async fn commit(self, event: AuditEvent) -> Result<()> {
        self.commit_all(vec![event]).await
    }

    /// [`Self::commit`] for a change that is several events (e.g. sealing
    /// an agreement settles its case): each is chained to the one before.
    /// Work on a case's agreement, room and follow-ups is activity on the
    /// case: its `updated_at` moves (the case list shows newest activity
    /// first). A change of the case row itself sets it there.
    pub async fn commit_all(self, events: Vec<AuditEvent>) -> Result<()> {
        use sea_orm::{
            ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryTrait,
            sea_query::Expr,
        };
        let actor = self.actor();
        let now = crate::now();
        let backend = self.txn.get_database_backend();
        let mut touched: Vec<i64> = Vec::new();
        let mut tallied: Vec<i64> = Vec::new();
        let mut flagged: Vec<i64> = Vec::new();
        // The newest event, then each new one: read once, the rest of the
        // chain is made here.
        let (mut next_id, mut prev_hash) = if backend == DatabaseBackend::Sqlite {
            crate::audit::next_on_sqlite(&self.txn).await?
        } else {
            (0, crate::audit::head(&self.txn).await?)
        };
        let mut rows: Vec<audit_event::ActiveModel> = Vec::new();
        for event in events {
            let mut model = audit_event::Model {
                id: next_id,
                at: now,
                user_id: actor.user_id,
                user_name: actor.name.clone(),
                action: event.action.code().to_owned(),
                case_id: event.case_id,
                detail: event.detail.to_string(),
                prev_hash: prev_hash.take(),
                hash: String::new(),
            };
            if backend == DatabaseBackend::Sqlite {
                // The write lock is held since the change began: the next
                // id is known (`next_on_sqlite`), so the hash, which covers
                // the id, is made before the insert and the event is
                // written once, with the others, below.
                model.hash = crate::audit::event_hash(&model);
                next_id += 1;
                rows.push(active(&model, Set(model.id)));
            } else {
                // PostgreSQL's sequence hands the id out on insert; the
                // hash is set then, in the same transaction.
                model.id = audit_event::Entity::insert(active(&model, NotSet))
                    .exec(&self.txn)
                    .await?
                    .last_insert_id;
                model.hash = crate::audit::event_hash(&model);
                audit_event::Entity::update_many()
                    .col_expr(audit_event::Column::Hash, Expr::value(model.hash.as_str()))
                    .filter(audit_event::Column::Id.eq(model.id))
                    .exec(&self.txn)
                    .await?;
            }
            prev_hash = Some(model.hash);
            if let Some(case_id) = event.case_id
                && crate::stats::moves_numbers(event.action)
                && !tallied.contains(&case_id)
            {
                tallied.push(case_id);
            }
            if let Some(case_id) = event.case_id
                && crate::risk::moves_flags(&event)
                && !flagged.contains(&case_id)
            {
                flagged.push(case_id);
            }
            if let Some(case_id) = event.case_id
                && is_activity(event.action)
                && !touched.contains(&case_id)
            {
                touched.push(case_id);
            }
        }
        // The events and the cases' activity time: one statement each, sent
        // together (one round trip to SQLite's connection thread).
        let mut batch: Vec<sea_orm::Statement> = Vec::new();
        if !rows.is_empty() {
            batch.push(audit_event::Entity::insert_many(rows).build(backend));
        }
        if !touched.is_empty() {
            batch.push(
                accord_entity::case::Entity::update_many()
                    .col_expr(accord_entity::case::Column::UpdatedAt, Expr::value(now))
                    .filter(accord_entity::case::Column::Id.is_in(touched))
                    .build(backend),
            );
        }
        if !batch.is_empty() {
            let mut sql: Vec<String> = Vec::new();
            let mut values: Vec<sea_orm::Value> = Vec::new();
            for statement in batch {
                sql.push(statement.sql);
                values.extend(statement.values.map(|v| v.0).unwrap_or_default());
            }
            self.txn
                .execute_raw(sea_orm::Statement::from_sql_and_values(
                    backend,
                    sql.join(";\n"),
                    values,
                ))
                .await?;
        }
        // The statistics see the change in the same transaction.
        for case_id in tallied {
            crate::stats::refresh(&self.txn, case_id).await?;
        }
        for case_id in flagged {
            crate::risk::refresh(&self.txn, case_id).await?;
        }
        self.txn.commit().await?;
        Ok(())
    }
}

/// The row to insert for `model`, with the id given or not.
fn active(model: &audit_event::Model, id: sea_orm::ActiveValue<i64>) -> audit_event::ActiveModel {
    audit_event::ActiveModel {
        id,
        at: Set(model.at),
        user_id: Set(model.user_id),
        user_name: Set(model.user_name.clone()),
        action: Set(model.action.clone()),
        case_id: Set(model.case_id),
        detail: Set(model.detail.clone()),
        prev_hash: Set(model.prev_hash.clone()),
        hash: Set(model.hash.clone()),
    }
}

/// Whether an event is work on a case that does not write the case row
/// (whose own changes set `updated_at` as they write it).
fn is_activity(action: AuditAction) -> bool {
    !matches!(
        action,
        AuditAction::CaseCreated
            | AuditAction::CaseStatus
            | AuditAction::PartyAdded
            | AuditAction::CaseTaken
            | AuditAction::SessionStarted
            | AuditAction::ReturnVisit
    )
}

/// The lock held by every user's change on PostgreSQL (see
/// [`Store::write`]): the audit chain is extended by one change at a time.
const AUDIT_CHAIN_LOCK: i64 = 0x4143_4155_4449_5443;

impl Store {
    /// Begins a user's change; see [`Write`].
    ///
    /// Its audit event will extend the hash chain, which must stay one
    /// line: no two changes may chain to the same newest event. On SQLite
    /// the write transaction holds the database's write lock from the
    /// start; on PostgreSQL the change takes [`AUDIT_CHAIN_LOCK`] here,
    /// before anything else, and holds it until its (outermost)
    /// transaction ends. Taken first, not only at [`Write::commit`]: a
    /// change that took row or other locks and then waited for it could
    /// deadlock with an [`crate::AllOrNothing`] that holds it since an
    /// earlier step and goes on to need those. Users' changes on one
    /// server are therefore made one at a time, as on SQLite.
    pub(crate) async fn write<'a>(&self, actor: &'a Actor) -> Result<Write<'a>> {
        let write = Write {
            txn: self.unaudited_txn().await?,
            actor: Cow::Borrowed(actor),
        };
        write.serialise(AUDIT_CHAIN_LOCK).await?;
        Ok(write)
    }

    /// Begins a write transaction without an audit event: only for writes
    /// that are not a user's change to case data (each caller says why).
    /// On SQLite it takes the write lock at once (IMMEDIATE), so two
    /// writers wait for each other (busy timeout) instead of failing when a
    /// read turns into a write. Inside an [`crate::AllOrNothing`] it is a
    /// savepoint of that transaction.
    pub(crate) async fn unaudited_txn(&self) -> Result<DatabaseTransaction> {
        self.db.begin(crate::unit::immediate()).await
    }
}

#[cfg(test)]
mod tests {
    use accord_core::AuditAction;
    use accord_entity::user;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait};

    use super::AuditEvent;
    use crate::{Actor, Store};

    fn new_user(name: &str) -> user::ActiveModel {
        user::ActiveModel {
            name: Set(name.to_owned()),
            role: Set("mediator".to_owned()),
            created_at: Set(crate::now()),
            ..Default::default()
        }
    }

    #[tokio::test]
    async fn a_change_is_kept_only_with_its_audit_event() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("w.sqlite3").display().to_string())
            .await
            .expect("open");
        let me = Actor::system();

        // Dropped (an error returned half-way): nothing stays.
        {
            let change = store.write(&me).await.expect("begin");
            new_user("甲").insert(&*change).await.expect("insert");
        }
        let users = || user::Entity::find().count(store.connection());
        assert_eq!(users().await.expect("count"), 0);
        assert!(store.audit_log().await.expect("log").is_empty());

        // Committed: the change and its event, by its actor.
        let change = store.write(&me).await.expect("begin");
        new_user("乙").insert(&*change).await.expect("insert");
        change
            .commit(AuditEvent::centre(
                AuditAction::UserCreated,
                serde_json::json!({ "name": "乙" }),
            ))
            .await
            .expect("commit");
        assert_eq!(users().await.expect("count"), 1);
        let log = store.audit_log().await.expect("log");
        assert_eq!(log.len(), 1);
        assert_eq!(
            (log[0].action, log[0].who.as_str(), log[0].case_id),
            (AuditAction::UserCreated, "accord", None)
        );
    }
}
