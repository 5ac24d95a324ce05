//! 矛盾纠纷预警: the store reads the facts the rules of
//! [`accord_core::risk`] ask for (earlier cases of the same people or
//! address, the mediator's notes, unpaid instalments), keeps the case's
//! highest uncleared level on `cases.risk_level` for the case list and
//! the board to filter by, and records the director's clearing of a flag
//! with a note. A cleared flag stays cleared while its facts are the ones
//! cleared; when they change (another earlier case, more days overdue
//! past the next threshold) it is raised again.

use std::collections::HashMap;

use accord_core::{
    AuditAction, CaseStatus, Choice, ItemKind, UserRole, ValidationError,
    risk::{EarlierCase, RiskFlag, RiskLevel, RiskRule, flags, level},
};
use accord_entity::{case, follow_up, party, room_item};
use chrono::{DateTime, Local, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, sea_query::Expr,
};

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

/// The actions after which a case's flags are read again.
pub(crate) fn moves_flags(action: AuditAction) -> bool {
    crate::stats::moves_numbers(action)
        || matches!(
            action,
            AuditAction::PartyAdded
                | AuditAction::ItemRecorded
                | AuditAction::ItemEdited
                | AuditAction::RiskCleared
        )
}

fn facts_key(flag: &RiskFlag) -> String {
    serde_json::json!({ "level": flag.level.code(), "facts": flag.facts }).to_string()
}

/// The flags of a case as of `today`, with their clearings.
pub(crate) async fn case_flags(
    conn: &impl ConnectionTrait,
    case_id: i64,
    today: NaiveDate,
) -> Result<Vec<CaseFlag>> {
    let m = case::Entity::find_by_id(case_id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let parties: Vec<accord_core::Party> = party::Entity::find()
        .filter(party::Column::CaseId.eq(case_id))
        .all(conn)
        .await?
        .into_iter()
        .map(convert::party_from)
        .collect::<Result<_>>()?;
    let received = m.received_at.with_timezone(&Local).date_naive();

    // Earlier cases sharing an ID number, a name or an address with a
    // party: the rule then decides which really are the same.
    let ids: Vec<String> = parties.iter().filter_map(|p| p.id_number.clone()).collect();
    let names: Vec<String> = parties.iter().map(|p| p.name.clone()).collect();
    let addresses: Vec<String> = parties.iter().filter_map(|p| p.address.clone()).collect();
    // Each key by its own index (an OR of the three made SQLite read every
    // party), then the candidates' parties and overdue days in one read
    // each per 500 cases, not two per case.
    let mut others: Vec<i64> = Vec::new();
    for (column, values) in [
        (party::Column::Name, names),
        (party::Column::IdNumber, ids),
        (party::Column::Address, addresses),
    ] {
        if values.is_empty() {
            continue;
        }
        others.extend(
            party::Entity::find()
                .select_only()
                .column(party::Column::CaseId)
                .filter(column.is_in(values))
                .filter(party::Column::CaseId.ne(case_id))
                .into_tuple::<i64>()
                .all(conn)
                .await?,
        );
    }
    others.sort_unstable();
    others.dedup();
    let mut earlier = Vec::new();
    for chunk in others.chunks(500) {
        let cases = case::Entity::find()
            .filter(case::Column::Id.is_in(chunk.to_vec()))
            .filter(case::Column::ReceivedAt.lte(m.received_at))
            .all(conn)
            .await?;
        let ids: Vec<i64> = cases.iter().map(|c| c.id).collect();
        let mut their: HashMap<i64, Vec<accord_core::Party>> = HashMap::new();
        for p in party::Entity::find()
            .filter(party::Column::CaseId.is_in(ids.clone()))
            .all(conn)
            .await?
        {
            their
                .entry(p.case_id)
                .or_default()
                .push(convert::party_from(p)?);
        }
        let broken = overdue_since(conn, ids, today).await?;
        for c in cases {
            earlier.push(EarlierCase {
                number: c.number.clone(),
                received: c.received_at.with_timezone(&Local).date_naive(),
                status: convert::code::<CaseStatus>(&c.status)?,
                parties: their.remove(&c.id).unwrap_or_default(),
                agreement_broken: broken.get(&c.id).is_some_and(|d| *d < today),
            });
        }
    }

    // The summary and the mediator's own notes.
    let notes: Vec<String> = room_item::Entity::find()
        .select_only()
        .column(room_item::Column::Text)
        .filter(room_item::Column::CaseId.eq(case_id))
        .filter(room_item::Column::Kind.eq(ItemKind::Note.code()))
        .into_tuple()
        .all(conn)
        .await?;
    let mut texts: Vec<&str> = vec![m.summary.as_str()];
    texts.extend(notes.iter().map(String::as_str));
    let overdue = overdue_days(conn, case_id, today).await?;
    let raised = flags(received, &parties, &texts, &earlier, overdue);

    let backend = conn.get_database_backend();
    let cleared = conn
        .query_all_raw(statement(
            backend,
            "SELECT rule, facts, note, cleared_by, cleared_at FROM risk_clearances \
             WHERE case_id = ? ORDER BY id",
            vec![case_id.into()],
        ))
        .await?;
    let mut out = Vec::with_capacity(raised.len());
    for flag in raised {
        let key = facts_key(&flag);
        let mut clearance = None;
        for row in &cleared {
            let rule: String = row.try_get("", "rule")?;
            let facts: String = row.try_get("", "facts")?;
            if rule == flag.rule.code() && facts == key {
                clearance = Some(Clearance {
                    note: row.try_get("", "note")?,
                    by: row.try_get("", "cleared_by")?,
                    at: row.try_get("", "cleared_at")?,
                });
            }
        }
        out.push(CaseFlag {
            flag,
            cleared: clearance,
        });
    }
    Ok(out)
}

/// Days the oldest unpaid instalment of the case is late (0: none).
async fn overdue_days(conn: &impl ConnectionTrait, case_id: i64, today: NaiveDate) -> Result<i64> {
    let oldest = overdue_since(conn, vec![case_id], today).await?;
    let Some(oldest) = oldest.get(&case_id) else {
        return Ok(0);
    };
    // Paid in full cancels the instalment's steps; a done due-check is the
    // mediator's look on the day, not a payment.
    Ok((today - *oldest).num_days().max(0))
}

/// For each of the cases with an instalment unpaid past its due date
/// (before `today`), the oldest such date.
async fn overdue_since(
    conn: &impl ConnectionTrait,
    case_ids: Vec<i64>,
    today: NaiveDate,
) -> Result<HashMap<i64, NaiveDate>> {
    let rows: Vec<(i64, Option<NaiveDate>)> = follow_up::Entity::find()
        .select_only()
        .column(follow_up::Column::CaseId)
        .column_as(follow_up::Column::DueOn.min(), "oldest")
        .filter(follow_up::Column::CaseId.is_in(case_ids))
        .filter(follow_up::Column::Kind.eq(accord_core::followup::FollowUpKind::DueCheck.code()))
        .filter(follow_up::Column::State.ne(accord_core::followup::FollowUpState::Cancelled.code()))
        .filter(follow_up::Column::DueOn.lt(today))
        .filter(follow_up::Column::Installment.is_not_null())
        .group_by(follow_up::Column::CaseId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, oldest)| oldest.map(|d| (id, d)))
        .collect())
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
