//! The server's clock: the `Date` of its answer to a `GET /` over the established TLS
//! connection (RFC 9110 §6.6.1), read by the host's HTTP client (`net::http`), and this
//! machine's own time.

use std::time::{SystemTime, UNIX_EPOCH};

use tls_doctor_core::Timestamp;
use tls_doctor_core::wire::ServerClock;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::time::Instant as Deadline;

use crate::net::http::{self, Ask, Failure, Method};

/// At most this many characters of the `Date` header are kept in the evidence: an IMF-fixdate
/// is 29 (RFC 9110 §5.6.7); the rest of a longer value says nothing a diagnosis needs.
pub const DATE_HEADER_CHARS: usize = 64;

/// `GET /` and the `Date` of the answer (the body is never read; `HEAD` would be lighter, but
/// some servers, `openssl s_server -www` among them, never answer it). Also reports an alert
/// that arrives instead of an answer (a TLS 1.3 server refusing a missing client certificate).
pub async fn server_clock<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    host: &str,
    deadline: Deadline,
) -> (ServerClock, Option<String>) {
    let bracketed;
    let host = if host.contains(':') {
        bracketed = format!("[{host}]");
        bracketed.as_str()
    } else {
        host
    };
    let ask = Ask { method: Method::Get, path: "/", host, accept: "*/*" };
    match http::send(stream, ask, deadline).await {
        Ok(answer) => {
            let received_at = Timestamp(now_unix());
            match answer.header("date") {
                None => (ServerClock::NoDateHeader, None),
                Some(value) => {
                    let date = httpdate::parse_http_date(value)
                        .ok()
                        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                        .and_then(|d| i64::try_from(d.as_secs()).ok())
                        .map(Timestamp);
                    (
                        ServerClock::Received {
                            header: value.chars().take(DATE_HEADER_CHARS).collect(),
                            date,
                            received_at,
                        },
                        None,
                    )
                }
            }
        }
        Err(Failure::TimedOut) => (ServerClock::TimedOut, None),
        Err(Failure::NotHttp(_)) => (ServerClock::NotHttp, None),
        Err(Failure::BadRequest(detail)) => (ServerClock::Failed { detail }, None),
        Err(Failure::Io { detail, alert }) => (ServerClock::Failed { detail }, alert),
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
        let (clock, alert) = server_clock(client, "a.example", deadline).await;
        let ServerClock::Received { header, date, .. } = clock else { panic!("{clock:?}") };
        assert_eq!(header.chars().count(), DATE_HEADER_CHARS);
        assert!(header.starts_with("Wed, 25 Nov 2026 12:00:00 GMT x x"), "{header}");
        // Not a date once it is that long.
        assert_eq!((date, alert), (None, None));
    }
}
