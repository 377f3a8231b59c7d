//! Did the server speak TLS, and did it finish the handshake: `wrong_protocol_on_port`,
//! `connection_reset`, `timeout_filtered` (during the handshake), `client_cert_required`,
//! `handshake_failed`; after a STARTTLS dialogue, the last three are `starttls_failed`.

use super::Context;
use super::plaintext;
use crate::cert::KeyInfo;
use crate::wire::{
    ClientCertAnswer, CutKind, FindingKind, Handshake, HandshakeFailure, Stage, StarttlsFailure, StarttlsOutcome,
    StarttlsStage, TcpOutcome, TlsOutcome,
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

/// How rustls names a handshake message over its 64 KiB limit
/// (`InvalidMessage::HandshakePayloadTooLarge`).
const HANDSHAKE_PAYLOAD_TOO_LARGE: &str = "HandshakePayloadTooLarge";

/// HTTP statuses a web server answers a request without the client certificate it requires
/// with: nginx 400 ("No required SSL certificate was sent", its internal 496; 495 for a
/// certificate it cannot verify), others 403 Forbidden.
const CLIENT_CERT_REFUSALS: &[u16] = &[400, 403, 495, 496];

enum ClientCert {
    Required { alert: Option<String>, status: Option<u16>, reply: Option<String> },
    Optional,
}

/// Whether a server that asked for a client certificate required it: `None` when the evidence
/// does not say (the handshake failed for another reason, or an older host did not ask).
fn client_cert(h: &Handshake, implicit_tls: bool) -> Option<ClientCert> {
    let required = |alert, status| Some(ClientCert::Required { alert, status, reply: None });
    match &h.tls {
        TlsOutcome::Alert { alert } => required(Some(alert.clone()), None),
        TlsOutcome::Closed | TlsOutcome::Reset => required(None, None),
        TlsOutcome::Established { .. } => {
            if let Some(alert) = &h.post_handshake_alert {
                return required(Some(alert.clone()), None);
            }
            match h.client_cert_answer.as_ref()? {
                ClientCertAnswer::Closed => required(None, None),
                ClientCertAnswer::Http { status } if CLIENT_CERT_REFUSALS.contains(status) => {
                    required(None, Some(*status))
                }
                // A mail server's refusal: see [`refuses`].
                ClientCertAnswer::Other { first_line } if refuses(first_line, implicit_tls) => {
                    Some(ClientCert::Required { alert: None, status: None, reply: Some(first_line.clone()) })
                }
                ClientCertAnswer::Http { .. } | ClientCertAnswer::Other { .. } => Some(ClientCert::Optional),
                // Silence proves neither.
                ClientCertAnswer::Silent => None,
            }
        }
        _ => None,
    }
}

/// Whether the first line a mail server sent after the handshake turns a client without a
/// certificate away. On an implicit-TLS port the server speaks first, so the line is its
/// greeting, sent before our request arrived: SMTP `4xx`/`5xx` (RFC 5321 §4.2: 421, 554), IMAP
/// `* BYE` / `* NO` (RFC 9051 §7.1), POP3 `-ERR` (RFC 1939 §3) refuse. After STARTTLS the
/// client speaks first, and the line answers our request, which the server does not know
/// (Postfix: `221 … I can break rules`; others `500`, `BAD`, `-ERR`): only a closing notice,
/// SMTP `421` or IMAP `* BYE`, is a refusal. Postfix `smtpd_tls_req_ccert` says
/// `421 4.7.1 … Error: No client certificate presented` on both (measured, Postfix 3.7).
fn refuses(line: &str, implicit_tls: bool) -> bool {
    let code = line.get(..3).filter(|c| {
        c.bytes().all(|b| b.is_ascii_digit()) && matches!(line.as_bytes().get(3), None | Some(b' ' | b'-'))
    });
    let bye = line.starts_with("* BYE");
    if implicit_tls {
        code.is_some_and(|c| c.starts_with(['4', '5'])) || bye || line.starts_with("* NO ") || line.starts_with("-ERR")
    } else {
        code == Some("421") || bye
    }
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

    // A server that asked for a client certificate (we send none) either refuses — an alert
    // (TLS 1.2: in the handshake; TLS 1.3: on the first read after it completed on our side),
    // a close, or an HTTP refusal such as nginx's 400 "No required SSL certificate was sent" —
    // or serves all the same: then the certificate is optional.
    if h.client_cert_requested {
        let issuers = h.client_cert_issuers.clone();
        let implicit_tls = cx.evidence.target.starttls.is_none();
        match client_cert(h, implicit_tls) {
            Some(ClientCert::Required { alert, status, reply }) => {
                out.push(FindingKind::ClientCertRequired { alert, status, reply, issuers });
                return;
            }
            Some(ClientCert::Optional) => out.push(FindingKind::ClientCertOptional { issuers }),
            None => {}
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
        // The Certificate message is over what rustls reads: `certificate_too_large`, from the
        // chain_shape check, is the cause.
        TlsOutcome::Failed { detail }
            if detail.contains(HANDSHAKE_PAYLOAD_TOO_LARGE) && super::chain_shape::too_large(cx).is_some() => {}
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
