//! POP3 `STLS` (RFC 2595 §4): greeting `+OK`, `CAPA` (RFC 2449 §5), `STLS`, `+OK`.

use super::{
    Block, Input, Protocol, Seen, Step, by_line, command, first_word_is, foreign, not_offered, protocol_error, refused,
    upgraded,
};

#[derive(Debug)]
pub(super) struct Pop3 {
    state: State,
    block: Block,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Greeting,
    Capa,
    CapaList,
    Stls,
}

impl Pop3 {
    pub(super) fn new() -> Self {
        Pop3 { state: State::Greeting, block: Block::default() }
    }

    fn line(&mut self, line: &str, input: &mut Input, seen: &mut Seen) -> Step {
        match self.state {
            State::Greeting => {
                seen.greet(line);
                if first_word_is(line, "+OK") {
                    self.send(State::Capa, "CAPA", seen)
                } else if first_word_is(line, "-ERR") {
                    refused(line)
                } else {
                    foreign(seen, line.as_bytes(), "the greeting is not a POP3 greeting")
                }
            }
            State::Capa => {
                if first_word_is(line, "+OK") {
                    self.state = State::CapaList;
                    Step::NeedMore
                } else if first_word_is(line, "-ERR") {
                    // RFC 2449 predates some servers: without CAPA, ask for STLS anyway.
                    self.send(State::Stls, "STLS", seen)
                } else {
                    protocol_error(format!("an unexpected answer to CAPA: {line}"))
                }
            }
            State::CapaList => match self.block.feed(line) {
                Ok(None) => Step::NeedMore,
                Ok(Some(capabilities)) => self.decide(&capabilities, seen),
                Err(detail) => protocol_error(detail),
            },
            State::Stls => {
                if first_word_is(line, "+OK") {
                    upgraded(input, seen)
                } else if first_word_is(line, "-ERR") {
                    // Asked without CAPA's word for it: an unknown command.
                    if seen.advertised == Some(true) { refused(line) } else { not_offered(Some(line)) }
                } else {
                    protocol_error(format!("an unexpected answer to STLS: {line}"))
                }
            }
        }
    }

    /// `STLS` (RFC 2595 §4), `USER` (RFC 2449 §6.8: the password is sent as it is), `SASL`
    /// mechanisms (RFC 2449 §6.3).
    fn decide(&mut self, capabilities: &[String], seen: &mut Seen) -> Step {
        let mut stls = false;
        for capability in capabilities {
            let mut words = capability.split_ascii_whitespace();
            let Some(name) = words.next() else { continue };
            if name.eq_ignore_ascii_case("STLS") {
                stls = true;
            } else if name.eq_ignore_ascii_case("USER") {
                seen.offer_login("USER");
            } else if name.eq_ignore_ascii_case("SASL") {
                words.for_each(|m| seen.offer_sasl(m));
            }
        }
        seen.advertised = Some(stls);
        if !stls {
            return not_offered(None);
        }
        self.send(State::Stls, "STLS", seen)
    }

    fn send(&mut self, next: State, line: &str, seen: &mut Seen) -> Step {
        self.state = next;
        command(seen, line)
    }
}

impl Protocol for Pop3 {
    fn advance(&mut self, input: &mut Input, seen: &mut Seen) -> Step {
        by_line(input, seen, |line, input, seen| self.line(line, input, seen))
    }
}

#[cfg(test)]
mod tests {
    use tls_doctor_core::wire::{StarttlsOutcome, StarttlsProtocol};

    use crate::starttls::tests::{bytewise, run, run_then_close};

    const POP3: StarttlsProtocol = StarttlsProtocol::Pop3;

    #[test]
    fn dovecot() {
        let chunks: &[&[u8]] = &[
            b"+OK Dovecot (Debian) ready.\r\n",
            b"+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nSTLS\r\nUSER\r\nSASL PLAIN LOGIN\r\n.\r\n",
            b"+OK Begin TLS negotiation now.\r\n",
        ];
        for r in [run(POP3, chunks), bytewise(POP3, chunks)] {
            assert_eq!(r.sent, ["CAPA\r\n", "STLS\r\n"]);
            assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
            assert_eq!(r.starttls.advertised, Some(true));
            assert_eq!(r.starttls.plaintext_auth, ["USER", "PLAIN", "LOGIN"]);
            assert_eq!(r.starttls.greeting.as_deref(), Some("+OK Dovecot (Debian) ready."));
        }
    }

    #[test]
    fn courier_without_stls() {
        let r = run(
            POP3,
            &[
                b"+OK Hello there.\r\n",
                b"+OK Here's what I can do:\r\nTOP\r\nUSER\r\nLOGIN-DELAY 10\r\nPIPELINING\r\nUIDL\r\nIMPLEMENTATION Courier Mail Server\r\n.\r\n",
            ],
        );
        assert_eq!(r.sent, ["CAPA\r\n"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::NotOffered { reply: None });
        assert_eq!(r.starttls.plaintext_auth, ["USER"]);
    }

    #[test]
    fn no_capa_then_stls_anyway() {
        let r = run(POP3, &[b"+OK POP3 ready\n", b"-ERR unknown command\n", b"-ERR unknown command\n"]);
        assert_eq!(r.sent, ["CAPA\r\n", "STLS\r\n"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::NotOffered { reply: Some("-ERR unknown command".into()) });
        assert_eq!(r.starttls.advertised, None);
        let r = run(POP3, &[b"+OK POP3 ready\n", b"-ERR unknown command\n", b"+OK go\n"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
    }

    #[test]
    fn refusals_and_errors() {
        let r = run(POP3, &[b"+OK x\r\n", b"+OK\r\nstls\r\n.\r\n", b"-ERR TLS unavailable\r\n"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Refused { reply: "-ERR TLS unavailable".into() });
        let r = run(POP3, &[b"-ERR [SYS/TEMP] too busy\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::Refused { .. }));
        let r = run(POP3, &[b"* OK IMAP4 ready\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        assert_eq!(r.starttls.greeting.as_deref(), Some("* OK IMAP4 ready"));
        let endless = "+OK\r\n".to_owned() + &"X-THING\r\n".repeat(200);
        let r = run(POP3, &[b"+OK x\r\n", endless.as_bytes()]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let r = run(POP3, &[b"+OK x\r\n", b"+OK\r\nSTLS\r\n.\r\n", b"+OK go\r\n+OK injected\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let r = run_then_close(POP3, &[b"+OK x\r\n", b"+OK\r\nSTLS\r\n"], false);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Closed);
    }
}
