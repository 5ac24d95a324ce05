//! The centre's numbers (issue 17). Each case's contribution is kept in
//! `case_stats` (one row, see [`accord_core::stats::Tally`] for what each
//! counter means) and the sums per cell (month of receipt, statistical
//! type, channel, lead mediator) in `stats_cells`. Both are rewritten in
//! the transaction of every change that can move a number (the write's
//! commit calls [`refresh`]): a cell is summed afresh from its cases, so
//! it cannot drift from them. A report reads at most a few thousand cells
//! whatever the number of cases.
//!
//! Instalments fall due without anyone writing: before a report, the cases
//! with an instalment due since their tally was made are tallied again
//! ([`Store::statistics`]).
//!
//! One piece: the tally of a case, the cell sums it moves and the report
//! that reads them share one definition of the counters (`TALLY_COLUMNS`)
//! and must change together; the classification a mediator sets is here
//! because it picks the cell.

use std::collections::HashMap;

use accord_core::{
    AuditAction, CaseStatus, Choice, ValidationError,
    agreement::{AgreementContent, ObligationKind},
    followup::Satisfaction,
    stats::{CaseSource, Report, Row, StatCategory, Tally, months},
};
use accord_entity::{agreement, agreement_version, case, evaluation, oral_agreement, payment};
use accord_migration::TALLY_COLUMNS;
use chrono::{Datelike, Local, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Value, sea_query::Expr};

use crate::{Actor, Result, Store, StoreError, desk::statement, write::AuditEvent};

/// The actions after which a case's tally is made again. A follow-up
/// marked done is not one: the tally reads the case, its agreement,
/// payments and return visits, never the follow-ups.
pub(crate) fn moves_numbers(action: AuditAction) -> bool {
    use AuditAction::*;
    matches!(
        action,
        CaseCreated
            | CaseStatus
            | CaseClassified
            | AgreementFinalised
            | AgreementSealed
            | AgreementSupplemented
            | AgreementRescinded
            | PaymentRecorded
            | ReturnVisit
            | MediatorAssigned
            | AssignmentEnded
            | CaseHandedOver
            | TimeLimitExtended
            | TimeLimitSet
            | CaseRouted
            | RoutingFeedback
            | OralAgreementRecorded
    )
}

/// One case's row of `case_stats`.
#[derive(Debug, Clone, Default, PartialEq)]
struct CaseTally {
    month: String,
    category: String,
    channel: String,
    lead: i64,
    ended_on: Option<NaiveDate>,
    next_due: Option<NaiveDate>,
    tally: Tally,
}

impl CaseTally {
    fn cell(&self) -> (String, String, String, i64) {
        (
            self.month.clone(),
            self.category.clone(),
            self.channel.clone(),
            self.lead,
        )
    }
}

fn counters(t: &Tally) -> [i64; 14] {
    [
        t.received,
        t.mediated,
        t.settled,
        t.agreed_minor,
        t.settle_days,
        t.within_limit,
        t.instalments_due,
        t.paid_on_time,
        t.visits,
        t.satisfied,
        t.crime_cases,
        t.crime_persons,
        t.petition_cases,
        t.petition_persons,
    ]
}

fn tally_of(row: &sea_orm::QueryResult) -> Result<Tally> {
    let get = |c: &str| -> Result<i64> {
        // SUM over integers is an integer in SQLite, NUMERIC in PostgreSQL.
        match row.try_get::<Option<i64>>("", c) {
            Ok(v) => Ok(v.unwrap_or(0)),
            Err(_) => Ok(row
                .try_get::<Option<sea_orm::prelude::Decimal>>("", c)?
                .map(|d| d.to_string().parse::<i64>().unwrap_or(0))
                .unwrap_or(0)),
        }
    };
    Ok(Tally {
        received: get("received")?,
        mediated: get("mediated")?,
        settled: get("settled")?,
        agreed_minor: get("agreed_minor")?,
        settle_days: get("settle_days")?,
        within_limit: get("within_limit")?,
        instalments_due: get("instalments_due")?,
        paid_on_time: get("paid_on_time")?,
        visits: get("visits")?,
        satisfied: get("satisfied")?,
        crime_cases: get("crime_cases")?,
        crime_persons: get("crime_persons")?,
        petition_cases: get("petition_cases")?,
        petition_persons: get("petition_persons")?,
    })
}

async fn stored(conn: &impl ConnectionTrait, case_id: i64) -> Result<Option<CaseTally>> {
    let backend = conn.get_database_backend();
    let row = conn
        .query_one_raw(statement(
            backend,
            "SELECT * FROM case_stats WHERE case_id = ?",
            vec![case_id.into()],
        ))
        .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(CaseTally {
        month: row.try_get("", "month")?,
        category: row.try_get("", "stat_category")?,
        channel: row.try_get("", "channel")?,
        lead: row.try_get("", "lead")?,
        ended_on: row.try_get("", "ended_on")?,
        next_due: row.try_get("", "next_due")?,
        tally: tally_of(&row)?,
    }))
}

/// The day in the centre's time zone.
fn local_day(t: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    t.with_timezone(&Local).date_naive()
}

/// Makes the case's tally again from its rows, and the sums of the cells
/// it left and joined: inside the caller's transaction.
pub(crate) async fn refresh(conn: &impl ConnectionTrait, case_id: i64) -> Result<()> {
    refresh_on(conn, case_id, Local::now().date_naive()).await
}

async fn refresh_on(conn: &impl ConnectionTrait, case_id: i64, today: NaiveDate) -> Result<()> {
    let backend = conn.get_database_backend();
    let before = stored(conn, case_id).await?;
    let Some(m) = case::Entity::find_by_id(case_id).one(conn).await? else {
        if let Some(before) = before {
            conn.execute_raw(statement(
                backend,
                "DELETE FROM case_stats WHERE case_id = ?",
                vec![case_id.into()],
            ))
            .await?;
            retally(conn, &before.cell()).await?;
        }
        return Ok(());
    };
    let after = compute(conn, &m, before.as_ref(), today).await?;
    if before.as_ref() == Some(&after) {
        return Ok(());
    }
    conn.execute_raw(statement(
        backend,
        "DELETE FROM case_stats WHERE case_id = ?",
        vec![case_id.into()],
    ))
    .await?;
    let columns = TALLY_COLUMNS.join(", ");
    let marks = vec!["?"; TALLY_COLUMNS.len()].join(", ");
    let mut values: Vec<Value> = vec![
        case_id.into(),
        after.month.clone().into(),
        after.category.clone().into(),
        after.channel.clone().into(),
        after.lead.into(),
        after.ended_on.into(),
        after.next_due.into(),
    ];
    values.extend(counters(&after.tally).iter().map(|v| Value::from(*v)));
    conn.execute_raw(statement(
        backend,
        &format!(
            "INSERT INTO case_stats (case_id, month, stat_category, channel, lead, ended_on, \
             next_due, {columns}) VALUES (?, ?, ?, ?, ?, ?, ?, {marks})"
        ),
        values,
    ))
    .await?;
    if let Some(before) = &before
        && before.cell() != after.cell()
    {
        retally(conn, &before.cell()).await?;
    }
    retally(conn, &after.cell()).await?;
    Ok(())
}

/// Sums one cell afresh from its cases.
async fn retally(conn: &impl ConnectionTrait, cell: &(String, String, String, i64)) -> Result<()> {
    let backend = conn.get_database_backend();
    let key = || -> Vec<Value> {
        vec![
            cell.0.clone().into(),
            cell.1.clone().into(),
            cell.2.clone().into(),
            cell.3.into(),
        ]
    };
    let filter = "month = ? AND stat_category = ? AND channel = ? AND lead = ?";
    conn.execute_raw(statement(
        backend,
        &format!("DELETE FROM stats_cells WHERE {filter}"),
        key(),
    ))
    .await?;
    let columns = TALLY_COLUMNS.join(", ");
    let sums = TALLY_COLUMNS
        .iter()
        .map(|c| format!("CAST(SUM({c}) AS BIGINT)"))
        .collect::<Vec<_>>()
        .join(", ");
    conn.execute_raw(statement(
        backend,
        &format!(
            "INSERT INTO stats_cells (month, stat_category, channel, lead, {columns}) \
             SELECT month, stat_category, channel, lead, {sums} FROM case_stats \
             WHERE {filter} GROUP BY month, stat_category, channel, lead"
        ),
        key(),
    ))
    .await?;
    Ok(())
}

/// The case's tally from its rows as they are now.
async fn compute(
    conn: &impl ConnectionTrait,
    m: &case::Model,
    before: Option<&CaseTally>,
    today: NaiveDate,
) -> Result<CaseTally> {
    let received = local_day(m.received_at);
    let status: CaseStatus = crate::convert::code(&m.status)?;
    let mut tally = Tally {
        received: 1,
        ..Tally::default()
    };

    // Settled: a final agreement, or an oral one.
    let mut settled_on = None;
    let mut content: Option<AgreementContent> = None;
    if let Some(a) = agreement::Entity::find()
        .filter(agreement::Column::CaseId.eq(m.id))
        .filter(agreement::Column::Status.eq("final"))
        .one(conn)
        .await?
    {
        settled_on = a.finalised_at.map(local_day);
        if let Some(v) = a.final_version {
            let version = agreement_version::Entity::find()
                .filter(agreement_version::Column::AgreementId.eq(a.id))
                .filter(agreement_version::Column::Number.eq(v))
                .one(conn)
                .await?;
            content = version.and_then(|v| serde_json::from_str(&v.content).ok());
        }
    }
    if settled_on.is_none()
        && let Some(oral) = oral_agreement::Entity::find_by_id(m.id).one(conn).await?
    {
        settled_on = Some(local_day(oral.recorded_at));
    }
    let ended_on = before
        .and_then(|b| b.ended_on)
        .or(settled_on)
        .or((status == CaseStatus::NotSettled).then_some(today));
    if let Some(day) = settled_on {
        tally.settled = 1;
        tally.settle_days = (day - received).num_days().max(0);
    }
    if let Some(ended) = ended_on {
        tally.mediated = 1;
        if m.due_on.is_none_or(|due| ended <= due) {
            tally.within_limit = 1;
        }
    }

    // The money agreed and its instalments: due so far, paid on time.
    let mut next_due = None;
    if let Some(content) = &content {
        let payments = payment::Entity::find()
            .filter(payment::Column::CaseId.eq(m.id))
            .all(conn)
            .await?;
        for (o, obligation) in content.obligations.iter().enumerate() {
            if obligation.kind != ObligationKind::Payment {
                continue;
            }
            tally.agreed_minor += obligation
                .amount
                .map(|a| a.minor)
                .unwrap_or_else(|| obligation.installments.iter().map(|i| i.amount.minor).sum());
            for (i, inst) in obligation.installments.iter().enumerate() {
                if inst.due > today {
                    next_due = Some(next_due.map_or(inst.due, |d: NaiveDate| d.min(inst.due)));
                    continue;
                }
                tally.instalments_due += 1;
                let paid: i64 = payments
                    .iter()
                    .filter(|p| {
                        usize::try_from(p.obligation).ok() == Some(o)
                            && usize::try_from(p.installment).ok() == Some(i)
                            && p.paid_on <= inst.due
                    })
                    .map(|p| p.amount_minor)
                    .sum();
                if paid >= inst.amount.minor {
                    tally.paid_on_time += 1;
                }
            }
        }
    }

    // Return visits and the parties' satisfaction.
    for e in evaluation::Entity::find()
        .filter(evaluation::Column::CaseId.eq(m.id))
        .all(conn)
        .await?
    {
        tally.visits += 1;
        if matches!(
            Satisfaction::ALL
                .iter()
                .find(|s| s.code() == e.satisfaction),
            Some(Satisfaction::VerySatisfied | Satisfaction::Satisfied)
        ) {
            tally.satisfied += 1;
        }
    }
    if let Some(n) = m.crime_persons {
        tally.crime_cases = 1;
        tally.crime_persons = n;
    }
    if let Some(n) = m.petition_persons {
        tally.petition_cases = 1;
        tally.petition_persons = n;
    }
    Ok(CaseTally {
        month: format!("{:04}-{:02}", received.year(), received.month()),
        category: m.stat_category.clone(),
        channel: m.channel.clone(),
        lead: m.lead_mediator_id.unwrap_or(0),
        ended_on,
        next_due,
        tally,
    })
}

/// How a case is classified for the statistics, and the prevention marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    pub category: StatCategory,
    pub source: CaseSource,
    /// 防止民转刑: the persons concerned, when the mediator marked it.
    pub crime_persons: Option<i64>,
    /// 防止群体性上访: the persons concerned, when marked.
    pub petition_persons: Option<i64>,
}

impl Store {
    /// A case's statistical type, source and prevention marks.
    pub async fn classification(&self, case_id: i64) -> Result<Classification> {
        let m = case::Entity::find_by_id(case_id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(Classification {
            category: crate::convert::code(&m.stat_category)?,
            source: crate::convert::code(&m.source)?,
            crime_persons: m.crime_persons,
            petition_persons: m.petition_persons,
        })
    }

    /// Changes a case's classification: by anyone who may work on the case.
    pub async fn set_classification(
        &self,
        actor: &Actor,
        case_id: i64,
        c: &Classification,
    ) -> Result<Classification> {
        for n in [c.crime_persons, c.petition_persons].into_iter().flatten() {
            if n < 1 {
                return Err(ValidationError::PersonsCount.into());
            }
        }
        let change = self.write(actor).await?;
        crate::roles::case_work(&*change, actor, case_id).await?;
        let updated = case::Entity::update_many()
            .col_expr(case::Column::StatCategory, Expr::value(c.category.code()))
            .col_expr(case::Column::Source, Expr::value(c.source.code()))
            .col_expr(case::Column::CrimePersons, Expr::value(c.crime_persons))
            .col_expr(
                case::Column::PetitionPersons,
                Expr::value(c.petition_persons),
            )
            .col_expr(case::Column::UpdatedAt, Expr::value(crate::now()))
            .filter(case::Column::Id.eq(case_id))
            .exec(&*change)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::NotFound);
        }
        change
            .commit(AuditEvent::case(
                AuditAction::CaseClassified,
                case_id,
                serde_json::json!({
                    "category": c.category.code(),
                    "source": c.source.code(),
                    "crime_persons": c.crime_persons,
                    "petition_persons": c.petition_persons,
                }),
            ))
            .await?;
        self.classification(case_id).await
    }

    /// The statistics of the months from `from`'s to `to`'s (cases by
    /// their month of receipt). Cases with an instalment fallen due since
    /// their tally was made are tallied again first.
    pub async fn statistics(&self, from: NaiveDate, to: NaiveDate) -> Result<Report> {
        self.statistics_on(from, to, Local::now().date_naive())
            .await
    }

    /// [`Self::statistics`] as of `today` (tests, benches).
    pub async fn statistics_on(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
    ) -> Result<Report> {
        let backend = self.db.get_database_backend();
        let stale = self
            .db
            .query_all_raw(statement(
                backend,
                "SELECT case_id FROM case_stats WHERE next_due <= ?",
                vec![today.into()],
            ))
            .await?;
        if !stale.is_empty() {
            let txn = self.unaudited_txn().await?;
            for row in stale {
                let id: i64 = row.try_get("", "case_id")?;
                refresh_on(&txn, id, today).await?;
            }
            txn.commit().await?;
        }

        let from = from.with_day(1).unwrap_or(from);
        let to = to
            .with_day(1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .and_then(|d| d.pred_opt())
            .unwrap_or(to);
        let first = format!("{:04}-{:02}", from.year(), from.month());
        let last = format!("{:04}-{:02}", to.year(), to.month());
        let sums = TALLY_COLUMNS
            .iter()
            .map(|c| format!("CAST(SUM({c}) AS BIGINT) AS {c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut by: HashMap<&str, Vec<(String, Tally)>> = HashMap::new();
        for dim in ["stat_category", "channel", "lead", "month"] {
            let rows = self
                .db
                .query_all_raw(statement(
                    backend,
                    &format!(
                        "SELECT {dim} AS k, {sums} FROM stats_cells \
                         WHERE month >= ? AND month <= ? GROUP BY {dim}"
                    ),
                    vec![first.clone().into(), last.clone().into()],
                ))
                .await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                let key = if dim == "lead" {
                    row.try_get::<i64>("", "k")?.to_string()
                } else {
                    row.try_get::<String>("", "k")?
                };
                out.push((key, tally_of(&row)?));
            }
            by.insert(dim, out);
        }
        let mut take = |dim: &str| by.remove(dim).unwrap_or_default();

        let mut total = Tally::default();
        let by_month_found: HashMap<String, Tally> = take("month").into_iter().collect();
        for t in by_month_found.values() {
            total.add(t);
        }
        let by_month = months(from, to)
            .into_iter()
            .map(|key| Row {
                tally: by_month_found.get(&key).copied().unwrap_or_default(),
                key,
            })
            .collect();
        let order = |codes: &[&str], found: Vec<(String, Tally)>| -> Vec<Row> {
            let found: HashMap<String, Tally> = found.into_iter().collect();
            codes
                .iter()
                .filter_map(|c| {
                    found.get(*c).map(|t| Row {
                        key: (*c).to_owned(),
                        tally: *t,
                    })
                })
                .collect()
        };
        let categories: Vec<&str> = StatCategory::ALL.iter().map(|c| c.code()).collect();
        let channels: Vec<&str> = accord_core::IntakeChannel::ALL
            .iter()
            .map(|c| c.code())
            .collect();
        let by_category = order(&categories, take("stat_category"));
        let by_channel = order(&channels, take("channel"));

        let names: HashMap<i64, String> = accord_entity::mediator::Entity::find()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect();
        let mut by_mediator: Vec<Row> = take("lead")
            .into_iter()
            .map(|(id, tally)| Row {
                key: id
                    .parse::<i64>()
                    .ok()
                    .and_then(|id| names.get(&id).cloned())
                    .unwrap_or_default(),
                tally,
            })
            .collect();
        by_mediator.sort_by(|a, b| (a.key.is_empty(), &a.key).cmp(&(b.key.is_empty(), &b.key)));
        Ok(Report {
            from,
            to,
            total,
            by_category,
            by_channel,
            by_mediator,
            by_month,
        })
    }

    /// The cases whose mediation ended between `from` and `to` (inclusive),
    /// oldest first, as (id, number): what a batch of case files holds.
    pub async fn cases_ended_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(i64, String)>> {
        let backend = self.db.get_database_backend();
        let rows = self
            .db
            .query_all_raw(statement(
                backend,
                "SELECT c.id, c.number FROM case_stats s JOIN cases c ON c.id = s.case_id \
                 WHERE s.ended_on >= ? AND s.ended_on <= ? \
                 ORDER BY s.ended_on, c.number_year, c.number_seq",
                vec![from.into(), to.into()],
            ))
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("", "id")?, r.try_get("", "number")?)))
            .collect()
    }
}
