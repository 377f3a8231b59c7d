//! `clock_ahead` / `clock_behind`: this device's clock, not the certificate, is wrong.
//!
//! The certificate is judged by the local clock (`now`). When a reference clock (the server's
//! HTTP `Date`) puts the same certificate inside its validity period, the local clock explains
//! the failure, and the date findings (`cert_expired`, `cert_not_yet_valid`) are not reported:
//! renewing a good certificate would not help.

use super::Context;
use crate::time::Timestamp;
use crate::wire::{ClockSkew, ClockSource, FindingKind, ServerClock};

/// Offsets smaller than this are ordinary drift and network delay, never a finding.
pub(crate) const TOLERANCE_SECONDS: i64 = 300;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    let Some(skew) = explaining_skew(cx) else { return };
    out.push(if skew.offset_seconds > 0 {
        FindingKind::ClockAhead { skew }
    } else {
        FindingKind::ClockBehind { skew }
    });
}

/// The skew between this device and the server, when it is what makes the leaf look invalid.
pub(crate) fn explaining_skew(cx: &Context<'_>) -> Option<ClockSkew> {
    let leaf = cx.leaf()?;
    let ServerClock::Received { date: Some(server), received_at, .. } = cx.evidence.server_clock.as_ref()? else {
        return None;
    };
    // The host measured `received_at` on this machine's clock, the same clock `now` comes from.
    let offset_seconds = received_at.unix() - server.unix();
    if offset_seconds.abs() < TOLERANCE_SECONDS {
        return None;
    }
    let reference = Timestamp(cx.now.unix() - offset_seconds);
    (!leaf.valid_at(cx.now) && leaf.valid_at(reference)).then_some(ClockSkew {
        offset_seconds,
        local: cx.now,
        reference,
        source: ClockSource::ServerDate,
        reference_server: None,
        os: None,
        zone_suspect: false,
        not_before: leaf.not_before,
        not_after: leaf.not_after,
    })
}
