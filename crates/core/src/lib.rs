//! The pure domain of Accord: cases, parties, mediators, money and the rules
//! that keep them valid. No GUI, no database, no I/O, no async: everything
//! here is plain data and functions, so it compiles and tests in seconds and
//! every other crate can trust it.

pub mod agreement;
pub mod audit;
pub mod case;
pub mod conflict;
pub mod demo;
pub mod desk;
pub mod error;
pub mod followup;
pub mod id_number;
pub mod investigation;
pub mod mediator;
pub mod money;
pub mod party;
pub mod risk;
pub mod room;
pub mod stats;
pub mod time_limit;
pub mod user;
pub mod words;

pub use audit::AuditAction;
pub use case::{
    Case, CaseNumber, CaseStatus, Category, DisputedIssue, IntakeChannel, NewCase, NewIssue,
    ValidCase,
};
pub use error::{Field, FieldError, PartyField, ValidationError, ValidationErrors};
pub use id_number::{ResidentId, Sex, UnifiedCreditCode};
pub use mediator::{Mediator, MediatorDetails, MediatorType};
pub use money::{Currency, Money};
pub use party::{
    Agent, AgentKind, NewParty, Party, PartyDetails, PartyKind, PartyRole, Representative,
    RepresentativeTitle,
};
pub use room::{
    Disclosure, ItemKind, ItemVersion, NewItem, Offer, Presence, RoomItem, RoomView, Session,
    SessionError, StageKind, room_view,
};
pub use user::{LocalUser, UserRole};

/// Every closed set of choices the user picks from (categories, roles...)
/// has a stable code used in storage and a Fluent key used on screen.
pub trait Choice: Sized + Copy + 'static {
    /// All values, in the order they are offered to the user.
    const ALL: &'static [Self];
    /// Stable code stored in the database and printed in JSON.
    fn code(self) -> &'static str;
    /// The Fluent message id of the translated label.
    fn label_key(self) -> &'static str;
    /// Parses a stored code back.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.code() == code)
    }
}

/// Declares a [`Choice`] enum: variant, storage code and Fluent key.
#[macro_export]
macro_rules! choice {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:literal, $key:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        $vis enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $crate::Choice for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn code(self) -> &'static str { match self { $(Self::$variant => $code,)+ } }
            fn label_key(self) -> &'static str { match self { $(Self::$variant => $key,)+ } }
        }
    };
}
