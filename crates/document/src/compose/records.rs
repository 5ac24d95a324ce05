//! The centre's standard papers of a case file, after the Ministry of
//! Justice's formats for people's mediation: the application (人民调解
//! 申请书) or, for a case the committee took up itself or that was
//! transferred or entrusted to it, the registration form (人民调解受理
//! 登记表); the notice of rights and duties given to each party (人民调解
//! 权利义务告知书, People's Mediation Law arts. 23 and 24); the record of
//! an investigation (调查记录); the record of the mediation (人民调解记录);
//! the record of a return visit (回访记录); the case-closing report (结案
//! 报告); and the registration of an oral agreement (口头调解协议登记表,
//! art. 28).
//!
//! The record of the mediation is built from the room's entries through
//! [`room_view`] as the joint room sees them: what a party allowed to be
//! passed on and what was said before everyone. A confidential entry of a
//! caucus and a mediator's note never reach it, and the record says so.
//!
//! Like the desk's papers, each is composed from the case and the locale's
//! templates, with the parties described as on the agreement.

use accord_core::{
    Case, Choice, ItemKind, Money, Party, PartyKind, PartyRole, Presence, RoomItem,
    desk::{OralAgreement, Performance},
    followup::Satisfaction,
    investigation::{Investigation, ReturnVisit, VisitWay},
    room_view,
};
use accord_i18n::{Locale, Translations};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};

use super::desk::{
    field, marker, party_boxes, plain_line, received_on, signature_box, title_blocks,
};
use super::{amount, long_date, party_block, signature_page, tr};
use crate::{AgreementDocument, Block, SignatureBox};

/// How a case came to the committee: a party's application or the
/// committee's own initiative (People's Mediation Law art. 17), or a
/// transfer or entrustment by a court, the police or a government office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseSource {
    /// A party applied: the paper is the application, signed by the
    /// applicants.
    Application,
    /// The committee took the dispute up itself (主动调解).
    OwnInitiative,
    /// A police station, a court or a government office transferred it
    /// (移送), named in `body`.
    Transferred { body: String },
    /// A court or another body entrusted it to the committee (委托调解).
    Entrusted { body: String },
}

/// What the application or the registration form is built from.
#[derive(Debug, Clone)]
pub struct IntakeInput<'a> {
    pub case: &'a Case,
    pub source: CaseSource,
    /// The committee that received the case.
    pub committee: String,
    /// The day the case was received; `None` takes it from the case.
    pub received_on: Option<NaiveDate>,
    /// Who received and registered it.
    pub receiver: String,
    /// What the parties ask for (申请事项), as written; empty lists the
    /// case's disputed issues with the amounts claimed.
    pub request: String,
}

/// What each party's notice of rights and duties is built from.
#[derive(Debug, Clone)]
pub struct NoticeInput<'a> {
    pub case: &'a Case,
    /// The committee that gives the notice.
    pub committee: String,
    /// The day it is given.
    pub date: NaiveDate,
}

/// What the record of an investigation is built from.
#[derive(Debug, Clone, Copy)]
pub struct InvestigationInput<'a> {
    pub case: &'a Case,
    pub investigation: &'a Investigation,
}

/// What the record of the mediation is built from: the room's entries of
/// every session of the case (all of them: the record itself keeps only
/// what may be shown to the whole room).
#[derive(Debug, Clone)]
pub struct MediationRecordInput<'a> {
    pub case: &'a Case,
    pub items: &'a [RoomItem],
    pub committee: String,
    /// Where the sessions took place; empty leaves a blank to fill in.
    pub place: String,
    /// The mediators, the lead first.
    pub mediators: Vec<String>,
    pub recorder: String,
    /// Who else took part besides the parties (agents, relatives, staff
    /// of the justice office), each as printed ("张律（李玥的委托代理人）").
    pub others_present: Vec<String>,
}

/// What the record of a return visit is built from.
#[derive(Debug, Clone)]
pub struct VisitInput<'a> {
    pub case: &'a Case,
    pub visit: &'a ReturnVisit,
    pub committee: String,
    /// The agreement's document number and the day it was signed, when
    /// the case has a written agreement.
    pub agreement: Option<(String, NaiveDate)>,
}

/// How a case ended, as the closing report ticks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseResult {
    /// Settled by a written agreement (人民调解协议书).
    WrittenAgreement,
    /// Settled by an oral agreement (art. 28).
    OralAgreement,
    /// Mediation ended without agreement (art. 26).
    NotSettled,
    /// Transferred to the body named.
    Transferred { body: String },
}

/// What the case-closing report is built from.
#[derive(Debug, Clone)]
pub struct ClosingInput<'a> {
    pub case: &'a Case,
    pub committee: String,
    /// The mediators, the lead first; each signs.
    pub mediators: Vec<String>,
    pub accepted_on: NaiveDate,
    pub closed_on: NaiveDate,
    pub result: CaseResult,
    /// The agreement's document number, when there is a written one.
    pub agreement_number: Option<String>,
    /// The amount in dispute; `None` adds up the amounts claimed in the
    /// case's issues.
    pub claimed: Option<Money>,
    /// The amount agreed, when the agreement pays money.
    pub agreed: Option<Money>,
    /// How the case was mediated, as the mediator sums it up.
    pub summary: String,
}

/// What the registration of an oral agreement is built from.
#[derive(Debug, Clone)]
pub struct OralInput<'a> {
    pub case: &'a Case,
    pub oral: &'a OralAgreement,
    pub committee: String,
    /// The mediator who presided.
    pub mediator: String,
}

/// An instant as the centre's clock shows it (UTC+8).
fn local(at: DateTime<Utc>) -> NaiveDateTime {
    match FixedOffset::east_opt(8 * 3600) {
        Some(china) => at.with_timezone(&china).naive_local(),
        None => at.naive_utc(),
    }
}

/// A day and time as the document's language writes it.
fn date_time(t: &Translations, at: NaiveDateTime) -> String {
    at.format(&t.tr("records-format-datetime")).to_string()
}

/// Names joined as a list ("李玥、赵喆" / "李玥, 赵喆").
fn names<'a>(t: &Translations, names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join(&t.tr("records-name-separator"))
}

/// The parties with a role, by name.
fn with_role(case: &Case, role: PartyRole) -> impl Iterator<Item = &str> {
    case.parties
        .iter()
        .filter(move |p| p.role == role)
        .map(|p| p.name.as_str())
}

/// "李玥、赵喆与王建国之间的邻里纠纷".
fn matter(t: &Translations, case: &Case) -> String {
    tr(
        t,
        "records-matter",
        &[
            (
                "applicants",
                names(t, with_role(case, PartyRole::Applicant)),
            ),
            (
                "respondents",
                names(t, with_role(case, PartyRole::Respondent)),
            ),
            ("category", t.tr(case.category.label_key())),
        ],
    )
}

/// "申请人：李玥、赵喆" lines, one per role present.
fn parties_by_role(t: &Translations, case: &Case) -> Vec<Block> {
    [
        PartyRole::Applicant,
        PartyRole::Respondent,
        PartyRole::ThirdParty,
    ]
    .into_iter()
    .filter(|&role| case.parties.iter().any(|p| p.role == role))
    .map(|role| Block::Party {
        role: tr(t, "doc-party-role", &[("role", t.tr(role.label_key()))]),
        summary: names(t, with_role(case, role)),
        details: Vec::new(),
    })
    .collect()
}

/// The title (one block per line of a long English title), the case
/// number under it, and a translation's note.
fn head(t: &Translations, key: &str, case: &Case) -> (String, Vec<Block>) {
    let (title, mut blocks) = title_blocks(&t.tr(key));
    blocks.push(Block::Reference(tr(
        t,
        "records-number",
        &[("number", case.number.to_string())],
    )));
    if t.locale() != Locale::ZhCn {
        blocks.push(Block::Paragraph(t.tr("records-translation-note")));
    }
    (title, blocks)
}

fn document(t: &Translations, title: String, case: &Case, blocks: Vec<Block>) -> AgreementDocument {
    let number = case.number.to_string();
    AgreementDocument {
        locale: t.locale(),
        signature_page: signature_page(t, &title, &number),
        title,
        number,
        blocks,
    }
}

/// Text typed over several lines: one paragraph per line.
fn paragraphs(text: &str) -> impl Iterator<Item = Block> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Block::Paragraph(l.to_owned()))
}

/// A plain box for ink with a printed name.
fn ink(label: String, name: &str) -> SignatureBox {
    signature_box(label, name.trim().to_owned())
}

/// A person's box with the fingerprint beside it.
fn ink_with_finger(t: &Translations, label: String, name: &str) -> SignatureBox {
    SignatureBox {
        fingerprint: true,
        fingerprint_label: t.tr("doc-fingerprint"),
        ..ink(label, name)
    }
}

/// Where each party signs, under the label of its own role.
fn every_party_signs(t: &Translations, case: &Case) -> Vec<SignatureBox> {
    case.parties
        .iter()
        .flat_map(|p| party_boxes(t, p, t.tr(p.role.label_key())))
        .collect()
}

/// The closing lines: the committee's seal and the date. A template may
/// leave out the committee's name (an English one, where the name is too
/// long for the line and stands in the text).
fn sealed(t: &Translations, committee: &str, date: NaiveDate) -> Block {
    Block::Closing(vec![
        tr(
            t,
            "records-seal",
            &[("committee", committee.trim().to_owned())],
        ),
        tr(t, "doc-date-signed", &[("date", long_date(t, date))]),
    ])
}

/// A closed set of options with the chosen one ticked ("■ 满意　□ 一般").
fn ticked(t: &Translations, options: &[(bool, String)]) -> String {
    options
        .iter()
        .map(|(on, label)| {
            tr(
                t,
                if *on {
                    "records-box-ticked"
                } else {
                    "records-box-empty"
                },
                &[("label", label.clone())],
            )
        })
        .reduce(|row, next| tr(t, "records-box-next", &[("row", row), ("next", next)]))
        .unwrap_or_default()
}

// 1. The application or the registration form.

/// What the parties ask for: the request as written, or the disputed
/// issues with the amounts claimed.
fn request_blocks(t: &Translations, input: &IntakeInput<'_>) -> Vec<Block> {
    let written: Vec<Block> = paragraphs(&input.request).collect();
    if !written.is_empty() {
        return written;
    }
    let issues: Vec<Block> = input
        .case
        .issues
        .iter()
        .filter(|i| !i.title.trim().is_empty())
        .enumerate()
        .map(|(n, issue)| Block::Item {
            marker: marker(t, n + 1),
            text: match issue.claimed {
                Some(money) => tr(
                    t,
                    "records-request-claimed",
                    &[
                        ("issue", issue.title.trim().to_owned()),
                        ("amount", amount(t, money)),
                    ],
                ),
                None => issue.title.trim().to_owned(),
            },
        })
        .collect();
    if issues.is_empty() {
        vec![Block::Paragraph(t.tr("records-blank-line"))]
    } else {
        issues
    }
}

/// The application (人民调解申请书) for a case a party applied for, or
/// the registration form (人民调解受理登记表) for one the committee took
/// up itself or that was transferred or entrusted to it: the parties as
/// on the agreement, the dispute, what is asked, and where the applicants
/// (or, on the form, the parties agreeing to mediation) sign; the
/// registration with who received the case and when.
pub fn intake_form(t: &Translations, input: &IntakeInput<'_>) -> AgreementDocument {
    let case = input.case;
    let received = input.received_on.unwrap_or_else(|| received_on(case));
    let application = input.source == CaseSource::Application;
    let (title, mut blocks) = head(
        t,
        if application {
            "records-application-title"
        } else {
            "records-registration-title"
        },
        case,
    );
    if !application {
        blocks.extend([
            field(t, "records-category", t.tr(case.category.label_key())),
            field(t, "records-source", source_line(t, &input.source)),
            field(t, "records-received", long_date(t, received)),
        ]);
    }
    blocks.push(Block::Heading(t.tr("doc-parties")));
    blocks.extend(case.parties.iter().map(|p| party_block(t, p, true)));
    blocks.push(Block::Heading(t.tr("records-summary-heading")));
    blocks.extend(paragraphs(&case.summary));
    blocks.push(Block::Heading(t.tr(if application {
        "records-application-request"
    } else {
        "records-registration-request"
    })));
    blocks.extend(request_blocks(t, input));
    let committee = ("committee", input.committee.trim().to_owned());
    if application {
        blocks.push(Block::Paragraph(tr(
            t,
            "records-application-declaration",
            &[committee],
        )));
        blocks.push(Block::EndOfText(t.tr("doc-end-of-text")));
        let applicant = t.tr(PartyRole::Applicant.label_key());
        blocks.push(Block::Signatures(
            case.parties
                .iter()
                .filter(|p| p.role == PartyRole::Applicant)
                .flat_map(|p| party_boxes(t, p, applicant.clone()))
                .collect(),
        ));
        blocks.push(Block::Closing(vec![tr(
            t,
            "doc-date-signed",
            &[("date", long_date(t, received))],
        )]));
        // The committee's part, under the applicants' signatures.
        blocks.extend([
            Block::Heading(t.tr("records-application-office")),
            field(t, "records-category", t.tr(case.category.label_key())),
            field(t, "records-received", long_date(t, received)),
            field(t, "records-receiver", input.receiver.trim().to_owned()),
            field(t, "records-committee", input.committee.trim().to_owned()),
        ]);
    } else {
        blocks.push(Block::Paragraph(tr(
            t,
            "records-registration-consent",
            &[committee],
        )));
        blocks.push(Block::EndOfText(t.tr("doc-end-of-text")));
        let mut boxes = every_party_signs(t, case);
        boxes.push(ink(t.tr("records-sign-registrar"), &input.receiver));
        blocks.push(Block::Signatures(boxes));
        blocks.push(sealed(t, &input.committee, received));
    }
    document(t, title, case, blocks)
}

/// "当事人申请" or "青山分局青山路派出所移送".
fn source_line(t: &Translations, source: &CaseSource) -> String {
    match source {
        CaseSource::Application => t.tr("records-source-application"),
        CaseSource::OwnInitiative => t.tr("records-source-own"),
        CaseSource::Transferred { body } => tr(
            t,
            "records-source-transferred",
            &[("body", body.trim().to_owned())],
        ),
        CaseSource::Entrusted { body } => tr(
            t,
            "records-source-entrusted",
            &[("body", body.trim().to_owned())],
        ),
    }
}

// 2. The notice of rights and duties.

/// The rights of a party (People's Mediation Law art. 23).
const RIGHTS: [&str; 4] = [
    "records-right-mediator",
    "records-right-accept",
    "records-right-public",
    "records-right-will",
];

/// The duties of a party (art. 24).
const DUTIES: [&str; 3] = [
    "records-duty-truth",
    "records-duty-order",
    "records-duty-respect",
];

/// The notice of rights and duties (人民调解权利义务告知书) given to one
/// party, addressed to it: the committee's principles and that mediation
/// is free (arts. 3 and 4), the party's rights (art. 23) and duties
/// (art. 24), and the party's acknowledgement with its signature and the
/// date. A party not in the case leaves the name blank.
pub fn rights_notice(
    t: &Translations,
    input: &NoticeInput<'_>,
    party_id: i64,
) -> AgreementDocument {
    let case = input.case;
    let party = case.party(party_id);
    let (title, mut blocks) = head(t, "records-notice-title", case);
    let name = party.map(|p| p.name.clone()).unwrap_or_default();
    blocks.push(plain_line(tr(
        t,
        "records-notice-to",
        &[(
            "name",
            if name.is_empty() {
                t.tr("records-blank-name")
            } else {
                name.clone()
            },
        )],
    )));
    blocks.push(Block::Paragraph(tr(
        t,
        "records-notice-intro",
        &[
            ("committee", input.committee.trim().to_owned()),
            ("matter", matter(t, case)),
        ],
    )));
    for (heading, keys) in [
        ("records-notice-rights", &RIGHTS[..]),
        ("records-notice-duties", &DUTIES[..]),
    ] {
        blocks.push(Block::Heading(t.tr(heading)));
        blocks.extend(keys.iter().enumerate().map(|(i, key)| Block::Item {
            marker: marker(t, i + 1),
            text: t.tr(key),
        }));
    }
    blocks.push(Block::Paragraph(t.tr("records-notice-other-ways")));
    blocks.push(Block::Paragraph(t.tr("records-notice-acknowledge")));
    blocks.push(Block::EndOfText(t.tr("doc-end-of-text")));
    let boxes = match party {
        Some(p) => party_boxes(t, p, t.tr(p.role.label_key())),
        None => vec![ink_with_finger(t, t.tr("records-sign-party"), "")],
    };
    blocks.push(Block::Signatures(boxes));
    blocks.push(sealed(t, &input.committee, input.date));
    document(t, title, case, blocks)
}

// 3. The record of an investigation.

/// The record of an investigation (人民调解调查记录): when, where, who
/// investigated and kept the record, whom they heard, the matter, what
/// was found, and the signatures of each person heard and of the
/// investigators.
pub fn investigation_record(t: &Translations, input: &InvestigationInput<'_>) -> AgreementDocument {
    let (case, inv) = (input.case, input.investigation);
    let (title, mut blocks) = head(t, "records-investigation-title", case);
    let staff = names(t, inv.investigators.iter().map(String::as_str));
    blocks.extend([
        field(t, "records-investigation-when", date_time(t, inv.at)),
        field(
            t,
            "records-investigation-place",
            inv.place.trim().to_owned(),
        ),
        field(t, "records-investigation-staff", staff),
    ]);
    if !inv.recorder.trim().is_empty() {
        blocks.push(field(t, "records-recorder", inv.recorder.trim().to_owned()));
    }
    blocks.extend([
        field(
            t,
            "records-investigation-persons",
            names(t, inv.persons.iter().map(String::as_str)),
        ),
        field(t, "records-investigation-matter", matter(t, case)),
        Block::Heading(t.tr("records-investigation-findings")),
    ]);
    blocks.extend(paragraphs(&inv.findings));
    blocks.push(Block::Paragraph(t.tr("records-investigation-read")));
    blocks.push(Block::EndOfText(t.tr("doc-end-of-text")));
    let mut boxes: Vec<SignatureBox> = inv
        .persons
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| ink_with_finger(t, t.tr("records-sign-interviewed"), n))
        .collect();
    boxes.extend(
        inv.investigators
            .iter()
            .filter(|n| !n.trim().is_empty())
            .map(|n| ink(t.tr("records-sign-investigator"), n)),
    );
    if !inv.recorder.trim().is_empty() {
        boxes.push(ink(t.tr("doc-sign-recorder"), &inv.recorder));
    }
    blocks.push(Block::Signatures(boxes));
    blocks.push(Block::Closing(vec![tr(
        t,
        "doc-date-signed",
        &[("date", long_date(t, inv.at.date()))],
    )]));
    document(t, title, case, blocks)
}

// 4. The record of the mediation.

/// The entries the record may carry, in time order: exactly what the
/// joint room may see ([`room_view`] with everyone present), so never a
/// confidential entry nor a mediator's note.
pub fn recordable(items: &[RoomItem]) -> Vec<&RoomItem> {
    let mut shown = room_view(items, Presence::Joint).own;
    shown.sort_by_key(|i| (i.recorded_at, i.id));
    shown
}

/// The record's word for an entry's kind ("主张：").
fn kind_key(kind: ItemKind) -> Option<&'static str> {
    match kind {
        ItemKind::Statement | ItemKind::Remark | ItemKind::Note => None,
        ItemKind::Position => Some("records-kind-position"),
        ItemKind::Interest => Some("records-kind-interest"),
        ItemKind::Alternative => Some("records-kind-alternative"),
        ItemKind::Offer => Some("records-kind-offer"),
    }
}

/// One entry as the record prints it: its time, what kind of thing was
/// said, the words, and an offer's amount and terms.
fn entry_text(t: &Translations, item: &RoomItem) -> String {
    let mut text = item.text.trim().to_owned();
    if let Some(offer) = &item.offer {
        let mut parts = Vec::new();
        if let Some(money) = offer.amount {
            parts.push(amount(t, money));
        }
        if !offer.terms.trim().is_empty() && offer.terms.trim() != text {
            parts.push(offer.terms.trim().to_owned());
        }
        let offer = parts.join(&t.tr("doc-list-separator"));
        if text.is_empty() {
            text = offer;
        } else if !offer.is_empty() {
            text.push_str(&tr(t, "records-offer", &[("offer", offer)]));
        }
    }
    if let Some(key) = kind_key(item.kind) {
        text = tr(t, key, &[("text", text)]);
    }
    if item.corrects.is_some() {
        text = tr(t, "records-correction", &[("text", text)]);
    }
    tr(
        t,
        "records-entry",
        &[
            (
                "time",
                local(item.recorded_at)
                    .format(&t.tr("records-format-time"))
                    .to_string(),
            ),
            ("text", text),
        ],
    )
}

/// Who spoke, as the record names them: the mediator, or the party with
/// its role.
fn speaker(t: &Translations, case: &Case, mediators: &[String], item: &RoomItem) -> String {
    if item.kind.by_mediator() {
        let mediator = mediators.first().map(|m| m.trim()).unwrap_or_default();
        return tr(
            t,
            "records-speaker-mediator",
            &[("name", mediator.to_owned())],
        );
    }
    match case.party(item.party_id) {
        Some(p) => tr(
            t,
            "records-speaker-party",
            &[("role", t.tr(p.role.label_key())), ("name", p.name.clone())],
        ),
        None => t.tr("records-speaker-unknown"),
    }
}

/// The record of the mediation (人民调解记录): the case, the sessions'
/// days and place, the mediators, recorder and parties, the rule of what
/// it records, then, day by day, what the mediator said to the whole room
/// and what each party said that may be shown to the other side, and the
/// signatures of the parties, the mediators and the recorder.
pub fn mediation_record(t: &Translations, input: &MediationRecordInput<'_>) -> AgreementDocument {
    let case = input.case;
    let entries = recordable(input.items);
    let mut days: Vec<NaiveDate> = entries
        .iter()
        .map(|i| local(i.recorded_at).date())
        .collect();
    days.dedup();
    let (title, mut blocks) = head(t, "records-mediation-title", case);
    let dates = days
        .iter()
        .map(|d| long_date(t, *d))
        .collect::<Vec<_>>()
        .join(&t.tr("records-name-separator"));
    let place = match input.place.trim() {
        "" => t.tr("records-blank-line"),
        p => p.to_owned(),
    };
    blocks.extend([
        field(t, "records-investigation-matter", matter(t, case)),
        field(
            t,
            "records-mediation-dates",
            if dates.is_empty() {
                t.tr("records-blank-line")
            } else {
                dates
            },
        ),
        field(t, "records-mediation-place", place),
        field(
            t,
            "records-mediation-mediators",
            names(t, input.mediators.iter().map(String::as_str)),
        ),
        field(t, "records-recorder", input.recorder.trim().to_owned()),
    ]);
    blocks.extend(parties_by_role(t, case));
    if input.others_present.iter().any(|o| !o.trim().is_empty()) {
        blocks.push(field(
            t,
            "records-mediation-others",
            names(t, input.others_present.iter().map(String::as_str)),
        ));
    }
    blocks.push(Block::Notice {
        lead: t.tr("records-mediation-scope-lead"),
        text: t.tr("records-mediation-scope"),
    });
    if entries.is_empty() {
        blocks.push(Block::Paragraph(t.tr("records-mediation-nothing")));
    }
    for day in &days {
        blocks.push(Block::Heading(tr(
            t,
            "records-mediation-day",
            &[("date", long_date(t, *day))],
        )));
        let on_day: Vec<&RoomItem> = entries
            .iter()
            .copied()
            .filter(|i| local(i.recorded_at).date() == *day)
            .collect();
        // The mediator first, then each party in the case's order.
        let mut groups: Vec<Vec<&RoomItem>> = vec![
            on_day
                .iter()
                .copied()
                .filter(|i| i.kind.by_mediator())
                .collect(),
        ];
        let mut party_ids: Vec<i64> = case.parties.iter().map(|p| p.id).collect();
        // Entries filed with a party no longer in the case still print.
        for i in &on_day {
            if !i.kind.by_mediator() && !party_ids.contains(&i.party_id) {
                party_ids.push(i.party_id);
            }
        }
        groups.extend(party_ids.iter().map(|id| {
            on_day
                .iter()
                .copied()
                .filter(|i| !i.kind.by_mediator() && i.party_id == *id)
                .collect()
        }));
        for group in groups.into_iter().filter(|g| !g.is_empty()) {
            blocks.push(plain_line(speaker(t, case, &input.mediators, group[0])));
            blocks.extend(group.iter().enumerate().map(|(n, item)| Block::Item {
                marker: marker(t, n + 1),
                text: entry_text(t, item),
            }));
        }
    }
    blocks.push(Block::Paragraph(t.tr("records-mediation-read")));
    blocks.push(Block::EndOfText(t.tr("doc-end-of-text")));
    let mut boxes = every_party_signs(t, case);
    boxes.extend(
        input
            .mediators
            .iter()
            .filter(|m| !m.trim().is_empty())
            .map(|m| ink(t.tr("doc-sign-mediator"), m)),
    );
    boxes.push(ink(t.tr("doc-sign-recorder"), &input.recorder));
    blocks.push(Block::Signatures(boxes));
    let last = days.last().copied().unwrap_or_else(|| received_on(case));
    blocks.push(sealed(t, &input.committee, last));
    document(t, title, case, blocks)
}

// 5. The record of a return visit.

/// The record of a return visit (人民调解回访记录): the case and its
/// agreement, when and how the parties were reached and whom the visitor
/// spoke to, how far the agreement was performed, how satisfied they are
/// and what they said, and the signatures.
pub fn return_visit_record(t: &Translations, input: &VisitInput<'_>) -> AgreementDocument {
    let (case, visit) = (input.case, input.visit);
    let (title, mut blocks) = head(t, "records-visit-title", case);
    blocks.push(field(t, "records-investigation-matter", matter(t, case)));
    if let Some((number, signed)) = &input.agreement {
        blocks.push(field(
            t,
            "records-visit-agreement",
            tr(
                t,
                "records-visit-agreement-value",
                &[
                    ("number", number.trim().to_owned()),
                    ("date", long_date(t, *signed)),
                ],
            ),
        ));
    }
    let way = |w: VisitWay| (visit.way == w, t.tr(w.label_key()));
    blocks.extend([
        field(t, "records-visit-date", long_date(t, visit.on)),
        field(
            t,
            "records-visit-way",
            ticked(
                t,
                &VisitWay::ALL.iter().map(|w| way(*w)).collect::<Vec<_>>(),
            ),
        ),
        field(
            t,
            "records-visit-visited",
            names(t, visit.visited.iter().map(String::as_str)),
        ),
        field(t, "records-visit-visitor", visit.visitor.trim().to_owned()),
        Block::Heading(t.tr("records-visit-performance")),
        plain_line(ticked(
            t,
            &Performance::ALL
                .iter()
                .map(|p| (visit.performance == *p, t.tr(p.label_key())))
                .collect::<Vec<_>>(),
        )),
    ]);
    blocks.extend(paragraphs(&visit.details));
    blocks.extend([
        Block::Heading(t.tr("records-visit-satisfaction")),
        plain_line(ticked(
            t,
            &Satisfaction::ALL
                .iter()
                .map(|s| (visit.satisfaction == *s, t.tr(s.label_key())))
                .collect::<Vec<_>>(),
        )),
    ]);
    if !visit.opinions.trim().is_empty() {
        blocks.push(Block::Heading(t.tr("records-visit-opinions")));
        blocks.extend(paragraphs(&visit.opinions));
    }
    blocks.push(Block::EndOfText(t.tr("doc-end-of-text")));
    // Whoever was met in person signs; a call is signed by the visitor.
    let mut boxes: Vec<SignatureBox> = match visit.way {
        VisitWay::InPerson => visit
            .visited
            .iter()
            .filter(|n| !n.trim().is_empty())
            .map(|n| ink(t.tr("records-sign-visited"), n))
            .collect(),
        VisitWay::Phone => Vec::new(),
    };
    boxes.push(ink(t.tr("records-sign-visitor"), &visit.visitor));
    blocks.push(Block::Signatures(boxes));
    blocks.push(sealed(t, &input.committee, visit.on));
    document(t, title, case, blocks)
}

// 6. The case-closing report.

/// The amount in dispute: the sum of the amounts claimed in one currency.
fn claimed_total(case: &Case) -> Option<Money> {
    let mut claims = case.issues.iter().filter_map(|i| i.claimed);
    let first = claims.next()?;
    claims.try_fold(first, |sum, m| {
        (m.currency == sum.currency).then(|| Money {
            minor: sum.minor.saturating_add(m.minor),
            currency: sum.currency,
        })
    })
}

/// The case-closing report (人民调解结案报告): the case, its parties and
/// mediators, the days it was accepted and closed, the result ticked, the
/// agreement's number and the amounts in words and figures, how it was
/// mediated, and the mediators' signatures under the committee's seal.
pub fn closing_report(t: &Translations, input: &ClosingInput<'_>) -> AgreementDocument {
    let case = input.case;
    let (title, mut blocks) = head(t, "records-closing-title", case);
    blocks.push(field(
        t,
        "records-category",
        t.tr(case.category.label_key()),
    ));
    blocks.extend(parties_by_role(t, case));
    let days = (input.closed_on - input.accepted_on).num_days().max(0) + 1;
    blocks.extend([
        field(
            t,
            "records-mediation-mediators",
            names(t, input.mediators.iter().map(String::as_str)),
        ),
        field(
            t,
            "records-closing-accepted",
            long_date(t, input.accepted_on),
        ),
        field(
            t,
            "records-closing-closed",
            tr(
                t,
                "records-closing-closed-value",
                &[
                    ("date", long_date(t, input.closed_on)),
                    ("days", days.to_string()),
                ],
            ),
        ),
    ]);
    let transferred = match &input.result {
        CaseResult::Transferred { body } => Some(body.trim().to_owned()),
        _ => None,
    };
    let results = [
        (
            input.result == CaseResult::WrittenAgreement,
            t.tr("records-result-written"),
        ),
        (
            input.result == CaseResult::OralAgreement,
            t.tr("records-result-oral"),
        ),
        (
            input.result == CaseResult::NotSettled,
            t.tr("records-result-not-settled"),
        ),
        (
            transferred.is_some(),
            match &transferred {
                Some(body) => tr(
                    t,
                    "records-result-transferred-to",
                    &[("body", body.clone())],
                ),
                None => t.tr("records-result-transferred"),
            },
        ),
    ];
    blocks.push(field(t, "records-closing-result", ticked(t, &results)));
    if let Some(number) = input
        .agreement_number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        blocks.push(field(t, "records-closing-agreement", number.to_owned()));
    }
    let none = || t.tr("records-closing-no-amount");
    blocks.extend([
        field(
            t,
            "records-closing-claimed",
            input
                .claimed
                .or_else(|| claimed_total(case))
                .map(|m| amount(t, m))
                .unwrap_or_else(none),
        ),
        field(
            t,
            "records-closing-agreed",
            input.agreed.map(|m| amount(t, m)).unwrap_or_else(none),
        ),
        Block::Heading(t.tr("records-closing-summary")),
    ]);
    let summary: Vec<Block> = paragraphs(&input.summary).collect();
    if summary.is_empty() {
        blocks.push(Block::Paragraph(t.tr("records-blank-line")));
    }
    blocks.extend(summary);
    blocks.push(Block::EndOfText(t.tr("doc-end-of-text")));
    blocks.push(Block::Signatures(
        input
            .mediators
            .iter()
            .filter(|m| !m.trim().is_empty())
            .map(|m| ink(t.tr("doc-sign-mediator"), m))
            .collect(),
    ));
    blocks.push(sealed(t, &input.committee, input.closed_on));
    document(t, title, case, blocks)
}

// 7. The registration of an oral agreement.

/// A party's name with its telephone, as the forms list them.
fn party_line(t: &Translations, p: &Party) -> Block {
    let mut details = Vec::new();
    if let Some(address) = p.address.as_ref().filter(|a| !a.trim().is_empty()) {
        details.push(tr(t, "doc-address", &[("address", address.clone())]));
    }
    if let Some(phone) = p.phone.as_ref().filter(|a| !a.trim().is_empty()) {
        details.push(tr(t, "doc-phone", &[("phone", phone.clone())]));
    }
    if p.kind == PartyKind::Organisation
        && let Some(rep) = &p.details.representative
    {
        details.push(tr(
            t,
            match rep.title {
                accord_core::RepresentativeTitle::LegalRepresentative => "doc-representative-legal",
                accord_core::RepresentativeTitle::PersonInCharge => "doc-representative-in-charge",
            },
            &[("name", rep.name.clone())],
        ));
    }
    Block::Party {
        role: tr(t, "doc-party-role", &[("role", t.tr(p.role.label_key()))]),
        summary: p.name.clone(),
        details,
    }
}

/// The registration of an oral agreement (口头调解协议登记表, People's
/// Mediation Law art. 28): the case and its parties, the dispute, what
/// was agreed, how far it has been performed, who presided and who
/// registered it, the parties' confirmation and the signatures.
pub fn oral_agreement_form(t: &Translations, input: &OralInput<'_>) -> AgreementDocument {
    let (case, oral) = (input.case, input.oral);
    let (title, mut blocks) = head(t, "records-oral-title", case);
    let registered = local(oral.recorded_at).date();
    blocks.push(field(
        t,
        "records-category",
        t.tr(case.category.label_key()),
    ));
    blocks.push(Block::Heading(t.tr("doc-parties")));
    blocks.extend(case.parties.iter().map(|p| party_line(t, p)));
    blocks.push(Block::Heading(t.tr("records-summary-heading")));
    blocks.extend(paragraphs(&case.summary));
    blocks.push(Block::Heading(t.tr("records-oral-content")));
    blocks.extend(paragraphs(&oral.content));
    blocks.extend([
        field(
            t,
            "records-oral-performance",
            ticked(
                t,
                &Performance::ALL
                    .iter()
                    .map(|p| (oral.performance == *p, t.tr(p.label_key())))
                    .collect::<Vec<_>>(),
            ),
        ),
        field(t, "records-oral-mediator", input.mediator.trim().to_owned()),
        field(
            t,
            "records-oral-registrar",
            oral.recorded_by.trim().to_owned(),
        ),
        field(t, "records-oral-registered", long_date(t, registered)),
        Block::Paragraph(t.tr("records-oral-confirm")),
        Block::EndOfText(t.tr("doc-end-of-text")),
    ]);
    let mut boxes = every_party_signs(t, case);
    boxes.push(ink(t.tr("doc-sign-mediator"), &input.mediator));
    if oral.recorded_by.trim() != input.mediator.trim() {
        boxes.push(ink(t.tr("records-sign-registrar"), &oral.recorded_by));
    }
    blocks.push(Block::Signatures(boxes));
    blocks.push(sealed(t, &input.committee, registered));
    document(t, title, case, blocks)
}
