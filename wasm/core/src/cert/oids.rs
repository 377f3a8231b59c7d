//! The object identifiers the model reads, with the names admins know them by (RFC 3279,
//! RFC 4055, RFC 5480, RFC 5758, RFC 8410). A short table on purpose: const-oid's full
//! database would add ~100 KB to the browser's wasm for names nobody is shown.

use const_oid::ObjectIdentifier as Oid;

pub const CA_ISSUERS: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.2");
pub const OCSP: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1");
pub const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
pub const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
pub const P256: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
pub const P384: Oid = Oid::new_unwrap("1.3.132.0.34");
pub const P521: Oid = Oid::new_unwrap("1.3.132.0.35");
pub const ED25519: Oid = Oid::new_unwrap("1.3.101.112");
pub const ED448: Oid = Oid::new_unwrap("1.3.101.113");
pub const TLS_FEATURE: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.1.24");
/// Embedded SCT list (RFC 6962 §3.3).
pub const SCT_LIST: Oid = Oid::new_unwrap("1.3.6.1.4.1.11129.2.4.2");

const NAMES: &[(&str, &str)] = &[
    ("1.2.840.113549.1.1.4", "md5WithRSAEncryption"),
    ("1.2.840.113549.1.1.5", "sha1WithRSAEncryption"),
    ("1.2.840.113549.1.1.10", "RSASSA-PSS"),
    ("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"),
    ("1.2.840.113549.1.1.12", "sha384WithRSAEncryption"),
    ("1.2.840.113549.1.1.13", "sha512WithRSAEncryption"),
    ("1.2.840.10045.4.1", "ecdsa-with-SHA1"),
    ("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
    ("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
    ("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
    ("1.2.840.10040.4.1", "DSA"),
    ("1.2.840.10040.4.3", "dsa-with-SHA1"),
    ("2.16.840.1.101.3.4.3.2", "dsa-with-SHA256"),
    ("1.3.101.112", "Ed25519"),
    ("1.3.101.113", "Ed448"),
];

pub fn name(oid: &Oid) -> Option<&'static str> {
    let text = oid.to_string();
    NAMES.iter().find(|(o, _)| *o == text).map(|(_, n)| *n)
}

const PURPOSES: &[(&str, &str)] = &[
    ("1.3.6.1.5.5.7.3.1", "serverAuth"),
    ("1.3.6.1.5.5.7.3.2", "clientAuth"),
    ("1.3.6.1.5.5.7.3.3", "codeSigning"),
    ("1.3.6.1.5.5.7.3.4", "emailProtection"),
    ("1.3.6.1.5.5.7.3.8", "timeStamping"),
    ("1.3.6.1.5.5.7.3.9", "OCSPSigning"),
    ("2.5.29.37.0", "anyExtendedKeyUsage"),
];

/// An extended key usage purpose by name (RFC 5280 §4.2.1.12), or its dotted OID.
pub fn purpose_name(oid: &Oid) -> String {
    let text = oid.to_string();
    PURPOSES.iter().find(|(o, _)| *o == text).map_or(text, |(_, n)| (*n).to_owned())
}
