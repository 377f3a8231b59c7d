//! NNTP `STARTTLS` (RFC 4642 §2): greeting `200`/`201` (RFC 3977 §5.1), `CAPABILITIES`
//! (RFC 3977 §5.2), `STARTTLS`, `382`.

use super::{
    Block, Input, Protocol, Seen, Step, by_line, command, foreign, not_offered, protocol_error, refused, reply_line,
    upgraded,
};

#[derive(Debug)]
pub(super) struct Nntp {
    state: State,
    block: Block,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Greeting,
    Capabilities,
    CapabilityList,
    Starttls,
}

impl Nntp {
    pub(super) fn new() -> Self {
        Nntp { state: State::Greeting, block: Block::default() }
    }

    fn line(&mut self, line: &str, input: &mut Input, seen: &mut Seen) -> Step {
        if self.state == State::CapabilityList {
            return match self.block.feed(line) {
                Ok(None) => Step::NeedMore,
                Ok(Some(capabilities)) => self.decide(&capabilities, seen),
                Err(detail) => protocol_error(detail),
            };
        }
        let code = reply_line(line).map(|(code, _, _)| code);
        match (self.state, code) {
            (State::Greeting, Some(200 | 201)) => {
                seen.greet(line);
                self.send(State::Capabilities, "CAPABILITIES", seen)
            }
            // RFC 3977 §5.1.1: `400` service not available, `502` permanently unavailable.
            (State::Greeting, Some(400..=599)) => {
                seen.greet(line);
                refused(line)
            }
            (State::Greeting, _) => foreign(seen, line.as_bytes(), "the greeting is not an NNTP greeting"),
            (State::Capabilities, Some(101)) => {
                self.state = State::CapabilityList;
                Step::NeedMore
            }
            // Servers older than RFC 3977 lack CAPABILITIES: ask for STARTTLS anyway.
            (State::Capabilities, Some(400..=599)) => self.send(State::Starttls, "STARTTLS", seen),
            (State::Starttls, Some(382)) => upgraded(input, seen),
            // RFC 4642 §2.2.2: `580` TLS temporarily unavailable; `502` not possible now.
            (State::Starttls, Some(500..=502)) if seen.advertised != Some(true) => not_offered(Some(line)),
            (State::Starttls, Some(400..=599)) => refused(line),
            (state, _) => protocol_error(format!("an unexpected answer to {}: {line}", state.command())),
        }
    }

    /// `STARTTLS`; `AUTHINFO USER` (RFC 4643 §2.3: the password as it is); `SASL` mechanisms
    /// (RFC 4643 §2.4).
    fn decide(&mut self, capabilities: &[String], seen: &mut Seen) -> Step {
        let mut starttls = false;
        for capability in capabilities {
            let mut words = capability.split_ascii_whitespace();
            let Some(name) = words.next() else { continue };
            if name.eq_ignore_ascii_case("STARTTLS") {
                starttls = true;
            } else if name.eq_ignore_ascii_case("AUTHINFO") {
                if words.any(|w| w.eq_ignore_ascii_case("USER")) {
                    seen.offer_login("USER");
                }
            } else if name.eq_ignore_ascii_case("SASL") {
                words.for_each(|m| seen.offer_sasl(m));
            }
        }
        seen.advertised = Some(starttls);
        if !starttls {
            return not_offered(None);
        }
        self.send(State::Starttls, "STARTTLS", seen)
    }

    fn send(&mut self, next: State, line: &str, seen: &mut Seen) -> Step {
        self.state = next;
        command(seen, line)
    }
}

impl State {
    fn command(self) -> &'static str {
        match self {
            State::Greeting => "the connection",
            State::Capabilities | State::CapabilityList => "CAPABILITIES",
            State::Starttls => "STARTTLS",
        }
    }
}

impl Protocol for Nntp {
    fn advance(&mut self, input: &mut Input, seen: &mut Seen) -> Step {
        by_line(input, seen, |line, input, seen| self.line(line, input, seen))
    }
}

#[cfg(test)]
mod tests {
    use tls_doctor_core::wire::{StarttlsOutcome, StarttlsProtocol};

    use crate::starttls::tests::{bytewise, run, run_then_close};

    const NNTP: StarttlsProtocol = StarttlsProtocol::Nntp;

    #[test]
    fn inn() {
        let chunks: &[&[u8]] = &[
            b"200 news.example.org InterNetNews NNRP server INN 2.7.1 ready (posting ok)\r\n",
            b"101 Capability list:\r\nVERSION 2\r\nIMPLEMENTATION INN 2.7.1\r\nAUTHINFO USER\r\nHDR\r\nLIST ACTIVE ACTIVE.TIMES COUNTS DISTRIB.PATS HEADERS NEWSGROUPS OVERVIEW.FMT\r\nOVER\r\nPOST\r\nREADER\r\nSASL PLAIN\r\nSTARTTLS\r\n.\r\n",
            b"382 Begin TLS negotiation now\r\n",
        ];
        for r in [run(NNTP, chunks), bytewise(NNTP, chunks)] {
            assert_eq!(r.sent, ["CAPABILITIES\r\n", "STARTTLS\r\n"]);
            assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
            assert_eq!(r.starttls.plaintext_auth, ["USER", "PLAIN"]);
        }
    }

    #[test]
    fn not_offered_and_refused() {
        let r = run(NNTP, &[b"201 news ready (no posting)\r\n", b"101 caps\r\nVERSION 2\r\nREADER\r\n.\r\n"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::NotOffered { reply: None });
        let r = run(NNTP, &[b"200 old\r\n", b"500 What?\r\n", b"500 What?\r\n"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::NotOffered { reply: Some("500 What?".into()) });
        let r = run(NNTP, &[b"200 x\r\n", b"101 c\r\nstarttls\r\n.\r\n", b"580 Can not initiate TLS negotiation\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::Refused { .. }));
        let r = run(NNTP, &[b"200 x\r\n", b"101 c\r\nSTARTTLS\r\n.\r\n", b"502 Command unavailable\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::Refused { .. }));
        let r = run(NNTP, &[b"502 You have no permission to talk.  Goodbye.\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::Refused { .. }));
    }

    #[test]
    fn errors() {
        let r = run(NNTP, &[b"SSH-2.0-dropbear\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        assert_eq!(r.starttls.greeting.as_deref(), Some("SSH-2.0-dropbear"));
        let r = run(NNTP, &[b"200 x\r\n", b"101 c\r\nSTARTTLS\r\n.\r\n", b"382 go\r\n200 x\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let r = run_then_close(NNTP, &[b"200 x\r\n", b"101 c\r\nSTARTTLS\r\n.\r\n"], true);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Reset);
    }
}
