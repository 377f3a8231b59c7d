//! 日本語のカタログ(原文)。英語版 `en.rs` はこれを写したものです。
//!
//! 書き方: です・ます調。一文を短く。専門用語は、各説明の中で最初に出るところに
//! 「(…)」で一行の言い換えを付ける。表記は一つに揃える(証明書、中間証明書、サーバー、
//! ブラウザ、メールアプリ、端末)。表記の揺れはテストで検出する。

use super::{Catalog, Field, FindingText, Fmt, Notice, RefusalWords, for_software, step};
use crate::time::Civil;
use crate::wire::{
    CertSummary, ClockSource, CutKind, DnsError, Finding, FindingKind, HandshakeFailure, InterceptorKind, Labels,
    NameHint, Plaintext, PolicySource, RefusalRule, RejectReason, RevocationMethod, Severity, Side, Stage,
    StarttlsFailure, StarttlsProtocol, StarttlsStage, TrustStore, Weakness,
};

pub(crate) struct Ja;

// 何度も出てくる言い換え。
const CERT_GLOSS: &str = "証明書（サイトが本物であることを示す、電子的な身分証明書）";
const INTERMEDIATE_GLOSS: &str = "中間証明書（サーバーの証明書と、信頼された発行元とをつなぐ証明書）";
const CA_GLOSS: &str = "認証局（証明書を発行する機関）";
const HANDSHAKE_GLOSS: &str = "TLSハンドシェイク（暗号化を始める前のあいさつ）";
const TLS_GLOSS: &str = "TLS（SSLとも呼ばれる、通信を暗号化する仕組み）";
const DONT_ENTER: &str = "パスワードやカード番号などは入力しないでください。";
/// The one step when the organisation's policy forbids advice to go past a warning.
const NO_PROCEED_STEP: &str =
    "組織の決まりにより、この警告を越えて先に進むことはできません。組織の問い合わせ先に連絡してください。";
const NOT_STARTED: &str = "通信はまだ始まっていないため、情報が漏れる心配はありません。";
const CONTACT_ADMIN: &str = "サイトやサービスの管理者に連絡してください。端末側で直せることはありません。";
const STARTTLS_GLOSS: &str = "STARTTLS（暗号化せずに話し始め、途中で暗号化に切り替える方式）";
const NO_PLAIN: &str = "アプリに「暗号化なしで接続しますか」と聞かれても、「いいえ」を選んでください。暗号化なしでは、パスワードやデータが、途中の誰にでも読める形で流れます。";
const NO_SSL: &str = "メールアプリに「SSLなしで設定しますか」と聞かれても、「いいえ」を選んでください。SSLなしでは、パスワードとメールの内容が、途中の誰にでも読める形で流れます。";
const MAIL_PORTS: &str = "よく使われる組み合わせは、送信が「587番とSTARTTLS」か「465番とSSL/TLS」、受信が「993番とSSL/TLS」（IMAP）か「995番とSSL/TLS」（POP3）です。";
const PORT_25: &str = "25番は、メールサーバーどうしが受け渡しに使うポートです。多くのプロバイダーは、迷惑メール対策のため、家庭や会社から外の25番への接続を止めています。メールアプリからの送信には、587番（STARTTLS）か465番（SSL/TLS）を使ってください。";

impl Catalog for Ja {
    fn finding(&self, kind: &FindingKind, f: &Fmt<'_>) -> FindingText {
        use FindingKind as K;
        match kind {
            K::Ok { version, not_after, days_left, .. } => FindingText {
                headline: "暗号化された接続に問題は見つかりませんでした".into(),
                meaning: format!(
                    "サーバーは正しい{CERT_GLOSS}を示し、{version}で安全に接続できました。証明書は{}まで有効です（{}）。",
                    f.date(*not_after),
                    self.days_left(*days_left)
                ),
                danger: "今の時点では、この接続を安心して使えます。".into(),
                user_steps: vec![
                    "特にすることはありません。".into(),
                    "ブラウザやメールアプリではまだエラーが出る場合は、端末側に原因があるかもしれません。端末の日付と時刻を確かめ、ブラウザを再起動してください。".into(),
                ],
                admin_steps: vec![for_software(
                    "certbot",
                    "証明書の自動更新が動いているか、ときどき確かめてください。`systemctl list-timers certbot.timer` でタイマーが表示されれば動いています。",
                )],
            },

            K::DnsFailure { host, error, .. } => {
                let dns = "DNS（サーバーの名前をIPアドレスに変換する仕組み）";
                let meaning = match error {
                    DnsError::NoSuchHost => format!("{dns}に問い合わせたところ、「{host}」という名前は登録されていないという答えでした。"),
                    DnsError::NoAddress => format!("{dns}に「{host}」という名前はありますが、接続先のIPアドレスが登録されていません。"),
                    DnsError::TemporaryFailure => format!("{dns}から答えが得られませんでした。ネットワークか、DNSのサーバーに一時的な問題がある可能性があります。"),
                    DnsError::TimedOut => format!("{dns}に問い合わせましたが、時間内に答えが返ってきませんでした。"),
                    DnsError::Other => format!("{dns}で「{host}」を調べることができませんでした。"),
                };
                FindingText {
                    headline: format!("「{host}」の接続先が見つかりません"),
                    meaning,
                    danger: format!("{NOT_STARTED}ただし、つづりの似た偽のサイトには注意してください。"),
                    user_steps: vec![
                        "アドレスのつづりを確かめてください。".into(),
                        "ほかのサイトが開けるか試してください。開けない場合は、Wi-Fiや有線のネットワークにつながっているか確かめてください。".into(),
                        "社内のサーバーは、社内のネットワークやVPN（社外から社内につなぐ仕組み）からしか見つからないことがあります。".into(),
                    ],
                    admin_steps: vec![
                        step(format!("DNSにAレコードとAAAAレコードが登録されているか、`dig {host} A` と `dig {host} AAAA` で確かめてください。")),
                        step("ドメインの有効期限と、ネームサーバー（NSレコード）の設定も確かめてください。"),
                    ],
                }
            }

            K::HostUnreachable { address, .. } => FindingText {
                headline: format!("サーバー（{address}）まで通信が届きません"),
                meaning: format!(
                    "このコンピューターから{address}へ向かう経路が見つかりませんでした。ネットワークにつながっていないか、途中の機器が「届かない」と返しています。"
                ),
                danger: NOT_STARTED.into(),
                user_steps: vec![
                    "ネットワークにつながっているか確かめてください。".into(),
                    "社内のサーバーの場合は、VPN（社外から社内につなぐ仕組み）に接続してから試してください。".into(),
                    "しばらくしてからもう一度試してください。続く場合は管理者に連絡してください。".into(),
                ],
                admin_steps: vec![
                    step("サーバーが起動しているか、経路（ルーティング）とファイアウォールの設定を確かめてください。"),
                    step("AAAAレコード（IPv6のアドレス）を公開している場合は、IPv6でも実際に届くか確かめてください。"),
                ],
            },

            K::PortClosed { .. } => FindingText::planned_elsewhere(),

            K::TimeoutFiltered { address, port, stage, waited_ms } => {
                let seconds = self.seconds(*waited_ms);
                let at = address.map(|a| format!("{a}の")).unwrap_or_default();
                let (headline, meaning, admin) = match stage {
                    Stage::Connect => (
                        format!("サーバーから応答がありません（ポート{port}）"),
                        format!(
                            "{at}ポート{port}に接続しようとしましたが、{seconds}待っても応答がありませんでした。途中のファイアウォール（通信を通すか止めるかを決める仕組み）が通信を捨てているか、サーバーが止まっている可能性があります。"
                        ),
                        vec![
                            step(format!("サーバーと、その手前のファイアウォールで、ポート{port}への通信が許可されているか確かめてください。")),
                            step("クラウドの場合は、セキュリティグループやネットワークACLの設定も確かめてください。"),
                        ],
                    ),
                    Stage::Greeting => (
                        format!("接続はできましたが、ポート{port}のサーバーが最初のあいさつを送ってきません"),
                        format!(
                            "{at}ポート{port}への接続はできました。{STARTTLS_GLOSS}では、サーバーが先にあいさつを送ってきますが、{seconds}待っても届きませんでした。最初から暗号化する方式も試しましたが、応答はありませんでした。サーバーが混み合っているか、止まりかけている可能性があります。"
                        ),
                        vec![
                            step("メールサーバーのプロセスが動いているか、ログに異常がないか確かめてください。"),
                            for_software("Postfix", "postscreen を使っている場合は、`postscreen_greet_wait` などの待ち時間の設定も確かめてください。"),
                        ],
                    ),
                    Stage::TlsHandshake => (
                        format!("接続はできましたが、ポート{port}のサーバーが暗号化の開始に応答しません"),
                        format!(
                            "{at}ポート{port}への接続はできましたが、{HANDSHAKE_GLOSS}に{seconds}たっても返事がありませんでした。このポートでは暗号化を使わないサービスが動いているか、サーバーが応答できない状態の可能性があります。"
                        ),
                        vec![
                            step(format!("ポート{port}で動いているサービスが、TLSを使う設定になっているか確かめてください。")),
                            for_software("nginx", format!("`listen {port} ssl;` のように `ssl` が付いているか確かめてください。")),
                            step("サーバーの負荷や、プロセスが止まっていないかをログで確かめてください。"),
                        ],
                    ),
                };
                FindingText {
                    headline,
                    meaning,
                    danger: NOT_STARTED.into(),
                    user_steps: port_25_first(*port, vec![
                        "しばらくしてから、もう一度試してください。".into(),
                        "会社、学校、ホテルなどのネットワークでは、一部のポートが止められていることがあります。スマートフォンのテザリングなど、別のネットワークで試すと原因を切り分けられます。".into(),
                        "続く場合は、サイトやサービスの管理者に連絡してください。".into(),
                    ]),
                    admin_steps: admin,
                }
            }

            K::ConnectionReset { how, .. } => FindingText {
                headline: "サーバーが接続を途中で切りました".into(),
                meaning: match how {
                    CutKind::Reset => format!("{HANDSHAKE_GLOSS}の途中で、サーバー側から接続を強制的に切られました。"),
                    CutKind::Closed => format!("{HANDSHAKE_GLOSS}の途中で、サーバーが何も返さずに接続を閉じました。"),
                } + "サーバーがこちらの暗号化の方式を受け付けない設定になっているか、途中の機器（ファイアウォールなど、通信を通すか止めるかを決める装置）が通信を止めている可能性があります。",
                danger: "暗号化された通信は成り立っていません。情報が漏れる心配はありませんが、暗号化なしの接続に切り替えるのはやめてください。".into(),
                user_steps: vec![
                    "もう一度試してください。".into(),
                    "別のネットワークで試すと、途中の機器が原因かどうかを切り分けられます。".into(),
                    "続く場合は、サイトやサービスの管理者に連絡してください。".into(),
                ],
                admin_steps: vec![
                    step("サーバーのエラーログで、ハンドシェイクが失敗した理由を確かめてください。"),
                    for_software("nginx", "`ssl_protocols TLSv1.2 TLSv1.3;` のように、今のブラウザが使う TLS 1.2 と TLS 1.3 を許可してください。"),
                    for_software("Apache", "`SSLProtocol -all +TLSv1.2 +TLSv1.3` のように、TLS 1.2 と TLS 1.3 を許可してください。"),
                    step("手前にあるロードバランサーやWAF（Webアプリケーションを守る装置）が接続を切っていないか確かめてください。"),
                ],
            },

            K::WrongProtocolOnPort { port, seen: Plaintext::Tls, starttls, .. } => {
                let proto = starttls.map_or("STARTTLS", |p| self.starttls_protocol(p));
                FindingText {
                    headline: format!("ポート{port}は、最初から暗号化する方式（SSL/TLS）で応答しています"),
                    meaning: format!(
                        "{proto}の{STARTTLS_GLOSS}で話しかけましたが、このポートは最初から暗号化する方式（SSL/TLS）で待っていました。暗号化そのものは使えます。メールアプリの「暗号化の方式」の設定が、ポートと合っていません。{MAIL_PORTS}"
                    ),
                    danger: "暗号化は使えるので、設定を合わせれば安全に使えます。「SSLなし」に変える必要はありません。".into(),
                    user_steps: vec![
                        format!("メールアプリで、ポート{port}の暗号化の方式を「STARTTLS」から「SSL/TLS」に変えてください。"),
                        "または、サービスの案内にあるポート番号と暗号化の方式の組み合わせに合わせてください。".into(),
                    ],
                    admin_steps: vec![
                        for_software("Postfix", "587番（submission）は STARTTLS 用です。master.cf の submission サービスに `-o smtpd_tls_wrappermode=yes` が付いていたら外し、最初から暗号化するのは465番（smtps）だけにしてください。"),
                        for_software("Dovecot", "143番（imap）と110番（pop3）の `inet_listener` には `ssl = yes` を付けず、993番（imaps）と995番（pop3s）にだけ付けてください。"),
                        step("利用者への案内に、ポート番号と暗号化の方式を組み合わせて書いてください。"),
                    ],
                }
            }

            K::WrongProtocolOnPort { port, seen, first_line, starttls: Some(expected) } => {
                let proto = self.plaintext(*seen);
                let expected = self.starttls_protocol(*expected);
                FindingText {
                    headline: format!("ポート{port}では、別のサービス（{proto}）が応答しています"),
                    meaning: format!(
                        "{expected}のつもりで接続しましたが、ポート{port}で返事をしたのは{proto}でした（最初の行: {first_line}）。ポート番号の設定が違っている可能性が高いです。{MAIL_PORTS}"
                    ),
                    danger: "別のサービスにパスワードを送ることになるため、設定を直すまで使わないでください。".into(),
                    user_steps: vec![
                        "メールアプリのサーバー名とポート番号を、サービスの案内と見比べてください。".into(),
                        "分からない場合は、サービスの管理者に正しい設定を確かめてください。".into(),
                    ],
                    admin_steps: vec![step(format!("ポート{port}で待ち受けているサービスが、案内しているものと同じか確かめてください。`ss -ltnp` で分かります。"))],
                }
            }

            K::WrongProtocolOnPort { port, seen, .. } => {
                let proto = self.plaintext(*seen);
                let mail = matches!(seen, Plaintext::Smtp | Plaintext::Imap | Plaintext::Pop3 | Plaintext::SmtpOrFtp);
                let mut meaning = format!(
                    "{TLS_GLOSS}で話しかけましたが、サーバーは暗号化を使わない「{proto}」として返事をしました。接続先のポート番号か、暗号化の設定が合っていない可能性が高いです。"
                );
                let (user_steps, admin_steps) = if *seen == Plaintext::Http {
                    meaning.push_str("Webサイトの場合、このポートではHTTPS（暗号化したWeb）が有効になっていません。");
                    (
                        vec![
                            format!("アドレスの「:{port}」の部分（ポート番号）が正しいか確かめてください。"),
                            "サイトの管理者に、このポートでHTTPSが使えないことを伝えてください。".into(),
                        ],
                        vec![
                            for_software("nginx", format!("`listen {port} ssl;` のように `ssl` を付け、`ssl_certificate` と `ssl_certificate_key` を設定してください。")),
                            for_software("Apache", "このポートの `<VirtualHost>` で `SSLEngine on` を設定し、`SSLCertificateFile` と `SSLCertificateKeyFile` を指定してください。"),
                            for_software("IIS", "サイトのバインドで、種類を https にして証明書を選んでください。"),
                        ],
                    )
                } else if mail {
                    meaning.push_str("メールでは、最初は暗号化せずに話し始め、途中で暗号化に切り替える方式（STARTTLS）があります。STARTTLS用のポート（587、143、110）に、最初から暗号化する方式（SSL/TLS）で接続すると、このようになります。");
                    (
                        vec![
                            "メールアプリの設定で、ポート番号と暗号化の方式の組み合わせを確かめてください。送信は「587番とSTARTTLS」か「465番とSSL/TLS」、受信は「993番とSSL/TLS」（IMAP）か「995番とSSL/TLS」（POP3）がよく使われます。".into(),
                            "「SSLなし」や「暗号化なし」は選ばないでください。パスワードが読み取れる形で送られてしまいます。".into(),
                        ],
                        vec![
                            for_software("Postfix", "465番で最初から暗号化するには、master.cf の smtps サービスに `-o smtpd_tls_wrappermode=yes` を付けます。587番（submission）は STARTTLS 用です。"),
                            for_software("Dovecot", "993番（imaps）と995番（pop3s）は、`ssl = yes` と `ssl_cert`・`ssl_key` の設定で最初から暗号化します。"),
                            step("利用者への案内に、ポート番号と暗号化の方式を組み合わせて書いてください。"),
                        ],
                    )
                } else {
                    (
                        vec!["接続先のポート番号が正しいか確かめてください。".into(), "分からない場合は、サービスの管理者に正しいポート番号を確かめてください。".into()],
                        vec![step(format!("ポート{port}で待ち受けるサービスをTLSを使う設定にするか、利用者に正しいポート番号を案内してください。"))],
                    )
                };
                FindingText {
                    headline: format!("ポート{port}では、暗号化されていない「{proto}」が応答しています"),
                    meaning,
                    danger: "このまま暗号化なしで接続すると、パスワードや内容がそのまま読める形で流れます。設定を直すまで、パスワードを入力しないでください。".into(),
                    user_steps,
                    admin_steps,
                }
            }

            K::HandshakeFailed { failure } => {
                let (headline, meaning) = match failure {
                    HandshakeFailure::Alert { alert } => {
                        let reason = self.alert(alert).map_or_else(|| format!("「{alert}」という理由"), |r| format!("「{r}」という理由"));
                        (
                            "サーバーが暗号化の開始を断りました".to_owned(),
                            format!(
                                "{HANDSHAKE_GLOSS}の途中で、サーバーが{reason}で接続を断りました。多くの場合、サーバーが古いTLS（1.0や1.1）や古い暗号しか使えないか、こちらと使える方式が一つも重なっていません。"
                            ),
                        )
                    }
                    HandshakeFailure::Protocol { .. } => (
                        "サーバーとの暗号化のやりとりが途中で壊れました".to_owned(),
                        format!("{HANDSHAKE_GLOSS}の途中で、サーバーから{TLS_GLOSS}の決まりに合わないデータが返ってきました。"),
                    ),
                };
                FindingText {
                    headline,
                    meaning,
                    danger: "暗号化された接続はできていません。暗号化なしの接続に切り替えるのはやめてください。".into(),
                    user_steps: vec![
                        "ブラウザやメールアプリを最新版に更新してから、もう一度試してください。".into(),
                        "それでも続く場合は、サイトやサービスの管理者に連絡してください。".into(),
                    ],
                    admin_steps: vec![
                        for_software("nginx", "`ssl_protocols TLSv1.2 TLSv1.3;` を設定し、`ssl_ciphers` に ECDHE と AES-GCM（または ChaCha20）の組み合わせを含めてください。"),
                        for_software("Apache", "`SSLProtocol -all +TLSv1.2 +TLSv1.3` を設定し、`SSLCipherSuite` に ECDHE と AES-GCM の組み合わせを含めてください。"),
                        for_software("IIS", "Windows Server で TLS 1.2 が有効になっているか（レジストリの SCHANNEL の設定）を確かめてください。"),
                        step("古い機器（ルーター、NAS、プリンターなど）の場合は、ファームウェアを更新すると新しいTLSが使えるようになることがあります。"),
                    ],
                }
            }

            K::ClientCertRequired { .. } => FindingText {
                headline: "このサーバーは、利用者側の証明書を求めています".into(),
                meaning: "サーバーが、接続する人のクライアント証明書（利用者や端末が本物であることを示す証明書）を求めましたが、こちらに証明書がなかったため、接続を断りました。社内システムなどで、許可した端末だけが使えるようにするための設定です。".into(),
                danger: "サーバーの設定どおりの動きです。危険な状態ではありません。".into(),
                user_steps: vec![
                    "会社や学校のシステムの場合は、案内に従ってクライアント証明書を端末に入れてください。".into(),
                    "証明書を入れたのに接続できない場合は、その証明書の有効期限を確かめ、システムの管理者に連絡してください。".into(),
                ],
                admin_steps: vec![
                    step("一般に公開するサイトなら、クライアント証明書を求める設定を外してください。"),
                    for_software("nginx", "`ssl_verify_client off;`（任意にするなら `optional`）"),
                    for_software("Apache", "`SSLVerifyClient none`（任意にするなら `optional`）"),
                    for_software("IIS", "サイトの「SSL設定」で、クライアント証明書を「無視」にします。"),
                ],
            },

            K::ChainTooLong { certificates, .. } => FindingText {
                headline: "サーバーが送ってきた証明書の数が多すぎます".into(),
                meaning: format!(
                    "サーバーは{certificates}枚の証明書を送ってきました。ふつうは2〜4枚です。多すぎる証明書はブラウザが確かめきれず、接続に失敗します。"
                ),
                danger: format!("接続先が本物かどうかを確かめられない状態です。{DONT_ENTER}"),
                user_steps: vec![CONTACT_ADMIN.into()],
                admin_steps: vec![step(
                    "証明書のファイルには、サーバーの証明書と中間証明書だけを入れてください。ルート証明書、古い証明書、ほかのサイトの証明書が混ざっていないか確かめてください。",
                )],
            },

            K::CertificateTooLarge { bytes, .. } => FindingText {
                headline: "サーバーの証明書が大きすぎます".into(),
                meaning: format!(
                    "サーバーが送ってきた証明書は、合計で約{} KBです（ふつうは数KB）。これほど大きいと、受け取れないソフトウェアがあります。たとえば rustls は64 KB、OpenSSL は初期設定で100 KBまでです。",
                    super::kb(*bytes)
                ),
                danger: "受け取れないブラウザやアプリからは、接続できません。".into(),
                user_steps: vec![CONTACT_ADMIN.into()],
                admin_steps: vec![
                    step("ふつうの大きさ（数KB）の証明書を使ってください。"),
                    step("証明書に入れる名前（subjectAltName）や拡張は、必要なものだけにしてください。"),
                ],
            },

            K::CertUnparseable { position, .. } => FindingText {
                headline: "サーバーの証明書を読み取れませんでした".into(),
                meaning: format!(
                    "サーバーが送ってきた{}番目の{CERT_GLOSS}の形式が壊れていて、内容を確かめられませんでした。",
                    position + 1
                ),
                danger: format!("接続先が本物かどうかを確かめられません。{DONT_ENTER}"),
                user_steps: vec![CONTACT_ADMIN.into()],
                admin_steps: vec![
                    step("`openssl x509 -in 証明書ファイル -noout -text` で証明書が読めるか確かめてください。"),
                    step("PEM形式（-----BEGIN CERTIFICATE----- で始まる形式）のファイルを、改行を崩さずに設定してください。"),
                ],
            },

            K::CertExpired { not_after, days_ago, .. } => FindingText {
                headline: "サーバーの証明書の有効期限が切れています".into(),
                meaning: format!(
                    "{CERT_GLOSS}には有効期限があります。このサーバーの証明書は{}に期限が切れました（{}）。期限が切れた証明書では、接続先が本物かどうかを確かめられません。",
                    f.date(*not_after),
                    self.days_ago(*days_ago)
                ),
                danger: format!(
                    "このまま先に進むと、偽のサイトと見分けがつきません。{DONT_ENTER}なお、お使いの端末の日付が大きくずれているときも、同じ表示になります。"
                ),
                user_steps: vec![
                    "まず、お使いの端末の日付と時刻が正しいか確かめてください。".into(),
                    "日付が正しければ、サーバー側の問題です。サイトやサービスの管理者に連絡し、直るまで待ってください。".into(),
                    "警告を無視して先に進むのはやめてください。".into(),
                ],
                admin_steps: renew_steps(),
            },

            K::CertNotYetValid { not_before, days_until, .. } => FindingText {
                headline: "サーバーの証明書は、まだ使える期間になっていません".into(),
                meaning: format!(
                    "このサーバーの{CERT_GLOSS}は、{}から使える設定です（{}）。それより前の今は、正しい証明書として扱われません。",
                    f.date(*not_before),
                    self.days_left(*days_until)
                ),
                danger: format!(
                    "接続先が本物かどうかを確かめられない状態です。{DONT_ENTER}なお、お使いの端末の時計が遅れているときも、同じ表示になります。"
                ),
                user_steps: vec![
                    "まず、お使いの端末の日付と時刻が正しいか確かめてください。".into(),
                    "正しければ、サイトやサービスの管理者に連絡してください。".into(),
                ],
                admin_steps: vec![
                    step("証明書を作ったサーバーの時計が正しいか確かめてください（`timedatectl`）。自分で作った証明書なら、開始日時が未来になっていないか確かめてください。"),
                    step("新しい証明書に切り替えるのは、開始日時を過ぎてからにしてください。それまでは今の証明書を使い続けます。"),
                ],
            },

            K::IntermediateExpired { subject, not_after, days_ago, .. } => FindingText {
                headline: "中間証明書の有効期限が切れています".into(),
                meaning: format!(
                    "{INTERMEDIATE_GLOSS}「{subject}」の期限が{}に切れています（{}）。サーバーの証明書そのものが有効でも、間をつなぐ証明書が切れていると、全体が信頼されません。",
                    f.date(*not_after),
                    self.days_ago(*days_ago)
                ),
                danger: format!("接続先が本物かどうかを確かめられない状態です。{DONT_ENTER}"),
                user_steps: vec![CONTACT_ADMIN.into()],
                admin_steps: vec![
                    step(format!("{CA_GLOSS}が今配っている中間証明書に差し替えてください。古い中間証明書を証明書のファイルに入れたままにしていることがよくあります。")),
                    for_software("nginx", "`ssl_certificate` に、サーバーの証明書と新しい中間証明書をまとめたファイル（certbot なら fullchain.pem）を指定してください。"),
                    for_software("Apache", "2.4.8 以降は `SSLCertificateFile` にまとめたファイル（fullchain.pem）を指定します。それより古い版では `SSLCertificateChainFile` を新しい中間証明書にします。"),
                    for_software("IIS", "新しい中間証明書を「中間証明機関」のストアに入れ、期限切れのものを削除してください。"),
                ],
            },

            K::ExpiringSoon { not_after, days_left, .. } => FindingText {
                headline: format!("証明書の有効期限が近づいています（{}）", self.days_left(*days_left)),
                meaning: format!(
                    "このサーバーの{CERT_GLOSS}は{}に期限が切れます。今は問題なく使えますが、それまでに更新しないと接続できなくなります。",
                    f.date(*not_after)
                ),
                danger: "今の時点では、安心して使えます。".into(),
                user_steps: vec!["今のところ、することはありません。".into()],
                admin_steps: vec![
                    step("期限が切れる前に、証明書を更新してください。"),
                    for_software("certbot", "ふつうは残り30日で自動的に更新されます。この表示が出ているなら、自動更新が止まっている可能性があります。`certbot renew --dry-run` で更新を試し、`systemctl list-timers certbot.timer` でタイマーが動いているか確かめてください。"),
                    for_software("certbot", "更新のあとにWebサーバーを読み込み直さないと、古い証明書が使われ続けます。`--deploy-hook \"systemctl reload nginx\"` のように読み込み直しを設定してください。"),
                ],
            },

            K::NameMismatch { requested, dns_names, ip_addresses, cn_only, hint, .. } => {
                let mut names = dns_names.clone();
                names.extend(f.ips(ip_addresses));
                let mut meaning = if *cn_only {
                    format!(
                        "{CERT_GLOSS}には、使ってよいサイトの名前が書かれています。この証明書には名前を書くための欄（SAN：サブジェクト代替名）がなく、古い方式の欄（CN）にだけ名前があります。今のブラウザは CN を見ないため、「{requested}」用の証明書とは認めません。"
                    )
                } else {
                    format!(
                        "{CERT_GLOSS}には、使ってよいサイトの名前が書かれています。このサーバーの証明書にある名前は「{}」で、接続先の「{requested}」は含まれていません。",
                        f.list(&names)
                    )
                };
                match hint {
                    Some(NameHint::WildcardNotBare { wildcard }) => meaning.push_str(&format!(
                        "「{wildcard}」の「*」（ワイルドカード：どんな名前にも当てはまる記号）は、前に付く一段分の名前だけを表します。「{requested}」そのものは含まれません。"
                    )),
                    Some(NameHint::WildcardOneLevel { wildcard }) => meaning.push_str(&format!(
                        "「{wildcard}」の「*」（ワイルドカード：どんな名前にも当てはまる記号）は一段分だけを表します。「{requested}」のように二段以上深い名前は含まれません。"
                    )),
                    Some(NameHint::WwwVariant { covered }) => meaning.push_str(&format!(
                        "「{covered}」は含まれていますが、「www.」の有る無しは別の名前として扱われます。"
                    )),
                    None => {}
                }
                let mut admin_steps = vec![
                    for_software("certbot", format!("「{requested}」を含む証明書を取得してください。例: `certbot --nginx -d {requested}`（ほかにも名前が要るなら -d を並べます）。")),
                    for_software("nginx", format!("`server_name {requested};` の server ブロックに `listen 443 ssl;` と正しい `ssl_certificate` があるか確かめてください。ないと、既定の server ブロックの証明書が返ります。")),
                    for_software("Apache", format!("`ServerName` か `ServerAlias` に「{requested}」がある `<VirtualHost *:443>` があるか確かめてください。")),
                    for_software("IIS", "サイトの https バインドで、ホスト名、「サーバー名表示（SNI）を要求する」、選んだ証明書を確かめてください。"),
                ];
                if *cn_only {
                    admin_steps.push(step(format!(
                        "証明書を作り直すときは、SAN に名前を入れてください。`openssl req` なら `-addext \"subjectAltName=DNS:{requested}\"` を付けます。"
                    )));
                }
                FindingText {
                    headline: format!("証明書が「{requested}」用ではありません"),
                    meaning,
                    danger: format!("名前が合わない証明書は、別のサイトのものか、偽のサイトのものかもしれません。{DONT_ENTER}"),
                    user_steps: vec![
                        "アドレスのつづりを確かめてください。".into(),
                        "メールやメッセージのリンクから開いた場合は、公式の案内で正しいアドレスを確かめてください。".into(),
                        "正しいアドレスでもこの表示が出る場合は、サイトやサービスの管理者に連絡してください。".into(),
                    ],
                    admin_steps,
                }
            }

            K::SelfSigned { subject } => FindingText {
                headline: "サーバーの証明書は、サーバー自身が発行したもの（自己署名）です".into(),
                meaning: format!(
                    "証明書はふつう、{CA_GLOSS}が発行します。この証明書「{subject}」は、サーバーが自分で発行したもの（自己署名証明書）です。第三者が確かめていないため、ブラウザやメールアプリは本物かどうかを判断できません。"
                ),
                danger: if f.no_proceed {
                    format!("偽のサーバーも、同じ見た目の自己署名証明書を作れます。先に進まないでください。{DONT_ENTER}")
                } else {
                    format!(
                        "偽のサーバーも、同じ見た目の自己署名証明書を作れます。自分で管理しているルーターやNASなどだと確かめられる場合を除いて、先に進まないでください。{DONT_ENTER}"
                    )
                },
                user_steps: if f.no_proceed {
                    vec![NO_PROCEED_STEP.into()]
                } else {
                    vec![
                        "公開されているWebサイトやメールサービスでこの表示が出たら、先に進まずに管理者に連絡してください。".into(),
                        "社内や自宅の機器の場合は、管理者から正しい証明書の指紋（SHA-256）を教えてもらい、下の証明書の欄の値と同じか確かめてください。".into(),
                    ]
                },
                admin_steps: vec![
                    step(format!("公開するサーバーでは、{CA_GLOSS}が発行した証明書を使ってください。Let's Encrypt なら無料で、自動で更新できます（`certbot --nginx -d 名前`）。")),
                    step("社内だけで使う場合は、社内の認証局で発行し、そのルート証明書を各端末に配ってください（Windows ならグループポリシー）。"),
                    for_software("nginx", "`ssl_certificate` が、インストール時の仮の証明書（snakeoil など）のままになっていないか確かめてください。"),
                ],
            },

            K::UnknownIssuer { issuer, root_served } => {
                let mut meaning = format!(
                    "{CERT_GLOSS}は、ブラウザやOSに登録された信頼できる発行元（ルート証明書）までたどれる必要があります。この証明書は「{issuer}」にたどり着きますが、Mozilla の信頼リストにも、このコンピューターの信頼リストにも入っていません。社内専用の{CA_GLOSS}か、通信の途中で証明書を差し替える製品（セキュリティソフトや社内のプロキシ）の可能性があります。"
                );
                if *root_served {
                    meaning.push_str("サーバーはこのルート証明書も一緒に送っていますが、送られてきたルート証明書は信頼の根拠になりません。");
                }
                FindingText {
                    headline: format!("証明書の発行元「{issuer}」が信頼されていません"),
                    meaning,
                    danger: if f.no_proceed {
                        format!("接続先が本物かどうかを確かめられません。先に進まないでください。{DONT_ENTER}")
                    } else {
                        format!("接続先が本物かどうかを確かめられません。社内のシステムだと確かな場合を除いて、{DONT_ENTER}")
                    },
                    user_steps: vec![
                        "会社や学校のシステムの場合は、管理者が配るルート証明書を入れる必要があるかもしれません。管理者に確かめてください。".into(),
                        "有名なサイトでこの表示が出る場合は、セキュリティソフトや社内のプロキシが通信を検査している可能性があります。別のネットワークでも同じ表示になるか確かめてください。".into(),
                        "どちらでもなければ、先に進まずに、サイトやサービスの管理者に連絡してください。".into(),
                    ],
                    admin_steps: vec![
                        step("一般に公開するサーバーでは、主なブラウザが信頼する認証局の証明書を使ってください。"),
                        step("社内の認証局を使う場合は、そのルート証明書をすべての端末に配ってください。Windows はグループポリシー、macOS は構成プロファイル、Linux は /usr/local/share/ca-certificates に置いて `update-ca-certificates` を実行します。"),
                    ],
                }
            }

            K::IncompleteChain { missing_issuer, aia_url, confirmed, .. } => {
                let mut meaning = format!(
                    "サーバーは、自分の証明書と一緒に{INTERMEDIATE_GLOSS}を送る必要があります。このサーバーは「{missing_issuer}」の中間証明書を送っていません。"
                );
                match (aia_url, confirmed) {
                    (Some(url), true) => meaning.push_str(&format!(
                        "証明書に書かれた入手先（{url}）から取り寄せて補うと、正しく信頼できることを確かめました。証明書そのものは正しく、サーバーの設定だけが足りません。"
                    )),
                    (Some(url), false) => meaning.push_str(&format!(
                        "証明書に書かれた入手先（{url}）から取り寄せられなかったため、補って確かめることはできませんでした。"
                    )),
                    (None, _) => {}
                }
                meaning.push_str("ブラウザの多くは足りない中間証明書を自分で補うため表示できてしまいますが、メールアプリ、スマートフォンのアプリ、curl などのツールでは接続に失敗します。");
                let mut admin_steps = vec![
                    step("サーバーの証明書のあとに中間証明書を並べたファイル（フルチェーン）を設定してください。"),
                    for_software("nginx", "`ssl_certificate` に fullchain.pem（certbot なら /etc/letsencrypt/live/名前/fullchain.pem）を指定します。cert.pem だけでは中間証明書が送られません。"),
                    for_software("Apache", "2.4.8 以降は `SSLCertificateFile` に fullchain.pem を指定します。それより古い版では `SSLCertificateChainFile` に中間証明書を指定します。"),
                    for_software("IIS", "中間証明書を「中間証明機関」のストアに入れてから、サイトのバインドで証明書を選び直してください。"),
                    for_software("Postfix", "`smtpd_tls_chain_files`（または `smtpd_tls_cert_file`）に、鍵とフルチェーンを指定します。"),
                    for_software("Dovecot", "`ssl_cert = </etc/letsencrypt/live/名前/fullchain.pem` のように、フルチェーンを指定します。"),
                ];
                if let (Some(url), true) = (aia_url, confirmed) {
                    admin_steps.push(step(format!(
                        "足りない中間証明書は {url} から入手できます。DER形式なら `openssl x509 -inform der -in 入手したファイル -out chain.pem` でPEM形式に変換してから、サーバーの証明書のあとに付けます。"
                    )));
                }
                FindingText {
                    headline: "中間証明書が送られていません".into(),
                    meaning,
                    danger: "証明書そのものに問題はないため、すぐに危険というわけではありません。ただし、接続できない利用者が出ます。".into(),
                    user_steps: vec![
                        "サーバーの設定の問題です。サイトやサービスの管理者に連絡してください。".into(),
                        "メールアプリで「SSLなしで設定しますか」と聞かれても、選ばないでください。".into(),
                    ],
                    admin_steps,
                }
            }

            K::ChainInvalid { reason, .. } => FindingText {
                headline: format!("証明書の確認に失敗しました（{}）", self.reject(*reason)),
                meaning: format!(
                    "{CERT_GLOSS}の発行元まではたどれましたが、確かめる途中で問題が見つかりました。理由は「{}」です。",
                    self.reject(*reason)
                ),
                danger: format!("ブラウザはこの証明書を受け入れません。接続先が本物かどうかを確かめられないため、{DONT_ENTER}"),
                user_steps: vec![CONTACT_ADMIN.into()],
                admin_steps: vec![
                    step("下の根拠の「詳細」を確かめてください。"),
                    step("`openssl verify -untrusted 中間証明書.pem サーバー証明書.pem` で、手元でも同じ失敗になるか確かめてください。"),
                    step(format!("証明書の用途や署名の方式に問題がある場合は、{CA_GLOSS}に発行し直してもらってください。")),
                ],
            },

            K::SniDefaultCert { requested, default_subject, .. } => FindingText {
                headline: "SNIを使わずに接続すると、別の証明書が返されます".into(),
                meaning: format!(
                    "SNI（接続の最初に、どのサイトにつなぎたいかを伝える仕組み）を使うと正しい証明書が返りますが、使わないと「{default_subject}」の証明書が返り、「{requested}」の名前と合いません。今のブラウザは必ずSNIを使うので問題ありませんが、古いメールアプリや機器、IPアドレスで直接つなぐ場合には、名前が合わないというエラーになります。"
                ),
                danger: "今のブラウザからは、安心して使えます。SNIを使わない古い端末やアプリだけが影響を受けます。".into(),
                user_steps: vec![
                    "古いアプリや機器で接続できない場合は、アプリを最新版にしてください。".into(),
                    format!("IPアドレスではなく、名前（「{requested}」）で接続してください。"),
                ],
                admin_steps: vec![
                    step(format!("SNIがないときに返る既定のサイトを、このサイトにするか、既定のサイトの証明書にも「{requested}」を入れてください。")),
                    for_software("nginx", "この server ブロックの `listen` に `default_server` を付けます。"),
                    for_software("Apache", "このサイトの `<VirtualHost>` が、同じIPアドレスとポートの中で最初に読み込まれるようにします。"),
                    for_software("IIS", "「サーバー名表示（SNI）を要求する」を付けていない https バインドの証明書を確かめてください。"),
                ],
            },

            K::ClockAhead { skew } | K::ClockBehind { skew } => {
                let ahead = matches!(kind, K::ClockAhead { .. });
                let by = self.duration(skew.offset_seconds.unsigned_abs());
                let consequence = if ahead {
                    "そのため、有効な証明書が期限切れに見えています。"
                } else {
                    "そのため、有効な証明書が、まだ使えない証明書に見えています。"
                };
                let reference = match (skew.source, skew.reference_server.as_deref()) {
                    (ClockSource::Sntp, Some(server)) => format!("時刻サーバー {server} の正確な時刻（{}）", f.date(skew.reference)),
                    _ => format!("サーバーの時計（{}）", f.date(skew.reference)),
                };
                let mut meaning = format!(
                    "ブラウザは、{CERT_GLOSS}が使える期間かどうかを端末の時計で判断します。{reference}と比べると、この端末の時計（{}）は{by}{}。{consequence}証明書が使える期間は{}から{}までです。",
                    f.date(skew.local),
                    if ahead { "進んでいます" } else { "遅れています" },
                    f.date(skew.not_before),
                    f.date(skew.not_after),
                );
                if let Some(os) = skew.os {
                    meaning.push_str(&format!("なお、パソコン本体の時計は{}を示しています。ブラウザの時計だけが、パソコンの時計と違っています。", f.date(os)));
                }
                let zone = super::zone_hint(skew, f);
                let headline = match (&zone, ahead) {
                    (Some(_), _) => "端末のタイムゾーン（地域の時間帯）の設定が間違っている可能性があります".to_owned(),
                    (None, true) => format!("お使いの端末の時計が{by}進んでいます"),
                    (None, false) => format!("お使いの端末の時計が{by}遅れています"),
                };
                let mut user_steps: Vec<String> = Vec::new();
                if let Some((device, likely)) = &zone {
                    meaning.push_str(&format!(
                        "ずれがちょうど{by}なので、時計の時刻ではなく、タイムゾーンの設定が違っている可能性が高いです。いまの設定は{device}です。時計の表示が正しく見えるなら、正しい設定は{likely}です（日本は UTC+9:00）。"
                    ));
                    user_steps.push("タイムゾーンを、今いる地域（日本なら「大阪、札幌、東京」）に設定してください。「タイムゾーンを自動的に設定する」がある場合は、オンにします。".into());
                }
                user_steps.extend([
                    "端末の日付と時刻を「自動で設定する」にしてください。".to_owned(),
                    "Windows: 設定 → 時刻と言語 → 日付と時刻 で、「時刻を自動的に設定する」と「タイム ゾーンを自動的に設定する」をオンにします。".into(),
                    "macOS: システム設定 → 一般 → 日付と時刻 で、「日付と時刻を自動的に設定」をオンにし、タイムゾーンを確かめます。".into(),
                    "iPhone・iPad: 設定 → 一般 → 日付と時刻 で、「自動設定」をオンにします。".into(),
                    "Android: 設定 → システム → 日付と時刻 で、「日時を自動的に設定」と「タイムゾーンを自動的に設定」をオンにします。".into(),
                    "時計を直したら、ブラウザを再起動してから開き直してください。".into(),
                ]);
                FindingText {
                    headline,
                    meaning,
                    danger: "サーバーの証明書そのものに問題はありません。端末の時計を直せば、安全に接続できます。".into(),
                    user_steps,
                    admin_steps: vec![
                        step("サーバー側で直すことはありません。"),
                        step("会社の端末なら、時刻を合わせる仕組み（NTP）の設定と、UDP 123番が通るかを確かめてください。"),
                    ],
                }
            }

            K::StaleBrowserState { code, origin, version, .. } => FindingText {
                headline: "サーバーは正常です。ブラウザに残った古い情報が原因かもしれません".into(),
                meaning: format!(
                    "ブラウザは「{code}」というエラーを出しました。しかし、TLS Doctor がこのコンピューターから今サーバーにつないだところ、{version}で問題なく接続できました。ブラウザが覚えている古い情報（キャッシュ＝一度読み込んだページの控え、Cookie＝サイトがブラウザに預けるデータ）や、前から開いたままの接続が、エラーの原因になっている可能性があります。サーバーの問題がすでに直った可能性もあります。"
                ),
                danger: "サーバーの証明書と暗号化に問題は見つかりませんでした。このサイトの古い情報を消せば、多くの場合は直ります。".into(),
                user_steps: vec![
                    format!("TLS Doctor のボタンで、このサイト（{origin}）のキャッシュとCookieだけを消去し、ページを開き直してください。ほかのサイトの情報は消えません。このサイトには、もう一度ログインが必要になることがあります。"),
                    "直らない場合は、ブラウザのウィンドウをすべて閉じて、起動し直してください。開いたままの古い接続が切れます。".into(),
                    "エラー画面に「先に進む」ボタンが出ないのは、このサイトがHSTS（「このサイトには必ず暗号化して接続する」とブラウザに覚えさせる仕組み）を使っているためです。安全のための仕組みなので、HSTSの記録は消さないでください。".into(),
                    "それでも同じエラーが出る場合は、セキュリティソフトやVPNなど、ブラウザの通信だけに関わるソフトが原因かもしれません。診断結果をコピーして、サポート窓口に見せてください。".into(),
                ],
                admin_steps: vec![
                    step("サーバー側で直すことはありません。今の設定で正常に接続できます。"),
                    step("問い合わせが続く場合は、ロードバランサーの後ろの一部のサーバーだけが古い証明書を使っていないか、最近証明書を入れ替えなかったかを確かめてください。"),
                ],
            },

            K::InterceptionKnownProduct { product, kind: which, issuer, expected, trusted_by, .. } => {
                let what = interceptor_ja(*which);
                let meaning = format!(
                    "このコンピューターが受け取った{CERT_GLOSS}は、サーバーのものではなく、「{issuer}」が発行したものでした。これは、{what}の「{product}」が、通信の中身を検査するために、サイトの証明書を自分の証明書に差し替えるときの名前です。{}",
                    if *expected {
                        "管理者は、この検査を会社の正式な検査として登録しています。"
                    } else if trusted_by.contains(&TrustStore::Browser) {
                        "このブラウザはこの発行元を信頼しているため、エラーにはならずにページが表示されています。"
                    } else {
                        "ブラウザがこの発行元を信頼していないため、エラーになっています。"
                    }
                );
                let danger = if *expected {
                    "外部からの攻撃ではありません。通信は会社の検査を通ります。".to_owned()
                } else {
                    format!("攻撃ではなく、{product}の働きである可能性が高いです。ただし、このソフトや装置は通信の中身を読めます。心当たりがない場合は、{DONT_ENTER}")
                };
                let user_steps = if *expected {
                    vec![
                        "会社の決まりに従ってください。".into(),
                        "エラーが続く場合は、社内のヘルプデスクに「TLS Doctor の診断結果」を見せて連絡してください。".into(),
                    ]
                } else {
                    interceptor_steps_ja(*which, product)
                };
                FindingText {
                    headline: format!("{product}が、暗号化された通信を途中で検査しています"),
                    meaning,
                    danger,
                    user_steps,
                    admin_steps: vec![
                        step(format!("{product}の検査用ルート証明書（{issuer}）を、端末とブラウザの信頼リストに配布するか、このサイトを検査の対象から外してください。")),
                        step("Firefox は独自の信頼リストを使います。ポリシーの Certificates → ImportEnterpriseRoots を有効にすると、OSの信頼リストも使います。"),
                        step("正式な検査なら、TLS Doctor の管理設定 expectedInspectionCAs に、ルート証明書のSHA-256を登録してください。利用者には、攻撃ではないと説明されます。"),
                    ],
                }
            }

            K::InterceptionCorporate { issuer, sha256, expected, .. } => {
                let mut meaning = format!(
                    "このコンピューターが受け取った{CERT_GLOSS}は、「{issuer}」が発行したものでした。この発行元は、このコンピューターの信頼リストには入っていますが、一般に信頼されている{CA_GLOSS}ではありません。会社のネットワークで、TLSインスペクション（暗号化を途中で開いて中身を確かめる仕組み）を使っていると、このようになります。社内だけで使う認証局の場合もあります。"
                );
                if *expected {
                    meaning.push_str("管理者は、この発行元を会社の正式な検査として登録しています。");
                }
                FindingText {
                    headline: if *expected {
                        "会社が認めた通信の検査です".into()
                    } else {
                        "このコンピューターだけが信頼する発行元が、証明書を差し替えています".into()
                    },
                    meaning,
                    danger: if *expected {
                        "外部からの攻撃ではありません。通信は会社の検査を通ります。私的なパスワードなどは、会社の決まりに従って扱ってください。".into()
                    } else {
                        format!("会社の端末なら、会社の検査である可能性が高いです。私物の端末で心当たりがない場合は、誰かが通信を読める状態かもしれません。{DONT_ENTER}")
                    },
                    user_steps: if *expected {
                        vec![
                            "会社の決まりに従ってください。".into(),
                            "エラーが続く場合は、ブラウザに会社の証明書を入れる必要があります。社内のヘルプデスクに連絡してください。".into(),
                        ]
                    } else {
                        vec![
                            "会社や学校の端末なら、ヘルプデスクに「TLS Doctor の診断結果」を見せて、このエラーが出ることを伝えてください。".into(),
                            "私物の端末で心当たりがない場合は、見覚えのない証明書や構成プロファイル（設定をまとめて入れるファイルで、iPhoneなら 設定 → 一般 の中にあります）が入っていないか確かめ、あれば削除してください。".into(),
                            "分からない場合は、このネットワークでの入力をやめ、スマートフォンのモバイル回線など別の回線で試してください。".into(),
                        ]
                    },
                    admin_steps: vec![
                        step(format!("ブラウザがこのルート証明書（SHA-256: {sha256}）を信頼するよう、配布してください。")),
                        step("Firefox では、ポリシーの Certificates → ImportEnterpriseRoots を有効にすると、OSの信頼リストを使います。"),
                        step("正式な検査なら、TLS Doctor の管理設定 expectedInspectionCAs にこのSHA-256を登録してください。利用者には、攻撃ではないと説明されます。"),
                    ],
                }
            }

            K::InterceptionUnknown { issuer, canary } => {
                let canary = canary.as_deref().unwrap_or("別のサイト");
                FindingText {
                    headline: "正体の分からない発行元が、複数のサイトの証明書を差し替えています".into(),
                    meaning: format!(
                        "このサイトの{CERT_GLOSS}は、「{issuer}」が発行したものでした。関係のない別のサイト（{canary}）につないでも、同じ「{issuer}」の証明書が返ってきました。本物のサイトが、そろって同じ無名の発行元を使うことはありません。このコンピューターとインターネットの間の何かが、暗号化を途中で開き、証明書を差し替えています。"
                    ),
                    danger: format!("通信を盗み見られている可能性があります。{DONT_ENTER}エラー画面から先に進まないでください。"),
                    user_steps: vec![
                        "このネットワークを使うのをやめてください。公共のWi-Fiなら接続を切り、スマートフォンのモバイル回線など、別の回線で試してください。".into(),
                        "別の回線で問題がなければ、元のネットワークに原因があります。ネットワークの管理者に伝えてください。".into(),
                        "別の回線でも同じなら、この端末のソフトを確かめてください。セキュリティソフトやVPNなど、通信に関わるソフトや、見覚えのないソフトが原因のことがあります。".into(),
                        "会社の端末なら、ヘルプデスクに「TLS Doctor の診断結果」を見せて連絡してください。".into(),
                    ],
                    admin_steps: vec![
                        step("サーバー側で直すことはありません。"),
                        step("利用者のネットワークや端末で、TLSを中継している装置やソフトを調べてください。会社の検査装置なら、ルート証明書を配布し、TLS Doctor の管理設定 expectedInspectionCAs に登録してください。"),
                    ],
                }
            }

            K::InternalCaUntrusted { issuer, domain, os_trusts, .. } => {
                let mut meaning = String::new();
                if let Some(domain) = domain {
                    meaning.push_str(&format!("このサイトは、組織の中で使うサイト（{domain}）です。"));
                }
                meaning.push_str(&format!("社内のサイトの証明書は、ふつう、組織が自分で運用する{CA_GLOSS}が発行します。"));
                if let Some(issuer) = issuer {
                    meaning.push_str(&format!("このサイトの証明書の発行元は「{issuer}」です。"));
                }
                let measured = issuer.is_some();
                if *os_trusts {
                    meaning.push_str("このパソコンには組織のルート証明書（信頼の出発点になる証明書）が入っていますが、このブラウザはそれを使っていません。Firefox は、初めの設定では、パソコンとは別の信頼リストを使います。");
                } else if measured {
                    meaning.push_str("この端末には、その認証局のルート証明書（信頼の出発点になる証明書）が入っていません。そのため、ブラウザは本物のサイトかどうかを確かめられません。");
                } else {
                    meaning.push_str("ブラウザは発行元を信頼できないと報告しています。この端末に、組織の認証局のルート証明書（信頼の出発点になる証明書）が入っていない可能性があります。");
                }
                if measured || *os_trusts {
                    meaning.push_str("サーバーの故障ではありません。");
                }
                let mut user_steps = vec![
                    "組織の問い合わせ先に連絡し、「組織のルート証明書がこの端末に入っていないようです」と伝えてください。".to_string(),
                ];
                if *os_trusts {
                    user_steps.push("Firefox の場合は、パソコンの証明書を使う設定を管理者に頼んでください。".into());
                } else {
                    user_steps.push("会社が管理する端末なら、社内のネットワークにつないで再起動すると、配布された設定が届くことがあります。".into());
                }
                FindingText {
                    headline: if *os_trusts {
                        "このブラウザが、組織の認証局を信頼していません".into()
                    } else if measured {
                        "この端末に、組織の認証局が登録されていません".into()
                    } else {
                        "この端末に、組織の認証局が登録されていない可能性があります".into()
                    },
                    meaning,
                    danger: format!(
                        "社内のサイトで、登録が足りないだけの可能性が高いです。ただし、この画面からは本物かどうかを確かめられません。警告を越えて進まずに、管理者の確認を待ってください。{DONT_ENTER}"
                    ),
                    user_steps,
                    admin_steps: vec![
                        step("組織のルート証明書を、この端末に配ってください。Windows はグループポリシー、macOS は構成プロファイル、Linux は /usr/local/share/ca-certificates に置いて `update-ca-certificates` を実行します。"),
                        step("Firefox には、ポリシーの Certificates → ImportEnterpriseRoots を有効にしてOSの信頼リストを使わせるか、Certificates → Install でルート証明書を配ってください。"),
                        step("TLS Doctor の管理設定 internalRootCAs にルート証明書のSHA-256を登録すると、利用者への説明が確かになります。"),
                    ],
                }
            }

            K::CaptivePortal { url, location, title, private_answers, .. } => {
                let instead = match (location, title) {
                    (Some(location), _) => format!("「{location}」への転送"),
                    (None, Some(title)) => format!("「{title}」というページ"),
                    (None, None) => "別のページ".to_owned(),
                };
                let mut meaning = format!(
                    "ホテル、駅、カフェなどのWi-Fiには、ログインや同意を済ませるまで、すべての通信を自分のページに振り向けるものがあります（キャプティブポータルといいます）。接続を確かめる決まったアドレス（{url}）を開いたところ、本来の答えではなく、{instead}が返ってきました。ログインするまでは、サイトの{CERT_GLOSS}の代わりにWi-Fiの証明書が返るため、エラーになります。"
                );
                if !private_answers.is_empty() {
                    meaning.push_str(&format!(
                        "また、接続先の名前が、施設の中だけで使うアドレス（{}）に変換されました。これも、ログイン画面に振り向けられているしるしです。",
                        f.list(&f.ips(private_answers))
                    ));
                }
                FindingText {
                    headline: "このWi-Fiは、ログインするまでインターネットにつながりません".into(),
                    meaning,
                    danger: "サイトやサーバーに問題はありません。ログイン前の画面では、サイトのパスワードを入力しないでください。".into(),
                    user_steps: vec![
                        "まず、Wi-Fiのログイン画面を開いてください。ブラウザで「http://」で始まるページ（たとえば http://example.com ）を開くと、ログイン画面が出ることがあります。".into(),
                        "ログイン画面では、施設の案内どおりに（部屋番号、同意のボタンなど）ログインしてください。ほかのサイトのパスワードは入力しないでください。".into(),
                        "ログインが終わったら、元のページを開き直してください。".into(),
                        "ログイン画面が出ない場合は、Wi-Fiをいったん切ってつなぎ直すか、施設の人に聞いてください。".into(),
                    ],
                    admin_steps: vec![
                        step("サーバー側で直すことはありません。"),
                        step("利用者は、ログインが必要なWi-Fiを使っています。ログインを済ませてから開き直すよう、案内してください。"),
                    ],
                }
            }

            K::OutdatedClient { browser, version, needs, since } => {
                let needs = self.version(*needs);
                FindingText {
                    headline: "お使いのブラウザが古いため、このサイトに接続できません".into(),
                    meaning: format!(
                        "このサイトのサーバーは、{TLS_GLOSS}のうち、{needs}以降でしか接続を受け付けません。お使いの{browser}はバージョン{version}です。{needs}を使えるのは、{browser}のバージョン{since}以降です。"
                    ),
                    danger: "サーバーの設定は、今の基準では正しいものです。古いブラウザは、安全のための更新も受け取れていません。".into(),
                    user_steps: vec![
                        "ブラウザを最新版に更新してください。".into(),
                        "Chrome: 右上の「︙」→ ヘルプ → Google Chrome について を開くと、更新が始まります。".into(),
                        "Edge: 右上の「…」→ ヘルプとフィードバック → Microsoft Edge について を開くと、更新が始まります。".into(),
                        "Firefox: 右上の「≡」→ ヘルプ → Firefox について を開くと、更新が始まります。".into(),
                        "OSが古くてブラウザを更新できない場合は、OSの更新か、端末の買い替えを検討してください。会社の端末なら、管理者に相談してください。".into(),
                    ],
                    admin_steps: vec![
                        step("古いブラウザの利用者も受け入れる必要があるときだけ、TLS 1.2 も有効にしてください（ECDHE と AES-GCM のような安全な組み合わせに限ります）。"),
                        for_software("nginx", "`ssl_protocols TLSv1.2 TLSv1.3;` のあと `nginx -s reload`。"),
                    ],
                }
            }

            K::BrowserError { code, category, causes, server_healthy_now, .. } => {
                let text = super::ja_browser::category(*category);
                let mut meaning = format!("ブラウザは「{code}」というエラーを出しました。{}", text.meaning);
                if *server_healthy_now {
                    meaning.push_str("ただし、TLS Doctor の診断ツールがこのコンピューターからサーバーに今つないだところ、問題は見つかりませんでした。ブラウザに残った古い情報や、セキュリティソフトなど、この端末の側に原因があるかもしれません。");
                } else if !causes.is_empty() {
                    meaning.push_str("よくある原因と、その見分け方を下に挙げます。");
                }
                let mut user_steps: Vec<String> = causes
                    .iter()
                    .take(super::CAUSES_SHOWN)
                    .map(|c| {
                        let t = super::ja_browser::cause(*c);
                        format!("【{}】{}", t.label, t.how_to_tell)
                    })
                    .collect();
                user_steps.push("原因が分かるまで、警告を無視して先に進まないでください。".into());
                FindingText {
                    headline: text.headline.to_owned(),
                    meaning,
                    danger: text.danger.to_owned(),
                    user_steps,
                    admin_steps: vec![step(text.admin)],
                }
            }
            K::LegacyProtocolOnly { accepted, .. } => {
                let vs = self.list(&accepted.iter().map(|v| self.version(*v).to_owned()).collect::<Vec<_>>());
                FindingText {
                    headline: format!("サーバーが古いTLS（{vs}）しか使えません"),
                    meaning: format!(
                        "{TLS_GLOSS}には版があります。このサーバーが使えるのは{vs}だけです。{vs}には弱点が見つかったため、主なブラウザは2020年ごろに使うのをやめ、今ではメールアプリなども使いません。そのため、今のブラウザやメールアプリからは接続できません。古いルーター、NAS、プリンター、社内の機器によくある状態です。"
                    ),
                    danger: "古いTLSは、通信を盗み見られたり書き換えられたりする弱点が知られています。ブラウザの設定を変えて古いTLSを許可するのはやめてください。".into(),
                    user_steps: vec![
                        "機器やサーバーの管理者に、TLS 1.2 以上に対応させるよう頼んでください。".into(),
                        "自分で管理している機器なら、ファームウェアを最新版に更新してください。更新しても TLS 1.2 に対応しない機器は、買い替えを考えてください。".into(),
                    ],
                    admin_steps: modern_protocol_steps(),
                }
            }

            K::LegacyProtocolEnabled { versions } => {
                let vs = self.list(&versions.iter().map(|v| self.version(*v).to_owned()).collect::<Vec<_>>());
                FindingText {
                    headline: format!("古いTLS（{vs}）も有効のままです"),
                    meaning: format!(
                        "このサーバーは新しい{TLS_GLOSS}で接続できますが、弱点の見つかった古い版（{vs}）でも接続を受け付けます。今のブラウザは古い版を使わないため表示には影響しませんが、古い版を狙う攻撃の入り口が残ります。"
                    ),
                    danger: "今のブラウザからの接続は、安心して使えます。".into(),
                    user_steps: vec!["今のところ、することはありません。".into()],
                    admin_steps: modern_protocol_steps(),
                }
            }

            K::WeakCipherOnly { cipher, weakness, .. } => {
                let (name, why) = self.weakness(*weakness);
                FindingText {
                    headline: format!("サーバーが弱い暗号（{name}）しか使えません"),
                    meaning: format!(
                        "暗号化では、暗号の組み合わせ（暗号スイート）を一つ選んで使います。このサーバーが受け付けたのは {cipher} のような弱い暗号だけでした。{why}今のブラウザはこのような暗号を使わないため、接続できません。"
                    ),
                    danger: "弱い暗号での通信は、盗み見られるおそれがあります。ブラウザの設定を変えて接続するのはやめてください。".into(),
                    user_steps: vec![
                        "サーバーや機器の管理者に、新しい暗号（ECDHE と AES-GCM など）に対応させるよう頼んでください。".into(),
                        "自分で管理している機器なら、ファームウェアを更新してください。".into(),
                    ],
                    admin_steps: modern_cipher_steps(),
                }
            }

            K::WeakCipherEnabled { cipher, weakness, .. } => {
                let (name, why) = self.weakness(*weakness);
                FindingText {
                    headline: format!("弱い暗号（{name}）も有効のままです"),
                    meaning: format!(
                        "このサーバーは新しい暗号の組み合わせ（暗号スイート）で接続できますが、{cipher} のような弱い暗号でも接続を受け付けます。{why}今のブラウザは使わないため表示には影響しませんが、古い端末が弱い暗号でつながるおそれがあります。"
                    ),
                    danger: "今のブラウザからの接続は、安心して使えます。".into(),
                    user_steps: vec!["今のところ、することはありません。".into()],
                    admin_steps: modern_cipher_steps(),
                }
            }

            K::NoCipherOverlap { .. } => FindingText {
                headline: "サーバーと共通に使える暗号がありません".into(),
                meaning: format!(
                    "このサーバーは{TLS_GLOSS}で返事をしますが、こちらが示したどの暗号の組み合わせ（暗号スイート）も受け付けませんでした。今のブラウザが使う暗号も、古い暗号も試しています。サーバーの暗号の設定が極端に絞られているか、特殊な暗号だけになっている可能性があります。"
                ),
                danger: "暗号化された接続はできていません。暗号化なしの接続に切り替えないでください。".into(),
                user_steps: vec![CONTACT_ADMIN.into()],
                admin_steps: vec![
                    step("暗号の設定（nginx の `ssl_ciphers`、Apache の `SSLCipherSuite`）に、ECDHE と AES-GCM の組み合わせを含めてください。"),
                    step("証明書の鍵の種類と暗号の組み合わせが合っているかも確かめてください。ECDSA の証明書に RSA 用の暗号（ECDHE-RSA-…）だけを指定すると、共通の暗号がなくなります。"),
                ],
            },

            K::Revoked { revoked_at, reason, method } => {
                let why = reason.as_deref().map(|r| format!("（理由：{}）", self.revocation_reason(r))).unwrap_or_default();
                FindingText {
                    headline: "この証明書は、発行元によって取り消されています（失効）".into(),
                    meaning: format!(
                        "{CA_GLOSS}は、鍵が漏れたなどの理由で、期限の前に証明書を取り消すことがあります（失効）。この証明書は{}に失効しています{why}。{}で確かめました。",
                        f.date(*revoked_at),
                        self.revocation_method(*method)
                    ),
                    danger: format!("失効した証明書は信頼できません。偽のサーバーの可能性もあります。{DONT_ENTER}"),
                    user_steps: vec!["サイトやサービスの管理者に連絡してください。直るまで使わないでください。".into()],
                    admin_steps: vec![
                        step("新しい鍵で証明書を取り直し、サーバーに設定してください。鍵が漏れたおそれがあるなら、必ず新しい鍵を作ってください。"),
                        for_software("certbot", "`certbot certonly --force-renewal -d 名前` で取り直し、Webサーバーを読み込み直してください。"),
                        step("失効させた覚えがない場合は、認証局に理由を確かめてください。"),
                    ],
                }
            }

            K::OcspStapleMissing {} => FindingText {
                headline: "証明書が求める失効情報の添付がありません（must-staple）".into(),
                meaning: "この証明書には、「サーバーは失効情報（OCSPの応答：証明書が取り消されていないことの証明）を必ず添えること」という指定（must-staple）があります。しかし、サーバーは添えていません。Firefox などはこの指定を守り、接続を断ります。".into(),
                danger: "証明書そのものは有効かもしれませんが、一部のブラウザは接続できません。".into(),
                user_steps: vec!["サイトやサービスの管理者に連絡してください。".into()],
                admin_steps: vec![
                    for_software("nginx", "`ssl_stapling on;`、`ssl_stapling_verify on;`、`resolver` を設定し、`ssl_trusted_certificate` に中間証明書を指定してください。"),
                    for_software("Apache", "`SSLUseStapling on` と `SSLStaplingCache shmcb:/var/run/ocsp(128000)` を設定してください。"),
                    step("失効情報を添えられない環境なら、must-staple の指定のない証明書を取り直してください（certbot なら `--must-staple` を付けずに取得します）。"),
                ],
            },

            K::OcspStapleStale { next_update } => FindingText {
                headline: "サーバーが添えた失効情報が古くなっています".into(),
                meaning: format!(
                    "サーバーは失効情報（OCSPの応答：証明書が取り消されていないことの証明）を添えていますが、その有効期限（{}）を過ぎています。サーバーが新しい応答を取りに行けていない可能性があります。",
                    f.date(*next_update)
                ),
                danger: "今のところ多くのブラウザは接続できますが、厳しく確かめる端末では接続に失敗します。".into(),
                user_steps: vec!["今のところ、することはありません。".into()],
                admin_steps: vec![
                    step("サーバーから、証明書に書かれた OCSP の URL へ通信できるか確かめてください（ファイアウォールや、nginx の `resolver` の設定）。"),
                    for_software("nginx", "`ssl_stapling_file` で固定の応答を使っている場合は、定期的に作り直してください。"),
                ],
            },

            K::RevocationUnavailable { methods, .. } => {
                let how = self.list(&methods.iter().map(|m| self.revocation_method(*m).to_owned()).collect::<Vec<_>>());
                FindingText {
                    headline: "証明書が取り消されていないか、確かめられませんでした".into(),
                    meaning: format!(
                        "証明書が失効していないか（発行元に取り消されていないか）を、{how}で確かめようとしましたが、答えが得られませんでした。多くのブラウザはこの場合も接続を続けますが、失効していないことの確認はできていません。"
                    ),
                    danger: "すぐに危険というわけではありません。ただし、失効の確認を必ず行う設定の端末（会社の端末など）では接続できません。".into(),
                    user_steps: vec!["今のところ、することはありません。続く場合は、管理者に伝えてください。".into()],
                    admin_steps: vec![
                        step("証明書に書かれた OCSP と CRL の URL に、外から接続できるか確かめてください。認証局の側の障害のこともあります。"),
                        step("OCSPステープリング（サーバーが失効情報を添える設定）を有効にすると、利用者の端末が確認先につなげなくても確かめられます。"),
                    ],
                }
            }

            K::WeakSignature { subject, algorithm, .. } => FindingText {
                headline: format!("証明書の署名の方式（{algorithm}）が古く、ブラウザが受け入れません"),
                meaning: format!(
                    "{CERT_GLOSS}には、発行元が確かめたことを示す印（署名）が付いています。「{subject}」の署名の方式は {algorithm} です。SHA-1 や MD5 を使う古い方式は偽物を作られるおそれがあるため、今のブラウザは受け入れません。"
                ),
                danger: format!("接続先が本物かどうかを確かめられません。{DONT_ENTER}"),
                user_steps: vec![CONTACT_ADMIN.into()],
                admin_steps: vec![
                    step("SHA-256 以上の署名で、証明書を発行し直してもらってください。"),
                    step("古いのが中間証明書なら、認証局が今配っている中間証明書に差し替えてください。"),
                ],
            },

            K::WeakKey { subject, key, .. } => FindingText {
                headline: format!("証明書の鍵が短すぎます（{key}）"),
                meaning: format!(
                    "{CERT_GLOSS}には暗号の鍵が入っています。「{subject}」の鍵は {key} で、今の基準（RSA なら 2048 ビット以上、楕円曲線なら 256 ビット以上）より短く、解読されるおそれがあるため、ブラウザは受け入れません。"
                ),
                danger: format!("接続先が本物かどうかを確かめられません。{DONT_ENTER}"),
                user_steps: vec![CONTACT_ADMIN.into()],
                admin_steps: vec![
                    step("2048 ビット以上の RSA 鍵か、ECDSA（P-256 以上）の鍵を作り直し、証明書を取り直してください。例: `openssl req -new -newkey rsa:2048 …`"),
                    for_software("certbot", "`--key-type ecdsa` を付けると、ECDSA の鍵で取得します。"),
                ],
            },

            K::ValidityTooLong { days, .. } => FindingText {
                headline: format!("証明書の有効期間が長すぎます（{days}日）"),
                meaning: format!(
                    "一般の{CA_GLOSS}が2020年9月以降に発行する{CERT_GLOSS}は、有効期間を398日以内にする決まりがあります。この証明書は{days}日あるため、一般の認証局が発行したものなら、Chrome や Safari は受け入れません。社内の認証局の証明書なら、多くのブラウザでは問題になりません。"
                ),
                danger: "ブラウザによっては接続できません。".into(),
                user_steps: vec!["サイトやサービスの管理者に連絡してください。".into()],
                admin_steps: vec![step(
                    "398日以内の有効期間で証明書を取り直してください。自動更新（certbot など）を使えば、期間が短くても手間はかかりません。",
                )],
            },

            K::WrongUsage { purposes } => {
                let list = match purposes {
                    Some(p) if !p.is_empty() => {
                        format!("この証明書の用途は「{}」で", self.list(&p.iter().map(|x| self.purpose(x)).collect::<Vec<_>>()))
                    }
                    _ => "この証明書の鍵の使い方の指定では".to_owned(),
                };
                FindingText {
                    headline: "この証明書は、サーバー用ではありません".into(),
                    meaning: format!(
                        "{CERT_GLOSS}には、使ってよい用途が書かれています。{list}、Webサーバーなどに必要な「サーバーの認証（serverAuth）」が含まれていません。そのため、ブラウザは受け入れません。"
                    ),
                    danger: format!("接続先が本物かどうかを確かめられません。{DONT_ENTER}"),
                    user_steps: vec![CONTACT_ADMIN.into()],
                    admin_steps: vec![
                        step("「サーバーの認証（serverAuth）」を含む証明書を発行し直してください。社内の認証局なら、Webサーバー用のテンプレートで発行します。"),
                        step("`openssl x509 -noout -ext extendedKeyUsage,keyUsage -in 証明書ファイル` で、用途を確かめられます。"),
                    ],
                }
            }

            K::ChainWrongOrder {} => FindingText {
                headline: "サーバーが証明書を正しくない順番で送っています".into(),
                meaning: format!(
                    "サーバーは、自分の証明書のあとに、それを発行した{INTERMEDIATE_GLOSS}を順番に並べて送る必要があります。このサーバーは順番が入れ替わっています。今のブラウザは並べ直して確かめますが、古いメールアプリや機器では失敗することがあります。"
                ),
                danger: "今のブラウザからは、安心して使えます。".into(),
                user_steps: vec!["今のところ、することはありません。".into()],
                admin_steps: vec![step(
                    "証明書のファイルを、サーバーの証明書、それを発行した中間証明書、さらにその上の中間証明書、の順に並べ直してください。certbot の fullchain.pem は正しい順番です。",
                )],
            },

            K::RootInChain { subject } => FindingText {
                headline: "サーバーがルート証明書も送っています".into(),
                meaning: format!(
                    "サーバーは、ルート証明書（信頼の出発点となる証明書）「{subject}」も一緒に送っています。ルート証明書はブラウザやOSが初めから持っているため、送っても使われません。害はありませんが、通信が少し増えます。"
                ),
                danger: "問題はありません。".into(),
                user_steps: vec!["することはありません。".into()],
                admin_steps: vec![step("証明書のファイルからルート証明書を外すと、接続が少し速くなります。")],
            },

            K::StarttlsNotOffered { protocol, port, plaintext_auth, .. } => {
                let proto = self.starttls_protocol(*protocol);
                let mut meaning = format!(
                    "ポート{port}に{proto}で接続しましたが、サーバーは{STARTTLS_GLOSS}を提供していません。このサーバーとは、暗号化せずにしか通信できません。"
                );
                if !plaintext_auth.is_empty() {
                    meaning.push_str(&format!(
                        "それでも、パスワードでのログイン（{}）は受け付けています。",
                        self.list(plaintext_auth)
                    ));
                }
                FindingText {
                    headline: format!("ポート{port}のサーバーは、暗号化（STARTTLS）に対応していません"),
                    meaning,
                    danger: "このまま使うと、パスワードとメールの内容が暗号化されずに流れます。公衆Wi-Fiなどでは、途中の誰にでも読み取られるおそれがあります。".into(),
                    user_steps: if protocol.is_mail() {
                        vec![
                            NO_SSL.into(),
                            format!("ポート番号が違っているかもしれません。{MAIL_PORTS}"),
                            "サービスの案内を確かめ、分からなければ管理者に連絡してください。".into(),
                        ]
                    } else {
                        vec![NO_PLAIN.into(), "サービスの案内を確かめ、分からなければ管理者に連絡してください。".into()]
                    },
                    admin_steps: vec![step("サーバーに証明書と秘密鍵を設定し、STARTTLS を有効にしてください。")],
                }
            }

            K::StarttlsFailed { protocol, port, failure } => {
                let proto = self.starttls_protocol(*protocol);
                let what = match failure {
                    StarttlsFailure::Refused { reply } => format!(
                        "サーバーは{STARTTLS_GLOSS}に対応していると伝えてきましたが、切り替えを頼むと「{reply}」と断りました。多くの場合、サーバーが証明書か秘密鍵のファイルを読み込めていません。"
                    ),
                    StarttlsFailure::ProtocolError { detail } => format!(
                        "{STARTTLS_GLOSS}のやりとりの途中で、サーバーから{proto}の決まりに合わない返事がありました（{detail}）。"
                    ),
                    StarttlsFailure::Cut { during: StarttlsStage::Dialogue, .. } => format!(
                        "{STARTTLS_GLOSS}のやりとりの途中で、サーバーが接続を切りました。"
                    ),
                    StarttlsFailure::Cut { during: StarttlsStage::Handshake, .. } => format!(
                        "サーバーは{STARTTLS_GLOSS}に同意しましたが、そのあとの{HANDSHAKE_GLOSS}の途中で接続を切りました。サーバーが古いTLSしか使えないか、証明書の設定に問題がある可能性があります。"
                    ),
                    StarttlsFailure::TimedOut { during: StarttlsStage::Dialogue } => format!(
                        "{STARTTLS_GLOSS}のやりとりの途中で、サーバーの返事が止まりました。"
                    ),
                    StarttlsFailure::TimedOut { during: StarttlsStage::Handshake } => format!(
                        "サーバーは{STARTTLS_GLOSS}に同意しましたが、そのあとの{HANDSHAKE_GLOSS}に返事がありませんでした。"
                    ),
                    StarttlsFailure::Handshake { failure: HandshakeFailure::Alert { alert } } => {
                        let reason = self.alert(alert).unwrap_or(alert.as_str());
                        format!(
                            "サーバーは{STARTTLS_GLOSS}に同意しましたが、そのあとの{HANDSHAKE_GLOSS}で「{reason}」という理由で断りました。多くの場合、サーバーが古いTLS（1.0や1.1）しか使えないか、使える暗号が重なっていません。"
                        )
                    }
                    StarttlsFailure::Handshake { failure: HandshakeFailure::Protocol { .. } } => format!(
                        "サーバーは{STARTTLS_GLOSS}に同意しましたが、そのあとの{HANDSHAKE_GLOSS}で、{TLS_GLOSS}の決まりに合わないデータが返ってきました。"
                    ),
                };
                FindingText {
                    headline: format!("ポート{port}で、暗号化への切り替え（STARTTLS）に失敗しました"),
                    meaning: format!("{proto}で接続しました。{what}"),
                    danger: "暗号化された通信は始まっていません。パスワードは送られていませんが、「SSLなし」に切り替えて使うのはやめてください。".into(),
                    user_steps: vec![if protocol.is_mail() { NO_SSL } else { NO_PLAIN }.into(), CONTACT_ADMIN.into()],
                    admin_steps: vec![step("サーバーのログで、STARTTLS が失敗した理由を確かめてください。証明書と秘密鍵のファイルの場所と読み取りの権限がよくある原因です。")],
                }
            }

            K::PlaintextAuthOffered { protocol, port, mechanisms } => {
                let proto = self.starttls_protocol(*protocol);
                FindingText {
                    headline: "暗号化の前でも、パスワードでのログインを受け付けています".into(),
                    meaning: format!(
                        "ポート{port}の{proto}サーバーは{STARTTLS_GLOSS}に対応していますが、切り替える前でも、パスワードでのログイン（{}）を受け付けています。メールアプリを「SSLなし」で設定すると、パスワードが読める形で送られ、それでもログインできてしまいます。",
                        self.list(mechanisms)
                    ),
                    danger: "暗号化（STARTTLS か SSL/TLS）を使う設定なら安全です。「SSLなし」の設定は危険です。".into(),
                    user_steps: vec![
                        "メールアプリの暗号化の設定が「STARTTLS」か「SSL/TLS」になっているか確かめてください。「なし」になっていたら変えてください。".into(),
                        "「なし」で使っていた場合は、念のためパスワードを変えてください。".into(),
                    ],
                    admin_steps: vec![step("暗号化の前にはログインを受け付けない設定にしてください。")],
                }
            }

            K::ExpiredCrossSign { subject, issuer, not_after, days_ago, .. } => FindingText {
                headline: "期限切れの「クロス署名」の証明書を送っています。古い端末では接続できません".into(),
                meaning: format!(
                    "クロス署名とは、新しいルート証明書（信頼の出発点となる証明書）を、古いルート証明書が保証する証明書です。新しいルートを持たない古い端末のための橋渡しです。このサーバーは、「{subject}」を「{issuer}」が保証するクロス署名を送っていますが、その期限は{}に切れています（{}）。今のブラウザは「{subject}」を初めから持っているので、問題なく接続できます。一方、送られた順にたどる古い端末（古い Android、古い OpenSSL を使うメールアプリや機器）は、期限切れの証明書にたどり着いて失敗します。",
                    f.date(*not_after),
                    self.days_ago(*days_ago)
                ),
                danger: "今のブラウザからは、安心して使えます。古い端末やアプリでは接続できないことがあります。".into(),
                user_steps: vec!["今のブラウザでは、することはありません。古い端末でつながらないときは、管理者に伝えてください。".into()],
                admin_steps: vec![
                    step(format!("証明書のファイルから、発行元が「{issuer}」のクロス署名の証明書を外してください。")),
                    for_software("certbot", format!("`--preferred-chain \"{subject}\"` を付けて取り直すと、クロス署名を含まない証明書のファイルになります。")),
                    step("`openssl crl2pkcs7 -nocrl -certfile fullchain.pem | openssl pkcs7 -print_certs -noout` で、ファイルに入っている証明書を一覧できます。"),
                ],
            },

            K::RefusedByPolicy(r) => super::refused_text(self, r),
        }
    }

    fn field(&self, field: Field) -> &'static str {
        match field {
            Field::Host => "ホスト名",
            Field::Address => "IPアドレス",
            Field::Port => "ポート",
            Field::DnsAnswer => "DNSの答え",
            Field::Waited => "待った時間",
            Field::Stage => "止まった段階",
            Field::Cut => "切れ方",
            Field::FirstLine => "サーバーが返した最初の行",
            Field::Alert => "サーバーからの通知（アラート）",
            Field::Reason => "理由",
            Field::Detail => "詳細",
            Field::Certificates => "証明書の数",
            Field::Position => "何番目の証明書か",
            Field::Subject => "証明書の名前",
            Field::Issuer => "発行元",
            Field::NotBefore => "使える期間の始まり",
            Field::NotAfter => "有効期限",
            Field::Validity => "有効期間",
            Field::Requested => "接続先の名前",
            Field::NamesInCert => "証明書に書かれた名前",
            Field::CommonName => "CN（古い方式の名前の欄）",
            Field::MissingIssuer => "足りない中間証明書",
            Field::AiaUrl => "中間証明書の入手先",
            Field::Verified => "補って確かめたか",
            Field::DefaultCert => "SNIなしで返る証明書",
            Field::Protocol => "プロトコル",
            Field::Cipher => "暗号スイート",
            Field::TrustedBy => "信頼の根拠",
            Field::Key => "鍵",
            Field::Signature => "署名の方式",
            Field::Fingerprint => "指紋（SHA-256）",
            Field::ServerClock => "サーバーの時計",
            Field::LocalClock => "この端末の時計",
            Field::Skew => "ずれ",
            Field::BrowserError => "ブラウザのエラー",
            Field::ErrorName => "エラーの名前",
            Field::Browser => "ブラウザ",
            Field::CheckedBy => "調べ方",
            Field::Versions => "使えるTLSの版",
            Field::Weakness => "弱さの種類",
            Field::RevokedAt => "失効した日時",
            Field::Method => "確かめ方",
            Field::NextUpdate => "失効情報の有効期限",
            Field::Days => "有効期間（日数）",
            Field::Purposes => "証明書の用途",
            Field::MustStaple => "失効情報の添付が必須か",
            Field::Greeting => "サーバーのあいさつ",
            Field::Reply => "サーバーの返事",
            Field::Mechanisms => "暗号化の前に使えるログイン方式",
            Field::During => "失敗した段階",
            Field::Origin => "消去の対象",
            Field::Product => "製品",
            Field::Canary => "比べたサイト",
            Field::InternalDomain => "社内のドメイン",
            Field::DeclaredRoot => "組織が登録したルート証明書",
            Field::Organization => "組織",
            Field::HelpdeskEmail => "問い合わせ先（メール）",
            Field::HelpdeskPhone => "問い合わせ先（電話）",
            Field::HelpdeskUrl => "問い合わせ先（ページ）",
            Field::BrowserCertificate => "ブラウザが受け取った証明書",
            Field::CheckUrl => "確認用のアドレス",
            Field::PrivateAddresses => "施設内のアドレス",
            Field::TimeServer => "時刻サーバーの時刻",
            Field::OsClock => "パソコンの時計",
            Field::NeededBrowser => "必要なバージョン",
            Field::Rule => "止めた設定",
        }
    }

    fn side(&self, side: Side) -> &'static str {
        match side {
            Side::Client => "あなたの端末側",
            Side::Server => "サーバー側",
            Side::Network => "ネットワーク",
            Side::Unknown => "どちら側かは未確認",
            Side::None => "問題なし",
        }
    }

    fn severity(&self, severity: Severity) -> &'static str {
        match severity {
            Severity::Critical => "重大",
            Severity::Warning => "注意",
            Severity::Info => "情報",
        }
    }

    fn labels(&self) -> Labels {
        Labels {
            meaning: "何が起きているか".into(),
            danger: "危険性".into(),
            user_steps: "あなたがすること".into(),
            admin_steps: "サーバー管理者の方へ".into(),
            evidence: "根拠".into(),
            also_found: "ほかに見つかったこと".into(),
            certificates: "サーバーが送ってきた証明書".into(),
            more: "詳しく".into(),
        }
    }

    fn summary(&self, primary: &Finding, problems: usize) -> String {
        match (primary.severity, primary.side) {
            _ if primary.id() == crate::wire::FindingId::RefusedByPolicy => {
                "組織の設定により、サーバーは確かめていません。".into()
            }
            (Severity::Info, _) => "問題は見つかりませんでした。この接続は安心して使えます。".into(),
            (Severity::Warning, Side::Client) => {
                "サーバーは正常です。原因は、あなたの端末側にある可能性が高いです。".into()
            }
            (Severity::Warning, _) => format!("今は接続できますが、注意が必要な点が{problems}件あります。"),
            (Severity::Critical, Side::Server) => "原因はサーバー側にあります。安全に接続できない状態です。".into(),
            (Severity::Critical, Side::Network) => "サーバーとの接続そのものができていません。".into(),
            (Severity::Critical, Side::Client) => "原因は、あなたの端末側にある可能性が高いです。".into(),
            (Severity::Critical, _) => "安全に接続できない状態です。".into(),
        }
    }

    fn date(&self, c: &Civil) -> String {
        format!("{}年{}月{}日 {:02}:{:02}（{}）", c.year, c.month, c.day, c.hour, c.minute, c.offset_label())
    }

    fn days_ago(&self, days: i64) -> String {
        if days <= 0 { "今日".into() } else { format!("{days}日前") }
    }

    fn days_left(&self, days: i64) -> String {
        if days <= 0 { "今日まで".into() } else { format!("あと{days}日") }
    }

    fn seconds(&self, ms: u64) -> String {
        format!("{}秒", seconds_text(ms))
    }

    fn list(&self, items: &[String]) -> String {
        items.join("、")
    }

    fn dated(&self, date: String, relative: String) -> String {
        format!("{date}、{relative}")
    }

    fn none(&self) -> &'static str {
        "（なし）"
    }

    fn yes_no(&self, yes: bool) -> &'static str {
        if yes { "はい" } else { "いいえ" }
    }

    fn store(&self, store: TrustStore) -> &'static str {
        match store {
            TrustStore::Mozilla => "Mozilla の信頼リスト",
            TrustStore::System => "このコンピューターの信頼リスト",
            TrustStore::Custom => "指定されたCAファイル",
            TrustStore::Browser => "このブラウザ",
        }
    }

    fn dns_error(&self, error: DnsError) -> &'static str {
        match error {
            DnsError::NoSuchHost => "その名前は存在しない",
            DnsError::NoAddress => "名前はあるが、IPアドレスがない",
            DnsError::TemporaryFailure => "一時的に答えられない",
            DnsError::TimedOut => "時間切れ",
            DnsError::Other => "その他のエラー",
        }
    }

    fn plaintext(&self, seen: Plaintext) -> &'static str {
        match seen {
            Plaintext::Http => "HTTP（Webの通信）",
            Plaintext::Smtp => "SMTP（メールの送信）",
            Plaintext::Imap => "IMAP（メールの受信）",
            Plaintext::Pop3 => "POP3（メールの受信）",
            Plaintext::Ftp => "FTP（ファイルの転送）",
            Plaintext::SmtpOrFtp => "SMTPかFTP",
            Plaintext::Ssh => "SSH（リモート操作）",
            Plaintext::OtherText => "TLS以外のサービス",
            Plaintext::Binary => "TLS以外のサービス",
            Plaintext::Tls => "SSL/TLS（最初から暗号化する方式）",
        }
    }

    fn reject(&self, reason: RejectReason) -> &'static str {
        match reason {
            RejectReason::UnknownIssuer => "発行元の名前は信頼されているが、署名が合わない",
            RejectReason::Expired => "有効期限が切れている",
            RejectReason::NotYetValid => "まだ使える期間になっていない",
            RejectReason::BadSignature => "署名が正しくない",
            RejectReason::UnsupportedSignatureAlgorithm => "今は使えない古い署名の方式が使われている",
            RejectReason::InvalidPurpose => "Webサーバー用として発行された証明書ではない",
            RejectReason::CaUsedAsEndEntity => "認証局用の証明書が、サーバーの証明書として使われている",
            RejectReason::EndEntityUsedAsCa => "サーバー用の証明書が、発行元として使われている",
            RejectReason::NameConstraintViolation => "発行元に許されていない名前の証明書",
            RejectReason::PathLengthExceeded => "中間証明書の段数が、許された数を超えている",
            RejectReason::BadEncoding => "証明書の形式に誤りがある",
            RejectReason::Revoked => "証明書が失効している（取り消されている）",
            RejectReason::Other => "その他の理由",
        }
    }

    fn alert(&self, alert: &str) -> Option<&'static str> {
        Some(match alert {
            "handshake_failure" => "使える暗号の方式が一つも重ならない",
            "protocol_version" => "TLSのバージョンが合わない",
            "insufficient_security" => "暗号の強さが足りない",
            "unrecognized_name" => "その名前のサイトはない",
            "internal_error" => "サーバー内部のエラー",
            "access_denied" => "接続が許可されていない",
            "certificate_required" => "クライアント証明書が必要",
            "bad_certificate" => "証明書が正しくない",
            "decode_error" | "illegal_parameter" | "unexpected_message" => "やりとりの形式が合わない",
            _ => return None,
        })
    }

    fn stage(&self, stage: Stage) -> &'static str {
        match stage {
            Stage::Connect => "接続（TCP）",
            Stage::Greeting => "サーバーの最初のあいさつ",
            Stage::TlsHandshake => "暗号化の開始（TLSハンドシェイク）",
        }
    }

    fn refusal(&self, rule: RefusalRule, source: PolicySource) -> RefusalWords {
        use RefusalRule as R;
        let host = source == PolicySource::HostPolicy;
        RefusalWords {
            headline: match rule {
                R::ProbesOff => "サーバーの確認は、組織の設定で止められています",
                R::PortNotAllowed => "ポート{v}の確認は、組織の設定で許可されていません",
                R::ProtocolNotAllowed => "{v}での確認は、組織の設定で許可されていません",
                R::HostBlocked => "{v}の確認は、組織の設定で禁止されています",
                R::HostNotAllowed => "{v}は、確認してよいサーバーに入っていません",
                R::PrivateAddress => {
                    "社内や家庭のネットワークの中のアドレス（{v}）の確認は、組織の設定で許可されていません"
                }
                R::RateLimited => "確認の回数が、組織の設定で決められた上限に達しました",
                R::PolicyUnreadable => "診断ツールの設定ファイルを読み取れないため、安全のため確認を止めています",
            },
            meaning: if host {
                "診断ツールは、サーバーにつないでいません。この制限は、このコンピューターの管理者が決めたものです。"
            } else {
                "診断ツールは、サーバーにつないでいません。この制限は、ブラウザの管理者が決めたものです。"
            },
            danger: "サーバーの状態は分かりません。問題がないという意味ではありません。",
            user: match rule {
                R::RateLimited => "{v}ほど待ってから、もう一度試してください。",
                _ => "必要なときは、組織の管理者（社内のヘルプデスクなど）に相談してください。",
            },
            admin: match (rule, host) {
                (R::PolicyUnreadable, _) => {
                    "設定ファイル（policy.json）を、正しいJSONで64 KiB以下に直してください。`tls-doctor policy` で確かめられます。"
                }
                (_, true) => {
                    "診断ツールの設定ファイル（policy.json）の `{k}` で決まっています。`tls-doctor policy` で確かめられます。"
                }
                (_, false) => "ブラウザの管理設定（拡張機能のポリシー）の `{k}` にあたる項目で決まっています。",
            },
        }
    }

    fn starttls_protocol(&self, protocol: StarttlsProtocol) -> &'static str {
        use StarttlsProtocol as P;
        match protocol {
            P::Smtp => "SMTP（メールの送信）",
            P::Imap => "IMAP（メールの受信）",
            P::Pop3 => "POP3（メールの受信）",
            P::Ftp => "FTP（ファイルの転送）",
            P::XmppClient => "XMPP（チャット）",
            P::XmppServer => "XMPP（チャットのサーバー間）",
            P::Ldap => "LDAP（利用者の名簿）",
            P::Postgres => "PostgreSQL（データベース）",
            P::Mysql => "MySQL（データベース）",
            P::Nntp => "NNTP（ニュース）",
            P::Sieve => "ManageSieve（メールの振り分けの設定）",
        }
    }

    fn starttls_stage(&self, stage: StarttlsStage) -> &'static str {
        match stage {
            StarttlsStage::Dialogue => "暗号化に切り替える前のやりとり",
            StarttlsStage::Handshake => "切り替えた後の暗号化の開始（TLSハンドシェイク）",
        }
    }

    fn cut(&self, cut: CutKind) -> &'static str {
        match cut {
            CutKind::Reset => "強制的に切断（リセット）",
            CutKind::Closed => "何も返さずに切断",
        }
    }

    fn cert_title(&self, cert: &CertSummary) -> String {
        let role = if cert.position == 0 {
            "サーバーの証明書"
        } else if cert.self_issued {
            "ルート証明書"
        } else {
            "中間証明書"
        };
        format!("{}. {role}", cert.position + 1)
    }

    fn clock_line(&self, offset_seconds: i64) -> String {
        match offset_seconds {
            -60..=60 => "このコンピューターの時計とほぼ同じ".into(),
            s if s > 0 => format!("このコンピューターより{}進んでいる", duration_text_ja(s)),
            s => format!("このコンピューターより{}遅れている", duration_text_ja(-s)),
        }
    }

    fn duration(&self, seconds: u64) -> String {
        duration_text_ja(i64::try_from(seconds).unwrap_or(i64::MAX))
    }

    fn browser(&self, family: crate::wire::BrowserFamily) -> &'static str {
        match family {
            crate::wire::BrowserFamily::Chromium => "Chrome・Edge などの Chromium 系",
            crate::wire::BrowserFamily::Firefox => "Firefox",
        }
    }

    fn same_as_host(&self, sha256: &str) -> String {
        format!("診断ツールが受け取ったものと同じ（SHA-256 {sha256}）")
    }

    fn checked_by(&self, host: bool) -> &'static str {
        if host {
            "TLS Doctor の診断ツールが、このコンピューターからサーバーに直接つないで確かめました"
        } else {
            "ブラウザが出したエラーだけから説明しています（サーバーにはまだつないでいません）"
        }
    }

    fn weakness(&self, weakness: Weakness) -> (String, String) {
        let (name, why) = match weakness {
            Weakness::Rc4 => ("RC4", "RC4 は、解読の手口が知られている暗号です。".to_owned()),
            Weakness::TripleDes => ("3DES", "3DES は古い暗号で、大量の通信から解読される弱点があります。".to_owned()),
            Weakness::Null => ("NULL", "NULL は、暗号化をまったくしない設定です。".to_owned()),
            Weakness::Export => ("輸出用の暗号", "輸出用の暗号は、1990年代にわざと弱くされた暗号です。".to_owned()),
            Weakness::Anonymous => ("匿名の鍵交換", "匿名の方式は、サーバーが本物かどうかを確かめません。".to_owned()),
            Weakness::StaticRsa => (
                "RSA 鍵交換",
                "RSA 鍵交換は、あとでサーバーの鍵が漏れると、過去の通信まで読まれてしまう方式です。".to_owned(),
            ),
            Weakness::Dhe { bits: Some(bits) } => {
                ("短い DH 鍵", format!("鍵を共有する仕組み（DH）の鍵が {bits} ビットと短く、解読されやすい状態です。"))
            }
            Weakness::Dhe { bits: None } => {
                ("DH 鍵交換", "鍵を共有する仕組みのうち DH は、今のブラウザが使わなくなった方式です。".to_owned())
            }
        };
        (name.to_owned(), why)
    }

    fn revocation_method(&self, method: RevocationMethod) -> &'static str {
        match method {
            RevocationMethod::Staple => "サーバーが添えた失効情報（OCSPの応答）",
            RevocationMethod::Ocsp => "発行元の問い合わせ窓口（OCSP：証明書が有効かを問い合わせる仕組み）",
            RevocationMethod::Crl => "発行元が公開する失効リスト（CRL）",
        }
    }

    fn revocation_reason(&self, reason: &str) -> String {
        match reason {
            "key_compromise" => "鍵の漏えい",
            "ca_compromise" => "認証局の鍵の漏えい",
            "affiliation_changed" => "所属の変更",
            "superseded" => "新しい証明書への置き換え",
            "cessation_of_operation" => "利用の終了",
            "certificate_hold" => "一時的な停止",
            "privilege_withdrawn" => "権限の取り消し",
            "unspecified" => "理由の指定なし",
            other => other,
        }
        .to_owned()
    }

    fn purpose(&self, purpose: &str) -> String {
        match purpose {
            "serverAuth" => "サーバーの認証",
            "clientAuth" => "利用者の認証",
            "emailProtection" => "メールの保護",
            "codeSigning" => "プログラムの署名",
            "timeStamping" => "時刻の証明",
            "OCSPSigning" => "失効情報の署名",
            "anyExtendedKeyUsage" => "すべての用途",
            other => other,
        }
        .to_owned()
    }
}

fn modern_protocol_steps() -> Vec<crate::wire::AdminStep> {
    vec![
        for_software("nginx", "`ssl_protocols TLSv1.2 TLSv1.3;` にして、`nginx -t` のあとで読み込み直してください。"),
        for_software(
            "Apache",
            "`SSLProtocol -all +TLSv1.2 +TLSv1.3` にして、`apachectl graceful` で読み込み直してください。",
        ),
        for_software(
            "IIS",
            "TLS 1.2 を有効にし、TLS 1.0 と 1.1 を無効にしてください（SCHANNEL のレジストリ設定、または IIS Crypto などの道具で）。Windows Server 2008 以前は TLS 1.2 に十分対応していないため、移行が必要です。",
        ),
        step(
            "ルーター、NAS、プリンターなどの機器は、メーカーのファームウェア更新で TLS 1.2 に対応することがあります。対応しない機器は、手前に暗号化を受け持つ中継サーバー（リバースプロキシ）を置くか、買い替えを考えてください。",
        ),
    ]
}

fn modern_cipher_steps() -> Vec<crate::wire::AdminStep> {
    vec![
        for_software(
            "nginx",
            "`ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;` を設定してください。",
        ),
        for_software("Apache", "`SSLCipherSuite` に同じ組み合わせを指定してください。"),
        for_software(
            "IIS",
            "グループポリシーの「SSL 暗号の順位」で ECDHE と AES-GCM の組み合わせを有効にし、RC4・3DES・NULL を無効にしてください。",
        ),
        step("古い機器は、ファームウェアを更新すると新しい暗号に対応することがあります。"),
    ]
}

fn renew_steps() -> Vec<crate::wire::AdminStep> {
    vec![
        for_software(
            "certbot",
            "`certbot renew` で証明書を更新し、Webサーバーを読み込み直してください（`systemctl reload nginx` など）。",
        ),
        for_software(
            "certbot",
            "自動更新が止まっていないか、`systemctl list-timers certbot.timer` と /var/log/letsencrypt/letsencrypt.log で確かめてください。",
        ),
        for_software("nginx", "`ssl_certificate` が新しい証明書（fullchain.pem）を指しているか確かめてください。"),
        for_software(
            "Apache",
            "`SSLCertificateFile` が新しい証明書を指しているか確かめ、`apachectl graceful` で読み込み直してください。",
        ),
        for_software("IIS", "新しい証明書を取り込み、サイトの https バインドで選び直してください。"),
    ]
}

pub(crate) fn seconds_text(ms: u64) -> String {
    // Tenths by integer arithmetic: float formatting would add ~15 KB to the wasm module.
    let tenths = (ms + 50) / 100;
    if ms % 1000 == 0 { (ms / 1000).to_string() } else { format!("{}.{}", tenths / 10, tenths % 10) }
}

fn duration_text_ja(seconds: i64) -> String {
    match seconds {
        s if s < 3600 => format!("{}分", s / 60),
        s if s < 86_400 => format!("{}時間", s / 3600),
        s => format!("{}日", s / 86_400),
    }
}

/// On port 25, the likeliest reason comes first: the provider blocks it.
fn port_25_first(port: u16, mut steps: Vec<String>) -> Vec<String> {
    if port == 25 {
        steps.insert(0, PORT_25.into());
    }
    steps
}

/// 通信を検査する製品の種類。
fn interceptor_ja(kind: InterceptorKind) -> &'static str {
    match kind {
        InterceptorKind::Antivirus => "ウイルス対策ソフト",
        InterceptorKind::CorporateProxy => "会社のプロキシ（通信を中継する装置）",
        InterceptorKind::Firewall => "ファイアウォール（不正な通信を防ぐ装置）",
        InterceptorKind::SchoolOrWebFilter => "学校や会社のWebフィルター（見られるサイトを制限する仕組み）",
        InterceptorKind::ParentalControl => "保護者による使用制限",
        InterceptorKind::DebugProxy => "開発用の通信解析ツール",
        InterceptorKind::Adware => "広告を表示するソフト",
        InterceptorKind::DeviceVendor => "パソコンのメーカーが入れたソフト",
        InterceptorKind::Government => "政府が利用を求める証明書",
        InterceptorKind::Test => "テスト用の製品",
    }
}

/// 検査を止める、または例外にする手順(製品の種類ごと)。
fn interceptor_steps_ja(kind: InterceptorKind, product: &str) -> Vec<String> {
    match kind {
        InterceptorKind::Antivirus | InterceptorKind::Test => vec![
            format!("{product}の設定画面を開き、「HTTPSスキャン」「SSL/TLSフィルタリング」「暗号化された通信の検査」といった項目を探してください。名前は製品ごとに違います。"),
            "その項目をオフにするか、このサイトを例外（除外するサイトの一覧）に追加してください。".into(),
            format!("{product}を最新版に更新すると直ることもあります。"),
            "設定を変えたら、ブラウザを再起動して開き直してください。".into(),
        ],
        InterceptorKind::CorporateProxy
        | InterceptorKind::Firewall
        | InterceptorKind::SchoolOrWebFilter
        | InterceptorKind::ParentalControl => vec![
            "この仕組みは、会社や学校のネットワーク、または保護者の設定で動いています。ご自分で設定を変えようとしないでください。".into(),
            "管理者やヘルプデスクに「TLS Doctor の診断結果」を見せて、このサイトが開けないことを伝えてください。".into(),
        ],
        InterceptorKind::DebugProxy => vec![
            format!("{product}は、通信を調べる開発用のツールです。使い終わったら終了し、ブラウザやOSのプロキシ（通信の中継先）の設定を元に戻してください。"),
            "心当たりがない場合は、アンインストールしてください。".into(),
        ],
        InterceptorKind::Adware | InterceptorKind::DeviceVendor | InterceptorKind::Government => vec![
            format!("{product}は、安全でない方法で通信を差し替えることが知られています。アンインストールを検討してください。"),
            "分からない場合は、パソコンのメーカーや販売店に相談してください。".into(),
        ],
    }
}

pub(crate) fn notice(notice: &Notice) -> String {
    if let Some(text) = browser_notice(notice) {
        return text;
    }
    match notice {
        Notice::BadTarget { input, .. } => format!(
            "「{input}」を接続先として読み取れません。example.jp、example.jp:8443、192.0.2.1:443 のような形で指定してください。"
        ),
        Notice::BadPort { input } => {
            format!("ポート番号「{input}」が正しくありません。1〜65535 の数字で指定してください。")
        }
        Notice::PlainHttpUrl { input } => format!(
            "「{input}」は暗号化を使わない http:// のアドレスです。暗号化を確かめるには https:// で指定してください。"
        ),
        Notice::BadAddress { input } => format!("--address の「{input}」をIPアドレスとして読み取れません。"),
        Notice::BadSni { input } => format!("--sni の「{input}」をサーバーの名前として読み取れません。"),
        Notice::BadTimeout { input } => {
            format!("--timeout の「{input}」が正しくありません。1〜120 の秒数で指定してください。")
        }
        Notice::BadStarttls { input } => format!(
            "--starttls の「{input}」は使えません。smtp、imap、pop3、ftp、xmpp、xmpp-server、ldap、postgres、mysql、nntp、sieve のどれかを指定してください。"
        ),
        Notice::CaFileUnreadable { path, error } => format!("CAファイル「{path}」を読めません（{error}）。"),
        Notice::CaFileEmpty { path } => format!("CAファイル「{path}」に、PEM形式の証明書が一つもありません。"),
        Notice::Internal { detail } => format!("診断を最後まで行えませんでした（{detail}）。"),
        Notice::Installed { path } => format!("ブラウザ用の設定ファイル（マニフェスト）を書き込みました（{path}）。"),
        Notice::AlreadyInstalled { path } => {
            format!("ブラウザ用の設定ファイル（マニフェスト）は書き込み済みで、変更はありません（{path}）。")
        }
        Notice::Removed { path } => format!("ブラウザ用の設定ファイル（マニフェスト）を削除しました（{path}）。"),
        Notice::NothingToRemove => "削除する TLS Doctor のマニフェストはありませんでした。".into(),
        Notice::Registered { key } => format!("レジストリに登録しました（{key}）。"),
        Notice::Unregistered { key } => format!("レジストリから削除しました（{key}）。"),
        Notice::LeftForeign { path, name } => {
            format!("「{path}」は別のホスト（{name}）のマニフェストなので、そのままにしました。")
        }
        Notice::LeftMalformed { path, detail } => {
            format!("「{}」はマニフェストとして読めないので、そのままにしました（{detail}）。", path)
        }
        Notice::CannotWrite { path, error } => format!("「{}」に書き込めません（{error}）。", path),
        Notice::CannotRemove { path, error } => format!("「{}」を削除できません（{error}）。", path),
        Notice::CannotRegister { key, error } => format!("レジストリの「{key}」を変更できません（{error}）。"),
        Notice::NeedsAdmin => {
            "--system には管理者の権限が必要です。sudo を付けて（Windows では管理者として）実行してください。".into()
        }
        Notice::NothingWritten => "マニフェストを一つも書き込めませんでした。".into(),
        Notice::NoUserDir { variable } => format!(
            "ユーザーのフォルダーがわかりません（{variable} が設定されていません）。--manifest-dir で書き込み先を指定してください。"
        ),
        Notice::NoExePath { error } => format!("tls-doctor 自身の場所がわかりません（{error}）。"),
        Notice::BadExtensionId { id } => format!(
            "「{id}」を拡張機能のIDとして読み取れません。Chrome系は a〜p の32文字、Firefox は name@example.jp か {{GUID}} の形で指定してください。"
        ),
        Notice::ManifestDirNeedsOneBrowser => {
            "--manifest-dir と一緒に、--browser でブラウザを一つ指定してください（all は使えません）。".into()
        }
        // Said by `browser_notice` above.
        Notice::HostMissing
        | Notice::ProbingDisabled
        | Notice::HostOutdated { .. }
        | Notice::HostFailed { .. }
        | Notice::BadMailAddress { .. } => String::new(),
    }
}

/// The notices the popup shows (kept apart so that the extension's module carries only these).
pub(crate) fn browser_notice(notice: &Notice) -> Option<String> {
    Some(match notice {
        Notice::ProbingDisabled => "組織の設定により、この拡張機能は診断ツールでサーバーを確かめません。メールの設定の診断も使えません。必要なときは、組織の問い合わせ先に相談してください。".into(),
        Notice::HostMissing => "TLS Doctor の診断ツール（サーバーに直接つないで確かめるプログラム）が、このコンピューターに入っていません。今はブラウザのエラーだけから説明しています。診断ツールを入れると、原因をサーバーの側から確かめられます。会社の端末なら管理者に、そうでなければ TLS Doctor の説明書（README）の「診断ツールを入れる」を見てください。".into(),
        Notice::HostOutdated { found, needed } => format!(
            "TLS Doctor の診断ツールが古いため、使えませんでした（今の版は {found}、必要なのは {needed} 以降です）。診断ツールを新しくしてください。今はブラウザのエラーだけから説明しています。"
        ),
        Notice::HostFailed { detail } => format!(
            "TLS Doctor の診断ツールから答えが得られませんでした（{detail}）。今はブラウザのエラーだけから説明しています。"
        ),
        Notice::BadMailAddress { input } => format!(
            "「{input}」をメールアドレスとして読み取れません。user@example.jp のようなメールアドレスか、example.jp のようなドメイン名を指定してください。"
        ),
        _ => return None,
    })
}
