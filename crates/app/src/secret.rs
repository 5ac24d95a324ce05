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
    /// The key file is there but is not a key (not exactly 32 bytes, e.g.
    /// edited and saved with a newline); it is left as it is.
    #[error("key file {path} is not a key ({len} bytes)")]
    KeyFileMalformed { path: String, len: usize },
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
            Self::KeyFileMalformed { path, len } => {
                Phrase::error("error-secret-key-file-malformed")
                    .arg("path", path.clone())
                    .arg("length", len.to_string())
            }
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

/// The key. A missing key file is made once, readable by the user only;
/// an existing one is never replaced: one that cannot be read or is not
/// exactly 32 bytes is an error naming the file (the passwords sealed
/// under it would be lost otherwise).
fn cipher(path: &std::path::Path) -> Result<ChaCha20Poly1305, SecretError> {
    let key = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_key(path)?,
        Err(e) => return Err(key_file_error(path, &e)),
    };
    if key.len() != KEY_LEN {
        return Err(SecretError::KeyFileMalformed {
            path: path.display().to_string(),
            len: key.len(),
        });
    }
    ChaCha20Poly1305::new_from_slice(&key).map_err(|_| SecretError::Malformed)
}

/// The length of a key file: the key's raw bytes, nothing else.
const KEY_LEN: usize = 32;

fn key_file_error(path: &std::path::Path, e: &std::io::Error) -> SecretError {
    SecretError::KeyFile {
        path: path.display().to_string(),
        detail: e.to_string(),
    }
}

/// Makes the key file: the key is written whole to a new private file
/// beside it (`create_new`, mode 0600), which is then linked to the key
/// file's name, a step that fails if the name exists. So two programs
/// starting at once never overwrite each other or see half a key: the
/// second reads the first one's key.
fn create_key(path: &std::path::Path) -> Result<Vec<u8>, SecretError> {
    use std::io::Write;
    let failed = |e: std::io::Error| key_file_error(path, &e);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(failed)?;
    }
    let key = ChaCha20Poly1305::generate_key(&mut OsRng);
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(
        ".new-{}-{}",
        std::process::id(),
        hex(&rand_suffix())
    ));
    let temp = path.with_file_name(name);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = options.open(&temp).and_then(|mut file| {
        file.write_all(&key[..])?;
        file.sync_all()
    });
    let linked = written.and_then(|()| std::fs::hard_link(&temp, path));
    let _ = std::fs::remove_file(&temp);
    match linked {
        Ok(()) => Ok(key[..].to_vec()),
        // Another program made it first: use its key.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::read(path).map_err(failed)
        }
        Err(e) => Err(failed(e)),
    }
}

/// A few random bytes for a temporary file's name.
fn rand_suffix() -> [u8; 6] {
    let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
    let mut out = [0; 6];
    out.copy_from_slice(&nonce[..6]);
    out
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

pub(crate) fn open_with(key: &std::path::Path, sealed: &str) -> Result<String, SecretError> {
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

    #[test]
    fn a_missing_key_file_is_made_once_and_then_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let key = dir.path().join("data").join("secret.key");
        let sealed = super::seal_with(&key, "pw").expect("seal");
        let bytes = std::fs::read(&key).expect("key");
        assert_eq!(bytes.len(), 32);
        for _ in 0..3 {
            assert_eq!(super::open_with(&key, &sealed).expect("open"), "pw");
            super::seal_with(&key, "again").expect("seal");
        }
        assert_eq!(std::fs::read(&key).expect("key"), bytes, "never replaced");
        let names: Vec<_> = std::fs::read_dir(key.parent().expect("dir"))
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("secret.key")]);
    }

    #[test]
    fn programs_making_the_key_at_once_share_one() {
        for round in 0..20 {
            let dir = tempfile::tempdir().expect("dir");
            let key = dir.path().join(format!("race-{round}.key"));
            let shared = &key;
            let sealed: Vec<String> = std::thread::scope(|s| {
                let handles: Vec<_> = (0..8)
                    .map(|_| s.spawn(move || super::seal_with(shared, "pw")))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("thread").expect("seal"))
                    .collect()
            });
            for sealed in &sealed {
                assert_eq!(super::open_with(&key, sealed).expect("one key"), "pw");
            }
            assert_eq!(std::fs::read(&key).expect("key").len(), 32);
            assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
        }
    }

    #[test]
    fn a_malformed_key_file_is_an_error_naming_it_and_is_left_alone() {
        let dir = tempfile::tempdir().expect("dir");
        let key = dir.path().join("secret.key");
        // A good key saved by an editor with a newline after it.
        let mut bytes = vec![7u8; 32];
        bytes.push(b'\n');
        for content in [bytes, Vec::new(), vec![1u8; 31]] {
            std::fs::write(&key, &content).expect("write");
            let e = super::seal_with(&key, "pw").expect_err("refused");
            assert_eq!(
                e,
                super::SecretError::KeyFileMalformed {
                    path: key.display().to_string(),
                    len: content.len(),
                }
            );
            assert!(super::open_with(&key, "v1:00:00").is_err());
            assert_eq!(std::fs::read(&key).expect("key"), content, "not replaced");
            let t = accord_i18n::Translations::get(accord_i18n::Locale::EnUs);
            let words = e.phrase().words(t);
            assert!(words.contains(&key.display().to_string()), "{words}");
            assert!(words.contains("left as it is"), "{words}");
        }
    }

    #[test]
    fn an_unreadable_key_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("dir");
        // A folder where the key file should be cannot be read as one.
        let key = dir.path().join("secret.key");
        std::fs::create_dir(&key).expect("dir");
        match super::seal_with(&key, "pw") {
            Err(super::SecretError::KeyFile { path, detail }) => {
                assert_eq!(path, key.display().to_string());
                assert!(!detail.is_empty());
            }
            other => panic!("expected a key file error, got {other:?}"),
        }
        assert!(key.is_dir(), "left as it is");
    }
}
