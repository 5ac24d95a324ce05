//! The Today screen in the real widgets: what is due across cases, and a
//! partial payment recorded against an instalment.

mod harness;

use accord_app::publish;
use accord_core::UserRole;
use accord_i18n::{Locale, Translations};
use accord_store::Actor;
use harness::{Harness, type_into};

#[test]
fn a_partial_payment_on_the_today_screen_shows_what_remains() {
    let mut h = Harness::new(true, "zh-CN");
    let t = Translations::load(Locale::ZhCn).expect("locale");
    h.rt.block_on(publish::load_demo(&h.store, &Actor::system(), &t))
        .expect("demo");
    h.restart();
    h.interact(|ui| {
        ui.click("今日待办").expect("the Today tab");
    });
    // The example's open items: 李玥's two instalments, overdue.
    assert!(h.shows_fragment("尚需支付：人民币贰仟元整（¥2,000.00）"));
    assert!(h.shows_fragment("尚需支付：人民币叁仟元整（¥3,000.00）"));
    assert!(!h.shows_fragment("顶棚修复费用"), "赵喆 was paid in full");
    assert!(h.shows("督促履行"));
    assert!(h.shows("待发送"), "the agreement emails wait in the outbox");

    // The due check of the first instalment: 1,500 of the 2,000 paid now.
    let id =
        h.rt.block_on(
            h.store
                .due_followups(chrono::Local::now().date_naive(), 100),
        )
        .expect("due")
        .into_iter()
        .find(|f| {
            f.kind == accord_core::followup::FollowUpKind::DueCheck
                && f.obligation == 1
                && f.installment == Some(0)
        })
        .expect("the due check")
        .id;
    h.interact(|ui| {
        ui.click(iced_test::selector::id(format!("followup_{id}")))
            .expect("handle button");
    });
    h.interact(|ui| {
        ui.click(iced_test::selector::id("today_amount"))
            .expect("amount");
        for _ in 0..4 {
            let _ = ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        let _ = ui.typewrite("1500");
        type_into(ui, "today_method", "微信转账");
        type_into(ui, "today_evidence", "转账截图");
    });
    h.interact(|ui| {
        ui.click("登记付款").expect("record payment");
    });
    assert!(
        h.shows(
            "已登记付款 人民币壹仟伍佰元整（¥1,500.00），该期尚需支付 人民币伍佰元整（¥500.00）。"
        ),
        "the notice says what remains"
    );
    assert!(
        h.shows_fragment("尚需支付：人民币伍佰元整（¥500.00）"),
        "and the list shows it"
    );
    let status = h.rt.block_on(h.store.performance(1)).expect("performance");
    let first = status
        .iter()
        .find(|s| s.obligation == 1 && s.installment == Some(0))
        .expect("instalment");
    assert_eq!(first.balance.map(|b| b.paid.minor), Some(450_000));

    // More than what remains is refused in words, and nothing is lost.
    assert!(h.shows_fragment("500"), "the form offers what remains");
    h.interact(|ui| {
        ui.click(iced_test::selector::id("today_amount"))
            .expect("amount");
        for _ in 0..4 {
            let _ = ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        let _ = ui.typewrite("900");
    });
    h.interact(|ui| {
        ui.click("登记付款").expect("record payment");
    });
    assert!(h.shows("登记的金额超过该期尚未支付的金额。"));
}

#[test]
fn mail_settings_are_saved_with_the_password_sealed() {
    let mut h = Harness::new(true, "zh-CN");
    // The mediator may not change them (the store refuses; the button
    // waits and says why); an administrator may.
    h.interact(|ui| {
        ui.click("用户").expect("users");
    });
    assert!(h.shows("只有管理员可以修改发信设置。"));
    let admin =
        h.rt.block_on(h.store.create_user(None, "李瑞芳", UserRole::Administrator))
            .expect("administrator");
    h.rt.block_on(h.store.set_current_user(admin.id))
        .expect("current");
    h.restart();
    h.interact(|ui| {
        ui.click("用户").expect("users");
    });
    assert!(h.shows("发信设置（SMTP）"));
    h.interact(|ui| {
        type_into(ui, "smtp_host", "smtp.example.org");
        type_into(ui, "smtp_port", "58x");
        type_into(ui, "smtp_user", "tiaojie");
        type_into(ui, "smtp_password", "口令-s3cret");
        type_into(
            ui,
            "smtp_from",
            "青山区人民调解委员会 <tiaojie@example.org>",
        );
    });
    h.interact(|ui| {
        ui.click("保存发信设置").expect("save");
    });
    assert!(h.shows("端口须为数字，如 587。"), "a bad port is named");
    h.interact(|ui| {
        ui.click(iced_test::selector::id("smtp_port"))
            .expect("port");
        let _ = ui.tap_key(iced::keyboard::key::Named::Backspace);
        let _ = ui.typewrite("7");
    });
    h.interact(|ui| {
        ui.click("保存发信设置").expect("save");
    });
    assert!(h.shows("发信设置已保存（密码已加密保存）。"));
    let stored = |key: &str| h.rt.block_on(h.store.setting(key)).expect("read");
    assert_eq!(stored("smtp_host").as_deref(), Some("smtp.example.org"));
    assert_eq!(stored("smtp_port").as_deref(), Some("587"));
    let sealed = stored(accord_app::mail::SMTP_PASSWORD).expect("sealed password");
    assert!(!sealed.contains("s3cret"), "never in plain text: {sealed}");
    assert_eq!(
        accord_app::secret::open(&sealed).as_deref(),
        Ok("口令-s3cret")
    );
    let settings =
        h.rt.block_on(accord_app::mail::load_settings(&h.store))
            .expect("read")
            .expect("set");
    assert_eq!(settings.security, accord_app::mail::Security::StartTls);
    assert_eq!(settings.user, "tiaojie");

    // How many days before a due date the reminder comes.
    h.interact(|ui| {
        ui.click(iced_test::selector::id("reminder_days"))
            .expect("days");
        let _ = ui.tap_key(iced::keyboard::key::Named::Backspace);
        let _ = ui.typewrite("7");
    });
    h.interact(|ui| {
        ui.click("保存").expect("save days");
    });
    assert!(h.shows("今后定稿的协议将在到期前 7 天提醒。"));
    let days =
        h.rt.block_on(h.store.setting(accord_store::REMINDER_DAYS))
            .expect("read");
    assert_eq!(days.as_deref(), Some("7"));
}

#[test]
fn once_everything_is_paid_the_return_visit_closes_the_case() {
    use accord_app::gui::{Labeled, Message, screen::case_detail::Message as Detail};
    use accord_core::followup::Satisfaction;
    let mut h = Harness::new(true, "zh-CN");
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let (case, _) =
        h.rt.block_on(publish::load_demo(&h.store, &Actor::system(), &t))
            .expect("demo");
    for s in
        h.rt.block_on(h.store.performance(case.id))
            .expect("performance")
    {
        if let (Some(k), Some(b)) = (s.installment, s.balance)
            && !b.is_paid()
        {
            h.rt.block_on(h.store.record_payment(
                &Actor::system(),
                case.id,
                &accord_store::NewPayment {
                    obligation: s.obligation,
                    installment: k,
                    amount: b.remaining(),
                    paid_on: chrono::NaiveDate::from_ymd_opt(2025, 4, 1).expect("date"),
                    method: "现金".into(),
                    evidence: "收条".into(),
                },
            ))
            .expect("pay");
        }
    }
    h.restart();
    h.interact(|ui| {
        ui.click("2025-0001").expect("case");
    });
    assert!(h.shows("协议履行情况"));
    assert!(h.shows("已付清"));
    h.send(Message::Detail(Detail::Satisfaction(Labeled {
        value: Satisfaction::VerySatisfied,
        label: "非常满意".into(),
    })));
    h.interact(|ui| {
        type_into(ui, "visit_note", "邻里关系恢复和睦");
    });
    h.interact(|ui| {
        ui.click("记录回访并结案").expect("close");
    });
    let closed = h.rt.block_on(h.store.case(case.id)).expect("case");
    assert_eq!(closed.status, accord_core::CaseStatus::Closed);
    assert!(h.shows("已结案"));
}

/// A payment made at signing, before its due date: Today lists the coming
/// two weeks too, and the payment is recorded against it there.
#[test]
fn a_payment_due_next_week_is_listed_and_recorded_today() {
    use sea_orm::ConnectionTrait;
    let mut h = Harness::new(true, "zh-CN");
    let t = Translations::get(Locale::ZhCn);
    h.rt.block_on(publish::load_demo(&h.store, &Actor::system(), t))
        .expect("demo");
    let today = chrono::Local::now().date_naive();
    let next_week = today + chrono::Days::new(7);
    let later = today + chrono::Days::new(30);
    // Every open follow-up moved: one due check next week, the rest in a
    // month (outside the two weeks).
    let db =
        h.rt.block_on(sea_orm::Database::connect(format!(
            "sqlite://{}?mode=rw",
            h.url
        )))
        .expect("connect");
    let due =
        h.rt.block_on(h.store.due_followups(today, 100))
            .expect("due");
    let check = due
        .iter()
        .find(|f| f.kind == accord_core::followup::FollowUpKind::DueCheck)
        .expect("a due check")
        .id;
    h.rt.block_on(db.execute_unprepared(&format!(
        "UPDATE follow_ups SET due_on = '{later}' WHERE state = 'open'; \
         UPDATE follow_ups SET due_on = '{next_week}' WHERE id = {check};"
    )))
    .expect("move");
    drop(db);
    h.restart();
    h.interact(|ui| {
        ui.click("今日待办").expect("the Today tab");
    });
    assert!(h.shows("今后 14 天"));
    assert!(
        !h.shows("今后两周没有到期事项。"),
        "the check next week is listed"
    );
    assert!(
        h.shows("今天没有到期或逾期的回访事项。"),
        "nothing due today"
    );
    h.interact(|ui| {
        ui.click(iced_test::selector::id(format!("followup_{check}")))
            .expect("handle button of next week's check");
    });
    h.interact(|ui| {
        type_into(ui, "today_method", "现金");
    });
    h.interact(|ui| {
        ui.click("登记付款").expect("record payment");
    });
    assert!(
        h.shows_fragment("已登记付款"),
        "recorded before it fell due"
    );
}

/// The case page records a payment at any time, against the instalment
/// it is for.
#[test]
fn the_case_page_records_a_payment_at_any_time() {
    let mut h = Harness::new(true, "zh-CN");
    let t = Translations::get(Locale::ZhCn);
    let (case, _) =
        h.rt.block_on(publish::load_demo(&h.store, &Actor::system(), t))
            .expect("demo");
    h.restart();
    let before =
        h.rt.block_on(h.store.performance(case.id))
            .expect("performance");
    let open = before
        .iter()
        .find(|p| p.installment.is_some() && p.balance.is_some_and(|b| !b.is_paid()))
        .expect("an instalment still to pay");
    let (o, k) = (open.obligation, open.installment.expect("instalment"));
    let paid_before = open.balance.expect("balance").paid.minor;
    h.interact(|ui| {
        ui.click("2025-0001").expect("the case");
    });
    let id: &'static str = Box::leak(format!("pay_{o}_{k}").into_boxed_str());
    h.interact(|ui| {
        ui.click(iced_test::selector::id(id))
            .expect("the instalment's payment button");
    });
    h.interact(|ui| {
        ui.click(iced_test::selector::id("case_pay_amount"))
            .expect("amount");
        for _ in 0..10 {
            let _ = ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        let _ = ui.typewrite("100");
        type_into(ui, "case_pay_method", "现金");
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(h.shows("付款已登记。"));
    let after =
        h.rt.block_on(h.store.performance(case.id))
            .expect("performance");
    let row = after
        .iter()
        .find(|p| p.obligation == o && p.installment == Some(k))
        .expect("row");
    assert_eq!(
        row.balance.expect("balance").paid.minor,
        paid_before + 10_000
    );
}

/// A payment half typed on the case page is not lost by leaving without
/// asking.
#[test]
fn leaving_the_case_page_with_a_payment_typed_asks_first() {
    let mut h = Harness::new(true, "zh-CN");
    let t = Translations::get(Locale::ZhCn);
    let (case, _) =
        h.rt.block_on(publish::load_demo(&h.store, &Actor::system(), t))
            .expect("demo");
    h.restart();
    let open =
        h.rt.block_on(h.store.performance(case.id))
            .expect("performance")
            .into_iter()
            .find(|p| p.installment.is_some() && p.balance.is_some_and(|b| !b.is_paid()))
            .expect("an instalment still to pay");
    let id: &'static str = Box::leak(
        format!(
            "pay_{}_{}",
            open.obligation,
            open.installment.expect("instalment")
        )
        .into_boxed_str(),
    );
    h.interact(|ui| {
        ui.click("2025-0001").expect("the case");
    });
    h.interact(|ui| {
        ui.click(iced_test::selector::id(id)).expect("pay button");
    });
    h.interact(|ui| type_into(ui, "case_pay_method", "现金"));
    h.interact(|ui| {
        ui.click("案件").expect("the header");
    });
    assert!(h.shows_fragment("回访记录或付款登记中已填写的内容尚未保存"));
}
