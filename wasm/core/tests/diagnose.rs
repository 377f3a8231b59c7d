//! The model, driven with hand-made evidence at a pinned time: each check's conclusion, the
//! ranking, the wire format, and hostile input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::net::IpAddr;

use tls_doctor_core::test_support::{
    self, ADDRESS, HOST, ID_PE_AUTHORITY_INFO_ACCESS, NOW, accepted, established, evidence, handshake, observation,
    probe, refused, rejected, store, trusted,
};
use tls_doctor_core::wire::*;
use tls_doctor_core::{OrgSettings, Timestamp, diagnose};

// ---- certificates -------------------------------------------------------------------------

struct Ca {
    params: rcgen::CertificateParams,
    key: rcgen::KeyPair,
    der: Vec<u8>,
}

fn root(name: &str) -> Ca {
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(rcgen::DnType::CommonName, name);
    params.not_before = rcgen::date_time_ymd(2020, 1, 1);
    params.not_after = rcgen::date_time_ymd(2040, 1, 1);
    let key = rcgen::KeyPair::generate().unwrap();
    let der = params.self_signed(&key).unwrap().der().to_vec();
    Ca { params, key, der }
}

fn intermediate(issuer: &Ca, name: &str, not_after: (i32, u8, u8)) -> Ca {
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(rcgen::DnType::CommonName, name);
    params.not_before = rcgen::date_time_ymd(2020, 1, 1);
    params.not_after = rcgen::date_time_ymd(not_after.0, not_after.1, not_after.2);
    let key = rcgen::KeyPair::generate().unwrap();
    let signer = rcgen::Issuer::from_params(&issuer.params, &issuer.key);
    let der = params.signed_by(&key, &signer).unwrap().der().to_vec();
    Ca { params, key, der }
}

struct Leaf<'a> {
    names: &'a [&'a str],
    not_before: (i32, u8, u8),
    not_after: (i32, u8, u8),
    aia: Option<&'a str>,
}

impl Default for Leaf<'_> {
    fn default() -> Self {
        Self { names: &["www.example.jp"], not_before: (2026, 1, 1), not_after: (2026, 12, 1), aia: None }
    }
}

fn leaf(issuer: &Ca, spec: Leaf<'_>) -> Vec<u8> {
    let mut params =
        rcgen::CertificateParams::new(spec.names.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(rcgen::DnType::CommonName, spec.names.first().copied().unwrap_or("leaf"));
    params.not_before = rcgen::date_time_ymd(spec.not_before.0, spec.not_before.1, spec.not_before.2);
    params.not_after = rcgen::date_time_ymd(spec.not_after.0, spec.not_after.1, spec.not_after.2);
    if let Some(url) = spec.aia {
        let aia = test_support::authority_info_access(Some(url), None);
        params.custom_extensions.push(rcgen::CustomExtension::from_oid_content(ID_PE_AUTHORITY_INFO_ACCESS, aia));
    }
    let key = rcgen::KeyPair::generate().unwrap();
    let signer = rcgen::Issuer::from_params(&issuer.params, &issuer.key);
    params.signed_by(&key, &signer).unwrap().der().to_vec()
}

fn self_signed(name: &str) -> Vec<u8> {
    let mut params = rcgen::CertificateParams::new(vec![name.to_owned()]).unwrap();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(rcgen::DnType::CommonName, name);
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.not_before = rcgen::date_time_ymd(2026, 1, 1);
    params.not_after = rcgen::date_time_ymd(2027, 1, 1);
    let key = rcgen::KeyPair::generate().unwrap();
    params.self_signed(&key).unwrap().der().to_vec()
}

// ---- evidence -----------------------------------------------------------------------------

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

/// A primary handshake with the given chain, judged the same by both public stores.
fn judged_by_both(chain: Vec<Vec<u8>>, verdict: Verdict, dates_aside: Option<Verdict>) -> Evidence {
    let n = chain.len();
    let trust = vec![
        store(TrustStore::Mozilla, verdict.clone(), dates_aside.clone(), n),
        store(TrustStore::System, verdict, dates_aside, n),
    ];
    test_support::served(HOST, established(), chain, trust)
}

fn ids(ev: &Evidence) -> Vec<&'static str> {
    diagnose(ev, NOW, &OrgSettings::default()).findings.iter().map(|f| f.id().as_str()).collect()
}

fn primary(ev: &Evidence) -> FindingKind {
    diagnose(ev, NOW, &OrgSettings::default()).findings.remove(0).kind
}

// ---- the checks ---------------------------------------------------------------------------

#[test]
fn healthy_server_is_ok_and_says_who_trusts_it() {
    let ca = root("Public Root");
    let ev = judged_by_both(vec![leaf(&ca, Leaf::default())], trusted(), None);
    let d = diagnose(&ev, NOW, &OrgSettings::default());
    assert!(d.healthy());
    assert_eq!(ids(&ev), ["ok"]);
    let FindingKind::Ok { trusted_by, days_left, .. } = &d.findings[0].kind else { panic!() };
    assert_eq!(trusted_by, &[TrustStore::Mozilla, TrustStore::System]);
    assert_eq!(*days_left, 183);
    assert_eq!(d.certificates.len(), 1);
}

#[test]
fn expired_leaf() {
    let ca = root("Public Root");
    let ev = judged_by_both(
        vec![leaf(&ca, Leaf { not_after: (2026, 5, 20), ..Leaf::default() })],
        rejected(RejectReason::Expired),
        Some(trusted()),
    );
    assert_eq!(ids(&ev), ["cert_expired"]);
    let FindingKind::CertExpired { days_ago, .. } = primary(&ev) else { panic!() };
    assert_eq!(days_ago, 12);
}

#[test]
fn not_yet_valid_and_expiring_soon() {
    let ca = root("Public Root");
    let ev = judged_by_both(
        // 193 days: within SC-081's 200 for a certificate issued after 2026-03-15.
        vec![leaf(&ca, Leaf { not_before: (2026, 6, 10), not_after: (2026, 12, 20), ..Leaf::default() })],
        rejected(RejectReason::NotYetValid),
        Some(trusted()),
    );
    assert_eq!(ids(&ev), ["cert_not_yet_valid"]);

    let ev = judged_by_both(vec![leaf(&ca, Leaf { not_after: (2026, 6, 15), ..Leaf::default() })], trusted(), None);
    assert_eq!(ids(&ev), ["expiring_soon"]);
    assert!(!diagnose(&ev, NOW, &OrgSettings::default()).healthy());
    let relaxed = OrgSettings { expiring_days: 7, ..OrgSettings::default() };
    assert_eq!(diagnose(&ev, NOW, &relaxed).findings[0].id(), FindingId::Ok);
}

/// `expiring_soon` is the last third of a certificate's lifetime, at most 30 days: a 6-day
/// certificate with 3 days left is on schedule (it renews with 2 left), a 45-day one with 23
/// left too; with 1 and 14 days left they missed their renewal. (NOW is 2026-06-01.)
#[test]
fn short_lived_certificates_expire_soon_only_in_their_last_third() {
    let ca = root("Public Root");
    let at = |not_before, not_after| {
        let ev = judged_by_both(vec![leaf(&ca, Leaf { not_before, not_after, ..Leaf::default() })], trusted(), None);
        ids(&ev)
    };
    assert_eq!(at((2026, 5, 29), (2026, 6, 4)), ["ok"], "6 days, 3 left");
    assert_eq!(at((2026, 5, 27), (2026, 6, 2)), ["expiring_soon"], "6 days, 1 left");
    assert_eq!(at((2026, 5, 10), (2026, 6, 24)), ["ok"], "45 days, 23 left");
    assert_eq!(at((2026, 5, 1), (2026, 6, 15)), ["expiring_soon"], "45 days, 14 left");
    // Longer certificates keep the 30 days (199 days: within SC-081's 200 from 2026-03-15).
    assert_eq!(at((2026, 3, 21), (2026, 10, 6)), ["ok"], "199 days, 127 left");
    assert_eq!(at((2025, 12, 12), (2026, 6, 30)), ["expiring_soon"], "200 days, 29 left");
}

#[test]
fn wrong_name_ranks_above_expiry() {
    let ca = root("Public Root");
    let ev = judged_by_both(
        vec![leaf(&ca, Leaf { names: &["other.example.net"], not_after: (2026, 5, 1), ..Leaf::default() })],
        rejected(RejectReason::Expired),
        Some(trusted()),
    );
    assert_eq!(ids(&ev), ["name_mismatch", "cert_expired"]);
    let FindingKind::NameMismatch { requested, dns_names, cn_only, .. } = primary(&ev) else { panic!() };
    assert_eq!(requested, "www.example.jp");
    assert_eq!(dns_names, ["other.example.net"]);
    assert!(!cn_only);
}

#[test]
fn openssl_style_self_signed_is_self_signed() {
    // CA:TRUE, as `openssl req -x509` makes: webpki calls it CaUsedAsEndEntity.
    let ev = judged_by_both(vec![self_signed("www.example.jp")], rejected(RejectReason::CaUsedAsEndEntity), None);
    assert_eq!(ids(&ev), ["self_signed"]);
}

#[test]
fn private_root_is_unknown_issuer_served_or_not() {
    let ca = root("Corp Internal Root");
    let int = intermediate(&ca, "Corp Issuing CA", (2030, 1, 1));
    let l = leaf(&int, Leaf::default());
    let ev = judged_by_both(
        vec![l.clone(), int.der.clone()],
        rejected(RejectReason::UnknownIssuer),
        Some(rejected(RejectReason::UnknownIssuer)),
    );
    assert_eq!(primary(&ev), FindingKind::UnknownIssuer { issuer: "Corp Internal Root".into(), root_served: false });

    let ev = judged_by_both(vec![l, int.der.clone(), ca.der.clone()], rejected(RejectReason::UnknownIssuer), None);
    assert_eq!(primary(&ev), FindingKind::UnknownIssuer { issuer: "Corp Internal Root".into(), root_served: true });
}

#[test]
fn missing_intermediate_confirmed_through_aia() {
    let ca = root("Public Root");
    let int = intermediate(&ca, "Public Issuing CA", (2030, 1, 1));
    let url = "http://ca.example/int.der";
    let l = leaf(&int, Leaf { aia: Some(url), ..Leaf::default() });
    let mut ev =
        judged_by_both(vec![l], rejected(RejectReason::UnknownIssuer), Some(rejected(RejectReason::UnknownIssuer)));
    ev.aia = vec![AiaFetch {
        url: url.into(),
        outcome: AiaOutcome::Fetched { certificate: Bytes(int.der.clone()) },
        elapsed_ms: 2,
    }];
    ev.completed_trust = vec![store(TrustStore::Mozilla, trusted(), None, 2)];
    assert_eq!(
        primary(&ev),
        FindingKind::IncompleteChain {
            subject: "www.example.jp".into(),
            missing_issuer: "Public Issuing CA".into(),
            aia_url: Some(url.into()),
            confirmed: true
        }
    );

    // The fetch failed: still an incomplete chain, not confirmed.
    ev.aia = vec![AiaFetch { url: url.into(), outcome: AiaOutcome::TimedOut, elapsed_ms: 2 }];
    ev.completed_trust.clear();
    assert!(matches!(primary(&ev), FindingKind::IncompleteChain { confirmed: false, .. }));

    // The fetched chain ends in a root nobody trusts: that root is the problem.
    ev.aia = vec![
        AiaFetch {
            url: url.into(),
            outcome: AiaOutcome::Fetched { certificate: Bytes(int.der.clone()) },
            elapsed_ms: 2,
        },
        AiaFetch {
            url: "http://ca.example/root.der".into(),
            outcome: AiaOutcome::Fetched { certificate: Bytes(ca.der.clone()) },
            elapsed_ms: 2,
        },
    ];
    ev.completed_trust = vec![store(TrustStore::Mozilla, rejected(RejectReason::UnknownIssuer), None, 3)];
    assert_eq!(primary(&ev), FindingKind::UnknownIssuer { issuer: "Public Root".into(), root_served: false });
}

#[test]
fn expired_intermediate() {
    let ca = root("Public Root");
    let int = intermediate(&ca, "Old Issuing CA", (2026, 5, 1));
    let l = leaf(&int, Leaf::default());
    let ev = judged_by_both(vec![l, int.der.clone()], rejected(RejectReason::Expired), None);
    assert_eq!(ids(&ev), ["intermediate_expired"]);
    let FindingKind::IntermediateExpired { position, subject, days_ago, .. } = primary(&ev) else { panic!() };
    assert_eq!((position, subject.as_str(), days_ago), (1, "Old Issuing CA", 31));
}

#[test]
fn an_expired_extra_certificate_beside_a_valid_path_is_harmless() {
    let ca = root("Public Root");
    let int = intermediate(&ca, "Old Cross Sign", (2026, 5, 1));
    let ev = judged_by_both(vec![leaf(&ca, Leaf::default()), int.der.clone()], trusted(), None);
    assert_eq!(ids(&ev), ["ok"]);
}

/// `root` (its name and key) signed by `by`, valid until `not_after`.
fn cross_sign(root: &Ca, by: &Ca, not_after: (i32, u8, u8)) -> Vec<u8> {
    let mut params = root.params.clone();
    params.not_before = rcgen::date_time_ymd(2016, 1, 1);
    params.not_after = rcgen::date_time_ymd(not_after.0, not_after.1, not_after.2);
    let signer = rcgen::Issuer::from_params(&by.params, &by.key);
    params.signed_by(&root.key, &signer).unwrap().der().to_vec()
}

fn trusted_through(anchor: &Ca) -> Verdict {
    let info = tls_doctor_core::cert::parse(&anchor.der).unwrap();
    Verdict::Trusted {
        anchor: Bytes(tls_doctor_core::cert::name_value(&info.subject_der).unwrap().to_vec()),
        anchor_sha256: None,
        anchor_spki_sha256: None,
    }
}

#[test]
fn an_expired_cross_sign_of_the_trusted_root_fails_older_clients() {
    let new_root = root("New Root X1");
    let old_root = root("Old Root CA X3");
    let int = intermediate(&new_root, "Issuing CA R3", (2030, 1, 1));
    let chain = |cross: Vec<u8>| vec![leaf(&int, Leaf::default()), int.der.clone(), cross];

    // Browsers stop at New Root X1; older clients follow the served cross-sign, expired a month ago.
    let ev = judged_by_both(chain(cross_sign(&new_root, &old_root, (2026, 5, 1))), trusted_through(&new_root), None);
    assert_eq!(ids(&ev), ["expired_cross_sign"]);
    let FindingKind::ExpiredCrossSign { position, subject, issuer, days_ago, .. } = primary(&ev) else { panic!() };
    assert_eq!((position, subject.as_str(), issuer.as_str(), days_ago), (2, "New Root X1", "Old Root CA X3", 31));

    // A cross-sign still valid is the bridge it is meant to be.
    let ev = judged_by_both(chain(cross_sign(&new_root, &old_root, (2030, 1, 1))), trusted_through(&new_root), None);
    assert_eq!(ids(&ev), ["ok"]);

    // Trusted through another root than the one cross-signed: not this finding.
    let other = root("Unrelated Root");
    let ev = judged_by_both(chain(cross_sign(&new_root, &old_root, (2026, 5, 1))), trusted_through(&other), None);
    assert_eq!(ids(&ev), ["ok"]);

    // No store has the new root: the expired cross-sign breaks the only path there is.
    let ev =
        judged_by_both(chain(cross_sign(&new_root, &old_root, (2026, 5, 1))), rejected(RejectReason::Expired), None);
    assert_eq!(ids(&ev), ["intermediate_expired"]);
    let FindingKind::IntermediateExpired { position, .. } = primary(&ev) else { panic!() };
    assert_eq!(position, 2);
}

#[test]
fn other_rejections_are_chain_invalid() {
    let ca = root("Public Root");
    let ev = judged_by_both(vec![leaf(&ca, Leaf::default())], rejected(RejectReason::InvalidPurpose), None);
    assert!(matches!(primary(&ev), FindingKind::ChainInvalid { reason: RejectReason::InvalidPurpose, .. }));
}

#[test]
fn default_certificate_without_sni() {
    let ca = root("Public Root");
    let mut ev = judged_by_both(vec![leaf(&ca, Leaf::default())], trusted(), None);
    ev.handshakes.push(handshake(
        HandshakeRole::WithoutSni,
        established(),
        vec![leaf(&ca, Leaf { names: &["default.example.net"], ..Leaf::default() })],
    ));
    // Browsers and mail apps all send SNI and get the right certificate: healthy, with a note
    // for clients without SNI.
    let d = diagnose(&ev, NOW, &OrgSettings::default());
    let found: Vec<_> = d.findings.iter().map(|f| (f.id().as_str(), f.severity)).collect();
    assert_eq!(found, [("ok", Severity::Info), ("sni_default_cert", Severity::Info)]);

    // On port 25 the clients are mail servers delivering mail, and most send no SNI: a warning,
    // and no `ok`.
    let mut on_25 = ev.clone();
    on_25.target.port = 25;
    on_25.target.starttls = Some(StarttlsProtocol::Smtp);
    let d = diagnose(&on_25, NOW, &OrgSettings::default());
    let found: Vec<_> = d.findings.iter().map(|f| (f.id().as_str(), f.severity)).collect();
    assert_eq!(found, [("sni_default_cert", Severity::Warning)]);
    assert!(matches!(d.findings[0].kind, FindingKind::SniDefaultCert { mail_relays: true, .. }));

    // When the name the user typed gets a wrong certificate even with SNI, that is the name
    // mismatch, and the default certificate adds nothing.
    let mut ev =
        judged_by_both(vec![leaf(&ca, Leaf { names: &["other.example.jp"], ..Leaf::default() })], trusted(), None);
    ev.handshakes.push(handshake(
        HandshakeRole::WithoutSni,
        established(),
        vec![leaf(&ca, Leaf { names: &["default.example.net"], ..Leaf::default() })],
    ));
    let d = diagnose(&ev, NOW, &OrgSettings::default());
    assert_eq!(d.findings[0].id().as_str(), "name_mismatch");
    assert_eq!(d.findings[0].severity, Severity::Critical);
    assert!(d.findings.iter().all(|f| f.id() != FindingId::SniDefaultCert), "{:?}", d.findings);

    // The same certificate, or another one that also covers the name, is fine.
    let mut ev = judged_by_both(vec![leaf(&ca, Leaf::default())], trusted(), None);
    ev.handshakes.push(handshake(
        HandshakeRole::WithoutSni,
        established(),
        vec![leaf(&ca, Leaf { names: &["*.example.jp"], ..Leaf::default() })],
    ));
    assert_eq!(ids(&ev), ["ok"]);
}

#[test]
fn reachability_findings() {
    let mut ev = evidence(HOST);
    ev.dns = DnsOutcome::Failed { error: DnsError::NoSuchHost, detail: String::new(), elapsed_ms: 3 };
    assert_eq!(ids(&ev), ["dns_failure"]);

    for (outcome, want) in [
        (TcpOutcome::Refused, "port_closed"),
        (TcpOutcome::TimedOut, "timeout_filtered"),
        (TcpOutcome::Unreachable { detail: "no route".into() }, "host_unreachable"),
    ] {
        let mut ev = evidence(HOST);
        let mut h = handshake(HandshakeRole::Primary, TlsOutcome::NotAttempted, vec![]);
        h.tcp = vec![TcpAttempt { address: ADDRESS, outcome, elapsed_ms: 10_000 }];
        ev.handshakes.push(h);
        assert_eq!(ids(&ev), [want]);
    }

    // IPv6 unreachable, IPv4 refused: the refusal tells more.
    let mut ev = evidence(HOST);
    let mut h = handshake(HandshakeRole::Primary, TlsOutcome::NotAttempted, vec![]);
    h.tcp = vec![
        TcpAttempt {
            address: ip("2001:db8::1"),
            outcome: TcpOutcome::Unreachable { detail: String::new() },
            elapsed_ms: 1,
        },
        TcpAttempt { address: ADDRESS, outcome: TcpOutcome::Refused, elapsed_ms: 1 },
    ];
    ev.handshakes.push(h);
    assert_eq!(primary(&ev), FindingKind::PortClosed { address: ADDRESS, port: 443 });
}

#[test]
fn handshake_level_findings() {
    let cases: Vec<(TlsOutcome, &[u8], &str)> = vec![
        (TlsOutcome::NotTls { detail: "x".into() }, b"HTTP/1.1 400 Bad Request\r\n", "wrong_protocol_on_port"),
        (TlsOutcome::Failed { detail: "x".into() }, b"220 mail.example.jp ESMTP Postfix\r\n", "wrong_protocol_on_port"),
        (TlsOutcome::TimedOut, b"220 slow.example.jp ESMTP\r\n", "wrong_protocol_on_port"),
        (TlsOutcome::TimedOut, b"", "timeout_filtered"),
        (TlsOutcome::Reset, b"", "connection_reset"),
        (TlsOutcome::Closed, b"", "connection_reset"),
        (TlsOutcome::Alert { alert: "protocol_version".into() }, &[0x15, 3, 3, 0, 2, 2, 70], "handshake_failed"),
        (TlsOutcome::Failed { detail: "peer misbehaved".into() }, &[0x16, 3, 3], "handshake_failed"),
    ];
    for (tls, received, want) in cases {
        let mut ev = evidence(HOST);
        let mut h = handshake(HandshakeRole::Primary, tls.clone(), vec![]);
        h.received = Bytes(received.to_vec());
        ev.handshakes.push(h);
        assert_eq!(ids(&ev), [want], "{tls:?}");
    }
}

#[test]
fn client_certificate_refusals() {
    for (tls, post) in [
        (TlsOutcome::Alert { alert: "handshake_failure".into() }, None),
        (established(), Some("certificate_required".to_owned())),
    ] {
        let mut ev = evidence(HOST);
        let mut h = handshake(HandshakeRole::Primary, tls, vec![]);
        h.client_cert_requested = true;
        h.post_handshake_alert = post;
        ev.handshakes.push(h);
        assert_eq!(ids(&ev)[0], "client_cert_required");
    }
}

/// A healthy server that asked for a client certificate, completed the handshake without one,
/// and answered the host's request after it as `answer` says.
fn asked_for_a_client_certificate(answer: Option<ClientCertAnswer>) -> Evidence {
    let ca = root("Public Root");
    let mut ev = judged_by_both(vec![leaf(&ca, Leaf::default())], trusted(), None);
    let h = &mut ev.handshakes[0];
    h.client_cert_requested = true;
    h.client_cert_issuers = vec!["Staff CA".into(), "Devices CA".into()];
    h.client_cert_answer = answer;
    ev
}

#[test]
fn a_client_certificate_refused_after_the_handshake_is_required() {
    // nginx `ssl_verify_client on;`: TLS 1.3 completes, the request gets 400.
    for status in [400, 403, 496] {
        let ev = asked_for_a_client_certificate(Some(ClientCertAnswer::Http { status }));
        let d = diagnose(&ev, NOW, &OrgSettings::default());
        assert_eq!(
            d.findings[0].kind,
            FindingKind::ClientCertRequired {
                alert: None,
                status: Some(status),
                reply: None,
                issuers: vec!["Staff CA".into(), "Devices CA".into()],
            }
        );
        assert_eq!((d.findings[0].side, d.findings[0].severity), (Side::Client, Severity::Critical));
        assert!(!ids(&ev).contains(&"ok"), "{:?}", ids(&ev));
    }
    // An implicit-TLS mail server that greets with a refusal (Postfix smtpd_tls_req_ccert).
    for line in ["421 4.7.1 Error: client certificate required", "* BYE no certificate", "-ERR certificate required"] {
        let mut ev = asked_for_a_client_certificate(Some(ClientCertAnswer::Other { first_line: line.into() }));
        ev.target.port = 465;
        assert!(
            matches!(primary(&ev), FindingKind::ClientCertRequired { reply: Some(r), .. } if r == line),
            "{line}: {:?}",
            ids(&ev)
        );
    }
    // Closed without an answer, or an alert on the first read.
    let ev = asked_for_a_client_certificate(Some(ClientCertAnswer::Closed));
    assert_eq!(ids(&ev)[0], "client_cert_required");
    let mut ev = asked_for_a_client_certificate(Some(ClientCertAnswer::Http { status: 200 }));
    ev.handshakes[0].post_handshake_alert = Some("certificate_required".into());
    assert!(
        matches!(primary(&ev), FindingKind::ClientCertRequired { alert: Some(a), status: None, .. } if a == "certificate_required")
    );
}

#[test]
fn a_client_certificate_the_server_serves_without_is_optional() {
    // nginx `ssl_verify_client optional;` answers 200; a mail server greets (Postfix
    // `smtpd_tls_ask_ccert`): healthy, and the request is information after `ok`.
    for answer in [
        ClientCertAnswer::Http { status: 200 },
        ClientCertAnswer::Http { status: 404 },
        ClientCertAnswer::Other { first_line: "220 smtp.example.jp ESMTP Postfix".into() },
    ] {
        let ev = asked_for_a_client_certificate(Some(answer.clone()));
        let d = diagnose(&ev, NOW, &OrgSettings::default());
        assert_eq!(ids(&ev), ["ok", "client_cert_optional"], "{answer:?}");
        assert_eq!(
            d.findings[1].kind,
            FindingKind::ClientCertOptional { issuers: vec!["Staff CA".into(), "Devices CA".into()] }
        );
        assert_eq!(d.findings[1].severity, Severity::Info);
        assert!(d.healthy());
    }
    // After STARTTLS the client speaks first: a reply refusing our request is no refusal
    // (Postfix's to a GET, measured), but a closing notice is (Postfix smtpd_tls_req_ccert).
    for (line, want) in [
        ("502 5.5.2 Error: command not recognized", "client_cert_optional"),
        ("221 2.7.0 Error: I can break rules, too. Goodbye.", "client_cert_optional"),
        ("-ERR Unknown command", "client_cert_optional"),
        ("421 4.7.1 mail.example.jp Error: No client certificate presented", "client_cert_required"),
        ("* BYE client certificate required", "client_cert_required"),
    ] {
        let mut ev = asked_for_a_client_certificate(Some(ClientCertAnswer::Other { first_line: line.into() }));
        ev.target.starttls = Some(StarttlsProtocol::Smtp);
        ev.target.port = 587;
        assert!(ids(&ev).contains(&want), "{line}: {:?}", ids(&ev));
    }
    // Silence, or a host too old to ask: nothing is claimed either way.
    for answer in [Some(ClientCertAnswer::Silent), None] {
        assert_eq!(ids(&asked_for_a_client_certificate(answer)), ["ok"]);
    }
}

// ---- clocks and browsers ------------------------------------------------------------------

fn with_server_clock(mut ev: Evidence, server: Timestamp, received_at: Timestamp) -> Evidence {
    ev.server_clock = Some(ServerClock::Received { header: String::new(), date: Some(server), received_at });
    ev
}

#[test]
fn a_clock_ahead_explains_an_expired_looking_certificate() {
    let ca = root("Public Root");
    let local = Timestamp(NOW.unix() + 200 * 86_400); // this device thinks it is December
    let ev = judged_by_both(vec![leaf(&ca, Leaf::default())], rejected(RejectReason::Expired), Some(trusted()));
    let ev = with_server_clock(ev, NOW, local);
    let d = diagnose(&ev, local, &OrgSettings::default());
    let ids: Vec<_> = d.findings.iter().map(|f| f.id().as_str()).collect();
    assert_eq!(ids, ["clock_ahead"]);
    let FindingKind::ClockAhead { skew } = &d.findings[0].kind else { panic!() };
    assert_eq!(skew.offset_seconds, 200 * 86_400);
    assert_eq!(skew.reference, NOW);
    assert_eq!(d.findings[0].side, Side::Client);
}

#[test]
fn a_clock_behind_explains_a_not_yet_valid_looking_certificate() {
    let ca = root("Public Root");
    let local = Timestamp(NOW.unix() - 365 * 86_400);
    let ev = judged_by_both(vec![leaf(&ca, Leaf::default())], rejected(RejectReason::NotYetValid), Some(trusted()));
    let d = diagnose(&with_server_clock(ev, NOW, local), local, &OrgSettings::default());
    assert_eq!(d.findings[0].id(), FindingId::ClockBehind);
}

#[test]
fn a_server_with_a_wrong_clock_does_not_hide_an_expired_certificate() {
    let ca = root("Public Root");
    let ev = judged_by_both(
        vec![leaf(&ca, Leaf { not_after: (2026, 5, 20), ..Leaf::default() })],
        rejected(RejectReason::Expired),
        Some(trusted()),
    );
    // The server's clock is a year behind; by our clock (right) the certificate has expired.
    let ev = with_server_clock(ev, Timestamp(NOW.unix() - 365 * 86_400), NOW);
    assert_eq!(ids(&ev), ["cert_expired"]);
    // A skew within tolerance is never a finding.
    let ev = judged_by_both(vec![leaf(&ca, Leaf::default())], trusted(), None);
    let ev = with_server_clock(ev, Timestamp(NOW.unix() - 120), NOW);
    assert_eq!(ids(&ev), ["ok"]);
}

#[test]
fn host_evidence_refines_the_browser_report() {
    let ca = root("Public Root");
    let expired = judged_by_both(
        vec![leaf(&ca, Leaf { not_after: (2026, 5, 20), ..Leaf::default() })],
        rejected(RejectReason::Expired),
        Some(trusted()),
    );
    let o = observation("net::ERR_CERT_DATE_INVALID");
    let d = tls_doctor_core::diagnose_browser(&o, Some(&expired), NOW, &OrgSettings::default());
    assert_eq!(d.findings[0].id(), FindingId::CertExpired);
    assert_eq!(d.observation.as_ref(), Some(&o));

    // The server is fine from here now: the browser holds on to something old.
    let healthy = judged_by_both(vec![leaf(&ca, Leaf::default())], trusted(), None);
    let d = tls_doctor_core::diagnose_browser(&o, Some(&healthy), NOW, &OrgSettings::default());
    let ids: Vec<_> = d.findings.iter().map(|f| f.id().as_str()).collect();
    assert_eq!(ids, ["stale_browser_state", "ok"]);
    let FindingKind::StaleBrowserState { origin, code, version, .. } = &d.findings[0].kind else { panic!() };
    assert_eq!(
        (origin.as_str(), code.as_str(), version.as_str()),
        ("https://www.example.jp", "net::ERR_CERT_DATE_INVALID", "TLS 1.3")
    );
    assert_eq!(d.findings[0].side, Side::Client);

    // An error that is not about TLS (an SMTP banner where the browser wanted HTTP, on a
    // mail server's TLS port): a healthy TLS server says nothing about the browser's state.
    let o = observation("net::ERR_INVALID_HTTP_RESPONSE");
    let d = tls_doctor_core::diagnose_browser(&o, Some(&healthy), NOW, &OrgSettings::default());
    let ids: Vec<_> = d.findings.iter().map(|f| f.id().as_str()).collect();
    assert_eq!(ids, ["browser_error", "ok"]);
    assert!(matches!(d.findings[0].kind, FindingKind::BrowserError { server_healthy_now: true, .. }));
    let o = observation("net::ERR_CERT_DATE_INVALID");

    // A certificate that expires soon does not make a browser fail: still the browser's state.
    let soon = judged_by_both(vec![leaf(&ca, Leaf { not_after: (2026, 6, 15), ..Leaf::default() })], trusted(), None);
    let d = tls_doctor_core::diagnose_browser(&o, Some(&soon), NOW, &OrgSettings::default());
    let ids: Vec<_> = d.findings.iter().map(|f| f.id().as_str()).collect();
    assert_eq!(ids, ["stale_browser_state", "expiring_soon"]);
}

// ---- local causes -------------------------------------------------------------------

fn sntp(server: &str, local_minus_reference_ms: i64) -> SntpSample {
    SntpSample {
        server: server.into(),
        address: None,
        outcome: SntpOutcome::Answered { local_minus_reference_ms, rtt_ms: 3, stratum: 1 },
        elapsed_ms: 3,
    }
}

#[test]
fn a_time_server_is_the_preferred_reference() {
    let ca = root("Public Root");
    let local = Timestamp(NOW.unix() + 200 * 86_400);
    let ev = judged_by_both(vec![leaf(&ca, Leaf::default())], rejected(RejectReason::Expired), Some(trusted()));
    // The server's own clock is off too; two time servers agree, one is unsynchronised.
    let mut ev = with_server_clock(ev, Timestamp(NOW.unix() - 86_400), local);
    ev.local.sntp = vec![
        sntp("ntp.nict.jp", 200 * 86_400 * 1000 + 40),
        SntpSample { outcome: SntpOutcome::Unsynchronised { stratum: 0 }, ..sntp("bad.example", 0) },
        sntp("time.google.com", 200 * 86_400 * 1000 - 25),
    ];
    let d = diagnose(&ev, local, &OrgSettings::default());
    let FindingKind::ClockAhead { skew } = &d.findings[0].kind else { panic!("{:?}", d.findings) };
    assert_eq!(skew.source, ClockSource::Sntp);
    assert!(skew.reference_server.is_some());
    assert_eq!(skew.offset_seconds, 200 * 86_400); // the upper median, in whole seconds
    assert_eq!(skew.os, None);
    assert!(!skew.zone_suspect);
}

#[test]
fn a_browser_clock_unlike_its_computers_is_told_apart() {
    let ca = root("Public Root");
    // The host measured at NOW with a right clock (SNTP agrees); the browser says +400 days.
    let mut ev = judged_by_both(vec![leaf(&ca, Leaf::default())], trusted(), None);
    ev.local.sntp = vec![sntp("127.0.0.1:12300", 120)];
    let browser_now = Timestamp(NOW.unix() + 400 * 86_400);
    let o = observation("net::ERR_CERT_DATE_INVALID");
    let d = tls_doctor_core::diagnose_browser(&o, Some(&ev), browser_now, &OrgSettings::default());
    let FindingKind::ClockAhead { skew } = &d.findings[0].kind else { panic!("{:?}", d.findings) };
    assert_eq!(skew.offset_seconds, 400 * 86_400);
    assert_eq!(skew.os, Some(NOW));
}

#[test]
fn a_whole_number_of_hours_points_at_the_time_zone() {
    let ca = root("Public Root");
    // Valid from NOW (midnight); this device is nine hours behind, a minute after.
    let fresh = leaf(&ca, Leaf { not_before: (2026, 6, 1), ..Leaf::default() });
    let local = Timestamp(NOW.unix() - 9 * 3600 + 60);
    let mut ev = judged_by_both(vec![fresh], rejected(RejectReason::NotYetValid), Some(trusted()));
    ev.local.sntp = vec![sntp("ntp.nict.jp", -9 * 3600 * 1000)];
    let d = diagnose(&ev, local, &OrgSettings::default());
    let FindingKind::ClockBehind { skew } = &d.findings[0].kind else { panic!("{:?}", d.findings) };
    assert!(skew.zone_suspect);
}

fn portal(outcome: PortalOutcome) -> Option<PortalCheck> {
    Some(PortalCheck { url: "http://127.0.0.1:8080/generate_204".into(), outcome, elapsed_ms: 2 })
}

#[test]
fn a_captive_portal_explains_a_wrong_certificate() {
    let portal_ca = root("Portal Root");
    let mut ev = judged_by_both(
        vec![leaf(&portal_ca, Leaf { names: &["login.wifi.example"], ..Leaf::default() })],
        rejected(RejectReason::UnknownIssuer),
        None,
    );
    ev.dns = DnsOutcome::Resolved { addresses: vec![ip("10.0.0.1")], elapsed_ms: 1 };
    ev.local.portal = portal(PortalOutcome::Redirected { status: 302, location: "http://10.0.0.1/login".into() });
    let d = diagnose(&ev, NOW, &OrgSettings::default());
    let FindingKind::CaptivePortal { private_answers, location, .. } = &d.findings[0].kind else {
        panic!("{:?}", d.findings)
    };
    assert_eq!(private_answers, &[ip("10.0.0.1")]);
    assert_eq!(location.as_deref(), Some("http://10.0.0.1/login"));
    assert!(d.findings.iter().any(|f| f.id() == FindingId::NameMismatch), "the rest is still listed");

    // The check URL answered as it should: no portal.
    ev.local.portal = portal(PortalOutcome::Open);
    assert!(!ids(&ev).contains(&"captive_portal"));
    ev.local.portal = portal(PortalOutcome::TimedOut);
    assert!(!ids(&ev).contains(&"captive_portal"));
}

/// A chain re-signed by `ca`: Mozilla rejects it; the OS store as `system` says.
fn re_signed(ca: &Ca, system: Verdict) -> Evidence {
    let mut ev = judged_by_both(vec![leaf(ca, Leaf::default())], rejected(RejectReason::UnknownIssuer), None);
    ev.handshakes[0].trust[1].verdict = system;
    ev
}

#[test]
fn a_root_only_this_machine_trusts_is_a_companys_inspection() {
    let ca = root("Example Corp TLS Inspection CA");
    let sha = "ab".repeat(32);
    let system = Verdict::Trusted { anchor: Bytes(vec![]), anchor_sha256: Some(sha.clone()), anchor_spki_sha256: None };
    let ev = re_signed(&ca, system);
    // Alone (the command line, the mail panel), it may be the company's own server.
    assert!(!ids(&ev).iter().any(|id| id.starts_with("interception")), "{:?}", ids(&ev));
    // When the browser refused the issuer, the root only this machine trusts explains it.
    let o = observation("net::ERR_CERT_AUTHORITY_INVALID");
    let d = tls_doctor_core::diagnose_browser(&o, Some(&ev), NOW, &OrgSettings::default());
    let FindingKind::InterceptionCorporate { issuer, sha256, expected, trusted_by } = &d.findings[0].kind else {
        panic!("{:?}", d.findings)
    };
    assert_eq!((issuer.as_str(), sha256.as_str(), *expected), ("Example Corp TLS Inspection CA", sha.as_str(), false));
    assert_eq!(trusted_by, &[TrustStore::System]);
    assert!(
        !d.findings.iter().any(|f| f.id() == FindingId::UnknownIssuer),
        "the interceptor's chain is not the server's"
    );
    // A name error means the browser trusted the root: not interception.
    let o = observation("net::ERR_CERT_COMMON_NAME_INVALID");
    let d = tls_doctor_core::diagnose_browser(&o, Some(&ev), NOW, &OrgSettings::default());
    assert!(!matches!(d.findings[0].kind, FindingKind::InterceptionCorporate { .. }), "{:?}", d.findings);

    // Declared by the admin (any case, with colons): expected.
    let declared = sha
        .to_uppercase()
        .as_bytes()
        .chunks(2)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(":");
    let org = OrgSettings { expected_cas: vec![declared], ..OrgSettings::default() };
    let d = diagnose(&ev, NOW, &org);
    assert!(matches!(d.findings[0].kind, FindingKind::InterceptionCorporate { expected: true, .. }));
}

#[test]
fn the_same_unknown_issuer_on_an_unrelated_site_is_interception() {
    let ca = root("Secure Gateway");
    let mut ev = re_signed(&ca, rejected(RejectReason::UnknownIssuer));
    // Without a canary this is the server's own unknown issuer.
    assert_eq!(ids(&ev)[0], "unknown_issuer");
    let mut canary = handshake(
        HandshakeRole::Primary,
        established(),
        vec![leaf(&ca, Leaf { names: &["canary.example"], ..Leaf::default() })],
    );
    canary.trust = vec![store(TrustStore::Mozilla, rejected(RejectReason::UnknownIssuer), None, 1)];
    ev.local.canary = Some(CanaryCheck { host: "canary.example".into(), port: 443, handshake: canary.clone() });
    let d = diagnose(&ev, NOW, &OrgSettings::default());
    let FindingKind::InterceptionUnknown { issuer, canary: seen } = &d.findings[0].kind else {
        panic!("{:?}", d.findings)
    };
    assert_eq!((issuer.as_str(), seen.as_deref()), ("Secure Gateway", Some("canary.example")));
    assert_eq!(d.findings[0].severity, Severity::Critical);

    // A canary with its own public chain: the target's CA is the server's business.
    let public = root("Public Root");
    canary.chain = vec![Bytes(leaf(&public, Leaf { names: &["canary.example"], ..Leaf::default() }))];
    canary.trust = vec![store(TrustStore::Mozilla, trusted(), None, 1)];
    ev.local.canary = Some(CanaryCheck { host: "canary.example".into(), port: 443, handshake: canary });
    assert_eq!(ids(&ev)[0], "unknown_issuer");
}

#[test]
fn an_antivirus_root_is_named() {
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(rcgen::DnType::CommonName, "ESET SSL Filter CA");
    params.distinguished_name.push(rcgen::DnType::OrganizationName, "ESET, spol. s r. o.");
    let key = rcgen::KeyPair::generate().unwrap();
    let der = params.self_signed(&key).unwrap().der().to_vec();
    let ca = Ca { params, key, der };
    let ev = re_signed(&ca, rejected(RejectReason::UnknownIssuer));
    let d = diagnose(&ev, NOW, &OrgSettings::default());
    let FindingKind::InterceptionKnownProduct { product_id, kind, issuer, .. } = &d.findings[0].kind else {
        panic!("{:?}", d.findings)
    };
    assert_eq!(
        (product_id.as_str(), *kind, issuer.as_str()),
        ("eset", InterceptorKind::Antivirus, "ESET SSL Filter CA")
    );
    assert!(!ids(&ev).contains(&"unknown_issuer"));
}

#[test]
fn a_browser_older_than_the_servers_protocol_is_outdated() {
    let ca = root("Public Root");
    let mut ev = judged_by_both(vec![leaf(&ca, Leaf::default())], trusted(), None);
    ev.versions = vec![probe(ProtocolVersion::Tls1_2, CipherOffer::Modern, refused("protocol_version"))];
    let mut o = observation("SSL_ERROR_PROTOCOL_VERSION_ALERT");
    o.browser.user_agent = "Mozilla/5.0 (X11; Linux x86_64; rv:60.0) Gecko/20100101 Firefox/60.0".into();
    let d = tls_doctor_core::diagnose_browser(&o, Some(&ev), NOW, &OrgSettings::default());
    let FindingKind::OutdatedClient { browser, version, needs, since } = &d.findings[0].kind else {
        panic!("{:?}", d.findings)
    };
    assert_eq!((browser.as_str(), version.as_str(), *needs, *since), ("Firefox", "60", ProtocolVersion::Tls1_3, 63));
    // A current Firefox with the same error: not outdated, the browser's state or settings.
    o.browser.user_agent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0".into();
    let d = tls_doctor_core::diagnose_browser(&o, Some(&ev), NOW, &OrgSettings::default());
    assert_eq!(d.findings[0].id(), FindingId::StaleBrowserState);
}

// ---- hostile input ------------------------------------------------------------------------

#[test]
fn garbage_certificates_are_findings() {
    let mut ev = judged_by_both(vec![b"\x30\x03\x02\x01\x00junk".to_vec()], rejected(RejectReason::BadEncoding), None);
    ev.handshakes[0].tls = TlsOutcome::Failed { detail: "invalid certificate: BadEncoding".into() };
    assert_eq!(ids(&ev)[0], "cert_unparseable");
}

#[test]
fn overlong_chains_are_findings() {
    let ca = root("Public Root");
    let mut ev = judged_by_both(vec![leaf(&ca, Leaf::default())], trusted(), None);
    ev.handshakes[0].chain_overflow = Some(ChainOverflow { certificates: 25, bytes: 40_000 });
    assert_eq!(ids(&ev)[0], "chain_too_long");
}

/// A leaf that is large because of its names, as a hostile or careless server may serve.
fn leaf_with_names(issuer: &Ca, count: usize) -> Vec<u8> {
    let names: Vec<String> = std::iter::once("www.example.jp".to_owned())
        .chain((1..count).map(|i| format!("host-{i:05}.very-long-subdomain-name.example.jp")))
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    leaf(issuer, Leaf { names: &refs, ..Leaf::default() })
}

/// The primary handshake of a server whose certificate message rustls refuses for its size:
/// failed after a ServerHello, nothing recorded.
fn too_large_for_rustls() -> Handshake {
    let mut h = handshake(
        HandshakeRole::Primary,
        TlsOutcome::Failed { detail: "received corrupt message of type HandshakePayloadTooLarge".into() },
        vec![],
    );
    h.received = Bytes(vec![0x16, 3, 3, 0, 0x7a, 2, 0, 0, 0x76, 3, 3]);
    h
}

/// What the host measures of a server whose certificate message rustls refuses: the primary
/// handshake fails with nothing recorded, and the TLS 1.2 version probe reads the chain.
fn refused_for_size(probe_chain: Vec<Vec<u8>>, overflow: Option<ChainOverflow>) -> Evidence {
    let mut ev = evidence(HOST);
    ev.handshakes.push(too_large_for_rustls());
    let n = probe_chain.len();
    ev.versions.push(VersionProbe {
        chain: probe_chain.into_iter().map(Bytes).collect(),
        chain_overflow: overflow,
        trust: vec![store(TrustStore::Mozilla, trusted(), None, n), store(TrustStore::System, trusted(), None, n)],
        ..probe(ProtocolVersion::Tls1_2, CipherOffer::Modern, accepted(0xc02f))
    });
    ev
}

#[test]
fn a_leaf_over_64_kib_is_named_by_its_size() {
    let ca = root("Public Root");
    let big = leaf_with_names(&ca, 1_500);
    assert!(big.len() > 65_535, "{}", big.len());
    let ev = refused_for_size(vec![big.clone(), ca.der.clone()], None);
    let d = diagnose(&ev, NOW, &OrgSettings::default());
    let ids: Vec<_> = d.findings.iter().map(|f| f.id().as_str()).collect();
    assert_eq!(
        d.findings[0].kind,
        FindingKind::CertificateTooLarge { certificates: Some(2), bytes: big.len() + ca.der.len() },
        "{ids:?}"
    );
    // The failure it explains is not another finding ("broke the rules of TLS" it did not);
    // nor is the count. (The served root is.)
    assert_eq!(ids, ["certificate_too_large", "root_in_chain"]);
}

#[test]
fn a_verifier_that_cannot_read_a_leaf_over_64_kib_says_the_size_again() {
    // rustls-webpki reads no DER value over 0xFFFF bytes: such a leaf is "bad encoding" to it.
    let ca = root("Public Root");
    let judged = |chain: Vec<Vec<u8>>| {
        let n = chain.len();
        let mut ev = refused_for_size(chain, None);
        ev.versions[0].trust = vec![store(TrustStore::Mozilla, rejected(RejectReason::BadEncoding), None, n)];
        ids(&ev)
    };
    let big = leaf_with_names(&ca, 1_500);
    assert_eq!(judged(vec![big, ca.der.clone()]), ["certificate_too_large", "root_in_chain"]);
    // A small certificate the verifier cannot read is still an invalid chain.
    let small = leaf(&ca, Leaf::default());
    assert!(judged(vec![small, ca.der.clone()]).contains(&"chain_invalid"));
}

#[test]
fn an_encrypted_certificate_message_over_64_kib_is_named_by_its_size() {
    // TLS 1.3 only: rustls refuses the encrypted message, no version probe reads a chain, and
    // the host counted the encrypted handshake (a 10,000-name leaf).
    let mut ev = evidence(HOST);
    let mut h = too_large_for_rustls();
    h.encrypted_handshake_bytes = Some(250_600);
    ev.handshakes.push(h);
    assert_eq!(ids(&ev), ["certificate_too_large"]);
    assert_eq!(primary(&ev), FindingKind::CertificateTooLarge { certificates: None, bytes: 250_600 });
    // Without the count the failure stays what it was.
    ev.handshakes[0].encrypted_handshake_bytes = None;
    assert_eq!(ids(&ev), ["handshake_failed"]);
}

#[test]
fn a_certificate_message_the_reply_could_not_carry_is_still_measured() {
    // The host's reply gave the probe's chain up (shrink.rs): its overflow keeps the size.
    let ev = refused_for_size(vec![], Some(ChainOverflow { certificates: 1, bytes: 850_000 }));
    assert_eq!(primary(&ev), FindingKind::CertificateTooLarge { certificates: Some(1), bytes: 850_000 });
    assert!(!ids(&ev).contains(&"chain_too_long"));
    // The same on the primary handshake's own record.
    let mut ev = refused_for_size(vec![], None);
    ev.handshakes[0].chain_overflow = Some(ChainOverflow { certificates: 3, bytes: 2_000_000 });
    assert_eq!(primary(&ev), FindingKind::CertificateTooLarge { certificates: Some(3), bytes: 2_000_000 });
    assert!(!ids(&ev).contains(&"chain_too_long"));
}

#[test]
fn many_small_certificates_are_too_many_and_too_large() {
    let overflow = ChainOverflow { certificates: 40, bytes: 40 * 3_000 };
    let ev = refused_for_size(vec![], Some(overflow));
    let ids = ids(&ev);
    assert_eq!(ids[..2], ["certificate_too_large", "chain_too_long"], "{ids:?}");
}

#[test]
fn a_chain_within_rustls_limit_is_no_size_finding() {
    let ca = root("Public Root");
    // A leaf of about 53 KB: what rustls reads.
    let chain = vec![leaf_with_names(&ca, 1_100)];
    let total: usize = chain.iter().map(Vec::len).sum();
    assert!((40_000..65_000).contains(&total), "{total}");
    let ev = judged_by_both(chain, trusted(), None);
    assert_eq!(ids(&ev), ["ok"]);
}

/// The SSL 2.0 answers a server may give, read by hand (draft-hickman-netscape-ssl-00): the
/// oracle for [`random_bytes_are_not_called_tls`], written apart from the model's reading.
fn parses_as_sslv2(bytes: &[u8]) -> bool {
    if bytes.len() < 2 || bytes[0] < 0x80 {
        return false;
    }
    let record = usize::from(bytes[0] - 0x80) * 256 + usize::from(bytes[1]);
    let body = &bytes[2..];
    let u16_at = |i: usize| usize::from(body[i]) * 256 + usize::from(body[i + 1]);
    if body.len() >= 5 && body[0] == 4 && body[1] <= 1 && body[2] == 1 && body[3] == 0 && body[4] == 2 {
        return if body.len() >= 11 { record == 11 + u16_at(5) + u16_at(7) + u16_at(9) } else { record >= 11 };
    }
    body.len() >= 3 && body[0] == 0 && body[1] == 0 && [1, 2, 4, 6].contains(&body[2]) && record == 3
}

/// A TLS record header (RFC 8446 §5.1), or as much of one as came.
fn parses_as_tls_record(bytes: &[u8]) -> bool {
    let kind_ok = bytes.first().is_some_and(|k| (20..=24).contains(k));
    let major_ok = bytes.get(1).is_none_or(|m| *m == 3);
    let minor_ok = bytes.get(2).is_none_or(|m| *m <= 4);
    kind_ok && major_ok && minor_ok
}

#[test]
fn random_bytes_are_not_called_tls() {
    // 10,000 answers of 1 to 64 random bytes, from fixed seeds: each one is either read as TLS
    // because it parses as a TLS record or an SSL 2.0 answer, or explained as another protocol.
    let mut tls = 0;
    for seed in 1..=10_000u64 {
        let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let len = 1 + (next() % 64) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        let parses = parses_as_tls_record(&bytes) || parses_as_sslv2(&bytes);
        assert_eq!(tls_doctor_core::checks::plaintext::looks_like_tls(&bytes), parses, "seed {seed}: {bytes:02x?}");
        tls += usize::from(parses);
        // Through the whole model: what the host records when rustls gave up on these bytes.
        for outcome in
            [TlsOutcome::NotTls { detail: "InvalidContentType".into() }, TlsOutcome::Failed { detail: "x".into() }]
        {
            let mut ev = evidence(HOST);
            let mut h = handshake(HandshakeRole::Primary, outcome, vec![]);
            h.received = Bytes(bytes.clone());
            ev.handshakes.push(h);
            let want = if parses { "handshake_failed" } else { "wrong_protocol_on_port" };
            assert_eq!(ids(&ev), [want], "seed {seed}: {bytes:02x?}");
        }
    }
    // Almost none: the first byte alone is TLS-like in 5 of 256, and only one-byte answers
    // are judged on it alone.
    assert!(tls < 100, "{tls}");
}

#[test]
fn random_bytes_never_panic() {
    // A small deterministic generator: the model must survive anything a server sends.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let ca = root("Public Root");
    let good = leaf(&ca, Leaf::default());
    for round in 0..300 {
        let mut chain = Vec::new();
        for _ in 0..(next() % 4) {
            let mut bytes = if round % 2 == 0 { good.clone() } else { vec![0u8; (next() % 300) as usize] };
            for _ in 0..(next() % 8) {
                if bytes.is_empty() {
                    break;
                }
                let at = (next() as usize) % bytes.len();
                bytes[at] = next() as u8;
            }
            chain.push(bytes);
        }
        let mut ev = judged_by_both(chain, rejected(RejectReason::BadEncoding), None);
        ev.handshakes[0].received = Bytes((0..(next() % 64)).map(|_| next() as u8).collect());
        let d = diagnose(&ev, NOW, &OrgSettings::default());
        assert!(!d.findings.is_empty());
    }
}

// ---- the wire -----------------------------------------------------------------------------

#[test]
fn evidence_and_diagnosis_round_trip_with_version_and_type() {
    let ca = root("Public Root");
    let ev = judged_by_both(vec![leaf(&ca, Leaf::default()), ca.der.clone()], trusted(), None);
    let json = serde_json::to_value(&ev).unwrap();
    assert_eq!(json["v"], 1);
    assert_eq!(json["type"], "evidence");
    assert_eq!(json["measured_at"], "2026-06-01T00:00:00Z");
    // Read from the text: a `Value` sorts its keys, and a tagged enum's tag must come first.
    let back: Evidence = serde_json::from_str(&serde_json::to_string(&ev).unwrap()).unwrap();
    assert_eq!(back, ev);

    let d = diagnose(&ev, NOW, &OrgSettings::default());
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["type"], "diagnosis");
    assert_eq!(json["findings"][0]["id"], "ok");
    assert_eq!(json["findings"][0]["side"], "none");
    assert_eq!(json["findings"][0]["severity"], "info");
    assert_eq!(json["findings"][0]["evidence"]["trusted_by"][0], "mozilla");
    let back: Diagnosis = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
    assert_eq!(back, d);
}

#[test]
fn wrong_message_type_is_refused() {
    let ca = root("Public Root");
    let ev = judged_by_both(vec![leaf(&ca, Leaf::default())], trusted(), None);
    let text = serde_json::to_string(&ev).unwrap();
    assert!(serde_json::from_str::<Evidence>(&text).is_ok());
    let text = text.replacen(r#""type":"evidence""#, r#""type":"diagnosis""#, 1);
    let e = serde_json::from_str::<Evidence>(&text).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("diagnosis"), "{e}");
}

#[test]
fn every_finding_round_trips() {
    for id in FindingId::ALL {
        assert_eq!(FindingId::parse(id.as_str()), Some(*id));
        assert_eq!(serde_json::to_value(id).unwrap(), id.as_str());
    }
}

// ---- a page that loaded: the browser's chain against the host's --------------------------

fn sha256_hex(der: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(der).iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(":")
}

fn seen(sha256: String, subject: &str, issuer: &str, builtin_root: bool) -> SeenCert {
    SeenCert { sha256, subject: subject.into(), issuer: issuer.into(), builtin_root }
}

#[test]
fn a_loaded_page_whose_chain_is_the_hosts_is_ok_and_says_so() {
    let ca = root("Public Root");
    let served_leaf = leaf(&ca, Leaf::default());
    let healthy = judged_by_both(vec![served_leaf.clone()], trusted(), None);
    let mut o = observation("");
    o.chain_seen = vec![
        seen(sha256_hex(&served_leaf), "CN=www.example.jp", "CN=Public Root", false),
        seen("00".repeat(32), "CN=Public Root", "CN=Public Root", true),
    ];
    let d = tls_doctor_core::diagnose_browser(&o, Some(&healthy), NOW, &OrgSettings::default());
    let ids: Vec<_> = d.findings.iter().map(|f| f.id().as_str()).collect();
    assert_eq!(ids, ["ok"], "no stale_browser_state without an error");
    let FindingKind::Ok { browser_leaf, .. } = &d.findings[0].kind else { panic!() };
    assert_eq!(browser_leaf.as_deref(), Some(sha256_hex(&served_leaf).replace(':', "").to_lowercase().as_str()));
}

#[test]
fn a_loaded_page_re_signed_under_a_root_the_browser_was_given_is_interception() {
    let ca = root("Public Root");
    let healthy = judged_by_both(vec![leaf(&ca, Leaf::default())], trusted(), None);
    let mut o = observation("");
    o.browser.family = BrowserFamily::Firefox;
    let av_root = "CN=ESET SSL Filter CA,O=\"ESET, spol. s r. o.\"";
    o.chain_seen = vec![
        seen("AA:".repeat(31) + "AA", "CN=www.example.jp", av_root, false),
        seen("BB".repeat(32), av_root, av_root, false),
    ];
    let d = tls_doctor_core::diagnose_browser(&o, Some(&healthy), NOW, &OrgSettings::default());
    let FindingKind::InterceptionKnownProduct { product_id, trusted_by, expected, .. } = &d.findings[0].kind else {
        panic!("{:?}", d.findings)
    };
    assert_eq!((product_id.as_str(), *expected), ("eset", false));
    assert_eq!(trusted_by, &[TrustStore::Browser]);
    assert!(d.findings.iter().all(|f| f.id() != FindingId::Ok));

    // A root nobody's product table knows: the company's, expected once the admin says so.
    let corp = "CN=Example Corp TLS Inspection CA,O=Example Corp";
    o.chain_seen =
        vec![seen("AA".repeat(32), "CN=www.example.jp", corp, false), seen("CC".repeat(32), corp, corp, false)];
    let d = tls_doctor_core::diagnose_browser(&o, Some(&healthy), NOW, &OrgSettings::default());
    let FindingKind::InterceptionCorporate { issuer, sha256, expected, .. } = &d.findings[0].kind else { panic!() };
    assert_eq!(
        (issuer.as_str(), sha256.as_str(), *expected),
        ("Example Corp TLS Inspection CA", "cc".repeat(32).as_str(), false)
    );
    let org = OrgSettings { expected_cas: vec!["CC".repeat(32)], ..OrgSettings::default() };
    let d = tls_doctor_core::diagnose_browser(&o, Some(&healthy), NOW, &org);
    assert!(matches!(d.findings[0].kind, FindingKind::InterceptionCorporate { expected: true, .. }));

    // Another leaf under a root the browser ships (a CDN's other certificate): not interception.
    o.chain_seen[1].builtin_root = true;
    let d = tls_doctor_core::diagnose_browser(&o, Some(&healthy), NOW, &OrgSettings::default());
    assert_eq!(d.findings[0].id(), FindingId::Ok);
}

// ---- the organisation's managed settings ----------------------------------------------------

fn internal_org() -> OrgSettings {
    OrgSettings { internal_domains: vec!["corp.example.jp".into()], ..OrgSettings::default() }
}

#[test]
fn an_internal_site_under_a_root_this_device_lacks_is_the_devices_problem() {
    let ca = root("Example Corp Internal Root");
    let mut ev = re_signed(&ca, rejected(RejectReason::UnknownIssuer));
    // Not internal by any setting: the server's unknown issuer, as before.
    assert_eq!(ids(&ev)[0], "unknown_issuer");

    ev.target.host = "wiki.corp.example.jp".into();
    let d = diagnose(&ev, NOW, &internal_org());
    let FindingKind::InternalCaUntrusted { issuer, domain, declared, os_trusts } = &d.findings[0].kind else {
        panic!("{:?}", d.findings)
    };
    assert_eq!(issuer.as_deref(), Some("Example Corp Internal Root"));
    assert_eq!((domain.as_deref(), *declared, *os_trusts), (Some("corp.example.jp"), false, false));
    assert_eq!(d.findings[0].side, Side::Client);
    assert!(!d.findings.iter().any(|f| f.id() == FindingId::UnknownIssuer), "the same chain, said once");

    // A name that only ends like the domain is not in it.
    ev.target.host = "notcorp.example.jp".into();
    assert_eq!(diagnose(&ev, NOW, &internal_org()).findings[0].id(), FindingId::UnknownIssuer);
}

#[test]
fn a_declared_internal_root_is_matched_by_its_key_or_its_certificate() {
    let ca = root("Example Corp Internal Root");
    let info = tls_doctor_core::cert::parse(&ca.der).unwrap();
    let hex = |b: &[u8; 32]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    // The root is served with the leaf: matched by its public key's SHA-256 (`spki:`).
    let mut ev =
        judged_by_both(vec![leaf(&ca, Leaf::default()), ca.der.clone()], rejected(RejectReason::UnknownIssuer), None);
    let by_key =
        OrgSettings { internal_roots: vec![format!("spki:{}", hex(&info.spki_sha256))], ..OrgSettings::default() };
    let d = diagnose(&ev, NOW, &by_key);
    assert!(
        matches!(d.findings[0].kind, FindingKind::InternalCaUntrusted { declared: true, domain: None, .. }),
        "{:?}",
        d.findings
    );
    // The certificate's own hash in a key pin does not match.
    let wrong = OrgSettings { internal_roots: vec![format!("spki:{}", hex(&info.sha256))], ..OrgSettings::default() };
    assert_eq!(diagnose(&ev, NOW, &wrong).findings[0].id(), FindingId::UnknownIssuer);

    // The OS trusts it (through the anchor's hash) and the browser refused the issuer: the
    // browser keeps its own roots. Not called interception, although only this machine trusts it.
    let anchor = hex(&info.sha256);
    ev.handshakes[0].trust[1].verdict =
        Verdict::Trusted { anchor: Bytes(vec![]), anchor_sha256: Some(anchor.clone()), anchor_spki_sha256: None };
    let by_cert = OrgSettings { internal_roots: vec![anchor.to_uppercase()], ..OrgSettings::default() };
    let o = observation("net::ERR_CERT_AUTHORITY_INVALID");
    let d = tls_doctor_core::diagnose_browser(&o, Some(&ev), NOW, &by_cert);
    assert!(
        matches!(d.findings[0].kind, FindingKind::InternalCaUntrusted { os_trusts: true, declared: true, .. }),
        "{:?}",
        d.findings
    );
    assert!(!d.findings.iter().any(|f| f.id() == FindingId::InterceptionCorporate), "{:?}", d.findings);
    // Without the browser's refusal, everything trusts it: nothing to say about it.
    let d = diagnose(&ev, NOW, &by_cert);
    assert!(!d.findings.iter().any(|f| f.id() == FindingId::InternalCaUntrusted), "{:?}", d.findings);
}

#[test]
fn a_public_certificate_on_an_internal_name_is_not_the_organisations_root() {
    let ca = root("Public Root");
    let mut ev = judged_by_both(vec![leaf(&ca, Leaf::default())], rejected(RejectReason::UnknownIssuer), None);
    ev.handshakes[0].trust[0].verdict = trusted();
    ev.target.host = "www.corp.example.jp".into();
    let d = diagnose(&ev, NOW, &internal_org());
    assert!(!d.findings.iter().any(|f| f.id() == FindingId::InternalCaUntrusted), "{:?}", d.findings);
}

#[test]
fn the_browser_alone_on_an_internal_site_suggests_the_missing_root() {
    let mut o = observation("net::ERR_CERT_AUTHORITY_INVALID");
    o.url = "https://portal.corp.example.jp/".into();
    let d = tls_doctor_core::diagnose_browser(&o, None, NOW, &internal_org());
    assert!(
        matches!(d.findings[0].kind, FindingKind::InternalCaUntrusted { issuer: None, declared: false, .. }),
        "{:?}",
        d.findings
    );
    assert_eq!(d.findings[1].id(), FindingId::BrowserError);
    // A date error on the same site is not about the root.
    let mut o = observation("net::ERR_CERT_DATE_INVALID");
    o.url = "https://portal.corp.example.jp/".into();
    let d = tls_doctor_core::diagnose_browser(&o, None, NOW, &internal_org());
    assert_eq!(d.findings[0].id(), FindingId::BrowserError);
}

#[test]
fn the_organisation_decides_whether_going_past_a_warning_is_ever_advised() {
    use tls_doctor_core::Proceed;
    let ca = root("Router");
    let mut ev = judged_by_both(vec![ca.der.clone()], rejected(RejectReason::UnknownIssuer), None);
    ev.target.host = "nas.corp.example.jp".into();
    let text = |ev: &Evidence, org: &OrgSettings| {
        let d = diagnose(ev, NOW, org);
        let at = d.findings.iter().position(|f| f.id() == FindingId::SelfSigned).expect("self_signed");
        let ex = tls_doctor_core::explain(&d, tls_doctor_core::Lang::Ja, &tls_doctor_core::FixedOffset(540));
        (d.no_proceed, ex.findings[at].danger.clone(), ex.findings[at].user_steps.join("\n"))
    };
    let (no, danger, steps) = text(&ev, &OrgSettings::default());
    assert!(!no);
    // Going past is left to the user only for their own device, checked by its fingerprint.
    assert!(danger.contains("偽のサーバー"), "{danger}");
    assert!(steps.contains("指紋"), "{steps}");

    let never = OrgSettings { proceed: Proceed::Never, ..OrgSettings::default() };
    let (no, danger, steps) = text(&ev, &never);
    assert!(no);
    assert!(!danger.contains("場合を除いて"), "{danger}");
    assert!(steps.contains("組織の決まり") && !steps.contains("指紋"), "{steps}");

    // Internal only: advised for the internal domain, not elsewhere.
    let internal = OrgSettings {
        proceed: Proceed::Internal,
        internal_domains: vec!["corp.example.jp".into()],
        ..OrgSettings::default()
    };
    assert!(!text(&ev, &internal).0);
    ev.target.host = "nas.example.net".into();
    assert!(text(&ev, &internal).0);
}
