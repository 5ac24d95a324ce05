use sea_orm::entity::prelude::*;

/// Who did what, when: written in the same transaction as the change,
/// chained to the event before it by hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub user_id: Option<i64>,
    pub user_name: String,
    pub action: String,
    pub case_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub detail: String,
    /// The hash of the event before this one (id order); `None` for the
    /// first. See `accord_migration::audit_chain`.
    #[sea_orm(column_type = "Text", nullable)]
    pub prev_hash: Option<String>,
    /// SHA-256 (hex) over this event's columns and `prev_hash`.
    #[sea_orm(column_type = "Text")]
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
