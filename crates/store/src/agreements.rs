//! Settlement agreements: every saved draft is a version; a legal advisor
//! approves or returns it with comments; an approved, complete agreement is
//! finalised with the SHA-256 of its canonical content. A change before that
//! is a new version that needs approval again; after it, nothing changes
//! (the sealed agreement was handed out).

use accord_core::{
    AuditAction, Choice, UserRole,
    agreement::{AgreementContent, AgreementRecord, AgreementStatus, AgreementVersion},
};
use accord_entity::{agreement, agreement_version, audit_event, case, signature};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::{Actor, Result, Store, StoreError, convert::code, write::AuditEvent};

async fn load(conn: &impl ConnectionTrait, model: agreement::Model) -> Result<AgreementRecord> {
    let versions = agreement_version::Entity::find()
        .filter(agreement_version::Column::AgreementId.eq(model.id))
        .order_by_asc(agreement_version::Column::Number)
        .all(conn)
        .await?
        .into_iter()
        .map(|v| {
            Ok(AgreementVersion {
                number: v.number,
                content: serde_json::from_str(&v.content)
                    .map_err(|e| StoreError::Database(e.to_string()))?,
                created_at: v.created_at,
                created_by: v.created_by,
                created_by_id: v.created_by_id,
                decision: v.decision.as_deref().map(code).transpose()?,
                review_comment: v.review_comment,
                reviewed_by: v.reviewed_by,
            })
        })
        .collect::<Result<_>>()?;
    Ok(AgreementRecord {
        id: model.id,
        case_id: model.case_id,
        status: code(&model.status)?,
        versions,
        final_version: model.final_version,
        final_hash: model.final_hash,
        finalised_at: model.finalised_at,
    })
}

async fn find(conn: &impl ConnectionTrait, case_id: i64) -> Result<Option<agreement::Model>> {
    Ok(agreement::Entity::find()
        .filter(agreement::Column::CaseId.eq(case_id))
        .one(conn)
        .await?)
}

/// The agreement as it stands inside the transaction that changed it.
async fn reload(conn: &impl ConnectionTrait, case_id: i64) -> Result<AgreementRecord> {
    load(
        conn,
        find(conn, case_id).await?.ok_or(StoreError::NotFound)?,
    )
    .await
}

async fn set_status(
    conn: &impl ConnectionTrait,
    model: &agreement::Model,
    status: AgreementStatus,
) -> Result<()> {
    let mut active: agreement::ActiveModel = model.clone().into();
    active.status = Set(status.code().to_owned());
    active.updated_at = Set(crate::now());
    active.update(conn).await?;
    Ok(())
}

/// The number of the newest version of an agreement.
async fn newest_number(conn: &impl ConnectionTrait, agreement_id: i64) -> Result<Option<i32>> {
    Ok(agreement_version::Entity::find()
        .select_only()
        .column_as(agreement_version::Column::Number.max(), "newest")
        .filter(agreement_version::Column::AgreementId.eq(agreement_id))
        .into_tuple::<Option<i32>>()
        .one(conn)
        .await?
        .flatten())
}

/// Whether `version` was written by the user `user_id` called `name`: by
/// id, by name for a version saved before ids were recorded (as
/// [`AgreementVersion::written_by`]).
fn written_by(version: &agreement_version::Model, user_id: i64, name: &str) -> bool {
    match version.created_by_id {
        Some(id) => id == user_id,
        None => version.created_by == name,
    }
}

/// The signatories of `version` (in print order) with neither a signature
/// on the pad nor a mark that they sign on paper.
async fn unsigned(
    conn: &impl ConnectionTrait,
    case: &accord_core::Case,
    agreement_id: i64,
    version: &AgreementVersion,
) -> Result<Vec<String>> {
    let signed: Vec<i32> = signature::Entity::find()
        .filter(signature::Column::AgreementId.eq(agreement_id))
        .filter(signature::Column::Version.eq(version.number))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| s.slot)
        .collect();
    Ok(version
        .content
        .signatories(case)
        .into_iter()
        .enumerate()
        .filter(|(slot, _)| !i32::try_from(*slot).is_ok_and(|slot| signed.contains(&slot)))
        .map(|(_, s)| s.name)
        .collect())
}

/// An agreement waiting for a legal advisor: what [`Store::review_queue`]
/// lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    pub case_id: i64,
    pub case_number: String,
    /// The version submitted (the newest).
    pub version: i32,
    pub submitted_at: chrono::DateTime<Utc>,
    /// Who submitted it, as the audit log names them.
    pub submitted_by: String,
}

impl Store {
    /// The agreements waiting for review, the longest waiting first: a
    /// legal advisor's list. An agreement waits from its submission (its
    /// status changes then, and nothing else changes it while it waits).
    pub async fn review_queue(&self) -> Result<Vec<ReviewItem>> {
        let waiting = agreement::Entity::find()
            .filter(agreement::Column::Status.eq(AgreementStatus::InReview.code()))
            .order_by_asc(agreement::Column::UpdatedAt)
            .order_by_asc(agreement::Column::Id)
            .all(&self.db)
            .await?;
        if waiting.is_empty() {
            return Ok(Vec::new());
        }
        let case_ids: Vec<i64> = waiting.iter().map(|a| a.case_id).collect();
        let numbers: std::collections::HashMap<i64, String> = case::Entity::find()
            .filter(case::Column::Id.is_in(case_ids.clone()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.number))
            .collect();
        // The newest submission of each case names who submitted.
        let mut submitters = std::collections::HashMap::new();
        for event in audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq(AuditAction::AgreementSubmitted.code()))
            .filter(audit_event::Column::CaseId.is_in(case_ids))
            .order_by_asc(audit_event::Column::Id)
            .all(&self.db)
            .await?
        {
            if let Some(case_id) = event.case_id {
                submitters.insert(case_id, event.user_name);
            }
        }
        let mut queue = Vec::with_capacity(waiting.len());
        for model in waiting {
            let version = newest_number(&self.db, model.id).await?.unwrap_or(0);
            queue.push(ReviewItem {
                case_id: model.case_id,
                case_number: numbers.get(&model.case_id).cloned().unwrap_or_default(),
                version,
                submitted_at: model.updated_at,
                submitted_by: submitters.remove(&model.case_id).unwrap_or_default(),
            });
        }
        Ok(queue)
    }

    /// The agreement of a case, if one was drafted.
    pub async fn agreement(&self, case_id: i64) -> Result<Option<AgreementRecord>> {
        match find(&self.db, case_id).await? {
            Some(model) => Ok(Some(load(&self.db, model).await?)),
            None => Ok(None),
        }
    }

    /// Saves the draft as a new version. Saving a returned or approved
    /// agreement makes it a draft again (it needs approval anew); a final
    /// one is never changed: [`StoreError::AgreementFinal`].
    pub async fn save_agreement(
        &self,
        actor: &Actor,
        case_id: i64,
        content: &AgreementContent,
    ) -> Result<AgreementRecord> {
        self.save_agreement_inner(actor, case_id, content, None)
            .await
    }

    /// Saves the draft as a new version on top of `seen`, the newest
    /// version the editor showed (`None`: it showed no agreement). When
    /// someone else saved meanwhile, e.g. in another room on the shared
    /// database, nothing is saved and [`StoreError::Conflict`] says so:
    /// their version is not silently replaced.
    pub async fn save_agreement_over(
        &self,
        actor: &Actor,
        case_id: i64,
        content: &AgreementContent,
        seen: Option<i32>,
    ) -> Result<AgreementRecord> {
        self.save_agreement_inner(actor, case_id, content, Some(seen))
            .await
    }

    async fn save_agreement_inner(
        &self,
        actor: &Actor,
        case_id: i64,
        content: &AgreementContent,
        check: Option<Option<i32>>,
    ) -> Result<AgreementRecord> {
        let change = self.write(actor).await?;
        crate::roles::case_work(&*change, actor, case_id).await?;
        let existing = find(&*change, case_id).await?;
        let newest = match &existing {
            Some(model) => newest_number(&*change, model.id).await?,
            None => None,
        };
        if existing
            .as_ref()
            .is_some_and(|m| m.status == AgreementStatus::Final.code())
        {
            return Err(StoreError::AgreementFinal);
        }
        if check.is_some_and(|seen| seen != newest) {
            return Err(StoreError::Conflict);
        }
        let now = crate::now();
        let model = match existing {
            Some(model) => {
                let status: AgreementStatus = code(&model.status)?;
                if status == AgreementStatus::InReview {
                    return Err(StoreError::AgreementStatus(status));
                }
                if status != AgreementStatus::Draft {
                    set_status(&*change, &model, AgreementStatus::Draft).await?;
                }
                model
            }
            None => {
                agreement::ActiveModel {
                    case_id: Set(case_id),
                    status: Set(AgreementStatus::Draft.code().to_owned()),
                    created_at: Set(now),
                    updated_at: Set(now),
                    final_version: Set(None),
                    final_hash: Set(None),
                    finalised_at: Set(None),
                    ..Default::default()
                }
                .insert(&*change)
                .await?
            }
        };
        let number = newest.unwrap_or(0) + 1;
        agreement_version::ActiveModel {
            agreement_id: Set(model.id),
            number: Set(number),
            content: Set(
                serde_json::to_string(content).map_err(|e| StoreError::Database(e.to_string()))?
            ),
            created_at: Set(now),
            created_by: Set(actor.name.clone()),
            created_by_id: Set(actor.user_id),
            decision: Set(None),
            review_comment: Set(None),
            reviewed_by: Set(None),
            reviewed_at: Set(None),
            ..Default::default()
        }
        .insert(&*change)
        .await
        .map_err(|e| {
            // Two rooms saved the same version number at once: the unique
            // (agreement, number) index refuses the second.
            if e.to_string().to_lowercase().contains("unique") {
                StoreError::Conflict
            } else {
                e.into()
            }
        })?;
        let record = reload(&*change, case_id).await?;
        change
            .commit(AuditEvent::case(
                AuditAction::AgreementDrafted,
                case_id,
                serde_json::json!({ "version": number }),
            ))
            .await?;
        Ok(record)
    }

    /// Moves the agreement along the review workflow (submit, approve,
    /// return with a comment). Approving and returning record the decision
    /// on the current version.
    pub async fn review_agreement(
        &self,
        actor: &Actor,
        case_id: i64,
        next: AgreementStatus,
        comment: Option<&str>,
    ) -> Result<AgreementRecord> {
        self.review_agreement_inner(actor, case_id, next, comment, None)
            .await
    }

    /// Like [`Store::review_agreement`], for the version the reviewer read:
    /// when a newer one was saved meanwhile, nothing changes and
    /// [`StoreError::Conflict`] says so, so nobody approves a text they
    /// have not seen.
    pub async fn review_agreement_of(
        &self,
        actor: &Actor,
        case_id: i64,
        version: i32,
        next: AgreementStatus,
        comment: Option<&str>,
    ) -> Result<AgreementRecord> {
        self.review_agreement_inner(actor, case_id, next, comment, Some(version))
            .await
    }

    async fn review_agreement_inner(
        &self,
        actor: &Actor,
        case_id: i64,
        next: AgreementStatus,
        comment: Option<&str>,
        seen: Option<i32>,
    ) -> Result<AgreementRecord> {
        let change = self.write(actor).await?;
        crate::roles::case_work(&*change, actor, case_id).await?;
        let model = find(&*change, case_id).await?.ok_or(StoreError::NotFound)?;
        if let Some(seen) = seen
            && newest_number(&*change, model.id).await? != Some(seen)
        {
            return Err(StoreError::Conflict);
        }
        let status: AgreementStatus = code(&model.status)?;
        // Sealed and handed out: no step leads away from final.
        if status == AgreementStatus::Final {
            return Err(StoreError::AgreementFinal);
        }
        if !status.can_become(next)
            || next == AgreementStatus::Final
            || next == AgreementStatus::Draft
        {
            return Err(StoreError::AgreementStatus(status));
        }
        let action = match next {
            AgreementStatus::Approved => AuditAction::AgreementApproved,
            AgreementStatus::Returned => AuditAction::AgreementReturned,
            _ => AuditAction::AgreementSubmitted,
        };
        if matches!(next, AgreementStatus::Approved | AgreementStatus::Returned) {
            // A legal advisor decides, and never on a version they wrote
            // (the program decides anything; see `crate::roles`).
            change.require(UserRole::LegalAdvisor).await?;
            let version = agreement_version::Entity::find()
                .filter(agreement_version::Column::AgreementId.eq(model.id))
                .order_by_desc(agreement_version::Column::Number)
                .one(&*change)
                .await?
                .ok_or(StoreError::NotFound)?;
            if let Some(reviewer) = actor.user_id
                && written_by(&version, reviewer, &actor.name)
            {
                return Err(StoreError::OwnVersion);
            }
            let mut active: agreement_version::ActiveModel = version.into();
            active.decision = Set(Some(next.code().to_owned()));
            active.review_comment = Set(comment.map(str::to_owned));
            active.reviewed_by = Set(Some(actor.name.clone()));
            active.reviewed_at = Set(Some(crate::now()));
            active.update(&*change).await?;
        }
        set_status(&*change, &model, next).await?;
        let record = reload(&*change, case_id).await?;
        // The version, not the comment: the comment is kept with the
        // version, and text typed about a case stays out of the audit log.
        let reviewed = newest_number(&*change, model.id).await?;
        change
            .commit(AuditEvent::case(
                action,
                case_id,
                serde_json::json!({ "version": reviewed }),
            ))
            .await?;
        Ok(record)
    }

    /// Finalises an approved agreement: the completeness check must be
    /// clean; the canonical content's SHA-256 is recorded and the version
    /// locked.
    pub async fn finalise_agreement(&self, actor: &Actor, case_id: i64) -> Result<AgreementRecord> {
        self.finalise_agreement_on(actor, case_id, chrono::Local::now().date_naive())
            .await
    }

    /// [`Self::finalise_agreement`] for an agreement that took effect on
    /// `effective` (entering one signed on paper earlier; the example).
    pub async fn finalise_agreement_on(
        &self,
        actor: &Actor,
        case_id: i64,
        effective: chrono::NaiveDate,
    ) -> Result<AgreementRecord> {
        let case = self.case(case_id).await?;
        let change = self.write(actor).await?;
        crate::roles::case_work(&*change, actor, case_id).await?;
        let model = find(&*change, case_id).await?.ok_or(StoreError::NotFound)?;
        let record = load(&*change, model.clone()).await?;
        if record.status != AgreementStatus::Approved {
            return Err(StoreError::AgreementStatus(record.status));
        }
        let current = record.current().ok_or(StoreError::NotFound)?;
        let missing = current.content.missing(&case);
        if !missing.is_empty() {
            return Err(StoreError::AgreementIncomplete(missing));
        }
        let unsigned = unsigned(&*change, &case, model.id, current).await?;
        if !unsigned.is_empty() {
            return Err(StoreError::Unsigned(unsigned));
        }
        let hash = current.content.content_hash(&case);
        // Performance is supervised from the day the agreement takes
        // effect: every obligation becomes dated follow-ups, now.
        let settings = crate::followups::settings(&*change).await?;
        let plan = accord_core::followup::schedule(&current.content, effective, settings);
        crate::followups::schedule(&*change, case_id, current.number, &current.content, &plan)
            .await?;
        let mut active: agreement::ActiveModel = model.into();
        active.status = Set(AgreementStatus::Final.code().to_owned());
        active.final_version = Set(Some(current.number));
        active.final_hash = Set(Some(hash.clone()));
        let today = chrono::Local::now().date_naive();
        let at = if effective < today {
            // Midday of that day in the centre's time zone.
            effective
                .and_hms_opt(12, 0, 0)
                .and_then(|t| t.and_local_timezone(chrono::Local).single())
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(crate::now)
        } else {
            crate::now()
        };
        active.finalised_at = Set(Some(crate::ms(at)));
        active.updated_at = Set(crate::now());
        active.update(&*change).await?;
        let event = AuditEvent::case(
            AuditAction::AgreementFinalised,
            case_id,
            serde_json::json!({ "version": current.number, "sha256": hash }),
        );
        let record = reload(&*change, case_id).await?;
        change.commit(event).await?;
        Ok(record)
    }
}
