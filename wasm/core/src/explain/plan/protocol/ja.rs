//! サーバーが話す方式（日本語）。

use super::{Browser, Change, Say, Upgrade, Who};
use crate::explain::Fmt;
use crate::explain::glossary::Term;
use crate::wire::{ProtocolVersion, Weakness};

fn versions(vs: &[ProtocolVersion], f: &Fmt<'_>) -> String {
    f.list(&vs.iter().map(|v| f.cat.version(*v).to_owned()).collect::<Vec<_>>())
}

/// The weakness by name: 「RC4」「RSA鍵交換」.
fn name(w: Weakness) -> String {
    match w {
        Weakness::Rc4 => "RC4".into(),
        Weakness::TripleDes => "3DES".into(),
        Weakness::Null => "NULL暗号".into(),
        Weakness::Export => "輸出用の暗号".into(),
        Weakness::Anonymous => "匿名の鍵交換".into(),
        Weakness::StaticRsa => "RSA鍵交換".into(),
        Weakness::Dhe { bits: Some(bits) } => format!("{bits}ビットのDH鍵"),
        Weakness::Dhe { bits: None } => "DH鍵交換".into(),
    }
}

/// The switch by name: STARTTLS, AUTH TLS, or the switch itself.
fn upgrade(u: Upgrade) -> String {
    match u {
        Upgrade::Starttls => Term::Starttls.to_string(),
        Upgrade::AuthTls => Term::AuthTls.to_string(),
        Upgrade::Request => "暗号化への切り替え".into(),
    }
}

pub(crate) fn say(s: &Say<'_>, f: &Fmt<'_>) -> String {
    match s {
        Say::LegacyOnlyHeadline { versions: vs } => format!("サーバーが古い{}しか使えません", versions(vs, f)),
        Say::LegacyEnabledHeadline { versions: vs } => format!("古い{}も有効のままです", versions(vs, f)),
        Say::LegacyDanger => "盗み見や書き換えのおそれがあります。".into(),
        Say::CurrentClientsUnaffected => "今のブラウザやアプリの通信に影響はありません。".into(),
        Say::OnlyTheseVersions { versions: vs } => format!("‹Tls›のバージョンのうち、使えるのは{}だけです。", versions(vs, f)),
        Say::BrowsersDropped { year } => format!("弱点が見つかり、主なブラウザは{year}年ごろに使うのをやめました。"),
        Say::MailAppsDropped => "新しいメールアプリや多くのメールサービスも使いません。".into(),
        Say::TypicalOfOldDevices => "古いルーター、NAS、プリンターによくある状態です。".into(),
        Say::AlsoOldVersions { versions: vs } => {
            format!("新しい‹Tls›のほか、弱点のある古い{}でも接続できます。", versions(vs, f))
        }
        Say::OldClientsMayUseThem => "古い端末やアプリは、これでつながり、盗み見られるおそれがあります。".into(),
        Say::WeakOnlyHeadline { weakness } => format!("サーバーが弱い暗号（{}）しか使えません", name(*weakness)),
        Say::WeakEnabledHeadline { weakness } => format!("弱い暗号（{}）も有効のままです", name(*weakness)),
        Say::AcceptedOnly { weakness } => format!("受け付けた‹CipherSuite›は、{}を使うものだけでした。", name(*weakness)),
        Say::AcceptsAlso { weakness } => {
            format!("新しい‹CipherSuite›のほか、{}を使うものでも接続できます。", name(*weakness))
        }
        Say::Why { weakness } => match weakness {
            Weakness::Rc4 => "RC4は解読の手口が知られています。".into(),
            Weakness::TripleDes => "3DESは大量の通信から解読されるおそれがあります。".into(),
            Weakness::Null => "NULL暗号は何も暗号化しません。".into(),
            Weakness::Export => "輸出用の暗号は1990年代にわざと弱くされ、すぐ解読されます。".into(),
            Weakness::Anonymous => "匿名の鍵交換は、サーバーが本物か確かめません。".into(),
            Weakness::StaticRsa => "RSA鍵交換は、鍵の漏えいに弱い古い方式です。".into(),
            Weakness::Dhe { bits: Some(_) } => "この長さのDH鍵は解読されやすい状態です。".into(),
            Weakness::Dhe { bits: None } => "DH鍵交換は、主なブラウザが使わなくなった方式です。".into(),
        },
        Say::MainBrowsersRefuse => "Chrome、Edge、Firefoxはこの暗号で接続しません。".into(),
        Say::SomeBrowsersStillConnect => "Firefoxなど一部のブラウザは、今もこの方式で接続することがあります。".into(),
        Say::WeakDanger => "通信を盗み見られるおそれがあります。".into(),
        Say::NoEncryptionDanger => "通信の中身がそのまま読まれます。".into(),
        Say::NoServerCheckDanger => "偽のサーバーになりすまされても、見分けられません。".into(),
        Say::PastTrafficDanger => "サーバーの鍵が漏れると、過去の通信も読まれます。".into(),
        Say::NoOverlapHeadline => "サーバーと共通に使える暗号がありません".into(),
        Say::NoOverlapMeaning => String::from("サーバーは‹Tls›で返事をしますが、今の暗号も古い暗号も、どの‹CipherSuite›も受け付けませんでした。暗号の設定が絞られすぎているか、特殊な暗号だけの可能性があります。"),
        Say::NotEncryptedYet => "暗号化された通信は始まっていません。".into(),
        Say::AskAdmin { who, change } => {
            let admin = match who {
                Who::Site => "サイトや機器の管理者",
                Who::Mail => "メールサービスの管理者",
                Who::Service => "サービスの管理者",
            };
            match change {
                Change::Versions => format!("{admin}に、TLS 1.2以上への対応を頼んでください。"),
                Change::Ciphers => format!("{admin}に、新しい暗号への対応を頼んでください。"),
            }
        }
        Say::UpdateFirmware => "自分の機器なら、ファームウェアを更新し、直らなければ買い替えを考えてください。".into(),
        Say::DontLowerBrowserSettings => "ブラウザの設定で古い方式を許可しないでください。".into(),
        Say::NothingToDoForUsers => "利用者がすることはありません。".into(),
        Say::NoPlainApp => "暗号化なしでは接続しないでください。パスワードやデータが読まれるおそれがあります。".into(),
        Say::NginxVersions => "`ssl_protocols TLSv1.2 TLSv1.3;` にして、`nginx -t && nginx -s reload`".into(),
        Say::ApacheVersions => "`SSLProtocol -all +TLSv1.2 +TLSv1.3` にして、`apachectl graceful`".into(),
        Say::IisVersions => {
            "SCHANNELのレジストリかIIS Cryptoで、TLS 1.2を有効に、TLS 1.0と1.1を無効にしてください。Windows Server 2008以前は移行が必要です。".into()
        }
        Say::PostfixVersions => {
            "main.cf で `smtpd_tls_protocols = >=TLSv1.2` と `smtpd_tls_mandatory_protocols = >=TLSv1.2`（3.6より前は `!SSLv2, !SSLv3, !TLSv1, !TLSv1.1`）".into()
        }
        Say::PostfixOldOpenssl => "OpenSSLが古いと、TLS 1.2にはOSの更新が必要なことがあります（`openssl version`）。".into(),
        Say::DovecotVersions => "`ssl_min_protocol = TLSv1.2`".into(),
        Say::ServerVersions => {
            "TLS 1.2と1.3を有効にし、それより古いバージョンを無効にしてください。OpenSSLが古ければ、OSやソフトの更新も必要です。".into()
        }
        Say::DeviceFirmwareVersions => {
            "機器はファームウェア更新でTLS 1.2に対応することがあります。対応しなければ、手前にリバースプロキシを置くか、買い替えてください。".into()
        }
        Say::NginxCiphers => {
            "`ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;`".into()
        }
        Say::ApacheCiphers => "`SSLCipherSuite` に同じリストを指定してください。".into(),
        Say::IisCiphers => {
            "グループポリシーの「SSL 暗号の順位」で、ECDHEとAES-GCMを有効に、RC4・3DES・NULL・RSA鍵交換を無効にしてください。".into()
        }
        Say::PostfixCiphers => {
            "main.cf で `smtpd_tls_ciphers = high`、`smtpd_tls_mandatory_ciphers = high`、`smtpd_tls_exclude_ciphers = aNULL, RC4, 3DES, MD5`".into()
        }
        Say::PostfixNoRsaKeyExchange => {
            "`smtpd_tls_exclude_ciphers` に `kRSA` を加えてください。25番では古い相手との受け渡しが暗号化なしに戻ることがあるため、587番と465番（`master.cf` の `-o`）から始めてください。".into()
        }
        Say::PostfixDhParams => {
            "`smtpd_tls_dh1024_param_file` を外し、組み込みの2048ビットの値を使ってください（3.1以降）。".into()
        }
        Say::DovecotCiphers => {
            "`ssl_cipher_list` を既定値に戻すか、RC4、3DES、NULLを外してECDHEとAES-GCMを含めてください。".into()
        }
        Say::DovecotDhParams => {
            "`openssl dhparam -out /etc/dovecot/dh.pem 2048` で作り直し、`ssl_dh = </etc/dovecot/dh.pem`（2.3）".into()
        }
        Say::ServerCiphers => "暗号の設定からRC4、3DES、NULLなどを外し、ECDHEとAES-GCMを含めてください。".into(),
        Say::DeviceFirmwareCiphers => "機器はファームウェア更新で新しい暗号に対応することがあります。".into(),
        Say::KeyTypeMatchesCiphers => {
            "証明書の鍵の種類と暗号が合うか確かめてください。ECDSAの証明書にRSA用の暗号（ECDHE-RSA-…）だけでは、共通の暗号がなくなります。".into()
        }
        Say::OutdatedHeadline => "お使いのブラウザが古いため、このサイトに接続できません".into(),
        Say::OutdatedDanger => "古いブラウザは安全のための更新を受け取れていません。".into(),
        Say::OutdatedMeaning { browser, version, needs, since } => {
            let needs = f.cat.version(*needs);
            format!("このサイトは‹Tls›のバージョンが{needs}以降でないと接続できません。{needs}を使えるのは{browser} {since}以降で、お使いのものは{version}です。")
        }
        Say::ServerIsRight => "サーバーの設定は今の基準で正しいものです。".into(),
        Say::UpdateBrowser => "ブラウザを最新版に更新してください。".into(),
        Say::BrowserUpdateMenu(Browser::Chrome) => "Chrome: 右上の「︙」→「ヘルプ」→「Google Chrome について」で更新が始まります。".into(),
        Say::BrowserUpdateMenu(Browser::Edge) => {
            "Edge: 右上の「…」→「ヘルプとフィードバック」→「Microsoft Edge について」で更新が始まります。".into()
        }
        Say::BrowserUpdateMenu(Browser::Firefox) => "Firefox: 右上の「≡」→「ヘルプ」→「Firefox について」で更新が始まります。".into(),
        Say::OsTooOld => {
            "更新できないほどOSが古ければ、OSの更新か端末の買い替えを考えてください。会社の端末なら管理者に相談してください。".into()
        }
        Say::AllowTls12IfNeeded => {
            "古いブラウザも受け入れるなら、TLS 1.2も有効にしてください（ECDHEとAES-GCMの組み合わせに限る）。".into()
        }
        Say::KeepVersionsAskUpdate => "古いバージョンを有効に戻さず、利用者にブラウザの更新を案内してください。".into(),
        Say::NotOfferedHeadline { port } => format!("ポート{port}のサーバーは、暗号化に対応していません"),
        Say::NotOfferedMeaning { protocol, upgrade: u } => format!(
            "{}で接続しましたが、サーバーは{}を提供していません。",
            f.cat.starttls_protocol(*protocol),
            upgrade(*u)
        ),
        Say::LoginAcceptedAnyway { mechanisms } => {
            format!("それでもパスワードでのログイン（{}）を受け付けています。", f.list(mechanisms))
        }
        Say::PlaintextDanger { mail: true } => "このままでは、パスワードとメールが暗号化されずに流れます。".into(),
        Say::PlaintextDanger { mail: false } => "このままでは、パスワードやデータが暗号化されずに流れます。".into(),
        Say::CheckServiceSettings => "サービスの案内で、ポート番号と暗号化の方式を確かめてください。".into(),
        Say::PostfixMayOn25 => "25番には main.cf で `smtpd_tls_security_level = may`".into(),
        Say::PostfixEncryptOnSubmission => "master.cf のsubmission（587番）に `-o smtpd_tls_security_level=encrypt`".into(),
        Say::DovecotSsl => "`ssl = yes`（暗号化なしを断るなら `ssl = required`）".into(),
        Say::EnableUpgrade { upgrade: u } => format!("サーバーに証明書と秘密鍵を設定し、{}を有効にしてください。", upgrade(*u)),
        Say::FtpAuthTls => "vsftpdは `ssl_enable=YES`、`rsa_cert_file`、`rsa_private_key_file`。ProFTPDは `TLSEngine on`".into(),
        Say::FailedHeadline { port } => format!("ポート{port}で、暗号化への切り替えに失敗しました"),
        Say::ConnectedWith { protocol } => format!("{}で接続しました。", f.cat.starttls_protocol(*protocol)),
        Say::Refused { upgrade: u } => format!(
            "サーバーは{}に対応すると伝えながら、切り替えを断りました。多くは証明書か秘密鍵のファイルを読み込めていないためです。",
            upgrade(*u)
        ),
        Say::ProtocolError { upgrade: u, protocol } => format!(
            "{}の途中で、サーバーが{}の決まりに合わない返事をしました。",
            upgrade(*u),
            f.cat.starttls_protocol(*protocol)
        ),
        Say::CutInDialogue { upgrade: u } => format!("{}の途中で、サーバーが接続を切りました。", upgrade(*u)),
        Say::CutInHandshake { upgrade: u } => format!("サーバーは{}に同意したあと、‹Handshake›の途中で接続を切りました。古い‹Tls›しか使えないか、証明書の設定の問題かもしれません。", upgrade(*u)),
        Say::SilentInDialogue { upgrade: u } => format!("{}の途中で、サーバーの返事が止まりました。", upgrade(*u)),
        Say::SilentInHandshake { upgrade: u } => format!("サーバーは{}に同意したあと、‹Handshake›に返事をしませんでした。", upgrade(*u)),
        Say::AlertInHandshake { upgrade: u, alert } => {
            let reason = f.cat.alert(alert).unwrap_or("理由は不明");
            format!("サーバーは{}に同意したあと、‹Handshake›で断りました（{reason}）。", upgrade(*u))
        }
        Say::LikelyVersionsOrCiphers => "多くは、サーバーがTLS 1.0や1.1しか使えないか、共通の暗号がないためです。".into(),
        Say::BadDataInHandshake { upgrade: u } => format!("サーバーは{}に同意したあと、‹Handshake›で‹Tls›の決まりに合わないデータを返しました。", upgrade(*u)),
        Say::NothingSentFailed => "パスワードはまだ送られていません。".into(),
        Say::ServerLog { upgrade: u } => format!(
            "サーバーのログで、{}が失敗した理由を確かめてください。多くは証明書や秘密鍵のファイルの場所か読み取り権限です。",
            upgrade(*u)
        ),
        Say::PostfixLog => "`journalctl -u postfix` か /var/log/mail.log で `cannot get private key` などを探してください。".into(),
        Say::PostfixCheckFiles => {
            "`postconf -n | grep tls` で、ファイルが実在し、秘密鍵と証明書が組になっているか確かめてください。".into()
        }
        Say::DovecotLog => "`journalctl -u dovecot` でエラーを探してください。".into(),
        Say::DovecotCheckFiles => "`doveconf -n | grep ssl` で設定を確かめてください。".into(),
        Say::PlaintextAuthHeadline => "暗号化の前にパスワードでログインできます".into(),
        Say::PlaintextAuthMeaning { protocol, port, upgrade: u, mechanisms } => format!(
            "ポート{port}の{}サーバーは{}に対応していますが、切り替える前のログイン（{}）も受け付けます。暗号化なしのアプリは、パスワードを読める形で送ってもログインできてしまいます。",
            f.cat.starttls_protocol(*protocol),
            upgrade(*u),
            f.list(mechanisms)
        ),
        Say::SafeWithEncryption { mail: true } => "暗号化を使う設定なら安全です。「SSLなし」は危険です。".into(),
        Say::SafeWithEncryption { mail: false } => "暗号化を使う設定なら安全です。暗号化なしは危険です。".into(),
        Say::MailAppEncryptionNotNone => "メールアプリの暗号化の設定が「なし」なら、STARTTLSに変えてください。".into(),
        Say::AppUsesEncryption { upgrade: u } => format!("アプリで暗号化（{}）を使ってください。", upgrade(*u)),
        Say::ChangePasswordIfPlain => "暗号化なしで使っていたなら、パスワードを変えてください。".into(),
        Say::PostfixAuthOnly => "main.cf で `smtpd_tls_auth_only = yes`".into(),
        Say::DovecotNoPlaintextAuth => "2.3では `disable_plaintext_auth = yes`、2.4では `auth_allow_cleartext = no`".into(),
        Say::RefuseLoginBeforeTls => "暗号化の前にはログインを受け付けない設定にしてください。".into(),
    }
}
