//! The hostile cases (issue 12): every way the lab's attacker servers (`servers::hostile`)
//! misbehave, the `tls-doctor` command that meets each, and what it must report — one
//! declaration per case in [`CASES`], its expectation beside it.
//!
//! A [`HostileLab`] starts the servers of one [`Group`] at a time, on demand: the groups that
//! need port 443 (autoconfig) or port 53 and a private mount namespace (the system's resolver)
//! say so when they cannot start, and the others never wait for them.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::Duration;

use tls_doctor_core::wire::FindingId;
use tokio::runtime::Runtime;

use crate::LabError;
use crate::pki::{Pki, Urls};
use crate::scratch::ScratchDir;
use crate::servers::dns::{DnsServer, Rec};
use crate::servers::hostile::dns::SilentDns;
use crate::servers::hostile::starttls_port::{self, StarttlsPort};
use crate::servers::hostile::tls_port::{self, SEED_HIGH_FIRST_BYTE, SEED_LOW_FIRST_BYTE, TlsPort};
use crate::servers::hostile::web::{self, Misbehaviour};
use crate::servers::{self, tls};

/// The `--timeout` of every case, in seconds: short, so that the whole table runs in well
/// under a minute, and long enough for a healthy check on a loaded two-core machine.
pub const DEADLINE_SECS: u64 = 3;
/// The CRL cases' `--timeout`: the CRL download has a budget of its own (5 s, the host's
/// `CRL_BUDGET`), and an endless CRL gets all of it, as it would in a real check.
pub const CRL_DEADLINE_SECS: u64 = 6;

/// The zone of the hostile names (`autoconfig.NAME.hostile.lab.test`, `silent-dns.hostile.lab.test`).
pub const ZONE: &str = "hostile.lab.test";

/// Which servers a case needs, and so which test runs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    /// What answers the ClientHello.
    TlsPort,
    /// The plaintext dialogue before STARTTLS.
    StarttlsPort,
    /// The leaf's caIssuers URL (its issuer is not served).
    Aia,
    /// The leaf's OCSP responder.
    Ocsp,
    /// The leaf's CRL distribution point.
    Crl,
    /// The captive-portal check URL (`--portal-url`), asked because the port is closed.
    Portal,
    /// The mail autoconfig server (HTTPS on 127.5.x.y:443: root).
    Autoconfig,
    /// A nameserver that never answers, given with `mail --dns-server`.
    Dns,
    /// A nameserver that never answers, as the system's resolver (port 53 and a private mount
    /// namespace: root).
    SystemDns,
}

/// What a case's server does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Server {
    Tls(TlsPort),
    /// A rustls server presenting a leaf of at least this many bytes (thousands of names).
    HugeLeaf {
        bytes: usize,
    },
    /// A rustls server presenting this many certificates, about this many bytes in all.
    Chain {
        certificates: usize,
        bytes: usize,
    },
    Starttls(StarttlsPort),
    /// A web server misbehaving so, where the group says (AIA, OCSP, CRL, portal, autoconfig).
    Web(Misbehaviour),
    /// The silent nameserver, asked by this command.
    SilentDns(Asker),
    /// A nameserver that answers a mail domain's SRV records (one IMAP server) and never an
    /// address: discovery finds the server, the check cannot resolve it.
    NoAddresses,
}

/// Which command asks the silent nameserver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asker {
    Check,
    Mail,
}

/// What the run must report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// `findings[0].id` of `check --json`.
    Finding(FindingId),
    /// `findings[0].id` of `check --json` and the outcome of the fetch the group names (the
    /// AIA fetch, the revocation check, the portal check), as one of these pairs: the evidence
    /// records how the fetch failed, and the finding follows from it.
    Fetch(&'static [(FindingId, &'static str)]),
    /// `mail --json`: every lookup of the group's kind (the autoconfig URL; the SRV and MX
    /// queries) ended in one of `outcomes` (`failed:timed_out`: the outcome, and for a failure
    /// its error).
    Lookups { outcomes: &'static [&'static str] },
    /// `mail --json`: `servers[0].diagnosis.findings[0].id`, the first checked server's finding.
    MailServer(FindingId),
}

/// One case, declared.
#[derive(Debug)]
pub struct Definition {
    pub name: &'static str,
    pub group: Group,
    pub server: Server,
    pub expected: Expected,
    pub description: &'static str,
}

/// A started case: the command that meets the server, and what it must report.
#[derive(Clone, Debug)]
pub struct HostileCase {
    pub name: &'static str,
    pub group: Group,
    pub expected: Expected,
    pub description: &'static str,
    /// `tls-doctor`'s arguments (`--json` included).
    pub args: Vec<String>,
    /// The server `check` connects to (name, port on 127.0.0.1), for other ways of asking it
    /// (the native-messaging tests); `None` for `mail`.
    pub target: Option<(String, u16)>,
    /// Run in a private mount namespace whose /etc/resolv.conf is this file.
    pub resolv_conf: Option<PathBuf>,
    /// The command's `--timeout`.
    pub deadline: Duration,
}

impl Group {
    /// The `--timeout` of the group's cases.
    pub fn deadline(self) -> Duration {
        Duration::from_secs(if self == Group::Crl { CRL_DEADLINE_SECS } else { DEADLINE_SECS })
    }
}

impl HostileCase {
    /// The command to run with `bin` as `tls-doctor`.
    pub fn command(&self, bin: &Path) -> Command {
        match &self.resolv_conf {
            None => {
                let mut c = Command::new(bin);
                c.args(&self.args);
                c
            }
            Some(resolv) => {
                let mut c = Command::new("unshare");
                // Only this process sees the bind mounts; `exec` keeps its PID, so the watcher
                // measures tls-doctor itself. nsswitch.conf too, so that names go to DNS (after
                // /etc/hosts) whatever the machine's own says.
                c.args(["--mount", "--propagation", "private", "sh", "-c"])
                    .arg(
                        "set -eu\nmount --bind \"$RESOLV\" /etc/resolv.conf\n\
                         mount --bind \"$NSSWITCH\" /etc/nsswitch.conf\nexec \"$@\"",
                    )
                    .arg("sh")
                    .arg(bin)
                    .args(&self.args)
                    .env("RESOLV", resolv)
                    .env("NSSWITCH", resolv.with_file_name("nsswitch.conf"));
                c
            }
        }
    }
}

/// Chunk sizes that overflow `size + 2` (and `size` itself, on 32-bit targets).
const CHUNK_MAX: &str = "ffffffffffffffff";
const CHUNK_MAX_LESS_ONE: &str = "fffffffffffffffe";

/// The two leaves too large for TLS software: the issue's ~830 KB (kept by the TLS 1.2 version
/// probe, which reads up to a megabyte of chain) and ~100 KB, just past TLS software's 64 KiB.
pub const HUGE_LEAF_BYTES: usize = 830_000;
pub const LARGE_LEAF_BYTES: usize = 100_000;
/// A chain of many small certificates, within TLS software's 64 KiB.
pub const MANY_CERTIFICATES: usize = 100;
/// A chain of about a megabyte (the host keeps at most 1 MB of a chain).
pub const MEGABYTE_CHAIN: (usize, usize) = (1000, 1_000_000);

/// Every hostile case. The expectations are what a host that survives the attack reports:
/// some fail until the fixes of issue 12 land, and say which defect they show.
pub const CASES: &[Definition] = &[
    // ── What answers the ClientHello. ──
    Definition {
        name: "silent",
        group: Group::TlsPort,
        server: Server::Tls(TlsPort::Silent),
        expected: Expected::Finding(FindingId::TimeoutFiltered),
        description: "accepts the connection and never says a word",
    },
    Definition {
        name: "trickle",
        group: Group::TlsPort,
        server: Server::Tls(TlsPort::Trickle),
        expected: Expected::Finding(FindingId::TimeoutFiltered),
        description: "answers with the start of a ServerHello, one byte a second",
    },
    Definition {
        name: "garbage-low",
        group: Group::TlsPort,
        server: Server::Tls(TlsPort::Garbage { seed: SEED_LOW_FIRST_BYTE, bytes: 4096 }),
        expected: Expected::Finding(FindingId::WrongProtocolOnPort),
        description: "answers with 4 KiB of noise whose first byte is below 0x80, then closes",
    },
    Definition {
        name: "garbage-high",
        group: Group::TlsPort,
        server: Server::Tls(TlsPort::Garbage { seed: SEED_HIGH_FIRST_BYTE, bytes: 4096 }),
        expected: Expected::Finding(FindingId::WrongProtocolOnPort),
        description: "answers with 4 KiB of noise whose first byte is 0x80 or above (an SSL 2.0 header?), then closes",
    },
    Definition {
        name: "garbage-endless",
        group: Group::TlsPort,
        server: Server::Tls(TlsPort::GarbageEndless { seed: SEED_LOW_FIRST_BYTE }),
        expected: Expected::Finding(FindingId::WrongProtocolOnPort),
        description: "answers with noise as fast as it is read, forever",
    },
    Definition {
        name: "reset",
        group: Group::TlsPort,
        server: Server::Tls(TlsPort::ResetAtOnce),
        expected: Expected::Finding(FindingId::ConnectionReset),
        description: "resets every connection as soon as it is accepted",
    },
    Definition {
        name: "fatal-alert",
        group: Group::TlsPort,
        server: Server::Tls(TlsPort::FatalAlert),
        expected: Expected::Finding(FindingId::NoCipherOverlap),
        description: "answers every ClientHello with a fatal handshake_failure alert",
    },
    Definition {
        name: "many-certificates",
        group: Group::TlsPort,
        server: Server::Chain { certificates: MANY_CERTIFICATES, bytes: 50_000 },
        expected: Expected::Finding(FindingId::ChainTooLong),
        description: "sends 100 certificates (50 KB)",
    },
    Definition {
        name: "megabyte-chain",
        group: Group::TlsPort,
        server: Server::Chain { certificates: MEGABYTE_CHAIN.0, bytes: MEGABYTE_CHAIN.1 },
        // The size is why the handshake fails (rustls reads 64 KiB), before the count matters.
        expected: Expected::Finding(FindingId::CertificateTooLarge),
        description: "sends 1000 certificates, 1 MB in all",
    },
    Definition {
        name: "large-leaf",
        group: Group::TlsPort,
        server: Server::HugeLeaf { bytes: LARGE_LEAF_BYTES },
        expected: Expected::Finding(FindingId::CertificateTooLarge),
        description: "sends a leaf of 100 KB (thousands of names), beyond TLS software's 64 KiB",
    },
    Definition {
        name: "huge-leaf",
        group: Group::TlsPort,
        server: Server::HugeLeaf { bytes: HUGE_LEAF_BYTES },
        expected: Expected::Finding(FindingId::CertificateTooLarge),
        description: "sends a leaf of 830 KB (tens of thousands of names)",
    },
    // ── The plaintext dialogue before STARTTLS. ──
    Definition {
        name: "endless-banner",
        group: Group::StarttlsPort,
        server: Server::Starttls(StarttlsPort::EndlessBanner),
        expected: Expected::Finding(FindingId::StarttlsFailed),
        description: "SMTP: a multi-line greeting that never ends",
    },
    Definition {
        name: "endless-ehlo",
        group: Group::StarttlsPort,
        server: Server::Starttls(StarttlsPort::EndlessEhlo),
        expected: Expected::Finding(FindingId::StarttlsFailed),
        description: "SMTP: an EHLO answer that never ends",
    },
    Definition {
        name: "endless-capability",
        group: Group::StarttlsPort,
        server: Server::Starttls(StarttlsPort::EndlessCapability),
        expected: Expected::Finding(FindingId::StarttlsFailed),
        description: "IMAP: an answer to CAPABILITY that never ends",
    },
    Definition {
        name: "endless-line",
        group: Group::StarttlsPort,
        server: Server::Starttls(StarttlsPort::EndlessLine),
        expected: Expected::Finding(FindingId::StarttlsFailed),
        description: "SMTP: a greeting line without CRLF that never ends",
    },
    Definition {
        name: "starttls-refused",
        group: Group::StarttlsPort,
        server: Server::Starttls(StarttlsPort::SmtpRefused),
        expected: Expected::Finding(FindingId::StarttlsFailed),
        description: "SMTP: advertises STARTTLS, answers it 454",
    },
    Definition {
        name: "starttls-cut-smtp",
        group: Group::StarttlsPort,
        server: Server::Starttls(StarttlsPort::SmtpCut),
        expected: Expected::Finding(FindingId::StarttlsFailed),
        description: "SMTP: advertises STARTTLS, closes the connection when asked",
    },
    Definition {
        name: "starttls-cut-imap",
        group: Group::StarttlsPort,
        server: Server::Starttls(StarttlsPort::ImapCut),
        expected: Expected::Finding(FindingId::StarttlsFailed),
        description: "IMAP: advertises STARTTLS, closes the connection when asked",
    },
    // ── The AIA caIssuers URL of a leaf served without its issuer. ──
    Definition {
        name: "aia-endless",
        group: Group::Aia,
        server: Server::Web(Misbehaviour::Endless),
        expected: Expected::Fetch(&[(FindingId::IncompleteChain, "too_large")]),
        description: "the caIssuers URL answers 200 and bytes forever",
    },
    Definition {
        name: "aia-redirect-loop",
        group: Group::Aia,
        server: Server::Web(Misbehaviour::RedirectLoop),
        expected: Expected::Fetch(&[(FindingId::IncompleteChain, "http_status")]),
        description: "the caIssuers URL redirects, and the next, forever",
    },
    Definition {
        name: "aia-trickle",
        group: Group::Aia,
        server: Server::Web(Misbehaviour::Trickle),
        expected: Expected::Fetch(&[(FindingId::IncompleteChain, "timed_out")]),
        description: "the caIssuers URL answers one byte a second",
    },
    Definition {
        name: "aia-chunk-max",
        group: Group::Aia,
        server: Server::Web(Misbehaviour::ChunkOverflow(CHUNK_MAX)),
        expected: Expected::Fetch(&[(FindingId::IncompleteChain, "failed"), (FindingId::IncompleteChain, "too_large")]),
        description: "the caIssuers URL answers with a chunk of ffffffffffffffff bytes",
    },
    Definition {
        name: "aia-chunk-max-less-one",
        group: Group::Aia,
        server: Server::Web(Misbehaviour::ChunkOverflow(CHUNK_MAX_LESS_ONE)),
        expected: Expected::Fetch(&[(FindingId::IncompleteChain, "failed"), (FindingId::IncompleteChain, "too_large")]),
        description: "the caIssuers URL answers with a chunk of fffffffffffffffe bytes",
    },
    Definition {
        name: "aia-endless-chunks",
        group: Group::Aia,
        server: Server::Web(Misbehaviour::EndlessChunks),
        expected: Expected::Fetch(&[(FindingId::IncompleteChain, "too_large")]),
        description: "the caIssuers URL answers in 1 KiB chunks, forever",
    },
    // ── The leaf's OCSP responder (its only revocation source). ──
    Definition {
        name: "ocsp-endless",
        group: Group::Ocsp,
        server: Server::Web(Misbehaviour::Endless),
        expected: Expected::Fetch(&[(FindingId::RevocationUnavailable, "unusable")]),
        description: "the OCSP responder answers 200 and bytes forever",
    },
    Definition {
        name: "ocsp-redirect-loop",
        group: Group::Ocsp,
        server: Server::Web(Misbehaviour::RedirectLoop),
        expected: Expected::Fetch(&[(FindingId::RevocationUnavailable, "http_status")]),
        description: "the OCSP responder redirects, and the next, forever",
    },
    Definition {
        name: "ocsp-trickle",
        group: Group::Ocsp,
        server: Server::Web(Misbehaviour::Trickle),
        expected: Expected::Fetch(&[(FindingId::RevocationUnavailable, "timed_out")]),
        description: "the OCSP responder answers one byte a second",
    },
    Definition {
        name: "ocsp-chunk-max",
        group: Group::Ocsp,
        server: Server::Web(Misbehaviour::ChunkOverflow(CHUNK_MAX)),
        expected: Expected::Fetch(&[
            (FindingId::RevocationUnavailable, "failed"),
            (FindingId::RevocationUnavailable, "unusable"),
        ]),
        description: "the OCSP responder answers with a chunk of ffffffffffffffff bytes",
    },
    Definition {
        name: "ocsp-chunk-max-less-one",
        group: Group::Ocsp,
        server: Server::Web(Misbehaviour::ChunkOverflow(CHUNK_MAX_LESS_ONE)),
        expected: Expected::Fetch(&[
            (FindingId::RevocationUnavailable, "failed"),
            (FindingId::RevocationUnavailable, "unusable"),
        ]),
        description: "the OCSP responder answers with a chunk of fffffffffffffffe bytes",
    },
    Definition {
        name: "ocsp-endless-chunks",
        group: Group::Ocsp,
        server: Server::Web(Misbehaviour::EndlessChunks),
        expected: Expected::Fetch(&[(FindingId::RevocationUnavailable, "unusable")]),
        description: "the OCSP responder answers in 1 KiB chunks, forever",
    },
    // ── The leaf's CRL distribution point (its only revocation source). ──
    Definition {
        name: "crl-endless",
        group: Group::Crl,
        server: Server::Web(Misbehaviour::Endless),
        expected: Expected::Fetch(&[(FindingId::RevocationUnavailable, "unusable")]),
        description: "the CRL URL answers 200 and bytes forever",
    },
    Definition {
        name: "crl-redirect-loop",
        group: Group::Crl,
        server: Server::Web(Misbehaviour::RedirectLoop),
        expected: Expected::Fetch(&[(FindingId::RevocationUnavailable, "http_status")]),
        description: "the CRL URL redirects, and the next, forever",
    },
    Definition {
        name: "crl-trickle",
        group: Group::Crl,
        server: Server::Web(Misbehaviour::Trickle),
        expected: Expected::Fetch(&[(FindingId::RevocationUnavailable, "timed_out")]),
        description: "the CRL URL answers one byte a second",
    },
    Definition {
        name: "crl-chunk-max",
        group: Group::Crl,
        server: Server::Web(Misbehaviour::ChunkOverflow(CHUNK_MAX)),
        expected: Expected::Fetch(&[
            (FindingId::RevocationUnavailable, "failed"),
            (FindingId::RevocationUnavailable, "unusable"),
        ]),
        description: "the CRL URL answers with a chunk of ffffffffffffffff bytes",
    },
    Definition {
        name: "crl-chunk-max-less-one",
        group: Group::Crl,
        server: Server::Web(Misbehaviour::ChunkOverflow(CHUNK_MAX_LESS_ONE)),
        expected: Expected::Fetch(&[
            (FindingId::RevocationUnavailable, "failed"),
            (FindingId::RevocationUnavailable, "unusable"),
        ]),
        description: "the CRL URL answers with a chunk of fffffffffffffffe bytes",
    },
    Definition {
        name: "crl-endless-chunks",
        group: Group::Crl,
        server: Server::Web(Misbehaviour::EndlessChunks),
        expected: Expected::Fetch(&[(FindingId::RevocationUnavailable, "unusable")]),
        description: "the CRL URL answers in 1 KiB chunks, forever",
    },
    // ── The captive-portal check URL, asked because the port is closed. ──
    Definition {
        name: "portal-endless",
        group: Group::Portal,
        server: Server::Web(Misbehaviour::Endless),
        expected: Expected::Fetch(&[(FindingId::CaptivePortal, "replaced")]),
        description: "the check URL answers 200 and bytes forever",
    },
    Definition {
        name: "portal-redirect-loop",
        group: Group::Portal,
        server: Server::Web(Misbehaviour::RedirectLoop),
        expected: Expected::Fetch(&[(FindingId::CaptivePortal, "redirected")]),
        description: "the check URL redirects, and the next, forever",
    },
    Definition {
        name: "portal-trickle",
        group: Group::Portal,
        server: Server::Web(Misbehaviour::Trickle),
        expected: Expected::Fetch(&[(FindingId::PortClosed, "timed_out")]),
        description: "the check URL answers one byte a second",
    },
    Definition {
        name: "portal-chunk-max",
        group: Group::Portal,
        server: Server::Web(Misbehaviour::ChunkOverflow(CHUNK_MAX)),
        expected: Expected::Fetch(&[(FindingId::CaptivePortal, "replaced"), (FindingId::PortClosed, "failed")]),
        description: "the check URL answers with a chunk of ffffffffffffffff bytes",
    },
    Definition {
        name: "portal-chunk-max-less-one",
        group: Group::Portal,
        server: Server::Web(Misbehaviour::ChunkOverflow(CHUNK_MAX_LESS_ONE)),
        expected: Expected::Fetch(&[(FindingId::CaptivePortal, "replaced"), (FindingId::PortClosed, "failed")]),
        description: "the check URL answers with a chunk of fffffffffffffffe bytes",
    },
    Definition {
        name: "portal-endless-chunks",
        group: Group::Portal,
        server: Server::Web(Misbehaviour::EndlessChunks),
        expected: Expected::Fetch(&[(FindingId::CaptivePortal, "replaced")]),
        description: "the check URL answers in 1 KiB chunks, forever",
    },
    // ── The mail autoconfig server (https://autoconfig.DOMAIN/…). ──
    Definition {
        name: "autoconfig-endless",
        group: Group::Autoconfig,
        server: Server::Web(Misbehaviour::Endless),
        expected: Expected::Lookups { outcomes: &["failed:too_large"] },
        description: "the autoconfig server answers 200 and bytes forever",
    },
    Definition {
        name: "autoconfig-redirect-loop",
        group: Group::Autoconfig,
        server: Server::Web(Misbehaviour::RedirectLoop),
        expected: Expected::Lookups { outcomes: &["failed:http_status"] },
        description: "the autoconfig server redirects, and the next, forever",
    },
    Definition {
        name: "autoconfig-trickle",
        group: Group::Autoconfig,
        server: Server::Web(Misbehaviour::Trickle),
        expected: Expected::Lookups { outcomes: &["failed:timed_out"] },
        description: "the autoconfig server answers one byte a second",
    },
    Definition {
        name: "autoconfig-chunk-max",
        group: Group::Autoconfig,
        server: Server::Web(Misbehaviour::ChunkOverflow(CHUNK_MAX)),
        expected: Expected::Lookups { outcomes: &["failed:other", "failed:too_large"] },
        description: "the autoconfig server answers with a chunk of ffffffffffffffff bytes",
    },
    Definition {
        name: "autoconfig-chunk-max-less-one",
        group: Group::Autoconfig,
        server: Server::Web(Misbehaviour::ChunkOverflow(CHUNK_MAX_LESS_ONE)),
        expected: Expected::Lookups { outcomes: &["failed:other", "failed:too_large"] },
        description: "the autoconfig server answers with a chunk of fffffffffffffffe bytes",
    },
    Definition {
        name: "autoconfig-endless-chunks",
        group: Group::Autoconfig,
        server: Server::Web(Misbehaviour::EndlessChunks),
        expected: Expected::Lookups { outcomes: &["failed:too_large"] },
        description: "the autoconfig server answers in 1 KiB chunks, forever",
    },
    // ── A nameserver that never answers. ──
    Definition {
        name: "dns-silent-mail",
        group: Group::Dns,
        server: Server::SilentDns(Asker::Mail),
        expected: Expected::Lookups { outcomes: &["failed:timed_out", "failed:dns_error"] },
        description: "`mail --dns-server` names a nameserver that reads every query and answers none",
    },
    Definition {
        name: "system-dns-silent-check",
        group: Group::SystemDns,
        server: Server::SilentDns(Asker::Check),
        expected: Expected::Finding(FindingId::DnsFailure),
        description: "`check`: the system's only nameserver reads every query and answers none",
    },
    Definition {
        name: "system-dns-silent-mail",
        group: Group::SystemDns,
        server: Server::SilentDns(Asker::Mail),
        expected: Expected::Lookups { outcomes: &["failed:timed_out", "failed:dns_error"] },
        description: "`mail`: the system's only nameserver reads every query and answers none",
    },
    Definition {
        name: "system-dns-no-addresses-mail",
        group: Group::SystemDns,
        server: Server::NoAddresses,
        expected: Expected::MailServer(FindingId::DnsFailure),
        description: "`mail`: the system's nameserver names an IMAP server (SRV) and never answers for its address",
    },
];

/// The servers of the hostile cases, started a group at a time; they stop when the lab drops.
#[derive(Debug)]
pub struct HostileLab {
    pki: Pki,
    ca_file: PathBuf,
    /// Nameservers for the autoconfig groups (they own their runtimes).
    dns: Mutex<Vec<DnsServer>>,
    /// The silent nameservers started, to ask how many queries they saw.
    silent: Mutex<Vec<SilentDns>>,
    // Fields drop in declaration order: the servers first, then the files they read.
    runtime: Runtime,
    scratch: ScratchDir,
}

impl HostileLab {
    pub fn start() -> Result<Self, LabError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("tls-doctor-lab-hostile")
            .enable_all()
            .build()?;
        let scratch = ScratchDir::new("tls-doctor-lab-hostile")?;
        // The intermediate's default caIssuers URL is never used: every hostile leaf names its
        // own URLs, or none.
        let pki = Pki::generate("http://127.0.0.1:9/unused.der")?;
        let ca_file = scratch.write("lab-root.pem", pki.root_pem())?;
        Ok(Self { pki, ca_file, dns: Mutex::new(Vec::new()), silent: Mutex::new(Vec::new()), runtime, scratch })
    }

    pub fn pki(&self) -> &Pki {
        &self.pki
    }

    /// The lab root, for `--ca-file`.
    pub fn ca_file(&self) -> &Path {
        &self.ca_file
    }

    pub fn handle(&self) -> &tokio::runtime::Handle {
        self.runtime.handle()
    }

    /// Starts the servers of every case of `group`; the cases, in [`CASES`] order.
    pub fn start_group(&self, group: Group) -> Result<Vec<HostileCase>, LabError> {
        let definitions: Vec<&Definition> = CASES.iter().filter(|d| d.group == group).collect();
        match group {
            Group::Autoconfig => self.start_autoconfig(&definitions),
            Group::SystemDns => self.start_system_dns(&definitions),
            _ => definitions.iter().map(|d| self.start_one(d)).collect(),
        }
        .map_err(|e| e.context(format!("starting the hostile {group:?} servers")))
    }

    /// How many queries the silent nameservers have seen, together.
    pub fn silent_dns_queries(&self) -> usize {
        self.silent.lock().map(|s| s.iter().map(SilentDns::queries).sum()).unwrap_or(0)
    }

    /// A TLS server with a healthy leaf for `host`; its port.
    pub fn healthy(&self, host: &str) -> Result<u16, LabError> {
        let leaf = self.pki.leaf_with_urls(host, Urls::default(), true)?;
        Ok(tls::spawn(self.handle(), tls::single(&leaf)?)?)
    }

    fn start_one(&self, d: &Definition) -> Result<HostileCase, LabError> {
        let handle = self.handle();
        let host = format!("{}.{ZONE}", d.name);
        let mut target = None;
        let mut check = |port: u16, extra: &[&str]| {
            target = Some((host.clone(), port));
            let mut args = vec!["check".to_owned(), format!("{host}:{port}"), "--address".into(), "127.0.0.1".into()];
            args.extend(["--ca-file".into(), self.ca_file.display().to_string()]);
            args.extend(timeout_args(d.group));
            args.extend(extra.iter().map(|a| (*a).to_owned()));
            args.push("--json".into());
            args
        };
        let args = match (d.group, d.server) {
            (_, Server::Tls(behaviour)) => check(tls_port::spawn(handle, behaviour)?, &["--no-local-probes"]),
            (_, Server::HugeLeaf { bytes }) => {
                let leaf = self.pki.huge_leaf(&host, bytes)?;
                check(tls::spawn(handle, tls::single(&leaf)?)?, &["--no-local-probes"])
            }
            (_, Server::Chain { certificates, bytes }) => {
                let leaf = self.pki.padded_chain(&host, certificates, bytes)?;
                check(tls::spawn(handle, tls::single(&leaf)?)?, &["--no-local-probes"])
            }
            (_, Server::Starttls(behaviour)) => {
                let port = starttls_port::spawn(handle, behaviour)?;
                check(port, &["--starttls", behaviour.protocol(), "--no-local-probes"])
            }
            (Group::Aia | Group::Ocsp | Group::Crl, Server::Web(behaviour)) => {
                let url = format!("http://127.0.0.1:{}/{}", web::spawn_http(handle, behaviour)?, d.name);
                let (urls, with_intermediate) = match d.group {
                    Group::Aia => (Urls { ca_issuers: Some(&url), ..Urls::default() }, false),
                    Group::Ocsp => (Urls { ocsp: Some(&url), ..Urls::default() }, true),
                    _ => (Urls { crl: Some(&url), ..Urls::default() }, true),
                };
                let leaf = self.pki.leaf_with_urls(&host, urls, with_intermediate)?;
                check(tls::spawn(handle, tls::single(&leaf)?)?, &["--no-local-probes"])
            }
            (Group::Portal, Server::Web(behaviour)) => {
                let url = format!("http://127.0.0.1:{}/generate_204", web::spawn_http(handle, behaviour)?);
                // A closed port calls for the portal check; SNTP and the canary stay off.
                check(servers::closed_port()?, &["--portal-url", &url, "--ntp-server", "", "--canary", ""])
            }
            (_, Server::SilentDns(Asker::Mail)) => {
                let dns = SilentDns::start(handle)?;
                let args =
                    mail_args(d.group, &format!("someone@{host}"), Some(&dns.address().to_string()), &self.ca_file);
                self.keep_silent(dns);
                args
            }
            (group, server) => {
                return Err(LabError::new(format!("{}: no way to start {server:?} in {group:?}", d.name)));
            }
        };
        let mut case = self.case(d, args, None);
        case.target = target;
        Ok(case)
    }

    /// One HTTPS server on 127.5.x.y:443 per case, for `autoconfig.NAME.hostile.lab.test`, and
    /// one nameserver that points each name at its server.
    fn start_autoconfig(&self, definitions: &[&Definition]) -> Result<Vec<HostileCase>, LabError> {
        let mut records = Vec::new();
        let mut started = Vec::new();
        for d in definitions {
            let Server::Web(behaviour) = d.server else {
                return Err(LabError::new(format!("{}: an autoconfig case needs a web server", d.name)));
            };
            let domain = format!("{}.{ZONE}", d.name);
            let name = format!("autoconfig.{domain}");
            let leaf = self.pki.leaf_with_urls(&name, Urls::default(), true)?;
            let ip = web::spawn_https_443(self.handle(), &leaf, behaviour)?;
            records.push(Rec::A { name, address: ip });
            started.push((d, domain));
        }
        let dns = DnsServer::start(ZONE, &records)?;
        let server = dns.address().to_string();
        let cases = started
            .into_iter()
            .map(|(d, domain)| {
                self.case(d, mail_args(d.group, &format!("someone@{domain}"), Some(&server), &self.ca_file), None)
            })
            .collect();
        self.dns.lock().map_err(|_| LabError::new("the lab's lock is poisoned"))?.push(dns);
        Ok(cases)
    }

    /// Nameservers on 127.53.x.y:53 (one silent, one silent for addresses only), and a
    /// resolv.conf naming each.
    fn start_system_dns(&self, definitions: &[&Definition]) -> Result<Vec<HostileCase>, LabError> {
        self.scratch.write("nsswitch.conf", "hosts: files dns\n")?;
        let silent = SilentDns::start_on_port_53(self.handle(), None)?;
        let silent_conf =
            self.scratch.write("resolv-silent.conf", format!("nameserver {}\n", silent.address().ip()))?;
        self.keep_silent(silent);
        definitions
            .iter()
            .map(|d| {
                let host = format!("{}.{ZONE}", d.name);
                let (args, resolv) = match d.server {
                    Server::SilentDns(Asker::Check) => {
                        let mut args = vec!["check".to_owned(), host];
                        args.extend(timeout_args(d.group));
                        args.extend(["--no-local-probes".into(), "--json".into()]);
                        (args, silent_conf.clone())
                    }
                    Server::SilentDns(Asker::Mail) => {
                        (mail_args(d.group, &format!("someone@{host}"), None, &self.ca_file), silent_conf.clone())
                    }
                    Server::NoAddresses => {
                        let imap = format!("imap.{host}");
                        let records = [
                            Rec::Srv {
                                name: format!("_imaps._tcp.{host}"),
                                priority: 0,
                                weight: 1,
                                port: 993,
                                target: imap.clone(),
                            },
                            Rec::A { name: imap, address: std::net::Ipv4Addr::LOCALHOST },
                        ];
                        let zone = DnsServer::start(ZONE, &records)?;
                        let mute = SilentDns::start_on_port_53(self.handle(), Some(zone.address()))?;
                        let conf = format!("resolv-{}.conf", d.name);
                        let conf = self.scratch.write(&conf, format!("nameserver {}\n", mute.address().ip()))?;
                        self.keep_silent(mute);
                        self.dns.lock().map_err(|_| LabError::new("the lab's lock is poisoned"))?.push(zone);
                        (mail_args(d.group, &format!("someone@{host}"), None, &self.ca_file), conf)
                    }
                    other => return Err(LabError::new(format!("{}: {other:?} is not a nameserver", d.name))),
                };
                Ok(self.case(d, args, Some(resolv)))
            })
            .collect()
    }

    fn keep_silent(&self, dns: SilentDns) {
        if let Ok(mut kept) = self.silent.lock() {
            kept.push(dns);
        }
    }

    fn case(&self, d: &Definition, args: Vec<String>, resolv_conf: Option<PathBuf>) -> HostileCase {
        HostileCase {
            name: d.name,
            group: d.group,
            expected: d.expected,
            description: d.description,
            args,
            target: None,
            resolv_conf,
            deadline: d.group.deadline(),
        }
    }
}

fn timeout_args(group: Group) -> [String; 2] {
    ["--timeout".to_owned(), group.deadline().as_secs().to_string()]
}

/// `mail ADDRESS [--dns-server S] --ca-file F --timeout T --json`.
fn mail_args(group: Group, address: &str, dns_server: Option<&str>, ca_file: &Path) -> Vec<String> {
    let mut args = vec!["mail".to_owned(), address.to_owned()];
    if let Some(server) = dns_server {
        args.extend(["--dns-server".to_owned(), server.to_owned()]);
    }
    args.extend(["--ca-file".to_owned(), ca_file.display().to_string()]);
    args.extend(timeout_args(group));
    // Nothing leaves the machine: no SNTP query.
    args.extend(["--no-local-probes".to_owned(), "--json".to_owned()]);
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_every_group_has_cases() {
        for (i, d) in CASES.iter().enumerate() {
            assert!(CASES[..i].iter().all(|e| e.name != d.name), "{} twice", d.name);
        }
        for group in [
            Group::TlsPort,
            Group::StarttlsPort,
            Group::Aia,
            Group::Ocsp,
            Group::Crl,
            Group::Portal,
            Group::Autoconfig,
            Group::Dns,
            Group::SystemDns,
        ] {
            assert!(CASES.iter().any(|d| d.group == group), "{group:?}");
        }
    }

    #[test]
    fn descriptions_state_the_sizes_the_lab_uses() {
        let description = |name| CASES.iter().find(|d| d.name == name).unwrap().description;
        assert!(description("huge-leaf").contains(&format!("{} KB", HUGE_LEAF_BYTES / 1000)));
        assert!(description("large-leaf").contains(&format!("{} KB", LARGE_LEAF_BYTES / 1000)));
        assert!(description("many-certificates").contains(&format!("{MANY_CERTIFICATES} certificates")));
        assert!(description("megabyte-chain").contains(&format!("{} certificates", MEGABYTE_CHAIN.0)));
    }
}
