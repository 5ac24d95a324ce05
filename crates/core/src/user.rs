//! The person at the keyboard: recorded as "who" in every audit event.

use serde::{Deserialize, Serialize};

use crate::ValidationError;

crate::choice! {
    /// What the local user does at the centre.
    pub enum UserRole {
        Mediator => "mediator", "user-role-mediator";
        LegalAdvisor => "legal_advisor", "user-role-legal-advisor";
        Administrator => "administrator", "user-role-administrator";
    }
}

/// A local user, chosen at first run and switchable in the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalUser {
    pub id: i64,
    pub name: String,
    pub role: UserRole,
}

impl LocalUser {
    /// Validates a name typed on the first-run screen.
    pub fn validate_name(name: &str) -> Result<String, ValidationError> {
        crate::party::validate_name(name)
    }
}
