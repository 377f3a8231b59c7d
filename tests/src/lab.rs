use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use tokio::runtime::Runtime;

use crate::LabError;
use crate::cases::{Case, IN_PROCESS};
use crate::external::ocsp::OcspResponder;
use crate::external::{self, ExternalServer};
use crate::pki::Pki;
use crate::scratch::ScratchDir;
use crate::servers::intercept::{InterceptProxy, Upstream};
use crate::servers::portal::{self, PortalMode};
use crate::servers::sntp::{self, SntpMode};
use crate::servers::{self, aia};

/// A server for `tls-doctor`'s local probes (not a case: nothing to diagnose there),
/// pointed at with `--ntp-server` or `--portal-url`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LocalProbeServer {
    /// An SNTP server (`servers::sntp`).
    Sntp { name: &'static str, address: SocketAddr, mode: SntpMode },
    /// A captive portal (`servers::portal`) and its check URL.
    Portal { name: &'static str, url: String, mode: PortalMode },
}

impl LocalProbeServer {
    pub fn name(&self) -> &'static str {
        match self {
            Self::Sntp { name, .. } | Self::Portal { name, .. } => name,
        }
    }

    /// The line `tls-doctor-lab serve` prints: `{"name":"sntp-true","sntp":"127.0.0.1:PORT"}`,
    /// `{"name":"portal","portal_url":"http://127.0.0.1:PORT/generate_204"}`.
    pub fn json(&self) -> serde_json::Value {
        match self {
            Self::Sntp { name, address, .. } => serde_json::json!({ "name": name, "sntp": address.to_string() }),
            Self::Portal { name, url, .. } => serde_json::json!({ "name": name, "portal_url": url }),
        }
    }
}

/// The client-probe servers every lab runs, in the order listed: the true-time SNTP server and
/// the captive portal first (the browser tests take the first line whose name matches).
const CLIENT_SERVERS: &[(&str, Option<SntpMode>, Option<PortalMode>)] = &[
    ("sntp-true", Some(sntp::TRUE_TIME), None),
    ("sntp-kod", Some(SntpMode::KissOfDeath), None),
    ("portal", None, Some(PortalMode::Captive)),
    ("portal-open", None, Some(PortalMode::Open)),
];

/// Every case running at once. Dropping the lab stops everything: external processes are
/// killed, the runtime and with it every in-process server stops, the temporary files go.
#[derive(Debug)]
pub struct Lab {
    cases: Vec<Case>,
    pki: Pki,
    aia_url: String,
    ca_file: PathBuf,
    /// The re-signing proxies (`servers::intercept`), in front of the `ok` case.
    proxies: Vec<InterceptProxy>,
    /// The SNTP servers and captive portals (`servers::sntp`, `servers::portal`).
    local_probe_servers: Vec<LocalProbeServer>,
    // Fields drop in declaration order: the processes first, then the servers, then the files
    // both read.
    external: Vec<ExternalServer>,
    ocsp: OcspResponder,
    _runtime: Runtime,
    scratch: ScratchDir,
}

impl Lab {
    /// Starts the in-process cases (every case of [`crate::cases`]), the AIA and CRL server, and
    /// the OCSP responder (`openssl ocsp`; fails, saying how to get it, when openssl is missing).
    pub fn start() -> Result<Self, LabError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("tls-doctor-lab")
            .enable_all()
            .build()?;
        let handle = runtime.handle();
        let scratch = ScratchDir::new("tls-doctor-lab")?;

        let (aia_listener, aia_port) = servers::bind(handle)?;
        let aia_url = aia::url(aia_port);
        let mut pki = Pki::generate(&aia_url)?;
        // The intermediate's leaves name the CRL this server hands out and the OCSP responder,
        // which answers from an index made before any leaf (`pki::revocation`).
        pki.set_crl_url(&aia::crl_url(aia_port));
        let ocsp = external::ocsp::start(&pki)?;
        pki.set_ocsp_url(ocsp.url());
        aia::serve(handle, aia_listener, pki.intermediate_der(), pki.crl_der());
        let ca_file = scratch.write("lab-root.pem", pki.root_pem())?;

        let cases = IN_PROCESS
            .iter()
            .map(|definition| definition.start(handle, &pki, ca_file.clone()))
            .collect::<Result<Vec<Case>, _>>()?;
        let upstream = cases
            .iter()
            .find(|c| c.name == servers::intercept::UPSTREAM_CASE)
            .map(|c| Upstream::case(c, pki.root_der()))
            .ok_or_else(|| LabError::new("no case for the proxies to relay to"))?;
        let proxies = InterceptProxy::start_all(handle, &upstream, scratch.path())?;
        let mut local_probe_servers = Vec::new();
        for (name, sntp_mode, portal_mode) in CLIENT_SERVERS {
            if let Some(mode) = *sntp_mode {
                local_probe_servers.push(LocalProbeServer::Sntp { name, address: sntp::spawn(handle, mode)?, mode });
            }
            if let Some(mode) = *portal_mode {
                local_probe_servers.push(LocalProbeServer::Portal {
                    name,
                    url: portal::check_url(portal::spawn(handle, mode)?),
                    mode,
                });
            }
        }
        Ok(Self {
            cases,
            pki,
            aia_url,
            ca_file,
            proxies,
            local_probe_servers,
            external: Vec::new(),
            ocsp,
            _runtime: runtime,
            scratch,
        })
    }

    /// Adds the cases served by nginx (`external::nginx`, `external::stapled` with its
    /// OCSP staple, and `external::handshake`: client certificates, a 250 KB leaf). Fails,
    /// saying how to get it, when nginx is missing.
    pub fn add_nginx(&mut self) -> Result<(), LabError> {
        let plain = external::nginx::start(&self.pki, &self.ca_file)?;
        let stapled = external::stapled::start(&self.pki, &self.ca_file)?;
        let (handshake, _) = external::handshake::start(&self.pki, &self.ca_file)?;
        for server in [plain, stapled, handshake] {
            self.cases.extend(server.cases().iter().cloned());
            self.external.push(server);
        }
        Ok(())
    }

    /// Adds the cases served by `openssl s_server`. Fails, saying how to get it, when openssl
    /// is missing.
    pub fn add_openssl(&mut self) -> Result<(), LabError> {
        let servers = external::openssl::start(&self.pki, &self.ca_file)?;
        for server in servers {
            self.cases.extend(server.cases().iter().cloned());
            self.external.push(server);
        }
        Ok(())
    }

    /// Adds the cases of servers rustls cannot talk to (`external::legacy`: nginx with TLS 1.0
    /// only, gnutls-serv and openssl s_server with weak or unusual suites only). Fails, saying
    /// how to get it, when one of the programs is missing.
    pub fn add_legacy(&mut self) -> Result<(), LabError> {
        let servers = external::legacy::start_all(&self.pki, &self.ca_file)?;
        for server in servers {
            self.cases.extend(server.cases().iter().cloned());
            self.external.push(server);
        }
        Ok(())
    }

    /// Adds the mail cases: Postfix (submission, smtps) and Dovecot (IMAP, imaps, POP3, pop3s),
    /// each set up five ways (`external::mail`). Fails, saying how to get them, when either is
    /// missing; Postfix also needs root.
    pub fn add_mail(&mut self) -> Result<(), LabError> {
        let servers = external::mail::start(&self.pki, &self.ca_file)?;
        for server in servers {
            self.cases.extend(server.cases().iter().cloned());
            self.external.push(server);
        }
        Ok(())
    }

    /// Every running case, in-process ones first, in registry order.
    pub fn cases(&self) -> &[Case] {
        &self.cases
    }

    pub fn case(&self, name: &str) -> Option<&Case> {
        self.cases.iter().find(|c| c.name == name)
    }

    /// The re-signing proxies: `intercept-av`, `intercept-corp`, `intercept-unknown`.
    pub fn proxies(&self) -> &[InterceptProxy] {
        &self.proxies
    }

    pub fn proxy(&self, name: &str) -> Option<&InterceptProxy> {
        self.proxies.iter().find(|p| p.name == name)
    }

    /// The SNTP servers and captive portals: `sntp-true`, `sntp-kod`, `portal`, `portal-open`.
    pub fn local_probe_servers(&self) -> &[LocalProbeServer] {
        &self.local_probe_servers
    }

    pub fn local_probe_server(&self, name: &str) -> Option<&LocalProbeServer> {
        self.local_probe_servers.iter().find(|s| s.name() == name)
    }

    pub fn pki(&self) -> &Pki {
        &self.pki
    }

    /// The lab root in PEM, the anchor every case is diagnosed against.
    pub fn root_pem(&self) -> String {
        self.pki.root_pem()
    }

    /// The lab root, written to a file for `--ca-file`.
    pub fn ca_file(&self) -> &Path {
        &self.ca_file
    }

    /// Where the lab serves its intermediate; the `caIssuers` URL of its leaves.
    pub fn aia_url(&self) -> &str {
        &self.aia_url
    }

    /// The lab's OCSP responder (`openssl ocsp`), which the intermediate's leaves name.
    pub fn ocsp_url(&self) -> &str {
        self.ocsp.url()
    }

    /// The lab's temporary directory (the lab root and the proxies' roots, in PEM).
    pub fn dir(&self) -> &Path {
        self.scratch.path()
    }
}
