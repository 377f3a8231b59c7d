//! The host's own limits (issue 7): policy files and a request's `limits`, enforced by the real
//! `tls-doctor` binary against the lab's servers, through the command line and through native
//! messaging. A refusal is evidence with a `refusal` and the finding `refused_by_policy`
//! naming the rule, never an error frame.
//!
//! Policies come from `--policy FILE` or `TLS_DOCTOR_POLICY` (both only tighten the system
//! file), and, when the tests run as root, from the real system path inside a private mount
//! namespace. Each run gets its own `XDG_RUNTIME_DIR`, so the rate limit's count is its own.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers too: a failure stops the test and says why")]

mod common;

use std::io::{Read as _, Write as _};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use common::lab;
use serde_json::{Value, json};
use tls_doctor_lab::Case;

fn ok_case() -> &'static Case {
    lab().case("ok").unwrap()
}

/// A directory of this test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tls-doctor-policy-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn policy_file(name: &str, text: &[u8]) -> PathBuf {
    let path = scratch(name).join("policy.json");
    std::fs::write(&path, text).unwrap();
    path
}

/// `tls-doctor` with no policy from this process's environment and a runtime dir of its own.
fn tls_doctor(runtime: &str) -> Command {
    let mut c = Command::new(tls_doctor_lab::tls_doctor_bin());
    c.env_remove("TLS_DOCTOR_POLICY").env("XDG_RUNTIME_DIR", runtime_dir(runtime));
    c
}

/// A runtime directory kept across the runs of one test (the rate limit counts there).
fn runtime_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tls-doctor-policy-{}-run-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Run {
    json: Value,
    stderr: String,
    code: Option<i32>,
}

impl Run {
    fn primary(&self) -> &str {
        self.json["findings"][0]["id"].as_str().unwrap_or_default()
    }

    fn refusal(&self) -> &Value {
        &self.json["findings"][0]["evidence"]
    }
}

/// `tls-doctor check` of the `ok` case (or `target`), `--json`, with `extra` arguments.
fn check(runtime: &str, target: Option<&str>, extra: &[&str]) -> Run {
    let case = ok_case();
    let mut args = case.args();
    if let Some(target) = target {
        args[1] = target.to_owned();
        if let Some(i) = args.iter().position(|a| a == "--address") {
            args.drain(i..i + 2);
        }
    }
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    args.push("--json".into());
    let out = tls_doctor(runtime).args(&args).stdin(Stdio::null()).output().unwrap();
    parse(&out, &args.join(" "))
}

fn parse(out: &Output, command: &str) -> Run {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{command}: no JSON ({e}); stderr: {stderr}"));
    Run { json, stderr, code: out.status.code() }
}

fn refused_by(run: &Run, rule: &str, source: &str) {
    assert_eq!(run.primary(), "refused_by_policy", "{:#}\n{}", run.json, run.stderr);
    assert_eq!(run.refusal()["rule"], rule, "{:#}", run.json);
    assert_eq!(run.refusal()["source"], source, "{:#}", run.json);
    assert_eq!(run.json["findings"].as_array().unwrap().len(), 1, "{:#}", run.json);
    // Nothing was measured, and the exit status says "not diagnosed".
    assert_eq!(run.json["evidence"]["handshakes"], json!([]), "{:#}", run.json);
    assert_eq!(run.code, Some(2));
}

#[test]
fn without_a_policy_the_ok_case_is_checked() {
    // The baseline every refusal below is compared with: the same command passes.
    let run = check("baseline", None, &[]);
    assert_eq!(run.primary(), "ok", "{:#}", run.json);
    assert!(run.json["evidence"].get("refusal").is_none());
}

#[test]
fn a_port_outside_allowed_ports_is_refused_and_named() {
    let port = ok_case().port;
    let allowed = policy_file("ports-ok", format!(r#"{{"allowed_ports": ["{}-{}"]}}"#, port, port).as_bytes());
    assert_eq!(check("ports-ok", None, &["--policy", allowed.to_str().unwrap()]).primary(), "ok");
    let other = if port == 443 { 444 } else { 443 };
    let refused = policy_file("ports", format!(r#"{{"allowed_ports": [{other}, "1-2"]}}"#).as_bytes());
    let run = check("ports", None, &["--policy", refused.to_str().unwrap()]);
    refused_by(&run, "port_not_allowed", "host_policy");
    assert_eq!(run.refusal()["port"], port);
    // The words name the port, in both languages.
    let case = ok_case();
    let mut args = case.args();
    args.extend(["--policy".into(), refused.display().to_string()]);
    for (lang, words) in [
        ("ja", format!("ポート{port}の確認は、組織の設定で許可されていません")),
        ("en", format!("do not allow checks on port {port}")),
    ] {
        let out = tls_doctor("ports").args(&args).args(["--lang", lang]).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(&words), "{lang}: {text}");
    }
}

#[test]
fn a_name_that_resolves_to_a_private_address_is_refused_after_the_lookup() {
    let file = policy_file("private", br#"{"private_addresses": false}"#);
    // `localhost` is a name: the refusal comes from the address it resolved to.
    let target = format!("localhost:{}", ok_case().port);
    let run = check("private", Some(&target), &["--policy", file.to_str().unwrap()]);
    refused_by(&run, "private_address", "host_policy");
    let address: std::net::IpAddr = run.refusal()["address"].as_str().unwrap().parse().unwrap();
    assert!(address.is_loopback(), "{address}");
    assert_eq!(run.json["evidence"]["dns"]["outcome"], "resolved", "{:#}", run.json);
    // The IP literal itself, before any lookup.
    let run = check("private", Some(&format!("127.0.0.1:{}", ok_case().port)), &["--policy", file.to_str().unwrap()]);
    refused_by(&run, "private_address", "host_policy");
}

#[test]
fn blocked_and_not_allowed_hosts_are_refused() {
    let blocked = policy_file("blocked", br#"{"blocked_hosts": ["*.lab.test"]}"#);
    let run = check("blocked", None, &["--policy", blocked.to_str().unwrap()]);
    refused_by(&run, "host_blocked", "host_policy");
    assert_eq!(run.refusal()["host"], ok_case().host);
    assert_eq!(run.refusal()["detail"], "*.lab.test");
    // The address the check would connect to (given with --address) is judged too.
    let by_address = policy_file("blocked-ip", br#"{"blocked_hosts": ["127.0.0.0/8"]}"#);
    let run = check("blocked-ip", None, &["--policy", by_address.to_str().unwrap()]);
    refused_by(&run, "host_blocked", "host_policy");
    assert_eq!(run.refusal()["address"], "127.0.0.1");

    let allowed = policy_file("allowed", br#"{"allowed_hosts": ["www.example.jp", "192.0.2.0/24"]}"#);
    let run = check("allowed", None, &["--policy", allowed.to_str().unwrap()]);
    refused_by(&run, "host_not_allowed", "host_policy");
    let allowed = policy_file("allowed-ok", format!(r#"{{"allowed_hosts": ["{}"]}}"#, ok_case().host).as_bytes());
    assert_eq!(check("allowed-ok", None, &["--policy", allowed.to_str().unwrap()]).primary(), "ok");
}

#[test]
fn probes_off_refuses_every_check() {
    let file = policy_file("off", br#"{"probes": false}"#);
    refused_by(&check("off", None, &["--policy", file.to_str().unwrap()]), "probes_off", "host_policy");
}

#[test]
fn a_protocol_outside_allowed_protocols_is_refused() {
    let file = policy_file("protocols", br#"{"allowed_protocols": ["smtp", "imap"]}"#);
    let run = check("protocols", None, &["--policy", file.to_str().unwrap()]);
    refused_by(&run, "protocol_not_allowed", "host_policy");
    // TLS from the first byte: no STARTTLS protocol named.
    assert!(run.refusal().get("starttls").is_none(), "{:#}", run.json);
    let file = policy_file("protocols-ok", br#"{"allowed_protocols": ["tls"]}"#);
    assert_eq!(check("protocols-ok", None, &["--policy", file.to_str().unwrap()]).primary(), "ok");
}

#[test]
fn the_rate_limit_counts_checks_across_processes() {
    let file = policy_file("rate", br#"{"rate_limit_per_minute": 2}"#);
    let policy = ["--policy", file.to_str().unwrap()];
    assert_eq!(check("rate", None, &policy).primary(), "ok");
    assert_eq!(check("rate", None, &policy).primary(), "ok");
    let run = check("rate", None, &policy);
    refused_by(&run, "rate_limited", "host_policy");
    let wait = run.refusal()["retry_after_s"].as_u64().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    // Another user's count (another runtime directory) is not this one's.
    assert_eq!(check("rate-other", None, &policy).primary(), "ok");
}

#[test]
fn the_deadline_is_capped_by_max_timeout_seconds() {
    let file = policy_file("timeout", br#"{"max_timeout_seconds": 2}"#);
    let run = check("timeout", None, &["--policy", file.to_str().unwrap(), "--timeout", "20"]);
    assert_eq!(run.primary(), "ok", "{:#}", run.json);
    assert_eq!(run.json["evidence"]["timeout_ms"], 2000);
    let run = check("timeout", None, &["--timeout", "20"]);
    assert_eq!(run.json["evidence"]["timeout_ms"], 20000);
}

#[test]
fn unknown_and_wrongly_typed_keys_are_ignored_and_said_the_rest_applies() {
    let file = policy_file("mixed", br#"{"colour": "blue", "probes": "no", "allowed_ports": [1, "x"]}"#);
    let run = check("mixed", None, &["--policy", file.to_str().unwrap(), "--lang", "en"]);
    // `allowed_ports` still applies, though `probes` (wrong type) and `colour` do not.
    refused_by(&run, "port_not_allowed", "host_policy");
    for key in ["colour", "probes", "allowed_ports[1]"] {
        assert!(run.stderr.contains(&format!("\"{key}\"")), "{key}: {}", run.stderr);
    }
    let out = tls_doctor("mixed").args(["policy", "--json", "--policy", file.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mine = report["files"].as_array().unwrap().iter().find(|f| f["origin"] == "command_line").unwrap();
    assert_eq!(mine["status"], "applied");
    let ignored: Vec<(&str, &str)> = mine["ignored"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["key"].as_str().unwrap(), i["reason"].as_str().unwrap()))
        .collect();
    assert!(ignored.contains(&("colour", "unknown_key")), "{ignored:?}");
    assert!(ignored.contains(&("probes", "wrong_type")), "{ignored:?}");
    assert!(ignored.contains(&("allowed_ports[1]", "bad_value")), "{ignored:?}");
    assert_eq!(mine["limits"]["allowed_ports"], json!([1]));
    assert_eq!(report["effective"]["probes"], true);
}

#[test]
fn a_file_that_is_not_json_or_too_large_stops_every_check() {
    let garbage = policy_file("garbage", b"probes = false\n");
    let run = check("garbage", None, &["--policy", garbage.to_str().unwrap()]);
    refused_by(&run, "policy_unreadable", "host_policy");
    assert!(run.refusal()["detail"].as_str().unwrap().contains("not JSON"), "{:#}", run.json);

    let mut big = br#"{"allowed_ports": [443], "note": ""#.to_vec();
    big.extend(std::iter::repeat_n(b'a', 70 * 1024));
    big.extend_from_slice(br#""}"#);
    let large = policy_file("large", &big);
    refused_by(&check("large", None, &["--policy", large.to_str().unwrap()]), "policy_unreadable", "host_policy");
    let out = tls_doctor("large").args(["policy", "--json", "--policy", large.to_str().unwrap()]).output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mine = report["files"].as_array().unwrap().iter().find(|f| f["origin"] == "command_line").unwrap();
    assert_eq!(mine["status"], "too_large");
    assert_eq!(report["effective"]["probes"], false);

    // Never a panic, whatever the bytes.
    for (i, bytes) in
        [&b"\xff\xfe\x00"[..], b"{\"allowed_ports\": [[[[[[]]]]]]}", b"nul\x00l", b"{\"probes\": 1e999}", b"\"x\""]
            .iter()
            .enumerate()
    {
        let file = policy_file(&format!("odd-{i}"), bytes);
        let out = tls_doctor("odd").args(["policy", "--json", "--policy", file.to_str().unwrap()]).output().unwrap();
        assert!(serde_json::from_slice::<Value>(&out.stdout).is_ok(), "{i}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

/// One native-messaging conversation: the requests, then the replies (until the host exits).
fn native(env_policy: Option<&PathBuf>, runtime: &str, requests: &[Value]) -> Vec<Value> {
    let mut cmd = tls_doctor(runtime);
    if let Some(p) = env_policy {
        cmd.env("TLS_DOCTOR_POLICY", p);
    }
    let mut child = cmd
        .arg("chrome-extension://meadljheakdpnddalampfeoggjanlhca/")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        for r in requests {
            let body = serde_json::to_vec(r).unwrap();
            stdin.write_all(&u32::try_from(body.len()).unwrap().to_ne_bytes()).unwrap();
            stdin.write_all(&body).unwrap();
        }
    }
    let mut out = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut out).unwrap();
    child.wait().unwrap();
    let mut replies = Vec::new();
    let mut rest = out.as_slice();
    while rest.len() >= 4 {
        let len = u32::from_ne_bytes(rest[..4].try_into().unwrap()) as usize;
        replies.push(serde_json::from_slice(&rest[4..4 + len]).unwrap());
        rest = &rest[4 + len..];
    }
    replies
}

fn check_request(id: &str, host: &str, address: Option<&str>, limits: Option<Value>) -> Value {
    let mut r = json!({"v": 1, "type": "check", "id": id,
        "target": {"host": host, "port": ok_case().port, "address": address},
        "client": {"ntp_servers": [], "portal_url": "", "canary": ""}});
    if let Some(limits) = limits {
        r["limits"] = limits;
    }
    r
}

fn reply<'a>(replies: &'a [Value], id: &str) -> &'a Value {
    replies.iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("no reply {id}: {replies:?}"))
}

#[test]
fn native_messaging_refusals_are_evidence_and_requests_only_tighten() {
    let host = ok_case().host;
    // The host's file (through the environment, as a test stands in for the system file):
    // no private addresses, and at most ports 1-2 and the lab's.
    let port = ok_case().port;
    let file = policy_file(
        "native",
        format!(r#"{{"private_addresses": false, "allowed_ports": [1, 2, {port}], "surprise": true}}"#).as_bytes(),
    );
    let replies = native(
        Some(&file),
        "native",
        &[
            json!({"v": 1, "type": "hello", "id": "h"}),
            // The browser says where it connected: that address is judged.
            check_request("a", host, Some("127.0.0.1"), None),
            // A request cannot loosen: private addresses and every port, asked for, change nothing.
            check_request(
                "b",
                host,
                Some("127.0.0.1"),
                Some(json!({"private_addresses": true, "allowed_ports": ["1-65535"], "max_timeout_seconds": 30})),
            ),
            // Public address (TEST-NET, never connected to: refused first by the request's port list).
            check_request("c", host, Some("192.0.2.1"), Some(json!({"allowed_ports": [2]}))),
            check_request("d", host, Some("192.0.2.1"), Some(json!({"probes": false}))),
            check_request("e", host, Some("192.0.2.1"), Some(json!({"blocked_hosts": ["a b"]}))),
        ],
    );
    let hello = reply(&replies, "h");
    let files = hello["policy"]["files"].as_array().unwrap();
    let env = files.iter().find(|f| f["origin"] == "environment").unwrap();
    assert_eq!(env["ignored"][0]["key"], "surprise", "{hello:#}");
    assert_eq!(hello["policy"]["effective"]["private_addresses"], false);

    for (id, rule, source) in [
        ("a", "private_address", "host_policy"),
        ("b", "private_address", "host_policy"),
        ("c", "port_not_allowed", "extension_policy"),
        ("d", "probes_off", "extension_policy"),
    ] {
        let r = reply(&replies, id);
        assert_eq!(r["type"], "evidence", "{id}: {r:#}");
        assert_eq!(r["evidence"]["refusal"]["rule"], rule, "{id}: {r:#}");
        assert_eq!(r["evidence"]["refusal"]["source"], source, "{id}: {r:#}");
        assert_eq!(r["evidence"]["handshakes"], json!([]), "{id}");
    }
    assert_eq!(reply(&replies, "a")["evidence"]["refusal"]["address"], "127.0.0.1");
    // A limit the host cannot read is not dropped: the request is refused as bad.
    let e = reply(&replies, "e");
    assert_eq!((e["type"].as_str(), e["error"].as_str()), (Some("error"), Some("bad_request")), "{e:#}");

    // Without the host's file, the same request's own limits apply, and a loose one passes.
    let replies = native(
        None,
        "native-open",
        &[
            check_request("f", host, Some("127.0.0.1"), Some(json!({"private_addresses": false}))),
            check_request(
                "g",
                host,
                Some("127.0.0.1"),
                Some(json!({"allowed_ports": [port], "max_timeout_seconds": 3})),
            ),
        ],
    );
    let f = reply(&replies, "f");
    assert_eq!(f["evidence"]["refusal"]["rule"], "private_address", "{f:#}");
    assert_eq!(f["evidence"]["refusal"]["source"], "extension_policy");
    let g = reply(&replies, "g");
    assert!(g["evidence"].get("refusal").is_none(), "{g:#}");
    assert_eq!(g["evidence"]["timeout_ms"], 3000);
    assert!(!g["evidence"]["handshakes"].as_array().unwrap().is_empty());
}

/// The real system path, `/etc/tls-doctor/policy.json`, in a private mount namespace (root
/// only; the machine's /etc is untouched: when it has no /etc/tls-doctor, an overlay inside the
/// namespace makes one).
#[test]
#[cfg(target_os = "linux")]
fn the_system_policy_file_is_read_from_its_real_path() {
    let dir = scratch("system");
    std::fs::write(dir.join("policy.json"), br#"{"probes": false}"#).unwrap();
    let work = scratch("system-overlay");
    let case = ok_case();
    let script = r#"
        set -eu
        if [ ! -d /etc/tls-doctor ]; then
          mount -t tmpfs tmpfs "$WORK"
          mkdir "$WORK/upper" "$WORK/work"
          mount -t overlay overlay -o "lowerdir=/etc,upperdir=$WORK/upper,workdir=$WORK/work" /etc
          mkdir /etc/tls-doctor
        fi
        mount --bind "$POLICY_DIR" /etc/tls-doctor
        exec "$@""#;
    let mut args = vec!["--mount".to_owned(), "--propagation".into(), "private".into(), "sh".into(), "-c".into()];
    args.push(script.into());
    args.push("sh".into());
    args.push(tls_doctor_lab::tls_doctor_bin().display().to_string());
    args.extend(case.args());
    args.push("--json".into());
    let out = Command::new("unshare")
        .args(&args)
        .env("WORK", &work)
        .env("POLICY_DIR", &dir)
        .env_remove("TLS_DOCTOR_POLICY")
        .env("XDG_RUNTIME_DIR", runtime_dir("system"))
        .output()
        .unwrap();
    if out.stdout.is_empty() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stderr.contains("Operation not permitted") || stderr.contains("Permission denied") {
            eprintln!("skipped: a private mount namespace needs root ({stderr})");
            return;
        }
        panic!("unshare failed: {stderr}");
    }
    let run = parse(&out, "unshare … tls-doctor check");
    refused_by(&run, "probes_off", "host_policy");
}
