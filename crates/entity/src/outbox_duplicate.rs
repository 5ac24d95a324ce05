use sea_orm::entity::prelude::*;

/// A second message for the same follow-up and purpose, set aside when
/// the unique index came in (migration 8): the record of what was sent
/// is kept, and it is never sent. Copied with the rest by `db copy`;
/// nothing else reads it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "outbox_duplicates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i64,
    pub message_id: String,
    pub case_id: Option<i64>,
    pub follow_up_id: Option<i64>,
    /// "agreement" or "reminder".
    pub purpose: String,
    pub to_name: String,
    pub to_address: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub attachment_name: Option<String>,
    pub attachment: Option<Vec<u8>>,
    /// "queued", "sending" (in doubt if left so), "resending", "sent",
    /// "sent_possibly_twice", "failed" (permanently) or "cancelled".
    pub state: String,
    pub attempts: i32,
    /// Not to be sent before (a reminder waits for its day).
    pub not_before: DateTimeUtc,
    pub next_attempt_at: DateTimeUtc,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
