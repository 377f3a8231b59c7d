//! Can the served chain be read at all: `chain_too_long`, `cert_unparseable`.

use super::Context;
use crate::wire::FindingKind;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    let Some(h) = cx.primary else { return };
    if let Some(over) = &h.chain_overflow {
        out.push(FindingKind::ChainTooLong { certificates: over.certificates, bytes: over.bytes });
    }
    // One finding, for the first certificate that does not parse: the rest of the chain is
    // judged without it.
    if let Some((position, Err(e))) = cx.chain.iter().enumerate().find(|(_, c)| c.is_err()) {
        out.push(FindingKind::CertUnparseable { position, error: e.0.clone() });
    }
}
