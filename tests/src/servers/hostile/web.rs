//! Web servers that misbehave after reading the request: the plain-http servers a certificate
//! names (AIA caIssuers, OCSP, CRL; RFC 5280 §4.2.2.1, RFC 6960, §4.2.1.13), the
//! captive-portal check URL, and the autoconfig server (HTTPS on port 443 of a loopback
//! address of its own, like `servers::autoconfig`).

use std::io;
use std::net::Ipv4Addr;
use std::sync::Arc;

use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::runtime::Handle;
use tokio_rustls::TlsAcceptor;

use super::trickle;
use crate::LabError;
use crate::pki::Leaf;
use crate::servers::{self, IDLE, autoconfig, http};

/// The chunk an endless chunked body repeats: 1 KiB, its size in hex first (RFC 9112 §7.1).
const CHUNK: usize = 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Misbehaviour {
    /// `200 OK` with neither a length nor chunks, then bytes for as long as the client reads.
    Endless,
    /// `302 Found` to the next URL of a chain of redirects that never ends.
    RedirectLoop,
    /// A `200 OK` answer, one byte a second.
    Trickle,
    /// `200 OK`, chunked, whose first chunk size is this hex number (at or just below 2^64,
    /// where `size + 2` overflows), then a little data, then the end of the connection.
    ChunkOverflow(&'static str),
    /// `200 OK`, chunked, in 1 KiB chunks, forever.
    EndlessChunks,
}

/// Where a redirect chain's links point: `/loop/N`.
const LOOP_PATH: &str = "/loop/";

/// Starts a plain-http server that does `behaviour` to every request; its port.
pub fn spawn_http(handle: &Handle, behaviour: Misbehaviour) -> io::Result<u16> {
    servers::spawn_server(handle, move |stream| async move {
        let _ = tokio::time::timeout(IDLE, misbehave(stream, behaviour)).await;
    })
}

/// Starts an HTTPS server on port 443 of a free 127.5.0.0/16 address, presenting `leaf`, that
/// does `behaviour` to every request; the address. Needs root (or CAP_NET_BIND_SERVICE).
pub fn spawn_https_443(handle: &Handle, leaf: &Leaf, behaviour: Misbehaviour) -> Result<Ipv4Addr, LabError> {
    let acceptor = TlsAcceptor::from(Arc::new(servers::tls::single(leaf)?));
    let (listener, ip) = autoconfig::bind_443()?;
    let listener = {
        let _entered = handle.enter();
        tokio::net::TcpListener::from_std(listener)?
    };
    servers::serve(handle, listener, move |stream| {
        let acceptor = acceptor.clone();
        async move {
            let Ok(Ok(tls)) = tokio::time::timeout(IDLE, acceptor.accept(stream)).await else { return };
            let _ = tokio::time::timeout(IDLE, misbehave(tls, behaviour)).await;
        }
    });
    Ok(ip)
}

async fn misbehave<S: AsyncRead + AsyncWrite + Unpin>(mut stream: S, behaviour: Misbehaviour) {
    let Some(request) = http::read_request_head(&mut stream).await else { return };
    let ok_head = |framing: &str| {
        format!(
            "HTTP/1.1 200 OK\r\nDate: {}\r\nServer: tls-doctor-lab-hostile\r\nContent-Type: application/octet-stream\r\n\
             {framing}Connection: close\r\n\r\n",
            http::imf_fixdate(std::time::SystemTime::now().into())
        )
    };
    match behaviour {
        Misbehaviour::Endless => {
            if stream.write_all(ok_head("").as_bytes()).await.is_ok() {
                let block = [b'x'; 16 * 1024];
                while stream.write_all(&block).await.is_ok() {}
            }
        }
        Misbehaviour::RedirectLoop => {
            let next = next_link(http::request_target(&request).unwrap_or("/"));
            let answer =
                format!("HTTP/1.1 302 Found\r\nLocation: {next}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            if stream.write_all(answer.as_bytes()).await.is_ok() {
                let _ = stream.shutdown().await;
            }
        }
        Misbehaviour::Trickle => trickle(&mut stream, ok_head("Content-Length: 16\r\n").as_bytes()).await,
        Misbehaviour::ChunkOverflow(size) => {
            let mut answer = ok_head("Transfer-Encoding: chunked\r\n").into_bytes();
            answer.extend_from_slice(format!("{size}\r\n").as_bytes());
            answer.extend_from_slice(&[b'x'; CHUNK]);
            if stream.write_all(&answer).await.is_ok() {
                let _ = stream.shutdown().await;
            }
        }
        Misbehaviour::EndlessChunks => {
            if stream.write_all(ok_head("Transfer-Encoding: chunked\r\n").as_bytes()).await.is_ok() {
                let mut chunk = format!("{CHUNK:x}\r\n").into_bytes();
                chunk.extend_from_slice(&[b'x'; CHUNK]);
                chunk.extend_from_slice(b"\r\n");
                while stream.write_all(&chunk).await.is_ok() {}
            }
        }
    }
}

/// The link after `target` in an endless chain: `/loop/N` → `/loop/N+1`; anything else →
/// `/loop/1`.
fn next_link(target: &str) -> String {
    let n = target.strip_prefix(LOOP_PATH).and_then(|n| n.parse::<u64>().ok()).unwrap_or(0);
    format!("{LOOP_PATH}{}", n.saturating_add(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_lead_on_forever() {
        assert_eq!(next_link("/generate_204"), "/loop/1");
        assert_eq!(next_link("/loop/1"), "/loop/2");
        assert_eq!(next_link("/loop/41"), "/loop/42");
    }
}
