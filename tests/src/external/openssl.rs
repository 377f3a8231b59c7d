//! `openssl s_server -www`: OpenSSL's own test server, one process per case. It binds port 0
//! itself and prints the port it got (`ACCEPT 127.0.0.1:PORT`), so no port is guessed.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{ChildStdout, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use tls_doctor_core::wire::FindingId;

use super::process::{self, StartFailure};
use super::{ExternalServer, Setup};
use crate::LabError;
use crate::pki::Pki;
use crate::scratch::ScratchDir;

const SETUPS: [Setup; 3] = [
    Setup {
        name: "openssl-expired",
        expected: FindingId::CertExpired,
        description: "openssl s_server serves an expired leaf certificate",
        host: "openssl-expired.lab.test",
        leaf: super::expired,
    },
    Setup {
        name: "openssl-wrong-host",
        expected: FindingId::NameMismatch,
        description: "openssl s_server serves the certificate of other.lab.test",
        host: "openssl-wrong-host.lab.test",
        leaf: super::wrong_host,
    },
    Setup {
        name: "openssl-incomplete-chain",
        expected: FindingId::IncompleteChain,
        description: "openssl s_server is given the leaf without -cert_chain",
        host: "openssl-incomplete-chain.lab.test",
        leaf: super::leaf_only,
    },
];

/// How long `s_server` may take to say which port it got.
const ANNOUNCE_LIMIT: Duration = Duration::from_secs(15);

/// Starts one `openssl s_server` per setup; returns when every one accepts connections.
pub fn start(pki: &Pki, ca_file: &Path) -> Result<Vec<ExternalServer>, LabError> {
    let program = process::find_program("openssl")?;
    SETUPS.iter().map(|setup| start_one(&program, setup, pki, ca_file)).collect()
}

fn start_one(program: &Path, setup: &Setup, pki: &Pki, ca_file: &Path) -> Result<ExternalServer, LabError> {
    let scratch = ScratchDir::new("tls-doctor-lab-openssl")?;
    let leaf = (setup.leaf)(pki, setup.host)?;
    let cert = scratch.write("leaf.crt", leaf.leaf_pem())?;
    let key = scratch.write("leaf.key", leaf.key_pem())?;
    let stderr_log = scratch.path().join("stderr.log");

    let mut command = process::watched(program)?;
    command.args(["s_server", "-accept", "127.0.0.1:0", "-www"]).arg("-cert").arg(&cert).arg("-key").arg(&key);
    let intermediates = leaf.intermediates_pem();
    if !intermediates.is_empty() {
        command.arg("-cert_chain").arg(scratch.write("chain.crt", intermediates)?);
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&stderr_log)?)
        .spawn()
        .map_err(|e| super::spawn_error(e, "openssl"))?;

    let announced = child.stdout.take().map(announced_port);
    let port = announced.and_then(|rx| rx.recv_timeout(ANNOUNCE_LIMIT).ok());
    let ready = match port {
        Some(port) => process::wait_until_accepting(&mut child, &[port], &[&stderr_log]).map(|()| port),
        None => Err(StartFailure::Exited(std::fs::read_to_string(&stderr_log).unwrap_or_default())),
    };
    match ready {
        Ok(port) => {
            Ok(ExternalServer { program: "openssl", child, cases: vec![setup.case(port, ca_file)], _scratch: scratch })
        }
        Err(failure) => {
            process::stop(&mut child);
            Err(failure.into_error("openssl s_server"))
        }
    }
}

/// Reads `s_server`'s output on a thread: sends the port of its `ACCEPT` line, then keeps
/// reading so that the server never blocks on a full pipe.
pub(super) fn announced_port(stdout: ChildStdout) -> mpsc::Receiver<u16> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(port) = parse_accept(&line) {
                let _ = tx.send(port);
            }
        }
    });
    rx
}

/// `ACCEPT 127.0.0.1:43109` → 43109.
fn parse_accept(line: &str) -> Option<u16> {
    let address = line.strip_prefix("ACCEPT ")?;
    address.rsplit_once(':')?.1.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_accept_line_gives_the_port() {
        assert_eq!(parse_accept("ACCEPT 127.0.0.1:43109"), Some(43109));
        assert_eq!(parse_accept("ACCEPT [::1]:443"), Some(443));
        assert_eq!(parse_accept("Using default temp DH parameters"), None);
    }
}
