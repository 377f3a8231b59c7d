//! `tls-doctor mail` as the mail tests run it: the lab's nameserver, the lab's root, a deadline,
//! and nothing sent beyond the loopback (no SNTP query unless the test names its own server).

use std::net::SocketAddr;
use std::path::Path;
use std::process::{Command, Stdio};

/// What one run said: its exit status, stdout and stderr.
pub struct MailRun {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// `tls-doctor mail ADDRESS --dns-server DNS --ca-file CA --timeout SECONDS [extra]`, with
/// `--no-local-probes` unless `extra` names an `--ntp-server`.
pub fn run(address: &str, dns: SocketAddr, ca_file: &Path, seconds: u32, extra: &[&str]) -> MailRun {
    let mut command = Command::new(tls_doctor_lab::tls_doctor_bin());
    command.args(["mail", address, "--dns-server", &dns.to_string()]);
    command.arg("--ca-file").arg(ca_file).args(["--timeout", &seconds.to_string()]);
    if !extra.contains(&"--ntp-server") {
        command.arg("--no-local-probes");
    }
    let out = command.args(extra).stdin(Stdio::null()).output().unwrap_or_else(|e| panic!("tls-doctor mail: {e}"));
    MailRun {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
