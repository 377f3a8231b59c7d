//! An antivirus's mail scanning in the lab: the re-signing proxy (`servers::intercept`) with an
//! ESET-named root in front of the mail lab's real Postfix and Dovecot (`external::mail`), on
//! implicit-TLS ports (SMTPS, IMAPS, POP3S) and on STARTTLS ports (submission, IMAP, POP3: the
//! proxy relays the plaintext dialogue and re-signs after `STARTTLS` / `STLS`). One root for
//! every port, as one antivirus has.
//!
//! The real `tls-doctor` trusts that root as a machine with the antivirus does (`--ca-file`, the
//! root only: the lab's own root is not trusted) and must name the product
//! (`interception_known_product`, `eset`) on every proxied port, through `check` and through
//! `mail` (the lab's DNS server points a domain's SRV records at the proxies); the same ports
//! without the proxy must not be called interception. The words say which store matters on a
//! mail port (Thunderbird's own), and only there.
//!
//! Postfix and Dovecot must be installed and the tests run as root, as for `mail_servers.rs`.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers too: a failure stops the test and says why")]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, TcpStream};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use common::lab;
use serde_json::{Value, json};
use tls_doctor_core::wire::FindingId;
use tls_doctor_lab::Case;
use tls_doctor_lab::binary::{self, JsonRun};
use tls_doctor_lab::external::{self, ExternalServer};
use tls_doctor_lab::servers::dns::{DnsServer, Rec};
use tls_doctor_lab::servers::intercept::{self, InterceptProxy, Upstream};

/// The mail cases put behind the proxy (every port kind, healthy), each with the port number
/// its proxy listens on: the port's own, so that `tls-doctor` reads it as that port (STARTTLS
/// or implicit TLS by the number, the mail words by the service).
const PROXIED: [(&str, u16); 6] = [
    ("postfix-smtps-good", 465),
    ("postfix-submission-good", 587),
    ("dovecot-imaps-good", 993),
    ("dovecot-imap-good", 143),
    ("dovecot-pop3s-good", 995),
    ("dovecot-pop3-good", 110),
];

/// Where the proxies listen: a loopback address of their own (the mail lab's Dovecot uses
/// 127.0.0.11 to 127.0.0.22), on ports under 1024 (root, as the mail lab needs anyway).
const PROXY_ADDRESS: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 46);

fn names() -> impl Iterator<Item = &'static str> {
    PROXIED.iter().map(|(name, _)| *name)
}

/// Postfix and Dovecot, started once for every test of this file.
fn servers() -> &'static [ExternalServer] {
    static MAIL: OnceLock<Vec<ExternalServer>> = OnceLock::new();
    MAIL.get_or_init(|| external::mail::start(lab().pki(), lab().ca_file()).unwrap_or_else(|e| panic!("{e}")))
}

fn mail_case(name: &str) -> &'static Case {
    servers().iter().flat_map(|s| s.cases()).find(|c| c.name == name).unwrap_or_else(|| panic!("no case {name}"))
}

/// The proxies, one per case of [`PROXIED`] in that order, all re-signing with one root named
/// like ESET's, on a runtime of their own that lives as long as the test process.
fn proxies() -> &'static [InterceptProxy] {
    static PROXIES: OnceLock<(tokio::runtime::Runtime, Vec<InterceptProxy>)> = OnceLock::new();
    let (_, proxies) = PROXIES.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let upstreams = PROXIED
            .iter()
            .map(|&(name, port)| {
                let listen = std::net::SocketAddr::from((PROXY_ADDRESS, port));
                (Some(listen), Upstream::case(mail_case(name), lab().pki().root_der()))
            })
            .collect();
        // Beside the lab's root file: the lab's scratch directory, removed with it.
        let dir = lab().ca_file().parent().unwrap().to_owned();
        let proxies =
            InterceptProxy::start_each(runtime.handle(), "mail-av", intercept::ANTIVIRUS, upstreams, &dir).unwrap();
        (runtime, proxies)
    });
    proxies
}

/// The case as seen through its proxy: the same name asked, the proxy's address and port, the
/// proxy's root trusted (and nothing else), and no `--starttls` / `--no-starttls`: the port
/// number decides, as when a user checks `mail.example.jp:993`.
fn through_proxy(name: &'static str) -> Case {
    let case = mail_case(name);
    let index = PROXIED.iter().position(|(p, _)| *p == name).unwrap();
    let proxy = &proxies()[index];
    Case {
        name,
        expected: FindingId::InterceptionKnownProduct,
        description: "a mail port re-signed by an antivirus whose root this machine trusts",
        host: case.host,
        port: proxy.address.port(),
        address: Some(proxy.address.ip()),
        ca_file: proxy.root_pem.clone(),
        extra_args: &[],
    }
}

/// The STARTTLS protocol of a mail case (`--starttls PROTO` among its arguments), if any.
fn starttls_of(name: &str) -> Option<&'static str> {
    let args = mail_case(name).extra_args;
    (args.first() == Some(&"--starttls")).then(|| args[1])
}

fn diagnose(case: &Case) -> JsonRun {
    let run =
        binary::run_json(&tls_doctor_lab::tls_doctor_bin(), case).unwrap_or_else(|e| panic!("{}: {e}", case.name));
    if let Err(e) = common::contract(case, &run) {
        panic!("{}: {e}\n{}", case.name, common::failure_context(case, &run));
    }
    run
}

#[test]
fn the_proxy_relays_each_mail_dialogue_and_re_signs_it() {
    // Without tls-doctor: openssl, trusting the proxy's root only, verifies the re-signed
    // certificate for the server's name, and the server's own greeting comes through TLS.
    for name in names() {
        let case = through_proxy(name);
        let mut command = Command::new("openssl");
        command
            .args(["s_client", "-connect", &format!("{PROXY_ADDRESS}:{}", case.port)])
            .args(["-servername", case.host, "-verify_hostname", case.host, "-showcerts", "-ign_eof"])
            .arg("-CAfile")
            .arg(&case.ca_file)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(protocol) = starttls_of(name) {
            command.args(["-starttls", protocol]);
        }
        let mut child = command.spawn().unwrap();
        // A command each protocol answers and then closes on.
        let quit = if name.contains("imap") { "a LOGOUT\r\n" } else { "QUIT\r\n" };
        child.stdin.take().unwrap().write_all(quit.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        let output = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(output.contains("Verify return code: 0 (ok)"), "{name}: {output}");
        assert!(output.contains("i:O = \"ESET, spol. s r. o.\", CN = ESET SSL Filter CA"), "{name}: {output}");
        let greeting = if name.contains("imap") {
            "* OK"
        } else if name.contains("pop3") {
            "+OK"
        } else {
            "220 "
        };
        if starttls_of(name).is_none() {
            assert!(output.lines().any(|l| l.starts_with(greeting)), "{name}: no {greeting} after TLS: {output}");
        }
    }
}

#[test]
fn the_proxy_passes_the_plaintext_dialogue_through_unchanged() {
    // A STARTTLS port through the proxy greets as the server does.
    for (name, greeting) in [
        ("postfix-submission-good", "220 mail-good.lab.test ESMTP"),
        ("dovecot-imap-good", "* OK"),
        ("dovecot-pop3-good", "+OK"),
    ] {
        let case = through_proxy(name);
        let stream = TcpStream::connect((PROXY_ADDRESS, case.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut line = String::new();
        BufReader::new(stream).read_line(&mut line).unwrap();
        assert!(line.starts_with(greeting), "{name}: {line}");
    }
}

#[test]
fn tls_doctor_names_the_antivirus_on_every_proxied_mail_port() {
    let runs: Vec<(Case, JsonRun)> = std::thread::scope(|scope| {
        let handles: Vec<_> = names()
            .map(|name| {
                scope.spawn(move || {
                    let case = through_proxy(name);
                    let run = diagnose(&case);
                    (case, run)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (case, run) in runs {
        let context = || common::failure_context(&case, &run);
        assert_eq!(common::evidence(&run, "product_id"), "eset", "{}", context());
        assert_eq!(common::evidence(&run, "kind"), "antivirus", "{}", context());
        assert_eq!(common::evidence(&run, "trusted_by"), &json!(["custom"]), "{}", context());
        // The port number chose STARTTLS or implicit TLS, as for the server itself.
        let starttls = starttls_of(case.name).map_or(json!(null), |p| json!(p));
        assert_eq!(run.json["target"]["starttls"], starttls, "{}", context());
        // The interceptor's chain hides nothing of the server's: no finding about it; and
        // without SNI the proxy re-signs for the server's name, as the server answers itself.
        for hidden in ["unknown_issuer", "self_signed", "incomplete_chain", "chain_invalid", "sni_default_cert"] {
            assert!(!run.finding_ids().contains(&hidden), "{hidden}\n{}", context());
        }
    }
}

#[test]
fn the_same_ports_without_the_proxy_are_not_interception() {
    for name in names() {
        // As the lab's own clients see them: healthy.
        let direct = mail_case(name);
        let run = diagnose(direct);
        let context = || common::failure_context(direct, &run);
        assert!(!run.finding_ids().iter().any(|id| id.starts_with("interception")), "{}", context());
        assert!(!run.finding_ids().contains(&"sni_default_cert"), "{}", context());
        // With the antivirus machine's trust (its root only): the server's chain is not the
        // antivirus's, and nothing names it.
        let proxied = through_proxy(name);
        let case = Case { expected: FindingId::UnknownIssuer, ca_file: proxied.ca_file.clone(), ..direct.clone() };
        let run = binary::run_json(&tls_doctor_lab::tls_doctor_bin(), &case).unwrap();
        let context = || common::failure_context(&case, &run);
        assert!(!run.finding_ids().iter().any(|id| id.starts_with("interception")), "{}", context());
        assert!(run.finding_ids().contains(&"unknown_issuer"), "{}", context());
    }
}

/// `tls-doctor check` in words (`--lang`), not JSON.
fn words(case: &Case, lang: &str) -> String {
    let mut args = case.args();
    args.extend(["--lang".to_owned(), lang.to_owned()]);
    let out = Command::new(tls_doctor_lab::tls_doctor_bin()).args(&args).env("COLUMNS", "200").output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn on_a_mail_port_the_words_say_which_store_and_to_turn_off_mail_scanning() {
    for name in names() {
        let case = through_proxy(name);
        let ja = words(&case, "ja");
        assert!(ja.contains("Thunderbird"), "{name}: {ja}");
        assert!(ja.contains("証明書を管理"), "{name}: {ja}");
        assert!(ja.contains("POP3/IMAP/SMTP"), "{name}: {ja}");
        let en = words(&case, "en");
        assert!(en.contains("Thunderbird"), "{name}: {en}");
    }
    // The same product on a web port: the browser's words, no mail store.
    let web = lab().proxy("intercept-av").unwrap();
    let case = Case {
        name: "intercept-av",
        expected: FindingId::InterceptionKnownProduct,
        description: "",
        host: "www.intercepted.test",
        port: web.address.port(),
        address: Some(web.address.ip()),
        ca_file: web.root_pem.clone(),
        extra_args: &[],
    };
    let ja = words(&case, "ja");
    assert!(ja.contains("ESET"), "{ja}");
    assert!(!ja.contains("Thunderbird"), "{ja}");
}

fn srv(name: &str, port: u16, target: &str) -> Rec {
    Rec::Srv { name: name.into(), priority: 0, weight: 1, port, target: target.into() }
}

#[test]
fn tls_doctor_mail_finds_the_antivirus_on_the_servers_discovery_names() {
    let (smtps, imaps, pop3s) =
        (through_proxy("postfix-smtps-good"), through_proxy("dovecot-imaps-good"), through_proxy("dovecot-pop3s-good"));
    // A name in the lab's zone: the proxy makes a leaf for whatever name it is asked, and
    // verifies the server behind it by the server's own name.
    let host = "mail.av.lab.test";
    let dns = DnsServer::start(
        "av.lab.test",
        &[
            srv("_submissions._tcp.av.lab.test", smtps.port, host),
            srv("_imaps._tcp.av.lab.test", imaps.port, host),
            srv("_pop3s._tcp.av.lab.test", pop3s.port, host),
            srv("_submission._tcp.av.lab.test", 0, "."),
            srv("_imap._tcp.av.lab.test", 0, "."),
            srv("_pop3._tcp.av.lab.test", 0, "."),
            Rec::A { name: host.into(), address: PROXY_ADDRESS },
        ],
    )
    .unwrap();
    let dns_arg = dns.address().to_string();
    let ca = smtps.ca_file.display().to_string();
    let args = [
        "mail",
        "user@av.lab.test",
        "--dns-server",
        &dns_arg,
        "--ca-file",
        &ca,
        "--no-local-probes",
        "--timeout",
        "8",
        "--json",
    ];
    let out = Command::new(tls_doctor_lab::tls_doctor_bin()).args(args).stdin(Stdio::null()).output().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}\n{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    let servers = json["servers"].as_array().unwrap();
    for port in [smtps.port, imaps.port, pop3s.port] {
        let server =
            servers.iter().find(|s| s["port"] == port).unwrap_or_else(|| panic!("no server on {port}: {json:#}"));
        let first = &server["diagnosis"]["findings"][0];
        assert_eq!(first["id"], "interception_known_product", "{port}: {server:#}");
        assert_eq!(first["evidence"]["product_id"], "eset", "{port}: {server:#}");
    }
    // A re-signed server is not recommended as healthy: the recommendation carries no server
    // without findings.
    assert_ne!(out.status.code(), Some(0), "{:#}", json["recommended"]);
}
