//! The centre's 1+N roster of mediators.

use serde::{Deserialize, Serialize};

crate::choice! {
    /// The kind of mediator on the roster.
    pub enum MediatorType {
        PeoplesMediator => "peoples_mediator", "mediator-type-peoples";
        CourtInvited => "court_invited", "mediator-type-court-invited";
        PropertyExpert => "property_expert", "mediator-type-property-expert";
        Finance => "finance", "mediator-type-finance";
        Family => "family", "mediator-type-family";
        LegalAdvisor => "legal_advisor", "mediator-type-legal-advisor";
        ThirdPartyOrganisation => "third_party_organisation", "mediator-type-third-party-organisation";
    }
}

/// A roster entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mediator {
    pub id: i64,
    pub name: String,
    pub mediator_type: MediatorType,
    pub specialty: Option<String>,
    pub phone: Option<String>,
    pub active: bool,
}
