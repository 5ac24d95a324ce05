//! Follow-ups of final agreements, payments against instalments, the email
//! outbox and the return visit.

use std::collections::HashMap;

use accord_core::{
    AuditAction, Case, Choice, Money, ValidationError,
    agreement::{AgreementContent, ObligationKind},
    followup::{
        Balance, FollowUpKind, FollowUpState, PlannedFollowUp, Satisfaction, ScheduleSettings,
    },
};
use accord_entity::{agreement, agreement_version, evaluation, follow_up, outbox, payment};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{Actor, Result, Store, StoreError, audit, convert::code};

/// The setting with the number of days a reminder comes before a due date.
pub const REMINDER_DAYS: &str = "reminder_days";

/// A follow-up as the Today list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    pub id: i64,
    pub case_id: i64,
    pub case_number: String,
    pub kind: FollowUpKind,
    pub due_on: NaiveDate,
    pub state: FollowUpState,
    pub obligation: usize,
    pub installment: Option<usize>,
    /// Who must perform, and for whom.
    pub debtor: String,
    pub creditor: Option<String>,
    pub description: String,
    /// For a payment instalment: what is due and what is paid so far.
    pub balance: Option<Balance>,
    /// When the instalment (or act) itself falls due.
    pub deadline: Option<NaiveDate>,
    pub outcome: Option<String>,
}

/// An instalment (or act) of a final agreement with what has been paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstallmentStatus {
    pub obligation: usize,
    pub installment: Option<usize>,
    pub kind: ObligationKind,
    pub debtor: String,
    pub creditor: Option<String>,
    pub description: String,
    pub due: Option<NaiveDate>,
    pub balance: Option<Balance>,
}

/// A payment to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayment {
    pub obligation: usize,
    pub installment: usize,
    pub amount: Money,
    pub paid_on: NaiveDate,
    pub method: String,
    pub evidence: String,
}

/// An email to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEmail {
    pub case_id: Option<i64>,
    pub follow_up_id: Option<i64>,
    /// "agreement" or "reminder".
    pub purpose: String,
    pub to_name: String,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub attachment: Option<(String, Vec<u8>)>,
    /// Not to be sent before this time.
    pub not_before: DateTime<Utc>,
}

/// A queued or sent email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: i64,
    pub message_id: String,
    pub case_id: Option<i64>,
    pub purpose: String,
    pub to_name: String,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub attachment: Option<(String, Vec<u8>)>,
    /// "queued", "sent", "failed" or "cancelled".
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

fn message_from(m: outbox::Model) -> OutboxMessage {
    OutboxMessage {
        id: m.id,
        message_id: m.message_id,
        case_id: m.case_id,
        purpose: m.purpose,
        to_name: m.to_name,
        to_address: m.to_address,
        subject: m.subject,
        body: m.body,
        attachment: m.attachment_name.zip(m.attachment),
        state: m.state,
        attempts: m.attempts,
        next_attempt_at: m.next_attempt_at,
        last_error: m.last_error,
        created_at: m.created_at,
        sent_at: m.sent_at,
    }
}

/// Inserts an email into the outbox inside the caller's transaction, with
/// a Message-ID fixed now so that a resend can never look like a new mail.
pub(crate) async fn queue(conn: &impl ConnectionTrait, email: &NewEmail) -> Result<i64> {
    let now = crate::now();
    let mut h = Sha256::new();
    h.update(email.purpose.as_bytes());
    h.update(email.to_address.as_bytes());
    h.update(email.subject.as_bytes());
    h.update(now.timestamp_nanos_opt().unwrap_or_default().to_le_bytes());
    h.update(email.case_id.unwrap_or_default().to_le_bytes());
    h.update(email.follow_up_id.unwrap_or_default().to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    let tag: String = h.finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let (name, bytes) = email.attachment.clone().unzip();
    let model = outbox::ActiveModel {
        message_id: Set(format!("<{tag}.{}@accord.invalid>", email.purpose)),
        case_id: Set(email.case_id),
        follow_up_id: Set(email.follow_up_id),
        purpose: Set(email.purpose.clone()),
        to_name: Set(email.to_name.clone()),
        to_address: Set(email.to_address.clone()),
        subject: Set(email.subject.clone()),
        body: Set(email.body.clone()),
        attachment_name: Set(name),
        attachment: Set(bytes),
        state: Set("queued".into()),
        attempts: Set(0),
        not_before: Set(crate::ms(email.not_before)),
        next_attempt_at: Set(crate::ms(email.not_before)),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(model.id)
}

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
            sea_orm::sea_query::Expr::value(FollowUpState::Cancelled.code()),
        )
        .filter(follow_up::Column::CaseId.eq(case_id))
        .filter(follow_up::Column::State.eq(FollowUpState::Open.code()))
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

/// The final content of a case's agreement, if it is final.
async fn final_content(
    conn: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Option<(i32, AgreementContent)>> {
    let Some(model) = agreement::Entity::find()
        .filter(agreement::Column::CaseId.eq(case_id))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let Some(version) = model.final_version else {
        return Ok(None);
    };
    let Some(v) = agreement_version::Entity::find()
        .filter(agreement_version::Column::AgreementId.eq(model.id))
        .filter(agreement_version::Column::Number.eq(version))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let content =
        serde_json::from_str(&v.content).map_err(|e| StoreError::Database(e.to_string()))?;
    Ok(Some((version, content)))
}

/// Paid so far per (obligation, instalment) of a case.
async fn paid(conn: &impl ConnectionTrait, case_id: i64) -> Result<HashMap<(i32, i32), i64>> {
    let mut out = HashMap::new();
    for p in payment::Entity::find()
        .filter(payment::Column::CaseId.eq(case_id))
        .all(conn)
        .await?
    {
        *out.entry((p.obligation, p.installment)).or_insert(0) += p.amount_minor;
    }
    Ok(out)
}

fn name(case: &Case, id: Option<i64>) -> Option<String> {
    id.and_then(|id| case.parties.iter().find(|p| p.id == id))
        .map(|p| p.name.clone())
}

/// Every instalment and act of a final agreement with its balance.
fn statuses(
    case: &Case,
    content: &AgreementContent,
    paid: &HashMap<(i32, i32), i64>,
) -> Vec<InstallmentStatus> {
    let mut out = Vec::new();
    for (i, o) in content.obligations.iter().enumerate() {
        let base = |installment, due, balance| InstallmentStatus {
            obligation: i,
            installment,
            kind: o.kind,
            debtor: name(case, Some(o.debtor)).unwrap_or_default(),
            creditor: name(case, o.creditor),
            description: o.description.clone(),
            due,
            balance,
        };
        match o.kind {
            ObligationKind::Act => out.push(base(None, o.due, None)),
            ObligationKind::Payment => {
                for (k, inst) in o.installments.iter().enumerate() {
                    let key = (
                        i32::try_from(i).unwrap_or_default(),
                        i32::try_from(k).unwrap_or_default(),
                    );
                    let balance = Balance {
                        due: inst.amount,
                        paid: Money {
                            minor: paid.get(&key).copied().unwrap_or(0),
                            currency: inst.amount.currency,
                        },
                    };
                    out.push(base(Some(k), Some(inst.due), Some(balance)));
                }
            }
        }
    }
    out
}

impl Store {
    /// Open follow-ups due on or before `on`, most urgent (oldest) first.
    pub async fn due_followups(&self, on: NaiveDate, limit: u64) -> Result<Vec<FollowUp>> {
        let rows = follow_up::Entity::find()
            .filter(follow_up::Column::State.eq(FollowUpState::Open.code()))
            .filter(follow_up::Column::DueOn.lte(on))
            .order_by_asc(follow_up::Column::DueOn)
            .order_by_asc(follow_up::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await?;
        self.describe(rows).await
    }

    /// Every follow-up (for the calendar export), by day.
    pub async fn all_followups(&self, limit: u64) -> Result<Vec<FollowUp>> {
        let rows = follow_up::Entity::find()
            .order_by_asc(follow_up::Column::DueOn)
            .order_by_asc(follow_up::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await?;
        self.describe(rows).await
    }

    /// All follow-ups of a case, by day.
    pub async fn case_followups(&self, case_id: i64) -> Result<Vec<FollowUp>> {
        let rows = follow_up::Entity::find()
            .filter(follow_up::Column::CaseId.eq(case_id))
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
        let mut paid: HashMap<(i64, i32, i32), i64> = HashMap::new();
        for p in payment::Entity::find()
            .filter(payment::Column::CaseId.is_in(ids))
            .all(&self.db)
            .await?
        {
            *paid
                .entry((p.case_id, p.obligation, p.installment))
                .or_insert(0) += p.amount_minor;
        }
        rows.into_iter()
            .map(|r| {
                let obligation = usize::try_from(r.obligation).unwrap_or_default();
                let installment = r.installment.and_then(|k| usize::try_from(k).ok());
                let o = contents
                    .get(&r.case_id)
                    .and_then(|c| c.obligations.get(obligation));
                let name = |id: Option<i64>| id.and_then(|id| names.get(&id)).cloned();
                let inst = o.and_then(|o| installment.and_then(|k| o.installments.get(k)));
                let balance = inst.map(|i| Balance {
                    due: i.amount,
                    paid: Money {
                        minor: paid
                            .get(&(r.case_id, r.obligation, r.installment.unwrap_or_default()))
                            .copied()
                            .unwrap_or(0),
                        currency: i.amount.currency,
                    },
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
        let txn = self.write_txn().await?;
        let model = follow_up::Entity::find_by_id(id)
            .one(&txn)
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
            same.exec(&txn).await?;
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
            .exec(&txn)
            .await?;
        if done.rows_affected != 1 {
            return Err(StoreError::Conflict);
        }
        audit::record(
            &txn,
            actor,
            AuditAction::FollowUpDone,
            Some(case_id),
            serde_json::json!({
                "follow_up": id,
                "kind": kind,
                "outcome": outcome.trim(),
                "performed": performed,
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Every instalment and act of the case's final agreement with what is
    /// paid.
    pub async fn performance(&self, case_id: i64) -> Result<Vec<InstallmentStatus>> {
        let Some((_, content)) = final_content(&self.db, case_id).await? else {
            return Ok(Vec::new());
        };
        let case = self.case(case_id).await?;
        Ok(statuses(&case, &content, &paid(&self.db, case_id).await?))
    }

    /// Records a payment against an instalment. An instalment paid in full
    /// needs no more follow-ups (nor reminder emails): they are cancelled.
    /// A payment larger than what remains is refused.
    pub async fn record_payment(
        &self,
        actor: &Actor,
        case_id: i64,
        new: &NewPayment,
    ) -> Result<Vec<InstallmentStatus>> {
        if new.amount.minor <= 0 {
            return Err(StoreError::Invalid(ValidationError::Amount));
        }
        let case = self.case(case_id).await?;
        let txn = self.write_txn().await?;
        let (_, content) = final_content(&txn, case_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let before = statuses(&case, &content, &paid(&txn, case_id).await?);
        let status = before
            .iter()
            .find(|s| s.obligation == new.obligation && s.installment == Some(new.installment))
            .ok_or(StoreError::NotFound)?;
        let balance = status.balance.ok_or(StoreError::NotFound)?;
        if new.amount.minor > balance.remaining().minor {
            return Err(StoreError::Invalid(ValidationError::PaymentTooLarge));
        }
        let (o, k) = (
            i32::try_from(new.obligation).unwrap_or_default(),
            i32::try_from(new.installment).unwrap_or_default(),
        );
        payment::ActiveModel {
            case_id: Set(case_id),
            obligation: Set(o),
            installment: Set(k),
            amount_minor: Set(new.amount.minor),
            currency: Set(new.amount.currency.code().to_owned()),
            paid_on: Set(new.paid_on),
            method: Set(new.method.trim().to_owned()),
            evidence: Set(new.evidence.trim().to_owned()),
            recorded_at: Set(crate::now()),
            recorded_by: Set(actor.name.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let remaining = balance.remaining().minor - new.amount.minor;
        if remaining == 0 {
            let open = follow_up::Entity::find()
                .filter(follow_up::Column::CaseId.eq(case_id))
                .filter(follow_up::Column::Obligation.eq(o))
                .filter(follow_up::Column::Installment.eq(k))
                .filter(follow_up::Column::State.eq(FollowUpState::Open.code()))
                .all(&txn)
                .await?;
            let ids: Vec<i64> = open.iter().map(|f| f.id).collect();
            cancel_open(case_id)
                .filter(follow_up::Column::Id.is_in(ids.clone()))
                .exec(&txn)
                .await?;
            outbox::Entity::update_many()
                .col_expr(
                    outbox::Column::State,
                    sea_orm::sea_query::Expr::value("cancelled"),
                )
                .filter(outbox::Column::FollowUpId.is_in(ids))
                .filter(outbox::Column::State.eq("queued"))
                .exec(&txn)
                .await?;
        }
        audit::record(
            &txn,
            actor,
            AuditAction::PaymentRecorded,
            Some(case_id),
            serde_json::json!({
                "obligation": new.obligation + 1,
                "installment": new.installment + 1,
                "amount_minor": new.amount.minor,
                "paid_on": new.paid_on,
                "method": new.method.trim(),
                "remaining_minor": remaining,
            }),
        )
        .await?;
        txn.commit().await?;
        self.performance(case_id).await
    }

    /// The return visit: satisfaction recorded and the case closed. Only
    /// when every instalment is paid in full.
    pub async fn record_return_visit(
        &self,
        actor: &Actor,
        case_id: i64,
        visited_on: NaiveDate,
        satisfaction: Satisfaction,
        note: &str,
    ) -> Result<Case> {
        let unpaid = self
            .performance(case_id)
            .await?
            .iter()
            .any(|s| s.balance.is_some_and(|b| !b.is_paid()));
        if unpaid {
            return Err(StoreError::Invalid(ValidationError::NotFullyPaid));
        }
        let case = self.case(case_id).await?;
        {
            let txn = self.write_txn().await?;
            evaluation::ActiveModel {
                case_id: Set(case_id),
                visited_on: Set(visited_on),
                satisfaction: Set(satisfaction.code().to_owned()),
                note: Set(note.trim().to_owned()),
                recorded_at: Set(crate::now()),
                recorded_by: Set(actor.name.clone()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            cancel_open(case_id).exec(&txn).await?;
            audit::record(
                &txn,
                actor,
                AuditAction::ReturnVisit,
                Some(case_id),
                serde_json::json!({ "satisfaction": satisfaction.code(), "visited_on": visited_on }),
            )
            .await?;
            txn.commit().await?;
        }
        let mut case = case;
        use accord_core::CaseStatus::{Assigned, Closed, InMediation, Settled};
        for next in [Assigned, InMediation, Settled, Closed] {
            if case.status.can_become(next) {
                case = self
                    .change_status(actor, case_id, case.version, next)
                    .await?;
            }
        }
        Ok(case)
    }

    /// Queues emails (e.g. reminders that fell due), each in its own row;
    /// a follow-up that already has a message of that purpose gets none.
    pub async fn queue_emails(&self, emails: &[NewEmail]) -> Result<usize> {
        let txn = self.write_txn().await?;
        let mut queued = 0;
        for email in emails {
            if let Some(f) = email.follow_up_id {
                let exists = outbox::Entity::find()
                    .filter(outbox::Column::FollowUpId.eq(f))
                    .filter(outbox::Column::Purpose.eq(email.purpose.as_str()))
                    .filter(outbox::Column::ToAddress.eq(email.to_address.as_str()))
                    .one(&txn)
                    .await?
                    .is_some();
                if exists {
                    continue;
                }
            }
            queue(&txn, email).await?;
            queued += 1;
        }
        txn.commit().await?;
        Ok(queued)
    }

    /// Messages ready to go now.
    pub async fn sendable(&self, now: DateTime<Utc>, limit: u64) -> Result<Vec<OutboxMessage>> {
        Ok(outbox::Entity::find()
            .filter(outbox::Column::State.eq("queued"))
            .filter(outbox::Column::NextAttemptAt.lte(now))
            .order_by_asc(outbox::Column::NextAttemptAt)
            .order_by_asc(outbox::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await?
            .into_iter()
            .map(message_from)
            .collect())
    }

    /// Takes up to `limit` due messages for this sender to deliver. Each is
    /// held for `lease` (its next attempt moves that far ahead), so when
    /// several rooms share the database only one of them sends a message;
    /// if that room stops before reporting, the message is due again after
    /// the lease.
    pub async fn claim_sendable(
        &self,
        now: DateTime<Utc>,
        limit: u64,
        lease: chrono::Duration,
    ) -> Result<Vec<OutboxMessage>> {
        let mut claimed = Vec::new();
        for m in self.sendable(now, limit).await? {
            let taken = outbox::Entity::update_many()
                .col_expr(
                    outbox::Column::NextAttemptAt,
                    sea_orm::sea_query::Expr::value(crate::ms(now + lease)),
                )
                .filter(outbox::Column::Id.eq(m.id))
                .filter(outbox::Column::State.eq("queued"))
                .filter(outbox::Column::NextAttemptAt.eq(m.next_attempt_at))
                .exec(&self.db)
                .await?;
            if taken.rows_affected == 1 {
                claimed.push(m);
            }
        }
        Ok(claimed)
    }

    /// The outbox, newest first.
    pub async fn outbox(&self, limit: u64) -> Result<Vec<OutboxMessage>> {
        Ok(outbox::Entity::find()
            .order_by_desc(outbox::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await?
            .into_iter()
            .map(message_from)
            .collect())
    }

    /// The server accepted the message.
    pub async fn mark_sent(&self, id: i64) -> Result<()> {
        outbox::Entity::update_many()
            .col_expr(
                outbox::Column::State,
                sea_orm::sea_query::Expr::value("sent"),
            )
            .col_expr(
                outbox::Column::SentAt,
                sea_orm::sea_query::Expr::value(crate::now()),
            )
            .col_expr(
                outbox::Column::LastError,
                sea_orm::sea_query::Expr::value(Option::<String>::None),
            )
            .filter(outbox::Column::Id.eq(id))
            .filter(outbox::Column::State.eq("queued"))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// A failed attempt: try again at `next` (transient) or give up.
    pub async fn mark_attempt_failed(
        &self,
        id: i64,
        error: &str,
        next: Option<DateTime<Utc>>,
    ) -> Result<()> {
        let model = outbox::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        let attempts = model.attempts + 1;
        let mut active: outbox::ActiveModel = model.into();
        active.attempts = Set(attempts);
        active.last_error = Set(Some(error.to_owned()));
        match next {
            Some(at) => active.next_attempt_at = Set(crate::ms(at)),
            None => active.state = Set("failed".into()),
        }
        active.update(&self.db).await?;
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
        follow_up::Entity::update_many()
            .col_expr(
                follow_up::Column::NotifiedAt,
                sea_orm::sea_query::Expr::value(crate::now()),
            )
            .filter(follow_up::Column::Id.is_in(ids))
            .exec(&self.db)
            .await?;
        self.describe(rows).await
    }
}
