//! The centre desk: the roster, who mediates which case (suggestions,
//! the conflict check, assignments, withdrawal requests), time limits and
//! the first receiver, transfers with their answer, judicial confirmation
//! and oral agreements. Every change is one transaction with its audit
//! event. It is one file because these rules read each other (an
//! assignment checks the receiver and the conflicts, closing checks the
//! transfers, the board reads assignments and time limits); the natural
//! cut, when it grows again, is the roster and suggestions apart from the
//! case's desk. The rules are here:
//!
//! - The roster is kept by administrators.
//! - A case is assigned, reassigned and handed over by an administrator
//!   (the centre's director) or by its first receiver (首接负责制).
//! - A mediator the conflict check finds tied to someone in the case is
//!   assigned only with a written reason, kept with the hits.
//! - A withdrawal request is recorded by anyone working on the case and
//!   decided by an administrator; granting it ends the assignment.
//! - A later due date needs every party's consent and a reason
//!   ([`accord_core::time_limit::TimeLimit::extend`]).
//! - A transferred case closes only after every receiving body answered.
//!
//! One file for now, because the rules share their helpers: who may act
//! (`director_or_receiver`, `case_work`), the case row with its status and
//! time limit (`set_status`, `store_time_limit`), and the audit events.
//! The next cut is by concern into `desk/roster.rs` (roster, suggestions,
//! assignments, withdrawals), `desk/limits.rs` (time limits, handover, the
//! board) and `desk/outcomes.rs` (transfers, judicial confirmation, oral
//! agreements), with these helpers in `desk/mod.rs`.

use std::collections::HashMap;

use accord_core::{
    AuditAction, CaseStatus, Category, Choice, UserRole, ValidationError,
    conflict::{Checker, Hit, persons_of},
    desk::{
        Assignment, CourtBasis, Feedback, JcState, JudicialConfirmation, NewRouting, OralAgreement,
        Performance, Recusal, RecusalDecision, Routing, Suggestion, rank,
    },
    mediator::{Mediator, MediatorDetails, MediatorType},
    time_limit::{Extension, TimeLimit, Urgency},
};
use accord_entity::{
    case, case_assignment, judicial_confirmation, mediator, oral_agreement, recusal, routing, user,
};
use chrono::{Local, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Statement, sea_query::Expr,
};
use serde::{Deserialize, Serialize};

use accord_migration::OPEN_CASES;

use crate::{Actor, Result, Store, StoreError, convert::code, write::AuditEvent, write::Write};

/// Statuses of a case that is still being worked on.
pub const OPEN_STATUSES: [CaseStatus; 4] = [
    CaseStatus::Received,
    CaseStatus::Assigned,
    CaseStatus::InMediation,
    CaseStatus::Referred,
];

/// The setting with how many days ahead the board warns.
pub const DUE_WARNING_DAYS: &str = "due_warning_days";

/// A setting `time_limit_days.<category or channel code>`: the days a case
/// of that category or from that channel has instead of a month.
pub const TIME_LIMIT_DAYS_PREFIX: &str = "time_limit_days.";

/// What the `profile` column of a roster entry holds.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Profile {
    #[serde(default)]
    categories: Vec<Category>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    availability: accord_core::mediator::Availability,
    #[serde(default)]
    id_number: Option<String>,
    #[serde(default)]
    address: Option<String>,
    #[serde(default)]
    relations: Vec<accord_core::mediator::DeclaredRelation>,
}

fn mediator_from(m: mediator::Model) -> Mediator {
    let profile: Profile = m
        .profile
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
        .unwrap_or_default();
    Mediator {
        id: m.id,
        details: MediatorDetails {
            name: m.name,
            mediator_type: MediatorType::from_code(&m.mediator_type),
            unit: m.unit,
            categories: profile.categories,
            languages: profile.languages,
            availability: profile.availability,
            id_number: profile.id_number,
            phone: m.phone,
            address: profile.address,
            relations: profile.relations,
            user_id: m.user_id,
            active: m.active,
        },
    }
}

fn blank(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// One case on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoardRow {
    pub case_id: i64,
    pub number: String,
    pub category: Category,
    pub status: CaseStatus,
    pub due_on: NaiveDate,
    /// Days left (negative: overdue by so many days).
    pub days_left: i64,
    /// Current mediators' names, lead first.
    pub mediators: Vec<String>,
    /// The roster entries' linked users (for "my cases").
    pub mediator_users: Vec<i64>,
    pub receiver_id: Option<i64>,
    /// The highest risk flag not cleared (矛盾纠纷预警).
    pub risk: accord_core::risk::RiskLevel,
}

impl BoardRow {
    /// How near it is, warning `warn_days` ahead.
    pub fn urgency(&self) -> Urgency {
        match self.days_left {
            n if n < 0 => Urgency::Overdue { days: -n },
            0 => Urgency::Today,
            n => Urgency::Near { days_left: n },
        }
    }
}

/// A mediator's line on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoardCount {
    /// `None`: cases nobody is assigned to.
    pub mediator_id: Option<i64>,
    pub name: Option<String>,
    pub near: u32,
    pub overdue: u32,
}

/// Cases near their due date and overdue.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Board {
    /// Most urgent first; at most the limit asked for.
    pub rows: Vec<BoardRow>,
    /// Per mediator, and for the centre (`total_*`), over all such cases.
    pub per_mediator: Vec<BoardCount>,
    pub total_near: u32,
    pub total_overdue: u32,
    pub warn_days: i64,
}

/// Everything the desk knows about one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseDesk {
    pub time_limit: TimeLimit,
    pub receiver: Option<(i64, String)>,
    /// Current assignments first (lead first), then ended ones.
    pub assignments: Vec<Assignment>,
    pub recusals: Vec<Recusal>,
    pub routings: Vec<Routing>,
    pub jc: Option<JudicialConfirmation>,
    pub oral: Option<OralAgreement>,
    /// Ties between the current mediators and the case as it is now
    /// (a party added after assignment shows here).
    pub conflicts: Vec<Hit>,
    pub warn_days: i64,
}

impl CaseDesk {
    /// Whether every transfer has its answer.
    pub fn feedback_pending(&self) -> bool {
        self.routings.iter().any(|r| r.feedback.is_none())
    }
}

/// A statement with `?` placeholders, written as the back end wants.
pub(crate) fn statement(
    backend: DatabaseBackend,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> Statement {
    let sql = crate::reads::numbered(sql, backend);
    Statement::from_sql_and_values(backend, sql, values)
}

/// The time limit of a case: as stored, or a month from its receipt.
fn time_limit_of(m: &case::Model) -> TimeLimit {
    m.time_limit
        .as_deref()
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_else(|| TimeLimit::new(m.received_at.with_timezone(&Local).date_naive(), None))
}

/// The time limit a new case gets: a month from its receipt, or the days
/// its channel's or category's setting gives.
pub(crate) async fn initial_time_limit(
    conn: &impl ConnectionTrait,
    accepted: NaiveDate,
    category: Category,
    channel: accord_core::IntakeChannel,
) -> Result<TimeLimit> {
    for key in [channel.code(), category.code()] {
        let days =
            accord_entity::setting::Entity::find_by_id(format!("{TIME_LIMIT_DAYS_PREFIX}{key}"))
                .one(conn)
                .await?
                .and_then(|s| s.value.trim().parse::<u64>().ok());
        if let Some(days) = days.filter(|d| *d > 0) {
            let set = accepted.checked_add_days(chrono::Days::new(days));
            return Ok(TimeLimit::new(accepted, set));
        }
    }
    Ok(TimeLimit::new(accepted, None))
}

/// Moves a case to `next` (checked against the lifecycle), bumping its
/// version: inside the caller's change.
async fn set_status(change: &Write<'_>, m: &case::Model, next: CaseStatus) -> Result<CaseStatus> {
    let current: CaseStatus = code(&m.status)?;
    current.transition(next)?;
    case::Entity::update_many()
        .col_expr(case::Column::Status, Expr::value(next.code()))
        .col_expr(case::Column::UpdatedAt, Expr::value(crate::now()))
        .col_expr(case::Column::Version, Expr::value(m.version + 1))
        .filter(case::Column::Id.eq(m.id))
        .exec(&**change)
        .await?;
    Ok(current)
}

/// Writes a case's time limit and the due date the board reads.
async fn store_time_limit(change: &Write<'_>, case_id: i64, limit: &TimeLimit) -> Result<()> {
    case::Entity::update_many()
        .col_expr(case::Column::DueOn, Expr::value(limit.due()))
        .col_expr(
            case::Column::TimeLimit,
            Expr::value(serde_json::to_string(limit).unwrap_or_default()),
        )
        .filter(case::Column::Id.eq(case_id))
        .exec(&**change)
        .await?;
    Ok(())
}

/// Refuses unless the actor is an administrator, the case's first
/// receiver, or the program.
async fn director_or_receiver(change: &Write<'_>, m: &case::Model) -> Result<()> {
    match change.role().await? {
        None | Some(UserRole::Administrator) => Ok(()),
        Some(_) if m.receiver_id.is_some() && m.receiver_id == change.actor().user_id => Ok(()),
        Some(_) => Err(StoreError::NotAllowed),
    }
}

async fn case_model(conn: &impl ConnectionTrait, case_id: i64) -> Result<case::Model> {
    case::Entity::find_by_id(case_id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

fn reason(text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        Err(ValidationError::ReasonEmpty.into())
    } else {
        Ok(t.to_owned())
    }
}

/// Whether a routed case may close: every transfer answered.
pub(crate) async fn check_feedback(conn: &impl ConnectionTrait, case_id: i64) -> Result<()> {
    let pending = routing::Entity::find()
        .filter(routing::Column::CaseId.eq(case_id))
        .filter(routing::Column::FeedbackOn.is_null())
        .one(conn)
        .await?;
    if pending.is_some() {
        return Err(ValidationError::FeedbackPending.into());
    }
    Ok(())
}

impl Store {
    /// The roster: active entries first, then by name.
    pub async fn roster(&self) -> Result<Vec<Mediator>> {
        let rows = mediator::Entity::find()
            .order_by_desc(mediator::Column::Active)
            .order_by_asc(mediator::Column::Name)
            .order_by_asc(mediator::Column::Id)
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(mediator_from).collect())
    }

    /// Adds a roster entry (`id` `None`) or changes one. Administrators
    /// only.
    pub async fn save_mediator(
        &self,
        actor: &Actor,
        id: Option<i64>,
        details: &MediatorDetails,
    ) -> Result<Mediator> {
        details.validate()?;
        let change = self.write(actor).await?;
        change.require(UserRole::Administrator).await?;
        if let Some(user_id) = details.user_id {
            user::Entity::find_by_id(user_id)
                .one(&*change)
                .await?
                .ok_or(StoreError::NotFound)?;
        }
        let profile = Profile {
            categories: details.categories.clone(),
            languages: details
                .languages
                .iter()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect(),
            availability: details.availability.clone(),
            id_number: blank(&details.id_number).map(|s| s.to_uppercase()),
            address: blank(&details.address),
            relations: details.relations.clone(),
        };
        let mut model = mediator::ActiveModel {
            name: Set(details.name.trim().to_owned()),
            mediator_type: Set(details
                .mediator_type
                .unwrap_or(MediatorType::FullTime)
                .code()
                .to_owned()),
            specialty: Set(None),
            phone: Set(blank(&details.phone)),
            active: Set(details.active),
            unit: Set(details.unit.trim().to_owned()),
            profile: Set(Some(serde_json::to_string(&profile).unwrap_or_default())),
            user_id: Set(details.user_id),
            ..Default::default()
        };
        let saved = match id {
            Some(id) => {
                mediator::Entity::find_by_id(id)
                    .one(&*change)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                model.id = Set(id);
                model.update(&*change).await?
            }
            None => model.insert(&*change).await?,
        };
        change
            .commit(AuditEvent::centre(
                AuditAction::RosterChanged,
                serde_json::json!({
                    "mediator": saved.id,
                    "name": saved.name,
                    "new": id.is_none(),
                    "active": saved.active,
                }),
            ))
            .await?;
        Ok(mediator_from(saved))
    }

    /// Open cases per roster entry: the cases still being worked on that
    /// it leads (read from the open cases' index).
    pub async fn open_case_counts(&self) -> Result<HashMap<i64, u32>> {
        let backend = self.db.get_database_backend();
        let sql = format!(
            "SELECT lead_mediator_id AS m, COUNT(*) AS n FROM cases \
             WHERE {OPEN_CASES} AND lead_mediator_id IS NOT NULL GROUP BY lead_mediator_id"
        );
        let rows = self
            .db
            .query_all_raw(statement(backend, &sql, Vec::new()))
            .await?;
        let mut out = HashMap::new();
        for row in rows {
            let m: i64 = row.try_get("", "m")?;
            let n: i64 = row.try_get("", "n")?;
            out.insert(m, u32::try_from(n).unwrap_or(u32::MAX));
        }
        Ok(out)
    }

    /// The active mediators for a case, ranked (see
    /// [`accord_core::desk::rank`]), each with its conflict check. Those
    /// assigned to it now are left out.
    pub async fn suggestions(&self, case_id: i64, today: NaiveDate) -> Result<Vec<Suggestion>> {
        let case = self.case(case_id).await?;
        let current: Vec<i64> = case_assignment::Entity::find()
            .filter(case_assignment::Column::CaseId.eq(case_id))
            .filter(case_assignment::Column::EndedAt.is_null())
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| a.mediator_id)
            .collect();
        let roster: Vec<Mediator> = self
            .roster()
            .await?
            .into_iter()
            .filter(|m| !current.contains(&m.id))
            .collect();
        let counts = self.open_case_counts().await?;
        Ok(rank(
            &roster,
            &counts,
            case.category,
            today,
            &persons_of(&case.parties),
        ))
    }

    /// Assigns a roster entry to a case: the lead when the case has none,
    /// else a co-mediator. A tie the conflict check finds needs
    /// `override_reason`. The lead's linked account becomes the room's
    /// mediator; a case just received becomes assigned.
    pub async fn assign_mediator(
        &self,
        actor: &Actor,
        case_id: i64,
        mediator_id: i64,
        override_reason: Option<&str>,
    ) -> Result<Assignment> {
        let change = self.write(actor).await?;
        let id = assign_in(&change, case_id, mediator_id, override_reason, None).await?;
        let events = id.1;
        change.commit_all(events).await?;
        self.assignment(id.0).await
    }

    /// Ends an assignment and puts another mediator in its place (same
    /// lead or co-mediator standing), with the reason: one change.
    pub async fn reassign(
        &self,
        actor: &Actor,
        assignment_id: i64,
        to_mediator: i64,
        why: &str,
        override_reason: Option<&str>,
    ) -> Result<Assignment> {
        let why = reason(why)?;
        let change = self.write(actor).await?;
        let old = case_assignment::Entity::find_by_id(assignment_id)
            .one(&*change)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut events = vec![end_in(&change, &old, &why).await?];
        let (id, more) = assign_in(
            &change,
            old.case_id,
            to_mediator,
            override_reason,
            Some(old.lead),
        )
        .await?;
        events.extend(more);
        change.commit_all(events).await?;
        self.assignment(id).await
    }

    /// Ends an assignment with its reason (the mediator left the case).
    pub async fn end_assignment(&self, actor: &Actor, assignment_id: i64, why: &str) -> Result<()> {
        let why = reason(why)?;
        let change = self.write(actor).await?;
        let old = case_assignment::Entity::find_by_id(assignment_id)
            .one(&*change)
            .await?
            .ok_or(StoreError::NotFound)?;
        let event = end_in(&change, &old, &why).await?;
        change.commit(event).await
    }

    async fn assignment(&self, id: i64) -> Result<Assignment> {
        let m = case_assignment::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        let names = self.mediator_names().await?;
        Ok(assignment_from(m, &names))
    }

    async fn mediator_names(&self) -> Result<HashMap<i64, String>> {
        Ok(mediator::Entity::find()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect())
    }

    /// Records a party's request that a mediator withdraw.
    pub async fn request_recusal(
        &self,
        actor: &Actor,
        case_id: i64,
        mediator_id: i64,
        party_id: i64,
        why: &str,
    ) -> Result<Recusal> {
        let why = reason(why)?;
        let change = self.write(actor).await?;
        crate::roles::case_work(&*change, actor, case_id).await?;
        let party = accord_entity::party::Entity::find_by_id(party_id)
            .one(&*change)
            .await?
            .filter(|p| p.case_id == case_id)
            .ok_or(StoreError::Invalid(ValidationError::NotAParty))?;
        mediator::Entity::find_by_id(mediator_id)
            .one(&*change)
            .await?
            .ok_or(StoreError::NotFound)?;
        let saved = recusal::ActiveModel {
            case_id: Set(case_id),
            mediator_id: Set(mediator_id),
            party_id: Set(party_id),
            reason: Set(why),
            requested_at: Set(crate::now()),
            decision: Set(RecusalDecision::Pending.code().to_owned()),
            ..Default::default()
        }
        .insert(&*change)
        .await?;
        change
            .commit(AuditEvent::case(
                AuditAction::RecusalRequested,
                case_id,
                serde_json::json!({ "recusal": saved.id, "mediator": mediator_id, "party": party.name }),
            ))
            .await?;
        self.recusal(saved.id).await
    }

    /// Decides a withdrawal request (administrators: the centre's
    /// director). Granting it ends the mediator's assignment to the case.
    pub async fn decide_recusal(
        &self,
        actor: &Actor,
        recusal_id: i64,
        granted: bool,
        why: &str,
    ) -> Result<Recusal> {
        let why = reason(why)?;
        let change = self.write(actor).await?;
        change.require(UserRole::Administrator).await?;
        let r = recusal::Entity::find_by_id(recusal_id)
            .one(&*change)
            .await?
            .ok_or(StoreError::NotFound)?;
        if r.decision != RecusalDecision::Pending.code() {
            return Err(ValidationError::DecidedAlready.into());
        }
        let decision = if granted {
            RecusalDecision::Granted
        } else {
            RecusalDecision::Refused
        };
        let mut events = Vec::new();
        if granted {
            let current = case_assignment::Entity::find()
                .filter(case_assignment::Column::CaseId.eq(r.case_id))
                .filter(case_assignment::Column::MediatorId.eq(r.mediator_id))
                .filter(case_assignment::Column::EndedAt.is_null())
                .all(&*change)
                .await?;
            for a in current {
                events.push(end_in(&change, &a, &why).await?);
            }
        }
        let case_id = r.case_id;
        let mut active: recusal::ActiveModel = r.into();
        active.decision = Set(decision.code().to_owned());
        active.decision_reason = Set(Some(why));
        active.decided_at = Set(Some(crate::now()));
        active.decided_by = Set(Some(actor.name.clone()));
        active.update(&*change).await?;
        events.insert(
            0,
            AuditEvent::case(
                AuditAction::RecusalDecided,
                case_id,
                serde_json::json!({ "recusal": recusal_id, "decision": decision.code() }),
            ),
        );
        change.commit_all(events).await?;
        self.recusal(recusal_id).await
    }

    async fn recusal(&self, id: i64) -> Result<Recusal> {
        let m = recusal::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        let names = self.mediator_names().await?;
        let party = accord_entity::party::Entity::find_by_id(m.party_id)
            .one(&self.db)
            .await?
            .map(|p| p.name)
            .unwrap_or_default();
        recusal_from(m, &names, party)
    }

    /// Moves a case's due date later with every party's consent.
    pub async fn extend_time_limit(
        &self,
        actor: &Actor,
        case_id: i64,
        to: NaiveDate,
        why: &str,
        consented_by: Vec<i64>,
    ) -> Result<TimeLimit> {
        let change = self.write(actor).await?;
        crate::roles::case_work(&*change, actor, case_id).await?;
        let m = case_model(&*change, case_id).await?;
        let parties: Vec<i64> = accord_entity::party::Entity::find()
            .filter(accord_entity::party::Column::CaseId.eq(case_id))
            .all(&*change)
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect();
        let mut limit = time_limit_of(&m);
        let from = limit.due();
        limit.extend(
            Extension {
                to,
                reason: why.trim().to_owned(),
                consented_by,
                at: crate::now(),
            },
            &parties,
        )?;
        store_time_limit(&change, case_id, &limit).await?;
        change
            .commit(AuditEvent::case(
                AuditAction::TimeLimitExtended,
                case_id,
                serde_json::json!({ "from": from, "to": to, "reason": why.trim() }),
            ))
            .await?;
        Ok(limit)
    }

    /// Sets the date a case is due by instead of the month (a court's date
    /// for a case it entrusted, a source's), with the reason: before any
    /// extension (a later date after that is an extension).
    pub async fn set_due_date(
        &self,
        actor: &Actor,
        case_id: i64,
        on: NaiveDate,
        why: &str,
    ) -> Result<TimeLimit> {
        let why = reason(why)?;
        let change = self.write(actor).await?;
        crate::roles::case_work(&*change, actor, case_id).await?;
        let m = case_model(&*change, case_id).await?;
        let mut limit = time_limit_of(&m);
        if !limit.extensions.is_empty() {
            return Err(ValidationError::DecidedAlready.into());
        }
        if on < limit.accepted {
            return Err(ValidationError::DateTime.into());
        }
        let from = limit.due();
        limit.set = Some(on);
        store_time_limit(&change, case_id, &limit).await?;
        change
            .commit(AuditEvent::case(
                AuditAction::TimeLimitSet,
                case_id,
                serde_json::json!({ "from": from, "to": on, "reason": why }),
            ))
            .await?;
        Ok(limit)
    }

    /// Hands a case from its first receiver to another user, with the
    /// reason (an administrator or the receiver).
    pub async fn hand_over(
        &self,
        actor: &Actor,
        case_id: i64,
        to_user: i64,
        why: &str,
    ) -> Result<()> {
        let why = reason(why)?;
        let change = self.write(actor).await?;
        let m = case_model(&*change, case_id).await?;
        director_or_receiver(&change, &m).await?;
        let to = user::Entity::find_by_id(to_user)
            .one(&*change)
            .await?
            .ok_or(StoreError::NotFound)?;
        case::Entity::update_many()
            .col_expr(case::Column::ReceiverId, Expr::value(to_user))
            .filter(case::Column::Id.eq(case_id))
            .exec(&*change)
            .await?;
        change
            .commit(AuditEvent::case(
                AuditAction::CaseHandedOver,
                case_id,
                serde_json::json!({ "from": m.receiver_id, "to": to_user, "to_name": to.name, "reason": why }),
            ))
            .await
    }

    /// The board on `today`: open cases due within the warning days or
    /// overdue, most urgent first (at most `limit` rows), and the counts
    /// per mediator and for the centre.
    pub async fn board(&self, today: NaiveDate, limit: u64) -> Result<Board> {
        let warn_days = self.due_warning_days().await?;
        let until = today + chrono::Days::new(u64::try_from(warn_days).unwrap_or(3));
        let backend = self.db.get_database_backend();
        // Both reads walk the partial index of open cases by due date.
        let rows = case::Entity::find()
            .from_raw_sql(statement(
                backend,
                &format!(
                    "SELECT * FROM cases WHERE {OPEN_CASES} AND due_on <= ? \
                     ORDER BY due_on, id LIMIT {limit}"
                ),
                vec![until.into()],
            ))
            .all(&self.db)
            .await?;
        let counted = self
            .db
            .query_all_raw(statement(
                backend,
                &format!(
                    "SELECT lead_mediator_id AS m, \
                     SUM(CASE WHEN due_on < ? THEN 1 ELSE 0 END) AS overdue, COUNT(*) AS n \
                     FROM cases WHERE {OPEN_CASES} AND due_on <= ? GROUP BY lead_mediator_id"
                ),
                vec![today.into(), until.into()],
            ))
            .await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let assignments = if ids.is_empty() {
            Vec::new()
        } else {
            case_assignment::Entity::find()
                .filter(case_assignment::Column::CaseId.is_in(ids))
                .filter(case_assignment::Column::EndedAt.is_null())
                .order_by_desc(case_assignment::Column::Lead)
                .order_by_asc(case_assignment::Column::Id)
                .all(&self.db)
                .await?
        };
        let mut counts = Vec::new();
        for row in counted {
            let m: Option<i64> = row.try_get("", "m")?;
            let overdue: i64 = row.try_get::<Option<i64>>("", "overdue")?.unwrap_or(0);
            let n: i64 = row.try_get("", "n")?;
            counts.push((m, overdue, n));
        }
        // Names of the mediators shown, and nobody else's.
        let mut wanted: Vec<i64> = assignments
            .iter()
            .map(|a| a.mediator_id)
            .chain(counts.iter().filter_map(|c| c.0))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let roster: HashMap<i64, (String, Option<i64>)> = if wanted.is_empty() {
            HashMap::new()
        } else {
            mediator::Entity::find()
                .select_only()
                .column(mediator::Column::Id)
                .column(mediator::Column::Name)
                .column(mediator::Column::UserId)
                .filter(mediator::Column::Id.is_in(wanted))
                .into_tuple::<(i64, String, Option<i64>)>()
                .all(&self.db)
                .await?
                .into_iter()
                .map(|(id, name, user)| (id, (name, user)))
                .collect()
        };
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let Some(due_on) = r.due_on else { continue };
            let mine: Vec<&case_assignment::Model> =
                assignments.iter().filter(|a| a.case_id == r.id).collect();
            out.push(BoardRow {
                case_id: r.id,
                number: r.number,
                category: code(&r.category)?,
                status: code(&r.status)?,
                due_on,
                days_left: (due_on - today).num_days(),
                mediators: mine
                    .iter()
                    .filter_map(|a| roster.get(&a.mediator_id).map(|m| m.0.clone()))
                    .collect(),
                mediator_users: mine
                    .iter()
                    .filter_map(|a| roster.get(&a.mediator_id).and_then(|m| m.1))
                    .chain(r.mediator_id)
                    .collect(),
                receiver_id: r.receiver_id,
                risk: code(&r.risk_level)?,
            });
        }
        // Each case has at most one lead: the lines add up to the centre.
        let mut per_mediator = Vec::new();
        let (mut total_near, mut total_overdue) = (0u32, 0u32);
        for (m, overdue, n) in counts {
            let overdue = u32::try_from(overdue).unwrap_or(0);
            let near = u32::try_from(n).unwrap_or(0).saturating_sub(overdue);
            total_near += near;
            total_overdue += overdue;
            per_mediator.push(BoardCount {
                mediator_id: m,
                name: m.and_then(|m| roster.get(&m).map(|r| r.0.clone())),
                near,
                overdue,
            });
        }
        per_mediator
            .sort_by(|a, b| (b.overdue, b.near, &a.name).cmp(&(a.overdue, a.near, &b.name)));
        Ok(Board {
            rows: out,
            per_mediator,
            total_near,
            total_overdue,
            warn_days,
        })
    }

    /// How many days ahead the board warns (setting, default 3).
    pub async fn due_warning_days(&self) -> Result<i64> {
        Ok(
            accord_entity::setting::Entity::find_by_id(DUE_WARNING_DAYS.to_owned())
                .one(&self.db)
                .await?
                .and_then(|s| s.value.trim().parse::<i64>().ok())
                .filter(|d| (0..=60).contains(d))
                .unwrap_or(3),
        )
    }

    /// Sets how many days ahead the board warns (administrators).
    pub async fn set_due_warning_days(&self, actor: &Actor, days: i64) -> Result<()> {
        if !(0..=60).contains(&days) {
            return Err(ValidationError::Amount.into());
        }
        self.set_centre_details(actor, &[(DUE_WARNING_DAYS, &days.to_string())])
            .await
    }

    /// Transfers a case to another body with its slip (分流). The case
    /// becomes referred and keeps its number and history; it closes only
    /// after the answer ([`Self::record_feedback`]).
    pub async fn route_case(
        &self,
        actor: &Actor,
        case_id: i64,
        slip: &NewRouting,
        today: NaiveDate,
    ) -> Result<Routing> {
        slip.validate(today)?;
        let change = self.write(actor).await?;
        crate::roles::case_work(&*change, actor, case_id).await?;
        let m = case_model(&*change, case_id).await?;
        check_feedback(&*change, case_id).await?;
        let mut events = Vec::new();
        if m.status != CaseStatus::Referred.code() {
            let from = set_status(&change, &m, CaseStatus::Referred).await?;
            events.push(AuditEvent::case(
                AuditAction::CaseStatus,
                case_id,
                serde_json::json!({ "from": from.code(), "to": CaseStatus::Referred.code() }),
            ));
        }
        let saved = routing::ActiveModel {
            case_id: Set(case_id),
            body: Set(slip.body.code().to_owned()),
            body_name: Set(slip.body_name.trim().to_owned()),
            reason: Set(slip.reason.trim().to_owned()),
            done: Set(slip.done.trim().to_owned()),
            feedback_due: Set(slip.feedback_due),
            routed_at: Set(crate::now()),
            routed_by: Set(actor.name.clone()),
            ..Default::default()
        }
        .insert(&*change)
        .await?;
        events.insert(
            0,
            AuditEvent::case(
                AuditAction::CaseRouted,
                case_id,
                serde_json::json!({ "routing": saved.id, "body": slip.body.code(), "to": slip.body_name.trim() }),
            ),
        );
        change.commit_all(events).await?;
        routing_from(saved)
    }

    /// Records the receiving body's answer to a transfer.
    pub async fn record_feedback(
        &self,
        actor: &Actor,
        routing_id: i64,
        feedback: &Feedback,
    ) -> Result<Routing> {
        if feedback.result.trim().is_empty() {
            return Err(ValidationError::ContentEmpty.into());
        }
        let change = self.write(actor).await?;
        let r = routing::Entity::find_by_id(routing_id)
            .one(&*change)
            .await?
            .ok_or(StoreError::NotFound)?;
        crate::roles::case_work(&*change, actor, r.case_id).await?;
        if r.feedback_on.is_some() {
            return Err(ValidationError::DecidedAlready.into());
        }
        let case_id = r.case_id;
        let mut active: routing::ActiveModel = r.into();
        active.feedback_accepted = Set(Some(feedback.accepted));
        active.feedback_result = Set(Some(feedback.result.trim().to_owned()));
        active.feedback_on = Set(Some(feedback.on));
        let saved = active.update(&*change).await?;
        change
            .commit(AuditEvent::case(
                AuditAction::RoutingFeedback,
                case_id,
                serde_json::json!({ "routing": routing_id, "accepted": feedback.accepted }),
            ))
            .await?;
        routing_from(saved)
    }

    /// Prepares (or changes, until filed) the application for judicial
    /// confirmation of the case's agreement.
    pub async fn prepare_jc(
        &self,
        actor: &Actor,
        case_id: i64,
        court: &str,
        basis: CourtBasis,
    ) -> Result<JudicialConfirmation> {
        let court = accord_core::party::validate_name(court)?;
        let change = self.write(actor).await?;
        crate::roles::case_work(&*change, actor, case_id).await?;
        let existing = judicial_confirmation::Entity::find_by_id(case_id)
            .one(&*change)
            .await?;
        if existing
            .as_ref()
            .is_some_and(|j| j.state != JcState::Prepared.code())
        {
            return Err(ValidationError::DecidedAlready.into());
        }
        let model = judicial_confirmation::ActiveModel {
            case_id: Set(case_id),
            court: Set(court.clone()),
            basis: Set(basis.code().to_owned()),
            state: Set(JcState::Prepared.code().to_owned()),
            prepared_at: Set(crate::now()),
            filed_on: Set(None),
            court_number: Set(None),
            ruled_on: Set(None),
            ruling_note: Set(None),
        };
        if existing.is_some() {
            model.update(&*change).await?;
        } else {
            model.insert(&*change).await?;
        }
        change
            .commit(AuditEvent::case(
                AuditAction::JcPrepared,
                case_id,
                serde_json::json!({ "court": court, "basis": basis.code() }),
            ))
            .await?;
        self.jc(case_id).await?.ok_or(StoreError::NotFound)
    }

    /// Records that the application was filed, with the court's number.
    pub async fn record_jc_filed(
        &self,
        actor: &Actor,
        case_id: i64,
        on: NaiveDate,
        court_number: &str,
    ) -> Result<JudicialConfirmation> {
        let number = court_number.trim();
        if number.is_empty() {
            return Err(ValidationError::CaseNumber.into());
        }
        self.jc_step(
            actor,
            case_id,
            JcState::Prepared,
            AuditAction::JcFiled,
            |m| {
                m.state = Set(JcState::Filed.code().to_owned());
                m.filed_on = Set(Some(on));
                m.court_number = Set(Some(number.to_owned()));
            },
        )
        .await
    }

    /// Records the court's ruling: confirmed (the agreement can be
    /// enforced) or not; the judicial-confirmation steps end here.
    pub async fn record_jc_ruling(
        &self,
        actor: &Actor,
        case_id: i64,
        confirmed: bool,
        on: NaiveDate,
        note: &str,
    ) -> Result<JudicialConfirmation> {
        let state = if confirmed {
            JcState::Confirmed
        } else {
            JcState::Rejected
        };
        let note = note.trim().to_owned();
        self.jc_step(actor, case_id, JcState::Filed, AuditAction::JcRuled, |m| {
            m.state = Set(state.code().to_owned());
            m.ruled_on = Set(Some(on));
            m.ruling_note = Set(Some(note).filter(|n| !n.is_empty()));
        })
        .await
    }

    async fn jc_step(
        &self,
        actor: &Actor,
        case_id: i64,
        from: JcState,
        action: AuditAction,
        apply: impl FnOnce(&mut judicial_confirmation::ActiveModel),
    ) -> Result<JudicialConfirmation> {
        let change = self.write(actor).await?;
        crate::roles::case_work(&*change, actor, case_id).await?;
        let m = judicial_confirmation::Entity::find_by_id(case_id)
            .one(&*change)
            .await?
            .ok_or(StoreError::NotFound)?;
        if m.state != from.code() {
            return Err(ValidationError::DecidedAlready.into());
        }
        let mut active: judicial_confirmation::ActiveModel = m.into();
        apply(&mut active);
        let saved = active.update(&*change).await?;
        if action == AuditAction::JcFiled {
            // Applied for: the ladder's warnings that the window closes
            // are done, in the same change.
            use accord_core::followup::{FollowUpKind, FollowUpState};
            use accord_entity::follow_up;
            follow_up::Entity::update_many()
                .col_expr(
                    follow_up::Column::State,
                    Expr::value(FollowUpState::Done.code()),
                )
                .col_expr(
                    follow_up::Column::Outcome,
                    Expr::value(format!(
                        "{} {}",
                        saved.filed_on.map(|d| d.to_string()).unwrap_or_default(),
                        saved.court_number.clone().unwrap_or_default()
                    )),
                )
                .col_expr(follow_up::Column::DoneAt, Expr::value(crate::now()))
                .col_expr(follow_up::Column::DoneBy, Expr::value(actor.name.as_str()))
                .filter(follow_up::Column::CaseId.eq(case_id))
                .filter(follow_up::Column::Kind.eq(FollowUpKind::ConfirmationWindow.code()))
                .filter(follow_up::Column::State.eq(FollowUpState::Open.code()))
                .exec(&*change)
                .await?;
        }
        change
            .commit(AuditEvent::case(
                action,
                case_id,
                serde_json::json!({ "state": saved.state, "court_number": saved.court_number }),
            ))
            .await?;
        self.jc(case_id).await?.ok_or(StoreError::NotFound)
    }

    async fn jc(&self, case_id: i64) -> Result<Option<JudicialConfirmation>> {
        judicial_confirmation::Entity::find_by_id(case_id)
            .one(&self.db)
            .await?
            .map(jc_from)
            .transpose()
    }

    /// Registers an agreement reached orally on the spot (People's
    /// Mediation Law art. 28): the case is settled without a written
    /// agreement. Later calls update how far it was carried out.
    pub async fn record_oral_agreement(
        &self,
        actor: &Actor,
        case_id: i64,
        content: &str,
        performance: Performance,
    ) -> Result<OralAgreement> {
        let content = content.trim().to_owned();
        if content.is_empty() {
            return Err(ValidationError::ContentEmpty.into());
        }
        let change = self.write(actor).await?;
        crate::roles::case_work(&*change, actor, case_id).await?;
        let m = case_model(&*change, case_id).await?;
        let existing = oral_agreement::Entity::find_by_id(case_id)
            .one(&*change)
            .await?;
        let mut events = Vec::new();
        let status: CaseStatus = code(&m.status)?;
        if existing.is_none() {
            if !matches!(
                status,
                CaseStatus::Received | CaseStatus::Assigned | CaseStatus::InMediation
            ) {
                return Err(ValidationError::IllegalTransition {
                    from: status.code(),
                    to: CaseStatus::Settled.code(),
                }
                .into());
            }
            // Settled on the spot: the steps between are skipped.
            case::Entity::update_many()
                .col_expr(
                    case::Column::Status,
                    Expr::value(CaseStatus::Settled.code()),
                )
                .col_expr(case::Column::UpdatedAt, Expr::value(crate::now()))
                .col_expr(case::Column::Version, Expr::value(m.version + 1))
                .filter(case::Column::Id.eq(case_id))
                .exec(&*change)
                .await?;
            events.push(AuditEvent::case(
                AuditAction::CaseStatus,
                case_id,
                serde_json::json!({ "from": status.code(), "to": CaseStatus::Settled.code() }),
            ));
        }
        let model = oral_agreement::ActiveModel {
            case_id: Set(case_id),
            content: Set(content),
            performance: Set(performance.code().to_owned()),
            recorded_at: Set(crate::now()),
            recorded_by: Set(actor.name.clone()),
        };
        let saved = if existing.is_some() {
            model.update(&*change).await?
        } else {
            model.insert(&*change).await?
        };
        events.insert(
            0,
            AuditEvent::case(
                AuditAction::OralAgreementRecorded,
                case_id,
                serde_json::json!({ "performance": performance.code(), "new": existing.is_none() }),
            ),
        );
        change.commit_all(events).await?;
        oral_from(saved)
    }

    /// Everything the desk knows about a case.
    pub async fn case_desk(&self, case_id: i64) -> Result<CaseDesk> {
        let m = case_model(&self.db, case_id).await?;
        let names = self.mediator_names().await?;
        let mut assignments: Vec<Assignment> = case_assignment::Entity::find()
            .filter(case_assignment::Column::CaseId.eq(case_id))
            .order_by_asc(case_assignment::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| assignment_from(a, &names))
            .collect();
        assignments.sort_by_key(|a| {
            (
                a.ended_at.is_some(),
                !a.lead,
                a.ended_at.is_some().then_some(a.id),
            )
        });
        let party_names: HashMap<i64, String> = accord_entity::party::Entity::find()
            .filter(accord_entity::party::Column::CaseId.eq(case_id))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect();
        let recusals = recusal::Entity::find()
            .filter(recusal::Column::CaseId.eq(case_id))
            .order_by_asc(recusal::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| {
                let party = party_names.get(&r.party_id).cloned().unwrap_or_default();
                recusal_from(r, &names, party)
            })
            .collect::<Result<Vec<_>>>()?;
        let routings = routing::Entity::find()
            .filter(routing::Column::CaseId.eq(case_id))
            .order_by_asc(routing::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(routing_from)
            .collect::<Result<Vec<_>>>()?;
        let receiver = match m.receiver_id {
            Some(id) => user::Entity::find_by_id(id)
                .one(&self.db)
                .await?
                .map(|u| (u.id, u.name)),
            None => None,
        };
        // The current mediators against the case as it is now.
        let current: Vec<i64> = assignments
            .iter()
            .filter(|a| a.ended_at.is_none())
            .map(|a| a.mediator_id)
            .collect();
        let conflicts = if current.is_empty() {
            Vec::new()
        } else {
            let case = self.case(case_id).await?;
            let persons = persons_of(&case.parties);
            mediator::Entity::find()
                .filter(mediator::Column::Id.is_in(current))
                .all(&self.db)
                .await?
                .into_iter()
                .flat_map(|m| Checker::new(&mediator_from(m)).check(&persons))
                .collect()
        };
        Ok(CaseDesk {
            time_limit: time_limit_of(&m),
            receiver,
            assignments,
            recusals,
            routings,
            jc: self.jc(case_id).await?,
            oral: oral_agreement::Entity::find_by_id(case_id)
                .one(&self.db)
                .await?
                .map(oral_from)
                .transpose()?,
            conflicts,
            warn_days: self.due_warning_days().await?,
        })
    }
}

/// Assigns inside `change`: returns the new assignment's id and its
/// events. `lead`: `Some` keeps a replaced assignment's standing.
async fn assign_in(
    change: &Write<'_>,
    case_id: i64,
    mediator_id: i64,
    override_reason: Option<&str>,
    lead: Option<bool>,
) -> Result<(i64, Vec<AuditEvent>)> {
    let m = case_model(&**change, case_id).await?;
    director_or_receiver(change, &m).await?;
    let roster = mediator::Entity::find_by_id(mediator_id)
        .one(&**change)
        .await?
        .ok_or(StoreError::NotFound)?;
    let current = case_assignment::Entity::find()
        .filter(case_assignment::Column::CaseId.eq(case_id))
        .filter(case_assignment::Column::EndedAt.is_null())
        .all(&**change)
        .await?;
    if current.iter().any(|a| a.mediator_id == mediator_id) {
        return Err(ValidationError::AssignedAlready.into());
    }
    let lead = lead.unwrap_or_else(|| !current.iter().any(|a| a.lead));
    // The conflict check, on the case as it is in this transaction.
    let parties = accord_entity::party::Entity::find()
        .filter(accord_entity::party::Column::CaseId.eq(case_id))
        .all(&**change)
        .await?
        .into_iter()
        .map(crate::convert::party_from)
        .collect::<Result<Vec<_>>>()?;
    let mediator = mediator_from(roster);
    let hits = Checker::new(&mediator).check(&persons_of(&parties));
    let override_reason = override_reason
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    if !hits.is_empty() && override_reason.is_none() {
        return Err(ValidationError::ConflictUnexplained.into());
    }
    let saved = case_assignment::ActiveModel {
        case_id: Set(case_id),
        mediator_id: Set(mediator_id),
        lead: Set(lead),
        assigned_at: Set(crate::now()),
        assigned_by: Set(change.actor().name.clone()),
        override_reason: Set(override_reason.filter(|_| !hits.is_empty())),
        conflicts: Set(serde_json::to_string(&hits).unwrap_or_else(|_| "[]".into())),
        ended_at: Set(None),
        end_reason: Set(None),
        ..Default::default()
    }
    .insert(&**change)
    .await?;
    let mut events = vec![AuditEvent::case(
        AuditAction::MediatorAssigned,
        case_id,
        serde_json::json!({
            "assignment": saved.id,
            "mediator": mediator_id,
            "name": mediator.details.name,
            "lead": lead,
            "conflicts": hits.len(),
        }),
    )];
    if lead {
        let mut update = case::Entity::update_many()
            .col_expr(case::Column::LeadMediatorId, Expr::value(mediator_id))
            .filter(case::Column::Id.eq(case_id));
        if let Some(user_id) = mediator.details.user_id {
            update = update.col_expr(case::Column::MediatorId, Expr::value(user_id));
        }
        update.exec(&**change).await?;
    }
    if m.status == CaseStatus::Received.code() {
        set_status(change, &m, CaseStatus::Assigned).await?;
        events.push(AuditEvent::case(
            AuditAction::CaseStatus,
            case_id,
            serde_json::json!({ "from": CaseStatus::Received.code(), "to": CaseStatus::Assigned.code() }),
        ));
    }
    Ok((saved.id, events))
}

/// Ends an assignment inside `change`, with its event.
async fn end_in(change: &Write<'_>, a: &case_assignment::Model, why: &str) -> Result<AuditEvent> {
    let m = case_model(&**change, a.case_id).await?;
    if change.role().await? != Some(UserRole::Administrator) {
        director_or_receiver(change, &m).await?;
    }
    if a.ended_at.is_some() {
        return Err(ValidationError::DecidedAlready.into());
    }
    if a.lead {
        case::Entity::update_many()
            .col_expr(
                case::Column::LeadMediatorId,
                Expr::value(Option::<i64>::None),
            )
            .filter(case::Column::Id.eq(a.case_id))
            .exec(&**change)
            .await?;
    }
    case_assignment::Entity::update_many()
        .col_expr(case_assignment::Column::EndedAt, Expr::value(crate::now()))
        .col_expr(
            case_assignment::Column::EndReason,
            Expr::value(why.to_owned()),
        )
        .filter(case_assignment::Column::Id.eq(a.id))
        .exec(&**change)
        .await?;
    Ok(AuditEvent::case(
        AuditAction::AssignmentEnded,
        a.case_id,
        serde_json::json!({ "assignment": a.id, "mediator": a.mediator_id, "reason": why }),
    ))
}

fn assignment_from(a: case_assignment::Model, names: &HashMap<i64, String>) -> Assignment {
    Assignment {
        id: a.id,
        case_id: a.case_id,
        mediator_id: a.mediator_id,
        mediator_name: names.get(&a.mediator_id).cloned().unwrap_or_default(),
        lead: a.lead,
        assigned_at: a.assigned_at,
        assigned_by: a.assigned_by,
        override_reason: a.override_reason,
        conflicts: serde_json::from_str(&a.conflicts).unwrap_or_default(),
        ended_at: a.ended_at,
        end_reason: a.end_reason,
    }
}

fn recusal_from(
    r: recusal::Model,
    names: &HashMap<i64, String>,
    party_name: String,
) -> Result<Recusal> {
    Ok(Recusal {
        id: r.id,
        case_id: r.case_id,
        mediator_id: r.mediator_id,
        mediator_name: names.get(&r.mediator_id).cloned().unwrap_or_default(),
        party_id: r.party_id,
        party_name,
        reason: r.reason,
        requested_at: r.requested_at,
        decision: code(&r.decision)?,
        decision_reason: r.decision_reason,
        decided_at: r.decided_at,
        decided_by: r.decided_by,
    })
}

fn routing_from(r: routing::Model) -> Result<Routing> {
    Ok(Routing {
        id: r.id,
        case_id: r.case_id,
        slip: NewRouting {
            body: code(&r.body)?,
            body_name: r.body_name,
            reason: r.reason,
            done: r.done,
            feedback_due: r.feedback_due,
        },
        routed_at: r.routed_at,
        routed_by: r.routed_by,
        feedback: match (r.feedback_accepted, r.feedback_result, r.feedback_on) {
            (Some(accepted), Some(result), Some(on)) => Some(Feedback {
                accepted,
                result,
                on,
            }),
            _ => None,
        },
    })
}

fn jc_from(j: judicial_confirmation::Model) -> Result<JudicialConfirmation> {
    Ok(JudicialConfirmation {
        case_id: j.case_id,
        court: j.court,
        basis: code(&j.basis)?,
        state: code(&j.state)?,
        prepared_at: j.prepared_at,
        filed_on: j.filed_on,
        court_number: j.court_number,
        ruled_on: j.ruled_on,
        ruling_note: j.ruling_note,
    })
}

fn oral_from(o: oral_agreement::Model) -> Result<OralAgreement> {
    Ok(OralAgreement {
        case_id: o.case_id,
        content: o.content,
        performance: code(&o.performance)?,
        recorded_at: o.recorded_at,
        recorded_by: o.recorded_by,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_and_the_store_mean_the_same_open_cases() {
        let listed: Vec<&str> = OPEN_CASES
            .trim_start_matches("status IN (")
            .trim_end_matches(')')
            .split(", ")
            .map(|s| s.trim_matches('\''))
            .collect();
        let ours: Vec<&str> = OPEN_STATUSES.iter().map(|s| s.code()).collect();
        assert_eq!(listed, ours);
    }
}
