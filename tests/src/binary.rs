//! The `tls-doctor` binary under test: where it is, and running it against a case.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::LabError;
use crate::cases::Case;

/// The `tls-doctor` to test: `TLS_DOCTOR_BIN` when set, else the newer of the debug and
/// release builds in the workspace's target directory.
///
/// # Panics
///
/// When there is no such binary, with a message that says how to build it: every user of the
/// lab needs the binary, and none can do anything useful without it.
#[expect(clippy::panic, reason = "the caller asked for a binary that is not there; the message says how to build it")]
pub fn tls_doctor_bin() -> PathBuf {
    match find_tls_doctor_bin() {
        Ok(path) => path,
        Err(e) => panic!("{e}"),
    }
}

/// [`tls_doctor_bin`] without the panic.
pub fn find_tls_doctor_bin() -> Result<PathBuf, LabError> {
    if let Some(path) = std::env::var_os("TLS_DOCTOR_BIN") {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(LabError::new(format!("TLS_DOCTOR_BIN is {}, which is not a file", path.display())))
        };
    }
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        // This crate lives one level below the workspace root.
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("target"),
    };
    let name = format!("tls-doctor{}", std::env::consts::EXE_SUFFIX);
    ["debug", "release"]
        .iter()
        .map(|profile| target.join(profile).join(&name))
        .filter_map(|path| modified(&path).map(|time| (time, path)))
        .max_by_key(|(time, _)| *time)
        .map(|(_, path)| path)
        .ok_or_else(|| {
            LabError::new(format!(
                "no tls-doctor binary in {}/{{debug,release}}: run `cargo build -p tls-doctor` first \
                 (or set TLS_DOCTOR_BIN)",
                target.display()
            ))
        })
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).ok().filter(|m| m.is_file())?.modified().ok()
}

/// What one run of `tls-doctor` did.
#[derive(Clone, Debug)]
pub struct Run {
    /// The command line, for messages.
    pub command: String,
    /// `None` when a signal ended it (or the lab killed it for taking too long).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

/// The longest a run may take. Every case's slowest step is bounded by `tls-doctor`'s own
/// timeout; past this the binary is hung, and the run is killed so that a test fails instead
/// of hanging.
const RUN_LIMIT: Duration = Duration::from_secs(60);

/// Runs `tls-doctor` with the case's arguments followed by `extra` (`--json`, `--lang ja`…).
pub fn run(bin: &Path, case: &Case, extra: &[&str]) -> Result<Run, LabError> {
    let mut args = case.args();
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    let command = format!("{} {}", bin.display(), args.join(" "));
    let started = Instant::now();
    let mut child = Command::new(bin)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| LabError::new(format!("could not run {}: {e}", bin.display())))?;
    // Read both pipes on their own threads: a large JSON report fills a pipe long before the
    // process ends.
    let stdout = child.stdout.take().map(read_on_thread);
    let stderr = child.stderr.take().map(read_on_thread);
    let code = loop {
        if let Some(status) = child.try_wait()? {
            break status.code();
        }
        if started.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let collect = |h: Option<std::thread::JoinHandle<Vec<u8>>>| {
        h.and_then(|h| h.join().ok()).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
    };
    Ok(Run { command, code, stdout: collect(stdout), stderr: collect(stderr), elapsed: started.elapsed() })
}

fn read_on_thread<R: Read + Send + 'static>(mut pipe: R) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

/// A `--json` run, parsed.
#[derive(Clone, Debug)]
pub struct JsonRun {
    pub run: Run,
    pub json: serde_json::Value,
}

impl JsonRun {
    /// `findings[0].id`.
    pub fn primary(&self) -> Option<&str> {
        self.json.pointer("/findings/0/id")?.as_str()
    }

    /// `findings[0].evidence`.
    pub fn primary_evidence(&self) -> &serde_json::Value {
        self.json.pointer("/findings/0/evidence").unwrap_or(&serde_json::Value::Null)
    }

    /// Every finding id, in rank order.
    pub fn finding_ids(&self) -> Vec<&str> {
        let findings = self.json.get("findings").and_then(|f| f.as_array());
        findings.into_iter().flatten().filter_map(|f| f.get("id")?.as_str()).collect()
    }
}

/// Runs `tls-doctor … --json` for the case and parses what it printed.
pub fn run_json(bin: &Path, case: &Case) -> Result<JsonRun, LabError> {
    let run = run(bin, case, &["--json"])?;
    match serde_json::from_str(&run.stdout) {
        Ok(json) => Ok(JsonRun { run, json }),
        Err(e) => Err(LabError::new(format!(
            "`{}` exited with {:?} and printed no JSON ({e}).\nstdout: {}\nstderr: {}",
            run.command, run.code, run.stdout, run.stderr
        ))),
    }
}
