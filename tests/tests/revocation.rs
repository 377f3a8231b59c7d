//! Revocation, end to end: the real `tls-doctor` against the lab's leaves, its OCSP responder
//! (`openssl ocsp`) and its CRL. Each test checks the facts in `evidence.revocation` and the
//! finding they lead to (`common::diagnose` checks the primary finding and the exit code).

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers too: a failure stops the test and says why")]

mod common;

use common::{case, lab};
use serde_json::Value;
use tls_doctor_lab::servers::aia::{CRL_PATH, INTERMEDIATE_PATH};
use tls_doctor_lab::{binary, pki};

fn crl_url() -> String {
    lab().aia_url().replace(INTERMEDIATE_PATH, CRL_PATH)
}

/// `evidence.revocation`'s check by `method`, failing with all of them when it is absent.
fn check<'a>(run: &'a binary::JsonRun, method: &str) -> &'a Value {
    let checks = run.json["evidence"]["revocation"].as_array().unwrap_or_else(|| panic!("no revocation evidence"));
    checks
        .iter()
        .find(|c| c["method"] == method)
        .unwrap_or_else(|| panic!("no {method} check in {:#}", run.json["evidence"]["revocation"]))
}

fn status(check: &Value) -> &str {
    assert_eq!(check["outcome"], "answered", "{check:#}");
    check["status"]["status"].as_str().unwrap()
}

fn timestamp(value: &Value) -> i64 {
    tls_doctor_core::Timestamp::parse_rfc3339(value.as_str().unwrap()).unwrap().unix()
}

#[test]
fn a_healthy_leaf_is_good_by_ocsp_and_by_crl() {
    let run = common::diagnose(case("ok"));
    let (staple, ocsp, crl) = (check(&run, "staple"), check(&run, "ocsp"), check(&run, "crl"));
    assert_eq!(staple["outcome"], "not_available");
    assert_eq!(ocsp["url"], lab().ocsp_url());
    assert_eq!(status(ocsp), "good");
    assert!(ocsp["next_update"].is_string(), "openssl ocsp -nmin sets nextUpdate: {ocsp:#}");
    assert_eq!(crl["url"], crl_url());
    assert_eq!(status(crl), "good");
}

#[test]
fn a_revoked_leaf_is_revoked_by_both() {
    let run = common::diagnose(case("revoked"));
    assert_eq!(common::evidence(&run, "reason"), pki::REVOKED_REASON);
    let measured_at = timestamp(&run.json["evidence"]["measured_at"]);
    for method in ["ocsp", "crl"] {
        let check = check(&run, method);
        assert_eq!(status(check), "revoked", "{method}");
        assert_eq!(check["status"]["reason"], pki::REVOKED_REASON, "{method}");
        let days_ago = (measured_at - timestamp(&check["status"]["revoked_at"])) / 86_400;
        assert_eq!(days_ago, pki::REVOKED_DAYS_AGO, "{method}: {check:#}");
    }
}

#[test]
fn an_unreachable_responder_is_not_a_revocation() {
    let run = common::diagnose(case("ocsp-unreachable"));
    let ocsp = check(&run, "ocsp");
    assert_eq!(ocsp["outcome"], "failed", "a refused connection: {ocsp:#}");
    assert_eq!(check(&run, "crl")["outcome"], "not_available");
    assert!(!run.finding_ids().contains(&"revoked"), "{:?}", run.finding_ids());
    let severity = &run.json["findings"][0]["severity"];
    assert!(severity == "warning" || severity == "info", "{severity}");
}

#[test]
fn a_must_staple_leaf_without_a_staple() {
    let run = common::diagnose(case("must-staple-no-staple"));
    assert_eq!(check(&run, "staple")["outcome"], "not_available");
    assert_eq!(status(check(&run, "ocsp")), "good", "the responder is fine; only the staple is missing");
}

#[test]
fn a_stale_staple_is_seen_with_its_dates() {
    let run = common::diagnose(case("stapled-stale"));
    let staple = check(&run, "staple");
    assert_eq!(status(staple), "good");
    assert_eq!(staple["url"], "");
    let measured_at = timestamp(&run.json["evidence"]["measured_at"]);
    let days_ago = (measured_at - timestamp(&staple["next_update"])) / 86_400;
    assert_eq!(days_ago, pki::STALE_STAPLE_DAYS_AGO, "{staple:#}");
    assert_eq!(status(check(&run, "ocsp")), "good");
}

/// A live responder on loopback costs milliseconds, not the budget: the existing cases are not
/// slowed. (Loose bounds for a loaded CI machine; the report prints what was measured.)
#[test]
fn revocation_checks_against_live_servers_take_milliseconds() {
    let run = common::diagnose(case("ok"));
    for method in ["ocsp", "crl"] {
        let elapsed = check(&run, method)["elapsed_ms"].as_u64().unwrap();
        eprintln!("{method}: {elapsed} ms; whole diagnosis {} ms", run.json["evidence"]["elapsed_ms"]);
        assert!(elapsed < 500, "{method} took {elapsed} ms");
    }
}
