//! Fetching a missing issuer from an `id-ad-caIssuers` URL (RFC 5280 §4.2.2.1), as Chrome and
//! Windows do, to prove that a chain is only incomplete and to name what is missing.
//!
//! Only `http://` URLs are followed (RFC 5280 says caIssuers "MUST" be reachable over HTTP or
//! LDAP; HTTPS would need a verified chain to fetch a chain). The answer must be one DER or PEM
//! certificate of at most [`AIA_LIMIT`] bytes.

use std::time::Instant;

use tls_doctor_core::cert::{self, CertInfo};
use tls_doctor_core::wire::{AiaFetch, AiaOutcome, Bytes};
use tokio::time::Instant as Deadline;

use super::fetch::{Fetched, Method};
use crate::net::Gate;

/// An intermediate certificate is 1–2 KB; 64 KiB is generous.
pub const AIA_LIMIT: usize = 64 * 1024;
/// How many issuers up the chain we fetch at most (leaf → intermediate → cross-sign → root).
pub const AIA_DEPTH: usize = 3;

/// Starting from `top` (the highest served certificate whose issuer is missing), fetch issuers
/// until a self-issued certificate, a certificate without AIA, or a failure.
pub async fn chase(gate: &Gate, top: &CertInfo, deadline: Deadline) -> Vec<AiaFetch> {
    let mut fetches = Vec::new();
    let mut current = top.clone();
    for _ in 0..AIA_DEPTH {
        if current.self_issued() {
            break;
        }
        let Some(url) = current.ca_issuers.first().cloned() else { break };
        let started = Instant::now();
        let outcome = fetch(gate, &url, deadline).await;
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

async fn fetch(gate: &Gate, url: &str, deadline: Deadline) -> AiaOutcome {
    match super::fetch::fetch(gate, url, Method::Get, "application/pkix-cert, */*", AIA_LIMIT, deadline).await {
        Fetched::Body(body) => match certificate_der(&body) {
            Some(der) => AiaOutcome::Fetched { certificate: Bytes(der) },
            None => AiaOutcome::NotCertificate,
        },
        Fetched::Status(status) => AiaOutcome::HttpStatus { status },
        Fetched::TooLarge => AiaOutcome::TooLarge,
        Fetched::TimedOut => AiaOutcome::TimedOut,
        Fetched::Failed(detail) => AiaOutcome::Failed { detail },
        Fetched::Unsupported => AiaOutcome::UnsupportedUrl,
    }
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
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;
    use crate::probe::test_pki::{self, Urls};

    /// Issuers two levels deeper than the bound, each naming the next one's URL: the chase
    /// stops after AIA_DEPTH fetches, and the server never hears the later requests.
    #[tokio::test]
    async fn issuers_are_fetched_at_most_three_levels_up() {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let levels = AIA_DEPTH + 2;
        // From the top down: level `levels` is self-signed; level n names n + 1's URL.
        let mut cas: Vec<test_pki::Ca> = vec![test_pki::ca(&format!("Level {levels}"), None, None)];
        for n in (1..levels).rev() {
            let url = format!("{base}/{}", n + 1);
            let parent = cas.last().unwrap();
            let ca = test_pki::ca(&format!("Level {n}"), Some(parent), Some(&url));
            cas.push(ca);
        }
        cas.reverse();
        let served: Vec<Vec<u8>> = cas.iter().map(|ca| ca.der().to_vec()).collect();
        let asked = Arc::new(AtomicUsize::new(0));
        let counter = asked.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                counter.fetch_add(1, Ordering::SeqCst);
                let mut request = vec![0u8; 2048];
                let n = stream.read(&mut request).await.unwrap_or(0);
                let line = String::from_utf8_lossy(&request[..n]).into_owned();
                let level: usize = line.split(' ').nth(1).and_then(|p| p.trim_start_matches('/').parse().ok()).unwrap();
                let der = &served[level - 1];
                let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", der.len());
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(der).await;
            }
        });
        let (leaf, _) = test_pki::leaf(
            "leaf.example",
            &cas[0],
            &Urls { ca_issuers: Some(&format!("{base}/1")), ..Urls::default() },
        );
        let top = cert::parse(&leaf).unwrap();
        let gate = Gate::new(Arc::new(crate::policy::Enforced::permissive()));
        let fetches = chase(&gate, &top, Deadline::now() + Duration::from_secs(10)).await;
        assert_eq!(fetches.len(), AIA_DEPTH, "{fetches:?}");
        assert!(fetches.iter().all(|f| matches!(f.outcome, AiaOutcome::Fetched { .. })), "{fetches:?}");
        assert_eq!(fetches.last().map(|f| f.url.clone()), Some(format!("{base}/{AIA_DEPTH}")));
        assert_eq!(asked.load(Ordering::SeqCst), AIA_DEPTH);
    }

    #[test]
    fn garbage_is_not_a_certificate() {
        assert_eq!(certificate_der(b"<html>not found</html>"), None);
        assert_eq!(certificate_der(b""), None);
    }
}
