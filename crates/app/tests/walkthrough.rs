//! The water-leak case from an empty database to the sealed agreement,
//! through the real widgets, counting every interaction (a click, a key
//! chord, typing into one field, one stroke on the pad): intake with two
//! parties and an issue, consent, a caucus with each side with an offer
//! and a counter-offer, one point carried across with permission, the
//! joint closing, the agreement drafted from the accepted offer, reviewed
//! by another user, signed by each party on the pad, finalised and
//! sealed. It must take at most 60.

mod harness;

use accord_app::gui::Message;
use accord_core::UserRole;
use accord_store::{Actor, NewAccount};
use harness::{Harness, type_into};
use iced::keyboard::{Key, Modifiers, key::Named};
use iced::{Point, mouse};

const PASSWORD: &str = "调解员的密码123";
const MOST: usize = 60;

/// The harness, and how many interactions so far.
struct Walk {
    h: Harness,
    steps: usize,
}

impl Walk {
    fn click(&mut self, label: &str) {
        self.steps += 1;
        self.h.interact(|ui| {
            ui.click(label)
                .unwrap_or_else(|e| panic!("step {}: no {label}: {e}", 0));
        });
    }

    fn click_id(&mut self, id: &'static str) {
        self.steps += 1;
        self.h.interact(|ui| {
            ui.click(iced_test::selector::id(id))
                .unwrap_or_else(|e| panic!("no {id}: {e}"));
        });
    }

    fn type_in(&mut self, id: &'static str, text: &str) {
        self.steps += 1;
        self.h.interact(|ui| type_into(ui, id, text));
    }

    fn key(&mut self, key: Key, modifiers: Modifiers) {
        self.steps += 1;
        self.h.send(Message::Key(key, modifiers));
    }

    /// One stroke on the signature pad.
    fn sign(&mut self) {
        self.steps += 1;
        self.h.interact(|ui| {
            let pad = ui
                .find(iced_test::selector::id("signature_pad"))
                .expect("the pad is on screen");
            let b = iced_test::selector::Bounded::visible_bounds(&pad).expect("visible");
            let at = |fx: f32, fy: f32| Point::new(b.x + b.width * fx, b.y + b.height * fy);
            ui.point_at(at(0.1, 0.6));
            let _ = ui.simulate([iced::Event::Mouse(mouse::Event::CursorMoved {
                position: at(0.1, 0.6),
            })]);
            let _ = ui.simulate([iced::Event::Mouse(mouse::Event::ButtonPressed(
                mouse::Button::Left,
            ))]);
            for k in 1..=10 {
                let p = at(0.1 + 0.07 * k as f32, 0.6 - 0.3 * ((k as f32) * 0.9).sin());
                ui.point_at(p);
                let _ = ui.simulate([iced::Event::Mouse(mouse::Event::CursorMoved {
                    position: p,
                })]);
            }
            let _ = ui.simulate([iced::Event::Mouse(mouse::Event::ButtonReleased(
                mouse::Button::Left,
            ))]);
        });
    }

    /// Every text on screen that holds `fragment` (to say what is wrong).
    fn texts_with(&self, fragment: &str) -> Vec<String> {
        let mut ui = self.h.ui();
        let mut out = Vec::new();
        let fragment = fragment.to_owned();
        let _ = ui.find(move |c: iced_test::selector::Candidate<'_>| {
            if let iced_test::selector::Candidate::Text { content, .. } = c
                && content.contains(fragment.as_str())
            {
                out.push(content.to_owned());
                println!("{content}");
            }
            None::<()>
        });
        Vec::new()
    }

    fn shows(&self, text: &str) -> bool {
        self.h.shows(text)
    }

    fn shows_fragment(&self, text: &str) -> bool {
        self.h.shows_fragment(text)
    }

    /// Logs in at the gate: the user's button, the password, Enter in
    /// the password field.
    fn log_in(&mut self, who: &str) {
        self.click(who);
        self.steps += 2;
        self.h.interact(|ui| {
            type_into(ui, "login_password", PASSWORD);
            let _ = ui.tap_key(Named::Enter);
        });
    }
}

/// An empty database with a mediator and a legal advisor (and the
/// administrator who made them), at the login.
fn empty_centre() -> Walk {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = dir.path().join("walk.sqlite3").display().to_string();
    let mut h = Harness::at(url, false, "zh-CN");
    let account = |login: &str, name: &str, role| NewAccount {
        login: login.into(),
        name: name.into(),
        role,
        password: PASSWORD.into(),
    };
    let admin =
        h.rt.block_on(
            h.store
                .create_account(None, &account("admin", "李瑞芳", UserRole::Administrator)),
        )
        .expect("admin");
    let by = Actor::from(&admin);
    for (login, name, role) in [
        ("mediator", "边文玲", UserRole::Mediator),
        ("advisor", "周敏", UserRole::LegalAdvisor),
    ] {
        h.rt.block_on(
            h.store
                .create_account(Some(&by), &account(login, name, role)),
        )
        .expect("account");
    }
    // The centre's seal, made by its administrator.
    h.rt.block_on(accord_app::publish::centre_key(
        &h.store,
        &by,
        accord_i18n::Translations::get(accord_i18n::Locale::ZhCn),
    ))
    .expect("seal key");
    h.restart();
    std::mem::forget(dir);
    Walk { h, steps: 0 }
}

/// [`empty_centre`] with the mediator logged in (not counted).
fn logged_in() -> Walk {
    let mut walk = empty_centre();
    walk.log_in("边文玲（调解员）");
    assert!(walk.shows("没有符合条件的案件。"), "an empty database");
    walk.steps = 0;
    walk
}

#[test]
fn the_water_leak_case_from_intake_to_the_sealed_agreement_in_at_most_60_interactions() {
    let mut w = logged_in();

    // Intake: two parties and an issue.
    w.click("新建案件");
    w.type_in(
        "intake_summary",
        "楼上卫生间漏水，楼下顶棚和衣柜受损，双方就赔偿金额争执不下。",
    );
    w.type_in("party_0_name", "赵喆");
    w.type_in("party_0_idnumber", "150204198509230024");
    w.type_in("party_0_address", "青山区青五社区3栋1单元402");
    w.type_in("party_1_name", "王建国");
    w.type_in("party_1_idnumber", "11010519491231002X");
    w.type_in("party_1_address", "青山区青五社区3栋1单元502");
    w.type_in("issue_0_title", "赔偿顶棚和衣柜损失");
    w.key(Key::Character("s".into()), Modifiers::CTRL);
    assert!(w.shows_fragment("已保存"), "saved with Ctrl+S");
    assert!(w.shows("开始调解"), "and the new case is open");
    let case_id =
        w.h.rt
            .block_on(w.h.store.list_cases(&Default::default()))
            .expect("list")
            .rows[0]
            .id;

    // The room: consent, then the caucuses.
    w.key(Key::Character("m".into()), Modifiers::ALT);
    assert!(w.shows("1 共同开场"));
    w.click_id("consent_0");
    w.click_id("consent_1");
    w.key(Key::Named(Named::ArrowRight), Modifiers::CTRL);
    w.key(Key::Named(Named::ArrowRight), Modifiers::CTRL);
    assert!(w.shows("与 赵喆 背对背沟通（第 1 轮）"));
    // 赵喆 asks 7,000 in two instalments; she allows it to be passed on.
    w.key(Key::Character("4".into()), Modifiers::ALT);
    w.type_in("room_amount", "7000");
    w.type_in("room_terms", "12月31日前4000元，1月31日前3000元");
    w.key(Key::Named(Named::Enter), Modifiers::CTRL);
    // 王建国 comes in, hears it, and counters with 6,500.
    w.key(Key::Character("2".into()), Modifiers::CTRL);
    w.key(Key::Named(Named::Enter), Modifiers::empty());
    assert!(w.shows("与 王建国 背对背沟通（第 1 轮）"));
    w.click("标记为已转达");
    w.type_in("room_amount", "6500");
    w.type_in("room_terms", "12月31日前3500元，1月31日前3000元");
    w.key(Key::Named(Named::Enter), Modifiers::CTRL);
    // Back to 赵喆: his counter-offer is carried across, with permission.
    w.key(Key::Character("1".into()), Modifiers::CTRL);
    w.key(Key::Named(Named::Enter), Modifiers::empty());
    assert!(w.shows("与 赵喆 背对背沟通（第 2 轮）"));
    assert!(w.shows("¥6,500.00（人民币陆仟伍佰元整）"));
    w.click("标记为已转达");
    // The joint closing, and the session ends.
    w.key(Key::Named(Named::ArrowRight), Modifiers::CTRL);
    assert!(w.shows("4 共同总结"));
    w.click("结束调解…");
    w.key(Key::Named(Named::Enter), Modifiers::empty());
    assert!(w.shows_fragment("本次调解已于"));

    // The agreement, drafted from the accepted offer.
    w.key(Key::Character("a".into()), Modifiers::ALT);
    assert!(w.shows_fragment("陆仟伍佰元整"), "the accepted offer");
    assert!(
        w.shows_fragment("2026-12-31") || w.shows_fragment("2027-12-31"),
        "its first instalment, read from the terms"
    );
    // How it is paid and into which account (art. 35: 方式), then who
    // records.
    w.type_in("obligation_0_method", "银行转账");
    w.type_in(
        "obligation_0_account",
        "中国工商银行包头青山支行，户名：赵喆，账号：6212 2602 0000 1234 567",
    );
    w.type_in("agreement_recorder", "李瑞芳");
    assert!(
        w.shows("内容完整，可以提交审核并定稿。"),
        "the draft is complete: {:?}",
        w.texts_with("• ")
    );
    w.key(Key::Character("s".into()), Modifiers::CTRL);
    w.key(Key::Named(Named::Enter), Modifiers::CTRL);
    assert!(w.shows_fragment("等待法律顾问审核"));

    // Another user reviews it.
    w.click("切换用户");
    w.log_in("周敏（法律顾问）");
    assert!(
        w.shows("等待您审核的协议"),
        "the advisor starts at the review queue"
    );
    w.click("审核");
    w.click("批准");
    assert!(w.shows("3. 签名"));
    w.click("切换用户");
    w.log_in("边文玲（调解员）");
    assert!(w.shows("3. 签名"), "the mediator is back at the agreement");

    // Each party signs on the pad, then mediator and recorder: the pad
    // opens for the next one as each signature is saved.
    w.click_id("sign_pad_0");
    for name in ["赵喆", "王建国", "边文玲", "李瑞芳"] {
        assert!(w.shows(&format!("请 {name} 在框内签名")));
        w.sign();
        w.click("保存签名");
    }
    w.click("定稿并加盖防篡改校验章");
    assert!(w.shows("协议已定稿，并已加盖调解委员会防篡改校验章。"));

    let sealed =
        w.h.rt
            .block_on(w.h.store.sealed_pdf(case_id))
            .expect("read")
            .expect("sealed");
    let report = accord_document::seal::verify(&sealed.pdf).expect("valid seal");
    assert!(report.covers_whole_file);
    let case = w.h.rt.block_on(w.h.store.case(case_id)).expect("case");
    assert_eq!(case.status, accord_core::CaseStatus::Settled);
    println!("interactions: {}", w.steps);
    assert!(
        w.steps <= MOST,
        "the walkthrough took {} interactions (at most {MOST})",
        w.steps
    );
}

/// The same case by key presses alone: Tab between fields, the shortcuts
/// written on the buttons, the command palette (Ctrl+K) for the rest. The
/// pad needs a hand, so here everyone signs on paper (chosen from the
/// palette).
#[test]
fn the_same_walkthrough_by_keyboard_alone_reaches_the_sealed_agreement() {
    use harness::window::Window;
    let w = empty_centre();
    let mut h = w.h;
    let mut win = Window::new(&h);
    let none = Modifiers::empty();
    let key = |c: &str| Key::Character(c.into());
    let enter = Key::Named(Named::Enter);
    // The legal advisor, picked with the arrow keys.
    let log_in = |h: &mut Harness, win: &mut Window, who: &str| {
        for _ in 0..4 {
            if h.shows_fragment(&format!("已选择：{who}")) {
                break;
            }
            h.press(win, Key::Named(Named::ArrowDown), Modifiers::empty());
        }
        assert!(h.shows_fragment(&format!("已选择：{who}")), "{who} picked");
        h.tab_to(win, "login_password");
        h.type_text(win, PASSWORD);
        h.press(win, Key::Named(Named::Enter), Modifiers::empty());
    };
    log_in(&mut h, &mut win, "边文玲");
    assert!(h.shows("没有符合条件的案件。"));

    // Intake.
    h.press(&mut win, key("n"), Modifiers::CTRL);
    assert!(h.shows("新建案件"));
    for (id, text) in [
        ("intake_summary", "楼上卫生间漏水，楼下顶棚和衣柜受损。"),
        ("party_0_name", "赵喆"),
        ("party_0_idnumber", "150204198509230024"),
        ("party_0_address", "青山区青五社区3栋1单元402"),
        ("party_1_name", "王建国"),
        ("party_1_idnumber", "11010519491231002X"),
        ("party_1_address", "青山区青五社区3栋1单元502"),
        ("issue_0_title", "赔偿顶棚和衣柜损失"),
    ] {
        h.tab_to(&mut win, id);
        h.type_text(&mut win, text);
    }
    h.press(&mut win, key("s"), Modifiers::CTRL);
    assert!(h.shows("开始调解"), "the new case, saved by Ctrl+S");

    // The room.
    h.press(&mut win, key("m"), Modifiers::ALT);
    assert!(h.shows("1 共同开场"));
    h.palette(&mut win, "同意调解：赵喆");
    h.palette(&mut win, "同意调解：王建国");
    h.press(&mut win, Key::Named(Named::ArrowRight), Modifiers::CTRL);
    h.press(&mut win, Key::Named(Named::ArrowRight), Modifiers::CTRL);
    assert!(h.shows("与 赵喆 背对背沟通（第 1 轮）"));
    h.press(&mut win, key("4"), Modifiers::ALT);
    h.tab_to(&mut win, "room_amount");
    h.type_text(&mut win, "7000");
    h.tab_to(&mut win, "room_terms");
    h.type_text(&mut win, "12月31日前4000元，1月31日前3000元");
    h.press(&mut win, enter.clone(), Modifiers::CTRL);
    h.press(&mut win, key("2"), Modifiers::CTRL);
    h.press(&mut win, enter.clone(), none);
    assert!(h.shows("与 王建国 背对背沟通（第 1 轮）"));
    h.palette(&mut win, "标记为已转达");
    h.tab_to(&mut win, "room_amount");
    h.type_text(&mut win, "6500");
    h.tab_to(&mut win, "room_terms");
    h.type_text(&mut win, "12月31日前3500元，1月31日前3000元");
    h.press(&mut win, enter.clone(), Modifiers::CTRL);
    h.press(&mut win, key("1"), Modifiers::CTRL);
    h.press(&mut win, enter.clone(), none);
    h.palette(&mut win, "标记为已转达");
    h.press(&mut win, Key::Named(Named::ArrowRight), Modifiers::CTRL);
    assert!(h.shows("4 共同总结"));
    h.palette(&mut win, "结束调解…");
    h.press(&mut win, enter.clone(), none);
    assert!(h.shows_fragment("本次调解已于"));

    // The agreement.
    h.press(&mut win, key("a"), Modifiers::ALT);
    h.tab_to(&mut win, "obligation_0_method");
    h.type_text(&mut win, "银行转账");
    h.tab_to(&mut win, "obligation_0_account");
    h.type_text(
        &mut win,
        "中国工商银行包头青山支行，户名：赵喆，账号：6212 2602 0000 1234 567",
    );
    h.tab_to(&mut win, "agreement_recorder");
    h.type_text(&mut win, "李瑞芳");
    assert!(h.shows("内容完整，可以提交审核并定稿。"));
    h.press(&mut win, key("s"), Modifiers::CTRL);
    h.press(&mut win, enter.clone(), Modifiers::CTRL);
    assert!(h.shows_fragment("等待法律顾问审核"));

    // Another user reviews it.
    h.palette(&mut win, "切换用户");
    log_in(&mut h, &mut win, "周敏");
    h.palette(&mut win, "审核案件");
    h.palette(&mut win, "批准");
    assert!(h.shows("3. 签名"));
    h.palette(&mut win, "切换用户");
    log_in(&mut h, &mut win, "边文玲");
    assert!(h.shows("3. 签名"));

    for name in ["赵喆", "王建国", "边文玲", "李瑞芳"] {
        h.palette(&mut win, &format!("纸面签名：{name}"));
    }
    h.palette(&mut win, "定稿并加盖防篡改校验章");
    assert!(h.shows("协议已定稿，并已加盖调解委员会防篡改校验章。"));
    let case_id =
        h.rt.block_on(h.store.list_cases(&Default::default()))
            .expect("list")
            .rows[0]
            .id;
    assert!(
        h.rt.block_on(h.store.sealed_pdf(case_id))
            .expect("read")
            .is_some(),
        "sealed, without a click"
    );
    println!("key presses: {}", win.presses);
}
