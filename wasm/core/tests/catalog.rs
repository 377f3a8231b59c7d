//! The catalog, reviewed as prose: every message of both languages is rendered into one file
//! per language (`tests/snapshots/catalog.{ja,en}.txt`), committed, and compared here. To
//! accept a change in wording, run with `UPDATE_SNAPSHOTS=1` and review the diff.
//!
//! Also: the Japanese is polite (です・ます), uses one spelling per term, and no message is
//! empty in either language.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![allow(clippy::disallowed_methods)] // tests may read the environment

use std::net::IpAddr;

use tls_doctor_core::explain::{self, Lang, Notice};
use tls_doctor_core::wire::*;
use tls_doctor_core::{FixedOffset, Timestamp};

const NOW: Timestamp = Timestamp(1_795_000_000); // 2026-11-18T…Z, pinned
const JST: FixedOffset = FixedOffset(9 * 60);

fn ip(s: &str) -> IpAddr {
    s.parse().expect("test address")
}

/// One or more representative findings for every id; the `match` makes a new id fail to
/// compile here until it has a sample.
fn samples(id: FindingId) -> Vec<FindingKind> {
    use FindingKind as K;
    let day = 86_400;
    match id {
        FindingId::Ok => [None, Some("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
            .into_iter()
            .map(|browser_leaf| K::Ok {
                version: "TLS 1.3".into(),
                cipher: "TLS13_AES_256_GCM_SHA384".into(),
                trusted_by: vec![TrustStore::Mozilla, TrustStore::System],
                not_after: NOW.plus_seconds(60 * day),
                days_left: 60,
                browser_leaf: browser_leaf.map(str::to_owned),
            })
            .collect(),
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
        ],
        FindingId::ConnectionReset => vec![
            K::ConnectionReset { address: ip("192.0.2.10"), port: 443, how: CutKind::Reset },
            K::ConnectionReset { address: ip("192.0.2.10"), port: 443, how: CutKind::Closed },
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
        ],
        FindingId::HandshakeFailed => vec![
            K::HandshakeFailed { failure: HandshakeFailure::Alert { alert: "protocol_version".into() } },
            K::HandshakeFailed { failure: HandshakeFailure::Alert { alert: "bad_record_mac".into() } },
            K::HandshakeFailed {
                failure: HandshakeFailure::Protocol {
                    detail: "received corrupt message of type InvalidContentType".into(),
                },
            },
        ],
        FindingId::ClientCertRequired => vec![K::ClientCertRequired { alert: Some("certificate_required".into()) }],
        FindingId::ChainTooLong => vec![K::ChainTooLong { certificates: 25, bytes: 30_000 }],
        // One huge leaf (the hostile lab's), and a chain just over rustls's limit.
        FindingId::CertificateTooLarge => vec![
            K::CertificateTooLarge { certificates: 1, bytes: 850_000 },
            K::CertificateTooLarge { certificates: 3, bytes: 70_000 },
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
                requested: "mail.example.jp".into(),
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
        FindingId::SniDefaultCert => vec![K::SniDefaultCert {
            requested: "shop.example.jp".into(),
            default_subject: "default.example.net".into(),
            default_names: vec!["default.example.net".into()],
        }],
        FindingId::ClockAhead | FindingId::ClockBehind => {
            let ahead = id == FindingId::ClockAhead;
            let offset = if ahead { 3 * day + 7200 } else { -(40 * day) };
            let skew = ClockSkew {
                offset_seconds: offset,
                local: NOW,
                reference: NOW.plus_seconds(-offset),
                source: ClockSource::ServerDate,
                reference_server: None,
                os: None,
                zone_suspect: false,
                not_before: NOW.plus_seconds(-30 * day),
                not_after: NOW.plus_seconds(-day),
            };
            // From a time server, with the computer's clock right and only the browser's off.
            let sntp = ClockSkew {
                source: ClockSource::Sntp,
                reference_server: Some("ntp.nict.jp".into()),
                os: Some(NOW.plus_seconds(-offset + 2)),
                ..skew.clone()
            };
            // Exactly nine hours: the time zone, not the clock (set to UTC+9 while in UTC:
            // behind, a real zone; ahead, UTC+18 does not exist, so the clock text stays).
            let zone = ClockSkew {
                offset_seconds: if ahead { 9 * 3600 } else { -9 * 3600 },
                reference: NOW.plus_seconds(if ahead { -9 * 3600 } else { 9 * 3600 }),
                zone_suspect: true,
                ..skew.clone()
            };
            [skew, sntp, zone]
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
        .collect(),
        FindingId::InterceptionCorporate => [false, true]
            .into_iter()
            .map(|expected| K::InterceptionCorporate {
                issuer: "Example Corp TLS Inspection CA".into(),
                sha256: "5f3c0c2a9e1b7d6e4a8f0b1c2d3e4f5061728394a5b6c7d8e9f00112233445566".into(),
                expected,
                trusted_by: vec![TrustStore::System],
            })
            .collect(),
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
        FindingId::OutdatedClient => vec![K::OutdatedClient {
            browser: "Firefox".into(),
            version: "60".into(),
            needs: ProtocolVersion::Tls1_3,
            since: 63,
        }],
        FindingId::BrowserError => browser_error_samples(),
        FindingId::RefusedByPolicy => refusal_samples(),
        FindingId::LegacyProtocolOnly => vec![K::LegacyProtocolOnly {
            accepted: vec![ProtocolVersion::Tls1_0],
            cipher: Some("TLS_RSA_WITH_AES_128_CBC_SHA".into()),
        }],
        FindingId::LegacyProtocolEnabled => {
            vec![K::LegacyProtocolEnabled { versions: vec![ProtocolVersion::Tls1_0, ProtocolVersion::Tls1_1] }]
        }
        FindingId::WeakCipherOnly => [
            Weakness::Rc4,
            Weakness::TripleDes,
            Weakness::Null,
            Weakness::Export,
            Weakness::Anonymous,
            Weakness::StaticRsa,
            Weakness::Dhe { bits: Some(1024) },
            Weakness::Dhe { bits: None },
        ]
        .into_iter()
        .map(|weakness| K::WeakCipherOnly {
            version: ProtocolVersion::Tls1_2,
            cipher: "TLS_RSA_WITH_RC4_128_SHA".into(),
            weakness,
        })
        .collect(),
        FindingId::WeakCipherEnabled => vec![K::WeakCipherEnabled {
            version: ProtocolVersion::Tls1_2,
            cipher: "TLS_RSA_WITH_3DES_EDE_CBC_SHA".into(),
            weakness: Weakness::TripleDes,
        }],
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
            vec![K::WeakKey { position: 0, subject: "printer.example.jp".into(), key: "RSA 1024".into() }]
        }
        FindingId::ValidityTooLong => vec![K::ValidityTooLong {
            days: 825,
            not_before: NOW.plus_seconds(-100 * day),
            not_after: NOW.plus_seconds(725 * day),
        }],
        FindingId::WrongUsage => vec![
            K::WrongUsage { purposes: Some(vec!["clientAuth".into(), "emailProtection".into()]) },
            K::WrongUsage { purposes: None },
        ],
        FindingId::ChainWrongOrder => vec![K::ChainWrongOrder {}],
        FindingId::RootInChain => vec![K::RootInChain { subject: "Example Root CA".into() }],
        FindingId::ExpiredCrossSign => vec![K::ExpiredCrossSign {
            position: 3,
            subject: "ISRG Root X1".into(),
            issuer: "DST Root CA X3".into(),
            not_after: NOW.plus_seconds(-420 * day),
            days_ago: 420,
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

/// Every kind of browser error once, and every cause within the first few of some sample, so
/// that every category and cause text is rendered.
fn browser_error_samples() -> Vec<FindingKind> {
    use tls_doctor_core::browser;
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
    for chunk in Cause::ALL.chunks(4) {
        out.push(FindingKind::BrowserError {
            browser: BrowserFamily::Firefox,
            code: "Error code 2153390069".into(),
            name: Some("SEC_ERROR_EXPIRED_CERTIFICATE".into()),
            category: ErrorCategory::CertTime,
            causes: chunk.to_vec(),
            overridable: Some(true),
            server_healthy_now: false,
        });
    }
    out.push(FindingKind::BrowserError {
        browser: BrowserFamily::Chromium,
        code: "net::ERR_CERT_DATE_INVALID".into(),
        name: None,
        category: ErrorCategory::CertTime,
        causes: vec![Cause::StaleBrowserState],
        overridable: Some(true),
        server_healthy_now: true,
    });
    out
}

fn notices() -> Vec<Notice> {
    vec![
        Notice::BadTarget { input: "exa mple.jp".into(), reason: "name".into() },
        Notice::BadPort { input: "70000".into() },
        Notice::PlainHttpUrl { input: "http://example.jp/".into() },
        Notice::BadAddress { input: "192.0.2".into() },
        Notice::BadSni { input: "-bad".into() },
        Notice::BadTimeout { input: "0".into() },
        Notice::CaFileUnreadable { path: "/tmp/ca.pem".into(), error: "No such file or directory (os error 2)".into() },
        Notice::CaFileEmpty { path: "/tmp/ca.pem".into() },
        Notice::Internal { detail: "runtime".into() },
        Notice::HostMissing,
        Notice::HostOutdated { found: "0.0.9".into(), needed: "0.1.0".into() },
        Notice::HostFailed { detail: "bad_json".into() },
        Notice::Installed { path: "/home/u/.config/chromium/NativeMessagingHosts/jp.tlsdoctor.host.json".into() },
        Notice::AlreadyInstalled { path: "/etc/chromium/native-messaging-hosts/jp.tlsdoctor.host.json".into() },
        Notice::Removed { path: "/home/u/.mozilla/native-messaging-hosts/jp.tlsdoctor.host.json".into() },
        Notice::NothingToRemove,
        Notice::Registered { key: r"HKCU\Software\Google\Chrome\NativeMessagingHosts\jp.tlsdoctor.host".into() },
        Notice::Unregistered { key: r"HKCU\Software\Google\Chrome\NativeMessagingHosts\jp.tlsdoctor.host".into() },
        Notice::LeftForeign { path: "/x/jp.tlsdoctor.host.json".into(), name: "com.example.other".into() },
        Notice::LeftMalformed { path: "/x/jp.tlsdoctor.host.json".into(), detail: "expected value at line 1".into() },
        Notice::CannotWrite { path: "/etc/opt/chrome".into(), error: "Permission denied (os error 13)".into() },
        Notice::CannotRemove { path: "/etc/opt/chrome".into(), error: "Permission denied (os error 13)".into() },
        Notice::CannotRegister { key: "HKLM".into(), error: "Access is denied".into() },
        Notice::NeedsAdmin,
        Notice::NothingWritten,
        Notice::NoUserDir { variable: "HOME".into() },
        Notice::NoExePath { error: "No such file".into() },
        Notice::BadExtensionId { id: "xyz".into() },
        Notice::ManifestDirNeedsOneBrowser,
    ]
}

/// Every message of one language, as one reviewable text.
fn render(lang: Lang) -> String {
    let mut out = String::new();
    for id in FindingId::ALL {
        for (n, kind) in samples(*id).into_iter().enumerate() {
            let e = explain::explain_finding(&Finding::new(kind), lang, &JST);
            out.push_str(&format!("== {}#{} [{} / {}]\n", id.as_str(), n + 1, e.side_label, e.severity_label));
            out.push_str(&format!("headline: {}\n", e.headline));
            out.push_str(&format!("meaning: {}\n", e.meaning));
            out.push_str(&format!("danger: {}\n", e.danger));
            for (i, s) in e.user_steps.iter().enumerate() {
                out.push_str(&format!("user.{}: {s}\n", i + 1));
            }
            for (i, s) in e.admin_steps.iter().enumerate() {
                let sw = s.software.as_deref().map(|s| format!("{s}: ")).unwrap_or_default();
                out.push_str(&format!("admin.{}: {sw}{}\n", i + 1, s.text));
            }
            for line in &e.evidence {
                out.push_str(&format!("evidence: {} = {}\n", line.label, line.value));
            }
            out.push('\n');
        }
    }
    // The admin steps that differ on a mail server (Postfix, Dovecot).
    for target in mail_targets() {
        for id in FindingId::ALL {
            for (n, kind) in samples(*id).into_iter().enumerate() {
                let finding = Finding::new(kind);
                let web = explain::explain_finding(&finding, lang, &JST);
                let mail = explain::explain_finding_on(&finding, &target, lang, &JST);
                if mail.admin_steps == web.admin_steps && mail.danger == web.danger {
                    continue;
                }
                out.push_str(&format!("== {}#{} on {}:{}\n", id.as_str(), n + 1, target.host, target.port));
                if mail.danger != web.danger {
                    out.push_str(&format!("danger: {}\n", mail.danger));
                }
                for (i, s) in mail.admin_steps.iter().enumerate() {
                    let sw = s.software.as_deref().map(|s| format!("{s}: ")).unwrap_or_default();
                    out.push_str(&format!("admin.{}: {sw}{}\n", i + 1, s.text));
                }
                out.push('\n');
            }
        }
    }
    let l = explain::labels(lang);
    out.push_str("== labels\n");
    for (k, v) in [
        ("meaning", &l.meaning),
        ("danger", &l.danger),
        ("user_steps", &l.user_steps),
        ("admin_steps", &l.admin_steps),
        ("evidence", &l.evidence),
        ("also_found", &l.also_found),
        ("certificates", &l.certificates),
    ] {
        out.push_str(&format!("{k}: {v}\n"));
    }
    out.push_str("\n== notices\n");
    for n in notices() {
        out.push_str(&format!("{}\n", explain::notice(&n, lang)));
    }
    out
}

fn snapshot_path(lang: Lang) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/snapshots/catalog.{}.txt", lang.code()))
}

#[test]
fn catalog_snapshots_match() {
    for lang in Lang::ALL {
        let rendered = render(lang);
        let path = snapshot_path(lang);
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &rendered).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_SNAPSHOTS=1", path.display()));
        if committed != rendered {
            let first = committed.lines().zip(rendered.lines()).position(|(a, b)| a != b).unwrap_or(0);
            panic!(
                "{} differs from the catalog at line {}:\n  committed: {:?}\n  now:       {:?}\nRun with UPDATE_SNAPSHOTS=1 and review the diff.",
                path.display(),
                first + 1,
                committed.lines().nth(first),
                rendered.lines().nth(first)
            );
        }
    }
}

/// A submission port with STARTTLS (Postfix) and an IMAPS port (Dovecot).
fn mail_targets() -> [Target; 2] {
    let target = |host: &str, port, starttls| Target {
        host: host.into(),
        port,
        address: None,
        sni: Some(host.into()),
        verify_name: host.into(),
        starttls,
    };
    [target("smtp.example.jp", 587, Some(StarttlsProtocol::Smtp)), target("imap.example.jp", 993, None)]
}

/// Every Japanese text a user reads, with its message id.
fn japanese_texts() -> Vec<(String, String)> {
    let mut texts = Vec::new();
    for target in mail_targets() {
        for id in FindingId::ALL {
            for kind in samples(*id) {
                let e = explain::explain_finding_on(&Finding::new(kind), &target, Lang::Ja, &JST);
                texts.extend(e.admin_steps.into_iter().map(|s| (format!("{}.mail.admin", id.as_str()), s.text)));
                texts.push((format!("{}.mail.danger", id.as_str()), e.danger));
            }
        }
    }
    for id in FindingId::ALL {
        for kind in samples(*id) {
            let e = explain::explain_finding(&Finding::new(kind), Lang::Ja, &JST);
            let key = id.as_str();
            texts.push((format!("{key}.meaning"), e.meaning));
            texts.push((format!("{key}.danger"), e.danger));
            texts.extend(e.user_steps.into_iter().map(|s| (format!("{key}.user"), s)));
            texts.extend(e.admin_steps.into_iter().map(|s| (format!("{key}.admin"), s.text)));
            texts.push((format!("{key}.headline"), e.headline));
        }
    }
    texts.extend(notices().iter().map(|n| ("notice".to_owned(), explain::notice(n, Lang::Ja))));
    texts
}

/// One spelling per term. The left side is what we write; the right side lists what we do not.
const GLOSSARY: &[(&str, &[&str])] = &[
    (
        "サーバー",
        &["サーバ ", "サーバ。", "サーバの", "サーバを", "サーバが", "サーバに", "サーバと", "サーバで", "サーバは"],
    ),
    ("ブラウザ", &["ブラウザー"]),
    ("ユーザー", &["ユーザ "]),
    ("証明書", &["証明証", "認証書"]),
    ("中間証明書", &["中間CA証明書", "中間認証局証明書"]),
    ("メールアプリ", &["メールソフト", "メーラー", "メールクライアント"]),
    ("端末", &["デバイス"]),
    ("確かめて", &["確認して下さい", "下さい"]),
    ("IPアドレス", &["IP アドレス", "ＩＰアドレス"]),
];

#[test]
fn japanese_uses_one_spelling_per_term() {
    for (key, text) in japanese_texts() {
        for (ours, banned) in GLOSSARY {
            for b in *banned {
                assert!(!text.contains(b), "{key}: write {ours}, not {b:?}: {text}");
            }
        }
    }
}

/// Sentences end politely (です・ます調). Admin steps may end in a code span or a noun phrase
/// in parentheses; headlines are titles.
#[test]
fn japanese_is_polite() {
    const POLITE: &[&str] = &["です", "ます", "ません", "ください", "でした", "ました", "ましょう"];
    for (key, text) in japanese_texts() {
        if key.ends_with(".headline") || key.ends_with(".admin") {
            continue;
        }
        for sentence in text.split('。').map(str::trim).filter(|s| !s.is_empty()) {
            // A closing quote, or a parenthetical such as (あと60日), may follow the verb.
            let bare = strip_trailing_parenthetical(sentence.trim_end_matches('」'));
            assert!(POLITE.iter().any(|p| bare.ends_with(p)), "{key}: not polite: {sentence}。");
        }
        assert!(text.ends_with('。') || text.ends_with('）'), "{key}: ends without 。: {text}");
    }
}

/// `有効です(あと60日(目安))` → `有効です`.
fn strip_trailing_parenthetical(s: &str) -> &str {
    if !s.ends_with([')', '）']) {
        return s;
    }
    let mut depth = 0;
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' => {
                depth -= 1;
                if depth == 0 {
                    return &s[..i];
                }
            }
            _ => {}
        }
    }
    s
}

#[test]
fn no_message_is_empty_and_english_has_no_japanese() {
    for id in FindingId::ALL {
        for kind in samples(*id) {
            for lang in Lang::ALL {
                let e = explain::explain_finding(&Finding::new(kind.clone()), lang, &JST);
                for text in [&e.headline, &e.meaning, &e.danger] {
                    assert!(!text.trim().is_empty(), "{id:?} {lang:?}");
                    if lang == Lang::En {
                        assert!(text.chars().all(|c| (c as u32) < 0x3000), "{id:?}: Japanese in English: {text}");
                    }
                }
                assert!(!e.user_steps.is_empty(), "{id:?} {lang:?}: no user steps");
                assert!(!e.admin_steps.is_empty(), "{id:?} {lang:?}: no admin steps");
            }
        }
    }
}

/// Glosses: the first use of each technical word in a finding's explanation comes with its
/// one-line explanation in parentheses.
#[test]
fn technical_words_are_glossed_in_japanese() {
    const TERMS: &[&str] = &[
        "中間証明書",
        "認証局",
        "DNS",
        "SNI",
        "TLSハンドシェイク",
        "ワイルドカード",
        "ファイアウォール",
        "VPN",
        "クライアント証明書",
    ];
    for id in FindingId::ALL {
        for kind in samples(*id) {
            let e = explain::explain_finding(&Finding::new(kind), Lang::Ja, &JST);
            let text = format!("{}{}{}", e.meaning, e.danger, e.user_steps.concat());
            for term in TERMS {
                if let Some(at) = text.find(term) {
                    let after = &text[at + term.len()..];
                    // `term（gloss）`, `（term：gloss）`, `「*.example.jp」の「*」（gloss）`, or `（termなど、gloss）`.
                    let glossed = after.starts_with(['（', '：'])
                        || after.starts_with("」の「*」（")
                        || after.starts_with("など、");
                    assert!(glossed, "{id:?}: first {term} has no gloss: {text}");
                }
            }
        }
    }
}

fn refusal_samples() -> Vec<FindingKind> {
    let host = PolicySource::HostPolicy;
    let with = |rule: RefusalRule, source: PolicySource, set: &dyn Fn(&mut Refusal)| {
        let mut r = Refusal::new(rule, source);
        set(&mut r);
        FindingKind::RefusedByPolicy(r)
    };
    vec![
        with(RefusalRule::ProbesOff, host, &|_| {}),
        FindingKind::RefusedByPolicy(Refusal::probes_off(PolicySource::ExtensionPolicy)),
        with(RefusalRule::PortNotAllowed, host, &|r| r.port = Some(8443)),
        with(RefusalRule::ProtocolNotAllowed, PolicySource::ExtensionPolicy, &|r| {
            r.starttls = Some(StarttlsProtocol::Smtp)
        }),
        with(RefusalRule::ProtocolNotAllowed, host, &|_| {}),
        with(RefusalRule::HostBlocked, host, &|r| {
            r.host = Some("intranet.example.jp".into());
            r.detail = Some("*.example.jp".into());
        }),
        with(RefusalRule::HostNotAllowed, PolicySource::ExtensionPolicy, &|r| r.host = Some("www.example.com".into())),
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
