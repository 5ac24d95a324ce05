//! The Today screen in the real widgets: what is due across cases, and a
//! partial payment recorded against an instalment.

mod harness;

use accord_app::publish;
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
