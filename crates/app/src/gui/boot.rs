//! Start-up: everything the first frame shows, read from the database in
//! one go before the window opens (and again after "Try again").

use std::path::PathBuf;

use accord_core::{Choice, LocalUser, UserRole};
use accord_i18n::Locale;
use accord_store::{
    Actor, CasePage, CaseQuery, DbKey, FileKind, KeySlots, NewAccount, Store, StoreError, Who,
};

use super::screen::{case_list, room};

/// Settings keys remembered in the database, per computer.
pub const SETTING_LOCALE: &str = "locale";
pub const SETTING_LARGER_TEXT: &str = "larger_text";
/// Minutes without a key or a click before the app locks (accounts only).
pub const SETTING_LOCK_MINUTES: &str = "lock_minutes";
/// The lock's default idle time.
pub const DEFAULT_LOCK_MINUTES: u64 = 5;

/// Everything the app needs before its first frame, read in one go.
#[derive(Debug, Clone)]
pub struct Boot {
    pub store: Result<Store, StoreError>,
    pub locale: Locale,
    pub larger_text: bool,
    pub user: Option<LocalUser>,
    pub first_page: CasePage,
    /// The room the mediator was in when the app last closed.
    pub room: Option<room::RoomData>,
    /// Who can log in (users with a password); empty on a database
    /// without accounts, which opens without a login.
    pub accounts: Vec<LocalUser>,
    /// How long the app waits without a key or a click before it locks.
    pub lock_after: std::time::Duration,
    /// An encrypted file that opens with a login: nothing is read before.
    pub locked: Option<PathBuf>,
    /// No database yet: the first start makes this file, encrypted.
    pub new_file: Option<PathBuf>,
    /// The key of the encrypted file, once a login opened its slot (kept
    /// to check and restore a backup when the file itself is damaged).
    pub key: Option<DbKey>,
    /// A notice for the first screen (why a restore did not happen).
    pub notice: Option<crate::error::Phrase>,
}

impl Boot {
    /// Nothing read: the database could not be opened.
    pub fn failed(error: StoreError) -> Self {
        Self {
            store: Err(error),
            locale: Locale::from_system(),
            larger_text: false,
            user: None,
            first_page: CasePage::default(),
            room: None,
            accounts: Vec::new(),
            lock_after: std::time::Duration::from_secs(DEFAULT_LOCK_MINUTES * 60),
            locked: None,
            new_file: None,
            key: None,
            notice: None,
        }
    }

    /// Opens the database and reads what the first screen shows. An
    /// encrypted file waits for the login; where there is no database yet
    /// the first start makes one. The default database, when it is still
    /// plain (an older Accord's), is encrypted first.
    pub async fn load(url: Option<String>) -> Self {
        if let Some(path) = super::gate::database_file(url.as_deref()) {
            if url.is_none() && matches!(accord_store::file_kind(&path), Ok(FileKind::Plain)) {
                // Nothing changes when it fails (or nobody can log in
                // yet): the plain file opens as before.
                if let Err(e) = Store::encrypt_file(&path).await {
                    eprintln!("accord: the database stays unencrypted for now: {e}");
                }
            }
            match accord_store::file_kind(&path) {
                Ok(FileKind::Encrypted(slots)) => return Self::locked(path, &slots),
                Ok(FileKind::New) => {
                    return Self {
                        new_file: Some(path),
                        ..Self::failed(StoreError::NotFound)
                    };
                }
                Ok(FileKind::Plain) => {}
                Err(e) => return Self::failed(e),
            }
        }
        let store = match &url {
            Some(url) => Store::open_creating(url).await,
            None => Store::open_default().await,
        };
        let store = match store {
            Ok(store) => store,
            Err(e) => return Self::failed(e),
        };
        // A damaged file is said to be one, with where it is, before
        // anything reads from it.
        match store.quick_check().await {
            Ok(None) => {}
            Ok(Some(problem)) => {
                let location = url
                    .or_else(|| {
                        accord_store::default_database_path().map(|p| p.display().to_string())
                    })
                    .unwrap_or_default();
                return Self::failed(StoreError::NotADatabase {
                    location,
                    detail: problem,
                });
            }
            Err(e) => return Self::failed(e),
        }
        Self::opened(store).await
    }

    /// Reads what the first screen shows from an open database.
    async fn opened(store: Store) -> Self {
        let mut boot = Self {
            store: Ok(store.clone()),
            ..Self::failed(StoreError::NotFound)
        };
        if let Err(e) = boot.read(&store).await {
            boot.store = Err(e);
        }
        boot
    }

    /// Keeps the language the app shows when this boot read none (an
    /// encrypted file before the login, a file that did not open).
    pub fn keep_locale(&mut self, shown: Locale) {
        if self.store.is_err() {
            self.locale = shown;
        }
    }

    /// An encrypted file before the login: who can log in (from the key
    /// slots), nothing else.
    fn locked(path: PathBuf, slots: &KeySlots) -> Self {
        let accounts = slots
            .slots
            .iter()
            .map(|slot| LocalUser {
                id: slot.user_id,
                name: slot.name.clone(),
                role: UserRole::from_code(&slot.role).unwrap_or(UserRole::Mediator),
                login: slot.login.clone(),
                has_password: true,
            })
            .collect();
        Self {
            accounts,
            locked: Some(path.clone()),
            ..Self::failed(StoreError::Encrypted {
                location: path.display().to_string(),
            })
        }
    }

    /// The login to an encrypted file: its slot, the file, then what the
    /// first screen shows, as the user who logged in. A wrong password is
    /// the error; a file that then does not open is the boot's (the
    /// database error screen, with the key to check a backup).
    pub async fn unlock(path: PathBuf, user_id: i64, password: String) -> Result<Self, StoreError> {
        let slots = KeySlots::load(&path)?.ok_or(StoreError::WrongPassword)?;
        let (_, key) = accord_store::unlock_key(&slots, Who::Id(user_id), &password).await?;
        let mut boot = match Store::open_encrypted(&path, user_id, key.clone()).await {
            Ok((store, user)) => {
                store.set_current_user(user.id).await?;
                let mut boot = Self::checked(store, &path).await;
                if boot.store.is_ok() {
                    boot.user = Some(user);
                }
                boot
            }
            Err(StoreError::WrongPassword) => return Err(StoreError::WrongPassword),
            Err(e) => Self::failed(e),
        };
        boot.key = Some(key);
        Ok(boot)
    }

    /// The first start: a new encrypted database at `path` with its first
    /// administrator, who is then the user.
    pub async fn create(path: PathBuf, first: NewAccount) -> Result<Self, StoreError> {
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|e| StoreError::Open {
                location: path.display().to_string(),
                detail: e.to_string(),
            })?;
        }
        let (store, user) = Store::create_encrypted(&path, &first).await?;
        store.set_current_user(user.id).await?;
        let key = store.database_key();
        let mut boot = Self::opened(store).await;
        boot.user = Some(user);
        boot.key = key;
        Ok(boot)
    }

    /// [`Boot::opened`] after SQLite's quick check.
    async fn checked(store: Store, path: &std::path::Path) -> Self {
        match store.quick_check().await {
            Ok(None) => Self::opened(store).await,
            Ok(Some(problem)) => Self::failed(StoreError::NotADatabase {
                location: path.display().to_string(),
                detail: problem,
            }),
            Err(e) => Self::failed(e),
        }
    }

    async fn read(&mut self, store: &Store) -> Result<(), StoreError> {
        if let Some(locale) = store
            .local_setting(SETTING_LOCALE)
            .await?
            .and_then(|l| l.parse().ok())
        {
            self.locale = locale;
        }
        self.larger_text = store
            .local_setting(SETTING_LARGER_TEXT)
            .await?
            .is_some_and(|v| v == "true");
        self.accounts = store
            .users()
            .await?
            .into_iter()
            .filter(|u| u.has_password)
            .collect();
        if let Some(minutes) = store
            .setting(SETTING_LOCK_MINUTES)
            .await?
            .and_then(|m| m.trim().parse::<u64>().ok())
            .filter(|m| *m > 0)
        {
            self.lock_after = std::time::Duration::from_secs(minutes * 60);
        }
        self.user = match store.current_user().await? {
            Some(user) => Some(user),
            None => store.users().await?.into_iter().next(),
        };
        self.first_page = store
            .list_cases(&CaseQuery {
                limit: case_list::PAGE_SIZE,
                ..Default::default()
            })
            .await?;
        // Back to the room the mediator was in, at the same stage and with
        // the same party present.
        let room_case = store
            .local_setting(room::SETTING_ROOM_CASE)
            .await?
            .and_then(|v| v.parse::<i64>().ok());
        if let (Some(case_id), Some(user)) = (room_case, &self.user) {
            self.room = room::open(store, &Actor::from(user), case_id).await.ok();
        }
        Ok(())
    }
}
