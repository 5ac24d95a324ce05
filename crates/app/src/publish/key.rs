//! The centre's sealing key: made the first time it is needed (self-signed,
//! named after the centre), made anew, or imported from a PKCS#12 file.
//! The private key is stored sealed under the centre secret (`secret.key`,
//! the same file that seals the SMTP password; every computer of a centre
//! on one PostgreSQL server gets a copy), never in clear: a copy of the
//! database, or of the shared server, does not hold a usable key.

use std::path::Path;

use accord_document::seal;
use accord_i18n::Translations;
use accord_store::{Actor, Store};

use super::{PublishError, Result};

/// The setting that names the centre on its seal.
pub const CENTRE_NAME: &str = "centre_name";
/// The setting naming the basic people's court where the committee sits
/// (the judicial-confirmation notice names it).
pub const CENTRE_COURT: &str = "centre_court";
/// The setting holding the centre's format of agreement numbers
/// ("（{year}）青山人调字第{seq}号").
pub const CENTRE_NUMBER_FORMAT: &str = "centre_number_format";

/// The centre's sealing key, created (self-signed, named after the centre)
/// the first time it is needed.
pub async fn centre_key(
    store: &Store,
    actor: &Actor,
    t: &Translations,
) -> Result<(seal::SealKey, Vec<u8>, String)> {
    if let Some(stored) = store.centre_key().await? {
        let der = unwrap_key(&stored.private_key)?;
        let key = seal::key_from_pkcs8(&der)?;
        if !stored.private_key.starts_with(WRAPPED) {
            // Stored in clear by an older Accord: sealed now. (A file that
            // may only be read keeps it as it is.)
            let _ = store.reseal_centre_key(stored.id, &wrap_key(&der)?).await;
        }
        return Ok((key, stored.certificate, stored.common_name));
    }
    let name = centre_name(store, t).await?;
    let (key, cert) = seal::try_self_signed(&name, "Accord")?;
    let wrapped = wrap_key(&seal::key_to_pkcs8(&key)?)?;
    // Another program may have made the first key meanwhile: then that
    // one is the centre's, and this one is thrown away.
    let stored = store
        .centre_key_or_save(actor, &name, "Accord", &cert, &wrapped)
        .await?;
    if stored.private_key == wrapped {
        return Ok((key, cert, name));
    }
    let key = seal::key_from_pkcs8(&unwrap_key(&stored.private_key)?)?;
    Ok((key, stored.certificate, stored.common_name))
}

/// What a stored private key starts with when it is sealed.
const WRAPPED: &[u8] = b"accord-sealed-key:";

/// The PKCS#8 key sealed under the centre secret, for storing.
pub fn wrap_key(der: &[u8]) -> Result<Vec<u8>> {
    let hex: String = der.iter().map(|b| format!("{b:02x}")).collect();
    let sealed = crate::secret::seal(&hex)?;
    Ok([WRAPPED, sealed.as_bytes()].concat())
}

/// The PKCS#8 key from what is stored: sealed, or (saved by an Accord
/// from before keys were sealed) as it is.
pub fn unwrap_key(stored: &[u8]) -> Result<Vec<u8>> {
    unwrapped(stored, None)
}

/// [`unwrap_key`] with the centre secret in `key_file` (another
/// computer's, e.g. in tests).
pub fn unwrap_key_with(stored: &[u8], key_file: &Path) -> Result<Vec<u8>> {
    unwrapped(stored, Some(key_file))
}

fn unwrapped(stored: &[u8], key_file: Option<&Path>) -> Result<Vec<u8>> {
    let Some(sealed) = stored.strip_prefix(WRAPPED) else {
        return Ok(stored.to_vec());
    };
    let sealed = String::from_utf8_lossy(sealed);
    let hex = match key_file {
        Some(file) => crate::secret::open_with(file, &sealed)?,
        None => crate::secret::open(&sealed)?,
    };
    (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect::<Option<Vec<u8>>>()
        .ok_or(PublishError::Secret(crate::secret::SecretError::Malformed))
}

/// The centre's name as set, or the generic committee name.
pub async fn centre_name(store: &Store, t: &Translations) -> Result<String> {
    Ok(store
        .setting(CENTRE_NAME)
        .await?
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| t.tr("centre-default-name")))
}

/// What the settings show about the sealing key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    pub common_name: String,
    pub organisation: String,
    pub imported: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// SHA-256 of the certificate, in groups for reading aloud.
    pub fingerprint: String,
    /// The certificate authority that issued the certificate, checked
    /// against the chain imported with it; `None` for a self-signed one
    /// (an integrity seal only).
    pub issued_by: Option<String>,
}

/// The sealing key in use, if any.
pub async fn key_info(store: &Store) -> Result<Option<KeyInfo>> {
    use sha2::{Digest, Sha256};
    Ok(store.centre_key().await?.map(|k| {
        let digest = Sha256::digest(&k.certificate);
        let hex: Vec<String> = digest.iter().map(|b| format!("{b:02X}")).collect();
        KeyInfo {
            issued_by: seal::issued_by(&k.certificate, &k.chain),
            common_name: k.common_name,
            organisation: k.organisation,
            imported: k.imported,
            created_at: k.created_at,
            fingerprint: hex
                .chunks(4)
                .map(|c| c.concat())
                .collect::<Vec<_>>()
                .join(" "),
        }
    }))
}

/// Creates a new self-signed sealing key named after the centre (and
/// remembers the name); later seals use it.
pub async fn create_key(store: &Store, actor: &Actor, name: &str) -> Result<KeyInfo> {
    let name = name.trim();
    if name.is_empty() {
        return Err(PublishError::NoCentreName);
    }
    let (key, cert) = seal::try_self_signed(name, "Accord")?;
    let der = wrap_key(&seal::key_to_pkcs8(&key)?)?;
    // The key first: refused (not an administrator), the name stays too.
    store
        .save_centre_key(actor, name, "Accord", &cert, &der, false)
        .await?;
    store.set_setting(CENTRE_NAME, name).await?;
    key_info(store).await?.ok_or(PublishError::NotFinal)
}

/// Imports the centre's key and certificate from a PKCS#12 file.
pub async fn import_key(
    store: &Store,
    actor: &Actor,
    path: &Path,
    password: &str,
) -> Result<KeyInfo> {
    let data = std::fs::read(path).map_err(|e| PublishError::File {
        path: path.display().to_string(),
        detail: e.to_string(),
    })?;
    let imported = seal::import_pkcs12(&data, password)?;
    let der = wrap_key(&seal::key_to_pkcs8(&imported.key)?)?;
    // The issuing chain comes along, so the seal can say who vouches for
    // it and a court can be handed the whole chain.
    store
        .save_imported_key(
            actor,
            &imported.common_name,
            &imported.organisation,
            (&imported.certificate, &imported.chain.concat()),
            &der,
        )
        .await?;
    key_info(store).await?.ok_or(PublishError::NotFinal)
}
