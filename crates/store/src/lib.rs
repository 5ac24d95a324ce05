//! Async repositories over the database. Every change a user makes is one
//! transaction that also writes its audit event (see `write`: the only way
//! to commit a change is with its event); the domain types of
//! `accord-core` go in and come out, the entities stay inside.

mod accounts;
mod agreements;
mod amendments;
mod audit;
mod backup;
mod case_file;
mod cases;
mod convert;
mod db;
mod demo;
mod desk;
mod detail;
mod encrypted;
mod error;
mod exit;
mod followups;
mod grams;
mod keys;
mod reads;
mod risk;
mod roles;
mod room;
mod signing;
mod stats;
mod transfer;
mod trust;
mod unit;
mod users;
mod write;

// Domain types that moved to `accord-core`, still reachable here.
pub use accord_core::agreement::{AgreementRecord, AgreementVersion};
pub use accord_core::followup::{FollowUp, InstallmentStatus};
pub use accounts::NewAccount;
pub use agreements::ReviewItem;
pub use audit::{AuditEntry, AuditHead, BreakKind, ChainBreak, ChainReport};
pub use backup::{
    AutoBackup, BACKUP_DIR_SETTING, BACKUP_FOLDER, BackupEntry, BackupFile, BackupKind,
    BackupSummary, Restored, Retention, backup_file_name, list_backups, parse_backup_name, restore,
    restore_with,
};
pub use case_file::{Attachment, AttachmentKind, MAX_ATTACHMENT, sniff};
pub use cases::{CasePage, CaseQuery, CaseRow};
pub use db::{DEFAULT_DB_FILE, default_database_path, is_url, sqlite_url};
pub use desk::{
    Board, BoardCount, BoardRow, CaseDesk, DUE_WARNING_DAYS, OPEN_STATUSES, TIME_LIMIT_DAYS_PREFIX,
};
pub use detail::CaseDetail;
pub use encrypted::{FileKind, file_kind};
pub use error::StoreError;
pub use exit::{close_all, close_at_exit};
pub use followups::{
    NewEmail, NewPayment, OutboxMessage, REMINDER_DAYS, VisitRecord, outbox_states,
};
pub use grams::name_grams;
pub use keys::{DbKey, KEYS_SUFFIX, KeySlots, Slot, Who, keys_path, unlock as unlock_key};
pub use risk::{CaseFlag, Clearance};
pub use signing::{CentreKey, SealedPdf};
pub use stats::Classification;
pub use transfer::TableSummary;
pub use trust::CentreCertificate;
pub use unit::AllOrNothing;

/// Who makes a change: recorded in every audit event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub name: String,
}

impl Actor {
    /// Changes made by the program itself (e.g. `accord demo` before any
    /// user exists). It passes every role rule but makes no account: see
    /// `roles` for the rules and why (an actor without a user id is the
    /// program).
    pub fn system() -> Self {
        Self {
            user_id: None,
            name: "accord".to_owned(),
        }
    }
}

impl From<&accord_core::LocalUser> for Actor {
    fn from(user: &accord_core::LocalUser) -> Self {
        Self {
            user_id: Some(user.id),
            name: user.name.clone(),
        }
    }
}

/// The database, opened and migrated. Cheap to clone (a pool handle).
#[derive(Debug, Clone)]
pub struct Store {
    /// The pool, or the transaction of the [`AllOrNothing`] this store
    /// belongs to.
    db: unit::Db,
    /// Which computer this is, on a database shared by several rooms
    /// (PostgreSQL); `None` on a room's own SQLite file.
    device: Option<String>,
    /// The key of an encrypted SQLite file and where its slots are: kept
    /// while it is open, so that an account made or a password changed
    /// gets its slot. `None` on a plain file and on PostgreSQL.
    keys: Option<std::sync::Arc<Keyring>>,
    /// This store's own read-only connection to its SQLite file, for the
    /// screens' reads (see `reads`); `None` on a server and in memory.
    reader: Option<std::sync::Arc<reads::Reader>>,
}

/// An open encrypted file's key and its database file.
#[derive(Debug)]
pub(crate) struct Keyring {
    pub(crate) file: std::path::PathBuf,
    pub(crate) key: DbKey,
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The current time, truncated to milliseconds so that stored timestamps
/// compare and sort the same on every back end.
pub(crate) fn now() -> chrono::DateTime<chrono::Utc> {
    ms(chrono::Utc::now())
}

/// A time truncated to milliseconds: every stored timestamp is, so that a
/// copy to a back end with coarser timestamps (PostgreSQL keeps
/// microseconds) is exact.
pub(crate) fn ms(t: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}
