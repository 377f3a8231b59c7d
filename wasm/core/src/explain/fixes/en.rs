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

fn certbot_hook() -> AdminStep {
    for_software(
        "certbot",
        "Without a reload after renewal, the old certificate stays in use. Reload on every renewal, e.g. with `--deploy-hook \"systemctl reload postfix dovecot\"`.",
    )
}

fn renew(host: &str) -> AdminStep {
    for_software("certbot", format!("Renew with `certbot renew`, or get a new one with `certbot certonly -d {host}`."))
}

/// Postfix (sending: ports 25, 465, 587). `None` for findings without steps of their own.
pub(super) fn postfix(kind: &FindingKind, host: &str) -> Option<Vec<AdminStep>> {
    use FindingKind as K;
    Some(match kind {
        K::CertExpired { .. } | K::ExpiringSoon { .. } | K::IntermediateExpired { .. } => {
            vec![renew(host), certbot_hook(), postfix_chain(host), postfix_reload()]
        }
        K::NameMismatch { .. } | K::SniDefaultCert { .. } => vec![
            for_software(
                "certbot",
                format!("Get a certificate that includes \"{host}\", e.g. `certbot certonly -d {host}`."),
            ),
            postfix_chain(host),
            for_software(
                PF,
                "For several names on one server, `tls_server_sni_maps` picks a certificate per name (Postfix 3.4 and later).",
            ),
            postfix_reload(),
        ],
        K::IncompleteChain { .. } | K::ChainWrongOrder { .. } => vec![
            postfix_chain(host),
            for_software(
                PF,
                "In the file, put the server certificate first, then the intermediate. With cert.pem alone, no intermediate is sent.",
            ),
            postfix_reload(),
        ],
        K::SelfSigned { .. } | K::UnknownIssuer { .. } => vec![
            step(format!(
                "Use a certificate from a certificate authority that mail apps trust. With Let's Encrypt: `certbot certonly --standalone -d {host}` (it uses port 80 for a moment)."
            )),
            postfix_chain(host),
            postfix_reload(),
        ],
        K::HandshakeFailed { .. } => vec![
            for_software(
                PF,
                "In main.cf, set `smtpd_tls_mandatory_ciphers = high` and `smtpd_tls_ciphers = high`, and drop weak ciphers with `smtpd_tls_exclude_ciphers = aNULL, RC4, 3DES, MD5`.",
            ),
            postfix_reload(),
        ],
        K::PortClosed { port, .. } | K::TimeoutFiltered { port, .. } => vec![
            for_software(
                PF,
                "In master.cf, check that the lines are active (no leading #): `submission inet n - y - - smtpd` for 587, and `submissions inet n - y - - smtpd` with `-o smtpd_tls_wrappermode=yes` for 465.",
            ),
            step(format!(
                "Check with `ss -ltnp` that something listens on port {port}, and that the firewall lets it through."
            )),
            postfix_reload(),
        ],
        _ => return None,
    })
}

/// Dovecot (receiving: ports 143, 993, 110, 995). `None` for findings without steps of their own.
pub(super) fn dovecot(kind: &FindingKind, host: &str) -> Option<Vec<AdminStep>> {
    use FindingKind as K;
    Some(match kind {
        K::CertExpired { .. } | K::ExpiringSoon { .. } | K::IntermediateExpired { .. } => {
            vec![renew(host), certbot_hook(), dovecot_chain(host), dovecot_reload()]
        }
        K::NameMismatch { .. } | K::SniDefaultCert { .. } => vec![
            for_software(
                "certbot",
                format!("Get a certificate that includes \"{host}\", e.g. `certbot certonly -d {host}`."),
            ),
            dovecot_chain(host),
            for_software(
                DC,
                format!(
                    "For several names on one server, give each name its certificate inside `local_name {host} {{ … }}`."
                ),
            ),
            dovecot_reload(),
        ],
        K::IncompleteChain { .. } | K::ChainWrongOrder { .. } => vec![
            dovecot_chain(host),
            for_software(
                DC,
                "In the file, put the server certificate first, then the intermediate. With cert.pem alone, no intermediate is sent.",
            ),
            dovecot_reload(),
        ],
        K::SelfSigned { .. } | K::UnknownIssuer { .. } => vec![
            step(format!(
                "Use a certificate from a certificate authority that mail apps trust. With Let's Encrypt: `certbot certonly --standalone -d {host}` (it uses port 80 for a moment)."
            )),
            dovecot_chain(host),
            dovecot_reload(),
        ],
        K::HandshakeFailed { .. } => vec![
            for_software(
                DC,
                "Remove weak ciphers such as RC4, 3DES and NULL from `ssl_cipher_list`, and include ECDHE with AES-GCM. Going back to the default is simplest.",
            ),
            dovecot_reload(),
        ],
        K::PortClosed { port, .. } | K::TimeoutFiltered { port, .. } => vec![
            for_software(
                DC,
                "Check that `protocols` includes imap or pop3. For 993, check that `inet_listener imaps` in `service imap-login` has its `port` and `ssl = yes`; for 995, `inet_listener pop3s` in `service pop3-login`.",
            ),
            step(format!(
                "Check with `ss -ltnp` that something listens on port {port}, and that the firewall lets it through."
            )),
            dovecot_reload(),
        ],
        _ => return None,
    })
}
