//! Certificates for the probes' unit tests, made with rcgen at run time: CAs and leaves, with
//! the URLs a certificate may name for its issuer (AIA caIssuers), its OCSP responder and its
//! CRL. rcgen has no helper for the AIA extension, so it is written here by hand.
//!
//! ```asn1
//! AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription
//! AccessDescription ::= SEQUENCE { accessMethod OBJECT IDENTIFIER, accessLocation GeneralName }
//! GeneralName ::= CHOICE { ..., uniformResourceIdentifier [6] IA5String, ... }
//! ```
//! (RFC 5280 §4.2.2.1.)

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, CrlDistributionPoint, CustomExtension, DistinguishedName,
    DnType, IsCa, KeyPair,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// id-pe-authorityInfoAccess.
const ID_PE_AUTHORITY_INFO_ACCESS: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 1, 1];
/// id-ad-caIssuers and id-ad-ocsp, DER-encoded with tag and length.
const ID_AD_CA_ISSUERS: &[u8] = &[0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02];
const ID_AD_OCSP: &[u8] = &[0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01];

/// One DER element: tag, definite length, content.
pub(crate) fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let len = content.len();
    let mut out = vec![tag];
    if len < 0x80 {
        out.push(u8::try_from(len).unwrap_or(0));
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | u8::try_from(bytes.len() - skip).unwrap_or(0));
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// The AIA extension naming `ca_issuers` and `ocsp`, each when given.
fn authority_info_access(ca_issuers: Option<&str>, ocsp: Option<&str>) -> CustomExtension {
    let description = |method: &[u8], url: &str| tlv(0x30, &[method, &tlv(0x86, url.as_bytes())].concat());
    let mut descriptions = Vec::new();
    if let Some(url) = ocsp {
        descriptions.extend(description(ID_AD_OCSP, url));
    }
    if let Some(url) = ca_issuers {
        descriptions.extend(description(ID_AD_CA_ISSUERS, url));
    }
    CustomExtension::from_oid_content(ID_PE_AUTHORITY_INFO_ACCESS, tlv(0x30, &descriptions))
}

fn named(common_name: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::OrganizationName, "TLS Doctor unit tests");
    dn.push(DnType::CommonName, common_name);
    dn
}

/// A CA: self-signed without `parent`, else issued by it; its own AIA names `ca_issuers`.
pub(crate) fn ca(name: &str, parent: Option<&Ca>, ca_issuers: Option<&str>) -> Ca {
    let mut params = CertificateParams::default();
    params.distinguished_name = named(name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    if ca_issuers.is_some() {
        params.custom_extensions.push(authority_info_access(ca_issuers, None));
    }
    let key = KeyPair::generate().unwrap_or_else(|e| panic!("{e}"));
    let made = match parent {
        Some(parent) => CertifiedIssuer::signed_by(params, key, &*parent.0),
        None => CertifiedIssuer::self_signed(params, key),
    };
    Ca(made.unwrap_or_else(|e| panic!("{e}")))
}

/// A CA and its certificate.
pub(crate) struct Ca(CertifiedIssuer<'static, KeyPair>);

impl Ca {
    pub(crate) fn der(&self) -> CertificateDer<'static> {
        self.0.der().clone()
    }
}

/// What a leaf names besides its host.
#[derive(Default)]
pub(crate) struct Urls<'a> {
    pub ca_issuers: Option<&'a str>,
    pub ocsp: Option<&'a str>,
    pub crl: Option<&'a str>,
}

/// A leaf for `host` issued by `issuer`, and its key.
pub(crate) fn leaf(host: &str, issuer: &Ca, urls: &Urls<'_>) -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
    let mut params = CertificateParams::new(vec![host.to_owned()]).unwrap_or_else(|e| panic!("{e}"));
    params.distinguished_name = named(host);
    if urls.ca_issuers.is_some() || urls.ocsp.is_some() {
        params.custom_extensions.push(authority_info_access(urls.ca_issuers, urls.ocsp));
    }
    if let Some(url) = urls.crl {
        params.crl_distribution_points = vec![CrlDistributionPoint { uris: vec![url.to_owned()] }];
    }
    let key = KeyPair::generate().unwrap_or_else(|e| panic!("{e}"));
    let cert = params.signed_by(&key, &*issuer.0).unwrap_or_else(|e| panic!("{e}"));
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    (cert.der().clone(), key)
}
