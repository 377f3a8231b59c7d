//! `gather` against small servers of the test's own on loopback: the budgets it gives the
//! steps of one check (the `Date` probe, a STARTTLS greeting, the direct handshake beside it),
//! each well inside the request's deadline.

use std::sync::Arc;
use std::time::Duration;

use rustls::ServerConfig;
use tls_doctor_core::wire::{HandshakeRole, ServerClock, StarttlsOutcome};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

use super::*;
use crate::probe::test_pki::{self, Urls};

/// A check of 127.0.0.1:`port` with nothing on the side: no local probe, no policy.
fn request(port: u16, starttls: Option<StarttlsProtocol>, timeout: Duration) -> Request {
    Request {
        target: TargetSpec { host: "127.0.0.1".into(), port, is_name: false },
        addresses: Vec::new(),
        sni: SniChoice::Target,
        custom: None,
        timeout,
        starttls,
        local: local::LocalProbeConfig::off(),
        policy: Arc::new(crate::policy::Enforced::permissive()),
    }
}

/// Accepts connections on a fresh loopback port and hands each to `serve`.
async fn listen<F, Fut>(serve: F) -> u16
where
    F: Fn(TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(serve(stream));
        }
    });
    port
}

fn primary(evidence: &Evidence) -> &Handshake {
    evidence.handshakes.iter().find(|h| h.role == HandshakeRole::Primary).unwrap()
}

/// A TLS server that completes the handshake, then reads the `GET /` and never answers it.
#[tokio::test]
async fn the_date_probe_gets_two_seconds() {
    let ca = test_pki::ca("Clock CA", None, None);
    let (leaf, key) = test_pki::leaf("clock.example", &ca, &Urls::default());
    let config = ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![leaf], key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let port = listen(move |stream| {
        let acceptor = acceptor.clone();
        async move {
            if let Ok(tls) = acceptor.accept(stream).await {
                tokio::time::sleep(Duration::from_secs(60)).await;
                drop(tls);
            }
        }
    })
    .await;
    let evidence = gather(&request(port, None, Duration::from_secs(20))).await;
    assert_eq!(evidence.server_clock, Some(ServerClock::TimedOut));
    let handshake = primary(&evidence);
    assert!(matches!(handshake.tls, TlsOutcome::Established { .. }), "{:?}", handshake.tls);
    let budget = millis(CLOCK_PROBE_BUDGET);
    assert!((budget..budget + 1000).contains(&handshake.elapsed_ms), "{} ms", handshake.elapsed_ms);
    assert!(evidence.elapsed_ms < budget + 2000, "{} ms", evidence.elapsed_ms);
}

/// A STARTTLS port that accepts and never says a word: the greeting is waited for five
/// seconds, not the whole deadline.
#[tokio::test]
async fn a_starttls_greeting_is_waited_for_five_seconds() {
    let port = listen(|stream| async move {
        tokio::time::sleep(Duration::from_secs(60)).await;
        drop(stream);
    })
    .await;
    let timeout = GREETING_BUDGET + Duration::from_secs(2);
    let evidence = gather(&request(port, Some(StarttlsProtocol::Smtp), timeout)).await;
    let starttls = primary(&evidence).starttls.as_ref().unwrap();
    let StarttlsOutcome::NoGreeting { waited_ms } = starttls.outcome else { panic!("{:?}", starttls.outcome) };
    let budget = millis(GREETING_BUDGET);
    assert!((budget..budget + 500).contains(&waited_ms), "waited {waited_ms} ms");
}

/// A server that greets after `delay`, then hangs up.
async fn greeting_after(delay: Duration) -> u16 {
    listen(move |mut stream| async move {
        tokio::time::sleep(delay).await;
        let _ = stream.write_all(b"220 mail.example ESMTP\r\n").await;
    })
    .await
}

/// A direct TLS handshake is tried beside a STARTTLS dialogue only once the server has been
/// silent for 0.8 s: a server that greets sooner gets none, one that greets later gets one.
#[tokio::test]
async fn a_direct_handshake_is_tried_after_800_ms_of_silence_only() {
    let roles = |evidence: &Evidence| evidence.handshakes.iter().map(|h| h.role).collect::<Vec<_>>();
    let early = greeting_after(DIRECT_TLS_AFTER / 2).await;
    let late = greeting_after(DIRECT_TLS_AFTER + Duration::from_millis(500)).await;
    let timeout = Duration::from_secs(10);
    let (early, late) =
        (request(early, Some(StarttlsProtocol::Smtp), timeout), request(late, Some(StarttlsProtocol::Smtp), timeout));
    let (early, late) = tokio::join!(gather(&early), gather(&late));
    assert_eq!(roles(&early), [HandshakeRole::Primary]);
    assert_eq!(roles(&late), [HandshakeRole::Primary, HandshakeRole::DirectTls]);
    let direct = late.handshakes.iter().find(|h| h.role == HandshakeRole::DirectTls).unwrap();
    assert!(direct.tcp.iter().any(|a| a.outcome == TcpOutcome::Connected), "{direct:?}");
    for evidence in [&early, &late] {
        let starttls = primary(evidence).starttls.as_ref().unwrap();
        assert_eq!(starttls.greeting.as_deref(), Some("220 mail.example ESMTP"), "{starttls:?}");
    }
}
