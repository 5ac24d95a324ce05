//! The centre desk (issue 16): the roster's details on `mediators`, a
//! case's time limit and first receiver on `cases`, and the tables for
//! assignments, withdrawal requests, transfers, judicial confirmation and
//! oral agreements.

use sea_orm_migration::{prelude::*, schema::*, sea_orm::ConnectionTrait};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Mediators {
    Unit,
    Profile,
    UserId,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
    MediatorId,
    UpdatedAt,
    DueOn,
    TimeLimit,
    ReceiverId,
    LeadMediatorId,
}

#[derive(DeriveIden)]
enum CaseAssignments {
    Table,
    Id,
    CaseId,
    MediatorId,
    Lead,
    AssignedAt,
    AssignedBy,
    OverrideReason,
    Conflicts,
    EndedAt,
    EndReason,
}

#[derive(DeriveIden)]
enum Recusals {
    Table,
    Id,
    CaseId,
    MediatorId,
    PartyId,
    Reason,
    RequestedAt,
    Decision,
    DecisionReason,
    DecidedAt,
    DecidedBy,
}

#[derive(DeriveIden)]
enum Routings {
    Table,
    Id,
    CaseId,
    Body,
    BodyName,
    Reason,
    Done,
    FeedbackDue,
    RoutedAt,
    RoutedBy,
    FeedbackAccepted,
    FeedbackResult,
    FeedbackOn,
}

#[derive(DeriveIden)]
enum JudicialConfirmations {
    Table,
    CaseId,
    Court,
    Basis,
    State,
    PreparedAt,
    FiledOn,
    CourtNumber,
    RuledOn,
    RulingNote,
}

#[derive(DeriveIden)]
enum OralAgreements {
    Table,
    CaseId,
    Content,
    Performance,
    RecordedAt,
    RecordedBy,
}

/// The open cases (received, assigned, in mediation, referred), as the
/// partial index and the store's board queries write it.
pub const OPEN_CASES: &str = "status IN ('received', 'assigned', 'in_mediation', 'referred')";

fn case_fk(from: (impl IntoIden, impl IntoIden), name: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(Cases::Table, Cases::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

async fn add_column(
    m: &SchemaManager<'_>,
    table: &str,
    column: &str,
    def: ColumnDef,
) -> Result<(), DbErr> {
    if !m.has_column(table, column).await? {
        m.alter_table(
            Table::alter()
                .table(Alias::new(table))
                .add_column(def)
                .to_owned(),
        )
        .await?;
    }
    Ok(())
}

/// Cases from before get their due date: a month from receipt (in the
/// computer's time zone, as new cases), so the board sees them.
async fn backfill_due(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};
    let db = m.get_connection();
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT id, received_at FROM cases WHERE due_on IS NULL",
        ))
        .await?;
    let update = match backend {
        sea_orm_migration::sea_orm::DatabaseBackend::Postgres => {
            "UPDATE cases SET due_on = $1 WHERE id = $2"
        }
        _ => "UPDATE cases SET due_on = ? WHERE id = ?",
    };
    for row in rows {
        let id: i64 = row.try_get("", "id")?;
        let received: chrono::DateTime<chrono::Utc> = row.try_get("", "received_at")?;
        let accepted = received.with_timezone(&chrono::Local).date_naive();
        let due = accepted
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(accepted);
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            update,
            [due.into(), id.into()],
        ))
        .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        add_column(
            m,
            "mediators",
            "unit",
            string(Mediators::Unit).default("").to_owned(),
        )
        .await?;
        add_column(m, "mediators", "profile", text_null(Mediators::Profile)).await?;
        add_column(
            m,
            "mediators",
            "user_id",
            big_integer_null(Mediators::UserId),
        )
        .await?;
        add_column(m, "cases", "due_on", date_null(Cases::DueOn)).await?;
        add_column(m, "cases", "time_limit", text_null(Cases::TimeLimit)).await?;
        add_column(
            m,
            "cases",
            "receiver_id",
            big_integer_null(Cases::ReceiverId),
        )
        .await?;
        add_column(
            m,
            "cases",
            "lead_mediator_id",
            big_integer_null(Cases::LeadMediatorId),
        )
        .await?;
        backfill_due(m).await?;
        // The board and the open-case counts: only the open cases, by due
        // date, with their lead mediator (the index answers the counts
        // alone). The store's queries repeat this WHERE word for word, so
        // SQLite sees that the index applies.
        m.get_connection()
            .execute_unprepared(&format!(
                "CREATE INDEX IF NOT EXISTS ix_cases_open_due ON cases (due_on, lead_mediator_id) \
                 WHERE {OPEN_CASES}"
            ))
            .await?;

        // "My cases": by the room's mediator and by the first receiver.
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_cases_mediator")
                .table(Cases::Table)
                .col(Cases::MediatorId)
                .col(Cases::UpdatedAt)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_cases_receiver")
                .table(Cases::Table)
                .col(Cases::ReceiverId)
                .col(Cases::UpdatedAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .if_not_exists()
                .table(CaseAssignments::Table)
                .col(big_pk_auto(CaseAssignments::Id))
                .col(big_integer(CaseAssignments::CaseId))
                .col(big_integer(CaseAssignments::MediatorId))
                .col(boolean(CaseAssignments::Lead))
                .col(timestamp_with_time_zone(CaseAssignments::AssignedAt))
                .col(string(CaseAssignments::AssignedBy))
                .col(text_null(CaseAssignments::OverrideReason))
                .col(text(CaseAssignments::Conflicts))
                .col(timestamp_with_time_zone_null(CaseAssignments::EndedAt))
                .col(text_null(CaseAssignments::EndReason))
                .foreign_key(&mut case_fk(
                    (CaseAssignments::Table, CaseAssignments::CaseId),
                    "fk_case_assignments_case",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_case_assignments_case")
                .table(CaseAssignments::Table)
                .col(CaseAssignments::CaseId)
                .to_owned(),
        )
        .await?;
        // Open cases per mediator: current assignments by mediator.
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_case_assignments_current")
                .table(CaseAssignments::Table)
                .col(CaseAssignments::EndedAt)
                .col(CaseAssignments::MediatorId)
                .col(CaseAssignments::CaseId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .if_not_exists()
                .table(Recusals::Table)
                .col(big_pk_auto(Recusals::Id))
                .col(big_integer(Recusals::CaseId))
                .col(big_integer(Recusals::MediatorId))
                .col(big_integer(Recusals::PartyId))
                .col(text(Recusals::Reason))
                .col(timestamp_with_time_zone(Recusals::RequestedAt))
                .col(string(Recusals::Decision))
                .col(text_null(Recusals::DecisionReason))
                .col(timestamp_with_time_zone_null(Recusals::DecidedAt))
                .col(string_null(Recusals::DecidedBy))
                .foreign_key(&mut case_fk(
                    (Recusals::Table, Recusals::CaseId),
                    "fk_recusals_case",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_recusals_case")
                .table(Recusals::Table)
                .col(Recusals::CaseId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .if_not_exists()
                .table(Routings::Table)
                .col(big_pk_auto(Routings::Id))
                .col(big_integer(Routings::CaseId))
                .col(string(Routings::Body))
                .col(string(Routings::BodyName))
                .col(text(Routings::Reason))
                .col(text(Routings::Done))
                .col(date(Routings::FeedbackDue))
                .col(timestamp_with_time_zone(Routings::RoutedAt))
                .col(string(Routings::RoutedBy))
                .col(boolean_null(Routings::FeedbackAccepted))
                .col(text_null(Routings::FeedbackResult))
                .col(date_null(Routings::FeedbackOn))
                .foreign_key(&mut case_fk(
                    (Routings::Table, Routings::CaseId),
                    "fk_routings_case",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("ix_routings_case")
                .table(Routings::Table)
                .col(Routings::CaseId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .if_not_exists()
                .table(JudicialConfirmations::Table)
                .col(big_integer(JudicialConfirmations::CaseId).primary_key())
                .col(string(JudicialConfirmations::Court))
                .col(string(JudicialConfirmations::Basis))
                .col(string(JudicialConfirmations::State))
                .col(timestamp_with_time_zone(JudicialConfirmations::PreparedAt))
                .col(date_null(JudicialConfirmations::FiledOn))
                .col(string_null(JudicialConfirmations::CourtNumber))
                .col(date_null(JudicialConfirmations::RuledOn))
                .col(text_null(JudicialConfirmations::RulingNote))
                .foreign_key(&mut case_fk(
                    (JudicialConfirmations::Table, JudicialConfirmations::CaseId),
                    "fk_judicial_confirmations_case",
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .if_not_exists()
                .table(OralAgreements::Table)
                .col(big_integer(OralAgreements::CaseId).primary_key())
                .col(text(OralAgreements::Content))
                .col(string(OralAgreements::Performance))
                .col(timestamp_with_time_zone(OralAgreements::RecordedAt))
                .col(string(OralAgreements::RecordedBy))
                .foreign_key(&mut case_fk(
                    (OralAgreements::Table, OralAgreements::CaseId),
                    "fk_oral_agreements_case",
                ))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "oral_agreements",
            "judicial_confirmations",
            "routings",
            "recusals",
            "case_assignments",
        ] {
            m.drop_table(Table::drop().table(Alias::new(t)).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
