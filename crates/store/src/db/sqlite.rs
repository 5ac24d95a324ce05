//! Opening a SQLite file: by its path as named, created only when asked,
//! read-only files read, a file that is not SQLite refused before SQLite
//! touches it, and a retry when another program is just turning on WAL.

use std::time::Duration;

use super::{Access, migrate_checked};
use crate::{Result, Store, StoreError};

/// Every SQLite file starts with these 16 bytes (an empty file is a new
/// database too).
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Opens the SQLite file at `path` exactly as named (no URL decoding).
    pub(super) async fn open_file(path: &std::path::Path, access: Access) -> Result<Self> {
        Self::open_file_with(path, access, None).await
    }

    /// Opens the SQLite file at `path`, encrypted with `key` when one is
    /// given (a new file is created encrypted). Without a key, a file with
    /// key slots beside it is [`StoreError::Encrypted`].
    pub(crate) async fn open_file_with(
        path: &std::path::Path,
        access: Access,
        key: Option<crate::DbKey>,
    ) -> Result<Self> {
        use sea_orm::sqlx::ConnectOptions as _;
        use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
        let location = path.display().to_string();
        let open_error = |detail: String| StoreError::Open {
            location: location.clone(),
            detail,
        };
        let metadata = match std::fs::metadata(path) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(open_error(e.to_string())),
        };
        let read_only = match &metadata {
            None if access == Access::Existing => {
                return Err(StoreError::Missing { location });
            }
            None => false,
            Some(m) if m.is_dir() => {
                return Err(StoreError::NotADatabase {
                    location,
                    detail: "a folder".to_owned(),
                });
            }
            Some(m) if m.len() == 0 && access == Access::Existing => {
                return Err(StoreError::EmptyFile { location });
            }
            Some(m) => {
                match (check_header(path), &key) {
                    (Header::Plain, Some(_)) if m.len() > 0 => {
                        return Err(open_error("not encrypted".to_owned()));
                    }
                    (Header::Plain, _) | (Header::Other(_), Some(_)) => {}
                    (Header::Other(_), None) if crate::keys_path(path).exists() => {
                        return Err(StoreError::Encrypted { location });
                    }
                    (Header::Other(detail), None) => {
                        return Err(StoreError::NotADatabase { location, detail });
                    }
                }
                m.permissions().readonly()
            }
        };
        // A new file is made here, readable by its owner only (0600):
        // SQLite gives its -wal and -shm files the mode of the database
        // file, so they are private too. (An existing file keeps its mode.)
        if metadata.is_none() && access == Access::Create {
            create_private(path).map_err(|e| open_error(e.to_string()))?;
        }
        // SQLite reads `file:` names as URIs; a relative path that starts
        // so is made explicit.
        let name = if path.is_relative() && path.to_string_lossy().starts_with("file:") {
            std::path::Path::new(".").join(path)
        } else {
            path.to_path_buf()
        };
        let mut options = SqliteConnectOptions::new()
            .filename(&name)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            .disable_statement_logging();
        if let Some(key) = &key {
            // SQLCipher: the key before anything else reads the file (sqlx
            // runs `key` first); the cipher's own log stays quiet.
            options = crate::keys::keyed(options, Some(key))
                // Decrypted pages are kept: a page read again is not
                // decrypted again (up to 64 MiB per connection; the plain
                // file leans on the system's file cache instead).
                .pragma("cache_size", "-65536");
        }
        options = if read_only {
            options.read_only(true)
        } else {
            options
                .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .create_if_missing(access == Access::Create)
        };
        // Two programs opening a new file at the same moment: the one that
        // finds it locked while the other turns on WAL ("busy" is answered
        // without waiting for that switch) tries again shortly. A file
        // another program holds locked makes an attempt wait the whole busy
        // timeout: that one is not tried again, and is reported as locked.
        let mut tries = 0;
        let pool = loop {
            let attempt = std::time::Instant::now();
            let connected = SqlitePoolOptions::new()
                .max_connections(4)
                .min_connections(1)
                // A connection to a local file cannot go stale: no `SELECT
                // 1` before every statement (it doubled a short query).
                .test_before_acquire(false)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options.clone())
                .await;
            match connected {
                Err(e)
                    if tries < 20
                        && attempt.elapsed() < Duration::from_secs(1)
                        && crate::error::is_locked(&e.to_string()) =>
                {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                other => break other.map_err(|e| file_error(&location, e.to_string()))?,
            }
        };
        let db = sea_orm::SqlxSqliteConnector::from_sqlx_sqlite_pool(pool);
        crate::exit::track(&db);
        let keys = key.map(|key| {
            std::sync::Arc::new(crate::Keyring {
                file: path.to_path_buf(),
                key,
            })
        });
        let mut store = Self {
            db: crate::unit::Db::Pool(db),
            device: None,
            keys,
            reader: None,
        };
        migrate_checked(store.db.pool(), &location, read_only, store.keys.as_deref()).await?;
        // Opened once the schema is current (a read-only file is read
        // through the pool, which knows it cannot write).
        if !read_only {
            store.reader = crate::reads::Reader::open(&name, store.keys.as_ref().map(|k| &k.key))
                .map(std::sync::Arc::new);
            if let Some(reader) = &store.reader {
                crate::exit::track_reader(reader);
            }
        }
        Ok(store)
    }
}

/// Creates an empty file only its owner may read and write. Another
/// program making it at the same moment is fine: whoever comes first makes
/// it, the other opens it.
fn create_private(path: &std::path::Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop)
}

/// What a file starts with.
pub(crate) enum Header {
    /// A plain SQLite file (or an empty one: a new database).
    Plain,
    /// Anything else: an encrypted file (random bytes), or not a database
    /// at all (what it starts with, or why it could not be read).
    Other(String),
}

/// Tells a plain SQLite file from anything else before SQLite touches it.
pub(crate) fn check_header(path: &std::path::Path) -> Header {
    use std::io::Read;
    let mut head = Vec::with_capacity(16);
    if let Err(e) = std::fs::File::open(path).and_then(|f| f.take(16).read_to_end(&mut head)) {
        return Header::Other(e.to_string());
    }
    if head.is_empty() || head == SQLITE_HEADER {
        Header::Plain
    } else {
        Header::Other(format!("starts with {:?}", String::from_utf8_lossy(&head)))
    }
}

/// A driver's error on opening a file, in words of its own where it is
/// one the user can act on.
pub(super) fn file_error(location: &str, detail: String) -> StoreError {
    if crate::error::is_locked(&detail) {
        StoreError::Locked {
            location: location.to_owned(),
        }
    } else if detail.contains("not a database") || detail.contains("malformed") {
        StoreError::NotADatabase {
            location: location.to_owned(),
            detail,
        }
    } else if detail.contains("readonly database") {
        StoreError::ReadOnly {
            location: location.to_owned(),
            detail,
        }
    } else {
        StoreError::Open {
            location: location.to_owned(),
            detail,
        }
    }
}
