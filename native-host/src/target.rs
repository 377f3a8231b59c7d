//! What the user asked to check: `HOST[:PORT]`, `[IPv6]:PORT`, or a pasted URL, validated
//! before anything touches the network.

use std::net::IpAddr;

use tls_doctor_core::explain::Notice;

/// A validated target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetSpec {
    /// An IP literal, or a host name in its ASCII (`xn--`) form, lower-case, no trailing dot.
    pub host: String,
    pub port: u16,
    /// A name, not an IP address.
    pub is_name: bool,
}

/// Implicit-TLS schemes a user may paste, with their default ports (IANA service names).
const SCHEMES: &[(&str, u16)] =
    &[("https", 443), ("smtps", 465), ("imaps", 993), ("pop3s", 995), ("ldaps", 636), ("ftps", 990), ("wss", 443)];

pub const DEFAULT_PORT: u16 = 443;

/// Parses `example.jp`, `example.jp:8443`, `192.0.2.1:443`, `[2001:db8::1]:443`, `2001:db8::1`,
/// `日本語.jp`, `https://example.jp/path`.
pub fn parse(input: &str) -> Result<TargetSpec, Notice> {
    let bad = |reason: &str| Notice::BadTarget { input: input.to_owned(), reason: reason.to_owned() };
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(bad("empty"));
    }
    let (rest, default_port) = match trimmed.split_once("://") {
        Some((scheme, rest)) => {
            let scheme = scheme.to_ascii_lowercase();
            match SCHEMES.iter().find(|(s, _)| *s == scheme) {
                Some((_, port)) => (rest, *port),
                None if scheme == "http" => return Err(Notice::PlainHttpUrl { input: input.to_owned() }),
                None => return Err(bad("scheme")),
            }
        }
        None => (trimmed, DEFAULT_PORT),
    };
    // Drop a path, query or fragment, and user info.
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);

    let (host, port) = split_host_port(authority).ok_or_else(|| bad("syntax"))?;
    let port = match port {
        None => default_port,
        Some(text) => parse_port(text).ok_or_else(|| Notice::BadPort { input: text.to_owned() })?,
    };
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(TargetSpec { host: ip.to_string(), port, is_name: false });
    }
    let host = normalise_name(host).ok_or_else(|| bad("name"))?;
    Ok(TargetSpec { host, port, is_name: true })
}

/// `host`, `host:port`, `[v6]`, `[v6]:port`, or a bare IPv6 address.
fn split_host_port(authority: &str) -> Option<(&str, Option<&str>)> {
    if let Some(inner) = authority.strip_prefix('[') {
        let (host, after) = inner.split_once(']')?;
        return match after {
            "" => Some((host, None)),
            _ => Some((host, Some(after.strip_prefix(':')?))),
        };
    }
    match authority.matches(':').count() {
        0 => Some((authority, None)),
        1 => authority.split_once(':').map(|(h, p)| (h, Some(p))),
        _ => authority.parse::<IpAddr>().is_ok().then_some((authority, None)),
    }
}

pub fn parse_port(text: &str) -> Option<u16> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) || text.len() > 5 {
        return None;
    }
    text.parse::<u16>().ok().filter(|p| *p != 0)
}

/// A host name to its ASCII form (UTS #46), checked against RFC 1035 lengths. Underscores are
/// allowed because internal hosts use them, even though no public CA will certify them.
pub fn normalise_name(name: &str) -> Option<String> {
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() {
        return None;
    }
    let ascii = idna::domain_to_ascii(name).ok()?;
    if ascii.is_empty() || ascii.len() > 253 {
        return None;
    }
    let labels_ok = ascii.split('.').all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    labels_ok.then_some(ascii)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> (String, u16) {
        let t = parse(input).unwrap();
        (t.host, t.port)
    }

    #[test]
    fn accepts_the_forms_admins_type() {
        assert_eq!(ok("example.jp"), ("example.jp".into(), 443));
        assert_eq!(ok("Example.JP.:8443"), ("example.jp".into(), 8443));
        assert_eq!(ok("192.0.2.1:465"), ("192.0.2.1".into(), 465));
        assert_eq!(ok("[2001:db8::1]:993"), ("2001:db8::1".into(), 993));
        assert_eq!(ok("[::1]"), ("::1".into(), 443));
        assert_eq!(ok("2001:db8::1"), ("2001:db8::1".into(), 443));
        assert_eq!(ok("https://www.example.jp/login?x=1"), ("www.example.jp".into(), 443));
        assert_eq!(ok("imaps://mail.example.jp"), ("mail.example.jp".into(), 993));
        assert_eq!(ok("https://user@example.jp:444/"), ("example.jp".into(), 444));
        assert_eq!(ok("日本語.jp"), ("xn--wgv71a119e.jp".into(), 443));
        assert_eq!(ok("_internal.corp"), ("_internal.corp".into(), 443));
    }

    #[test]
    fn rejects_with_a_reason() {
        for input in [
            "",
            "exa mple.jp",
            "example.jp:0",
            "example.jp:65536",
            "example.jp:https",
            "-bad.jp",
            "a..b",
            "[::1",
            "ftp://x",
        ] {
            assert!(parse(input).is_err(), "{input}");
        }
        assert!(matches!(parse("example.jp:70000"), Err(Notice::BadPort { .. })));
        assert!(matches!(parse("http://example.jp"), Err(Notice::PlainHttpUrl { .. })));
        let long = format!("{}.jp", "a".repeat(64));
        assert!(parse(&long).is_err());
    }
}
