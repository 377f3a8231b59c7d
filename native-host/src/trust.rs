//! Trust stores and path verification. The host verifies (it has the crypto); the model
//! judges what the verdicts mean.
//!
//! Three stores, because users' clients differ: Mozilla's root program (webpki-roots; what
//! Firefox trusts), the operating system's store (rustls-native-certs; what Chrome, Edge and
//! most mail apps trust), and anchors given with `--ca-file`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, TrustAnchor, UnixTime};
use tls_doctor_core::cert::{self, CertInfo};
use tls_doctor_core::wire::{Bytes, RejectReason, StoreVerdict, TrustStore, Verdict};

/// A named set of trust anchors.
#[derive(Debug)]
pub struct Store {
    pub kind: TrustStore,
    pub anchors: Vec<TrustAnchor<'static>>,
    /// SHA-256 of each anchor's certificate, beside `anchors`, when the store was read from
    /// certificates (empty for the compiled-in Mozilla list).
    pub sha256: Vec<[u8; 32]>,
}

impl Store {
    pub fn empty(kind: TrustStore) -> Self {
        Self { kind, anchors: Vec::new(), sha256: Vec::new() }
    }

    pub fn mozilla() -> Self {
        Self { kind: TrustStore::Mozilla, anchors: webpki_roots::TLS_SERVER_ROOTS.to_vec(), sha256: Vec::new() }
    }

    /// The OS store. Unreadable entries are skipped; an unreadable store is an empty one
    /// (its verdict then says `anchors: 0`).
    pub fn system() -> Self {
        let found = rustls_native_certs::load_native_certs();
        let (anchors, sha256) = found
            .certs
            .iter()
            .filter_map(|der| webpki::anchor_from_trusted_cert(der).ok().map(|a| (a.to_owned(), digest(der))))
            .unzip();
        Self { kind: TrustStore::System, anchors, sha256 }
    }

    /// Anchors from PEM text (`--ca-file`).
    pub fn custom_from_pem(pem: &[u8]) -> Result<Self, String> {
        let mut anchors = Vec::new();
        let mut sha256 = Vec::new();
        for item in CertificateDer::pem_slice_iter(pem) {
            let der = item.map_err(|e| e.to_string())?;
            let anchor = webpki::anchor_from_trusted_cert(&der).map_err(|e| e.to_string())?;
            anchors.push(anchor.to_owned());
            sha256.push(digest(&der));
        }
        Ok(Self { kind: TrustStore::Custom, anchors, sha256 })
    }

    /// The SHA-256 (hex) of the certificate behind `anchor`, when the store knows it.
    fn sha256_of(&self, anchor: &TrustAnchor<'_>) -> Option<String> {
        let i = self.anchors.iter().position(|a| {
            a.subject.as_ref() == anchor.subject.as_ref()
                && a.subject_public_key_info.as_ref() == anchor.subject_public_key_info.as_ref()
        })?;
        self.sha256.get(i).map(|d| hex(d))
    }

    fn has_subject(&self, name_value: &[u8]) -> bool {
        self.anchors.iter().any(|a| a.subject.as_ref() == name_value)
    }
}

/// SHA-256 of the anchor's whole SubjectPublicKeyInfo. webpki keeps only its contents (without
/// the outer SEQUENCE's tag and length), so they are put back first.
fn spki_sha256(anchor: &TrustAnchor<'_>) -> String {
    let body = anchor.subject_public_key_info.as_ref();
    let mut der = vec![0x30];
    match body.len() {
        n if n < 0x80 => der.push(n as u8),
        n if n <= 0xff => der.extend([0x81, n as u8]),
        n if n <= 0xffff => der.extend([0x82, (n >> 8) as u8, n as u8]),
        n => der.extend([0x83, (n >> 16) as u8, (n >> 8) as u8, n as u8]),
    }
    der.extend_from_slice(body);
    hex(&digest(&der))
}

/// Lowercase hex, as the evidence writes hashes.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn digest(der: &[u8]) -> [u8; 32] {
    let mut out = [0; 32];
    out.copy_from_slice(ring::digest::digest(&ring::digest::SHA256, der).as_ref());
    out
}

/// Verify `chain` (leaf first, then whatever else was sent or fetched) against `store` at
/// `now`, and once more with dates set aside.
pub fn verify(store: &Store, chain: &[CertificateDer<'_>], now: SystemTime) -> StoreVerdict {
    let parsed: Vec<Option<CertInfo>> = chain.iter().map(|c| cert::parse(c).ok()).collect();
    let issuer_is_anchor = parsed
        .iter()
        .map(|c| {
            c.as_ref().and_then(|c| cert::name_value(&c.issuer_der).map(|v| store.has_subject(v))).unwrap_or(false)
        })
        .collect();
    let verdict = verify_at(store, chain, unix(now));
    let verdict_dates_aside = match &verdict {
        Verdict::Trusted { .. } => None,
        Verdict::Rejected { .. } => moment_all_valid(&parsed).map(|at| verify_at(store, chain, at)),
    };
    StoreVerdict {
        store: store.kind,
        anchors: u32::try_from(store.anchors.len()).unwrap_or(u32::MAX),
        verdict,
        verdict_dates_aside,
        issuer_is_anchor,
    }
}

fn verify_at(store: &Store, chain: &[CertificateDer<'_>], at: UnixTime) -> Verdict {
    let Some((leaf, rest)) = chain.split_first() else {
        return Verdict::Rejected { reason: RejectReason::BadEncoding, detail: "no certificate".into() };
    };
    let ee = match webpki::EndEntityCert::try_from(leaf) {
        Ok(ee) => ee,
        Err(e) => return rejected(&e),
    };
    let algorithms = rustls::crypto::ring::default_provider().signature_verification_algorithms.all;
    match ee.verify_for_usage(algorithms, &store.anchors, rest, at, webpki::KeyUsage::server_auth(), None, None) {
        Ok(path) => Verdict::Trusted {
            anchor: Bytes(path.anchor().subject.as_ref().to_vec()),
            anchor_sha256: store.sha256_of(path.anchor()),
            anchor_spki_sha256: Some(spki_sha256(path.anchor())),
        },
        Err(e) => rejected(&e),
    }
}

fn rejected(e: &webpki::Error) -> Verdict {
    use webpki::Error as E;
    let reason = match e {
        E::UnknownIssuer => RejectReason::UnknownIssuer,
        E::CertExpired { .. } => RejectReason::Expired,
        E::CertNotValidYet { .. } => RejectReason::NotYetValid,
        E::InvalidSignatureForPublicKey => RejectReason::BadSignature,
        E::UnsupportedSignatureAlgorithmContext(_) | E::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => {
            RejectReason::UnsupportedSignatureAlgorithm
        }
        E::RequiredEkuNotFoundContext(_) | E::EmptyEkuExtension => RejectReason::InvalidPurpose,
        E::CaUsedAsEndEntity => RejectReason::CaUsedAsEndEntity,
        E::EndEntityUsedAsCa => RejectReason::EndEntityUsedAsCa,
        E::NameConstraintViolation => RejectReason::NameConstraintViolation,
        E::PathLenConstraintViolated | E::MaximumPathDepthExceeded => RejectReason::PathLengthExceeded,
        E::BadDer | E::BadDerTime | E::TrailingData(_) | E::MalformedExtensions | E::ExtensionValueInvalid => {
            RejectReason::BadEncoding
        }
        E::CertRevoked => RejectReason::Revoked,
        _ => RejectReason::Other,
    };
    Verdict::Rejected { reason, detail: format!("{e:?}") }
}

/// A moment at which every parsed certificate is within its validity period, if there is one:
/// one second after the latest `notBefore`.
fn moment_all_valid(parsed: &[Option<CertInfo>]) -> Option<UnixTime> {
    let certs: Vec<&CertInfo> = parsed.iter().flatten().collect();
    let start = certs.iter().map(|c| c.not_before.unix()).max()?.checked_add(1)?;
    let end = certs.iter().map(|c| c.not_after.unix()).min()?;
    (start <= end && start >= 0).then(|| UnixTime::since_unix_epoch(Duration::from_secs(start.unsigned_abs())))
}

fn unix(t: SystemTime) -> UnixTime {
    UnixTime::since_unix_epoch(t.duration_since(UNIX_EPOCH).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Pki {
        root: rcgen::Certificate,
        params: rcgen::CertificateParams,
        key: rcgen::KeyPair,
    }

    fn ca(name: &str) -> Pki {
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params.distinguished_name.push(rcgen::DnType::CommonName, name);
        let key = rcgen::KeyPair::generate().unwrap();
        Pki { root: params.self_signed(&key).unwrap(), params, key }
    }

    fn leaf(pki: &Pki, name: &str, not_after_year: i32) -> CertificateDer<'static> {
        let mut params = rcgen::CertificateParams::new(vec![name.to_owned()]).unwrap();
        params.not_before = rcgen::date_time_ymd(2020, 1, 1);
        params.not_after = rcgen::date_time_ymd(not_after_year, 1, 1);
        let key = rcgen::KeyPair::generate().unwrap();
        let issuer = rcgen::Issuer::from_params(&pki.params, &pki.key);
        params.signed_by(&key, &issuer).unwrap().der().clone()
    }

    fn store(pki: &Pki) -> Store {
        Store::custom_from_pem(pki.root.pem().as_bytes()).unwrap()
    }

    #[test]
    fn trusted_chain_names_its_anchor() {
        let pki = ca("Test Root");
        let v = verify(&store(&pki), &[leaf(&pki, "a.test", 2099)], SystemTime::now());
        assert!(v.verdict.is_trusted(), "{v:?}");
        assert_eq!(v.issuer_is_anchor, vec![true]);
        let Verdict::Trusted { anchor, anchor_sha256, anchor_spki_sha256 } = v.verdict else { unreachable!() };
        // The key's hash, rebuilt from webpki's SPKI contents, is the one x509 parsing gives.
        let spki: String = hex(&cert::parse(pki.root.der()).unwrap().spki_sha256);
        assert_eq!(anchor_spki_sha256.as_deref(), Some(spki.as_str()));
        let expected: String = ring::digest::digest(&ring::digest::SHA256, pki.root.der())
            .as_ref()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(anchor_sha256.as_deref(), Some(expected.as_str()));
        assert_eq!(cert::display_name_value(anchor.as_slice()).as_deref(), Some("Test Root"));
    }

    #[test]
    fn expired_chain_is_trusted_with_dates_aside() {
        let pki = ca("Test Root");
        let v = verify(&store(&pki), &[leaf(&pki, "a.test", 2021)], SystemTime::now());
        assert_eq!(v.verdict.reason(), Some(RejectReason::Expired));
        assert!(v.verdict_dates_aside.unwrap().is_trusted());
    }

    #[test]
    fn foreign_root_is_unknown_issuer() {
        let pki = ca("Test Root");
        let other = ca("Other Root");
        let v = verify(&store(&other), &[leaf(&pki, "a.test", 2099)], SystemTime::now());
        assert_eq!(v.verdict.reason(), Some(RejectReason::UnknownIssuer));
        assert_eq!(v.issuer_is_anchor, vec![false]);
    }

    #[test]
    fn garbage_is_bad_encoding() {
        let pki = ca("Test Root");
        let v = verify(&store(&pki), &[CertificateDer::from(vec![0x30, 0x03, 0x02, 0x01, 0x00])], SystemTime::now());
        assert_eq!(v.verdict.reason(), Some(RejectReason::BadEncoding));
        let v = verify(&store(&pki), &[], SystemTime::now());
        assert_eq!(v.verdict.reason(), Some(RejectReason::BadEncoding));
    }

    #[test]
    fn mozilla_store_is_not_empty() {
        assert!(Store::mozilla().anchors.len() > 100);
    }
}
