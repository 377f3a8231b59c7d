//! SMTP `STARTTLS` (RFC 3207): greeting `220`, `EHLO` and its extensions (RFC 5321 §4.1.1.1),
//! `STARTTLS`, `220` again.

use super::{
    Input, Protocol, Replies, Reply, ReplyStyle, Seen, Step, command, foreign, not_offered, protocol_error, refused,
    upgraded,
};

#[derive(Debug)]
pub(super) struct Smtp {
    client_name: String,
    state: State,
    replies: Replies,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Greeting,
    Ehlo,
    Helo,
    Starttls,
}

impl Smtp {
    pub(super) fn new(client_name: &str) -> Self {
        Smtp { client_name: client_name.to_owned(), state: State::Greeting, replies: Replies::new(ReplyStyle::Smtp) }
    }

    fn reply(&mut self, reply: Reply, input: &mut Input, seen: &mut Seen) -> Step {
        match (self.state, reply.code) {
            (State::Greeting, 220) => self.send(State::Ehlo, &format!("EHLO {}", self.client_name), seen),
            // RFC 5321 §3.1: `554` instead of `220` means no SMTP service for us; `421` that the
            // service is closing.
            (State::Greeting, 400..=599) => refused(&reply.first),
            (State::Greeting, code) => protocol_error(format!("the greeting has code {code} instead of 220")),
            (State::Ehlo, 250) => self.extensions(&reply, seen),
            // RFC 5321 §4.1.4: a server that does not know EHLO answers 5xx; HELO then works, and
            // a server without extensions has no STARTTLS.
            (State::Ehlo, 500..=599) => self.send(State::Helo, &format!("HELO {}", self.client_name), seen),
            (State::Ehlo, 400..=499) => refused(&reply.first),
            (State::Helo, code) => {
                seen.advertised = Some(false);
                not_offered((code != 250).then_some(reply.first.as_str()))
            }
            (State::Starttls, 220) => upgraded(input, seen),
            // RFC 3207 §4: `454 TLS not available due to temporary reason`, `501`.
            (State::Starttls, 400..=599) => refused(&reply.first),
            (state, code) => protocol_error(format!("{} was answered with code {code}", state.command())),
        }
    }

    /// The EHLO keywords (RFC 5321 §4.1.1.1: one per line after the first, which names the
    /// server). `AUTH` lists SASL mechanisms (RFC 4954 §3); `AUTH=` is the form of old servers.
    fn extensions(&mut self, reply: &Reply, seen: &mut Seen) -> Step {
        let mut starttls = false;
        for text in reply.texts.iter().skip(1) {
            let mut words = text.split_ascii_whitespace();
            let Some(keyword) = words.next() else { continue };
            let keyword = keyword.to_ascii_uppercase();
            if keyword == "STARTTLS" {
                starttls = true;
            } else if keyword == "AUTH" {
                words.for_each(|m| seen.offer_sasl(m));
            } else if let Some(first) = keyword.strip_prefix("AUTH=") {
                seen.offer_sasl(first);
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
            State::Ehlo => "EHLO",
            State::Helo => "HELO",
            State::Starttls => "STARTTLS",
        }
    }
}

impl Protocol for Smtp {
    fn advance(&mut self, input: &mut Input, seen: &mut Seen) -> Step {
        loop {
            let first = self.state == State::Greeting && seen.greeting.is_none();
            let line = next_line!(input, seen);
            if first {
                seen.greet(&line);
            }
            match self.replies.feed(&line) {
                Ok(None) => continue,
                Ok(Some(reply)) => return self.reply(reply, input, seen),
                Err(_) if first => return foreign(seen, line.as_bytes(), "the greeting is not an SMTP reply"),
                Err(detail) => return protocol_error(detail),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use tls_doctor_core::wire::{StarttlsOutcome, StarttlsProtocol};

    use crate::starttls::tests::{bytewise, run};

    const SMTP: StarttlsProtocol = StarttlsProtocol::Smtp;

    const POSTFIX: &[&[u8]] = &[
        b"220 mail.example.org ESMTP Postfix (Debian/GNU)\r\n",
        b"250-mail.example.org\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n\
250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n",
        b"220 2.0.0 Ready to start TLS\r\n",
    ];

    #[test]
    fn postfix_upgrades() {
        let r = run(SMTP, POSTFIX);
        assert_eq!(r.sent, ["EHLO tls-doctor.invalid\r\n", "STARTTLS\r\n"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
        assert_eq!(r.starttls.greeting.as_deref(), Some("220 mail.example.org ESMTP Postfix (Debian/GNU)"));
        assert_eq!(r.starttls.advertised, Some(true));
        assert!(r.starttls.plaintext_auth.is_empty());
        assert_eq!(
            r.starttls.transcript.first().map(String::as_str),
            Some("S: 220 mail.example.org ESMTP Postfix (Debian/GNU)")
        );
        assert_eq!(r.starttls.transcript.get(1).map(String::as_str), Some("C: EHLO tls-doctor.invalid"));
        assert_eq!(r.starttls.transcript.last().map(String::as_str), Some("S: 220 2.0.0 Ready to start TLS"));
    }

    #[test]
    fn postfix_byte_by_byte_and_bare_lf() {
        let r = bytewise(SMTP, POSTFIX);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
        let lf: Vec<Vec<u8>> =
            POSTFIX.iter().map(|c| String::from_utf8_lossy(c).replace("\r\n", "\n").into_bytes()).collect();
        let lf: Vec<&[u8]> = lf.iter().map(Vec::as_slice).collect();
        assert_eq!(run(SMTP, &lf).starttls.outcome, StarttlsOutcome::Ready);
    }

    #[test]
    fn exim_multi_line_greeting_and_auth() {
        let r = run(
            SMTP,
            &[
                b"220-mx.example.net ESMTP Exim 4.96 Mon, 01 Jan 2024 00:00:00 +0000\r\n220-We do not authorize the use of this system\r\n220 to transport unsolicited mail\r\n",
                b"250-mx.example.net Hello tls-doctor.invalid [192.0.2.1]\r\n250-SIZE 52428800\r\n250-8BITMIME\r\n250-PIPELINING\r\n250-AUTH PLAIN LOGIN CRAM-MD5\r\n250-CHUNKING\r\n250-STARTTLS\r\n250 HELP\r\n",
                b"220 TLS go ahead\r\n",
            ],
        );
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
        assert_eq!(r.starttls.plaintext_auth, ["PLAIN", "LOGIN"]);
        assert!(r.starttls.greeting.as_deref().is_some_and(|g| g.starts_with("220-mx.example.net ESMTP Exim")));
    }

    #[test]
    fn exchange_old_auth_form_and_odd_case() {
        let r = run(
            SMTP,
            &[
                b"220 EX01.corp.example.com Microsoft ESMTP MAIL Service ready at Mon, 1 Jan 2024 09:00:00 +0900\r\n",
                b"250-EX01.corp.example.com Hello [192.0.2.1]\r\n250-SIZE 37748736\r\n250-PIPELINING\r\n250-DSN\r\n250-ENHANCEDSTATUSCODES\r\n250-StartTLS\r\n250-AUTH=LOGIN\r\n250-AUTH NTLM LOGIN\r\n250-8BITMIME\r\n250-BINARYMIME\r\n250 CHUNKING\r\n",
                b"220 2.0.0 SMTP server ready\r\n",
            ],
        );
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
        assert_eq!(r.starttls.plaintext_auth, ["LOGIN"]);
        let lower = run(SMTP, &[b"220 x ESMTP\n", b"250-x\n250 starttls\n", b"220 go\n"]);
        assert_eq!(lower.starttls.outcome, StarttlsOutcome::Ready);
    }

    #[test]
    fn not_advertised_is_not_asked() {
        let r = run(
            SMTP,
            &[
                b"220 mail.example.org ESMTP Postfix\r\n",
                b"250-mail.example.org\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n",
            ],
        );
        assert_eq!(r.sent, ["EHLO tls-doctor.invalid\r\n"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::NotOffered { reply: None });
        assert_eq!(r.starttls.advertised, Some(false));
        assert_eq!(r.starttls.plaintext_auth, ["PLAIN", "LOGIN"]);
    }

    #[test]
    fn advertised_then_refused() {
        let r = run(
            SMTP,
            &[
                b"220 mx ESMTP\r\n",
                b"250-mx\r\n250 STARTTLS\r\n",
                b"454 4.7.0 TLS not available due to temporary reason\r\n",
            ],
        );
        assert_eq!(
            r.starttls.outcome,
            StarttlsOutcome::Refused { reply: "454 4.7.0 TLS not available due to temporary reason".into() }
        );
    }

    #[test]
    fn starttls_outside_ehlo_does_not_count() {
        // In the greeting, and in the one-line EHLO reply (where it is the server's name).
        let r = run(SMTP, &[b"220-STARTTLS\r\n220 STARTTLS ESMTP\r\n", b"250 STARTTLS\r\n"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::NotOffered { reply: None });
        // In a HELO reply after EHLO was refused.
        let r = run(SMTP, &[b"220 old SMTP\r\n", b"502 5.5.2 Error: command not recognized\r\n", b"250 STARTTLS\r\n"]);
        assert_eq!(r.sent, ["EHLO tls-doctor.invalid\r\n", "HELO tls-doctor.invalid\r\n"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::NotOffered { reply: None });
        assert_eq!(r.starttls.advertised, Some(false));
    }

    #[test]
    fn refusing_greetings() {
        let r = run(SMTP, &[b"554 5.7.1 mx.example.org: no SMTP service here\r\n"]);
        assert_eq!(
            r.starttls.outcome,
            StarttlsOutcome::Refused { reply: "554 5.7.1 mx.example.org: no SMTP service here".into() }
        );
        let r = run(SMTP, &[b"421 4.3.2 Service shutting down\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::Refused { .. }));
    }

    #[test]
    fn mixed_codes_and_bad_lines() {
        let r = run(SMTP, &[b"220-mx\r\n250 mx\r\n"]);
        assert_eq!(
            r.starttls.outcome,
            StarttlsOutcome::ProtocolError { detail: "a multi-line reply mixes codes 220 and 250".into() }
        );
        let r = run(SMTP, &[b"220 mx\r\n", b"250-mx\r\nSTARTTLS\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let r = run(SMTP, &[b"220mx\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
    }

    #[test]
    fn other_protocols_on_the_port() {
        for banner in ["SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u2", "HTTP/1.1 400 Bad Request", "+OK Dovecot ready."] {
            let r = run(SMTP, &[format!("{banner}\r\n").as_bytes()]);
            assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }), "{banner}");
            assert_eq!(r.starttls.greeting.as_deref(), Some(banner));
        }
    }

    #[test]
    fn tls_on_the_port() {
        let r = run(SMTP, &[&[0x16, 0x03, 0x03, 0x00, 0x5a, 0x02]]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::TlsSpoken);
        let r = bytewise(SMTP, &[&[0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x28]]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::TlsSpoken);
    }

    #[test]
    fn data_after_the_upgrade_reply() {
        let r = run(SMTP, &[b"220 mx\r\n", b"250-mx\r\n250 STARTTLS\r\n", b"220 ready\r\n250 injected\r\n"]);
        let StarttlsOutcome::ProtocolError { detail } = &r.starttls.outcome else { unreachable!("{r:?}") };
        assert!(detail.contains("after agreeing to TLS"));
        assert_eq!(r.starttls.transcript.last().map(String::as_str), Some("S: 250 injected"));
    }

    #[test]
    fn endless_and_huge() {
        let mut ehlo = Vec::new();
        for _ in 0..200 {
            ehlo.extend_from_slice(b"250-SIZE 1000\r\n");
        }
        let r = run(SMTP, &[b"220 mx\r\n", &ehlo]);
        assert_eq!(
            r.starttls.outcome,
            StarttlsOutcome::ProtocolError { detail: "endless continuation lines (more than 100 in one reply)".into() }
        );
        assert_eq!(r.starttls.transcript.len(), 40);
        assert!(r.starttls.transcript.last().is_some_and(|l| l.starts_with("... ") && l.ends_with(" more lines")));
        let huge = vec![b'2'; 5000];
        let r = run(SMTP, &[&huge]);
        assert_eq!(
            r.starttls.outcome,
            StarttlsOutcome::ProtocolError { detail: "a line of more than 4096 bytes".into() }
        );
    }

    #[test]
    fn early_close_in_each_state() {
        let states: [&[&[u8]]; 4] = [
            &[],
            &[b"220 mx\r\n"],
            &[b"220 mx\r\n", b"250-mx\r\n250-STARTTLS\r\n"],
            &[b"220 mx\r\n", b"250-mx\r\n250 STARTTLS\r\n"],
        ];
        for chunks in states {
            let r = crate::starttls::tests::run_then_close(SMTP, chunks, false);
            assert_eq!(r.starttls.outcome, StarttlsOutcome::Closed, "{chunks:?}");
            let r = crate::starttls::tests::run_then_close(SMTP, chunks, true);
            assert_eq!(r.starttls.outcome, StarttlsOutcome::Reset, "{chunks:?}");
        }
    }
}
