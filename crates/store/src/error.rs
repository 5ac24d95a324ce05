use accord_core::ValidationError;

/// Why a store operation failed. Cloneable so it can travel in a UI message.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    /// The database file could not be opened or migrated.
    #[error("cannot open the database at {location}: {detail}")]
    Open { location: String, detail: String },
    /// The database server did not answer (stopped, unreachable, or
    /// silent) within the connect timeout. `server` is `host:port`.
    #[error("cannot reach the database server at {server}: {detail}")]
    Unreachable { server: String, detail: String },
    /// The server's TLS certificate is not one the CA named in the URL
    /// (`sslrootcert`) vouches for: nothing was sent to it but the start
    /// of the connection.
    #[error("the database server {server} is not the one its certificate should show: {detail}")]
    UntrustedServer { server: String, detail: String },
    /// A command that only reads was given a file that is not there
    /// (nothing is created).
    #[error("no database at {location}")]
    Missing { location: String },
    /// A command that only reads was given an empty file: no database is
    /// in it, and nothing is written to it.
    #[error("{location} is an empty file, not a database")]
    EmptyFile { location: String },
    /// Another program holds the database locked (a long write, or an
    /// exclusive lock) longer than the busy timeout. `location` is empty
    /// when it happened after opening.
    #[error("another program is using the database {location}")]
    Locked { location: String },
    /// The file is not a SQLite database (or is damaged).
    #[error("{location} is not a database: {detail}")]
    NotADatabase { location: String, detail: String },
    /// The file is encrypted and was opened without its key (no login).
    #[error("the database {location} is encrypted: log in to open it")]
    Encrypted { location: String },
    /// The file may be read but not written. `location` is empty when the
    /// refusal came from a write after opening.
    #[error("the database {location} is read-only: {detail}")]
    ReadOnly { location: String, detail: String },
    /// Written by a newer Accord: it knows migrations this build does not,
    /// so nothing is written to it.
    #[error(
        "{location} was written by a newer Accord (schema {schema}); this version knows up to {known}"
    )]
    NewerSchema {
        location: String,
        schema: u64,
        known: u64,
    },
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(String),
    /// The record does not exist (any more).
    #[error("not found")]
    NotFound,
    /// Someone else changed the record since it was read.
    #[error("the record was changed by someone else")]
    Conflict,
    /// The change breaks a domain rule.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// The session does not allow this step now.
    #[error(transparent)]
    Session(accord_core::SessionError),
    /// The agreement lacks what finalising requires.
    #[error("the agreement is incomplete")]
    AgreementIncomplete(Vec<accord_core::agreement::Missing>),
    /// The agreement's review status does not allow this step.
    #[error("not possible while the agreement is {0:?}")]
    AgreementStatus(accord_core::agreement::AgreementStatus),
    /// The agreement is final: it is never changed again, neither by a new
    /// draft version nor by moving it back in review.
    #[error("the agreement is final and can no longer be changed")]
    AgreementFinal,
    /// The login name is unknown or the password is not its own (one
    /// message for both, so names cannot be found out by trying).
    #[error("wrong login name or password")]
    WrongPassword,
    /// The user's role does not allow this.
    #[error("not allowed for this user")]
    NotAllowed,
    /// Four eyes: the reviewer wrote the version under review; another
    /// legal advisor approves or returns it.
    #[error("nobody approves or returns a version they wrote")]
    OwnVersion,
    /// Finalising needs every signatory's signature, on the pad or marked
    /// "on paper"; these (by name, in print order) have neither.
    #[error("not signed yet by {}", .0.join(", "))]
    Unsigned(Vec<String>),
    /// Another account has this login name.
    #[error("the login name {0} is taken")]
    LoginTaken(String),
    /// The agreement was rescinded: nothing more is recorded or paid
    /// against it.
    #[error("the agreement was rescinded")]
    AgreementRescinded,
    /// A copy must go into an empty database.
    #[error("the target database is not empty: {table} has {rows} rows")]
    TargetNotEmpty { table: String, rows: u64 },
    /// After copying, a table differs between source and target.
    #[error(
        "{table} differs after copying: {source_rows} rows in the source, {target_rows} in the target"
    )]
    CopyMismatch {
        table: String,
        source_rows: u64,
        target_rows: u64,
    },
    /// A backup could not be written, or a restore could not move a file;
    /// nothing was left half-written or replaced.
    #[error("cannot write {location}: {detail}")]
    BackupFile { location: String, detail: String },
    /// A backup is not written over an existing file.
    #[error("{location} exists already")]
    BackupExists { location: String },
    /// There is no backup at the path given.
    #[error("no backup at {location}")]
    BackupMissing { location: String },
    /// The backup is damaged (its checksum, or SQLite's integrity check).
    #[error("the backup {location} is damaged: {detail}")]
    BackupDamaged { location: String, detail: String },
    /// The backup's audit trail does not verify.
    #[error("the audit chain of the backup {location} is broken at event {event} ({kind:?})")]
    BackupChainBroken {
        location: String,
        event: i64,
        kind: crate::BreakKind,
    },
}

impl From<sea_orm::DbErr> for StoreError {
    fn from(e: sea_orm::DbErr) -> Self {
        let detail = e.to_string();
        if is_locked(&detail) {
            return Self::Locked {
                location: String::new(),
            };
        }
        if detail.contains("readonly database") {
            return Self::ReadOnly {
                location: String::new(),
                detail,
            };
        }
        Self::Database(detail)
    }
}

/// Whether SQLite said another connection holds the file locked.
pub(crate) fn is_locked(detail: &str) -> bool {
    detail.contains("database is locked") || detail.contains("database is busy")
}

impl StoreError {
    /// The Fluent key and arguments for showing this error to a user.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            Self::Open { location, detail } => (
                "error-database-open",
                vec![("location", location.clone()), ("detail", detail.clone())],
            ),
            Self::Unreachable { server, detail } => (
                "error-database-unreachable",
                vec![("server", server.clone()), ("detail", detail.clone())],
            ),
            Self::UntrustedServer { server, detail } => (
                "error-database-untrusted",
                vec![("server", server.clone()), ("detail", detail.clone())],
            ),
            Self::Missing { location } => (
                "error-database-missing",
                vec![("location", location.clone())],
            ),
            Self::EmptyFile { location } => {
                ("error-database-empty", vec![("location", location.clone())])
            }
            Self::Locked { location } if location.is_empty() => {
                ("error-database-locked-write", Vec::new())
            }
            Self::Locked { location } => (
                "error-database-locked",
                vec![("location", location.clone())],
            ),
            Self::NotADatabase { location, detail } => (
                "error-database-not-a-database",
                vec![("location", location.clone()), ("detail", detail.clone())],
            ),
            Self::Encrypted { location } => (
                "error-database-encrypted",
                vec![("location", location.clone())],
            ),
            Self::ReadOnly { location, detail } if location.is_empty() => (
                "error-database-read-only-write",
                vec![("detail", detail.clone())],
            ),
            Self::ReadOnly { location, detail } => (
                "error-database-read-only",
                vec![("location", location.clone()), ("detail", detail.clone())],
            ),
            Self::NewerSchema {
                location,
                schema,
                known,
            } => (
                "error-database-newer",
                vec![
                    ("location", location.clone()),
                    ("schema", schema.to_string()),
                    ("known", known.to_string()),
                ],
            ),
            Self::Database(detail) => ("error-database", vec![("detail", detail.clone())]),
            Self::NotFound => ("error-not-found", Vec::new()),
            Self::Conflict => ("error-conflict", Vec::new()),
            Self::Invalid(e) => (e.key(), e.args()),
            Self::Session(e) => (e.key(), Vec::new()),
            Self::AgreementIncomplete(_) => ("error-agreement-incomplete", Vec::new()),
            Self::AgreementFinal => ("error-agreement-final", Vec::new()),
            Self::AgreementRescinded => ("error-agreement-rescinded", Vec::new()),
            Self::WrongPassword => ("error-wrong-password", Vec::new()),
            Self::NotAllowed => ("error-not-allowed", Vec::new()),
            Self::OwnVersion => ("error-own-version", Vec::new()),
            Self::Unsigned(names) => (
                "error-agreement-unsigned",
                vec![("names", names.join(", "))],
            ),
            Self::LoginTaken(login) => ("error-login-taken", vec![("login", login.clone())]),
            Self::TargetNotEmpty { table, rows } => (
                "error-copy-target-not-empty",
                vec![("table", table.clone()), ("rows", rows.to_string())],
            ),
            Self::CopyMismatch {
                table,
                source_rows,
                target_rows,
            } => (
                "error-copy-mismatch",
                vec![
                    ("table", table.clone()),
                    ("source", source_rows.to_string()),
                    ("target", target_rows.to_string()),
                ],
            ),
            Self::BackupFile { location, detail } => (
                "error-backup-file",
                vec![("location", location.clone()), ("detail", detail.clone())],
            ),
            Self::BackupExists { location } => {
                ("error-backup-exists", vec![("location", location.clone())])
            }
            Self::BackupMissing { location } => {
                ("error-backup-missing", vec![("location", location.clone())])
            }
            Self::BackupDamaged { location, detail } => (
                "error-backup-damaged",
                vec![("location", location.clone()), ("detail", detail.clone())],
            ),
            Self::BackupChainBroken {
                location,
                event,
                kind,
            } => (
                "error-backup-chain-broken",
                vec![
                    ("location", location.clone()),
                    ("event", event.to_string()),
                    (
                        "kind",
                        match kind {
                            crate::BreakKind::Changed => "changed",
                            crate::BreakKind::Deleted => "deleted",
                            crate::BreakKind::Inserted => "inserted",
                        }
                        .to_owned(),
                    ),
                ],
            ),
            Self::AgreementStatus(status) => {
                use accord_core::Choice;
                (
                    "error-agreement-status",
                    vec![("status", status.code().to_owned())],
                )
            }
        }
    }
}
