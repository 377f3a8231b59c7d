//! MySQL / MariaDB TLS (MySQL client/server protocol, "Protocol::HandshakeV10" and
//! "Protocol::SSLRequest"): the server greets with a handshake packet whose capability flags
//! include `CLIENT_SSL` when it offers TLS; the client answers with a short SSLRequest packet
//! and starts the TLS handshake at once, without waiting for a reply.

use super::{Input, Protocol, Seen, Step, foreign, not_offered, printable, protocol_error, refused, upgraded};

/// A packet header: 3 bytes of length (little-endian) and a sequence number.
const HEADER: usize = 4;
/// The largest greeting read. A HandshakeV10 is about 80–120 bytes.
pub(crate) const PACKET_LIMIT: usize = 16 * 1024;
const CLIENT_LONG_PASSWORD: u32 = 0x0000_0001;
const CLIENT_PROTOCOL_41: u32 = 0x0000_0200;
const CLIENT_SSL: u32 = 0x0000_0800;
const CLIENT_SECURE_CONNECTION: u32 = 0x0000_8000;
/// The most a client packet may be, as announced in the SSLRequest: 16 MiB.
const MAX_PACKET: u32 = 0x0100_0000;
/// utf8_general_ci.
const CHARSET_UTF8: u8 = 33;

#[derive(Debug)]
pub(super) struct Mysql {
    sent: bool,
}

impl Mysql {
    pub(super) fn new() -> Self {
        Mysql { sent: false }
    }
}

impl Protocol for Mysql {
    fn advance(&mut self, input: &mut Input, seen: &mut Seen) -> Step {
        // After the SSLRequest the server says nothing: TLS starts. Bytes already here are not
        // part of any TLS handshake.
        if self.sent {
            return upgraded(input, seen);
        }
        let bytes = input.bytes();
        let Some(&[l0, l1, l2, _sequence]) = bytes.get(..HEADER) else { return Step::NeedMore };
        let length = usize::from(l0) | usize::from(l1) << 8 | usize::from(l2) << 16;
        if length == 0 || length > PACKET_LIMIT {
            return foreign(seen, bytes, "the greeting is not a MySQL packet");
        }
        let Some(payload) = bytes.get(HEADER..HEADER + length) else { return Step::NeedMore };
        let step = match payload.first() {
            Some(10) => match Handshake::parse(payload) {
                Some(handshake) => {
                    let greeting = format!("MySQL {}", handshake.version);
                    seen.greet(&greeting);
                    let ssl = handshake.capabilities & CLIENT_SSL != 0;
                    seen.server(&format!(
                        "Handshake v10 {greeting}{}",
                        if ssl { " (CLIENT_SSL)" } else { " (no CLIENT_SSL)" }
                    ));
                    seen.advertised = Some(ssl);
                    if ssl {
                        self.sent = true;
                        seen.client("SSLRequest");
                        Step::Send(ssl_request())
                    } else {
                        not_offered(None)
                    }
                }
                None => protocol_error("a truncated MySQL handshake packet"),
            },
            // An ERR packet instead of the greeting: `0xff`, a 2-byte error code, a message
            // (e.g. 1130 "Host '…' is not allowed to connect to this MySQL server").
            Some(0xff) => {
                let code = match payload.get(1..3) {
                    Some(&[low, high]) => u16::from_le_bytes([low, high]),
                    _ => 0,
                };
                let message = printable(payload.get(3..).unwrap_or_default());
                let message = message.strip_prefix('#').map_or(message.as_str(), |m| m.get(5..).unwrap_or_default());
                let reply = format!("ERROR {code}: {message}");
                seen.server(&reply);
                refused(&reply)
            }
            // Protocol 9 (MySQL before 3.22) has no TLS at all.
            Some(9) => {
                seen.greet("MySQL protocol 9");
                seen.server("Handshake v9");
                seen.advertised = Some(false);
                not_offered(None)
            }
            _ => foreign(seen, bytes, "the greeting is not a MySQL handshake"),
        };
        input.consume(HEADER + length);
        step
    }
}

/// What the greeting says about the server.
#[derive(Debug)]
struct Handshake {
    version: String,
    capabilities: u32,
}

impl Handshake {
    /// Protocol version 10, server version (NUL-terminated), connection id (4), auth data (8),
    /// filler (1), capability flags (lower 2 bytes), then optionally character set (1), status
    /// (2), capability flags (upper 2 bytes)…
    fn parse(payload: &[u8]) -> Option<Handshake> {
        let rest = payload.get(1..)?;
        let nul = rest.iter().position(|&b| b == 0)?;
        let version = printable(rest.get(..nul)?);
        let after = rest.get(nul + 1..)?;
        let &[l0, l1] = after.get(13..15)? else { return None };
        let &[u0, u1] = after.get(18..20).unwrap_or(&[0, 0]) else { return None };
        let capabilities = u32::from(u16::from_le_bytes([l0, l1])) | u32::from(u16::from_le_bytes([u0, u1])) << 16;
        Some(Handshake { version, capabilities })
    }
}

/// The SSLRequest packet, sequence 1: capability flags, max packet size, character set,
/// 23 zero bytes.
fn ssl_request() -> Vec<u8> {
    let flags = CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_SSL | CLIENT_SECURE_CONNECTION;
    let mut packet = vec![32, 0, 0, 1];
    packet.extend_from_slice(&flags.to_le_bytes());
    packet.extend_from_slice(&MAX_PACKET.to_le_bytes());
    packet.push(CHARSET_UTF8);
    packet.extend_from_slice(&[0; 23]);
    packet
}

#[cfg(test)]
mod tests {
    use tls_doctor_core::wire::{StarttlsOutcome, StarttlsProtocol};

    use crate::starttls::tests::{bytewise, run, run_then_close};

    const MYSQL: StarttlsProtocol = StarttlsProtocol::Mysql;

    /// A HandshakeV10 packet with `version` and the capability flags.
    fn handshake(version: &str, capabilities: u32) -> Vec<u8> {
        let mut payload = vec![10];
        payload.extend_from_slice(version.as_bytes());
        payload.push(0);
        payload.extend_from_slice(&[0x2a, 0, 0, 0]);
        payload.extend_from_slice(b"abcdefgh");
        payload.push(0);
        let caps = capabilities.to_le_bytes();
        payload.extend_from_slice(&caps[..2]);
        payload.push(255);
        payload.extend_from_slice(&[2, 0]);
        payload.extend_from_slice(&caps[2..]);
        payload.push(21);
        payload.extend_from_slice(&[0; 10]);
        payload.extend_from_slice(b"ijklmnopqrst\0mysql_native_password\0");
        let length = u32::try_from(payload.len()).unwrap_or(0).to_le_bytes();
        let mut packet = vec![length[0], length[1], length[2], 0];
        packet.extend_from_slice(&payload);
        packet
    }

    #[test]
    fn mysql_8() {
        let greeting = handshake("8.0.36-0ubuntu0.22.04.1", 0xdfff_ffff);
        for r in [run(MYSQL, &[&greeting]), bytewise(MYSQL, &[&greeting])] {
            assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
            assert_eq!(r.starttls.greeting.as_deref(), Some("MySQL 8.0.36-0ubuntu0.22.04.1"));
            assert_eq!(r.starttls.advertised, Some(true));
            let request = &r.sent_bytes[0];
            assert_eq!(request.len(), 36);
            assert_eq!(&request[..4], &[32, 0, 0, 1]);
            assert_eq!(request[5] & 0x08, 0x08, "CLIENT_SSL");
            assert_eq!(request[12], 33);
            assert_eq!(r.starttls.transcript.last().map(String::as_str), Some("C: SSLRequest"));
        }
    }

    #[test]
    fn mariadb_without_ssl() {
        let r = run(MYSQL, &[&handshake("5.5.5-10.11.6-MariaDB-0+deb12u1", 0xa0ff_f7ff)]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::NotOffered { reply: None });
        assert_eq!(r.starttls.advertised, Some(false));
        assert!(r.sent.is_empty());
    }

    #[test]
    fn host_not_allowed() {
        let message = b"\xffj\x04Host '192.0.2.1' is not allowed to connect to this MySQL server";
        let mut packet = vec![u8::try_from(message.len()).unwrap_or(0), 0, 0, 0];
        packet.extend_from_slice(message);
        let r = run(MYSQL, &[&packet]);
        assert_eq!(
            r.starttls.outcome,
            StarttlsOutcome::Refused {
                reply: "ERROR 1130: Host '192.0.2.1' is not allowed to connect to this MySQL server".into()
            }
        );
    }

    #[test]
    fn errors() {
        let r = run(MYSQL, &[b"SSH-2.0-OpenSSH_9.6\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        assert_eq!(r.starttls.greeting.as_deref(), Some("SSH-2.0-OpenSSH_9.6"));
        let r = run(MYSQL, &[b"\x04\x00\x00\x00\x0a8.0"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let mut extra = handshake("8.0.36", 0x0000_0800);
        extra.extend_from_slice(b"\x01\x00\x00\x01\x00");
        let r = run(MYSQL, &[&extra]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let r = run_then_close(MYSQL, &[&handshake("8.0.36", 0x800)[..20]], false);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Closed);
    }

    #[test]
    fn a_packet_longer_than_the_limit_is_not_mysql() {
        let head = |length: usize| {
            let [b0, b1, b2, _] = u32::try_from(length).unwrap().to_le_bytes();
            vec![b0, b1, b2, 0, 10, b'8']
        };
        // At the limit, the rest of the greeting is waited for.
        assert_eq!(run(MYSQL, &[&head(super::PACKET_LIMIT)]).starttls.outcome, StarttlsOutcome::TimedOut);
        let r = run(MYSQL, &[&head(super::PACKET_LIMIT + 1)]);
        assert_eq!(
            r.starttls.outcome,
            StarttlsOutcome::ProtocolError { detail: "the greeting is not a MySQL packet".into() }
        );
    }
}
