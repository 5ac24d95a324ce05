//! The login and the lock in the real widgets, on a database with
//! accounts: nothing of the work shows before the password; a wrong one is
//! refused in words; idle, the app locks and the lock shows no case, no
//! name and nothing typed; the password unlocks onto the work as it was;
//! switching user is two clicks from anywhere.

mod harness;

use accord_app::gui::Message;
use accord_core::UserRole;
use accord_store::{Actor, NewAccount};
use harness::{Harness, type_into};

const PASSWORD: &str = "调解员的密码123";

fn click(h: &mut Harness, label: &str) {
    h.interact(|ui| {
        ui.click(label)
            .unwrap_or_else(|e| panic!("no button {label}: {e}"));
    });
}

/// A database with the three example accounts and the example case.
fn with_accounts() -> Harness {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = dir.path().join("accounts.sqlite3").display().to_string();
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
    h.rt.block_on(h.store.load_demo(&by)).expect("case");
    h.restart();
    // Keep the folder for the harness's lifetime.
    std::mem::forget(dir);
    h
}

#[test]
fn the_work_shows_only_after_the_password_and_hides_again_when_idle() {
    let mut h = with_accounts();
    assert!(h.app.gated());
    assert!(h.shows("登录 Accord"), "the login first");
    assert!(
        !h.shows_fragment("2025-0001"),
        "no case before the password"
    );
    assert!(!h.shows_fragment("李玥"), "no party before the password");

    // A wrong password: refused in words, still shut.
    click(&mut h, "边文玲（调解员）");
    h.interact(|ui| type_into(ui, "login_password", "不是这个密码123"));
    click(&mut h, "登录");
    assert!(h.shows_fragment("登录名或密码不正确"));
    assert!(h.app.gated());
    assert!(!h.shows_fragment("2025-0001"));

    h.interact(|ui| type_into(ui, "login_password", PASSWORD));
    click(&mut h, "登录");
    assert!(!h.app.gated());
    assert!(
        h.shows_fragment("2025-0001"),
        "the case list after logging in"
    );
    assert!(h.shows_fragment("边文玲（调解员）"), "who is logged in");

    // Open the case, then leave the app alone: it locks.
    click(&mut h, "2025-0001");
    assert!(h.shows_fragment("李玥"));
    h.app.idle_for(std::time::Duration::from_secs(4 * 60));
    h.send(Message::IdleCheck);
    assert!(!h.app.gated(), "not before the idle time");
    h.app.idle_for(std::time::Duration::from_secs(6 * 60));
    h.send(Message::IdleCheck);
    assert!(h.app.gated(), "locked after five minutes");
    assert!(h.shows("已锁定"));
    for hidden in ["2025-0001", "李玥", "王建国", "边文玲", "李瑞芳", "周敏"] {
        assert!(!h.shows_fragment(hidden), "the lock shows {hidden}");
    }
    // Shortcuts do not reach the work behind the lock.
    h.send(Message::Key(
        iced::keyboard::Key::Named(iced::keyboard::key::Named::Escape),
        iced::keyboard::Modifiers::empty(),
    ));
    // The password unlocks onto the case as it was.
    h.interact(|ui| type_into(ui, "login_password", PASSWORD));
    click(&mut h, "解锁");
    assert!(!h.app.gated());
    assert!(h.shows_fragment("李玥"), "back on the case");

    // Switching user: two clicks, then the other's password.
    click(&mut h, "切换用户");
    assert!(h.app.gated());
    click(&mut h, "周敏（法律顾问）");
    h.interact(|ui| type_into(ui, "login_password", PASSWORD));
    click(&mut h, "登录");
    assert!(h.shows_fragment("周敏（法律顾问）"));
    assert!(!h.shows_fragment("边文玲（调解员）"));
    // Locking by hand from the header.
    click(&mut h, "锁定");
    assert!(h.app.gated());
    assert!(!h.shows_fragment("周敏"));
}

#[test]
fn a_database_without_accounts_opens_as_before() {
    let h = Harness::new(true, "zh-CN");
    assert!(!h.app.gated());
    assert!(!h.shows("锁定"), "no lock without accounts");
}

#[test]
fn an_administrator_adds_a_colleague_with_a_password_and_resets_a_forgotten_one() {
    let mut h = with_accounts();
    click(&mut h, "李瑞芳（管理员）");
    h.interact(|ui| type_into(ui, "login_password", PASSWORD));
    click(&mut h, "登录");
    click(&mut h, "用户");
    assert!(
        !h.shows("使用此用户"),
        "switching is the login, not a button"
    );
    h.interact(|ui| {
        type_into(ui, "users_login", "wangf");
        type_into(ui, "users_password", "新同事的密码123");
        type_into(ui, "users_again", "新同事的密码123");
    });
    // The name is still missing: refused in words, nothing made. ("Add
    // user" is also the section's heading: the button is pressed by its
    // message.)
    let add = || Message::Users(accord_app::gui::screen::users::Message::Add);
    h.send(add());
    assert!(h.shows("请填写姓名或名称。"));
    assert!(
        h.rt.block_on(h.store.log_in("wangf", "新同事的密码123"))
            .is_err()
    );
    h.interact(|ui| type_into(ui, "users_name", "王芳"));
    h.send(add());
    assert!(h.shows_fragment("王芳 现在可以用登录名 wangf"));
    let colleague =
        h.rt.block_on(h.store.log_in("wangf", "新同事的密码123"))
            .expect("the colleague logs in");
    assert_eq!(colleague.role, UserRole::Mediator);
    // Still the administrator at the keyboard.
    assert!(h.shows_fragment("李瑞芳（管理员）"));

    // A forgotten password: the administrator sets a new one.
    let rows = h.rt.block_on(h.store.users()).expect("users");
    let mediator = rows
        .iter()
        .find(|u| u.login == "mediator")
        .expect("mediator");
    h.send(Message::Users(
        accord_app::gui::screen::users::Message::ResetFor(mediator.clone()),
    ));
    assert!(h.shows("为 边文玲 设置新密码"));
    h.interact(|ui| {
        type_into(ui, "reset_password", "边文玲的新密码456");
        type_into(ui, "reset_again", "边文玲的新密码456");
    });
    click(&mut h, "保存密码");
    assert!(h.shows_fragment("已为 边文玲 设置新密码"));
    assert!(h.rt.block_on(h.store.log_in("mediator", PASSWORD)).is_err());
    assert!(
        h.rt.block_on(h.store.log_in("mediator", "边文玲的新密码456"))
            .is_ok()
    );
}

/// The example's agreement drafted and submitted by the mediator (the
/// example's case).
fn submitted_by_the_mediator(h: &Harness) -> accord_core::Case {
    use accord_core::agreement::AgreementStatus;
    let mediator =
        h.rt.block_on(h.store.log_in("mediator", PASSWORD))
            .expect("mediator");
    let by = Actor::from(&mediator);
    let case =
        h.rt.block_on(h.store.case_by_number("2025-0001".parse().expect("number")))
            .expect("read")
            .expect("case");
    h.rt.block_on(h.store.save_agreement(
        &by,
        case.id,
        &accord_core::demo::water_leak_agreement(&case),
    ))
    .expect("draft");
    h.rt.block_on(
        h.store
            .review_agreement(&by, case.id, AgreementStatus::InReview, None),
    )
    .expect("submitted");
    case
}

#[test]
fn the_legal_advisor_logs_in_and_approves_from_the_review_queue() {
    use accord_core::agreement::AgreementStatus;
    let mut h = with_accounts();
    // The mediator drafted and submitted the example's agreement.
    let case = submitted_by_the_mediator(&h);
    h.restart();
    click(&mut h, "周敏（法律顾问）");
    h.interact(|ui| type_into(ui, "login_password", PASSWORD));
    click(&mut h, "登录");
    click(&mut h, "今日待办");
    assert!(h.shows("等待您审核的协议"));
    assert!(h.shows_fragment("案件 2025-0001 第 1 版：边文玲 于"));
    click(&mut h, "审核");
    click(&mut h, "批准");
    let record =
        h.rt.block_on(h.store.agreement(case.id))
            .expect("read")
            .expect("agreement");
    assert_eq!(record.status, AgreementStatus::Approved);
    // Approved by the advisor logged in, as the audit log says.
    let log = h.rt.block_on(h.store.audit_log()).expect("log");
    let approved = log
        .iter()
        .find(|e| e.action == accord_core::AuditAction::AgreementApproved)
        .expect("approved");
    assert_eq!(approved.who, "周敏");
}

#[test]
fn an_administrator_is_warned_at_login_when_the_audit_trail_was_tampered_with() {
    use sea_orm::ConnectionTrait;
    let mut h = with_accounts();
    let log = h.rt.block_on(h.store.audit_log()).expect("log");
    assert!(log.len() > 3);
    h.rt.block_on(
        h.store
            .connection()
            .execute_unprepared("UPDATE audit_events SET user_name = '别人' WHERE id = 3"),
    )
    .expect("tamper");
    // A mediator is not the one to act on it.
    click(&mut h, "边文玲（调解员）");
    h.interact(|ui| type_into(ui, "login_password", PASSWORD));
    click(&mut h, "登录");
    assert!(!h.shows_fragment("审计记录遭到篡改"));
    click(&mut h, "切换用户");
    click(&mut h, "李瑞芳（管理员）");
    h.interact(|ui| type_into(ui, "login_password", PASSWORD));
    click(&mut h, "登录");
    assert!(
        h.shows_fragment("审计记录遭到篡改：第 3 条事件"),
        "the administrator is told which event"
    );
}

/// The backups page, for an administrator: "Back up now" writes one and
/// lists it; "Restore…" asks first in words that say what happens to the
/// work since; restoring brings the backup's data back and keeps the
/// replaced file aside. A mediator sees no backups section.
#[test]
fn an_administrator_backs_up_and_restores_from_the_backups_page() {
    use accord_app::gui::screen::users::Message as Users;
    let mut h = with_accounts();
    // A mediator: no backups section.
    click(&mut h, "边文玲（调解员）");
    h.interact(|ui| type_into(ui, "login_password", PASSWORD));
    click(&mut h, "登录");
    click(&mut h, "用户");
    assert!(!h.shows("立即备份"), "backups are the administrator's");
    h.send(Message::SwitchUser);
    click(&mut h, "李瑞芳（管理员）");
    h.interact(|ui| type_into(ui, "login_password", PASSWORD));
    click(&mut h, "登录");
    click(&mut h, "用户");
    assert!(h.shows("尚无备份。"));
    click(&mut h, "立即备份");
    assert!(h.shows_fragment("已写入备份："), "said where");
    let folder = std::path::Path::new(&h.url)
        .parent()
        .expect("folder")
        .join("backups");
    let backups = accord_store::list_backups(&folder).expect("list");
    assert_eq!(backups.len(), 1);
    assert!(h.shows("恢复…"), "listed");

    // Work after the backup: a second case.
    let by = accord_store::Actor::system();
    h.rt.block_on(
        h.store.create_case(
            &by,
            &accord_core::demo::water_leak_case()
                .validate()
                .expect("valid"),
        ),
    )
    .expect("a second case");

    // Asked first, in words that say the work since is kept aside.
    click(&mut h, "恢复…");
    assert!(h.shows_fragment("此后所做的一切将离开数据库，但不会被删除"));
    click(&mut h, "取消");
    assert!(!h.shows_fragment("此后所做的一切"));
    h.send(Message::Users(Users::AskRestore(Some(
        backups[0].path.clone(),
    ))));
    // "Replace the database with this backup" becomes the app's restore,
    // which the window runs as below (the database closed for it).
    let messages: Vec<Message> = {
        let mut ui = h.ui();
        ui.click("用此备份替换数据库").expect("the button");
        ui.into_messages().collect()
    };
    let Some(Message::RestoreBackup(path)) = messages.into_iter().next() else {
        panic!("the button asks the app to restore");
    };
    assert_eq!(path, backups[0].path);
    let store = h.app.store().expect("open").clone();
    h.rt.block_on(h.store.clone().close());
    let answer = h.rt.block_on(accord_app::gui::restore_open_backup(
        Some(h.url.clone()),
        path,
        store,
    ));
    h.send(answer);
    // The restored database opens at the login; then the notice.
    assert!(h.app.gated(), "the login again");
    click(&mut h, "李瑞芳（管理员）");
    h.interact(|ui| type_into(ui, "login_password", PASSWORD));
    h.restore_store();
    click(&mut h, "登录");
    assert!(h.shows_fragment("备份已恢复，数据库已打开"), "restored");
    let back = h.rt.block_on(async {
        let store = accord_store::Store::open(&h.url).await.expect("open");
        store.count_cases().await.expect("count")
    });
    assert_eq!(back, 1, "the backup's data is back");
    let aside = std::fs::read_dir(folder.parent().expect("dir"))
        .expect("dir")
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains(".replaced-"));
    assert!(aside, "the replaced file is kept aside");
}

/// A mediator who wrote and submitted a version cannot approve it: the
/// review tab offers no "Approve" to them, and the store refuses it even
/// when asked directly (the agreement stays in review, said in words).
#[test]
fn a_mediator_cannot_approve_the_version_they_wrote() {
    use accord_app::gui::screen::agreement::{Message as Agreement, review};
    use accord_core::agreement::AgreementStatus;
    let mut h = with_accounts();
    let case = submitted_by_the_mediator(&h);
    // In mediation: the case shows its agreement button.
    let mediator =
        h.rt.block_on(h.store.log_in("mediator", PASSWORD))
            .expect("mediator");
    h.rt.block_on(h.store.open_session(&Actor::from(&mediator), case.id))
        .expect("the room");
    h.restart();
    click(&mut h, "边文玲（调解员）");
    h.interact(|ui| type_into(ui, "login_password", PASSWORD));
    click(&mut h, "登录");
    click(&mut h, "2025-0001");
    click(&mut h, "调解协议");
    h.send(Message::Agreement(Agreement::Tab(
        accord_app::gui::screen::agreement::Tab::Review,
    )));
    // No "Approve" a mediator could press: the tab says who reviews.
    assert!(
        h.shows("等待法律顾问审核。请切换到法律顾问用户进行批准或退回。"),
        "the review tab says who reviews"
    );
    // No "Approve" a mediator could press.
    let pressed: Vec<Message> = {
        let mut ui = h.ui();
        let _ = ui.click("批准");
        ui.into_messages().collect()
    };
    assert!(pressed.is_empty(), "no Approve for a mediator: {pressed:?}");
    h.send(Message::Agreement(Agreement::Review(
        review::Message::Approve,
    )));
    let record =
        h.rt.block_on(h.store.agreement(case.id))
            .expect("read")
            .expect("agreement");
    assert_eq!(record.status, AgreementStatus::InReview, "still in review");
    assert_eq!(record.current().and_then(|v| v.decision), None);
}
