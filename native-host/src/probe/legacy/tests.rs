use std::net::Ipv4Addr;

use tls_doctor_core::test_support::{accepted, probe, rejected, store};
use tls_doctor_core::wire::{RejectReason, StoreVerdict, TrustStore};
use tokio::io::duplex;
use tokio::net::TcpListener;

use super::*;

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// A TLS 1.x ServerHello record choosing `version` and `cipher`, then the given messages.
fn flight(version: u16, cipher: u16, more: &[&[u8]]) -> Vec<u8> {
    let mut body = version.to_be_bytes().to_vec();
    body.extend_from_slice(&[9; 32]);
    body.push(0);
    body.extend_from_slice(&cipher.to_be_bytes());
    body.push(0);
    let mut hs = vec![2, 0, 0, u8::try_from(body.len()).unwrap()];
    hs.extend(body);
    for m in more {
        hs.extend_from_slice(m);
    }
    let mut out = vec![22, 3, 3];
    out.extend_from_slice(&u16::try_from(hs.len()).unwrap().to_be_bytes());
    out.extend(hs);
    out
}

const DONE: &[u8] = &[14, 0, 0, 0];

fn certificate(ders: &[&[u8]]) -> Vec<u8> {
    let mut list = Vec::new();
    for d in ders {
        list.extend_from_slice(&u32::try_from(d.len()).unwrap().to_be_bytes()[1..]);
        list.extend_from_slice(d);
    }
    let mut body = u32::try_from(list.len()).unwrap().to_be_bytes()[1..].to_vec();
    body.extend(list);
    let mut m = vec![11];
    m.extend_from_slice(&u32::try_from(body.len()).unwrap().to_be_bytes()[1..]);
    m.extend(body);
    m
}

/// Runs `exchange` against a peer that reads the hello, then does `server` with its half
/// (stopped once the exchange is over). Returns what the peer received too.
fn talk<F, Fut>(server: F, within: Duration) -> (FirstFlight, End, Vec<u8>)
where
    F: FnOnce(tokio::io::DuplexStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    rt().block_on(async move {
        let (mut client, mut peer) = duplex(64 * 1024);
        let hello = b"\x16\x03\x03\x00\x01\x01".to_vec();
        let (tx, rx) = tokio::sync::oneshot::channel();
        let server = tokio::spawn(async move {
            let mut got = vec![0u8; 6];
            peer.read_exact(&mut got).await.unwrap();
            tx.send(got).unwrap();
            server(peer).await;
        });
        let (flight, end) = exchange(&mut client, &hello, Deadline::now() + within).await;
        server.abort();
        (flight, end, rx.await.unwrap())
    })
}

#[test]
fn a_complete_flight_ends_the_exchange_and_the_hello_was_sent() {
    let (f, end, got) = talk(
        |mut peer| async move {
            peer.write_all(&flight(0x0301, 0xC013, &[&certificate(&[b"leaf", b"ca"]), DONE])).await.unwrap();
            // Stays open: the client must stop at ServerHelloDone, not wait for more.
            tokio::time::sleep(Duration::from_secs(30)).await;
        },
        Duration::from_secs(10),
    );
    assert_eq!(end, End::Complete);
    assert_eq!(got, b"\x16\x03\x03\x00\x01\x01");
    assert_eq!(f.chain, [b"leaf".to_vec(), b"ca".to_vec()]);
    assert_eq!(outcome(ProtocolVersion::Tls1_0, &f, &end), VersionOutcome::Accepted { cipher: 0xC013, dh_bits: None });
    assert_eq!(
        outcome(ProtocolVersion::Tls1_2, &f, &end),
        VersionOutcome::Refused { alert: None, answered: Some(ProtocolVersion::Tls1_0) }
    );
}

#[test]
fn silence_costs_the_deadline_and_no_more() {
    let started = Instant::now();
    let (f, end, _) = talk(
        |peer| async move {
            let _open = peer;
            tokio::time::sleep(Duration::from_secs(30)).await;
        },
        Duration::from_millis(300),
    );
    assert_eq!(end, End::TimedOut);
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    assert_eq!(outcome(ProtocolVersion::Tls1_2, &f, &end), VersionOutcome::NoAnswer { detail: "timed out".into() });
}

#[test]
fn a_close_before_the_flight_ends_keeps_what_came() {
    let (f, end, _) = talk(
        |mut peer| async move {
            peer.write_all(&flight(0x0303, 0x000A, &[])).await.unwrap();
        },
        Duration::from_secs(10),
    );
    assert_eq!(end, End::Closed);
    assert_eq!(outcome(ProtocolVersion::Tls1_2, &f, &end), VersionOutcome::Accepted { cipher: 0x000A, dh_bits: None });

    let (f, end, _) = talk(|_peer| async move {}, Duration::from_secs(10));
    assert_eq!(outcome(ProtocolVersion::Tls1_2, &f, &end), VersionOutcome::NoAnswer { detail: "closed".into() });
}

#[test]
fn an_alert_is_a_refusal_and_other_protocols_are_no_answer() {
    let (f, end, _) = talk(
        |mut peer| async move {
            peer.write_all(b"\x15\x03\x01\x00\x02\x02\x46").await.unwrap();
        },
        Duration::from_secs(10),
    );
    assert_eq!(
        outcome(ProtocolVersion::Ssl3, &f, &end),
        VersionOutcome::Refused { alert: Some("protocol_version".into()), answered: None }
    );
    let (f, end, _) = talk(
        |mut peer| async move {
            peer.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await.unwrap();
        },
        Duration::from_secs(10),
    );
    let VersionOutcome::NoAnswer { detail } = outcome(ProtocolVersion::Tls1_2, &f, &end) else { panic!("{end:?}") };
    assert!(detail.starts_with("not TLS: starts with 48 54 54 50"), "{detail}");
}

#[test]
fn an_unknown_version_is_no_answer() {
    let f = parse::first_flight(&flight(0x7F1C, 0x1301, &[])).unwrap();
    assert_eq!(
        outcome(ProtocolVersion::Tls1_3, &f, &End::Closed),
        VersionOutcome::NoAnswer { detail: "ServerHello for version 0x7f1c".into() }
    );
}

/// A probe offering everything, answered with `outcome`, that read `chain`.
fn offering_all(version: ProtocolVersion, outcome: VersionOutcome, chain: &[&[u8]]) -> VersionProbe {
    VersionProbe {
        chain: chain.iter().map(|c| Bytes(c.to_vec())).collect(),
        ..probe(version, CipherOffer::All, outcome)
    }
}

fn verdict() -> Vec<StoreVerdict> {
    vec![store(TrustStore::Mozilla, rejected(RejectReason::UnknownIssuer), None, 1)]
}

#[test]
fn only_the_newest_accepted_chain_is_kept_and_verified_when_the_primary_has_none() {
    let answered = VersionOutcome::Refused { alert: None, answered: Some(ProtocolVersion::Tls1_0) };
    let mut probes = vec![
        offering_all(ProtocolVersion::Tls1_0, accepted(0xC013), &[b"a"]),
        offering_all(ProtocolVersion::Tls1_1, accepted(0xC013), &[b"b"]),
        offering_all(ProtocolVersion::Tls1_2, answered, &[b"c"]),
    ];
    let mut verified = Vec::new();
    settle_chains(&mut probes, false, |chain| {
        verified = chain.to_vec();
        verdict()
    });
    assert_eq!(verified, [Bytes(b"b".to_vec())]);
    let chains: Vec<usize> = probes.iter().map(|p| p.chain.len()).collect();
    assert_eq!(chains, [0, 1, 0]);
    assert_eq!(probes[1].trust, verdict());

    // The primary has its chain: the probes keep none and verify nothing.
    let mut probes = vec![offering_all(ProtocolVersion::Tls1_2, accepted(1), &[b"a"])];
    settle_chains(&mut probes, true, |_| panic!("nothing to verify"));
    assert!(probes[0].chain.is_empty() && probes[0].trust.is_empty());
}

fn way(port: u16) -> crate::net::Way {
    let gate = crate::net::Gate::new(std::sync::Arc::new(crate::policy::Enforced::permissive()));
    gate.admit(crate::net::Purpose::Server(None), "127.0.0.1", port).unwrap()
}

#[test]
fn a_chain_too_large_to_keep_is_kept_as_its_size() {
    // The TLS 1.2 probe read a certificate message of 3 MB: nothing kept, its size recorded.
    let mut big = offering_all(ProtocolVersion::Tls1_2, accepted(0xC02F), &[]);
    big.chain_overflow = Some(ChainOverflow { certificates: 1, bytes: 3_000_000 });
    let mut other = offering_all(ProtocolVersion::Tls1_0, accepted(0xC02F), &[]);
    other.chain_overflow = Some(ChainOverflow { certificates: 1, bytes: 3_000_000 });
    let mut probes = vec![other, big];
    settle_chains(&mut probes, false, |_| panic!("no chain to verify"));
    let overflows: Vec<_> = probes.iter().map(|p| p.chain_overflow.clone()).collect();
    assert_eq!(overflows, [None, Some(ChainOverflow { certificates: 1, bytes: 3_000_000 })]);
    // With the primary's chain, the probes' records go with their chains.
    settle_chains(&mut probes, true, |_| panic!("nothing to verify"));
    assert!(probes.iter().all(|p| p.chain_overflow.is_none()));
}

/// The probes over real sockets: a closed port costs one connection attempt and yields
/// nothing; a listener that answers every hello with an alert gets six connections.
#[test]
fn run_asks_six_questions_or_none() {
    rt().block_on(async {
        let provider = rustls::crypto::ring::default_provider();
        let closed = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let closed_port = closed.local_addr().unwrap().port();
        drop(closed);
        let deadline = Deadline::now() + Duration::from_secs(5);
        let localhost = [IpAddr::V4(Ipv4Addr::LOCALHOST)];
        assert!(run(&way(closed_port), &localhost, Some("x.test"), None, &provider, deadline).await.is_empty());

        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = tokio::spawn(async move {
            let mut hellos = Vec::new();
            for _ in 0..6 {
                let (mut s, _) = listener.accept().await.unwrap();
                let mut head = [0u8; 5];
                s.read_exact(&mut head).await.unwrap();
                let mut body = vec![0u8; usize::from(u16::from_be_bytes([head[3], head[4]]))];
                s.read_exact(&mut body).await.unwrap();
                hellos.push((u16::from_be_bytes([head[1], head[2]]), body));
                s.write_all(b"\x15\x03\x03\x00\x02\x02\x28").await.unwrap();
            }
            hellos
        });
        let probes = run(&way(port), &localhost, Some("x.test"), None, &provider, deadline).await;
        let hellos = server.await.unwrap();
        assert_eq!(probes.len(), 6);
        for (p, (version, offer)) in probes.iter().zip(PROBES) {
            assert_eq!((p.version, p.offer), (version, offer));
            assert_eq!(p.outcome, VersionOutcome::Refused { alert: Some("handshake_failure".into()), answered: None });
        }
        let mut record_versions: Vec<u16> = hellos.iter().map(|(v, _)| *v).collect();
        record_versions.sort_unstable();
        assert_eq!(record_versions, [0x0300, 0x0301, 0x0301, 0x0302, 0x0303, 0x0303]);
        // Each hello drew its own randomness.
        let randoms: std::collections::HashSet<&[u8]> = hellos.iter().map(|(_, b)| &b[6..38]).collect();
        assert_eq!(randoms.len(), 6);
    });
}

/// A server that accepts every probe's connection and never answers: each probe gives up at
/// its own budget, long before the request's deadline.
#[test]
fn a_silent_server_costs_each_probe_its_budget_only() {
    rt().block_on(async {
        let provider = rustls::crypto::ring::default_provider();
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = tokio::spawn(async move {
            let mut open = Vec::new();
            while let Ok((stream, _)) = listener.accept().await {
                open.push(stream);
            }
        });
        let started = Instant::now();
        let deadline = Deadline::now() + Duration::from_secs(60);
        let localhost = [IpAddr::V4(Ipv4Addr::LOCALHOST)];
        let probes = run(&way(port), &localhost, Some("x.test"), None, &provider, deadline).await;
        let took = started.elapsed();
        server.abort();
        assert_eq!(probes.len(), PROBES.len());
        for p in &probes {
            assert_eq!(p.outcome, VersionOutcome::NoAnswer { detail: "timed out".into() }, "{p:?}");
        }
        assert!(took >= PROBE_BUDGET && took < PROBE_BUDGET + Duration::from_secs(1), "{took:?}");
    });
}
