use sea_orm::entity::prelude::*;

/// The centre's sealing key and certificate (the newest row is in use).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "centre_keys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub common_name: String,
    pub organisation: String,
    /// X.509 certificate, DER.
    pub certificate: Vec<u8>,
    /// PKCS#8 private key, DER.
    pub private_key: Vec<u8>,
    /// The certificates that issued it (CA, intermediates), DER one after
    /// another; none for a self-signed certificate.
    pub chain: Option<Vec<u8>>,
    /// "generated" or "imported".
    pub source: String,
    pub created_at: DateTimeUtc,
    pub created_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
