//! HTTP/1.1 over a connection the gate opened, with hyper's client: the `Date` probe (`GET /`
//! over the diagnosed server's TLS), the AIA, OCSP and CRL fetches and the captive-portal check
//! (plain `http://`), the autoconfig file (`https://`).
//!
//! hyper reads the response: its head within [`HEAD_LIMIT`] bytes and [`MAX_HEADERS`] headers,
//! the body by `Content-Length`, chunks (a chunk size that does not fit is an error, not an
//! overflow) or until the server closes. We bound what we keep (`http_body_util::Limited`: the
//! body is refused as soon as it passes its limit, never buffered past it) and how long we wait
//! (every step is under the caller's deadline). Redirects are not followed: a `3xx` is an answer.

use std::future::Future;
use std::io;
use std::pin::Pin;

use bytes::Bytes;
use http::HeaderMap;
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Body as _, Incoming};
use hyper::client::conn::http1::{Builder, Connection};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::time::{Instant as Deadline, timeout_at};

/// The largest response head read: hyper's read buffer (its minimum is 8 KiB). nginx's own
/// limit for request heads is 8 KiB; 16 KiB leaves room.
pub const HEAD_LIMIT: usize = 16 * 1024;
/// Headers read at most (hyper's default).
pub const MAX_HEADERS: usize = 100;

/// What to send.
#[derive(Clone, Copy, Debug)]
pub enum Method<'a> {
    Get,
    /// POST `body` as `content_type`.
    Post {
        content_type: &'a str,
        body: &'a [u8],
    },
}

/// One request: the method, the path (origin form: `/x?y`), the `Host` header's value and what
/// is accepted.
#[derive(Clone, Copy, Debug)]
pub struct Ask<'a> {
    pub method: Method<'a>,
    pub path: &'a str,
    pub host: &'a str,
    pub accept: &'a str,
}

/// Why no answer came.
#[derive(Debug)]
pub enum Failure {
    TimedOut,
    /// What came back is not an HTTP/1.x response head (or the server closed before one).
    NotHttp(String),
    /// The request could not be made (a path or host that is not valid in a request).
    BadRequest(String),
    /// The connection failed; `alert` is the TLS alert that ended it, when one did (a TLS 1.3
    /// server refusing a missing client certificate says so right after the handshake).
    Io {
        detail: String,
        alert: Option<String>,
    },
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::TimedOut => f.write_str("timed out"),
            Failure::NotHttp(detail) => write!(f, "not an HTTP answer ({detail})"),
            Failure::BadRequest(detail) => write!(f, "cannot make the request: {detail}"),
            Failure::Io { detail, .. } => f.write_str(detail),
        }
    }
}

/// Why a body was not read whole.
#[derive(Debug, PartialEq, Eq)]
pub enum BodyFailure {
    /// Larger than the limit (declared, or as it arrived).
    TooLarge,
    TimedOut,
    /// Cut short, or not well formed (a bad chunk).
    Failed(String),
}

type Conn<S> = Connection<TokioIo<S>, Full<Bytes>>;

/// An answer's head, and what is needed to read its body: the connection, which must go on
/// being driven while the body arrives.
pub struct Answer<S: AsyncRead + AsyncWrite + Unpin> {
    pub status: u16,
    pub headers: HeaderMap,
    body: Incoming,
    conn: Pin<Box<Conn<S>>>,
    conn_done: bool,
}

impl<S: AsyncRead + AsyncWrite + Unpin> std::fmt::Debug for Answer<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answer").field("status", &self.status).field("headers", &self.headers).finish_non_exhaustive()
    }
}

/// Sends `ask` on `io` (`Connection: close`) and reads the answer's head.
pub async fn send<S>(io: S, ask: Ask<'_>, deadline: Deadline) -> Result<Answer<S>, Failure>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let request = request(ask)?;
    let mut builder = Builder::new();
    // Some embedded servers match header names as written in the RFCs.
    builder.title_case_headers(true).max_buf_size(HEAD_LIMIT).max_headers(MAX_HEADERS);
    let handshake = builder.handshake::<_, Full<Bytes>>(TokioIo::new(io));
    let (mut sender, conn) = match timeout_at(deadline, handshake).await {
        Err(_) => return Err(Failure::TimedOut),
        Ok(Err(e)) => return Err(failure(&e)),
        Ok(Ok(parts)) => parts,
    };
    let mut conn = Box::pin(conn);
    let mut conn_done = false;
    let response = driving(&mut conn, &mut conn_done, sender.send_request(request));
    let response = match timeout_at(deadline, response).await {
        Err(_) => return Err(Failure::TimedOut),
        Ok(Err(e)) => return Err(failure(&e)),
        Ok(Ok(response)) => response,
    };
    let (parts, body) = response.into_parts();
    Ok(Answer { status: parts.status.as_u16(), headers: parts.headers, body, conn, conn_done })
}

impl<S: AsyncRead + AsyncWrite + Unpin> Answer<S> {
    /// A header's value as text (`None` when absent or not visible ASCII).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The whole body, at most `limit` bytes, gathered into one buffer as it arrives (a body
    /// that declares more, or brings more, is refused at once).
    pub async fn body(mut self, limit: usize, deadline: Deadline) -> Result<Vec<u8>, BodyFailure> {
        let limit_u64 = u64::try_from(limit).unwrap_or(u64::MAX);
        let hint = self.body.size_hint();
        if hint.lower() > limit_u64 {
            return Err(BodyFailure::TooLarge);
        }
        let mut kept = Vec::with_capacity(hint.exact().and_then(|n| usize::try_from(n).ok()).unwrap_or(0));
        let mut body = Limited::new(self.body, limit);
        loop {
            let frame = driving(&mut self.conn, &mut self.conn_done, body.frame());
            match timeout_at(deadline, frame).await {
                Err(_) => return Err(BodyFailure::TimedOut),
                Ok(None) => return Ok(kept),
                Ok(Some(Err(e))) if e.downcast_ref::<LengthLimitError>().is_some() => {
                    return Err(BodyFailure::TooLarge);
                }
                Ok(Some(Err(e))) => return Err(BodyFailure::Failed(e.to_string())),
                Ok(Some(Ok(frame))) => {
                    if let Ok(data) = frame.into_data() {
                        kept.extend_from_slice(&data);
                    }
                }
            }
        }
    }

    /// As much of the body as arrives until `enough` says so, `limit` bytes, the end, an
    /// error or the deadline, whichever comes first (a page read only for its title).
    pub async fn body_until(mut self, limit: usize, deadline: Deadline, enough: impl Fn(&[u8]) -> bool) -> Vec<u8> {
        let mut kept = Vec::new();
        while kept.len() < limit && !enough(&kept) {
            let frame = driving(&mut self.conn, &mut self.conn_done, self.body.frame());
            let Ok(Some(Ok(frame))) = timeout_at(deadline, frame).await else { break };
            if let Ok(data) = frame.into_data() {
                let room = limit - kept.len();
                kept.extend_from_slice(data.get(..room.min(data.len())).unwrap_or_default());
            }
        }
        kept
    }
}

/// Awaits `work` while driving the connection it depends on. A connection that ends (closed,
/// or failed) is not polled again; `work` then finishes with what was read, or its own error.
async fn driving<S, F>(conn: &mut Pin<Box<Conn<S>>>, done: &mut bool, work: F) -> F::Output
where
    S: AsyncRead + AsyncWrite + Unpin,
    F: Future,
{
    tokio::pin!(work);
    loop {
        tokio::select! {
            biased;
            out = &mut work => return out,
            _ = conn.as_mut(), if !*done => *done = true,
        }
    }
}

fn request(ask: Ask<'_>) -> Result<http::Request<Full<Bytes>>, Failure> {
    let builder = http::Request::builder()
        .uri(ask.path)
        .header(http::header::HOST, ask.host)
        .header(http::header::USER_AGENT, concat!("tls-doctor/", env!("CARGO_PKG_VERSION")))
        .header(http::header::ACCEPT, ask.accept)
        .header(http::header::CONNECTION, "close");
    let built = match ask.method {
        Method::Get => builder.method(http::Method::GET).body(Full::new(Bytes::new())),
        Method::Post { content_type, body } => builder
            .method(http::Method::POST)
            .header(http::header::CONTENT_TYPE, content_type)
            .body(Full::new(Bytes::copy_from_slice(body))),
    };
    built.map_err(|e| Failure::BadRequest(e.to_string()))
}

fn failure(e: &hyper::Error) -> Failure {
    if e.is_parse() || e.is_parse_status() || e.is_incomplete_message() {
        return Failure::NotHttp(e.to_string());
    }
    let detail = std::iter::successors(Some(e as &dyn std::error::Error), |e| e.source())
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ");
    Failure::Io { detail, alert: alert_of(e) }
}

/// The TLS alert somewhere in the error's chain of causes.
fn alert_of(e: &hyper::Error) -> Option<String> {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(err) = cause {
        let tls = err
            .downcast_ref::<rustls::Error>()
            .or_else(|| err.downcast_ref::<io::Error>().and_then(|io| io.get_ref()?.downcast_ref::<rustls::Error>()));
        if let Some(rustls::Error::AlertReceived(alert)) = tls {
            return Some(tls_doctor_core::tls::alert_name(u8::from(*alert)));
        }
        cause = err.source();
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::time::Duration;

    use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream, duplex};

    use super::*;

    fn soon() -> Deadline {
        Deadline::now() + Duration::from_secs(5)
    }

    const GET: Ask<'static> = Ask { method: Method::Get, path: "/x", host: "a.example", accept: "*/*" };

    /// A server that reads the request head and answers `answer`, in one piece.
    fn serve(answer: &'static [u8]) -> (DuplexStream, tokio::task::JoinHandle<Vec<u8>>) {
        let (client, mut server) = duplex(64 * 1024);
        let task = tokio::spawn(async move {
            let mut request = vec![0u8; 4096];
            let n = server.read(&mut request).await.unwrap();
            request.truncate(n);
            let _ = server.write_all(answer).await;
            let _ = server.shutdown().await;
            request
        });
        (client, task)
    }

    #[tokio::test]
    async fn a_request_is_sent_and_the_answer_read() {
        let (io, server) =
            serve(b"HTTP/1.1 200 OK\r\nDate: Wed, 25 Nov 2026 12:00:00 GMT\r\nContent-Length: 3\r\n\r\nabc");
        let answer = send(io, GET, soon()).await.unwrap();
        assert_eq!((answer.status, answer.header("date")), (200, Some("Wed, 25 Nov 2026 12:00:00 GMT")));
        assert_eq!(answer.body(64, soon()).await.unwrap(), b"abc");
        let request = String::from_utf8(server.await.unwrap()).unwrap();
        assert!(request.starts_with("GET /x HTTP/1.1\r\n"), "{request}");
        assert!(request.contains("Host: a.example\r\n") && request.contains("Connection: close\r\n"), "{request}");
    }

    #[tokio::test]
    async fn chunks_are_read_and_a_chunk_size_that_overflows_is_an_error() {
        let (io, _) =
            serve(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n");
        assert_eq!(send(io, GET, soon()).await.unwrap().body(64, soon()).await.unwrap(), b"abcde");
        for size in ["ffffffffffffffff", "fffffffffffffffe", "10000000000000000"] {
            let answer = format!("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n{size}\r\nabc\r\n");
            let (io, _) = serve(Box::leak(answer.into_boxed_str()).as_bytes());
            let body = send(io, GET, soon()).await.unwrap().body(64, soon()).await;
            assert!(matches!(body, Err(BodyFailure::Failed(_)) | Err(BodyFailure::TooLarge)), "{size}: {body:?}");
        }
    }

    #[tokio::test]
    async fn a_body_past_its_limit_is_refused() {
        let (io, _) = serve(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
        assert_eq!(send(io, GET, soon()).await.unwrap().body(64, soon()).await, Err(BodyFailure::TooLarge));
        // No length: refused as soon as it passes the limit.
        let (client, mut server) = duplex(64 * 1024);
        tokio::spawn(async move {
            let mut request = [0u8; 4096];
            let _ = server.read(&mut request).await;
            let _ = server.write_all(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n").await;
            while server.write_all(b"4\r\nabcd\r\n").await.is_ok() {}
        });
        assert_eq!(send(client, GET, soon()).await.unwrap().body(1000, soon()).await, Err(BodyFailure::TooLarge));
    }

    #[tokio::test]
    async fn what_is_not_http_is_said_so() {
        for answer in [&b"SSH-2.0-OpenSSH_9.2\r\n"[..], b"", b"HTTP/1.1 abc\r\n\r\n", b"\x16\x03\x01\x00\x05hello"] {
            let (io, _) = serve(answer);
            assert!(matches!(send(io, GET, soon()).await, Err(Failure::NotHttp(_))), "{answer:?}");
        }
        let mut huge = b"HTTP/1.1 200 OK\r\nX: ".to_vec();
        huge.extend(std::iter::repeat_n(b'a', HEAD_LIMIT * 2));
        let (io, _) = serve(Box::leak(huge.into_boxed_slice()));
        assert!(matches!(send(io, GET, soon()).await, Err(Failure::NotHttp(_))));
    }

    #[tokio::test]
    async fn more_headers_than_the_limit_are_not_http() {
        let head = |count: usize| {
            let mut answer = b"HTTP/1.1 204 No Content\r\n".to_vec();
            for i in 0..count {
                answer.extend(format!("X-{i}: a\r\n").bytes());
            }
            answer.extend(b"\r\n");
            &*Box::leak(answer.into_boxed_slice())
        };
        let (io, _) = serve(head(MAX_HEADERS));
        assert_eq!(send(io, GET, soon()).await.unwrap().headers.len(), MAX_HEADERS);
        let (io, _) = serve(head(MAX_HEADERS + 1));
        assert!(matches!(send(io, GET, soon()).await, Err(Failure::NotHttp(_))));
    }

    #[tokio::test]
    async fn silence_and_a_trickle_end_at_the_deadline() {
        let (client, _server) = duplex(1024);
        let deadline = Deadline::now() + Duration::from_millis(200);
        assert!(matches!(send(client, GET, deadline).await, Err(Failure::TimedOut)));
        let (client, mut server) = duplex(64 * 1024);
        tokio::spawn(async move {
            let mut request = [0u8; 4096];
            let _ = server.read(&mut request).await;
            let _ = server.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n").await;
            loop {
                if server.write_all(b"a").await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        });
        let answer = send(client, GET, soon()).await.unwrap();
        let deadline = Deadline::now() + Duration::from_millis(300);
        assert_eq!(answer.body(2000, deadline).await, Err(BodyFailure::TimedOut));
    }

    #[tokio::test]
    async fn a_post_carries_its_body() {
        let (io, server) = serve(b"HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabc");
        let ask = Ask {
            method: Method::Post { content_type: "application/ocsp-request", body: b"\x30\x00" },
            path: "/ocsp",
            host: "127.0.0.1:8080",
            accept: "application/ocsp-response",
        };
        assert_eq!(send(io, ask, soon()).await.unwrap().body(64, soon()).await.unwrap(), b"abc");
        let request = server.await.unwrap();
        let text = String::from_utf8_lossy(&request);
        assert!(text.starts_with("POST /ocsp HTTP/1.1\r\n"), "{text}");
        assert!(text.contains("Content-Type: application/ocsp-request\r\n"), "{text}");
        assert!(text.contains("Content-Length: 2\r\n"), "{text}");
        assert!(request.ends_with(b"\r\n\r\n\x30\x00"));
    }

    #[tokio::test]
    async fn a_page_is_read_until_enough() {
        let (io, _) = serve(b"HTTP/1.1 200 OK\r\n\r\n<html><title>Wi-Fi</title><body>");
        let answer = send(io, GET, soon()).await.unwrap();
        let page = answer.body_until(64 * 1024, soon(), |b| b.windows(8).any(|w| w == b"</title>")).await;
        assert!(page.starts_with(b"<html><title>Wi-Fi</title>"));
    }
}
