//! The HTTP the host sends to other servers than the one diagnosed: a missing issuer fetched
//! from its AIA caIssuers URL, an OCSP request POSTed to the responder (RFC 6960 Appendix A.1),
//! a CRL fetched with GET (RFC 5280 §4.2.1.13). Plain `http://` only: all three are signed, and
//! fetching them over TLS would need a verified chain (and a revocation check) to check one
//! (RFC 5280 §8; browsers alike refuse https here). Every step is under `deadline`, and an
//! answer larger than its limit is abandoned as soon as that is known.

use std::net::IpAddr;

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::time::{Instant as Deadline, timeout_at};

use crate::probe::http::{self, BodyError, ReadError};

/// A responder or CRL server gets this many of its addresses tried, in the resolver's order.
const MAX_ADDRESSES: usize = 4;

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Fetched {
    /// A 200 answer's body.
    Body(Vec<u8>),
    Status(u16),
    TooLarge,
    TimedOut,
    Failed(String),
    /// Not an `http://` URL.
    Unsupported,
}

/// What to send.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Method<'a> {
    Get,
    /// POST `body` as `content_type`.
    Post {
        content_type: &'a str,
        body: &'a [u8],
    },
}

/// One request to `url`, and its answer's body of at most `limit` bytes.
pub(crate) async fn fetch(url: &str, method: Method<'_>, accept: &str, limit: usize, deadline: Deadline) -> Fetched {
    let Answer { head, buf, mut stream } = match request(url, method, accept, deadline).await {
        Ok(answer) => answer,
        Err(failed) => return failed,
    };
    if head.status != 200 {
        return Fetched::Status(head.status);
    }
    match http::read_body(&mut stream, &head, buf, limit, deadline).await {
        Ok(body) => Fetched::Body(body),
        Err(BodyError::TooLarge) => Fetched::TooLarge,
        Err(BodyError::TimedOut) => Fetched::TimedOut,
        Err(BodyError::Io(detail)) => Fetched::Failed(detail),
    }
}

/// An answer's head, the bytes read with it (the head, and the start of the body), and the
/// connection, for whoever wants the body.
#[derive(Debug)]
pub(crate) struct Answer {
    pub head: http::Head,
    pub buf: Vec<u8>,
    pub stream: TcpStream,
}

/// Sends one request to `url` and reads the answer's head. Errors are [`Fetched`]'s
/// `TimedOut`, `Failed` and `Unsupported`.
pub(crate) async fn request(
    url: &str,
    method: Method<'_>,
    accept: &str,
    deadline: Deadline,
) -> Result<Answer, Fetched> {
    let Some((host, port, path)) = split_http_url(url) else { return Err(Fetched::Unsupported) };
    let addresses: Vec<IpAddr> = match host.parse::<IpAddr>() {
        Ok(ip) => vec![ip],
        Err(_) => match timeout_at(deadline, tokio::net::lookup_host((host.as_str(), port))).await {
            Err(_) => return Err(Fetched::TimedOut),
            Ok(Err(e)) => return Err(Fetched::Failed(format!("{host}: {e}"))),
            Ok(Ok(found)) => found.map(|a| a.ip()).take(MAX_ADDRESSES).collect(),
        },
    };
    // `private_addresses: false`: a certificate's URL must not reach into the local network.
    // Outside a check (the captive-portal probe runs on its own task) the portal URL is the
    // administrator's or the user's own, and is allowed.
    let addresses = if super::FETCH_PRIVATE.try_with(|allowed| *allowed).unwrap_or(true) {
        addresses
    } else {
        let public: Vec<IpAddr> = addresses.into_iter().filter(|a| !crate::policy::is_private(*a)).collect();
        if public.is_empty() {
            return Err(Fetched::Failed(format!("{host}: a private address, refused by policy")));
        }
        public
    };
    let mut stream = None;
    let mut last_error = format!("no address for {host}");
    for address in addresses {
        match timeout_at(deadline, TcpStream::connect((address, port))).await {
            Err(_) => return Err(Fetched::TimedOut),
            Ok(Err(e)) => last_error = format!("{address} port {port}: {e}"),
            Ok(Ok(s)) => {
                stream = Some(s);
                break;
            }
        }
    }
    let Some(mut stream) = stream else { return Err(Fetched::Failed(last_error)) };

    let host_header = match (host.contains(':'), port) {
        (true, 80) => format!("[{host}]"),
        (true, _) => format!("[{host}]:{port}"),
        (false, 80) => host.clone(),
        (false, _) => format!("{host}:{port}"),
    };
    let (verb, body_headers, body): (&str, String, &[u8]) = match method {
        Method::Get => ("GET", String::new(), &[]),
        Method::Post { content_type, body } => {
            ("POST", format!("Content-Type: {content_type}\r\nContent-Length: {}\r\n", body.len()), body)
        }
    };
    let head = format!(
        "{verb} {path} HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: tls-doctor/{}\r\nAccept: {accept}\r\n\
         {body_headers}Connection: close\r\n\r\n",
        env!("CARGO_PKG_VERSION")
    );
    let sent = timeout_at(deadline, async {
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body).await?;
        stream.flush().await
    })
    .await;
    match sent {
        Err(_) => return Err(Fetched::TimedOut),
        Ok(Err(e)) => return Err(Fetched::Failed(e.to_string())),
        Ok(Ok(())) => {}
    }
    match http::read_head(&mut stream, deadline).await {
        Ok((head, buf)) => Ok(Answer { head, buf, stream }),
        Err(ReadError::TimedOut) => Err(Fetched::TimedOut),
        Err(ReadError::NotHttp) => Err(Fetched::Failed("not an HTTP answer".into())),
        Err(ReadError::Io(e)) => Err(Fetched::Failed(e.to_string())),
    }
}

/// `http://host[:port]/path` → parts. Anything else (https, ldap, user info) is unsupported.
/// (The same rules as the AIA fetch's.)
pub(super) fn split_http_url(url: &str) -> Option<(String, u16, String)> {
    let scheme = url.get(..7)?;
    if !scheme.eq_ignore_ascii_case("http://") {
        return None;
    }
    let rest = &url[7..];
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if authority.contains('@') || path.bytes().any(|b| b.is_ascii_control() || b == b' ') {
        return None;
    }
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let (h, after) = inner.split_once(']')?;
        (h.to_owned(), after.strip_prefix(':').map_or(Some(80), crate::target::parse_port)?)
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h.to_owned(), crate::target::parse_port(p)?),
            None => (authority.to_owned(), 80),
        }
    };
    if host.is_empty() || host.bytes().any(|b| b.is_ascii_control() || b == b' ') {
        return None;
    }
    Some((host, port, path.to_owned()))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::io::AsyncReadExt;
    use tokio::net::TcpListener;

    use super::*;

    #[test]
    fn only_plain_http_urls_are_split() {
        assert_eq!(split_http_url("http://r11.o.lencr.org"), Some(("r11.o.lencr.org".into(), 80, "/".into())));
        assert_eq!(split_http_url("HTTP://127.0.0.1:8080/ca.crl"), Some(("127.0.0.1".into(), 8080, "/ca.crl".into())));
        assert_eq!(split_http_url("http://[::1]:81/a"), Some(("::1".into(), 81, "/a".into())));
        for bad in
            ["https://ca.example/x", "ldap://ca.example/x", "http://u@ca.example/", "http://ca:0/", "http:///x", "http"]
        {
            assert_eq!(split_http_url(bad), None, "{bad}");
        }
    }

    /// Serves `answer` to one connection and hands back what the client sent.
    async fn one_shot(answer: &'static [u8]) -> (String, tokio::task::JoinHandle<Vec<u8>>) {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut request = vec![0u8; 4096];
            let n = stream.read(&mut request).await.unwrap();
            request.truncate(n);
            stream.write_all(answer).await.unwrap();
            request
        });
        (format!("http://127.0.0.1:{port}/ocsp"), server)
    }

    fn soon() -> Deadline {
        Deadline::now() + Duration::from_secs(5)
    }

    #[tokio::test]
    async fn a_post_carries_its_body_and_reads_the_answer() {
        let (url, server) = one_shot(b"HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabc").await;
        let post = Method::Post { content_type: "application/ocsp-request", body: b"\x30\x00" };
        assert_eq!(fetch(&url, post, "application/ocsp-response", 64, soon()).await, Fetched::Body(b"abc".to_vec()));
        let request = server.await.unwrap();
        let text = String::from_utf8_lossy(&request);
        assert!(text.starts_with("POST /ocsp HTTP/1.1\r\n"), "{text}");
        assert!(text.contains("\r\nContent-Type: application/ocsp-request\r\nContent-Length: 2\r\n"), "{text}");
        assert!(request.ends_with(b"\r\n\r\n\x30\x00"));
    }

    #[tokio::test]
    async fn statuses_and_sizes_are_reported() {
        let (url, _server) = one_shot(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n").await;
        assert_eq!(fetch(&url, Method::Get, "*/*", 64, soon()).await, Fetched::Status(503));
        let (url, _server) = one_shot(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n").await;
        assert_eq!(fetch(&url, Method::Get, "*/*", 64, soon()).await, Fetched::TooLarge);
        assert_eq!(fetch("https://127.0.0.1/", Method::Get, "*/*", 64, soon()).await, Fetched::Unsupported);
    }

    #[tokio::test]
    async fn silence_ends_at_the_deadline() {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let url = format!("http://127.0.0.1:{}/", listener.local_addr().unwrap().port());
        let deadline = Deadline::now() + Duration::from_millis(200);
        assert_eq!(fetch(&url, Method::Get, "*/*", 64, deadline).await, Fetched::TimedOut);
        drop(listener);
    }

    #[tokio::test]
    async fn a_closed_port_fails_at_once() {
        let port = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap().local_addr().unwrap().port();
        let url = format!("http://127.0.0.1:{port}/");
        assert!(matches!(fetch(&url, Method::Get, "*/*", 64, soon()).await, Fetched::Failed(_)));
    }
}
