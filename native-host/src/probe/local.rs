//! The local probes (`Evidence.client`): an SNTP query ([`super::sntp`]), the
//! captive-portal check ([`super::portal`]) and a canary handshake. They leave the machine for
//! servers other than the one diagnosed, so each runs only when the primary handshake leaves
//! a cause it could explain open:
//!
//! - SNTP, when a served certificate's validity period excludes this machine's time;
//! - the portal check, when DNS, TCP or the handshake failed, or the chain is not trusted, or
//!   the leaf is not for the name;
//! - the canary, when Mozilla's roots do not accept the chain (and no `--ca-file` does).
//!
//! All three run at once, beside the rest of the probes, under the request's deadline.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use rustls::crypto::CryptoProvider;
use tls_doctor_core::Timestamp;
use tls_doctor_core::cert::{self, names};
use tls_doctor_core::wire::{
    CanaryCheck, DnsOutcome, Handshake, HandshakeRole, LocalProbeOptions, LocalProbes, TcpOutcome, TlsOutcome,
    TrustStore,
};
use tokio::task::JoinHandle;
use tokio::time::{Instant as Deadline, timeout_at};

use super::{Endpoint, portal, sntp};
use crate::net::gate::refusal_text;
use crate::net::{Gate, Purpose};
use crate::target::{self, TargetSpec};
use crate::trust::{self, Store};

/// The host's SNTP servers when neither the request nor the command line names any.
pub const DEFAULT_NTP_SERVERS: &[&str] = &["ntp.nict.jp", "time.google.com"];
/// The host's captive-portal check URL (answers `204 No Content` when nothing is in the way).
pub const DEFAULT_PORTAL_URL: &str = "http://connectivitycheck.gstatic.com/generate_204";
/// The host's canary: an HTTPS server unrelated to any site diagnosed.
pub const DEFAULT_CANARY: &str = "connectivitycheck.gstatic.com:443";

/// At most this many SNTP servers are asked; the rest of a longer list is ignored.
pub const MAX_NTP_SERVERS: usize = 8;
/// Longer option values (server names, URLs) are refused.
pub(crate) const MAX_OPTION_CHARS: usize = 2048;
/// Time given to the probes' task past the deadline, for their last results to arrive.
pub(crate) const GRACE: Duration = Duration::from_millis(250);

/// Which local probes may run, and against what. [`Default`] is none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LocalProbeConfig {
    /// `name` or `name:port`; none asked when empty.
    pub ntp_servers: Vec<String>,
    /// An `http://` URL; no check when `None`.
    pub portal_url: Option<String>,
    /// No canary when `None`.
    pub canary: Option<TargetSpec>,
}

impl LocalProbeConfig {
    /// No local probe at all (`--no-local-probes`).
    pub fn off() -> Self {
        Self::default()
    }

    /// The host's defaults.
    pub fn defaults() -> Self {
        Self::from_options(&LocalProbeOptions::default()).unwrap_or_default()
    }

    /// The request's (or the command line's) options: an absent field takes the host's default,
    /// an empty list or an empty string turns that probe off. A canary that is not
    /// `host[:port]`, or a value longer than 2048 characters, is refused, saying why.
    pub fn from_options(options: &LocalProbeOptions) -> Result<Self, OptionError> {
        let too_long = |what: &str, value: &str| {
            (value.chars().count() > MAX_OPTION_CHARS).then(|| OptionError {
                input: value.chars().take(40).collect::<String>() + "…",
                reason: format!("the {what} is longer than {MAX_OPTION_CHARS} characters"),
            })
        };
        let ntp_servers: Vec<String> = match &options.ntp_servers {
            None => DEFAULT_NTP_SERVERS.iter().map(|s| (*s).to_owned()).collect(),
            Some(list) => list.iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
        };
        if let Some(e) = ntp_servers.iter().find_map(|s| too_long("SNTP server", s)) {
            return Err(e);
        }
        let ntp_servers = ntp_servers.into_iter().take(MAX_NTP_SERVERS).collect();
        let portal_url = match &options.portal_url {
            None => Some(DEFAULT_PORTAL_URL.to_owned()),
            Some(url) => Some(url.trim().to_owned()).filter(|u| !u.is_empty()),
        };
        if let Some(e) = portal_url.as_deref().and_then(|u| too_long("captive-portal URL", u)) {
            return Err(e);
        }
        let canary = match options.canary.as_deref().map(str::trim) {
            None => Some(DEFAULT_CANARY),
            Some("") => None,
            Some(text) => Some(text),
        };
        let canary = match canary {
            None => None,
            Some(text) => {
                if let Some(e) = too_long("canary", text) {
                    return Err(e);
                }
                let bad = |_| OptionError { input: text.to_owned(), reason: "the canary is not HOST[:PORT]".into() };
                Some(target::parse(text).map_err(bad)?)
            }
        };
        Ok(Self { ntp_servers, portal_url, canary })
    }

    pub fn is_off(&self) -> bool {
        self.ntp_servers.is_empty() && self.portal_url.is_none() && self.canary.is_none()
    }
}

/// An option [`LocalProbeConfig::from_options`] refused: the value (shortened) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    pub input: String,
    pub reason: String,
}

impl std::fmt::Display for OptionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({:?})", self.reason, self.input)
    }
}

/// Which probes the primary handshake calls for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Wanted {
    pub sntp: bool,
    pub portal: bool,
    pub canary: bool,
}

impl Wanted {
    /// From the name lookup, the handshakes (with their trust verdicts), the name the
    /// certificate must cover and this machine's time.
    pub fn of(dns: &DnsOutcome, handshakes: &[Handshake], verify_name: &str, now: Timestamp) -> Self {
        let primary = handshakes.iter().find(|h| h.role == HandshakeRole::Primary);
        let Some(primary) = primary else {
            // Nowhere to connect: the name did not resolve.
            return Self { sntp: false, portal: true, canary: false };
        };
        let parsed: Vec<cert::CertInfo> = primary.chain.iter().filter_map(|c| cert::parse(c.as_slice()).ok()).collect();
        let dates_wrong = parsed.iter().any(|c| !c.valid_at(now));
        let dns_failed = matches!(dns, DnsOutcome::Failed { .. });
        let tcp_failed = !primary.tcp.iter().any(|a| a.outcome == TcpOutcome::Connected);
        let established = matches!(primary.tls, TlsOutcome::Established { .. });
        let untrusted = !primary.chain.is_empty() && !primary.trust.iter().any(|s| s.verdict.is_trusted());
        let wrong_name = parsed.first().is_some_and(|leaf| !names::covers(leaf, &names::Requested::parse(verify_name)));
        let mozilla_rejects = !primary.chain.is_empty()
            && primary.trust.iter().any(|s| s.store == TrustStore::Mozilla && !s.verdict.is_trusted());
        // A chain the user's own CA file (`--ca-file`) accepts is the one they expect: no
        // reason to ask a server elsewhere.
        let declared = primary.trust.iter().any(|s| s.store == TrustStore::Custom && s.verdict.is_trusted());
        Self {
            sntp: dates_wrong,
            portal: dns_failed || tcp_failed || !established || untrusted || wrong_name,
            canary: mozilla_rejects && !declared,
        }
    }
}

/// The probes, running on their own task.
#[derive(Debug)]
pub struct Running(Option<JoinHandle<LocalProbes>>);

/// Starts the probes `wanted` that `config` allows. They run beside whatever the caller does
/// next; [`finish`] collects them.
pub fn spawn(
    config: &LocalProbeConfig,
    wanted: Wanted,
    provider: Arc<CryptoProvider>,
    gate: &Gate,
    deadline: Deadline,
) -> Running {
    let servers = if wanted.sntp { config.ntp_servers.clone() } else { Vec::new() };
    let portal_url = config.portal_url.clone().filter(|_| wanted.portal);
    let canary = config.canary.clone().filter(|_| wanted.canary);
    if servers.is_empty() && portal_url.is_none() && canary.is_none() {
        return Running(None);
    }
    let gate = gate.clone();
    Running(Some(tokio::spawn(async move {
        let sntp = sntp::query_all(&gate, &servers, deadline);
        let portal = async {
            match &portal_url {
                Some(url) => Some(portal::check(&gate, url, deadline).await),
                None => None,
            }
        };
        let canary = async {
            match &canary {
                Some(target) => Some(canary_handshake(&gate, target, &provider, deadline).await),
                None => None,
            }
        };
        let (sntp, portal, canary) = tokio::join!(sntp, portal, canary);
        LocalProbes { sntp, portal, canary }
    })))
}

/// The probes' results, the canary's chain verified against the same stores as the target's.
pub async fn finish(running: Running, stores: &[&Store], now: SystemTime, deadline: Deadline) -> LocalProbes {
    let Some(task) = running.0 else { return LocalProbes::default() };
    let abort = task.abort_handle();
    let mut probes = match timeout_at(deadline + GRACE, task).await {
        Ok(Ok(probes)) => probes,
        Ok(Err(_)) => LocalProbes::default(),
        Err(_) => {
            abort.abort();
            LocalProbes::default()
        }
    };
    if let Some(canary) = &mut probes.canary {
        if !canary.handshake.chain.is_empty() {
            let chain = super::ders(&canary.handshake.chain);
            canary.handshake.trust = stores.iter().map(|s| trust::verify(s, &chain, now)).collect();
        }
    }
    probes
}

/// One modern handshake with the canary, made and recorded as the target's primary one (SNI
/// its name; no STARTTLS, no `GET`). Where the policy refuses the canary, the handshake is not
/// attempted and its outcome says why.
async fn canary_handshake(
    gate: &Gate,
    target: &TargetSpec,
    provider: &Arc<CryptoProvider>,
    deadline: Deadline,
) -> CanaryCheck {
    let refused = |r: &tls_doctor_core::wire::Refusal| {
        let mut handshake = Handshake::not_attempted(HandshakeRole::Primary, None);
        handshake.tls = TlsOutcome::Failed { detail: refusal_text(r) };
        CanaryCheck { host: target.host.clone(), port: target.port, handshake }
    };
    let way = match gate.admit(Purpose::Canary, &target.host, target.port) {
        Ok(way) => way,
        Err(r) => return refused(&r),
    };
    let addresses = match way.resolve(deadline).await {
        DnsOutcome::Resolved { addresses, .. } => addresses,
        _ => Vec::new(),
    };
    let addresses = match way.screen(&addresses) {
        Ok(addresses) => addresses,
        Err(r) => return refused(&r),
    };
    let (opened, _) = tokio::sync::watch::channel(None);
    let endpoint = Endpoint {
        addresses: &addresses,
        way: &way,
        provider,
        verify_name: &target.host,
        deadline,
        starttls_gate: &opened,
    };
    let sni = target.is_name.then(|| target.host.clone());
    let (handshake, _, _) = endpoint.probe(sni, HandshakeRole::Primary, None, false).await;
    CanaryCheck { host: target.host.clone(), port: target.port, handshake }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_options_take_the_defaults_and_empty_ones_turn_probes_off() {
        let defaults = LocalProbeConfig::defaults();
        assert_eq!(defaults.ntp_servers, DEFAULT_NTP_SERVERS);
        assert_eq!(defaults.portal_url.as_deref(), Some(DEFAULT_PORTAL_URL));
        let canary = defaults.canary.unwrap();
        assert_eq!((canary.host.as_str(), canary.port), ("connectivitycheck.gstatic.com", 443));

        let off =
            LocalProbeOptions { ntp_servers: Some(vec![]), portal_url: Some(String::new()), canary: Some(" ".into()) };
        assert!(LocalProbeConfig::from_options(&off).unwrap().is_off());
        assert!(LocalProbeConfig::off().is_off());

        let some = LocalProbeOptions {
            ntp_servers: Some(vec!["127.0.0.1:12300".into(), String::new()]),
            portal_url: None,
            canary: Some("Canary.Example".into()),
        };
        let config = LocalProbeConfig::from_options(&some).unwrap();
        assert_eq!(config.ntp_servers, ["127.0.0.1:12300"]);
        assert_eq!(config.portal_url.as_deref(), Some(DEFAULT_PORTAL_URL));
        assert_eq!(config.canary.map(|c| (c.host, c.port)), Some(("canary.example".into(), 443)));

        let many =
            LocalProbeOptions { ntp_servers: Some(vec!["a.example".into(); 20]), ..LocalProbeOptions::default() };
        assert_eq!(LocalProbeConfig::from_options(&many).unwrap().ntp_servers.len(), MAX_NTP_SERVERS);
        for canary in ["a b", "host:0", "host:99999"] {
            let bad = LocalProbeOptions { canary: Some(canary.into()), ..LocalProbeOptions::default() };
            assert!(LocalProbeConfig::from_options(&bad).is_err(), "{canary}");
        }
        let long = LocalProbeOptions {
            portal_url: Some(format!("http://a/{}", "x".repeat(3000))),
            ..LocalProbeOptions::default()
        };
        assert!(LocalProbeConfig::from_options(&long).is_err());
    }

    #[tokio::test]
    async fn probes_still_running_are_given_up_a_grace_after_the_deadline() {
        let stuck = Running(Some(tokio::spawn(async {
            tokio::time::sleep(Duration::from_secs(30)).await;
            let portal = tls_doctor_core::wire::PortalCheck {
                url: DEFAULT_PORTAL_URL.into(),
                outcome: tls_doctor_core::wire::PortalOutcome::Open,
                elapsed_ms: 30_000,
            };
            LocalProbes { sntp: Vec::new(), portal: Some(portal), canary: None }
        })));
        let started = tokio::time::Instant::now();
        let deadline = started + Duration::from_millis(300);
        let probes = finish(stuck, &[], SystemTime::now(), deadline).await;
        assert_eq!(probes, LocalProbes::default());
        let waited = started.elapsed();
        assert!(waited >= Duration::from_millis(300) + GRACE, "{waited:?}");
        assert!(waited < Duration::from_millis(300) + GRACE + Duration::from_millis(500), "{waited:?}");
    }

    #[test]
    fn nothing_resolved_calls_for_the_portal_check_only() {
        let failed = DnsOutcome::Failed {
            error: tls_doctor_core::wire::DnsError::NoSuchHost,
            detail: String::new(),
            elapsed_ms: 1,
        };
        assert_eq!(
            Wanted::of(&failed, &[], "a.example", Timestamp(1_700_000_000)),
            Wanted { sntp: false, portal: true, canary: false }
        );
    }
}
