//! Fetching a missing issuer from an `id-ad-caIssuers` URL (RFC 5280 §4.2.2.1), as Chrome and
//! Windows do, to prove that a chain is only incomplete and to name what is missing.
//!
//! Only `http://` URLs are followed (RFC 5280 says caIssuers "MUST" be reachable over HTTP or
//! LDAP; HTTPS would need a verified chain to fetch a chain). The answer must be one DER or PEM
//! certificate of at most [`AIA_LIMIT`] bytes.

use std::net::IpAddr;
use std::time::Instant;

use tls_doctor_core::cert::{self, CertInfo};
use tls_doctor_core::wire::{AiaFetch, AiaOutcome, Bytes};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::time::{Instant as Deadline, timeout_at};

use super::http::{self, BodyError, ReadError};

/// An intermediate certificate is 1–2 KB; 64 KiB is generous.
pub const AIA_LIMIT: usize = 64 * 1024;
/// How many issuers up the chain we fetch at most (leaf → intermediate → cross-sign → root).
pub const AIA_DEPTH: usize = 3;

/// Starting from `top` (the highest served certificate whose issuer is missing), fetch issuers
/// until a self-issued certificate, a certificate without AIA, or a failure.
pub async fn chase(top: &CertInfo, deadline: Deadline) -> Vec<AiaFetch> {
    let mut fetches = Vec::new();
    let mut current = top.clone();
    for _ in 0..AIA_DEPTH {
        if current.self_issued() {
            break;
        }
        let Some(url) = current.ca_issuers.first().cloned() else { break };
        let started = Instant::now();
        let outcome = fetch(&url, deadline).await;
        let elapsed_ms = super::millis(started.elapsed());
        let next = match &outcome {
            AiaOutcome::Fetched { certificate } => cert::parse(certificate.as_slice()).ok(),
            _ => None,
        };
        fetches.push(AiaFetch { url, outcome, elapsed_ms });
        match next {
            Some(next) if next.subject_der != current.subject_der => current = next,
            _ => break,
        }
    }
    fetches
}

async fn fetch(url: &str, deadline: Deadline) -> AiaOutcome {
    let Some((host, port, path)) = split_http_url(url) else { return AiaOutcome::UnsupportedUrl };
    let addresses: Vec<IpAddr> = match host.parse::<IpAddr>() {
        Ok(ip) => vec![ip],
        Err(_) => match timeout_at(deadline, tokio::net::lookup_host((host.as_str(), port))).await {
            Err(_) => return AiaOutcome::TimedOut,
            Ok(Err(e)) => return AiaOutcome::Failed { detail: e.to_string() },
            Ok(Ok(found)) => found.map(|a| a.ip()).collect(),
        },
    };
    let Some(&address) = addresses.first() else {
        return AiaOutcome::Failed { detail: format!("no address for {host}") };
    };
    let mut stream = match timeout_at(deadline, TcpStream::connect((address, port))).await {
        Err(_) => return AiaOutcome::TimedOut,
        Ok(Err(e)) => return AiaOutcome::Failed { detail: e.to_string() },
        Ok(Ok(s)) => s,
    };
    let host_header = if port == 80 { host.clone() } else { format!("{host}:{port}") };
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: tls-doctor/{}\r\nAccept: */*\r\nConnection: close\r\n\r\n",
        env!("CARGO_PKG_VERSION")
    );
    match timeout_at(deadline, stream.write_all(request.as_bytes())).await {
        Err(_) => return AiaOutcome::TimedOut,
        Ok(Err(e)) => return AiaOutcome::Failed { detail: e.to_string() },
        Ok(Ok(())) => {}
    }
    let (head, buf) = match http::read_head(&mut stream, deadline).await {
        Ok(x) => x,
        Err(ReadError::TimedOut) => return AiaOutcome::TimedOut,
        Err(ReadError::NotHttp) => return AiaOutcome::Failed { detail: "not an HTTP answer".into() },
        Err(ReadError::Io(e)) => return AiaOutcome::Failed { detail: e.to_string() },
    };
    if head.status != 200 {
        return AiaOutcome::HttpStatus { status: head.status };
    }
    let body = match http::read_body(&mut stream, &head, buf, AIA_LIMIT, deadline).await {
        Ok(body) => body,
        Err(BodyError::TooLarge) => return AiaOutcome::TooLarge,
        Err(BodyError::TimedOut) => return AiaOutcome::TimedOut,
        Err(BodyError::Io(detail)) => return AiaOutcome::Failed { detail },
    };
    match certificate_der(&body) {
        Some(der) => AiaOutcome::Fetched { certificate: Bytes(der) },
        None => AiaOutcome::NotCertificate,
    }
}

/// `http://host[:port]/path` → parts. Anything else (https, ldap, user info) is unsupported.
fn split_http_url(url: &str) -> Option<(String, u16, String)> {
    let rest = url.strip_prefix("http://").or_else(|| url.strip_prefix("HTTP://"))?;
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
    if host.is_empty() {
        return None;
    }
    Some((host, port, path.to_owned()))
}

/// The DER of the one certificate in `body`, whether it came as DER or PEM.
fn certificate_der(body: &[u8]) -> Option<Vec<u8>> {
    if cert::parse(body).is_ok() {
        return Some(body.to_vec());
    }
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let der = CertificateDer::from_pem_slice(body).ok()?;
    cert::parse(&der).ok().map(|_| der.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_http_urls() {
        assert_eq!(split_http_url("http://r11.i.lencr.org/"), Some(("r11.i.lencr.org".into(), 80, "/".into())));
        assert_eq!(
            split_http_url("http://127.0.0.1:8080/int.der"),
            Some(("127.0.0.1".into(), 8080, "/int.der".into()))
        );
        assert_eq!(split_http_url("http://[::1]:81/a"), Some(("::1".into(), 81, "/a".into())));
        assert_eq!(split_http_url("http://ca.example"), Some(("ca.example".into(), 80, "/".into())));
        assert_eq!(split_http_url("https://ca.example/x"), None);
        assert_eq!(split_http_url("ldap://ca.example/x"), None);
        assert_eq!(split_http_url("http://u@ca.example/x"), None);
        assert_eq!(split_http_url("http://ca.example:0/x"), None);
        assert_eq!(split_http_url("http:///x"), None);
    }

    #[test]
    fn garbage_is_not_a_certificate() {
        assert_eq!(certificate_der(b"<html>not found</html>"), None);
        assert_eq!(certificate_der(b""), None);
    }
}
