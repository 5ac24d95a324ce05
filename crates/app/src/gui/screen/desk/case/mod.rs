//! One case at the desk: its due date and extensions, the first receiver
//! and handover, who mediates it (ranked suggestions with the conflict
//! check, a written reason for a tie, reassignment), withdrawal requests,
//! transfer to another body and its answer, judicial confirmation and an
//! oral agreement. The rules are the store's; this screen shows them.
//! Its state and jobs are here, its look in `view`.
//!
//! One piece because every form here is a field of one screen state and
//! each answer reloads the whole desk through one job (`case_desk_job`).

mod view;

pub use view::{hit_words, reason_words};

use super::UserChoice;
use crate::error::{AppError, Phrase};
use crate::gui::{Action, Ctx, Labeled, Route};
use accord_core::{
    Case, LocalUser,
    desk::{CourtBasis, Feedback, NewRouting, Performance, RoutingBody, Suggestion},
};
use accord_store::{Actor, CaseDesk, Store};
use chrono::NaiveDate;

/// What the screen shows.
#[derive(Debug, Clone)]
pub struct CaseDeskData {
    pub day: NaiveDate,
    pub case: Case,
    pub desk: CaseDesk,
    pub suggestions: Vec<Suggestion>,
    pub users: Vec<LocalUser>,
    /// The final agreement: when it took effect, and its words (for the
    /// matters courts do not confirm).
    pub agreement: Option<(NaiveDate, String)>,
    pub court: String,
    pub notice: Option<Phrase>,
}

#[derive(Debug, Clone)]
enum Job {
    Load,
    Assign {
        mediator: i64,
        reason: String,
    },
    Reassign {
        from: i64,
        to: i64,
        why: String,
        reason: String,
    },
    RequestRecusal {
        mediator: i64,
        party: i64,
        why: String,
    },
    Decide {
        id: i64,
        granted: bool,
        why: String,
    },
    Extend {
        to: NaiveDate,
        why: String,
        consent: Vec<i64>,
    },
    SetDue {
        on: NaiveDate,
        why: String,
    },
    HandOver {
        to: i64,
        why: String,
    },
    Route(NewRouting),
    Feedback(i64, Feedback),
    PrepareJc(String, CourtBasis),
    JcFiled(NaiveDate, String),
    JcRuling(bool, NaiveDate, String),
    Oral(String, Performance),
    /// The application and the covers as PDFs, into this folder.
    JcPapers(std::path::PathBuf),
    /// The transfer slip of a routing, into this folder.
    SlipPapers(i64, std::path::PathBuf),
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<CaseDeskData>, AppError>),
    Back,
    Pick(i64),
    OverrideReason(String),
    Assign,
    Replace(Option<i64>),
    ReplaceReason(String),
    RecusalFor(Option<i64>),
    RecusalParty(Labeled<PartyPick>),
    RecusalReason(String),
    RequestRecusal,
    DecisionReason(String),
    Decide(i64, bool),
    ExtendTo(String),
    ExtendReason(String),
    Consent(i64, bool),
    Extend,
    SetDueOn(String),
    SetDueReason(String),
    SetDue,
    HandoverTo(UserChoice),
    HandoverReason(String),
    HandOver,
    RouteBody(Labeled<RoutingBody>),
    RouteName(String),
    RouteReason(String),
    RouteDone(String),
    RouteDue(String),
    Route,
    FeedbackAccepted(bool),
    FeedbackResult(String),
    FeedbackOn(String),
    Feedback(i64),
    Court(String),
    Basis(Labeled<CourtBasis>),
    PrepareJc,
    FiledOn(String),
    CourtNumber(String),
    Filed,
    RulingOn(String),
    RulingNote(String),
    Ruling(bool),
    OralContent(String),
    OralPerformance(Labeled<Performance>),
    SaveOral,
    /// "The application and covers (PDF)".
    JcPapers,
    /// "Transfer slip (PDF)" of a routing.
    SlipPapers(i64),
}

/// A party, as picked for a withdrawal request (its id; a `Choice` would
/// need a fixed list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartyPick(pub i64);

#[derive(Debug, Default)]
pub struct CaseDeskScreen {
    pub case_id: i64,
    data: Option<Box<CaseDeskData>>,
    picked: Option<i64>,
    override_reason: String,
    replace: Option<i64>,
    replace_reason: String,
    recusal_for: Option<i64>,
    recusal_party: Option<i64>,
    recusal_reason: String,
    decision_reason: String,
    extend_to: String,
    extend_reason: String,
    consent: Vec<i64>,
    set_due_on: String,
    set_due_reason: String,
    handover_to: Option<i64>,
    handover_reason: String,
    route_body: Option<RoutingBody>,
    route_name: String,
    route_reason: String,
    route_done: String,
    route_due: String,
    feedback_accepted: bool,
    feedback_result: String,
    feedback_on: String,
    court: String,
    basis: Option<CourtBasis>,
    filed_on: String,
    court_number: String,
    ruling_on: String,
    ruling_note: String,
    oral_content: String,
    oral_performance: Option<Performance>,
    busy: bool,
    error: Option<Phrase>,
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

impl CaseDeskScreen {
    pub fn open(ctx: &Ctx<'_>, case_id: i64) -> (Self, Action<Message>) {
        let mut screen = Self {
            case_id,
            feedback_accepted: true,
            ..Self::default()
        };
        let load = screen.run(ctx, Job::Load);
        (screen, load)
    }

    /// Whether a form holds typing a leave would lose.
    pub fn unsaved(&self) -> bool {
        [
            &self.override_reason,
            &self.replace_reason,
            &self.recusal_reason,
            &self.decision_reason,
            &self.extend_reason,
            &self.set_due_reason,
            &self.handover_reason,
            &self.route_reason,
            &self.route_done,
            &self.feedback_result,
            &self.oral_content,
        ]
        .iter()
        .any(|s| !s.trim().is_empty())
    }

    fn loaded(&mut self, data: CaseDeskData) {
        let had_notice = data.notice.is_some();
        if self.court.is_empty() {
            self.court = data
                .desk
                .jc
                .as_ref()
                .map(|j| j.court.clone())
                .unwrap_or_else(|| data.court.clone());
        }
        if let Some(oral) = &data.desk.oral {
            self.oral_content = oral.content.clone();
            self.oral_performance = Some(oral.performance);
        }
        if self.route_due.is_empty() {
            self.route_due = (data.day + chrono::Days::new(15)).to_string();
        }
        if self.extend_to.is_empty() {
            self.extend_to = (data.desk.time_limit.due() + chrono::Days::new(30)).to_string();
        }
        if had_notice {
            // The change is saved: its form is done.
            self.picked = None;
            self.override_reason.clear();
            self.replace = None;
            self.replace_reason.clear();
            self.recusal_for = None;
            self.recusal_reason.clear();
            self.decision_reason.clear();
            self.extend_reason.clear();
            self.set_due_reason.clear();
            self.consent.clear();
            self.handover_reason.clear();
            self.route_reason.clear();
            self.route_done.clear();
            self.feedback_result.clear();
            if data.desk.oral.is_none() {
                self.oral_content.clear();
            }
        }
        self.data = Some(Box::new(data));
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action<Message> {
        let today = self.data.as_ref().map(|d| d.day).unwrap_or_default();
        let job = match message {
            Message::Loaded(Ok(data)) => {
                self.busy = false;
                self.error = None;
                self.loaded(*data);
                return Action::None;
            }
            Message::Loaded(Err(e)) => {
                self.busy = false;
                self.error = Some(e.phrase());
                return Action::None;
            }
            Message::Back => return Action::Navigate(Route::Case(self.case_id)),
            Message::Pick(id) => {
                self.picked = Some(id);
                return Action::None;
            }
            Message::OverrideReason(s) => {
                self.override_reason = s;
                return Action::None;
            }
            Message::Replace(id) => {
                self.replace = id;
                return Action::None;
            }
            Message::ReplaceReason(s) => {
                self.replace_reason = s;
                return Action::None;
            }
            Message::Assign => {
                let Some(mediator) = self.picked else {
                    self.error = Some(Phrase::error("desk-error-pick"));
                    return Action::None;
                };
                match self.replace {
                    Some(from) => Job::Reassign {
                        from,
                        to: mediator,
                        why: self.replace_reason.clone(),
                        reason: self.override_reason.clone(),
                    },
                    None => Job::Assign {
                        mediator,
                        reason: self.override_reason.clone(),
                    },
                }
            }
            Message::RecusalFor(id) => {
                self.recusal_for = id;
                return Action::None;
            }
            Message::RecusalParty(p) => {
                self.recusal_party = Some(p.value.0);
                return Action::None;
            }
            Message::RecusalReason(s) => {
                self.recusal_reason = s;
                return Action::None;
            }
            Message::RequestRecusal => {
                let (Some(mediator), Some(party)) = (self.recusal_for, self.recusal_party) else {
                    self.error = Some(Phrase::error("desk-error-party"));
                    return Action::None;
                };
                Job::RequestRecusal {
                    mediator,
                    party,
                    why: self.recusal_reason.clone(),
                }
            }
            Message::DecisionReason(s) => {
                self.decision_reason = s;
                return Action::None;
            }
            Message::Decide(id, granted) => Job::Decide {
                id,
                granted,
                why: self.decision_reason.clone(),
            },
            Message::ExtendTo(s) => {
                self.extend_to = s;
                return Action::None;
            }
            Message::ExtendReason(s) => {
                self.extend_reason = s;
                return Action::None;
            }
            Message::Consent(id, on) => {
                self.consent.retain(|p| *p != id);
                if on {
                    self.consent.push(id);
                }
                return Action::None;
            }
            Message::Extend => {
                let Some(to) = date(&self.extend_to) else {
                    self.error = Some(Phrase::error("error-date"));
                    return Action::None;
                };
                Job::Extend {
                    to,
                    why: self.extend_reason.clone(),
                    consent: self.consent.clone(),
                }
            }
            Message::SetDueOn(s) => {
                self.set_due_on = s;
                return Action::None;
            }
            Message::SetDueReason(s) => {
                self.set_due_reason = s;
                return Action::None;
            }
            Message::SetDue => {
                let Some(on) = date(&self.set_due_on) else {
                    self.error = Some(Phrase::error("error-date"));
                    return Action::None;
                };
                Job::SetDue {
                    on,
                    why: self.set_due_reason.clone(),
                }
            }
            Message::HandoverTo(u) => {
                self.handover_to = u.id;
                return Action::None;
            }
            Message::HandoverReason(s) => {
                self.handover_reason = s;
                return Action::None;
            }
            Message::HandOver => {
                let Some(to) = self.handover_to else {
                    self.error = Some(Phrase::error("desk-error-user"));
                    return Action::None;
                };
                Job::HandOver {
                    to,
                    why: self.handover_reason.clone(),
                }
            }
            Message::RouteBody(b) => {
                self.route_body = Some(b.value);
                return Action::None;
            }
            Message::RouteName(s) => {
                self.route_name = s;
                return Action::None;
            }
            Message::RouteReason(s) => {
                self.route_reason = s;
                return Action::None;
            }
            Message::RouteDone(s) => {
                self.route_done = s;
                return Action::None;
            }
            Message::RouteDue(s) => {
                self.route_due = s;
                return Action::None;
            }
            Message::Route => {
                let (Some(body), Some(due)) = (self.route_body, date(&self.route_due)) else {
                    self.error = Some(Phrase::error("desk-error-route"));
                    return Action::None;
                };
                let slip = NewRouting {
                    body,
                    body_name: self.route_name.clone(),
                    reason: self.route_reason.clone(),
                    done: self.route_done.clone(),
                    feedback_due: due,
                };
                if let Err(e) = slip.validate(today) {
                    self.error = Some(Phrase::error(e.key()));
                    return Action::None;
                }
                Job::Route(slip)
            }
            Message::FeedbackAccepted(on) => {
                self.feedback_accepted = on;
                return Action::None;
            }
            Message::FeedbackResult(s) => {
                self.feedback_result = s;
                return Action::None;
            }
            Message::FeedbackOn(s) => {
                self.feedback_on = s;
                return Action::None;
            }
            Message::Feedback(id) => {
                let on = if self.feedback_on.trim().is_empty() {
                    Some(today)
                } else {
                    date(&self.feedback_on)
                };
                let Some(on) = on else {
                    self.error = Some(Phrase::error("error-date"));
                    return Action::None;
                };
                Job::Feedback(
                    id,
                    Feedback {
                        accepted: self.feedback_accepted,
                        result: self.feedback_result.clone(),
                        on,
                    },
                )
            }
            Message::Court(s) => {
                self.court = s;
                return Action::None;
            }
            Message::Basis(b) => {
                self.basis = Some(b.value);
                return Action::None;
            }
            Message::PrepareJc => Job::PrepareJc(
                self.court.clone(),
                self.basis.unwrap_or(CourtBasis::CommitteeSeat),
            ),
            Message::FiledOn(s) => {
                self.filed_on = s;
                return Action::None;
            }
            Message::CourtNumber(s) => {
                self.court_number = s;
                return Action::None;
            }
            Message::Filed => {
                let Some(on) = date(&self.filed_on)
                    .or(Some(today).filter(|_| self.filed_on.trim().is_empty()))
                else {
                    self.error = Some(Phrase::error("error-date"));
                    return Action::None;
                };
                Job::JcFiled(on, self.court_number.clone())
            }
            Message::RulingOn(s) => {
                self.ruling_on = s;
                return Action::None;
            }
            Message::RulingNote(s) => {
                self.ruling_note = s;
                return Action::None;
            }
            Message::Ruling(confirmed) => {
                let Some(on) = date(&self.ruling_on)
                    .or(Some(today).filter(|_| self.ruling_on.trim().is_empty()))
                else {
                    self.error = Some(Phrase::error("error-date"));
                    return Action::None;
                };
                Job::JcRuling(confirmed, on, self.ruling_note.clone())
            }
            Message::OralContent(s) => {
                self.oral_content = s;
                return Action::None;
            }
            Message::OralPerformance(p) => {
                self.oral_performance = Some(p.value);
                return Action::None;
            }
            Message::JcPapers => Job::JcPapers(crate::publish::output_dir(ctx.db)),
            Message::SlipPapers(id) => Job::SlipPapers(id, crate::publish::output_dir(ctx.db)),
            Message::SaveOral => Job::Oral(
                self.oral_content.clone(),
                self.oral_performance.unwrap_or(Performance::Performed),
            ),
        };
        self.run(ctx, job)
    }

    fn run(&mut self, ctx: &Ctx<'_>, job: Job) -> Action<Message> {
        self.busy = true;
        self.error = None;
        let actor = ctx.actor();
        let case_id = self.case_id;
        let locale = ctx.locale();
        Action::run(move |store| async move {
            Message::Loaded(
                case_desk_job(&store, &actor, case_id, job, locale)
                    .await
                    .map(Box::new),
            )
        })
    }
}

/// Runs a job, then reads the case's desk again.
async fn case_desk_job(
    store: &Store,
    actor: &Actor,
    case_id: i64,
    job: Job,
    locale: accord_i18n::Locale,
) -> Result<CaseDeskData, AppError> {
    let day = chrono::Local::now().date_naive();
    let notice = match job {
        Job::Load => None,
        Job::Assign { mediator, reason } => {
            let a = store
                .assign_mediator(actor, case_id, mediator, Some(&reason))
                .await?;
            Some(Phrase::new("desk-assigned").arg("name", a.mediator_name))
        }
        Job::Reassign {
            from,
            to,
            why,
            reason,
        } => {
            let a = store.reassign(actor, from, to, &why, Some(&reason)).await?;
            Some(Phrase::new("desk-assigned").arg("name", a.mediator_name))
        }
        Job::RequestRecusal {
            mediator,
            party,
            why,
        } => {
            store
                .request_recusal(actor, case_id, mediator, party, &why)
                .await?;
            Some(Phrase::new("desk-recusal-recorded"))
        }
        Job::Decide { id, granted, why } => {
            store.decide_recusal(actor, id, granted, &why).await?;
            Some(Phrase::new("desk-recusal-decided"))
        }
        Job::Extend { to, why, consent } => {
            let limit = store
                .extend_time_limit(actor, case_id, to, &why, consent)
                .await?;
            Some(Phrase::new("desk-extended").arg("date", limit.due().to_string()))
        }
        Job::SetDue { on, why } => {
            let limit = store.set_due_date(actor, case_id, on, &why).await?;
            Some(Phrase::new("desk-due-set").arg("date", limit.due().to_string()))
        }
        Job::HandOver { to, why } => {
            store.hand_over(actor, case_id, to, &why).await?;
            Some(Phrase::new("desk-handed-over"))
        }
        Job::Route(slip) => {
            let r = store.route_case(actor, case_id, &slip, day).await?;
            Some(Phrase::new("desk-routed").arg("body", r.slip.body_name))
        }
        Job::Feedback(id, feedback) => {
            store.record_feedback(actor, id, &feedback).await?;
            Some(Phrase::new("desk-feedback-recorded"))
        }
        Job::PrepareJc(court, basis) => {
            store.prepare_jc(actor, case_id, &court, basis).await?;
            Some(Phrase::new("desk-jc-prepared"))
        }
        Job::JcFiled(on, number) => {
            store.record_jc_filed(actor, case_id, on, &number).await?;
            Some(Phrase::new("desk-jc-filed"))
        }
        Job::JcRuling(confirmed, on, note) => {
            store
                .record_jc_ruling(actor, case_id, confirmed, on, &note)
                .await?;
            Some(Phrase::new("desk-jc-ruled"))
        }
        Job::Oral(content, performance) => {
            store
                .record_oral_agreement(actor, case_id, &content, performance)
                .await?;
            Some(Phrase::new("desk-oral-saved"))
        }
        Job::JcPapers(dir) => {
            let t = accord_i18n::Translations::get(locale);
            let files = crate::publish::jc_papers(store, t, case_id, &dir).await?;
            Some(papers_saved(&files, &dir))
        }
        Job::SlipPapers(id, dir) => {
            let t = accord_i18n::Translations::get(locale);
            let file = crate::publish::transfer_papers(store, t, case_id, id, &dir).await?;
            Some(papers_saved(&[file], &dir))
        }
    };
    load(store, case_id, day, notice).await
}

/// "Saved: … in …".
fn papers_saved(files: &[std::path::PathBuf], dir: &std::path::Path) -> Phrase {
    let names: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    Phrase::new("desk-papers-saved")
        .arg("files", names.join("、"))
        .arg("dir", dir.display().to_string())
}

/// Everything the screen shows about a case.
pub async fn load(
    store: &Store,
    case_id: i64,
    day: NaiveDate,
    notice: Option<Phrase>,
) -> Result<CaseDeskData, AppError> {
    let case = store.case(case_id).await?;
    let agreement = store.agreement(case_id).await?.and_then(|a| {
        let at = a.finalised_at?;
        let version = a.final_version?;
        let content = a.versions.iter().find(|v| v.number == version)?;
        let words = strings(&serde_json::to_value(&content.content).unwrap_or_default());
        Some((at.with_timezone(&chrono::Local).date_naive(), words))
    });
    Ok(CaseDeskData {
        day,
        desk: store.case_desk(case_id).await?,
        suggestions: store.suggestions(case_id, day).await?,
        users: store.users().await?,
        agreement,
        court: store
            .setting(crate::publish::CENTRE_COURT)
            .await?
            .unwrap_or_default(),
        case,
        notice,
    })
}

/// Every string inside a JSON value, one per line.
fn strings(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => format!("{s}\n"),
        serde_json::Value::Array(a) => a.iter().map(strings).collect(),
        serde_json::Value::Object(o) => o.values().map(strings).collect(),
        _ => String::new(),
    }
}
