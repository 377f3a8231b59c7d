//! What certificates, CRLs and OCSP responses share: the shape of a signed structure, the
//! certificates involved (the leaf, its issuer, a delegated OCSP responder), and signature
//! verification with the rustls provider's algorithms (webpki's, on ring).
//!
//! ```asn1
//! Certificate / CertificateList / BasicOCSPResponse ::= SEQUENCE {
//!     tbs                 SEQUENCE { ... },    -- what is signed, as DER
//!     signatureAlgorithm  AlgorithmIdentifier,
//!     signature           BIT STRING,
//!     ...                                      -- BasicOCSPResponse: certs [0] EXPLICIT OPTIONAL
//! }
//! ```
//! (RFC 5280 §4.1 and §5.1, RFC 6960 §4.2.1.)

use std::fmt;

use der::asn1::{AnyRef, BitStringRef, ObjectIdentifier};
use der::{Decode, Encode, Header, Length, Reader, SliceReader, Tag, Tagged};
use rustls::pki_types::{CertificateDer, Der, SignatureVerificationAlgorithm, TrustAnchor, UnixTime};
use tls_doctor_core::Timestamp;

/// The signature algorithms revocation answers may use: the rustls provider's list.
pub(crate) type Algorithms = &'static [&'static dyn SignatureVerificationAlgorithm];

/// Why bytes could not be read or relied on; becomes the `detail` of an `Unusable` outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Malformed(pub String);

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<der::Error> for Malformed {
    fn from(e: der::Error) -> Self {
        Self(format!("bad DER: {e}"))
    }
}

pub(crate) fn malformed(what: impl Into<String>) -> Malformed {
    Malformed(what.into())
}

/// A signed structure, split. Every slice borrows the input.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Signed<'a> {
    /// The signed part: the DER of the first element, tag and length included.
    pub tbs: &'a [u8],
    /// The contents of `signatureAlgorithm` (without its SEQUENCE header), as webpki's
    /// algorithms name themselves.
    pub algorithm: &'a [u8],
    pub signature: &'a [u8],
    /// The elements after the signature (a BasicOCSPResponse's `certs`).
    pub rest: &'a [u8],
}

impl<'a> Signed<'a> {
    pub fn parse(der: &'a [u8]) -> Result<Self, Malformed> {
        let body = sequence_value(der)?;
        let mut reader = SliceReader::new(body)?;
        let tbs = element(&mut reader, body)?;
        let algorithm = AnyRef::decode(&mut reader)?;
        if algorithm.tag() != Tag::Sequence {
            return Err(malformed("signatureAlgorithm is not a SEQUENCE"));
        }
        let signature = BitStringRef::decode(&mut reader)?;
        if signature.unused_bits() != 0 {
            return Err(malformed("the signature is not a whole number of bytes"));
        }
        let rest = body.get(offset(reader.position())?..).unwrap_or_default();
        Ok(Self { tbs, algorithm: algorithm.value(), signature: signature.raw_bytes(), rest })
    }
}

/// The contents of the one SEQUENCE that `der` must be, entirely.
pub(crate) fn sequence_value(der: &[u8]) -> Result<&[u8], Malformed> {
    let outer = AnyRef::from_der(der)?;
    if outer.tag() != Tag::Sequence {
        return Err(malformed(format!("expected a SEQUENCE, found {}", outer.tag())));
    }
    Ok(outer.value())
}

/// The next element of `reader` (which reads `whole`) as raw DER, header included.
pub(crate) fn element<'a>(reader: &mut SliceReader<'a>, whole: &'a [u8]) -> Result<&'a [u8], Malformed> {
    let start = offset(reader.position())?;
    AnyRef::decode(reader)?;
    let end = offset(reader.position())?;
    whole.get(start..end).ok_or_else(|| malformed("element out of bounds"))
}

fn offset(position: Length) -> Result<usize, Malformed> {
    usize::try_from(position).map_err(|_| malformed("offset out of range"))
}

/// `value` wrapped in a SEQUENCE header: a `Name` or an SPKI as it appears inside a certificate,
/// from webpki's header-less form.
pub(crate) fn wrap_sequence(value: &[u8]) -> Result<Vec<u8>, Malformed> {
    let mut out = Vec::with_capacity(value.len() + 4);
    Header::new(Tag::Sequence, Length::try_from(value.len())?).encode_to_vec(&mut out)?;
    out.extend_from_slice(value);
    Ok(out)
}

/// At most this many characters of a malformed value are quoted in a detail: enough to recognise
/// it, never the whole answer (a CRL may be megabytes, and the evidence must fit a reply).
const QUOTED: usize = 40;

/// `text` in quotes for a detail, cut after [`QUOTED`] characters.
fn quoted(text: &str) -> String {
    match text.char_indices().nth(QUOTED) {
        Some((cut, _)) => format!("{:?}…", &text[..cut]),
        None => format!("{text:?}"),
    }
}

/// `Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }` (RFC 5280 §4.1.2.5), and
/// OCSP's GeneralizedTime. Read leniently: fractional seconds are dropped (RFC 5280 forbids
/// them, some responders send them anyway); the zone must be `Z`.
pub(crate) fn time(any: AnyRef<'_>) -> Result<Timestamp, Malformed> {
    let text = std::str::from_utf8(any.value()).map_err(|_| malformed("a time that is not text"))?;
    let (year, rest) = match any.tag() {
        // RFC 5280 §4.1.2.5.1: YY of 50 and above are 19YY, the others 20YY.
        Tag::UtcTime => {
            let yy: u16 = text
                .get(..2)
                .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|y| y.parse().ok())
                .ok_or_else(|| malformed(format!("bad UTCTime {}", quoted(text))))?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, &text[2..])
        }
        Tag::GeneralizedTime => {
            let yyyy: u16 = text
                .get(..4)
                .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|y| y.parse().ok())
                .ok_or_else(|| malformed(format!("bad GeneralizedTime {}", quoted(text))))?;
            (yyyy, &text[4..])
        }
        other => return Err(malformed(format!("expected a time, found {other}"))),
    };
    let (digits, zone) = rest.split_at(rest.find(['.', 'Z']).unwrap_or(rest.len()));
    let zone = zone.strip_prefix('.').map_or(zone, |f| f.trim_start_matches(|c: char| c.is_ascii_digit()));
    let d = |i: usize| digits.get(i..i + 2);
    let rfc3339 = match (digits.len(), zone, d(0), d(2), d(4), d(6), d(8)) {
        (10, "Z", Some(mo), Some(day), Some(h), Some(mi), Some(s)) => format!("{year:04}-{mo}-{day}T{h}:{mi}:{s}Z"),
        _ => return Err(malformed(format!("bad time {}", quoted(text)))),
    };
    Timestamp::parse_rfc3339(&rfc3339).ok_or_else(|| malformed(format!("bad time {}", quoted(text))))
}

/// `SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }`
/// (RFC 5280 §4.1.2.7).
struct Spki<'a> {
    /// The contents of `algorithm`.
    algorithm: &'a [u8],
    /// The bits of `subjectPublicKey`: what RFC 6960's `issuerKeyHash` hashes.
    key: &'a [u8],
}

fn spki(der: &[u8]) -> Result<Spki<'_>, Malformed> {
    let mut reader = SliceReader::new(sequence_value(der)?)?;
    let algorithm = AnyRef::decode(&mut reader)?;
    let key = BitStringRef::decode(&mut reader)?;
    Ok(Spki { algorithm: algorithm.value(), key: key.raw_bytes() })
}

/// Why a signature was not accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SignatureError {
    /// None of the provider's algorithms is this one (`algorithm` is its OID, dotted).
    UnsupportedAlgorithm {
        algorithm: String,
    },
    /// The algorithm does not go with the signer's key (an ECDSA signature from an RSA key).
    WrongKeyType,
    /// The signature does not verify.
    Invalid,
    BadKey(Malformed),
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureError::UnsupportedAlgorithm { algorithm } => {
                write!(f, "unsupported signature algorithm {algorithm}")
            }
            SignatureError::WrongKeyType => f.write_str("the signature algorithm does not match the signer's key"),
            SignatureError::Invalid => f.write_str("the signature does not verify"),
            SignatureError::BadKey(e) => write!(f, "the signer's key cannot be read: {e}"),
        }
    }
}

/// Verifies `signed` with the key of `spki_der` (a whole SubjectPublicKeyInfo).
pub(crate) fn verify(algorithms: Algorithms, spki_der: &[u8], signed: &Signed<'_>) -> Result<(), SignatureError> {
    let key = spki(spki_der).map_err(SignatureError::BadKey)?;
    let mut named = false;
    for alg in algorithms.iter().filter(|a| a.signature_alg_id().as_ref() == signed.algorithm) {
        named = true;
        if alg.public_key_alg_id().as_ref() == key.algorithm {
            return alg.verify_signature(key.key, signed.tbs, signed.signature).map_err(|_| SignatureError::Invalid);
        }
    }
    if named {
        Err(SignatureError::WrongKeyType)
    } else {
        Err(SignatureError::UnsupportedAlgorithm { algorithm: algorithm_name(signed.algorithm) })
    }
}

/// The OID of an AlgorithmIdentifier's contents, dotted.
fn algorithm_name(contents: &[u8]) -> String {
    SliceReader::new(contents)
        .ok()
        .and_then(|mut r| <ObjectIdentifier>::decode(&mut r).ok())
        .map_or_else(|| "(unreadable)".to_owned(), |oid| oid.to_string())
}

/// The certificate whose status is asked for.
#[derive(Clone, Debug)]
pub(crate) struct Leaf<'a> {
    pub signed: Signed<'a>,
    /// The issuer `Name`, DER with its SEQUENCE header: what `issuerNameHash` hashes.
    pub issuer_name: Vec<u8>,
    /// The contents of the serialNumber INTEGER, as encoded (webpki is lenient about them).
    pub serial: Vec<u8>,
}

impl<'a> Leaf<'a> {
    pub fn parse(der: &'a [u8]) -> Result<Self, Malformed> {
        let signed = Signed::parse(der)?;
        let cert = CertificateDer::from(der);
        let parsed = webpki::EndEntityCert::try_from(&cert).map_err(|e| malformed(format!("{e:?}")))?;
        Ok(Self { signed, issuer_name: wrap_sequence(parsed.issuer())?, serial: parsed.serial().to_vec() })
    }

    /// The issuer `Name` without its header, as webpki keeps subjects.
    pub fn issuer_value(&self) -> &[u8] {
        sequence_value(&self.issuer_name).unwrap_or_default()
    }
}

/// The CA that issued the leaf: a name and a key (a trust anchor is no more than that).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Issuer {
    /// The subject `Name` without its SEQUENCE header (webpki's form).
    pub subject: Vec<u8>,
    /// The whole SubjectPublicKeyInfo.
    pub spki: Vec<u8>,
}

impl Issuer {
    pub fn from_certificate(der: &[u8]) -> Option<Self> {
        let cert = CertificateDer::from(der);
        let parsed = webpki::EndEntityCert::try_from(&cert).ok()?;
        Some(Self { subject: parsed.subject().to_vec(), spki: parsed.subject_public_key_info().as_ref().to_vec() })
    }

    pub fn from_anchor(anchor: &TrustAnchor<'_>) -> Self {
        Self { subject: anchor.subject.as_ref().to_vec(), spki: webpki::spki_for_anchor(anchor).as_ref().to_vec() }
    }

    /// The bits of the public key: what `issuerKeyHash` and `byKey` hash.
    pub fn key_bits(&self) -> Result<&[u8], Malformed> {
        spki(&self.spki).map(|s| s.key)
    }

    /// Did this CA sign `leaf`? The names must match and the signature verify.
    pub fn issued(&self, leaf: &Leaf<'_>, algorithms: Algorithms) -> bool {
        self.subject == leaf.issuer_value() && verify(algorithms, &self.spki, &leaf.signed).is_ok()
    }

    fn anchor(&self) -> Result<TrustAnchor<'_>, Malformed> {
        Ok(TrustAnchor {
            subject: Der::from(self.subject.as_slice()),
            subject_public_key_info: Der::from(sequence_value(&self.spki)?),
            name_constraints: None,
        })
    }
}

/// id-kp-OCSPSigning (1.3.6.1.5.5.7.3.9, RFC 6960 §4.2.2.2), the OID's DER contents.
const ID_KP_OCSP_SIGNING: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x09];

/// Checks that `responder` (DER) is a responder `issuer` delegated to (RFC 6960 §4.2.2.2): issued
/// and signed by it, valid at `now`, with id-kp-OCSPSigning in its extended key usage. Returns
/// its SubjectPublicKeyInfo.
pub(crate) fn delegated_responder(
    responder: &[u8],
    issuer: &Issuer,
    algorithms: Algorithms,
    now: UnixTime,
) -> Result<Vec<u8>, Malformed> {
    let cert = CertificateDer::from(responder);
    let parsed = webpki::EndEntityCert::try_from(&cert).map_err(|e| malformed(format!("{e:?}")))?;
    let anchors = [issuer.anchor()?];
    let usage = webpki::KeyUsage::required(ID_KP_OCSP_SIGNING);
    parsed
        .verify_for_usage(algorithms, &anchors, &[], now, usage, None, None)
        .map_err(|e| malformed(format!("the responder certificate is not delegated by the issuer: {e:?}")))?;
    Ok(parsed.subject_public_key_info().as_ref().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::revocation::tests::{algorithms, fixture};

    #[test]
    fn a_certificate_splits_into_its_signed_parts() {
        let der = fixture("leaf-good.der");
        let signed = Signed::parse(&der).unwrap();
        assert_eq!(signed.tbs[0], 0x30);
        assert!(signed.rest.is_empty());
        // ecdsa-with-SHA256, no parameters.
        assert_eq!(signed.algorithm, &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]);
    }

    #[test]
    fn the_issuer_is_told_from_a_stranger_by_its_signature() {
        let der = fixture("leaf-good.der");
        let leaf = Leaf::parse(&der).unwrap();
        assert_eq!(leaf.serial, [0x10, 0x01]);
        let ca = Issuer::from_certificate(&fixture("ca.der")).unwrap();
        assert!(ca.issued(&leaf, algorithms()));
        let other = Issuer::from_certificate(&fixture("other-ca.der")).unwrap();
        assert!(!other.issued(&leaf, algorithms()));
        // The same name with another key is not the issuer either.
        let impostor = Issuer { subject: ca.subject.clone(), spki: other.spki.clone() };
        assert!(!impostor.issued(&leaf, algorithms()));
    }

    #[test]
    fn an_anchor_is_the_same_issuer_as_its_certificate() {
        let der = fixture("ca.der");
        let cert = CertificateDer::from(der.as_slice());
        let anchor = webpki::anchor_from_trusted_cert(&cert).unwrap();
        assert_eq!(Issuer::from_anchor(&anchor), Issuer::from_certificate(&der).unwrap());
    }

    #[test]
    fn signatures_name_what_went_wrong() {
        let der = fixture("leaf-good.der");
        let mut signed = Signed::parse(&der).unwrap();
        let ca = Issuer::from_certificate(&fixture("ca.der")).unwrap();
        let rsa = Issuer::from_certificate(&fixture("rsa-ca.der")).unwrap();
        assert_eq!(verify(algorithms(), &ca.spki, &signed), Ok(()));
        assert_eq!(verify(algorithms(), &rsa.spki, &signed), Err(SignatureError::WrongKeyType));
        let mut tampered = signed.tbs.to_vec();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        signed.tbs = &tampered;
        assert_eq!(verify(algorithms(), &ca.spki, &signed), Err(SignatureError::Invalid));
        // ecdsa-with-SHA1 is not offered.
        let sha1 = [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01];
        signed.algorithm = &sha1;
        assert_eq!(
            verify(algorithms(), &ca.spki, &signed),
            Err(SignatureError::UnsupportedAlgorithm { algorithm: "1.2.840.10045.4.1".into() })
        );
    }

    #[test]
    fn garbage_is_malformed_not_a_panic() {
        for bytes in [&b""[..], b"\x30", b"\x30\x00", b"\x04\x00", b"\x30\x03\x02\x01\x00", &[0x30, 0x82, 0xff, 0xff]] {
            assert!(Signed::parse(bytes).is_err(), "{bytes:?}");
            assert!(Leaf::parse(bytes).is_err());
            assert!(Issuer::from_certificate(bytes).is_none());
        }
        let der = fixture("leaf-good.der");
        for cut in 0..der.len() {
            assert!(Leaf::parse(&der[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn times_are_read_leniently_but_not_loosely() {
        let t = |tag, text: &str| time(AnyRef::new(tag, text.as_bytes()).unwrap()).map(|t| t.to_string());
        assert_eq!(t(Tag::GeneralizedTime, "20261125142536Z").unwrap(), "2026-11-25T14:25:36Z");
        assert_eq!(t(Tag::GeneralizedTime, "20261125142536.123Z").unwrap(), "2026-11-25T14:25:36Z");
        assert_eq!(t(Tag::UtcTime, "261125142536Z").unwrap(), "2026-11-25T14:25:36Z");
        assert_eq!(t(Tag::UtcTime, "991231235959Z").unwrap(), "1999-12-31T23:59:59Z");
        for bad in
            ["2026112514253Z", "20261125142536", "20261125142536+0100", "2026-11-25T14:25Z", "20261325142536Z", ""]
        {
            assert!(t(Tag::GeneralizedTime, bad).is_err(), "{bad}");
        }
        assert!(t(Tag::Utf8String, "20261125142536Z").is_err());
    }

    /// Caught by the `crl` fuzz target's bound on details (fuzz/seeds/crl/regressions/): a CRL
    /// whose thisUpdate is kilobytes of control characters was quoted whole, escaped, into the
    /// evidence.
    #[test]
    fn a_long_bad_time_is_quoted_short() {
        let long = "\u{1}".repeat(300);
        for tag in [Tag::UtcTime, Tag::GeneralizedTime] {
            let e = time(AnyRef::new(tag, long.as_bytes()).unwrap()).unwrap_err();
            assert!(e.0.len() < 300, "{} bytes: {e}", e.0.len());
            assert!(e.0.ends_with('…'), "{e}");
        }
        let e = time(AnyRef::new(Tag::UtcTime, "99123123595".as_bytes()).unwrap()).unwrap_err();
        assert_eq!(e.0, "bad time \"99123123595\"");
    }

    #[test]
    fn only_a_responder_with_ocsp_signing_is_delegated() {
        let ca = Issuer::from_certificate(&fixture("ca.der")).unwrap();
        let now = crate::probe::revocation::tests::fixture_now();
        assert!(delegated_responder(&fixture("responder.der"), &ca, algorithms(), now).is_ok());
        let e = delegated_responder(&fixture("not-responder.der"), &ca, algorithms(), now).unwrap_err();
        assert!(e.0.contains("RequiredEkuNotFound"), "{e}");
        let other = Issuer::from_certificate(&fixture("other-ca.der")).unwrap();
        assert!(delegated_responder(&fixture("responder.der"), &other, algorithms(), now).is_err());
    }
}
