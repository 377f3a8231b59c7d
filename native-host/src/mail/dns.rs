//! The DNS lookups and the small concurrency helper that discovery (`discover.rs`) and the
//! autoconfig fetch (`autoconfig.rs`) both use, so that neither imports the other's helpers.

use std::net::IpAddr;

use hickory_resolver::{ResolveError, TokioResolver};
use tls_doctor_core::wire::{LookupError, LookupOutcome};
use tokio::time::{Instant as Deadline, timeout_at};

/// The first address `host` resolves to with `resolver`, IPv4 first (loopback labs are IPv4).
pub async fn first_address(resolver: &TokioResolver, host: &str, deadline: Deadline) -> Option<IpAddr> {
    let fqdn = format!("{}.", host.trim_end_matches('.'));
    let answer = timeout_at(deadline, resolver.lookup_ip(fqdn)).await.ok()?.ok()?;
    let all: Vec<IpAddr> = answer.iter().collect();
    all.iter().find(|a| a.is_ipv4()).or(all.first()).copied()
}

/// Every address `host` resolves to (at most `limit`), for the autoconfig fetch.
pub async fn addresses(
    resolver: &TokioResolver,
    host: &str,
    limit: usize,
    deadline: Deadline,
) -> Result<Vec<IpAddr>, LookupOutcome> {
    let fqdn = format!("{}.", host.trim_end_matches('.'));
    match timeout_at(deadline, resolver.lookup_ip(fqdn)).await {
        Err(_) => Err(failed_timeout()),
        Ok(Err(e)) => Err(dns_failure(&e)),
        Ok(Ok(answer)) => Ok(answer.iter().take(limit).collect()),
    }
}

pub(super) fn failed_timeout() -> LookupOutcome {
    LookupOutcome::Failed { error: LookupError::TimedOut, detail: String::new() }
}

pub(super) fn dns_failure(e: &ResolveError) -> LookupOutcome {
    if e.is_no_records_found() || e.is_nx_domain() {
        return LookupOutcome::NoRecords;
    }
    let detail = e.to_string();
    let timed_out = detail.contains("timed out") || detail.contains("timeout");
    let error = if timed_out { LookupError::TimedOut } else { LookupError::DnsError };
    LookupOutcome::Failed { error, detail }
}

/// Runs futures concurrently and returns their outputs in order (a small `join_all`; the
/// counts here are a handful).
pub async fn futures_join_all<F: std::future::Future>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output> {
    let mut pinned: Vec<std::pin::Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = pinned.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, output) in pinned.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(value) => *output = Some(value),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending { std::task::Poll::Pending } else { std::task::Poll::Ready(()) }
    })
    .await;
    outputs.into_iter().flatten().collect()
}
