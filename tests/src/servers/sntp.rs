//! The lab's SNTP server (RFC 4330 §5, the server side): UDP on 127.0.0.1, answering each
//! client request (mode 3) with its own clock shifted by a chosen offset, or with a
//! kiss-o'-death (stratum 0, `RATE`) that a client must not take the time from.

use std::io;
use std::net::SocketAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::net::UdpSocket;
use tokio::runtime::Handle;

/// How the server answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SntpMode {
    /// A synchronised stratum-1 server whose clock is the real one plus `offset_ms`
    /// (negative: behind). A client's `local_minus_reference_ms` is then `-offset_ms`.
    Shifted { offset_ms: i64 },
    /// Kiss-o'-death: leap indicator 3, stratum 0, reference id `RATE`.
    KissOfDeath,
}

/// The true time (no offset), as the lab lists it (`sntp-true`).
pub const TRUE_TIME: SntpMode = SntpMode::Shifted { offset_ms: 0 };

const PACKET_LEN: usize = 48;
/// Seconds from 1900 (NTP era 0) to 1970.
const NTP_UNIX_OFFSET: i128 = 2_208_988_800;

/// Binds a UDP port on 127.0.0.1 and answers every request on it until the runtime stops.
pub fn spawn(handle: &Handle, mode: SntpMode) -> io::Result<SocketAddr> {
    let std_socket = std::net::UdpSocket::bind(("127.0.0.1", 0))?;
    std_socket.set_nonblocking(true)?;
    let address = std_socket.local_addr()?;
    let _entered = handle.enter();
    let socket = UdpSocket::from_std(std_socket)?;
    handle.spawn(async move {
        let mut buf = [0u8; 512];
        loop {
            let Ok((n, peer)) = socket.recv_from(&mut buf).await else {
                // An ICMP error from an earlier answer's peer: the socket itself is fine.
                tokio::time::sleep(Duration::from_millis(5)).await;
                continue;
            };
            let received = now_ntp(mode);
            if let Some(answer) = buf.get(..n).and_then(|request| answer(request, received, mode)) {
                let _ = socket.send_to(&answer, peer).await;
            }
        }
    });
    Ok(address)
}

/// The answer to one request received at `received` (already shifted); `None` for anything
/// that is not a client request.
pub fn answer(request: &[u8], received: u64, mode: SntpMode) -> Option<[u8; PACKET_LEN]> {
    let request = request.get(..PACKET_LEN)?;
    let version = (request[0] >> 3) & 0x07;
    if request[0] & 0x07 != 3 || !(1..=4).contains(&version) {
        return None;
    }
    let mut p = [0u8; PACKET_LEN];
    let (leap, stratum, reference_id) = match mode {
        SntpMode::Shifted { .. } => (0u8, 1u8, *b"LAB\0"),
        SntpMode::KissOfDeath => (3, 0, *b"RATE"),
    };
    p[0] = leap << 6 | version << 3 | 4;
    p[1] = stratum;
    p[2] = request[2]; // poll, copied
    p[3] = (-20i8).to_be_bytes()[0]; // precision: about a microsecond
    p[12..16].copy_from_slice(&reference_id);
    // Originate: the client's transmit timestamp, echoed.
    p[24..32].copy_from_slice(&request[40..48]);
    if mode != SntpMode::KissOfDeath {
        let transmit = now_ntp(mode);
        p[16..24].copy_from_slice(&received.to_be_bytes()); // reference: just now
        p[32..40].copy_from_slice(&received.to_be_bytes());
        p[40..48].copy_from_slice(&transmit.to_be_bytes());
    }
    Some(p)
}

/// The server's clock as an NTP timestamp.
fn now_ntp(mode: SntpMode) -> u64 {
    let offset_ms = match mode {
        SntpMode::Shifted { offset_ms } => offset_ms,
        SntpMode::KissOfDeath => 0,
    };
    let unix_ns = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos()) as i128;
    let ns = unix_ns + i128::from(offset_ms) * 1_000_000 + NTP_UNIX_OFFSET * 1_000_000_000;
    let seconds = (ns.div_euclid(1_000_000_000) as u64) & 0xffff_ffff;
    let fraction = ((ns.rem_euclid(1_000_000_000) as u64) << 32) / 1_000_000_000;
    seconds << 32 | fraction
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(transmit: u64) -> [u8; PACKET_LEN] {
        let mut r = [0u8; PACKET_LEN];
        r[0] = 4 << 3 | 3;
        r[40..48].copy_from_slice(&transmit.to_be_bytes());
        r
    }

    #[test]
    fn answers_echo_the_request_and_carry_the_shifted_time() {
        let shift = SntpMode::Shifted { offset_ms: -30 * 86_400_000 };
        let received = now_ntp(shift);
        let a = answer(&request(0x1234), received, shift).unwrap();
        assert_eq!(a[0], 4 << 3 | 4);
        assert_eq!(a[1], 1);
        assert_eq!(u64::from_be_bytes(a[24..32].try_into().unwrap()), 0x1234);
        let true_now = now_ntp(TRUE_TIME) >> 32;
        let behind = true_now - (u64::from_be_bytes(a[40..48].try_into().unwrap()) >> 32);
        assert!((30 * 86_400 - 1..=30 * 86_400 + 1).contains(&behind), "{behind}");

        let kod = answer(&request(7), received, SntpMode::KissOfDeath).unwrap();
        assert_eq!((kod[0] >> 6, kod[1], &kod[12..16]), (3, 0, &b"RATE"[..]));
        assert_eq!(u64::from_be_bytes(kod[24..32].try_into().unwrap()), 7);
    }

    #[test]
    fn only_client_requests_are_answered() {
        let mut server = request(1);
        server[0] = 4 << 3 | 4;
        assert_eq!(answer(&server, 0, TRUE_TIME), None);
        assert_eq!(answer(&request(1)[..47], 0, TRUE_TIME), None);
    }
}
