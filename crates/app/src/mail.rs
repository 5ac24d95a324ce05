//! Email through the outbox: reminders queued when they fall due, every
//! queued message delivered by SMTP (lettre) under the Message-ID fixed
//! when it was queued, transient failures retried with back-off,
//! permanent ones (5xx) marked failed. Before a message goes to the server
//! it is marked "sending" (its own transaction); it is marked sent (its own
//! transaction) right after the server's reply. A crash or a restart never
//! loses a message; one that stopped between the server's acceptance and
//! that mark is in doubt: it is resent once under the same Message-ID and
//! shown as possibly sent twice. A message is never sent a third time.

use std::time::Duration;

use accord_core::followup::FollowUpKind;
use accord_i18n::Translations;
use accord_store::{NewEmail, OutboxMessage, Store, StoreError, outbox_states};
use chrono::{DateTime, NaiveDate, Utc};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Attachment, Mailbox, MultiPart, SinglePart, header::ContentType},
    transport::smtp::{
        PoolConfig,
        authentication::Credentials,
        client::{Tls, TlsParameters},
    },
};

/// Settings keys.
pub const SMTP_HOST: &str = "smtp_host";
pub const SMTP_PORT: &str = "smtp_port";
pub const SMTP_SECURITY: &str = "smtp_security";
pub const SMTP_USER: &str = "smtp_user";
pub const SMTP_PASSWORD: &str = "smtp_password_sealed";
pub const SMTP_FROM: &str = "smtp_from";

/// How the connection to the server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain (a relay on this machine only).
    None,
    /// STARTTLS required (usually port 587).
    StartTls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

impl Security {
    pub fn code(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::StartTls => "starttls",
            Self::Tls => "tls",
        }
    }

    pub fn from_code(s: &str) -> Self {
        match s {
            "none" => Self::None,
            "tls" => Self::Tls,
            _ => Self::StartTls,
        }
    }
}

/// SMTP settings as the user enters them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub user: String,
    /// The sender shown to parties ("青山区人民调解委员会 <tiaojie@example.org>").
    pub from: String,
}

/// A ready transport with its sender.
#[derive(Clone)]
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Smtp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Smtp")
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

/// Why mail cannot go out.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MailError {
    #[error("no SMTP server is set up")]
    NotConfigured,
    /// The settings are refused (a host, an address); lettre's words.
    #[error("SMTP settings: {0}")]
    Settings(String),
    /// A queued message cannot be built (a malformed address).
    #[error("message: {0}")]
    Message(String),
    /// The stored password cannot be opened.
    #[error(transparent)]
    Secret(#[from] crate::secret::SecretError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl MailError {
    /// Settings refused by lettre, with its words as the detail.
    fn settings(e: impl std::fmt::Display) -> Self {
        Self::Settings(e.to_string())
    }

    /// A message that cannot be built, with lettre's words.
    fn message(e: impl std::fmt::Display) -> Self {
        Self::Message(e.to_string())
    }

    /// What to tell the user.
    pub fn phrase(&self) -> crate::error::Phrase {
        use crate::error::Phrase;
        match self {
            Self::NotConfigured => Phrase::error("error-smtp-not-configured"),
            Self::Settings(detail) | Self::Message(detail) => {
                Phrase::error("error-smtp-settings").detail(detail.clone())
            }
            Self::Secret(e) => e.phrase(),
            Self::Store(e) => e.into(),
        }
    }
}

fn pool() -> PoolConfig {
    PoolConfig::new()
        .max_size(2)
        .idle_timeout(Duration::from_secs(30))
}

impl Smtp {
    /// From lettre's URL form (`smtp://127.0.0.1:2525`, `smtps://user:pass@host`,
    /// `smtp://host?tls=required`), with the sender address.
    pub fn from_url(url: &str, from: &str) -> Result<Self, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(MailError::settings)?
            .timeout(Some(Duration::from_secs(20)))
            .pool_config(pool())
            .build();
        Ok(Self {
            transport,
            from: from.parse().map_err(MailError::settings)?,
        })
    }

    /// From the settings and the password.
    pub fn from_settings(s: &SmtpSettings, password: Option<&str>) -> Result<Self, MailError> {
        let tls = match s.security {
            Security::None => Tls::None,
            Security::StartTls => {
                Tls::Required(TlsParameters::new(s.host.clone()).map_err(MailError::settings)?)
            }
            Security::Tls => {
                Tls::Wrapper(TlsParameters::new(s.host.clone()).map_err(MailError::settings)?)
            }
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(s.host.as_str())
            .port(s.port)
            .tls(tls)
            .timeout(Some(Duration::from_secs(20)))
            .pool_config(pool());
        if !s.user.trim().is_empty() {
            builder = builder.credentials(Credentials::new(
                s.user.trim().to_owned(),
                password.unwrap_or_default().to_owned(),
            ));
        }
        Ok(Self {
            transport: builder.build(),
            from: s.from.parse().map_err(MailError::settings)?,
        })
    }

    /// `ACCORD_SMTP_URL` (scripted use) or the stored settings.
    pub async fn configured(store: &Store) -> Result<Self, MailError> {
        let from = store
            .setting(SMTP_FROM)
            .await?
            .filter(|f| !f.trim().is_empty())
            .or_else(|| std::env::var("ACCORD_SMTP_FROM").ok())
            .unwrap_or_else(|| "Accord <accord@localhost>".to_owned());
        if let Ok(url) = std::env::var("ACCORD_SMTP_URL")
            && !url.trim().is_empty()
        {
            return Self::from_url(url.trim(), &from);
        }
        let settings = load_settings(store)
            .await?
            .ok_or(MailError::NotConfigured)?;
        let password = match store.setting(SMTP_PASSWORD).await? {
            Some(sealed) if !sealed.is_empty() => Some(crate::secret::open(&sealed)?),
            _ => None,
        };
        Self::from_settings(&settings, password.as_deref())
    }

    fn build(&self, m: &OutboxMessage) -> Result<Message, MailError> {
        let to = Mailbox::new(
            Some(m.to_name.clone()).filter(|n| !n.is_empty()),
            m.to_address.parse().map_err(MailError::message)?,
        );
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .message_id(Some(m.message_id.clone()))
            .date(m.created_at.into());
        let text = SinglePart::plain(m.body.clone());
        let built = match &m.attachment {
            Some((name, bytes)) => {
                builder.multipart(MultiPart::mixed().singlepart(text).singlepart(
                    Attachment::new(name.clone()).body(
                        bytes.clone(),
                        ContentType::parse("application/pdf").map_err(MailError::message)?,
                    ),
                ))
            }
            None => builder.singlepart(text),
        };
        built.map_err(MailError::message)
    }
}

/// The SMTP settings, if set.
pub async fn load_settings(store: &Store) -> Result<Option<SmtpSettings>, MailError> {
    let Some(host) = store
        .setting(SMTP_HOST)
        .await?
        .filter(|h| !h.trim().is_empty())
    else {
        return Ok(None);
    };
    let security = Security::from_code(&store.setting(SMTP_SECURITY).await?.unwrap_or_default());
    let port = store
        .setting(SMTP_PORT)
        .await?
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or(match security {
            Security::Tls => 465,
            Security::StartTls => 587,
            Security::None => 25,
        });
    Ok(Some(SmtpSettings {
        host: host.trim().to_owned(),
        port,
        security,
        user: store.setting(SMTP_USER).await?.unwrap_or_default(),
        from: store.setting(SMTP_FROM).await?.unwrap_or_default(),
    }))
}

/// Stores the settings as `actor`, who must be an administrator; the
/// password only sealed (never in plain text).
pub async fn save_settings(
    store: &Store,
    actor: &accord_store::Actor,
    s: &SmtpSettings,
    password: Option<&str>,
) -> Result<(), MailError> {
    s.from.parse::<Mailbox>().map_err(MailError::settings)?;
    let port = s.port.to_string();
    let mut values = vec![
        (SMTP_HOST, s.host.trim()),
        (SMTP_PORT, port.as_str()),
        (SMTP_SECURITY, s.security.code()),
        (SMTP_USER, s.user.trim()),
        (SMTP_FROM, s.from.trim()),
    ];
    let sealed = password.map(crate::secret::seal).transpose()?;
    if let Some(sealed) = &sealed {
        values.push((SMTP_PASSWORD, sealed.as_str()));
    }
    // One change, by an administrator only (the store checks).
    store.save_mail_settings(actor, &values).await?;
    Ok(())
}

/// Queues a reminder email to the debtor for every reminder that has come
/// due (once per reminder). Returns how many were queued.
pub async fn queue_due_reminders(
    store: &Store,
    t: &Translations,
    today: NaiveDate,
) -> Result<usize, MailError> {
    let due = store.due_followups(today, 1_000).await?;
    let mut emails = Vec::new();
    let centre = crate::publish::centre_name(store, t)
        .await
        .unwrap_or_default();
    for f in due.iter().filter(|f| f.kind == FollowUpKind::Reminder) {
        let case = store.case(f.case_id).await?;
        let Some(debtor) = case.parties.iter().find(|p| p.name == f.debtor) else {
            continue;
        };
        let Some(address) = debtor.email.clone() else {
            continue;
        };
        let due_text = f
            .deadline
            .map(|d| accord_document::long_date(t, d))
            .unwrap_or_default();
        let remaining = f
            .balance
            .map(|b| accord_document::amount(t, b.remaining()))
            .unwrap_or_default();
        emails.push(NewEmail {
            case_id: Some(f.case_id),
            follow_up_id: Some(f.id),
            purpose: "reminder".into(),
            to_name: debtor.name.clone(),
            to_address: address,
            subject: t.tr_args(
                "email-reminder-subject",
                &[
                    ("number", f.case_number.clone().into()),
                    ("n", (f.obligation + 1).to_string().into()),
                    ("due", due_text.clone().into()),
                ],
            ),
            body: t.tr_args(
                "email-reminder-body",
                &[
                    ("name", debtor.name.clone().into()),
                    ("number", f.case_number.clone().into()),
                    ("due", due_text.into()),
                    ("what", f.description.clone().into()),
                    ("remaining", remaining.into()),
                    ("centre", centre.clone().into()),
                ],
            ),
            attachment: None,
            not_before: Utc::now(),
        });
    }
    Ok(store.queue_emails(&emails).await?)
}

/// What one delivery run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    pub sent: usize,
    /// Failed for now (server down, 4xx): tried again later.
    pub retrying: usize,
    /// Refused for good (5xx, a bad address).
    pub failed: usize,
    /// Of those sent, the ones resent after a doubt (a stop between handing
    /// a message to the server and recording its reply): may have arrived
    /// twice.
    pub possibly_twice: usize,
}

/// How long a claimed batch is ours before another sender may take it.
const CLAIM_LEASE: chrono::Duration = chrono::Duration::minutes(15);

/// How long one message may take to send.
const SEND_TIMEOUT: Duration = Duration::from_secs(60);

/// The wait before the next attempt: 1 minute, doubling, at most 1 hour.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let minutes = 1i64 << attempts.clamp(0, 6);
    chrono::Duration::minutes(minutes.min(60))
}

/// Sends every message that is due now, in order.
pub async fn deliver(store: &Store, smtp: &Smtp, now: DateTime<Utc>) -> Result<Report, MailError> {
    let mut report = Report::default();
    loop {
        // Claimed, so that another room on a shared database does not send
        // the same message at the same time.
        let batch = store.claim_sendable(now, 100, CLAIM_LEASE).await?;
        if batch.is_empty() {
            break;
        }
        let mut progressed = false;
        for m in batch {
            let message = match smtp.build(&m) {
                Ok(message) => message,
                Err(e) => {
                    store
                        .mark_attempt_failed(m.id, &e.to_string(), None)
                        .await?;
                    report.failed += 1;
                    continue;
                }
            };
            // Recorded before the message goes out, each in its own
            // transaction: a message left "sending" by a crash between the
            // server's acceptance and the mark below is in doubt, and gets
            // one resend (same Message-ID), shown as possibly sent twice.
            let in_doubt = m.state == outbox_states::STATE_SENDING;
            let ours = if in_doubt {
                store.mark_resending(m.id).await?
            } else {
                store.mark_sending(m.id).await?
            };
            if !ours {
                continue;
            }
            // lettre has no read timeout: a server that stalls must not
            // stall the outbox. After a timeout the message may or may not
            // have arrived: it is in doubt, like after a crash.
            let sent = tokio::time::timeout(SEND_TIMEOUT, smtp.transport.send(message)).await;
            let sent = match sent {
                Ok(result) => result,
                Err(_) => {
                    let next = Utc::now() + backoff(m.attempts);
                    store.mark_attempt_unknown(m.id, "timed out", next).await?;
                    report.retrying += 1;
                    continue;
                }
            };
            match sent {
                Ok(_) => {
                    store.mark_sent(m.id).await?;
                    report.sent += 1;
                    if in_doubt {
                        report.possibly_twice += 1;
                    }
                    progressed = true;
                }
                Err(e) if e.is_permanent() => {
                    store
                        .mark_attempt_failed(m.id, &e.to_string(), None)
                        .await?;
                    report.failed += 1;
                }
                Err(e) => {
                    let next = Utc::now() + backoff(m.attempts);
                    store
                        .mark_attempt_failed(m.id, &e.to_string(), Some(next))
                        .await?;
                    report.retrying += 1;
                }
            }
        }
        if !progressed {
            break;
        }
    }
    Ok(report)
}
