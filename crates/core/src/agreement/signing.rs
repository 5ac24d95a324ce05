//! Who signs an agreement, in print order, and how each signature is kept.

use serde::{Deserialize, Serialize};

use super::{AgreementContent, Jurisdiction};
use crate::{Case, PartyKind};

crate::choice! {
    /// Who signs in a signature box.
    pub enum SignatoryRole {
        Party => "party", "signatory-party";
        Mediator => "mediator", "signatory-mediator";
        Recorder => "recorder", "signatory-recorder";
        Witness => "witness", "signatory-witness";
        /// Signs for an organisation (法定代表人/负责人).
        Representative => "representative", "signatory-representative";
        /// Signs for a party as appointed agent (委托代理人).
        Agent => "agent", "signatory-agent";
        /// Signs for a minor or a person without full capacity (法定代理人).
        StatutoryAgent => "statutory_agent", "signatory-statutory-agent";
    }
}

crate::choice! {
    /// How a signatory signed.
    pub enum SignMethod {
        Pad => "pad", "sign-method-pad";
        Paper => "paper", "sign-method-paper";
    }
}

/// One signature box of the printed agreement, in print order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signatory {
    pub role: SignatoryRole,
    /// The party's role when a party signs.
    pub party: Option<crate::PartyRole>,
    pub name: String,
    /// Whether a fingerprint box is printed (a person under the PRC profile).
    pub fingerprint: bool,
    /// Whether a box for the seal is printed (an organisation under the
    /// PRC profile): an organisation seals, its representative signs.
    pub seal: bool,
    /// The party a representative or an agent signs for (its index in the
    /// case's parties): printed beside that party's box.
    pub for_party: Option<usize>,
}

/// A stored signature: strokes from the pad in a unit box (x right, y
/// down), or "on paper" (empty boxes are printed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signature {
    /// The box's index in [`AgreementContent::signatories`].
    pub slot: usize,
    pub name: String,
    pub method: SignMethod,
    pub strokes: Vec<Vec<(f32, f32)>>,
    pub signed_at: chrono::DateTime<chrono::Utc>,
}

impl AgreementContent {
    /// Everyone who signs, in print order: the parties, the mediator, the
    /// recorder (if any) and the witnesses.
    pub fn signatories(&self, case: &Case) -> Vec<Signatory> {
        let prc = self.jurisdiction == Jurisdiction::PrcPeoplesMediation;
        let mut out: Vec<Signatory> = case
            .parties
            .iter()
            .map(|p| Signatory {
                role: SignatoryRole::Party,
                party: Some(p.role),
                name: p.name.clone(),
                fingerprint: prc && p.kind == PartyKind::Person,
                seal: prc && p.kind == PartyKind::Organisation,
                for_party: None,
            })
            .collect();
        let plain = |role, name: &str| Signatory {
            role,
            party: None,
            name: name.trim().to_owned(),
            fingerprint: false,
            seal: false,
            for_party: None,
        };
        out.push(plain(SignatoryRole::Mediator, &self.mediator));
        if !self.recorder.trim().is_empty() {
            out.push(plain(SignatoryRole::Recorder, &self.recorder));
        }
        out.extend(
            self.witnesses
                .iter()
                .filter(|w| !w.trim().is_empty())
                .map(|w| plain(SignatoryRole::Witness, w)),
        );
        // Who signs for a party comes last, so that the boxes signed
        // before these existed keep their numbers; the print order puts
        // each beside its party.
        for (i, p) in case.parties.iter().enumerate() {
            let beside = |role, name: &str| Signatory {
                party: Some(p.role),
                for_party: Some(i),
                fingerprint: prc && role != SignatoryRole::Representative,
                ..plain(role, name)
            };
            // In the English settlement the company's own box is signed
            // "By" its representative.
            if prc
                && p.kind == PartyKind::Organisation
                && let Some(rep) = &p.details.representative
            {
                out.push(beside(SignatoryRole::Representative, &rep.name));
            }
            if let Some(agent) = &p.agent {
                let role = match agent.kind {
                    crate::AgentKind::Entrusted => SignatoryRole::Agent,
                    crate::AgentKind::Statutory => SignatoryRole::StatutoryAgent,
                };
                out.push(beside(role, &agent.name));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    #[test]
    fn signatories_are_the_parties_then_mediator_recorder_and_witnesses() {
        let case = demo::water_leak_stored_case();
        let content = demo::water_leak_agreement(&case);
        let s = content.signatories(&case);
        let names: Vec<_> = s.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["李玥", "赵喆", "王建国", "边文玲", "李瑞芳", "张勇"]
        );
        assert!(s[0].fingerprint && !s[3].fingerprint);
        assert_eq!(s[5].role, SignatoryRole::Witness);
    }
}
