//! The registry: every broken server the lab runs, what is broken about it, the arguments
//! that diagnose it, the finding `tls-doctor` must put first, and the facts of that finding the
//! lab created. Adding an in-process case is one [`Definition`] in [`IN_PROCESS`]:
//! `tests/tests/lab_cases.rs` runs every one, `tls-doctor-lab demo` and `serve` list it.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use serde_json::json;
use tls_doctor_core::wire::FindingId;
use tokio::runtime::Handle;

use crate::LabError;
use crate::facts::{Fact, Facts, fact};
use crate::pki::{self, Leaf, Pki, Validity};
use crate::servers::starttls::Misstep;
use crate::servers::{self, plaintext, starttls, tls};

/// One broken (or healthy) server and how to diagnose it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    pub name: &'static str,
    /// The finding `tls-doctor` must rank first (`findings[0].id`).
    pub expected: FindingId,
    /// What is broken, for people.
    pub description: &'static str,
    /// The name the client asks for.
    pub host: &'static str,
    pub port: u16,
    /// Where to connect instead of resolving `host`; `None` lets `tls-doctor` resolve it.
    pub address: Option<IpAddr>,
    /// The lab root, for `--ca-file`.
    pub ca_file: PathBuf,
    /// Arguments this case needs beyond the common ones (a shorter `--timeout`, …).
    pub extra_args: &'static [&'static str],
}

impl Case {
    /// `host:port`, as `tls-doctor check` takes it.
    pub fn target(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// The `tls-doctor` arguments that diagnose this case, `check` first; add `--json` or
    /// `--lang` as needed. Local probes are off (`--no-local-probes`): they would ask
    /// servers on the internet, which tests do not have; the tests of those probes give their
    /// own arguments ([`Case::args_with_local_probes`]).
    pub fn args(&self) -> Vec<String> {
        let mut args = self.args_with_local_probes();
        args.push("--no-local-probes".to_owned());
        args
    }

    /// [`Case::args`] without `--no-local-probes`: add `--ntp-server`, `--portal-url`,
    /// `--canary` (an empty value turns one off).
    pub fn args_with_local_probes(&self) -> Vec<String> {
        let mut args = vec!["check".to_owned(), self.target()];
        if let Some(address) = self.address {
            args.extend(["--address".to_owned(), address.to_string()]);
        }
        args.extend(["--ca-file".to_owned(), self.ca_file.display().to_string()]);
        args.extend(self.extra_args.iter().map(|a| (*a).to_owned()));
        args
    }

    /// Healthy cases exit 0, problems exit 1 (`tls-doctor`'s contract).
    pub fn expected_exit_code(&self) -> i32 {
        if self.expected == FindingId::Ok { 0 } else { 1 }
    }
}

/// The certificate of `garbage-cert`: a DER SEQUENCE holding only `INTEGER 0`, then bytes
/// that belong to nothing. It starts like a certificate and is not one.
pub const GARBAGE_CERTIFICATE: &[u8] = b"\x30\x03\x02\x01\x00TLS Doctor lab: this is not a certificate";

/// How many certificates `long-chain` sends: more than `tls-doctor` keeps (20) and far more
/// than any verifier follows.
pub const LONG_CHAIN_CERTIFICATES: usize = 25;

/// Where a name that can never resolve is asked for (RFC 6761 §6.4 reserves `.invalid`).
pub const UNRESOLVABLE_HOST: &str = "no-such-host.invalid";

/// What a case's `start` gets: the runtime to spawn on, the PKI, and the case's host name.
#[derive(Debug)]
pub struct Starter<'a> {
    handle: &'a Handle,
    pki: &'a Pki,
    host: &'static str,
}

impl Starter<'_> {
    fn tls(&self, config: Result<rustls::ServerConfig, LabError>) -> Result<u16, LabError> {
        Ok(tls::spawn(self.handle, config?)?)
    }

    fn leaf(&self, validity: Validity) -> Result<Leaf, LabError> {
        self.pki.leaf(self.host, validity)
    }
}

/// A case before it runs: `start` brings its server up and returns the port; `expected` and
/// `facts` are what `tls-doctor check --json` must then say.
#[derive(Debug)]
pub struct Definition {
    pub name: &'static str,
    /// What is broken, for people; it states the numbers the lab uses (checked below).
    pub description: &'static str,
    pub host: &'static str,
    /// Connect to 127.0.0.1 rather than resolve `host`: every case but `dns-failure`.
    pub loopback: bool,
    pub extra_args: &'static [&'static str],
    pub start: fn(&Starter<'_>) -> Result<u16, LabError>,
    /// The finding `tls-doctor` must rank first.
    pub expected: FindingId,
    /// The facts of that finding's evidence (or of the whole report) that the lab created;
    /// `|_| Ok(())` where the finding itself is all there is to check.
    pub facts: fn(&Facts<'_>) -> Fact,
}

impl Definition {
    pub(crate) fn start(&self, handle: &Handle, pki: &Pki, ca_file: PathBuf) -> Result<Case, LabError> {
        let starter = Starter { handle, pki, host: self.host };
        let port = (self.start)(&starter).map_err(|e| e.context(format!("starting case {}", self.name)))?;
        Ok(Case {
            name: self.name,
            expected: self.expected,
            description: self.description,
            host: self.host,
            port,
            address: self.loopback.then_some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
            ca_file,
            extra_args: self.extra_args,
        })
    }
}

/// Every in-process case, in the order the demo shows them: healthy first, then roughly from
/// the certificate outwards to the network.
pub const IN_PROCESS: &[Definition] = &[
    Definition {
        name: "ok",
        description: "nothing: a valid leaf sent with its intermediate",
        host: "ok.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| s.tls(s.leaf(Validity::CURRENT).and_then(|l| tls::single(&l))),
        expected: FindingId::Ok,
        facts: |f| f.lists("trusted_by", "custom"),
    },
    Definition {
        name: "expired",
        description: "the leaf certificate expired 10 days ago",
        host: "expired.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| s.tls(s.leaf(Validity::EXPIRED).and_then(|l| tls::single(&l))),
        expected: FindingId::CertExpired,
        facts: |f| {
            f.is("subject", f.case.host)?;
            f.is("days_ago", pki::EXPIRED_DAYS_AGO)
        },
    },
    Definition {
        name: "not-yet-valid",
        description: "the leaf certificate becomes valid only in 10 days",
        host: "not-yet-valid.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| s.tls(s.leaf(Validity::NOT_YET_VALID).and_then(|l| tls::single(&l))),
        expected: FindingId::CertNotYetValid,
        facts: |f| f.is("days_until", pki::NOT_YET_VALID_IN_DAYS),
    },
    Definition {
        name: "expiring-soon",
        description: "the leaf certificate expires in 7 days",
        host: "expiring-soon.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| s.tls(s.leaf(Validity::EXPIRING_SOON).and_then(|l| tls::single(&l))),
        expected: FindingId::ExpiringSoon,
        facts: |f| f.is("days_left", pki::EXPIRING_IN_DAYS),
    },
    Definition {
        name: "wrong-host",
        description: "the certificate is for other.lab.test",
        host: "wrong-host.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| s.tls(s.pki.leaf(pki::OTHER_HOST, Validity::CURRENT).and_then(|l| tls::single(&l))),
        expected: FindingId::NameMismatch,
        facts: |f| {
            f.is("requested", f.case.host)?;
            f.is("dns_names", json!([pki::OTHER_HOST]))
        },
    },
    Definition {
        name: "self-signed",
        description: "the leaf certificate signed itself",
        host: "self-signed.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| s.tls(s.pki.self_signed_leaf(s.host).and_then(|l| tls::single(&l))),
        expected: FindingId::SelfSigned,
        facts: |f| f.is("subject", f.case.host),
    },
    Definition {
        name: "untrusted-root",
        description: "leaf and intermediate from a private root nobody trusts (no AIA)",
        host: "untrusted-root.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| s.tls(s.pki.untrusted_leaf(s.host).and_then(|l| tls::single(&l))),
        expected: FindingId::UnknownIssuer,
        facts: |f| f.is("issuer", pki::UNTRUSTED_ROOT),
    },
    Definition {
        name: "incomplete-chain",
        description: "the leaf is sent without its intermediate (AIA points to it)",
        host: "incomplete-chain.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| s.tls(s.leaf(Validity::CURRENT).and_then(|l| tls::single(&l.without_intermediates()))),
        expected: FindingId::IncompleteChain,
        facts: |f| {
            // The AIA fetch completed the chain.
            f.is("confirmed", true)?;
            f.is("aia_url", f.lab.aia_url())?;
            f.is("missing_issuer", pki::LAB_INTERMEDIATE)
        },
    },
    Definition {
        name: "intermediate-expired",
        description: "the intermediate sent with a valid leaf expired 5 days ago",
        host: "intermediate-expired.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| s.tls(s.pki.leaf_under_expired_intermediate(s.host).and_then(|l| tls::single(&l))),
        expected: FindingId::IntermediateExpired,
        facts: |f| {
            f.is("position", 1)?;
            f.is("subject", pki::EXPIRED_INTERMEDIATE)?;
            f.is("days_ago", pki::INTERMEDIATE_EXPIRED_DAYS_AGO)
        },
    },
    Definition {
        name: "expired-cross-sign",
        description: "the chain ends in a cross-sign of the trusted lab root by an older root, expired 20 days ago",
        host: "expired-cross-sign.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| s.tls(s.pki.leaf_with_expired_cross_sign(s.host).and_then(|l| tls::single(&l))),
        expected: FindingId::ExpiredCrossSign,
        facts: |f| {
            f.is("position", 2)?;
            f.is("subject", pki::LAB_ROOT)?;
            f.is("issuer", pki::LEGACY_ROOT)?;
            f.is("days_ago", pki::CROSS_SIGN_EXPIRED_DAYS_AGO)?;
            f.ids(&[FindingId::ExpiredCrossSign])
        },
    },
    Definition {
        name: "chain-wrong-order",
        description: "the two intermediates are sent in the wrong order (leaf, upper, lower)",
        host: "chain-wrong-order.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| s.tls(s.pki.leaf_in_wrong_order(s.host).and_then(|l| tls::single(&l))),
        expected: FindingId::ChainWrongOrder,
        facts: |f| {
            f.report_mentions("/certificates/1/subject", pki::LAB_INTERMEDIATE)?;
            f.report_mentions("/certificates/2/subject", pki::SUB_INTERMEDIATE)?;
            f.ids(&[FindingId::ChainWrongOrder])
        },
    },
    Definition {
        name: "root-in-chain",
        description: "a healthy chain sent with its root certificate (root_in_chain, after ok)",
        host: "root-in-chain.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| s.tls(s.pki.leaf_with_root(s.host).and_then(|l| tls::single(&l))),
        expected: FindingId::Ok,
        facts: |f| {
            f.ids(&[FindingId::Ok, FindingId::RootInChain])?;
            f.report_is("/findings/1/evidence/subject", pki::LAB_ROOT)
        },
    },
    Definition {
        name: "validity-too-long",
        description: "the leaf is valid for 500 days",
        host: "validity-too-long.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| {
            let days = pki::TOO_LONG_VALIDITY_DAYS;
            s.tls(s.leaf(Validity::days(-30, days - 30).inclusive()).and_then(|l| tls::single(&l)))
        },
        expected: FindingId::ValidityTooLong,
        facts: |f| f.is("days", pki::TOO_LONG_VALIDITY_DAYS),
    },
    Definition {
        name: "wrong-usage",
        description: "the leaf is for TLS clients only (extended key usage clientAuth)",
        host: "wrong-usage.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| s.tls(s.pki.client_auth_leaf(s.host).and_then(|l| tls::single(&l))),
        expected: FindingId::WrongUsage,
        facts: |f| f.is("purposes", json!(["clientAuth"])),
    },
    Definition {
        name: "cn-only",
        description: "the leaf names the host only in its subject CN, with no subjectAltName",
        host: "cn-only.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| s.tls(s.pki.cn_only_leaf(s.host).and_then(|l| tls::single(&l))),
        expected: FindingId::NameMismatch,
        facts: |f| {
            f.is("cn_only", true)?;
            f.is("common_name", f.case.host)?;
            f.is("dns_names", json!([]))
        },
    },
    Definition {
        name: "sni-default-cert",
        description: "clients without SNI get the certificate of other.lab.test (information, after ok)",
        host: "sni-default-cert.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| {
            let named = s.leaf(Validity::CURRENT)?;
            let default = s.pki.leaf(pki::OTHER_HOST, Validity::CURRENT)?;
            s.tls(tls::by_sni(s.host, &named, &default))
        },
        // Every current browser and mail app sends SNI and gets the right certificate: healthy,
        // with a note for clients without SNI (information, after `ok`).
        expected: FindingId::Ok,
        facts: |f| {
            f.ids(&[FindingId::Ok, FindingId::SniDefaultCert])?;
            f.report_is("/findings/1/severity", "info")?;
            f.report_is("/findings/1/evidence/requested", f.case.host)?;
            f.report_is("/findings/1/evidence/default_names", json!([pki::OTHER_HOST]))
        },
    },
    Definition {
        name: "garbage-cert",
        description: "the server sends bytes that are not a certificate",
        host: "garbage-cert.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| {
            let key = s.leaf(Validity::CURRENT)?.key_der();
            s.tls(tls::raw_certificate(GARBAGE_CERTIFICATE.to_vec(), &key))
        },
        expected: FindingId::CertUnparseable,
        facts: |f| f.is("position", 0),
    },
    Definition {
        name: "long-chain",
        description: "the server sends 25 certificates",
        host: "long-chain.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| s.tls(s.pki.long_chain_leaf(s.host, LONG_CHAIN_CERTIFICATES).and_then(|l| tls::single(&l))),
        expected: FindingId::ChainTooLong,
        facts: |f| f.is("certificates", LONG_CHAIN_CERTIFICATES),
    },
    Definition {
        name: "client-cert-required",
        description: "the server refuses clients without a client certificate",
        host: "client-cert-required.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| {
            let leaf = s.leaf(Validity::CURRENT)?;
            s.tls(tls::client_cert_required(&leaf, s.pki.root_der().clone()))
        },
        expected: FindingId::ClientCertRequired,
        // The issuer it accepts client certificates from, named in its CertificateRequest.
        facts: |f| f.is("issuers", json!([pki::LAB_ROOT])),
    },
    Definition {
        name: "smtps-client-cert-optional",
        description: "an implicit-TLS SMTP server asks for a client certificate it does not require, and greets",
        host: "smtps-client-cert-optional.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| {
            let leaf = s.leaf(Validity::CURRENT)?;
            let config = tls::client_cert_optional(&leaf, s.pki.root_der().clone())?;
            Ok(tls::spawn_smtps(s.handle, config, tls::SMTPS_GREETING)?)
        },
        // Healthy: the request is information after `ok`, with the issuer it accepts.
        expected: FindingId::Ok,
        facts: |f| {
            f.report_is("/findings/1/id", "client_cert_optional")?;
            f.report_is("/findings/1/evidence/issuers", json!([pki::LAB_ROOT]))
        },
    },
    Definition {
        name: "smtps-client-cert-refused",
        description: "an implicit-TLS SMTP server asks for a client certificate and, without one, greets with 421",
        host: "smtps-client-cert-refused.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| {
            let leaf = s.leaf(Validity::CURRENT)?;
            let config = tls::client_cert_optional(&leaf, s.pki.root_der().clone())?;
            Ok(tls::spawn_smtps(s.handle, config, tls::SMTPS_REFUSAL)?)
        },
        expected: FindingId::ClientCertRequired,
        facts: |f| {
            f.is("reply", "421 4.7.1 smtps.lab.test Error: client certificate required")?;
            f.is("issuers", json!([pki::LAB_ROOT]))
        },
    },
    Definition {
        name: "http-on-tls-port",
        description: "plain HTTP answers the TLS handshake with 400 Bad Request",
        host: "http-on-tls-port.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| Ok(plaintext::spawn_http(s.handle)?),
        expected: FindingId::WrongProtocolOnPort,
        facts: |f| {
            f.is("seen", "http")?;
            f.starts_with("first_line", "HTTP/1.1 400")
        },
    },
    Definition {
        name: "smtp-banner",
        description: "a mail server greets with an SMTP banner instead of TLS",
        host: "smtp-banner.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| Ok(plaintext::spawn_smtp(s.handle)?),
        expected: FindingId::WrongProtocolOnPort,
        facts: |f| {
            f.is("seen", "smtp")?;
            f.is("first_line", plaintext::SMTP_BANNER.trim_end())
        },
    },
    Definition {
        name: "starttls-implicit-tls",
        description: "asked for SMTP STARTTLS, the port speaks TLS at once (465 set up where 587 was meant)",
        host: "starttls-implicit-tls.lab.test",
        loopback: true,
        extra_args: &["--starttls", "smtp"],
        start: |s| s.tls(s.leaf(Validity::CURRENT).and_then(|l| tls::single(&l))),
        expected: FindingId::WrongProtocolOnPort,
        facts: |f| {
            f.is("seen", "tls")?;
            f.is("starttls", "smtp")?;
            let handshakes = f.report("/evidence/handshakes")?;
            let direct = handshakes.as_array().is_some_and(|hs| hs.iter().any(|h| h["role"] == "direct_tls"));
            fact(direct, "a direct handshake told implicit TLS")
        },
    },
    Definition {
        name: "starttls-refused",
        description: "the SMTP server advertises STARTTLS, then answers it with 454",
        host: "starttls-refused.lab.test",
        loopback: true,
        extra_args: &["--starttls", "smtp"],
        start: |s| Ok(starttls::spawn_smtp(s.handle, Misstep::Refuses)?),
        expected: FindingId::StarttlsFailed,
        facts: |f| {
            f.is("failure/kind", "refused")?;
            f.starts_with("failure/reply", "454 4.7.0")
        },
    },
    Definition {
        name: "starttls-hang-up",
        description: "the SMTP server agrees to STARTTLS, then closes the connection",
        host: "starttls-hang-up.lab.test",
        loopback: true,
        extra_args: &["--starttls", "smtp"],
        start: |s| Ok(starttls::spawn_smtp(s.handle, Misstep::HangsUp)?),
        expected: FindingId::StarttlsFailed,
        facts: |f| {
            f.is("failure/kind", "cut")?;
            f.is("failure/during", "handshake")
        },
    },
    Definition {
        name: "starttls-injection",
        description: "the SMTP server sends a line after its 220 to STARTTLS (CVE-2011-0411 class)",
        host: "starttls-injection.lab.test",
        loopback: true,
        extra_args: &["--starttls", "smtp"],
        start: |s| Ok(starttls::spawn_smtp(s.handle, Misstep::Injects)?),
        expected: FindingId::StarttlsFailed,
        facts: |f| f.is("failure/kind", "protocol_error"),
    },
    Definition {
        name: "starttls-endless-reply",
        description: "the SMTP server never ends its EHLO reply",
        host: "starttls-endless-reply.lab.test",
        loopback: true,
        extra_args: &["--starttls", "smtp", "--timeout", "3"],
        start: |s| Ok(starttls::spawn_smtp(s.handle, Misstep::EndlessReply)?),
        expected: FindingId::StarttlsFailed,
        facts: |f| f.is("failure/kind", "protocol_error"),
    },
    Definition {
        name: "starttls-silent",
        description: "asked for SMTP STARTTLS, the port accepts and never greets",
        host: "starttls-silent.lab.test",
        loopback: true,
        extra_args: &["--starttls", "smtp", "--timeout", "2"],
        start: |s| Ok(plaintext::spawn_silent(s.handle)?),
        expected: FindingId::TimeoutFiltered,
        facts: |f| f.is("stage", "greeting"),
    },
    Definition {
        name: "reset",
        description: "the server reads the ClientHello and resets the connection",
        host: "reset.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| Ok(plaintext::spawn_reset(s.handle)?),
        expected: FindingId::ConnectionReset,
        facts: |f| f.is("how", "reset"),
    },
    Definition {
        name: "silent-port",
        description: "the port accepts connections and never answers",
        host: "silent-port.lab.test",
        loopback: true,
        extra_args: &["--timeout", "2"],
        start: |s| Ok(plaintext::spawn_silent(s.handle)?),
        expected: FindingId::TimeoutFiltered,
        facts: |f| f.is("stage", "tls_handshake"),
    },
    Definition {
        name: "closed-port",
        description: "nothing listens on the port",
        host: "closed-port.lab.test",
        loopback: true,
        extra_args: &[],
        start: |_| Ok(servers::closed_port()?),
        expected: FindingId::PortClosed,
        facts: |f| {
            f.is("port", f.case.port)?;
            f.is("address", "127.0.0.1")
        },
    },
    Definition {
        name: "dns-failure",
        description: "the name does not exist",
        host: UNRESOLVABLE_HOST,
        loopback: false,
        extra_args: &["--timeout", "3"],
        // Nothing to start: the name never resolves, so no port is ever reached.
        start: |_| Ok(443),
        expected: FindingId::DnsFailure,
        facts: |f| f.is("host", UNRESOLVABLE_HOST),
    },
    // Revocation (`pki::revocation`): every leaf of the lab intermediate names the lab's OCSP
    // responder (`openssl ocsp`) and CRL; these four are the ones where that goes wrong.
    Definition {
        name: "revoked",
        description: "the intermediate revoked the leaf 2 days ago (OCSP and CRL say so)",
        host: "revoked.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| s.tls(s.pki.revoked_leaf(s.host).and_then(|l| tls::single(&l))),
        expected: FindingId::Revoked,
        facts: |f| f.is("reason", pki::REVOKED_REASON), // the revocation evidence itself: tests/revocation.rs
    },
    Definition {
        name: "ocsp-unreachable",
        description: "the leaf's only revocation source, its OCSP responder, refuses connections",
        host: "ocsp-unreachable.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| {
            let url = format!("http://127.0.0.1:{}/", servers::closed_port()?);
            s.tls(s.pki.leaf_with_ocsp_url(s.host, &url).and_then(|l| tls::single(&l)))
        },
        expected: FindingId::RevocationUnavailable,
        facts: |f| f.is("methods", json!(["ocsp"])),
    },
    Definition {
        name: "must-staple-no-staple",
        description: "the leaf demands a stapled OCSP response (must-staple); the server sends none",
        host: "must-staple-no-staple.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| s.tls(s.pki.must_staple_leaf(s.host).and_then(|l| tls::single(&l))),
        expected: FindingId::OcspStapleMissing,
        facts: |_| Ok(()), // the finding itself is the fact
    },
    Definition {
        name: "stapled-stale",
        description: "the server staples an OCSP response whose nextUpdate passed 3 days ago",
        host: "stapled-stale.lab.test",
        loopback: true,
        extra_args: &[],
        start: |s| {
            let leaf = s.leaf(Validity::CURRENT)?;
            let staple = s.pki.stale_staple(&leaf)?;
            s.tls(tls::stapled(&leaf, staple))
        },
        expected: FindingId::OcspStapleStale,
        facts: |f| fact(f.evidence("next_update")?.is_string(), "next_update is a date"),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_hosts_are_unique() {
        for (i, d) in IN_PROCESS.iter().enumerate() {
            assert!(IN_PROCESS[..i].iter().all(|e| e.name != d.name), "{} twice", d.name);
            assert!(IN_PROCESS[..i].iter().all(|e| e.host != d.host), "{} twice", d.host);
        }
    }

    #[test]
    fn descriptions_state_the_numbers_the_lab_uses() {
        let description = |name| IN_PROCESS.iter().find(|d| d.name == name).unwrap().description;
        let says = |name, number: String| {
            assert!(description(name).contains(&number), "{name}: {:?} should say {number}", description(name));
        };
        says("expired", format!("{} days", pki::EXPIRED_DAYS_AGO));
        says("not-yet-valid", format!("{} days", pki::NOT_YET_VALID_IN_DAYS));
        says("expiring-soon", format!("{} days", pki::EXPIRING_IN_DAYS));
        says("intermediate-expired", format!("{} days", pki::INTERMEDIATE_EXPIRED_DAYS_AGO));
        says("expired-cross-sign", format!("{} days", pki::CROSS_SIGN_EXPIRED_DAYS_AGO));
        says("validity-too-long", format!("{} days", pki::TOO_LONG_VALIDITY_DAYS));
        says("long-chain", format!("{LONG_CHAIN_CERTIFICATES} certificates"));
        says("wrong-host", pki::OTHER_HOST.to_owned());
        says("sni-default-cert", pki::OTHER_HOST.to_owned());
        says("revoked", format!("{} days", pki::REVOKED_DAYS_AGO));
        says("stapled-stale", format!("{} days", pki::STALE_STAPLE_DAYS_AGO));
    }

    #[test]
    fn args_are_what_tls_doctor_check_takes() {
        let case = Case {
            name: "x",
            expected: FindingId::Ok,
            description: "",
            host: "x.lab.test",
            port: 4433,
            address: Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
            ca_file: PathBuf::from("/tmp/root.pem"),
            extra_args: &["--timeout", "2"],
        };
        assert_eq!(
            case.args(),
            [
                "check",
                "x.lab.test:4433",
                "--address",
                "127.0.0.1",
                "--ca-file",
                "/tmp/root.pem",
                "--timeout",
                "2",
                "--no-local-probes"
            ]
        );
        assert_eq!(case.args_with_local_probes().last().map(String::as_str), Some("2"));
    }
}
