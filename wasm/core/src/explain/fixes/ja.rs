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

fn certbot_hook() -> AdminStep {
    for_software(
        "certbot",
        "更新のあとに読み込み直さないと、古い証明書が使われ続けます。`--deploy-hook \"systemctl reload postfix dovecot\"` のように、更新のたびに再読み込みするよう設定してください。",
    )
}

fn renew(host: &str) -> AdminStep {
    for_software(
        "certbot",
        format!("`certbot renew` で更新するか、`certbot certonly -d {host}` で取り直してください。"),
    )
}

/// Postfix（送信: 25、465、587番）の手順。専用の手順がない所見では `None`。
pub(super) fn postfix(kind: &FindingKind, host: &str) -> Option<Vec<AdminStep>> {
    use FindingKind as K;
    Some(match kind {
        K::CertExpired { .. } | K::ExpiringSoon { .. } | K::IntermediateExpired { .. } => {
            vec![renew(host), certbot_hook(), postfix_chain(host), postfix_reload()]
        }
        K::NameMismatch { .. } | K::SniDefaultCert { .. } => vec![
            for_software(
                "certbot",
                format!("「{host}」を含む証明書を取ってください。例: `certbot certonly -d {host}`。"),
            ),
            postfix_chain(host),
            for_software(
                PF,
                "一つのサーバーで複数の名前を使う場合は、`tls_server_sni_maps` で名前ごとに証明書を選べます（Postfix 3.4 以降）。",
            ),
            postfix_reload(),
        ],
        K::IncompleteChain { .. } | K::ChainWrongOrder { .. } => vec![
            postfix_chain(host),
            for_software(
                PF,
                "ファイルの中は、サーバーの証明書、中間証明書の順に並べてください。cert.pem だけでは中間証明書が送られません。",
            ),
            postfix_reload(),
        ],
        K::SelfSigned { .. } | K::UnknownIssuer { .. } => vec![
            step(format!(
                "メールアプリが信頼する認証局の証明書に替えてください。Let's Encrypt なら `certbot certonly --standalone -d {host}` で取れます（80番ポートを一時的に使います）。"
            )),
            postfix_chain(host),
            postfix_reload(),
        ],
        K::HandshakeFailed { .. } => vec![
            for_software(
                PF,
                "main.cf で `smtpd_tls_mandatory_ciphers = high` と `smtpd_tls_ciphers = high` を設定し、`smtpd_tls_exclude_ciphers = aNULL, RC4, 3DES, MD5` で弱い暗号を外してください。",
            ),
            postfix_reload(),
        ],
        K::PortClosed { port, .. } | K::TimeoutFiltered { port, .. } => vec![
            for_software(
                PF,
                "master.cf で、587番は `submission inet n - y - - smtpd`、465番は `submissions inet n - y - - smtpd` に `-o smtpd_tls_wrappermode=yes` を付けた行が有効か（先頭の # が外れているか）確かめてください。",
            ),
            step(format!(
                "`ss -ltnp` でポート{port}を待ち受けているか、ファイアウォールが通しているかを確かめてください。"
            )),
            postfix_reload(),
        ],
        _ => return None,
    })
}

/// Dovecot（受信: 143、993、110、995番）の手順。専用の手順がない所見では `None`。
pub(super) fn dovecot(kind: &FindingKind, host: &str) -> Option<Vec<AdminStep>> {
    use FindingKind as K;
    Some(match kind {
        K::CertExpired { .. } | K::ExpiringSoon { .. } | K::IntermediateExpired { .. } => {
            vec![renew(host), certbot_hook(), dovecot_chain(host), dovecot_reload()]
        }
        K::NameMismatch { .. } | K::SniDefaultCert { .. } => vec![
            for_software(
                "certbot",
                format!("「{host}」を含む証明書を取ってください。例: `certbot certonly -d {host}`。"),
            ),
            dovecot_chain(host),
            for_software(
                DC,
                format!(
                    "一つのサーバーで複数の名前を使う場合は、`local_name {host} {{ … }}` の中で名前ごとに証明書を指定できます。"
                ),
            ),
            dovecot_reload(),
        ],
        K::IncompleteChain { .. } | K::ChainWrongOrder { .. } => vec![
            dovecot_chain(host),
            for_software(
                DC,
                "ファイルの中は、サーバーの証明書、中間証明書の順に並べてください。cert.pem だけでは中間証明書が送られません。",
            ),
            dovecot_reload(),
        ],
        K::SelfSigned { .. } | K::UnknownIssuer { .. } => vec![
            step(format!(
                "メールアプリが信頼する認証局の証明書に替えてください。Let's Encrypt なら `certbot certonly --standalone -d {host}` で取れます（80番ポートを一時的に使います）。"
            )),
            dovecot_chain(host),
            dovecot_reload(),
        ],
        K::HandshakeFailed { .. } => vec![
            for_software(
                DC,
                "`ssl_cipher_list` から RC4、3DES、NULL などの弱い暗号を外し、ECDHE と AES-GCM の組み合わせを含めてください。既定値に戻すのがいちばん簡単です。",
            ),
            dovecot_reload(),
        ],
        K::PortClosed { port, .. } | K::TimeoutFiltered { port, .. } => vec![
            for_software(
                DC,
                "`protocols` に imap や pop3 が入っているか確かめてください。993番は `service imap-login` の `inet_listener imaps` に、995番は `service pop3-login` の `inet_listener pop3s` に、`port` と `ssl = yes` があるかも確かめてください。",
            ),
            step(format!(
                "`ss -ltnp` でポート{port}を待ち受けているか、ファイアウォールが通しているかを確かめてください。"
            )),
            dovecot_reload(),
        ],
        _ => return None,
    })
}
