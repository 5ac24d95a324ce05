//! One case at the desk: its due date and extensions, the first receiver
//! and handover, who mediates it (ranked suggestions with the conflict
//! check, a written reason for a tie, reassignment), withdrawal requests,
//! transfer to another body and its answer, judicial confirmation and an
//! oral agreement. The rules are the store's; this screen shows them.

use accord_core::{
    Case, LocalUser, UserRole,
    conflict::{Evidence, Hit},
    desk::{
        CourtBasis, Feedback, JcState, NewRouting, Performance, RecusalDecision, RoutingBody,
        Suggestion, excluded_matters, jc_deadline,
    },
};
use accord_store::{Actor, CaseDesk, Store};
use chrono::NaiveDate;
use iced::{
    Center, Element, Fill,
    widget::{button, checkbox, column, pick_list, row, text, text_input},
};

use super::{UserChoice, urgency_words, weekday_name};
use crate::error::{AppError, Phrase};
use crate::gui::{Action, Ctx, Labeled, Route, theme, widgets};

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

/// A tie found by the conflict check, in words.
pub fn hit_words(ctx: Ctx<'_>, hit: &Hit) -> String {
    let evidence = match &hit.evidence {
        Evidence::SameId { id } => ctx.tr_args("desk-hit-same-id", &[("id", id.clone())]),
        Evidence::SameNamePhone { phone } => {
            ctx.tr_args("desk-hit-same-phone", &[("phone", phone.clone())])
        }
        Evidence::SameNameAddress { address } => {
            ctx.tr_args("desk-hit-same-address", &[("address", address.clone())])
        }
        Evidence::Declared { kind, name, by_id } => ctx.tr_args(
            if *by_id {
                "desk-hit-declared-id"
            } else {
                "desk-hit-declared-name"
            },
            &[("kind", ctx.label(*kind)), ("name", name.clone())],
        ),
    };
    ctx.tr_args(
        "desk-hit",
        &[
            ("role", ctx.label(hit.role)),
            ("person", hit.person.clone()),
            ("evidence", evidence),
        ],
    )
}

/// Why a suggestion ranks where it does ("邻里纠纷 · 3 件在办 · 周二可").
pub fn reason_words(ctx: Ctx<'_>, s: &Suggestion, case: &Case, today: NaiveDate) -> String {
    use chrono::Datelike;
    let mut parts = Vec::new();
    parts.push(if s.handles_category {
        ctx.label(case.category)
    } else {
        ctx.tr("desk-other-categories")
    });
    parts.push(ctx.tr_args("desk-open-cases", &[("count", s.open_cases.to_string())]));
    parts.push(match s.next_available {
        Some(d) if d == today => ctx.tr("desk-available-today"),
        Some(d) => ctx.tr_args(
            "desk-available-on",
            &[("day", weekday_name(ctx, d.weekday().num_days_from_monday()))],
        ),
        None => ctx.tr("desk-not-available"),
    });
    parts.join(" · ")
}

type El<'a> = Element<'a, Message>;

impl CaseDeskScreen {
    pub fn view<'a>(&'a self, ctx: Ctx<'a>) -> El<'a> {
        let Some(data) = &self.data else {
            return column![
                widgets::banners(ctx, None, self.error.as_ref()),
                text(ctx.tr("desk-loading")).size(ctx.sizes.body())
            ]
            .padding(theme::GAP)
            .into();
        };
        let body = ctx.sizes.body();
        let small = ctx.sizes.small();
        let case = &data.case;
        let desk = &data.desk;
        let admin = ctx.user.is_none_or(|u| u.role == UserRole::Administrator);
        let mut page = column![
            row![
                text(ctx.tr_args("desk-case-title", &[("number", case.number.to_string())]))
                    .size(ctx.sizes.heading())
                    .width(Fill),
                button(text(ctx.tr("desk-back")).size(small))
                    .style(button::secondary)
                    .on_press(Message::Back),
            ]
            .align_y(Center),
            widgets::banners(ctx, data.notice.as_ref(), self.error.as_ref()),
        ]
        .spacing(theme::GAP);

        // Time limit, receiver.
        let due = desk.time_limit.due();
        let urgency = desk.time_limit.urgency(data.day, desk.warn_days);
        let mut limit = column![
            widgets::heading(ctx, ctx.tr("desk-time-limit")),
            widgets::fact(
                ctx,
                ctx.tr("desk-due"),
                format!(
                    "{} · {}",
                    accord_document::long_date(ctx.t, due),
                    urgency_words(ctx, urgency)
                )
            ),
            widgets::fact(
                ctx,
                ctx.tr("desk-receiver"),
                desk.receiver
                    .as_ref()
                    .map(|r| r.1.clone())
                    .unwrap_or_else(|| ctx.tr("desk-none"))
            ),
        ]
        .spacing(theme::TIGHT);
        for e in &desk.time_limit.extensions {
            limit = limit.push(
                text(ctx.tr_args(
                    "desk-extension-line",
                    &[
                        ("date", accord_document::long_date(ctx.t, e.to)),
                        ("reason", e.reason.clone()),
                    ],
                ))
                .size(small),
            );
        }
        // A case no longer worked on keeps its record, without the forms.
        let working = accord_store::OPEN_STATUSES.contains(&case.status);
        let mut consents = row![].spacing(theme::GAP);
        for p in &case.parties {
            consents = consents.push(
                checkbox(self.consent.contains(&p.id))
                    .label(p.name.clone())
                    .on_toggle(move |on| Message::Consent(p.id, on))
                    .text_size(small),
            );
        }
        if working {
            limit = limit.push(
                row![
                    widgets::field(
                        ctx,
                        ctx.tr("desk-extend-to"),
                        text_input("2026-12-31", &self.extend_to)
                            .on_input(Message::ExtendTo)
                            .size(body),
                        None
                    ),
                    widgets::field(
                        ctx,
                        ctx.tr("desk-extend-reason"),
                        text_input("", &self.extend_reason)
                            .on_input(Message::ExtendReason)
                            .size(body),
                        None
                    ),
                ]
                .spacing(theme::GAP),
            );
            limit = limit.push(
                text(ctx.tr("desk-consent"))
                    .size(small)
                    .style(theme::muted_text),
            );
            limit = limit.push(consents.wrap());
            limit = limit.push(
                button(text(ctx.tr("desk-extend")).size(body))
                    .style(button::secondary)
                    .on_press_maybe((!self.busy).then_some(Message::Extend)),
            );
            let users: Vec<UserChoice> = data
                .users
                .iter()
                .map(|u| UserChoice {
                    id: Some(u.id),
                    label: u.name.clone(),
                })
                .collect();
            let chosen = users.iter().find(|u| u.id == self.handover_to).cloned();
            limit = limit.push(
                row![
                    pick_list(users, chosen, Message::HandoverTo)
                        .placeholder(ctx.tr("desk-handover-to"))
                        .text_size(body),
                    text_input(&ctx.tr("desk-handover-reason"), &self.handover_reason)
                        .on_input(Message::HandoverReason)
                        .size(body),
                    button(text(ctx.tr("desk-handover")).size(body))
                        .style(button::secondary)
                        .on_press_maybe((!self.busy).then_some(Message::HandOver)),
                ]
                .spacing(theme::TIGHT)
                .align_y(Center),
            );
        }
        page = page.push(widgets::card(limit));

        // Mediators.
        let mut who =
            column![widgets::heading(ctx, ctx.tr("desk-mediators"))].spacing(theme::TIGHT);
        for a in &desk.assignments {
            let mut line = row![
                text(a.mediator_name.clone()).size(body).width(120),
                text(if a.lead {
                    ctx.tr("desk-lead")
                } else {
                    ctx.tr("desk-co")
                })
                .size(small)
                .width(90),
                text(match &a.ended_at {
                    Some(at) => ctx.tr_args(
                        "desk-ended",
                        &[
                            ("date", ctx.date(*at)),
                            ("reason", a.end_reason.clone().unwrap_or_default()),
                        ],
                    ),
                    None => ctx.tr_args(
                        "desk-assigned-by",
                        &[
                            ("by", a.assigned_by.clone()),
                            ("date", ctx.date(a.assigned_at))
                        ],
                    ),
                })
                .size(small)
                .width(Fill),
            ]
            .spacing(theme::GAP)
            .align_y(Center);
            if a.ended_at.is_none() && working {
                line = line
                    .push(
                        button(text(ctx.tr("desk-replace")).size(small))
                            .style(button::secondary)
                            .on_press(Message::Replace(Some(a.id))),
                    )
                    .push(
                        button(text(ctx.tr("desk-recusal")).size(small))
                            .style(button::secondary)
                            .on_press(Message::RecusalFor(Some(a.mediator_id))),
                    );
            }
            who = who.push(line);
            if let Some(reason) = &a.override_reason {
                who = who.push(
                    text(ctx.tr_args("desk-override-kept", &[("reason", reason.clone())]))
                        .size(small)
                        .style(theme::muted_text),
                );
            }
        }
        for hit in &desk.conflicts {
            who = who.push(
                text(hit_words(ctx, hit))
                    .size(small)
                    .style(theme::error_text),
            );
        }
        if let Some(mediator) = self.recusal_for {
            let parties: Vec<Labeled<PartyPick>> = case
                .parties
                .iter()
                .map(|p| Labeled {
                    value: PartyPick(p.id),
                    label: p.name.clone(),
                })
                .collect();
            let chosen = parties
                .iter()
                .find(|p| Some(p.value.0) == self.recusal_party)
                .cloned();
            let name = desk
                .assignments
                .iter()
                .find(|a| a.mediator_id == mediator)
                .map(|a| a.mediator_name.clone())
                .unwrap_or_default();
            who = who.push(
                row![
                    text(ctx.tr_args("desk-recusal-of", &[("name", name)])).size(small),
                    pick_list(parties, chosen, Message::RecusalParty)
                        .placeholder(ctx.tr("desk-recusal-party"))
                        .text_size(body),
                    text_input(&ctx.tr("desk-recusal-reason"), &self.recusal_reason)
                        .on_input(Message::RecusalReason)
                        .size(body),
                    button(text(ctx.tr("desk-recusal-record")).size(body))
                        .style(button::primary)
                        .on_press_maybe((!self.busy).then_some(Message::RequestRecusal)),
                ]
                .spacing(theme::TIGHT)
                .align_y(Center),
            );
        }
        for r in &desk.recusals {
            let mut line = column![
                text(ctx.tr_args(
                    "desk-recusal-line",
                    &[
                        ("party", r.party_name.clone()),
                        ("name", r.mediator_name.clone()),
                        ("reason", r.reason.clone()),
                        ("decision", ctx.label(r.decision)),
                    ],
                ))
                .size(small)
            ]
            .spacing(theme::TIGHT / 2.0);
            if let Some(reason) = &r.decision_reason {
                line = line.push(text(reason.clone()).size(small).style(theme::muted_text));
            }
            if r.decision == RecusalDecision::Pending && admin {
                line = line.push(
                    row![
                        text_input(&ctx.tr("desk-decision-reason"), &self.decision_reason)
                            .on_input(Message::DecisionReason)
                            .size(body),
                        button(text(ctx.tr("desk-grant")).size(small))
                            .style(button::primary)
                            .on_press_maybe((!self.busy).then_some(Message::Decide(r.id, true))),
                        button(text(ctx.tr("desk-refuse")).size(small))
                            .style(button::secondary)
                            .on_press_maybe((!self.busy).then_some(Message::Decide(r.id, false))),
                    ]
                    .spacing(theme::TIGHT)
                    .align_y(Center),
                );
            }
            who = who.push(line);
        }
        if working {
            // Suggestions.
            who = who.push(
                text(if self.replace.is_some() {
                    ctx.tr("desk-suggestions-replace")
                } else {
                    ctx.tr("desk-suggestions")
                })
                .size(small)
                .style(theme::muted_text),
            );
            for s in data.suggestions.iter().take(8) {
                let picked = self.picked == Some(s.mediator.id);
                let mut entry = column![
                    row![
                        button(text(s.mediator.details.name.clone()).size(body))
                            .style(if picked {
                                button::primary
                            } else {
                                button::secondary
                            })
                            .on_press(Message::Pick(s.mediator.id)),
                        text(reason_words(ctx, s, case, data.day))
                            .size(small)
                            .width(Fill),
                    ]
                    .spacing(theme::GAP)
                    .align_y(Center)
                ]
                .spacing(theme::TIGHT / 2.0);
                for hit in &s.conflicts {
                    entry = entry.push(
                        text(hit_words(ctx, hit))
                            .size(small)
                            .style(theme::error_text),
                    );
                }
                who = who.push(entry);
            }
            let picked_has_ties = self
                .picked
                .and_then(|id| data.suggestions.iter().find(|s| s.mediator.id == id))
                .is_some_and(|s| !s.conflicts.is_empty());
            if picked_has_ties {
                who = who.push(widgets::field(
                    ctx,
                    ctx.tr("desk-override-reason"),
                    text_input("", &self.override_reason)
                        .on_input(Message::OverrideReason)
                        .size(body),
                    None,
                ));
            }
            if self.replace.is_some() {
                who = who.push(widgets::field(
                    ctx,
                    ctx.tr("desk-replace-reason"),
                    text_input("", &self.replace_reason)
                        .on_input(Message::ReplaceReason)
                        .size(body),
                    None,
                ));
            }
            who = who.push(
                row![
                    button(
                        text(if self.replace.is_some() {
                            ctx.tr("desk-reassign")
                        } else {
                            ctx.tr("desk-assign")
                        })
                        .size(body)
                    )
                    .style(button::primary)
                    .on_press_maybe(
                        (!self.busy && self.picked.is_some()).then_some(Message::Assign)
                    ),
                ]
                .spacing(theme::GAP),
            );
        }
        page = page.push(widgets::card(who));

        // Transfer.
        let mut route =
            column![widgets::heading(ctx, ctx.tr("desk-routing"))].spacing(theme::TIGHT);
        for r in &desk.routings {
            route = route.push(
                text(ctx.tr_args(
                    "desk-routing-line",
                    &[
                        ("body", r.slip.body_name.clone()),
                        ("kind", ctx.label(r.slip.body)),
                        ("date", ctx.date(r.routed_at)),
                        (
                            "due",
                            accord_document::long_date(ctx.t, r.slip.feedback_due),
                        ),
                    ],
                ))
                .size(body),
            );
            route = route.push(
                button(text(ctx.tr("desk-slip-papers")).size(small))
                    .style(button::secondary)
                    .on_press_maybe((!self.busy).then_some(Message::SlipPapers(r.id))),
            );
            match &r.feedback {
                Some(f) => {
                    route = route.push(
                        text(ctx.tr_args(
                            if f.accepted {
                                "desk-feedback-accepted"
                            } else {
                                "desk-feedback-declined"
                            },
                            &[
                                ("result", f.result.clone()),
                                ("date", accord_document::long_date(ctx.t, f.on)),
                            ],
                        ))
                        .size(small),
                    );
                }
                None => {
                    if r.feedback_late(data.day) {
                        route = route.push(
                            text(ctx.tr("desk-feedback-late"))
                                .size(small)
                                .style(theme::error_text),
                        );
                    }
                    route = route.push(
                        row![
                            checkbox(self.feedback_accepted)
                                .label(ctx.tr("desk-feedback-took"))
                                .on_toggle(Message::FeedbackAccepted)
                                .text_size(small),
                            text_input(&ctx.tr("desk-feedback-result"), &self.feedback_result)
                                .on_input(Message::FeedbackResult)
                                .size(body),
                            text_input("2026-12-31", &self.feedback_on)
                                .on_input(Message::FeedbackOn)
                                .width(120)
                                .size(body),
                            button(text(ctx.tr("desk-feedback-record")).size(small))
                                .style(button::primary)
                                .on_press_maybe((!self.busy).then_some(Message::Feedback(r.id))),
                        ]
                        .spacing(theme::TIGHT)
                        .align_y(Center),
                    );
                }
            }
        }
        if !desk.feedback_pending()
            && !matches!(
                case.status,
                accord_core::CaseStatus::Closed | accord_core::CaseStatus::Settled
            )
        {
            route = route.push(
                row![
                    widgets::field(
                        ctx,
                        ctx.tr("desk-route-body"),
                        pick_list(
                            ctx.options::<RoutingBody>(),
                            self.route_body.map(|b| ctx.labeled(b)),
                            Message::RouteBody
                        )
                        .text_size(body),
                        None
                    ),
                    widgets::field(
                        ctx,
                        ctx.tr("desk-route-name"),
                        text_input("", &self.route_name)
                            .on_input(Message::RouteName)
                            .size(body),
                        None
                    ),
                    widgets::field(
                        ctx,
                        ctx.tr("desk-route-due"),
                        text_input("2026-12-31", &self.route_due)
                            .on_input(Message::RouteDue)
                            .size(body),
                        None
                    ),
                ]
                .spacing(theme::GAP),
            );
            route = route.push(widgets::field(
                ctx,
                ctx.tr("desk-route-reason"),
                text_input("", &self.route_reason)
                    .on_input(Message::RouteReason)
                    .size(body),
                None,
            ));
            route = route.push(widgets::field(
                ctx,
                ctx.tr("desk-route-done"),
                text_input("", &self.route_done)
                    .on_input(Message::RouteDone)
                    .size(body),
                None,
            ));
            route = route.push(
                button(text(ctx.tr("desk-route")).size(body))
                    .style(button::primary)
                    .on_press_maybe((!self.busy).then_some(Message::Route)),
            );
        }
        page = page.push(widgets::card(route));

        // Judicial confirmation.
        let mut jc = column![widgets::heading(ctx, ctx.tr("desk-jc"))].spacing(theme::TIGHT);
        match &data.agreement {
            Some((effective, words)) => {
                jc = jc.push(
                    text(ctx.tr_args(
                        "desk-jc-window",
                        &[
                            ("from", accord_document::long_date(ctx.t, *effective)),
                            (
                                "until",
                                accord_document::long_date(ctx.t, jc_deadline(*effective)),
                            ),
                        ],
                    ))
                    .size(small),
                );
                let excluded = excluded_matters(words);
                if !excluded.is_empty() {
                    let names: Vec<String> = excluded.iter().map(|m| ctx.label(*m)).collect();
                    jc = jc.push(
                        text(ctx.tr_args("desk-jc-excluded", &[("matters", ctx.list(&names))]))
                            .size(small)
                            .style(theme::error_text),
                    );
                }
            }
            None => {
                jc = jc.push(
                    text(ctx.tr("desk-jc-no-agreement"))
                        .size(small)
                        .style(theme::muted_text),
                );
            }
        }
        if let Some(j) = &desk.jc {
            jc = jc.push(widgets::fact(
                ctx,
                ctx.tr("desk-jc-state"),
                ctx.label(j.state),
            ));
            jc = jc.push(widgets::fact(ctx, ctx.tr("desk-court"), j.court.clone()));
            if let Some(n) = &j.court_number {
                jc = jc.push(widgets::fact(ctx, ctx.tr("desk-court-number"), n.clone()));
            }
            if let Some(note) = &j.ruling_note {
                jc = jc.push(widgets::fact(ctx, ctx.tr("desk-ruling-note"), note.clone()));
            }
        }
        let state = desk.jc.as_ref().map(|j| j.state);
        if data.agreement.is_some() && matches!(state, None | Some(JcState::Prepared)) {
            jc = jc.push(
                row![
                    widgets::field(
                        ctx,
                        ctx.tr("desk-court"),
                        text_input("", &self.court)
                            .on_input(Message::Court)
                            .size(body),
                        None
                    ),
                    widgets::field(
                        ctx,
                        ctx.tr("desk-court-basis"),
                        pick_list(
                            ctx.options::<CourtBasis>(),
                            Some(ctx.labeled(self.basis.unwrap_or(CourtBasis::CommitteeSeat))),
                            Message::Basis
                        )
                        .text_size(body),
                        None
                    ),
                ]
                .spacing(theme::GAP),
            );
            jc = jc.push(
                button(text(ctx.tr("desk-jc-prepare")).size(body))
                    .style(button::primary)
                    .on_press_maybe((!self.busy).then_some(Message::PrepareJc)),
            );
        }
        if state.is_some() && data.agreement.is_some() {
            jc = jc.push(
                button(text(ctx.tr("desk-jc-papers")).size(body))
                    .style(button::secondary)
                    .on_press_maybe((!self.busy).then_some(Message::JcPapers)),
            );
        }
        if state == Some(JcState::Prepared) {
            jc = jc.push(
                row![
                    text_input("2026-12-31", &self.filed_on)
                        .on_input(Message::FiledOn)
                        .width(120)
                        .size(body),
                    text_input(&ctx.tr("desk-court-number"), &self.court_number)
                        .on_input(Message::CourtNumber)
                        .size(body),
                    button(text(ctx.tr("desk-jc-file")).size(small))
                        .style(button::secondary)
                        .on_press_maybe((!self.busy).then_some(Message::Filed)),
                ]
                .spacing(theme::TIGHT)
                .align_y(Center),
            );
        }
        if state == Some(JcState::Filed) {
            jc = jc.push(
                row![
                    text_input("2026-12-31", &self.ruling_on)
                        .on_input(Message::RulingOn)
                        .width(120)
                        .size(body),
                    text_input(&ctx.tr("desk-ruling-note"), &self.ruling_note)
                        .on_input(Message::RulingNote)
                        .size(body),
                    button(text(ctx.tr("desk-jc-confirmed")).size(small))
                        .style(button::primary)
                        .on_press_maybe((!self.busy).then_some(Message::Ruling(true))),
                    button(text(ctx.tr("desk-jc-rejected")).size(small))
                        .style(button::secondary)
                        .on_press_maybe((!self.busy).then_some(Message::Ruling(false))),
                ]
                .spacing(theme::TIGHT)
                .align_y(Center),
            );
        }
        page = page.push(widgets::card(jc));

        // Oral agreement.
        let open = matches!(
            case.status,
            accord_core::CaseStatus::Received
                | accord_core::CaseStatus::Assigned
                | accord_core::CaseStatus::InMediation
        );
        if open || desk.oral.is_some() {
            let mut oral = column![
                widgets::heading(ctx, ctx.tr("desk-oral")),
                text(ctx.tr("desk-oral-hint"))
                    .size(small)
                    .style(theme::muted_text),
                text_input("", &self.oral_content)
                    .on_input(Message::OralContent)
                    .size(body),
                row![
                    pick_list(
                        ctx.options::<Performance>(),
                        Some(ctx.labeled(self.oral_performance.unwrap_or(Performance::Performed))),
                        Message::OralPerformance
                    )
                    .text_size(body),
                    button(text(ctx.tr("desk-oral-save")).size(body))
                        .style(button::primary)
                        .on_press_maybe((!self.busy).then_some(Message::SaveOral)),
                ]
                .spacing(theme::GAP)
                .align_y(Center),
            ]
            .spacing(theme::TIGHT);
            if let Some(o) = &desk.oral {
                oral = oral.push(
                    text(ctx.tr_args(
                        "desk-oral-recorded",
                        &[
                            ("by", o.recorded_by.clone()),
                            ("date", ctx.date(o.recorded_at)),
                        ],
                    ))
                    .size(small)
                    .style(theme::muted_text),
                );
            }
            page = page.push(widgets::card(oral));
        }
        widgets::page_scroll(page.padding(theme::GAP)).into()
    }
}
