//! 日本語のカタログ(原文)。英語版 `en.rs` はこれを写したものです。
//!
//! 書き方: です・ます調。一文を短く。専門用語は、各説明の中で最初に出るところに
//! 「(…)」で一行の言い換えを付ける。表記は一つに揃える(証明書、中間証明書、サーバー、
//! ブラウザ、メールアプリ、端末)。表記の揺れはテストで検出する。

use super::{Catalog, Field, Notice};
use crate::time::Civil;
use crate::wire::{
    CertSummary, CutKind, DnsError, Labels, Plaintext, RejectReason, RevocationMethod, Severity, Side, Stage,
    StarttlsProtocol, StarttlsStage, TrustStore, Weakness,
};

pub(crate) struct Ja;

impl Catalog for Ja {
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
            Field::AcceptedIssuers => "受け付ける発行元",
            Field::Reason => "理由",
            Field::Detail => "詳細",
            Field::Certificates => "証明書の数",
            Field::CertificateBytes => "証明書の大きさ（暗号化されたまま）",
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
            Field::File => "ファイル",
            Field::LeafKey => "証明書の鍵",
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
            Field::Versions => "使えるTLSのバージョン",
            Field::Weakness => "弱さの種類",
            Field::RevokedAt => "失効した日時",
            Field::Method => "確かめ方",
            Field::NextUpdate => "失効情報の有効期限",
            Field::Days => "有効期間（日数）",
            Field::Purposes => "証明書の用途",
            Field::Logged => "公開ログの記録日時",
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

    fn summary(&self, id: crate::wire::FindingId, side: Side, severity: Severity, problems: usize) -> String {
        match (severity, side) {
            _ if id == crate::wire::FindingId::RefusedByPolicy => {
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
        let zone = if c.is_japan_time() { "日本時間".to_owned() } else { c.offset_label() };
        format!("{}年{}月{}日 {:02}:{:02}（{zone}）", c.year, c.month, c.day, c.hour, c.minute)
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
            TrustStore::System => "この端末の信頼リスト",
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
            Plaintext::Http => "Web（HTTP）",
            Plaintext::Smtp => "メール送信（SMTP）",
            Plaintext::Imap => "メール受信（IMAP）",
            Plaintext::Pop3 => "メール受信（POP3）",
            Plaintext::Ftp => "ファイル転送（FTP）",
            Plaintext::SmtpOrFtp => "メール送信（SMTP）かファイル転送（FTP）",
            Plaintext::Ssh => "リモート操作（SSH）",
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
            -60..=60 => "この端末の時計とほぼ同じ".into(),
            s if s > 0 => format!("この端末より{}進んでいる", duration_text_ja(s)),
            s => format!("この端末より{}遅れている", duration_text_ja(-s)),
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

    fn files_step(&self) -> &'static str {
        "サーバーに読み込ませる前に、下の「サーバー管理者の方へ」の手順でファイルを直してください。"
    }

    fn files_certificates(&self) -> &'static str {
        "ファイルの中の証明書"
    }

    fn files_summary(&self) -> &'static str {
        "証明書のファイルに問題があります。サーバーに読み込ませる前に直してください。"
    }

    fn checked_by(&self, host: Option<bool>) -> &'static str {
        match host {
            Some(false) => "TLS Doctorの診断ツールが、この端末からサーバーに直接つないで確かめました",
            Some(true) => "TLS Doctorが証明書のファイルを確かめました（サーバーにはつないでいません）",
            None => "ブラウザが出したエラーだけから説明しています（サーバーにはまだつないでいません）",
        }
    }

    fn weakness(&self, weakness: Weakness) -> &'static str {
        match weakness {
            Weakness::Rc4 => "RC4",
            Weakness::TripleDes => "3DES",
            Weakness::Null => "NULL",
            Weakness::Export => "輸出用の暗号",
            Weakness::Anonymous => "匿名の鍵交換",
            Weakness::StaticRsa => "RSA鍵交換",
            Weakness::Dhe { bits: Some(_) } => "短いDH鍵",
            Weakness::Dhe { bits: None } => "DH鍵交換",
        }
    }

    fn revocation_method(&self, method: RevocationMethod) -> &'static str {
        match method {
            RevocationMethod::Staple => "サーバーが添えた失効情報（OCSPの応答）",
            RevocationMethod::Ocsp => "発行元の問い合わせ窓口（OCSP）",
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
        Notice::NothingToRemove => "削除するTLS Doctorのマニフェストはありませんでした。".into(),
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
        Notice::HostMissing => "TLS Doctorの診断ツール（サーバーに直接つないで確かめるプログラム）が、この端末に入っていません。今はブラウザのエラーだけから説明しています。診断ツールを入れると、原因をサーバーの側から確かめられます。会社の端末なら管理者に、そうでなければTLS Doctorの説明書（README）の「診断ツールを入れる」を見てください。".into(),
        Notice::HostOutdated { found, needed } => format!(
            "TLS Doctorの診断ツールが古いため、使えませんでした（今のバージョンは{found}、必要なのは{needed}以降です）。診断ツールを新しくしてください。今はブラウザのエラーだけから説明しています。"
        ),
        Notice::HostFailed { detail } => format!(
            "TLS Doctorの診断ツールから答えが得られませんでした（{detail}）。今はブラウザのエラーだけから説明しています。"
        ),
        Notice::BadMailAddress { input } => format!(
            "「{input}」をメールアドレスとして読み取れません。user@example.jp のようなメールアドレスか、example.jp のようなドメイン名を指定してください。"
        ),
        _ => return None,
    })
}
