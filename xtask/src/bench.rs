//! `cargo xtask bench`: a full diagnosis of lab cases by `tls-doctor`, side by side in one run
//! with `sslyze --certinfo --tlsv1_2 --tlsv1_3` and one `openssl s_client` handshake against
//! the same servers. Reports the median wall time and the peak RSS of each (GNU time's `%M`,
//! from the kernel's rusage), and writes the table to `target/bench.md`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Instant;

use crate::setup::{self, Needs};
use crate::{Result, cargo, target_dir};

/// The cases measured: a healthy server, a date problem, and the case that needs an extra
/// fetch (AIA), which is the slowest path.
const CASES: &[&str] = &["ok", "expired", "incomplete-chain"];

struct Target {
    expected: String,
    host: String,
    port: String,
    address: String,
    ca_file: String,
    args: Vec<String>,
}

struct Sample {
    median_ms: f64,
    peak_rss_kb: u64,
}

pub fn run(args: &[String]) -> Result {
    let quick = args.iter().any(|a| a == "--quick");
    setup::ensure(Needs { servers: true, bench: true, ..Needs::default() })?;
    cargo(&["build", "--release", "--quiet", "-p", "tls-doctor", "-p", "tls-doctor-lab"])?;
    let release = target_dir().join("release");
    let tls_doctor = release.join("tls-doctor");

    let mut lab = Command::new(release.join("tls-doctor-lab"))
        .arg("serve")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the lab: {e}"))?;
    let targets = read_targets(&mut lab)?;

    let (ours_n, others_n, sslyze_n) = if quick { (5, 5, 1) } else { (31, 31, 5) };
    let mut rows = Vec::new();
    for name in CASES {
        let t = targets.get(*name).ok_or_else(|| format!("the lab has no case {name}"))?;
        let mut ours_args = t.args.clone();
        ours_args.push("--json".into());
        let ours = measure(
            ours_n,
            || {
                let mut c = Command::new(&tls_doctor);
                c.args(&ours_args);
                c
            },
            |out| {
                let v: serde_json::Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
                let got = v["findings"][0]["id"].as_str().unwrap_or_default();
                if got == t.expected { Ok(()) } else { Err(format!("expected {}, got {got}", t.expected)) }
            },
        )?;
        let openssl = measure(
            others_n,
            || {
                let mut c = Command::new("openssl");
                c.args(["s_client", "-connect", &format!("{}:{}", t.address, t.port), "-servername", &t.host]);
                c.args(["-CAfile", &t.ca_file, "-brief"]);
                c
            },
            |out| contains(out, "CONNECTION ESTABLISHED"),
        )?;
        let sslyze = measure(
            sslyze_n,
            || {
                let mut c = Command::new(setup::sslyze_python());
                c.args(["-m", "sslyze", "--certinfo", "--tlsv1_2", "--tlsv1_3", "--certinfo_ca_file", &t.ca_file]);
                c.arg(format!("{}:{}{{{}}}", t.host, t.port, t.address));
                c
            },
            |out| contains(out, "Certificates Information:").and_then(|()| contains(out, "SCANS COMPLETED")),
        )?;
        rows.push((*name, ours, sslyze, openssl));
    }
    drop(lab.stdin.take());
    let _ = lab.wait();

    let table = render(&rows, ours_n, sslyze_n);
    println!("{table}");
    let out = target_dir().join("bench.md");
    std::fs::write(&out, &table).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("xtask: written to {}", out.display());
    Ok(())
}

/// The lab prints one JSON line per case; read until every measured case is known.
fn read_targets(lab: &mut Child) -> Result<BTreeMap<String, Target>> {
    let stdout = lab.stdout.take().ok_or("the lab has no stdout")?;
    let mut targets = BTreeMap::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| e.to_string())?;
        let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| format!("lab said {line:?}: {e}"))?;
        let (Some(name), Some(args)) = (v["name"].as_str(), v["args"].as_array()) else { continue };
        let args: Vec<String> = args.iter().filter_map(|a| a.as_str().map(str::to_owned)).collect();
        if let Some(t) = target_of(&args, v["expected"].as_str().unwrap_or_default()) {
            targets.insert(name.to_owned(), t);
        }
        if CASES.iter().all(|c| targets.contains_key(*c)) {
            return Ok(targets);
        }
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
        args: args.to_vec(),
    })
}

/// Runs the command once to check that it really did the work (a tool that fails fast would
/// look fast), then `n` times under GNU time: the median wall time and the highest peak RSS.
fn measure(n: usize, make: impl Fn() -> Command, check: impl Fn(&Output) -> Result) -> Result<Sample> {
    let out = make().stdin(Stdio::null()).output().map_err(|e| e.to_string())?;
    check(&out).map_err(|e| format!("{:?} did not do the work: {e}", make().get_program()))?;
    let rss_file = target_dir().join("bench-rss.txt");
    let mut times = Vec::with_capacity(n);
    let mut peak = 0;
    for _ in 0..n {
        let inner = make();
        let mut cmd = Command::new("/usr/bin/time");
        cmd.arg("-o").arg(&rss_file).args(["-f", "%M"]).arg(inner.get_program()).args(inner.get_args());
        cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        let started = Instant::now();
        let status = cmd.status().map_err(|e| format!("{:?}: {e}", inner.get_program()))?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        // tls-doctor exits 1 for a broken server: only failing to run at all is an error.
        if status.code().is_none() {
            return Err(format!("{:?} was killed", inner.get_program()));
        }
        peak = peak.max(read_rss(&rss_file));
    }
    times.sort_by(f64::total_cmp);
    Ok(Sample { median_ms: times[times.len() / 2], peak_rss_kb: peak })
}

fn contains(out: &Output, needle: &str) -> Result {
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if text.contains(needle) { Ok(()) } else { Err(format!("no {needle:?} in its output")) }
}

fn read_rss(path: &Path) -> u64 {
    std::fs::read_to_string(path).ok().and_then(|s| s.lines().rev().find_map(|l| l.trim().parse().ok())).unwrap_or(0)
}

fn render(rows: &[(&str, Sample, Sample, Sample)], ours_n: usize, sslyze_n: usize) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "Median wall time of one process run (tls-doctor ×{ours_n}, openssl ×{ours_n}, sslyze ×{sslyze_n}); peak RSS from rusage.\n\n"
    ));
    out.push_str("| case | tls-doctor check | openssl s_client (1 handshake) | sslyze --certinfo --tlsv1_2 --tlsv1_3 | sslyze ÷ tls-doctor | peak RSS tls-doctor | peak RSS sslyze |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|\n");
    for (name, ours, sslyze, openssl) in rows {
        out.push_str(&format!(
            "| {name} | {:.1} ms | {:.1} ms | {:.0} ms | {:.0}× | {:.1} MB | {:.1} MB |\n",
            ours.median_ms,
            openssl.median_ms,
            sslyze.median_ms,
            sslyze.median_ms / ours.median_ms,
            ours.peak_rss_kb as f64 / 1024.0,
            sslyze.peak_rss_kb as f64 / 1024.0,
        ));
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
