//! `key_mismatch`: the private key given to `tls-doctor cert --key` is not the leaf's.

use super::Context;
use crate::wire::FindingKind;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    let Some(key) = cx.evidence.files.as_ref().and_then(|f| f.key.as_ref()) else { return };
    if !key.matches {
        out.push(FindingKind::KeyMismatch {
            path: key.path.clone(),
            key: key.key.clone(),
            leaf_key: key.leaf_key.clone(),
        });
    }
}
