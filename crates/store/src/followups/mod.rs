//! Follow-ups of final agreements: scheduling them when an agreement is
//! finalised, the Today list and calendar, marking one done, and desktop
//! notifications. Payments (`payments`), the email outbox (`outbox`) and
//! the return visit that closes the case (`return_visit`) are cut out by
//! concern.

use std::collections::HashMap;

use accord_core::{
    AuditAction, Choice,
    agreement::AgreementContent,
    followup::{FollowUp, FollowUpState, Paid, PlannedFollowUp, ScheduleSettings},
};
use accord_entity::{agreement, agreement_version, follow_up, payment};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::{Actor, Result, Store, StoreError, convert::code, write::AuditEvent};

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
    plan: &[PlannedFollowUp],
) -> Result<()> {
    cancel_open(case_id).exec(conn).await?;
    let to_i32 = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    let rows: Vec<follow_up::ActiveModel> = plan
        .iter()
        .map(|p| follow_up::ActiveModel {
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
        })
        .collect();
    for chunk in rows.chunks(200) {
        follow_up::Entity::insert_many(chunk.to_vec())
            .exec(conn)
            .await?;
    }
    Ok(())
}

impl Store {
    /// Open follow-ups due on or before `on`, most urgent (oldest) first.
    pub async fn due_followups(&self, on: NaiveDate, limit: u64) -> Result<Vec<FollowUp>> {
        let select = follow_up::Entity::find()
            .filter(follow_up::Column::State.eq(FollowUpState::Open.code()))
            .filter(follow_up::Column::DueOn.lte(on))
            .limit(limit);
        self.by_day(select).await
    }

    /// Every follow-up (for the calendar export), by day.
    pub async fn all_followups(&self, limit: u64) -> Result<Vec<FollowUp>> {
        self.by_day(follow_up::Entity::find().limit(limit)).await
    }

    /// All follow-ups of a case, by day.
    pub async fn case_followups(&self, case_id: i64) -> Result<Vec<FollowUp>> {
        let select = follow_up::Entity::find().filter(follow_up::Column::CaseId.eq(case_id));
        self.by_day(select).await
    }

    /// The selected follow-ups, by day (then as created), described.
    async fn by_day(&self, select: sea_orm::Select<follow_up::Entity>) -> Result<Vec<FollowUp>> {
        let rows = select
            .order_by_asc(follow_up::Column::DueOn)
            .order_by_asc(follow_up::Column::Id)
            .all(&self.db)
            .await?;
        self.describe(rows).await
    }

    /// Adds who, what and how much to follow-up rows: five indexed reads
    /// for the whole page, whatever the number of cases on it.
    async fn describe(&self, rows: Vec<follow_up::Model>) -> Result<Vec<FollowUp>> {
        use accord_entity::{case, party};
        let ids: Vec<i64> = {
            let mut ids: Vec<i64> = rows.iter().map(|r| r.case_id).collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let numbers: HashMap<i64, String> = case::Entity::find()
            .filter(case::Column::Id.is_in(ids.clone()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.number))
            .collect();
        let names: HashMap<i64, String> = party::Entity::find()
            .filter(party::Column::CaseId.is_in(ids.clone()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect();
        let agreements = agreement::Entity::find()
            .filter(agreement::Column::CaseId.is_in(ids.clone()))
            .all(&self.db)
            .await?;
        let finals: HashMap<i64, (i64, i32)> = agreements
            .iter()
            .filter_map(|a| a.final_version.map(|v| (a.id, (a.case_id, v))))
            .collect();
        let mut contents: HashMap<i64, AgreementContent> = HashMap::new();
        for v in agreement_version::Entity::find()
            .filter(agreement_version::Column::AgreementId.is_in(finals.keys().copied()))
            .all(&self.db)
            .await?
        {
            if let Some((case_id, number)) = finals.get(&v.agreement_id)
                && *number == v.number
            {
                let content = serde_json::from_str(&v.content)
                    .map_err(|e| StoreError::Database(e.to_string()))?;
                contents.insert(*case_id, content);
            }
        }
        let mut paid: HashMap<i64, Paid> = HashMap::new();
        for p in payment::Entity::find()
            .filter(payment::Column::CaseId.is_in(ids))
            .all(&self.db)
            .await?
        {
            if let Some((obligation, installment, minor)) = payments::paid_row(&p) {
                paid.entry(p.case_id)
                    .or_default()
                    .add(obligation, installment, minor);
            }
        }
        let nothing_paid = Paid::default();
        rows.into_iter()
            .map(|r| {
                let obligation = usize::try_from(r.obligation).unwrap_or_default();
                let installment = r.installment.and_then(|k| usize::try_from(k).ok());
                let o = contents
                    .get(&r.case_id)
                    .and_then(|c| c.obligations.get(obligation));
                let name = |id: Option<i64>| id.and_then(|id| names.get(&id)).cloned();
                let inst = o.and_then(|o| installment.and_then(|k| o.installments.get(k)));
                let balance = installment.zip(inst).map(|(k, i)| {
                    paid.get(&r.case_id)
                        .unwrap_or(&nothing_paid)
                        .balance(obligation, k, i)
                });
                Ok(FollowUp {
                    id: r.id,
                    case_id: r.case_id,
                    case_number: numbers.get(&r.case_id).cloned().unwrap_or_default(),
                    kind: code(&r.kind)?,
                    due_on: r.due_on,
                    state: code(&r.state)?,
                    obligation,
                    installment,
                    debtor: o.and_then(|o| name(Some(o.debtor))).unwrap_or_default(),
                    creditor: o.and_then(|o| name(o.creditor)),
                    description: o.map(|o| o.description.clone()).unwrap_or_default(),
                    balance,
                    deadline: inst.map(|i| i.due).or_else(|| o.and_then(|o| o.due)),
                    outcome: r.outcome,
                })
            })
            .collect()
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
        let model = follow_up::Entity::find_by_id(id)
            .one(&*change)
            .await?
            .ok_or(StoreError::NotFound)?;
        // Done or cancelled meanwhile (e.g. in another room on the shared
        // database): their outcome stays; this one is refused.
        if model.state != FollowUpState::Open.code() {
            return Err(StoreError::Conflict);
        }
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
        let done = follow_up::Entity::update_many()
            .col_expr(
                follow_up::Column::State,
                Expr::value(FollowUpState::Done.code()),
            )
            .col_expr(follow_up::Column::Outcome, Expr::value(outcome.trim()))
            .col_expr(follow_up::Column::DoneAt, Expr::value(crate::now()))
            .col_expr(follow_up::Column::DoneBy, Expr::value(actor.name.as_str()))
            .filter(follow_up::Column::Id.eq(id))
            .filter(follow_up::Column::State.eq(FollowUpState::Open.code()))
            .exec(&*change)
            .await?;
        if done.rows_affected != 1 {
            return Err(StoreError::Conflict);
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
        let rows = follow_up::Entity::find()
            .filter(follow_up::Column::State.eq(FollowUpState::Open.code()))
            .filter(follow_up::Column::DueOn.lte(on))
            .filter(follow_up::Column::NotifiedAt.is_null())
            .order_by_asc(follow_up::Column::DueOn)
            .limit(limit)
            .all(&self.db)
            .await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        // Not audited: a desktop notification shown is bookkeeping of this
        // program, not a change a user made to the case.
        follow_up::Entity::update_many()
            .col_expr(follow_up::Column::NotifiedAt, Expr::value(crate::now()))
            .filter(follow_up::Column::Id.is_in(ids))
            .exec(&self.db)
            .await?;
        self.describe(rows).await
    }
}
