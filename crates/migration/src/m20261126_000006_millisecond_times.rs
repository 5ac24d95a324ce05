//! Times written by earlier versions to a SQLite file may carry micro- or
//! nanoseconds (an email's "not before", a consent, a disclosure, the end
//! of a session). Every time is now stored to the millisecond, which is
//! what PostgreSQL keeps exactly too, so that `accord db copy` to the
//! centre's server is exact. This cuts the extra digits off in place.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Every (table, column) holding a time, as `YYYY-MM-DDTHH:MM:SS.fff+00:00`.
const TIMES: &[(&str, &str)] = &[
    ("users", "created_at"),
    ("cases", "received_at"),
    ("cases", "created_at"),
    ("cases", "updated_at"),
    ("audit_events", "at"),
    ("sessions", "started_at"),
    ("sessions", "ended_at"),
    ("session_consents", "at"),
    ("room_items", "recorded_at"),
    ("room_items", "shared_at"),
    ("agreements", "created_at"),
    ("agreements", "updated_at"),
    ("agreements", "finalised_at"),
    ("agreement_versions", "created_at"),
    ("agreement_versions", "reviewed_at"),
    ("signatures", "signed_at"),
    ("centre_keys", "created_at"),
    ("sealed_documents", "sealed_at"),
    ("follow_ups", "done_at"),
    ("follow_ups", "notified_at"),
    ("payments", "recorded_at"),
    ("outbox", "not_before"),
    ("outbox", "next_attempt_at"),
    ("outbox", "created_at"),
    ("outbox", "sent_at"),
    ("evaluations", "recorded_at"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // A server's timestamp columns cannot hold more than microseconds
        // and every version wrote them through this code: nothing to do.
        if m.get_database_backend() != sea_orm::DatabaseBackend::Sqlite {
            return Ok(());
        }
        let db = m.get_connection();
        for (table, column) in TIMES {
            // "2025-01-02T03:04:05.123456789+00:00" (more than three digits
            // after the second) becomes "2025-01-02T03:04:05.123+00:00".
            db.execute_unprepared(&format!(
                "UPDATE \"{table}\" SET \"{column}\" = \
                 substr(\"{column}\", 1, 23) || substr(\"{column}\", length(\"{column}\") - 5) \
                 WHERE \"{column}\" GLOB '????-??-??T??:??:??.[0-9][0-9][0-9][0-9]*[+-]??:??'"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, _: &SchemaManager) -> Result<(), DbErr> {
        // The digits cut off are not kept anywhere: nothing to undo.
        Ok(())
    }
}
