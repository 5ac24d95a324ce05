//! A loopback SMTP server for the tests: ESMTP without TLS or AUTH, enough
//! for lettre; it keeps every message it accepted, exactly as received.
//! A holding server ([`TestSmtp::start_holding`]) keeps the message too but
//! never replies to it: the sender is left waiting for the server's verdict.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
};

use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
};

#[derive(Clone, Default)]
pub struct TestSmtp {
    pub addr: Option<SocketAddr>,
    pub messages: Arc<Mutex<Vec<Vec<u8>>>>,
    /// Records each message on the final "." of DATA, then says nothing
    /// more on that connection until the client goes away.
    pub hold: bool,
}

impl TestSmtp {
    /// Listens on 127.0.0.1 at `port` (0 = any free port).
    pub async fn start(port: u16) -> TestSmtp {
        Self::listen(port, false).await
    }

    /// Like [`TestSmtp::start`], but a message, once received whole, gets
    /// no reply: the connection stays open and silent (a server that took
    /// the message and then stalls, or a sender stopped at that moment).
    pub async fn start_holding(port: u16) -> TestSmtp {
        Self::listen(port, true).await
    }

    async fn listen(port: u16, hold: bool) -> TestSmtp {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("bind the test SMTP server");
        let server = TestSmtp {
            addr: Some(listener.local_addr().expect("address")),
            hold,
            ..Default::default()
        };
        let s = server.clone();
        tokio::spawn(async move {
            while let Ok((sock, _)) = listener.accept().await {
                let s = s.clone();
                tokio::spawn(async move {
                    let _ = s.session(sock).await;
                });
            }
        });
        server
    }

    /// A port nobody listens on (for "the server is down").
    pub async fn free_port() -> u16 {
        let l = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        l.local_addr().expect("address").port()
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.addr.expect("started").port())
    }

    pub fn received(&self) -> Vec<Vec<u8>> {
        self.messages.lock().expect("lock").clone()
    }

    async fn session(&self, sock: tokio::net::TcpStream) -> std::io::Result<()> {
        let (rd, mut wr) = tokio::io::split(sock);
        let mut rd = BufReader::new(rd);
        wr.write_all(b"220 test.local ESMTP\r\n").await?;
        let mut line = Vec::new();
        loop {
            line.clear();
            if rd.read_until(b'\n', &mut line).await? == 0 {
                return Ok(());
            }
            let cmd = String::from_utf8_lossy(&line).to_ascii_uppercase();
            let reply = if cmd.starts_with("EHLO") {
                "250-test.local\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 10485760\r\n".to_owned()
            } else if ["HELO", "MAIL FROM:", "RCPT TO:", "RSET", "NOOP"]
                .iter()
                .any(|c| cmd.starts_with(c))
            {
                "250 2.0.0 OK\r\n".to_owned()
            } else if cmd.starts_with("DATA") {
                wr.write_all(b"354 go ahead\r\n").await?;
                let mut msg = Vec::new();
                loop {
                    line.clear();
                    if rd.read_until(b'\n', &mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == b".\r\n" {
                        break;
                    }
                    let l = if line.starts_with(b"..") {
                        &line[1..]
                    } else {
                        &line[..]
                    };
                    msg.extend_from_slice(l);
                }
                let n = {
                    let mut m = self.messages.lock().expect("lock");
                    m.push(msg);
                    m.len()
                };
                if self.hold {
                    // Silent: read (and ignore) whatever comes until the
                    // client closes the connection or is killed.
                    loop {
                        line.clear();
                        if rd.read_until(b'\n', &mut line).await? == 0 {
                            return Ok(());
                        }
                    }
                }
                format!("250 2.0.0 queued as Q{n}\r\n")
            } else if cmd.starts_with("QUIT") {
                wr.write_all(b"221 bye\r\n").await?;
                return Ok(());
            } else {
                "502 5.5.2 not implemented\r\n".to_owned()
            };
            wr.write_all(reply.as_bytes()).await?;
        }
    }
}
