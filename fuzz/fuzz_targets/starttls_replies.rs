//! The STARTTLS dialogues on arbitrary server bytes: they must never panic, must end, and must
//! keep the wire's limits (line length, transcript length, printable text).
//!
//! The first byte picks the protocol, the second is a separator: the rest, split at it, is what
//! the server sends, one piece per read.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tls_doctor_core::wire::{STARTTLS_LINE_LIMIT, STARTTLS_TRANSCRIPT_LIMIT, StarttlsOutcome, StarttlsProtocol};
use tls_doctor_host::starttls::{Dialogue, Step};

fuzz_target!(|data: &[u8]| {
    let [pick, separator, rest @ ..] = data else { return };
    let protocols = StarttlsProtocol::ALL;
    let protocol = protocols[usize::from(*pick) % protocols.len()];
    let mut dialogue = Dialogue::new(protocol, "tls-doctor.invalid", "example.org");
    let first = dialogue.start();
    let mut step = if first.is_empty() { Step::NeedMore } else { dialogue.sent() };
    let mut sends = 0;
    for piece in rest.split(|b| b == separator) {
        while let Step::Send(_) = step {
            sends += 1;
            assert!(sends < 16, "a dialogue that keeps sending");
            step = dialogue.sent();
        }
        if step != Step::NeedMore {
            break;
        }
        step = dialogue.receive(piece);
    }
    while let Step::Send(_) = step {
        sends += 1;
        assert!(sends < 16, "a dialogue that keeps sending");
        step = dialogue.sent();
    }
    let outcome = match step {
        Step::Ready => StarttlsOutcome::Ready,
        Step::Done(outcome) => outcome,
        Step::NeedMore | Step::Send(_) => match dialogue.closed(pick & 0x80 != 0) {
            Step::Done(outcome) => outcome,
            other => panic!("closed gave {other:?}"),
        },
    };
    let st = dialogue.finish(outcome, 0);
    assert!(st.transcript.len() <= STARTTLS_TRANSCRIPT_LIMIT);
    for line in st.transcript.iter().chain(&st.greeting).chain(&st.plaintext_auth) {
        assert!(line.chars().count() <= STARTTLS_LINE_LIMIT, "{line}");
        assert!(line.bytes().all(|b| (b' '..=b'~').contains(&b)), "{line:?}");
    }
    if let StarttlsOutcome::Refused { reply } | StarttlsOutcome::NotOffered { reply: Some(reply) } = &st.outcome {
        assert!(reply.chars().count() <= STARTTLS_LINE_LIMIT);
    }
});
