//! Opening the database: the default SQLite file in the user's data
//! directory, or a URL given on the command line or in the environment.
//! A file is opened in `sqlite`, a server in `postgres`; here are what both
//! share (the URL test, migrating with the newer-schema check, the device).

mod postgres;
mod sqlite;

pub(crate) use Access as FileAccess;
pub(crate) use sqlite::{Header, check_header};

use postgres::redact;
use sqlite::file_error;

use std::{path::PathBuf, time::Duration};

use sea_orm::{ConnectOptions, Database};

use crate::{Result, Store, StoreError};

/// The file name of the default database.
pub const DEFAULT_DB_FILE: &str = "accord.sqlite3";

/// `<data dir>/accord.sqlite3`, e.g. `~/.local/share/accord/accord.sqlite3`.
pub fn default_database_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "Accord", "accord")
        .map(|d| d.data_dir().join(DEFAULT_DB_FILE))
}

/// A sqlx URL for a SQLite file, created if missing.
pub fn sqlite_url(path: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

/// Whether `location` names a database server or a `sqlite:` URL rather
/// than a file path. Anything else is a path, opened as it is written
/// (`?`, `#` and `%41` are part of the name).
pub fn is_url(location: &str) -> bool {
    location.contains("://")
        || ["sqlite:", "postgres:", "postgresql:"]
            .iter()
            .any(|scheme| location.starts_with(scheme))
}

/// How a database file may be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Access {
    /// It must be there already (commands that read).
    Existing,
    /// Created if missing, but not its folder.
    Create,
}

impl Store {
    /// Opens (creating if needed, with its folder) and migrates the
    /// database at `url` (a URL or a plain file path).
    pub async fn open(url: &str) -> Result<Self> {
        if !is_url(url) {
            let path = std::path::Path::new(url);
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| StoreError::Open {
                    location: url.to_owned(),
                    detail: e.to_string(),
                })?;
            }
            return Self::open_file(path, Access::Create).await;
        }
        Self::open_url(url).await
    }

    /// Opens a database that must exist already: a missing file is
    /// [`StoreError::Missing`] and nothing is created. A read-only file
    /// opens for reading ([`Store::is_read_only_file`]).
    pub async fn open_existing(location: &str) -> Result<Self> {
        if is_url(location) {
            return Self::open_url(location).await;
        }
        Self::open_file(std::path::Path::new(location), Access::Existing).await
    }

    /// Opens a database, creating the file if it is missing but not the
    /// folder it goes in (that is made only for the default database).
    pub async fn open_creating(location: &str) -> Result<Self> {
        if is_url(location) {
            return Self::open_url(location).await;
        }
        Self::open_file(std::path::Path::new(location), Access::Create).await
    }

    /// SQLite's `PRAGMA quick_check` (the app runs it at start): `Some`
    /// with what it found when the file is damaged, `None` when it is
    /// sound or on PostgreSQL.
    pub async fn quick_check(&self) -> Result<Option<String>> {
        use sea_orm::{ConnectionTrait, Statement};
        let db = self.db.pool();
        let backend = db.get_database_backend();
        if backend != sea_orm::DatabaseBackend::Sqlite {
            return Ok(None);
        }
        let rows = match db
            .query_all_raw(Statement::from_string(backend, "PRAGMA quick_check(5)"))
            .await
        {
            Ok(rows) => rows,
            // A damaged file can fail the check itself.
            Err(e) => return Ok(Some(e.to_string())),
        };
        let found: Vec<String> = rows
            .iter()
            .filter_map(|r| r.try_get_by_index::<String>(0).ok())
            .filter(|line| line != "ok")
            .collect();
        Ok((!found.is_empty()).then(|| found.join("; ")))
    }

    /// Whether `location` is a file that may be read but not written
    /// (no write permission bits): it opens for reading only.
    pub fn is_read_only_file(location: &str) -> bool {
        !is_url(location) && std::fs::metadata(location).is_ok_and(|m| m.permissions().readonly())
    }

    /// Opens a database given by URL (`sqlite:` or a server).
    async fn open_url(url: &str) -> Result<Self> {
        if url.starts_with("postgres") {
            return Self::open_postgres(url).await;
        }
        // Errors name what the user gave (the URL without its password).
        let shown = redact(url);
        let url = url.to_owned();
        let open_error = |detail: String| StoreError::Open {
            location: shown.clone(),
            detail,
        };

        let mut options = ConnectOptions::new(url.clone());
        options
            .max_connections(if url.starts_with("sqlite:") { 4 } else { 8 })
            .min_connections(1)
            .test_before_acquire(false)
            .connect_timeout(Duration::from_secs(10))
            .sqlx_logging(false);
        options.map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
                .create_if_missing(true)
        });
        let db = Database::connect(options)
            .await
            .map_err(|e| open_error(e.to_string()))?;
        crate::exit::track(&db);
        migrate_checked(&db, &shown, false, None).await?;
        let device =
            (db.get_database_backend() != sea_orm::DatabaseBackend::Sqlite).then(device_name);
        Ok(Self {
            db: crate::unit::Db::Pool(db),
            device,
            keys: None,
            reader: None,
        })
    }

    /// The same database as another computer: its own local settings
    /// (tests run two "rooms" in one process this way).
    pub fn as_device(mut self, name: &str) -> Self {
        if self.device.is_some() {
            self.device = Some(name.to_owned());
        }
        self
    }

    /// Opens the default database file in the user's data directory,
    /// creating it and the directory on first use.
    pub async fn open_default() -> Result<Self> {
        let path = default_database_path().ok_or_else(|| StoreError::Open {
            location: DEFAULT_DB_FILE.to_owned(),
            detail: "no home directory".to_owned(),
        })?;
        Self::open(&path.display().to_string()).await
    }

    /// Opens the default database file, which must exist already.
    pub async fn open_default_existing() -> Result<Self> {
        let path = default_database_path().ok_or_else(|| StoreError::Open {
            location: DEFAULT_DB_FILE.to_owned(),
            detail: "no home directory".to_owned(),
        })?;
        Self::open_existing(&path.display().to_string()).await
    }

    /// The underlying connection pool, for benchmarks and tests (outside
    /// any [`crate::AllOrNothing`]).
    pub fn connection(&self) -> &sea_orm::DatabaseConnection {
        self.db.pool()
    }
}

/// This computer's name for its local settings on a shared database:
/// `ACCORD_DEVICE`, else an id made once and kept in `device-id` in the
/// data directory (a host name may repeat across a centre's laptops).
pub(super) fn device_name() -> String {
    if let Ok(name) = std::env::var("ACCORD_DEVICE")
        && !name.trim().is_empty()
    {
        return name.trim().to_owned();
    }
    let Some(dir) = directories::ProjectDirs::from("org", "Accord", "accord") else {
        return "local".to_owned();
    };
    let file = dir.data_dir().join("device-id");
    if let Ok(id) = std::fs::read_to_string(&file)
        && !id.trim().is_empty()
    {
        return id.trim().to_owned();
    }
    use sha2::{Digest, Sha256};
    let seed = format!(
        "{:?}{}{:?}",
        std::time::SystemTime::now(),
        std::process::id(),
        std::env::var_os("HOSTNAME")
    );
    let id: String = Sha256::digest(seed.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let _ = std::fs::create_dir_all(dir.data_dir()).and_then(|()| std::fs::write(&file, &id));
    id
}

/// Refuses a database written by a newer Accord (a migration this build
/// does not know), then applies what is pending; a read-only file that
/// needs migrating is refused as read-only.
pub(super) async fn migrate_checked(
    db: &sea_orm::DatabaseConnection,
    location: &str,
    read_only: bool,
    keys: Option<&crate::Keyring>,
) -> Result<()> {
    use accord_migration::MigratorTrait;
    use sea_orm::{ConnectionTrait, Statement};
    let known: Vec<String> = accord_migration::Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let backend = db.get_database_backend();
    // No table yet (a new database) reads as nothing applied.
    let applied: Vec<String> = match db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT version FROM seaql_migrations",
        ))
        .await
    {
        Ok(rows) => rows
            .iter()
            .filter_map(|r| r.try_get::<String>("", "version").ok())
            .collect(),
        Err(e) if e.to_string().contains("seaql_migrations") => Vec::new(),
        Err(e) => return Err(file_error(location, e.to_string())),
    };
    if applied.iter().any(|v| !known.contains(v)) {
        return Err(StoreError::NewerSchema {
            location: location.to_owned(),
            schema: applied.len() as u64,
            known: known.len() as u64,
        });
    }
    if read_only {
        if applied.len() < known.len() {
            return Err(StoreError::ReadOnly {
                location: location.to_owned(),
                detail: "the schema needs updating".to_owned(),
            });
        }
        return Ok(());
    }
    if !applied.is_empty() && applied.len() < known.len() {
        crate::backup::before_migration(db, keys).await?;
    }
    accord_migration::migrate(db)
        .await
        .map_err(|e| file_error(location, e.to_string()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_name_without_a_scheme_is_a_path() {
        for path in [
            "e%41f.db",
            "a?b#c.db",
            "postgres.db",
            "postgres-backup.sqlite3",
            "/tmp/x",
        ] {
            assert!(!super::is_url(path), "{path}");
        }
        for url in [
            "sqlite:x.db",
            "sqlite://x.db?mode=rwc",
            "postgres://h/db",
            "postgresql:///db",
        ] {
            assert!(super::is_url(url), "{url}");
        }
    }
}
