//! The database key and its key slots. A SQLite file is encrypted with
//! SQLCipher under a random 256-bit key that nobody types. Beside the file,
//! in `<file>.keys` (mode 0600), each account has a slot: the key sealed
//! (ChaCha20-Poly1305) under a key made from that account's password with
//! the same argon2id hash that checks the password. A password change
//! seals the key again in one slot; the file is not re-encrypted.
//!
//! The slot key is the SHA-256 of the argon2id output, so a slot can be
//! made from an account's stored hash without its password: converting a
//! plain file gives every account a slot at once (see `Store::encrypt`).
//! The price: whoever holds a hash can open that slot. The hashes live
//! inside the encrypted file, so only a copy of the file made *before* it
//! was encrypted gives them away, until each password is next changed.

use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, Version};
use chacha20poly1305::{
    ChaCha20Poly1305, KeyInit, Nonce,
    aead::{Aead, AeadCore, OsRng, Payload, rand_core::RngCore},
};
use sha2::{Digest, Sha256};

use crate::{Result, StoreError};

/// The key slot file's suffix: `accord.sqlite3` → `accord.sqlite3.keys`.
pub const KEYS_SUFFIX: &str = ".keys";

/// A database key: 32 random bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct DbKey([u8; 32]);

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(…)")
    }
}

impl DbKey {
    /// A new random key.
    pub fn generate() -> Self {
        let mut key = [0u8; 32];
        OsRng.fill_bytes(&mut key);
        Self(key)
    }

    /// The value of SQLCipher's `PRAGMA key` for this raw key, quotes
    /// included (no key derivation inside SQLCipher: the key is random).
    pub(crate) fn pragma(&self) -> String {
        format!("\"x'{}'\"", hex(&self.0))
    }
}

/// SQLite connection options for a file encrypted with `key` (unchanged
/// for a plain file, `None`): the key before anything else reads the file
/// (sqlx runs `key` first), and the cipher's own log quiet.
pub(crate) fn keyed(
    options: sea_orm::sqlx::sqlite::SqliteConnectOptions,
    key: Option<&DbKey>,
) -> sea_orm::sqlx::sqlite::SqliteConnectOptions {
    match key {
        Some(key) => options
            .pragma("key", key.pragma())
            .pragma("cipher_log_level", "NONE"),
        None => options,
    }
}

/// One account's slot.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Slot {
    pub user_id: i64,
    pub login: String,
    /// The account's name and role, for the login screen before the
    /// database is open (staff names only; no party's data).
    pub name: String,
    pub role: String,
    /// The argon2id hash's parameters and salt (a PHC string without the
    /// hash).
    kdf: String,
    nonce: String,
    sealed: String,
}

/// The slots beside one database file.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeySlots {
    version: u32,
    pub slots: Vec<Slot>,
}

/// The slot file of the database file `db`.
pub fn keys_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(KEYS_SUFFIX);
    PathBuf::from(name)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The slot key from a full argon2id PHC string (with its hash).
fn slot_key(phc: &str) -> Option<[u8; 32]> {
    let parsed = PasswordHash::new(phc).ok()?;
    let output = parsed.hash?;
    let mut digest = Sha256::new();
    digest.update(b"accord key slot v1\0");
    digest.update(output.as_bytes());
    Some(digest.finalize().into())
}

/// The PHC string without its hash: what a slot keeps to hash again.
fn kdf_part(phc: &str) -> Option<String> {
    let parsed = PasswordHash::new(phc).ok()?;
    parsed.hash?;
    // `$argon2id$v=19$m=…,t=…,p=…$<salt>$<hash>`: drop the last field.
    phc.rsplit_once('$').map(|(head, _)| head.to_owned())
}

/// Hashes `password` again with a slot's parameters and salt.
fn rehash(kdf: &str, password: &str) -> Option<String> {
    let parsed = PasswordHash::new(kdf).ok()?;
    let params = Params::try_from(&parsed).ok()?;
    let salt = parsed.salt?;
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(password.as_bytes(), salt)
        .ok()
        .map(|h| h.to_string())
}

fn aad(user_id: i64) -> Vec<u8> {
    format!("accord-db-key:{user_id}").into_bytes()
}

impl Slot {
    /// Seals `key` for an account whose password hash is `phc`.
    pub fn seal(
        user_id: i64,
        login: &str,
        name: &str,
        role: &str,
        phc: &str,
        key: &DbKey,
    ) -> Result<Self> {
        let bad = || StoreError::Database("not an argon2id password hash".to_owned());
        let kdf = kdf_part(phc).ok_or_else(bad)?;
        let slot_key = slot_key(phc).ok_or_else(bad)?;
        let cipher = ChaCha20Poly1305::new(&slot_key.into());
        let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: &key.0,
                    aad: &aad(user_id),
                },
            )
            .map_err(|_| StoreError::Database("sealing the database key".to_owned()))?;
        Ok(Self {
            user_id,
            login: login.to_owned(),
            name: name.to_owned(),
            role: role.to_owned(),
            kdf,
            nonce: hex(&nonce),
            sealed: hex(&sealed),
        })
    }

    /// The database key, if `password` is this account's (a third of a
    /// second of argon2id, off the async threads by the caller).
    pub fn open(&self, password: &str) -> Option<DbKey> {
        let phc = rehash(&self.kdf, password)?;
        let slot_key = slot_key(&phc)?;
        let nonce = unhex(&self.nonce)?;
        let sealed = unhex(&self.sealed)?;
        let nonce: [u8; 12] = nonce.try_into().ok()?;
        let key = ChaCha20Poly1305::new(&slot_key.into())
            .decrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: &sealed,
                    aad: &aad(self.user_id),
                },
            )
            .ok()?;
        Some(DbKey(key.try_into().ok()?))
    }
}

impl KeySlots {
    /// The slots beside `db`: `None` when there is no slot file (a plain
    /// database, or none yet).
    pub fn load(db: &Path) -> Result<Option<Self>> {
        let path = keys_path(db);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(StoreError::Open {
                    location: path.display().to_string(),
                    detail: e.to_string(),
                });
            }
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| StoreError::NotADatabase {
                location: path.display().to_string(),
                detail: e.to_string(),
            })
    }

    /// Writes the slots beside `db`, readable by the owner only, whole or
    /// not at all (a temporary file renamed over the old one).
    pub fn save(&self, db: &Path) -> Result<()> {
        let path = keys_path(db);
        let error = |e: std::io::Error| StoreError::Open {
            location: path.display().to_string(),
            detail: e.to_string(),
        };
        let mut saved = self.clone();
        saved.version = 1;
        let text = serde_json::to_string_pretty(&saved)
            .map_err(|e| StoreError::Database(e.to_string()))?;
        let mut partial = path.as_os_str().to_owned();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        {
            use std::io::Write;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(&partial).map_err(error)?;
            file.write_all(text.as_bytes()).map_err(error)?;
            file.sync_all().map_err(error)?;
        }
        std::fs::rename(&partial, &path).map_err(error)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    }

    /// The slot of `login` (as typed: case and spaces ignored).
    pub fn find(&self, login: &str) -> Option<&Slot> {
        let login = login.trim().to_ascii_lowercase();
        self.slots.iter().find(|s| s.login == login)
    }

    /// The slot of a user picked from the login screen.
    pub fn find_id(&self, user_id: i64) -> Option<&Slot> {
        self.slots.iter().find(|s| s.user_id == user_id)
    }

    /// Puts `slot` in place of the same user's slot, or adds it.
    pub fn put(&mut self, slot: Slot) {
        self.slots.retain(|s| s.user_id != slot.user_id);
        self.slots.push(slot);
        self.slots.sort_by_key(|s| s.user_id);
    }
}

/// Opens the slot of `login` (or of `user_id`) with `password`, off the
/// async threads; an unknown account costs the same work as a wrong
/// password, and both are [`StoreError::WrongPassword`].
pub async fn unlock(slots: &KeySlots, who: Who<'_>, password: &str) -> Result<(Slot, DbKey)> {
    let slot = match who {
        Who::Login(login) => slots.find(login),
        Who::Id(id) => slots.find_id(id),
    }
    .cloned();
    let password = password.to_owned();
    let decoy = slots.slots.first().cloned();
    tokio::task::spawn_blocking(move || {
        match slot {
            Some(slot) => slot.open(&password).map(|key| (slot, key)),
            None => {
                // The same work as a known name with a wrong password.
                if let Some(decoy) = decoy {
                    let _ = rehash(&decoy.kdf, &password);
                }
                None
            }
        }
    })
    .await
    .map_err(|e| StoreError::Database(e.to_string()))?
    .ok_or(StoreError::WrongPassword)
}

/// Who unlocks: a login name typed (the command line) or a user picked
/// (the window).
#[derive(Debug, Clone, Copy)]
pub enum Who<'a> {
    Login(&'a str),
    Id(i64),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phc(password: &str) -> String {
        use argon2::password_hash::SaltString;
        let params = Params::new(8 * 1024, 1, 1, None).expect("params");
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password(password.as_bytes(), &SaltString::generate(&mut OsRng))
            .expect("hash")
            .to_string()
    }

    #[test]
    fn a_slot_opens_with_its_password_only() {
        let key = DbKey::generate();
        let slot =
            Slot::seal(3, "li", "李", "mediator", &phc("correct horse"), &key).expect("seal");
        assert_eq!(slot.open("correct horse"), Some(key.clone()));
        assert_eq!(slot.open("correct hors"), None);
        // Moved to another user, it no longer opens.
        let moved = Slot {
            user_id: 4,
            ..slot.clone()
        };
        assert_eq!(moved.open("correct horse"), None);
        // The file holds neither the key nor the password.
        let text = serde_json::to_string(&slot).expect("json");
        assert!(!text.contains(&hex(&key.0)));
        assert!(!text.contains("correct horse"));
    }

    #[test]
    fn slots_are_saved_whole_and_private() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("a.sqlite3");
        let key = DbKey::generate();
        let mut slots = KeySlots::default();
        slots.put(
            Slot::seal(
                1,
                "admin",
                "王",
                "administrator",
                &phc("the first password"),
                &key,
            )
            .expect("seal"),
        );
        slots.put(
            Slot::seal(2, "li", "李", "mediator", &phc("the second password"), &key).expect("seal"),
        );
        slots.save(&db).expect("save");
        let back = KeySlots::load(&db).expect("load").expect("there");
        assert_eq!(back.slots.len(), 2);
        assert_eq!(
            back.find(" LI ")
                .and_then(|s| s.open("the second password")),
            Some(key)
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(keys_path(&db))
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(
            KeySlots::load(&dir.path().join("none")).expect("load"),
            None
        );
    }
}
