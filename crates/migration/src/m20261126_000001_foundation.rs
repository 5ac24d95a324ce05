//! Users, settings, cases, parties (with the name-gram search index),
//! disputed issues, the mediator roster and the audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Name,
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Settings {
    Table,
    Key,
    Value,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
    Number,
    NumberYear,
    NumberSeq,
    ExternalRef,
    Category,
    Channel,
    ReceivedAt,
    Summary,
    Status,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum Parties {
    Table,
    Id,
    CaseId,
    Position,
    Kind,
    Role,
    Name,
    IdNumber,
    Phone,
    Address,
    Email,
    AgentName,
    AgentPhone,
}

#[derive(DeriveIden)]
enum PartyNameGrams {
    Table,
    Gram,
    PartyId,
    CaseId,
}

#[derive(DeriveIden)]
enum DisputedIssues {
    Table,
    Id,
    CaseId,
    Position,
    Title,
    ClaimedMinor,
    ClaimedCurrency,
}

#[derive(DeriveIden)]
enum Mediators {
    Table,
    Id,
    Name,
    MediatorType,
    Specialty,
    Phone,
    Active,
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    At,
    UserId,
    UserName,
    Action,
    CaseId,
    Detail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .if_not_exists()
                .table(Users::Table)
                .col(big_pk_auto(Users::Id))
                .col(string(Users::Name))
                .col(string(Users::Role))
                .col(timestamp_with_time_zone(Users::CreatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .if_not_exists()
                .table(Settings::Table)
                .col(string(Settings::Key).primary_key())
                .col(text(Settings::Value))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .if_not_exists()
                .table(Cases::Table)
                .col(big_pk_auto(Cases::Id))
                .col(string_uniq(Cases::Number))
                .col(integer(Cases::NumberYear))
                .col(integer(Cases::NumberSeq))
                .col(string_null(Cases::ExternalRef).unique_key())
                .col(string(Cases::Category))
                .col(string(Cases::Channel))
                .col(timestamp_with_time_zone(Cases::ReceivedAt))
                .col(text(Cases::Summary))
                .col(string(Cases::Status))
                .col(timestamp_with_time_zone(Cases::CreatedAt))
                .col(timestamp_with_time_zone(Cases::UpdatedAt))
                .col(big_integer(Cases::Version).default(1))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ux_cases_year_seq")
                .table(Cases::Table)
                .col(Cases::NumberYear)
                .col(Cases::NumberSeq)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_cases_updated")
                .table(Cases::Table)
                .col(Cases::UpdatedAt)
                .col(Cases::Id)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_cases_status_updated")
                .table(Cases::Table)
                .col(Cases::Status)
                .col(Cases::UpdatedAt)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .if_not_exists()
                .table(Parties::Table)
                .col(big_pk_auto(Parties::Id))
                .col(big_integer(Parties::CaseId))
                .col(integer(Parties::Position))
                .col(string(Parties::Kind))
                .col(string(Parties::Role))
                .col(string(Parties::Name))
                .col(string_null(Parties::IdNumber))
                .col(string_null(Parties::Phone))
                .col(string_null(Parties::Address))
                .col(string_null(Parties::Email))
                .col(string_null(Parties::AgentName))
                .col(string_null(Parties::AgentPhone))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_parties_case")
                        .from(Parties::Table, Parties::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_parties_case")
                .table(Parties::Table)
                .col(Parties::CaseId)
                .col(Parties::Position)
                .to_owned(),
        )
        .await?;

        // Every 1- and 2-character piece of every party name, so that a
        // search for a fragment of a Chinese name (often only two
        // characters long) is an index lookup rather than a full scan.
        m.create_table(
            Table::create()
                .if_not_exists()
                .table(PartyNameGrams::Table)
                .col(string(PartyNameGrams::Gram))
                .col(big_integer(PartyNameGrams::PartyId))
                .col(big_integer(PartyNameGrams::CaseId))
                .primary_key(
                    Index::create()
                        .col(PartyNameGrams::Gram)
                        .col(PartyNameGrams::PartyId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_grams_party")
                        .from(PartyNameGrams::Table, PartyNameGrams::PartyId)
                        .to(Parties::Table, Parties::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // Covers "which cases have a party with this gram" without touching
        // the table (the search's first step).
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_grams_gram_case")
                .table(PartyNameGrams::Table)
                .col(PartyNameGrams::Gram)
                .col(PartyNameGrams::CaseId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_grams_party")
                .table(PartyNameGrams::Table)
                .col(PartyNameGrams::PartyId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .if_not_exists()
                .table(DisputedIssues::Table)
                .col(big_pk_auto(DisputedIssues::Id))
                .col(big_integer(DisputedIssues::CaseId))
                .col(integer(DisputedIssues::Position))
                .col(text(DisputedIssues::Title))
                .col(big_integer_null(DisputedIssues::ClaimedMinor))
                .col(string_null(DisputedIssues::ClaimedCurrency))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_issues_case")
                        .from(DisputedIssues::Table, DisputedIssues::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_issues_case")
                .table(DisputedIssues::Table)
                .col(DisputedIssues::CaseId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .if_not_exists()
                .table(Mediators::Table)
                .col(big_pk_auto(Mediators::Id))
                .col(string(Mediators::Name))
                .col(string(Mediators::MediatorType))
                .col(string_null(Mediators::Specialty))
                .col(string_null(Mediators::Phone))
                .col(boolean(Mediators::Active).default(true))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .if_not_exists()
                .table(AuditEvents::Table)
                .col(big_pk_auto(AuditEvents::Id))
                .col(timestamp_with_time_zone(AuditEvents::At))
                .col(big_integer_null(AuditEvents::UserId))
                .col(string(AuditEvents::UserName))
                .col(string(AuditEvents::Action))
                .col(big_integer_null(AuditEvents::CaseId))
                .col(text(AuditEvents::Detail))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_audit_user")
                        .from(AuditEvents::Table, AuditEvents::UserId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_audit_case")
                .table(AuditEvents::Table)
                .col(AuditEvents::CaseId)
                .col(AuditEvents::Id)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditEvents::Table.into_iden(),
            Mediators::Table.into_iden(),
            DisputedIssues::Table.into_iden(),
            PartyNameGrams::Table.into_iden(),
            Parties::Table.into_iden(),
            Cases::Table.into_iden(),
            Settings::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
