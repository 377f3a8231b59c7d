//! The embedded Signed Certificate Timestamps of a certificate (RFC 6962 §3.3): only their
//! times, which is what browsers' distrust-by-date rules read (`distrust.rs`).
//!
//! The extension (OID 1.3.6.1.4.1.11129.2.4.2) holds an OCTET STRING whose contents are a
//! TLS-encoded `SignedCertificateTimestampList`:
//!
//! ```text
//! opaque SerializedSCT<1..2^16-1>;
//! struct { SerializedSCT sct_list<1..2^16-1>; } SignedCertificateTimestampList;
//! struct { Version sct_version; LogID id[32]; uint64 timestamp; ... } SignedCertificateTimestamp;
//! ```
//!
//! Read from untrusted bytes: every length is checked against what is left, at most
//! [`MAX_SCTS`] entries are looked at, and nothing here can panic (fuzzed through
//! `cert::parse`).

use der::Decode;

/// More SCTs than any CA embeds (Chrome's policy asks for 2 or 3).
const MAX_SCTS: usize = 32;

/// The earliest timestamp (milliseconds since the Unix epoch) of the version-1 SCTs in the
/// extension's value (the DER OCTET STRING), or `None` when there is none or it is malformed.
pub(super) fn earliest_ms(extn_value: &[u8]) -> Option<u64> {
    let inner = <&der::asn1::OctetStringRef>::from_der(extn_value).ok()?;
    let bytes = inner.as_bytes();
    let (list, rest) = take_u16_prefixed(bytes)?;
    if !rest.is_empty() {
        return None;
    }
    let mut left = list;
    let mut earliest: Option<u64> = None;
    for _ in 0..MAX_SCTS {
        if left.is_empty() {
            break;
        }
        let (sct, rest) = take_u16_prefixed(left)?;
        left = rest;
        // v1 (0): version byte, 32-byte log id, then the 64-bit timestamp.
        if sct.first() != Some(&0) {
            continue;
        }
        let stamp: [u8; 8] = sct.get(33..41)?.try_into().ok()?;
        let ms = u64::from_be_bytes(stamp);
        earliest = Some(earliest.map_or(ms, |e| e.min(ms)));
    }
    earliest
}

/// A 16-bit big-endian length and that many bytes; the rest after them.
fn take_u16_prefixed(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let len = usize::from(u16::from_be_bytes([*bytes.first()?, *bytes.get(1)?]));
    let body = bytes.get(2..2 + len)?;
    Some((body, bytes.get(2 + len..)?))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// One v1 SCT with this timestamp (log id and signature are filler: only the time is read).
    pub(crate) fn sct(ms: u64) -> Vec<u8> {
        let mut s = vec![0u8];
        s.extend_from_slice(&[0xAB; 32]);
        s.extend_from_slice(&ms.to_be_bytes());
        s.extend_from_slice(&[0, 0]); // no extensions
        s.extend_from_slice(&[4, 3, 0, 2, 0x30, 0x00]); // sha256/ecdsa, a 2-byte "signature"
        s
    }

    /// The extension's value (an OCTET STRING around the TLS list) for these SCTs.
    pub(crate) fn extension_value(scts: &[Vec<u8>]) -> Vec<u8> {
        let mut list = Vec::new();
        for s in scts {
            list.extend_from_slice(&u16::try_from(s.len()).unwrap_or(0).to_be_bytes());
            list.extend_from_slice(s);
        }
        let mut tls = u16::try_from(list.len()).unwrap_or(0).to_be_bytes().to_vec();
        tls.extend_from_slice(&list);
        der::asn1::OctetString::new(tls).and_then(|o| der::Encode::to_der(&o)).unwrap_or_default()
    }

    #[test]
    fn the_earliest_of_the_scts_is_read() {
        let value = extension_value(&[sct(1_731_400_000_123), sct(1_731_300_000_000), sct(1_731_500_000_000)]);
        assert_eq!(earliest_ms(&value), Some(1_731_300_000_000));
        // A v2 (or unknown) SCT is skipped, not misread.
        let mut other = sct(5);
        other[0] = 1;
        assert_eq!(earliest_ms(&extension_value(&[other, sct(9_000)])), Some(9_000));
    }

    #[test]
    fn malformed_lists_give_nothing_and_never_panic() {
        let good = extension_value(&[sct(1_000), sct(2_000)]);
        for cut in 0..good.len() {
            // Truncations are either rejected or (when the OCTET STRING still parses) read
            // without panicking.
            let _ = earliest_ms(&good[..cut]);
        }
        assert_eq!(earliest_ms(&[]), None);
        assert_eq!(earliest_ms(&extension_value(&[])), None);
        // An entry whose length runs past the end.
        let mut tls = vec![0, 5, 0, 40, 0, 0, 0];
        assert_eq!(
            earliest_ms(&der::Encode::to_der(&der::asn1::OctetString::new(tls.clone()).unwrap()).unwrap()),
            None
        );
        // Trailing bytes after the list.
        tls = vec![0, 0, 9];
        assert_eq!(earliest_ms(&der::Encode::to_der(&der::asn1::OctetString::new(tls).unwrap()).unwrap()), None);
        // An SCT too short for its timestamp.
        assert_eq!(earliest_ms(&extension_value(&[vec![0; 20]])), None);
    }
}
