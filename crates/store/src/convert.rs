//! Entity <-> domain mapping. Stored codes that no longer parse (a newer
//! version wrote them) become a database error, never a panic.

use accord_core::{
    Agent, Case, CaseNumber, CaseStatus, Category, Choice, Currency, DisputedIssue, IntakeChannel,
    Money, Party, PartyKind, PartyRole,
};
use accord_entity::{case, disputed_issue, party};

use crate::{Result, StoreError};

pub(crate) fn code<T: Choice>(stored: &str) -> Result<T> {
    T::from_code(stored).ok_or_else(|| StoreError::Database(format!("unknown code {stored:?}")))
}

pub(crate) fn party_from(m: party::Model) -> Result<Party> {
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
        }),
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
