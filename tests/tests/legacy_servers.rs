//! The version probes against real servers rustls cannot talk to (nginx speaking only TLS 1.0,
//! gnutls-serv with only RC4/3DES or only AES-CCM, openssl s_server with only static RSA or
//! only DHE-1024), diagnosed by the real `tls-doctor` binary; servers that work but keep an old
//! door open (nginx with TLS 1.0 beside 1.2 and 1.3, openssl s_server with static RSA beside
//! ECDHE) or serve a leaf browsers refuse (an RSA-1024 key, a SHA-1 signature); and what the
//! probes cost: the connections one diagnosis makes, and the time the dead-port cases still
//! take.
//!
//! nginx, openssl and gnutls-serv must be installed (`cargo xtask test` installs them): a
//! missing one fails these tests, it does not skip them.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers too: a failure stops the test and says why")]

mod common;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::lab;
use serde_json::Value;
use tls_doctor_core::tls::{self, CipherClass};
use tls_doctor_lab::external::{self, ExternalServer};
use tls_doctor_lab::{Case, binary};

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

/// The findings after the primary one that are more than info: none when the lab's leaf and
/// server differ from a healthy one only in what the case is about.
fn other_problems(run: &binary::JsonRun) -> Vec<&str> {
    let findings = run.json["findings"].as_array().unwrap();
    findings.iter().skip(1).filter(|f| f["severity"] != "info").map(|f| f["id"].as_str().unwrap()).collect()
}

/// The primary handshake's `tls` outcome (rustls).
fn rustls_outcome(run: &binary::JsonRun) -> &Value {
    &run.json["evidence"]["handshakes"][0]["tls"]
}

/// The primary handshake's verdict from the `--ca-file` store (the lab root).
fn custom_verdict(run: &binary::JsonRun) -> &Value {
    let trust = run.json["evidence"]["handshakes"][0]["trust"].as_array().unwrap();
    &trust.iter().find(|t| t["store"] == "custom").unwrap()["verdict"]
}

#[test]
fn nginx_with_tls10_left_beside_tls12_and_tls13() {
    let server = server("nginx-legacy-enabled");
    let run = common::diagnose(case(&server));
    let context = || format!("{}\n{}", common::failure_context(case(&server), &run), summary(&run));
    assert_eq!(common::evidence(&run, "versions"), &serde_json::json!(["tls1_0"]), "{}", context());
    assert_only(&run, &[("tls1_0", "all"), ("tls1_2", "modern"), ("tls1_2", "legacy"), ("tls1_3", "modern")]);
    // TLS 1.1 is off: asked for it, nginx answers with TLS 1.0.
    assert_eq!(probe(&run, "tls1_1", "all")["answered"], "tls1_0", "{}", context());
    // Browsers (and rustls) get TLS 1.3.
    assert_eq!(rustls_outcome(&run)["outcome"], "established", "{}", context());
    assert_eq!(rustls_outcome(&run)["version"], "TLS 1.3", "{}", context());
    // What TLS 1.2 gives a client without AEAD suites is ECDHE with CBC: old, not weak.
    assert_eq!(tls::class(cipher(probe(&run, "tls1_2", "legacy"))), CipherClass::EcdheCbc, "{}", context());
    assert_eq!(other_problems(&run), Vec::<&str>::new(), "{}", context());
}

#[test]
fn openssl_with_static_rsa_beside_ecdhe() {
    let server = server("openssl-weak-cipher-enabled");
    let run = common::diagnose(case(&server));
    let context = || format!("{}\n{}", common::failure_context(case(&server), &run), summary(&run));
    assert_eq!(common::evidence(&run, "version"), "tls1_2", "{}", context());
    assert_eq!(common::evidence(&run, "cipher"), "TLS_RSA_WITH_AES_128_CBC_SHA", "{}", context());
    assert_eq!(common::evidence(&run, "weakness"), &serde_json::json!({ "kind": "static_rsa" }), "{}", context());
    assert_only(&run, &[("tls1_2", "modern"), ("tls1_2", "legacy")]);
    let modern = probe(&run, "tls1_2", "modern");
    assert_eq!(tls::name(cipher(modern)), "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "{}", context());
    let legacy = probe(&run, "tls1_2", "legacy");
    assert_eq!(tls::class(cipher(legacy)), CipherClass::StaticRsa, "{}", context());
    assert_eq!(rustls_outcome(&run)["outcome"], "established", "{}", context());
    assert_eq!(rustls_outcome(&run)["cipher"], "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "{}", context());
    assert_eq!(other_problems(&run), Vec::<&str>::new(), "{}", context());
}

#[test]
fn openssl_serving_an_rsa_1024_leaf() {
    let server = server("openssl-weak-key");
    let run = common::diagnose(case(&server));
    let context = || format!("{}\n{}", common::failure_context(case(&server), &run), summary(&run));
    let bits = external::legacy::WEAK_RSA_BITS;
    assert_eq!(common::evidence(&run, "key"), &format!("RSA {bits}"), "{}", context());
    assert_eq!(common::evidence(&run, "position"), 0, "{}", context());
    assert_eq!(common::evidence(&run, "subject"), case(&server).host, "{}", context());
    // The leaf is otherwise the lab's: signed by the lab intermediate (ECDSA, SHA-256) and
    // trusted through --ca-file.
    let leaf = &run.json["certificates"][0];
    assert_eq!(leaf["key"], format!("RSA {bits}"), "{}", context());
    assert_eq!(leaf["signature"], "ecdsa-with-SHA256", "{}", context());
    assert_eq!(leaf["issuer"], format!("CN={},O=TLS Doctor Lab", tls_doctor_lab::pki::LAB_INTERMEDIATE));
    assert_eq!(custom_verdict(&run)["result"], "trusted", "{}", context());
    // rustls (ring) verifies no signature by an RSA key under 2048 bits: its handshake fails
    // on the server's signature, after the chain was recorded. The weak key explains that
    // failure, so it is not a finding of its own.
    assert_eq!(rustls_outcome(&run)["outcome"], "failed", "{}", context());
    assert!(rustls_outcome(&run)["detail"].as_str().unwrap().starts_with("invalid peer certificate"), "{}", context());
    assert_eq!(run.json["evidence"]["handshakes"][0]["chain"].as_array().map_or(0, Vec::len), 2, "{}", context());
    // The server itself speaks TLS 1.2 and 1.3 with ECDHE and AES-GCM.
    assert_only(&run, &[("tls1_2", "modern"), ("tls1_3", "modern")]);
    assert_eq!(other_problems(&run), Vec::<&str>::new(), "{}", context());
}

/// An RSA-512 key cannot sign a TLS 1.3 handshake at all, so the server refuses it (a browser
/// sees the handshake fail, not a certificate error): the short key is the cause, and it is
/// the primary finding, above the failed handshake it explains.
#[test]
fn openssl_serving_an_rsa_512_leaf() {
    let server = server("openssl-rsa-512");
    let run = common::diagnose(case(&server));
    let context = || format!("{}\n{}", common::failure_context(case(&server), &run), summary(&run));
    let bits = external::legacy::TINY_RSA_BITS;
    assert_eq!(common::evidence(&run, "key"), &format!("RSA {bits}"), "{}", context());
    assert_eq!(common::evidence(&run, "position"), 0, "{}", context());
    // The handshake a browser starts (TLS 1.3) fails on the server's side.
    assert_eq!(rustls_outcome(&run)["outcome"], "alert", "{}", context());
    // Nothing else is wrong, and the failed handshake is not a second cause.
    assert_eq!(other_problems(&run), Vec::<&str>::new(), "{}", context());
}

#[test]
fn openssl_serving_a_leaf_signed_with_sha1() {
    let server = server("sha1-signed");
    let run = common::diagnose(case(&server));
    let context = || format!("{}\n{}", common::failure_context(case(&server), &run), summary(&run));
    assert_eq!(common::evidence(&run, "algorithm"), "ecdsa-with-SHA1", "{}", context());
    assert_eq!(common::evidence(&run, "position"), 0, "{}", context());
    assert_eq!(common::evidence(&run, "subject"), case(&server).host, "{}", context());
    let certificates = run.json["certificates"].as_array().unwrap();
    assert_eq!(certificates.len(), 2, "{}", context());
    assert_eq!(certificates[0]["signature"], "ecdsa-with-SHA1", "{}", context());
    assert_eq!(certificates[0]["key"], "EC P-256", "{}", context());
    assert_eq!(certificates[0]["dns_names"], serde_json::json!([case(&server).host]), "{}", context());
    // The intermediate that signed it is the lab's, itself signed with SHA-256.
    assert_eq!(certificates[0]["issuer"], certificates[1]["subject"], "{}", context());
    assert_eq!(certificates[1]["signature"], "ecdsa-with-SHA256", "{}", context());
    // The handshake itself is fine (its signature is the leaf key's, with SHA-256); only the
    // certificate's signature is SHA-1, which webpki will not verify either.
    assert_eq!(rustls_outcome(&run)["outcome"], "established", "{}", context());
    let verdict = custom_verdict(&run);
    assert_eq!(
        (&verdict["result"], &verdict["reason"]),
        (&"rejected".into(), &"unsupported_signature_algorithm".into())
    );
    // That rejection is the weak signature's doing: no `chain_invalid` beside it.
    assert_eq!(other_problems(&run), Vec::<&str>::new(), "{}", context());
    assert_only(&run, &[("tls1_2", "modern"), ("tls1_3", "modern")]);
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
