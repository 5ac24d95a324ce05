//! How one case's desk looks, and what it offers the palette.
//!
//! One piece because every card reads the same loaded desk and the
//! same form fields. Next cut: the palette commands into `commands.rs`
//! and each card (time limit, mediators, transfer, confirmation, oral
//! agreement) into its own function file.

use accord_core::{
    Case, Choice, UserRole,
    conflict::{Evidence, Hit},
    desk::{
        CourtBasis, JcState, Performance, RecusalDecision, RoutingBody, Suggestion,
        excluded_matters, jc_deadline,
    },
};
use chrono::NaiveDate;
use iced::{
    Center, Element, Fill,
    widget::{button, checkbox, column, pick_list, row, text, text_input},
};

use super::super::{UserChoice, choice, urgency_words, weekday_name};
use super::{CaseDeskScreen, Message, PartyPick};
use crate::gui::{Ctx, Labeled, commands::Command, theme, widgets};

impl CaseDeskScreen {
    /// What the case's desk offers the palette, so that every button and
    /// choice is reachable from the keyboard.
    pub fn commands(&self, ctx: Ctx<'_>) -> Vec<Command<Message>> {
        let mut out = vec![Command::new(ctx.tr("desk-back"), Message::Back)];
        let Some(data) = &self.data else {
            return out;
        };
        let working = accord_store::OPEN_STATUSES.contains(&data.case.status);
        if working {
            for s in data.suggestions.iter().take(8) {
                out.push(Command::new(
                    ctx.tr_args(
                        "desk-cmd-pick",
                        &[("name", s.mediator.details.name.clone())],
                    ),
                    Message::Pick(s.mediator.id),
                ));
            }
            if self.picked.is_some() {
                out.push(Command::new(ctx.tr("desk-assign"), Message::Assign));
            }
            for a in data
                .desk
                .assignments
                .iter()
                .filter(|a| a.ended_at.is_none())
            {
                out.push(Command::new(
                    choice(ctx, ctx.tr("desk-replace"), a.mediator_name.clone()),
                    Message::Replace(Some(a.id)),
                ));
                out.push(Command::new(
                    choice(ctx, ctx.tr("desk-recusal"), a.mediator_name.clone()),
                    Message::RecusalFor(Some(a.mediator_id)),
                ));
            }
            if self.recusal_for.is_some() {
                for p in &data.case.parties {
                    out.push(Command::new(
                        choice(ctx, ctx.tr("desk-recusal-party"), p.name.clone()),
                        Message::RecusalParty(Labeled {
                            value: PartyPick(p.id),
                            label: p.name.clone(),
                        }),
                    ));
                }
                out.push(Command::new(
                    ctx.tr("desk-recusal-record"),
                    Message::RequestRecusal,
                ));
            }
            for p in &data.case.parties {
                out.push(Command::new(
                    choice(ctx, ctx.tr("desk-consent"), p.name.clone()),
                    Message::Consent(p.id, !self.consent.contains(&p.id)),
                ));
            }
            out.push(Command::new(ctx.tr("desk-extend"), Message::Extend));
            if data.desk.time_limit.extensions.is_empty() {
                out.push(Command::new(ctx.tr("desk-set-due"), Message::SetDue));
            }
            for u in &data.users {
                out.push(Command::new(
                    choice(ctx, ctx.tr("desk-handover-to"), u.name.clone()),
                    Message::HandoverTo(UserChoice {
                        id: Some(u.id),
                        label: u.name.clone(),
                    }),
                ));
            }
            out.push(Command::new(ctx.tr("desk-handover"), Message::HandOver));
            for b in RoutingBody::ALL {
                out.push(Command::new(
                    choice(ctx, ctx.tr("desk-route-body"), ctx.label(*b)),
                    Message::RouteBody(ctx.labeled(*b)),
                ));
            }
            out.push(Command::new(ctx.tr("desk-route"), Message::Route));
            for p in Performance::ALL {
                out.push(Command::new(
                    choice(ctx, ctx.tr("desk-oral"), ctx.label(*p)),
                    Message::OralPerformance(ctx.labeled(*p)),
                ));
            }
            out.push(Command::new(ctx.tr("desk-oral-save"), Message::SaveOral));
        }
        for r in &data.desk.recusals {
            if r.decision == RecusalDecision::Pending {
                out.push(Command::new(
                    choice(ctx, ctx.tr("desk-grant"), r.mediator_name.clone()),
                    Message::Decide(r.id, true),
                ));
                out.push(Command::new(
                    choice(ctx, ctx.tr("desk-refuse"), r.mediator_name.clone()),
                    Message::Decide(r.id, false),
                ));
            }
        }
        for r in &data.desk.routings {
            out.push(Command::new(
                choice(ctx, ctx.tr("desk-slip-papers"), r.slip.body_name.clone()),
                Message::SlipPapers(r.id),
            ));
            if r.feedback.is_none() {
                out.push(Command::new(
                    choice(ctx, ctx.tr("desk-feedback-took"), r.slip.body_name.clone()),
                    Message::FeedbackAccepted(!self.feedback_accepted),
                ));
                out.push(Command::new(
                    choice(
                        ctx,
                        ctx.tr("desk-feedback-record"),
                        r.slip.body_name.clone(),
                    ),
                    Message::Feedback(r.id),
                ));
            }
        }
        if data.agreement.is_some() {
            let state = data.desk.jc.as_ref().map(|j| j.state);
            if matches!(state, None | Some(JcState::Prepared)) {
                for b in CourtBasis::ALL {
                    out.push(Command::new(
                        choice(ctx, ctx.tr("desk-court-basis"), ctx.label(*b)),
                        Message::Basis(ctx.labeled(*b)),
                    ));
                }
                out.push(Command::new(ctx.tr("desk-jc-prepare"), Message::PrepareJc));
            }
            if state.is_some() {
                out.push(Command::new(ctx.tr("desk-jc-papers"), Message::JcPapers));
            }
            if state == Some(JcState::Prepared) {
                out.push(Command::new(ctx.tr("desk-jc-file"), Message::Filed));
            }
            if state == Some(JcState::Filed) {
                out.push(Command::new(
                    ctx.tr("desk-jc-confirmed"),
                    Message::Ruling(true),
                ));
                out.push(Command::new(
                    ctx.tr("desk-jc-rejected"),
                    Message::Ruling(false),
                ));
            }
        }
        out
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
