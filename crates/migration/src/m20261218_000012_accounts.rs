//! Accounts: each user has a login name (what `ACCORD_USER` names) and a
//! password, kept only as an argon2id hash (PHC string). Users from before
//! accounts get the login `user<id>` and no password: they cannot log in
//! until an administrator sets one.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Login,
    PasswordHash,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (column, def) in [
            ("login", string_null(Users::Login)),
            ("password_hash", text_null(Users::PasswordHash)),
        ] {
            if !m.has_column("users", column).await? {
                m.alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .add_column(def)
                        .to_owned(),
                )
                .await?;
            }
        }
        m.get_connection()
            .execute_unprepared(
                "UPDATE \"users\" SET \"login\" = 'user' || \"id\" WHERE \"login\" IS NULL",
            )
            .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ux_users_login")
                .table(Users::Table)
                .col(Users::Login)
                .unique()
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("ux_users_login").to_owned())
            .await?;
        Ok(())
    }
}
