//! Evidence: what the native host measured. Plain data, no judgement: the model decides what
//! it means (see `crate::diagnose`). The host and the extension are updated at different
//! times, so every field added later must be optional (`#[serde(default)]`).

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::plain::map_only;
use super::tagged::{flattening, tagged};

use super::Bytes;
use crate::time::Timestamp;

/// Everything the host measured for one request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    #[serde(rename = "type")]
    pub kind: super::EvidenceType,
    /// Wire version, [`crate::WIRE_VERSION`].
    pub v: u32,
    /// Name and version of the program that measured.
    pub host: HostInfo,
    pub target: Target,
    /// The measuring machine's clock when the probes started.
    pub measured_at: Timestamp,
    /// The deadline every probe of this request ran under.
    pub timeout_ms: u64,
    /// Wall time from the first probe to the last answer.
    pub elapsed_ms: u64,
    pub dns: DnsOutcome,
    /// The first entry is the primary handshake (with SNI unless the target is an IP address
    /// or SNI was turned off); a second one, without SNI, may follow for comparison.
    pub handshakes: Vec<Handshake>,
    /// Issuer certificates fetched through the Authority Information Access extension of the
    /// primary chain, when that chain did not lead to a trusted root by itself.
    #[serde(default)]
    pub aia: Vec<AiaFetch>,
    /// The primary chain completed with the certificates from `aia`, verified again. Empty
    /// when nothing was fetched.
    #[serde(default)]
    pub completed_trust: Vec<StoreVerdict>,
    /// The server's clock, from the HTTP `Date` header over the established connection.
    #[serde(default)]
    pub server_clock: Option<ServerClock>,
    /// Hand-built ClientHellos: which protocol versions and cipher families the server accepts
    /// (see [`VersionProbe`]). Empty when not probed.
    #[serde(default)]
    pub versions: Vec<VersionProbe>,
    /// OCSP and CRL answers about the leaf certificate.
    #[serde(default)]
    pub revocation: Vec<RevocationCheck>,
    /// This machine's surroundings: reference clock, captive portal, canary (see
    /// [`super::local`]).
    #[serde(rename = "client", default, skip_serializing_if = "super::LocalProbes::is_empty")]
    pub local: super::LocalProbes,
    /// The check was refused by the host's policy or the request's limits: nothing was
    /// measured after the step that refused (see [`super::limits`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<super::Refusal>,
    /// Set by `tls-doctor cert`: the primary handshake's chain was read from files, not from a
    /// server, and nothing live was measured (see [`Files`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Files>,
}

/// The certificate files `tls-doctor cert` read in place of a server: only the checks that can
/// judge files run (dates, names, chain, trust, hygiene, the key).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Files {
    /// The certificate files, in the order given (their certificates are the chain).
    pub paths: Vec<String>,
    /// The private key given with `--key`, compared with the leaf's public key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<KeyCheck>,
}

/// A private key file compared with the leaf certificate's public key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyCheck {
    pub path: String,
    /// The key's type, as people name it (`RSA 2048`, `EC P-256`, `Ed25519`).
    pub key: String,
    /// The leaf's public key, named the same way.
    pub leaf_key: String,
    /// Whether the key's public half is the leaf's.
    pub matches: bool,
}

map_only! {
    Files {
        required { paths: Vec<String> }
        default { key: Option<KeyCheck> }
    }
}

map_only! {
    KeyCheck {
        required { path: String, key: String, leaf_key: String, matches: bool }
        default {}
    }
}

impl Evidence {
    /// Evidence of `target`, measured by `host`, with the lookup's `dns` and nothing else: no
    /// handshake, fetch, probe or refusal, no clock or deadline. The host's refused checks and
    /// the tests start from it.
    pub fn unmeasured(host: HostInfo, target: Target, dns: DnsOutcome) -> Self {
        Evidence {
            kind: Default::default(),
            v: crate::WIRE_VERSION,
            host,
            target,
            measured_at: Timestamp(0),
            timeout_ms: 0,
            elapsed_ms: 0,
            dns,
            handshakes: Vec::new(),
            aia: Vec::new(),
            completed_trust: Vec::new(),
            server_clock: None,
            versions: Vec::new(),
            revocation: Vec::new(),
            local: Default::default(),
            refusal: None,
            files: None,
        }
    }
}

map_only! {
    Evidence {
        required {
            kind as "type": super::EvidenceType, v: u32, host: HostInfo, target: Target, measured_at: Timestamp,
            timeout_ms: u64, elapsed_ms: u64, dns: DnsOutcome, handshakes: Vec<Handshake>,
        }
        default {
            aia: Vec<AiaFetch>, completed_trust: Vec<StoreVerdict>, server_clock: Option<ServerClock>,
            versions: Vec<VersionProbe>, revocation: Vec<RevocationCheck>, local as "client": super::LocalProbes,
            refusal: Option<super::Refusal>, files: Option<Files>,
        }
    }
}

/// A TLS protocol version as it goes on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProtocolVersion {
    Ssl3,
    Tls1_0,
    Tls1_1,
    Tls1_2,
    Tls1_3,
}

/// Which ciphers a probe's ClientHello offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CipherOffer {
    /// What current browsers offer: ECDHE key exchange with an AEAD cipher (and, for TLS 1.3,
    /// its three suites).
    Modern,
    /// Everything current browsers no longer offer: RC4, 3DES, NULL, EXPORT, static RSA,
    /// finite-field DHE, anonymous, and CBC modes.
    Legacy,
    /// Both: to learn whether a version is spoken at all.
    All,
}

/// One hand-built ClientHello and what came back: the server's choice, or its refusal.
/// Only the server's first flight is read; no handshake is completed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VersionProbe {
    pub version: ProtocolVersion,
    pub offer: CipherOffer,
    #[serde(flatten)]
    pub outcome: VersionOutcome,
    /// The certificates of a TLS ≤ 1.2 server's Certificate message (plaintext there): the
    /// chain of servers rustls cannot talk to. At most [`CHAIN_LIMIT`].
    #[serde(default)]
    pub chain: Vec<Bytes>,
    /// Set when `chain` holds fewer certificates than the server sent: beyond the limits, or
    /// given up so that the host's reply fits ([`super::native::REPLY_LIMIT`]). It tells what
    /// the server sent, so that a certificate message too large to keep is still measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain_overflow: Option<ChainOverflow>,
    /// `chain` verified against each trust store (when it is the only chain there is).
    #[serde(default)]
    pub trust: Vec<StoreVerdict>,
    pub elapsed_ms: u64,
}

flattening! {
    VersionProbe { outcome: VersionOutcome,
        required { version: ProtocolVersion, offer: CipherOffer, elapsed_ms: u64 }
        default { chain: Vec<Bytes>, chain_overflow: Option<ChainOverflow>, trust: Vec<StoreVerdict> }
    }
}

tagged! {
    #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
    #[serde(tag = "outcome", rename_all = "snake_case")]
    pub enum VersionOutcome {
        /// The server chose this version and this cipher suite (IANA number).
        Accepted {
            cipher: u16,
            /// The size of the server's finite-field DH group in bits, for DHE suites (from its
            /// ServerKeyExchange).
            #[serde(default)]
            dh_bits: Option<u32>,
        },
        /// The server refused: an alert (RFC 8446 §6 name), or a ServerHello for another version.
        Refused {
            #[serde(default)]
            alert: Option<String>,
            /// The version the server answered with instead, when it did.
            #[serde(default)]
            answered: Option<ProtocolVersion>,
        },
        /// No usable answer: closed, reset, silence, or bytes that are not TLS.
        NoAnswer { detail: String },
    }
}

/// One revocation check of the leaf certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RevocationCheck {
    pub method: RevocationMethod,
    /// The responder or CRL URL; empty for a stapled response.
    #[serde(default)]
    pub url: String,
    #[serde(flatten)]
    pub outcome: RevocationOutcome,
    pub elapsed_ms: u64,
}

flattening! {
    RevocationCheck { outcome: RevocationOutcome,
        required { method: RevocationMethod, elapsed_ms: u64 }
        default { url: String }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevocationMethod {
    /// The OCSP response the server stapled to its handshake.
    Staple,
    /// An OCSP request to the responder named in the leaf's AIA (RFC 6960).
    Ocsp,
    /// The CRL named in the leaf's CRL distribution points (RFC 5280 §5).
    Crl,
}

tagged! {
    #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
    #[serde(tag = "outcome", rename_all = "snake_case")]
    pub enum RevocationOutcome {
        /// An answer whose signature verified against the leaf's issuer (or a responder it
        /// delegated to).
        Answered {
            status: CertStatus,
            /// When the answer was made, and until when it may be relied on.
            this_update: Timestamp,
            #[serde(default)]
            next_update: Option<Timestamp>,
        },
        /// An answer that came, but could not be relied on: a bad signature, an answer about
        /// another certificate, an OCSP error status (`tryLater`, `unauthorized`…), garbage.
        Unusable {
            detail: String,
        },
        HttpStatus {
            status: u16,
        },
        TimedOut,
        Failed {
            detail: String,
        },
        /// Nothing to check: no staple, no OCSP URL, no CRL URL, or no issuer to check with.
        NotAvailable,
    }
}

tagged! {
    #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
    #[serde(tag = "status", rename_all = "snake_case")]
    pub enum CertStatus {
        Good,
        Revoked {
            revoked_at: Timestamp,
            /// CRLReason (RFC 5280 §5.3.1), e.g. `key_compromise`, when given.
            #[serde(default)]
            reason: Option<String>,
        },
        /// The responder does not know the certificate.
        Unknown,
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostInfo {
    pub name: String,
    pub version: String,
}

/// What was asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The host as given (an IDN is carried in its ASCII `xn--` form), or an IP literal.
    pub host: String,
    pub port: u16,
    /// When set, the probes connected here instead of resolving `host` (curl's `--resolve`).
    #[serde(default)]
    pub address: Option<IpAddr>,
    /// The name sent as SNI in the primary handshake; `None` when no SNI was sent.
    #[serde(default)]
    pub sni: Option<String>,
    /// The name (or IP address) the certificate must cover.
    pub verify_name: String,
    /// The plaintext protocol each connection upgraded with before TLS (`--starttls`, or the
    /// port's usual one); `None` for TLS from the first byte.
    #[serde(default)]
    pub starttls: Option<super::StarttlsProtocol>,
}

tagged! {
    #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
    #[serde(tag = "outcome", rename_all = "snake_case")]
    pub enum DnsOutcome {
        Resolved {
            addresses: Vec<IpAddr>,
            elapsed_ms: u64,
        },
        /// No lookup was needed.
        Skipped {
            reason: DnsSkipped,
        },
        Failed {
            error: DnsError,
            detail: String,
            elapsed_ms: u64,
        },
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DnsSkipped {
    IpLiteral,
    AddressGiven,
    /// `tls-doctor cert`: certificate files, no server.
    Files,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DnsError {
    /// The name does not exist (NXDOMAIN, EAI_NONAME).
    NoSuchHost,
    /// The name exists but has no address records.
    NoAddress,
    /// The resolver could not answer now (SERVFAIL, no network, EAI_AGAIN).
    TemporaryFailure,
    /// No answer before the deadline.
    TimedOut,
    Other,
}

/// Why a handshake was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandshakeRole {
    /// As a browser makes it: SNI set to the target name (unless it is an IP address).
    Primary,
    /// The same server asked without SNI, to see its default certificate.
    WithoutSni,
    /// On a STARTTLS port: a TLS handshake at once, without the plaintext dialogue, to tell a
    /// port that speaks implicit TLS from one that is silent.
    DirectTls,
}

/// One TCP connection and the TLS handshake over it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Handshake {
    pub role: HandshakeRole,
    /// The SNI sent, if any.
    #[serde(default)]
    pub sni: Option<String>,
    /// The plaintext dialogue before the handshake, on STARTTLS targets.
    #[serde(default)]
    pub starttls: Option<super::Starttls>,
    /// Connection attempts, one per address tried, in order.
    pub tcp: Vec<TcpAttempt>,
    pub tls: TlsOutcome,
    /// The first bytes the server sent (at most [`RECEIVED_PREFIX_LIMIT`]), kept so that a
    /// non-TLS answer can be recognised.
    #[serde(default)]
    pub received: Bytes,
    /// The certificates as the server sent them, leaf first; at most [`CHAIN_LIMIT`].
    #[serde(default)]
    pub chain: Vec<Bytes>,
    /// Set when `chain` holds fewer certificates than the server sent: beyond the limits, or
    /// given up so that the host's reply fits ([`super::native::REPLY_LIMIT`]); `chain` then
    /// holds the first ones, perhaps none.
    #[serde(default)]
    pub chain_overflow: Option<ChainOverflow>,
    /// The OCSP response stapled to the handshake, if any.
    #[serde(default)]
    pub stapled_ocsp: Option<Bytes>,
    /// The server asked for a client certificate (we had none to give).
    #[serde(default)]
    pub client_cert_requested: bool,
    /// An alert the server sent right after a TLS 1.3 handshake had completed on our side:
    /// that is how a TLS 1.3 server refuses a missing client certificate (RFC 8446 §4.4.2.4).
    #[serde(default)]
    pub post_handshake_alert: Option<String>,
    /// The issuers the server said it accepts client certificates from (its CertificateRequest's
    /// `certificate_authorities`), as people read them: at most [`CLIENT_CERT_ISSUERS_LIMIT`],
    /// each at most [`CLIENT_CERT_ISSUER_CHARS`] characters.
    #[serde(default)]
    pub client_cert_issuers: Vec<String>,
    /// When the server asked for a client certificate and the handshake completed without one:
    /// how it answered the host's request that followed (`GET /`).
    #[serde(default)]
    pub client_cert_answer: Option<ClientCertAnswer>,
    /// rustls refused a handshake message as larger than it reads (64 KiB − 1); in TLS 1.3 the
    /// message is encrypted, so the host reads on and counts the plaintext bytes of the
    /// encrypted handshake records the server sent after its ServerHello (each record's length
    /// less its content type and 16-byte tag), until the server stops, closes, or
    /// [`CHAIN_BYTES_LIMIT`] + 64 KiB. The Certificate message is nearly all of them.
    #[serde(default)]
    pub encrypted_handshake_bytes: Option<usize>,
    /// `chain` verified against each trust store.
    #[serde(default)]
    pub trust: Vec<StoreVerdict>,
    pub elapsed_ms: u64,
}

/// At most this many accepted client-certificate issuers are kept from one CertificateRequest
/// (a server trusting a whole store may name a hundred).
pub const CLIENT_CERT_ISSUERS_LIMIT: usize = 8;
/// At most this many characters of one issuer's name are kept.
pub const CLIENT_CERT_ISSUER_CHARS: usize = 128;
/// At most this many characters of the first line of a non-HTTP answer are kept.
pub const CLIENT_CERT_LINE_CHARS: usize = 128;

tagged! {
    /// What a server that asked for a client certificate, and completed the handshake without
    /// one, answered to the host's request (`GET /`).
    #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
    #[serde(tag = "outcome", rename_all = "snake_case")]
    pub enum ClientCertAnswer {
        /// An HTTP answer with this status.
        Http { status: u16 },
        /// An answer that is not HTTP (a mail server's greeting or reply): its first line, at
        /// most [`CLIENT_CERT_LINE_CHARS`] characters.
        Other {
            #[serde(default)]
            first_line: String,
        },
        /// The server closed or reset the connection without an alert.
        Closed,
        /// No answer within the probe's budget.
        Silent,
    }
}

impl Handshake {
    /// A handshake of `role` (sending `sni`) before anything happened: no connection attempt,
    /// nothing received. The host fills it in as it measures; tests start from it.
    pub fn not_attempted(role: HandshakeRole, sni: Option<String>) -> Self {
        Handshake {
            role,
            sni,
            starttls: None,
            tcp: Vec::new(),
            tls: TlsOutcome::NotAttempted,
            received: Bytes::default(),
            chain: Vec::new(),
            chain_overflow: None,
            stapled_ocsp: None,
            client_cert_requested: false,
            post_handshake_alert: None,
            client_cert_issuers: Vec::new(),
            client_cert_answer: None,
            encrypted_handshake_bytes: None,
            trust: Vec::new(),
            elapsed_ms: 0,
        }
    }
}

map_only! {
    Handshake {
        required { role: HandshakeRole, tcp: Vec<TcpAttempt>, tls: TlsOutcome, elapsed_ms: u64 }
        default {
            sni: Option<String>, starttls: Option<super::Starttls>, received: Bytes, chain: Vec<Bytes>,
            chain_overflow: Option<ChainOverflow>, stapled_ocsp: Option<Bytes>, client_cert_requested: bool,
            post_handshake_alert: Option<String>, client_cert_issuers: Vec<String>,
            client_cert_answer: Option<ClientCertAnswer>, encrypted_handshake_bytes: Option<usize>,
            trust: Vec<StoreVerdict>,
        }
    }
}

/// How many bytes of a server's first answer are kept. Enough for an HTTP status line and a
/// few headers, or a mail server's banner.
pub const RECEIVED_PREFIX_LIMIT: usize = 512;
/// At most this many certificates are kept from one chain. Browsers' path builders give up far
/// earlier (Chromium and webpki at a depth of 6 intermediates); real chains have 2–4.
pub const CHAIN_LIMIT: usize = 20;
/// At most this many bytes of certificates are kept from one chain.
pub const CHAIN_BYTES_LIMIT: usize = 1024 * 1024;

/// What a server sent in its Certificate message, when more than was kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainOverflow {
    /// How many certificates.
    pub certificates: usize,
    /// Their DER bytes, all together (without the message's length fields).
    pub bytes: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TcpAttempt {
    pub address: IpAddr,
    #[serde(flatten)]
    pub outcome: TcpOutcome,
    pub elapsed_ms: u64,
}

flattening! {
    TcpAttempt { outcome: TcpOutcome,
        required { address: IpAddr, elapsed_ms: u64 }
        default {  }
    }
}

tagged! {
    #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
    #[serde(tag = "outcome", rename_all = "snake_case")]
    pub enum TcpOutcome {
        Connected,
        /// The host answered with a reset: nothing listens on the port (or a firewall rejects).
        Refused,
        /// No answer at all before the deadline: a firewall drops the packets, or the host is off.
        TimedOut,
        /// The network or the host cannot be reached (no route, ICMP unreachable).
        Unreachable {
            detail: String,
        },
        Failed {
            detail: String,
        },
    }
}

tagged! {
    #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
    #[serde(tag = "outcome", rename_all = "snake_case")]
    pub enum TlsOutcome {
        /// The handshake completed (whatever the certificate verdicts).
        Established { version: String, cipher: String },
        /// No TCP connection, so no handshake.
        NotAttempted,
        /// The server ended the handshake with a TLS alert (RFC 8446 §6), named as in the RFC
        /// (`handshake_failure`, `protocol_version`, …).
        Alert { alert: String },
        /// The server's bytes are not TLS records.
        NotTls { detail: String },
        /// The server closed the connection before the handshake finished.
        Closed,
        /// The server reset the connection.
        Reset,
        /// The server went silent before the deadline.
        TimedOut,
        /// Anything else; `detail` is for admins and logs, not for users.
        Failed { detail: String },
    }
}

/// Trust stores the chain is verified against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrustStore {
    /// Mozilla's root program, as shipped by webpki-roots (what Firefox trusts).
    Mozilla,
    /// The operating system's store (what Chrome, Edge and most mail apps trust).
    System,
    /// Anchors the user gave with `--ca-file`.
    Custom,
    /// The browser, which loaded the page with this chain (its report, not a host store).
    Browser,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreVerdict {
    pub store: TrustStore,
    /// How many anchors the store held; 0 means the store could not be read.
    pub anchors: u32,
    /// The verdict at `measured_at`.
    pub verdict: Verdict,
    /// The verdict at a moment when every served certificate is within its validity period,
    /// so that a date problem does not hide a trust problem. `None` when there is no such
    /// moment.
    #[serde(default)]
    pub verdict_dates_aside: Option<Verdict>,
    /// For each served certificate, in order: is its issuer the subject of an anchor in this
    /// store?
    #[serde(default)]
    pub issuer_is_anchor: Vec<bool>,
}

tagged! {
    #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
    #[serde(tag = "result", rename_all = "snake_case")]
    pub enum Verdict {
        /// A path to an anchor was built; `anchor` is the DER of the anchor's subject name.
        Trusted {
            anchor: Bytes,
            /// SHA-256 of the anchor's certificate (lower-case hex), when the store holds whole
            /// certificates (the OS store, `--ca-file`; not the compiled-in Mozilla list): what an
            /// admin names to declare an inspection CA expected.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            anchor_sha256: Option<String>,
            /// SHA-256 of the anchor's DER SubjectPublicKeyInfo (lower-case hex), from every
            /// store: what an HTTP public-key pin (`sha256/…`) names.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            anchor_spki_sha256: Option<String>,
        },
        Rejected {
            reason: RejectReason,
            detail: String,
        },
    }
}

impl Verdict {
    pub fn is_trusted(&self) -> bool {
        matches!(self, Verdict::Trusted { .. })
    }

    pub fn reason(&self) -> Option<RejectReason> {
        match self {
            Verdict::Trusted { .. } => None,
            Verdict::Rejected { reason, .. } => Some(*reason),
        }
    }
}

/// Why a path verifier rejected a chain (webpki's errors, grouped by what they mean to us).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    UnknownIssuer,
    Expired,
    NotYetValid,
    BadSignature,
    UnsupportedSignatureAlgorithm,
    /// The extended key usage does not allow TLS server authentication.
    InvalidPurpose,
    CaUsedAsEndEntity,
    EndEntityUsedAsCa,
    NameConstraintViolation,
    PathLengthExceeded,
    BadEncoding,
    Revoked,
    Other,
}

/// One certificate fetched from an `id-ad-caIssuers` URL (RFC 5280 §4.2.2.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AiaFetch {
    pub url: String,
    #[serde(flatten)]
    pub outcome: AiaOutcome,
    pub elapsed_ms: u64,
}

flattening! {
    AiaFetch { outcome: AiaOutcome,
        required { url: String, elapsed_ms: u64 }
        default {  }
    }
}

tagged! {
    #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
    #[serde(tag = "outcome", rename_all = "snake_case")]
    pub enum AiaOutcome {
        /// The DER of the certificate found there.
        Fetched {
            certificate: Bytes,
        },
        HttpStatus {
            status: u16,
        },
        NotCertificate,
        TooLarge,
        UnsupportedUrl,
        TimedOut,
        Failed {
            detail: String,
        },
    }
}

tagged! {
    /// The server's own clock, as its HTTP `Date` header tells it.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
    #[serde(tag = "outcome", rename_all = "snake_case")]
    pub enum ServerClock {
        Received {
            /// The header as sent.
            header: String,
            /// The header parsed (RFC 9110 §5.6.7); `None` when it does not parse.
            #[serde(default)]
            date: Option<Timestamp>,
            /// The measuring machine's clock when the answer arrived.
            received_at: Timestamp,
        },
        /// The server answered HTTP without a `Date` header.
        NoDateHeader,
        /// The server did not answer HTTP over TLS.
        NotHttp,
        TimedOut,
        Failed {
            detail: String,
        },
    }
}
