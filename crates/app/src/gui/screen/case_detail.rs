//! One case: its facts, parties, disputed issues, status and history.
//!
//! One piece because every part (facts, parties, payments, visit notes,
//! history) reads the one loaded case and shares its leave-guard for typed
//! notes and payments; the payment form is the part to move out next.

use accord_core::{Case, CaseStatus, Choice, Party, ResidentId, followup::Satisfaction};
use accord_store::{AuditEntry, StoreError};
use iced::{
    Center, Element, Fill,
    widget::{button, column, container, row, text},
};

use accord_store::Store;

use crate::gui::{
    Action, Ctx, Route,
    commands::{Command, Shortcut},
    theme, widgets,
};

/// What the detail screen shows, read in one job.
#[derive(Debug, Clone)]
pub struct CaseData {
    pub case: Case,
    pub history: Vec<AuditEntry>,
    /// The final agreement's performance (empty when there is none).
    pub performance: Vec<accord_store::InstallmentStatus>,
    /// Its risk flags (矛盾纠纷预警), cleared ones included.
    pub flags: Vec<accord_store::CaseFlag>,
}

/// Reads a case, its history, the performance of its agreement and its
/// flags: one statement (see `Store::case_detail`).
pub async fn load(store: &Store, case_id: i64) -> Result<CaseData, StoreError> {
    let detail = store.case_detail(case_id).await?;
    Ok(CaseData {
        case: detail.case,
        history: detail.history,
        performance: detail.performance,
        flags: detail.flags,
    })
}

async fn with_history(
    store: &Store,
    case: Result<Case, StoreError>,
) -> Result<(Case, Vec<AuditEntry>), StoreError> {
    let case = case?;
    let history = store.case_history(case.id).await?;
    Ok((case, history))
}

/// A payment typed on the case page.
#[derive(Debug, Clone)]
struct PayForm {
    obligation: usize,
    installment: usize,
    amount: String,
    date: String,
    method: String,
}

/// The detail screen's state.
#[derive(Debug, Clone)]
pub struct CaseDetail {
    pub case: Case,
    history: Vec<AuditEntry>,
    /// The final agreement's instalments and acts with what is paid.
    performance: Vec<accord_store::InstallmentStatus>,
    flags: Vec<accord_store::CaseFlag>,
    visit_date: String,
    satisfaction: Option<crate::gui::Labeled<Satisfaction>>,
    visit_note: String,
    busy: bool,
    error: Option<StoreError>,
    notice: Option<CaseStatus>,
    /// A payment being typed: which instalment, amount, date, method.
    pay: Option<PayForm>,
    /// A payment was recorded (shown until the next action).
    paid: bool,
}

/// What the user does on the detail screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// "Back to the list" was pressed.
    Back,
    /// A "move to" button was pressed.
    MoveTo(CaseStatus),
    /// "Start mediation" / "Resume mediation" was pressed.
    Mediate,
    /// The return visit's date changed.
    VisitDate(String),
    /// The parties' satisfaction was picked.
    Satisfaction(crate::gui::Labeled<Satisfaction>),
    /// The return visit's note changed.
    VisitNote(String),
    /// Record the return visit and close the case.
    CloseAfterVisit,
    /// "Settlement agreement" was pressed.
    Agreement,
    /// "Centre desk": assignment, time limit, transfer, confirmation.
    Desk,
    /// "Case file": classification, flags, investigations, scans, 卷宗.
    CaseFile,
    /// "Record payment" on an instalment (obligation, instalment): the
    /// form opens with what remains.
    PayOpen(usize, usize),
    /// The payment's amount, date or method as typed.
    PayAmount(String),
    PayDate(String),
    PayMethod(String),
    /// Record the payment typed.
    Pay,
    /// The performance after a payment, or why it was refused.
    Paid(Result<Vec<accord_store::InstallmentStatus>, StoreError>),
    /// The case after a status change or the return visit, with its
    /// history; or why it was refused.
    Changed(Result<(Case, Vec<AuditEntry>), StoreError>),
}

impl CaseDetail {
    /// Whether leaving would lose something typed: the return visit's
    /// note, or a payment's method.
    pub fn unsaved(&self) -> bool {
        !self.visit_note.trim().is_empty()
            || self
                .pay
                .as_ref()
                .is_some_and(|f| !f.method.trim().is_empty())
    }

    /// What the case offers the palette: the room, the agreement, the
    /// status moves allowed, back to the list.
    pub fn commands(&self, ctx: Ctx<'_>) -> Vec<Command<Message>> {
        use accord_core::Choice;
        let mut out = Vec::new();
        if let Some(key) = mediate_key(self.case.status) {
            out.push(Command::new(ctx.tr(key), Message::Mediate).keys(Shortcut::alt('m')));
        }
        out.push(Command::new(ctx.tr("detail-desk"), Message::Desk).keys(Shortcut::alt('d')));
        out.push(
            Command::new(ctx.tr("detail-case-file"), Message::CaseFile).keys(Shortcut::alt('f')),
        );
        if !matches!(
            self.case.status,
            CaseStatus::Received | CaseStatus::Referred
        ) {
            out.push(
                Command::new(ctx.tr("agreement-open-screen"), Message::Agreement)
                    .keys(Shortcut::alt('a')),
            );
        }
        for next in CaseStatus::ALL {
            if self.case.status.can_become(*next) {
                out.push(Command::new(
                    ctx.tr_args("detail-move-to", &[("status", ctx.label(*next))]),
                    Message::MoveTo(*next),
                ));
            }
        }
        out.push(Command::new(ctx.tr("detail-back"), Message::Back));
        out
    }

    pub fn new(data: CaseData) -> Self {
        Self {
            case: data.case,
            history: data.history,
            performance: data.performance,
            flags: data.flags,
            visit_date: chrono::Local::now().date_naive().to_string(),
            satisfaction: None,
            visit_note: String::new(),
            busy: false,
            error: None,
            notice: None,
            pay: None,
            paid: false,
        }
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action<Message> {
        match message {
            Message::Back => Action::Navigate(Route::Cases),
            Message::Mediate => Action::Navigate(Route::Room(self.case.id)),
            Message::VisitDate(s) => {
                self.visit_date = s;
                Action::None
            }
            Message::Satisfaction(c) => {
                self.satisfaction = Some(c);
                Action::None
            }
            Message::VisitNote(s) => {
                self.visit_note = s;
                Action::None
            }
            Message::CloseAfterVisit => {
                let Ok(date) =
                    chrono::NaiveDate::parse_from_str(self.visit_date.trim(), "%Y-%m-%d")
                else {
                    self.error = Some(StoreError::Invalid(accord_core::ValidationError::DateTime));
                    return Action::None;
                };
                let Some(satisfaction) = self.satisfaction.as_ref().map(|c| c.value) else {
                    return Action::None;
                };
                self.busy = true;
                let (actor, case_id) = (ctx.actor(), self.case.id);
                let note = self.visit_note.trim().to_owned();
                Action::run(move |store| async move {
                    let closed = store
                        .record_return_visit(&actor, case_id, date, satisfaction, &note)
                        .await;
                    Message::Changed(with_history(&store, closed).await)
                })
            }
            Message::Agreement => Action::Navigate(Route::Agreement(self.case.id)),
            Message::Desk => Action::Navigate(Route::CaseDesk(self.case.id)),
            Message::CaseFile => Action::Navigate(Route::CaseFile(self.case.id)),
            // A transfer needs its slip: the desk writes it.
            Message::MoveTo(CaseStatus::Referred) => {
                Action::Navigate(Route::CaseDesk(self.case.id))
            }
            Message::MoveTo(next) => {
                self.busy = true;
                self.error = None;
                let (actor, case_id, version) = (ctx.actor(), self.case.id, self.case.version);
                Action::run(move |store| async move {
                    let moved = store.change_status(&actor, case_id, version, next).await;
                    Message::Changed(with_history(&store, moved).await)
                })
            }
            Message::Changed(result) => {
                self.changed(result);
                Action::None
            }
            Message::PayOpen(obligation, installment) => {
                let remaining = self
                    .performance
                    .iter()
                    .find(|p| p.obligation == obligation && p.installment == Some(installment))
                    .and_then(|p| p.balance)
                    .map(|b| b.remaining());
                self.paid = false;
                self.pay = Some(PayForm {
                    obligation,
                    installment,
                    amount: remaining
                        .map(crate::gui::ctx::input_amount)
                        .unwrap_or_default(),
                    date: chrono::Local::now().date_naive().to_string(),
                    method: String::new(),
                });
                Action::None
            }
            Message::PayAmount(v) => {
                if let Some(f) = &mut self.pay {
                    f.amount = v;
                }
                Action::None
            }
            Message::PayDate(v) => {
                if let Some(f) = &mut self.pay {
                    f.date = v;
                }
                Action::None
            }
            Message::PayMethod(v) => {
                if let Some(f) = &mut self.pay {
                    f.method = v;
                }
                Action::None
            }
            Message::Pay => {
                let Some(f) = &self.pay else {
                    return Action::None;
                };
                let amount = match accord_core::Money::parse(&f.amount, accord_core::Currency::Cny)
                {
                    Ok(m) if m.minor > 0 => m,
                    _ => {
                        self.error =
                            Some(StoreError::Invalid(accord_core::ValidationError::Amount));
                        return Action::None;
                    }
                };
                let Ok(paid_on) = chrono::NaiveDate::parse_from_str(f.date.trim(), "%Y-%m-%d")
                else {
                    self.error = Some(StoreError::Invalid(accord_core::ValidationError::DateTime));
                    return Action::None;
                };
                let payment = accord_store::NewPayment {
                    obligation: f.obligation,
                    installment: f.installment,
                    amount,
                    paid_on,
                    method: f.method.trim().to_owned(),
                    evidence: String::new(),
                };
                self.busy = true;
                self.error = None;
                let (actor, case_id) = (ctx.actor(), self.case.id);
                Action::run(move |store| async move {
                    Message::Paid(store.record_payment(&actor, case_id, &payment).await)
                })
            }
            Message::Paid(Ok(performance)) => {
                self.busy = false;
                self.performance = performance;
                self.pay = None;
                self.paid = true;
                Action::None
            }
            Message::Paid(Err(e)) => {
                // What was typed stays; the reason shows.
                self.busy = false;
                self.error = Some(e);
                Action::None
            }
        }
    }

    /// The answer to a status change.
    fn changed(&mut self, result: Result<(Case, Vec<AuditEntry>), StoreError>) {
        self.busy = false;
        match result {
            Ok((case, history)) => {
                // The return visit's note went with it.
                self.visit_note.clear();
                self.notice = Some(case.status);
                self.case = case;
                self.history = history;
            }
            Err(e) => self.error = Some(e),
        }
    }

    pub fn view<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let size = ctx.sizes.body();
        let case = &self.case;
        let mut page = column![
            row![
                button(text(ctx.tr("detail-back")).size(ctx.sizes.small()))
                    .style(button::text)
                    .on_press(Message::Back),
            ],
            row![
                text(case.number.to_string()).size(ctx.sizes.title()),
                container(text(ctx.label(case.status)).size(ctx.sizes.small()))
                    .padding([2, 10])
                    .style(theme::badge),
                iced::widget::space::horizontal(),
            ]
            .push(mediate_button(ctx, case.status, Message::Mediate))
            .push(agreement_button(ctx, case.status, Message::Agreement))
            .push(
                widgets::keyed_button(ctx, ctx.tr("detail-desk"), Shortcut::alt('d'))
                    .padding([8, 20])
                    .style(button::secondary)
                    .on_press(Message::Desk),
            )
            .push(
                widgets::keyed_button(ctx, ctx.tr("detail-case-file"), Shortcut::alt('f'))
                    .padding([8, 20])
                    .style(button::secondary)
                    .on_press(Message::CaseFile),
            )
            .spacing(theme::GAP)
            .align_y(Center),
        ]
        .spacing(theme::GAP);
        // Flags not cleared, with their reason: seen before anything else.
        for f in self.flags.iter().filter(|f| f.cleared.is_none()) {
            let style = if f.flag.level == accord_core::risk::RiskLevel::Red {
                theme::alert
            } else {
                theme::caution
            };
            page = page.push(
                container(
                    text(ctx.tr_args(
                        "detail-risk-flag",
                        &[
                            ("level", ctx.label(f.flag.level)),
                            ("rule", ctx.label(f.flag.rule)),
                            ("facts", super::case_file::flag_reason(&ctx, &f.flag)),
                        ],
                    ))
                    .size(ctx.sizes.small()),
                )
                .padding([6, 12])
                .width(iced::Fill)
                .style(style),
            );
        }

        if let Some(status) = self.notice {
            page = page.push(
                container(
                    text(ctx.tr_args("detail-status-changed", &[("status", ctx.label(status))]))
                        .size(size),
                )
                .padding(theme::GAP)
                .width(Fill)
                .style(theme::notice),
            );
        }
        if let Some(error) = &self.error {
            let (key, args) = error.message();
            page = page.push(
                container(text(ctx.tr_args(key, &args)).size(size))
                    .padding(theme::GAP)
                    .width(Fill)
                    .style(theme::alert),
            );
        }
        let facts = column![
            widgets::fact(ctx, ctx.tr("detail-category"), ctx.label(case.category)),
            widgets::fact(ctx, ctx.tr("detail-channel"), ctx.label(case.channel)),
            widgets::fact(
                ctx,
                ctx.tr("detail-received"),
                ctx.datetime(case.received_at)
            ),
            widgets::fact(ctx, ctx.tr("detail-updated"), ctx.datetime(case.updated_at)),
            text(ctx.tr("detail-summary"))
                .size(ctx.sizes.small())
                .style(theme::muted_text),
            text(case.summary.as_str()).size(size),
        ]
        .spacing(theme::TIGHT);
        page = page.push(widgets::card(facts));

        page = page.push(widgets::heading(ctx, ctx.tr("detail-parties")));
        let mut parties = column![].spacing(theme::GAP);
        for party in &case.parties {
            parties = parties.push(party_card(ctx, party));
        }
        page = page.push(parties);

        let mut issues =
            column![widgets::heading(ctx, ctx.tr("detail-issues"))].spacing(theme::TIGHT);
        if case.issues.is_empty() {
            issues = issues.push(
                text(ctx.tr("detail-no-issues"))
                    .size(size)
                    .style(theme::muted_text),
            );
        }
        for (i, issue) in case.issues.iter().enumerate() {
            let mut line = column![text(format!("{}. {}", i + 1, issue.title)).size(size)];
            if let Some(claimed) = issue.claimed {
                line = line.push(
                    text(ctx.tr_args(
                        "detail-claimed",
                        &[
                            ("amount", claimed.figures()),
                            ("words", ctx.money_words(claimed)),
                        ],
                    ))
                    .size(ctx.sizes.small())
                    .style(theme::muted_text),
                );
            }
            issues = issues.push(line);
        }
        page = page.push(widgets::card(issues));

        if !self.performance.is_empty() {
            page = page.push(self.instalments_view(ctx));
        }

        let next = case.status.next_states();
        if !next.is_empty() {
            let mut buttons = row![].spacing(theme::TIGHT);
            for status in next {
                buttons = buttons.push(
                    button(
                        text(ctx.tr_args("detail-move-to", &[("status", ctx.label(status))]))
                            .size(size),
                    )
                    .style(button::secondary)
                    .on_press_maybe((!self.busy).then_some(Message::MoveTo(status))),
                );
            }
            page = page.push(widgets::card(
                column![
                    widgets::heading(ctx, ctx.tr("detail-change-status")),
                    buttons
                ]
                .spacing(theme::TIGHT),
            ));
        }

        let mut history =
            column![widgets::heading(ctx, ctx.tr("detail-history"))].spacing(theme::TIGHT / 2.0);
        for entry in &self.history {
            let what = match (
                entry.action,
                entry.detail["to"].as_str().and_then(CaseStatus::from_code),
            ) {
                (accord_core::AuditAction::CaseStatus, Some(to)) => {
                    format!("{} → {}", ctx.label(entry.action), ctx.label(to))
                }
                _ => ctx.label(entry.action),
            };
            history = history.push(
                text(ctx.tr_args(
                    "audit-entry",
                    &[
                        ("when", ctx.datetime(entry.at)),
                        ("who", entry.who.clone()),
                        ("what", what),
                    ],
                ))
                .size(ctx.sizes.small()),
            );
        }
        page = page.push(widgets::card(history));
        widgets::page_scroll(page).into()
    }
}

fn party_card<'a>(ctx: Ctx<'a>, party: &'a Party) -> Element<'a, Message> {
    let none = || ctx.tr("detail-none");
    let or_none = |v: &Option<String>| v.clone().unwrap_or_else(none);
    let mut body = column![
        row![
            text(party.name.as_str()).size(ctx.sizes.subheading()),
            text(format!(
                "{} · {}",
                ctx.label(party.role),
                ctx.label(party.kind)
            ))
            .size(ctx.sizes.small())
            .style(theme::muted_text),
        ]
        .spacing(theme::GAP)
        .align_y(Center),
        widgets::fact(ctx, ctx.tr("detail-id-number"), or_none(&party.id_number)),
    ]
    .spacing(theme::TIGHT / 2.0);
    if let Some(id) = party
        .id_number
        .as_deref()
        .and_then(|id| ResidentId::parse(id).ok())
    {
        let born = id.birth_date().format(&ctx.tr("format-date")).to_string();
        body = body.push(widgets::fact(ctx, ctx.tr("detail-birth"), born));
    }
    body = body
        .push(widgets::fact(
            ctx,
            ctx.tr("detail-phone"),
            or_none(&party.phone),
        ))
        .push(widgets::fact(
            ctx,
            ctx.tr("detail-address"),
            or_none(&party.address),
        ))
        .push(widgets::fact(
            ctx,
            ctx.tr("detail-email"),
            or_none(&party.email),
        ));
    // What the agreement prints of the party besides: 民族, 职业, who
    // signs for an organisation.
    for (key, value) in [
        ("detail-ethnicity", &party.details.ethnicity),
        ("detail-occupation", &party.details.occupation),
    ] {
        if let Some(value) = value {
            body = body.push(widgets::fact(ctx, ctx.tr(key), value.clone()));
        }
    }
    if let Some(rep) = &party.details.representative {
        body = body.push(widgets::fact(ctx, ctx.label(rep.title), rep.name.clone()));
    }
    if let Some(agent) = &party.agent {
        let mut value = match &agent.phone {
            Some(phone) => format!("{} ({phone})", agent.name),
            None => agent.name.clone(),
        };
        if !agent.authority.is_empty() {
            value = ctx.tr_args(
                "detail-agent-authority",
                &[("agent", value), ("authority", agent.authority.clone())],
            );
        }
        body = body.push(widgets::fact(ctx, ctx.label(agent.kind), value));
    }
    widgets::card(body)
}

/// The button into the mediation room, for cases still being mediated.
impl CaseDetail {
    fn instalments_view<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let size = ctx.sizes.body();
        let mut col = column![widgets::heading(ctx, ctx.tr("detail-performance"))]
            .spacing(theme::TIGHT / 2.0);
        for p in &self.performance {
            let state = match p.balance {
                Some(b) if b.is_paid() => ctx.tr("detail-paid"),
                Some(b) => ctx.tr_args(
                    "detail-paid-part",
                    &[("paid", b.paid.figures()), ("due", b.due.figures())],
                ),
                None => String::new(),
            };
            let label = match p.installment {
                Some(k) => ctx.tr_args(
                    "detail-installment",
                    &[
                        ("n", (p.obligation + 1).to_string()),
                        ("k", (k + 1).to_string()),
                    ],
                ),
                None => ctx.tr_args(
                    "detail-obligation",
                    &[("n", (p.obligation + 1).to_string())],
                ),
            };
            let open = p.balance.is_some_and(|b| !b.is_paid());
            let pay: Element<'a, Message> = match p.installment {
                Some(k) if open => container(
                    button(text(ctx.tr("today-pay")).size(ctx.sizes.small()))
                        .style(button::secondary)
                        .padding([2, 8])
                        .on_press_maybe((!self.busy).then_some(Message::PayOpen(p.obligation, k))),
                )
                .id(format!("pay_{}_{k}", p.obligation))
                .into(),
                _ => iced::widget::space().width(0).into(),
            };
            col = col.push(
                row![
                    text(label).size(size).width(150),
                    text(format!("{} · {}", p.debtor, p.description))
                        .size(size)
                        .width(Fill),
                    text(p.due.map(|d| d.to_string()).unwrap_or_default()).size(ctx.sizes.small()),
                    text(state).size(ctx.sizes.small()).width(220),
                    pay,
                ]
                .spacing(theme::GAP)
                .align_y(iced::Center),
            );
            if let Some(f) = self
                .pay
                .as_ref()
                .filter(|f| Some(f.installment) == p.installment && f.obligation == p.obligation)
            {
                col = col.push(
                    row![
                        widgets::field(
                            ctx,
                            ctx.tr("today-amount"),
                            iced::widget::text_input("", &f.amount)
                                .style(crate::gui::theme::input)
                                .id("case_pay_amount")
                                .size(size)
                                .on_input(Message::PayAmount),
                            None
                        ),
                        widgets::field(
                            ctx,
                            ctx.tr("today-paid-on"),
                            iced::widget::text_input(&ctx.tr("hint-date-input"), &f.date)
                                .style(crate::gui::theme::input)
                                .id("case_pay_date")
                                .size(size)
                                .on_input(Message::PayDate),
                            None
                        ),
                        widgets::field(
                            ctx,
                            ctx.tr("agreement-method"),
                            iced::widget::text_input("", &f.method)
                                .style(crate::gui::theme::input)
                                .id("case_pay_method")
                                .size(size)
                                .on_input(Message::PayMethod)
                                .on_submit(Message::Pay),
                            None
                        ),
                        button(text(ctx.tr("today-pay")).size(size))
                            .style(button::primary)
                            .on_press_maybe((!self.busy).then_some(Message::Pay)),
                    ]
                    .spacing(theme::GAP)
                    .align_y(iced::Bottom),
                );
            }
        }
        if self.paid {
            col = col.push(
                container(text(ctx.tr("detail-payment-recorded")).size(size))
                    .padding(theme::TIGHT)
                    .width(Fill)
                    .style(theme::notice),
            );
        }
        let all_paid = self
            .performance
            .iter()
            .all(|p| p.balance.is_none_or(|b| b.is_paid()));
        if all_paid && self.case.status == CaseStatus::Settled {
            col = col.push(
                row![
                    widgets::field(
                        ctx,
                        ctx.tr("detail-visit-date"),
                        iced::widget::text_input(&ctx.tr("hint-date-input"), &self.visit_date)
                            .style(crate::gui::theme::input)
                            .id("visit_date")
                            .size(size)
                            .on_input(Message::VisitDate),
                        None
                    ),
                    widgets::field(
                        ctx,
                        ctx.tr("detail-satisfaction"),
                        iced::widget::pick_list(
                            ctx.options::<Satisfaction>(),
                            self.satisfaction.clone(),
                            Message::Satisfaction
                        )
                        .text_size(size),
                        None
                    ),
                    widgets::field(
                        ctx,
                        ctx.tr("detail-visit-note"),
                        iced::widget::text_input("", &self.visit_note)
                            .style(crate::gui::theme::input)
                            .id("visit_note")
                            .size(size)
                            .on_input(Message::VisitNote),
                        None
                    ),
                ]
                .spacing(theme::GAP),
            );
            col = col.push(
                button(text(ctx.tr("detail-close-after-visit")).size(size))
                    .style(button::success)
                    .on_press_maybe(
                        (!self.busy && self.satisfaction.is_some())
                            .then_some(Message::CloseAfterVisit),
                    ),
            );
        }
        widgets::card(col)
    }
}

fn agreement_button<'a>(
    ctx: Ctx<'a>,
    status: CaseStatus,
    on_press: Message,
) -> Element<'a, Message> {
    if matches!(status, CaseStatus::Received | CaseStatus::Referred) {
        return iced::widget::space().into();
    }
    widgets::keyed_button(ctx, ctx.tr("agreement-open-screen"), Shortcut::alt('a'))
        .padding([8, 20])
        .style(button::secondary)
        .on_press(on_press)
        .into()
}

/// "Start mediation" or "Resume mediation", when the case is at that
/// point.
fn mediate_key(status: CaseStatus) -> Option<&'static str> {
    match status {
        CaseStatus::Received | CaseStatus::Assigned => Some("room-start"),
        CaseStatus::InMediation => Some("room-resume"),
        _ => None,
    }
}

fn mediate_button<'a>(ctx: Ctx<'a>, status: CaseStatus, on_press: Message) -> Element<'a, Message> {
    let Some(key) = mediate_key(status) else {
        return iced::widget::space().into();
    };
    widgets::keyed_button(ctx, ctx.tr(key), Shortcut::alt('m'))
        .padding([8, 20])
        .style(button::primary)
        .on_press(on_press)
        .into()
}
