//! nginx, as Debian ships it, configured the way admins get it wrong: one process, one
//! `server` block per case, each on its own port.

use std::path::Path;
use std::process::Stdio;

use super::process::{self, StartFailure};
use super::{ExternalServer, Setup};
use crate::LabError;
use crate::pki::Pki;
use crate::scratch::ScratchDir;

const SETUPS: [Setup; 3] = [
    Setup {
        name: "nginx-expired",
        expected: "cert_expired",
        description: "nginx serves an expired leaf certificate",
        host: "nginx-expired.lab.test",
        leaf: super::expired,
    },
    Setup {
        name: "nginx-wrong-host",
        expected: "name_mismatch",
        description: "nginx serves the certificate of other.lab.test",
        host: "nginx-wrong-host.lab.test",
        leaf: super::wrong_host,
    },
    Setup {
        name: "nginx-incomplete-chain",
        expected: "incomplete_chain",
        description: "nginx's ssl_certificate file holds the leaf without its intermediate",
        host: "nginx-incomplete-chain.lab.test",
        leaf: super::leaf_only,
    },
];

/// Tries with fresh ports when another program took one of ours first.
const ATTEMPTS: usize = 5;

/// Starts nginx serving [`SETUPS`]; returns when every port accepts connections.
pub fn start(pki: &Pki, ca_file: &Path) -> Result<ExternalServer, LabError> {
    let program = process::find_program("nginx")?;
    let scratch = ScratchDir::new("tls-doctor-lab-nginx")?;
    for setup in &SETUPS {
        let leaf = (setup.leaf)(pki, setup.host)?;
        scratch.write(&format!("{}.crt", setup.name), leaf.chain_pem())?;
        scratch.write(&format!("{}.key", setup.name), leaf.key_pem())?;
    }
    let dir = scratch.path();
    let error_log = dir.join("error.log");
    let stderr_log = dir.join("stderr.log");

    let mut failure = StartFailure::TimedOut;
    for _ in 0..ATTEMPTS {
        let ports = process::free_ports(SETUPS.len())?;
        let conf = scratch.write("nginx.conf", config(dir, &ports))?;
        let _ = std::fs::remove_file(&error_log);
        let mut child = process::watched(&program)?
            .arg("-p")
            .arg(dir)
            .arg("-c")
            .arg(&conf)
            .arg("-e")
            .arg(&error_log)
            // In the foreground and in one process, so that its PID is the whole server.
            .args(["-g", "daemon off; master_process off;"])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr_log)?)
            .spawn()
            .map_err(|e| super::spawn_error(e, "nginx"))?;
        match process::wait_until_accepting(&mut child, &ports, &[&error_log, &stderr_log]) {
            Ok(()) => {
                let cases = SETUPS.iter().zip(&ports).map(|(s, &port)| s.case(port, ca_file)).collect();
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

/// A complete configuration: everything nginx writes goes to `dir`, so it runs as any user
/// and leaves nothing behind. nginx itself adds the `Date` header `tls-doctor` reads.
fn config(dir: &Path, ports: &[u16]) -> String {
    let dir = dir.display();
    let mut servers = String::new();
    for (setup, port) in SETUPS.iter().zip(ports) {
        let name = setup.name;
        servers.push_str(&format!(
            r#"
    server {{
        listen 127.0.0.1:{port} ssl;
        server_name {host};
        ssl_certificate "{dir}/{name}.crt";
        ssl_certificate_key "{dir}/{name}.key";
        location / {{
            return 200 "TLS Doctor lab ({name}): hello\n";
        }}
    }}
"#,
            host = setup.host,
        ));
    }
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
{servers}}}
"#
    )
}
