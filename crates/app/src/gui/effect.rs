//! Work the UI asks for that touches the database. `update` returns an
//! [`Effect`]; the application runs it off the UI thread and feeds the
//! result back as a message. Tests run the same effects directly.

use accord_core::{
    AuditAction, Case, CaseStatus, Disclosure, LocalUser, NewItem, Offer, RoomItem, Session,
    UserRole, ValidCase,
};
use accord_store::{Actor, AuditEntry, CasePage, CaseQuery, Store, StoreError};

/// A database job.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Fetch a page of the case list; `ticket` lets stale answers be dropped.
    LoadCases {
        ticket: u64,
        query: CaseQuery,
        append: bool,
    },
    /// Store a new case.
    SaveCase { actor: Actor, case: Box<ValidCase> },
    /// Fetch a case and its history.
    LoadCase(i64),
    /// Move a case to another status.
    ChangeStatus {
        actor: Actor,
        case_id: i64,
        version: i64,
        next: CaseStatus,
    },
    /// Add a local user and make them current.
    CreateUser {
        by: Option<Actor>,
        name: String,
        role: UserRole,
    },
    /// Make an existing user current.
    UseUser(LocalUser),
    /// Fetch the users.
    LoadUsers,
    /// Remember a preference.
    SaveSetting { key: &'static str, value: String },
    /// Load the example case.
    LoadDemo(Actor, accord_i18n::Locale),
    /// Open (or resume) the mediation room of a case.
    OpenRoom { actor: Actor, case_id: i64 },
    /// Save where the session stands.
    SaveSession {
        actor: Actor,
        session: Box<Session>,
        action: AuditAction,
    },
    /// Save a new room entry.
    RecordItem {
        actor: Actor,
        session_id: i64,
        item: NewItem,
    },
    /// Change who may see an entry.
    Disclose {
        actor: Actor,
        item_id: i64,
        disclosure: Disclosure,
    },
    /// Change an entry's words while its session is open.
    EditItem {
        actor: Actor,
        item_id: i64,
        text: String,
        offer: Option<Offer>,
    },
}

/// Everything the room screen shows.
pub type RoomData = (Case, Session, Vec<RoomItem>);

/// The result of an effect.
#[derive(Debug, Clone)]
pub enum Done {
    CasesLoaded {
        ticket: u64,
        append: bool,
        page: Result<CasePage, StoreError>,
    },
    CaseSaved(Result<Case, StoreError>),
    CaseLoaded(Result<(Case, Vec<AuditEntry>), StoreError>),
    StatusChanged(Result<(Case, Vec<AuditEntry>), StoreError>),
    UserReady(Result<LocalUser, StoreError>),
    UsersLoaded(Result<Vec<LocalUser>, StoreError>),
    SettingSaved(Result<(), StoreError>),
    DemoLoaded(Result<Case, StoreError>),
    RoomOpened(Result<RoomData, StoreError>),
    SessionSaved(Result<Session, StoreError>),
    ItemRecorded(Result<RoomItem, StoreError>),
    ItemReplaced(Result<RoomItem, StoreError>),
    /// The database was opened again after "Try again".
    Rebooted(Box<crate::gui::Boot>),
}

impl Effect {
    /// Runs the job against the store.
    pub async fn run(self, store: Store) -> Done {
        match self {
            Self::LoadCases {
                ticket,
                query,
                append,
            } => Done::CasesLoaded {
                ticket,
                append,
                page: store.list_cases(&query).await,
            },
            Self::SaveCase { actor, case } => {
                Done::CaseSaved(store.create_case(&actor, &case).await)
            }
            Self::LoadCase(id) => {
                Done::CaseLoaded(with_history(&store, store.case(id).await).await)
            }
            Self::ChangeStatus {
                actor,
                case_id,
                version,
                next,
            } => Done::StatusChanged(
                with_history(
                    &store,
                    store.change_status(&actor, case_id, version, next).await,
                )
                .await,
            ),
            Self::CreateUser { by, name, role } => Done::UserReady(
                async {
                    let user = store.create_user(by.as_ref(), &name, role).await?;
                    store.set_current_user(user.id).await?;
                    Ok(user)
                }
                .await,
            ),
            Self::UseUser(user) => {
                Done::UserReady(store.set_current_user(user.id).await.map(|()| user))
            }
            Self::LoadUsers => Done::UsersLoaded(store.users().await),
            Self::SaveSetting { key, value } => {
                Done::SettingSaved(store.set_setting(key, &value).await)
            }
            Self::LoadDemo(actor, locale) => {
                let t = accord_i18n::Translations::load_or_empty(locale);
                Done::DemoLoaded(
                    crate::publish::load_demo(&store, &actor, &t)
                        .await
                        .map(|(case, _)| case)
                        .map_err(|e| match e {
                            crate::publish::PublishError::Store(e) => e,
                            other => StoreError::Database(other.message(&t)),
                        }),
                )
            }

            Self::OpenRoom { actor, case_id } => {
                Done::RoomOpened(open_room(&store, &actor, case_id).await)
            }
            Self::SaveSession {
                actor,
                session,
                action,
            } => Done::SessionSaved(store.save_session(&actor, &session, action).await),
            Self::RecordItem {
                actor,
                session_id,
                item,
            } => Done::ItemRecorded(store.record_item(&actor, session_id, &item).await),
            Self::Disclose {
                actor,
                item_id,
                disclosure,
            } => Done::ItemReplaced(store.set_disclosure(&actor, item_id, disclosure).await),
            Self::EditItem {
                actor,
                item_id,
                text,
                offer,
            } => Done::ItemReplaced(store.edit_item(&actor, item_id, &text, offer).await),
        }
    }
}

async fn with_history(
    store: &Store,
    case: Result<Case, StoreError>,
) -> Result<(Case, Vec<AuditEntry>), StoreError> {
    let case = case?;
    let history = store.case_history(case.id).await?;
    Ok((case, history))
}

/// Opens (or resumes) a case's session and reads what the room shows.
pub async fn open_room(store: &Store, actor: &Actor, case_id: i64) -> Result<RoomData, StoreError> {
    let session = store.open_session(actor, case_id).await?;
    let case = store.case(case_id).await?;
    let items = store.room_items(session.id).await?;
    Ok((case, session, items))
}
