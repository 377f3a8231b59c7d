//! 接続まで(日本語)。英語版は `en.rs`。

use super::{Alert, App, Say, Upgrade};
use crate::explain::Fmt;
use crate::wire::{CutKind, DnsError, PolicySource, Stage};

pub(crate) fn say(s: &Say<'_>, f: &Fmt<'_>) -> String {
    match s {
        // ok
        Say::OkHeadline => "暗号化された接続に問題は見つかりませんでした".into(),
        Say::OkMeaning { version } => {
            format!("サーバーは正しい‹Certificate›を示し、{version}で安全に接続できました。")
        }
        Say::OkDaysLeft { days } => format!("証明書の有効期限まで、あと{days}日です。"),
        Say::OkExpiresToday => "証明書の有効期限は今日までです。".into(),
        Say::OkBrowserSameCertificate => "ブラウザが受け取った証明書も、同じものでした。".into(),
        Say::OkDanger => "今の時点では、この接続を安心して使えます。".into(),
        Say::NothingToDo => "特にすることはありません。".into(),
        Say::OkStillAnError => {
            "ブラウザやメールアプリでまだエラーが出る場合は、端末の日付と時刻が正しいか確かめてください。".into()
        }
        Say::CertbotTimer => "証明書の自動更新が動いているか、ときどき確かめてください。`systemctl list-timers certbot.timer` でタイマーが表示されれば動いています。".into(),

        // dns_failure
        Say::DnsHeadline { host } => format!("「{host}」の接続先が見つかりません"),
        Say::DnsMeaning { error, host } => match error {
            DnsError::NoSuchHost => {
                format!("‹Dns›に問い合わせたところ、「{host}」という名前は登録されていませんでした。")
            }
            DnsError::NoAddress => {
                format!("「{host}」という名前は‹Dns›にありますが、接続先のIPアドレスが登録されていません。")
            }
            DnsError::TemporaryFailure => String::from("‹Dns›から答えが得られませんでした。ネットワークか、DNSのサーバーに一時的な問題がある可能性があります。"),
            DnsError::TimedOut => String::from("‹Dns›に問い合わせましたが、時間内に答えが返ってきませんでした。"),
            DnsError::Other => format!("‹Dns›で「{host}」を調べることができませんでした。"),
        },
        Say::CheckSpelling => "アドレスのつづりを確かめてください。".into(),
        Say::BewareLookalikes => "つづりの似た偽のサイトには注意してください。".into(),
        Say::CheckOtherSites => {
            "ほかのサイトが開けるか試してください。開けない場合は、ネットワークの接続に問題がある可能性が高いです。".into()
        }
        Say::CompanyServerNeedsVpn => {
            String::from("社内のサーバーは、社内のネットワークや‹Vpn›からしか見つからないことがあります。")
        }
        Say::DnsRecords { host } => format!(
            "DNSにAレコードとAAAAレコードが登録されているか、`dig {host} A` と `dig {host} AAAA` で確かめてください。"
        ),
        Say::DnsDomainExpiry => "ドメインの有効期限と、ネームサーバー（NSレコード）の設定も確かめてください。".into(),

        // host_unreachable
        Say::UnreachableHeadline { address } => format!("サーバー（{address}）まで通信が届きません"),
        Say::UnreachableMeaning { address } => format!(
            "この端末から{address}へ向かう経路が見つかりませんでした。ネットワークにつながっていないか、途中の機器が「届かない」と返しています。"
        ),
        Say::CheckConnected => "ネットワークにつながっているか確かめてください。".into(),
        Say::ConnectVpnFirst => String::from("社内のサーバーの場合は、‹Vpn›につないでから試してください。"),
        Say::ServerRunningAndRoutes => {
            "サーバーが起動しているか、経路（ルーティング）とファイアウォールの設定を確かめてください。".into()
        }
        Say::Ipv6Reachable => {
            "AAAAレコード（IPv6のアドレス）を公開している場合は、IPv6でも実際に届くか確かめてください。".into()
        }

        // port_closed
        Say::PortClosedHeadline { port } => format!("ポート{port}で接続を受け付けていません"),
        Say::PortClosedMeaning { address, port } => format!("サーバー（{address}）には届きましたが、{port}番の‹Port›で待ち受けているサービスがなく、接続を断られました。"),
        Say::CheckAddressAndPort => "アドレスとポート番号が正しいか確かめてください。".into(),
        Say::MailAppPortAsDocumented => "メールアプリのポート番号が、サービスの案内と同じか確かめてください。".into(),
        Say::ServerRestarting => "サーバーが再起動中かもしれません。しばらくしてから、もう一度試してください。".into(),
        Say::AdminListening { port } => {
            format!("ポート{port}で待ち受けているか、サーバー上で `ss -ltnp` を実行して確かめてください。")
        }
        Say::NginxListen { port } => {
            format!("`listen {port} ssl;` の行があるか確かめ、`nginx -t` のあとで `systemctl reload nginx` を実行してください。")
        }
        Say::ApacheListen { port } => format!("`Listen {port}` と `<VirtualHost *:{port}>` の設定を確かめてください。"),
        Say::IisBinding { port } => format!("サイトのバインドに、種類 https・ポート{port}の行があるか確かめてください。"),
        Say::PostfixListen { port } => format!(
            "master.cf に{port}番のサービス（25番は smtp、465番は smtps、587番は submission）があり、先頭の # が外れているか確かめ、`postfix reload` を実行してください。"
        ),
        Say::DovecotListen { port } => format!(
            "`protocols` に imap や pop3 があり、dovecot.conf の `inet_listener` に `port = {port}` があるか確かめ、`doveadm reload` を実行してください。"
        ),
        Say::FirewallAllows => "ファイアウォールがこのポートを拒否していないかも確かめてください。".into(),

        // timeout_filtered
        Say::TimeoutHeadline { stage: Stage::Connect, port } => format!("ポート{port}のサーバーから応答がありません"),
        Say::TimeoutHeadline { stage: Stage::Greeting, port } => {
            format!("ポート{port}のサーバーが最初のあいさつを送ってきません")
        }
        Say::TimeoutHeadline { stage: Stage::TlsHandshake, port } => {
            format!("ポート{port}のサーバーが暗号化の開始に応答しません")
        }
        Say::TimeoutMeaning { stage: Stage::Connect, port } => format!("ポート{port}に接続しようとしましたが、応答がありませんでした。途中の‹Firewall›が通信を止めているか、サーバーが止まっている可能性があります。"),
        Say::TimeoutMeaning { stage: Stage::Greeting, .. } => {
            "接続はできましたが、サーバーが最初のあいさつを送ってきませんでした。最初から暗号化する方式でも、応答はありませんでした。サーバーが混み合っているか、止まりかけている可能性があります。".into()
        }
        Say::TimeoutMeaning { stage: Stage::TlsHandshake, .. } => String::from("接続はできましたが、‹Handshake›に返事がありませんでした。このポートで暗号化を使わないサービスが動いているか、サーバーが応答できない状態の可能性があります。"),
        Say::Port25ForServers => "25番は、メールサーバーどうしが受け渡しに使うポートです。".into(),
        Say::Port25Blocked => {
            "多くのプロバイダーは、迷惑メール対策のため、家庭や会社から外の25番への接続を止めています。".into()
        }
        Say::SendOn587Or465 => "メールアプリから送るときは、587番か465番を使ってください。".into(),
        Say::NetworkMayBlockPorts => {
            "会社、学校、ホテルなどのネットワークでは、一部のポートが止められていることがあります。".into()
        }
        Say::AdminFirewallPort { port } => {
            format!("サーバーと、その手前のファイアウォールで、ポート{port}への通信が許可されているか確かめてください。")
        }
        Say::CloudSecurityGroups => "クラウドの場合は、セキュリティグループやネットワークACLの設定も確かめてください。".into(),
        Say::AdminServerProcess => "サーバーのプロセスが動いているか、ログに異常がないか確かめてください。".into(),
        Say::PostfixGreetWait => {
            "postscreen を使っている場合は、`postscreen_greet_wait` などの待ち時間の設定も確かめてください。".into()
        }
        Say::AdminTlsOnPort { port } => {
            format!("ポート{port}で動いているサービスが、TLSを使う設定になっているか確かめてください。")
        }
        Say::NginxSslListen { port } => format!("`listen {port} ssl;` のように `ssl` が付いているか確かめてください。"),
        Say::ApacheSslEngine => "このポートの `<VirtualHost>` に `SSLEngine on` があるか確かめてください。".into(),
        Say::IisHttpsBinding => "サイトのバインドの種類が https になっているか確かめてください。".into(),
        Say::PostfixWrapperMode => "465番で最初から暗号化するには、master.cf の submissions（smtps）サービスに `-o smtpd_tls_wrappermode=yes` を付け、`postfix reload` を実行してください。".into(),
        Say::DovecotImplicitListener => "993番は `inet_listener imaps`、995番は `inet_listener pop3s` に `ssl = yes` を付け、`ssl_cert` と `ssl_key` を設定して、`doveadm reload` を実行してください。".into(),
        Say::AdminLoadAndLogs => "サーバーの負荷や、プロセスが止まっていないかをログで確かめてください。".into(),

        // connection_reset
        Say::ResetHeadline => "サーバーとの接続が途中で切れました".into(),
        Say::ResetMeaning { how: CutKind::Reset } => String::from("暗号化を始める途中で、接続を強制的に切られました。サーバーがこちらの暗号化の方式を受け付けないか、途中の‹Firewall›などの機器が通信を止めている可能性があります。"),
        Say::ResetMeaning { how: CutKind::Closed } => String::from("暗号化を始める途中で、何も返されずに接続を閉じられました。サーバーがこちらの暗号化の方式を受け付けないか、途中の‹Firewall›などの機器が通信を止めている可能性があります。"),
        Say::NoConnectionDanger => "接続はできていないため、情報は漏れていません。暗号化なしに切り替えないでください。".into(),
        Say::TryAnotherNetworkNow => "別のネットワーク（スマートフォンのテザリングなど）で試してください。".into(),
        Say::TryAgainNow => "もう一度試してください。".into(),
        Say::AdminHandshakeLog => "サーバーのエラーログで、ハンドシェイクが失敗した理由を確かめてください。".into(),
        Say::NginxProtocols => {
            "`ssl_protocols TLSv1.2 TLSv1.3;` のように、今のブラウザが使う TLS 1.2 と TLS 1.3 を許可してください。".into()
        }
        Say::ApacheProtocols => "`SSLProtocol -all +TLSv1.2 +TLSv1.3` のように、TLS 1.2 と TLS 1.3 を許可してください。".into(),
        Say::IisTls12 => "Windows Server で TLS 1.2 が有効になっているか（レジストリの SCHANNEL の設定）を確かめてください。".into(),
        Say::PostfixProtocols => "main.cf で `smtpd_tls_protocols = >=TLSv1.2` と `smtpd_tls_mandatory_protocols = >=TLSv1.2` を設定し、`postfix reload` を実行してください（Postfix 3.6 以降）。".into(),
        Say::DovecotMinProtocol => "`ssl_min_protocol = TLSv1.2` を設定し、`doveadm reload` を実行してください。".into(),
        Say::MiddleboxCuts => "手前にあるロードバランサーやファイアウォールが、接続を切っていないか確かめてください。".into(),

        // wrong_protocol_on_port
        Say::TlsFromStartHeadline { port } => format!("ポート{port}は、最初から暗号化する方式で待っています"),
        Say::TlsFromStartMeaning { upgrade: Upgrade::Starttls } => String::from("‹Starttls›で話しかけましたが、このポートは‹ImplicitTls›で待っていました。暗号化そのものは使えます。アプリの暗号化の方式の設定が、ポートと合っていません。"),
        Say::TlsFromStartMeaning { upgrade: Upgrade::AuthTls } => String::from("FTPの命令（AUTH TLS）で途中から暗号化するつもりで話しかけましたが、このポートは‹ImplicitTls›で待っていました。暗号化そのものは使えます。FTPソフトの暗号化の方式の設定が、ポートと合っていません。"),
        Say::EncryptionWorksDanger => "暗号化は使えます。「暗号化なし」に変える必要はありません。".into(),
        Say::SwitchToImplicit { app: App::Mail, port } => {
            format!("メールアプリで、ポート{port}の暗号化の方式を「SSL/TLS」に変えてください。")
        }
        Say::SwitchToImplicit { app: App::Ftp, .. } => {
            "FTPソフトで、暗号化の方式を「暗黙的なFTP over TLS」に変えてください。".into()
        }
        Say::SwitchToImplicit { app: App::Other, .. } => {
            "アプリの暗号化の設定を、最初から暗号化する方式に変えてください。".into()
        }
        Say::MatchProviderPairs => "または、サービスの案内にあるポート番号と暗号化の方式の組み合わせに合わせてください。".into(),
        Say::PostfixNoWrapperOn587 => "587番（submission）は STARTTLS 用です。master.cf の submission サービスに `-o smtpd_tls_wrappermode=yes` が付いていたら外し、最初から暗号化するのは465番だけにしてください。".into(),
        Say::DovecotSslOnlyOnImplicit => "143番（imap）と110番（pop3）の `inet_listener` には `ssl = yes` を付けず、993番（imaps）と995番（pop3s）にだけ付けてください。".into(),
        Say::AdminDocumentPairs => "利用者への案内に、ポート番号と暗号化の方式を組み合わせて書いてください。".into(),
        Say::OtherServiceHeadline { port, seen } => {
            format!("ポート{port}では、別のサービス、{}が応答しています", f.cat.plaintext(*seen))
        }
        Say::OtherServiceMeaning { expected, seen } => format!(
            "{}のつもりで接続しましたが、返事をしたのは{}でした。ポート番号の設定が違っている可能性が高いです。",
            f.cat.starttls_protocol(*expected),
            f.cat.plaintext(*seen)
        ),
        Say::WrongServiceDanger => "設定を直すまで、パスワードを入力しないでください。".into(),
        Say::CompareWithInstructions { app: App::Mail } => {
            "メールアプリのサーバー名とポート番号を、サービスの案内と見比べてください。".into()
        }
        Say::CompareWithInstructions { app: App::Ftp } => {
            "FTPソフトのサーバー名とポート番号を、サービスの案内と見比べてください。".into()
        }
        Say::CompareWithInstructions { app: App::Other } => {
            "アプリのサーバー名とポート番号を、サービスの案内と見比べてください。".into()
        }
        Say::AskForSettings => "分からない場合は、サービスの管理者に正しい設定を確かめてください。".into(),
        Say::AdminWhatListens { port } => {
            format!("ポート{port}で待ち受けているサービスが、案内しているものと同じか確かめてください。`ss -ltnp` で分かります。")
        }
        Say::ServerLacksTlsHeadline { port } => format!("ポート{port}のサーバーが、暗号化せずに応答しています"),
        Say::ServerLacksTlsMeaning { port, seen } => format!(
            "{port}番は、最初から暗号化するためのポートです。ところが、サーバーは暗号化せずに{}として応答しました。サーバー側の設定の誤りです。",
            f.cat.plaintext(*seen)
        ),
        Say::PlainDanger => "暗号化されないため、このポートでパスワードを送らないでください。".into(),
        Say::TellAdminNoTls { port } => {
            format!("サービスの管理者に、ポート{port}で暗号化が使えないことを伝えてください。")
        }
        Say::OtherPairMeanwhile => {
            "サービスの案内に、途中で暗号化に切り替えるポートなど別の組み合わせがあれば、直るまでそちらを使えます。".into()
        }
        Say::VsftpdImplicit => "990番は最初から暗号化するFTP（implicit FTPS）のポートです。vsftpd なら、990番で待ち受ける設定に `implicit_ssl=YES` を付けてください。".into(),
        Say::UpgradePortHeadline { port, upgrade: Upgrade::Starttls } => {
            format!("ポート{port}は、途中で暗号化に切り替えるポートです")
        }
        Say::UpgradePortHeadline { port, upgrade: Upgrade::AuthTls } => {
            format!("ポート{port}は、FTPの命令で暗号化に切り替えるポートです")
        }
        Say::UpgradePortMeaning { port, upgrade: Upgrade::Starttls } => format!("{port}番は、‹Starttls›で暗号化するポートです。最初から暗号化して接続したため、話が合いませんでした。"),
        Say::UpgradePortMeaning { port, upgrade: Upgrade::AuthTls } => format!(
            "{port}番は、暗号化せずに話し始め、FTPの命令（AUTH TLS）で暗号化に切り替えるポートです。最初から暗号化して接続したため、話が合いませんでした。"
        ),
        Say::DontChooseNoEncryption => "「暗号化なし」は選ばないでください。パスワードが読める形で送られます。".into(),
        Say::SwitchToUpgrade { app: App::Mail, port } => {
            format!("メールアプリで、ポート{port}の暗号化の方式を「STARTTLS」に変えてください。")
        }
        Say::SwitchToUpgrade { app: App::Ftp, .. } => {
            "FTPソフトで、暗号化の方式を「明示的なFTP over TLS」に変えてください。".into()
        }
        Say::SwitchToUpgrade { app: App::Other, .. } => {
            "アプリの暗号化の設定を、途中で暗号化に切り替える方式に変えてください。".into()
        }
        Say::HttpHeadline { port } => format!("ポート{port}では、暗号化されていないWebが応答しています"),
        Say::HttpMeaning => "暗号化して接続しようとしましたが、サーバーは暗号化しないWeb（HTTP）で応答しました。このポートでは、暗号化したWeb（HTTPS）が有効になっていません。".into(),
        Say::HttpDanger => "暗号化されないため、パスワードやカード番号を入力しないでください。".into(),
        Say::TellSiteNoHttps => "サイトの管理者に、このポートでHTTPSが使えないことを伝えてください。".into(),
        Say::CheckPortInAddress { port } => format!("アドレスの「:{port}」の部分（ポート番号）が正しいか確かめてください。"),
        Say::NginxEnableTls { port } => format!(
            "`listen {port} ssl;` のように `ssl` を付け、`ssl_certificate` と `ssl_certificate_key` を設定してください。"
        ),
        Say::ApacheEnableTls => "このポートの `<VirtualHost>` で `SSLEngine on` を設定し、`SSLCertificateFile` と `SSLCertificateKeyFile` を指定してください。".into(),
        Say::IisEnableTls => "サイトのバインドで、種類を https にして証明書を選んでください。".into(),
        Say::NotTlsHeadline { port, seen } => {
            format!("ポート{port}では、暗号化を使わない{}が応答しています", f.cat.plaintext(*seen))
        }
        Say::NotTlsMeaning => "暗号化して接続しようとしましたが、このポートでは暗号化を使わない別のサービスが応答しました。ポート番号が違っている可能性が高いです。".into(),
        Say::CheckPortNumber => "接続先のポート番号が正しいか確かめてください。".into(),
        Say::AskForPort => "分からない場合は、サービスの管理者に正しいポート番号を確かめてください。".into(),
        Say::AdminTlsOrTellPort { port } => {
            format!("ポート{port}で待ち受けるサービスをTLSを使う設定にするか、利用者に正しいポート番号を案内してください。")
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
        Say::AlertMeaning(Alert::ProtocolVersion) => String::from("‹Handshake›の途中で、サーバーが「TLSのバージョンが合わない」と通知して接続を断りました。サーバーが古いTLS（1.0や1.1）しか使えない設定の可能性が高いです。"),
        Say::AlertMeaning(Alert::HandshakeFailure) => String::from("‹Handshake›の途中で、サーバーが接続を断りました。多くの場合、サーバーとこちらで使える暗号の方式が一つも重なっていません。"),
        Say::AlertMeaning(Alert::InsufficientSecurity) => String::from("‹Handshake›の途中で、サーバーが「暗号の強さが足りない」と通知して接続を断りました。サーバーが、こちらの使えない暗号の方式だけを求めています。"),
        Say::AlertMeaning(Alert::BadRecordMac) => "サーバーが、受け取ったデータの改ざん検査に失敗したと通知してきました。TLSのバージョンや暗号の方式の問題ではありません。途中の機器やネットワークカードの処理の不具合、サーバーのTLSの不具合、通信途中でのデータの破損がよくある原因です。".into(),
        Say::AlertMeaning(Alert::UnrecognizedName) => String::from("‹Handshake›の途中で、サーバーが「その名前のサイトはない」と通知してきました。サーバーに、この名前のサイトが設定されていません。"),
        Say::AlertMeaning(Alert::InternalError) => String::from("‹Handshake›の途中で、サーバーが内部のエラーを通知して接続を断りました。証明書や鍵を読めないなど、サーバー側の問題です。"),
        Say::AlertMeaning(Alert::AccessDenied) => String::from("‹Handshake›の途中で、サーバーが「接続が許可されていない」と通知してきました。接続元の場所や端末を制限している可能性があります。"),
        Say::AlertMeaning(Alert::ClientCertificate) => "サーバーが、接続する人や端末の証明書を求めましたが、こちらに証明書がなかったため、接続を断りました。".into(),
        Say::AlertMeaning(Alert::Malformed) => String::from("‹Handshake›の途中で、サーバーが「やりとりの形式が合わない」と通知してきました。サーバーや途中の機器のTLSの不具合の可能性があります。"),
        Say::AlertMeaning(Alert::Other) => String::from("‹Handshake›の途中で、サーバーが通知を送って接続を断りました。通知の名前は「根拠」の欄にあります。"),
        Say::BrokenExchangeHeadline => "サーバーとの暗号化のやりとりが途中で壊れました".into(),
        Say::BrokenExchangeMeaning => String::from("‹Handshake›の途中で、サーバーからTLSの決まりに合わないデータが返ってきました。このポートで別のサービスが動いているか、途中の機器が通信を書き換えている可能性があります。"),
        Say::DontSwitchToPlain => "接続はできていません。暗号化なしに切り替えないでください。".into(),
        Say::UpdateApp => "ブラウザやアプリが古い場合は、最新版に更新してから試してください。".into(),
        Say::AskWhetherAllowed => "この場所や端末から使ってよいサービスか、サービスの管理者に確かめてください。".into(),
        Say::NginxCiphers => "`ssl_ciphers` に ECDHE と AES-GCM（または ChaCha20）の組み合わせを含めてください。".into(),
        Say::ApacheCiphers => "`SSLCipherSuite` に ECDHE と AES-GCM の組み合わせを含めてください。".into(),
        Say::IisCiphers => "グループポリシーの「SSL 暗号の順位」に、ECDHE と AES-GCM の組み合わせが入っているか確かめてください。".into(),
        Say::PostfixCiphers => "main.cf で `smtpd_tls_mandatory_ciphers = high` と `smtpd_tls_ciphers = high` を設定し、`postfix reload` を実行してください。".into(),
        Say::DovecotCiphers => "`ssl_cipher_list` を既定値に戻すか、ECDHE と AES-GCM の組み合わせを含めて、`doveadm reload` を実行してください。".into(),
        Say::OldDeviceFirmware => "古い機器（ルーター、NAS、プリンターなど）の場合は、ファームウェアを更新すると新しいTLSが使えるようになることがあります。".into(),
        Say::AdminOffloadAndMiddlebox => "手前のロードバランサーや、TLSを代わりに処理する機器があれば、そのファームウェアと設定を確かめてください。".into(),
        Say::AdminNicOffload => "サーバーのネットワークカードの処理の肩代わり（TSO・GSO・チェックサムのオフロード）を `ethtool -K` で一時的に切り、直るか確かめてください。".into(),
        Say::AdminUpdateTlsLibrary => "サーバーのTLSのライブラリ（OpenSSL など）とサーバーソフトを更新してください。".into(),
        Say::NginxServerName => format!("`server_name` に {} を含む `server` ブロックがあるか確かめてください。", f.host),
        Say::ApacheServerName => {
            format!("`ServerName` か `ServerAlias` に {} を含む `<VirtualHost *:443>` があるか確かめてください。", f.host)
        }
        Say::IisHostBinding => {
            format!("ホスト名 {}、「SNI が必要」付きの https バインドがあるか確かめてください。", f.host)
        }
        Say::AdminNameOnServer => "接続先の名前のサイト（またはその証明書）を、サーバーの設定に加えてください。".into(),
        Say::AdminErrorLog => "サーバーのエラーログで、接続を断った理由を確かめてください。".into(),
        Say::AdminAccessRules => "サーバーや手前の機器の接続元の制限（許可するIPアドレスなど）を確かめてください。".into(),
        Say::AdminTlsServiceOnPort => "このポートで、TLSを使うサービスが待ち受けているか確かめてください。".into(),

        // client_cert_required
        Say::ClientCertHeadline => "このサーバーは、利用者側の証明書を求めています".into(),
        Say::ClientCertMeaning => "サーバーが、接続する人や端末の証明書を求めましたが、こちらに証明書がなかったため、接続を断りました。社内システムなどで、許可した端末だけが使えるようにするための設定です。".into(),
        Say::ClientCertDanger => "サーバーの設定どおりの動きです。危険な状態ではありません。".into(),
        Say::InstallClientCert => {
            String::from("社内や学校のシステムなら、案内に従って‹ClientCertificate›を入れてください。")
        }
        Say::ClientCertExpiry => {
            "証明書を入れたのに接続できない場合は、その有効期限を確かめ、システムの管理者に連絡してください。".into()
        }
        Say::PublicSiteNoClientCert => "一般に公開するサービスなら、クライアント証明書を求める設定を外してください。".into(),
        Say::NginxNoClientCert => "`ssl_verify_client off;`（任意にするなら `optional`）".into(),
        Say::ApacheNoClientCert => "`SSLVerifyClient none`（任意にするなら `optional`）".into(),
        Say::IisNoClientCert => "サイトの「SSL設定」で、クライアント証明書を「無視」にします。".into(),
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
            "社内や家庭のアドレス（{}）の確認は、許可されていません",
            address.map(ToString::to_string).unwrap_or_default()
        ),
        Say::RefusedRate => "確認の回数が、組織の設定の上限に達しました".into(),
        Say::RefusedPolicyUnreadable => "設定ファイルを読み取れないため、確認を止めています".into(),
        Say::LimitSetHere { source: PolicySource::HostPolicy } => {
            "診断ツールは、サーバーにつないでいません。この制限は、この端末の管理者が決めたものです。".into()
        }
        Say::LimitSetHere { source: PolicySource::ExtensionPolicy } => {
            "診断ツールは、サーバーにつないでいません。この制限は、ブラウザの管理者が決めたものです。".into()
        }
        Say::StateUnknownDanger => "サーバーの状態は分かりません。問題がないという意味ではありません。".into(),
        Say::AskHelpDesk => "必要なときは、組織の問い合わせ先（社内のヘルプデスクなど）に相談してください。".into(),
        Say::WaitSeconds { seconds } => {
            format!("{}ほど待ってから、もう一度試してください。", f.cat.seconds(seconds.saturating_mul(1000)))
        }
        Say::PolicyFileFix => "設定ファイル（policy.json）を、正しいJSONで64 KiB以下に直してください。`tls-doctor policy` で確かめられます。".into(),
        Say::PolicyKey { key } => {
            format!("診断ツールの設定ファイル（policy.json）の `{key}` で決まっています。`tls-doctor policy` で確かめられます。")
        }
        Say::ExtensionPolicyKey { key } => {
            format!("ブラウザの管理設定（拡張機能のポリシー）の `{key}` にあたる項目で決まっています。")
        }
    }
}
