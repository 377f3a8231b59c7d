//! A mail lab: Postfix and Dovecot as Debian ships them, each set up five ways — good, expired,
//! wrong host, missing intermediate, and without TLS at all — on every port kind a mail
//! server has: SMTP submission (STARTTLS) and smtps (implicit TLS) from Postfix; IMAP and
//! POP3 (STARTTLS) and imaps and pop3s (implicit TLS) from Dovecot. 2 × 5 + 4 × 5 = 30 cases.
//!
//! - [`postfix`]: one Postfix `master` in the foreground with its own configuration, queue
//!   and data directories, one `smtpd` service per port (each with its own certificate),
//!   on 127.0.0.1.
//! - [`dovecot`]: one `dovecot -F`, each configuration a `local` block for a loopback address
//!   of its own (127.0.0.11 to 127.0.0.15; see there why not 127.0.0.1), on four ports.
//!
//! Neither touches the system's instance (/etc/postfix, /etc/dovecot, /var/spool/postfix):
//! everything they read and write is in a [`ScratchDir`](crate::scratch::ScratchDir). Both run
//! as root (their daemons drop to the `postfix`, `dovecot` and `dovenull` users the Debian
//! packages create) and under the watchdog, so none outlives the test process.
//!
//! The ports are random, so the by-port STARTTLS default of `tls-doctor` cannot apply: every
//! STARTTLS case carries `--starttls smtp|imap|pop3`, every implicit-TLS case `--no-starttls`.

pub mod dovecot;
pub mod postfix;

use std::io::{BufRead, BufReader, Read};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::path::Path;
use std::process::Child;
use std::time::Duration;

use tls_doctor_core::wire::FindingId;

use super::ExternalServer;
use super::process::{self, StartFailure};
use crate::LabError;
use crate::cases::Case;
use crate::pki::{Leaf, Pki, Validity};

/// The kinds of port a mail server listens on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PortKind {
    /// SMTP submission (587): plaintext, upgraded with `STARTTLS`.
    Submission,
    /// SMTP submission over implicit TLS (465).
    Smtps,
    /// IMAP (143): plaintext, upgraded with `STARTTLS`.
    Imap,
    /// IMAP over implicit TLS (993).
    Imaps,
    /// POP3 (110): plaintext, upgraded with `STLS`.
    Pop3,
    /// POP3 over implicit TLS (995).
    Pop3s,
}

impl PortKind {
    /// The `--starttls` protocol of a STARTTLS port; `None` for implicit TLS.
    pub fn starttls(self) -> Option<&'static str> {
        match self {
            Self::Submission => Some("smtp"),
            Self::Imap => Some("imap"),
            Self::Pop3 => Some("pop3"),
            Self::Smtps | Self::Imaps | Self::Pop3s => None,
        }
    }

    /// The protocol spoken on the port, in plaintext or inside TLS.
    pub fn protocol(self) -> &'static str {
        match self {
            Self::Submission | Self::Smtps => "smtp",
            Self::Imap | Self::Imaps => "imap",
            Self::Pop3 | Self::Pop3s => "pop3",
        }
    }

    /// How the server greets in plaintext: SMTP `220`, IMAP `* OK`, POP3 `+OK`.
    pub fn greeting_prefix(self) -> &'static str {
        match self.protocol() {
            "smtp" => "220 ",
            "imap" => "* OK",
            _ => "+OK",
        }
    }

    fn extra_args(self) -> &'static [&'static str] {
        match self {
            Self::Submission => &["--starttls", "smtp"],
            Self::Imap => &["--starttls", "imap"],
            Self::Pop3 => &["--starttls", "pop3"],
            Self::Smtps | Self::Imaps | Self::Pop3s => &["--no-starttls"],
        }
    }
}

/// One way a mail server is set up; every port kind of both servers is set up each way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Config {
    /// Leaf and intermediate, valid, for the name asked.
    Good,
    /// The leaf expired 10 days ago.
    Expired,
    /// The leaf is for other.lab.test.
    WrongHost,
    /// The leaf alone, without its intermediate (its AIA names the lab's AIA server).
    MissingIntermediate,
    /// No TLS at all: STARTTLS ports do not offer it, implicit-TLS ports speak plaintext.
    NoStarttls,
}

impl Config {
    pub const ALL: [Config; 5] =
        [Config::Good, Config::Expired, Config::WrongHost, Config::MissingIntermediate, Config::NoStarttls];

    /// `good`, `expired`, `wrong-host`, `missing-intermediate`, `no-starttls`.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Good => "good",
            Self::Expired => "expired",
            Self::WrongHost => "wrong-host",
            Self::MissingIntermediate => "missing-intermediate",
            Self::NoStarttls => "no-starttls",
        }
    }

    /// The name clients ask for: the same for Postfix and Dovecot.
    pub fn host(self) -> &'static str {
        match self {
            Self::Good => "mail-good.lab.test",
            Self::Expired => "mail-expired.lab.test",
            Self::WrongHost => "mail-wrong-host.lab.test",
            Self::MissingIntermediate => "mail-missing-intermediate.lab.test",
            Self::NoStarttls => "mail-no-starttls.lab.test",
        }
    }

    /// Whether the configuration speaks TLS at all.
    pub fn tls(self) -> bool {
        self != Self::NoStarttls
    }

    /// The finding `tls-doctor` must put first on a port of `kind` set up this way.
    pub fn expected(self, kind: PortKind) -> FindingId {
        match self {
            Self::Good => FindingId::Ok,
            Self::Expired => FindingId::CertExpired,
            Self::WrongHost => FindingId::NameMismatch,
            Self::MissingIntermediate => FindingId::IncompleteChain,
            Self::NoStarttls if kind.starttls().is_some() => FindingId::StarttlsNotOffered,
            Self::NoStarttls => FindingId::WrongProtocolOnPort,
        }
    }

    /// The certificate chain and key served; `None` when the configuration has no TLS.
    pub(crate) fn leaf(self, pki: &Pki) -> Result<Option<Leaf>, LabError> {
        let host = self.host();
        Ok(Some(match self {
            Self::Good => pki.leaf(host, Validity::CURRENT)?,
            Self::Expired => super::expired(pki, host)?,
            Self::WrongHost => super::wrong_host(pki, host)?,
            Self::MissingIntermediate => super::leaf_only(pki, host)?,
            Self::NoStarttls => return Ok(None),
        }))
    }
}

/// One case of the mail lab, before its server runs.
#[derive(Debug)]
pub(crate) struct MailSetup {
    pub name: &'static str,
    pub kind: PortKind,
    pub config: Config,
    pub description: &'static str,
}

impl MailSetup {
    const fn new(name: &'static str, kind: PortKind, config: Config, description: &'static str) -> Self {
        Self { name, kind, config, description }
    }

    pub(crate) fn case(&self, address: Ipv4Addr, port: u16, ca_file: &Path) -> Case {
        Case {
            name: self.name,
            expected: self.config.expected(self.kind),
            description: self.description,
            host: self.config.host(),
            port,
            address: Some(IpAddr::V4(address)),
            ca_file: ca_file.to_owned(),
            extra_args: self.kind.extra_args(),
        }
    }
}

/// What a port must do to count as serving: greet in plaintext with `greeting`, or (implicit
/// TLS) accept and wait for the ClientHello without closing.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Probe {
    pub address: SocketAddr,
    pub greeting: Option<&'static str>,
}

impl Probe {
    pub(crate) fn new(ip: Ipv4Addr, port: u16, kind: PortKind, config: Config) -> Self {
        let plaintext = kind.starttls().is_some() || !config.tls();
        Self { address: SocketAddr::from((ip, port)), greeting: plaintext.then(|| kind.greeting_prefix()) }
    }

    /// One attempt: `true` when the port serves.
    fn serves(&self) -> bool {
        let Ok(stream) = TcpStream::connect_timeout(&self.address, Duration::from_millis(200)) else { return false };
        match self.greeting {
            Some(prefix) => {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let mut line = String::new();
                BufReader::new(stream).read_line(&mut line).is_ok() && line.starts_with(prefix)
            }
            None => {
                // A TLS server says nothing until the ClientHello; a dead service closes.
                let _ = stream.set_read_timeout(Some(Duration::from_millis(100)));
                let mut byte = [0u8; 1];
                matches!((&stream).read(&mut byte), Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut))
            }
        }
    }
}

/// Waits until every probe passes (all probes of a round at once), or the process ends, or
/// time runs out. `logs` say why when the process ends early.
pub(crate) fn wait_until_serving(child: &mut Child, probes: &[Probe], logs: &[&Path]) -> Result<(), StartFailure> {
    process::wait_until(child, probes.to_vec(), logs, |waiting| {
        let served: Vec<bool> = std::thread::scope(|scope| {
            let handles: Vec<_> = waiting.iter().map(|probe| scope.spawn(|| probe.serves())).collect();
            handles.into_iter().map(|h| h.join().unwrap_or(false)).collect()
        });
        let mut served = served.into_iter();
        waiting.retain(|_| !served.next().unwrap_or(false));
    })
}

/// Whether a failed start was a port someone else took first (then a retry with fresh ports
/// helps).
pub(crate) fn port_taken(failure: &StartFailure) -> bool {
    matches!(failure, StartFailure::Exited(log) if log.contains("Address already in use"))
}

/// Starts Postfix and Dovecot at once; returns when every port of every one serves.
pub fn start(pki: &Pki, ca_file: &Path) -> Result<Vec<ExternalServer>, LabError> {
    let (postfix, dovecot) = std::thread::scope(|scope| {
        let postfix = scope.spawn(|| postfix::start(pki, ca_file));
        let dovecot = dovecot::start(pki, ca_file);
        (postfix.join().unwrap_or_else(|_| Err(LabError::new("starting Postfix panicked"))), dovecot)
    });
    Ok(vec![postfix?, dovecot?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_configuration_on_every_port_kind_once() {
        let all: Vec<&MailSetup> = postfix::SETUPS.iter().chain(dovecot::SETUPS.iter()).collect();
        assert_eq!(all.len(), 30);
        for (i, s) in all.iter().enumerate() {
            assert!(all[..i].iter().all(|o| o.name != s.name), "{} twice", s.name);
            assert!(all[..i].iter().all(|o| (o.kind, o.config) != (s.kind, s.config)), "{} twice", s.name);
            assert!(s.name.ends_with(s.config.slug()), "{} is not named for {:?}", s.name, s.config);
        }
    }

    #[test]
    fn starttls_cases_name_their_protocol_and_implicit_ones_refuse_it() {
        let case = postfix::SETUPS[0].case(Ipv4Addr::LOCALHOST, 2587, Path::new("root.pem"));
        assert_eq!(case.name, "postfix-submission-good");
        assert_eq!(case.extra_args, ["--starttls", "smtp"]);
        let case = dovecot::SETUPS[1].case(Ipv4Addr::new(127, 0, 0, 11), 2993, Path::new("root.pem"));
        assert_eq!(case.name, "dovecot-imaps-good");
        assert_eq!(case.extra_args, ["--no-starttls"]);
    }
}
