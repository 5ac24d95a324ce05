//! The case page's data in one statement (see `crate::reads`): the case
//! with its parties and issues, its history, the performance of its final
//! agreement and its risk flags with their clearings. The flags' facts
//! (earlier cases of the same people or address, the mediator's notes,
//! the oldest unpaid instalment) are read by the same statement; the
//! rules and the arithmetic stay `accord_core`'s, as when a change
//! refreshes the case's level (`crate::risk`).

use std::{collections::HashMap, sync::OnceLock};

use accord_core::{
    Case, Choice, ItemKind,
    agreement::AgreementContent,
    followup::{FollowUpKind, FollowUpState, InstallmentStatus, Paid, performance},
    risk::flags,
};
use accord_entity::{audit_event, case, disputed_issue, party};
use chrono::{Local, NaiveDate};

use sea_orm::{ConnectionTrait, Statement};

use crate::{
    AuditEntry, CaseFlag, Result, Store, StoreError, convert,
    reads::{self, Param, Row},
    risk::{StoredClearance, earlier_case, with_clearances},
};

/// What the case page shows.
#[derive(Debug, Clone)]
pub struct CaseDetail {
    pub case: Case,
    /// The case's audit events, oldest first.
    pub history: Vec<AuditEntry>,
    /// The final agreement's instalments and acts with what is paid
    /// (empty when there is none).
    pub performance: Vec<InstallmentStatus>,
    /// Its risk flags (矛盾纠纷预警), cleared ones included.
    pub flags: Vec<CaseFlag>,
}

/// The statement: its one `?` is the case id ([`params`]); [`on`] writes
/// in today. The kinds, the state and the day it asks for are written into
/// it, not bound: SQLite (built with STAT4) compiles a statement again
/// whenever a value is bound that is compared with an indexed column, and
/// for this one that cost more than running it. Without `full` it reads
/// only what the flags need: the history, the agreement and the payments
/// are NULL (a change's refresh of the case's level).
fn sql(full: bool) -> &'static str {
    static FULL: OnceLock<String> = OnceLock::new();
    static FLAGS: OnceLock<String> = OnceLock::new();
    let make = move || {
        // The earlier cases: sharing a name, an ID number or an address
        // with a party, each key by its own index (an OR of the three
        // reads every party), received no later than this case. The
        // indexes are named: where most parties have no ID number or no
        // address, SQLite's statistics call those indexes useless and it
        // read all parties instead (0.6 s among 300,000). The set is used
        // three times and made once (MATERIALIZED: SQLite otherwise made
        // it for each use, 1.7 ms against 0.2). `me` is made once too and
        // read by scalar subqueries, not joined: PostgreSQL ran a
        // subquery correlated with it once for every case (6 s among
        // 1,000,000). Only cases received in the year before this one
        // count (`accord_core::risk`): the statement keeps those of the
        // last 368 days (twelve months, a day for the time zone, a day for
        // the two ways a time is written), and the rule decides exactly.
        // Ten years of cases of a common name otherwise all came back.
        let earlier = "SELECT e.id FROM cases e WHERE e.id IN (\
             SELECT q.case_id FROM parties q INDEXED BY ix_parties_name_case WHERE q.name IN \
             (SELECT k.name FROM parties k WHERE k.case_id = (SELECT id FROM me)) \
             UNION SELECT q.case_id FROM parties q INDEXED BY ix_parties_id_number_case \
             WHERE q.id_number IN \
             (SELECT k.id_number FROM parties k WHERE k.case_id = (SELECT id FROM me)) \
             UNION SELECT q.case_id FROM parties q INDEXED BY ix_parties_address_case \
             WHERE q.address IN \
             (SELECT k.address FROM parties k WHERE k.case_id = (SELECT id FROM me))) \
             AND e.id <> (SELECT id FROM me) \
             AND e.received_at <= (SELECT received_at FROM me) \
             AND e.received_at >= (SELECT since FROM me)";
        let history = format!(
            "(SELECT json_group_array({} ORDER BY h.id) FROM audit_events h \
             WHERE h.case_id = c.id)",
            reads::json_row::<audit_event::Entity>("h")
        );
        let content = "(SELECT v.content FROM agreements a JOIN agreement_versions v \
             ON v.agreement_id = a.id AND v.number = a.final_version WHERE a.case_id = c.id)";
        let paid = "(SELECT json_group_array(json_array(y.obligation, y.installment, \
             y.amount_minor)) FROM payments y WHERE y.case_id = c.id)";
        format!(
            "WITH me AS MATERIALIZED (SELECT id, received_at, \
             datetime(received_at, '-368 days') AS since FROM cases WHERE id = ?), \
             earlier AS MATERIALIZED ({earlier}) \
             SELECT {case}, \
             (SELECT json_group_array({party} ORDER BY p.position) FROM parties p \
              WHERE p.case_id = c.id), \
             (SELECT json_group_array({issue} ORDER BY i.position) FROM disputed_issues i \
              WHERE i.case_id = c.id), \
             {history}, {content}, {paid}, \
             (SELECT json_group_array(n.text ORDER BY n.id) FROM room_items n \
              WHERE n.case_id = c.id AND n.kind = '{note}'), \
             (SELECT json_group_array(json_object('rule', r.rule, 'facts', r.facts, \
              'note', r.note, 'by', r.cleared_by, 'at', r.cleared_at) ORDER BY r.id) \
              FROM risk_clearances r WHERE r.case_id = c.id), \
             (SELECT json_group_array({earlier_case}) FROM cases e \
              WHERE e.id IN (SELECT id FROM earlier)), \
             (SELECT json_group_array({earlier_party}) FROM parties q \
              WHERE q.case_id IN (SELECT id FROM earlier)), \
             (SELECT json_group_array(json_array(o.case_id, o.oldest)) FROM \
              (SELECT g.case_id, MIN(g.due_on) AS oldest FROM follow_ups g \
               WHERE g.case_id IN (SELECT id FROM me UNION SELECT id FROM earlier) \
               AND g.kind = '{due_check}' AND g.state <> '{cancelled}' AND g.due_on < '{{today}}' \
               AND g.installment IS NOT NULL GROUP BY g.case_id) o) \
             FROM cases c JOIN me ON me.id = c.id",
            case = reads::json_row::<case::Entity>("c"),
            party = reads::json_row::<party::Entity>("p"),
            issue = reads::json_row::<disputed_issue::Entity>("i"),
            earlier_case = reads::json_row::<case::Entity>("e"),
            earlier_party = reads::json_row::<party::Entity>("q"),
            note = reads::literal(ItemKind::Note.code()),
            due_check = reads::literal(FollowUpKind::DueCheck.code()),
            cancelled = reads::literal(FollowUpState::Cancelled.code()),
            history = if full { history.as_str() } else { "NULL" },
            content = if full { content } else { "NULL" },
            paid = if full { paid } else { "NULL" },
        )
    };
    if full {
        FULL.get_or_init(make)
    } else {
        FLAGS.get_or_init(make)
    }
}

fn params(case_id: i64) -> [Param; 1] {
    [case_id.into()]
}

/// The statement for `today`: the date is written into it (see [`sql`]).
fn on(sql: &str, today: NaiveDate) -> String {
    sql.replace("{today}", &today.format("%F").to_string())
}

/// One row of the statement, decoded.
pub(crate) struct Facts {
    case: Case,
    summary: String,
    received: NaiveDate,
    history: Vec<audit_event::Model>,
    content: Option<String>,
    paid: Vec<(i64, i64, i64)>,
    notes: Vec<String>,
    cleared: Vec<StoredClearance>,
    earlier: Vec<case::Model>,
    earlier_parties: Vec<party::Model>,
    oldest: HashMap<i64, NaiveDate>,
}

fn decode(r: &Row<'_>) -> Result<Facts> {
    let model: case::Model = r
        .json(0)?
        .ok_or_else(|| StoreError::Database("no case".to_owned()))?;
    let summary = model.summary.clone();
    let received = model.received_at.with_timezone(&Local).date_naive();
    let case = convert::case_from(
        model,
        r.json(1)?.unwrap_or_default(),
        r.json(2)?.unwrap_or_default(),
    )?;
    let oldest: Vec<(i64, NaiveDate)> = r.json(10)?.unwrap_or_default();
    Ok(Facts {
        case,
        summary,
        received,
        history: r.json(3)?.unwrap_or_default(),
        content: r.opt_text(4)?,
        paid: r.json(5)?.unwrap_or_default(),
        notes: r.json(6)?.unwrap_or_default(),
        cleared: r.json(7)?.unwrap_or_default(),
        earlier: r.json(8)?.unwrap_or_default(),
        earlier_parties: r.json(9)?.unwrap_or_default(),
        oldest: oldest.into_iter().collect(),
    })
}

/// What the flags need, read on `conn` (a change's transaction): the
/// statement without the history, the agreement and the payments.
pub(crate) async fn flag_facts(
    conn: &impl ConnectionTrait,
    case_id: i64,
    today: NaiveDate,
) -> Result<Facts> {
    let backend = conn.get_database_backend();
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            reads::dialect(&on(sql(false), today), backend),
            params(case_id).iter().map(Param::value),
        ))
        .await?;
    let row = rows.first().ok_or(StoreError::NotFound)?;
    decode(&Row::Pool(row))
}

impl Store {
    /// The case page: the case, its history, its agreement's performance
    /// and its flags as of today, read by one statement.
    pub async fn case_detail(&self, case_id: i64) -> Result<CaseDetail> {
        let today = Local::now().date_naive();
        let facts = self
            .read(&on(sql(true), today), &params(case_id), decode)
            .await?
            .into_iter()
            .next()
            .ok_or(StoreError::NotFound)?;
        let flags = flags_of(&facts, today)?;
        let performance = match &facts.content {
            Some(json) => {
                let content: AgreementContent =
                    serde_json::from_str(json).map_err(|e| StoreError::Database(e.to_string()))?;
                let paid: Paid = facts
                    .paid
                    .iter()
                    .filter_map(|&(o, k, minor)| {
                        Some((usize::try_from(o).ok()?, usize::try_from(k).ok()?, minor))
                    })
                    .collect();
                performance(&facts.case, &content, &paid)
            }
            None => Vec::new(),
        };
        Ok(CaseDetail {
            flags,
            performance,
            history: facts
                .history
                .into_iter()
                .filter_map(crate::audit::entry_from)
                .collect(),
            case: facts.case,
        })
    }
}

/// The case's flags as of `today` with their clearings: the rules of
/// `accord_core::risk` over the statement's facts.
pub(crate) fn flags_of(facts: &Facts, today: NaiveDate) -> Result<Vec<CaseFlag>> {
    let mut theirs: HashMap<i64, Vec<accord_core::Party>> = HashMap::new();
    let mut earlier_parties = facts.earlier_parties.clone();
    earlier_parties.sort_by_key(|p| (p.case_id, p.position));
    for p in earlier_parties {
        theirs
            .entry(p.case_id)
            .or_default()
            .push(convert::party_from(p)?);
    }
    let mut earlier_models: Vec<&case::Model> = facts.earlier.iter().collect();
    earlier_models.sort_by_key(|c| c.id);
    let earlier = earlier_models
        .into_iter()
        .map(|c| {
            let parties = theirs.remove(&c.id).unwrap_or_default();
            earlier_case(c, parties, facts.oldest.get(&c.id).copied(), today)
        })
        .collect::<Result<Vec<_>>>()?;
    let mut texts: Vec<&str> = vec![facts.summary.as_str()];
    texts.extend(facts.notes.iter().map(String::as_str));
    // Paid in full cancels the instalment's steps; a done due-check is the
    // mediator's look on the day, not a payment.
    let overdue = facts
        .oldest
        .get(&facts.case.id)
        .map_or(0, |d| (today - *d).num_days().max(0));
    let raised = flags(
        facts.received,
        &facts.case.parties,
        &texts,
        &earlier,
        overdue,
    );
    Ok(with_clearances(raised, &facts.cleared))
}
