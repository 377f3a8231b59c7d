//! vsftpd: one `vsftpd FILE` per case, in the foreground (`background=NO`), on 127.0.0.1,
//! with a configuration in a scratch directory (no /etc/vsftpd.conf): explicit `AUTH TLS` on
//! a plaintext port (`ssl_enable=YES`), or implicit FTPS, TLS from the first byte as on port
//! 990 (`implicit_ssl=YES`, which holds for every connection of the process: hence one
//! process per case). vsftpd refuses to start with neither local nor anonymous logins, so
//! anonymous logins are on (over TLS only, in an empty read-only root); nobody logs in.
//!
//! `ssl_ciphers=HIGH:!aNULL`: vsftpd's default is `DES-CBC3-SHA` alone, which no client of
//! today offers and which cannot go with the lab's ECDSA keys. TLS 1.0 and 1.1 are refused
//! by Debian's OpenSSL defaults. vsftpd 3.0.3 (Debian 12) is what the lab is tested with.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::process::Stdio;

use super::{Config, IMPLICIT, Setup};
use crate::LabError;
use crate::external::mail::{self, Probe};
use crate::external::process::{self, StartFailure};
use crate::external::{self, ExternalServer};
use crate::pki::Pki;
use crate::scratch::ScratchDir;

/// `AUTH TLS` on the plaintext port.
const FTP: &[&str] = &["--starttls", "ftp"];

/// Every vsftpd case; in each configuration, the explicit port first.
pub(crate) const SETUPS: [Setup; 4] = [
    Setup {
        name: "vsftpd-ftp-good",
        host: "ftp-good.lab.test",
        args: FTP,
        config: Config::Good,
        description: "vsftpd: after AUTH TLS, a valid leaf and its intermediate",
    },
    Setup {
        name: "vsftpd-ftps-good",
        host: "ftp-good.lab.test",
        args: IMPLICIT,
        config: Config::Good,
        description: "vsftpd with implicit_ssl (FTPS, as on port 990) serves a valid leaf and its intermediate",
    },
    Setup {
        name: "vsftpd-ftp-expired",
        host: "ftp-expired.lab.test",
        args: FTP,
        config: Config::Expired,
        description: "vsftpd: after AUTH TLS, a leaf that expired 10 days ago",
    },
    Setup {
        name: "vsftpd-ftps-expired",
        host: "ftp-expired.lab.test",
        args: IMPLICIT,
        config: Config::Expired,
        description: "vsftpd with implicit_ssl (FTPS, as on port 990) serves a leaf that expired 10 days ago",
    },
];

/// Any early exit is retried with a fresh port (vsftpd says `500 OOPS: could not bind`).
const ATTEMPTS: usize = 5;

/// Starts one vsftpd per case, all at once; returns when every port serves.
pub fn start(pki: &Pki, ca_file: &Path) -> Result<Vec<ExternalServer>, LabError> {
    let program = process::find_program("vsftpd")?;
    let program = program.as_path();
    super::start_each(&SETUPS, "vsftpd", |setup| start_one(program, pki, ca_file, setup))
}

fn start_one(program: &Path, pki: &Pki, ca_file: &Path, setup: &Setup) -> Result<ExternalServer, LabError> {
    let scratch = ScratchDir::new("tls-doctor-lab-vsftpd")?;
    let dir = scratch.path();
    let (cert, key) = setup.config.write_files(&scratch, "server", pki, setup.host)?;
    // The anonymous root and the chroot directory: empty, and not writable but by root.
    let empty = dir.join("empty");
    std::fs::create_dir(&empty)?;
    std::fs::set_permissions(&empty, std::os::unix::fs::PermissionsExt::from_mode(0o755))?;
    let log = dir.join("output.log");
    let implicit = setup.starttls().is_none();

    let mut failure = StartFailure::TimedOut;
    for _ in 0..ATTEMPTS {
        let port = process::free_ports(1)?.first().copied().unwrap_or(0);
        let conf = scratch.write(
            "vsftpd.conf",
            format!(
                "listen=YES\nlisten_ipv6=NO\nlisten_address=127.0.0.1\nlisten_port={port}\nbackground=NO\n\
                 anonymous_enable=YES\nanon_root={empty}\nlocal_enable=NO\nwrite_enable=NO\n\
                 secure_chroot_dir={empty}\nseccomp_sandbox=NO\n\
                 ssl_enable=YES\nallow_anon_ssl=YES\nforce_anon_logins_ssl=YES\nforce_anon_data_ssl=YES\n\
                 implicit_ssl={implicit}\nssl_ciphers=HIGH:!aNULL\n\
                 rsa_cert_file={cert}\nrsa_private_key_file={key}\nvsftpd_log_file={dir}/vsftpd.log\n",
                empty = empty.display(),
                implicit = if implicit { "YES" } else { "NO" },
                cert = cert.display(),
                key = key.display(),
                dir = dir.display(),
            ),
        )?;
        let mut child = process::watched(program)?
            .arg(&conf)
            .stdout(std::fs::File::create(&log)?)
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| external::spawn_error(e, "vsftpd"))?;
        let probe =
            Probe { address: SocketAddr::from((Ipv4Addr::LOCALHOST, port)), greeting: (!implicit).then_some("220") };
        match mail::wait_until_serving(&mut child, &[probe], &[&log]) {
            Ok(()) => {
                let cases = vec![setup.case(Ipv4Addr::LOCALHOST, port, ca_file)];
                return Ok(ExternalServer { program: "vsftpd", child, cases, _scratch: scratch });
            }
            Err(e) => {
                process::stop(&mut child);
                failure = e;
            }
        }
    }
    Err(failure.into_error("vsftpd"))
}
