//! An autoconfig server for one test: HTTPS on port 443 (the only port mail apps ask) of a
//! loopback address of its own in 127.5.0.0/16, presenting a lab leaf for
//! `autoconfig.DOMAIN`, and answering `GET /mail/config-v1.1.xml…` with the given document.
//! The lab DNS points `autoconfig.DOMAIN` at [`AutoconfigServer::ip`]. Binding port 443 needs
//! root (or CAP_NET_BIND_SERVICE); without it, `start` fails saying so.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use tokio::io::AsyncWriteExt;
use tokio::runtime::Runtime;
use tokio_rustls::TlsAcceptor;

use super::{IDLE, http};
use crate::LabError;
use crate::pki::Leaf;

/// A running autoconfig server.
#[derive(Debug)]
pub struct AutoconfigServer {
    ip: Ipv4Addr,
    // Dropping the runtime stops the server.
    _runtime: Runtime,
}

impl AutoconfigServer {
    /// Serves `document` (with `leaf` for the TLS handshake) on `IP:443`.
    pub fn start(leaf: &Leaf, document: String) -> Result<Self, LabError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("lab-autoconfig")
            .enable_all()
            .build()?;
        let config = super::tls::single(leaf)?;
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let (listener, ip) = bind_443()?;
        let listener = {
            let _entered = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        let document = Arc::new(document);
        super::serve(runtime.handle(), listener, move |stream| {
            let acceptor = acceptor.clone();
            let document = document.clone();
            async move {
                let Ok(Ok(mut tls)) = tokio::time::timeout(IDLE, acceptor.accept(stream)).await else { return };
                let Some(head) = http::read_request_head(&mut tls).await else { return };
                let answer = match http::request_target(&head) {
                    Some(target) if target.starts_with("/mail/config-v1.1.xml") => {
                        http::response("200 OK", "text/xml; charset=utf-8", document.as_bytes())
                    }
                    _ => http::response("404 Not Found", "text/plain", b"not found\n"),
                };
                let _ = tls.write_all(&answer).await;
                let _ = tls.shutdown().await;
            }
        });
        Ok(Self { ip, _runtime: runtime })
    }

    /// The loopback address the server listens on, port 443.
    pub fn ip(&self) -> Ipv4Addr {
        self.ip
    }
}

/// Port 443 on the first free address of 127.5.0.0/16, starting from one that differs per
/// process and per call, so that concurrent tests (and test binaries) do not collide.
pub(crate) fn bind_443() -> Result<(std::net::TcpListener, Ipv4Addr), LabError> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let start = std::process::id().wrapping_mul(97).wrapping_add(NEXT.fetch_add(1, Ordering::Relaxed) * 7);
    let mut last = None;
    for i in 0..256u32 {
        let n = start.wrapping_add(i) % 65_000 + 1;
        let ip = Ipv4Addr::new(127, 5, (n >> 8) as u8, (n & 0xff) as u8);
        match std::net::TcpListener::bind(SocketAddr::new(IpAddr::V4(ip), 443)) {
            Ok(listener) => {
                listener.set_nonblocking(true)?;
                return Ok((listener, ip));
            }
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(LabError::new(format!(
                    "the autoconfig server needs port 443 on {ip} and may not bind it ({e}): run the mail \
                     and hostile tests as root, or give the test binary CAP_NET_BIND_SERVICE"
                )));
            }
            Err(e) => last = Some(e),
        }
    }
    Err(LabError::new(format!("no free address in 127.5.0.0/16 for port 443: {last:?}")))
}
