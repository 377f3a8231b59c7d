//! The command line: `tls-doctor check HOST[:PORT] …`, `tls-doctor cert FILE… …`,
//! `tls-doctor install` / `uninstall`.
//!
//! Exit status: 0 healthy, 1 problems found, 2 could not diagnose (bad input, internal error).

use std::io::Write as _;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use tls_doctor_core::explain::{self, Lang, Notice};
use tls_doctor_core::wire::{LocalProbeOptions, StarttlsProtocol};
use tls_doctor_core::{OrgSettings, diagnose};

use crate::cert_files;
use crate::console::{
    EXIT_CANNOT_DIAGNOSE, EXIT_HEALTHY, EXIT_PROBLEMS, env_lang, load_policy, read_ca_file, terminal_width,
};
use crate::install::{self, InstallArgs};
use crate::probe::local::LocalProbeConfig;
use crate::probe::{self, Request, SniChoice};
use crate::target;
use crate::tz::SystemZone;

/// The deadline for all probes of one check unless `--timeout` says otherwise.
pub const DEFAULT_TIMEOUT_SECS: f64 = tls_doctor_core::deadlines::CHECK_DEFAULT_MS as f64 / 1000.0;
pub(crate) const MAX_TIMEOUT_SECS: f64 = 120.0;

#[derive(Debug, Parser)]
#[command(
    name = "tls-doctor",
    version,
    about = "Diagnose TLS and certificate errors, and explain them in Japanese or English."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Diagnose a TLS server: HOST[:PORT] (port 443 by default), or an https:// URL.
    Check(CheckArgs),
    /// Check certificate files before a server loads them: FILE… (PEM or DER; fullchain.pem,
    /// or cert.pem then chain.pem). The first certificate is the leaf, the rest follow in order.
    Cert(CertArgs),
    /// Register tls-doctor with the browsers (native-messaging host manifests), so that the
    /// TLS Doctor extension can start it.
    Install(InstallArgs),
    /// Remove the manifests `install` wrote (and only those).
    Uninstall(InstallArgs),
    /// Find a mail address's servers (DNS SRV, MX, autoconfig), check each, and recommend
    /// settings for a mail app: ADDRESS or DOMAIN.
    Mail(crate::mail::cli::MailArgs),
    /// Show the limits in force: the policy files read, their values, the keys ignored.
    Policy(PolicyArgs),
}

#[derive(Debug, clap::Args)]
struct PolicyArgs {
    /// Also apply this policy file (it can only tighten the system's).
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Language of the report (default: Japanese when the locale is Japanese, else English).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// example.jp, example.jp:8443, 192.0.2.1, [2001:db8::1]:443, https://example.jp/
    target: String,
    /// Connect to this IP address; HOST is still used for SNI and the name check (like curl's --resolve).
    #[arg(long, value_name = "IP")]
    address: Option<String>,
    /// Send this name as SNI and check the certificate against it.
    #[arg(long, value_name = "NAME", conflicts_with = "no_sni")]
    sni: Option<String>,
    /// Send no SNI.
    #[arg(long)]
    no_sni: bool,
    /// Also trust the CA certificates in this PEM file.
    #[arg(long, value_name = "PEM")]
    ca_file: Option<PathBuf>,
    /// Language of the report (default: Japanese when the locale is Japanese, else English).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Print the diagnosis as JSON (wire contract v1).
    #[arg(long)]
    json: bool,
    /// Deadline for all probes, in seconds.
    #[arg(long, value_name = "SECS")]
    timeout: Option<String>,
    /// Upgrade to TLS with this protocol's plaintext dialogue: smtp, imap, pop3, ftp, xmpp,
    /// xmpp-server, ldap, postgres, mysql, nntp, sieve. Default: by port (25, 587 → smtp;
    /// 143 → imap; 110 → pop3; …); 465, 993, 995 and other ports speak TLS at once.
    #[arg(long, value_name = "PROTO", conflicts_with = "no_starttls")]
    starttls: Option<String>,
    /// Speak TLS at once even on a port that usually upgrades with STARTTLS.
    #[arg(long)]
    no_starttls: bool,
    /// Ask this SNTP server when the certificate's dates disagree with this computer's clock
    /// (repeatable; default: ntp.nict.jp and time.google.com; an empty value asks none).
    #[arg(long, value_name = "HOST[:PORT]")]
    ntp_server: Vec<String>,
    /// The captive-portal check URL, fetched when the connection or the certificate fails
    /// (plain http://; default: http://connectivitycheck.gstatic.com/generate_204; empty: no check).
    #[arg(long, value_name = "URL")]
    portal_url: Option<String>,
    /// The HTTPS server to compare with when the chain is not publicly trusted (default:
    /// connectivitycheck.gstatic.com:443; empty: none).
    #[arg(long, value_name = "HOST[:PORT]")]
    canary: Option<String>,
    /// Send nothing to any server but the one checked: no SNTP, captive-portal check or canary.
    #[arg(long, alias = "no-client-probes", conflicts_with_all = ["ntp_server", "portal_url", "canary"])]
    no_local_probes: bool,
    /// Also apply this policy file, on top of the system's (it can only tighten;
    /// `TLS_DOCTOR_POLICY` names one too).
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct CertArgs {
    /// The certificate files, leaf first.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The private key file (privkey.pem): check that it belongs to the leaf certificate
    /// (without it, a key found in a certificate file is checked).
    #[arg(long, value_name = "KEYFILE")]
    key: Option<PathBuf>,
    /// Check the certificate against this server name or IP address (default: no name check).
    #[arg(long, value_name = "HOST")]
    name: Option<String>,
    /// Also trust the CA certificates in this PEM file.
    #[arg(long, value_name = "PEM")]
    ca_file: Option<PathBuf>,
    /// Trust only --ca-file: not Mozilla's roots, not this computer's.
    #[arg(long, requires = "ca_file")]
    no_system_roots: bool,
    /// Judge the dates at this moment (RFC 3339, e.g. 2026-12-07T09:00:00Z) instead of now.
    #[arg(long, value_name = "RFC3339")]
    at: Option<String>,
    /// Do not fetch a missing intermediate certificate from the URL in the certificate (AIA).
    #[arg(long)]
    offline: bool,
    /// The port the server will serve these files on: the fixes are for its software (25, 465,
    /// 587: Postfix; 110, 143, 993, 995: Dovecot; any other: a web server).
    #[arg(long, value_name = "PORT", default_value_t = 443)]
    port: u16,
    /// Language of the report (default: Japanese when the locale is Japanese, else English).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Print the diagnosis as JSON (wire contract v1).
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LangArg {
    Ja,
    En,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Cert(args) => cert(&args),
        Command::Install(args) => install::run(&args, install::Action::Install),
        Command::Uninstall(args) => install::run(&args, install::Action::Uninstall),
        Command::Mail(args) => crate::mail::cli::run(&args),
        Command::Policy(args) => policy(&args),
    }
}

fn lang_of(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Ja) => Lang::Ja,
        Some(LangArg::En) => Lang::En,
        None => env_lang(),
    }
}

/// `tls-doctor policy`: exit 0 when every file was read whole (or is absent), 1 when a key was
/// ignored or a file stops every check.
fn policy(args: &PolicyArgs) -> ExitCode {
    let lang = lang_of(args.lang);
    let loaded = crate::policy::Loaded::load(args.policy.as_deref());
    let report = loaded.report();
    let text = if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(json) => json + "\n",
            Err(e) => {
                eprintln!("tls-doctor: {}", explain::notice(&Notice::Internal { detail: e.to_string() }, lang));
                return ExitCode::from(EXIT_CANNOT_DIAGNOSE);
            }
        }
    } else {
        explain::policy::render(&report, lang)
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    let clean = report.files.iter().all(|f| f.ignored.is_empty() && !f.status.fails_closed());
    ExitCode::from(if clean { EXIT_HEALTHY } else { EXIT_PROBLEMS })
}

fn check(args: CheckArgs) -> ExitCode {
    let lang = match args.lang {
        Some(LangArg::Ja) => Lang::Ja,
        Some(LangArg::En) => Lang::En,
        None => env_lang(),
    };
    let loaded = load_policy(args.policy.as_deref(), lang);
    let request = match request(&args, Arc::new(loaded.enforced)) {
        Ok(r) => r,
        Err(notice) => {
            eprintln!("tls-doctor: {}", explain::notice(&notice, lang));
            return ExitCode::from(EXIT_CANNOT_DIAGNOSE);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("tls-doctor: {}", explain::notice(&Notice::Internal { detail: e.to_string() }, lang));
            return ExitCode::from(EXIT_CANNOT_DIAGNOSE);
        }
    };
    let evidence = runtime.block_on(probe::gather(&request));
    // Not dropped: a runtime's drop waits for its blocking threads, and a getaddrinfo that a
    // silent nameserver holds (5 s a try, two tries, each nameserver in turn) would keep the
    // process past its deadline long after the lookup was given up. The answer is in hand.
    runtime.shutdown_background();
    let diagnosis = diagnose(&evidence, evidence.measured_at, &OrgSettings::default());

    let text = if args.json {
        match serde_json::to_string_pretty(&diagnosis) {
            Ok(json) => json + "\n",
            Err(e) => {
                eprintln!("tls-doctor: {}", explain::notice(&Notice::Internal { detail: e.to_string() }, lang));
                return ExitCode::from(EXIT_CANNOT_DIAGNOSE);
            }
        }
    } else {
        explain::text::render(&explain::explain(&diagnosis, lang, &SystemZone), terminal_width())
    };
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    if evidence.refusal.is_some() {
        // Not checked: neither healthy nor a problem found.
        return ExitCode::from(EXIT_CANNOT_DIAGNOSE);
    }
    ExitCode::from(if diagnosis.healthy() { EXIT_HEALTHY } else { EXIT_PROBLEMS })
}

/// `tls-doctor cert`: the same exit codes as `check` (0 healthy, 1 problems, 2 bad input).
fn cert(args: &CertArgs) -> ExitCode {
    let lang = lang_of(args.lang);
    let fail = |notice: &Notice| {
        eprintln!("tls-doctor: {}", explain::notice(notice, lang));
        ExitCode::from(EXIT_CANNOT_DIAGNOSE)
    };
    let loaded = load_policy(None, lang);
    // A message in the report's language: the files' problems, or a CA file's (a notice).
    let read = || -> Result<_, String> {
        let bad = |e: cert_files::BadInput| e.message(lang);
        let (chain, embedded) = cert_files::read_chain(&args.files).map_err(bad)?;
        // `--key`, else a key a certificate file holds (a combined PEM).
        let key = match &args.key {
            Some(path) => Some((path.clone(), cert_files::read_key(path).map_err(bad)?)),
            None => embedded,
        };
        let key = match (key, chain.first()) {
            (Some((path, key)), Some(leaf)) => Some(cert_files::key_check(&path, &key, leaf).map_err(bad)?),
            _ => None,
        };
        let name = args.name.as_deref().map(cert_files::parse_name).transpose().map_err(bad)?;
        let at = args.at.as_deref().map(cert_files::parse_at).transpose().map_err(bad)?;
        let custom = args.ca_file.as_deref().map(read_ca_file).transpose().map_err(|n| explain::notice(&n, lang))?;
        let opts = cert_files::Options {
            name,
            at: at.unwrap_or_else(std::time::SystemTime::now),
            fetch: !args.offline,
            port: args.port,
            system_roots: !args.no_system_roots,
            custom: custom.map(Arc::new),
            policy: Arc::new(loaded.enforced),
        };
        Ok((chain, key, opts))
    };
    let (chain, key, opts) = match read() {
        Ok(r) => r,
        Err(message) => {
            eprintln!("tls-doctor: {message}");
            return ExitCode::from(EXIT_CANNOT_DIAGNOSE);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return fail(&Notice::Internal { detail: e.to_string() }),
    };
    let paths = args.files.iter().map(|p| p.display().to_string()).collect();
    let evidence = runtime.block_on(cert_files::evidence(paths, chain, key, &opts));
    runtime.shutdown_background();
    let diagnosis = diagnose(&evidence, evidence.measured_at, &OrgSettings::default());
    let text = if args.json {
        match serde_json::to_string_pretty(&diagnosis) {
            Ok(json) => json + "\n",
            Err(e) => return fail(&Notice::Internal { detail: e.to_string() }),
        }
    } else {
        explain::text::render(&explain::explain(&diagnosis, lang, &SystemZone), terminal_width())
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::from(if diagnosis.healthy() { EXIT_HEALTHY } else { EXIT_PROBLEMS })
}

fn request(args: &CheckArgs, policy: Arc<crate::policy::Enforced>) -> Result<Request, Notice> {
    let target = target::parse(&args.target)?;
    let address = match &args.address {
        None => None,
        Some(text) => Some(
            text.trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<IpAddr>()
                .map_err(|_| Notice::BadAddress { input: text.clone() })?,
        ),
    };
    let sni = match (&args.sni, args.no_sni) {
        (_, true) => SniChoice::Off,
        (Some(name), false) => {
            SniChoice::Name(target::normalise_name(name).ok_or_else(|| Notice::BadSni { input: name.clone() })?)
        }
        (None, false) => SniChoice::Target,
    };
    let timeout = match &args.timeout {
        None => DEFAULT_TIMEOUT_SECS,
        Some(text) => text
            .parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s > 0.0 && *s <= MAX_TIMEOUT_SECS)
            .ok_or_else(|| Notice::BadTimeout { input: text.clone() })?,
    };
    let custom = match &args.ca_file {
        None => None,
        Some(path) => Some(Arc::new(read_ca_file(path)?)),
    };
    let starttls = match (&args.starttls, args.no_starttls) {
        (_, true) => None,
        (Some(name), false) => {
            Some(StarttlsProtocol::parse(name).ok_or_else(|| Notice::BadStarttls { input: name.clone() })?)
        }
        (None, false) => StarttlsProtocol::by_port(target.port),
    };
    let local = if args.no_local_probes {
        LocalProbeConfig::off()
    } else {
        let options = LocalProbeOptions {
            ntp_servers: (!args.ntp_server.is_empty()).then(|| args.ntp_server.clone()),
            portal_url: args.portal_url.clone(),
            canary: args.canary.clone(),
        };
        LocalProbeConfig::from_options(&options).map_err(|e| Notice::BadTarget { input: e.input, reason: e.reason })?
    };
    Ok(Request {
        target,
        addresses: address.into_iter().collect(),
        sni,
        custom,
        timeout: Duration::from_secs_f64(timeout),
        starttls,
        local,
        policy,
    })
}
