//! The host's local probes (`evidence.client`): SNTP against the lab's SNTP servers, the
//! captive-portal check against the lab's portal, and the canary, each with the real
//! `tls-doctor` binary (build it first: `cargo build -p tls-doctor`, or point `TLS_DOCTOR_BIN`
//! at one). Nothing here leaves the machine: every probe not under test is turned off with an
//! empty value.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers too: a failure stops the test and says why")]

mod common;

use std::net::SocketAddr;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{case, lab};
use serde_json::Value;
use tls_doctor_lab::servers::sntp::{self, SntpMode};
use tls_doctor_lab::{Case, LocalProbeServer};

const DAY_MS: i64 = 86_400_000;

/// A runtime of the test's own for SNTP servers with offsets the lab does not list; they stop
/// when it is dropped.
fn own_sntp(mode: SntpMode) -> (tokio::runtime::Runtime, SocketAddr) {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let address = sntp::spawn(runtime.handle(), mode).unwrap();
    (runtime, address)
}

fn lab_sntp(name: &str) -> String {
    match lab().local_probe_server(name) {
        Some(LocalProbeServer::Sntp { address, .. }) => address.to_string(),
        other => panic!("no SNTP server {name}: {other:?}"),
    }
}

fn lab_portal(name: &str) -> String {
    match lab().local_probe_server(name) {
        Some(LocalProbeServer::Portal { url, .. }) => url.clone(),
        other => panic!("no portal {name}: {other:?}"),
    }
}

/// What one `tls-doctor check … --json` printed, and how long it took.
struct Checked {
    json: Value,
    elapsed: Duration,
    command: String,
}

impl Checked {
    fn client(&self) -> &Value {
        &self.json["evidence"]["client"]
    }

    fn primary(&self) -> &str {
        self.json["findings"][0]["id"].as_str().unwrap_or_default()
    }

    fn ids(&self) -> Vec<&str> {
        self.json["findings"].as_array().into_iter().flatten().filter_map(|f| f["id"].as_str()).collect()
    }

    fn context(&self) -> String {
        format!("{}\nclient: {:#}\nfindings: {:?}", self.command, self.client(), self.ids())
    }
}

/// Runs the case with its own arguments, client probes on, followed by `extra`.
fn check(case: &Case, extra: &[&str]) -> Checked {
    let bin = tls_doctor_lab::tls_doctor_bin();
    let mut args = case.args_with_local_probes();
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    args.push("--json".to_owned());
    let command = format!("{} {}", bin.display(), args.join(" "));
    let started = Instant::now();
    let out = Command::new(&bin).args(&args).output().unwrap();
    let elapsed = started.elapsed();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{command}: no JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    Checked { json, elapsed, command }
}

#[test]
fn the_lab_lists_its_sntp_servers_and_portals() {
    let names: Vec<&str> = lab().local_probe_servers().iter().map(LocalProbeServer::name).collect();
    assert_eq!(names, ["sntp-true", "sntp-kod", "portal", "portal-open"]);
    let sntp = lab().local_probe_server("sntp-true").unwrap().json();
    assert_eq!(sntp["sntp"], lab_sntp("sntp-true"));
    assert_eq!(sntp.as_object().unwrap().len(), 2, "{sntp}");
    assert!(sntp.get("args").is_none());
    let portal = lab().local_probe_server("portal").unwrap().json();
    let url = portal["portal_url"].as_str().unwrap();
    assert!(url.starts_with("http://127.0.0.1:") && url.ends_with("/generate_204"), "{url}");
}

#[test]
fn a_reference_clock_30_days_behind_is_measured_and_explains_the_expired_certificate() {
    // This machine then runs 30 days ahead of the reference, and the certificate that expired
    // 10 days ago was valid 30 days ago.
    let (_runtime, address) = own_sntp(SntpMode::Shifted { offset_ms: -30 * DAY_MS });
    let server = address.to_string();
    let run = check(case("expired"), &["--ntp-server", &server, "--portal-url", "", "--canary", ""]);
    let sample = &run.client()["sntp"][0];
    assert_eq!(sample["server"], server.as_str(), "{}", run.context());
    assert_eq!(sample["address"], "127.0.0.1", "{}", run.context());
    assert_eq!(sample["outcome"]["result"], "answered", "{}", run.context());
    let offset = sample["outcome"]["local_minus_reference_ms"].as_i64().unwrap();
    assert!((offset - 30 * DAY_MS).abs() <= 2_000, "{offset}\n{}", run.context());
    assert_eq!(sample["outcome"]["stratum"], 1);
    assert!(sample["outcome"]["rtt_ms"].as_u64().unwrap() < 1_000);
    assert_eq!(run.primary(), "clock_ahead", "{}", run.context());
    // Only what was asked for ran.
    assert!(run.client().get("portal").is_none() && run.client().get("canary").is_none(), "{}", run.context());
}

#[test]
fn an_expired_certificate_asks_the_true_time_which_agrees_with_this_machine() {
    let server = lab_sntp("sntp-true");
    let run = check(case("expired"), &["--ntp-server", &server, "--portal-url", "", "--canary", ""]);
    let sample = &run.client()["sntp"][0];
    assert_eq!(sample["outcome"]["result"], "answered", "{}", run.context());
    let offset = sample["outcome"]["local_minus_reference_ms"].as_i64().unwrap();
    assert!(offset.abs() <= 2_000, "{offset}\n{}", run.context());
    assert_eq!(run.primary(), "cert_expired", "{}", run.context());
}

#[test]
fn a_certificate_valid_now_asks_no_time_server() {
    // `ok` is valid, trusted (through the lab root, given as `--ca-file`) and for its name:
    // no probe is called for, not even the canary, though Mozilla does not know the lab root.
    let server = lab_sntp("sntp-true");
    let canary = format!("127.0.0.1:{}", case("untrusted-root").port);
    let run = check(case("ok"), &["--ntp-server", &server, "--portal-url", &lab_portal("portal"), "--canary", &canary]);
    assert!(run.json["evidence"].get("client").is_none(), "{}", run.context());
    assert_eq!(run.primary(), "ok");
}

#[test]
fn a_kiss_o_death_is_unsynchronised() {
    let server = lab_sntp("sntp-kod");
    let run = check(case("not-yet-valid"), &["--ntp-server", &server, "--portal-url", "", "--canary", ""]);
    let outcome = &run.client()["sntp"][0]["outcome"];
    assert_eq!(outcome["result"], "unsynchronised", "{}", run.context());
    assert_eq!(outcome["stratum"], 0);
    assert_eq!(run.primary(), "cert_not_yet_valid", "{}", run.context());
}

#[test]
fn a_silent_time_server_times_out_within_its_budget() {
    let silent = std::net::UdpSocket::bind(("127.0.0.1", 0)).unwrap();
    let server = silent.local_addr().unwrap().to_string();
    let run = check(case("expired"), &["--ntp-server", &server, "--portal-url", "", "--canary", ""]);
    let sample = &run.client()["sntp"][0];
    assert_eq!(sample["outcome"]["result"], "timed_out", "{}", run.context());
    let waited = sample["elapsed_ms"].as_u64().unwrap();
    assert!((1_400..=2_000).contains(&waited), "{waited}\n{}", run.context());
    // The rest of the check went on meanwhile.
    assert!(run.elapsed < Duration::from_secs(8), "{:?}\n{}", run.elapsed, run.context());
    assert_eq!(run.primary(), "cert_expired", "{}", run.context());
    drop(silent);
}

#[test]
fn a_captive_portal_redirects_the_check_url_to_its_login_page() {
    let url = lab_portal("portal");
    let run = check(case("wrong-host"), &["--portal-url", &url, "--ntp-server", "", "--canary", ""]);
    let portal = &run.client()["portal"];
    assert_eq!(portal["url"], url.as_str(), "{}", run.context());
    assert_eq!(portal["outcome"]["result"], "redirected", "{}", run.context());
    assert_eq!(portal["outcome"]["status"], 302);
    let login = url.replace("/generate_204", "/login");
    assert_eq!(portal["outcome"]["location"], login.as_str());
    assert_eq!(run.primary(), "captive_portal", "{}", run.context());
    assert!(run.client().get("sntp").is_none(), "{}", run.context());
}

#[test]
fn a_login_page_in_place_of_the_answer_is_replaced_with_its_title() {
    let login = lab_portal("portal").replace("/generate_204", "/login");
    let run = check(case("wrong-host"), &["--portal-url", &login, "--ntp-server", "", "--canary", ""]);
    let outcome = &run.client()["portal"]["outcome"];
    assert_eq!(outcome["result"], "replaced", "{}", run.context());
    assert_eq!(outcome["status"], 200);
    assert_eq!(outcome["title"], tls_doctor_lab::servers::portal::LOGIN_TITLE);
    assert_eq!(run.primary(), "captive_portal", "{}", run.context());
}

#[test]
fn an_open_network_answers_the_check_url_with_204() {
    let run =
        check(case("wrong-host"), &["--portal-url", &lab_portal("portal-open"), "--ntp-server", "", "--canary", ""]);
    assert_eq!(run.client()["portal"]["outcome"]["result"], "open", "{}", run.context());
    assert_eq!(run.primary(), "name_mismatch", "{}", run.context());
}

#[test]
fn a_portal_url_that_is_not_plain_http_fails() {
    let run = check(case("wrong-host"), &["--portal-url", "https://127.0.0.1:1/", "--ntp-server", "", "--canary", ""]);
    assert_eq!(run.client()["portal"]["outcome"]["result"], "failed", "{}", run.context());
}

#[test]
fn a_canary_from_the_same_unknown_issuer_tells_interception() {
    // The canary is the same server, reached by address: its chain comes from the same
    // untrusted issuer, as through a re-signing middlebox.
    let target = case("untrusted-root");
    let canary = format!("127.0.0.1:{}", target.port);
    let run = check(target, &["--canary", &canary, "--ntp-server", "", "--portal-url", ""]);
    let checked = &run.client()["canary"];
    assert_eq!((checked["host"].as_str(), checked["port"].as_u64()), (Some("127.0.0.1"), Some(u64::from(target.port))));
    let handshake = &checked["handshake"];
    assert!(!handshake["chain"].as_array().unwrap().is_empty(), "{}", run.context());
    let stores: Vec<&str> = handshake["trust"].as_array().unwrap().iter().filter_map(|s| s["store"].as_str()).collect();
    assert!(stores.contains(&"mozilla"), "{stores:?}");
    assert!(run.ids().contains(&"interception_unknown"), "{}", run.context());
}

#[test]
fn no_client_probes_leaves_no_client_key() {
    // `Case::args` carries `--no-local-probes`; `wrong-host` would otherwise call for the
    // portal check and the canary.
    let bin = tls_doctor_lab::tls_doctor_bin();
    let mut args = case("wrong-host").args();
    assert!(args.contains(&"--no-local-probes".to_owned()));
    args.push("--json".to_owned());
    let out = Command::new(&bin).args(&args).output().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["evidence"].is_object());
    assert!(json["evidence"].get("client").is_none(), "{:#}", json["evidence"]["client"]);
    assert_eq!(json["findings"][0]["id"], "name_mismatch");
}

#[test]
fn the_probe_flags_are_refused_beside_no_client_probes() {
    let bin = tls_doctor_lab::tls_doctor_bin();
    let out = Command::new(&bin)
        .args(["check", "ok.lab.test", "--no-local-probes", "--ntp-server", "127.0.0.1:1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
}
