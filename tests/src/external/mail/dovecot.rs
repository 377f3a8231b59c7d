//! Dovecot: one `dovecot -F -c FILE` with its base, state and log in a scratch directory, no
//! system configuration included, IMAP, imaps, POP3 and pop3s listeners, and the five
//! configurations as `local ADDRESS { … }` blocks, one loopback address each.
//!
//! The addresses are 127.0.0.11 to 127.0.0.15 (all of 127/8 is local on Linux), never
//! 127.0.0.1: Dovecot counts a connection whose source address equals
//! its destination address as secure, and then offers `AUTH=PLAIN` before STARTTLS. The
//! client's source address is 127.0.0.1 whatever 127.x it connects to, so on 127.0.0.N the
//! good configurations say `LOGINDISABLED` before STARTTLS, as they would to anyone else.
//!
//! One process rather than one per configuration: Dovecot takes a second to stop, and the lab
//! stops its servers one after the other.
//!
//! Nobody can log in (a `passwd-file` passdb on an empty file); nobody ever tries.
//!
//! Dovecot 2.3 (Debian 12) is what the lab is tested with; for 2.4 (Debian 13), whose
//! settings changed names, the configuration is written in 2.4's syntax.

use std::fmt::Write as _;
use std::net::Ipv4Addr;
use std::path::Path;
use std::process::Stdio;

use super::{Config, MailSetup, PortKind, Probe};
use crate::LabError;
use crate::external::process::{self, StartFailure};
use crate::external::{self, ExternalServer};
use crate::pki::Pki;
use crate::scratch::ScratchDir;

/// Every Dovecot case, in the order of [`Config::ALL`]; in each, the order of [`KINDS`].
pub(crate) const SETUPS: [MailSetup; 20] = [
    MailSetup::new(
        "dovecot-imap-good",
        PortKind::Imap,
        Config::Good,
        "Dovecot IMAP offers STARTTLS with a valid leaf and its intermediate",
    ),
    MailSetup::new(
        "dovecot-imaps-good",
        PortKind::Imaps,
        Config::Good,
        "Dovecot imaps serves a valid leaf and its intermediate",
    ),
    MailSetup::new(
        "dovecot-pop3-good",
        PortKind::Pop3,
        Config::Good,
        "Dovecot POP3 offers STLS with a valid leaf and its intermediate",
    ),
    MailSetup::new(
        "dovecot-pop3s-good",
        PortKind::Pop3s,
        Config::Good,
        "Dovecot pop3s serves a valid leaf and its intermediate",
    ),
    MailSetup::new(
        "dovecot-imap-expired",
        PortKind::Imap,
        Config::Expired,
        "Dovecot IMAP: after STARTTLS, a leaf that expired 10 days ago",
    ),
    MailSetup::new(
        "dovecot-imaps-expired",
        PortKind::Imaps,
        Config::Expired,
        "Dovecot imaps serves a leaf that expired 10 days ago",
    ),
    MailSetup::new(
        "dovecot-pop3-expired",
        PortKind::Pop3,
        Config::Expired,
        "Dovecot POP3: after STLS, a leaf that expired 10 days ago",
    ),
    MailSetup::new(
        "dovecot-pop3s-expired",
        PortKind::Pop3s,
        Config::Expired,
        "Dovecot pop3s serves a leaf that expired 10 days ago",
    ),
    MailSetup::new(
        "dovecot-imap-wrong-host",
        PortKind::Imap,
        Config::WrongHost,
        "Dovecot IMAP: after STARTTLS, the certificate of other.lab.test",
    ),
    MailSetup::new(
        "dovecot-imaps-wrong-host",
        PortKind::Imaps,
        Config::WrongHost,
        "Dovecot imaps serves the certificate of other.lab.test",
    ),
    MailSetup::new(
        "dovecot-pop3-wrong-host",
        PortKind::Pop3,
        Config::WrongHost,
        "Dovecot POP3: after STLS, the certificate of other.lab.test",
    ),
    MailSetup::new(
        "dovecot-pop3s-wrong-host",
        PortKind::Pop3s,
        Config::WrongHost,
        "Dovecot pop3s serves the certificate of other.lab.test",
    ),
    MailSetup::new(
        "dovecot-imap-missing-intermediate",
        PortKind::Imap,
        Config::MissingIntermediate,
        "Dovecot IMAP: ssl_cert holds the leaf without its intermediate",
    ),
    MailSetup::new(
        "dovecot-imaps-missing-intermediate",
        PortKind::Imaps,
        Config::MissingIntermediate,
        "Dovecot imaps: ssl_cert holds the leaf without its intermediate",
    ),
    MailSetup::new(
        "dovecot-pop3-missing-intermediate",
        PortKind::Pop3,
        Config::MissingIntermediate,
        "Dovecot POP3: ssl_cert holds the leaf without its intermediate",
    ),
    MailSetup::new(
        "dovecot-pop3s-missing-intermediate",
        PortKind::Pop3s,
        Config::MissingIntermediate,
        "Dovecot pop3s: ssl_cert holds the leaf without its intermediate",
    ),
    MailSetup::new(
        "dovecot-imap-no-starttls",
        PortKind::Imap,
        Config::NoStarttls,
        "Dovecot IMAP with ssl=no: no STARTTLS, and LOGIN in plaintext (disable_plaintext_auth=no)",
    ),
    MailSetup::new(
        "dovecot-imaps-no-starttls",
        PortKind::Imaps,
        Config::NoStarttls,
        "Dovecot with ssl=no answers on the imaps port with a plaintext IMAP greeting",
    ),
    MailSetup::new(
        "dovecot-pop3-no-starttls",
        PortKind::Pop3,
        Config::NoStarttls,
        "Dovecot POP3 with ssl=no: no STLS, and USER and SASL PLAIN LOGIN in plaintext",
    ),
    MailSetup::new(
        "dovecot-pop3s-no-starttls",
        PortKind::Pop3s,
        Config::NoStarttls,
        "Dovecot with ssl=no answers on the pop3s port with a plaintext POP3 greeting",
    ),
];

/// The listeners of every instance, in the order of the cases of one configuration.
const KINDS: [PortKind; 4] = [PortKind::Imap, PortKind::Imaps, PortKind::Pop3, PortKind::Pop3s];

/// The loopback address of the instance for `config`.
pub fn address(config: Config) -> Ipv4Addr {
    let index = Config::ALL.iter().position(|c| *c == config).unwrap_or(0);
    Ipv4Addr::new(127, 0, 0, 11 + index as u8)
}

/// Tries with fresh ports when another program took one of ours first.
const ATTEMPTS: usize = 5;

/// Starts Dovecot serving [`SETUPS`]; returns when every port of every address greets
/// (`* OK`, `+OK`) or, on implicit-TLS ports, waits for a ClientHello.
pub fn start(pki: &Pki, ca_file: &Path) -> Result<ExternalServer, LabError> {
    let program = process::find_program("dovecot")?;
    let version = version(&program)?;
    let scratch = ScratchDir::new("tls-doctor-lab-dovecot")?;
    let dir = scratch.path();
    for config in Config::ALL {
        if let Some(leaf) = config.leaf(pki)? {
            scratch.write(&format!("{}.crt", config.slug()), leaf.chain_pem())?;
            let key = scratch.write(&format!("{}.key", config.slug()), leaf.key_pem())?;
            std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
        }
    }
    scratch.write("users", "")?;
    let log = dir.join("dovecot.log");
    let stderr_log = dir.join("stderr.log");

    let mut failure = StartFailure::TimedOut;
    for _ in 0..ATTEMPTS {
        let ports = process::free_ports(KINDS.len())?;
        let port = |kind: PortKind| ports[KINDS.iter().position(|k| *k == kind).unwrap_or(0)];
        let conf = scratch.write("dovecot.conf", dovecot_conf(dir, &version, &ports))?;
        let _ = std::fs::remove_file(&log);
        // A fresh base directory: Dovecot refuses to start beside the master.pid of another.
        let _ = std::fs::remove_dir_all(dir.join("run"));
        let mut child = process::watched(&program)?
            .arg("-F")
            .arg("-c")
            .arg(&conf)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr_log)?)
            .spawn()
            .map_err(|e| external::spawn_error(e, "dovecot"))?;
        let probes: Vec<Probe> =
            SETUPS.iter().map(|s| Probe::new(address(s.config), port(s.kind), s.kind, s.config)).collect();
        match super::wait_until_serving(&mut child, &probes, &[&log, &stderr_log]) {
            Ok(()) => {
                let cases = SETUPS.iter().map(|s| s.case(address(s.config), port(s.kind), ca_file)).collect();
                return Ok(ExternalServer { program: "dovecot", child, cases, _scratch: scratch });
            }
            Err(e) => {
                process::stop(&mut child);
                if !super::port_taken(&e) {
                    return Err(e.into_error("dovecot"));
                }
                failure = e;
            }
        }
    }
    Err(failure.into_error("dovecot"))
}

/// `2.3.19.1 (9b53102964)` → `2.3.19.1`.
fn version(program: &Path) -> Result<String, LabError> {
    let out = std::process::Command::new(program).arg("--version").output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.split_whitespace().next().map(str::to_owned).ok_or_else(|| LabError::new("dovecot --version said nothing"))
}

/// A complete configuration: no `!include` of /etc/dovecot. Each configuration is a `local`
/// block for its address; the listeners bind the same four ports (`ports`, in the order of
/// [`KINDS`]) on every address, but for the implicit-TLS ports of the configuration without
/// TLS, which have plaintext listeners of their own.
fn dovecot_conf(dir: &Path, version: &str, ports: &[u16]) -> String {
    let v24 = !version.starts_with("2.3") && !version.starts_with("2.2");
    let d = dir.display();
    let all = |tls: Option<bool>| -> String {
        let picked = Config::ALL.into_iter().filter(|c| tls.is_none_or(|t| c.tls() == t));
        picked.map(|c| address(c).to_string()).collect::<Vec<_>>().join(" ")
    };
    let cert = |config: Config| {
        let slug = config.slug();
        if v24 {
            format!("ssl_server_cert_file = {d}/{slug}.crt\nssl_server_key_file = {d}/{slug}.key\n")
        } else {
            format!("ssl_cert = <{d}/{slug}.crt\nssl_key = <{d}/{slug}.key\n")
        }
    };
    let mut out = format!("# Written by tls-doctor-lab for Dovecot {version}.\n");
    if v24 {
        out.push_str("dovecot_config_version = 2.4.0\ndovecot_storage_version = 2.4.0\n");
    }
    let _ = write!(
        out,
        "protocols = imap pop3\n\
         listen = {listen}\n\
         base_dir = {d}/run\n\
         state_dir = {d}/state\n\
         log_path = {d}/dovecot.log\n\
         instance_name = tls-doctor-lab-{pid}\n\
         auth_mechanisms = plain login\n\
         ssl = yes\n",
        listen = all(None),
        pid = std::process::id(),
    );
    // The good certificate is the default, which Dovecot wants whenever ssl = yes.
    out.push_str(&cert(Config::Good));
    for config in Config::ALL {
        let _ = writeln!(out, "# {}\nlocal {} {{", config.slug(), address(config));
        if config.tls() {
            for line in cert(config).lines() {
                let _ = writeln!(out, "  {line}");
            }
        } else {
            // The dangerous set-up: no TLS, and passwords accepted in plaintext all the same.
            let cleartext = if v24 { "auth_allow_cleartext = yes" } else { "disable_plaintext_auth = no" };
            let _ = writeln!(out, "  ssl = no\n  {cleartext}");
        }
        out.push_str("}\n");
    }
    if v24 {
        let _ = write!(
            out,
            "passdb passwd-file {{\n  passwd_file_path = {d}/users\n}}\n\
             userdb static {{\n  fields {{\n    uid = nobody\n    gid = nogroup\n    home = /nonexistent\n  }}\n}}\n"
        );
    } else {
        let _ = write!(
            out,
            "passdb {{\n  driver = passwd-file\n  args = {d}/users\n}}\n\
             userdb {{\n  driver = static\n  args = uid=nobody gid=nogroup home=/nonexistent\n}}\n"
        );
    }
    // Without TLS the implicit-TLS ports speak plaintext: the mistake those cases show.
    for (service, plain, implicit, plain_port, implicit_port) in
        [("imap", "imap", "imaps", ports[0], ports[1]), ("pop3", "pop3", "pop3s", ports[2], ports[3])]
    {
        let _ = write!(
            out,
            "service {service}-login {{\n\
             \x20 inet_listener {plain} {{\n    address = {every}\n    port = {plain_port}\n  }}\n\
             \x20 inet_listener {implicit} {{\n    address = {tls}\n    port = {implicit_port}\n    ssl = yes\n  }}\n\
             \x20 inet_listener {implicit}_without_tls {{\n    address = {no_tls}\n    port = {implicit_port}\n  }}\n\
             }}\n",
            every = all(None),
            tls = all(Some(true)),
            no_tls = all(Some(false)),
        );
    }
    out
}
