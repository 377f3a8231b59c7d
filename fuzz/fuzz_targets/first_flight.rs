//! The record and first-flight parser on arbitrary server bytes: it must never panic, keep
//! its limits, and read the same flight whether the bytes come at once or in pieces.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tls_doctor_core::wire::{CHAIN_BYTES_LIMIT, CHAIN_LIMIT, ProtocolVersion};
use tls_doctor_host::probe::legacy::parse::{FlightParser, ParseError, first_flight};
use tls_doctor_host::probe::legacy::{End, outcome};

fuzz_target!(|data: &[u8]| {
    let whole = first_flight(data);
    if let Ok(flight) = &whole {
        assert!(flight.chain.len() <= CHAIN_LIMIT);
        assert!(flight.chain.iter().map(Vec::len).sum::<usize>() <= CHAIN_BYTES_LIMIT);
        for version in [ProtocolVersion::Ssl3, ProtocolVersion::Tls1_2, ProtocolVersion::Tls1_3] {
            let _ = outcome(version, flight, &End::Closed);
        }
        if let Some(alert) = flight.alert {
            assert!(!alert.name().is_empty());
        }
    }
    // The same bytes in pieces whose sizes the first byte picks.
    let step = usize::from(data.first().copied().unwrap_or(1)).max(1);
    let mut parser = FlightParser::new();
    let mut pieces = Ok(false);
    for chunk in data.chunks(step) {
        pieces = parser.push(chunk);
        if !matches!(pieces, Ok(false)) {
            break;
        }
    }
    match (whole, pieces) {
        (Ok(a), Ok(_)) => assert_eq!(a, parser.into_flight()),
        // A not-TLS answer shows the bytes received until then: fewer when they came in pieces.
        (Err(ParseError::NotTls { first_bytes: a }), Err(ParseError::NotTls { first_bytes: b })) => {
            assert!(a.starts_with(&b), "{a:?} / {b:?}")
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        (a, b) => panic!("whole: {a:?}, in pieces: {b:?}"),
    }
});
