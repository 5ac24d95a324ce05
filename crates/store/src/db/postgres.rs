//! Opening a PostgreSQL server: reachable within a few seconds or said so,
//! TLS required for another machine, a statement timeout, and no password
//! in any message.

use std::time::Duration;

use super::{device_name, migrate_checked};
use crate::{Result, Store, StoreError};

/// How long a pooled connection may sit idle before it is tested on use.
const IDLE_TEST: Duration = Duration::from_secs(30);

impl Store {
    /// Opens a PostgreSQL server: unreachable within [`CONNECT_TIMEOUT`] is
    /// [`StoreError::Unreachable`]; TLS is required for a server on another
    /// machine unless the URL (or `PGSSLMODE`) says otherwise; every
    /// statement is limited to [`STATEMENT_TIMEOUT`] unless the URL sets
    /// its own. No message ever shows the password.
    pub(super) async fn open_postgres(url: &str) -> Result<Self> {
        use sea_orm::sqlx::ConnectOptions as _;
        use sea_orm::sqlx::postgres::PgPoolOptions;
        let shown = redact(url);
        let options = server_options(url)?;
        let server = format!("{}:{}", options.get_host(), options.get_port());
        let unreachable = |detail: String| StoreError::Unreachable {
            server: server.clone(),
            detail: scrub(&detail, url),
        };
        // A stopped server refuses at once: said at once (the pool would
        // retry until its timeout).
        if options.get_socket().is_none() {
            let address = (options.get_host().to_owned(), options.get_port());
            match tokio::time::timeout(CONNECT_TIMEOUT, tokio::net::TcpStream::connect(address))
                .await
            {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => return Err(unreachable(e.to_string())),
                Err(_) => {
                    return Err(unreachable(format!(
                        "no answer within {} s",
                        CONNECT_TIMEOUT.as_secs()
                    )));
                }
            }
        }
        let connect = PgPoolOptions::new()
            .max_connections(8)
            .min_connections(1)
            // Every statement is a round trip: a connection is tested
            // (pinged) only when it sat idle long enough for the server or
            // the network to have dropped it, not before every statement.
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for > IDLE_TEST {
                        use sea_orm::sqlx::Connection as _;
                        conn.ping().await?;
                    }
                    Ok(true)
                })
            })
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options.disable_statement_logging());
        let pool = match tokio::time::timeout(CONNECT_TIMEOUT, connect).await {
            Err(_) => {
                return Err(unreachable(format!(
                    "no answer within {} s",
                    CONNECT_TIMEOUT.as_secs()
                )));
            }
            // A server whose certificate the CA given does not vouch for
            // (sslmode=verify-full or verify-ca): it may not be the centre's.
            Ok(Err(e)) if e.to_string().contains("certificate") => {
                return Err(StoreError::UntrustedServer {
                    server: server.clone(),
                    detail: scrub(&e.to_string(), url),
                });
            }
            Ok(Err(e @ (sea_orm::sqlx::Error::Io(_) | sea_orm::sqlx::Error::PoolTimedOut))) => {
                return Err(unreachable(e.to_string()));
            }
            Ok(Err(e)) => {
                return Err(StoreError::Open {
                    location: shown,
                    detail: scrub(&e.to_string(), url),
                });
            }
            Ok(Ok(pool)) => pool,
        };
        let db = sea_orm::SqlxPostgresConnector::from_sqlx_postgres_pool(pool);
        crate::exit::track(&db);
        migrate_checked(&db, &shown, false, None).await?;
        Ok(Self {
            db: crate::unit::Db::Pool(db),
            device: Some(device_name()),
            keys: None,
            reader: None,
        })
    }
}

/// How long connecting to a database server may take before it is
/// reported unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(4);

/// The longest a statement may run on a database server (unless the URL
/// sets `statement_timeout` itself): a frozen server does not hang the app.
pub const STATEMENT_TIMEOUT: &str = "60s";

/// A server URL's connect options: TLS required for a server on another
/// machine unless the URL (or `PGSSLMODE`) chooses, and a statement
/// timeout unless the URL sets one.
fn server_options(url: &str) -> Result<sea_orm::sqlx::postgres::PgConnectOptions> {
    use sea_orm::sqlx::postgres::{PgConnectOptions, PgSslMode};
    let options: PgConnectOptions =
        url.parse()
            .map_err(|e: sea_orm::sqlx::Error| StoreError::Open {
                location: redact(url),
                detail: scrub(&e.to_string(), url),
            })?;
    let says_sslmode = query_keys(url).any(|k| k == "sslmode" || k == "ssl-mode")
        || std::env::var_os("PGSSLMODE").is_some();
    let local = options.get_socket().is_some() || is_local_host(options.get_host());
    let mut options = if says_sslmode || local {
        options
    } else {
        options.ssl_mode(PgSslMode::Require)
    };
    if !options
        .get_options()
        .is_some_and(|o| o.contains("statement_timeout"))
        && !query_keys(url).any(|k| k.contains("statement_timeout"))
    {
        options = options.options([("statement_timeout", STATEMENT_TIMEOUT)]);
    }
    Ok(options)
}

/// The keys of a URL's query string.
fn query_keys(url: &str) -> impl Iterator<Item = &str> {
    url.split_once('?')
        .map(|(_, q)| q)
        .unwrap_or_default()
        .split('&')
        .map(|pair| pair.split_once('=').map_or(pair, |(k, _)| k))
}

/// A server on this machine (loopback, `localhost` or a socket): TLS is
/// preferred there, not required.
fn is_local_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.is_empty()
        || host.starts_with('/')
        || host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The passwords in a URL: in its user part and as a `password=` parameter.
fn passwords(url: &str) -> Vec<String> {
    let mut found = Vec::new();
    if let (Some(scheme), Some(at)) = (url.find("://"), url.rfind('@'))
        && at > scheme
        && let Some((_, password)) = url[scheme + 3..at].split_once(':')
        && !password.is_empty()
    {
        found.push(password.to_owned());
    }
    if let Some((_, query)) = url.split_once('?') {
        for pair in query.split('&') {
            if let Some(("password", value)) = pair.split_once('=')
                && !value.is_empty()
            {
                found.push(value.to_owned());
            }
        }
    }
    // Also as a driver would show it, decoded.
    for p in found.clone() {
        let decoded = percent_decode(&p);
        if decoded != p {
            found.push(decoded);
        }
    }
    found
}

/// `%XX` escapes decoded (invalid ones kept as written).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A driver's message with the URL's passwords hidden.
fn scrub(detail: &str, url: &str) -> String {
    let mut detail = detail.replace(url, &redact(url));
    for password in passwords(url) {
        detail = detail.replace(&password, "***");
    }
    detail
}

/// Hides a password in a database URL before it is shown or logged (in
/// its user part and a `password=` parameter), also in a URL that does not
/// parse.
pub(super) fn redact(url: &str) -> String {
    let mut shown = redact_userinfo(url);
    for password in passwords(url) {
        shown = shown.replace(&format!("password={password}"), "password=***");
    }
    shown
}

fn redact_userinfo(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_never_show_in_errors() {
        assert_eq!(
            super::redact("postgres://accord:s3cret@db/accord"),
            "postgres://accord:***@db/accord"
        );
        assert_eq!(
            super::redact("sqlite:///tmp/a.db?mode=rwc"),
            "sqlite:///tmp/a.db?mode=rwc"
        );
        assert_eq!(
            super::redact("postgres://db/accord?user=a&password=s3cret&sslmode=require"),
            "postgres://db/accord?user=a&password=***&sslmode=require"
        );
        let url = "postgres://accord:s3%2Fcret@db:port/accord";
        assert_eq!(
            super::scrub(&format!("bad {url}: s3/cret s3%2Fcret"), url),
            "bad postgres://accord:***@db:port/accord: *** ***"
        );
    }

    #[test]
    fn tls_is_required_for_a_server_on_another_machine() {
        for local in ["localhost", "127.0.0.1", "::1", "[::1]", "/run/postgresql"] {
            assert!(super::is_local_host(local), "{local}");
        }
        for remote in ["db.example.org", "10.0.0.5", "192.168.1.2"] {
            assert!(!super::is_local_host(remote), "{remote}");
        }
        use sea_orm::sqlx::postgres::PgSslMode;
        let mode = |url: &str| super::server_options(url).expect(url).get_ssl_mode();
        assert!(matches!(
            mode("postgres://a:p@db.example.org/accord"),
            PgSslMode::Require
        ));
        assert!(matches!(
            mode("postgres://a:p@192.168.1.10:5432/accord"),
            PgSslMode::Require
        ));
        assert!(matches!(
            mode("postgres://a:p@db.example.org/accord?sslmode=verify-full"),
            PgSslMode::VerifyFull
        ));
        assert!(matches!(
            mode("postgres://a:p@db.example.org/accord?sslmode=disable"),
            PgSslMode::Disable
        ));
        for local in [
            "postgres://a:p@127.0.0.1/accord",
            "postgres://a:p@localhost/accord",
            "postgres://a:p@[::1]/accord",
        ] {
            assert!(matches!(mode(local), PgSslMode::Prefer), "{local}");
        }
    }

    #[test]
    fn statements_are_limited_unless_the_url_says_otherwise() {
        let options = |url: &str| {
            super::server_options(url)
                .expect(url)
                .get_options()
                .map(str::to_owned)
        };
        assert_eq!(
            options("postgres://a:p@db/accord").as_deref(),
            Some("-c statement_timeout=60s")
        );
        assert_eq!(
            options("postgres://a:p@db/accord?options=-c%20statement_timeout%3D5min").as_deref(),
            Some("-c statement_timeout=5min")
        );
    }
}
