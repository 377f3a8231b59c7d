//! Leaves with a key browsers refuse: RSA under 2048 bits (`openssl-weak-key`).
//!
//! rcgen's ring backend will not load an RSA key shorter than 2048 bits as a [`KeyPair`], but
//! signing a certificate needs only the issuer's key and the subject's *public* key: the leaf's
//! public key is read out of its PKCS #8 private key here, and the lab intermediate signs it
//! (ECDSA P-256 with SHA-256, as every other leaf). The private key stays with the server
//! (`openssl s_server`), which is the only one that signs with it.
//!
//! [`KeyPair`]: rcgen::KeyPair

use rcgen::{PublicKeyData, SignatureAlgorithm};
use rustls::pki_types::PrivatePkcs8KeyDer;
use rustls::pki_types::pem::PemObject;

use super::{Leaf, Pki, Validity, aia, leaf_params};
use crate::LabError;

/// An RSA public key as a certificate carries it: the `RSAPublicKey` (RFC 8017 §A.1.1) inside
/// the subjectPublicKey BIT STRING, under rsaEncryption (which rcgen writes for
/// [`rcgen::PKCS_RSA_SHA256`]).
struct RsaPublicKey(Vec<u8>);

impl PublicKeyData for RsaPublicKey {
    fn der_bytes(&self) -> &[u8] {
        &self.0
    }

    fn algorithm(&self) -> &'static SignatureAlgorithm {
        &rcgen::PKCS_RSA_SHA256
    }
}

impl Pki {
    /// A leaf for `host` from the lab intermediate, served with it, for the RSA key `key_pem`
    /// (PKCS #8, as `openssl genpkey` writes it) whatever its size: for keys too short for
    /// [`Pki::leaf_with_rsa_key`].
    pub fn leaf_with_short_rsa_key(&self, host: &str, validity: Validity, key_pem: &str) -> Result<Leaf, LabError> {
        let pkcs8 = PrivatePkcs8KeyDer::from_pem_slice(key_pem.as_bytes())
            .map_err(|e| LabError::new(format!("not a PKCS #8 PEM key: {e}")))?;
        let public =
            rsa_public_key(pkcs8.secret_pkcs8_der()).ok_or_else(|| LabError::new("not a PKCS #8 RSA private key"))?;
        let mut params = leaf_params(self.made_at, host, validity)?;
        if let Some(url) = &self.intermediate.aia_url {
            params.custom_extensions.push(aia::ca_issuers(url));
        }
        let cert = params.signed_by(&RsaPublicKey(public), &self.intermediate.issuer)?;
        Ok(Leaf {
            chain: vec![cert, self.intermediate.cert.clone()],
            key: pkcs8.secret_pkcs8_der().to_vec(),
            key_pem: key_pem.to_owned(),
        })
    }
}

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const OCTET_STRING: u8 = 0x04;
/// rsaEncryption (1.2.840.113549.1.1.1), DER-encoded with its tag and length.
const RSA_ENCRYPTION: &[u8] = &[0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// The `RSAPublicKey` (DER) of an RSA private key in PKCS #8 (RFC 5208 §5, RFC 8017 §A.1.2):
///
/// ```asn1
/// PrivateKeyInfo ::= SEQUENCE { version INTEGER, algorithm AlgorithmIdentifier,
///                               privateKey OCTET STRING, ... }
/// RSAPrivateKey ::= SEQUENCE { version INTEGER, modulus INTEGER, publicExponent INTEGER, ... }
/// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
/// ```
fn rsa_public_key(pkcs8: &[u8]) -> Option<Vec<u8>> {
    let (info, _) = element(pkcs8, SEQUENCE)?;
    let (_version, rest) = element(info, INTEGER)?;
    let (algorithm, rest) = element(rest, SEQUENCE)?;
    if !algorithm.starts_with(RSA_ENCRYPTION) {
        return None;
    }
    let (private_key, _) = element(rest, OCTET_STRING)?;
    let (rsa, _) = element(private_key, SEQUENCE)?;
    let (_version, rest) = element(rsa, INTEGER)?;
    let (modulus, rest) = element(rest, INTEGER)?;
    let (exponent, _) = element(rest, INTEGER)?;
    let mut body = encode(INTEGER, modulus);
    body.extend(encode(INTEGER, exponent));
    Some(encode(SEQUENCE, &body))
}

/// The contents of the DER element at the start of `der` when its tag is `tag`, and what
/// follows it. Definite lengths only (DER has no other), up to four length bytes.
fn element(der: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    let (&found, rest) = der.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let (bytes, rest) = rest.split_at(count);
        (bytes.iter().fold(0usize, |len, b| (len << 8) | usize::from(*b)), rest)
    };
    (found == tag && rest.len() >= len).then(|| rest.split_at(len))
}

/// `tag`, the DER length of `contents`, and `contents`.
fn encode(tag: u8, contents: &[u8]) -> Vec<u8> {
    let len = contents.len();
    let mut out = vec![tag];
    if len < 0x80 {
        out.extend(u8::try_from(len));
    } else {
        let bytes: Vec<u8> = len.to_be_bytes().into_iter().skip_while(|b| *b == 0).collect();
        out.extend(u8::try_from(bytes.len()).map(|n| 0x80 | n));
        out.extend(bytes);
    }
    out.extend_from_slice(contents);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_round_trip_in_both_forms() {
        for len in [0, 1, 127, 128, 255, 256, 300, 70_000] {
            let contents = vec![0xab; len];
            let der = encode(INTEGER, &contents);
            let (read, rest) = element(&der, INTEGER).unwrap();
            assert_eq!((read.len(), rest.len()), (len, 0));
            assert!(element(&der, SEQUENCE).is_none());
        }
    }

    #[test]
    fn the_public_key_is_modulus_and_exponent_of_the_private_key() {
        // PKCS #8 around a toy RSAPrivateKey { 0, n = 0x00c5, e = 65537, d = 3 }: only its
        // shape matters here.
        let rsa = encode(SEQUENCE, &[&[2, 1, 0][..], &[2, 2, 0x00, 0xc5], &[2, 3, 1, 0, 1], &[2, 1, 3]].concat());
        let algorithm = encode(SEQUENCE, &[RSA_ENCRYPTION, &[0x05, 0x00]].concat());
        let info = encode(SEQUENCE, &[&[2, 1, 0][..], &algorithm, &encode(OCTET_STRING, &rsa)].concat());
        let public = rsa_public_key(&info).unwrap();
        assert_eq!(public, encode(SEQUENCE, &[&[2, 2, 0x00, 0xc5][..], &[2, 3, 1, 0, 1]].concat()));
        // An EC key (id-ecPublicKey) is not taken for one.
        let ec = encode(SEQUENCE, &[0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]);
        assert!(
            rsa_public_key(&encode(SEQUENCE, &[&[2, 1, 0][..], &ec, &encode(OCTET_STRING, &rsa)].concat())).is_none()
        );
    }
}
