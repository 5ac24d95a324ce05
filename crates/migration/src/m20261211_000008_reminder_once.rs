//! A reminder is queued once per follow-up: a unique index on the outbox's
//! follow-up and purpose. Two rooms queueing the reminders that fell due at
//! the same moment could each queue one (both looked, found none, and
//! inserted); queueing now says `ON CONFLICT DO NOTHING`. A file where that
//! happened keeps the first message of each follow-up and purpose (the
//! lowest id) and moves the later copies to `outbox_duplicates` (same
//! columns, same ids) instead of deleting the record of what was sent; a
//! copy moved aside is no longer sent. Messages without a follow-up (the
//! sealed agreement's) are not concerned: NULLs never conflict.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Outbox {
    Table,
    FollowUpId,
    Purpose,
}

#[derive(DeriveIden)]
enum OutboxDuplicates {
    Table,
    Id,
    MessageId,
    CaseId,
    FollowUpId,
    Purpose,
    ToName,
    ToAddress,
    Subject,
    Body,
    AttachmentName,
    Attachment,
    State,
    Attempts,
    NotBefore,
    NextAttemptAt,
    LastError,
    CreatedAt,
    SentAt,
}

/// The columns both tables share, in order.
const COLUMNS: &str = "\"id\", \"message_id\", \"case_id\", \"follow_up_id\", \"purpose\", \
                       \"to_name\", \"to_address\", \"subject\", \"body\", \"attachment_name\", \
                       \"attachment\", \"state\", \"attempts\", \"not_before\", \
                       \"next_attempt_at\", \"last_error\", \"created_at\", \"sent_at\"";

/// A message with an earlier one for the same follow-up and purpose.
const LATER_COPY: &str = "\"follow_up_id\" IS NOT NULL AND EXISTS (SELECT 1 FROM \"outbox\" AS \"first\" \
     WHERE \"first\".\"follow_up_id\" = \"outbox\".\"follow_up_id\" \
     AND \"first\".\"purpose\" = \"outbox\".\"purpose\" \
     AND \"first\".\"id\" < \"outbox\".\"id\")";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .if_not_exists()
                .table(OutboxDuplicates::Table)
                .col(big_integer(OutboxDuplicates::Id).primary_key())
                .col(string(OutboxDuplicates::MessageId))
                .col(big_integer_null(OutboxDuplicates::CaseId))
                .col(big_integer_null(OutboxDuplicates::FollowUpId))
                .col(string(OutboxDuplicates::Purpose))
                .col(string(OutboxDuplicates::ToName))
                .col(string(OutboxDuplicates::ToAddress))
                .col(string(OutboxDuplicates::Subject))
                .col(text(OutboxDuplicates::Body))
                .col(string_null(OutboxDuplicates::AttachmentName))
                .col(blob_null(OutboxDuplicates::Attachment))
                .col(string(OutboxDuplicates::State))
                .col(integer(OutboxDuplicates::Attempts))
                .col(timestamp_with_time_zone(OutboxDuplicates::NotBefore))
                .col(timestamp_with_time_zone(OutboxDuplicates::NextAttemptAt))
                .col(text_null(OutboxDuplicates::LastError))
                .col(timestamp_with_time_zone(OutboxDuplicates::CreatedAt))
                .col(timestamp_with_time_zone_null(OutboxDuplicates::SentAt))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared(&format!(
            "INSERT INTO \"outbox_duplicates\" ({COLUMNS}) \
             SELECT {COLUMNS} FROM \"outbox\" WHERE {LATER_COPY}"
        ))
        .await?;
        db.execute_unprepared(&format!("DELETE FROM \"outbox\" WHERE {LATER_COPY}"))
            .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ux_outbox_follow_up_once")
                .table(Outbox::Table)
                .col(Outbox::FollowUpId)
                .col(Outbox::Purpose)
                .unique()
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ux_outbox_follow_up_once")
                .table(Outbox::Table)
                .to_owned(),
        )
        .await?;
        // The duplicates stay set aside: putting them back would queue the
        // second reminder again.
        Ok(())
    }
}
