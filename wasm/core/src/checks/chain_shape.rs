//! Can the served chain be read at all: `chain_too_long`, `certificate_too_large`,
//! `cert_unparseable`.

use super::Context;
use crate::wire::{Bytes, CHAIN_LIMIT, ChainOverflow, FindingKind, RejectReason};

/// The largest handshake message rustls reads: 64 KiB − 1 bytes of body (its message deframer,
/// `MAX_HANDSHAKE_SIZE = 0xffff`; larger is `InvalidMessage::HandshakePayloadTooLarge`). The
/// host shakes hands with rustls, so a larger Certificate message is why its handshake failed.
/// Other software stops later: OpenSSL's and BoringSSL's default certificate list limit is
/// 100 KiB (`SSL_MAX_CERT_LIST_DEFAULT 1024*100` in both `ssl.h`; BoringSSL, Chrome's TLS
/// library, reads a server's handshake message up to `max_cert_list`:
/// `ssl_max_handshake_message_len` in `ssl/s3_both.cc`), GnuTLS 128 KB since 3.5.5
/// (gnutls_handshake_set_max_packet_length(3): "The default value is 128kb"), Go's crypto/tls
/// 256 KiB for this one message (`maxHandshakeCertificateMsg`, golang/go#50773). NSS's limit
/// for TLS (Firefox) was not verified and is not claimed.
pub(crate) const RUSTLS_HANDSHAKE_LIMIT: usize = 0xffff;
/// OpenSSL's and BoringSSL's `SSL_MAX_CERT_LIST_DEFAULT` (above).
const OPENSSL_CERT_LIST_LIMIT: usize = 100 * 1024;
/// GnuTLS's default handshake limit, "128kb" (above).
const GNUTLS_HANDSHAKE_LIMIT: usize = 128 * 1024;
/// Go's `maxHandshakeCertificateMsg` (above).
const GO_CERTIFICATE_LIMIT: usize = 256 * 1024;

/// The TLS software whose default limit a Certificate message is over: each named one and
/// those before it refuse the handshake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RefusedUpTo {
    Rustls,
    /// OpenSSL, and BoringSSL (Chrome's TLS library).
    OpensslBoringssl,
    Gnutls,
    Go,
}

/// Which software refuses a Certificate message carrying `bytes` of certificates.
pub(crate) fn refused_up_to(bytes: usize) -> RefusedUpTo {
    match bytes {
        b if b > GO_CERTIFICATE_LIMIT => RefusedUpTo::Go,
        b if b > GNUTLS_HANDSHAKE_LIMIT => RefusedUpTo::Gnutls,
        b if b > OPENSSL_CERT_LIST_LIMIT => RefusedUpTo::OpensslBoringssl,
        _ => RefusedUpTo::Rustls,
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    if let Some(sent) = sent(cx) {
        if sent.certificates > CHAIN_LIMIT {
            out.push(FindingKind::ChainTooLong { certificates: sent.certificates, bytes: sent.bytes });
        }
    }
    if let Some((certificates, bytes)) = too_large(cx) {
        out.push(FindingKind::CertificateTooLarge { certificates, bytes });
    }
    // One finding, for the first certificate that does not parse: the rest of the chain is
    // judged without it.
    if let Some((position, Err(e))) = cx.chain.iter().enumerate().find(|(_, c)| c.is_err()) {
        out.push(FindingKind::CertUnparseable { position, error: e.0.clone() });
    }
}

/// The Certificate message is over what rustls reads: (how many certificates, when they could
/// be counted; their bytes). A TLS 1.3 message is encrypted: when no version probe read the
/// chain in a TLS 1.2 handshake, its size is what the host counted of the encrypted handshake
/// after rustls refused it (`encrypted_handshake_bytes`, nearly all of it the certificates).
pub(crate) fn too_large(cx: &Context<'_>) -> Option<(Option<usize>, usize)> {
    match sent(cx) {
        Some(sent) => {
            (certificate_message_len(&sent) > RUSTLS_HANDSHAKE_LIMIT).then_some((Some(sent.certificates), sent.bytes))
        }
        None => cx
            .primary
            .and_then(|h| h.encrypted_handshake_bytes)
            .filter(|bytes| *bytes > RUSTLS_HANDSHAKE_LIMIT)
            .map(|bytes| (None, bytes)),
    }
}

/// rustls-webpki reads no DER value over 0xFFFF bytes (`der::TWO_BYTE_DER_SIZE` in
/// rustls-webpki 0.103): a larger certificate is `BadDer` / `TrailingData` to the host's
/// verifier however well formed it is (a 310 KB leaf gave `TrailingData(SignedData)`). That
/// verdict is the size again, said by `certificate_too_large`, not a `chain_invalid`.
pub(crate) fn explains_rejection(cx: &Context<'_>, reason: RejectReason) -> bool {
    const WEBPKI_DER_LIMIT: usize = 0xffff;
    reason == RejectReason::BadEncoding
        && too_large(cx).is_some()
        && served(cx).iter().any(|c| c.len() > WEBPKI_DER_LIMIT)
}

/// The DER of the chain the checks judge (as `Context::new` picks it).
fn served<'a>(cx: &Context<'a>) -> &'a [Bytes] {
    cx.primary
        .filter(|h| !h.chain.is_empty())
        .map(|h| h.chain.as_slice())
        .or_else(|| cx.evidence.versions.iter().find(|p| !p.chain.is_empty()).map(|p| p.chain.as_slice()))
        .unwrap_or(&[])
}

/// What the server sent in its Certificate message: the primary handshake's record, or, when
/// rustls got no chain (a message it refused, a server it cannot talk to), a version probe's.
/// `chain_overflow` has the server's numbers when not every certificate was kept.
fn sent(cx: &Context<'_>) -> Option<ChainOverflow> {
    let of = |chain: &[Bytes], over: Option<&ChainOverflow>| match over {
        Some(over) => Some(over.clone()),
        None if chain.is_empty() => None,
        None => Some(ChainOverflow { certificates: chain.len(), bytes: chain.iter().map(Bytes::len).sum() }),
    };
    cx.primary
        .and_then(|h| of(&h.chain, h.chain_overflow.as_ref()))
        .or_else(|| cx.evidence.versions.iter().find_map(|p| of(&p.chain, p.chain_overflow.as_ref())))
}

/// The body of a TLS 1.2 Certificate message carrying these certificates: a 3-byte list length,
/// and a 3-byte length before each certificate (RFC 5246 §7.4.2). TLS 1.3 adds more per
/// certificate (RFC 8446 §4.4.2), so this is the least any version needs.
fn certificate_message_len(sent: &ChainOverflow) -> usize {
    sent.bytes.saturating_add(sent.certificates.saturating_mul(3)).saturating_add(3)
}
