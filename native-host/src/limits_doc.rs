//! docs/LIMITS.md and the code, kept equal. Every row of the document's tables names one
//! constant: it must be one [`known`] lists, with the bound the row states; every constant
//! listed must have a row; and every test a row names must exist where its name says
//! (`module::function` in `native-host/src`, `native-host/tests` or `tests/tests`), as must the
//! hostile-lab cases it names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A bound, as the document writes it: bytes (`64 KiB`), a count (`8`, `20 certificates`), a
/// time (`1.5 s`, `800 ms`) or a share (`40 %`).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Bound {
    Bytes(u64),
    Count(u64),
    Time(Duration),
    Share(f64),
}

fn bytes(n: usize) -> Bound {
    Bound::Bytes(u64::try_from(n).unwrap_or(u64::MAX))
}

fn count(n: usize) -> Bound {
    Bound::Count(u64::try_from(n).unwrap_or(u64::MAX))
}

fn millis(ms: u64) -> Bound {
    Bound::Time(Duration::from_millis(ms))
}

fn seconds(s: f64) -> Bound {
    Bound::Time(Duration::from_secs_f64(s))
}

/// Every constant the document must show, by the name it shows, with its value in the code.
fn known() -> BTreeMap<&'static str, Bound> {
    use tls_doctor_core::{deadlines, wire};

    use crate::{cert_files, cli, install, mail, native, net, policy, probe, starttls};

    BTreeMap::from([
        // Requests from the browser.
        ("tls_doctor_core::wire::native::REQUEST_LIMIT", bytes(wire::native::REQUEST_LIMIT)),
        ("native::frame::ABSURD_LENGTH", bytes(native::frame::ABSURD_LENGTH)),
        ("native::INBOX", count(native::INBOX)),
        ("native::PARALLEL_CHECKS", count(native::PARALLEL_CHECKS)),
        ("native::PENDING_CHECKS", count(native::PENDING_CHECKS)),
        ("tls_doctor_core::wire::native::REPLY_LIMIT", bytes(wire::native::REPLY_LIMIT)),
        ("tls_doctor_core::deadlines::CHECK_MIN_MS", millis(deadlines::CHECK_MIN_MS)),
        ("tls_doctor_core::deadlines::CHECK_MAX_MS", millis(deadlines::CHECK_MAX_MS)),
        ("tls_doctor_core::deadlines::MAIL_MAX_MS", millis(deadlines::MAIL_MAX_MS)),
        ("probe::local::MAX_OPTION_CHARS", count(probe::local::MAX_OPTION_CHARS)),
        ("probe::local::MAX_NTP_SERVERS", count(probe::local::MAX_NTP_SERVERS)),
        ("mail::ADDRESS_LIMIT", count(mail::ADDRESS_LIMIT)),
        ("mail::LOCAL_PART_LIMIT", count(mail::LOCAL_PART_LIMIT)),
        // The command line.
        ("cli::DEFAULT_TIMEOUT_SECS", seconds(cli::DEFAULT_TIMEOUT_SECS)),
        ("cli::MAX_TIMEOUT_SECS", seconds(cli::MAX_TIMEOUT_SECS)),
        ("mail::DEFAULT_TIMEOUT", Bound::Time(mail::DEFAULT_TIMEOUT)),
        ("mail::cli::MAX_TIMEOUT_SECS", seconds(mail::cli::MAX_TIMEOUT_SECS)),
        // Files.
        ("policy::FILE_LIMIT", Bound::Bytes(policy::FILE_LIMIT)),
        ("cert_files::FILE_LIMIT", bytes(cert_files::FILE_LIMIT)),
        ("cert_files::CERT_LIMIT", count(cert_files::CERT_LIMIT)),
        ("policy::rate::MAX_TRACKED", Bound::Count(u64::from(policy::rate::MAX_TRACKED))),
        ("policy::rate::READ_LIMIT", Bound::Bytes(policy::rate::READ_LIMIT)),
        ("policy::rate::LOCK_TRIES", Bound::Count(u64::from(policy::rate::LOCK_TRIES))),
        ("policy::rate::STALE_LOCK", Bound::Time(policy::rate::STALE_LOCK)),
        ("install::manifest::READ_LIMIT", bytes(install::manifest::READ_LIMIT)),
        // Time.
        ("probe::CLOCK_PROBE_BUDGET", Bound::Time(probe::CLOCK_PROBE_BUDGET)),
        ("probe::GREETING_BUDGET", Bound::Time(probe::GREETING_BUDGET)),
        ("probe::DIRECT_TLS_AFTER", Bound::Time(probe::DIRECT_TLS_AFTER)),
        ("probe::legacy::PROBE_BUDGET", Bound::Time(probe::legacy::PROBE_BUDGET)),
        ("probe::revocation::OCSP_BUDGET", Bound::Time(probe::revocation::OCSP_BUDGET)),
        ("probe::revocation::CRL_BUDGET", Bound::Time(probe::revocation::CRL_BUDGET)),
        ("probe::portal::BUDGET", Bound::Time(probe::portal::BUDGET)),
        ("probe::sntp::ANSWER_BUDGET", Bound::Time(probe::sntp::ANSWER_BUDGET)),
        ("probe::local::GRACE", Bound::Time(probe::local::GRACE)),
        ("mail::discover::AUTOCONFIG_BUDGET", Bound::Time(mail::discover::AUTOCONFIG_BUDGET)),
        ("mail::discover::DNS_TIMEOUT", Bound::Time(mail::discover::DNS_TIMEOUT)),
        ("mail::DISCOVERY_SHARE", Bound::Share(mail::DISCOVERY_SHARE)),
        // HTTP.
        ("net::http::HEAD_LIMIT", bytes(net::http::HEAD_LIMIT)),
        ("net::http::MAX_HEADERS", count(net::http::MAX_HEADERS)),
        ("probe::fetch::MAX_ADDRESSES", count(probe::fetch::MAX_ADDRESSES)),
        ("probe::aia::AIA_LIMIT", bytes(probe::aia::AIA_LIMIT)),
        ("probe::aia::AIA_DEPTH", count(probe::aia::AIA_DEPTH)),
        ("probe::revocation::OCSP_LIMIT", bytes(probe::revocation::OCSP_LIMIT)),
        ("probe::revocation::CRL_LIMIT", bytes(probe::revocation::CRL_LIMIT)),
        ("probe::revocation::ocsp::MAX_RESPONDER_CERTS", count(probe::revocation::ocsp::MAX_RESPONDER_CERTS)),
        ("probe::revocation::ocsp::MAX_SINGLE_RESPONSES", count(probe::revocation::ocsp::MAX_SINGLE_RESPONSES)),
        ("probe::portal::BODY_LIMIT", bytes(probe::portal::BODY_LIMIT)),
        ("probe::portal::TITLE_CHARS", count(probe::portal::TITLE_CHARS)),
        ("probe::portal::LOCATION_CHARS", count(probe::portal::LOCATION_CHARS)),
        ("probe::clock::DATE_HEADER_CHARS", count(probe::clock::DATE_HEADER_CHARS)),
        ("mail::autoconfig::BODY_LIMIT", bytes(mail::autoconfig::BODY_LIMIT)),
        ("mail::autoconfig::MAX_NODES", Bound::Count(u64::from(mail::autoconfig::MAX_NODES))),
        ("mail::autoconfig::MAX_SERVERS", count(mail::autoconfig::MAX_SERVERS)),
        ("mail::autoconfig::MAX_ADDRESSES", count(mail::autoconfig::MAX_ADDRESSES)),
        // DNS and SNTP.
        ("mail::discover::MAX_RECORDS", count(mail::discover::MAX_RECORDS)),
        ("mail::discover::MAX_MX", count(mail::discover::MAX_MX)),
        ("mail::MAX_CHECKED", count(mail::MAX_CHECKED)),
        ("mail::discover::MAX_ADDRESSES", count(mail::discover::MAX_ADDRESSES)),
        ("mail::shared::MAX_NAMES", count(mail::shared::MAX_NAMES)),
        ("probe::sntp::MAX_DATAGRAMS", count(probe::sntp::MAX_DATAGRAMS)),
        ("probe::sntp::DATAGRAM_LIMIT", bytes(probe::sntp::DATAGRAM_LIMIT)),
        // TLS.
        ("tls_doctor_core::wire::RECEIVED_PREFIX_LIMIT", bytes(wire::RECEIVED_PREFIX_LIMIT)),
        ("tls_doctor_core::wire::CHAIN_LIMIT", count(wire::CHAIN_LIMIT)),
        ("tls_doctor_core::wire::CHAIN_BYTES_LIMIT", bytes(wire::CHAIN_BYTES_LIMIT)),
        ("probe::legacy::parse::RECORD_LIMIT", bytes(probe::legacy::parse::RECORD_LIMIT)),
        ("probe::legacy::parse::HANDSHAKE_LIMIT", bytes(probe::legacy::parse::HANDSHAKE_LIMIT)),
        ("probe::legacy::parse::RECORD_COUNT_LIMIT", count(probe::legacy::parse::RECORD_COUNT_LIMIT)),
        ("probe::legacy::parse::MESSAGE_COUNT_LIMIT", count(probe::legacy::parse::MESSAGE_COUNT_LIMIT)),
        // STARTTLS.
        ("starttls::LINE_BYTES_LIMIT", bytes(starttls::LINE_BYTES_LIMIT)),
        ("starttls::CONTINUATION_LIMIT", count(starttls::CONTINUATION_LIMIT)),
        ("starttls::DIALOGUE_BYTES_LIMIT", bytes(starttls::DIALOGUE_BYTES_LIMIT)),
        ("tls_doctor_core::wire::STARTTLS_LINE_LIMIT", count(wire::STARTTLS_LINE_LIMIT)),
        ("tls_doctor_core::wire::STARTTLS_TRANSCRIPT_LIMIT", count(wire::STARTTLS_TRANSCRIPT_LIMIT)),
        ("starttls::AUTH_LIMIT", count(starttls::AUTH_LIMIT)),
        ("starttls::NAME_LIMIT", count(starttls::NAME_LIMIT)),
        ("starttls::ldap::MESSAGE_LIMIT", bytes(starttls::ldap::MESSAGE_LIMIT)),
        ("starttls::mysql::PACKET_LIMIT", bytes(starttls::mysql::PACKET_LIMIT)),
        ("starttls::postgres::ERROR_LIMIT", bytes(starttls::postgres::ERROR_LIMIT)),
        ("starttls::xmpp::FEATURES_LIMIT", bytes(starttls::xmpp::FEATURES_LIMIT)),
    ])
}

/// One row of a table: its line, and the cells of the columns the test reads.
#[derive(Debug)]
struct Row {
    line: usize,
    bound: String,
    constant: String,
    tests: String,
}

/// The rows of every table whose header has `bound`, `constant` and `test` columns.
fn rows(doc: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut columns: Option<(usize, usize, usize)> = None;
    for (i, line) in doc.lines().enumerate() {
        let line = line.trim();
        if !line.starts_with('|') {
            columns = None;
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells.iter().all(|c| c.chars().all(|ch| ch == '-' || ch == ':')) {
            continue;
        }
        let at = |name: &str| cells.iter().position(|c| *c == name);
        match (columns, at("bound"), at("constant"), at("test")) {
            (None, Some(b), Some(c), Some(t)) => columns = Some((b, c, t)),
            (Some((b, c, t)), ..) => rows.push(Row {
                line: i + 1,
                bound: cells.get(b).copied().unwrap_or_default().to_owned(),
                constant: cells.get(c).copied().unwrap_or_default().to_owned(),
                tests: cells.get(t).copied().unwrap_or_default().to_owned(),
            }),
            _ => {}
        }
    }
    rows
}

/// The words between backticks.
fn quoted(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

/// `64 KiB`, `1 MiB + 64 KiB`, `1.5 s`, `800 ms`, `40 %`, `10,000`, `20 certificates`, with
/// anything after ` (` left aside.
fn parse_bound(cell: &str) -> Result<Bound, String> {
    let quantity = cell.split(" (").next().unwrap_or_default();
    let mut total: Option<Bound> = None;
    for term in quantity.split(" + ") {
        let mut words = term.split_whitespace();
        let number = words.next().ok_or_else(|| format!("no number in {cell:?}"))?.replace(',', "");
        let value: f64 = number.parse().map_err(|_| format!("{number:?} is not a number ({cell:?})"))?;
        let whole = || number.parse::<u64>().map_err(|_| format!("{number:?} is not a whole number ({cell:?})"));
        let term = match words.next() {
            Some("bytes") => Bound::Bytes(whole()?),
            Some("KiB") => Bound::Bytes(whole()? * 1024),
            Some("MiB") => Bound::Bytes(whole()? * 1024 * 1024),
            Some("ms") => Bound::Time(Duration::from_millis(whole()?)),
            Some("s") => Bound::Time(Duration::from_secs_f64(value)),
            Some("%") => Bound::Share(value / 100.0),
            _ => Bound::Count(whole()?),
        };
        total = Some(match (total, term) {
            (None, term) => term,
            (Some(Bound::Bytes(a)), Bound::Bytes(b)) => Bound::Bytes(a + b),
            (Some(Bound::Count(a)), Bound::Count(b)) => Bound::Count(a + b),
            (Some(Bound::Time(a)), Bound::Time(b)) => Bound::Time(a + b),
            _ => return Err(format!("{cell:?} adds different kinds of quantity")),
        });
    }
    total.ok_or_else(|| format!("no bound in {cell:?}"))
}

fn same(a: Bound, b: Bound) -> bool {
    match (a, b) {
        (Bound::Share(x), Bound::Share(y)) => (x - y).abs() < 1e-9,
        _ => a == b,
    }
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The files a test named `module::function` may be in.
fn candidates(module: &[&str]) -> Vec<PathBuf> {
    let root = workspace();
    let joined = module.join("/");
    let mut files = vec![
        root.join(format!("native-host/src/{joined}.rs")),
        root.join(format!("native-host/src/{joined}/mod.rs")),
        root.join(format!("native-host/src/{joined}/tests.rs")),
    ];
    if let [file] = module {
        files.push(root.join(format!("native-host/tests/{file}.rs")));
        files.push(root.join(format!("tests/tests/{file}.rs")));
    }
    files
}

/// Whether `text` has a test function `name` (`fn name(` or `async fn name(`, with `#[test]` or
/// `#[tokio::test]` among the three lines before it).
fn has_test(text: &str, name: &str) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    let signature = format!("fn {name}(");
    lines.iter().enumerate().any(|(i, line)| {
        let line = line.trim_start();
        (line.starts_with(&signature) || line.strip_prefix("async ").is_some_and(|l| l.starts_with(&signature)))
            && lines[i.saturating_sub(3)..i].iter().any(|l| l.trim() == "#[test]" || l.trim() == "#[tokio::test]")
    })
}

/// The problems with one test reference (`module::function`) or case name.
fn check_reference(reference: &str, cases: &str) -> Option<String> {
    if !reference.contains("::") {
        let declared = format!("name: \"{reference}\"");
        return (!cases.contains(&declared)).then(|| format!("no hostile case {reference:?}"));
    }
    let parts: Vec<&str> = reference.split("::").collect();
    let (function, module) = parts.split_last()?;
    let found = candidates(module)
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .any(|text| has_test(&text, function));
    (!found).then(|| format!("no test {reference} (looked for `fn {function}(` in {:?})", candidates(module)))
}

#[test]
fn every_bound_in_the_document_is_the_code_s() {
    let root = workspace();
    let doc = std::fs::read_to_string(root.join("docs/LIMITS.md")).unwrap_or_else(|e| panic!("docs/LIMITS.md: {e}"));
    let cases = ["tests/src/hostile.rs", "tests/tests/native_hostile.rs"]
        .iter()
        .map(|p| std::fs::read_to_string(root.join(p)).unwrap_or_else(|e| panic!("{p}: {e}")))
        .collect::<Vec<_>>()
        .join("\n");
    let known = known();
    let rows = rows(&doc);
    assert!(!rows.is_empty(), "no table with bound, constant and test columns in docs/LIMITS.md");

    let mut problems = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for row in &rows {
        let at = format!("docs/LIMITS.md:{}", row.line);
        let names = quoted(&row.constant);
        let [name] = names.as_slice() else {
            problems.push(format!("{at}: the constant column must name one constant: {:?}", row.constant));
            continue;
        };
        if let Some(first) = seen.insert((*name).to_owned(), row.line) {
            problems.push(format!("{at}: {name} has a row already, at line {first}"));
        }
        match (known.get(name), parse_bound(&row.bound)) {
            (None, _) => problems.push(format!("{at}: {name} is not a constant this test knows")),
            (_, Err(e)) => problems.push(format!("{at}: {e}")),
            (Some(code), Ok(doc)) if !same(*code, doc) => {
                problems
                    .push(format!("{at}: {name} is {code:?} in the code, {doc:?} ({:?}) in the document", row.bound));
            }
            _ => {}
        }
        let references = quoted(&row.tests);
        if !references.iter().any(|r| r.contains("::")) {
            problems.push(format!("{at}: {name} names no test"));
        }
        problems.extend(references.iter().filter_map(|r| check_reference(r, &cases)).map(|p| format!("{at}: {p}")));
    }
    for name in known.keys() {
        if !seen.contains_key(*name) {
            problems.push(format!("{name} has no row in docs/LIMITS.md"));
        }
    }
    assert!(problems.is_empty(), "docs/LIMITS.md and the code differ:\n{}", problems.join("\n"));
}

#[test]
fn bounds_are_read_as_written() {
    assert_eq!(parse_bound("64 KiB"), Ok(Bound::Bytes(65_536)));
    assert_eq!(parse_bound("1 MiB + 64 KiB"), Ok(Bound::Bytes(1_114_112)));
    assert_eq!(parse_bound("512 bytes"), Ok(Bound::Bytes(512)));
    assert_eq!(parse_bound("1.5 s"), Ok(Bound::Time(Duration::from_millis(1_500))));
    assert_eq!(parse_bound("800 ms"), Ok(Bound::Time(Duration::from_millis(800))));
    assert_eq!(parse_bound("10,000"), Ok(Bound::Count(10_000)));
    assert_eq!(parse_bound("200 (10 ms apart, about 2 s)"), Ok(Bound::Count(200)));
    assert_eq!(parse_bound("2048 characters"), Ok(Bound::Count(2048)));
    assert!(same(parse_bound("40 %").unwrap_or(Bound::Count(0)), Bound::Share(0.4)));
    for bad in ["", "many", "1.5 KiB", "1 s + 2 bytes"] {
        assert!(parse_bound(bad).is_err(), "{bad:?}");
    }
    let cases = "name: \"huge-leaf\",";
    assert_eq!(check_reference("huge-leaf", cases), None);
    assert!(check_reference("tiny-leaf", cases).is_some());
    assert_eq!(check_reference("limits_doc::bounds_are_read_as_written", cases), None);
    assert!(check_reference("limits_doc::no_such_test", cases).is_some());
    assert!(check_reference("limits_doc::known", cases).is_some(), "not a test");
}
