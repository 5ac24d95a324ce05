//! Loading the example data (idempotent).

use accord_core::{Case, demo};
use accord_entity::case;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{Actor, Result, Store};

impl Store {
    /// Loads the water-leak example case unless it is already there.
    /// Returns the case and whether it was created now.
    pub async fn load_demo(&self, actor: &Actor) -> Result<(Case, bool)> {
        let existing = case::Entity::find()
            .filter(case::Column::ExternalRef.eq(demo::WATER_LEAK_REF))
            .one(&self.db)
            .await?;
        if let Some(model) = existing {
            return Ok((self.case(model.id).await?, false));
        }
        let valid = demo::water_leak_case().validate().map_err(|e| {
            crate::StoreError::Database(format!("the example case does not validate: {e}"))
        })?;
        let case = self
            .insert_case(actor, &valid, Some(demo::WATER_LEAK_REF))
            .await?;
        Ok((case, true))
    }
}
