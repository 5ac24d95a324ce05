use sea_orm::entity::prelude::*;

/// A mediation case.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub number: String,
    pub number_year: i32,
    pub number_seq: i32,
    #[sea_orm(unique)]
    pub external_ref: Option<String>,
    pub category: String,
    pub channel: String,
    pub received_at: DateTimeUtc,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    pub status: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i64,
    /// The user who mediates it (see the store's rules); `None` until a
    /// mediator takes it.
    pub mediator_id: Option<i64>,
    /// When it must be settled (限时办结): kept with the time limit while
    /// the case is open, for the board's index.
    pub due_on: Option<Date>,
    /// JSON: the date of acceptance, a date set, the extensions.
    #[sea_orm(column_type = "Text", nullable)]
    pub time_limit: Option<String>,
    /// The user who received it and answers for it (首接负责制) until a
    /// logged handover.
    pub receiver_id: Option<i64>,
    /// The roster entry of the lead mediator, while one is assigned (the
    /// board's and the suggestions' counts read it from an index).
    pub lead_mediator_id: Option<i64>,
    pub stat_category: String,
    pub source: String,
    pub crime_persons: Option<i64>,
    pub petition_persons: Option<i64>,
    pub risk_level: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::party::Entity")]
    Party,
    #[sea_orm(has_many = "super::disputed_issue::Entity")]
    DisputedIssue,
}

impl Related<super::party::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Party.def()
    }
}

impl Related<super::disputed_issue::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::DisputedIssue.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
