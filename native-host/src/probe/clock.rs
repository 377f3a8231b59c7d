//! The server's clock: the `Date` of its answer to a `GET /` over the established TLS
//! connection (RFC 9110 §6.6.1), read by the host's HTTP client (`net::http`), and this
//! machine's own time.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use tls_doctor_core::Timestamp;
use tls_doctor_core::wire::{CLIENT_CERT_LINE_CHARS, ClientCertAnswer, ServerClock};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::time::Instant as Deadline;

use super::tap::{Keep, Tap};
use crate::net::http::{self, Ask, Failure, Method};

/// At most this many characters of the `Date` header are kept in the evidence: an IMF-fixdate
/// is 29 (RFC 9110 §5.6.7); the rest of a longer value says nothing a diagnosis needs.
pub const DATE_HEADER_CHARS: usize = 64;

/// What the host's `GET /` after a handshake brought back.
#[derive(Debug)]
pub struct Answered {
    /// The server's clock, from the answer's `Date`.
    pub clock: ServerClock,
    /// An alert that arrived instead of an answer (a TLS 1.3 server refusing a missing client
    /// certificate).
    pub alert: Option<String>,
    /// How the server answered, as a server that asked for a client certificate is judged.
    pub answer: ClientCertAnswer,
}

/// `GET /` and the `Date` of the answer (the body is never read; `HEAD` would be lighter, but
/// some servers, `openssl s_server -www` among them, never answer it). Also reports an alert
/// that arrives instead of an answer (a TLS 1.3 server refusing a missing client certificate),
/// and the answer's status, or that the server closed without one.
pub async fn server_clock<S: AsyncRead + AsyncWrite + Unpin>(stream: S, host: &str, deadline: Deadline) -> Answered {
    let bracketed;
    let host = if host.contains(':') {
        bracketed = format!("[{host}]");
        bracketed.as_str()
    } else {
        host
    };
    let heard: Arc<Mutex<Vec<u8>>> = Arc::default();
    let stream = Tap::new(stream, Heard(heard.clone()));
    // What came back, when it was not HTTP: its first line, or nothing at all (a close).
    let other = || first_line(&heard.lock().unwrap_or_else(PoisonError::into_inner));
    let ask = Ask { method: Method::Get, path: "/", host, accept: "*/*" };
    let answered = |clock, alert, answer| Answered { clock, alert, answer };
    match http::send(stream, ask, deadline).await {
        Ok(answer) => {
            let status = ClientCertAnswer::Http { status: answer.status };
            let received_at = Timestamp(now_unix());
            match answer.header("date") {
                None => answered(ServerClock::NoDateHeader, None, status),
                Some(value) => {
                    let date = httpdate::parse_http_date(value)
                        .ok()
                        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                        .and_then(|d| i64::try_from(d.as_secs()).ok())
                        .map(Timestamp);
                    let clock = ServerClock::Received {
                        header: value.chars().take(DATE_HEADER_CHARS).collect(),
                        date,
                        received_at,
                    };
                    answered(clock, None, status)
                }
            }
        }
        Err(Failure::TimedOut) => answered(ServerClock::TimedOut, None, ClientCertAnswer::Silent),
        // hyper says "not HTTP" also when the connection closed before a byte came back.
        Err(Failure::NotHttp(_)) => answered(ServerClock::NotHttp, None, other()),
        Err(Failure::BadRequest(detail)) => answered(ServerClock::Failed { detail }, None, ClientCertAnswer::Silent),
        Err(Failure::Io { detail, alert }) => answered(ServerClock::Failed { detail }, alert, other()),
    }
}

/// How long a server that speaks first (smtps, imaps, pop3s) is given to greet after the
/// handshake before the request is sent anyway.
pub const GREETING_WAIT: std::time::Duration = std::time::Duration::from_millis(500);

/// On an implicit-TLS port whose protocol has the server speak first: its first line, before
/// any request of ours (a server that refuses a missing client certificate may greet with a
/// refusal and close, and a request written then is met by a reset that loses the line). The
/// alert that came instead, if one did. `None` when it said nothing within [`GREETING_WAIT`].
pub async fn greeting<S: AsyncRead + Unpin>(
    stream: &mut S,
    deadline: Deadline,
) -> Option<(ClientCertAnswer, Option<String>)> {
    use tokio::io::AsyncReadExt as _;
    let mut first = vec![0u8; HEARD_BYTES];
    let wait = deadline.min(Deadline::now() + GREETING_WAIT);
    match tokio::time::timeout_at(wait, stream.read(&mut first)).await {
        Err(_) => None,
        Ok(Ok(n)) => Some((first_line(&first[..n]), None)),
        Ok(Err(e)) => {
            let alert = e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()).and_then(|tls| match tls {
                rustls::Error::AlertReceived(alert) => Some(tls_doctor_core::tls::alert_name(u8::from(*alert))),
                _ => None,
            });
            Some((ClientCertAnswer::Closed, alert))
        }
    }
}

/// What a non-HTTP answer said: its first line, or nothing at all (a close).
fn first_line(bytes: &[u8]) -> ClientCertAnswer {
    if bytes.is_empty() {
        return ClientCertAnswer::Closed;
    }
    let line = bytes.split(|b| *b == b'\r' || *b == b'\n').next().unwrap_or_default();
    let first_line =
        String::from_utf8_lossy(line).chars().filter(|c| !c.is_control()).take(CLIENT_CERT_LINE_CHARS).collect();
    ClientCertAnswer::Other { first_line }
}

/// What the `GET /` stream keeps: the first bytes that came back (at most [`HEARD_BYTES`]).
struct Heard(Arc<Mutex<Vec<u8>>>);

/// Enough for the first line of a mail server's greeting.
const HEARD_BYTES: usize = 512;

impl Keep for Heard {
    fn keep(&self, fresh: &[u8]) {
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let room = HEARD_BYTES.saturating_sub(kept.len());
        kept.extend_from_slice(&fresh[..fresh.len().min(room)]);
    }
}

pub fn now_unix() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::io::{AsyncReadExt, AsyncWriteExt, duplex};

    use super::*;

    /// A mail server behind implicit TLS greets before it reads the request: its first line is
    /// kept; a server that closes at once said nothing.
    #[tokio::test]
    async fn a_greeting_instead_of_http_is_kept_and_a_close_is_a_close() {
        for (said, want) in [
            (
                &b"421 4.7.1 smtps.example Error: client certificate required\r\n"[..],
                ClientCertAnswer::Other {
                    first_line: "421 4.7.1 smtps.example Error: client certificate required".into(),
                },
            ),
            (&b""[..], ClientCertAnswer::Closed),
        ] {
            let (client, mut server) = duplex(64 * 1024);
            tokio::spawn(async move {
                let _ = server.write_all(said).await;
                let mut request = [0u8; 4096];
                let _ = server.read(&mut request).await;
            });
            let deadline = Deadline::now() + Duration::from_secs(5);
            let answered = server_clock(client, "a.example", deadline).await;
            assert_eq!(answered.answer, want);
        }
    }

    /// A server that speaks first is heard before any request; one that waits for the client
    /// is given [`GREETING_WAIT`], then the request goes out.
    #[tokio::test]
    async fn a_greeting_is_read_before_the_request_when_it_comes() {
        let (mut client, mut server) = duplex(4096);
        server.write_all(b"* BYE no certificate\r\n").await.unwrap();
        let deadline = Deadline::now() + Duration::from_secs(5);
        let (answer, alert) = greeting(&mut client, deadline).await.unwrap();
        assert_eq!(answer, ClientCertAnswer::Other { first_line: "* BYE no certificate".into() });
        assert_eq!(alert, None);
        let (mut client, _server) = duplex(4096);
        let started = std::time::Instant::now();
        assert!(greeting(&mut client, deadline).await.is_none());
        assert!(started.elapsed() >= GREETING_WAIT, "{:?}", started.elapsed());
    }

    #[tokio::test]
    async fn a_long_date_header_is_shortened() {
        let (client, mut server) = duplex(64 * 1024);
        tokio::spawn(async move {
            let mut request = [0u8; 4096];
            let _ = server.read(&mut request).await;
            let date = format!("Wed, 25 Nov 2026 12:00:00 GMT{}", " x".repeat(4000));
            let answer = format!("HTTP/1.1 204 No Content\r\nDate: {date}\r\n\r\n");
            let _ = server.write_all(answer.as_bytes()).await;
        });
        let deadline = Deadline::now() + Duration::from_secs(5);
        let Answered { clock, alert, answer } = server_clock(client, "a.example", deadline).await;
        assert_eq!(answer, ClientCertAnswer::Http { status: 204 });
        let ServerClock::Received { header, date, .. } = clock else { panic!("{clock:?}") };
        assert_eq!(header.chars().count(), DATE_HEADER_CHARS);
        assert!(header.starts_with("Wed, 25 Nov 2026 12:00:00 GMT x x"), "{header}");
        // Not a date once it is that long.
        assert_eq!((date, alert), (None, None));
    }
}
