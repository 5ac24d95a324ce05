//! What changes a final agreement after it was sealed: a supplementary
//! agreement (补充协议) or the record of its rescission (解除), each a new
//! document numbered per agreement. The final agreement itself is never
//! changed again.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agreements {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AgreementAmendments {
    Table,
    Id,
    AgreementId,
    Number,
    Kind,
    Text,
    AgreedOn,
    RecordedAt,
    RecordedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .if_not_exists()
                .table(AgreementAmendments::Table)
                .col(big_pk_auto(AgreementAmendments::Id))
                .col(big_integer(AgreementAmendments::AgreementId))
                .col(integer(AgreementAmendments::Number))
                .col(string(AgreementAmendments::Kind))
                .col(text(AgreementAmendments::Text))
                .col(date(AgreementAmendments::AgreedOn))
                .col(timestamp_with_time_zone(AgreementAmendments::RecordedAt))
                .col(string(AgreementAmendments::RecordedBy))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_amendments_agreement")
                        .from(AgreementAmendments::Table, AgreementAmendments::AgreementId)
                        .to(Agreements::Table, Agreements::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // Two rooms recording at the same moment cannot give two the same
        // number.
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ux_amendments_number")
                .table(AgreementAmendments::Table)
                .col(AgreementAmendments::AgreementId)
                .col(AgreementAmendments::Number)
                .unique()
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AgreementAmendments::Table).to_owned())
            .await?;
        Ok(())
    }
}
