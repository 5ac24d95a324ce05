//! The draft tab: the jurisdiction, the facts, the clauses, the
//! obligations with their instalments, who signs as mediator, recorder and
//! witnesses, the completeness check under them (drawn by the screen, as
//! the review and signature tabs show it too), saving and submitting for
//! review, and the draft prefilled from the case and the room.
//!
//! One piece because its message enum, its `update` and its `view` are the
//! three faces of the one form (each field appears in all three); the form
//! as typed is already apart in `form`. If it grows further, the obligation
//! card (`obligation_view` and its messages) is the part to move out.

use accord_core::{
    Case, Currency, LocalUser, Money, RoomItem, UserRole,
    agreement::{AgreementContent, AgreementStatus, Jurisdiction, ObligationKind, default_clauses},
};
use accord_i18n::Translations;
use iced::{
    Center, Element, Fill,
    widget::{button, column, container, pick_list, row, space, text, text_editor, text_input},
};

use super::{
    AgreementScreen, Job,
    form::{Form, ObligationForm},
    primary, small_button,
};
use crate::gui::{Action, Ctx, Labeled, theme, widgets};

/// A party (or nobody) in a pick list.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyPick {
    id: Option<i64>,
    name: String,
}

impl std::fmt::Display for PartyPick {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

/// Which obligation field changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OField {
    /// What is to be done, in words.
    Description,
    /// The total of a payment.
    Amount,
    /// The single due date of a payment, or the deadline of an act.
    Due,
    /// How it is paid or performed.
    Method,
    /// Where it is performed or handed over.
    Place,
    /// The receiving account of a transfer.
    Account,
}

/// What the user does on the draft tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// The jurisdiction picked.
    Jurisdiction(Labeled<Jurisdiction>),
    /// Typing, or moving the cursor, in the facts.
    Facts(text_editor::Action),
    /// Typing, or moving the cursor, in what the mediation did.
    Mediation(text_editor::Action),
    /// The acceleration clause ticked or not.
    Acceleration(bool),
    /// The waiver of unknown claims ticked or not.
    WaiveUnknownClaims(bool),
    /// The text of a clause.
    Clause(usize, String),
    /// An empty clause at the end.
    AddClause,
    /// A clause removed.
    RemoveClause(usize),
    /// A clause moved up (`true`) or down one place.
    MoveClause(usize, bool),
    /// An empty payment at the end.
    AddObligation,
    /// An obligation removed.
    RemoveObligation(usize),
    /// The party who must perform an obligation.
    Debtor(usize, PartyPick),
    /// The party who receives it, or nobody.
    Creditor(usize, PartyPick),
    /// A payment or an act.
    Kind(usize, Labeled<ObligationKind>),
    /// A text field of an obligation.
    Obligation(usize, OField, String),
    /// One more instalment of a payment (the single date becomes the
    /// first).
    AddInstallment(usize),
    /// An instalment of a payment removed.
    RemoveInstallment(usize, usize),
    /// The date (`true`) or the amount of an instalment.
    Installment(usize, usize, bool, String),
    /// Who signs as mediator.
    Mediator(String),
    /// Who signs as recorder.
    Recorder(String),
    /// The witnesses, in one line.
    Witnesses(String),
    /// Start again from the case and the room (undoable).
    Prefill,
    /// Put back the draft as it was before "start again".
    UndoPrefill,
    /// Save the draft as a new version.
    Save,
    /// Submit the saved draft for review.
    Submit,
}

impl Message {
    /// Whether the message changes the form (refused while in review).
    fn edits(&self) -> bool {
        !matches!(self, Message::Save | Message::Submit)
    }
}

/// A new draft from the case and the room's entries, the clauses usual for
/// its category, and the user as mediator (when a mediator).
pub(super) fn prefill(
    case: &Case,
    items: &[RoomItem],
    t: &Translations,
    user: Option<&LocalUser>,
) -> AgreementContent {
    let jurisdiction = match t.locale() {
        accord_i18n::Locale::EnUs => Jurisdiction::GenericEnglish,
        _ => Jurisdiction::PrcPeoplesMediation,
    };
    let today = chrono::Local::now().date_naive();
    let clauses = default_clauses(case.category)
        .iter()
        .map(|k| t.tr(k))
        .collect();
    let mediator = user
        .filter(|u| u.role == UserRole::Mediator)
        .map(|u| u.name.as_str())
        .unwrap_or("");
    let mut content =
        AgreementContent::prefill(case, items, clauses, mediator, jurisdiction, today);
    content.mediation = mediation_summary(case, items, t, mediator);
    content
}

/// 调解情况 as the room recorded it, for the mediator to complete: who
/// mediated, and how many joint meetings and separate talks were held.
fn mediation_summary(case: &Case, items: &[RoomItem], t: &Translations, mediator: &str) -> String {
    use std::collections::BTreeSet;
    // Meetings on as many days as the room has entries on; a caucus is a
    // party's time alone with the mediator in one round.
    let days: BTreeSet<chrono::NaiveDate> = items
        .iter()
        .map(|i| i.recorded_at.with_timezone(&chrono::Local).date_naive())
        .collect();
    let caucuses = items
        .iter()
        .filter(|i| i.round > 0)
        .map(|i| (i.round, i.party_id))
        .collect::<BTreeSet<_>>()
        .len();
    let mediator = if mediator.is_empty() {
        t.tr("prefill-mediation-someone")
    } else {
        mediator.to_owned()
    };
    let parties = if case.parties.len() > 2 {
        "many"
    } else {
        "two"
    };
    let caucus = if caucuses == 0 {
        String::new()
    } else {
        t.tr_args(
            "prefill-mediation-caucus",
            &[("caucuses", caucuses.to_string().into())],
        )
    };
    t.tr_args(
        "prefill-mediation",
        &[
            ("mediator", mediator.into()),
            ("sessions", days.len().max(1).to_string().into()),
            ("caucus", caucus.into()),
            ("parties", parties.into()),
        ],
    )
}

/// "Start again" on a draft: what the case and the room give, in the
/// draft's own language and template, keeping who signs as mediator,
/// recorder and witnesses.
fn regenerate(
    form: &Form,
    case: &Case,
    items: &[RoomItem],
    t: &Translations,
    user: Option<&LocalUser>,
) -> Form {
    let mut content = prefill(case, items, t, user);
    let (kept, _) = form.parse();
    if let Some(j) = form.jurisdiction {
        content.jurisdiction = j;
        // The usual clauses in the draft's language, not the screen's.
        let lang = Translations::get(match j {
            Jurisdiction::GenericEnglish => accord_i18n::Locale::EnUs,
            _ => accord_i18n::Locale::ZhCn,
        });
        content.clauses = default_clauses(case.category)
            .iter()
            .map(|k| lang.tr(k))
            .filter(|c| !c.trim().is_empty())
            .map(|text| accord_core::agreement::Clause { text })
            .collect();
    }
    if !kept.mediator.is_empty() {
        content.mediator = kept.mediator;
    }
    content.recorder = kept.recorder;
    content.witnesses = kept.witnesses;
    Form::from(&content)
}

/// Applies a message of the draft tab; saving and submitting run jobs.
pub(super) fn update(
    screen: &mut AgreementScreen,
    message: Message,
    ctx: &Ctx<'_>,
) -> Action<super::Message> {
    let (t, user) = (ctx.t, ctx.user);
    let edits = message.edits();
    if edits && !screen.editable() {
        return Action::None;
    }
    let form = &mut screen.form;
    match message {
        Message::Jurisdiction(j) => form.jurisdiction = Some(j.value),
        Message::Facts(action) => {
            let is_edit = action.is_edit();
            form.facts.perform(action);
            if !is_edit {
                return Action::None;
            }
        }
        Message::Mediation(action) => {
            let is_edit = action.is_edit();
            form.mediation.perform(action);
            if !is_edit {
                return Action::None;
            }
        }
        Message::Clause(i, s) => {
            if let Some(c) = form.clauses.get_mut(i) {
                *c = s;
            }
        }
        Message::AddClause => form.clauses.push(String::new()),
        Message::RemoveClause(i) => {
            if i < form.clauses.len() {
                form.clauses.remove(i);
            }
        }
        Message::MoveClause(i, up) => {
            let j = if up { i.checked_sub(1) } else { Some(i + 1) };
            if let Some(j) = j.filter(|j| *j < form.clauses.len()) {
                form.clauses.swap(i, j);
            }
        }
        Message::Acceleration(on) => form.acceleration = on,
        Message::WaiveUnknownClaims(on) => form.waive_unknown_claims = on,
        Message::AddObligation => form.obligations.push(ObligationForm {
            kind: Some(ObligationKind::Payment),
            ..ObligationForm::default()
        }),
        Message::RemoveObligation(i) => {
            if i < form.obligations.len() {
                form.obligations.remove(i);
            }
        }
        Message::Debtor(i, p) => {
            if let Some(o) = form.obligations.get_mut(i) {
                o.debtor = p.id;
            }
        }
        Message::Creditor(i, p) => {
            if let Some(o) = form.obligations.get_mut(i) {
                o.creditor = p.id;
            }
        }
        Message::Kind(i, k) => {
            if let Some(o) = form.obligations.get_mut(i) {
                o.kind = Some(k.value);
            }
        }
        Message::Obligation(i, field, s) => {
            if let Some(o) = form.obligations.get_mut(i) {
                match field {
                    OField::Description => o.description = s,
                    OField::Amount => o.amount = s,
                    OField::Due => o.due = s,
                    OField::Method => o.method = s,
                    OField::Place => o.place = s,
                    OField::Account => o.account = s,
                }
            }
        }
        Message::AddInstallment(i) => {
            if let Some(o) = form.obligations.get_mut(i) {
                if o.installments.is_empty() && !o.due.trim().is_empty() {
                    o.installments
                        .push((std::mem::take(&mut o.due), o.amount.clone()));
                }
                o.installments.push((String::new(), String::new()));
            }
        }
        Message::RemoveInstallment(i, k) => {
            if let Some(o) = form.obligations.get_mut(i)
                && k < o.installments.len()
            {
                o.installments.remove(k);
            }
        }
        Message::Installment(i, k, is_date, s) => {
            if let Some((d, a)) = form
                .obligations
                .get_mut(i)
                .and_then(|o| o.installments.get_mut(k))
            {
                if is_date {
                    *d = s;
                } else {
                    *a = s;
                }
            }
        }
        Message::Mediator(s) => form.mediator = s,
        Message::Recorder(s) => form.recorder = s,
        Message::Witnesses(s) => form.witnesses = s,
        Message::Prefill => {
            let fresh = regenerate(form, &screen.case, &screen.data.items, t, user);
            let before = std::mem::replace(&mut screen.form, fresh);
            screen.undo = Some((before, screen.dirty));
            screen.dirty = true;
            screen.touched = true;
            screen.data.notice = Some(crate::error::Phrase::new("agreement-prefilled"));
            screen.check(t);
            return Action::None;
        }
        Message::UndoPrefill => {
            if let Some((before, dirty)) = screen.undo.take() {
                screen.form = before;
                screen.dirty = dirty;
                screen.data.notice = None;
                screen.check(t);
            }
            return Action::None;
        }
        Message::Save => {
            let (content, errors) = screen.form.parse();
            if !errors.is_empty() {
                screen.form_errors = errors;
                return Action::None;
            }
            return screen.run(ctx, Job::Save(Box::new(content), screen.shown_version()));
        }
        Message::Submit => {
            return screen.run(
                ctx,
                Job::Review(AgreementStatus::InReview, None, screen.shown_version()),
            );
        }
    }
    if edits {
        // Another change: "undo start again" would now throw it away.
        screen.undo = None;
        screen.touched = true;
        screen.dirty = true;
        screen.data.notice = None;
        screen.check(t);
    }
    Action::None
}

/// The parties as pick-list entries, with "nobody" first when asked.
fn party_picks(screen: &AgreementScreen, ctx: Ctx<'_>, with_none: bool) -> Vec<PartyPick> {
    let mut out: Vec<PartyPick> = Vec::new();
    if with_none {
        out.push(PartyPick {
            id: None,
            name: ctx.tr("agreement-creditor-none"),
        });
    }
    out.extend(screen.case.parties.iter().map(|p| PartyPick {
        id: Some(p.id),
        name: format!("{}（{}）", p.name, ctx.label(p.role)),
    }));
    out
}

/// The draft tab.
pub(super) fn view<'a>(screen: &'a AgreementScreen, ctx: Ctx<'a>) -> Element<'a, Message> {
    let body = ctx.sizes.body();
    let form = &screen.form;
    let mut col = column![].spacing(theme::GAP);
    // A returned draft: the legal advisor's words at the top, until the
    // draft goes back for review.
    if let Some(record) = &screen.data.record
        && matches!(
            record.status,
            AgreementStatus::Returned | AgreementStatus::Draft
        )
        && let Some(v) = record
            .versions
            .iter()
            .rev()
            .find(|v| v.decision.is_some())
            .filter(|v| v.decision == Some(AgreementStatus::Returned))
        && let Some(comment) = &v.review_comment
    {
        col = col.push(
            container(
                column![
                    text(ctx.tr_args(
                        "agreement-returned-comment",
                        &[
                            ("version", v.number.to_string()),
                            ("by", v.reviewed_by.clone().unwrap_or_default()),
                        ],
                    ))
                    .size(ctx.sizes.subheading()),
                    text(comment.as_str()).size(body),
                ]
                .spacing(theme::TIGHT),
            )
            .padding(theme::GAP)
            .width(Fill)
            .style(theme::alert),
        );
    }
    let locked = match screen.status() {
        Some(AgreementStatus::Approved) => Some("agreement-change-needs-approval"),
        Some(AgreementStatus::Final) => Some("agreement-final-locked"),
        _ => None,
    };
    if let Some(key) = locked {
        col = col.push(
            container(text(ctx.tr(key)).size(body))
                .padding(theme::TIGHT)
                .width(Fill)
                .style(theme::notice),
        );
    }
    let jurisdiction = pick_list(
        ctx.options::<Jurisdiction>(),
        form.jurisdiction.map(|j| ctx.labeled(j)),
        Message::Jurisdiction,
    )
    .text_size(body);
    col = col.push(widgets::field(
        ctx,
        ctx.tr("agreement-jurisdiction"),
        jurisdiction,
        None,
    ));
    col = col.push(widgets::field(
        ctx,
        ctx.tr("agreement-facts"),
        text_editor(&form.facts)
            .style(crate::gui::theme::editor)
            .id("agreement_facts")
            .height(120)
            .size(body)
            .on_action(Message::Facts),
        None,
    ));
    col = col.push(widgets::field(
        ctx,
        ctx.tr("agreement-mediation"),
        text_editor(&form.mediation)
            .style(crate::gui::theme::editor)
            .id("agreement_mediation")
            .height(90)
            .size(body)
            .on_action(Message::Mediation),
        None,
    ));

    // Clauses: free text, in order.
    let mut clauses =
        column![widgets::heading(ctx, ctx.tr("agreement-clauses"))].spacing(theme::TIGHT);
    for (i, clause) in form.clauses.iter().enumerate() {
        clauses = clauses.push(
            row![
                text(format!("{}.", i + 1)).size(body).width(28),
                text_input(&ctx.tr("agreement-clause-placeholder"), clause)
                    .style(crate::gui::theme::input)
                    .id(format!("agreement_clause_{i}"))
                    .size(body)
                    .on_input(move |s| Message::Clause(i, s)),
                small_button(
                    ctx,
                    "agreement-up",
                    (i > 0).then_some(Message::MoveClause(i, true))
                ),
                small_button(
                    ctx,
                    "agreement-down",
                    (i + 1 < form.clauses.len()).then_some(Message::MoveClause(i, false))
                ),
                small_button(ctx, "agreement-remove", Some(Message::RemoveClause(i)))
                    .style(button::danger),
            ]
            .spacing(theme::TIGHT)
            .align_y(Center),
        );
    }
    clauses = clauses.push(small_button(
        ctx,
        "agreement-add-clause",
        Some(Message::AddClause),
    ));
    col = col.push(widgets::card(clauses));

    // Structured obligations.
    let mut obligations =
        column![widgets::heading(ctx, ctx.tr("agreement-obligations"))].spacing(theme::GAP);
    for (i, o) in form.obligations.iter().enumerate() {
        obligations = obligations.push(obligation_view(screen, ctx, i, o));
    }
    obligations = obligations.push(small_button(
        ctx,
        "agreement-add-obligation",
        Some(Message::AddObligation),
    ));
    // The options of the draft's profile: acceleration in the Chinese
    // form (the English one always has it), the §1542 waiver in the
    // English settlement.
    obligations = obligations.push(
        if form.jurisdiction == Some(Jurisdiction::GenericEnglish) {
            iced::widget::checkbox(form.waive_unknown_claims)
                .label(ctx.tr("agreement-waive-unknown-claims"))
                .on_toggle(Message::WaiveUnknownClaims)
        } else {
            iced::widget::checkbox(form.acceleration)
                .label(ctx.tr("agreement-acceleration"))
                .on_toggle(Message::Acceleration)
        }
        .size(ctx.sizes.check())
        .text_size(body),
    );
    col = col.push(widgets::card(obligations));

    let people = row![
        widgets::field(
            ctx,
            ctx.tr("agreement-mediator"),
            text_input("", &form.mediator)
                .style(crate::gui::theme::input)
                .id("agreement_mediator")
                .size(body)
                .on_input(Message::Mediator),
            None
        ),
        widgets::field(
            ctx,
            ctx.tr("agreement-recorder"),
            text_input("", &form.recorder)
                .style(crate::gui::theme::input)
                .id("agreement_recorder")
                .size(body)
                .on_input(Message::Recorder),
            None
        ),
        widgets::field(
            ctx,
            ctx.tr("agreement-witnesses"),
            text_input(&ctx.tr("agreement-witnesses-hint"), &form.witnesses)
                .style(crate::gui::theme::input)
                .id("agreement_witnesses")
                .size(body)
                .on_input(Message::Witnesses),
            None
        ),
    ]
    .spacing(theme::GAP);
    col = col.push(people);
    col = col.push(screen.checks_view(ctx));

    let can_save = screen.editable() && screen.dirty;
    let can_submit = !screen.dirty
        && !screen.busy
        && matches!(
            screen.status(),
            Some(AgreementStatus::Draft | AgreementStatus::Returned)
        );
    let mut actions = row![
        primary(ctx, "agreement-save", can_save.then_some(Message::Save)),
        primary(
            ctx,
            "agreement-submit",
            can_submit.then_some(Message::Submit)
        )
        .style(button::success),
    ]
    .spacing(theme::GAP)
    .align_y(Center);
    if screen.data.record.is_none() || screen.editable() {
        actions = actions.push(space::horizontal()).push(
            small_button(
                ctx,
                "agreement-prefill",
                screen.editable().then_some(Message::Prefill),
            )
            .style(button::secondary),
        );
    }
    if screen.undo.is_some() {
        actions = actions.push(
            small_button(ctx, "agreement-prefill-undo", Some(Message::UndoPrefill))
                .style(button::secondary),
        );
    }
    if screen.dirty && screen.data.record.is_some() {
        actions = actions.push(text(ctx.tr("agreement-unsaved")).size(ctx.sizes.small()));
    }
    col.push(actions).into()
}

/// One obligation's card.
fn obligation_view<'a>(
    screen: &'a AgreementScreen,
    ctx: Ctx<'a>,
    i: usize,
    o: &'a ObligationForm,
) -> Element<'a, Message> {
    let body = ctx.sizes.body();
    let parties = party_picks(screen, ctx, false);
    let debtor = parties.iter().find(|p| p.id == o.debtor).cloned();
    let with_none = party_picks(screen, ctx, true);
    let creditor = with_none.iter().find(|p| p.id == o.creditor).cloned();
    let kind = o.kind.unwrap_or(ObligationKind::Payment);
    let input = |key: &str, value: &'a str, field: OField, id: String| {
        text_input(&ctx.tr(key), value)
            .style(crate::gui::theme::input)
            .id(id)
            .size(body)
            .on_input(move |s| Message::Obligation(i, field, s))
    };
    let mut col = column![
        row![
            text(ctx.tr_args("agreement-obligation-n", &[("n", (i + 1).to_string())]))
                .size(body)
                .width(Fill),
            small_button(ctx, "agreement-remove", Some(Message::RemoveObligation(i)))
                .style(button::danger),
        ]
        .align_y(Center),
        row![
            widgets::field(
                ctx,
                ctx.tr("agreement-debtor"),
                pick_list(parties, debtor, move |p| Message::Debtor(i, p)).text_size(body),
                None
            ),
            widgets::field(
                ctx,
                ctx.tr("agreement-kind"),
                pick_list(
                    ctx.options::<ObligationKind>(),
                    Some(ctx.labeled(kind)),
                    move |k| { Message::Kind(i, k) }
                )
                .text_size(body),
                None
            ),
            widgets::field(
                ctx,
                ctx.tr("agreement-creditor"),
                pick_list(with_none, creditor, move |p| Message::Creditor(i, p)).text_size(body),
                None
            ),
        ]
        .spacing(theme::GAP),
        widgets::field(
            ctx,
            ctx.tr("agreement-description"),
            input(
                "agreement-description-hint",
                &o.description,
                OField::Description,
                format!("obligation_{i}_description")
            ),
            None
        ),
    ]
    .spacing(theme::TIGHT);
    let due_key = if kind == ObligationKind::Act {
        "agreement-deadline"
    } else {
        "agreement-due"
    };
    let mut line = row![].spacing(theme::GAP);
    if kind == ObligationKind::Payment {
        let words = Money::parse(&o.amount, Currency::Cny)
            .ok()
            .map(|money| ctx.money_words(money))
            .unwrap_or_default();
        line = line.push(widgets::field(
            ctx,
            ctx.tr("agreement-amount"),
            column![
                input(
                    "agreement-amount-hint",
                    &o.amount,
                    OField::Amount,
                    format!("obligation_{i}_amount")
                ),
                text(words).size(ctx.sizes.small()).style(theme::muted_text),
            ],
            None,
        ));
    }
    if o.installments.is_empty() {
        line = line.push(widgets::field(
            ctx,
            ctx.tr(due_key),
            input(
                "hint-date-input",
                &o.due,
                OField::Due,
                format!("obligation_{i}_due"),
            ),
            None,
        ));
    }
    col = col.push(line);
    // How, into which account (a payment) and where: 方式、地点 (art. 35).
    let mut how = row![widgets::field(
        ctx,
        ctx.tr("agreement-method"),
        input(
            "agreement-method-hint",
            &o.method,
            OField::Method,
            format!("obligation_{i}_method"),
        ),
        None,
    )]
    .spacing(theme::GAP);
    if kind == ObligationKind::Payment {
        how = how.push(widgets::field(
            ctx,
            ctx.tr("agreement-account"),
            input(
                "agreement-account-hint",
                &o.account,
                OField::Account,
                format!("obligation_{i}_account"),
            ),
            None,
        ));
    }
    how = how.push(widgets::field(
        ctx,
        ctx.tr("agreement-place"),
        input(
            "agreement-place-hint",
            &o.place,
            OField::Place,
            format!("obligation_{i}_place"),
        ),
        None,
    ));
    col = col.push(how);
    if kind == ObligationKind::Payment {
        if !o.installments.is_empty() {
            // What each column of the instalment rows is.
            let label = |key: &str| {
                text(ctx.tr(key))
                    .size(ctx.sizes.small())
                    .style(theme::muted_text)
                    .width(Fill)
            };
            col = col.push(
                row![
                    iced::widget::space().width(110),
                    label("agreement-installment-due"),
                    label("agreement-installment-amount"),
                    iced::widget::space().width(64),
                ]
                .spacing(theme::TIGHT),
            );
        }
        for (k, (d, a)) in o.installments.iter().enumerate() {
            col = col.push(
                row![
                    text(ctx.tr_args("agreement-installment-n", &[("n", (k + 1).to_string())]))
                        .size(body)
                        .width(110),
                    text_input(&ctx.tr("hint-date-input"), d)
                        .style(crate::gui::theme::input)
                        .id(format!("obligation_{i}_installment_{k}_due"))
                        .size(body)
                        .on_input(move |s| Message::Installment(i, k, true, s)),
                    text_input(&ctx.tr("agreement-amount-hint"), a)
                        .style(crate::gui::theme::input)
                        .id(format!("obligation_{i}_installment_{k}_amount"))
                        .size(body)
                        .on_input(move |s| Message::Installment(i, k, false, s)),
                    small_button(
                        ctx,
                        "agreement-remove",
                        Some(Message::RemoveInstallment(i, k))
                    )
                    .style(button::danger),
                ]
                .spacing(theme::TIGHT)
                .align_y(Center),
            );
        }
        col = col.push(small_button(
            ctx,
            "agreement-add-installment",
            Some(Message::AddInstallment(i)),
        ));
    }
    container(col)
        .padding(theme::TIGHT)
        .width(Fill)
        .style(theme::stage_other)
        .into()
}
