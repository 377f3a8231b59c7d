//! `name_mismatch`: the certificate does not cover the name that was asked for.

use super::Context;
use crate::cert::names;
use crate::wire::FindingKind;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    let Some(leaf) = cx.leaf() else { return };
    // `tls-doctor cert` without `--name`: no name was asked for.
    if cx.evidence.target.verify_name.is_empty() {
        return;
    }
    if names::covers(leaf, &cx.requested) {
        return;
    }
    out.push(FindingKind::NameMismatch {
        requested: cx.evidence.target.verify_name.clone(),
        dns_names: leaf.dns_names.clone(),
        ip_addresses: leaf.ip_addresses.clone(),
        common_name: leaf.common_name.clone(),
        cn_only: !leaf.has_san,
        hint: names::near_miss(leaf, &cx.requested),
    });
}
