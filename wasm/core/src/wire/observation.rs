//! Observation: what the browser saw. The extension sends it to the model (in wasm); it is the
//! browser-side counterpart of [`super::Evidence`].

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use crate::time::Timestamp;

/// The error a browser reported for a main-frame navigation, and its circumstances; or, with
/// an empty `error`, a page that loaded, with the chain the browser received (`chain_seen`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    #[serde(rename = "type")]
    pub kind: super::ObservationType,
    pub v: u32,
    pub browser: BrowserInfo,
    /// The URL the navigation failed on.
    pub url: String,
    /// As the browser gave it: `net::ERR_CERT_DATE_INVALID` (Chromium), `Error code 2153390069`
    /// or `SEC_ERROR_EXPIRED_CERTIFICATE` / `NS_ERROR_NET_TIMEOUT` (Firefox).
    pub error: String,
    /// The browser's clock when the error happened.
    pub observed_at: Timestamp,
    /// The server address the browser connected to, when it said.
    #[serde(default)]
    pub address: Option<IpAddr>,
    /// The chain the browser received on a page that loaded (Firefox's `getSecurityInfo`),
    /// leaf first: compared with the host's to tell a re-signed connection.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chain_seen: Vec<SeenCert>,
}

/// One certificate as the browser received it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenCert {
    /// SHA-256 of the DER, hex (colons allowed).
    pub sha256: String,
    /// As the browser writes names: `CN=…,O=…`.
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub issuer: String,
    /// The browser ships this root (Firefox's `isBuiltInRoot`); false for a root a user, an
    /// admin or a product added.
    #[serde(default)]
    pub builtin_root: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrowserInfo {
    pub family: BrowserFamily,
    /// `Chrome`, `Edge`, `Chromium`, `Brave`, `Firefox`…
    pub name: String,
    /// Major.minor as the browser reports it.
    pub version: String,
    /// `navigator.userAgent`: the version a server and the model see (it may differ from
    /// `version` when the user agent is overridden).
    #[serde(default)]
    pub user_agent: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BrowserFamily {
    Chromium,
    Firefox,
}

/// The kinds of browser errors (the `categories` of `data/error-codes.json`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCategory {
    CertTime,
    CertName,
    CertTrust,
    CertRevocation,
    CertStrength,
    CertPolicy,
    CertFormat,
    TlsVersionCipher,
    TlsHandshake,
    ClientAuth,
    Interception,
    PinningCt,
    Ech,
    Transport,
    Proxy,
    Internal,
    /// An error string the table does not know.
    Unknown,
}

macro_rules! causes {
    ($($variant:ident => $id:literal,)*) => {
        /// The causes a browser error can have (the `causes` of `data/error-codes.json`). Those
        /// that are also finding ids keep the same name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Cause { $(#[serde(rename = $id)] $variant,)* }

        impl Cause {
            pub const ALL: &'static [Cause] = &[$(Cause::$variant,)*];

            pub const fn as_str(self) -> &'static str {
                match self { $(Cause::$variant => $id,)* }
            }
        }
    };
}

causes! {
    ClockAhead => "clock_ahead",
    ClockBehind => "clock_behind",
    StaleBrowserState => "stale_browser_state",
    InterceptionKnownProduct => "interception_known_product",
    InterceptionCorporate => "interception_corporate",
    InterceptionUnknown => "interception_unknown",
    CaptivePortal => "captive_portal",
    OutdatedClient => "outdated_client",
    ClientCertRequired => "client_cert_required",
    CertExpired => "cert_expired",
    CertNotYetValid => "cert_not_yet_valid",
    ExpiringSoon => "expiring_soon",
    NameMismatch => "name_mismatch",
    SelfSigned => "self_signed",
    UnknownIssuer => "unknown_issuer",
    IncompleteChain => "incomplete_chain",
    Revoked => "revoked",
    WeakSignature => "weak_signature",
    WeakKey => "weak_key",
    ValidityTooLong => "validity_too_long",
    LegacyProtocolOnly => "legacy_protocol_only",
    NoCipherOverlap => "no_cipher_overlap",
    SniDefaultCert => "sni_default_cert",
    WrongProtocolOnPort => "wrong_protocol_on_port",
    StarttlsNotOffered => "starttls_not_offered",
    StarttlsFailed => "starttls_failed",
    OcspStapleMissing => "ocsp_staple_missing",
    DnsFailure => "dns_failure",
    PortClosed => "port_closed",
    TimeoutFiltered => "timeout_filtered",
    ConnectionReset => "connection_reset",
    CaDistrusted => "ca_distrusted",
    CertPolicyViolation => "cert_policy_violation",
    CtNoncompliant => "ct_noncompliant",
    MalformedCert => "malformed_cert",
    RevocationUnavailable => "revocation_unavailable",
    PinningMismatch => "pinning_mismatch",
    NonPublicName => "non_public_name",
    ServerTlsMisconfig => "server_tls_misconfig",
    MiddleboxInterference => "middlebox_interference",
    ClientTlsSettings => "client_tls_settings",
    ProxyMisconfig => "proxy_misconfig",
    EchFailure => "ech_failure",
    BrowserExtension => "browser_extension",
    Offline => "offline",
    DnsMisroute => "dns_misroute",
}
