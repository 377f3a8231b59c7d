//! Who vouches for the certificate: `self_signed`, `unknown_issuer`, `incomplete_chain`,
//! `chain_invalid`; and `distrusted_ca`, a root browsers refuse by date ([`distrusted`]).
//!
//! A path verifier says "unknown issuer" for four different situations that need four
//! different fixes; this check tells them apart with the served chain, the trust stores'
//! anchor names and the certificates fetched through AIA:
//!
//! | situation                                   | finding            |
//! |---------------------------------------------|--------------------|
//! | the leaf signed itself                      | `self_signed`      |
//! | the chain ends in a root nobody trusts      | `unknown_issuer`   |
//! | an intermediate is missing (AIA proves it)  | `incomplete_chain` |
//! | the issuer is unknown and there is no AIA   | `unknown_issuer`   |

use super::Context;
use crate::cert::{self, CertInfo, distrust};
use crate::wire::{AiaOutcome, FindingKind, RejectReason, StoreVerdict, Verdict};

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    let stores: Vec<&StoreVerdict> = cx.trust().iter().filter(|s| s.anchors > 0).collect();
    if stores.is_empty() || cx.trusted_now() {
        return;
    }
    let Some(leaf) = cx.leaf() else { return };
    // Dates aside, a store accepts the chain: the date checks have said all there is to say.
    if stores.iter().any(|s| s.verdict_dates_aside.as_ref().is_some_and(Verdict::is_trusted)) {
        return;
    }

    // A leaf that signed itself is "self-signed" whatever a verifier calls it: webpki says
    // `CaUsedAsEndEntity` for the CA:TRUE certificates `openssl req -x509` makes.
    if leaf.self_issued() {
        out.push(FindingKind::SelfSigned { subject: leaf.display_name() });
        return;
    }

    // The most telling verdict of each store: the one with dates set aside, where known.
    let verdicts: Vec<&Verdict> = stores.iter().map(|s| s.verdict_dates_aside.as_ref().unwrap_or(&s.verdict)).collect();
    let is_date = |r: RejectReason| matches!(r, RejectReason::Expired | RejectReason::NotYetValid);
    if !verdicts.iter().all(|v| v.reason() == Some(RejectReason::UnknownIssuer)) {
        // Some store found a path and rejected it for a reason of its own.
        let other = verdicts.iter().find_map(|v| match v {
            Verdict::Rejected { reason, detail }
                if *reason != RejectReason::UnknownIssuer
                    && !is_date(*reason)
                    // A leaf for another purpose is `wrong_usage` (the hygiene check); an
                    // intermediate that narrows the purposes stays here.
                    && (*reason != RejectReason::InvalidPurpose || leaf.usable_for_tls_server())
                    // SHA-1, MD5 and short keys are `weak_signature` / `weak_key`.
                    && !super::hygiene::explains_rejection(cx, *reason)
                    // A certificate over 64 KiB is `certificate_too_large` (chain_shape).
                    && !super::chain_shape::explains_rejection(cx, *reason) =>
            {
                Some((*reason, detail.clone()))
            }
            _ => None,
        });
        if let Some((reason, detail)) = other {
            out.push(FindingKind::ChainInvalid { reason, detail });
        }
        return;
    }

    // Nobody could build a path to an anchor.
    let served: Vec<Option<&CertInfo>> = cx.chain.iter().map(|c| c.as_ref().ok()).collect();
    let top_position = cert::top_of_path(&served).unwrap_or(0);
    let top = served.get(top_position).copied().flatten().unwrap_or(leaf);
    if top.self_issued() {
        out.push(FindingKind::UnknownIssuer { issuer: top.display_name(), root_served: true });
        return;
    }
    if stores.iter().any(|s| s.issuer_is_anchor.get(top_position).copied().unwrap_or(false)) {
        // The issuer's name is a trusted root, yet no path verified: a different key under
        // the same name, or a broken signature.
        out.push(FindingKind::ChainInvalid {
            reason: RejectReason::UnknownIssuer,
            detail: format!(
                "{} names a trusted root as its issuer, but its signature does not verify",
                top.display_name()
            ),
        });
        return;
    }

    // The issuer of `top` was not sent and is no root anybody trusts.
    let missing_issuer = top.issuer_display_name();
    let fetched: Vec<CertInfo> = cx
        .evidence
        .aia
        .iter()
        .filter_map(|f| match &f.outcome {
            AiaOutcome::Fetched { certificate } => cert::parse(certificate.as_slice()).ok(),
            _ => None,
        })
        .collect();
    let first_url = top.ca_issuers.first().cloned();
    if cx
        .evidence
        .completed_trust
        .iter()
        .any(|s| s.verdict.is_trusted() || s.verdict_dates_aside.as_ref().is_some_and(Verdict::is_trusted))
    {
        out.push(FindingKind::IncompleteChain {
            subject: top.display_name(),
            missing_issuer,
            aia_url: first_url,
            confirmed: true,
        });
    } else if let Some(root) = fetched.iter().find(|c| c.self_issued()) {
        out.push(FindingKind::UnknownIssuer { issuer: root.display_name(), root_served: false });
    } else if first_url.is_some() {
        out.push(FindingKind::IncompleteChain {
            subject: top.display_name(),
            missing_issuer,
            aia_url: first_url,
            confirmed: false,
        });
    } else {
        out.push(FindingKind::UnknownIssuer { issuer: missing_issuer, root_served: false });
    }
}

/// `distrusted_ca`: the chain ends at a root browsers still hold but refuse for certificates
/// issued after a date (`cert::distrust`). The root is the anchor the stores' verdicts name;
/// when a store trusts the chain through another root, a browser finds that path too and
/// nothing is reported. Without any trusted verdict, the root is the top of the served path
/// (the root itself when served, else the issuer it names).
pub(crate) fn distrusted(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    let Some(leaf) = cx.leaf() else { return };
    let Some((root, operator)) = distrusted_root(cx) else { return };
    // Mail apps are not Chrome; Thunderbird refuses as Firefox does.
    let chrome = !crate::explain::service::Service::of(&cx.evidence.target).is_mail();
    if let Some(r) = distrust::refusal(leaf, operator, chrome) {
        out.push(FindingKind::DistrustedCa {
            root: root.to_owned(),
            chrome: r.chrome,
            firefox: r.firefox,
            cutoff: r.cutoff,
            issued: r.issued,
            by_sct: r.by_sct,
        });
    }
}

/// The distrusted public root the chain ends at, if it does (see [`distrusted`]). A browser
/// that refuses such a chain refuses a public CA, not an interceptor's or an organisation's.
pub(crate) fn distrusted_root(cx: &Context<'_>) -> Option<(&'static str, distrust::Operator)> {
    let leaf = cx.leaf()?;
    let anchors: Vec<Option<(&str, distrust::Operator)>> = cx
        .trust()
        .iter()
        .filter_map(|s| match &s.verdict {
            Verdict::Trusted { anchor, anchor_spki_sha256, .. } => Some(distrust::root(
                anchor_spki_sha256.as_deref(),
                cert::display_name_value(anchor.as_slice()).as_deref(),
            )),
            Verdict::Rejected { .. } => None,
        })
        .collect();
    if anchors.is_empty() {
        let served: Vec<Option<&CertInfo>> = cx.chain.iter().map(|c| c.as_ref().ok()).collect();
        let top = cert::top_of_path(&served).and_then(|i| served.get(i).copied().flatten()).unwrap_or(leaf);
        if top.self_issued() {
            distrust::root(Some(&super::local::hex(&top.spki_sha256)), Some(&top.display_name()))
        } else {
            distrust::root(None, Some(&top.issuer_display_name()))
        }
    } else if anchors.iter().all(Option::is_some) {
        anchors.into_iter().flatten().next()
    } else {
        None
    }
}
