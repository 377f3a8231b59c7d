//! PostgreSQL (`postgresql`, Debian 12's 15): one cluster made by `initdb` (trust logins, no
//! fsync) and copied, then one `postgres -D DIR` per certificate with `-c` settings for
//! loopback, a free port, its socket directory and `ssl=on`; everything in a scratch directory
//! (no /etc/postgresql, no system cluster). PostgreSQL refuses to run as root, so `initdb`
//! and `postgres` run as the `postgres` user the package creates, through `setpriv`, which
//! execs (the watchdog's PID is still the server's parent), and the scratch directory is
//! given to that user. `ssl_min_protocol_version` is TLS 1.2 by default. The client asks
//! with an `SSLRequest`; PostgreSQL 15 has no direct-TLS port.

use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{Config, Setup};
use crate::LabError;
use crate::external::process::{self, StartFailure};
use crate::external::{self, ExternalServer};
use crate::pki::Pki;
use crate::scratch::ScratchDir;

const POSTGRES: &[&str] = &["--starttls", "postgres"];

/// Both PostgreSQL cases, in the order of [`Config::ALL`].
pub(crate) const SETUPS: [Setup; 2] = [
    Setup {
        name: "postgres-good",
        host: "postgres-good.lab.test",
        args: POSTGRES,
        config: Config::Good,
        description: "PostgreSQL: after the SSLRequest, a valid leaf and its intermediate",
    },
    Setup {
        name: "postgres-expired",
        host: "postgres-expired.lab.test",
        args: POSTGRES,
        config: Config::Expired,
        description: "PostgreSQL: after the SSLRequest, a leaf that expired 10 days ago",
    },
];

/// The user the server runs as.
const USER: &str = "postgres";

const ATTEMPTS: usize = 5;

/// The newest `/usr/lib/postgresql/N/bin`.
fn bin_dir() -> Result<PathBuf, LabError> {
    let versions = std::fs::read_dir("/usr/lib/postgresql").map_err(|_| external::not_installed("postgresql"))?;
    versions
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.file_name().to_str()?.parse::<u32>().ok()?, e.path().join("bin"))))
        .filter(|(_, bin)| bin.join("postgres").is_file())
        .max_by_key(|(version, _)| *version)
        .map(|(_, bin)| bin)
        .ok_or_else(|| external::not_installed("postgresql"))
}

/// Runs a command to its end; its output is the error when it fails.
fn run(command: &mut Command, what: &str) -> Result<(), LabError> {
    let out = command.stdin(Stdio::null()).output().map_err(|e| LabError::new(format!("{what}: {e}")))?;
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    Err(LabError::new(format!("{what} failed ({}): {} {}", out.status, stdout.trim(), stderr.trim())))
}

/// Makes the cluster once, copies it, and starts one server per configuration, both at once;
/// each server has a scratch directory of its own (certificate, key, cluster, log).
pub fn start(pki: &Pki, ca_file: &Path) -> Result<Vec<ExternalServer>, LabError> {
    let bin = bin_dir()?;
    let setpriv = process::find_program("setpriv")?;
    let (chown, cp) = (process::find_program("chown")?, process::find_program("cp")?);
    let mut scratches = Vec::new();
    for setup in &SETUPS {
        let scratch = ScratchDir::new("tls-doctor-lab-postgres")?;
        setup.config.write_files(&scratch, "server", pki, setup.host)?;
        run(Command::new(&chown).args(["-R", USER]).arg(scratch.path()), "chown")?;
        scratches.push(scratch);
    }
    // The first configuration's cluster is made by initdb; the others are copies of it.
    let Some((first, others)) = scratches.split_first() else { return Ok(Vec::new()) };
    let first = first.path().join("data");
    run(
        Command::new(&setpriv).args(setpriv_args()).arg(bin.join("initdb")).arg("-D").arg(&first).args([
            "--no-sync",
            "-A",
            "trust",
            "-U",
            USER,
        ]),
        "initdb",
    )?;
    for scratch in others {
        run(Command::new(&cp).arg("-a").arg(&first).arg(scratch.path().join("data")), "cp")?;
    }
    let postgres = bin.join("postgres");
    let (postgres, setpriv) = (postgres.as_path(), setpriv.as_path());
    super::start_each(SETUPS.iter().zip(scratches), "PostgreSQL", |(setup, scratch)| {
        start_one(postgres, setpriv, scratch, ca_file, setup)
    })
}

/// `setpriv`'s arguments for the `postgres` user, up to the program.
fn setpriv_args() -> [String; 4] {
    [format!("--reuid={USER}"), format!("--regid={USER}"), "--init-groups".into(), "--".into()]
}

fn start_one(
    postgres: &Path,
    setpriv: &Path,
    scratch: ScratchDir,
    ca_file: &Path,
    setup: &Setup,
) -> Result<ExternalServer, LabError> {
    let dir = scratch.path();
    let data = dir.join("data");
    let log = dir.join("postgres.log");
    let mut failure = StartFailure::TimedOut;
    for _ in 0..ATTEMPTS {
        let port = process::free_ports(1)?.first().copied().unwrap_or(0);
        let settings = [
            "listen_addresses=127.0.0.1".to_owned(),
            format!("port={port}"),
            format!("unix_socket_directories={}", dir.display()),
            "ssl=on".to_owned(),
            format!("ssl_cert_file={}", dir.join("server.crt").display()),
            format!("ssl_key_file={}", dir.join("server.key").display()),
        ];
        let mut command = process::watched(setpriv)?;
        command.args(setpriv_args()).arg(postgres).arg("-D").arg(&data);
        for setting in &settings {
            command.arg("-c").arg(setting);
        }
        let mut child = command
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log)?)
            .spawn()
            .map_err(|e| external::spawn_error(e, "postgres"))?;
        match process::wait_until_accepting(&mut child, &[port], &[&log]) {
            Ok(()) => {
                let cases = vec![setup.case(Ipv4Addr::LOCALHOST, port, ca_file)];
                return Ok(ExternalServer { program: "postgres", child, cases, _scratch: scratch });
            }
            Err(e) => {
                process::stop(&mut child);
                failure = e;
            }
        }
    }
    Err(failure.into_error("postgres"))
}
