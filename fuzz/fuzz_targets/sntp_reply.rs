//! SNTP answers through the host's reader (`probe::sntp::parse_reply`): the first 16 bytes are
//! when the request left (T1) and the answer arrived (T4), NTP timestamps; the rest is the
//! datagram. It must never panic; a time is taken only from a synchronised server's answer to
//! our request, the offset stays within NTP's ±68 years and the round trip within twice that;
//! what follows the 48-byte header (extensions, a MAC) changes nothing. The same bytes, as text,
//! go to `split_server`, which reads the servers a native request names.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tls_doctor_host::probe::sntp::{Reply, ReplyError, parse_reply, split_server};

/// 2⁶³ units of 2⁻³² s, in milliseconds (rounded up): the largest offset RFC 5905 §6 allows.
const MAX_OFFSET_MS: i64 = 2_147_483_648_001;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Some((host, port)) = split_server(text) {
            assert!(port != 0 && !host.is_empty() && !host.contains(char::is_whitespace), "{text:?}");
        }
    }
    let Some((times, packet)) = data.split_first_chunk::<16>() else { return };
    let sent = u64::from_be_bytes(times[..8].try_into().unwrap_or_default());
    let received = u64::from_be_bytes(times[8..].try_into().unwrap_or_default());
    let reply = parse_reply(packet, sent, received);
    if packet.len() < 48 {
        assert_eq!(reply, Err(ReplyError::Short(packet.len())));
        return;
    }
    assert_eq!(reply, parse_reply(&packet[..48], sent, received), "extensions changed the answer");
    if let Ok(Reply::Time { local_minus_reference_ms, rtt_ms, stratum }) = reply {
        assert!((1..=15).contains(&stratum));
        assert_ne!(packet[0] >> 6, 3, "a time from a server whose leap indicator says it is unsynchronised");
        assert_eq!(&packet[24..32], &sent.to_be_bytes(), "a time from an answer to another request");
        assert!(local_minus_reference_ms.abs() <= MAX_OFFSET_MS, "{local_minus_reference_ms}");
        assert!(rtt_ms <= 2 * MAX_OFFSET_MS as u64, "{rtt_ms}");
    }
});
