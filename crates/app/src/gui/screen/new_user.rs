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
}

impl NewUser {
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

    /// Empties the form after the user was added.
    pub fn clear(&mut self) {
        self.name.clear();
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
