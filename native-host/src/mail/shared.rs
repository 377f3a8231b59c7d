//! A shared host's own server name. A rental server serves its own certificate
//! (`sv1234.xserver.jp`) while its customers' records name their own domain
//! (`mail.example.jp`), so the name mismatch is by design and the fix is to type the host's
//! name. When a checked server's certificate gives other names, the names that are not
//! wildcards are resolved (at most [`MAX_NAMES`], through the request's resolver — the
//! system's or `--dns-server` — and within [`DNS_TIMEOUT`] and the request's deadline); a name
//! that resolves to an address of the server is checked again on the same port, with that
//! name as SNI and as the name verified ([`MailSource::Certificate`]). The model prefers it
//! (`mail::recommend`) and says why (`explain::mail`), so the recommendation rests on a real
//! check.

use std::collections::HashSet;
use std::net::IpAddr;

use tls_doctor_core::wire::{DnsOutcome, Evidence, FindingKind, MailEndpoint, MailRole, MailSecurity, MailSource};
use tls_doctor_core::{OrgSettings, diagnose};
use tokio::time::Instant as Deadline;

use super::MailRequest;
use super::discover::{DNS_TIMEOUT, MAX_ADDRESSES};
use super::dns::{addresses, futures_join_all};
use crate::net::Gate;
use crate::target;

/// At most this many names from certificates are resolved per request.
pub const MAX_NAMES: usize = 4;

/// A checked server whose certificate gives other names.
struct Candidate<'a> {
    endpoint: &'a MailEndpoint,
    names: Vec<String>,
    /// Where the server was reached (the addresses discovery gave, or those the check resolved).
    at: Vec<IpAddr>,
}

/// The certificate's names a server's diagnosis reports instead of its own (`name_mismatch`),
/// wildcards left out, in the certificate's order, in ASCII form.
fn other_names(endpoint: &MailEndpoint, evidence: &Evidence) -> Vec<String> {
    let diagnosis = diagnose(evidence, evidence.measured_at, &OrgSettings::default());
    let names = diagnosis.findings.iter().find_map(|f| match &f.kind {
        FindingKind::NameMismatch { dns_names, .. } => Some(dns_names.clone()),
        _ => None,
    });
    let mut out: Vec<String> = Vec::new();
    for name in names.unwrap_or_default() {
        if name.starts_with('*') {
            continue;
        }
        if let Some(name) = target::normalise_name(&name) {
            if name != endpoint.host && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

fn reached(given: &[IpAddr], evidence: &Evidence) -> Vec<IpAddr> {
    match &evidence.dns {
        _ if !given.is_empty() => given.to_vec(),
        DnsOutcome::Resolved { addresses, .. } => addresses.clone(),
        _ => Vec::new(),
    }
}

/// The names to resolve: each once, in the servers' order, at most [`MAX_NAMES`].
fn names_to_resolve<'a>(candidates: &'a [Candidate<'_>]) -> Vec<&'a str> {
    let mut names: Vec<&str> = Vec::new();
    for name in candidates.iter().flat_map(|c| c.names.iter()) {
        if !names.contains(&name.as_str()) && names.len() < MAX_NAMES {
            names.push(name);
        }
    }
    names
}

/// The servers to check under a name their certificate gives: `checked` holds each server
/// checked, the addresses discovery gave it (empty with the system's resolver) and its
/// evidence. At most one name per server, at most [`super::MAX_CHECKED`] in all, none already
/// checked.
pub async fn suggest(
    req: &MailRequest,
    checked: &[(MailEndpoint, Vec<IpAddr>, &Evidence)],
    deadline: Deadline,
) -> Vec<(MailEndpoint, Vec<IpAddr>)> {
    let candidates: Vec<Candidate<'_>> = checked
        .iter()
        .filter(|(e, ..)| e.role != MailRole::RelayMx && e.security != MailSecurity::None)
        .map(|(endpoint, given, evidence)| Candidate {
            endpoint,
            names: other_names(endpoint, evidence),
            at: reached(given, evidence),
        })
        .filter(|c| !c.names.is_empty() && !c.at.is_empty())
        .collect();
    let names = names_to_resolve(&candidates);
    if names.is_empty() {
        return Vec::new();
    }
    let Ok(resolver) = Gate::new(req.policy.clone()).dns_client(req.dns_server, DNS_TIMEOUT) else {
        return Vec::new();
    };
    let dns_deadline = deadline.min(Deadline::now() + DNS_TIMEOUT);
    let resolved = futures_join_all(names.iter().map(|name| {
        let resolver = &resolver;
        async move { addresses(resolver, name, MAX_ADDRESSES, dns_deadline).await.unwrap_or_default() }
    }))
    .await;

    let mut seen: HashSet<(String, u16, MailSecurity)> =
        checked.iter().map(|(e, ..)| (e.host.clone(), e.port, e.security)).collect();
    let mut out = Vec::new();
    for c in &candidates {
        let found = c.names.iter().find_map(|name| {
            let i = names.iter().position(|n| n == name)?;
            let common: Vec<IpAddr> = resolved.get(i)?.iter().filter(|a| c.at.contains(a)).copied().collect();
            (!common.is_empty()).then_some((name, common))
        });
        let Some((name, common)) = found else { continue };
        if out.len() >= super::MAX_CHECKED || !seen.insert((name.clone(), c.endpoint.port, c.endpoint.security)) {
            continue;
        }
        let endpoint = MailEndpoint { host: name.clone(), source: MailSource::Certificate, ..c.endpoint.clone() };
        // As discovery does: with a nameserver of its own, connect where it points.
        out.push((endpoint, if req.dns_server.is_some() { common } else { Vec::new() }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_four_names_are_resolved_each_once() {
        let endpoint = MailEndpoint {
            role: MailRole::Outgoing,
            host: "mail.example.jp".into(),
            port: 465,
            security: MailSecurity::Tls,
            source: MailSource::Srv,
        };
        let at = vec![IpAddr::from([192, 0, 2, 1])];
        let names = |list: &[&str]| list.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
        let candidates = [
            Candidate { endpoint: &endpoint, names: names(&["a.example", "b.example", "c.example"]), at: at.clone() },
            Candidate { endpoint: &endpoint, names: names(&["b.example", "d.example", "e.example", "f.example"]), at },
        ];
        assert_eq!(names_to_resolve(&candidates), ["a.example", "b.example", "c.example", "d.example"]);
        assert_eq!(MAX_NAMES, 4);
    }
}
