//! A nameserver that never answers: it reads every UDP query and every TCP connection (RFC
//! 1035 §4.2) and says nothing, as a resolver behind a broken firewall or a dead DNS server
//! does. It counts the queries, so a test can tell that a client really asked it.
//!
//! Or one that is silent only for addresses: it relays every other query to a zone server
//! (the lab's `servers::dns`) and drops the A and AAAA ones, so that a mail domain's SRV
//! records are found and the servers they name never resolve.

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};

use tokio::io::AsyncReadExt;
use tokio::runtime::Handle;

use crate::LabError;

/// A silent nameserver on the lab's runtime.
#[derive(Clone, Debug)]
pub struct SilentDns {
    address: SocketAddr,
    queries: Arc<AtomicUsize>,
}

/// QTYPE A and AAAA (RFC 1035 §3.2.2, RFC 3596 §2.1).
const ADDRESS_TYPES: [u16; 2] = [1, 28];

/// How long a relayed query waits for the zone server.
const RELAY_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

impl SilentDns {
    /// On 127.0.0.1, UDP and TCP on the same port the system chose (for `--dns-server`).
    pub fn start(handle: &Handle) -> io::Result<Self> {
        // The port is chosen for UDP; TCP binds the same one, which another process may hold:
        // then try another.
        let mut last = None;
        for _ in 0..16 {
            let udp = std::net::UdpSocket::bind((Ipv4Addr::LOCALHOST, 0))?;
            let address = udp.local_addr()?;
            match std::net::TcpListener::bind(address) {
                Ok(tcp) => return Self::serve_relaying(handle, udp, tcp, None),
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("no port free for UDP and TCP")))
    }

    /// On port 53 of a free 127.53.0.0/16 address, where a resolv.conf `nameserver` line can
    /// point (it names no port). Binding port 53 needs root (or CAP_NET_BIND_SERVICE).
    /// With `relay`, only address queries go unanswered: the others are relayed there.
    pub fn start_on_port_53(handle: &Handle, relay: Option<SocketAddr>) -> Result<Self, LabError> {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let start = std::process::id().wrapping_mul(89).wrapping_add(NEXT.fetch_add(1, Ordering::Relaxed) * 5);
        let mut last = None;
        for i in 0..256u32 {
            let n = start.wrapping_add(i) % 65_000 + 1;
            let ip = Ipv4Addr::new(127, 53, (n >> 8) as u8, (n & 0xff) as u8);
            let address = SocketAddr::new(IpAddr::V4(ip), 53);
            let udp = match std::net::UdpSocket::bind(address) {
                Ok(udp) => udp,
                Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                    return Err(LabError::new(format!(
                        "the silent nameserver needs port 53 on {ip} and may not bind it ({e}): run the \
                         hostile tests as root, or give the test binary CAP_NET_BIND_SERVICE"
                    )));
                }
                Err(e) => {
                    last = Some(e);
                    continue;
                }
            };
            match std::net::TcpListener::bind(address) {
                Ok(tcp) => return Ok(Self::serve_relaying(handle, udp, tcp, relay)?),
                Err(e) => last = Some(e),
            }
        }
        Err(LabError::new(format!("no free address in 127.53.0.0/16 for port 53: {last:?}")))
    }

    fn serve_relaying(
        handle: &Handle,
        udp: std::net::UdpSocket,
        tcp: std::net::TcpListener,
        relay: Option<SocketAddr>,
    ) -> io::Result<Self> {
        let address = udp.local_addr()?;
        udp.set_nonblocking(true)?;
        tcp.set_nonblocking(true)?;
        let queries = Arc::new(AtomicUsize::new(0));
        let _entered = handle.enter();
        let udp = Arc::new(tokio::net::UdpSocket::from_std(udp)?);
        let tcp = tokio::net::TcpListener::from_std(tcp)?;
        let counted = queries.clone();
        handle.spawn(async move {
            let mut buf = [0u8; 4096];
            loop {
                match udp.recv_from(&mut buf).await {
                    Ok((n, from)) => {
                        let query = buf.get(..n).unwrap_or_default();
                        match relay {
                            Some(upstream) if !query_type(query).is_some_and(|t| ADDRESS_TYPES.contains(&t)) => {
                                tokio::spawn(relay_one(udp.clone(), query.to_vec(), from, upstream));
                            }
                            _ => {
                                counted.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                    }
                    // The socket itself is fine; do not spin on a passing error.
                    Err(_) => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
                }
            }
        });
        let counted = queries.clone();
        crate::servers::serve(handle, tcp, move |mut stream| {
            let counted = counted.clone();
            async move {
                counted.fetch_add(1, Ordering::Relaxed);
                let mut buf = [0u8; 4096];
                while matches!(stream.read(&mut buf).await, Ok(n) if n > 0) {}
            }
        });
        Ok(Self { address, queries })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// UDP queries and TCP connections received and left unanswered so far.
    pub fn queries(&self) -> usize {
        self.queries.load(Ordering::Relaxed)
    }
}

/// Asks `upstream` the `query` a client sent from `from`, and hands the answer back.
async fn relay_one(socket: Arc<tokio::net::UdpSocket>, query: Vec<u8>, from: SocketAddr, upstream: SocketAddr) {
    let Ok(out) = tokio::net::UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).await else { return };
    if out.send_to(&query, upstream).await.is_err() {
        return;
    }
    let mut answer = [0u8; 4096];
    if let Ok(Ok((n, _))) = tokio::time::timeout(RELAY_WAIT, out.recv_from(&mut answer)).await {
        let _ = socket.send_to(answer.get(..n).unwrap_or_default(), from).await;
    }
}

/// The QTYPE of a query's first question: after the 12-byte header, the QNAME's labels (each
/// a length byte and that many bytes; no compression in a question), then QTYPE.
fn query_type(packet: &[u8]) -> Option<u16> {
    let mut at = 12;
    loop {
        let len = usize::from(*packet.get(at)?);
        at += 1;
        if len == 0 {
            break;
        }
        if len > 63 {
            return None;
        }
        at += len;
    }
    Some(u16::from_be_bytes([*packet.get(at)?, *packet.get(at + 1)?]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_question_type_is_read() {
        // ID, flags, one question, then `a.jp A IN`.
        let mut query = vec![0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
        query.extend_from_slice(&[1, b'a', 2, b'j', b'p', 0, 0, 1, 0, 1]);
        assert_eq!(query_type(&query), Some(1));
        query[18] = 0x00;
        query[19] = 33;
        assert_eq!(query_type(&query), Some(33));
        assert_eq!(query_type(&query[..15]), None);
        assert_eq!(query_type(&[0; 4]), None);
    }
}
