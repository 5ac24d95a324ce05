//! Which user mediates each case: set when a mediator takes the case in,
//! or when a mediator first opens its room. The room of a case is then
//! theirs: its entries are written and read by them only (the store's
//! rule). Cases from before keep none until a mediator opens the room.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Cases {
    Table,
    MediatorId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if !m.has_column("cases", "mediator_id").await? {
            m.alter_table(
                Table::alter()
                    .table(Cases::Table)
                    .add_column(big_integer_null(Cases::MediatorId))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Cases::Table)
                .drop_column(Cases::MediatorId)
                .to_owned(),
        )
        .await
    }
}
