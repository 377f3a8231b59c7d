//! TLS cipher suites: their IANA names and what they mean for a client today. The host offers
//! them in hand-built ClientHellos ([`CipherOffer`]); the model judges the server's choice.
//!
//! Sources: IANA "TLS Cipher Suites" registry; RFC 7465 (RC4 prohibited), RFC 8996 (TLS 1.0
//! and 1.1 deprecated), RFC 9325 §4.2 (ECDHE with AEAD recommended; static RSA and 3DES not).

use crate::wire::CipherOffer;

/// What a cipher suite is worth to a client today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CipherClass {
    /// TLS 1.3, or ECDHE key exchange with an AEAD cipher (AES-GCM, ChaCha20-Poly1305): what
    /// current browsers offer first.
    Modern,
    /// ECDHE with a CBC-mode cipher: still offered by browsers, not recommended.
    EcdheCbc,
    /// RSA key exchange: no forward secrecy; no longer offered by current Chrome.
    StaticRsa,
    /// Finite-field Diffie-Hellman: browsers dropped it (Chrome 53, Firefox 78).
    Dhe,
    Rc4,
    TripleDes,
    /// No encryption at all.
    Null,
    /// 40/56-bit "export" ciphers from the 1990s.
    Export,
    /// No authentication of the server: anyone in the middle can pose as it.
    Anonymous,
    /// Anything else (CCM, ARIA, Camellia, SEED, PSK…): rare, and not in browsers.
    Other,
}

impl CipherClass {
    /// Weak enough that a server offering nothing better counts as `weak_cipher_only`.
    pub fn weak(self) -> bool {
        matches!(
            self,
            CipherClass::StaticRsa
                | CipherClass::Dhe
                | CipherClass::Rc4
                | CipherClass::TripleDes
                | CipherClass::Null
                | CipherClass::Export
                | CipherClass::Anonymous
        )
    }
}

/// A suite: IANA number, IANA name, class, and whether it is TLS 1.3-only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Suite {
    pub id: u16,
    pub name: &'static str,
    pub class: CipherClass,
}

macro_rules! suites {
    ($($id:literal $name:ident $class:ident,)*) => {
        /// Every suite the host offers, in the order it offers them.
        pub const SUITES: &[Suite] = &[$(Suite { id: $id, name: stringify!($name), class: CipherClass::$class },)*];
    };
}

suites! {
    0x1301 TLS_AES_128_GCM_SHA256 Modern,
    0x1302 TLS_AES_256_GCM_SHA384 Modern,
    0x1303 TLS_CHACHA20_POLY1305_SHA256 Modern,
    0xC02B TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 Modern,
    0xC02F TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 Modern,
    0xC02C TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 Modern,
    0xC030 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 Modern,
    0xCCA9 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 Modern,
    0xCCA8 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 Modern,
    0xC009 TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA EcdheCbc,
    0xC013 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA EcdheCbc,
    0xC00A TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA EcdheCbc,
    0xC014 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA EcdheCbc,
    0xC023 TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 EcdheCbc,
    0xC027 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 EcdheCbc,
    0xC024 TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384 EcdheCbc,
    0xC028 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384 EcdheCbc,
    0x009C TLS_RSA_WITH_AES_128_GCM_SHA256 StaticRsa,
    0x009D TLS_RSA_WITH_AES_256_GCM_SHA384 StaticRsa,
    0x002F TLS_RSA_WITH_AES_128_CBC_SHA StaticRsa,
    0x0035 TLS_RSA_WITH_AES_256_CBC_SHA StaticRsa,
    0x003C TLS_RSA_WITH_AES_128_CBC_SHA256 StaticRsa,
    0x003D TLS_RSA_WITH_AES_256_CBC_SHA256 StaticRsa,
    0x0041 TLS_RSA_WITH_CAMELLIA_128_CBC_SHA StaticRsa,
    0x0084 TLS_RSA_WITH_CAMELLIA_256_CBC_SHA StaticRsa,
    0x0096 TLS_RSA_WITH_SEED_CBC_SHA StaticRsa,
    0x009E TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 Dhe,
    0x009F TLS_DHE_RSA_WITH_AES_256_GCM_SHA384 Dhe,
    0xCCAA TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256 Dhe,
    0x0033 TLS_DHE_RSA_WITH_AES_128_CBC_SHA Dhe,
    0x0039 TLS_DHE_RSA_WITH_AES_256_CBC_SHA Dhe,
    0x0067 TLS_DHE_RSA_WITH_AES_128_CBC_SHA256 Dhe,
    0x006B TLS_DHE_RSA_WITH_AES_256_CBC_SHA256 Dhe,
    0x0032 TLS_DHE_DSS_WITH_AES_128_CBC_SHA Dhe,
    0x0038 TLS_DHE_DSS_WITH_AES_256_CBC_SHA Dhe,
    0x0045 TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA Dhe,
    0x0088 TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA Dhe,
    0xC012 TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA TripleDes,
    0xC008 TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA TripleDes,
    0x000A TLS_RSA_WITH_3DES_EDE_CBC_SHA TripleDes,
    0x0016 TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA TripleDes,
    0x0013 TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA TripleDes,
    0xC011 TLS_ECDHE_RSA_WITH_RC4_128_SHA Rc4,
    0xC007 TLS_ECDHE_ECDSA_WITH_RC4_128_SHA Rc4,
    0x0005 TLS_RSA_WITH_RC4_128_SHA Rc4,
    0x0004 TLS_RSA_WITH_RC4_128_MD5 Rc4,
    0x0009 TLS_RSA_WITH_DES_CBC_SHA Export,
    0x0015 TLS_DHE_RSA_WITH_DES_CBC_SHA Export,
    0x0003 TLS_RSA_EXPORT_WITH_RC4_40_MD5 Export,
    0x0006 TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5 Export,
    0x0008 TLS_RSA_EXPORT_WITH_DES40_CBC_SHA Export,
    0x0014 TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA Export,
    0x0018 TLS_DH_anon_WITH_RC4_128_MD5 Anonymous,
    0x001B TLS_DH_anon_WITH_3DES_EDE_CBC_SHA Anonymous,
    0x0034 TLS_DH_anon_WITH_AES_128_CBC_SHA Anonymous,
    0x003A TLS_DH_anon_WITH_AES_256_CBC_SHA Anonymous,
    0xC018 TLS_ECDH_anon_WITH_AES_128_CBC_SHA Anonymous,
    0xC019 TLS_ECDH_anon_WITH_AES_256_CBC_SHA Anonymous,
    0x0001 TLS_RSA_WITH_NULL_MD5 Null,
    0x0002 TLS_RSA_WITH_NULL_SHA Null,
    0x003B TLS_RSA_WITH_NULL_SHA256 Null,
    0xC010 TLS_ECDHE_RSA_WITH_NULL_SHA Null,
    0xC006 TLS_ECDHE_ECDSA_WITH_NULL_SHA Null,
}

/// The TLS 1.3 suites (RFC 8446 §B.4); every other suite here is for TLS ≤ 1.2.
pub fn tls13_only(id: u16) -> bool {
    (0x1301..=0x1305).contains(&id)
}

pub fn suite(id: u16) -> Option<&'static Suite> {
    SUITES.iter().find(|s| s.id == id)
}

/// The suite's IANA name, or its number in hex.
pub fn name(id: u16) -> String {
    suite(id).map_or_else(|| format!("0x{id:04X}"), |s| s.name.to_owned())
}

pub fn class(id: u16) -> CipherClass {
    suite(id).map_or(CipherClass::Other, |s| s.class)
}

/// The suites a probe offers for `offer` (TLS 1.3 suites only when `tls13`).
pub fn offered(offer: CipherOffer, tls13: bool) -> Vec<u16> {
    SUITES
        .iter()
        .filter(|s| tls13_only(s.id) == tls13)
        .filter(|s| match offer {
            CipherOffer::Modern => s.class == CipherClass::Modern,
            CipherOffer::Legacy => s.class != CipherClass::Modern,
            CipherOffer::All => true,
        })
        .map(|s| s.id)
        .collect()
}

/// An alert's RFC 8446 §6 name (`handshake_failure`); older versions' names for numbers TLS 1.3
/// reserved (`no_certificate`, SSL 3.0's); `unknown_N` for numbers no RFC gave.
pub fn alert_name(description: u8) -> String {
    known_alert(description).map_or_else(|| format!("unknown_{description}"), str::to_owned)
}

/// RFC 8446 §6 `AlertDescription`, with RFC 9849's `ech_required`.
fn known_alert(description: u8) -> Option<&'static str> {
    Some(match description {
        0 => "close_notify",
        10 => "unexpected_message",
        20 => "bad_record_mac",
        21 => "decryption_failed",
        22 => "record_overflow",
        30 => "decompression_failure",
        40 => "handshake_failure",
        41 => "no_certificate",
        42 => "bad_certificate",
        43 => "unsupported_certificate",
        44 => "certificate_revoked",
        45 => "certificate_expired",
        46 => "certificate_unknown",
        47 => "illegal_parameter",
        48 => "unknown_ca",
        49 => "access_denied",
        50 => "decode_error",
        51 => "decrypt_error",
        60 => "export_restriction",
        70 => "protocol_version",
        71 => "insufficient_security",
        80 => "internal_error",
        86 => "inappropriate_fallback",
        90 => "user_canceled",
        100 => "no_renegotiation",
        109 => "missing_extension",
        110 => "unsupported_extension",
        111 => "certificate_unobtainable",
        112 => "unrecognized_name",
        113 => "bad_certificate_status_response",
        114 => "bad_certificate_hash_value",
        115 => "unknown_psk_identity",
        116 => "certificate_required",
        120 => "no_application_protocol",
        121 => "ech_required",
        _ => return None,
    })
}

/// Finite-field DH groups smaller than this are weak (Logjam; RFC 9325 §4.1 asks for 2048).
pub const DH_MIN_BITS: u32 = 2048;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_named() {
        for (i, a) in SUITES.iter().enumerate() {
            assert!(SUITES[i + 1..].iter().all(|b| b.id != a.id), "{}", a.name);
            assert!(a.name.starts_with("TLS_"));
        }
        assert_eq!(name(0xC02F), "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assert_eq!(name(0xFFFF), "0xFFFF");
    }

    #[test]
    fn offers_split_modern_from_legacy() {
        let modern = offered(CipherOffer::Modern, false);
        let legacy = offered(CipherOffer::Legacy, false);
        assert!(modern.iter().all(|id| class(*id) == CipherClass::Modern && !tls13_only(*id)));
        assert!(legacy.iter().all(|id| class(*id) != CipherClass::Modern));
        assert_eq!(modern.len() + legacy.len(), offered(CipherOffer::All, false).len());
        assert_eq!(offered(CipherOffer::Modern, true), vec![0x1301, 0x1302, 0x1303]);
        assert!(class(0x0005).weak() && class(0x000A).weak() && !class(0xC013).weak());
    }
}
