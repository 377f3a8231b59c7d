//! Could the server be reached at all: `dns_failure`, `host_unreachable`, `port_closed`,
//! `timeout_filtered` (at connect time).

use super::Context;
use crate::wire::{DnsOutcome, FindingKind, Stage, TcpAttempt, TcpOutcome};

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    let target = &cx.evidence.target;
    if let DnsOutcome::Failed { error, detail, .. } = &cx.evidence.dns {
        out.push(FindingKind::DnsFailure { host: target.host.clone(), error: *error, detail: detail.clone() });
        return;
    }
    let Some(primary) = cx.primary else { return };
    if primary.tcp.is_empty() || primary.tcp.iter().any(|a| a.outcome == TcpOutcome::Connected) {
        return;
    }
    // Several addresses may have failed differently (IPv6 unreachable, IPv4 refused): report
    // the most telling one. A refusal proves the host is up; silence proves little.
    let pick = |wanted: fn(&TcpAttempt) -> bool| primary.tcp.iter().find(|a| wanted(a));
    if let Some(a) = pick(|a| a.outcome == TcpOutcome::Refused) {
        out.push(FindingKind::PortClosed { address: a.address, port: target.port });
    } else if let Some(a) = pick(|a| a.outcome == TcpOutcome::TimedOut) {
        out.push(FindingKind::TimeoutFiltered {
            address: Some(a.address),
            port: target.port,
            stage: Stage::Connect,
            waited_ms: a.elapsed_ms,
        });
    } else if let Some(a) = primary.tcp.first() {
        let detail = match &a.outcome {
            TcpOutcome::Unreachable { detail } | TcpOutcome::Failed { detail } => detail.clone(),
            _ => String::new(),
        };
        out.push(FindingKind::HostUnreachable { address: a.address, port: target.port, detail });
    }
}
