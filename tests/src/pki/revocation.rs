//! Revocation in the lab's PKI: what OCSP and CRL clients are told about the intermediate's
//! leaves.
//!
//! - **Serial numbers from a pool.** The intermediate's leaves take their serials from a block
//!   registered in the OCSP responder's index before the responder starts. `openssl ocsp`
//!   re-reads a changed index only after it has answered the next request (it checks before
//!   blocking in `accept`), so a leaf issued later would be "unknown" for one request; a static
//!   index has no such window. The first serial of the pool is the revoked one.
//! - **The index**, in `openssl ca`'s database format, that `openssl ocsp -index` answers from.
//! - **The CRL** of the intermediate (made with rcgen), listing the revoked serial.
//! - **The TLS feature extension** (RFC 7633, "must-staple"), written by hand like AIA.
//! - **OCSP responses made here**, for the one answer `openssl ocsp` cannot make: a staple whose
//!   nextUpdate has passed (it dates every answer from now).

use std::sync::atomic::{AtomicUsize, Ordering};

use rcgen::{
    CertificateRevocationListParams, CrlDistributionPoint, CustomExtension, ExtendedKeyUsagePurpose, KeyIdMethod,
    KeyPair, RevocationReason, RevokedCertParams, SerialNumber, SigningKey,
};
use ring::digest;
use time::{Duration, OffsetDateTime};

use super::aia::{self, tlv};
use super::{Ca, Leaf, Pki, Validity};
use crate::LabError;

/// How many serials the pool holds (index 0 is the revoked one). A full lab run issues a few
/// dozen leaves; a leaf issued beyond the pool gets a serial the responder does not know.
pub const POOL_SIZE: usize = 1024;
/// `revoked`: when the intermediate revoked the leaf, in days before the lab started.
pub const REVOKED_DAYS_AGO: i64 = 2;
/// The reason the lab gives for revoking (RFC 5280 §5.3.1), as the wire names it.
pub const REVOKED_REASON: &str = "key_compromise";
/// `stapled-stale`: the staple's nextUpdate, in days before the lab started.
pub const STALE_STAPLE_DAYS_AGO: i64 = 3;
/// How long the lab's CRL says it is current (thisUpdate a day back, nextUpdate this far ahead).
const CRL_DAYS: i64 = 7;

/// What the PKI keeps for revocation.
pub(super) struct State {
    pool: SerialPool,
    crl: Vec<u8>,
    /// A responder the intermediate delegated OCSP signing to (RFC 6960 §4.2.2.2).
    responder: Leaf,
}

impl State {
    pub(super) fn new(made_at: OffsetDateTime, intermediate: &Ca) -> Result<Self, LabError> {
        let pool = SerialPool::new();
        let crl = CertificateRevocationListParams {
            this_update: made_at - Duration::days(1),
            next_update: made_at + Duration::days(CRL_DAYS),
            crl_number: SerialNumber::from_slice(&[1]),
            issuing_distribution_point: None,
            revoked_certs: vec![RevokedCertParams {
                serial_number: SerialNumber::from_slice(&pool.revoked()),
                revocation_time: made_at - Duration::days(REVOKED_DAYS_AGO),
                reason_code: Some(RevocationReason::KeyCompromise),
                invalidity_date: None,
            }],
            key_identifier_method: KeyIdMethod::Sha256,
        }
        .signed_by(&intermediate.issuer)?
        .der()
        .to_vec();
        let key = KeyPair::generate()?;
        let mut params = super::leaf_params(made_at, "TLS Doctor Lab OCSP Responder", Validity::days(-30, 365))?;
        params.subject_alt_names.clear();
        params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::OcspSigning];
        let cert = params.signed_by(&key, &intermediate.issuer)?;
        let responder = Leaf::new(vec![cert, intermediate.cert.clone()], &key);
        Ok(Self { pool, crl, responder })
    }
}

/// Serial numbers `0x01 ‖ clock ‖ pid ‖ index` (19 octets, RFC 5280 §4.1.2.2 allows 20): unique
/// across lab runs, as browsers require (see `unique_serial`), and known in advance.
struct SerialPool {
    base: Vec<u8>,
    next: AtomicUsize,
}

impl SerialPool {
    fn new() -> Self {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let mut base = vec![0x01];
        base.extend_from_slice(&nanos.to_be_bytes()[4..]);
        base.extend_from_slice(&std::process::id().to_be_bytes());
        Self { base, next: AtomicUsize::new(1) }
    }

    fn serial(&self, index: usize) -> Vec<u8> {
        let mut serial = self.base.clone();
        serial.extend_from_slice(&u16::try_from(index).unwrap_or(u16::MAX).to_be_bytes());
        serial
    }

    fn take(&self) -> Option<Vec<u8>> {
        let index = self.next.fetch_add(1, Ordering::Relaxed);
        (index < POOL_SIZE).then(|| self.serial(index))
    }

    fn revoked(&self) -> Vec<u8> {
        self.serial(0)
    }
}

/// What a leaf of the intermediate says about its revocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Extras<'a> {
    /// A serial from the pool, the lab's OCSP responder and CRL.
    Standard,
    /// The pool's revoked serial.
    Revoked,
    /// Standard, and the TLS feature extension asking for a staple.
    MustStaple,
    /// This OCSP URL and no CRL distribution point.
    OcspOnly(&'a str),
    /// Standard, but for TLS clients only (extended key usage clientAuth).
    ClientAuthOnly,
    /// Standard, but without a subjectAltName: the host name only in the subject's CN.
    CnOnly,
    /// A serial from the pool, and exactly these URLs (none where `None`): the hostile lab's
    /// leaves point their AIA, OCSP and CRL fetches at its misbehaving web servers.
    Urls(Urls<'a>),
}

/// Where a leaf says its issuer, its OCSP responder and its CRL are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Urls<'a> {
    pub ca_issuers: Option<&'a str>,
    pub ocsp: Option<&'a str>,
    pub crl: Option<&'a str>,
}

impl Pki {
    /// Leaves of the intermediate from now on name this OCSP responder.
    pub fn set_ocsp_url(&mut self, url: &str) {
        self.intermediate.ocsp_url = Some(url.to_owned());
    }

    /// Leaves of the intermediate from now on name this CRL.
    pub fn set_crl_url(&mut self, url: &str) {
        self.intermediate.crl_url = Some(url.to_owned());
    }

    /// The intermediate's CRL (DER), as the lab's HTTP server hands it out.
    pub fn crl_der(&self) -> &[u8] {
        &self.revocation.crl
    }

    /// The OCSP responder's index (`openssl ocsp -index`): every pool serial, one revoked.
    pub fn ocsp_index(&self) -> String {
        let expiry = index_time(self.intermediate_not_after());
        let revoked_at = index_time(self.made_at - Duration::days(REVOKED_DAYS_AGO));
        (0..POOL_SIZE)
            .map(|i| {
                let serial: String = self.revocation.pool.serial(i).iter().map(|b| format!("{b:02X}")).collect();
                if i == 0 {
                    format!("R\t{expiry}\t{revoked_at},keyCompromise\t{serial}\tunknown\t/CN=revoked.lab.test\n")
                } else {
                    format!("V\t{expiry}\t\t{serial}\tunknown\t/CN=lab leaf {i}\n")
                }
            })
            .collect()
    }

    fn intermediate_not_after(&self) -> OffsetDateTime {
        self.made_at + Duration::days(1825)
    }

    /// The intermediate's certificate (`openssl ocsp -CA`).
    pub fn intermediate_pem(&self) -> String {
        self.intermediate.cert.pem()
    }

    /// The intermediate's key, for answers it signs itself.
    pub fn intermediate_key_pem(&self) -> String {
        self.intermediate.issuer.key().serialize_pem()
    }

    /// The responder the intermediate delegated OCSP signing to (`-rsigner`, `-rkey`).
    pub fn ocsp_responder(&self) -> &Leaf {
        &self.revocation.responder
    }

    /// A leaf for `host` that the intermediate has revoked (OCSP and CRL agree).
    pub fn revoked_leaf(&self, host: &str) -> Result<Leaf, LabError> {
        self.issue_with(host, Validity::CURRENT, &self.intermediate, Extras::Revoked)
    }

    /// A leaf for `host` whose TLS feature extension demands a stapled OCSP response.
    pub fn must_staple_leaf(&self, host: &str) -> Result<Leaf, LabError> {
        self.issue_with(host, Validity::CURRENT, &self.intermediate, Extras::MustStaple)
    }

    /// A leaf for `host` whose only revocation source is the OCSP responder at `url`.
    pub fn leaf_with_ocsp_url(&self, host: &str, url: &str) -> Result<Leaf, LabError> {
        self.issue_with(host, Validity::CURRENT, &self.intermediate, Extras::OcspOnly(url))
    }

    /// A "good" OCSP response for `leaf` signed by the intermediate, made 10 days ago and
    /// current until [`STALE_STAPLE_DAYS_AGO`] days ago.
    pub fn stale_staple(&self, leaf: &Leaf) -> Result<Vec<u8>, LabError> {
        let der = leaf.chain_der().first().map(|c| c.to_vec()).unwrap_or_default();
        let this_update = self.made_at - Duration::days(10);
        let next_update = self.made_at - Duration::days(STALE_STAPLE_DAYS_AGO);
        ocsp_response(&der, self.intermediate.issuer.key(), this_update, next_update)
    }

    pub(super) fn issue_with(
        &self,
        host: &str,
        validity: Validity,
        ca: &Ca,
        extras: Extras<'_>,
    ) -> Result<Leaf, LabError> {
        let key = KeyPair::generate()?;
        let mut params = super::leaf_params(self.made_at, host, validity)?;
        if ca.pooled {
            let serial = match extras {
                Extras::Revoked => Some(self.revocation.pool.revoked()),
                _ => self.revocation.pool.take(),
            };
            if let Some(serial) = serial {
                params.serial_number = Some(SerialNumber::from(serial));
            }
        }
        let urls = match extras {
            Extras::Urls(urls) => urls,
            Extras::OcspOnly(url) => Urls { ca_issuers: ca.aia_url.as_deref(), ocsp: Some(url), crl: None },
            _ => Urls { ca_issuers: ca.aia_url.as_deref(), ocsp: ca.ocsp_url.as_deref(), crl: ca.crl_url.as_deref() },
        };
        if urls.ca_issuers.is_some() || urls.ocsp.is_some() {
            params.custom_extensions.push(aia::authority_info_access(urls.ca_issuers, urls.ocsp));
        }
        if let Some(url) = urls.crl {
            params.crl_distribution_points = vec![CrlDistributionPoint { uris: vec![url.to_owned()] }];
        }
        match extras {
            Extras::MustStaple => params.custom_extensions.push(must_staple()),
            Extras::ClientAuthOnly => params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth],
            Extras::CnOnly => params.subject_alt_names.clear(),
            Extras::Standard | Extras::Revoked | Extras::OcspOnly(_) | Extras::Urls(_) => {}
        }
        let cert = params.signed_by(&key, &ca.issuer)?;
        Ok(Leaf::new(vec![cert, ca.cert.clone()], &key))
    }
}

/// id-pe-tlsfeature (1.3.6.1.5.5.7.1.24, RFC 7633 §6) with `Features ::= SEQUENCE OF INTEGER`
/// holding status_request (5, RFC 6066 §8): the certificate must come with a stapled OCSP
/// response. Not critical (RFC 7633 §4.2).
pub(crate) fn must_staple() -> CustomExtension {
    const ID_PE_TLSFEATURE: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 1, 24];
    CustomExtension::from_oid_content(ID_PE_TLSFEATURE, tlv(SEQUENCE, &tlv(INTEGER, &[5])))
}

/// `YYMMDDHHMMSSZ`, as `openssl ca` databases write times.
fn index_time(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:02}{:02}{:02}{:02}{:02}{:02}Z",
        t.year().rem_euclid(100),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `YYYYMMDDHHMMSSZ` (GeneralizedTime, RFC 5280 §4.1.2.5.2).
fn generalized_time(t: OffsetDateTime) -> Vec<u8> {
    let t = t.to_offset(time::UtcOffset::UTC);
    let text = format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    tlv(GENERALIZED_TIME, text.as_bytes())
}

const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OCTET_STRING: u8 = 0x04;
const ENUMERATED: u8 = 0x0a;
const GENERALIZED_TIME: u8 = 0x18;
const SEQUENCE: u8 = 0x30;
/// id-sha1 with NULL parameters.
const SHA1: &[u8] = &[0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00];
/// ecdsa-with-SHA256, no parameters (RFC 5758 §3.2).
const ECDSA_WITH_SHA256: &[u8] = &[0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
/// id-pkix-ocsp-basic (1.3.6.1.5.5.7.48.1.1).
const ID_PKIX_OCSP_BASIC: &[u8] = &[0x06, 0x09, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01];

/// A successful OCSPResponse saying "good" about `leaf_der`, signed by its issuer's `key`
/// (ECDSA P-256), with the given times (RFC 6960 §4.2.1). `producedAt` is `this_update`.
pub(crate) fn ocsp_response(
    leaf_der: &[u8],
    key: &KeyPair,
    this_update: OffsetDateTime,
    next_update: OffsetDateTime,
) -> Result<Vec<u8>, LabError> {
    if key.algorithm() != &rcgen::PKCS_ECDSA_P256_SHA256 {
        return Err(LabError::new("the lab signs OCSP answers with ECDSA P-256 keys only"));
    }
    let (serial, issuer) = serial_and_issuer(leaf_der).ok_or_else(|| LabError::new("the leaf does not parse"))?;
    let sha1 = |data: &[u8]| digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, data).as_ref().to_vec();
    let key_hash = sha1(key.public_key_raw());
    let cert_id =
        tlv(SEQUENCE, &[SHA1, &tlv(OCTET_STRING, &sha1(issuer)), &tlv(OCTET_STRING, &key_hash), serial].concat());
    let good = [0x80, 0x00];
    let next = tlv(0xa0, &generalized_time(next_update));
    let single = tlv(SEQUENCE, &[cert_id.as_slice(), &good, &generalized_time(this_update), &next].concat());
    let by_key = tlv(0xa2, &tlv(OCTET_STRING, &key_hash));
    let data = tlv(SEQUENCE, &[by_key, generalized_time(this_update), tlv(SEQUENCE, &single)].concat());
    let signature = key.sign(&data)?;
    let bits = tlv(BIT_STRING, &[&[0x00], signature.as_slice()].concat());
    let basic = tlv(SEQUENCE, &[data.as_slice(), ECDSA_WITH_SHA256, &bits].concat());
    let bytes = tlv(SEQUENCE, &[ID_PKIX_OCSP_BASIC, &tlv(OCTET_STRING, &basic)].concat());
    Ok(tlv(SEQUENCE, &[tlv(ENUMERATED, &[0]), tlv(0xa0, &bytes)].concat()))
}

/// The serialNumber element and the issuer `Name` element (both DER, headers included) of a
/// certificate.
fn serial_and_issuer(cert: &[u8]) -> Option<(&[u8], &[u8])> {
    let (_, tbs_and_rest) = content(cert)?;
    let (tbs, _) = element(tbs_and_rest)?;
    let (_, mut fields) = content(tbs)?;
    let (first, rest) = element(fields)?;
    if first.first() == Some(&0xa0) {
        fields = rest; // the version
    }
    let (serial, rest) = element(fields)?;
    let (_signature, rest) = element(rest)?;
    let (issuer, _) = element(rest)?;
    Some((serial, issuer))
}

/// The first DER element of `der`, and what follows it.
fn element(der: &[u8]) -> Option<(&[u8], &[u8])> {
    let (header, content) = content(der)?;
    let len = header + content.len();
    Some((der.get(..len)?, der.get(len..)?))
}

/// The header length and the content of the DER element at the start of `der`.
fn content(der: &[u8]) -> Option<(usize, &[u8])> {
    let first = *der.get(1)?;
    let (header, len) = if first < 0x80 {
        (2, usize::from(first))
    } else {
        let n = usize::from(first & 0x7f);
        let bytes = der.get(2..2 + n).filter(|_| n <= 4)?;
        (2 + n, bytes.iter().fold(0usize, |acc, b| (acc << 8) | usize::from(*b)))
    };
    Some((header, der.get(header..header.checked_add(len)?)?))
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    use super::*;
    use crate::scratch::ScratchDir;

    const AIA: &str = "http://127.0.0.1:1/intermediate.der";

    #[test]
    fn pool_serials_are_distinct_and_the_first_is_revoked() {
        let pool = SerialPool::new();
        let a = pool.take().unwrap();
        let b = pool.take().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 19);
        assert_ne!(a, pool.revoked());
        assert_eq!(a[..17], pool.revoked()[..17]);
    }

    #[test]
    fn the_index_lists_the_pool_with_one_revoked_line() {
        let pki = Pki::generate(AIA).unwrap();
        let index = pki.ocsp_index();
        assert_eq!(index.lines().count(), POOL_SIZE);
        assert_eq!(index.lines().filter(|l| l.starts_with("R\t")).count(), 1);
        let first = index.lines().next().unwrap();
        assert!(first.contains(",keyCompromise\t"), "{first}");
    }

    /// The extensions the lab writes are the ones `tls-doctor` reads (`CertInfo`'s `ocsp_urls`,
    /// `crl_urls`, `must_staple`).
    #[test]
    fn leaves_name_their_revocation_sources_as_the_model_reads_them() {
        use tls_doctor_core::cert;
        let mut pki = Pki::generate(AIA).unwrap();
        pki.set_ocsp_url("http://127.0.0.1:2/");
        pki.set_crl_url("http://127.0.0.1:1/intermediate.crl");
        let parse = |leaf: Leaf| cert::parse(&leaf.chain_der()[0]).unwrap();
        let standard = parse(pki.leaf("a.lab.test", Validity::CURRENT).unwrap());
        assert_eq!(standard.ocsp_urls, ["http://127.0.0.1:2/"]);
        assert_eq!(standard.ca_issuers, [AIA]);
        assert_eq!(standard.crl_urls, ["http://127.0.0.1:1/intermediate.crl"]);
        assert!(!standard.must_staple);
        assert!(parse(pki.must_staple_leaf("m.lab.test").unwrap()).must_staple);
        let only = parse(pki.leaf_with_ocsp_url("o.lab.test", "http://127.0.0.1:3/").unwrap());
        assert_eq!(only.ocsp_urls, ["http://127.0.0.1:3/"]);
        assert!(only.crl_urls.is_empty());
        // Leaves of the other CAs name nothing.
        let untrusted = parse(pki.untrusted_leaf("u.lab.test").unwrap());
        assert!(untrusted.ocsp_urls.is_empty() && untrusted.crl_urls.is_empty());
    }

    #[test]
    fn the_revoked_leaf_has_the_serial_the_crl_lists() {
        let pki = Pki::generate(AIA).unwrap();
        let leaf = pki.revoked_leaf("r.lab.test").unwrap();
        let chain = leaf.chain_der();
        let (serial, _) = serial_and_issuer(&chain[0]).unwrap();
        let revoked = pki.revocation.pool.revoked();
        assert_eq!(serial, tlv(INTEGER, &revoked));
        let crl = pki.crl_der();
        assert!(crl.windows(revoked.len()).any(|w| w == revoked.as_slice()));
    }

    #[test]
    fn element_walks_der() {
        assert_eq!(element(&[0x02, 0x01, 0x05, 0xff]), Some((&[0x02, 0x01, 0x05][..], &[0xff][..])));
        let long = tlv(0x04, &[0; 300]);
        assert_eq!(element(&long).map(|(e, r)| (e.len(), r.len())), Some((304, 0)));
        assert_eq!(element(&[0x04, 0x05, 0x00]), None);
        assert_eq!(element(&[0x04, 0x85, 0, 0, 0, 0, 1]), None);
    }

    /// `openssl ocsp` checks what the lab made: signed by the intermediate, about the leaf, and
    /// (for the stale staple) out of date.
    #[test]
    fn openssl_accepts_the_lab_s_answers_and_sees_the_stale_one_is_stale() {
        let pki = Pki::generate(AIA).unwrap();
        let leaf = pki.leaf("stale.lab.test", Validity::CURRENT).unwrap();
        let dir = ScratchDir::new("tls-doctor-lab-ocsp-selftest").unwrap();
        let issuer = dir.write("issuer.pem", pki.intermediate_pem()).unwrap();
        let cert = dir.write("leaf.pem", leaf.leaf_pem()).unwrap();
        let check = |name: &str, response: Vec<u8>| {
            let file = dir.write(name, response).unwrap();
            let out = Command::new("openssl")
                .args(["ocsp", "-respin"])
                .arg(&file)
                .arg("-issuer")
                .arg(&issuer)
                .arg("-cert")
                .arg(&cert)
                .arg("-VAfile")
                .arg(&issuer)
                .output()
                .unwrap();
            String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
        };
        let stale = check("stale.der", pki.stale_staple(&leaf).unwrap());
        assert!(stale.contains("Response verify OK"), "{stale}");
        assert!(stale.contains("good"), "{stale}");
        assert!(stale.contains("Status times invalid"), "{stale}");
        let now = OffsetDateTime::now_utc();
        let fresh = ocsp_response(
            &leaf.chain_der()[0],
            pki.intermediate.issuer.key(),
            now - Duration::hours(1),
            now + Duration::days(1),
        )
        .unwrap();
        let fresh = check("fresh.der", fresh);
        assert!(fresh.contains("Response verify OK") && !fresh.contains("Status times invalid"), "{fresh}");
    }
}
