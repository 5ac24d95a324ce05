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
            })
            .collect();
        let plain = |role, name: &str| Signatory {
            role,
            party: None,
            name: name.trim().to_owned(),
            fingerprint: false,
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
