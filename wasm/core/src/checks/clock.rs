//! `clock_ahead` / `clock_behind`: this device's clock, not the certificate, is wrong.
//!
//! The certificate is judged by the local clock (`now`: the browser's in the extension, the
//! OS's on the command line). When a reference clock puts the same certificate inside its
//! validity period, the local clock explains the failure, and the date findings
//! (`cert_expired`, `cert_not_yet_valid`) are not reported: renewing a good certificate would
//! not help.
//!
//! References, best first: SNTP servers the host asked (their median, when they agree), then
//! the server's HTTP `Date`. Both were read on the OS clock; in the browser, the browser's clock
//! is compared with the OS clock through the evidence's own timestamps, so a browser whose clock
//! differs from its computer's is told apart.

use super::Context;
use crate::time::Timestamp;
use crate::wire::{ClockSkew, ClockSource, FindingKind, ServerClock, SntpOutcome};

/// Offsets smaller than this are ordinary drift and network delay, never a finding.
pub(crate) const TOLERANCE_SECONDS: i64 = 300;

/// An offset this close to a whole quarter hour, and at least this large, points at the time
/// zone setting rather than the clock.
const ZONE_SLACK_SECONDS: i64 = 120;
const ZONE_MIN_SECONDS: i64 = 30 * 60;
/// Time zones span UTC−12 to UTC+14: two settings differ by at most 26 hours.
const ZONE_MAX_SECONDS: i64 = 26 * 3600;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    let Some(skew) = explaining_skew(cx) else { return };
    out.push(if skew.offset_seconds > 0 {
        FindingKind::ClockAhead { skew }
    } else {
        FindingKind::ClockBehind { skew }
    });
}

/// The OS clock minus the reference, in seconds, with where the reference came from.
fn os_minus_reference(cx: &Context<'_>) -> Option<(i64, ClockSource, Option<String>)> {
    let mut answered: Vec<(i64, &str)> = cx
        .evidence
        .local
        .sntp
        .iter()
        .filter_map(|s| match s.outcome {
            SntpOutcome::Answered { local_minus_reference_ms, .. } => {
                Some((local_minus_reference_ms.div_euclid(1000), s.server.as_str()))
            }
            _ => None,
        })
        .collect();
    if !answered.is_empty() {
        answered.sort_unstable();
        let (offset, server) = answered[answered.len() / 2];
        return Some((offset, ClockSource::Sntp, Some(server.to_owned())));
    }
    let ServerClock::Received { date: Some(server), received_at, .. } = cx.evidence.server_clock.as_ref()? else {
        return None;
    };
    Some((received_at.unix() - server.unix(), ClockSource::ServerDate, None))
}

/// The skew between this device and the reference, when it is what makes the leaf look
/// invalid.
pub(crate) fn explaining_skew(cx: &Context<'_>) -> Option<ClockSkew> {
    let leaf = cx.leaf()?;
    let (os_offset, source, reference_server) = os_minus_reference(cx)?;
    let offset_seconds = cx.browser_minus_os + os_offset;
    if offset_seconds.abs() < TOLERANCE_SECONDS {
        return None;
    }
    let reference = Timestamp(cx.now.unix() - offset_seconds);
    if leaf.valid_at(cx.now) || !leaf.valid_at(reference) {
        return None;
    }
    let os = (cx.browser_minus_os.abs() >= TOLERANCE_SECONDS).then(|| Timestamp(cx.now.unix() - cx.browser_minus_os));
    Some(ClockSkew {
        offset_seconds,
        local: cx.now,
        reference,
        source,
        reference_server,
        os,
        zone_suspect: zone_suspect(offset_seconds),
        not_before: leaf.not_before,
        not_after: leaf.not_after,
    })
}

/// A whole number of quarter hours, within the span of time zones: the wall clock is likely
/// right and the time zone setting wrong.
fn zone_suspect(offset_seconds: i64) -> bool {
    let abs = offset_seconds.abs();
    let off_quarter = (abs + 450).rem_euclid(900) - 450;
    (ZONE_MIN_SECONDS..=ZONE_MAX_SECONDS).contains(&abs) && off_quarter.abs() <= ZONE_SLACK_SECONDS
}

#[cfg(test)]
mod tests {
    use super::zone_suspect;

    #[test]
    fn whole_quarter_hours_suggest_a_time_zone() {
        assert!(zone_suspect(9 * 3600));
        assert!(zone_suspect(-9 * 3600 + 40));
        assert!(zone_suspect(5 * 3600 + 1800 - 90)); // India, UTC+5:30, read 90 s late
        assert!(zone_suspect(-(5 * 3600 + 45 * 60))); // Nepal
        assert!(!zone_suspect(9 * 3600 + 7 * 60));
        assert!(!zone_suspect(400 * 86_400));
        assert!(!zone_suspect(10 * 60));
    }
}
