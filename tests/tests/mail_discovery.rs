//! `tls-doctor mail` end to end: the real binary asks a lab DNS server (hickory-server, in
//! process) and a lab autoconfig server (HTTPS on 127.5.x.y:443), checks the lab's rustls
//! servers it finds, and recommends settings. Each test starts and drops its own lab.
//!
//! The servers speak implicit TLS on loopback ports the system chose; SRV records carry those
//! ports. A STARTTLS service is a plaintext SMTP banner, which is never recommended (whether
//! or not the host speaks the STARTTLS dialogue yet).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::net::Ipv4Addr;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;
use tls_doctor_core::wire::MailReport;
use tls_doctor_lab::pki::{Pki, Validity};
use tls_doctor_lab::servers::autoconfig::AutoconfigServer;
use tls_doctor_lab::servers::dns::{DnsServer, Rec};
use tls_doctor_lab::servers::{plaintext, tls};

const LOOPBACK: Ipv4Addr = Ipv4Addr::LOCALHOST;
/// An address nothing listens on: connections are refused at once.
const NOBODY: Ipv4Addr = Ipv4Addr::new(127, 9, 9, 9);

/// The servers one test needs, stopped when dropped.
struct MailLab {
    pki: Pki,
    runtime: tokio::runtime::Runtime,
    ca_file: PathBuf,
}

impl MailLab {
    fn new(name: &str) -> Self {
        let pki = Pki::generate("http://127.0.0.1:9/intermediate.der").unwrap();
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let ca_file = std::env::temp_dir().join(format!("tls-doctor-mail-{name}-{}.pem", std::process::id()));
        std::fs::write(&ca_file, pki.root_pem()).unwrap();
        Self { pki, runtime, ca_file }
    }

    /// A healthy implicit-TLS server for `host`; its port.
    fn good(&self, host: &str) -> u16 {
        let leaf = self.pki.leaf(host, Validity::CURRENT).unwrap();
        tls::spawn(self.runtime.handle(), tls::single(&leaf).unwrap()).unwrap()
    }

    /// An implicit-TLS server whose certificate expired ten days ago.
    fn expired(&self, host: &str) -> u16 {
        let leaf = self.pki.leaf(host, Validity::days(-100, -10)).unwrap();
        tls::spawn(self.runtime.handle(), tls::single(&leaf).unwrap()).unwrap()
    }

    /// A plaintext SMTP greeting and nothing more.
    fn smtp_banner(&self) -> u16 {
        plaintext::spawn_smtp(self.runtime.handle()).unwrap()
    }

    fn run(&self, dns: &DnsServer, address: &str, extra: &[&str]) -> (Option<i32>, String, String) {
        let r = common::mail::run(address, dns.address(), &self.ca_file, 4, extra);
        (r.code, r.stdout, r.stderr)
    }

    fn json(&self, dns: &DnsServer, address: &str) -> (Option<i32>, Value) {
        self.json_with(dns, address, &[])
    }

    fn json_with(&self, dns: &DnsServer, address: &str, extra: &[&str]) -> (Option<i32>, Value) {
        let mut args = vec!["--json"];
        args.extend(extra);
        let (code, stdout, stderr) = self.run(dns, address, &args);
        let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}\n{stdout}\n{stderr}"));
        // The JSON is the wire contract (read from the text: a `Value` sorts its keys, and a
        // tagged enum's tag must come first).
        serde_json::from_str::<MailReport>(&stdout).unwrap_or_else(|e| panic!("not a MailReport: {e}\n{json:#}"));
        (code, json)
    }
}

impl Drop for MailLab {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.ca_file);
    }
}

fn srv(name: &str, port: u16, target: &str) -> Rec {
    Rec::Srv { name: name.into(), priority: 0, weight: 1, port, target: target.into() }
}

fn a(name: &str, address: Ipv4Addr) -> Rec {
    Rec::A { name: name.into(), address }
}

fn lookup<'a>(json: &'a Value, query: &str) -> &'a Value {
    json["lookups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["query"] == query)
        .unwrap_or_else(|| panic!("no lookup {query}: {:#}", json["lookups"]))
}

fn servers(json: &Value) -> Vec<(String, String, u64, String, String, String)> {
    json["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["role"].as_str().unwrap().to_owned(),
                s["host"].as_str().unwrap().to_owned(),
                s["port"].as_u64().unwrap(),
                s["security"].as_str().unwrap().to_owned(),
                s["source"].as_str().unwrap().to_owned(),
                s["diagnosis"]["findings"][0]["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn srv_records_lead_to_checked_servers_and_a_recommendation() {
    let lab = MailLab::new("srv");
    let smtps = lab.good("smtp.srv.lab.test");
    let imaps = lab.good("imap.srv.lab.test");
    let dns = DnsServer::start(
        "srv.lab.test",
        &[
            srv("_submissions._tcp.srv.lab.test", smtps, "smtp.srv.lab.test"),
            srv("_imaps._tcp.srv.lab.test", imaps, "imap.srv.lab.test"),
            // RFC 6186 §4: "." says the service is not offered.
            srv("_submission._tcp.srv.lab.test", 0, "."),
            srv("_pop3._tcp.srv.lab.test", 0, "."),
            a("smtp.srv.lab.test", LOOPBACK),
            a("imap.srv.lab.test", LOOPBACK),
            Rec::Mx { name: "srv.lab.test".into(), preference: 10, exchange: "mx.srv.lab.test".into() },
            a("mx.srv.lab.test", NOBODY),
        ],
    )
    .unwrap();

    let started = Instant::now();
    let (code, json) = lab.json(&dns, "user@srv.lab.test");
    assert!(started.elapsed() < Duration::from_secs(12));
    assert_eq!((json["type"].as_str(), json["v"].as_u64()), (Some("mail_report"), Some(1)));
    assert_eq!(json["address"], "user@srv.lab.test");
    assert_eq!(json["domain"], "srv.lab.test");
    assert_eq!(code, Some(0), "{:#}", json["recommended"]);
    assert_eq!(lookup(&json, "_submissions._tcp.srv.lab.test SRV")["outcome"], "found");
    assert_eq!(lookup(&json, "_submission._tcp.srv.lab.test SRV")["outcome"], "not_offered");
    assert_eq!(lookup(&json, "_pop3._tcp.srv.lab.test SRV")["outcome"], "not_offered");
    assert_eq!(lookup(&json, "_imap._tcp.srv.lab.test SRV")["outcome"], "no_records");
    assert_eq!(lookup(&json, "srv.lab.test MX")["outcome"], "found");
    // No autoconfig host: a lookup that found nothing, and no guesses (SRV named servers).
    assert_eq!(
        lookup(&json, "https://autoconfig.srv.lab.test/mail/config-v1.1.xml?emailaddress=user%40srv.lab.test")["outcome"],
        "no_records"
    );
    assert!(json["lookups"].as_array().unwrap().iter().all(|l| l["source"] != "guess"));

    let found = servers(&json);
    assert!(
        found.contains(&(
            "outgoing".into(),
            "smtp.srv.lab.test".into(),
            u64::from(smtps),
            "tls".into(),
            "srv".into(),
            "ok".into()
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            "incoming_imap".into(),
            "imap.srv.lab.test".into(),
            u64::from(imaps),
            "tls".into(),
            "srv".into(),
            "ok".into()
        )),
        "{found:?}"
    );
    let mx = found.iter().find(|s| s.0 == "relay_mx").unwrap();
    assert_eq!((mx.1.as_str(), mx.2, mx.3.as_str(), mx.4.as_str()), ("mx.srv.lab.test", 25, "starttls", "mx"));

    let rec = &json["recommended"];
    assert_eq!(rec["verdict"], "safe");
    assert_eq!(
        (rec["outgoing"]["host"].as_str(), rec["outgoing"]["port"].as_u64()),
        (Some("smtp.srv.lab.test"), Some(u64::from(smtps)))
    );
    assert_eq!(rec["outgoing"]["security"], "tls");
    assert_eq!(rec["incoming"]["host"], "imap.srv.lab.test");
    assert_eq!(rec["incoming"]["with_warnings"], false);

    let (code, ja, _) = lab.run(&dns, "user@srv.lab.test", &["--lang", "ja"]);
    assert_eq!(code, Some(0));
    for expected in [
        "user@srv.lab.test のメール設定",
        "おすすめの設定",
        "送信（SMTP）",
        "受信（IMAP）",
        "暗号化の方式",
        "SSL/TLS",
        "サーバー間の配送（MX、参考）",
        "このサービスは提供していない",
    ] {
        assert!(ja.contains(expected), "{expected}\n{ja}");
    }
    let (_, en, _) = lab.run(&dns, "srv.lab.test", &["--lang", "en"]);
    for expected in [
        "Mail settings for srv.lab.test",
        "Recommended settings",
        "Outgoing (SMTP)",
        "Incoming (IMAP)",
        "registered as not offered",
    ] {
        assert!(en.contains(expected), "{expected}\n{en}");
    }
}

/// A domain whose servers are healthy, seen from a device whose clock runs 30 days ahead: the
/// lab's servers hold certificates that expired ten days ago by this machine's clock, valid
/// by the SNTP server's, which runs 30 days behind.
fn clock_lab(lab: &MailLab) -> DnsServer {
    let smtps = lab.expired("smtp.clock.lab.test");
    let imaps = lab.expired("imap.clock.lab.test");
    DnsServer::start(
        "clock.lab.test",
        &[
            srv("_submissions._tcp.clock.lab.test", smtps, "smtp.clock.lab.test"),
            srv("_imaps._tcp.clock.lab.test", imaps, "imap.clock.lab.test"),
            a("smtp.clock.lab.test", LOOPBACK),
            a("imap.clock.lab.test", LOOPBACK),
        ],
    )
    .unwrap()
}

const DAY_MS: i64 = 86_400_000;

#[test]
fn a_device_clock_30_days_ahead_is_the_cause_on_every_server_not_their_certificates() {
    use tls_doctor_lab::servers::sntp::{self, SntpMode};
    let lab = MailLab::new("clock");
    let dns = clock_lab(&lab);
    let ntp = sntp::spawn(lab.runtime.handle(), SntpMode::Shifted { offset_ms: -30 * DAY_MS }).unwrap().to_string();

    let started = Instant::now();
    let (code, json) = lab.json_with(&dns, "user@clock.lab.test", &["--ntp-server", &ntp]);
    let elapsed = started.elapsed();
    let found = servers(&json);
    assert_eq!(found.len(), 2, "{found:?}");
    for server in json["servers"].as_array().unwrap() {
        let findings: Vec<&str> =
            server["diagnosis"]["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
        assert_eq!(findings.first(), Some(&"clock_ahead"), "{}: {findings:?}", server["host"]);
        assert!(!findings.contains(&"cert_expired"), "{findings:?}");
        // The one query's answer, in each server's evidence.
        let sample = &server["diagnosis"]["evidence"]["client"]["sntp"][0];
        assert_eq!(sample["server"], ntp.as_str(), "{server:#}");
        assert_eq!(sample["outcome"]["result"], "answered", "{sample:#}");
        let offset = sample["outcome"]["local_minus_reference_ms"].as_i64().unwrap();
        assert!((offset - 30 * DAY_MS).abs() <= 2_000, "{offset}");
    }
    // The servers are not blamed: they are recommended, the clock as their caveat.
    let rec = &json["recommended"];
    assert_eq!(rec["verdict"], "safe", "{rec:#}");
    assert_eq!(
        (rec["outgoing"]["host"].as_str(), rec["outgoing"]["with_warnings"].as_bool()),
        (Some("smtp.clock.lab.test"), Some(true))
    );
    assert_eq!(
        (rec["incoming"]["host"].as_str(), rec["incoming"]["with_warnings"].as_bool()),
        (Some("imap.clock.lab.test"), Some(true))
    );
    assert_eq!(code, Some(0));
    assert!(elapsed < Duration::from_secs(4), "{elapsed:?}");

    let (_, ja, _) = lab.run(&dns, "user@clock.lab.test", &["--ntp-server", &ntp, "--lang", "ja"]);
    // The recommendation names the clock, not the servers, as what to fix.
    for expected in ["この端末の時計がずれています", "端末の時計が30日進んでいます", "smtp.clock.lab.test"]
    {
        assert!(ja.contains(expected), "{expected}\n{ja}");
    }
    assert!(!ja.contains("「SSLなし」"), "{ja}");
}

#[test]
fn the_true_time_leaves_expired_certificates_expired() {
    use tls_doctor_lab::servers::sntp;
    let lab = MailLab::new("clock-true");
    let dns = clock_lab(&lab);
    let ntp = sntp::spawn(lab.runtime.handle(), sntp::TRUE_TIME).unwrap().to_string();
    let (code, json) = lab.json_with(&dns, "user@clock.lab.test", &["--ntp-server", &ntp]);
    let found = servers(&json);
    assert!(found.len() == 2 && found.iter().all(|s| s.5 == "cert_expired"), "{found:?}");
    assert_eq!(json["recommended"]["verdict"], "nothing_safe");
    assert_eq!(code, Some(1));
}

/// A UDP socket standing in for an SNTP server, to count the queries that reach it.
fn silent_ntp() -> (std::net::UdpSocket, String) {
    let socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    socket.set_nonblocking(true).unwrap();
    let address = socket.local_addr().unwrap().to_string();
    (socket, address)
}

fn datagrams(socket: &std::net::UdpSocket) -> usize {
    let mut buf = [0u8; 512];
    std::iter::from_fn(|| socket.recv_from(&mut buf).ok()).count()
}

#[test]
fn no_local_probes_or_a_policy_without_them_sends_no_sntp_query() {
    let lab = MailLab::new("clock-off");
    let dns = clock_lab(&lab);
    let (socket, ntp) = silent_ntp();

    // Asked once for the whole request, not once per server.
    let (_, json) = lab.json_with(&dns, "user@clock.lab.test", &["--ntp-server", &ntp]);
    assert_eq!(datagrams(&socket), 1, "{:#}", json["servers"]);

    // `--no-local-probes`: no SNTP, no `client` in any evidence, and the dates speak.
    let (_, json) = lab.json_with(&dns, "user@clock.lab.test", &[]);
    let found = servers(&json);
    assert!(found.len() == 2 && found.iter().all(|s| s.5 == "cert_expired"), "{found:?}");
    for server in json["servers"].as_array().unwrap() {
        assert!(server["diagnosis"]["evidence"].get("client").is_none(), "{server:#}");
    }

    // A policy that turns the local probes off wins over `--ntp-server`.
    let policy = std::env::temp_dir().join(format!("tls-doctor-mail-clock-policy-{}.json", std::process::id()));
    std::fs::write(&policy, r#"{"client_probes": false}"#).unwrap();
    let path = policy.display().to_string();
    let (_, json) = lab.json_with(&dns, "user@clock.lab.test", &["--ntp-server", &ntp, "--policy", &path]);
    let _ = std::fs::remove_file(&policy);
    assert_eq!(datagrams(&socket), 0);
    let found = servers(&json);
    assert!(found.iter().all(|s| s.5 == "cert_expired"), "{found:?}");
}

#[test]
fn healthy_servers_ask_no_time_server() {
    let lab = MailLab::new("clock-healthy");
    let smtps = lab.good("smtp.fine.lab.test");
    let dns = DnsServer::start(
        "fine.lab.test",
        &[srv("_submissions._tcp.fine.lab.test", smtps, "smtp.fine.lab.test"), a("smtp.fine.lab.test", LOOPBACK)],
    )
    .unwrap();
    let (socket, ntp) = silent_ntp();
    let started = Instant::now();
    let (_, json) = lab.json_with(&dns, "user@fine.lab.test", &["--ntp-server", &ntp]);
    let elapsed = started.elapsed();
    assert_eq!(servers(&json)[0].5, "ok");
    // The SNTP answer budget is 1.5 s; nobody waited for it.
    assert!(elapsed < Duration::from_millis(1_400), "{elapsed:?}");
    assert!(json["servers"][0]["diagnosis"]["evidence"].get("client").is_none());
    // And nobody asked: no certificate's dates called for a reference clock, so no packet left
    // for a time server (as `check` asks only then).
    assert_eq!(datagrams(&socket), 0);
}

#[test]
fn an_autoconfig_file_over_https_is_followed() {
    let lab = MailLab::new("autoconfig");
    let imaps = lab.good("imap.ac.lab.test");
    let smtps = lab.good("smtp.ac.lab.test");
    let document = format!(
        r#"<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="ac.lab.test">
  <incomingServer type="imap"><hostname>imap.%EMAILDOMAIN%</hostname><port>{imaps}</port><socketType>SSL</socketType></incomingServer>
  <incomingServer type="pop3"><hostname>pop.%EMAILDOMAIN%</hostname><port>110</port><socketType>plain</socketType></incomingServer>
  <outgoingServer type="smtp"><hostname>smtp.ac.lab.test</hostname><port>{smtps}</port><socketType>SSL</socketType></outgoingServer>
</emailProvider></clientConfig>"#
    );
    let leaf = lab.pki.leaf("autoconfig.ac.lab.test", Validity::CURRENT).unwrap();
    let web = AutoconfigServer::start(&leaf, document).unwrap();
    let dns = DnsServer::start(
        "ac.lab.test",
        &[
            a("autoconfig.ac.lab.test", web.ip()),
            a("imap.ac.lab.test", LOOPBACK),
            a("smtp.ac.lab.test", LOOPBACK),
            a("pop.ac.lab.test", LOOPBACK),
        ],
    )
    .unwrap();

    let (code, json) = lab.json(&dns, "someone@ac.lab.test");
    let url = "https://autoconfig.ac.lab.test/mail/config-v1.1.xml?emailaddress=someone%40ac.lab.test";
    assert_eq!(lookup(&json, url)["outcome"], "found", "{:#}", json["lookups"]);
    assert_eq!(lookup(&json, url)["servers"], 2);
    assert_eq!(code, Some(0), "{:#}", json["recommended"]);
    let found = servers(&json);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|s| s.4 == "autoconfig" && s.5 == "ok"), "{found:?}");
    assert_eq!(json["recommended"]["incoming"]["port"].as_u64(), Some(u64::from(imaps)));
    assert_eq!(json["recommended"]["outgoing"]["port"].as_u64(), Some(u64::from(smtps)));
    // The plain POP3 entry is listed, never checked nor recommended.
    assert_eq!(json["unencrypted"][0]["host"], "pop.ac.lab.test");
    assert_eq!(json["unencrypted"][0]["security"], "none");

    let (_, ja, _) = lab.run(&dns, "someone@ac.lab.test", &["--lang", "ja"]);
    assert!(ja.contains("自動設定ファイル") && ja.contains("暗号化なしの設定も案内されています"), "{ja}");

    // Without the lab root, the autoconfig file is not trusted, and nothing else is found.
    let bin = tls_doctor_lab::tls_doctor_bin();
    let out = Command::new(&bin)
        .args(["mail", "someone@ac.lab.test", "--dns-server", &dns.address().to_string(), "--json", "--timeout", "10"])
        .arg("--no-local-probes")
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(lookup(&json, url)["outcome"], "failed");
    assert_eq!(lookup(&json, url)["error"], "tls");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_broken_server_is_never_recommended() {
    let lab = MailLab::new("broken");
    let expired = lab.expired("smtp.broken.lab.test");
    let banner = lab.smtp_banner();
    let imaps = lab.good("imap.broken.lab.test");
    let dns = DnsServer::start(
        "broken.lab.test",
        &[
            srv("_submissions._tcp.broken.lab.test", expired, "smtp.broken.lab.test"),
            srv("_submission._tcp.broken.lab.test", banner, "smtp.broken.lab.test"),
            srv("_imaps._tcp.broken.lab.test", imaps, "imap.broken.lab.test"),
            a("smtp.broken.lab.test", LOOPBACK),
            a("imap.broken.lab.test", LOOPBACK),
        ],
    )
    .unwrap();
    let (code, json) = lab.json(&dns, "user@broken.lab.test");
    assert_eq!(code, Some(1));
    let found = servers(&json);
    let smtps = found.iter().find(|s| s.2 == u64::from(expired)).unwrap();
    assert_eq!(smtps.5, "cert_expired", "{found:?}");
    let submission = found.iter().find(|s| s.2 == u64::from(banner)).unwrap();
    assert_eq!(submission.3, "starttls");
    assert_ne!(submission.5, "ok", "{found:?}");
    let rec = &json["recommended"];
    assert!(rec["outgoing"].is_null(), "{rec:#}");
    assert_eq!(rec["incoming"]["port"].as_u64(), Some(u64::from(imaps)));
    assert_eq!(rec["verdict"], "outgoing_missing");

    let (_, ja, _) = lab.run(&dns, "user@broken.lab.test", &["--lang", "ja"]);
    assert!(ja.contains("「SSLなし」（暗号化なし）で設定しないでください。"), "{ja}");
    assert!(ja.contains("✖ 送信（SMTP）"), "{ja}");
    let (_, en, _) = lab.run(&dns, "user@broken.lab.test", &["--lang", "en"]);
    assert!(en.contains("No safe server was found for sending mail.") && en.contains("without SSL"), "{en}");
}

#[test]
fn with_nothing_registered_usual_names_are_guessed() {
    let lab = MailLab::new("guess");
    let dns = DnsServer::start("guess.lab.test", &[a("smtp.guess.lab.test", NOBODY), a("mail.guess.lab.test", NOBODY)])
        .unwrap();
    let (code, json) = lab.json(&dns, "guess.lab.test");
    assert_eq!(code, Some(1));
    assert!(json["address"].is_null());
    assert_eq!(lookup(&json, "smtp.guess.lab.test A/AAAA")["outcome"], "found");
    assert_eq!(lookup(&json, "imap.guess.lab.test A/AAAA")["outcome"], "no_records");
    let found = servers(&json);
    let mut guessed: Vec<(&str, u64)> = found.iter().map(|s| (s.1.as_str(), s.2)).collect();
    guessed.sort();
    assert_eq!(
        guessed,
        vec![
            ("mail.guess.lab.test", 143),
            ("mail.guess.lab.test", 465),
            ("mail.guess.lab.test", 587),
            ("mail.guess.lab.test", 993),
            ("smtp.guess.lab.test", 465),
            ("smtp.guess.lab.test", 587),
        ]
    );
    assert!(found.iter().all(|s| s.4 == "guess" && s.5 == "port_closed"), "{found:?}");
    assert_eq!(json["recommended"]["verdict"], "nothing_safe");

    // A domain with nothing at all: no servers, no recommendation.
    let (code, json) = lab.json(&dns, "user@empty.guess.lab.test");
    assert_eq!((code, json["servers"].as_array().map(Vec::len)), (Some(1), Some(0)));
    let (_, ja, _) = lab.run(&dns, "user@empty.guess.lab.test", &["--lang", "ja"]);
    assert!(
        ja.contains("安全に接続できるメールサーバーは見つかりませんでした。") && ja.contains("「SSLなし」"),
        "{ja}"
    );
}

#[test]
fn bad_input_is_refused_with_a_notice() {
    let bin = tls_doctor_lab::tls_doctor_bin();
    for (input, lang, expected) in [
        ("not an address", "ja", "メールアドレスとして読み取れません"),
        ("user@192.0.2.1", "en", "is not a mail address"),
        ("@example.jp", "en", "is not a mail address"),
    ] {
        let out = Command::new(&bin).args(["mail", input, "--lang", lang]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{input}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{input}: {stderr}");
    }
    let out = Command::new(&bin)
        .args(["mail", "a@example.jp", "--dns-server", "dns.example", "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Wall time of `tls-doctor mail` against the SRV lab (two healthy servers, an MX that refuses,
/// no autoconfig): `cargo test -p tls-doctor-lab --test mail_discovery -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a test"]
fn timing() {
    let lab = MailLab::new("timing");
    let smtps = lab.good("smtp.time.lab.test");
    let imaps = lab.good("imap.time.lab.test");
    let dns = DnsServer::start(
        "time.lab.test",
        &[
            srv("_submissions._tcp.time.lab.test", smtps, "smtp.time.lab.test"),
            srv("_imaps._tcp.time.lab.test", imaps, "imap.time.lab.test"),
            a("smtp.time.lab.test", LOOPBACK),
            a("imap.time.lab.test", LOOPBACK),
            Rec::Mx { name: "time.lab.test".into(), preference: 10, exchange: "mx.time.lab.test".into() },
            a("mx.time.lab.test", NOBODY),
        ],
    )
    .unwrap();
    let mut times: Vec<Duration> = (0..21)
        .map(|_| {
            let started = Instant::now();
            let (code, _, _) = lab.run(&dns, "user@time.lab.test", &["--json"]);
            assert_eq!(code, Some(0));
            started.elapsed()
        })
        .collect();
    times.sort();
    println!("tls-doctor mail: median {:?}, min {:?}, max {:?} (21 runs)", times[10], times[0], times[20]);
}
