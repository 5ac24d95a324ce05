//! Opening the database: the default SQLite file in the user's data
//! directory, or a URL given on the command line or in the environment.

use std::{path::PathBuf, time::Duration};

use accord_migration::{Migrator, MigratorTrait};
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
        Migrator::up(&db, None)
            .await
            .map_err(|e| open_error(e.to_string()))?;
        Ok(Self { db })
    }

    /// Opens the default database file in the user's data directory.
    pub async fn open_default() -> Result<Self> {
        let path = default_database_path().ok_or_else(|| StoreError::Open {
            location: DEFAULT_DB_FILE.to_owned(),
            detail: "no home directory".to_owned(),
        })?;
        Self::open(&path.display().to_string()).await
    }

    /// The underlying connection, for benchmarks and tests.
    pub fn connection(&self) -> &sea_orm::DatabaseConnection {
        &self.db
    }
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
