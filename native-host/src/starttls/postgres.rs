//! PostgreSQL `SSLRequest` (PostgreSQL documentation, "Protocol Flow: SSL Session Encryption"
//! and "Message Formats"): the client sends 8 bytes, the server answers one byte, `S` (go
//! ahead) or `N` (no TLS), or an `ErrorResponse` from a server too old to know the request.

use tls_doctor_core::wire::StarttlsOutcome;

use super::{Input, Protocol, Seen, Step, foreign, printable, protocol_error, refused, upgraded};

/// Length 8, then the request code 80877103 (1234 << 16 | 5679).
const SSL_REQUEST: [u8; 8] = [0x00, 0x00, 0x00, 0x08, 0x04, 0xd2, 0x16, 0x2f];
/// The largest ErrorResponse read: its message, detail and hint fit in far less.
pub(crate) const ERROR_LIMIT: usize = 8 * 1024;

#[derive(Debug)]
pub(super) struct Postgres;

impl Postgres {
    pub(super) fn new() -> Self {
        Postgres
    }
}

impl Protocol for Postgres {
    fn start(&mut self, seen: &mut Seen) -> Vec<u8> {
        seen.client("SSLRequest");
        SSL_REQUEST.to_vec()
    }

    fn advance(&mut self, input: &mut Input, seen: &mut Seen) -> Step {
        let bytes = input.bytes();
        match bytes.first() {
            None => Step::NeedMore,
            Some(b'S') => {
                seen.server("S");
                input.consume(1);
                // Bytes after `S` before our ClientHello would be read as if they came over TLS
                // (CVE-2021-23214 / CVE-2021-23222, the buffering flaw of this upgrade).
                upgraded(input, seen)
            }
            Some(b'N') => {
                seen.server("N");
                input.consume(1);
                Step::Done(StarttlsOutcome::NotOffered { reply: Some("N".to_owned()) })
            }
            Some(b'E') => error_response(input, seen),
            Some(_) => foreign(seen, bytes, "the answer to SSLRequest is not S, N or an ErrorResponse"),
        }
    }
}

/// `E`, a length, then fields: a type byte and a NUL-terminated string each, ending with a NUL
/// ("Error and Notice Message Fields"). Servers before protocol 3.0 send `E` and a bare
/// NUL-terminated message instead.
fn error_response(input: &mut Input, seen: &mut Seen) -> Step {
    let bytes = input.bytes();
    let Some(&[b0, b1, b2, b3]) = bytes.get(1..5) else { return Step::NeedMore };
    let length = u32::from_be_bytes([b0, b1, b2, b3]);
    let length = usize::try_from(length).unwrap_or(usize::MAX);
    let reply = if (5..=ERROR_LIMIT).contains(&length) {
        let Some(fields) = bytes.get(5..1 + length) else { return Step::NeedMore };
        fields_text(fields)
    } else {
        // The old form: text up to the NUL (or all that came).
        let text = bytes.get(1..).unwrap_or_default();
        let end = text.iter().position(|&b| b == 0).unwrap_or(text.len());
        printable(text.get(..end).unwrap_or_default())
    };
    if reply.is_empty() {
        return protocol_error("an empty ErrorResponse");
    }
    seen.server(&format!("E {reply}"));
    let all = input.bytes().len();
    input.consume(all);
    refused(&reply)
}

/// `FATAL 28000: no pg_hba.conf entry…`: severity (`V`, or the localised `S`), SQLSTATE (`C`)
/// and message (`M`).
fn fields_text(fields: &[u8]) -> String {
    let (mut severity, mut code, mut message) = (None, None, None);
    let mut rest = fields;
    while let Some((&kind, tail)) = rest.split_first() {
        if kind == 0 {
            break;
        }
        let end = tail.iter().position(|&b| b == 0).unwrap_or(tail.len());
        let value = printable(tail.get(..end).unwrap_or_default());
        match kind {
            b'V' => severity = Some(value),
            b'S' if severity.is_none() => severity = Some(value),
            b'C' => code = Some(value),
            b'M' => message = Some(value),
            _ => {}
        }
        rest = tail.get(end + 1..).unwrap_or_default();
    }
    let head: Vec<String> = [severity, code].into_iter().flatten().collect();
    match (head.is_empty(), message) {
        (false, Some(message)) => format!("{}: {message}", head.join(" ")),
        (true, Some(message)) => message,
        (_, None) => head.join(" "),
    }
}

#[cfg(test)]
mod tests {
    use tls_doctor_core::wire::{StarttlsOutcome, StarttlsProtocol};

    use crate::starttls::tests::{run, run_then_close};

    const PG: StarttlsProtocol = StarttlsProtocol::Postgres;

    #[test]
    fn accepted() {
        let r = run(PG, &[b"S"]);
        assert_eq!(r.sent_bytes, [vec![0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
        assert_eq!(r.starttls.transcript, ["C: SSLRequest", "S: S"]);
        assert_eq!(r.starttls.advertised, None);
        assert_eq!(r.starttls.greeting, None);
    }

    #[test]
    fn bytes_after_s() {
        let r = run(PG, &[b"SR\x00\x00\x00\x08\x00\x00\x00\x00"]);
        let StarttlsOutcome::ProtocolError { detail } = &r.starttls.outcome else { unreachable!("{r:?}") };
        assert!(detail.contains("after agreeing to TLS"), "{detail}");
    }

    #[test]
    fn declined() {
        let r = run(PG, &[b"N"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::NotOffered { reply: Some("N".into()) });
    }

    #[test]
    fn error_responses() {
        let mut e = b"E\x00\x00\x00\x00SFATAL\x00VFATAL\x00C0A000\x00Munsupported frontend protocol 1234.5679: server supports 3.0 to 3.0\x00Fpostmaster.c\x00L2188\x00RProcessStartupPacket\x00\x00".to_vec();
        let length = u32::try_from(e.len() - 1).unwrap_or(0).to_be_bytes();
        e[1..5].copy_from_slice(&length);
        let r = run(PG, &[&e[..10], &e[10..]]);
        assert_eq!(
            r.starttls.outcome,
            StarttlsOutcome::Refused {
                reply: "FATAL 0A000: unsupported frontend protocol 1234.5679: server supports 3.0 to 3.0".into()
            }
        );
        let r = run(PG, &[b"EFATAL:  unsupported frontend protocol\n\x00"]);
        assert_eq!(
            r.starttls.outcome,
            StarttlsOutcome::Refused { reply: "FATAL:  unsupported frontend protocol?".into() }
        );
    }

    #[test]
    fn other_answers() {
        let r = run(PG, &[b"HTTP/1.0 400 Bad Request\r\n\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        assert_eq!(r.starttls.greeting.as_deref(), Some("HTTP/1.0 400 Bad Request"));
        let r = run_then_close(PG, &[], true);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Reset);
        let r = run_then_close(PG, &[b"E\x00\x00\x00\x40Mx"], false);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Closed);
    }

    #[test]
    fn an_error_longer_than_the_limit_is_not_waited_for() {
        let head = |length: usize| {
            let mut e = b"E".to_vec();
            e.extend_from_slice(&u32::try_from(length).unwrap().to_be_bytes());
            e.extend_from_slice(b"SFATAL\x00Mthe start of a long message");
            e
        };
        // At the limit, the rest of the message is waited for.
        assert_eq!(run(PG, &[&head(super::ERROR_LIMIT)]).starttls.outcome, StarttlsOutcome::TimedOut);
        // Beyond it, what came is read at once in the old form (text up to a NUL): here, none.
        let r = run(PG, &[&head(super::ERROR_LIMIT + 1)]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::ProtocolError { detail: "an empty ErrorResponse".into() });
    }
}
