//! The case's standard papers in the Ministry of Justice formats, composed
//! from what the store holds: the application (or the registration form of
//! a case the committee took up or was given), each party's notice of
//! rights and duties, the investigation records, the record of mediation
//! (only what the parties allowed to be shared and what was said before
//! both sides), the oral agreement's registration, the return visits and
//! the closing report. Written as PDFs beside the database; the case file
//! (卷宗) binds them with the sealed agreement and the scans.

use std::path::{Path, PathBuf};

use accord_core::{
    Case, CaseStatus, Choice, Currency, Money,
    agreement::{AgreementStatus, ObligationKind},
    desk::Performance,
    investigation::{ReturnVisit, VisitWay},
    stats::CaseSource as Source,
};
use accord_document::{
    AgreementDocument, CaseResult, CaseSource, ClosingInput, IntakeInput, InvestigationInput,
    MediationRecordInput, NoticeInput, OralInput, VisitInput, closing_report, intake_form,
    investigation_record, mediation_record, oral_agreement_form, pdf, return_visit_record,
    rights_notice,
};
use accord_i18n::Translations;
use accord_store::Store;

use super::{Result, write};

/// One paper: its title (the case file's table of contents), the file
/// name's stem and the document.
#[derive(Debug, Clone)]
pub struct Paper {
    /// Its title's key: which paper it is.
    pub key: &'static str,
    pub title: String,
    pub stem: String,
    pub document: AgreementDocument,
}

/// The names of who mediates the case (lead first), or the room's
/// mediator's.
async fn mediators(store: &Store, case_id: i64) -> Result<Vec<String>> {
    let desk = store.case_desk(case_id).await?;
    let names: Vec<String> = desk
        .assignments
        .iter()
        .filter(|a| a.ended_at.is_none())
        .map(|a| a.mediator_name.clone())
        .collect();
    if !names.is_empty() {
        return Ok(names);
    }
    // No one assigned at the desk: who drafted the agreement.
    Ok(store
        .agreement(case_id)
        .await?
        .and_then(|r| r.current().map(|v| v.content.mediator.clone()))
        .filter(|m| !m.trim().is_empty())
        .into_iter()
        .collect())
}

/// The case's agreement number as the centre prints it.
async fn agreement_number(store: &Store, case: &Case) -> Result<String> {
    let format = store.setting(super::CENTRE_NUMBER_FORMAT).await?;
    Ok(format
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(|f| case.number.formatted(f))
        .unwrap_or_else(|| case.number.to_string()))
}

/// What the case file's cover says besides the papers.
#[derive(Debug, Clone)]
pub struct Facts {
    pub committee: String,
    /// The case's number as the centre prints it ("（2025）青山人调字第1号").
    pub file_number: String,
    pub mediators: Vec<String>,
    pub accepted: chrono::NaiveDate,
    /// When mediation ended, and how.
    pub closed: Option<(chrono::NaiveDate, CaseResult)>,
}

/// Every standard paper the case has so far, in the case file's order.
pub async fn papers(store: &Store, t: &Translations, case_id: i64) -> Result<Vec<Paper>> {
    Ok(papers_and_facts(store, t, case_id).await?.0)
}

/// The papers and what the cover says.
pub async fn papers_and_facts(
    store: &Store,
    t: &Translations,
    case_id: i64,
) -> Result<(Vec<Paper>, Facts)> {
    let case = store.case(case_id).await?;
    let number = case.number.to_string();
    let committee = super::centre_name(store, t).await?;
    let desk = store.case_desk(case_id).await?;
    let class = store.classification(case_id).await?;
    let accepted = case.received_at.with_timezone(&chrono::Local).date_naive();
    let today = chrono::Local::now().date_naive();
    let mediator_names = mediators(store, case_id).await?;
    let receiver = desk
        .receiver
        .as_ref()
        .map(|(_, name)| name.clone())
        .unwrap_or_default();
    let routed_to = desk.routings.first().map(|r| r.slip.body_name.clone());
    let mut out = Vec::new();
    let mut push = |title_key: &'static str, stem: String, document: AgreementDocument| {
        out.push(Paper {
            key: title_key,
            title: t.tr(title_key),
            stem,
            document,
        });
    };

    // The application or the registration form.
    let source = match class.source {
        Source::Application => CaseSource::Application,
        Source::OwnInitiative => CaseSource::OwnInitiative,
        Source::Transferred => CaseSource::Transferred {
            body: routed_to.clone().unwrap_or_default(),
        },
        Source::Entrusted => CaseSource::Entrusted {
            body: routed_to.clone().unwrap_or_default(),
        },
    };
    let (title, stem) = if source == CaseSource::Application {
        ("casefile-application", "application")
    } else {
        ("casefile-registration", "registration")
    };
    push(
        title,
        format!("{number}-{stem}"),
        intake_form(
            t,
            &IntakeInput {
                case: &case,
                source,
                committee: committee.clone(),
                received_on: Some(accepted),
                receiver: receiver.clone(),
                request: String::new(),
            },
        ),
    );

    // One notice of rights and duties per party.
    let notice = NoticeInput {
        case: &case,
        committee: committee.clone(),
        date: accepted,
    };
    for (i, p) in case.parties.iter().enumerate() {
        push(
            "casefile-rights-notice",
            format!("{number}-rights-{}", i + 1),
            rights_notice(t, &notice, p.id),
        );
    }

    // Investigations.
    for (i, investigation) in store.investigations(case_id).await?.iter().enumerate() {
        push(
            "casefile-investigation",
            format!("{number}-investigation-{}", i + 1),
            investigation_record(
                t,
                &InvestigationInput {
                    case: &case,
                    investigation,
                },
            ),
        );
    }

    // The record of mediation, when the room was used.
    let items = store.recordable_items(case_id).await?;
    if !items.is_empty() || store.latest_session(case_id).await?.is_some() {
        push(
            "casefile-mediation-record",
            format!("{number}-mediation-record"),
            mediation_record(
                t,
                &MediationRecordInput {
                    case: &case,
                    items: &items,
                    committee: committee.clone(),
                    place: committee.clone(),
                    mediators: mediator_names.clone(),
                    recorder: mediator_names.first().cloned().unwrap_or_default(),
                    others_present: Vec::new(),
                },
            ),
        );
    }

    // An oral agreement.
    if let Some(oral) = &desk.oral {
        push(
            "casefile-oral-agreement",
            format!("{number}-oral-agreement"),
            oral_agreement_form(
                t,
                &OralInput {
                    case: &case,
                    oral,
                    committee: committee.clone(),
                    mediator: oral.recorded_by.clone(),
                },
            ),
        );
    }

    // The final agreement: its number, day and the money it obliges.
    let record = store
        .agreement(case_id)
        .await?
        .filter(|r| r.status == AgreementStatus::Final);
    let agreement_number = match &record {
        Some(_) => Some(agreement_number(store, &case).await?),
        None => None,
    };
    let effective = record
        .as_ref()
        .and_then(|r| r.finalised_at)
        .map(|at| at.with_timezone(&chrono::Local).date_naive());
    let agreed = record.as_ref().and_then(|r| {
        let v = r
            .versions
            .iter()
            .find(|v| Some(v.number) == r.final_version)?;
        let minor: i64 = v
            .content
            .obligations
            .iter()
            .filter(|o| o.kind == ObligationKind::Payment)
            .filter_map(|o| o.amount.map(|a| a.minor))
            .sum();
        (minor > 0).then(|| Money::new(minor, Currency::Cny))
    });

    // Return visits.
    let visited: Vec<String> = case.parties.iter().map(|p| p.name.clone()).collect();
    for (i, v) in store.return_visits(case_id).await?.iter().enumerate() {
        let visit = ReturnVisit {
            id: 0,
            case_id,
            on: v.visited_on,
            way: VisitWay::InPerson,
            visited: visited.clone(),
            visitor: v.recorded_by.clone(),
            // A visit is recorded once every instalment is paid.
            performance: Performance::Performed,
            details: String::new(),
            satisfaction: v.satisfaction,
            opinions: v.note.clone(),
        };
        push(
            "casefile-return-visit",
            format!("{number}-return-visit-{}", i + 1),
            return_visit_record(
                t,
                &VisitInput {
                    case: &case,
                    visit: &visit,
                    committee: committee.clone(),
                    agreement: agreement_number.clone().zip(effective),
                },
            ),
        );
    }

    // The closing report, once mediation has ended.
    let result = if record.is_some() {
        Some(CaseResult::WrittenAgreement)
    } else if desk.oral.is_some() {
        Some(CaseResult::OralAgreement)
    } else if let Some(body) =
        routed_to.filter(|_| matches!(case.status, CaseStatus::Referred | CaseStatus::Closed))
    {
        Some(CaseResult::Transferred { body })
    } else if matches!(case.status, CaseStatus::NotSettled | CaseStatus::Closed) {
        Some(CaseResult::NotSettled)
    } else {
        None
    };
    let mut closed = None;
    if let Some(result) = result {
        let closed_on = effective
            .or(desk
                .oral
                .as_ref()
                .map(|o| o.recorded_at.with_timezone(&chrono::Local).date_naive()))
            .unwrap_or(today);
        push(
            "casefile-closing-report",
            format!("{number}-closing-report"),
            closing_report(
                t,
                &ClosingInput {
                    case: &case,
                    committee: committee.clone(),
                    mediators: mediator_names.clone(),
                    accepted_on: accepted,
                    closed_on,
                    result: result.clone(),
                    agreement_number: agreement_number.clone(),
                    claimed: None,
                    agreed,
                    summary: case.summary.clone(),
                },
            ),
        );
        closed = Some((closed_on, result));
    }
    let facts = Facts {
        committee,
        file_number: self::agreement_number(store, &case).await?,
        mediators: mediator_names,
        accepted,
        closed,
    };
    Ok((out, facts))
}

/// The print options of a paper.
pub fn options(t: &Translations, author: &str) -> pdf::PrintOptions {
    pdf::PrintOptions {
        author: author.to_owned(),
        created_unix: chrono::Utc::now().timestamp(),
        footer_pattern: t.tr("doc-footer"),
        ..pdf::PrintOptions::default()
    }
}

/// Writes every standard paper of the case into `dir`, one PDF each.
pub async fn record_papers(
    store: &Store,
    t: &Translations,
    case_id: i64,
    dir: &Path,
) -> Result<Vec<PathBuf>> {
    let committee = super::centre_name(store, t).await?;
    let mut written = Vec::new();
    for paper in papers(store, t, case_id).await? {
        let bytes = pdf::render(&paper.document, &options(t, &committee))?;
        written.push(write(dir, &format!("{}.pdf", paper.stem), &bytes)?);
    }
    Ok(written)
}

/// The source's label, for screens.
pub fn source_label(t: &Translations, source: Source) -> String {
    t.tr(source.label_key())
}
