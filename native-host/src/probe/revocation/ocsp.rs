//! OCSP (RFC 6960), sans-IO: the request for one certificate, and what an answer says about it
//! once its signature and subject are checked. Only the structures the host needs are written,
//! with `der`'s derive (so the DER itself is read by `der`); everything else of an answer is
//! skipped unread.
//!
//! Not RustCrypto's `x509-ocsp`: its releases (0.2.x, the latest in December 2026) are built on
//! `der` 0.7 and `x509-cert` 0.2, while the model and the host use `der` 0.8 and `x509-cert`
//! 0.3. Taking it would link a second `der`, `spki`, `const-oid` and `x509-cert` into the host,
//! and every certificate an answer carries would have to be re-encoded to cross between them.
//! The few structures below are the ASN.1 of RFC 6960 §4.1.1 and §4.2.1, declared once.

use der::asn1::{AnyRef, Null, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Reader, Sequence, SliceReader, Tag, TagNumber, Tagged};
use ring::digest;
use rustls::pki_types::UnixTime;
use tls_doctor_core::wire::{CertStatus, RevocationOutcome};

use super::signed::{self, Algorithms, Issuer, Leaf, Malformed, Signed, malformed};

/// At most this many certificates of an answer's `certs` are tried as its signer. Responders
/// send one (their own); the rest would only cost signature checks.
pub(crate) const MAX_RESPONDER_CERTS: usize = 4;

/// At most this many SingleResponses are read from one answer. A responder answers what it
/// was asked (one certificate); CAs that batch answers put a few dozen in one.
pub(crate) const MAX_SINGLE_RESPONSES: usize = 256;

/// id-sha1 (RFC 3279 §2.2.1): the CertID hash every responder accepts (RFC 5019 §2.1.1).
const ID_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ID_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const ID_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
/// id-pkix-ocsp-basic (RFC 6960 §4.2.1).
const ID_PKIX_OCSP_BASIC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");

/// `AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }`
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct AlgorithmIdentifier<'a> {
    algorithm: ObjectIdentifier,
    #[asn1(optional = "true")]
    parameters: Option<AnyRef<'a>>,
}

/// ```asn1
/// CertID ::= SEQUENCE {
///     hashAlgorithm   AlgorithmIdentifier,
///     issuerNameHash  OCTET STRING, -- Hash of issuer's DN
///     issuerKeyHash   OCTET STRING, -- Hash of issuer's public key
///     serialNumber    CertificateSerialNumber }
/// ```
/// The serial is kept as it was encoded (an INTEGER's contents), so that a negative or
/// over-long serial round-trips unchanged.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct CertId<'a> {
    hash_algorithm: AlgorithmIdentifier<'a>,
    issuer_name_hash: &'a OctetStringRef,
    issuer_key_hash: &'a OctetStringRef,
    serial_number: AnyRef<'a>,
}

/// ```asn1
/// OCSPRequest ::= SEQUENCE { tbsRequest TBSRequest, optionalSignature [0] EXPLICIT Signature OPTIONAL }
/// TBSRequest ::= SEQUENCE {
///     version            [0] EXPLICIT Version DEFAULT v1,
///     requestorName      [1] EXPLICIT GeneralName OPTIONAL,
///     requestList        SEQUENCE OF Request,
///     requestExtensions  [2] EXPLICIT Extensions OPTIONAL }
/// Request ::= SEQUENCE { reqCert CertID, singleRequestExtensions [0] EXPLICIT Extensions OPTIONAL }
/// ```
/// Unsigned, without a nonce (RFC 5019 §2.1: responders that pre-sign answers ignore nonces).
#[derive(Sequence)]
struct OcspRequest<'a> {
    tbs_request: TbsRequest<'a>,
}

#[derive(Sequence)]
struct TbsRequest<'a> {
    request_list: Vec<Request<'a>>,
}

#[derive(Sequence)]
struct Request<'a> {
    req_cert: CertId<'a>,
}

/// ```asn1
/// OCSPResponse ::= SEQUENCE {
///     responseStatus  OCSPResponseStatus,  -- ENUMERATED
///     responseBytes   [0] EXPLICIT ResponseBytes OPTIONAL }
/// ResponseBytes ::= SEQUENCE { responseType OBJECT IDENTIFIER, response OCTET STRING }
/// ```
#[derive(Sequence)]
struct OcspResponse<'a> {
    response_status: AnyRef<'a>,
    #[asn1(context_specific = "0", optional = "true")]
    response_bytes: Option<ResponseBytes<'a>>,
}

#[derive(Sequence)]
struct ResponseBytes<'a> {
    response_type: ObjectIdentifier,
    response: &'a OctetStringRef,
}

/// The signed part of a BasicOCSPResponse (whose outer shape is [`Signed`]):
/// ```asn1
/// ResponseData ::= SEQUENCE {
///     version             [0] EXPLICIT Version DEFAULT v1,
///     responderID         ResponderID,           -- CHOICE { byName [1] Name, byKey [2] KeyHash }
///     producedAt          GeneralizedTime,
///     responses           SEQUENCE OF SingleResponse,
///     responseExtensions  [1] EXPLICIT Extensions OPTIONAL }
/// ```
/// The responder is found by signature, not by `responderID`, so that field is not read.
#[derive(Sequence)]
struct ResponseData<'a> {
    #[asn1(context_specific = "0", optional = "true")]
    version: Option<AnyRef<'a>>,
    responder_id: AnyRef<'a>,
    produced_at: AnyRef<'a>,
    responses: AnyRef<'a>,
    #[asn1(context_specific = "1", optional = "true")]
    response_extensions: Option<AnyRef<'a>>,
}

/// ```asn1
/// SingleResponse ::= SEQUENCE {
///     certID            CertID,
///     certStatus        CertStatus,  -- CHOICE { good [0] IMPLICIT NULL,
///                                    --          revoked [1] IMPLICIT RevokedInfo,
///                                    --          unknown [2] IMPLICIT UnknownInfo }
///     thisUpdate        GeneralizedTime,
///     nextUpdate        [0] EXPLICIT GeneralizedTime OPTIONAL,
///     singleExtensions  [1] EXPLICIT Extensions OPTIONAL }
/// ```
#[derive(Sequence)]
struct SingleResponse<'a> {
    cert_id: CertId<'a>,
    cert_status: AnyRef<'a>,
    this_update: AnyRef<'a>,
    #[asn1(context_specific = "0", optional = "true")]
    next_update: Option<AnyRef<'a>>,
    #[asn1(context_specific = "1", optional = "true")]
    single_extensions: Option<AnyRef<'a>>,
}

/// The DER of an OCSPRequest asking about `leaf`, with a SHA-1 CertID.
pub(crate) fn request(leaf: &Leaf<'_>, issuer: &Issuer) -> Result<Vec<u8>, Malformed> {
    let name_hash = digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, &leaf.issuer_name);
    let key_hash = digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, issuer.key_bits()?);
    let cert_id = CertId {
        hash_algorithm: AlgorithmIdentifier { algorithm: ID_SHA1, parameters: Some(AnyRef::from(Null)) },
        issuer_name_hash: OctetStringRef::new(name_hash.as_ref())?,
        issuer_key_hash: OctetStringRef::new(key_hash.as_ref())?,
        serial_number: AnyRef::new(Tag::Integer, &leaf.serial)?,
    };
    let request = OcspRequest { tbs_request: TbsRequest { request_list: vec![Request { req_cert: cert_id }] } };
    Ok(request.to_der()?)
}

/// What `response` (an OCSPResponse's DER) says about `leaf`: `Answered` only when it is signed
/// by `issuer` or by a responder `issuer` delegated to (valid at `now`), and speaks of `leaf`.
pub(crate) fn evaluate(
    response: &[u8],
    leaf: &Leaf<'_>,
    issuer: &Issuer,
    algorithms: Algorithms,
    now: UnixTime,
) -> RevocationOutcome {
    match read(response, leaf, issuer, algorithms, now) {
        Ok(answer) => answer,
        Err(e) => RevocationOutcome::Unusable { detail: e.0 },
    }
}

fn read(
    response: &[u8],
    leaf: &Leaf<'_>,
    issuer: &Issuer,
    algorithms: Algorithms,
    now: UnixTime,
) -> Result<RevocationOutcome, Malformed> {
    let response = OcspResponse::from_der(response)?;
    if response.response_status.tag() != Tag::Enumerated {
        return Err(malformed("responseStatus is not an ENUMERATED"));
    }
    match response.response_status.value() {
        [0] => {}
        [status] => return Err(malformed(format!("the responder answered {}", status_name(*status)))),
        _ => return Err(malformed("responseStatus out of range")),
    }
    let Some(bytes) = response.response_bytes else {
        return Err(malformed("a successful answer without responseBytes"));
    };
    if bytes.response_type != ID_PKIX_OCSP_BASIC {
        return Err(malformed(format!("response type {} is not id-pkix-ocsp-basic", bytes.response_type)));
    }
    let basic = Signed::parse(bytes.response.as_bytes())?;
    check_signer(&basic, issuer, algorithms, now)?;

    let data = ResponseData::from_der(basic.tbs)?;
    if data.responses.tag() != Tag::Sequence {
        return Err(malformed("responses is not a SEQUENCE"));
    }
    let Some(single) = ours(data.responses.value(), leaf, issuer)? else {
        return Err(malformed("the answer is about another certificate"));
    };
    Ok(RevocationOutcome::Answered {
        status: cert_status(single.cert_status)?,
        this_update: signed::time(single.this_update)?,
        next_update: single.next_update.map(signed::time).transpose()?,
    })
}

/// The SingleResponse about `leaf` among `responses` (the contents of the SEQUENCE OF), found
/// within the first [`MAX_SINGLE_RESPONSES`].
fn ours<'a>(responses: &'a [u8], leaf: &Leaf<'_>, issuer: &Issuer) -> Result<Option<SingleResponse<'a>>, Malformed> {
    let mut reader = SliceReader::new(responses)?;
    for _ in 0..MAX_SINGLE_RESPONSES {
        if reader.is_finished() {
            break;
        }
        let single = SingleResponse::decode(&mut reader)?;
        if speaks_of(&single.cert_id, leaf, issuer)? {
            return Ok(Some(single));
        }
    }
    Ok(None)
}

/// RFC 6960 §4.2.1: responseStatus names.
fn status_name(status: u8) -> String {
    match status {
        1 => "malformedRequest".into(),
        2 => "internalError".into(),
        3 => "tryLater".into(),
        5 => "sigRequired".into(),
        6 => "unauthorized".into(),
        other => format!("status {other}"),
    }
}

/// The answer must be signed by the issuer, or by a certificate it carries that the issuer
/// delegated OCSP signing to (RFC 6960 §4.2.2.2). A responder's own trust (the third option of
/// §4.2.2.2, "a Trusted Responder" configured locally) does not apply to a diagnosis.
fn check_signer(basic: &Signed<'_>, issuer: &Issuer, algorithms: Algorithms, now: UnixTime) -> Result<(), Malformed> {
    let by_issuer = match signed::verify(algorithms, &issuer.spki, basic) {
        Ok(()) => return Ok(()),
        Err(e) => e,
    };
    for cert in responder_certs(basic.rest)?.into_iter().take(MAX_RESPONDER_CERTS) {
        let Some(candidate) = Issuer::from_certificate(cert) else { continue };
        if signed::verify(algorithms, &candidate.spki, basic).is_ok() {
            return signed::delegated_responder(cert, issuer, algorithms, now).map(|_| ());
        }
    }
    Err(malformed(format!("not signed by the issuer or a responder it delegated to ({by_issuer})")))
}

/// `certs [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL`, each as raw DER.
fn responder_certs(rest: &[u8]) -> Result<Vec<&[u8]>, Malformed> {
    if rest.is_empty() {
        return Ok(Vec::new());
    }
    let tagged = AnyRef::from_der(rest)?;
    if tagged.tag() != (Tag::ContextSpecific { constructed: true, number: TagNumber(0) }) {
        return Err(malformed("unexpected data after the signature"));
    }
    let list = signed::sequence_value(tagged.value())?;
    let mut reader = SliceReader::new(list)?;
    let mut certs = Vec::new();
    while !reader.is_finished() && certs.len() < MAX_RESPONDER_CERTS {
        certs.push(signed::element(&mut reader, list)?);
    }
    Ok(certs)
}

/// Is `id` the CertID of `leaf` from `issuer`, whatever hash the responder chose?
fn speaks_of(id: &CertId<'_>, leaf: &Leaf<'_>, issuer: &Issuer) -> Result<bool, Malformed> {
    let algorithm = match id.hash_algorithm.algorithm {
        oid if oid == ID_SHA1 => &digest::SHA1_FOR_LEGACY_USE_ONLY,
        oid if oid == ID_SHA256 => &digest::SHA256,
        oid if oid == ID_SHA384 => &digest::SHA384,
        oid if oid == ID_SHA512 => &digest::SHA512,
        // Not a hash we know: not a CertID we can recognise as ours.
        _ => return Ok(false),
    };
    Ok(id.serial_number.tag() == Tag::Integer
        && id.serial_number.value() == leaf.serial.as_slice()
        && id.issuer_name_hash.as_bytes() == digest::digest(algorithm, &leaf.issuer_name).as_ref()
        && id.issuer_key_hash.as_bytes() == digest::digest(algorithm, issuer.key_bits()?).as_ref())
}

/// ```asn1
/// RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime,
///                            revocationReason [0] EXPLICIT CRLReason OPTIONAL }
/// ```
fn cert_status(status: AnyRef<'_>) -> Result<CertStatus, Malformed> {
    let Tag::ContextSpecific { number, .. } = status.tag() else {
        return Err(malformed(format!("certStatus has tag {}", status.tag())));
    };
    match number.0 {
        0 => Ok(CertStatus::Good),
        2 => Ok(CertStatus::Unknown),
        1 => {
            let mut reader = SliceReader::new(status.value())?;
            let revoked_at = signed::time(AnyRef::decode(&mut reader)?)?;
            let mut reason = None;
            if !reader.is_finished() {
                let tagged = AnyRef::decode(&mut reader)?;
                let code = AnyRef::from_der(tagged.value())?;
                if let (Tag::Enumerated, [code]) = (code.tag(), code.value()) {
                    reason = super::reason_name(*code).map(str::to_owned);
                }
            }
            Ok(CertStatus::Revoked { revoked_at, reason })
        }
        other => Err(malformed(format!("certStatus [{other}]"))),
    }
}

#[cfg(test)]
mod tests {
    use tls_doctor_core::Timestamp;

    use super::*;
    use crate::probe::revocation::tests::{algorithms, fixture, fixture_now};

    struct Fixture {
        leaf: Vec<u8>,
        issuer: Issuer,
    }

    impl Fixture {
        fn new(leaf: &str, issuer: &str) -> Self {
            Self { leaf: fixture(leaf), issuer: Issuer::from_certificate(&fixture(issuer)).unwrap() }
        }

        fn evaluate(&self, response: &[u8]) -> RevocationOutcome {
            let leaf = Leaf::parse(&self.leaf).unwrap();
            evaluate(response, &leaf, &self.issuer, algorithms(), fixture_now())
        }
    }

    fn good() -> Fixture {
        Fixture::new("leaf-good.der", "ca.der")
    }

    fn unusable(outcome: RevocationOutcome) -> String {
        match outcome {
            RevocationOutcome::Unusable { detail } => detail,
            other => panic!("expected Unusable, got {other:?}"),
        }
    }

    fn status(outcome: RevocationOutcome) -> CertStatus {
        match outcome {
            RevocationOutcome::Answered { status, this_update, next_update } => {
                assert!(this_update < Timestamp::from_unix(1_893_456_000), "made before 2030: {this_update}");
                assert!(next_update.is_some_and(|n| n > this_update));
                status
            }
            other => panic!("expected Answered, got {other:?}"),
        }
    }

    #[test]
    fn the_request_is_the_one_openssl_makes() {
        let f = good();
        let leaf = Leaf::parse(&f.leaf).unwrap();
        assert_eq!(request(&leaf, &f.issuer).unwrap(), fixture("req-good.der"));
    }

    #[test]
    fn a_good_answer_from_the_issuer() {
        assert_eq!(status(good().evaluate(&fixture("ocsp-good-by-ca.der"))), CertStatus::Good);
    }

    #[test]
    fn a_good_answer_from_a_delegated_responder() {
        assert_eq!(status(good().evaluate(&fixture("ocsp-good-delegated.der"))), CertStatus::Good);
    }

    #[test]
    fn a_sha256_cert_id_is_recognised() {
        assert_eq!(status(good().evaluate(&fixture("ocsp-good-sha256.der"))), CertStatus::Good);
    }

    #[test]
    fn an_rsa_signed_answer() {
        let f = Fixture::new("rsa-leaf.der", "rsa-ca.der");
        assert_eq!(status(f.evaluate(&fixture("ocsp-rsa.der"))), CertStatus::Good);
    }

    #[test]
    fn revoked_with_date_and_reason() {
        let f = Fixture::new("leaf-revoked.der", "ca.der");
        assert_eq!(
            status(f.evaluate(&fixture("ocsp-revoked.der"))),
            CertStatus::Revoked {
                revoked_at: Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap(),
                reason: Some("key_compromise".into())
            }
        );
    }

    #[test]
    fn unknown_to_the_responder() {
        let f = Fixture::new("leaf-unknown.der", "ca.der");
        assert_eq!(status(f.evaluate(&fixture("ocsp-unknown.der"))), CertStatus::Unknown);
    }

    #[test]
    fn an_answer_about_another_certificate_is_unusable() {
        let f = Fixture::new("leaf-revoked.der", "ca.der");
        assert_eq!(unusable(f.evaluate(&fixture("ocsp-good-by-ca.der"))), "the answer is about another certificate");
    }

    #[test]
    fn a_signer_without_ocsp_signing_is_refused() {
        let detail = unusable(good().evaluate(&fixture("ocsp-not-delegated.der")));
        assert!(detail.contains("not delegated by the issuer"), "{detail}");
    }

    #[test]
    fn a_stranger_s_signature_is_refused() {
        // Signed by another CA, whose certificate comes along: not a delegate of the issuer.
        let detail = unusable(good().evaluate(&fixture("ocsp-other-signer.der")));
        assert!(detail.contains("not delegated by the issuer"), "{detail}");
    }

    #[test]
    fn a_delegated_responder_of_another_issuer_is_refused() {
        // The right answer, checked against a CA that did not issue the leaf.
        let f = Fixture::new("leaf-good.der", "other-ca.der");
        assert!(unusable(f.evaluate(&fixture("ocsp-good-delegated.der"))).contains("not delegated"));
    }

    #[test]
    fn a_tampered_answer_is_refused() {
        let mut der = fixture("ocsp-good-by-ca.der");
        // Make producedAt a year later: still well-formed, no longer what was signed.
        let at = der.windows(2).position(|w| w == [0x18, 0x0f]).unwrap() + 2;
        der[at + 3] ^= 0x01;
        assert!(unusable(good().evaluate(&der)).starts_with("not signed by the issuer"));
    }

    #[test]
    fn error_statuses_are_named() {
        // OCSPResponse { responseStatus tryLater }, as responders send it (RFC 6960 §4.2.1).
        assert_eq!(unusable(good().evaluate(&[0x30, 0x03, 0x0a, 0x01, 0x03])), "the responder answered tryLater");
        assert_eq!(unusable(good().evaluate(&[0x30, 0x03, 0x0a, 0x01, 0x06])), "the responder answered unauthorized");
        assert_eq!(
            unusable(good().evaluate(&[0x30, 0x03, 0x0a, 0x01, 0x00])),
            "a successful answer without responseBytes"
        );
    }

    #[test]
    fn garbage_and_truncations_are_unusable() {
        for bytes in [&b""[..], b"<html>", b"\x30\x00", &[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]] {
            unusable(good().evaluate(bytes));
        }
        let der = fixture("ocsp-good-delegated.der");
        for cut in 0..der.len() {
            unusable(good().evaluate(&der[..cut]));
        }
    }

    /// The contents of the `responses` SEQUENCE OF of a fixture answer.
    fn responses_of(name: &str) -> Vec<u8> {
        let der = fixture(name);
        let response = OcspResponse::from_der(&der).unwrap();
        let basic = Signed::parse(response.response_bytes.unwrap().response.as_bytes()).unwrap();
        ResponseData::from_der(basic.tbs).unwrap().responses.value().to_vec()
    }

    #[test]
    fn the_answer_about_the_leaf_is_looked_for_among_the_first_256_only() {
        let f = good();
        let leaf = Leaf::parse(&f.leaf).unwrap();
        let other = responses_of("ocsp-revoked.der");
        let ours_alone = responses_of("ocsp-good-by-ca.der");
        let after = |others: usize| [other.repeat(others), ours_alone.clone()].concat();
        assert!(ours(&after(MAX_SINGLE_RESPONSES - 1), &leaf, &f.issuer).unwrap().is_some());
        assert!(ours(&after(MAX_SINGLE_RESPONSES), &leaf, &f.issuer).unwrap().is_none());
    }

    /// `ocsp-good-delegated.der` with its responder's certificate after `strangers` certificates
    /// of another CA in `certs` (outside what is signed, so the signature still holds).
    fn delegated_after(strangers: usize) -> Vec<u8> {
        use tls_doctor_core::test_support::tlv;
        let der = fixture("ocsp-good-delegated.der");
        let response = OcspResponse::from_der(&der).unwrap();
        let basic_der = response.response_bytes.unwrap().response.as_bytes();
        let basic = Signed::parse(basic_der).unwrap();
        let responder = responder_certs(basic.rest).unwrap()[0].to_vec();
        let body = signed::sequence_value(basic_der).unwrap();
        let signed_part = &body[..body.len() - basic.rest.len()];
        let list = [fixture("other-ca.der").repeat(strangers), responder].concat();
        let basic = tlv(0x30, &[signed_part, tlv(0xa0, &tlv(0x30, &list)).as_slice()].concat());
        // id-pkix-ocsp-basic
        let oid = tlv(0x06, &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01]);
        let bytes = tlv(0xa0, &tlv(0x30, &[oid, tlv(0x04, &basic)].concat()));
        tlv(0x30, &[&[0x0a, 0x01, 0x00][..], bytes.as_slice()].concat())
    }

    #[test]
    fn at_most_four_responder_certificates_are_tried() {
        assert_eq!(status(good().evaluate(&delegated_after(MAX_RESPONDER_CERTS - 1))), CertStatus::Good);
        let detail = unusable(good().evaluate(&delegated_after(MAX_RESPONDER_CERTS)));
        assert!(detail.starts_with("not signed by the issuer or a responder it delegated to"), "{detail}");
        let strangers = delegated_after(MAX_RESPONDER_CERTS * 3);
        let response = OcspResponse::from_der(&strangers).unwrap();
        let basic = Signed::parse(response.response_bytes.unwrap().response.as_bytes()).unwrap();
        assert_eq!(responder_certs(basic.rest).unwrap().len(), MAX_RESPONDER_CERTS);
    }
}
