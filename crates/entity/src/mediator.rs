use sea_orm::entity::prelude::*;

/// A roster entry.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "mediators")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub mediator_type: String,
    pub specialty: Option<String>,
    pub phone: Option<String>,
    pub active: bool,
    /// The unit they come from.
    pub unit: String,
    /// JSON: categories, languages, availability, ID number, address and
    /// declared relations.
    #[sea_orm(column_type = "Text", nullable)]
    pub profile: Option<String>,
    /// The user account that works as this mediator.
    pub user_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
