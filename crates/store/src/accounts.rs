//! Accounts: a login name and a password for each user. Passwords are
//! kept only as argon2id hashes (PHC strings, salt and parameters
//! included); nobody can read one back, an administrator can only set a
//! new one. The first account is an administrator, made when no account
//! exists yet (the first start, or `accord demo` on a new database); every
//! later one is made by an administrator.

use accord_core::{AuditAction, Choice, LocalUser, UserRole};
use accord_entity::user;
use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::{SaltString, rand_core::OsRng},
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

use crate::{Actor, Result, Store, StoreError, users::user_from, write::AuditEvent};

/// [`crate::write::Write::serialise`]'s lock for making accounts: two
/// laptops on a new shared database cannot both make "the first" one.
const ACCOUNTS_LOCK: i64 = 0x4143_4143_4354;

/// argon2id, 64 MiB, 3 passes, one lane: about a third of a second on the
/// centre's two-core laptops (the `login` bench measures it), so guessing
/// passwords from a stolen file is slow. Stored with every hash, so
/// changing these later still verifies the old ones.
fn argon2() -> Argon2<'static> {
    let params = Params::new(64 * 1024, 3, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A hash nobody's password matches (made once per process), verified
/// when the login name is unknown, so that a wrong name takes as long as
/// a wrong password.
fn decoy_hash() -> String {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY
        .get_or_init(|| hash_now("not anyone's password").unwrap_or_default())
        .clone()
}

fn hash_now(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Database(format!("password hashing: {e}")))
}

/// Hashes off the async threads (it takes a third of a second).
async fn hash(password: &str) -> Result<String> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|e| StoreError::Database(e.to_string()))?
}

/// Whether `password` is the one `stored` was made from.
async fn verify(stored: String, password: &str) -> bool {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .is_ok_and(|h| argon2().verify_password(password.as_bytes(), &h).is_ok())
    })
    .await
    .unwrap_or(false)
}

/// An account as an administrator (or the first start) enters it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub login: String,
    pub name: String,
    pub role: UserRole,
    pub password: String,
}

pub(crate) async fn any_account(conn: &impl ConnectionTrait) -> Result<bool> {
    Ok(user::Entity::find()
        .filter(user::Column::PasswordHash.is_not_null())
        .one(conn)
        .await?
        .is_some())
}

/// Whether `actor` is an administrator with an account.
async fn is_administrator(conn: &impl ConnectionTrait, actor: &Actor) -> Result<bool> {
    let Some(id) = actor.user_id else {
        return Ok(false);
    };
    Ok(user::Entity::find_by_id(id)
        .one(conn)
        .await?
        .is_some_and(|u| u.role == UserRole::Administrator.code() && u.password_hash.is_some()))
}

impl Store {
    /// Whether anyone can log in yet (a user with a password).
    pub async fn has_accounts(&self) -> Result<bool> {
        any_account(&self.db).await
    }

    /// Makes an account. The first one is made by nobody (`by` is `None`)
    /// and must be an administrator; after that only an administrator
    /// makes accounts. A login name is taken once.
    pub async fn create_account(&self, by: Option<&Actor>, new: &NewAccount) -> Result<LocalUser> {
        let login = LocalUser::validate_login(&new.login)?;
        let name = LocalUser::validate_name(&new.name)?;
        LocalUser::validate_password(&new.password)?;
        let hashed = hash(&new.password).await?;
        let nobody = Actor::system();
        let mut change = self.write(by.unwrap_or(&nobody)).await?;
        change.serialise(ACCOUNTS_LOCK).await?;
        match by {
            None if any_account(&*change).await? => return Err(StoreError::NotAllowed),
            None if new.role != UserRole::Administrator => return Err(StoreError::NotAllowed),
            Some(actor) if !is_administrator(&*change, actor).await? => {
                return Err(StoreError::NotAllowed);
            }
            _ => {}
        }
        let taken = user::Entity::find()
            .filter(user::Column::Login.eq(login.as_str()))
            .one(&*change)
            .await?
            .is_some();
        if taken {
            return Err(StoreError::LoginTaken(login));
        }
        let model = user::ActiveModel {
            name: Set(name.clone()),
            role: Set(new.role.code().to_owned()),
            created_at: Set(crate::now()),
            login: Set(Some(login.clone())),
            password_hash: Set(Some(hashed)),
            ..Default::default()
        }
        .insert(&*change)
        .await?;
        if by.is_none() {
            change.record_as(Actor {
                user_id: Some(model.id),
                name: name.clone(),
            });
        }
        change
            .commit(AuditEvent::centre(
                AuditAction::UserCreated,
                serde_json::json!({
                    "user_id": model.id,
                    "login": login,
                    "name": name,
                    "role": new.role.code(),
                }),
            ))
            .await?;
        // An encrypted file: the new account's key slot.
        self.update_slot(&model)?;
        user_from(model)
    }

    /// Logs in by login name (the command line). An unknown name and a
    /// wrong password are refused alike, after the same work.
    pub async fn log_in(&self, login: &str, password: &str) -> Result<LocalUser> {
        let login = login.trim().to_ascii_lowercase();
        let found = user::Entity::find()
            .filter(user::Column::Login.eq(login.as_str()))
            .one(&self.db)
            .await?;
        self.check_password(found, password).await
    }

    /// Logs in as a user picked from the list (the window).
    pub async fn log_in_as(&self, user_id: i64, password: &str) -> Result<LocalUser> {
        let found = user::Entity::find_by_id(user_id).one(&self.db).await?;
        self.check_password(found, password).await
    }

    async fn check_password(
        &self,
        found: Option<user::Model>,
        password: &str,
    ) -> Result<LocalUser> {
        // The decoy is made (once per process) on every path, so the first
        // attempt with an unknown name costs what one with a known name
        // does.
        let decoy = decoy_hash();
        let stored = found.as_ref().and_then(|u| u.password_hash.clone());
        let matches = verify(stored.clone().unwrap_or(decoy), password).await;
        match found {
            Some(user) if matches && stored.is_some() => user_from(user),
            _ => Err(StoreError::WrongPassword),
        }
    }

    /// Sets a user's password: an administrator for anyone (a forgotten
    /// password is reset, never read), or a user for themself.
    pub async fn set_password(&self, by: &Actor, user_id: i64, password: &str) -> Result<()> {
        LocalUser::validate_password(password)?;
        let hashed = hash(password).await?;
        let change = self.write(by).await?;
        if by.user_id != Some(user_id) && !is_administrator(&*change, by).await? {
            return Err(StoreError::NotAllowed);
        }
        let model = user::Entity::find_by_id(user_id)
            .one(&*change)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut active: user::ActiveModel = model.into();
        active.password_hash = Set(Some(hashed));
        let updated = active.update(&*change).await?;
        change
            .commit(AuditEvent::centre(
                AuditAction::PasswordSet,
                serde_json::json!({ "user_id": user_id }),
            ))
            .await?;
        // An encrypted file: their key slot opens with the new password
        // (the file is not encrypted again).
        self.update_slot(&updated)
    }
}
