//! `internal_ca_untrusted`: an internal site (in the admin's `internalDomains`, or with a chain
//! that leads to one of the admin's `internalRootCAs`) whose chain this device does not trust.
//! The server is fine: the organisation's root is missing here, or the browser does not use
//! the OS's roots (Firefox keeps its own list).

use super::Context;
use crate::cert::CertInfo;
use crate::wire::{FindingKind, RejectReason, TrustStore, Verdict};

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    if let Some(found) = internal_ca_untrusted(cx) {
        out.push(found);
    }
}

/// Does the chain lead to one of the admin's internal roots: a certificate served, or the
/// anchor a store trusted it through?
pub(crate) fn declared_internal(cx: &Context<'_>) -> bool {
    let served = cx.parsed().any(|(_, c)| cx.org.internal_cert(c));
    let anchored = cx.trust().iter().any(|s| match &s.verdict {
        Verdict::Trusted { anchor_sha256, anchor_spki_sha256, .. } => {
            cx.org.internal_anchor(anchor_sha256.as_deref(), anchor_spki_sha256.as_deref())
        }
        Verdict::Rejected { .. } => false,
    });
    served || anchored
}

fn internal_ca_untrusted(cx: &Context<'_>) -> Option<FindingKind> {
    let domain = cx.org.internal_domain(&cx.evidence.target.host).map(str::to_owned);
    let declared = declared_internal(cx);
    if domain.is_none() && !declared {
        return None;
    }
    let trust = cx.trust();
    let system = trust.iter().find(|s| s.store == TrustStore::System && s.anchors > 0)?;
    // Missing here: the OS does not know the issuer. Or the OS knows it, and the browser refused
    // exactly the issuer (its own root list).
    let os_trusts = system.verdict.is_trusted();
    let missing_here = matches!(system.verdict, Verdict::Rejected { reason: RejectReason::UnknownIssuer, .. });
    if !(missing_here || (os_trusts && cx.browser_distrusts_issuer)) {
        return None;
    }
    // A public CA's certificate is not the organisation's: with only the domain to go by, the
    // chain must be one that no public root program accepts either.
    let publicly_trusted = trust.iter().any(|s| s.store == TrustStore::Mozilla && s.verdict.is_trusted());
    // Nor is a public root browsers distrust by date (`distrusted_ca`).
    if (publicly_trusted || super::trust::distrusted_root(cx).is_some()) && !declared {
        return None;
    }
    let top: Option<&CertInfo> = cx.parsed().map(|(_, c)| c).last();
    Some(FindingKind::InternalCaUntrusted {
        issuer: top.map(CertInfo::issuer_display_name),
        domain,
        declared,
        os_trusts,
    })
}
