//! 証明書そのものと送り方(日本語)。

use super::Say;
use crate::explain::Fmt;
use crate::time::Timestamp;
use crate::wire::RevocationMethod;

/// 日付だけ（発行日など）: 2026年8月10日。
fn day(at: Timestamp, f: &Fmt<'_>) -> String {
    let c = at.civil(f.tz.offset_minutes_at(at));
    format!("{}年{}月{}日", c.year, c.month, c.day)
}

fn method(m: RevocationMethod) -> String {
    match m {
        RevocationMethod::Staple => String::from("サーバーが添えた‹Ocsp›の答え"),
        RevocationMethod::Ocsp => String::from("‹Ocsp›での問い合わせ"),
        RevocationMethod::Crl => "発行元の失効リスト（CRL）".to_owned(),
    }
}

pub(crate) fn say(s: &Say<'_>, f: &Fmt<'_>) -> String {
    match s {
        Say::ChainTooLongHeadline => String::from("サーバーが送る‹Certificate›の数が多すぎます"),
        Say::TooLargeHeadline => String::from("サーバーの‹Certificate›が大きすぎます"),
        Say::UnparseableHeadline => String::from("サーバーの‹Certificate›を読み取れません"),
        Say::WeakSignatureHeadline => String::from("‹Certificate›の署名が古い方式です"),
        Say::WeakKeyHeadline { key } => format!("‹Certificate›の鍵が短すぎます（{key}）"),
        Say::TooLongHeadline { days } => format!("‹Certificate›の有効期間が長すぎます（{days}日）"),
        Say::NotForServersHeadline => String::from("この‹Certificate›は、サーバー用ではありません"),
        Say::KeyUsageHeadline => String::from("この‹Certificate›の鍵は、暗号化した通信に使えません"),
        Say::WrongOrderHeadline => String::from("サーバーが‹Certificate›を正しくない順番で送っています"),
        Say::RootInChainHeadline => String::from("サーバーが‹RootCertificate›も送っています"),
        Say::RevokedHeadline => String::from("この‹Certificate›は、発行元が取り消しています"),
        Say::StapleMissingHeadline => String::from("サーバーが、‹Certificate›に必要な失効情報を添えていません"),
        Say::StapleStaleHeadline => "サーバーが添えた失効情報が古くなっています".into(),
        Say::RevocationUnknownHeadline => String::from("‹Certificate›が取り消されていないか、確かめられませんでした"),

        Say::DangerUnverified => "本物のサイトか確かめられないため、パスワードなどを入力しないでください。".into(),
        Say::DangerMailPassword => "メールアプリはすぐにパスワードを送るため、偽のサーバーに渡るおそれがあります。".into(),
        Say::DangerSomeClientsFail => "アプリや機器によっては接続できません。".into(),
        Say::DangerRevoked => "偽のサイトかもしれません。パスワードなどを入力しないでください。".into(),
        Say::DangerBrowsersRefuse => "ChromeやSafariでは接続できないことがあります。".into(),
        Say::DangerMayBeRevoked => "今は接続できますが、近いうちに使えなくなるおそれがあります。".into(),
        Say::DangerFirefoxRefuses => "Firefoxなど一部のブラウザでは接続できません。".into(),
        Say::DangerBrowsersConnect => "今のところ、多くのブラウザは接続できます。".into(),
        Say::DangerOldClientsFail => "今のブラウザは接続できますが、古いアプリや機器は失敗することがあります。".into(),
        Say::DangerNone => "問題はありません。".into(),

        Say::ChainTooLongMeaning { certificates } => format!(
            "サーバーは{certificates}枚の証明書を送ってきました。ふつうは2〜4枚です。余分な証明書は使われず、アプリや機器によっては受け取れずに接続に失敗します。"
        ),
        Say::TooLargeMeaning { kb } => format!(
            "サーバーが送ってきた証明書は、合計で約{kb}KBです（ふつうは数KB）。これほど大きいと、受け取れないソフトウェアがあります。たとえばrustlsは64KB、OpenSSLは初期設定で100KBまでです。"
        ),
        Say::UnparseableMeaning { position } => {
            format!("サーバーが送ってきた{position}番目の証明書は形式が壊れていて、内容を確かめられませんでした。")
        }
        Say::WeakSignatureMeaning { subject, hash } => format!(
            "証明書には、発行元が内容を保証する署名が付いています。「{subject}」の署名は{hash}という古い方式で、偽物を作られるおそれがあるため、今のブラウザは受け入れません。"
        ),
        Say::WeakKeyMeaning { subject, key } => format!(
            "「{subject}」の鍵は{key}で、今の基準（RSAなら2048ビット以上、楕円曲線なら256ビット以上）より短く、解読されるおそれがあります。そのため、ブラウザは受け入れません。"
        ),
        Say::ValidityRule { issued, days, limit } => {
            let period = match limit {
                398 => "2026年3月15日より前に発行された証明書は398日まで".to_owned(),
                200 => "2026年3月15日から2027年3月14日までに発行された証明書は200日まで".to_owned(),
                100 => "2027年3月15日から2029年3月14日までに発行された証明書は100日まで".to_owned(),
                47 => "2029年3月15日以降に発行された証明書は47日まで".to_owned(),
                other => format!("この時期に発行された証明書は{other}日まで"),
            };
            format!("この証明書は{}に発行され、有効期間は{days}日です。一般の‹Ca›が守る決まりでは、{period}です。", day(*issued, f))
        }
        Say::BrowsersEnforce398 => {
            "398日を超える証明書は、一般の認証局が発行したものなら、ChromeやSafariが受け入れません。".into()
        }
        Say::BrowsersStillAccept => {
            "ブラウザが受け入れないのは398日を超える証明書なので、今のところ接続はできます。".into()
        }
        Say::CaMustRevokeMisissued => {
            "ただし、決まりに反して発行された証明書は、発行した認証局が取り消すことになっています。".into()
        }
        Say::PrivateCaExempt => "社内の認証局が発行した証明書には、この決まりは当てはまりません。".into(),
        Say::PurposesWithoutServerAuth { purposes } => {
            let list = f.list(&purposes.iter().map(|p| f.cat.purpose(p)).collect::<Vec<_>>());
            format!(
                "証明書には、何に使ってよいかの指定があります。この証明書は「{list}」用で、「サーバーの認証（serverAuth）」が含まれていないため、ブラウザは受け入れません。"
            )
        }
        Say::KeyUsageBarsTls => "証明書には、鍵を何に使ってよいかの指定もあります。この証明書の鍵には、暗号化した通信に必要な使い方（デジタル署名など）が許されていないため、ブラウザは受け入れません。".into(),
        Say::NoPurposesIsFine => "用途（serverAuthなど）の指定がないこと自体は、問題ではありません。".into(),
        Say::WrongOrderMeaning => String::from("サーバーは、自分の証明書のあとに、それを発行した‹Intermediate›を順に送る決まりです。このサーバーは順番が入れ替わっています。今のブラウザは並べ直して確かめますが、古いメールアプリや機器では失敗することがあります。"),
        Say::RootInChainMeaning { subject } => format!(
            "サーバーは、ルート証明書「{subject}」も一緒に送っています。ルート証明書はブラウザやOSが初めから持っているため、送っても使われません。害はありませんが、通信が少し増えます。"
        ),
        Say::RevokedMeaning { method: m } => format!("この証明書は‹Revocation›しています。鍵が漏れたときなどに、発行元が行います。{}で確かめました。", method(*m)),
        Say::RevokedReason { reason } => format!("取り消しの理由は「{}」です。", f.cat.revocation_reason(reason)),
        Say::StapleMissingMeaning => String::from("この証明書には、「サーバーは‹Ocsp›の答えを必ず添えること」という指定（must-staple）があります。しかし、サーバーは添えていません。Firefoxはこの指定を守り、接続を断ります。"),
        Say::StapleStaleMeaning => String::from("サーバーは、証明書が取り消されていないことを示す‹Ocsp›の答えを添えていますが、その答えの有効期限が過ぎています。"),
        Say::RevocationNoAnswer { methods } => {
            let list = f.list(&methods.iter().map(|m| method(*m)).collect::<Vec<_>>());
            format!("証明書が取り消されていないか、{list}で確かめようとしましたが、答えが得られませんでした。")
        }
        Say::NotARevocation => "取り消されている、という意味ではありません。".into(),
        Say::BrowsersDoNotAskOnline => {
            "今のブラウザは、接続のたびに発行元へ問い合わせることをしないため、ふだんは影響がありません。".into()
        }

        Say::DontUseUntilFixed => "直るまで、このサイトやサービスを使わないでください。".into(),
        Say::NothingToDoNow => "今のところ、することはありません。".into(),
        Say::MailKeepWarning => "メールアプリの警告を越えて先に進まず、「SSLなし」にも変えないでください。".into(),

        Say::OnlyLeafAndIntermediates => "証明書のファイルには、サーバーの証明書と中間証明書だけを入れてください。ルート証明書、古い証明書、ほかのサイトの証明書は外します。".into(),
        Say::SmallerCertificate => "ふつうの大きさ（数KB）の証明書を使ってください。".into(),
        Say::FewerNames => "証明書に入れる名前（subjectAltName）や拡張は、必要なものだけにしてください。".into(),
        Say::CheckParses => "`openssl x509 -in 証明書ファイル -noout -text` で、証明書が読めるか確かめてください。".into(),
        Say::PemIntact => "PEM形式（`-----BEGIN CERTIFICATE-----` で始まる形式）のファイルを、改行を崩さずに設定してください。".into(),
        Say::ReissueSha256 => "SHA-256以上の署名で、証明書を発行し直してもらってください。".into(),
        Say::ReplaceIntermediate => "古いのが中間証明書なら、認証局が今配っている中間証明書に差し替えてください。".into(),
        Say::NewKey => "2048ビット以上のRSA鍵か、ECDSA（P-256以上）の鍵を作り直し、証明書を取り直してください。".into(),
        Say::CertbotEcdsa => "`--key-type ecdsa` を付けると、ECDSAの鍵で取得します。".into(),
        Say::ReissueWithin { limit } => format!("有効期間が{limit}日以内の証明書を取り直してください。"),
        Say::AutomateRenewal => "`certbot renew` のタイマーなどで自動更新にしておけば、期間が短くても手間はかかりません。".into(),
        Say::ReissueServerAuth => "用途に「サーバーの認証（serverAuth）」を含む証明書を発行し直してください。社内の認証局なら、Webサーバー用のテンプレートで発行します。".into(),
        Say::ReissueKeyUsage => "鍵の使い方（keyUsage）にdigitalSignature（RSA鍵ならkeyEnciphermentも）を含めて、証明書を発行し直してください。".into(),
        Say::ShowUsages => "`openssl x509 -noout -ext extendedKeyUsage,keyUsage -in 証明書ファイル` で、用途と鍵の使い方を確かめられます。".into(),
        Say::OrderLeafFirst => "証明書のファイルを、サーバーの証明書、それを発行した中間証明書、さらにその上の中間証明書、の順に並べ直してください。certbotのfullchain.pemは正しい順番です。".into(),
        Say::RootNotNeeded => "証明書のファイルからルート証明書を外すと、通信が少し減ります。".into(),
        Say::ReissueNewKey => "新しい鍵で証明書を取り直し、サーバーに設定してください。鍵が漏れたおそれがあるなら、必ず新しい鍵を作ってください。".into(),
        Say::CertbotForceRenewal => "`certbot certonly --force-renewal -d 名前` で取り直します（鍵も新しく作られます）。".into(),
        Say::AskCaWhy => "取り消した覚えがない場合は、認証局に理由を確かめてください。".into(),
        Say::DropMustStaple => "must-stapleの指定のない証明書に取り替えてください（certbotなら `--must-staple` を付けずに取得します）。Let's Encryptは2025年1月30日から、この指定のある証明書を発行していません。".into(),
        Say::NginxStapling => "認証局がまだOCSPを提供しているなら、`ssl_stapling on;` と `ssl_stapling_verify on;`、`resolver` を設定し、`ssl_trusted_certificate` に中間証明書を指定してください。".into(),
        Say::ApacheStapling => "認証局がまだOCSPを提供しているなら、`SSLUseStapling on` と `SSLStaplingCache shmcb:/var/run/ocsp(128000)` を設定してください。".into(),
        Say::MailServersDoNotStaple => "PostfixやDovecotは失効情報を添えられないため、must-stapleの指定のない証明書を使ってください。".into(),
        Say::ServerReachesOcsp => "サーバーから、証明書に書かれたOCSPのURLへ通信できるか確かめてください（ファイアウォールやDNSの設定）。".into(),
        Say::StopStaplingIfOcspEnded => "認証局がOCSPをやめた場合（Let's Encryptは2025年8月6日に停止）は、ステープリングの設定を外し、OCSPのURLのない新しい証明書に取り替えてください。".into(),
        Say::NoOcspUrlIsNormal => "OCSPのURLがない証明書は、今はふつうです（Let's Encryptは2025年5月7日から載せていません）。確認先がCRLだけでも問題ありません。".into(),
        Say::CrlReachable => "証明書に書かれたCRLのURLに、外から接続できるか確かめてください。".into(),
        Say::CaOutage => "認証局の側の一時的な障害のこともあります。しばらくしてから、もう一度確かめてください。".into(),

        Say::InstallNginx => "`ssl_certificate` に中間証明書まで含んだファイル（fullchain.pem）、`ssl_certificate_key` に秘密鍵を指定し、`nginx -t` のあとで `systemctl reload nginx` を実行してください。".into(),
        Say::InstallApache => "`SSLCertificateFile` に中間証明書まで含んだファイル（fullchain.pem）、`SSLCertificateKeyFile` に秘密鍵を指定し、`apachectl configtest` のあとで `apachectl graceful` を実行してください。".into(),
        Say::InstallIis => "新しい証明書を「サーバー証明書」に取り込み、サイトのバインド（https）で選び直してください。".into(),
        Say::InstallPostfix { host } => format!(
            "main.cfで `smtpd_tls_chain_files = /etc/letsencrypt/live/{host}/privkey.pem, /etc/letsencrypt/live/{host}/fullchain.pem` を指定し（Postfix 3.4以降）、`postfix reload` を実行してください。"
        ),
        Say::InstallDovecot { host } => format!(
            "`ssl_cert = </etc/letsencrypt/live/{host}/fullchain.pem` と `ssl_key = </etc/letsencrypt/live/{host}/privkey.pem` を指定し（2.4では `ssl_server_cert_file` と `ssl_server_key_file`）、`doveadm reload` を実行してください。"
        ),
        Say::InstallOther => "新しい証明書を設定したら、サーバーのソフトウェアを読み込み直してください。".into(),
    }
}
