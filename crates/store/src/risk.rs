//! 矛盾纠纷预警: the store reads the facts the rules of
//! [`accord_core::risk`] ask for (earlier cases of the same people or
//! address, the mediator's notes, unpaid instalments; one statement, the
//! case page's, see `crate::detail`), keeps the case's
//! highest uncleared level on `cases.risk_level` for the case list and
//! the board to filter by, and records the director's clearing of a flag
//! with a note. A cleared flag stays cleared while its facts are the ones
//! cleared; when they change (another earlier case, more days overdue
//! past the next threshold) it is raised again.

use accord_core::{
    AuditAction, CaseStatus, Choice, UserRole, ValidationError,
    risk::{EarlierCase, RiskFlag, RiskLevel, RiskRule, level},
};
use accord_entity::case;
use chrono::{DateTime, Local, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};

use crate::{Actor, Result, Store, StoreError, convert, desk::statement, write::AuditEvent};

/// A flag on a case, and its clearing if the director cleared it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFlag {
    pub flag: RiskFlag,
    pub cleared: Option<Clearance>,
}

/// Who cleared a flag, when and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clearance {
    pub note: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// The changes after which a case's flags are read again. A follow-up
/// marked done counts only when its obligation was performed (its other
/// open follow-ups are cancelled then): the overdue days are read from
/// the due-date checks that are not cancelled, done or not.
pub(crate) fn moves_flags(event: &AuditEvent) -> bool {
    match event.action {
        AuditAction::FollowUpDone => event.detail["performed"] == serde_json::json!(true),
        action => {
            crate::stats::moves_numbers(action)
                || matches!(
                    action,
                    AuditAction::PartyAdded
                        | AuditAction::ItemRecorded
                        | AuditAction::ItemEdited
                        | AuditAction::RiskCleared
                )
        }
    }
}

fn facts_key(flag: &RiskFlag) -> String {
    serde_json::json!({ "level": flag.level.code(), "facts": flag.facts }).to_string()
}

/// The flags of a case as of `today`, with their clearings, read on
/// `conn` (inside a change, its transaction): the case page's statement
/// without the history (see `crate::detail`).
pub(crate) async fn case_flags(
    conn: &impl ConnectionTrait,
    case_id: i64,
    today: NaiveDate,
) -> Result<Vec<CaseFlag>> {
    let facts = crate::detail::flag_facts(conn, case_id, today).await?;
    crate::detail::flags_of(&facts, today)
}

/// A row of `risk_clearances`: the director cleared `rule` while its
/// facts were `facts` (see [`facts_key`]).
#[derive(Debug, Clone, serde::Deserialize)]
pub(crate) struct StoredClearance {
    pub rule: String,
    pub facts: String,
    pub note: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// Each raised flag with its clearing: the latest one made while its
/// facts were the ones raised now.
pub(crate) fn with_clearances(raised: Vec<RiskFlag>, cleared: &[StoredClearance]) -> Vec<CaseFlag> {
    raised
        .into_iter()
        .map(|flag| {
            let key = facts_key(&flag);
            let cleared = cleared
                .iter()
                .rev()
                .find(|c| c.rule == flag.rule.code() && c.facts == key)
                .map(|c| Clearance {
                    note: c.note.clone(),
                    by: c.by.clone(),
                    at: c.at,
                });
            CaseFlag { flag, cleared }
        })
        .collect()
}

/// An earlier case as the rules see it; `oldest_overdue` is its oldest
/// instalment unpaid past its due date (see [`overdue_since`]).
pub(crate) fn earlier_case(
    c: &case::Model,
    parties: Vec<accord_core::Party>,
    oldest_overdue: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<EarlierCase> {
    Ok(EarlierCase {
        number: c.number.clone(),
        received: c.received_at.with_timezone(&Local).date_naive(),
        status: convert::code::<CaseStatus>(&c.status)?,
        parties,
        agreement_broken: oldest_overdue.is_some_and(|d| d < today),
    })
}

/// The highest uncleared level, written to the case for the filters.
pub(crate) async fn refresh(conn: &impl ConnectionTrait, case_id: i64) -> Result<()> {
    let today = Local::now().date_naive();
    let all = case_flags(conn, case_id, today).await?;
    let open: Vec<RiskFlag> = all
        .into_iter()
        .filter(|f| f.cleared.is_none())
        .map(|f| f.flag)
        .collect();
    case::Entity::update_many()
        .col_expr(case::Column::RiskLevel, Expr::value(level(&open).code()))
        .filter(case::Column::Id.eq(case_id))
        .exec(conn)
        .await?;
    Ok(())
}

impl Store {
    /// The case's flags, each with its clearing.
    pub async fn risk_flags(&self, case_id: i64) -> Result<Vec<CaseFlag>> {
        case_flags(&self.db, case_id, Local::now().date_naive()).await
    }

    /// The director clears a flag with a note: audited, and the case's
    /// level falls in the same change.
    pub async fn clear_risk(
        &self,
        actor: &Actor,
        case_id: i64,
        rule: RiskRule,
        note: &str,
    ) -> Result<Vec<CaseFlag>> {
        let note = note.trim();
        if note.is_empty() {
            return Err(ValidationError::ReasonEmpty.into());
        }
        let change = self.write(actor).await?;
        change.require(UserRole::Administrator).await?;
        let today = Local::now().date_naive();
        let current = case_flags(&*change, case_id, today).await?;
        let Some(flag) = current.iter().find(|f| f.flag.rule == rule) else {
            return Err(StoreError::NotFound);
        };
        if flag.cleared.is_some() {
            return Err(ValidationError::DecidedAlready.into());
        }
        let backend = change.get_database_backend();
        change
            .execute_raw(statement(
                backend,
                "INSERT INTO risk_clearances (case_id, rule, facts, note, cleared_at, cleared_by) \
                 VALUES (?, ?, ?, ?, ?, ?)",
                vec![
                    case_id.into(),
                    rule.code().into(),
                    facts_key(&flag.flag).into(),
                    note.into(),
                    crate::now().into(),
                    actor.name.clone().into(),
                ],
            ))
            .await?;
        change
            .commit(AuditEvent::case(
                AuditAction::RiskCleared,
                case_id,
                serde_json::json!({
                    "rule": rule.code(),
                    "level": flag.flag.level.code(),
                    "facts": flag.flag.facts,
                    "note": note,
                }),
            ))
            .await?;
        self.risk_flags(case_id).await
    }

    /// The level the case list and the board filter by.
    pub async fn risk_level(&self, case_id: i64) -> Result<RiskLevel> {
        let m = case::Entity::find_by_id(case_id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        convert::code(&m.risk_level)
    }
}
