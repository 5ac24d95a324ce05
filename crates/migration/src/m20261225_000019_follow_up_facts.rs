//! What the Today page shows of a follow-up, kept on its row: who owes
//! (and to whom, as party ids), what, by when, the instalment's amount and
//! what has been paid against it. They were read from the final
//! agreement's JSON and every payment of the case on each showing; now
//! they are written when the agreement is finalised and `paid_minor` moves
//! in the transaction that records a payment. Rows made before are filled
//! from the final version's content and the payments here.

use sea_orm_migration::{prelude::*, schema::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FollowUps {
    Table,
    DebtorId,
    CreditorId,
    Description,
    Deadline,
    DueMinor,
    DueCurrency,
    PaidMinor,
}

/// SQLite: the obligation's (and instalment's) fields by JSON path.
const FILL_SQLITE: &str = "
UPDATE follow_ups SET
  debtor_id = json_extract(v.content, '$.obligations[' || follow_ups.obligation || '].debtor'),
  creditor_id = json_extract(v.content, '$.obligations[' || follow_ups.obligation || '].creditor'),
  description = json_extract(v.content, '$.obligations[' || follow_ups.obligation || '].description'),
  deadline = COALESCE(
    json_extract(v.content, '$.obligations[' || follow_ups.obligation || '].installments['
      || follow_ups.installment || '].due'),
    json_extract(v.content, '$.obligations[' || follow_ups.obligation || '].due')),
  due_minor = json_extract(v.content, '$.obligations[' || follow_ups.obligation
    || '].installments[' || follow_ups.installment || '].amount.minor'),
  due_currency = json_extract(v.content, '$.obligations[' || follow_ups.obligation
    || '].installments[' || follow_ups.installment || '].amount.currency'),
  paid_minor = (SELECT COALESCE(SUM(p.amount_minor), 0) FROM payments p
    WHERE p.case_id = follow_ups.case_id AND p.obligation = follow_ups.obligation
      AND p.installment = follow_ups.installment)
FROM agreements a JOIN agreement_versions v
  ON v.agreement_id = a.id AND v.number = a.final_version
WHERE a.case_id = follow_ups.case_id";

/// PostgreSQL: the same through `jsonb` paths.
const FILL_POSTGRES: &str = "
UPDATE follow_ups f SET
  debtor_id = (v.content::jsonb #>> ARRAY['obligations', f.obligation::text, 'debtor'])::bigint,
  creditor_id = (v.content::jsonb #>> ARRAY['obligations', f.obligation::text, 'creditor'])::bigint,
  description = v.content::jsonb #>> ARRAY['obligations', f.obligation::text, 'description'],
  deadline = COALESCE(
    v.content::jsonb #>> ARRAY['obligations', f.obligation::text, 'installments',
      f.installment::text, 'due'],
    v.content::jsonb #>> ARRAY['obligations', f.obligation::text, 'due'])::date,
  due_minor = (v.content::jsonb #>> ARRAY['obligations', f.obligation::text, 'installments',
      f.installment::text, 'amount', 'minor'])::bigint,
  due_currency = v.content::jsonb #>> ARRAY['obligations', f.obligation::text, 'installments',
      f.installment::text, 'amount', 'currency'],
  paid_minor = (SELECT COALESCE(SUM(p.amount_minor), 0) FROM payments p
    WHERE p.case_id = f.case_id AND p.obligation = f.obligation
      AND p.installment = f.installment)
FROM agreements a JOIN agreement_versions v
  ON v.agreement_id = a.id AND v.number = a.final_version
WHERE a.case_id = f.case_id";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.has_column("follow_ups", "paid_minor").await? {
            return Ok(());
        }
        let columns = [
            big_integer_null(FollowUps::DebtorId),
            big_integer_null(FollowUps::CreditorId),
            text_null(FollowUps::Description),
            date_null(FollowUps::Deadline),
            big_integer_null(FollowUps::DueMinor),
            string_null(FollowUps::DueCurrency),
            big_integer(FollowUps::PaidMinor).default(0).to_owned(),
        ];
        // SQLite adds one column per statement.
        for column in columns {
            m.alter_table(
                Table::alter()
                    .table(FollowUps::Table)
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
        }
        let fill = match m.get_database_backend() {
            DatabaseBackend::Postgres => FILL_POSTGRES,
            _ => FILL_SQLITE,
        };
        m.get_connection().execute_unprepared(fill).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            FollowUps::DebtorId,
            FollowUps::CreditorId,
            FollowUps::Description,
            FollowUps::Deadline,
            FollowUps::DueMinor,
            FollowUps::DueCurrency,
            FollowUps::PaidMinor,
        ] {
            m.alter_table(
                Table::alter()
                    .table(FollowUps::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
