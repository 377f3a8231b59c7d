//! Certificates as the model needs them, parsed with `x509-cert`.
//!
//! Parsing is lenient where real servers are sloppy (the `Raw` profile accepts negative or
//! over-long serial numbers and odd time encodings) and strict where it matters: a certificate
//! that does not parse is a finding (`cert_unparseable`), never a panic.

pub mod distrust;
pub mod names;
mod oids;
mod sct;

use std::net::IpAddr;

use const_oid::ObjectIdentifier;
use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use x509_cert::certificate::{CertificateInner, Raw};
use x509_cert::ext::pkix::name::DistributionPointName;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    AuthorityInfoAccessSyntax, AuthorityKeyIdentifier, BasicConstraints, CrlDistributionPoints, ExtendedKeyUsage,
    KeyUsage, SubjectAltName, SubjectKeyIdentifier,
};

use crate::time::Timestamp;
use crate::wire::CertSummary;

/// The parts of a certificate the checks read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertInfo {
    pub subject: String,
    pub issuer: String,
    /// DER of the subject `Name`, tag and length included.
    pub subject_der: Vec<u8>,
    /// DER of the issuer `Name`, tag and length included.
    pub issuer_der: Vec<u8>,
    pub common_name: Option<String>,
    pub not_before: Timestamp,
    pub not_after: Timestamp,
    /// dNSName entries of the subjectAltName, as written (lower-cased).
    pub dns_names: Vec<String>,
    pub ip_addresses: Vec<IpAddr>,
    /// The certificate has a subjectAltName extension (even an empty one).
    pub has_san: bool,
    pub is_ca: bool,
    pub subject_key_id: Option<Vec<u8>>,
    pub authority_key_id: Option<Vec<u8>>,
    /// `id-ad-caIssuers` URLs (RFC 5280 §4.2.2.1).
    pub ca_issuers: Vec<String>,
    /// `id-ad-ocsp` URLs.
    pub ocsp_urls: Vec<String>,
    pub key: KeyInfo,
    pub signature_algorithm: String,
    pub sha256: [u8; 32],
    /// SHA-256 of the DER SubjectPublicKeyInfo: what an HTTP public-key pin (`sha256/…`) names.
    pub spki_sha256: [u8; 32],
    /// Extended key usage purposes by name (`serverAuth`, `clientAuth`…; others as dotted
    /// OIDs); `None` when the extension is absent (any purpose).
    pub extended_key_usage: Option<Vec<String>>,
    /// Key usage: may the key sign (digitalSignature) or carry a key (keyEncipherment,
    /// keyAgreement) in a TLS handshake? `None` when the extension is absent.
    pub key_usage_tls: Option<bool>,
    /// CRL distribution point URLs (RFC 5280 §4.2.1.13).
    pub crl_urls: Vec<String>,
    /// The TLS feature extension asks for a stapled OCSP response ("must-staple", RFC 7633).
    pub must_staple: bool,
    /// The earliest embedded Signed Certificate Timestamp (RFC 6962), rounded up to the second
    /// (so that "after a cutoff second" reads the same as in milliseconds); `None` without SCTs.
    pub earliest_sct: Option<Timestamp>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyInfo {
    Rsa { bits: u32 },
    Ec { curve: String },
    Ed25519,
    Ed448,
    Other { algorithm: String },
}

impl KeyInfo {
    pub fn describe(&self) -> String {
        match self {
            KeyInfo::Rsa { bits } => format!("RSA {bits}"),
            KeyInfo::Ec { curve } => format!("EC {curve}"),
            KeyInfo::Ed25519 => "Ed25519".to_owned(),
            KeyInfo::Ed448 => "Ed448".to_owned(),
            KeyInfo::Other { algorithm } => algorithm.clone(),
        }
    }
}

/// Why a certificate could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertError(pub String);

impl CertInfo {
    /// May this certificate serve a TLS server? (RFC 5280 §4.2.1.12: an EKU extension must list
    /// serverAuth or anyExtendedKeyUsage; §4.2.1.3: a key usage extension must allow signing
    /// or key transport/agreement.)
    pub fn usable_for_tls_server(&self) -> bool {
        let eku_ok = self
            .extended_key_usage
            .as_ref()
            .is_none_or(|e| e.iter().any(|p| p == "serverAuth" || p == "anyExtendedKeyUsage"));
        eku_ok && self.key_usage_tls.unwrap_or(true)
    }

    /// Issuer and subject are the same name. Together with a failed verification this is what
    /// users call "self-signed"; when both key identifiers are present they must agree too, so
    /// that a CA that re-used its name for a new key is not mistaken for one.
    pub fn self_issued(&self) -> bool {
        if self.subject_der != self.issuer_der {
            return false;
        }
        match (&self.subject_key_id, &self.authority_key_id) {
            (Some(ski), Some(aki)) => ski == aki,
            _ => true,
        }
    }

    /// Did `issuer` (probably) issue `self`? Names must match; key identifiers must match
    /// when both are present. Signatures are the host's business, not the model's.
    pub fn issued_by(&self, issuer: &CertInfo) -> bool {
        if self.issuer_der != issuer.subject_der {
            return false;
        }
        match (&self.authority_key_id, &issuer.subject_key_id) {
            (Some(aki), Some(ski)) => aki == ski,
            _ => true,
        }
    }

    pub fn valid_at(&self, at: Timestamp) -> bool {
        self.not_before <= at && at <= self.not_after
    }

    /// The upper-case, colon-separated SHA-256 fingerprint browsers show.
    pub fn fingerprint(&self) -> String {
        let mut out = String::with_capacity(95);
        for (i, b) in self.sha256.iter().enumerate() {
            if i > 0 {
                out.push(':');
            }
            out.push_str(&format!("{b:02X}"));
        }
        out
    }

    pub fn summary(&self, position: usize) -> CertSummary {
        CertSummary {
            position,
            subject: self.subject.clone(),
            issuer: self.issuer.clone(),
            not_before: self.not_before,
            not_after: self.not_after,
            dns_names: self.dns_names.clone(),
            ip_addresses: self.ip_addresses.clone(),
            key: self.key.describe(),
            signature: self.signature_algorithm.clone(),
            is_ca: self.is_ca,
            self_issued: self.self_issued(),
            sha256: self.fingerprint(),
        }
    }

    /// A short name for people: the CN if there is one, else the whole subject.
    pub fn display_name(&self) -> String {
        self.common_name.clone().unwrap_or_else(|| self.subject.clone())
    }

    /// The issuer as people know it: its common name, or the whole name.
    pub fn issuer_display_name(&self) -> String {
        display_name_der(&self.issuer_der).unwrap_or_else(|| self.issuer.clone())
    }
}

/// Follow issuers from the leaf (position 0) through the other certificates (in any order, as
/// servers send them in any order) and return the position of the last one reached: the top
/// of the path the chain itself provides. `None` when the leaf does not parse.
pub fn top_of_path(chain: &[Option<&CertInfo>]) -> Option<usize> {
    let mut current = chain.first().copied().flatten()?;
    let mut position = 0;
    let mut visited = vec![0];
    while !current.self_issued() {
        let next = chain.iter().enumerate().find_map(|(i, c)| match c {
            Some(c) if !visited.contains(&i) && current.issued_by(c) => Some((i, *c)),
            _ => None,
        });
        let Some((i, c)) = next else { break };
        visited.push(i);
        position = i;
        current = c;
    }
    Some(position)
}

/// The DER *value* of a `Name`, without its SEQUENCE tag and length: the form webpki keeps
/// trust anchor subjects in.
pub fn name_value(name_der: &[u8]) -> Option<&[u8]> {
    use der::Reader as _;
    let mut reader = der::SliceReader::new(name_der).ok()?;
    let header = der::Header::decode(&mut reader).ok()?;
    if header.tag() != der::Tag::Sequence {
        return None;
    }
    let header_len = usize::try_from(reader.position()).ok()?;
    name_der.get(header_len..)
}

/// A `Name` (given as the DER of its value, as webpki keeps anchors) for people.
pub fn display_name_value(value: &[u8]) -> Option<String> {
    let mut der = Vec::with_capacity(value.len() + 4);
    let len = der::Length::try_from(value.len()).ok()?;
    der::Header::new(der::Tag::Sequence, len).encode_to_vec(&mut der).ok()?;
    der.extend_from_slice(value);
    display_name_der(&der)
}

/// A `Name` (given as its whole DER) for people.
pub fn display_name_der(der: &[u8]) -> Option<String> {
    let name = x509_cert::name::Name::from_der(der).ok()?;
    Some(name_for_people(&name))
}

fn name_for_people(name: &x509_cert::name::Name) -> String {
    match name.common_name() {
        Ok(Some(cn)) => cn.value().into_owned(),
        _ => name.to_string(),
    }
}

/// The key in a DER SubjectPublicKeyInfo, as [`KeyInfo::describe`] names it (`tls-doctor cert
/// --key` names the private key's public half with it).
pub fn describe_spki(der_bytes: &[u8]) -> Option<String> {
    x509_cert::spki::SubjectPublicKeyInfoOwned::from_der(der_bytes).ok().map(|spki| key_info(&spki).describe())
}

pub fn parse(der_bytes: &[u8]) -> Result<CertInfo, CertError> {
    let cert = CertificateInner::<Raw>::from_der(der_bytes).map_err(|e| CertError(e.to_string()))?;
    let tbs = cert.tbs_certificate();
    let encode = |name: &x509_cert::name::Name| name.to_der().map_err(|e| CertError(e.to_string()));

    let mut info = CertInfo {
        subject: tbs.subject().to_string(),
        issuer: tbs.issuer().to_string(),
        subject_der: encode(tbs.subject())?,
        issuer_der: encode(tbs.issuer())?,
        common_name: tbs.subject().common_name().ok().flatten().map(|cn| cn.value().into_owned()),
        not_before: timestamp(tbs.validity().not_before),
        not_after: timestamp(tbs.validity().not_after),
        dns_names: Vec::new(),
        ip_addresses: Vec::new(),
        has_san: false,
        is_ca: false,
        subject_key_id: None,
        authority_key_id: None,
        ca_issuers: Vec::new(),
        ocsp_urls: Vec::new(),
        key: key_info(tbs.subject_public_key_info()),
        signature_algorithm: oid_name(&cert.signature_algorithm().oid),
        sha256: Sha256::digest(der_bytes).into(),
        spki_sha256: tbs
            .subject_public_key_info()
            .to_der()
            .map(|spki| Sha256::digest(spki).into())
            .map_err(|e| CertError(e.to_string()))?,
        extended_key_usage: None,
        key_usage_tls: None,
        crl_urls: Vec::new(),
        must_staple: false,
        earliest_sct: None,
    };

    let bad = |what: &str, e: der::Error| CertError(format!("{what}: {e}"));
    if let Some((_, san)) = tbs.get_extension::<SubjectAltName>().map_err(|e| bad("subjectAltName", e))? {
        info.has_san = true;
        for name in san.0 {
            match name {
                GeneralName::DnsName(dns) => info.dns_names.push(dns.to_string().to_ascii_lowercase()),
                GeneralName::IpAddress(octets) => {
                    if let Some(ip) = ip_from_octets(octets.as_bytes()) {
                        info.ip_addresses.push(ip);
                    }
                }
                _ => {}
            }
        }
    }
    if let Some((_, eku)) = tbs.get_extension::<ExtendedKeyUsage>().map_err(|e| bad("extKeyUsage", e))? {
        info.extended_key_usage = Some(eku.0.iter().map(oids::purpose_name).collect());
    }
    if let Some((_, ku)) = tbs.get_extension::<KeyUsage>().map_err(|e| bad("keyUsage", e))? {
        info.key_usage_tls = Some(ku.digital_signature() || ku.key_encipherment() || ku.key_agreement());
    }
    if let Some((_, dps)) = tbs.get_extension::<CrlDistributionPoints>().map_err(|e| bad("cRLDistributionPoints", e))? {
        for dp in dps.0 {
            if let Some(DistributionPointName::FullName(names)) = dp.distribution_point {
                info.crl_urls.extend(names.into_iter().filter_map(|n| match n {
                    GeneralName::UniformResourceIdentifier(uri) => Some(uri.to_string()),
                    _ => None,
                }));
            }
        }
    }
    // TLSFeature ::= SEQUENCE OF INTEGER; status_request is 5 (RFC 7633 §4.2, RFC 6066 §8).
    if let Some(ext) = tbs.extensions().into_iter().flatten().find(|e| e.extn_id == oids::TLS_FEATURE) {
        let features = Vec::<der::asn1::Int>::from_der(ext.extn_value.as_bytes()).map_err(|e| bad("tlsFeature", e))?;
        info.must_staple = features.iter().any(|f| f.as_bytes() == [5]);
    }
    // A malformed SCT list is no reason to reject the certificate: it only loses its dates.
    if let Some(ext) = tbs.extensions().into_iter().flatten().find(|e| e.extn_id == oids::SCT_LIST) {
        info.earliest_sct = sct::earliest_ms(ext.extn_value.as_bytes())
            .map(|ms| Timestamp(i64::try_from(ms.div_ceil(1000)).unwrap_or(i64::MAX)));
    }
    if let Some((_, bc)) = tbs.get_extension::<BasicConstraints>().map_err(|e| bad("basicConstraints", e))? {
        info.is_ca = bc.ca;
    }
    if let Some((_, ski)) = tbs.get_extension::<SubjectKeyIdentifier>().map_err(|e| bad("subjectKeyIdentifier", e))? {
        info.subject_key_id = Some(ski.0.as_bytes().to_vec());
    }
    if let Some((_, aki)) =
        tbs.get_extension::<AuthorityKeyIdentifier>().map_err(|e| bad("authorityKeyIdentifier", e))?
    {
        info.authority_key_id = aki.key_identifier.map(|k| k.as_bytes().to_vec());
    }
    if let Some((_, aia)) =
        tbs.get_extension::<AuthorityInfoAccessSyntax>().map_err(|e| bad("authorityInfoAccess", e))?
    {
        for access in aia.0 {
            let GeneralName::UniformResourceIdentifier(uri) = access.access_location else {
                continue;
            };
            if access.access_method == oids::CA_ISSUERS {
                info.ca_issuers.push(uri.to_string());
            } else if access.access_method == oids::OCSP {
                info.ocsp_urls.push(uri.to_string());
            }
        }
    }
    Ok(info)
}

fn timestamp(t: x509_cert::time::Time) -> Timestamp {
    let secs = t.to_unix_duration().as_secs();
    Timestamp(i64::try_from(secs).unwrap_or(i64::MAX))
}

fn ip_from_octets(octets: &[u8]) -> Option<IpAddr> {
    match octets.len() {
        4 => <[u8; 4]>::try_from(octets).ok().map(IpAddr::from),
        16 => <[u8; 16]>::try_from(octets).ok().map(IpAddr::from),
        _ => None,
    }
}

fn oid_name(oid: &ObjectIdentifier) -> String {
    oids::name(oid).map_or_else(|| oid.to_string(), str::to_owned)
}

fn key_info(spki: &x509_cert::spki::SubjectPublicKeyInfoOwned) -> KeyInfo {
    let oid = spki.algorithm.oid;
    if oid == oids::RSA_ENCRYPTION {
        return spki
            .subject_public_key
            .as_bytes()
            .and_then(rsa_modulus_bits)
            .map_or(KeyInfo::Other { algorithm: "RSA".to_owned() }, |bits| KeyInfo::Rsa { bits });
    }
    if oid == oids::EC_PUBLIC_KEY {
        let curve = spki
            .algorithm
            .parameters
            .as_ref()
            .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
            .map(|c| match c {
                c if c == oids::P256 => "P-256".to_owned(),
                c if c == oids::P384 => "P-384".to_owned(),
                c if c == oids::P521 => "P-521".to_owned(),
                c => oid_name(&c),
            })
            .unwrap_or_else(|| "?".to_owned());
        return KeyInfo::Ec { curve };
    }
    if oid == oids::ED25519 {
        return KeyInfo::Ed25519;
    }
    if oid == oids::ED448 {
        return KeyInfo::Ed448;
    }
    KeyInfo::Other { algorithm: oid_name(&oid) }
}

/// `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` (RFC 8017 §A.1.1).
fn rsa_modulus_bits(key: &[u8]) -> Option<u32> {
    let mut reader = der::SliceReader::new(key).ok()?;
    let seq = der::asn1::AnyRef::decode(&mut reader).ok()?;
    let mut inner = der::SliceReader::new(seq.value()).ok()?;
    let modulus = der::asn1::UintRef::decode(&mut inner).ok()?;
    let bytes = modulus.as_bytes();
    let first = *bytes.first()?;
    let bits = (bytes.len() as u32 - 1) * 8 + (8 - first.leading_zeros());
    Some(bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn make(params: rcgen::CertificateParams) -> Vec<u8> {
        let key = rcgen::KeyPair::generate().unwrap();
        params.self_signed(&key).unwrap().der().to_vec()
    }

    #[test]
    fn reads_names_dates_and_key() {
        let mut params = rcgen::CertificateParams::new(vec!["www.example.jp".into(), "192.0.2.7".into()]).unwrap();
        params.distinguished_name.push(rcgen::DnType::CommonName, "www.example.jp");
        params.not_before = rcgen::date_time_ymd(2026, 1, 2);
        params.not_after = rcgen::date_time_ymd(2026, 4, 2);
        let info = parse(&make(params)).unwrap();
        assert_eq!(info.dns_names, vec!["www.example.jp"]);
        assert_eq!(info.ip_addresses, vec!["192.0.2.7".parse::<IpAddr>().unwrap()]);
        assert_eq!(info.common_name.as_deref(), Some("www.example.jp"));
        assert_eq!(info.not_before.to_string(), "2026-01-02T00:00:00Z");
        assert_eq!(info.not_after.to_string(), "2026-04-02T00:00:00Z");
        assert_eq!(info.key, KeyInfo::Ec { curve: "P-256".into() });
        assert_eq!(info.signature_algorithm, "ecdsa-with-SHA256");
        assert!(info.has_san);
        assert!(info.self_issued());
        assert_eq!(info.fingerprint().len(), 95);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bytes in [&b""[..], b"\x30", b"\x30\x03\x02\x01", b"hello world", &[0x30, 0x82, 0xff, 0xff, 0x00]] {
            assert!(parse(bytes).is_err());
        }
        // Every truncation of a real certificate.
        let der = make(rcgen::CertificateParams::new(vec!["a.example".into()]).unwrap());
        for cut in 0..der.len() {
            assert!(parse(&der[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn name_value_strips_the_sequence_header() {
        let der = make(rcgen::CertificateParams::new(vec!["a.example".into()]).unwrap());
        let info = parse(&der).unwrap();
        let value = name_value(&info.subject_der).unwrap();
        assert_eq!(value.len() + 2, info.subject_der.len());
        assert_eq!(display_name_value(value).as_deref(), Some("rcgen self signed cert"));
    }

    /// serverAuth is an *extended* key usage: a certificate without that extension is not
    /// barred from serving TLS; one that lists only other purposes is.
    #[test]
    fn no_extended_key_usage_does_not_bar_a_server() {
        let params = rcgen::CertificateParams::new(vec!["www.example.jp".into()]).unwrap();
        let info = parse(&make(params)).unwrap();
        assert_eq!(info.extended_key_usage, None);
        assert!(info.usable_for_tls_server());
        let mut params = rcgen::CertificateParams::new(vec!["www.example.jp".into()]).unwrap();
        params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
        assert!(!parse(&make(params)).unwrap().usable_for_tls_server());
        let mut params = rcgen::CertificateParams::new(vec!["www.example.jp".into()]).unwrap();
        params.key_usages = vec![rcgen::KeyUsagePurpose::KeyCertSign];
        assert!(!parse(&make(params)).unwrap().usable_for_tls_server());
    }
}
