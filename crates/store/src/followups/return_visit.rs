//! The return visit that ends performance supervision: the parties'
//! satisfaction is recorded, the remaining follow-ups are cancelled and the
//! case is closed, all in one transaction. Only once every instalment is
//! paid in full.

use accord_core::{
    AuditAction, Case, Choice, ValidationError,
    followup::{Satisfaction, all_paid},
};
use accord_entity::evaluation;
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

use super::cancel_open;
use crate::{Actor, Result, Store, StoreError, write::AuditEvent};

impl Store {
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
        // The visit and every step to closed stand or fall together.
        let all = self.all_or_nothing().await?;
        if !all_paid(&all.performance(case_id).await?) {
            return Err(StoreError::Invalid(ValidationError::NotFullyPaid));
        }
        let mut case = all.case(case_id).await?;
        let change = all.write(actor).await?;
        evaluation::ActiveModel {
            case_id: Set(case_id),
            visited_on: Set(visited_on),
            satisfaction: Set(satisfaction.code().to_owned()),
            note: Set(note.trim().to_owned()),
            recorded_at: Set(crate::now()),
            recorded_by: Set(actor.name.clone()),
            ..Default::default()
        }
        .insert(&*change)
        .await?;
        cancel_open(case_id).exec(&*change).await?;
        change
            .commit(AuditEvent::case(
                AuditAction::ReturnVisit,
                case_id,
                serde_json::json!({ "satisfaction": satisfaction.code(), "visited_on": visited_on }),
            ))
            .await?;
        // Each step of the way to closed is its own audited change.
        use accord_core::CaseStatus::{Assigned, Closed, InMediation, Settled};
        for next in [Assigned, InMediation, Settled, Closed] {
            if case.status.can_become(next) {
                case = all
                    .change_status(actor, case_id, case.version, next)
                    .await?;
            }
        }
        all.commit().await?;
        Ok(case)
    }
}

/// A return visit as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRecord {
    pub visited_on: NaiveDate,
    pub satisfaction: Satisfaction,
    pub note: String,
    pub recorded_by: String,
}

impl Store {
    /// The case's return visits, oldest first.
    pub async fn return_visits(&self, case_id: i64) -> Result<Vec<VisitRecord>> {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        evaluation::Entity::find()
            .filter(evaluation::Column::CaseId.eq(case_id))
            .order_by_asc(evaluation::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|e| {
                Ok(VisitRecord {
                    visited_on: e.visited_on,
                    satisfaction: crate::convert::code(&e.satisfaction)?,
                    note: e.note,
                    recorded_by: e.recorded_by,
                })
            })
            .collect()
    }
}
