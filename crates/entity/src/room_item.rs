use sea_orm::entity::prelude::*;

/// Something recorded in a party's compartment.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "room_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub session_id: i64,
    pub case_id: i64,
    pub party_id: i64,
    pub issue_id: Option<i64>,
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub offer_minor: Option<i64>,
    pub offer_currency: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub offer_terms: Option<String>,
    pub round: i32,
    pub recorded_at: DateTimeUtc,
    pub disclosure: String,
    pub shared_at: Option<DateTimeUtc>,
    pub shared_by: Option<String>,
    pub corrects: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
