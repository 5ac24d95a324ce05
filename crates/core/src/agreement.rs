//! The settlement agreement as data: clauses, structured obligations with
//! their instalments, the completeness check per jurisdiction profile, and
//! the canonical content whose SHA-256 seals a final version.
//!
//! The words of the templates live in the locale files; this module only
//! names them (Fluent keys), so a legal advisor can change the wording
//! without touching code.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{Case, Category, Choice, Money, PartyKind};

crate::choice! {
    /// Whose rules the agreement must satisfy.
    pub enum Jurisdiction {
        PrcPeoplesMediation => "prc_peoples_mediation", "jurisdiction-prc";
        GenericEnglish => "generic_english", "jurisdiction-generic-english";
    }
}

crate::choice! {
    /// What an obligation asks for.
    pub enum ObligationKind {
        Payment => "payment", "obligation-kind-payment";
        Act => "act", "obligation-kind-act";
    }
}

/// One due part of a payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Installment {
    pub due: NaiveDate,
    pub amount: Money,
}

/// Who owes whom what, by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Obligation {
    /// The party who must perform.
    pub debtor: i64,
    /// The party who receives (none for an act owed to everyone).
    pub creditor: Option<i64>,
    pub kind: ObligationKind,
    /// What is to be done, in words ("repair the drinking-water pipe").
    pub description: String,
    /// The total of a payment.
    pub amount: Option<Money>,
    /// When a payment falls due: one instalment for a single payment.
    pub installments: Vec<Installment>,
    /// The deadline of an act.
    pub due: Option<NaiveDate>,
    /// How it is paid or performed ("bank transfer", "in cash at the centre").
    pub method: String,
}

impl Obligation {
    /// The last day by which everything must be performed.
    pub fn deadline(&self) -> Option<NaiveDate> {
        match self.kind {
            ObligationKind::Payment => self.installments.iter().map(|i| i.due).max(),
            ObligationKind::Act => self.due,
        }
    }
}

/// A clause of free text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clause {
    pub text: String,
}

/// The content of an agreement: everything that is printed and sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementContent {
    pub jurisdiction: Jurisdiction,
    /// The main facts of the dispute, the disputed matters and each side's
    /// responsibility.
    pub facts: String,
    pub clauses: Vec<Clause>,
    pub obligations: Vec<Obligation>,
    pub mediator: String,
    pub recorder: String,
    pub witnesses: Vec<String>,
}

/// Something the agreement still lacks, with its Fluent key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    /// A party has no ID number / credit code.
    IdNumber { party: String },
    /// A party has no address.
    Address { party: String },
    /// The facts are empty.
    Facts,
    /// Nothing is agreed.
    Terms,
    /// An obligation has no performance deadline.
    Deadline { obligation: usize },
    /// A payment has no amount.
    Amount { obligation: usize },
    /// The instalments do not add up to the amount.
    InstallmentSum { obligation: usize },
    /// An obligation's debtor is not a party of the case.
    Debtor { obligation: usize },
    /// No mediator signs.
    Mediator,
    /// No recorder signs (PRC profile).
    Recorder,
}

impl Missing {
    /// The Fluent key of the message.
    pub fn key(&self) -> &'static str {
        match self {
            Self::IdNumber { .. } => "missing-id-number",
            Self::Address { .. } => "missing-address",
            Self::Facts => "missing-facts",
            Self::Terms => "missing-terms",
            Self::Deadline { .. } => "missing-deadline",
            Self::Amount { .. } => "missing-amount",
            Self::InstallmentSum { .. } => "missing-installment-sum",
            Self::Debtor { .. } => "missing-debtor",
            Self::Mediator => "missing-mediator",
            Self::Recorder => "missing-recorder",
        }
    }

    /// The message's arguments (party names, 1-based obligation numbers).
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Self::IdNumber { party } | Self::Address { party } => vec![("party", party.clone())],
            Self::Deadline { obligation }
            | Self::Amount { obligation }
            | Self::InstallmentSum { obligation }
            | Self::Debtor { obligation } => vec![("n", (obligation + 1).to_string())],
            _ => Vec::new(),
        }
    }
}

impl AgreementContent {
    /// What the agreement still lacks under its jurisdiction profile;
    /// finalising is refused until this is empty.
    pub fn missing(&self, case: &Case) -> Vec<Missing> {
        let mut missing = Vec::new();
        let prc = self.jurisdiction == Jurisdiction::PrcPeoplesMediation;
        for party in &case.parties {
            // Art. 29: the parties' basic details.
            if prc && party.id_number.is_none() {
                missing.push(Missing::IdNumber {
                    party: party.name.clone(),
                });
            }
            if party.address.is_none() && (prc || party.kind == PartyKind::Organisation) {
                missing.push(Missing::Address {
                    party: party.name.clone(),
                });
            }
        }
        if self.facts.trim().is_empty() {
            missing.push(Missing::Facts);
        }
        if self.clauses.iter().all(|c| c.text.trim().is_empty()) && self.obligations.is_empty() {
            missing.push(Missing::Terms);
        }
        for (i, o) in self.obligations.iter().enumerate() {
            if !case.parties.iter().any(|p| p.id == o.debtor) {
                missing.push(Missing::Debtor { obligation: i });
            }
            if o.deadline().is_none() {
                missing.push(Missing::Deadline { obligation: i });
            }
            if o.kind == ObligationKind::Payment {
                match o.amount {
                    None => missing.push(Missing::Amount { obligation: i }),
                    Some(total) => {
                        let sum: i64 = o.installments.iter().map(|i| i.amount.minor).sum();
                        if !o.installments.is_empty() && sum != total.minor {
                            missing.push(Missing::InstallmentSum { obligation: i });
                        }
                    }
                }
            }
        }
        if self.mediator.trim().is_empty() {
            missing.push(Missing::Mediator);
        }
        if prc && self.recorder.trim().is_empty() {
            missing.push(Missing::Recorder);
        }
        missing
    }

    /// The canonical bytes of the content together with the case facts it
    /// prints (parties, number): stable JSON, so the same agreement always
    /// hashes the same.
    pub fn canonical(&self, case: &Case) -> Vec<u8> {
        let parties: Vec<_> = case
            .parties
            .iter()
            .map(|p| {
                (
                    p.id,
                    p.role.code(),
                    &p.name,
                    &p.id_number,
                    &p.address,
                    &p.phone,
                )
            })
            .collect();
        let value = serde_json::json!({
            "format": "accord-agreement/1",
            "case": case.number.to_string(),
            "parties": parties,
            "content": self,
        });
        serde_json::to_vec(&value).unwrap_or_default()
    }

    /// The SHA-256 of the canonical content, in hex.
    pub fn content_hash(&self, case: &Case) -> String {
        let digest = Sha256::digest(self.canonical(case));
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// How many originals are printed: one per party and one for the
    /// committee ("本协议一式N份").
    pub fn copies(case: &Case) -> usize {
        case.parties.len() + 1
    }
}

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

    /// A first draft from the case and the mediation room: the case
    /// summary as the facts, the category's default clauses (already in
    /// words), and one payment obligation for each disputed issue on which
    /// an offer was put to the other side. The offer that stands is the last
    /// one shared on that issue: it was conveyed and, in the joint closing,
    /// agreed. An offer by a respondent makes that respondent the debtor of
    /// the first applicant; an amount the applicant agreed to accept makes
    /// the first respondent its debtor. Deadlines are left for the mediator
    /// to fill in: the completeness check asks for them.
    pub fn prefill(
        case: &Case,
        items: &[crate::RoomItem],
        clauses: Vec<String>,
        mediator: &str,
        jurisdiction: Jurisdiction,
    ) -> Self {
        use crate::{Disclosure, ItemKind, PartyRole};
        let first = |role| case.parties.iter().find(|p| p.role == role).map(|p| p.id);
        let obligations = case
            .issues
            .iter()
            .filter_map(|issue| {
                let offer = items
                    .iter()
                    .filter(|i| {
                        i.kind == ItemKind::Offer
                            && i.issue_id == Some(issue.id)
                            && matches!(i.disclosure, Disclosure::Shared { .. })
                            && i.offer.as_ref().is_some_and(|o| o.amount.is_some())
                    })
                    .max_by_key(|i| (i.recorded_at, i.id))?;
                let amount = offer.offer.as_ref().and_then(|o| o.amount)?;
                let by = case.parties.iter().find(|p| p.id == offer.party_id)?;
                let (debtor, creditor) = if by.role == PartyRole::Applicant {
                    (first(PartyRole::Respondent)?, Some(by.id))
                } else {
                    (by.id, first(PartyRole::Applicant))
                };
                let terms = offer.offer.as_ref().map(|o| o.terms.trim()).unwrap_or("");
                Some(Obligation {
                    debtor,
                    creditor,
                    kind: ObligationKind::Payment,
                    description: if terms.is_empty() {
                        issue.title.clone()
                    } else {
                        terms.to_owned()
                    },
                    amount: Some(amount),
                    installments: Vec::new(),
                    due: None,
                    method: String::new(),
                })
            })
            .collect();
        Self {
            jurisdiction,
            facts: case.summary.trim().to_owned(),
            clauses: clauses
                .into_iter()
                .filter(|c| !c.trim().is_empty())
                .map(|text| Clause { text })
                .collect(),
            obligations,
            mediator: mediator.trim().to_owned(),
            recorder: String::new(),
            witnesses: Vec::new(),
        }
    }
}

/// The Fluent keys of the default clauses for a category: what a
/// mediator usually agrees in such a dispute.
pub fn default_clauses(category: Category) -> &'static [&'static str] {
    match category {
        Category::Neighbour => &[
            "clause-neighbour-repair",
            "clause-neighbour-compensation",
            "clause-neighbour-goodwill",
        ],
        Category::PropertyManagement => &["clause-property-fees", "clause-property-service"],
        Category::Contract | Category::Consumer => &["clause-contract-performance"],
        Category::Finance => &["clause-finance-repayment"],
        Category::Family => &["clause-family-arrangement"],
        Category::Labour => &["clause-labour-wages"],
        Category::Other => &[],
    }
}

/// The Fluent keys of the fixed parts of each profile, in print order.
pub fn fixed_clauses(jurisdiction: Jurisdiction) -> &'static [&'static str] {
    match jurisdiction {
        Jurisdiction::PrcPeoplesMediation => &[
            "clause-prc-effect",
            "clause-prc-performance-supervision",
            "clause-prc-copies",
        ],
        Jurisdiction::GenericEnglish => &[
            "clause-en-binding",
            "clause-en-default",
            "clause-en-entire",
            "clause-en-copies",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Currency, demo};

    fn case() -> Case {
        demo::water_leak_stored_case()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn agreement() -> AgreementContent {
        AgreementContent {
            jurisdiction: Jurisdiction::PrcPeoplesMediation,
            facts: "六楼直饮水管道多次漏水，致楼下两户受损。".into(),
            clauses: vec![Clause {
                text: "王建国于2025年2月20日前修复管道。".into(),
            }],
            obligations: vec![Obligation {
                debtor: 3,
                creditor: Some(1),
                kind: ObligationKind::Payment,
                description: "赔偿李玥房屋及家具损失".into(),
                amount: Some(Money::major(8_000, Currency::Cny)),
                installments: vec![
                    Installment {
                        due: date(2025, 3, 1),
                        amount: Money::major(5_000, Currency::Cny),
                    },
                    Installment {
                        due: date(2025, 3, 31),
                        amount: Money::major(3_000, Currency::Cny),
                    },
                ],
                due: None,
                method: "银行转账".into(),
            }],
            mediator: "边文玲".into(),
            recorder: "李瑞芳".into(),
            witnesses: vec!["青山路街道司法所".into()],
        }
    }

    #[test]
    fn a_complete_agreement_has_nothing_missing() {
        assert_eq!(agreement().missing(&case()), Vec::new());
        assert_eq!(
            agreement().obligations[0].deadline(),
            Some(date(2025, 3, 31))
        );
        assert_eq!(AgreementContent::copies(&case()), 4);
    }

    #[test]
    fn an_agreement_without_a_deadline_is_refused_until_one_is_added() {
        let mut a = agreement();
        a.obligations[0].installments.clear();
        assert_eq!(
            a.missing(&case()),
            vec![Missing::Deadline { obligation: 0 }]
        );
        a.obligations[0].installments.push(Installment {
            due: date(2025, 3, 1),
            amount: Money::major(8_000, Currency::Cny),
        });
        assert_eq!(a.missing(&case()), Vec::new());
    }

    #[test]
    fn missing_details_are_named() {
        let mut c = case();
        c.parties[1].id_number = None;
        let mut a = agreement();
        a.obligations[0].installments[1].amount = Money::major(2_000, Currency::Cny);
        a.recorder.clear();
        let missing = a.missing(&c);
        assert!(missing.contains(&Missing::IdNumber {
            party: "赵喆".into()
        }));
        assert!(missing.contains(&Missing::InstallmentSum { obligation: 0 }));
        assert!(missing.contains(&Missing::Recorder));
        // The English profile needs no resident ID numbers nor a recorder.
        a.jurisdiction = Jurisdiction::GenericEnglish;
        assert_eq!(
            a.missing(&c),
            vec![Missing::InstallmentSum { obligation: 0 }]
        );
    }

    #[test]
    fn the_content_hash_is_stable_and_changes_with_any_word() {
        let a = agreement();
        let c = case();
        assert_eq!(a.content_hash(&c), a.content_hash(&c));
        assert_eq!(a.content_hash(&c).len(), 64);
        let mut b = a.clone();
        b.clauses[0].text.push('。');
        assert_ne!(a.content_hash(&c), b.content_hash(&c));
        let mut other = c.clone();
        other.parties[0].name = "李月".into();
        assert_ne!(a.content_hash(&c), a.content_hash(&other));
    }
}

crate::choice! {
    /// Where an agreement stands in review.
    pub enum AgreementStatus {
        Draft => "draft", "agreement-status-draft";
        InReview => "in_review", "agreement-status-in-review";
        Returned => "returned", "agreement-status-returned";
        Approved => "approved", "agreement-status-approved";
        Final => "final", "agreement-status-final";
    }
}

impl AgreementStatus {
    /// The review workflow: a draft goes to the legal advisor, who approves
    /// it or returns it with comments; an approved agreement is finalised
    /// (hashed and locked). Editing a returned, approved or final agreement
    /// makes a new draft version that needs approval again.
    pub fn can_become(self, next: AgreementStatus) -> bool {
        use AgreementStatus::*;
        matches!(
            (self, next),
            (Draft, InReview)
                | (InReview, Approved | Returned)
                | (Returned | Approved | Final, Draft)
                | (Approved, Final)
        )
    }

    /// Whether the content may be changed in place (otherwise a change
    /// starts a new draft version).
    pub fn editable(self) -> bool {
        self == AgreementStatus::Draft
    }
}

#[cfg(test)]
mod workflow_tests {
    use super::AgreementStatus::{self, *};
    use crate::Choice;

    #[test]
    fn only_an_approved_agreement_can_be_finalised() {
        assert!(Draft.can_become(InReview));
        assert!(InReview.can_become(Approved));
        assert!(InReview.can_become(Returned));
        assert!(Approved.can_become(Final));
        for &from in AgreementStatus::ALL {
            if from != Approved {
                assert!(!from.can_become(Final), "{from:?} must not be finalised");
            }
        }
        assert!(
            Final.can_become(Draft),
            "a change after finalising is a new version"
        );
        assert!(!Final.can_become(Approved));
        assert!(!Draft.can_become(Approved), "no approval without review");
        assert!(Draft.editable() && !Final.editable() && !InReview.editable());
    }
}

#[cfg(test)]
mod prefill_tests {
    use super::*;
    use crate::{Currency, Disclosure, ItemKind, Offer, RoomItem, demo};
    use chrono::{TimeZone, Utc};

    fn offer(id: i64, party_id: i64, issue: i64, yuan: i64, shared: bool, minute: u32) -> RoomItem {
        let at = Utc
            .with_ymd_and_hms(2025, 2, 12, 2, minute, 0)
            .single()
            .expect("time");
        RoomItem {
            id,
            party_id,
            issue_id: Some(issue),
            kind: ItemKind::Offer,
            text: String::new(),
            offer: Some(Offer {
                amount: Some(Money::major(yuan, Currency::Cny)),
                terms: String::new(),
            }),
            round: 1,
            recorded_at: at,
            disclosure: if shared {
                Disclosure::Shared {
                    at,
                    by: "边文玲".into(),
                }
            } else {
                Disclosure::Confidential
            },
            corrects: None,
        }
    }

    #[test]
    fn the_draft_takes_the_last_shared_offer_per_issue_and_leaves_deadlines_open() {
        let mut case = demo::water_leak_stored_case();
        case.issues = vec![
            crate::DisputedIssue {
                id: 10,
                title: "赔偿5楼李玥损失".into(),
                claimed: Some(Money::major(8_000, Currency::Cny)),
            },
            crate::DisputedIssue {
                id: 11,
                title: "赔偿4楼赵喆损失".into(),
                claimed: None,
            },
        ];
        let items = vec![
            // 王建国 (3) offers 5,000, then 7,000 (shared), then a confidential 9,000 ceiling.
            offer(1, 3, 10, 5_000, true, 1),
            offer(2, 3, 10, 7_000, true, 5),
            offer(3, 3, 10, 9_000, false, 9),
            // 赵喆 (2, applicant) says she would accept 3,500: shared.
            offer(4, 2, 11, 3_500, true, 7),
        ];
        let draft = AgreementContent::prefill(
            &case,
            &items,
            vec!["双方和睦相处。".into(), " ".into()],
            "边文玲",
            Jurisdiction::PrcPeoplesMediation,
        );
        assert_eq!(draft.clauses.len(), 1, "blank default clauses are dropped");
        assert_eq!(draft.obligations.len(), 2);
        let first = &draft.obligations[0];
        assert_eq!(first.amount, Some(Money::major(7_000, Currency::Cny)));
        assert_eq!((first.debtor, first.creditor), (3, Some(1)));
        let second = &draft.obligations[1];
        assert_eq!((second.debtor, second.creditor), (3, Some(2)));
        assert_eq!(second.description, "赔偿4楼赵喆损失");
        assert!(draft.facts.starts_with("青五社区"));
        let missing = draft.missing(&case);
        assert!(missing.contains(&Missing::Deadline { obligation: 0 }));
        assert!(missing.contains(&Missing::Recorder));
    }

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
