//! The extension's managed settings are checked in JS (`extension/js/managed.js`: the wasm
//! module has no room for it). `tests/node/managed-agreement.json` says how the Rust side reads
//! what managed.js checks; this test holds the host's policy and the model to it, and the Node
//! test `tests/node/managed-agreement.test.mjs` holds managed.js to the same answers.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::Path;

use serde_json::Value;
use tls_doctor_core::wire::StarttlsProtocol;
use tls_doctor_core::{OrgSettings, deadlines};

use super::rules::HostPattern;

fn fixture() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/node/managed-agreement.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect()
}

#[test]
fn the_protocols_are_tls_and_every_starttls_dialogue() {
    let mut ours = vec!["tls"];
    ours.extend(StarttlsProtocol::ALL.iter().map(|p| p.as_str()));
    assert_eq!(strings(&fixture()["protocols"]), ours);
}

#[test]
fn the_probe_deadline_range_is_the_hosts() {
    let f = fixture();
    let range = &f["probe_timeout_seconds"];
    assert_eq!(range["min"].as_u64(), Some(deadlines::CHECK_MIN_MS / 1000));
    assert_eq!(range["max"].as_u64(), Some(deadlines::CHECK_MAX_MS / 1000));
}

#[test]
fn host_patterns_are_read_as_the_fixture_says() {
    let f = fixture();
    for p in strings(&f["host_patterns"]["accepted"]) {
        assert!(HostPattern::parse(p).is_some(), "{p:?} is refused by the host");
    }
    for p in strings(&f["host_patterns"]["refused"]) {
        assert_eq!(HostPattern::parse(p), None, "{p:?} is accepted by the host");
    }
}

#[test]
fn fingerprints_as_managed_js_writes_them_name_the_same_certificate() {
    let f = fixture();
    for case in f["fingerprints"].as_array().unwrap() {
        let input = case["input"].as_str().unwrap();
        let pins = |pin: String| OrgSettings {
            expected_cas: vec![pin.clone()],
            internal_roots: vec![pin],
            ..OrgSettings::default()
        };
        if let Some(sha) = case["sha256"].as_str() {
            // managed.js writes the hash in lower case; the model also reads it as typed.
            for pin in [sha.to_owned(), input.to_owned()] {
                let p = pins(pin);
                assert!(p.expects_anchor(Some(sha), None) && p.internal_anchor(Some(sha), None), "{input}");
                assert!(!p.expects_anchor(None, Some(sha)), "{input}: a certificate hash names no key");
            }
        }
        if let Some(spki) = case["spki"].as_str() {
            let p = pins(format!("spki:{spki}"));
            assert!(p.expects_anchor(None, Some(spki)) && p.internal_anchor(None, Some(spki)), "{input}");
            assert!(!p.expects_anchor(Some(spki), None), "{input}: a key hash names no certificate");
        }
    }
}
