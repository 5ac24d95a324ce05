//! The case file and the centre's numbers (issue 17): each case's
//! statistical type, source and prevention marks on `cases`; a tally of
//! each case and their sums per cell (month of receipt, type, channel,
//! lead mediator) for the statistics; investigation records, attachments (scans) and the director's clearing of risk flags.

use sea_orm_migration::{prelude::*, sea_orm::ConnectionTrait};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The counters of a tally, as columns of `case_stats` and `stats_cells`.
pub const TALLY_COLUMNS: [&str; 14] = [
    "received",
    "mediated",
    "settled",
    "agreed_minor",
    "settle_days",
    "within_limit",
    "instalments_due",
    "paid_on_time",
    "visits",
    "satisfied",
    "crime_cases",
    "crime_persons",
    "petition_cases",
    "petition_persons",
];

async fn add_column(
    m: &SchemaManager<'_>,
    table: &str,
    column: &str,
    def: &str,
) -> Result<(), DbErr> {
    if !m.has_column(table, column).await? {
        m.get_connection()
            .execute_unprepared(&format!("ALTER TABLE {table} ADD COLUMN {column} {def}"))
            .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let pg = db.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Postgres;
        let (pk, blob, stamp) = if pg {
            ("BIGSERIAL PRIMARY KEY", "BYTEA", "TIMESTAMPTZ")
        } else {
            ("INTEGER PRIMARY KEY AUTOINCREMENT", "BLOB", "TEXT")
        };
        add_column(m, "cases", "stat_category", "TEXT NOT NULL DEFAULT 'other'").await?;
        add_column(m, "cases", "source", "TEXT NOT NULL DEFAULT 'application'").await?;
        add_column(m, "cases", "crime_persons", "BIGINT").await?;
        add_column(m, "cases", "petition_persons", "BIGINT").await?;
        add_column(m, "cases", "risk_level", "TEXT NOT NULL DEFAULT 'green'").await?;
        // Existing cases: the statistical type of their own category (loans
        // count as contracts), the source their channel implies.
        db.execute_unprepared(
            "UPDATE cases SET stat_category = CASE category \
               WHEN 'neighbour' THEN 'neighbour' \
               WHEN 'property_management' THEN 'property' \
               WHEN 'contract' THEN 'contract' \
               WHEN 'finance' THEN 'contract' \
               WHEN 'family' THEN 'marriage_family' \
               WHEN 'labour' THEN 'labour' \
               WHEN 'consumer' THEN 'consumer' \
               ELSE 'other' END, \
             source = CASE channel \
               WHEN 'grid_report' THEN 'own_initiative' \
               WHEN 'referral' THEN 'transferred' \
               ELSE 'application' END",
        )
        .await?;

        let counters = TALLY_COLUMNS
            .iter()
            .map(|c| format!("{c} BIGINT NOT NULL DEFAULT 0"))
            .collect::<Vec<_>>()
            .join(", ");
        db.execute_unprepared(&format!(
            "CREATE TABLE IF NOT EXISTS case_stats (\
               case_id BIGINT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE, \
               month TEXT NOT NULL, stat_category TEXT NOT NULL, channel TEXT NOT NULL, \
               lead BIGINT NOT NULL, ended_on DATE, next_due DATE, {counters})"
        ))
        .await?;
        db.execute_unprepared(
            "CREATE INDEX IF NOT EXISTS ix_case_stats_cell \
             ON case_stats (month, stat_category, channel, lead)",
        )
        .await?;
        db.execute_unprepared(
            "CREATE INDEX IF NOT EXISTS ix_case_stats_next_due ON case_stats (next_due) \
             WHERE next_due IS NOT NULL",
        )
        .await?;
        db.execute_unprepared(&format!(
            "CREATE TABLE IF NOT EXISTS stats_cells (\
               month TEXT NOT NULL, stat_category TEXT NOT NULL, channel TEXT NOT NULL, \
               lead BIGINT NOT NULL, {counters}, \
               PRIMARY KEY (month, stat_category, channel, lead))"
        ))
        .await?;

        db.execute_unprepared(&format!(
            "CREATE TABLE IF NOT EXISTS investigations (\
               id {pk}, case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE, \
               content TEXT NOT NULL, recorded_at {stamp} NOT NULL, recorded_by TEXT NOT NULL)"
        ))
        .await?;
        db.execute_unprepared(&format!(
            "CREATE TABLE IF NOT EXISTS attachments (\
               id {pk}, case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE, \
               kind TEXT NOT NULL, title TEXT NOT NULL, mime TEXT NOT NULL, \
               content {blob} NOT NULL, sha256 TEXT NOT NULL, \
               added_at {stamp} NOT NULL, added_by TEXT NOT NULL)"
        ))
        .await?;
        db.execute_unprepared(&format!(
            "CREATE TABLE IF NOT EXISTS risk_clearances (\
               id {pk}, case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE, \
               rule TEXT NOT NULL, facts TEXT NOT NULL, note TEXT NOT NULL, \
               cleared_at {stamp} NOT NULL, cleared_by TEXT NOT NULL)"
        ))
        .await?;
        // The risk rules look for earlier cases of the same people or address.
        for column in ["name", "id_number", "address"] {
            db.execute_unprepared(&format!(
                "CREATE INDEX IF NOT EXISTS ix_parties_{column} ON parties ({column})"
            ))
            .await?;
        }
        db.execute_unprepared(
            "CREATE INDEX IF NOT EXISTS ix_cases_risk ON cases (risk_level, updated_at) \
             WHERE risk_level <> 'green'",
        )
        .await?;
        for (table, name) in [
            ("investigations", "ix_investigations_case"),
            ("attachments", "ix_attachments_case"),
            ("risk_clearances", "ix_risk_clearances_case"),
        ] {
            db.execute_unprepared(&format!(
                "CREATE INDEX IF NOT EXISTS {name} ON {table} (case_id)"
            ))
            .await?;
        }
        Ok(())
    }
}
