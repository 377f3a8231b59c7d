//! Findings: the conclusions of the model. A finding's `id` is public contract (CLI JSON,
//! tests, docs, the extension): extend the list, never rename an id once shipped.

use super::StarttlsProtocol;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::evidence::{DnsError, ProtocolVersion, RejectReason, RevocationMethod, TrustStore};
use super::facts::{
    ClockSkew, CutKind, HandshakeFailure, InterceptorKind, NameHint, Plaintext, Stage, StarttlsFailure, Weakness,
};
use super::observation::{BrowserFamily, Cause, ErrorCategory};
use crate::time::Timestamp;

/// Declares every finding once: its evidence (the variant's fields), its public id, the side
/// its cause is usually on, its severity, and the group whose plan words it. The rows are in
/// rank order: a finding ranks
/// higher when it must be fixed before another can matter ([`FindingId::rank`]); the comments
/// between rows say why. Generates [`FindingKind`], [`FindingId`] and their `id`, `side`,
/// `severity`, `group`, `rank`. A finding's `id` is public contract: extend the table, never rename.
macro_rules! findings {
    ($( $(#[$meta:meta])* $variant:ident $body:tt => $id:literal, $side:ident, $severity:ident, $group:ident; )*) => {
        /// Every kind of finding with the evidence that supports it.
        #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(tag = "id", content = "evidence", rename_all = "snake_case")]
        pub enum FindingKind { $( $(#[$meta])* $variant $body, )* }

        /// The stable identifier of a kind of finding.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum FindingId { $($variant,)* }

        impl FindingId {
            /// Every id, in rank order.
            pub const ALL: &'static [FindingId] = &[$(FindingId::$variant,)*];

            pub const fn as_str(self) -> &'static str {
                match self { $(FindingId::$variant => $id,)* }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($id => Some(FindingId::$variant),)* _ => None }
            }

            /// The side the cause is on, unless the case says otherwise ([`FindingKind::side`]).
            pub const fn side(self) -> Side {
                match self { $(FindingId::$variant => Side::$side,)* }
            }

            pub const fn severity(self) -> Severity {
                match self { $(FindingId::$variant => Severity::$severity,)* }
            }

            /// Which group of the catalog words it (`explain/plan/<group>/`).
            pub const fn group(self) -> Group {
                match self { $(FindingId::$variant => Group::$group,)* }
            }

            /// Position in the ranking: lower comes first.
            pub const fn rank(self) -> usize {
                self as usize
            }
        }

        impl FindingKind {
            pub fn id(&self) -> FindingId {
                match self { $(FindingKind::$variant { .. } => FindingId::$variant,)* }
            }
        }
    };
}

/// The groups the words of findings come in, one directory each under `explain/plan/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    /// Reaching the server: DNS, routes, ports, silence, resets, non-TLS answers, handshakes.
    Reach,
    /// The server's certificate: dates, names, issuers, the chain.
    Cert,
    /// Certificate hygiene and revocation: sizes, keys, signatures, lifetimes, usage, OCSP.
    Hygiene,
    /// Protocol versions, ciphers, STARTTLS, the browser's own TLS versions.
    Protocol,
    /// Causes on the user's side: the clock, interception, portals, stale browser state.
    Local,
    /// The browser's word alone.
    Browser,
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

findings! {
    // A captive portal holds every connection until someone logs in: it explains whatever
    // else went wrong, and nothing else can be judged until it is passed.
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
    } => "captive_portal", Client, Critical, Local;
    // Nothing else can be seen until the server can be reached at all.
    DnsFailure {
        host: String,
        error: DnsError,
        detail: String,
    } => "dns_failure", Network, Critical, Reach; // no address, so no connection is even tried
    HostUnreachable {
        address: IpAddr,
        port: u16,
        detail: String,
    } => "host_unreachable", Network, Critical, Reach; // no route to the address
    PortClosed {
        address: IpAddr,
        port: u16,
    } => "port_closed", Network, Critical, Reach; // the host answers, but nothing listens on the port
    TimeoutFiltered {
        #[serde(default)]
        address: Option<IpAddr>,
        port: u16,
        stage: Stage,
        waited_ms: u64,
    } => "timeout_filtered", Network, Critical, Reach; // silence: a firewall drops the packets, or the server hangs
    // Something answers, but not with TLS, or not with a TLS we can finish.
    WrongProtocolOnPort {
        port: u16,
        seen: Plaintext,
        /// The first line the server sent, printable ASCII only, shortened.
        first_line: String,
        /// The plaintext dialogue tried on the port (a STARTTLS port); `None` when TLS was
        /// expected from the first byte.
        #[serde(default)]
        starttls: Option<StarttlsProtocol>,
    } => "wrong_protocol_on_port", Server, Critical, Reach; // plain HTTP or a mail banner on a TLS port: the commonest mix-up
    /// The server talks only in plaintext: it does not offer to switch to TLS.
    StarttlsNotOffered {
        protocol: StarttlsProtocol,
        port: u16,
        #[serde(default)]
        greeting: Option<String>,
        /// Ways to log in it offered all the same (in plaintext).
        #[serde(default)]
        plaintext_auth: Vec<String>,
    } => "starttls_not_offered", Server, Critical, Protocol; // plaintext only: no TLS to judge at all
    ClientCertRequired {
        #[serde(default)]
        alert: Option<String>,
        /// The HTTP status the server answered without a certificate (nginx: 400), when that is
        /// how it refused.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        status: Option<u16>,
        /// A mail server's line that refused (Postfix: `421 4.7.1 … No client certificate
        /// presented`), when that is how it refused.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reply: Option<String>,
        /// The issuers it accepts client certificates from, when it named them.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        issuers: Vec<String>,
    } => "client_cert_required", Client, Critical, Reach; // explains why the server then refuses the handshake
    // The server requires a newer protocol than this browser speaks: update the browser.
    /// The browser is too old for what the server requires.
    OutdatedClient {
        browser: String,
        /// The version the browser reported in its user agent.
        version: String,
        /// The oldest protocol version the server accepts.
        needs: ProtocolVersion,
        /// The first major version of this browser that speaks it.
        since: u32,
    } => "outdated_client", Client, Critical, Protocol;
    // The server and today's clients share no protocol or cipher: this explains a handshake
    // that fails (old routers, NAS and printers), and must be fixed first.
    /// The server speaks only SSL 3.0 / TLS 1.0 / TLS 1.1, which browsers refuse.
    LegacyProtocolOnly {
        accepted: Vec<ProtocolVersion>,
        /// The suite it chose with the newest of them.
        #[serde(default)]
        cipher: Option<String>,
    } => "legacy_protocol_only", Server, Critical, Protocol;
    /// The server accepts no cipher suite current browsers offer, only weak ones.
    WeakCipherOnly {
        version: ProtocolVersion,
        cipher: String,
        weakness: Weakness,
    } => "weak_cipher_only", Server, Critical, Protocol;
    /// The server speaks TLS but accepted no cipher suite offered, modern or legacy.
    NoCipherOverlap {
        versions: Vec<ProtocolVersion>,
    } => "no_cipher_overlap", Server, Critical, Protocol;
    // The certificate message is larger than rustls reads: that is why the host's handshake
    // (after a STARTTLS dialogue too) failed, and why some clients cannot connect.
    /// The server's Certificate message is larger than TLS software commonly accepts (one huge
    /// certificate, or many).
    CertificateTooLarge {
        /// How many certificates the server sent; `None` when the message was encrypted
        /// (TLS 1.3) and only its size could be measured.
        certificates: Option<usize>,
        /// Their DER bytes, all together.
        bytes: usize,
    } => "certificate_too_large", Server, Critical, Hygiene;
    // The switch to TLS was offered but failed: below the version findings that explain it.
    /// The server offered the switch to TLS, but it did not happen.
    StarttlsFailed {
        protocol: StarttlsProtocol,
        port: u16,
        failure: StarttlsFailure,
    } => "starttls_failed", Server, Critical, Protocol;
    // ── tls-doctor cert (issue 15) ──
    // The private key is not the leaf's: the server software refuses the pair (nginx and
    // Apache do not start, Postfix and Dovecot refuse TLS), so nothing below matters until the
    // right key is paired with the certificate. Only a file check finds it.
    /// The private key given with the certificate files is not the leaf certificate's.
    KeyMismatch {
        path: String,
        key: String,
        leaf_key: String,
    } => "key_mismatch", Server, Critical, Hygiene;
    // ── end of tls-doctor cert ──
    // The chain cannot be read: this explains a handshake that then fails, and nothing below
    // can be judged reliably.
    /// The server sends more certificates than any client follows.
    ChainTooLong {
        certificates: usize,
        bytes: usize,
    } => "chain_too_long", Server, Critical, Hygiene;
    CertUnparseable {
        position: usize,
        error: String,
    } => "cert_unparseable", Server, Critical, Hygiene;
    ConnectionReset {
        address: IpAddr,
        port: u16,
        how: CutKind,
    } => "connection_reset", Network, Critical, Reach;
    HandshakeFailed {
        failure: HandshakeFailure,
    } => "handshake_failed", Server, Critical, Reach;
    // This device's clock is wrong: valid certificates look expired or not yet valid, and no
    // change on the server would help.
    /// This device's clock is ahead: a valid certificate looks expired.
    ClockAhead {
        skew: ClockSkew,
    } => "clock_ahead", Client, Critical, Local;
    /// This device's clock is behind: a valid certificate looks not yet valid.
    ClockBehind {
        skew: ClockSkew,
    } => "clock_behind", Client, Critical, Local;
    // Something on this side re-signs the connection: the certificate the server really sends
    // is not the one judged, so the certificate findings below do not apply to the server.
    /// An unknown issuer re-signs unrelated sites alike: something between this machine and
    /// the internet reads the traffic.
    InterceptionUnknown {
        issuer: String,
        /// The unrelated server whose certificate came from the same issuer.
        #[serde(default)]
        canary: Option<String>,
    } => "interception_unknown", Client, Critical, Local;
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
    } => "interception_known_product", Client, Critical, Local;
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
    } => "interception_corporate", Client, Critical, Local;
    // The organisation's own CA is missing on this device: the server is fine, and the issuer
    // findings below would blame it.
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
    } => "internal_ca_untrusted", Client, Critical, Cert;
    // The certificate is for another name: whatever else is wrong with it is moot, because
    // the server must present another certificate.
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
    } => "name_mismatch", Server, Critical, Cert;
    // Nobody vouches for the certificate: renewing it the same way would not help.
    SelfSigned {
        subject: String,
    } => "self_signed", Server, Critical, Cert;
    UnknownIssuer {
        /// The name of the CA nobody trusts (the root, when known).
        issuer: String,
        /// The server sent that root itself.
        root_served: bool,
    } => "unknown_issuer", Server, Critical, Cert;
    // --- issue 15 (rules): a CA browsers stopped trusting by date. Re-issuing from another
    // CA is the fix, so completing the chain or renewing from the same CA (below) would not help.
    /// The chain ends at a root that is still in the stores, but Chrome (and for Entrust
    /// Firefox) refuses its certificates issued after a date.
    DistrustedCa {
        /// The root, as people read it.
        root: String,
        /// The first Chrome version that refuses it; `None` when only Firefox does.
        #[serde(default)]
        chrome: Option<u32>,
        firefox: bool,
        /// The last date the refusing browser accepts: Chrome's, else Firefox's.
        cutoff: Timestamp,
        /// The date judged: the earliest SCT, or the notBefore without SCTs.
        issued: Timestamp,
        by_sct: bool,
    } => "distrusted_ca", Server, Critical, Cert;
    // The certificate is good, but the server does not send the intermediate with it.
    IncompleteChain {
        /// The certificate whose issuer was not sent.
        subject: String,
        /// The issuer that is missing.
        missing_issuer: String,
        #[serde(default)]
        aia_url: Option<String>,
        /// The missing certificate was fetched and the completed chain verified.
        confirmed: bool,
    } => "incomplete_chain", Server, Critical, Cert;
    // The issuer withdrew the certificate: nothing else about it matters.
    Revoked {
        revoked_at: Timestamp,
        #[serde(default)]
        reason: Option<String>,
        method: RevocationMethod,
    } => "revoked", Server, Critical, Hygiene;
    // Browsers refuse these certificates outright.
    /// The certificate is not for TLS servers (extended key usage / key usage).
    WrongUsage {
        #[serde(default)]
        purposes: Option<Vec<String>>,
    } => "wrong_usage", Server, Critical, Hygiene;
    WeakSignature {
        position: usize,
        subject: String,
        algorithm: String,
    } => "weak_signature", Server, Critical, Hygiene;
    WeakKey {
        position: usize,
        subject: String,
        key: String,
        /// The leaf's key is too short to sign the handshake a browser starts, and the server
        /// refused it: the key is why the handshake fails (`handshake_failed` is not reported).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        fails_handshake: bool,
    } => "weak_key", Server, Critical, Hygiene;
    /// The certificate demands a stapled OCSP response (must-staple), and none came.
    OcspStapleMissing {} => "ocsp_staple_missing", Server, Critical, Hygiene;
    // Dates: renew (or fix the issuing date).
    CertExpired {
        subject: String,
        not_after: Timestamp,
        days_ago: i64,
    } => "cert_expired", Server, Critical, Cert;
    IntermediateExpired {
        position: usize,
        subject: String,
        not_after: Timestamp,
        days_ago: i64,
    } => "intermediate_expired", Server, Critical, Cert;
    CertNotYetValid {
        subject: String,
        not_before: Timestamp,
        days_until: i64,
    } => "cert_not_yet_valid", Server, Critical, Cert;
    // A verifier rejected the chain for a reason none of the above explains.
    ChainInvalid {
        reason: RejectReason,
        detail: String,
    } => "chain_invalid", Server, Critical, Cert;
    // Only the browser's word: below anything the host measured.
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
    } => "browser_error", Unknown, Critical, Browser;
    // The server is healthy now, yet the browser failed: it holds on to something old.
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
    } => "stale_browser_state", Client, Warning, Local;
    // Works for today's browsers, but not for every client, or not for long.
    /// The server sends the certificates of its chain in the wrong order.
    ChainWrongOrder {} => "chain_wrong_order", Server, Warning, Hygiene;
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
    } => "expired_cross_sign", Server, Warning, Cert;
    ExpiringSoon {
        subject: String,
        not_after: Timestamp,
        days_left: i64,
    } => "expiring_soon", Server, Warning, Cert;
    /// The stapled OCSP response is past its nextUpdate.
    OcspStapleStale {
        next_update: Timestamp,
    } => "ocsp_staple_stale", Server, Warning, Hygiene;
    /// Whether the certificate is revoked could not be confirmed.
    RevocationUnavailable {
        methods: Vec<RevocationMethod>,
        detail: String,
    } => "revocation_unavailable", Server, Warning, Hygiene;
    ValidityTooLong {
        days: i64,
        not_before: Timestamp,
        not_after: Timestamp,
    } => "validity_too_long", Server, Warning, Hygiene;
    // Works, but old protocols or ciphers stay open to attack.
    /// Current TLS works, but the server still also accepts these old versions.
    LegacyProtocolEnabled {
        versions: Vec<ProtocolVersion>,
    } => "legacy_protocol_enabled", Server, Warning, Protocol;
    /// Current ciphers work, but the server also accepts a weak one.
    WeakCipherEnabled {
        version: ProtocolVersion,
        cipher: String,
        weakness: Weakness,
    } => "weak_cipher_enabled", Server, Warning, Protocol;
    // Works over TLS, but a client set up "without SSL" would send its password readable.
    /// The server offers to log in before the switch to TLS.
    PlaintextAuthOffered {
        protocol: StarttlsProtocol,
        port: u16,
        mechanisms: Vec<String>,
    } => "plaintext_auth_offered", Server, Warning, Protocol;
    // Not checked at all: an administrator's limit refused. Only the browser's word (when there
    // is one) ranks above it; it never meets the findings of a check.
    /// The server was not checked: an administrator's limit refused it (the host's policy
    /// file, or the extension's managed settings). Says which rule, so that nobody mistakes
    /// "not checked" for "healthy".
    RefusedByPolicy(super::Refusal) => "refused_by_policy", Unknown, Info, Reach;
    // Nothing to fix…
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
    } => "ok", None, Info, Reach;
    // …except for clients without SNI: the name the user typed gets the right certificate
    // (when it does not, that is `name_mismatch`, critical). Information, except on port 25,
    // where the sending mail servers are the clients, and most send no SNI: a warning there
    // ([`FindingKind::severity`]).
    /// Without SNI the server presents another certificate, one that does not cover the name.
    SniDefaultCert {
        requested: String,
        default_subject: String,
        default_names: Vec<String>,
        /// Port 25: the clients are mail servers delivering here, most of them without SNI.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        mail_relays: bool,
    } => "sni_default_cert", Server, Info, Cert;
    // Nor is this a fault: the server asks for a client certificate and serves without one.
    /// The server asks for a client certificate but answers normally without one (nginx
    /// `ssl_verify_client optional`, Postfix `smtpd_tls_ask_ccert`).
    ClientCertOptional {
        /// The issuers it accepts client certificates from, when it named them.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        issuers: Vec<String>,
    } => "client_cert_optional", None, Info, Reach;
    // Works today; a heads-up for the next renewal.
    /// The certificate is for TLS clients too (clientAuth): public CAs may issue server
    /// certificates only for servers from 2027-03-15 (Chrome Root Program), so its renewal
    /// will not be.
    ClientAuthUsage {
        not_after: Timestamp,
    } => "client_auth_usage", Server, Info, Hygiene;
    // …and tidiness.
    /// The server sends the root certificate too (harmless, but useless).
    RootInChain {
        subject: String,
    } => "root_in_chain", Server, Info, Hygiene;
}

impl FindingKind {
    /// Whose side the cause is on in this case: the id's side, except where the evidence
    /// says otherwise.
    pub fn side(&self) -> Side {
        match self {
            // A STARTTLS dialogue met a port that encrypts from the first byte: the mail app's
            // encryption setting is wrong, not the server.
            FindingKind::WrongProtocolOnPort { seen: Plaintext::Tls, .. } => Side::Client,
            _ => self.id().side(),
        }
    }

    pub fn severity(&self) -> Severity {
        match self {
            FindingKind::SniDefaultCert { mail_relays: true, .. } => Severity::Warning,
            _ => self.id().severity(),
        }
    }
}
