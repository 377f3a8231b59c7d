//! 証明書そのものと送り方(日本語)。

use super::Say;
use crate::checks::chain_shape::RefusedUpTo;
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
        Say::ChainTooLongHeadline => String::from("サーバーが送る‹Certificate›が多すぎます"),
        Say::TooLargeHeadline => String::from("サーバーの‹Certificate›が大きすぎます"),
        Say::UnparseableHeadline => String::from("サーバーの‹Certificate›を読み取れません"),
        Say::WeakSignatureHeadline => String::from("‹Certificate›の署名が古い方式です"),
        Say::WeakKeyHeadline { key } => format!("‹Certificate›の鍵が短すぎます（{key}）"),
        Say::TooLongHeadline { days } => format!("‹Certificate›の有効期間が長すぎます（{days}日）"),
        Say::NotForServersHeadline => String::from("この‹Certificate›はサーバー用ではありません"),
        Say::KeyUsageHeadline => String::from("この‹Certificate›の鍵はTLSに使えません"),
        Say::WrongOrderHeadline => String::from("サーバーが‹Certificate›を違う順番で送っています"),
        Say::RootInChainHeadline => String::from("サーバーが‹RootCertificate›も送っています"),
        Say::RevokedHeadline => String::from("この‹Certificate›は発行元が取り消しています"),
        Say::StapleMissingHeadline => String::from("サーバーが、‹Certificate›に必要な失効情報を添えていません"),
        Say::StapleStaleHeadline => "サーバーが添えた失効情報が古くなっています".into(),
        Say::ClientAuthHeadline => "クライアント認証を兼ねた証明書は、2027年3月15日から発行されません".into(),
        Say::RevocationUnknownHeadline => String::from("‹Certificate›の取り消しの有無を確かめられませんでした"),

        Say::DangerUnverified => "本物のサイトか確かめられません。パスワードなどを入力しないでください。".into(),
        Say::DangerMailPassword => "メールアプリはすぐパスワードを送るため、偽のサーバーに渡るおそれがあります。".into(),
        Say::DangerSomeClientsFail => "一部のアプリや機器は接続できません。".into(),
        Say::DangerChromeFails => "ChromeやEdgeでは開けません。ほかにも接続できないアプリや機器があります。".into(),
        Say::DangerBrowsersRefuse => "ChromeやSafariでは接続できないことがあります。".into(),
        Say::DangerMayBeRevoked => "今は接続できますが、近く使えなくなるおそれがあります。".into(),
        Say::DangerFirefoxRefuses => "Firefoxでは必ず接続に失敗します。".into(),
        Say::DangerBrowsersConnect => "今のところ、多くのブラウザは接続できます。".into(),
        Say::WorksToday => "今は、ブラウザもメールアプリも問題なく接続できます。".into(),
        Say::DangerOldClientsFail => "古いアプリや機器は接続に失敗することがあります。".into(),
        Say::DangerNone => "問題はありません。".into(),

        Say::ChainTooLongMeaning { certificates } => format!(
            "サーバーが送った証明書は{certificates}枚です（ふつうは2〜4枚）。受け取れないアプリや機器は接続に失敗します。"
        ),
        Say::TooLargeMeaning { kb, refused } => {
            let who = match refused {
                RefusedUpTo::Rustls => "rustls（64KB）",
                RefusedUpTo::OpensslBoringssl => "rustls（64KB）、OpenSSLとChromeのBoringSSL（100KB）",
                RefusedUpTo::Gnutls => "rustls、OpenSSL、ChromeのBoringSSL、GnuTLS（64〜128KB）",
                RefusedUpTo::Go => "rustls、OpenSSL、ChromeのBoringSSL、GnuTLS、Go（64〜256KB）",
            };
            format!("証明書は合計約{kb}KBで（ふつうは数KB）、{who}の初期設定の上限を超えています。")
        }
        Say::UnparseableMeaning { position } => {
            format!("{position}番目の証明書は形式が壊れていて、読めませんでした。")
        }
        Say::WeakSignatureMeaning { subject, hash } => format!(
            "「{subject}」の署名は{hash}です。偽造できる古い方式のため、今のブラウザは受け入れません。"
        ),
        Say::WeakKeyMeaning { subject, key } => format!(
            "「{subject}」の鍵{key}は、今の最低限（RSAは2048ビット、楕円曲線は256ビット）より短く、ブラウザは受け入れません。"
        ),
        Say::KeyCannotSign => "この鍵では接続に必要な署名ができないため、サーバーは接続を途中で断ります。ブラウザには証明書のエラーではなく、接続のエラーが表示されます。".into(),
        Say::ValidityRule { issued, limit, .. } => {
            let period = match limit {
                398 => "2026年3月15日より前の発行なら398日まで".to_owned(),
                200 => "2026年3月15日〜2027年3月14日の発行なら200日まで".to_owned(),
                100 => "2027年3月15日〜2029年3月14日の発行なら100日まで".to_owned(),
                47 => "2029年3月15日以降の発行なら47日まで".to_owned(),
                other => format!("この時期の発行なら{other}日まで"),
            };
            format!("この証明書は{}の発行です。一般の‹Ca›の決まりでは、{period}です。", day(*issued, f))
        }
        Say::BrowsersEnforce398 => "398日を超える証明書は、一般の認証局のものならChromeやSafariが受け入れません。".into(),
        Say::BrowsersStillAccept => "ブラウザが拒むのは398日超なので、今は接続できます。".into(),
        Say::CaMustRevokeMisissued => "ただし、決まりに反した証明書は認証局が取り消す決まりです。".into(),
        Say::PrivateCaExempt => "社内の認証局の証明書には、この決まりは当てはまりません。".into(),
        Say::PurposesWithoutServerAuth { purposes } => {
            let list = f.list(&purposes.iter().map(|p| f.cat.purpose(p)).collect::<Vec<_>>());
            format!("用途が「{list}」で、「サーバーの認証（serverAuth）」がないため、ブラウザは受け入れません。")
        }
        Say::KeyUsageBarsTls => "鍵の使い方の指定に、デジタル署名など通信に必要なものがないため、ブラウザは受け入れません。".into(),
        Say::NoPurposesIsFine => "用途の指定がないこと自体は、問題ではありません。".into(),
        Say::WrongOrderMeaning => String::from("証明書は、サーバーのもの、それを発行した‹Intermediate›の順に送る決まりです。今のブラウザは並べ直して確かめます。"),
        Say::RootInChainMeaning { subject } => format!(
            "ルート証明書「{subject}」はブラウザやOSが持っているため使われず、通信が少し増えるだけです。"
        ),
        Say::RevokedMeaning { method: m } => format!("この証明書は‹Revocation›しています。鍵の漏えい時などに行われます。{}で確かめました。", method(*m)),
        Say::RevokedReason { reason } => format!("理由は「{}」です。", f.cat.revocation_reason(reason)),
        Say::RevokedBrowsersDiffer => String::from("ブラウザによっては、まだこのサイトを開けることがあります。取り消しの情報を、FirefoxとChromeはそれぞれ別の仕組みで受け取るためです。開けても、取り消された‹Certificate›であることは変わりません。"),
        Say::StapleMissingMeaning => String::from("この証明書は‹Ocsp›の答えを必ず添える指定（must-staple）付きですが、サーバーは添えていません。"),
        Say::StapleFirefoxOnly => "Chromeはmust-stapleを確かめないため接続します。".into(),
        Say::ClientAuthMeaning => "サーバー用（serverAuth）とクライアント用（clientAuth）を兼ねた証明書です。今は使えますが、Chromeの決まりで一般の‹Ca›は2027年3月15日からサーバー用だけを発行するため、それ以降の更新ではclientAuthがなくなります。".into(),
        Say::ClientAuthRelays => "メールの中継などでこの証明書を‹ClientCertificate›にも使っていると、更新後に失敗します。".into(),
        Say::StapleStaleMeaning => String::from("サーバーが添えた‹Ocsp›の答えの有効期限が過ぎています。"),
        Say::RevocationNoAnswer { methods } => {
            let list = f.list(&methods.iter().map(|m| method(*m)).collect::<Vec<_>>());
            format!("{list}で取り消しの有無を確かめようとしましたが、答えが得られませんでした。")
        }
        Say::NotARevocation => "取り消されている、という意味ではありません。".into(),
        Say::BrowsersDoNotAskOnline => "今のブラウザは接続のたびに問い合わせないため、ふだんは影響ありません。".into(),

        Say::DontUseUntilFixed => "直るまで、このサイトやサービスを使わないでください。".into(),
        Say::NothingToDoNow => "今のところ、することはありません。".into(),
        Say::MailKeepWarning => "メールアプリの警告を越えて先に進まず、「SSLなし」にも変えないでください。".into(),

        Say::OnlyLeafAndIntermediates => "証明書のファイルには、サーバーの証明書と中間証明書だけを入れてください。".into(),
        Say::SmallerCertificate => "ふつうの大きさ（数KB）の証明書を使ってください。".into(),
        Say::FewerNames => "証明書の名前（subjectAltName）や拡張を必要なものだけにしてください。".into(),
        Say::CheckParses => "`openssl x509 -in 証明書ファイル -noout -text` で読めるか確かめてください。".into(),
        Say::PemIntact => "PEM形式（`-----BEGIN CERTIFICATE-----`）のファイルを、改行を崩さずに設定してください。".into(),
        Say::ReissueSha256 => "SHA-256以上の署名で発行し直してもらってください。".into(),
        Say::ReplaceIntermediate => "中間証明書が古いなら、認証局の今のものに差し替えてください。".into(),
        Say::NewKey => "2048ビット以上のRSAかP-256以上のECDSAで鍵を作り、証明書を取り直してください。".into(),
        Say::CertbotEcdsa => "`--key-type ecdsa` でECDSAの鍵になります。".into(),
        Say::ReissueWithin { limit } => format!("有効期間{limit}日以内の証明書を取り直してください。"),
        Say::AutomateRenewal => "`certbot renew` のタイマーで自動更新すれば手間はかかりません。".into(),
        Say::ReissueServerAuth => "「サーバーの認証（serverAuth）」を用途に含めて発行し直してください（社内の認証局ならWebサーバー用テンプレート）。".into(),
        Say::ReissueKeyUsage => "keyUsageにdigitalSignature（RSA鍵ならkeyEnciphermentも）を含めて発行し直してください。".into(),
        Say::ShowUsages => "`openssl x509 -noout -ext extendedKeyUsage,keyUsage -in 証明書ファイル` で確かめられます。".into(),
        Say::OrderLeafFirst => "証明書のファイルを、サーバーの証明書から上の中間証明書へ順に並べてください（certbotのfullchain.pemの順）。".into(),
        Say::ReissueNewKey => "新しい鍵で証明書を取り直し、サーバーに設定してください。".into(),
        Say::CertbotForceRenewal => "`certbot certonly --force-renewal -d 名前` で取り直せます（鍵も新しくなる）。".into(),
        Say::AskCaWhy => "心当たりがなければ、認証局に理由を確かめてください。".into(),
        Say::DropMustStaple => "must-stapleのない証明書に取り替えてください（certbotは `--must-staple` なし）。Let's Encryptは2025年1月30日からこの証明書を発行していません。".into(),
        Say::AskServerAuthOnly => "認証局にはserverAuthだけの証明書を頼み、クライアント認証には別の証明書を用意してください。".into(),
        Say::PostfixClientCert => "`smtp_tls_cert_file` にこの証明書を指定しているなら、外すか別の証明書にしてください。".into(),
        Say::NginxStapling => "OCSPが使えるなら、`ssl_stapling on;`、`ssl_stapling_verify on;`、`resolver` を設定し、`ssl_trusted_certificate` に中間証明書を指定してください。".into(),
        Say::ApacheStapling => "OCSPが使えるなら、`SSLUseStapling on` と `SSLStaplingCache shmcb:/var/run/ocsp(128000)` を設定してください。".into(),
        Say::ServerReachesOcsp => "サーバーからOCSPのURLへ通信できるか確かめてください（ファイアウォール、DNS）。".into(),
        Say::StopStaplingIfOcspEnded => "認証局がOCSPをやめたなら（Let's Encryptは2025年8月6日に停止）、ステープリングを外し、OCSPのURLのない証明書にしてください。".into(),
        Say::NoOcspUrlIsNormal => "OCSPのURLがないのは今はふつうです（Let's Encryptは2025年5月7日から）。CRLだけで問題ありません。".into(),
        Say::CrlReachable => "証明書のCRLのURLに外から接続できるか確かめてください。".into(),
        Say::CaOutage => "認証局の一時的な障害かもしれません。しばらくして確かめ直してください。".into(),

        Say::KeyMismatchHeadline => String::from("秘密鍵が‹Certificate›と対になっていません"),
        Say::DangerServerRefusesPair => "サーバーはこの組み合わせを読み込めず、サイトやメールが止まります。".into(),
        Say::KeyMismatchMeaning { key, leaf_key } => format!(
            "ファイルの鍵（{key}）は、証明書の鍵（{leaf_key}）と対になっていません。"
        ),
        Say::KeepCurrentFiles => "このファイルでサーバーを読み込み直さないでください。".into(),
        Say::ComparePublicKeys => "`openssl x509 -in 証明書 -noout -pubkey` と `openssl pkey -in 鍵 -pubout` の表示が同じなら対です。".into(),
        Say::InstallNginx => "`ssl_certificate` にfullchain.pem、`ssl_certificate_key` に秘密鍵を指定し、`nginx -t` のあと `systemctl reload nginx` を実行してください。".into(),
        Say::InstallApache => "`SSLCertificateFile` にfullchain.pem、`SSLCertificateKeyFile` に秘密鍵を指定し、`apachectl configtest` のあと `apachectl graceful` を実行してください。".into(),
        Say::InstallIis => "新しい証明書を「サーバー証明書」に取り込み、サイトのhttpsバインドで選んでください。".into(),
        Say::InstallOther => "新しい証明書を設定したら、サーバーに読み込み直させてください。".into(),
    }
}
