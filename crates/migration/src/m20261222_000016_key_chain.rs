//! The certificates that issued the centre's sealing certificate (its CA
//! and any intermediates), imported with it from a PKCS#12 file: DER
//! certificates one after another, none for a self-signed certificate.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CentreKeys {
    Table,
    Chain,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if !m.has_column("centre_keys", "chain").await? {
            m.alter_table(
                Table::alter()
                    .table(CentreKeys::Table)
                    .add_column(blob_null(CentreKeys::Chain))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(CentreKeys::Table)
                .drop_column(CentreKeys::Chain)
                .to_owned(),
        )
        .await
    }
}
