//! The room at the speed of a conversation: nothing irreversible in one
//! click, nothing of either party while a switch is pending, nothing but
//! its own key behind the curtain, the room's keys inside the entry
//! field, and an offer in four steps. All through the real widgets.

mod harness;

use accord_app::gui::{Message, key_message};
use harness::{Harness, type_into};
use iced::keyboard::{Key, Modifiers, key::Named};

const SECRET: &str = "其实最低五千元也可以接受";

/// The demo case with every consent recorded and the first caucus (李玥)
/// open.
fn in_first_caucus() -> Harness {
    let mut h = Harness::demo_room();
    h.click_times("记录同意调解", 3);
    h.click_times("下一步", 2);
    assert!(h.shows("与 李玥 背对背沟通（第 1 轮）"));
    h
}

fn key(h: &mut Harness, key: Key, modifiers: Modifiers) {
    h.send(Message::Key(key, modifiers));
}

fn ctrl(h: &mut Harness, c: &str) {
    key(h, Key::Character(c.into()), Modifiers::CTRL);
}

/// Types into the entry field without saving.
fn type_entry(h: &mut Harness, text: &str) {
    h.interact(|ui| type_into(ui, "room_text", text));
}

fn save(h: &mut Harness) {
    h.interact(|ui| {
        ui.click("保存记录（Enter）").expect("save");
    });
}

#[test]
fn ending_the_session_asks_and_escape_keeps_it_open_with_the_typing() {
    let mut h = in_first_caucus();
    type_entry(&mut h, SECRET);
    h.interact(|ui| {
        ui.click("结束调解…").expect("end button");
    });
    assert!(h.shows("结束本次调解？"));
    assert!(h.shows_fragment("尚未保存的输入将被清除"));
    assert!(
        !h.shows_fragment("背对背沟通"),
        "the question stands alone on the page"
    );
    key(&mut h, Key::Named(Named::Escape), Modifiers::empty());
    assert!(!h.shows("结束本次调解？"));
    assert!(
        !h.shows_fragment("本次调解已于"),
        "the session is still open"
    );
    save(&mut h);
    assert!(
        h.shows(SECRET),
        "what was typed before the question is kept"
    );
    // Enter answers yes.
    h.interact(|ui| {
        ui.click("结束调解…").expect("end button");
    });
    key(&mut h, Key::Named(Named::Enter), Modifiers::empty());
    assert!(h.shows_fragment("本次调解已于"));
}

#[test]
fn while_a_switch_is_pending_the_room_shows_nothing_of_either_party() {
    let mut h = in_first_caucus();
    type_entry(&mut h, SECRET);
    save(&mut h);
    assert!(h.shows(SECRET));
    ctrl(&mut h, "3");
    assert!(h.shows_fragment("李玥 已离开调解室"));
    assert!(!h.shows_fragment(SECRET), "A's words are gone at once");
    assert!(!h.shows_fragment("李玥 的记录"));
    assert!(h.ui().find("保存记录（Enter）").is_err(), "no entry form");
    key(&mut h, Key::Named(Named::Escape), Modifiers::empty());
    assert!(h.shows(SECRET), "cancelled: A is still in the room");
}

#[test]
fn behind_the_curtain_no_key_but_its_own_changes_anything() {
    let mut h = in_first_caucus();
    type_entry(&mut h, SECRET);
    key(&mut h, Key::Named(Named::F12), Modifiers::empty());
    assert!(h.shows("请稍候"));
    // What slipped through before: invite a party, then confirm.
    ctrl(&mut h, "3");
    key(&mut h, Key::Named(Named::Enter), Modifiers::empty());
    key(&mut h, Key::Named(Named::ArrowRight), Modifiers::CTRL);
    key(&mut h, Key::Character("4".into()), Modifiers::ALT);
    key(&mut h, Key::Named(Named::Escape), Modifiers::empty());
    key(&mut h, Key::Character("n".into()), Modifiers::CTRL);
    assert!(h.shows("请稍候"), "still behind the curtain");
    key(&mut h, Key::Named(Named::F12), Modifiers::empty());
    assert!(
        h.shows("与 李玥 背对背沟通（第 1 轮）"),
        "same party, same stage, no question pending"
    );
    assert!(!h.shows_fragment("已离开调解室"));
    save(&mut h);
    assert!(h.shows(SECRET), "the typing survived the curtain");
}

#[test]
fn room_keys_reach_the_room_while_the_cursor_is_in_the_entry_field() {
    let mut h = in_first_caucus();
    let press = |key: Key, modifiers: Modifiers| {
        iced::Event::Keyboard(iced::keyboard::Event::KeyPressed {
            key: key.clone(),
            modified_key: key,
            physical_key: iced::keyboard::key::Physical::Unidentified(
                iced::keyboard::key::NativeCode::Unidentified,
            ),
            location: iced::keyboard::Location::Standard,
            modifiers,
            text: None,
            repeat: false,
        })
    };
    // The editor leaves the room's chords alone...
    {
        let mut ui = h.ui();
        ui.click(iced_test::selector::id("room_text"))
            .expect("entry field");
        for (k, m) in [
            (Key::Named(Named::ArrowRight), Modifiers::CTRL),
            (Key::Character("3".into()), Modifiers::CTRL),
            (Key::Character("4".into()), Modifiers::ALT),
        ] {
            let status = ui.simulate([press(k.clone(), m)]);
            assert_eq!(
                status,
                vec![iced::event::Status::Ignored],
                "{k:?} with {m:?} is left to the room"
            );
        }
    }
    // ...and a chord a field took still becomes the app's key message,
    // while a plain key stays with the field.
    let captured = iced::event::Status::Captured;
    assert!(matches!(
        key_message(
            press(Key::Named(Named::ArrowRight), Modifiers::CTRL),
            captured
        ),
        Some(Message::Key(..))
    ));
    assert!(matches!(
        key_message(press(Key::Named(Named::F12), Modifiers::empty()), captured),
        Some(Message::Key(..))
    ));
    assert!(matches!(
        key_message(press(Key::Character("4".into()), Modifiers::ALT), captured),
        Some(Message::Key(..))
    ));
    assert!(
        key_message(
            press(Key::Character("a".into()), Modifiers::empty()),
            captured
        )
        .is_none()
    );
    // Enter in the field is left to the room, which saves; Shift+Enter
    // is a new line in the field.
    let mut passed = Vec::new();
    h.interact(|ui| {
        type_into(ui, "room_text", "第一行");
        passed = ui.simulate([press(Key::Named(Named::Enter), Modifiers::empty())]);
        let _ = ui.simulate([press(Key::Named(Named::Enter), Modifiers::SHIFT)]);
        let _ = ui.typewrite("第二行");
    });
    assert_eq!(passed, vec![iced::event::Status::Ignored]);
    key(&mut h, Key::Named(Named::Enter), Modifiers::empty());
    assert!(h.shows("第一行\n第二行"), "Enter saved both lines");
}

#[test]
fn an_offer_takes_four_steps_and_may_be_passed_on_at_once() {
    let mut h = in_first_caucus();
    let mut steps = 0;
    h.interact(|ui| {
        ui.click("出价或方案 Alt+4").expect("offer kind");
    });
    steps += 1;
    h.interact(|ui| type_into(ui, "room_amount", "6500"));
    steps += 1;
    h.interact(|ui| type_into(ui, "room_terms", "12月15日前3500元，1月15日前3000元"));
    steps += 1;
    h.interact(|ui| {
        ui.click("保存并允许转达（Ctrl+Enter）")
            .expect("save, may share");
    });
    steps += 1;
    assert!(steps <= 4);
    assert!(h.shows("¥6,500.00（人民币陆仟伍佰元整）"));
    // Allowed as it was saved: the other side's list of what to convey
    // has it.
    ctrl(&mut h, "3");
    key(&mut h, Key::Named(Named::Enter), Modifiers::empty());
    assert!(h.shows("与 王建国 背对背沟通（第 1 轮）"));
    assert!(h.shows("待转达（对方允许转达的内容）"));
    assert!(h.shows("¥6,500.00（人民币陆仟伍佰元整）"));
    // The kind picked stays picked for the next party: the amount field
    // is there without choosing again.
    assert!(
        h.ui().find(iced_test::selector::id("room_amount")).is_ok(),
        "kind kept across the switch"
    );
}

#[test]
fn what_was_typed_for_a_party_waits_for_them_and_never_shows_to_the_other() {
    let mut h = in_first_caucus();
    type_entry(&mut h, SECRET);
    ctrl(&mut h, "3");
    key(&mut h, Key::Named(Named::Enter), Modifiers::empty());
    assert!(h.shows("与 王建国 背对背沟通（第 1 轮）"));
    // 王建国's form is empty: saving says so.
    save(&mut h);
    assert!(h.shows_fragment("内容"), "an empty entry is refused");
    assert!(!h.shows_fragment(SECRET));
    ctrl(&mut h, "1");
    key(&mut h, Key::Named(Named::Enter), Modifiers::empty());
    save(&mut h);
    assert!(h.shows(SECRET), "李玥's typing came back and was saved");
}

#[test]
fn leaving_the_room_with_typing_asks_first() {
    let mut h = in_first_caucus();
    type_entry(&mut h, SECRET);
    h.interact(|ui| {
        ui.click("返回案件").expect("back");
    });
    assert!(h.shows("有尚未保存的内容"));
    assert!(h.shows_fragment("离开调解室后这些文字将丢失"));
    key(&mut h, Key::Named(Named::Escape), Modifiers::empty());
    assert!(!h.shows("有尚未保存的内容"));
    assert!(
        h.shows("与 李玥 背对背沟通（第 1 轮）"),
        "still in the room"
    );
    // The header asks too; Ctrl+D discards and leaves.
    h.interact(|ui| {
        ui.click("案件").expect("cases in the header");
    });
    assert!(h.shows("有尚未保存的内容"));
    ctrl(&mut h, "d");
    assert!(h.shows("2025-0001"), "the case list");
}

#[test]
fn a_resumed_mediation_shows_what_the_earlier_session_recorded() {
    let mut h = in_first_caucus();
    type_entry(&mut h, SECRET);
    save(&mut h);
    h.interact(|ui| {
        ui.click("结束调解…").expect("end button");
    });
    key(&mut h, Key::Named(Named::Enter), Modifiers::empty());
    h.interact(|ui| {
        ui.click("返回案件").expect("back");
    });
    h.interact(|ui| {
        ui.click("继续调解").expect("resume");
    });
    assert!(h.shows("1 共同开场"), "a new session starts at the opening");
    // In the joint opening 李玥's confidential words do not show...
    assert!(!h.shows_fragment(SECRET));
    // ...but to the mediator alone the earlier session is all there.
    h.interact(|ui| {
        ui.click("仅调解员在场").expect("alone");
    });
    assert!(h.shows("此前调解的记录"));
    assert!(h.shows(SECRET));
}

#[test]
fn typing_in_a_caucus_never_reaches_the_joint_closing_and_waits_for_its_party() {
    let mut h = in_first_caucus();
    type_entry(&mut h, SECRET);
    key(&mut h, Key::Named(Named::ArrowRight), Modifiers::CTRL);
    assert!(h.shows("4 共同总结"));
    // In front of everyone the form is empty: saving it saves nothing.
    save(&mut h);
    assert!(!h.shows_fragment(SECRET));
    let items = |h: &Harness| {
        let case_id =
            h.rt.block_on(h.store.list_cases(&Default::default()))
                .expect("list")
                .rows[0]
                .id;
        let session =
            h.rt.block_on(h.store.latest_session(case_id))
                .expect("session")
                .expect("one");
        h.rt.block_on(h.store.shared_room_items(session))
            .expect("items")
    };
    assert!(
        items(&h).iter().all(|i| !i.text.contains(SECRET)),
        "nothing of 李玥's typing was recorded in front of everyone"
    );
    // Back in 李玥's caucus her typing is there to save.
    key(&mut h, Key::Named(Named::ArrowLeft), Modifiers::CTRL);
    assert!(h.shows("与 李玥 背对背沟通（第 1 轮）"));
    save(&mut h);
    assert!(h.shows(SECRET));
    // What is typed while the mediator is alone goes aside when a party
    // comes back, and comes back with the next time alone.
    h.interact(|ui| {
        ui.click("仅调解员在场").expect("alone");
    });
    type_entry(&mut h, "赵喆的底线大概是六千");
    h.interact(|ui| {
        ui.click("当事人回到调解室").expect("a party is back");
    });
    save(&mut h);
    assert!(!h.shows_fragment("赵喆的底线大概是六千"));
    h.interact(|ui| {
        ui.click("仅调解员在场").expect("alone");
    });
    save(&mut h);
    assert!(h.shows_fragment("赵喆的底线大概是六千"));
}
