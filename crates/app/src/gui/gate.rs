//! The gate in front of the app and the way back from a broken database:
//! the login and the lock (`screen::login` draws them; the app decides
//! when they show and what opens behind them), the audit warning for an
//! administrator who logs in, and "Restore this backup" on the database
//! error screen, which runs without a store.

use accord_store::StoreError;

use super::{Action, App, Boot, Job, Message, Route, first_run, login::Gate, screen::login};
use crate::error::AppError;

impl App {
    /// Locks the app in front of the current user's work (with accounts).
    pub(super) fn lock(&mut self) {
        if let (Some(user), None, false) = (&self.user, &self.gate, self.accounts.is_empty()) {
            self.gate = Some(Gate::locked(self.accounts.clone(), user.id));
        }
    }

    /// A message at the login or the lock. The lock opens onto the work
    /// as it was; logging in as someone else starts at the case list.
    pub(super) fn at_gate(&mut self, message: login::Message) -> Vec<Job<Message>> {
        if let login::Message::Opened(Ok(boot)) = message {
            return self.unlocked(*boot);
        }
        let Some(gate) = &mut self.gate else {
            return Vec::new();
        };
        let (action, opened) = gate.update(message);
        let Some(user) = opened else {
            return self.carry_out(action.map(Message::Gate));
        };
        let same = self.user.as_ref().is_some_and(|u| u.id == user.id);
        self.gate = None;
        self.last_activity = std::time::Instant::now();
        self.user = Some(user.clone());
        if same {
            return Vec::new();
        }
        // What the last user saw goes; a restore's notice (shown before
        // anyone logged in) stays for who logs in.
        if self.flash.as_ref().is_none_or(|f| f.key != "db-restored") {
            self.flash = None;
        }
        let id = user.id;
        let remember = Action::run(move |store| async move {
            Message::SettingSaved(store.set_current_user(id).await)
        });
        let mut jobs = self.carry_out(remember);
        // Nothing of the last user's screen stays (not even unsaved
        // typing to ask about): who handed over earlier comes back to
        // where they were; otherwise a legal advisor starts at Today,
        // where the agreements waiting for review are, everyone else at
        // the cases.
        let back = self
            .resume
            .iter()
            .position(|(id, _)| *id == user.id)
            .map(|at| self.resume.remove(at).1);
        let start = match back {
            Some(route) => route,
            None if user.role == accord_core::UserRole::LegalAdvisor => Route::Today,
            None => Route::Cases,
        };
        jobs.extend(self.go(start));
        jobs.extend(self.check_audit_for(&user));
        jobs
    }

    /// The encrypted file opened at the login: the app as it starts on
    /// it, with the user who logged in at the keyboard. A file that did
    /// not open after all shows the database error screen.
    fn unlocked(&mut self, boot: Boot) -> Vec<Job<Message>> {
        let url = self.url.take();
        let user = boot.user.clone();
        let opened = boot.store.is_ok();
        let locale = self.locale();
        *self = App::new(boot, url);
        if !opened {
            // The language of the login (the file's own setting was not
            // read).
            self.translations = accord_i18n::Translations::get(locale);
            return Vec::new();
        }
        self.gate = None;
        self.user = user.clone();
        self.last_activity = std::time::Instant::now();
        let mut jobs = self.navigate(Route::Cases);
        if let Some(user) = &user {
            jobs.extend(self.check_audit_for(user));
        }
        // The daily backup, which a plain file gets at start.
        jobs.extend(self.carry_out(Action::run(|store| async move {
            Message::SettingSaved(
                crate::cli::daily_backup(&store, chrono::Utc::now())
                    .await
                    .map(drop),
            )
        })));
        jobs
    }

    /// An administrator who logs in is told at once if the audit trail was
    /// tampered with.
    fn check_audit_for(&mut self, user: &accord_core::LocalUser) -> Vec<Job<Message>> {
        let mut jobs = Vec::new();
        if user.role == accord_core::UserRole::Administrator {
            // An administrator is told at once if the trail was tampered with.
            jobs.extend(self.carry_out(Action::run(|store| async move {
                Message::AuditChecked(
                    store
                        .verify_audit_chain()
                        .await
                        .map(|report| match report {
                            accord_store::ChainReport::Broken(at) => Some(at),
                            accord_store::ChainReport::Intact { .. } => None,
                        })
                        .map_err(AppError::from),
                )
            })));
        }
        jobs
    }

    /// The new database of the first start: the app works on it from now
    /// on, and the first-run screen goes on to the example offer.
    pub(super) fn began(&mut self, boot: Boot) -> Vec<Job<Message>> {
        let (Ok(store), Some(user)) = (boot.store, boot.user) else {
            return Vec::new();
        };
        self.store = Some(store);
        self.user = Some(user.clone());
        self.accounts = boot.accounts;
        self.lock_after = boot.lock_after;
        self.key = boot.key;
        self.last_activity = std::time::Instant::now();
        let empty = boot.first_page.total == 0;
        self.update(Message::FirstRun(first_run::Message::Created(Ok((
            user, empty,
        )))))
    }

    /// The database key, once a login opened an encrypted file.
    pub fn key(&self) -> Option<accord_store::DbKey> {
        self.key.clone()
    }

    /// For tests: the app as if nothing was typed or clicked for `idle`.
    pub fn idle_for(&mut self, idle: std::time::Duration) {
        if let Some(at) = std::time::Instant::now().checked_sub(idle) {
            self.last_activity = at;
        }
    }

    /// Whether the login or the lock is shown.
    pub fn gated(&self) -> bool {
        self.gate.is_some()
    }
}

/// The SQLite file the app works on: the `--db` path, or the default
/// database; `None` for a server URL.
pub(super) fn database_file(url: Option<&str>) -> Option<std::path::PathBuf> {
    match url {
        Some(u) if accord_store::is_url(u) => None,
        Some(path) => Some(std::path::PathBuf::from(path)),
        None => accord_store::default_database_path(),
    }
}

/// The newest backup in the backups folder beside the database file.
pub(super) fn newest_backup(url: Option<&str>) -> Option<accord_store::BackupEntry> {
    let file = database_file(url)?;
    let dir = file.parent()?.join(accord_store::BACKUP_FOLDER);
    accord_store::list_backups(&dir).ok()?.into_iter().next()
}

/// "Restore…" on the backups page: the backup is checked while the
/// database stays open (a refused backup changes nothing), then the
/// database is closed, the backup put in its place (the replaced file kept
/// aside) and the database opened again (an encrypted one at the login).
pub async fn restore_open_backup(
    url: Option<String>,
    backup: std::path::PathBuf,
    store: accord_store::Store,
) -> Message {
    let key = store.database_key();
    if let Err(e) = accord_store::Store::check_backup_with(&backup, key.as_ref()).await {
        return Message::Restored(Err(e.into()));
    }
    store.close().await;
    let answer = restore_backup(url.clone(), backup, key).await;
    match answer {
        // Not restored after all (another program had the file open): the
        // database as it was, opened again.
        Message::Restored(Err(e)) => {
            let mut boot = Boot::load(url).await;
            boot.notice = Some(e.phrase());
            Message::Rebooted(Box::new(boot))
        }
        other => other,
    }
}

/// "Restore this backup": checks the backup, puts it in place of the
/// database file (which is kept aside), and opens the database again.
/// Runs without a store (the database would not open).
pub async fn restore_backup(
    url: Option<String>,
    backup: std::path::PathBuf,
    key: Option<accord_store::DbKey>,
) -> Message {
    let Some(target) = database_file(url.as_deref()) else {
        return Message::Restored(Err(AppError::Store(StoreError::NotFound)));
    };
    match accord_store::restore_with(&backup, &target, key.as_ref()).await {
        Ok(restored) => {
            let boot = Boot::load(url).await;
            Message::Restored(Ok((Box::new(boot), restored.replaced)))
        }
        Err(e) => Message::Restored(Err(e.into())),
    }
}
