//! 管理者向けの手順: メールサーバー（Postfix、Dovecot）の場合。英語版は `en.rs`。

use super::super::{for_software, step};
use crate::wire::{AdminStep, FindingKind};

/// メールサーバーの証明書に問題があるときの危険性。
pub(super) const CERT_DANGER: &str = "メールアプリは、接続するとすぐにパスワードを送ります。証明書の警告を無視して進むと、偽のサーバーにパスワードとメールを渡してしまうおそれがあります。警告を無視する設定や「SSLなし」には変えないでください。";

const PF: &str = "Postfix";
const DC: &str = "Dovecot";

fn postfix_chain(host: &str) -> AdminStep {
    for_software(
        PF,
        format!(
            "main.cf で、秘密鍵と、中間証明書まで含んだ証明書のファイルを指定してください（Postfix 3.4 以降）: `smtpd_tls_chain_files = /etc/letsencrypt/live/{host}/privkey.pem, /etc/letsencrypt/live/{host}/fullchain.pem`。古い版では `smtpd_tls_cert_file` に fullchain.pem、`smtpd_tls_key_file` に privkey.pem を指定します。"
        ),
    )
}

fn postfix_reload() -> AdminStep {
    for_software(PF, "設定や証明書を変えたら、`postfix reload` で読み込み直してください。")
}

fn dovecot_chain(host: &str) -> AdminStep {
    for_software(
        DC,
        format!(
            "中間証明書まで含んだファイルを指定してください。Dovecot 2.3 では `ssl_cert = </etc/letsencrypt/live/{host}/fullchain.pem` と `ssl_key = </etc/letsencrypt/live/{host}/privkey.pem`（先頭の `<` はファイルの中身を読む印です）、2.4 では `ssl_server_cert_file` と `ssl_server_key_file` です。"
        ),
    )
}

fn dovecot_reload() -> AdminStep {
    for_software(DC, "設定や証明書を変えたら、`doveadm reload` で読み込み直してください。")
}

/// Postfix（送信: 25、465、587番）の手順。専用の手順がない所見では `None`。
pub(super) fn postfix(kind: &FindingKind, host: &str) -> Option<Vec<AdminStep>> {
    use FindingKind as K;
    Some(match kind {
            postfix_chain(host),
            for_software(
                PF,
                "ファイルの中は、サーバーの証明書、中間証明書の順に並べてください。cert.pem だけでは中間証明書が送られません。",
            ),
            postfix_reload(),
        ],
            for_software(
                PF,
                "main.cf で `smtpd_tls_mandatory_ciphers = high` と `smtpd_tls_ciphers = high` を設定し、`smtpd_tls_exclude_ciphers = aNULL, RC4, 3DES, MD5` で弱い暗号を外してください。",
            ),
            postfix_reload(),
        ],
            postfix_reload(),
        ],
        _ => return None,
    })
}

/// Dovecot（受信: 143、993、110、995番）の手順。専用の手順がない所見では `None`。
pub(super) fn dovecot(kind: &FindingKind, host: &str) -> Option<Vec<AdminStep>> {
    use FindingKind as K;
    Some(match kind {
            dovecot_chain(host),
            for_software(
                DC,
                "ファイルの中は、サーバーの証明書、中間証明書の順に並べてください。cert.pem だけでは中間証明書が送られません。",
            ),
            dovecot_reload(),
        ],
            for_software(
                DC,
                "`ssl_cipher_list` から RC4、3DES、NULL などの弱い暗号を外し、ECDHE と AES-GCM の組み合わせを含めてください。既定値に戻すのがいちばん簡単です。",
            ),
            dovecot_reload(),
        ],
            dovecot_reload(),
        ],
        _ => return None,
    })
}
