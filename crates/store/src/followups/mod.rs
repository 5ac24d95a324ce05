//! Follow-ups of final agreements: scheduling them when an agreement is
//! finalised, the Today list and calendar, marking one done, and desktop
//! notifications. Payments (`payments`), the email outbox (`outbox`) and
//! the return visit that closes the case (`return_visit`) are cut out by
//! concern.

use accord_core::{
    AuditAction, Choice, Money,
    agreement::AgreementContent,
    followup::{Balance, FollowUp, FollowUpState, PlannedFollowUp, ScheduleSettings},
};
use accord_entity::follow_up;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::{Actor, Result, Store, StoreError, convert::code, reads::Param, write::AuditEvent};

mod outbox;
mod payments;
mod return_visit;

pub use outbox::{NewEmail, OutboxMessage, states as outbox_states};
pub(crate) use outbox::{cancel_queued, queue};
pub use payments::NewPayment;
pub use return_visit::VisitRecord;

/// The setting with the number of days a reminder comes before a due date.
pub const REMINDER_DAYS: &str = "reminder_days";

/// The reminder setting, or the default.
pub(crate) async fn settings(conn: &impl ConnectionTrait) -> Result<ScheduleSettings> {
    let days = accord_entity::setting::Entity::find_by_id(REMINDER_DAYS.to_owned())
        .one(conn)
        .await?
        .and_then(|s| s.value.trim().parse().ok());
    Ok(ScheduleSettings {
        reminder_days: days.unwrap_or(ScheduleSettings::default().reminder_days),
        ..ScheduleSettings::default()
    })
}

/// Cancels a case's open follow-ups (narrowed further by the caller):
/// the one way a follow-up stops being needed.
fn cancel_open(case_id: i64) -> sea_orm::UpdateMany<follow_up::Entity> {
    follow_up::Entity::update_many()
        .col_expr(
            follow_up::Column::State,
            Expr::value(FollowUpState::Cancelled.code()),
        )
        .filter(follow_up::Column::CaseId.eq(case_id))
        .filter(follow_up::Column::State.eq(FollowUpState::Open.code()))
}

/// Cancels every open follow-up of a case (its agreement was rescinded).
pub(crate) async fn cancel_open_of(conn: &impl ConnectionTrait, case_id: i64) -> Result<()> {
    cancel_open(case_id).exec(conn).await?;
    Ok(())
}

/// Stores the follow-ups of a final version (inside the finalising
/// transaction). Follow-ups of an earlier final version that are still
/// open are cancelled: the new version replaces them.
pub(crate) async fn schedule(
    conn: &impl ConnectionTrait,
    case_id: i64,
    version: i32,
    content: &AgreementContent,
    plan: &[PlannedFollowUp],
) -> Result<()> {
    cancel_open(case_id).exec(conn).await?;
    let paid = payments::paid(conn, case_id).await?;
    let to_i32 = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    let rows: Vec<follow_up::ActiveModel> = plan
        .iter()
        .map(|p| {
            let o = content.obligations.get(p.obligation);
            let inst = o.and_then(|o| p.installment.and_then(|k| o.installments.get(k)));
            let balance = p
                .installment
                .zip(inst)
                .map(|(k, i)| paid.balance(p.obligation, k, i));
            follow_up::ActiveModel {
                debtor_id: Set(o.map(|o| o.debtor)),
                creditor_id: Set(o.and_then(|o| o.creditor)),
                description: Set(o.map(|o| o.description.clone())),
                deadline: Set(inst.map(|i| i.due).or_else(|| o.and_then(|o| o.due))),
                due_minor: Set(balance.map(|b| b.due.minor)),
                due_currency: Set(balance.map(|b| b.due.currency.code().to_owned())),
                paid_minor: Set(balance.map_or(0, |b| b.paid.minor)),
                case_id: Set(case_id),
                agreement_version: Set(version),
                obligation: Set(to_i32(p.obligation)),
                installment: Set(p.installment.map(to_i32)),
                kind: Set(p.kind.code().to_owned()),
                due_on: Set(p.due_on),
                state: Set(FollowUpState::Open.code().to_owned()),
                outcome: Set(None),
                done_at: Set(None),
                done_by: Set(None),
                notified_at: Set(None),
                ..Default::default()
            }
        })
        .collect();
    for chunk in rows.chunks(200) {
        follow_up::Entity::insert_many(chunk.to_vec())
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// The follow-ups the condition picks, by day (then as created), with
/// who owes what and what remains: one statement (see `crate::reads`).
async fn followups_where(
    store: &Store,
    condition: &str,
    mut params: Vec<Param>,
    limit: u64,
) -> Result<Vec<FollowUp>> {
    let sql = format!(
        "SELECT f.id, f.case_id, c.number, f.kind, f.due_on, f.state, f.obligation, \
         f.installment, d.name, w.name, f.description, f.deadline, f.due_minor, \
         f.due_currency, f.paid_minor, f.outcome \
         FROM follow_ups f JOIN cases c ON c.id = f.case_id \
         LEFT JOIN parties d ON d.id = f.debtor_id \
         LEFT JOIN parties w ON w.id = f.creditor_id \
         WHERE {condition} ORDER BY f.due_on, f.id LIMIT ?"
    );
    params.push(i64::try_from(limit).unwrap_or(i64::MAX).into());
    store
        .read(&sql, &params, |r| {
            let index = |n: Option<i64>| n.and_then(|n| usize::try_from(n).ok());
            let balance = match (r.opt_int(12)?, r.opt_text(13)?) {
                (Some(due), Some(currency)) => {
                    let currency = code(&currency)?;
                    Some(Balance {
                        due: Money::new(due, currency),
                        paid: Money::new(r.int(14)?, currency),
                    })
                }
                _ => None,
            };
            Ok(FollowUp {
                id: r.int(0)?,
                case_id: r.int(1)?,
                case_number: r.text(2)?,
                kind: code(&r.text(3)?)?,
                due_on: r.date(4)?,
                state: code(&r.text(5)?)?,
                obligation: index(Some(r.int(6)?)).unwrap_or_default(),
                installment: index(r.opt_int(7)?),
                debtor: r.opt_text(8)?.unwrap_or_default(),
                creditor: r.opt_text(9)?,
                description: r.opt_text(10)?.unwrap_or_default(),
                deadline: r.opt_date(11)?,
                balance,
                outcome: r.opt_text(15)?,
            })
        })
        .await
}

impl Store {
    /// Open follow-ups due on or before `on`, most urgent (oldest) first.
    pub async fn due_followups(&self, on: NaiveDate, limit: u64) -> Result<Vec<FollowUp>> {
        followups_where(
            self,
            "f.state = ? AND f.due_on <= ?",
            vec![FollowUpState::Open.code().into(), on.into()],
            limit,
        )
        .await
    }

    /// Every follow-up (for the calendar export), by day.
    pub async fn all_followups(&self, limit: u64) -> Result<Vec<FollowUp>> {
        followups_where(self, "1 = 1", Vec::new(), limit).await
    }

    /// All follow-ups of a case, by day.
    pub async fn case_followups(&self, case_id: i64) -> Result<Vec<FollowUp>> {
        followups_where(self, "f.case_id = ?", vec![case_id.into()], u64::MAX >> 2).await
    }

    /// Marks a follow-up done with what came of it. `performed` says the
    /// obligation (or instalment) it concerns was performed: its other open
    /// follow-ups are then cancelled.
    pub async fn complete_followup(
        &self,
        actor: &Actor,
        id: i64,
        outcome: &str,
        performed: bool,
    ) -> Result<()> {
        let change = self.write(actor).await?;
        // Marked done only while open, and read back by the same statement
        // (one round trip where a read and an update were two).
        let model = follow_up::Entity::update_many()
            .col_expr(
                follow_up::Column::State,
                Expr::value(FollowUpState::Done.code()),
            )
            .col_expr(follow_up::Column::Outcome, Expr::value(outcome.trim()))
            .col_expr(follow_up::Column::DoneAt, Expr::value(crate::now()))
            .col_expr(follow_up::Column::DoneBy, Expr::value(actor.name.as_str()))
            .filter(follow_up::Column::Id.eq(id))
            .filter(follow_up::Column::State.eq(FollowUpState::Open.code()))
            .exec_with_returning(&*change)
            .await?
            .into_iter()
            .next();
        let Some(model) = model else {
            // Done or cancelled meanwhile (e.g. in another room on the
            // shared database): their outcome stays; this one is refused.
            return Err(
                match follow_up::Entity::find_by_id(id).one(&*change).await? {
                    Some(_) => StoreError::Conflict,
                    None => StoreError::NotFound,
                },
            );
        };
        let case_id = model.case_id;
        let kind = model.kind.clone();
        if performed {
            let mut same = cancel_open(case_id)
                .filter(follow_up::Column::Obligation.eq(model.obligation))
                .filter(follow_up::Column::Id.ne(id));
            same = match model.installment {
                Some(k) => same.filter(follow_up::Column::Installment.eq(k)),
                None => same.filter(follow_up::Column::Installment.is_null()),
            };
            same.exec(&*change).await?;
        }
        // The outcome is kept with the follow-up, not copied into the
        // audit log: it may repeat what a party said.
        change
            .commit(AuditEvent::case(
                AuditAction::FollowUpDone,
                case_id,
                serde_json::json!({
                    "follow_up": id,
                    "kind": kind,
                    "performed": performed,
                }),
            ))
            .await?;
        Ok(())
    }

    /// Follow-ups due by `on` that have not been notified on the desktop;
    /// marks them notified.
    pub async fn take_unnotified(&self, on: NaiveDate, limit: u64) -> Result<Vec<FollowUp>> {
        let rows = followups_where(
            self,
            "f.state = ? AND f.due_on <= ? AND f.notified_at IS NULL",
            vec![FollowUpState::Open.code().into(), on.into()],
            limit,
        )
        .await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        // Not audited: a desktop notification shown is bookkeeping of this
        // program, not a change a user made to the case.
        follow_up::Entity::update_many()
            .col_expr(follow_up::Column::NotifiedAt, Expr::value(crate::now()))
            .filter(follow_up::Column::Id.is_in(ids))
            .exec(&self.db)
            .await?;
        Ok(rows)
    }
}
