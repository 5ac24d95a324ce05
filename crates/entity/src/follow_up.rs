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
    /// What the Today page shows, kept with the row (written when the
    /// agreement is finalised): the obligation's debtor and creditor
    /// (party ids), what is owed and when the instalment or act is due.
    pub debtor_id: Option<i64>,
    pub creditor_id: Option<i64>,
    #[sea_orm(column_type = "Text", nullable)]
    pub description: Option<String>,
    pub deadline: Option<Date>,
    /// An instalment's amount, and what is paid against it so far (moved
    /// in the transaction that records a payment).
    pub due_minor: Option<i64>,
    pub due_currency: Option<String>,
    pub paid_minor: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
