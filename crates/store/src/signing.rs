//! Signatures on the approved version, the centre's sealing key, and the
//! sealed PDFs exactly as they were handed out.

use accord_core::{
    AuditAction, Choice, UserRole,
    agreement::{AgreementStatus, SignMethod, Signature},
};
use accord_entity::{agreement, centre_key, sealed_document, signature};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use sha2::{Digest, Sha256};

use crate::{Actor, Result, Store, StoreError, convert::code, write::AuditEvent};

/// The centre's sealing key and certificate.
#[derive(Clone, PartialEq, Eq)]
pub struct CentreKey {
    pub id: i64,
    pub common_name: String,
    pub organisation: String,
    /// X.509 certificate, DER.
    pub certificate: Vec<u8>,
    /// PKCS#8 private key, DER.
    pub private_key: Vec<u8>,
    /// The certificates that issued it (CA, intermediates), DER one after
    /// another; empty for a self-signed certificate.
    pub chain: Vec<u8>,
    pub imported: bool,
    pub created_at: DateTime<Utc>,
}

impl std::fmt::Debug for CentreKey {
    // The private key never goes into a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CentreKey")
            .field("id", &self.id)
            .field("common_name", &self.common_name)
            .field("organisation", &self.organisation)
            .field("imported", &self.imported)
            .finish_non_exhaustive()
    }
}

/// A sealed agreement PDF as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedPdf {
    pub version: i32,
    pub content_hash: String,
    pub locale: String,
    pub pdf: Vec<u8>,
    /// SHA-256 of the file.
    pub sha256: String,
    pub sealed_at: DateTime<Utc>,
    pub sealed_by: String,
}

/// [`crate::write::Write::serialise`]'s lock for making the first key.
const CENTRE_KEY_LOCK: i64 = 0x4143_4b45_5901;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn agreement_of(conn: &impl ConnectionTrait, case_id: i64) -> Result<agreement::Model> {
    agreement::Entity::find()
        .filter(agreement::Column::CaseId.eq(case_id))
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The version signatures belong to: the final one, else the newest.
async fn signing_version(conn: &impl ConnectionTrait, model: &agreement::Model) -> Result<i32> {
    if let Some(v) = model.final_version
        && model.status == AgreementStatus::Final.code()
    {
        return Ok(v);
    }

    use accord_entity::agreement_version as av;
    Ok(av::Entity::find()
        .filter(av::Column::AgreementId.eq(model.id))
        .order_by_desc(av::Column::Number)
        .one(conn)
        .await?
        .map(|v| v.number)
        .unwrap_or(0))
}

/// The newest sealing key: the one in use.
async fn newest_key(conn: &impl ConnectionTrait) -> Result<Option<CentreKey>> {
    Ok(centre_key::Entity::find()
        .order_by_desc(centre_key::Column::Id)
        .one(conn)
        .await?
        .map(key_from))
}

fn key_from(m: centre_key::Model) -> CentreKey {
    CentreKey {
        id: m.id,
        common_name: m.common_name,
        organisation: m.organisation,
        certificate: m.certificate,
        private_key: m.private_key,
        chain: m.chain.unwrap_or_default(),
        imported: m.source == "imported",
        created_at: m.created_at,
    }
}

fn signature_from(m: signature::Model) -> Result<Signature> {
    Ok(Signature {
        slot: usize::try_from(m.slot).unwrap_or_default(),
        name: m.name,
        method: code::<SignMethod>(&m.method)?,
        strokes: serde_json::from_str(&m.strokes)
            .map_err(|e| StoreError::Database(e.to_string()))?,
        signed_at: m.signed_at,
    })
}

impl Store {
    /// Replaces the stored private key of key `id` by the same key sealed
    /// under the centre secret (a key stored in clear by an older Accord):
    /// by the program, whoever uses the key first; the audit event names
    /// the key only.
    pub async fn reseal_centre_key(&self, id: i64, sealed: &[u8]) -> Result<()> {
        use sea_orm::{ActiveModelTrait, ActiveValue::Set};
        let program = Actor::system();
        let change = self.write(&program).await?;
        let model = centre_key::Entity::find_by_id(id)
            .one(&*change)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut active: centre_key::ActiveModel = model.into();
        active.private_key = Set(sealed.to_vec());
        active.update(&*change).await?;
        change
            .commit(AuditEvent::centre(
                AuditAction::CentreKeySealed,
                serde_json::json!({ "key_id": id }),
            ))
            .await
    }

    /// The sealing key in use (the newest), if one was created or imported.
    pub async fn centre_key(&self) -> Result<Option<CentreKey>> {
        newest_key(&self.db).await
    }

    /// The sealing key in use; when there is none yet, stores this one
    /// (made by the caller) and returns it. Two programs sealing for the
    /// first time at once end up with one key: the second gets the first's.
    /// Whoever seals first makes it (no role needed: it is the centre's
    /// first key, made because something is being sealed).
    pub async fn centre_key_or_save(
        &self,
        actor: &Actor,
        common_name: &str,
        organisation: &str,
        certificate: &[u8],
        private_key: &[u8],
    ) -> Result<CentreKey> {
        let change = self.write(actor).await?;
        change.serialise(CENTRE_KEY_LOCK).await?;
        if let Some(stored) = newest_key(&*change).await? {
            change.rollback().await?;
            return Ok(stored);
        }
        self.insert_centre_key(
            change,
            common_name,
            organisation,
            (certificate, &[]),
            private_key,
            false,
        )
        .await
    }

    /// Stores a new sealing key; it is used from now on. Only an
    /// administrator creates or imports one ([`StoreError::NotAllowed`]).
    pub async fn save_centre_key(
        &self,
        actor: &Actor,
        common_name: &str,
        organisation: &str,
        certificate: &[u8],
        private_key: &[u8],
        imported: bool,
    ) -> Result<CentreKey> {
        let change = self.write(actor).await?;
        change.require(UserRole::Administrator).await?;
        self.insert_centre_key(
            change,
            common_name,
            organisation,
            (certificate, &[]),
            private_key,
            imported,
        )
        .await
    }

    /// [`Store::save_centre_key`] for a key imported with the certificates
    /// that issued its certificate (`chain`: DER one after another).
    pub async fn save_imported_key(
        &self,
        actor: &Actor,
        common_name: &str,
        organisation: &str,
        (certificate, chain): (&[u8], &[u8]),
        private_key: &[u8],
    ) -> Result<CentreKey> {
        let change = self.write(actor).await?;
        change.require(UserRole::Administrator).await?;
        self.insert_centre_key(
            change,
            common_name,
            organisation,
            (certificate, chain),
            private_key,
            true,
        )
        .await
    }

    async fn insert_centre_key(
        &self,
        change: crate::write::Write<'_>,
        common_name: &str,
        organisation: &str,
        (certificate, chain): (&[u8], &[u8]),
        private_key: &[u8],
        imported: bool,
    ) -> Result<CentreKey> {
        let model = centre_key::ActiveModel {
            common_name: Set(common_name.to_owned()),
            organisation: Set(organisation.to_owned()),
            certificate: Set(certificate.to_vec()),
            private_key: Set(private_key.to_vec()),
            chain: Set((!chain.is_empty()).then(|| chain.to_vec())),
            source: Set(if imported { "imported" } else { "generated" }.to_owned()),
            created_at: Set(crate::now()),
            created_by: Set(change.actor().name.clone()),
            ..Default::default()
        }
        .insert(&*change)
        .await?;
        let action = if imported {
            AuditAction::CentreKeyImported
        } else {
            AuditAction::CentreKeyCreated
        };
        let fingerprint = hex(&Sha256::digest(certificate));
        change
            .commit(AuditEvent::centre(
                action,
                serde_json::json!({ "name": common_name, "certificate_sha256": fingerprint }),
            ))
            .await?;
        Ok(key_from(model))
    }

    /// The signatures on the version being signed (the final one, else
    /// the newest), by slot.
    pub async fn signatures(&self, case_id: i64) -> Result<Vec<Signature>> {
        let Some(model) = agreement::Entity::find()
            .filter(agreement::Column::CaseId.eq(case_id))
            .one(&self.db)
            .await?
        else {
            return Ok(Vec::new());
        };
        let version = signing_version(&self.db, &model).await?;
        signature::Entity::find()
            .filter(signature::Column::AgreementId.eq(model.id))
            .filter(signature::Column::Version.eq(version))
            .order_by_asc(signature::Column::Slot)
            .all(&self.db)
            .await?
            .into_iter()
            .map(signature_from)
            .collect()
    }

    /// Records a signatory's signature (pad strokes, or "signs on paper")
    /// on the approved version; signing again replaces the earlier one.
    /// Only an approved agreement is signed: a later change needs approval
    /// (and signatures) anew.
    pub async fn save_signature(
        &self,
        actor: &Actor,
        case_id: i64,
        signature: &Signature,
    ) -> Result<Vec<Signature>> {
        let change = self.write(actor).await?;
        crate::roles::case_work(&*change, actor, case_id).await?;
        let model = agreement_of(&*change, case_id).await?;
        let status: AgreementStatus = code(&model.status)?;
        if status != AgreementStatus::Approved {
            return Err(StoreError::AgreementStatus(status));
        }
        if signature.method == SignMethod::Pad && !signature.strokes.iter().any(|s| s.len() > 1) {
            return Err(StoreError::Invalid(
                accord_core::ValidationError::SignatureEmpty,
            ));
        }
        let version = signing_version(&*change, &model).await?;
        let slot = i32::try_from(signature.slot).unwrap_or(i32::MAX);
        signature::Entity::delete_many()
            .filter(signature::Column::AgreementId.eq(model.id))
            .filter(signature::Column::Version.eq(version))
            .filter(signature::Column::Slot.eq(slot))
            .exec(&*change)
            .await?;
        signature::ActiveModel {
            agreement_id: Set(model.id),
            version: Set(version),
            slot: Set(slot),
            name: Set(signature.name.clone()),
            method: Set(signature.method.code().to_owned()),
            strokes: Set(serde_json::to_string(&signature.strokes)
                .map_err(|e| StoreError::Database(e.to_string()))?),
            signed_at: Set(crate::now()),
            recorded_by: Set(actor.name.clone()),
            ..Default::default()
        }
        .insert(&*change)
        .await?;
        change
            .commit(AuditEvent::case(
                AuditAction::AgreementSigned,
                case_id,
                serde_json::json!({
                    "version": version,
                    "signatory": signature.name,
                    "method": signature.method.code(),
                }),
            ))
            .await?;
        self.signatures(case_id).await
    }

    /// Stores the sealed PDF of the final version, with the emails (the
    /// sealed agreement to each party with an address) queued in the same
    /// transaction.
    ///
    /// A final version is sealed once: when it was sealed already (say by
    /// another program at the same moment), nothing is stored or queued and
    /// the document stored first is returned. The write lock is taken
    /// before the check (SQLite), and the unique index on the version's
    /// sealed document refuses a second one that got past it (PostgreSQL).
    pub async fn save_sealed_pdf(
        &self,
        actor: &Actor,
        case_id: i64,
        locale: &str,
        pdf: &[u8],
        emails: &[crate::NewEmail],
    ) -> Result<SealedPdf> {
        let change = self.write(actor).await?;
        let model = agreement_of(&*change, case_id).await?;
        let status: AgreementStatus = code(&model.status)?;
        let (Some(version), Some(hash), AgreementStatus::Final) =
            (model.final_version, model.final_hash.clone(), status)
        else {
            return Err(StoreError::AgreementStatus(status));
        };
        if let Some(stored) = sealed_of(&*change, model.id, version).await? {
            change.rollback().await?;
            return Ok(stored);
        }
        let sha256 = hex(&Sha256::digest(pdf));
        let inserted = sealed_document::ActiveModel {
            agreement_id: Set(model.id),
            version: Set(version),
            content_hash: Set(hash),
            locale: Set(locale.to_owned()),
            pdf: Set(pdf.to_vec()),
            sha256: Set(sha256.clone()),
            sealed_at: Set(crate::now()),
            sealed_by: Set(actor.name.clone()),
            ..Default::default()
        }
        .insert(&*change)
        .await;
        let stored = match inserted {
            Ok(stored) => stored,
            Err(e) if e.to_string().to_lowercase().contains("unique") => {
                // Sealed by someone else after our check: theirs stands.
                drop(change);
                return sealed_of(&self.db, model.id, version)
                    .await?
                    .ok_or(StoreError::Conflict);
            }
            Err(e) => return Err(e.into()),
        };
        for email in emails {
            crate::followups::queue(&*change, email).await?;
        }
        let mut events = vec![AuditEvent::case(
            AuditAction::AgreementSealed,
            case_id,
            serde_json::json!({ "version": version, "pdf_sha256": sha256, "locale": locale }),
        )];
        // A sealed settlement agreement settles the case (in the same
        // change, audited as a status change).
        if let Some(case) = accord_entity::case::Entity::find_by_id(case_id)
            .one(&*change)
            .await?
        {
            let from: accord_core::CaseStatus = code(&case.status)?;
            if from.can_become(accord_core::CaseStatus::Settled) {
                let to = accord_core::CaseStatus::Settled;
                accord_entity::case::Entity::update_many()
                    .col_expr(
                        accord_entity::case::Column::Status,
                        sea_orm::sea_query::Expr::value(to.code()),
                    )
                    .col_expr(
                        accord_entity::case::Column::Version,
                        sea_orm::sea_query::Expr::value(case.version + 1),
                    )
                    .filter(accord_entity::case::Column::Id.eq(case_id))
                    .exec(&*change)
                    .await?;
                events.push(AuditEvent::case(
                    AuditAction::CaseStatus,
                    case_id,
                    serde_json::json!({ "from": from.code(), "to": to.code(), "by": "sealed" }),
                ));
            }
        }
        change.commit_all(events).await?;
        Ok(sealed_from(stored))
    }

    /// The sealed PDF of the final version, if it was sealed.
    pub async fn sealed_pdf(&self, case_id: i64) -> Result<Option<SealedPdf>> {
        let Some(model) = agreement::Entity::find()
            .filter(agreement::Column::CaseId.eq(case_id))
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let Some(version) = model.final_version else {
            return Ok(None);
        };
        if code::<AgreementStatus>(&model.status)? != AgreementStatus::Final {
            return Ok(None);
        }
        sealed_of(&self.db, model.id, version).await
    }

    /// Notes in the case history that the agreement was printed.
    pub async fn record_printed(
        &self,
        actor: &Actor,
        case_id: i64,
        printer: &str,
        copies: u32,
    ) -> Result<()> {
        let change = self.write(actor).await?;
        // The event is the whole change: printing writes nothing else.
        change
            .commit(AuditEvent::case(
                AuditAction::AgreementPrinted,
                case_id,
                serde_json::json!({ "printer": printer, "copies": copies }),
            ))
            .await?;
        Ok(())
    }
}

/// The sealed document of an agreement version (there is one at most;
/// files sealed twice by earlier versions keep the first).
async fn sealed_of(
    conn: &impl ConnectionTrait,
    agreement_id: i64,
    version: i32,
) -> Result<Option<SealedPdf>> {
    Ok(sealed_document::Entity::find()
        .filter(sealed_document::Column::AgreementId.eq(agreement_id))
        .filter(sealed_document::Column::Version.eq(version))
        .order_by_asc(sealed_document::Column::Id)
        .one(conn)
        .await?
        .map(sealed_from))
}

fn sealed_from(m: sealed_document::Model) -> SealedPdf {
    SealedPdf {
        version: m.version,
        content_hash: m.content_hash,
        locale: m.locale,
        pdf: m.pdf,
        sha256: m.sha256,
        sealed_at: m.sealed_at,
        sealed_by: m.sealed_by,
    }
}
