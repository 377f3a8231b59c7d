//! The Authority Information Access extension (RFC 5280 §4.2.2.1), written by hand: rcgen has
//! no helper for it, and the lab needs exactly one shape of it.
//!
//! ```asn1
//! AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription
//! AccessDescription ::= SEQUENCE { accessMethod OBJECT IDENTIFIER, accessLocation GeneralName }
//! GeneralName ::= CHOICE { ..., uniformResourceIdentifier [6] IA5String, ... }
//! ```

use rcgen::CustomExtension;

/// id-pe-authorityInfoAccess.
const ID_PE_AUTHORITY_INFO_ACCESS: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 1, 1];
/// id-ad-caIssuers (1.3.6.1.5.5.7.48.2), DER-encoded with its tag and length.
const ID_AD_CA_ISSUERS: &[u8] = &[0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02];
const SEQUENCE: u8 = 0x30;
/// `[6] IMPLICIT IA5String`: context-specific, primitive, tag number 6.
const URI: u8 = 0x86;

/// id-ad-ocsp (1.3.6.1.5.5.7.48.1), DER-encoded with its tag and length.
const ID_AD_OCSP: &[u8] = &[0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01];

/// An AIA extension with one `caIssuers` URL, where clients can fetch the issuer's certificate.
pub(crate) fn ca_issuers(url: &str) -> CustomExtension {
    authority_info_access(Some(url), None)
}

/// An AIA extension with a `caIssuers` URL and an OCSP responder URL (RFC 6960 §3.1), each
/// when given. A certificate carries one AIA extension, so both go in the same one.
pub(crate) fn authority_info_access(ca_issuers: Option<&str>, ocsp: Option<&str>) -> CustomExtension {
    let description = |method: &[u8], url: &str| tlv(SEQUENCE, &[method, &tlv(URI, url.as_bytes())].concat());
    let mut descriptions = Vec::new();
    if let Some(url) = ocsp {
        descriptions.extend(description(ID_AD_OCSP, url));
    }
    if let Some(url) = ca_issuers {
        descriptions.extend(description(ID_AD_CA_ISSUERS, url));
    }
    CustomExtension::from_oid_content(ID_PE_AUTHORITY_INFO_ACCESS, tlv(SEQUENCE, &descriptions))
}

/// One DER element: tag, definite length (short form below 128, long form above), content.
pub(crate) fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let len = content.len();
    let mut out = vec![tag];
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
