//! The bounds of `tls-doctor mail` (docs/LIMITS.md) against the real binary: how many DNS
//! records, servers and addresses discovery takes, and how long it waits for a nameserver and
//! for the autoconfig server. The nameservers are the lab's (a zone server, and one that never
//! answers); every address is on loopback, and the servers named refuse connections at once,
//! so that what is measured is discovery.
//!
//! Build the binary first: `cargo build -p tls-doctor` (or set `TLS_DOCTOR_BIN`). The
//! autoconfig tests need root (port 443 on a loopback address); without it they fail saying so.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;
use tls_doctor_lab::pki::{Pki, Validity};
use tls_doctor_lab::servers::closed_port;
use tls_doctor_lab::servers::dns::{DnsServer, Rec};
use tls_doctor_lab::servers::hostile::dns::SilentDns;
use tls_doctor_lab::servers::hostile::web::{self, Misbehaviour};

/// The host's bounds, as docs/LIMITS.md states them (the drift test in native-host keeps the
/// document equal to the code).
const MAX_RECORDS: usize = 8;
const MAX_MX: usize = 2;
const MAX_CHECKED: usize = 12;
const MAX_ADDRESSES: usize = 4;
const DNS_TIMEOUT: Duration = Duration::from_secs(2);
const DISCOVERY_SHARE: f64 = 0.4;
const AUTOCONFIG_BUDGET: Duration = Duration::from_secs(3);

/// An address nothing listens on: connections are refused at once.
const NOBODY: Ipv4Addr = Ipv4Addr::new(127, 9, 9, 9);

const SERVICES: [&str; 6] =
    ["_submissions._tcp", "_submission._tcp", "_imaps._tcp", "_imap._tcp", "_pop3s._tcp", "_pop3._tcp"];

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap()
}

/// `tls-doctor mail ADDRESS --dns-server DNS --timeout SECONDS --json [extra]`: the report.
fn mail(address: &str, dns: SocketAddr, seconds: f64, extra: &[&str]) -> Value {
    let bin = tls_doctor_lab::tls_doctor_bin();
    let out = Command::new(&bin)
        .args(["mail", address, "--dns-server", &dns.to_string(), "--timeout", &seconds.to_string(), "--json"])
        // Nothing leaves the machine: no SNTP query.
        .arg("--no-local-probes")
        .args(extra)
        .env_remove("TLS_DOCTOR_POLICY")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\n{}", String::from_utf8_lossy(&out.stderr)))
}

fn lookup<'a>(json: &'a Value, query: &str) -> &'a Value {
    let mut all = json["lookups"].as_array().unwrap().iter();
    all.find(|l| l["query"] == query).unwrap_or_else(|| panic!("no lookup {query}: {:#}", json["lookups"]))
}

fn elapsed(json: &Value) -> Duration {
    Duration::from_millis(json["elapsed_ms"].as_u64().unwrap())
}

/// Nine SRV records for each of the six services and five MX records: each SRV answer gives
/// eight servers, the MX answer two, twelve servers are checked and the rest listed as not
/// checked; the first server has six addresses, of which four are tried. (Names are short: the
/// lab's nameserver sends answers over 512 bytes without EDNS whole, which a client drops.)
#[test]
fn discovery_takes_eight_records_two_mx_and_checks_twelve_servers_at_four_addresses() {
    let zone = "many.lab.test";
    let port = closed_port().unwrap();
    let mut records = Vec::new();
    for (s, service) in SERVICES.iter().enumerate() {
        for i in 0..=MAX_RECORDS {
            // The first record of the first service comes first (priority 0); it is the
            // server with many addresses.
            let target = if s == 0 && i == 0 { format!("multi.{zone}") } else { format!("s{s}{i}.{zone}") };
            let priority = u16::try_from(i).unwrap();
            records.push(Rec::Srv {
                name: format!("{service}.{zone}"),
                priority,
                weight: 1,
                port,
                target: target.clone(),
            });
            if target.starts_with("s") {
                records.push(Rec::A { name: target, address: NOBODY });
            }
        }
    }
    for k in 1..=MAX_ADDRESSES + 2 {
        let address = Ipv4Addr::new(127, 9, 8, u8::try_from(k).unwrap());
        records.push(Rec::A { name: format!("multi.{zone}"), address });
    }
    for m in 0..MAX_MX + 3 {
        let exchange = format!("mx{m}.{zone}");
        let preference = u16::try_from(m).unwrap();
        records.push(Rec::Mx { name: zone.into(), preference, exchange: exchange.clone() });
        records.push(Rec::A { name: exchange, address: NOBODY });
    }
    let dns = DnsServer::start(zone, &records).unwrap();
    let json = mail(&format!("user@{zone}"), dns.address(), 15.0, &[]);

    for service in SERVICES {
        let found = lookup(&json, &format!("{service}.{zone} SRV"));
        assert_eq!((found["outcome"].as_str(), found["servers"].as_u64()), (Some("found"), Some(MAX_RECORDS as u64)));
    }
    let mx = lookup(&json, &format!("{zone} MX"));
    assert_eq!((mx["outcome"].as_str(), mx["servers"].as_u64()), (Some("found"), Some(MAX_MX as u64)));
    let servers = json["servers"].as_array().unwrap();
    let not_checked = json["not_checked"].as_array().unwrap();
    assert_eq!(servers.len(), MAX_CHECKED, "{:#}", json["servers"]);
    assert_eq!(not_checked.len(), SERVICES.len() * MAX_RECORDS + MAX_MX - MAX_CHECKED);
    assert_eq!(not_checked.iter().filter(|e| e["role"] == "relay_mx").count(), MAX_MX);

    let multi = servers.iter().find(|s| s["host"] == format!("multi.{zone}")).unwrap();
    let primary = &multi["diagnosis"]["evidence"]["handshakes"][0];
    let tried: Vec<&str> = primary["tcp"].as_array().unwrap().iter().map(|a| a["address"].as_str().unwrap()).collect();
    let expected: Vec<String> = (1..=MAX_ADDRESSES).map(|k| format!("127.9.8.{k}")).collect();
    assert_eq!(tried, expected, "{primary:#}");
}

/// A nameserver that never answers and a deadline of three seconds: discovery ends at its
/// share of it (1.2 s), before a single question's two seconds are up.
#[test]
fn discovery_gets_forty_percent_of_the_deadline() {
    let rt = runtime();
    let silent = SilentDns::start(rt.handle()).unwrap();
    let seconds = 3.0;
    let json = mail("user@hurried.lab.test", silent.address(), seconds, &[]);
    let srv = lookup(&json, "_imaps._tcp.hurried.lab.test SRV");
    assert_eq!((srv["outcome"].as_str(), srv["error"].as_str()), (Some("failed"), Some("timed_out")), "{srv}");
    let took = elapsed(&json);
    let share = Duration::from_secs_f64(seconds * DISCOVERY_SHARE);
    assert!(took >= share && took < share + Duration::from_millis(500), "{took:?}");
    assert!(took < DNS_TIMEOUT, "{took:?}");
}

/// The lab's root in a file of its own, for `--ca-file`.
fn ca_file(pki: &Pki, name: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("tls-doctor-mail-limits-{name}-{}.pem", std::process::id()));
    std::fs::write(&path, pki.root_pem()).unwrap();
    path
}

/// Fails at once, saying why, when not run as root.
fn needs_root() {
    let uid = Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    assert_eq!(uid.as_deref().unwrap_or(""), "0", "this test binds port 443 on a loopback address: run it as root");
}

/// An autoconfig server that answers one byte a second, and a deadline whose discovery share
/// (8 s) would wait longer: the autoconfig fetch gives up at its own three seconds, and the
/// server SRV named is checked right after.
#[test]
fn the_autoconfig_fetch_gets_three_seconds() {
    needs_root();
    let zone = "slow.lab.test";
    let rt = runtime();
    let pki = Pki::generate("http://127.0.0.1:9/unused.der").unwrap();
    let leaf = pki.leaf(&format!("autoconfig.{zone}"), Validity::CURRENT).unwrap();
    let web = web::spawn_https_443(rt.handle(), &leaf, Misbehaviour::Trickle).unwrap();
    let records = [
        Rec::A { name: format!("autoconfig.{zone}"), address: web },
        Rec::Srv {
            name: format!("_imaps._tcp.{zone}"),
            priority: 0,
            weight: 1,
            port: 993,
            target: format!("imap.{zone}"),
        },
        Rec::A { name: format!("imap.{zone}"), address: NOBODY },
    ];
    let dns = DnsServer::start(zone, &records).unwrap();
    let ca = ca_file(&pki, "slow");
    let json = mail(&format!("user@{zone}"), dns.address(), 20.0, &["--ca-file", &ca.display().to_string()]);
    let _ = std::fs::remove_file(&ca);
    let url = format!("https://autoconfig.{zone}/mail/config-v1.1.xml?emailaddress=user%40{zone}");
    let auto = lookup(&json, &url);
    assert_eq!((auto["outcome"].as_str(), auto["error"].as_str()), (Some("failed"), Some("timed_out")), "{auto}");
    let took = elapsed(&json);
    assert!(took >= AUTOCONFIG_BUDGET && took < AUTOCONFIG_BUDGET + Duration::from_secs(2), "{took:?}");
    assert_eq!(json["servers"][0]["host"], format!("imap.{zone}"));
}

/// An autoconfig host with six addresses, none of the first four listening: the fifth, which
/// would answer, is never connected to.
#[test]
fn the_autoconfig_server_is_tried_at_four_addresses() {
    needs_root();
    let zone = "spread.lab.test";
    let address = |k: usize| Ipv4Addr::new(127, 77, 0, u8::try_from(k).unwrap());
    let beyond = std::net::TcpListener::bind((address(MAX_ADDRESSES + 1), 443)).unwrap();
    beyond.set_nonblocking(true).unwrap();
    let records: Vec<Rec> =
        (1..=MAX_ADDRESSES + 2).map(|k| Rec::A { name: format!("autoconfig.{zone}"), address: address(k) }).collect();
    let dns = DnsServer::start(zone, &records).unwrap();
    let json = mail(&format!("user@{zone}"), dns.address(), 10.0, &[]);
    let url = format!("https://autoconfig.{zone}/mail/config-v1.1.xml?emailaddress=user%40{zone}");
    let auto = lookup(&json, &url);
    assert_eq!((auto["outcome"].as_str(), auto["error"].as_str()), (Some("failed"), Some("unreachable")), "{auto}");
    let detail = auto["detail"].as_str().unwrap();
    assert!(detail.starts_with(&format!("{} port 443:", address(MAX_ADDRESSES))), "{detail}");
    assert!(beyond.accept().is_err(), "the address past the bound was connected to");
}
