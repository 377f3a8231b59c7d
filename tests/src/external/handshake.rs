//! nginx cases about what the handshake carries (issue 15), one nginx for all of them, each
//! `server` block on its own port, in TLS 1.3 only and TLS 1.2 only:
//!
//! - `ssl_verify_client on;` with the lab root as `ssl_client_certificate`: nginx asks for a
//!   client certificate, finishes the handshake without one, and answers the request with 400
//!   "No required SSL certificate was sent";
//! - `ssl_verify_client optional;`: it asks, and answers 200 without one;
//! - a leaf of [`LARGE_LEAF_BYTES`] (thousands of names): over what rustls (64 KiB), OpenSSL
//!   and BoringSSL (100 KiB) read. In TLS 1.3 the Certificate message is encrypted, so only the
//!   host's count of the encrypted handshake measures it.
//!
//! Run by `tests/tests/external_servers.rs` (one nginx per test, like the other nginx cases),
//! and served by `tls-doctor-lab serve` with the other nginx cases ([`crate::Lab::add_nginx`]),
//! so that the browser tests open them too.

use std::path::Path;

use tls_doctor_core::wire::FindingId;

use super::nginx::{Site, launch};
use super::{ExternalServer, Setup};
use crate::LabError;
use crate::pki::{Leaf, Pki, Validity};
use crate::scratch::ScratchDir;

/// The size of the large leaves: about a 10,000-name certificate's.
pub const LARGE_LEAF_BYTES: usize = 250_000;

/// What a case's `server` block adds to the lab's nginx site.
#[derive(Debug)]
struct HandshakeSetup {
    setup: Setup,
    /// `ssl_protocols`.
    protocols: &'static str,
    /// `ssl_verify_client`, when the site asks for a client certificate (the lab root is its
    /// `ssl_client_certificate`, so the root's name is the accepted issuer).
    verify_client: Option<&'static str>,
}

const SETUPS: [HandshakeSetup; 6] = [
    HandshakeSetup {
        setup: Setup {
            name: "nginx-client-cert-required",
            expected: FindingId::ClientCertRequired,
            description: "nginx requires a client certificate (ssl_verify_client on, TLS 1.3): the handshake completes, the request gets 400",
            host: "nginx-client-cert-required.lab.test",
            leaf: current,
        },
        protocols: "TLSv1.3",
        verify_client: Some("on"),
    },
    HandshakeSetup {
        setup: Setup {
            name: "nginx-client-cert-required-tls12",
            expected: FindingId::ClientCertRequired,
            description: "nginx requires a client certificate (ssl_verify_client on, TLS 1.2): the handshake completes, the request gets 400",
            host: "nginx-client-cert-required-tls12.lab.test",
            leaf: current,
        },
        protocols: "TLSv1.2",
        verify_client: Some("on"),
    },
    HandshakeSetup {
        setup: Setup {
            name: "nginx-client-cert-optional",
            expected: FindingId::Ok,
            description: "nginx asks for a client certificate it does not require (ssl_verify_client optional, TLS 1.3)",
            host: "nginx-client-cert-optional.lab.test",
            leaf: current,
        },
        protocols: "TLSv1.3",
        verify_client: Some("optional"),
    },
    HandshakeSetup {
        setup: Setup {
            name: "nginx-client-cert-optional-tls12",
            expected: FindingId::Ok,
            description: "nginx asks for a client certificate it does not require (ssl_verify_client optional, TLS 1.2)",
            host: "nginx-client-cert-optional-tls12.lab.test",
            leaf: current,
        },
        protocols: "TLSv1.2",
        verify_client: Some("optional"),
    },
    HandshakeSetup {
        setup: Setup {
            name: "nginx-large-leaf",
            expected: FindingId::CertificateTooLarge,
            description: "nginx serves a leaf of 250 KB (thousands of names) over TLS 1.3 only",
            host: "nginx-large-leaf.lab.test",
            leaf: large,
        },
        protocols: "TLSv1.3",
        verify_client: None,
    },
    HandshakeSetup {
        setup: Setup {
            name: "nginx-large-leaf-tls12",
            expected: FindingId::CertificateTooLarge,
            description: "nginx serves a leaf of 250 KB (thousands of names) over TLS 1.2 only",
            host: "nginx-large-leaf-tls12.lab.test",
            leaf: large,
        },
        protocols: "TLSv1.2",
        verify_client: None,
    },
];

fn current(pki: &Pki, host: &'static str) -> Result<Leaf, LabError> {
    pki.leaf(host, Validity::CURRENT)
}

fn large(pki: &Pki, host: &'static str) -> Result<Leaf, LabError> {
    pki.huge_leaf(host, LARGE_LEAF_BYTES)
}

/// The DER bytes of the chain a case serves (the large leaves' size fact).
#[derive(Debug)]
pub struct Served {
    pub name: &'static str,
    pub chain_bytes: usize,
    pub certificates: usize,
}

/// Starts one nginx serving [`SETUPS`]; returns when every port accepts connections, with the
/// size of each chain served.
pub fn start(pki: &Pki, ca_file: &Path) -> Result<(ExternalServer, Vec<Served>), LabError> {
    let scratch = ScratchDir::new("tls-doctor-lab-nginx-handshake")?;
    let mut sites = Vec::new();
    let mut served = Vec::new();
    for s in &SETUPS {
        let leaf = (s.setup.leaf)(pki, s.setup.host)?;
        let der = leaf.chain_der();
        served.push(Served {
            name: s.setup.name,
            chain_bytes: der.iter().map(|c| c.len()).sum(),
            certificates: der.len(),
        });
        let mut directives = format!("ssl_protocols {};", s.protocols);
        if let Some(verify) = s.verify_client {
            directives
                .push_str(&format!("\nssl_client_certificate \"{}\";\nssl_verify_client {verify};", ca_file.display()));
        }
        sites.push(Site {
            name: s.setup.name,
            server_name: Some(s.setup.host),
            cert: scratch.write(&format!("{}.crt", s.setup.name), leaf.chain_pem())?,
            key: scratch.write(&format!("{}.key", s.setup.name), leaf.key_pem())?,
            directives,
        });
    }
    let (child, ports) = launch(scratch.path(), &sites)?;
    let cases = SETUPS.iter().zip(&ports).map(|(s, &port)| s.setup.case(port, ca_file)).collect();
    Ok((ExternalServer { program: "nginx", child, cases, _scratch: scratch }, served))
}
