//! `sni_default_cert`: without SNI the server presents another certificate, one that does not
//! cover the name, while with SNI it presents one that does. Every current browser and mail
//! app sends SNI; clients that send none (Internet Explorer on Windows XP, Android 2.x's
//! browser, Java 6, scripts and devices that connect by IP address) see the other one, and so
//! do most mail servers delivering to port 25: Postfix sends SNI only with DANE or
//! `smtp_tls_servername` set (postconf(5), "absent DANE, no SNI name is sent by default").
//! When the name the user typed gets the wrong certificate even with SNI, that is
//! `name_mismatch`, and this check says nothing more.

use super::Context;
use crate::cert::{self, names};
use crate::wire::FindingKind;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    let (Some(primary), Some(without)) = (cx.primary, cx.without_sni) else { return };
    if primary.sni.is_none() {
        return;
    }
    let (Some(leaf), Some(default_der)) = (cx.leaf(), without.chain.first()) else { return };
    if !names::covers(leaf, &cx.requested) {
        return;
    }
    let Ok(default) = cert::parse(default_der.as_slice()) else { return };
    if default.sha256 == leaf.sha256 || names::covers(&default, &cx.requested) {
        return;
    }
    out.push(FindingKind::SniDefaultCert {
        requested: cx.evidence.target.verify_name.clone(),
        default_subject: default.display_name(),
        default_names: default.dns_names.clone(),
        mail_relays: cx.evidence.target.port == 25,
    });
}
