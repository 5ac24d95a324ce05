//! Who wrote each agreement version, by user id as well as by name, so
//! that "nobody approves a version they wrote" compares people, not names
//! (two colleagues may share a name; a name may be changed). Versions
//! saved before keep only the name: the store compares names for those.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AgreementVersions {
    Table,
    CreatedById,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if !m.has_column("agreement_versions", "created_by_id").await? {
            m.alter_table(
                Table::alter()
                    .table(AgreementVersions::Table)
                    .add_column(big_integer_null(AgreementVersions::CreatedById))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(AgreementVersions::Table)
                .drop_column(AgreementVersions::CreatedById)
                .to_owned(),
        )
        .await
    }
}
