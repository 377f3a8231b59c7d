//! Certificates for the probes' unit tests, made with rcgen at run time: CAs and leaves, with
//! the URLs a certificate may name for its issuer (AIA caIssuers), its OCSP responder and its
//! CRL. rcgen has no helper for the AIA extension: its value comes from
//! `tls_doctor_core::test_support::authority_info_access`.

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, CrlDistributionPoint, CustomExtension, DistinguishedName,
    DnType, IsCa, KeyPair,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tls_doctor_core::test_support;

/// The AIA extension naming `ca_issuers` and `ocsp`, each when given.
fn authority_info_access(ca_issuers: Option<&str>, ocsp: Option<&str>) -> CustomExtension {
    let value = test_support::authority_info_access(ca_issuers, ocsp);
    CustomExtension::from_oid_content(test_support::ID_PE_AUTHORITY_INFO_ACCESS, value)
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
