//! ブラウザが報告したエラー（日本語）。英語版は `en.rs`。

use super::{Family, Say};
use crate::explain::Fmt;
use crate::wire::Cause;

pub(crate) fn say(s: &Say, _f: &Fmt<'_>) -> String {
    match s {
        Say::Headline(family) => headline(*family).into(),
        Say::Meaning(family) => meaning(*family),
        Say::HealthyNow => "ただし、この端末から今つなぐとサーバーは正常でした。原因は、ブラウザの古い情報やセキュリティソフトなど、端末の側かもしれません。".into(),
        Say::CausesBelow => "よくある原因を下に挙げます。".into(),
        Say::Cause(c) => cause(*c),
        Say::DangerUnverified => "サイトが本物か確かめられないため、パスワードなどは入力しないでください。".into(),
        Say::DangerFakeSite => "偽のサイトかもしれないため、パスワードなどは入力しないでください。".into(),
        Say::DangerRevoked => "取り消された証明書では、本物と信頼できません。".into(),
        Say::DangerIntercepted => "盗み見のおそれがあるため、パスワードなどは入力しないでください。".into(),
        Say::DangerProxy => "通信はまだサーバーに届いていません。".into(),
        Say::DangerNone => "サーバーの設定どおりの動きで、危険はありません。".into(),
        Say::DangerUnknown => "このエラーだけでは危険かどうか分かりません。".into(),
        Say::RestartOrPrivate => "ブラウザを開き直すか、プライベートウィンドウで開いてみてください。".into(),
        Say::DateRightThenSite => "日付が正しくても同じなら、サイトの管理者に連絡してください。".into(),
        Say::CheckSpelling => "アドレスのつづりと「www.」の有無を確かめてください。".into(),
        Say::TryOtherDevice => "別の端末やネットワークでも同じか確かめてください。".into(),
        Say::TryOtherNetwork => "テザリングなど、別のネットワークで試してください。".into(),
        Say::IfPersistsContact => "それでも同じなら、サイトの管理者に連絡してください。".into(),
        Say::AskOrgIfManaged => "会社や学校の端末なら、問い合わせ先に連絡してください。".into(),
        Say::ResetBrowserSettings => "自分で変えたなら、ブラウザの設定を初期状態に戻してください。".into(),
        Say::AskOrgForClientCert => "会社や学校のシステムなら、証明書の入れ方を問い合わせ先に聞いてください。".into(),
        Say::CheckSecuritySoftware => "セキュリティソフトの「HTTPSのスキャン」を一時的に止めて試してください。".into(),
        Say::CheckNetworkRetry => "ネットワークにつながっているか確かめて、もう一度試してください。".into(),
        Say::AskOrgProxy => "会社や学校なら、プロキシの設定を問い合わせ先に確かめてください。".into(),
        Say::Reload => "ページを読み込み直してください。".into(),
        Say::AdminValidity => "証明書の有効期間を確かめ、切れていれば更新してください。".into(),
        Say::AdminCertbotRenew => "`certbot renew` のあと、Webサーバーを再読み込みしてください。".into(),
        Say::AdminName => "証明書に接続先の名前が入っているか確かめてください。".into(),
        Say::AdminNameNginx => "`server_name` と `ssl_certificate` の組み合わせを確かめてください。".into(),
        Say::AdminNameApache => "`ServerName`・`ServerAlias` と `SSLCertificateFile` の組み合わせを確かめてください。".into(),
        Say::AdminFullChain => "信頼された認証局の証明書を、中間証明書と一緒に送ってください。".into(),
        Say::AdminChainNginx => "`ssl_certificate` にfullchain.pemなど中間証明書入りのファイルを指定してください。".into(),
        Say::AdminChainApache => "`SSLCertificateFile` にfullchain.pemなど中間証明書入りのファイルを指定してください。".into(),
        Say::AdminReplaceRevoked => "新しい証明書を発行してもらい、入れ替えてください。".into(),
        Say::AdminStapling => "OCSPステープリングの応答を `openssl s_client -status` で確かめてください。".into(),
        Say::AdminMustStaple => "Must-Staple証明書は、応答を添えないとFirefoxで開けません。OCSPをやめた発行元なら、Must-Stapleなしで発行し直してください。".into(),
        Say::AdminStrongCert => "SHA-256以上の署名と、RSA 2048ビット以上かECDSA P-256以上の鍵で作り直してください。".into(),
        Say::AdminRules => "CA/ブラウザフォーラムの基準に合う証明書を、発行し直してもらってください。".into(),
        Say::AdminCheckFile => "証明書ファイルを `openssl x509 -noout -text -in ファイル名` で確かめてください。".into(),
        Say::AdminModernTls => "TLS 1.2と1.3を有効にしてください。古い機器はファームウェアを更新してください。".into(),
        Say::AdminTlsNginx => "`ssl_protocols TLSv1.2 TLSv1.3;` のあと `nginx -t && systemctl reload nginx` を実行してください。".into(),
        Say::AdminTlsApache => "`SSLProtocol -all +TLSv1.2 +TLSv1.3` のあと `apachectl configtest && systemctl reload apache2` を実行してください。".into(),
        Say::AdminBrowserTlsPolicy => "ポリシー `SSLVersionMin`・`SSLVersionMax` と、Firefoxの `security.tls.version.min`・`security.tls.version.max` で、TLS 1.2と1.3を許可してください。".into(),
        Say::AdminErrorLog => "サーバーのエラーログで失敗の理由を確かめてください。".into(),
        Say::AdminClientAuth => "社内向けなら証明書の入れ方を案内し、公開サイトならクライアント証明書の要求を外してください。".into(),
        Say::AdminInspectionRoot => "社内の検査製品なら、そのルート証明書をOSの信頼する証明書に登録してください。".into(),
        Say::AdminUnknownInspection => "心当たりのない検査なら、ルート証明書を配らず、差し替えの場所を調べてください。".into(),
        Say::AdminBlockedRoot => "ブラウザが拒否するこのルート証明書は配らず、端末から取り除いてください。".into(),
        Say::AdminPinningInspection => "社内の通信検査から、ピン留めされたサイト（Googleなど）を外してください。".into(),
        Say::AdminCt => "証明書がCTログに登録されているか（SCTの有無）、発行元に確かめてください。".into(),
        Say::AdminEch => "DNSのHTTPSレコードのECH設定とサーバーの鍵が合うか確かめてください。".into(),
        Say::AdminServerUp => "サーバーの稼働とファイアウォールの設定を確かめてください。".into(),
        Say::AdminProxy => "プロキシの設定（PACファイルなど）と稼働を確かめてください。".into(),
        Say::AdminNothing => "サーバー側で直すことは、たいていありません。".into(),
    }
}

fn headline(family: Family) -> &'static str {
    use Family as F;
    match family {
        F::Expired => "端末の日付では、証明書の期限が切れています",
        F::NotYetValid => "端末の日付では、証明書がまだ有効ではありません",
        F::OutsideValidity => "端末の日付では、証明書の有効期間の外です",
        F::Name => "証明書がサイトの名前と合っていません",
        F::Trust => "証明書の発行元を、ブラウザが信頼していません",
        F::Revoked => "証明書が発行元に取り消されています",
        F::RevocationUnchecked => "証明書の失効を確かめられませんでした",
        F::Strength => "証明書の暗号が弱すぎます",
        F::Policy => "証明書がブラウザの決まりに合っていません",
        F::Format => "サーバーの証明書が壊れています",
        F::VersionCipher => "ブラウザとサーバーで暗号の方式が合いません",
        F::BrowserSettings => "ブラウザの設定で、使えるTLSのバージョンがありません",
        F::Handshake => "暗号化の開始に失敗しました",
        F::ClientAuth => "サーバーが利用者の証明書を求めています",
        F::Interception => "通信の途中で証明書が差し替えられています",
        F::InterceptionBlocked => "監視用の証明書を、ブラウザが止めました",
        F::Pinning => "証明書の発行元が、このサイトの決まりと違います",
        F::Ct => "証明書が公開の記録に載っていません",
        F::Ech => "ECHの設定が合わず、接続できませんでした",
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
        F::Revoked => String::from("この‹Certificate›は‹Revocation›していて、期限の前でも使えません。"),
        F::RevocationUnchecked => {
            String::from("ブラウザは、‹Certificate›が‹Revocation›していないか確かめられませんでした。")
        }
        F::Strength => String::from("‹Certificate›の署名の方式（SHA-1など）や鍵の長さが、今の基準では弱すぎます。"),
        F::Policy => String::from("‹Certificate›の用途や有効期間の長さなどが、ブラウザの決まりに合いません。"),
        F::Format => String::from("‹Certificate›の形式か署名が壊れていて、読み取れません。"),
        F::VersionCipher => String::from(
            "共通のTLSのバージョンか‹CipherSuite›がありません。サーバーが古いTLS 1.0や1.1だけのことがよくあります。",
        ),
        F::BrowserSettings => {
            "このブラウザの設定で、TLSのバージョンが一つも使えません。組織のポリシーによることもあります。".into()
        }
        F::Handshake => String::from("‹Handshake›の失敗は、サーバーの設定か途中の機器が原因のことがあります。"),
        F::ClientAuth => String::from("サーバーが求める‹ClientCertificate›がないか、受け入れられませんでした。"),
        F::Interception => {
            String::from("セキュリティソフトや社内の‹Proxy›などが、暗号化を解いて中身を見ているようです。")
        }
        F::InterceptionBlocked => String::from("通信の監視に使われた‹RootCertificate›が、この接続に使われていました。"),
        F::Pinning => {
            String::from("一部の大きなサイトは、‹Certificate›の発行元がブラウザに決められています（ピン留め）。")
        }
        F::Ct => {
            String::from("ブラウザは、‹Certificate›が公開の記録（Certificate Transparency）にあることを求めます。")
        }
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
        C::StaleBrowserState => {
            "【ブラウザの古い情報】ブラウザを開き直すか、プライベートウィンドウで試してください。".into()
        }
        C::InterceptionKnownProduct => {
            "【セキュリティソフトの検査】その「HTTPSのスキャン」を一時的に止めて試してください。".into()
        }
        C::InterceptionCorporate => {
            "【会社や学校のネットワークの検査】別のネットワークでも同じか確かめてください。".into()
        }
        C::InterceptionUnknown => {
            "【通信の横取り】別のネットワークで直るなら、今のネットワークでパスワードを入力しないでください。".into()
        }
        C::CaptivePortal => "【Wi-Fiのログイン画面】ホテルや駅などでは、先にログインしてください。".into(),
        C::OutdatedClient => "【ブラウザやOSが古い】最新版に更新してください。".into(),
        C::ClientCertRequired => "【利用者の証明書が必要】会社や学校のシステムなら、管理者に確かめてください。".into(),
        C::CertExpired => "【証明書の期限切れ】ほかの端末でも同じなら、サーバー側の問題です。".into(),
        C::CertNotYetValid => "【証明書の有効期間の前】ほかの端末でも同じなら、サーバー側の問題です。".into(),
        C::ExpiringSoon => "【期限が近い】今は使えます。管理者に更新を伝えてください。".into(),
        C::NameMismatch => "【証明書の名前が違う】アドレスのつづりと「www.」の有無を確かめてください。".into(),
        C::SelfSigned => {
            "【自己署名の証明書】自分のルーターやNASなどなら、証明書の指紋を管理者に確かめてください。".into()
        }
        C::UnknownIssuer => String::from(
            "【信頼されていない発行元】会社のシステムなら、管理者が配る‹RootCertificate›が要るか確かめてください。",
        ),
        C::IncompleteChain => String::from(
            "【サーバーが‹Intermediate›を送っていない】ほかのブラウザや端末では開けるなら、これかもしれません。",
        ),
        C::Revoked => "【証明書が取り消されている】ほかの端末でも同じなら、サーバー側の問題です。".into(),
        C::WeakSignature => "【証明書の署名の方式が古い（SHA-1など）】サーバー側の問題です。".into(),
        C::WeakKey => "【証明書の鍵が短すぎる】サーバー側の問題です。".into(),
        C::ValidityTooLong => "【証明書の有効期間が長すぎる】サーバー側の問題です。".into(),
        C::LegacyProtocolOnly => {
            "【サーバーが古いTLSだけ】古い機器に多く、ファームウェアの更新で直ることがあります。".into()
        }
        C::NoCipherOverlap => "【使える暗号の組み合わせがない】サーバー側の設定の問題です。".into(),
        C::SniDefaultCert => {
            "【サーバーが別のサイトの証明書を返している】証明書に書かれた名前を確かめてください。".into()
        }
        C::WrongProtocolOnPort => {
            "【ポートと暗号化の不一致】アドレスのポート番号（「:8080」など）を確かめてください。".into()
        }
        C::StarttlsNotOffered => {
            "【メールサーバーに暗号化がない】メールアプリの設定をプロバイダーの案内と比べてください。".into()
        }
        C::StarttlsFailed => {
            "【暗号化への切り替えの失敗】メールアプリの設定をプロバイダーの案内と比べてください。".into()
        }
        C::OcspStapleMissing => "【失効の確認情報が添えられていない】サーバー側の設定の問題です。".into(),
        C::DnsFailure => "【サーバーの名前が見つからない】アドレスのつづりを確かめてください。".into(),
        C::PortClosed => "【そのポートで受け付けていない】アドレスのポート番号を確かめてください。".into(),
        C::TimeoutFiltered => "【応答がない】別のネットワークで試すと、途中で止められているか分かります。".into(),
        C::ConnectionReset => "【接続が切られた】別のネットワークで試すと、途中の機器が原因か分かります。".into(),
        C::CaDistrusted => String::from("【信頼を取り消された発行元】サーバー側で別の‹Ca›の証明書が必要です。"),
        C::CertPolicyViolation => "【証明書の作り方が決まりに合わない】サーバー側の問題です。".into(),
        C::CtNoncompliant => "【公開の記録にない証明書】別のネットワークでも同じなら、サーバー側の問題です。".into(),
        C::MalformedCert => "【証明書が壊れている】サーバー側の問題です。".into(),
        C::RevocationUnavailable => {
            "【失効を確認できない】しばらくして試してください。続くなら、ネットワークが原因かもしれません。".into()
        }
        C::PinningMismatch => {
            "【決められた発行元と違う】途中での差し替えが疑われます。別のネットワークで試してください。".into()
        }
        C::NonPublicName => {
            "【社内用の名前やIPアドレスの証明書】正しい証明書か、機器の管理者に確かめてください。".into()
        }
        C::ServerTlsMisconfig => "【サーバーの設定の誤り】ほかのブラウザでも同じなら、サーバー側の問題です。".into(),
        C::MiddleboxInterference => "【途中の機器が通信を邪魔している】別のネットワークで試してください。".into(),
        C::ClientTlsSettings => {
            "【ブラウザやOSの設定の変更】ブラウザの設定を初期状態に戻すか、会社の端末なら管理者に聞いてください。"
                .into()
        }
        C::ProxyMisconfig => "【プロキシの設定の誤り】OSやブラウザの設定を確かめてください。".into(),
        C::EchFailure => String::from("【‹Ech›の不具合】しばらくしてから試してください。"),
        C::BrowserExtension => "【拡張機能の邪魔】拡張機能を無効にしたプライベートウィンドウで試してください。".into(),
        C::Offline => "【ネットワークにつながっていない】Wi-Fiや有線の接続を確かめてください。".into(),
        C::DnsMisroute => {
            String::from("【名前が違うサーバーを指している】hostsファイルや‹Dns›の設定を確かめてください。")
        }
    }
}
