//! MariaDB (`mariadb-server`, Debian 12's 10.11): one `mariadbd --no-defaults` per
//! certificate (its TLS settings are global), on 127.0.0.1 and a free port, with an empty
//! data directory, its socket and pid file in a scratch directory (no /etc/mysql, no system
//! database). Small and quick: no grant tables (nobody logs in), no binary log, and InnoDB
//! off (Aria for everything), so the data directory stays at a few kilobytes rather than
//! InnoDB's 70 MB. It runs as root (`--user=root`), as the test does. TLS 1.0 and 1.1 are
//! off by default. The client asks for TLS with the `CLIENT_SSL` flag of its reply to the
//! server's greeting; MariaDB has no direct-TLS port.

use std::net::Ipv4Addr;
use std::path::Path;
use std::process::Stdio;

use super::{Config, Setup};
use crate::LabError;
use crate::external::process::{self, StartFailure};
use crate::external::{self, ExternalServer};
use crate::pki::Pki;
use crate::scratch::ScratchDir;

const MYSQL: &[&str] = &["--starttls", "mysql"];

/// Both MariaDB cases, in the order of [`Config::ALL`].
pub(crate) const SETUPS: [Setup; 2] = [
    Setup {
        name: "mariadb-good",
        host: "mariadb-good.lab.test",
        args: MYSQL,
        config: Config::Good,
        description: "MariaDB: after the SSL request, a valid leaf and its intermediate",
    },
    Setup {
        name: "mariadb-expired",
        host: "mariadb-expired.lab.test",
        args: MYSQL,
        config: Config::Expired,
        description: "MariaDB: after the SSL request, a leaf that expired 10 days ago",
    },
];

const ATTEMPTS: usize = 5;

/// Starts one MariaDB per configuration, both at once; returns when both accept.
pub fn start(pki: &Pki, ca_file: &Path) -> Result<Vec<ExternalServer>, LabError> {
    let program = process::find_program("mariadbd")?;
    let program = program.as_path();
    super::start_each(&SETUPS, "MariaDB", |setup| start_one(program, pki, ca_file, setup))
}

fn start_one(program: &Path, pki: &Pki, ca_file: &Path, setup: &Setup) -> Result<ExternalServer, LabError> {
    let scratch = ScratchDir::new("tls-doctor-lab-mariadb")?;
    let dir = scratch.path();
    let (cert, key) = setup.config.write_files(&scratch, "server", pki, setup.host)?;
    let log = dir.join("mariadbd.log");

    let mut failure = StartFailure::TimedOut;
    for attempt in 0..ATTEMPTS {
        // A fresh data directory each attempt: nothing of a failed start is reused.
        let data = dir.join(format!("data{attempt}"));
        std::fs::create_dir(&data)?;
        let port = process::free_ports(1)?.first().copied().unwrap_or(0);
        let mut child = process::watched(program)?
            // --no-defaults must come first.
            .args(["--no-defaults", "--user=root", "--bind-address=127.0.0.1", "--skip-grant-tables"])
            .args(["--skip-log-bin", "--innodb=OFF", "--default-storage-engine=Aria"])
            .arg("--default-tmp-storage-engine=Aria")
            .arg(format!("--port={port}"))
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", dir.join("mariadbd.sock").display()))
            .arg(format!("--pid-file={}", dir.join("mariadbd.pid").display()))
            .arg(format!("--ssl-cert={}", cert.display()))
            .arg(format!("--ssl-key={}", key.display()))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log)?)
            .spawn()
            .map_err(|e| external::spawn_error(e, "mariadbd"))?;
        match process::wait_until_accepting(&mut child, &[port], &[&log]) {
            Ok(()) => {
                let cases = vec![setup.case(Ipv4Addr::LOCALHOST, port, ca_file)];
                return Ok(ExternalServer { program: "mariadbd", child, cases, _scratch: scratch });
            }
            Err(e) => {
                process::stop(&mut child);
                failure = e;
            }
        }
    }
    Err(failure.into_error("mariadbd"))
}
