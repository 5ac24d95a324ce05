//! The review tab: the legal advisor's comment, approving or returning
//! the draft, the agreement as it will be printed, every version with its
//! review, and the difference between two versions.

use accord_core::{UserRole, agreement::AgreementStatus};
use accord_document::DiffLine;
use iced::{
    Center, Element,
    widget::{button, column, pick_list, row, text, text_input},
};

use super::{AgreementScreen, Job, primary};
use crate::error::Phrase;
use crate::gui::{Action, Ctx, theme, widgets};

/// A version in the "compare" pick lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionPick(pub i32);

impl std::fmt::Display for VersionPick {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "v{}", self.0)
    }
}

/// What the user does on the review tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// The reviewer's comment as typed.
    Comment(String),
    /// Approve the version shown.
    Approve,
    /// Return the version shown for changes (a comment is required).
    Return,
    /// The older version compared.
    CompareFrom(VersionPick),
    /// The newer version compared.
    CompareTo(VersionPick),
}

/// Applies a message of the review tab; a decision runs a job.
pub(super) fn update(
    screen: &mut AgreementScreen,
    message: Message,
    ctx: &Ctx<'_>,
) -> Action<super::Message> {
    match message {
        Message::Comment(s) => screen.comment = s,
        Message::Approve | Message::Return => {
            let next = if matches!(message, Message::Approve) {
                AgreementStatus::Approved
            } else {
                AgreementStatus::Returned
            };
            let comment = screen.comment.trim().to_owned();
            if next == AgreementStatus::Returned && comment.is_empty() {
                screen.error = Some(Phrase::error("error-return-needs-comment"));
                return Action::None;
            }
            screen.comment.clear();
            return screen.run(
                ctx,
                Job::Review(
                    next,
                    Some(comment).filter(|c| !c.is_empty()),
                    screen.shown_version(),
                ),
            );
        }
        Message::CompareFrom(v) => screen.compare.0 = Some(v),
        Message::CompareTo(v) => screen.compare.1 = Some(v),
    }
    Action::None
}

/// The review tab.
pub(super) fn view<'a>(screen: &'a AgreementScreen, ctx: Ctx<'a>) -> Element<'a, Message> {
    let user = ctx.user;
    let body = ctx.sizes.body();
    let Some(record) = &screen.data.record else {
        return text(ctx.tr("agreement-nothing-saved")).size(body).into();
    };
    let mut col = column![].spacing(theme::GAP);
    // As the store decides (see `accord_store`'s roles): a legal advisor
    // reviews (the program, with nobody chosen, may too), and never a
    // version they wrote.
    let reviewer = user.is_none_or(|u| u.role == UserRole::LegalAdvisor);
    let own = user.is_some_and(|u| {
        record
            .current()
            .is_some_and(|v| v.written_by(u.id, &u.name))
    });
    if record.status == AgreementStatus::InReview {
        if reviewer {
            let can = !screen.busy && !own;
            let mut card = column![
                widgets::heading(ctx, ctx.tr("agreement-review-title")),
                text_input(&ctx.tr("agreement-comment-hint"), &screen.comment)
                    .style(crate::gui::theme::input)
                    .id("agreement_comment")
                    .size(body)
                    .on_input(Message::Comment),
                row![
                    primary(ctx, "agreement-approve", can.then_some(Message::Approve))
                        .style(button::success),
                    primary(ctx, "agreement-return", can.then_some(Message::Return))
                        .style(button::danger),
                ]
                .spacing(theme::GAP),
            ]
            .spacing(theme::TIGHT);
            if own {
                card = card.push(
                    text(ctx.tr("agreement-review-own-version"))
                        .size(ctx.sizes.small())
                        .style(theme::muted_text),
                );
            }
            col = col.push(widgets::card(card));
        } else {
            col = col.push(text(ctx.tr("agreement-review-advisor-only")).size(body));
        }
        col = col.push(screen.checks_view(ctx));
    }
    // What will be printed, for reading before a decision.
    if let Some(current) = record.current() {
        let doc = accord_document::agreement(
            ctx.t,
            &accord_document::AgreementInput::new(&screen.case, &current.content),
        );
        col = col.push(widgets::card(
            column![
                widgets::heading(ctx, ctx.tr("agreement-preview")),
                text(doc.plain_text()).size(body),
            ]
            .spacing(theme::TIGHT),
        ));
    }
    // Every version with its review.
    let mut versions =
        column![widgets::heading(ctx, ctx.tr("agreement-versions"))].spacing(theme::TIGHT);
    for v in record.versions.iter().rev() {
        let mut line = ctx.tr_args(
            "agreement-version-line",
            &[
                ("n", v.number.to_string()),
                ("when", ctx.datetime(v.created_at)),
                ("who", v.created_by.clone()),
            ],
        );
        if let (Some(decision), Some(by)) = (&v.decision, &v.reviewed_by) {
            let decision = ctx.label(*decision);
            line.push_str(&ctx.tr_args(
                "agreement-version-review",
                &[("decision", decision), ("who", by.clone())],
            ));
        }
        if record.final_version == Some(v.number) && record.status == AgreementStatus::Final {
            line.push_str(&ctx.tr("agreement-version-final"));
        }
        let mut entry = column![text(line).size(body)];
        if let Some(comment) = &v.review_comment {
            entry = entry.push(
                text(format!("“{comment}”"))
                    .size(ctx.sizes.small())
                    .style(theme::muted_text),
            );
        }
        versions = versions.push(entry);
    }
    col = col.push(widgets::card(versions));
    // The difference between two versions.
    if record.versions.len() > 1 {
        let picks: Vec<VersionPick> = record
            .versions
            .iter()
            .map(|v| VersionPick(v.number))
            .collect();
        let mut diff = column![
            row![
                text(ctx.tr("agreement-compare")).size(body),
                pick_list(picks.clone(), screen.compare.0, Message::CompareFrom).text_size(body),
                text("→").size(body),
                pick_list(picks, screen.compare.1, Message::CompareTo).text_size(body),
            ]
            .spacing(theme::TIGHT)
            .align_y(Center)
        ]
        .spacing(2);
        let version = |p: Option<VersionPick>| {
            p.and_then(|p| record.versions.iter().find(|v| v.number == p.0))
        };
        if let (Some(a), Some(b)) = (version(screen.compare.0), version(screen.compare.1)) {
            let lines = accord_document::diff(ctx.t, &screen.case, &a.content, &b.content);
            let changed = lines.iter().any(|l| !matches!(l, DiffLine::Same(_)));
            if !changed {
                diff = diff.push(text(ctx.tr("agreement-no-difference")).size(body));
            }
            for line in lines {
                let (mark, s, style): (&str, String, fn(&iced::Theme) -> text::Style) = match line {
                    DiffLine::Same(_) => continue,
                    DiffLine::Removed(s) => ("−", s, theme::error_text),
                    DiffLine::Added(s) => ("+", s, theme::added_text),
                };
                diff = diff.push(text(format!("{mark} {s}")).size(body).style(style));
            }
        }
        col = col.push(widgets::card(diff));
    }
    col.into()
}
