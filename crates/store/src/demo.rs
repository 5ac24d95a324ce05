//! Loading the example data (idempotent).

use accord_core::{Case, demo};
use accord_entity::case;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{Actor, Result, Store};

/// [`Store::hold_lock`]'s lock for loading the example.
const DEMO_LOCK: i64 = 0x4143_4445_4d4f;

impl Store {
    /// Loads the water-leak example case unless it is already there.
    /// Returns the case and whether it was created now.
    ///
    /// Two programs loading it at the same moment (two rooms on one
    /// server) load it once: the second waits for the first's whole
    /// action (the lock is held until the outermost transaction ends, so
    /// an [`crate::AllOrNothing`] that goes on to add the rest of the
    /// example keeps the other out until it is done) and then finds it.
    pub async fn load_demo(&self, actor: &Actor) -> Result<(Case, bool)> {
        let all = self.all_or_nothing().await?;
        all.hold_lock(DEMO_LOCK).await?;
        let existing = case::Entity::find()
            .filter(case::Column::ExternalRef.eq(demo::WATER_LEAK_REF))
            .one(&all.db)
            .await?;
        if let Some(model) = existing {
            let case = all.case(model.id).await?;
            all.commit().await?;
            return Ok((case, false));
        }
        let valid = demo::water_leak_case().validate().map_err(|e| {
            crate::StoreError::Database(format!("the example case does not validate: {e}"))
        })?;
        let case = all
            .insert_case(actor, &valid, Some(demo::WATER_LEAK_REF))
            .await?;
        all.commit().await?;
        Ok((case, true))
    }
}
