//! Postfix: one `master` in the foreground (`master -s`, what `postfix start-fg` runs), with a
//! configuration directory, queue directory and data directory of its own. Each case is an
//! `smtpd` service on `127.0.0.1:PORT` in master.cf, with its own certificate through
//! `-o smtpd_tls_chain_files=…`, so one master serves all ten.
//!
//! Without STARTTLS, the submission port also offers `AUTH PLAIN LOGIN` in plaintext (Cyrus
//! SASL with an empty sasldb, so nobody can log in): the mistake the diagnosis warns about.
//!
//! Postfix needs root to start (its daemons drop to the `postfix` user), the `postfix` user
//! and the `postdrop` group (both from the Debian package), and the Cyrus SASL plugins
//! (`libsasl2-modules`) for the AUTH of the no-STARTTLS submission port.

use std::fmt::Write as _;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use super::{Config, MailSetup, PortKind, Probe};
use crate::LabError;
use crate::external::process::{self, StartFailure};
use crate::external::{self, ExternalServer};
use crate::pki::Pki;
use crate::scratch::ScratchDir;

/// Where Debian keeps Postfix's daemons (`daemon_directory`).
const DAEMON_DIRECTORY: &str = "/usr/lib/postfix/sbin";

/// Every Postfix case, in the order of [`Config::ALL`], submission before smtps.
pub(crate) const SETUPS: [MailSetup; 10] = [
    MailSetup::new(
        "postfix-submission-good",
        PortKind::Submission,
        Config::Good,
        "Postfix submission offers STARTTLS with a valid leaf and its intermediate",
    ),
    MailSetup::new(
        "postfix-smtps-good",
        PortKind::Smtps,
        Config::Good,
        "Postfix smtps (smtpd_tls_wrappermode) serves a valid leaf and its intermediate",
    ),
    MailSetup::new(
        "postfix-submission-expired",
        PortKind::Submission,
        Config::Expired,
        "Postfix submission: after STARTTLS, a leaf that expired 10 days ago",
    ),
    MailSetup::new(
        "postfix-smtps-expired",
        PortKind::Smtps,
        Config::Expired,
        "Postfix smtps serves a leaf that expired 10 days ago",
    ),
    MailSetup::new(
        "postfix-submission-wrong-host",
        PortKind::Submission,
        Config::WrongHost,
        "Postfix submission: after STARTTLS, the certificate of other.lab.test",
    ),
    MailSetup::new(
        "postfix-smtps-wrong-host",
        PortKind::Smtps,
        Config::WrongHost,
        "Postfix smtps serves the certificate of other.lab.test",
    ),
    MailSetup::new(
        "postfix-submission-missing-intermediate",
        PortKind::Submission,
        Config::MissingIntermediate,
        "Postfix submission: smtpd_tls_chain_files holds the leaf without its intermediate",
    ),
    MailSetup::new(
        "postfix-smtps-missing-intermediate",
        PortKind::Smtps,
        Config::MissingIntermediate,
        "Postfix smtps: smtpd_tls_chain_files holds the leaf without its intermediate",
    ),
    MailSetup::new(
        "postfix-submission-no-starttls",
        PortKind::Submission,
        Config::NoStarttls,
        "Postfix submission with smtpd_tls_security_level=none: no STARTTLS, AUTH PLAIN LOGIN in plaintext",
    ),
    MailSetup::new(
        "postfix-smtps-no-starttls",
        PortKind::Smtps,
        Config::NoStarttls,
        "Postfix on the smtps port without smtpd_tls_wrappermode: a plaintext SMTP greeting",
    ),
];

/// Tries with fresh ports when another program took one of ours first.
const ATTEMPTS: usize = 5;

/// Starts one Postfix master serving [`SETUPS`] on 127.0.0.1; returns when every port greets
/// (SMTP `220`), or, on the smtps ports, waits for a ClientHello.
pub fn start(pki: &Pki, ca_file: &Path) -> Result<ExternalServer, LabError> {
    let master = Path::new(DAEMON_DIRECTORY).join("master");
    if !master.is_file() {
        return Err(external::not_installed("postfix"));
    }
    if std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(0) != 0 {
        return Err(LabError::new("Postfix's master starts only as root (its daemons then drop to the postfix user)"));
    }
    let owner = Ids::lookup()?;
    let scratch = ScratchDir::new("tls-doctor-lab-postfix")?;
    let dir = scratch.path().to_owned();
    let layout = Layout::create(&dir, &owner)?;
    for config in Config::ALL {
        if let Some(leaf) = config.leaf(pki)? {
            // smtpd_tls_chain_files: the key, then the certificates, leaf first.
            let file =
                scratch.write(&format!("{}.pem", config.slug()), format!("{}{}", leaf.key_pem(), leaf.chain_pem()))?;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    // Cyrus SASL for AUTH without TLS: mechanisms to offer, and an empty user database.
    scratch.write(
        "sasl/smtpd.conf",
        format!(
            "pwcheck_method: auxprop\nauxprop_plugin: sasldb\nsasldb_path: {}\nmech_list: PLAIN LOGIN\n",
            dir.join("sasl/sasldb2").display()
        ),
    )?;
    let main_cf = scratch.write("conf/main.cf", main_cf(&dir))?;
    // Postfix reads no main.cf changed within the last second (it might still be being
    // written): it waits in 300 ms steps until the file is a second old. Ours is complete.
    let written_earlier = std::time::SystemTime::now() - std::time::Duration::from_secs(10);
    std::fs::File::options().write(true).open(&main_cf)?.set_modified(written_earlier)?;
    let stderr_log = dir.join("stderr.log");

    let mut failure = StartFailure::TimedOut;
    for _ in 0..ATTEMPTS {
        let ports = process::free_ports(SETUPS.len())?;
        scratch.write("conf/master.cf", master_cf(&dir, &ports))?;
        let _ = std::fs::remove_file(&layout.log);
        let _ = std::fs::remove_file(dir.join("queue/pid/master.pid"));
        let mut child = process::watched(&master)?
            .arg("-c")
            .arg(dir.join("conf"))
            // In the foreground, as `postfix start-fg` runs it.
            .arg("-s")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr_log)?)
            .spawn()
            .map_err(|e| external::spawn_error(e, "postfix"))?;
        let probes: Vec<Probe> = SETUPS
            .iter()
            .zip(&ports)
            .map(|(s, &port)| Probe::new(std::net::Ipv4Addr::LOCALHOST, port, s.kind, s.config))
            .collect();
        match super::wait_until_serving(&mut child, &probes, &[&layout.log, &stderr_log]) {
            Ok(()) => {
                let cases = SETUPS
                    .iter()
                    .zip(&ports)
                    .map(|(s, &port)| s.case(std::net::Ipv4Addr::LOCALHOST, port, ca_file))
                    .collect();
                return Ok(ExternalServer { program: "postfix", child, cases, _scratch: scratch });
            }
            Err(e) => {
                process::stop(&mut child);
                if !super::port_taken(&e) {
                    return Err(e.into_error("postfix"));
                }
                failure = e;
            }
        }
    }
    Err(failure.into_error("postfix"))
}

/// The `postfix` user and the `postdrop` group.
struct Ids {
    postfix_uid: u32,
    postfix_gid: u32,
    postdrop_gid: u32,
}

impl Ids {
    fn lookup() -> Result<Self, LabError> {
        let missing = |what: &str| {
            LabError::new(format!(
                "there is no {what} (the Debian postfix package makes it; `cargo xtask test` installs it)"
            ))
        };
        let passwd = std::fs::read_to_string("/etc/passwd")?;
        let group = std::fs::read_to_string("/etc/group")?;
        let field = |text: &str, name: &str, index: usize| -> Option<u32> {
            let line = text.lines().find(|l| l.split(':').next() == Some(name))?;
            line.split(':').nth(index)?.parse().ok()
        };
        Ok(Self {
            postfix_uid: field(&passwd, "postfix", 2).ok_or_else(|| missing("postfix user"))?,
            postfix_gid: field(&passwd, "postfix", 3).ok_or_else(|| missing("postfix user"))?,
            postdrop_gid: field(&group, "postdrop", 2).ok_or_else(|| missing("postdrop group"))?,
        })
    }
}

/// The directories Postfix needs, owned as `postfix set-permissions` would make them (only
/// those a server that never queues mail uses).
struct Layout {
    log: PathBuf,
}

impl Layout {
    fn create(dir: &Path, ids: &Ids) -> Result<Self, LabError> {
        let make = |name: &str, mode: u32, owner: Option<(u32, u32)>| -> Result<(), LabError> {
            let path = dir.join(name);
            std::fs::create_dir_all(&path)?;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))?;
            if let Some((uid, gid)) = owner {
                std::os::unix::fs::chown(&path, Some(uid), Some(gid))?;
            }
            Ok(())
        };
        make("conf", 0o755, None)?;
        make("sasl", 0o755, None)?;
        make("queue", 0o755, None)?;
        make("queue/pid", 0o755, None)?;
        // Where master makes the sockets of the internal services (anvil, tlsmgr, postlog…).
        make("queue/private", 0o700, Some((ids.postfix_uid, ids.postfix_gid)))?;
        make("queue/public", 0o710, Some((ids.postfix_uid, ids.postdrop_gid)))?;
        make("data", 0o700, Some((ids.postfix_uid, ids.postfix_gid)))?;
        Ok(Self { log: dir.join("postfix.log") })
    }
}

/// Everything in `dir`; nothing from /etc/postfix but the package's own metadata; no mail
/// accepted for anyone.
fn main_cf(dir: &Path) -> String {
    let dir = dir.display();
    format!(
        r#"# Written by tls-doctor-lab: a Postfix that only greets and offers TLS.
compatibility_level = 3.6
queue_directory = {dir}/queue
data_directory = {dir}/data
daemon_directory = {DAEMON_DIRECTORY}
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = loopback-only
inet_protocols = ipv4
myhostname = mail.lab.test
mydestination =
relay_domains =
local_recipient_maps =
alias_maps =
alias_database =
smtpd_relay_restrictions = reject
smtpd_banner = $myhostname ESMTP Postfix (TLS Doctor lab)
maillog_file = {dir}/postfix.log
maillog_file_prefixes = {dir}
# Postfix 3.7 still accepts TLS 1.0 and 1.1 by default (legacy_protocol_enabled); what
# careful admins set, and Dovecot's default:
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_mandatory_protocols = >=TLSv1.2
cyrus_sasl_config_path = {dir}/sasl
smtpd_sasl_path = smtpd
"#
    )
}

/// One `smtpd` per case, then the internal services smtpd talks to.
fn master_cf(dir: &Path, ports: &[u16]) -> String {
    let mut out =
        String::from("# Written by tls-doctor-lab.\n# service type private unpriv chroot wakeup maxproc command\n");
    for (setup, port) in SETUPS.iter().zip(ports) {
        let config = setup.config;
        let _ = writeln!(out, "127.0.0.1:{port} inet n - n - - smtpd");
        let _ = writeln!(out, "  -o syslog_name=postfix/{}", setup.name);
        let _ = writeln!(out, "  -o myhostname={}", config.host());
        if config.tls() {
            let _ = writeln!(out, "  -o smtpd_tls_security_level=encrypt");
            let _ = writeln!(out, "  -o smtpd_tls_chain_files={}/{}.pem", dir.display(), config.slug());
            if setup.kind == PortKind::Smtps {
                let _ = writeln!(out, "  -o smtpd_tls_wrappermode=yes");
            }
        } else {
            let _ = writeln!(out, "  -o smtpd_tls_security_level=none");
            if setup.kind == PortKind::Submission {
                let _ = writeln!(out, "  -o smtpd_sasl_auth_enable=yes");
                let _ = writeln!(out, "  -o smtpd_tls_auth_only=no");
            }
        }
    }
    out.push_str(
        "postlog unix-dgram n - n - 1 postlogd\n\
         anvil unix - - n - 1 anvil\n\
         tlsmgr unix - - n 1000? 1 tlsmgr\n\
         proxymap unix - - n - - proxymap\n",
    );
    out
}
