//! Servers we did not write, from the system's packages: nginx, `openssl s_server`, and the
//! mail lab's Postfix and Dovecot (`mail`). They show that a diagnosis holds for what admins
//! really run, not only for the lab's rustls.
//! Each runs under a watchdog shell (`process::watched`) that stops it by its PID when the
//! server is dropped, or when the test process ends without dropping it.
//!
//! A missing program is an error that says how to get it, never a silent skip: a test that
//! cannot run must fail.

pub mod handshake;
pub mod legacy;
pub mod mail;
pub mod nginx;
pub mod ocsp;
pub mod openssl;
mod process;
pub mod stapled;
pub mod starttls;

use std::net::Ipv4Addr;
use std::path::Path;
use std::process::Child;

use tls_doctor_core::wire::FindingId;

use crate::LabError;
use crate::cases::Case;
use crate::pki::{Leaf, Pki, Validity};
use crate::scratch::ScratchDir;

/// A running external server process and the cases it serves.
#[derive(Debug)]
pub struct ExternalServer {
    program: &'static str,
    child: Child,
    cases: Vec<Case>,
    // Certificates, keys and configuration: removed after the process is gone.
    _scratch: ScratchDir,
}

impl ExternalServer {
    pub fn program(&self) -> &'static str {
        self.program
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn cases(&self) -> &[Case] {
        &self.cases
    }
}

impl Drop for ExternalServer {
    fn drop(&mut self) {
        process::stop(&mut self.child);
    }
}

/// What an external server is set up to serve, and the finding it must produce.
#[derive(Debug)]
pub(crate) struct Setup {
    pub name: &'static str,
    pub expected: FindingId,
    pub description: &'static str,
    pub host: &'static str,
    pub leaf: fn(&Pki, &'static str) -> Result<Leaf, LabError>,
}

impl Setup {
    pub(crate) fn case(&self, port: u16, ca_file: &Path) -> Case {
        Case {
            name: self.name,
            expected: self.expected,
            description: self.description,
            host: self.host,
            port,
            address: Some(Ipv4Addr::LOCALHOST.into()),
            ca_file: ca_file.to_owned(),
            extra_args: &[],
        }
    }
}

/// The three mistakes both external servers are made to show.
pub(crate) fn expired(pki: &Pki, host: &'static str) -> Result<Leaf, LabError> {
    pki.leaf(host, Validity::EXPIRED)
}

pub(crate) fn wrong_host(pki: &Pki, _host: &'static str) -> Result<Leaf, LabError> {
    pki.leaf(crate::pki::OTHER_HOST, Validity::CURRENT)
}

pub(crate) fn leaf_only(pki: &Pki, host: &'static str) -> Result<Leaf, LabError> {
    Ok(pki.leaf(host, Validity::CURRENT)?.without_intermediates())
}

fn spawn_error(e: std::io::Error, program: &str) -> LabError {
    if e.kind() == std::io::ErrorKind::NotFound {
        not_installed(program)
    } else {
        LabError::new(format!("could not start {program}: {e}"))
    }
}

fn not_installed(program: &str) -> LabError {
    LabError::new(format!("{program} is not installed; `cargo xtask test` installs it"))
}
