use sea_orm::entity::prelude::*;

/// A supplementary agreement or the record of a rescission: a new
/// document beside a final agreement, which itself never changes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "agreement_amendments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agreement_id: i64,
    /// 1, 2, … per agreement.
    pub number: i32,
    /// "supplementary" or "rescission".
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub agreed_on: Date,
    pub recorded_at: DateTimeUtc,
    pub recorded_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
