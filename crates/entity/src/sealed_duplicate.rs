use sea_orm::entity::prelude::*;

/// A second sealed document of an agreement version, set aside when the
/// unique index came in (migration 7): what was handed out is kept, not
/// deleted. Copied with the rest by `db copy`; nothing else reads it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "sealed_duplicates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i64,
    pub agreement_id: i64,
    pub version: i32,
    /// SHA-256 of the agreement's canonical content.
    pub content_hash: String,
    pub locale: String,
    pub pdf: Vec<u8>,
    /// SHA-256 of the PDF file.
    pub sha256: String,
    pub sealed_at: DateTimeUtc,
    pub sealed_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
