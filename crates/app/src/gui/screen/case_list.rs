//! The case list: search by case number or party name, filter by status,
//! newest activity first.

use accord_core::{CaseStatus, Choice};
use accord_store::{CasePage, CaseQuery, CaseRow, StoreError};
use iced::{
    Center, Element, Fill, FillPortion, Shrink,
    widget::{button, column, container, pick_list, row, table, text, text_input},
};

use crate::gui::{Action, Ctx, Route, commands::Command, theme, widgets};

/// Rows fetched per page.
pub const PAGE_SIZE: u64 = 50;

/// A mediator's own cases shown above the list, at most.
const MINE_FIRST: u64 = 10;

/// The list's state: what is asked and what came back.
#[derive(Debug, Clone, Default)]
pub struct CaseList {
    query: String,
    status: Option<CaseStatus>,
    page: CasePage,
    /// The newest request; older answers are dropped.
    ticket: u64,
    loading: bool,
    error: Option<StoreError>,
    /// Who is at the keyboard, and whether they are a mediator.
    me: Option<(i64, bool)>,
    /// "Only my cases".
    mine: bool,
    /// "Only cases with a risk flag".
    flagged: bool,
    /// A mediator's own open cases, shown above the list (none while
    /// searching or filtering).
    mine_rows: Vec<CaseRow>,
}

/// A status filter entry: all statuses, or one.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusFilter {
    status: Option<CaseStatus>,
    label: String,
}

impl std::fmt::Display for StatusFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// What the user does on the list.
#[derive(Debug, Clone)]
pub enum Message {
    /// The search text changed.
    QueryChanged(String),
    /// A status filter was picked.
    StatusPicked(StatusFilter),
    /// A case was clicked.
    Open(i64),
    /// "Load more" was pressed.
    LoadMore,
    /// "Refresh": read the list again, e.g. for cases another room saved
    /// on the shared database.
    Refresh,
    /// "Only my cases" was toggled.
    Mine(bool),
    /// "Only cases with a risk flag" was toggled.
    Flagged(bool),
    /// A mediator's own open cases came back.
    MineLoaded {
        ticket: u64,
        rows: Result<CasePage, StoreError>,
    },
    /// A page came back from the database; `ticket` tells stale answers.
    Loaded {
        ticket: u64,
        append: bool,
        page: Result<CasePage, StoreError>,
    },
}

impl CaseList {
    /// What the list offers the palette: open each case shown, refresh,
    /// load more.
    pub fn commands(&self, ctx: Ctx<'_>) -> Vec<Command<Message>> {
        let mut out: Vec<Command<Message>> = self
            .page
            .rows
            .iter()
            .map(|r| {
                let mut names = r.applicants.clone();
                names.extend(r.respondents.iter().cloned());
                Command::new(
                    ctx.tr_args(
                        "cmd-open-case",
                        &[("number", r.number.clone()), ("names", ctx.list(&names))],
                    ),
                    Message::Open(r.id),
                )
            })
            .collect();
        out.push(Command::new(ctx.tr("cases-refresh"), Message::Refresh));
        if (self.page.rows.len() as u64) < self.page.total {
            out.push(Command::new(ctx.tr("cases-load-more"), Message::LoadMore));
        }
        out
    }

    /// Starts with the first page the app loaded before its first frame.
    pub fn with_page(page: CasePage) -> Self {
        Self {
            page,
            ..Self::default()
        }
    }

    /// Whether the last answer had no case at all.
    pub fn is_empty(&self) -> bool {
        self.page.total == 0
    }

    pub fn update(&mut self, message: Message, _ctx: &Ctx<'_>) -> Action<Message> {
        match message {
            Message::QueryChanged(query) => {
                self.query = query;
                self.reload()
            }
            Message::StatusPicked(filter) => {
                self.status = filter.status;
                self.reload()
            }
            Message::Open(id) => Action::Navigate(Route::Case(id)),
            Message::LoadMore => self.request(self.page.rows.len() as u64, PAGE_SIZE, true),
            Message::Refresh => self.refresh(),
            Message::Mine(on) => {
                self.mine = on;
                self.reload()
            }
            Message::Flagged(on) => {
                self.flagged = on;
                self.reload()
            }
            Message::MineLoaded { ticket, rows } => {
                if ticket == self.ticket {
                    self.mine_rows = rows.map(|p| p.rows).unwrap_or_default();
                }
                Action::None
            }
            Message::Loaded {
                ticket,
                append,
                page,
            } => {
                self.loaded(ticket, append, page);
                Action::None
            }
        }
    }

    /// Who is at the keyboard (a mediator sees their own cases first).
    pub fn for_user(&mut self, user: Option<&accord_core::LocalUser>) {
        let me = user.map(|u| (u.id, u.role == accord_core::UserRole::Mediator));
        if me != self.me {
            self.me = me;
            self.mine = false;
            self.mine_rows.clear();
        }
    }

    fn mine(&self) -> Option<i64> {
        self.me.map(|(id, _)| id).filter(|_| self.mine)
    }

    /// A fresh first page for the current search.
    pub fn reload(&mut self) -> Action<Message> {
        self.request(0, PAGE_SIZE, false)
    }

    /// The same search read again, as many rows as are shown now.
    pub fn refresh(&mut self) -> Action<Message> {
        let shown = (self.page.rows.len() as u64).max(PAGE_SIZE);
        self.request(0, shown, false)
    }

    fn request(&mut self, offset: u64, limit: u64, append: bool) -> Action<Message> {
        self.ticket += 1;
        self.loading = true;
        let ticket = self.ticket;
        let query = CaseQuery {
            text: self.query.clone(),
            status: self.status,
            mine: self.mine(),
            flagged: self.flagged,
            offset,
            limit,
        };
        let mut jobs = vec![crate::gui::Job::new(
            move |store: accord_store::Store| async move {
                Message::Loaded {
                    ticket,
                    append,
                    page: store.list_cases(&query).await,
                }
            },
        )];
        // A mediator's own open cases come first, above the whole list.
        let plain =
            self.query.trim().is_empty() && self.status.is_none() && !self.mine && !self.flagged;
        match self.me {
            Some((me, true)) if plain && !append => {
                jobs.push(crate::gui::Job::new(
                    move |store: accord_store::Store| async move {
                        let mut rows = store
                            .list_cases(&CaseQuery {
                                mine: Some(me),
                                limit: MINE_FIRST,
                                ..CaseQuery::default()
                            })
                            .await;
                        if let Ok(page) = &mut rows {
                            page.rows
                                .retain(|r| accord_store::OPEN_STATUSES.contains(&r.status));
                        }
                        Message::MineLoaded { ticket, rows }
                    },
                ));
            }
            _ if !append => self.mine_rows.clear(),
            _ => {}
        }
        Action::Run(jobs)
    }

    /// An answer from the database.
    fn loaded(&mut self, ticket: u64, append: bool, page: Result<CasePage, StoreError>) {
        if ticket != self.ticket {
            return;
        }
        self.loading = false;
        match page {
            Ok(page) if append => {
                self.page.rows.extend(page.rows);
                self.page.total = page.total;
                self.error = None;
            }
            Ok(page) => {
                self.page = page;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    pub fn view<'a>(&'a self, ctx: Ctx<'_>) -> Element<'a, Message> {
        let search = text_input(&ctx.tr("cases-search-placeholder"), &self.query)
            .style(crate::gui::theme::input)
            .id("case_search")
            .on_input(Message::QueryChanged)
            .size(ctx.sizes.body())
            .padding(8)
            .width(Fill);
        let mut filters = vec![StatusFilter {
            status: None,
            label: ctx.tr("cases-filter-all"),
        }];
        filters.extend(CaseStatus::ALL.iter().map(|&s| StatusFilter {
            status: Some(s),
            label: ctx.label(s),
        }));
        let selected = filters.iter().find(|f| f.status == self.status).cloned();
        let filter = pick_list(filters, selected, Message::StatusPicked)
            .text_size(ctx.sizes.body())
            .padding(8)
            .width(220);

        let mut content = column![
            text(ctx.tr("cases-title")).size(ctx.sizes.heading()),
            row![
                search,
                filter,
                iced::widget::checkbox(self.mine)
                    .label(ctx.tr("desk-mine-only"))
                    .on_toggle_maybe(self.me.map(|_| Message::Mine as fn(bool) -> Message))
                    .size(ctx.sizes.check())
                    .text_size(ctx.sizes.body()),
                iced::widget::checkbox(self.flagged)
                    .label(ctx.tr("cases-flagged-only"))
                    .on_toggle(Message::Flagged)
                    .size(ctx.sizes.check())
                    .text_size(ctx.sizes.body()),
                button(text(ctx.tr("cases-refresh")).size(ctx.sizes.body()))
                    .style(button::secondary)
                    .padding(8)
                    .on_press(Message::Refresh),
            ]
            .spacing(theme::GAP)
            .align_y(Center),
        ]
        .spacing(theme::GAP);
        if let Some(error) = &self.error {
            let (key, args) = error.message();
            content = content.push(
                container(text(ctx.tr_args(key, &args)).size(ctx.sizes.body()))
                    .padding(theme::GAP)
                    .style(theme::alert),
            );
        }
        if !self.mine_rows.is_empty() {
            let mut mine = column![
                text(ctx.tr("cases-mine-first"))
                    .size(ctx.sizes.small())
                    .style(theme::muted_text)
            ]
            .spacing(theme::TIGHT / 2.0);
            for r in &self.mine_rows {
                mine = mine.push(
                    row![
                        button(text(r.number.as_str()).size(ctx.sizes.body()))
                            .style(theme::link)
                            .padding(0)
                            .on_press(Message::Open(r.id)),
                        text(ctx.list(&r.applicants)).size(ctx.sizes.body()),
                        text(ctx.list(&r.respondents)).size(ctx.sizes.body()),
                        text(ctx.label(r.status))
                            .size(ctx.sizes.small())
                            .style(theme::muted_text),
                    ]
                    .spacing(theme::GAP)
                    .align_y(Center),
                );
            }
            content = content.push(widgets::card(mine));
        }
        if self.page.rows.is_empty() {
            content = content.push(
                text(ctx.tr("cases-empty"))
                    .size(ctx.sizes.body())
                    .style(theme::muted_text),
            );
        } else {
            content = content.push(widgets::page_scroll(self.table(ctx)));
        }
        let shown = self.page.rows.len().to_string();
        let mut footer = row![
            text(ctx.tr_args(
                "cases-count",
                &[("shown", shown), ("total", self.page.total.to_string())]
            ))
            .size(ctx.sizes.small())
            .style(theme::muted_text)
        ]
        .spacing(theme::GAP)
        .align_y(Center);
        if (self.page.rows.len() as u64) < self.page.total {
            footer = footer.push(
                button(text(ctx.tr("cases-load-more")).size(ctx.sizes.small()))
                    .style(button::secondary)
                    .on_press_maybe((!self.loading).then_some(Message::LoadMore)),
            );
        }
        content.push(footer).into()
    }

    fn table<'a>(&'a self, ctx: Ctx<'_>) -> Element<'a, Message> {
        let size = ctx.sizes.body();
        let header = |key: &str| {
            text(ctx.tr(key))
                .size(ctx.sizes.small())
                .style(theme::muted_text)
        };
        let names = |names: &[String]| ctx.list(names);
        let category: Vec<String> = self
            .page
            .rows
            .iter()
            .map(|r| ctx.label(r.category))
            .collect();
        let status: Vec<String> = self.page.rows.iter().map(|r| ctx.label(r.status)).collect();
        let received: Vec<String> = self
            .page
            .rows
            .iter()
            .map(|r| ctx.date(r.received_at))
            .collect();
        let activity: Vec<String> = self
            .page
            .rows
            .iter()
            .map(|r| ctx.datetime(r.updated_at))
            .collect();
        let rows: Vec<(usize, &CaseRow)> = self.page.rows.iter().enumerate().collect();
        let columns = [
            table::column(
                header("cases-col-number"),
                move |(_, r): (usize, &'a CaseRow)| -> Element<'a, Message> {
                    button(text(r.number.as_str()).size(size))
                        .style(theme::link)
                        .padding(0)
                        .on_press(Message::Open(r.id))
                        .into()
                },
            ),
            table::column(
                header("cases-col-applicant"),
                move |(_, r): (usize, &'a CaseRow)| -> Element<'a, Message> {
                    text(names(&r.applicants)).size(size).into()
                },
            ),
            table::column(
                header("cases-col-respondent"),
                move |(_, r): (usize, &'a CaseRow)| -> Element<'a, Message> {
                    text(names(&r.respondents)).size(size).into()
                },
            ),
            table::column(
                header("cases-col-category"),
                move |(i, _): (usize, &'a CaseRow)| -> Element<'a, Message> {
                    text(category[i].clone()).size(size).into()
                },
            ),
            table::column(
                header("cases-col-status"),
                move |(i, r): (usize, &'a CaseRow)| -> Element<'a, Message> {
                    let badge = container(text(status[i].clone()).size(ctx.sizes.small()))
                        .padding([2, 8])
                        .style(theme::badge);
                    if r.risk == accord_core::risk::RiskLevel::Green {
                        return badge.into();
                    }
                    let flag = text(ctx.tr_args("cases-risk", &[("level", ctx.label(r.risk))]))
                        .size(ctx.sizes.small());
                    let flag = if r.risk == accord_core::risk::RiskLevel::Red {
                        flag.style(theme::error_text)
                    } else {
                        flag.style(theme::muted_text)
                    };
                    row![badge, flag]
                        .spacing(theme::TIGHT)
                        .align_y(Center)
                        .into()
                },
            ),
            table::column(
                header("cases-col-received"),
                move |(i, _): (usize, &'a CaseRow)| -> Element<'a, Message> {
                    text(received[i].clone())
                        .size(size)
                        .wrapping(text::Wrapping::None)
                        .into()
                },
            ),
            table::column(
                header("cases-col-activity"),
                move |(i, _): (usize, &'a CaseRow)| -> Element<'a, Message> {
                    text(activity[i].clone())
                        .size(size)
                        .wrapping(text::Wrapping::None)
                        .into()
                },
            ),
        ];
        let [
            number,
            applicant,
            respondent,
            category,
            status,
            received,
            activity,
        ] = columns;
        let columns = [
            number.width(110),
            applicant.width(FillPortion(3)),
            respondent.width(FillPortion(3)),
            category.width(FillPortion(2)),
            status.width(FillPortion(2)),
            // Dates never wrap: as wide as they are.
            received.width(Shrink),
            activity.width(Shrink),
        ];
        table(columns, rows)
            .width(Fill)
            .padding_x(10)
            .padding_y(6)
            .separator_x(0)
            .into()
    }
}
