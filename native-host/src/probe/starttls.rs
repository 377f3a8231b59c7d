//! The STARTTLS dialogue over TCP: drives the sans-IO [`Dialogue`] of `crate::starttls` on a
//! socket, under a greeting deadline and an overall deadline.

use std::io::ErrorKind;

use tls_doctor_core::wire::{Starttls, StarttlsOutcome, StarttlsProtocol};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{Instant as Deadline, timeout_at};

use crate::starttls::{Dialogue, Step};

/// Our name in `EHLO` and in an XMPP server-to-server `from`: a reserved name (RFC 2606 §2,
/// `.invalid`), never the machine's host name, which would tell the server who is asking.
pub const CLIENT_NAME: &str = "tls-doctor.invalid";
/// One read takes at most this many bytes; the dialogue caps the total.
const READ_BUFFER: usize = 4096;

/// Runs the dialogue on `stream`; when it returns `Ready`, the stream is positioned exactly at
/// the start of the TLS handshake (nothing the server sent after its go-ahead was read: had
/// anything come with it, the outcome is a protocol error instead).
///
/// `greeting_deadline` bounds the wait for the server's first bytes: `NoGreeting` when nothing
/// came (for client-first protocols, `TimedOut`). `deadline` bounds the whole dialogue
/// (`TimedOut`). `server_name` is the XMPP `to`.
pub async fn negotiate(
    stream: &mut TcpStream,
    protocol: StarttlsProtocol,
    server_name: &str,
    greeting_deadline: Deadline,
    deadline: Deadline,
) -> Starttls {
    let started = Deadline::now();
    let mut dialogue = Dialogue::new(protocol, CLIENT_NAME, server_name);
    let first = dialogue.start();
    let client_first = !first.is_empty();
    let mut step = if client_first { Step::Send(first) } else { Step::NeedMore };
    let mut heard = false;
    let mut buf = vec![0u8; READ_BUFFER];
    let outcome = loop {
        step = match step {
            Step::Ready => break StarttlsOutcome::Ready,
            Step::Done(outcome) => break outcome,
            Step::Send(bytes) => match timeout_at(deadline, stream.write_all(&bytes)).await {
                Err(_) => break StarttlsOutcome::TimedOut,
                Ok(Err(e)) => match broken(&e) {
                    Some(reset) => dialogue.closed(reset),
                    None => break StarttlsOutcome::TimedOut,
                },
                Ok(Ok(())) => dialogue.sent(),
            },
            Step::NeedMore => {
                let until = if heard { deadline } else { greeting_deadline.min(deadline) };
                match timeout_at(until, stream.read(&mut buf)).await {
                    Err(_) if heard || client_first => break StarttlsOutcome::TimedOut,
                    Err(_) => break StarttlsOutcome::NoGreeting { waited_ms: super::millis(started.elapsed()) },
                    Ok(Ok(0)) => dialogue.closed(false),
                    Ok(Ok(n)) => {
                        heard = true;
                        dialogue.receive(buf.get(..n).unwrap_or_default())
                    }
                    Ok(Err(e)) => match broken(&e) {
                        Some(reset) => dialogue.closed(reset),
                        None => break StarttlsOutcome::TimedOut,
                    },
                }
            }
        };
    };
    dialogue.finish(outcome, super::millis(started.elapsed()))
}

/// How an I/O error ended the connection: `Some(false)` closed, `Some(true)` reset (or broken
/// in another way), `None` the system's own timeout.
fn broken(e: &std::io::Error) -> Option<bool> {
    match e.kind() {
        ErrorKind::TimedOut => None,
        ErrorKind::BrokenPipe | ErrorKind::UnexpectedEof => Some(false),
        _ => Some(true),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName};
    use tls_doctor_core::wire::{StarttlsOutcome, StarttlsProtocol};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};
    use tokio::task::JoinHandle;
    use tokio::time::Instant as Deadline;

    use super::negotiate;

    /// A one-connection server on a loopback port chosen by the system, running `script`.
    async fn serve<F, Fut>(script: F) -> (TcpStream, JoinHandle<()>)
    where
        F: FnOnce(TcpStream) -> Fut + Send + 'static,
        Fut: std::future::Future<Output = ()> + Send,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let (stream, _) = listener.accept().await.unwrap();
            script(stream).await;
        });
        #[expect(clippy::disallowed_methods, reason = "the test's own loopback server")]
        let client = TcpStream::connect(address).await.unwrap();
        (client, server)
    }

    /// One line, read a byte at a time so that nothing after it is taken from the socket.
    async fn read_line(stream: &mut TcpStream) -> String {
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        while stream.read(&mut byte).await.unwrap_or(0) == 1 {
            line.push(byte[0]);
            if byte[0] == b'\n' {
                break;
            }
        }
        String::from_utf8_lossy(&line).into_owned()
    }

    fn after(ms: u64) -> Deadline {
        Deadline::now() + Duration::from_millis(ms)
    }

    #[tokio::test]
    async fn smtp_then_a_real_tls_handshake() {
        let key = rcgen::generate_simple_self_signed(vec!["mail.test".to_owned()]).unwrap();
        let cert = CertificateDer::from(key.cert.der().to_vec());
        let private = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.signing_key.serialize_der()));
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let server_config = rustls::ServerConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![cert.clone()], private)
            .unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(server_config));
        let (mut stream, server) = serve(move |mut s| async move {
            s.write_all(b"220 mail.test ESMTP Postfix\r\n").await.unwrap();
            assert_eq!(read_line(&mut s).await, "EHLO tls-doctor.invalid\r\n");
            s.write_all(b"250-mail.test\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n").await.unwrap();
            assert_eq!(read_line(&mut s).await, "STARTTLS\r\n");
            s.write_all(b"220 2.0.0 Ready to start TLS\r\n").await.unwrap();
            let mut tls = acceptor.accept(s).await.unwrap();
            tls.write_all(b"hello over TLS").await.unwrap();
            tls.shutdown().await.unwrap();
        })
        .await;
        let st = negotiate(&mut stream, StarttlsProtocol::Smtp, "mail.test", after(5000), after(10000)).await;
        assert_eq!(st.outcome, StarttlsOutcome::Ready, "{st:?}");
        assert_eq!(st.advertised, Some(true));

        let mut roots = rustls::RootCertStore::empty();
        roots.add(cert).unwrap();
        let local_config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth();
        let connector = tokio_rustls::TlsConnector::from(Arc::new(local_config));
        let name = ServerName::try_from("mail.test").unwrap();
        let mut tls = connector.connect(name, stream).await.unwrap();
        let mut text = String::new();
        tls.read_to_string(&mut text).await.unwrap();
        assert_eq!(text, "hello over TLS");
        server.await.unwrap();
    }

    #[tokio::test]
    async fn a_silent_server() {
        let (mut stream, server) = serve(|s| async move {
            tokio::time::sleep(Duration::from_secs(2)).await;
            drop(s);
        })
        .await;
        let started = Deadline::now();
        let st = negotiate(&mut stream, StarttlsProtocol::Smtp, "x", after(200), after(5000)).await;
        let StarttlsOutcome::NoGreeting { waited_ms } = st.outcome else { panic!("{st:?}") };
        assert!((150..1500).contains(&waited_ms), "{waited_ms}");
        assert!(started.elapsed() < Duration::from_millis(1500));
        assert_eq!(st.greeting, None);
        server.abort();

        // A client-first protocol: the first reply is bounded too, and its absence is a timeout.
        let (mut stream, server) = serve(|s| async move {
            tokio::time::sleep(Duration::from_secs(2)).await;
            drop(s);
        })
        .await;
        let st = negotiate(&mut stream, StarttlsProtocol::Postgres, "x", after(200), after(5000)).await;
        assert_eq!(st.outcome, StarttlsOutcome::TimedOut);
        assert_eq!(st.transcript, ["C: SSLRequest"]);
        server.abort();
    }

    #[tokio::test]
    async fn a_trickling_server() {
        let (mut stream, server) = serve(|mut s| async move {
            let _ = s.write_all(b"220-mail.test ESMTP\r\n").await;
            for _ in 0..100_000 {
                if s.write_all(b"220-still here\r\n").await.is_err() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        })
        .await;
        let started = Deadline::now();
        let st = negotiate(&mut stream, StarttlsProtocol::Smtp, "x", after(1000), after(3000)).await;
        assert!(started.elapsed() < Duration::from_millis(3500));
        assert!(matches!(st.outcome, StarttlsOutcome::ProtocolError { .. } | StarttlsOutcome::TimedOut), "{st:?}");
        server.abort();

        // The same, too slowly for the line limit: the deadline ends it.
        let (mut stream, server) = serve(|mut s| async move {
            let _ = s.write_all(b"220-mail.test ESMTP\r\n").await;
            loop {
                if s.write_all(b"220-still here\r\n").await.is_err() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
        .await;
        let started = Deadline::now();
        let st = negotiate(&mut stream, StarttlsProtocol::Smtp, "x", after(1000), after(1500)).await;
        assert_eq!(st.outcome, StarttlsOutcome::TimedOut);
        assert!(started.elapsed() < Duration::from_millis(2000));
        assert!(st.greeting.is_some());
        server.abort();
    }

    #[tokio::test]
    async fn a_server_that_closes_after_starttls() {
        let (mut stream, server) = serve(|mut s| async move {
            s.write_all(b"220 mail.test ESMTP\r\n").await.unwrap();
            read_line(&mut s).await;
            s.write_all(b"250-mail.test\r\n250 STARTTLS\r\n").await.unwrap();
            read_line(&mut s).await;
        })
        .await;
        let st = negotiate(&mut stream, StarttlsProtocol::Smtp, "x", after(2000), after(5000)).await;
        assert!(matches!(st.outcome, StarttlsOutcome::Closed | StarttlsOutcome::Reset), "{st:?}");
        assert_eq!(st.transcript.last().map(String::as_str), Some("C: STARTTLS"));
        server.await.unwrap();
    }

    #[tokio::test]
    async fn extra_bytes_after_the_go_ahead() {
        let (mut stream, server) = serve(|mut s| async move {
            s.write_all(b"220 mail.test ESMTP\r\n").await.unwrap();
            read_line(&mut s).await;
            s.write_all(b"250-mail.test\r\n250 STARTTLS\r\n").await.unwrap();
            read_line(&mut s).await;
            s.write_all(b"220 ready\r\n250 injected\r\n").await.unwrap();
            tokio::time::sleep(Duration::from_millis(500)).await;
        })
        .await;
        let st = negotiate(&mut stream, StarttlsProtocol::Smtp, "x", after(2000), after(5000)).await;
        let StarttlsOutcome::ProtocolError { detail } = &st.outcome else { panic!("{st:?}") };
        assert!(detail.contains("after agreeing to TLS"), "{detail}");
        server.await.unwrap();
    }

    #[tokio::test]
    async fn postgres_and_ldap_speak_first() {
        let (mut stream, server) = serve(|mut s| async move {
            let mut request = [0u8; 8];
            s.read_exact(&mut request).await.unwrap();
            assert_eq!(request, [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
            s.write_all(b"N").await.unwrap();
        })
        .await;
        let st = negotiate(&mut stream, StarttlsProtocol::Postgres, "x", after(2000), after(5000)).await;
        assert_eq!(st.outcome, StarttlsOutcome::NotOffered { reply: Some("N".into()) });
        server.await.unwrap();

        let (mut stream, server) = serve(|mut s| async move {
            let mut request = [0u8; 31];
            s.read_exact(&mut request).await.unwrap();
            s.write_all(b"\x30\x0c\x02\x01\x01\x78\x07\x0a\x01\x00\x04\x00\x04\x00").await.unwrap();
            tokio::time::sleep(Duration::from_millis(200)).await;
        })
        .await;
        let st = negotiate(&mut stream, StarttlsProtocol::Ldap, "x", after(2000), after(5000)).await;
        assert_eq!(st.outcome, StarttlsOutcome::Ready);
        server.await.unwrap();
    }

    #[tokio::test]
    async fn a_reset() {
        let (mut stream, server) = serve(|s| async move {
            // Linger 0: closing sends a RST. (Deprecated because it can block on drop; with a
            // zero timeout it does not.)
            #[allow(deprecated)]
            s.set_linger(Some(Duration::ZERO)).unwrap();
            let mut s = s;
            s.write_all(b"220 mail.test ESMTP\r\n").await.unwrap();
            read_line(&mut s).await;
            drop(s);
        })
        .await;
        let st = negotiate(&mut stream, StarttlsProtocol::Smtp, "x", after(2000), after(5000)).await;
        assert_eq!(st.outcome, StarttlsOutcome::Reset, "{st:?}");
        server.await.unwrap();
    }
}
