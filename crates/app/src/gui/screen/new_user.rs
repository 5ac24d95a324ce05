//! The form that names a user and their role, shared by the first run and
//! the users screen: the name is checked before anything is stored, and a
//! refused name keeps what was typed with the reason under the field.

use accord_core::{LocalUser, UserRole, ValidationError};

use crate::gui::Labeled;

/// A user being added, as typed.
#[derive(Debug, Clone, Default)]
pub struct NewUser {
    name: String,
    role: Option<UserRole>,
    error: Option<ValidationError>,
    /// The account's login name, password and the password again.
    login: String,
    password: String,
    again: String,
    /// Why the login or the password were refused (a Fluent key and its
    /// arguments), shown under them.
    account_error: Option<(&'static str, Vec<(&'static str, String)>)>,
}

/// Which account field changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountField {
    Login,
    Password,
    Again,
}

impl NewUser {
    /// Whether anything was typed that leaving would lose.
    pub fn typed(&self) -> bool {
        [&self.name, &self.login, &self.password]
            .iter()
            .any(|s| !s.trim().is_empty())
    }

    /// The name field changed (the old complaint goes).
    pub fn name_changed(&mut self, name: String) {
        self.name = name;
        self.error = None;
    }

    /// A role was picked.
    pub fn role_picked(&mut self, role: Labeled<UserRole>) {
        self.role = Some(role.value);
    }

    /// The checked name and the role (a mediator unless picked), or `None`
    /// with the reason kept for the form.
    pub fn submit(&mut self) -> Option<(String, UserRole)> {
        match LocalUser::validate_name(&self.name) {
            Ok(name) => Some((name, self.role())),
            Err(e) => {
                self.error = Some(e);
                None
            }
        }
    }

    /// An account field changed (the old complaint goes).
    pub fn account_changed(&mut self, field: AccountField, value: String) {
        match field {
            AccountField::Login => self.login = value,
            AccountField::Password => self.password = value,
            AccountField::Again => self.again = value,
        }
        self.account_error = None;
    }

    /// The account as entered, checked, or `None` with the reasons kept:
    /// the name, a login name, a password long enough, typed twice alike.
    pub fn submit_account(&mut self, role: UserRole) -> Option<accord_store::NewAccount> {
        let name = self.submit().map(|(name, _)| name);
        let login = LocalUser::validate_login(&self.login);
        let password = LocalUser::validate_password(&self.password);
        let checked = match (login.as_ref().err(), password.as_ref().err()) {
            (Some(e), _) | (None, Some(e)) => Err((e.key(), e.args())),
            _ if self.password != self.again => Err(("error-password-again", Vec::new())),
            _ => Ok(()),
        };
        if let Err(reason) = checked {
            self.account_error = Some(reason);
            return None;
        }
        Some(accord_store::NewAccount {
            login: login.ok()?,
            name: name?,
            role,
            password: self.password.clone(),
        })
    }

    pub fn login(&self) -> &str {
        &self.login
    }

    pub fn password(&self) -> &str {
        &self.password
    }

    pub fn again(&self) -> &str {
        &self.again
    }

    /// Why the login or password were refused, as a Fluent key and args.
    pub fn account_error(&self) -> Option<&(&'static str, Vec<(&'static str, String)>)> {
        self.account_error.as_ref()
    }

    /// Empties the form after the user was added.
    pub fn clear(&mut self) {
        self.name.clear();
        self.login.clear();
        self.password.clear();
        self.again.clear();
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn role(&self) -> UserRole {
        self.role.unwrap_or(UserRole::Mediator)
    }

    pub fn error(&self) -> Option<&ValidationError> {
        self.error.as_ref()
    }
}
