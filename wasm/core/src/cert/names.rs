//! Does a certificate cover the name that was asked for? The rules browsers apply:
//!
//! - only subjectAltName counts; the subject CN is ignored (Chrome 58, Firefox 48; CA/B
//!   Baseline Requirements §7.1.4.3 since 2012, RFC 9525 §6.3 makes it formal);
//! - `*` stands for exactly one whole label and only as the leftmost label (RFC 9525 §6.3;
//!   partial wildcards such as `w*.example.jp` are not honoured by browsers);
//! - comparison is ASCII case-insensitive, on the A-label (`xn--`) form, without the
//!   trailing dot;
//! - an IP address is matched only against iPAddress entries, never against dNSName.

use std::net::IpAddr;

use super::CertInfo;
use crate::wire::NameHint;

/// The name a client asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Requested {
    Dns(String),
    Ip(IpAddr),
}

impl Requested {
    pub fn parse(name: &str) -> Self {
        let trimmed = name.trim_start_matches('[').trim_end_matches(']');
        match trimmed.parse::<IpAddr>() {
            Ok(ip) => Requested::Ip(ip),
            Err(_) => Requested::Dns(normalise(name)),
        }
    }
}

fn normalise(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// Whether `cert` covers `requested`.
pub fn covers(cert: &CertInfo, requested: &Requested) -> bool {
    match requested {
        Requested::Ip(ip) => cert.ip_addresses.contains(ip),
        Requested::Dns(name) => cert.dns_names.iter().any(|pattern| matches(pattern, name)),
    }
}

/// One dNSName pattern against one (normalised) host name.
pub fn matches(pattern: &str, name: &str) -> bool {
    let pattern = normalise(pattern);
    if name.is_empty() || pattern.is_empty() {
        return false;
    }
    let Some(suffix) = pattern.strip_prefix("*.") else {
        return pattern == name;
    };
    // The wildcard must leave at least two labels (`*.jp` would cover a whole TLD), and
    // stands for exactly one non-empty label.
    if suffix.contains('*') || suffix.split('.').count() < 2 {
        return false;
    }
    match name.split_once('.') {
        Some((first, rest)) => !first.is_empty() && rest == suffix,
        None => false,
    }
}

/// When no name matched: a pattern that almost matched, so the explanation can say why not.
pub fn near_miss(cert: &CertInfo, requested: &Requested) -> Option<NameHint> {
    let Requested::Dns(name) = requested else {
        return None;
    };
    for pattern in &cert.dns_names {
        let pattern = normalise(pattern);
        if let Some(suffix) = pattern.strip_prefix("*.") {
            if suffix == name {
                return Some(NameHint::WildcardNotBare { wildcard: pattern.clone() });
            }
            if name.ends_with(&format!(".{suffix}")) {
                return Some(NameHint::WildcardOneLevel { wildcard: pattern.clone() });
            }
        }
    }
    let www_flip = match name.strip_prefix("www.") {
        Some(bare) => bare.to_owned(),
        None => format!("www.{name}"),
    };
    cert.dns_names.iter().map(|p| normalise(p)).find(|p| *p == www_flip).map(|covered| NameHint::WwwVariant { covered })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_and_case_insensitive() {
        assert!(matches("Example.JP", "example.jp"));
        assert!(matches("example.jp.", "example.jp"));
        assert!(!matches("example.jp", "www.example.jp"));
    }

    #[test]
    fn wildcard_is_one_whole_leftmost_label() {
        assert!(matches("*.example.jp", "www.example.jp"));
        assert!(!matches("*.example.jp", "example.jp"));
        assert!(!matches("*.example.jp", "a.b.example.jp"));
        assert!(!matches("*.jp", "example.jp"));
        assert!(!matches("w*.example.jp", "www.example.jp"));
        assert!(!matches("www.*.jp", "www.example.jp"));
        assert!(!matches("*.*.example.jp", "a.b.example.jp"));
        assert!(!matches("*.example.jp", ".example.jp"));
    }

    #[test]
    fn requested_parses_ips_and_brackets() {
        assert_eq!(Requested::parse("192.0.2.1"), Requested::Ip("192.0.2.1".parse().unwrap()));
        assert_eq!(Requested::parse("[::1]"), Requested::Ip("::1".parse().unwrap()));
        assert_eq!(Requested::parse("WWW.Example.JP."), Requested::Dns("www.example.jp".into()));
    }

    fn cert_with(names: &[&str]) -> CertInfo {
        let mut params =
            rcgen::CertificateParams::new(names.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
        params.distinguished_name = rcgen::DistinguishedName::new();
        let key = rcgen::KeyPair::generate().unwrap();
        super::super::parse(params.self_signed(&key).unwrap().der()).unwrap()
    }

    #[test]
    fn ip_requests_match_only_ip_entries() {
        let cert = cert_with(&["192.0.2.1", "example.jp"]);
        assert!(covers(&cert, &Requested::parse("192.0.2.1")));
        assert!(!covers(&cert, &Requested::parse("192.0.2.2")));
        let dns_only = cert_with(&["192.0.2.9.nip.example"]);
        assert!(!covers(&dns_only, &Requested::parse("192.0.2.9")));
    }

    #[test]
    fn near_misses_are_named() {
        let cert = cert_with(&["*.example.jp", "example.net"]);
        assert_eq!(
            near_miss(&cert, &Requested::parse("example.jp")),
            Some(NameHint::WildcardNotBare { wildcard: "*.example.jp".into() })
        );
        assert_eq!(
            near_miss(&cert, &Requested::parse("a.b.example.jp")),
            Some(NameHint::WildcardOneLevel { wildcard: "*.example.jp".into() })
        );
        assert_eq!(
            near_miss(&cert, &Requested::parse("www.example.net")),
            Some(NameHint::WwwVariant { covered: "example.net".into() })
        );
        assert_eq!(near_miss(&cert, &Requested::parse("other.org")), None);
    }
}
