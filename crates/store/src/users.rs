//! Local users and remembered settings.

use accord_core::{AuditAction, Choice, LocalUser, UserRole};
use accord_entity::{setting, user};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, QueryOrder, sea_query::OnConflict};

use crate::{Actor, Result, Store, StoreError, convert::code, write::AuditEvent};

/// Settings keys.
pub(crate) const CURRENT_USER: &str = "current_user_id";

pub(crate) fn user_from(m: user::Model) -> Result<LocalUser> {
    Ok(LocalUser {
        login: m.login.unwrap_or_else(|| format!("user{}", m.id)),
        has_password: m.password_hash.is_some(),
        id: m.id,
        name: m.name,
        role: code::<UserRole>(&m.role)?,
    })
}

impl Store {
    /// All local users, in the order they were added.
    pub async fn users(&self) -> Result<Vec<LocalUser>> {
        user::Entity::find()
            .order_by_asc(user::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(user_from)
            .collect()
    }

    /// Adds a local user (no password: see [`Store::create_account`]).
    /// `by` is who adds them: an administrator ([`StoreError::NotAllowed`]
    /// otherwise). Nobody (`None`) adds one only while the database has no
    /// accounts (the first run, or the program on an unprotected
    /// database); the new user is then recorded as adding themself.
    pub async fn create_user(
        &self,
        by: Option<&Actor>,
        name: &str,
        role: UserRole,
    ) -> Result<LocalUser> {
        let name = LocalUser::validate_name(name)?;
        let first = Actor::system();
        let mut change = self.write(by.unwrap_or(&first)).await?;
        match by {
            None if crate::accounts::any_account(&*change).await? => {
                return Err(StoreError::NotAllowed);
            }
            None => {}
            Some(_) => change.require(UserRole::Administrator).await?,
        }
        let model = user::ActiveModel {
            name: Set(name.clone()),
            role: Set(role.code().to_owned()),
            created_at: Set(crate::now()),
            ..Default::default()
        }
        .insert(&*change)
        .await?;
        // Known by a login name from the start; no password yet.
        let mut named: user::ActiveModel = model.clone().into();
        named.login = Set(Some(format!("user{}", model.id)));
        let model = named.update(&*change).await?;
        if by.is_none() {
            change.record_as(Actor {
                user_id: Some(model.id),
                name: name.clone(),
            });
        }
        change
            .commit(AuditEvent::centre(
                AuditAction::UserCreated,
                serde_json::json!({ "user_id": model.id, "name": name, "role": role.code() }),
            ))
            .await?;
        user_from(model)
    }

    /// A remembered setting.
    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(setting::Entity::find_by_id(key.to_owned())
            .one(&self.db)
            .await?
            .map(|s| s.value))
    }

    /// Sets what the centre's agreements print of it (the court named in
    /// the judicial-confirmation notice, the format of document numbers),
    /// all in one change: only an administrator ([`StoreError::NotAllowed`]),
    /// and audited.
    pub async fn set_centre_details(&self, actor: &Actor, details: &[(&str, &str)]) -> Result<()> {
        let change = self.write(actor).await?;
        change.require(UserRole::Administrator).await?;
        for (key, value) in details {
            setting::Entity::insert(setting::ActiveModel {
                key: Set((*key).to_owned()),
                value: Set(value.trim().to_owned()),
            })
            .on_conflict(
                OnConflict::column(setting::Column::Key)
                    .update_column(setting::Column::Value)
                    .to_owned(),
            )
            .exec(&*change)
            .await?;
        }
        let changed: serde_json::Map<String, serde_json::Value> = details
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.trim().into()))
            .collect();
        change
            .commit(AuditEvent::centre(
                AuditAction::CentreDetailsChanged,
                serde_json::Value::Object(changed),
            ))
            .await
    }

    /// Remembers a setting (a preference, not a change to case data, so it
    /// is not audited and needs no [`crate::write::Write`]).
    pub async fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        setting::Entity::insert(setting::ActiveModel {
            key: Set(key.to_owned()),
            value: Set(value.to_owned()),
        })
        .on_conflict(
            OnConflict::column(setting::Column::Key)
                .update_column(setting::Column::Value)
                .to_owned(),
        )
        .exec(&self.db)
        .await?;
        Ok(())
    }

    /// Saves the centre's mail settings (the server, its sign-in, the
    /// sender; a password only sealed by the caller), named by the keys
    /// the app reads them under: one change, audited by key only (the
    /// values stay out of the log). Only an administrator
    /// ([`StoreError::NotAllowed`]).
    pub async fn save_mail_settings(&self, actor: &Actor, values: &[(&str, &str)]) -> Result<()> {
        let change = self.write(actor).await?;
        change.require(UserRole::Administrator).await?;
        for (key, value) in values {
            setting::Entity::insert(setting::ActiveModel {
                key: Set((*key).to_owned()),
                value: Set((*value).to_owned()),
            })
            .on_conflict(
                OnConflict::column(setting::Column::Key)
                    .update_column(setting::Column::Value)
                    .to_owned(),
            )
            .exec(&*change)
            .await?;
        }
        let keys: Vec<&str> = values.iter().map(|(k, _)| *k).collect();
        change
            .commit(AuditEvent::centre(
                AuditAction::MailSettingsChanged,
                serde_json::json!({ "keys": keys }),
            ))
            .await
    }

    /// A setting of this computer: on a database shared by several rooms
    /// each laptop keeps its own (language, larger text, who is using it,
    /// the room it was in), stored under the key `key@device`. Until this
    /// computer sets its own, the shared value (e.g. copied from a room's
    /// file) applies.
    pub async fn local_setting(&self, key: &str) -> Result<Option<String>> {
        match self.setting(&self.local_key(key)).await? {
            Some(value) => Ok(Some(value)),
            None if self.device.is_some() => self.setting(key).await,
            None => Ok(None),
        }
    }

    /// Remembers a setting of this computer; see [`Store::local_setting`].
    pub async fn set_local_setting(&self, key: &str, value: &str) -> Result<()> {
        self.set_setting(&self.local_key(key), value).await
    }

    fn local_key(&self, key: &str) -> String {
        match &self.device {
            Some(device) => format!("{key}@{device}"),
            None => key.to_owned(),
        }
    }

    /// The user chosen last time, if they still exist.
    pub async fn current_user(&self) -> Result<Option<LocalUser>> {
        let Some(id) = self
            .local_setting(CURRENT_USER)
            .await?
            .and_then(|v| v.parse::<i64>().ok())
        else {
            return Ok(None);
        };
        user::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .map(user_from)
            .transpose()
    }

    /// Makes a user the current one, remembered across restarts.
    pub async fn set_current_user(&self, user_id: i64) -> Result<()> {
        self.set_local_setting(CURRENT_USER, &user_id.to_string())
            .await
    }
}
