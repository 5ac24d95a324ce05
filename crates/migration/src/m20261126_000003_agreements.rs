//! Settlement agreements and every version of their content.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Agreements {
    Table,
    Id,
    CaseId,
    Status,
    CreatedAt,
    UpdatedAt,
    FinalVersion,
    FinalHash,
    FinalisedAt,
}

#[derive(DeriveIden)]
enum AgreementVersions {
    Table,
    Id,
    AgreementId,
    Number,
    Content,
    CreatedAt,
    CreatedBy,
    Decision,
    ReviewComment,
    ReviewedBy,
    ReviewedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .if_not_exists()
                .table(Agreements::Table)
                .col(big_pk_auto(Agreements::Id))
                .col(big_integer_uniq(Agreements::CaseId))
                .col(string(Agreements::Status))
                .col(timestamp_with_time_zone(Agreements::CreatedAt))
                .col(timestamp_with_time_zone(Agreements::UpdatedAt))
                .col(integer_null(Agreements::FinalVersion))
                .col(string_null(Agreements::FinalHash))
                .col(timestamp_with_time_zone_null(Agreements::FinalisedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_agreements_case")
                        .from(Agreements::Table, Agreements::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .if_not_exists()
                .table(AgreementVersions::Table)
                .col(big_pk_auto(AgreementVersions::Id))
                .col(big_integer(AgreementVersions::AgreementId))
                .col(integer(AgreementVersions::Number))
                .col(text(AgreementVersions::Content))
                .col(timestamp_with_time_zone(AgreementVersions::CreatedAt))
                .col(string(AgreementVersions::CreatedBy))
                .col(string_null(AgreementVersions::Decision))
                .col(text_null(AgreementVersions::ReviewComment))
                .col(string_null(AgreementVersions::ReviewedBy))
                .col(timestamp_with_time_zone_null(AgreementVersions::ReviewedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_versions_agreement")
                        .from(AgreementVersions::Table, AgreementVersions::AgreementId)
                        .to(Agreements::Table, Agreements::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ux_versions_number")
                .table(AgreementVersions::Table)
                .col(AgreementVersions::AgreementId)
                .col(AgreementVersions::Number)
                .unique()
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AgreementVersions::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Agreements::Table).to_owned())
            .await?;
        Ok(())
    }
}
