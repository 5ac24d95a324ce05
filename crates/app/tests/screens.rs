//! Every screen in both languages: no message id (a key like
//! `intake_received` or `room-close-title`) ever shows instead of words;
//! and, on demand, screenshots of every screen at the sizes of common
//! office laptops and a large high-density screen, also in large text.

mod harness;

use accord_app::gui::{
    Message, Nav,
    screen::{agreement, case_detail, case_list, room},
};
use accord_core::StageKind;
use accord_i18n::{Locale, Translations};
use accord_store::Actor;
use harness::Harness;
use iced::keyboard::{Key, Modifiers, key::Named};

/// Whether a whole text on screen looks like a message id: lower-case
/// words joined by `-` or `_`.
fn looks_like_an_id(text: &str) -> bool {
    let text = text.trim();
    let mut parts = text.split(['-', '_']);
    let words = parts.clone().count();
    words >= 2
        && parts.all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
        && text.chars().next().is_some_and(|c| c.is_ascii_lowercase())
}

/// Every text on screen.
fn texts(h: &Harness) -> Vec<String> {
    let mut ui = h.ui();
    let mut out = Vec::new();
    let _ = ui.find(|c: iced_test::selector::Candidate<'_>| {
        if let iced_test::selector::Candidate::Text { content, .. } = c {
            out.push(content.to_owned());
        }
        None::<()>
    });
    out
}

/// The example (a final, sealed agreement and its follow-ups) with a
/// mediator at the keyboard.
fn example() -> (Harness, i64) {
    let h = Harness::new(true, "zh-CN");
    let t = Translations::get(Locale::ZhCn);
    let (case, _) =
        h.rt.block_on(accord_app::publish::load_demo(
            &h.store,
            &Actor::system(),
            t,
        ))
        .expect("demo");
    let mut h = h;
    h.restart();
    (h, case.id)
}

/// The example's agreement has instalments unpaid for long: the case
/// page's red flag says by how many days, not a bare number, in both
/// languages.
#[test]
fn the_case_page_says_how_long_performance_is_overdue() {
    let (mut h, case_id) = example();
    let page = h.rt.block_on(h.store.case_detail(case_id)).expect("page");
    let overdue = page
        .flags
        .iter()
        .find(|f| f.flag.rule == accord_core::risk::RiskRule::Overdue)
        .expect("an overdue flag");
    let days: i64 = overdue.flag.facts[0].parse().expect("days");
    assert!(days > 30, "{days}");
    h.send(Message::CaseList(case_list::Message::Open(case_id)));
    assert!(h.shows_fragment("逾期未履行"));
    assert!(h.shows_fragment(&format!("协议履行已逾期 {days} 天")));
    h.send(Message::LocalePicked(Locale::EnUs));
    assert!(h.shows_fragment(&format!("Performance of the agreement {days} days overdue")));
}

/// Visits every screen (and the room's stages, the agreement's steps,
/// the palette and the questions) and calls `look` on each with a name.
fn every_screen(h: &mut Harness, case_id: i64, mut look: impl FnMut(&mut Harness, &str)) {
    h.send(Message::Nav(Nav::Cases));
    look(h, "cases");
    h.send(Message::Key(Key::Character("k".into()), Modifiers::CTRL));
    look(h, "palette");
    h.send(Message::Key(Key::Named(Named::Escape), Modifiers::empty()));
    h.send(Message::Nav(Nav::Today));
    look(h, "today");
    h.send(Message::Nav(Nav::Users));
    look(h, "users");
    h.send(Message::Nav(Nav::NewCase));
    look(h, "intake");
    h.send(Message::Intake(
        accord_app::gui::screen::intake::Message::IssueTitle(0, "漏水".into()),
    ));
    h.send(Message::Nav(Nav::Cases));
    look(h, "leave-question");
    h.send(Message::Leave(true));
    h.send(Message::CaseList(case_list::Message::Open(case_id)));
    look(h, "case-detail");
    for (tab, name) in [
        (agreement::Tab::Draft, "agreement-1-draft"),
        (agreement::Tab::Review, "agreement-2-review"),
        (agreement::Tab::Sign, "agreement-3-sign"),
        (agreement::Tab::Print, "agreement-4-print"),
    ] {
        h.send(Message::Detail(case_detail::Message::Agreement));
        h.send(Message::Agreement(agreement::Message::Tab(tab)));
        look(h, name);
        h.send(Message::Agreement(agreement::Message::Back));
    }
    h.send(Message::Nav(Nav::Cases));
}

/// The room of a fresh demo case through its stages.
fn every_room_stage(mut look: impl FnMut(&mut Harness, &str)) -> Harness {
    let mut h = Harness::demo_room();
    look(&mut h, "room-1-opening");
    let case_id =
        h.rt.block_on(h.store.list_cases(&Default::default()))
            .expect("list")
            .rows[0]
            .id;
    let case = h.rt.block_on(h.store.case(case_id)).expect("case");
    for party in &case.parties {
        h.send(Message::Room(room::Message::Consent(party.id)));
    }
    h.send(Message::Room(room::Message::GoTo(StageKind::Statements)));
    look(&mut h, "room-2-statements");
    h.send(Message::Room(room::Message::GoTo(StageKind::Caucus)));
    look(&mut h, "room-3-caucus");
    h.send(Message::Key(Key::Character("3".into()), Modifiers::CTRL));
    look(&mut h, "room-4-switch-pending");
    h.send(Message::Key(Key::Named(Named::Enter), Modifiers::empty()));
    h.send(Message::Room(room::Message::GoTo(StageKind::Closing)));
    look(&mut h, "room-5-closing");
    h.send(Message::Room(room::Message::AskClose));
    look(&mut h, "room-6-close-question");
    h.send(Message::Room(room::Message::CancelClose));
    h.send(Message::Key(Key::Named(Named::F12), Modifiers::empty()));
    look(&mut h, "room-7-curtain");
    h.send(Message::Key(Key::Named(Named::F12), Modifiers::empty()));
    h
}

#[test]
fn no_screen_shows_a_message_id_in_either_language() {
    assert!(looks_like_an_id("intake_received"));
    assert!(looks_like_an_id("room-close-title"));
    assert!(!looks_like_an_id("2025-0001"));
    assert!(!looks_like_an_id("Ctrl+S"));
    assert!(!looks_like_an_id("tiny"));
    for locale in [Locale::ZhCn, Locale::EnUs] {
        let mut seen = 0;
        let mut check = |h: &mut Harness, name: &str| {
            let ids: Vec<String> = texts(h)
                .into_iter()
                .filter(|t| looks_like_an_id(t))
                .collect();
            assert!(ids.is_empty(), "{locale:?} {name} shows ids: {ids:?}");
            seen += 1;
        };
        let (mut h, case_id) = example();
        h.send(Message::LocalePicked(locale));
        every_screen(&mut h, case_id, &mut check);
        let mut room = every_room_stage(|h, name| {
            h.send(Message::LocalePicked(locale));
            check(h, name)
        });
        room.send(Message::LocalePicked(Locale::ZhCn));
        assert!(seen >= 18, "every screen was looked at ({seen})");
    }
}

/// Screenshots of every screen at 1024×768 and 1366×768 (also in large
/// text) and 1280×800 logical (2560×1600 at scale 2), to
/// target/screenshots/sizes/ (run on demand:
/// `cargo test -p accord-app --test screens -- --ignored`).
#[test]
#[ignore = "writes screenshots for people to look at"]
fn screenshots_at_laptop_sizes() {
    for (w, hgt, large, tag) in [
        (1024.0, 768.0, false, "1024x768"),
        (1366.0, 768.0, false, "1366x768"),
        (1366.0, 768.0, true, "1366x768-large"),
        (1280.0, 800.0, false, "2560x1600"),
    ] {
        for locale in [Locale::ZhCn, Locale::EnUs] {
            let lang = if locale == Locale::ZhCn { "zh" } else { "en" };
            let shoot = |h: &mut Harness, name: &str| {
                h.send(Message::LocalePicked(locale));
                h.send(Message::LargerText(large));
                h.screenshot_sized(&format!("sizes/{tag}-{lang}-{name}"), (w, hgt));
            };
            let (mut h, case_id) = example();
            let mut shoot_a = shoot;
            every_screen(&mut h, case_id, &mut shoot_a);
            every_room_stage(shoot);
        }
    }
}
