//! Backups: a consistent copy of the whole database in one SQLite file, and
//! putting one back.
//!
//! Checking, restoring, retention and encryption have files of their own
//! (`check`, `restore`, `retention`, `encrypt`). What stays here is one
//! piece: writing a backup, the automatic schedule and the backup before a
//! migration share the file names, the private temporary file that is
//! flushed and renamed into place, and the opening of a snapshot; apart,
//! each would need those from the others.
//!
//! # Writing
//!
//! [`Store::backup_to`] writes a new file: on SQLite with `VACUUM INTO` (a
//! snapshot taken in one read transaction, so work goes on meanwhile), on
//! PostgreSQL by copying every table into a fresh SQLite file
//! ([`Store::copy_into`], which compares counts and hashes afterwards), so
//! a centre can take its data home in one file. Either way the file is
//! written under a temporary name in the same folder (`….partial`),
//! flushed to the disk, and only then renamed: a backup killed half-way
//! never leaves a half file under a backup's name. Files are made with
//! mode 0600 (owner only) and the folder 0700 on unix. Beside each backup
//! goes `<name>.sha256` (the format of `sha256sum`), which
//! [`Store::check_backup`] compares first: a byte changed anywhere is
//! found, not only damage to SQLite's own structures.
//!
//! # Automatic backups
//!
//! [`Store::backup_if_due`] writes `accord-<UTC time>.sqlite3` in the
//! backups folder unless one of the same UTC day is there, then keeps 7
//! daily, 4 weekly and 12 monthly ones ([`Retention`]). Before a migration
//! changes an existing SQLite file, [`before_migration`] writes
//! `accord-<UTC time>-before-migration.sqlite3`, which retention leaves
//! alone. The folder is the setting [`BACKUP_DIR_SETTING`] (e.g. a USB
//! disk), else `backups` beside the database file (for the default
//! database: `<data dir>/backups`).
//!
//! # Restoring
//!
//! [`restore`] checks the backup, refuses when another program has the
//! target open, moves the target (with its `-wal`, `-shm` and `-journal`)
//! aside to `<name>.replaced-<UTC time>`, which is never deleted, and puts
//! a copy of the backup in its place (again under a temporary name first).
//!
//! # Files
//!
//! Checking is in `check`, restoring in `restore`, the retention rule in
//! `retention`, encrypting an older Accord's plain backups in `encrypt`.
//! This module keeps the writing path and the file helpers
//! all three share (the `.partial` file, `VACUUM INTO`, checksums, moving
//! files aside, naming): one piece, so that a backup is written, named and
//! flushed one way only.

mod check;
mod encrypt;
mod restore;
mod retention;

pub use restore::{restore, restore_with};
pub use retention::Retention;

use std::{
    io::{Read, Write},
    path::{Path, PathBuf},
    time::Duration,
};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use sha2::{Digest, Sha256};

use crate::{ChainReport, Result, Store, StoreError};

/// The setting naming the backups folder (per computer on a shared
/// database). Unset: `backups` beside the database file.
pub const BACKUP_DIR_SETTING: &str = "backup_dir";

/// The folder beside the database that holds its backups by default.
pub const BACKUP_FOLDER: &str = "backups";

/// Backup names: `accord-20261130T204500Z.sqlite3`.
const PREFIX: &str = "accord-";
const EXTENSION: &str = ".sqlite3";
const STAMP: &str = "%Y%m%dT%H%M%SZ";
/// The tag of a backup made before a migration.
const BEFORE_MIGRATION: &str = "-before-migration";
/// A file being written; renamed when complete.
const PARTIAL: &str = ".partial";
/// The checksum beside a backup.
const CHECKSUM: &str = ".sha256";
/// What a replaced database is renamed to: `<name>.replaced-<time>`.
const REPLACED: &str = ".replaced-";
/// The files SQLite keeps beside a database.
/// The files that belong to a database file: SQLite's, and the key
/// slots of an encrypted one.
const COMPANIONS: [&str; 4] = ["-wal", "-shm", "-journal", crate::KEYS_SUFFIX];
/// A `.partial` file older than this is left over from a backup that was
/// killed, and is removed; a younger one may still be being written.
const STALE_PARTIAL: Duration = Duration::from_secs(3600);

/// A backup written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// SHA-256 of the file (hex), also in `<path>.sha256`.
    pub sha256: String,
}

/// What [`Store::check_backup`] found in a sound backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    /// The time of the newest audit event: about when the data was last
    /// changed before the backup. `None` with no events.
    pub newest_event: Option<DateTime<Utc>>,
    pub cases: u64,
    pub events: u64,
    /// How many schema migrations it has (this build knows at least as
    /// many; an older backup is brought up to date when it is opened).
    pub schema: u64,
    /// Whether the audit chain was verified (a backup from before the
    /// chain existed has none to verify).
    pub chain_verified: bool,
    /// Whether a `.sha256` file beside it was compared.
    pub checksum_verified: bool,
}

/// What [`restore`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where the database that was replaced went (its `-wal` and `-shm`
    /// beside it, with the same suffixes); `None` when there was none.
    pub replaced: Option<PathBuf>,
    /// The backup put in its place.
    pub summary: BackupSummary,
}

/// What [`Store::backup_if_due`] did when a backup was due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutoBackup {
    pub file: BackupFile,
    /// Older backups that retention removed.
    pub removed: Vec<PathBuf>,
}

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupKind {
    /// Daily, or by `accord backup`: kept by [`Retention`].
    Regular,
    /// Before a migration changed the file: kept until removed by hand.
    BeforeMigration,
}

/// A backup in a backups folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupEntry {
    pub path: PathBuf,
    /// The UTC time in its name.
    pub at: DateTime<Utc>,
    pub kind: BackupKind,
}

/// `accord-<time>.sqlite3` (second precision, UTC).
pub fn backup_file_name(at: DateTime<Utc>, kind: BackupKind) -> String {
    let tag = match kind {
        BackupKind::Regular => "",
        BackupKind::BeforeMigration => BEFORE_MIGRATION,
    };
    format!("{PREFIX}{}{tag}{EXTENSION}", at.format(STAMP))
}

/// The time and kind of a backup's file name; `None` for any other name
/// (a `.partial` file being written, a checksum, the user's own files).
pub fn parse_backup_name(name: &str) -> Option<(DateTime<Utc>, BackupKind)> {
    let middle = name.strip_prefix(PREFIX)?.strip_suffix(EXTENSION)?;
    let (stamp, kind) = match middle.strip_suffix(BEFORE_MIGRATION) {
        Some(stamp) => (stamp, BackupKind::BeforeMigration),
        None => (middle, BackupKind::Regular),
    };
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    Some((at, kind))
}

/// The backups in `dir`, newest first. A missing folder has none.
pub fn list_backups(dir: &Path) -> std::io::Result<Vec<BackupEntry>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry?;
        let Some((at, kind)) = entry.file_name().to_str().and_then(parse_backup_name) else {
            continue;
        };
        if entry.file_type()?.is_file() {
            found.push(BackupEntry {
                path: entry.path(),
                at,
                kind,
            });
        }
    }
    found.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.path.cmp(&a.path)));
    Ok(found)
}

impl Store {
    /// Writes a consistent copy of the whole database to a new SQLite file
    /// at `path` (which must not exist; its folder must), and
    /// `<path>.sha256` beside it. See the module comment.
    pub async fn backup_to(&self, path: &Path) -> Result<BackupFile> {
        let final_path = absolute(path)?;
        if final_path.exists() {
            return Err(StoreError::BackupExists {
                location: final_path.display().to_string(),
            });
        }
        match self.db.get_database_backend() {
            DatabaseBackend::Postgres | DatabaseBackend::MySql => {
                let mut partial = Partial::create(&final_path)?;
                let location = partial.path.display().to_string();
                // Encrypted as the database file of a room is, each account
                // opening it with their own password; a database nobody can
                // log in to yet is copied plain (no slot could open it).
                let encrypted = self.has_accounts().await?;
                let target = if encrypted {
                    Store::create_encrypted_empty(&partial.path).await?
                } else {
                    Store::open_creating(&location).await?
                };
                let copied = self.copy_into(&target).await;
                let sealed = match copied {
                    Ok(_) => target.seal_slots().await.map(drop),
                    Err(e) => Err(e),
                };
                let key = target.database_key();
                target.close().await;
                sealed?;
                // One file, as a backup made on SQLite is.
                rollback_journal(&partial.path, key.as_ref()).await?;
                for suffix in ["-wal", "-shm", "-journal"] {
                    let _ = std::fs::remove_file(with_suffix(&partial.path, suffix));
                }
                if encrypted {
                    partial.keys_from = Some(crate::keys_path(&partial.path));
                }
                let done = partial.finish().await;
                let _ = std::fs::remove_file(crate::keys_path(&with_suffix(&final_path, PARTIAL)));
                done
            }
            _ => backup_sqlite(self.db.pool(), &final_path, self.keys.as_deref()).await,
        }
    }

    /// Writes a backup into `dir` unless one from the same UTC day as
    /// `now` is there, named after `now`; then removes the backups
    /// [`Retention::default`] does not keep (and `.partial` files left by
    /// a backup that was killed). `None` when none was due, and always on
    /// PostgreSQL (the server's own backups apply; `accord backup` takes
    /// one by hand).
    pub async fn backup_if_due(
        &self,
        dir: &Path,
        now: DateTime<Utc>,
    ) -> Result<Option<AutoBackup>> {
        if self.db.get_database_backend() != DatabaseBackend::Sqlite {
            return Ok(None);
        }
        make_folder(dir)?;
        remove_stale_partials(dir, std::time::SystemTime::now())?;
        let io = |e: std::io::Error| StoreError::BackupFile {
            location: dir.display().to_string(),
            detail: e.to_string(),
        };
        let existing = list_backups(dir).map_err(io)?;
        if existing
            .iter()
            .any(|b| b.kind == BackupKind::Regular && b.at.date_naive() == now.date_naive())
        {
            return Ok(None);
        }
        let file = self.backup_into(dir, now).await?;
        let removed = prune(dir, &Retention::default()).map_err(io)?;
        Ok(Some(AutoBackup { file, removed }))
    }

    /// Writes a backup named after `now` into `dir` (made if missing), a
    /// second later while that name is taken. Nothing is removed.
    pub async fn backup_into(&self, dir: &Path, now: DateTime<Utc>) -> Result<BackupFile> {
        make_folder(dir)?;
        self.backup_to(&free_name(dir, now, BackupKind::Regular))
            .await
    }

    /// Opens a SQLite file for reading only: no migration, nothing
    /// written (e.g. to ask a database about to be replaced whether it
    /// has accounts). Its schema may be older than this build's.
    pub async fn open_read_only(path: &Path) -> Result<Store> {
        open_snapshot(path, None).await
    }

    /// [`Store::open_read_only`] for a file encrypted with `key`.
    pub async fn open_read_only_with(path: &Path, key: Option<&crate::DbKey>) -> Result<Store> {
        open_snapshot(path, key).await
    }

    /// The backups folder: the setting [`BACKUP_DIR_SETTING`] of this
    /// computer, else [`Store::default_backup_dir`].
    pub async fn backup_dir(&self) -> Result<PathBuf> {
        match self.local_setting(BACKUP_DIR_SETTING).await? {
            Some(dir) if !dir.trim().is_empty() => Ok(PathBuf::from(dir.trim())),
            _ => self.default_backup_dir().await,
        }
    }

    /// Remembers the backups folder of this computer (`None`: back to the
    /// default).
    pub async fn set_backup_dir(&self, dir: Option<&Path>) -> Result<()> {
        let value = dir.map(|d| d.display().to_string()).unwrap_or_default();
        self.set_local_setting(BACKUP_DIR_SETTING, &value).await
    }

    /// `backups` beside the SQLite file; on PostgreSQL (and for a database
    /// in memory) `backups` in the user's data directory.
    pub async fn default_backup_dir(&self) -> Result<PathBuf> {
        if let Some(file) = self.file_path().await? {
            return Ok(file
                .parent()
                .map(|p| p.join(BACKUP_FOLDER))
                .unwrap_or_else(|| PathBuf::from(BACKUP_FOLDER)));
        }
        Ok(crate::default_database_path()
            .and_then(|p| p.parent().map(|d| d.join(BACKUP_FOLDER)))
            .unwrap_or_else(|| PathBuf::from(BACKUP_FOLDER)))
    }

    /// The SQLite file this store works on; `None` on a server or in
    /// memory.
    pub async fn file_path(&self) -> Result<Option<PathBuf>> {
        main_file(self.db.pool()).await
    }

    /// Closes every connection (a backup or a copy is then complete on
    /// disk, with no `-wal` beside it).
    pub async fn close(self) {
        if let Some(reader) = &self.reader {
            reader.close();
        }
        let _ = self.db.pool().clone().close().await;
    }
}

/// Before a migration changes an existing SQLite file: a backup of it as
/// it is, in its backups folder (or, when that cannot be written, e.g. a
/// USB disk that is not plugged in, the default one). Nothing to do on a
/// server or in memory. When no backup can be written the migration is
/// refused.
pub(crate) async fn before_migration(
    db: &DatabaseConnection,
    keys: Option<&crate::Keyring>,
) -> Result<()> {
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        return Ok(());
    }
    let Some(file) = main_file(db).await? else {
        return Ok(());
    };
    // A file that holds nobody's work yet (a first start that was
    // interrupted before any user or case was saved) has nothing a backup
    // would keep: its start is completed without one.
    if !holds_work(db).await {
        return Ok(());
    }
    let default = file
        .parent()
        .map(|p| p.join(BACKUP_FOLDER))
        .unwrap_or_else(|| PathBuf::from(BACKUP_FOLDER));
    // Read as the settings table is before the schema changes.
    let configured = db
        .query_one_raw(Statement::from_sql_and_values(
            DatabaseBackend::Sqlite,
            "SELECT value FROM settings WHERE key = ?",
            [BACKUP_DIR_SETTING.into()],
        ))
        .await
        .ok()
        .flatten()
        .and_then(|row| row.try_get_by_index::<String>(0).ok())
        .filter(|dir| !dir.trim().is_empty())
        .map(|dir| PathBuf::from(dir.trim()));
    let now = crate::now();
    let mut last = None;
    // Each folder is tried twice: a second attempt (under the next free
    // name) gets past what a program killed while writing one left behind.
    for dir in configured.into_iter().chain([default.clone(), default]) {
        let attempt = async {
            make_folder(&dir)?;
            backup_sqlite(db, &free_name(&dir, now, BackupKind::BeforeMigration), keys).await
        };
        match attempt.await {
            Ok(_) => return Ok(()),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or(StoreError::BackupFile {
        location: file.display().to_string(),
        detail: "no backups folder".to_owned(),
    }))
}

/// Whether the file holds anyone's work: a user or a case. A table not
/// there yet (an early migration) holds none.
async fn holds_work(db: &DatabaseConnection) -> bool {
    for table in ["users", "cases"] {
        let found = db
            .query_one_raw(Statement::from_string(
                DatabaseBackend::Sqlite,
                format!("SELECT 1 FROM \"{table}\" LIMIT 1"),
            ))
            .await;
        if matches!(found, Ok(Some(_))) {
            return true;
        }
    }
    false
}

/// Removes the regular backups in `dir` that `retention` does not keep,
/// with their checksums. Returns what was removed.
fn prune(dir: &Path, retention: &Retention) -> std::io::Result<Vec<PathBuf>> {
    let regular: Vec<BackupEntry> = list_backups(dir)?
        .into_iter()
        .filter(|b| b.kind == BackupKind::Regular)
        .collect();
    let times: Vec<DateTime<Utc>> = regular.iter().map(|b| b.at).collect();
    let mut removed = Vec::new();
    for (entry, keep) in regular.into_iter().zip(retention.keep(&times)) {
        if !keep {
            std::fs::remove_file(&entry.path)?;
            let _ = std::fs::remove_file(with_suffix(&entry.path, CHECKSUM));
            removed.push(entry.path);
        }
    }
    Ok(removed)
}

/// Removes `.partial` files of backups older than [`STALE_PARTIAL`].
fn remove_stale_partials(dir: &Path, now: std::time::SystemTime) -> Result<()> {
    let io = |e: std::io::Error| StoreError::BackupFile {
        location: dir.display().to_string(),
        detail: e.to_string(),
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(PREFIX) && name.ends_with(PARTIAL)) {
            continue;
        }
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| now.duration_since(modified).ok());
        if age.is_some_and(|age| age >= STALE_PARTIAL) {
            std::fs::remove_file(entry.path()).map_err(io)?;
        }
    }
    Ok(())
}

/// A backup name in `dir` for `at` that is not taken yet (a second later
/// while it is).
fn free_name(dir: &Path, at: DateTime<Utc>, kind: BackupKind) -> PathBuf {
    let mut at = at;
    loop {
        let path = dir.join(backup_file_name(at, kind));
        if !path.exists() {
            return path;
        }
        at += chrono::Duration::seconds(1);
    }
}

/// Makes the folder (and its parents), owner only on unix.
fn make_folder(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| StoreError::BackupFile {
        location: dir.display().to_string(),
        detail: e.to_string(),
    })
}

/// `path` with `suffix` appended to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).map_err(|e| StoreError::BackupFile {
        location: path.display().to_string(),
        detail: e.to_string(),
    })
}

/// Flushes a folder's entries (a rename in it) to the disk; where folders
/// cannot be opened (Windows) the rename is as durable as it gets.
fn sync_folder(path: &Path) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
}

/// Runs blocking file work off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> std::io::Result<T> + Send + 'static,
) -> std::result::Result<T, String> {
    match tokio::task::spawn_blocking(work).await {
        Ok(done) => done.map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    }
}

/// A file being written under `<final>.partial`: removed when dropped
/// unless [`Partial::finish`] renamed it to its final name.
struct Partial {
    path: PathBuf,
    final_path: PathBuf,
    armed: bool,
    /// The key slots of the encrypted file this is a copy of: copied
    /// beside it, so the backup opens with the same passwords.
    keys_from: Option<PathBuf>,
}

impl Partial {
    /// Creates the empty file, owner only on unix (SQLite keeps the mode
    /// of a file it writes into).
    fn create(final_path: &Path) -> Result<Self> {
        let path = with_suffix(final_path, PARTIAL);
        // A leftover of a killed attempt at this very name, with the
        // journal SQLite was writing beside it (left there, SQLite would
        // roll it into the new file and VACUUM INTO would refuse it).
        let _ = std::fs::remove_file(&path);
        for suffix in ["-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(with_suffix(&path, suffix));
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options.open(&path).map_err(|e| StoreError::BackupFile {
            location: final_path.display().to_string(),
            detail: e.to_string(),
        })?;
        Ok(Self {
            path,
            final_path: final_path.to_path_buf(),
            armed: true,
            keys_from: None,
        })
    }

    /// Flushes the file, writes its checksum beside the final name and
    /// renames it there.
    async fn finish(self) -> Result<BackupFile> {
        let (path, final_path) = (self.path.clone(), self.final_path.clone());
        let keys_from = self.keys_from.clone();
        let done = blocking(move || -> std::io::Result<BackupFile> {
            // The slots go in place first: the backup never stands
            // without them.
            if let Some(keys) = &keys_from {
                let slots = crate::keys_path(&final_path);
                let slots_partial = with_suffix(&slots, PARTIAL);
                std::fs::copy(keys, &slots_partial)?;
                std::fs::File::open(&slots_partial)?.sync_all()?;
                std::fs::rename(&slots_partial, &slots)?;
            }
            let file = std::fs::File::open(&path)?;
            file.sync_all()?;
            let bytes = file.metadata()?.len();
            let sha256 = hash_file(&path)?;
            let name = final_path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let checksum = with_suffix(&final_path, CHECKSUM);
            let checksum_partial = with_suffix(&checksum, PARTIAL);
            {
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create(true).truncate(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                let mut out = options.open(&checksum_partial)?;
                writeln!(out, "{sha256}  {name}")?;
                out.sync_all()?;
            }
            std::fs::rename(&checksum_partial, &checksum)?;
            std::fs::rename(&path, &final_path)?;
            sync_folder(&final_path);
            Ok(BackupFile {
                path: final_path,
                bytes,
                sha256,
            })
        })
        .await;
        match done {
            Ok(file) => {
                self.disarm();
                Ok(file)
            }
            Err(detail) => Err(StoreError::BackupFile {
                location: self.final_path.display().to_string(),
                detail,
            }),
        }
    }

    fn disarm(mut self) {
        self.armed = false;
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if self.armed {
            let _ = std::fs::remove_file(&self.path);
            for suffix in COMPANIONS {
                let _ = std::fs::remove_file(with_suffix(&self.path, suffix));
            }
        }
    }
}

fn hash_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// Compares the file with the `.sha256` beside it: `Ok(false)` when there
/// is none, `Err` with what differs.
async fn check_checksum(path: &Path) -> std::result::Result<bool, String> {
    let checksum = with_suffix(path, CHECKSUM);
    let expected = match std::fs::read_to_string(&checksum) {
        Ok(text) => text
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(format!("{}: {e}", checksum.display())),
    };
    let file = path.to_path_buf();
    let actual = blocking(move || hash_file(&file)).await?;
    if actual == expected {
        Ok(true)
    } else {
        Err(format!(
            "its SHA-256 is {actual}, {} says {expected}",
            checksum.display()
        ))
    }
}

/// A backup of a SQLite database at `final_path` (which must not exist):
/// `VACUUM INTO` a `.partial` file, then [`Partial::finish`].
async fn backup_sqlite(
    db: &DatabaseConnection,
    final_path: &Path,
    keys: Option<&crate::Keyring>,
) -> Result<BackupFile> {
    let mut partial = Partial::create(final_path)?;
    partial.keys_from = keys.map(|k| crate::keys_path(&k.file));
    vacuum_into(db, &partial.path, final_path).await?;
    partial.finish().await
}

/// `VACUUM INTO` the (empty) file at `into`.
async fn vacuum_into(db: &DatabaseConnection, into: &Path, shown: &Path) -> Result<()> {
    let name = into.to_str().ok_or_else(|| StoreError::BackupFile {
        location: shown.display().to_string(),
        detail: "the path is not valid UTF-8".to_owned(),
    })?;
    db.execute_unprepared(&format!("VACUUM INTO '{}'", name.replace('\'', "''")))
        .await
        .map_err(|e| {
            let detail = e.to_string();
            if crate::error::is_locked(&detail) {
                StoreError::Locked {
                    location: String::new(),
                }
            } else {
                StoreError::BackupFile {
                    location: shown.display().to_string(),
                    detail,
                }
            }
        })?;
    Ok(())
}

/// Switches a finished SQLite file (no other connection) out of WAL, so
/// that it is one file.
async fn rollback_journal(path: &Path, key: Option<&crate::DbKey>) -> Result<()> {
    use sea_orm::sqlx::{ConnectOptions as _, Connection as _, Executor as _};
    let location = path.display().to_string();
    let fail = |e: sea_orm::sqlx::Error| StoreError::BackupFile {
        location: location.clone(),
        detail: e.to_string(),
    };
    let mut conn = crate::keys::keyed(sea_orm::sqlx::sqlite::SqliteConnectOptions::new(), key)
        .filename(path)
        .disable_statement_logging()
        .connect()
        .await
        .map_err(fail)?;
    conn.execute("PRAGMA journal_mode = DELETE")
        .await
        .map_err(fail)?;
    conn.close().await.map_err(fail)
}

/// Opens a backup for reading only: no migration, nothing written.
async fn open_snapshot(path: &Path, key: Option<&crate::DbKey>) -> Result<Store> {
    use sea_orm::sqlx::ConnectOptions as _;
    use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
    let location = path.display().to_string();
    let options = crate::keys::keyed(SqliteConnectOptions::new(), key)
        .filename(path)
        .read_only(true)
        .busy_timeout(Duration::from_secs(5))
        // The integrity check of a large file is faster with more pages in
        // memory (128 MB at most, while it runs) and the file mapped.
        .pragma("cache_size", "-131072")
        .pragma("mmap_size", "268435456")
        .disable_statement_logging();
    let pool = SqlitePoolOptions::new()
        .max_connections(2)
        .connect_with(options)
        .await
        .map_err(|e| {
            let detail = e.to_string();
            if crate::error::is_locked(&detail) {
                StoreError::Locked { location }
            } else {
                StoreError::BackupDamaged { location, detail }
            }
        })?;
    let db = sea_orm::SqlxSqliteConnector::from_sqlx_sqlite_pool(pool);
    crate::exit::track(&db);
    Ok(Store {
        db: crate::unit::Db::Pool(db),
        device: None,
        keys: None,
        reader: None,
    })
}

/// The main file of a SQLite connection (`PRAGMA database_list`).
async fn main_file(db: &DatabaseConnection) -> Result<Option<PathBuf>> {
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        return Ok(None);
    }
    let rows = db
        .query_all_raw(Statement::from_string(
            DatabaseBackend::Sqlite,
            "SELECT name, file FROM pragma_database_list",
        ))
        .await?;
    Ok(rows
        .iter()
        .find(|r| r.try_get_by_index::<String>(0).is_ok_and(|n| n == "main"))
        .and_then(|r| r.try_get_by_index::<String>(1).ok())
        .filter(|file| !file.is_empty())
        .map(PathBuf::from))
}

fn known_migrations() -> Vec<String> {
    use accord_migration::MigratorTrait;
    accord_migration::Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect()
}

async fn strings(db: &DatabaseConnection, sql: &str) -> std::result::Result<Vec<String>, String> {
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .map_err(|e| e.to_string())?;
    rows.iter()
        .map(|r| r.try_get_by_index::<String>(0).map_err(|e| e.to_string()))
        .collect()
}

async fn count(db: &DatabaseConnection, sql: &str) -> std::result::Result<u64, String> {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| "no row".to_owned())?;
    let n = row.try_get_by_index::<i64>(0).map_err(|e| e.to_string())?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Moves the database at `target` and the files SQLite keeps beside it
/// to `<target>.replaced-<UTC time>` (a second later while that is
/// taken), all or none. Returns where the database went.
fn move_aside(target: &Path) -> Result<PathBuf> {
    let mut at = crate::now();
    let aside = loop {
        let aside = with_suffix(target, &format!("{REPLACED}{}", at.format(STAMP)));
        if std::iter::once("")
            .chain(COMPANIONS)
            .all(|s| !with_suffix(&aside, s).exists())
        {
            break aside;
        }
        at += chrono::Duration::seconds(1);
    };
    // A companion left behind would be read as part of the restored file:
    // either everything moves or nothing does.
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    for suffix in std::iter::once("").chain(COMPANIONS) {
        let from = with_suffix(target, suffix);
        if suffix.is_empty() || from.exists() {
            let to = with_suffix(&aside, suffix);
            if let Err(e) = std::fs::rename(&from, &to) {
                for (from, to) in moved.iter().rev() {
                    let _ = std::fs::rename(to, from);
                }
                return Err(StoreError::BackupFile {
                    location: from.display().to_string(),
                    detail: e.to_string(),
                });
            }
            moved.push((from, to));
        }
    }
    sync_folder(target);
    Ok(aside)
}

/// Refuses a file that is not a SQLite database before SQLite reads it
/// (an encrypted one, which starts with random bytes, is read with its
/// key: SQLCipher's own check then says whether it is one).
fn check_header(path: &Path, key: Option<&crate::DbKey>) -> std::result::Result<(), String> {
    let mut head = Vec::with_capacity(16);
    std::fs::File::open(path)
        .and_then(|f| f.take(16).read_to_end(&mut head))
        .map_err(|e| e.to_string())?;
    if head == b"SQLite format 3\0" || (key.is_some() && head.len() == 16) {
        Ok(())
    } else if crate::keys_path(path).exists() {
        Err("encrypted: it opens only with the database's key".to_owned())
    } else {
        Err(format!("starts with {:?}", String::from_utf8_lossy(&head)))
    }
}

/// An exclusive lock on a SQLite file: proof that no other program has it
/// open (an open connection in WAL mode holds a shared lock).
struct TargetLock(sea_orm::sqlx::SqliteConnection);

impl TargetLock {
    /// Takes the lock, or says another program holds the file. A file
    /// SQLite cannot read (damaged, not a database) gets no lock: it is
    /// replaced as it is. With the lock, what the file's `-wal` holds is
    /// written into it, so the file moved aside is complete on its own.
    async fn take(target: &Path, key: Option<&crate::DbKey>) -> Result<Option<Self>> {
        use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteLockingMode};
        use sea_orm::sqlx::{ConnectOptions as _, Executor as _};
        let location = target.display().to_string();
        let options = crate::keys::keyed(SqliteConnectOptions::new(), key)
            .filename(target)
            .locking_mode(SqliteLockingMode::Exclusive)
            .busy_timeout(Duration::from_secs(2))
            .disable_statement_logging();
        let locked = |detail: &str| crate::error::is_locked(detail);
        let mut conn = match options.connect().await {
            Ok(conn) => conn,
            Err(e) if locked(&e.to_string()) => return Err(StoreError::Locked { location }),
            Err(_) => return Ok(None),
        };
        if let Err(e) = conn.execute("BEGIN EXCLUSIVE; COMMIT").await {
            return if locked(&e.to_string()) {
                Err(StoreError::Locked { location })
            } else {
                Ok(None)
            };
        }
        let _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").await;
        let _ = conn.execute("PRAGMA journal_mode = DELETE").await;
        Ok(Some(Self(conn)))
    }

    async fn release(self) {
        use sea_orm::sqlx::Connection as _;
        let _ = self.0.close().await;
    }
}

#[cfg(test)]
mod tests;
