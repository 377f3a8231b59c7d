//! nginx and `openssl s_server`, set up with the mistakes admins make, diagnosed by the real
//! `tls-doctor` binary. Both programs must be installed (`cargo xtask test` installs them):
//! a missing one fails these tests, it does not skip them.
//!
//! The lab (PKI, AIA server) is shared; each test starts and kills its own server process, so
//! that no process outlives the test that started it.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers too: a failure stops the test and says why")]

mod common;

use std::sync::OnceLock;

use serde_json::json;
use tls_doctor_lab::external::{self, ExternalServer};
use tls_doctor_lab::pki::{self, OTHER_HOST};
use tls_doctor_lab::{Case, Lab};

fn lab() -> &'static Lab {
    static LAB: OnceLock<Lab> = OnceLock::new();
    LAB.get_or_init(|| Lab::start().unwrap())
}

fn nginx() -> ExternalServer {
    external::nginx::start(lab().pki(), lab().ca_file()).unwrap_or_else(|e| panic!("{e}"))
}

fn openssl() -> Vec<ExternalServer> {
    external::openssl::start(lab().pki(), lab().ca_file()).unwrap_or_else(|e| panic!("{e}"))
}

fn find<'a>(servers: &'a [ExternalServer], name: &str) -> &'a Case {
    let cases = || servers.iter().flat_map(|s| s.cases());
    cases().find(|c| c.name == name).unwrap_or_else(|| panic!("no case {name} among {:?}", cases().collect::<Vec<_>>()))
}

fn expired(case: &Case) {
    let run = common::diagnose(case);
    assert_eq!(common::evidence(&run, "subject"), case.host);
    assert_eq!(common::evidence(&run, "days_ago"), pki::EXPIRED_DAYS_AGO);
}

fn wrong_host(case: &Case) {
    let run = common::diagnose(case);
    assert_eq!(common::evidence(&run, "requested"), case.host);
    assert_eq!(common::evidence(&run, "dns_names"), &json!([OTHER_HOST]));
}

fn incomplete_chain(case: &Case) {
    let run = common::diagnose(case);
    let context = || common::failure_context(case, &run);
    assert_eq!(common::evidence(&run, "confirmed"), true, "the AIA fetch completed the chain\n{}", context());
    assert_eq!(common::evidence(&run, "aia_url"), lab().aia_url());
}

#[test]
fn nginx_expired() {
    let servers = [nginx()];
    expired(find(&servers, "nginx-expired"));
}

#[test]
fn nginx_wrong_host() {
    let servers = [nginx()];
    wrong_host(find(&servers, "nginx-wrong-host"));
}

#[test]
fn nginx_incomplete_chain() {
    let servers = [nginx()];
    incomplete_chain(find(&servers, "nginx-incomplete-chain"));
}

#[test]
fn openssl_expired() {
    expired(find(&openssl(), "openssl-expired"));
}

#[test]
fn openssl_wrong_host() {
    wrong_host(find(&openssl(), "openssl-wrong-host"));
}

#[test]
fn openssl_incomplete_chain() {
    incomplete_chain(find(&openssl(), "openssl-incomplete-chain"));
}

/// nginx with `ssl_stapling_file`: the staple is seen, verifies against the intermediate, and
/// says good; the responder and the CRL agree.
#[test]
fn nginx_stapled_good() {
    let server = external::stapled::start(lab().pki(), lab().ca_file()).unwrap_or_else(|e| panic!("{e}"));
    let servers = [server];
    let case = find(&servers, "stapled-good");
    let run = common::diagnose(case);
    let checks = run.json["evidence"]["revocation"].as_array().unwrap();
    let outcome = |method: &str| checks.iter().find(|c| c["method"] == method).unwrap_or_else(|| panic!("{method}"));
    for method in ["staple", "ocsp", "crl"] {
        assert_eq!(outcome(method)["outcome"], "answered", "{method}: {:#}", outcome(method));
        assert_eq!(outcome(method)["status"]["status"], "good", "{method}");
    }
    assert!(outcome("staple")["next_update"].is_string(), "-ndays 1 sets nextUpdate");
}

#[test]
fn dropping_a_server_kills_its_process() {
    let server = nginx();
    let pid = server.pid();
    let proc_dir = std::path::PathBuf::from(format!("/proc/{pid}"));
    assert!(proc_dir.exists(), "nginx (pid {pid}) is running");
    drop(server);
    assert!(!proc_dir.exists(), "nginx (pid {pid}) is still there after the drop");
}
