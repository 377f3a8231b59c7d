//! Did the server speak TLS, and did it finish the handshake: `wrong_protocol_on_port`,
//! `connection_reset`, `timeout_filtered` (during the handshake), `client_cert_required`,
//! `handshake_failed`.

use super::Context;
use super::plaintext;
use crate::wire::{CutKind, FindingKind, HandshakeFailure, Stage, TcpOutcome, TlsOutcome};

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    let Some(h) = cx.primary else { return };
    let port = cx.evidence.target.port;
    let Some(connected) = h.tcp.iter().find(|a| a.outcome == TcpOutcome::Connected) else {
        return;
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
            out.push(FindingKind::WrongProtocolOnPort { port, seen, first_line });
        }
        // A refusal of rustls's suites only: browsers still connect with a CBC suite.
        TlsOutcome::Alert { .. } if cx.browser_usable_legacy().is_some() => {}
        TlsOutcome::Alert { alert } => {
            out.push(FindingKind::HandshakeFailed { failure: HandshakeFailure::Alert { alert: alert.clone() } });
        }
        TlsOutcome::Closed => {
            out.push(FindingKind::ConnectionReset { address: connected.address, port, how: CutKind::Closed });
        }
        TlsOutcome::Reset => {
            out.push(FindingKind::ConnectionReset { address: connected.address, port, how: CutKind::Reset });
        }
        TlsOutcome::TimedOut => out.push(FindingKind::TimeoutFiltered {
            address: Some(connected.address),
            port,
            stage: Stage::TlsHandshake,
            waited_ms: h.elapsed_ms,
        }),
        TlsOutcome::NotTls { detail } | TlsOutcome::Failed { detail } => {
            out.push(FindingKind::HandshakeFailed { failure: HandshakeFailure::Protocol { detail: detail.clone() } });
        }
    }
}
