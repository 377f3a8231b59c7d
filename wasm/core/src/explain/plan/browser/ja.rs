//! ブラウザが報告したエラー（日本語）。英語版は `en.rs`。

use super::{Family, Say};
use crate::explain::Fmt;
use crate::wire::Cause;

pub(crate) fn say(s: &Say, _f: &Fmt<'_>) -> String {
    match s {
        Say::Headline(family) => headline(*family).into(),
        Say::Meaning(family) => meaning(*family),
        Say::HealthyNow => "ただし今この端末からはサーバーは正常でした。端末の側が原因かもしれません。".into(),
        Say::CausesBelow => "よくある原因を下に挙げます。".into(),
        Say::Cause(c) => cause(*c),
        Say::DangerUnverified => "本物か確かめられないため、パスワードは入力しないでください。".into(),
        Say::DangerFakeSite => "偽のサイトかもしれないため、パスワードは入力しないでください。".into(),
        Say::DangerRevoked => "取り消された証明書は信頼できません。".into(),
        Say::DangerIntercepted => "盗み見のおそれがあるため、パスワードは入力しないでください。".into(),
        Say::DangerNone => "設定どおりの動きで、危険はありません。".into(),
        Say::DangerUnknown => "このエラーだけでは危険か分かりません。".into(),
        Say::RestartOrPrivate => "ブラウザを開き直すか、プライベートウィンドウで試してください。".into(),
        Say::CheckSpelling => "アドレスのつづりと「www.」の有無を確かめてください。".into(),
        Say::TryOtherDevice => "別の端末やネットワークでも同じか確かめてください。".into(),
        Say::TryOtherNetwork => "テザリングなど、別のネットワークで試してください。".into(),
        Say::IfPersistsContact => "続くなら、サイトの管理者に連絡してください。".into(),
        Say::AskOrgIfManaged => "会社や学校の端末なら、問い合わせ先に連絡してください。".into(),
        Say::ResetBrowserSettings => "自分で変えたなら、設定を初期状態に戻してください。".into(),
        Say::AskOrgForClientCert => "会社や学校なら、証明書の入れ方を問い合わせ先に聞いてください。".into(),
        Say::CheckSecuritySoftware => "セキュリティソフトの「HTTPSのスキャン」を一時的に止めて試してください。".into(),
        Say::CheckNetworkRetry => "ネットワークの接続を確かめて、もう一度試してください。".into(),
        Say::AskOrgProxy => "会社や学校なら、プロキシの設定を問い合わせ先に聞いてください。".into(),
        Say::Reload => "ページを読み込み直してください。".into(),
        Say::AdminValidity => "証明書の有効期間を確かめ、切れていれば更新してください。".into(),
        Say::AdminCertbotRenew => "`certbot renew` のあと、Webサーバーを再読み込みしてください。".into(),
        Say::AdminName => "証明書に接続先の名前が入っているか確かめてください。".into(),
        Say::AdminNameNginx => "`server_name` と `ssl_certificate` が合うか確かめてください。".into(),
        Say::AdminNameApache => "`ServerName`・`ServerAlias` と `SSLCertificateFile` が合うか確かめてください。".into(),
        Say::AdminFullChain => "信頼された認証局の証明書を中間証明書と送ってください。".into(),
        Say::AdminChainNginx => "`ssl_certificate` に中間証明書入りのfullchain.pemを指定してください。".into(),
        Say::AdminChainApache => "`SSLCertificateFile` に中間証明書入りのfullchain.pemを指定してください。".into(),
        Say::AdminReplaceRevoked => "証明書を発行し直して入れ替えてください。".into(),
        Say::AdminStapling => "`openssl s_client -status` でOCSPの応答を確かめてください。".into(),
        Say::AdminMustStaple => "発行元がOCSPをやめたなら、Must-Stapleなしで発行し直してください。".into(),
        Say::AdminStrongCert => "署名はSHA-256以上、鍵はRSA 2048ビットかECDSA P-256以上で作り直してください。".into(),
        Say::AdminRules => "CA/ブラウザフォーラムの基準に合う証明書に発行し直してください。".into(),
        Say::AdminCheckFile => "`openssl x509 -noout -text -in ファイル名` で証明書を確かめてください。".into(),
        Say::AdminModernTls => "TLS 1.2と1.3を有効にし、古い機器はファームウェアを更新してください。".into(),
        Say::AdminTlsNginx => "`ssl_protocols TLSv1.2 TLSv1.3;` のあと `nginx -t && systemctl reload nginx` を実行してください。".into(),
        Say::AdminTlsApache => "`SSLProtocol -all +TLSv1.2 +TLSv1.3` のあと `apachectl configtest && systemctl reload apache2` を実行してください。".into(),
        Say::AdminBrowserTlsPolicy => "ポリシー `SSLVersionMin`・`SSLVersionMax`（Firefoxは `security.tls.version.min`・`security.tls.version.max`）でTLS 1.2と1.3を許可してください。".into(),
        Say::AdminErrorLog => "サーバーのエラーログを確かめてください。".into(),
        Say::AdminClientAuth => "社内向けなら証明書の入れ方を案内し、公開サイトなら要求を外してください。".into(),
        Say::AdminInspectionRoot => "社内の検査製品なら、そのルート証明書をOSに登録してください。".into(),
        Say::AdminUnknownInspection => "心当たりがなければ、ルート証明書を配らず、差し替えの場所を調べてください。".into(),
        Say::AdminBlockedRoot => "このルート証明書は配らず、端末から取り除いてください。".into(),
        Say::AdminPinningInspection => "通信検査から、ピン留めのサイト（Googleなど）を外してください。".into(),
        Say::AdminCt => "証明書がCTログに載っているか（SCTの有無）、発行元に確かめてください。".into(),
        Say::AdminEch => "DNSのHTTPSレコードのECH設定とサーバーの鍵が合うか確かめてください。".into(),
        Say::AdminServerUp => "サーバーの稼働とファイアウォールの設定を確かめてください。".into(),
        Say::AdminProxy => "プロキシの設定（PACファイルなど）と稼働を確かめてください。".into(),
        Say::AdminNothing => "サーバー側で直すことは、たいていありません。".into(),
    }
}

fn headline(family: Family) -> &'static str {
    use Family as F;
    match family {
        F::Expired => "端末の日付では証明書の期限が切れています",
        F::NotYetValid => "端末の日付では証明書がまだ有効ではありません",
        F::OutsideValidity => "端末の日付では証明書の有効期間の外です",
        F::Name => "証明書がサイトの名前と合っていません",
        F::Trust => "証明書の発行元をブラウザが信頼していません",
        F::Revoked => "証明書が発行元に取り消されています",
        F::RevocationUnchecked => "証明書の失効を確かめられませんでした",
        F::Strength => "証明書の暗号が弱すぎます",
        F::Rules => "証明書がブラウザの決まりに合っていません",
        F::Format => "サーバーの証明書が壊れています",
        F::VersionCipher => "ブラウザとサーバーで暗号の方式が合いません",
        F::BrowserSettings => "ブラウザの設定で、使えるTLSのバージョンがありません",
        F::Handshake => "暗号化の開始に失敗しました",
        F::ClientAuth => "サーバーが利用者の証明書を求めています",
        F::Interception => "通信の途中で証明書が差し替えられています",
        F::InterceptionBlocked => "監視用の証明書をブラウザが止めました",
        F::Pinning => "証明書の発行元がこのサイトの決まりと違います",
        F::Ct => "証明書が公開の記録に載っていません",
        F::Ech => "ECHの設定が合わず接続できませんでした",
        F::Transport => "サーバーに接続できませんでした",
        F::Proxy => "プロキシとの接続に問題があります",
        F::Internal => "ブラウザの内部でエラーが起きました",
        F::Unknown => "ブラウザがエラーを報告しました",
    }
}

fn meaning(family: Family) -> String {
    use Family as F;
    match family {
        F::Expired => String::from("端末の日付が正しければ、‹Certificate›は期限切れです。"),
        F::NotYetValid => String::from("端末の日付が正しければ、‹Certificate›はまだ有効期間の前です。"),
        F::OutsideValidity => String::from("端末の日付が正しければ、‹Certificate›は期限切れか、まだ有効期間の前です。"),
        F::Name => String::from("開こうとした名前が、‹Certificate›に書かれていません。"),
        F::Trust => String::from("‹Certificate›を、信頼された発行元までたどれませんでした。"),
        F::Revoked => String::from("この‹Certificate›は‹Revocation›していて使えません。"),
        F::RevocationUnchecked => String::from("‹Certificate›が‹Revocation›していないか確かめられませんでした。"),
        F::Strength => String::from("‹Certificate›の署名（SHA-1など）や鍵の長さが、今では弱すぎます。"),
        F::Rules => String::from("‹Certificate›の用途や有効期間の長さなどが、ブラウザの決まりに合いません。"),
        F::Format => String::from("‹Certificate›の形式か署名が壊れていて、読み取れません。"),
        F::VersionCipher => String::from(
            "共通のTLSのバージョンか‹CipherSuite›がありません。サーバーがTLS 1.0や1.1だけのことが多いです。",
        ),
        F::BrowserSettings => "組織のポリシーで決められていることもあります。".into(),
        F::Handshake => String::from("‹Handshake›の失敗は、サーバーの設定か途中の機器が原因のことがあります。"),
        F::ClientAuth => String::from("サーバーが求める‹ClientCertificate›がないか、受け入れられませんでした。"),
        F::Interception => String::from("セキュリティソフトや社内の‹Proxy›が、暗号化を解いて中身を見ているようです。"),
        F::InterceptionBlocked => String::from("通信の監視に使われた‹RootCertificate›が、この接続に使われていました。"),
        F::Pinning => String::from("一部の大きなサイトは、‹Certificate›の発行元がブラウザに決められています。"),
        F::Ct => String::from("‹Certificate›は公開の記録（Certificate Transparency）に載っている必要があります。"),
        F::Ech => String::from("‹Ech›の設定が、サーバーか‹Dns›で合っていません。"),
        F::Transport => "暗号化の前に、サーバーにつながらないか接続が切れました。".into(),
        F::Proxy => String::from("端末に設定された‹Proxy›につながらないか、その証明書に問題があります。"),
        F::Internal => "ふつうは画面に出ない、ブラウザ内部のエラーです。".into(),
        F::Unknown => "TLS Doctorの一覧にないエラーです。".into(),
    }
}

/// One usual cause: 【what it is】how to tell.
fn cause(c: Cause) -> String {
    use Cause as C;
    match c {
        C::ClockAhead => "【端末の時計が進んでいる】日付と時刻を確かめてください。".into(),
        C::ClockBehind => "【端末の時計が遅れている】日付と時刻を確かめてください。".into(),
        C::StaleBrowserState => "【ブラウザの古い情報】開き直すか、プライベートウィンドウで試してください。".into(),
        C::InterceptionKnownProduct => "【セキュリティソフトの検査】「HTTPSのスキャン」を止めて試してください。".into(),
        C::InterceptionCorporate => "【会社や学校の通信の検査】別のネットワークでも同じか確かめてください。".into(),
        C::InterceptionUnknown => {
            "【通信の横取り】別のネットワークで直るなら、ここではパスワードを入力しないでください。".into()
        }
        C::CaptivePortal => "【Wi-Fiのログイン画面】先にログインしてください。".into(),
        C::OutdatedClient => "【ブラウザやOSが古い】最新版に更新してください。".into(),
        C::ClientCertRequired => "【利用者の証明書が必要】会社や学校なら管理者に聞いてください。".into(),
        C::CertExpired => "【証明書の期限切れ】ほかの端末でも同じならサーバー側の問題です。".into(),
        C::CertNotYetValid => "【証明書の有効期間の前】ほかの端末でも同じならサーバー側の問題です。".into(),
        C::ExpiringSoon => "【期限が近い】今は使えます。管理者に更新を伝えてください。".into(),
        C::NameMismatch => "【証明書の名前が違う】アドレスのつづりと「www.」の有無を確かめてください。".into(),
        C::SelfSigned => "【自己署名の証明書】自分のルーターやNASなら、指紋を管理者に確かめてください。".into(),
        C::UnknownIssuer => String::from(
            "【信頼されていない発行元】会社のシステムなら、管理者の‹RootCertificate›が要るか聞いてください。",
        ),
        C::IncompleteChain => {
            String::from("【‹Intermediate›が送られていない】ほかのブラウザや端末で開けるなら、これかもしれません。")
        }
        C::Revoked => "【証明書が取り消されている】ほかの端末でも同じならサーバー側の問題です。".into(),
        C::WeakSignature => "【証明書の署名が古い（SHA-1など）】サーバー側の問題です。".into(),
        C::WeakKey => "【証明書の鍵が短すぎる】サーバー側の問題です。".into(),
        C::ValidityTooLong => "【証明書の有効期間が長すぎる】サーバー側の問題です。".into(),
        C::LegacyProtocolOnly => {
            "【サーバーが古いTLSだけ】古い機器なら、ファームウェアの更新で直ることがあります。".into()
        }
        C::NoCipherOverlap => "【共通の暗号がない】サーバー側の問題です。".into(),
        C::SniDefaultCert => "【別のサイトの証明書が返っている】証明書の名前を確かめてください。".into(),
        C::WrongProtocolOnPort => {
            "【ポートと暗号化の不一致】アドレスのポート番号（「:8080」など）を確かめてください。".into()
        }
        C::StarttlsNotOffered => "【メールサーバーに暗号化がない】メールアプリの設定を案内と比べてください。".into(),
        C::StarttlsFailed => "【暗号化への切り替えの失敗】メールアプリの設定を案内と比べてください。".into(),
        C::OcspStapleMissing => "【失効の情報が添えられていない】サーバー側の問題です。".into(),
        C::DnsFailure => "【サーバーの名前が見つからない】アドレスのつづりを確かめてください。".into(),
        C::PortClosed => "【そのポートで受け付けていない】アドレスのポート番号を確かめてください。".into(),
        C::TimeoutFiltered => "【途中で止められている】別のネットワークで試してください。".into(),
        C::ConnectionReset => "【途中で接続が切られた】別のネットワークで試してください。".into(),
        C::CaDistrusted => String::from("【信頼を取り消された発行元】サーバー側で別の‹Ca›の証明書が必要です。"),
        C::CertPolicyViolation => "【証明書が決まりに合わない】サーバー側の問題です。".into(),
        C::CtNoncompliant => "【公開の記録にない証明書】別のネットワークでも同じなら、サーバー側の問題です。".into(),
        C::MalformedCert => "【証明書が壊れている】サーバー側の問題です。".into(),
        C::RevocationUnavailable => {
            "【失効を確認できない】しばらくして試してください。続くならネットワークが原因かもしれません。".into()
        }
        C::PinningMismatch => {
            "【決められた発行元と違う】差し替えの疑いがあります。別のネットワークで試してください。".into()
        }
        C::NonPublicName => "【社内用の名前やIPアドレスの証明書】正しいか機器の管理者に確かめてください。".into(),
        C::ServerTlsMisconfig => "【サーバーの設定の誤り】ほかのブラウザでも同じなら、サーバー側の問題です。".into(),
        C::MiddleboxInterference => "【途中の機器の邪魔】別のネットワークで試してください。".into(),
        C::ClientTlsSettings => {
            "【ブラウザやOSの設定の変更】設定を初期状態に戻すか、会社の端末なら管理者に聞いてください。".into()
        }
        C::ProxyMisconfig => "【プロキシの設定の誤り】OSやブラウザの設定を確かめてください。".into(),
        C::EchFailure => String::from("【‹Ech›の不具合】しばらくしてから試してください。"),
        C::BrowserExtension => "【拡張機能の邪魔】拡張機能なしのプライベートウィンドウで試してください。".into(),
        C::Offline => "【オフライン】Wi-Fiや有線の接続を確かめてください。".into(),
        C::DnsMisroute => {
            String::from("【名前が違うサーバーを指している】hostsファイルや‹Dns›の設定を確かめてください。")
        }
    }
}
