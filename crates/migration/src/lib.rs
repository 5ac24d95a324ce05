//! Schema migrations, applied at start-up. Migrations only ever add:
//! a database written by an older Accord opens in a newer one.

pub use sea_orm_migration::prelude::*;

mod m20261126_000001_foundation;
mod m20261126_000002_room;
mod m20261126_000003_agreements;
mod m20261126_000004_signing;
mod m20261126_000005_followups;
mod m20261126_000006_millisecond_times;

/// All migrations in the order they apply.
#[derive(Debug)]
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_foundation::Migration),
            Box::new(m20261126_000002_room::Migration),
            Box::new(m20261126_000003_agreements::Migration),
            Box::new(m20261126_000004_signing::Migration),
            Box::new(m20261126_000005_followups::Migration),
            Box::new(m20261126_000006_millisecond_times::Migration),
        ]
    }
}
