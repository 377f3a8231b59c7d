//! Version probes: hand-built ClientHellos for what rustls will not say (SSL 3.0, TLS 1.0 and
//! 1.1, and legacy suites), one TCP connection each, reading only the server's first flight.
//! No handshake is completed and nothing is sent after the hello, so no key is ever needed.
//!
//! [`PROBES`] are six questions, asked concurrently with the rustls handshakes: does the server
//! speak SSL 3.0 / TLS 1.0 / TLS 1.1 at all (every suite offered), does TLS 1.2 work with what
//! browsers offer, and with what they no longer offer, and does TLS 1.3 work. With the two
//! rustls handshakes a diagnosis makes 8 connections to the target.
//!
//! The bytes are built in [`hello`] and read in [`parse`], both sans-IO; this module only moves
//! them over sockets, under the request's deadline.

pub mod hello;
pub mod parse;

use std::cmp::Reverse;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use rustls::crypto::CryptoProvider;
use rustls::pki_types::CertificateDer;
use tls_doctor_core::wire::{
    Bytes, ChainOverflow, CipherOffer, Handshake, ProtocolVersion, StarttlsOutcome, StarttlsProtocol, TcpOutcome,
    VersionOutcome, VersionProbe,
};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::task::JoinHandle;
use tokio::time::{Instant as Deadline, timeout_at};

use self::hello::Randomness;
use self::parse::{FirstFlight, FlightParser, ParseError};
use super::{millis, tcp};
use crate::net::Way;
use crate::trust::{self, Store};

/// The probes, in the order they are reported.
pub const PROBES: [(ProtocolVersion, CipherOffer); 6] = [
    (ProtocolVersion::Ssl3, CipherOffer::All),
    (ProtocolVersion::Tls1_0, CipherOffer::All),
    (ProtocolVersion::Tls1_1, CipherOffer::All),
    (ProtocolVersion::Tls1_2, CipherOffer::Modern),
    (ProtocolVersion::Tls1_2, CipherOffer::Legacy),
    (ProtocolVersion::Tls1_3, CipherOffer::Modern),
];

/// The longest one probe waits for a first flight, within the request's deadline. A server
/// answers a ClientHello within a round trip and a signature; some middleboxes swallow hellos
/// they do not like (SSL 3.0 especially) and never answer, and such a probe must not hold the
/// rest of the diagnosis (the AIA fetches come after the probes) until the deadline.
pub const PROBE_BUDGET: Duration = Duration::from_secs(5);

/// How much one socket read asks for: one full record and its header.
const READ_CHUNK: usize = parse::RECORD_LIMIT + 5;

/// Starts the probes on the runtime; [`finish`] collects them. `sni` is the primary
/// handshake's SNI (`None` for an IP address or `--no-sni`).
pub fn spawn(
    way: Way,
    addresses: Vec<IpAddr>,
    sni: Option<String>,
    starttls: Option<(StarttlsProtocol, String, Gate)>,
    provider: Arc<CryptoProvider>,
    deadline: Deadline,
) -> JoinHandle<Vec<VersionProbe>> {
    tokio::spawn(async move {
        if let Some((_, _, mut gate)) = starttls.clone() {
            // Wait for the primary handshake's dialogue: on a port that does not upgrade, six
            // more dialogues would only wait for the same silence or refusal.
            if !opened(&mut gate, deadline).await {
                return Vec::new();
            }
        }
        let starttls = starttls.as_ref().map(|(protocol, name, _)| (*protocol, name.as_str()));
        run(&way, &addresses, sni.as_deref(), starttls, &provider, deadline).await
    })
}

/// Opens (`Some(true)`) when the primary handshake's STARTTLS dialogue agreed to TLS, or
/// stays shut (`Some(false)`) when it did not.
pub type Gate = tokio::sync::watch::Receiver<Option<bool>>;

/// Waits for `gate` to be decided; whether it opened before `deadline`.
pub async fn opened(gate: &mut Gate, deadline: Deadline) -> bool {
    let decided = timeout_at(deadline, gate.wait_for(Option::is_some)).await;
    matches!(decided.map(|r| r.map(|v| *v)), Ok(Ok(Some(true))))
}

/// Every probe of [`PROBES`]. Empty when no address accepts a TCP connection: the port is
/// closed, filtered or unreachable, which the rustls handshakes report already. With
/// `starttls` (the protocol and the server's name), each probe first speaks the plaintext
/// dialogue on its connection.
pub async fn run(
    way: &Way,
    addresses: &[IpAddr],
    sni: Option<&str>,
    starttls: Option<(StarttlsProtocol, &str)>,
    provider: &CryptoProvider,
    deadline: Deadline,
) -> Vec<VersionProbe> {
    let started = Instant::now();
    // One connection first: it finds the address that works, and when none does, no more
    // connections are tried. The first probe then uses it.
    let (attempts, first) = tcp::connect(way, addresses, deadline).await;
    let Some(first) = first else { return Vec::new() };
    let Some(address) = attempts.iter().find(|a| a.outcome == TcpOutcome::Connected).map(|a| a.address) else {
        return Vec::new();
    };
    let randomness = || Randomness::from_fill(|bytes| provider.secure_random.fill(bytes).is_ok());
    let one = |(version, offer): (ProtocolVersion, CipherOffer), stream: Option<TcpStream>| {
        let hello = hello::client_hello(version, offer, sni, &randomness());
        async move {
            let probe_started = if stream.is_some() { started } else { Instant::now() };
            let probe_deadline = deadline.min(Deadline::now() + PROBE_BUDGET);
            let stream = match stream {
                Some(stream) => Ok(stream),
                None => connect(way, address, probe_deadline).await,
            };
            let stream = match (stream, starttls) {
                (Ok(mut stream), Some((protocol, name))) => {
                    let dialogue =
                        super::starttls::negotiate(&mut stream, protocol, name, probe_deadline, probe_deadline).await;
                    match dialogue.outcome {
                        StarttlsOutcome::Ready => Ok(stream),
                        other => Err(End::Failed(format!("STARTTLS: {other:?}"))),
                    }
                }
                (stream, _) => stream,
            };
            let (flight, end) = match stream {
                Ok(mut stream) => exchange(&mut stream, &hello, probe_deadline).await,
                Err(end) => (FirstFlight::default(), end),
            };
            VersionProbe {
                version,
                offer,
                outcome: outcome(version, &flight, &end),
                chain: flight.chain.into_iter().map(Bytes).collect(),
                chain_overflow: flight
                    .chain_overflow
                    .map(|(certificates, bytes)| ChainOverflow { certificates, bytes }),
                trust: Vec::new(),
                elapsed_ms: millis(probe_started.elapsed()),
            }
        }
    };
    let [p0, p1, p2, p3, p4, p5] = PROBES;
    let (a, b, c, d, e, f) =
        tokio::join!(one(p0, Some(first)), one(p1, None), one(p2, None), one(p3, None), one(p4, None), one(p5, None));
    vec![a, b, c, d, e, f]
}

/// Collects the probes started by [`spawn`]. Keeps a probe's chain only when the primary
/// handshake captured none (a server rustls cannot talk to, or a certificate message larger
/// than rustls reads): then the chain of the newest accepted version that sent one (failing
/// that, of any probe that got one) is kept with its `chain_overflow` and verified against
/// `stores` like the primary chain; the other probes' copies are dropped.
pub async fn finish(
    task: JoinHandle<Vec<VersionProbe>>,
    primary: Option<&Handshake>,
    stores: &[&Store],
    now: SystemTime,
) -> Vec<VersionProbe> {
    let mut probes = task.await.unwrap_or_default();
    settle_chains(&mut probes, primary.is_some_and(|h| !h.chain.is_empty()), |chain| {
        let ders: Vec<CertificateDer<'static>> = chain.iter().map(|c| CertificateDer::from(c.0.clone())).collect();
        stores.iter().map(|s| trust::verify(s, &ders, now)).collect()
    });
    probes
}

/// See [`finish`]; `verify` gives a chain's verdicts.
fn settle_chains(
    probes: &mut [VersionProbe],
    primary_has_chain: bool,
    verify: impl FnOnce(&[Bytes]) -> Vec<tls_doctor_core::wire::StoreVerdict>,
) {
    let keep = if primary_has_chain {
        None
    } else {
        probes
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.chain.is_empty() || p.chain_overflow.is_some())
            .min_by_key(|(_, p)| (Reverse(matches!(p.outcome, VersionOutcome::Accepted { .. })), Reverse(p.version)))
            .map(|(i, _)| i)
    };
    for (i, probe) in probes.iter_mut().enumerate() {
        if Some(i) != keep {
            probe.chain.clear();
            probe.chain_overflow = None;
        }
    }
    if let Some(probe) = keep.and_then(|i| probes.get_mut(i)).filter(|p| !p.chain.is_empty()) {
        probe.trust = verify(&probe.chain);
    }
}

/// How a probe's conversation ended, when it did not end with a whole first flight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum End {
    /// ServerHelloDone, an alert, or a TLS 1.3 ServerHello.
    Complete,
    Connect(TcpOutcome),
    Closed,
    Reset,
    TimedOut,
    Invalid(ParseError),
    Failed(String),
}

impl End {
    fn detail(&self) -> String {
        match self {
            End::Complete => "complete".into(),
            End::Connect(outcome) => match outcome {
                TcpOutcome::Connected => "connected".into(),
                TcpOutcome::Refused => "connection refused".into(),
                TcpOutcome::TimedOut => "connection timed out".into(),
                TcpOutcome::Unreachable { detail } | TcpOutcome::Failed { detail } => format!("connect: {detail}"),
            },
            End::Closed => "closed".into(),
            End::Reset => "reset".into(),
            End::TimedOut => "timed out".into(),
            End::Invalid(e) => e.to_string(),
            End::Failed(detail) => detail.clone(),
        }
    }
}

async fn connect(way: &Way, address: IpAddr, deadline: Deadline) -> Result<TcpStream, End> {
    let (attempts, stream) = tcp::connect(way, &[address], deadline).await;
    match stream {
        Some(stream) => Ok(stream),
        None => match attempts.into_iter().next().map_or(TcpOutcome::TimedOut, |a| a.outcome) {
            // Accepted, then reset at once (`tcp::connect`).
            TcpOutcome::Connected => Err(End::Reset),
            outcome => Err(End::Connect(outcome)),
        },
    }
}

/// Writes `hello` and reads the first flight until it is complete, the server stops, or the
/// deadline. The parser bounds what is read.
pub async fn exchange<S>(stream: &mut S, hello: &[u8], deadline: Deadline) -> (FirstFlight, End)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut parser = FlightParser::new();
    let written = timeout_at(deadline, async {
        stream.write_all(hello).await?;
        stream.flush().await
    })
    .await;
    match written {
        Err(_) => return (parser.into_flight(), End::TimedOut),
        Ok(Err(e)) => return (parser.into_flight(), io_end(&e)),
        Ok(Ok(())) => {}
    }
    let mut buf = vec![0u8; READ_CHUNK];
    let end = loop {
        match timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => break End::TimedOut,
            Ok(Err(e)) => break io_end(&e),
            Ok(Ok(0)) => break End::Closed,
            Ok(Ok(n)) => match parser.push(buf.get(..n).unwrap_or_default()) {
                Ok(true) => break End::Complete,
                Ok(false) => {}
                Err(e) => break End::Invalid(e),
            },
        }
    };
    (parser.into_flight(), end)
}

fn io_end(e: &std::io::Error) -> End {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::BrokenPipe => End::Reset,
        ErrorKind::UnexpectedEof => End::Closed,
        ErrorKind::TimedOut => End::TimedOut,
        _ => End::Failed(e.to_string()),
    }
}

/// What the first flight says about `probed`: accepted only when the ServerHello chose exactly
/// that version.
pub fn outcome(probed: ProtocolVersion, flight: &FirstFlight, end: &End) -> VersionOutcome {
    let alert = flight.alert.map(|a| a.name());
    match &flight.server_hello {
        Some(hello) => match hello.protocol_version() {
            Some(v) if v == probed => VersionOutcome::Accepted { cipher: hello.cipher, dh_bits: flight.dh_bits },
            Some(v) => VersionOutcome::Refused { alert, answered: Some(v) },
            None => VersionOutcome::NoAnswer { detail: format!("ServerHello for version 0x{:04x}", hello.version) },
        },
        None if alert.is_some() => VersionOutcome::Refused { alert, answered: None },
        None => VersionOutcome::NoAnswer { detail: end.detail() },
    }
}

#[cfg(test)]
mod tests;
