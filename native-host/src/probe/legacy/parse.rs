//! The server's first flight, sans-IO: records in, the facts a version probe records out.
//!
//! Read: handshake (22) and alert (21) records only; anything else before the flight ends is
//! not TLS. Handshake messages are reassembled across records. Extracted: the ServerHello
//! (version, including the supported_versions extension; cipher suite; HelloRetryRequest), a
//! TLS ≤ 1.2 Certificate message, a DHE ServerKeyExchange's prime size, ServerHelloDone, and
//! the first alert. The flight ends at ServerHelloDone, an alert, or a TLS 1.3 ServerHello
//! (what follows it is encrypted).
//!
//! Everything is bounded: a record by RFC 5246 §6.2.3 (2^14 + 2048 bytes), the reassembled
//! handshake bytes by [`HANDSHAKE_LIMIT`], the records and messages by count, the chain by
//! [`CHAIN_LIMIT`] / [`CHAIN_BYTES_LIMIT`]. The Certificate message is read as it arrives
//! ([`CertificateReader`]): what is not kept is counted and passed over, so a message of any
//! size (up to its 24-bit length, 16 MiB) is measured without being held. Nothing here panics
//! on any input (fuzzed: `fuzz/fuzz_targets/first_flight.rs`).

use tls_doctor_core::tls;
use tls_doctor_core::wire::{CHAIN_BYTES_LIMIT, CHAIN_LIMIT, ProtocolVersion};

use super::hello::version_of;

const CONTENT_ALERT: u8 = 21;
const CONTENT_HANDSHAKE: u8 = 22;

const SERVER_HELLO: u8 = 2;
const HELLO_REQUEST: u8 = 0;
const CERTIFICATE: u8 = 11;
const SERVER_KEY_EXCHANGE: u8 = 12;
const SERVER_HELLO_DONE: u8 = 14;

const EXT_SUPPORTED_VERSIONS: u16 = 43;

/// The largest record body: TLSCiphertext may exceed 2^14 by 2048 (RFC 5246 §6.2.3).
pub const RECORD_LIMIT: usize = (1 << 14) + 2048;
/// The most handshake bytes held from one server: a chain at [`CHAIN_BYTES_LIMIT`] plus room
/// for the other messages of the flight. Certificates passed over do not count.
pub const HANDSHAKE_LIMIT: usize = CHAIN_BYTES_LIMIT + 64 * 1024;
/// The most records read: a full [`HANDSHAKE_LIMIT`] in full records needs 69; a server that
/// sends many tiny ones is not a server we need to understand.
pub const RECORD_COUNT_LIMIT: usize = 4096;
/// The most handshake messages in a first flight: ServerHello, Certificate, CertificateStatus,
/// ServerKeyExchange, CertificateRequest, ServerHelloDone, and a few HelloRequests.
pub const MESSAGE_COUNT_LIMIT: usize = 32;

/// The HelloRetryRequest's `random` (RFC 8446 §4.1.3: SHA-256 of "HelloRetryRequest").
const HELLO_RETRY_REQUEST_RANDOM: [u8; 32] = [
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91, 0xC2, 0xA2, 0x11,
    0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
];

/// What the server's first flight said.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FirstFlight {
    pub server_hello: Option<ServerHello>,
    /// The Certificate message's entries, leaf first, at most [`CHAIN_LIMIT`] /
    /// [`CHAIN_BYTES_LIMIT`].
    pub chain: Vec<Vec<u8>>,
    /// Set when the server sent more certificates than kept: (how many, their bytes). Their
    /// count so far when the flight was cut during the Certificate message.
    pub chain_overflow: Option<(usize, usize)>,
    /// The size in bits of a DHE ServerKeyExchange's prime `dh_p`.
    pub dh_bits: Option<u32>,
    pub server_hello_done: bool,
    pub alert: Option<Alert>,
}

impl FirstFlight {
    /// Nothing more to read: the server finished its flight, refused, or switched to TLS 1.3
    /// (encrypted from here on).
    pub fn complete(&self) -> bool {
        self.server_hello_done
            || self.alert.is_some()
            || self.server_hello.as_ref().is_some_and(|h| h.hello_retry || h.version == 0x0304)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerHello {
    /// The version the server chose: supported_versions' `selected_version` when present
    /// (RFC 8446 §4.2.1), else `legacy_version`.
    pub version: u16,
    pub legacy_version: u16,
    pub cipher: u16,
    /// A HelloRetryRequest (RFC 8446 §4.1.4): a TLS 1.3 server that wants another key share.
    /// It has chosen its version and suite all the same.
    pub hello_retry: bool,
}

impl ServerHello {
    pub fn protocol_version(&self) -> Option<ProtocolVersion> {
        version_of(self.version)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Alert {
    pub level: u8,
    pub description: u8,
}

impl Alert {
    /// The RFC 8446 §6 name (`handshake_failure`), `_RESERVED` left off the names older
    /// versions used (`no_certificate`, SSL 3.0's); `unknown_N` for numbers no RFC gave.
    pub fn name(&self) -> String {
        tls_doctor_core::tls::alert_name(self.description)
    }
}

/// Why the bytes could not be read as a first flight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// A record type or version that TLS does not have: another protocol answered.
    NotTls { first_bytes: Vec<u8> },
    /// TLS records whose contents break the rules; `what` says which.
    Malformed { what: &'static str },
    /// More than the limits allow.
    TooLarge { what: &'static str },
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParseError::NotTls { first_bytes } => {
                write!(f, "not TLS: starts with")?;
                for b in first_bytes {
                    write!(f, " {b:02x}")?;
                }
                Ok(())
            }
            ParseError::Malformed { what } => write!(f, "malformed TLS: {what}"),
            ParseError::TooLarge { what } => write!(f, "too large: {what}"),
        }
    }
}

impl std::error::Error for ParseError {}

/// Reads a whole first flight at once (the fuzz target's and the tests' entry). An incomplete
/// flight is not an error: what was read so far is returned, and [`FirstFlight::complete`]
/// says whether it ended.
pub fn first_flight(bytes: &[u8]) -> Result<FirstFlight, ParseError> {
    let mut parser = FlightParser::new();
    parser.push(bytes)?;
    Ok(parser.into_flight())
}

/// The incremental reader a probe feeds with what each socket read returns.
#[derive(Debug, Default)]
pub struct FlightParser {
    /// Received bytes not yet consumed as whole records (less than one record plus one read).
    pending: Vec<u8>,
    /// Handshake bytes of records read, not yet consumed as whole messages.
    handshake: Vec<u8>,
    handshake_total: usize,
    records: usize,
    messages: usize,
    flight: FirstFlight,
    /// The Certificate message being read, until its last byte.
    certificate: Option<CertificateReader>,
    /// A Certificate message was read (or is being read): a second one is malformed.
    certificate_seen: bool,
    /// The first bytes received, kept for a not-TLS message.
    first_bytes: Vec<u8>,
}

/// How many received bytes a [`ParseError::NotTls`] shows.
const FIRST_BYTES_SHOWN: usize = 16;

impl FlightParser {
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds received bytes. Returns whether the flight is complete; after that, further bytes
    /// are ignored.
    pub fn push(&mut self, bytes: &[u8]) -> Result<bool, ParseError> {
        if self.flight.complete() {
            return Ok(true);
        }
        let room = FIRST_BYTES_SHOWN.saturating_sub(self.first_bytes.len());
        self.first_bytes.extend_from_slice(&bytes[..bytes.len().min(room)]);
        self.pending.extend_from_slice(bytes);
        let mut at = 0;
        let result = self.records(&mut at);
        self.pending.drain(..at.min(self.pending.len()));
        result.map(|()| self.flight.complete())
    }

    pub fn flight(&self) -> &FirstFlight {
        &self.flight
    }

    /// The flight as read. Cut during the Certificate message, it counts the certificates
    /// announced until then as sent and not kept.
    pub fn into_flight(self) -> FirstFlight {
        let mut flight = self.flight;
        if let Some(reader) = self.certificate.filter(|r| r.count > flight.chain.len()) {
            flight.chain_overflow = Some((reader.count, reader.total));
        }
        flight
    }

    /// Consumes whole records from `pending[*at..]` until the flight completes or a record is
    /// cut short.
    fn records(&mut self, at: &mut usize) -> Result<(), ParseError> {
        while !self.flight.complete() {
            let rest = self.pending.get(*at..).unwrap_or_default();
            // The first byte alone tells TLS from other protocols; check it before waiting for
            // a whole header, so that a one-byte answer is recognised too.
            if let Some(&kind) = rest.first() {
                if kind != CONTENT_HANDSHAKE && kind != CONTENT_ALERT {
                    return Err(self.not_tls());
                }
            }
            if let Some(&major) = rest.get(1) {
                if major != 3 {
                    return Err(self.not_tls());
                }
            }
            let Some(header) = rest.get(..5) else { return Ok(()) };
            let len = usize::from(u16::from_be_bytes([header[3], header[4]]));
            if len > RECORD_LIMIT {
                return Err(self.not_tls());
            }
            if len == 0 {
                // RFC 5246 §6.2.1: no zero-length handshake or alert fragments.
                return Err(ParseError::Malformed { what: "empty record" });
            }
            let Some(body) = rest.get(5..5 + len) else { return Ok(()) };
            self.records += 1;
            if self.records > RECORD_COUNT_LIMIT {
                return Err(ParseError::TooLarge { what: "records" });
            }
            let (kind, body) = (header[0], body.to_vec());
            *at += 5 + len;
            if kind == CONTENT_ALERT {
                self.alert(&body)?;
            } else {
                self.handshake_bytes(&body)?;
            }
        }
        Ok(())
    }

    fn not_tls(&self) -> ParseError {
        ParseError::NotTls { first_bytes: self.first_bytes.clone() }
    }

    fn alert(&mut self, body: &[u8]) -> Result<(), ParseError> {
        // Alerts are two bytes (RFC 5246 §7.2); a fragmented alert is not worth reassembling.
        match body {
            [level, description, ..] => {
                self.flight.alert = Some(Alert { level: *level, description: *description });
                Ok(())
            }
            _ => Err(ParseError::Malformed { what: "alert shorter than two bytes" }),
        }
    }

    fn handshake_bytes(&mut self, mut body: &[u8]) -> Result<(), ParseError> {
        if let Some(reader) = self.certificate.as_mut() {
            let used = reader.feed(body, &mut self.flight)?;
            body = body.get(used..).unwrap_or_default();
            if !reader.done() {
                return Ok(());
            }
            self.certificate = None;
        }
        self.handshake_total += body.len();
        if self.handshake_total > HANDSHAKE_LIMIT {
            return Err(ParseError::TooLarge { what: "handshake messages" });
        }
        self.handshake.extend_from_slice(body);
        let mut at = 0;
        let result = self.messages(&mut at);
        self.handshake.drain(..at.min(self.handshake.len()));
        result
    }

    fn messages(&mut self, at: &mut usize) -> Result<(), ParseError> {
        while !self.flight.complete() {
            let rest = self.handshake.get(*at..).unwrap_or_default();
            let Some(header) = rest.get(..4) else { return Ok(()) };
            let len = usize::from(header[1]) << 16 | usize::from(header[2]) << 8 | usize::from(header[3]);
            if header[0] == CERTIFICATE && self.flight.server_hello.is_some() {
                // Read as it comes, whatever its size: see `CertificateReader`.
                if std::mem::replace(&mut self.certificate_seen, true) {
                    return Err(ParseError::Malformed { what: "second Certificate" });
                }
                let mut reader = CertificateReader::new(len);
                let used = reader.feed(rest.get(4..).unwrap_or_default(), &mut self.flight)?;
                *at += 4 + used;
                self.count_message()?;
                if !reader.done() {
                    self.certificate = Some(reader);
                    return Ok(());
                }
                continue;
            }
            if len > HANDSHAKE_LIMIT {
                return Err(ParseError::TooLarge { what: "handshake message" });
            }
            let Some(body) = rest.get(4..4 + len) else { return Ok(()) };
            let (kind, body) = (header[0], body.to_vec());
            self.count_message()?;
            *at += 4 + len;
            self.message(kind, &body)?;
        }
        Ok(())
    }

    fn count_message(&mut self) -> Result<(), ParseError> {
        self.messages += 1;
        if self.messages > MESSAGE_COUNT_LIMIT {
            return Err(ParseError::TooLarge { what: "handshake message count" });
        }
        Ok(())
    }

    fn message(&mut self, kind: u8, body: &[u8]) -> Result<(), ParseError> {
        if kind == HELLO_REQUEST {
            // May come at any time (RFC 5246 §7.4.1.1); means nothing here.
            return Ok(());
        }
        let Some(cipher) = self.flight.server_hello.as_ref().map(|h| h.cipher) else {
            if kind != SERVER_HELLO {
                return Err(ParseError::Malformed { what: "first message is not a ServerHello" });
            }
            self.flight.server_hello = Some(server_hello(body)?);
            return Ok(());
        };
        match kind {
            SERVER_HELLO => Err(ParseError::Malformed { what: "second ServerHello" }),
            SERVER_KEY_EXCHANGE => {
                if finite_field_dh(cipher) {
                    self.flight.dh_bits = Some(dh_prime_bits(body)?);
                }
                Ok(())
            }
            SERVER_HELLO_DONE => {
                self.flight.server_hello_done = true;
                Ok(())
            }
            // CertificateStatus, CertificateRequest, and whatever else: not needed.
            _ => Ok(()),
        }
    }
}

/// A bounds-checked cursor over a message body.
struct Reader<'a> {
    bytes: &'a [u8],
}

const SHORT: ParseError = ParseError::Malformed { what: "message shorter than its fields" };

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ParseError> {
        if n > self.bytes.len() {
            return Err(SHORT);
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Ok(head)
    }

    fn u8(&mut self) -> Result<u8, ParseError> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> Result<u16, ParseError> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    fn vec8(&mut self) -> Result<&'a [u8], ParseError> {
        let n = self.u8()?;
        self.take(usize::from(n))
    }

    fn vec16(&mut self) -> Result<&'a [u8], ParseError> {
        let n = self.u16()?;
        self.take(usize::from(n))
    }

    fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// ServerHello (RFC 5246 §7.4.1.3, RFC 8446 §4.1.3). SSL 3.0 and some TLS 1.0 servers end it
/// after the compression method, with no extensions block.
fn server_hello(body: &[u8]) -> Result<ServerHello, ParseError> {
    let mut r = Reader { bytes: body };
    let legacy_version = r.u16()?;
    let random = r.take(32)?;
    let session_id = r.vec8()?;
    if session_id.len() > 32 {
        return Err(ParseError::Malformed { what: "session id longer than 32 bytes" });
    }
    let cipher = r.u16()?;
    let _compression = r.u8()?;
    let mut version = legacy_version;
    if !r.is_empty() {
        let mut extensions = Reader { bytes: r.vec16()? };
        while !extensions.is_empty() {
            let kind = extensions.u16()?;
            let data = extensions.vec16()?;
            if kind == EXT_SUPPORTED_VERSIONS {
                let [hi, lo] = data else {
                    return Err(ParseError::Malformed { what: "supported_versions is not one version" });
                };
                version = u16::from_be_bytes([*hi, *lo]);
            }
        }
    }
    Ok(ServerHello { version, legacy_version, cipher, hello_retry: random == HELLO_RETRY_REQUEST_RANDOM })
}

/// A Certificate message (RFC 5246 §7.4.2: a 24-bit list of 24-bit-length DER certificates),
/// read as its bytes arrive. The first certificates are kept, within [`CHAIN_LIMIT`] and
/// [`CHAIN_BYTES_LIMIT`] (none after the first one not kept); the others are only counted,
/// from their length fields, and passed over. So a server that sends a certificate of 800 KB
/// or 10 MB is measured (`FirstFlight::chain_overflow`, set as soon as one is not kept) while
/// at most the kept bytes are held.
#[derive(Debug)]
struct CertificateReader {
    /// The message's length, and its bytes not read yet.
    len: usize,
    left: usize,
    /// The list's length (the message's first three bytes), once read.
    list: Option<usize>,
    /// List bytes read after the list's length.
    read: usize,
    /// A length field (the list's or a certificate's) as far as it came.
    field: [u8; 3],
    field_len: usize,
    /// Bytes of the current certificate not read yet; the certificate itself, when kept.
    entry_left: usize,
    entry: Option<Vec<u8>>,
    kept_bytes: usize,
    /// The certificates announced so far, and their bytes.
    count: usize,
    total: usize,
}

impl CertificateReader {
    fn new(len: usize) -> Self {
        Self {
            len,
            left: len,
            list: None,
            read: 0,
            field: [0; 3],
            field_len: 0,
            entry_left: 0,
            entry: None,
            kept_bytes: 0,
            count: 0,
            total: 0,
        }
    }

    fn done(&self) -> bool {
        self.left == 0
    }

    /// Reads what of `bytes` belongs to the message, into `flight`; how many bytes that was.
    /// At the message's last byte, its fields must have ended exactly there.
    fn feed(&mut self, bytes: &[u8], flight: &mut FirstFlight) -> Result<usize, ParseError> {
        let used = bytes.len().min(self.left);
        let mut data = bytes.get(..used).unwrap_or_default();
        self.left -= used;
        while !data.is_empty() {
            if self.entry_left > 0 {
                let n = data.len().min(self.entry_left);
                let (piece, rest) = data.split_at(n);
                if let Some(entry) = self.entry.as_mut() {
                    entry.extend_from_slice(piece);
                }
                (self.entry_left, self.read, data) = (self.entry_left - n, self.read + n, rest);
                if self.entry_left == 0 {
                    flight.chain.extend(self.entry.take());
                }
                continue;
            }
            let n = data.len().min(3 - self.field_len);
            let (piece, rest) = data.split_at(n);
            self.field[self.field_len..self.field_len + n].copy_from_slice(piece);
            self.field_len += n;
            data = rest;
            if self.list.is_some() {
                self.read += n;
            }
            if self.field_len == 3 {
                self.field_len = 0;
                let value =
                    usize::from(self.field[0]) << 16 | usize::from(self.field[1]) << 8 | usize::from(self.field[2]);
                self.length_field(value, flight)?;
            }
        }
        if self.done() && (self.list.is_none() || self.field_len > 0 || self.entry_left > 0) {
            return Err(SHORT);
        }
        Ok(used)
    }

    /// The list's length, then each certificate's.
    fn length_field(&mut self, value: usize, flight: &mut FirstFlight) -> Result<(), ParseError> {
        let Some(list) = self.list else {
            return match (value + 3).cmp(&self.len) {
                std::cmp::Ordering::Greater => Err(SHORT),
                std::cmp::Ordering::Less => Err(ParseError::Malformed { what: "bytes after the certificate list" }),
                std::cmp::Ordering::Equal => {
                    self.list = Some(value);
                    Ok(())
                }
            };
        };
        if value > list.saturating_sub(self.read) {
            return Err(SHORT);
        }
        self.count += 1;
        self.total += value;
        let keep = flight.chain.len() + 1 == self.count
            && flight.chain.len() < CHAIN_LIMIT
            && self.kept_bytes + value <= CHAIN_BYTES_LIMIT;
        if keep {
            self.kept_bytes += value;
            if value == 0 {
                flight.chain.push(Vec::new());
            } else {
                self.entry = Some(Vec::with_capacity(value));
            }
        }
        self.entry_left = value;
        if flight.chain.len() + usize::from(self.entry.is_some()) < self.count {
            flight.chain_overflow = Some((self.count, self.total));
        }
        Ok(())
    }
}

/// Suites whose ServerKeyExchange carries finite-field DH parameters first (RFC 5246
/// §7.4.3: ServerDHParams for DHE_DSS, DHE_RSA and DH_anon).
fn finite_field_dh(cipher: u16) -> bool {
    tls::suite(cipher).is_some_and(|s| s.name.starts_with("TLS_DHE_") || s.name.starts_with("TLS_DH_anon_"))
}

/// The bit length of `dh_p`, the first field of ServerDHParams.
fn dh_prime_bits(body: &[u8]) -> Result<u32, ParseError> {
    let mut r = Reader { bytes: body };
    let p = r.vec16()?;
    let significant = p.iter().position(|b| *b != 0).map_or(&[][..], |i| &p[i..]);
    let Some(first) = significant.first() else {
        return Err(ParseError::Malformed { what: "DH prime is zero" });
    };
    let bits = significant.len() * 8 - first.leading_zeros() as usize;
    Ok(u32::try_from(bits).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests;
