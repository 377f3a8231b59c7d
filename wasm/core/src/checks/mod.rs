//! The checks: each reads the evidence and adds the findings it supports. Every check runs on
//! every diagnosis; none of them stops the others. Ranking is `crate::diagnose`'s job.

pub(crate) mod chain_shape;
pub(crate) mod clock;
mod handshake;
pub(crate) mod hygiene;
pub(crate) mod internal;
mod key;
pub(crate) mod local;
mod name;
pub mod plaintext;
mod reach;
mod revocation;
mod sni;
mod starttls;
mod trust;
mod validity;
mod versions;

use crate::cert::names::Requested;
use crate::cert::{self, CertError, CertInfo};
use crate::time::Timestamp;
use crate::wire::{Evidence, FindingKind, Handshake, HandshakeRole, StoreVerdict};

/// Knobs of the model. Defaults are what the product ships with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgSettings {
    /// `expiring_soon` below this many days left at most; a short-lived certificate is expiring
    /// soon only in the last third of its lifetime (`validity::expiring_within`). Let's Encrypt
    /// renews its 90-day certificates at 30 days left; 30 gives an admin time to notice a broken
    /// renewal of a long-lived one.
    pub expiring_days: i64,
    /// CA certificates an admin declared as the organisation's own TLS inspection (managed
    /// setting `expectedInspectionCAs`): their re-signing is explained as expected, not as an
    /// attack. Each is a [`CaPin`] text: the certificate's SHA-256 in hex, or `spki:` and the
    /// public key's SHA-256 in hex.
    pub expected_cas: Vec<String>,
    /// The organisation's own root CAs for internal servers (`internalRootCAs`), as
    /// [`Self::expected_cas`].
    pub internal_roots: Vec<String>,
    /// Domains of internal sites (`internalDomains`): each name and every name under it.
    pub internal_domains: Vec<String>,
    /// Whether the words may ever say that going past a warning can be acceptable.
    pub proceed: Proceed,
}

/// The managed setting `proceedAdvice`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Proceed {
    /// Never: every warning is a stop.
    Never,
    /// Only for sites in the internal domains.
    Internal,
    /// Where it can be acceptable (a self-signed device the user manages): the default.
    #[default]
    Always,
}

impl Default for OrgSettings {
    fn default() -> Self {
        Self {
            expiring_days: 30,
            expected_cas: Vec::new(),
            internal_roots: Vec::new(),
            internal_domains: Vec::new(),
            proceed: Proceed::Always,
        }
    }
}

/// Does `pin` (a certificate's SHA-256 in hex, or `spki:` and a public key's) name the
/// certificate with these hashes (hex; either may be unknown)?
fn pin_names(pin: &str, cert_sha256: Option<&str>, spki_sha256: Option<&str>) -> bool {
    let (hash, wanted) = match pin.trim().strip_prefix("spki:") {
        Some(rest) => (rest, spki_sha256),
        None => (pin, cert_sha256),
    };
    let hash = local::norm_hex(hash);
    hash.len() == 64 && wanted.is_some_and(|w| local::norm_hex(w) == hash)
}

impl OrgSettings {
    /// Is this certificate (SHA-256, any case, colons allowed) one the admin expects?
    pub fn expects(&self, sha256_hex: &str) -> bool {
        self.expected_cas.iter().any(|p| pin_names(p, Some(sha256_hex), None))
    }

    /// Is this certificate, by either hash, one the admin expects?
    pub fn expects_cert(&self, cert: &CertInfo) -> bool {
        let (sha, spki) = (local::hex(&cert.sha256), local::hex(&cert.spki_sha256));
        self.expected_cas.iter().any(|p| pin_names(p, Some(&sha), Some(&spki)))
    }

    /// Is this anchor (its certificate's and its key's SHA-256, when known) one the admin
    /// expects?
    pub fn expects_anchor(&self, sha256: Option<&str>, spki: Option<&str>) -> bool {
        self.expected_cas.iter().any(|p| pin_names(p, sha256, spki))
    }

    /// Is this certificate one of the organisation's internal roots?
    pub fn internal_cert(&self, cert: &CertInfo) -> bool {
        let (sha, spki) = (local::hex(&cert.sha256), local::hex(&cert.spki_sha256));
        self.internal_roots.iter().any(|p| pin_names(p, Some(&sha), Some(&spki)))
    }

    /// Is this anchor one of the organisation's internal roots?
    pub fn internal_anchor(&self, sha256: Option<&str>, spki: Option<&str>) -> bool {
        self.internal_roots.iter().any(|p| pin_names(p, sha256, spki))
    }

    /// The internal domain `host` is in (itself or under it), if any.
    pub fn internal_domain(&self, host: &str) -> Option<&str> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.internal_domains.iter().map(String::as_str).find(|d| {
            let d = d.trim_start_matches("*.").trim_start_matches('.').trim_end_matches('.');
            !d.is_empty()
                && (host.eq_ignore_ascii_case(d)
                    || host.strip_suffix(&d.to_ascii_lowercase()).is_some_and(|rest| rest.ends_with('.')))
        })
    }

    /// May the words for `host` say that going past a warning can be acceptable?
    pub fn may_advise_proceeding(&self, host: &str) -> bool {
        match self.proceed {
            Proceed::Always => true,
            Proceed::Internal => self.internal_domain(host).is_some(),
            Proceed::Never => false,
        }
    }
}

/// A check reads the context and pushes findings.
pub(crate) type Check = fn(&Context<'_>, &mut Vec<FindingKind>);

/// Every check, in the order they run. Order does not matter for the result.
pub(crate) const CHECKS: &[(&str, Check)] = &[
    ("reach", reach::check),
    ("starttls", starttls::check),
    ("handshake", handshake::check),
    ("chain_shape", chain_shape::check),
    ("clock", clock::check),
    ("client", local::check),
    ("internal", internal::check),
    ("validity", validity::check),
    ("name", name::check),
    ("trust", trust::check),
    ("distrust", trust::distrusted),
    ("sni", sni::check),
    ("versions", versions::check),
    ("hygiene", hygiene::check),
    ("revocation", revocation::check),
    ("key", key::check),
];

/// The checks that can judge certificate files (`tls-doctor cert`, [`crate::wire::Files`]):
/// the others read what only a live server shows (its answers, clock, versions, staple, SNI,
/// revocation answers) or this computer's surroundings.
pub(crate) const FILE_CHECKS: &[&str] = &["chain_shape", "validity", "name", "trust", "hygiene", "key"];

/// What every check may read, parsed once.
pub(crate) struct Context<'a> {
    pub evidence: &'a Evidence,
    pub now: Timestamp,
    pub org: &'a OrgSettings,
    pub primary: Option<&'a Handshake>,
    pub without_sni: Option<&'a Handshake>,
    /// The served chain, parsed, in the order served: the primary handshake's, or, when rustls
    /// could not get one (an old server), the one a legacy probe read.
    pub chain: Vec<Result<CertInfo, CertError>>,
    /// That chain's verdicts.
    trust: &'a [StoreVerdict],
    pub requested: Requested,
    /// The browser's clock minus the OS clock the host measured with, in seconds: 0 outside
    /// the browser (see [`crate::diagnose_browser`]).
    pub browser_minus_os: i64,
    /// The browser reported that it does not trust the chain's issuer (an error of the
    /// `cert_trust` or `interception` kind): a root only this machine's OS store trusts then
    /// explains the error. False outside the browser.
    pub browser_distrusts_issuer: bool,
    /// The chain the browser received on a page that loaded (empty outside the browser, or
    /// when the browser did not say).
    pub browser_chain: &'a [crate::wire::SeenCert],
}

impl<'a> Context<'a> {
    pub fn new(evidence: &'a Evidence, now: Timestamp, org: &'a OrgSettings) -> Self {
        let primary = evidence.handshakes.iter().find(|h| h.role == HandshakeRole::Primary);
        let without_sni = evidence.handshakes.iter().find(|h| h.role == HandshakeRole::WithoutSni);
        let (served, trust): (&[crate::wire::Bytes], &[StoreVerdict]) = match primary {
            Some(h) if !h.chain.is_empty() => (&h.chain, &h.trust),
            _ => evidence
                .versions
                .iter()
                .find(|p| !p.chain.is_empty())
                .map_or((&[], &[]), |p| (p.chain.as_slice(), p.trust.as_slice())),
        };
        let chain = served.iter().map(|der| cert::parse(der.as_slice())).collect();
        Self {
            evidence,
            now,
            org,
            primary,
            without_sni,
            chain,
            trust,
            requested: Requested::parse(&evidence.target.verify_name),
            browser_minus_os: 0,
            browser_distrusts_issuer: false,
            browser_chain: &[],
        }
    }

    pub fn leaf(&self) -> Option<&CertInfo> {
        self.chain.first().and_then(|c| c.as_ref().ok())
    }

    /// The parsed certificates of the primary chain with their positions.
    pub fn parsed(&self) -> impl Iterator<Item = (usize, &CertInfo)> {
        self.chain.iter().enumerate().filter_map(|(i, c)| c.as_ref().ok().map(|c| (i, c)))
    }

    pub fn trust(&self) -> &'a [StoreVerdict] {
        self.trust
    }

    /// A TLS 1.2 suite browsers still take (ECDHE-CBC, large-group DHE) that the server chose
    /// when offered no modern one: `(version, suite name)`. rustls does not speak these, so a
    /// failed rustls handshake with this is no failure for browsers.
    pub fn browser_usable_legacy(&self) -> Option<(String, String)> {
        versions::usable_legacy(self.evidence)
    }

    /// Some store accepts the primary chain as it is, now.
    pub fn trusted_now(&self) -> bool {
        self.trust().iter().any(|s| s.verdict.is_trusted())
    }
}
