//! The case page's flags look for earlier cases of the same people or
//! address: parties by name, ID number or address, then the time each
//! case was received. Indexed by the key alone, every matching party's
//! row and every candidate case's row was read from the table (on
//! PostgreSQL with a million cases: some 1,500 parties and 700 cases for a
//! common name, 10-20 ms). With the case id in the parties' indexes and
//! the received time beside the case id, both are answered from the
//! indexes. The new indexes replace the key-only ones, which they cover.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const KEYS: [&str; 3] = ["name", "id_number", "address"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        for column in KEYS {
            db.execute_unprepared(&format!(
                "CREATE INDEX IF NOT EXISTS ix_parties_{column}_case ON parties ({column}, case_id)"
            ))
            .await?;
            db.execute_unprepared(&format!("DROP INDEX IF EXISTS ix_parties_{column}"))
                .await?;
        }
        db.execute_unprepared(
            "CREATE INDEX IF NOT EXISTS ix_cases_id_received ON cases (id, received_at)",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared("DROP INDEX IF EXISTS ix_cases_id_received")
            .await?;
        for column in KEYS {
            db.execute_unprepared(&format!(
                "CREATE INDEX IF NOT EXISTS ix_parties_{column} ON parties ({column})"
            ))
            .await?;
            db.execute_unprepared(&format!("DROP INDEX IF EXISTS ix_parties_{column}_case"))
                .await?;
        }
        Ok(())
    }
}
