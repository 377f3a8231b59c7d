//! The mail app's own words: which app the user has, the message it showed, the likely causes
//! of that message before anything is checked, and — once a [`Recommendation`] exists — where
//! in that app the server, port and encryption are set and which of the app's choices to pick.
//!
//! Pure data and decisions, no words (`explain::mail_app` says them). The plan never picks an
//! app's "no encryption" choice (「なし」, 「SSLを使用」 off) nor a choice that accepts every
//! certificate: a test walks every app and security to hold it.
//!
//! Sources for the apps' menus and labels, read 2026-12-07 (each row of [`menu`] names its own):
//! - iPhone/iPad: <https://tslro.com/apps/xczms/ipados-18demeeruakauntowotsuika-sakujo-setteisuruhou.html>
//!   (iOS/iPadOS 18 moved mail settings under 「アプリ」), and
//!   <https://prod-news.global.ssl.fastly.net/article/20230331-iphone_why> (マイナビニュース,
//!   2023-03-31; 「詳細」 and the 「SSLを使用」 switch).
//! - Outlook (classic): <https://it.sorayori.com/gmailsetting> (「詳細設定」 tab, 「使用する暗号化接続の
//!   種類」, the port each choice needs).
//! - Thunderbird: <https://support.trb.jp/manual/mail-setting/thunderbird> (Thunderbird 115,
//!   「接続の保護」: SSL/TLS), <https://support.mozilla.org/ja/kb/add-security-exception>
//!   (the 「セキュリティ例外の追加」 dialog).
//! - macOS Mail: <https://support.apple.com/ja-jp/HT204208> (「サーバ設定」, 「接続設定を自動的に
//!   管理」: Mail otherwise retries other ports and without TLS in the background).
//! - Outlook's codes: <http://tthosting.dk/MSOutlookErrorCodes.htm> (0x800CCC0E cannot connect,
//!   0x800CCC0F connection closed, 0x800CCC1A unable to connect using SSL);
//!   0x80042109 (cannot connect to the outgoing SMTP server) is Outlook's own wording, not found
//!   in a stored page.
//! - Windows' Mail app: <https://www.neowin.net/news/windows-mail-will-stop-working-on-december-31-2024/>
//!   (2024-11-09, quoting Microsoft: no sending or receiving after 2024-12-31).
//! - Not confirmed in a stored page (written from the apps as they were known, marked
//!   `unconfirmed` in [`menu`]): the new Outlook's, the Gmail app's and the Outlook app's menus.

use serde::Serialize;

use crate::wire::{MailRole, MailSecurity, Recommendation};

/// Pasted text longer than this is read only up to here (a whole dialog fits).
pub const MAX_PASTE_CHARS: usize = 2000;

/// The mail apps the panel and `tls-doctor mail --app` know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MailApp {
    /// iPhone/iPad Mail (iOS, iPadOS).
    IosMail,
    /// The new Outlook for Windows.
    OutlookNew,
    /// Outlook (classic) for Windows, Microsoft 365 / 2016–2024.
    OutlookClassic,
    Thunderbird,
    /// Mail on a Mac.
    MacosMail,
    /// The Gmail app on Android, with another provider's account.
    GmailAndroid,
    /// The Outlook app on Android and iOS.
    OutlookMobile,
    /// Windows 10/11's Mail app: retired, no mail after 2024-12-31.
    WindowsMail,
}

impl MailApp {
    pub const ALL: [MailApp; 8] = [
        Self::IosMail,
        Self::OutlookNew,
        Self::OutlookClassic,
        Self::Thunderbird,
        Self::MacosMail,
        Self::GmailAndroid,
        Self::OutlookMobile,
        Self::WindowsMail,
    ];

    /// The stable id (CLI, wire, popup).
    pub fn id(self) -> &'static str {
        match self {
            Self::IosMail => "ios_mail",
            Self::OutlookNew => "outlook_new",
            Self::OutlookClassic => "outlook_classic",
            Self::Thunderbird => "thunderbird",
            Self::MacosMail => "macos_mail",
            Self::GmailAndroid => "gmail_android",
            Self::OutlookMobile => "outlook_mobile",
            Self::WindowsMail => "windows_mail",
        }
    }

    pub fn from_id(id: &str) -> Option<MailApp> {
        Self::ALL.into_iter().find(|a| a.id() == id.trim())
    }

    /// A phone or tablet: no antivirus re-signs its mail.
    fn mobile(self) -> bool {
        matches!(self, Self::IosMail | Self::GmailAndroid | Self::OutlookMobile)
    }

    /// The messages this app shows, in the order the picker lists them ([`AppMessage::Other`]
    /// last).
    pub fn messages(self) -> &'static [AppMessage] {
        use AppMessage::*;
        match self {
            Self::IosMail => &[IosNoSsl, IosIdentity, SignIn, Other],
            Self::OutlookNew | Self::OutlookClassic | Self::WindowsMail => {
                &[Outlook0E, Outlook0F, Outlook1A, Outlook2109, SignIn, Other]
            }
            Self::Thunderbird => &[TbException, TbCannotConnect, SignIn, Other],
            Self::MacosMail => &[MacIdentity, SignIn, Other],
            Self::GmailAndroid | Self::OutlookMobile => &[SignIn, Other],
        }
    }
}

/// A message a mail app showed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AppMessage {
    /// iPhone: 「SSLで接続できません。アカウントをSSLなしで設定しますか?」
    IosNoSsl,
    /// iPhone: 「サーバの識別情報を検証できません」
    IosIdentity,
    /// Outlook 0x800CCC0E: cannot connect to the server.
    Outlook0E,
    /// Outlook 0x800CCC0F: the server closed the connection.
    Outlook0F,
    /// Outlook 0x800CCC1A: cannot connect using SSL.
    Outlook1A,
    /// Outlook 0x80042109: cannot connect to the outgoing (SMTP) server.
    Outlook2109,
    /// Thunderbird's 「セキュリティ例外の追加」 dialog (the certificate was not accepted).
    TbException,
    /// Thunderbird: could not connect, or the connection timed out.
    TbCannotConnect,
    /// macOS Mail: 「サーバの識別情報を検証できません」
    MacIdentity,
    /// The password or sign-in was refused.
    SignIn,
    /// Something else, or not sure.
    Other,
}

impl AppMessage {
    pub const ALL: [AppMessage; 11] = [
        Self::IosNoSsl,
        Self::IosIdentity,
        Self::Outlook0E,
        Self::Outlook0F,
        Self::Outlook1A,
        Self::Outlook2109,
        Self::TbException,
        Self::TbCannotConnect,
        Self::MacIdentity,
        Self::SignIn,
        Self::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::IosNoSsl => "ios_no_ssl",
            Self::IosIdentity => "ios_identity",
            Self::Outlook0E => "outlook_0x800ccc0e",
            Self::Outlook0F => "outlook_0x800ccc0f",
            Self::Outlook1A => "outlook_0x800ccc1a",
            Self::Outlook2109 => "outlook_0x80042109",
            Self::TbException => "thunderbird_exception",
            Self::TbCannotConnect => "thunderbird_cannot_connect",
            Self::MacIdentity => "macos_identity",
            Self::SignIn => "sign_in",
            Self::Other => "other",
        }
    }

    pub fn from_id(id: &str) -> Option<AppMessage> {
        Self::ALL.into_iter().find(|m| m.id() == id.trim())
    }
}

/// Reads a message id, or text pasted from the app's dialog, into a message. Case, width
/// (全角/半角) and spaces do not matter; only the first [`MAX_PASTE_CHARS`] characters are read.
/// `app` decides between messages that share words (the identity message of iPhone and Mac;
/// "cannot connect" in Outlook and Thunderbird).
pub fn read_message(app: MailApp, text: &str) -> AppMessage {
    if let Some(m) = AppMessage::from_id(text) {
        return m;
    }
    let t = fold(text);
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    let outlook = matches!(app, MailApp::OutlookNew | MailApp::OutlookClassic | MailApp::WindowsMail);
    use AppMessage::*;
    if has(&["800ccc1a"]) {
        Outlook1A
    } else if has(&["800ccc0f"]) {
        Outlook0F
    } else if has(&["800ccc0e"]) {
        Outlook0E
    } else if has(&["80042109"]) {
        Outlook2109
    } else if has(&["sslなし", "withoutssl"]) {
        IosNoSsl
    } else if has(&["セキュリティ例外", "securityexception"]) {
        TbException
    } else if has(&["識別情報", "identityof", "verifytheidentity", "cannotverifyserveridentity"]) {
        if app == MailApp::MacosMail { MacIdentity } else { IosIdentity }
    } else if has(&["パスワード", "password", "認証", "authentica", "signin", "サインイン", "ログイン", "login"])
    {
        SignIn
    } else if has(&["sslで接続できません", "cannotconnectusingssl", "unabletoconnectusingssl"]) {
        if outlook { Outlook1A } else { IosNoSsl }
    } else if has(&[
        "接続できません",
        "接続に失敗",
        "タイムアウト",
        "timedout",
        "couldnotconnect",
        "cannotconnect",
        "unabletoconnect",
    ]) {
        match app {
            MailApp::Thunderbird => TbCannotConnect,
            _ if outlook => Outlook0E,
            _ => Other,
        }
    } else {
        Other
    }
}

/// Lower case, full-width ASCII to half-width, no white space (ASCII, 全角 U+3000), at most
/// [`MAX_PASTE_CHARS`] characters read.
fn fold(text: &str) -> String {
    text.chars()
        .take(MAX_PASTE_CHARS)
        .filter_map(|c| {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            };
            (!c.is_whitespace()).then(|| c.to_ascii_lowercase())
        })
        .collect()
}

/// What can make a mail app show its message, before anything is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cause {
    /// The port and the encryption do not belong together (SSL/TLS on 587, STARTTLS on 465).
    PortSecurityMismatch,
    /// The server name typed is not on the certificate (a shared host's customer domain).
    NameMismatch,
    /// The server's certificate has expired.
    CertExpired,
    /// The certificate's issuer is not trusted (self-signed, a private CA, a missing
    /// intermediate).
    CertUntrusted,
    /// This device's date and time are wrong.
    DeviceClock,
    /// Antivirus or a company gateway re-signs the mail connection.
    Interception,
    /// The server cannot be reached: wrong name, down, or the port blocked by the network.
    Unreachable,
    /// The server or the app speaks only an old TLS version.
    OldTls,
    /// The sign-in was refused: a password or app-password matter, not TLS.
    SignIn,
}

impl Cause {
    pub fn id(self) -> &'static str {
        match self {
            Self::PortSecurityMismatch => "port_security_mismatch",
            Self::NameMismatch => "name_mismatch",
            Self::CertExpired => "cert_expired",
            Self::CertUntrusted => "cert_untrusted",
            Self::DeviceClock => "device_clock",
            Self::Interception => "interception",
            Self::Unreachable => "unreachable",
            Self::OldTls => "old_tls",
            Self::SignIn => "sign_in",
        }
    }
}

/// Serialized as their stable ids.
macro_rules! by_id {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }
    )*};
}
by_id!(MailApp, AppMessage, Cause);

/// The likely causes of `message` in `app`, most likely first, before any check.
pub fn likely_causes(app: MailApp, message: AppMessage) -> Vec<Cause> {
    use Cause::*;
    let ranked: &[Cause] = match message {
        AppMessage::IosNoSsl => {
            &[PortSecurityMismatch, NameMismatch, CertExpired, CertUntrusted, DeviceClock, OldTls, Unreachable]
        }
        AppMessage::IosIdentity | AppMessage::MacIdentity | AppMessage::TbException => {
            &[NameMismatch, CertExpired, CertUntrusted, DeviceClock, Interception]
        }
        AppMessage::Outlook0E | AppMessage::TbCannotConnect => {
            &[Unreachable, PortSecurityMismatch, Interception, OldTls]
        }
        AppMessage::Outlook0F => &[PortSecurityMismatch, Interception, OldTls, Unreachable],
        AppMessage::Outlook1A => &[PortSecurityMismatch, OldTls, NameMismatch, CertUntrusted, Interception],
        AppMessage::Outlook2109 => &[Unreachable, PortSecurityMismatch, Interception],
        AppMessage::SignIn => &[SignIn],
        AppMessage::Other => &[PortSecurityMismatch, NameMismatch, CertExpired, Unreachable, DeviceClock, SignIn],
    };
    ranked.iter().copied().filter(|c| !(app.mobile() && *c == Interception)).collect()
}

/// How an app asks for the encryption.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Control {
    /// A list to choose from (Outlook, Thunderbird, the Gmail app).
    Select,
    /// iPhone's 「SSLを使用」 switch: on, with the port deciding SSL/TLS (465, 993, 995) or
    /// STARTTLS (587, 143, 110).
    IosSslSwitch,
    /// macOS Mail's 「TLS/SSLを使用」 box, with 「接続設定を自動的に管理」 off so that the port
    /// typed is used.
    MacTlsBox,
    /// The app offers no encryption choice: it encrypts by itself (the Outlook app).
    Automatic,
}

/// One choice an app offers for the encryption (its own label comes from `explain::mail_app`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AppChoice {
    /// 「SSL/TLS」: encrypted from the first byte.
    SslTls,
    /// 「STARTTLS」: plain first, then switched to encryption.
    Starttls,
    /// 「自動」 (Outlook): the app picks; it may pick none.
    Auto,
    /// 「なし」: no encryption. Never a step.
    None,
    /// The Gmail app's 「SSL/TLS（すべての証明書を承認）」: encrypted, but any certificate
    /// accepted, so anyone in between can read it. Never a step.
    TlsAcceptAll,
    /// The same for STARTTLS. Never a step.
    StarttlsAcceptAll,
    /// iPhone's 「SSLを使用」 on / macOS's 「TLS/SSLを使用」 checked.
    On,
    /// iPhone's 「SSLを使用」 off / macOS's box unchecked. Never a step.
    Off,
}

impl AppChoice {
    /// A choice the plan may put in a step.
    pub fn safe(self) -> bool {
        matches!(self, Self::SslTls | Self::Starttls | Self::On)
    }
}

/// Where the server, port and encryption are set in one app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Menu {
    /// The app this path is written for (the path leads to the app's own screens).
    pub app: MailApp,
    /// The app and version the path was written for, as the app's maker names it.
    pub version: &'static str,
    pub control: Control,
    /// The choices the app offers, in its own order.
    pub choices: &'static [AppChoice],
    /// The path is from the app as known, not confirmed in a source page.
    pub unconfirmed: bool,
}

/// The menu of `app`. Windows' Mail app is retired: its users get the new Outlook's.
pub fn menu(app: MailApp) -> Menu {
    use AppChoice::*;
    let (app, version, control, choices, unconfirmed): (_, _, _, &'static [AppChoice], _) = match app {
        // iOS/iPadOS 18: tslro.com (2025), news.mynavi.jp (2023-03-31); read 2026-12-07.
        MailApp::IosMail => (app, "iOS 18", Control::IosSslSwitch, &[On, Off], false),
        MailApp::OutlookNew | MailApp::WindowsMail => {
            (MailApp::OutlookNew, "Outlook for Windows (2024)", Control::Select, &[SslTls, Starttls, None], true)
        }
        // it.sorayori.com (Outlook 2010–Microsoft 365 「詳細設定」 tab); read 2026-12-07.
        MailApp::OutlookClassic => {
            (app, "Outlook for Microsoft 365", Control::Select, &[None, SslTls, Starttls, Auto], false)
        }
        // support.trb.jp (Thunderbird 115.12.1); read 2026-12-07.
        MailApp::Thunderbird => (app, "Thunderbird 115", Control::Select, &[None, Starttls, SslTls], false),
        // support.apple.com/ja-jp/HT204208 (macOS Sierra and later; 「設定」 since Ventura).
        MailApp::MacosMail => (app, "macOS 13 Ventura", Control::MacTlsBox, &[On, Off], false),
        MailApp::GmailAndroid => (
            app,
            "Gmail for Android (2024)",
            Control::Select,
            &[None, SslTls, TlsAcceptAll, Starttls, StarttlsAcceptAll],
            true,
        ),
        MailApp::OutlookMobile => (app, "Outlook for Android / iOS (2024)", Control::Automatic, &[], true),
    };
    Menu { app, version, control, choices, unconfirmed }
}

/// One direction's setting in the app's words: the app's choice for the recommended security.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppSetting {
    pub role: MailRole,
    pub host: String,
    pub port: u16,
    pub security: MailSecurity,
    /// What to pick; `None` when the app has no choice to make ([`Control::Automatic`]).
    pub choice: Option<AppChoice>,
}

/// That app's steps for the recommended settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppPlan {
    /// The app the user named.
    pub app: MailApp,
    /// Windows' Mail app no longer sends or receives: move to the new Outlook.
    pub retired: bool,
    pub menu: Menu,
    /// Outgoing first, then incoming; a direction without a safe server is absent.
    pub settings: Vec<AppSetting>,
}

/// The app's choice for `security`; never a choice that is not [`AppChoice::safe`].
pub fn choice(menu: &Menu, security: MailSecurity) -> Option<AppChoice> {
    let wanted = match (menu.control, security) {
        (_, MailSecurity::None) | (Control::Automatic, _) => return None,
        (Control::IosSslSwitch | Control::MacTlsBox, _) => AppChoice::On,
        (Control::Select, MailSecurity::Tls) => AppChoice::SslTls,
        (Control::Select, MailSecurity::Starttls) => AppChoice::Starttls,
    };
    menu.choices.contains(&wanted).then_some(wanted).filter(|c| c.safe())
}

/// `app`'s steps for `rec` (from [`crate::mail::recommend`]).
pub fn plan(app: MailApp, rec: &Recommendation) -> AppPlan {
    let menu = menu(app);
    let settings = [&rec.outgoing, &rec.incoming]
        .into_iter()
        .flatten()
        .filter(|c| c.security != MailSecurity::None)
        .map(|c| AppSetting {
            role: c.role,
            host: c.host.clone(),
            port: c.port,
            security: c.security,
            choice: choice(&menu, c.security),
        })
        .collect();
    AppPlan { app, retired: app == MailApp::WindowsMail, menu, settings }
}

/// The host's recommendation as the popup hands it back: one `role<TAB>host<TAB>port<TAB>security`
/// line per direction (`outgoing<TAB>smtp.example.jp<TAB>465<TAB>tls`), the wire's ids, read without a
/// JSON deserializer (as the managed settings are: one would cost the module more than the
/// rest). A line it cannot place is left out, never guessed; at most four lines are read.
pub fn read_recommended(text: &str) -> Recommendation {
    let mut rec = Recommendation { outgoing: None, incoming: None, verdict: crate::wire::MailVerdict::NothingSafe };
    for line in text.lines().take(4) {
        let mut f = line.split('\t');
        let (Some(role), Some(host), Some(port), Some(security)) = (f.next(), f.next(), f.next(), f.next()) else {
            continue;
        };
        let role = match role {
            "outgoing" => MailRole::Outgoing,
            "incoming_imap" => MailRole::IncomingImap,
            "incoming_pop3" => MailRole::IncomingPop3,
            _ => continue,
        };
        let security = match security {
            "tls" => MailSecurity::Tls,
            "starttls" => MailSecurity::Starttls,
            _ => continue,
        };
        let Ok(port) = port.parse::<u16>() else { continue };
        let choice =
            crate::wire::Choice { server: 0, role, host: host.to_owned(), port, security, with_warnings: false };
        if role == MailRole::Outgoing {
            rec.outgoing = Some(choice);
        } else {
            rec.incoming = Some(choice);
        }
    }
    rec
}

/// What `tls-doctor mail --app --json` adds to the report: ids only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppSection {
    pub app: MailApp,
    pub message: AppMessage,
    /// Most likely first, as before the check.
    pub causes: Vec<Cause>,
    pub plan: AppPlan,
}

pub fn section(app: MailApp, message: AppMessage, rec: &Recommendation) -> AppSection {
    AppSection { app, message, causes: likely_causes(app, message), plan: plan(app, rec) }
}

#[cfg(test)]
mod tests;
