//! Dovecot's ManageSieve (RFC 5804, `dovecot-managesieved`): one `dovecot -F -c FILE` with
//! `protocols = sieve`, everything in a scratch directory (no /etc/dovecot), one
//! `managesieve-login` listener on two loopback addresses, and each certificate in a
//! `local ADDRESS { … }` block: 127.0.0.21 good, 127.0.0.22 expired. Not 127.0.0.1, for the
//! reason the mail lab gives (`external::mail::dovecot`): Dovecot counts a connection from its
//! own address as secure.
//!
//! Its own process rather than a protocol more in the mail lab's Dovecot: that one's 30 cases
//! and their checks stay as they are, and this one starts in a fraction of a second.
//! Dovecot 2.3 (Debian 12) with Pigeonhole is what the lab is tested with; the configuration
//! is 2.3's (the mail lab's shows 2.4's names, for when Debian 13 comes).

use std::fmt::Write as _;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::process::Stdio;

use super::{Config, Setup};
use crate::LabError;
use crate::external::mail::{self, Probe};
use crate::external::process::{self, StartFailure};
use crate::external::{self, ExternalServer};
use crate::pki::Pki;
use crate::scratch::ScratchDir;

const SIEVE: &[&str] = &["--starttls", "sieve"];

/// Both ManageSieve cases, in the order of [`Config::ALL`].
pub(crate) const SETUPS: [Setup; 2] = [
    Setup {
        name: "dovecot-sieve-good",
        host: "sieve-good.lab.test",
        args: SIEVE,
        config: Config::Good,
        description: "Dovecot ManageSieve: after STARTTLS, a valid leaf and its intermediate",
    },
    Setup {
        name: "dovecot-sieve-expired",
        host: "sieve-expired.lab.test",
        args: SIEVE,
        config: Config::Expired,
        description: "Dovecot ManageSieve: after STARTTLS, a leaf that expired 10 days ago",
    },
];

/// The loopback address of the `local` block for `config`.
pub fn address(config: Config) -> Ipv4Addr {
    let index = Config::ALL.iter().position(|c| *c == config).unwrap_or(0);
    Ipv4Addr::new(127, 0, 0, 21 + index as u8)
}

const ATTEMPTS: usize = 5;

/// Starts Dovecot's ManageSieve; returns when both addresses greet.
pub fn start(pki: &Pki, ca_file: &Path) -> Result<ExternalServer, LabError> {
    let program = process::find_program("dovecot")?;
    if !Path::new("/usr/lib/dovecot/managesieve-login").exists() {
        return Err(external::not_installed("dovecot-managesieved (/usr/lib/dovecot/managesieve-login)"));
    }
    let scratch = ScratchDir::new("tls-doctor-lab-sieve")?;
    let dir = scratch.path();
    for setup in &SETUPS {
        setup.config.write_files(&scratch, setup.config.slug(), pki, setup.host)?;
    }
    scratch.write("users", "")?;
    let log = dir.join("dovecot.log");
    let stderr_log = dir.join("stderr.log");

    let mut failure = StartFailure::TimedOut;
    for _ in 0..ATTEMPTS {
        let port = process::free_ports(1)?.first().copied().unwrap_or(0);
        let conf = scratch.write("dovecot.conf", dovecot_conf(dir, port))?;
        let _ = std::fs::remove_file(&log);
        let _ = std::fs::remove_dir_all(dir.join("run"));
        let mut child = process::watched(&program)?
            .arg("-F")
            .arg("-c")
            .arg(&conf)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr_log)?)
            .spawn()
            .map_err(|e| external::spawn_error(e, "dovecot"))?;
        // ManageSieve greets with its capabilities, the first `"IMPLEMENTATION" "…"`.
        let probes: Vec<Probe> = Config::ALL
            .into_iter()
            .map(|c| Probe { address: SocketAddr::from((address(c), port)), greeting: Some("\"IMPLEMENTATION\"") })
            .collect();
        match mail::wait_until_serving(&mut child, &probes, &[&log, &stderr_log]) {
            Ok(()) => {
                let cases = SETUPS.iter().map(|s| s.case(address(s.config), port, ca_file)).collect();
                return Ok(ExternalServer { program: "dovecot", child, cases, _scratch: scratch });
            }
            Err(e) => {
                process::stop(&mut child);
                if !mail::port_taken(&e) {
                    return Err(e.into_error("dovecot (ManageSieve)"));
                }
                failure = e;
            }
        }
    }
    Err(failure.into_error("dovecot (ManageSieve)"))
}

/// A complete Dovecot 2.3 configuration for ManageSieve alone.
fn dovecot_conf(dir: &Path, port: u16) -> String {
    let d = dir.display();
    let addresses: Vec<String> = Config::ALL.into_iter().map(|c| address(c).to_string()).collect();
    let addresses = addresses.join(" ");
    let mut out = format!(
        "# Written by tls-doctor-lab for ManageSieve.\n\
         protocols = sieve\n\
         listen = {addresses}\n\
         base_dir = {d}/run\n\
         state_dir = {d}/state\n\
         log_path = {d}/dovecot.log\n\
         instance_name = tls-doctor-lab-sieve-{pid}\n\
         auth_mechanisms = plain login\n\
         ssl = yes\n\
         ssl_min_protocol = TLSv1.2\n\
         ssl_cert = <{d}/good.crt\n\
         ssl_key = <{d}/good.key\n",
        pid = std::process::id(),
    );
    for config in Config::ALL {
        let slug = config.slug();
        let _ = writeln!(
            out,
            "local {} {{\n  ssl_cert = <{d}/{slug}.crt\n  ssl_key = <{d}/{slug}.key\n}}",
            address(config)
        );
    }
    let _ = write!(
        out,
        "passdb {{\n  driver = passwd-file\n  args = {d}/users\n}}\n\
         userdb {{\n  driver = static\n  args = uid=nobody gid=nogroup home=/nonexistent\n}}\n\
         service managesieve-login {{\n  inet_listener sieve {{\n    address = {addresses}\n    port = {port}\n  }}\n}}\n"
    );
    out
}
