//! The papers of the centre's desk: the parties' joint application for
//! judicial confirmation of their agreement (司法确认申请书, Civil
//! Procedure Law art. 205 and the Supreme People's Court's provisions on
//! the procedure), the cover of the packet of materials each party takes
//! to the court, and the slip that transfers a case to the body it
//! belongs to, with a tear-off receipt for that body's answer.
//!
//! Like the supplementary agreement, each is composed from the case and
//! the locale's templates; the parties are described as on the agreement.

use accord_core::{
    AgentKind, Case, Choice, Party, PartyKind, PartyRole, RepresentativeTitle,
    desk::{CourtBasis, NewRouting, jc_deadline},
};
use accord_i18n::{Locale, Translations};
use chrono::{FixedOffset, NaiveDate};

use super::{long_date, party_block, signature_page, tr};
use crate::{AgreementDocument, Block, SignatureBox};

/// What the application for judicial confirmation, and each party's
/// packet cover, are built from.
#[derive(Debug, Clone)]
pub struct JcInput<'a> {
    pub case: &'a Case,
    /// The agreement's document number ("（2025）青山人调字第1号").
    pub agreement_number: String,
    /// The day the agreement took effect: the thirty days run from it.
    pub agreement_date: NaiveDate,
    /// The court applied to ("包头市青山区人民法院").
    pub court: String,
    /// Why that court is the competent one.
    pub basis: CourtBasis,
    /// The mediation committee that mediated the agreement.
    pub committee: String,
    /// The agreement's terms, each as printed, listed under the request.
    pub terms: Vec<String>,
    /// Whether proof of the property rights in dispute is enclosed.
    pub property: bool,
    /// The day of the application.
    pub date: NaiveDate,
}

/// What the transfer slip is built from.
#[derive(Debug, Clone)]
pub struct TransferInput<'a> {
    pub case: &'a Case,
    pub routing: &'a NewRouting,
    /// The committee that transfers the case.
    pub committee: String,
    /// The slip's number.
    pub number: String,
    /// The day the slip is issued.
    pub date: NaiveDate,
    /// The mediator who handles the transfer.
    pub mediator: String,
}

/// A paper the applicants file with the application (最高人民法院关于人民
/// 调解协议司法确认程序的若干规定 art. 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Enclosure {
    Agreement,
    Identity,
    Property,
    Service,
    PowerOfAttorney,
    Guardianship,
}

impl Enclosure {
    /// The papers for this application, in filing order: the property
    /// proof when listed, a power of attorney when a party has an
    /// appointed agent, proof of guardianship when one has a statutory
    /// agent.
    fn all(input: &JcInput<'_>) -> Vec<Enclosure> {
        let agent = |kind: AgentKind| {
            input
                .case
                .parties
                .iter()
                .any(|p| p.agent.as_ref().is_some_and(|a| a.kind == kind))
        };
        let mut out = vec![Self::Agreement, Self::Identity];
        if input.property {
            out.push(Self::Property);
        }
        out.push(Self::Service);
        if agent(AgentKind::Entrusted) {
            out.push(Self::PowerOfAttorney);
        }
        if agent(AgentKind::Statutory) {
            out.push(Self::Guardianship);
        }
        out
    }

    /// The paper's name as the checklist gives it.
    fn key(self) -> &'static str {
        match self {
            Self::Agreement => "jc-doc-enclosure-agreement",
            Self::Identity => "jc-doc-enclosure-identity",
            Self::Property => "jc-doc-enclosure-property",
            Self::Service => "jc-doc-enclosure-service",
            Self::PowerOfAttorney => "jc-doc-enclosure-power",
            Self::Guardianship => "jc-doc-enclosure-guardian",
        }
    }
}

/// A title that the locale breaks over lines (a long English title):
/// one title block per line, and the title as one line.
pub(super) fn title_blocks(title: &str) -> (String, Vec<Block>) {
    let lines: Vec<&str> = title
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let blocks = lines
        .iter()
        .map(|l| Block::Title((*l).to_owned()))
        .collect();
    (lines.join(" "), blocks)
}

/// A labelled line ("受理法院：包头市青山区人民法院"): the label in bold.
pub(super) fn field(t: &Translations, label: &str, value: String) -> Block {
    Block::Party {
        role: t.tr(label),
        summary: value,
        details: Vec::new(),
    }
}

/// A flush-left line in the regular face (a salutation).
pub(super) fn plain_line(text: String) -> Block {
    Block::Party {
        role: String::new(),
        summary: text,
        details: Vec::new(),
    }
}

/// "1、" or "1. ".
pub(super) fn marker(t: &Translations, n: usize) -> String {
    tr(t, "doc-item-marker", &[("n", n.to_string())])
}

/// The role label of a joint applicant: every party applies.
fn applicant(t: &Translations) -> String {
    t.tr(PartyRole::Applicant.label_key())
}

/// The day the case was received, in the centre's time zone (UTC+8).
pub(super) fn received_on(case: &Case) -> NaiveDate {
    FixedOffset::east_opt(8 * 3600)
        .map(|china| case.received_at.with_timezone(&china).date_naive())
        .unwrap_or_else(|| case.received_at.date_naive())
}

/// The parties' joint application for judicial confirmation of their
/// agreement, addressed to the court: the applicants as on the agreement,
/// the request with the agreement's terms, the facts and reasons with the
/// legal basis and the thirty days, the court's competence, the papers
/// enclosed, the applicants' undertaking, a box for each to sign, and the
/// date.
pub fn jc_application(t: &Translations, input: &JcInput<'_>) -> AgreementDocument {
    let case = input.case;
    let (title, mut blocks) = title_blocks(&t.tr("jc-doc-title"));
    if t.locale() != Locale::ZhCn {
        blocks.push(Block::Paragraph(t.tr("jc-doc-translation-note")));
    }
    blocks.push(field(t, "jc-doc-to", input.court.trim().to_owned()));
    let role = tr(t, "doc-party-role", &[("role", applicant(t))]);
    blocks.extend(case.parties.iter().map(|p| match party_block(t, p, true) {
        Block::Party {
            summary, details, ..
        } => Block::Party {
            role: role.clone(),
            summary,
            details,
        },
        other => other,
    }));
    let agreed = long_date(t, input.agreement_date);
    blocks.push(Block::Heading(t.tr("jc-doc-request-heading")));
    blocks.push(Block::Paragraph(tr(
        t,
        "jc-doc-request",
        &[
            ("date", agreed.clone()),
            ("committee", input.committee.clone()),
            ("number", input.agreement_number.clone()),
        ],
    )));
    let terms: Vec<&str> = input
        .terms
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if !terms.is_empty() {
        blocks.push(Block::Paragraph(t.tr("jc-doc-terms-intro")));
        blocks.extend(terms.iter().enumerate().map(|(i, text)| Block::Term {
            number: i + 1,
            text: (*text).to_owned(),
        }));
    }
    blocks.push(Block::Heading(t.tr("jc-doc-facts-heading")));
    blocks.push(Block::Paragraph(tr(
        t,
        "jc-doc-facts",
        &[
            ("category", t.tr(case.category.label_key())),
            ("committee", input.committee.clone()),
            ("received", long_date(t, received_on(case))),
            ("date", agreed),
            ("deadline", long_date(t, jc_deadline(input.agreement_date))),
        ],
    )));
    blocks.push(Block::Heading(t.tr("jc-doc-court-heading")));
    blocks.push(Block::Paragraph(tr(
        t,
        "jc-doc-court-basis",
        &[("basis", t.tr(input.basis.label_key()))],
    )));
    blocks.push(Block::Heading(t.tr("jc-doc-enclosures-heading")));
    let organisation = case
        .parties
        .iter()
        .any(|p| p.kind == PartyKind::Organisation);
    blocks.extend(
        Enclosure::all(input)
            .into_iter()
            .enumerate()
            .map(|(i, e)| Block::Item {
                marker: marker(t, i + 1),
                text: t.tr(match e {
                    Enclosure::Identity if organisation => "jc-doc-enclosure-identity-organisation",
                    e => e.key(),
                }),
            }),
    );
    blocks.push(Block::Notice {
        lead: t.tr("jc-doc-undertaking-lead"),
        text: t.tr("jc-doc-undertaking"),
    });
    blocks.push(Block::EndOfText(t.tr("doc-end-of-text")));
    blocks.push(Block::Signatures(
        case.parties
            .iter()
            .flat_map(|p| applicant_boxes(t, p))
            .collect(),
    ));
    blocks.push(Block::Closing(vec![tr(
        t,
        "doc-date-signed",
        &[("date", long_date(t, input.date))],
    )]));
    let number = input.agreement_number.clone();
    AgreementDocument {
        locale: t.locale(),
        signature_page: signature_page(t, &title, &number),
        title,
        number,
        blocks,
    }
}

/// A box to sign in, empty for ink.
pub(super) fn signature_box(label: String, name: String) -> SignatureBox {
    SignatureBox {
        label,
        name,
        fingerprint: false,
        fingerprint_label: String::new(),
        seal: false,
        line_prefix: String::new(),
        extra: Vec::new(),
        strokes: Vec::new(),
    }
}

/// Where an applicant signs, under the label "申请人".
fn applicant_boxes(t: &Translations, party: &Party) -> Vec<SignatureBox> {
    party_boxes(t, party, applicant(t))
}

/// Where a party signs under the label of `role` ("申请人", "被申请人"):
/// a person signs and presses a finger; an organisation seals and its
/// representative signs; an agent signs beside the party it acts for.
pub(super) fn party_boxes(t: &Translations, party: &Party, role: String) -> Vec<SignatureBox> {
    let role = || ("role", role.clone());
    let mut boxes = Vec::new();
    if party.kind == PartyKind::Person {
        boxes.push(SignatureBox {
            fingerprint: true,
            fingerprint_label: t.tr("doc-fingerprint"),
            ..signature_box(tr(t, "doc-sign-party", &[role()]), party.name.clone())
        });
    } else {
        boxes.push(SignatureBox {
            seal: true,
            fingerprint_label: t.tr("doc-seal-box"),
            ..signature_box(
                tr(t, "doc-sign-organisation", &[role()]),
                party.name.clone(),
            )
        });
        if let Some(rep) = &party.details.representative {
            let key = match rep.title {
                RepresentativeTitle::LegalRepresentative => "doc-sign-representative-legal",
                RepresentativeTitle::PersonInCharge => "doc-sign-representative-in-charge",
            };
            boxes.push(signature_box(tr(t, key, &[role()]), rep.name.clone()));
        }
    }
    if let Some(agent) = &party.agent {
        let key = match agent.kind {
            AgentKind::Entrusted => "doc-sign-agent",
            AgentKind::Statutory => "doc-sign-statutory-agent",
        };
        boxes.push(signature_box(tr(t, key, &[role()]), agent.name.clone()));
    }
    boxes
}

/// The cover of one party's packet of materials for the court: the court,
/// the committee, the case and agreement numbers, the party, the papers
/// with blanks for copies and pages, and the party's signature on
/// receipt. A party index outside the case leaves the name blank.
pub fn jc_cover(t: &Translations, input: &JcInput<'_>, party_index: usize) -> AgreementDocument {
    let case = input.case;
    let name = case
        .parties
        .get(party_index)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let (title, mut blocks) = title_blocks(&t.tr("jc-doc-cover-title"));
    blocks.extend([
        field(t, "jc-doc-cover-court", input.court.trim().to_owned()),
        field(t, "jc-doc-cover-committee", input.committee.clone()),
        field(t, "jc-doc-cover-case", case.number.to_string()),
        field(t, "jc-doc-cover-agreement", input.agreement_number.clone()),
        field(t, "jc-doc-cover-party", name.clone()),
        Block::Heading(t.tr("jc-doc-cover-checklist")),
    ]);
    let items: Vec<String> = Enclosure::all(input)
        .into_iter()
        .map(|e| t.tr(e.key()))
        .collect();
    // The blanks line up where the names are set in full-width characters
    // (Chinese); the template decides whether to use the padding.
    let widest = items.iter().map(|s| s.chars().count()).max().unwrap_or(0);
    blocks.extend(items.iter().enumerate().map(|(i, item)| {
        let pad = "\u{3000}".repeat(widest - item.chars().count() + 1);
        Block::Item {
            marker: marker(t, i + 1),
            text: tr(
                t,
                "jc-doc-cover-item",
                &[("item", item.clone()), ("pad", pad)],
            ),
        }
    }));
    blocks.push(Block::Paragraph(t.tr("jc-doc-cover-receipt")));
    blocks.push(Block::Signatures(vec![SignatureBox {
        extra: vec![t.tr("doc-sign-date")],
        ..signature_box(t.tr("jc-doc-cover-sign"), name)
    }]));
    blocks.push(Block::Closing(vec![
        tr(
            t,
            "jc-doc-cover-prepared",
            &[("committee", input.committee.clone())],
        ),
        tr(t, "doc-date-signed", &[("date", long_date(t, input.date))]),
    ]));
    let number = input.agreement_number.clone();
    AgreementDocument {
        locale: t.locale(),
        signature_page: signature_page(t, &title, &number),
        title,
        number,
        blocks,
    }
}

/// The slip that transfers a case (转办单): to whom, the case and its
/// parties, the dispute, what the centre did and why it transfers, the
/// answer asked for by a date, the committee's closing lines, and a
/// receipt to cut off and send back (accepted or not, the result, who
/// handled it, the date).
pub fn transfer_slip(t: &Translations, input: &TransferInput<'_>) -> AgreementDocument {
    let (case, routing) = (input.case, input.routing);
    let (title, mut blocks) = title_blocks(&t.tr("transfer-doc-title"));
    blocks.push(Block::Reference(tr(
        t,
        "transfer-doc-number",
        &[("number", input.number.clone())],
    )));
    blocks.extend([
        field(
            t,
            "transfer-doc-to",
            tr(
                t,
                "transfer-doc-body",
                &[
                    ("name", routing.body_name.trim().to_owned()),
                    ("kind", t.tr(routing.body.label_key())),
                ],
            ),
        ),
        field(t, "transfer-doc-from", input.committee.clone()),
        field(t, "transfer-doc-case", case.number.to_string()),
        field(t, "transfer-doc-category", t.tr(case.category.label_key())),
        field(t, "transfer-doc-received", long_date(t, received_on(case))),
        Block::Heading(t.tr("transfer-doc-parties")),
    ]);
    blocks.extend(case.parties.iter().map(|p| Block::Party {
        role: tr(t, "doc-party-role", &[("role", t.tr(p.role.label_key()))]),
        summary: match &p.phone {
            Some(phone) => tr(
                t,
                "transfer-doc-party",
                &[("name", p.name.clone()), ("phone", phone.clone())],
            ),
            None => p.name.clone(),
        },
        details: Vec::new(),
    }));
    for (heading, text) in [
        ("transfer-doc-summary", &case.summary),
        ("transfer-doc-done", &routing.done),
        ("transfer-doc-reason", &routing.reason),
    ] {
        blocks.push(Block::Heading(t.tr(heading)));
        blocks.push(Block::Paragraph(text.trim().to_owned()));
    }
    let due = long_date(t, routing.feedback_due);
    blocks.push(Block::Heading(t.tr("transfer-doc-request-heading")));
    blocks.push(Block::Paragraph(tr(
        t,
        "transfer-doc-request",
        &[("due", due.clone()), ("committee", input.committee.clone())],
    )));
    // The committee's name, the handler and the date: a template may
    // leave out the name (an English one, where it is too long for the
    // line and stands at the top).
    blocks.push(Block::Closing(vec![
        tr(
            t,
            "transfer-doc-seal",
            &[("committee", input.committee.clone())],
        ),
        tr(
            t,
            "transfer-doc-handler",
            &[("name", input.mediator.clone())],
        ),
        tr(t, "doc-date-signed", &[("date", long_date(t, input.date))]),
    ]));
    // The receipt, under a line to cut along (as wide as the text). Its
    // centred title stands where the agreement's end line does: the
    // layout keeps the line, the receipt and its boxes on one page, so
    // the receipt is never cut in two, and the committee's seal stays
    // with the slip's text.
    let parties: Vec<&str> = case.parties.iter().map(|p| p.name.as_str()).collect();
    blocks.extend([
        Block::Reference(t.tr("transfer-doc-cut")),
        Block::EndOfText(tr(t, "transfer-doc-receipt-title", &[("due", due)])),
        plain_line(tr(
            t,
            "transfer-doc-receipt-to",
            &[("committee", input.committee.clone())],
        )),
        Block::Paragraph(tr(
            t,
            "transfer-doc-receipt-intro",
            &[
                ("case", case.number.to_string()),
                ("number", input.number.clone()),
                (
                    "parties",
                    parties.join(&t.tr("transfer-doc-name-separator")),
                ),
            ],
        )),
        Block::Item {
            marker: marker(t, 1),
            text: t.tr("transfer-doc-receipt-decision"),
        },
        Block::Item {
            marker: marker(t, 2),
            text: t.tr("transfer-doc-receipt-result"),
        },
        Block::Item {
            marker: String::new(),
            text: t.tr("transfer-doc-receipt-blank"),
        },
        Block::Item {
            marker: String::new(),
            text: t.tr("transfer-doc-receipt-blank"),
        },
        Block::Signatures(vec![
            SignatureBox {
                seal: true,
                fingerprint_label: t.tr("doc-seal-box"),
                ..signature_box(t.tr("transfer-doc-receipt-seal"), String::new())
            },
            SignatureBox {
                extra: vec![t.tr("transfer-doc-receipt-phone")],
                ..signature_box(t.tr("transfer-doc-receipt-handler"), String::new())
            },
        ]),
        Block::Closing(vec![t.tr("doc-date-line")]),
    ]);
    AgreementDocument {
        locale: t.locale(),
        signature_page: signature_page(t, &title, &input.number),
        title,
        number: input.number.clone(),
        blocks,
    }
}
