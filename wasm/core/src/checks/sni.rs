//! `sni_default_cert`: without SNI the server presents another certificate, one that does not
//! cover the name. Clients that send no SNI (some old mail apps and devices, tools, anything
//! that connects by IP address) see that one.

use super::Context;
use crate::cert::{self, names};
use crate::wire::FindingKind;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    let (Some(primary), Some(without)) = (cx.primary, cx.without_sni) else { return };
    if primary.sni.is_none() {
        return;
    }
    let (Some(leaf), Some(default_der)) = (cx.leaf(), without.chain.first()) else { return };
    let Ok(default) = cert::parse(default_der.as_slice()) else { return };
    if default.sha256 == leaf.sha256 || names::covers(&default, &cx.requested) {
        return;
    }
    out.push(FindingKind::SniDefaultCert {
        requested: cx.evidence.target.verify_name.clone(),
        default_subject: default.display_name(),
        default_names: default.dns_names.clone(),
    });
}
