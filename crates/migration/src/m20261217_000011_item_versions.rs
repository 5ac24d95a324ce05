//! Earlier wordings of room entries. An entry that has not been conveyed
//! is edited in place, and what it said before is kept here, seen by
//! whoever may see the entry (not in the audit log, which anyone reading a
//! case's history sees). An entry already conveyed is never edited: the
//! edit becomes a new, confidential entry that points at it through
//! `room_items.corrects`, as a correction after closing does.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RoomItems {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum RoomItemVersions {
    Table,
    Id,
    ItemId,
    Text,
    OfferMinor,
    OfferCurrency,
    OfferTerms,
    ReplacedAt,
    ReplacedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .if_not_exists()
                .table(RoomItemVersions::Table)
                .col(big_pk_auto(RoomItemVersions::Id))
                .col(big_integer(RoomItemVersions::ItemId))
                .col(text(RoomItemVersions::Text))
                .col(big_integer_null(RoomItemVersions::OfferMinor))
                .col(string_null(RoomItemVersions::OfferCurrency))
                .col(text_null(RoomItemVersions::OfferTerms))
                .col(timestamp_with_time_zone(RoomItemVersions::ReplacedAt))
                .col(string(RoomItemVersions::ReplacedBy))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_item_versions_item")
                        .from(RoomItemVersions::Table, RoomItemVersions::ItemId)
                        .to(RoomItems::Table, RoomItems::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_item_versions_item")
                .table(RoomItemVersions::Table)
                .col(RoomItemVersions::ItemId)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(RoomItemVersions::Table).to_owned())
            .await?;
        Ok(())
    }
}
