//! sea-orm entities, one module per table. They mirror the migrations;
//! the store maps them to and from the domain types of `accord-core`.

pub mod agreement;
pub mod agreement_amendment;
pub mod agreement_version;
pub mod audit_event;
pub mod case;
pub mod case_assignment;
pub mod centre_key;
pub mod disputed_issue;
pub mod evaluation;
pub mod follow_up;
pub mod judicial_confirmation;
pub mod mediator;
pub mod oral_agreement;
pub mod outbox;
pub mod outbox_duplicate;
pub mod party;
pub mod party_name_gram;
pub mod payment;
pub mod recusal;
pub mod room_item;
pub mod room_item_version;
pub mod routing;
pub mod sealed_document;
pub mod sealed_duplicate;
pub mod session;
pub mod session_consent;
pub mod setting;
pub mod signature;

pub mod user;
