//! The Authority Information Access extension (RFC 5280 §4.2.2.1) as rcgen takes it: rcgen has
//! no helper for it, so the value is written by hand, once, in the model's `test_support`.
//!
//! ```asn1
//! AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription
//! AccessDescription ::= SEQUENCE { accessMethod OBJECT IDENTIFIER, accessLocation GeneralName }
//! GeneralName ::= CHOICE { ..., uniformResourceIdentifier [6] IA5String, ... }
//! ```

use rcgen::CustomExtension;
pub(crate) use tls_doctor_core::test_support::tlv;
use tls_doctor_core::test_support::{ID_PE_AUTHORITY_INFO_ACCESS, authority_info_access as aia_value};

/// An AIA extension with one `caIssuers` URL, where clients can fetch the issuer's certificate.
pub(crate) fn ca_issuers(url: &str) -> CustomExtension {
    authority_info_access(Some(url), None)
}

/// An AIA extension with a `caIssuers` URL and an OCSP responder URL (RFC 6960 §3.1), each
/// when given; the value is the model's test-support writer, the one both the model's tests
/// and the lab use.
pub(crate) fn authority_info_access(ca_issuers: Option<&str>, ocsp: Option<&str>) -> CustomExtension {
    CustomExtension::from_oid_content(ID_PE_AUTHORITY_INFO_ACCESS, aia_value(ca_issuers, ocsp))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// id-ad-caIssuers and id-ad-ocsp, DER-encoded with tag and length (written out here, so
    /// that the test does not read the writer's own constants).
    const ID_AD_CA_ISSUERS: &[u8] = &[0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02];
    const ID_AD_OCSP: &[u8] = &[0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01];

    #[test]
    fn lengths_use_the_short_form_below_128_and_the_long_form_above() {
        assert_eq!(tlv(0x04, &[0xaa; 3]), [0x04, 0x03, 0xaa, 0xaa, 0xaa]);
        let long = tlv(0x04, &[0; 300]);
        assert_eq!(&long[..4], &[0x04, 0x82, 0x01, 0x2c]);
        assert_eq!(long.len(), 304);
    }

    #[test]
    fn the_extension_is_what_rfc_5280_describes() {
        let ext = ca_issuers("http://a/b");
        let url = b"http://a/b";
        let mut want = vec![0x30, 0x18, 0x30, 0x16];
        want.extend_from_slice(ID_AD_CA_ISSUERS);
        want.extend_from_slice(&[0x86, 0x0a]);
        want.extend_from_slice(url);
        assert_eq!(ext.content(), want.as_slice());
        assert_eq!(ext.oid_components().collect::<Vec<_>>(), ID_PE_AUTHORITY_INFO_ACCESS);
        assert!(!ext.criticality());
    }

    #[test]
    fn ocsp_comes_first_when_both_are_given() {
        let ext = authority_info_access(Some("http://a/b"), Some("http://o/"));
        let mut want = vec![0x30, 0x2f, 0x30, 0x15];
        want.extend_from_slice(ID_AD_OCSP);
        want.extend_from_slice(&[0x86, 0x09]);
        want.extend_from_slice(b"http://o/");
        want.extend_from_slice(&[0x30, 0x16]);
        want.extend_from_slice(ID_AD_CA_ISSUERS);
        want.extend_from_slice(&[0x86, 0x0a]);
        want.extend_from_slice(b"http://a/b");
        assert_eq!(ext.content(), want.as_slice());
    }
}
