//! Hand-built ClientHellos, sans-IO: the bytes a probe writes, for one protocol version and one
//! cipher offer. rustls cannot say these (it speaks only TLS 1.2 and 1.3, and only strong
//! suites), and the point is to learn what a server still accepts.
//!
//! Layouts: SSL 3.0 (RFC 6101 §5.6.1.2), TLS 1.0–1.2 (RFC 2246 / 4346 / 5246 §7.4.1.2), TLS 1.3
//! (RFC 8446 §4.1.2); extensions from RFC 6066 (server_name), RFC 8422 (supported_groups,
//! ec_point_formats), RFC 5246 §7.4.1.4.1 / RFC 8446 §4.2.3 (signature_algorithms), RFC 5746
//! (renegotiation_info), RFC 7685 (padding), RFC 8446 §4.2.1 / §4.2.8 (supported_versions,
//! key_share).

use tls_doctor_core::tls;
use tls_doctor_core::wire::{CipherOffer, ProtocolVersion};

/// Record content type of handshake messages (RFC 5246 §6.2.1).
pub const CONTENT_HANDSHAKE: u8 = 22;
/// Handshake message type of a ClientHello.
const CLIENT_HELLO: u8 = 1;

/// TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.3): the SSL 3.0 hello carries no extensions,
/// so it asks for secure renegotiation with this pseudo-suite instead.
const EMPTY_RENEGOTIATION_INFO_SCSV: u16 = 0x00FF;

/// x25519, secp256r1, secp384r1 (RFC 8422 §5.1.1, RFC 8446 §4.2.7): what every TLS stack that
/// speaks ECDHE has.
const GROUPS: [u16; 3] = [0x001D, 0x0017, 0x0018];
const X25519: u16 = 0x001D;

/// Signature schemes, the current ones first, then the SHA-1 ones an old server may need to
/// sign its ServerKeyExchange at all (RFC 8446 §4.2.3 numbering; 0x0201 = rsa_pkcs1_sha1,
/// 0x0203 = ecdsa_sha1, 0x0202 / 0x0402 = DSA).
const SIGNATURE_SCHEMES: [u16; 13] =
    [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601, 0x0807, 0x0201, 0x0203, 0x0402, 0x0202];

const EXT_SERVER_NAME: u16 = 0;
const EXT_SUPPORTED_GROUPS: u16 = 10;
const EXT_EC_POINT_FORMATS: u16 = 11;
const EXT_SIGNATURE_ALGORITHMS: u16 = 13;
const EXT_PADDING: u16 = 21;
const EXT_SUPPORTED_VERSIONS: u16 = 43;
const EXT_KEY_SHARE: u16 = 51;
const EXT_RENEGOTIATION_INFO: u16 = 0xFF01;

/// The longest host name sent as SNI (RFC 1035 §2.3.4: 255 octets).
const SNI_LIMIT: usize = 255;

/// The version number on the wire (RFC 8446 §4.2.1 table; SSL 3.0 is 3.0).
pub fn wire_version(version: ProtocolVersion) -> u16 {
    match version {
        ProtocolVersion::Ssl3 => 0x0300,
        ProtocolVersion::Tls1_0 => 0x0301,
        ProtocolVersion::Tls1_1 => 0x0302,
        ProtocolVersion::Tls1_2 => 0x0303,
        ProtocolVersion::Tls1_3 => 0x0304,
    }
}

/// The version a wire number stands for, when it is one we know.
pub fn version_of(wire: u16) -> Option<ProtocolVersion> {
    match wire {
        0x0300 => Some(ProtocolVersion::Ssl3),
        0x0301 => Some(ProtocolVersion::Tls1_0),
        0x0302 => Some(ProtocolVersion::Tls1_1),
        0x0303 => Some(ProtocolVersion::Tls1_2),
        0x0304 => Some(ProtocolVersion::Tls1_3),
        _ => None,
    }
}

/// What varies between two hellos of the same probe: the bytes a real client draws at random.
/// Any values do; they need not be secret, since no handshake is completed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Randomness {
    /// ClientHello.random.
    pub random: [u8; 32],
    /// The TLS 1.3 hello's legacy_session_id (RFC 8446 §D.4: non-empty, for middleboxes), and
    /// its x25519 key share: any 32 bytes are a valid x25519 public value (RFC 7748 §5).
    pub session_id: [u8; 32],
    pub key_share: [u8; 32],
}

impl Randomness {
    /// 96 bytes from `fill` (a CSPRNG); when it fails, fixed bytes, which serve as well.
    pub fn from_fill(fill: impl FnOnce(&mut [u8]) -> bool) -> Self {
        let mut bytes = [0u8; 96];
        if !fill(&mut bytes) {
            for (i, b) in bytes.iter_mut().enumerate() {
                *b = u8::try_from(i).unwrap_or(0).wrapping_mul(167).wrapping_add(13);
            }
        }
        let mut out = Self { random: [0; 32], session_id: [0; 32], key_share: [0; 32] };
        out.random.copy_from_slice(&bytes[..32]);
        out.session_id.copy_from_slice(&bytes[32..64]);
        out.key_share.copy_from_slice(&bytes[64..]);
        out
    }
}

/// The ClientHello record(s) for `version`, offering the suites of `offer` (TLS 1.3: its own
/// three suites, whatever `offer`), with `sni` as server_name when given.
pub fn client_hello(version: ProtocolVersion, offer: CipherOffer, sni: Option<&str>, rand: &Randomness) -> Vec<u8> {
    let tls13 = version == ProtocolVersion::Tls1_3;
    let mut suites = tls::offered(offer, tls13);
    if version == ProtocolVersion::Ssl3 {
        suites.push(EMPTY_RENEGOTIATION_INFO_SCSV);
    }
    // TLS 1.3 says 1.2 here and its real version in supported_versions (RFC 8446 §4.1.2).
    let legacy_version = if tls13 { 0x0303 } else { wire_version(version) };

    let mut body = Vec::with_capacity(512);
    put_u16(&mut body, legacy_version);
    body.extend_from_slice(&rand.random);
    if tls13 {
        put_vec8(&mut body, &rand.session_id);
    } else {
        body.push(0);
    }
    let mut suite_bytes = Vec::with_capacity(suites.len() * 2);
    for suite in &suites {
        put_u16(&mut suite_bytes, *suite);
    }
    put_vec16(&mut body, &suite_bytes);
    // Compression: null only (RFC 5246 §7.4.1.2; RFC 8446 requires exactly that).
    put_vec8(&mut body, &[0]);

    if version != ProtocolVersion::Ssl3 {
        let mut extensions = extensions(version, sni, rand);
        // RFC 7685 §4 / the F5 bug: some servers hang on a ClientHello whose handshake message
        // is 256–511 bytes long. Pad it to 512, as OpenSSL and browsers do.
        let message_len = 4 + body.len() + 2 + extensions.len();
        if (256..512).contains(&message_len) {
            let pad = (512 - message_len).saturating_sub(4);
            put_extension(&mut extensions, EXT_PADDING, &vec![0; pad]);
        }
        put_vec16(&mut body, &extensions);
    }

    let mut message = Vec::with_capacity(body.len() + 4);
    message.push(CLIENT_HELLO);
    put_u24(&mut message, body.len());
    message.extend_from_slice(&body);

    // The record's version: the probed one, except TLS 1.3, whose first record says 1.0
    // (RFC 8446 §5.1: legacy_record_version 0x0301 for an initial ClientHello).
    let record_version = if tls13 { 0x0301 } else { wire_version(version) };
    let mut out = Vec::with_capacity(message.len() + 10);
    // A hello fits in one record (< 2^14 bytes): the suite list is bounded by tls::SUITES.
    for fragment in message.chunks(1 << 14) {
        out.push(CONTENT_HANDSHAKE);
        put_u16(&mut out, record_version);
        put_vec16(&mut out, fragment);
    }
    out
}

fn extensions(version: ProtocolVersion, sni: Option<&str>, rand: &Randomness) -> Vec<u8> {
    let tls13 = version == ProtocolVersion::Tls1_3;
    let mut out = Vec::with_capacity(256);
    if let Some(name) = sni.filter(|n| !n.is_empty() && n.len() <= SNI_LIMIT && n.is_ascii()) {
        // ServerNameList with one host_name entry (RFC 6066 §3).
        let mut entry = vec![0u8];
        put_vec16(&mut entry, name.as_bytes());
        let mut list = Vec::with_capacity(entry.len() + 2);
        put_vec16(&mut list, &entry);
        put_extension(&mut out, EXT_SERVER_NAME, &list);
    }
    let mut groups = Vec::with_capacity(GROUPS.len() * 2);
    for g in GROUPS {
        put_u16(&mut groups, g);
    }
    let mut list = Vec::with_capacity(groups.len() + 2);
    put_vec16(&mut list, &groups);
    put_extension(&mut out, EXT_SUPPORTED_GROUPS, &list);
    // Uncompressed points only (RFC 8422 §5.1.2).
    put_extension(&mut out, EXT_EC_POINT_FORMATS, &[1, 0]);
    // RFC 5246 §7.4.1.4.1: not meaningful before TLS 1.2, and a client offering only an
    // earlier version must not send it.
    if matches!(version, ProtocolVersion::Tls1_2 | ProtocolVersion::Tls1_3) {
        let mut schemes = Vec::with_capacity(SIGNATURE_SCHEMES.len() * 2);
        for s in SIGNATURE_SCHEMES {
            put_u16(&mut schemes, s);
        }
        let mut list = Vec::with_capacity(schemes.len() + 2);
        put_vec16(&mut list, &schemes);
        put_extension(&mut out, EXT_SIGNATURE_ALGORITHMS, &list);
    }
    // An empty renegotiated_connection: "this is an initial handshake" (RFC 5746 §3.4).
    put_extension(&mut out, EXT_RENEGOTIATION_INFO, &[0]);
    if tls13 {
        put_extension(&mut out, EXT_SUPPORTED_VERSIONS, &[2, 0x03, 0x04]);
        let mut share = Vec::with_capacity(38);
        put_u16(&mut share, X25519);
        put_vec16(&mut share, &rand.key_share);
        let mut shares = Vec::with_capacity(share.len() + 2);
        put_vec16(&mut shares, &share);
        put_extension(&mut out, EXT_KEY_SHARE, &shares);
    }
    out
}

fn put_u16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_be_bytes());
}

/// A 24-bit length. Every caller's length is far below 2^24 (a hello is a few hundred bytes).
fn put_u24(out: &mut Vec<u8>, v: usize) {
    let v = u32::try_from(v).unwrap_or(u32::MAX).min(0x00FF_FFFF);
    out.extend_from_slice(&v.to_be_bytes()[1..]);
}

fn put_vec8(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(u8::try_from(bytes.len()).unwrap_or(u8::MAX));
    out.extend_from_slice(bytes);
}

fn put_vec16(out: &mut Vec<u8>, bytes: &[u8]) {
    put_u16(out, u16::try_from(bytes.len()).unwrap_or(u16::MAX));
    out.extend_from_slice(bytes);
}

fn put_extension(out: &mut Vec<u8>, kind: u16, data: &[u8]) {
    put_u16(out, kind);
    put_vec16(out, data);
}

#[cfg(test)]
mod tests {
    use super::*;

    const RAND: Randomness = Randomness { random: [0xAA; 32], session_id: [0xBB; 32], key_share: [0xCC; 32] };

    /// A minimal reader for the tests: the hello's fields, as a server reads them.
    struct Hello {
        record_version: u16,
        legacy_version: u16,
        session_id: Vec<u8>,
        suites: Vec<u16>,
        extensions: Vec<(u16, Vec<u8>)>,
        message_len: usize,
    }

    fn read(bytes: &[u8]) -> Hello {
        assert_eq!(bytes[0], CONTENT_HANDSHAKE);
        let record_version = u16::from_be_bytes([bytes[1], bytes[2]]);
        let record_len = usize::from(u16::from_be_bytes([bytes[3], bytes[4]]));
        assert_eq!(record_len, bytes.len() - 5, "one record, its length right");
        let m = &bytes[5..];
        assert_eq!(m[0], CLIENT_HELLO);
        let len = usize::from(m[1]) << 16 | usize::from(m[2]) << 8 | usize::from(m[3]);
        assert_eq!(len, m.len() - 4);
        let b = &m[4..];
        let legacy_version = u16::from_be_bytes([b[0], b[1]]);
        assert_eq!(&b[2..34], &RAND.random);
        let sid_len = usize::from(b[34]);
        let session_id = b[35..35 + sid_len].to_vec();
        let mut at = 35 + sid_len;
        let suites_len = usize::from(u16::from_be_bytes([b[at], b[at + 1]]));
        let suites =
            b[at + 2..at + 2 + suites_len].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>();
        at += 2 + suites_len;
        assert_eq!(&b[at..at + 2], &[1, 0], "null compression only");
        at += 2;
        let mut extensions = Vec::new();
        if at < b.len() {
            let ext_len = usize::from(u16::from_be_bytes([b[at], b[at + 1]]));
            at += 2;
            assert_eq!(at + ext_len, b.len());
            while at < b.len() {
                let kind = u16::from_be_bytes([b[at], b[at + 1]]);
                let len = usize::from(u16::from_be_bytes([b[at + 2], b[at + 3]]));
                extensions.push((kind, b[at + 4..at + 4 + len].to_vec()));
                at += 4 + len;
            }
        }
        Hello { record_version, legacy_version, session_id, suites, extensions, message_len: m.len() }
    }

    fn ext(h: &Hello, kind: u16) -> Option<&[u8]> {
        h.extensions.iter().find(|(k, _)| *k == kind).map(|(_, d)| d.as_slice())
    }

    #[test]
    fn versions_are_on_the_record_and_in_the_hello() {
        for (version, record, legacy) in [
            (ProtocolVersion::Ssl3, 0x0300, 0x0300),
            (ProtocolVersion::Tls1_0, 0x0301, 0x0301),
            (ProtocolVersion::Tls1_1, 0x0302, 0x0302),
            (ProtocolVersion::Tls1_2, 0x0303, 0x0303),
            (ProtocolVersion::Tls1_3, 0x0301, 0x0303),
        ] {
            let h = read(&client_hello(version, CipherOffer::All, Some("example.test"), &RAND));
            assert_eq!((h.record_version, h.legacy_version), (record, legacy), "{version:?}");
            assert_eq!(version_of(wire_version(version)), Some(version));
        }
        assert_eq!(version_of(0x7F1C), None);
    }

    #[test]
    fn ssl3_has_no_extensions_and_asks_for_secure_renegotiation_by_scsv() {
        let h = read(&client_hello(ProtocolVersion::Ssl3, CipherOffer::All, Some("example.test"), &RAND));
        assert!(h.extensions.is_empty());
        assert_eq!(h.suites.last(), Some(&EMPTY_RENEGOTIATION_INFO_SCSV));
        assert_eq!(h.suites.len(), tls::offered(CipherOffer::All, false).len() + 1);
        assert!(h.session_id.is_empty());
    }

    #[test]
    fn tls12_offers_the_chosen_suites_and_the_usual_extensions() {
        for offer in [CipherOffer::Modern, CipherOffer::Legacy, CipherOffer::All] {
            let h = read(&client_hello(ProtocolVersion::Tls1_2, offer, Some("example.test"), &RAND));
            assert_eq!(h.suites, tls::offered(offer, false), "{offer:?}");
            let sni = ext(&h, EXT_SERVER_NAME).unwrap();
            assert_eq!(sni, b"\x00\x0f\x00\x00\x0cexample.test");
            assert_eq!(ext(&h, EXT_SUPPORTED_GROUPS).unwrap(), [0, 6, 0, 0x1D, 0, 0x17, 0, 0x18]);
            assert_eq!(ext(&h, EXT_EC_POINT_FORMATS).unwrap(), [1, 0]);
            assert_eq!(ext(&h, EXT_RENEGOTIATION_INFO).unwrap(), [0]);
            let sigs = ext(&h, EXT_SIGNATURE_ALGORITHMS).unwrap();
            assert_eq!(usize::from(sigs[1]), SIGNATURE_SCHEMES.len() * 2);
            assert!(sigs.windows(2).any(|w| w == [2, 1]), "rsa_pkcs1_sha1 offered");
            assert!(ext(&h, EXT_SUPPORTED_VERSIONS).is_none() && ext(&h, EXT_KEY_SHARE).is_none());
        }
    }

    #[test]
    fn tls10_and_11_leave_out_signature_algorithms() {
        for version in [ProtocolVersion::Tls1_0, ProtocolVersion::Tls1_1] {
            let h = read(&client_hello(version, CipherOffer::All, None, &RAND));
            assert!(ext(&h, EXT_SIGNATURE_ALGORITHMS).is_none());
            assert!(ext(&h, EXT_SERVER_NAME).is_none(), "no SNI asked for");
        }
    }

    #[test]
    fn tls13_offers_only_1_3_with_an_x25519_share() {
        let h = read(&client_hello(ProtocolVersion::Tls1_3, CipherOffer::Modern, Some("example.test"), &RAND));
        assert_eq!(h.suites, [0x1301, 0x1302, 0x1303]);
        assert_eq!(h.session_id, [0xBB; 32]);
        assert_eq!(ext(&h, EXT_SUPPORTED_VERSIONS).unwrap(), [2, 3, 4]);
        let share = ext(&h, EXT_KEY_SHARE).unwrap();
        assert_eq!(&share[..6], &[0, 36, 0, 0x1D, 0, 32]);
        assert_eq!(&share[6..], &[0xCC; 32]);
    }

    #[test]
    fn hellos_between_256_and_511_bytes_are_padded_to_512() {
        for version in [ProtocolVersion::Tls1_0, ProtocolVersion::Tls1_1, ProtocolVersion::Tls1_2] {
            for offer in [CipherOffer::Modern, CipherOffer::Legacy, CipherOffer::All] {
                for sni in [None, Some("a.test"), Some("a-rather-long-name.of-some-server.example.test")] {
                    let h = read(&client_hello(version, offer, sni, &RAND));
                    assert!(!(256..512).contains(&h.message_len), "{version:?} {offer:?} {}", h.message_len);
                }
            }
        }
    }

    #[test]
    fn an_sni_that_is_no_host_name_is_left_out() {
        let long = "a".repeat(300);
        for bad in ["", long.as_str(), "bücher.test"] {
            let h = read(&client_hello(ProtocolVersion::Tls1_2, CipherOffer::Modern, Some(bad), &RAND));
            assert!(ext(&h, EXT_SERVER_NAME).is_none(), "{bad}");
        }
    }

    #[test]
    fn randomness_falls_back_to_fixed_bytes() {
        let r = Randomness::from_fill(|_| false);
        assert_ne!(r.random, [0; 32]);
        let r = Randomness::from_fill(|b| {
            b.fill(7);
            true
        });
        assert_eq!(r.key_share, [7; 32]);
    }
}
