//! nginx stapling an OCSP response, configured as admins do it by hand: `ssl_stapling on` with
//! `ssl_stapling_file`, a DER answer that `openssl ocsp -respout` made from the lab's index
//! (signed by the intermediate itself; current for a day). nginx serves the file as it is, to
//! every client that asks for a staple (status_request, RFC 6066 §8).

use std::path::Path;
use std::process::{Command, Stdio};

use super::process::{self, StartFailure};
use super::{ExternalServer, Setup};
use crate::LabError;
use crate::pki::{Pki, Validity};
use crate::scratch::ScratchDir;

const SETUP: Setup = Setup {
    name: "stapled-good",
    expected: "ok",
    description: "nginx staples a current OCSP response saying good (ssl_stapling_file)",
    host: "stapled-good.lab.test",
    leaf: |pki, host| pki.leaf(host, Validity::CURRENT),
};

/// Tries with a fresh port when another program took ours first.
const ATTEMPTS: usize = 5;

/// Starts nginx serving [`SETUP`] with its staple; returns when the port accepts connections.
pub fn start(pki: &Pki, ca_file: &Path) -> Result<ExternalServer, LabError> {
    let nginx = process::find_program("nginx")?;
    let openssl = process::find_program("openssl")?;
    let scratch = ScratchDir::new("tls-doctor-lab-stapled")?;
    let leaf = (SETUP.leaf)(pki, SETUP.host)?;
    scratch.write("server.crt", leaf.chain_pem())?;
    scratch.write("server.key", leaf.key_pem())?;
    let staple = make_staple(&openssl, pki, &leaf.leaf_pem(), &scratch)?;

    let dir = scratch.path();
    let error_log = dir.join("error.log");
    let stderr_log = dir.join("stderr.log");
    let mut failure = StartFailure::TimedOut;
    for _ in 0..ATTEMPTS {
        let ports = process::free_ports(1)?;
        let port = ports.first().copied().unwrap_or_default();
        let conf = scratch.write("nginx.conf", config(dir, &staple, port))?;
        let _ = std::fs::remove_file(&error_log);
        let mut child = process::watched(&nginx)?
            .arg("-p")
            .arg(dir)
            .arg("-c")
            .arg(&conf)
            .arg("-e")
            .arg(&error_log)
            .args(["-g", "daemon off; master_process off;"])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr_log)?)
            .spawn()
            .map_err(|e| super::spawn_error(e, "nginx"))?;
        match process::wait_until_accepting(&mut child, &ports, &[&error_log, &stderr_log]) {
            Ok(()) => {
                let cases = vec![SETUP.case(port, ca_file)];
                return Ok(ExternalServer { program: "nginx", child, cases, _scratch: scratch });
            }
            Err(e) => {
                process::stop(&mut child);
                let port_taken = matches!(&e, StartFailure::Exited(log) if log.contains("Address already in use"));
                if !port_taken {
                    return Err(e.into_error("nginx"));
                }
                failure = e;
            }
        }
    }
    Err(failure.into_error("nginx"))
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

/// One `server` block; everything nginx writes goes to `dir`.
fn config(dir: &Path, staple: &Path, port: u16) -> String {
    let (dir, staple, name, host) = (dir.display(), staple.display(), SETUP.name, SETUP.host);
    format!(
        r#"# Written by tls-doctor-lab. Started with -g "daemon off; master_process off;".
pid "{dir}/nginx.pid";
worker_processes 1;
events {{
    worker_connections 256;
}}
http {{
    access_log off;
    default_type text/plain;
    client_body_temp_path "{dir}/client_body";
    proxy_temp_path "{dir}/proxy";
    fastcgi_temp_path "{dir}/fastcgi";
    uwsgi_temp_path "{dir}/uwsgi";
    scgi_temp_path "{dir}/scgi";
    server {{
        listen 127.0.0.1:{port} ssl;
        server_name {host};
        ssl_certificate "{dir}/server.crt";
        ssl_certificate_key "{dir}/server.key";
        ssl_stapling on;
        ssl_stapling_file "{staple}";
        location / {{
            return 200 "TLS Doctor lab ({name}): hello\n";
        }}
    }}
}}
"#
    )
}
