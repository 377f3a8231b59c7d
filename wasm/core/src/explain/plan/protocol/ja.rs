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
        Say::LegacyOnlyHeadline { versions: vs } => {
            format!("サーバーが古い方式（{}）にしか対応していません", versions(vs, f))
        }
        Say::LegacyEnabledHeadline { versions: vs } => {
            format!("古い暗号化の方式（{}）も有効のままです", versions(vs, f))
        }
        Say::LegacyDanger => "古い方式の通信は、盗み見や書き換えの弱点が知られています。".into(),
        Say::CurrentClientsUnaffected => "今のブラウザやアプリからの通信には、影響はありません。".into(),
        Say::OnlyTheseVersions { versions: vs } => format!("‹Tls›にはバージョンがあります。このサーバーが使えるのは{}だけです。", versions(vs, f)),
        Say::BrowsersDropped { year } => {
            format!("弱点が見つかったため、主なブラウザは{year}年ごろにこのバージョンを使うのをやめました。")
        }
        Say::MailAppsDropped => "新しいメールアプリや、多くのメールサービスも使わなくなっています。".into(),
        Say::TypicalOfOldDevices => "古いルーター、NAS、プリンター、社内の機器によくある状態です。".into(),
        Say::AlsoOldVersions { versions: vs } => format!("このサーバーは新しい‹Tls›で接続できますが、弱点の見つかった古いバージョン（{}）でも接続を受け付けます。", versions(vs, f)),
        Say::OldClientsMayUseThem => {
            "今のブラウザは古いバージョンを使いません。ただし、古い端末やアプリは古いバージョンでつながり、盗み見られるおそれがあります。".into()
        }
        Say::WeakOnlyHeadline { weakness } => format!("サーバーが弱い暗号（{}）しか使えません", name(*weakness)),
        Say::WeakEnabledHeadline { weakness } => format!("弱い暗号（{}）も有効のままです", name(*weakness)),
        Say::AcceptedOnly { weakness } => {
            format!("このサーバーが受け付けた‹CipherSuite›は、{}を使うものだけでした。", name(*weakness))
        }
        Say::AcceptsAlso { weakness } => format!("このサーバーは新しい‹CipherSuite›で接続できますが、{}を使うものでも接続を受け付けます。", name(*weakness)),
        Say::Why { weakness } => match weakness {
            Weakness::Rc4 => "RC4は、解読の手口が知られている暗号です。".into(),
            Weakness::TripleDes => "3DESは古い暗号で、大量の通信から解読される弱点があります。".into(),
            Weakness::Null => "NULL暗号は、暗号化をまったくしない設定です。".into(),
            Weakness::Export => "輸出用の暗号は、1990年代にわざと弱くされた暗号で、すぐに解読されます。".into(),
            Weakness::Anonymous => "匿名の鍵交換では、サーバーが本物かどうかを確かめません。".into(),
            Weakness::StaticRsa => {
                "RSA鍵交換では、あとでサーバーの鍵が漏れると、過去の通信まで読まれてしまいます。".into()
            }
            Weakness::Dhe { bits: Some(bits) } => {
                format!("鍵を共有する仕組み（DH）の鍵が{bits}ビットと短く、解読されやすい状態です。")
            }
            Weakness::Dhe { bits: None } => "DH鍵交換は、主なブラウザが使わなくなった鍵の共有の方式です。".into(),
        },
        Say::MainBrowsersRefuse => "Chrome、Edge、Firefoxは、この暗号では接続しません。".into(),
        Say::SomeBrowsersStillConnect => {
            "Firefoxなど、今もこの方式で接続できるブラウザはありますが、接続できないブラウザもあります。".into()
        }
        Say::SomeClientsStillUseRsa => {
            "Firefoxなど一部のブラウザやアプリは、今もこの方式で接続することがあります。".into()
        }
        Say::OldDevicesMayUseWeak => {
            "今のブラウザはこの暗号を選びません。ただし、古い端末やアプリは、この弱い暗号でつながるおそれがあります。".into()
        }
        Say::WeakDanger => "弱い暗号の通信は、盗み見られるおそれがあります。".into(),
        Say::NoEncryptionDanger => "暗号化されないため、通信の中身がそのまま読まれます。".into(),
        Say::NoServerCheckDanger => "偽のサーバーになりすまされても、見分けられません。".into(),
        Say::PastTrafficDanger => "サーバーの鍵が漏れると、過去の通信まで読まれるおそれがあります。".into(),
        Say::NoOverlapHeadline => "サーバーと共通に使える暗号がありません".into(),
        Say::NoOverlapMeaning => String::from("このサーバーは‹Tls›で返事をしますが、こちらが示したどの‹CipherSuite›も受け付けませんでした。今のブラウザが使う暗号も、古い暗号も試しています。サーバーの暗号の設定が極端に絞られているか、特殊な暗号だけになっている可能性があります。"),
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
        Say::UpdateFirmware => {
            "自分で管理している機器なら、ファームウェアを最新版に更新してください。更新しても直らない機器は、買い替えを考えてください。".into()
        }
        Say::DontLowerBrowserSettings => "ブラウザの設定を変えて、古い方式を許可しないでください。".into(),
        Say::NothingToDoForUsers => "利用者がすることはありません。".into(),
        Say::NoPlainApp => {
            "アプリに「暗号化なしで接続しますか」と聞かれても、「いいえ」を選んでください。暗号化しないと、パスワードやデータが途中で読まれるおそれがあります。".into()
        }
        Say::NginxVersions => "`ssl_protocols TLSv1.2 TLSv1.3;` にして、`nginx -t` のあとで読み込み直してください。".into(),
        Say::ApacheVersions => {
            "`SSLProtocol -all +TLSv1.2 +TLSv1.3` にして、`apachectl graceful` で読み込み直してください。".into()
        }
        Say::IisVersions => {
            "TLS 1.2を有効にし、TLS 1.0と1.1を無効にしてください（SCHANNELのレジストリ設定、またはIIS Cryptoなどの道具で）。Windows Server 2008以前はTLS 1.2に十分対応していないため、移行が必要です。".into()
        }
        Say::PostfixVersions => {
            "main.cf で `smtpd_tls_protocols = >=TLSv1.2` と `smtpd_tls_mandatory_protocols = >=TLSv1.2` を設定してください（Postfix 3.6以降。古いバージョンでは `!SSLv2, !SSLv3, !TLSv1, !TLSv1.1`）。".into()
        }
        Say::PostfixOldOpenssl => {
            "古いOpenSSLで動いている場合は、OSごと更新しないとTLS 1.2が使えないことがあります。`postconf -a` と `openssl version` で確かめてください。".into()
        }
        Say::DovecotVersions => "`ssl_min_protocol = TLSv1.2` を設定してください。".into(),
        Say::ServerVersions => {
            "サーバーの設定でTLS 1.2と1.3を有効にし、それより古いバージョンを無効にしてください。OpenSSLが古いとTLS 1.2が使えないため、OSやソフトの更新が必要なことがあります。".into()
        }
        Say::DeviceFirmwareVersions => {
            "ルーター、NAS、プリンターなどの機器は、メーカーのファームウェア更新でTLS 1.2に対応することがあります。対応しない機器は、手前に暗号化を受け持つ中継サーバー（リバースプロキシ）を置くか、買い替えを考えてください。".into()
        }
        Say::NginxCiphers => {
            "`ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;` を設定してください。".into()
        }
        Say::ApacheCiphers => "`SSLCipherSuite` に同じ組み合わせを指定してください。".into(),
        Say::IisCiphers => {
            "グループポリシーの「SSL 暗号の順位」でECDHEとAES-GCMの組み合わせを有効にし、RC4・3DES・NULL・RSA鍵交換の組み合わせを無効にしてください。".into()
        }
        Say::PostfixCiphers => {
            "main.cf で `smtpd_tls_mandatory_ciphers = high` と `smtpd_tls_ciphers = high` を設定し、`smtpd_tls_exclude_ciphers = aNULL, RC4, 3DES, MD5` で弱い暗号を外してください。".into()
        }
        Say::PostfixNoRsaKeyExchange => {
            "RSA鍵交換も外すなら、`smtpd_tls_exclude_ciphers` に `kRSA` を加えてください。25番では、古い相手のサーバーとの受け渡しが暗号化なしに戻ることがあるため、587番と465番（`master.cf` の `-o`）から始めるのが安全です。".into()
        }
        Say::PostfixDhParams => {
            "DHの鍵が短い場合は、`smtpd_tls_dh1024_param_file` の指定を外して、Postfixの組み込みの2048ビットの値を使ってください（Postfix 3.1以降）。".into()
        }
        Say::DovecotCiphers => {
            "`ssl_cipher_list` からRC4、3DES、NULLなどの弱い暗号を外し、ECDHEとAES-GCMの組み合わせを含めてください。既定値に戻すのがいちばん簡単です。".into()
        }
        Say::DovecotDhParams => {
            "DHの鍵が短い場合は、`openssl dhparam -out /etc/dovecot/dh.pem 2048` で作り直し、`ssl_dh = </etc/dovecot/dh.pem` を指定してください（Dovecot 2.3）。".into()
        }
        Say::ServerCiphers => {
            "サーバーの暗号の設定から、RC4、3DES、NULLなどの弱い暗号を外し、ECDHEとAES-GCMの組み合わせを含めてください。".into()
        }
        Say::DeviceFirmwareCiphers => "古い機器は、ファームウェアを更新すると新しい暗号に対応することがあります。".into(),
        Say::KeyTypeMatchesCiphers => {
            "証明書の鍵の種類と暗号の組み合わせが合っているかも確かめてください。ECDSAの証明書にRSA用の暗号（ECDHE-RSA-…）だけを指定すると、共通の暗号がなくなります。".into()
        }
        Say::PostfixReload => "設定や証明書を変えたら、`postfix reload` で読み込み直してください。".into(),
        Say::DovecotReload => "設定や証明書を変えたら、`doveadm reload` で読み込み直してください。".into(),
        Say::OutdatedHeadline => "お使いのブラウザが古いため、このサイトに接続できません".into(),
        Say::OutdatedDanger => "古いブラウザは、安全のための更新を受け取れていません。".into(),
        Say::OutdatedMeaning { browser, version, needs, since } => {
            let needs = f.cat.version(*needs);
            format!("このサイトのサーバーは、‹Tls›のバージョンのうち、{needs}以降でしか接続を受け付けません。お使いの{browser}はバージョン{version}です。{needs}を使えるのは、{browser}のバージョン{since}以降です。")
        }
        Say::ServerIsRight => "サーバーの設定は、今の基準では正しいものです。".into(),
        Say::UpdateBrowser => "ブラウザを最新版に更新してください。".into(),
        Say::BrowserUpdateMenu(Browser::Chrome) => {
            "Chrome: 右上の「︙」→「ヘルプ」→「Google Chrome について」を開くと、更新が始まります。".into()
        }
        Say::BrowserUpdateMenu(Browser::Edge) => {
            "Edge: 右上の「…」→「ヘルプとフィードバック」→「Microsoft Edge について」を開くと、更新が始まります。".into()
        }
        Say::BrowserUpdateMenu(Browser::Firefox) => {
            "Firefox: 右上の「≡」→「ヘルプ」→「Firefox について」を開くと、更新が始まります。".into()
        }
        Say::OsTooOld => {
            "OSが古くてブラウザを更新できない場合は、OSの更新か、端末の買い替えを考えてください。会社の端末なら、管理者に相談してください。".into()
        }
        Say::AllowTls12IfNeeded => {
            "古いブラウザの利用者も受け入れる必要があるときだけ、TLS 1.2も有効にしてください（ECDHEとAES-GCMのような安全な組み合わせに限ります）。".into()
        }
        Say::NginxTls12And13 => "`ssl_protocols TLSv1.2 TLSv1.3;` にして、`nginx -t` のあとで `nginx -s reload` を実行してください。".into(),
        Say::KeepVersionsAskUpdate => {
            "サーバーの設定を古いバージョンに戻す必要はありません。利用者に、ブラウザの更新を案内してください。".into()
        }
        Say::NotOfferedHeadline { port } => format!("ポート{port}のサーバーは、暗号化に対応していません"),
        Say::NotOfferedMeaning { protocol, upgrade: u } => format!(
            "{}で接続しましたが、サーバーは{}を提供していません。このサーバーとは、暗号化せずにしか通信できません。",
            f.cat.starttls_protocol(*protocol),
            upgrade(*u)
        ),
        Say::LoginAcceptedAnyway { mechanisms } => {
            format!("それでも、パスワードでのログイン（{}）を受け付けています。", f.list(mechanisms))
        }
        Say::PlaintextDanger { mail: true } => "このまま使うと、パスワードとメールが暗号化されずに流れます。".into(),
        Say::PlaintextDanger { mail: false } => "このまま使うと、パスワードやデータが暗号化されずに流れます。".into(),
        Say::CheckServiceSettings => "サービスの案内で、ポート番号と暗号化の方式を確かめてください。".into(),
        Say::PostfixChain => format!(
            "main.cf で、秘密鍵と、中間証明書まで含んだ証明書のファイルを指定してください（Postfix 3.4以降）: `smtpd_tls_chain_files = /etc/letsencrypt/live/{h}/privkey.pem, /etc/letsencrypt/live/{h}/fullchain.pem`。古いバージョンでは `smtpd_tls_cert_file` にfullchain.pem、`smtpd_tls_key_file` にprivkey.pemを指定します。",
            h = f.host
        ),
        Say::PostfixMayOn25 => "main.cf で `smtpd_tls_security_level = may` を設定すると、25番でSTARTTLSを提供します。".into(),
        Say::PostfixEncryptOnSubmission => {
            "master.cf のsubmission（587番）には `-o smtpd_tls_security_level=encrypt` を付け、暗号化しない接続を断るようにしてください。".into()
        }
        Say::DovecotSsl => "`ssl = yes`（暗号化しない接続を断るなら `ssl = required`）を設定してください。".into(),
        Say::DovecotChain => format!(
            "中間証明書まで含んだファイルを指定してください。Dovecot 2.3では `ssl_cert = </etc/letsencrypt/live/{h}/fullchain.pem` と `ssl_key = </etc/letsencrypt/live/{h}/privkey.pem`（先頭の `<` はファイルの中身を読む印です）、2.4では `ssl_server_cert_file` と `ssl_server_key_file` です。",
            h = f.host
        ),
        Say::EnableUpgrade { upgrade: Upgrade::Starttls } => {
            "サーバーに証明書と秘密鍵を設定し、STARTTLSを有効にしてください。".into()
        }
        Say::EnableUpgrade { upgrade: Upgrade::AuthTls } => {
            "FTPサーバーに証明書と秘密鍵を設定し、AUTH TLSを有効にしてください。".into()
        }
        Say::EnableUpgrade { upgrade: Upgrade::Request } => {
            "サーバーに証明書と秘密鍵を設定し、暗号化（SSL/TLS）を有効にしてください。".into()
        }
        Say::FtpAuthTls => {
            "vsftpdなら `ssl_enable=YES` と `rsa_cert_file`・`rsa_private_key_file` を、ProFTPDなら `TLSEngine on` を設定します。".into()
        }
        Say::FailedHeadline { port } => format!("ポート{port}で、暗号化への切り替えに失敗しました"),
        Say::ConnectedWith { protocol } => format!("{}で接続しました。", f.cat.starttls_protocol(*protocol)),
        Say::Refused { upgrade: u } => format!(
            "サーバーは{}に対応していると伝えてきましたが、切り替えを頼むと断りました。多くの場合、サーバーが証明書か秘密鍵のファイルを読み込めていません。",
            upgrade(*u)
        ),
        Say::ProtocolError { upgrade: u, protocol } => format!(
            "{}のやりとりの途中で、サーバーから{}の決まりに合わない返事がありました。",
            upgrade(*u),
            f.cat.starttls_protocol(*protocol)
        ),
        Say::CutInDialogue { upgrade: u } => format!("{}のやりとりの途中で、サーバーが接続を切りました。", upgrade(*u)),
        Say::CutInHandshake { upgrade: u } => format!("サーバーは{}に同意しましたが、そのあとの‹Handshake›の途中で接続を切りました。サーバーが古い‹Tls›しか使えないか、証明書の設定に問題がある可能性があります。", upgrade(*u)),
        Say::SilentInDialogue { upgrade: u } => {
            format!("{}のやりとりの途中で、サーバーの返事が止まりました。", upgrade(*u))
        }
        Say::SilentInHandshake { upgrade: u } => format!("サーバーは{}に同意しましたが、そのあとの‹Handshake›に返事がありませんでした。", upgrade(*u)),
        Say::AlertInHandshake { upgrade: u, alert } => {
            let reason = f.cat.alert(alert).unwrap_or("理由の分からない拒否");
            format!("サーバーは{}に同意しましたが、そのあとの‹Handshake›で断りました（{reason}）。", upgrade(*u))
        }
        Say::LikelyVersionsOrCiphers => {
            "多くの場合、サーバーがTLS 1.0や1.1のような古いバージョンしか使えないか、使える暗号が重なっていません。".into()
        }
        Say::BadDataInHandshake { upgrade: u } => format!("サーバーは{}に同意しましたが、そのあとの‹Handshake›で、‹Tls›の決まりに合わないデータが返ってきました。", upgrade(*u)),
        Say::NothingSentFailed => "暗号化された通信は始まっておらず、パスワードもまだ送られていません。".into(),
        Say::ServerLog { upgrade: Upgrade::Starttls } => {
            "サーバーのログで、STARTTLSが失敗した理由を確かめてください。証明書と秘密鍵のファイルの場所と読み取りの権限がよくある原因です。".into()
        }
        Say::ServerLog { upgrade: Upgrade::AuthTls } => {
            "FTPサーバーのログで、AUTH TLSが失敗した理由を確かめてください。証明書と秘密鍵のファイルの場所と読み取りの権限がよくある原因です。".into()
        }
        Say::ServerLog { upgrade: Upgrade::Request } => {
            "サーバーのログで、暗号化への切り替えが失敗した理由を確かめてください。証明書と秘密鍵のファイルの場所と読み取りの権限がよくある原因です。".into()
        }
        Say::PostfixLog => {
            "`journalctl -u postfix` か /var/log/mail.log に、証明書や秘密鍵を読めなかった理由（`cannot get private key` など）が出ていないか確かめてください。".into()
        }
        Say::PostfixCheckFiles => {
            "`postconf -n | grep tls` で、指定したファイルが実在し、秘密鍵と証明書が組になっているか確かめてください。".into()
        }
        Say::DovecotLog => "`journalctl -u dovecot` に、証明書や秘密鍵を読めなかった理由が出ていないか確かめてください。".into(),
        Say::DovecotCheckFiles => {
            "`doveconf -n | grep ssl` で設定を確かめてください。2.3では、ファイル名の前の `<` を忘れるとよく失敗します。".into()
        }
        Say::PlaintextAuthHeadline => "暗号化の前でも、パスワードでのログインを受け付けています".into(),
        Say::PlaintextAuthMeaning { protocol, port, upgrade: u, mechanisms } => format!(
            "ポート{port}の{}サーバーは{}に対応していますが、切り替える前でも、パスワードでのログイン（{}）を受け付けています。暗号化なしで設定したアプリは、パスワードを読める形で送り、それでもログインできてしまいます。",
            f.cat.starttls_protocol(*protocol),
            upgrade(*u),
            f.list(mechanisms)
        ),
        Say::SafeWithEncryption { mail: true } => "暗号化を使う設定なら安全です。「SSLなし」の設定は危険です。".into(),
        Say::SafeWithEncryption { mail: false } => "暗号化を使う設定なら安全です。暗号化なしの設定は危険です。".into(),
        Say::MailAppEncryptionNotNone => {
            "メールアプリの暗号化の設定が「なし」なら、STARTTLSに変えてください。".into()
        }
        Say::AppUsesEncryption { upgrade: u } => {
            format!("アプリの設定で、暗号化（{}）を使うようにしてください。", upgrade(*u))
        }
        Say::ChangePasswordIfPlain => "暗号化なしで使っていた場合は、念のためパスワードを変えてください。".into(),
        Say::PostfixAuthOnly => {
            "main.cf で `smtpd_tls_auth_only = yes` を設定すると、STARTTLSの前にはログイン（AUTH）を提供しなくなります。".into()
        }
        Say::DovecotNoPlaintextAuth => {
            "暗号化の前のログインを断るよう設定してください。Dovecot 2.3では `disable_plaintext_auth = yes`、2.4では `auth_allow_cleartext = no` です。".into()
        }
        Say::RefuseLoginBeforeTls => "暗号化の前にはログインを受け付けない設定にしてください。".into(),
    }
}
