//! PostgreSQL counts a table's rows by reading them all: the case list's
//! total over a million cases took 35 ms there. The number of cases is
//! kept in `case_count`, moved by statement-level triggers in the
//! transaction that inserts or deletes cases; the unfiltered list reads
//! it. SQLite counts a whole table without reading its rows and needs
//! nothing.

use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = "
CREATE TABLE IF NOT EXISTS case_count (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  n bigint NOT NULL
);
INSERT INTO case_count (n) SELECT count(*) FROM cases ON CONFLICT DO NOTHING;
CREATE OR REPLACE FUNCTION accord_cases_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN UPDATE case_count SET n = n + (SELECT count(*) FROM inserted); RETURN NULL; END $$;
CREATE OR REPLACE FUNCTION accord_cases_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN UPDATE case_count SET n = n - (SELECT count(*) FROM deleted); RETURN NULL; END $$;
DROP TRIGGER IF EXISTS cases_inserted ON cases;
CREATE TRIGGER cases_inserted AFTER INSERT ON cases REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION accord_cases_inserted();
DROP TRIGGER IF EXISTS cases_deleted ON cases;
CREATE TRIGGER cases_deleted AFTER DELETE ON cases REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION accord_cases_deleted();
";

const DOWN: &str = "
DROP TRIGGER IF EXISTS cases_inserted ON cases;
DROP TRIGGER IF EXISTS cases_deleted ON cases;
DROP FUNCTION IF EXISTS accord_cases_inserted();
DROP FUNCTION IF EXISTS accord_cases_deleted();
DROP TABLE IF EXISTS case_count;
";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == DatabaseBackend::Postgres {
            m.get_connection().execute_unprepared(UP).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == DatabaseBackend::Postgres {
            m.get_connection().execute_unprepared(DOWN).await?;
        }
        Ok(())
    }
}
