use sea_orm::entity::prelude::*;

/// A mediation session of a case.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    pub started_at: DateTimeUtc,
    pub ended_at: Option<DateTimeUtc>,
    pub stage: String,
    pub round: i32,
    pub present_party: Option<i64>,
    /// JSON array of party ids met in the current round.
    #[sea_orm(column_type = "Text")]
    pub met_this_round: String,
    /// JSON array of ticked checklist keys.
    #[sea_orm(column_type = "Text")]
    pub checked: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
