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
    /// What they log in as (`ACCORD_USER`).
    pub login: String,
    /// Whether a password is set (without one nobody can log in as them).
    pub has_password: bool,
}

/// The shortest password accepted.
pub const PASSWORD_MIN: usize = 8;

impl LocalUser {
    /// Validates a name typed on the first-run screen.
    pub fn validate_name(name: &str) -> Result<String, ValidationError> {
        crate::party::validate_name(name)
    }

    /// Validates a login name: 2 to 32 of a-z, 0-9, `.`, `_` and `-`,
    /// starting with a letter (what `ACCORD_USER` names). Capitals are
    /// taken as small letters.
    pub fn validate_login(login: &str) -> Result<String, ValidationError> {
        let login = login.trim().to_ascii_lowercase();
        let fine = (2..=32).contains(&login.len())
            && login.starts_with(|c: char| c.is_ascii_lowercase())
            && login
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
        if fine {
            Ok(login)
        } else {
            Err(ValidationError::Login)
        }
    }

    /// Validates a new password: at least [`PASSWORD_MIN`] characters, and
    /// not only spaces. It is never trimmed or changed.
    pub fn validate_password(password: &str) -> Result<(), ValidationError> {
        if password.chars().count() < PASSWORD_MIN || password.trim().is_empty() {
            Err(ValidationError::PasswordShort { min: PASSWORD_MIN })
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_login_is_short_plain_and_starts_with_a_letter() {
        assert_eq!(LocalUser::validate_login(" Admin "), Ok("admin".to_owned()));
        assert_eq!(
            LocalUser::validate_login("li.rf-2"),
            Ok("li.rf-2".to_owned())
        );
        for bad in ["", "a", "2admin", "边文玲", "ad min", &"a".repeat(33)] {
            assert_eq!(
                LocalUser::validate_login(bad),
                Err(ValidationError::Login),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn a_password_has_at_least_eight_characters() {
        assert!(LocalUser::validate_password("调解员密码很长").is_err());
        assert!(LocalUser::validate_password("        ").is_err());
        assert!(LocalUser::validate_password("调解员密码足够长了").is_ok());
    }
}
