//! Admin steps for mail servers (Postfix, Dovecot), mirroring `ja.rs`.

use super::super::{for_software, step};
use crate::wire::{AdminStep, FindingKind};

/// What a certificate problem on a mail server puts at risk.
pub(super) const CERT_DANGER: &str = "A mail app sends your password as soon as it connects. If you ignore the certificate warning, you may hand your password and your mail to a fake server. Do not switch to ignoring warnings or to \"no SSL\".";

const PF: &str = "Postfix";
const DC: &str = "Dovecot";

fn postfix_chain(host: &str) -> AdminStep {
    for_software(
        PF,
        format!(
            "In main.cf, give the private key and the certificate file that includes the intermediate (Postfix 3.4 and later): `smtpd_tls_chain_files = /etc/letsencrypt/live/{host}/privkey.pem, /etc/letsencrypt/live/{host}/fullchain.pem`. Older versions: fullchain.pem in `smtpd_tls_cert_file` and privkey.pem in `smtpd_tls_key_file`."
        ),
    )
}

fn postfix_reload() -> AdminStep {
    for_software(PF, "After changing settings or certificates, run `postfix reload`.")
}

fn dovecot_chain(host: &str) -> AdminStep {
    for_software(
        DC,
        format!(
            "Give the file that includes the intermediate. Dovecot 2.3: `ssl_cert = </etc/letsencrypt/live/{host}/fullchain.pem` and `ssl_key = </etc/letsencrypt/live/{host}/privkey.pem` (the leading `<` means \"read this file\"). Dovecot 2.4: `ssl_server_cert_file` and `ssl_server_key_file`."
        ),
    )
}

fn dovecot_reload() -> AdminStep {
    for_software(DC, "After changing settings or certificates, run `doveadm reload`.")
}

/// Postfix (sending: ports 25, 465, 587). `None` for findings without steps of their own.
pub(super) fn postfix(kind: &FindingKind, host: &str) -> Option<Vec<AdminStep>> {
    use FindingKind as K;
    Some(match kind {
            postfix_chain(host),
            for_software(
                PF,
                "In the file, put the server certificate first, then the intermediate. With cert.pem alone, no intermediate is sent.",
            ),
            postfix_reload(),
        ],
            for_software(
                PF,
                "In main.cf, set `smtpd_tls_mandatory_ciphers = high` and `smtpd_tls_ciphers = high`, and drop weak ciphers with `smtpd_tls_exclude_ciphers = aNULL, RC4, 3DES, MD5`.",
            ),
            postfix_reload(),
        ],
            postfix_reload(),
        ],
        _ => return None,
    })
}

/// Dovecot (receiving: ports 143, 993, 110, 995). `None` for findings without steps of their own.
pub(super) fn dovecot(kind: &FindingKind, host: &str) -> Option<Vec<AdminStep>> {
    use FindingKind as K;
    Some(match kind {
            dovecot_chain(host),
            for_software(
                DC,
                "In the file, put the server certificate first, then the intermediate. With cert.pem alone, no intermediate is sent.",
            ),
            dovecot_reload(),
        ],
            for_software(
                DC,
                "Remove weak ciphers such as RC4, 3DES and NULL from `ssl_cipher_list`, and include ECDHE with AES-GCM. Going back to the default is simplest.",
            ),
            dovecot_reload(),
        ],
            dovecot_reload(),
        ],
        _ => return None,
    })
}
