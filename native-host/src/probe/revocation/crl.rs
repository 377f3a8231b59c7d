//! Certificate revocation lists (RFC 5280 §5), sans-IO: is the leaf's serial on its issuer's
//! CRL? The list is parsed and searched by rustls-webpki (lenient about serials, strict about
//! critical extensions, RFC 5280 §5.3); its signature and dates are checked here, because
//! webpki only checks them while building a path.
//!
//! ```asn1
//! TBSCertList ::= SEQUENCE {
//!     version              Version OPTIONAL,  -- v2
//!     signature            AlgorithmIdentifier,
//!     issuer               Name,
//!     thisUpdate           Time,
//!     nextUpdate           Time OPTIONAL,
//!     revokedCertificates  SEQUENCE OF SEQUENCE { ... } OPTIONAL,
//!     crlExtensions        [0] EXPLICIT Extensions OPTIONAL }
//! ```

use der::asn1::AnyRef;
use der::{Decode, SliceReader, Tag, Tagged};
use rustls::pki_types::UnixTime;
use tls_doctor_core::Timestamp;
use tls_doctor_core::wire::{CertStatus, RevocationOutcome};
use webpki::{BorrowedCertRevocationList, CertRevocationList};

use super::signed::{self, Algorithms, Issuer, Leaf, Malformed, Signed, malformed};

/// What the CRL `crl` (DER) says about `leaf`: `Answered` only when `issuer` signed it.
pub(crate) fn evaluate(crl: &[u8], leaf: &Leaf<'_>, issuer: &Issuer, algorithms: Algorithms) -> RevocationOutcome {
    match read(crl, leaf, issuer, algorithms) {
        Ok(answer) => answer,
        Err(e) => RevocationOutcome::Unusable { detail: e.0 },
    }
}

fn read(crl: &[u8], leaf: &Leaf<'_>, issuer: &Issuer, algorithms: Algorithms) -> Result<RevocationOutcome, Malformed> {
    let signed = Signed::parse(crl)?;
    let header = Header::parse(signed.tbs)?;
    // Indirect CRLs (RFC 5280 §5.2.5) are not followed; neither does webpki.
    if header.issuer != leaf.issuer_value() {
        return Err(malformed("the CRL is another CA's"));
    }
    signed::verify(algorithms, &issuer.spki, &signed)
        .map_err(|e| malformed(format!("the CRL is not signed by the issuer: {e}")))?;
    let list = BorrowedCertRevocationList::from_der(crl).map_err(|e| malformed(format!("CRL: {e:?}")))?;
    let list = CertRevocationList::from(list);
    let entry = list.find_serial(&leaf.serial).map_err(|e| malformed(format!("CRL: {e:?}")))?;
    let status = match entry {
        None => CertStatus::Good,
        Some(entry) => CertStatus::Revoked {
            revoked_at: timestamp(entry.revocation_date),
            reason: entry.reason_code.and_then(|r| super::reason_name(r as u8)).map(str::to_owned),
        },
    };
    Ok(RevocationOutcome::Answered { status, this_update: header.this_update, next_update: header.next_update })
}

/// The start of a TBSCertList: who made it and when.
struct Header<'a> {
    /// The issuer `Name` without its SEQUENCE header.
    issuer: &'a [u8],
    this_update: Timestamp,
    next_update: Option<Timestamp>,
}

impl<'a> Header<'a> {
    fn parse(tbs: &'a [u8]) -> Result<Self, Malformed> {
        let mut reader = SliceReader::new(signed::sequence_value(tbs)?)?;
        // The version (absent in v1), then the signature AlgorithmIdentifier.
        if AnyRef::decode(&mut reader)?.tag() == Tag::Integer {
            AnyRef::decode(&mut reader)?;
        }
        let issuer = AnyRef::decode(&mut reader)?;
        if issuer.tag() != Tag::Sequence {
            return Err(malformed("the CRL issuer is not a Name"));
        }
        let this_update = signed::time(AnyRef::decode(&mut reader)?)?;
        let next_update = match Tag::peek(&reader) {
            Ok(Tag::UtcTime | Tag::GeneralizedTime) => Some(signed::time(AnyRef::decode(&mut reader)?)?),
            _ => None,
        };
        Ok(Self { issuer: issuer.value(), this_update, next_update })
    }
}

fn timestamp(t: UnixTime) -> Timestamp {
    let secs = t.as_secs();
    Timestamp(i64::try_from(secs).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::revocation::tests::{algorithms, fixture};

    fn evaluate_fixture(leaf: &str, crl: &str) -> RevocationOutcome {
        let leaf = fixture(leaf);
        let issuer = Issuer::from_certificate(&fixture("ca.der")).unwrap();
        evaluate(&fixture(crl), &Leaf::parse(&leaf).unwrap(), &issuer, algorithms())
    }

    #[test]
    fn a_listed_serial_is_revoked_with_date_and_reason() {
        let RevocationOutcome::Answered { status, this_update, next_update } =
            evaluate_fixture("leaf-revoked.der", "crl.der")
        else {
            panic!()
        };
        assert_eq!(
            status,
            CertStatus::Revoked {
                revoked_at: Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap(),
                reason: Some("key_compromise".into())
            }
        );
        assert!(next_update.is_some_and(|n| n > this_update));
    }

    #[test]
    fn an_unlisted_serial_is_good() {
        assert!(matches!(
            evaluate_fixture("leaf-good.der", "crl.der"),
            RevocationOutcome::Answered { status: CertStatus::Good, .. }
        ));
    }

    #[test]
    fn another_ca_s_crl_is_unusable() {
        assert_eq!(
            evaluate_fixture("leaf-good.der", "crl-other-ca.der"),
            RevocationOutcome::Unusable { detail: "the CRL is another CA's".into() }
        );
    }

    #[test]
    fn a_crl_not_signed_by_the_issuer_is_unusable() {
        let leaf = fixture("leaf-good.der");
        let impostor = Issuer {
            subject: Issuer::from_certificate(&fixture("ca.der")).unwrap().subject,
            spki: Issuer::from_certificate(&fixture("other-ca.der")).unwrap().spki,
        };
        let RevocationOutcome::Unusable { detail } =
            evaluate(&fixture("crl.der"), &Leaf::parse(&leaf).unwrap(), &impostor, algorithms())
        else {
            panic!()
        };
        assert!(detail.starts_with("the CRL is not signed by the issuer"), "{detail}");
    }

    #[test]
    fn garbage_and_truncations_are_unusable() {
        assert!(matches!(evaluate_fixture("leaf-good.der", "leaf-good.der"), RevocationOutcome::Unusable { .. }));
        let crl = fixture("crl.der");
        let leaf = fixture("leaf-good.der");
        let issuer = Issuer::from_certificate(&fixture("ca.der")).unwrap();
        for cut in 0..crl.len() {
            let outcome = evaluate(&crl[..cut], &Leaf::parse(&leaf).unwrap(), &issuer, algorithms());
            assert!(matches!(outcome, RevocationOutcome::Unusable { .. }), "cut at {cut}");
        }
    }

    #[test]
    fn webpki_times_become_timestamps() {
        assert_eq!(
            timestamp(UnixTime::since_unix_epoch(std::time::Duration::from_secs(1_767_225_600))).to_string(),
            "2026-01-01T00:00:00Z"
        );
    }
}
