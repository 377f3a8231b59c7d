//! Every in-process lab case, diagnosed by the real `tls-doctor` binary (build it first:
//! `cargo build -p tls-doctor`, or point `TLS_DOCTOR_BIN` at one).
//!
//! One lab serves all tests of this file; it lives as long as the test process.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers too: a failure stops the test and says why")]

mod common;

use std::sync::OnceLock;

use serde_json::{Value, json};
use tls_doctor_lab::cases::{LONG_CHAIN_CERTIFICATES, UNRESOLVABLE_HOST};
use tls_doctor_lab::pki::{self, OTHER_HOST};
use tls_doctor_lab::{Case, Lab, binary};

fn lab() -> &'static Lab {
    static LAB: OnceLock<Lab> = OnceLock::new();
    LAB.get_or_init(|| Lab::start().unwrap())
}

fn case(name: &str) -> &'static Case {
    lab().case(name).unwrap_or_else(|| panic!("no case {name} in the lab"))
}

/// One test per case, so that a failure names the case; each checks the contract, the primary
/// finding, and the facts the lab created that the finding must echo.
macro_rules! cases {
    ($($test:ident => $name:literal,)*) => {
        $(
            #[test]
            fn $test() {
                let case = case($name);
                let run = common::diagnose(case);
                facts(case, &run);
            }
        )*

        const TESTED: &[&str] = &[$($name,)*];
    };
}

cases! {
    ok => "ok",
    expired => "expired",
    not_yet_valid => "not-yet-valid",
    expiring_soon => "expiring-soon",
    wrong_host => "wrong-host",
    self_signed => "self-signed",
    untrusted_root => "untrusted-root",
    incomplete_chain => "incomplete-chain",
    intermediate_expired => "intermediate-expired",
    expired_cross_sign => "expired-cross-sign",
    chain_wrong_order => "chain-wrong-order",
    root_in_chain => "root-in-chain",
    validity_too_long => "validity-too-long",
    wrong_usage => "wrong-usage",
    cn_only => "cn-only",
    sni_default_cert => "sni-default-cert",
    garbage_cert => "garbage-cert",
    long_chain => "long-chain",
    client_cert_required => "client-cert-required",
    http_on_tls_port => "http-on-tls-port",
    smtp_banner => "smtp-banner",
    reset => "reset",
    starttls_implicit_tls => "starttls-implicit-tls",
    starttls_refused => "starttls-refused",
    starttls_hang_up => "starttls-hang-up",
    starttls_injection => "starttls-injection",
    starttls_endless_reply => "starttls-endless-reply",
    starttls_silent => "starttls-silent",
    silent_port => "silent-port",
    closed_port => "closed-port",
    dns_failure => "dns-failure",
    revoked => "revoked",
    ocsp_unreachable => "ocsp-unreachable",
    must_staple_no_staple => "must-staple-no-staple",
    stapled_stale => "stapled-stale",
}

/// Facts of the primary finding's evidence that the lab itself created.
fn facts(case: &Case, run: &binary::JsonRun) {
    let ev = |key| common::evidence(run, key);
    let context = || common::failure_context(case, run);
    match case.name {
        "ok" => {
            let trusted_by = ev("trusted_by").as_array().unwrap();
            assert!(trusted_by.contains(&json!("custom")), "the lab root is trusted\n{}", context());
        }
        "expired" => {
            assert_eq!(ev("subject"), case.host);
            assert_eq!(ev("days_ago"), pki::EXPIRED_DAYS_AGO);
        }
        "not-yet-valid" => assert_eq!(ev("days_until"), pki::NOT_YET_VALID_IN_DAYS),
        "expiring-soon" => assert_eq!(ev("days_left"), pki::EXPIRING_IN_DAYS),
        "wrong-host" => {
            assert_eq!(ev("requested"), case.host);
            assert_eq!(ev("dns_names"), &json!([OTHER_HOST]));
        }
        "self-signed" => assert_eq!(ev("subject"), case.host),
        "untrusted-root" => assert_eq!(ev("issuer"), pki::UNTRUSTED_ROOT),
        "incomplete-chain" => {
            assert_eq!(ev("confirmed"), true, "the AIA fetch completed the chain\n{}", context());
            assert_eq!(ev("aia_url"), lab().aia_url());
            assert_eq!(ev("missing_issuer"), pki::LAB_INTERMEDIATE);
        }
        "intermediate-expired" => {
            assert_eq!(ev("position"), 1);
            assert_eq!(ev("subject"), pki::EXPIRED_INTERMEDIATE);
            assert_eq!(ev("days_ago"), pki::INTERMEDIATE_EXPIRED_DAYS_AGO);
        }
        "expired-cross-sign" => {
            assert_eq!(ev("position"), 2);
            assert_eq!(ev("subject"), pki::LAB_ROOT);
            assert_eq!(ev("issuer"), pki::LEGACY_ROOT);
            assert_eq!(ev("days_ago"), pki::CROSS_SIGN_EXPIRED_DAYS_AGO);
            assert_eq!(run.finding_ids(), ["expired_cross_sign"], "{}", context());
        }
        "chain-wrong-order" => {
            let subjects: Vec<&Value> =
                run.json["certificates"].as_array().unwrap().iter().map(|c| &c["subject"]).collect();
            assert!(subjects[1].as_str().unwrap().contains(pki::LAB_INTERMEDIATE), "{}", context());
            assert!(subjects[2].as_str().unwrap().contains(pki::SUB_INTERMEDIATE), "{}", context());
            assert_eq!(run.finding_ids(), ["chain_wrong_order"], "{}", context());
        }
        "root-in-chain" => {
            assert_eq!(run.finding_ids(), ["ok", "root_in_chain"], "{}", context());
            assert_eq!(run.json["findings"][1]["evidence"]["subject"], pki::LAB_ROOT);
        }
        "validity-too-long" => assert_eq!(ev("days"), pki::TOO_LONG_VALIDITY_DAYS),
        "wrong-usage" => assert_eq!(ev("purposes"), &json!(["clientAuth"])),
        "cn-only" => {
            assert_eq!(ev("cn_only"), true);
            assert_eq!(ev("common_name"), case.host);
            assert_eq!(ev("dns_names"), &json!([]));
        }
        "sni-default-cert" => {
            assert_eq!(ev("requested"), case.host);
            assert_eq!(ev("default_names"), &json!([OTHER_HOST]));
        }
        "garbage-cert" => assert_eq!(ev("position"), 0),
        "long-chain" => assert_eq!(ev("certificates"), LONG_CHAIN_CERTIFICATES),
        "client-cert-required" => {}
        "http-on-tls-port" => {
            assert_eq!(ev("seen"), "http");
            assert!(ev("first_line").as_str().unwrap().starts_with("HTTP/1.1 400"), "{}", context());
        }
        "smtp-banner" => {
            assert_eq!(ev("seen"), "smtp");
            assert_eq!(ev("first_line"), tls_doctor_lab::servers::plaintext::SMTP_BANNER.trim_end());
        }
        "reset" => assert_eq!(ev("how"), "reset"),
        "starttls-implicit-tls" => {
            assert_eq!(ev("seen"), "tls");
            assert_eq!(ev("starttls"), "smtp");
            let roles: Vec<&Value> =
                run.json["evidence"]["handshakes"].as_array().unwrap().iter().map(|h| &h["role"]).collect();
            assert!(roles.contains(&&json!("direct_tls")), "a direct handshake told implicit TLS\n{}", context());
        }
        "starttls-refused" => {
            assert_eq!(ev("failure")["kind"], "refused");
            assert!(ev("failure")["reply"].as_str().unwrap().starts_with("454 4.7.0"), "{}", context());
        }
        "starttls-hang-up" => {
            assert_eq!(ev("failure")["kind"], "cut");
            assert_eq!(ev("failure")["during"], "handshake");
        }
        "starttls-injection" | "starttls-endless-reply" => {
            assert_eq!(ev("failure")["kind"], "protocol_error", "{}", context());
        }
        "starttls-silent" => assert_eq!(ev("stage"), "greeting"),
        "silent-port" => assert_eq!(ev("stage"), "tls_handshake"),
        "closed-port" => {
            assert_eq!(ev("port"), case.port);
            assert_eq!(ev("address"), "127.0.0.1");
        }
        "dns-failure" => assert_eq!(ev("host"), UNRESOLVABLE_HOST),
        // The revocation evidence itself is checked in tests/revocation.rs.
        "revoked" => assert_eq!(ev("reason"), pki::REVOKED_REASON),
        "ocsp-unreachable" => assert_eq!(ev("methods"), &json!(["ocsp"])),
        "must-staple-no-staple" => {}
        "stapled-stale" => assert!(ev("next_update").is_string(), "{}", context()),
        other => panic!("no facts listed for case {other}"),
    }
}

#[test]
fn every_case_of_the_lab_has_a_test() {
    let untested: Vec<&str> = lab().cases().iter().map(|c| c.name).filter(|n| !TESTED.contains(n)).collect();
    assert!(untested.is_empty(), "add these cases to the cases! list: {untested:?}");
}

#[test]
fn the_report_speaks_japanese_when_asked() {
    let case = case("expired");
    let run = binary::run(&tls_doctor_lab::tls_doctor_bin(), case, &["--lang", "ja"]).unwrap();
    assert_eq!(run.code, Some(case.expected_exit_code()), "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("有効期限"), "no 有効期限 in:\n{}", run.stdout);
}

#[test]
fn the_ok_case_is_healthy_in_every_finding() {
    let run = common::diagnose(case("ok"));
    assert_eq!(run.finding_ids(), ["ok"], "{:#}", run.json["findings"]);
    let sides: Vec<&Value> = run.json["findings"].as_array().unwrap().iter().map(|f| &f["side"]).collect();
    assert_eq!(sides, [&json!("none")]);
}
