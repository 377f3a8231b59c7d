//! A [`MailReport`] in words: the recommended settings, the verdict, one line per checked
//! server, and how the servers were found. Japanese is the source ([`ja`]); [`en`] mirrors it.
//! Both `match` exhaustively on [`Say`], so a new sentence does not compile until both
//! languages can say it. [`render`] lays the words out for a terminal.

use std::fmt::Write as _;

use super::text::{display_width, wrap};
use super::{Lang, explain_finding_on};
use crate::mail::providers::{self, Difference, Provider, ProviderKind, Published, SignIn};
use crate::time::LocalOffset;
use crate::wire::{
    Choice, ExplainedMailServer, Line, LookupError, LookupOutcome, MailColumns, MailExplanation, MailReport, MailRole,
    MailSecurity, MailSource, MailVerdict, RecommendedSetting, Severity, WIRE_VERSION,
};

/// Everything the mail report says.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Say<'a> {
    Title(&'a str),
    Verdict(MailVerdict),
    WithWarnings,
    ClockFirst,
    DoNotGoPlain,
    AskAdmin,
    RecommendedHeading,
    ServersHeading,
    LookupsHeading,
    NotesHeading,
    Role(MailRole),
    Security(MailSecurity),
    Source(MailSource),
    ColRole,
    ColServer,
    ColPort,
    ColSecurity,
    ColSource,
    ColResult,
    /// The caveat under a recommendation that works with a warning.
    Caveat(&'a str),
    Lookup(&'a LookupOutcome),
    LookupError(LookupError),
    NotChecked(usize),
    NoteImplicitTls,
    NoteMx,
    NoteGuess,
    NoteUnencrypted,
    NoServers,
    // Issue 16, providers: the shared host's own name, the provider's published settings, and
    // "TLS is fine: it is the sign-in".
    /// A recommended server checked under the name its certificate gave (`name`) instead of
    /// the customer's `instead_of`.
    SharedHostName {
        name: &'a str,
        instead_of: &'a str,
    },
    /// A certificate for other names only, all wildcards (`*.xserver.jp`): the form of name to
    /// type when the provider's row knows it.
    SharedHostWildcard {
        host: &'a str,
        names: &'a str,
        provider: Option<&'a Provider>,
    },
    /// TLS and the certificates are fine: what still fails is the sign-in.
    TlsFine,
    SignIn(SignIn),
    /// Gmail's POP fetching of other accounts ended in 2026.
    GmailPopFetch,
    /// The provider's published settings were compared (`checked` is the row's date).
    Compared {
        provider: &'a Provider,
    },
    Differs {
        provider: &'a Provider,
        published: Published,
        found: Option<(u16, MailSecurity)>,
    },
    PublishedFails {
        provider: &'a Provider,
        published: Published,
    },
}

fn ja(say: &Say<'_>) -> String {
    match say {
        Say::Title(subject) => format!("{subject} のメール設定"),
        Say::Verdict(MailVerdict::Safe) => {
            "安全に使える設定が見つかりました。下の「おすすめの設定」をメールアプリに入力してください。".into()
        }
        Say::Verdict(MailVerdict::OutgoingMissing) => {
            "受信は安全に設定できます。送信（メールを送ること）に使える安全なサーバーは見つかりませんでした。".into()
        }
        Say::Verdict(MailVerdict::IncomingMissing) => {
            "送信は安全に設定できます。受信（メールを受け取ること）に使える安全なサーバーは見つかりませんでした。".into()
        }
        Say::Verdict(MailVerdict::NothingSafe) => "安全に接続できるメールサーバーは見つかりませんでした。".into(),
        Say::WithWarnings => "使えますが、注意が必要な点があります。下の一覧を確認してください。".into(),
        Say::ClockFirst => {
            "サーバーではなく、この端末の時計がずれています。時計を正しく合わせれば、この設定で接続できます。".into()
        }
        Say::DoNotGoPlain => {
            "「SSLなし」（暗号化なし）で設定しないでください。パスワードとメールが、途中で読める形で送られます。".into()
        }
        Say::AskAdmin => "メールの管理者かプロバイダーに、この結果を見せて相談してください。".into(),
        Say::RecommendedHeading => "おすすめの設定".into(),
        Say::ServersHeading => "調べたサーバー".into(),
        Say::LookupsHeading => "サーバーの探し方".into(),
        Say::NotesHeading => "補足".into(),
        Say::Role(MailRole::Outgoing) => "送信（SMTP）".into(),
        Say::Role(MailRole::IncomingImap) => "受信（IMAP）".into(),
        Say::Role(MailRole::IncomingPop3) => "受信（POP3）".into(),
        Say::Role(MailRole::RelayMx) => "サーバー間の配送（MX、参考）".into(),
        Say::Security(MailSecurity::Tls) => "SSL/TLS".into(),
        Say::Security(MailSecurity::Starttls) => "STARTTLS".into(),
        Say::Security(MailSecurity::None) => "なし（暗号化しない）".into(),
        Say::Source(MailSource::Srv) => "DNS の SRV レコード".into(),
        Say::Source(MailSource::Mx) => "DNS の MX レコード".into(),
        Say::Source(MailSource::Autoconfig) => "自動設定ファイル".into(),
        Say::Source(MailSource::Guess) => "よくある名前からの推測".into(),
        Say::ColRole => "用途".into(),
        Say::ColServer => "サーバー".into(),
        Say::ColPort => "ポート".into(),
        Say::ColSecurity => "暗号化の方式".into(),
        Say::ColSource => "見つけた場所".into(),
        Say::ColResult => "診断の結果".into(),
        Say::Caveat(headline) => format!("使えますが、注意点があります。{headline}"),
        Say::Lookup(LookupOutcome::Found { servers }) => format!("{servers} 件見つかりました"),
        Say::Lookup(LookupOutcome::NotOffered) => "このサービスは提供していない、と登録されています".into(),
        Say::Lookup(LookupOutcome::NoRecords) => "登録がありません".into(),
        Say::Lookup(LookupOutcome::Failed { error, .. }) => ja(&Say::LookupError(*error)),
        Say::LookupError(e) => match e {
            LookupError::TimedOut => "時間内に答えがありませんでした".into(),
            LookupError::DnsError => "DNS サーバーがエラーを返しました".into(),
            LookupError::Unreachable => "サーバーに接続できませんでした".into(),
            LookupError::Tls => "安全な接続（HTTPS）ができませんでした".into(),
            LookupError::HttpStatus => "ファイルがありませんでした".into(),
            LookupError::TooLarge => "ファイルが大きすぎます".into(),
            LookupError::NotAutoconfig => "自動設定ファイルとして読めませんでした".into(),
            LookupError::Other => "調べられませんでした".into(),
        },
        Say::NotChecked(n) => format!("ほかに {n} 台のサーバーが見つかりましたが、数が多いため調べていません。"),
        Say::NoteImplicitTls => "SSL/TLS（最初から暗号化する方式）と STARTTLS（暗号化に途中で切り替える方式）の両方が使えるときは、SSL/TLS をおすすめします。切り替えの前を狙った攻撃を受けません。".into(),
        Say::NoteMx => "MX（ポート25）は、メールサーバーどうしがメールを受け渡すための入り口です。メールアプリの設定には使いません。参考として調べました。".into(),
        Say::NoteGuess => "登録された情報が見つからなかったため、よく使われる名前を試しました。推測なので、正しいサーバーとは限りません。".into(),
        Say::NoteUnencrypted => "暗号化なしの設定も案内されていますが、使わないでください。調べてもいません。".into(),
        Say::NoServers => "調べられるサーバーは見つかりませんでした。".into(),
        Say::Source(MailSource::Certificate) => "証明書に書かれた名前".into(),
        Say::SharedHostName { name, instead_of } => format!("{instead_of}は共用サーバーで、証明書は{name}の名前で発行されています。サーバー名には、自分のドメインではなく{name}を入力してください。"),
        Say::SharedHostWildcard { host, names, provider: Some(Provider { name, name_form: Some(form), .. }) } => format!("{host}の証明書は、{name}の共用サーバーのもの（{names}）です。サーバー名には、自分のドメインではなく{form}の形の名前を入力してください。契約時の案内に書かれています。"),
        Say::SharedHostWildcard { host, names, .. } => format!("{host}の証明書は、ほかの名前（{names}）用です。共用サーバーなら仕組みによるものなので、入力するサーバー名をサーバーの会社に確かめてください。"),
        Say::TlsFine => "おすすめの設定では、暗号化（SSL/TLS）と証明書に問題はありません。この設定を入力しても使えないときは、暗号化ではなく、サインイン（認証）を確かめてください。「SSLなし」にしても直りません。".into(),
        Say::SignIn(SignIn::Password) => "ユーザー名（多くはメールアドレス全体）とパスワードを確かめてください。".into(),
        Say::SignIn(SignIn::MicrosoftOAuth) => "Outlook.comは2024年9月16日に、パスワードだけのサインインを終了しました。Microsoftのサインイン画面が開くメールアプリ（OAuth対応）で設定してください。".into(),
        Say::SignIn(SignIn::GoogleOAuth) => "Gmailには、Googleのサインイン画面（OAuth）で入るか、アプリ パスワードを使ってください。ふだんのパスワードでは入れません。".into(),
        Say::GmailPopFetch => "Gmailの「他のアカウントのメールを確認」（POPでの取り込み）は2026年に終了しました。このアカウントをGmailで読むには、転送を設定してください。".into(),
        Say::Compared { provider } => format!("{}が公開している設定（{}に確認）と比べました。", provider.name, provider.checked),
        Say::Differs { provider, published, found } => {
            let wanted = ja_published(provider, published);
            match found {
                Some((port, security)) => format!("{wanted}ですが、見つかったのは{port}番（{}）です。", ja(&Say::Security(*security))),
                None => format!("{wanted}ですが、見つかりませんでした。"),
            }
        }
        Say::PublishedFails { provider, published } => format!("{}ですが、診断で問題が見つかりました。", ja_published(provider, published)),
    }
}

fn ja_published(provider: &Provider, p: &Published) -> String {
    let host = p.host.or(provider.name_form).map(|h| format!("{h}の")).unwrap_or_default();
    format!(
        "{}：{}の案内では{host}{}番（{}）",
        ja(&Say::Role(p.role)),
        provider.name,
        p.port,
        ja(&Say::Security(p.security))
    )
}

fn en_published(provider: &Provider, p: &Published) -> String {
    let host = p.host.or(provider.name_form).map(|h| format!("{h} ")).unwrap_or_default();
    format!(
        "{} publishes {}: {host}port {} ({})",
        provider.name_en,
        en(&Say::Role(p.role)),
        p.port,
        en(&Say::Security(p.security))
    )
}

fn en(say: &Say<'_>) -> String {
    match say {
        Say::Title(subject) => format!("Mail settings for {subject}"),
        Say::Verdict(MailVerdict::Safe) => {
            "Safe settings were found. Enter the recommended settings below in your mail app.".into()
        }
        Say::Verdict(MailVerdict::OutgoingMissing) => {
            "Receiving can be set up safely. No safe server was found for sending mail.".into()
        }
        Say::Verdict(MailVerdict::IncomingMissing) => {
            "Sending can be set up safely. No safe server was found for receiving mail.".into()
        }
        Say::Verdict(MailVerdict::NothingSafe) => "No mail server that can be reached safely was found.".into(),
        Say::WithWarnings => "It works, but something needs attention. See the list below.".into(),
        Say::ClockFirst => {
            "The servers are fine: this device's clock is off. Once it is set right, these settings will connect."
                .into()
        }
        Say::DoNotGoPlain => {
            "Do not set the account up \"without SSL\" (unencrypted). Your password and mail would travel in a readable form.".into()
        }
        Say::AskAdmin => "Show this result to your mail administrator or provider.".into(),
        Say::RecommendedHeading => "Recommended settings".into(),
        Say::ServersHeading => "Servers checked".into(),
        Say::LookupsHeading => "How the servers were found".into(),
        Say::NotesHeading => "Notes".into(),
        Say::Role(MailRole::Outgoing) => "Outgoing (SMTP)".into(),
        Say::Role(MailRole::IncomingImap) => "Incoming (IMAP)".into(),
        Say::Role(MailRole::IncomingPop3) => "Incoming (POP3)".into(),
        Say::Role(MailRole::RelayMx) => "Server-to-server (MX, for reference)".into(),
        Say::Security(MailSecurity::Tls) => "SSL/TLS".into(),
        Say::Security(MailSecurity::Starttls) => "STARTTLS".into(),
        Say::Security(MailSecurity::None) => "None (unencrypted)".into(),
        Say::Source(MailSource::Srv) => "DNS SRV records".into(),
        Say::Source(MailSource::Mx) => "DNS MX records".into(),
        Say::Source(MailSource::Autoconfig) => "Autoconfig file".into(),
        Say::Source(MailSource::Guess) => "Guessed from usual names".into(),
        Say::ColRole => "Use".into(),
        Say::ColServer => "Server".into(),
        Say::ColPort => "Port".into(),
        Say::ColSecurity => "Encryption".into(),
        Say::ColSource => "Found in".into(),
        Say::ColResult => "Result".into(),
        Say::Caveat(headline) => format!("It works, with a caveat: {headline}"),
        Say::Lookup(LookupOutcome::Found { servers: 1 }) => "1 found".into(),
        Say::Lookup(LookupOutcome::Found { servers }) => format!("{servers} found"),
        Say::Lookup(LookupOutcome::NotOffered) => "registered as not offered".into(),
        Say::Lookup(LookupOutcome::NoRecords) => "nothing registered".into(),
        Say::Lookup(LookupOutcome::Failed { error, .. }) => en(&Say::LookupError(*error)),
        Say::LookupError(e) => match e {
            LookupError::TimedOut => "no answer in time".into(),
            LookupError::DnsError => "the DNS server answered with an error".into(),
            LookupError::Unreachable => "could not connect to the server".into(),
            LookupError::Tls => "no secure (HTTPS) connection".into(),
            LookupError::HttpStatus => "no such file".into(),
            LookupError::TooLarge => "the file is too large".into(),
            LookupError::NotAutoconfig => "not readable as an autoconfig file".into(),
            LookupError::Other => "could not be checked".into(),
        },
        Say::NotChecked(1) => "One more server was found but not checked: there were too many.".into(),
        Say::NotChecked(n) => format!("{n} more servers were found but not checked: there were too many."),
        Say::NoteImplicitTls => "When both SSL/TLS (encrypted from the start) and STARTTLS (switching to encryption midway) work, SSL/TLS is recommended: nothing can be attacked before the switch.".into(),
        Say::NoteMx => "The MX (port 25) is where mail servers hand mail to each other. Mail apps do not use it. It was checked for reference only.".into(),
        Say::NoteGuess => "Nothing was registered, so usual names were tried. They are guesses and may not be the right servers.".into(),
        Say::NoteUnencrypted => "Unencrypted settings are offered too. Do not use them; they were not checked.".into(),
        Say::NoServers => "No server to check was found.".into(),
        Say::Source(MailSource::Certificate) => "Name in the certificate".into(),
        Say::SharedHostName { name, instead_of } => format!("{instead_of} is a shared server whose certificate is issued to {name}. Type {name} as the server name, not your own domain."),
        Say::SharedHostWildcard { host, names, provider: Some(Provider { name_en, name_form: Some(form), .. }) } => format!("The certificate of {host} belongs to {name_en}'s shared server ({names}). Type a server name of the form {form} (in your contract's notice), not your own domain."),
        Say::SharedHostWildcard { host, names, .. } => format!("The certificate of {host} is for other names ({names}). On a shared server this is by design: ask the hosting company which server name to type."),
        Say::TlsFine => "With the recommended settings, encryption (SSL/TLS) and the certificates are fine. If your app still fails with these settings, check signing in, not encryption: turning SSL off will not help.".into(),
        Say::SignIn(SignIn::Password) => "Check the user name (usually the whole mail address) and the password.".into(),
        Say::SignIn(SignIn::MicrosoftOAuth) => "Outlook.com ended password-only sign-in on 16 September 2024. Use a mail app that opens Microsoft's own sign-in page (OAuth).".into(),
        Say::SignIn(SignIn::GoogleOAuth) => "Gmail needs Google's own sign-in page (OAuth) or an app password; your usual password does not work.".into(),
        Say::GmailPopFetch => "Gmail's \"Check mail from other accounts\" (POP fetching) ended in 2026. To read this account in Gmail, set up forwarding from it.".into(),
        Say::Compared { provider } => format!("Compared with the settings {} publishes (checked {}).", provider.name_en, provider.checked),
        Say::Differs { provider, published, found: Some((port, security)) } => format!("{}; what was found is port {port} ({}).", en_published(provider, published), en(&Say::Security(*security))),
        Say::Differs { provider, published, found: None } => format!("{}; no such server was found.", en_published(provider, published)),
        Say::PublishedFails { provider, published } => format!("{}; its check found a problem.", en_published(provider, published)),
    }
}

/// The report in words.
/// The extension's mail panel for `report` in `lang`: the explanation, each server's full
/// explanation, the advice against "no SSL" when the verdict does not give it, and the text
/// for "copy report".
pub fn panel(report: &MailReport, lang: Lang, tz: &dyn LocalOffset) -> crate::wire::MailPanel {
    let explanation = explain_mail(report, lang, tz);
    let details = report.servers.iter().map(|s| super::explain(&s.diagnosis, lang, tz)).collect();
    // The verdict of a domain without safe settings already warns against "no SSL".
    let plain_warning = explanation.safe.then(|| super::panel::panel_labels(lang).plain_warning);
    let report = render(&explanation, 80);
    crate::wire::MailPanel { lang, explanation, details, plain_warning, report }
}

pub fn explain_mail(report: &MailReport, lang: Lang, tz: &dyn LocalOffset) -> MailExplanation {
    let say = |s: Say<'_>| match lang {
        Lang::Ja => ja(&s),
        Lang::En => en(&s),
    };
    let subject = report.address.as_deref().unwrap_or(&report.domain);
    let rec = &report.recommended;

    let servers: Vec<ExplainedMailServer> = report
        .servers
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let primary = s.diagnosis.primary().map(|f| explain_finding_on(f, &s.diagnosis.target, lang, tz));
            ExplainedMailServer {
                role: s.role,
                role_label: say(Say::Role(s.role)),
                host: s.host.clone(),
                port: s.port,
                security: s.security,
                security_label: say(Say::Security(s.security)),
                source_label: say(Say::Source(s.source)),
                finding: primary.as_ref().map_or(crate::wire::FindingId::Ok, |p| p.id),
                severity: primary.as_ref().map_or(Severity::Critical, |p| p.severity),
                headline: primary.map(|p| p.headline).unwrap_or_default(),
                recommended: [&rec.outgoing, &rec.incoming].iter().any(|c| c.as_ref().is_some_and(|c| c.server == i)),
                informational: s.role == MailRole::RelayMx,
            }
        })
        .collect();

    let mut verdict = vec![say(Say::Verdict(rec.verdict))];
    let chosen: Vec<&Choice> = [&rec.outgoing, &rec.incoming].into_iter().flatten().collect();
    if chosen.iter().any(|c| c.with_warnings) {
        verdict.push(say(Say::WithWarnings));
    }
    // A server recommended although this device's clock fails it (`mail::recommend`).
    let clock = |c: &&Choice| {
        let primary = report.servers.get(c.server).and_then(|s| s.diagnosis.primary()).map(|f| f.id());
        matches!(primary, Some(crate::wire::FindingId::ClockAhead | crate::wire::FindingId::ClockBehind))
    };
    if chosen.iter().any(clock) {
        verdict.push(say(Say::ClockFirst));
    }
    if rec.verdict != MailVerdict::Safe {
        verdict.push(say(Say::DoNotGoPlain));
        verdict.push(say(Say::AskAdmin));
    }
    let provider = providers::recognise(report);
    let mut notes = Vec::new();
    providers_words(report, provider, &chosen, &say, &mut verdict, &mut notes);

    let recommended = chosen
        .iter()
        .map(|c| RecommendedSetting {
            role: c.role,
            heading: say(Say::Role(c.role)),
            rows: vec![
                Line { label: say(Say::ColServer), value: c.host.clone() },
                Line { label: say(Say::ColPort), value: c.port.to_string() },
                Line { label: say(Say::ColSecurity), value: say(Say::Security(c.security)) },
            ],
            note: c.with_warnings.then(|| servers.get(c.server).map(|s| say(Say::Caveat(&s.headline)))).flatten(),
        })
        .collect();

    let lookups =
        report.lookups.iter().map(|l| Line { label: l.query.clone(), value: say(Say::Lookup(&l.outcome)) }).collect();

    if servers.is_empty() {
        notes.push(say(Say::NoServers));
    }
    if !report.not_checked.is_empty() {
        notes.push(say(Say::NotChecked(report.not_checked.len())));
    }
    let has = |f: &dyn Fn(&ExplainedMailServer) -> bool| servers.iter().any(f);
    // For mail apps only: the MX's STARTTLS is no choice a user makes.
    let offered = |security| has(&|s: &ExplainedMailServer| !s.informational && s.security == security);
    if offered(MailSecurity::Tls) && offered(MailSecurity::Starttls) {
        notes.push(say(Say::NoteImplicitTls));
    }
    if report.servers.iter().any(|s| s.source == MailSource::Guess) {
        notes.push(say(Say::NoteGuess));
    }
    if !report.unencrypted.is_empty() {
        notes.push(say(Say::NoteUnencrypted));
    }
    if has(&|s| s.informational) {
        notes.push(say(Say::NoteMx));
    }

    MailExplanation {
        kind: Default::default(),
        v: WIRE_VERSION,
        lang,
        title: say(Say::Title(subject)),
        safe: report.safe(),
        verdict,
        recommended_heading: say(Say::RecommendedHeading),
        recommended,
        servers_heading: say(Say::ServersHeading),
        columns: MailColumns {
            role: say(Say::ColRole),
            server: say(Say::ColServer),
            port: say(Say::ColPort),
            security: say(Say::ColSecurity),
            source: say(Say::ColSource),
            result: say(Say::ColResult),
        },
        servers,
        lookups_heading: say(Say::LookupsHeading),
        lookups,
        notes_heading: say(Say::NotesHeading),
        notes,
    }
}

/// Issue 16's words: the shared host's own server name (in the verdict, as it changes what to
/// type), "TLS is fine: it is the sign-in" when both directions are safe and healthy, a
/// wildcard-only certificate's advice, and where the provider's published settings differ.
fn providers_words(
    report: &MailReport,
    provider: Option<&Provider>,
    chosen: &[&Choice],
    say: &dyn Fn(Say<'_>) -> String,
    verdict: &mut Vec<String>,
    notes: &mut Vec<String>,
) {
    let mut named: Vec<&str> = Vec::new();
    for c in chosen {
        let Some(server) = report.servers.get(c.server) else { continue };
        if let Some(original) = crate::mail::instead_of(&report.servers, server) {
            if !named.contains(&server.host.as_str()) {
                named.push(&server.host);
                verdict.push(say(Say::SharedHostName { name: &server.host, instead_of: &original.host }));
            }
        }
    }
    if report.recommended.verdict == MailVerdict::Safe && chosen.iter().all(|c| !c.with_warnings) {
        verdict.push(say(Say::TlsFine));
        verdict.push(say(Say::SignIn(provider.map_or(SignIn::Password, |p| p.sign_in))));
        // Gmail fetched other accounts over their POP3: only a domain that offers it is concerned.
        let pop3 = report.servers.iter().any(|s| s.role == MailRole::IncomingPop3 && crate::mail::usable(s));
        if pop3 && provider.is_none_or(|p| p.sign_in != SignIn::GoogleOAuth) {
            notes.push(say(Say::GmailPopFetch));
        }
    }
    // A certificate for wildcards only gives no name to check: say which form to type.
    let mut told: Vec<&str> = Vec::new();
    for s in report.servers.iter().filter(|s| s.role != MailRole::RelayMx) {
        let names = providers::certificate_names(s);
        let replaced = report
            .servers
            .iter()
            .any(|r| crate::mail::instead_of(&report.servers, r).is_some_and(|o| o.host == s.host));
        if names.is_empty() || !names.iter().all(|n| n.starts_with("*.")) || replaced || told.contains(&s.host.as_str())
        {
            continue;
        }
        told.push(&s.host);
        let shared =
            names.iter().find_map(|n| providers::by_server_name(n)).filter(|p| p.kind == ProviderKind::SharedHost);
        notes.push(say(Say::SharedHostWildcard { host: &s.host, names: &names.join(", "), provider: shared }));
    }
    let Some(provider) = provider else { return };
    let differences = providers::compare(report, provider);
    if !differences.is_empty() {
        notes.push(say(Say::Compared { provider }));
    }
    for d in differences {
        notes.push(say(match d {
            Difference::OtherSetting { published, found } => {
                Say::Differs { provider, published, found: report.servers.get(found).map(|s| (s.port, s.security)) }
            }
            Difference::NotFound { published } => Say::Differs { provider, published, found: None },
            Difference::Failed { published, .. } => Say::PublishedFails { provider, published },
        }));
    }
}

/// Every sentence issue 16 added to the mail report (the providers' part), with sample values
/// and a key, for the catalog's snapshots and its house rules (`tests/catalog.rs`).
pub fn provider_sentences(lang: Lang) -> Vec<(String, String)> {
    let say = |s: Say<'_>| match lang {
        Lang::Ja => ja(&s),
        Lang::En => en(&s),
    };
    let mut out = Vec::new();
    let mut add = |key: &str, s: Say<'_>| out.push((format!("mail.{key}"), say(s)));
    add("shared_host_name", Say::SharedHostName { name: "sv1234.xserver.jp", instead_of: "mail.example.jp" });
    let xserver = providers::by_server_name("sv1234.xserver.jp");
    add(
        "shared_host_wildcard.known",
        Say::SharedHostWildcard { host: "mail.example.jp", names: "*.xserver.jp", provider: xserver },
    );
    add(
        "shared_host_wildcard.unknown",
        Say::SharedHostWildcard { host: "mail.example.jp", names: "*.hosting.example", provider: None },
    );
    add("tls_fine", Say::TlsFine);
    for sign_in in [SignIn::Password, SignIn::MicrosoftOAuth, SignIn::GoogleOAuth] {
        add(&format!("sign_in.{sign_in:?}"), Say::SignIn(sign_in));
    }
    add("gmail_pop_fetch", Say::GmailPopFetch);
    if let Some(gmail) = providers::by_domain("gmail.com") {
        let published = Published {
            role: MailRole::Outgoing,
            host: Some("smtp.gmail.com"),
            port: 465,
            security: MailSecurity::Tls,
        };
        add("compared", Say::Compared { provider: gmail });
        add("differs.other", Say::Differs { provider: gmail, published, found: Some((587, MailSecurity::Starttls)) });
        add("differs.not_found", Say::Differs { provider: gmail, published, found: None });
        add("published_fails", Say::PublishedFails { provider: gmail, published });
    }
    if let Some(xserver) = xserver {
        let published = Published { role: MailRole::IncomingPop3, host: None, port: 995, security: MailSecurity::Tls };
        add("differs.shared_host", Say::Differs { provider: xserver, published, found: None });
    }
    out
}

/// The explanation laid out for a terminal, wrapped to `width` display columns.
pub fn render(ex: &MailExplanation, width: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "TLS Doctor: {}", ex.title);
    for sentence in &ex.verdict {
        para(&mut out, sentence, 0, width);
    }
    if !ex.recommended.is_empty() {
        let _ = writeln!(out, "\n{}", ex.recommended_heading);
        for r in &ex.recommended {
            let _ = writeln!(out, "  {}", r.heading);
            rows(&mut out, &r.rows, 4, width);
            if let Some(note) = &r.note {
                para(&mut out, &format!("▲ {note}"), 4, width);
            }
        }
    }
    let _ = writeln!(out, "\n{}", ex.servers_heading);
    for s in &ex.servers {
        let mark = match (s.recommended, s.severity) {
            (_, Severity::Critical) => "✖",
            (_, Severity::Warning) => "▲",
            (true, Severity::Info) => "★",
            (false, Severity::Info) => "✔",
        };
        let host = if s.host.contains(':') { format!("[{}]", s.host) } else { s.host.clone() };
        let _ =
            writeln!(out, "  {mark} {}  {host}:{}  {}  ({})", s.role_label, s.port, s.security_label, s.source_label);
        para(&mut out, &format!("{}  ({})", s.headline, s.finding.as_str()), 6, width);
    }
    if !ex.lookups.is_empty() {
        let _ = writeln!(out, "\n{}", ex.lookups_heading);
        for l in &ex.lookups {
            let _ = writeln!(out, "  {}", l.label);
            hanging(&mut out, "→ ", &l.value, 4, width);
        }
    }
    if !ex.notes.is_empty() {
        let _ = writeln!(out, "\n{}", ex.notes_heading);
        for note in &ex.notes {
            hanging(&mut out, "- ", note, 2, width);
        }
    }
    out
}

/// `prefix` on the first line, the text wrapped under itself.
fn hanging(out: &mut String, prefix: &str, text: &str, indent: usize, width: usize) {
    let inner = indent + display_width(prefix);
    for (i, line) in wrap(text, width.saturating_sub(inner).max(20)).iter().enumerate() {
        let lead = if i == 0 { format!("{}{prefix}", " ".repeat(indent)) } else { " ".repeat(inner) };
        let _ = writeln!(out, "{lead}{line}");
    }
}

fn para(out: &mut String, text: &str, indent: usize, width: usize) {
    for line in wrap(text, width.saturating_sub(indent).max(20)) {
        let _ = writeln!(out, "{}{line}", " ".repeat(indent));
    }
}

/// `label  value` lines, values aligned, long values wrapped under themselves.
fn rows(out: &mut String, lines: &[Line], indent: usize, width: usize) {
    let label_width = lines.iter().map(|l| display_width(&l.label)).max().unwrap_or(0);
    for l in lines {
        let pad = " ".repeat(label_width.saturating_sub(display_width(&l.label)));
        let inner = indent + label_width + 2;
        for (i, line) in wrap(&l.value, width.saturating_sub(inner).max(20)).iter().enumerate() {
            if i == 0 {
                let _ = writeln!(out, "{}{}{pad}  {line}", " ".repeat(indent), l.label);
            } else {
                let _ = writeln!(out, "{}{line}", " ".repeat(inner));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::test_support::{diagnosis, ok, target};
    use crate::time::{FixedOffset, Timestamp};
    use crate::wire::{FindingKind, Lookup, MailServer};

    fn report(healthy: bool) -> MailReport {
        let kind = if healthy { ok() } else { FindingKind::SelfSigned { subject: "mail.example.jp".into() } };
        let diagnosis = diagnosis(target("mail.example.jp", 465), vec![kind]);
        let server = |role, port| MailServer {
            role,
            host: "mail.example.jp".into(),
            port,
            security: MailSecurity::Tls,
            source: MailSource::Srv,
            diagnosis: diagnosis.clone(),
        };
        let servers = vec![server(MailRole::Outgoing, 465), server(MailRole::IncomingImap, 993)];
        MailReport {
            kind: Default::default(),
            v: 1,
            address: Some("user@example.jp".into()),
            domain: "example.jp".into(),
            measured_at: Timestamp(0),
            timeout_ms: 10_000,
            elapsed_ms: 12,
            lookups: vec![Lookup {
                source: MailSource::Srv,
                query: "_submissions._tcp.example.jp SRV".into(),
                outcome: LookupOutcome::Found { servers: 1 },
            }],
            recommended: crate::mail::recommend(&servers),
            servers,
            not_checked: Vec::new(),
            unencrypted: Vec::new(),
        }
    }

    #[test]
    fn a_safe_domain_gets_the_table_in_both_languages() {
        let r = report(true);
        let ja = explain_mail(&r, Lang::Ja, &FixedOffset(540));
        assert!(ja.safe);
        assert_eq!(ja.recommended.len(), 2);
        assert_eq!(ja.recommended[0].heading, "送信（SMTP）");
        assert_eq!(ja.recommended[1].rows[2].value, "SSL/TLS");
        let text = render(&ja, 80);
        for expected in ["おすすめの設定", "受信（IMAP）", "暗号化の方式", "★ 送信（SMTP）  mail.example.jp:465"]
        {
            assert!(text.contains(expected), "{expected}\n{text}");
        }
        let en = render(&explain_mail(&r, Lang::En, &FixedOffset(0)), 80);
        assert!(en.contains("Recommended settings") && en.contains("Outgoing (SMTP)"), "{en}");
    }

    #[test]
    fn nothing_safe_says_not_to_go_without_ssl() {
        let r = report(false);
        let ja = explain_mail(&r, Lang::Ja, &FixedOffset(540));
        assert!(!ja.safe && ja.recommended.is_empty());
        assert!(ja.verdict.iter().any(|s| s.contains("「SSLなし」")), "{:?}", ja.verdict);
        assert!(ja.servers.iter().all(|s| s.severity == Severity::Critical && !s.recommended));
        let en = explain_mail(&r, Lang::En, &FixedOffset(0));
        assert!(en.verdict.iter().any(|s| s.contains("without SSL")));
        // The JSON round-trips.
        let json = serde_json::to_string(&en).unwrap();
        assert_eq!(serde_json::from_str::<MailExplanation>(&json).unwrap(), en);
        assert!(json.contains(r#""type":"mail_explanation""#));
    }

    fn named(mut r: MailReport, domain: &str) -> MailReport {
        r.domain = domain.into();
        r.address = Some(format!("user@{domain}"));
        r
    }

    #[test]
    fn tls_that_is_fine_points_at_the_sign_in_never_at_no_ssl() {
        let r = report(true);
        let ja = explain_mail(&r, Lang::Ja, &FixedOffset(540));
        assert!(
            ja.verdict.iter().any(|s| s.contains("暗号化ではなく、サインイン（認証）を確かめてください")),
            "{:?}",
            ja.verdict
        );
        assert!(ja.verdict.iter().any(|s| s.contains("ユーザー名（多くはメールアドレス全体）")), "{:?}", ja.verdict);
        // Gmail's end of POP fetching concerns a domain with POP3 only.
        let gmail_fetch = |r: &MailReport| {
            explain_mail(r, Lang::Ja, &FixedOffset(540))
                .notes
                .iter()
                .any(|s| s.contains("他のアカウントのメールを確認"))
        };
        assert!(!gmail_fetch(&r), "{:?}", ja.notes);
        let mut with_pop3 = report(true);
        let mut pop3 = with_pop3.servers[1].clone();
        (pop3.role, pop3.port) = (MailRole::IncomingPop3, 995);
        with_pop3.servers.push(pop3);
        assert!(gmail_fetch(&with_pop3));
        // Outlook.com: the end of basic sign-in, and no Gmail line for Gmail itself.
        let outlook = explain_mail(&named(report(true), "outlook.jp"), Lang::En, &FixedOffset(0));
        assert!(outlook.verdict.iter().any(|s| s.contains("16 September 2024")), "{:?}", outlook.verdict);
        let gmail = explain_mail(&named(report(true), "gmail.com"), Lang::Ja, &FixedOffset(540));
        assert!(gmail.verdict.iter().any(|s| s.contains("アプリ パスワード")), "{:?}", gmail.verdict);
        assert!(!gmail.notes.iter().any(|s| s.contains("他のアカウントのメールを確認")));
        // A failing domain gets no "it is the sign-in".
        let bad = explain_mail(&report(false), Lang::Ja, &FixedOffset(540));
        assert!(!bad.verdict.iter().any(|s| s.contains("サインイン")), "{:?}", bad.verdict);
    }

    fn mismatch(names: &[&str]) -> crate::wire::FindingKind {
        crate::test_support::name_mismatch("mail.example.jp", names)
    }

    #[test]
    fn a_shared_hosts_name_is_said_and_a_wildcard_only_certificate_gets_the_form_to_type() {
        let mut r = report(true);
        r.servers[0].diagnosis.findings = vec![crate::wire::Finding::new(mismatch(&["sv1.shared.example"]))];
        let mut suggested = r.servers[0].clone();
        suggested.host = "sv1.shared.example".into();
        suggested.source = MailSource::Certificate;
        suggested.diagnosis.findings = vec![crate::wire::Finding::new(ok())];
        r.servers.push(suggested);
        crate::mail::complete(&mut r);
        let ja = explain_mail(&r, Lang::Ja, &FixedOffset(540));
        assert_eq!(ja.recommended[0].rows[0].value, "sv1.shared.example");
        let said: Vec<&String> = ja.verdict.iter().filter(|s| s.contains("共用サーバー")).collect();
        assert_eq!(said.len(), 1, "{:?}", ja.verdict);
        assert!(said[0].contains("自分のドメインではなくsv1.shared.exampleを入力してください"), "{said:?}");
        assert_eq!(ja.servers[2].source_label, "証明書に書かれた名前");

        // Xserver's wildcard: the form of name from its row.
        let mut r = report(true);
        r.servers[0].diagnosis.findings = vec![crate::wire::Finding::new(mismatch(&["*.xserver.jp"]))];
        crate::mail::complete(&mut r);
        let ja = explain_mail(&r, Lang::Ja, &FixedOffset(540));
        assert!(ja.notes.iter().any(|s| s.contains("sv○○○○.xserver.jpの形の名前")), "{:?}", ja.notes);
        // An unknown host's wildcard: ask them.
        r.servers[0].diagnosis.findings = vec![crate::wire::Finding::new(mismatch(&["*.hosting.example"]))];
        let en = explain_mail(&r, Lang::En, &FixedOffset(0));
        assert!(en.notes.iter().any(|s| s.contains("ask the hosting company")), "{:?}", en.notes);
    }

    #[test]
    fn where_discovery_differs_from_the_published_settings_is_said() {
        // gmail.com: 465 and 993 found (the sample's servers are all mail.example.jp, so none
        // is at Google's published hosts).
        let mut r = named(report(true), "gmail.com");
        r.servers[0].host = "smtp.gmail.com".into();
        r.servers[0].port = 587;
        r.servers[0].security = MailSecurity::Starttls;
        let ja = explain_mail(&r, Lang::Ja, &FixedOffset(540));
        assert!(
            ja.notes.iter().any(|s| s.starts_with("Gmailが公開している設定（2026-12-07に確認）")),
            "{:?}",
            ja.notes
        );
        assert!(
            ja.notes.iter().any(|s| s == "送信（SMTP）：Gmailの案内ではsmtp.gmail.comの465番（SSL/TLS）ですが、見つかったのは587番（STARTTLS）です。"),
            "{:?}",
            ja.notes
        );
        assert!(
            ja.notes.iter().any(|s| s.contains("imap.gmail.comの993番（SSL/TLS）ですが、見つかりませんでした")),
            "{:?}",
            ja.notes
        );
        // An unknown provider: nothing compared.
        let plain = explain_mail(&report(true), Lang::Ja, &FixedOffset(540));
        assert!(!plain.notes.iter().any(|s| s.contains("公開している設定")));
    }
}
