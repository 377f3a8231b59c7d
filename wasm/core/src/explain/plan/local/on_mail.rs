//! What changes on a mail port (issue 16): the mail app's certificate store decides, not the
//! browser's, and an antivirus's mail scanning is the simplest thing to turn off.

use super::super::Fix;
use super::super::common::Say as C;
use super::{Say, product_steps};
use crate::wire::InterceptorKind;

/// The admin's line on which store to put a root in: Firefox's on a web port, Thunderbird's on
/// a mail port.
pub(super) fn app_roots<'a>(mail: bool) -> Fix<'a> {
    if mail { Fix::any(Say::AdminThunderbirdRoots) } else { Fix::any(C::FirefoxOsRoots) }
}

/// The admin's line on the product's root: the stores mail apps use, on a mail port.
pub(super) fn product_root<'a>(mail: bool, product: &'a str, issuer: &'a str) -> Fix<'a> {
    Fix::any(if mail {
        Say::AdminMailProductRoot { product, issuer }
    } else {
        Say::AdminDistributeProductRoot { product, issuer }
    })
}

/// The admin's line on a company's root: the stores mail apps use, on a mail port.
pub(super) fn company_root(mail: bool, sha256: &str) -> Fix<'_> {
    Fix::any(if mail { Say::AdminMailRoot { sha256 } } else { Say::AdminDistributeRoot { sha256 } })
}

/// What a company's root replaced: the mail server's certificate, on a mail port.
pub(super) fn corporate_meaning<'a>(mail: bool) -> Say<'a> {
    if mail { Say::MailCorporateMeaning } else { Say::CorporateMeaning }
}

/// On a mail port, an antivirus's mail scanning is the simplest thing to turn off, and
/// Thunderbird needs the root in its own store; a company's product is the help desk's.
pub(super) fn mail_steps<'a>(kind: InterceptorKind, product: &'a str) -> Vec<super::super::Say<'a>> {
    match kind {
        InterceptorKind::Antivirus | InterceptorKind::Test => vec![
            Say::MailScanningOff { product }.into(),
            Say::ThunderbirdImport { product }.into(),
            Say::UpdateProduct { product }.into(),
        ],
        _ => product_steps(kind, product),
    }
}
