use sea_orm::entity::prelude::*;

/// One signatory's signature on one version of an agreement.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "signatures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agreement_id: i64,
    pub version: i32,
    /// The signature box's position in the document (0-based).
    pub slot: i32,
    /// The printed name under the box.
    pub name: String,
    /// "pad" or "paper".
    pub method: String,
    /// The pad strokes as JSON: `[[[x, y], ...], ...]` in box units 0..1.
    #[sea_orm(column_type = "Text")]
    pub strokes: String,
    pub signed_at: DateTimeUtc,
    pub recorded_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
