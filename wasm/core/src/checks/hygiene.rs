//! What browsers refuse in a certificate itself, and chain tidiness: `weak_signature`,
//! `weak_key`, `wrong_usage`, `validity_too_long`, `chain_wrong_order`, `root_in_chain`,
//! `expired_cross_sign`.

use super::Context;
use crate::cert::{self, CertInfo, KeyInfo};
use crate::time::{SECONDS_PER_DAY, Timestamp};
use crate::wire::{FindingKind, RejectReason, Verdict};

/// CA/Browser Forum Baseline Requirements §6.3.2 (ballot SC31): certificates issued on or after
/// 2020-09-01 may be valid for at most 398 days; Chrome and Safari refuse longer ones from
/// publicly trusted CAs.
const MAX_VALIDITY_DAYS: i64 = 398;
const RULE_SINCE: Timestamp = Timestamp(1_598_918_400); // 2020-09-01T00:00:00Z

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
        out.push(FindingKind::WeakKey { position, subject: cert.display_name(), key: cert.key.describe() });
    }
    let Some(leaf) = cx.leaf() else { return };
    if !leaf.usable_for_tls_server() {
        out.push(FindingKind::WrongUsage { purposes: leaf.extended_key_usage.clone() });
    }
    let days = (leaf.not_after.unix() - leaf.not_before.unix()) / SECONDS_PER_DAY;
    if leaf.not_before >= RULE_SINCE && days > MAX_VALIDITY_DAYS && !leaf.self_issued() {
        out.push(FindingKind::ValidityTooLong { days, not_before: leaf.not_before, not_after: leaf.not_after });
    }
    chain_order(&parsed, out);
    expired_cross_sign(cx, &parsed, out);
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
