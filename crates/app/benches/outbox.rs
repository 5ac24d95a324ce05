//! The outbox sender against a loopback SMTP server: 500 queued messages,
//! each with an 80 KB PDF attachment, delivered and marked sent.
//! Target: at least 100 messages per second. `cargo bench -p accord-app --bench outbox`

#[path = "../tests/support/smtp.rs"]
#[allow(dead_code)]
mod smtp;

use std::time::Instant;

use accord_app::mail;
use accord_store::{NewEmail, Store};

const MESSAGES: usize = 500;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("o.sqlite3").display().to_string())
            .await
            .expect("open");
        let pdf: Vec<u8> = (0..80 * 1024).map(|i| (i * 31 % 251) as u8).collect();
        let emails: Vec<NewEmail> = (0..MESSAGES)
            .map(|i| NewEmail {
                case_id: None,
                follow_up_id: None,
                purpose: "agreement".into(),
                to_name: "李玥".into(),
                to_address: format!("party{i}@example.org"),
                subject: format!("人民调解协议书 2025-{i:04}"),
                body: "附件是人民调解协议书（加盖防篡改校验章）。".repeat(5),
                attachment: Some(("人民调解协议书.pdf".into(), pdf.clone())),
                not_before: chrono::Utc::now(),
            })
            .collect();
        store.queue_emails(&emails).await.expect("queue");
        let server = smtp::TestSmtp::start(0).await;
        let sender = mail::Smtp::from_url(&server.url(), "Accord <centre@example.org>")
            .expect("smtp");
        let t = Instant::now();
        let report = mail::deliver(&store, &sender, chrono::Utc::now())
            .await
            .expect("deliver");
        let secs = t.elapsed().as_secs_f64();
        assert_eq!(report.sent, MESSAGES);
        assert_eq!(server.received().len(), MESSAGES);
        let rate = MESSAGES as f64 / secs;
        println!(
            "outbox sender: {MESSAGES} messages (80 KB PDF each) in {secs:.2} s = {rate:.0} messages/s   target 100/s  {}",
            if rate >= 100.0 { "ok" } else { "UNDER TARGET" }
        );
    });
}
