//! Schema migrations, applied at start-up. Migrations only ever add:
//! a database written by an older Accord opens in a newer one.
//!
//! [`migrate`] applies them, each in its own transaction together with its
//! row in `seaql_migrations` (SQLite and PostgreSQL both roll DDL back), so
//! a start that is killed half-way leaves the previous schema and the next
//! start completes it. Every `CREATE` says `IF NOT EXISTS`: a file left
//! half-migrated by an older Accord (which ran SQLite migrations outside a
//! transaction: "table users already exists" on every later start) is
//! completed by the next start too.

pub use sea_orm_migration::prelude::*;

use sea_orm_migration::sea_orm::{
    DatabaseBackend, DatabaseConnection, DatabaseTransaction, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};

pub mod audit_chain;

mod m20261126_000001_foundation;
mod m20261126_000002_room;
mod m20261126_000003_agreements;
mod m20261126_000004_signing;
mod m20261126_000005_followups;
mod m20261126_000006_millisecond_times;
mod m20261210_000007_seal_once;
mod m20261211_000008_reminder_once;
mod m20261215_000009_amendments;
mod m20261216_000010_audit_chain;
mod m20261217_000011_item_versions;
mod m20261218_000012_accounts;
mod m20261219_000013_version_authors;
mod m20261220_000014_case_mediator;
mod m20261221_000015_party_details;
mod m20261222_000016_key_chain;
mod m20261223_000017_centre_desk;
mod m20261224_000018_case_file;
mod m20261225_000019_follow_up_facts;
mod m20261226_000020_case_count;
mod m20261227_000021_earlier_case_keys;

pub use m20261223_000017_centre_desk::OPEN_CASES;
pub use m20261224_000018_case_file::TALLY_COLUMNS;

/// All migrations in the order they apply.
#[derive(Debug)]
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_foundation::Migration),
            Box::new(m20261126_000002_room::Migration),
            Box::new(m20261126_000003_agreements::Migration),
            Box::new(m20261126_000004_signing::Migration),
            Box::new(m20261126_000005_followups::Migration),
            Box::new(m20261126_000006_millisecond_times::Migration),
            Box::new(m20261210_000007_seal_once::Migration),
            Box::new(m20261211_000008_reminder_once::Migration),
            Box::new(m20261215_000009_amendments::Migration),
            Box::new(m20261216_000010_audit_chain::Migration),
            Box::new(m20261217_000011_item_versions::Migration),
            Box::new(m20261218_000012_accounts::Migration),
            Box::new(m20261219_000013_version_authors::Migration),
            Box::new(m20261220_000014_case_mediator::Migration),
            Box::new(m20261221_000015_party_details::Migration),
            Box::new(m20261222_000016_key_chain::Migration),
            Box::new(m20261223_000017_centre_desk::Migration),
            Box::new(m20261224_000018_case_file::Migration),
            Box::new(m20261225_000019_follow_up_facts::Migration),
            Box::new(m20261226_000020_case_count::Migration),
            Box::new(m20261227_000021_earlier_case_keys::Migration),
        ]
    }
}

/// Applies every pending migration of [`Migrator`]; see [`migrate_with`].
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    migrate_with::<Migrator>(db, None).await
}

/// Applies the pending migrations of `M` (at most `steps` of them), each
/// in one transaction with its `seaql_migrations` row: either both are
/// there afterwards or neither is.
///
/// The transaction takes the write lock before it reads which migrations
/// are pending (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: a transaction-scoped
/// advisory lock), so two programs starting on the same new database at
/// once apply each migration once: the second waits, then finds it done.
/// A database that needs nothing is only read.
pub async fn migrate_with<M: MigratorTrait>(
    db: &DatabaseConnection,
    steps: Option<u32>,
) -> Result<(), DbErr> {
    if M::get_pending_migrations_read_only(db).await?.is_empty() {
        return Ok(());
    }
    let mut left = steps;
    while left != Some(0) {
        let txn = locked(db).await?;
        if M::get_pending_migrations(&txn).await?.is_empty() {
            txn.commit().await?;
            break;
        }
        // One migration and its row, inside this transaction (on
        // PostgreSQL sea-orm nests its own as a savepoint).
        M::up(&txn, Some(1)).await?;
        txn.commit().await?;
        left = left.map(|n| n - 1);
    }
    Ok(())
}

/// A transaction that holds the database's migration lock.
async fn locked(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        // Any constant; released when the transaction ends.
        txn.execute_unprepared("SELECT pg_advisory_xact_lock(7336118245501)")
            .await?;
    }
    Ok(txn)
}
