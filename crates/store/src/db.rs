//! Opening the database: the default SQLite file in the user's data
//! directory, or a URL given on the command line or in the environment.

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

impl Store {
    /// Opens (creating if needed) and migrates the database at `url`
    /// (`sqlite://...` or a plain file path).
    pub async fn open(url: &str) -> Result<Self> {
        // Errors name what the user gave (a path or a URL without its
        // password), not the URL we built from it.
        let shown = redact(url);
        let url = if url.contains("://") || url.starts_with("sqlite:") {
            url.to_owned()
        } else {
            let path = PathBuf::from(url);
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| StoreError::Open {
                    location: url.to_owned(),
                    detail: e.to_string(),
                })?;
            }
            sqlite_url(&path)
        };
        let open_error = |detail: String| StoreError::Open {
            location: shown.clone(),
            detail,
        };

        let mut options = ConnectOptions::new(url.clone());
        options
            .max_connections(if url.starts_with("sqlite:") { 4 } else { 8 })
            .min_connections(1)
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
        accord_migration::migrate(&db)
            .await
            .map_err(|e| open_error(e.to_string()))?;
        let device =
            (db.get_database_backend() != sea_orm::DatabaseBackend::Sqlite).then(device_name);
        Ok(Self {
            db: crate::unit::Db::Pool(db),
            device,
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

    /// Opens the default database file in the user's data directory.
    pub async fn open_default() -> Result<Self> {
        let path = default_database_path().ok_or_else(|| StoreError::Open {
            location: DEFAULT_DB_FILE.to_owned(),
            detail: "no home directory".to_owned(),
        })?;
        Self::open(&path.display().to_string()).await
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
fn device_name() -> String {
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

/// Hides a password in a database URL before it is shown or logged.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_never_show_in_errors() {
        assert_eq!(
            super::redact("postgres://accord:s3cret@db/accord"),
            "postgres://accord:***@db/accord"
        );
        assert_eq!(
            super::redact("sqlite:///tmp/a.db?mode=rwc"),
            "sqlite:///tmp/a.db?mode=rwc"
        );
    }
}
