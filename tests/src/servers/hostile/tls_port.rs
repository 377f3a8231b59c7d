//! What a hostile TLS port does with a ClientHello.

use std::io;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::runtime::Handle;

use super::{Noise, trickle};
use crate::servers::{self, IDLE, plaintext};

/// Seeds whose noise starts below 0x80 and at or above it: a client that takes any first
/// byte ≥ 0x80 for an SSL 2.0 record header (and so for TLS) is caught by the second.
pub const SEED_LOW_FIRST_BYTE: u64 = 5;
pub const SEED_HIGH_FIRST_BYTE: u64 = 1;

/// The start of a TLS 1.2 ServerHello record: a handshake record (22) of version 3.3, then a
/// ServerHello (2). A client sees TLS arrive, and waits for the rest.
const SERVER_HELLO_START: &[u8] = &[0x16, 0x03, 0x03, 0x00, 0x5a, 0x02, 0x00, 0x00, 0x56, 0x03, 0x03];

/// A fatal `handshake_failure` alert (RFC 8446 §6: level 2, description 40) in a TLS 1.2 record.
const FATAL_ALERT: &[u8] = &[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlsPort {
    /// Accepts, reads whatever comes, and never says a word.
    Silent,
    /// Answers the ClientHello with the start of a ServerHello, one byte a second.
    Trickle,
    /// Answers the ClientHello with `bytes` bytes of noise from `seed`, then closes.
    Garbage { seed: u64, bytes: usize },
    /// Answers the ClientHello with noise from `seed`, as fast as the client takes it, forever.
    GarbageEndless { seed: u64 },
    /// Resets the connection as soon as it is accepted, before reading anything.
    ResetAtOnce,
    /// Answers the ClientHello with a fatal alert, then closes.
    FatalAlert,
}

/// Starts a server that does `behaviour` on every connection; its port.
pub fn spawn(handle: &Handle, behaviour: TlsPort) -> io::Result<u16> {
    if behaviour == TlsPort::Silent {
        return plaintext::spawn_silent(handle);
    }
    servers::spawn_server(handle, move |stream| async move {
        let _ = tokio::time::timeout(IDLE, answer(stream, behaviour)).await;
    })
}

async fn answer(mut stream: TcpStream, behaviour: TlsPort) {
    if behaviour == TlsPort::ResetAtOnce {
        let _ = stream.set_zero_linger();
        return;
    }
    let mut hello = vec![0u8; 4096];
    if !matches!(stream.read(&mut hello).await, Ok(n) if n > 0) {
        return;
    }
    match behaviour {
        TlsPort::Silent | TlsPort::ResetAtOnce => {}
        TlsPort::Trickle => trickle(&mut stream, SERVER_HELLO_START).await,
        TlsPort::Garbage { seed, bytes } => {
            if stream.write_all(&Noise::new(seed).bytes(bytes)).await.is_ok() {
                close_gently(stream).await;
            }
        }
        TlsPort::GarbageEndless { seed } => {
            let mut noise = Noise::new(seed);
            while stream.write_all(&noise.bytes(16 * 1024)).await.is_ok() {}
        }
        TlsPort::FatalAlert => {
            if stream.write_all(FATAL_ALERT).await.is_ok() {
                close_gently(stream).await;
            }
        }
    }
}

/// Closes our side and reads what the client still sends: closing with unread data would
/// send a reset, which can make the client's system drop what we wrote.
async fn close_gently(mut stream: TcpStream) {
    if stream.shutdown().await.is_ok() {
        let mut buf = [0u8; 4096];
        while matches!(stream.read(&mut buf).await, Ok(n) if n > 0) {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeds_start_where_they_say() {
        let first = |seed| Noise::new(seed).bytes(1)[0];
        assert!(first(SEED_LOW_FIRST_BYTE) < 0x80);
        assert!(first(SEED_HIGH_FIRST_BYTE) >= 0x80);
        // Neither starts like a TLS record (content types 20–23).
        for seed in [SEED_LOW_FIRST_BYTE, SEED_HIGH_FIRST_BYTE] {
            assert!(!(0x14..=0x17).contains(&first(seed)));
        }
    }
}
