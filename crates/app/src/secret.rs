//! Secrets (the SMTP password) are never stored in plain text: they are
//! sealed with ChaCha20-Poly1305 under a key kept in a file only the user
//! can read (`secret.key` in the data directory, or `ACCORD_SECRET_KEY_FILE`),
//! outside the database. A copy of the database alone reveals nothing.

use std::path::PathBuf;

use chacha20poly1305::{
    ChaCha20Poly1305, KeyInit, Nonce,
    aead::{Aead, AeadCore, OsRng},
};

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
fn cipher(path: &std::path::Path) -> Result<ChaCha20Poly1305, String> {
    let key = match std::fs::read(path) {
        Ok(bytes) if bytes.len() == 32 => bytes,
        _ => {
            let key = ChaCha20Poly1305::generate_key(&mut OsRng);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
            }
            std::fs::write(path, &key[..]).map_err(|e| e.to_string())?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                    .map_err(|e| e.to_string())?;
            }
            key[..].to_vec()
        }
    };
    ChaCha20Poly1305::new_from_slice(&key).map_err(|e| e.to_string())
}

/// Seals a secret for storing: `v1:<nonce>:<ciphertext>` in hex.
pub fn seal(plain: &str) -> Result<String, String> {
    seal_with(&key_file(), plain)
}

/// Opens a sealed secret.
pub fn open(sealed: &str) -> Result<String, String> {
    open_with(&key_file(), sealed)
}

fn seal_with(key: &std::path::Path, plain: &str) -> Result<String, String> {
    let cipher = cipher(key)?;
    let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
    let sealed = cipher
        .encrypt(&nonce, plain.as_bytes())
        .map_err(|e| e.to_string())?;
    Ok(format!("v1:{}:{}", hex(&nonce), hex(&sealed)))
}

fn open_with(key: &std::path::Path, sealed: &str) -> Result<String, String> {
    let mut parts = sealed.split(':');
    let (Some("v1"), Some(nonce), Some(body)) = (parts.next(), parts.next(), parts.next()) else {
        return Err("not a sealed secret".into());
    };
    let nonce: [u8; 12] = unhex(nonce)
        .and_then(|n| n.try_into().ok())
        .ok_or("bad nonce")?;
    let body = unhex(body).ok_or("bad ciphertext")?;
    let plain = cipher(key)?
        .decrypt(&Nonce::from(nonce), body.as_ref())
        .map_err(|_| "the secret cannot be opened with this computer's key".to_owned())?;
    String::from_utf8(plain).map_err(|e| e.to_string())
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
