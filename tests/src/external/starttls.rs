//! The STARTTLS protocols beyond mail, each against the Debian server admins run for it, each
//! with a good certificate and one that expired 10 days ago:
//!
//! - [`slapd`]: OpenLDAP's `slapd` in the foreground (`-d 0`), one process per certificate
//!   (its TLS settings are global), each on an `ldap://` port (StartTLS) and an `ldaps://`
//!   port (implicit TLS).
//! - [`sieve`]: Dovecot's ManageSieve (`dovecot-managesieved`), one `dovecot -F` with one
//!   `local` block per certificate, as the mail lab's Dovecot.
//! - [`vsftpd`]: one `vsftpd` per case: explicit `AUTH TLS`, and implicit FTPS (port 990's
//!   way, `implicit_ssl=YES`).
//! - [`prosody`]: one Prosody per certificate, each with a STARTTLS client port and a
//!   direct-TLS one (5223's way).
//! - [`postgres`]: one PostgreSQL per certificate, from one `initdb`, as the `postgres` user.
//! - [`mariadb`]: one MariaDB per certificate, with an empty data directory and no InnoDB.
//! - [`nntp`]: INN's `nnrpd` (extracted from Debian's `inn2` by `cargo xtask setup`), one per
//!   case: NNTP `STARTTLS`, and NNTPS (port 563's way, `-S`).
//!
//! Each server reads only the configuration it is given in a
//! [`ScratchDir`](crate::scratch::ScratchDir), never the system's (/etc/ldap…), listens on
//! 127.0.0.1 on free ports, and runs under the watchdog, so none outlives the test process.
//! The ports are random, so every STARTTLS case names its protocol (`--starttls ldap`) and
//! every implicit-TLS case says `--no-starttls`.

pub mod mariadb;
pub mod nntp;
pub mod postgres;
pub mod prosody;
pub mod sieve;
pub mod slapd;
pub mod vsftpd;

use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};

use tls_doctor_core::wire::FindingId;

use super::ExternalServer;
use crate::LabError;
use crate::cases::Case;
use crate::pki::{Leaf, Pki, Validity};
use crate::scratch::ScratchDir;

/// The certificate a server is set up with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Config {
    /// Leaf and intermediate, valid, for the name asked.
    Good,
    /// The leaf expired 10 days ago.
    Expired,
}

impl Config {
    pub const ALL: [Config; 2] = [Config::Good, Config::Expired];

    /// `good`, `expired`.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Good => "good",
            Self::Expired => "expired",
        }
    }

    /// The finding `tls-doctor` must put first.
    pub fn expected(self) -> FindingId {
        match self {
            Self::Good => FindingId::Ok,
            Self::Expired => FindingId::CertExpired,
        }
    }

    pub(crate) fn leaf(self, pki: &Pki, host: &str) -> Result<Leaf, LabError> {
        match self {
            Self::Good => pki.leaf(host, Validity::CURRENT),
            Self::Expired => pki.leaf(host, Validity::EXPIRED),
        }
    }

    /// This configuration's leaf for `host`, written into `scratch` as `STEM.crt` (leaf and
    /// intermediate) and `STEM.key` (mode 0600: servers refuse a key others can read).
    pub(crate) fn write_files(
        self,
        scratch: &ScratchDir,
        stem: &str,
        pki: &Pki,
        host: &str,
    ) -> Result<(PathBuf, PathBuf), LabError> {
        let leaf = self.leaf(pki, host)?;
        let cert = scratch.write(&format!("{stem}.crt"), leaf.chain_pem())?;
        let key = scratch.write(&format!("{stem}.key"), leaf.key_pem())?;
        std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
        Ok((cert, key))
    }
}

/// Starts one server per item, each on its own thread, all at once; returns when every one
/// serves (or the first error). `program` names the server in the error of a start that panicked.
pub(crate) fn start_each<T: Send>(
    items: impl IntoIterator<Item = T>,
    program: &str,
    start: impl Fn(T) -> Result<ExternalServer, LabError> + Sync,
) -> Result<Vec<ExternalServer>, LabError> {
    let start = &start;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items.into_iter().map(|item| scope.spawn(move || start(item))).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(LabError::new(format!("starting {program} panicked")))))
            .collect()
    })
}

/// `tls-doctor`'s arguments for implicit TLS on a port that is not the protocol's usual one.
pub(crate) const IMPLICIT: &[&str] = &["--no-starttls"];

/// One case, before its server runs: the port it is on (its `tls-doctor` arguments:
/// `--starttls PROTOCOL`, or [`IMPLICIT`]) and the certificate.
#[derive(Debug)]
pub(crate) struct Setup {
    pub name: &'static str,
    pub host: &'static str,
    pub args: &'static [&'static str],
    pub config: Config,
    pub description: &'static str,
}

impl Setup {
    /// The `--starttls` protocol; `None` for implicit TLS.
    pub(crate) fn starttls(&self) -> Option<&'static str> {
        match self.args {
            ["--starttls", protocol] => Some(protocol),
            _ => None,
        }
    }

    pub(crate) fn case(&self, address: Ipv4Addr, port: u16, ca_file: &Path) -> Case {
        Case {
            name: self.name,
            expected: self.config.expected(),
            description: self.description,
            host: self.host,
            port,
            address: Some(IpAddr::V4(address)),
            ca_file: ca_file.to_owned(),
            extra_args: self.args,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starttls_cases_name_their_protocol_and_implicit_ones_refuse_it() {
        let root = Path::new("root.pem");
        let all: Vec<&Setup> = slapd::SETUPS
            .iter()
            .chain(&sieve::SETUPS)
            .chain(&vsftpd::SETUPS)
            .chain(&prosody::SETUPS)
            .chain(&postgres::SETUPS)
            .chain(&mariadb::SETUPS)
            .chain(&nntp::SETUPS)
            .collect();
        for (i, s) in all.iter().enumerate() {
            assert!(all[..i].iter().all(|o| o.name != s.name), "{} twice", s.name);
            assert!(s.name.ends_with(s.config.slug()), "{} is not named for {:?}", s.name, s.config);
            let case = s.case(Ipv4Addr::LOCALHOST, 2000, root);
            match s.starttls() {
                Some(protocol) => assert_eq!(case.extra_args, ["--starttls", protocol], "{}", s.name),
                None => assert_eq!(case.extra_args, ["--no-starttls"], "{}", s.name),
            }
        }
    }
}
