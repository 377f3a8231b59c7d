//! What the user typed into the mail panel: a mail address or a domain (the host's `mail`
//! request), or a server and port (a `check`). Only the shape is judged here, so that obvious
//! mistakes get an answer at once without starting the host; the host reads the input again
//! (IDN conversion, the full rules) and refuses what it cannot use.

use std::net::{IpAddr, Ipv6Addr};

use serde::Serialize;
use tls_doctor_core::explain::panel::InputProblem;

/// The input, read.
#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Input {
    /// `user@example.jp` or `example.jp`: discover the servers and check them.
    Mail { address: String },
    /// `mail.example.jp:587`, `192.0.2.10:993`, `[2001:db8::1]:465`: check this server.
    Server { host: String, port: u16 },
}

/// RFC 5321 §4.5.3.1: a path is at most 256 octets, a local part at most 64; RFC 1035 §2.3.4:
/// a name is at most 253 characters in text form, a label at most 63.
const MAX_INPUT: usize = 254;
const MAX_LOCAL: usize = 64;
const MAX_NAME: usize = 253;
const MAX_LABEL: usize = 63;

pub fn read(text: &str) -> Result<Input, InputProblem> {
    let trimmed = text.trim();
    let trimmed = strip_prefix_ignore_case(trimmed, "mailto:").unwrap_or(trimmed);
    let not_understood = || InputProblem::NotUnderstood { input: trimmed.to_owned() };
    if trimmed.is_empty() {
        return Err(InputProblem::Empty);
    }
    if trimmed.len() > MAX_INPUT || trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(not_understood());
    }

    if let Some((local, domain)) = trimmed.rsplit_once('@') {
        let plain = |c: char| !"<>()[],;:\"\\@".contains(c);
        let local_ok = !local.is_empty() && local.len() <= MAX_LOCAL && local.chars().all(plain);
        return if local_ok && is_mail_domain(domain) {
            Ok(Input::Mail { address: trimmed.to_owned() })
        } else {
            Err(not_understood())
        };
    }

    // An IP address alone: there is nothing to look up, so the port must be given.
    if trimmed.parse::<IpAddr>().is_ok() {
        return Err(InputProblem::NeedsPort { input: trimmed.to_owned() });
    }
    if let Some(inner) = trimmed.strip_prefix('[') {
        let (ip, port) = inner.split_once(']').ok_or_else(not_understood)?;
        let ip: Ipv6Addr = ip.parse().map_err(|_| not_understood())?;
        return match port.strip_prefix(':') {
            Some(port) => Ok(Input::Server { host: ip.to_string(), port: read_port(port, trimmed)? }),
            None if port.is_empty() => Err(InputProblem::NeedsPort { input: trimmed.to_owned() }),
            None => Err(not_understood()),
        };
    }
    if let Some((host, port)) = trimmed.rsplit_once(':') {
        let host_ok = is_name(host) || host.parse::<std::net::Ipv4Addr>().is_ok();
        if !host_ok || port.is_empty() || !port.chars().all(|c| c.is_ascii_digit()) {
            return Err(not_understood());
        }
        return Ok(Input::Server { host: host.trim_end_matches('.').to_owned(), port: read_port(port, trimmed)? });
    }
    if is_mail_domain(trimmed) {
        return Ok(Input::Mail { address: trimmed.to_owned() });
    }
    Err(not_understood())
}

fn read_port(port: &str, input: &str) -> Result<u16, InputProblem> {
    match port.parse::<u16>() {
        Ok(p) if p > 0 && port.chars().all(|c| c.is_ascii_digit()) => Ok(p),
        _ => Err(InputProblem::BadPort { input: input.to_owned() }),
    }
}

/// A mail domain has at least two labels (`example.jp`) and is not an IP address.
fn is_mail_domain(domain: &str) -> bool {
    is_name(domain) && domain.trim_end_matches('.').contains('.') && domain.parse::<IpAddr>().is_err()
}

/// A host name's shape: labels of letters (any script: IDNs are converted by the host), digits
/// and inner hyphens, one trailing dot allowed.
fn is_name(name: &str) -> bool {
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() || name.len() > MAX_NAME {
        return false;
    }
    name.split('.').all(|label| {
        !label.is_empty()
            && label.len() <= MAX_LABEL
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    })
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(a: &str) -> Result<Input, InputProblem> {
        Ok(Input::Mail { address: a.into() })
    }

    fn server(h: &str, port: u16) -> Result<Input, InputProblem> {
        Ok(Input::Server { host: h.into(), port })
    }

    #[test]
    fn addresses_and_domains_are_mail_requests() {
        assert_eq!(read(" user@example.jp "), mail("user@example.jp"));
        assert_eq!(read("MAILTO:a.b+c@例え.jp"), mail("a.b+c@例え.jp"));
        assert_eq!(read("example.jp"), mail("example.jp"));
        assert_eq!(read("example.jp."), mail("example.jp."));
    }

    #[test]
    fn a_server_and_port_is_a_check() {
        assert_eq!(read("mail.example.jp:587"), server("mail.example.jp", 587));
        assert_eq!(read("127.0.0.1:8443"), server("127.0.0.1", 8443));
        assert_eq!(read("[2001:DB8::1]:993"), server("2001:db8::1", 993));
        assert_eq!(read("ok.lab.test.:465"), server("ok.lab.test", 465));
    }

    #[test]
    fn obvious_mistakes_are_named() {
        assert_eq!(read("   "), Err(InputProblem::Empty));
        assert_eq!(read(""), Err(InputProblem::Empty));
        for bad in ["user @example.jp", "@example.jp", "user@", "user@jp", "user@192.0.2.1", "a@b@", "localhost", "x y"]
        {
            assert!(matches!(read(bad), Err(InputProblem::NotUnderstood { .. })), "{bad:?}: {:?}", read(bad));
        }
        for bad in ["https://example.jp/", "mail.example.jp:", "mail.example.jp:smtp", "[::1]x"] {
            assert!(matches!(read(bad), Err(InputProblem::NotUnderstood { .. })), "{bad:?}: {:?}", read(bad));
        }
        assert_eq!(read("192.0.2.1"), Err(InputProblem::NeedsPort { input: "192.0.2.1".into() }));
        assert_eq!(read("[2001:db8::1]"), Err(InputProblem::NeedsPort { input: "[2001:db8::1]".into() }));
        for bad in ["mail.example.jp:0", "mail.example.jp:65536", "[::1]:99999"] {
            assert!(matches!(read(bad), Err(InputProblem::BadPort { .. })), "{bad:?}");
        }
        assert!(matches!(read(&format!("{}@example.jp", "a".repeat(65))), Err(InputProblem::NotUnderstood { .. })));
    }
}
