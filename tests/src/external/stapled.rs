//! nginx stapling an OCSP response, configured as admins do it by hand: `ssl_stapling on` with
//! `ssl_stapling_file`, a DER answer that `openssl ocsp -respout` made from the lab's index
//! (signed by the intermediate itself; current for a day). nginx serves the file as it is, to
//! every client that asks for a staple (status_request, RFC 6066 §8).

use std::path::Path;
use std::process::Command;

use tls_doctor_core::wire::FindingId;

use super::nginx::Site;
use super::process;
use super::{ExternalServer, Setup};
use crate::LabError;
use crate::pki::{Pki, Validity};
use crate::scratch::ScratchDir;

const SETUP: Setup = Setup {
    name: "stapled-good",
    expected: FindingId::Ok,
    description: "nginx staples a current OCSP response saying good (ssl_stapling_file)",
    host: "stapled-good.lab.test",
    leaf: |pki, host| pki.leaf(host, Validity::CURRENT),
};

/// Starts nginx serving [`SETUP`] with its staple; returns when the port accepts connections.
pub fn start(pki: &Pki, ca_file: &Path) -> Result<ExternalServer, LabError> {
    let openssl = process::find_program("openssl")?;
    let scratch = ScratchDir::new("tls-doctor-lab-stapled")?;
    let leaf = (SETUP.leaf)(pki, SETUP.host)?;
    let cert = scratch.write("server.crt", leaf.chain_pem())?;
    let key = scratch.write("server.key", leaf.key_pem())?;
    let staple = make_staple(&openssl, pki, &leaf.leaf_pem(), &scratch)?;
    let site = Site {
        name: SETUP.name,
        server_name: Some(SETUP.host),
        cert,
        key,
        directives: format!("ssl_stapling on;\nssl_stapling_file \"{}\";", staple.display()),
    };
    let (child, ports) = super::nginx::launch(scratch.path(), &[site])?;
    let cases = ports.iter().map(|&port| SETUP.case(port, ca_file)).collect();
    Ok(ExternalServer { program: "nginx", child, cases, _scratch: scratch })
}

/// `openssl ocsp` twice: the request for the leaf, then the answer from the lab's index, signed
/// by the intermediate. Returns the answer's path.
fn make_staple(
    openssl: &Path,
    pki: &Pki,
    leaf_pem: &str,
    scratch: &ScratchDir,
) -> Result<std::path::PathBuf, LabError> {
    let issuer = scratch.write("intermediate.pem", pki.intermediate_pem())?;
    let issuer_key = scratch.write("intermediate.key", pki.intermediate_key_pem())?;
    let index = scratch.write("index.txt", pki.ocsp_index())?;
    let cert = scratch.write("leaf.pem", leaf_pem)?;
    let request = scratch.path().join("request.der");
    let staple = scratch.path().join("staple.der");
    let run = |command: &mut Command| -> Result<(), LabError> {
        let out = command.output().map_err(|e| super::spawn_error(e, "openssl"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(LabError::new(format!("openssl ocsp failed: {}", String::from_utf8_lossy(&out.stderr).trim())))
        }
    };
    run(Command::new(openssl)
        .args(["ocsp", "-no_nonce", "-issuer"])
        .arg(&issuer)
        .arg("-cert")
        .arg(&cert)
        .arg("-reqout")
        .arg(&request))?;
    run(Command::new(openssl)
        .args(["ocsp", "-index"])
        .arg(&index)
        .arg("-CA")
        .arg(&issuer)
        .arg("-rsigner")
        .arg(&issuer)
        .arg("-rkey")
        .arg(&issuer_key)
        .arg("-reqin")
        .arg(&request)
        .arg("-respout")
        .arg(&staple)
        .args(["-ndays", "1"]))?;
    match std::fs::metadata(&staple) {
        Ok(m) if m.len() > 0 => Ok(staple),
        _ => Err(LabError::new("openssl ocsp wrote no response")),
    }
}
