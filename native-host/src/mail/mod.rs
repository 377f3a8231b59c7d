//! `tls-doctor mail user@example.jp`: from a mail address to checked servers and recommended
//! settings.
//!
//! 1. [`discover`]: DNS SRV (RFC 6186, RFC 8314 §5.1), MX, the domain's autoconfig file over
//!    HTTPS ([`autoconfig`]), and usual names as a last resort — every lookup under a deadline.
//! 2. Every server found is checked at once with [`probe::gather`] and diagnosed by the model;
//!    a name a server's certificate gives instead of its own is checked too when it resolves
//!    to the same address ([`shared`]: a shared host's own server name).
//! 3. The model ([`tls_doctor_core::mail::recommend`]) chooses the settings; the host only
//!    measures.
//!
//! One deadline covers the whole request: discovery gets at most [`DISCOVERY_SHARE`] of it,
//! the checks the rest.
//!
//! The clock: a device whose clock is wrong sees every server's certificate out of its dates.
//! The SNTP servers of the local probes ([`probe::sntp`]) are asked once per request, and only
//! when a checked server's certificate dates exclude this machine's time (as `check` asks only
//! then: nothing leaves the machine for a clock no finding needs), unless the local probes are
//! off (`--no-local-probes`, the policy). Their samples are added to the evidence of each
//! server whose dates exclude this machine's time, and the model's clock check
//! (`clock_ahead` / `clock_behind`) reads them there. The query costs one round trip after the
//! checks, in that case only.

pub mod autoconfig;
pub mod cli;
pub mod discover;
mod dns;
pub mod shared;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tls_doctor_core::wire::{
    Evidence, MailEndpoint, MailReport, MailRole, MailSecurity, MailServer, SntpSample, StarttlsProtocol, WIRE_VERSION,
};
use tls_doctor_core::{OrgSettings, Timestamp, diagnose};
use tokio::time::Instant as Deadline;

use crate::net::Gate;
use crate::probe::local::{self, LocalProbeConfig};
use crate::probe::{self, Request, SniChoice};
use crate::target::{self, TargetSpec};
use crate::trust::Store;

/// At most this many servers are checked (each check is a handful of connections; a domain
/// with more mail servers than this lists the rest as not checked).
pub const MAX_CHECKED: usize = 12;
/// Discovery may use at most this fraction of the deadline, so the checks always get time.
pub const DISCOVERY_SHARE: f64 = 0.4;
/// The default deadline of a whole `mail` request.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_millis(tls_doctor_core::deadlines::MAIL_DEFAULT_MS);
/// The longest address read: RFC 5321 §4.5.3.1.3 allows a path of 256 octets, its angle
/// brackets included. (The model's rule, shared with the popup's mail panel.)
pub const ADDRESS_LIMIT: usize = tls_doctor_core::input::ADDRESS_LIMIT;
/// The longest local part (before the `@`), RFC 5321 §4.5.3.1.1.
pub const LOCAL_PART_LIMIT: usize = tls_doctor_core::input::LOCAL_PART_LIMIT;

/// What the user asked about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailInput {
    /// `user@example.jp` with the domain in ASCII form; `None` for a bare domain.
    pub address: Option<String>,
    /// ASCII form, lower case.
    pub domain: String,
}

/// A mail address (`user@example.jp`, `mailto:user@example.jp`) or a domain (`example.jp`),
/// read by the model's rules (the same the popup's mail panel applies,
/// [`tls_doctor_core::input::mail_address`]), with the domain in ASCII form. The domain must
/// be a name of two labels or more (an IP address has no SRV or MX records).
pub fn parse_input(input: &str) -> Option<MailInput> {
    let read = tls_doctor_core::input::mail_address(input)?;
    let domain = target::normalise_name(read.domain)?;
    Some(MailInput { address: read.local.map(|l| format!("{l}@{domain}")), domain })
}

/// How a `mail` request runs.
#[derive(Clone, Debug)]
pub struct MailRequest {
    pub input: MailInput,
    /// Ask this nameserver instead of the system's (`--dns-server`); the servers found are
    /// then also connected to at the addresses it gave.
    pub dns_server: Option<SocketAddr>,
    /// Extra anchors (`--ca-file`), for the autoconfig fetch and every check.
    pub custom: Option<Arc<Store>>,
    pub timeout: Duration,
    /// The limits in force, applied to each server checked (and to the autoconfig server).
    pub policy: Arc<crate::policy::Enforced>,
    /// The local probes allowed: of them, a mail request uses the SNTP servers only (once for
    /// the whole request). [`LocalProbeConfig::off`] for `--no-local-probes`.
    pub local: LocalProbeConfig,
}

/// Discover, check, recommend. Never fails: what could not be found or reached is in the report.
pub async fn run(req: &MailRequest) -> MailReport {
    let started = Instant::now();
    let measured_at = Timestamp(probe::clock::now_unix());
    let deadline = Deadline::now() + req.timeout;
    let discovery_deadline = Deadline::now() + req.timeout.mul_f64(DISCOVERY_SHARE);

    let found = discover::discover(req, discovery_deadline).await;

    let mut checked = check_all(req, &found.checked, deadline).await;
    // A shared host's own name, from a certificate that names another host (`shared.rs`).
    let given: Vec<(MailEndpoint, Vec<std::net::IpAddr>, &Evidence)> = checked
        .iter()
        .filter_map(|(endpoint, evidence)| {
            let at = found.checked.iter().find(|(e, _)| e == endpoint).map(|(_, a)| a.clone())?;
            Some((endpoint.clone(), at, evidence))
        })
        .collect();
    let suggested = shared::suggest(req, &given, deadline).await;
    if !suggested.is_empty() && Deadline::now() < deadline {
        checked.extend(check_all(req, &suggested, deadline).await);
    }
    let wanting: Vec<usize> =
        checked.iter().enumerate().filter(|(_, (_, e))| dates_excluded(e)).map(|(i, _)| i).collect();
    let samples = if wanting.is_empty() { Vec::new() } else { ask_the_time(req, deadline).await };
    for i in wanting {
        if let Some((_, evidence)) = checked.get_mut(i) {
            evidence.local.sntp.clone_from(&samples);
        }
    }
    let servers: Vec<MailServer> =
        checked.into_iter().map(|(endpoint, evidence)| diagnosed(endpoint, &evidence)).collect();
    let recommended = tls_doctor_core::mail::recommend(&servers);
    MailReport {
        kind: Default::default(),
        v: WIRE_VERSION,
        address: req.input.address.clone(),
        domain: req.input.domain.clone(),
        measured_at,
        timeout_ms: probe::millis(req.timeout),
        elapsed_ms: probe::millis(started.elapsed()),
        lookups: found.lookups,
        servers,
        not_checked: found.not_checked,
        unencrypted: found.unencrypted,
        recommended,
    }
}

/// Checks every server at once; the results in the order given. A check that failed inside
/// the host (a panic in a task) is left out, not guessed.
async fn check_all(
    req: &MailRequest,
    list: &[(MailEndpoint, Vec<std::net::IpAddr>)],
    deadline: Deadline,
) -> Vec<(MailEndpoint, Evidence)> {
    let mut checks = tokio::task::JoinSet::new();
    for (index, (endpoint, addresses)) in list.iter().cloned().enumerate() {
        let custom = req.custom.clone();
        let policy = req.policy.clone();
        checks.spawn(async move {
            let evidence = check(&endpoint, addresses, custom, policy, deadline).await;
            (index, endpoint, evidence)
        });
    }
    let mut checked: Vec<Option<(MailEndpoint, Evidence)>> = vec![None; list.len()];
    while let Some(done) = checks.join_next().await {
        if let Ok((index, endpoint, evidence)) = done {
            if let Some(slot) = checked.get_mut(index) {
                *slot = Some((endpoint, evidence));
            }
        }
    }
    checked.into_iter().flatten().collect()
}

/// The SNTP samples of the local probes, asked until the deadline and its grace; none when
/// the request or the policy turns the local probes off, or no SNTP server is configured.
async fn ask_the_time(req: &MailRequest, deadline: Deadline) -> Vec<SntpSample> {
    if !req.policy.local_probes() || req.local.ntp_servers.is_empty() {
        return Vec::new();
    }
    let gate = Gate::new(req.policy.clone());
    let deadline = (deadline + local::GRACE).min(Deadline::now() + req.policy.cap_timeout(req.timeout));
    probe::sntp::query_all(&gate, &req.local.ntp_servers, deadline).await
}

/// A served certificate's validity period excludes this machine's time: what makes `check`
/// ask its SNTP servers ([`local::Wanted`]).
fn dates_excluded(evidence: &Evidence) -> bool {
    local::Wanted::of(&evidence.dns, &evidence.handshakes, &evidence.target.verify_name, evidence.measured_at).sntp
}

fn diagnosed(endpoint: MailEndpoint, evidence: &Evidence) -> MailServer {
    let diagnosis = diagnose(evidence, evidence.measured_at, &OrgSettings::default());
    MailServer {
        role: endpoint.role,
        host: endpoint.host,
        port: endpoint.port,
        security: endpoint.security,
        source: endpoint.source,
        diagnosis,
    }
}

/// The plaintext protocol a server upgrades with; `None` for implicit TLS.
pub fn starttls_of(role: MailRole, security: MailSecurity) -> Option<StarttlsProtocol> {
    match (security, role) {
        (MailSecurity::Starttls, MailRole::Outgoing | MailRole::RelayMx) => Some(StarttlsProtocol::Smtp),
        (MailSecurity::Starttls, MailRole::IncomingImap) => Some(StarttlsProtocol::Imap),
        (MailSecurity::Starttls, MailRole::IncomingPop3) => Some(StarttlsProtocol::Pop3),
        (MailSecurity::Tls | MailSecurity::None, _) => None,
    }
}

async fn check(
    endpoint: &MailEndpoint,
    addresses: Vec<std::net::IpAddr>,
    custom: Option<Arc<Store>>,
    policy: Arc<crate::policy::Enforced>,
    deadline: Deadline,
) -> Evidence {
    let request = Request {
        target: TargetSpec { host: endpoint.host.clone(), port: endpoint.port, is_name: true },
        addresses,
        sni: SniChoice::Target,
        custom,
        timeout: deadline.saturating_duration_since(Deadline::now()).max(Duration::from_millis(100)),
        starttls: starttls_of(endpoint.role, endpoint.security),
        // A mail check judges the mail servers: the clock is asked once for the whole request
        // ([`run`]), and no portal check or canary runs.
        local: LocalProbeConfig::off(),
        policy,
    };
    probe::gather(&request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_domains_are_read() {
        let p = |s: &str| parse_input(s).map(|i| (i.address, i.domain));
        assert_eq!(p("user@Example.JP"), Some((Some("user@example.jp".into()), "example.jp".into())));
        assert_eq!(p(" mailto:a.b+c@例え.jp "), Some((Some("a.b+c@xn--r8jz45g.jp".into()), "xn--r8jz45g.jp".into())));
        assert_eq!(p("example.jp."), Some((None, "example.jp".into())));
        for bad in ["", "@example.jp", "user@", "user@192.0.2.1", "user@[192.0.2.1]", "us er@example.jp", "a@b@", "x y"]
        {
            assert_eq!(p(bad), None, "{bad:?}");
        }
        assert_eq!(p(&format!("{}@example.jp", "a".repeat(65))), None);
    }

    #[test]
    fn addresses_and_local_parts_beyond_their_limits_are_refused() {
        let local = |n: usize| format!("{}@example.jp", "a".repeat(n));
        assert!(parse_input(&local(LOCAL_PART_LIMIT)).is_some());
        assert_eq!(parse_input(&local(LOCAL_PART_LIMIT + 1)), None);
        // A domain of labels of 50 letters, making the whole address exactly as long as allowed.
        let address = |n: usize| {
            let before_tld = n - "u@".len() - ".jp".len();
            let mut domain = String::new();
            while domain.len() < before_tld {
                if !domain.is_empty() {
                    domain.push('.');
                }
                domain.push_str(&"d".repeat(50.min(before_tld - domain.len())));
            }
            format!("u@{domain}.jp")
        };
        assert_eq!(address(ADDRESS_LIMIT).len(), ADDRESS_LIMIT);
        assert!(parse_input(&address(ADDRESS_LIMIT)).is_some());
        assert_eq!(address(ADDRESS_LIMIT + 1).len(), ADDRESS_LIMIT + 1);
        assert_eq!(parse_input(&address(ADDRESS_LIMIT + 1)), None);
    }

    #[test]
    fn starttls_follows_the_role() {
        assert_eq!(starttls_of(MailRole::Outgoing, MailSecurity::Starttls), Some(StarttlsProtocol::Smtp));
        assert_eq!(starttls_of(MailRole::IncomingPop3, MailSecurity::Starttls), Some(StarttlsProtocol::Pop3));
        assert_eq!(starttls_of(MailRole::IncomingImap, MailSecurity::Tls), None);
    }
}
