//! OpenLDAP's `slapd`: one process per certificate, `slapd -d 0 -h "ldap://127.0.0.1:P/
//! ldaps://127.0.0.1:P2/" -f slapd.conf` with a slapd.conf in a scratch directory that says
//! only where the pid file, the certificate and the key are, and a GnuTLS priority string
//! without TLS 1.0 and 1.1 (`TLSCipherSuite NORMAL:-VERS-TLS1.0:-VERS-TLS1.1`): Debian's slapd
//! otherwise accepts both, and `tls-doctor` rightly puts `legacy_protocol_enabled` first.
//! `TLSProtocolMin 3.3`, the documented setting, does not stop them with slapd 2.5 built on
//! GnuTLS (Debian 12; checked with `openssl s_client -tls1_1`). No database: StartTLS and the
//! LDAPS handshake need none, and nobody binds. `-d 0` keeps it in the foreground; it runs
//! as root, as the test does (its files are root's).
//!
//! slapd 2.5 (Debian 12) is what the lab is tested with.

use std::net::Ipv4Addr;
use std::path::Path;
use std::process::Stdio;

use super::{Config, IMPLICIT, Setup};
use crate::LabError;
use crate::external::process::{self, StartFailure};
use crate::external::{self, ExternalServer};
use crate::pki::Pki;
use crate::scratch::ScratchDir;

/// StartTLS on the `ldap://` port.
const LDAP: &[&str] = &["--starttls", "ldap"];

/// Every slapd case; in each configuration, the `ldap://` port first.
pub(crate) const SETUPS: [Setup; 4] = [
    Setup {
        name: "slapd-ldap-good",
        host: "ldap-good.lab.test",
        args: LDAP,
        config: Config::Good,
        description: "slapd: after StartTLS, a valid leaf and its intermediate",
    },
    Setup {
        name: "slapd-ldaps-good",
        host: "ldap-good.lab.test",
        args: IMPLICIT,
        config: Config::Good,
        description: "slapd's ldaps:// port serves a valid leaf and its intermediate",
    },
    Setup {
        name: "slapd-ldap-expired",
        host: "ldap-expired.lab.test",
        args: LDAP,
        config: Config::Expired,
        description: "slapd: after StartTLS, a leaf that expired 10 days ago",
    },
    Setup {
        name: "slapd-ldaps-expired",
        host: "ldap-expired.lab.test",
        args: IMPLICIT,
        config: Config::Expired,
        description: "slapd's ldaps:// port serves a leaf that expired 10 days ago",
    },
];

/// Tries with fresh ports when another program took one of ours first (slapd says little
/// with `-d 0`, so any early exit is retried).
const ATTEMPTS: usize = 5;

/// Starts one slapd per configuration; returns when every port accepts.
pub fn start(pki: &Pki, ca_file: &Path) -> Result<Vec<ExternalServer>, LabError> {
    Config::ALL.into_iter().map(|config| start_one(pki, ca_file, config)).collect()
}

fn start_one(pki: &Pki, ca_file: &Path, config: Config) -> Result<ExternalServer, LabError> {
    let program = process::find_program("slapd")?;
    let setups: Vec<&Setup> = SETUPS.iter().filter(|s| s.config == config).collect();
    let host = setups.first().map_or("ldap.lab.test", |s| s.host);
    let scratch = ScratchDir::new("tls-doctor-lab-slapd")?;
    let dir = scratch.path();
    let (cert, key) = config.write_files(&scratch, "server", pki, host)?;
    let conf = scratch.write(
        "slapd.conf",
        format!(
            "pidfile {}\nargsfile {}\nTLSCertificateFile {}\nTLSCertificateKeyFile {}\nTLSCipherSuite NORMAL:-VERS-TLS1.0:-VERS-TLS1.1\n",
            dir.join("slapd.pid").display(),
            dir.join("slapd.args").display(),
            cert.display(),
            key.display()
        ),
    )?;
    let stderr_log = dir.join("stderr.log");

    let mut failure = StartFailure::TimedOut;
    for _ in 0..ATTEMPTS {
        let ports = process::free_ports(setups.len())?;
        let urls: Vec<String> = setups
            .iter()
            .zip(&ports)
            .map(|(s, port)| {
                let scheme = if s.starttls().is_some() { "ldap" } else { "ldaps" };
                format!("{scheme}://127.0.0.1:{port}/")
            })
            .collect();
        let mut child = process::watched(&program)?
            .args(["-d", "0", "-h"])
            .arg(urls.join(" "))
            .arg("-f")
            .arg(&conf)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr_log)?)
            .spawn()
            .map_err(|e| external::spawn_error(e, "slapd"))?;
        match process::wait_until_accepting(&mut child, &ports, &[&stderr_log]) {
            Ok(()) => {
                let cases =
                    setups.iter().zip(&ports).map(|(s, &port)| s.case(Ipv4Addr::LOCALHOST, port, ca_file)).collect();
                return Ok(ExternalServer { program: "slapd", child, cases, _scratch: scratch });
            }
            Err(e) => {
                process::stop(&mut child);
                failure = e;
            }
        }
    }
    Err(failure.into_error("slapd"))
}
