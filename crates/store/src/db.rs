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

/// Whether `location` names a database server or a `sqlite:` URL rather
/// than a file path. Anything else is a path, opened as it is written
/// (`?`, `#` and `%41` are part of the name).
fn is_url(location: &str) -> bool {
    location.contains("://")
        || ["sqlite:", "postgres:", "postgresql:"]
            .iter()
            .any(|scheme| location.starts_with(scheme))
}

/// How a database file may be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// It must be there already (commands that read).
    Existing,
    /// Created if missing, but not its folder.
    Create,
}

/// Every SQLite file starts with these 16 bytes (an empty file is a new
/// database too).
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

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

    /// Opens the SQLite file at `path` exactly as named (no URL decoding).
    async fn open_file(path: &std::path::Path, access: Access) -> Result<Self> {
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
            Some(m) => {
                check_header(path).map_err(|detail| StoreError::NotADatabase {
                    location: location.clone(),
                    detail,
                })?;
                m.permissions().readonly()
            }
        };
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
        // without waiting for that switch) tries again shortly.
        let mut tries = 0;
        let pool = loop {
            let connected = SqlitePoolOptions::new()
                .max_connections(4)
                .min_connections(1)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options.clone())
                .await;
            match connected {
                Err(e) if tries < 20 && is_busy(&e.to_string()) => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                other => break other.map_err(|e| file_error(&location, e.to_string()))?,
            }
        };
        let db = sea_orm::SqlxSqliteConnector::from_sqlx_sqlite_pool(pool);
        migrate_checked(&db, &location, read_only).await?;
        Ok(Self {
            db: crate::unit::Db::Pool(db),
            device: None,
        })
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
        migrate_checked(&db, &shown, false).await?;
        let device =
            (db.get_database_backend() != sea_orm::DatabaseBackend::Sqlite).then(device_name);
        Ok(Self {
            db: crate::unit::Db::Pool(db),
            device,
        })
    }

    /// Opens a PostgreSQL server: unreachable within [`CONNECT_TIMEOUT`] is
    /// [`StoreError::Unreachable`]; TLS is required for a server on another
    /// machine unless the URL (or `PGSSLMODE`) says otherwise; every
    /// statement is limited to [`STATEMENT_TIMEOUT`] unless the URL sets
    /// its own. No message ever shows the password.
    async fn open_postgres(url: &str) -> Result<Self> {
        use sea_orm::sqlx::ConnectOptions as _;
        use sea_orm::sqlx::postgres::PgPoolOptions;
        let shown = redact(url);
        let options = server_options(url)?;
        let server = format!("{}:{}", options.get_host(), options.get_port());
        let unreachable = |detail: String| StoreError::Unreachable {
            server: server.clone(),
            detail: scrub(&detail, url),
        };
        // A stopped server refuses at once: said at once (the pool would
        // retry until its timeout).
        if options.get_socket().is_none() {
            let address = (options.get_host().to_owned(), options.get_port());
            match tokio::time::timeout(CONNECT_TIMEOUT, tokio::net::TcpStream::connect(address))
                .await
            {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => return Err(unreachable(e.to_string())),
                Err(_) => {
                    return Err(unreachable(format!(
                        "no answer within {} s",
                        CONNECT_TIMEOUT.as_secs()
                    )));
                }
            }
        }
        let connect = PgPoolOptions::new()
            .max_connections(8)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options.disable_statement_logging());
        let pool = match tokio::time::timeout(CONNECT_TIMEOUT, connect).await {
            Err(_) => {
                return Err(unreachable(format!(
                    "no answer within {} s",
                    CONNECT_TIMEOUT.as_secs()
                )));
            }
            Ok(Err(e @ (sea_orm::sqlx::Error::Io(_) | sea_orm::sqlx::Error::PoolTimedOut))) => {
                return Err(unreachable(e.to_string()));
            }
            Ok(Err(e)) => {
                return Err(StoreError::Open {
                    location: shown,
                    detail: scrub(&e.to_string(), url),
                });
            }
            Ok(Ok(pool)) => pool,
        };
        let db = sea_orm::SqlxPostgresConnector::from_sqlx_postgres_pool(pool);
        migrate_checked(&db, &shown, false).await?;
        Ok(Self {
            db: crate::unit::Db::Pool(db),
            device: Some(device_name()),
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

/// Refuses a file that is not a SQLite database before SQLite touches it.
fn check_header(path: &std::path::Path) -> std::result::Result<(), String> {
    use std::io::Read;
    let mut head = Vec::with_capacity(16);
    std::fs::File::open(path)
        .and_then(|f| f.take(16).read_to_end(&mut head))
        .map_err(|e| e.to_string())?;
    if head.is_empty() || head == SQLITE_HEADER {
        Ok(())
    } else {
        Err(format!("starts with {:?}", String::from_utf8_lossy(&head)))
    }
}

/// A driver's error on opening a file, in words of its own where it is
/// one the user can act on.
fn file_error(location: &str, detail: String) -> StoreError {
    if detail.contains("not a database") || detail.contains("malformed") {
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

/// Refuses a database written by a newer Accord (a migration this build
/// does not know), then applies what is pending; a read-only file that
/// needs migrating is refused as read-only.
async fn migrate_checked(
    db: &sea_orm::DatabaseConnection,
    location: &str,
    read_only: bool,
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
    accord_migration::migrate(db)
        .await
        .map_err(|e| file_error(location, e.to_string()))
}

/// How long connecting to a database server may take before it is
/// reported unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(4);

/// The longest a statement may run on a database server (unless the URL
/// sets `statement_timeout` itself): a frozen server does not hang the app.
pub const STATEMENT_TIMEOUT: &str = "60s";

/// A server URL's connect options: TLS required for a server on another
/// machine unless the URL (or `PGSSLMODE`) chooses, and a statement
/// timeout unless the URL sets one.
fn server_options(url: &str) -> Result<sea_orm::sqlx::postgres::PgConnectOptions> {
    use sea_orm::sqlx::postgres::{PgConnectOptions, PgSslMode};
    let options: PgConnectOptions =
        url.parse()
            .map_err(|e: sea_orm::sqlx::Error| StoreError::Open {
                location: redact(url),
                detail: scrub(&e.to_string(), url),
            })?;
    let says_sslmode = query_keys(url).any(|k| k == "sslmode" || k == "ssl-mode")
        || std::env::var_os("PGSSLMODE").is_some();
    let local = options.get_socket().is_some() || is_local_host(options.get_host());
    let mut options = if says_sslmode || local {
        options
    } else {
        options.ssl_mode(PgSslMode::Require)
    };
    if !options
        .get_options()
        .is_some_and(|o| o.contains("statement_timeout"))
        && !query_keys(url).any(|k| k.contains("statement_timeout"))
    {
        options = options.options([("statement_timeout", STATEMENT_TIMEOUT)]);
    }
    Ok(options)
}

/// The keys of a URL's query string.
fn query_keys(url: &str) -> impl Iterator<Item = &str> {
    url.split_once('?')
        .map(|(_, q)| q)
        .unwrap_or_default()
        .split('&')
        .map(|pair| pair.split_once('=').map_or(pair, |(k, _)| k))
}

/// A server on this machine (loopback, `localhost` or a socket): TLS is
/// preferred there, not required.
fn is_local_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.is_empty()
        || host.starts_with('/')
        || host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The passwords in a URL: in its user part and as a `password=` parameter.
fn passwords(url: &str) -> Vec<String> {
    let mut found = Vec::new();
    if let (Some(scheme), Some(at)) = (url.find("://"), url.rfind('@'))
        && at > scheme
        && let Some((_, password)) = url[scheme + 3..at].split_once(':')
        && !password.is_empty()
    {
        found.push(password.to_owned());
    }
    if let Some((_, query)) = url.split_once('?') {
        for pair in query.split('&') {
            if let Some(("password", value)) = pair.split_once('=')
                && !value.is_empty()
            {
                found.push(value.to_owned());
            }
        }
    }
    // Also as a driver would show it, decoded.
    for p in found.clone() {
        let decoded = percent_decode(&p);
        if decoded != p {
            found.push(decoded);
        }
    }
    found
}

/// `%XX` escapes decoded (invalid ones kept as written).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A driver's message with the URL's passwords hidden.
fn scrub(detail: &str, url: &str) -> String {
    let mut detail = detail.replace(url, &redact(url));
    for password in passwords(url) {
        detail = detail.replace(&password, "***");
    }
    detail
}

/// Hides a password in a database URL before it is shown or logged (in
/// its user part and a `password=` parameter), also in a URL that does not
/// parse.
fn redact(url: &str) -> String {
    let mut shown = redact_userinfo(url);
    for password in passwords(url) {
        shown = shown.replace(&format!("password={password}"), "password=***");
    }
    shown
}

fn redact_userinfo(url: &str) -> String {
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

/// Whether SQLite said the file is locked by another connection.
fn is_busy(detail: &str) -> bool {
    detail.contains("database is locked") || detail.contains("database is busy")
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
        assert_eq!(
            super::redact("postgres://db/accord?user=a&password=s3cret&sslmode=require"),
            "postgres://db/accord?user=a&password=***&sslmode=require"
        );
        let url = "postgres://accord:s3%2Fcret@db:port/accord";
        assert_eq!(
            super::scrub(&format!("bad {url}: s3/cret s3%2Fcret"), url),
            "bad postgres://accord:***@db:port/accord: *** ***"
        );
    }

    #[test]
    fn tls_is_required_for_a_server_on_another_machine() {
        for local in ["localhost", "127.0.0.1", "::1", "[::1]", "/run/postgresql"] {
            assert!(super::is_local_host(local), "{local}");
        }
        for remote in ["db.example.org", "10.0.0.5", "192.168.1.2"] {
            assert!(!super::is_local_host(remote), "{remote}");
        }
        use sea_orm::sqlx::postgres::PgSslMode;
        let mode = |url: &str| super::server_options(url).expect(url).get_ssl_mode();
        assert!(matches!(
            mode("postgres://a:p@db.example.org/accord"),
            PgSslMode::Require
        ));
        assert!(matches!(
            mode("postgres://a:p@192.168.1.10:5432/accord"),
            PgSslMode::Require
        ));
        assert!(matches!(
            mode("postgres://a:p@db.example.org/accord?sslmode=verify-full"),
            PgSslMode::VerifyFull
        ));
        assert!(matches!(
            mode("postgres://a:p@db.example.org/accord?sslmode=disable"),
            PgSslMode::Disable
        ));
        for local in [
            "postgres://a:p@127.0.0.1/accord",
            "postgres://a:p@localhost/accord",
            "postgres://a:p@[::1]/accord",
        ] {
            assert!(matches!(mode(local), PgSslMode::Prefer), "{local}");
        }
    }

    #[test]
    fn statements_are_limited_unless_the_url_says_otherwise() {
        let options = |url: &str| {
            super::server_options(url)
                .expect(url)
                .get_options()
                .map(str::to_owned)
        };
        assert_eq!(
            options("postgres://a:p@db/accord").as_deref(),
            Some("-c statement_timeout=60s")
        );
        assert_eq!(
            options("postgres://a:p@db/accord?options=-c%20statement_timeout%3D5min").as_deref(),
            Some("-c statement_timeout=5min")
        );
    }
}
