//! The gate (issue 12): under a policy that forbids private addresses, no probe of any kind
//! reaches a loopback listener, and the evidence says each was refused.
//!
//! The runs happen in a network namespace of the test's own (`unshare --net`, as root), where
//! the servers checked live on 198.18.0.1 and the mail domain's nameserver on 198.18.0.2 —
//! addresses of RFC 2544's benchmarking range, which are not private, so the checks themselves
//! are allowed and every probe that follows them runs — while every other server (the AIA,
//! OCSP and CRL URLs of the certificates, the canary, the captive-portal URL, the SNTP server,
//! the mail domain's IMAP and autoconfig servers, a nameserver on loopback) listens on
//! 127.0.0.1 and counts what reaches it. The same runs without the policy are the control:
//! each listener is reached, so a probe that the fixture failed to start cannot pass unseen.
//!
//! `outside` re-runs this test binary inside the namespace with [`INSIDE`] set; `inside` does
//! the work there and does nothing when run directly.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "a test: a failure says why")]

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;
use tls_doctor_lab::pki::{Pki, Validity};
use tls_doctor_lab::servers::dns::{DnsServer, Rec};
use tokio::runtime::Runtime;

/// Set in the environment of the run inside the namespace.
const INSIDE: &str = "TLS_DOCTOR_GATE_NAMESPACE";
/// The servers checked: not a private address.
const TARGET_IP: Ipv4Addr = Ipv4Addr::new(198, 18, 0, 1);
/// The mail domain's nameserver.
const NAMESERVER_IP: Ipv4Addr = Ipv4Addr::new(198, 18, 0, 2);
const HOST: &str = "gate.lab.test";
const MAIL_DOMAIN: &str = "gate.test";

#[test]
fn outside() {
    if std::env::var_os(INSIDE).is_some() {
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("unshare")
        .args(["--net", "--"])
        .arg(&exe)
        .args(["--exact", "inside", "--nocapture", "--test-threads=1"])
        .env(INSIDE, "1")
        .output()
        .expect("unshare (util-linux) runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() && stderr.contains("unshare failed") && stderr.contains("Operation not permitted") {
        eprintln!("skipped: a network namespace needs root ({stderr})");
        return;
    }
    assert!(out.status.success(), "inside the namespace:\n{stdout}\n{stderr}");
    assert!(stdout.contains("1 passed"), "the inside test did not run:\n{stdout}\n{stderr}");
}

#[test]
fn inside() {
    if std::env::var_os(INSIDE).is_none() {
        return;
    }
    ip(&["link", "set", "lo", "up"]);
    ip(&["addr", "add", &format!("{TARGET_IP}/32"), "dev", "lo"]);
    ip(&["addr", "add", &format!("{NAMESERVER_IP}/32"), "dev", "lo"]);

    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let mut counters = Counters::default();
    let aia = counters.tcp(&runtime, "aia", 0);
    let ocsp = counters.tcp(&runtime, "ocsp", 0);
    let crl = counters.tcp(&runtime, "crl", 0);
    let canary = counters.tcp(&runtime, "canary", 0);
    let portal = counters.tcp(&runtime, "portal", 0);
    let sntp = counters.udp(&runtime, "sntp", 0);
    counters.tcp(&runtime, "imap", 993);
    counters.tcp(&runtime, "autoconfig", 443);
    counters.udp(&runtime, "nameserver", 53);

    let mut pki = Pki::generate(&format!("http://127.0.0.1:{aia}/intermediate.der")).unwrap();
    pki.set_ocsp_url(&format!("http://127.0.0.1:{ocsp}/"));
    pki.set_crl_url(&format!("http://127.0.0.1:{crl}/intermediate.crl"));
    // An expired leaf without its intermediate: AIA, SNTP, the portal check and the canary.
    let incomplete = pki.leaf(HOST, Validity::EXPIRED).unwrap().without_intermediates();
    let incomplete = tls_server(&runtime, &incomplete);
    // A current leaf with its chain: OCSP and CRL (and the portal check and the canary).
    let complete = tls_server(&runtime, &pki.leaf(HOST, Validity::CURRENT).unwrap());
    let dns = DnsServer::start_on(
        NAMESERVER_IP.into(),
        MAIL_DOMAIN,
        &[
            Rec::Srv {
                name: format!("_imaps._tcp.{MAIL_DOMAIN}"),
                priority: 0,
                weight: 0,
                port: 993,
                target: format!("imap.{MAIL_DOMAIN}"),
            },
            Rec::A { name: format!("imap.{MAIL_DOMAIN}"), address: Ipv4Addr::LOCALHOST },
            Rec::A { name: format!("autoconfig.{MAIL_DOMAIN}"), address: Ipv4Addr::LOCALHOST },
            Rec::A { name: MAIL_DOMAIN.into(), address: Ipv4Addr::LOCALHOST },
        ],
    )
    .unwrap();

    let dir = std::env::temp_dir().join(format!("tls-doctor-gate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let policy = dir.join("policy.json");
    std::fs::write(&policy, br#"{"private_addresses": false}"#).unwrap();
    let client = [
        "--ntp-server".to_owned(),
        format!("127.0.0.1:{sntp}"),
        "--portal-url".to_owned(),
        format!("http://localhost:{portal}/generate_204"),
        "--canary".to_owned(),
        format!("127.0.0.1:{canary}"),
    ];
    let check = |port: u16, policy: Option<&Path>| {
        let mut args = vec!["check".to_owned(), format!("{HOST}:{port}"), "--address".into(), TARGET_IP.to_string()];
        args.extend(client.iter().cloned());
        args.extend(["--timeout".into(), "4".into(), "--json".into()]);
        run(&args, policy)
    };
    let mail = |nameserver: SocketAddr, policy: Option<&Path>| {
        let args = [
            "mail".to_owned(),
            format!("user@{MAIL_DOMAIN}"),
            "--dns-server".into(),
            nameserver.to_string(),
            "--timeout".into(),
            "6".into(),
            "--json".into(),
            "--no-local-probes".into(),
        ];
        run(&args, policy)
    };

    // Under the policy: nothing reaches loopback, and the evidence says why.
    let refused = "refused by policy (private_address";
    let first = check(incomplete, Some(&policy));
    let e = &first["evidence"];
    assert_says(&e["aia"], refused, &first);
    assert_says(&e["client"]["sntp"], refused, &first);
    assert_says(&e["client"]["portal"], refused, &first);
    assert_says(&e["client"]["canary"], refused, &first);
    let second = check(complete, Some(&policy));
    let revocation = second["evidence"]["revocation"].as_array().unwrap();
    for method in ["ocsp", "crl"] {
        let one = revocation.iter().find(|r| r["method"] == method).unwrap();
        assert_says(one, refused, &second);
    }
    let report = mail(dns.address(), Some(&policy));
    let imap = report["servers"].as_array().unwrap().iter().find(|s| s["port"] == 993);
    let imap = imap.unwrap_or_else(|| panic!("no IMAP server in {report:#}"));
    assert_eq!(imap["diagnosis"]["findings"][0]["id"], "refused_by_policy", "{report:#}");
    let autoconfig: Vec<&Value> =
        report["lookups"].as_array().unwrap().iter().filter(|l| l["source"] == "autoconfig").collect();
    assert_eq!(autoconfig.len(), 2, "{report:#}");
    for lookup in autoconfig {
        assert_says(lookup, refused, &report);
    }
    let report = mail(SocketAddr::new(Ipv4Addr::LOCALHOST.into(), 53), Some(&policy));
    assert_says(&report["lookups"][0], refused, &report);
    let reached = counters.snapshot();
    assert!(reached.values().all(|n| *n == 0), "under the policy, loopback was reached: {reached:?}");

    // The control: without the policy, every listener is reached.
    check(incomplete, None);
    check(complete, None);
    mail(dns.address(), None);
    mail(SocketAddr::new(Ipv4Addr::LOCALHOST.into(), 53), None);
    let reached = counters.snapshot();
    assert!(reached.values().all(|n| *n > 0), "the control missed a listener: {reached:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn ip(args: &[&str]) {
    let status = Command::new("ip").args(args).status().expect("ip (iproute2) runs");
    assert!(status.success(), "ip {args:?}");
}

/// `tls-doctor ARGS`, with `--policy POLICY` when given and no other policy from the
/// environment; its JSON.
fn run(args: &[String], policy: Option<&Path>) -> Value {
    let mut command = Command::new(tls_doctor_lab::tls_doctor_bin());
    command.args(args).env_remove("TLS_DOCTOR_POLICY");
    if let Some(policy) = policy {
        command.arg("--policy").arg(policy);
    }
    let out = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!("tls-doctor {args:?}: no JSON ({e}): {stdout}\n{}", String::from_utf8_lossy(&out.stderr))
    })
}

/// `value` (any part of a report) says `needle` somewhere.
fn assert_says(value: &Value, needle: &str, whole: &Value) {
    assert!(!value.is_null(), "missing; in {whole:#}");
    assert!(value.to_string().contains(needle), "{value} does not say {needle:?}; in {whole:#}");
}

/// Listeners on 127.0.0.1 that count what reaches them (and answer nothing).
#[derive(Default)]
struct Counters(BTreeMap<&'static str, Arc<AtomicUsize>>);

impl Counters {
    fn counter(&mut self, name: &'static str) -> Arc<AtomicUsize> {
        self.0.entry(name).or_default().clone()
    }

    /// A TCP listener on `port` (0: any); its port.
    fn tcp(&mut self, runtime: &Runtime, name: &'static str, port: u16) -> u16 {
        let count = self.counter(name);
        let listener = runtime.block_on(tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port))).unwrap();
        let port = listener.local_addr().unwrap().port();
        runtime.spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                count.fetch_add(1, Ordering::SeqCst);
                drop(stream);
            }
        });
        port
    }

    /// A UDP socket on `port` (0: any); its port.
    fn udp(&mut self, runtime: &Runtime, name: &'static str, port: u16) -> u16 {
        let count = self.counter(name);
        let socket = runtime.block_on(tokio::net::UdpSocket::bind((Ipv4Addr::LOCALHOST, port))).unwrap();
        let port = socket.local_addr().unwrap().port();
        runtime.spawn(async move {
            let mut buf = [0u8; 2048];
            while socket.recv_from(&mut buf).await.is_ok() {
                count.fetch_add(1, Ordering::SeqCst);
            }
        });
        port
    }

    fn snapshot(&self) -> BTreeMap<&'static str, usize> {
        self.0.iter().map(|(name, n)| (*name, n.load(Ordering::SeqCst))).collect()
    }
}

/// A TLS server presenting `leaf` on [`TARGET_IP`]; its port.
fn tls_server(runtime: &Runtime, leaf: &tls_doctor_lab::pki::Leaf) -> u16 {
    let config = tls_doctor_lab::servers::tls::single(leaf).unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = runtime.block_on(tokio::net::TcpListener::bind(SocketAddr::new(IpAddr::V4(TARGET_IP), 0))).unwrap();
    let port = listener.local_addr().unwrap().port();
    runtime.spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let _ = tokio::time::timeout(std::time::Duration::from_secs(10), acceptor.accept(stream)).await;
            });
        }
    });
    port
}
