//! Sessions and the items recorded in the room. Every entry is saved as
//! it is made: one transaction with its audit event.
//!
//! What the other side heard never changes: an entry that was conveyed is
//! not edited, the edit becomes a new confidential entry pointing at it
//! (`corrects`), as a correction after closing does. An entry not yet
//! conveyed is edited in place and its earlier wording kept in
//! `room_item_versions` ([`Store::item_versions`]), not in the audit log.
//! The mediator's notes stay confidential in every stage.

use accord_core::{
    AuditAction, CaseStatus, Choice, Currency, Disclosure, ItemKind, ItemVersion, Money, NewItem,
    Offer, RoomItem, Session, SessionError, StageKind, ValidationError,
};
use accord_entity::{case, room_item, room_item_version, session, session_consent};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, sea_query::Expr,
};

use crate::{
    Actor, Result, Store, StoreError, convert::code, roles::room_access, write::AuditEvent,
};

impl From<SessionError> for StoreError {
    fn from(e: SessionError) -> Self {
        Self::Session(e)
    }
}

fn session_from(m: session::Model, consents: Vec<session_consent::Model>) -> Result<Session> {
    fn json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
        serde_json::from_str(text).map_err(|e| StoreError::Database(e.to_string()))
    }
    Ok(Session {
        id: m.id,
        case_id: m.case_id,
        started_at: m.started_at,
        ended_at: m.ended_at,
        stage: code::<StageKind>(&m.stage)?,
        round: u32::try_from(m.round).unwrap_or(0),
        present_party: m.present_party,
        met_this_round: json(&m.met_this_round)?,
        consents: consents.into_iter().map(|c| (c.party_id, c.at)).collect(),
        checked: json(&m.checked)?,
    })
}

fn item_from(m: room_item::Model) -> Result<RoomItem> {
    let disclosure = match (m.disclosure.as_str(), m.shared_at, m.shared_by) {
        ("confidential", _, _) => Disclosure::Confidential,
        ("may_share", _, _) => Disclosure::MayShare,
        ("shared", Some(at), Some(by)) => Disclosure::Shared { at, by },
        (other, _, _) => {
            return Err(StoreError::Database(format!(
                "unknown disclosure {other:?}"
            )));
        }
    };
    let offer = offer_from(m.offer_minor, m.offer_currency, m.offer_terms)?;
    Ok(RoomItem {
        id: m.id,
        party_id: m.party_id,
        issue_id: m.issue_id,
        kind: code::<ItemKind>(&m.kind)?,
        text: m.text,
        offer,
        round: u32::try_from(m.round).unwrap_or(0),
        recorded_at: m.recorded_at,
        disclosure,
        corrects: m.corrects,
    })
}

/// An offer from its stored columns: amount, currency, terms.
fn offer_from(
    minor: Option<i64>,
    currency: Option<String>,
    terms: Option<String>,
) -> Result<Option<Offer>> {
    Ok(match (minor, currency, terms) {
        (None, _, None) => None,
        (minor, currency, terms) => Some(Offer {
            amount: match (minor, currency) {
                (Some(minor), Some(c)) => Some(Money::new(minor, code::<Currency>(&c)?)),
                _ => None,
            },
            terms: terms.unwrap_or_default(),
        }),
    })
}

fn version_from(m: room_item_version::Model) -> Result<ItemVersion> {
    Ok(ItemVersion {
        item_id: m.item_id,
        offer: offer_from(m.offer_minor, m.offer_currency, m.offer_terms)?,
        text: m.text,
        replaced_at: m.replaced_at,
        replaced_by: m.replaced_by,
    })
}

/// The stored disclosure columns: code, shared at, shared by.
fn disclosure_columns(
    d: &Disclosure,
) -> (
    String,
    Option<chrono::DateTime<chrono::Utc>>,
    Option<String>,
) {
    match d {
        Disclosure::Shared { at, by } => {
            (d.code().to_owned(), Some(crate::ms(*at)), Some(by.clone()))
        }
        _ => (d.code().to_owned(), None, None),
    }
}

/// The items of a session in the order recorded; `shared_only`: only
/// those conveyed to both sides.
async fn items_of(
    conn: &impl ConnectionTrait,
    session_id: i64,
    shared_only: bool,
) -> Result<Vec<RoomItem>> {
    let mut query = room_item::Entity::find().filter(room_item::Column::SessionId.eq(session_id));
    if shared_only {
        query = query.filter(room_item::Column::Disclosure.eq("shared"));
    }
    query
        .order_by_asc(room_item::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(item_from)
        .collect()
}

async fn find_item(conn: &impl ConnectionTrait, id: i64) -> Result<room_item::Model> {
    room_item::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The stored columns of an offer: amount, currency, terms.
fn offer_columns(offer: Option<&Offer>) -> (Option<i64>, Option<String>, Option<String>) {
    let amount = offer.and_then(|o| o.amount);
    (
        amount.map(|m| m.minor),
        amount.map(|m| m.currency.code().to_owned()),
        offer.map(|o| o.terms.trim().to_owned()),
    )
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".to_owned())
}

async fn load_session(conn: &impl ConnectionTrait, id: i64) -> Result<Session> {
    let model = session::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let consents = session_consent::Entity::find()
        .filter(session_consent::Column::SessionId.eq(id))
        .order_by_asc(session_consent::Column::At)
        .all(conn)
        .await?;
    session_from(model, consents)
}

impl Store {
    /// The open session of a case, or a new one at the joint opening.
    /// Starting mediation moves a received or assigned case to "in
    /// mediation" in the same transaction.
    pub async fn open_session(&self, actor: &Actor, case_id: i64) -> Result<Session> {
        let change = self.write(actor).await?;
        // The room is its mediator's; the first mediator to open the room
        // of a case without one takes it.
        let take = room_access(&*change, actor, case_id).await?;
        let open = session::Entity::find()
            .filter(session::Column::CaseId.eq(case_id))
            .filter(session::Column::EndedAt.is_null())
            .order_by_desc(session::Column::Id)
            .one(&*change)
            .await?;
        if let Some(open) = open {
            let session = load_session(&*change, open.id).await?;
            if take {
                case::Entity::update_many()
                    .col_expr(case::Column::MediatorId, Expr::value(actor.user_id))
                    .filter(case::Column::Id.eq(case_id))
                    .exec(&*change)
                    .await?;
                change
                    .commit(AuditEvent::case(
                        AuditAction::CaseTaken,
                        case_id,
                        serde_json::json!({ "mediator_id": actor.user_id }),
                    ))
                    .await?;
            } else {
                // Nothing changed: the transaction ends without an event.
                change.rollback().await?;
            }
            return Ok(session);
        }
        let case = case::Entity::find_by_id(case_id)
            .one(&*change)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut status: CaseStatus = code(&case.status)?;
        let from = status;
        for step in [CaseStatus::Assigned, CaseStatus::InMediation] {
            if status.can_become(step) {
                status = step;
            }
        }
        let now = crate::now();
        let mut update = case::Entity::update_many()
            .col_expr(case::Column::Status, Expr::value(status.code()))
            .col_expr(case::Column::UpdatedAt, Expr::value(now));
        if take {
            update = update.col_expr(case::Column::MediatorId, Expr::value(actor.user_id));
        }
        update
            .col_expr(
                case::Column::Version,
                sea_orm::ExprTrait::add(Expr::col(case::Column::Version), 1),
            )
            .filter(case::Column::Id.eq(case_id))
            .exec(&*change)
            .await?;
        let fresh = Session::start(case_id, now);
        let model = session::ActiveModel {
            case_id: Set(case_id),
            started_at: Set(crate::ms(fresh.started_at)),
            ended_at: Set(None),
            stage: Set(fresh.stage.code().to_owned()),
            round: Set(0),
            present_party: Set(None),
            met_this_round: Set("[]".to_owned()),
            checked: Set("[]".to_owned()),
            ..Default::default()
        }
        .insert(&*change)
        .await?;
        change
            .commit(AuditEvent::case(
                AuditAction::SessionStarted,
                case_id,
                serde_json::json!({
                    "session_id": model.id,
                    "from": from.code(),
                    "to": status.code(),
                    "mediator_id": if take { actor.user_id } else { None },
                }),
            ))
            .await?;
        self.session(model.id).await
    }

    /// A session with its consents.
    pub async fn session(&self, id: i64) -> Result<Session> {
        load_session(&self.db, id).await
    }

    /// The id of a case's newest session (open or closed), if any.
    pub async fn latest_session(&self, case_id: i64) -> Result<Option<i64>> {
        Ok(session::Entity::find()
            .filter(session::Column::CaseId.eq(case_id))
            .order_by_desc(session::Column::Id)
            .one(&self.db)
            .await?
            .map(|s| s.id))
    }

    /// Saves where a session stands (stage, round, party present,
    /// consents, checklist, end) with the audit event for what changed.
    pub async fn save_session(
        &self,
        actor: &Actor,
        session: &Session,
        action: AuditAction,
    ) -> Result<Session> {
        let change = self.write(actor).await?;
        let stored = load_session(&*change, session.id).await?;
        room_access(&*change, actor, stored.case_id).await?;
        if stored.is_closed() {
            return Err(SessionError::Closed.into());
        }
        session::Entity::update_many()
            .col_expr(session::Column::Stage, Expr::value(session.stage.code()))
            .col_expr(
                session::Column::Round,
                Expr::value(i32::try_from(session.round).unwrap_or(i32::MAX)),
            )
            .col_expr(
                session::Column::PresentParty,
                Expr::value(session.present_party),
            )
            .col_expr(
                session::Column::MetThisRound,
                Expr::value(to_json(&session.met_this_round)),
            )
            .col_expr(
                session::Column::Checked,
                Expr::value(to_json(&session.checked)),
            )
            .col_expr(
                session::Column::EndedAt,
                Expr::value(session.ended_at.map(crate::ms)),
            )
            .filter(session::Column::Id.eq(session.id))
            .exec(&*change)
            .await?;
        for (party, at) in &session.consents {
            if !stored.consents.iter().any(|(p, _)| p == party) {
                session_consent::ActiveModel {
                    session_id: Set(session.id),
                    party_id: Set(*party),
                    at: Set(crate::ms(*at)),
                }
                .insert(&*change)
                .await?;
            }
        }
        change
            .commit(AuditEvent::case(
                action,
                session.case_id,
                serde_json::json!({
                    "session_id": session.id,
                    "stage": session.stage.code(),
                    "round": session.round,
                    "present_party": session.present_party,
                }),
            ))
            .await?;
        self.session(session.id).await
    }

    /// Every item of a session, in the order recorded: for the case's
    /// mediator (and the program) only, see `roles`.
    pub async fn room_items(&self, actor: &Actor, session_id: i64) -> Result<Vec<RoomItem>> {
        let session = load_session(&self.db, session_id).await?;
        room_access(&self.db, actor, session.case_id).await?;
        items_of(&self.db, session_id, false).await
    }

    /// The entries of the case's sessions before `session_id`, in the
    /// order recorded: a session resumed after an earlier one ended
    /// shows what was said then (the room filters it as it filters its
    /// own entries).
    pub async fn earlier_room_items(
        &self,
        actor: &Actor,
        session_id: i64,
    ) -> Result<Vec<RoomItem>> {
        let session = load_session(&self.db, session_id).await?;
        room_access(&self.db, actor, session.case_id).await?;
        room_item::Entity::find()
            .filter(room_item::Column::CaseId.eq(session.case_id))
            .filter(room_item::Column::SessionId.lt(session_id))
            .order_by_asc(room_item::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(item_from)
            .collect()
    }

    /// Every entry of the case's sessions that its party allowed to be
    /// passed on, or that was said before both sides, in the order
    /// recorded: what the record of mediation (调解记录) is made from.
    /// Confidential entries never leave the store here.
    pub async fn recordable_items(&self, case_id: i64) -> Result<Vec<RoomItem>> {
        room_item::Entity::find()
            .filter(room_item::Column::CaseId.eq(case_id))
            .filter(room_item::Column::Disclosure.ne("confidential"))
            .order_by_asc(room_item::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(item_from)
            .collect()
    }

    /// What was conveyed to both sides in a session (or said in front of
    /// both), in the order recorded: what anyone who may see the case may
    /// read (the agreement's draft starts from it).
    pub async fn shared_room_items(&self, session_id: i64) -> Result<Vec<RoomItem>> {
        items_of(&self.db, session_id, true).await
    }

    /// Records an item in a party's compartment, confidential by default.
    /// After the session is closed only corrections (pointing at the item
    /// they correct) are accepted.
    pub async fn record_item(
        &self,
        actor: &Actor,
        session_id: i64,
        item: &NewItem,
    ) -> Result<RoomItem> {
        item.validate()?;
        let change = self.write(actor).await?;
        let session = load_session(&*change, session_id).await?;
        room_access(&*change, actor, session.case_id).await?;
        if session.is_closed() && item.corrects.is_none() {
            return Err(SessionError::Closed.into());
        }
        let in_caucus = session.stage == StageKind::Caucus;
        let round = if in_caucus { session.round } else { 0 };
        if let Some(original) = item.corrects
            && find_item(&*change, original).await?.session_id != session_id
        {
            return Err(StoreError::NotFound);
        }
        let kind = item.kind.unwrap_or(ItemKind::Note);
        // What a party says in the joint room was heard by everyone in it;
        // a caucus entry, a note and a correction start confidential (the
        // mediator conveys a correction again if the party allows).
        let mut disclosure = Disclosure::at_recording(
            kind,
            in_caucus,
            item.corrects.is_some(),
            crate::now(),
            &actor.name,
        );
        // The party may allow passing it on as it is said (one step for
        // the mediator); a note or a correction never starts so.
        if item.may_share
            && in_caucus
            && item.corrects.is_none()
            && !kind.mediators_only()
            && matches!(disclosure, Disclosure::Confidential)
        {
            disclosure = Disclosure::MayShare;
        }
        let (disclosure, shared_at, shared_by) = disclosure_columns(&disclosure);
        let (offer_minor, offer_currency, offer_terms) = offer_columns(item.offer.as_ref());
        let model = room_item::ActiveModel {
            session_id: Set(session_id),
            case_id: Set(session.case_id),
            party_id: Set(item.party_id),
            issue_id: Set(item.issue_id),
            kind: Set(kind.code().to_owned()),
            text: Set(item.text.trim().to_owned()),
            offer_minor: Set(offer_minor),
            offer_currency: Set(offer_currency),
            offer_terms: Set(offer_terms),
            round: Set(i32::try_from(round).unwrap_or(i32::MAX)),
            recorded_at: Set(crate::now()),
            disclosure: Set(disclosure),
            shared_at: Set(shared_at),
            shared_by: Set(shared_by),
            corrects: Set(item.corrects),
            ..Default::default()
        }
        .insert(&*change)
        .await?;
        change.commit(AuditEvent::case(
            AuditAction::ItemRecorded,
            session.case_id,
            serde_json::json!({ "item_id": model.id, "party_id": item.party_id, "corrects": item.corrects }),
        ))
        .await?;
        item_from(model)
    }

    /// Edits an item while its session is open, and returns the entry that
    /// now holds the words.
    ///
    /// An entry already conveyed to the other side is not changed: the
    /// edit is saved as a new entry (same party, kind, issue and round)
    /// that corrects it and starts confidential; the mediator conveys it
    /// again if the party allows. Any other entry is changed in place and
    /// its earlier wording kept as a version ([`Store::item_versions`]); a
    /// party's permission to pass it on was for the earlier words, so an
    /// edited entry is confidential again. The audit event names ids only.
    pub async fn edit_item(
        &self,
        actor: &Actor,
        item_id: i64,
        text: &str,
        offer: Option<Offer>,
    ) -> Result<RoomItem> {
        let has_offer = offer
            .as_ref()
            .is_some_and(|o| o.amount.is_some() || !o.terms.trim().is_empty());
        if text.trim().is_empty() && !has_offer {
            return Err(ValidationError::ItemEmpty.into());
        }
        let change = self.write(actor).await?;
        let model = find_item(&*change, item_id).await?;
        room_access(&*change, actor, model.case_id).await?;
        if load_session(&*change, model.session_id).await?.is_closed() {
            return Err(SessionError::Closed.into());
        }
        let (minor, currency, terms) = offer_columns(offer.as_ref());
        let now = crate::now();
        if model.disclosure == Disclosure::Confidential.code()
            || model.disclosure == Disclosure::MayShare.code()
        {
            let version = room_item_version::ActiveModel {
                item_id: Set(model.id),
                text: Set(model.text.clone()),
                offer_minor: Set(model.offer_minor),
                offer_currency: Set(model.offer_currency.clone()),
                offer_terms: Set(model.offer_terms.clone()),
                replaced_at: Set(now),
                replaced_by: Set(actor.name.clone()),
                ..Default::default()
            }
            .insert(&*change)
            .await?;
            let mut active: room_item::ActiveModel = model.clone().into();
            active.text = Set(text.trim().to_owned());
            active.offer_minor = Set(minor);
            active.offer_currency = Set(currency);
            active.offer_terms = Set(terms);
            active.disclosure = Set(Disclosure::Confidential.code().to_owned());
            let updated = active.update(&*change).await?;
            change
                .commit(AuditEvent::case(
                    AuditAction::ItemEdited,
                    model.case_id,
                    serde_json::json!({ "item_id": item_id, "version_id": version.id }),
                ))
                .await?;
            return item_from(updated);
        }
        // Conveyed: what the other side heard stays; the new words are a
        // new entry of their own.
        let revision = room_item::ActiveModel {
            session_id: Set(model.session_id),
            case_id: Set(model.case_id),
            party_id: Set(model.party_id),
            issue_id: Set(model.issue_id),
            kind: Set(model.kind.clone()),
            text: Set(text.trim().to_owned()),
            offer_minor: Set(minor),
            offer_currency: Set(currency),
            offer_terms: Set(terms),
            round: Set(model.round),
            recorded_at: Set(now),
            disclosure: Set(Disclosure::Confidential.code().to_owned()),
            shared_at: Set(None),
            shared_by: Set(None),
            corrects: Set(Some(model.id)),
            ..Default::default()
        }
        .insert(&*change)
        .await?;
        change
            .commit(AuditEvent::case(
                AuditAction::ItemEdited,
                model.case_id,
                serde_json::json!({ "item_id": item_id, "revision_id": revision.id }),
            ))
            .await?;
        item_from(revision)
    }

    /// The earlier wordings of an entry edited in place, oldest first.
    /// They are the entry's: show them only where the entry may show.
    pub async fn item_versions(&self, actor: &Actor, item_id: i64) -> Result<Vec<ItemVersion>> {
        let item = find_item(&self.db, item_id).await?;
        room_access(&self.db, actor, item.case_id).await?;
        room_item_version::Entity::find()
            .filter(room_item_version::Column::ItemId.eq(item_id))
            .order_by_asc(room_item_version::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(version_from)
            .collect()
    }

    /// Changes who may see an item: the party allows sharing (or takes it
    /// back), or the mediator conveys it to the other side. A mediator's
    /// note stays confidential ([`SessionError::NoteNotShared`]).
    pub async fn set_disclosure(
        &self,
        actor: &Actor,
        item_id: i64,
        disclosure: Disclosure,
    ) -> Result<RoomItem> {
        let change = self.write(actor).await?;
        let model = find_item(&*change, item_id).await?;
        room_access(&*change, actor, model.case_id).await?;
        item_from(model.clone())?.may_become(&disclosure)?;
        let mut active: room_item::ActiveModel = model.clone().into();
        let (code, at, by) = disclosure_columns(&disclosure);
        active.disclosure = Set(code);
        active.shared_at = Set(at);
        active.shared_by = Set(by);
        let updated = active.update(&*change).await?;
        change.commit(AuditEvent::case(
            AuditAction::DisclosureChanged,
            model.case_id,
            serde_json::json!({ "item_id": item_id, "from": model.disclosure, "to": disclosure.code() }),
        ))
        .await?;
        item_from(updated)
    }
}
