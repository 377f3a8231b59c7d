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
        InterceptorKind::ParentalControl => "保護者による制限のソフト".into(),
        InterceptorKind::DebugProxy => "開発用の通信解析ツール".into(),
        InterceptorKind::Adware => "広告を表示するソフト".into(),
        InterceptorKind::DeviceVendor => "パソコンのメーカーのソフト".into(),
        InterceptorKind::Government => "国の通信監視".into(),
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
        Say::ClockCertFine => "サイトは正常です。時計を直せば安全につながります。".into(),
        Say::ClockJudgedLocally => String::from("ブラウザは‹Certificate›の有効期間を端末の時計で確かめます。"),
        Say::DeviceClockOff { ahead, by } => {
            format!("端末の時計は、正しい時刻より{}{}。", f.cat.duration(*by), ahead_ja(*ahead))
        }
        Say::OsClockRight => "パソコン本体の時計は正しい時刻です。".into(),
        Say::BothClocksOff => "パソコン本体の時計も、ブラウザとは違う幅でずれています。".into(),
        Say::ValidCertLooks { ahead: true } => "そのため、正しい時刻では有効な証明書が期限切れに見えています。".into(),
        Say::ValidCertLooks { ahead: false } => "そのため、正しい時刻では有効な証明書が有効期間前に見えています。".into(),
        Say::CertInvalidAnyway => "ただし、正しい時刻でもこの証明書は有効期間の外で、サイト側にも問題があります。".into(),
        Say::ZoneMeaning { device, likely } => format!("ずれが時間帯の差と同じなので、‹TimeZone›の設定が違うようです。今は{}ですが、時計の表示が正しければ{}が正しい設定です。", utc_offset(*device), utc_offset(*likely)),
        Say::SetZone => String::from("‹TimeZone›を今いる地域に合わせてください。日本なら「大阪、札幌、東京」です。"),
        Say::ReopenPage => "そのあと、ページを開き直してください。".into(),
        Say::BrowserTimeTools => "直らなければ、ブラウザの時刻を変えるツールや拡張機能を確かめてください。".into(),
        Say::AdminNothingOnServer => "サーバー側で直すことはありません。".into(),
        Say::AdminNtp => "会社の端末なら、NTPの設定とUDP 123番が通るかを確かめてください。".into(),
        Say::AdminBrowserTime => "ブラウザだけが違う時刻で動いています。起動のしかた（faketimeなど、仮想環境、テスト用の設定）を確かめてください。".into(),

        Say::StaleHeadline => "ブラウザに残った古い情報が原因のようです".into(),
        Say::StaleDanger => "危険はありません。サーバーの暗号化は正常です。".into(),
        Say::StaleMeaning => String::from("TLS Doctorがこの端末から今つなぐと正常でした。ブラウザに残った‹Cache›や‹Cookie›、古い接続が原因かもしれません。サーバー側がすでに直った可能性もあります。"),
        Say::ClearSiteData => "TLS Doctorのボタンでこのサイトの古い情報を消し、開き直してください。".into(),
        Say::ClearOnlyThisSite => String::from("消えるのはこのサイトの‹Cache›と‹Cookie›だけです。再ログインが必要なことがあります。"),
        Say::KeepHsts => String::from("‹Hsts›の記録は、安全のため消さないでください。"),
        Say::SoftwareInTheWay => String::from("それでも直らなければ、セキュリティソフトや‹Vpn›を疑い、サポート窓口に診断結果を見せてください。"),
        Say::AdminStaleBackends => "問い合わせが続くなら、ロードバランサーの後ろに古い証明書のサーバーがないか確かめてください。".into(),

        Say::ProductHeadline { product } => format!("{product}が暗号化された通信を検査しています"),
        Say::PublicKeyHeadline { product } => format!("{product}の危険な証明書で、通信が差し替えられています"),
        Say::DebugToolHeadline { product } => format!("開発用ツールの{product}が通信を読んでいます"),
        Say::StateRootHeadline { product } => format!("{product}の証明書で、通信が途中で読まれています"),
        Say::PublicKeyDanger => "誰でも偽のサイトを作れます。パスワードなどを入力しないでください。".into(),
        Say::DebugToolDanger { product } => format!("{product}はパスワードを含む通信をすべて読めます。"),
        Say::ReadOnTheWay => "盗み見られるおそれがあります。パスワードなどを入力しないでください。".into(),
        Say::ApprovedInspection => "会社が認めた検査で、攻撃ではありません。".into(),
        Say::LikelyProduct { .. } => "この製品の働きで、攻撃ではないと思われます。".into(),
        Say::ProductMeaning { product, kind: k } => format!("サイトの‹Certificate›が、{}「{product}」の証明書に差し替えられていました。", kind(*k)),
        Say::PageLoaded => "ブラウザがその証明書を信頼するため、エラーなく表示されています。".into(),
        Say::BrowserRefuses => "ブラウザはその証明書を信頼しないため、エラーになっています。".into(),
        Say::RegisteredByAdmin => "管理者がこれを会社の正式な検査として登録しています。".into(),
        Say::PublicKeyMeaning => "この証明書の秘密の鍵は、広く公開されています。".into(),
        Say::DebugToolMeaning => "開発者が通信を調べるツールの証明書で、ほかの端末が信頼してはいけません。".into(),
        Say::StateRootMeaning => "国が通信を読むために入れさせる証明書で、主なブラウザは拒否しています。".into(),
        Say::RemoveProduct { product } => format!("{product}をアンインストールしてください。"),
        Say::AskMaker => String::from("そのあと、‹RootCertificate›が残っていないか確かめてください。分からなければ、メーカーに相談してください。"),
        Say::CloseDebugTool { product } => format!("{product}を使っていなければ終了し、‹Proxy›の設定を戻してください。"),
        Say::RemoveDebugRoot { product } => {
            format!("心当たりがなければ、{product}をアンインストールし、その‹RootCertificate›を削除してください。")
        }
        Say::StopUsingNetwork => "このネットワークをやめ、モバイル回線など別の回線で試してください。".into(),
        Say::TurnOffScanning { product } => format!("{product}の「HTTPSスキャン」などの検査をオフにしてください。"),
        Say::ExceptSite => "オフにできなければ、このサイトを検査の例外に加えてください。".into(),
        Say::UpdateProduct { product } => format!("{product}を最新版にすると直ることもあります。"),
        Say::DontChangeManaged => "会社や学校、保護者の設定です。自分で変えないでください。".into(),
        Say::AskHelpdesk => "管理者やヘルプデスクに診断結果を見せてください。".into(),
        Say::FollowRules => "通信の扱いは会社の決まりに従ってください。".into(),
        Say::HelpdeskIfPersists => "エラーが続くなら、ヘルプデスクに診断結果を見せてください。".into(),
        Say::NothingToDoIfKnown { product } => format!("{product}を使っているなら、このままで構いません。"),
        Say::AdminDistributeProductRoot { product, issuer } => {
            format!("{product}のルート証明書（{issuer}）を端末とブラウザに配布するか、このサイトを検査から外してください。")
        }
        Say::AdminDeclareExpected => "正式な検査なら、管理設定expectedInspectionCAsにルート証明書のSHA-256を登録してください。利用者には会社の検査と表示されます。".into(),
        Say::AdminRemovePublicKeyRoot { product } => {
            format!("{product}とそのルート証明書を全端末から削除してください。秘密の鍵が公開されています。")
        }
        Say::AdminNeverDistribute => "このルート証明書を配布したり、expectedInspectionCAsに登録したりしないでください。".into(),
        Say::AdminRemoveDebugRoot { product } => {
            format!("{product}のルート証明書は開発者の自分の端末専用です。ほかの端末から削除してください。")
        }
        Say::MailProductMeaning { product, kind: k } => {
            format!("メールサーバーの‹Certificate›が、{}「{product}」の証明書に差し替えられていました。", kind(*k))
        }
        Say::MailStores => "OutlookやWindowsのメールアプリはWindowsの証明書ストアを、Thunderbirdは独自のストアを使います。ルート証明書がないストアのアプリでエラーになります。".into(),
        Say::MailScanningOff { product } => format!("{product}の設定で、メール（POP3/IMAP/SMTP）のスキャンをオフにしてください。アカウントを「SSLなし」で設定し直しても解決しません。"),
        Say::ThunderbirdImport { product } => format!("Thunderbirdなら、設定 → プライバシーとセキュリティ → 証明書を管理 → 認証局証明書 → インポートで{product}の‹RootCertificate›を読み込み、ウェブサイトの識別を信頼してください（Thunderbird 128以降の画面）。"),
        Say::AdminThunderbirdRoots => "Thunderbirdは独自のストアを使います。ポリシー（policies.json）のCertificates → ImportEnterpriseRootsでOSのルート証明書を信頼させるか、Installで配ってください。".into(),
        Say::MailCorporateMeaning => String::from("メールサーバーの‹Certificate›が、後から登録された発行元のものに差し替えられていました。会社の‹TlsInspection›や社内の‹Ca›でこうなります。"),
        Say::AdminMailProductRoot { product, issuer } => format!("{product}のルート証明書（{issuer}）を各メールアプリが使う証明書ストアに配布するか、メール（POP3/IMAP/SMTP）を検査から外してください。"),
        Say::AdminMailRoot { sha256 } => format!("このルート証明書（SHA-256: {sha256}）を、各メールアプリが使う証明書ストアに配布してください。"),
        Say::CorporateHeadline => "後から登録された発行元が、証明書を差し替えています".into(),
        Say::ApprovedHeadline => "会社が認めた通信の検査です".into(),
        Say::CorporateMeaning => String::from("サイトの‹Certificate›が、後から登録された発行元のものに差し替えられていました。会社の‹TlsInspection›や社内の‹Ca›でこうなります。"),
        Say::MaybeCompany => "会社の検査と思われます。心当たりがなければ、パスワードなどを入力しないでください。".into(),
        Say::CompanyDeviceHelpdesk => "会社や学校の端末なら、ヘルプデスクに診断結果を見せてください。".into(),
        Say::OwnDeviceProfiles => "私物の端末なら、見覚えのない証明書や構成プロファイルを削除してください（iPhoneは設定 → 一般）。".into(),
        Say::OtherLineIfUnsure => "分からなければ、別の回線で試してください。".into(),
        Say::BrowserNeedsCompanyRoot => String::from("エラーが出るなら、ブラウザに会社の‹RootCertificate›が必要です。ヘルプデスクに連絡してください。"),
        Say::AdminDistributeRoot { sha256 } => format!("このルート証明書（SHA-256: {sha256}）をブラウザが信頼するよう配布してください。"),
        Say::UnknownHeadline => "無名の発行元が、複数のサイトの証明書を差し替えています".into(),
        Say::UnknownMeaning => String::from("このサイトも無関係なサイトも、‹Certificate›が同じ無名の発行元のものでした。本物のサイトではありえません。途中の何かが暗号化を開いています。"),
        Say::OtherLineWorks => "別の回線で問題がなければ、元のネットワークが原因です。その管理者に伝えてください。".into(),
        Say::CheckSoftware => String::from("別の回線でも同じなら、端末のセキュリティソフトや‹Vpn›、不明なソフトを確かめてください。"),
        Say::AdminFindRelay => "利用者の回線や端末で、TLSを中継する装置やソフトを探してください。会社の検査なら、ルート証明書を配布し、expectedInspectionCAsに登録してください。".into(),

        Say::PortalHeadline => "このWi-Fiは、ログインするまでインターネットにつながりません".into(),
        Say::PortalDanger => "ログインまで、サイトのパスワードは入力しないでください。".into(),
        Say::PortalMeaning => String::from("ホテルや駅のWi-Fiには、ログインや同意まで通信を‹CaptivePortal›に振り向けるものがあります。"),
        Say::PortalReplaced => "接続確認用のアドレスが、本来の答えではなく別のページに振り向けられました。".into(),
        Say::PortalCertificate => String::from("そのため、サイトの‹Certificate›ではなく機器の証明書が返るなどして、エラーになります。"),
        Say::PortalPrivateAnswers => "サイトの名前も施設内のアドレスに変換されていて、ログインページのしるしです。".into(),
        Say::SignIn => "施設の案内どおりに、Wi-Fiのログインを済ませてください。".into(),
        Say::ReconnectWifi => "ログインページが出なければ、Wi-Fiをつなぎ直すか、施設の人に聞いてください。".into(),
        Say::AdminPortal => "利用者にWi-Fiのログインを済ませるよう案内してください。".into(),
    }
}
