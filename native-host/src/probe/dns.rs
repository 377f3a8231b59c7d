//! Name resolution through the system resolver (getaddrinfo), as browsers and mail apps do, so
//! that /etc/hosts, split DNS and VPN resolvers give the same answers they would.

use std::net::IpAddr;
use std::time::Instant;

use dns_lookup::{AddrInfoHints, LookupErrorKind};
use tls_doctor_core::wire::{DnsError, DnsOutcome};
use tokio::time::{Instant as Deadline, timeout_at};

pub async fn resolve(host: &str, deadline: Deadline) -> DnsOutcome {
    let started = Instant::now();
    let name = host.to_owned();
    let lookup = tokio::task::spawn_blocking(move || lookup(&name));
    let elapsed_ms = || super::millis(started.elapsed());
    match timeout_at(deadline, lookup).await {
        Err(_) => DnsOutcome::Failed { error: DnsError::TimedOut, detail: String::new(), elapsed_ms: elapsed_ms() },
        Ok(Err(join)) => {
            DnsOutcome::Failed { error: DnsError::Other, detail: join.to_string(), elapsed_ms: elapsed_ms() }
        }
        Ok(Ok(Err((error, detail)))) => DnsOutcome::Failed { error, detail, elapsed_ms: elapsed_ms() },
        Ok(Ok(Ok(addresses))) if addresses.is_empty() => {
            DnsOutcome::Failed { error: DnsError::NoAddress, detail: String::new(), elapsed_ms: elapsed_ms() }
        }
        Ok(Ok(Ok(addresses))) => DnsOutcome::Resolved { addresses, elapsed_ms: elapsed_ms() },
    }
}

fn lookup(host: &str) -> Result<Vec<IpAddr>, (DnsError, String)> {
    // One answer per address rather than one per socket type.
    let hints = AddrInfoHints { socktype: dns_lookup::SockType::Stream.into(), ..AddrInfoHints::default() };
    let found = dns_lookup::getaddrinfo(Some(host), None, Some(hints)).map_err(|e| {
        let error = match e.kind() {
            LookupErrorKind::NoName => DnsError::NoSuchHost,
            LookupErrorKind::NoData => DnsError::NoAddress,
            LookupErrorKind::Again => DnsError::TemporaryFailure,
            _ => DnsError::Other,
        };
        // The kind already says it all, except for the catch-all.
        let detail = if error == DnsError::Other { format!("{:?}", e.kind()) } else { String::new() };
        (error, detail)
    })?;
    let mut addresses: Vec<IpAddr> = Vec::new();
    for info in found.flatten() {
        let ip = info.sockaddr.ip();
        if !addresses.contains(&ip) {
            addresses.push(ip);
        }
    }
    Ok(addresses)
}
