//! The STARTTLS protocols beyond mail against real Debian servers (`external::starttls`):
//! slapd (LDAP StartTLS and LDAPS), Dovecot's ManageSieve, vsftpd (AUTH TLS and implicit
//! FTPS), Prosody (XMPP STARTTLS and direct TLS), PostgreSQL and MariaDB, each with a good certificate and an expired one, diagnosed
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
    let ports: Vec<std::net::SocketAddr> =
        servers.iter().flat_map(|s| s.cases()).map(|c| (c.address.unwrap(), c.port).into()).collect();
    assert_eq!(ports.len(), 18);
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
