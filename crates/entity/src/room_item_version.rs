use sea_orm::entity::prelude::*;

/// An earlier wording of a room entry, kept when the entry was edited in
/// place (before it was conveyed). Seen by whoever may see the entry.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "room_item_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub item_id: i64,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub offer_minor: Option<i64>,
    pub offer_currency: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub offer_terms: Option<String>,
    pub replaced_at: DateTimeUtc,
    pub replaced_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
