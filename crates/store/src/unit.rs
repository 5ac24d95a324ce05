//! Several changes that stand or fall together. A user's action that
//! makes several changes (loading the example, finalising and sealing an
//! agreement, a return visit that closes the case) runs on an
//! [`AllOrNothing`]: a [`Store`] whose every read and change goes through
//! one open transaction. Each change is still a [`Store::write`] with its
//! audit event (a savepoint inside that transaction), so the audit log
//! reads the same as step by step; but nothing is kept until
//! [`AllOrNothing::commit`], and a program killed before it leaves nothing
//! of the action behind.

use std::{ops::Deref, sync::Arc};

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult,
    QueryResult, Statement, TransactionOptions, TransactionTrait,
};

use crate::{Result, Store, StoreError};

/// What a [`Store`] reads and writes through: the connection pool, or the
/// transaction of the [`AllOrNothing`] it belongs to.
#[derive(Debug, Clone)]
pub(crate) enum Db {
    Pool(DatabaseConnection),
    Unit {
        pool: DatabaseConnection,
        txn: Arc<DatabaseTransaction>,
    },
}

impl Db {
    /// The pool, outside any transaction.
    pub fn pool(&self) -> &DatabaseConnection {
        match self {
            Db::Pool(pool) | Db::Unit { pool, .. } => pool,
        }
    }

    /// A transaction: a new one on the pool, or a savepoint inside the
    /// open one (where the options do not apply: the outer transaction
    /// holds the lock already).
    pub async fn begin(&self, options: TransactionOptions) -> Result<DatabaseTransaction> {
        Ok(match self {
            Db::Pool(pool) => pool.begin_with_options(options).await?,
            Db::Unit { txn, .. } => txn.begin_with_options(options).await?,
        })
    }
}

#[sea_orm::prelude::async_trait::async_trait]
impl ConnectionTrait for Db {
    fn get_database_backend(&self) -> DbBackend {
        self.pool().get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> std::result::Result<ExecResult, DbErr> {
        match self {
            Db::Pool(pool) => pool.execute_raw(stmt).await,
            Db::Unit { txn, .. } => txn.execute_raw(stmt).await,
        }
    }

    async fn execute_unprepared(&self, sql: &str) -> std::result::Result<ExecResult, DbErr> {
        match self {
            Db::Pool(pool) => pool.execute_unprepared(sql).await,
            Db::Unit { txn, .. } => txn.execute_unprepared(sql).await,
        }
    }

    async fn query_one_raw(
        &self,
        stmt: Statement,
    ) -> std::result::Result<Option<QueryResult>, DbErr> {
        match self {
            Db::Pool(pool) => pool.query_one_raw(stmt).await,
            Db::Unit { txn, .. } => txn.query_one_raw(stmt).await,
        }
    }

    async fn query_all_raw(&self, stmt: Statement) -> std::result::Result<Vec<QueryResult>, DbErr> {
        match self {
            Db::Pool(pool) => pool.query_all_raw(stmt).await,
            Db::Unit { txn, .. } => txn.query_all_raw(stmt).await,
        }
    }

    fn support_returning(&self) -> bool {
        self.pool().support_returning()
    }
}

/// A user's action made of several changes; see the module comment.
/// It dereferences to the [`Store`] to make them on (pass `&all` where a
/// `&Store` is wanted). Dropped without [`AllOrNothing::commit`] (an error
/// half-way, `?`), nothing of it stays.
#[derive(Debug)]
pub struct AllOrNothing {
    store: Store,
}

impl Deref for AllOrNothing {
    type Target = Store;

    fn deref(&self) -> &Store {
        &self.store
    }
}

impl AllOrNothing {
    /// Keeps every change made on it. Clones of its store must be gone by
    /// now (they hold the same transaction); if one is still about,
    /// nothing is kept and the error says so.
    pub async fn commit(self) -> Result<()> {
        let Db::Unit { txn, .. } = self.store.db else {
            return Ok(());
        };
        match Arc::try_unwrap(txn) {
            Ok(txn) => Ok(txn.commit().await?),
            Err(_) => Err(StoreError::Database(
                "the changes are still in use elsewhere and were not kept".to_owned(),
            )),
        }
    }
}

impl Store {
    /// Begins an action whose changes stand or fall together; see
    /// [`AllOrNothing`]. On SQLite it takes the write lock at once
    /// (IMMEDIATE), so what it reads first cannot change before it writes;
    /// other writers wait for it. Inside another one it is a savepoint of
    /// that one.
    pub async fn all_or_nothing(&self) -> Result<AllOrNothing> {
        let txn = self.db.begin(immediate()).await?;
        Ok(AllOrNothing {
            store: Store {
                db: Db::Unit {
                    pool: self.db.pool().clone(),
                    txn: Arc::new(txn),
                },
                device: self.device.clone(),
                keys: self.keys.clone(),
                // Reads inside see the transaction's changes: not the reader.
                reader: None,
            },
        })
    }
}

impl Store {
    /// Inside an [`AllOrNothing`]: waits until no other action holding the
    /// same `lock` is open, and holds it until the outermost transaction
    /// ends. For an action that first checks that something is not there
    /// yet and then adds it. On SQLite the outer transaction holds the
    /// whole database's write lock already; on PostgreSQL this takes a
    /// transaction-scoped advisory lock. Outside a transaction it would
    /// end at once, so there it does nothing.
    pub(crate) async fn hold_lock(&self, lock: i64) -> Result<()> {
        if let Db::Unit { txn, .. } = &self.db
            && txn.get_database_backend() == DbBackend::Postgres
        {
            txn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_advisory_xact_lock($1)",
                [lock.into()],
            ))
            .await?;
        }
        Ok(())
    }
}

/// A write transaction that takes SQLite's write lock at once.
pub(crate) fn immediate() -> TransactionOptions {
    TransactionOptions {
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
        ..Default::default()
    }
}
