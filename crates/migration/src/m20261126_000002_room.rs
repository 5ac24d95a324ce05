//! The mediation room: sessions, each party's consent, and the items the
//! mediator records in each party's compartment.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Parties {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum DisputedIssues {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    CaseId,
    StartedAt,
    EndedAt,
    Stage,
    Round,
    PresentParty,
    MetThisRound,
    Checked,
}

#[derive(DeriveIden)]
enum SessionConsents {
    Table,
    SessionId,
    PartyId,
    At,
}

#[derive(DeriveIden)]
enum RoomItems {
    Table,
    Id,
    SessionId,
    CaseId,
    PartyId,
    IssueId,
    Kind,
    Text,
    OfferMinor,
    OfferCurrency,
    OfferTerms,
    Round,
    RecordedAt,
    Disclosure,
    SharedAt,
    SharedBy,
    Corrects,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .if_not_exists()
                .table(Sessions::Table)
                .col(big_pk_auto(Sessions::Id))
                .col(big_integer(Sessions::CaseId))
                .col(timestamp_with_time_zone(Sessions::StartedAt))
                .col(timestamp_with_time_zone_null(Sessions::EndedAt))
                .col(string(Sessions::Stage))
                .col(integer(Sessions::Round))
                .col(big_integer_null(Sessions::PresentParty))
                .col(text(Sessions::MetThisRound))
                .col(text(Sessions::Checked))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_sessions_case")
                        .from(Sessions::Table, Sessions::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_sessions_present")
                        .from(Sessions::Table, Sessions::PresentParty)
                        .to(Parties::Table, Parties::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_sessions_case")
                .table(Sessions::Table)
                .col(Sessions::CaseId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .if_not_exists()
                .table(SessionConsents::Table)
                .col(big_integer(SessionConsents::SessionId))
                .col(big_integer(SessionConsents::PartyId))
                .col(timestamp_with_time_zone(SessionConsents::At))
                .primary_key(
                    Index::create()
                        .col(SessionConsents::SessionId)
                        .col(SessionConsents::PartyId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_consents_session")
                        .from(SessionConsents::Table, SessionConsents::SessionId)
                        .to(Sessions::Table, Sessions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_consents_party")
                        .from(SessionConsents::Table, SessionConsents::PartyId)
                        .to(Parties::Table, Parties::Id),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .if_not_exists()
                .table(RoomItems::Table)
                .col(big_pk_auto(RoomItems::Id))
                .col(big_integer(RoomItems::SessionId))
                .col(big_integer(RoomItems::CaseId))
                .col(big_integer(RoomItems::PartyId))
                .col(big_integer_null(RoomItems::IssueId))
                .col(string(RoomItems::Kind))
                .col(text(RoomItems::Text))
                .col(big_integer_null(RoomItems::OfferMinor))
                .col(string_null(RoomItems::OfferCurrency))
                .col(text_null(RoomItems::OfferTerms))
                .col(integer(RoomItems::Round))
                .col(timestamp_with_time_zone(RoomItems::RecordedAt))
                .col(string(RoomItems::Disclosure))
                .col(timestamp_with_time_zone_null(RoomItems::SharedAt))
                .col(string_null(RoomItems::SharedBy))
                .col(big_integer_null(RoomItems::Corrects))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_items_session")
                        .from(RoomItems::Table, RoomItems::SessionId)
                        .to(Sessions::Table, Sessions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_items_party")
                        .from(RoomItems::Table, RoomItems::PartyId)
                        .to(Parties::Table, Parties::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_items_issue")
                        .from(RoomItems::Table, RoomItems::IssueId)
                        .to(DisputedIssues::Table, DisputedIssues::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_items_corrects")
                        .from(RoomItems::Table, RoomItems::Corrects)
                        .to(RoomItems::Table, RoomItems::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_items_session")
                .table(RoomItems::Table)
                .col(RoomItems::SessionId)
                .col(RoomItems::Id)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RoomItems::Table.into_iden(),
            SessionConsents::Table.into_iden(),
            Sessions::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
