//! ManageSieve `STARTTLS` (RFC 5804 §2.2): the server greets with its capabilities (RFC 5804
//! §1.7), one quoted name (and value) per line, then `OK`; `STARTTLS`, `OK`.

use super::{
    CONTINUATION_LIMIT, Input, Protocol, Seen, Step, by_line, command, endless, first_word_is, foreign, not_offered,
    protocol_error, refused, upgraded,
};

#[derive(Debug)]
pub(super) struct Sieve {
    state: State,
    lines: usize,
    starttls: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Capabilities,
    Starttls,
}

impl Sieve {
    pub(super) fn new() -> Self {
        Sieve { state: State::Capabilities, lines: 0, starttls: false }
    }

    fn line(&mut self, line: &str, input: &mut Input, seen: &mut Seen) -> Step {
        let first = seen.greeting.is_none();
        if first {
            seen.greet(line);
        }
        // RFC 5804 §4: responses are OK, NO or BYE.
        let ok = first_word_is(line, "OK") || line.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("OK("));
        let no = first_word_is(line, "NO")
            || first_word_is(line, "BYE")
            || line.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("NO("));
        match self.state {
            State::Capabilities if line.starts_with('"') => {
                self.lines += 1;
                if self.lines > CONTINUATION_LIMIT {
                    return protocol_error(endless());
                }
                let strings = quoted(line);
                let mut strings = strings.iter();
                let name = strings.next().map(|s| s.to_ascii_uppercase());
                match name.as_deref() {
                    Some("STARTTLS") => self.starttls = true,
                    Some("SASL") => {
                        if let Some(mechanisms) = strings.next() {
                            mechanisms.split_ascii_whitespace().for_each(|m| seen.offer_sasl(m));
                        }
                    }
                    _ => {}
                }
                Step::NeedMore
            }
            State::Capabilities if ok => {
                seen.advertised = Some(self.starttls);
                if !self.starttls {
                    return not_offered(None);
                }
                self.state = State::Starttls;
                command(seen, "STARTTLS")
            }
            State::Capabilities if no => refused(line),
            State::Capabilities if first => {
                foreign(seen, line.as_bytes(), "the greeting is not a ManageSieve greeting")
            }
            State::Capabilities => protocol_error(format!("not a capability line: {line}")),
            State::Starttls if ok => upgraded(input, seen),
            State::Starttls if no => refused(line),
            State::Starttls => protocol_error(format!("an unexpected answer to STARTTLS: {line}")),
        }
    }
}

impl Protocol for Sieve {
    fn advance(&mut self, input: &mut Input, seen: &mut Seen) -> Step {
        by_line(input, seen, |line, input, seen| self.line(line, input, seen))
    }
}

/// The quoted strings of a line (RFC 5804 §4: `"` delimits, `\` escapes).
fn quoted(line: &str) -> Vec<String> {
    let mut strings = Vec::new();
    let mut current: Option<String> = None;
    let mut escaped = false;
    for c in line.chars() {
        match (&mut current, c) {
            (None, '"') => current = Some(String::new()),
            (None, _) => {}
            (Some(s), _) if escaped => {
                s.push(c);
                escaped = false;
            }
            (Some(_), '\\') => escaped = true,
            (Some(_), '"') => strings.extend(current.take()),
            (Some(s), _) => s.push(c),
        }
    }
    strings
}

#[cfg(test)]
mod tests {
    use tls_doctor_core::wire::{StarttlsOutcome, StarttlsProtocol};

    use crate::starttls::tests::{bytewise, run, run_then_close};

    const SIEVE: StarttlsProtocol = StarttlsProtocol::Sieve;

    const PIGEONHOLE: &[u8] = b"\"IMPLEMENTATION\" \"Dovecot Pigeonhole\"\r\n\"SIEVE\" \"fileinto reject envelope encoded-character vacation subaddress comparator-i;ascii-numeric relational regex imap4flags copy include variables body enotify environment mailbox date index ihave duplicate mime foreverypart extracttext\"\r\n\"NOTIFY\" \"mailto\"\r\n\"SASL\" \"PLAIN LOGIN\"\r\n\"STARTTLS\"\r\n\"VERSION\" \"1.0\"\r\nOK \"Dovecot ready.\"\r\n";

    #[test]
    fn pigeonhole() {
        let chunks: &[&[u8]] = &[PIGEONHOLE, b"OK \"Begin TLS negotiation now.\"\r\n"];
        for r in [run(SIEVE, chunks), bytewise(SIEVE, chunks)] {
            assert_eq!(r.sent, ["STARTTLS\r\n"]);
            assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
            assert_eq!(r.starttls.advertised, Some(true));
            assert_eq!(r.starttls.plaintext_auth, ["PLAIN", "LOGIN"]);
            assert_eq!(r.starttls.greeting.as_deref(), Some("\"IMPLEMENTATION\" \"Dovecot Pigeonhole\""));
        }
    }

    #[test]
    fn without_starttls_and_refused() {
        let r = run(SIEVE, &[b"\"IMPLEMENTATION\" \"Cyrus timsieved v3.6\"\r\n\"SASL\" \"SCRAM-SHA-1\"\r\nOK\r\n"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::NotOffered { reply: None });
        assert!(r.starttls.plaintext_auth.is_empty());
        let r = run(SIEVE, &[b"\"starttls\"\r\nok\r\n", b"NO \"TLS unavailable\"\r\n"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Refused { reply: "NO \"TLS unavailable\"".into() });
        let r = run(SIEVE, &[b"BYE \"Too many connections\"\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::Refused { .. }));
    }

    #[test]
    fn errors() {
        let r = run(SIEVE, &[b"* OK IMAP ready\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        assert_eq!(r.starttls.greeting.as_deref(), Some("* OK IMAP ready"));
        let r = run(SIEVE, &[b"\"STARTTLS\"\r\nOK\r\n", b"OK go\r\nOK injected\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let endless = "\"X\" \"y\"\r\n".repeat(300);
        let r = run(SIEVE, &[endless.as_bytes()]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let r = run_then_close(SIEVE, &[b"\"STARTTLS\"\r\n"], false);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Closed);
    }

    #[test]
    fn quoted_strings() {
        assert_eq!(super::quoted(r#""A" "b \"c\" d" {3}"#), ["A", "b \"c\" d"]);
        assert!(super::quoted("\"open").is_empty());
    }
}
