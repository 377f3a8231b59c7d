//! Findings: the conclusions of the model. A finding's `id` is public contract (CLI JSON,
//! tests, docs, the extension): extend the list, never rename an id once shipped.

use super::StarttlsProtocol;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::evidence::{DnsError, ProtocolVersion, RejectReason, RevocationMethod, TrustStore};
use super::observation::{BrowserFamily, Cause, ErrorCategory};
use crate::time::Timestamp;

macro_rules! finding_ids {
    ($($variant:ident => $id:literal,)*) => {
        /// The stable identifier of a kind of finding.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum FindingId { $($variant,)* }

        impl FindingId {
            /// Every id, in declaration order.
            pub const ALL: &'static [FindingId] = &[$(FindingId::$variant,)*];

            pub const fn as_str(self) -> &'static str {
                match self { $(FindingId::$variant => $id,)* }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($id => Some(FindingId::$variant),)* _ => None }
            }
        }
    };
}

finding_ids! {
    Ok => "ok",
    DnsFailure => "dns_failure",
    HostUnreachable => "host_unreachable",
    PortClosed => "port_closed",
    TimeoutFiltered => "timeout_filtered",
    ConnectionReset => "connection_reset",
    WrongProtocolOnPort => "wrong_protocol_on_port",
    HandshakeFailed => "handshake_failed",
    ClientCertRequired => "client_cert_required",
    ChainTooLong => "chain_too_long",
    CertificateTooLarge => "certificate_too_large",
    CertUnparseable => "cert_unparseable",
    CertExpired => "cert_expired",
    CertNotYetValid => "cert_not_yet_valid",
    IntermediateExpired => "intermediate_expired",
    ExpiringSoon => "expiring_soon",
    NameMismatch => "name_mismatch",
    SelfSigned => "self_signed",
    UnknownIssuer => "unknown_issuer",
    IncompleteChain => "incomplete_chain",
    ChainInvalid => "chain_invalid",
    SniDefaultCert => "sni_default_cert",
    ClockAhead => "clock_ahead",
    ClockBehind => "clock_behind",
    BrowserError => "browser_error",
    LegacyProtocolOnly => "legacy_protocol_only",
    LegacyProtocolEnabled => "legacy_protocol_enabled",
    WeakCipherOnly => "weak_cipher_only",
    WeakCipherEnabled => "weak_cipher_enabled",
    NoCipherOverlap => "no_cipher_overlap",
    Revoked => "revoked",
    OcspStapleMissing => "ocsp_staple_missing",
    OcspStapleStale => "ocsp_staple_stale",
    RevocationUnavailable => "revocation_unavailable",
    WeakSignature => "weak_signature",
    WeakKey => "weak_key",
    ValidityTooLong => "validity_too_long",
    WrongUsage => "wrong_usage",
    ChainWrongOrder => "chain_wrong_order",
    RootInChain => "root_in_chain",
    ExpiredCrossSign => "expired_cross_sign",
    StarttlsNotOffered => "starttls_not_offered",
    StarttlsFailed => "starttls_failed",
    PlaintextAuthOffered => "plaintext_auth_offered",
    StaleBrowserState => "stale_browser_state",
    InterceptionKnownProduct => "interception_known_product",
    InterceptionCorporate => "interception_corporate",
    InterceptionUnknown => "interception_unknown",
    CaptivePortal => "captive_portal",
    OutdatedClient => "outdated_client",
    InternalCaUntrusted => "internal_ca_untrusted",
    RefusedByPolicy => "refused_by_policy",
}

/// Whose side the cause is on: the first thing a user wants to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Client,
    Server,
    Network,
    Unknown,
    /// Nothing is wrong (`ok`).
    None,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The connection fails, or is unsafe to use.
    Critical,
    /// Works for most users now, but breaks some clients or will break soon.
    Warning,
    Info,
}

/// A finding as it travels: `{"id":"cert_expired","side":"server","severity":"critical",
/// "evidence":{...}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    #[serde(flatten)]
    pub kind: FindingKind,
    pub side: Side,
    pub severity: Severity,
}

impl Finding {
    pub fn new(kind: FindingKind) -> Self {
        Self { side: kind.side(), severity: kind.severity(), kind }
    }

    pub fn id(&self) -> FindingId {
        self.kind.id()
    }
}

impl From<FindingKind> for Finding {
    fn from(kind: FindingKind) -> Self {
        Self::new(kind)
    }
}

/// Every kind of finding with the evidence that supports it. Adding a variant fails to compile
/// until its id, side, severity and both catalogs' texts exist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "id", content = "evidence", rename_all = "snake_case")]
pub enum FindingKind {
    /// The connection is healthy now.
    Ok {
        version: String,
        cipher: String,
        trusted_by: Vec<TrustStore>,
        not_after: Timestamp,
        days_left: i64,
        /// The browser reported the same leaf as the host received: its SHA-256, hex.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        browser_leaf: Option<String>,
    },
    DnsFailure {
        host: String,
        error: DnsError,
        detail: String,
    },
    HostUnreachable {
        address: IpAddr,
        port: u16,
        detail: String,
    },
    PortClosed {
        address: IpAddr,
        port: u16,
    },
    TimeoutFiltered {
        #[serde(default)]
        address: Option<IpAddr>,
        port: u16,
        stage: Stage,
        waited_ms: u64,
    },
    ConnectionReset {
        address: IpAddr,
        port: u16,
        how: CutKind,
    },
    WrongProtocolOnPort {
        port: u16,
        seen: Plaintext,
        /// The first line the server sent, printable ASCII only, shortened.
        first_line: String,
        /// The plaintext dialogue tried on the port (a STARTTLS port); `None` when TLS was
        /// expected from the first byte.
        #[serde(default)]
        starttls: Option<StarttlsProtocol>,
    },
    HandshakeFailed {
        failure: HandshakeFailure,
    },
    ClientCertRequired {
        #[serde(default)]
        alert: Option<String>,
    },
    /// The server sends more certificates than any client follows.
    ChainTooLong {
        certificates: usize,
        bytes: usize,
    },
    /// The server's Certificate message is larger than TLS software commonly accepts (one huge
    /// certificate, or many).
    CertificateTooLarge {
        /// How many certificates the server sent.
        certificates: usize,
        /// Their DER bytes, all together.
        bytes: usize,
    },
    CertUnparseable {
        position: usize,
        error: String,
    },
    CertExpired {
        subject: String,
        not_after: Timestamp,
        days_ago: i64,
    },
    CertNotYetValid {
        subject: String,
        not_before: Timestamp,
        days_until: i64,
    },
    IntermediateExpired {
        position: usize,
        subject: String,
        not_after: Timestamp,
        days_ago: i64,
    },
    ExpiringSoon {
        subject: String,
        not_after: Timestamp,
        days_left: i64,
    },
    NameMismatch {
        requested: String,
        dns_names: Vec<String>,
        ip_addresses: Vec<IpAddr>,
        #[serde(default)]
        common_name: Option<String>,
        /// The certificate has no subjectAltName at all: browsers ignore the CN since 2017.
        cn_only: bool,
        #[serde(default)]
        hint: Option<NameHint>,
    },
    SelfSigned {
        subject: String,
    },
    UnknownIssuer {
        /// The name of the CA nobody trusts (the root, when known).
        issuer: String,
        /// The server sent that root itself.
        root_served: bool,
    },
    IncompleteChain {
        /// The certificate whose issuer was not sent.
        subject: String,
        /// The issuer that is missing.
        missing_issuer: String,
        #[serde(default)]
        aia_url: Option<String>,
        /// The missing certificate was fetched and the completed chain verified.
        confirmed: bool,
    },
    ChainInvalid {
        reason: RejectReason,
        detail: String,
    },
    SniDefaultCert {
        requested: String,
        default_subject: String,
        default_names: Vec<String>,
    },
    /// This device's clock is ahead: a valid certificate looks expired.
    ClockAhead {
        skew: ClockSkew,
    },
    /// This device's clock is behind: a valid certificate looks not yet valid.
    ClockBehind {
        skew: ClockSkew,
    },
    /// The browser reported an error, but the server is healthy now: the browser holds on to
    /// something old (cached pages, cookies, a stored redirect or HSTS entry, an open
    /// connection), or the problem was brief and is over.
    StaleBrowserState {
        browser: BrowserFamily,
        /// As reported, e.g. `net::ERR_CERT_DATE_INVALID`.
        code: String,
        /// The error's name when the report was a number (Firefox's "Error code N").
        #[serde(default)]
        name: Option<String>,
        /// `https://example.jp` (with the port when not the default): what to clear.
        origin: String,
        /// What the host negotiated just now.
        version: String,
        cipher: String,
    },
    /// A known product on this machine or network (antivirus, company proxy, filter) opens
    /// HTTPS connections and re-signs them with its own root.
    InterceptionKnownProduct {
        /// The product's name, e.g. `ESET SSL Filter`.
        product: String,
        /// Its id in the product table (`eset`).
        product_id: String,
        kind: InterceptorKind,
        /// The certificate name that matched.
        issuer: String,
        /// An admin declared this CA expected (managed setting, by SHA-256).
        #[serde(default)]
        expected: bool,
        /// The stores that trust the re-signed chain (empty: none, hence the error).
        #[serde(default)]
        trusted_by: Vec<TrustStore>,
    },
    /// A root this machine trusts but public browsers' root programs do not re-signs the
    /// connection: a company's inspection proxy or private CA.
    InterceptionCorporate {
        issuer: String,
        /// SHA-256 of the issuing root (or the topmost certificate served), hex.
        sha256: String,
        /// An admin declared this CA expected (managed setting, by SHA-256).
        #[serde(default)]
        expected: bool,
        trusted_by: Vec<TrustStore>,
    },
    /// An unknown issuer re-signs unrelated sites alike: something between this machine and
    /// the internet reads the traffic.
    InterceptionUnknown {
        issuer: String,
        /// The unrelated server whose certificate came from the same issuer.
        #[serde(default)]
        canary: Option<String>,
    },
    /// The network holds connections until someone logs in on its page (hotel, station, café
    /// Wi-Fi).
    CaptivePortal {
        /// The check URL whose known answer was replaced.
        url: String,
        status: u16,
        /// Where the check was redirected, when it was.
        #[serde(default)]
        location: Option<String>,
        /// The title of the page that came instead, when there was one.
        #[serde(default)]
        title: Option<String>,
        /// Private addresses a public name resolved to (portals answer DNS themselves).
        #[serde(default)]
        private_answers: Vec<IpAddr>,
    },
    /// An internal site's certificate comes from the organisation's own CA, which this device
    /// (or this browser) does not trust: the device is missing the organisation's root.
    InternalCaUntrusted {
        /// Who issued the certificate (the topmost served certificate's issuer), when the host
        /// measured it.
        #[serde(default)]
        issuer: Option<String>,
        /// The internal domain (managed setting `internalDomains`) the site is in.
        #[serde(default)]
        domain: Option<String>,
        /// The chain leads to a root the admin declared (`internalRootCAs`).
        #[serde(default)]
        declared: bool,
        /// This computer's OS trusts the root, but the browser refused it (Firefox with its own
        /// root list).
        #[serde(default)]
        os_trusts: bool,
    },
    /// The browser is too old for what the server requires.
    OutdatedClient {
        browser: String,
        /// The version the browser reported in its user agent.
        version: String,
        /// The oldest protocol version the server accepts.
        needs: ProtocolVersion,
        /// The first major version of this browser that speaks it.
        since: u32,
    },
    /// What the browser reported, with its usual causes: the explanation before (or without)
    /// the host's measurements.
    BrowserError {
        browser: BrowserFamily,
        /// As reported, e.g. `net::ERR_CERT_DATE_INVALID`.
        code: String,
        /// The error's name when the report was a number (Firefox's "Error code N").
        #[serde(default)]
        name: Option<String>,
        category: ErrorCategory,
        /// The usual causes, most likely first.
        causes: Vec<Cause>,
        /// Whether the browser lets users click through; `None` when unknown.
        #[serde(default)]
        overridable: Option<bool>,
        /// The host checked the server just now and found it healthy.
        #[serde(default)]
        server_healthy_now: bool,
    },
    /// The server speaks only SSL 3.0 / TLS 1.0 / TLS 1.1, which browsers refuse.
    LegacyProtocolOnly {
        accepted: Vec<ProtocolVersion>,
        /// The suite it chose with the newest of them.
        #[serde(default)]
        cipher: Option<String>,
    },
    /// Current TLS works, but the server still also accepts these old versions.
    LegacyProtocolEnabled {
        versions: Vec<ProtocolVersion>,
    },
    /// The server accepts no cipher suite current browsers offer, only weak ones.
    WeakCipherOnly {
        version: ProtocolVersion,
        cipher: String,
        weakness: Weakness,
    },
    /// Current ciphers work, but the server also accepts a weak one.
    WeakCipherEnabled {
        version: ProtocolVersion,
        cipher: String,
        weakness: Weakness,
    },
    /// The server speaks TLS but accepted no cipher suite offered, modern or legacy.
    NoCipherOverlap {
        versions: Vec<ProtocolVersion>,
    },
    Revoked {
        revoked_at: Timestamp,
        #[serde(default)]
        reason: Option<String>,
        method: RevocationMethod,
    },
    /// The certificate demands a stapled OCSP response (must-staple), and none came.
    OcspStapleMissing {},
    /// The stapled OCSP response is past its nextUpdate.
    OcspStapleStale {
        next_update: Timestamp,
    },
    /// Whether the certificate is revoked could not be confirmed.
    RevocationUnavailable {
        methods: Vec<RevocationMethod>,
        detail: String,
    },
    WeakSignature {
        position: usize,
        subject: String,
        algorithm: String,
    },
    WeakKey {
        position: usize,
        subject: String,
        key: String,
    },
    ValidityTooLong {
        days: i64,
        not_before: Timestamp,
        not_after: Timestamp,
    },
    /// The certificate is not for TLS servers (extended key usage / key usage).
    WrongUsage {
        #[serde(default)]
        purposes: Option<Vec<String>>,
    },
    /// The server sends the certificates of its chain in the wrong order.
    ChainWrongOrder {},
    /// The server sends the root certificate too (harmless, but useless).
    RootInChain {
        subject: String,
    },
    /// A trusted path exists, but the server also sends an expired cross-signed certificate of
    /// that path's root, which older clients follow instead (the 2021 Let's Encrypt
    /// DST Root CA X3 outage).
    ExpiredCrossSign {
        position: usize,
        /// The root the cross-sign vouches for (its subject).
        subject: String,
        /// The older root that signed it.
        issuer: String,
        not_after: Timestamp,
        days_ago: i64,
    },
    /// The server talks only in plaintext: it does not offer to switch to TLS.
    StarttlsNotOffered {
        protocol: StarttlsProtocol,
        port: u16,
        #[serde(default)]
        greeting: Option<String>,
        /// Ways to log in it offered all the same (in plaintext).
        #[serde(default)]
        plaintext_auth: Vec<String>,
    },
    /// The server offered the switch to TLS, but it did not happen.
    StarttlsFailed {
        protocol: StarttlsProtocol,
        port: u16,
        failure: StarttlsFailure,
    },
    /// The server offers to log in before the switch to TLS.
    PlaintextAuthOffered {
        protocol: StarttlsProtocol,
        port: u16,
        mechanisms: Vec<String>,
    },
    /// The server was not checked: an administrator's limit refused it (the host's policy
    /// file, or the extension's managed settings). Says which rule, so that nobody mistakes
    /// "not checked" for "healthy".
    RefusedByPolicy(super::Refusal),
}

/// How an offered switch to TLS failed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StarttlsFailure {
    /// The server refused the command (e.g. SMTP `454 TLS not available`).
    Refused {
        reply: String,
    },
    /// The server broke the protocol's rules.
    ProtocolError {
        detail: String,
    },
    /// The connection ended: during the plaintext dialogue, or in the TLS handshake after it.
    Cut {
        how: CutKind,
        during: StarttlsStage,
    },
    TimedOut {
        during: StarttlsStage,
    },
    /// The TLS handshake after the switch failed.
    Handshake {
        failure: HandshakeFailure,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StarttlsStage {
    Dialogue,
    Handshake,
}

/// Why a cipher suite the server chose is weak.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Weakness {
    Rc4,
    TripleDes,
    Null,
    Export,
    Anonymous,
    /// RSA key exchange: no forward secrecy.
    StaticRsa,
    /// Finite-field DH, in a group of this many bits (when known).
    Dhe {
        #[serde(default)]
        bits: Option<u32>,
    },
}

/// How far this device's clock is from a reference clock, and the certificate dates that make
/// it matter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockSkew {
    /// This device minus the reference, in seconds: positive when this device is ahead.
    pub offset_seconds: i64,
    /// This device's clock.
    pub local: Timestamp,
    /// The reference clock at the same moment.
    pub reference: Timestamp,
    /// Where the reference came from.
    pub source: ClockSource,
    /// The SNTP server, when the reference came from one.
    #[serde(default)]
    pub reference_server: Option<String>,
    /// The operating system's clock at the same moment, when it differs from `local` (the
    /// browser's) by more than the tolerance.
    #[serde(default)]
    pub os: Option<Timestamp>,
    /// The offset is a whole number of quarter hours: the time zone setting is likely wrong
    /// rather than the clock (the wall time looks right, UTC is not).
    #[serde(default)]
    pub zone_suspect: bool,
    pub not_before: Timestamp,
    pub not_after: Timestamp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockSource {
    /// The server's HTTP `Date` header.
    ServerDate,
    /// An SNTP server (RFC 4330).
    Sntp,
}

/// What kind of product intercepts (the `kinds` of `data/interception-products.json`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterceptorKind {
    Antivirus,
    CorporateProxy,
    Firewall,
    SchoolOrWebFilter,
    ParentalControl,
    DebugProxy,
    Adware,
    DeviceVendor,
    Government,
    Test,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Connect,
    /// Waiting for a STARTTLS server's greeting.
    Greeting,
    TlsHandshake,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CutKind {
    /// A TCP reset.
    Reset,
    /// An orderly close before any answer.
    Closed,
}

/// What a non-TLS answer looked like.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Plaintext {
    Http,
    Smtp,
    Imap,
    Pop3,
    Ftp,
    /// `220 …` without a word that tells SMTP from FTP.
    SmtpOrFtp,
    Ssh,
    /// Some other readable text.
    OtherText,
    /// Bytes that are neither TLS nor text.
    Binary,
    /// TLS from the first byte (implicit TLS), where a plaintext greeting was expected.
    Tls,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HandshakeFailure {
    /// The server refused with a TLS alert.
    Alert { alert: String },
    /// The server broke the protocol.
    Protocol { detail: String },
}

/// Why a certificate that almost fits does not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NameHint {
    /// `www.example.jp` was asked and only `example.jp` is covered, or the reverse.
    WwwVariant { covered: String },
    /// `*.example.jp` covers one label: not `example.jp` itself.
    WildcardNotBare { wildcard: String },
    /// `*.example.jp` covers one label: not `a.b.example.jp`.
    WildcardOneLevel { wildcard: String },
}

impl FindingKind {
    pub fn id(&self) -> FindingId {
        use FindingKind as K;
        match self {
            K::Ok { .. } => FindingId::Ok,
            K::DnsFailure { .. } => FindingId::DnsFailure,
            K::HostUnreachable { .. } => FindingId::HostUnreachable,
            K::PortClosed { .. } => FindingId::PortClosed,
            K::TimeoutFiltered { .. } => FindingId::TimeoutFiltered,
            K::ConnectionReset { .. } => FindingId::ConnectionReset,
            K::WrongProtocolOnPort { .. } => FindingId::WrongProtocolOnPort,
            K::HandshakeFailed { .. } => FindingId::HandshakeFailed,
            K::ClientCertRequired { .. } => FindingId::ClientCertRequired,
            K::ChainTooLong { .. } => FindingId::ChainTooLong,
            K::CertificateTooLarge { .. } => FindingId::CertificateTooLarge,
            K::CertUnparseable { .. } => FindingId::CertUnparseable,
            K::CertExpired { .. } => FindingId::CertExpired,
            K::CertNotYetValid { .. } => FindingId::CertNotYetValid,
            K::IntermediateExpired { .. } => FindingId::IntermediateExpired,
            K::ExpiringSoon { .. } => FindingId::ExpiringSoon,
            K::NameMismatch { .. } => FindingId::NameMismatch,
            K::SelfSigned { .. } => FindingId::SelfSigned,
            K::UnknownIssuer { .. } => FindingId::UnknownIssuer,
            K::IncompleteChain { .. } => FindingId::IncompleteChain,
            K::ChainInvalid { .. } => FindingId::ChainInvalid,
            K::SniDefaultCert { .. } => FindingId::SniDefaultCert,
            K::ClockAhead { .. } => FindingId::ClockAhead,
            K::ClockBehind { .. } => FindingId::ClockBehind,
            K::BrowserError { .. } => FindingId::BrowserError,
            K::StaleBrowserState { .. } => FindingId::StaleBrowserState,
            K::InterceptionKnownProduct { .. } => FindingId::InterceptionKnownProduct,
            K::InterceptionCorporate { .. } => FindingId::InterceptionCorporate,
            K::InterceptionUnknown { .. } => FindingId::InterceptionUnknown,
            K::CaptivePortal { .. } => FindingId::CaptivePortal,
            K::OutdatedClient { .. } => FindingId::OutdatedClient,
            K::InternalCaUntrusted { .. } => FindingId::InternalCaUntrusted,
            K::LegacyProtocolOnly { .. } => FindingId::LegacyProtocolOnly,
            K::LegacyProtocolEnabled { .. } => FindingId::LegacyProtocolEnabled,
            K::WeakCipherOnly { .. } => FindingId::WeakCipherOnly,
            K::WeakCipherEnabled { .. } => FindingId::WeakCipherEnabled,
            K::NoCipherOverlap { .. } => FindingId::NoCipherOverlap,
            K::Revoked { .. } => FindingId::Revoked,
            K::OcspStapleMissing { .. } => FindingId::OcspStapleMissing,
            K::OcspStapleStale { .. } => FindingId::OcspStapleStale,
            K::RevocationUnavailable { .. } => FindingId::RevocationUnavailable,
            K::WeakSignature { .. } => FindingId::WeakSignature,
            K::WeakKey { .. } => FindingId::WeakKey,
            K::ValidityTooLong { .. } => FindingId::ValidityTooLong,
            K::WrongUsage { .. } => FindingId::WrongUsage,
            K::ChainWrongOrder { .. } => FindingId::ChainWrongOrder,
            K::RootInChain { .. } => FindingId::RootInChain,
            K::ExpiredCrossSign { .. } => FindingId::ExpiredCrossSign,
            K::StarttlsNotOffered { .. } => FindingId::StarttlsNotOffered,
            K::StarttlsFailed { .. } => FindingId::StarttlsFailed,
            K::PlaintextAuthOffered { .. } => FindingId::PlaintextAuthOffered,
            K::RefusedByPolicy(_) => FindingId::RefusedByPolicy,
        }
    }

    pub fn side(&self) -> Side {
        self.id().side()
    }

    pub fn severity(&self) -> Severity {
        self.id().severity()
    }
}

impl FindingId {
    pub const fn side(self) -> Side {
        use FindingId as F;
        match self {
            F::Ok => Side::None,
            F::DnsFailure | F::HostUnreachable | F::PortClosed | F::TimeoutFiltered | F::ConnectionReset => {
                Side::Network
            }
            F::ClientCertRequired
            | F::ClockAhead
            | F::ClockBehind
            | F::StaleBrowserState
            | F::InterceptionKnownProduct
            | F::InterceptionCorporate
            | F::InterceptionUnknown
            | F::CaptivePortal
            | F::OutdatedClient
            | F::InternalCaUntrusted => Side::Client,
            F::BrowserError | F::RefusedByPolicy => Side::Unknown,
            F::WrongProtocolOnPort
            | F::HandshakeFailed
            | F::ChainTooLong
            | F::CertificateTooLarge
            | F::CertUnparseable
            | F::CertExpired
            | F::CertNotYetValid
            | F::IntermediateExpired
            | F::ExpiringSoon
            | F::NameMismatch
            | F::SelfSigned
            | F::UnknownIssuer
            | F::IncompleteChain
            | F::ChainInvalid
            | F::SniDefaultCert
            | F::LegacyProtocolOnly
            | F::LegacyProtocolEnabled
            | F::WeakCipherOnly
            | F::WeakCipherEnabled
            | F::NoCipherOverlap
            | F::Revoked
            | F::OcspStapleMissing
            | F::OcspStapleStale
            | F::RevocationUnavailable
            | F::WeakSignature
            | F::WeakKey
            | F::ValidityTooLong
            | F::WrongUsage
            | F::ChainWrongOrder
            | F::RootInChain
            | F::ExpiredCrossSign
            | F::StarttlsNotOffered
            | F::StarttlsFailed
            | F::PlaintextAuthOffered => Side::Server,
        }
    }

    pub const fn severity(self) -> Severity {
        use FindingId as F;
        match self {
            F::Ok => Severity::Info,
            F::ExpiringSoon
            | F::SniDefaultCert
            | F::LegacyProtocolEnabled
            | F::WeakCipherEnabled
            | F::OcspStapleStale
            | F::RevocationUnavailable
            | F::ValidityTooLong
            | F::ChainWrongOrder
            | F::ExpiredCrossSign
            | F::PlaintextAuthOffered
            | F::StaleBrowserState => Severity::Warning,
            F::RootInChain | F::RefusedByPolicy => Severity::Info,
            F::DnsFailure
            | F::ClientCertRequired
            | F::ClockAhead
            | F::ClockBehind
            | F::BrowserError
            | F::HostUnreachable
            | F::PortClosed
            | F::TimeoutFiltered
            | F::ConnectionReset
            | F::WrongProtocolOnPort
            | F::HandshakeFailed
            | F::ChainTooLong
            | F::CertificateTooLarge
            | F::CertUnparseable
            | F::CertExpired
            | F::CertNotYetValid
            | F::IntermediateExpired
            | F::NameMismatch
            | F::SelfSigned
            | F::UnknownIssuer
            | F::IncompleteChain
            | F::ChainInvalid
            | F::LegacyProtocolOnly
            | F::WeakCipherOnly
            | F::NoCipherOverlap
            | F::Revoked
            | F::OcspStapleMissing
            | F::WeakSignature
            | F::WeakKey
            | F::WrongUsage
            | F::StarttlsNotOffered
            | F::StarttlsFailed
            | F::InterceptionKnownProduct
            | F::InterceptionCorporate
            | F::InterceptionUnknown
            | F::CaptivePortal
            | F::OutdatedClient
            | F::InternalCaUntrusted => Severity::Critical,
        }
    }
}
