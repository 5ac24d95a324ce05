//! Today: every follow-up due or overdue across cases, most urgent first;
//! mark one done with its outcome, record a payment against an instalment
//! (partial payments too), and see the outbox.
//!
//! One piece: the lists share the selection and the payment form, and one
//! job reloads them all. The time-limit list (`limits_view`) is the first
//! to move out when Today grows again.

use accord_core::{Currency, Money, followup::FollowUpKind};
use accord_store::{FollowUp, NewPayment, OutboxMessage};
use chrono::NaiveDate;
use iced::{
    Center, Element, Fill,
    widget::{button, checkbox, column, container, row, text, text_input},
};

use accord_store::{Actor, Store};

use crate::error::{AppError, Phrase};
use crate::gui::{Action, Ctx, Route, commands::Command, theme, widgets};

/// What the Today screen shows.
#[derive(Debug, Clone, Default)]
pub struct TodayData {
    pub day: Option<NaiveDate>,
    pub rows: Vec<FollowUp>,
    pub outbox: Vec<OutboxMessage>,
    /// Agreements waiting for a legal advisor, longest waiting first.
    pub review: Vec<accord_store::ReviewItem>,
    /// Open cases near their due date or overdue (限时办结).
    pub due_cases: Vec<accord_store::BoardRow>,
    /// What the job did ("paid; 0 remains").
    pub notice: Option<Phrase>,
}

/// What the screen asks the database to do.
#[derive(Debug, Clone)]
enum TodayJob {
    Load,
    Complete {
        id: i64,
        outcome: String,
        performed: bool,
    },
    Pay {
        case_id: i64,
        payment: NewPayment,
    },
}

/// What the user does on the Today screen, and the answers of its jobs.
#[derive(Debug, Clone)]
pub enum Message {
    /// A follow-up was clicked (again: closed).
    Select(i64),
    /// The outcome of the selected follow-up changed.
    Outcome(String),
    /// "The obligation was performed" was toggled.
    Performed(bool),
    /// "Done" was pressed.
    Complete,
    /// The payment's amount changed.
    Amount(String),
    /// The payment's date changed.
    Date(String),
    /// The payment's method changed.
    Method(String),
    /// The payment's evidence (receipt number...) changed.
    Evidence(String),
    /// "Record payment" was pressed.
    Pay,
    /// A case number was clicked.
    OpenCase(i64),
    /// A case on the time-limit list was clicked: its desk.
    OpenDesk(i64),
    /// "Review" in the review queue was pressed.
    Review(i64),
    /// "Refresh" was pressed (or the outbox may have changed).
    Refresh,
    /// The screen's data after a job, or why the job failed.
    Loaded(Result<Box<TodayData>, AppError>),
}

/// The Today screen's state.
#[derive(Debug, Default)]
pub struct Today {
    data: TodayData,
    selected: Option<i64>,
    outcome: String,
    performed: bool,
    amount: String,
    date: String,
    method: String,
    evidence: String,
    busy: bool,
    error: Option<Phrase>,
}

impl Today {
    /// What Today offers the palette: each follow-up (to handle it), and
    /// when one is open its payment and "done"; each agreement waiting
    /// for review; refresh.
    pub fn commands(&self, ctx: Ctx<'_>) -> Vec<Command<Message>> {
        let mut out = Vec::new();
        for item in &self.data.review {
            out.push(Command::new(
                ctx.tr_args(
                    "cmd-review",
                    &[
                        ("number", item.case_number.clone()),
                        ("version", item.version.to_string()),
                    ],
                ),
                Message::Review(item.case_id),
            ));
        }
        for r in &self.data.rows {
            out.push(Command::new(
                ctx.tr_args(
                    "cmd-handle",
                    &[
                        ("number", r.case_number.clone()),
                        ("what", r.description.clone()),
                        ("when", accord_document::long_date(ctx.t, r.due_on)),
                    ],
                ),
                Message::Select(r.id),
            ));
        }
        if self.selected.is_some() {
            out.push(Command::new(ctx.tr("today-pay"), Message::Pay));
            out.push(Command::new(ctx.tr("today-done"), Message::Complete));
        }
        out.push(Command::new(ctx.tr("today-refresh"), Message::Refresh));
        out
    }

    /// The screen, with the job that reads it.
    pub fn open(ctx: &Ctx<'_>) -> (Self, Action<Message>) {
        let mut today = Self::default();
        let load = today.run(ctx, TodayJob::Load);
        (today, load)
    }

    fn loaded(&mut self, data: TodayData) {
        self.busy = false;
        self.error = None;
        if let Some(id) = self.selected
            && !data.rows.iter().any(|r| r.id == id)
        {
            self.selected = None;
        }
        self.data = data;
        self.prefill();
    }

    fn row(&self, id: i64) -> Option<&FollowUp> {
        self.data.rows.iter().find(|r| r.id == id)
    }

    /// The payment form starts with what remains, today, and nothing else.
    fn prefill(&mut self) {
        let remaining = self
            .selected
            .and_then(|id| self.row(id))
            .and_then(|r| r.balance)
            .map(|b| b.remaining());
        self.amount = remaining
            .map(crate::gui::ctx::input_amount)
            .unwrap_or_default();
        if self.date.is_empty() {
            self.date = self
                .data
                .day
                .unwrap_or_else(|| chrono::Local::now().date_naive())
                .to_string();
        }
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action<Message> {
        match message {
            Message::Select(id) => {
                self.selected = if self.selected == Some(id) {
                    None
                } else {
                    Some(id)
                };
                self.outcome.clear();
                self.performed = false;
                self.method.clear();
                self.evidence.clear();
                self.error = None;
                self.prefill();
            }
            Message::Outcome(s) => self.outcome = s,
            Message::Performed(on) => self.performed = on,
            Message::Amount(s) => self.amount = s,
            Message::Date(s) => self.date = s,
            Message::Method(s) => self.method = s,
            Message::Evidence(s) => self.evidence = s,
            Message::OpenCase(id) => return Action::Navigate(Route::Case(id)),
            Message::OpenDesk(id) => return Action::Navigate(Route::CaseDesk(id)),
            Message::Review(id) => return Action::Navigate(Route::Agreement(id)),
            Message::Refresh => return self.run(ctx, TodayJob::Load),
            Message::Loaded(Ok(data)) => self.loaded(*data),
            Message::Loaded(Err(e)) => {
                self.busy = false;
                self.error = Some(e.phrase());
            }
            Message::Complete => {
                let Some(id) = self.selected else {
                    return Action::None;
                };
                if self.outcome.trim().is_empty() {
                    self.error = Some(Phrase::error("error-outcome-empty"));
                    return Action::None;
                }
                let job = TodayJob::Complete {
                    id,
                    outcome: self.outcome.trim().to_owned(),
                    performed: self.performed,
                };
                return self.run(ctx, job);
            }
            Message::Pay => {
                let Some(row) = self.selected.and_then(|id| self.row(id)).cloned() else {
                    return Action::None;
                };
                let Some(installment) = row.installment else {
                    return Action::None;
                };
                let currency = row.balance.map(|b| b.due.currency).unwrap_or(Currency::Cny);
                let amount = match Money::parse(&self.amount, currency) {
                    Ok(m) if m.minor > 0 => m,
                    _ => {
                        self.error = Some(Phrase::error("error-amount"));
                        return Action::None;
                    }
                };
                let Ok(paid_on) = NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d") else {
                    self.error = Some(Phrase::error("error-date"));
                    return Action::None;
                };
                let job = TodayJob::Pay {
                    case_id: row.case_id,
                    payment: NewPayment {
                        obligation: row.obligation,
                        installment,
                        amount,
                        paid_on,
                        method: self.method.trim().to_owned(),
                        evidence: self.evidence.trim().to_owned(),
                    },
                };
                return self.run(ctx, job);
            }
        }
        Action::None
    }

    fn run(&mut self, ctx: &Ctx<'_>, job: TodayJob) -> Action<Message> {
        self.busy = true;
        self.error = None;
        self.data.notice = None;
        let actor = ctx.actor();
        Action::run(move |store| async move {
            Message::Loaded(today_job(&store, &actor, job).await.map(Box::new))
        })
    }
}

/// Runs a Today job, then reads the screen's data again.
async fn today_job(store: &Store, actor: &Actor, job: TodayJob) -> Result<TodayData, AppError> {
    let notice = match job {
        TodayJob::Load => None,
        TodayJob::Complete {
            id,
            outcome,
            performed,
        } => {
            store
                .complete_followup(actor, id, &outcome, performed)
                .await?;
            Some(Phrase::new("today-completed"))
        }
        TodayJob::Pay { case_id, payment } => {
            let after = store.record_payment(actor, case_id, &payment).await?;
            let remaining = after
                .iter()
                .find(|s| {
                    s.obligation == payment.obligation && s.installment == Some(payment.installment)
                })
                .and_then(|s| s.balance)
                .map(|b| b.remaining())
                .unwrap_or(payment.amount);
            Some(
                Phrase::new("today-paid")
                    .arg("amount", payment.amount)
                    .arg("remaining", remaining),
            )
        }
    };
    let day = chrono::Local::now().date_naive();
    Ok(TodayData {
        day: Some(day),
        // Due and overdue, and what comes in the next two weeks (a payment
        // made early, at signing, is recorded against it here).
        rows: store
            .due_followups(day + chrono::Days::new(COMING_DAYS), 500)
            .await?,
        outbox: store.outbox(30).await?,
        review: store.review_queue().await?,
        due_cases: store.board(day, 100).await?.rows,
        notice,
    })
}

type El<'a> = Element<'a, Message>;

/// How far ahead Today looks.
const COMING_DAYS: u64 = 14;

impl Today {
    pub fn view<'a>(&'a self, ctx: Ctx<'a>) -> El<'a> {
        let body = ctx.sizes.body();
        let small = ctx.sizes.small();
        let day = self
            .data
            .day
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let mut page = column![
            row![
                text(ctx.tr_args(
                    "today-title",
                    &[("date", accord_document::long_date(ctx.t, day))]
                ))
                .size(ctx.sizes.heading())
                .width(Fill),
                button(text(ctx.tr("today-refresh")).size(small))
                    .style(button::secondary)
                    .on_press_maybe((!self.busy).then_some(Message::Refresh)),
            ]
            .align_y(Center)
        ]
        .spacing(theme::GAP);
        page = page.push(widgets::banners(
            ctx,
            self.data.notice.as_ref(),
            self.error.as_ref(),
        ));
        let (due, coming): (Vec<&FollowUp>, Vec<&FollowUp>) =
            self.data.rows.iter().partition(|r| r.due_on <= day);
        let mut list = column![].spacing(theme::TIGHT);
        if due.is_empty() {
            list = list.push(text(ctx.tr("today-nothing")).size(body));
        }
        for r in due {
            list = list.push(self.row_view(ctx, r, day));
            if self.selected == Some(r.id) {
                list = list.push(self.action_view(ctx, r));
            }
        }
        let mut ahead = column![widgets::heading(
            ctx,
            ctx.tr_args("today-coming", &[("days", COMING_DAYS.to_string())])
        )]
        .spacing(theme::TIGHT);
        if coming.is_empty() {
            ahead = ahead.push(text(ctx.tr("today-coming-nothing")).size(body));
        }
        for r in coming {
            ahead = ahead.push(self.row_view(ctx, r, day));
            if self.selected == Some(r.id) {
                ahead = ahead.push(self.action_view(ctx, r));
            }
        }
        if ctx
            .user
            .is_some_and(|u| u.role == accord_core::UserRole::LegalAdvisor)
        {
            page = page.push(self.review_view(ctx));
        }
        page = page.push(widgets::card(list));
        if let Some(limits) = self.limits_view(ctx) {
            page = page.push(limits);
        }
        page = page.push(widgets::card(ahead));
        page = page.push(self.outbox_view(ctx));
        widgets::page_scroll(page).into()
    }

    /// The user's cases near their due date or overdue (all cases for
    /// whoever is not a mediator); nothing when there are none.
    fn limits_view<'a>(&'a self, ctx: Ctx<'a>) -> Option<El<'a>> {
        let mine = |r: &accord_store::BoardRow| match ctx.user {
            Some(u) if u.role == accord_core::UserRole::Mediator => {
                r.mediator_users.contains(&u.id) || r.receiver_id == Some(u.id)
            }
            _ => true,
        };
        let rows: Vec<_> = self.data.due_cases.iter().filter(|r| mine(r)).collect();
        if rows.is_empty() {
            return None;
        }
        let body = ctx.sizes.body();
        let mut list =
            column![widgets::heading(ctx, ctx.tr("today-limits-title"))].spacing(theme::TIGHT);
        for r in rows {
            let urgency = r.urgency();
            let words = text(crate::gui::screen::desk::urgency_words(ctx, urgency)).size(body);
            let words = if matches!(urgency, accord_core::time_limit::Urgency::Overdue { .. }) {
                words.style(theme::error_text)
            } else {
                words
            };
            list = list.push(
                row![
                    button(text(r.number.clone()).size(body))
                        .style(button::text)
                        .on_press(Message::OpenDesk(r.case_id)),
                    text(ctx.label(r.category)).size(body).width(120),
                    words.width(Fill),
                    text(accord_document::long_date(ctx.t, r.due_on)).size(body),
                ]
                .spacing(theme::GAP)
                .align_y(Center),
            );
        }
        Some(widgets::card(list))
    }

    /// A legal advisor's review queue: what waits longest first, each
    /// opening the agreement's review.
    fn review_view<'a>(&'a self, ctx: Ctx<'a>) -> El<'a> {
        let body = ctx.sizes.body();
        let mut list =
            column![widgets::heading(ctx, ctx.tr("today-review-title"))].spacing(theme::TIGHT);
        if self.data.review.is_empty() {
            list = list.push(text(ctx.tr("today-review-empty")).size(body));
        }
        for item in &self.data.review {
            list = list.push(
                row![
                    text(ctx.tr_args(
                        "today-review-item",
                        &[
                            ("number", item.case_number.clone()),
                            ("version", item.version.to_string()),
                            ("by", item.submitted_by.clone()),
                            ("at", ctx.datetime(item.submitted_at)),
                        ],
                    ))
                    .size(body)
                    .width(Fill),
                    button(text(ctx.tr("today-review-open")).size(ctx.sizes.small()))
                        .style(button::primary)
                        .on_press(Message::Review(item.case_id)),
                ]
                .spacing(theme::GAP)
                .align_y(Center),
            );
        }
        widgets::card(list)
    }

    fn row_view<'a>(&'a self, ctx: Ctx<'a>, r: &'a FollowUp, day: NaiveDate) -> El<'a> {
        let body = ctx.sizes.body();
        let small = ctx.sizes.small();
        let deadline = r.deadline.unwrap_or(r.due_on);
        let late = (day - deadline).num_days();
        let when: El<'a> = if late > 0 && r.kind != FollowUpKind::Reminder {
            text(ctx.tr_args("today-late", &[("days", late.to_string())]))
                .size(small)
                .style(theme::error_text)
                .into()
        } else {
            text(accord_document::long_date(ctx.t, r.due_on))
                .size(small)
                .style(theme::muted_text)
                .into()
        };
        let who = match &r.creditor {
            Some(c) => format!("{} → {}", r.debtor, c),
            None => r.debtor.clone(),
        };
        let remaining = r
            .balance
            .map(|b| {
                ctx.tr_args(
                    "today-remaining",
                    &[("amount", accord_document::amount(ctx.t, b.remaining()))],
                )
            })
            .unwrap_or_default();
        row![
            column![when, text(ctx.label(r.kind)).size(body)]
                .spacing(2)
                .width(190),
            button(text(r.case_number.clone()).size(body))
                .style(theme::link)
                .on_press(Message::OpenCase(r.case_id)),
            column![
                text(format!("{who}：{}", r.description)).size(body),
                text(remaining).size(small),
            ]
            .spacing(2)
            .width(Fill),
            container(
                button(text(ctx.tr("today-handle")).size(small))
                    .style(if self.selected == Some(r.id) {
                        button::primary
                    } else {
                        button::secondary
                    })
                    .on_press(Message::Select(r.id))
            )
            .id(format!("followup_{}", r.id)),
        ]
        .spacing(theme::GAP)
        .align_y(Center)
        .into()
    }

    fn action_view<'a>(&'a self, ctx: Ctx<'a>, r: &'a FollowUp) -> El<'a> {
        let body = ctx.sizes.body();
        let mut col = column![
            row![
                text_input(&ctx.tr("today-outcome-hint"), &self.outcome)
                    .style(crate::gui::theme::input)
                    .id("today_outcome")
                    .size(body)
                    .on_input(Message::Outcome),
                checkbox(self.performed)
                    .size(ctx.sizes.check())
                    .label(ctx.tr("today-performed"))
                    .text_size(body)
                    .on_toggle(Message::Performed),
                button(text(ctx.tr("today-done")).size(body))
                    .style(button::success)
                    .on_press_maybe((!self.busy).then_some(Message::Complete)),
            ]
            .spacing(theme::GAP)
            .align_y(Center)
        ]
        .spacing(theme::TIGHT);
        if r.installment.is_some() {
            col = col.push(
                row![
                    widgets::field(
                        ctx,
                        ctx.tr("today-amount"),
                        text_input("", &self.amount)
                            .style(crate::gui::theme::input)
                            .id("today_amount")
                            .size(body)
                            .on_input(Message::Amount),
                        None
                    ),
                    widgets::field(
                        ctx,
                        ctx.tr("today-paid-on"),
                        text_input(&ctx.tr("hint-date-input"), &self.date)
                            .style(crate::gui::theme::input)
                            .id("today_paid_on")
                            .size(body)
                            .on_input(Message::Date),
                        None
                    ),
                    widgets::field(
                        ctx,
                        ctx.tr("agreement-method"),
                        text_input(&ctx.tr("agreement-method-hint"), &self.method)
                            .style(crate::gui::theme::input)
                            .id("today_method")
                            .size(body)
                            .on_input(Message::Method),
                        None
                    ),
                    widgets::field(
                        ctx,
                        ctx.tr("today-evidence"),
                        text_input(&ctx.tr("today-evidence-hint"), &self.evidence)
                            .style(crate::gui::theme::input)
                            .id("today_evidence")
                            .size(body)
                            .on_input(Message::Evidence),
                        None
                    ),
                ]
                .spacing(theme::GAP),
            );
            col = col.push(
                button(text(ctx.tr("today-pay")).size(body))
                    .style(button::primary)
                    .on_press_maybe((!self.busy).then_some(Message::Pay)),
            );
        }
        container(col)
            .padding(theme::GAP)
            .width(Fill)
            .style(theme::stage_other)
            .into()
    }

    fn outbox_view<'a>(&'a self, ctx: Ctx<'a>) -> El<'a> {
        let small = ctx.sizes.small();
        let mut col = column![widgets::heading(ctx, ctx.tr("outbox-title"))].spacing(theme::TIGHT);
        if self.data.outbox.is_empty() {
            col = col.push(text(ctx.tr("outbox-empty")).size(small));
        }
        for msg in &self.data.outbox {
            let state = ctx.tr(match msg.state.as_str() {
                "sent" => "outbox-state-sent",
                "sent_possibly_twice" | "resending" => "outbox-state-possibly-twice",
                "failed" => "outbox-state-failed",
                "cancelled" => "outbox-state-cancelled",
                _ => "outbox-state-queued",
            });
            let detail = match (&msg.sent_at, &msg.last_error) {
                (Some(at), _) => ctx.datetime(*at),
                (None, Some(e)) => ctx.tr_args(
                    "outbox-retry",
                    &[
                        ("attempts", msg.attempts.to_string()),
                        ("next", ctx.datetime(msg.next_attempt_at)),
                        ("error", e.clone()),
                    ],
                ),
                _ => String::new(),
            };
            col = col.push(
                row![
                    // A column as wide as its widest badge: the columns
                    // after it line up whatever each row's state.
                    container(
                        container(text(state).size(small))
                            .padding([2, 8])
                            .style(theme::badge)
                    )
                    .width(ctx.sizes.small() * 11.0),
                    text(format!("{} <{}>", msg.to_name, msg.to_address))
                        .size(small)
                        .width(280),
                    text(msg.subject.clone()).size(small).width(Fill),
                    text(detail).size(small).style(theme::muted_text),
                ]
                .spacing(theme::GAP)
                .align_y(Center),
            );
        }
        widgets::card(col)
    }
}
