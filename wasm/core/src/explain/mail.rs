//! A [`MailReport`] in words: the recommended settings, the verdict, one line per checked
//! server, and how the servers were found. Japanese is the source ([`ja`]); [`en`] mirrors it.
//! Both `match` exhaustively on [`Say`], so a new sentence does not compile until both
//! languages can say it. [`render`] lays the words out for a terminal.

use std::fmt::Write as _;

use super::text::{display_width, wrap};
use super::{Lang, explain_finding_on};
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
    }
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

    let mut notes = Vec::new();
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
}
