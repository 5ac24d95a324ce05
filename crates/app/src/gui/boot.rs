//! Start-up: everything the first frame shows, read from the database in
//! one go before the window opens (and again after "Try again").

use accord_core::LocalUser;
use accord_i18n::Locale;
use accord_store::{Actor, CasePage, CaseQuery, Store, StoreError};

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
        }
    }

    /// Opens the database and reads what the first screen shows.
    pub async fn load(url: Option<String>) -> Self {
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
        let mut boot = Self {
            store: Ok(store.clone()),
            ..Self::failed(StoreError::NotFound)
        };
        if let Err(e) = boot.read(&store).await {
            boot.store = Err(e);
        }
        boot
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
