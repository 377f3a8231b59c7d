//! A nameserver that never answers: it reads every UDP query and every TCP connection (RFC
//! 1035 §4.2) and says nothing, as a resolver behind a broken firewall or a dead DNS server
//! does. It counts the queries, so a test can tell that a client really asked it.

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
                Ok(tcp) => return Self::serve(handle, udp, tcp),
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("no port free for UDP and TCP")))
    }

    /// On port 53 of a free 127.53.0.0/16 address, where a resolv.conf `nameserver` line can
    /// point (it names no port). Binding port 53 needs root (or CAP_NET_BIND_SERVICE).
    pub fn start_on_port_53(handle: &Handle) -> Result<Self, LabError> {
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
                Ok(tcp) => return Ok(Self::serve(handle, udp, tcp)?),
                Err(e) => last = Some(e),
            }
        }
        Err(LabError::new(format!("no free address in 127.53.0.0/16 for port 53: {last:?}")))
    }

    fn serve(handle: &Handle, udp: std::net::UdpSocket, tcp: std::net::TcpListener) -> io::Result<Self> {
        let address = udp.local_addr()?;
        udp.set_nonblocking(true)?;
        tcp.set_nonblocking(true)?;
        let queries = Arc::new(AtomicUsize::new(0));
        let _entered = handle.enter();
        let udp = tokio::net::UdpSocket::from_std(udp)?;
        let tcp = tokio::net::TcpListener::from_std(tcp)?;
        let counted = queries.clone();
        handle.spawn(async move {
            let mut buf = [0u8; 4096];
            loop {
                match udp.recv_from(&mut buf).await {
                    Ok(_) => {
                        counted.fetch_add(1, Ordering::Relaxed);
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

    /// UDP queries and TCP connections received so far.
    pub fn queries(&self) -> usize {
        self.queries.load(Ordering::Relaxed)
    }
}
