use sea_orm::entity::prelude::*;

/// A case's application for judicial confirmation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "judicial_confirmations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub case_id: i64,
    pub court: String,
    pub basis: String,
    pub state: String,
    pub prepared_at: DateTimeUtc,
    pub filed_on: Option<Date>,
    pub court_number: Option<String>,
    pub ruled_on: Option<Date>,
    #[sea_orm(column_type = "Text", nullable)]
    pub ruling_note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
