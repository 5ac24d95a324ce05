//! Signatures on an agreement version, the centre's sealing key, and the
//! sealed PDFs handed to the parties.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agreements {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Signatures {
    Table,
    Id,
    AgreementId,
    Version,
    Slot,
    Name,
    Method,
    Strokes,
    SignedAt,
    RecordedBy,
}

#[derive(DeriveIden)]
enum CentreKeys {
    Table,
    Id,
    CommonName,
    Organisation,
    Certificate,
    PrivateKey,
    Source,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum SealedDocuments {
    Table,
    Id,
    AgreementId,
    Version,
    ContentHash,
    Locale,
    Pdf,
    Sha256,
    SealedAt,
    SealedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .if_not_exists()
                .table(Signatures::Table)
                .col(big_pk_auto(Signatures::Id))
                .col(big_integer(Signatures::AgreementId))
                .col(integer(Signatures::Version))
                .col(integer(Signatures::Slot))
                .col(string(Signatures::Name))
                .col(string(Signatures::Method))
                .col(text(Signatures::Strokes))
                .col(timestamp_with_time_zone(Signatures::SignedAt))
                .col(string(Signatures::RecordedBy))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_signatures_agreement")
                        .from(Signatures::Table, Signatures::AgreementId)
                        .to(Agreements::Table, Agreements::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ux_signatures_slot")
                .table(Signatures::Table)
                .col(Signatures::AgreementId)
                .col(Signatures::Version)
                .col(Signatures::Slot)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .if_not_exists()
                .table(CentreKeys::Table)
                .col(big_pk_auto(CentreKeys::Id))
                .col(string(CentreKeys::CommonName))
                .col(string(CentreKeys::Organisation))
                .col(blob(CentreKeys::Certificate))
                .col(blob(CentreKeys::PrivateKey))
                .col(string(CentreKeys::Source))
                .col(timestamp_with_time_zone(CentreKeys::CreatedAt))
                .col(string(CentreKeys::CreatedBy))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .if_not_exists()
                .table(SealedDocuments::Table)
                .col(big_pk_auto(SealedDocuments::Id))
                .col(big_integer(SealedDocuments::AgreementId))
                .col(integer(SealedDocuments::Version))
                .col(string(SealedDocuments::ContentHash))
                .col(string(SealedDocuments::Locale))
                .col(blob(SealedDocuments::Pdf))
                .col(string(SealedDocuments::Sha256))
                .col(timestamp_with_time_zone(SealedDocuments::SealedAt))
                .col(string(SealedDocuments::SealedBy))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_sealed_agreement")
                        .from(SealedDocuments::Table, SealedDocuments::AgreementId)
                        .to(Agreements::Table, Agreements::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_sealed_agreement")
                .table(SealedDocuments::Table)
                .col(SealedDocuments::AgreementId)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SealedDocuments::Table.into_iden(),
            CentreKeys::Table.into_iden(),
            Signatures::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
