use sea_orm::entity::prelude::*;

/// A case transferred to another body, and its answer.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "routings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    pub body: String,
    pub body_name: String,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    #[sea_orm(column_type = "Text")]
    pub done: String,
    pub feedback_due: Date,
    pub routed_at: DateTimeUtc,
    pub routed_by: String,
    pub feedback_accepted: Option<bool>,
    #[sea_orm(column_type = "Text", nullable)]
    pub feedback_result: Option<String>,
    pub feedback_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
