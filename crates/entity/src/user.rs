use sea_orm::entity::prelude::*;

/// A local user of this installation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub role: String,
    pub created_at: DateTimeUtc,
    /// What the user logs in as (`ACCORD_USER`): unique.
    pub login: Option<String>,
    /// argon2id PHC string; none until a password is set.
    #[sea_orm(column_type = "Text", nullable)]
    pub password_hash: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
