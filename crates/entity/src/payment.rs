use sea_orm::entity::prelude::*;

/// A payment seen by the mediator against one instalment.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "payments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    pub obligation: i32,
    pub installment: i32,
    pub amount_minor: i64,
    pub currency: String,
    pub paid_on: Date,
    pub method: String,
    /// What evidence the mediator saw (receipt, bank slip...).
    #[sea_orm(column_type = "Text")]
    pub evidence: String,
    pub recorded_at: DateTimeUtc,
    pub recorded_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
