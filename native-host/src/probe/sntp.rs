//! An SNTP client (RFC 4330; packet format of RFC 5905 §7.3): one request to each configured
//! server, one answer read, under a short timeout and the request's deadline. The answer is
//! trusted only when it is a server's (mode 4), echoes our transmit timestamp, and comes from a
//! synchronised server (stratum 1–15, leap indicator not 3).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tls_doctor_core::wire::{DnsError, DnsOutcome, SntpOutcome, SntpSample};
use tokio::time::{Instant as Deadline, timeout_at};

use crate::net::gate::refusal_text;
use crate::net::{Gate, Purpose};

/// The NTP port (IANA).
pub const DEFAULT_PORT: u16 = 123;
/// How long one server may take to answer: a time server answers within a round trip, and a
/// lost datagram is not retried.
pub const ANSWER_BUDGET: Duration = Duration::from_millis(1_500);
/// An NTP packet without extensions or MAC.
const PACKET_LEN: usize = 48;
/// Seconds from 1900-01-01 (NTP era 0) to 1970-01-01.
const NTP_UNIX_OFFSET: u64 = 2_208_988_800;
/// Datagrams read per query before giving up on a peer that sends only stale or foreign ones.
pub(crate) const MAX_DATAGRAMS: usize = 8;
/// The bytes of one datagram read: the 48-byte packet and room for extension fields and a MAC,
/// which are ignored (RFC 5905 §7.5); the rest of a longer datagram is dropped unread.
pub(crate) const DATAGRAM_LIMIT: usize = 512;

/// An NTP timestamp: seconds since 1900 (modulo the era) in the high 32 bits, fraction in the
/// low 32.
pub type NtpTime = u64;

/// `time` as an NTP timestamp (era 0 until 2036, then wrapping, as RFC 5905 §6 intends).
pub fn ntp_time(time: SystemTime) -> NtpTime {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let seconds = since.as_secs().wrapping_add(NTP_UNIX_OFFSET) & 0xffff_ffff;
    let fraction = (u64::from(since.subsec_nanos()) << 32) / 1_000_000_000;
    (seconds << 32) | fraction
}

/// The 48-byte client request: LI 0, version 4, mode 3, every field zero but the transmit
/// timestamp.
pub fn request(transmit: NtpTime) -> [u8; PACKET_LEN] {
    let mut packet = [0u8; PACKET_LEN];
    packet[0] = 4 << 3 | 3;
    packet[40..48].copy_from_slice(&transmit.to_be_bytes());
    packet
}

/// What one answer says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    /// A synchronised server's time.
    Time {
        /// This machine minus the server, in milliseconds (positive: this machine is ahead).
        local_minus_reference_ms: i64,
        rtt_ms: u64,
        stratum: u8,
    },
    /// A server that must not be used (kiss-o'-death, stratum 16, leap indicator 3).
    Unsynchronised { stratum: u8 },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplyError {
    /// Fewer than 48 bytes.
    Short(usize),
    /// Not a server's answer (mode 4), or a version this client does not know.
    NotServer { version: u8, mode: u8 },
    /// The originate timestamp is not the transmit timestamp we sent: an answer to someone
    /// else's request, or a stale one. Ignored, as RFC 4330 §5 asks.
    WrongOrigin,
    /// A synchronised server must send a transmit timestamp.
    NoTransmitTime,
}

impl std::fmt::Display for ReplyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Short(n) => write!(f, "a {n}-byte answer, shorter than an NTP packet ({PACKET_LEN} bytes)"),
            Self::NotServer { version, mode } => {
                write!(f, "not an NTP server's answer (version {version}, mode {mode})")
            }
            Self::WrongOrigin => f.write_str("the answer does not echo the request's timestamp"),
            Self::NoTransmitTime => f.write_str("the answer has no transmit timestamp"),
        }
    }
}

/// Reads one answer to the request sent at `sent` (T1), received at `received` (T4).
pub fn parse_reply(packet: &[u8], sent: NtpTime, received: NtpTime) -> Result<Reply, ReplyError> {
    let Some(fixed) = packet.get(..PACKET_LEN) else { return Err(ReplyError::Short(packet.len())) };
    let leap = fixed[0] >> 6;
    let version = (fixed[0] >> 3) & 0x07;
    let mode = fixed[0] & 0x07;
    // Mode 4 (server); versions 1 to 4 share this layout (RFC 4330 §5 accepts 3 and 4; old
    // servers answer a version 4 request with 3).
    if mode != 4 || !(1..=4).contains(&version) {
        return Err(ReplyError::NotServer { version, mode });
    }
    let stamp = |at: usize| {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&fixed[at..at + 8]);
        u64::from_be_bytes(bytes)
    };
    let (originate, receive, transmit) = (stamp(24), stamp(32), stamp(40));
    if originate != sent {
        return Err(ReplyError::WrongOrigin);
    }
    let stratum = fixed[1];
    if leap == 3 || !(1..=15).contains(&stratum) {
        return Ok(Reply::Unsynchronised { stratum });
    }
    if transmit == 0 {
        return Err(ReplyError::NoTransmitTime);
    }
    // Differences of NTP timestamps, read as signed 64-bit: right across an era boundary,
    // and within ±68 years (RFC 5905 §6).
    // (`as i64` wraps on purpose.)
    let diff = |a: NtpTime, b: NtpTime| i128::from(a.wrapping_sub(b) as i64);
    let t2_t1 = diff(receive, sent);
    let t3_t4 = diff(transmit, received);
    let offset = (t2_t1 + t3_t4) / 2;
    let delay = (diff(received, sent) - diff(transmit, receive)).max(0);
    Ok(Reply::Time {
        local_minus_reference_ms: i64::try_from(-to_millis(offset)).unwrap_or(i64::MAX),
        rtt_ms: u64::try_from(to_millis(delay)).unwrap_or(0),
        stratum,
    })
}

/// 2⁻³² s units to milliseconds, rounded to the nearest.
fn to_millis(units: i128) -> i128 {
    let scaled = units * 1000;
    let half = 1i128 << 31;
    if scaled >= 0 { (scaled + half) >> 32 } else { -((-scaled + half) >> 32) }
}

/// `name`, `name:port`, `v4:port`, `[v6]:port` or a bare IPv6 address → host and port.
pub fn split_server(server: &str) -> Option<(String, u16)> {
    let server = server.trim();
    if let Some(inner) = server.strip_prefix('[') {
        let (host, after) = inner.split_once(']')?;
        let port = match after {
            "" => DEFAULT_PORT,
            _ => crate::target::parse_port(after.strip_prefix(':')?)?,
        };
        return Some((host.parse::<Ipv6Addr>().ok()?.to_string(), port));
    }
    if server.parse::<Ipv6Addr>().is_ok() {
        return Some((server.to_owned(), DEFAULT_PORT));
    }
    let (host, port) = match server.rsplit_once(':') {
        Some((h, p)) => (h, crate::target::parse_port(p)?),
        None => (server, DEFAULT_PORT),
    };
    if host.parse::<Ipv4Addr>().is_ok() {
        return Some((host.to_owned(), port));
    }
    crate::target::normalise_name(host).map(|name| (name, port))
}

/// Asks every server at once; one sample each, in the order given.
pub async fn query_all(gate: &Gate, servers: &[String], deadline: Deadline) -> Vec<SntpSample> {
    let tasks: Vec<_> = servers
        .iter()
        .cloned()
        .map(|server| {
            let gate = gate.clone();
            tokio::spawn(async move { query(&gate, server, deadline).await })
        })
        .collect();
    let mut samples = Vec::with_capacity(tasks.len());
    for (task, server) in tasks.into_iter().zip(servers) {
        samples.push(task.await.unwrap_or_else(|e| SntpSample {
            server: server.clone(),
            address: None,
            outcome: SntpOutcome::Failed { detail: e.to_string() },
            elapsed_ms: 0,
        }));
    }
    samples
}

/// One server: resolve, send, read one answer.
pub async fn query(gate: &Gate, server: String, deadline: Deadline) -> SntpSample {
    let started = Instant::now();
    let deadline = deadline.min(Deadline::now() + ANSWER_BUDGET);
    let (address, outcome) = exchange(gate, &server, deadline).await;
    SntpSample { server, address, outcome, elapsed_ms: super::millis(started.elapsed()) }
}

async fn exchange(gate: &Gate, server: &str, deadline: Deadline) -> (Option<IpAddr>, SntpOutcome) {
    let failed = |detail: String| SntpOutcome::Failed { detail };
    let Some((host, port)) = split_server(server) else {
        return (None, failed(format!("{server:?} is not a host name or address, with an optional port")));
    };
    let way = match gate.admit(Purpose::Sntp, &host, port) {
        Ok(way) => way,
        Err(r) => return (None, failed(refusal_text(&r))),
    };
    let found = match way.resolve(deadline).await {
        DnsOutcome::Resolved { addresses, .. } => addresses,
        DnsOutcome::Failed { error: DnsError::TimedOut, .. } => return (None, SntpOutcome::TimedOut),
        DnsOutcome::Failed { error, detail, .. } => {
            return (None, failed(format!("{host}: {error:?} {detail}").trim_end().to_owned()));
        }
        DnsOutcome::Skipped { .. } => Vec::new(),
    };
    let found = match way.screen(&found) {
        Ok(found) => found,
        Err(r) => return (None, failed(refusal_text(&r))),
    };
    // IPv4 first: a machine with an IPv6 address but no IPv6 route is common.
    let Some(ip) = found.iter().find(|a| a.is_ipv4()).or(found.first()).copied() else {
        return (None, failed(format!("{host}: no address")));
    };
    let peer = SocketAddr::new(ip, port);
    let address = Some(ip);
    let socket = match way.udp(ip).await {
        Ok(s) => s,
        Err(e) => return (address, failed(format!("{peer}: {e}"))),
    };
    let sent = ntp_time(SystemTime::now());
    match timeout_at(deadline, socket.send(&request(sent))).await {
        Err(_) => return (address, SntpOutcome::TimedOut),
        Ok(Err(e)) => return (address, failed(format!("{peer}: {e}"))),
        Ok(Ok(_)) => {}
    }
    let mut buf = [0u8; DATAGRAM_LIMIT];
    for _ in 0..MAX_DATAGRAMS {
        let n = match timeout_at(deadline, socket.recv(&mut buf)).await {
            Err(_) => return (address, SntpOutcome::TimedOut),
            // An ICMP port unreachable arrives as "connection refused" on a connected socket.
            Ok(Err(e)) => return (address, failed(format!("{peer}: {e}"))),
            Ok(Ok(n)) => n,
        };
        let received = ntp_time(SystemTime::now());
        let packet = buf.get(..n).unwrap_or_default();
        return match parse_reply(packet, sent, received) {
            Ok(Reply::Time { local_minus_reference_ms, rtt_ms, stratum }) => {
                (address, SntpOutcome::Answered { local_minus_reference_ms, rtt_ms, stratum })
            }
            Ok(Reply::Unsynchronised { stratum }) => (address, SntpOutcome::Unsynchronised { stratum }),
            // Not an answer to this request: wait for the real one.
            Err(ReplyError::WrongOrigin) => continue,
            Err(e) => (address, failed(e.to_string())),
        };
    }
    (address, failed("only answers to other requests arrived".into()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    const T1: NtpTime = 0xe9d3_0000_0000_0000;
    const SECOND: u64 = 1 << 32;

    /// A server's answer: leap indicator, version, mode, stratum, and T1, T2, T3.
    fn answer(first: u8, stratum: u8, originate: NtpTime, receive: NtpTime, transmit: NtpTime) -> Vec<u8> {
        let mut p = vec![0u8; PACKET_LEN];
        p[0] = first;
        p[1] = stratum;
        p[24..32].copy_from_slice(&originate.to_be_bytes());
        p[32..40].copy_from_slice(&receive.to_be_bytes());
        p[40..48].copy_from_slice(&transmit.to_be_bytes());
        p
    }

    /// LI 0, version 4, mode 4.
    const SERVER: u8 = 4 << 3 | 4;

    #[test]
    fn the_request_is_a_version_4_client_packet() {
        let r = request(T1);
        assert_eq!(r.len(), 48);
        assert_eq!(r[0], 0x23);
        assert!(r[1..40].iter().all(|b| *b == 0));
        assert_eq!(u64::from_be_bytes(r[40..48].try_into().unwrap()), T1);
    }

    #[test]
    fn offset_and_round_trip() {
        // The server is 10 s behind this machine; 20 ms each way, 5 ms inside the server.
        let ms = SECOND / 1000;
        let t2 = T1 - 10 * SECOND + 20 * ms;
        let t3 = t2 + 5 * ms;
        let t4 = T1 + 45 * ms;
        let got = parse_reply(&answer(SERVER, 2, T1, t2, t3), T1, t4).unwrap();
        assert_eq!(got, Reply::Time { local_minus_reference_ms: 10_000, rtt_ms: 40, stratum: 2 });
        // And 400 days ahead of this machine, across nothing in particular.
        let ahead = 400 * 86_400 * SECOND;
        let got = parse_reply(&answer(SERVER, 1, T1, T1 + ahead, T1 + ahead), T1, T1).unwrap();
        assert_eq!(got, Reply::Time { local_minus_reference_ms: -400 * 86_400_000, rtt_ms: 0, stratum: 1 });
    }

    #[test]
    fn an_era_boundary_is_crossed() {
        let before = 0xffff_ffff_0000_0000; // one second before the 2036 wrap
        let after = 0x0000_0001_0000_0000; // one second after it
        let got = parse_reply(&answer(SERVER, 1, before, after, after), before, before).unwrap();
        assert_eq!(got, Reply::Time { local_minus_reference_ms: -2_000, rtt_ms: 0, stratum: 1 });
    }

    #[test]
    fn version_3_answers_are_read() {
        let got = parse_reply(&answer(3 << 3 | 4, 3, T1, T1, T1), T1, T1).unwrap();
        assert!(matches!(got, Reply::Time { stratum: 3, .. }));
    }

    #[test]
    fn unsynchronised_servers() {
        // Kiss-o'-death (stratum 0, "RATE" in the reference id), stratum 16, leap indicator 3.
        let mut kod = answer(SERVER, 0, T1, 0, 0);
        kod[12..16].copy_from_slice(b"RATE");
        assert_eq!(parse_reply(&kod, T1, T1), Ok(Reply::Unsynchronised { stratum: 0 }));
        assert_eq!(parse_reply(&answer(SERVER, 16, T1, T1, T1), T1, T1), Ok(Reply::Unsynchronised { stratum: 16 }));
        let alarm = 3 << 6 | SERVER;
        assert_eq!(parse_reply(&answer(alarm, 2, T1, T1, T1), T1, T1), Ok(Reply::Unsynchronised { stratum: 2 }));
    }

    #[test]
    fn malformed_and_foreign_answers() {
        assert_eq!(parse_reply(&[], T1, T1), Err(ReplyError::Short(0)));
        assert_eq!(parse_reply(&answer(SERVER, 1, T1, T1, T1)[..47], T1, T1), Err(ReplyError::Short(47)));
        // Our own request reflected back (mode 3), a broadcast (mode 5), version 0 and 7.
        assert_eq!(parse_reply(&request(T1), T1, T1), Err(ReplyError::NotServer { version: 4, mode: 3 }));
        assert!(matches!(parse_reply(&answer(4 << 3 | 5, 1, T1, T1, T1), T1, T1), Err(ReplyError::NotServer { .. })));
        assert!(matches!(parse_reply(&answer(4, 1, T1, T1, T1), T1, T1), Err(ReplyError::NotServer { .. })));
        assert!(matches!(parse_reply(&answer(7 << 3 | 4, 1, T1, T1, T1), T1, T1), Err(ReplyError::NotServer { .. })));
        assert_eq!(parse_reply(&answer(SERVER, 1, T1 + 1, T1, T1), T1, T1), Err(ReplyError::WrongOrigin));
        assert_eq!(parse_reply(&answer(SERVER, 1, T1, T1, 0), T1, T1), Err(ReplyError::NoTransmitTime));
        // Garbage of every length never panics; long packets (extensions) are read.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..200 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state.to_le_bytes()[0]
                })
                .collect();
            let _ = parse_reply(&bytes, T1, T1);
        }
        let mut long = answer(SERVER, 2, T1, T1, T1);
        long.extend([0u8; 20]);
        assert!(parse_reply(&long, T1, T1).is_ok());
    }

    #[test]
    fn ntp_time_counts_from_1900() {
        assert_eq!(ntp_time(UNIX_EPOCH) >> 32, NTP_UNIX_OFFSET);
        let half = UNIX_EPOCH + Duration::from_millis(500);
        assert_eq!(ntp_time(half) & 0xffff_ffff, 1 << 31);
    }

    #[test]
    fn servers_are_names_or_addresses_with_a_port() {
        let s = |t: &str| split_server(t);
        assert_eq!(s("ntp.nict.jp"), Some(("ntp.nict.jp".into(), 123)));
        assert_eq!(s("Time.Google.com:1234"), Some(("time.google.com".into(), 1234)));
        assert_eq!(s("127.0.0.1:12300"), Some(("127.0.0.1".into(), 12300)));
        assert_eq!(s("[::1]:999"), Some(("::1".into(), 999)));
        assert_eq!(s("2001:db8::1"), Some(("2001:db8::1".into(), 123)));
        for bad in ["", "a b", "host:0", "host:x", "[::1", "[nope]:1", ":123"] {
            assert_eq!(s(bad), None, "{bad}");
        }
    }

    /// A loopback SNTP server that answers one request with `stale` answers to some other
    /// request, then the true answer padded to `len` bytes.
    fn server(stale: usize, len: usize) -> String {
        #[expect(clippy::disallowed_methods, reason = "the test's own loopback server")]
        let socket = std::net::UdpSocket::bind(("127.0.0.1", 0)).unwrap();
        let address = socket.local_addr().unwrap().to_string();
        std::thread::spawn(move || {
            let mut request = [0u8; 512];
            let (_, client) = socket.recv_from(&mut request).unwrap();
            let sent = u64::from_be_bytes(request[40..48].try_into().unwrap());
            let now = ntp_time(SystemTime::now());
            for _ in 0..stale {
                socket.send_to(&answer(SERVER, 2, sent ^ 1, now, now), client).unwrap();
            }
            let mut true_answer = answer(SERVER, 2, sent, now, now);
            true_answer.resize(len.max(PACKET_LEN), 0);
            socket.send_to(&true_answer, client).unwrap();
        });
        address
    }

    #[tokio::test]
    async fn datagrams_are_read_at_most_eight_per_query_and_512_bytes_each() {
        let gate = Gate::new(std::sync::Arc::new(crate::policy::Enforced::permissive()));
        let ask = |server: String| query(&gate, server, Deadline::now() + Duration::from_secs(5));
        // The true answer is the last datagram read.
        let sample = ask(server(MAX_DATAGRAMS - 1, PACKET_LEN)).await;
        assert!(matches!(sample.outcome, SntpOutcome::Answered { stratum: 2, .. }), "{sample:?}");
        // One datagram too many: the true answer is never read.
        let sample = ask(server(MAX_DATAGRAMS, PACKET_LEN)).await;
        assert_eq!(sample.outcome, SntpOutcome::Failed { detail: "only answers to other requests arrived".into() });
        // A datagram eight times the limit: its first DATAGRAM_LIMIT bytes are read, the rest
        // dropped.
        let sample = ask(server(0, DATAGRAM_LIMIT * 8)).await;
        assert!(matches!(sample.outcome, SntpOutcome::Answered { .. }), "{sample:?}");
    }

    #[tokio::test]
    async fn a_silent_server_times_out_within_the_budget() {
        #[expect(clippy::disallowed_methods, reason = "the test's own silent loopback server")]
        let silent = std::net::UdpSocket::bind(("127.0.0.1", 0)).unwrap();
        let server = silent.local_addr().unwrap().to_string();
        let started = Instant::now();
        let sample = query(
            &Gate::new(std::sync::Arc::new(crate::policy::Enforced::permissive())),
            server,
            Deadline::now() + Duration::from_secs(10),
        )
        .await;
        assert_eq!(sample.outcome, SntpOutcome::TimedOut);
        assert!(started.elapsed() < ANSWER_BUDGET + Duration::from_millis(500));
        drop(silent);
    }
}
