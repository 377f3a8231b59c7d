//! Revocation: `revoked`, `ocsp_staple_missing`, `ocsp_staple_stale`, `revocation_unavailable`.
//!
//! Browsers do not fail a page when a responder cannot be reached (Chrome relies on CRLSets, a
//! curated subset; Firefox on CRLite since 137, with OCSP off since 142: facts-2026.md), so an
//! unreachable responder is a warning; a verified "revoked" answer, from any source, is
//! decisive. A leaf without an OCSP URL is normal (optional in the Baseline Requirements since
//! 2023-09-15; Let's Encrypt removed them in May 2025): no URL, nothing tried, no finding.

use super::Context;
use crate::wire::{CertStatus, FindingKind, RevocationMethod, RevocationOutcome};

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    let checks = &cx.evidence.revocation;
    if let Some((check, revoked_at, reason)) = checks.iter().find_map(|c| match &c.outcome {
        RevocationOutcome::Answered { status: CertStatus::Revoked { revoked_at, reason }, .. } => {
            Some((c, *revoked_at, reason.clone()))
        }
        _ => None,
    }) {
        out.push(FindingKind::Revoked { revoked_at, reason, method: check.method });
        return;
    }

    let staple = checks.iter().find(|c| c.method == RevocationMethod::Staple);
    let stapled = staple.is_some_and(|c| matches!(c.outcome, RevocationOutcome::Answered { .. }));
    if cx.leaf().is_some_and(|l| l.must_staple) && !stapled {
        out.push(FindingKind::OcspStapleMissing {});
    }
    if let Some(RevocationOutcome::Answered { next_update: Some(next), .. }) = staple.map(|c| &c.outcome) {
        if *next < cx.now {
            out.push(FindingKind::OcspStapleStale { next_update: *next });
        }
    }

    // Tried, and no method gave a usable answer.
    let tried: Vec<_> = checks.iter().filter(|c| !matches!(c.outcome, RevocationOutcome::NotAvailable)).collect();
    let answered = tried.iter().any(|c| matches!(c.outcome, RevocationOutcome::Answered { .. }));
    if !tried.is_empty() && !answered {
        let detail = tried
            .iter()
            .map(|c| match &c.outcome {
                RevocationOutcome::Unusable { detail } | RevocationOutcome::Failed { detail } => detail.clone(),
                RevocationOutcome::HttpStatus { status } => format!("HTTP {status}"),
                RevocationOutcome::TimedOut => "timed out".to_owned(),
                RevocationOutcome::Answered { .. } | RevocationOutcome::NotAvailable => String::new(),
            })
            .collect::<Vec<_>>()
            .join("; ");
        out.push(FindingKind::RevocationUnavailable { methods: tried.iter().map(|c| c.method).collect(), detail });
    }
}
