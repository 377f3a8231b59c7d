//! The real binary, started as a browser starts it, spoken to in frames over stdin and stdout.
//! Servers are on 127.0.0.1 and started here; nothing else is touched. Build the binary first:
//! `cargo build -p tls-doctor` (or set `TLS_DOCTOR_BIN`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tls_doctor_core::wire::native::{REQUEST_LIMIT, Reply};
use tls_doctor_core::wire::{HandshakeRole, TcpOutcome, TlsOutcome};
use tls_doctor_lab::native::{CHROME_ORIGIN, frame, framed, hello, read_frames};

mod common;

/// Long enough for a loaded CI machine, short enough to fail a hung host quickly.
const WAIT: Duration = Duration::from_secs(30);

/// A running host: frames in, frames out (read on a thread, so that a test can wait with a
/// deadline), stderr collected.
struct Host {
    child: Child,
    stdin: Option<ChildStdin>,
    frames: mpsc::Receiver<Result<Vec<u8>, String>>,
    stderr: thread::JoinHandle<String>,
}

impl Host {
    fn start(args: &[&str]) -> Host {
        let mut child = Command::new(tls_doctor_lab::tls_doctor_bin())
            .args(args)
            .env("LC_ALL", "C")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let frames = read_frames(child.stdout.take().unwrap());
        let mut stderr = child.stderr.take().unwrap();
        let stderr = thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        Host { stdin: child.stdin.take(), child, frames, stderr }
    }

    fn chrome() -> Host {
        Host::start(&[CHROME_ORIGIN])
    }

    fn write(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send_raw(&mut self, body: &[u8]) {
        self.write(&frame(body));
    }

    fn send(&mut self, message: &Value) {
        self.write(&framed(message));
    }

    fn recv(&self) -> Value {
        serde_json::from_str(&self.recv_text()).expect("a reply is JSON")
    }

    /// The next reply as the host wrote it: wire types are read from this text, since a
    /// `Value` sorts its keys and a tagged enum's tag must come first (docs/WIRE.md).
    fn recv_text(&self) -> String {
        let body = self.frames.recv_timeout(WAIT).expect("no reply in time").expect("stdout carries only frames");
        String::from_utf8(body).expect("a reply is UTF-8")
    }

    /// Closes stdin and waits for the exit status; stdout must hold nothing more, and stderr
    /// is returned.
    fn close(mut self) -> (Option<i32>, String) {
        drop(self.stdin.take());
        let started = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > WAIT {
                let _ = self.child.kill();
                panic!("the host did not exit after stdin closed");
            }
            thread::sleep(Duration::from_millis(20));
        };
        match self.frames.recv_timeout(WAIT) {
            Err(mpsc::RecvTimeoutError::Disconnected) => {}
            other => panic!("after the last reply stdout held {other:?}"),
        }
        (status.code(), self.stderr.join().unwrap())
    }
}

fn check(id: &str, host: &str, port: u16, address: Option<&str>, timeout_ms: u64) -> Value {
    let mut target = json!({"host": host, "port": port});
    if let Some(address) = address {
        target["address"] = json!(address);
    }
    json!({"v": 1, "type": "check", "id": id, "target": target, "timeout_ms": timeout_ms})
}

fn assert_error(reply: &Value, id: Option<&str>, error: &str) {
    assert_eq!(reply["type"], "error", "{reply}");
    assert_eq!(reply["v"], 1, "{reply}");
    assert_eq!(reply["error"], error, "{reply}");
    assert_eq!(reply["id"].as_str(), id, "{reply}");
    assert!(reply["message"].as_str().is_some_and(|m| !m.is_empty()), "{reply}");
}

fn assert_hello(reply: &Value, id: &str) {
    // The policy report first: the system file, whatever this machine holds there.
    let mut reply = reply.clone();
    let policy = reply.as_object_mut().and_then(|o| o.remove("policy")).unwrap_or_default();
    assert_eq!(policy["files"][0]["origin"], "system", "{policy}");
    assert!(policy["effective"]["probes"].is_boolean(), "{policy}");
    assert_eq!(
        reply,
        json!({"v": 1, "type": "hello", "id": id,
                "host": {"name": "tls-doctor", "version": env!("CARGO_PKG_VERSION")}, "wire": [1]})
    );
}

/// The evidence in a reply, read with the contract's own types.
fn evidence_in(reply: &str) -> Box<tls_doctor_core::wire::Evidence> {
    match serde_json::from_str::<Reply>(reply).unwrap() {
        Reply::Evidence { evidence, .. } => evidence,
        other => panic!("not evidence: {other:?}"),
    }
}

#[test]
fn hello_round_trip_and_eof_exits_0() {
    let mut host = Host::chrome();
    host.send(&hello("1"));
    assert_hello(&host.recv(), "1");
    let (code, stderr) = host.close();
    assert_eq!(code, Some(0));
    assert!(stderr.is_empty(), "hello is not logged: {stderr}");
}

#[test]
fn firefox_and_windows_command_lines_start_the_loop_too() {
    let mut host =
        Host::start(&["/usr/lib/mozilla/native-messaging-hosts/jp.tlsdoctor.host.json", "tls-doctor@tlsdoctor.jp"]);
    host.send(&hello("ff"));
    assert_hello(&host.recv(), "ff");
    assert_eq!(host.close().0, Some(0));

    let mut host = Host::start(&[CHROME_ORIGIN, "--parent-window=0"]);
    host.send(&hello("win"));
    assert_hello(&host.recv(), "win");
    assert_eq!(host.close().0, Some(0));
}

#[test]
fn every_malformed_request_gets_its_error_and_the_loop_goes_on() {
    let mut host = Host::chrome();
    // Larger than a request may be: refused, skipped, and the next frame is still read.
    let mut big = br#"{"v":1,"type":"hello","id":"big","pad":""#.to_vec();
    big.resize(REQUEST_LIMIT + 1, b'x');
    host.send_raw(&big);
    host.send(&hello("after-big"));
    assert_error(&host.recv(), None, "too_large");
    assert_hello(&host.recv(), "after-big");

    host.send_raw(&[0x7b, 0xff, 0xfe, 0x7d]);
    assert_error(&host.recv(), None, "not_utf8");
    host.send_raw(b"{\"v\":1,");
    assert_error(&host.recv(), None, "bad_json");
    host.send_raw(b"[1,2,3]");
    assert_error(&host.recv(), None, "bad_json");
    host.send(&json!({"v": 2, "type": "hello", "id": "v2"}));
    let reply = host.recv();
    assert_error(&reply, Some("v2"), "unsupported_version");
    assert!(reply["message"].as_str().unwrap().contains("version 1"), "{reply}");
    host.send(&json!({"type": "hello", "id": "no-v"}));
    assert_error(&host.recv(), Some("no-v"), "unsupported_version");
    host.send(&json!({"v": 1, "type": "scan", "id": "t"}));
    assert_error(&host.recv(), Some("t"), "unknown_type");
    host.send(&json!({"v": 1, "id": "no-type"}));
    assert_error(&host.recv(), Some("no-type"), "unknown_type");
    host.send(&check("p0", "example.jp", 0, None, 1000));
    assert_error(&host.recv(), Some("p0"), "bad_request");
    host.send(&check("space", "exa mple", 443, None, 1000));
    assert_error(&host.recv(), Some("space"), "bad_request");
    host.send(&json!({"v": 1, "type": "check", "id": "no-target"}));
    assert_error(&host.recv(), Some("no-target"), "bad_request");
    host.send_raw(b"");
    assert_error(&host.recv(), None, "bad_json");

    host.send(&hello("still-here"));
    assert_hello(&host.recv(), "still-here");
    let (code, stderr) = host.close();
    assert_eq!(code, Some(0));
    // Quiet: at most one line per request (12 refused here).
    assert!(stderr.lines().count() <= 12, "{stderr}");
    assert!(stderr.lines().all(|l| l.starts_with("tls-doctor: ")), "{stderr}");
}

#[test]
fn a_truncated_frame_ends_the_host_quietly() {
    // Half a length.
    let mut host = Host::chrome();
    host.write(&[5, 0]);
    let (code, stderr) = host.close();
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    // A whole length, half a body.
    let mut host = Host::chrome();
    host.send(&hello("before"));
    assert_hello(&host.recv(), "before");
    host.write(&100u32.to_ne_bytes());
    host.write(b"{\"v\":1");
    let (code, stderr) = host.close();
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
}

#[test]
fn an_absurd_length_is_answered_then_the_host_stops() {
    let mut host = Host::chrome();
    host.write(&u32::MAX.to_ne_bytes());
    assert_error(&host.recv(), None, "too_large");
    // It stops by itself, without waiting for stdin to close.
    let started = Instant::now();
    while host.child.try_wait().unwrap().is_none() {
        assert!(started.elapsed() < WAIT, "the host went on reading");
        thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(host.close().0, Some(2));
}

/// A server that answers whatever it is sent with HTTP 400, as a plain web server on a TLS port
/// does; it serves `connections` connections, then stops.
fn plain_http_server(connections: usize) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for stream in listener.incoming().take(connections) {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut hello = [0u8; 1024];
            let _ = stream.read(&mut hello);
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
    });
    port
}

#[test]
fn a_check_of_a_plain_http_port_returns_what_the_server_said() {
    let port = plain_http_server(2);
    let mut host = Host::chrome();
    host.send(&check("http", "plain.lab.test", port, Some("127.0.0.1"), 5_000));
    let text = host.recv_text();
    let reply: Value = serde_json::from_str(&text).unwrap();
    assert_eq!((reply["type"].as_str(), reply["id"].as_str()), (Some("evidence"), Some("http")), "{reply}");
    let e = evidence_in(&text);
    assert_eq!(e.target.host, "plain.lab.test");
    assert_eq!(e.target.sni.as_deref(), Some("plain.lab.test"));
    assert_eq!(e.target.address, Some("127.0.0.1".parse().unwrap()));
    assert_eq!(e.timeout_ms, 5_000);
    let primary = &e.handshakes[0];
    assert_eq!(primary.role, HandshakeRole::Primary);
    assert!(
        primary.received.as_slice().starts_with(b"HTTP/1.1"),
        "{:?}",
        String::from_utf8_lossy(primary.received.as_slice())
    );
    assert!(matches!(primary.tls, TlsOutcome::NotTls { .. }), "{:?}", primary.tls);
    let (code, stderr) = host.close();
    assert_eq!(code, Some(0));
    assert_eq!(stderr.lines().count(), 1, "one line per request: {stderr}");
    assert!(stderr.contains(&format!("check plain.lab.test:{port}")), "{stderr}");
}

#[test]
fn a_check_of_a_closed_port_reports_refused() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let mut host = Host::chrome();
    host.send(&check("closed", "127.0.0.1", port, None, 5_000));
    let e = evidence_in(&host.recv_text());
    assert_eq!(e.handshakes.len(), 1, "no SNI for an IP address, so no second handshake");
    let tcp = &e.handshakes[0].tcp;
    assert_eq!(tcp[0].outcome, TcpOutcome::Refused, "{tcp:?}");
    assert_eq!(host.close().0, Some(0));
}

#[test]
fn a_request_sent_while_a_check_runs_is_answered_first() {
    // Accepts and then says nothing: the check waits for its whole deadline.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (done, finished) = mpsc::channel::<()>();
    let held = thread::spawn(move || {
        let silent: Vec<TcpStream> = listener.incoming().take(1).filter_map(Result::ok).collect();
        // Later connections wait in the listener's backlog, connected and unanswered too.
        let _ = finished.recv_timeout(WAIT);
        drop((silent, listener));
    });
    let mut host = Host::chrome();
    host.send(&check("slow", "127.0.0.1", port, None, 2_000));
    host.send(&hello("quick"));
    assert_hello(&host.recv(), "quick");
    let text = host.recv_text();
    let reply: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(reply["id"], "slow");
    let e = evidence_in(&text);
    assert_eq!(e.handshakes[0].tls, TlsOutcome::TimedOut);
    // Stdin closed while a check runs: the check is still answered before the host exits.
    host.send(&check("last", "127.0.0.1", port, None, 1_000));
    drop(host.stdin.take());
    let last = host.recv();
    assert_eq!((last["type"].as_str(), last["id"].as_str()), (Some("evidence"), Some("last")), "{last}");
    assert_eq!(host.close().0, Some(0));
    done.send(()).unwrap();
    held.join().unwrap();
}

/// Issue 15: a 250 KB leaf through native messaging, as the extension's popup asks: the reply's
/// evidence keeps the size (TLS 1.3: the encrypted count; TLS 1.2: the version probe's), and
/// the model (what the popup runs) names it as the cause.
#[test]
fn a_250_kb_leaf_is_measured_through_native_messaging() {
    let (server, served) =
        tls_doctor_lab::external::handshake::start(common::lab().pki(), common::lab().ca_file()).unwrap();
    for case in server.cases().iter().filter(|c| c.name.starts_with("nginx-large-leaf")) {
        let sent = served.iter().find(|s| s.name == case.name).unwrap();
        let mut host = Host::chrome();
        host.send(&check(case.name, case.host, case.port, Some("127.0.0.1"), 10_000));
        let e = evidence_in(&host.recv_text());
        let d = tls_doctor_core::diagnose(&e, e.measured_at, &tls_doctor_core::OrgSettings::default());
        let tls_doctor_core::wire::FindingKind::CertificateTooLarge { certificates, bytes } = &d.findings[0].kind
        else {
            panic!("{}: {:?}", case.name, d.findings)
        };
        if case.name.ends_with("tls12") {
            assert_eq!((*certificates, *bytes), (Some(sent.certificates), sent.chain_bytes), "{}", case.name);
        } else {
            assert_eq!(*certificates, None);
            assert!((sent.chain_bytes..sent.chain_bytes + 2_048).contains(bytes), "{bytes} for {}", sent.chain_bytes);
        }
        assert_eq!(host.close().0, Some(0));
    }
}
