//! HTTP responses through the host's client (`net::http`: hyper's HTTP/1.1 client connection,
//! bodies bounded by http-body-util's `Limited`), as the AIA, OCSP, CRL, portal and autoconfig
//! fetches read them. The first byte chooses how the answer arrives (in one piece, or in pieces
//! of 1 to 63 bytes) and how the body is read (whole, or until a page's title); the rest is what
//! the server sends, then it closes. It must never panic; the head is read or refused, never
//! waited for past the server's end; a body comes back only whole and within its limit; and
//! the answer read does not depend on how the bytes were cut. A page read for its title goes on
//! to the captive-portal check's title reader (`probe::portal::title`): a short printable title.

#![no_main]

use std::sync::LazyLock;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use tls_doctor_host::net::http::{self, Ask, BodyFailure, Method};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::runtime::Runtime;
use tokio::time::Instant as Deadline;

/// Small, so that inputs reach it: a real fetch allows 64 KiB to 10 MiB.
const LIMIT: usize = 1024;

/// Time stands still unless every task waits: a deadline passes at once, never in real time.
static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap_or_else(|e| {
        eprintln!("no runtime: {e}");
        std::process::abort()
    })
});

/// What the client made of one answer: the status and the body, or how it failed.
#[derive(Debug, PartialEq, Eq)]
enum Read {
    Body(u16, Vec<u8>),
    BodyFailed(u16, bool),
    NoAnswer,
}

fn exchange(answer: &[u8], piece: usize, until_title: bool) -> Read {
    RUNTIME.block_on(async {
        let (client, mut server) = tokio::io::duplex(256 * 1024);
        let answer = answer.to_vec();
        let serve = async move {
            // The request is read first, as a server would; then the answer, then the end.
            let mut request = [0u8; 4096];
            let _ = server.read(&mut request).await;
            for chunk in answer.chunks(piece.max(1)) {
                if server.write_all(chunk).await.is_err() {
                    break;
                }
            }
            let _ = server.shutdown().await;
            server
        };
        let ask = Ask { method: Method::Get, path: "/issuer.der", host: "ca.example", accept: "*/*" };
        let fetch = async {
            let deadline = Deadline::now() + Duration::from_secs(5);
            let Ok(answer) = http::send(client, ask, deadline).await else { return Read::NoAnswer };
            let status = answer.status;
            assert!((100..=999).contains(&status), "{status}");
            if until_title {
                let page = answer.body_until(LIMIT, deadline, |b| b.windows(8).any(|w| w == b"</title>")).await;
                assert!(page.len() <= LIMIT, "{}", page.len());
                // The portal check's reading of a page: a short title of printable text.
                if let Some(title) = tls_doctor_host::probe::portal::title(&page) {
                    assert!(!title.is_empty() && title.chars().count() <= tls_doctor_host::probe::portal::TITLE_CHARS);
                    assert!(!title.chars().any(char::is_control), "{title:?}");
                }
                return Read::Body(status, Vec::new());
            }
            match answer.body(LIMIT, deadline).await {
                Ok(body) => {
                    assert!(body.len() <= LIMIT, "{}", body.len());
                    Read::Body(status, body)
                }
                Err(e) => Read::BodyFailed(status, e == BodyFailure::TooLarge),
            }
        };
        let (_server, read) = tokio::join!(serve, fetch);
        read
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, answer)) = data.split_first() else { return };
    let until_title = mode & 0x80 != 0;
    let piece = usize::from(mode & 0x3f);
    let whole = exchange(answer, answer.len(), until_title);
    if piece > 0 {
        let cut = exchange(answer, piece, until_title);
        // A body read whole is the same however it arrived.
        if let (Read::Body(..), Read::Body(..)) = (&whole, &cut) {
            assert_eq!(whole, cut, "cut in pieces of {piece}");
        }
    }
});
