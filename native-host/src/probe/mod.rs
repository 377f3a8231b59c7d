//! The probes: everything the host measures for one request, concurrently, under one deadline.
//! The result is [`Evidence`]: facts, no conclusions.

pub(crate) mod aia;
pub mod clock;
mod danger;
pub(crate) mod fetch;
pub mod legacy;
pub mod local;
pub mod portal;
pub(crate) mod revocation;
pub mod sntp;
pub mod starttls;
mod tap;
mod tcp;
#[cfg(test)]
mod test_pki;
#[cfg(test)]
mod tests;
mod tls;

// For the fuzz targets (fuzz/): the revocation readers without the network.
#[doc(hidden)]
pub use revocation::{judge_crl, judge_ocsp};

use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName};
use tls_doctor_core::Timestamp;
use tls_doctor_core::cert::{self, CertInfo};
use tls_doctor_core::wire::{
    Bytes, DnsOutcome, DnsSkipped, Evidence, Handshake, HandshakeRole, HostInfo, RejectReason, ServerClock, Starttls,
    StarttlsOutcome, StarttlsProtocol, Target, TcpOutcome, TlsOutcome, TrustStore, Verdict, WIRE_VERSION,
};
use tokio::net::TcpStream;
use tokio::time::{Instant as Deadline, timeout_at};

use crate::net::{Gate, Purpose, Way};
use crate::target::TargetSpec;
use crate::trust::{self, Store};

/// What to send as SNI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SniChoice {
    /// The target's name (none for an IP address), as a browser does.
    Target,
    /// Another name (`--sni NAME`); the certificate is then checked against it.
    Name(String),
    /// No SNI at all (`--no-sni`).
    Off,
}

#[derive(Clone, Debug)]
pub struct Request {
    pub target: TargetSpec,
    /// Connect here instead of resolving the name (`--address`; every address a mail
    /// domain's own nameserver gave); empty to resolve the name.
    pub addresses: Vec<IpAddr>,
    pub sni: SniChoice,
    /// Extra anchors (`--ca-file`).
    pub custom: Option<Arc<Store>>,
    pub timeout: Duration,
    /// Speak this protocol's plaintext dialogue and upgrade to TLS (`--starttls`, or the port's
    /// default); `None` speaks TLS at once (implicit TLS).
    pub starttls: Option<StarttlsProtocol>,
    /// The local probes allowed (SNTP, captive portal, canary); see [`client`].
    pub local: local::LocalProbeConfig,
    /// The limits in force (the host's policy files, and the request's `limits`): checked
    /// before the lookup, on the addresses about to be connected to, and against the rate
    /// limit; they also cap the deadline and may turn the local probes off.
    pub policy: Arc<crate::policy::Enforced>,
}

/// After the handshake, the `Date` probe (a `GET /`) gets at most this long: a TLS service that is not
/// HTTP may never answer, and the rest of the diagnosis should not wait for it.
pub(crate) const CLOCK_PROBE_BUDGET: Duration = Duration::from_secs(2);

/// How long a STARTTLS server may take to greet before a direct TLS handshake is tried beside
/// the wait: a server that speaks TLS at once (implicit TLS) waits silently for the client.
pub(crate) const DIRECT_TLS_AFTER: Duration = Duration::from_millis(800);

/// The longest wait for a STARTTLS server's greeting, within the request's deadline.
/// Postfix's postscreen may hold the greeting for its `postscreen_greet_wait` (6 s by default)
/// only for clients it distrusts; ordinary servers greet within a round trip.
pub(crate) const GREETING_BUDGET: Duration = Duration::from_secs(5);

/// Ports whose TLS services are not HTTP (IANA): no `GET /` is sent there.
const NON_HTTP_TLS_PORTS: &[u16] = &[465, 563, 636, 853, 989, 990, 992, 993, 994, 995, 5061, 5223, 5671, 6697, 8883];

pub fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Measure everything for `req`. Never fails: what could not be measured is evidence too, and
/// so is a refusal by the limits in force (then nothing more is measured). Every connection
/// goes through the request's [`Gate`].
pub async fn gather(req: &Request) -> Evidence {
    let started = Instant::now();
    let now = SystemTime::now();
    let measured_at = Timestamp(clock::now_unix());
    let policy = &req.policy;
    let timeout = policy.cap_timeout(req.timeout);
    let deadline = Deadline::now() + timeout;
    let host = req.target.host.as_str();
    let given = !req.addresses.is_empty();
    let port = req.target.port;

    let refused = |dns: DnsOutcome, refusal| {
        let mut e = refused_evidence(req, dns, refusal);
        e.measured_at = measured_at;
        e.timeout_ms = millis(timeout);
        e.elapsed_ms = millis(started.elapsed());
        e
    };
    let gate = Gate::new(policy.clone());
    let way = match gate.admit(Purpose::Server(req.starttls), host, port) {
        Ok(way) => way,
        Err(refusal) => {
            let dns = match (given, req.target.is_name) {
                (true, _) => DnsOutcome::Skipped { reason: DnsSkipped::AddressGiven },
                (false, false) => DnsOutcome::Skipped { reason: DnsSkipped::IpLiteral },
                (false, true) => DnsOutcome::Failed {
                    error: tls_doctor_core::wire::DnsError::Other,
                    detail: "not looked up: the check was refused by policy".into(),
                    elapsed_ms: 0,
                },
            };
            return refused(dns, refusal);
        }
    };

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let dns = match (given, req.target.is_name) {
        (true, _) => DnsOutcome::Skipped { reason: DnsSkipped::AddressGiven },
        (false, false) => DnsOutcome::Skipped { reason: DnsSkipped::IpLiteral },
        (false, true) => way.resolve(deadline).await,
    };
    let addresses: Vec<IpAddr> = match (&dns, given) {
        (_, true) => req.addresses.clone(),
        (DnsOutcome::Resolved { addresses, .. }, false) => addresses.clone(),
        (DnsOutcome::Skipped { .. }, false) => host.parse().into_iter().collect(),
        (DnsOutcome::Failed { .. }, false) => Vec::new(),
    };
    // The addresses actually connected to (resolved, or the browser's `address`), not only
    // the name; then one turn of the rate limit, counted only for checks that will connect.
    let turn = match way.screen(&addresses) {
        Err(refusal) => Err(refusal),
        Ok(_) => gate.take_turn().await,
    };
    if let Err(refusal) = turn {
        return refused(dns, refusal);
    }
    let local_config = if policy.local_probes() { req.local.clone() } else { local::LocalProbeConfig::off() };
    // The OS store takes a few milliseconds to read: read it while the network works.
    let system_store = tokio::task::spawn_blocking(Store::system);

    let verify_name = match &req.sni {
        SniChoice::Name(name) => name.clone(),
        _ => host.to_owned(),
    };
    let sni_name = match &req.sni {
        SniChoice::Off => None,
        SniChoice::Name(name) => Some(name.clone()),
        SniChoice::Target => req.target.is_name.then(|| host.to_owned()),
    }
    .filter(|name| ServerName::try_from(name.clone()).is_ok());

    // ── Version probes (probe::legacy): six hand-built ClientHellos, run while the rustls
    // handshakes, the trust stores and the AIA fetches below take their time. ──
    // Nowhere to connect: the version probes must not wait for a dialogue that never starts.
    let (starttls_gate, starttls_opened) = tokio::sync::watch::channel(addresses.is_empty().then_some(false));
    let version_probes = legacy::spawn(
        way.clone(),
        addresses.clone(),
        sni_name.clone(),
        req.starttls.map(|protocol| (protocol, host.to_owned(), starttls_opened)),
        provider.clone(),
        deadline,
    );
    // ── end of version probes ──

    let mut handshakes = Vec::new();
    let mut server_clock = None;
    if !addresses.is_empty() {
        let port = req.target.port;
        let probe_clock = req.starttls.is_none() && !NON_HTTP_TLS_PORTS.contains(&port);
        let endpoint = Endpoint {
            addresses: &addresses,
            way: &way,
            provider: &provider,
            verify_name: &verify_name,
            deadline,
            starttls_gate: &starttls_gate,
        };
        let primary = endpoint.probe(sni_name.clone(), HandshakeRole::Primary, req.starttls, probe_clock);
        let mut opened = starttls_gate.subscribe();
        let without_sni = async {
            sni_name.as_ref()?;
            // On a STARTTLS port, only once the primary dialogue agreed to TLS.
            if req.starttls.is_some() && !legacy::opened(&mut opened, deadline).await {
                return None;
            }
            Some(endpoint.probe(None, HandshakeRole::WithoutSni, req.starttls, false).await)
        };
        let ((primary, clock, direct), without) = tokio::join!(primary, without_sni);
        server_clock = clock;
        handshakes.push(primary);
        if let Some((without, _, _)) = without {
            handshakes.push(without);
        }
        handshakes.extend(direct);
    }

    // Verdicts, once the stores are in.
    let mozilla = Store::mozilla();
    let system = system_store.await.unwrap_or_else(|_| Store::empty(TrustStore::System));
    let store_refs: Vec<&Store> =
        [Some(&mozilla), Some(&system), req.custom.as_deref()].into_iter().flatten().collect();
    for h in &mut handshakes {
        if !h.chain.is_empty() {
            let chain = ders(&h.chain);
            h.trust = store_refs.iter().map(|s| trust::verify(s, &chain, now)).collect();
        }
    }

    // ── Local probes (probe::local): SNTP, the captive-portal check and the canary, when
    // the primary handshake calls for them; they run beside AIA, revocation and the version
    // probes. ──
    let wanted = local::Wanted::of(&dns, &handshakes, &verify_name, measured_at);
    let local_probes = local::spawn(&local_config, wanted, provider.clone(), &gate, deadline);
    // ── end of local probes ──

    // An issuer nobody has, and that was not sent: fetch it where the certificate says.
    let mut aia = Vec::new();
    let mut completed_trust = Vec::new();
    if let Some(primary) = handshakes.first() {
        if let Some(top) = missing_issuer_of(primary) {
            aia = aia::chase(&gate, &top, deadline).await;
            let fetched: Vec<CertificateDer<'static>> = aia
                .iter()
                .filter_map(|f| match &f.outcome {
                    tls_doctor_core::wire::AiaOutcome::Fetched { certificate } => {
                        Some(CertificateDer::from(certificate.0.clone()))
                    }
                    _ => None,
                })
                .collect();
            if !fetched.is_empty() {
                let mut chain = ders(&primary.chain);
                chain.extend(fetched);
                completed_trust = store_refs.iter().map(|s| trust::verify(s, &chain, now)).collect();
            }
        }
    }

    // ── Revocation (probe::revocation): the leaf's staple, its OCSP responder and its CRL, once
    // its issuer can be known (served, fetched through AIA, or an anchor). The responder and the
    // CRL server are the CA's, so these connections do not count towards the target; the version
    // probes (spawned above) go on meanwhile. ──
    let revocation = match handshakes.first() {
        Some(primary) => {
            let inputs = revocation::Inputs {
                chain: &primary.chain,
                staple: primary.stapled_ocsp.as_ref().map(Bytes::as_slice),
                aia: &aia,
                stores: &store_refs,
                algorithms: provider.signature_verification_algorithms.all,
                now,
                gate: &gate,
            };
            revocation::check(&inputs, deadline).await
        }
        None => Vec::new(),
    };
    // ── end of revocation ──

    // ── Version probes, collected: a chain only they saw is verified like the primary's. ──
    let versions = legacy::finish(version_probes, handshakes.first(), &store_refs, now).await;
    // ── end of version probes ──
    let local = local::finish(local_probes, &store_refs, now, deadline).await;

    Evidence {
        kind: Default::default(),
        v: WIRE_VERSION,
        host: this_host(),
        target: Target {
            host: host.to_owned(),
            port: req.target.port,
            address: req.addresses.first().copied(),
            sni: sni_name,
            verify_name,
            starttls: req.starttls,
        },
        measured_at,
        timeout_ms: millis(timeout),
        elapsed_ms: millis(started.elapsed()),
        dns,
        handshakes,
        aia,
        completed_trust,
        server_clock,
        versions,
        revocation,
        local,
        refusal: None,
        files: None,
    }
}

/// The evidence of a check the limits refused: the target, how far the lookup went, the
/// refusal, and nothing measured.
fn refused_evidence(req: &Request, dns: DnsOutcome, refusal: tls_doctor_core::wire::Refusal) -> Evidence {
    let verify_name = match &req.sni {
        SniChoice::Name(name) => name.clone(),
        _ => req.target.host.clone(),
    };
    let sni = match &req.sni {
        SniChoice::Off => None,
        SniChoice::Name(name) => Some(name.clone()),
        SniChoice::Target => req.target.is_name.then(|| req.target.host.clone()),
    };
    let target = Target {
        host: req.target.host.clone(),
        port: req.target.port,
        address: req.addresses.first().copied(),
        sni,
        verify_name,
        starttls: req.starttls,
    };
    Evidence { refusal: Some(refusal), ..Evidence::unmeasured(this_host(), target, dns) }
}

/// The program that measured, for the evidence.
fn this_host() -> HostInfo {
    HostInfo { name: "tls-doctor".into(), version: env!("CARGO_PKG_VERSION").into() }
}

/// Where the handshakes of one request go.
struct Endpoint<'a> {
    addresses: &'a [IpAddr],
    /// The destination's port and policy.
    way: &'a Way,
    provider: &'a Arc<CryptoProvider>,
    verify_name: &'a str,
    deadline: Deadline,
    /// Told whether the primary handshake's STARTTLS dialogue agreed to TLS.
    starttls_gate: &'a tokio::sync::watch::Sender<Option<bool>>,
}

impl Endpoint<'_> {
    /// Connect, speak the STARTTLS dialogue if asked, shake hands, and (for the primary
    /// handshake of an HTTPS-like port) ask the time. The third value is a direct TLS
    /// handshake, made when a STARTTLS server did not greet in time: it tells an implicit-TLS
    /// port from a slow one.
    async fn probe(
        &self,
        sni: Option<String>,
        role: HandshakeRole,
        starttls_protocol: Option<StarttlsProtocol>,
        probe_clock: bool,
    ) -> (Handshake, Option<ServerClock>, Option<Handshake>) {
        let started = Instant::now();
        let (tcp, stream) = tcp::connect(self.way, self.addresses, self.deadline).await;
        let mut evidence = Handshake { tcp, ..Handshake::not_attempted(role, sni.clone()) };
        let Some(mut stream) = stream else {
            if role == HandshakeRole::Primary {
                self.starttls_gate.send_replace(Some(false));
            }
            // Connected, then reset before the connect call returned (`tcp::connect`).
            if evidence.tcp.last().is_some_and(|a| a.outcome == TcpOutcome::Connected) {
                evidence.tls = TlsOutcome::Reset;
            }
            evidence.elapsed_ms = millis(started.elapsed());
            return (evidence, None, None);
        };

        let mut direct = None;
        if let Some(protocol) = starttls_protocol {
            let (dialogue, direct_tls) = self.starttls(&mut stream, protocol, role).await;
            direct = direct_tls;
            let ready = dialogue.outcome == StarttlsOutcome::Ready;
            if role == HandshakeRole::Primary {
                self.starttls_gate.send_replace(Some(ready));
            }
            evidence.starttls = Some(dialogue);
            if !ready {
                evidence.elapsed_ms = millis(started.elapsed());
                return (evidence, None, direct);
            }
        }

        // rustls needs a name even when it sends none; the verifier records rather than checks it.
        let name = sni
            .clone()
            .or_else(|| Some(self.verify_name.to_owned()))
            .and_then(|n| ServerName::try_from(n).ok())
            .unwrap_or_else(|| ServerName::IpAddress(std::net::Ipv4Addr::LOCALHOST.into()));
        let result = tls::handshake(stream, self.provider.clone(), name, sni.is_some(), self.deadline).await;
        evidence.tls = result.outcome;
        evidence.received = result.received;
        evidence.chain = result.recorded.chain.iter().map(|c| Bytes(c.to_vec())).collect();
        evidence.chain_overflow = result.recorded.overflow;
        evidence.stapled_ocsp = result.recorded.ocsp.map(Bytes);
        evidence.client_cert_requested = result.recorded.client_cert_requested;
        evidence.client_cert_issuers = result.recorded.client_cert_issuers;
        evidence.encrypted_handshake_bytes = result.encrypted_handshake_bytes;

        let mut clock = None;
        if let Some(mut tls_stream) = result.stream {
            let clock_deadline = self.deadline.min(Deadline::now() + CLOCK_PROBE_BUDGET);
            // A server asked for a client certificate: how it answers without one. On an
            // implicit-TLS mail port the server speaks first, so its greeting is read first.
            let speaks_first = starttls_protocol.is_none() && NON_HTTP_TLS_PORTS.contains(&self.way.port());
            let greeted = if evidence.client_cert_requested && speaks_first {
                clock::greeting(&mut tls_stream, clock_deadline).await
            } else {
                None
            };
            if let Some((answer, alert)) = greeted {
                evidence.post_handshake_alert = alert;
                evidence.client_cert_answer = Some(answer);
            } else if probe_clock || evidence.client_cert_requested {
                let host = sni.as_deref().unwrap_or(self.verify_name);
                let answered = clock::server_clock(&mut tls_stream, host, clock_deadline).await;
                evidence.post_handshake_alert = answered.alert;
                if evidence.client_cert_requested {
                    evidence.client_cert_answer = Some(answered.answer);
                }
                if probe_clock {
                    clock = Some(answered.clock);
                }
            }
        }
        evidence.elapsed_ms = millis(started.elapsed());
        (evidence, clock, direct)
    }

    /// The STARTTLS dialogue on `stream`. For the primary handshake, when the server has not
    /// greeted within [`DIRECT_TLS_AFTER`], a direct TLS handshake on a second connection runs
    /// beside the wait; if that server speaks TLS, the wait ends there (`no_greeting`).
    async fn starttls(
        &self,
        stream: &mut TcpStream,
        protocol: StarttlsProtocol,
        role: HandshakeRole,
    ) -> (Starttls, Option<Handshake>) {
        let started = Instant::now();
        let greeting_deadline = self.deadline.min(Deadline::now() + GREETING_BUDGET);
        let mut peek = [0u8; 1];
        let early = self.deadline.min(Deadline::now() + DIRECT_TLS_AFTER);
        // Anything but silence (bytes, a close, an error) goes to the dialogue alone.
        if role != HandshakeRole::Primary
            || protocol.client_speaks_first()
            || timeout_at(early, stream.peek(&mut peek)).await.is_ok()
        {
            let dialogue =
                starttls::negotiate(stream, protocol, self.verify_name, greeting_deadline, self.deadline).await;
            return (counted_from(dialogue, started), None);
        }
        let dialogue = starttls::negotiate(stream, protocol, self.verify_name, greeting_deadline, self.deadline);
        let mut direct = Box::pin(self.probe(None, HandshakeRole::DirectTls, None, false));
        tokio::pin!(dialogue);
        tokio::select! {
            dialogue = &mut dialogue => {
                let dialogue = counted_from(dialogue, started);
                let (direct, _, _) = direct.await;
                (dialogue, Some(direct))
            }
            (direct, _, _) = &mut direct => {
                if speaks_tls(&direct) {
                    let waited_ms = millis(started.elapsed());
                    let silent = Starttls {
                        protocol,
                        greeting: None,
                        advertised: None,
                        plaintext_auth: Vec::new(),
                        outcome: StarttlsOutcome::NoGreeting { waited_ms },
                        transcript: Vec::new(),
                        elapsed_ms: waited_ms,
                    };
                    (silent, Some(direct))
                } else {
                    (counted_from(dialogue.await, started), Some(direct))
                }
            }
        }
    }
}

/// A dialogue that may have begun after a wait of its own (up to [`DIRECT_TLS_AFTER`] for the
/// server's first byte), its times counted from `started`, before that wait: `waited_ms` is
/// then how long the server was waited for.
fn counted_from(mut dialogue: Starttls, started: Instant) -> Starttls {
    let elapsed_ms = millis(started.elapsed());
    if let StarttlsOutcome::NoGreeting { waited_ms } = &mut dialogue.outcome {
        *waited_ms = elapsed_ms;
    }
    dialogue.elapsed_ms = elapsed_ms;
    dialogue
}

/// Whether a direct handshake met a TLS server: it finished, or the server answered in TLS.
fn speaks_tls(h: &Handshake) -> bool {
    matches!(h.tls, TlsOutcome::Established { .. } | TlsOutcome::Alert { .. }) || !h.chain.is_empty()
}

fn ders(chain: &[Bytes]) -> Vec<CertificateDer<'static>> {
    chain.iter().map(|c| CertificateDer::from(c.0.clone())).collect()
}

/// The top of the served path, when nobody trusts the chain because its issuer is unknown
/// and was not sent.
pub(crate) fn missing_issuer_of(h: &Handshake) -> Option<CertInfo> {
    if h.trust.is_empty() || h.trust.iter().any(|s| s.verdict.is_trusted()) {
        return None;
    }
    let unknown_issuer = h.trust.iter().all(|s| {
        let v = s.verdict_dates_aside.as_ref().unwrap_or(&s.verdict);
        matches!(v, Verdict::Rejected { reason: RejectReason::UnknownIssuer, .. })
    });
    if !unknown_issuer {
        return None;
    }
    let parsed: Vec<Option<CertInfo>> = h.chain.iter().map(|c| cert::parse(c.as_slice()).ok()).collect();
    let refs: Vec<Option<&CertInfo>> = parsed.iter().map(Option::as_ref).collect();
    let top = cert::top_of_path(&refs)?;
    let top = parsed.get(top)?.clone()?;
    (!top.self_issued() && !top.ca_issuers.is_empty()).then_some(top)
}
