//! Name resolution: the system resolver (getaddrinfo), as browsers and mail apps ask, so that
//! /etc/hosts, split DNS and VPN resolvers give the same answers they would; and the DNS client
//! `mail` asks SRV and MX records with (hickory), at the system's nameservers or one the caller
//! named and the gate admitted.

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use hickory_resolver::config::{NameServerConfigGroup, ResolverConfig, ResolverOpts};
use hickory_resolver::name_server::TokioConnectionProvider;
use hickory_resolver::{Resolver, TokioResolver};

use dns_lookup::{AddrInfoHints, LookupErrorKind};
use tls_doctor_core::wire::{DnsError, DnsOutcome};
use tokio::time::{Instant as Deadline, timeout_at};

pub(super) async fn system(host: &str, deadline: Deadline) -> DnsOutcome {
    let started = Instant::now();
    let name = host.to_owned();
    let lookup = tokio::task::spawn_blocking(move || lookup(&name));
    let elapsed_ms = || crate::probe::millis(started.elapsed());
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

/// A DNS client at `nameserver` (already admitted by the gate), or at the system's
/// (resolv.conf). One attempt per question, each at most `timeout`.
#[expect(clippy::disallowed_methods, reason = "the gate's DNS client: the one place that makes one")]
pub(super) fn dns_client(nameserver: Option<SocketAddr>, timeout: Duration) -> Result<TokioResolver, String> {
    let mut builder = match nameserver {
        Some(server) => {
            let group = NameServerConfigGroup::from_ips_clear(&[server.ip()], server.port(), true);
            Resolver::builder_with_config(
                ResolverConfig::from_parts(None, Vec::new(), group),
                TokioConnectionProvider::default(),
            )
        }
        None => Resolver::builder_tokio().map_err(|e| e.to_string())?,
    };
    let opts: &mut ResolverOpts = builder.options_mut();
    opts.timeout = timeout;
    opts.attempts = 1;
    // Names are asked as given: `example.jp` must not become `example.jp.corp.local`.
    opts.ndots = 0;
    Ok(builder.build())
}

fn lookup(host: &str) -> Result<Vec<IpAddr>, (DnsError, String)> {
    // One answer per address rather than one per socket type.
    let hints = AddrInfoHints { socktype: dns_lookup::SockType::Stream.into(), ..AddrInfoHints::default() };
    #[expect(clippy::disallowed_methods, reason = "the gate's resolver: the one place that asks the system")]
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
