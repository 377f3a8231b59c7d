//! The STARTTLS protocols beyond mail against real Debian servers (`external::starttls`):
//! slapd (LDAP StartTLS and LDAPS), Dovecot's ManageSieve, vsftpd (AUTH TLS and implicit
//! FTPS), Prosody (XMPP STARTTLS and direct TLS), PostgreSQL, MariaDB and INN's nnrpd (NNTP
//! STARTTLS and NNTPS), each with a good certificate and an expired one, diagnosed
//! by the real `tls-doctor --json`: the primary finding, that the plaintext dialogue reached
//! the upgrade, and for the expired certificate the evidence the lab made.
//!
//! The servers must be installed and the tests run as root (`cargo xtask test` installs them;
//! CI runs as root): a missing one fails these tests, it does not skip them. Each server is
//! started once, by the first test that needs it, and stopped by the watchdog when the test
//! process ends; `dropping_the_servers_stops_them` starts its own and checks that dropping them
//! does.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers too: a failure stops the test and says why")]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::lab;
use common::processes::{descendants, left_running};
use serde_json::json;
use tls_doctor_lab::Case;
use tls_doctor_lab::binary::JsonRun;
use tls_doctor_lab::external::ExternalServer;
use tls_doctor_lab::external::starttls;
use tls_doctor_lab::pki;

fn slapd() -> &'static [ExternalServer] {
    static SLAPD: OnceLock<Vec<ExternalServer>> = OnceLock::new();
    SLAPD.get_or_init(|| {
        let started = Instant::now();
        let servers = starttls::slapd::start(lab().pki(), lab().ca_file()).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("slapd (2 processes, 4 cases) serving after {:?}", started.elapsed());
        servers
    })
}

fn sieve() -> &'static [ExternalServer] {
    static SIEVE: OnceLock<Vec<ExternalServer>> = OnceLock::new();
    SIEVE.get_or_init(|| {
        let started = Instant::now();
        let server = starttls::sieve::start(lab().pki(), lab().ca_file()).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("Dovecot ManageSieve (1 process, 2 cases) serving after {:?}", started.elapsed());
        vec![server]
    })
}

fn vsftpd() -> &'static [ExternalServer] {
    static VSFTPD: OnceLock<Vec<ExternalServer>> = OnceLock::new();
    VSFTPD.get_or_init(|| {
        let started = Instant::now();
        let servers = starttls::vsftpd::start(lab().pki(), lab().ca_file()).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("vsftpd (4 processes, 4 cases) serving after {:?}", started.elapsed());
        servers
    })
}

fn prosody() -> &'static [ExternalServer] {
    static PROSODY: OnceLock<Vec<ExternalServer>> = OnceLock::new();
    PROSODY.get_or_init(|| {
        let started = Instant::now();
        let servers = starttls::prosody::start(lab().pki(), lab().ca_file()).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("Prosody (2 processes, 4 cases) serving after {:?}", started.elapsed());
        servers
    })
}

fn postgres() -> &'static [ExternalServer] {
    static POSTGRES: OnceLock<Vec<ExternalServer>> = OnceLock::new();
    POSTGRES.get_or_init(|| {
        let started = Instant::now();
        let servers = starttls::postgres::start(lab().pki(), lab().ca_file()).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("PostgreSQL (initdb, 2 processes, 2 cases) serving after {:?}", started.elapsed());
        servers
    })
}

fn mariadb() -> &'static [ExternalServer] {
    static MARIADB: OnceLock<Vec<ExternalServer>> = OnceLock::new();
    MARIADB.get_or_init(|| {
        let started = Instant::now();
        let servers = starttls::mariadb::start(lab().pki(), lab().ca_file()).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("MariaDB (2 processes, 2 cases) serving after {:?}", started.elapsed());
        servers
    })
}

fn nnrpd() -> &'static [ExternalServer] {
    static NNRPD: OnceLock<Vec<ExternalServer>> = OnceLock::new();
    NNRPD.get_or_init(|| {
        let started = Instant::now();
        let servers = starttls::nntp::start(lab().pki(), lab().ca_file()).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("INN nnrpd (4 processes, 4 cases) serving after {:?}", started.elapsed());
        servers
    })
}

fn case(servers: &'static [ExternalServer], name: &str) -> &'static Case {
    let mut cases = servers.iter().flat_map(|s| s.cases());
    cases.find(|c| c.name == name).unwrap_or_else(|| {
        let names: Vec<&str> = servers.iter().flat_map(|s| s.cases()).map(|c| c.name).collect();
        panic!("no case {name} among {names:?}")
    })
}

/// The `--starttls` protocol a case names, as the JSON's target says it.
fn protocol(case: &Case) -> Option<&'static str> {
    match case.extra_args {
        ["--starttls", protocol] => Some(protocol),
        _ => None,
    }
}

/// The target names the STARTTLS protocol (none for implicit TLS), and on a STARTTLS port the
/// server agreed to upgrade and the handshake followed.
fn check_dialogue(case: &Case, run: &JsonRun) {
    let context = || common::failure_context(case, run);
    let expected = protocol(case);
    assert_eq!(run.json["target"]["starttls"], expected.map_or(json!(null), |p| json!(p)), "{}", context());
    let handshake = &run.json["evidence"]["handshakes"][0];
    match expected {
        Some(protocol) => {
            let starttls = &handshake["starttls"];
            assert_eq!(starttls["protocol"], protocol, "{}", context());
            assert_eq!(starttls["outcome"], "ready", "{starttls:#}\n{}", context());
        }
        None => assert!(handshake["starttls"].is_null(), "{handshake:#}"),
    }
}

fn good(case: &Case) {
    let run = common::diagnose(case);
    check_dialogue(case, &run);
}

fn expired(case: &Case) {
    let run = common::diagnose(case);
    check_dialogue(case, &run);
    assert_eq!(common::evidence(&run, "subject"), case.host);
    assert_eq!(common::evidence(&run, "days_ago"), pki::EXPIRED_DAYS_AGO);
}

macro_rules! diagnosed {
    ($($test:ident: $servers:ident $name:literal => $check:expr;)*) => {$(
        #[test]
        fn $test() {
            let started = Instant::now();
            ($check)(case($servers(), $name));
            eprintln!("{} diagnosed in {:?}", $name, started.elapsed());
        }
    )*};
}

diagnosed! {
    slapd_ldap_good: slapd "slapd-ldap-good" => good;
    slapd_ldaps_good: slapd "slapd-ldaps-good" => good;
    slapd_ldap_expired: slapd "slapd-ldap-expired" => expired;
    slapd_ldaps_expired: slapd "slapd-ldaps-expired" => expired;
    dovecot_sieve_good: sieve "dovecot-sieve-good" => good;
    dovecot_sieve_expired: sieve "dovecot-sieve-expired" => expired;
    vsftpd_ftp_good: vsftpd "vsftpd-ftp-good" => good;
    vsftpd_ftps_good: vsftpd "vsftpd-ftps-good" => good;
    vsftpd_ftp_expired: vsftpd "vsftpd-ftp-expired" => expired;
    vsftpd_ftps_expired: vsftpd "vsftpd-ftps-expired" => expired;
    prosody_xmpp_good: prosody "prosody-xmpp-good" => good;
    prosody_xmpps_good: prosody "prosody-xmpps-good" => good;
    prosody_xmpp_expired: prosody "prosody-xmpp-expired" => expired;
    prosody_xmpps_expired: prosody "prosody-xmpps-expired" => expired;
    postgres_good: postgres "postgres-good" => good;
    postgres_expired: postgres "postgres-expired" => expired;
    mariadb_good: mariadb "mariadb-good" => good;
    mariadb_expired: mariadb "mariadb-expired" => expired;
    inn_nntp_good: nnrpd "inn-nntp-good" => good;
    inn_nntps_good: nnrpd "inn-nntps-good" => good;
    inn_nntp_expired: nnrpd "inn-nntp-expired" => expired;
    inn_nntps_expired: nnrpd "inn-nntps-expired" => expired;
}

/// The lines of the reply to NNTP `CAPABILITIES` on a plaintext port, after the greeting.
fn nntp_capabilities(case: &Case) -> (String, Vec<String>) {
    let stream = TcpStream::connect((case.address.unwrap(), case.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut greeting = String::new();
    reader.read_line(&mut greeting).unwrap();
    (&stream).write_all(b"CAPABILITIES\r\n").unwrap();
    let mut lines = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 || line.trim_end() == "." {
            break;
        }
        lines.push(line.trim_end().to_owned());
    }
    (greeting, lines)
}

/// INN checked without `tls-doctor`: the plaintext port greets as a reader server that takes
/// no posts and lists STARTTLS among its capabilities, and `openssl s_client` (`-starttls
/// nntp` there) sees the leaf, the intermediate and the verdict each configuration claims.
#[test]
fn openssl_sees_what_nnrpd_serves() {
    for case in nnrpd().iter().flat_map(|s| s.cases()) {
        if protocol(case).is_some() {
            let (greeting, capabilities) = nntp_capabilities(case);
            assert!(greeting.starts_with("201 "), "{}: {greeting}", case.name);
            assert_eq!(capabilities.first().map(String::as_str), Some("101 Capability list:"), "{}", case.name);
            assert!(capabilities.iter().any(|c| c == "STARTTLS"), "{}: {capabilities:?}", case.name);
        }
        // openssl's verify codes: 0 ok, 10 certificate has expired.
        let common::openssl::SClient { subjects, verify_code: code, output } =
            common::openssl::s_client(case, protocol(case));
        let context = || format!("{}: {output}", case.name);
        assert_eq!(subjects.len(), 2, "{}", context());
        assert!(subjects[0].ends_with(&format!("CN = {}", case.host)), "{}", context());
        assert!(subjects[1].ends_with(&format!("CN = {}", pki::LAB_INTERMEDIATE)), "{}", context());
        let expected = if case.name.ends_with("-expired") { 10 } else { 0 };
        assert_eq!(code, Some(expected), "{}", context());
    }
}

/// Starts every server once more and drops them: no process of theirs may be left, and no port
/// may accept.
#[test]
fn dropping_the_servers_stops_them() {
    let (pki, ca_file) = (lab().pki(), lab().ca_file());
    let mut servers = starttls::slapd::start(pki, ca_file).unwrap_or_else(|e| panic!("{e}"));
    servers.push(starttls::sieve::start(pki, ca_file).unwrap_or_else(|e| panic!("{e}")));
    servers.extend(starttls::vsftpd::start(pki, ca_file).unwrap_or_else(|e| panic!("{e}")));
    servers.extend(starttls::prosody::start(pki, ca_file).unwrap_or_else(|e| panic!("{e}")));
    servers.extend(starttls::postgres::start(pki, ca_file).unwrap_or_else(|e| panic!("{e}")));
    servers.extend(starttls::mariadb::start(pki, ca_file).unwrap_or_else(|e| panic!("{e}")));
    servers.extend(starttls::nntp::start(pki, ca_file).unwrap_or_else(|e| panic!("{e}")));
    let ports: Vec<std::net::SocketAddr> =
        servers.iter().flat_map(|s| s.cases()).map(|c| (c.address.unwrap(), c.port).into()).collect();
    assert_eq!(ports.len(), 22);
    let mut processes = Vec::new();
    for server in &servers {
        let tree = descendants(server.pid());
        assert!(!tree.is_empty(), "{} runs nothing under its watchdog", server.program());
        processes.push(server.pid());
        processes.extend(tree);
    }
    let stopping = Instant::now();
    drop(servers);
    eprintln!("every STARTTLS server stopped after {:?}", stopping.elapsed());
    let deadline = Instant::now() + Duration::from_secs(5);
    let left = left_running(&processes, deadline);
    assert!(left.is_empty(), "still running after the drop: {left:#?}");
    for address in ports {
        while TcpStream::connect(address).is_ok() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(TcpStream::connect(address).is_err(), "{address} still accepts");
    }
}
