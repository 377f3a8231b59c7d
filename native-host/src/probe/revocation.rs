//! Is the leaf certificate revoked? Three sources, each reported as one [`RevocationCheck`]:
//!
//! - [`RevocationMethod::Staple`]: the OCSP response the server stapled to its handshake
//!   (recorded by the verifier in `probe::danger`);
//! - [`RevocationMethod::Ocsp`]: a request to the responder named in the leaf's AIA
//!   `id-ad-ocsp` URL (RFC 6960), POSTed over plain http;
//! - [`RevocationMethod::Crl`]: the CRL named in the leaf's CRL distribution points
//!   (RFC 5280 §4.2.1.13), fetched over plain http.
//!
//! An answer counts only when its signature verifies against the leaf's issuer (or an OCSP
//! responder the issuer delegated to) and it speaks of the leaf; anything else that came back is
//! `Unusable`, and a responder that could not be reached is `TimedOut`, `Failed` or `HttpStatus`.
//! The issuer is found among the served certificates, the ones the AIA fetch brought, and the
//! trust anchors, by name and by the leaf's signature. The responder and the CRL server are the
//! CA's, not the server being diagnosed: these connections do not count towards its budget.
//!
//! Collecting is here; what the answers mean (revoked, stale, missing) is the model's business.

mod crl;
pub(crate) mod ocsp;
mod signed;

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rustls::pki_types::UnixTime;
use tls_doctor_core::cert;
use tls_doctor_core::wire::{AiaFetch, AiaOutcome, Bytes, RevocationCheck, RevocationMethod, RevocationOutcome};
use tokio::time::Instant as Deadline;

pub(crate) use self::signed::Algorithms;
use self::signed::{Issuer, Leaf};
use super::fetch::{self, Fetched, Method};
use crate::net::Gate;
use crate::trust::Store;

/// OCSP answers are a few hundred bytes to a few KiB (one SingleResponse, maybe the
/// responder's certificate); the same limit as an AIA certificate.
pub const OCSP_LIMIT: usize = 64 * 1024;
/// CRLs of large public CAs run to several MiB (a few hundred thousand entries); beyond 10 MiB
/// a browser would not fetch one either (Chromium's CRLSet builder skips CRLs over 10 MiB).
pub const CRL_LIMIT: usize = 10 * 1024 * 1024;
/// How long the OCSP responder gets: Firefox waits 2 s before soft-failing
/// (`security.OCSP.timeoutMilliseconds.soft`); a little more tells "slow" from "unreachable".
pub const OCSP_BUDGET: Duration = Duration::from_secs(3);
/// How long the CRL download gets: it can be megabytes.
pub const CRL_BUDGET: Duration = Duration::from_secs(5);

/// What revocation checking works from: the primary handshake and the AIA fetch.
#[derive(Debug)]
pub struct Inputs<'a> {
    /// The served chain, leaf first.
    pub chain: &'a [Bytes],
    pub staple: Option<&'a [u8]>,
    pub aia: &'a [AiaFetch],
    pub stores: &'a [&'a Store],
    pub algorithms: Algorithms,
    pub now: SystemTime,
    /// The policy every fetch goes through.
    pub gate: &'a Gate,
}

/// Every method, in the order staple, OCSP, CRL; the network ones concurrently, each under its
/// budget and `deadline`. Empty when there is no leaf certificate to ask about.
pub async fn check(inputs: &Inputs<'_>, deadline: Deadline) -> Vec<RevocationCheck> {
    let Some(leaf_der) = inputs.chain.first() else { return Vec::new() };
    let (Ok(leaf), Ok(info)) = (Leaf::parse(leaf_der.as_slice()), cert::parse(leaf_der.as_slice())) else {
        return Vec::new();
    };
    let issuer = find_issuer(&leaf, inputs);
    let now = UnixTime::since_unix_epoch(inputs.now.duration_since(UNIX_EPOCH).unwrap_or_default());
    let context =
        Context { leaf: &leaf, issuer: issuer.as_ref(), algorithms: inputs.algorithms, now, gate: inputs.gate };

    let staple = context.staple(inputs.staple);
    let (ocsp, crl) = tokio::join!(
        context.ocsp(pick(&info.ocsp_urls), deadline.min(Deadline::now() + OCSP_BUDGET)),
        context.crl(pick(&info.crl_urls), deadline.min(Deadline::now() + CRL_BUDGET)),
    );
    vec![staple, ocsp, crl]
}

/// The first `http://` URL, else the first URL (which then fails as unsupported).
fn pick(urls: &[String]) -> Option<&str> {
    urls.iter().find(|u| fetch::split_http_url(u).is_some()).or_else(|| urls.first()).map(String::as_str)
}

/// The certificate that signed the leaf: a served one, a fetched one, or an anchor.
fn find_issuer(leaf: &Leaf<'_>, inputs: &Inputs<'_>) -> Option<Issuer> {
    let fetched = inputs.aia.iter().filter_map(|f| match &f.outcome {
        AiaOutcome::Fetched { certificate } => Some(certificate),
        _ => None,
    });
    let certificates = inputs.chain.iter().skip(1).chain(fetched);
    let found = certificates
        .filter_map(|der| Issuer::from_certificate(der.as_slice()))
        .find(|candidate| candidate.issued(leaf, inputs.algorithms));
    found.or_else(|| {
        let anchors = inputs.stores.iter().flat_map(|s| s.anchors.iter());
        anchors
            .filter(|a| a.subject.as_ref() == leaf.issuer_value())
            .map(Issuer::from_anchor)
            .find(|candidate| candidate.issued(leaf, inputs.algorithms))
    })
}

struct Context<'a> {
    leaf: &'a Leaf<'a>,
    issuer: Option<&'a Issuer>,
    algorithms: Algorithms,
    now: UnixTime,
    gate: &'a Gate,
}

impl Context<'_> {
    fn staple(&self, staple: Option<&[u8]>) -> RevocationCheck {
        let started = Instant::now();
        let outcome = match (staple, self.issuer) {
            (Some(der), Some(issuer)) if der.len() <= OCSP_LIMIT => {
                ocsp::evaluate(der, self.leaf, issuer, self.algorithms, self.now)
            }
            (Some(der), Some(_)) => {
                RevocationOutcome::Unusable { detail: format!("a staple of {} bytes (limit {OCSP_LIMIT})", der.len()) }
            }
            (None, _) | (_, None) => RevocationOutcome::NotAvailable,
        };
        done(RevocationMethod::Staple, String::new(), outcome, started)
    }

    async fn ocsp(&self, url: Option<&str>, deadline: Deadline) -> RevocationCheck {
        let started = Instant::now();
        let (Some(url), Some(issuer)) = (url, self.issuer) else {
            return done(
                RevocationMethod::Ocsp,
                url.unwrap_or_default().to_owned(),
                RevocationOutcome::NotAvailable,
                started,
            );
        };
        let outcome = match ocsp::request(self.leaf, issuer) {
            Err(e) => RevocationOutcome::Failed { detail: format!("could not build the request: {e}") },
            Ok(body) => {
                let post = Method::Post { content_type: "application/ocsp-request", body: &body };
                match fetch::fetch(self.gate, url, post, "application/ocsp-response", OCSP_LIMIT, deadline).await {
                    Fetched::Body(answer) => ocsp::evaluate(&answer, self.leaf, issuer, self.algorithms, self.now),
                    other => unanswered(other, OCSP_LIMIT),
                }
            }
        };
        done(RevocationMethod::Ocsp, url.to_owned(), outcome, started)
    }

    async fn crl(&self, url: Option<&str>, deadline: Deadline) -> RevocationCheck {
        let started = Instant::now();
        let (Some(url), Some(issuer)) = (url, self.issuer) else {
            return done(
                RevocationMethod::Crl,
                url.unwrap_or_default().to_owned(),
                RevocationOutcome::NotAvailable,
                started,
            );
        };
        let outcome =
            match fetch::fetch(self.gate, url, Method::Get, "application/pkix-crl, */*", CRL_LIMIT, deadline).await {
                Fetched::Body(list) => crl::evaluate(&list, self.leaf, issuer, self.algorithms),
                other => unanswered(other, CRL_LIMIT),
            };
        done(RevocationMethod::Crl, url.to_owned(), outcome, started)
    }
}

/// What the OCSP answer `response` says about `leaf` from `issuer` (both DER certificates), read
/// as a fetched or stapled answer is, with the provider's algorithms; `None` when `leaf` or
/// `issuer` cannot be read. For the fuzz targets.
pub fn judge_ocsp(response: &[u8], leaf: &[u8], issuer: &[u8], now: SystemTime) -> Option<RevocationOutcome> {
    let (leaf, issuer) = (Leaf::parse(leaf).ok()?, Issuer::from_certificate(issuer)?);
    let algorithms = rustls::crypto::ring::default_provider().signature_verification_algorithms.all;
    let now = UnixTime::since_unix_epoch(now.duration_since(UNIX_EPOCH).unwrap_or_default());
    Some(ocsp::evaluate(response, &leaf, &issuer, algorithms, now))
}

/// What the CRL `list` says about `leaf` from `issuer`, as [`judge_ocsp`]. For the fuzz targets.
pub fn judge_crl(list: &[u8], leaf: &[u8], issuer: &[u8]) -> Option<RevocationOutcome> {
    let (leaf, issuer) = (Leaf::parse(leaf).ok()?, Issuer::from_certificate(issuer)?);
    let algorithms = rustls::crypto::ring::default_provider().signature_verification_algorithms.all;
    Some(crl::evaluate(list, &leaf, &issuer, algorithms))
}

/// A fetch that brought no body to judge.
fn unanswered(fetched: Fetched, limit: usize) -> RevocationOutcome {
    match fetched {
        Fetched::Status(status) => RevocationOutcome::HttpStatus { status },
        Fetched::TimedOut => RevocationOutcome::TimedOut,
        Fetched::Failed(detail) => RevocationOutcome::Failed { detail },
        Fetched::Unsupported => RevocationOutcome::Failed { detail: "only http:// URLs are fetched".into() },
        Fetched::TooLarge => RevocationOutcome::Unusable { detail: format!("the answer is larger than {limit} bytes") },
        Fetched::Body(_) => RevocationOutcome::Unusable { detail: "unexpected body".into() },
    }
}

fn done(method: RevocationMethod, url: String, outcome: RevocationOutcome, started: Instant) -> RevocationCheck {
    RevocationCheck { method, url, outcome, elapsed_ms: super::millis(started.elapsed()) }
}

/// CRLReason (RFC 5280 §5.3.1), as the wire names it.
fn reason_name(code: u8) -> Option<&'static str> {
    Some(match code {
        0 => "unspecified",
        1 => "key_compromise",
        2 => "ca_compromise",
        3 => "affiliation_changed",
        4 => "superseded",
        5 => "cessation_of_operation",
        6 => "certificate_hold",
        8 => "remove_from_crl",
        9 => "privilege_withdrawn",
        10 => "aa_compromise",
        _ => return None,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::Path;

    use rustls::pki_types::CertificateDer;
    use tls_doctor_core::wire::{CertStatus, TrustStore};

    use super::*;

    pub(crate) fn fixture(name: &str) -> Vec<u8> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/revocation").join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub(crate) fn algorithms() -> Algorithms {
        rustls::crypto::ring::default_provider().signature_verification_algorithms.all
    }

    /// The fixtures are valid for a century from the day `make.sh` ran (2026).
    pub(crate) fn fixture_now() -> UnixTime {
        UnixTime::since_unix_epoch(Duration::from_secs(FIXTURE_NOW))
    }

    /// 2030-01-01T00:00:00Z.
    const FIXTURE_NOW: u64 = 1_893_456_000;

    static OPEN: std::sync::LazyLock<Gate> =
        std::sync::LazyLock::new(|| Gate::new(std::sync::Arc::new(crate::policy::Enforced::permissive())));

    fn inputs<'a>(chain: &'a [Bytes], staple: Option<&'a [u8]>, stores: &'a [&'a Store]) -> Inputs<'a> {
        Inputs {
            gate: &OPEN,
            chain,
            staple,
            aia: &[],
            stores,
            algorithms: algorithms(),
            now: UNIX_EPOCH + Duration::from_secs(FIXTURE_NOW),
        }
    }

    fn soon() -> Deadline {
        Deadline::now() + Duration::from_secs(5)
    }

    #[tokio::test]
    async fn a_staple_from_a_served_issuer_is_answered_and_the_rest_not_available() {
        let chain = [Bytes(fixture("leaf-good.der")), Bytes(fixture("ca.der"))];
        let staple = fixture("ocsp-good-delegated.der");
        let checks = check(&inputs(&chain, Some(&staple), &[]), soon()).await;
        let methods: Vec<_> = checks.iter().map(|c| c.method).collect();
        assert_eq!(methods, [RevocationMethod::Staple, RevocationMethod::Ocsp, RevocationMethod::Crl]);
        assert!(matches!(checks[0].outcome, RevocationOutcome::Answered { status: CertStatus::Good, .. }));
        // The fixtures carry no OCSP or CRL URL.
        assert_eq!(checks[1].outcome, RevocationOutcome::NotAvailable);
        assert_eq!(checks[2].outcome, RevocationOutcome::NotAvailable);
    }

    #[tokio::test]
    async fn the_issuer_may_be_an_anchor() {
        let chain = [Bytes(fixture("leaf-revoked.der"))];
        let ca = fixture("ca.der");
        let store = Store {
            kind: TrustStore::Custom,
            anchors: vec![webpki::anchor_from_trusted_cert(&CertificateDer::from(ca.as_slice())).unwrap().to_owned()],
            sha256: Vec::new(),
        };
        let staple = fixture("ocsp-revoked.der");
        let checks = check(&inputs(&chain, Some(&staple), &[&Store::mozilla(), &store]), soon()).await;
        assert!(matches!(checks[0].outcome, RevocationOutcome::Answered { status: CertStatus::Revoked { .. }, .. }));
    }

    #[tokio::test]
    async fn without_an_issuer_nothing_is_available() {
        let chain = [Bytes(fixture("leaf-good.der")), Bytes(fixture("other-ca.der"))];
        let staple = fixture("ocsp-good-by-ca.der");
        let checks = check(&inputs(&chain, Some(&staple), &[]), soon()).await;
        assert!(checks.iter().all(|c| c.outcome == RevocationOutcome::NotAvailable), "{checks:?}");
    }

    #[tokio::test]
    async fn no_leaf_no_checks() {
        assert!(check(&inputs(&[], None, &[]), soon()).await.is_empty());
        let garbage = [Bytes(b"\x30\x03\x02\x01\x00".to_vec())];
        assert!(check(&inputs(&garbage, None, &[]), soon()).await.is_empty());
    }

    /// A responder and a CRL server that accept and never answer: each fetch ends at its own
    /// budget, long before the request's deadline.
    #[tokio::test]
    async fn silent_responders_cost_their_budgets_only() {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        tokio::spawn(async move {
            let mut open = Vec::new();
            while let Ok((stream, _)) = listener.accept().await {
                open.push(stream);
            }
        });
        let ca = crate::probe::test_pki::ca("Silent CA", None, None);
        let urls = crate::probe::test_pki::Urls {
            ocsp: Some(&format!("{base}/ocsp")),
            crl: Some(&format!("{base}/crl")),
            ..Default::default()
        };
        let (leaf, _) = crate::probe::test_pki::leaf("silent.example", &ca, &urls);
        let chain = [Bytes(leaf.to_vec()), Bytes(ca.der().to_vec())];
        let inputs = Inputs { now: SystemTime::now(), ..inputs(&chain, None, &[]) };
        let started = Instant::now();
        let checks = check(&inputs, Deadline::now() + Duration::from_secs(60)).await;
        let took = started.elapsed();
        let (ocsp, crl) = (&checks[1], &checks[2]);
        assert_eq!((ocsp.method, &ocsp.outcome), (RevocationMethod::Ocsp, &RevocationOutcome::TimedOut));
        assert_eq!((crl.method, &crl.outcome), (RevocationMethod::Crl, &RevocationOutcome::TimedOut));
        let within = |ms: u64, budget: Duration| {
            (crate::probe::millis(budget)..crate::probe::millis(budget) + 500).contains(&ms)
        };
        assert!(within(ocsp.elapsed_ms, OCSP_BUDGET), "OCSP gave up after {} ms", ocsp.elapsed_ms);
        assert!(within(crl.elapsed_ms, CRL_BUDGET), "the CRL fetch gave up after {} ms", crl.elapsed_ms);
        assert!(took < CRL_BUDGET + Duration::from_secs(1), "{took:?}");
    }

    /// A staple, an OCSP answer and a CRL each a byte past its limit: none is read, each is
    /// unusable and says why.
    #[tokio::test]
    async fn answers_past_their_limits_are_unusable() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};

        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                tokio::spawn(async move {
                    let mut request = vec![0u8; 4096];
                    let n = stream.read(&mut request).await.unwrap_or(0);
                    let (head, size) = if request[..n].starts_with(b"POST /ocsp") {
                        (format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", OCSP_LIMIT + 1), OCSP_LIMIT + 1)
                    } else {
                        // No length: the CRL runs until the server closes.
                        ("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".to_owned(), CRL_LIMIT + 1)
                    };
                    let _ = stream.write_all(head.as_bytes()).await;
                    let block = [0x30u8; 64 * 1024];
                    let mut sent = 0;
                    while sent < size {
                        let n = block.len().min(size - sent);
                        if stream.write_all(&block[..n]).await.is_err() {
                            return;
                        }
                        sent += n;
                    }
                });
            }
        });
        let ca = crate::probe::test_pki::ca("Large CA", None, None);
        let urls = crate::probe::test_pki::Urls {
            ocsp: Some(&format!("{base}/ocsp")),
            crl: Some(&format!("{base}/crl")),
            ..Default::default()
        };
        let (leaf, _) = crate::probe::test_pki::leaf("large.example", &ca, &urls);
        let chain = [Bytes(leaf.to_vec()), Bytes(ca.der().to_vec())];
        let staple = vec![0x30; OCSP_LIMIT + 1];
        let inputs = Inputs { now: SystemTime::now(), ..inputs(&chain, Some(&staple), &[]) };
        let checks = check(&inputs, Deadline::now() + Duration::from_secs(30)).await;
        let outcomes: Vec<&RevocationOutcome> = checks.iter().map(|c| &c.outcome).collect();
        let unusable = |detail: String| RevocationOutcome::Unusable { detail };
        assert_eq!(
            outcomes,
            [
                &unusable(format!("a staple of {} bytes (limit {OCSP_LIMIT})", OCSP_LIMIT + 1)),
                &unusable(format!("the answer is larger than {OCSP_LIMIT} bytes")),
                &unusable(format!("the answer is larger than {CRL_LIMIT} bytes")),
            ]
        );
    }

    #[test]
    fn http_urls_are_preferred() {
        let urls = ["ldap://ca/x".to_owned(), "http://ca/x".to_owned()];
        assert_eq!(pick(&urls), Some("http://ca/x"));
        assert_eq!(pick(&urls[..1]), Some("ldap://ca/x"));
        assert_eq!(pick(&[]), None);
    }

    #[test]
    fn reasons_have_wire_names() {
        assert_eq!(reason_name(1), Some("key_compromise"));
        assert_eq!(reason_name(7), None);
        assert_eq!(reason_name(10), Some("aa_compromise"));
    }
}
