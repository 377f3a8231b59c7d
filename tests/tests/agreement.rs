//! Agreement with tools we did not write. For lab cases of every kind, `tls-doctor`'s verdicts on
//! protocol support and on the chain are compared with sslyze's JSON (`--json_out`) and
//! testssl.sh's JSON (`--jsonfile`, Debian's `testssl`). They must agree; where they cannot,
//! the difference is named here and in docs/BENCHMARKS.md, with the reason.
//!
//! sslyze comes from `target/tools/sslyze` (or `SSLYZE_PYTHON`) and testssl from Debian; both
//! are installed by `cargo xtask test`. A missing tool fails the test, it does not skip it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "test code")]

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;
use tls_doctor_lab::{Case, Lab, binary};

/// Cases of every kind: healthy, date, trust, missing intermediate, old protocols, weak and
/// unusual ciphers, on rustls, nginx, openssl and gnutls servers.
const CASES: &[&str] = &[
    "ok",
    "expired",
    "self-signed",
    "untrusted-root",
    "incomplete-chain",
    "nginx-incomplete-chain",
    "nginx-tls10-only",
    "nginx-legacy-enabled",
    "gnutls-rc4-3des",
    "openssl-static-rsa",
    "gnutls-ccm-only",
];

/// The versions compared. SSL 2.0 is left out: tls-doctor does not probe it (no client has
/// spoken it since 2011, RFC 6176), and no lab server offers it.
const VERSIONS: &[&str] = &["SSLv3", "TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3"];

fn lab() -> &'static Lab {
    static LAB: OnceLock<Lab> = OnceLock::new();
    LAB.get_or_init(|| {
        let mut lab = Lab::start().unwrap();
        lab.add_nginx().unwrap();
        lab.add_legacy().unwrap();
        lab
    })
}

fn sslyze_python() -> PathBuf {
    let path = std::env::var_os("SSLYZE_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/tools/sslyze/bin/python"));
    assert!(path.exists(), "sslyze is not installed at {}: `cargo xtask test` installs it", path.display());
    path
}

/// What one tool concluded about one server.
#[derive(Debug, PartialEq, Eq)]
struct Verdicts {
    versions: BTreeSet<&'static str>,
    /// The chain verifies against the lab's root (given to every tool as its CA file).
    chain_trusted: bool,
}

fn ours(case: &Case) -> (Verdicts, usize) {
    let run = binary::run_json(&tls_doctor_lab::tls_doctor_bin(), case).unwrap();
    let ev = &run.json["evidence"];
    let mut versions = BTreeSet::new();
    for probe in ev["versions"].as_array().into_iter().flatten() {
        // Accepted with one of the suites offered. (Servers refuse a version they do not speak
        // with all kinds of alerts, handshake_failure included, so a refusal says nothing.)
        if probe["outcome"] == "accepted" {
            versions.insert(version_name(probe["version"].as_str().unwrap()));
        }
    }
    let primary = &ev["handshakes"][0];
    if primary["tls"]["outcome"] == "established" {
        versions.insert(match primary["tls"]["version"].as_str() {
            Some("TLS 1.3") => "TLS1.3",
            _ => "TLS1.2",
        });
    }
    // The chain: the primary handshake's, or the legacy probe's when rustls got none.
    let (chain, trust) = match primary["chain"].as_array().filter(|c| !c.is_empty()) {
        Some(chain) => (chain.len(), &primary["trust"]),
        None => ev["versions"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["chain"].as_array().is_some_and(|c| !c.is_empty()))
            .map(|p| (p["chain"].as_array().unwrap().len(), &p["trust"]))
            .unwrap_or((0, &Value::Null)),
    };
    let chain_trusted =
        trust.as_array().into_iter().flatten().any(|s| s["store"] == "custom" && s["verdict"]["result"] == "trusted");
    (Verdicts { versions, chain_trusted }, chain)
}

fn version_name(wire: &str) -> &'static str {
    match wire {
        "ssl3" => "SSLv3",
        "tls1_0" => "TLS1.0",
        "tls1_1" => "TLS1.1",
        "tls1_2" => "TLS1.2",
        "tls1_3" => "TLS1.3",
        other => panic!("unknown version {other}"),
    }
}

fn sslyze(case: &Case, out: &std::path::Path) -> (Verdicts, usize) {
    let status = Command::new(sslyze_python())
        .args(["-m", "sslyze", "--certinfo", "--sslv3", "--tlsv1", "--tlsv1_1", "--tlsv1_2", "--tlsv1_3"])
        .arg("--certinfo_ca_file")
        .arg(&case.ca_file)
        .arg(format!("--json_out={}", out.display()))
        .arg(format!("{}:{}{{127.0.0.1}}", case.host, case.port))
        .output()
        .unwrap();
    assert!(status.status.success(), "{}: sslyze failed: {}", case.name, String::from_utf8_lossy(&status.stderr));
    let json: Value = serde_json::from_str(&small_numbers(&std::fs::read_to_string(out).unwrap())).unwrap();
    let result = &json["server_scan_results"][0]["scan_result"];
    let mut versions = BTreeSet::new();
    for (key, name) in [
        ("ssl_3_0_cipher_suites", "SSLv3"),
        ("tls_1_0_cipher_suites", "TLS1.0"),
        ("tls_1_1_cipher_suites", "TLS1.1"),
        ("tls_1_2_cipher_suites", "TLS1.2"),
        ("tls_1_3_cipher_suites", "TLS1.3"),
    ] {
        if result[key]["result"]["accepted_cipher_suites"].as_array().is_some_and(|a| !a.is_empty()) {
            versions.insert(name);
        }
    }
    let deployment = &result["certificate_info"]["result"]["certificate_deployments"][0];
    let chain_trusted = deployment["path_validation_results"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|p| p["trust_store"]["name"] == "Supplied CA file" && p["was_validation_successful"] == true);
    let chain = deployment["received_certificate_chain"].as_array().map_or(0, Vec::len);
    (Verdicts { versions, chain_trusted }, chain)
}

/// sslyze writes RSA moduli as JSON integers of hundreds of digits, which serde_json (without
/// its arbitrary-precision feature, which would change every crate's JSON) refuses; no field
/// read here is one of them, so long digit runs become 0.
fn small_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        out.push_str(if digits.len() > 18 { "0" } else { &digits });
        digits.clear();
        out.push(c);
    }
    out.push_str(if digits.len() > 18 { "0" } else { &digits });
    out
}

fn testssl(case: &Case, out: &std::path::Path) -> Verdicts {
    let _ = std::fs::remove_file(out);
    let run = Command::new("testssl")
        .args(["--quiet", "--color", "0", "--warnings", "off", "--nodns", "none", "--ip", "127.0.0.1"])
        .arg("--add-ca")
        .arg(&case.ca_file)
        .arg("--jsonfile")
        .arg(out)
        .args(["-p", "-S"])
        .arg(format!("{}:{}", case.host, case.port))
        .output()
        .unwrap_or_else(|e| {
            panic!("testssl (Debian package testssl.sh) is not installed: {e}; `cargo xtask test` installs it")
        });
    let text = std::fs::read_to_string(out)
        .unwrap_or_else(|_| panic!("{}: testssl wrote no JSON: {}", case.name, String::from_utf8_lossy(&run.stdout)));
    let json: Vec<Value> = serde_json::from_str(&text).unwrap();
    let finding = |id: &str| json.iter().find(|e| e["id"] == id).and_then(|e| e["finding"].as_str()).unwrap_or("");
    let mut versions = BTreeSet::new();
    for (id, name) in
        [("SSLv3", "SSLv3"), ("TLS1", "TLS1.0"), ("TLS1_1", "TLS1.1"), ("TLS1_2", "TLS1.2"), ("TLS1_3", "TLS1.3")]
    {
        if finding(id).starts_with("offered") {
            versions.insert(name);
        }
    }
    Verdicts { versions, chain_trusted: finding("cert_chain_of_trust").starts_with("passed") }
}

/// The known differences, each with its reason. Everything else must agree.
fn known_difference(case: &str, tool: &str, ours: &Verdicts, theirs: &Verdicts) -> Option<&'static str> {
    match (case, tool) {
        // Only AES-CCM suites: the scanners try every suite there is and find TLS 1.2 (and the
        // chain, from that handshake); tls-doctor offers what clients offer, finds nothing in
        // common (`no_cipher_overlap`, as browsers would), and so has no chain to judge.
        ("gnutls-ccm-only", _)
            if ours.versions.is_empty() && !ours.chain_trusted && theirs.versions.contains("TLS1.2") =>
        {
            Some("scanners try every suite; clients, and tls-doctor, offer none of AES-CCM")
        }
        _ => None,
    }
}

#[test]
fn tls_doctor_agrees_with_sslyze_and_testssl() {
    let lab = lab();
    let dir = lab.dir().to_path_buf();
    let mut disagreements = Vec::new();
    let mut accepted_differences = Vec::new();
    // testssl takes seconds per server: run two cases at a time.
    for pair in CASES.chunks(2) {
        let results: Vec<_> = std::thread::scope(|scope| {
            let handles: Vec<_> = pair
                .iter()
                .map(|name| {
                    let case = lab.case(name).unwrap_or_else(|| panic!("no lab case {name}"));
                    let dir = dir.clone();
                    scope.spawn(move || {
                        let (us, our_chain) = ours(case);
                        let (sy, their_chain) = sslyze(case, &dir.join(format!("sslyze-{name}.json")));
                        let ts = testssl(case, &dir.join(format!("testssl-{name}.json")));
                        (*name, us, our_chain, sy, their_chain, ts)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for (name, us, our_chain, sy, their_chain, ts) in results {
            let versions_of =
                |v: &Verdicts| v.versions.iter().filter(|x| VERSIONS.contains(x)).copied().collect::<Vec<_>>();
            for (tool, theirs) in [("sslyze", &sy), ("testssl", &ts)] {
                if us == *theirs {
                    continue;
                }
                match known_difference(name, tool, &us, theirs) {
                    Some(reason) => accepted_differences.push(format!("{name}/{tool}: {reason}")),
                    None => disagreements.push(format!(
                        "{name}: tls-doctor {:?} trusted={} vs {tool} {:?} trusted={}",
                        versions_of(&us),
                        us.chain_trusted,
                        versions_of(theirs),
                        theirs.chain_trusted
                    )),
                }
            }
            if our_chain != their_chain && name != "gnutls-ccm-only" {
                disagreements
                    .push(format!("{name}: served chain of {our_chain} certificates, sslyze saw {their_chain}"));
            }
        }
    }
    eprintln!("known differences: {accepted_differences:#?}");
    assert!(disagreements.is_empty(), "disagreements:\n{}", disagreements.join("\n"));
}
