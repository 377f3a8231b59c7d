//! The lab's OCSP responder: Debian's `openssl ocsp`, answering POSTed requests (RFC 6960
//! Appendix A.1) from the PKI's index, signing as a responder the intermediate delegated to
//! (`-rsigner`, RFC 6960 §4.2.2.2). It binds port 0 itself and prints what it got
//! (`ACCEPT [::]:PORT PID=N`), so no port is guessed.
//!
//! Two habits of `openssl ocsp` (3.0) shape this module:
//! - A connection closed before a request arrived makes it spin on EOF for good (100 % CPU, no
//!   more answers). Nothing may open an empty connection to it, so its ACCEPT line, printed
//!   once it listens, is the sign it is ready (no probe connection as for nginx).
//! - It outlives a parent that dies, and the integration tests keep their lab in a `static`,
//!   never dropped. So it runs under `sh`, which kills it as soon as the lab's end of its
//!   standard input closes: when the responder is dropped, or when the process holding the lab
//!   ends, however it ends.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use super::process;
use crate::LabError;
use crate::pki::Pki;
use crate::scratch::ScratchDir;

/// How long the responder may take to say which port it got.
const ANNOUNCE_LIMIT: Duration = Duration::from_secs(15);
/// How long its answers say they are current (`-nmin`).
const NEXT_UPDATE_MINUTES: &str = "60";

/// A running `openssl ocsp`; stopped when dropped.
#[derive(Debug)]
pub struct OcspResponder {
    /// The watchdog `sh` of the responder (`process::watched`).
    child: Child,
    url: String,
    pid: u32,
    // The index, certificates and key: removed after the process is gone.
    _scratch: ScratchDir,
}

impl OcspResponder {
    /// Where the lab's leaves send OCSP requests.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The PID of `openssl ocsp` itself.
    pub fn pid(&self) -> u32 {
        self.pid
    }
}

impl Drop for OcspResponder {
    fn drop(&mut self) {
        process::stop(&mut self.child);
    }
}

/// Starts a responder for `pki`'s intermediate; returns once it listens.
pub fn start(pki: &Pki) -> Result<OcspResponder, LabError> {
    let openssl = process::find_program("openssl")?;
    let scratch = ScratchDir::new("tls-doctor-lab-ocsp")?;
    let index = scratch.write("index.txt", pki.ocsp_index())?;
    let ca = scratch.write("intermediate.pem", pki.intermediate_pem())?;
    let signer = scratch.write("responder.pem", pki.ocsp_responder().leaf_pem())?;
    let key = scratch.write("responder.key", pki.ocsp_responder().key_pem())?;
    let stderr_log = scratch.path().join("stderr.log");

    let mut child = process::watched(&openssl)?
        .args(["ocsp", "-index"])
        .arg(&index)
        .arg("-CA")
        .arg(&ca)
        .arg("-rsigner")
        .arg(&signer)
        .arg("-rkey")
        .arg(&key)
        .args(["-port", "0", "-nmin", NEXT_UPDATE_MINUTES])
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&stderr_log)?)
        .spawn()
        .map_err(|e| super::spawn_error(e, "sh"))?;
    let announced = child.stdout.take().map(announced);
    let accepted = announced.and_then(|rx| rx.recv_timeout(ANNOUNCE_LIMIT).ok());
    let alive = matches!(child.try_wait(), Ok(None));
    match accepted {
        Some((port, pid)) if alive => {
            Ok(OcspResponder { child, url: format!("http://127.0.0.1:{port}/"), pid, _scratch: scratch })
        }
        _ => {
            process::stop(&mut child);
            let log = std::fs::read_to_string(&stderr_log).unwrap_or_default();
            Err(LabError::new(format!("openssl ocsp did not start: {}", log.trim())))
        }
    }
}

/// Reads the responder's output on a thread: sends the port and PID of its `ACCEPT` line, then
/// keeps reading so that it never blocks on a full pipe.
fn announced(stdout: ChildStdout) -> mpsc::Receiver<(u16, u32)> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(accepted) = parse_accept(&line) {
                let _ = tx.send(accepted);
            }
        }
    });
    rx
}

/// `ACCEPT [::]:37881 PID=28561` → (37881, 28561).
fn parse_accept(line: &str) -> Option<(u16, u32)> {
    let mut words = line.strip_prefix("ACCEPT ")?.split_whitespace();
    let port = words.next()?.rsplit_once(':')?.1.parse().ok()?;
    let pid = words.next()?.strip_prefix("PID=")?.parse().ok()?;
    Some((port, pid))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_accept_line_gives_port_and_pid() {
        assert_eq!(parse_accept("ACCEPT [::]:37881 PID=28561"), Some((37881, 28561)));
        assert_eq!(parse_accept("ACCEPT 0.0.0.0:443 PID=1"), Some((443, 1)));
        assert_eq!(parse_accept("ACCEPT [::]:37881"), None);
        assert_eq!(parse_accept("ocsp: waiting for OCSP client connections..."), None);
    }

    #[test]
    fn the_responder_answers_and_stops_when_dropped() {
        let pki = Pki::generate("http://127.0.0.1:1/intermediate.der").unwrap();
        let responder = start(&pki).unwrap();
        let pid = responder.pid();
        let proc_dir = std::path::PathBuf::from(format!("/proc/{pid}"));
        assert!(proc_dir.exists(), "openssl ocsp (pid {pid}) runs");
        // One real request, as openssl's own client makes it.
        let leaf = pki.leaf("responder.lab.test", crate::pki::Validity::CURRENT).unwrap();
        let dir = ScratchDir::new("tls-doctor-lab-ocsp-selftest").unwrap();
        let issuer = dir.write("issuer.pem", pki.intermediate_pem()).unwrap();
        let cert = dir.write("leaf.pem", leaf.leaf_pem()).unwrap();
        let out = std::process::Command::new("openssl")
            .args(["ocsp", "-no_nonce", "-issuer"])
            .arg(&issuer)
            .arg("-cert")
            .arg(&cert)
            .args(["-url", responder.url(), "-noverify"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("leaf.pem: good"), "{text}{}", String::from_utf8_lossy(&out.stderr));
        drop(responder);
        assert!(!proc_dir.exists(), "openssl ocsp (pid {pid}) is still there after the drop");
    }
}
