//! The HTTP the host sends to other servers than the one diagnosed: a missing issuer fetched
//! from its AIA caIssuers URL, an OCSP request POSTed to the responder (RFC 6960 Appendix A.1),
//! a CRL fetched with GET (RFC 5280 §4.2.1.13). Plain `http://` only: all three are signed, and
//! fetching them over TLS would need a verified chain (and a revocation check) to check one
//! (RFC 5280 §8; browsers alike refuse https here). Every step is under `deadline`, and an
//! answer larger than its limit is abandoned as soon as that is known.

use std::net::IpAddr;

use tls_doctor_core::wire::DnsOutcome;
use tokio::net::TcpStream;
use tokio::time::Instant as Deadline;

use crate::net::gate::{Blocked, refusal_text};
use crate::net::http::{self, Answer, Ask, BodyFailure, Failure};
use crate::net::{Gate, Purpose, Way};

pub(crate) use crate::net::http::Method;

/// A responder or CRL server gets this many of its addresses tried, in the resolver's order.
pub(crate) const MAX_ADDRESSES: usize = 4;

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

/// One request to `url` (a URL a certificate names), and its answer's body of at most `limit`
/// bytes.
pub(crate) async fn fetch(
    gate: &Gate,
    url: &str,
    method: Method<'_>,
    accept: &str,
    limit: usize,
    deadline: Deadline,
) -> Fetched {
    let answer = match request(gate, Purpose::CertificateUrl, url, method, accept, deadline).await {
        Ok(answer) => answer,
        Err(failed) => return failed,
    };
    if answer.status != 200 {
        return Fetched::Status(answer.status);
    }
    match answer.body(limit, deadline).await {
        Ok(body) => Fetched::Body(body),
        Err(BodyFailure::TooLarge) => Fetched::TooLarge,
        Err(BodyFailure::TimedOut) => Fetched::TimedOut,
        Err(BodyFailure::Failed(detail)) => Fetched::Failed(detail),
    }
}

/// Sends one request to `url`, through the gate as `purpose`, and reads the answer's head.
/// Errors are [`Fetched`]'s `TimedOut`, `Failed` and `Unsupported`.
pub(crate) async fn request(
    gate: &Gate,
    purpose: Purpose,
    url: &str,
    method: Method<'_>,
    accept: &str,
    deadline: Deadline,
) -> Result<Answer<TcpStream>, Fetched> {
    let Some((host, port, path)) = split_http_url(url) else { return Err(Fetched::Unsupported) };
    let way = gate.admit(purpose, &host, port).map_err(|r| Fetched::Failed(refusal_text(&r)))?;
    let addresses: Vec<IpAddr> = match way.resolve(deadline).await {
        DnsOutcome::Resolved { addresses, .. } => addresses,
        DnsOutcome::Failed { error: tls_doctor_core::wire::DnsError::TimedOut, .. } => return Err(Fetched::TimedOut),
        DnsOutcome::Failed { error, detail, .. } => {
            return Err(Fetched::Failed(format!("{host}: {error:?} {detail}").trim_end().to_owned()));
        }
        DnsOutcome::Skipped { .. } => Vec::new(),
    };
    let addresses = way.screen(&addresses).map_err(|r| Fetched::Failed(refusal_text(&r)))?;
    let stream = connect(&way, &addresses, deadline).await?;

    let host_header = match (host.contains(':'), port) {
        (true, 80) => format!("[{host}]"),
        (true, _) => format!("[{host}]:{port}"),
        (false, 80) => host.clone(),
        (false, _) => format!("{host}:{port}"),
    };
    let ask = Ask { method, path: &path, host: &host_header, accept };
    match http::send(stream, ask, deadline).await {
        Ok(answer) => Ok(answer),
        Err(Failure::TimedOut) => Err(Fetched::TimedOut),
        Err(e) => Err(Fetched::Failed(e.to_string())),
    }
}

/// The first of `addresses` that accepts a connection, trying at most [`MAX_ADDRESSES`] of them
/// in order: a name with dozens of addresses that all drop packets must not cost a connection
/// attempt each.
async fn connect(way: &Way, addresses: &[IpAddr], deadline: Deadline) -> Result<TcpStream, Fetched> {
    let mut last_error = format!("no address for {}", way.host());
    for &address in addresses.iter().take(MAX_ADDRESSES) {
        match way.tcp(address, deadline).await {
            Err(Blocked::TimedOut) => return Err(Fetched::TimedOut),
            Err(e) => last_error = format!("{address} port {}: {e}", way.port()),
            Ok(stream) => return Ok(stream),
        }
    }
    Err(Fetched::Failed(last_error))
}

/// `http://host[:port]/path` → parts, read as a URI (RFC 3986, the `http` crate's reader).
/// Anything else (https, ldap, user info, port 0) is unsupported.
pub(crate) fn split_http_url(url: &str) -> Option<(String, u16, String)> {
    let uri: ::http::Uri = url.parse().ok()?;
    if !uri.scheme_str().is_some_and(|s| s.eq_ignore_ascii_case("http")) {
        return None;
    }
    let authority = uri.authority()?;
    if authority.as_str().contains('@') {
        return None;
    }
    let host = authority.host().trim_start_matches('[').trim_end_matches(']');
    let port = match authority.port() {
        None => 80,
        Some(p) => p.as_u16(),
    };
    if host.is_empty() || port == 0 {
        return None;
    }
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let path = if path.is_empty() { "/" } else { path };
    Some((host.to_ascii_lowercase(), port, path.to_owned()))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::io::AsyncReadExt;
    use tokio::net::TcpListener;

    use super::*;
    use tokio::io::AsyncWriteExt;

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

    fn open() -> Gate {
        Gate::new(std::sync::Arc::new(crate::policy::Enforced::permissive()))
    }

    fn soon() -> Deadline {
        Deadline::now() + Duration::from_secs(5)
    }

    #[tokio::test]
    async fn a_post_carries_its_body_and_reads_the_answer() {
        let (url, server) = one_shot(b"HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabc").await;
        let post = Method::Post { content_type: "application/ocsp-request", body: b"\x30\x00" };
        assert_eq!(
            fetch(&open(), &url, post, "application/ocsp-response", 64, soon()).await,
            Fetched::Body(b"abc".to_vec())
        );
        let request = server.await.unwrap();
        let text = String::from_utf8_lossy(&request);
        assert!(text.starts_with("POST /ocsp HTTP/1.1\r\n"), "{text}");
        assert!(text.contains("\r\nContent-Type: application/ocsp-request\r\n"), "{text}");
        assert!(text.contains("\r\nContent-Length: 2\r\n"), "{text}");
        assert!(request.ends_with(b"\r\n\r\n\x30\x00"));
    }

    #[tokio::test]
    async fn statuses_and_sizes_are_reported() {
        let (url, _server) = one_shot(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n").await;
        assert_eq!(fetch(&open(), &url, Method::Get, "*/*", 64, soon()).await, Fetched::Status(503));
        let (url, _server) = one_shot(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n").await;
        assert_eq!(fetch(&open(), &url, Method::Get, "*/*", 64, soon()).await, Fetched::TooLarge);
        assert_eq!(fetch(&open(), "https://127.0.0.1/", Method::Get, "*/*", 64, soon()).await, Fetched::Unsupported);
    }

    #[tokio::test]
    async fn silence_ends_at_the_deadline() {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let url = format!("http://127.0.0.1:{}/", listener.local_addr().unwrap().port());
        let deadline = Deadline::now() + Duration::from_millis(200);
        assert_eq!(fetch(&open(), &url, Method::Get, "*/*", 64, deadline).await, Fetched::TimedOut);
        drop(listener);
    }

    #[tokio::test]
    async fn at_most_four_addresses_are_tried() {
        // Nothing listens on the first MAX_ADDRESSES loopback addresses at this port; the next
        // one accepts, and must never be reached.
        let beyond = IpAddr::from([127, 0, 0, u8::try_from(MAX_ADDRESSES + 1).unwrap()]);
        let listener = TcpListener::bind((beyond, 0)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let addresses: Vec<IpAddr> =
            (1..=MAX_ADDRESSES + 2).map(|i| IpAddr::from([127, 0, 0, u8::try_from(i).unwrap()])).collect();
        let way = open().admit(Purpose::CertificateUrl, "ca.example", port).unwrap();
        let tried = connect(&way, &addresses, soon()).await;
        let Err(Fetched::Failed(detail)) = tried else { panic!("{tried:?}") };
        assert!(detail.starts_with(&format!("127.0.0.{MAX_ADDRESSES} port {port}:")), "{detail}");
        assert!(tokio::time::timeout(Duration::from_millis(200), listener.accept()).await.is_err(), "reached");
        // One address earlier in the list, the same listener is the last one tried, and reached.
        assert!(connect(&way, &addresses[1..], soon()).await.is_ok());
    }

    #[tokio::test]
    async fn a_closed_port_fails_at_once() {
        let port = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap().local_addr().unwrap().port();
        let url = format!("http://127.0.0.1:{port}/");
        assert!(matches!(fetch(&open(), &url, Method::Get, "*/*", 64, soon()).await, Fetched::Failed(_)));
    }
}
