//! 利用者の側の原因(日本語)。

use super::Say;
use crate::explain::{Fmt, utc_offset};
use crate::wire::InterceptorKind;

fn kind(k: InterceptorKind) -> String {
    match k {
        InterceptorKind::Antivirus => "ウイルス対策ソフト".into(),
        InterceptorKind::CorporateProxy => String::from("会社の‹Proxy›"),
        InterceptorKind::Firewall => String::from("‹Firewall›の装置"),
        InterceptorKind::SchoolOrWebFilter => "学校や会社のWebフィルター".into(),
        InterceptorKind::ParentalControl => "保護者による使用制限のソフト".into(),
        InterceptorKind::DebugProxy => "開発用の通信解析ツール".into(),
        InterceptorKind::Adware => "広告を表示するソフト".into(),
        InterceptorKind::DeviceVendor => "パソコンのメーカーが入れたソフト".into(),
        InterceptorKind::Government => "国による通信監視の仕組み".into(),
        InterceptorKind::Test => "テスト用の製品".into(),
    }
}

fn ahead_ja(ahead: bool) -> &'static str {
    if ahead { "進んでいます" } else { "遅れています" }
}

pub(crate) fn say(s: &Say<'_>, f: &Fmt<'_>) -> String {
    match s {
        Say::DeviceClockHeadline { ahead, by } => format!("端末の時計が{}{}", f.cat.duration(*by), ahead_ja(*ahead)),
        Say::BrowserClockHeadline { ahead, by } => {
            format!("ブラウザの時計だけが{}{}", f.cat.duration(*by), ahead_ja(*ahead))
        }
        Say::ZoneHeadline => String::from("端末の‹TimeZone›の設定が違うようです"),
        Say::ClockCertFine => "サイトに問題はありません。時計を直せば、安全に接続できます。".into(),
        Say::ClockJudgedLocally => String::from("ブラウザは、‹Certificate›の有効期間を端末の時計で確かめます。"),
        Say::DeviceClockOff { ahead, by } => {
            format!("端末の時計は、正しい時刻より{}{}。", f.cat.duration(*by), ahead_ja(*ahead))
        }
        Say::OnlyBrowserClockOff { ahead, by } => format!(
            "ブラウザの時計は、正しい時刻より{}{}。パソコン本体の時計は正しい時刻です。",
            f.cat.duration(*by),
            ahead_ja(*ahead)
        ),
        Say::BothClocksOff => "パソコン本体の時計もずれていますが、ブラウザとはずれ方が違います。".into(),
        Say::ValidCertLooks { ahead: true } => "そのため、正しい時刻では有効な証明書が、期限切れに見えています。".into(),
        Say::ValidCertLooks { ahead: false } => {
            "そのため、正しい時刻では有効な証明書が、まだ有効期間の前に見えています。".into()
        }
        Say::CertInvalidAnyway => "ただし、正しい時刻で見ても、この証明書は有効期間の外です。サイトの側にも問題があります。".into(),
        Say::ZoneMeaning { device, likely } => format!("ずれが時間帯の差とちょうど同じなので、時計ではなく‹TimeZone›の設定が違う可能性が高いです。いまの設定は{}です。時計の表示が正しければ、正しい設定は{}です。", utc_offset(*device), utc_offset(*likely)),
        Say::SetZone => {
            String::from("‹TimeZone›を、今いる地域に合わせてください。日本なら「大阪、札幌、東京」を選びます。")
        }
        Say::ReopenAfterClock => "時計を直したら、ページを開き直してください。".into(),
        Say::BrowserTimeTools => {
            "直らない場合は、ブラウザの時刻を変えるツールや拡張機能が動いていないか確かめてください。".into()
        }
        Say::AdminNothingOnServer => "サーバー側で直すことはありません。".into(),
        Say::AdminNtp => {
            "会社の端末なら、時刻を合わせる仕組み（NTP）の設定と、UDP 123番が通るかを確かめてください。".into()
        }
        Say::AdminBrowserTime => "パソコンの時計は正しく、ブラウザだけが違う時刻で動いています。ブラウザの起動のしかた（faketime のような時刻を偽るツール、仮想環境、テスト用の設定）を確かめてください。".into(),

        Say::StaleHeadline => "サーバーは正常です。ブラウザに残った古い情報が原因のようです".into(),
        Say::StaleDanger => "危険はありません。サーバーの暗号化は正常です。".into(),
        Say::StaleMeaning => String::from("ブラウザはエラーを出しましたが、TLS Doctorがこの端末から今つないだところ、問題なく接続できました。ブラウザに残った‹Cache›や‹Cookie›、開いたままの古い接続が原因かもしれません。サーバーの問題が、すでに直った可能性もあります。"),
        Say::ClearSiteData => "TLS Doctorのボタンで、このサイトの古い情報を消してから、ページを開き直してください。".into(),
        Say::ClearOnlyThisSite => String::from("消えるのは、このサイトの‹Cache›と‹Cookie›だけです。このサイトには、もう一度ログインが必要になることがあります。"),
        Say::CloseAllWindows => "直らない場合は、ブラウザのウィンドウをすべて閉じて、開き直してください。".into(),
        Say::KeepHsts => String::from("ブラウザに記録された‹Hsts›は消さないでください。安全のための仕組みです。"),
        Say::SoftwareInTheWay => String::from("それでも同じエラーが出る場合は、セキュリティソフトや‹Vpn›など、ブラウザの通信に関わるソフトが原因かもしれません。診断結果をコピーして、サポート窓口に見せてください。"),
        Say::AdminStaleNothing => "サーバー側で直すことはありません。今の設定で正常に接続できます。".into(),
        Say::AdminStaleBackends => "問い合わせが続く場合は、ロードバランサーの後ろの一部のサーバーだけが古い証明書を使っていないか、最近証明書を入れ替えなかったかを確かめてください。".into(),

        Say::ProductHeadline { product } => format!("{product}が、暗号化された通信を検査しています"),
        Say::PublicKeyHeadline { product } => format!("{product}の危険な証明書で、通信が差し替えられています"),
        Say::DebugToolHeadline { product } => format!("開発用ツールの{product}が、通信を途中で読んでいます"),
        Say::StateRootHeadline { product } => format!("{product}の証明書で、通信が途中で読まれています"),
        Say::PublicKeyDanger => "誰でも偽のサイトを作れる状態です。パスワードなどを入力しないでください。".into(),
        Say::DebugToolDanger { product } => format!("{product}は、パスワードを含む通信をすべて読めます。"),
        Say::ReadOnTheWay => "通信を盗み見られているおそれがあります。パスワードなどを入力しないでください。".into(),
        Say::ApprovedInspection => "会社が認めた検査で、外部からの攻撃ではありません。".into(),
        Say::LikelyProduct { .. } => "この製品の働きで、攻撃ではない可能性が高いです。".into(),
        Say::ProductMeaning { product, kind: k } => format!("サイトの‹Certificate›が、{}の「{product}」の証明書に差し替えられていました。{product}は、暗号化された通信の中身を読めます。", kind(*k)),
        Say::PageLoaded => "このブラウザはその証明書を信頼しているため、エラーにならずにページが表示されています。".into(),
        Say::BrowserRefuses => "ブラウザはその証明書を信頼していないため、エラーになっています。".into(),
        Say::RegisteredByAdmin => "管理者は、この検査を会社の正式な検査として登録しています。".into(),
        Say::PublicKeyMeaning => "この証明書の秘密の鍵は、広く公開されています。誰でも、この証明書を使って偽のサイトを作れます。".into(),
        Say::DebugToolMeaning => {
            "これは、開発者が通信を調べるためのツールの証明書です。ほかの端末に信頼させてはいけないものです。".into()
        }
        Say::StateRootMeaning => {
            "これは、国が通信を読むために利用を求める証明書です。主なブラウザは、この証明書を拒否しています。".into()
        }
        Say::RemoveProduct { product } => format!("{product}をアンインストールしてください。"),
        Say::AskMaker => String::from("そのあと、‹RootCertificate›が残っていないか確かめてください。分からない場合は、パソコンのメーカーや販売店に相談してください。"),
        Say::CloseDebugTool { product } => {
            format!("{product}を使っていなければ終了し、‹Proxy›の設定を元に戻してください。")
        }
        Say::RemoveDebugRoot { product } => {
            format!("心当たりがない場合は、{product}をアンインストールし、その‹RootCertificate›を削除してください。")
        }
        Say::StopUsingNetwork => "このネットワークをやめ、モバイル回線など別の回線で試してください。".into(),
        Say::TurnOffScanning { product } => {
            format!("{product}の設定で、「HTTPSスキャン」などの検査をオフにしてください。")
        }
        Say::ExceptSite => "オフにできない場合は、このサイトを検査の例外に加えてください。項目の名前は製品ごとに違います。".into(),
        Say::UpdateProduct { product } => format!("{product}を最新版に更新すると、直ることもあります。"),
        Say::ReopenAfterSettings => "設定を変えたら、ブラウザを開き直してください。".into(),
        Say::DontChangeManaged => "会社や学校、保護者が設定した仕組みです。ご自分で設定を変えないでください。".into(),
        Say::AskHelpdesk => "管理者やヘルプデスクに、TLS Doctorの診断結果を見せて相談してください。".into(),
        Say::FollowRules => "通信の扱いは、会社の決まりに従ってください。".into(),
        Say::HelpdeskIfPersists => "エラーが続く場合は、社内のヘルプデスクにTLS Doctorの診断結果を見せてください。".into(),
        Say::NothingToDoIfKnown { product } => format!("{product}を使っていると分かっていれば、このままで構いません。"),
        Say::AdminDistributeProductRoot { product, issuer } => format!(
            "{product}の検査用ルート証明書（{issuer}）を端末とブラウザの信頼リストに配布するか、このサイトを検査の対象から外してください。"
        ),
        Say::AdminFirefoxEnterpriseRoots => "Firefox 120 以降は、Windows・macOS・Android で OS に登録されたルート証明書を使います。それより前のバージョンではポリシーの Certificates → ImportEnterpriseRoots を、Linux では Certificates → Install を使ってください。".into(),
        Say::AdminDeclareExpected => "正式な検査なら、TLS Doctorの管理設定 expectedInspectionCAs にルート証明書の SHA-256 を登録してください。利用者には、会社の検査だと説明されます。".into(),
        Say::AdminRemovePublicKeyRoot { product } => format!(
            "{product}と、そのルート証明書を、すべての端末から削除してください。秘密の鍵が公開されているため、誰でもこのルート証明書で偽の証明書を作れます。"
        ),
        Say::AdminNeverDistribute => "このルート証明書を配布したり、TLS Doctorの expectedInspectionCAs に登録したりしないでください。".into(),
        Say::AdminRemoveDebugRoot { product } => format!(
            "{product}のルート証明書は、開発者が自分の端末で試すときだけのものです。ほかの端末からは削除してください。"
        ),
        Say::CorporateHeadline => "後から登録された発行元が、証明書を差し替えています".into(),
        Say::ApprovedHeadline => "会社が認めた通信の検査です".into(),
        Say::CorporateMeaning => String::from("サイトの‹Certificate›が、この端末に後から登録された発行元の証明書に差し替えられていました。会社のネットワークで‹TlsInspection›を使っていると、このようになります。社内だけで使う‹Ca›の場合もあります。"),
        Say::MaybeCompany => "会社の検査の可能性が高いです。心当たりがなければ、パスワードなどを入力しないでください。".into(),
        Say::CompanyDeviceHelpdesk => "会社や学校の端末なら、ヘルプデスクに診断結果を見せてください。".into(),
        Say::OwnDeviceProfiles => "私物の端末で心当たりがなければ、見覚えのない証明書や構成プロファイルを削除してください。iPhoneでは、設定 → 一般 の中にあります。".into(),
        Say::OtherLineIfUnsure => "分からない場合は、このネットワークでの入力をやめ、モバイル回線など別の回線で試してください。".into(),
        Say::BrowserNeedsCompanyRoot => String::from("エラーが出る場合は、ブラウザに会社の‹RootCertificate›が必要です。社内のヘルプデスクに連絡してください。"),
        Say::AdminDistributeRoot { sha256 } => {
            format!("ブラウザがこのルート証明書（SHA-256: {sha256}）を信頼するよう、配布してください。")
        }
        Say::UnknownHeadline => "正体の分からない発行元が、複数のサイトの証明書を差し替えています".into(),
        Say::UnknownMeaning => String::from("このサイトの‹Certificate›も、関係のない別のサイトの証明書も、同じ無名の発行元が出したものでした。本物のサイトが、そろって同じ無名の発行元を使うことはありません。この端末とインターネットの間の何かが、暗号化を途中で開いて証明書を差し替えています。"),
        Say::OtherLineWorks => "別の回線で問題がなければ、元のネットワークに原因があります。ネットワークの管理者に伝えてください。".into(),
        Say::CheckSoftware => {
            String::from("別の回線でも同じなら、この端末のセキュリティソフトや‹Vpn›、見覚えのないソフトを確かめてください。")
        }
        Say::AdminFindRelay => "利用者のネットワークや端末で、TLS を中継している装置やソフトを調べてください。会社の検査装置なら、ルート証明書を配布し、TLS Doctorの管理設定 expectedInspectionCAs に登録してください。".into(),

        Say::PortalHeadline => "このWi-Fiは、ログインするまでインターネットにつながりません".into(),
        Say::PortalDanger => "ログインが済むまで、サイトのパスワードは入力しないでください。".into(),
        Say::PortalMeaning => String::from("ホテルや駅、カフェなどのWi-Fiには、ログインや同意が済むまで、すべての通信を自分の‹CaptivePortal›に振り向けるものがあります。"),
        Say::PortalRedirected => "接続を確かめるための決まったアドレスを開くと、本来の答えの代わりに、別のページへ転送されました。".into(),
        Say::PortalReplaced => "接続を確かめるための決まったアドレスを開くと、本来の答えの代わりに、別のページが返ってきました。".into(),
        Say::PortalCertificate => String::from("ログインするまでは、サイトの‹Certificate›の代わりにWi-Fiの機器の証明書が返るなどして、エラーになります。"),
        Say::PortalPrivateAnswers => "サイトの名前も、施設の中だけで使うアドレスに変換されていました。これも、ログインページに振り向けられているしるしです。".into(),
        Say::SignIn => "施設の案内どおりに、Wi-Fiのログインを済ませてください。".into(),
        Say::ReconnectWifi => "ログインページが出ない場合は、Wi-Fiをいったん切ってつなぎ直してください。それでも出ない場合は、施設の人に聞いてください。".into(),
        Say::ReopenAfterSignIn => "ログインが終わったら、元のページを開き直してください。".into(),
        Say::AdminPortal => "利用者は、ログインが必要なWi-Fiを使っています。ログインを済ませてから開き直すよう、案内してください。".into(),
    }
}
