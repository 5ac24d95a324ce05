//! Email through the outbox, in a real SMTP conversation over 127.0.0.1
//! with a server started by the test.

#[path = "support/smtp.rs"]
mod smtp;

use std::{
    path::Path,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use accord_app::{mail, publish};
use accord_i18n::{Locale, Translations};
use accord_store::{Actor, NewEmail, Store};
use mail_parser::{MessageParser, MimeHeaders};
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
use smtp::TestSmtp;

const FROM: &str = "青山区人民调解委员会 <tiaojie@example.org>";

async fn demo_store(dir: &tempfile::TempDir) -> Store {
    let store = Store::open(&dir.path().join("m.sqlite3").display().to_string())
        .await
        .expect("open");
    let t = Translations::load(Locale::ZhCn).expect("locale");
    publish::load_demo(&store, &Actor::system(), &t)
        .await
        .expect("demo");
    store
}

#[tokio::test]
async fn the_sealed_agreement_reaches_each_party_byte_identical_with_its_chinese_subject() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = demo_store(&dir).await;
    let queued = store.outbox(10).await.expect("outbox");
    assert_eq!(
        queued.len(),
        3,
        "one per party with an address, queued when sealed"
    );
    assert!(queued.iter().all(|m| m.state == "queued"));

    let server = TestSmtp::start(0).await;
    let smtp = mail::Smtp::from_url(&server.url(), FROM).expect("smtp");
    let report = mail::deliver(&store, &smtp, chrono::Utc::now())
        .await
        .expect("deliver");
    assert_eq!((report.sent, report.retrying, report.failed), (3, 0, 0));

    let case = store
        .case_by_number("2025-0001".parse().expect("number"))
        .await
        .expect("read")
        .expect("case");
    let sealed = store
        .sealed_pdf(case.id)
        .await
        .expect("read")
        .expect("sealed");
    let received = server.received();
    assert_eq!(received.len(), 3);
    let mut to = Vec::new();
    for raw in &received {
        let message = MessageParser::default().parse(raw).expect("a MIME message");
        assert_eq!(message.subject(), Some("人民调解协议书 2025-0001"));
        let from = message.from().and_then(|f| f.first()).expect("from");
        assert_eq!(from.name(), Some("青山区人民调解委员会"));
        let attachment = message.attachment(0).expect("the PDF is attached");
        assert_eq!(
            attachment.attachment_name(),
            Some("人民调解协议书-2025-0001.pdf")
        );
        assert_eq!(
            attachment.contents(),
            sealed.pdf.as_slice(),
            "byte-identical"
        );
        assert!(
            accord_document::seal::verify(attachment.contents()).is_ok(),
            "the seal survives the mail"
        );
        let body = message.body_text(0).expect("text");
        assert!(body.contains("2025-0001"), "{body}");
        let id = message.message_id().expect("Message-ID");
        assert!(
            queued.iter().any(|q| q.message_id == format!("<{id}>")),
            "{id}"
        );
        to.push(
            message
                .to()
                .and_then(|t| t.first())
                .and_then(|a| a.address())
                .expect("to")
                .to_owned(),
        );
    }
    to.sort();
    assert_eq!(
        to,
        [
            "li.yue@example.org",
            "wang.jianguo@example.org",
            "zhao.zhe@example.org"
        ]
    );
    // Nothing is sent twice.
    let again = mail::deliver(&store, &smtp, chrono::Utc::now())
        .await
        .expect("deliver");
    assert_eq!(again.sent, 0);
    assert_eq!(server.received().len(), 3);
}

#[tokio::test]
async fn with_the_server_down_the_message_waits_and_is_delivered_once_after_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("down.sqlite3").display().to_string();
    let store = Store::open(&path).await.expect("open");
    store
        .queue_emails(&[NewEmail {
            case_id: None,
            follow_up_id: None,
            purpose: "reminder".into(),
            to_name: "王建国".into(),
            to_address: "wang.jianguo@example.org".into(),
            subject: "履行提醒：案件 2025-0001".into(),
            body: "请于2025年3月31日前支付人民币叁仟元整。".into(),
            attachment: None,
            not_before: chrono::Utc::now(),
        }])
        .await
        .expect("queue");
    let port = TestSmtp::free_port().await;
    let url = format!("smtp://127.0.0.1:{port}");
    let smtp = mail::Smtp::from_url(&url, FROM).expect("smtp");
    let report = mail::deliver(&store, &smtp, chrono::Utc::now())
        .await
        .expect("deliver");
    assert_eq!((report.sent, report.retrying), (0, 1), "the server is down");
    let waiting = store.outbox(10).await.expect("outbox");
    assert_eq!(waiting[0].state, "queued");
    assert_eq!(waiting[0].attempts, 1);
    assert!(waiting[0].last_error.is_some());
    let message_id = waiting[0].message_id.clone();
    drop(smtp);
    drop(store);

    // The app is restarted, and the server comes back.
    let server = TestSmtp::start(port).await;
    let store = Store::open(&path).await.expect("reopen");
    let smtp = mail::Smtp::from_url(&url, FROM).expect("smtp");
    let soon = chrono::Utc::now();
    assert_eq!(
        mail::deliver(&store, &smtp, soon)
            .await
            .expect("deliver")
            .sent,
        0,
        "it waits for its back-off"
    );
    let later = soon + mail::backoff(1);
    let report = mail::deliver(&store, &smtp, later).await.expect("deliver");
    assert_eq!(report.sent, 1);
    for _ in 0..3 {
        mail::deliver(&store, &smtp, later + chrono::Duration::hours(2))
            .await
            .expect("deliver");
    }
    let received = server.received();
    assert_eq!(received.len(), 1, "delivered exactly once");
    let message = MessageParser::default().parse(&received[0]).expect("mime");
    assert_eq!(
        format!("<{}>", message.message_id().expect("id")),
        message_id
    );
    assert_eq!(message.subject(), Some("履行提醒：案件 2025-0001"));
    assert_eq!(store.outbox(10).await.expect("outbox")[0].state, "sent");
}

#[tokio::test]
async fn a_reminder_that_falls_due_is_queued_once_for_the_debtor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = demo_store(&dir).await;
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 28).expect("date");
    let queued = mail::queue_due_reminders(&store, &t, day)
        .await
        .expect("queue");
    assert!(
        queued >= 1,
        "李玥's second instalment has a reminder by 28 March"
    );
    assert_eq!(
        mail::queue_due_reminders(&store, &t, day)
            .await
            .expect("again"),
        0,
        "once per reminder"
    );
    let reminder = store
        .outbox(20)
        .await
        .expect("outbox")
        .into_iter()
        .find(|m| m.purpose == "reminder")
        .expect("a reminder");
    assert_eq!(reminder.to_address, "wang.jianguo@example.org");
    assert!(
        reminder.subject.starts_with("履行提醒：案件 2025-0001"),
        "{}",
        reminder.subject
    );
    assert!(reminder.body.contains("叁仟元整"), "{}", reminder.body);
}

fn reminder(subject: &str) -> NewEmail {
    NewEmail {
        case_id: None,
        follow_up_id: None,
        purpose: "reminder".into(),
        to_name: "王建国".into(),
        to_address: "wang.jianguo@example.org".into(),
        subject: subject.into(),
        body: "请于2025年3月31日前支付人民币叁仟元整。".into(),
        attachment: None,
        not_before: chrono::Utc::now(),
    }
}

#[tokio::test]
async fn a_message_in_doubt_after_a_crash_is_resent_once_with_its_message_id_and_shown_as_possibly_twice()
 {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("doubt.sqlite3").display().to_string())
        .await
        .expect("open");
    store
        .queue_emails(&[reminder("一次"), reminder("也许两次")])
        .await
        .expect("queue");
    let outbox = store.outbox(10).await.expect("outbox");
    let doubtful = outbox
        .iter()
        .find(|m| m.subject == "也许两次")
        .expect("queued")
        .clone();
    let normal = outbox
        .iter()
        .find(|m| m.subject == "一次")
        .expect("queued")
        .clone();
    // The crash: marked "sending" (the message may have reached the
    // server), and the program stopped before recording the server's reply.
    assert!(store.mark_sending(doubtful.id).await.expect("sending"));
    assert_eq!(
        store.outbox(10).await.expect("outbox")[0].state,
        "sending",
        "recognisably in doubt"
    );

    let server = TestSmtp::start(0).await;
    let smtp = mail::Smtp::from_url(&server.url(), FROM).expect("smtp");
    let report = mail::deliver(&store, &smtp, chrono::Utc::now())
        .await
        .expect("deliver");
    assert_eq!(
        (
            report.sent,
            report.possibly_twice,
            report.retrying,
            report.failed
        ),
        (2, 1, 0, 0)
    );
    for _ in 0..3 {
        let again = mail::deliver(
            &store,
            &smtp,
            chrono::Utc::now() + chrono::Duration::hours(2),
        )
        .await
        .expect("deliver");
        assert_eq!(again.sent, 0, "never a third time");
    }
    let received = server.received();
    assert_eq!(received.len(), 2, "each sent once by this run");
    let ids: Vec<String> = received
        .iter()
        .map(|raw| {
            let m = MessageParser::default().parse(raw).expect("mime");
            format!("<{}>", m.message_id().expect("Message-ID"))
        })
        .collect();
    assert_eq!(
        ids.iter().filter(|id| **id == doubtful.message_id).count(),
        1,
        "resent with the same Message-ID"
    );
    assert_eq!(
        ids.iter().filter(|id| **id == normal.message_id).count(),
        1,
        "a normal send goes out exactly once"
    );
    let after = store.outbox(10).await.expect("outbox");
    let state = |id: i64| {
        after
            .iter()
            .find(|m| m.id == id)
            .expect("message")
            .state
            .clone()
    };
    assert_eq!(state(doubtful.id), "sent_possibly_twice");
    assert_eq!(state(normal.id), "sent");
    let t = Translations::load(Locale::EnUs).expect("locale");
    assert_eq!(t.tr("outbox-state-possibly-twice"), "Possibly sent twice");
}

#[tokio::test]
async fn a_message_resent_after_a_doubt_that_stops_again_is_not_sent_a_third_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("thrice.sqlite3").display().to_string())
        .await
        .expect("open");
    store
        .queue_emails(&[reminder("两次为止")])
        .await
        .expect("queue");
    let id = store.outbox(1).await.expect("outbox")[0].id;
    // A crash during the first send, then another during the resend.
    assert!(store.mark_sending(id).await.expect("sending"));
    assert!(store.mark_resending(id).await.expect("resending"));
    let server = TestSmtp::start(0).await;
    let smtp = mail::Smtp::from_url(&server.url(), FROM).expect("smtp");
    let report = mail::deliver(
        &store,
        &smtp,
        chrono::Utc::now() + chrono::Duration::hours(2),
    )
    .await
    .expect("deliver");
    assert_eq!(report.sent, 0);
    assert!(server.received().is_empty());
    assert_eq!(store.outbox(1).await.expect("outbox")[0].state, "resending");
}

/// The real `accord outbox send` on the file `db`, in English, sending
/// through the server at `url`.
fn outbox_send(db: &Path, url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_accord"));
    command
        .arg("--db")
        .arg(db)
        .args(["outbox", "send"])
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .env_remove("ACCORD_DATABASE_URL")
        .env("ACCORD_SMTP_URL", url)
        .env("ACCORD_SMTP_FROM", FROM)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Runs `accord outbox send` to the end; what it printed.
fn outbox_send_to_the_end(db: &Path, url: &str) -> String {
    let out = outbox_send(db, url).output().expect("run accord");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "accord outbox send failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The README's promise under a real `kill -9`: the sender is killed after
/// the server has the whole message but before its reply, so the mark
/// "sent" never happens. The next run resends it once under the same
/// Message-ID and records it as possibly sent twice; the run after that
/// sends nothing. (Multi-threaded: the servers run while this thread waits
/// for the binary.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sender_killed_while_the_server_has_the_message_resends_it_once_with_its_message_id_as_possibly_twice()
 {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("killed.sqlite3");
    let location = db.display().to_string();
    let store = Store::open(&location).await.expect("open");
    store
        .queue_emails(&[reminder("发送途中被终止")])
        .await
        .expect("queue");
    let queued = store.outbox(10).await.expect("outbox");
    assert_eq!(queued.len(), 1);
    let queued = queued[0].clone();
    assert_eq!(queued.state, "queued");
    drop(store);

    // First run: the server takes the whole message and never replies;
    // the sender is killed (SIGKILL) while it waits for the reply.
    let holding = TestSmtp::start_holding(0).await;
    let mut first = outbox_send(&db, &holding.url())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start accord outbox send");
    let deadline = Instant::now() + Duration::from_secs(120);
    while holding.received().is_empty() {
        if let Some(status) = first.try_wait().expect("try_wait") {
            panic!("accord outbox send ended ({status}) before the server had the message");
        }
        assert!(
            Instant::now() < deadline,
            "the holding server never received the message"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    first.kill().expect("kill -9");
    let status = first.wait().expect("wait");
    #[cfg(unix)]
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        Some(9),
        "killed by SIGKILL, not ended by itself: {status}"
    );
    #[cfg(not(unix))]
    assert!(!status.success(), "{status}");

    // Recognisably in doubt: marked "sending" before it went out, and the
    // reply (hence "sent") never came.
    let store = Store::open(&location).await.expect("reopen");
    let in_doubt = store.outbox(10).await.expect("outbox")[0].clone();
    assert_eq!(in_doubt.id, queued.id);
    assert_eq!(in_doubt.state, "sending", "in doubt after the kill");
    assert_eq!(in_doubt.sent_at, None);
    // The killed run's claim on it (its lease) still holds it back, so that
    // another room on a shared database does not send it meanwhile. The
    // lease running out (a quarter of an hour later) is stood in for by
    // moving its next attempt into the past.
    assert!(in_doubt.next_attempt_at > chrono::Utc::now());
    drop(store);
    {
        let conn = Database::connect(format!("sqlite://{}?mode=rw", db.display()))
            .await
            .expect("open the file");
        let moved = conn
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "UPDATE outbox SET next_attempt_at = ? WHERE id = ?",
                [
                    (chrono::Utc::now() - chrono::Duration::seconds(1)).into(),
                    queued.id.into(),
                ],
            ))
            .await
            .expect("the lease runs out");
        assert_eq!(moved.rows_affected(), 1);
        conn.close().await.expect("close");
    }

    // Second run, the server answering again: the one resend.
    let server = TestSmtp::start(0).await;
    let out = outbox_send_to_the_end(&db, &server.url());
    assert!(
        out.contains("Sent 1; 0 to retry later; 0 could not be delivered."),
        "{out}"
    );
    // Third run: nothing more goes out.
    let out = outbox_send_to_the_end(&db, &server.url());
    assert!(
        out.contains("Sent 0; 0 to retry later; 0 could not be delivered."),
        "{out}"
    );

    let held = holding.received();
    let resent = server.received();
    assert_eq!(held.len(), 1, "the killed run handed it over once");
    assert_eq!(resent.len(), 1, "resent once, never a third time");
    for raw in held.iter().chain(&resent) {
        let message = MessageParser::default().parse(raw).expect("mime");
        assert_eq!(
            format!("<{}>", message.message_id().expect("Message-ID")),
            queued.message_id,
            "the same Message-ID both times"
        );
        assert_eq!(message.subject(), Some("发送途中被终止"));
        let from = message.from().and_then(|f| f.first()).expect("from");
        assert_eq!(from.address(), Some("tiaojie@example.org"));
    }

    let store = Store::open(&location).await.expect("reopen");
    let after = store.outbox(10).await.expect("outbox");
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].message_id, queued.message_id);
    assert_eq!(after[0].state, "sent_possibly_twice");
    assert!(after[0].sent_at.is_some());
}
