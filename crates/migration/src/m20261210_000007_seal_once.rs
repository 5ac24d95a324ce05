//! A final version is sealed once: a unique index on the sealed document
//! of each agreement version. Two `accord agreement pdf` started at the
//! same moment used to seal (and email) the same version twice; a file
//! where that happened keeps the first document (the one the read
//! returns from now on) and moves the later ones to `sealed_duplicates`
//! (same columns, same ids) instead of deleting what was handed out.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SealedDocuments {
    Table,
    AgreementId,
    Version,
}

#[derive(DeriveIden)]
enum SealedDuplicates {
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

/// The columns both tables share, in order.
const COLUMNS: &str = "\"id\", \"agreement_id\", \"version\", \"content_hash\", \"locale\", \
                       \"pdf\", \"sha256\", \"sealed_at\", \"sealed_by\"";

/// A sealed document with an earlier one of the same agreement version.
const LATER_COPY: &str = "EXISTS (SELECT 1 FROM \"sealed_documents\" AS \"first\" \
     WHERE \"first\".\"agreement_id\" = \"sealed_documents\".\"agreement_id\" \
     AND \"first\".\"version\" = \"sealed_documents\".\"version\" \
     AND \"first\".\"id\" < \"sealed_documents\".\"id\")";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .if_not_exists()
                .table(SealedDuplicates::Table)
                .col(big_integer(SealedDuplicates::Id).primary_key())
                .col(big_integer(SealedDuplicates::AgreementId))
                .col(integer(SealedDuplicates::Version))
                .col(string(SealedDuplicates::ContentHash))
                .col(string(SealedDuplicates::Locale))
                .col(blob(SealedDuplicates::Pdf))
                .col(string(SealedDuplicates::Sha256))
                .col(timestamp_with_time_zone(SealedDuplicates::SealedAt))
                .col(string(SealedDuplicates::SealedBy))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared(&format!(
            "INSERT INTO \"sealed_duplicates\" ({COLUMNS}) \
             SELECT {COLUMNS} FROM \"sealed_documents\" WHERE {LATER_COPY}"
        ))
        .await?;
        db.execute_unprepared(&format!(
            "DELETE FROM \"sealed_documents\" WHERE {LATER_COPY}"
        ))
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ux_sealed_once")
                .table(SealedDocuments::Table)
                .col(SealedDocuments::AgreementId)
                .col(SealedDocuments::Version)
                .unique()
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ux_sealed_once")
                .table(SealedDocuments::Table)
                .to_owned(),
        )
        .await?;
        // The duplicates stay set aside: putting them back would bring the
        // double seal back.
        Ok(())
    }
}
