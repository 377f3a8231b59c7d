//! A shared host's own server name, end to end: the customer's SRV records name
//! `mail.customer.lab.test`, whose server (a shared host's) presents a certificate for
//! `sv1234.shared.lab.test` only. The real binary resolves that name through the lab's DNS
//! server (`--dns-server`), checks the server again under it when it resolves to the same
//! address, and recommends it; when it resolves elsewhere, nothing is suggested.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::net::Ipv4Addr;
use std::path::PathBuf;

use serde_json::Value;
use tls_doctor_core::wire::MailReport;
use tls_doctor_lab::pki::{Pki, Validity};
use tls_doctor_lab::servers::dns::{DnsServer, Rec};
use tls_doctor_lab::servers::tls;

const SHARED: &str = "sv1234.shared.lab.test";
const CUSTOMER: &str = "mail.customer.lab.test";

/// The lab of one test: its PKI, the runtime of its TLS servers, the root as a CA file.
struct Lab {
    pki: Pki,
    runtime: tokio::runtime::Runtime,
    ca_file: PathBuf,
}

impl Lab {
    fn new(name: &str) -> Self {
        let pki = Pki::generate("http://127.0.0.1:9/intermediate.der").unwrap();
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let ca_file = std::env::temp_dir().join(format!("tls-doctor-providers-{name}-{}.pem", std::process::id()));
        std::fs::write(&ca_file, pki.root_pem()).unwrap();
        Self { pki, runtime, ca_file }
    }

    /// The shared host: an implicit-TLS server whose certificate names `SHARED` only, whatever
    /// name the client asks for; its port.
    fn shared_server(&self) -> u16 {
        let leaf = self.pki.leaf(SHARED, Validity::CURRENT).unwrap();
        tls::spawn(self.runtime.handle(), tls::single(&leaf).unwrap()).unwrap()
    }

    /// A shared host whose certificate names a wildcard only (`*.shared.lab.test`).
    fn wildcard_server(&self) -> u16 {
        let leaf = self.pki.leaf("*.shared.lab.test", Validity::CURRENT).unwrap();
        tls::spawn(self.runtime.handle(), tls::single(&leaf).unwrap()).unwrap()
    }

    /// The customer's zone: SRV records for submission and IMAP at `CUSTOMER` (loopback), and
    /// the shared host's name at `shared_at`.
    fn dns(&self, smtps: u16, imaps: u16, shared_at: Ipv4Addr) -> DnsServer {
        let srv =
            |name: &str, port| Rec::Srv { name: name.into(), priority: 0, weight: 1, port, target: CUSTOMER.into() };
        DnsServer::start(
            "lab.test",
            &[
                srv("_submissions._tcp.customer.lab.test", smtps),
                srv("_imaps._tcp.customer.lab.test", imaps),
                Rec::A { name: CUSTOMER.into(), address: Ipv4Addr::LOCALHOST },
                Rec::A { name: SHARED.into(), address: shared_at },
            ],
        )
        .unwrap()
    }

    fn run(&self, dns: &DnsServer, extra: &[&str]) -> (Option<i32>, String, String) {
        let r = common::mail::run("user@customer.lab.test", dns.address(), &self.ca_file, 6, extra);
        (r.code, r.stdout, r.stderr)
    }

    fn json(&self, dns: &DnsServer) -> (Option<i32>, Value) {
        let (code, stdout, stderr) = self.run(dns, &["--json"]);
        serde_json::from_str::<MailReport>(&stdout)
            .unwrap_or_else(|e| panic!("not a MailReport: {e}\n{stdout}\n{stderr}"));
        (code, serde_json::from_str(&stdout).unwrap())
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.ca_file);
    }
}

/// (host, port, source, primary finding) of each checked server.
fn servers(json: &Value) -> Vec<(String, u64, String, String)> {
    json["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["host"].as_str().unwrap().to_owned(),
                s["port"].as_u64().unwrap(),
                s["source"].as_str().unwrap().to_owned(),
                s["diagnosis"]["findings"][0]["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_shared_hosts_own_name_is_checked_and_recommended() {
    let lab = Lab::new("shared");
    let smtps = lab.shared_server();
    let imaps = lab.shared_server();
    let dns = lab.dns(smtps, imaps, Ipv4Addr::LOCALHOST);

    let (code, json) = lab.json(&dns);
    let found = servers(&json);
    for port in [smtps, imaps] {
        let port = u64::from(port);
        // The customer's name fails on the shared host's certificate…
        assert!(found.contains(&(CUSTOMER.into(), port, "srv".into(), "name_mismatch".into())), "{found:?}");
        // …and the name the certificate gives, checked on the same port with it as SNI, is ok.
        assert!(found.contains(&(SHARED.into(), port, "certificate".into(), "ok".into())), "{found:?}");
    }
    assert_eq!(found.len(), 4, "{found:?}");
    // The second check is a check under that name: SNI and the name verified are the shared one.
    let suggested = json["servers"].as_array().unwrap().iter().find(|s| s["source"] == "certificate").unwrap();
    let target = &suggested["diagnosis"]["target"];
    assert_eq!(target["host"], SHARED, "{target:#}");

    let rec = &json["recommended"];
    assert_eq!(rec["verdict"], "safe", "{rec:#}");
    assert_eq!(code, Some(0));
    for (direction, port) in [("outgoing", smtps), ("incoming", imaps)] {
        assert_eq!(rec[direction]["host"], SHARED, "{rec:#}");
        assert_eq!(rec[direction]["port"].as_u64(), Some(u64::from(port)));
        assert_eq!(rec[direction]["with_warnings"], false);
    }

    let (_, ja, _) = lab.run(&dns, &["--lang", "ja"]);
    // The terminal layout wraps lines: compare without the white space.
    let flat = |s: &str| s.split_whitespace().collect::<String>();
    for expected in [
        "mail.customer.lab.testは共用サーバーで",
        "自分のドメインではなくsv1234.shared.lab.testを入力してください",
        "証明書に書かれた名前",
        "暗号化ではなく、サインイン（認証）を確かめてください",
    ] {
        assert!(flat(&ja).contains(&flat(expected)), "{expected}\n{ja}");
    }
    assert!(!ja.contains("「SSLなし」（暗号化なし）で設定しないでください"), "{ja}");
    let (_, en, _) = lab.run(&dns, &["--lang", "en"]);
    let expected = "Type sv1234.shared.lab.test as the server name, not your own domain.";
    assert!(flat(&en).contains(&flat(expected)), "{en}");
}

#[test]
fn a_certificate_name_that_resolves_elsewhere_is_not_suggested() {
    let lab = Lab::new("elsewhere");
    let smtps = lab.shared_server();
    let imaps = lab.shared_server();
    // The certificate's name is another machine's: checking the server under it would vouch
    // for a server the name does not lead to.
    let dns = lab.dns(smtps, imaps, Ipv4Addr::new(127, 9, 9, 9));

    let (code, json) = lab.json(&dns);
    let found = servers(&json);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|s| s.0 == CUSTOMER && s.2 == "srv" && s.3 == "name_mismatch"), "{found:?}");
    assert_eq!(json["recommended"]["verdict"], "nothing_safe");
    assert_eq!(code, Some(1));
    let (_, ja, _) = lab.run(&dns, &["--lang", "ja"]);
    assert!(!ja.contains("共用サーバーで、"), "{ja}");
    assert!(ja.contains("「SSLなし」（暗号化なし）で設定しないでください"), "{ja}");
}

#[test]
fn a_wildcard_only_certificate_gets_advice_not_a_guess() {
    let lab = Lab::new("wildcard");
    let smtps = lab.wildcard_server();
    let imaps = lab.wildcard_server();
    let dns = lab.dns(smtps, imaps, Ipv4Addr::LOCALHOST);

    let (code, json) = lab.json(&dns);
    let found = servers(&json);
    // No name to resolve: nothing is checked under a guessed name.
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|s| s.0 == CUSTOMER && s.3 == "name_mismatch"), "{found:?}");
    assert_eq!(code, Some(1));
    let (_, ja, _) = lab.run(&dns, &["--lang", "ja"]);
    let flat = |s: &str| s.split_whitespace().collect::<String>();
    let expected = "mail.customer.lab.testの証明書は、ほかの名前（*.shared.lab.test）用です。";
    assert!(flat(&ja).contains(&flat(expected)), "{ja}");
    assert!(flat(&ja).contains("入力するサーバー名をサーバーの会社に確かめてください"), "{ja}");
}
