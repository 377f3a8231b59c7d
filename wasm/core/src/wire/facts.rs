//! The typed facts findings carry that are not findings themselves: how a STARTTLS switch
//! failed, what a non-TLS answer looked like, how far the clock is off, what kind of product
//! intercepts.

use serde::{Deserialize, Serialize};

use crate::time::Timestamp;

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
