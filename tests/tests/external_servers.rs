//! nginx and `openssl s_server`, set up with the mistakes admins make, diagnosed by the real
//! `tls-doctor` binary. Both programs must be installed (`cargo xtask test` installs them):
//! a missing one fails these tests, it does not skip them.
//!
//! The lab (PKI, AIA server) is shared; each test starts and kills its own server process, so
//! that no process outlives the test that started it.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers too: a failure stops the test and says why")]

mod common;

use common::lab;
use serde_json::json;
use tls_doctor_lab::Case;
use tls_doctor_lab::external::{self, ExternalServer};
use tls_doctor_lab::pki::{self, OTHER_HOST};

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

/// The processes whose command line mentions `needle`.
fn processes_mentioning(needle: &str) -> Vec<u32> {
    let entries = std::fs::read_dir("/proc").unwrap();
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            String::from_utf8_lossy(&cmdline).contains(needle)
        })
        .collect()
}

#[test]
fn dropping_a_server_stops_its_process() {
    let server = nginx();
    let pid = server.pid();
    let port = server.cases()[0].port;
    let proc_dir = std::path::PathBuf::from(format!("/proc/{pid}"));
    assert!(proc_dir.exists(), "nginx's watchdog (pid {pid}) is running");
    // nginx itself, found by the configuration file only this server uses.
    let conf = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap();
    let conf = String::from_utf8_lossy(&conf).split('\0').find(|a| a.ends_with("nginx.conf")).unwrap().to_owned();
    let nginx_itself = processes_mentioning(&conf).into_iter().filter(|pid| {
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        String::from_utf8_lossy(&cmdline).split('\0').next().is_some_and(|argv0| argv0.ends_with("/nginx"))
    });
    assert_eq!(nginx_itself.count(), 1, "nginx runs with {conf}");
    drop(server);
    assert!(!proc_dir.exists(), "the watchdog (pid {pid}) is still there after the drop");
    assert_eq!(processes_mentioning(&conf), Vec::<u32>::new(), "nginx is still there after the drop");
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err(), "port {port} still accepts");
}

/// A test process that ends without dropping its servers (a lab in a `static`, a killed test)
/// leaves none behind: the watchdog sees its standard input close and stops the server.
#[test]
fn a_server_outlives_no_test_process() {
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "start_nginx_and_exit_without_dropping", "--include-ignored", "--nocapture"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .unwrap();
    let mut out = String::new();
    std::io::Read::read_to_string(child.stdout.as_mut().unwrap(), &mut out).unwrap();
    child.wait().unwrap();
    let conf = out.lines().find_map(|l| l.strip_prefix("conf=")).unwrap_or_else(|| panic!("no conf= in {out}"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !processes_mentioning(conf).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(processes_mentioning(conf), Vec::<u32>::new(), "nginx outlived the test process that started it");
}

/// Run by `a_server_outlives_no_test_process` in a process of its own: starts nginx, says which
/// configuration it runs, and exits without dropping it.
#[test]
#[ignore = "run by a_server_outlives_no_test_process"]
fn start_nginx_and_exit_without_dropping() {
    let server = nginx();
    let cmdline = std::fs::read(format!("/proc/{}/cmdline", server.pid())).unwrap();
    let conf = String::from_utf8_lossy(&cmdline).split('\0').find(|a| a.ends_with("nginx.conf")).unwrap().to_owned();
    println!("conf={conf}");
    std::process::exit(0);
}

// ---- what the handshake carries (issue 15): client-certificate requests, a 250 KB leaf ----

fn nginx_handshake() -> (ExternalServer, Vec<external::handshake::Served>) {
    external::handshake::start(lab().pki(), lab().ca_file()).unwrap_or_else(|e| panic!("{e}"))
}

/// The finding `id` of a run, failing with the run's findings when it is not there.
fn finding<'a>(run: &'a tls_doctor_lab::binary::JsonRun, case: &Case, id: &str) -> &'a serde_json::Value {
    let findings = run.json["findings"].as_array().into_iter().flatten();
    findings
        .clone()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in the findings\n{}", common::failure_context(case, run)))
}

#[test]
fn nginx_client_certificates_required_and_optional_in_tls_1_3_and_1_2() {
    let (server, _) = nginx_handshake();
    let servers = [server];
    for name in ["nginx-client-cert-required", "nginx-client-cert-required-tls12"] {
        let case = find(&servers, name);
        let run = common::diagnose(case);
        let context = || common::failure_context(case, &run);
        // nginx's answer without a certificate, and the issuer its ssl_client_certificate names.
        assert_eq!(common::evidence(&run, "status"), 400, "{}", context());
        assert_eq!(common::evidence(&run, "issuers"), &json!([pki::LAB_ROOT]), "{}", context());
        assert!(!run.json["findings"].as_array().unwrap().iter().any(|f| f["id"] == "ok"), "{}", context());
    }
    for name in ["nginx-client-cert-optional", "nginx-client-cert-optional-tls12"] {
        let case = find(&servers, name);
        let run = common::diagnose(case);
        let optional = finding(&run, case, "client_cert_optional");
        assert_eq!(optional["severity"], "info");
        assert_eq!(optional["evidence"]["issuers"], json!([pki::LAB_ROOT]), "{}", common::failure_context(case, &run));
    }
}

#[test]
fn nginx_a_250_kb_leaf_is_too_large_in_tls_1_3_and_1_2() {
    let (server, served) = nginx_handshake();
    let servers = [server];
    let size = |name: &str| served.iter().find(|s| s.name == name).unwrap();
    // TLS 1.2: the version probe reads the Certificate message: every byte, every certificate.
    let case = find(&servers, "nginx-large-leaf-tls12");
    let run = common::diagnose(case);
    let sent = size(case.name);
    assert!(sent.chain_bytes >= external::handshake::LARGE_LEAF_BYTES, "{}", sent.chain_bytes);
    assert_eq!(common::evidence(&run, "bytes"), sent.chain_bytes, "{}", common::failure_context(case, &run));
    assert_eq!(common::evidence(&run, "certificates"), sent.certificates);
    // rustls-webpki cannot read a DER value that long: not a chain_invalid of its own.
    let ids: Vec<&serde_json::Value> = run.json["findings"].as_array().unwrap().iter().map(|f| &f["id"]).collect();
    assert!(!ids.contains(&&json!("chain_invalid")) && !ids.contains(&&json!("handshake_failed")), "{ids:?}");
    // TLS 1.3: encrypted; the host counts the encrypted handshake: the chain, and the few
    // hundred bytes of the messages around it (and their headers).
    let case = find(&servers, "nginx-large-leaf");
    let run = common::diagnose(case);
    let context = || common::failure_context(case, &run);
    let sent = size(case.name);
    let bytes = common::evidence(&run, "bytes").as_u64().unwrap() as usize;
    assert!(
        (sent.chain_bytes..sent.chain_bytes + 2_048).contains(&bytes),
        "{bytes} for {}\n{}",
        sent.chain_bytes,
        context()
    );
    assert!(run.json["findings"][0]["evidence"]["certificates"].is_null(), "{}", context());
    // The failure the size explains is not a finding of its own.
    for id in ["handshake_failed", "chain_invalid"] {
        assert!(!run.json["findings"].as_array().unwrap().iter().any(|f| f["id"] == id), "{id}\n{}", context());
    }
}
