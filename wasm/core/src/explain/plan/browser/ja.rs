//! ブラウザが報告したエラー（日本語）。英語版は `en.rs`。

use super::{Family, Say};
use crate::explain::Fmt;
use crate::explain::glossary::Term;
use crate::wire::Cause;

pub(crate) fn say(s: &Say, _f: &Fmt<'_>) -> String {
    match s {
        Say::Headline(family) => headline(*family).into(),
        Say::Meaning(family) => meaning(*family),
        Say::HealthyNow => "ただし、TLS Doctorの診断ツールがこの端末から今つないだところ、サーバーに問題は見つかりませんでした。ブラウザに残った古い情報や、セキュリティソフトなど、この端末の側に原因があるかもしれません。".into(),
        Say::CausesBelow => "よくある原因と、その見分け方を下に挙げます。".into(),
        Say::Cause(c) => cause(*c),
        Say::DangerUnverified => "接続先が本物か確かめられないため、パスワードなどは入力しないでください。".into(),
        Say::DangerFakeSite => "偽のサイトかもしれないため、パスワードなどは入力しないでください。".into(),
        Say::DangerRevoked => "取り消された証明書のサイトは、本物かどうか信頼できません。".into(),
        Say::DangerIntercepted => "通信を盗み見られているおそれがあるため、パスワードなどは入力しないでください。".into(),
        Say::DangerProxy => "通信はまだ目的のサーバーに届いていません。".into(),
        Say::DangerNone => "サーバーの設定どおりの動きで、危険な状態ではありません。".into(),
        Say::DangerUnknown => "このエラーだけでは、危険かどうかは分かりません。".into(),
        Say::RestartOrPrivate => "ブラウザを開き直すか、プライベートウィンドウで開いて、同じ表示か確かめてください。".into(),
        Say::DateRightThenSite => "日付が正しいのに同じ表示なら、サイトの管理者に連絡してください。".into(),
        Say::CheckSpelling => "アドレスのつづりを、「www.」の有無も含めて確かめてください。".into(),
        Say::TryOtherDevice => "スマートフォンなど別の端末や、別のネットワークでも同じ表示か確かめてください。".into(),
        Say::TryOtherNetwork => "スマートフォンのテザリングなど、別のネットワークで開けるか試してください。".into(),
        Say::SameElsewhereContact => "別のネットワークでも同じなら、サイトの管理者に連絡してください。".into(),
        Say::IfPersistsContact => "何度試しても同じなら、サイトの管理者に連絡してください。".into(),
        Say::AskOrgIfManaged => "会社や学校の端末なら、組織の問い合わせ先に連絡してください。".into(),
        Say::ResetBrowserSettings => "自分で設定を変えた覚えがあれば、ブラウザの設定を初期状態に戻してください。".into(),
        Say::AskOrgForClientCert => "会社や学校のシステムなら、証明書の入れ方を組織の問い合わせ先に聞いてください。".into(),
        Say::CheckSecuritySoftware => "セキュリティソフトの「HTTPSのスキャン」を一時的に止めて、表示が変わるか確かめてください。".into(),
        Say::CheckNetworkRetry => "Wi-Fiや有線でネットワークにつながっているか確かめて、もう一度試してください。".into(),
        Say::AskOrgProxy => "会社や学校のネットワークなら、プロキシの設定を組織の問い合わせ先に確かめてください。".into(),
        Say::Reload => "ページを読み込み直してください。".into(),
        Say::AdminValidity => "証明書の有効期間（開始日と期限）を確かめ、期限が切れていれば更新してください。".into(),
        Say::AdminCertbotRenew => "`certbot renew` で更新し、Webサーバーを再読み込みしてください。".into(),
        Say::AdminName => "接続先の名前を含む証明書を使っているか確かめてください。".into(),
        Say::AdminNameNginx => "`server_name` と、そのサイトの `ssl_certificate` が合っているか確かめてください。".into(),
        Say::AdminNameApache => "`ServerName`・`ServerAlias` と、そのサイトの `SSLCertificateFile` が合っているか確かめてください。".into(),
        Say::AdminFullChain => "信頼された認証局の証明書を使い、中間証明書も一緒に送ってください（フルチェーン）。".into(),
        Say::AdminChainNginx => "`ssl_certificate` には、中間証明書を含むファイル（certbotならfullchain.pem）を指定してください。".into(),
        Say::AdminChainApache => "`SSLCertificateFile` には、中間証明書を含むファイル（certbotならfullchain.pem）を指定してください。".into(),
        Say::AdminReplaceRevoked => "証明書は発行元によって失効しています。新しい証明書を発行してもらい、入れ替えてください。".into(),
        Say::AdminStapling => "OCSPステープリングを使っているなら、サーバーが添える応答が有効か確かめてください（`openssl s_client -status` の「OCSP Response Status」）。".into(),
        Say::AdminMustStaple => "Must-Stapleの証明書は、応答を添えないとFirefoxで開けません。発行元がOCSPをやめている場合は、Must-Stapleなしで発行し直してください。".into(),
        Say::AdminStrongCert => "SHA-256以上の署名と、2048ビット以上のRSA鍵（またはECDSAのP-256以上）で証明書を作り直してください。".into(),
        Say::AdminRules => "証明書の発行元に、今の決まり（CA/ブラウザフォーラムの基準）に合う証明書を発行し直してもらってください。".into(),
        Say::AdminCheckFile => "証明書のファイルが壊れていないか、`openssl x509 -noout -text -in 証明書ファイル` で確かめてください。".into(),
        Say::AdminModernTls => "TLS 1.2とTLS 1.3を有効にしてください。古い機器なら、ファームウェアを更新してください。".into(),
        Say::AdminTlsNginx => "`ssl_protocols TLSv1.2 TLSv1.3;` のあと、`nginx -t` と `systemctl reload nginx` を実行してください。".into(),
        Say::AdminTlsApache => "`SSLProtocol -all +TLSv1.2 +TLSv1.3` のあと、`apachectl configtest` と `systemctl reload apache2` を実行してください。".into(),
        Say::AdminBrowserTlsPolicy => "ブラウザのポリシー `SSLVersionMin`（Chrome・Edge・Firefox）と `SSLVersionMax`（Firefox）、Firefoxの `security.tls.version.min` と `security.tls.version.max` を確かめ、TLS 1.2とTLS 1.3が使える値にしてください。".into(),
        Say::AdminErrorLog => "サーバーのエラーログで、接続が失敗した理由を確かめてください。".into(),
        Say::AdminClientAuth => "社内向けなら、利用者に証明書の入れ方を案内してください。一般に公開するサイトなら、クライアント証明書を求める設定を外してください。".into(),
        Say::AdminInspectionRoot => "社内の検査製品によるものなら、その製品のルート証明書をOSの信頼する証明書に登録してください。Firefox 120以降は、Windows・macOS・AndroidではOSに登録されたルート証明書も信頼します。".into(),
        Say::AdminUnknownInspection => "心当たりのない検査なら、そのルート証明書は配らずに、どこで差し替えられているかを調べてください。".into(),
        Say::AdminBlockedRoot => "このルート証明書は、通信の監視に使われたとしてブラウザが拒否しているものです。配らずに、端末から取り除いてください。".into(),
        Say::AdminPinningInspection => "社内で通信を検査しているなら、ピン留めされたサイト（Googleのサービスなど）を検査の対象から外してください。".into(),
        Say::AdminCt => "証明書がCertificate Transparencyのログに登録されているか（SCTが付いているか）、発行元に確かめてください。".into(),
        Say::AdminEch => "DNSのHTTPSレコードにあるECHの設定と、サーバーの鍵が合っているか確かめてください。".into(),
        Say::AdminServerUp => "サーバーが動いているか、ファイアウォールの設定を確かめてください。".into(),
        Say::AdminProxy => "プロキシの設定（PACファイルなど）と、プロキシが動いているかを確かめてください。".into(),
        Say::AdminNothing => "サーバー側で直すことは、たいていありません。".into(),
    }
}

fn headline(family: Family) -> &'static str {
    use Family as F;
    match family {
        F::Expired => "端末の日付では、証明書の期限が切れています",
        F::NotYetValid => "端末の日付では、証明書がまだ有効になっていません",
        F::OutsideValidity => "端末の日付では、証明書の有効期間の外です",
        F::Name => "証明書が、このサイトの名前と合っていません",
        F::Trust => "証明書の発行元を、ブラウザが信頼していません",
        F::Revoked => "証明書が、発行元によって取り消されています",
        F::RevocationUnchecked => "証明書が取り消されていないか、確かめられませんでした",
        F::Strength => "証明書の暗号が弱いため、ブラウザが受け付けません",
        F::Policy => "証明書が、ブラウザの決まりに合っていません",
        F::Format => "サーバーの証明書が壊れていて、読み取れません",
        F::VersionCipher => "ブラウザとサーバーで、使える暗号の方式が合いません",
        F::BrowserSettings => "ブラウザの設定で、使えるTLSのバージョンがありません",
        F::Handshake => "暗号化を始めるやりとりが、途中で失敗しました",
        F::ClientAuth => "サーバーが、利用者の証明書を求めています",
        F::Interception => "通信の途中で、証明書が差し替えられています",
        F::InterceptionBlocked => "通信を監視する証明書が使われたため、ブラウザが止めました",
        F::Pinning => "証明書が、このサイトに決められた発行元のものではありません",
        F::Ct => "証明書が、公開の記録に載っていません",
        F::Ech => "ECHの設定が合わず、接続できませんでした",
        F::Transport => "サーバーに接続できませんでした",
        F::Proxy => "プロキシとの接続に問題があります",
        F::Internal => "ブラウザの内部でエラーが起きました",
        F::Unknown => "ブラウザがエラーを報告しました",
    }
}

fn meaning(family: Family) -> String {
    use Family as F;
    match family {
        F::Expired => format!(
            "ブラウザは、端末の時計で{}の期限を確かめます。端末の日付が正しければ、サイトの証明書の期限が切れています。",
            Term::Certificate
        ),
        F::NotYetValid => format!(
            "ブラウザは、端末の時計で{}の有効期間を確かめます。端末の日付が正しければ、サイトの証明書の有効期間がまだ始まっていません。",
            Term::Certificate
        ),
        F::OutsideValidity => format!(
            "ブラウザは、端末の時計で{}の有効期間を確かめます。端末の日付が正しければ、サイトの証明書の期限が切れているか、有効期間がまだ始まっていません。",
            Term::Certificate
        ),
        F::Name => format!(
            "{}には、使ってよいサイトの名前が書かれています。開こうとした名前は、その中にありませんでした。",
            Term::Certificate
        ),
        F::Trust => format!(
            "{}は、ブラウザや端末が信頼する発行元までたどれる必要があります。たどれないか、たどった先が信頼されていませんでした。",
            Term::Certificate
        ),
        F::Revoked => format!(
            "発行元が、この{}を{}させました。期限の前でも、取り消された証明書は使えません。",
            Term::Certificate,
            Term::Revocation
        ),
        F::RevocationUnchecked => format!(
            "ブラウザは、{}が{}していないことを確かめようとしましたが、確かめられませんでした。",
            Term::Certificate,
            Term::Revocation
        ),
        F::Strength => format!(
            "{}の署名の方式（SHA-1など）や鍵の長さが、今の基準では弱すぎます。",
            Term::Certificate
        ),
        F::Policy => format!(
            "{}の用途、名前の制約、有効期間の長さなどが、ブラウザの決まりに合っていませんでした。",
            Term::Certificate
        ),
        F::Format => format!(
            "サーバーが送ってきた{}の形式や署名が壊れていて、ブラウザが読み取れませんでした。",
            Term::Certificate
        ),
        F::VersionCipher => format!(
            "ブラウザとサーバーの両方が使える、TLSのバージョンや{}がありませんでした。サーバーが古い方式（TLS 1.0や1.1）しか使えないことがよくあります。",
            Term::CipherSuite
        ),
        F::BrowserSettings => "このブラウザの設定では、暗号化に使うTLSのバージョンが一つも使えなくなっています。サーバーの問題ではありません。組織の決まり（ポリシー）で設定されていることもあります。".into(),
        F::Handshake => format!(
            "{}の途中で、サーバーとのやりとりがうまくいきませんでした。サーバーの設定か、途中の機器が原因のことがあります。",
            Term::Handshake
        ),
        F::ClientAuth => format!(
            "このサーバーは、接続する人に{}を求めています。使える証明書がないか、受け入れられませんでした。",
            Term::ClientCertificate
        ),
        F::Interception => format!(
            "セキュリティソフトや社内の{}など、通信の途中にあるものが、暗号化をいったん解いて中身を見ているようです。",
            Term::Proxy
        ),
        F::InterceptionBlocked => format!(
            "通信の監視に使われたことが知られている{}が、この接続に使われていました。ブラウザはこれを止めています。",
            Term::RootCertificate
        ),
        F::Pinning => format!(
            "一部の大きなサイトは、使ってよい{}の発行元がブラウザに登録されています（ピン留め）。届いた証明書は、その発行元のものではありませんでした。",
            Term::Certificate
        ),
        F::Ct => format!(
            "ブラウザは、{}が公開の記録（Certificate Transparency）に載っていることを求めます。この証明書は、その条件を満たしていませんでした。",
            Term::Certificate
        ),
        F::Ech => format!("{}の設定が、サーバーか{}の側で合っていませんでした。", Term::Ech, Term::Dns),
        F::Transport => "暗号化の前の段階で、サーバーにつながらないか、接続が切れました。".into(),
        F::Proxy => format!("この端末に設定されている{}につながらないか、その証明書に問題があります。", Term::Proxy),
        F::Internal => "ふつうは画面に出ない、ブラウザ内部のエラーです。".into(),
        F::Unknown => "TLS Doctorの一覧にないエラーです。".into(),
    }
}

/// One usual cause: 【what it is】how to tell.
fn cause(c: Cause) -> String {
    use Cause as C;
    match c {
        C::ClockAhead => "【端末の時計が進んでいる】端末の日付と時刻が正しいか確かめてください。".into(),
        C::ClockBehind => "【端末の時計が遅れている】端末の日付と時刻が正しいか確かめてください。".into(),
        C::StaleBrowserState => "【ブラウザに古い情報が残っている】ブラウザを開き直すか、プライベートウィンドウで開いて、同じ表示か確かめてください。".into(),
        C::InterceptionKnownProduct => "【セキュリティソフトが通信を検査している】セキュリティソフトの「HTTPSのスキャン」を一時的に止めて、表示が変わるか確かめてください。".into(),
        C::InterceptionCorporate => "【会社や学校のネットワークが通信を検査している】スマートフォンのテザリングなど、別のネットワークでも同じ表示か確かめてください。".into(),
        C::InterceptionUnknown => "【誰かが通信を横取りしている】別のネットワークで表示が消えるなら、今のネットワークではパスワードを入力しないでください。".into(),
        C::CaptivePortal => "【Wi-Fiのログイン画面が割り込んでいる】ホテルや駅などのWi-Fiなら、先にログイン画面を開いてください。".into(),
        C::OutdatedClient => "【ブラウザやOSが古い】ブラウザとOSを最新版に更新してから、もう一度試してください。".into(),
        C::ClientCertRequired => "【利用者側の証明書が必要】会社や学校のシステムなら、必要な証明書が入っているか管理者に確かめてください。".into(),
        C::CertExpired => "【サーバーの証明書の期限切れ】ほかの端末やネットワークでも同じ表示なら、サーバー側の期限切れです。".into(),
        C::CertNotYetValid => "【サーバーの証明書がまだ使えない】ほかの端末でも同じ表示なら、サーバー側の問題です。".into(),
        C::ExpiringSoon => "【証明書の期限が近い】今はまだ使えます。管理者に更新を伝えてください。".into(),
        C::NameMismatch => "【証明書の名前が接続先と違う】アドレスのつづりを、「www.」の有無も含めて確かめてください。".into(),
        C::SelfSigned => "【サーバーが自分で発行した証明書（自己署名）】自分で管理するルーターやNASなどなら、管理者に証明書の指紋を確かめてください。".into(),
        C::UnknownIssuer => format!(
            "【証明書の発行元が信頼されていない】会社のシステムなら、管理者が配る{}が入っているか確かめてください。",
            Term::RootCertificate
        ),
        C::IncompleteChain => format!(
            "【サーバーが{}を送っていない】ほかのブラウザや端末では開けるなら、この原因のことがあります。",
            Term::Intermediate
        ),
        C::Revoked => "【証明書が取り消されている】ほかの端末でも同じ表示なら、サーバー側の問題です。".into(),
        C::WeakSignature => "【証明書の署名の方式が古い（SHA-1など）】サーバー側の問題です。管理者に連絡してください。".into(),
        C::WeakKey => "【証明書の鍵が短すぎる】サーバー側の問題です。管理者に連絡してください。".into(),
        C::ValidityTooLong => "【証明書の有効期間が長すぎる】サーバー側の問題です。管理者に連絡してください。".into(),
        C::LegacyProtocolOnly => "【サーバーが古いTLSしか使えない】古いルーター、NAS、プリンターなどによくあります。機器のファームウェアの更新を確かめてください。".into(),
        C::NoCipherOverlap => "【使える暗号の組み合わせがない】サーバー側の設定の問題です。管理者に連絡してください。".into(),
        C::SniDefaultCert => "【サーバーが別のサイトの証明書を返している】証明書に、同じサーバーにある別のサイトの名前が書かれていないか確かめてください。".into(),
        C::WrongProtocolOnPort => "【ポート番号と暗号化の設定が合っていない】アドレスのポート番号（「:8080」など）が正しいか確かめてください。".into(),
        C::StarttlsNotOffered => "【メールサーバーが暗号化を用意していない】メールアプリのサーバー設定を、プロバイダーの案内と見比べてください。".into(),
        C::StarttlsFailed => "【メールサーバーで暗号化への切り替えに失敗している】メールアプリのサーバー設定を、プロバイダーの案内と見比べてください。".into(),
        C::OcspStapleMissing => "【サーバーが失効の確認情報を添えていない】サーバー側の設定の問題です。管理者に連絡してください。".into(),
        C::DnsFailure => "【サーバーの名前が見つからない】アドレスのつづりを確かめてください。".into(),
        C::PortClosed => "【サーバーがそのポートで受け付けていない】アドレスのポート番号が正しいか確かめてください。".into(),
        C::TimeoutFiltered => "【応答がない】別のネットワークで試すと、途中で通信が止められているかどうかが分かります。".into(),
        C::ConnectionReset => "【接続が途中で切られた】別のネットワークで試すと、途中の機器が原因かどうかが分かります。".into(),
        C::CaDistrusted => format!(
            "【証明書の発行元が、ブラウザから信頼を取り消されている】サーバー側の問題です。別の{}の証明書が必要です。",
            Term::Ca
        ),
        C::CertPolicyViolation => "【証明書の作り方が決まりに合わない】サーバー側の問題です。管理者に連絡してください。".into(),
        C::CtNoncompliant => "【証明書が公開の記録に載っていない】別のネットワークでも同じ表示なら、サーバー側の問題です。".into(),
        C::MalformedCert => "【証明書が壊れている】サーバー側の問題です。管理者に連絡してください。".into(),
        C::RevocationUnavailable => "【失効しているかどうかを確かめられない】しばらくしてから試してください。続くなら、ネットワークが確認先への通信を止めているかもしれません。".into(),
        C::PinningMismatch => "【証明書が、そのサイトに決められた発行元のものではない】通信の途中で差し替えられている可能性が高いです。別のネットワークで試してください。".into(),
        C::NonPublicName => "【社内用の名前やIPアドレスの証明書】社内の機器なら、正しい証明書かどうかを管理者に確かめてください。".into(),
        C::ServerTlsMisconfig => "【サーバーの暗号化の設定の誤り】ほかのブラウザでも同じ表示なら、サーバー側の問題です。".into(),
        C::MiddleboxInterference => "【途中の機器が通信を邪魔している】別のネットワークで試してください。".into(),
        C::ClientTlsSettings => "【ブラウザやOSの暗号化の設定が変えられている】ブラウザの設定を初期状態に戻すか、会社の端末なら管理者に確かめてください。".into(),
        C::ProxyMisconfig => "【プロキシの設定の誤り】OSやブラウザのプロキシの設定を確かめてください。".into(),
        C::EchFailure => format!("【{}の不具合】しばらくしてから、もう一度試してください。", Term::Ech),
        C::BrowserExtension => "【ブラウザの拡張機能が邪魔をしている】拡張機能を無効にしたプライベートウィンドウで試してください。".into(),
        C::Offline => "【ネットワークにつながっていない】Wi-Fiや有線の接続を確かめてください。".into(),
        C::DnsMisroute => format!(
            "【名前が違うサーバーを指している】hostsファイルや、{}の設定を確かめてください。",
            Term::Dns
        ),
    }
}
