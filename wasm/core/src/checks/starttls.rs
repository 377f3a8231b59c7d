//! The plaintext dialogue before TLS on STARTTLS ports: `starttls_not_offered`,
//! `starttls_failed` (the dialogue's part; a handshake that fails after it is judged in
//! `handshake.rs`), `plaintext_auth_offered`, and `wrong_protocol_on_port` when the port speaks
//! implicit TLS or another protocol.

use super::Context;
use super::plaintext;
use crate::wire::{
    CutKind, FindingKind, HandshakeRole, Plaintext, Stage, StarttlsFailure, StarttlsOutcome, StarttlsProtocol,
    StarttlsStage, TcpOutcome, TlsOutcome,
};

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    let Some(protocol) = cx.evidence.target.starttls else { return };
    let Some(h) = cx.primary else { return };
    let Some(st) = &h.starttls else { return };
    let Some(connected) = h.tcp.iter().find(|a| a.outcome == TcpOutcome::Connected) else { return };
    let port = cx.evidence.target.port;
    let failed = |failure| FindingKind::StarttlsFailed { protocol, port, failure };
    let implicit_tls = || FindingKind::WrongProtocolOnPort {
        port,
        seen: Plaintext::Tls,
        first_line: String::new(),
        starttls: Some(protocol),
    };

    match &st.outcome {
        StarttlsOutcome::Ready => {
            if !st.plaintext_auth.is_empty() {
                out.push(FindingKind::PlaintextAuthOffered { protocol, port, mechanisms: st.plaintext_auth.clone() });
            }
        }
        StarttlsOutcome::NotOffered { .. } => out.push(FindingKind::StarttlsNotOffered {
            protocol,
            port,
            greeting: st.greeting.clone(),
            plaintext_auth: st.plaintext_auth.clone(),
        }),
        StarttlsOutcome::Refused { reply } => out.push(failed(StarttlsFailure::Refused { reply: reply.clone() })),
        StarttlsOutcome::TlsSpoken => out.push(implicit_tls()),
        // A silent port: an implicit-TLS server waits for the ClientHello, and the direct
        // handshake tells it from a server that is merely slow or filtered.
        StarttlsOutcome::NoGreeting { waited_ms } => {
            let direct = cx.evidence.handshakes.iter().find(|h| h.role == HandshakeRole::DirectTls);
            let speaks_tls = direct.is_some_and(|d| {
                matches!(d.tls, TlsOutcome::Established { .. } | TlsOutcome::Alert { .. }) || !d.chain.is_empty()
            });
            if speaks_tls {
                out.push(implicit_tls());
            } else {
                out.push(FindingKind::TimeoutFiltered {
                    address: Some(connected.address),
                    port,
                    stage: Stage::Greeting,
                    waited_ms: *waited_ms,
                });
            }
        }
        StarttlsOutcome::ProtocolError { detail } => {
            let other = st.greeting.as_deref().map(|g| plaintext::classify(g.as_bytes()));
            match other {
                Some((seen, first_line)) if !expected(protocol, seen) => {
                    out.push(FindingKind::WrongProtocolOnPort { port, seen, first_line, starttls: Some(protocol) })
                }
                _ => out.push(failed(StarttlsFailure::ProtocolError { detail: detail.clone() })),
            }
        }
        StarttlsOutcome::Closed | StarttlsOutcome::Reset => {
            let how = if st.outcome == StarttlsOutcome::Closed { CutKind::Closed } else { CutKind::Reset };
            if st.greeting.is_none() && !protocol.client_speaks_first() {
                out.push(FindingKind::ConnectionReset { address: connected.address, port, how });
            } else {
                out.push(failed(StarttlsFailure::Cut { how, during: StarttlsStage::Dialogue }));
            }
        }
        StarttlsOutcome::TimedOut => out.push(failed(StarttlsFailure::TimedOut { during: StarttlsStage::Dialogue })),
    }
}

/// Whether a greeting that looks like `seen` is what `protocol` greets with. Greetings the
/// classifier does not know (`OtherText`) are not taken for another protocol.
fn expected(protocol: StarttlsProtocol, seen: Plaintext) -> bool {
    use Plaintext as P;
    use StarttlsProtocol as S;
    match seen {
        P::OtherText | P::Binary => true,
        P::Smtp => protocol == S::Smtp,
        P::Ftp => protocol == S::Ftp,
        P::SmtpOrFtp => matches!(protocol, S::Smtp | S::Ftp),
        P::Imap => protocol == S::Imap,
        P::Pop3 => protocol == S::Pop3,
        P::Http | P::Ssh | P::Tls => false,
    }
}
