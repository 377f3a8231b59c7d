//! FTP `AUTH TLS` (RFC 4217 §4): greeting `220` (RFC 959 §4.2), `FEAT` (RFC 2389 §3),
//! `AUTH TLS`, `234`.

use super::{
    Input, Protocol, Replies, Reply, ReplyStyle, Seen, Step, command, foreign, not_offered, protocol_error, refused,
    upgraded,
};

#[derive(Debug)]
pub(super) struct Ftp {
    state: State,
    replies: Replies,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Greeting,
    Feat,
    Auth,
}

impl Ftp {
    pub(super) fn new() -> Self {
        Ftp { state: State::Greeting, replies: Replies::new(ReplyStyle::Ftp) }
    }

    fn reply(&mut self, reply: Reply, input: &mut Input, seen: &mut Seen) -> Step {
        match (self.state, reply.code) {
            // RFC 959 §5.4: `120` (ready in n minutes) comes before the `220`.
            (State::Greeting, 120) => Step::NeedMore,
            (State::Greeting, 220) => self.send(State::Feat, "FEAT", seen),
            // `421` service not available.
            (State::Greeting, 400..=599) => refused(&reply.first),
            (State::Greeting, code) => protocol_error(format!("the greeting has code {code} instead of 220")),
            (State::Feat, 211) => {
                let auth_tls = reply.texts.iter().any(|feature| auth_tls(feature));
                seen.advertised = Some(auth_tls);
                self.send(State::Auth, "AUTH TLS", seen)
            }
            // RFC 2389 §3.2: a server without FEAT answers 500 or 502. Many servers also leave
            // AUTH out of FEAT: ask anyway, the answer decides.
            (State::Feat, 400..=599) => {
                seen.advertised = Some(false);
                self.send(State::Auth, "AUTH TLS", seen)
            }
            (State::Auth, 234) => upgraded(input, seen),
            // RFC 4217 §4.1 (RFC 2228 §4): `500`/`502` AUTH unknown, `504` TLS not a known
            // mechanism; without FEAT's word for it any 5xx (vsftpd without TLS answers every
            // command `530 Please login with USER and PASS.`) means no TLS here.
            (State::Auth, 500 | 502 | 504) => not_offered(Some(&reply.first)),
            (State::Auth, 500..=599) if seen.advertised != Some(true) => not_offered(Some(&reply.first)),
            (State::Auth, 400..=599) => refused(&reply.first),
            (State::Feat | State::Auth, code) => {
                protocol_error(format!("{} was answered with code {code}", self.state.command()))
            }
        }
    }

    fn send(&mut self, next: State, line: &str, seen: &mut Seen) -> Step {
        self.state = next;
        command(seen, line)
    }
}

/// A FEAT line `AUTH TLS`, `AUTH SSL`, or a list such as `AUTH TLS;TLS-C;SSL` (RFC 4217 §6).
fn auth_tls(feature: &str) -> bool {
    let mut words = feature.split_ascii_whitespace();
    let (Some(name), Some(mechanisms)) = (words.next(), words.next()) else { return false };
    name.eq_ignore_ascii_case("AUTH")
        && mechanisms.split(';').any(|m| ["TLS", "SSL", "TLS-C", "TLS-P"].iter().any(|t| m.eq_ignore_ascii_case(t)))
}

impl State {
    fn command(self) -> &'static str {
        match self {
            State::Greeting => "the connection",
            State::Feat => "FEAT",
            State::Auth => "AUTH TLS",
        }
    }
}

impl Protocol for Ftp {
    fn advance(&mut self, input: &mut Input, seen: &mut Seen) -> Step {
        loop {
            let first = self.state == State::Greeting && seen.greeting.is_none();
            let line = next_line!(input, seen);
            if first {
                seen.greet(&line);
            }
            let step = match self.replies.feed(&line) {
                Ok(None) => continue,
                Ok(Some(reply)) => self.reply(reply, input, seen),
                Err(_) if first => return foreign(seen, line.as_bytes(), "the greeting is not an FTP reply"),
                Err(detail) => return protocol_error(detail),
            };
            if step != Step::NeedMore {
                return step;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use tls_doctor_core::wire::{StarttlsOutcome, StarttlsProtocol};

    use crate::starttls::tests::{bytewise, run, run_then_close};

    const FTP: StarttlsProtocol = StarttlsProtocol::Ftp;

    #[test]
    fn vsftpd() {
        let chunks: &[&[u8]] = &[
            b"220 (vsFTPd 3.0.3)\r\n",
            b"211-Features:\r\n AUTH SSL\r\n AUTH TLS\r\n EPRT\r\n EPSV\r\n MDTM\r\n PASV\r\n PBSZ\r\n PROT\r\n REST STREAM\r\n SIZE\r\n TVFS\r\n UTF8\r\n211 End\r\n",
            b"234 Proceed with negotiation.\r\n",
        ];
        for r in [run(FTP, chunks), bytewise(FTP, chunks)] {
            assert_eq!(r.sent, ["FEAT\r\n", "AUTH TLS\r\n"]);
            assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
            assert_eq!(r.starttls.advertised, Some(true));
            assert_eq!(r.starttls.greeting.as_deref(), Some("220 (vsFTPd 3.0.3)"));
        }
    }

    #[test]
    fn vsftpd_without_tls() {
        let r = run(
            FTP,
            &[
                b"220 (vsFTPd 3.0.3)\r\n",
                b"211-Features:\r\n EPRT\r\n EPSV\r\n211 End\r\n",
                b"530 Please login with USER and PASS.\r\n",
            ],
        );
        assert_eq!(r.starttls.advertised, Some(false));
        assert_eq!(
            r.starttls.outcome,
            StarttlsOutcome::NotOffered { reply: Some("530 Please login with USER and PASS.".into()) }
        );
    }

    #[test]
    fn proftpd_multi_line_greeting() {
        let r = run(
            FTP,
            &[
                b"220-Welcome to the example.org archive\r\n220-\r\n  Be nice.\r\n220 ProFTPD Server (Debian) [192.0.2.10]\r\n",
                b"211-Features:\r\n LANG en-US*\r\n MDTM\r\n MFMT\r\n AUTH TLS\r\n PBSZ\r\n PROT\r\n211 End\r\n",
                b"234 AUTH TLS successful\r\n",
            ],
        );
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
        assert_eq!(r.starttls.greeting.as_deref(), Some("220-Welcome to the example.org archive"));
    }

    #[test]
    fn omitted_from_feat_yet_accepted() {
        let r = run(FTP, &[b"220 FTP ready\n", b"500 FEAT not understood\n", b"234 ok\n"]);
        assert_eq!(r.starttls.advertised, Some(false));
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
        let r = run(
            FTP,
            &[b"220 x\r\n", b"211-F\r\n auth tls;tls-c\r\n211 End\r\n", b"431 Unable to accept security mechanism\r\n"],
        );
        assert_eq!(r.starttls.advertised, Some(true));
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::Refused { .. }));
        let r = run(FTP, &[b"220 x\r\n", b"211 no features\r\n", b"504 Unknown AUTH type\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::NotOffered { reply: Some(_) }));
    }

    #[test]
    fn errors() {
        let r = run(FTP, &[b"HTTP/1.1 400 Bad Request\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let r = run(FTP, &[b"120 Ready in 1 minute\r\n220 now\r\n", b"211 End\r\n", b"234 go\r\n220 injected\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let endless = "211-Features\r\n".to_owned() + &" MDTM\r\n".repeat(300);
        let r = run(FTP, &[b"220 x\r\n", endless.as_bytes()]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let r = run_then_close(FTP, &[b"220 x\r\n", b"211 End\r\n"], false);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Closed);
    }
}
