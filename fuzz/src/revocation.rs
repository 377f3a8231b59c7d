//! Inputs of the `ocsp_response` and `crl` targets: an answer, and the leaf and issuer it is
//! judged against.
//!
//! A signed answer whose bytes are mutated no longer verifies, so mutations alone would never
//! reach what the host reads after the signature. Hence three modes, chosen by the first byte:
//!
//! - `0`: the answer as it came, about one of the OpenSSL-made fixtures of
//!   `native-host/tests/fixtures/revocation` (the second byte picks the leaf and issuer);
//! - `1`: the leaf and the issuer carried in the input (two u16-length pieces), then the answer:
//!   the lab's answers come this way, with the lab's certificates;
//! - `2`: the signed part only (a u16-length piece: an OCSP `ResponseData` or a CRL
//!   `TBSCertList`), then for OCSP the bytes after the signature (`certs`); the target wraps
//!   and signs it with [`Pki`]'s issuer, its delegated responder or a stranger (the second
//!   byte picks), so the whole reader runs. What a stranger signed must never be believed.

use std::sync::OnceLock;

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SerialNumber, SigningKey,
};

use crate::{element, pieces, tlv};

/// Who signed an answer of mode 2; [`Signer::Unknown`] for the other modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signer {
    Unknown,
    Issuer,
    Delegate,
    Stranger,
}

/// One input, read.
#[derive(Debug)]
pub struct Case<'a> {
    pub leaf: &'a [u8],
    pub issuer: &'a [u8],
    pub answer: Vec<u8>,
    pub signer: Signer,
}

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../native-host/tests/fixtures/revocation/", $name))
    };
}

/// Leaf and issuer pairs of the fixtures, in the order mode 0's second byte picks them.
pub const FIXTURE_PAIRS: &[(&str, &[u8], &[u8])] = &[
    ("good", fixture!("leaf-good.der"), fixture!("ca.der")),
    ("revoked", fixture!("leaf-revoked.der"), fixture!("ca.der")),
    ("unknown", fixture!("leaf-unknown.der"), fixture!("ca.der")),
    ("rsa", fixture!("rsa-leaf.der"), fixture!("rsa-ca.der")),
    ("other-ca", fixture!("leaf-good.der"), fixture!("other-ca.der")),
];

/// The OCSP target's input.
pub fn ocsp_case(data: &[u8]) -> Option<Case<'_>> {
    case(data, true)
}

/// The CRL target's input.
pub fn crl_case(data: &[u8]) -> Option<Case<'_>> {
    case(data, false)
}

fn case(data: &[u8], ocsp: bool) -> Option<Case<'_>> {
    let (&mode, rest) = data.split_first()?;
    match mode % 3 {
        0 => {
            let (&pick, answer) = rest.split_first()?;
            let (_, leaf, issuer) = FIXTURE_PAIRS[usize::from(pick) % FIXTURE_PAIRS.len()];
            Some(Case { leaf, issuer, answer: answer.to_vec(), signer: Signer::Unknown })
        }
        1 => {
            let (certs, answer) = pieces(rest, 2);
            let [leaf, issuer] = certs[..] else { return None };
            Some(Case { leaf, issuer, answer: answer.to_vec(), signer: Signer::Unknown })
        }
        _ => {
            let (&pick, rest) = rest.split_first()?;
            let (signed, trailer) = pieces(rest, 1);
            let tbs = signed.first()?;
            let pki = Pki::get();
            let signer = match pick % 3 {
                0 => Signer::Issuer,
                1 if ocsp => Signer::Delegate,
                _ => Signer::Stranger,
            };
            let answer = if ocsp { pki.ocsp_response(tbs, trailer, signer) } else { pki.crl(tbs, signer) };
            Some(Case { leaf: &pki.leaf, issuer: &pki.ca, answer, signer })
        }
    }
}

/// Mode 2's certificates: an issuer, its leaf (serial 0x1001), a responder it delegated OCSP
/// signing to, and a stranger that took the issuer's name. Ed25519 keys from fixed seeds and
/// fixed dates: the same bytes on every run, so seeds stay valid and crashes reproduce.
pub struct Pki {
    pub ca: Vec<u8>,
    pub leaf: Vec<u8>,
    pub responder: Vec<u8>,
    pub stranger: Vec<u8>,
    ca_issuer: Issuer<'static, KeyPair>,
    responder_key: KeyPair,
    stranger_key: KeyPair,
}

impl std::fmt::Debug for Pki {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pki").finish_non_exhaustive()
    }
}

/// id-Ed25519 (RFC 8410 §3): `AlgorithmIdentifier ::= SEQUENCE { 1.3.101.112 }`.
const ED25519: &[u8] = &[0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70];
/// id-pkix-ocsp-basic (1.3.6.1.5.5.7.48.1.1).
const ID_PKIX_OCSP_BASIC: &[u8] = &[0x06, 0x09, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01];

impl Pki {
    pub fn get() -> &'static Pki {
        static PKI: OnceLock<Pki> = OnceLock::new();
        PKI.get_or_init(Pki::new)
    }

    #[allow(clippy::expect_used)]
    fn new() -> Pki {
        let ca_key = key(1);
        let ca_params = params("TLS Doctor fuzz CA", 0x01, true);
        let ca = ca_params.self_signed(&ca_key).expect("the fuzz CA").der().to_vec();
        let ca_issuer = Issuer::new(ca_params, ca_key);

        let mut leaf_params = params("leaf.fuzz.test", 0x1001, false);
        leaf_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let leaf = leaf_params.signed_by(&key(2), &ca_issuer).expect("the fuzz leaf").der().to_vec();

        let responder_key = key(3);
        let mut responder_params = params("TLS Doctor fuzz OCSP responder", 0x7001, false);
        responder_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::OcspSigning];
        let responder = responder_params.signed_by(&responder_key, &ca_issuer).expect("the responder").der().to_vec();

        // Same name as the issuer, OCSP signing, but issued by itself.
        let stranger_key = key(4);
        let mut stranger_params = params("TLS Doctor fuzz CA", 0x02, false);
        stranger_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::OcspSigning];
        let stranger = stranger_params.self_signed(&stranger_key).expect("the stranger").der().to_vec();

        Pki { ca, leaf, responder, stranger, ca_issuer, responder_key, stranger_key }
    }

    /// The issuer's key, for the seeds' CRLs.
    pub fn ca_issuer(&self) -> &Issuer<'static, KeyPair> {
        &self.ca_issuer
    }

    /// The raw public key of the issuer (what `issuerKeyHash` hashes).
    pub fn ca_key_bits(&self) -> &[u8] {
        self.ca_issuer.key().public_key_raw()
    }

    fn key_of(&self, signer: Signer) -> &KeyPair {
        match signer {
            Signer::Delegate => &self.responder_key,
            Signer::Stranger => &self.stranger_key,
            Signer::Issuer | Signer::Unknown => self.ca_issuer.key(),
        }
    }

    /// `tbs`, its Ed25519 algorithm and signature by `signer`, then `trailer`, in one SEQUENCE.
    fn signed(&self, tbs: &[u8], trailer: &[u8], signer: Signer) -> Vec<u8> {
        let signature = self.key_of(signer).sign(tbs).unwrap_or_default();
        let bits = tlv(0x03, &[&[0u8][..], &signature].concat());
        tlv(0x30, &[tbs, ED25519, &bits, trailer].concat())
    }

    /// A successful OCSPResponse around `data` (a ResponseData), signed by `signer`. Without a
    /// `trailer`, the delegate's and the stranger's certificates come along as `certs`.
    pub fn ocsp_response(&self, data: &[u8], trailer: &[u8], signer: Signer) -> Vec<u8> {
        let own = match signer {
            Signer::Delegate => Some(&self.responder),
            Signer::Stranger => Some(&self.stranger),
            Signer::Issuer | Signer::Unknown => None,
        };
        let certs = match own {
            Some(cert) if trailer.is_empty() => tlv(0xa0, &tlv(0x30, cert)),
            _ => trailer.to_vec(),
        };
        let basic = self.signed(data, &certs, signer);
        let bytes = tlv(0x30, &[ID_PKIX_OCSP_BASIC, &tlv(0x04, &basic)].concat());
        tlv(0x30, &[tlv(0x0a, &[0]), tlv(0xa0, &bytes)].concat())
    }

    /// A CertificateList around `tbs` (a TBSCertList), signed by `signer`.
    pub fn crl(&self, tbs: &[u8], signer: Signer) -> Vec<u8> {
        self.signed(tbs, &[], signer)
    }

    /// The leaf's issuer `Name` and serial number elements (DER, headers included).
    pub fn leaf_issuer_and_serial(&self) -> Option<(&[u8], &[u8])> {
        let (tbs, _) = element(crate::content(&self.leaf)?)?;
        let fields = crate::content(tbs)?;
        let (version, rest) = element(fields)?;
        let rest = if version.first() == Some(&0xa0) { rest } else { fields };
        let (serial, rest) = element(rest)?;
        let (_algorithm, rest) = element(rest)?;
        let (issuer, _) = element(rest)?;
        Some((issuer, serial))
    }
}

/// An Ed25519 key whose seed is `n` repeated: PKCS#8 v1 (RFC 8410 §7).
#[allow(clippy::expect_used)]
fn key(n: u8) -> KeyPair {
    let mut der = vec![0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
    der.extend_from_slice(&[n; 32]);
    use base64::Engine as _;
    let pem = format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        base64::engine::general_purpose::STANDARD.encode(&der)
    );
    KeyPair::from_pem(&pem).expect("an Ed25519 key")
}

/// 2025-01-01 to 2125-01-01, around the targets' `NOW`.
#[allow(clippy::expect_used)]
fn params(cn: &str, serial: u64, ca: bool) -> CertificateParams {
    let mut params = CertificateParams::default();
    let mut name = DistinguishedName::new();
    name.push(DnType::OrganizationName, "TLS Doctor fuzz");
    name.push(DnType::CommonName, cn);
    params.distinguished_name = name;
    params.serial_number = Some(SerialNumber::from(serial));
    params.not_before = time::OffsetDateTime::from_unix_timestamp(1_735_689_600).expect("a date");
    params.not_after = time::OffsetDateTime::from_unix_timestamp(4_891_363_200).expect("a date");
    if ca {
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    } else {
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        if cn.contains('.') {
            params.subject_alt_names = vec![rcgen::SanType::DnsName(cn.try_into().expect("a DNS name"))];
        }
    }
    params
}

/// Mode 2's input: `flags` 2, the `signer` byte, the signed part, and the trailer.
pub fn signed_input(signer: u8, tbs: &[u8], trailer: &[u8]) -> Vec<u8> {
    [&[2u8, signer][..], &crate::join(&[tbs], trailer)].concat()
}

/// The longest `detail` of an `Unusable` outcome: it names what was wrong and may quote a little
/// of the answer, never the answer itself (a CRL may be megabytes, and the evidence must fit a
/// native-messaging reply).
pub const DETAIL_LIMIT: usize = 1024;

pub fn assert_short(detail: &str) {
    assert!(detail.len() <= DETAIL_LIMIT, "a detail of {} bytes: {:.200}…", detail.len(), detail);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::time::{Duration, UNIX_EPOCH};

    use tls_doctor_core::wire::{CertStatus, RevocationOutcome};

    use super::*;

    fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").join(target);
        let mut all: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter(|e| e.path().is_file())
            .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
            .collect();
        all.sort();
        all
    }

    /// The seeds say what their names say: the fuzz PKI's signatures verify, and the reader
    /// reaches the statuses.
    #[test]
    fn ocsp_seeds_reach_every_status() {
        let now = UNIX_EPOCH + Duration::from_secs(crate::NOW);
        for (name, input) in seeds("ocsp_response") {
            let case = ocsp_case(&input).unwrap();
            let outcome = tls_doctor_host::probe::judge_ocsp(&case.answer, case.leaf, case.issuer, now).unwrap();
            let status = match &outcome {
                RevocationOutcome::Answered { status, .. } => Some(status.clone()),
                _ => None,
            };
            let expected = if name.contains("stranger") || name.contains("about-another") {
                None
            } else if name.starts_with("signed-good") || name == "openssl-ocsp-good-by-ca-about-good" {
                Some(CertStatus::Good)
            } else if name.starts_with("signed-unknown") {
                Some(CertStatus::Unknown)
            } else {
                status.clone()
            };
            assert_eq!(status, expected, "{name}: {outcome:?}");
            if name.starts_with("signed-revoked") && !name.contains("stranger") {
                assert!(matches!(status, Some(CertStatus::Revoked { .. })), "{name}: {outcome:?}");
            }
        }
    }

    #[test]
    fn crl_seeds_are_read_past_the_signature() {
        for (name, input) in seeds("crl") {
            let case = crl_case(&input).unwrap();
            let outcome = tls_doctor_host::probe::judge_crl(&case.answer, case.leaf, case.issuer).unwrap();
            let answered = matches!(outcome, RevocationOutcome::Answered { .. });
            let expected = !name.contains("stranger") && !name.contains("other-ca");
            assert_eq!(answered, expected, "{name}: {outcome:?}");
            if name.contains("revokes-the-leaf") && answered {
                assert!(
                    matches!(outcome, RevocationOutcome::Answered { status: CertStatus::Revoked { .. }, .. }),
                    "{name}: {outcome:?}"
                );
            }
        }
    }
}
