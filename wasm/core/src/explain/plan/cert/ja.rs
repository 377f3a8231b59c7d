//! サーバーの証明書(日本語)。

use super::Say;
use crate::explain::Fmt;

/// 管理者向けの例で、名前が分からないときに入れる言葉。
fn name(host: &str) -> &str {
    if host.is_empty() { "名前" } else { host }
}

pub(crate) fn say(s: &Say<'_>, f: &Fmt<'_>) -> String {
    let c = f.cat;
    match s {
        // 見出し
        Say::ExpiredHeadline => "サーバーの証明書の有効期限が切れています".into(),
        Say::NotYetValidHeadline => "サーバーの証明書は、まだ有効期間の前です".into(),
        Say::IntermediateExpiredHeadline => "中間証明書の有効期限が切れています".into(),
        Say::ExpiringSoonHeadline { days_left } => format!("証明書の有効期限が近づいています（{}）", c.days_left(*days_left)),
        Say::NameMismatchHeadline { requested } => format!("証明書が「{requested}」用ではありません"),
        Say::SelfSignedHeadline => "サーバーの証明書は、サーバー自身が発行したものです".into(),
        Say::UnknownIssuerHeadline => "証明書の発行元が信頼されていません".into(),
        Say::IncompleteChainHeadline => "サーバーが中間証明書を送っていません".into(),
        Say::ChainInvalidHeadline => "サーバーの証明書を確かめられませんでした".into(),
        Say::SniDefaultHeadline => "サイト名を伝えない接続には、別の証明書が返ります".into(),
        Say::CrossSignHeadline => "期限切れの古い証明書も一緒に送っています".into(),
        Say::InternalMissingHeadline => "この端末に、組織の認証局が登録されていません".into(),
        Say::InternalMaybeMissingHeadline => "この端末に、組織の認証局が登録されていないようです".into(),
        Say::InternalBrowserIgnoresHeadline => "このブラウザが、組織の認証局を信頼していません".into(),

        // 危険性
        Say::FakeSiteRisk => "偽のサイトと見分けがつきません。パスワードやカード番号を入力しないでください。".into(),
        Say::MailPasswordRisk => "偽のサーバーに、メールのパスワードを盗まれるおそれがあります。".into(),
        Say::OtherServiceRisk => "接続先が本物か確かめられません。パスワードを送らないでください。".into(),
        Say::SelfSignedRisk => "偽のサーバーも、同じような証明書を自分で作れます。".into(),
        Say::ChainFineRisk => "証明書は正しく、情報が漏れる心配はありません。".into(),
        Say::ChainFineMailRisk => "証明書は正しいものです。SSLなしに変えると、パスワードが読まれるおそれがあります。".into(),
        Say::SafeNow => "今は問題なく、安心して使えます。".into(),
        Say::SafeInBrowsers => "今のブラウザからは、安心して使えます。".into(),
        Say::InternalRisk => "登録が足りないだけの可能性が高いですが、本物のサイトかは確かめられません。".into(),

        // 意味
        Say::ExpiredMeaning { days_ago } => format!("‹Certificate›には有効期限があります。このサーバーの証明書の期限が切れたのは{}です。期限が切れた証明書では、接続先が本物か確かめられません。", c.days_ago(*days_ago)),
        Say::NotYetValidMeaning { days_until } => format!("このサーバーの‹Certificate›は、{}に有効になる設定です。今はまだ有効期間の前のため、正しい証明書として扱われません。", if *days_until <= 0 { "1日以内".to_owned() } else { format!("{days_until}日後") }),
        Say::DatesMeasured => "この日付は、サーバーが送ってきた証明書をTLS Doctorが調べたものです。".into(),
        Say::IntermediateExpiredMeaning { subject, days_ago } => format!("‹Intermediate›「{subject}」の期限が切れたのは{}です。サーバーの証明書が有効でも、間をつなぐ証明書が切れていると、全体が信頼されません。", c.days_ago(*days_ago)),
        Say::ExpiringSoonMeaning => String::from("このサーバーの‹Certificate›は、今は問題なく使えます。期限までに更新しないと、接続できなくなります。"),
        Say::NamesListed { names, requested } => format!("‹Certificate›には、使ってよいサイトの名前が書かれています。この証明書にある名前は「{}」で、接続先の「{requested}」は含まれていません。", f.list(names)),
        Say::CnOnly { requested } => format!("‹Certificate›には、使ってよいサイトの名前が書かれています。この証明書には今の方式の名前の欄（SAN）がなく、古い方式の欄（CN）にだけ名前があります。今のブラウザはCNを見ないため、「{requested}」用の証明書とは認めません。"),
        Say::WildcardNotBare { wildcard, requested } => format!("「{wildcard}」の「*」は‹Wildcard›で、前に付く一段分の名前だけを表します。「{requested}」そのものは含まれません。"),
        Say::WildcardOneLevel { wildcard, requested } => format!("「{wildcard}」の「*」は‹Wildcard›で、一段分の名前だけを表します。「{requested}」のように二段以上深い名前は含まれません。"),
        Say::WwwVariant { covered } => {
            format!("「{covered}」は含まれていますが、「www.」の有る無しは別の名前として扱われます。")
        }
        Say::SharedHostName => "レンタルサーバーのメールでは、自分のドメインではなく、サービスが決めたサーバー名を入れる必要があることがあります。".into(),
        Say::SelfSignedMeaning { subject } => format!("証明書はふつう、‹Ca›が発行します。この証明書「{subject}」は、サーバーが自分で発行したもの（自己署名）です。第三者が確かめていないため、本物かどうかを判断できません。"),
        Say::UnknownIssuerMeaning { issuer } => format!("‹Certificate›は、ブラウザやOSに登録された‹RootCertificate›までたどれる必要があります。この証明書の発行元「{issuer}」は、Mozillaの信頼リストにも、この端末の信頼リストにも入っていません。社内専用の‹Ca›か、セキュリティソフトや社内の‹Proxy›が通信の途中で証明書を差し替えているのかもしれません。"),
        Say::RootServed => "サーバーはこのルート証明書も送っていますが、サーバーが送ったものは信頼の根拠になりません。".into(),
        Say::IncompleteChainMeaning { missing } => format!("サーバーは、自分の証明書と一緒に‹Intermediate›を送る必要があります。このサーバーは「{missing}」の中間証明書を送っていません。"),
        Say::ChainConfirmed => "証明書に書かれた入手先から補うと、正しく信頼できることを確かめました。証明書は正しく、サーバーの設定だけが足りません。".into(),
        Say::ChainNotFetched => "証明書に書かれた入手先から取り寄せられなかったため、補って確かめることはできませんでした。".into(),
        Say::ChainNoUrl => "証明書に入手先が書かれていないため、補って確かめることはできませんでした。".into(),
        Say::OthersFail => "ブラウザの多くは足りない中間証明書を自分で補うため表示できますが、メールアプリやスマートフォンのアプリ、curlなどのツールでは接続に失敗します。".into(),
        Say::ChainInvalidMeaning { reason } => format!("‹Certificate›の発行元まではたどれましたが、確かめる途中で問題が見つかりました。理由は「{}」です。", c.reject(*reason)),
        Say::SniDefaultMeaning { default_subject, requested } => format!("‹Sni›を使うと正しい証明書が返りますが、使わないと「{default_subject}」の証明書が返り、「{requested}」の名前と合いません。今のブラウザは必ずSNIを使います。古いメールアプリや機器、IPアドレスで直接つなぐ場合は、名前が合わないというエラーになります。"),
        Say::CrossSignMeaning { subject, issuer, days_ago } => format!("このサーバーは、古い‹RootCertificate›「{issuer}」が新しいルート「{subject}」を保証する証明書（クロス署名）も送っています。その期限が切れたのは{}です。今のブラウザは「{subject}」を初めから持っているので、問題なく接続できます。送られた順にたどる古い端末（古いAndroid、古いOpenSSLを使うメールアプリや機器）は、期限切れの証明書にたどり着いて失敗します。", c.days_ago(*days_ago)),
        Say::InternalDomain { domain } => format!("このサイトは、組織の中で使うサイト（{domain}）です。"),
        Say::InternalUsualCa => {
            String::from("社内のサイトの証明書は、ふつう、組織が自分で運用する‹Ca›が発行します。")
        }
        Say::InternalIssuer { issuer } => format!("このサイトの証明書の発行元は「{issuer}」です。"),
        Say::InternalMissing => String::from("この端末には、その認証局の‹RootCertificate›が入っていません。そのため、ブラウザは本物のサイトかどうかを確かめられません。"),
        Say::InternalMaybeMissing => String::from("ブラウザは発行元を信頼できないと報告しています。この端末に、組織の‹RootCertificate›が入っていない可能性があります。"),
        Say::InternalBrowserIgnores => String::from("この端末のOSには組織の‹RootCertificate›が入っていますが、このブラウザはそれを使っていません。"),
        Say::FirefoxOsRoots => "Firefox 120以降は、Windows・macOS・AndroidでOSに追加されたルート証明書を、初めから信頼します。LinuxのFirefoxは、OSのルート証明書を読みません。".into(),
        Say::ServerNotBroken => "サーバーの故障ではありません。".into(),

        // 利用者の手順
        Say::ContactAdminServerFault => "サーバー側の設定の誤りです。サイトやサービスの管理者に連絡してください。".into(),
        Say::CheckDeviceDate => "念のため、端末の日付が正しいか確かめてください。ずれていたら、次の設定で直せます。".into(),
        Say::DontAcceptInMailApp => "メールアプリに証明書を受け入れるか聞かれても、受け入れないでください。".into(),
        Say::DontAcceptInApp => "アプリに証明書を受け入れるか聞かれても、受け入れないでください。".into(),
        Say::CheckSpelling => "アドレスのつづりを確かめてください。".into(),
        Say::CheckLinkOrigin => "メールやメッセージのリンクから開いた場合は、公式の案内で正しいアドレスを確かめてください。".into(),
        Say::ContactIfStill => "正しい名前でもこの表示が出る場合は、サイトやサービスの管理者に連絡してください。".into(),
        Say::MailServerName => "メールアプリのサーバー名が、サービスの案内と同じか確かめてください。".into(),
        Say::SelfSignedPublic => "公開のサイトなら、警告を越えて先に進まずに、管理者に連絡してください。".into(),
        Say::SelfSignedMailPublic => "メールアプリで証明書を受け入れずに、メールサービスの管理者に連絡してください。".into(),
        Say::CompareFingerprint => "自宅や社内の機器なら、管理者に証明書の指紋（SHA-256）を聞き、下の証明書の欄の値と同じか確かめてください。".into(),
        Say::ContactAdminOrHelpdesk => "サイトの管理者か、組織の問い合わせ先に連絡してください。".into(),
        Say::RootFromAdmin => "会社や学校のシステムなら、管理者が配るルート証明書を入れる必要があるかもしれません。".into(),
        Say::SecuritySoftwareMaybe => String::from("有名なサイトでこの表示が出る場合は、セキュリティソフトや社内の‹Proxy›が通信を検査しているのかもしれません。"),
        Say::NothingToDoNow => "今のところ、することはありません。".into(),
        Say::UpdateOldApp => "古いアプリや機器でつながらない場合は、アプリを最新版にしてください。".into(),
        Say::ConnectByName { requested } => format!("IPアドレスではなく、名前（「{requested}」）で接続してください。"),
        Say::TellAdminOldDevice => "古い端末でつながらないときは、管理者に伝えてください。".into(),
        Say::TellHelpdeskRootMissing => "組織の問い合わせ先に「組織のルート証明書がこの端末にないようです」と伝えてください。".into(),
        Say::ManagedDeviceRestart => "会社が管理する端末なら、社内のネットワークにつないで再起動すると、配布された設定が届くことがあります。".into(),
        Say::UpdateFirefox => "Firefoxなら、最新版に更新してください。LinuxのFirefoxでは、Firefoxへの登録を管理者に頼んでください。".into(),

        // 管理者の手順
        Say::RenewAndReloadWeb => "`certbot renew` で証明書を更新し、Webサーバーを読み込み直してください（`systemctl reload nginx` など）。".into(),
        Say::RenewTimer => "自動更新が止まっていないか、`systemctl list-timers certbot.timer` と /var/log/letsencrypt/letsencrypt.log で確かめてください。".into(),
        Say::NginxCertPath => "`ssl_certificate` が新しい証明書（fullchain.pem）を指しているか確かめてください。".into(),
        Say::ApacheCertPath => "`SSLCertificateFile` が新しい証明書を指しているか確かめ、`apachectl graceful` で読み込み直してください。".into(),
        Say::IisRebind => "新しい証明書を取り込み、サイトの https バインドで選び直してください。".into(),
        Say::RenewMail { host } => format!(
            "`certbot renew` で更新するか、`certbot certonly -d {}` で取り直してください。",
            name(host)
        ),
        Say::CertbotHookMail => "更新のあとに読み込み直さないと、古い証明書が使われ続けます。`--deploy-hook \"systemctl reload postfix dovecot\"` のように、更新のたびに再読み込みするよう設定してください。".into(),
        Say::PostfixChain { host } => {
            let host = name(host);
            format!(
                "main.cf で、秘密鍵と、中間証明書まで含んだ証明書のファイルを指定してください（Postfix 3.4 以降）: `smtpd_tls_chain_files = /etc/letsencrypt/live/{host}/privkey.pem, /etc/letsencrypt/live/{host}/fullchain.pem`。古い版では `smtpd_tls_cert_file` に fullchain.pem、`smtpd_tls_key_file` に privkey.pem を指定します。"
            )
        }
        Say::PostfixReload => "設定や証明書を変えたら、`postfix reload` で読み込み直してください。".into(),
        Say::DovecotChain { host } => {
            let host = name(host);
            format!(
                "中間証明書まで含んだファイルを指定してください。Dovecot 2.3 では `ssl_cert = </etc/letsencrypt/live/{host}/fullchain.pem` と `ssl_key = </etc/letsencrypt/live/{host}/privkey.pem`（先頭の `<` はファイルの中身を読む印です）、2.4 では `ssl_server_cert_file` と `ssl_server_key_file` です。"
            )
        }
        Say::DovecotReload => "設定や証明書を変えたら、`doveadm reload` で読み込み直してください。".into(),
        Say::NotBeforeServerClock => "証明書を作ったサーバーの時計が正しいか確かめてください（`timedatectl`）。自分で作った証明書なら、開始日時が未来になっていないか確かめてください。".into(),
        Say::NotBeforeSwitchLater => "新しい証明書に切り替えるのは、開始日時を過ぎてからにしてください。それまでは今の証明書を使い続けます。".into(),
        Say::CurrentIntermediate => "認証局が今配っている中間証明書に差し替えてください。古い中間証明書を証明書のファイルに入れたままにしていることがよくあります。".into(),
        Say::NginxIntermediate => "`ssl_certificate` に、サーバーの証明書と新しい中間証明書をまとめたファイル（certbot なら fullchain.pem）を指定してください。".into(),
        Say::ApacheIntermediate => "2.4.8 以降は `SSLCertificateFile` にまとめたファイル（fullchain.pem）を指定します。それより古い版では `SSLCertificateChainFile` を新しい中間証明書にします。".into(),
        Say::IisIntermediate => "新しい中間証明書を「中間証明機関」のストアに入れ、期限切れのものを削除してください。".into(),
        Say::RenewBeforeExpiry => "期限が切れる前に、証明書を更新してください。".into(),
        Say::CertbotTimerWeb => "ふつうは残り30日で自動的に更新されます。この表示が出ているなら、自動更新が止まっている可能性があります。`certbot renew --dry-run` で更新を試し、`systemctl list-timers certbot.timer` でタイマーが動いているか確かめてください。".into(),
        Say::CertbotHookWeb => "更新のあとにWebサーバーを読み込み直さないと、古い証明書が使われ続けます。`--deploy-hook \"systemctl reload nginx\"` のように読み込み直しを設定してください。".into(),
        Say::CertbotNameWeb { requested } => format!(
            "「{requested}」を含む証明書を取得してください。例: `certbot --nginx -d {requested}`（ほかにも名前が要るなら -d を並べます）。"
        ),
        Say::NginxServerName { requested } => format!(
            "`server_name {requested};` の server ブロックに `listen 443 ssl;` と正しい `ssl_certificate` があるか確かめてください。ないと、既定の server ブロックの証明書が返ります。"
        ),
        Say::ApacheServerName { requested } => {
            format!("`ServerName` か `ServerAlias` に「{requested}」がある `<VirtualHost *:443>` があるか確かめてください。")
        }
        Say::IisBindingName => "サイトの https バインドで、ホスト名、「サーバー名表示（SNI）を要求する」、選んだ証明書を確かめてください。".into(),
        Say::SanOnRemake { requested } => format!(
            "証明書を作り直すときは、SAN に名前を入れてください。`openssl req` なら `-addext \"subjectAltName=DNS:{requested}\"` を付けます。"
        ),
        Say::CertbotNameMail { requested } => {
            format!("「{requested}」を含む証明書を取ってください。例: `certbot certonly -d {requested}`。")
        }
        Say::PostfixSniMaps => "一つのサーバーで複数の名前を使う場合は、`tls_server_sni_maps` で名前ごとに証明書を選べます（Postfix 3.4 以降）。".into(),
        Say::DovecotLocalName { host } => format!(
            "一つのサーバーで複数の名前を使う場合は、`local_name {} {{ … }}` の中で名前ごとに証明書を指定できます。",
            name(host)
        ),
        Say::PublicCa => "公開するサーバーでは、認証局が発行した証明書を使ってください。Let's Encrypt なら無料で、自動で更新できます（`certbot --nginx -d 名前`）。".into(),
        Say::InternalCaDistribute => "社内だけで使う場合は、社内の認証局で発行し、そのルート証明書を各端末に配ってください（Windows ならグループポリシー）。".into(),
        Say::NginxSnakeoil => "`ssl_certificate` が、インストール時の仮の証明書（snakeoil など）のままになっていないか確かめてください。".into(),
        Say::MailTrustedCa { host } => format!(
            "メールアプリが信頼する認証局の証明書に替えてください。Let's Encrypt なら `certbot certonly --standalone -d {}` で取れます（80番ポートを一時的に使います）。",
            name(host)
        ),
        Say::BrowserTrustedCa => "一般に公開するサーバーでは、主なブラウザが信頼する認証局の証明書を使ってください。".into(),
        Say::FullChain => "サーバーの証明書のあとに中間証明書を並べたファイル（フルチェーン）を設定してください。".into(),
        Say::NginxFullChain => "`ssl_certificate` に fullchain.pem（certbot なら /etc/letsencrypt/live/名前/fullchain.pem）を指定します。cert.pem だけでは中間証明書が送られません。".into(),
        Say::ApacheFullChain => "2.4.8 以降は `SSLCertificateFile` に fullchain.pem を指定します。それより古い版では `SSLCertificateChainFile` に中間証明書を指定します。".into(),
        Say::IisFullChain => "中間証明書を「中間証明機関」のストアに入れてから、サイトのバインドで証明書を選び直してください。".into(),
        Say::MailChainOrder => "ファイルの中は、サーバーの証明書、中間証明書の順に並べてください。cert.pem だけでは中間証明書が送られません。".into(),
        Say::FetchIntermediate { url } => format!(
            "足りない中間証明書は {url} から入手できます。DER形式なら `openssl x509 -inform der -in 入手したファイル -out chain.pem` でPEM形式に変換してから、サーバーの証明書のあとに付けます。"
        ),
        Say::SeeDetail => "下の根拠の「詳細」を確かめてください。".into(),
        Say::OpensslVerify => "`openssl verify -untrusted 中間証明書.pem サーバー証明書.pem` で、手元でも同じ失敗になるか確かめてください。".into(),
        Say::ReissueFromCa => "証明書の用途や署名の方式に問題がある場合は、認証局に発行し直してもらってください。".into(),
        Say::DefaultSite { requested } => format!(
            "SNIがないときに返る既定のサイトを、このサイトにするか、既定のサイトの証明書にも「{requested}」を入れてください。"
        ),
        Say::NginxDefaultServer => "この server ブロックの `listen` に `default_server` を付けます。".into(),
        Say::ApacheFirstVhost => "このサイトの `<VirtualHost>` が、同じIPアドレスとポートの中で最初に読み込まれるようにします。".into(),
        Say::IisNoSniBinding => "「サーバー名表示（SNI）を要求する」を付けていない https バインドの証明書を確かめてください。".into(),
        Say::RemoveCrossSign { issuer } => {
            format!("証明書のファイルから、発行元が「{issuer}」のクロス署名の証明書を外してください。")
        }
        Say::PreferredChain { subject } => format!(
            "`--preferred-chain \"{subject}\"` を付けて取り直すと、クロス署名を含まない証明書のファイルになります。"
        ),
        Say::ListChain => "`openssl crl2pkcs7 -nocrl -certfile fullchain.pem | openssl pkcs7 -print_certs -noout` で、ファイルに入っている証明書を一覧できます。".into(),
        Say::DistributeRoot => "組織のルート証明書を、この端末に配ってください。Windows はグループポリシー、macOS は構成プロファイル、Linux は /usr/local/share/ca-certificates に置いて `update-ca-certificates` を実行します。".into(),
        Say::FirefoxRoots => "Firefox 120 以降は、Windows・macOS・Android で OS に追加されたルート証明書を既定で信頼します（`security.enterprise_roots.enabled`）。ポリシーで無効にしていないか確かめてください。Linux の Firefox には、ポリシーの Certificates → Install でルート証明書を配ってください。".into(),
        Say::DeclareRoot => "TLS Doctorの管理設定 internalRootCAs にルート証明書のSHA-256を登録すると、利用者により正確な説明を表示できます。".into(),
    }
}
