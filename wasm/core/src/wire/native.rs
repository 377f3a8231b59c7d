//! The native-messaging conversation between the extension and the host (`tls-doctor` started
//! by the browser). Frames are the browser's: a 32-bit length in native byte order, then UTF-8
//! JSON. Every request carries `"v"`, `"type"` and an `"id"`; every reply echoes the `"id"`.
//!
//! ```json
//! → {"v":1,"type":"hello","id":"1"}
//! ← {"v":1,"type":"hello","id":"1","host":{"name":"tls-doctor","version":"0.1.0"},"wire":[1]}
//! → {"v":1,"type":"check","id":"2","target":{"host":"expired.example.jp","port":443,"address":"192.0.2.10"}}
//! ← {"v":1,"type":"evidence","id":"2","evidence":{…}}
//! ← {"v":1,"type":"error","id":"3","error":"bad_request","message":"…"}
//! ```

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::evidence::{Evidence, HostInfo};

/// Requests larger than this are refused: a real one is a few hundred bytes.
pub const REQUEST_LIMIT: usize = 64 * 1024;
/// Chrome and Firefox refuse messages from a host larger than 1 MB.
pub const REPLY_LIMIT: usize = 1024 * 1024;

/// A request from the extension.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Who are you, and which wire versions do you speak?
    Hello { v: u32, id: String },
    /// Measure this server.
    Check {
        v: u32,
        id: String,
        target: CheckTarget,
        /// The deadline for all probes; the host's default (10 s) when absent.
        #[serde(default)]
        timeout_ms: Option<u64>,
        /// SNTP servers, captive-portal URL and canary (the extension's managed settings);
        /// the host's defaults when absent.
        #[serde(default, rename = "client")]
        local: Option<super::LocalProbeOptions>,
        /// The browser administrator's limits (the extension's managed settings): the host
        /// applies them on top of its own policy, so they can only tighten it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        limits: Option<super::limits::Limits>,
    },
    /// Find a mail address's (or domain's) servers, check each, and recommend settings.
    Mail {
        v: u32,
        id: String,
        /// `user@example.jp` or `example.jp`.
        address: String,
        /// The deadline for discovery and all checks; the host's default (20 s) when absent.
        #[serde(default)]
        timeout_ms: Option<u64>,
        /// The language of the reply's first panel; Japanese when absent.
        #[serde(default)]
        lang: Option<super::Lang>,
        /// As in `check`: applied to every server the mail request checks.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        limits: Option<super::limits::Limits>,
        /// As in `check`, of which a mail request uses `ntp_servers` only (asked once for the
        /// whole request); the host's defaults when absent.
        #[serde(default, rename = "client", skip_serializing_if = "Option::is_none")]
        local: Option<super::LocalProbeOptions>,
    },
}

/// What to check: the server the browser failed to talk to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckTarget {
    /// The host name from the URL (or an IP literal).
    pub host: String,
    pub port: u16,
    /// The address the browser connected to, when it said (`webRequest` `details.ip`):
    /// checking the same server the browser saw matters behind split DNS and load balancers.
    #[serde(default)]
    pub address: Option<IpAddr>,
    /// Upgrade with this protocol's plaintext dialogue; default: by port
    /// ([`StarttlsProtocol::by_port`](super::StarttlsProtocol::by_port)).
    #[serde(default)]
    pub starttls: Option<super::StarttlsProtocol>,
}

/// A reply from the host.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Reply {
    Hello {
        v: u32,
        id: String,
        host: HostInfo,
        /// Every wire version this host can speak.
        wire: Vec<u32>,
        /// The host's policy in force: its files, their values, the keys ignored.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        policy: Option<Box<super::limits::PolicyReport>>,
    },
    Evidence {
        v: u32,
        id: String,
        evidence: Box<Evidence>,
    },
    /// The answer to `mail`: the report (diagnoses included) and the same in words.
    MailReport {
        v: u32,
        id: String,
        report: Box<super::MailReport>,
        /// The report in words, for the popup: the requested language first, then the other.
        panels: Vec<super::MailPanel>,
    },
    Error {
        v: u32,
        /// The request's id, when it could be read.
        #[serde(default)]
        id: Option<String>,
        error: HostError,
        /// For logs and admins, in English; users are shown words from the catalog.
        message: String,
    },
}

/// Why the host could not answer a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HostError {
    /// The frame's length was larger than [`REQUEST_LIMIT`].
    TooLarge,
    /// The frame was not UTF-8.
    NotUtf8,
    /// The frame was not JSON, or not a JSON object.
    BadJson,
    /// `"v"` is missing or is a version this host does not speak.
    UnsupportedVersion,
    /// `"type"` is missing or unknown.
    UnknownType,
    /// The request is well-formed JSON but its content is not valid (bad host, port 0, …).
    BadRequest,
    /// The host's policy refuses this request.
    Refused,
    /// Something went wrong inside the host.
    Internal,
}
