//! Representative findings for every id and variant: the catalog's snapshots render them,
//! and the plan tests walk them. Each comes with the target it was found on
//! ([`target_for`]), so that a sample never renders a text that is false for its case (an
//! SMTP finding on port 443, say). Not part of the product: public only so that the
//! integration tests can use it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]

use std::net::IpAddr;

use crate::time::Timestamp;
use crate::wire::*;

/// The moment the samples refer to: 2026-11-18T…Z, pinned.
pub const NOW: Timestamp = Timestamp(1_795_000_000);

fn ip(s: &str) -> IpAddr {
    s.parse().expect("test address")
}

/// The target a sample was found on: its own port and STARTTLS protocol where it names them,
/// else `www.example.jp:443`.
pub fn target_for(kind: &FindingKind) -> Target {
    use FindingKind as K;
    let (port, starttls) = match kind {
        K::PortClosed { port, .. }
        | K::TimeoutFiltered { port, .. }
        | K::ConnectionReset { port, .. }
        | K::HostUnreachable { port, .. } => (*port, None),
        K::WrongProtocolOnPort { port, starttls, .. } => (*port, *starttls),
        K::SniDefaultCert { mail_relays: true, .. } => (25, Some(StarttlsProtocol::Smtp)),
        K::StarttlsNotOffered { protocol, port, .. }
        | K::StarttlsFailed { protocol, port, .. }
        | K::PlaintextAuthOffered { protocol, port, .. } => (*port, Some(*protocol)),
        _ => (443, None),
    };
    // A certificate's findings name the host they were found on.
    let own = match kind {
        K::NameMismatch { requested, .. } | K::SniDefaultCert { requested, .. } => Some(requested.clone()),
        K::SelfSigned { subject }
        | K::CertExpired { subject, .. }
        | K::CertNotYetValid { subject, .. }
        | K::ExpiringSoon { subject, .. } => Some(subject.clone()),
        K::InternalCaUntrusted { domain: Some(domain), .. } => Some(format!("portal.{domain}")),
        _ => None,
    };
    let host =
        own.unwrap_or_else(|| if matches!(port, 443 | 8443) { "www.example.jp" } else { "mail.example.jp" }.to_owned());
    Target { host: host.clone(), port, address: None, sni: None, verify_name: host, starttls }
}

/// One or more representative findings for every id; the `match` makes a new id fail to
/// compile here until it has a sample.
pub fn samples(id: FindingId) -> Vec<FindingKind> {
    use FindingKind as K;
    let day = 86_400;
    match id {
        FindingId::Ok => {
            let mut v: Vec<FindingKind> =
                [None, Some("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
                    .into_iter()
                    .map(|browser_leaf| K::Ok {
                        version: "TLS 1.3".into(),
                        cipher: "TLS13_AES_256_GCM_SHA384".into(),
                        trusted_by: vec![TrustStore::Mozilla, TrustStore::System],
                        not_after: NOW.plus_seconds(60 * day),
                        days_left: 60,
                        browser_leaf: browser_leaf.map(str::to_owned),
                    })
                    .collect();
            // Certificate files (`tls-doctor cert`): no protocol, no cipher.
            v.push(K::Ok {
                version: String::new(),
                cipher: String::new(),
                trusted_by: vec![TrustStore::Mozilla, TrustStore::System],
                not_after: NOW.plus_seconds(60 * day),
                days_left: 60,
                browser_leaf: None,
            });
            v
        }
        FindingId::DnsFailure => {
            [DnsError::NoSuchHost, DnsError::NoAddress, DnsError::TemporaryFailure, DnsError::TimedOut, DnsError::Other]
                .into_iter()
                .map(|error| K::DnsFailure { host: "www.example.jp".into(), error, detail: String::new() })
                .collect()
        }
        FindingId::HostUnreachable => {
            vec![K::HostUnreachable {
                address: ip("192.0.2.10"),
                port: 443,
                detail: "No route to host (os error 113)".into(),
            }]
        }
        FindingId::PortClosed => vec![
            K::PortClosed { address: ip("192.0.2.10"), port: 8443 },
            K::PortClosed { address: ip("192.0.2.25"), port: 25 },
        ],
        FindingId::TimeoutFiltered => vec![
            K::TimeoutFiltered { address: Some(ip("192.0.2.10")), port: 443, stage: Stage::Connect, waited_ms: 10_000 },
            K::TimeoutFiltered {
                address: Some(ip("192.0.2.10")),
                port: 443,
                stage: Stage::TlsHandshake,
                waited_ms: 9_500,
            },
            K::TimeoutFiltered { address: Some(ip("192.0.2.25")), port: 25, stage: Stage::Connect, waited_ms: 10_000 },
            K::TimeoutFiltered { address: Some(ip("192.0.2.25")), port: 587, stage: Stage::Greeting, waited_ms: 5_000 },
            // A mail port that encrypts from the first byte, silent after the connection.
            K::TimeoutFiltered {
                address: Some(ip("192.0.2.25")),
                port: 465,
                stage: Stage::TlsHandshake,
                waited_ms: 9_500,
            },
            K::TimeoutFiltered { address: Some(ip("192.0.2.21")), port: 21, stage: Stage::Greeting, waited_ms: 5_000 },
        ],
        FindingId::ConnectionReset => vec![
            K::ConnectionReset { address: ip("192.0.2.10"), port: 443, how: CutKind::Reset },
            K::ConnectionReset { address: ip("192.0.2.10"), port: 443, how: CutKind::Closed },
            K::ConnectionReset { address: ip("192.0.2.25"), port: 993, how: CutKind::Reset },
        ],
        FindingId::WrongProtocolOnPort => vec![
            K::WrongProtocolOnPort {
                port: 443,
                seen: Plaintext::Http,
                first_line: "HTTP/1.1 400 Bad Request".into(),
                starttls: None,
            },
            K::WrongProtocolOnPort {
                port: 465,
                seen: Plaintext::Smtp,
                first_line: "220 mail.example.jp ESMTP Postfix".into(),
                starttls: None,
            },
            K::WrongProtocolOnPort {
                port: 993,
                seen: Plaintext::Imap,
                first_line: "* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.".into(),
                starttls: None,
            },
            K::WrongProtocolOnPort {
                port: 2222,
                seen: Plaintext::Ssh,
                first_line: "SSH-2.0-OpenSSH_9.2p1".into(),
                starttls: None,
            },
            K::WrongProtocolOnPort {
                port: 587,
                seen: Plaintext::Tls,
                first_line: String::new(),
                starttls: Some(StarttlsProtocol::Smtp),
            },
            K::WrongProtocolOnPort {
                port: 143,
                seen: Plaintext::Tls,
                first_line: String::new(),
                starttls: Some(StarttlsProtocol::Imap),
            },
            K::WrongProtocolOnPort {
                port: 110,
                seen: Plaintext::Http,
                first_line: "HTTP/1.1 400 Bad Request".into(),
                starttls: Some(StarttlsProtocol::Pop3),
            },
            K::WrongProtocolOnPort {
                port: 995,
                seen: Plaintext::Pop3,
                first_line: "+OK Dovecot ready.".into(),
                starttls: None,
            },
            // TLS from the first byte tried on the submission port (STARTTLS).
            K::WrongProtocolOnPort {
                port: 587,
                seen: Plaintext::Smtp,
                first_line: "220 mail.example.jp ESMTP Postfix".into(),
                starttls: None,
            },
            // FTP: the upgrade is AUTH TLS (explicit FTPS on 21), implicit FTPS is 990.
            K::WrongProtocolOnPort {
                port: 21,
                seen: Plaintext::Tls,
                first_line: String::new(),
                starttls: Some(StarttlsProtocol::Ftp),
            },
            K::WrongProtocolOnPort {
                port: 21,
                seen: Plaintext::Ftp,
                first_line: "220 (vsFTPd 3.0.5)".into(),
                starttls: None,
            },
            K::WrongProtocolOnPort {
                port: 990,
                seen: Plaintext::Ftp,
                first_line: "220 (vsFTPd 3.0.5)".into(),
                starttls: None,
            },
        ],
        FindingId::HandshakeFailed => vec![
            K::HandshakeFailed { failure: HandshakeFailure::Alert { alert: "protocol_version".into() } },
            K::HandshakeFailed { failure: HandshakeFailure::Alert { alert: "bad_record_mac".into() } },
            K::HandshakeFailed { failure: HandshakeFailure::Alert { alert: "handshake_failure".into() } },
            K::HandshakeFailed { failure: HandshakeFailure::Alert { alert: "insufficient_security".into() } },
            K::HandshakeFailed { failure: HandshakeFailure::Alert { alert: "unrecognized_name".into() } },
            K::HandshakeFailed { failure: HandshakeFailure::Alert { alert: "internal_error".into() } },
            K::HandshakeFailed { failure: HandshakeFailure::Alert { alert: "access_denied".into() } },
            K::HandshakeFailed { failure: HandshakeFailure::Alert { alert: "bad_certificate".into() } },
            K::HandshakeFailed { failure: HandshakeFailure::Alert { alert: "decode_error".into() } },
            K::HandshakeFailed { failure: HandshakeFailure::Alert { alert: "no_application_protocol".into() } },
            K::HandshakeFailed {
                failure: HandshakeFailure::Protocol {
                    detail: "received corrupt message of type InvalidContentType".into(),
                },
            },
        ],
        FindingId::ClientCertRequired => vec![
            K::ClientCertRequired {
                alert: Some("certificate_required".into()),
                status: None,
                reply: None,
                issuers: Vec::new(),
            },
            // The server asked for a certificate, then closed without an alert.
            K::ClientCertRequired { alert: None, status: None, reply: None, issuers: Vec::new() },
            // nginx `ssl_verify_client on;`: the handshake completes, the request gets a 400.
            K::ClientCertRequired {
                alert: None,
                status: Some(400),
                reply: None,
                issuers: vec!["Example Staff CA".into(), "Example Devices CA".into()],
            },
            // Postfix smtpd_tls_req_ccert on an implicit-TLS port: a 421 greeting.
            K::ClientCertRequired {
                alert: None,
                status: None,
                reply: Some("421 4.7.1 smtp.example.jp Error: No client certificate presented".into()),
                issuers: vec!["Example Staff CA".into()],
            },
        ],
        FindingId::ChainTooLong => vec![K::ChainTooLong { certificates: 25, bytes: 30_000 }],
        // One huge leaf (the hostile lab's), and a chain just over rustls's limit.
        FindingId::CertificateTooLarge => vec![
            K::CertificateTooLarge { certificates: Some(1), bytes: 850_000 },
            K::CertificateTooLarge { certificates: Some(3), bytes: 70_000 },
            // TLS 1.3: the message is encrypted, only its size is measured.
            K::CertificateTooLarge { certificates: None, bytes: 250_000 },
        ],
        FindingId::CertUnparseable => {
            vec![K::CertUnparseable { position: 0, error: "ASN.1 DER message is incomplete".into() }]
        }
        FindingId::CertExpired => vec![K::CertExpired {
            subject: "www.example.jp".into(),
            not_after: NOW.plus_seconds(-3 * day - 3600),
            days_ago: 3,
        }],
        FindingId::CertNotYetValid => vec![K::CertNotYetValid {
            subject: "www.example.jp".into(),
            not_before: NOW.plus_seconds(2 * day + 3600),
            days_until: 2,
        }],
        FindingId::IntermediateExpired => vec![K::IntermediateExpired {
            position: 1,
            subject: "Example Intermediate CA G2".into(),
            not_after: NOW.plus_seconds(-40 * day),
            days_ago: 40,
        }],
        FindingId::ExpiringSoon => vec![K::ExpiringSoon {
            subject: "www.example.jp".into(),
            not_after: NOW.plus_seconds(12 * day + 100),
            days_left: 12,
        }],
        FindingId::NameMismatch => vec![
            K::NameMismatch {
                requested: "shop.example.jp".into(),
                dns_names: vec!["www.example.jp".into(), "example.jp".into()],
                ip_addresses: vec![],
                common_name: Some("www.example.jp".into()),
                cn_only: false,
                hint: None,
            },
            K::NameMismatch {
                requested: "example.jp".into(),
                dns_names: vec!["*.example.jp".into()],
                ip_addresses: vec![],
                common_name: None,
                cn_only: false,
                hint: Some(NameHint::WildcardNotBare { wildcard: "*.example.jp".into() }),
            },
            K::NameMismatch {
                requested: "a.b.example.jp".into(),
                dns_names: vec!["*.example.jp".into()],
                ip_addresses: vec![],
                common_name: None,
                cn_only: false,
                hint: Some(NameHint::WildcardOneLevel { wildcard: "*.example.jp".into() }),
            },
            K::NameMismatch {
                requested: "www.example.jp".into(),
                dns_names: vec!["example.jp".into()],
                ip_addresses: vec![],
                common_name: None,
                cn_only: false,
                hint: Some(NameHint::WwwVariant { covered: "example.jp".into() }),
            },
            K::NameMismatch {
                requested: "nas.example.jp".into(),
                dns_names: vec![],
                ip_addresses: vec![],
                common_name: Some("nas.example.jp".into()),
                cn_only: true,
                hint: None,
            },
        ],
        FindingId::SelfSigned => vec![K::SelfSigned { subject: "router.local".into() }],
        FindingId::UnknownIssuer => vec![
            K::UnknownIssuer { issuer: "Example Corp Internal Root CA".into(), root_served: false },
            K::UnknownIssuer { issuer: "Example Corp Internal Root CA".into(), root_served: true },
        ],
        // Chrome's cutoffs: 2024-11-11T23:59:59Z (Entrust, 131) and 2025-07-31T23:59:59Z
        // (Chunghwa, NetLock, 139); Firefox's for Entrust: 2024-11-30T23:59:59Z.
        FindingId::DistrustedCa => vec![
            K::DistrustedCa {
                root: "Entrust Root Certification Authority - G2".into(),
                chrome: Some(131),
                firefox: true,
                cutoff: Timestamp(1_731_369_599),
                issued: Timestamp(1_765_000_000),
                by_sct: true,
            },
            K::DistrustedCa {
                root: "HiPKI Root CA - G1".into(),
                chrome: Some(139),
                firefox: false,
                cutoff: Timestamp(1_754_006_399),
                issued: Timestamp(1_780_000_000),
                by_sct: false,
            },
            K::DistrustedCa {
                root: "AffirmTrust Commercial".into(),
                chrome: None,
                firefox: true,
                cutoff: Timestamp(1_733_011_199),
                issued: Timestamp(1_733_100_000),
                by_sct: true,
            },
        ],
        FindingId::IncompleteChain => vec![
            K::IncompleteChain {
                subject: "www.example.jp".into(),
                missing_issuer: "Example TLS RSA CA 2025".into(),
                aia_url: Some("http://ca.example.com/tlsrsa2025.crt".into()),
                confirmed: true,
            },
            K::IncompleteChain {
                subject: "www.example.jp".into(),
                missing_issuer: "Example TLS RSA CA 2025".into(),
                aia_url: Some("http://ca.example.com/tlsrsa2025.crt".into()),
                confirmed: false,
            },
        ],
        FindingId::ChainInvalid => vec![
            K::ChainInvalid { reason: RejectReason::InvalidPurpose, detail: "RequiredEkuNotFoundContext".into() },
            K::ChainInvalid {
                reason: RejectReason::UnsupportedSignatureAlgorithm,
                detail: "sha1WithRSAEncryption".into(),
            },
        ],
        FindingId::SniDefaultCert => vec![
            K::SniDefaultCert {
                requested: "shop.example.jp".into(),
                default_subject: "default.example.net".into(),
                default_names: vec!["default.example.net".into()],
                mail_relays: false,
            },
            K::SniDefaultCert {
                requested: "mx.example.jp".into(),
                default_subject: "mail.hosting.example.net".into(),
                default_names: vec!["mail.hosting.example.net".into()],
                mail_relays: true,
            },
        ],
        FindingId::ClockAhead | FindingId::ClockBehind => {
            // Consistent with the clock check: the certificate is outside its validity at this
            // device's time (NOW) and inside it at the reference's.
            let ahead = id == FindingId::ClockAhead;
            let offset = if ahead { 3 * day + 7200 } else { -(40 * day) };
            let (not_before, not_after) = if ahead {
                (NOW.plus_seconds(-30 * day), NOW.plus_seconds(-day))
            } else {
                (NOW.plus_seconds(10 * day), NOW.plus_seconds(100 * day))
            };
            let skew = ClockSkew {
                offset_seconds: offset,
                local: NOW,
                reference: NOW.plus_seconds(-offset),
                source: ClockSource::ServerDate,
                reference_server: None,
                os: None,
                zone_suspect: false,
                not_before,
                not_after,
            };
            // From a time server, with the computer's clock right and only the browser's off.
            let sntp = ClockSkew {
                source: ClockSource::Sntp,
                reference_server: Some("ntp.nict.jp".into()),
                os: Some(NOW.plus_seconds(-offset + 2)),
                ..skew.clone()
            };
            // The browser's clock and the computer's both off, by different amounts.
            let both = ClockSkew { os: Some(NOW.plus_seconds(-offset / 2)), ..skew.clone() };
            // Exactly nine hours, the device set to UTC+9: in Japan (the snapshots' zone) the
            // zone is right and the clock is not; elsewhere the zone is the suspect.
            let zone = ClockSkew {
                offset_seconds: if ahead { 9 * 3600 } else { -9 * 3600 },
                reference: NOW.plus_seconds(if ahead { -9 * 3600 } else { 9 * 3600 }),
                zone_suspect: true,
                not_before: if ahead { NOW.plus_seconds(-30 * day) } else { NOW.plus_seconds(3600) },
                not_after: if ahead { NOW.plus_seconds(-3600) } else { NOW.plus_seconds(60 * day) },
                ..skew.clone()
            };
            [skew, sntp, both, zone]
                .into_iter()
                .map(|skew| if ahead { K::ClockAhead { skew } } else { K::ClockBehind { skew } })
                .collect()
        }
        FindingId::StaleBrowserState => vec![K::StaleBrowserState {
            browser: BrowserFamily::Chromium,
            code: "net::ERR_CERT_DATE_INVALID".into(),
            name: None,
            origin: "https://www.example.jp".into(),
            version: "TLS 1.3".into(),
            cipher: "TLS13_AES_128_GCM_SHA256".into(),
        }],
        FindingId::InterceptionKnownProduct => [
            (InterceptorKind::Antivirus, "ESET SSL Filter", "eset", "ESET SSL Filter CA", false),
            (InterceptorKind::CorporateProxy, "Zscaler", "zscaler", "Zscaler Root CA", false),
            (InterceptorKind::DebugProxy, "Fiddler", "fiddler", "DO_NOT_TRUST_FiddlerRoot", false),
            (InterceptorKind::Adware, "Superfish", "superfish", "Superfish, Inc.", false),
            (InterceptorKind::Firewall, "FortiGate", "fortigate", "FortiGate CA", true),
        ]
        .into_iter()
        .map(|(kind, product, id, issuer, expected)| K::InterceptionKnownProduct {
            product: product.into(),
            product_id: id.into(),
            kind,
            issuer: issuer.into(),
            expected,
            trusted_by: if expected { vec![TrustStore::System] } else { vec![] },
        })
        // Seen on a page that loaded: the browser trusted the product's root.
        .chain([K::InterceptionKnownProduct {
            product: "ESET SSL Filter".into(),
            product_id: "eset".into(),
            kind: InterceptorKind::Antivirus,
            issuer: "ESET SSL Filter CA".into(),
            expected: false,
            trusted_by: vec![TrustStore::Browser],
        }])
        // A page that loaded through Superfish: its root is trusted, its key is public.
        .chain([K::InterceptionKnownProduct {
            product: "Superfish".into(),
            product_id: "superfish".into(),
            kind: InterceptorKind::Adware,
            issuer: "Superfish, Inc.".into(),
            expected: false,
            trusted_by: vec![TrustStore::Browser],
        }])
        .collect(),
        // Found by the host (the OS store trusts the root), declared or not; and seen by the
        // browser on a page that loaded.
        FindingId::InterceptionCorporate => {
            [(false, TrustStore::System), (true, TrustStore::System), (false, TrustStore::Browser)]
                .into_iter()
                .map(|(expected, store)| K::InterceptionCorporate {
                    issuer: "Example Corp TLS Inspection CA".into(),
                    sha256: "5f3c0c2a9e1b7d6e4a8f0b1c2d3e4f5061728394a5b6c7d8e9f00112233445566".into(),
                    expected,
                    trusted_by: vec![store],
                })
                .collect()
        }
        FindingId::InterceptionUnknown => vec![K::InterceptionUnknown {
            issuer: "Secure Gateway".into(),
            canary: Some("connectivitycheck.gstatic.com".into()),
        }],
        FindingId::CaptivePortal => vec![
            K::CaptivePortal {
                url: "http://connectivitycheck.gstatic.com/generate_204".into(),
                status: 302,
                location: Some("http://wifi.example.net/login".into()),
                title: None,
                private_answers: vec![ip("10.0.0.1")],
            },
            K::CaptivePortal {
                url: "http://connectivitycheck.gstatic.com/generate_204".into(),
                status: 200,
                location: None,
                title: Some("Free Wi-Fi Login".into()),
                private_answers: vec![],
            },
        ],
        FindingId::InternalCaUntrusted => vec![
            K::InternalCaUntrusted {
                issuer: Some("Example Corp Internal Root CA".into()),
                domain: Some("corp.example.co.jp".into()),
                declared: true,
                os_trusts: false,
            },
            K::InternalCaUntrusted {
                issuer: Some("Example Corp Internal Root CA".into()),
                domain: None,
                declared: true,
                os_trusts: true,
            },
            K::InternalCaUntrusted {
                issuer: None,
                domain: Some("corp.example.co.jp".into()),
                declared: false,
                os_trusts: false,
            },
        ],
        FindingId::OutdatedClient => vec![
            K::OutdatedClient {
                browser: "Firefox".into(),
                version: "60".into(),
                needs: ProtocolVersion::Tls1_3,
                since: 63,
            },
            // A server that needs TLS 1.2 and a Chrome from before it (Chrome 30 brought it).
            K::OutdatedClient {
                browser: "Chrome".into(),
                version: "29".into(),
                needs: ProtocolVersion::Tls1_2,
                since: 30,
            },
        ],
        FindingId::BrowserError => browser_error_samples(),
        FindingId::RefusedByPolicy => refusal_samples(),
        FindingId::LegacyProtocolOnly => vec![
            K::LegacyProtocolOnly {
                accepted: vec![ProtocolVersion::Tls1_0],
                cipher: Some("TLS_RSA_WITH_AES_128_CBC_SHA".into()),
            },
            // An old appliance that speaks nothing newer than SSL 3.0.
            K::LegacyProtocolOnly {
                accepted: vec![ProtocolVersion::Ssl3],
                cipher: Some("TLS_RSA_WITH_3DES_EDE_CBC_SHA".into()),
            },
        ],
        FindingId::LegacyProtocolEnabled => {
            vec![K::LegacyProtocolEnabled { versions: vec![ProtocolVersion::Tls1_0, ProtocolVersion::Tls1_1] }]
        }
        // Each weakness with a suite that has it (`crate::tls::SUITES` classes them).
        FindingId::WeakCipherOnly => [
            (Weakness::Rc4, "TLS_RSA_WITH_RC4_128_SHA"),
            (Weakness::TripleDes, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"),
            (Weakness::Null, "TLS_RSA_WITH_NULL_SHA256"),
            (Weakness::Export, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA"),
            (Weakness::Anonymous, "TLS_DH_anon_WITH_AES_128_CBC_SHA"),
            (Weakness::StaticRsa, "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            (Weakness::Dhe { bits: Some(1024) }, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            (Weakness::Dhe { bits: None }, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"),
        ]
        .into_iter()
        .map(|(weakness, cipher)| K::WeakCipherOnly {
            version: ProtocolVersion::Tls1_2,
            cipher: cipher.into(),
            weakness,
        })
        .collect(),
        FindingId::WeakCipherEnabled => vec![
            K::WeakCipherEnabled {
                version: ProtocolVersion::Tls1_2,
                cipher: "TLS_RSA_WITH_3DES_EDE_CBC_SHA".into(),
                weakness: Weakness::TripleDes,
            },
            K::WeakCipherEnabled {
                version: ProtocolVersion::Tls1_2,
                cipher: "TLS_RSA_WITH_AES_256_GCM_SHA384".into(),
                weakness: Weakness::StaticRsa,
            },
        ],
        FindingId::NoCipherOverlap => vec![K::NoCipherOverlap { versions: vec![ProtocolVersion::Tls1_2] }],
        FindingId::Revoked => vec![
            K::Revoked {
                revoked_at: NOW.plus_seconds(-5 * day),
                reason: Some("key_compromise".into()),
                method: RevocationMethod::Ocsp,
            },
            K::Revoked { revoked_at: NOW.plus_seconds(-day), reason: None, method: RevocationMethod::Crl },
        ],
        FindingId::OcspStapleMissing => vec![K::OcspStapleMissing {}],
        FindingId::OcspStapleStale => vec![K::OcspStapleStale { next_update: NOW.plus_seconds(-2 * day) }],
        FindingId::RevocationUnavailable => vec![K::RevocationUnavailable {
            methods: vec![RevocationMethod::Ocsp, RevocationMethod::Crl],
            detail: "timed out; HTTP 503".into(),
        }],
        FindingId::WeakSignature => vec![K::WeakSignature {
            position: 1,
            subject: "Old Issuing CA".into(),
            algorithm: "sha1WithRSAEncryption".into(),
        }],
        FindingId::WeakKey => {
            vec![
                K::WeakKey {
                    position: 0,
                    subject: "printer.example.jp".into(),
                    key: "RSA 1024".into(),
                    fails_handshake: false,
                },
                K::WeakKey {
                    position: 0,
                    subject: "nas.example.jp".into(),
                    key: "RSA 512".into(),
                    fails_handshake: true,
                },
            ]
        }
        // One per period of the CA/Browser Forum's schedule (ballot SC-081), by issue date:
        // 398 days before 2026-03-15, 200 from then, 100 from 2027-03-15, 47 from 2029-03-15.
        // Validity counts inclusive seconds, so a certificate of `d` days ends a second
        // before its `d`th day does. The later two are issued after `NOW` (they would also be
        // not yet valid); their validity is what is judged here.
        FindingId::ValidityTooLong => [
            (Timestamp(1_748_736_000), 825),     // 2025-06-01: over 398, browsers refuse it
            (NOW.plus_seconds(-100 * day), 825), // 2026-08-10: over 398 too
            (Timestamp(1_775_001_600), 300),     // 2026-04-01: over 200, browsers still accept it
            (Timestamp(1_806_537_600), 150),     // 2027-04-01: over 100
            (Timestamp(1_869_696_000), 90),      // 2029-04-01: over 47
        ]
        .into_iter()
        .map(|(not_before, days)| K::ValidityTooLong {
            days,
            not_before,
            not_after: not_before.plus_seconds(days * day - 1),
        })
        .collect(),
        FindingId::WrongUsage => vec![
            K::WrongUsage { purposes: Some(vec!["clientAuth".into(), "emailProtection".into()]) },
            // No extended key usage at all (which bars nothing): the key usage bars TLS.
            K::WrongUsage { purposes: None },
            // serverAuth listed, but the key usage bars TLS.
            K::WrongUsage { purposes: Some(vec!["serverAuth".into()]) },
        ],
        FindingId::KeyMismatch => vec![K::KeyMismatch {
            path: "/etc/letsencrypt/live/www.example.jp/privkey.pem".into(),
            key: "EC P-256".into(),
            leaf_key: "RSA 2048".into(),
        }],
        FindingId::ChainWrongOrder => vec![K::ChainWrongOrder {}],
        FindingId::ClientCertOptional => vec![
            K::ClientCertOptional { issuers: vec!["Example Staff CA".into()] },
            K::ClientCertOptional { issuers: Vec::new() },
        ],
        FindingId::RootInChain => vec![K::RootInChain { subject: "Example Root CA".into() }],
        FindingId::ClientAuthUsage => vec![K::ClientAuthUsage { not_after: NOW.plus_seconds(80 * 86_400) }],
        FindingId::ExpiredCrossSign => vec![K::ExpiredCrossSign {
            position: 3,
            subject: "ISRG Root X1".into(),
            issuer: "DST Root CA X3".into(),
            // The real cross-sign's end: 2024-09-30T18:14:03Z.
            not_after: Timestamp(1_727_720_043),
            days_ago: Timestamp(1_727_720_043).days_until(NOW),
        }],
        FindingId::StarttlsNotOffered => vec![
            K::StarttlsNotOffered {
                protocol: StarttlsProtocol::Smtp,
                port: 587,
                greeting: Some("220 mail.example.jp ESMTP Postfix".into()),
                plaintext_auth: vec!["PLAIN".into(), "LOGIN".into()],
            },
            K::StarttlsNotOffered {
                protocol: StarttlsProtocol::Imap,
                port: 143,
                greeting: Some("* OK Dovecot ready.".into()),
                plaintext_auth: Vec::new(),
            },
            // vsftpd without `ssl_enable`: its FEAT lists no AUTH TLS.
            K::StarttlsNotOffered {
                protocol: StarttlsProtocol::Ftp,
                port: 21,
                greeting: Some("220 (vsFTPd 3.0.5)".into()),
                plaintext_auth: Vec::new(),
            },
        ],
        FindingId::StarttlsFailed => vec![
            K::StarttlsFailed {
                protocol: StarttlsProtocol::Smtp,
                port: 587,
                failure: StarttlsFailure::Refused { reply: "454 4.7.0 TLS not available due to local problem".into() },
            },
            K::StarttlsFailed {
                protocol: StarttlsProtocol::Imap,
                port: 143,
                failure: StarttlsFailure::Handshake {
                    failure: HandshakeFailure::Alert { alert: "handshake_failure".into() },
                },
            },
            K::StarttlsFailed {
                protocol: StarttlsProtocol::Pop3,
                port: 110,
                failure: StarttlsFailure::Cut { how: CutKind::Closed, during: StarttlsStage::Handshake },
            },
            K::StarttlsFailed {
                protocol: StarttlsProtocol::Smtp,
                port: 25,
                failure: StarttlsFailure::TimedOut { during: StarttlsStage::Dialogue },
            },
            K::StarttlsFailed {
                protocol: StarttlsProtocol::Ftp,
                port: 21,
                failure: StarttlsFailure::ProtocolError { detail: "reply to AUTH TLS is not a number".into() },
            },
        ],
        FindingId::PlaintextAuthOffered => vec![K::PlaintextAuthOffered {
            protocol: StarttlsProtocol::Imap,
            port: 143,
            mechanisms: vec!["PLAIN".into(), "LOGIN".into()],
        }],
    }
}

/// Every kind of browser error once, the codes that mean something else within their kind, and
/// codes enough that every cause a code lists among its first few is rendered. Each sample is a
/// code as the data file describes it (its own causes, whether it can be bypassed), never a
/// mix: a cause the data gives to no code is not shown for one.
pub fn browser_error_samples() -> Vec<FindingKind> {
    use crate::browser;
    let categories = [
        ErrorCategory::CertTime,
        ErrorCategory::CertName,
        ErrorCategory::CertTrust,
        ErrorCategory::CertRevocation,
        ErrorCategory::CertStrength,
        ErrorCategory::CertPolicy,
        ErrorCategory::CertFormat,
        ErrorCategory::TlsVersionCipher,
        ErrorCategory::TlsHandshake,
        ErrorCategory::ClientAuth,
        ErrorCategory::Interception,
        ErrorCategory::PinningCt,
        ErrorCategory::Ech,
        ErrorCategory::Transport,
        ErrorCategory::Proxy,
        ErrorCategory::Internal,
        ErrorCategory::Unknown,
    ];
    let mut out: Vec<FindingKind> = categories
        .iter()
        .map(|category| {
            let entry = browser::codes().iter().find(|e| e.category == *category);
            FindingKind::BrowserError {
                browser: entry.map_or(BrowserFamily::Chromium, |e| e.browser),
                code: entry.map_or("net::ERR_SOMETHING_NEW", |e| e.code).into(),
                name: None,
                category: *category,
                causes: entry.map(|e| e.causes.to_vec()).unwrap_or_default(),
                overridable: entry.and_then(|e| e.overridable),
                server_healthy_now: false,
            }
        })
        .collect();
    out.push(FindingKind::BrowserError {
        browser: BrowserFamily::Chromium,
        code: "net::ERR_CERT_DATE_INVALID".into(),
        name: None,
        category: ErrorCategory::CertTime,
        causes: vec![Cause::StaleBrowserState],
        overridable: Some(true),
        server_healthy_now: true,
    });
    // Codes that mean something else than the first of their category, each as the browser
    // reports it (Firefox as "Error code N", its name decoded).
    out.extend(
        [
            "Error code 2153390069",
            "MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE",
            "net::ERR_CERT_AUTHORITY_INVALID",
            "net::ERR_CERT_REVOKED",
            "SEC_ERROR_REVOKED_CERTIFICATE",
            "net::ERR_CERT_UNABLE_TO_CHECK_REVOCATION",
            "SEC_ERROR_OCSP_SERVER_ERROR",
            "MOZILLA_PKIX_ERROR_REQUIRED_TLS_FEATURE_MISSING",
            "net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH",
            "SSL_ERROR_SSL_DISABLED",
            "net::ERR_CERT_KNOWN_INTERCEPTION_BLOCKED",
            "MOZILLA_PKIX_ERROR_MITM_DETECTED",
            "MOZILLA_PKIX_ERROR_KEY_PINNING_FAILURE",
            "net::ERR_CERTIFICATE_TRANSPARENCY_REQUIRED",
            "net::ERR_CONNECTION_CLOSED",
            "SSL_ERROR_BAD_CERT_DOMAIN",
            // Causes no sample above lists among its first few.
            "net::ERR_CERT_WEAK_KEY",
            "net::ERR_CERT_VALIDITY_TOO_LONG",
            "net::ERR_NAME_NOT_RESOLVED",
            "net::ERR_CONNECTION_REFUSED",
            "MOZILLA_PKIX_ERROR_ISSUER_NO_LONGER_TRUSTED",
            "net::ERR_CERT_SELF_SIGNED_LOCAL_NETWORK",
        ]
        .into_iter()
        .filter_map(reported),
    );
    out
}

/// A browser error as the browser reports it: Chromium's code, or Firefox's "Error code N"
/// with the name it decodes to (as `diagnose_browser` builds it).
fn reported(error: &str) -> Option<FindingKind> {
    let entry = crate::browser::decode(error)?;
    let firefox = entry.browser == BrowserFamily::Firefox;
    let code = match entry.nsresult.filter(|_| firefox) {
        Some(n) => format!("Error code {n}"),
        None => entry.code.to_owned(),
    };
    Some(FindingKind::BrowserError {
        browser: entry.browser,
        name: (code != entry.code).then(|| entry.code.to_owned()),
        code,
        category: entry.category,
        causes: entry.causes.to_vec(),
        overridable: entry.overridable,
        server_healthy_now: false,
    })
}

pub fn refusal_samples() -> Vec<FindingKind> {
    let host = LimitSource::HostPolicy;
    let with = |rule: RefusalRule, source: LimitSource, set: &dyn Fn(&mut Refusal)| {
        let mut r = Refusal::new(rule, source);
        set(&mut r);
        FindingKind::RefusedByPolicy(r)
    };
    vec![
        with(RefusalRule::ProbesOff, host, &|_| {}),
        FindingKind::RefusedByPolicy(Refusal::probes_off(LimitSource::ManagedSettings)),
        with(RefusalRule::PortNotAllowed, host, &|r| r.port = Some(8443)),
        with(RefusalRule::ProtocolNotAllowed, LimitSource::ManagedSettings, &|r| {
            r.starttls = Some(StarttlsProtocol::Smtp)
        }),
        with(RefusalRule::ProtocolNotAllowed, host, &|_| {}),
        with(RefusalRule::HostBlocked, host, &|r| {
            r.host = Some("intranet.example.jp".into());
            r.detail = Some("*.example.jp".into());
        }),
        with(RefusalRule::HostNotAllowed, LimitSource::ManagedSettings, &|r| r.host = Some("www.example.com".into())),
        with(RefusalRule::PrivateAddress, host, &|r| {
            r.host = Some("nas.example.jp".into());
            r.address = Some(ip("10.0.0.5"));
        }),
        with(RefusalRule::PrivateAddress, host, &|r| {
            r.host = Some("192.168.1.1".into());
            r.address = Some(ip("192.168.1.1"));
        }),
        with(RefusalRule::RateLimited, host, &|r| r.retry_after_s = Some(42)),
        with(RefusalRule::PolicyUnreadable, host, &|r| {
            r.detail = Some("/etc/tls-doctor/policy.json: not JSON: expected value at line 1 column 1".into());
        }),
    ]
}
