//! Payments against the instalments of a final agreement and the state of
//! every instalment. The arithmetic (what is paid, what remains, whether a
//! payment fits) is `accord_core::followup`'s; this reads and writes the
//! rows.

use accord_core::{
    AuditAction, Choice, Money, ValidationError,
    agreement::AgreementContent,
    followup::{FollowUpState, InstallmentStatus, Paid, performance},
};
use accord_entity::{agreement, agreement_version, follow_up, payment};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

use super::{cancel_open, outbox};
use crate::{Actor, Result, Store, StoreError, write::AuditEvent};

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

/// A stored payment as (obligation, instalment, amount) for [`Paid`].
pub(super) fn paid_row(p: &payment::Model) -> Option<(usize, usize, i64)> {
    Some((
        usize::try_from(p.obligation).ok()?,
        usize::try_from(p.installment).ok()?,
        p.amount_minor,
    ))
}

/// What is paid so far against the instalments of a case.
pub(super) async fn paid(conn: &impl ConnectionTrait, case_id: i64) -> Result<Paid> {
    Ok(payment::Entity::find()
        .filter(payment::Column::CaseId.eq(case_id))
        .all(conn)
        .await?
        .iter()
        .filter_map(paid_row)
        .collect())
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

impl Store {
    /// Every instalment and act of the case's final agreement with what is
    /// paid.
    pub async fn performance(&self, case_id: i64) -> Result<Vec<InstallmentStatus>> {
        let Some((_, content)) = final_content(&self.db, case_id).await? else {
            return Ok(Vec::new());
        };
        let case = self.case(case_id).await?;
        Ok(performance(
            &case,
            &content,
            &paid(&self.db, case_id).await?,
        ))
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
        // Refused before anything is read.
        if new.amount.minor <= 0 {
            return Err(StoreError::Invalid(ValidationError::Amount));
        }
        let case = self.case(case_id).await?;
        let change = self.write(actor).await?;
        if crate::amendments::rescinded(&*change, case_id).await? {
            return Err(StoreError::AgreementRescinded);
        }
        let (_, content) = final_content(&*change, case_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let before = performance(&case, &content, &paid(&*change, case_id).await?);
        let status = before
            .iter()
            .find(|s| s.obligation == new.obligation && s.installment == Some(new.installment))
            .ok_or(StoreError::NotFound)?;
        let after = status
            .balance
            .ok_or(StoreError::NotFound)?
            .after_paying(new.amount)?;
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
        .insert(&*change)
        .await?;
        // What the Today page shows of this instalment moves with it.
        follow_up::Entity::update_many()
            .col_expr(
                follow_up::Column::PaidMinor,
                sea_orm::ExprTrait::add(
                    sea_orm::sea_query::Expr::col(follow_up::Column::PaidMinor),
                    new.amount.minor,
                ),
            )
            .filter(follow_up::Column::CaseId.eq(case_id))
            .filter(follow_up::Column::Obligation.eq(o))
            .filter(follow_up::Column::Installment.eq(k))
            .exec(&*change)
            .await?;
        if after.is_paid() {
            let open = follow_up::Entity::find()
                .filter(follow_up::Column::CaseId.eq(case_id))
                .filter(follow_up::Column::Obligation.eq(o))
                .filter(follow_up::Column::Installment.eq(k))
                .filter(follow_up::Column::State.eq(FollowUpState::Open.code()))
                .all(&*change)
                .await?;
            let ids: Vec<i64> = open.iter().map(|f| f.id).collect();
            cancel_open(case_id)
                .filter(follow_up::Column::Id.is_in(ids.clone()))
                .exec(&*change)
                .await?;
            outbox::cancel_queued(&*change, ids).await?;
        }
        change
            .commit(AuditEvent::case(
                AuditAction::PaymentRecorded,
                case_id,
                serde_json::json!({
                    "obligation": new.obligation + 1,
                    "installment": new.installment + 1,
                    "amount_minor": new.amount.minor,
                    "paid_on": new.paid_on,
                    "method": new.method.trim(),
                    "remaining_minor": after.remaining().minor,
                }),
            ))
            .await?;
        self.performance(case_id).await
    }
}
