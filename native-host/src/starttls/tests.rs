//! Helpers that play a server's side of a dialogue from a byte transcript, and the tests of
//! the common parts. Each protocol's own tests sit in its file.

use tls_doctor_core::wire::{STARTTLS_LINE_LIMIT, Starttls, StarttlsOutcome, StarttlsProtocol};

use super::{Dialogue, Step};

/// What a dialogue did against a transcript.
#[derive(Debug)]
pub(super) struct Run {
    /// What we sent, each write as text (binary bytes become `?`).
    pub sent: Vec<String>,
    pub sent_bytes: Vec<Vec<u8>>,
    pub starttls: Starttls,
}

/// Plays `server`: each chunk is one read, given after our previous write. The outcome is
/// `TimedOut` when the dialogue still waits for bytes at the end.
pub(super) fn run(protocol: StarttlsProtocol, server: &[&[u8]]) -> Run {
    play(protocol, server, usize::MAX, None)
}

/// As [`run`], one byte per read.
pub(super) fn bytewise(protocol: StarttlsProtocol, server: &[&[u8]]) -> Run {
    play(protocol, server, 1, None)
}

/// As [`run`], then the server closes (or resets) the connection.
pub(super) fn run_then_close(protocol: StarttlsProtocol, server: &[&[u8]], reset: bool) -> Run {
    play(protocol, server, usize::MAX, Some(reset))
}

fn play(protocol: StarttlsProtocol, server: &[&[u8]], piece: usize, close: Option<bool>) -> Run {
    let mut d = Dialogue::new(protocol, "tls-doctor.invalid", "chat.example.org");
    let mut sent_bytes = Vec::new();
    let first = d.start();
    let mut step = if first.is_empty() {
        Step::NeedMore
    } else {
        sent_bytes.push(first);
        d.sent()
    };
    'chunks: for chunk in server {
        for bytes in chunk.chunks(piece.max(1)) {
            while let Step::Send(out) = step {
                sent_bytes.push(out);
                step = d.sent();
            }
            if step != Step::NeedMore {
                break 'chunks;
            }
            step = d.receive(bytes);
        }
    }
    while let Step::Send(out) = step {
        sent_bytes.push(out);
        step = d.sent();
    }
    if let (Step::NeedMore, Some(reset)) = (&step, close) {
        step = d.closed(reset);
    }
    let outcome = match &step {
        Step::Ready => StarttlsOutcome::Ready,
        Step::Done(outcome) => outcome.clone(),
        Step::NeedMore | Step::Send(_) => StarttlsOutcome::TimedOut,
    };
    let starttls = d.finish(outcome, 0);
    check_limits(&starttls);
    Run { sent: sent_bytes.iter().map(|b| String::from_utf8_lossy(b).into_owned()).collect(), sent_bytes, starttls }
}

/// The limits the wire promises.
pub(super) fn check_limits(st: &Starttls) {
    assert!(st.transcript.len() <= tls_doctor_core::wire::STARTTLS_TRANSCRIPT_LIMIT);
    for line in st.transcript.iter().chain(&st.greeting).chain(&st.plaintext_auth) {
        assert!(line.chars().count() <= STARTTLS_LINE_LIMIT, "{line}");
        assert!(line.bytes().all(|b| (b' '..=b'~').contains(&b)), "{line:?}");
    }
}

#[test]
fn each_protocol_survives_garbage_and_silence() {
    let garbage: &[&[u8]] = &[b"\x00\xff\x7f garbage \x1b[31m\r\n", b"\xff\xff\xff\xff", b"\r\n\r\n"];
    for protocol in StarttlsProtocol::ALL {
        let r = run(protocol, garbage);
        assert!(!matches!(r.starttls.outcome, StarttlsOutcome::Ready), "{protocol:?}: {r:?}");
        let r = run_then_close(protocol, &[], false);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Closed, "{protocol:?}");
        assert_eq!(r.starttls.greeting, None);
    }
}

#[test]
fn each_protocol_sees_tls() {
    for protocol in StarttlsProtocol::ALL {
        let r = bytewise(protocol, &[&[0x16, 0x03, 0x01, 0x00, 0x10, 0x02, 0x00]]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::TlsSpoken, "{protocol:?}");
        // An alert in answer to our plaintext (client-first protocols).
        let r = run(protocol, &[&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46]]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::TlsSpoken, "{protocol:?}");
    }
}

#[test]
fn a_dialogue_caps_its_bytes() {
    let mut d = Dialogue::new(StarttlsProtocol::XmppClient, "a", "b");
    let _ = d.start();
    let _ = d.sent();
    let mut step = Step::NeedMore;
    for _ in 0..100 {
        step = d.receive(&[b' '; 1024]);
        if step != Step::NeedMore {
            break;
        }
    }
    assert!(matches!(step, Step::Done(StarttlsOutcome::ProtocolError { .. })), "{step:?}");
    // Later calls repeat the end.
    assert_eq!(d.receive(b"<proceed/>"), step);
    assert_eq!(d.closed(true), step);
}

#[test]
fn a_partial_last_line_is_kept() {
    let r = run_then_close(StarttlsProtocol::Postgres, &[b"HTTP/1.0 400 Bad Request"], false);
    assert_eq!(r.starttls.greeting.as_deref(), Some("HTTP/1.0 400 Bad Request"));
    let r = run_then_close(StarttlsProtocol::Imap, &[b"* OK almost"], true);
    assert_eq!(r.starttls.outcome, StarttlsOutcome::Reset);
    assert_eq!(r.starttls.transcript, ["S: * OK almost"]);
}

#[test]
fn names_cannot_inject() {
    let mut d = Dialogue::new(StarttlsProtocol::Smtp, "evil\r\nRCPT TO:<x>", "x");
    assert_eq!(d.receive(b"220 mx\r\n"), Step::Send(b"EHLO evilRCPTTO:x\r\n".to_vec()));
    let mut d = Dialogue::new(StarttlsProtocol::XmppClient, "a", "x' onload='y");
    let header = String::from_utf8_lossy(&d.start()).into_owned();
    assert!(header.contains("to='xonloady'"), "{header}");
}

#[test]
fn long_lines_are_clipped_in_the_evidence() {
    let long = format!("220 {}\r\n", "x".repeat(1000));
    let r = run(StarttlsProtocol::Smtp, &[long.as_bytes()]);
    assert_eq!(r.starttls.greeting.as_ref().map(String::len), Some(STARTTLS_LINE_LIMIT));
}

#[test]
fn plaintext_logins_kept_are_bounded() {
    let mut seen = super::Seen::default();
    for i in 0..super::AUTH_LIMIT * 2 {
        seen.offer_login(&format!("LOGIN{i}"));
    }
    assert_eq!(seen.plaintext_auth.len(), super::AUTH_LIMIT);
    assert_eq!(
        seen.plaintext_auth.last().map(String::as_str),
        Some(format!("LOGIN{}", super::AUTH_LIMIT - 1).as_str())
    );
}

#[test]
fn our_name_in_a_command_is_cut_to_a_host_name_s_length() {
    let long = "a".repeat(super::NAME_LIMIT * 4);
    let mut d = Dialogue::new(StarttlsProtocol::Smtp, &long, "x");
    let Step::Send(ehlo) = d.receive(b"220 mx\r\n") else { panic!("no EHLO") };
    assert_eq!(ehlo, format!("EHLO {}\r\n", "a".repeat(super::NAME_LIMIT)).into_bytes());
}
