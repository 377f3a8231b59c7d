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
        Say::SelfSignedHeadline => "証明書をサーバー自身が発行しています".into(),
        Say::UnknownIssuerHeadline => "証明書の発行元が信頼されていません".into(),
        Say::IncompleteChainHeadline => "サーバーが中間証明書を送っていません".into(),
        Say::ChainInvalidHeadline => "サーバーの証明書を確かめられませんでした".into(),
        Say::SniDefaultHeadline => "サイト名を伝えない接続には、別の証明書が返ります".into(),
        Say::CrossSignHeadline => "期限切れの古い証明書も一緒に送っています".into(),
        Say::InternalMissingHeadline => "この端末に、組織の認証局が登録されていません".into(),
        Say::InternalMaybeMissingHeadline => "この端末に、組織の認証局が登録されていないようです".into(),
        Say::InternalBrowserIgnoresHeadline => "このブラウザが、組織の認証局を信頼していません".into(),
        Say::DistrustedHeadline => "この認証局の新しい証明書は、信頼されなくなっています".into(),

        // 危険性
        Say::FakeSiteRisk => "偽のサイトと見分けがつきません。パスワードやカード番号を入力しないでください。".into(),
        Say::MailPasswordRisk => "偽のサーバーに、メールのパスワードを盗まれるおそれがあります。".into(),
        Say::OtherServiceRisk => "接続先が本物か確かめられません。パスワードを送らないでください。".into(),
        Say::SelfSignedRisk => "偽のサーバーも、同じような証明書を自分で作れます。".into(),
        Say::ChainFineRisk => "証明書は正しく、情報が漏れる心配はありません。".into(),
        Say::ChainFineMailRisk => "証明書は正しいです。SSLなしに変えると、パスワードが読まれるおそれがあります。".into(),
        Say::SafeNow => "今は問題なく、安心して使えます。".into(),
        Say::SafeInBrowsers => "今のブラウザからは、安心して使えます。".into(),
        Say::InternalRisk => "登録不足の可能性が高いですが、本物のサイトかは確かめられません。".into(),
        Say::DistrustedRisk => "接続は拒否されます。証明書が偽物という意味ではありません。".into(),

        // 意味
        Say::ExpiredMeaning { days_ago } => format!("‹Certificate›の期限切れは{}です。", c.days_ago(*days_ago)),
        Say::NotYetValidMeaning { days_until } => format!("‹Certificate›が有効になるのは{}です。", if *days_until <= 0 { "1日以内".to_owned() } else { format!("{days_until}日後") }),
        Say::DatesMeasured => "日付は、サーバーが送った証明書から読みました。".into(),
        Say::IntermediateExpiredMeaning { subject, days_ago } => format!("‹Intermediate›「{subject}」の期限切れは{}です。サーバーの証明書が有効でも、全体が信頼されません。", c.days_ago(*days_ago)),
        Say::ExpiringSoonMeaning => String::from("期限までに‹Certificate›を更新しないと、接続できなくなります。"),
        Say::NamesListed { names, requested } => format!("‹Certificate›にある名前は「{}」で、「{requested}」は含まれていません。", f.list(names)),
        Say::CnOnly => "‹Certificate›の名前は古い欄（CN）にだけあり、新しい欄（SAN）にありません。今のブラウザはCNを見ません。".into(),
        Say::WildcardNotBare { wildcard, requested } => format!("「{wildcard}」の‹Wildcard›「*」は一段分の名前を表し、「{requested}」そのものは含みません。"),
        Say::WildcardOneLevel { wildcard, requested } => format!("「{wildcard}」の‹Wildcard›「*」は一段分だけで、二段以上の「{requested}」は含みません。"),
        Say::WwwVariant { covered } => format!("「{covered}」は含まれますが、「www.」の有無で別の名前になります。"),
        Say::SharedHostName => "レンタルサーバーのメールは、サービスのサーバー名を使うことがあります。".into(),
        Say::SelfSignedMeaning { subject } => format!("証明書はふつう‹Ca›が発行しますが、「{subject}」はサーバーが自分で発行しました（自己署名）。第三者が確かめていません。"),
        Say::UnknownIssuerMeaning { issuer } => format!("発行元「{issuer}」は、Mozillaにもこの端末の信頼リストにもありません。社内の‹Ca›か、セキュリティソフトや‹Proxy›による差し替えかもしれません。"),
        Say::RootServed => "サーバーが送るこの発行元の‹RootCertificate›は、信頼の根拠になりません。".into(),
        Say::IncompleteChainMeaning { missing } => format!("サーバーは自分の証明書と‹Intermediate›を送るべきですが、「{missing}」がありません。"),
        Say::ChainConfirmed => "証明書にある入手先から補うと、信頼できました。足りないのはサーバーの設定だけです。".into(),
        Say::ChainUnchecked => "中間証明書を取り寄せられず、確かめられませんでした。".into(),
        Say::OthersFail => "多くのブラウザは自分で補いますが、ほかのアプリやcurlなどは失敗します。".into(),
        Say::ChainInvalidMeaning { reason } => format!("‹Certificate›の発行元までたどれましたが、「{}」という問題があります。", c.reject(*reason)),
        Say::SniDefaultMeaning { default_subject, requested } => format!("‹Sni›のない接続には「{default_subject}」の証明書が返り、「{requested}」と合いません。"),
        Say::NoSniClients => "今のブラウザとメールアプリは必ずSNIを送るので、影響はありません。送らないのは、Windows XPのInternet Explorer、Android 2.xのブラウザ、Java 6などの古いソフトと、IPアドレスで接続する機器やスクリプトです。".into(),
        Say::NoSniRelays => "このポートに配送してくるメールサーバーの多くはSNIを送りません（Postfixは、DANEを使う場合を除き送りません）。証明書を確かめて配送する相手（MTA-STS）は、この証明書を見て配送を止めることがあります。".into(),
        Say::SafeWithSni => "今のブラウザやメールアプリからは、安心して使えます。".into(),
        Say::SomeMailMayNotArrive => "危険はありませんが、一部のメールが届かないことがあります。".into(),
        Say::CrossSignMeaning { subject, issuer, days_ago } => format!("古い‹RootCertificate›「{issuer}」が新しいルート「{subject}」を保証する証明書（クロス署名）も送られ、期限切れは{}です。今のブラウザは「{subject}」を持ち接続できますが、送られた順にたどる古い端末（古いAndroid、古いOpenSSLの機器）は失敗します。", c.days_ago(*days_ago)),
        Say::InternalDomain { domain } => format!("社内のサイト（{domain}）です。"),
        Say::InternalUsualCa => String::from("社内のサイトの証明書は、ふつう組織の‹Ca›が発行します。"),
        Say::InternalIssuer { issuer } => format!("発行元は「{issuer}」です。"),
        Say::InternalMissing => String::from("この端末にはその‹RootCertificate›がありません。"),
        Say::InternalMaybeMissing => String::from("ブラウザが、発行元を信頼できないと報告しています。"),
        Say::InternalBrowserIgnores => String::from("OSには組織の‹RootCertificate›が入っていますが、このブラウザは使っていません。"),
        Say::FirefoxOsRoots => "Firefox 120以降は、OSに追加されたルート証明書を信頼します（Linuxを除く）。".into(),
        Say::ServerNotBroken => "サーバーの故障ではありません。".into(),
        Say::DistrustedMeaning { chrome, firefox, mail, cutoff } => {
            let firefox_ = if *mail { "Thunderbird" } else { "Firefox" };
            // The cutoff is the first browser's (Chrome's and Firefox's differ): the other one
            // is said without a date.
            let browsers = match chrome {
                Some(v) => format!("Chrome {v}以降"),
                None => firefox_.to_owned(),
            };
            let also = if chrome.is_some() && *firefox { format!("{firefox_}も、この証明書を拒否します。") } else { String::new() };
            let c = cutoff.civil(0);
            format!("発行元のルート証明書は信頼リストに残っていますが、{browsers}は、この‹Ca›が{}年{}月{}日（UTC）より後に発行した証明書を拒否します。{also}", c.year, c.month, c.day)
        }

        // 利用者の手順
        Say::ContactAdminServerFault => "サーバーの設定の誤りです。管理者に連絡してください。".into(),
        Say::CheckDeviceDate => "端末の日付も確かめてください。".into(),
        Say::DontAcceptInApp => "アプリに聞かれても、証明書を受け入れないでください。".into(),
        Say::CheckSpelling => "アドレスのつづりを確かめてください。".into(),
        Say::CheckLinkOrigin => "リンクから開いたなら、公式の案内でアドレスを確かめてください。".into(),
        Say::ContactIfStill => "正しい名前でも出るなら、管理者に連絡してください。".into(),
        Say::MailServerName => "メールアプリのサーバー名が、サービスの案内と同じか確かめてください。".into(),
        Say::SelfSignedPublic => "公開のサイトなら、警告を越えて先に進まず、管理者に連絡してください。".into(),
        Say::SelfSignedMailPublic => "証明書を受け入れずに、メールサービスの管理者に連絡してください。".into(),
        Say::CompareFingerprint => "自宅や社内の機器なら、管理者に聞いた指紋（SHA-256）と下の証明書の欄を比べてください。".into(),
        Say::ContactAdminOrHelpdesk => "サイトの管理者か、組織の問い合わせ先に連絡してください。".into(),
        Say::RootFromAdmin => "会社や学校なら、管理者が配るルート証明書が必要かもしれません。".into(),
        Say::NothingToDoNow => "今は、することはありません。".into(),
        Say::UpdateOldApp => "古いアプリや機器でつながらないなら、最新版にしてください。".into(),
        Say::ConnectByName { requested } => format!("IPアドレスではなく「{requested}」で接続してください。"),
        Say::TellAdminOldDevice => "古い端末でつながらないときは、管理者に伝えてください。".into(),
        Say::TellHelpdeskRootMissing => "組織の問い合わせ先に「ルート証明書がこの端末にないようです」と伝えてください。".into(),
        Say::ManagedDeviceRestart => "会社の端末なら、社内ネットワークで再起動すると設定が届くことがあります。".into(),
        Say::UpdateFirefox => "Firefoxなら最新版にしてください。Linuxでは、Firefoxへの登録を管理者に頼んでください。".into(),

        // 管理者の手順
        Say::RenewAndReloadWeb => "`certbot renew` で更新し、`systemctl reload nginx` などで読み込み直してください。".into(),
        Say::RenewTimer => "自動更新が止まっていないか、`certbot renew --dry-run` と `systemctl list-timers certbot.timer` で確かめてください。".into(),
        Say::IisRebind => "新しい証明書を取り込み、サイトのhttpsバインドで選び直してください。".into(),
        Say::RenewMail { host } => format!("`certbot renew` で更新するか、`certbot certonly -d {}` で取り直してください。", name(host)),
        Say::CertbotHookMail => "`--deploy-hook \"systemctl reload postfix dovecot\"` で、更新のたびに読み込み直してください。".into(),
        Say::NotBeforeServerClock => "証明書を作ったサーバーの時計（`timedatectl`）と、自作なら開始日時が未来でないかを確かめてください。".into(),
        Say::NotBeforeSwitchLater => "新しい証明書には、開始日時を過ぎてから切り替えてください。".into(),
        Say::CurrentIntermediate => "ファイルの古い中間証明書を、認証局が今配るものに替えてください。".into(),
        Say::RenewBeforeExpiry => "期限が切れる前に証明書を更新してください。".into(),
        Say::CertbotHookWeb => "`--deploy-hook \"systemctl reload nginx\"` で、更新のたびに読み込み直してください。".into(),
        Say::CertbotNameWeb { requested } => format!("「{requested}」を含む証明書を取ってください: `certbot --nginx -d {requested}`（名前ごとに -d を付けます）。"),
        Say::NginxServerName { requested } => format!("`server_name {requested};` の server ブロックに `listen 443 ssl;` と正しい `ssl_certificate` があるか確かめてください。"),
        Say::ApacheServerName { requested } => format!("`ServerName` か `ServerAlias` に「{requested}」がある `<VirtualHost *:443>` があるか確かめてください。"),
        Say::IisBindingName => "サイトのhttpsバインドのホスト名、「サーバー名表示（SNI）を要求する」、証明書を確かめてください。".into(),
        Say::SanOnRemake { requested } => format!("作り直すときはSANに名前を入れてください（`openssl req` なら `-addext \"subjectAltName=DNS:{requested}\"`）。"),
        Say::CertbotNameMail { requested } => format!("「{requested}」を含む証明書を取ってください: `certbot certonly -d {requested}`。"),
        Say::PostfixSniMaps => "複数の名前なら、`tls_server_sni_maps` で名前ごとに証明書を選べます（Postfix 3.4以降）。".into(),
        Say::DovecotLocalName { host } => format!("複数の名前なら、`local_name {} {{ … }}` で名前ごとに証明書を指定できます。", name(host)),
        Say::PublicCa => "公開サーバーには、主なブラウザが信頼する認証局の証明書を使ってください。Let's Encryptなら無料です（`certbot --nginx -d 名前`）。".into(),
        Say::InternalCaDistribute => "社内だけなら、社内の認証局で発行し、そのルート証明書を各端末に配ってください。".into(),
        Say::NginxSnakeoil => "`ssl_certificate` が仮の証明書（snakeoil など）のままでないか確かめてください。".into(),
        Say::MailTrustedCa { host } => format!("メールアプリが信頼する認証局の証明書に替えてください。Let's Encryptなら `certbot certonly --standalone -d {}`（80番ポートを使います）。", name(host)),
        Say::FullChain => "サーバーの証明書、中間証明書の順に並べたファイル（フルチェーン）を設定してください。".into(),
        Say::NginxFullChain => "`ssl_certificate` に fullchain.pem（certbotなら /etc/letsencrypt/live/名前/）を指定してください。".into(),
        Say::ApacheFullChain => "`SSLCertificateFile` に fullchain.pem を指定し（2.4.8より前は `SSLCertificateChainFile` に中間証明書）、`apachectl graceful` で読み込み直してください。".into(),
        Say::IisFullChain => "新しい中間証明書を「中間証明機関」ストアに入れ（期限切れは削除）、バインドで証明書を選び直してください。".into(),
        Say::FetchIntermediate { url } => format!("足りない中間証明書は {url} にあります。DERなら `openssl x509 -inform der -in 入手したファイル -out chain.pem` でPEMにし、サーバーの証明書に続けてください。"),
        Say::SeeDetail => "下の根拠の「詳細」を確かめてください。".into(),
        Say::OpensslVerify => "`openssl verify -untrusted 中間証明書.pem サーバー証明書.pem` で、手元でも失敗するか確かめてください。".into(),
        Say::ReissueFromCa => "用途や署名方式の問題なら、認証局に再発行を頼んでください。".into(),
        Say::DefaultSite { requested } => format!("このサイトをSNIなしの既定にするか、既定のサイトの証明書に「{requested}」を入れてください。"),
        Say::NginxDefaultServer => "この server ブロックの `listen` に `default_server` を付けます。".into(),
        Say::ApacheFirstVhost => "このサイトの `<VirtualHost>` を、同じIPアドレスとポートの最初にします。".into(),
        Say::IisNoSniBinding => "「サーバー名表示（SNI）を要求する」のないhttpsバインドの証明書を確かめてください。".into(),
        Say::RemoveCrossSign { issuer } => format!("ファイルから、「{issuer}」が発行したクロス署名の証明書を外してください。"),
        Say::PreferredChain { subject } => format!("`--preferred-chain \"{subject}\"` を付けて取り直すと、クロス署名を含みません。"),
        Say::ListChain => "ファイルの中身は `openssl crl2pkcs7 -nocrl -certfile fullchain.pem | openssl pkcs7 -print_certs -noout` で一覧できます。".into(),
        Say::DistributeRoot => "組織のルート証明書を端末に配ってください（Windowsはグループポリシー、macOSは構成プロファイル、Linuxは /usr/local/share/ca-certificates に置いて `update-ca-certificates`）。".into(),
        Say::DeclareRoot => "管理設定 internalRootCAs にルート証明書のSHA-256を登録すると、説明が正確になります。".into(),
        Say::ReissueOtherCa => "別の認証局で証明書を取り直してください。同じ認証局での更新では直りません。".into(),
    }
}
