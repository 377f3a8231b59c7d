#![allow(clippy::unwrap_used, clippy::panic)]

use std::net::{IpAddr, Ipv4Addr};

use tls_doctor_core::test_support::{accepted, established, evidence, handshake, probe, rejected, store};
use tls_doctor_core::wire::native::REPLY_LIMIT;
use tls_doctor_core::wire::{
    AiaFetch, CHAIN_BYTES_LIMIT, CLIENT_CERT_ISSUER_CHARS, CLIENT_CERT_ISSUERS_LIMIT, CLIENT_CERT_LINE_CHARS,
    CanaryCheck, CertStatus, CipherOffer, ClientCertAnswer, DnsSkipped, FindingKind, PortalCheck, ProtocolVersion,
    RECEIVED_PREFIX_LIMIT, RejectReason, RevocationCheck, RevocationMethod, STARTTLS_LINE_LIMIT,
    STARTTLS_TRANSCRIPT_LIMIT, ServerClock, SntpSample, Starttls, StarttlsProtocol, TcpAttempt, TrustStore,
};
use tls_doctor_core::{OrgSettings, Timestamp};

use super::*;

/// Mozilla's verdict on a chain of `certs` certificates: unknown issuer.
fn unknown_issuer(certs: usize) -> StoreVerdict {
    store(TrustStore::Mozilla, rejected(RejectReason::UnknownIssuer), None, certs)
}

/// A handshake that served `certs` certificates of `cert_len` bytes each, with a first answer
/// and a staple to give up.
fn sized_handshake(role: HandshakeRole, certs: usize, cert_len: usize) -> Handshake {
    Handshake {
        received: Bytes(vec![0x16; 512]),
        stapled_ocsp: Some(Bytes(vec![1; 2_000])),
        trust: vec![unknown_issuer(certs)],
        // Each certificate distinct, so that a test can tell which ones were kept.
        ..handshake(role, established(), (0..certs).map(|i| vec![u8::try_from(i % 256).unwrap(); cert_len]).collect())
    }
}

/// Evidence with two chains of (certificates, bytes each), and `aia` fetched certificates of
/// 60 kB.
fn sized_evidence(primary: (usize, usize), without_sni: (usize, usize), aia: usize) -> Evidence {
    let mut e = evidence("big.example");
    e.dns = DnsOutcome::Skipped { reason: DnsSkipped::AddressGiven };
    e.handshakes = vec![
        sized_handshake(HandshakeRole::Primary, primary.0, primary.1),
        sized_handshake(HandshakeRole::WithoutSni, without_sni.0, without_sni.1),
    ];
    e.aia = (0..aia)
        .map(|i| AiaFetch {
            url: format!("http://aia.example/{i}.der"),
            outcome: AiaOutcome::Fetched { certificate: Bytes(vec![7; 60_000]) },
            elapsed_ms: 1,
        })
        .collect();
    e
}

/// A version probe that kept `chain`.
fn probe_keeping(version: ProtocolVersion, chain: Vec<Bytes>) -> VersionProbe {
    let n = chain.len();
    VersionProbe { chain, trust: vec![unknown_issuer(n)], ..probe(version, CipherOffer::Modern, accepted(0xc02f)) }
}

fn reply(e: Evidence) -> Reply {
    Reply::Evidence { v: 1, id: "big".into(), evidence: Box::new(e) }
}

fn size(r: &Reply) -> usize {
    serde_json::to_vec(r).unwrap().len()
}

fn shrunk(r: &Reply) -> &Evidence {
    match r {
        Reply::Evidence { evidence, .. } => evidence,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_size_counted_is_the_size_sent() {
    let e = sized_evidence((3, 1_500), (2, 700), 1);
    assert_eq!(json_len(&reply(e.clone())), size(&reply(e)));
}

#[test]
fn a_reply_that_fits_is_left_alone() {
    let e = sized_evidence((3, 1_500), (3, 1_500), 1);
    let (r, steps) = fit(reply(e.clone()), REPLY_LIMIT);
    assert!(steps.is_empty());
    assert_eq!(shrunk(&r), &e);
}

#[test]
fn two_large_chains_fit_by_giving_up_the_without_sni_chain_first() {
    // 12 certificates of 40 kB with SNI, 20 without: about 1.8 MB of base64.
    let e = sized_evidence((12, 40_000), (20, 40_000), 1);
    assert!(size(&reply(e.clone())) > REPLY_LIMIT * 3 / 2);
    let (r, steps) = fit(reply(e.clone()), REPLY_LIMIT);
    assert!(size(&r) <= REPLY_LIMIT, "{}", size(&r));
    assert_eq!(steps, [Step::Received, Step::SideTail]);
    let s = shrunk(&r);
    let (primary, without) = (&s.handshakes[0], &s.handshakes[1]);
    assert!(primary.received.is_empty() && without.received.is_empty());
    // The without-SNI chain keeps its first certificates (the leaf first) and says how
    // long it was; the primary chain, the OCSP responses and the AIA fetches are whole.
    assert_eq!(without.chain, e.handshakes[1].chain[..SIDE_KEPT]);
    assert_eq!(without.chain_overflow, Some(ChainOverflow { certificates: 20, bytes: 800_000 }));
    assert_eq!(without.trust[0].issuer_is_anchor.len(), SIDE_KEPT);
    assert!(without.stapled_ocsp.is_some());
    assert_eq!(primary.chain, e.handshakes[0].chain);
    assert_eq!(primary.chain_overflow, None);
    assert_eq!(s.aia, e.aia);
}

#[test]
fn a_primary_chain_too_big_alone_is_cut_from_its_end_down_to_what_fits() {
    // 1 MB of certificates in the primary chain (the probe's own limit): 1.33 MB of base64.
    let e = sized_evidence((20, 50_000), (2, 1_000), 2);
    let (r, steps) = fit(reply(e.clone()), REPLY_LIMIT);
    assert!(size(&r) <= REPLY_LIMIT);
    assert_eq!(*steps.last().unwrap(), Step::ServedTail);
    let primary = &shrunk(&r).handshakes[0];
    let kept = primary.chain.len();
    assert!((10..20).contains(&kept), "{kept}");
    assert_eq!(primary.chain, e.handshakes[0].chain[..kept]);
    assert_eq!(primary.chain_overflow, Some(ChainOverflow { certificates: 20, bytes: 1_000_000 }));
    // As much of the chain as fits is kept: one more certificate would not fit.
    let mut one_more = shrunk(&r).clone();
    one_more.handshakes[0].chain.push(e.handshakes[0].chain[kept].clone());
    assert!(size(&reply(one_more)) > REPLY_LIMIT);
}

#[test]
fn the_canary_chain_goes_before_the_primary_one() {
    let mut e = sized_evidence((12, 40_000), (1, 1_000), 0);
    e.local.canary = Some(CanaryCheck {
        host: "canary.example".into(),
        port: 443,
        handshake: sized_handshake(HandshakeRole::Primary, 12, 40_000),
    });
    assert!(size(&reply(e.clone())) > REPLY_LIMIT);
    let (r, steps) = fit(reply(e.clone()), REPLY_LIMIT);
    assert!(size(&r) <= REPLY_LIMIT);
    assert_eq!(steps.last(), Some(&Step::CanaryBeyondLeaf));
    let s = shrunk(&r);
    let canary = &s.local.canary.as_ref().unwrap().handshake;
    assert_eq!(canary.chain.len(), 1);
    assert!(canary.received.is_empty() && canary.stapled_ocsp.is_none());
    assert_eq!(canary.chain_overflow, Some(ChainOverflow { certificates: 12, bytes: 480_000 }));
    assert_eq!(canary.trust[0].issuer_is_anchor.len(), 1);
    assert_eq!(s.handshakes[0].chain, e.handshakes[0].chain);
}

#[test]
fn the_probes_own_overflow_record_is_kept() {
    let mut e = sized_evidence((20, 50_000), (1, 100), 0);
    let server_said = ChainOverflow { certificates: 45, bytes: 2_250_000 };
    e.handshakes[0].chain_overflow = Some(server_said.clone());
    let (r, _) = fit(reply(e), REPLY_LIMIT);
    assert_eq!(shrunk(&r).handshakes[0].chain_overflow, Some(server_said));
}

/// Issue 12, defect 4: a leaf of about 830 KB, kept by the TLS 1.2 version probe because rustls
/// refused its certificate message, is 1.1 MB of base64. The reply gives the leaf up and says
/// how large it was, and the model still names the cause.
#[test]
fn a_probes_huge_leaf_is_given_up_and_still_named() {
    let mut e = sized_evidence((0, 0), (0, 0), 0);
    e.handshakes.truncate(1);
    e.handshakes[0].tls =
        TlsOutcome::Failed { detail: "received corrupt message of type HandshakePayloadTooLarge".into() };
    e.handshakes[0].stapled_ocsp = None;
    e.versions = vec![
        probe_keeping(ProtocolVersion::Tls1_2, vec![Bytes(vec![0x30; 830_000])]),
        probe_keeping(ProtocolVersion::Tls1_3, Vec::new()),
    ];
    assert!(size(&reply(e.clone())) > REPLY_LIMIT);
    let (r, steps) = fit(reply(e), REPLY_LIMIT);
    assert!(size(&r) <= REPLY_LIMIT);
    assert_eq!(steps.last(), Some(&Step::ServedLeaves));
    let s = shrunk(&r);
    assert!(s.versions[0].chain.is_empty());
    assert_eq!(s.versions[0].chain_overflow, Some(ChainOverflow { certificates: 1, bytes: 830_000 }));
    assert!(s.versions[0].trust[0].issuer_is_anchor.is_empty());
    // What the extension's model concludes from the shrunk evidence, read back from the wire.
    let text = serde_json::to_string(&r).unwrap();
    let Reply::Evidence { evidence, .. } = serde_json::from_str::<Reply>(&text).unwrap() else { panic!() };
    let d = tls_doctor_core::diagnose(&evidence, evidence.measured_at, &OrgSettings::default());
    assert_eq!(d.findings[0].kind, FindingKind::CertificateTooLarge { certificates: Some(1), bytes: 830_000 });
}

#[test]
fn long_texts_are_cut_before_any_certificate_is_given_up() {
    let mut e = sized_evidence((3, 1_000), (1, 1_000), 1);
    // A caIssuers URL of 1 MB of control characters: 6 MB of JSON.
    e.aia[0].url = format!("http://aia.example/{}", "\u{1}".repeat(1_000_000));
    let (r, steps) = fit(reply(e.clone()), REPLY_LIMIT);
    assert_eq!(steps, [Step::Received, Step::Texts]);
    let s = shrunk(&r);
    assert_eq!(s.aia[0].url.chars().count(), TEXT_KEPT + 1);
    assert!(s.aia[0].url.starts_with("http://aia.example/") && s.aia[0].url.ends_with('…'));
    assert_eq!(s.handshakes[0].chain, e.handshakes[0].chain);
}

#[test]
fn a_limit_smaller_than_the_request_itself_is_an_internal_error_with_the_id() {
    let e = sized_evidence((1, 10), (1, 10), 0);
    let (r, _) = fit(reply(e), 300);
    match r {
        Reply::Error { id, error, .. } => assert_eq!((id.as_deref(), error), (Some("big"), HostError::Internal)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn other_replies_pass_through() {
    let r = Reply::Error { v: 1, id: None, error: HostError::BadJson, message: "x".repeat(10) };
    assert_eq!(fit(r.clone(), 5), (r, Vec::new()));
}

/// The largest evidence the probes' limits allow, with every text as long as a hostile server
/// or certificate can make it, escaped six times over in JSON (`\u0001`).
fn largest_evidence() -> Evidence {
    let long = |n: usize| "\u{1}".repeat(n);
    let leaf = |b: u8| Bytes(vec![b; CHAIN_BYTES_LIMIT]);
    let verdicts = |certs: usize| {
        let mut v = unknown_issuer(certs);
        v.verdict = Verdict::Rejected { reason: RejectReason::Other, detail: long(2_000) };
        v.verdict_dates_aside = Some(v.verdict.clone());
        [TrustStore::Mozilla, TrustStore::System, TrustStore::Custom]
            .map(|store| StoreVerdict { store, ..v.clone() })
            .to_vec()
    };
    // A name with four thousand addresses, every one refused but the last.
    let addresses: Vec<IpAddr> = (0..4_000u32).map(|i| IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + i))).collect();
    let attempts: Vec<TcpAttempt> = addresses
        .iter()
        .map(|a| TcpAttempt { address: *a, outcome: TcpOutcome::Failed { detail: long(40) }, elapsed_ms: 1 })
        .collect();
    // The dialogue's lines are printable ASCII: `"` is the longest in JSON.
    let line = "\"".repeat(STARTTLS_LINE_LIMIT);
    let dialogue = Starttls {
        protocol: StarttlsProtocol::Smtp,
        greeting: Some(line.clone()),
        advertised: Some(true),
        plaintext_auth: vec![line.clone(); 10],
        outcome: StarttlsOutcome::Ready,
        transcript: vec![line; STARTTLS_TRANSCRIPT_LIMIT],
        elapsed_ms: 1,
    };
    let full = |role: HandshakeRole, b: u8| Handshake {
        role,
        sni: Some("big.example".into()),
        starttls: Some(dialogue.clone()),
        tcp: attempts.clone(),
        tls: TlsOutcome::Failed { detail: long(2_000) },
        received: Bytes(vec![0x80; RECEIVED_PREFIX_LIMIT]),
        chain: vec![leaf(b)],
        chain_overflow: None,
        stapled_ocsp: Some(Bytes(vec![b; 64 * 1024])),
        client_cert_requested: true,
        post_handshake_alert: Some(long(1_000)),
        // Quotes, each escaped in JSON: the most bytes per character kept.
        client_cert_issuers: vec!["\"".repeat(CLIENT_CERT_ISSUER_CHARS); CLIENT_CERT_ISSUERS_LIMIT],
        client_cert_answer: Some(ClientCertAnswer::Other { first_line: "\"".repeat(CLIENT_CERT_LINE_CHARS) }),
        encrypted_handshake_bytes: Some(usize::MAX),
        trust: verdicts(1),
        elapsed_ms: 1,
    };
    let mut e = sized_evidence((0, 0), (0, 0), 0);
    e.dns = DnsOutcome::Resolved { addresses, elapsed_ms: 1 };
    e.handshakes =
        vec![full(HandshakeRole::Primary, 1), full(HandshakeRole::WithoutSni, 2), full(HandshakeRole::DirectTls, 3)];
    // AIA: three levels of 64 KiB certificates, each named by a URL as long as a certificate
    // allows.
    e.aia = (0..3)
        .map(|_| AiaFetch {
            url: long(64 * 1024),
            outcome: AiaOutcome::Fetched { certificate: Bytes(vec![4; 64 * 1024]) },
            elapsed_ms: 1,
        })
        .collect();
    e.completed_trust = verdicts(4);
    e.server_clock = Some(ServerClock::Failed { detail: long(16 * 1024) });
    // The version probes, one with a leaf at the limit (the host keeps one chain).
    e.versions = [
        ProtocolVersion::Ssl3,
        ProtocolVersion::Tls1_0,
        ProtocolVersion::Tls1_1,
        ProtocolVersion::Tls1_2,
        ProtocolVersion::Tls1_2,
        ProtocolVersion::Tls1_3,
    ]
    .into_iter()
    .enumerate()
    .map(|(i, version)| {
        let mut p = probe_keeping(version, if i == 3 { vec![leaf(10)] } else { Vec::new() });
        p.trust = verdicts(p.chain.len());
        if i == 5 {
            p.outcome = VersionOutcome::NoAnswer { detail: long(10_000) };
        }
        p
    })
    .collect();
    e.revocation = vec![
        RevocationCheck {
            method: RevocationMethod::Staple,
            url: String::new(),
            outcome: RevocationOutcome::Unusable { detail: long(10_000) },
            elapsed_ms: 1,
        },
        RevocationCheck {
            method: RevocationMethod::Ocsp,
            url: long(64 * 1024),
            outcome: RevocationOutcome::Answered {
                status: CertStatus::Revoked { revoked_at: Timestamp(1), reason: Some(long(5_000)) },
                this_update: Timestamp(1),
                next_update: None,
            },
            elapsed_ms: 1,
        },
        RevocationCheck {
            method: RevocationMethod::Crl,
            url: long(64 * 1024),
            outcome: RevocationOutcome::Failed { detail: long(10_000) },
            elapsed_ms: 1,
        },
    ];
    // The local probes, with the texts the request may give at their longest.
    e.local.sntp = (0..8)
        .map(|_| SntpSample {
            server: "s".repeat(2_048),
            address: None,
            outcome: SntpOutcome::Failed { detail: long(5_000) },
            elapsed_ms: 1,
        })
        .collect();
    e.local.portal = Some(PortalCheck {
        url: format!("http://{}", "p".repeat(2_040)),
        outcome: PortalOutcome::Redirected { status: 302, location: long(512) },
        elapsed_ms: 1,
    });
    e.local.canary =
        Some(CanaryCheck { host: "c".repeat(2_048), port: 443, handshake: full(HandshakeRole::Primary, 9) });
    e
}

#[test]
fn evidence_at_every_limit_fits_and_says_what_was_given_up() {
    let e = largest_evidence();
    assert!(json_len(&e) > 5 * REPLY_LIMIT, "{}", json_len(&e));
    let (r, steps) = fit(reply(e.clone()), REPLY_LIMIT);
    assert!(size(&r) <= REPLY_LIMIT, "{}", size(&r));
    assert_eq!(steps.last(), Some(&Step::ServedLeaves), "{steps:?}");
    let s = shrunk(&r);
    let sent = |b: usize| Some(ChainOverflow { certificates: 1, bytes: b });
    // Every chain given up says what the server sent.
    for h in s.handshakes.iter().chain(s.local.canary.as_ref().map(|c| &c.handshake)) {
        assert!(h.chain.is_empty() && h.stapled_ocsp.is_none() && h.received.is_empty(), "{:?}", h.role);
        assert_eq!(h.chain_overflow, sent(CHAIN_BYTES_LIMIT), "{:?}", h.role);
        assert_eq!(h.tcp.len(), LIST_KEPT);
        assert_eq!(h.tcp.last().map(|a| a.address), e.handshakes[0].tcp.last().map(|a| a.address));
    }
    assert!(s.versions.iter().all(|p| p.chain.is_empty()));
    assert_eq!(s.versions[3].chain_overflow, sent(CHAIN_BYTES_LIMIT));
    assert!(s.aia.iter().all(|f| f.outcome == AiaOutcome::TooLarge && f.url.ends_with('…')));
    assert!(s.revocation.iter().skip(1).all(|r| r.url.ends_with('…')));
    // The verdicts stay, their details cut.
    assert_eq!(s.handshakes[0].trust.len(), 3);
    assert!(matches!(&s.handshakes[0].trust[0].verdict, Verdict::Rejected { detail, .. } if detail.ends_with('…')));
    // And the model still says why the handshake failed.
    let text = serde_json::to_string(&r).unwrap();
    let Reply::Evidence { evidence, .. } = serde_json::from_str::<Reply>(&text).unwrap() else { panic!() };
    let d = tls_doctor_core::diagnose(&evidence, evidence.measured_at, &OrgSettings::default());
    assert!(
        d.findings
            .iter()
            .any(|f| f.kind == FindingKind::CertificateTooLarge { certificates: Some(1), bytes: CHAIN_BYTES_LIMIT }),
        "{:?}",
        d.findings.iter().map(|f| f.id()).collect::<Vec<_>>()
    );
}
