//! What the user typed: a mail address or a domain (the host's `mail` request), or a server
//! and port (a `check`). The shape is judged here, once, for both sides: the popup's mail panel
//! ([`read`], through the wasm bindings) answers obvious mistakes at once without starting the
//! host, and the host ([`mail_address`], then IDN conversion) reads a `mail` request or
//! `tls-doctor mail ADDRESS` with the same rules.

use std::net::{IpAddr, Ipv6Addr};

use crate::explain::panel::InputProblem;

/// The input, read.
#[derive(Debug, PartialEq, Eq)]
pub enum Input {
    /// `user@example.jp` or `example.jp`: discover the servers and check them.
    Mail { address: String },
    /// `mail.example.jp:587`, `192.0.2.10:993`, `[2001:db8::1]:465`: check this server.
    Server { host: String, port: u16 },
}

/// The longest address read: RFC 5321 §4.5.3.1.3 allows a path of 256 octets, its angle
/// brackets included.
pub const ADDRESS_LIMIT: usize = 254;
/// The longest local part (before the `@`), RFC 5321 §4.5.3.1.1.
pub const LOCAL_PART_LIMIT: usize = 64;
/// RFC 1035 §2.3.4: a name is at most 253 characters in text form, a label at most 63.
const MAX_NAME: usize = 253;
const MAX_LABEL: usize = 63;

/// A mail address or a bare mail domain, as typed (not yet in ASCII form).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MailAddress<'a> {
    /// Before the `@`; `None` for a bare domain.
    pub local: Option<&'a str>,
    /// A name of at least two labels (any script: the host converts IDNs), not an IP address;
    /// a final dot is kept.
    pub domain: &'a str,
}

/// `user@example.jp`, `mailto:user@example.jp` or `example.jp`: a mail address or domain, or
/// `None` (a server and port, an IP address, anything else).
pub fn mail_address(text: &str) -> Option<MailAddress<'_>> {
    match trim(text) {
        Ok(trimmed) => mail_shape(trimmed).ok().flatten(),
        Err(_) => None,
    }
}

/// The input without surrounding space and a `mailto:`; `Err` when it is empty (`Ok(None)`),
/// too long or has space or control characters inside (`Err(Some(_))`).
fn trim(text: &str) -> Result<&str, Option<&str>> {
    let trimmed = text.trim();
    let trimmed = strip_prefix_ignore_case(trimmed, "mailto:").unwrap_or(trimmed);
    if trimmed.is_empty() {
        return Err(None);
    }
    if trimmed.len() > ADDRESS_LIMIT || trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Some(trimmed));
    }
    Ok(trimmed)
}

/// `Ok(Some)` for a mail address or domain, `Err` for something with an `@` that is not an
/// address, `Ok(None)` for something else.
fn mail_shape(trimmed: &str) -> Result<Option<MailAddress<'_>>, ()> {
    if let Some((local, domain)) = trimmed.rsplit_once('@') {
        let plain = |c: char| !"<>()[],;:\"\\@".contains(c);
        let local_ok = !local.is_empty() && local.len() <= LOCAL_PART_LIMIT && local.chars().all(plain);
        return if local_ok && is_mail_domain(domain) {
            Ok(Some(MailAddress { local: Some(local), domain }))
        } else {
            Err(())
        };
    }
    Ok(is_mail_domain(trimmed).then_some(MailAddress { local: None, domain: trimmed }))
}

/// The mail panel's input: what to ask the host, or what is plainly wrong with it.
pub fn read(text: &str) -> Result<Input, InputProblem> {
    let trimmed = match trim(text) {
        Ok(trimmed) => trimmed,
        Err(None) => return Err(InputProblem::Empty),
        Err(Some(trimmed)) => return Err(InputProblem::NotUnderstood { input: trimmed.to_owned() }),
    };
    let not_understood = || InputProblem::NotUnderstood { input: trimmed.to_owned() };
    match mail_shape(trimmed) {
        Ok(Some(_)) => return Ok(Input::Mail { address: trimmed.to_owned() }),
        Err(()) => return Err(not_understood()),
        Ok(None) => {}
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

    #[test]
    fn the_host_reads_mail_addresses_with_the_same_rules() {
        fn m(s: &str) -> Option<(Option<&str>, &str)> {
            mail_address(s).map(|a| (a.local, a.domain))
        }
        assert_eq!(m(" MAILTO:user@例え.jp "), Some((Some("user"), "例え.jp")));
        assert_eq!(m("example.jp."), Some((None, "example.jp.")));
        // Whatever the panel reads as a mail request, the host reads as an address, and the
        // rest it refuses.
        for text in
            ["user@example.jp", "a.b+c@例え.jp", "example.jp", "mail.example.jp:587", "192.0.2.1", "user@jp", "x y"]
        {
            assert_eq!(mail_address(text).is_some(), matches!(read(text), Ok(Input::Mail { .. })), "{text:?}");
        }
        for bad in ["", "@example.jp", "user@", "user@192.0.2.1", "user@[192.0.2.1]", "us er@example.jp", "a@b@"] {
            assert_eq!(mail_address(bad), None, "{bad:?}");
        }
        assert_eq!(m(&format!("{}@example.jp", "a".repeat(LOCAL_PART_LIMIT))).map(|a| a.1), Some("example.jp"));
        assert_eq!(mail_address(&format!("{}@example.jp", "a".repeat(LOCAL_PART_LIMIT + 1))), None);
    }
}
