//! The email outbox: messages queued inside the transaction that decided
//! to send them (the sealed agreement, reminders), then claimed, sent or
//! failed by the sender. Queueing and delivery bookkeeping are not a
//! user's change to case data, so they are not audited: the change that
//! queued a message (sealing an agreement) carries the audit event.

use accord_entity::outbox;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, TryInsertResult, sea_query::Expr,
};
use sha2::{Digest, Sha256};

use crate::{Result, Store, StoreError};

/// Outbox states (the `state` column).
pub mod states {
    pub const STATE_QUEUED: &str = "queued";
    /// Being handed to the server; left so by a crash, the message is in doubt.
    pub const STATE_SENDING: &str = "sending";
    /// The one resend of a message in doubt is being handed to the server.
    pub const STATE_RESENDING: &str = "resending";
    pub const STATE_SENT: &str = "sent";
    /// Resent after a doubt and accepted: the party may have it twice.
    pub const STATE_POSSIBLY_TWICE: &str = "sent_possibly_twice";
    pub const STATE_FAILED: &str = "failed";
    pub const STATE_CANCELLED: &str = "cancelled";
}
use states::*;

/// An email to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEmail {
    pub case_id: Option<i64>,
    pub follow_up_id: Option<i64>,
    /// "agreement" or "reminder".
    pub purpose: String,
    pub to_name: String,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub attachment: Option<(String, Vec<u8>)>,
    /// Not to be sent before this time.
    pub not_before: DateTime<Utc>,
}

/// A queued or sent email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: i64,
    pub message_id: String,
    pub case_id: Option<i64>,
    pub purpose: String,
    pub to_name: String,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub attachment: Option<(String, Vec<u8>)>,
    /// "queued", "sending" (handed to the server, its reply not yet
    /// recorded: in doubt after a crash), "resending" (the one resend of a
    /// message in doubt), "sent", "sent_possibly_twice" (the resend was
    /// accepted, so the party may have it twice), "failed" or "cancelled".
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

fn message_from(m: outbox::Model) -> OutboxMessage {
    OutboxMessage {
        id: m.id,
        message_id: m.message_id,
        case_id: m.case_id,
        purpose: m.purpose,
        to_name: m.to_name,
        to_address: m.to_address,
        subject: m.subject,
        body: m.body,
        attachment: m.attachment_name.zip(m.attachment),
        state: m.state,
        attempts: m.attempts,
        next_attempt_at: m.next_attempt_at,
        last_error: m.last_error,
        created_at: m.created_at,
        sent_at: m.sent_at,
    }
}

/// Inserts an email into the outbox inside the caller's transaction, with
/// a Message-ID fixed now so that a resend can never look like a new mail.
pub(crate) async fn queue(conn: &impl ConnectionTrait, email: &NewEmail) -> Result<i64> {
    Ok(row(email).insert(conn).await?.id)
}

/// Like [`queue`], but a follow-up that already has a message of this
/// purpose gets none, also when another room queues it at the same moment
/// (the unique index `ux_outbox_follow_up_once`, `ON CONFLICT DO
/// NOTHING`). Whether it was queued.
async fn queue_once(conn: &impl ConnectionTrait, email: &NewEmail) -> Result<bool> {
    let inserted = outbox::Entity::insert(row(email))
        .on_conflict_do_nothing_on([outbox::Column::FollowUpId, outbox::Column::Purpose])
        .exec_without_returning(conn)
        .await?;
    Ok(matches!(inserted, TryInsertResult::Inserted(n) if n > 0))
}

/// The outbox row of a new email, its Message-ID fixed now.
fn row(email: &NewEmail) -> outbox::ActiveModel {
    let now = crate::now();
    let mut h = Sha256::new();
    h.update(email.purpose.as_bytes());
    h.update(email.to_address.as_bytes());
    h.update(email.subject.as_bytes());
    h.update(now.timestamp_nanos_opt().unwrap_or_default().to_le_bytes());
    h.update(email.case_id.unwrap_or_default().to_le_bytes());
    h.update(email.follow_up_id.unwrap_or_default().to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    // Two stores in one process (or two programs whose process ids
    // coincide) queueing the same email in the same millisecond must not
    // make the same Message-ID: a counter and the std hasher's random keys.
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    h.update(
        COUNTER
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            .to_le_bytes(),
    );
    h.update(
        std::hash::BuildHasher::hash_one(&std::collections::hash_map::RandomState::new(), 0u8)
            .to_le_bytes(),
    );
    let tag: String = h.finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let (name, bytes) = email.attachment.clone().unzip();
    outbox::ActiveModel {
        message_id: Set(format!("<{tag}.{}@accord.invalid>", email.purpose)),
        case_id: Set(email.case_id),
        follow_up_id: Set(email.follow_up_id),
        purpose: Set(email.purpose.clone()),
        to_name: Set(email.to_name.clone()),
        to_address: Set(email.to_address.clone()),
        subject: Set(email.subject.clone()),
        body: Set(email.body.clone()),
        attachment_name: Set(name),
        attachment: Set(bytes),
        state: Set(STATE_QUEUED.into()),
        attempts: Set(0),
        not_before: Set(crate::ms(email.not_before)),
        next_attempt_at: Set(crate::ms(email.not_before)),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
}

/// Cancels the messages still queued for these follow-ups (inside the
/// caller's transaction): their instalment no longer needs reminding.
pub(crate) async fn cancel_queued(conn: &impl ConnectionTrait, follow_ups: Vec<i64>) -> Result<()> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::State, Expr::value(STATE_CANCELLED))
        .filter(outbox::Column::FollowUpId.is_in(follow_ups))
        .filter(outbox::Column::State.eq(STATE_QUEUED))
        .exec(conn)
        .await?;
    Ok(())
}

impl Store {
    /// Queues emails (e.g. reminders that fell due), each in its own row;
    /// a follow-up that already has a message of that purpose gets none,
    /// also when two rooms queue at the same moment (a unique index).
    pub async fn queue_emails(&self, emails: &[NewEmail]) -> Result<usize> {
        // Not audited: reminders are queued by the program, not changed by
        // a user; see the module comment.
        let txn = self.unaudited_txn().await?;
        let mut queued = 0;
        for email in emails {
            let added = match email.follow_up_id {
                Some(_) => queue_once(&txn, email).await?,
                None => {
                    queue(&txn, email).await?;
                    true
                }
            };
            queued += usize::from(added);
        }
        txn.commit().await?;
        Ok(queued)
    }

    /// Messages ready to go now: queued ones, and ones left "sending"
    /// (in doubt: a sender stopped between handing it to the server and
    /// recording the reply) once their lease has run out.
    pub async fn sendable(&self, now: DateTime<Utc>, limit: u64) -> Result<Vec<OutboxMessage>> {
        self.messages(
            outbox::Entity::find()
                .filter(outbox::Column::State.is_in([STATE_QUEUED, STATE_SENDING]))
                .filter(outbox::Column::NextAttemptAt.lte(now))
                .order_by_asc(outbox::Column::NextAttemptAt)
                .order_by_asc(outbox::Column::Id)
                .limit(limit),
        )
        .await
    }

    async fn messages(
        &self,
        select: sea_orm::Select<outbox::Entity>,
    ) -> Result<Vec<OutboxMessage>> {
        Ok(select
            .all(&self.db)
            .await?
            .into_iter()
            .map(message_from)
            .collect())
    }

    /// Takes up to `limit` due messages for this sender to deliver. Each is
    /// held for `lease` (its next attempt moves that far ahead), so when
    /// several rooms share the database only one of them sends a message;
    /// if that room stops before reporting, the message is due again after
    /// the lease.
    pub async fn claim_sendable(
        &self,
        now: DateTime<Utc>,
        limit: u64,
        lease: chrono::Duration,
    ) -> Result<Vec<OutboxMessage>> {
        let mut claimed = Vec::new();
        for m in self.sendable(now, limit).await? {
            let taken = outbox::Entity::update_many()
                .col_expr(
                    outbox::Column::NextAttemptAt,
                    Expr::value(crate::ms(now + lease)),
                )
                .filter(outbox::Column::Id.eq(m.id))
                .filter(outbox::Column::State.eq(m.state.as_str()))
                .filter(outbox::Column::NextAttemptAt.eq(m.next_attempt_at))
                .exec(&self.db)
                .await?;
            if taken.rows_affected == 1 {
                claimed.push(m);
            }
        }
        Ok(claimed)
    }

    /// The outbox, newest first.
    pub async fn outbox(&self, limit: u64) -> Result<Vec<OutboxMessage>> {
        self.messages(
            outbox::Entity::find()
                .order_by_desc(outbox::Column::Id)
                .limit(limit),
        )
        .await
    }

    /// Records, in its own transaction and before the message goes to the
    /// server, that it is being handed over ("queued" to "sending"). If
    /// the program stops before [`Store::mark_sent`], the message stays
    /// "sending" and is recognisably in doubt. False if it was not queued
    /// (another sender took it, or it was cancelled).
    pub async fn mark_sending(&self, id: i64) -> Result<bool> {
        self.move_state(id, STATE_QUEUED, STATE_SENDING).await
    }

    /// Records, before resending it, that a message in doubt ("sending")
    /// gets its one resend ("resending"). A message is resent at most once:
    /// one left "resending" is never claimed again. False if it was not in
    /// doubt.
    pub async fn mark_resending(&self, id: i64) -> Result<bool> {
        self.move_state(id, STATE_SENDING, STATE_RESENDING).await
    }

    async fn move_state(&self, id: i64, from: &str, to: &str) -> Result<bool> {
        let moved = outbox::Entity::update_many()
            .col_expr(outbox::Column::State, Expr::value(to))
            .filter(outbox::Column::Id.eq(id))
            .filter(outbox::Column::State.eq(from))
            .exec(&self.db)
            .await?;
        Ok(moved.rows_affected == 1)
    }

    /// The server accepted the message (recorded in its own transaction
    /// right after its reply): "sent", or "sent_possibly_twice" when this
    /// was the resend of a message in doubt.
    pub async fn mark_sent(&self, id: i64) -> Result<()> {
        for (from, to) in [
            (&[STATE_QUEUED, STATE_SENDING][..], STATE_SENT),
            (&[STATE_RESENDING][..], STATE_POSSIBLY_TWICE),
        ] {
            outbox::Entity::update_many()
                .col_expr(outbox::Column::State, Expr::value(to))
                .col_expr(outbox::Column::SentAt, Expr::value(crate::now()))
                .col_expr(
                    outbox::Column::LastError,
                    Expr::value(Option::<String>::None),
                )
                .filter(outbox::Column::Id.eq(id))
                .filter(outbox::Column::State.is_in(from.iter().copied()))
                .exec(&self.db)
                .await?;
        }
        Ok(())
    }

    /// An attempt whose outcome is unknown (no reply in time): the message
    /// may have arrived. A first attempt stays "sending" (in doubt, resent
    /// once at `next`); a resend is not tried a third time and is recorded
    /// as possibly sent twice.
    pub async fn mark_attempt_unknown(
        &self,
        id: i64,
        error: &str,
        next: DateTime<Utc>,
    ) -> Result<()> {
        let (state, mut active) = self.attempted(id, error).await?;
        match state.as_str() {
            STATE_RESENDING => active.state = Set(STATE_POSSIBLY_TWICE.into()),
            _ => {
                active.state = Set(STATE_SENDING.into());
                active.next_attempt_at = Set(crate::ms(next));
            }
        }
        active.update(&self.db).await?;
        Ok(())
    }

    /// Message `id` (its state before) with one more attempt and the
    /// attempt's error recorded, to be saved by the caller.
    async fn attempted(&self, id: i64, error: &str) -> Result<(String, outbox::ActiveModel)> {
        let model = outbox::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        let state = model.state.clone();
        let attempts = model.attempts + 1;
        let mut active: outbox::ActiveModel = model.into();
        active.attempts = Set(attempts);
        active.last_error = Set(Some(error.to_owned()));
        Ok((state, active))
    }

    /// A failed attempt: try again at `next` (transient) or give up.
    pub async fn mark_attempt_failed(
        &self,
        id: i64,
        error: &str,
        next: Option<DateTime<Utc>>,
    ) -> Result<()> {
        // The server answered with a refusal, so this attempt did not
        // deliver it: a first attempt is queued again; a refused resend
        // leaves the message in doubt as before (its one resend still due).
        let (state, mut active) = self.attempted(id, error).await?;
        match next {
            Some(at) => {
                active.next_attempt_at = Set(crate::ms(at));
                active.state = Set(match state.as_str() {
                    STATE_SENDING => STATE_QUEUED.into(),
                    STATE_RESENDING => STATE_SENDING.into(),
                    other => other.to_owned(),
                });
            }
            None => active.state = Set(STATE_FAILED.into()),
        }
        active.update(&self.db).await?;
        Ok(())
    }
}
