//! Encrypted SQLite files: opening one with a password (its key slot,
//! then the file, then the account), making a new one with its first
//! administrator, and encrypting a plain one in place. Each step that
//! makes a file writes it under another name and renames it last, so a
//! kill at any moment leaves either the file as it was or the new one
//! complete with its slots.

use std::path::{Path, PathBuf};

use accord_core::LocalUser;
use accord_entity::user;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::db::{FileAccess, Header, check_header};
use crate::keys::{self, DbKey, KeySlots, Slot, Who};
use crate::{NewAccount, Result, Store, StoreError, users::user_from};

/// What a SQLite file is before it is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// No file (or an empty one): a new database.
    New,
    /// A plain SQLite file (or something that is not a database at all,
    /// which opening then says).
    Plain,
    /// An encrypted file with its key slots: it opens with a password.
    Encrypted(KeySlots),
}

/// Looks at the file at `path` without opening it.
pub fn file_kind(path: &Path) -> Result<FileKind> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::New),
        Ok(m) if m.is_file() && m.len() == 0 => return Ok(FileKind::New),
        _ => {}
    }
    match check_header(path) {
        Header::Plain => Ok(FileKind::Plain),
        Header::Other(_) => Ok(match KeySlots::load(path)? {
            Some(slots) => FileKind::Encrypted(slots),
            None => FileKind::Plain,
        }),
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes what a killed attempt left at `path` (the file, its slots and
/// SQLite's companions).
fn remove_leftovers(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal", keys::KEYS_SUFFIX] {
        let _ = std::fs::remove_file(with_suffix(path, suffix));
    }
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |e| StoreError::Open {
        location: path.display().to_string(),
        detail: e.to_string(),
    }
}

/// An exclusive lock on the folder of `path` (held while a file is made
/// or encrypted there), so that two programs starting at once on a new
/// or plain file make one database, not two that overwrite each other.
/// Where a folder cannot be locked (not Linux), none is taken.
async fn lock_folder(path: &Path) -> Option<std::fs::File> {
    let folder = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(folder) => folder.to_path_buf(),
        None => PathBuf::from("."),
    };
    tokio::task::spawn_blocking(move || {
        let dir = std::fs::File::open(&folder).ok()?;
        dir.lock().ok()?;
        Some(dir)
    })
    .await
    .ok()
    .flatten()
}

/// A name beside `path` that only this program uses.
fn own_name(path: &Path, what: &str) -> PathBuf {
    with_suffix(path, &format!(".{what}-{}", std::process::id()))
}

/// Renames `from` (and its slots) to `to`: the slots first, so the file
/// never stands without them.
fn put_in_place(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(keys::keys_path(from), keys::keys_path(to)).map_err(io_error(to))?;
    std::fs::rename(from, to).map_err(io_error(to))?;
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}

impl Store {
    /// Opens the encrypted file at `path` as `who` with `password`: a
    /// wrong password (or an unknown login) is [`StoreError::WrongPassword`]
    /// and nothing is opened or written.
    pub async fn unlock(path: &Path, who: Who<'_>, password: &str) -> Result<(Store, LocalUser)> {
        let Some(slots) = KeySlots::load(path)? else {
            return Err(StoreError::Missing {
                location: keys::keys_path(path).display().to_string(),
            });
        };
        let (slot, key) = keys::unlock(&slots, who, password).await?;
        Self::open_encrypted(path, slot.user_id, key).await
    }

    /// Opens the encrypted file at `path` with `key`, taken from the slot
    /// of `user_id` (see [`crate::unlock_key`]), as that account.
    pub async fn open_encrypted(
        path: &Path,
        user_id: i64,
        key: DbKey,
    ) -> Result<(Store, LocalUser)> {
        let store = Self::open_file_with(path, FileAccess::Existing, Some(key)).await?;
        let user = store.account(user_id).await?;
        Ok((store, user))
    }

    /// The account `user_id` (a user with a password), else
    /// [`StoreError::WrongPassword`].
    async fn account(&self, user_id: i64) -> Result<LocalUser> {
        match user::Entity::find_by_id(user_id).one(&self.db).await? {
            Some(found) if found.password_hash.is_some() => user_from(found),
            _ => Err(StoreError::WrongPassword),
        }
    }

    /// Makes a new encrypted database at `path` (no file there, or an
    /// empty one) with `first`, its first administrator. Returns it open.
    pub async fn create_encrypted(path: &Path, first: &NewAccount) -> Result<(Store, LocalUser)> {
        let (store, mut made) =
            Self::create_encrypted_with(path, std::slice::from_ref(first)).await?;
        let user = made.remove(0);
        Ok((store, user))
    }

    /// [`Store::create_encrypted`] with more accounts, made by the first
    /// (an administrator) before the file is put in place: whoever finds
    /// the file finds every account in it.
    pub async fn create_encrypted_with(
        path: &Path,
        accounts: &[NewAccount],
    ) -> Result<(Store, Vec<LocalUser>)> {
        let _lock = lock_folder(path).await;
        if !matches!(file_kind(path)?, FileKind::New) {
            return Err(StoreError::Open {
                location: path.display().to_string(),
                detail: "a database is there already".to_owned(),
            });
        }
        let building = own_name(path, "building");
        remove_leftovers(&building);
        let key = DbKey::generate();
        let store = Self::open_file_with(&building, FileAccess::Create, Some(key.clone())).await?;
        let mut made = Vec::new();
        for account in accounts {
            let by = made.first().map(crate::Actor::from);
            match store.create_account(by.as_ref(), account).await {
                Ok(user) => made.push(user),
                Err(e) => {
                    store.close().await;
                    remove_leftovers(&building);
                    return Err(e);
                }
            }
        }
        store.close().await;
        put_in_place(&building, path)?;
        let store = Self::open_file_with(path, FileAccess::Existing, Some(key)).await?;
        Ok((store, made))
    }

    /// Encrypts the plain file at `path` in place, after a backup of it: a
    /// new random key, every
    /// account a slot (made from its stored password hash, so nobody has to
    /// log in for it), the data copied into an encrypted file that then
    /// replaces the plain one. `false` (nothing changed) when the file is
    /// encrypted already or nobody could log in to it yet (no account).
    /// Nobody else may have the file open meanwhile.
    pub async fn encrypt_file(path: &Path) -> Result<bool> {
        let _lock = lock_folder(path).await;
        if !matches!(file_kind(path)?, FileKind::Plain) {
            return Ok(false);
        }
        // Migrated first (with its backup), then read.
        let plain = Self::open_file_with(path, FileAccess::Existing, None).await?;
        let key = DbKey::generate();
        let slots = match plain.slots_for_accounts(&key).await {
            Ok(slots) if slots.slots.is_empty() => {
                // Nobody could open it encrypted: it stays as it is (and
                // gets no backup for nothing).
                plain.close().await;
                return Ok(false);
            }
            // A backup of the file as it is, first (encrypted with the
            // others once the file is).
            Ok(slots) => match crate::backup::before_migration(plain.db.pool(), None).await {
                Ok(()) => Ok(slots),
                Err(e) => Err(e),
            },
            Err(e) => Err(e),
        };
        plain.close().await;
        let slots = slots?;
        let building = own_name(path, "encrypting");
        remove_leftovers(&building);
        // Made here so that it is the owner's only (SQLite would give it
        // the umask's mode).
        {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            options.open(&building).map_err(io_error(&building))?;
        }
        let exported = export_encrypted(path, &building, &key).await;
        if let Err(e) = exported {
            remove_leftovers(&building);
            return Err(e);
        }
        slots.save(&building)?;
        // Opened once with its key before it replaces anything.
        match Self::open_file_with(&building, FileAccess::Existing, Some(key.clone())).await {
            Ok(check) => {
                let found = check.users().await.map(|u| u.len());
                check.close().await;
                if found.is_err() {
                    remove_leftovers(&building);
                    return found.map(|_| false);
                }
            }
            Err(e) => {
                remove_leftovers(&building);
                return Err(e);
            }
        }
        put_in_place(&building, path)?;
        // The backups an older Accord wrote in the clear are encrypted
        // too, with the same key.
        let store = Self::open_file_with(path, FileAccess::Existing, Some(key)).await?;
        let mut folders = vec![store.default_backup_dir().await?];
        if let Ok(dir) = store.backup_dir().await
            && !folders.contains(&dir)
        {
            folders.push(dir);
        }
        let mut failed = None;
        for dir in folders {
            if let Err(e) = store.encrypt_backups(&dir).await {
                failed = Some(e);
            }
        }
        store.close().await;
        failed.map_or(Ok(true), Err)
    }

    /// Opens (creating it) an encrypted file at `path` under a new random
    /// key, with no slot yet: for a copy of another database, whose
    /// accounts then get their slots from [`Store::seal_slots`].
    pub async fn create_encrypted_empty(path: &Path) -> Result<Store> {
        if !matches!(file_kind(path)?, FileKind::New) {
            return Err(StoreError::Open {
                location: path.display().to_string(),
                detail: "a database is there already".to_owned(),
            });
        }
        Self::open_file_with(path, FileAccess::Create, Some(DbKey::generate())).await
    }

    /// Writes a key slot for every account of this encrypted file, made
    /// from its stored password hash (a copy of another database: each
    /// opens it with their own password). Nothing to do on a plain file.
    pub async fn seal_slots(&self) -> Result<usize> {
        let Some(keyring) = &self.keys else {
            return Ok(0);
        };
        let slots = self.slots_for_accounts(&keyring.key).await?;
        slots.save(&keyring.file)?;
        Ok(slots.slots.len())
    }

    /// A key slot for `key` for every account of this database, made
    /// from its stored password hash.
    pub(crate) async fn slots_for_accounts(&self, key: &DbKey) -> Result<KeySlots> {
        let accounts = user::Entity::find()
            .filter(user::Column::PasswordHash.is_not_null())
            .all(&self.db)
            .await?;
        let mut slots = KeySlots::default();
        for account in &accounts {
            slots.put(Slot::seal(
                account.id,
                account.login.as_deref().unwrap_or_default(),
                &account.name,
                &account.role,
                account.password_hash.as_deref().unwrap_or_default(),
                key,
            )?);
        }
        Ok(slots)
    }

    /// The key of this encrypted file (to check or restore one of its
    /// backups); `None` on a plain file or a server.
    pub fn database_key(&self) -> Option<DbKey> {
        self.keys.as_ref().map(|k| k.key.clone())
    }

    /// Puts (or replaces) `user`'s key slot after their password hash
    /// changed. Nothing to do on a plain file or a server.
    pub(crate) fn update_slot(&self, user: &user::Model) -> Result<()> {
        let Some(keyring) = &self.keys else {
            return Ok(());
        };
        let Some(phc) = &user.password_hash else {
            return Ok(());
        };
        let mut slots = KeySlots::load(&keyring.file)?.unwrap_or_default();
        slots.put(Slot::seal(
            user.id,
            user.login.as_deref().unwrap_or_default(),
            &user.name,
            &user.role,
            phc,
            &keyring.key,
        )?);
        slots.save(&keyring.file)
    }
}

/// Copies the plain file at `plain` into the empty file `into`, encrypted
/// with `key` (SQLCipher's `sqlcipher_export`), on one connection.
pub(crate) async fn export_encrypted(plain: &Path, into: &Path, key: &DbKey) -> Result<()> {
    use sea_orm::sqlx::sqlite::SqliteConnectOptions;
    use sea_orm::sqlx::{ConnectOptions as _, Connection as _, Executor as _};
    let fail = |e: sea_orm::sqlx::Error| StoreError::Open {
        location: plain.display().to_string(),
        detail: e.to_string(),
    };
    let mut conn = SqliteConnectOptions::new()
        .filename(plain)
        .disable_statement_logging()
        .connect()
        .await
        .map_err(fail)?;
    let name = into.display().to_string().replace('\'', "''");
    let statements = format!(
        "ATTACH DATABASE '{name}' AS encrypted KEY {};\
         SELECT sqlcipher_export('encrypted');\
         DETACH DATABASE encrypted;",
        key.pragma()
    );
    let done = conn
        .execute(sea_orm::sqlx::raw_sql(sea_orm::sqlx::AssertSqlSafe(
            statements,
        )))
        .await
        .map(drop)
        .map_err(fail);
    let closed = conn.close().await.map_err(fail);
    done.and(closed)
}
