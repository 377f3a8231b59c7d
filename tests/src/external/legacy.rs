//! Servers rustls cannot talk to: what `tls-doctor`'s version probes are for. Each runs as its
//! own process from the system's packages, configured the way old devices and forgotten
//! servers are:
//!
//! - nginx with `ssl_protocols TLSv1` (a NAS or printer stand-in): OpenSSL 3 in Debian 12
//!   still speaks TLS 1.0, at `@SECLEVEL=0` only;
//! - `gnutls-serv` offering only RC4 and 3DES (GnuTLS 3.7 in Debian 12 still has both);
//! - `openssl s_server` with static RSA key exchange only, or with DHE over a 1024-bit group
//!   only (RFC 2409's Oakley group 2, the one Logjam precomputed against);
//! - `gnutls-serv` with AES-CCM suites only: TLS 1.2 spoken, nothing a browser offers.
//!
//! The leaves are the lab's, valid and trusted through `--ca-file`, so that the finding under
//! test is the only problem. `gnutls-serv` cannot be told an address: it listens on every
//! interface (with throw-away certificates, for the length of a test).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use super::process::{self, StartFailure};
use super::{ExternalServer, Setup};
use crate::LabError;
use crate::pki::{Leaf, Pki, Validity};
use crate::scratch::ScratchDir;

/// How a case's server is run.
#[derive(Debug)]
enum Server {
    /// nginx with these `ssl_protocols` and `ssl_ciphers`.
    Nginx { protocols: &'static str, ciphers: &'static str },
    /// `gnutls-serv --priority`.
    Gnutls { priority: &'static str },
    /// `openssl s_server` with these arguments (after the certificate and key), and with
    /// `-dhparam` [`OAKLEY_GROUP_2_PEM`] when `dh1024`.
    Openssl { args: &'static [&'static str], dh1024: bool },
}

#[derive(Debug)]
struct LegacySetup {
    setup: Setup,
    server: Server,
}

/// The gnutls priority string of `gnutls-rc4-3des`: TLS 1.0–1.2, RC4-128 and 3DES-CBC only,
/// with ECDHE or RSA key exchange.
pub const RC4_3DES_PRIORITY: &str = "NONE:+VERS-TLS1.2:+VERS-TLS1.1:+VERS-TLS1.0:+ARCFOUR-128:+3DES-CBC:\
     +ECDHE-ECDSA:+RSA:+SHA1:+MD5:+COMP-NULL:+SIGN-ALL:+CURVE-ALL";

/// The gnutls priority string of `gnutls-ccm-only`: TLS 1.2 with AES-CCM, which no browser and
/// neither of `tls-doctor`'s offers has.
pub const CCM_ONLY_PRIORITY: &str =
    "NONE:+VERS-TLS1.2:+AES-128-CCM:+AES-256-CCM:+ECDHE-ECDSA:+AEAD:+COMP-NULL:+SIGN-ALL:+CURVE-ALL";

/// The bits of the DH group `openssl-dhe-1024` uses.
pub const DHE_WEAK_BITS: u32 = 1024;

/// RFC 2409 §6.2, the Second Oakley Group: a 1024-bit safe prime, generator 2 (DER
/// DHParameter, as `openssl dhparam` writes it; `openssl dhparam -check` accepts it). Fixed
/// rather than generated, which takes seconds.
const OAKLEY_GROUP_2_PEM: &str = "-----BEGIN DH PARAMETERS-----
MIGHAoGBAP//////////yQ/aoiFowjTExmKLgNwc0SkCTgiKZ8x0Agu+pjsTmyJR
Sgh5jjQE3e+VGbPNOkMbMCsKbfJfFDdP4TVtbVHCReSFtXZiXn7G9ExC6aY37WsL
/1y29Aa37e44a/taiZ+lrp8kEXxLH+ZJKGZR7OZTgf//////////AgEC
-----END DH PARAMETERS-----
";

const SETUPS: [LegacySetup; 5] = [
    LegacySetup {
        setup: Setup {
            name: "nginx-tls10-only",
            expected: "legacy_protocol_only",
            description: "nginx speaks only TLS 1.0 (ssl_protocols TLSv1), as old NAS boxes and printers do",
            host: "nginx-tls10-only.lab.test",
            leaf: ecdsa_leaf,
        },
        server: Server::Nginx { protocols: "TLSv1", ciphers: "DEFAULT:@SECLEVEL=0" },
    },
    LegacySetup {
        setup: Setup {
            name: "gnutls-rc4-3des",
            expected: "weak_cipher_only",
            description: "gnutls-serv offers only RC4 and 3DES suites (TLS 1.0 to 1.2)",
            host: "gnutls-rc4-3des.lab.test",
            leaf: ecdsa_leaf,
        },
        server: Server::Gnutls { priority: RC4_3DES_PRIORITY },
    },
    LegacySetup {
        setup: Setup {
            name: "openssl-static-rsa",
            expected: "weak_cipher_only",
            description: "openssl s_server offers only static RSA key exchange (AES128-SHA, TLS 1.2)",
            host: "openssl-static-rsa.lab.test",
            leaf: rsa_leaf,
        },
        server: Server::Openssl { args: &["-cipher", "AES128-SHA", "-no_tls1_3"], dh1024: false },
    },
    LegacySetup {
        setup: Setup {
            name: "openssl-dhe-1024",
            expected: "weak_cipher_only",
            description: "openssl s_server offers only DHE over a 1024-bit group (TLS 1.2)",
            host: "openssl-dhe-1024.lab.test",
            leaf: rsa_leaf,
        },
        server: Server::Openssl {
            args: &[
                "-cipher",
                "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:@SECLEVEL=0",
                "-no_tls1",
                "-no_tls1_1",
                "-no_tls1_3",
            ],
            dh1024: true,
        },
    },
    LegacySetup {
        setup: Setup {
            name: "gnutls-ccm-only",
            expected: "no_cipher_overlap",
            description: "gnutls-serv speaks TLS 1.2 with AES-CCM suites only, which no browser offers",
            host: "gnutls-ccm-only.lab.test",
            leaf: ecdsa_leaf,
        },
        server: Server::Gnutls { priority: CCM_ONLY_PRIORITY },
    },
];

/// The names of the cases this module serves.
pub fn names() -> impl Iterator<Item = &'static str> {
    SETUPS.iter().map(|s| s.setup.name)
}

/// Starts the server of case `name`; returns when it accepts connections.
pub fn start(name: &str, pki: &Pki, ca_file: &Path) -> Result<ExternalServer, LabError> {
    let legacy =
        SETUPS.iter().find(|s| s.setup.name == name).ok_or_else(|| LabError::new(format!("no legacy case {name}")))?;
    let scratch = ScratchDir::new(&format!("tls-doctor-lab-{name}"))?;
    let leaf = (legacy.setup.leaf)(pki, legacy.setup.host)?;
    let cert = scratch.write("chain.crt", leaf.chain_pem())?;
    let key = scratch.write("leaf.key", leaf.key_pem())?;
    let files = Files { dir: scratch.path().to_owned(), cert, key };
    let (program, child, port) = match &legacy.server {
        Server::Nginx { protocols, ciphers } => start_nginx(&files, legacy.setup.name, protocols, ciphers)?,
        Server::Gnutls { priority } => start_gnutls(&files, priority)?,
        Server::Openssl { args, dh1024 } => start_openssl(&files, &leaf, args, *dh1024)?,
    };
    let cases = vec![legacy.setup.case(port, ca_file)];
    Ok(ExternalServer { program, child, cases, _scratch: scratch })
}

/// Every case of this module, one process each.
pub fn start_all(pki: &Pki, ca_file: &Path) -> Result<Vec<ExternalServer>, LabError> {
    names().map(|name| start(name, pki, ca_file)).collect()
}

fn ecdsa_leaf(pki: &Pki, host: &'static str) -> Result<Leaf, LabError> {
    pki.leaf(host, Validity::CURRENT)
}

/// A leaf with a fresh 2048-bit RSA key from `openssl genpkey`.
fn rsa_leaf(pki: &Pki, host: &'static str) -> Result<Leaf, LabError> {
    let openssl = process::find_program("openssl")?;
    let output = Command::new(openssl)
        .args(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| super::spawn_error(e, "openssl"))?;
    if !output.status.success() {
        return Err(LabError::new(format!(
            "openssl genpkey failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    let key_pem = String::from_utf8(output.stdout).map_err(|e| LabError::new(format!("openssl genpkey: {e}")))?;
    pki.leaf_with_rsa_key(host, Validity::CURRENT, &key_pem)
}

/// Where a case's certificate chain and key were written.
struct Files {
    dir: PathBuf,
    cert: PathBuf,
    key: PathBuf,
}

/// Tries with fresh ports when another program took ours first (nginx and gnutls-serv are
/// given a port; `openssl s_server` picks its own).
const ATTEMPTS: usize = 5;

fn start_nginx(
    files: &Files,
    name: &str,
    protocols: &str,
    ciphers: &str,
) -> Result<(&'static str, Child, u16), LabError> {
    let program = process::find_program("nginx")?;
    let dir = &files.dir;
    let error_log = dir.join("error.log");
    let stderr_log = dir.join("stderr.log");
    let mut failure = StartFailure::TimedOut;
    for _ in 0..ATTEMPTS {
        let port = process::free_ports(1)?.first().copied().unwrap_or(0);
        let conf = dir.join("nginx.conf");
        std::fs::write(&conf, nginx_config(files, name, port, protocols, ciphers))?;
        let _ = std::fs::remove_file(&error_log);
        let mut child = Command::new(&program)
            .arg("-p")
            .arg(dir)
            .arg("-c")
            .arg(&conf)
            .arg("-e")
            .arg(&error_log)
            .args(["-g", "daemon off; master_process off;"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr_log)?)
            .spawn()
            .map_err(|e| super::spawn_error(e, "nginx"))?;
        match process::wait_until_accepting(&mut child, &[port], &[&error_log, &stderr_log]) {
            Ok(()) => return Ok(("nginx", child, port)),
            Err(e) => {
                stop(&mut child);
                if !matches!(&e, StartFailure::Exited(log) if log.contains("Address already in use")) {
                    return Err(e.into_error("nginx"));
                }
                failure = e;
            }
        }
    }
    Err(failure.into_error("nginx"))
}

fn nginx_config(files: &Files, name: &str, port: u16, protocols: &str, ciphers: &str) -> String {
    let dir = files.dir.display();
    let (cert, key) = (files.cert.display(), files.key.display());
    format!(
        r#"# Written by tls-doctor-lab. Started with -g "daemon off; master_process off;".
pid "{dir}/nginx.pid";
worker_processes 1;
events {{
    worker_connections 64;
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
        ssl_certificate "{cert}";
        ssl_certificate_key "{key}";
        ssl_protocols {protocols};
        ssl_ciphers "{ciphers}";
        location / {{
            return 200 "TLS Doctor lab ({name}): hello\n";
        }}
    }}
}}
"#
    )
}

/// How long `gnutls-serv` may take to say whether it could bind its port.
const ANNOUNCE_LIMIT: Duration = Duration::from_secs(15);

fn start_gnutls(files: &Files, priority: &str) -> Result<(&'static str, Child, u16), LabError> {
    let program = process::find_program("gnutls-serv")?;
    let stderr_log = files.dir.join("stderr.log");
    let mut failure = StartFailure::TimedOut;
    for _ in 0..ATTEMPTS {
        let port = process::free_ports(1)?.first().copied().unwrap_or(0);
        let mut child = Command::new(&program)
            .args(["--http", "--disable-client-cert", "--nodb", "--port", &port.to_string()])
            .arg("--x509certfile")
            .arg(&files.cert)
            .arg("--x509keyfile")
            .arg(&files.key)
            .arg("--priority")
            .arg(priority)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| super::spawn_error(e, "gnutls-serv"))?;
        // On stderr: "HTTP Server listening on IPv4 0.0.0.0 port N...done", or "...bind()
        // failed: …": when IPv4 failed, another program holds the port, and gnutls-serv goes on
        // with IPv6 alone.
        let bound = child.stderr.take().map(|stderr| ipv4_bind_result(stderr, stderr_log.clone()));
        let ready = match bound.and_then(|rx| rx.recv_timeout(ANNOUNCE_LIMIT).ok()) {
            Some(Ok(())) => process::wait_until_accepting(&mut child, &[port], &[&stderr_log]),
            Some(Err(line)) => Err(StartFailure::Exited(line)),
            None => Err(StartFailure::Exited(std::fs::read_to_string(&stderr_log).unwrap_or_default())),
        };
        match ready {
            Ok(()) => return Ok(("gnutls-serv", child, port)),
            Err(e) => {
                stop(&mut child);
                if !matches!(&e, StartFailure::Exited(log) if log.contains("Address already in use")) {
                    return Err(e.into_error("gnutls-serv"));
                }
                failure = e;
            }
        }
    }
    Err(failure.into_error("gnutls-serv"))
}

/// Reads `gnutls-serv`'s stderr on a thread into `log`: sends whether its IPv4 listener is up,
/// then keeps reading so that the server never blocks on a full pipe.
fn ipv4_bind_result(stderr: ChildStderr, log: PathBuf) -> mpsc::Receiver<Result<(), String>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut log = std::fs::File::create(log).ok();
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if let Some(log) = &mut log {
                let _ = writeln!(log, "{line}");
            }
            if line.contains("IPv4") {
                let _ = tx.send(if line.trim_end().ends_with("done") { Ok(()) } else { Err(line) });
            }
        }
    });
    rx
}

fn start_openssl(
    files: &Files,
    leaf: &Leaf,
    args: &[&str],
    dh1024: bool,
) -> Result<(&'static str, Child, u16), LabError> {
    let program = process::find_program("openssl")?;
    let stderr_log = files.dir.join("stderr.log");
    let cert = files.dir.join("leaf.crt");
    std::fs::write(&cert, leaf.leaf_pem())?;
    let chain = files.dir.join("intermediates.crt");
    std::fs::write(&chain, leaf.intermediates_pem())?;
    let mut command = Command::new(program);
    command.args(["s_server", "-accept", "127.0.0.1:0", "-www"]);
    if dh1024 {
        let dhparam = files.dir.join("dhparam.pem");
        std::fs::write(&dhparam, OAKLEY_GROUP_2_PEM)?;
        command.arg("-dhparam").arg(dhparam);
    }
    let mut child = command
        .arg("-cert")
        .arg(&cert)
        .arg("-key")
        .arg(&files.key)
        .arg("-cert_chain")
        .arg(&chain)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&stderr_log)?)
        .spawn()
        .map_err(|e| super::spawn_error(e, "openssl"))?;
    let announced = child.stdout.take().map(super::openssl::announced_port);
    let port = announced.and_then(|rx| rx.recv_timeout(ANNOUNCE_LIMIT).ok());
    let ready = match port {
        Some(port) => process::wait_until_accepting(&mut child, &[port], &[&stderr_log]).map(|()| port),
        None => Err(StartFailure::Exited(std::fs::read_to_string(&stderr_log).unwrap_or_default())),
    };
    match ready {
        Ok(port) => Ok(("openssl", child, port)),
        Err(failure) => {
            stop(&mut child);
            Err(failure.into_error("openssl s_server"))
        }
    }
}

fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(test)]
mod tests {
    use tls_doctor_core::wire::FindingId;

    use super::*;

    #[test]
    fn names_are_unique_and_expectations_are_real_finding_ids() {
        for (i, s) in SETUPS.iter().enumerate() {
            let setup = &s.setup;
            assert!(SETUPS[..i].iter().all(|t| t.setup.name != setup.name), "{} twice", setup.name);
            assert!(FindingId::parse(setup.expected).is_some(), "{}: no finding {}", setup.name, setup.expected);
            assert_eq!(setup.host, format!("{}.lab.test", setup.name));
        }
    }

    #[test]
    fn the_nginx_configuration_narrows_protocols_and_ciphers() {
        let files = Files { dir: "/d".into(), cert: "/d/c".into(), key: "/d/k".into() };
        let conf = nginx_config(&files, "x", 4433, "TLSv1", "DEFAULT:@SECLEVEL=0");
        assert!(conf.contains("listen 127.0.0.1:4433 ssl;"), "{conf}");
        assert!(conf.contains("ssl_protocols TLSv1;") && conf.contains(r#"ssl_ciphers "DEFAULT:@SECLEVEL=0";"#));
    }
}
