use sea_orm::entity::prelude::*;

/// One dated follow-up of an obligation (reminder, due check, escalation).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "follow_ups")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    pub agreement_version: i32,
    pub obligation: i32,
    pub installment: Option<i32>,
    pub kind: String,
    pub due_on: Date,
    pub state: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub outcome: Option<String>,
    pub done_at: Option<DateTimeUtc>,
    pub done_by: Option<String>,
    /// When a desktop notification was shown for it.
    pub notified_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
