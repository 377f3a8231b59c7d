//! Byte transcripts: real servers' answers to our hellos (`testdata/*.hex`, captured on Debian
//! 12 from nginx, gnutls-serv and openssl s_server; each file says how), and hand-made
//! malformed ones.

use super::*;

/// The hex of a capture, its `#` comment lines left out.
fn capture(name: &str) -> Vec<u8> {
    let text = match name {
        "nginx-tls10-accepts-tls10" => include_str!("../testdata/nginx-tls10-accepts-tls10.hex"),
        "nginx-tls10-answers-tls12-with-tls10" => include_str!("../testdata/nginx-tls10-answers-tls12-with-tls10.hex"),
        "nginx-tls10-refuses-tls13" => include_str!("../testdata/nginx-tls10-refuses-tls13.hex"),
        "nginx-tls10-refuses-ssl3" => include_str!("../testdata/nginx-tls10-refuses-ssl3.hex"),
        "gnutls-3des-accepts-tls12-legacy" => include_str!("../testdata/gnutls-3des-accepts-tls12-legacy.hex"),
        "gnutls-3des-refuses-tls12-modern" => include_str!("../testdata/gnutls-3des-refuses-tls12-modern.hex"),
        "openssl-dhe1024-accepts-tls12-legacy" => include_str!("../testdata/openssl-dhe1024-accepts-tls12-legacy.hex"),
        "openssl-accepts-tls13" => include_str!("../testdata/openssl-accepts-tls13.hex"),
        "openssl-accepts-tls12-modern" => include_str!("../testdata/openssl-accepts-tls12-modern.hex"),
        "openssl-p256-retries-tls13" => include_str!("../testdata/openssl-p256-retries-tls13.hex"),
        other => panic!("no capture {other}"),
    };
    let hex: String = text.lines().filter(|l| !l.starts_with('#')).collect();
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect()
}

const CAPTURES: [&str; 10] = [
    "nginx-tls10-accepts-tls10",
    "nginx-tls10-answers-tls12-with-tls10",
    "nginx-tls10-refuses-tls13",
    "nginx-tls10-refuses-ssl3",
    "gnutls-3des-accepts-tls12-legacy",
    "gnutls-3des-refuses-tls12-modern",
    "openssl-dhe1024-accepts-tls12-legacy",
    "openssl-accepts-tls13",
    "openssl-accepts-tls12-modern",
    "openssl-p256-retries-tls13",
];

fn hello(flight: &FirstFlight) -> &ServerHello {
    flight.server_hello.as_ref().unwrap()
}

/// The common name in a DER certificate, found the simple way (the OID 2.5.4.3, then a string).
fn common_name(der: &[u8]) -> String {
    let at = der.windows(3).position(|w| w == [0x55, 0x04, 0x03]).unwrap() + 3;
    let len = usize::from(der[at + 1]);
    String::from_utf8(der[at + 2..at + 2 + len].to_vec()).unwrap()
}

#[test]
fn nginx_with_only_tls10_accepts_tls10_and_sends_its_chain() {
    let f = first_flight(&capture("nginx-tls10-accepts-tls10")).unwrap();
    assert!(f.complete() && f.server_hello_done);
    assert_eq!(hello(&f).version, 0x0301);
    assert_eq!(hello(&f).protocol_version(), Some(ProtocolVersion::Tls1_0));
    assert_eq!(tls::name(hello(&f).cipher), "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
    assert!(!hello(&f).hello_retry);
    assert_eq!(f.chain.len(), 1);
    assert_eq!(common_name(&f.chain[0]), "lt.test");
    assert_eq!(f.dh_bits, None, "ECDHE: no finite-field group");
    assert_eq!((f.alert, f.chain_overflow), (None, None));
}

#[test]
fn nginx_with_only_tls10_answers_a_tls12_hello_with_tls10() {
    let f = first_flight(&capture("nginx-tls10-answers-tls12-with-tls10")).unwrap();
    assert_eq!(hello(&f).protocol_version(), Some(ProtocolVersion::Tls1_0));
    assert!(f.server_hello_done && f.chain.len() == 1);
}

#[test]
fn refusals_are_alerts_with_their_rfc_names() {
    for (name, alert) in [
        ("nginx-tls10-refuses-tls13", "protocol_version"),
        ("nginx-tls10-refuses-ssl3", "handshake_failure"),
        ("gnutls-3des-refuses-tls12-modern", "handshake_failure"),
    ] {
        let f = first_flight(&capture(name)).unwrap();
        assert!(f.complete() && f.server_hello.is_none(), "{name}");
        let a = f.alert.unwrap();
        assert_eq!((a.level, a.name().as_str()), (2, alert), "{name}");
    }
    assert_eq!(Alert { level: 2, description: 200 }.name(), "unknown_200");
    assert_eq!(Alert { level: 2, description: 112 }.name(), "unrecognized_name");
    // The names agree with the primary handshake's (rustls's enum, through the same table).
    for d in 0..=255u8 {
        assert_eq!(
            Alert { level: 2, description: d }.name(),
            crate::probe::tls::alert_name(rustls::AlertDescription::from(d))
        );
    }
}

#[test]
fn gnutls_with_only_3des_and_rc4_picks_3des() {
    let f = first_flight(&capture("gnutls-3des-accepts-tls12-legacy")).unwrap();
    assert_eq!(hello(&f).protocol_version(), Some(ProtocolVersion::Tls1_2));
    assert_eq!(tls::name(hello(&f).cipher), "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA");
    assert!(f.server_hello_done && f.chain.len() == 1 && f.dh_bits.is_none());
}

#[test]
fn a_dhe_server_key_exchange_gives_the_prime_size() {
    let f = first_flight(&capture("openssl-dhe1024-accepts-tls12-legacy")).unwrap();
    assert_eq!(tls::name(hello(&f).cipher), "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
    assert_eq!(f.dh_bits, Some(1024));
    assert!(f.server_hello_done);
}

#[test]
fn tls13_ends_the_flight_at_the_server_hello() {
    let f = first_flight(&capture("openssl-accepts-tls13")).unwrap();
    assert!(f.complete() && !f.server_hello_done);
    assert_eq!((hello(&f).legacy_version, hello(&f).version), (0x0303, 0x0304));
    assert_eq!(hello(&f).protocol_version(), Some(ProtocolVersion::Tls1_3));
    assert_eq!(hello(&f).cipher, 0x1301);
    assert!(f.chain.is_empty(), "the certificate is encrypted in TLS 1.3");
}

#[test]
fn a_hello_retry_request_is_tls13_accepted() {
    let f = first_flight(&capture("openssl-p256-retries-tls13")).unwrap();
    assert!(f.complete() && hello(&f).hello_retry);
    assert_eq!(hello(&f).protocol_version(), Some(ProtocolVersion::Tls1_3));
    assert_eq!(hello(&f).cipher, 0x1301);
}

#[test]
fn tls12_modern_from_a_tls13_server() {
    let f = first_flight(&capture("openssl-accepts-tls12-modern")).unwrap();
    assert_eq!(hello(&f).protocol_version(), Some(ProtocolVersion::Tls1_2));
    assert_eq!(tls::class(hello(&f).cipher), tls::CipherClass::Modern);
    assert!(f.server_hello_done && f.chain.len() == 1);
}

#[test]
fn every_prefix_of_every_capture_reads_without_error_and_incomplete_until_the_end() {
    for name in CAPTURES {
        let bytes = capture(name);
        let whole = first_flight(&bytes).unwrap();
        let mut completed_at = None;
        for cut in 0..bytes.len() {
            let part = first_flight(&bytes[..cut]).unwrap_or_else(|e| panic!("{name} cut at {cut}: {e}"));
            if part.complete() && completed_at.is_none() {
                completed_at = Some(cut);
            }
        }
        // The flight completes only with its last needed byte; TLS 1.3 captures go on after it.
        let tls13 = whole.server_hello.as_ref().is_some_and(|h| h.version == 0x0304);
        if !tls13 {
            assert_eq!(completed_at, None, "{name}: complete before its last byte");
        }
    }
}

#[test]
fn fed_one_byte_at_a_time_the_flight_is_the_same() {
    for name in CAPTURES {
        let bytes = capture(name);
        let mut parser = FlightParser::new();
        let mut done = false;
        for b in &bytes {
            done = parser.push(std::slice::from_ref(b)).unwrap();
        }
        assert!(done, "{name}");
        assert_eq!(parser.into_flight(), first_flight(&bytes).unwrap(), "{name}");
    }
}

#[test]
fn every_single_byte_change_is_read_or_refused_without_panic() {
    for name in CAPTURES {
        let bytes = capture(name);
        // Every offset of the first kilobyte (headers and hellos), with two values each.
        for i in 0..bytes.len().min(1024) {
            for v in [0x00, 0xFF, bytes[i] ^ 0x01] {
                let mut changed = bytes.clone();
                changed[i] = v;
                let _ = first_flight(&changed);
            }
        }
    }
}

/// One record of `kind` around `body`.
fn record(kind: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![kind, 3, 3];
    out.extend_from_slice(&u16::try_from(body.len()).unwrap().to_be_bytes());
    out.extend_from_slice(body);
    out
}

/// One handshake message.
fn message(kind: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![kind];
    out.extend_from_slice(&u32::try_from(body.len()).unwrap().to_be_bytes()[1..]);
    out.extend_from_slice(body);
    out
}

/// A TLS 1.2 ServerHello choosing `cipher`, with no extensions.
fn server_hello_body(cipher: u16) -> Vec<u8> {
    let mut body = vec![3, 3];
    body.extend_from_slice(&[7; 32]);
    body.push(0);
    body.extend_from_slice(&cipher.to_be_bytes());
    body.push(0);
    body
}

#[test]
fn other_protocols_are_not_tls() {
    for answer in
        [&b"HTTP/1.1 400 Bad Request\r\n"[..], b"220 smtp ESMTP\r\n", b"SSH-2.0-OpenSSH", b"\x17\x03\x03\x00\x01x"]
    {
        let e = first_flight(answer).unwrap_err();
        assert!(matches!(&e, ParseError::NotTls { first_bytes } if first_bytes.len() <= 16), "{e:?}");
    }
    // One byte is enough to tell.
    assert!(matches!(first_flight(b"H"), Err(ParseError::NotTls { .. })));
    // A TLS-looking type with another protocol's version byte.
    assert!(matches!(first_flight(b"\x16\x48\x54"), Err(ParseError::NotTls { .. })));
    assert_eq!(first_flight(b"HTTP/1.1").unwrap_err().to_string(), "not TLS: starts with 48 54 54 50 2f 31 2e 31");
}

/// Found by fuzzing (`fuzz/fuzz_targets/first_flight.rs`): fed in pieces, a not-TLS answer is
/// refused at its first byte and shows only what had come; at once, it shows up to 16 bytes.
#[test]
fn a_not_tls_answer_shows_the_bytes_received_until_then() {
    let bytes = [3, 2, 3, 28, 0, 0];
    assert_eq!(first_flight(&bytes), Err(ParseError::NotTls { first_bytes: bytes.to_vec() }));
    let mut parser = FlightParser::new();
    assert_eq!(parser.push(&bytes[..3]), Err(ParseError::NotTls { first_bytes: vec![3, 2, 3] }));
}

#[test]
fn limits_hold() {
    // A record longer than TLS allows.
    let mut big = vec![22, 3, 3];
    big.extend_from_slice(&u16::try_from(RECORD_LIMIT + 1).unwrap().to_be_bytes());
    assert!(matches!(first_flight(&big), Err(ParseError::NotTls { .. })));
    // A handshake message announcing more than the handshake limit.
    let mut huge = vec![2];
    huge.extend_from_slice(&[0xFF, 0xFF, 0xFF]);
    assert!(matches!(first_flight(&record(22, &huge)), Err(ParseError::TooLarge { .. })));
    // Handshake bytes past the limit, sent as full records that never complete a message (one
    // that is held until it is whole: not a Certificate, read as it comes).
    let mut many = Vec::new();
    let mut open = vec![12];
    open.extend_from_slice(&u32::try_from(HANDSHAKE_LIMIT).unwrap().to_be_bytes()[1..]);
    let mut flight = record(22, &message(2, &server_hello_body(0xC02F)));
    flight.extend(record(22, &open));
    while many.len() < HANDSHAKE_LIMIT + (1 << 14) {
        many.extend(record(22, &[0; 1 << 14]));
    }
    flight.extend(many);
    assert!(matches!(first_flight(&flight), Err(ParseError::TooLarge { what: "handshake messages" })));
    // Too many records: one-byte pieces of a message that never ends, held or (a Certificate)
    // read as it comes.
    for open in [&[12, 1, 0, 0][..], &[11, 1, 0, 0, 0, 0xFF, 0xFD]] {
        let mut tiny = record(22, &message(2, &server_hello_body(0xC02F)));
        tiny.extend(record(22, open));
        for _ in 0..RECORD_COUNT_LIMIT {
            tiny.extend(record(22, &[0]));
        }
        assert!(matches!(first_flight(&tiny), Err(ParseError::TooLarge { what: "records" })));
    }
    // Too many messages.
    let mut chatty = message(2, &server_hello_body(0xC02F));
    for _ in 0..MESSAGE_COUNT_LIMIT {
        chatty.extend(message(22, &[]));
    }
    assert!(matches!(first_flight(&record(22, &chatty)), Err(ParseError::TooLarge { .. })));
}

#[test]
fn chains_are_cut_at_the_limits() {
    let mut list: Vec<u8> = Vec::new();
    for i in 0..CHAIN_LIMIT + 5 {
        list.extend(message(0, &[u8::try_from(i).unwrap(); 10])[1..].iter());
    }
    let mut body = Vec::new();
    body.extend_from_slice(&u32::try_from(list.len()).unwrap().to_be_bytes()[1..]);
    body.extend(list);
    let mut hs = message(2, &server_hello_body(0x002F));
    hs.extend(message(11, &body));
    hs.extend(message(14, &[]));
    let f = first_flight(&record(22, &hs)).unwrap();
    assert_eq!(f.chain.len(), CHAIN_LIMIT);
    assert_eq!(f.chain_overflow, Some((CHAIN_LIMIT + 5, (CHAIN_LIMIT + 5) * 10)));
    assert!(f.server_hello_done);
}

/// A Certificate message around `ders`.
fn certificate_message(ders: &[Vec<u8>]) -> Vec<u8> {
    let mut list: Vec<u8> = Vec::new();
    for der in ders {
        list.extend_from_slice(&u32::try_from(der.len()).unwrap().to_be_bytes()[1..]);
        list.extend_from_slice(der);
    }
    let mut body = u32::try_from(list.len()).unwrap().to_be_bytes()[1..].to_vec();
    body.extend(list);
    message(11, &body)
}

/// A whole TLS 1.2 flight with these certificates, in full records.
fn flight_with(ders: &[Vec<u8>]) -> Vec<u8> {
    let mut hs = message(2, &server_hello_body(0xC02F));
    hs.extend(certificate_message(ders));
    hs.extend(message(14, &[]));
    hs.chunks(1 << 14).flat_map(|chunk| record(22, chunk)).collect()
}

#[test]
fn a_leaf_of_800_kb_is_kept_whole() {
    let leaf = vec![0x30; 830_000];
    let f = first_flight(&flight_with(&[leaf.clone(), vec![1; 900]])).unwrap();
    assert!(f.server_hello_done);
    assert_eq!(f.chain, [leaf, vec![1; 900]]);
    assert_eq!(f.chain_overflow, None);
}

#[test]
fn certificates_beyond_the_limits_are_counted_not_held() {
    // One certificate of 3 MB, beyond the bytes kept and the bytes otherwise held: measured.
    let f = first_flight(&flight_with(&[vec![0x30; 3_000_000], vec![1; 900]])).unwrap();
    assert!(f.server_hello_done);
    assert!(f.chain.is_empty());
    assert_eq!(f.chain_overflow, Some((2, 3_000_900)));
    // 30 certificates of 50 KB: the first 20 kept (1 MB), the rest counted.
    let many: Vec<Vec<u8>> = (0..30u8).map(|i| vec![i; 50_000]).collect();
    let f = first_flight(&flight_with(&many)).unwrap();
    assert_eq!(f.chain, many[..20]);
    assert_eq!(f.chain_overflow, Some((30, 1_500_000)));
    // A small leaf before a huge intermediate: the leaf is kept, nothing after it.
    let f = first_flight(&flight_with(&[vec![7; 1_000], vec![8; 2_000_000], vec![9; 10]])).unwrap();
    assert_eq!(f.chain, [vec![7; 1_000]]);
    assert_eq!(f.chain_overflow, Some((3, 2_001_010)));
}

#[test]
fn a_certificate_message_cut_short_still_tells_what_was_announced() {
    let bytes = flight_with(&[vec![0x30; 2_000_000]]);
    // Cut in the middle of the certificate: what its length said is kept.
    let f = first_flight(&bytes[..500_000]).unwrap();
    assert!(!f.complete() && f.chain.is_empty());
    assert_eq!(f.chain_overflow, Some((1, 2_000_000)));
    // A kept leaf cut short is not kept in part, and counted.
    let bytes = flight_with(&[vec![0x30; 800_000]]);
    let f = first_flight(&bytes[..400_000]).unwrap();
    assert!(f.chain.is_empty());
    assert_eq!(f.chain_overflow, Some((1, 800_000)));
}

#[test]
fn a_certificate_message_read_in_any_pieces_is_the_same() {
    let ders = [vec![1; 70_000], vec![2; 3_000], vec![3; 5]];
    let bytes = flight_with(&ders);
    let whole = first_flight(&bytes).unwrap();
    assert_eq!(whole.chain, ders);
    for piece in [1, 2, 3, 7, 4096, 20_000] {
        let mut parser = FlightParser::new();
        for chunk in bytes.chunks(piece) {
            parser.push(chunk).unwrap();
        }
        assert_eq!(parser.into_flight(), whole, "pieces of {piece}");
    }
    // And records of any size: one byte of handshake per record for the first kilobyte.
    let mut hs = message(2, &server_hello_body(0xC02F));
    hs.extend(certificate_message(&ders));
    hs.extend(message(14, &[]));
    let mut bytes: Vec<u8> = hs[..1024].chunks(1).flat_map(|c| record(22, c)).collect();
    bytes.extend(hs[1024..].chunks(1 << 14).flat_map(|c| record(22, c)));
    assert_eq!(first_flight(&bytes).unwrap(), whole);
}

/// The fuzz target's invariant (`fuzz/fuzz_targets/first_flight.rs`) on flights whose
/// Certificate message is read as it comes: changed at random (fixed seeds), read at once or in
/// pieces, the flight and the error are the same.
#[test]
fn changed_certificate_flights_read_the_same_at_once_or_in_pieces() {
    let base = flight_with(&[vec![1; 70_000], vec![2; 3_000], vec![3; 5]]);
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..400 {
        let mut bytes = base.clone();
        for _ in 0..1 + next() % 4 {
            // Mostly in the headers and length fields, where the reading decides.
            let at = usize::try_from(next() % if round % 2 == 0 { 200 } else { bytes.len() as u64 }).unwrap();
            bytes[at] = next().to_le_bytes()[0];
        }
        let whole = first_flight(&bytes);
        let step = 1 + usize::try_from(next() % 5_000).unwrap();
        let mut parser = FlightParser::new();
        let mut pieces = Ok(false);
        for chunk in bytes.chunks(step) {
            pieces = parser.push(chunk);
            if !matches!(pieces, Ok(false)) {
                break;
            }
        }
        match (whole, pieces) {
            (Ok(a), Ok(_)) => assert_eq!(a, parser.into_flight(), "round {round}"),
            (Err(ParseError::NotTls { first_bytes: a }), Err(ParseError::NotTls { first_bytes: b })) => {
                assert!(a.starts_with(&b), "round {round}")
            }
            (Err(a), Err(b)) => assert_eq!(a, b, "round {round}"),
            (a, b) => panic!("round {round}: whole {a:?}, in pieces {b:?}"),
        }
    }
}

#[test]
fn malformed_certificate_lists_are_refused() {
    let hello = message(2, &server_hello_body(0xC02F));
    let cases: Vec<(Vec<u8>, &str)> = vec![
        // The list says more than the message holds.
        (message(11, &[0, 0, 9, 0, 0, 1, 5]), "message shorter than its fields"),
        // A certificate longer than the list.
        (message(11, &[0, 0, 4, 0, 0, 9, 5]), "message shorter than its fields"),
        // A length field cut by the end of the list.
        (message(11, &[0, 0, 2, 0, 0]), "message shorter than its fields"),
        (message(11, &[]), "message shorter than its fields"),
        (message(11, &[0, 0]), "message shorter than its fields"),
        ([certificate_message(&[vec![1]]), certificate_message(&[vec![1]])].concat(), "second Certificate"),
    ];
    for (certificate, what) in cases {
        let bytes = record(22, &[hello.clone(), certificate].concat());
        assert_eq!(first_flight(&bytes), Err(ParseError::Malformed { what }), "{what}");
    }
}

#[test]
fn chains_are_cut_at_the_byte_limit() {
    // Three certificates of a third of the limit and a byte: the third does not fit.
    let each = CHAIN_BYTES_LIMIT / 3 + 1;
    let mut list: Vec<u8> = Vec::new();
    for i in 0..3u8 {
        list.extend(message(0, &vec![i; each])[1..].iter());
    }
    let mut body = u32::try_from(list.len()).unwrap().to_be_bytes()[1..].to_vec();
    body.extend(list);
    let mut hs = message(2, &server_hello_body(0x002F));
    hs.extend(message(11, &body));
    hs.extend(message(14, &[]));
    let flight: Vec<u8> = hs.chunks(1 << 14).flat_map(|piece| record(22, piece)).collect();
    let f = first_flight(&flight).unwrap();
    assert_eq!(f.chain.len(), 2);
    assert_eq!(f.chain_overflow, Some((3, 3 * each)));
    assert!(f.server_hello_done);
}

#[test]
fn handshake_messages_are_reassembled_across_records() {
    let mut hs = message(2, &server_hello_body(0x0033));
    let mut ske = vec![0, 2, 0x01, 0x00];
    ske.extend_from_slice(&[0, 1, 2]);
    hs.extend(message(12, &ske));
    hs.extend(message(14, &[]));
    let mut bytes = Vec::new();
    for chunk in hs.chunks(3) {
        bytes.extend(record(22, chunk));
    }
    let f = first_flight(&bytes).unwrap();
    assert_eq!(f.dh_bits, Some(9), "p = 0x0100: nine bits");
    assert!(f.server_hello_done);
}

#[test]
fn malformed_flights_are_refused() {
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (record(22, &message(11, &[0, 0, 0])), "first message is not a ServerHello"),
        (
            record(22, &[message(2, &server_hello_body(1)), message(2, &server_hello_body(1))].concat()),
            "second ServerHello",
        ),
        (record(22, &message(2, &[3, 3, 1])), "message shorter than its fields"),
        (record(21, &[2]), "alert shorter than two bytes"),
        (vec![22, 3, 3, 0, 0], "empty record"),
        (record(22, &[message(2, &server_hello_body(0x0033)), message(12, &[0, 1, 0])].concat()), "DH prime is zero"),
        (
            record(22, &[message(2, &server_hello_body(1)), message(11, &[0, 0, 0, 9])].concat()),
            "bytes after the certificate list",
        ),
    ];
    for (bytes, what) in cases {
        assert_eq!(first_flight(&bytes), Err(ParseError::Malformed { what }), "{what}");
    }
    let mut long_session = vec![3, 3];
    long_session.extend_from_slice(&[0; 32]);
    long_session.push(33);
    long_session.extend_from_slice(&[0; 36]);
    assert!(matches!(first_flight(&record(22, &message(2, &long_session))), Err(ParseError::Malformed { .. })));
    let mut bad_versions = server_hello_body(0x1301);
    bad_versions.extend_from_slice(&[0, 7, 0, 43, 0, 3, 3, 4, 0]);
    assert_eq!(
        first_flight(&record(22, &message(2, &bad_versions))),
        Err(ParseError::Malformed { what: "supported_versions is not one version" })
    );
}

#[test]
fn hello_requests_and_unknown_messages_are_passed_over_and_bytes_after_the_flight_ignored() {
    let mut hs = message(0, &[]);
    hs.extend(message(2, &server_hello_body(0x002F)));
    hs.extend(message(22, &[1, 2, 3]));
    hs.extend(message(14, &[]));
    let mut bytes = record(22, &hs);
    bytes.extend_from_slice(b"anything at all");
    let f = first_flight(&bytes).unwrap();
    assert!(f.server_hello_done && hello(&f).cipher == 0x002F);
    assert_eq!(f.dh_bits, None);
}
