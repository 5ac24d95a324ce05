//! Performance follow-ups, payments against instalments, the email outbox
//! and the return visit's evaluation.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum FollowUps {
    Table,
    Id,
    CaseId,
    AgreementVersion,
    Obligation,
    Installment,
    Kind,
    DueOn,
    State,
    Outcome,
    DoneAt,
    DoneBy,
    NotifiedAt,
}

#[derive(DeriveIden)]
enum Payments {
    Table,
    Id,
    CaseId,
    Obligation,
    Installment,
    AmountMinor,
    Currency,
    PaidOn,
    Method,
    Evidence,
    RecordedAt,
    RecordedBy,
}

#[derive(DeriveIden)]
enum Outbox {
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

#[derive(DeriveIden)]
enum Evaluations {
    Table,
    Id,
    CaseId,
    VisitedOn,
    Satisfaction,
    Note,
    RecordedAt,
    RecordedBy,
}

fn case_fk(from: (impl IntoIden, impl IntoIden), name: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(Cases::Table, Cases::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .if_not_exists()
                .table(FollowUps::Table)
                .col(big_pk_auto(FollowUps::Id))
                .col(big_integer(FollowUps::CaseId))
                .col(integer(FollowUps::AgreementVersion))
                .col(integer(FollowUps::Obligation))
                .col(integer_null(FollowUps::Installment))
                .col(string(FollowUps::Kind))
                .col(date(FollowUps::DueOn))
                .col(string(FollowUps::State))
                .col(text_null(FollowUps::Outcome))
                .col(timestamp_with_time_zone_null(FollowUps::DoneAt))
                .col(string_null(FollowUps::DoneBy))
                .col(timestamp_with_time_zone_null(FollowUps::NotifiedAt))
                .foreign_key(&mut case_fk(
                    (FollowUps::Table, FollowUps::CaseId),
                    "fk_followups_case",
                ))
                .to_owned(),
        )
        .await?;
        // The Today list: open follow-ups by day.
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_followups_open_due")
                .table(FollowUps::Table)
                .col(FollowUps::State)
                .col(FollowUps::DueOn)
                .col(FollowUps::Id)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_followups_case")
                .table(FollowUps::Table)
                .col(FollowUps::CaseId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .if_not_exists()
                .table(Payments::Table)
                .col(big_pk_auto(Payments::Id))
                .col(big_integer(Payments::CaseId))
                .col(integer(Payments::Obligation))
                .col(integer(Payments::Installment))
                .col(big_integer(Payments::AmountMinor))
                .col(string(Payments::Currency))
                .col(date(Payments::PaidOn))
                .col(string(Payments::Method))
                .col(text(Payments::Evidence))
                .col(timestamp_with_time_zone(Payments::RecordedAt))
                .col(string(Payments::RecordedBy))
                .foreign_key(&mut case_fk(
                    (Payments::Table, Payments::CaseId),
                    "fk_payments_case",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_payments_case")
                .table(Payments::Table)
                .col(Payments::CaseId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .if_not_exists()
                .table(Outbox::Table)
                .col(big_pk_auto(Outbox::Id))
                .col(string_uniq(Outbox::MessageId))
                .col(big_integer_null(Outbox::CaseId))
                .col(big_integer_null(Outbox::FollowUpId))
                .col(string(Outbox::Purpose))
                .col(string(Outbox::ToName))
                .col(string(Outbox::ToAddress))
                .col(string(Outbox::Subject))
                .col(text(Outbox::Body))
                .col(string_null(Outbox::AttachmentName))
                .col(blob_null(Outbox::Attachment))
                .col(string(Outbox::State))
                .col(integer(Outbox::Attempts))
                .col(timestamp_with_time_zone(Outbox::NotBefore))
                .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                .col(text_null(Outbox::LastError))
                .col(timestamp_with_time_zone(Outbox::CreatedAt))
                .col(timestamp_with_time_zone_null(Outbox::SentAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_outbox_state_next")
                .table(Outbox::Table)
                .col(Outbox::State)
                .col(Outbox::NextAttemptAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .if_not_exists()
                .table(Evaluations::Table)
                .col(big_pk_auto(Evaluations::Id))
                .col(big_integer(Evaluations::CaseId))
                .col(date(Evaluations::VisitedOn))
                .col(string(Evaluations::Satisfaction))
                .col(text(Evaluations::Note))
                .col(timestamp_with_time_zone(Evaluations::RecordedAt))
                .col(string(Evaluations::RecordedBy))
                .foreign_key(&mut case_fk(
                    (Evaluations::Table, Evaluations::CaseId),
                    "fk_evaluations_case",
                ))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Evaluations::Table.into_iden(),
            Outbox::Table.into_iden(),
            Payments::Table.into_iden(),
            FollowUps::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
