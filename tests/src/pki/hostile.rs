//! Certificates an attacker would serve (issue 12): leaves that name misbehaving web servers as
//! their issuer, OCSP responder or CRL; leaves too large for TLS software (thousands of names);
//! chains of hundreds of certificates, up to a megabyte.

use rcgen::string::Ia5String;
use rcgen::{CertificateParams, KeyPair, SanType};

use super::revocation::{Extras, Urls};
use super::{Leaf, ORGANIZATION, Pki, Validity, distinguished_name, leaf_params, unique_serial};
use crate::LabError;

/// A DER `Certificate` message can say at most this (a 24-bit length, RFC 8446 §4.4.2), and
/// rustls reads no handshake message above 64 KiB: a leaf beyond that is too large for TLS
/// software, whatever the protocol allows.
pub const TLS_SOFTWARE_LIMIT: usize = 64 * 1024;

impl Pki {
    /// A leaf for `host` from the lab intermediate naming exactly `urls` (and no other AIA, OCSP
    /// or CRL URL), served with the intermediate when `with_intermediate`.
    pub fn leaf_with_urls(&self, host: &str, urls: Urls<'_>, with_intermediate: bool) -> Result<Leaf, LabError> {
        let leaf = self.issue_with(host, Validity::CURRENT, &self.intermediate, Extras::Urls(urls))?;
        Ok(if with_intermediate { leaf } else { leaf.without_intermediates() })
    }

    /// A leaf for `host` from the lab intermediate, served with it, whose DER is at least
    /// `bytes` long: after `host`, its subjectAltName lists names `nNNNNN.host` until it is.
    /// (A real certificate with thousands of names exists: shared-hosting and CDN certificates
    /// carry hundreds.)
    pub fn huge_leaf(&self, host: &str, bytes: usize) -> Result<Leaf, LabError> {
        // Each extra name costs its length and a two-byte header (up to four for long forms);
        // one pass guesses the count from the first certificate's size, a second tops it up.
        let mut names = 0usize;
        for _ in 0..4 {
            let leaf = self.leaf_with_names(host, names)?;
            let len = leaf.chain_der().first().map_or(0, |c| c.len());
            if len >= bytes {
                return Ok(leaf);
            }
            let per_name = format!("n{names:06}.{host}").len() + 2;
            names += (bytes - len).div_ceil(per_name) + 1;
        }
        Err(LabError::new(format!("could not make a leaf of {bytes} bytes for {host}")))
    }

    fn leaf_with_names(&self, host: &str, extra: usize) -> Result<Leaf, LabError> {
        let key = KeyPair::generate()?;
        let mut params = leaf_params(self.made_at, host, Validity::CURRENT)?;
        for i in 0..extra {
            let name = Ia5String::try_from(format!("n{i:06}.{host}"))?;
            params.subject_alt_names.push(SanType::DnsName(name));
        }
        let cert = params.signed_by(&key, &self.intermediate.issuer)?;
        Ok(Leaf::new(vec![cert, self.intermediate.cert.clone()], &key))
    }

    /// A leaf for `host` from the lab intermediate, served with the intermediate and then a
    /// filler certificate repeated until the chain holds `certificates` certificates; the
    /// filler carries names until the whole chain is about `bytes` long. No verifier follows
    /// such a path; what matters is what the client does with the bytes.
    pub fn padded_chain(&self, host: &str, certificates: usize, bytes: usize) -> Result<Leaf, LabError> {
        let mut leaf = self.leaf_with_urls(host, Urls::default(), true)?;
        let served: usize = leaf.chain_der().iter().map(|c| c.len()).sum();
        let fillers = certificates.saturating_sub(leaf.chain.len()).max(1);
        let filler_bytes = bytes.saturating_sub(served) / fillers;
        let filler = filler(self, filler_bytes)?;
        leaf.chain.extend(std::iter::repeat_n(filler, fillers));
        Ok(leaf)
    }
}

/// A self-signed CA certificate of at least `bytes` bytes (names in its subjectAltName).
fn filler(pki: &Pki, bytes: usize) -> Result<rcgen::Certificate, LabError> {
    let key = KeyPair::generate()?;
    let mut names = 0usize;
    for _ in 0..4 {
        let mut params = CertificateParams::default();
        params.distinguished_name = distinguished_name(ORGANIZATION, "TLS Doctor Lab Filler");
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params.not_before = pki.made_at + Validity::CURRENT.not_before;
        params.not_after = pki.made_at + Validity::CURRENT.not_after;
        params.serial_number = Some(unique_serial());
        for i in 0..names {
            let name = Ia5String::try_from(format!("f{i:05}.filler.lab.test"))?;
            params.subject_alt_names.push(SanType::DnsName(name));
        }
        let cert = params.self_signed(&key)?;
        if cert.der().len() >= bytes {
            return Ok(cert);
        }
        names += (bytes - cert.der().len()).div_ceil("f00000.filler.lab.test".len() + 2) + 1;
    }
    Err(LabError::new(format!("could not make a filler certificate of {bytes} bytes")))
}

#[cfg(test)]
mod tests {
    use tls_doctor_core::cert;

    use super::*;

    const AIA: &str = "http://127.0.0.1:1/intermediate.der";

    #[test]
    fn a_huge_leaf_is_as_large_as_asked_and_still_a_certificate() {
        let pki = Pki::generate(AIA).unwrap();
        let leaf = pki.huge_leaf("huge.lab.test", 100_000).unwrap();
        let der = leaf.chain_der()[0].to_vec();
        assert!((100_000..110_000).contains(&der.len()), "{}", der.len());
        let info = cert::parse(&der).unwrap();
        assert_eq!(info.dns_names[0], "huge.lab.test");
        assert!(info.dns_names.len() > 3000, "{}", info.dns_names.len());
    }

    #[test]
    fn a_padded_chain_has_the_count_and_the_size_asked() {
        let pki = Pki::generate(AIA).unwrap();
        let chain = pki.padded_chain("pad.lab.test", 300, 1_000_000).unwrap().chain_der();
        assert_eq!(chain.len(), 300);
        let total: usize = chain.iter().map(|c| c.len()).sum();
        assert!((1_000_000..1_100_000).contains(&total), "{total}");
    }

    #[test]
    fn urls_are_exactly_those_given() {
        let pki = Pki::generate(AIA).unwrap();
        let urls = Urls { ca_issuers: None, ocsp: None, crl: Some("http://127.0.0.1:2/c.crl") };
        let leaf = pki.leaf_with_urls("u.lab.test", urls, true).unwrap();
        assert_eq!(leaf.chain_der().len(), 2);
        let info = cert::parse(&leaf.chain_der()[0]).unwrap();
        assert!(info.ca_issuers.is_empty() && info.ocsp_urls.is_empty());
        assert_eq!(info.crl_urls, ["http://127.0.0.1:2/c.crl"]);
        let urls = Urls { ca_issuers: Some("http://127.0.0.1:3/i.der"), ..Urls::default() };
        let alone = pki.leaf_with_urls("a.lab.test", urls, false).unwrap();
        assert_eq!(alone.chain_der().len(), 1);
        assert_eq!(cert::parse(&alone.chain_der()[0]).unwrap().ca_issuers, ["http://127.0.0.1:3/i.der"]);
    }
}
