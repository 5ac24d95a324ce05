use sea_orm::entity::prelude::*;

/// One version of an agreement's content, with its review.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "agreement_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agreement_id: i64,
    pub number: i32,
    /// The content as JSON (`accord_core::agreement::AgreementContent`).
    #[sea_orm(column_type = "Text")]
    pub content: String,
    pub created_at: DateTimeUtc,
    pub created_by: String,
    /// The writer's user id (`None` for the program, and for versions
    /// saved before it was recorded).
    pub created_by_id: Option<i64>,
    pub decision: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub review_comment: Option<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
