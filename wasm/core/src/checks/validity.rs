//! Dates: `cert_expired`, `cert_not_yet_valid`, `intermediate_expired`, `expiring_soon`.

use super::Context;
use crate::wire::FindingKind;

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
        } else if now.days_until(leaf.not_after) < cx.org.expiring_days {
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
