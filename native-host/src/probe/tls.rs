//! One TLS 1.2/1.3 handshake with rustls, recording everything a diagnosis needs: the first
//! bytes the server sent (to recognise a non-TLS answer), the chain, the outcome.

use std::io;
use std::sync::{Arc, Mutex, PoisonError};

use std::time::Duration;

use rustls::crypto::CryptoProvider;
use rustls::pki_types::ServerName;
use tls_doctor_core::wire::{Bytes, CHAIN_BYTES_LIMIT, RECEIVED_PREFIX_LIMIT, TlsOutcome};
use tokio::net::TcpStream;
use tokio::time::{Instant as Deadline, timeout_at};
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use super::danger::{Recorded, danger_recording_config};
use super::tap::{Keep, Tap};

/// What one handshake produced. The connection is kept open when it succeeded, for the
/// `Date` probe.
#[derive(Debug)]
pub struct HandshakeResult {
    pub outcome: TlsOutcome,
    pub received: Bytes,
    pub recorded: Recorded,
    pub stream: Option<TlsStream<RecordingStream>>,
    /// See `Handshake::encrypted_handshake_bytes`.
    pub encrypted_handshake_bytes: Option<usize>,
}

pub async fn handshake(
    tcp: TcpStream,
    provider: Arc<CryptoProvider>,
    name: ServerName<'static>,
    sni: bool,
    deadline: Deadline,
) -> HandshakeResult {
    let (config, recording) = match danger_recording_config(provider, sni) {
        Ok(c) => c,
        Err(e) => {
            return HandshakeResult {
                outcome: TlsOutcome::Failed { detail: e.to_string() },
                received: Bytes::default(),
                recorded: Recorded::default(),
                stream: None,
                encrypted_handshake_bytes: None,
            };
        }
    };
    let received: Arc<Mutex<Vec<u8>>> = Arc::default();
    let records: Arc<Mutex<RecordTally>> = Arc::default();
    let stream = Tap::new(tcp, Received { first: received.clone(), records: records.clone() });
    let connector = TlsConnector::from(Arc::new(config));
    let result = timeout_at(deadline, connector.connect(name, stream).into_fallible()).await;
    let mut encrypted_handshake_bytes = None;
    let (outcome, stream) = match result {
        Err(_) => (TlsOutcome::TimedOut, None),
        Ok(Err((e, mut stream))) => {
            let received = Bytes(lock(&received).clone());
            if too_large(&e) {
                encrypted_handshake_bytes = rest_of_flight(&mut stream, &records, deadline).await;
            }
            (classify(&e, &received), None)
        }
        Ok(Ok(stream)) => {
            let (_, conn) = stream.get_ref();
            let version = conn.protocol_version().map(version_name).unwrap_or_default();
            let cipher = conn.negotiated_cipher_suite().map(|s| format!("{:?}", s.suite())).unwrap_or_default();
            (TlsOutcome::Established { version, cipher }, Some(stream))
        }
    };
    let received = Bytes(std::mem::take(&mut *lock(&received)));
    let recorded = std::mem::take(&mut *recording.lock().unwrap_or_else(PoisonError::into_inner));
    HandshakeResult { outcome, received, recorded, stream, encrypted_handshake_bytes }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// rustls refused a handshake message as larger than it reads (64 KiB − 1).
fn too_large(e: &io::Error) -> bool {
    e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()).is_some_and(|tls| {
        matches!(tls, rustls::Error::InvalidMessage(rustls::InvalidMessage::HandshakePayloadTooLarge))
    })
}

/// How long the server may pause within its first flight before it is taken to be waiting for
/// us (the flight's records follow each other at once).
const FLIGHT_PAUSE: Duration = Duration::from_millis(500);
/// The most encrypted handshake bytes counted: a chain at the host's limit, and room.
const FLIGHT_LIMIT: usize = CHAIN_BYTES_LIMIT + 64 * 1024;

/// After rustls refused a message as too large in TLS 1.3 (an encrypted record came before it):
/// the rest of the server's first flight is read and thrown away, its encrypted records counted
/// (until the server closes, pauses for [`FLIGHT_PAUSE`], the deadline, or [`FLIGHT_LIMIT`]
/// bytes of any kind). The plaintext bytes of the encrypted handshake records. In TLS 1.2 the
/// Certificate message is plaintext, read by the version probe: nothing is read here.
async fn rest_of_flight(
    stream: &mut RecordingStream,
    records: &Mutex<RecordTally>,
    deadline: Deadline,
) -> Option<usize> {
    use tokio::io::AsyncReadExt as _;
    if lock(records).encrypted == 0 {
        return None;
    }
    let mut sink = vec![0u8; 16 * 1024];
    let mut read = 0usize;
    while read < FLIGHT_LIMIT {
        let pause = deadline.min(Deadline::now() + FLIGHT_PAUSE);
        match timeout_at(pause, stream.read(&mut sink)).await {
            Ok(Ok(n)) if n > 0 => read += n,
            _ => break,
        }
    }
    let tally = lock(records);
    (tally.encrypted > 0).then_some(tally.encrypted)
}

/// The TLS records a stream has read, walked by their headers (RFC 8446 §5.1).
#[derive(Debug, Default)]
struct RecordTally {
    /// The header of the record being read, as far as it has come.
    header: Vec<u8>,
    /// The current record's payload bytes still to come.
    left: usize,
    /// Plaintext bytes of the encrypted (application_data) records so far: each record's length
    /// less its inner content type and a 16-byte AEAD tag.
    encrypted: usize,
}

/// An AEAD record's overhead: the inner content type (1) and the tag (16), RFC 8446 §5.2.
const RECORD_OVERHEAD: usize = 17;
const APPLICATION_DATA: u8 = 23;

impl RecordTally {
    fn push(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            if self.left > 0 {
                let n = self.left.min(bytes.len());
                self.left -= n;
                bytes = &bytes[n..];
                continue;
            }
            let need = 5 - self.header.len();
            let n = need.min(bytes.len());
            self.header.extend_from_slice(&bytes[..n]);
            bytes = &bytes[n..];
            if let [kind, _, _, hi, lo] = self.header[..] {
                let len = usize::from(u16::from_be_bytes([hi, lo]));
                self.left = len;
                if kind == APPLICATION_DATA {
                    self.encrypted = self.encrypted.saturating_add(len.saturating_sub(RECORD_OVERHEAD));
                }
                self.header.clear();
            }
        }
    }
}

/// `TLSv1_3` → `TLS 1.3`, as browsers show it.
fn version_name(v: rustls::ProtocolVersion) -> String {
    format!("{v:?}").replace("TLSv", "TLS ").replace('_', ".")
}

/// An I/O error from a handshake, as evidence.
fn classify(e: &io::Error, received: &Bytes) -> TlsOutcome {
    if let Some(tls) = e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
        return match tls {
            rustls::Error::AlertReceived(alert) => TlsOutcome::Alert { alert: alert_name(*alert) },
            // Bytes that are not TLS fail rustls in more than one way (an invalid message, an
            // unexpected one, a version it does not know…): whichever, the answer is not TLS.
            other if !received.is_empty() && !looks_like_tls(received) => {
                TlsOutcome::NotTls { detail: other.to_string() }
            }
            other => TlsOutcome::Failed { detail: other.to_string() },
        };
    }
    match e.kind() {
        io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted | io::ErrorKind::BrokenPipe => {
            TlsOutcome::Reset
        }
        io::ErrorKind::UnexpectedEof => TlsOutcome::Closed,
        io::ErrorKind::TimedOut => TlsOutcome::TimedOut,
        _ => TlsOutcome::Failed { detail: e.to_string() },
    }
}

fn looks_like_tls(received: &Bytes) -> bool {
    tls_doctor_core::checks::plaintext::looks_like_tls(received.as_slice())
}

/// An alert as RFC 8446 §6 spells it: `handshake_failure`.
pub fn alert_name(alert: rustls::AlertDescription) -> String {
    tls_doctor_core::tls::alert_name(u8::from(alert))
}

/// The TCP stream rustls reads, keeping the first bytes it read and walking its TLS records.
pub type RecordingStream = Tap<TcpStream, Received>;

/// What a handshake's stream keeps: the first [`RECEIVED_PREFIX_LIMIT`] bytes, and the tally of
/// the TLS records read.
#[derive(Debug)]
pub struct Received {
    first: Arc<Mutex<Vec<u8>>>,
    records: Arc<Mutex<RecordTally>>,
}

impl Keep for Received {
    fn keep(&self, fresh: &[u8]) {
        lock(&self.records).push(fresh);
        let mut kept = lock(&self.first);
        let room = RECEIVED_PREFIX_LIMIT.saturating_sub(kept.len());
        kept.extend_from_slice(&fresh[..fresh.len().min(room)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alert_names_follow_the_rfc() {
        assert_eq!(alert_name(rustls::AlertDescription::HandshakeFailure), "handshake_failure");
        assert_eq!(alert_name(rustls::AlertDescription::ProtocolVersion), "protocol_version");
        assert_eq!(alert_name(rustls::AlertDescription::CertificateRequired), "certificate_required");
        assert_eq!(alert_name(rustls::AlertDescription::UnknownCA), "unknown_ca");
        assert_eq!(alert_name(rustls::AlertDescription::UnrecognisedName), "unrecognized_name");
    }

    #[tokio::test]
    async fn only_the_first_bytes_the_server_sent_are_kept() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};

        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut hello = [0u8; 4096];
            let _ = stream.read(&mut hello).await;
            // An HTTP answer eight times the prefix kept.
            let mut answer = b"HTTP/1.1 400 Bad Request\r\n\r\n".to_vec();
            answer.resize(RECEIVED_PREFIX_LIMIT * 8, b'x');
            let _ = stream.write_all(&answer).await;
        });
        let deadline = Deadline::now() + std::time::Duration::from_secs(5);
        let gate = crate::net::Gate::new(Arc::new(crate::policy::Enforced::permissive()));
        let way = gate.admit(crate::net::Purpose::Server(None), "127.0.0.1", port).unwrap();
        let tcp = way.tcp([127, 0, 0, 1].into(), deadline).await.unwrap();
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let name = ServerName::try_from("a.example").unwrap();
        let result = handshake(tcp, provider, name, true, deadline).await;
        assert!(matches!(result.outcome, TlsOutcome::NotTls { .. }), "{:?}", result.outcome);
        assert_eq!(result.received.as_slice().len(), RECEIVED_PREFIX_LIMIT);
        assert!(result.received.as_slice().starts_with(b"HTTP/1.1 400 Bad Request\r\n"));
    }

    /// A TLS 1.3-only server whose leaf is 136 KB: rustls refuses the encrypted Certificate
    /// message; the host reads on and counts it, within the few hundred bytes of the messages
    /// around it.
    #[tokio::test]
    async fn an_encrypted_certificate_message_too_large_for_rustls_is_counted() {
        let mut params = rcgen::CertificateParams::new(vec!["big.test".to_owned()]).unwrap();
        for i in 0..8_000 {
            params.subject_alt_names.push(rcgen::SanType::DnsName(format!("n{i:05}.big.test").try_into().unwrap()));
        }
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = params.self_signed(&key).unwrap();
        let der = cert.der().clone();
        assert!(der.len() > 100_000, "{}", der.len());
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider.clone())
            .with_protocol_versions(&[&rustls::version::TLS13])
            .unwrap()
            .with_no_client_auth()
            // Not `with_single_cert`: it parses the certificate with webpki, which reads no DER
            // value over 64 KiB.
            .with_cert_resolver(Arc::new(rustls::sign::SingleCertAndKey::from(rustls::sign::CertifiedKey::new(
                vec![der.clone()],
                provider
                    .key_provider
                    .load_private_key(rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()))
                    .unwrap(),
            ))));
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = tokio::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0)).await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (s, _) = listener.accept().await.unwrap();
            let _ = acceptor.accept(s).await;
        });
        #[expect(clippy::disallowed_methods, reason = "the test's own loopback server")]
        let tcp = TcpStream::connect(address).await.unwrap();
        let name = ServerName::try_from("big.test").unwrap();
        let deadline = Deadline::now() + std::time::Duration::from_secs(10);
        let result = handshake(tcp, provider, name, true, deadline).await;
        assert!(
            matches!(&result.outcome, TlsOutcome::Failed { detail } if detail.contains("HandshakePayloadTooLarge")),
            "{:?}",
            result.outcome
        );
        let counted = result.encrypted_handshake_bytes.unwrap();
        assert!((der.len()..der.len() + 1_024).contains(&counted), "{counted} for a {}-byte leaf", der.len());
    }

    #[test]
    fn encrypted_records_are_counted_across_reads() {
        let mut records = Vec::new();
        // A ServerHello (plaintext handshake), a ChangeCipherSpec, then two encrypted records.
        for (kind, len) in [(22u8, 90usize), (20, 1), (23, 16_401), (23, 517)] {
            records.extend_from_slice(&[kind, 3, 3]);
            records.extend_from_slice(&u16::try_from(len).unwrap().to_be_bytes());
            records.extend(std::iter::repeat_n(0xab, len));
        }
        for chunk in [1usize, 3, 7, 4096] {
            let mut tally = RecordTally::default();
            for piece in records.chunks(chunk) {
                tally.push(piece);
            }
            assert_eq!(tally.encrypted, 16_401 - 17 + 517 - 17, "read {chunk} at a time");
            assert_eq!((tally.left, tally.header.len()), (0, 0));
        }
    }

    #[test]
    fn version_names_are_readable() {
        assert_eq!(version_name(rustls::ProtocolVersion::TLSv1_3), "TLS 1.3");
        assert_eq!(version_name(rustls::ProtocolVersion::TLSv1_2), "TLS 1.2");
    }

    #[test]
    fn any_rustls_error_on_bytes_that_are_not_tls_is_not_tls() {
        let garbage = Bytes(vec![0x8f, 0x12, 0x44, 0x00, 0x07, 0x99]);
        let tls = Bytes(vec![0x16, 0x03, 0x03, 0x00, 0x07, 0x99]);
        for error in [
            rustls::Error::InvalidMessage(rustls::InvalidMessage::InvalidContentType),
            rustls::Error::InappropriateMessage {
                expect_types: vec![rustls::ContentType::Handshake],
                got_type: rustls::ContentType::ApplicationData,
            },
            rustls::Error::PeerMisbehaved(rustls::PeerMisbehaved::IllegalMiddleboxChangeCipherSpec),
        ] {
            let e = io::Error::new(io::ErrorKind::InvalidData, error);
            assert!(matches!(classify(&e, &garbage), TlsOutcome::NotTls { .. }));
            assert!(matches!(classify(&e, &tls), TlsOutcome::Failed { .. }));
        }
    }

    /// A server answering the ClientHello with random bytes (fixed seeds), over loopback: the
    /// handshake's outcome is `not_tls` whenever the bytes do not start like TLS, whatever they
    /// are. The server keeps each connection open, so that rustls, not a close, ends it.
    #[test]
    fn random_bytes_from_a_server_are_not_tls() {
        let answers: Vec<(u64, Vec<u8>)> = (1..=40u64)
            .map(|seed| {
                let mut state = seed.wrapping_mul(0x2545_f491_4f6c_dd1d) | 1;
                let mut next = || {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state
                };
                let len = 5 + usize::try_from(next() % 60).unwrap();
                (seed, (0..len).map(|_| next().to_le_bytes()[0]).collect::<Vec<u8>>())
            })
            .filter(|(_, answer)| !looks_like_tls(&Bytes(answer.clone())))
            .collect();
        assert!(answers.len() >= 35, "{}", answers.len());
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
            let provider = Arc::new(rustls::crypto::ring::default_provider());
            let listener = tokio::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0)).await.unwrap();
            let address = listener.local_addr().unwrap();
            let to_send: Vec<Vec<u8>> = answers.iter().map(|(_, a)| a.clone()).collect();
            let server = tokio::spawn(async move {
                for answer in to_send {
                    let (mut s, _) = listener.accept().await.unwrap();
                    let mut hello = [0u8; 5];
                    s.read_exact(&mut hello).await.unwrap();
                    s.write_all(&answer).await.unwrap();
                    // Held open until the client gives up.
                    let mut rest = Vec::new();
                    let _ = s.read_to_end(&mut rest).await;
                }
            });
            for (seed, answer) in &answers {
                #[expect(clippy::disallowed_methods, reason = "the test's own loopback server")]
                let tcp = TcpStream::connect(address).await.unwrap();
                let name = ServerName::try_from("random.test").unwrap();
                let deadline = Deadline::now() + std::time::Duration::from_secs(5);
                let result = handshake(tcp, provider.clone(), name, true, deadline).await;
                assert!(
                    matches!(result.outcome, TlsOutcome::NotTls { .. }),
                    "seed {seed}: {answer:02x?} gave {:?}",
                    result.outcome
                );
                assert_eq!(result.received.as_slice(), answer.as_slice());
            }
            server.await.unwrap();
        });
    }
}
