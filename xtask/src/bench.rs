//! `cargo xtask bench`: a full diagnosis of lab cases by `tls-doctor`, side by side in one run
//! with the tools admins use for the same question, against the same servers:
//! `openssl s_client` (one handshake: the floor), `sslyze --certinfo --tlsv1_2 --tlsv1_3`,
//! `sslyze --certinfo --sslv2 --sslv3 --tlsv1 --tlsv1_1 --tlsv1_2 --tlsv1_3` and
//! `testssl.sh -p`. For each: the median wall time, the peak RSS (GNU time's `%M`, from the
//! kernel's rusage), and how many connections one run opens to the server (counted by a
//! forwarding proxy in a separate run, so the timing runs go direct). The table is written to
//! `target/bench.md`.
//!
//! `--mail` measures only `tls-doctor mail` of the lab's mail address, beside the same servers
//! checked one by one; `--quick` makes every median one of three runs.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use crate::setup::{self, Needs};
use crate::{Result, cargo, target_dir};

/// The cases measured: a healthy server, a date problem, the case that needs an extra fetch
/// (AIA), and an old TLS 1.0-only device when the lab has one.
const CASES: &[&str] = &["ok", "expired", "incomplete-chain"];
const OPTIONAL_CASES: &[&str] = &[
    "nginx-tls10-only",
    // Mail (Postfix and Dovecot from Debian): STARTTLS and implicit TLS.
    "postfix-submission-good",
    "postfix-submission-expired",
    "dovecot-imap-good",
    "dovecot-imaps-good",
];

struct Target {
    expected: String,
    host: String,
    port: String,
    address: String,
    ca_file: String,
    /// `--starttls PROTO` of the case: every tool is told to upgrade the same way.
    starttls: Option<String>,
}

/// The lab's cases by name.
type Targets = BTreeMap<String, Target>;

struct Sample {
    median_ms: f64,
    peak_rss_kb: u64,
    connections: usize,
}

/// How to run a tool against a target at a port.
type MakeCommand = Box<dyn Fn(&Target, &str) -> Command>;
/// How to tell from its output that a tool did the work.
type CheckOutput = Box<dyn Fn(&Output, &Target) -> Result>;

/// A tool measured.
struct Tool {
    name: &'static str,
    runs: usize,
    command: MakeCommand,
    check: CheckOutput,
}

pub fn run(args: &[String]) -> Result {
    let quick = args.iter().any(|a| a == "--quick");
    let mail_only = args.iter().any(|a| a == "--mail");
    setup::ensure(Needs { servers: true, bench: true, ..Needs::default() })?;
    cargo(&["build", "--release", "--quiet", "-p", "tls-doctor", "-p", "tls-doctor-lab"])?;
    let release = target_dir().join("release");

    let mut lab = Command::new(release.join("tls-doctor-lab"))
        .arg("serve")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the lab: {e}"))?;
    let (targets, mail_args) = read_targets(&mut lab)?;

    let tools = tools(release.join("tls-doctor"), quick);
    let mut rows = Vec::new();
    for name in CASES.iter().chain(OPTIONAL_CASES).filter(|_| !mail_only) {
        let Some(t) = targets.get(*name) else { continue };
        let mut samples = Vec::new();
        for tool in &tools {
            eprintln!("xtask: {name}: {}", tool.name);
            samples.push(measure(tool, t)?);
        }
        rows.push((*name, samples));
    }
    let mail = match &mail_args {
        Some(args) => Some(measure_mail(&release.join("tls-doctor"), args, if quick { 3 } else { 31 })?),
        None => None,
    };
    drop(lab.stdin.take());
    let _ = lab.wait();

    let mut table = render(&tools, &rows);
    if let Some(m) = mail {
        table.push_str(&format!(
            "\n`tls-doctor mail user@mail-good.lab.test` (SRV discovery from a lab DNS server, then {} \
             servers checked at once: Postfix submission and smtps, Dovecot IMAP, IMAPS, POP3 and POP3S): \
             median {:.1} ms per process run; the report's own `elapsed_ms` {} ms. The same servers \
             checked one by one (`tls-doctor check`, one process after the other, no discovery): \
             median {:.1} ms ({:.1}×).\n",
            m.servers,
            m.median_ms,
            m.elapsed_ms,
            m.one_by_one_ms,
            m.one_by_one_ms / m.median_ms
        ));
    }
    println!("{table}");
    let out = target_dir().join("bench.md");
    std::fs::write(&out, &table).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("xtask: written to {}", out.display());
    Ok(())
}

fn tools(tls_doctor: PathBuf, quick: bool) -> Vec<Tool> {
    let runs = |full: usize| if quick { full.clamp(1, 3) } else { full };
    let sslyze = |name: &'static str, versions: &'static [&'static str], n: usize| Tool {
        name,
        runs: runs(n),
        command: Box::new(move |t, port| {
            let mut c = Command::new(setup::sslyze_python());
            c.args(["-m", "sslyze", "--certinfo"]).args(versions).args(["--certinfo_ca_file", &t.ca_file]);
            if let Some(proto) = &t.starttls {
                c.args(["--starttls", proto]);
            }
            c.arg(format!("{}:{port}{{{}}}", t.host, t.address));
            c
        }),
        check: Box::new(|out, _| {
            contains(out, "Certificates Information:").and_then(|()| contains(out, "SCANS COMPLETED"))
        }),
    };
    vec![
        Tool {
            name: "tls-doctor check",
            runs: runs(31),
            command: Box::new(move |t, port| {
                let mut c = Command::new(&tls_doctor);
                c.args([
                    "check",
                    &format!("{}:{port}", t.host),
                    "--address",
                    &t.address,
                    "--ca-file",
                    &t.ca_file,
                    "--json",
                    // The server's own checks, as the other tools make: no SNTP, portal or
                    // canary (which would leave the loopback).
                    "--no-local-probes",
                ]);
                match &t.starttls {
                    Some(proto) => c.args(["--starttls", proto]),
                    None => c.arg("--no-starttls"),
                };
                c
            }),
            check: Box::new(|out, t| {
                let v: serde_json::Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
                let got = v["findings"][0]["id"].as_str().unwrap_or_default();
                if got == t.expected { Ok(()) } else { Err(format!("expected {}, got {got}", t.expected)) }
            }),
        },
        Tool {
            name: "openssl s_client (1 handshake)",
            runs: runs(31),
            command: Box::new(|t, port| {
                let mut c = Command::new("openssl");
                c.args(["s_client", "-connect", &format!("{}:{port}", t.address), "-servername", &t.host]);
                c.args(["-CAfile", &t.ca_file, "-brief"]);
                if let Some(proto) = &t.starttls {
                    c.args(["-starttls", proto]);
                }
                c
            }),
            // Old servers and OpenSSL 3's defaults refuse each other (an alert, or OpenSSL's own
            // "legacy sigalg disallowed" after the ServerKeyExchange): a refusal is an answer too.
            check: Box::new(|out, _| {
                contains(out, "CONNECTION ESTABLISHED")
                    .or_else(|_| contains(out, "alert"))
                    .or_else(|_| contains(out, "SSL routines"))
            }),
        },
        sslyze("sslyze --certinfo --tlsv1_2 --tlsv1_3", &["--tlsv1_2", "--tlsv1_3"], 5),
        sslyze(
            "sslyze --certinfo --sslv2 … --tlsv1_3",
            &["--sslv2", "--sslv3", "--tlsv1", "--tlsv1_1", "--tlsv1_2", "--tlsv1_3"],
            5,
        ),
        Tool {
            name: "testssl.sh -p",
            runs: runs(3),
            command: Box::new(|t, port| {
                let mut c = Command::new("testssl"); // Debian names the program `testssl`
                c.args(["--quiet", "--color", "0", "--warnings", "off", "--nodns", "none", "--ip", &t.address, "-p"]);
                if let Some(proto) = &t.starttls {
                    c.args(["--starttls", proto]);
                }
                c.arg(format!("{}:{port}", t.host));
                c
            }),
            check: Box::new(|out, _| contains(out, "Testing protocols").and_then(|()| contains(out, "Done"))),
        },
    ]
}

/// What `tls-doctor mail` was measured to take.
struct MailTimes {
    /// Median wall time of one `tls-doctor mail` process.
    median_ms: f64,
    servers: usize,
    /// The last report's own `elapsed_ms`.
    elapsed_ms: u64,
    /// Median wall time of checking the same servers one by one, one `tls-doctor check`
    /// process after the other (at the addresses the report gives: no discovery).
    one_by_one_ms: f64,
}

/// `tls-doctor mail …` `runs` times, then the servers its last report checked one by one with
/// `tls-doctor check`, `runs` times.
fn measure_mail(bin: &Path, args: &[String], runs: usize) -> Result<MailTimes> {
    let mut times = Vec::with_capacity(runs);
    let mut last = serde_json::Value::Null;
    for _ in 0..runs {
        let started = Instant::now();
        let out =
            Command::new(bin).args(args).arg("--json").stdin(Stdio::null()).output().map_err(|e| e.to_string())?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        last = serde_json::from_slice(&out.stdout).map_err(|e| format!("tls-doctor mail: {e}"))?;
    }
    if last["recommended"]["verdict"] != "safe" {
        return Err(format!("tls-doctor mail found no safe settings in the lab: {}", last["recommended"]));
    }
    let checks = one_by_one(&last, args)?;
    let mut sequential = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        for (check, expected) in &checks {
            let out = Command::new(bin).args(check).stdin(Stdio::null()).output().map_err(|e| e.to_string())?;
            let v: serde_json::Value =
                serde_json::from_slice(&out.stdout).map_err(|e| format!("tls-doctor {}: {e}", check.join(" ")))?;
            let got = &v["findings"][0]["id"];
            if got != expected {
                return Err(format!("tls-doctor {}: {got}, where mail said {expected}", check.join(" ")));
            }
        }
        sequential.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(MailTimes {
        median_ms: median(times),
        servers: checks.len(),
        elapsed_ms: last["elapsed_ms"].as_u64().unwrap_or(0),
        one_by_one_ms: median(sequential),
    })
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The `tls-doctor check` arguments of each server of a mail `report`: its name and port, the
/// address its primary handshake connected to, the STARTTLS protocol of its role, the mail command's
/// `--ca-file`, and no local probes (as the mail command in the lab); each with the primary
/// finding the mail report gave that server.
fn one_by_one(report: &serde_json::Value, mail_args: &[String]) -> Result<Vec<(Vec<String>, serde_json::Value)>> {
    let ca_file = mail_args
        .iter()
        .position(|a| a == "--ca-file")
        .and_then(|i| mail_args.get(i + 1))
        .ok_or("the lab's mail arguments have no --ca-file")?;
    let servers = report["servers"].as_array().ok_or("the mail report has no servers")?;
    servers
        .iter()
        .map(|s| {
            let text = |v: &serde_json::Value| v.as_str().map(str::to_owned);
            let host = text(&s["host"]).ok_or("a server without a host")?;
            let port = s["port"].as_u64().ok_or("a server without a port")?;
            // The address the primary handshake connected to (the lab's name has several).
            let tcp = s["diagnosis"]["evidence"]["handshakes"][0]["tcp"].as_array().cloned().unwrap_or_default();
            let address = tcp
                .iter()
                .find(|t| t["outcome"] == "connected")
                .and_then(|t| text(&t["address"]))
                .ok_or_else(|| format!("{host}:{port}: the report gives no connected address"))?;
            let starttls = match (s["security"].as_str(), s["role"].as_str()) {
                (Some("starttls"), Some("outgoing" | "relay_mx")) => vec!["--starttls".into(), "smtp".into()],
                (Some("starttls"), Some("incoming_imap")) => vec!["--starttls".into(), "imap".into()],
                (Some("starttls"), Some("incoming_pop3")) => vec!["--starttls".into(), "pop3".into()],
                (Some("tls"), _) => vec!["--no-starttls".into()],
                other => return Err(format!("{host}:{port}: unexpected security and role {other:?}")),
            };
            let mut args: Vec<String> = vec!["check".into(), format!("{host}:{port}"), "--address".into(), address];
            args.extend(["--ca-file".into(), ca_file.clone(), "--json".into(), "--no-local-probes".into()]);
            args.extend(starttls);
            // The check must find what the mail report found for that server.
            Ok((args, s["diagnosis"]["findings"][0]["id"].clone()))
        })
        .collect()
}

/// The lab prints one JSON line per case; read until every measured case is known. Also the
/// arguments of the mail-address case, when the lab has its mail servers.
fn read_targets(lab: &mut Child) -> Result<(Targets, Option<Vec<String>>)> {
    let stdout = lab.stdout.take().ok_or("the lab has no stdout")?;
    let mut targets = BTreeMap::new();
    let mut mail_args = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| e.to_string())?;
        let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| format!("lab said {line:?}: {e}"))?;
        if v.get("listed").is_some() {
            break;
        }
        let (Some(name), Some(args)) = (v["name"].as_str(), v["args"].as_array()) else { continue };
        let args: Vec<String> = args.iter().filter_map(|a| a.as_str().map(str::to_owned)).collect();
        if args.first().is_some_and(|a| a == "mail") {
            mail_args = Some(args);
            continue;
        }
        if let Some(t) = target_of(&args, v["expected"].as_str().unwrap_or_default()) {
            targets.insert(name.to_owned(), t);
        }
    }
    if CASES.iter().all(|c| targets.contains_key(*c)) {
        return Ok((targets, mail_args));
    }
    Err("the lab stopped before listing its cases".into())
}

/// `check HOST:PORT --address IP --ca-file PEM …` → its parts.
fn target_of(args: &[String], expected: &str) -> Option<Target> {
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let (host, port) = args.get(1)?.rsplit_once(':')?;
    Some(Target {
        expected: expected.to_owned(),
        host: host.to_owned(),
        port: port.to_owned(),
        address: value("--address")?,
        ca_file: value("--ca-file")?,
        starttls: value("--starttls"),
    })
}

/// Checks that the tool really did the work (a tool that fails fast would look fast), counts
/// its connections in one run through a counting forwarder, then runs it `tool.runs` times
/// direct under GNU time: the median wall time and the highest peak RSS.
fn measure(tool: &Tool, t: &Target) -> Result<Sample> {
    let out = (tool.command)(t, &t.port).stdin(Stdio::null()).output().map_err(|e| e.to_string())?;
    (tool.check)(&out, t).map_err(|e| format!("{} did not do the work: {e}", tool.name))?;

    let target: SocketAddr = format!("{}:{}", t.address, t.port).parse().map_err(|e| format!("{e}"))?;
    let counter = Counter::start(target)?;
    let _ = (tool.command)(t, &counter.port.to_string()).stdin(Stdio::null()).output();
    let connections = counter.count();

    let rss_file = target_dir().join("bench-rss.txt");
    let mut times = Vec::with_capacity(tool.runs);
    let mut peak = 0;
    for _ in 0..tool.runs {
        let inner = (tool.command)(t, &t.port);
        let mut cmd = Command::new("/usr/bin/time");
        cmd.arg("-o").arg(&rss_file).args(["-f", "%M"]).arg(inner.get_program()).args(inner.get_args());
        cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        let started = Instant::now();
        let status = cmd.status().map_err(|e| format!("{}: {e}", tool.name))?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        // tls-doctor exits 1 for a broken server: only failing to run at all is an error.
        if status.code().is_none() {
            return Err(format!("{} was killed", tool.name));
        }
        peak = peak.max(read_rss(&rss_file));
    }
    times.sort_by(f64::total_cmp);
    Ok(Sample { median_ms: times[times.len() / 2], peak_rss_kb: peak, connections })
}

/// A loopback TCP forwarder that counts the connections made through it.
struct Counter {
    port: u16,
    accepted: Arc<AtomicUsize>,
}

impl Counter {
    fn start(target: SocketAddr) -> Result<Counter> {
        // On the server's own address: a tool told `--address 127.0.0.11` connects there.
        let listener = TcpListener::bind((target.ip(), 0)).map_err(|e| e.to_string())?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let accepted = Arc::new(AtomicUsize::new(0));
        let seen = accepted.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                seen.fetch_add(1, Ordering::SeqCst);
                let Ok(server) = TcpStream::connect(target) else { continue };
                pipe(&client, &server);
                pipe(&server, &client);
            }
        });
        Ok(Counter { port, accepted })
    }

    fn count(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }
}

/// Copies `from` to `to` on a thread until EOF, then half-closes `to`.
fn pipe(from: &TcpStream, to: &TcpStream) {
    let (Ok(mut from), Ok(mut to)) = (from.try_clone(), to.try_clone()) else { return };
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut from, &mut to);
        let _ = to.shutdown(std::net::Shutdown::Write);
    });
}

fn contains(out: &Output, needle: &str) -> Result {
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if text.contains(needle) { Ok(()) } else { Err(format!("no {needle:?} in its output")) }
}

fn read_rss(path: &Path) -> u64 {
    std::fs::read_to_string(path).ok().and_then(|s| s.lines().rev().find_map(|l| l.trim().parse().ok())).unwrap_or(0)
}

fn render(tools: &[Tool], rows: &[(&str, Vec<Sample>)]) -> String {
    let mut out = String::new();
    out.push_str(
        "Median wall time of one process run; peak RSS from rusage; connections to the server in one run.\n\n",
    );
    out.push_str("| case | tool | runs | median | ÷ tls-doctor | peak RSS | connections |\n");
    out.push_str("|---|---|---:|---:|---:|---:|---:|\n");
    for (name, samples) in rows {
        let ours = samples.first().map_or(1.0, |s| s.median_ms);
        for (tool, s) in tools.iter().zip(samples) {
            out.push_str(&format!(
                "| {name} | {} | {} | {:.1} ms | {:.1}× | {:.1} MB | {} |\n",
                tool.name,
                tool.runs,
                s.median_ms,
                s.median_ms / ours,
                s.peak_rss_kb as f64 / 1024.0,
                s.connections
            ));
        }
    }
    out.push_str(&format!(
        "\nHost: {} cores; {}\n",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        uname()
    ));
    out
}

fn uname() -> String {
    Command::new("uname")
        .arg("-srm")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}
