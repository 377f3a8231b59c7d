//! IMAP `STARTTLS` (RFC 9051 §6.2.1, RFC 3501 §6.2.1): greeting `* OK` (or `* PREAUTH`),
//! `CAPABILITY` (RFC 9051 §6.1.1), `STARTTLS`, tagged `OK`.

use super::{
    CONTINUATION_LIMIT, Input, Protocol, Seen, Step, command, endless, first_word_is, foreign, not_offered,
    protocol_error, refused, upgraded,
};

#[derive(Debug)]
pub(super) struct Imap {
    state: State,
    /// Untagged lines in the current response, for [`CONTINUATION_LIMIT`].
    untagged: usize,
    capabilities: Option<Vec<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Greeting,
    Capability,
    Starttls,
}

/// The tags of our two commands.
const CAPABILITY_TAG: &str = "a";
const STARTTLS_TAG: &str = "b";

impl Imap {
    pub(super) fn new() -> Self {
        Imap { state: State::Greeting, untagged: 0, capabilities: None }
    }

    fn greeting(&mut self, line: &str, seen: &mut Seen) -> Step {
        seen.greet(line);
        let mut words = line.split_ascii_whitespace();
        let (star, status) = (words.next(), words.next().map(str::to_ascii_uppercase));
        match (star, status.as_deref()) {
            // RFC 9051 §7.1.1: `OK`, or `PREAUTH` (already logged in, where STARTTLS is no longer
            // allowed: the server's answer tells).
            (Some("*"), Some("OK" | "PREAUTH")) => match capability_code(line) {
                // The greeting may carry the capabilities (RFC 9051 §7.1): no need to ask.
                Some(capabilities) => self.decide(capabilities, seen),
                None => self.send(State::Capability, &format!("{CAPABILITY_TAG} CAPABILITY"), seen),
            },
            // RFC 9051 §7.1.5: the server will not serve us.
            (Some("*"), Some("BYE")) => refused(line),
            _ => foreign(seen, line.as_bytes(), "the greeting is not an IMAP greeting"),
        }
    }

    fn capability(&mut self, line: &str, seen: &mut Seen) -> Step {
        let mut words = line.split_ascii_whitespace();
        let (tag, status) = (words.next().unwrap_or(""), words.next().map(str::to_ascii_uppercase));
        match (tag, status.as_deref()) {
            ("*", Some("CAPABILITY")) => {
                self.capabilities.get_or_insert_with(Vec::new).extend(words.map(str::to_owned));
                Step::NeedMore
            }
            ("*", Some("BYE")) => refused(line),
            ("*", _) => Step::NeedMore,
            (tag, Some("OK")) if tag.eq_ignore_ascii_case(CAPABILITY_TAG) => {
                let capabilities = self.capabilities.take().unwrap_or_default();
                self.decide(capabilities, seen)
            }
            (tag, Some("NO" | "BAD")) if tag.eq_ignore_ascii_case(CAPABILITY_TAG) => not_offered(Some(line)),
            _ => protocol_error(format!("an unexpected answer to CAPABILITY: {line}")),
        }
    }

    /// STARTTLS advertised? `LOGIN` is usable unless `LOGINDISABLED` (RFC 9051 §6.2.3);
    /// `AUTH=` names SASL mechanisms (RFC 9051 §6.2.2).
    fn decide(&mut self, capabilities: Vec<String>, seen: &mut Seen) -> Step {
        let has = |name: &str| capabilities.iter().any(|c| c.eq_ignore_ascii_case(name));
        let starttls = has("STARTTLS");
        seen.advertised = Some(starttls);
        if !has("LOGINDISABLED") {
            seen.offer_login("LOGIN");
        }
        for capability in &capabilities {
            let upper = capability.to_ascii_uppercase();
            if let Some(mechanism) = upper.strip_prefix("AUTH=") {
                seen.offer_sasl(mechanism);
            }
        }
        if !starttls {
            return not_offered(None);
        }
        self.send(State::Starttls, &format!("{STARTTLS_TAG} STARTTLS"), seen)
    }

    fn starttls(&mut self, line: &str, input: &mut Input, seen: &mut Seen) -> Step {
        let mut words = line.split_ascii_whitespace();
        let (tag, status) = (words.next().unwrap_or(""), words.next().map(str::to_ascii_uppercase));
        match (tag, status.as_deref()) {
            ("*", Some("BYE")) => refused(line),
            ("*", _) => Step::NeedMore,
            (tag, Some("OK")) if tag.eq_ignore_ascii_case(STARTTLS_TAG) => upgraded(input, seen),
            (tag, Some("NO" | "BAD")) if tag.eq_ignore_ascii_case(STARTTLS_TAG) => refused(line),
            _ => protocol_error(format!("an unexpected answer to STARTTLS: {line}")),
        }
    }

    fn send(&mut self, next: State, line: &str, seen: &mut Seen) -> Step {
        self.state = next;
        self.untagged = 0;
        command(seen, line)
    }
}

impl Protocol for Imap {
    fn advance(&mut self, input: &mut Input, seen: &mut Seen) -> Step {
        loop {
            let line = next_line!(input, seen);
            if self.state != State::Greeting && first_word_is(&line, "*") {
                self.untagged += 1;
                if self.untagged > CONTINUATION_LIMIT {
                    return protocol_error(endless());
                }
            }
            let step = match self.state {
                State::Greeting => self.greeting(&line, seen),
                State::Capability => self.capability(&line, seen),
                State::Starttls => self.starttls(&line, input, seen),
            };
            if step != Step::NeedMore {
                return step;
            }
        }
    }
}

/// The capabilities in a `[CAPABILITY …]` response code (RFC 9051 §7.1).
fn capability_code(line: &str) -> Option<Vec<String>> {
    let upper = line.to_ascii_uppercase();
    let start = upper.find("[CAPABILITY ")?;
    let rest = line.get(start + "[CAPABILITY ".len()..)?;
    let end = rest.find(']').unwrap_or(rest.len());
    Some(rest.get(..end)?.split_ascii_whitespace().map(str::to_owned).collect())
}

#[cfg(test)]
mod tests {
    use tls_doctor_core::wire::{StarttlsOutcome, StarttlsProtocol};

    use crate::starttls::tests::{bytewise, run, run_then_close};

    const IMAP: StarttlsProtocol = StarttlsProtocol::Imap;

    #[test]
    fn dovecot_capabilities_in_the_greeting() {
        let r = run(
            IMAP,
            &[
                b"* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS LOGINDISABLED AUTH=PLAIN] Dovecot (Debian) ready.\r\n",
                b"b OK Begin TLS negotiation now.\r\n",
            ],
        );
        assert_eq!(r.sent, ["b STARTTLS\r\n"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
        assert_eq!(r.starttls.advertised, Some(true));
        // LOGINDISABLED: no LOGIN command, but AUTH=PLAIN is still offered.
        assert_eq!(r.starttls.plaintext_auth, ["PLAIN"]);
    }

    #[test]
    fn courier_asks_for_capability() {
        let chunks: &[&[u8]] = &[
            b"* OK [CAPABILITY IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE ACL ACL2=UNION STARTTLS] Courier-IMAP ready. Copyright 1998-2018 Double Precision, Inc.  See COPYING for distribution information.\r\n",
            b"b OK Begin SSL/TLS negotiation now.\r\n",
        ];
        let r = bytewise(IMAP, chunks);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
        assert_eq!(r.starttls.plaintext_auth, ["LOGIN"]);
    }

    #[test]
    fn cyrus_capability_command() {
        let r = run(
            IMAP,
            &[
                b"* OK imap.example.edu Cyrus IMAP v3.6.1 server ready\r\n",
                b"* CAPABILITY IMAP4rev1 LITERAL+ ID ENABLE STARTTLS AUTH=PLAIN AUTH=SCRAM-SHA-256 SASL-IR\r\na OK Completed\r\n",
                b"b OK Begin TLS negotiation now\r\n",
            ],
        );
        assert_eq!(r.sent, ["a CAPABILITY\r\n", "b STARTTLS\r\n"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
        assert_eq!(r.starttls.plaintext_auth, ["LOGIN", "PLAIN"]);
        assert_eq!(r.starttls.greeting.as_deref(), Some("* OK imap.example.edu Cyrus IMAP v3.6.1 server ready"));
    }

    #[test]
    fn not_offered_and_refused() {
        let r = run(IMAP, &[b"* OK ready\r\n", b"* capability imap4rev1 auth=login\r\nA ok done\r\n"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::NotOffered { reply: None });
        assert_eq!(r.starttls.plaintext_auth, ["LOGIN"]);
        let r =
            run(IMAP, &[b"* OK [CAPABILITY IMAP4rev1 StartTLS] hi\r\n", b"b NO [UNAVAILABLE] TLS not available\r\n"]);
        assert_eq!(
            r.starttls.outcome,
            StarttlsOutcome::Refused { reply: "b NO [UNAVAILABLE] TLS not available".into() }
        );
        let r = run(IMAP, &[b"* BYE [UNAVAILABLE] too many connections\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::Refused { .. }));
        let r = run(IMAP, &[b"* OK hi\r\n", b"a BAD unknown command\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::NotOffered { reply: Some(_) }));
    }

    #[test]
    fn preauth_and_untagged_chatter() {
        let r = run(
            IMAP,
            &[b"* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] logged in\r\n", b"* 3 EXISTS\r\nb BAD not in this state\r\n"],
        );
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Refused { reply: "b BAD not in this state".into() });
        let mut caps = Vec::new();
        for i in 0..150 {
            caps.extend_from_slice(format!("* {i} EXISTS\r\n").as_bytes());
        }
        let r = run(IMAP, &[b"* OK hi\r\n", &caps]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
    }

    #[test]
    fn foreign_and_injected() {
        let r = run(IMAP, &[b"220 mail.example.org ESMTP Postfix\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        assert_eq!(r.starttls.greeting.as_deref(), Some("220 mail.example.org ESMTP Postfix"));
        let r = run(IMAP, &[b"* OK [CAPABILITY STARTTLS] x\r\n", b"b OK go\r\n* BYE injected\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let r = run_then_close(IMAP, &[b"* OK x\r\n", b"* CAPABILITY STARTTLS\r\n"], false);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Closed);
    }
}
