//! The lab's PKI, made at run time so that every date is relative to now: a lab root (the only
//! anchor `tls-doctor` is given, through `--ca-file`), its intermediate, an intermediate that
//! has expired, an unrelated private root nobody trusts, and an older "legacy" root that once
//! cross-signed the lab root (that cross-sign has expired).
//!
//! Every key is ECDSA P-256 (fast to make, so a whole lab costs milliseconds), but for the
//! RSA leaves of the servers whose legacy suites need one ([`Pki::leaf_with_rsa_key`]).

mod aia;
mod hostile;
mod revocation;
mod weak;

use std::fmt;
use std::sync::Arc;

use rcgen::{
    BasicConstraints, Certificate, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer,
    KeyPair, KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::sign::CertifiedKey;
use time::{Duration, OffsetDateTime};

use crate::LabError;

pub use self::hostile::TLS_SOFTWARE_LIMIT;
pub use self::revocation::{POOL_SIZE, REVOKED_DAYS_AGO, REVOKED_REASON, STALE_STAPLE_DAYS_AGO, Urls};

pub const LAB_ROOT: &str = "TLS Doctor Lab Root";
pub const LAB_INTERMEDIATE: &str = "TLS Doctor Lab Intermediate";
pub const EXPIRED_INTERMEDIATE: &str = "TLS Doctor Lab Expired Intermediate";
pub const UNTRUSTED_ROOT: &str = "Untrusted Private Root";
pub const UNTRUSTED_INTERMEDIATE: &str = "Untrusted Private Intermediate";
/// The older root that cross-signed the lab root; not in any store the lab gives.
pub const LEGACY_ROOT: &str = "TLS Doctor Lab Legacy Root";
/// `chain-wrong-order`: the CA below the lab intermediate that issues that case's leaf.
pub const SUB_INTERMEDIATE: &str = "TLS Doctor Lab Sub-Intermediate";
const ORGANIZATION: &str = "TLS Doctor Lab";
/// The unrelated PKI's CAs belong to someone else.
const UNTRUSTED_ORGANIZATION: &str = "Untrusted Private PKI";

/// The name the wrong certificates are made for: `wrong-host` serves it for another name, and
/// `sni-default-cert` serves it to clients that send no SNI.
pub const OTHER_HOST: &str = "other.lab.test";

/// `expired`: the leaf's notAfter, in days before now.
pub const EXPIRED_DAYS_AGO: i64 = 10;
/// `not-yet-valid`: the leaf's notBefore, in days after now.
pub const NOT_YET_VALID_IN_DAYS: i64 = 10;
/// `expiring-soon`: days left of a 90-day leaf, inside the last third of its lifetime (30 days).
pub const EXPIRING_IN_DAYS: i64 = 7;
/// `intermediate-expired`: the served intermediate's notAfter, in days before now.
pub const INTERMEDIATE_EXPIRED_DAYS_AGO: i64 = 5;
/// `expired-cross-sign`: the cross-signed lab root's notAfter, in days before now.
pub const CROSS_SIGN_EXPIRED_DAYS_AGO: i64 = 20;
/// `validity-too-long`: the leaf's validity in days (the limit is 398).
pub const TOO_LONG_VALIDITY_DAYS: i64 = 500;

/// When a certificate is valid, relative to the moment the PKI was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Validity {
    pub not_before: Duration,
    pub not_after: Duration,
}

impl Validity {
    /// Issued 30 days ago with 60 days left: healthy, and clear of the 30-day warning.
    pub const CURRENT: Validity = Validity::days(-30, 60);
    pub const EXPIRED: Validity = Validity::days(-90, -EXPIRED_DAYS_AGO);
    pub const NOT_YET_VALID: Validity = Validity::days(NOT_YET_VALID_IN_DAYS, 90).future_whole_days();
    pub const EXPIRING_SOON: Validity = Validity::days(-83, EXPIRING_IN_DAYS).future_whole_days();

    pub const fn days(not_before: i64, not_after: i64) -> Self {
        Self { not_before: Duration::days(not_before), not_after: Duration::days(not_after) }
    }

    /// Ends one second earlier: the Baseline Requirements count notBefore through notAfter
    /// inclusive, so `days(a, b).inclusive()` is exactly `b - a` days long as they count.
    pub fn inclusive(self) -> Self {
        Self { not_before: self.not_before, not_after: self.not_after.saturating_sub(Duration::seconds(1)) }
    }

    /// Pushes dates that lie ahead an hour further. The model counts whole days rounded towards
    /// zero, and the diagnosis runs a few seconds after the PKI is made: without the hour,
    /// "in 10 days" would be diagnosed as 9.
    const fn future_whole_days(self) -> Self {
        const fn shift(d: Duration) -> Duration {
            if d.is_positive() { d.saturating_add(Duration::hours(1)) } else { d }
        }
        Self { not_before: shift(self.not_before), not_after: shift(self.not_after) }
    }
}

/// A certificate authority: its certificate and what it takes to sign with it.
struct Ca {
    cert: Certificate,
    issuer: Issuer<'static, KeyPair>,
    /// Where leaves issued by this CA say their issuer can be fetched.
    aia_url: Option<String>,
    /// Where leaves issued by this CA say their status can be asked (OCSP) and their CRL found.
    ocsp_url: Option<String>,
    crl_url: Option<String>,
    /// Leaves issued by this CA take their serials from the OCSP responder's pool.
    pooled: bool,
}

/// The lab's certificate authorities. Leaves are issued on demand, one per case.
pub struct Pki {
    made_at: OffsetDateTime,
    root: Ca,
    intermediate: Ca,
    expired_intermediate: Ca,
    untrusted_intermediate: Ca,
    /// The lab root, cross-signed by the legacy root, expired.
    expired_cross_sign: Certificate,
    /// The intermediate's CRL, serial pool and OCSP responder (`pki::revocation`).
    revocation: revocation::State,
}

impl fmt::Debug for Pki {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pki").field("made_at", &self.made_at).finish_non_exhaustive()
    }
}

impl Pki {
    /// Makes the CAs. `aia_url` is where the lab serves the intermediate (DER): leaves issued
    /// by the intermediate point there.
    pub fn generate(aia_url: &str) -> Result<Self, LabError> {
        let made_at = OffsetDateTime::now_utc();
        let ca_validity = Validity::days(-365, 3650);
        let ca = |name: &str, validity, parent| make_ca(made_at, ORGANIZATION, name, validity, parent);
        let root = ca(LAB_ROOT, ca_validity, None)?;
        let mut intermediate = ca(LAB_INTERMEDIATE, Validity::days(-365, 1825), Some(&root))?;
        intermediate.aia_url = Some(aia_url.to_owned());
        intermediate.pooled = true;
        let revocation = revocation::State::new(made_at, &intermediate)?;
        let legacy_root = ca(LEGACY_ROOT, Validity::days(-7300, 3650), None)?;
        let cross_validity = Validity::days(-3000, -CROSS_SIGN_EXPIRED_DAYS_AGO);
        let expired_cross_sign = cross_sign(made_at, &root, &legacy_root, cross_validity)?;
        let expired_validity = Validity::days(-400, -INTERMEDIATE_EXPIRED_DAYS_AGO);
        let expired_intermediate = ca(EXPIRED_INTERMEDIATE, expired_validity, Some(&root))?;
        let untrusted = |name: &str, validity, parent| make_ca(made_at, UNTRUSTED_ORGANIZATION, name, validity, parent);
        let untrusted_root = untrusted(UNTRUSTED_ROOT, ca_validity, None)?;
        let untrusted_intermediate =
            untrusted(UNTRUSTED_INTERMEDIATE, Validity::days(-365, 1825), Some(&untrusted_root))?;
        Ok(Self {
            made_at,
            root,
            intermediate,
            expired_intermediate,
            untrusted_intermediate,
            expired_cross_sign,
            revocation,
        })
    }

    /// The lab root, the anchor to give `tls-doctor --ca-file`.
    pub fn root_pem(&self) -> String {
        self.root.cert.pem()
    }

    pub fn root_der(&self) -> &CertificateDer<'static> {
        self.root.cert.der()
    }

    /// What the AIA server hands out.
    pub fn intermediate_der(&self) -> &CertificateDer<'static> {
        self.intermediate.cert.der()
    }

    /// A leaf for `host` from the lab intermediate, served with that intermediate.
    pub fn leaf(&self, host: &str, validity: Validity) -> Result<Leaf, LabError> {
        self.issue(host, validity, &self.intermediate)
    }

    /// A leaf for `host` from the intermediate that expired, served with it.
    pub fn leaf_under_expired_intermediate(&self, host: &str) -> Result<Leaf, LabError> {
        // Issued while the intermediate was still valid, and valid itself for a while yet.
        let validity = Validity::days(-60, 60);
        self.issue(host, validity, &self.expired_intermediate)
    }

    /// A leaf for `host` from the private root's intermediate, served with it.
    pub fn untrusted_leaf(&self, host: &str) -> Result<Leaf, LabError> {
        self.issue(host, Validity::CURRENT, &self.untrusted_intermediate)
    }

    /// A leaf for `host` that signed itself.
    pub fn self_signed_leaf(&self, host: &str) -> Result<Leaf, LabError> {
        let key = KeyPair::generate()?;
        let cert = leaf_params(self.made_at, host, Validity::CURRENT)?.self_signed(&key)?;
        Ok(Leaf::new(vec![cert], &key))
    }

    /// A leaf for `host` at the end of a path of `certificates - 1` intermediates below the lab
    /// root, served with all of them: a genuine path, only far too long.
    pub fn long_chain_leaf(&self, host: &str, certificates: usize) -> Result<Leaf, LabError> {
        let mut cas: Vec<Ca> = Vec::new();
        for depth in 1..certificates {
            let name = format!("TLS Doctor Lab Intermediate {depth}");
            let parent = cas.last().unwrap_or(&self.root);
            let ca = make_ca(self.made_at, ORGANIZATION, &name, Validity::days(-365, 1825), Some(parent))?;
            cas.push(ca);
        }
        let issuer = cas.last().unwrap_or(&self.root);
        let key = KeyPair::generate()?;
        let cert = leaf_params(self.made_at, host, Validity::CURRENT)?.signed_by(&key, &issuer.issuer)?;
        let mut chain = vec![cert];
        chain.extend(cas.into_iter().rev().map(|ca| ca.cert));
        Ok(Leaf::new(chain, &key))
    }

    /// A leaf for `host` from the lab intermediate, served with it, whose key is `key_pem`
    /// (PKCS #8): an RSA key, for the servers whose suites need one (static RSA, DHE_RSA).
    /// rcgen's ring backend cannot make RSA keys; `openssl genpkey` makes them.
    pub fn leaf_with_rsa_key(&self, host: &str, validity: Validity, key_pem: &str) -> Result<Leaf, LabError> {
        let key = KeyPair::from_pem_and_sign_algo(key_pem, &rcgen::PKCS_RSA_SHA256)?;
        let mut params = leaf_params(self.made_at, host, validity)?;
        if let Some(url) = &self.intermediate.aia_url {
            params.custom_extensions.push(aia::ca_issuers(url));
        }
        let cert = params.signed_by(&key, &self.intermediate.issuer)?;
        Ok(Leaf::new(vec![cert, self.intermediate.cert.clone()], &key))
    }

    /// A leaf for `host` from the lab intermediate, served with the intermediate and the
    /// expired cross-sign of the lab root: the chain clients without the lab root would follow.
    pub fn leaf_with_expired_cross_sign(&self, host: &str) -> Result<Leaf, LabError> {
        let mut leaf = self.leaf(host, Validity::CURRENT)?;
        leaf.chain.push(self.expired_cross_sign.clone());
        Ok(leaf)
    }

    /// A leaf for `host` from the lab root, served with the lab root itself after its
    /// intermediate.
    pub fn leaf_with_root(&self, host: &str) -> Result<Leaf, LabError> {
        let mut leaf = self.leaf(host, Validity::CURRENT)?;
        leaf.chain.push(self.root.cert.clone());
        Ok(leaf)
    }

    /// A leaf for `host` from a CA below the lab intermediate, served as leaf, intermediate,
    /// sub-intermediate: the two CAs swapped.
    pub fn leaf_in_wrong_order(&self, host: &str) -> Result<Leaf, LabError> {
        let sub = make_ca(
            self.made_at,
            ORGANIZATION,
            SUB_INTERMEDIATE,
            Validity::days(-365, 1825),
            Some(&self.intermediate),
        )?;
        let key = KeyPair::generate()?;
        let cert = leaf_params(self.made_at, host, Validity::CURRENT)?.signed_by(&key, &sub.issuer)?;
        Ok(Leaf::new(vec![cert, self.intermediate.cert.clone(), sub.cert], &key))
    }

    /// A leaf for `host` for TLS clients only (extended key usage clientAuth).
    pub fn client_auth_leaf(&self, host: &str) -> Result<Leaf, LabError> {
        self.issue_with(host, Validity::CURRENT, &self.intermediate, revocation::Extras::ClientAuthOnly)
    }

    /// A leaf naming `host` only in its subject's CN, with no subjectAltName.
    pub fn cn_only_leaf(&self, host: &str) -> Result<Leaf, LabError> {
        self.issue_with(host, Validity::CURRENT, &self.intermediate, revocation::Extras::CnOnly)
    }

    /// A leaf for `host` from `ca`, served with `ca`. The intermediate's leaves name its AIA,
    /// OCSP and CRL URLs and take a serial the OCSP responder knows (`pki::revocation`).
    fn issue(&self, host: &str, validity: Validity, ca: &Ca) -> Result<Leaf, LabError> {
        self.issue_with(host, validity, ca, revocation::Extras::Standard)
    }
}

/// A server's certificate chain (leaf first, as served) and the leaf's private key.
#[derive(Clone)]
pub struct Leaf {
    chain: Vec<Certificate>,
    /// PKCS #8, DER.
    key: Vec<u8>,
    key_pem: String,
}

impl fmt::Debug for Leaf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Leaf").field("certificates", &self.chain.len()).finish_non_exhaustive()
    }
}

impl Leaf {
    fn new(chain: Vec<Certificate>, key: &KeyPair) -> Self {
        Self { chain, key: key.serialize_der(), key_pem: key.serialize_pem() }
    }

    /// The same leaf served alone, without the intermediate that issued it.
    pub fn without_intermediates(mut self) -> Self {
        self.chain.truncate(1);
        self
    }

    pub fn chain_der(&self) -> Vec<CertificateDer<'static>> {
        self.chain.iter().map(|c| c.der().clone()).collect()
    }

    /// The whole chain, leaf first (nginx's `ssl_certificate`).
    pub fn chain_pem(&self) -> String {
        self.chain.iter().map(Certificate::pem).collect()
    }

    pub fn leaf_pem(&self) -> String {
        self.chain.first().map(Certificate::pem).unwrap_or_default()
    }

    /// The certificates after the leaf (`openssl s_server -cert_chain`).
    pub fn intermediates_pem(&self) -> String {
        self.chain.iter().skip(1).map(Certificate::pem).collect()
    }

    pub fn key_pem(&self) -> &str {
        &self.key_pem
    }

    pub fn key_der(&self) -> PrivateKeyDer<'static> {
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key.clone()))
    }

    /// The chain and key as a rustls server presents them.
    pub fn certified_key(&self) -> Result<Arc<CertifiedKey>, LabError> {
        let signer = rustls::crypto::ring::sign::any_supported_type(&self.key_der())?;
        Ok(Arc::new(CertifiedKey::new(self.chain_der(), signer)))
    }
}

fn distinguished_name(organization: &str, common_name: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::OrganizationName, organization);
    dn.push(DnType::CommonName, common_name);
    dn
}

fn make_ca(
    made_at: OffsetDateTime,
    organization: &str,
    name: &str,
    validity: Validity,
    parent: Option<&Ca>,
) -> Result<Ca, LabError> {
    let key = KeyPair::generate()?;
    let mut params = CertificateParams::default();
    params.distinguished_name = distinguished_name(organization, name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.not_before = made_at + validity.not_before;
    params.not_after = made_at + validity.not_after;
    params.use_authority_key_identifier_extension = parent.is_some();
    params.serial_number = Some(unique_serial());
    let cert = match parent {
        Some(parent) => params.signed_by(&key, &parent.issuer)?,
        None => params.self_signed(&key)?,
    };
    Ok(Ca { cert, issuer: Issuer::new(params, key), aia_url: None, ocsp_url: None, crl_url: None, pooled: false })
}

/// `root` (same name, same key) signed by `by`: what lets clients that hold only `by` reach
/// `root`.
fn cross_sign(made_at: OffsetDateTime, root: &Ca, by: &Ca, validity: Validity) -> Result<Certificate, LabError> {
    let mut params = CertificateParams::default();
    params.distinguished_name = distinguished_name(ORGANIZATION, LAB_ROOT);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.not_before = made_at + validity.not_before;
    params.not_after = made_at + validity.not_after;
    params.use_authority_key_identifier_extension = true;
    params.serial_number = Some(unique_serial());
    Ok(params.signed_by(root.issuer.key(), &by.issuer)?)
}

fn leaf_params(made_at: OffsetDateTime, host: &str, validity: Validity) -> Result<CertificateParams, LabError> {
    let mut params = CertificateParams::new(vec![host.to_owned()])?;
    params.distinguished_name = distinguished_name(ORGANIZATION, host);
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.not_before = made_at + validity.not_before;
    params.not_after = made_at + validity.not_after;
    params.use_authority_key_identifier_extension = true;
    params.serial_number = Some(unique_serial());
    Ok(params)
}

/// A positive serial number (RFC 5280 §4.1.2.2) that no other certificate of any lab run
/// shares: browsers refuse two different certificates with the same issuer and serial
/// (Firefox: SEC_ERROR_REUSED_ISSUER_AND_SERIAL), and every run re-creates the same issuer
/// names. The clock and a process-wide counter make it unique; the leading 0x01 keeps it
/// positive and non-zero.
pub(crate) fn unique_serial() -> rcgen::SerialNumber {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let mut bytes = vec![0x01];
    bytes.extend_from_slice(&nanos.to_be_bytes()[4..]);
    bytes.extend_from_slice(&COUNTER.fetch_add(1, Ordering::Relaxed).to_be_bytes()[4..]);
    bytes.extend_from_slice(&std::process::id().to_be_bytes());
    rcgen::SerialNumber::from(bytes)
}

#[cfg(test)]
mod tests {
    use tls_doctor_core::cert;
    use tls_doctor_core::time::SECONDS_PER_DAY;

    use super::*;

    const AIA: &str = "http://127.0.0.1:1/intermediate.der";

    fn parse(der: &[u8]) -> cert::CertInfo {
        cert::parse(der).unwrap()
    }

    #[test]
    fn leaves_of_the_intermediate_point_to_it_through_aia() {
        let pki = Pki::generate(AIA).unwrap();
        let leaf = pki.leaf("ok.lab.test", Validity::CURRENT).unwrap();
        let chain = leaf.chain_der();
        assert_eq!(chain.len(), 2);
        let info = parse(&chain[0]);
        assert_eq!(info.ca_issuers, [AIA]);
        assert_eq!(info.dns_names, ["ok.lab.test"]);
        assert_eq!(chain[1].as_ref(), pki.intermediate_der().as_ref());
        assert!(info.issued_by(&parse(&chain[1])));
        assert!(parse(&chain[1]).issued_by(&parse(pki.root_der())));
    }

    #[test]
    fn other_leaves_carry_no_aia() {
        let pki = Pki::generate(AIA).unwrap();
        for leaf in [
            pki.untrusted_leaf("u.lab.test").unwrap(),
            pki.leaf_under_expired_intermediate("e.lab.test").unwrap(),
            pki.self_signed_leaf("s.lab.test").unwrap(),
        ] {
            assert!(parse(&leaf.chain_der()[0]).ca_issuers.is_empty());
        }
    }

    #[test]
    fn dates_are_relative_to_now() {
        let pki = Pki::generate(AIA).unwrap();
        let now = tls_doctor_core::Timestamp::from_unix(pki.made_at.unix_timestamp());
        let leaf = |v| parse(&pki.leaf("d.lab.test", v).unwrap().chain_der()[0]);
        assert_eq!(leaf(Validity::EXPIRED).not_after.days_until(now), EXPIRED_DAYS_AGO);
        assert_eq!(now.days_until(leaf(Validity::NOT_YET_VALID).not_before), NOT_YET_VALID_IN_DAYS);
        assert_eq!(now.days_until(leaf(Validity::EXPIRING_SOON).not_after), EXPIRING_IN_DAYS);
        let expired = parse(&pki.leaf_under_expired_intermediate("x.lab.test").unwrap().chain_der()[1]);
        assert_eq!(expired.not_after.days_until(now), INTERMEDIATE_EXPIRED_DAYS_AGO);
        // The leaf under the expired intermediate was issued while it was valid.
        let under = parse(&pki.leaf_under_expired_intermediate("x.lab.test").unwrap().chain_der()[0]);
        assert!(under.not_before.unix() + SECONDS_PER_DAY < expired.not_after.unix());
    }

    #[test]
    fn a_long_chain_is_a_real_path_of_the_requested_length() {
        let pki = Pki::generate(AIA).unwrap();
        let chain = pki.long_chain_leaf("long.lab.test", 25).unwrap().chain_der();
        assert_eq!(chain.len(), 25);
        let parsed: Vec<_> = chain.iter().map(|c| parse(c)).collect();
        for pair in parsed.windows(2) {
            assert!(pair[0].issued_by(&pair[1]), "{} not issued by {}", pair[0].subject, pair[1].subject);
        }
        assert!(parsed[24].issued_by(&parse(pki.root_der())));
    }

    #[test]
    fn self_signed_means_issued_by_itself() {
        let pki = Pki::generate(AIA).unwrap();
        let leaf = pki.self_signed_leaf("s.lab.test").unwrap();
        assert_eq!(leaf.chain_der().len(), 1);
        assert!(parse(&leaf.chain_der()[0]).self_issued());
    }
}
