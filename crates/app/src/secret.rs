//! Secrets (the SMTP password) are never stored in plain text: they are
//! sealed with ChaCha20-Poly1305 under a key kept in a file only the user
//! can read (`secret.key` in the data directory, or `ACCORD_SECRET_KEY_FILE`),
//! outside the database. A copy of the database alone reveals nothing.

use std::path::PathBuf;

use chacha20poly1305::{
    ChaCha20Poly1305, KeyInit, Nonce,
    aead::{Aead, AeadCore, OsRng},
};

/// Why a secret could not be sealed or opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// The key file could not be read or written.
    #[error("key file {path}: {detail}")]
    KeyFile { path: String, detail: String },
    /// The stored value is not a sealed secret.
    #[error("not a sealed secret")]
    Malformed,
    /// Sealed under another computer's key (or damaged).
    #[error("the secret cannot be opened with this computer's key")]
    WrongKey,
}

impl SecretError {
    /// What to tell the user.
    pub fn phrase(&self) -> crate::error::Phrase {
        use crate::error::Phrase;
        match self {
            Self::KeyFile { path, detail } => Phrase::error("error-secret-key-file")
                .arg("path", path.clone())
                .detail(detail.clone()),
            Self::Malformed | Self::WrongKey => Phrase::error("error-secret-unreadable"),
        }
    }
}

fn key_file() -> PathBuf {
    if let Ok(path) = std::env::var("ACCORD_SECRET_KEY_FILE")
        && !path.is_empty()
    {
        return PathBuf::from(path);
    }
    directories::ProjectDirs::from("org", "Accord", "accord")
        .map(|d| d.data_dir().join("secret.key"))
        .unwrap_or_else(|| std::env::temp_dir().join("accord-secret.key"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    (0..s.len())
        .step_by(2)
        .map(|i| s.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect()
}

/// The key, created (readable by the user only) on first use.
fn cipher(path: &std::path::Path) -> Result<ChaCha20Poly1305, SecretError> {
    let failed = |e: std::io::Error| SecretError::KeyFile {
        path: path.display().to_string(),
        detail: e.to_string(),
    };
    let key = match std::fs::read(path) {
        Ok(bytes) if bytes.len() == 32 => bytes,
        _ => {
            let key = ChaCha20Poly1305::generate_key(&mut OsRng);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(failed)?;
            }
            std::fs::write(path, &key[..]).map_err(failed)?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                    .map_err(failed)?;
            }
            key[..].to_vec()
        }
    };
    // 32 bytes always make a key.
    ChaCha20Poly1305::new_from_slice(&key).map_err(|_| SecretError::Malformed)
}

/// Seals a secret for storing: `v1:<nonce>:<ciphertext>` in hex.
pub fn seal(plain: &str) -> Result<String, SecretError> {
    seal_with(&key_file(), plain)
}

/// Opens a sealed secret.
pub fn open(sealed: &str) -> Result<String, SecretError> {
    open_with(&key_file(), sealed)
}

fn seal_with(key: &std::path::Path, plain: &str) -> Result<String, SecretError> {
    let cipher = cipher(key)?;
    let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
    // Encryption fails only for inputs beyond the cipher's limit (GiBs).
    let sealed = cipher
        .encrypt(&nonce, plain.as_bytes())
        .map_err(|_| SecretError::Malformed)?;
    Ok(format!("v1:{}:{}", hex(&nonce), hex(&sealed)))
}

fn open_with(key: &std::path::Path, sealed: &str) -> Result<String, SecretError> {
    let mut parts = sealed.split(':');
    let (Some("v1"), Some(nonce), Some(body)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(SecretError::Malformed);
    };
    let nonce: [u8; 12] = unhex(nonce)
        .and_then(|n| n.try_into().ok())
        .ok_or(SecretError::Malformed)?;
    let body = unhex(body).ok_or(SecretError::Malformed)?;
    let plain = cipher(key)?
        .decrypt(&Nonce::from(nonce), body.as_ref())
        .map_err(|_| SecretError::WrongKey)?;
    String::from_utf8(plain).map_err(|_| SecretError::Malformed)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_sealed_password_is_not_readable_and_opens_again() {
        let dir = tempfile::tempdir().expect("dir");
        let key = dir.path().join("secret.key");
        let sealed = super::seal_with(&key, "口令 s3cret").expect("seal");
        assert!(!sealed.contains("s3cret"));
        assert_ne!(
            sealed,
            super::seal_with(&key, "口令 s3cret").expect("seal"),
            "a fresh nonce each time"
        );
        assert_eq!(
            super::open_with(&key, &sealed).expect("open"),
            "口令 s3cret"
        );
        // Another computer's key cannot open it.
        let other = dir.path().join("other.key");
        assert!(super::open_with(&other, &sealed).is_err());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&key).expect("key").permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "only the user reads the key");
        }
    }
}
