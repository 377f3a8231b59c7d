//! Where a mail domain's servers are, asked the ways mail apps ask, all at once:
//!
//! - SRV records (RFC 6186; `_submissions` for implicit TLS from RFC 8314 §5.1). A target of
//!   "." means the service is not offered (RFC 2782, RFC 6186 §4). Records are taken in
//!   priority order, higher weight first within a priority: the deterministic reading of
//!   RFC 2782's weighted choice, so that two runs report the same order.
//! - MX records (RFC 5321 §5.1) for port 25: checked for reference only. A null MX (RFC 7505)
//!   is "not offered".
//! - The autoconfig file (`autoconfig.rs`), over HTTPS only.
//! - Usual names, only when none of the above named a server for mail apps, and only names
//!   that resolve.
//!
//! Every lookup runs under the discovery deadline; a lookup that fails is recorded with why.

use std::collections::HashSet;
use std::net::IpAddr;
use std::time::Duration;

use hickory_resolver::TokioResolver;
use tls_doctor_core::wire::{Lookup, LookupError, LookupOutcome, MailEndpoint, MailRole, MailSecurity, MailSource};
use tokio::time::{Instant as Deadline, timeout_at};

use super::dns::{addresses, dns_failure, failed_timeout, first_address, futures_join_all};
use super::{MAX_CHECKED, MailRequest, autoconfig};
use crate::net::Gate;
use crate::target;

/// The SRV services of RFC 6186 and RFC 8314, with what each is for.
pub const SRV_SERVICES: &[(&str, MailRole, MailSecurity)] = &[
    ("_submissions._tcp", MailRole::Outgoing, MailSecurity::Tls),
    ("_submission._tcp", MailRole::Outgoing, MailSecurity::Starttls),
    ("_imaps._tcp", MailRole::IncomingImap, MailSecurity::Tls),
    ("_imap._tcp", MailRole::IncomingImap, MailSecurity::Starttls),
    ("_pop3s._tcp", MailRole::IncomingPop3, MailSecurity::Tls),
    ("_pop3._tcp", MailRole::IncomingPop3, MailSecurity::Starttls),
];

/// Usual names, tried only when nothing else was found (what Thunderbird's guesser tries first).
pub const GUESSES: &[(&str, u16, MailRole, MailSecurity)] = &[
    ("smtp", 465, MailRole::Outgoing, MailSecurity::Tls),
    ("smtp", 587, MailRole::Outgoing, MailSecurity::Starttls),
    ("mail", 465, MailRole::Outgoing, MailSecurity::Tls),
    ("mail", 587, MailRole::Outgoing, MailSecurity::Starttls),
    ("imap", 993, MailRole::IncomingImap, MailSecurity::Tls),
    ("imap", 143, MailRole::IncomingImap, MailSecurity::Starttls),
    ("mail", 993, MailRole::IncomingImap, MailSecurity::Tls),
    ("mail", 143, MailRole::IncomingImap, MailSecurity::Starttls),
    ("pop", 995, MailRole::IncomingPop3, MailSecurity::Tls),
];

/// SRV and MX answers beyond this many per name are ignored (a mail domain has a handful).
pub(crate) const MAX_RECORDS: usize = 8;
/// MX hosts checked for reference.
pub(crate) const MAX_MX: usize = 2;
/// The autoconfig fetches (DNS, TCP, TLS, HTTP) get at most this long together.
pub(crate) const AUTOCONFIG_BUDGET: Duration = Duration::from_secs(3);

/// One DNS question gets at most this long (the discovery deadline may cut it shorter).
pub(crate) const DNS_TIMEOUT: Duration = Duration::from_secs(2);

/// What discovery found.
#[derive(Clone, Debug, Default)]
pub struct Found {
    pub lookups: Vec<Lookup>,
    /// The servers to check, with the address to connect to when the resolver is not the
    /// system's (`--dns-server`); at most [`MAX_CHECKED`].
    pub checked: Vec<(MailEndpoint, Vec<IpAddr>)>,
    pub not_checked: Vec<MailEndpoint>,
    pub unencrypted: Vec<MailEndpoint>,
}

pub async fn discover(req: &MailRequest, deadline: Deadline) -> Found {
    let mut found = Found::default();
    let gate = Gate::new(req.policy.clone());
    let resolver = match gate.dns_client(req.dns_server, DNS_TIMEOUT) {
        Ok(r) => r,
        Err(detail) => {
            found.lookups.push(Lookup {
                source: MailSource::Srv,
                query: "resolver".into(),
                outcome: LookupOutcome::Failed { error: LookupError::DnsError, detail },
            });
            return found;
        }
    };
    let domain = req.input.domain.as_str();

    let srv = futures_join_all(SRV_SERVICES.iter().map(|(service, role, security)| {
        let resolver = &resolver;
        async move { srv(resolver, &format!("{service}.{domain}."), *role, *security, deadline).await }
    }));
    let mx = mx(&resolver, domain, deadline);
    // An autoconfig host that drops port 443 must not hold the SRV answers back for the whole
    // discovery deadline: it gets a budget of its own.
    let auto_deadline = deadline.min(Deadline::now() + AUTOCONFIG_BUDGET);
    // The autoconfig servers are judged by the gate, each by its name and its addresses.
    let auto = autoconfig::discover(&gate, &resolver, &req.input, req.custom.clone(), auto_deadline);
    let (srv, mx, auto) = tokio::join!(srv, mx, auto);

    let mut endpoints: Vec<MailEndpoint> = Vec::new();
    for (lookup, list) in srv {
        found.lookups.push(lookup);
        endpoints.extend(list);
    }
    for (lookup, list) in auto {
        found.lookups.push(lookup);
        endpoints.extend(list);
    }
    let (mx_lookup, mx_list) = mx;
    found.lookups.push(mx_lookup);

    if endpoints.iter().all(|e| e.security == MailSecurity::None) {
        let (lookups, guessed) = guesses(&resolver, domain, deadline).await;
        found.lookups.extend(lookups);
        endpoints.extend(guessed);
    }
    endpoints.extend(mx_list);

    // One check per (host, port, security); the first source to name it keeps it.
    let mut seen = HashSet::new();
    let mut unique = Vec::new();
    for e in endpoints {
        if seen.insert((e.host.clone(), e.port, e.security)) {
            unique.push(e);
        }
    }
    let (plain, secured): (Vec<MailEndpoint>, Vec<MailEndpoint>) =
        unique.into_iter().partition(|e| e.security == MailSecurity::None);
    found.unencrypted = plain;
    let mut secured = secured.into_iter();
    let to_check: Vec<MailEndpoint> = secured.by_ref().take(MAX_CHECKED).collect();
    found.not_checked = secured.collect();

    // With a nameserver of its own, the checks connect where that nameserver points.
    let addresses = futures_join_all(to_check.iter().map(|e| {
        let resolver = &resolver;
        async move {
            match req.dns_server {
                Some(_) => addresses(resolver, &e.host, MAX_ADDRESSES, deadline).await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    }))
    .await;
    found.checked = to_check.into_iter().zip(addresses).collect();
    found
}

async fn srv(
    resolver: &TokioResolver,
    name: &str,
    role: MailRole,
    security: MailSecurity,
    deadline: Deadline,
) -> (Lookup, Vec<MailEndpoint>) {
    let query = format!("{} SRV", name.trim_end_matches('.'));
    let lookup = |outcome| Lookup { source: MailSource::Srv, query: query.clone(), outcome };
    let answer = match timeout_at(deadline, resolver.srv_lookup(name)).await {
        Err(_) => return (lookup(failed_timeout()), Vec::new()),
        Ok(Err(e)) => return (lookup(dns_failure(&e)), Vec::new()),
        Ok(Ok(answer)) => answer,
    };
    let mut records: Vec<(u16, u16, u16, String)> =
        answer.iter().take(MAX_RECORDS).map(|r| (r.priority(), r.weight(), r.port(), name_text(r.target()))).collect();
    // RFC 2782: lowest priority first; within one, the higher weight first.
    records.sort_by_key(|(priority, weight, _, _)| (*priority, std::cmp::Reverse(*weight)));
    // RFC 2782: a single record with target "." means "decidedly not available".
    if records.iter().any(|(_, _, _, target)| target == "." || target.is_empty()) {
        return (lookup(LookupOutcome::NotOffered), Vec::new());
    }
    let list: Vec<MailEndpoint> = records
        .into_iter()
        .filter(|(_, _, port, _)| *port != 0)
        .filter_map(|(_, _, port, host)| {
            Some(MailEndpoint { role, host: target::normalise_name(&host)?, port, security, source: MailSource::Srv })
        })
        .collect();
    let outcome = if list.is_empty() { LookupOutcome::NoRecords } else { LookupOutcome::Found { servers: list.len() } };
    (lookup(outcome), list)
}

async fn mx(resolver: &TokioResolver, domain: &str, deadline: Deadline) -> (Lookup, Vec<MailEndpoint>) {
    let query = format!("{domain} MX");
    let lookup = |outcome| Lookup { source: MailSource::Mx, query: query.clone(), outcome };
    let answer = match timeout_at(deadline, resolver.mx_lookup(format!("{domain}."))).await {
        Err(_) => return (lookup(failed_timeout()), Vec::new()),
        Ok(Err(e)) => return (lookup(dns_failure(&e)), Vec::new()),
        Ok(Ok(answer)) => answer,
    };
    let mut records: Vec<(u16, String)> =
        answer.iter().take(MAX_RECORDS).map(|r| (r.preference(), name_text(r.exchange()))).collect();
    records.sort_by_key(|(preference, _)| *preference);
    if records.iter().any(|(_, host)| host == ".") {
        return (lookup(LookupOutcome::NotOffered), Vec::new());
    }
    let list: Vec<MailEndpoint> = records
        .into_iter()
        .filter_map(|(_, host)| target::normalise_name(&host))
        .take(MAX_MX)
        .map(|host| MailEndpoint {
            role: MailRole::RelayMx,
            host,
            port: 25,
            security: MailSecurity::Starttls,
            source: MailSource::Mx,
        })
        .collect();
    let outcome = if list.is_empty() { LookupOutcome::NoRecords } else { LookupOutcome::Found { servers: list.len() } };
    (lookup(outcome), list)
}

async fn guesses(resolver: &TokioResolver, domain: &str, deadline: Deadline) -> (Vec<Lookup>, Vec<MailEndpoint>) {
    let names: std::collections::BTreeSet<&str> = GUESSES.iter().map(|(label, ..)| *label).collect();
    let answers = futures_join_all(names.iter().map(|label| {
        let host = format!("{label}.{domain}");
        async move {
            let resolved = first_address(resolver, &host, deadline).await.is_some();
            (*label, host, resolved)
        }
    }))
    .await;
    let mut lookups = Vec::new();
    let mut list = Vec::new();
    for (label, host, resolved) in answers {
        lookups.push(Lookup {
            source: MailSource::Guess,
            query: format!("{host} A/AAAA"),
            outcome: if resolved { LookupOutcome::Found { servers: 1 } } else { LookupOutcome::NoRecords },
        });
        if resolved {
            list.extend(GUESSES.iter().filter(|(l, ..)| *l == label).map(|(_, port, role, security)| MailEndpoint {
                role: *role,
                host: host.clone(),
                port: *port,
                security: *security,
                source: MailSource::Guess,
            }));
        }
    }
    // Keep the table's order (outgoing first), not the names' order.
    list.sort_by_key(|e| {
        GUESSES.iter().position(|(l, p, r, _)| e.host == format!("{l}.{domain}") && *p == e.port && *r == e.role)
    });
    (lookups, list)
}

/// The most addresses one server is tried at.
pub(crate) const MAX_ADDRESSES: usize = 4;

/// A name from an answer: "." for the root (RFC 2782's "not offered"), else its ASCII form.
fn name_text(name: &hickory_resolver::Name) -> String {
    if name.is_root() { ".".to_owned() } else { name.to_ascii() }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Instant;

    use super::*;

    /// A nameserver that reads every query, over UDP and over TCP, and answers none: one
    /// question costs DNS_TIMEOUT over UDP, then DNS_TIMEOUT over TCP (hickory tries both), and
    /// no more, however long the deadline.
    #[tokio::test]
    async fn a_question_to_a_silent_nameserver_ends_after_its_timeout_on_each_transport() {
        #[expect(clippy::disallowed_methods, reason = "the test's own silent nameserver")]
        let udp = std::net::UdpSocket::bind(("127.0.0.1", 0)).unwrap();
        let address = udp.local_addr().unwrap();
        let tcp = std::net::TcpListener::bind(address).unwrap();
        std::thread::spawn(move || {
            let _udp = udp;
            let mut open = Vec::new();
            while let Ok((stream, _)) = tcp.accept() {
                open.push(stream);
            }
        });
        let gate = Gate::new(Arc::new(crate::policy::Enforced::permissive()));
        let resolver = gate.dns_client(Some(address), DNS_TIMEOUT).unwrap();
        let started = Instant::now();
        let deadline = Deadline::now() + Duration::from_secs(60);
        let (lookup, found) =
            srv(&resolver, "_imaps._tcp.quiet.example.", MailRole::IncomingImap, MailSecurity::Tls, deadline).await;
        let took = started.elapsed();
        assert!(found.is_empty());
        assert!(matches!(lookup.outcome, LookupOutcome::Failed { error: LookupError::TimedOut, .. }), "{lookup:?}");
        assert!(took >= DNS_TIMEOUT * 2 && took < DNS_TIMEOUT * 2 + Duration::from_secs(1), "{took:?}");
    }
}
