//! Dates: `cert_expired`, `cert_not_yet_valid`, `intermediate_expired`, `expiring_soon`.

use super::Context;
use crate::time::Timestamp;
use crate::wire::FindingKind;

/// How many days before its end a leaf counts as expiring soon: the last third of its lifetime,
/// and never more than `cap` days (`OrgSettings::expiring_days`, 30).
///
/// Automated renewal starts well before the end: Let's Encrypt asks ACME clients to renew when a
/// third of the lifetime is left (its integration guide, letsencrypt.org/docs/integration-guide),
/// which for its 90-day certificates is certbot's 30 days. A leaf inside its last third has
/// missed that renewal. A fixed 30 days would call every 6-day and 45-day certificate (Let's
/// Encrypt offers both, since 2026-01-15 and 2026-05-13; ../shared/reference/facts-2026.md)
/// "expiring soon" from the day it was issued, while the
/// cap keeps 200- and 398-day certificates (SC-081's limits) at the 30 days admins know.
pub(crate) fn expiring_within(not_before: Timestamp, not_after: Timestamp, cap: i64) -> i64 {
    let lifetime = not_before.days_until(not_after);
    // A third, rounded up: a 6-day certificate expires soon with 2 days left, a 45-day one with 15.
    ((lifetime + 2) / 3).clamp(1, cap.max(1))
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    // A wrong local clock explains the dates; `clock` reports it instead.
    if super::clock::explaining_skew(cx).is_some() {
        return;
    }
    let now = cx.now;
    if let Some(leaf) = cx.leaf() {
        let subject = leaf.display_name();
        if now > leaf.not_after {
            out.push(FindingKind::CertExpired {
                subject,
                not_after: leaf.not_after,
                days_ago: leaf.not_after.days_until(now),
            });
        } else if now < leaf.not_before {
            out.push(FindingKind::CertNotYetValid {
                subject,
                not_before: leaf.not_before,
                days_until: now.days_until(leaf.not_before),
            });
        } else if now.days_until(leaf.not_after)
            < expiring_within(leaf.not_before, leaf.not_after, cx.org.expiring_days)
        {
            out.push(FindingKind::ExpiringSoon {
                subject,
                not_after: leaf.not_after,
                days_left: now.days_until(leaf.not_after),
            });
        }
    }

    // An expired certificate further up only matters when no store found a path around it
    // (a served, expired cross-sign next to a valid root is harmless).
    if cx.trusted_now() {
        return;
    }
    if let Some((position, cert)) = cx.parsed().skip(1).find(|(_, c)| now > c.not_after) {
        out.push(FindingKind::IntermediateExpired {
            position,
            subject: cert.display_name(),
            not_after: cert.not_after,
            days_ago: cert.not_after.days_until(now),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    /// The threshold for a leaf of `lifetime` days.
    fn within(lifetime: i64) -> i64 {
        expiring_within(Timestamp(0), Timestamp(lifetime * DAY), 30)
    }

    #[test]
    fn expiring_soon_is_the_last_third_of_the_lifetime_at_most_30_days() {
        // Let's Encrypt's 6-day and 45-day profiles, its 90-day default, SC-081's 200 days
        // (from 2026-03-15) and the old 398.
        assert_eq!(within(6), 2);
        assert_eq!(within(45), 15);
        assert_eq!(within(90), 30);
        assert_eq!(within(200), 30);
        assert_eq!(within(398), 30);
        // Never zero, whatever the certificate says of itself.
        assert_eq!(within(0), 1);
        assert_eq!(expiring_within(Timestamp(DAY), Timestamp(0), 30), 1);
        // The organisation's cap still binds.
        assert_eq!(expiring_within(Timestamp(0), Timestamp(90 * DAY), 7), 7);
    }
}
