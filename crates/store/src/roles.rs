//! Who may do what. Every rule is checked here, in the store, inside the
//! write transaction of the change it guards, so the window, the command
//! line and the tests obey the same rules; a refused change writes
//! nothing (no row, no audit event).
//!
//! The role is read from the `users` table by the actor's user id, inside
//! that transaction; the caller's word (a role, a name) is never taken. An
//! actor whose id names no user is refused everything guarded.
//!
//! An actor without a user id ([`Actor::system`]) is the program itself:
//! `accord demo` and the command line on a database without accounts,
//! background jobs, tests. It has every right below, four eyes included:
//! a database without accounts is unprotected (anyone at the keyboard runs
//! as the program), and the rules protect a database with accounts from
//! its users, not from the program. Only credentials are not the
//! program's to give: it makes no account and sets no password (see
//! `accounts`: the first account is made by nobody, the others by an
//! administrator who logged in).
//!
//! The rules:
//! - Users: only an administrator makes users and accounts and sets
//!   another user's password (`create_account`, `create_user`,
//!   `set_password`); the first account is made by nobody and must be an
//!   administrator; on a database without accounts yet, `create_user`
//!   with nobody (`None`) is the program adding a user (the first run).
//! - The seal key: only an administrator creates or imports one
//!   (`save_centre_key`); the first key, made when something is sealed
//!   and none exists yet (`centre_key_or_save`), is made for whoever seals.
//! - Mail settings: only an administrator saves them
//!   (`save_mail_settings`).
//! - Review: only a legal advisor approves or returns a version in review
//!   (`review_agreement*`), and never one they wrote (four eyes: by user
//!   id, by name for versions saved before ids were recorded):
//!   [`StoreError::OwnVersion`]. Anyone may submit a draft.
//! - Finalising (`finalise_agreement*`) needs the approved version to be
//!   complete and every signatory to have signed on the pad or be marked
//!   as signing on paper: [`StoreError::Unsigned`] names who has not.
//!
//! - The room of a case is its mediator's: only the program and the
//!   mediator of the case open it, record, edit and share in it, and read
//!   what was said there (`open_session`, `save_session`, `record_item`,
//!   `edit_item`, `set_disclosure`, `room_items`, `item_versions`); a
//!   legal advisor, an administrator or another mediator is refused
//!   ([`StoreError::NotAllowed`]). The mediator of a case is who took it
//!   in as a mediator, else the first mediator who opens its room (cases
//!   taken in by someone else wait for theirs). What was conveyed to both
//!   sides is readable by anyone who may see the case
//!   (`shared_room_items`, for the agreement's draft).
//!
//! - A mediator changes only the cases they mediate (or that nobody
//!   mediates yet): the status (`change_status`), the agreement
//!   (`save_agreement*`, `review_agreement*`, `finalise_agreement*`) and
//!   the signatures (`save_signature`); legal advisors and administrators
//!   work on every case.
//!
//! Not yet: the case list and the case file are readable by every user
//! (the roster issue assigns cases to mediators and teams).

use accord_core::{Choice, UserRole};
use accord_entity::user;
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::{Actor, Result, StoreError, write::Write};

/// The actor's role as stored: `None` for the program (no user id).
pub(crate) async fn role_of(
    conn: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Option<UserRole>> {
    let Some(id) = actor.user_id else {
        return Ok(None);
    };
    let stored = user::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotAllowed)?;
    Ok(Some(
        UserRole::from_code(&stored.role).ok_or(StoreError::NotAllowed)?,
    ))
}

/// Whether `actor` may work in the room of `case_id` and read what was
/// said there (see the module comment): `Ok(true)` when they are a
/// mediator and the case has no mediator yet (theirs to take).
pub(crate) async fn room_access(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    case_id: i64,
) -> Result<bool> {
    match role_of(conn, actor).await? {
        None => Ok(false),
        Some(UserRole::Mediator) => {
            let case = accord_entity::case::Entity::find_by_id(case_id)
                .one(conn)
                .await?
                .ok_or(StoreError::NotFound)?;
            match case.mediator_id {
                None => Ok(true),
                Some(id) if Some(id) == actor.user_id => Ok(false),
                Some(_) => Err(StoreError::NotAllowed),
            }
        }
        Some(_) => Err(StoreError::NotAllowed),
    }
}

/// Whether `actor` may change case `case_id` (its status, its agreement,
/// the signatures): anyone but a mediator who does not mediate it (a
/// case another mediator took). Legal advisors and administrators work on
/// every case.
pub(crate) async fn case_work(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    case_id: i64,
) -> Result<()> {
    if role_of(conn, actor).await? != Some(UserRole::Mediator) {
        return Ok(());
    }
    let case = accord_entity::case::Entity::find_by_id(case_id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    match case.mediator_id {
        Some(id) if Some(id) != actor.user_id => Err(StoreError::NotAllowed),
        _ => Ok(()),
    }
}

impl Write<'_> {
    /// The role of who makes this change, read in this transaction:
    /// `None` for the program.
    pub async fn role(&self) -> Result<Option<UserRole>> {
        role_of(&**self, self.actor()).await
    }

    /// Refuses the change ([`StoreError::NotAllowed`]) unless it is made by
    /// a user in `role` or by the program.
    pub async fn require(&self, role: UserRole) -> Result<()> {
        match self.role().await? {
            None => Ok(()),
            Some(r) if r == role => Ok(()),
            Some(_) => Err(StoreError::NotAllowed),
        }
    }
}
