//! 接続まで(日本語)。英語版は `en.rs`。

use super::{Alert, App, Say, Upgrade};
use crate::explain::Fmt;
use crate::wire::{CutKind, DnsError, LimitSource, Stage};

/// What the server did during the handshake.
fn hs(rest: &str) -> String {
    format!("‹Handshake›の途中で、サーバーが{rest}")
}

pub(crate) fn say(s: &Say<'_>, f: &Fmt<'_>) -> String {
    match s {
        // ok
        Say::OkFilesHeadline => "証明書のファイルに問題は見つかりませんでした".into(),
        Say::OkFilesMeaning => "‹Certificate›は有効で、信頼されたルートまでの確認もできました。".into(),
        Say::OkFilesDanger => "このファイルはサーバーで使えます。".into(),
        Say::OkHeadline => "接続に問題は見つかりませんでした".into(),
        Say::OkMeaning { version } => format!("正しい‹Certificate›で、{version}で安全に接続できました。"),
        Say::OkDaysLeft { days } => format!("証明書の期限まであと{days}日です。"),
        Say::OkExpiresToday => "証明書の期限は今日までです。".into(),
        Say::OkBrowserSameCertificate => "ブラウザが受け取った証明書も同じでした。".into(),
        Say::OkDanger => "この接続は安心して使えます。".into(),
        Say::NothingToDo => "特にすることはありません。".into(),
        Say::OkStillAnError => "まだエラーが出るなら、端末の日付と時刻を確かめてください。".into(),
        Say::CertbotTimer => "自動更新を `systemctl list-timers certbot.timer` で確かめてください。".into(),

        // dns_failure
        Say::DnsHeadline { host } => format!("「{host}」の接続先が見つかりません"),
        Say::DnsMeaning { error, host } => match error {
            DnsError::NoSuchHost => format!("‹Dns›に「{host}」はありません。"),
            DnsError::NoAddress => format!("「{host}」は‹Dns›にありますが、IPアドレスがありません。"),
            DnsError::TemporaryFailure => {
                String::from("‹Dns›から答えがありません。ネットワークかDNSのサーバーの一時的な問題かもしれません。")
            }
            DnsError::TimedOut => String::from("‹Dns›から時間内に答えがありませんでした。"),
            DnsError::Other => format!("‹Dns›で「{host}」を調べられませんでした。"),
        },
        Say::CheckSpelling => "アドレスのつづりを確かめてください。".into(),
        Say::BewareLookalikes => "つづりの似た偽サイトに注意してください。".into(),
        Say::CheckOtherSites => "ほかのサイトが開けるか試してください。開けなければネットワークの問題です。".into(),
        Say::CompanyServerNeedsVpn => {
            String::from("社内のサーバーは、社内か‹Vpn›からしか見つからないことがあります。")
        }
        Say::DnsRecords { host } => format!("`dig {host} A` と `dig {host} AAAA` で確かめてください。"),
        Say::DnsDomainExpiry => "ドメインの有効期限とNSレコードも確かめてください。".into(),

        // host_unreachable
        Say::UnreachableHeadline { address } => format!("サーバー（{address}）まで届きません"),
        Say::UnreachableMeaning { address } => format!(
            "{address}への経路がありません。ネットワークにつながっていないか、途中の機器が止めています。"
        ),
        Say::CheckConnected => "ネットワークにつながっているか確かめてください。".into(),
        Say::ConnectVpnFirst => String::from("社内のサーバーなら、‹Vpn›につないでから試してください。"),
        Say::ServerRunningAndRoutes => "サーバーの起動、ルーティング、ファイアウォールを確かめてください。".into(),
        Say::Ipv6Reachable => "AAAAレコードがあれば、IPv6で届くか確かめてください。".into(),

        // port_closed
        Say::PortClosedHeadline { port } => format!("ポート{port}で接続を受け付けていません"),
        Say::PortClosedMeaning { address, port } => {
            format!("サーバー（{address}）には届きましたが、{port}番の‹Port›で待ち受けるサービスがありません。")
        }
        Say::CheckAddressAndPort => "アドレスとポート番号を確かめてください。".into(),
        Say::ServerRestarting => "再起動中かもしれません。しばらくして試してください。".into(),
        Say::AdminListening { port } => format!("ポート{port}の待ち受けを `ss -ltnp` で確かめてください。"),
        Say::NginxListen { port } => {
            format!("`listen {port} ssl;` を確かめ、`nginx -t` と `systemctl reload nginx` を実行してください。")
        }
        Say::ApacheListen { port } => format!("`Listen {port}` と `<VirtualHost *:{port}>` を確かめてください。"),
        Say::IisBinding { port } => format!("ポート{port}のhttpsバインドを確かめてください。"),
        Say::PostfixListen { port } => format!(
            "master.cf で{port}番のサービス（25はsmtp、465はsmtps、587はsubmission）の#を外し、`postfix reload` を実行してください。"
        ),
        Say::DovecotListen { port } => format!(
            "`protocols` にimapかpop3を、`inet_listener` に `port = {port}` を入れ、`doveadm reload` を実行してください。"
        ),

        // timeout_filtered
        Say::TimeoutHeadline { stage: Stage::Connect, port } => format!("ポート{port}のサーバーから応答がありません"),
        Say::TimeoutHeadline { stage: Stage::Greeting, port } => format!("ポート{port}のサーバーがあいさつしません"),
        Say::TimeoutHeadline { stage: Stage::TlsHandshake, port } => {
            format!("ポート{port}のサーバーが暗号化の開始に応答しません")
        }
        Say::TimeoutMeaning { stage: Stage::Connect, .. } => String::from(
            "途中の‹Firewall›が止めているか、サーバーが止まっている可能性があります。",
        ),
        Say::TimeoutMeaning { stage: Stage::Greeting, .. } => {
            "接続後、あいさつも、最初から暗号化しての応答もありません。混み合っているか、止まりかけている可能性があります。".into()
        }
        Say::TimeoutMeaning { stage: Stage::TlsHandshake, .. } => String::from("接続後、‹Handshake›に返事がありません。暗号化しないサービスか、サーバーが応答できない可能性があります。"),
        Say::Port25ForServers => "25番はメールサーバーどうしの受け渡し用です。".into(),
        Say::Port25Blocked => "多くのプロバイダーは迷惑メール対策で外への25番を止めています。".into(),
        Say::SendOn587Or465 => "メールアプリから送るときは、587番か465番を使ってください。".into(),
        Say::NetworkMayBlockPorts => "会社、学校、ホテルなどのネットワークは一部のポートを止めることがあります。".into(),
        Say::AdminFirewallPort { port } => {
            format!("サーバーと手前のファイアウォールでポート{port}の許可を確かめてください。")
        }
        Say::CloudSecurityGroups => "クラウドなら、セキュリティグループとネットワークACLも確かめてください。".into(),
        Say::AdminServerProcess => "サーバーのプロセスと、負荷や異常をログで確かめてください。".into(),
        Say::PostfixGreetWait => "postscreenを使うなら、`postscreen_greet_wait` も確かめてください。".into(),
        Say::PostfixWrapperMode => "master.cf の465番のsubmissionsに `-o smtpd_tls_wrappermode=yes` を付け、`postfix reload` を実行してください。".into(),
        Say::DovecotImplicitListener => "`inet_listener imaps` と `pop3s` に `ssl = yes`、`ssl_cert`、`ssl_key` を設定し、`doveadm reload` を実行してください。".into(),

        // connection_reset
        Say::ResetHeadline => "サーバーとの接続が途中で切れました".into(),
        Say::ResetMeaning { how } => format!(
            "暗号化の開始中に{}。サーバーが暗号化の方式を受け付けないか、途中の‹Firewall›などが止めています。",
            match how {
                CutKind::Reset => "接続を切られました",
                CutKind::Closed => "何も返されずに閉じられました",
            }
        ),

        // wrong_protocol_on_port
        Say::TlsFromStartHeadline { port } => format!("ポート{port}は、最初から暗号化する方式で待っています"),
        Say::TlsFromStartMeaning { upgrade: Upgrade::Starttls } => String::from(
            "‹Starttls›で話しかけましたが、このポートは‹ImplicitTls›でした。",
        ),
        Say::TlsFromStartMeaning { upgrade: Upgrade::AuthTls } => String::from("FTPの命令（AUTH TLS）で暗号化しようとしましたが、このポートは‹ImplicitTls›でした。"),
        Say::EncryptionWorksDanger => "暗号化は使えます。「暗号化なし」は不要です。".into(),
        Say::SwitchToImplicit { app: App::Mail, port } => {
            format!("メールアプリで、ポート{port}の暗号化の方式を「SSL/TLS」にしてください。")
        }
        Say::SwitchToImplicit { app: App::Ftp, .. } => "FTPソフトで、暗号化の方式を「暗黙的なFTP over TLS」にしてください。".into(),
        Say::SwitchToImplicit { app: App::Other, .. } => "アプリを最初から暗号化する方式にしてください。".into(),
        Say::MatchProviderPairs => "または、案内どおりのポート番号と暗号化の方式にしてください。".into(),
        Say::PostfixNoWrapperOn587 => "master.cf の587番のsubmissionから `-o smtpd_tls_wrappermode=yes` を外してください。".into(),
        Say::DovecotSslOnlyOnImplicit => "`ssl = yes` は993番と995番の `inet_listener` にだけ付けてください。".into(),
        Say::AdminDocumentPairs => "案内に、ポート番号と暗号化の方式を組にして書いてください。".into(),
        Say::OtherServiceHeadline { port, seen } => {
            format!("ポート{port}では、別のサービス、{}が応答しています", f.cat.plaintext(*seen))
        }
        Say::OtherServiceMeaning { expected, seen } => format!(
            "{}のつもりが、{}が応答しました。ポート番号の設定が違うようです。",
            f.cat.starttls_protocol(*expected),
            f.cat.plaintext(*seen)
        ),
        Say::WrongServiceDanger => "設定を直すまで、パスワードを入力しないでください。".into(),
        Say::CompareWithInstructions { app } => format!(
            "{}のサーバー名とポート番号を、サービスの案内と見比べてください。",
            match app {
                App::Mail => "メールアプリ",
                App::Ftp => "FTPソフト",
                App::Other => "アプリ",
            }
        ),
        Say::AskForSettings => "分からなければ、管理者に正しい設定を聞いてください。".into(),
        Say::AdminWhatListens { port } => {
            format!("ポート{port}のサービスを `ss -ltnp` で確かめてください。")
        }
        Say::ServerLacksTlsHeadline { port } => format!("ポート{port}のサーバーが、暗号化せずに応答しています"),
        Say::ServerLacksTlsMeaning { port, seen } => format!(
            "{port}番は最初から暗号化するポートですが、サーバーは{}として応答しました。設定の誤りです。",
            f.cat.plaintext(*seen)
        ),
        Say::PlainDanger => "暗号化されないため、パスワードを入力しないでください。".into(),
        Say::TellAdminNoTls { port } => format!("管理者に、ポート{port}で暗号化が使えないことを伝えてください。"),
        Say::OtherPairMeanwhile => {
            "案内に別の組み合わせがあれば、直るまでそちらを使えます。".into()
        }
        Say::VsftpdImplicit => "vsftpdなら、990番の設定に `implicit_ssl=YES` を付けてください。".into(),
        Say::UpgradePortHeadline { port, upgrade: Upgrade::Starttls } => {
            format!("ポート{port}は、途中で暗号化に切り替えるポートです")
        }
        Say::UpgradePortHeadline { port, upgrade: Upgrade::AuthTls } => {
            format!("ポート{port}は、FTPの命令で暗号化に切り替えるポートです")
        }
        Say::UpgradePortMeaning { upgrade: Upgrade::Starttls, .. } => {
            String::from("最初から暗号化したため、‹Starttls›のポートと合いませんでした。")
        }
        Say::UpgradePortMeaning { upgrade: Upgrade::AuthTls, .. } => {
            "最初から暗号化したため、FTPの命令（AUTH TLS）で暗号化するポートと合いませんでした。".into()
        }
        Say::DontChooseNoEncryption => "「暗号化なし」は選ばないでください。".into(),
        Say::SwitchToUpgrade { app: App::Mail, port } => {
            format!("メールアプリで、ポート{port}の暗号化の方式を「STARTTLS」にしてください。")
        }
        Say::SwitchToUpgrade { app: App::Ftp, .. } => "FTPソフトで、暗号化の方式を「明示的なFTP over TLS」にしてください。".into(),
        Say::SwitchToUpgrade { app: App::Other, .. } => "アプリを途中で暗号化する方式にしてください。".into(),
        Say::HttpHeadline { port } => format!("ポート{port}では、暗号化されていないWebが応答しています"),
        Say::HttpMeaning => "サーバーはHTTPで応答しました。このポートではHTTPSが無効です。".into(),
        Say::CheckPortInAddress { port } => format!("アドレスの「:{port}」を確かめてください。"),
        Say::NginxEnableTls { port } => format!(
            "`listen {port} ssl;` のように `ssl` を付け、`ssl_certificate` と `ssl_certificate_key` を設定してください。"
        ),
        Say::ApacheEnableTls => "`<VirtualHost>` に `SSLEngine on`、`SSLCertificateFile`、`SSLCertificateKeyFile` を設定してください。".into(),
        Say::IisEnableTls => "サイトのバインドを種類httpsにし、証明書を選んでください。".into(),
        Say::NotTlsHeadline { port, seen } => {
            format!("ポート{port}では、暗号化を使わない{}が応答しています", f.cat.plaintext(*seen))
        }
        Say::NotTlsMeaning => "TLSを使わない別のサービスです。ポート番号が違うようです。".into(),
        Say::AdminTlsOrTellPort { port } => {
            format!("ポート{port}でTLSを使うか、正しいポート番号を案内してください。")
        }

        // handshake_failed
        Say::AlertHeadline(Alert::ProtocolVersion) => "サーバーが今のTLSのバージョンに対応していません".into(),
        Say::AlertHeadline(Alert::HandshakeFailure) => "サーバーと共通の暗号の方式がありません".into(),
        Say::AlertHeadline(Alert::InsufficientSecurity) => "サーバーが、より強い暗号の方式を求めています".into(),
        Say::AlertHeadline(Alert::BadRecordMac) => "暗号化したデータの検査に失敗しました".into(),
        Say::AlertHeadline(Alert::UnrecognizedName) => "このサーバーには、この名前のサイトがありません".into(),
        Say::AlertHeadline(Alert::InternalError) => "サーバーの内部でエラーが起きました".into(),
        Say::AlertHeadline(Alert::AccessDenied) => "サーバーが、この接続を許可していません".into(),
        Say::AlertHeadline(Alert::ClientCertificate) => "このサーバーは、利用者側の証明書を求めています".into(),
        Say::AlertHeadline(Alert::Malformed) => "暗号化のやりとりの形式が合いませんでした".into(),
        Say::AlertHeadline(Alert::Other) => "サーバーが暗号化の開始を断りました".into(),
        Say::AlertMeaning(Alert::ProtocolVersion) => hs("「TLSのバージョンが合わない」と断りました。古いTLS（1.0や1.1）だけの設定のようです。"),
        Say::AlertMeaning(Alert::HandshakeFailure) => hs("断りました。多くは、暗号の方式が一つも重ならないためです。"),
        Say::AlertMeaning(Alert::InsufficientSecurity) => hs("「暗号の強さが足りない」と断りました。"),
        Say::AlertMeaning(Alert::BadRecordMac) => "サーバーが、データの改ざん検査に失敗したと通知しました。TLSのバージョンや暗号の方式ではなく、途中の機器、ネットワークカード、TLSの不具合、通信の破損が原因です。".into(),
        Say::AlertMeaning(Alert::UnrecognizedName) => hs("「その名前のサイトはない」と通知しました。"),
        Say::AlertMeaning(Alert::InternalError) => hs("内部のエラーを通知しました。証明書や鍵を読めないなどの問題です。"),
        Say::AlertMeaning(Alert::AccessDenied) => hs("「許可されていない」と通知しました。接続元を制限しているようです。"),
        Say::AlertMeaning(Alert::ClientCertificate) => "サーバーが端末の証明書を求め、こちらにないため断りました。許可した端末だけを通す設定です。".into(),
        Say::AlertMeaning(Alert::Malformed) => hs("「形式が合わない」と通知しました。サーバーか途中の機器のTLSの不具合かもしれません。"),
        Say::AlertMeaning(Alert::Other) => hs("通知を送って断りました。名前は「根拠」にあります。"),
        Say::BrokenExchangeHeadline => "サーバーとの暗号化のやりとりが途中で壊れました".into(),
        Say::BrokenExchangeMeaning => String::from("‹Handshake›の途中で、TLSに合わないデータが届きました。別のサービスか、途中の機器が通信を書き換えている可能性があります。"),
        Say::DontSwitchToPlain => "暗号化なしに切り替えないでください。".into(),
        Say::UpdateApp => "ブラウザやアプリが古ければ、最新版に更新してください。".into(),
        Say::AskWhetherAllowed => "この場所や端末から使ってよいか、管理者に確かめてください。".into(),
        Say::OldDeviceFirmware => "古い機器（ルーター、NASなど）は、ファームウェアの更新で新しいTLSが使えることがあります。".into(),
        Say::AdminOffloadAndMiddlebox => "手前のロードバランサーやファイアウォールの設定とファームウェアを確かめてください。".into(),
        Say::AdminNicOffload => "ネットワークカードのオフロードを `ethtool -K` で切り、直るか確かめてください。".into(),
        Say::AdminUpdateTlsLibrary => "TLSのライブラリ（OpenSSLなど）とサーバーソフトを更新してください。".into(),
        Say::NginxServerName => format!("`server_name` に {} を含む `server` ブロックがあるか確かめてください。", f.host),
        Say::ApacheServerName => {
            format!("`ServerName` か `ServerAlias` に {} を含む `<VirtualHost *:443>` があるか確かめてください。", f.host)
        }
        Say::IisHostBinding => format!("ホスト名 {}、「SNI が必要」のhttpsバインドを確かめてください。", f.host),
        Say::AdminNameOnServer => "この名前のサイトをサーバーに加えてください。".into(),
        Say::AdminErrorLog => "サーバーのエラーログを確かめてください。".into(),
        Say::AdminAccessRules => "サーバーや手前の機器の接続元の制限を確かめてください。".into(),
        Say::AdminTlsServiceOnPort => "このポートのTLSの設定を確かめてください。".into(),

        // client_cert_required
        Say::ClientCertIssuers { issuers } => format!("受け付ける発行元は「{}」です。", issuers.join("」「")),
        Say::ClientCertOptionalHeadline => "このサーバーは利用者の証明書を求めますが、任意です".into(),
        Say::ClientCertOptionalMeaning => "証明書がなくても、サーバーは普通に応答しました。証明書なしで使えます。".into(),
        Say::ClientCertOptionalAdmin => "意図どおりなら変更は不要です。証明書を必須にするなら、クライアント証明書の確認を必須にしてください。".into(),
        Say::ClientCertDanger => "設定どおりの動きで、危険はありません。".into(),
        Say::InstallClientCert => {
            String::from("社内や学校のシステムなら、案内どおり‹ClientCertificate›を入れてください。")
        }
        Say::ClientCertExpiry => "入れても接続できなければ、期限を確かめ、管理者に連絡してください。".into(),
        Say::PublicSiteNoClientCert => "公開のサービスなら、クライアント証明書を求めないでください。".into(),
        Say::NginxNoClientCert => "`ssl_verify_client off;`（任意にするなら `optional`）".into(),
        Say::ApacheNoClientCert => "`SSLVerifyClient none`（任意にするなら `optional`）".into(),
        Say::IisNoClientCert => "「SSL設定」でクライアント証明書を「無視」にしてください。".into(),
        Say::PostfixNoClientCert => "main.cf で `smtpd_tls_req_ccert = no` にし、`postfix reload` を実行してください。".into(),
        Say::DovecotNoClientCert => "`ssl_verify_client_cert = no`（Dovecot 2.3）にし、`doveadm reload` を実行してください。".into(),

        // refused_by_policy
        Say::RefusedProbesOff => "サーバーの確認は、組織の設定で止められています".into(),
        Say::RefusedPort { port } => format!("ポート{port}の確認は、組織の設定で許可されていません"),
        Say::RefusedProtocol { starttls } => format!(
            "{}での確認は、組織の設定で許可されていません",
            starttls.map_or("SSL/TLS", |p| f.cat.starttls_protocol(p))
        ),
        Say::RefusedHost { host } => format!("{host}の確認は、組織の設定で禁止されています"),
        Say::RefusedHostNotListed { host } => format!("{host}は、確認してよいサーバーに入っていません"),
        Say::RefusedPrivate { address } => format!(
            "社内や家庭のアドレス（{}）の確認は許可されていません",
            address.map(ToString::to_string).unwrap_or_default()
        ),
        Say::RefusedRate => "確認の回数が組織の上限に達しました".into(),
        Say::RefusedPolicyUnreadable => "設定ファイルを読み取れないため、確認を止めています".into(),
        Say::LimitSetHere { source } => format!(
            "サーバーにはつないでいません。{}の管理者の制限です。",
            match source {
                LimitSource::HostPolicy => "この端末",
                LimitSource::ManagedSettings => "ブラウザ",
            }
        ),
        Say::StateUnknownDanger => "サーバーの状態は分かりません。".into(),
        Say::AskHelpDesk => "必要なら、組織のヘルプデスクに相談してください。".into(),
        Say::WaitSeconds { seconds } => {
            format!("{}ほど待って、もう一度試してください。", f.cat.seconds(seconds.saturating_mul(1000)))
        }
        Say::PolicyFileFix => "policy.json を64 KiB以下の正しいJSONに直し、`tls-doctor policy` で確かめてください。".into(),
        Say::PolicyKey { key } => format!("policy.json の `{key}` で決まっています。`tls-doctor policy` で確かめられます。"),
        Say::ManagedSettingKey { key } => format!("ブラウザの拡張機能のポリシーの `{key}` で決まっています。"),
    }
}
