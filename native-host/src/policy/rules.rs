//! One party's limits, read and ready to match: port ranges, protocols, host patterns.

use std::net::IpAddr;

use tls_doctor_core::wire::limits::{IgnoredKey, IgnoredReason, Limits, PortSpec};
use tls_doctor_core::wire::{LimitSource, Refusal, RefusalRule, StarttlsProtocol};

use crate::target;

/// One party's limits (a policy file, or a request's `limits`). `None` does not limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rules {
    pub source: LimitSource,
    pub probes: Option<bool>,
    /// Inclusive ranges.
    pub ports: Option<Vec<(u16, u16)>>,
    /// `None` in the list stands for `"tls"` (TLS from the first byte).
    pub protocols: Option<Vec<Option<StarttlsProtocol>>>,
    pub allowed_hosts: Option<Vec<HostPattern>>,
    pub blocked_hosts: Vec<HostPattern>,
    pub private_addresses: Option<bool>,
    pub max_timeout_seconds: Option<u32>,
    pub rate_limit_per_minute: Option<u32>,
    pub local_probes: Option<bool>,
}

/// An entry of `allowed_hosts` / `blocked_hosts`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostPattern {
    /// `www.example.jp`: that name only (ASCII form, lower case, no final dot).
    Name(String),
    /// `*.example.jp`: any name below `example.jp`, at any depth; not `example.jp` itself.
    Below(String),
    /// `192.0.2.1`, `2001:db8::1`: that address, as the target or as an address it resolves to.
    Address(IpAddr),
    /// `10.0.0.0/8`, `2001:db8::/32`: any address in the block.
    Block(IpAddr, u8),
}

/// Which of a party's rules judge one connection. `probes`, `blocked_hosts` and
/// `private_addresses` judge every connection; the rest depend on who chose where it goes
/// (`net::gate::Purpose` says, for each kind of connection).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scope {
    /// `allowed_ports`.
    pub port: bool,
    /// `allowed_protocols`, with what is spoken (`None` inside: TLS from the first byte).
    pub protocol: Option<Option<StarttlsProtocol>>,
    /// `allowed_hosts`.
    pub allow_list: bool,
    /// `local_probes`.
    pub local_probe: bool,
}

impl Scope {
    /// A check of a server: every rule.
    pub const fn server(starttls: Option<StarttlsProtocol>) -> Self {
        Scope { port: true, protocol: Some(starttls), allow_list: true, local_probe: false }
    }
}

impl HostPattern {
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if let Some((ip, bits)) = text.split_once('/') {
            let ip: IpAddr = ip.parse().ok()?;
            let bits: u8 = bits.parse().ok()?;
            let max = if ip.is_ipv4() { 32 } else { 128 };
            return (bits <= max).then_some(HostPattern::Block(ip, bits));
        }
        let unbracketed = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or(text);
        if let Ok(ip) = unbracketed.parse::<IpAddr>() {
            return Some(HostPattern::Address(ip));
        }
        if let Some(rest) = text.strip_prefix("*.") {
            return target::normalise_name(rest).map(HostPattern::Below);
        }
        if text.contains('*') {
            return None;
        }
        target::normalise_name(text).map(HostPattern::Name)
    }

    pub fn matches_name(&self, name: &str) -> bool {
        match self {
            HostPattern::Name(n) => n == name,
            HostPattern::Below(suffix) => {
                name.len() > suffix.len() + 1
                    && name.ends_with(suffix.as_str())
                    && name.as_bytes().get(name.len() - suffix.len() - 1) == Some(&b'.')
            }
            HostPattern::Address(_) | HostPattern::Block(..) => false,
        }
    }

    pub fn matches_address(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        match self {
            HostPattern::Address(a) => canonical(*a) == ip,
            HostPattern::Block(net, bits) => in_block(ip, canonical(*net), *bits),
            HostPattern::Name(_) | HostPattern::Below(_) => false,
        }
    }

    pub fn is_address(&self) -> bool {
        matches!(self, HostPattern::Address(_) | HostPattern::Block(..))
    }
}

/// An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is the IPv4 address.
pub fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    }
}

fn in_block(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(n)) => {
            let mask = if bits == 0 { 0 } else { u32::MAX << (32 - u32::from(bits.min(32))) };
            u32::from(a) & mask == u32::from(n) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(n)) => {
            let mask = if bits == 0 { 0 } else { u128::MAX << (128 - u32::from(bits.min(128))) };
            u128::from(a) & mask == u128::from(n) & mask
        }
        _ => false,
    }
}

/// Addresses that `private_addresses: false` refuses: loopback (127/8, ::1), unspecified and
/// "this network" (0/8, ::), private (RFC 1918: 10/8, 172.16/12, 192.168/16), shared address
/// space (RFC 6598 CGNAT: 100.64/10), link-local (RFC 3927 169.254/16, RFC 4291 fe80::/10),
/// unique local (RFC 4193 fc00::/7); IPv4 inside IPv6 (mapped ::ffff:0:0/96, NAT64
/// 64:ff9b::/96, RFC 6052) is judged as the IPv4 address it carries.
pub fn is_private(ip: IpAddr) -> bool {
    match canonical(ip) {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            a == 0
                || a == 10
                || a == 127
                || (a == 172 && (16..32).contains(&b))
                || (a == 192 && b == 168)
                || (a == 100 && (64..128).contains(&b))
                || (a == 169 && b == 254)
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
                let [x, y] = s[6].to_be_bytes();
                let [z, w] = s[7].to_be_bytes();
                return is_private(IpAddr::from([x, y, z, w]));
            }
            v6.is_loopback() || v6.is_unspecified() || (s[0] & 0xfe00) == 0xfc00 || (s[0] & 0xffc0) == 0xfe80
        }
    }
}

/// A port entry: `443`, `"443"`, `"8000-8999"`.
fn port_range(spec: &PortSpec) -> Option<(u16, u16)> {
    match spec {
        PortSpec::Port(0) => None,
        PortSpec::Port(p) => Some((*p, *p)),
        PortSpec::Range(text) => {
            let (from, to) = text.split_once('-').unwrap_or((text, text));
            let from: u16 = from.trim().parse().ok()?;
            let to: u16 = to.trim().parse().ok()?;
            (from >= 1 && from <= to).then_some((from, to))
        }
    }
}

/// `"tls"`, or a STARTTLS protocol's wire name.
fn protocol(text: &str) -> Option<Option<StarttlsProtocol>> {
    let text = text.trim().to_ascii_lowercase();
    if text == "tls" {
        return Some(None);
    }
    StarttlsProtocol::ALL.into_iter().find(|p| p.as_str() == text).map(Some)
}

impl Rules {
    /// No limit at all.
    pub fn none(source: LimitSource) -> Self {
        Rules {
            source,
            probes: None,
            ports: None,
            protocols: None,
            allowed_hosts: None,
            blocked_hosts: Vec::new(),
            private_addresses: None,
            max_timeout_seconds: None,
            rate_limit_per_minute: None,
            local_probes: None,
        }
    }

    /// Reads `limits`. Entries that cannot be read are left out and listed (`allowed_ports[2]`);
    /// the limits returned are those applied.
    pub fn compile(limits: &Limits, source: LimitSource) -> (Rules, Limits, Vec<IgnoredKey>) {
        let mut ignored = Vec::new();
        let mut applied = limits.clone();
        let mut bad = |key: &str, i: usize, detail: String| {
            ignored.push(IgnoredKey { key: format!("{key}[{i}]"), reason: IgnoredReason::BadValue, detail });
        };
        let ports = limits.allowed_ports.as_ref().map(|list| {
            let mut kept = Vec::new();
            let mut ranges = Vec::new();
            for (i, spec) in list.iter().enumerate() {
                match port_range(spec) {
                    Some(r) => {
                        ranges.push(r);
                        kept.push(spec.clone());
                    }
                    None => bad("allowed_ports", i, "not a port (1-65535) or a range \"from-to\"".into()),
                }
            }
            applied.allowed_ports = Some(kept);
            ranges
        });
        let protocols = limits.allowed_protocols.as_ref().map(|list| {
            let mut kept = Vec::new();
            let mut protocols = Vec::new();
            for (i, text) in list.iter().enumerate() {
                match protocol(text) {
                    Some(p) => {
                        protocols.push(p);
                        kept.push(text.clone());
                    }
                    None => bad("allowed_protocols", i, format!("{text:?} is not \"tls\" or a STARTTLS protocol")),
                }
            }
            applied.allowed_protocols = Some(kept);
            protocols
        });
        let mut hosts = |key: &str, list: &[String]| {
            let mut kept = Vec::new();
            let mut patterns = Vec::new();
            for (i, text) in list.iter().enumerate() {
                match HostPattern::parse(text) {
                    Some(p) => {
                        patterns.push(p);
                        kept.push(text.clone());
                    }
                    None => bad(key, i, format!("{text:?} is not a host name, *.suffix, IP address or CIDR block")),
                }
            }
            (patterns, kept)
        };
        let allowed_hosts = limits.allowed_hosts.as_ref().map(|list| {
            let (patterns, kept) = hosts("allowed_hosts", list);
            applied.allowed_hosts = Some(kept);
            patterns
        });
        let blocked_hosts = match &limits.blocked_hosts {
            Some(list) => {
                let (patterns, kept) = hosts("blocked_hosts", list);
                applied.blocked_hosts = Some(kept);
                patterns
            }
            None => Vec::new(),
        };
        let rules = Rules {
            source,
            probes: limits.probes,
            ports,
            protocols,
            allowed_hosts,
            blocked_hosts,
            private_addresses: limits.private_addresses,
            max_timeout_seconds: limits.max_timeout_seconds,
            rate_limit_per_minute: limits.rate_limit_per_minute,
            local_probes: limits.local_probes,
        };
        (rules, applied, ignored)
    }

    fn refuse(&self, rule: RefusalRule) -> Refusal {
        Refusal::new(rule, self.source)
    }

    /// The rules that need no address, for a check of the server: probing on, port,
    /// protocol, the name's patterns.
    pub fn before_dns(
        &self,
        host: &str,
        is_name: bool,
        port: u16,
        starttls: Option<StarttlsProtocol>,
    ) -> Result<(), Refusal> {
        self.admit(Scope::server(starttls), host, is_name, port)
    }

    /// The rules in `scope` that need no address. An IP literal is judged as the address it
    /// is.
    pub fn admit(&self, scope: Scope, host: &str, is_name: bool, port: u16) -> Result<(), Refusal> {
        if self.probes == Some(false) {
            return Err(self.refuse(RefusalRule::ProbesOff));
        }
        if scope.local_probe && self.local_probes == Some(false) {
            let mut r = self.refuse(RefusalRule::ProbesOff);
            r.detail = Some("client_probes: false".into());
            return Err(r);
        }
        if let (true, Some(ranges)) = (scope.port, &self.ports) {
            if !ranges.iter().any(|(from, to)| (*from..=*to).contains(&port)) {
                let mut r = self.refuse(RefusalRule::PortNotAllowed);
                r.port = Some(port);
                return Err(r);
            }
        }
        if let (Some(spoken), Some(protocols)) = (scope.protocol, &self.protocols) {
            if !protocols.contains(&spoken) {
                let mut r = self.refuse(RefusalRule::ProtocolNotAllowed);
                r.starttls = spoken;
                return Err(r);
            }
        }
        let literal = if is_name { None } else { host.parse::<IpAddr>().ok() };
        match literal {
            Some(ip) => self.screen(scope, host, is_name, &[ip]),
            None => {
                if let Some(p) = self.blocked_hosts.iter().find(|p| p.matches_name(host)) {
                    return Err(self.host_refusal(RefusalRule::HostBlocked, host, None, Some(p)));
                }
                match &self.allowed_hosts {
                    Some(list) if scope.allow_list && !list.iter().any(|p| p.matches_name(host) || p.is_address()) => {
                        Err(self.host_refusal(RefusalRule::HostNotAllowed, host, None, None))
                    }
                    _ => Ok(()),
                }
            }
        }
    }

    /// The rules on the addresses actually connected to (resolved, given by the browser, or
    /// the IP literal itself), for a check of the server.
    pub fn addresses(&self, host: &str, is_name: bool, addresses: &[IpAddr]) -> Result<(), Refusal> {
        self.screen(Scope::server(None), host, is_name, addresses)
    }

    /// The rules in `scope` on the addresses about to be connected to: `blocked_hosts`,
    /// `allowed_hosts` (when the scope has it), `private_addresses`.
    pub fn screen(&self, scope: Scope, host: &str, is_name: bool, addresses: &[IpAddr]) -> Result<(), Refusal> {
        for &ip in addresses {
            if let Some(p) = self.blocked_hosts.iter().find(|p| p.matches_address(ip)) {
                return Err(self.host_refusal(RefusalRule::HostBlocked, host, Some(ip), Some(p)));
            }
        }
        if let (true, Some(list)) = (scope.allow_list, &self.allowed_hosts) {
            let by_name = is_name && list.iter().any(|p| p.matches_name(host));
            if !by_name {
                if let Some(&ip) = addresses.iter().find(|ip| !list.iter().any(|p| p.matches_address(**ip))) {
                    return Err(self.host_refusal(RefusalRule::HostNotAllowed, host, Some(ip), None));
                }
            }
        }
        if self.private_addresses == Some(false) {
            if let Some(&ip) = addresses.iter().find(|ip| is_private(**ip)) {
                return Err(self.host_refusal(RefusalRule::PrivateAddress, host, Some(ip), None));
            }
        }
        Ok(())
    }

    fn host_refusal(
        &self,
        rule: RefusalRule,
        host: &str,
        address: Option<IpAddr>,
        by: Option<&HostPattern>,
    ) -> Refusal {
        let mut r = self.refuse(rule);
        r.host = Some(host.to_owned());
        r.address = address;
        r.detail = by.map(|p| match p {
            HostPattern::Name(n) => n.clone(),
            HostPattern::Below(s) => format!("*.{s}"),
            HostPattern::Address(a) => a.to_string(),
            HostPattern::Block(n, b) => format!("{n}/{b}"),
        });
        r
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn host_patterns_read_and_match() {
        let below = HostPattern::parse("*.Example.JP.").unwrap();
        assert!(below.matches_name("a.example.jp") && below.matches_name("a.b.example.jp"));
        assert!(!below.matches_name("example.jp") && !below.matches_name("badexample.jp"));
        let exact = HostPattern::parse("Bücher.example").unwrap();
        assert_eq!(exact, HostPattern::Name("xn--bcher-kva.example".into()));
        let block = HostPattern::parse("10.0.0.0/8").unwrap();
        assert!(block.matches_address(ip("10.200.1.1")) && !block.matches_address(ip("11.0.0.1")));
        assert!(block.matches_address(ip("::ffff:10.0.0.1")));
        assert!(HostPattern::parse("2001:db8::/32").unwrap().matches_address(ip("2001:db8:1::5")));
        assert!(HostPattern::parse("[2001:db8::1]").unwrap().matches_address(ip("2001:db8::1")));
        assert!(HostPattern::parse("0.0.0.0/0").unwrap().matches_address(ip("203.0.113.9")));
        for bad in ["", "*", "a.*.jp", "10.0.0.0/33", "::/129", "exa mple.jp", "1.2.3.4/x"] {
            assert_eq!(HostPattern::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn private_addresses_are_the_documented_blocks() {
        for p in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.0.1",
            "100.64.0.1",
            "100.127.255.254",
            "169.254.1.1",
            "0.0.0.0",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fd12::1",
            "::ffff:192.168.1.1",
            "64:ff9b::a00:1",
        ] {
            assert!(is_private(ip(p)), "{p}");
        }
        for p in
            ["8.8.8.8", "172.32.0.1", "100.128.0.1", "192.0.2.1", "2001:db8::1", "64:ff9b::808:808", "::ffff:8.8.8.8"]
        {
            assert!(!is_private(ip(p)), "{p}");
        }
    }

    #[test]
    fn ports_and_protocols_are_read_and_bad_entries_listed() {
        let limits = Limits {
            allowed_ports: Some(vec![
                PortSpec::Port(443),
                PortSpec::Range("8000-8999".into()),
                PortSpec::Range("9-1".into()),
                PortSpec::Port(0),
            ]),
            allowed_protocols: Some(vec!["TLS".into(), "smtp".into(), "gopher".into()]),
            ..Limits::default()
        };
        let (rules, applied, ignored) = Rules::compile(&limits, LimitSource::HostPolicy);
        assert_eq!(rules.ports, Some(vec![(443, 443), (8000, 8999)]));
        assert_eq!(rules.protocols, Some(vec![None, Some(StarttlsProtocol::Smtp)]));
        let keys: Vec<&str> = ignored.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, ["allowed_ports[2]", "allowed_ports[3]", "allowed_protocols[2]"]);
        assert_eq!(applied.allowed_ports.unwrap().len(), 2);
        assert!(rules.before_dns("a.example", true, 8443, None).is_ok());
        let r = rules.before_dns("a.example", true, 8443 + 1000, None).unwrap_err();
        assert_eq!((r.rule, r.port), (RefusalRule::PortNotAllowed, Some(9443)));
        let r = rules.before_dns("a.example", true, 443, Some(StarttlsProtocol::Imap)).unwrap_err();
        assert_eq!((r.rule, r.starttls), (RefusalRule::ProtocolNotAllowed, Some(StarttlsProtocol::Imap)));
    }

    #[test]
    fn hosts_are_judged_by_name_then_by_the_addresses_connected_to() {
        let limits = Limits {
            allowed_hosts: Some(vec!["*.example.jp".into(), "192.0.2.0/24".into()]),
            blocked_hosts: Some(vec!["secret.example.jp".into(), "198.51.100.7".into()]),
            private_addresses: Some(false),
            ..Limits::default()
        };
        let (rules, _, ignored) = Rules::compile(&limits, LimitSource::ManagedSettings);
        assert!(ignored.is_empty());
        let rule = |r: Result<(), Refusal>| r.err().map(|r| r.rule);
        assert_eq!(rule(rules.before_dns("secret.example.jp", true, 443, None)), Some(RefusalRule::HostBlocked));
        assert_eq!(rule(rules.before_dns("www.example.jp", true, 443, None)), None);
        // A name outside the names may still be allowed by its addresses.
        assert_eq!(rule(rules.before_dns("other.test", true, 443, None)), None);
        assert_eq!(rule(rules.addresses("other.test", true, &[ip("192.0.2.5")])), None);
        let r = rules.addresses("other.test", true, &[ip("192.0.2.5"), ip("203.0.113.1")]).unwrap_err();
        assert_eq!((r.rule, r.address), (RefusalRule::HostNotAllowed, Some(ip("203.0.113.1"))));
        // An allowed name that resolves to a private address, or to a blocked one.
        let r = rules.addresses("www.example.jp", true, &[ip("10.0.0.5")]).unwrap_err();
        assert_eq!((r.rule, r.source), (RefusalRule::PrivateAddress, LimitSource::ManagedSettings));
        assert_eq!(
            rule(rules.addresses("www.example.jp", true, &[ip("198.51.100.7")])),
            Some(RefusalRule::HostBlocked)
        );
        // IP literals are judged as addresses before any lookup.
        assert_eq!(rule(rules.before_dns("192.0.2.9", false, 443, None)), None);
        assert_eq!(rule(rules.before_dns("203.0.113.1", false, 443, None)), Some(RefusalRule::HostNotAllowed));
    }

    #[test]
    fn probes_off_refuses_first() {
        let limits = Limits { probes: Some(false), allowed_ports: Some(vec![PortSpec::Port(1)]), ..Limits::default() };
        let (rules, ..) = Rules::compile(&limits, LimitSource::HostPolicy);
        assert_eq!(rules.before_dns("a.example", true, 443, None).unwrap_err().rule, RefusalRule::ProbesOff);
    }
}
