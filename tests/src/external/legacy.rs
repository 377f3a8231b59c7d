//! Servers rustls cannot talk to: what `tls-doctor`'s version probes are for; and servers it
//! can talk to that keep an old door open or serve a certificate browsers refuse. Each runs as
//! its own process from the system's packages, configured the way old devices and forgotten
//! servers are:
//!
//! - nginx with `ssl_protocols TLSv1` (a NAS or printer stand-in): OpenSSL 3 in Debian 12
//!   still speaks TLS 1.0, at `@SECLEVEL=0` only;
//! - `gnutls-serv` offering only RC4 and 3DES (GnuTLS 3.7 in Debian 12 still has both);
//! - `openssl s_server` with static RSA key exchange only, or with DHE over a 1024-bit group
//!   only (RFC 2409's Oakley group 2, the one Logjam precomputed against);
//! - `gnutls-serv` with AES-CCM suites only: TLS 1.2 spoken, nothing a browser offers;
//! - nginx with TLS 1.2 and 1.3, and TLS 1.0 left in `ssl_protocols`;
//! - `openssl s_server` with an ECDHE suite and static RSA (AES128-SHA) beside it;
//! - `openssl s_server` with a leaf whose key is RSA-1024, or whose signature is
//!   ecdsa-with-SHA1 (OpenSSL 3 serves either at `@SECLEVEL=0` only).
//!
//! The leaves are the lab's, valid and trusted through `--ca-file`, so that the finding under
//! test is the only problem. `gnutls-serv` cannot be told an address: it listens on every
//! interface (with throw-away certificates, for the length of a test).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use tls_doctor_core::wire::FindingId;

use super::nginx::Site;
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

/// How the leaf is signed when served.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Signature {
    /// As the lab issued it: ECDSA with SHA-256.
    AsIssued,
    /// Signed again by the lab intermediate with ecdsa-with-SHA1 ([`sha1_signed`]).
    Sha1,
}

#[derive(Debug)]
struct LegacySetup {
    setup: Setup,
    server: Server,
    signature: Signature,
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

/// The size of `openssl-weak-key`'s RSA key: what browsers refuse (CA/B BR §6.1.5 asks for
/// 2048 bits at least).
pub const WEAK_RSA_BITS: u32 = 1024;

/// The size of `openssl-rsa-512`'s RSA key: too short even to sign a TLS 1.3 handshake
/// (RSA-PSS with SHA-256 needs a modulus of 66 bytes at least, RFC 8017 §9.1.1: emLen ≥ hLen +
/// sLen + 2), so the server refuses the handshake a browser would start.
pub const TINY_RSA_BITS: u32 = 512;

const SETUPS: [LegacySetup; 10] = [
    LegacySetup {
        setup: Setup {
            name: "nginx-tls10-only",
            expected: FindingId::LegacyProtocolOnly,
            description: "nginx speaks only TLS 1.0 (ssl_protocols TLSv1), as old NAS boxes and printers do",
            host: "nginx-tls10-only.lab.test",
            leaf: ecdsa_leaf,
        },
        server: Server::Nginx { protocols: "TLSv1", ciphers: "DEFAULT:@SECLEVEL=0" },
        signature: Signature::AsIssued,
    },
    LegacySetup {
        setup: Setup {
            name: "gnutls-rc4-3des",
            expected: FindingId::WeakCipherOnly,
            description: "gnutls-serv offers only RC4 and 3DES suites (TLS 1.0 to 1.2)",
            host: "gnutls-rc4-3des.lab.test",
            leaf: ecdsa_leaf,
        },
        server: Server::Gnutls { priority: RC4_3DES_PRIORITY },
        signature: Signature::AsIssued,
    },
    LegacySetup {
        setup: Setup {
            name: "openssl-static-rsa",
            expected: FindingId::WeakCipherOnly,
            description: "openssl s_server offers only static RSA key exchange (AES128-SHA, TLS 1.2)",
            host: "openssl-static-rsa.lab.test",
            leaf: rsa_leaf,
        },
        server: Server::Openssl { args: &["-cipher", "AES128-SHA", "-no_tls1_3"], dh1024: false },
        signature: Signature::AsIssued,
    },
    LegacySetup {
        setup: Setup {
            name: "openssl-dhe-1024",
            expected: FindingId::WeakCipherOnly,
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
        signature: Signature::AsIssued,
    },
    LegacySetup {
        setup: Setup {
            name: "gnutls-ccm-only",
            expected: FindingId::NoCipherOverlap,
            description: "gnutls-serv speaks TLS 1.2 with AES-CCM suites only, which no browser offers",
            host: "gnutls-ccm-only.lab.test",
            leaf: ecdsa_leaf,
        },
        server: Server::Gnutls { priority: CCM_ONLY_PRIORITY },
        signature: Signature::AsIssued,
    },
    LegacySetup {
        setup: Setup {
            name: "nginx-legacy-enabled",
            expected: FindingId::LegacyProtocolEnabled,
            description: "nginx speaks TLS 1.2 and 1.3, and TLS 1.0 too (ssl_protocols TLSv1 TLSv1.2 TLSv1.3)",
            host: "nginx-legacy-enabled.lab.test",
            leaf: ecdsa_leaf,
        },
        server: Server::Nginx { protocols: "TLSv1 TLSv1.2 TLSv1.3", ciphers: "DEFAULT:@SECLEVEL=0" },
        signature: Signature::AsIssued,
    },
    LegacySetup {
        setup: Setup {
            name: "openssl-weak-cipher-enabled",
            expected: FindingId::WeakCipherEnabled,
            description: "openssl s_server offers ECDHE-RSA-AES128-GCM-SHA256 and static RSA (AES128-SHA) beside it (TLS 1.2 only)",
            host: "openssl-weak-cipher-enabled.lab.test",
            leaf: rsa_leaf,
        },
        server: Server::Openssl {
            args: &["-cipher", "ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA", "-no_tls1", "-no_tls1_1", "-no_tls1_3"],
            dh1024: false,
        },
        signature: Signature::AsIssued,
    },
    LegacySetup {
        setup: Setup {
            name: "openssl-weak-key",
            expected: FindingId::WeakKey,
            description: "openssl s_server serves a leaf with an RSA-1024 key (TLS 1.2 with ECDHE-RSA AES-GCM, and TLS 1.3)",
            host: "openssl-weak-key.lab.test",
            leaf: rsa_1024_leaf,
        },
        server: Server::Openssl {
            // OpenSSL 3 refuses to serve an RSA-1024 key above security level 0. ECDHE with
            // AES-GCM only, and TLS 1.2 or 1.3, so that the key is the only problem.
            args: &["-cipher", "ECDHE+AESGCM:@SECLEVEL=0", "-no_tls1", "-no_tls1_1"],
            dh1024: false,
        },
        signature: Signature::AsIssued,
    },
    LegacySetup {
        setup: Setup {
            name: "openssl-rsa-512",
            expected: FindingId::WeakKey,
            description: "openssl s_server serves a leaf with an RSA-512 key (TLS 1.2 with ECDHE-RSA AES-GCM, and TLS 1.3)",
            host: "openssl-rsa-512.lab.test",
            leaf: rsa_512_leaf,
        },
        server: Server::Openssl {
            args: &["-cipher", "ECDHE+AESGCM:@SECLEVEL=0", "-no_tls1", "-no_tls1_1"],
            dh1024: false,
        },
        signature: Signature::AsIssued,
    },
    LegacySetup {
        setup: Setup {
            name: "sha1-signed",
            expected: FindingId::WeakSignature,
            description: "openssl s_server serves a leaf the lab intermediate signed with ecdsa-with-SHA1",
            host: "sha1-signed.lab.test",
            leaf: ecdsa_leaf,
        },
        server: Server::Openssl {
            // OpenSSL 3 refuses to serve a SHA-1-signed certificate above security level 0
            // ("ca md too weak"). ECDHE with AES-GCM only, and TLS 1.2 or 1.3, so that the
            // signature is the only problem.
            args: &["-cipher", "ECDHE+AESGCM:@SECLEVEL=0", "-no_tls1", "-no_tls1_1"],
            dh1024: false,
        },
        signature: Signature::Sha1,
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
    let leaf_pem = match legacy.signature {
        Signature::AsIssued => leaf.leaf_pem(),
        Signature::Sha1 => sha1_signed(&leaf, pki, scratch.path())?,
    };
    let intermediates = leaf.intermediates_pem();
    let cert = scratch.write("chain.crt", format!("{leaf_pem}{intermediates}"))?;
    let key = scratch.write("leaf.key", leaf.key_pem())?;
    let files = Files { dir: scratch.path().to_owned(), cert, key };
    let (program, child, port) = match &legacy.server {
        Server::Nginx { protocols, ciphers } => start_nginx(&files, legacy.setup.name, protocols, ciphers)?,
        Server::Gnutls { priority } => start_gnutls(&files, priority)?,
        Server::Openssl { args, dh1024 } => start_openssl(&files, &leaf_pem, &intermediates, args, *dh1024)?,
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
    pki.leaf_with_rsa_key(host, Validity::CURRENT, &rsa_key(2048)?)
}

/// A leaf with a fresh [`WEAK_RSA_BITS`]-bit RSA key from `openssl genpkey`.
fn rsa_1024_leaf(pki: &Pki, host: &'static str) -> Result<Leaf, LabError> {
    pki.leaf_with_short_rsa_key(host, Validity::CURRENT, &rsa_key(WEAK_RSA_BITS)?)
}

/// A leaf with a fresh [`TINY_RSA_BITS`]-bit RSA key from `openssl genpkey`.
fn rsa_512_leaf(pki: &Pki, host: &'static str) -> Result<Leaf, LabError> {
    pki.leaf_with_short_rsa_key(host, Validity::CURRENT, &rsa_key(TINY_RSA_BITS)?)
}

/// A fresh RSA key of `bits` bits, PKCS #8 PEM.
fn rsa_key(bits: u32) -> Result<String, LabError> {
    openssl("genpkey", |c| c.args(["genpkey", "-algorithm", "RSA", "-pkeyopt", &format!("rsa_keygen_bits:{bits}")]))
}

/// `leaf`'s certificate (PEM) signed again by the lab intermediate with ecdsa-with-SHA1: same
/// subject, key, extensions (subjectAltName, key usage, extendedKeyUsage, AIA, CRL
/// distribution point; openssl writes the key identifiers itself) and serial (one the lab's
/// OCSP responder knows), valid from now for as long as [`Validity::CURRENT`] has left. rcgen
/// signs with SHA-2 only, and `openssl x509 -CA` re-signs only self-signed certificates, so the
/// certificate goes through a request: `openssl x509 -x509toreq` (signed with the leaf's key),
/// then `openssl x509 -req -sha1` (OpenSSL 3.0 cannot set a notBefore in the past there).
fn sha1_signed(leaf: &Leaf, pki: &Pki, dir: &Path) -> Result<String, LabError> {
    let issued = dir.join("issued.crt");
    let issued_key = dir.join("issued.key");
    let request = dir.join("issued.csr");
    let ca = dir.join("intermediate.crt");
    let ca_key = dir.join("intermediate.key");
    std::fs::write(&issued, leaf.leaf_pem())?;
    std::fs::write(&issued_key, leaf.key_pem())?;
    std::fs::write(&ca, pki.intermediate_pem())?;
    std::fs::write(&ca_key, pki.intermediate_key_pem())?;
    let printed = openssl("x509 -serial", |c| c.args(["x509", "-noout", "-serial", "-in"]).arg(&issued))?;
    let serial = printed
        .trim()
        .strip_prefix("serial=")
        .map(|hex| format!("0x{hex}"))
        .ok_or_else(|| LabError::new(format!("openssl x509 -serial printed {printed}")))?;
    openssl("x509 -x509toreq", |c| {
        c.args(["x509", "-x509toreq", "-copy_extensions", "copyall", "-in"])
            .arg(&issued)
            .arg("-signkey")
            .arg(&issued_key)
            .arg("-out")
            .arg(&request)
    })?;
    let days = Validity::CURRENT.not_after.whole_days().to_string();
    openssl("x509 -req -sha1", |c| {
        c.args(["x509", "-req", "-sha1", "-copy_extensions", "copyall", "-set_serial", &serial, "-days", &days])
            .arg("-in")
            .arg(&request)
            .arg("-CA")
            .arg(&ca)
            .arg("-CAkey")
            .arg(&ca_key)
    })
}

/// Runs `openssl` with the arguments `args` gives it (`what` names the step in errors); what
/// it printed on standard output, or an error with what it printed on stderr.
fn openssl(what: &str, args: impl FnOnce(&mut Command) -> &mut Command) -> Result<String, LabError> {
    let mut command = Command::new(process::find_program("openssl")?);
    let output = args(&mut command).stdin(Stdio::null()).output().map_err(|e| super::spawn_error(e, "openssl"))?;
    if !output.status.success() {
        return Err(LabError::new(format!(
            "openssl {what} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    String::from_utf8(output.stdout).map_err(|e| LabError::new(format!("openssl {what}: {e}")))
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
    name: &'static str,
    protocols: &str,
    ciphers: &str,
) -> Result<(&'static str, Child, u16), LabError> {
    let (child, ports) = super::nginx::launch(&files.dir, &[nginx_site(files, name, protocols, ciphers)])?;
    let port = ports.first().copied().ok_or_else(|| LabError::new("nginx was given no port"))?;
    Ok(("nginx", child, port))
}

/// nginx's one site for a case: only `protocols` and `ciphers`.
fn nginx_site(files: &Files, name: &'static str, protocols: &str, ciphers: &str) -> Site {
    Site {
        name,
        server_name: None,
        cert: files.cert.clone(),
        key: files.key.clone(),
        directives: format!("ssl_protocols {protocols};\nssl_ciphers \"{ciphers}\";"),
    }
}

/// How long `gnutls-serv` may take to say whether it could bind its port.
const ANNOUNCE_LIMIT: Duration = Duration::from_secs(15);

fn start_gnutls(files: &Files, priority: &str) -> Result<(&'static str, Child, u16), LabError> {
    let program = process::find_program("gnutls-serv")?;
    let stderr_log = files.dir.join("stderr.log");
    let mut failure = StartFailure::TimedOut;
    for _ in 0..ATTEMPTS {
        let port = process::free_ports(1)?.first().copied().unwrap_or(0);
        let mut child = process::watched(&program)?
            .args(["--http", "--disable-client-cert", "--nodb", "--port", &port.to_string()])
            .arg("--x509certfile")
            .arg(&files.cert)
            .arg("--x509keyfile")
            .arg(&files.key)
            .arg("--priority")
            .arg(priority)
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
                process::stop(&mut child);
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

/// `openssl s_server` with the leaf `leaf_pem` and the chain `intermediates_pem` (both PEM).
fn start_openssl(
    files: &Files,
    leaf_pem: &str,
    intermediates_pem: &str,
    args: &[&str],
    dh1024: bool,
) -> Result<(&'static str, Child, u16), LabError> {
    let program = process::find_program("openssl")?;
    let stderr_log = files.dir.join("stderr.log");
    let cert = files.dir.join("leaf.crt");
    std::fs::write(&cert, leaf_pem)?;
    let chain = files.dir.join("intermediates.crt");
    std::fs::write(&chain, intermediates_pem)?;
    let mut command = process::watched(&program)?;
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
            process::stop(&mut child);
            Err(failure.into_error("openssl s_server"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_name_their_hosts() {
        for (i, s) in SETUPS.iter().enumerate() {
            let setup = &s.setup;
            assert!(SETUPS[..i].iter().all(|t| t.setup.name != setup.name), "{} twice", setup.name);
            assert_eq!(setup.host, format!("{}.lab.test", setup.name));
        }
    }

    #[test]
    fn the_nginx_configuration_narrows_protocols_and_ciphers() {
        let files = Files { dir: "/d".into(), cert: "/d/c".into(), key: "/d/k".into() };
        let site = nginx_site(&files, "x", "TLSv1", "DEFAULT:@SECLEVEL=0");
        let conf = super::super::nginx::config(&files.dir, &[site], &[4433]);
        assert!(conf.contains("listen 127.0.0.1:4433 ssl;"), "{conf}");
        assert!(conf.contains("ssl_protocols TLSv1;") && conf.contains(r#"ssl_ciphers "DEFAULT:@SECLEVEL=0";"#));
    }
}
