//! Prosody (XMPP): one `prosody -F --config FILE` per certificate, each with one
//! `VirtualHost`, a client port with STARTTLS (`c2s_ports`, 5222's way) and a direct-TLS port
//! (`c2s_direct_tls_ports`, XEP-0368, 5223's way), on 127.0.0.1. The configuration, data
//! and log are in a scratch directory (no /etc/prosody); no server-to-server, HTTP or
//! component ports; `run_as_root`, as the test runs as root.
//!
//! The certificate is the global `ssl` one: with it only in the `VirtualHost`, Prosody 0.12
//! finds none for the direct-TLS port ("SNI will be required") and fails the handshake even
//! with SNI. `protocol = "tlsv1_2+"` keeps TLS 1.0 and 1.1 off. Prosody 0.12 (Debian 12) is
//! what the lab is tested with.

use std::net::Ipv4Addr;
use std::path::Path;
use std::process::Stdio;

use super::{Config, IMPLICIT, Setup};
use crate::LabError;
use crate::external::process::{self, StartFailure};
use crate::external::{self, ExternalServer};
use crate::pki::Pki;
use crate::scratch::ScratchDir;

/// STARTTLS on the client port.
const XMPP: &[&str] = &["--starttls", "xmpp_client"];

/// Every Prosody case; in each configuration, the STARTTLS port first.
pub(crate) const SETUPS: [Setup; 4] = [
    Setup {
        name: "prosody-xmpp-good",
        host: "xmpp-good.lab.test",
        args: XMPP,
        config: Config::Good,
        description: "Prosody: after <starttls/>, a valid leaf and its intermediate",
    },
    Setup {
        name: "prosody-xmpps-good",
        host: "xmpp-good.lab.test",
        args: IMPLICIT,
        config: Config::Good,
        description: "Prosody's direct-TLS client port (as on 5223) serves a valid leaf and its intermediate",
    },
    Setup {
        name: "prosody-xmpp-expired",
        host: "xmpp-expired.lab.test",
        args: XMPP,
        config: Config::Expired,
        description: "Prosody: after <starttls/>, a leaf that expired 10 days ago",
    },
    Setup {
        name: "prosody-xmpps-expired",
        host: "xmpp-expired.lab.test",
        args: IMPLICIT,
        config: Config::Expired,
        description: "Prosody's direct-TLS client port (as on 5223) serves a leaf that expired 10 days ago",
    },
];

const ATTEMPTS: usize = 5;

/// Starts one Prosody per configuration, both at once; returns when every port accepts.
pub fn start(pki: &Pki, ca_file: &Path) -> Result<Vec<ExternalServer>, LabError> {
    let program = process::find_program("prosody")?;
    let program = program.as_path();
    super::start_each(Config::ALL, "Prosody", |config| start_one(program, pki, ca_file, config))
}

/// A Lua string literal of a path (the scratch paths hold no quote or backslash, but say so).
fn lua(path: &Path) -> String {
    format!("{:?}", path.display().to_string())
}

fn start_one(program: &Path, pki: &Pki, ca_file: &Path, config: Config) -> Result<ExternalServer, LabError> {
    let setups: Vec<&Setup> = SETUPS.iter().filter(|s| s.config == config).collect();
    let host = setups.first().map_or("xmpp.lab.test", |s| s.host);
    let scratch = ScratchDir::new("tls-doctor-lab-prosody")?;
    let dir = scratch.path();
    let (cert, key) = config.write_files(&scratch, "server", pki, host)?;
    std::fs::create_dir(dir.join("data"))?;
    let log = dir.join("prosody.log");
    let stderr_log = dir.join("stderr.log");

    let mut failure = StartFailure::TimedOut;
    for _ in 0..ATTEMPTS {
        let ports = process::free_ports(2)?;
        let (Some(&starttls_port), Some(&tls_port)) = (ports.first(), ports.get(1)) else {
            return Err(LabError::new("no free ports"));
        };
        let conf = scratch.write(
            "prosody.cfg.lua",
            format!(
                "-- Written by tls-doctor-lab.\n\
                 run_as_root = true\n\
                 pidfile = {pid}\n\
                 data_path = {data}\n\
                 interfaces = {{ \"127.0.0.1\" }}\n\
                 local_interfaces = {{ \"127.0.0.1\" }}\n\
                 c2s_ports = {{ {starttls_port} }}\n\
                 c2s_direct_tls_ports = {{ {tls_port} }}\n\
                 s2s_ports = {{}}\n\
                 component_ports = {{}}\n\
                 http_ports = {{}}\n\
                 https_ports = {{}}\n\
                 modules_enabled = {{ \"tls\", \"saslauth\", \"c2s\" }}\n\
                 modules_disabled = {{ \"s2s\", \"posix\" }}\n\
                 c2s_require_encryption = true\n\
                 authentication = \"internal_hashed\"\n\
                 log = {{ info = {log} }}\n\
                 ssl = {{ protocol = \"tlsv1_2+\", certificate = {cert}, key = {key} }}\n\
                 VirtualHost \"{host}\"\n",
                pid = lua(&dir.join("prosody.pid")),
                data = lua(&dir.join("data")),
                log = lua(&log),
                cert = lua(&cert),
                key = lua(&key),
            ),
        )?;
        let mut child = process::watched(program)?
            .arg("-F")
            .arg("--config")
            .arg(&conf)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr_log)?)
            .spawn()
            .map_err(|e| external::spawn_error(e, "prosody"))?;
        let ports = [starttls_port, tls_port];
        match process::wait_until_accepting(&mut child, &ports, &[&log, &stderr_log]) {
            Ok(()) => {
                let cases =
                    setups.iter().zip(ports).map(|(s, port)| s.case(Ipv4Addr::LOCALHOST, port, ca_file)).collect();
                return Ok(ExternalServer { program: "prosody", child, cases, _scratch: scratch });
            }
            Err(e) => {
                process::stop(&mut child);
                failure = e;
            }
        }
    }
    Err(failure.into_error("prosody"))
}
