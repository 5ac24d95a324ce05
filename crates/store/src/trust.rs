//! The centre's sealing certificates, read without their private keys:
//! what a seal is verified against and what is handed to courts and
//! parties. Read-only; keys are created and imported in `signing`.

use accord_entity::centre_key;
use chrono::{DateTime, Utc};
use sea_orm::{EntityTrait, QueryOrder, QuerySelect};

use crate::{Result, Store};

/// A certificate the centre registered for its seal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CentreCertificate {
    pub id: i64,
    pub common_name: String,
    pub organisation: String,
    /// X.509 certificate, DER.
    pub certificate: Vec<u8>,
    pub imported: bool,
    /// When it was created or imported here; it was in use from then
    /// until the next one's `created_at` (the database keeps no other
    /// validity dates).
    pub created_at: DateTime<Utc>,
    /// Whether it is the one in use (the newest).
    pub current: bool,
}

/// id, common name, organisation, certificate, source, created at.
type Row = (i64, String, String, Vec<u8>, String, DateTime<Utc>);

impl Store {
    /// Every sealing certificate the centre has registered, current and
    /// retired, newest (the one in use) first. Private keys are not read.
    pub async fn centre_certificates(&self) -> Result<Vec<CentreCertificate>> {
        let rows: Vec<Row> = centre_key::Entity::find()
            .select_only()
            .columns([
                centre_key::Column::Id,
                centre_key::Column::CommonName,
                centre_key::Column::Organisation,
                centre_key::Column::Certificate,
                centre_key::Column::Source,
                centre_key::Column::CreatedAt,
            ])
            .order_by_desc(centre_key::Column::Id)
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .enumerate()
            .map(
                |(i, (id, common_name, organisation, certificate, source, created_at))| {
                    CentreCertificate {
                        id,
                        common_name,
                        organisation,
                        certificate,
                        imported: source == "imported",
                        created_at,
                        current: i == 0,
                    }
                },
            )
            .collect())
    }

    /// The sealing certificate in use, if the centre has one.
    pub async fn current_centre_certificate(&self) -> Result<Option<CentreCertificate>> {
        Ok(self.centre_certificates().await?.into_iter().next())
    }
}
