//! Did the server speak TLS, and did it finish the handshake: `wrong_protocol_on_port`,
//! `connection_reset`, `timeout_filtered` (during the handshake), `client_cert_required`,
//! `handshake_failed`; after a STARTTLS dialogue, the last three are `starttls_failed`.

use super::Context;
use super::plaintext;
use crate::cert::KeyInfo;
use crate::wire::{
    CutKind, FindingKind, HandshakeFailure, Stage, StarttlsFailure, StarttlsOutcome, StarttlsStage, TcpOutcome,
    TlsOutcome,
};

/// The shortest RSA key whose signatures rustls (ring) verifies: `RSA_PKCS1_2048_8192_*`,
/// `RSA_PSS_2048_8192_*`.
const RUSTLS_MIN_RSA_BITS: u32 = 2048;

/// The shortest RSA key that can sign with RSA-PSS and SHA-256, the least a TLS 1.3 handshake
/// allows for RSA (RFC 8446 §4.2.3): the encoded message needs hLen + sLen + 2 = 66 bytes
/// (RFC 8017 §9.1.1, salt as long as the hash), so a modulus of 8 × 66 = 528 bits.
const RSA_PSS_SHA256_MIN_BITS: u32 = 528;

/// The server refused the handshake (an alert) and its leaf, seen by another probe, has an RSA
/// key too short to sign a TLS 1.3 handshake: the key explains the refusal, and `weak_key`
/// (which says so) is the cause rather than `handshake_failed`.
pub(crate) fn key_cannot_sign(cx: &Context<'_>) -> bool {
    cx.primary.is_some_and(|h| matches!(h.tls, TlsOutcome::Alert { .. }))
        && cx.leaf().is_some_and(|l| matches!(l.key, KeyInfo::Rsa { bits } if bits < RSA_PSS_SHA256_MIN_BITS))
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    let Some(h) = cx.primary else { return };
    let port = cx.evidence.target.port;
    let Some(connected) = h.tcp.iter().find(|a| a.outcome == TcpOutcome::Connected) else {
        return;
    };
    // On a STARTTLS port, the handshake only happens after the dialogue agreed to it (the
    // dialogue's own endings are `checks/starttls.rs`'s); a handshake that then fails is the
    // switch to TLS failing.
    let after_starttls = match (&h.starttls, cx.evidence.target.starttls) {
        (Some(st), Some(protocol)) if st.outcome == StarttlsOutcome::Ready => Some(protocol),
        (Some(_), Some(_)) => return,
        _ => None,
    };
    let fail = |plain: FindingKind, failure: StarttlsFailure| match after_starttls {
        Some(protocol) => FindingKind::StarttlsFailed { protocol, port, failure },
        None => plain,
    };

    // The TLS 1.3 way of refusing a missing client certificate: the handshake completes on
    // our side, then an alert arrives.
    if h.client_cert_requested {
        let alert = match &h.tls {
            TlsOutcome::Alert { alert } => Some(Some(alert.clone())),
            TlsOutcome::Closed | TlsOutcome::Reset => Some(None),
            TlsOutcome::Established { .. } => h.post_handshake_alert.clone().map(Some),
            _ => None,
        };
        if let Some(alert) = alert {
            out.push(FindingKind::ClientCertRequired { alert });
            return;
        }
    }

    let received = h.received.as_slice();
    let plaintext_answer = !received.is_empty() && !plaintext::looks_like_tls(received);
    match &h.tls {
        TlsOutcome::Established { .. } | TlsOutcome::NotAttempted => {}
        _ if plaintext_answer => {
            let (seen, first_line) = plaintext::classify(received);
            out.push(match after_starttls {
                Some(protocol) => FindingKind::StarttlsFailed {
                    protocol,
                    port,
                    failure: StarttlsFailure::ProtocolError { detail: first_line },
                },
                None => FindingKind::WrongProtocolOnPort { port, seen, first_line, starttls: None },
            });
        }
        // A refusal of rustls's suites only: browsers still connect with a CBC suite.
        TlsOutcome::Alert { .. } if cx.browser_usable_legacy().is_some() => {}
        TlsOutcome::Alert { .. } if key_cannot_sign(cx) => {}
        TlsOutcome::Alert { alert } => {
            let failure = HandshakeFailure::Alert { alert: alert.clone() };
            out.push(fail(
                FindingKind::HandshakeFailed { failure: failure.clone() },
                StarttlsFailure::Handshake { failure },
            ));
        }
        // rustls cannot verify the server's handshake signature made with an RSA key under 2048
        // bits, and fails with "invalid peer certificate: BadSignature" (the host's recording
        // verifier accepts every chain, so this error can only come from that signature).
        // Browsers refuse such a key before that (ERR_CERT_WEAK_KEY): `weak_key`, from the
        // hygiene check, is the cause, and the failure says nothing more.
        TlsOutcome::Failed { detail }
            if detail.starts_with("invalid peer certificate")
                && !h.chain.is_empty()
                && cx.leaf().is_some_and(|l| matches!(l.key, KeyInfo::Rsa { bits } if bits < RUSTLS_MIN_RSA_BITS)) => {}
        TlsOutcome::Closed | TlsOutcome::Reset => {
            let how = if h.tls == TlsOutcome::Closed { CutKind::Closed } else { CutKind::Reset };
            out.push(fail(
                FindingKind::ConnectionReset { address: connected.address, port, how },
                StarttlsFailure::Cut { how, during: StarttlsStage::Handshake },
            ));
        }
        TlsOutcome::TimedOut => out.push(fail(
            FindingKind::TimeoutFiltered {
                address: Some(connected.address),
                port,
                stage: Stage::TlsHandshake,
                waited_ms: h.elapsed_ms,
            },
            StarttlsFailure::TimedOut { during: StarttlsStage::Handshake },
        )),
        TlsOutcome::NotTls { detail } | TlsOutcome::Failed { detail } => {
            let failure = HandshakeFailure::Protocol { detail: detail.clone() };
            out.push(fail(
                FindingKind::HandshakeFailed { failure: failure.clone() },
                StarttlsFailure::Handshake { failure },
            ));
        }
    }
}
