//! The mail lab (`external::mail`): Postfix and Dovecot from Debian, each set up five ways on
//! every port kind, 30 cases.
//!
//! First the lab checks itself, with no help from `tls-doctor`: every server greets as it
//! should, offers STARTTLS (and logging in before it) exactly where its configuration says,
//! and `openssl s_client` sees the certificate, chain and verdict each configuration claims.
//! Then one test per case runs the real `tls-doctor --json` and checks the primary finding
//! and its evidence.
//!
//! Postfix and Dovecot must be installed and the tests run as root (`cargo xtask test`
//! installs them; CI runs as root): a missing one fails these tests, it does not skip them.
//! The servers of the case tests are started once and stopped by the watchdog when the test
//! process ends; `dropping_the_mail_servers_stops_every_process` starts its own and checks
//! that dropping them leaves no process behind.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers too: a failure stops the test and says why")]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::lab;
use common::openssl::SClient;
use common::processes::{command_line, descendants, left_running};
use serde_json::json;
use tls_doctor_lab::Case;
use tls_doctor_lab::external::mail::{self, Config, PortKind};
use tls_doctor_lab::external::{self, ExternalServer};
use tls_doctor_lab::pki::{self, OTHER_HOST};

/// Postfix and Dovecot, started once for every test of this file.
fn servers() -> &'static [ExternalServer] {
    static MAIL: OnceLock<Vec<ExternalServer>> = OnceLock::new();
    MAIL.get_or_init(|| external::mail::start(lab().pki(), lab().ca_file()).unwrap_or_else(|e| panic!("{e}")))
}

fn cases() -> impl Iterator<Item = &'static Case> {
    servers().iter().flat_map(|s| s.cases())
}

fn case(name: &str) -> &'static Case {
    cases().find(|c| c.name == name).unwrap_or_else(|| panic!("no case {name} among {:?}", names()))
}

fn names() -> Vec<&'static str> {
    cases().map(|c| c.name).collect()
}

/// The port kind and configuration a case name says: `dovecot-imaps-wrong-host`.
fn parse_name(name: &str) -> (PortKind, Config) {
    let config = Config::ALL.into_iter().find(|c| name.ends_with(&format!("-{}", c.slug()))).unwrap();
    let kind = match name.split('-').nth(1).unwrap() {
        "submission" => PortKind::Submission,
        "smtps" => PortKind::Smtps,
        "imap" => PortKind::Imap,
        "imaps" => PortKind::Imaps,
        "pop3" => PortKind::Pop3,
        "pop3s" => PortKind::Pop3s,
        other => panic!("{name}: no port kind {other}"),
    };
    (kind, config)
}

// ---------------------------------------------------------------------------------------
// The lab checks itself.

#[test]
fn thirty_cases_every_configuration_on_every_port_kind() {
    let names = names();
    assert_eq!(names.len(), 30, "{names:?}");
    for server in ["postfix", "dovecot"] {
        let kinds: &[&str] =
            if server == "postfix" { &["submission", "smtps"] } else { &["imap", "imaps", "pop3", "pop3s"] };
        for kind in kinds {
            for config in Config::ALL {
                let name = format!("{server}-{kind}-{}", config.slug());
                let case = case(&name);
                assert_eq!(case.host, config.host());
                let (kind, _) = parse_name(&name);
                assert_eq!(case.expected, config.expected(kind), "{name}");
                match kind.starttls() {
                    Some(protocol) => assert_eq!(case.extra_args, ["--starttls", protocol], "{name}"),
                    None => assert_eq!(case.extra_args, ["--no-starttls"], "{name}"),
                }
            }
        }
    }
}

/// A plaintext session: reads the greeting, then sends commands and reads their replies.
struct Session {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Session {
    fn open(case: &Case) -> (Self, String) {
        let address = std::net::SocketAddr::new(case.address.unwrap(), case.port);
        let stream = TcpStream::connect_timeout(&address, Duration::from_secs(2)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let writer = stream.try_clone().unwrap();
        let mut session = Self { reader: BufReader::new(stream), writer };
        let greeting = session.line();
        (session, greeting)
    }

    fn line(&mut self) -> String {
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        line.trim_end().to_owned()
    }

    /// Sends `command`, returns the reply's lines up to the one `last` accepts.
    fn ask(&mut self, command: &str, last: impl Fn(&str) -> bool) -> Vec<String> {
        self.writer.write_all(format!("{command}\r\n").as_bytes()).unwrap();
        let mut lines = Vec::new();
        loop {
            let line = self.line();
            let done = line.is_empty() || last(&line);
            lines.push(line);
            if done {
                return lines;
            }
        }
    }
}

#[test]
fn postfix_greets_and_offers_starttls_exactly_where_configured() {
    for config in Config::ALL {
        let submission = case(&format!("postfix-submission-{}", config.slug()));
        let (mut session, greeting) = Session::open(submission);
        assert!(greeting.starts_with(&format!("220 {} ESMTP Postfix", config.host())), "{greeting}");
        let ehlo = session.ask("EHLO client.lab.test", |l| l.starts_with("250 ") || !l.starts_with("250"));
        let has = |word: &str| ehlo.iter().any(|l| l[4..].split_whitespace().next() == Some(word));
        let auth = ehlo.iter().find(|l| l[4..].starts_with("AUTH ")).cloned().unwrap_or_default();
        if config.tls() {
            assert!(has("STARTTLS"), "{}: {ehlo:?}", submission.name);
            assert!(!has("AUTH"), "{}: no AUTH before TLS: {ehlo:?}", submission.name);
        } else {
            assert!(!has("STARTTLS"), "{}: {ehlo:?}", submission.name);
            // AUTH before TLS (Cyrus SASL, empty sasldb): passwords would cross in plaintext.
            assert!(auth.contains("PLAIN") && auth.contains("LOGIN"), "{}: {ehlo:?}", submission.name);
        }
        let smtps = case(&format!("postfix-smtps-{}", config.slug()));
        if !config.tls() {
            let (_, greeting) = Session::open(smtps);
            assert!(greeting.starts_with("220 mail-no-starttls.lab.test ESMTP"), "{}: {greeting}", smtps.name);
        }
    }
}

#[test]
fn dovecot_greets_and_offers_starttls_exactly_where_configured() {
    for config in Config::ALL {
        let imap = case(&format!("dovecot-imap-{}", config.slug()));
        assert_eq!(imap.address, Some(mail::dovecot::address(config).into()));
        let (mut session, greeting) = Session::open(imap);
        assert!(greeting.starts_with("* OK [CAPABILITY IMAP4rev1"), "{greeting}");
        let capability = session.ask("a CAPABILITY", |l| l.starts_with("a "));
        let words: Vec<&str> = capability[0].split_whitespace().collect();
        if config.tls() {
            assert!(words.contains(&"STARTTLS"), "{}: {capability:?}", imap.name);
            // Not 127.0.0.1: Dovecot would call the connection secure and offer AUTH=PLAIN.
            assert!(words.contains(&"LOGINDISABLED"), "{}: {capability:?}", imap.name);
            assert!(!words.iter().any(|w| w.starts_with("AUTH=")), "{}: {capability:?}", imap.name);
        } else {
            assert!(!words.contains(&"STARTTLS"), "{}: {capability:?}", imap.name);
            assert!(!words.contains(&"LOGINDISABLED"), "{}: LOGIN is allowed: {capability:?}", imap.name);
            assert!(words.contains(&"AUTH=PLAIN"), "{}: {capability:?}", imap.name);
        }

        let pop3 = case(&format!("dovecot-pop3-{}", config.slug()));
        let (mut session, greeting) = Session::open(pop3);
        assert!(greeting.starts_with("+OK"), "{greeting}");
        let capa = session.ask("CAPA", |l| l == ".");
        let has = |word: &str| capa.iter().any(|l| l.split_whitespace().next() == Some(word));
        assert_eq!(has("STLS"), config.tls(), "{}: {capa:?}", pop3.name);
        assert_eq!(has("USER"), !config.tls(), "{}: {capa:?}", pop3.name);

        if !config.tls() {
            for (kind, prefix) in [("imaps", "* OK"), ("pop3s", "+OK")] {
                let case = case(&format!("dovecot-{kind}-no-starttls"));
                let (_, greeting) = Session::open(case);
                assert!(greeting.starts_with(prefix), "{}: {greeting}", case.name);
            }
        }
    }
}

/// What `openssl s_client` saw: the chain's subjects and the verification result.
/// What `openssl s_client` sees of `case`, after the dialogue its port kind needs.
fn s_client(case: &Case) -> SClient {
    let (kind, _) = parse_name(case.name);
    common::openssl::s_client(case, kind.starttls())
}

#[test]
fn openssl_sees_what_each_configuration_claims() {
    // openssl's verify codes: 0 ok, 10 certificate has expired, 21 unable to verify the first
    // certificate (no issuer sent or known), 62 hostname mismatch.
    let tls_cases: Vec<&Case> = cases().filter(|c| parse_name(c.name).1.tls()).collect();
    assert_eq!(tls_cases.len(), 24);
    let seen: Vec<(&Case, SClient)> = std::thread::scope(|scope| {
        let handles: Vec<_> = tls_cases.iter().map(|&c| scope.spawn(move || (c, s_client(c)))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (case, seen) in seen {
        let (_, config) = parse_name(case.name);
        let (cn, chain, code) = match config {
            Config::Good => (case.host, 2, 0),
            Config::Expired => (case.host, 2, 10),
            Config::WrongHost => (OTHER_HOST, 2, 62),
            Config::MissingIntermediate => (case.host, 1, 21),
            Config::NoStarttls => unreachable!(),
        };
        let context = || format!("{}: {seen:?}", case.name);
        assert_eq!(seen.subjects.len(), chain, "{}", context());
        assert!(seen.subjects[0].ends_with(&format!("CN = {cn}")), "{}", context());
        if chain == 2 {
            assert!(seen.subjects[1].ends_with(&format!("CN = {}", pki::LAB_INTERMEDIATE)), "{}", context());
        }
        assert_eq!(seen.verify_code, Some(code), "{}", context());
    }
}

#[test]
fn openssl_finds_no_tls_without_starttls() {
    for case in cases().filter(|c| !parse_name(c.name).1.tls()) {
        let seen = s_client(case);
        assert!(seen.subjects.is_empty(), "{}: {seen:?}", case.name);
        assert!(!seen.output.contains("BEGIN CERTIFICATE"), "{}: {}", case.name, seen.output);
    }
}

#[test]
fn dropping_the_mail_servers_stops_every_process() {
    lab();
    let started = Instant::now();
    let servers = external::mail::start(lab().pki(), lab().ca_file()).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("mail lab (Postfix and Dovecot, 30 cases) serving after {:?}", started.elapsed());
    assert_eq!(servers.len(), 2);
    let mut processes = Vec::new();
    for server in &servers {
        let tree = descendants(server.pid());
        let daemon = tree.first().copied().unwrap_or_else(|| panic!("{} runs nothing", server.program()));
        let line = command_line(daemon);
        match server.program() {
            "postfix" => assert!(line.contains("/master -c /tmp/tls-doctor-lab-postfix-"), "{line}"),
            _ => assert!(line.contains("dovecot -F -c /tmp/tls-doctor-lab-dovecot-"), "{line}"),
        }
        processes.push(server.pid());
        processes.extend(tree);
    }
    let ports: Vec<std::net::SocketAddr> =
        servers.iter().flat_map(|s| s.cases()).map(|c| (c.address.unwrap(), c.port).into()).collect();
    let stopping = Instant::now();
    drop(servers);
    eprintln!("mail lab stopped after {:?}", stopping.elapsed());
    let deadline = Instant::now() + Duration::from_secs(5);
    let left = left_running(&processes, deadline);
    assert!(left.is_empty(), "still running after the drop: {left:#?}");
    for address in ports {
        assert!(TcpStream::connect(address).is_err(), "{address} still accepts");
    }
}

// ---------------------------------------------------------------------------------------
// Each case, diagnosed by the real `tls-doctor`.

fn good(case: &Case) {
    let run = common::diagnose(case);
    check_target(case, &run);
}

/// A STARTTLS case names its protocol on the target; an implicit-TLS one none.
fn check_target(case: &Case, run: &tls_doctor_lab::binary::JsonRun) {
    let (kind, _) = parse_name(case.name);
    let expected = kind.starttls().map_or(json!(null), |p| json!(p));
    assert_eq!(run.json["target"]["starttls"], expected, "{}\n{}", case.name, common::failure_context(case, run));
}

fn expired(case: &Case) {
    let run = common::diagnose(case);
    check_target(case, &run);
    assert_eq!(common::evidence(&run, "subject"), case.host);
    assert_eq!(common::evidence(&run, "days_ago"), pki::EXPIRED_DAYS_AGO);
}

fn wrong_host(case: &Case) {
    let run = common::diagnose(case);
    check_target(case, &run);
    assert_eq!(common::evidence(&run, "requested"), case.host);
    assert_eq!(common::evidence(&run, "dns_names"), &json!([OTHER_HOST]));
}

fn missing_intermediate(case: &Case) {
    let run = common::diagnose(case);
    check_target(case, &run);
    let context = || common::failure_context(case, &run);
    assert_eq!(common::evidence(&run, "confirmed"), true, "the AIA fetch completed the chain\n{}", context());
    assert_eq!(common::evidence(&run, "aia_url"), lab().aia_url());
}

/// A STARTTLS port that does not offer it: the protocol, and the logins offered all the same.
fn no_starttls(case: &Case, plaintext_auth: &[&str]) {
    let run = common::diagnose(case);
    let (kind, _) = parse_name(case.name);
    assert_eq!(common::evidence(&run, "protocol"), kind.protocol());
    let offered = common::evidence(&run, "plaintext_auth").as_array().unwrap();
    for mechanism in plaintext_auth {
        assert!(offered.contains(&json!(mechanism)), "{}: {mechanism} not in {offered:?}", case.name);
    }
}

/// An implicit-TLS port that greets in plaintext.
fn plaintext_on_tls_port(case: &Case) {
    let run = common::diagnose(case);
    let (kind, _) = parse_name(case.name);
    assert_eq!(common::evidence(&run, "seen"), kind.protocol(), "{}", common::failure_context(case, &run));
}

macro_rules! diagnosed {
    ($($test:ident: $name:literal => $check:expr;)*) => {$(
        #[test]
        fn $test() {
            #[allow(clippy::redundant_closure_call, reason = "each check is written where its case is")]
            ($check)(case($name));
        }
    )*};
}

diagnosed! {
    postfix_submission_good: "postfix-submission-good" => good;
    postfix_smtps_good: "postfix-smtps-good" => good;
    postfix_submission_expired: "postfix-submission-expired" => expired;
    postfix_smtps_expired: "postfix-smtps-expired" => expired;
    postfix_submission_wrong_host: "postfix-submission-wrong-host" => wrong_host;
    postfix_smtps_wrong_host: "postfix-smtps-wrong-host" => wrong_host;
    postfix_submission_missing_intermediate: "postfix-submission-missing-intermediate" => missing_intermediate;
    postfix_smtps_missing_intermediate: "postfix-smtps-missing-intermediate" => missing_intermediate;
    postfix_submission_no_starttls: "postfix-submission-no-starttls" => |c| no_starttls(c, &["PLAIN", "LOGIN"]);
    postfix_smtps_no_starttls: "postfix-smtps-no-starttls" => plaintext_on_tls_port;

    dovecot_imap_good: "dovecot-imap-good" => good;
    dovecot_imaps_good: "dovecot-imaps-good" => good;
    dovecot_pop3_good: "dovecot-pop3-good" => good;
    dovecot_pop3s_good: "dovecot-pop3s-good" => good;
    dovecot_imap_expired: "dovecot-imap-expired" => expired;
    dovecot_imaps_expired: "dovecot-imaps-expired" => expired;
    dovecot_pop3_expired: "dovecot-pop3-expired" => expired;
    dovecot_pop3s_expired: "dovecot-pop3s-expired" => expired;
    dovecot_imap_wrong_host: "dovecot-imap-wrong-host" => wrong_host;
    dovecot_imaps_wrong_host: "dovecot-imaps-wrong-host" => wrong_host;
    dovecot_pop3_wrong_host: "dovecot-pop3-wrong-host" => wrong_host;
    dovecot_pop3s_wrong_host: "dovecot-pop3s-wrong-host" => wrong_host;
    dovecot_imap_missing_intermediate: "dovecot-imap-missing-intermediate" => missing_intermediate;
    dovecot_imaps_missing_intermediate: "dovecot-imaps-missing-intermediate" => missing_intermediate;
    dovecot_pop3_missing_intermediate: "dovecot-pop3-missing-intermediate" => missing_intermediate;
    dovecot_pop3s_missing_intermediate: "dovecot-pop3s-missing-intermediate" => missing_intermediate;
    dovecot_imap_no_starttls: "dovecot-imap-no-starttls" => |c| no_starttls(c, &["LOGIN"]);
    dovecot_imaps_no_starttls: "dovecot-imaps-no-starttls" => plaintext_on_tls_port;
    dovecot_pop3_no_starttls: "dovecot-pop3-no-starttls" => |c| no_starttls(c, &["USER"]);
    dovecot_pop3s_no_starttls: "dovecot-pop3s-no-starttls" => plaintext_on_tls_port;
}
