//! The version probes against real servers rustls cannot talk to (nginx speaking only TLS 1.0,
//! gnutls-serv with only RC4/3DES or only AES-CCM, openssl s_server with only static RSA or
//! only DHE-1024), diagnosed by the real `tls-doctor` binary; and what the probes cost: the
//! connections one diagnosis makes, and the time the dead-port cases still take.
//!
//! nginx, openssl and gnutls-serv must be installed (`cargo xtask test` installs them): a
//! missing one fails these tests, it does not skip them.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers too: a failure stops the test and says why")]

mod common;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use serde_json::Value;
use tls_doctor_core::tls::{self, CipherClass};
use tls_doctor_lab::external::{self, ExternalServer};
use tls_doctor_lab::{Case, Lab, binary};

fn lab() -> &'static Lab {
    static LAB: OnceLock<Lab> = OnceLock::new();
    LAB.get_or_init(|| Lab::start().unwrap())
}

fn server(name: &str) -> ExternalServer {
    external::legacy::start(name, lab().pki(), lab().ca_file()).unwrap_or_else(|e| panic!("{e}"))
}

fn case(server: &ExternalServer) -> &Case {
    &server.cases()[0]
}

/// `evidence.versions`, as (version, offer) → the probe's JSON.
fn probe<'a>(run: &'a binary::JsonRun, version: &str, offer: &str) -> &'a Value {
    let versions = run.json["evidence"]["versions"].as_array().unwrap_or_else(|| panic!("no evidence.versions"));
    versions
        .iter()
        .find(|p| p["version"] == version && p["offer"] == offer)
        .unwrap_or_else(|| panic!("no {version}/{offer} probe in {versions:#?}"))
}

fn outcome(p: &Value) -> &str {
    p["outcome"].as_str().unwrap()
}

fn cipher(p: &Value) -> u16 {
    u16::try_from(p["cipher"].as_u64().unwrap_or_else(|| panic!("no cipher in {p:#}"))).unwrap()
}

/// Every probe's one-line summary, for failure messages.
fn summary(run: &binary::JsonRun) -> String {
    let versions = run.json["evidence"]["versions"].as_array().cloned().unwrap_or_default();
    versions
        .iter()
        .map(|p| {
            let cipher = p["cipher"].as_u64().map(|c| tls::name(u16::try_from(c).unwrap())).unwrap_or_default();
            format!(
                "{}/{}: {} {} alert={} answered={} dh_bits={} chain={}",
                p["version"],
                p["offer"],
                p["outcome"],
                cipher,
                p["alert"],
                p["answered"],
                p["dh_bits"],
                p["chain"].as_array().map_or(0, Vec::len)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The probes a browser-era server refuses: everything but `accepted`.
fn assert_only(run: &binary::JsonRun, accepted: &[(&str, &str)]) {
    for p in run.json["evidence"]["versions"].as_array().unwrap() {
        let key = (p["version"].as_str().unwrap(), p["offer"].as_str().unwrap());
        let expected = if accepted.contains(&key) { "accepted" } else { "refused" };
        assert_eq!(outcome(p), expected, "{key:?}\n{}", summary(run));
    }
}

#[test]
fn nginx_speaking_only_tls10() {
    let server = server("nginx-tls10-only");
    let run = common::diagnose(case(&server));
    let context = || format!("{}\n{}", common::failure_context(case(&server), &run), summary(&run));
    assert_only(&run, &[("tls1_0", "all")]);
    assert_eq!(common::evidence(&run, "accepted"), &serde_json::json!(["tls1_0"]), "{}", context());
    let tls10 = probe(&run, "tls1_0", "all");
    assert_eq!(tls::class(cipher(tls10)), CipherClass::EcdheCbc, "{}", context());
    // Asked for TLS 1.1 or 1.2, it answers with a TLS 1.0 ServerHello.
    assert_eq!(probe(&run, "tls1_1", "all")["answered"], "tls1_0", "{}", context());
    // rustls could not talk to it: the chain comes from the TLS 1.0 probe, and is verified.
    assert!(run.json["evidence"]["handshakes"][0]["chain"].as_array().is_none_or(Vec::is_empty));
    let chain = tls10["chain"].as_array().unwrap();
    assert_eq!(chain.len(), 2, "leaf and intermediate\n{}", context());
    let leaf = tls_doctor_core::cert::parse(&base64_decode(chain[0].as_str().unwrap())).unwrap();
    assert_eq!(leaf.dns_names, [case(&server).host], "{}", context());
    let custom = tls10["trust"].as_array().unwrap().iter().find(|t| t["store"] == "custom").unwrap();
    assert_eq!(custom["verdict"]["result"], "trusted", "{}", context());
    // The other probes keep no copy of it.
    let chains: usize = run.json["evidence"]["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["chain"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(chains, 2);
}

#[test]
fn gnutls_offering_only_rc4_and_3des() {
    let server = server("gnutls-rc4-3des");
    let run = common::diagnose(case(&server));
    assert_only(&run, &[("tls1_0", "all"), ("tls1_1", "all"), ("tls1_2", "legacy")]);
    for (version, offer) in [("tls1_0", "all"), ("tls1_1", "all"), ("tls1_2", "legacy")] {
        let class = tls::class(cipher(probe(&run, version, offer)));
        assert!(matches!(class, CipherClass::TripleDes | CipherClass::Rc4), "{version}: {class:?}\n{}", summary(&run));
    }
}

#[test]
fn openssl_offering_only_static_rsa() {
    let server = server("openssl-static-rsa");
    let run = common::diagnose(case(&server));
    assert_only(&run, &[("tls1_2", "legacy")]);
    let p = probe(&run, "tls1_2", "legacy");
    assert_eq!(tls::name(cipher(p)), "TLS_RSA_WITH_AES_128_CBC_SHA", "{}", summary(&run));
    assert!(p["dh_bits"].is_null());
}

#[test]
fn openssl_offering_only_dhe_1024() {
    let server = server("openssl-dhe-1024");
    let run = common::diagnose(case(&server));
    assert_only(&run, &[("tls1_2", "legacy")]);
    let p = probe(&run, "tls1_2", "legacy");
    assert_eq!(tls::class(cipher(p)), CipherClass::Dhe, "{}", summary(&run));
    assert_eq!(p["dh_bits"], external::legacy::DHE_WEAK_BITS, "{}", summary(&run));
}

#[test]
fn gnutls_offering_only_aes_ccm() {
    let server = server("gnutls-ccm-only");
    let run = common::diagnose(case(&server));
    assert_only(&run, &[]);
    for p in run.json["evidence"]["versions"].as_array().unwrap() {
        assert!(p["alert"].is_string(), "every refusal is an alert\n{}", summary(&run));
    }
}

/// Counts the TCP connections `tls-doctor` opens for one diagnosis of the healthy lab case,
/// through a forwarder in front of it: 2 rustls handshakes (with and without SNI) and 6
/// version probes.
#[test]
fn one_diagnosis_opens_eight_connections_to_the_target() {
    let ok = lab().case("ok").unwrap();
    let (port, accepted) = counting_forwarder(ok.port);
    let through = Case { port, ..ok.clone() };
    let run = common::diagnose(&through);
    // The forwarder counts on its own thread; give the last accept a moment.
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(accepted.load(Ordering::SeqCst), 8, "{}", summary(&run));
    assert_eq!(run.json["evidence"]["versions"].as_array().unwrap().len(), 6);
    assert_eq!(outcome(probe(&run, "tls1_3", "modern")), "accepted", "{}", summary(&run));
    assert_eq!(outcome(probe(&run, "tls1_2", "modern")), "accepted", "{}", summary(&run));
    assert_eq!(outcome(probe(&run, "tls1_0", "all")), "refused", "{}", summary(&run));
}

/// The cases where nothing answers end within their timeouts, and a closed port is not probed
/// again by the version probes.
#[test]
fn dead_ports_still_end_within_their_timeouts() {
    for (name, limit) in [("silent-port", 4), ("closed-port", 2), ("reset", 2)] {
        let case = lab().case(name).unwrap();
        let run = common::diagnose(case);
        assert!(run.run.elapsed < Duration::from_secs(limit), "{name}: {:?}", run.run.elapsed);
        let versions = run.json["evidence"]["versions"].as_array().map_or(0, Vec::len);
        match name {
            "closed-port" => assert_eq!(versions, 0, "{}", summary(&run)),
            _ => assert_eq!(versions, 6, "{}", summary(&run)),
        }
    }
}

/// A TCP forwarder on 127.0.0.1 to `upstream`, counting the connections it accepts.
fn counting_forwarder(upstream: u16) -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    let count = Arc::new(AtomicUsize::new(0));
    let counter = count.clone();
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(client) = client else { continue };
            counter.fetch_add(1, Ordering::SeqCst);
            let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)) else { continue };
            let (client2, server2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            std::thread::spawn(move || pipe(client, server));
            std::thread::spawn(move || pipe(server2, client2));
        }
    });
    (port, count)
}

fn pipe(mut from: TcpStream, mut to: TcpStream) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if to.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
        }
    }
    let _ = to.shutdown(Shutdown::Write);
}

fn base64_decode(text: &str) -> Vec<u8> {
    let bytes: tls_doctor_core::wire::Bytes = serde_json::from_value(Value::String(text.to_owned())).unwrap();
    bytes.0
}
