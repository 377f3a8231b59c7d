//! A hostile local caller (issue 12): the real `tls-doctor`, started as Chrome starts it, fed
//! frames no browser sends — oversized, truncated, empty, not UTF-8, not JSON, the wrong shape,
//! an unknown type, a thousand in a row, forty checks at once — and checks of the attacker's
//! servers (`tls_doctor_lab::hostile`). Each case asserts:
//!
//! 1. no panic and no signal: a normal exit code, no "panicked" on stderr;
//! 2. the exit within one second of stdin closing, plus the time the checks still running may
//!    take (their `timeout_ms`, four at a time);
//! 3. a peak resident memory within [`RSS_LIMIT_MIB`] (VmHWM, sampled every 5 ms; the same
//!    bound as `tests/hostile.rs`, which measures a healthy check);
//! 4. every request answered once, each with its own id, by a named reply: the evidence, or an
//!    `error` with a specific code — never `internal`.
//!
//! Build the binary first: `cargo build -p tls-doctor` (or set `TLS_DOCTOR_BIN`).

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers too: a failure stops the test and says why")]

use std::collections::HashMap;
use std::io::Write;
use std::process::{ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tls_doctor_core::wire::native::REQUEST_LIMIT;
use tls_doctor_lab::hostile::{Group, HostileCase, HostileLab};
use tls_doctor_lab::measure::{Slots, Watched, Watcher};
use tls_doctor_lab::native::{CHROME_ORIGIN, frame, framed, hello, read_frames};

/// The same bound as `tests/hostile.rs` (see there for how it was chosen; a host answering
/// a thousand frames peaks at 9 MiB, forty checks at 14 MiB, debug build).
const RSS_LIMIT_MIB: u64 = 48;
/// The host's own limits (`native-host/src/native/mod.rs`): checks probing at once, and checks
/// accepted before more are refused.
const PARALLEL_CHECKS: u32 = 4;
const PENDING_CHECKS: usize = 16;
/// After stdin closes, beyond what its running checks may take, the host has this long.
const GRACE: Duration = Duration::from_secs(1);
/// The longest wait for one reply, and past which a host is killed: a hung host fails.
const WAIT: Duration = Duration::from_secs(30);
/// The checks' `timeout_ms`.
const CHECK_MS: u64 = 2_000;

static SLOTS: Slots = Slots::new(6);

fn lab() -> &'static HostileLab {
    static LAB: OnceLock<HostileLab> = OnceLock::new();
    LAB.get_or_init(|| HostileLab::start().unwrap())
}

/// A running host: frames in, frames out (read on a thread), stderr collected, watched.
struct Host {
    stdin: Option<ChildStdin>,
    frames: mpsc::Receiver<Result<Vec<u8>, String>>,
    stderr: thread::JoinHandle<Vec<u8>>,
    watcher: Watcher,
}

/// How a host's conversation ended.
struct Closed {
    watched: Watched,
    /// From stdin closing to the exit.
    after_close: Duration,
    stderr: String,
    /// Replies that came after the ones the test read.
    rest: Vec<Value>,
}

impl Host {
    fn start(runtime_dir: &str) -> Host {
        let dir = std::env::temp_dir().join(format!("tls-doctor-native-hostile-{}-{runtime_dir}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let bin = tls_doctor_lab::tls_doctor_bin();
        let program = bin.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut child = Command::new(&bin)
            .arg(CHROME_ORIGIN)
            .env("LC_ALL", "C")
            // A panic's backtrace costs tens of MiB to resolve; the panic itself fails the test.
            .env_remove("RUST_BACKTRACE")
            // No policy from this environment, and a rate-limit count of its own.
            .env_remove("TLS_DOCTOR_POLICY")
            .env("XDG_RUNTIME_DIR", &dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let frames = read_frames(child.stdout.take().unwrap());
        let stderr = tls_doctor_lab::measure::read_on_thread(child.stderr.take().unwrap());
        let stdin = child.stdin.take();
        Host { stdin, frames, stderr, watcher: Watcher::start(child, &program, WAIT * 4) }
    }

    /// Writes raw bytes; a host that has already stopped reading (after an absurd length) is
    /// not an error here: its exit is judged.
    fn write(&mut self, bytes: &[u8]) {
        if let Some(stdin) = self.stdin.as_mut() {
            let _ = stdin.write_all(bytes).and_then(|()| stdin.flush());
        }
    }

    /// The next reply, or `None` when none came within [`WAIT`] or stdout ended.
    fn recv(&self) -> Option<Value> {
        let body = self.frames.recv_timeout(WAIT).ok()?.ok()?;
        Some(serde_json::from_slice(&body).unwrap_or_else(|e| panic!("a reply is not JSON: {e}")))
    }

    fn close(mut self) -> Closed {
        drop(self.stdin.take());
        let closed_at = Instant::now();
        let watched = self.watcher.wait().unwrap();
        let after_close = watched.ended_at.saturating_duration_since(closed_at);
        let rest =
            self.frames.try_iter().filter_map(Result::ok).filter_map(|b| serde_json::from_slice(&b).ok()).collect();
        let stderr = String::from_utf8_lossy(&self.stderr.join().unwrap_or_default()).into_owned();
        Closed { watched, after_close, stderr, rest }
    }
}

/// A check of `host:port` at 127.0.0.1, local probes off (they would ask the internet).
fn check(id: &str, host: &str, port: u16, timeout_ms: u64) -> Value {
    json!({"v": 1, "type": "check", "id": id,
           "target": {"host": host, "port": port, "address": "127.0.0.1"},
           "timeout_ms": timeout_ms,
           "client": {"ntp_servers": [], "portal_url": "", "canary": ""}})
}

/// A reply in short: `hello`, `evidence`, `mail_report`, or the error code.
fn kind(reply: &Value) -> String {
    match reply["type"].as_str() {
        Some("error") => reply["error"].as_str().unwrap_or("error without a code").to_owned(),
        Some(other) => other.to_owned(),
        None => format!("not a reply: {reply}"),
    }
}

/// The rules every conversation keeps: (1) a normal exit, no panic; (3) the memory bound.
/// Returns the exit code.
fn assert_composure(name: &str, closed: &Closed) -> i32 {
    let code = closed.watched.code();
    assert!(
        closed.watched.signal().is_none() && code.is_some(),
        "{name}: ended by signal {:?} (or killed); stderr: {}",
        closed.watched.signal(),
        closed.stderr
    );
    assert!(!closed.stderr.contains("panicked"), "{name}: panicked: {}", closed.stderr);
    let peak_mib = closed.watched.peak_rss_kib as f64 / 1024.0;
    assert!(peak_mib <= RSS_LIMIT_MIB as f64, "{name}: peak memory {peak_mib:.1} MiB > {RSS_LIMIT_MIB} MiB");
    // Exact for every child reaped so far, however short-lived (the sampler may miss one).
    let children_mib = closed.watched.children_peak_kib as f64 / 1024.0;
    assert!(
        children_mib <= RSS_LIMIT_MIB as f64,
        "{name}: a child's peak memory {children_mib:.1} MiB > {RSS_LIMIT_MIB} MiB"
    );
    assert!(closed.watched.children_peak_kib > 0, "{name}: the system did not report the children's peak memory");
    eprintln!("{name}: exit {code:?}, {:.2} s after stdin closed, {peak_mib:.1} MiB", closed.after_close.as_secs_f64());
    code.unwrap_or(-1)
}

/// One malformed conversation and what the host must answer.
struct FrameCase {
    name: &'static str,
    input: fn() -> Vec<u8>,
    /// The replies, in order: (id, kind).
    replies: &'static [(Option<&'static str>, &'static str)],
    /// The exit code: 0 when the browser hung up, 2 when the input cannot be trusted.
    exit: i32,
}

const FRAME_CASES: &[FrameCase] = &[
    FrameCase {
        name: "oversized",
        input: || {
            let mut big = br#"{"v":1,"type":"hello","id":"big","pad":""#.to_vec();
            big.resize(REQUEST_LIMIT + 1, b'x');
            [frame(&big), framed(&hello("after-big"))].concat()
        },
        replies: &[(None, "too_large"), (Some("after-big"), "hello")],
        exit: 0,
    },
    FrameCase {
        name: "absurd-length",
        input: || u32::MAX.to_ne_bytes().to_vec(),
        replies: &[(None, "too_large")],
        exit: 2,
    },
    FrameCase { name: "truncated-length", input: || vec![5, 0], replies: &[], exit: 0 },
    FrameCase {
        name: "truncated-body",
        input: || [framed(&hello("before")), 100u32.to_ne_bytes().to_vec(), b"{\"v\":1".to_vec()].concat(),
        replies: &[(Some("before"), "hello")],
        exit: 0,
    },
    FrameCase {
        name: "empty",
        input: || [frame(b""), framed(&hello("after-empty"))].concat(),
        replies: &[(None, "bad_json"), (Some("after-empty"), "hello")],
        exit: 0,
    },
    FrameCase {
        name: "not-utf8",
        input: || [frame(&[0x7b, 0xff, 0xfe, 0x7d]), frame(b"{\"v\":1,\"id\":\"\xc3\x28\"}")].concat(),
        replies: &[(None, "not_utf8"), (None, "not_utf8")],
        exit: 0,
    },
    FrameCase {
        name: "not-json",
        input: || [frame(b"{\"v\":1,"), frame(b"hello"), frame(b"\x00\x00\x00")].concat(),
        replies: &[(None, "bad_json"), (None, "bad_json"), (None, "bad_json")],
        exit: 0,
    },
    FrameCase {
        name: "wrong-shape",
        input: || {
            [
                frame(b"[1,2,3]"),
                frame(b"\"hello\""),
                framed(&json!({"v": "1", "type": "hello", "id": "v-string"})),
                framed(&json!({"v": 1, "type": "check", "id": "target-string", "target": "example.jp"})),
                framed(&json!({"v": 1, "type": "check", "id": "port-text", "target": {"host": "a.jp", "port": "443"}})),
                framed(
                    &json!({"v": 1, "type": "check", "id": "deep", "target": {"host": {"a": [[[[1]]]]}, "port": 1}}),
                ),
                framed(&json!({"v": 1, "type": "mail", "id": "mail-number", "address": 12})),
                framed(&json!({"v": 1, "type": "hello", "id": 7})),
            ]
            .concat()
        },
        replies: &[
            (None, "bad_json"),
            (None, "bad_json"),
            (Some("v-string"), "unsupported_version"),
            (Some("target-string"), "bad_request"),
            (Some("port-text"), "bad_request"),
            (Some("deep"), "bad_request"),
            (Some("mail-number"), "bad_request"),
            (None, "bad_request"),
        ],
        exit: 0,
    },
    FrameCase {
        name: "unknown-type",
        input: || {
            [framed(&json!({"v": 1, "type": "scan", "id": "scan"})), framed(&json!({"v": 1, "type": 5, "id": "five"}))]
                .concat()
        },
        replies: &[(Some("scan"), "unknown_type"), (Some("five"), "unknown_type")],
        exit: 0,
    },
];

/// Every malformed conversation, side by side: each reply in order, then the exit within a
/// second of stdin closing (nothing runs), memory bounded.
#[test]
fn malformed_frames_are_each_answered_and_the_host_keeps_going() {
    thread::scope(|scope| {
        for case in FRAME_CASES {
            scope.spawn(move || {
                let _slot = SLOTS.take();
                let mut host = Host::start(case.name);
                host.write(&(case.input)());
                for (i, (id, expected)) in case.replies.iter().enumerate() {
                    let reply = host.recv().unwrap_or_else(|| panic!("{}: no reply {i} ({expected})", case.name));
                    assert_eq!(kind(&reply), *expected, "{}: reply {i}: {reply}", case.name);
                    assert_eq!(reply["id"].as_str(), *id, "{}: reply {i}: {reply}", case.name);
                }
                let closed = host.close();
                assert!(closed.rest.is_empty(), "{}: more replies than requests: {:?}", case.name, closed.rest);
                assert_eq!(assert_composure(case.name, &closed), case.exit, "{}: {}", case.name, closed.stderr);
                assert!(
                    closed.after_close <= GRACE,
                    "{}: exited {:?} after stdin closed",
                    case.name,
                    closed.after_close
                );
            });
        }
    });
}

/// A thousand requests in one write, of every kind the host answers at once: every id
/// answered exactly once (in any order), with the reply its request calls for.
#[test]
fn a_thousand_frames_in_a_row_are_all_answered() {
    let _slot = SLOTS.take();
    let mut expected = HashMap::new();
    let mut input = Vec::new();
    for i in 0..1000 {
        let id = format!("r{i}");
        let (request, answer) = match i % 5 {
            0 => (hello(&id), "hello"),
            1 => (json!({"v": 1, "type": "scan", "id": id}), "unknown_type"),
            2 => (json!({"v": 9, "type": "hello", "id": id}), "unsupported_version"),
            3 => (check(&id, "example.jp", 0, 1000), "bad_request"),
            _ => (json!({"v": 1, "type": "mail", "id": id, "address": "not an address"}), "bad_request"),
        };
        input.extend(framed(&request));
        expected.insert(id, answer);
    }
    let mut host = Host::start("thousand");
    let started = Instant::now();
    host.write(&input);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for _ in 0..1000 {
        let reply = host.recv().unwrap_or_else(|| panic!("only {} replies of 1000", seen.len()));
        let id = reply["id"].as_str().unwrap_or_else(|| panic!("a reply without an id: {reply}")).to_owned();
        assert_eq!(Some(&kind(&reply).as_str()), expected.get(&id), "{reply}");
        *seen.entry(id).or_default() += 1;
    }
    let elapsed = started.elapsed();
    let closed = host.close();
    assert!(closed.rest.is_empty(), "more than 1000 replies: {:?}", closed.rest.len());
    assert!(seen.values().all(|n| *n == 1) && seen.len() == 1000, "ids answered twice or never");
    assert_eq!(assert_composure("thousand", &closed), 0);
    assert!(closed.after_close <= GRACE, "exited {:?} after stdin closed", closed.after_close);
    eprintln!("thousand: 1000 replies in {elapsed:?}");
}

/// Forty checks at once, of healthy and hostile lab servers: each id answered once, by its
/// evidence or by `refused` beyond the pending limit, never `internal`; the host exits once
/// the accepted checks are done (four at a time, each within its `timeout_ms`) plus a second.
#[test]
fn forty_checks_at_once_are_all_answered_within_the_parallelism() {
    let tls_port = lab().start_group(Group::TlsPort).unwrap();
    let starttls = lab().start_group(Group::StarttlsPort).unwrap();
    let healthy = lab().healthy("healthy.hostile.lab.test").unwrap();
    let mut targets: Vec<(String, u16)> = vec![("healthy.hostile.lab.test".into(), healthy)];
    // The small servers only: the huge certificates have their own test.
    let small =
        |c: &&HostileCase| !c.name.contains("leaf") && !c.name.contains("chain") && !c.name.contains("certificates");
    targets.extend(tls_port.iter().chain(&starttls).filter(small).filter_map(|c| c.target.clone()));
    let _slot = SLOTS.take();
    let mut host = Host::start("forty");
    let mut input = Vec::new();
    for i in 0..40 {
        let (name, port) = &targets[i % targets.len()];
        input.extend(framed(&check(&format!("c{i}"), name, *port, CHECK_MS)));
    }
    host.write(&input);
    let closed_at = Instant::now();
    // Stdin closes right after the requests: the host must still answer every one.
    drop(host.stdin.take());
    let mut answers: HashMap<String, String> = HashMap::new();
    while answers.len() < 40 {
        let Some(reply) = host.recv() else { break };
        let id = reply["id"].as_str().unwrap_or_else(|| panic!("a reply without an id: {reply}")).to_owned();
        let previous = answers.insert(id.clone(), kind(&reply));
        assert!(previous.is_none(), "{id} answered twice");
    }
    let closed = host.close();
    assert_eq!(answers.len(), 40, "only {} of 40 checks were answered: {answers:?}\n{}", answers.len(), closed.stderr);
    assert!(closed.rest.is_empty(), "more replies than requests: {:?}", closed.rest);
    let evidence = answers.values().filter(|k| *k == "evidence").count();
    let refused = answers.values().filter(|k| *k == "refused").count();
    assert_eq!(evidence + refused, 40, "replies other than evidence or refused: {answers:?}\n{}", closed.stderr);
    assert!(evidence >= PENDING_CHECKS, "only {evidence} checks accepted: {answers:?}");
    assert_eq!(assert_composure("forty", &closed), 0);
    // Measured from the requests (stdin closed with them): the accepted checks in rounds of
    // four, each round within one timeout, then a second.
    let rounds = u32::try_from(evidence).unwrap().div_ceil(PARALLEL_CHECKS);
    let allowed = Duration::from_millis(CHECK_MS) * rounds + GRACE;
    let took = closed.watched.ended_at.duration_since(closed_at);
    eprintln!("forty: {evidence} evidence, {refused} refused, exit after {took:?} (allowed {allowed:?})");
    assert!(took <= allowed, "the host exited {took:?} after stdin closed; {rounds} rounds allow {allowed:?}");
}

/// A check of a hostile server through native messaging: the evidence comes back (shrunk to
/// fit if need be), never `internal`, and the host exits on time within the memory bound.
#[test]
fn checks_of_hostile_servers_answer_with_evidence() {
    // (the hostile case, its group): leaves too large for any reply unshrunk, the chunked
    // answers that overflow, an endless chunked CRL, a megabyte chain, endless noise.
    let wanted = [
        ("huge-leaf", Group::TlsPort),
        ("large-leaf", Group::TlsPort),
        ("megabyte-chain", Group::TlsPort),
        ("garbage-endless", Group::TlsPort),
        ("aia-chunk-max", Group::Aia),
        ("aia-chunk-max-less-one", Group::Aia),
        ("ocsp-chunk-max", Group::Ocsp),
        ("crl-chunk-max", Group::Crl),
        ("crl-endless-chunks", Group::Crl),
    ];
    let mut groups: HashMap<Group, Vec<HostileCase>> = HashMap::new();
    for (_, group) in wanted {
        groups.entry(group).or_insert_with(|| lab().start_group(group).unwrap());
    }
    let failures: Vec<String> = thread::scope(|scope| {
        let runs: Vec<_> = wanted
            .iter()
            .map(|(name, group)| {
                let case = groups[group].iter().find(|c| c.name == *name).unwrap_or_else(|| panic!("no case {name}"));
                scope.spawn(move || native_check(case))
            })
            .collect();
        runs.into_iter().filter_map(|r| r.join().unwrap().err()).collect()
    });
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), wanted.len(), failures.join("\n"));
}

const SERVER_MS: u64 = 3_000;

fn native_check(case: &HostileCase) -> Result<(), String> {
    let (host_name, port) = case.target.clone().ok_or_else(|| format!("{}: no target", case.name))?;
    let _slot = SLOTS.take();
    let mut host = Host::start(case.name);
    host.write(&framed(&check(case.name, &host_name, port, SERVER_MS)));
    let started = Instant::now();
    drop(host.stdin.take());
    let reply = host.recv();
    let closed = host.close();
    let mut broken = Vec::new();
    match &reply {
        None => broken.push("no reply".to_owned()),
        Some(r) if kind(r) != "evidence" || r["id"] != case.name => {
            broken.push(format!("{} reply for {}: {}", kind(r), r["id"], r["message"]));
        }
        Some(_) => {}
    }
    let code = closed.watched.code();
    if closed.watched.signal().is_some() || !matches!(code, Some(0)) {
        broken.push(format!("exit {code:?}, signal {:?}", closed.watched.signal()));
    }
    if closed.stderr.contains("panicked") {
        broken.push("panicked".to_owned());
    }
    let peak_mib = closed.watched.peak_rss_kib as f64 / 1024.0;
    if peak_mib > RSS_LIMIT_MIB as f64 {
        broken.push(format!("peak memory {peak_mib:.1} MiB > {RSS_LIMIT_MIB} MiB"));
    }
    let children_mib = closed.watched.children_peak_kib as f64 / 1024.0;
    if children_mib > RSS_LIMIT_MIB as f64 {
        broken.push(format!("a child's peak memory {children_mib:.1} MiB > {RSS_LIMIT_MIB} MiB"));
    }
    if closed.watched.children_peak_kib == 0 {
        broken.push("the system did not report the children's peak memory".to_owned());
    }
    let took = closed.watched.ended_at.duration_since(started);
    if took > Duration::from_millis(SERVER_MS) + GRACE {
        broken.push(format!("exited {took:?} after the request, timeout_ms {SERVER_MS} + 1 s"));
    }
    let size = reply.as_ref().map_or(0, |r| r.to_string().len());
    let summary = format!(
        "{}: exit {code:?} after {took:?}, {peak_mib:.1} MiB, {:.2} s CPU, reply of {size} bytes",
        case.name,
        closed.watched.cpu.as_secs_f64()
    );
    eprintln!("{summary}");
    if broken.is_empty() {
        Ok(())
    } else {
        let stderr: String = closed.stderr.lines().take(8).collect::<Vec<_>>().join("\n    ");
        Err(format!("FAIL {summary}: {} ({})\n    stderr: {stderr}", broken.join("; "), case.description))
    }
}
