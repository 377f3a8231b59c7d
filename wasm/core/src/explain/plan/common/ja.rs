//! 共通の言い回し(日本語)。

use super::{Device, Say};
use crate::explain::Fmt;

pub(crate) fn say(s: &Say, f: &Fmt<'_>) -> String {
    match s {
        Say::NothingSentYet => "通信はまだ始まっていないため、情報が漏れる心配はありません。".into(),
        Say::DontEnterSecrets => "このページには、パスワードやカード番号を入力しないでください。".into(),
        Say::DontGoPast => "警告を越えて先に進まないでください。".into(),
        Say::NoGoingPastByRule => {
            "組織の決まりにより、この警告を越えて先に進むことはできません。組織の問い合わせ先に連絡してください。".into()
        }
        Say::ContactSiteAdmin => "サイトやサービスの管理者に連絡してください。".into(),
        Say::NothingToFixOnDevice => "お使いのパソコンやスマートフォンの側で直せることはありません。".into(),
        Say::TryAgainLater => "しばらくしてから、もう一度試してください。".into(),
        Say::TryAnotherNetwork => {
            "スマートフォンのテザリングなど、別のネットワークで試すと、原因がネットワークかどうかを切り分けられます。".into()
        }
        Say::SetDeviceClock => "端末の日付・時刻・タイムゾーンを「自動で設定」にしてください。".into(),
        Say::DeviceClockMenu(Device::Windows11) => {
            "Windows 11: 設定 → 時刻と言語 → 日付と時刻 で「時刻を自動的に設定する」と「タイム ゾーンを自動的に設定する」をオンにし、「今すぐ同期」を押します。".into()
        }
        Say::DeviceClockMenu(Device::Macos) => {
            "macOS: システム設定 → 一般 → 日付と時刻 で「日付と時刻を自動的に設定」をオンにします。".into()
        }
        Say::DeviceClockMenu(Device::Ios) => "iPhone・iPad: 設定 → 一般 → 日付と時刻 で「自動設定」をオンにします。".into(),
        Say::DeviceClockMenu(Device::Android) => {
            "Android: 設定 → システム → 日付と時刻 で「日時を自動的に設定」と「タイムゾーンを自動的に設定」をオンにします（機種によって名前が少し違います）。".into()
        }
        Say::RestartBrowser => "ブラウザをいったん閉じて、開き直してください。".into(),
        Say::NoPlainMail => format!(
            "メールアプリに「{}なしで設定しますか」と聞かれても、「いいえ」を選んでください。暗号化しないと、パスワードとメールが途中で読まれるおそれがあります。",
            "SSL"
        ),
        Say::MailPorts => String::from("よく使われる組み合わせは、送信が「587番と‹Starttls›」か「465番と‹ImplicitTls›」、受信が「993番とSSL/TLS」（IMAP）か「995番とSSL/TLS」（POP3）です。"),
        Say::PostfixChainFiles => {
            let host = if f.host.is_empty() { "名前" } else { f.host };
            format!(
                "main.cf に `smtpd_tls_chain_files = /etc/letsencrypt/live/{host}/privkey.pem, /etc/letsencrypt/live/{host}/fullchain.pem` を指定してください（Postfix 3.4以降。それより前は `smtpd_tls_cert_file` にfullchain.pem、`smtpd_tls_key_file` にprivkey.pem）。"
            )
        }
        Say::PostfixReload => "`postfix reload` で読み込み直してください。".into(),
        Say::DovecotCertFiles => {
            let host = if f.host.is_empty() { "名前" } else { f.host };
            format!(
                "`ssl_cert = </etc/letsencrypt/live/{host}/fullchain.pem` と `ssl_key = </etc/letsencrypt/live/{host}/privkey.pem` を指定してください（2.4では `ssl_server_cert_file` と `ssl_server_key_file`）。"
            )
        }
        Say::DovecotReload => "`doveadm reload` で読み込み直してください。".into(),
        Say::FirefoxOsRoots => "Firefox 120以降はWindows・macOS・AndroidでOSのルート証明書を信頼します（`security.enterprise_roots.enabled`）。ポリシーで無効にしていないか確かめ、Linuxではポリシーの Certificates → Install で配ってください。".into(),
        Say::Port25 => "25番は、メールサーバーどうしが受け渡しに使うポートです。メールアプリから送るときは、587番（STARTTLS）か465番（SSL/TLS）を使ってください。".into(),
    }
}
