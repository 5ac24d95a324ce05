//! Moving a database to another back end: a room's SQLite file into the
//! centre's PostgreSQL server, or back. Every table is copied row by row
//! with its ids, in one transaction on the target, and then both sides are
//! counted and hashed table by table; the copy only counts as done when
//! every count and hash agree.

use accord_entity as e;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseBackend, EntityTrait, IntoActiveModel, Iterable,
    PaginatorTrait, PrimaryKeyToColumn, QueryOrder,
};
use sha2::{Digest, Sha256};

use crate::{Result, Store, StoreError};

/// Rows read and written per statement.
const BATCH: u64 = 500;

/// One table's row count and content hash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TableSummary {
    pub table: String,
    pub rows: u64,
    /// SHA-256 (hex) over the sorted SHA-256s of the rows' canonical JSON:
    /// independent of the order a back end returns rows in.
    pub sha256: String,
}

/// Calls `$m!(entity_module)` for every table, parents before children.
macro_rules! for_each_table {
    ($m:ident) => {
        $m!(user);
        $m!(setting);
        $m!(mediator);
        $m!(case);
        $m!(party);
        $m!(party_name_gram);
        $m!(disputed_issue);
        $m!(audit_event);
        $m!(session);
        $m!(session_consent);
        $m!(room_item);
        $m!(room_item_version);
        $m!(agreement);
        $m!(agreement_version);
        $m!(agreement_amendment);
        $m!(signature);
        $m!(centre_key);
        $m!(sealed_document);
        $m!(sealed_duplicate);
        $m!(follow_up);
        $m!(payment);
        $m!(outbox);
        $m!(outbox_duplicate);
        $m!(evaluation);
        $m!(case_assignment);
        $m!(recusal);
        $m!(routing);
        $m!(judicial_confirmation);
        $m!(oral_agreement);
    };
}

fn table_name<E: EntityTrait>() -> String {
    sea_orm::EntityName::table_name(&E::default()).to_owned()
}

fn in_key_order<E: EntityTrait>() -> sea_orm::Select<E> {
    let mut select = E::find();
    for key in E::PrimaryKey::iter() {
        select = select.order_by_asc(key.into_column());
    }
    select
}

async fn summarise<E, C>(db: &C) -> Result<TableSummary>
where
    E: EntityTrait,
    E::Model: serde::Serialize + Sync,
    C: ConnectionTrait,
{
    let mut row_hashes: Vec<[u8; 32]> = Vec::new();
    let mut pages = in_key_order::<E>().paginate(db, BATCH);
    while let Some(models) = pages.fetch_and_next().await? {
        for model in models {
            let json =
                serde_json::to_vec(&model).map_err(|e| StoreError::Database(e.to_string()))?;
            row_hashes.push(Sha256::digest(&json).into());
        }
    }
    row_hashes.sort_unstable();
    let mut table = Sha256::new();
    for h in &row_hashes {
        table.update(h);
    }
    Ok(TableSummary {
        table: table_name::<E>(),
        rows: row_hashes.len() as u64,
        sha256: table
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    })
}

async fn copy_table<E, C, T>(from: &C, to: &T) -> Result<u64>
where
    E: EntityTrait,
    E::Model: IntoActiveModel<E::ActiveModel> + Sync,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
    C: ConnectionTrait,
    T: ConnectionTrait,
{
    let mut copied = 0;
    let mut pages = in_key_order::<E>().paginate(from, BATCH);
    while let Some(models) = pages.fetch_and_next().await? {
        copied += models.len() as u64;
        E::insert_many(models.into_iter().map(IntoActiveModel::into_active_model))
            .exec_without_returning(to)
            .await?;
    }
    // PostgreSQL hands out ids from a sequence that explicit ids do not
    // move: start it after the highest copied id.
    if to.get_database_backend() == DatabaseBackend::Postgres
        && E::PrimaryKey::iter().count() == 1
        && E::PrimaryKey::iter().any(|k| sea_orm::IdenStatic::as_str(&k.into_column()) == "id")
    {
        let table = table_name::<E>();
        to.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), \
             COALESCE((SELECT MAX(id) FROM \"{table}\"), 0) + 1, false)"
        ))
        .await?;
    }
    Ok(copied)
}

impl Store {
    /// Row count and content hash of every table, parents first.
    pub async fn summary(&self) -> Result<Vec<TableSummary>> {
        let mut out = Vec::new();
        macro_rules! one {
            ($t:ident) => {
                out.push(summarise::<e::$t::Entity, _>(&self.db).await?);
            };
        }
        for_each_table!(one);
        Ok(out)
    }

    /// Which back end this store runs on: `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        match self.db.get_database_backend() {
            DatabaseBackend::Postgres => "postgres",
            DatabaseBackend::MySql => "mysql",
            _ => "sqlite",
        }
    }

    /// The names of the schema migrations applied, oldest first.
    pub async fn applied_migrations(&self) -> Result<Vec<String>> {
        use accord_migration::MigratorTrait;
        Ok(accord_migration::Migrator::get_applied_migrations(&self.db)
            .await?
            .iter()
            .map(|m| m.name().to_owned())
            .collect())
    }

    /// Copies everything into `target`, which must be empty, in one
    /// transaction, then compares both sides table by table. Returns the
    /// (equal) summary. Nothing is left in the target when it fails.
    pub async fn copy_into(&self, target: &Store) -> Result<Vec<TableSummary>> {
        macro_rules! must_be_empty {
            ($t:ident) => {
                let rows = e::$t::Entity::find().count(&target.db).await?;
                if rows > 0 {
                    return Err(StoreError::TargetNotEmpty {
                        table: table_name::<e::$t::Entity>(),
                        rows,
                    });
                }
            };
        }
        for_each_table!(must_be_empty);
        let source = self.summary().await?;
        // Not audited: the copy moves every row as it is, the audit log
        // included; adding an event would make the copy differ from its
        // source.
        let txn = target.unaudited_txn().await?;
        macro_rules! one {
            ($t:ident) => {
                copy_table::<e::$t::Entity, _, _>(&self.db, &txn).await?;
            };
        }
        for_each_table!(one);
        // Compare inside the transaction: a mismatch rolls everything back.
        let mut copied = Vec::new();
        macro_rules! sum {
            ($t:ident) => {
                copied.push(summarise::<e::$t::Entity, _>(&txn).await?);
            };
        }
        for_each_table!(sum);
        if let Some((want, got)) = source.iter().zip(&copied).find(|(a, b)| a != b) {
            txn.rollback().await?;
            return Err(StoreError::CopyMismatch {
                table: want.table.clone(),
                source_rows: want.rows,
                target_rows: got.rows,
            });
        }
        txn.commit().await?;
        Ok(copied)
    }
}
