//! Changes to a final agreement: a supplementary agreement or the record
//! of its rescission, each a new numbered document beside the agreement,
//! which itself stays as sealed. A rescission ends the agreement's open
//! follow-ups and their queued reminders in the same transaction, and
//! nothing more is recorded or paid against it after that.

use accord_core::{
    AuditAction, Choice,
    agreement::{AgreementStatus, Amendment, AmendmentKind, NewAmendment},
    followup::FollowUpState,
};
use accord_entity::{agreement, agreement_amendment as amendment, follow_up};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

use crate::{Actor, Result, Store, StoreError, convert::code, write::AuditEvent};

/// [`crate::write::Write::serialise`]'s lock for numbering an agreement's
/// amendments (the agreement's id is added).
const AMENDMENT_LOCK: i64 = 0x4143_414d_0000_0000;

fn from_model(m: amendment::Model) -> Result<Amendment> {
    Ok(Amendment {
        id: m.id,
        number: m.number,
        kind: code(&m.kind)?,
        text: m.text,
        agreed_on: m.agreed_on,
        recorded_at: m.recorded_at,
        recorded_by: m.recorded_by,
    })
}

async fn of_agreement(conn: &impl ConnectionTrait, agreement_id: i64) -> Result<Vec<Amendment>> {
    amendment::Entity::find()
        .filter(amendment::Column::AgreementId.eq(agreement_id))
        .order_by_asc(amendment::Column::Number)
        .all(conn)
        .await?
        .into_iter()
        .map(from_model)
        .collect()
}

/// Whether the case's agreement was rescinded (refuses payments after it).
pub(crate) async fn rescinded(conn: &impl ConnectionTrait, case_id: i64) -> Result<bool> {
    let Some(model) = agreement::Entity::find()
        .filter(agreement::Column::CaseId.eq(case_id))
        .one(conn)
        .await?
    else {
        return Ok(false);
    };
    Ok(amendment::Entity::find()
        .filter(amendment::Column::AgreementId.eq(model.id))
        .filter(amendment::Column::Kind.eq(AmendmentKind::Rescission.code()))
        .one(conn)
        .await?
        .is_some())
}

impl Store {
    /// The supplementary agreements and rescission of a case's agreement,
    /// in the order they were made.
    pub async fn amendments(&self, case_id: i64) -> Result<Vec<Amendment>> {
        let Some(model) = agreement::Entity::find()
            .filter(agreement::Column::CaseId.eq(case_id))
            .one(&self.db)
            .await?
        else {
            return Ok(Vec::new());
        };
        of_agreement(&self.db, model.id).await
    }

    /// Records a supplementary agreement or a rescission of the case's
    /// final agreement, numbered after the ones before. Refused unless the
    /// agreement is final, and after a rescission. A rescission cancels
    /// the open follow-ups and their queued reminders at once. Returns the
    /// new amendment and how many follow-ups ended.
    pub async fn record_amendment(
        &self,
        actor: &Actor,
        case_id: i64,
        new: &NewAmendment,
    ) -> Result<(Amendment, u64)> {
        new.validate(chrono::Local::now().date_naive())?;
        let change = self.write(actor).await?;
        let model = agreement::Entity::find()
            .filter(agreement::Column::CaseId.eq(case_id))
            .one(&*change)
            .await?
            .ok_or(StoreError::NotFound)?;
        let status: AgreementStatus = code(&model.status)?;
        if status != AgreementStatus::Final {
            return Err(StoreError::AgreementStatus(status));
        }
        change.serialise(AMENDMENT_LOCK + model.id).await?;
        let before = of_agreement(&*change, model.id).await?;
        if before.iter().any(|a| a.kind == AmendmentKind::Rescission) {
            return Err(StoreError::AgreementRescinded);
        }
        let number = before.last().map_or(1, |a| a.number + 1);
        let saved = amendment::ActiveModel {
            agreement_id: Set(model.id),
            number: Set(number),
            kind: Set(new.kind.code().to_owned()),
            text: Set(new.text.trim().to_owned()),
            agreed_on: Set(new.agreed_on),
            recorded_at: Set(crate::now()),
            recorded_by: Set(change.actor().name.clone()),
            ..Default::default()
        }
        .insert(&*change)
        .await?;
        let mut ended = 0;
        if new.kind == AmendmentKind::Rescission {
            let open: Vec<i64> = follow_up::Entity::find()
                .filter(follow_up::Column::CaseId.eq(case_id))
                .filter(follow_up::Column::State.eq(FollowUpState::Open.code()))
                .all(&*change)
                .await?
                .iter()
                .map(|f| f.id)
                .collect();
            ended = open.len() as u64;
            crate::followups::cancel_open_of(&*change, case_id).await?;
            crate::followups::cancel_queued(&*change, open).await?;
        }
        let amendment = from_model(saved)?;
        let action = match new.kind {
            AmendmentKind::Supplementary => AuditAction::AgreementSupplemented,
            AmendmentKind::Rescission => AuditAction::AgreementRescinded,
        };
        change
            .commit(AuditEvent::case(
                action,
                case_id,
                serde_json::json!({
                    "number": number,
                    "agreed_on": new.agreed_on.to_string(),
                    "follow_ups_ended": ended,
                }),
            ))
            .await?;
        Ok((amendment, ended))
    }
}
