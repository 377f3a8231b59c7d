//! Native-messaging mode: the browser starts `tls-doctor` and talks to it in frames over stdin
//! and stdout (the contract: `tls_doctor_core::wire::native`).
//!
//! A reader thread turns stdin into events, so a request that arrives while a check runs is
//! read at once and never lost; one tokio runtime answers them, several checks at a time, and
//! replies go out as they complete, each with its request's id. A writer thread owns stdout, so
//! frames never interleave. stdout carries frames and nothing else; the log is one line per
//! request on stderr (Chrome shows a host's stderr in its own log when started with
//! `--enable-logging`).

// Public for the fuzz targets (fuzz/), which feed them arbitrary frames and requests.
#[doc(hidden)]
pub mod frame;
#[doc(hidden)]
pub mod handle;
mod shrink;

use std::collections::HashMap;
use std::ffi::OsString;
use std::io::Write as _;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc as std_mpsc;

use tls_doctor_core::wire::native::{HostError, REPLY_LIMIT, REQUEST_LIMIT, Reply};
use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinSet;

use crate::console::EXIT_CANNOT_DIAGNOSE;
use crate::probe;
use frame::Incoming;
use handle::Action;

/// Checks probing at the same time; more wait for a turn. A page can fail on a few hosts at
/// once (the page's and its subresources'), and each check is already a handful of connections.
pub(crate) const PARALLEL_CHECKS: usize = 4;
/// Checks accepted but not answered yet; beyond this a check is refused (`refused`), which
/// bounds the memory and time one browser session can ask for.
pub(crate) const PENDING_CHECKS: usize = 16;
/// Frames read ahead of the loop. Requests are at most 64 KiB, so this bounds the buffer.
pub(crate) const INBOX: usize = 16;

/// How the browser started us.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Caller {
    /// Chrome, Chromium, Edge, Brave: the caller's origin, `chrome-extension://ID/` (followed on
    /// Windows by `--parent-window=N`).
    Chromium { origin: String },
    /// Firefox: the path of the host manifest, then the extension's id.
    Firefox { manifest: String, extension: String },
}

/// Recognises a browser's command line (before clap sees it, since neither form is a
/// subcommand). `args` includes the program name.
pub fn invocation(args: &[OsString]) -> Option<Caller> {
    let args: Vec<String> = args.iter().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    // Chromium passes the origin first (`native_process_launcher.cc`: "Pass the origin as the
    // first argument"), then on Windows `--parent-window=N`. Only the first argument counts:
    // `tls-doctor install --extension-id chrome-extension://ID/` is a command line, not a call.
    // Firefox: `/path/to/jp.tlsdoctor.host.json tls-doctor@tlsdoctor.jp` (MDN, "Native
    // messaging": the app gets the manifest's path and the add-on's id).
    match args.as_slice() {
        [origin, ..] if origin.starts_with("chrome-extension://") => Some(Caller::Chromium { origin: origin.clone() }),
        [manifest, extension, ..]
            if manifest.to_ascii_lowercase().ends_with(".json") && looks_like_firefox_id(extension) =>
        {
            Some(Caller::Firefox { manifest: manifest.clone(), extension: extension.clone() })
        }
        _ => None,
    }
}

/// A Firefox add-on id is `name@domain` or a `{GUID}` (MDN, `browser_specific_settings`).
fn looks_like_firefox_id(id: &str) -> bool {
    !id.starts_with('-') && (id.contains('@') || (id.starts_with('{') && id.ends_with('}')))
}

/// Serves the browser until it closes stdin. Exit status: 0 when the browser hung up (between
/// frames, in the middle of one, or by closing stdout); 2 when the input cannot be trusted any
/// more (a declared length beyond any browser's) or the runtime cannot start.
///
/// Who called is not checked again here: the browser starts the host only for the extensions
/// its manifest allows (`allowed_origins`, `allowed_extensions`).
pub fn run() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("tls-doctor: cannot start: {e}");
            return ExitCode::from(EXIT_CANNOT_DIAGNOSE);
        }
    };
    let (inbox_tx, inbox) = mpsc::channel(INBOX);
    // Not joined: at the end it may still be blocked reading stdin, and returning from main
    // ends it.
    if let Err(e) = std::thread::Builder::new().name("stdin".into()).spawn(move || read_stdin(&inbox_tx)) {
        eprintln!("tls-doctor: cannot start: {e}");
        return ExitCode::from(EXIT_CANNOT_DIAGNOSE);
    }
    let (out, out_rx) = std_mpsc::channel::<Vec<u8>>();
    let writer = match std::thread::Builder::new().name("stdout".into()).spawn(move || write_stdout(&out_rx)) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("tls-doctor: cannot start: {e}");
            return ExitCode::from(EXIT_CANNOT_DIAGNOSE);
        }
    };
    // Read once: every request of this process is judged by the same files.
    let policy = crate::policy::Loaded::load(None);
    for line in policy.ignored_lines() {
        eprintln!("tls-doctor: policy key ignored: {line}");
    }
    let end = runtime.block_on(serve(inbox, out, Arc::new(policy)));
    // Every reply queued is written before we exit (`serve` dropped the sender).
    let _ = writer.join();
    // Checks still probing after a fatal input are abandoned with the runtime.
    runtime.shutdown_background();
    match end {
        End::Input | End::Output => ExitCode::SUCCESS,
        End::Untrusted => ExitCode::from(EXIT_CANNOT_DIAGNOSE),
    }
}

/// Why the conversation ended.
#[derive(Debug, PartialEq, Eq)]
enum End {
    /// stdin closed (between frames or inside one) and every accepted check was answered.
    Input,
    /// stdout closed: nobody is listening.
    Output,
    /// A frame declared an absurd length.
    Untrusted,
}

fn read_stdin(inbox: &mpsc::Sender<Incoming>) {
    let stdin = std::io::stdin();
    read_frames(&mut stdin.lock(), inbox);
}

/// Reads frames from `input` into `inbox` until the input ends or cannot be trusted. While
/// [`INBOX`] frames wait for the loop, reading waits too: no more is held ahead.
fn read_frames(input: &mut impl std::io::Read, inbox: &mpsc::Sender<Incoming>) {
    loop {
        let incoming = frame::read(input);
        let (last, too_large) = match &incoming {
            Incoming::Text(_) | Incoming::NotUtf8 => (false, None),
            Incoming::TooLarge { len } => (false, Some(*len)),
            Incoming::Absurd { .. } | Incoming::End | Incoming::Broken => (true, None),
        };
        // Reported before the body is skipped, so the error reply goes out at once.
        if inbox.blocking_send(incoming).is_err() || last {
            return;
        }
        if let Some(len) = too_large {
            if frame::discard(input, len).is_err() {
                let _ = inbox.blocking_send(Incoming::Broken);
                return;
            }
        }
    }
}

fn write_stdout(frames: &std_mpsc::Receiver<Vec<u8>>) {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    // Rust writes raw bytes to a Windows pipe too (no text-mode newline translation), so the
    // frames arrive as written on every platform.
    while let Ok(frame) = frames.recv() {
        if out.write_all(&frame).and_then(|()| out.flush()).is_err() {
            return;
        }
    }
}

/// A finished task: a check's evidence, or a mail request's reply.
enum Done {
    Check(handle::Check, Box<tls_doctor_core::wire::Evidence>),
    Mail(handle::Outgoing),
}

async fn serve(
    mut inbox: mpsc::Receiver<Incoming>,
    out: std_mpsc::Sender<Vec<u8>>,
    policy: Arc<crate::policy::Loaded>,
) -> End {
    let turns = Arc::new(Semaphore::new(PARALLEL_CHECKS));
    let mut checks = JoinSet::new();
    // Which request each running check answers, so that even a check that failed inside can
    // be answered with its id.
    let mut ids = HashMap::new();
    let mut reading = true;
    while reading || !checks.is_empty() {
        let reply = tokio::select! {
            incoming = inbox.recv(), if reading => match incoming.unwrap_or(Incoming::End) {
                Incoming::Text(text) => match handle::request(&text, &policy) {
                    Action::Reply(reply) => reply,
                    Action::Check(check) if checks.len() >= PENDING_CHECKS => handle::error(
                        Some(check.id),
                        HostError::Refused,
                        format!("{PENDING_CHECKS} checks are already waiting; ask again when they are answered"),
                    ),
                    Action::Check(check) => {
                        let id = check.id.clone();
                        let turns = turns.clone();
                        let task = checks.spawn(async move {
                            // The semaphore is never closed, so a permit always comes.
                            let _turn = turns.acquire_owned().await;
                            let evidence = probe::gather(&check.request).await;
                            Done::Check(check, Box::new(evidence))
                        });
                        ids.insert(task.id(), id);
                        continue;
                    }
                    Action::Mail(job) if checks.len() >= PENDING_CHECKS => handle::error(
                        Some(job.id),
                        HostError::Refused,
                        format!("{PENDING_CHECKS} checks are already waiting; ask again when they are answered"),
                    ),
                    Action::Mail(job) => {
                        let id = job.id.clone();
                        let turns = turns.clone();
                        let task = checks.spawn(async move {
                            // One turn for the whole request: its checks already run side by side.
                            let _turn = turns.acquire_owned().await;
                            let report = crate::mail::run(&job.request).await;
                            Done::Mail(handle::mail_report(job.id, report, job.lang, REPLY_LIMIT))
                        });
                        ids.insert(task.id(), id);
                        continue;
                    }
                },
                Incoming::NotUtf8 => handle::error(None, HostError::NotUtf8, "the request is not UTF-8".into()),
                Incoming::TooLarge { len } => handle::error(
                    None,
                    HostError::TooLarge,
                    format!("the request is {len} bytes; this host reads requests of at most {REQUEST_LIMIT}"),
                ),
                Incoming::Absurd { len } => {
                    let reply = handle::error(
                        None,
                        HostError::TooLarge,
                        format!("a frame of {len} bytes is beyond any browser's; the host stops"),
                    );
                    let _ = send(&out, reply, None);
                    return End::Untrusted;
                }
                // A browser that dies mid-frame is gone: nothing to say, nobody to say it to.
                Incoming::Broken => return End::Input,
                Incoming::End => {
                    reading = false;
                    continue;
                }
            },
            Some(done) = checks.join_next_with_id(), if !checks.is_empty() => match done {
                Ok((task, Done::Mail(handle::Outgoing::Reply(reply)))) => {
                    ids.remove(&task);
                    reply
                }
                Ok((task, Done::Mail(handle::Outgoing::Clipped { id, domain, servers, json }))) => {
                    ids.remove(&task);
                    eprintln!("tls-doctor: id {id:?}: mail {domain}: {servers} servers, texts cut to fit");
                    match frame::encode(&json) {
                        Some(frame) => {
                            if out.send(frame).is_err() {
                                return End::Output;
                            }
                            continue;
                        }
                        None => handle::error(Some(id), HostError::Internal, "the reply could not be encoded".into()),
                    }
                }
                Ok((task, Done::Check(check, evidence))) => {
                    ids.remove(&task);
                    let label = check.label();
                    let (reply, steps) = shrink::fit(handle::evidence(check.id, *evidence), REPLY_LIMIT);
                    if send(&out, reply, Some((&label, &steps))).is_err() {
                        return End::Output;
                    }
                    continue;
                }
                Err(e) => handle::error(
                    ids.remove(&e.id()),
                    HostError::Internal,
                    "the check failed inside the host".into(),
                ),
            },
            else => return End::Input,
        };
        if send(&out, reply, None).is_err() {
            return End::Output;
        }
    }
    End::Input
}

/// Frames and queues one reply, with its log line.
fn send(out: &std_mpsc::Sender<Vec<u8>>, reply: Reply, check: Option<(&str, &[shrink::Step])>) -> Result<(), ()> {
    log(&reply, check);
    let frame = frame::encode(&reply).or_else(|| {
        // Only evidence and mail reports can be large, and both were shrunk to fit whatever a
        // server sent (shrink.rs, handle::mail_report); this is the last resort that keeps the
        // id answered should a reply still not encode.
        let id = match &reply {
            Reply::Hello { id, .. } | Reply::Evidence { id, .. } | Reply::MailReport { id, .. } => Some(id.clone()),
            Reply::Error { id, .. } => id.clone(),
        };
        frame::encode(&handle::error(id, HostError::Internal, "the reply could not be encoded".into()))
    });
    match frame {
        Some(frame) => out.send(frame).map_err(|_| ()),
        None => Ok(()),
    }
}

fn log(reply: &Reply, check: Option<(&str, &[shrink::Step])>) {
    let about = |id: Option<&str>| {
        let id = id.map(|id| format!("id {id:?}: ")).unwrap_or_default();
        let check = check.map(|(label, _)| format!("check {label}: ")).unwrap_or_default();
        id + &check
    };
    match reply {
        Reply::Hello { .. } => {}
        Reply::Evidence { id, evidence, .. } => {
            let shrunk = match check {
                Some((_, steps)) if !steps.is_empty() => format!(", shrunk ({steps:?})"),
                _ => String::new(),
            };
            let refused = evidence
                .refusal
                .as_ref()
                .map(|r| format!(", refused by policy ({:?}, {:?})", r.rule, r.source))
                .unwrap_or_default();
            eprintln!("tls-doctor: {}evidence in {} ms{shrunk}{refused}", about(Some(id)), evidence.elapsed_ms);
        }
        Reply::MailReport { id, report, .. } => {
            eprintln!(
                "tls-doctor: {}mail {}: {} servers in {} ms",
                about(Some(id)),
                report.domain,
                report.servers.len(),
                report.elapsed_ms
            );
        }
        Reply::Error { id, error, message, .. } => {
            let error =
                serde_json::to_value(error).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
            eprintln!("tls-doctor: {}{error}: {message}", about(id.as_deref()));
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        std::iter::once("tls-doctor").chain(list.iter().copied()).map(OsString::from).collect()
    }

    #[test]
    fn browser_command_lines_are_recognised() {
        let chrome = Caller::Chromium { origin: "chrome-extension://meadljheakdpnddalampfeoggjanlhca/".into() };
        assert_eq!(invocation(&args(&["chrome-extension://meadljheakdpnddalampfeoggjanlhca/"])), Some(chrome.clone()));
        assert_eq!(
            invocation(&args(&["chrome-extension://meadljheakdpnddalampfeoggjanlhca/", "--parent-window=1234"])),
            Some(chrome)
        );
        assert_eq!(
            invocation(&args(&[
                "/usr/lib/mozilla/native-messaging-hosts/jp.tlsdoctor.host.json",
                "tls-doctor@tlsdoctor.jp"
            ])),
            Some(Caller::Firefox {
                manifest: "/usr/lib/mozilla/native-messaging-hosts/jp.tlsdoctor.host.json".into(),
                extension: "tls-doctor@tlsdoctor.jp".into()
            })
        );
        assert!(
            invocation(&args(&["C:\\TLS Doctor\\JP.TLSDOCTOR.HOST.JSON", "{c9a4d1e2-0000-4000-8000-000000000001}"]))
                .is_some()
        );
    }

    fn framed(body: &[u8]) -> Vec<u8> {
        let mut out = u32::try_from(body.len()).unwrap().to_ne_bytes().to_vec();
        out.extend_from_slice(body);
        out
    }

    /// Input that counts the bytes taken from it.
    struct Counting {
        input: std::io::Cursor<Vec<u8>>,
        taken: Arc<std::sync::atomic::AtomicUsize>,
    }

    impl std::io::Read for Counting {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = std::io::Read::read(&mut self.input, buf)?;
            self.taken.fetch_add(n, std::sync::atomic::Ordering::SeqCst);
            Ok(n)
        }
    }

    /// A browser that writes a hundred frames while the loop reads none: the reader holds
    /// INBOX of them, reads one more, and waits; nothing is lost once the loop reads.
    #[test]
    fn frames_are_read_ahead_sixteen_at_most() {
        let frame = framed(br#"{"v":1,"type":"hello","id":"h"}"#);
        let taken = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut input = Counting { input: std::io::Cursor::new(frame.repeat(100)), taken: taken.clone() };
        let (inbox_tx, mut inbox) = mpsc::channel(INBOX);
        let reader = std::thread::spawn(move || read_frames(&mut input, &inbox_tx));
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert_eq!(taken.load(std::sync::atomic::Ordering::SeqCst), frame.len() * (INBOX + 1));
        let mut texts = 0;
        while let Some(incoming) = inbox.blocking_recv() {
            match incoming {
                Incoming::Text(_) => texts += 1,
                Incoming::End => break,
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(texts, 100);
        reader.join().unwrap();
    }

    /// A check of a port that accepts and never answers, within `timeout_ms`.
    fn silent_check(id: usize, port: u16, timeout_ms: u64) -> String {
        serde_json::json!({"v": 1, "type": "check", "id": format!("c{id}"),
            "target": {"host": "127.0.0.1", "port": port}, "timeout_ms": timeout_ms,
            "client": {"ntp_servers": [], "portal_url": "", "canary": ""}})
        .to_string()
    }

    /// More checks at once than may wait: the ones beyond PENDING_CHECKS are refused at once,
    /// the others run PARALLEL_CHECKS at a time (each costs its whole deadline), all answered.
    #[test]
    fn checks_beyond_sixteen_are_refused_and_four_run_at_a_time() {
        const TIMEOUT_MS: u64 = 1000;
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let mut open = Vec::new();
            while let Ok((stream, _)) = listener.accept() {
                open.push(stream);
            }
        });
        let (inbox_tx, inbox) = mpsc::channel(PENDING_CHECKS * 2);
        let (out, replies) = std_mpsc::channel();
        let asked = PENDING_CHECKS + 2;
        for id in 0..asked {
            inbox_tx.try_send(Incoming::Text(silent_check(id, port, TIMEOUT_MS))).unwrap();
        }
        inbox_tx.try_send(Incoming::End).unwrap();
        let started = std::time::Instant::now();
        let serving = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            let policy = Arc::new(crate::policy::Loaded::from_files(Vec::new()));
            runtime.block_on(serve(inbox, out, policy))
        });
        let mut evidence = Vec::new();
        let mut refused = Vec::new();
        for frame in replies.iter() {
            let reply: serde_json::Value = serde_json::from_slice(&frame[4..]).unwrap();
            match (reply["type"].as_str(), reply["error"].as_str()) {
                (Some("evidence"), _) => evidence.push(started.elapsed()),
                (Some("error"), Some("refused")) => refused.push(started.elapsed()),
                _ => panic!("{reply}"),
            }
        }
        assert_eq!(serving.join().unwrap(), End::Input);
        assert_eq!((evidence.len(), refused.len()), (PENDING_CHECKS, asked - PENDING_CHECKS));
        let timeout = std::time::Duration::from_millis(TIMEOUT_MS);
        assert!(refused.iter().all(|at| *at < timeout / 2), "refused late: {refused:?}");
        // The n-th answer comes with the (n / PARALLEL_CHECKS)-th round of checks, not before.
        for (n, at) in evidence.iter().enumerate() {
            let round = u32::try_from(n / PARALLEL_CHECKS + 1).unwrap();
            assert!(*at >= timeout * round - std::time::Duration::from_millis(100), "answer {n} at {at:?}");
        }
        let rounds = u32::try_from(PENDING_CHECKS.div_ceil(PARALLEL_CHECKS)).unwrap();
        assert!(evidence.last().is_some_and(|at| *at < timeout * rounds + timeout), "{evidence:?}");
    }

    #[test]
    fn the_command_line_tool_is_left_to_clap() {
        for line in [
            &[][..],
            &["check", "example.jp"],
            &["check", "example.jp", "--json"],
            &["install", "--manifest-dir", "/tmp/x.json"],
            &["install", "--extension-id", "chrome-extension://meadljheakdpnddalampfeoggjanlhca/"],
            &["config.json"],
            &["config.json", "--json"],
            &["--help"],
        ] {
            assert_eq!(invocation(&args(line)), None, "{line:?}");
        }
    }
}
