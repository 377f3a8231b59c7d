//! Servers that do not speak TLS: what a client meets when the port is wrong, a firewall
//! swallows the handshake, or something in the path cuts the connection.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::runtime::Handle;

use super::{IDLE, http};

/// The banner of a mail server, sent as soon as a client connects (RFC 5321 §4.2).
pub const SMTP_BANNER: &str = "220 lab.test ESMTP Postfix\r\n";

/// Plain HTTP: answers the first bytes it gets, a ClientHello included, with
/// `400 Bad Request`, as nginx does when TLS reaches a port without `ssl`.
pub fn spawn_http(handle: &Handle) -> io::Result<u16> {
    super::spawn_server(handle, |mut stream| async move {
        if read_some(&mut stream).await.is_none() {
            return;
        }
        let body = b"<html><head><title>400 Bad Request</title></head><body>400 Bad Request</body></html>\r\n";
        let answer = http::response("400 Bad Request", "text/html", body);
        if stream.write_all(&answer).await.is_ok() {
            close_gently(stream).await;
        }
    })
}

/// A mail server: greets with [`SMTP_BANNER`], then listens without answering.
pub fn spawn_smtp(handle: &Handle) -> io::Result<u16> {
    super::spawn_server(handle, |mut stream| async move {
        if stream.write_all(SMTP_BANNER.as_bytes()).await.is_ok() {
            drain(&mut stream, IDLE).await;
        }
    })
}

/// Accepts and never says a word, holding the connection until the client leaves: what a
/// client sees behind a firewall that lets the TCP handshake through and drops the rest.
pub fn spawn_silent(handle: &Handle) -> io::Result<u16> {
    super::spawn_server(handle, |mut stream| async move {
        // No time limit: the client decides when to give up, as it must.
        let mut buf = [0u8; 4096];
        while matches!(stream.read(&mut buf).await, Ok(n) if n > 0) {}
    })
}

/// Reads the first bytes, then aborts the connection: with `SO_LINGER` set to zero, closing
/// sends a TCP RST instead of a FIN, as middleboxes that kill TLS do.
pub fn spawn_reset(handle: &Handle) -> io::Result<u16> {
    super::spawn_server(handle, |mut stream| async move {
        if read_some(&mut stream).await.is_some() {
            let _ = stream.set_zero_linger();
        }
        drop(stream);
    })
}

/// The first bytes the client sends. `None` when it closes or stays quiet.
async fn read_some(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut buf = vec![0u8; 4096];
    match tokio::time::timeout(IDLE, stream.read(&mut buf)).await {
        Ok(Ok(n)) if n > 0 => {
            buf.truncate(n);
            Some(buf)
        }
        _ => None,
    }
}

/// Closes our side, then reads whatever the client still sends until it closes too. Closing a
/// socket with unread data in it sends a reset, and a reset can make the client's system drop
/// our answer before the client has read it.
async fn close_gently(mut stream: TcpStream) {
    if stream.shutdown().await.is_ok() {
        drain(&mut stream, Duration::from_secs(5)).await;
    }
}

/// Discards what the client sends until it closes, or for `limit` at most.
async fn drain(stream: &mut TcpStream, limit: Duration) {
    let mut buf = [0u8; 4096];
    let _ = tokio::time::timeout(limit, async { while matches!(stream.read(&mut buf).await, Ok(n) if n > 0) {} }).await;
}
