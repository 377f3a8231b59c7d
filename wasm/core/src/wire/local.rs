//! Local evidence: what the host measured about *this machine's* surroundings rather than
//! the server — a reference clock (SNTP), a captive-portal check, and a canary handshake that
//! tells a re-signing middlebox from a server with its own private CA.
//!
//! The host runs these only when the server's answer leaves a local cause open (see
//! `native-host/src/probe/local.rs`), and only against servers the request or the admin named.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::tagged::tagged;

use super::evidence::Handshake;

/// The local probes of one request. Empty when none ran.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalProbes {
    /// One sample per SNTP server asked, in the order asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sntp: Vec<SntpSample>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portal: Option<PortalCheck>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canary: Option<CanaryCheck>,
}

impl LocalProbes {
    pub fn is_empty(&self) -> bool {
        self.sntp.is_empty() && self.portal.is_none() && self.canary.is_none()
    }
}

/// One SNTP (RFC 4330) exchange.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SntpSample {
    /// The server as configured (`ntp.nict.jp`, `127.0.0.1:12300`).
    pub server: String,
    /// The address asked, once resolved.
    #[serde(default)]
    pub address: Option<IpAddr>,
    pub outcome: SntpOutcome,
    pub elapsed_ms: u64,
}

tagged! {
    #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
    #[serde(tag = "result", rename_all = "snake_case")]
    pub enum SntpOutcome {
        /// A synchronised server answered.
        Answered {
            /// This machine's clock minus the server's, in milliseconds, corrected for the round
            /// trip (RFC 4330 §5: `((T1 - T2) + (T4 - T3)) / 2`, sign flipped): positive when this
            /// machine is ahead.
            local_minus_reference_ms: i64,
            /// The round trip, in milliseconds.
            rtt_ms: u64,
            stratum: u8,
        },
        /// The server answered but is not synchronised itself (stratum 0 "kiss-o'-death", leap
        /// indicator 3), so its time must not be used.
        Unsynchronised {
            stratum: u8,
        },
        /// The name did not resolve, the answer was malformed, or the socket failed.
        Failed {
            detail: String,
        },
        TimedOut,
    }
}

/// The captive-portal check: an HTTP GET of a URL whose true answer is known (by default an
/// empty `204 No Content`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalCheck {
    pub url: String,
    pub outcome: PortalOutcome,
    pub elapsed_ms: u64,
}

tagged! {
    #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
    #[serde(tag = "result", rename_all = "snake_case")]
    pub enum PortalOutcome {
        /// The expected answer: the way to the internet is open.
        Open,
        /// Redirected elsewhere (a login page, usually).
        Redirected {
            status: u16,
            location: String,
        },
        /// Some other answer in place of the expected one: a page, usually a login form.
        Replaced {
            status: u16,
            /// The page's `<title>`, printable text only, shortened.
            #[serde(default)]
            title: Option<String>,
        },
        Failed {
            detail: String,
        },
        TimedOut,
    }
}

/// A handshake with a second, unrelated HTTPS server (the canary), made when the target's chain
/// is not trusted: when the canary's chain comes from the same untrusted issuer, something
/// between this machine and the internet re-signs every site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CanaryCheck {
    pub host: String,
    pub port: u16,
    pub handshake: Handshake,
}

/// What the request (the extension, from its managed settings) or the command line asked of
/// the local probes. Absent fields take the host's defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalProbeOptions {
    /// SNTP servers, `name` or `name:port`; the host's defaults when absent, none when empty.
    #[serde(default)]
    pub ntp_servers: Option<Vec<String>>,
    /// The captive-portal check URL (`http://…`); the host's default when absent, no check when
    /// empty.
    #[serde(default)]
    pub portal_url: Option<String>,
    /// The canary HTTPS server, `host` or `host:port`; the host's default when absent, no canary
    /// when empty.
    #[serde(default)]
    pub canary: Option<String>,
}
