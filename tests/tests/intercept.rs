//! The lab's re-signing proxies (`servers::intercept`): each mints a leaf for whatever name it
//! is asked for, signed by its own root, and relays to the lab's `ok` server. Checked with the
//! real `tls-doctor` binary (build it first: `cargo build -p tls-doctor`, or point
//! `TLS_DOCTOR_BIN` at one) and with a plain rustls client.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers too: a failure stops the test and says why")]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use common::lab;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use serde_json::Value;
use tls_doctor_core::cert;
use tls_doctor_core::interception::match_names;
use tls_doctor_lab::servers::intercept::{self, InterceptProxy};

/// Any name will do: the proxy makes a leaf for what it is asked.
const NAME: &str = "www.intercepted.test";

fn proxy(name: &str) -> &'static InterceptProxy {
    lab().proxy(name).unwrap_or_else(|| panic!("no proxy {name} in the lab"))
}

fn base64_decode(text: &str) -> Vec<u8> {
    let bytes: tls_doctor_core::wire::Bytes = serde_json::from_value(Value::String(text.to_owned())).unwrap();
    bytes.0
}

fn sha256_hex(der: &[u8]) -> String {
    ring::digest::digest(&ring::digest::SHA256, der).as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_lab_runs_three_proxies_with_their_roots_on_disk() {
    let names: Vec<&str> = lab().proxies().iter().map(|p| p.name).collect();
    assert_eq!(names, ["intercept-av", "intercept-corp", "intercept-unknown"]);
    let ok = lab().case("ok").unwrap();
    for proxy in lab().proxies() {
        let on_disk = CertificateDer::from_pem_file(&proxy.root_pem).unwrap();
        assert_eq!(on_disk, proxy.root_der, "{}", proxy.name);
        assert_eq!(proxy.root_sha256, sha256_hex(&proxy.root_der), "{}", proxy.name);
        assert_eq!(proxy.upstream, ok.target());
        let root = cert::parse(&proxy.root_der).unwrap();
        assert!(root.is_ca && root.self_issued(), "{}: {}", proxy.name, root.subject);
        assert_eq!(root.common_name.as_deref(), Some(proxy.root_name.common_name));
        let line = proxy.json();
        assert_eq!(line["name"], proxy.name);
        assert_eq!(line["proxy"], proxy.address.to_string());
        assert_eq!(line["root_pem"], proxy.root_pem.display().to_string());
        assert_eq!(line["root_sha256"], proxy.root_sha256);
        assert_eq!(line["upstream"], ok.target());
        assert!(line.get("args").is_none(), "a proxy is not a case");
    }
}

#[test]
fn only_the_antivirus_root_is_named_like_a_known_product() {
    let product = |root: intercept::RootName| {
        match_names(&[(Some(root.common_name), vec![root.organization])]).map(|p| (p.id, p.kind))
    };
    let antivirus = Some(("eset", tls_doctor_core::wire::InterceptorKind::Antivirus));
    assert_eq!(product(intercept::ANTIVIRUS), antivirus);
    assert_eq!(product(intercept::CORPORATE), None);
    assert_eq!(product(intercept::UNKNOWN), None);
    // The names as the served certificates carry them.
    let leaf = fetch_through(proxy("intercept-av"), NAME).0;
    let leaf = cert::parse(&leaf).unwrap();
    let issuer = cert::parse(&proxy("intercept-av").root_der).unwrap();
    assert!(leaf.issued_by(&issuer));
    assert_eq!(
        match_names(&[(issuer.common_name.as_deref(), vec![intercept::ANTIVIRUS.organization])]).map(|p| p.id),
        Some("eset")
    );
}

/// Connects to `proxy` asking for `name`, trusting only the proxy's root, and sends one GET:
/// the leaf served and the answer.
fn fetch_through(proxy: &InterceptProxy, name: &str) -> (CertificateDer<'static>, String) {
    let mut roots = rustls::RootCertStore::empty();
    roots.add(proxy.root_der.clone()).unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let server_name = ServerName::try_from(name.to_owned()).unwrap();
    let mut connection = rustls::ClientConnection::new(Arc::new(config), server_name).unwrap();
    let mut tcp = TcpStream::connect(proxy.address).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut tls = rustls::Stream::new(&mut connection, &mut tcp);
    let request = format!("GET / HTTP/1.1\r\nHost: {name}\r\nConnection: close\r\n\r\n");
    tls.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    // The lab server closes with close_notify once it has answered.
    tls.read_to_end(&mut answer).unwrap();
    let leaf = connection.peer_certificates().and_then(|c| c.first()).unwrap().clone().into_owned();
    (leaf, String::from_utf8_lossy(&answer).into_owned())
}

#[test]
fn a_client_that_trusts_the_proxy_root_gets_the_upstream_page_for_any_name() {
    for proxy in lab().proxies() {
        for name in [NAME, "example.com", "ok.lab.test"] {
            let (leaf, answer) = fetch_through(proxy, name);
            assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{} {name}: {answer}", proxy.name);
            assert!(answer.ends_with("TLS Doctor lab: hello\n"), "{} {name}: {answer}", proxy.name);
            let leaf = cert::parse(&leaf).unwrap();
            assert_eq!(leaf.dns_names, [name], "{}", proxy.name);
        }
    }
}

/// `CONNECT target` sent to the proxy: its answer head, and the open connection.
fn connect_through(proxy: &InterceptProxy, target: &str) -> (String, TcpStream) {
    let mut tcp = TcpStream::connect(proxy.address).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    tcp.write_all(format!("CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n").as_bytes()).unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && tcp.read(&mut byte).unwrap() == 1 {
        head.push(byte[0]);
    }
    (String::from_utf8_lossy(&head).into_owned(), tcp)
}

#[test]
fn as_an_https_proxy_it_tunnels_to_its_upstream_only_and_re_signs() {
    let proxy = proxy("intercept-av");
    let ok = lab().case("ok").unwrap();
    let (head, mut tcp) = connect_through(proxy, &ok.target());
    assert!(head.starts_with("HTTP/1.1 200 "), "{head}");
    let mut roots = rustls::RootCertStore::empty();
    roots.add(proxy.root_der.clone()).unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let host = ok.target().rsplit_once(':').unwrap().0.to_owned();
    let mut connection =
        rustls::ClientConnection::new(Arc::new(config), ServerName::try_from(host.clone()).unwrap()).unwrap();
    let mut tls = rustls::Stream::new(&mut connection, &mut tcp);
    tls.write_all(format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes()).unwrap();
    let mut answer = Vec::new();
    tls.read_to_end(&mut answer).unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.ends_with("TLS Doctor lab: hello\n"), "{answer}");
    let leaf = cert::parse(connection.peer_certificates().unwrap().first().unwrap()).unwrap();
    assert!(leaf.issued_by(&cert::parse(&proxy.root_der).unwrap()));

    // Nothing but the upstream: the lab reaches no other server.
    let (head, _) = connect_through(proxy, "example.com:443");
    assert!(head.starts_with("HTTP/1.1 403 "), "{head}");
}

/// Whether this `tls-doctor` has `--no-local-probes` (added alongside these proxies).
fn has_no_local_probes(bin: &std::path::Path) -> bool {
    let help = Command::new(bin).args(["check", "--help"]).output().unwrap();
    String::from_utf8_lossy(&help.stdout).contains("--no-local-probes")
}

#[test]
fn tls_doctor_through_a_proxy_sees_the_proxy_root_and_the_upstream_answer() {
    let bin = tls_doctor_lab::tls_doctor_bin();
    let no_local_probes = has_no_local_probes(&bin);
    for proxy in lab().proxies() {
        let target = format!("{NAME}:{}", proxy.address.port());
        let root_pem = proxy.root_pem.display().to_string();
        let address = proxy.address.ip().to_string();
        let mut args = vec!["check", &target, "--address", &address, "--ca-file", &root_pem, "--json"];
        if no_local_probes {
            args.push("--no-local-probes");
        }
        let out = Command::new(&bin).args(&args).output().unwrap();
        let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!("{}: no JSON ({e}): {}", proxy.name, String::from_utf8_lossy(&out.stderr));
        });
        let context = || format!("{} {}\nfindings: {:#}", bin.display(), args.join(" "), json["findings"]);
        let chain = json["evidence"]["handshakes"][0]["chain"].as_array().unwrap_or_else(|| panic!("{}", context()));
        assert_eq!(chain.len(), 1, "the proxy serves its leaf alone: {}", context());
        let leaf = cert::parse(&base64_decode(chain[0].as_str().unwrap())).unwrap();
        let root = cert::parse(&proxy.root_der).unwrap();
        assert!(leaf.issued_by(&root), "{}: issuer {}", proxy.name, leaf.issuer);
        assert_eq!(leaf.issuer_der, root.subject_der, "{}", proxy.name);
        assert_eq!(leaf.dns_names, [NAME]);
        // The upstream answered HTTP through the proxy: its Date header is the server clock.
        let clock = &json["evidence"]["server_clock"];
        assert!(
            clock["header"].as_str().is_some_and(|h| h.ends_with(" GMT")),
            "{}: {clock}\n{}",
            proxy.name,
            context()
        );
    }
}

#[test]
fn an_unreachable_upstream_is_a_bad_gateway() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let dir = std::env::temp_dir().join(format!("tls-doctor-intercept-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let port = tls_doctor_lab::servers::closed_port().unwrap();
    let upstream = intercept::Upstream {
        host: "ok.lab.test".to_owned(),
        address: std::net::SocketAddr::from(([127, 0, 0, 1], port)),
        roots: vec![lab().pki().root_der().clone()],
        starttls: false,
    };
    let proxy = InterceptProxy::start(runtime.handle(), "intercept-test", intercept::UNKNOWN, upstream, &dir).unwrap();
    let (_, answer) = fetch_through(&proxy, NAME);
    assert!(answer.starts_with("HTTP/1.1 502 Bad Gateway\r\n"), "{answer}");
    std::fs::remove_dir_all(&dir).unwrap();
}
