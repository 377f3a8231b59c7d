//! Servers that behave as an attacker would (issue 12), for the host's hostile tests: each one
//! does one thing a real client must survive — say nothing, say it one byte a second, say
//! random bytes, never stop talking, or lie about sizes — so that a test can show `tls-doctor`
//! keeps its deadline, its memory and its composure.
//!
//! - [`tls_port`]: what answers a ClientHello (silence, a trickle, garbage, a reset, an alert).
//!   The huge chains and leaves are ordinary rustls servers with certificates from
//!   `pki::hostile`.
//! - [`starttls_port`]: SMTP and IMAP dialogues that never end, or end where they must not.
//! - [`web`]: the plain-http servers a certificate points to (AIA, OCSP, CRL), the captive-portal
//!   check URL, and the HTTPS autoconfig server, each misbehaving one of [`web::Misbehaviour`]'s
//!   ways.
//! - [`dns`]: a nameserver that reads every query and answers none.

pub mod dns;
pub mod starttls_port;
pub mod tls_port;
pub mod web;

use std::time::Duration;

use tokio::io::{AsyncWrite, AsyncWriteExt};

/// How fast a trickling server talks.
pub const TRICKLE_INTERVAL: Duration = Duration::from_secs(1);

/// Writes `bytes` one at a time, [`TRICKLE_INTERVAL`] apart, then keeps quiet (holding the
/// connection) until the client leaves or [`super::IDLE`] passes.
pub(crate) async fn trickle<W: AsyncWrite + Unpin>(out: &mut W, bytes: &[u8]) {
    for byte in bytes {
        if out.write_all(std::slice::from_ref(byte)).await.is_err() || out.flush().await.is_err() {
            return;
        }
        tokio::time::sleep(TRICKLE_INTERVAL).await;
    }
    tokio::time::sleep(super::IDLE).await;
}

/// Random bytes from a seed, the same on every run (SplitMix64: small, fast, and good enough
/// to look like noise; nothing here needs secrecy).
#[derive(Clone, Debug)]
pub struct Noise(u64);

impl Noise {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// The next `len` bytes.
    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(len + 8);
        while out.len() < len {
            out.extend_from_slice(&self.next_u64().to_le_bytes());
        }
        out.truncate(len);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_is_the_same_for_a_seed_and_differs_between_seeds() {
        assert_eq!(Noise::new(7).bytes(100), Noise::new(7).bytes(100));
        assert_ne!(Noise::new(7).bytes(100), Noise::new(8).bytes(100));
        // Roughly uniform: every byte value shows up in 64 KiB.
        let bytes = Noise::new(1).bytes(64 * 1024);
        let mut seen = [false; 256];
        bytes.iter().for_each(|b| seen[usize::from(*b)] = true);
        assert!(seen.iter().all(|s| *s));
    }
}
