//! What the agreement prints of a party beyond name and numbers: 民族 and
//! 职业或工作单位 of a person, who signs for an organisation (法定代表人 or
//! 负责人), and the kind and powers of an agent. Kept together as JSON in
//! one column (`details`), empty for the parties taken in before.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Parties {
    Table,
    Details,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if !m.has_column("parties", "details").await? {
            m.alter_table(
                Table::alter()
                    .table(Parties::Table)
                    .add_column(text_null(Parties::Details))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Parties::Table)
                .drop_column(Parties::Details)
                .to_owned(),
        )
        .await
    }
}
