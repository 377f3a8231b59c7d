//! What browsers refuse in a certificate itself, and chain tidiness: `weak_signature`,
//! `weak_key`, `wrong_usage`, `validity_too_long`, `chain_wrong_order`, `root_in_chain`,
//! `expired_cross_sign`, `client_auth_usage`.

use super::Context;
use crate::cert::{self, CertInfo, KeyInfo};
use crate::time::{SECONDS_PER_DAY, Timestamp};
use crate::wire::{FindingKind, RejectReason, TrustStore, Verdict};

/// The longest validity a publicly trusted TLS server certificate may have, by its issue date
/// (notBefore): CA/Browser Forum Baseline Requirements §6.3.2, ballot SC31 (398 days from
/// 2020-09-01) and ballot SC-081 (200 days from 2026-03-15, 100 from 2027-03-15, 47 from
/// 2029-03-15). `None` before 2020-09-01 (such certificates have long expired).
pub(crate) fn max_validity_days(not_before: Timestamp) -> Option<i64> {
    SCHEDULE.iter().find(|(since, _)| not_before >= *since).map(|&(_, days)| days)
}

/// Where the schedule starts and each limit, newest first.
const SCHEDULE: [(Timestamp, i64); 4] = [
    (Timestamp(1_868_227_200), 47),  // 2029-03-15T00:00:00Z
    (Timestamp(1_805_068_800), 100), // 2027-03-15T00:00:00Z
    (Timestamp(1_773_532_800), 200), // 2026-03-15T00:00:00Z
    (Timestamp(1_598_918_400), 398), // 2020-09-01T00:00:00Z
];

/// The limit browsers themselves enforce (Chrome since 85, `net/docs/certificate_lifetimes.md`;
/// Apple's platforms likewise), for certificates of publicly trusted CAs issued from
/// 2020-09-01; SC-081's shorter limits bind the CAs, not the browsers' verifiers.
pub(crate) const BROWSER_MAX_VALIDITY_DAYS: i64 = 398;

/// The validity in days as the Baseline Requirements count it: notBefore through notAfter
/// inclusive (RFC 5280 §4.1.2.5), a day being 86,400 seconds, and any part of a day over
/// counting as a day.
pub(crate) fn validity_days(not_before: Timestamp, not_after: Timestamp) -> i64 {
    let seconds = not_after.unix().saturating_sub(not_before.unix()).saturating_add(1);
    seconds.div_euclid(SECONDS_PER_DAY) + i64::from(seconds.rem_euclid(SECONDS_PER_DAY) != 0)
}

/// Signature algorithms browsers no longer accept (SHA-1: Chrome 57, Firefox 52; MD5 long
/// before). A root's own signature does not matter: nobody checks it.
const WEAK_SIGNATURES: &[&str] = &["md5WithRSAEncryption", "sha1WithRSAEncryption", "ecdsa-with-SHA1", "dsa-with-SHA1"];

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    let parsed: Vec<(usize, &CertInfo)> = cx.parsed().collect();
    if let Some((position, cert)) = weakly_signed(cx) {
        out.push(FindingKind::WeakSignature {
            position,
            subject: cert.display_name(),
            algorithm: cert.signature_algorithm.clone(),
        });
    }
    if let Some(&(position, cert)) = parsed.iter().find(|(_, c)| weak_key(c)) {
        out.push(FindingKind::WeakKey {
            position,
            subject: cert.display_name(),
            key: cert.key.describe(),
            fails_handshake: position == 0 && super::handshake::key_cannot_sign(cx),
        });
    }
    let Some(leaf) = cx.leaf() else { return };
    if !leaf.usable_for_tls_server() {
        out.push(FindingKind::WrongUsage { purposes: leaf.extended_key_usage.clone() });
    }
    if serves_clients_too(leaf) && public(cx) {
        out.push(FindingKind::ClientAuthUsage { not_after: leaf.not_after });
    }
    if let Some(days) = too_long(leaf.not_before, leaf.not_after).filter(|_| !leaf.self_issued()) {
        out.push(FindingKind::ValidityTooLong { days, not_before: leaf.not_before, not_after: leaf.not_after });
    }
    chain_order(&parsed, out);
    expired_cross_sign(cx, &parsed, out);
}

/// A server certificate that names clientAuth too. The Chrome Root Program (policy 1.8,
/// facts-2026 "Usages") requires hierarchies dedicated to server authentication: public CAs
/// issue intermediates for serverAuth only from 2026-06-15 and leaves from 2027-03-15. Such a
/// leaf works until it expires, but its renewal will not authenticate a client (a mail relay
/// that presents it to another server breaks then). Intermediates are the CA's business and
/// are not reported. Let's Encrypt dropped clientAuth by 2026-05-13, so none of its
/// certificates still valid carries it.
fn serves_clients_too(leaf: &CertInfo) -> bool {
    leaf.extended_key_usage
        .as_ref()
        .is_some_and(|p| p.iter().any(|x| x == "serverAuth") && p.iter().any(|x| x == "clientAuth"))
}

/// Mozilla's roots trust the chain: a public CA, bound by the root programs (a private CA may
/// mix usages as it likes).
fn public(cx: &Context<'_>) -> bool {
    cx.trust().iter().any(|s| s.store == TrustStore::Mozilla && s.verdict.is_trusted())
}

/// The validity in days, when it is over the limit for the certificate's issue date.
fn too_long(not_before: Timestamp, not_after: Timestamp) -> Option<i64> {
    let days = validity_days(not_before, not_after);
    max_validity_days(not_before).filter(|max| days > *max).map(|_| days)
}

/// A root can be vouched for by an older root (a cross-signed certificate: the same name and
/// key, another issuer), so that clients without the new root still reach one they have.
/// When a store trusts the chain through the new root while the server also sends an expired
/// cross-sign of it, browsers stop at the root and never look at the cross-sign, but clients
/// that follow the chain as served (OpenSSL 1.0.2, old Android, many devices) reach the
/// expired certificate and fail. An expired cross-sign with no trusted path around it is
/// `intermediate_expired` instead.
fn expired_cross_sign(cx: &Context<'_>, parsed: &[(usize, &CertInfo)], out: &mut Vec<FindingKind>) {
    let anchors: Vec<&[u8]> = cx
        .trust()
        .iter()
        .filter_map(|s| match &s.verdict {
            Verdict::Trusted { anchor, .. } => Some(anchor.0.as_slice()),
            Verdict::Rejected { .. } => None,
        })
        .collect();
    let cross_sign = parsed.iter().find(|(position, c)| {
        *position > 0
            && !c.self_issued()
            && cx.now > c.not_after
            && cert::name_value(&c.subject_der).is_some_and(|name| anchors.contains(&name))
    });
    if let Some(&(position, c)) = cross_sign {
        out.push(FindingKind::ExpiredCrossSign {
            position,
            subject: c.display_name(),
            issuer: c.issuer_display_name(),
            not_after: c.not_after,
            days_ago: c.not_after.days_until(cx.now),
        });
    }
}

/// The first served certificate below the root signed with a weak algorithm.
fn weakly_signed<'c>(cx: &'c Context<'_>) -> Option<(usize, &'c CertInfo)> {
    cx.parsed().find(|&(position, cert)| {
        let root = position > 0 && cert.self_issued();
        !root && WEAK_SIGNATURES.contains(&cert.signature_algorithm.as_str())
    })
}

/// Whether a verifier's rejection for `reason` is what a weak signature or key in the served
/// chain causes (webpki knows no SHA-1 and no RSA under 2048 bits: "unsupported signature
/// algorithm"), so that `weak_signature` / `weak_key` say it and `chain_invalid` need not.
pub(crate) fn explains_rejection(cx: &Context<'_>, reason: RejectReason) -> bool {
    matches!(reason, RejectReason::UnsupportedSignatureAlgorithm | RejectReason::BadSignature)
        && (weakly_signed(cx).is_some() || cx.parsed().any(|(position, c)| position > 0 && weak_key(c)))
}

/// RSA under 2048 bits (CA/B BR §6.1.5; browsers refuse 1024), EC curves under 256 bits, DSA.
fn weak_key(cert: &CertInfo) -> bool {
    match &cert.key {
        KeyInfo::Rsa { bits } => *bits < 2048,
        KeyInfo::Ec { curve } => !matches!(curve.as_str(), "P-256" | "P-384" | "P-521"),
        KeyInfo::Ed25519 | KeyInfo::Ed448 => false,
        KeyInfo::Other { algorithm } => algorithm == "DSA",
    }
}

/// Each certificate should be followed by the one that issued it (RFC 8446 §4.4.2 tolerates
/// other orders; older clients, and TLS ≤ 1.2 stacks in mail servers and devices, do not).
fn chain_order(parsed: &[(usize, &CertInfo)], out: &mut Vec<FindingKind>) {
    let mut wrong = false;
    for pair in parsed.windows(2) {
        let [(_, child), (_, next)] = pair else { continue };
        let issuer_elsewhere = parsed.iter().any(|(_, c)| child.issued_by(c) && !std::ptr::eq(*c, *child));
        if !child.self_issued() && !child.issued_by(next) && issuer_elsewhere {
            wrong = true;
        }
    }
    if wrong {
        out.push(FindingKind::ChainWrongOrder {});
    }
    if let Some((position, last)) = parsed.last() {
        if *position > 0 && last.self_issued() {
            out.push(FindingKind::RootInChain { subject: last.display_name() });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = SECONDS_PER_DAY;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse_rfc3339(text).unwrap_or(Timestamp(0))
    }

    #[test]
    fn the_limit_follows_the_issue_date_under_sc_081() {
        assert_eq!(max_validity_days(at("2020-08-31T23:59:59Z")), None);
        assert_eq!(max_validity_days(at("2020-09-01T00:00:00Z")), Some(398));
        assert_eq!(max_validity_days(at("2026-03-14T23:59:59Z")), Some(398));
        assert_eq!(max_validity_days(at("2026-03-15T00:00:00Z")), Some(200));
        assert_eq!(max_validity_days(at("2027-03-14T23:59:59Z")), Some(200));
        assert_eq!(max_validity_days(at("2027-03-15T00:00:00Z")), Some(100));
        assert_eq!(max_validity_days(at("2029-03-15T00:00:00Z")), Some(47));
        assert_eq!(max_validity_days(at("2035-01-01T00:00:00Z")), Some(47));
    }

    #[test]
    fn validity_counts_inclusive_seconds() {
        let start = at("2026-04-01T00:00:00Z");
        // Let's Encrypt's 90 days: notAfter one second before the 90th day ends.
        assert_eq!(validity_days(start, start.plus_seconds(90 * DAY - 1)), 90);
        // One second over is a day over.
        assert_eq!(validity_days(start, start.plus_seconds(200 * DAY - 1)), 200);
        assert_eq!(validity_days(start, start.plus_seconds(200 * DAY)), 201);
    }

    #[test]
    fn a_certificate_over_its_periods_limit_is_too_long() {
        // 300 days issued in April 2026: within the old 398, over SC-081's 200.
        let april_2026 = at("2026-04-01T00:00:00Z");
        assert_eq!(too_long(april_2026, april_2026.plus_seconds(300 * DAY - 1)), Some(300));
        assert_eq!(too_long(april_2026, april_2026.plus_seconds(200 * DAY - 1)), None);
        // 398 days issued before 2026-03-15 is still fine; 399 is not.
        let jan_2026 = at("2026-01-10T00:00:00Z");
        assert_eq!(too_long(jan_2026, jan_2026.plus_seconds(398 * DAY - 1)), None);
        assert_eq!(too_long(jan_2026, jan_2026.plus_seconds(398 * DAY)), Some(399));
        // 2029: 47 days.
        let may_2029 = at("2029-05-01T00:00:00Z");
        assert_eq!(too_long(may_2029, may_2029.plus_seconds(47 * DAY - 1)), None);
        assert_eq!(too_long(may_2029, may_2029.plus_seconds(64 * DAY - 1)), Some(64));
    }
}
