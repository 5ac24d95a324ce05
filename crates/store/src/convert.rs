//! Entity <-> domain mapping. Stored codes that no longer parse (a newer
//! version wrote them) become a database error, never a panic.

use accord_core::{
    Agent, AgentKind, Case, CaseNumber, CaseStatus, Category, Choice, Currency, DisputedIssue,
    IntakeChannel, Money, Party, PartyDetails, PartyKind, PartyRole,
};
use accord_entity::{case, disputed_issue, party};

use crate::{Result, StoreError};

pub(crate) fn code<T: Choice>(stored: &str) -> Result<T> {
    T::from_code(stored).ok_or_else(|| StoreError::Database(format!("unknown code {stored:?}")))
}

/// What the `details` column holds: the party's printed details and its
/// agent's kind and powers.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct StoredDetails {
    #[serde(default, flatten)]
    pub(crate) details: PartyDetails,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) agent_kind: Option<AgentKind>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(crate) agent_authority: String,
}

/// The `details` column of a party: nothing when there is nothing to keep.
pub(crate) fn party_details(p: &Party) -> Option<String> {
    let stored = StoredDetails {
        details: p.details.clone(),
        agent_kind: p.agent.as_ref().map(|a| a.kind),
        agent_authority: p
            .agent
            .as_ref()
            .map(|a| a.authority.clone())
            .unwrap_or_default(),
    };
    let empty = stored.details.is_empty()
        && matches!(stored.agent_kind, None | Some(AgentKind::Entrusted))
        && stored.agent_authority.is_empty();
    (!empty).then(|| serde_json::to_string(&stored).unwrap_or_default())
}

pub(crate) fn party_from(m: party::Model) -> Result<Party> {
    let stored: StoredDetails = match m.details.as_deref() {
        Some(json) => serde_json::from_str(json)
            .map_err(|e| StoreError::Database(format!("party details: {e}")))?,
        None => StoredDetails::default(),
    };
    Ok(Party {
        id: m.id,
        kind: code::<PartyKind>(&m.kind)?,
        role: code::<PartyRole>(&m.role)?,
        name: m.name,
        id_number: m.id_number,
        phone: m.phone,
        address: m.address,
        email: m.email,
        agent: m.agent_name.map(|name| Agent {
            name,
            phone: m.agent_phone,
            kind: stored.agent_kind.unwrap_or(AgentKind::Entrusted),
            authority: stored.agent_authority,
        }),
        details: stored.details,
    })
}

pub(crate) fn issue_from(m: disputed_issue::Model) -> Result<DisputedIssue> {
    let claimed = match (m.claimed_minor, m.claimed_currency) {
        (Some(minor), Some(cur)) => Some(Money::new(minor, code::<Currency>(&cur)?)),
        _ => None,
    };
    Ok(DisputedIssue {
        id: m.id,
        title: m.title,
        claimed,
    })
}

pub(crate) fn case_from(
    m: case::Model,
    parties: Vec<party::Model>,
    issues: Vec<disputed_issue::Model>,
) -> Result<Case> {
    Ok(Case {
        id: m.id,
        number: CaseNumber::new(
            m.number_year,
            u32::try_from(m.number_seq).unwrap_or_default(),
        ),
        category: code::<Category>(&m.category)?,
        channel: code::<IntakeChannel>(&m.channel)?,
        received_at: m.received_at,
        summary: m.summary,
        status: code::<CaseStatus>(&m.status)?,
        parties: parties.into_iter().map(party_from).collect::<Result<_>>()?,
        issues: issues.into_iter().map(issue_from).collect::<Result<_>>()?,
        updated_at: m.updated_at,
        version: m.version,
    })
}
