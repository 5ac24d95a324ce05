use sea_orm::entity::prelude::*;

/// A sealed agreement PDF exactly as it was handed out.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "sealed_documents")]
pub struct Model {
    #[sea_orm(primary_key)]
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
