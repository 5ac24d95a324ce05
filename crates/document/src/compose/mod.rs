//! The agreement's words and their order, composed in one pass from what
//! it is built from ([`AgreementInput`]) with the locale templates: the
//! parties, facts, disputed matters, terms and obligations, the court
//! notice, the signature boxes with any pad signatures, and the closing
//! lines with the committee and the date signed.

use accord_core::{
    AgentKind, Case, Choice, Money, Party, PartyKind, RepresentativeTitle, ResidentId,
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
mod desk;
mod records;
pub use amendment::{AmendmentInput, amendment};
pub use desk::{JcInput, TransferInput, jc_application, jc_cover, transfer_slip};
pub use records::{
    CaseResult, CaseSource, ClosingInput, IntakeInput, InvestigationInput, MediationRecordInput,
    NoticeInput, OralInput, VisitInput, closing_report, intake_form, investigation_record,
    mediation_record, oral_agreement_form, recordable, return_visit_record, rights_notice,
};

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
fn party_block(t: &Translations, party: &Party, prc: bool) -> Block {
    let mut summary = vec![party.name.clone()];
    // A US settlement names the parties without sex, birth date, ethnic
    // group or ID numbers: those belong to the Chinese form (art. 29).
    if prc
        && party.kind == PartyKind::Person
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
    // "王某，男，汉族，1978年4月12日出生": 民族 after the sex.
    if let Some(ethnicity) = party.details.ethnicity.as_ref().filter(|_| prc) {
        let at = summary.len().min(2);
        summary.insert(
            at,
            tr(t, "doc-ethnicity", &[("ethnicity", ethnicity.clone())]),
        );
    }
    let mut details = Vec::new();
    if let Some(occupation) = party.details.occupation.as_ref().filter(|_| prc) {
        details.push(tr(
            t,
            "doc-occupation",
            &[("occupation", occupation.clone())],
        ));
    }
    if let Some(id) = party.id_number.as_ref().filter(|_| prc) {
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
    if let Some(rep) = &party.details.representative {
        let key = match rep.title {
            RepresentativeTitle::LegalRepresentative => "doc-representative-legal",
            RepresentativeTitle::PersonInCharge => "doc-representative-in-charge",
        };
        details.push(tr(t, key, &[("name", rep.name.clone())]));
    }
    if let Some(agent) = &party.agent {
        let name = ("name", agent.name.clone());
        details.push(match (agent.kind, agent.authority.trim()) {
            (AgentKind::Statutory, _) => tr(t, "doc-agent-statutory", &[name]),
            (AgentKind::Entrusted, "") => tr(t, "doc-agent", &[name]),
            (AgentKind::Entrusted, authority) => tr(
                t,
                "doc-agent-authority",
                &[name, ("authority", authority.to_owned())],
            ),
        });
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
    // How, then where or into which account: "，支付方式：银行转账，收款账户：
    // …" / ", by bank transfer, into …"; each part only when written.
    let part = |key: &str, name: &str, value: &str| match value.trim() {
        "" => String::new(),
        v => tr(t, key, &[(name, v.to_owned())]),
    };
    let method = match o.kind {
        ObligationKind::Act => [
            part("doc-act-method", "method", &o.method),
            part("doc-place-act", "place", &o.place),
        ]
        .concat(),
        ObligationKind::Payment => [
            part("doc-method", "method", &o.method),
            part("doc-account", "account", &o.account),
            part("doc-place-payment", "place", &o.place),
        ]
        .concat(),
    };
    match o.kind {
        ObligationKind::Act => tr(
            t,
            "doc-obligation-act",
            &[
                ("debtor", debtor),
                ("what", o.description.clone()),
                ("due", o.due.map(|d| long_date(t, d)).unwrap_or_default()),
                ("how", method),
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

/// The words above a signature line ("申请人（签名/按指印）", "被申请人
/// （盖章）", "被申请人法定代表人（签名）").
pub fn signature_label(t: &Translations, case: &Case, s: &Signatory) -> String {
    let role = || {
        (
            "role",
            s.party.map(|r| t.tr(r.label_key())).unwrap_or_default(),
        )
    };
    match (s.role, s.party) {
        (SignatoryRole::Party, Some(_)) if s.seal => tr(t, "doc-sign-organisation", &[role()]),
        (SignatoryRole::Party, Some(_)) => tr(t, "doc-sign-party", &[role()]),
        (SignatoryRole::Representative, _) => {
            let title = s
                .for_party
                .and_then(|i| case.parties.get(i))
                .and_then(|p| p.details.representative.as_ref())
                .map(|r| r.title);
            let key = match title {
                Some(RepresentativeTitle::PersonInCharge) => "doc-sign-representative-in-charge",
                _ => "doc-sign-representative-legal",
            };
            tr(t, key, &[role()])
        }
        (SignatoryRole::Agent, _) => tr(t, "doc-sign-agent", &[role()]),
        (SignatoryRole::StatutoryAgent, _) => tr(t, "doc-sign-statutory-agent", &[role()]),
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
    /// The basic people's court where the committee sits
    /// ("包头市青山区人民法院"), named in the judicial-confirmation notice;
    /// `None` describes it without a name.
    pub court: Option<&'a str>,
    /// The centre's format of document numbers ("（{year}）青山人调字第
    /// {seq}号", see [`accord_core::CaseNumber::formatted`]); `None` prints
    /// "编号：" and the case number.
    pub number_format: Option<&'a str>,
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
            court: None,
            number_format: None,
        }
    }
}

/// Builds the agreement's blocks in the translations' language.
pub fn agreement(t: &Translations, input: &AgreementInput<'_>) -> AgreementDocument {
    let (case, content) = (input.case, input.content);
    let prc = content.jurisdiction == Jurisdiction::PrcPeoplesMediation;
    let title = t.tr(if prc { "doc-title-prc" } else { "doc-title-en" });
    let (number, reference) = match input.number_format.map(str::trim).filter(|f| !f.is_empty()) {
        Some(format) => {
            let number = case.number.formatted(format);
            (number.clone(), number)
        }
        None => {
            let number = case.number.to_string();
            let reference = tr(t, "doc-number", &[("number", number.clone())]);
            (number, reference)
        }
    };
    let mut blocks = vec![Block::Title(title.clone()), Block::Reference(reference)];
    if prc && t.locale() != Locale::ZhCn {
        // A translation of the Chinese form says which text prevails.
        blocks.push(Block::Paragraph(t.tr("doc-translation-note")));
    }
    blocks.push(Block::Heading(t.tr("doc-parties")));
    blocks.extend(case.parties.iter().map(|p| party_block(t, p, prc)));
    // The heading of a US settlement's facts claims no responsibility.
    blocks.push(Block::Heading(t.tr(if prc {
        "doc-facts"
    } else {
        "doc-background"
    })));
    blocks.push(Block::Paragraph(content.facts.trim().to_owned()));
    disputed_matters(t, case, &mut blocks);
    if !content.mediation.trim().is_empty() {
        blocks.push(Block::Heading(t.tr("doc-mediation")));
        blocks.push(Block::Paragraph(content.mediation.trim().to_owned()));
    }
    blocks.push(Block::Heading(t.tr("doc-terms")));
    terms(t, case, content, &mut blocks);
    if prc {
        // People's Mediation Law art. 33, set apart so no party misses it,
        // before the last term (本协议一式N份), which the signatures follow.
        let notice = Block::Notice {
            lead: t.tr("doc-judicial-notice-lead"),
            text: judicial_notice(t, case, input.court),
        };
        let last_term = blocks
            .iter()
            .rposition(|b| matches!(b, Block::Term { .. }))
            .unwrap_or(blocks.len());
        blocks.insert(last_term, notice);
    } else {
        // Binding and not revocable, where no signer can miss it (as
        // California Evidence Code §1123 asks of a settlement to be
        // admissible).
        blocks.push(Block::Notice {
            lead: t.tr("doc-binding-lead"),
            text: t.tr("doc-binding"),
        });
    }
    blocks.push(Block::EndOfText(t.tr("doc-end-of-text")));
    blocks.push(Block::Signatures(signature_boxes(t, input)));
    blocks.push(Block::Closing(closing_lines(t, input, prc)));
    AgreementDocument {
        locale: t.locale(),
        signature_page: signature_page(t, &title, &number),
        title,
        number,
        blocks,
    }
}

/// The line at the top of a page of signatures without text.
pub(crate) fn signature_page(t: &Translations, title: &str, number: &str) -> String {
    tr(
        t,
        "doc-signature-page",
        &[("title", title.to_owned()), ("number", number.to_owned())],
    )
}

/// The notice of judicial confirmation (People's Mediation Law arts. 32
/// and 33, Civil Procedure Law art. 205): "双方当事人" for two parties,
/// "各方当事人" for more, and the court where the committee sits, named
/// when the centre has set it.
fn judicial_notice(t: &Translations, case: &Case, court: Option<&str>) -> String {
    let parties = t.tr(if case.parties.len() > 2 {
        "doc-notice-parties-many"
    } else {
        "doc-notice-parties-two"
    });
    let court = match court.map(str::trim).filter(|c| !c.is_empty()) {
        Some(court) => tr(t, "doc-notice-court-named", &[("court", court.to_owned())]),
        None => t.tr("doc-notice-court-default"),
    };
    tr(
        t,
        "doc-judicial-notice",
        &[("parties", parties), ("court", court)],
    )
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
            (content.acceleration && content.jurisdiction == Jurisdiction::PrcPeoplesMediation)
                .then(|| t.tr("clause-prc-acceleration")),
        )
        .chain(
            (content.waive_unknown_claims && content.jurisdiction == Jurisdiction::GenericEnglish)
                .then(|| t.tr("clause-en-1542")),
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

/// One box per signatory, in print order: each party followed by whoever
/// signs for it, then mediator, recorder and witnesses. A box shows the
/// strokes of the last pad signature in its slot; a signature on paper
/// leaves it empty for ink.
fn signature_boxes(t: &Translations, input: &AgreementInput<'_>) -> Vec<SignatureBox> {
    let prc = input.content.jurisdiction == Jurisdiction::PrcPeoplesMediation;
    let signatories = input.content.signatories(input.case);
    let parties = input.case.parties.len();
    // Slots in print order: party i, then the slots that sign for it.
    let mut order: Vec<usize> = Vec::with_capacity(signatories.len());
    for i in 0..parties {
        order.push(i);
        order.extend(
            signatories
                .iter()
                .enumerate()
                .filter(|(_, s)| s.for_party == Some(i))
                .map(|(slot, _)| slot),
        );
    }
    order
        .extend((parties..signatories.len()).filter(|&slot| signatories[slot].for_party.is_none()));
    order
        .into_iter()
        .map(|slot| {
            let s = &signatories[slot];
            let (mut label, mut name) = (signature_label(t, input.case, s), s.name.clone());
            let (mut line_prefix, mut extra) = (String::new(), Vec::new());
            if !prc {
                // A US settlement: a company signs "By" its officer, named
                // with the office held; every signer dates the signature.
                let company = (s.role == SignatoryRole::Party)
                    .then(|| input.case.parties.get(slot))
                    .flatten()
                    .filter(|p| p.kind == PartyKind::Organisation);
                if let Some(company) = company {
                    let role = s.party.map(|r| t.tr(r.label_key())).unwrap_or_default();
                    label = tr(
                        t,
                        "doc-sign-company",
                        &[("role", role), ("company", company.name.clone())],
                    );
                    line_prefix = t.tr("doc-sign-by");
                    let rep = company.details.representative.as_ref();
                    name = tr(
                        t,
                        "doc-sign-name",
                        &[("name", rep.map(|r| r.name.clone()).unwrap_or_default())],
                    );
                    if let Some(rep) = rep {
                        extra.push(tr(
                            t,
                            "doc-sign-its",
                            &[("title", t.tr(rep.title.label_key()))],
                        ));
                    }
                }
                extra.push(t.tr("doc-sign-date"));
            }
            SignatureBox {
                label,
                name,
                line_prefix,
                extra,
                fingerprint: s.fingerprint,
                fingerprint_label: if s.fingerprint {
                    t.tr("doc-fingerprint")
                } else if s.seal {
                    t.tr("doc-seal-box")
                } else {
                    String::new()
                },
                seal: s.seal,
                strokes: input
                    .signatures
                    .iter()
                    .rev()
                    .find(|sig| sig.slot == slot && sig.method == SignMethod::Pad)
                    .map(|sig| sig.strokes.clone())
                    .unwrap_or_default(),
            }
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
