//! The settlement agreement as data: clauses, structured obligations with
//! their instalments, the completeness check per jurisdiction profile, and
//! the canonical content whose SHA-256 seals a final version.
//!
//! The words of the templates live in the locale files; this module only
//! names them (Fluent keys), so a legal advisor can change the wording
//! without touching code.
//!
//! Cut by concern: the content and its completeness check here, the review
//! workflow and the stored versions in `review`, who signs and how in
//! `signing`, the first draft taken from the mediation room in `prefill`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{AgentKind, Case, Category, Choice, Money, PartyKind};

mod amendment;
mod prefill;
mod review;
mod signing;
mod terms;

pub use amendment::{AMENDMENT_TEXT_MAX, Amendment, AmendmentKind, NewAmendment};
pub use review::{AgreementRecord, AgreementStatus, AgreementVersion};
pub use signing::{SignMethod, Signatory, SignatoryRole, Signature};
pub use terms::instalments_from_terms;

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
    /// Where it is performed (《人民调解工作若干规定》 art. 35: 方式、地点、
    /// 期限): the flat to be repaired, the office where cash is handed over.
    /// Left out of the stored form when empty, so agreements sealed before
    /// it existed keep their content hash.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    /// The receiving account of a transfer (bank, account name and number).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub account: String,
}

/// Words that make a method of payment a transfer to an account.
const TRANSFER_WORDS: [&str; 11] = [
    "转账",
    "汇款",
    "汇入",
    "银行",
    "微信",
    "支付宝",
    "transfer",
    "wire",
    "bank",
    "wechat",
    "alipay",
];

impl Obligation {
    /// Whether the payment is made into an account (a bank or app
    /// transfer), by its method as written: such a payment names the
    /// receiving account; any other is handed over at a place.
    pub fn is_transfer(&self) -> bool {
        let method = self.method.to_lowercase();
        self.kind == ObligationKind::Payment && TRANSFER_WORDS.iter().any(|w| method.contains(w))
    }

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
    /// What the mediation did (调解情况): who mediated, the meetings held,
    /// what was explained and checked. Printed under its own heading when
    /// written; left out of the stored form when empty, so agreements
    /// sealed before it existed keep their content hash.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mediation: String,
    /// Whether a missed instalment makes the whole unpaid balance due at
    /// once (an acceleration clause, printed among the terms).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acceleration: bool,
    /// Whether the release also waives unknown claims (California Civil
    /// Code §1542), in the generic English profile.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub waive_unknown_claims: bool,
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
    /// An organisation names nobody who signs for it (法定代表人/负责人).
    Representative { party: String },
    /// An appointed agent's powers (代理权限) are not written.
    AgentAuthority { party: String },
    /// A party under 18 has no statutory agent (法定代理人).
    StatutoryAgent { party: String },
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
    /// A payment names nobody who receives it.
    Creditor { obligation: usize },
    /// An obligation does not say how it is performed or paid.
    Method { obligation: usize },
    /// An act, or a payment not made by transfer, has no place.
    Place { obligation: usize },
    /// A transfer names no receiving account.
    Account { obligation: usize },
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
            Self::Representative { .. } => "missing-representative",
            Self::AgentAuthority { .. } => "missing-agent-authority",
            Self::StatutoryAgent { .. } => "missing-statutory-agent",
            Self::Facts => "missing-facts",
            Self::Terms => "missing-terms",
            Self::Deadline { .. } => "missing-deadline",
            Self::Amount { .. } => "missing-amount",
            Self::InstallmentSum { .. } => "missing-installment-sum",
            Self::Debtor { .. } => "missing-debtor",
            Self::Creditor { .. } => "missing-creditor",
            Self::Method { .. } => "missing-method",
            Self::Place { .. } => "missing-place",
            Self::Account { .. } => "missing-account",
            Self::Mediator => "missing-mediator",
            Self::Recorder => "missing-recorder",
        }
    }

    /// The message's arguments (party names, 1-based obligation numbers).
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Self::IdNumber { party }
            | Self::Address { party }
            | Self::Representative { party }
            | Self::AgentAuthority { party }
            | Self::StatutoryAgent { party } => vec![("party", party.clone())],
            Self::Deadline { obligation }
            | Self::Amount { obligation }
            | Self::InstallmentSum { obligation }
            | Self::Debtor { obligation }
            | Self::Creditor { obligation }
            | Self::Method { obligation }
            | Self::Place { obligation }
            | Self::Account { obligation } => vec![("n", (obligation + 1).to_string())],
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
            // An organisation signs through its representative; an agent
            // acts within written powers; a minor through a guardian.
            let name = || party.name.clone();
            if party.kind == PartyKind::Organisation && party.details.representative.is_none() {
                missing.push(Missing::Representative { party: name() });
            }
            match &party.agent {
                Some(agent)
                    if agent.kind == AgentKind::Entrusted && agent.authority.trim().is_empty() =>
                {
                    missing.push(Missing::AgentAuthority { party: name() });
                }
                Some(agent) if agent.kind == AgentKind::Statutory => {}
                _ if party.is_minor_on(today_in_china()) => {
                    missing.push(Missing::StatutoryAgent { party: name() });
                }
                _ => {}
            }
        }
        if self.facts.trim().is_empty() {
            missing.push(Missing::Facts);
        }
        if self.clauses.iter().all(|c| c.text.trim().is_empty()) && self.obligations.is_empty() {
            missing.push(Missing::Terms);
        }
        for (i, o) in self.obligations.iter().enumerate() {
            if case.party(o.debtor).is_none() {
                missing.push(Missing::Debtor { obligation: i });
            }
            if o.deadline().is_none() {
                missing.push(Missing::Deadline { obligation: i });
            }
            // 《人民调解工作若干规定》 art. 35: who receives, how, where.
            let payment = o.kind == ObligationKind::Payment;
            if payment && o.creditor.and_then(|id| case.party(id)).is_none() {
                missing.push(Missing::Creditor { obligation: i });
            }
            if o.method.trim().is_empty() {
                missing.push(Missing::Method { obligation: i });
            } else if o.is_transfer() {
                if o.account.trim().is_empty() {
                    missing.push(Missing::Account { obligation: i });
                }
            } else if o.place.trim().is_empty() {
                missing.push(Missing::Place { obligation: i });
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

/// Today's date where the centre works (China, UTC+8).
fn today_in_china() -> NaiveDate {
    let china = chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8");
    chrono::Utc::now().with_timezone(&china).date_naive()
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
        // "Binding and not subject to revocation" stands apart, above the
        // signatures; the §1542 waiver is a choice of the draft.
        Jurisdiction::GenericEnglish => &[
            "clause-en-default",
            "clause-en-confidentiality",
            "clause-en-no-admission",
            "clause-en-release",
            "clause-en-law",
            "clause-en-severability",
            "clause-en-counterparts",
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
            waive_unknown_claims: false,
            acceleration: false,
            mediation: String::new(),
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
                place: String::new(),
                account: "中国工商银行包头青山支行，户名：李玥，账号：6212 2602 0000 1234 567"
                    .into(),
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
    fn an_obligation_names_who_receives_how_and_where() {
        let c = case();
        let complete = agreement();
        assert_eq!(complete.missing(&c), Vec::new());
        // A payment to nobody ("…前向支付…") is refused.
        let mut a = complete.clone();
        a.obligations[0].creditor = None;
        assert_eq!(a.missing(&c), vec![Missing::Creditor { obligation: 0 }]);
        a.obligations[0].creditor = Some(99);
        assert_eq!(a.missing(&c), vec![Missing::Creditor { obligation: 0 }]);
        // No method: refused; a transfer names the account it goes to.
        let mut a = complete.clone();
        a.obligations[0].method.clear();
        assert_eq!(a.missing(&c), vec![Missing::Method { obligation: 0 }]);
        let mut a = complete.clone();
        a.obligations[0].account.clear();
        assert_eq!(a.missing(&c), vec![Missing::Account { obligation: 0 }]);
        // Cash is handed over somewhere.
        let mut a = complete.clone();
        a.obligations[0].method = "现金".into();
        assert_eq!(a.missing(&c), vec![Missing::Place { obligation: 0 }]);
        a.obligations[0].place = "青山路街道人民调解委员会".into();
        assert_eq!(a.missing(&c), Vec::new());
        // An act says how and where it is done; it has no creditor.
        let mut a = complete;
        a.obligations[0] = Obligation {
            creditor: None,
            kind: ObligationKind::Act,
            description: "修复六楼直饮水管道".into(),
            amount: None,
            installments: Vec::new(),
            due: Some(date(2025, 2, 20)),
            method: String::new(),
            place: String::new(),
            account: String::new(),
            ..a.obligations[0].clone()
        };
        assert_eq!(a.missing(&c), vec![Missing::Method { obligation: 0 }]);
        a.obligations[0].method = "委托具备资质的维修单位施工".into();
        assert_eq!(a.missing(&c), vec![Missing::Place { obligation: 0 }]);
        a.obligations[0].place = "青五社区3栋2单元601室".into();
        assert_eq!(a.missing(&c), Vec::new());
    }

    #[test]
    fn an_older_obligation_without_place_or_account_hashes_as_before() {
        // Stored before place and account existed: read as empty, written
        // back without them, so a sealed agreement's hash still holds.
        let mut old = agreement();
        old.obligations[0].account.clear();
        let text = serde_json::to_string(&old).expect("json");
        assert!(!text.contains("\"place\"") && !text.contains("\"account\""));
        let back: AgreementContent = serde_json::from_str(&text).expect("parse");
        assert_eq!(back, old);
        assert_eq!(back.content_hash(&case()), old.content_hash(&case()));
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
