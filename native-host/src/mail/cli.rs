//! `tls-doctor mail ADDRESS_OR_DOMAIN [--dns-server IP[:PORT]] [--ca-file PEM] [--lang ja|en]
//! [--json] [--timeout SECS] [--ntp-server HOST[:PORT]]… [--no-local-probes]
//! [--app NAME [--message ID_OR_TEXT]]`.
//!
//! With `--app`, the likely causes of the app's message come first, then the report, then the
//! app's own steps for the recommended settings (`tls_doctor_core::mail_apps`); with `--json`,
//! the report carries an `app` section (the app, the message, the causes' and the plan's ids).
//!
//! Exit status: 0 when safe settings exist for sending and receiving, 1 otherwise, 2 on bad
//! input or an internal error.

use std::io::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::ValueEnum;
use tls_doctor_core::explain::{self, Lang, Notice, mail_app};
use tls_doctor_core::mail_apps::{self, AppMessage, MailApp};
use tls_doctor_core::wire::LocalProbeOptions;

use super::{DEFAULT_TIMEOUT, MailRequest, parse_input};
use crate::console::{EXIT_CANNOT_DIAGNOSE, EXIT_HEALTHY, EXIT_PROBLEMS};
use crate::probe::local::LocalProbeConfig;
use crate::tz::SystemZone;

/// The longest `--timeout` accepted, in seconds.
pub(crate) const MAX_TIMEOUT_SECS: f64 = 120.0;

#[derive(Debug, clap::Args)]
pub struct MailArgs {
    /// user@example.jp, or a domain such as example.jp
    pub address: String,
    /// Ask this nameserver (IP or IP:PORT, port 53 by default) instead of the system's, and
    /// connect to the servers at the addresses it gives.
    #[arg(long, value_name = "IP[:PORT]")]
    pub dns_server: Option<String>,
    /// Also trust the CA certificates in this PEM file (autoconfig and every server).
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,
    /// Language of the report (default: Japanese when the locale is Japanese, else English).
    #[arg(long, value_enum)]
    pub lang: Option<MailLang>,
    /// Print the report as JSON (wire contract v1, `"type": "mail_report"`).
    #[arg(long)]
    pub json: bool,
    /// Deadline for discovery and every check together, in seconds (default 20).
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<String>,
    /// Also apply this policy file, on top of the system's (it can only tighten).
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Ask this SNTP server, once, whether this computer's clock is right, for the servers
    /// whose certificate dates disagree with it (repeatable; default: ntp.nict.jp and
    /// time.google.com; an empty value asks none).
    #[arg(long, value_name = "HOST[:PORT]")]
    pub ntp_server: Vec<String>,
    /// Send nothing to any server but the mail domain's: no SNTP query.
    #[arg(long, alias = "no-client-probes", conflicts_with = "ntp_server")]
    pub no_local_probes: bool,
    /// The mail app in use: ios_mail, outlook_new, outlook_classic, thunderbird, macos_mail,
    /// gmail_android, outlook_mobile, windows_mail. Adds the likely causes of its message and
    /// where in that app the recommended settings go.
    #[arg(long, value_name = "NAME")]
    pub app: Option<String>,
    /// The message the app showed: its id (`outlook_0x800ccc0e`, `ios_no_ssl`…) or the text
    /// pasted from the dialog.
    #[arg(long, value_name = "ID_OR_TEXT", requires = "app")]
    pub message: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum MailLang {
    Ja,
    En,
}

pub fn run(args: &MailArgs) -> ExitCode {
    let lang = match args.lang {
        Some(MailLang::Ja) => Lang::Ja,
        Some(MailLang::En) => Lang::En,
        None => crate::console::env_lang(),
    };
    let app = match args.app.as_deref().map(|name| MailApp::from_id(name).ok_or(name)) {
        None => None,
        Some(Ok(app)) => Some(app),
        Some(Err(name)) => {
            eprintln!("tls-doctor: {}", mail_app::bad_app(name, lang));
            return ExitCode::from(EXIT_CANNOT_DIAGNOSE);
        }
    };
    let message = app.map(|app| args.message.as_deref().map_or(AppMessage::Other, |m| mail_apps::read_message(app, m)));
    let loaded = crate::console::load_policy(args.policy.as_deref(), lang);
    let request = match request(args, Arc::new(loaded.enforced)) {
        Ok(r) => r,
        Err(notice) => {
            eprintln!("tls-doctor: {}", explain::notice(&notice, lang));
            return ExitCode::from(EXIT_CANNOT_DIAGNOSE);
        }
    };
    let internal = |detail: String| {
        eprintln!("tls-doctor: {}", explain::notice(&Notice::Internal { detail }, lang));
        ExitCode::from(EXIT_CANNOT_DIAGNOSE)
    };
    // Several checks run at once: a runtime with worker threads keeps the certificate work of
    // one from delaying the handshakes of another.
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return internal(e.to_string()),
    };
    let report = runtime.block_on(super::run(&request));
    // As in `check`: no waiting for blocking threads (a getaddrinfo held by a silent
    // nameserver) once the report is in hand.
    runtime.shutdown_background();
    let chosen = app.zip(message);
    let text = if args.json {
        match json(&report, chosen) {
            Ok(json) => json + "\n",
            Err(e) => return internal(e.to_string()),
        }
    } else {
        let width = crate::console::terminal_width();
        let explained = explain::mail::explain_mail(&report, lang, &SystemZone);
        let mut text = String::new();
        let advice = chosen.map(|(app, m)| mail_app::advice(app, m, Some(&report.recommended), lang));
        if let Some(a) = &advice {
            text.push_str(&mail_app::render_causes(&a.causes, width));
            text.push('\n');
        }
        text.push_str(&explain::mail::render(&explained, width));
        if let Some(steps) = advice.as_ref().and_then(|a| a.steps.as_ref()) {
            text.push('\n');
            text.push_str(&mail_app::render_steps(steps, width));
        }
        text
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::from(if report.safe() { EXIT_HEALTHY } else { EXIT_PROBLEMS })
}

/// The report as JSON; with an app, an `app` section after the report's own fields (added
/// here, so the `mail_report` contract is unchanged for its readers). Spliced into the text
/// rather than through a `serde_json::Value`, which would sort the keys and move each tagged
/// enum's tag away from the front.
fn json(report: &tls_doctor_core::wire::MailReport, app: Option<(MailApp, AppMessage)>) -> serde_json::Result<String> {
    let text = serde_json::to_string_pretty(report)?;
    let Some((app, message)) = app else { return Ok(text) };
    let section = serde_json::to_string_pretty(&mail_apps::section(app, message, &report.recommended))?;
    let body = text.trim_end().strip_suffix('}').unwrap_or(&text).trim_end();
    Ok(format!("{body},\n  \"app\": {}\n}}", section.replace('\n', "\n  ")))
}

fn request(args: &MailArgs, policy: Arc<crate::policy::Enforced>) -> Result<MailRequest, Notice> {
    let input = parse_input(&args.address).ok_or_else(|| Notice::BadMailAddress { input: args.address.clone() })?;
    let dns_server = match &args.dns_server {
        None => None,
        Some(text) => Some(parse_dns_server(text).ok_or_else(|| Notice::BadAddress { input: text.clone() })?),
    };
    let timeout = match &args.timeout {
        None => DEFAULT_TIMEOUT,
        Some(text) => text
            .parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s > 0.0 && *s <= MAX_TIMEOUT_SECS)
            .map(Duration::from_secs_f64)
            .ok_or_else(|| Notice::BadTimeout { input: text.clone() })?,
    };
    let custom = match &args.ca_file {
        None => None,
        Some(path) => Some(Arc::new(crate::console::read_ca_file(path)?)),
    };
    let local = if args.no_local_probes {
        LocalProbeConfig::off()
    } else {
        let options = LocalProbeOptions {
            ntp_servers: (!args.ntp_server.is_empty()).then(|| args.ntp_server.clone()),
            ..LocalProbeOptions::default()
        };
        // Only the SNTP servers are used: no portal check or canary for a mail request.
        LocalProbeConfig::from_options(&options).map_err(|e| Notice::BadTarget { input: e.input, reason: e.reason })?
    };
    Ok(MailRequest { input, dns_server, custom, timeout, policy, local })
}

/// `192.0.2.53`, `192.0.2.53:5353`, `2001:db8::53`, `[2001:db8::53]:5353`.
pub fn parse_dns_server(text: &str) -> Option<SocketAddr> {
    let text = text.trim();
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(SocketAddr::new(ip, 53));
    }
    text.parse::<SocketAddr>().ok().filter(|a| a.port() != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_servers_are_read() {
        assert_eq!(parse_dns_server("127.0.0.1"), "127.0.0.1:53".parse().ok());
        assert_eq!(parse_dns_server("127.0.0.1:5353"), "127.0.0.1:5353".parse().ok());
        assert_eq!(parse_dns_server("[::1]:5353"), "[::1]:5353".parse().ok());
        assert_eq!(parse_dns_server("::1"), "[::1]:53".parse().ok());
        for bad in ["", "dns.example", "127.0.0.1:0", "127.0.0.1:99999"] {
            assert_eq!(parse_dns_server(bad), None, "{bad}");
        }
    }
}
