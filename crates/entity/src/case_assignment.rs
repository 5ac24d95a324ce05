use sea_orm::entity::prelude::*;

/// A mediator on a case, current until `ended_at`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "case_assignments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    pub mediator_id: i64,
    pub lead: bool,
    pub assigned_at: DateTimeUtc,
    pub assigned_by: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub override_reason: Option<String>,
    /// JSON: the conflict check's hits when assigned.
    #[sea_orm(column_type = "Text")]
    pub conflicts: String,
    pub ended_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub end_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
