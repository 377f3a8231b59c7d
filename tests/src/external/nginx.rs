//! nginx, as Debian ships it, configured the way admins get it wrong: one process, one
//! `server` block per case, each on its own port. [`launch`] is how every nginx of the lab
//! starts (`stapled` and `legacy` too).

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use tls_doctor_core::wire::FindingId;

use super::process::{self, StartFailure};
use super::{ExternalServer, Setup};
use crate::LabError;
use crate::pki::Pki;
use crate::scratch::ScratchDir;

const SETUPS: [Setup; 3] = [
    Setup {
        name: "nginx-expired",
        expected: FindingId::CertExpired,
        description: "nginx serves an expired leaf certificate",
        host: "nginx-expired.lab.test",
        leaf: super::expired,
    },
    Setup {
        name: "nginx-wrong-host",
        expected: FindingId::NameMismatch,
        description: "nginx serves the certificate of other.lab.test",
        host: "nginx-wrong-host.lab.test",
        leaf: super::wrong_host,
    },
    Setup {
        name: "nginx-incomplete-chain",
        expected: FindingId::IncompleteChain,
        description: "nginx's ssl_certificate file holds the leaf without its intermediate",
        host: "nginx-incomplete-chain.lab.test",
        leaf: super::leaf_only,
    },
];

/// Tries with fresh ports when another program took one of ours first.
const ATTEMPTS: usize = 5;

/// Starts nginx serving [`SETUPS`]; returns when every port accepts connections.
pub fn start(pki: &Pki, ca_file: &Path) -> Result<ExternalServer, LabError> {
    let scratch = ScratchDir::new("tls-doctor-lab-nginx")?;
    let mut sites = Vec::new();
    for setup in &SETUPS {
        let leaf = (setup.leaf)(pki, setup.host)?;
        sites.push(Site {
            name: setup.name,
            server_name: Some(setup.host),
            cert: scratch.write(&format!("{}.crt", setup.name), leaf.chain_pem())?,
            key: scratch.write(&format!("{}.key", setup.name), leaf.key_pem())?,
            directives: String::new(),
        });
    }
    let (child, ports) = launch(scratch.path(), &sites)?;
    let cases = SETUPS.iter().zip(&ports).map(|(s, &port)| s.case(port, ca_file)).collect();
    Ok(ExternalServer { program: "nginx", child, cases, _scratch: scratch })
}

/// One `server` block: a TLS port on 127.0.0.1 serving the chain in `cert` with `key`, and
/// `directives` inside it (`ssl_protocols …;`, `ssl_stapling on;` …).
#[derive(Debug)]
pub(crate) struct Site {
    /// The case's name, in the hello the site answers with.
    pub name: &'static str,
    /// `server_name`, when the site has one.
    pub server_name: Option<&'static str>,
    pub cert: PathBuf,
    pub key: PathBuf,
    pub directives: String,
}

/// The one way the lab starts nginx: one process in the foreground (`daemon off;
/// master_process off;`, so that its PID is the whole server) under the watchdog, everything
/// it writes in `dir`, each of `sites` on a free port. When another program took one of the
/// ports first, tries again with fresh ones. Returns once every port accepts connections: the
/// process and the ports, in the order of `sites`.
pub(crate) fn launch(dir: &Path, sites: &[Site]) -> Result<(Child, Vec<u16>), LabError> {
    let program = process::find_program("nginx")?;
    let error_log = dir.join("error.log");
    let stderr_log = dir.join("stderr.log");
    let conf = dir.join("nginx.conf");
    let mut failure = StartFailure::TimedOut;
    for _ in 0..ATTEMPTS {
        let ports = process::free_ports(sites.len())?;
        std::fs::write(&conf, config(dir, sites, &ports))?;
        let _ = std::fs::remove_file(&error_log);
        let mut child = process::watched(&program)?
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
            Ok(()) => return Ok((child, ports)),
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
pub(crate) fn config(dir: &Path, sites: &[Site], ports: &[u16]) -> String {
    let dir = dir.display();
    let mut servers = String::new();
    for (site, port) in sites.iter().zip(ports) {
        let (name, cert, key) = (site.name, site.cert.display(), site.key.display());
        let server_name = site.server_name.map(|host| format!("\n        server_name {host};")).unwrap_or_default();
        let directives: String = site.directives.lines().map(|d| format!("\n        {d}")).collect();
        servers.push_str(&format!(
            r#"
    server {{
        listen 127.0.0.1:{port} ssl;{server_name}
        ssl_certificate "{cert}";
        ssl_certificate_key "{key}";{directives}
        location / {{
            return 200 "TLS Doctor lab ({name}): hello\n";
        }}
    }}
"#
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_server_block_per_site_each_on_its_port() {
        let site = |name, server_name, directives: &str| Site {
            name,
            server_name,
            cert: PathBuf::from(format!("/d/{name}.crt")),
            key: PathBuf::from(format!("/d/{name}.key")),
            directives: directives.to_owned(),
        };
        let sites = [site("a", Some("a.lab.test"), ""), site("b", None, "ssl_protocols TLSv1;\nssl_ciphers \"X\";")];
        let conf = config(Path::new("/d"), &sites, &[4433, 4434]);
        assert_eq!(conf.matches("server {").count(), 2, "{conf}");
        assert!(
            conf.contains(
                "listen 127.0.0.1:4433 ssl;\n        server_name a.lab.test;\n        ssl_certificate \"/d/a.crt\";"
            ),
            "{conf}"
        );
        assert!(conf.contains("listen 127.0.0.1:4434 ssl;\n        ssl_certificate \"/d/b.crt\";"), "{conf}");
        assert!(
            conf.contains(
                "ssl_certificate_key \"/d/b.key\";\n        ssl_protocols TLSv1;\n        ssl_ciphers \"X\";"
            ),
            "{conf}"
        );
        assert!(
            conf.contains(r#"pid "/d/nginx.pid";"#) && conf.contains(r#"return 200 "TLS Doctor lab (b): hello\n";"#),
            "{conf}"
        );
    }
}
