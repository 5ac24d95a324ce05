//! Switching the party in the room with 1,000 items in each compartment:
//! building what the room may see ([`accord_core::room_view`]) and the
//! room screen's `view`. Target: 16 ms (one frame at 60 Hz).
//! `cargo bench -p accord-app --bench room_switch`

use std::time::{Duration, Instant};

use accord_app::gui::{Ctx, screen::room::Room, theme::Sizes};
use accord_core::{
    Case, CaseNumber, CaseStatus, Category, Currency, Disclosure, IntakeChannel, ItemKind, Money,
    Offer, Party, PartyKind, PartyRole, Presence, RoomItem, Session, StageKind, room_view,
};
use accord_i18n::{Locale, Translations};
use chrono::Utc;

const PER_PARTY: i64 = 1_000;

fn party(id: i64, name: &str, role: PartyRole) -> Party {
    Party {
        id,
        kind: PartyKind::Person,
        role,
        name: name.into(),
        id_number: None,
        phone: None,
        address: None,
        email: None,
        agent: None,
        details: Default::default(),
    }
}

fn main() {
    let now = Utc::now();
    let case = Case {
        id: 1,
        number: CaseNumber::new(2025, 1),
        category: Category::Neighbour,
        channel: IntakeChannel::GridReport,
        received_at: now,
        summary: "六楼饮用水管反复漏水".into(),
        status: CaseStatus::InMediation,
        parties: vec![
            party(1, "李玥", PartyRole::Applicant),
            party(2, "王建国", PartyRole::Respondent),
        ],
        issues: Vec::new(),
        updated_at: now,
        version: 1,
    };
    let mut items = Vec::new();
    for p in [1, 2] {
        for i in 0..PER_PARTY {
            let id = p * 10_000 + i;
            items.push(RoomItem {
                id,
                party_id: p,
                issue_id: None,
                kind: if i % 10 == 0 {
                    ItemKind::Offer
                } else {
                    ItemKind::Note
                },
                text: format!("第 {i} 条记录：当事人谈到漏水的经过、损失和维修的安排"),
                offer: (i % 10 == 0).then(|| Offer {
                    amount: Some(Money::major(10_000 - i * 5, Currency::Cny)),
                    terms: "一次付清".into(),
                }),
                round: (i / 100 + 1) as u32,
                recorded_at: now,
                disclosure: match i % 3 {
                    0 => Disclosure::Confidential,
                    1 => Disclosure::MayShare,
                    _ => Disclosure::Shared {
                        at: now,
                        by: "边文玲".into(),
                    },
                },
                corrects: None,
            });
        }
    }
    let mut session = Session::start(1, now);
    for p in [1, 2] {
        session.record_consent(p, now).expect("consent");
    }
    session.go_to(StageKind::Caucus, &[1, 2]).expect("caucus");
    let mut room = Room::new((case, session, items, Vec::new()));
    let ctx = Ctx {
        t: Translations::get(Locale::ZhCn),
        sizes: Sizes::new(false),
        user: None,
        db: None,
    };

    let mut times = Vec::new();
    let mut shown = 0;
    for run in 0..60 {
        let next = if run % 2 == 0 { 2 } else { 1 };
        let start = Instant::now();
        room.session.present_party = Some(next);
        let view = room_view(&room.items, Presence::Caucus(next));
        shown = view.all().count();
        let element = room.view(ctx);
        times.push(start.elapsed());
        drop(element);
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times[times.len() / 2];
    println!(
        "items in the session: {}, shown to the party present: {shown}",
        2 * PER_PARTY
    );
    println!(
        "switch party: room_view + view      median {:>7.2} ms   max {:>7.2} ms   target 16 ms  {}",
        ms(median),
        ms(times[times.len() - 1]),
        if ms(median) <= 16.0 {
            "ok"
        } else {
            "OVER TARGET"
        }
    );
}
