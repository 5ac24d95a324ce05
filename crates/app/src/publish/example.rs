//! The example case (`accord demo` and the first-run offer): the water-leak
//! case with its joint session, its agreement drafted, reviewed, signed,
//! finalised and sealed, and part of its performance.

use accord_core::{Case, agreement::AgreementStatus};
use accord_i18n::Translations;
use accord_store::{Actor, Store};

use super::{CENTRE_NAME, Result, seal_final};

/// `accord demo` and the first-run offer: the water-leak case as it stands
/// after signing: its agreement drafted, reviewed and approved, signed on
/// the pad by everyone, finalised and sealed. Running it again changes
/// nothing. Returns the case and whether anything was added.
///
/// All of it is one transaction (every step still audited as itself): a
/// program killed half-way leaves nothing of the example, and the next run
/// loads it whole.
pub async fn load_demo(store: &Store, actor: &Actor, t: &Translations) -> Result<(Case, bool)> {
    let all = store.all_or_nothing().await?;
    let loaded = fill(&all, actor, t).await?;
    all.commit().await?;
    Ok(loaded)
}

/// The steps of [`load_demo`], on its transaction.
async fn fill(store: &Store, actor: &Actor, t: &Translations) -> Result<(Case, bool)> {
    use accord_core::{
        CaseStatus,
        agreement::{SignMethod, Signature},
        demo,
    };
    let (mut case, created) = store.load_demo(actor).await?;
    if store.agreement(case.id).await?.is_some() {
        return Ok((case, created));
    }
    // The example centre is a Chinese one: its name, court and number
    // format as its Chinese agreements print them, whatever the screen's
    // language.
    let zh = Translations::get(accord_i18n::Locale::ZhCn);
    for (key, value) in [
        (CENTRE_NAME, zh.tr("demo-centre-name")),
        (super::CENTRE_COURT, zh.tr("demo-centre-court")),
        (
            super::CENTRE_NUMBER_FORMAT,
            zh.tr("demo-centre-number-format"),
        ),
    ] {
        if store.setting(key).await?.is_none() {
            store.set_setting(key, &value).await?;
        }
    }
    // The example's room is recorded by the program on behalf of whoever
    // loads it (an administrator at the first start may not work in a
    // room); a mediator who loads it mediates the case from then on.
    let on_behalf = Actor {
        user_id: None,
        name: actor.name.clone(),
    };
    demo_room(store, &on_behalf, &case).await?;
    let content = demo::water_leak_agreement(&case);
    store.save_agreement(actor, case.id, &content).await?;
    store
        .review_agreement(actor, case.id, AgreementStatus::InReview, None)
        .await?;
    let advisor = Actor {
        user_id: None,
        name: t.tr("demo-advisor-name"),
    };
    store
        .review_agreement(
            &advisor,
            case.id,
            AgreementStatus::Approved,
            Some(&t.tr("demo-review-comment")),
        )
        .await?;
    for (slot, signatory) in content.signatories(&case).into_iter().enumerate() {
        let signature = Signature {
            slot,
            strokes: handwriting(&signatory.name),
            name: signatory.name,
            method: SignMethod::Pad,
            signed_at: chrono::Utc::now(),
        };
        store.save_signature(actor, case.id, &signature).await?;
    }
    // Signed in the room on 12 February 2025.
    let effective = chrono::NaiveDate::from_ymd_opt(2025, 2, 12).unwrap_or_default();
    store
        .finalise_agreement_on(actor, case.id, effective)
        .await?;
    seal_final(store, actor, t, case.id).await?;
    demo_performance(store, actor, t, case.id).await?;
    case = store.case(case.id).await?;
    for next in [
        CaseStatus::Assigned,
        CaseStatus::InMediation,
        CaseStatus::Settled,
    ] {
        if case.status.can_become(next) {
            case = store
                .change_status(actor, case.id, case.version, next)
                .await?;
        }
    }
    Ok((case, true))
}

/// Where performance stands in the example: the pipe was repaired, 赵喆 was
/// paid in full, 李玥's first instalment only in part (3,000 of 5,000) and
/// her second not at all, so both are overdue.
async fn demo_performance(
    store: &Store,
    actor: &Actor,
    t: &Translations,
    case_id: i64,
) -> Result<()> {
    use accord_core::{Currency, Money, followup::FollowUpKind};
    use accord_store::NewPayment;
    let date = |m, d| chrono::NaiveDate::from_ymd_opt(2025, m, d).unwrap_or_default();
    for f in store.case_followups(case_id).await? {
        if f.obligation == 0 && f.kind == FollowUpKind::DueCheck {
            store
                .complete_followup(actor, f.id, &t.tr("demo-repair-done"), true)
                .await?;
        }
    }
    for (obligation, installment, minor, on, method) in [
        (2, 0, 350_050, date(2, 28), t.tr("demo-method-cash")),
        (1, 0, 300_000, date(3, 1), t.tr("demo-method-transfer")),
    ] {
        store
            .record_payment(
                actor,
                case_id,
                &NewPayment {
                    obligation,
                    installment,
                    amount: Money::new(minor, Currency::Cny),
                    paid_on: on,
                    method,
                    evidence: t.tr("demo-evidence"),
                },
            )
            .await?;
    }
    Ok(())
}

/// The example's joint session, closed: what each side said and the
/// offers they put on the table (the agreement was drafted from these).
async fn demo_room(store: &Store, actor: &Actor, case: &Case) -> Result<()> {
    use accord_core::{AuditAction, Currency, ItemKind, Money, NewItem, Offer};
    let mut session = store.open_session(actor, case.id).await?;
    let now = chrono::Utc::now();
    for party in &case.parties {
        // The parties were all present and agreed to mediate.
        let _ = session.record_consent(party.id, now);
    }
    session = store
        .save_session(actor, &session, AuditAction::ConsentRecorded)
        .await?;
    let party = |i: usize| case.parties.get(i).map(|p| p.id).unwrap_or_default();
    let issue = |i: usize| case.issues.get(i).map(|x| x.id);
    let say = |p, kind, text: &str| NewItem {
        party_id: p,
        issue_id: None,
        kind: Some(kind),
        text: text.into(),
        offer: None,
        corrects: None,
        may_share: false,
    };
    let offer = |p, i, yuan_cents: i64, terms: &str| NewItem {
        party_id: p,
        issue_id: issue(i),
        kind: Some(ItemKind::Offer),
        text: String::new(),
        offer: Some(Offer {
            amount: Some(Money::new(yuan_cents, Currency::Cny)),
            terms: terms.into(),
        }),
        corrects: None,
        may_share: false,
    };
    for item in [
        say(
            party(0),
            ItemKind::Position,
            "要求王建国修好管道，并赔偿顶棚、墙面及家具损失8000元。",
        ),
        say(
            party(2),
            ItemKind::Statement,
            "承认管道老化漏水，愿意先把管道修好，但认为赔偿数额偏高。",
        ),
        offer(party(2), 1, 500_000, "房屋及家具损失赔偿款"),
        offer(party(2), 1, 800_000, "房屋及家具损失赔偿款，分两期支付"),
        offer(party(1), 2, 350_050, "顶棚修复费用，现金一次付清"),
    ] {
        store.record_item(actor, session.id, &item).await?;
    }
    let _ = session.close(chrono::Utc::now());
    store
        .save_session(actor, &session, AuditAction::SessionClosed)
        .await?;
    Ok(())
}

/// A hand-like scribble for an example signature: one looping stroke per
/// character, the same for the same name.
pub fn handwriting(name: &str) -> Vec<Vec<(f32, f32)>> {
    let chars: Vec<char> = name.chars().collect();
    let n = chars.len().max(1) as f32;
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let seed = (*c as u32 % 97) as f32 / 97.0;
            let left = (i as f32 + 0.1) / n;
            let width = 0.8 / n;
            (0..=24)
                .map(|k| {
                    let s = k as f32 / 24.0;
                    let turn = s * std::f32::consts::TAU * (1.5 + seed);
                    let x = left + width * (s + 0.18 * turn.sin());
                    let y = 0.5 - 0.32 * (turn + seed * 3.0).cos() * (1.0 - 0.4 * s) + 0.1 * s;
                    (x.clamp(0.0, 1.0), y.clamp(0.0, 1.0))
                })
                .collect()
        })
        .collect()
}
