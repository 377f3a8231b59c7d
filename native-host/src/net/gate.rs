//! The gate: the policy applied to every outbound connection, by what the connection is for.
//!
//! [`Gate::admit`] judges a destination by its name and port before anything is looked up and
//! gives a [`Way`]; only a `Way` resolves names ([`Way::resolve`]) and opens sockets
//! ([`Way::tcp`], [`Way::udp`]), and it judges each address again right before connecting, so an
//! address the policy refuses is never connected to, however it was found (the system
//! resolver, a mail domain's nameserver, the browser's `address`).
//!
//! Which rules judge a connection depends on who chose where it goes ([`Purpose`]):
//!
//! | connection | chosen by | ports | protocols | allowed hosts | blocked hosts, private addresses |
//! |---|---|---|---|---|---|
//! | the server checked (every handshake, STARTTLS dialogue and version probe) | the caller | ✓ | ✓ | ✓ | ✓ |
//! | canary | the caller, or the host's default | ✓ | `tls` | ✓ | ✓ |
//! | captive-portal URL, SNTP server | the caller, or the host's default | ✓ | — | ✓ | ✓ |
//! | autoconfig server | the mail domain the caller gave | ✓ (443) | `tls` | ✓ | ✓ |
//! | nameserver (`mail --dns-server`) | the caller | ✓ | — | ✓ | ✓ |
//! | AIA, OCSP, CRL URLs | the diagnosed server's certificate | — | — | — | ✓ (a private address is skipped) |
//!
//! `probes: false` stops every connection; `local_probes: false` stops the canary, the portal
//! check and SNTP. The rate limit counts checks, not connections ([`Gate::take_turn`]). The
//! URLs a certificate names belong to its CA, not to anything a caller chose, and an allow-list
//! of servers to check does not list CAs' responders, so only the rules that keep the host out
//! of places it must never go (`blocked_hosts`, `private_addresses`) apply to them.

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use tls_doctor_core::wire::{DnsOutcome, LimitSource, Refusal, RefusalRule, StarttlsProtocol};
use tokio::net::{TcpStream, UdpSocket};
use tokio::time::{Instant as Deadline, timeout_at};

use crate::policy::{Enforced, Scope, is_private};

/// What a connection is for; it decides which rules judge it (the module's table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// The server being checked, speaking TLS at once (`None`) or after this STARTTLS dialogue.
    Server(Option<StarttlsProtocol>),
    /// The canary: an unrelated HTTPS server whose chain is compared with the target's.
    Canary,
    /// The captive-portal check URL (plain HTTP).
    Portal,
    /// An SNTP server (UDP).
    Sntp,
    /// A mail domain's autoconfig file (HTTPS).
    Autoconfig,
    /// A nameserver the caller named.
    Nameserver,
    /// A URL the diagnosed server's certificates name: AIA caIssuers, OCSP, CRL.
    CertificateUrl,
}

impl Purpose {
    fn scope(self) -> Scope {
        let named = |protocol| Scope { port: true, protocol, allow_list: true, local_probe: false };
        match self {
            Purpose::Server(starttls) => Scope::server(starttls),
            Purpose::Canary => Scope { local_probe: true, ..named(Some(None)) },
            Purpose::Portal | Purpose::Sntp => Scope { local_probe: true, ..named(None) },
            Purpose::Autoconfig => named(Some(None)),
            Purpose::Nameserver => named(None),
            Purpose::CertificateUrl => Scope { port: false, protocol: None, allow_list: false, local_probe: false },
        }
    }

    /// A private address is left out rather than refusing the whole destination.
    fn skips_private(self) -> bool {
        self == Purpose::CertificateUrl
    }
}

/// The policy in force for one request, and the only way to open a connection.
#[derive(Clone, Debug)]
pub struct Gate {
    policy: Arc<Enforced>,
}

impl Gate {
    pub fn new(policy: Arc<Enforced>) -> Self {
        Gate { policy }
    }

    pub fn policy(&self) -> &Arc<Enforced> {
        &self.policy
    }

    /// Judges `host` (a name in ASCII form, or an IP literal) and `port` for `purpose` before
    /// any lookup.
    pub fn admit(&self, purpose: Purpose, host: &str, port: u16) -> Result<Way, Refusal> {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let is_name = host.parse::<IpAddr>().is_err();
        self.policy.admit(purpose.scope(), host, is_name, port)?;
        Ok(Way { policy: self.policy.clone(), purpose, host: host.to_owned(), is_name, port })
    }

    /// A DNS client for `mail`'s SRV, MX and address questions: at `nameserver` when the caller
    /// named one (judged as [`Purpose::Nameserver`]), else at the system's nameservers.
    pub fn dns_client(
        &self,
        nameserver: Option<SocketAddr>,
        timeout: std::time::Duration,
    ) -> Result<hickory_resolver::TokioResolver, String> {
        if let Some(server) = nameserver {
            let way = self.admit(Purpose::Nameserver, &server.ip().to_string(), server.port());
            way.and_then(|way| way.screen(&[server.ip()])).map_err(|r| refusal_text(&r))?;
        }
        super::resolve::dns_client(nameserver, timeout)
    }

    /// One check more in this minute (the rate limit), or the refusal with how long to wait.
    /// The count's file lock may wait a little, so it is taken off the runtime's thread.
    pub async fn take_turn(&self) -> Result<(), Refusal> {
        let policy = self.policy.clone();
        tokio::task::spawn_blocking(move || policy.take_turn())
            .await
            .unwrap_or_else(|_| Err(Refusal::new(RefusalRule::RateLimited, LimitSource::HostPolicy)))
    }
}

/// A destination the policy admitted by name. Addresses are judged again when connected to.
#[derive(Clone, Debug)]
pub struct Way {
    policy: Arc<Enforced>,
    purpose: Purpose,
    host: String,
    is_name: bool,
    port: u16,
}

/// Why a connection was not made.
#[derive(Debug)]
pub enum Blocked {
    /// The policy refused the address.
    Refused(Refusal),
    TimedOut,
    Io(io::Error),
}

impl std::fmt::Display for Blocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Blocked::Refused(r) => f.write_str(&refusal_text(r)),
            Blocked::TimedOut => f.write_str("timed out"),
            Blocked::Io(e) => write!(f, "{e}"),
        }
    }
}

impl Way {
    pub fn host(&self) -> &str {
        &self.host
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn is_name(&self) -> bool {
        self.is_name
    }

    /// The host's addresses from the system resolver (getaddrinfo, as browsers and mail apps
    /// ask: /etc/hosts, split DNS and VPN resolvers answer as they would); an IP literal is
    /// its own address. Not judged yet: see [`Way::screen`].
    pub async fn resolve(&self, deadline: Deadline) -> DnsOutcome {
        match self.host.parse::<IpAddr>() {
            Ok(ip) => DnsOutcome::Resolved { addresses: vec![ip], elapsed_ms: 0 },
            Err(_) => super::resolve::system(&self.host, deadline).await,
        }
    }

    /// `addresses` judged for this destination: all of them, or the refusal of the first one
    /// refused; for a certificate's URL, the ones that are not private (refused when none is
    /// left).
    pub fn screen(&self, addresses: &[IpAddr]) -> Result<Vec<IpAddr>, Refusal> {
        let scope = self.purpose.scope();
        let kept: Vec<IpAddr> = if self.purpose.skips_private() && !self.policy.private_allowed() {
            addresses.iter().copied().filter(|a| !is_private(*a)).collect()
        } else {
            addresses.to_vec()
        };
        match (kept.is_empty(), addresses.first()) {
            // Every address was private: judge one to get the refusal that says so.
            (true, Some(first)) => self.policy.screen(scope, &self.host, self.is_name, &[*first]).map(|()| kept),
            _ => self.policy.screen(scope, &self.host, self.is_name, &kept).map(|()| kept),
        }
    }

    /// A TCP connection to `address` on this destination's port, if the policy allows that
    /// address.
    pub async fn tcp(&self, address: IpAddr, deadline: Deadline) -> Result<TcpStream, Blocked> {
        self.policy.screen(self.purpose.scope(), &self.host, self.is_name, &[address]).map_err(Blocked::Refused)?;
        #[expect(clippy::disallowed_methods, reason = "the gate is the one place that connects")]
        let connect = TcpStream::connect(SocketAddr::new(address, self.port));
        match timeout_at(deadline, connect).await {
            Err(_) => Err(Blocked::TimedOut),
            Ok(Err(e)) => Err(Blocked::Io(e)),
            Ok(Ok(stream)) => {
                let _ = stream.set_nodelay(true);
                Ok(stream)
            }
        }
    }

    /// A UDP socket connected to `address` on this destination's port (it receives only that
    /// peer's datagrams), if the policy allows that address.
    pub async fn udp(&self, address: IpAddr) -> Result<UdpSocket, Blocked> {
        self.policy.screen(self.purpose.scope(), &self.host, self.is_name, &[address]).map_err(Blocked::Refused)?;
        let local: SocketAddr = match address {
            IpAddr::V4(_) => (Ipv4Addr::UNSPECIFIED, 0).into(),
            IpAddr::V6(_) => (Ipv6Addr::UNSPECIFIED, 0).into(),
        };
        #[expect(clippy::disallowed_methods, reason = "the gate is the one place that opens sockets")]
        let socket = UdpSocket::bind(local).await.map_err(Blocked::Io)?;
        #[expect(clippy::disallowed_methods, reason = "the gate is the one place that opens sockets")]
        let connected = socket.connect(SocketAddr::new(address, self.port)).await;
        connected.map_err(Blocked::Io)?;
        Ok(socket)
    }
}

/// A refusal as one line of evidence for admins (English, like every `detail`):
/// `refused by policy (private_address: 127.0.0.1, host policy)`.
pub fn refusal_text(r: &Refusal) -> String {
    let what =
        [r.host.clone(), r.address.map(|a| a.to_string()), r.port.map(|p| format!("port {p}")), r.detail.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
    let source = match r.source {
        LimitSource::HostPolicy => "host policy",
        LimitSource::ManagedSettings => "extension policy",
    };
    if what.is_empty() {
        format!("refused by policy ({}, {source})", r.rule.as_str())
    } else {
        format!("refused by policy ({}: {what}, {source})", r.rule.as_str())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use tls_doctor_core::wire::limits::{Limits, PortSpec};

    use super::*;
    use crate::policy::Enforced;

    fn gate(limits: Limits) -> Gate {
        Gate::new(Arc::new(Enforced::permissive().with_request(&limits).unwrap()))
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn every_purpose_refuses_private_addresses_and_certificate_urls_skip_them() {
        let g = gate(Limits { private_addresses: Some(false), ..Limits::default() });
        for purpose in [
            Purpose::Server(None),
            Purpose::Canary,
            Purpose::Portal,
            Purpose::Sntp,
            Purpose::Autoconfig,
            Purpose::Nameserver,
            Purpose::CertificateUrl,
        ] {
            let r = g.admit(purpose, "127.0.0.1", 80).unwrap_err();
            assert_eq!(r.rule, RefusalRule::PrivateAddress, "{purpose:?}");
            let way = g.admit(purpose, "name.example", 80).unwrap();
            assert_eq!(way.screen(&[ip("10.0.0.1")]).unwrap_err().rule, RefusalRule::PrivateAddress, "{purpose:?}");
        }
        let way = g.admit(Purpose::CertificateUrl, "ca.example", 80).unwrap();
        assert_eq!(way.screen(&[ip("10.0.0.1"), ip("203.0.113.7")]).unwrap(), [ip("203.0.113.7")]);
        let way = g.admit(Purpose::Portal, "portal.example", 80).unwrap();
        assert!(way.screen(&[ip("10.0.0.1"), ip("203.0.113.7")]).is_err());
    }

    #[test]
    fn ports_hosts_and_protocols_judge_what_a_caller_chose() {
        let g = gate(Limits {
            allowed_ports: Some(vec![PortSpec::Port(443)]),
            allowed_protocols: Some(vec!["smtp".into()]),
            allowed_hosts: Some(vec!["*.example.jp".into()]),
            blocked_hosts: Some(vec!["bad.example".into()]),
            ..Limits::default()
        });
        let rule = |p: Purpose, host: &str, port: u16| g.admit(p, host, port).err().map(|r| r.rule);
        assert_eq!(rule(Purpose::Portal, "a.example.jp", 80), Some(RefusalRule::PortNotAllowed));
        assert_eq!(rule(Purpose::Sntp, "ntp.example.jp", 123), Some(RefusalRule::PortNotAllowed));
        assert_eq!(rule(Purpose::Canary, "a.example.jp", 443), Some(RefusalRule::ProtocolNotAllowed));
        assert_eq!(rule(Purpose::Autoconfig, "autoconfig.example.jp", 443), Some(RefusalRule::ProtocolNotAllowed));
        assert_eq!(
            rule(Purpose::Server(Some(StarttlsProtocol::Smtp)), "other.test", 443),
            Some(RefusalRule::HostNotAllowed)
        );
        assert_eq!(rule(Purpose::Server(Some(StarttlsProtocol::Smtp)), "mx.example.jp", 443), None);
        // A certificate's URL: only the blocked hosts (and private addresses).
        assert_eq!(rule(Purpose::CertificateUrl, "ocsp.ca.test", 80), None);
        assert_eq!(rule(Purpose::CertificateUrl, "bad.example", 80), Some(RefusalRule::HostBlocked));
    }

    #[test]
    fn client_probes_off_stops_the_client_probes_only() {
        let g = gate(Limits { local_probes: Some(false), ..Limits::default() });
        for p in [Purpose::Canary, Purpose::Portal, Purpose::Sntp] {
            assert_eq!(g.admit(p, "x.example", 443).unwrap_err().rule, RefusalRule::ProbesOff, "{p:?}");
        }
        for p in [Purpose::Server(None), Purpose::CertificateUrl, Purpose::Autoconfig, Purpose::Nameserver] {
            assert!(g.admit(p, "x.example", 443).is_ok(), "{p:?}");
        }
    }

    #[tokio::test]
    async fn a_refused_address_is_never_connected_to() {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let g = gate(Limits { private_addresses: Some(false), ..Limits::default() });
        // Admitted by a name, then handed a loopback address however it was found.
        let way = g.admit(Purpose::CertificateUrl, "ca.example", port).unwrap();
        let deadline = Deadline::now() + std::time::Duration::from_secs(2);
        assert!(matches!(way.tcp(ip("127.0.0.1"), deadline).await, Err(Blocked::Refused(_))));
        assert!(matches!(way.udp(ip("127.0.0.1")).await, Err(Blocked::Refused(_))));
        assert!(listener.accept().is_err(), "nothing reached the listener");
        // Allowed, it connects.
        let open = gate(Limits::default()).admit(Purpose::Server(None), "127.0.0.1", port).unwrap();
        assert!(open.tcp(ip("127.0.0.1"), deadline).await.is_ok());
    }

    #[test]
    fn refusals_read_as_one_line() {
        let mut r = Refusal::new(RefusalRule::PrivateAddress, LimitSource::HostPolicy);
        r.host = Some("ca.example".into());
        r.address = Some(ip("10.0.0.1"));
        assert_eq!(refusal_text(&r), "refused by policy (private_address: ca.example, 10.0.0.1, host policy)");
    }
}
