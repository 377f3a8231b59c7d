//! `tls-doctor-lab demo [--lang ja|en] [--bin PATH]`: start every broken server and show what
//! `tls-doctor` says about each.
//!
//! `tls-doctor-lab serve`: start every broken server, print one JSON line per case
//! (`{"name":…,"expected":…,"args":[…]}`) and then `{"listed":N}`, and keep serving until
//! standard input closes.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use tls_doctor_lab::binary::{self, find_tls_doctor_bin};
use tls_doctor_lab::{Lab, LabError};

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
        writeln!(out, "\n=== {}: {} (expect {}) ===", case.name, case.description, case.expected)?;
        let human = binary::run(&bin, case, &human_extra)?;
        out.write_all(human.stdout.as_bytes())?;
        if !human.stderr.is_empty() {
            writeln!(out, "[stderr] {}", human.stderr.trim_end())?;
        }
        let primary = match binary::run_json(&bin, case) {
            Ok(run) => run.primary().unwrap_or("(no finding)").to_owned(),
            Err(e) => format!("(no JSON: {})", e.to_string().lines().next().unwrap_or_default()),
        };
        if primary != case.expected {
            writeln!(out, "!!! {}: expected {}, got {primary}", case.name, case.expected)?;
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

fn serve() -> Result<ExitCode, LabError> {
    let lab = start_lab()?;
    let mut out = std::io::stdout().lock();
    for case in lab.cases() {
        let line = serde_json::json!({ "name": case.name, "expected": case.expected, "args": case.args() });
        writeln!(out, "{line}")?;
    }
    // The end of the list, so a reader need not guess which case comes last.
    writeln!(out, "{}", serde_json::json!({ "listed": lab.cases().len() }))?;
    out.flush()?;
    drop(out);
    // Whoever started us decides when we stop, by closing our standard input.
    let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
    drop(lab);
    Ok(ExitCode::SUCCESS)
}
