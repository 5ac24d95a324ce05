//! Cases: intake, lookup, the case list with search, and status changes.

use accord_core::{
    AuditAction, Case, CaseNumber, CaseStatus, Category, Choice, PartyRole, ValidCase,
};
use accord_entity::{case, disputed_issue, party, party_name_gram};
use chrono::{DateTime, Datelike, Local, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QuerySelect, sea_query::Expr,
};
use serde::Serialize;

use crate::{
    Actor, Result, Store, StoreError, convert, grams,
    reads::{self, Param},
    write::AuditEvent,
};

/// What the case list asks for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseQuery {
    /// A case number (or its beginning) or a fragment of a party's name.
    pub text: String,
    pub status: Option<CaseStatus>,
    /// Only the cases of this user: those they mediate (the room's
    /// mediator, or a current assignment of their roster entry) or
    /// received.
    pub mine: Option<i64>,
    /// Only the cases with a risk flag not cleared (yellow or red).
    pub flagged: bool,
    pub offset: u64,
    pub limit: u64,
}

/// One line of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRow {
    pub id: i64,
    pub number: String,
    pub category: Category,
    pub status: CaseStatus,
    pub received_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub applicants: Vec<String>,
    pub respondents: Vec<String>,
    /// The highest risk flag not cleared.
    pub risk: accord_core::risk::RiskLevel,
}

/// A page of the case list and how many cases match in all.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct CasePage {
    pub rows: Vec<CaseRow>,
    pub total: u64,
}

fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

impl Store {
    /// Takes a case in: allocates its number (year of receipt, next
    /// sequence), stores it with its parties and issues, and writes the
    /// audit event, all in one transaction.
    pub async fn create_case(&self, actor: &Actor, case: &ValidCase) -> Result<Case> {
        self.insert_case(actor, case, None).await
    }

    pub(crate) async fn insert_case(
        &self,
        actor: &Actor,
        case: &ValidCase,
        external_ref: Option<&str>,
    ) -> Result<Case> {
        // Two rooms on one database may take a case at the same moment: the
        // unique (year, seq) index refuses the second, which then retries.
        let mut attempts = 0;
        loop {
            attempts += 1;
            match self.try_insert_case(actor, case, external_ref).await {
                Err(StoreError::Database(e))
                    if attempts < 5 && e.to_lowercase().contains("unique") =>
                {
                    continue;
                }
                other => return other,
            }
        }
    }

    async fn try_insert_case(
        &self,
        actor: &Actor,
        case: &ValidCase,
        external_ref: Option<&str>,
    ) -> Result<Case> {
        let change = self.write(actor).await?;
        let year = case.received_at.with_timezone(&Local).year();
        let last: Option<Option<i32>> = case::Entity::find()
            .select_only()
            .column_as(case::Column::NumberSeq.max(), "max_seq")
            .filter(case::Column::NumberYear.eq(year))
            .into_tuple()
            .one(&*change)
            .await?;
        let seq = last.flatten().unwrap_or(0) + 1;
        let number = CaseNumber::new(year, u32::try_from(seq).unwrap_or(1));
        let now = crate::now();
        // A mediator who takes a case in mediates it.
        let mediator_id = match change.role().await? {
            Some(accord_core::UserRole::Mediator) => actor.user_id,
            _ => None,
        };
        let accepted = case.received_at.with_timezone(&Local).date_naive();
        let limit =
            crate::desk::initial_time_limit(&*change, accepted, case.category, case.channel)
                .await?;
        let model = case::ActiveModel {
            mediator_id: Set(mediator_id),
            due_on: Set(Some(limit.due())),
            time_limit: Set(Some(serde_json::to_string(&limit).unwrap_or_default())),
            receiver_id: Set(actor.user_id),
            number: Set(number.to_string()),
            number_year: Set(year),
            number_seq: Set(seq),
            external_ref: Set(external_ref.map(str::to_owned)),
            category: Set(case.category.code().to_owned()),
            channel: Set(case.channel.code().to_owned()),
            stat_category: Set(
                accord_core::stats::StatCategory::from_category(case.category)
                    .code()
                    .to_owned(),
            ),
            source: Set(accord_core::stats::CaseSource::from_channel(case.channel)
                .code()
                .to_owned()),
            received_at: Set(crate::ms(case.received_at)),
            summary: Set(case.summary.clone()),
            status: Set(CaseStatus::Received.code().to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        }
        .insert(&*change)
        .await?;
        let mut parties = Vec::with_capacity(case.parties.len());
        for (position, p) in case.parties.iter().enumerate() {
            parties.push(insert_party(&*change, model.id, position, p).await?);
        }
        let mut issues = Vec::with_capacity(case.issues.len());
        for (position, issue) in case.issues.iter().enumerate() {
            issues.push(
                disputed_issue::ActiveModel {
                    case_id: Set(model.id),
                    position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
                    title: Set(issue.title.clone()),
                    claimed_minor: Set(issue.claimed.map(|m| m.minor)),
                    claimed_currency: Set(issue.claimed.map(|m| m.currency.code().to_owned())),
                    ..Default::default()
                }
                .insert(&*change)
                .await?,
            );
        }
        change
            .commit(AuditEvent::case(
                AuditAction::CaseCreated,
                model.id,
                serde_json::json!({ "number": number.to_string(), "parties": parties.len() }),
            ))
            .await?;
        convert::case_from(model, parties, issues)
    }

    /// A whole case with its parties and issues.
    pub async fn case(&self, id: i64) -> Result<Case> {
        self.case_where("c.id = ?", id.into())
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Looks a case up by its number.
    pub async fn case_by_number(&self, number: CaseNumber) -> Result<Option<Case>> {
        self.case_where("c.number = ?", number.to_string().into())
            .await
    }

    /// The case the condition picks, with its parties and issues: one
    /// statement (see `reads`).
    async fn case_where(&self, condition: &str, param: Param) -> Result<Option<Case>> {
        use std::sync::OnceLock;
        static SQL: OnceLock<String> = OnceLock::new();
        let sql = SQL.get_or_init(|| {
            format!(
                "SELECT {}, \
                 (SELECT json_group_array({} ORDER BY p.position) FROM parties p \
                  WHERE p.case_id = c.id), \
                 (SELECT json_group_array({} ORDER BY i.position) FROM disputed_issues i \
                  WHERE i.case_id = c.id) \
                 FROM cases c WHERE CONDITION",
                reads::json_row::<case::Entity>("c"),
                reads::json_row::<party::Entity>("p"),
                reads::json_row::<disputed_issue::Entity>("i"),
            )
        });
        let rows = self
            .read(&sql.replace("CONDITION", condition), &[param], |r| {
                let model: case::Model = r
                    .json(0)?
                    .ok_or_else(|| StoreError::Database("no case".to_owned()))?;
                let parties: Vec<party::Model> = r.json(1)?.unwrap_or_default();
                let issues: Vec<disputed_issue::Model> = r.json(2)?.unwrap_or_default();
                convert::case_from(model, parties, issues)
            })
            .await?;
        Ok(rows.into_iter().next())
    }

    /// The case list: newest activity first, optionally filtered by status
    /// and searched by case number or a fragment of a party's name. One
    /// statement: the page, each case's party names and the total.
    pub async fn list_cases(&self, query: &CaseQuery) -> Result<CasePage> {
        let mut clauses: Vec<&str> = Vec::new();
        let mut params: Vec<Param> = Vec::new();
        if let Some(status) = query.status {
            clauses.push("c.status = ?");
            params.push(status.code().into());
        }
        if query.flagged {
            clauses.push("c.risk_level <> 'green'");
        }
        if let Some(me) = query.mine {
            clauses.push(
                "(c.mediator_id = ? OR c.receiver_id = ? OR c.id IN \
                 (SELECT a.case_id FROM case_assignments a \
                  JOIN mediators m ON m.id = a.mediator_id \
                  WHERE m.user_id = ? AND a.ended_at IS NULL))",
            );
            params.extend([me.into(), me.into(), me.into()]);
        }
        let text = query.text.trim();
        let looks_like_number =
            !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == '-');
        if looks_like_number {
            // Case numbers are zero-padded ASCII, so "starts with" is a
            // range of the unique index on the number.
            clauses.push("c.number >= ? AND c.number < ?");
            params.extend([text.into(), format!("{text}\u{7f}").into()]);
        } else if let Some(gram) = grams::lookup_gram(text) {
            // Names never hold digits, so a name search and a number
            // search never need each other; keeping them apart lets each
            // use its own index instead of scanning every case.
            if grams::normalise(text) == gram {
                // A fragment of one or two characters is a gram itself:
                // the index answers alone.
                clauses.push("c.id IN (SELECT g.case_id FROM party_name_grams g WHERE g.gram = ?)");
                params.push(gram.into());
            } else {
                // A longer one is checked against the name.
                clauses.push(
                    "c.id IN (SELECT g.case_id FROM party_name_grams g \
                     JOIN parties n ON n.id = g.party_id \
                     WHERE g.gram = ? AND lower(n.name) LIKE ? ESCAPE '\\')",
                );
                params.extend([
                    gram.into(),
                    format!("%{}%", like_escape(&text.to_lowercase())).into(),
                ]);
            }
        }
        // No filter is no WHERE: SQLite counts a whole table without
        // reading its rows only then.
        let filter = if clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", clauses.join(" AND "))
        };
        // PostgreSQL reads every row to count a table: the number of all
        // cases is kept for it (migration 20).
        let count = if filter.is_empty()
            && self.db.get_database_backend() == sea_orm::DatabaseBackend::Postgres
        {
            "SELECT n FROM case_count".to_owned()
        } else {
            format!("SELECT COUNT(*) FROM cases c{filter}")
        };
        let sql = format!(
            "SELECT c.id, c.number, c.category, c.status, c.risk_level, c.received_at, \
             c.updated_at, \
             (SELECT json_group_array(json_object('r', p.role, 'n', p.name) ORDER BY p.position) \
              FROM parties p WHERE p.case_id = c.id), \
             ({count}) \
             FROM cases c{filter} ORDER BY c.updated_at DESC, c.id DESC LIMIT ? OFFSET ?"
        );
        let limit = if query.limit == 0 { 50 } else { query.limit };
        let mut all = params.clone();
        all.extend(params.iter().cloned());
        all.push(i64::try_from(limit).unwrap_or(i64::MAX).into());
        all.push(i64::try_from(query.offset).unwrap_or(i64::MAX).into());
        #[derive(serde::Deserialize)]
        struct Name {
            r: String,
            n: String,
        }
        let mut total = 0;
        let rows = self
            .read(&sql, &all, |r| {
                total = r.int(8)?;
                let names: Vec<Name> = r.json(7)?.unwrap_or_default();
                let of = |role: PartyRole| {
                    names
                        .iter()
                        .filter(|n| n.r == role.code())
                        .map(|n| n.n.clone())
                        .collect()
                };
                Ok(CaseRow {
                    id: r.int(0)?,
                    applicants: of(PartyRole::Applicant),
                    respondents: of(PartyRole::Respondent),
                    number: r.text(1)?,
                    category: convert::code(&r.text(2)?)?,
                    status: convert::code(&r.text(3)?)?,
                    risk: convert::code(&r.text(4)?)?,
                    received_at: r.time(5)?,
                    updated_at: r.time(6)?,
                })
            })
            .await?;
        if rows.is_empty() && query.offset > 0 {
            // A page past the end still says how many there are.
            total = self
                .read(&count, &params, |r| r.int(0))
                .await?
                .first()
                .copied()
                .unwrap_or(0);
        }
        Ok(CasePage {
            rows,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    /// How many cases there are.
    pub async fn count_cases(&self) -> Result<u64> {
        Ok(case::Entity::find().count(&self.db).await?)
    }

    /// Moves a case along its lifecycle. `expected_version` is the version
    /// the user saw; if someone changed the case since, nothing is written
    /// and [`StoreError::Conflict`] tells them to refresh.
    pub async fn change_status(
        &self,
        actor: &Actor,
        case_id: i64,
        expected_version: i64,
        next: CaseStatus,
    ) -> Result<Case> {
        let change = self.write(actor).await?;
        crate::roles::case_work(&*change, actor, case_id).await?;
        let model = case::Entity::find_by_id(case_id)
            .one(&*change)
            .await?
            .ok_or(StoreError::NotFound)?;
        if model.version != expected_version {
            return Err(StoreError::Conflict);
        }
        let current: CaseStatus = convert::code(&model.status)?;
        current.transition(next)?;
        if current == CaseStatus::Referred && next == CaseStatus::Closed {
            crate::desk::check_feedback(&*change, case_id).await?;
        }
        let updated = case::Entity::update_many()
            .col_expr(case::Column::Status, Expr::value(next.code()))
            .col_expr(case::Column::UpdatedAt, Expr::value(crate::now()))
            .col_expr(case::Column::Version, Expr::value(expected_version + 1))
            .filter(case::Column::Id.eq(case_id))
            .filter(case::Column::Version.eq(expected_version))
            .exec(&*change)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::Conflict);
        }
        change
            .commit(AuditEvent::case(
                AuditAction::CaseStatus,
                case_id,
                serde_json::json!({ "from": current.code(), "to": next.code() }),
            ))
            .await?;
        self.case(case_id).await
    }
}

async fn insert_party(
    conn: &impl ConnectionTrait,
    case_id: i64,
    position: usize,
    p: &accord_core::Party,
) -> Result<party::Model> {
    let model = party::ActiveModel {
        case_id: Set(case_id),
        position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
        kind: Set(p.kind.code().to_owned()),
        role: Set(p.role.code().to_owned()),
        name: Set(p.name.clone()),
        id_number: Set(p.id_number.clone()),
        phone: Set(p.phone.clone()),
        address: Set(p.address.clone()),
        email: Set(p.email.clone()),
        agent_name: Set(p.agent.as_ref().map(|a| a.name.clone())),
        agent_phone: Set(p.agent.as_ref().and_then(|a| a.phone.clone())),
        details: Set(crate::convert::party_details(p)),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    let grams = grams::name_grams(&p.name)
        .into_iter()
        .map(|gram| party_name_gram::ActiveModel {
            gram: Set(gram),
            party_id: Set(model.id),
            case_id: Set(case_id),
        });
    party_name_gram::Entity::insert_many(grams)
        .exec(conn)
        .await?;
    Ok(model)
}
