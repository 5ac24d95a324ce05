//! The agreement's words and their order, composed in one pass from what
//! it is built from ([`AgreementInput`]) with the locale templates: the
//! parties, facts, disputed matters, terms and obligations, the court
//! notice, the signature boxes with any pad signatures, and the closing
//! lines with the committee and the date signed.

use accord_core::{
    Case, Choice, Money, Party, PartyKind, ResidentId,
    agreement::{
        AgreementContent, Jurisdiction, Obligation, ObligationKind, SignMethod, Signatory,
        SignatoryRole, Signature, fixed_clauses,
    },
    words,
};
use accord_i18n::{Arg, Locale, Translations};
use chrono::NaiveDate;

use crate::{AgreementDocument, Block, SignatureBox};

mod amendment;
pub use amendment::{AmendmentInput, amendment};

fn tr(t: &Translations, key: &str, args: &[(&str, String)]) -> String {
    let args: Vec<Arg<'_>> = args.iter().map(|(k, v)| (*k, v.as_str().into())).collect();
    t.tr_args(key, &args)
}

/// A date as the document's language writes it.
pub fn long_date(t: &Translations, date: NaiveDate) -> String {
    date.format(&t.tr("doc-format-date")).to_string()
}

/// An amount in words and figures, as legal documents write it.
pub fn amount(t: &Translations, money: Money) -> String {
    let in_words = match t.locale() {
        Locale::ZhCn => words::zh_capital(money),
        Locale::EnUs => words::en_words(money),
    };
    tr(
        t,
        "doc-amount",
        &[("words", in_words), ("figures", money.figures())],
    )
}

/// A party's details as the agreement prints them: the role and name with
/// sex and date of birth on the first line, then ID number, address,
/// phone and agent each on a line of its own.
fn party_block(t: &Translations, party: &Party) -> Block {
    let mut summary = vec![party.name.clone()];
    if party.kind == PartyKind::Person
        && let Some(id) = party
            .id_number
            .as_deref()
            .and_then(|id| ResidentId::parse(id).ok())
    {
        summary.push(match id.sex() {
            accord_core::Sex::Male => t.tr("doc-sex-male"),
            accord_core::Sex::Female => t.tr("doc-sex-female"),
        });
        summary.push(tr(
            t,
            "doc-born",
            &[("date", long_date(t, id.birth_date()))],
        ));
    }
    let mut details = Vec::new();
    if let Some(id) = &party.id_number {
        let key = if party.kind == PartyKind::Person {
            "doc-id-number"
        } else {
            "doc-credit-code"
        };
        details.push(tr(t, key, &[("id", id.clone())]));
    }
    if let Some(address) = &party.address {
        details.push(tr(t, "doc-address", &[("address", address.clone())]));
    }
    if let Some(phone) = &party.phone {
        details.push(tr(t, "doc-phone", &[("phone", phone.clone())]));
    }
    if let Some(agent) = &party.agent {
        details.push(tr(t, "doc-agent", &[("name", agent.name.clone())]));
    }
    Block::Party {
        role: tr(
            t,
            "doc-party-role",
            &[("role", t.tr(party.role.label_key()))],
        ),
        summary: summary.join(&t.tr("doc-separator")),
        details,
    }
}

fn name_of(case: &Case, id: Option<i64>) -> String {
    id.and_then(|id| case.parties.iter().find(|p| p.id == id))
        .map(|p| p.name.clone())
        .unwrap_or_default()
}

/// An obligation in words: who, to whom, what, how much, by when, how.
fn obligation_text(t: &Translations, case: &Case, o: &Obligation) -> String {
    let debtor = name_of(case, Some(o.debtor));
    let creditor = name_of(case, o.creditor);
    // "，支付方式：银行转账" / ", by bank transfer", or nothing at all.
    let method = match o.method.trim() {
        "" => String::new(),
        m => tr(t, "doc-method", &[("method", m.to_owned())]),
    };
    match o.kind {
        ObligationKind::Act => tr(
            t,
            "doc-obligation-act",
            &[
                ("debtor", debtor),
                ("what", o.description.clone()),
                ("due", o.due.map(|d| long_date(t, d)).unwrap_or_default()),
            ],
        ),
        ObligationKind::Payment if o.installments.len() <= 1 => {
            let due = o.deadline().map(|d| long_date(t, d)).unwrap_or_default();
            let total = o.amount.map(|m| amount(t, m)).unwrap_or_default();
            tr(
                t,
                "doc-obligation-payment",
                &[
                    ("debtor", debtor),
                    ("creditor", creditor),
                    ("what", o.description.clone()),
                    ("amount", total),
                    ("due", due),
                    ("how", method.clone()),
                ],
            )
        }
        ObligationKind::Payment => {
            let parts: Vec<String> = o
                .installments
                .iter()
                .enumerate()
                .map(|(i, inst)| {
                    tr(
                        t,
                        "doc-installment",
                        &[
                            ("n", (i + 1).to_string()),
                            ("due", long_date(t, inst.due)),
                            ("amount", amount(t, inst.amount)),
                        ],
                    )
                })
                .collect();
            tr(
                t,
                "doc-obligation-installments",
                &[
                    ("debtor", debtor),
                    ("creditor", creditor),
                    ("what", o.description.clone()),
                    ("amount", o.amount.map(|m| amount(t, m)).unwrap_or_default()),
                    ("count", o.installments.len().to_string()),
                    ("installments", parts.join(&t.tr("doc-list-separator"))),
                    ("how", method.clone()),
                ],
            )
        }
    }
}

/// The words above a signature line ("申请人（签名/按指印）").
pub fn signature_label(t: &Translations, s: &Signatory) -> String {
    match (s.role, s.party) {
        (SignatoryRole::Party, Some(role)) => {
            tr(t, "doc-sign-party", &[("role", t.tr(role.label_key()))])
        }
        (SignatoryRole::Mediator, _) => t.tr("doc-sign-mediator"),
        (SignatoryRole::Recorder, _) => t.tr("doc-sign-recorder"),
        _ => t.tr("doc-sign-witness"),
    }
}

/// "一" … "九十九" in Chinese, the number itself otherwise.
fn ordinal(t: &Translations, n: usize) -> String {
    match t.locale() {
        Locale::ZhCn => chinese_numeral(n),
        Locale::EnUs => n.to_string(),
    }
}

/// `n` in Chinese numerals, "一" … "九十九"; the digits outside 1 to 99.
fn chinese_numeral(n: usize) -> String {
    if n == 0 || n > 99 {
        return n.to_string();
    }
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, ones) = (n / 10, n % 10);
    match tens {
        0 => DIGITS[ones].to_owned(),
        1 => format!("十{}", DIGITS[ones]),
        _ => format!("{}十{}", DIGITS[tens], DIGITS[ones]),
    }
}

/// What the agreement is built from: the case and the agreed content, and,
/// once it is signed, the signatures, the date and the committee.
///
/// [`AgreementInput::new`] gives a draft (no signatures, a blank date
/// line, the generic committee line); set the other fields for the signed
/// agreement.
#[derive(Debug, Clone, Copy)]
pub struct AgreementInput<'a> {
    pub case: &'a Case,
    pub content: &'a AgreementContent,
    /// The stored signatures, by slot ([`AgreementContent::signatories`]
    /// order): the pad's strokes are drawn in their box; a signature on
    /// paper, or a slot without one, leaves the box empty for ink.
    pub signatures: &'a [Signature],
    /// The day the agreement was signed, printed in the date line; `None`
    /// prints a blank date line.
    pub signed_on: Option<NaiveDate>,
    /// The committee whose seal the agreement carries
    /// ("青山区青山路街道人民调解委员会（盖章）"); `None` prints the generic
    /// committee line. Only the PRC profile has a committee line.
    pub committee: Option<&'a str>,
}

impl<'a> AgreementInput<'a> {
    /// A draft of `content`: unsigned, undated, the committee unnamed.
    pub fn new(case: &'a Case, content: &'a AgreementContent) -> Self {
        Self {
            case,
            content,
            signatures: &[],
            signed_on: None,
            committee: None,
        }
    }
}

/// Builds the agreement's blocks in the translations' language.
pub fn agreement(t: &Translations, input: &AgreementInput<'_>) -> AgreementDocument {
    let (case, content) = (input.case, input.content);
    let prc = content.jurisdiction == Jurisdiction::PrcPeoplesMediation;
    let title = t.tr(if prc { "doc-title-prc" } else { "doc-title-en" });
    let number = case.number.to_string();
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::Reference(tr(t, "doc-number", &[("number", number.clone())])),
        Block::Heading(t.tr("doc-parties")),
    ];
    blocks.extend(case.parties.iter().map(|p| party_block(t, p)));
    blocks.push(Block::Heading(t.tr("doc-facts")));
    blocks.push(Block::Paragraph(content.facts.trim().to_owned()));
    disputed_matters(t, case, &mut blocks);
    blocks.push(Block::Heading(t.tr("doc-terms")));
    terms(t, case, content, &mut blocks);
    if prc {
        // People's Mediation Law art. 33, set apart so no party misses it.
        blocks.push(Block::Notice {
            lead: t.tr("doc-judicial-notice-lead"),
            text: t.tr("doc-judicial-notice"),
        });
    }
    blocks.push(Block::Signatures(signature_boxes(t, input)));
    blocks.push(Block::Closing(closing_lines(t, input, prc)));
    AgreementDocument {
        locale: t.locale(),
        title,
        number,
        blocks,
    }
}

/// The matters in dispute under their heading, one numbered item each;
/// nothing when the case lists none.
fn disputed_matters(t: &Translations, case: &Case, blocks: &mut Vec<Block>) {
    if case.issues.is_empty() {
        return;
    }
    blocks.push(Block::Heading(t.tr("doc-disputes")));
    let last = case.issues.len();
    for (i, issue) in case.issues.iter().enumerate() {
        let end = if i + 1 == last {
            "doc-item-end-last"
        } else {
            "doc-item-end"
        };
        blocks.push(Block::Item {
            marker: tr(t, "doc-item-marker", &[("n", ordinal(t, i + 1))]),
            text: format!("{}{}", issue.title.trim(), t.tr(end)),
        });
    }
}

/// The numbered terms: the clauses as written, the obligations in words,
/// then the profile's fixed clauses.
fn terms(t: &Translations, case: &Case, content: &AgreementContent, blocks: &mut Vec<Block>) {
    let copies = AgreementContent::copies(case).to_string();
    let texts = content
        .clauses
        .iter()
        .filter(|c| !c.text.trim().is_empty())
        .map(|clause| clause.text.trim().to_owned())
        .chain(
            content
                .obligations
                .iter()
                .map(|o| obligation_text(t, case, o)),
        )
        .chain(
            fixed_clauses(content.jurisdiction)
                .iter()
                .map(|key| tr(t, key, &[("copies", copies.clone())])),
        );
    blocks.extend(texts.enumerate().map(|(i, text)| Block::Term {
        number: i + 1,
        text,
    }));
}

/// One box per signatory, in print order. A box shows the strokes of the
/// last pad signature in its slot; a signature on paper leaves it empty
/// for ink.
fn signature_boxes(t: &Translations, input: &AgreementInput<'_>) -> Vec<SignatureBox> {
    input
        .content
        .signatories(input.case)
        .into_iter()
        .enumerate()
        .map(|(slot, s)| SignatureBox {
            label: signature_label(t, &s),
            name: s.name,
            fingerprint: s.fingerprint,
            fingerprint_label: if s.fingerprint {
                t.tr("doc-fingerprint")
            } else {
                String::new()
            },
            strokes: input
                .signatures
                .iter()
                .rev()
                .find(|s| s.slot == slot && s.method == SignMethod::Pad)
                .map(|s| s.strokes.clone())
                .unwrap_or_default(),
        })
        .collect()
}

/// The lines under the signatures: the committee's seal (PRC profile),
/// named when known, and the date signed or a blank date line.
fn closing_lines(t: &Translations, input: &AgreementInput<'_>, prc: bool) -> Vec<String> {
    let mut closing = Vec::new();
    if prc {
        closing.push(match input.committee {
            Some(name) => tr(t, "doc-committee-seal-named", &[("name", name.to_owned())]),
            None => t.tr("doc-committee-seal"),
        });
    }
    closing.push(match input.signed_on {
        Some(date) => tr(t, "doc-date-signed", &[("date", long_date(t, date))]),
        None => t.tr("doc-date-line"),
    });
    closing
}

#[cfg(test)]
mod tests;
