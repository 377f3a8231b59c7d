//! `tls-doctor-lab demo [--lang ja|en] [--bin PATH]`: start every broken server and show what
//! `tls-doctor` says about each.
//!
//! `tls-doctor-lab serve`: start every broken server, print one JSON line for each (cases, the
//! mail address, re-signing proxies, SNTP servers, captive portals; the versioned schema is
//! `tls_doctor_lab::serve`'s), then `{"v":1,"kind":"end","listed":N}`, and keep serving until
//! standard input closes. Each case's `args` turn the local probes off
//! (`--no-local-probes`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use tls_doctor_lab::binary::{self, find_tls_doctor_bin};
use tls_doctor_lab::servers::dns::{DnsServer, Rec};
use tls_doctor_lab::{Lab, LabError, serve as listing};

const USAGE: &str = "usage: tls-doctor-lab demo [--lang ja|en] [--bin PATH]\n       tls-doctor-lab serve";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => parse_demo(&args[1..]).and_then(|options| demo(&options)),
        Some("serve") if args.len() == 1 => serve(),
        Some("-h" | "--help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => Err(LabError::new(USAGE)),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tls-doctor-lab: {e}");
            ExitCode::from(2)
        }
    }
}

struct DemoOptions {
    lang: Option<String>,
    bin: Option<PathBuf>,
}

fn parse_demo(args: &[String]) -> Result<DemoOptions, LabError> {
    let mut options = DemoOptions { lang: None, bin: None };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().cloned().ok_or_else(|| LabError::new(format!("{arg} needs a value\n{USAGE}")));
        match arg.as_str() {
            "--lang" => options.lang = Some(value()?),
            "--bin" => options.bin = Some(PathBuf::from(value()?)),
            _ => return Err(LabError::new(format!("unknown argument {arg}\n{USAGE}"))),
        }
    }
    Ok(options)
}

/// Starts the lab with the external servers where they are installed, saying so on one line
/// where they are not: a demo shows what it can.
fn start_lab() -> Result<Lab, LabError> {
    let mut lab = Lab::start()?;
    let added = [
        ("nginx", lab.add_nginx()),
        ("openssl", lab.add_openssl()),
        ("legacy", lab.add_legacy()),
        ("mail", lab.add_mail()),
    ];
    for (name, added) in added {
        if let Err(e) = added {
            eprintln!("tls-doctor-lab: without the {name} cases: {e}");
        }
    }
    Ok(lab)
}

fn demo(options: &DemoOptions) -> Result<ExitCode, LabError> {
    let bin = match &options.bin {
        Some(bin) => bin.clone(),
        None => find_tls_doctor_bin()?,
    };
    let lab = start_lab()?;
    let mut human_extra: Vec<&str> = Vec::new();
    if let Some(lang) = &options.lang {
        human_extra.extend(["--lang", lang.as_str()]);
    }

    let mut disagreements = Vec::new();
    let mut out = std::io::stdout().lock();
    for case in lab.cases() {
        writeln!(out, "\n=== {}: {} (expect {}) ===", case.name, case.description, case.expected.as_str())?;
        let human = binary::run(&bin, case, &human_extra)?;
        out.write_all(human.stdout.as_bytes())?;
        if !human.stderr.is_empty() {
            writeln!(out, "[stderr] {}", human.stderr.trim_end())?;
        }
        let primary = match binary::run_json(&bin, case) {
            Ok(run) => run.primary().unwrap_or("(no finding)").to_owned(),
            Err(e) => format!("(no JSON: {})", e.to_string().lines().next().unwrap_or_default()),
        };
        if primary != case.expected.as_str() {
            writeln!(out, "!!! {}: expected {}, got {primary}", case.name, case.expected.as_str())?;
            disagreements.push(format!("{} (got {primary})", case.name));
        }
        out.flush()?;
    }

    let total = lab.cases().len();
    let agreed = total - disagreements.len();
    if disagreements.is_empty() {
        writeln!(out, "\n{agreed}/{total} cases gave the expected primary finding")?;
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(out, "\n{agreed}/{total} cases gave the expected primary finding; not: {}", disagreements.join(", "))?;
        Ok(ExitCode::FAILURE)
    }
}

/// SRV records (RFC 6186, RFC 8314) for `mail-good.lab.test` pointing at the good mail cases,
/// served by a lab DNS server; `None` without the mail lab.
fn mail_domain(lab: &Lab) -> Result<Option<(DnsServer, String)>, LabError> {
    const SERVICES: [(&str, &str); 6] = [
        ("_submission._tcp", "postfix-submission-good"),
        ("_submissions._tcp", "postfix-smtps-good"),
        ("_imap._tcp", "dovecot-imap-good"),
        ("_imaps._tcp", "dovecot-imaps-good"),
        ("_pop3._tcp", "dovecot-pop3-good"),
        ("_pop3s._tcp", "dovecot-pop3s-good"),
    ];
    let mut records = Vec::new();
    let mut addresses = Vec::new();
    for (service, name) in SERVICES {
        let Some(case) = lab.case(name) else { return Ok(None) };
        records.push(Rec::Srv {
            name: format!("{service}.{}", case.host),
            priority: 0,
            weight: 1,
            port: case.port,
            target: case.host.to_owned(),
        });
        if let Some(std::net::IpAddr::V4(a)) = case.address {
            if !addresses.contains(&a) {
                addresses.push(a);
            }
        }
    }
    let host = lab.case(SERVICES[0].1).map(|c| c.host).unwrap_or_default();
    // Postfix and Dovecot listen on different loopback addresses: the name has both, and each
    // check tries them in turn.
    records.extend(addresses.into_iter().map(|address| Rec::A { name: host.to_owned(), address }));
    let dns = DnsServer::start("lab.test", &records)?;
    Ok(Some((dns, format!("user@{host}"))))
}

fn serve() -> Result<ExitCode, LabError> {
    let lab = start_lab()?;
    let mut out = std::io::stdout().lock();
    for case in lab.cases() {
        writeln!(out, "{}", listing::case(case))?;
    }
    // A mail domain whose SRV records name the good Postfix and Dovecot services, for
    // `tls-doctor mail` (the bench measures it).
    let mail_dns = mail_domain(&lab)?;
    if let Some((dns, email)) = &mail_dns {
        let ca_file = lab.ca_file().display().to_string();
        writeln!(out, "{}", listing::mail("mail-address-good", email, &dns.address().to_string(), &ca_file))?;
    }
    // The re-signing proxies: not cases, each its address, root and upstream.
    for proxy in lab.proxies() {
        writeln!(out, "{}", listing::proxy(proxy))?;
    }
    // The SNTP servers and captive portals for the local probes: not cases either.
    for server in lab.local_probe_servers() {
        writeln!(out, "{}", listing::local_probe_server(server))?;
    }
    // The end of the list, so a reader need not guess which case comes last.
    writeln!(out, "{}", listing::end(lab.cases().len() + usize::from(mail_dns.is_some())))?;
    out.flush()?;
    drop(out);
    // Whoever started us decides when we stop, by closing our standard input.
    let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
    drop(lab);
    Ok(ExitCode::SUCCESS)
}
