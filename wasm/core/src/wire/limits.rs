//! Limits on what the host may probe, and the refusals they cause.
//!
//! Two parties set limits: the machine's administrator, in the host's policy file
//! (`/etc/tls-doctor/policy.json` and its macOS and Windows equivalents), and the browser's
//! administrator, in the extension's managed settings, which the extension passes along in a
//! `check` request ([`Limits`], the same keys as the file). The host applies the stricter of
//! the two: a request can only tighten the host's limits, never loosen them.
//!
//! A check the limits refuse is not an error: the host answers with evidence that carries a
//! [`Refusal`] and no measurements, and the model turns it into the finding
//! `refused_by_policy` (see [`crate::diagnose`]). The extension's own setting "the host may not
//! probe" gives the same finding through [`Refusal::probes_off`] with
//! [`LimitSource::ManagedSettings`], without asking the host at all.
//!
//! The wasm module reads [`Refusal`] (inside `Evidence`): it is kept small, a struct of plain
//! fields and two unit enums. [`Limits`] and [`PolicyReport`] are read and written by the host
//! only.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::StarttlsProtocol;

/// Why a check was not made. Read by a small hand-written `Deserialize` (below): the popup's
/// wasm module reads it, and serde's derive would add two enum readers and a sequence form
/// nobody writes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub rule: RefusalRule,
    /// Whose limit refused.
    pub source: LimitSource,
    /// The port refused (`port_not_allowed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// The protocol refused (`protocol_not_allowed`): a STARTTLS protocol, or `None` for TLS
    /// from the first byte (`"tls"` in the limits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starttls: Option<StarttlsProtocol>,
    /// The host name or address refused (`host_blocked`, `host_not_allowed`,
    /// `private_address`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// The address the name resolved to, or the browser gave, that was refused
    /// (`private_address`, `host_blocked` by an address pattern).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<IpAddr>,
    /// Seconds until a check is allowed again (`rate_limited`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_s: Option<u64>,
    /// For admins, in English: the policy file and what was wrong with it
    /// (`policy_unreadable`), or the pattern that matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The rule that refused a check. Each matches one key of the limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalRule {
    /// `probes: false`: the host checks nothing.
    ProbesOff,
    /// The port is not in `allowed_ports`.
    PortNotAllowed,
    /// The protocol is not in `allowed_protocols`.
    ProtocolNotAllowed,
    /// The host matches `blocked_hosts`.
    HostBlocked,
    /// `allowed_hosts` is set and the host matches none of it.
    HostNotAllowed,
    /// `private_addresses: false` and the target is (or resolves to) a loopback, private,
    /// link-local, shared (CGNAT) or unspecified address.
    PrivateAddress,
    /// `rate_limit_per_minute` checks were already made in the last minute.
    RateLimited,
    /// The policy file exists but cannot be read as a policy (not JSON, too large, unreadable):
    /// the host refuses every check rather than lift the administrator's restrictions.
    PolicyUnreadable,
}

/// Whose limit refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitSource {
    /// The host's policy file (the machine's administrator), or a stricter file given to the
    /// host (`--policy`, `TLS_DOCTOR_POLICY`).
    HostPolicy,
    /// The extension's managed settings (the browser's administrator).
    #[serde(rename = "extension_policy")]
    ManagedSettings,
}

impl RefusalRule {
    pub const ALL: [RefusalRule; 8] = [
        Self::ProbesOff,
        Self::PortNotAllowed,
        Self::ProtocolNotAllowed,
        Self::HostBlocked,
        Self::HostNotAllowed,
        Self::PrivateAddress,
        Self::RateLimited,
        Self::PolicyUnreadable,
    ];

    /// The key of the limits this rule enforces (`allowed_ports`); the file itself for
    /// `policy_unreadable`.
    pub const fn key(self) -> &'static str {
        match self {
            Self::ProbesOff => "probes",
            Self::PortNotAllowed => "allowed_ports",
            Self::ProtocolNotAllowed => "allowed_protocols",
            Self::HostBlocked => "blocked_hosts",
            Self::HostNotAllowed => "allowed_hosts",
            Self::PrivateAddress => "private_addresses",
            Self::RateLimited => "rate_limit_per_minute",
            Self::PolicyUnreadable => "policy.json",
        }
    }

    /// The name on the wire: `port_not_allowed`…
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ProbesOff => "probes_off",
            Self::PortNotAllowed => "port_not_allowed",
            Self::ProtocolNotAllowed => "protocol_not_allowed",
            Self::HostBlocked => "host_blocked",
            Self::HostNotAllowed => "host_not_allowed",
            Self::PrivateAddress => "private_address",
            Self::RateLimited => "rate_limited",
            Self::PolicyUnreadable => "policy_unreadable",
        }
    }
}

impl LimitSource {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::HostPolicy => "host_policy",
            Self::ManagedSettings => "extension_policy",
        }
    }
}

impl<'de> Deserialize<'de> for RefusalRule {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == name)
            .ok_or_else(|| serde::de::Error::custom(format_args!("unknown refusal rule `{name}`")))
    }
}

impl<'de> Deserialize<'de> for LimitSource {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        [Self::HostPolicy, Self::ManagedSettings]
            .into_iter()
            .find(|s| s.as_str() == name)
            .ok_or_else(|| serde::de::Error::custom(format_args!("unknown policy source `{name}`")))
    }
}

impl<'de> Deserialize<'de> for Refusal {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;

        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = Refusal;

            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("struct Refusal")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Refusal, A::Error> {
                // Read as text and looked up here, rather than through the enums' own readers:
                // two fewer generic readers in the popup's module.
                let (mut rule, mut source) = (None::<String>, None::<String>);
                let mut r = Refusal::new(RefusalRule::ProbesOff, LimitSource::HostPolicy);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "rule" => rule = Some(map.next_value()?),
                        "source" => source = Some(map.next_value()?),
                        "port" => r.port = map.next_value()?,
                        "starttls" => r.starttls = map.next_value()?,
                        "host" => r.host = map.next_value()?,
                        "address" => r.address = map.next_value()?,
                        "retry_after_s" => r.retry_after_s = map.next_value()?,
                        "detail" => r.detail = map.next_value()?,
                        // A newer host's fields are ignored, as the derive would.
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                let rule = rule.ok_or_else(|| serde::de::Error::missing_field("rule"))?;
                let source = source.ok_or_else(|| serde::de::Error::missing_field("source"))?;
                r.rule = RefusalRule::ALL
                    .into_iter()
                    .find(|x| x.as_str() == rule)
                    .ok_or_else(|| serde::de::Error::custom("unknown refusal rule"))?;
                r.source = [LimitSource::HostPolicy, LimitSource::ManagedSettings]
                    .into_iter()
                    .find(|x| x.as_str() == source)
                    .ok_or_else(|| serde::de::Error::custom("unknown policy source"))?;
                Ok(r)
            }
        }

        deserializer.deserialize_map(Fields)
    }
}

impl Refusal {
    /// A refusal by `rule` from `source`, with no details.
    pub fn new(rule: RefusalRule, source: LimitSource) -> Self {
        Self { rule, source, port: None, starttls: None, host: None, address: None, retry_after_s: None, detail: None }
    }

    /// Probing is turned off (`probes: false`, or the extension's managed setting).
    pub fn probes_off(source: LimitSource) -> Self {
        Self::new(RefusalRule::ProbesOff, source)
    }
}

/// Limits as an administrator writes them: the keys of the host's policy file, and the
/// `limits` of a `check` request (which carries no `rate_limit_per_minute`). An absent key
/// does not limit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// `false`: the host checks nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probes: Option<bool>,
    /// Ports that may be checked: numbers, or `"from-to"` ranges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_ports: Option<Vec<PortSpec>>,
    /// `"tls"` (TLS from the first byte) and STARTTLS protocol names (`smtp`, `imap`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_protocols: Option<Vec<String>>,
    /// Exact names, `*.example.jp` (any name below example.jp), IP addresses, CIDR blocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_hosts: Option<Vec<String>>,
    /// The same forms as `allowed_hosts`; a match refuses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked_hosts: Option<Vec<String>>,
    /// `false`: no target may be, or resolve to, a loopback, private, link-local, shared or
    /// unspecified address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_addresses: Option<bool>,
    /// The longest deadline of one check, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_timeout_seconds: Option<u32>,
    /// Checks per minute, across every host process of this user (the host's file only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit_per_minute: Option<u32>,
    /// `false`: no SNTP query, captive-portal check or canary handshake.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(rename = "client_probes")]
    pub local_probes: Option<bool>,
}

/// One entry of `allowed_ports`: `443` or `"8000-8999"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PortSpec {
    Port(u16),
    Range(String),
}

/// The limits in force, as `tls-doctor policy --json` and the `hello` reply report them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyReport {
    /// Every file read (or looked for), the system's first. Each file's limits apply in turn:
    /// a check must pass all of them.
    pub files: Vec<PolicyFile>,
    /// What the files give together: the stricter value of each key. List keys
    /// (`allowed_ports`, `allowed_protocols`, `allowed_hosts`) are each file's, applied one
    /// after another, and are not merged here; `blocked_hosts` is all of them.
    pub effective: EffectiveLimits,
}

/// One policy file and what was taken from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyFile {
    pub path: String,
    /// `system` (the administrator's), `command_line` (`--policy`), `environment`
    /// (`TLS_DOCTOR_POLICY`).
    pub origin: PolicyOrigin,
    pub status: PolicyStatus,
    /// For `unreadable`, `not_json`, `not_object`, `too_large`: what was wrong, in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The keys applied, with the values taken (entries that could not be read left out).
    #[serde(default)]
    pub limits: Limits,
    /// Keys, or entries of a list (`allowed_ports[2]`), that were ignored, and why.
    #[serde(default)]
    pub ignored: Vec<IgnoredKey>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyOrigin {
    System,
    CommandLine,
    Environment,
}

/// What became of a policy file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyStatus {
    /// Read and applied (keys that could not be read are listed in `ignored`).
    Applied,
    /// No such file: nothing is limited by it.
    Absent,
    /// It exists but could not be read (permissions, a directory…): every check is refused.
    Unreadable,
    /// Larger than the host reads (64 KiB): every check is refused.
    TooLarge,
    /// Not JSON: every check is refused.
    NotJson,
    /// JSON, but not an object: every check is refused.
    NotObject,
}

impl PolicyStatus {
    /// The file exists but gives no policy: the host refuses every check (fail closed).
    pub fn fails_closed(self) -> bool {
        !matches!(self, PolicyStatus::Applied | PolicyStatus::Absent)
    }
}

/// A key (or a list entry) of a policy file that was ignored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IgnoredKey {
    /// `allowed_ports`, `allowed_ports[2]`, or an unknown key as written.
    pub key: String,
    /// `unknown_key`, `wrong_type`, `bad_value`.
    pub reason: IgnoredReason,
    /// What was expected or wrong, in English.
    pub detail: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IgnoredReason {
    UnknownKey,
    WrongType,
    BadValue,
}

/// The scalar limits in force, all files together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EffectiveLimits {
    /// False when a file turns probing off, or a file that exists cannot be read.
    pub probes: bool,
    pub private_addresses: bool,
    #[serde(rename = "client_probes")]
    pub local_probes: bool,
    #[serde(default)]
    pub max_timeout_seconds: Option<u32>,
    #[serde(default)]
    pub rate_limit_per_minute: Option<u32>,
    #[serde(default)]
    pub allowed_ports: Vec<Vec<PortSpec>>,
    #[serde(default)]
    pub allowed_protocols: Vec<Vec<String>>,
    #[serde(default)]
    pub allowed_hosts: Vec<Vec<String>>,
    #[serde(default)]
    pub blocked_hosts: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_reads_back_what_is_written_and_ignores_newer_fields() {
        let mut r = Refusal::new(RefusalRule::PrivateAddress, LimitSource::ManagedSettings);
        r.host = Some("nas.example.jp".into());
        r.address = "10.0.0.5".parse().ok();
        r.starttls = Some(StarttlsProtocol::Imap);
        r.port = Some(143);
        r.retry_after_s = Some(3);
        r.detail = Some("x".into());
        let text = serde_json::to_string(&r).unwrap_or_default();
        assert_eq!(serde_json::from_str::<Refusal>(&text).ok(), Some(r));
        for rule in RefusalRule::ALL {
            let text = format!(r#"{{"later":[1,{{}}],"rule":"{}","source":"host_policy"}}"#, rule.as_str());
            let read: Refusal = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(read, Refusal::new(rule, LimitSource::HostPolicy));
            assert_eq!(serde_json::to_value(rule).ok(), Some(serde_json::Value::from(rule.as_str())));
        }
        for bad in [
            r#"{"source":"host_policy"}"#,
            r#"{"rule":"nope","source":"host_policy"}"#,
            r#"{"rule":"probes_off"}"#,
            "[]",
        ] {
            assert!(serde_json::from_str::<Refusal>(bad).is_err(), "{bad}");
        }
    }
}
