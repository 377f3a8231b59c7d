//! The mail app's own words ([`crate::mail_apps`]): the pickers, the likely causes of the
//! message the app showed, and that app's steps for the recommended settings. Japanese is the
//! source ([`ja`]); [`en`] mirrors it. Both `match` exhaustively on [`Say`]. The apps' labels
//! are quoted as each app shows them (sources in `mail_apps/mod.rs`).

use std::fmt::Write as _;

use serde::Serialize;

use super::Lang;
use crate::mail_apps::{self, AppChoice, AppMessage, AppPlan, Cause, Control, MailApp};
use crate::wire::{Line, MailRole, Recommendation};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Say<'a> {
    App(MailApp),
    Message(AppMessage),
    Cause(Cause),
    /// The app's name for its encryption field.
    Field(MailApp),
    /// The app's label for one choice.
    Choice(MailApp, AppChoice),
    /// What a choice does.
    Meaning(AppChoice),
    Path(MailApp),
    AppLabel,
    Choose,
    MessageLabel,
    PasteLabel,
    CausesHeading,
    CausesLead,
    /// Under iPhone's 「SSLなしで設定しますか?」: answer no.
    AnswerNo,
    StepsHeading(MailApp),
    WrittenFor(&'static str),
    Unconfirmed,
    Retired,
    Automatic,
    MacAutoOff,
    ChoicesHeading,
    Server,
    Port,
    Role(MailRole),
    NoSteps,
    /// `--app` named no app we know.
    BadApp(&'a str),
}

fn ja(say: Say<'_>) -> String {
    use AppChoice as C;
    use MailApp as A;
    match say {
        Say::App(a) => match a {
            A::IosMail => "iPhone / iPad のメール",
            A::OutlookNew => "新しい Outlook（Windows）",
            A::OutlookClassic => "Outlook（クラシック）",
            A::Thunderbird => "Thunderbird",
            A::MacosMail => "Mac のメール",
            A::GmailAndroid => "Gmail アプリ（Android）",
            A::OutlookMobile => "Outlook アプリ（Android / iOS）",
            A::WindowsMail => "Windows のメール（提供終了）",
        }
        .into(),
        Say::Message(m) => match m {
            AppMessage::IosNoSsl => "「SSLで接続できません。アカウントをSSLなしで設定しますか?」",
            AppMessage::IosIdentity | AppMessage::MacIdentity => "「サーバの識別情報を検証できません」",
            AppMessage::Outlook0E => "0x800CCC0E（サーバーに接続できません）",
            AppMessage::Outlook0F => "0x800CCC0F（サーバーが接続を切りました）",
            AppMessage::Outlook1A => "0x800CCC1A（SSL で接続できません）",
            AppMessage::Outlook2109 => "0x80042109（送信サーバーに接続できません）",
            AppMessage::TbException => "「セキュリティ例外の追加」",
            AppMessage::TbCannotConnect => "接続できません・タイムアウト",
            AppMessage::SignIn => "パスワードやサインインのエラー",
            AppMessage::Other => "ほかのメッセージ・わからない",
        }
        .into(),
        Say::Cause(c) => match c {
            Cause::PortSecurityMismatch => "ポート番号と暗号化の方式の組み合わせが違っています（例: 587 に SSL/TLS）。",
            Cause::NameMismatch => "入力したサーバー名が、証明書の名前と違います。レンタルサーバーで自分のドメインを入力したときによく起こります。",
            Cause::CertExpired => "サーバーの証明書の有効期限が切れています。",
            Cause::CertUntrusted => "サーバーの証明書が、信頼された発行元のものではありません。",
            Cause::DeviceClock => "この端末の日付と時刻がずれています。",
            Cause::Interception => "ウイルス対策ソフトや会社の機器が、メールの通信を検査しています。",
            Cause::Unreachable => "サーバーに届いていません。サーバー名の誤り、サーバーの停止、またはネットワークによる遮断が考えられます。",
            Cause::OldTls => "サーバーかアプリが、古い TLS しか使えません。",
            Cause::SignIn => "暗号化ではなく、パスワードやサインインの方法の問題です。",
        }
        .into(),
        Say::Field(a) => match a {
            A::IosMail => "SSLを使用",
            A::OutlookClassic => "使用する暗号化接続の種類",
            A::OutlookNew | A::WindowsMail => "セキュリティで保護された接続の種類",
            A::Thunderbird => "接続の保護",
            A::MacosMail => "TLS/SSLを使用",
            A::GmailAndroid => "セキュリティの種類",
            A::OutlookMobile => "暗号化",
        }
        .into(),
        Say::Choice(a, c) => match (a, c) {
            (A::IosMail, C::On) => "オン",
            (A::IosMail, C::Off) => "オフ",
            (_, C::On) => "チェックを入れる",
            (_, C::Off) => "チェックなし",
            (_, C::SslTls) => "SSL/TLS",
            (_, C::Starttls) => "STARTTLS",
            (_, C::Auto) => "自動",
            (_, C::None) => "なし",
            (_, C::TlsAcceptAll) => "SSL/TLS（すべての証明書を承認）",
            (_, C::StarttlsAcceptAll) => "STARTTLS（すべての証明書を承認）",
        }
        .into(),
        Say::Meaning(c) => match c {
            C::SslTls => "最初から暗号化します。ポート 465・993・995 で使います。",
            C::Starttls => "暗号化なしで始め、途中で暗号化に切り替えます。ポート 587・143・110 で使います。",
            C::Auto => "アプリが方式を選びます。暗号化しない方式になることがあるため、選ばないでください。",
            C::None => "暗号化しません。パスワードとメールが読める形で送られます。選ばないでください。",
            C::TlsAcceptAll | C::StarttlsAcceptAll => "暗号化しますが、どの証明書も受け入れるため、なりすましを見抜けません。選ばないでください。",
            C::On => "暗号化します。方式はポート番号で決まります（465・993・995 は SSL/TLS、587・143 は STARTTLS）。",
            C::Off => "暗号化しません。選ばないでください。",
        }
        .into(),
        Say::Path(a) => match a {
            A::IosMail => "「設定」＞「アプリ」＞「メール」＞「メールアカウント」＞ アカウント ＞「アカウント」（受信は「詳細」、送信は「SMTP」）",
            A::OutlookClassic => "「ファイル」＞「アカウント設定」＞「アカウント設定」＞ アカウントを選んで「変更」＞「詳細設定」＞「詳細設定」タブ",
            A::OutlookNew | A::WindowsMail => "「設定」＞「アカウント」＞「メール アカウント」＞「アカウントを追加」＞「詳細設定」",
            A::Thunderbird => "「≡」＞「アカウント設定」＞ アカウントの「サーバー設定」（送信は「送信 (SMTP) サーバー」＞「編集」）",
            A::MacosMail => "「メール」＞「設定」＞「アカウント」＞ アカウント ＞「サーバ設定」",
            A::GmailAndroid => "「≡」＞「設定」＞ アカウント ＞「受信設定」・「送信設定」",
            A::OutlookMobile => "「設定」＞ アカウント ＞「アカウントの削除」のあと、「アカウントを手動で設定」で追加し直します",
        }
        .into(),
        Say::AppLabel => "使っているメールアプリ".into(),
        Say::Choose => "選んでください".into(),
        Say::MessageLabel => "表示されたメッセージ".into(),
        Say::PasteLabel => "メッセージを貼り付けることもできます（保存しません）".into(),
        Say::CausesHeading => "考えられる原因".into(),
        Say::CausesLead => "このメッセージのよくある原因です（上ほど多い順）。「診断する」を押すと、どれが当てはまるかを確かめます。".into(),
        Say::AnswerNo => "この質問には「いいえ」と答えてください。SSLなしでは、パスワードとメールが途中で読める形で送られます。".into(),
        Say::StepsHeading(a) => format!("設定する場所（{}）", ja(Say::App(a))),
        Say::WrittenFor(v) => format!("{v} の画面をもとに書いています。"),
        Say::Unconfirmed => "画面が違うときは、アプリのヘルプで同じ名前の項目を探してください。".into(),
        Say::Retired => "Windows のメールアプリは 2024年12月31日で提供が終わり、送受信できません。新しい Outlook などに移ってください。手順は新しい Outlook のものです。".into(),
        Say::Automatic => "このアプリには暗号化の選択肢がありません。アプリが暗号化します。サーバー名とポートを確かめてください。".into(),
        Say::MacAutoOff => "「接続設定を自動的に管理」のチェックを外します。入れたままだと、ほかのポートや暗号化なしを自動で試します。".into(),
        Say::ChoicesHeading => "選択肢の意味".into(),
        Say::Server => "サーバー".into(),
        Say::Port => "ポート".into(),
        Say::Role(MailRole::Outgoing) => "送信".into(),
        Say::Role(MailRole::IncomingImap) => "受信（IMAP）".into(),
        Say::Role(MailRole::IncomingPop3) => "受信（POP）".into(),
        Say::Role(MailRole::RelayMx) => "MX".into(),
        Say::NoSteps => "安全に使える設定が見つからないため、手順はありません。暗号化なしには設定しないでください。".into(),
        Say::BadApp(name) => format!("「{name}」は、対応しているメールアプリの名前ではありません。次のどれかを指定してください: {}", app_ids()),
    }
}

fn en(say: Say<'_>) -> String {
    use AppChoice as C;
    use MailApp as A;
    match say {
        Say::App(a) => match a {
            A::IosMail => "iPhone / iPad Mail",
            A::OutlookNew => "New Outlook (Windows)",
            A::OutlookClassic => "Outlook (classic)",
            A::Thunderbird => "Thunderbird",
            A::MacosMail => "Mail on a Mac",
            A::GmailAndroid => "Gmail app (Android)",
            A::OutlookMobile => "Outlook app (Android / iOS)",
            A::WindowsMail => "Windows Mail (retired)",
        }
        .into(),
        Say::Message(m) => match m {
            AppMessage::IosNoSsl => "\"Cannot Connect Using SSL. Do you want to try setting up the account without SSL?\"",
            AppMessage::IosIdentity | AppMessage::MacIdentity => "\"Cannot Verify Server Identity\"",
            AppMessage::Outlook0E => "0x800CCC0E (cannot connect to the server)",
            AppMessage::Outlook0F => "0x800CCC0F (the server closed the connection)",
            AppMessage::Outlook1A => "0x800CCC1A (cannot connect using SSL)",
            AppMessage::Outlook2109 => "0x80042109 (cannot connect to the outgoing server)",
            AppMessage::TbException => "\"Add Security Exception\"",
            AppMessage::TbCannotConnect => "Cannot connect / timed out",
            AppMessage::SignIn => "A password or sign-in error",
            AppMessage::Other => "Another message / not sure",
        }
        .into(),
        Say::Cause(c) => match c {
            Cause::PortSecurityMismatch => "The port and the encryption do not belong together (e.g. SSL/TLS on 587).",
            Cause::NameMismatch => "The server name typed is not the certificate's. This is common when your own domain is typed on a shared host.",
            Cause::CertExpired => "The server's certificate has expired.",
            Cause::CertUntrusted => "The server's certificate is not from a trusted issuer.",
            Cause::DeviceClock => "This device's date and time are wrong.",
            Cause::Interception => "Antivirus or a company device inspects the mail connection.",
            Cause::Unreachable => "The server is not reached: a wrong server name, the server is down, or the network blocks it.",
            Cause::OldTls => "The server or the app speaks only an old TLS version.",
            Cause::SignIn => "Not encryption: the password or the sign-in method is the problem.",
        }
        .into(),
        Say::Field(a) => match a {
            A::IosMail => "Use SSL",
            A::OutlookClassic => "Use the following type of encrypted connection",
            A::OutlookNew | A::WindowsMail => "Secure connection type",
            A::Thunderbird => "Connection security",
            A::MacosMail => "Use TLS/SSL",
            A::GmailAndroid => "Security type",
            A::OutlookMobile => "Encryption",
        }
        .into(),
        Say::Choice(a, c) => match (a, c) {
            (A::IosMail, C::On) => "On",
            (A::IosMail, C::Off) => "Off",
            (_, C::On) => "Checked",
            (_, C::Off) => "Unchecked",
            (_, C::SslTls) => "SSL/TLS",
            (_, C::Starttls) => "STARTTLS",
            (_, C::Auto) => "Auto",
            (_, C::None) => "None",
            (_, C::TlsAcceptAll) => "SSL/TLS (Accept all certificates)",
            (_, C::StarttlsAcceptAll) => "STARTTLS (Accept all certificates)",
        }
        .into(),
        Say::Meaning(c) => match c {
            C::SslTls => "Encrypted from the start. Used on ports 465, 993 and 995.",
            C::Starttls => "Starts unencrypted and switches to encryption. Used on ports 587, 143 and 110.",
            C::Auto => "The app picks the method. It may pick no encryption, so do not choose it.",
            C::None => "No encryption. Your password and mail travel readable. Do not choose it.",
            C::TlsAcceptAll | C::StarttlsAcceptAll => "Encrypted, but any certificate is accepted, so an impostor is not noticed. Do not choose it.",
            C::On => "Encrypted. The port decides the method (465, 993, 995: SSL/TLS; 587, 143: STARTTLS).",
            C::Off => "No encryption. Do not choose it.",
        }
        .into(),
        Say::Path(a) => match a {
            A::IosMail => "Settings > Apps > Mail > Mail Accounts > the account > Account (incoming: Advanced; outgoing: SMTP)",
            A::OutlookClassic => "File > Account Settings > Account Settings > select the account, Change > More Settings > Advanced tab",
            A::OutlookNew | A::WindowsMail => "Settings > Accounts > Email accounts > Add account > Advanced settings",
            A::Thunderbird => "≡ > Account Settings > the account's Server Settings (outgoing: Outgoing Server (SMTP) > Edit)",
            A::MacosMail => "Mail > Settings > Accounts > the account > Server Settings",
            A::GmailAndroid => "≡ > Settings > the account > Incoming settings / Outgoing settings",
            A::OutlookMobile => "Settings > the account > Delete account, then add it again with Set up account manually",
        }
        .into(),
        Say::AppLabel => "Your mail app".into(),
        Say::Choose => "Choose one".into(),
        Say::MessageLabel => "The message it showed".into(),
        Say::PasteLabel => "Or paste the message (not stored)".into(),
        Say::CausesHeading => "Likely causes".into(),
        Say::CausesLead => "The usual causes of this message, the most common first. Press Check to find which one it is.".into(),
        Say::AnswerNo => "Answer no to this question. Without SSL, your password and mail travel in a readable form.".into(),
        Say::StepsHeading(a) => format!("Where to set it ({})", en(Say::App(a))),
        Say::WrittenFor(v) => format!("Written from the screens of {v}."),
        Say::Unconfirmed => "If your screens differ, look in the app's help for the same item names.".into(),
        Say::Retired => "Windows Mail stopped working on December 31, 2024: it no longer sends or receives. Move to the new Outlook or another app. The steps are the new Outlook's.".into(),
        Say::Automatic => "This app has no encryption choice: it encrypts by itself. Check the server name and port.".into(),
        Say::MacAutoOff => "Uncheck \"Automatically manage connection settings\". Left checked, Mail tries other ports and no encryption by itself.".into(),
        Say::ChoicesHeading => "What the choices mean".into(),
        Say::Server => "Server".into(),
        Say::Port => "Port".into(),
        Say::Role(MailRole::Outgoing) => "Outgoing".into(),
        Say::Role(MailRole::IncomingImap) => "Incoming (IMAP)".into(),
        Say::Role(MailRole::IncomingPop3) => "Incoming (POP)".into(),
        Say::Role(MailRole::RelayMx) => "MX".into(),
        Say::NoSteps => "No safe settings were found, so there are no steps. Do not set the account up without encryption.".into(),
        Say::BadApp(name) => format!("\"{name}\" is not a mail app this knows. Give one of: {}", app_ids()),
    }
}

fn say(lang: Lang, s: Say<'_>) -> String {
    match lang {
        Lang::Ja => ja(s),
        Lang::En => en(s),
    }
}

fn app_ids() -> String {
    MailApp::ALL.map(MailApp::id).join(", ")
}

/// Why `--app NAME` was refused, with the names it takes.
pub fn bad_app(name: &str, lang: Lang) -> String {
    say(lang, Say::BadApp(name))
}

/// An id with its words (a picker's option, a cause).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Labelled {
    pub id: &'static str,
    pub text: String,
}

/// The likely causes of the message an app showed, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppCauses {
    /// The message the causes are of (what an id or the pasted text was read as).
    pub message: AppMessage,
    pub heading: String,
    pub lead: String,
    /// iPhone's offer to go without SSL: say no to it, before anything else.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    pub causes: Vec<Labelled>,
}

/// One direction's setting as the app shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppSettingView {
    pub role: MailRole,
    pub heading: String,
    /// サーバー, ポート, and the app's own field with the choice to make.
    pub rows: Vec<Line>,
    /// The choice's id (`ssl_tls`, `starttls`, `on`), absent when the app has none to make.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choice: Option<AppChoice>,
}

/// That app's steps for the recommended settings, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppSteps {
    pub app: MailApp,
    pub heading: String,
    /// The app version the path was written for.
    pub written_for: String,
    /// Where the server, port and encryption are set.
    pub path: String,
    /// Notes before the settings: the retired app, an app without choice, macOS's automatic
    /// management, a path not confirmed.
    pub notes: Vec<String>,
    pub settings: Vec<AppSettingView>,
    pub choices_heading: String,
    /// Every choice the app offers, with what it does.
    pub choices: Vec<Line>,
}

/// Causes, then steps (when a recommendation is given): what `tls-doctor mail --app` prints and
/// the popup's mail panel shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppAdvice {
    pub causes: AppCauses,
    pub steps: Option<AppSteps>,
}

/// The pickers' labels and options for the popup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Pickers {
    pub app_label: String,
    /// The empty first option of the app picker.
    pub choose: String,
    pub message_label: String,
    pub paste_label: String,
    pub apps: Vec<Labelled>,
    /// The messages the chosen app shows.
    pub messages: Vec<Labelled>,
}

/// The pickers, with the messages of `app` (none before an app is chosen).
pub fn pickers(app: Option<MailApp>, lang: Lang) -> Pickers {
    Pickers {
        app_label: say(lang, Say::AppLabel),
        choose: say(lang, Say::Choose),
        message_label: say(lang, Say::MessageLabel),
        paste_label: say(lang, Say::PasteLabel),
        apps: MailApp::ALL.iter().map(|a| Labelled { id: a.id(), text: say(lang, Say::App(*a)) }).collect(),
        messages: app
            .map_or(&[][..], MailApp::messages)
            .iter()
            .map(|m| Labelled { id: m.id(), text: say(lang, Say::Message(*m)) })
            .collect(),
    }
}

pub fn causes(app: MailApp, message: AppMessage, lang: Lang) -> AppCauses {
    AppCauses {
        message,
        heading: say(lang, Say::CausesHeading),
        lead: say(lang, Say::CausesLead),
        warning: (message == AppMessage::IosNoSsl).then(|| say(lang, Say::AnswerNo)),
        causes: mail_apps::likely_causes(app, message)
            .into_iter()
            .map(|c| Labelled { id: c.id(), text: say(lang, Say::Cause(c)) })
            .collect(),
    }
}

/// The words of `plan`.
pub fn steps(plan: &AppPlan, lang: Lang) -> AppSteps {
    let menu = &plan.menu;
    let shown = menu.app;
    let mut notes = Vec::new();
    if plan.retired {
        notes.push(say(lang, Say::Retired));
    }
    match menu.control {
        Control::Automatic => notes.push(say(lang, Say::Automatic)),
        Control::MacTlsBox => notes.push(say(lang, Say::MacAutoOff)),
        Control::Select | Control::IosSslSwitch => {}
    }
    if plan.settings.is_empty() {
        notes.push(say(lang, Say::NoSteps));
    }
    if menu.unconfirmed {
        notes.push(say(lang, Say::Unconfirmed));
    }
    let settings = plan
        .settings
        .iter()
        .map(|s| {
            let mut rows = vec![
                Line { label: say(lang, Say::Server), value: s.host.clone() },
                Line { label: say(lang, Say::Port), value: s.port.to_string() },
            ];
            if let Some(c) = s.choice {
                rows.push(Line { label: say(lang, Say::Field(shown)), value: say(lang, Say::Choice(shown, c)) });
            }
            AppSettingView { role: s.role, heading: say(lang, Say::Role(s.role)), rows, choice: s.choice }
        })
        .collect();
    let mut seen = Vec::new();
    let choices = menu
        .choices
        .iter()
        .filter(|c| {
            let first = !seen.contains(*c);
            seen.push(**c);
            first
        })
        .map(|c| Line { label: say(lang, Say::Choice(shown, *c)), value: say(lang, Say::Meaning(*c)) })
        .collect();
    AppSteps {
        app: plan.app,
        heading: say(lang, Say::StepsHeading(plan.app)),
        written_for: say(lang, Say::WrittenFor(menu.version)),
        path: say(lang, Say::Path(shown)),
        notes,
        settings,
        choices_heading: say(lang, Say::ChoicesHeading),
        choices,
    }
}

/// The advice for `app` and `message`, with the steps when `rec` is given.
pub fn advice(app: MailApp, message: AppMessage, rec: Option<&Recommendation>, lang: Lang) -> AppAdvice {
    AppAdvice { causes: causes(app, message, lang), steps: rec.map(|r| steps(&mail_apps::plan(app, r), lang)) }
}

/// What the popup's mail panel draws for the app section: the pickers, and once an app is
/// chosen the causes of its message (`message`: an id or pasted text, read by
/// [`mail_apps::read_message`]), with the steps when the host's recommendation is given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppView {
    pub pickers: Pickers,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub causes: Option<AppCauses>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps: Option<AppSteps>,
}

pub fn view(app: &str, message: &str, rec: Option<&Recommendation>, lang: Lang) -> AppView {
    let app = MailApp::from_id(app);
    let advice = app.map(|a| advice(a, mail_apps::read_message(a, message), rec, lang));
    let (causes, steps) = advice.map_or((None, None), |a| (Some(a.causes), a.steps));
    AppView { pickers: pickers(app, lang), causes, steps }
}

/// The causes laid out for a terminal.
pub fn render_causes(c: &AppCauses, width: usize) -> String {
    let mut out = format!("{}\n", c.heading);
    for line in c.warning.iter().flat_map(|w| super::text::wrap(&format!("▲ {w}"), width.saturating_sub(2).max(20))) {
        let _ = writeln!(out, "  {line}");
    }
    for line in super::text::wrap(&c.lead, width.saturating_sub(2).max(20)) {
        let _ = writeln!(out, "  {line}");
    }
    for (i, cause) in c.causes.iter().enumerate() {
        let lead = format!("  {}. ", i + 1);
        for (j, line) in super::text::wrap(&cause.text, width.saturating_sub(lead.len()).max(20)).iter().enumerate() {
            let prefix = if j == 0 { lead.clone() } else { " ".repeat(lead.len()) };
            let _ = writeln!(out, "{prefix}{line}");
        }
    }
    out
}

/// The steps laid out for a terminal.
pub fn render_steps(s: &AppSteps, width: usize) -> String {
    let wrapped = |out: &mut String, text: &str, indent: usize| {
        for line in super::text::wrap(text, width.saturating_sub(indent).max(20)) {
            let _ = writeln!(out, "{}{line}", " ".repeat(indent));
        }
    };
    let mut out = format!("{}\n", s.heading);
    wrapped(&mut out, &s.written_for, 2);
    wrapped(&mut out, &s.path, 2);
    for n in &s.notes {
        wrapped(&mut out, &format!("▲ {n}"), 2);
    }
    for setting in &s.settings {
        let _ = writeln!(out, "  {}", setting.heading);
        for row in &setting.rows {
            let _ = writeln!(out, "    {}: {}", row.label, row.value);
        }
    }
    if !s.choices.is_empty() {
        let _ = writeln!(out, "  {}", s.choices_heading);
        for c in &s.choices {
            wrapped(&mut out, &format!("{}: {}", c.label, c.value), 4);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{Choice, MailSecurity, MailVerdict};

    fn rec(security: MailSecurity) -> Recommendation {
        let c = |role, port| Choice {
            server: 0,
            role,
            host: "mail.example.jp".into(),
            port,
            security,
            with_warnings: false,
        };
        Recommendation {
            outgoing: Some(c(MailRole::Outgoing, 465)),
            incoming: Some(c(MailRole::IncomingImap, 993)),
            verdict: MailVerdict::Safe,
        }
    }

    #[test]
    fn every_app_and_message_is_said_in_both_languages_without_offering_no_encryption() {
        for lang in Lang::ALL {
            for app in MailApp::ALL {
                let p = pickers(Some(app), lang);
                assert_eq!(p.apps.len(), MailApp::ALL.len());
                for m in app.messages() {
                    let a = advice(app, *m, Some(&rec(MailSecurity::Tls)), lang);
                    assert!(a.causes.causes.iter().all(|c| !c.text.is_empty()));
                    let steps = a.steps.as_ref().map(|s| &s.settings).into_iter().flatten();
                    for s in steps {
                        for row in &s.rows {
                            assert!(
                                !["なし", "None", "オフ", "Off", "自動", "Auto"].contains(&row.value.as_str()),
                                "{row:?}"
                            );
                            assert!(!row.value.contains("すべての証明書") && !row.value.contains("Accept all"));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_apps_own_label_names_the_recommended_choice() {
        let s = steps(&mail_apps::plan(MailApp::Thunderbird, &rec(MailSecurity::Tls)), Lang::Ja);
        assert_eq!(s.settings[0].rows[2], Line { label: "接続の保護".into(), value: "SSL/TLS".into() });
        assert!(s.choices.iter().any(|c| c.label == "なし" && c.value.contains("選ばないでください")));
        let s = steps(&mail_apps::plan(MailApp::IosMail, &rec(MailSecurity::Starttls)), Lang::Ja);
        assert_eq!(s.settings[1].rows[2], Line { label: "SSLを使用".into(), value: "オン".into() });
        let s = steps(&mail_apps::plan(MailApp::WindowsMail, &rec(MailSecurity::Tls)), Lang::En);
        assert!(s.notes[0].contains("December 31, 2024"), "{:?}", s.notes);
        let text = render_steps(&s, 80);
        assert!(text.contains("Secure connection type: SSL/TLS"), "{text}");
    }
}
