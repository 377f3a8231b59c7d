//! The captive-portal check: a plain-HTTP GET of a URL whose true answer is known (an empty
//! `204 No Content`, as Android's and ChromeOS's checks expect). A hotel or station Wi-Fi that
//! holds connections until someone signs in answers it with a redirect to its login page, or
//! with the page itself.

use std::time::{Duration, Instant};

use tls_doctor_core::wire::{PortalCheck, PortalOutcome};
use tokio::time::Instant as Deadline;

use super::fetch::{self, Fetched, Method};
use crate::net::{Gate, Purpose};

/// The check's own limit, within the request's deadline.
pub const BUDGET: Duration = Duration::from_secs(2);
/// At most this much of a replacing page is read (for its title).
pub const BODY_LIMIT: usize = 64 * 1024;
/// A title is shortened to this many characters.
pub const TITLE_CHARS: usize = 80;
/// A `Location` is shortened to this many characters.
pub(crate) const LOCATION_CHARS: usize = 512;
/// The status the check URL answers with when nothing is in the way.
const EXPECTED_STATUS: u16 = 204;

/// GET `url` and tell what answered.
pub async fn check(gate: &Gate, url: &str, deadline: Deadline) -> PortalCheck {
    let started = Instant::now();
    let deadline = deadline.min(Deadline::now() + BUDGET);
    let outcome = outcome(gate, url, deadline).await;
    PortalCheck { url: url.to_owned(), outcome, elapsed_ms: super::millis(started.elapsed()) }
}

async fn outcome(gate: &Gate, url: &str, deadline: Deadline) -> PortalOutcome {
    let answer = match fetch::request(gate, Purpose::Portal, url, Method::Get, "*/*", deadline).await {
        Ok(answer) => answer,
        Err(Fetched::Unsupported) => {
            return PortalOutcome::Failed { detail: format!("{url:?} is not a plain http:// URL") };
        }
        Err(Fetched::TimedOut) => return PortalOutcome::TimedOut,
        Err(Fetched::Failed(detail)) => return PortalOutcome::Failed { detail },
        Err(other) => return PortalOutcome::Failed { detail: format!("{other:?}") },
    };
    let status = answer.status;
    if status == EXPECTED_STATUS {
        return PortalOutcome::Open;
    }
    if (300..400).contains(&status) {
        if let Some(location) = answer.header("location").map(printable).filter(|l| !l.is_empty()) {
            return PortalOutcome::Redirected { status, location: location.chars().take(LOCATION_CHARS).collect() };
        }
    }
    // Some other answer: read what there is of the page (up to the limit, the end of the
    // connection, or the deadline) for its title.
    let body = answer.body_until(BODY_LIMIT, deadline, page_complete).await;
    PortalOutcome::Replaced { status, title: title(&body) }
}

/// Enough of the page has arrived to find its title (or to know there is none).
fn page_complete(body: &[u8]) -> bool {
    let lower = body.to_ascii_lowercase();
    find(&lower, b"</title").is_some() || find(&lower, b"<body").is_some() || find(&lower, b"</html").is_some()
}

/// The text of the page's first `<title>`: entities of the usual five decoded, white space
/// collapsed, control characters dropped, at most [`TITLE_CHARS`] characters; `None` when
/// there is none or it is empty.
pub fn title(page: &[u8]) -> Option<String> {
    let lower = page.to_ascii_lowercase();
    let open = find(&lower, b"<title")?;
    let start = open + find(lower.get(open..)?, b">")? + 1;
    let end = find(lower.get(start..)?, b"</title").map_or(page.len(), |i| start + i);
    let raw = String::from_utf8_lossy(page.get(start..end)?);
    let decoded = raw
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    let text = printable(&decoded);
    let text: String = text.chars().take(TITLE_CHARS).collect();
    (!text.is_empty()).then_some(text)
}

/// White space collapsed to single spaces, control characters (and U+FFFD from bad UTF-8)
/// dropped, trimmed.
fn printable(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control() && *c != '\u{fffd}')
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    use super::*;

    #[test]
    fn titles_are_found_decoded_and_shortened() {
        let page = "<html><head><TITLE lang=ja>\n Free Wi-Fi  ログイン &amp; 利用規約 </title></head>";
        assert_eq!(title(page.as_bytes()).as_deref(), Some("Free Wi-Fi ログイン & 利用規約"));
        assert_eq!(title(b"<html><body>no title</body></html>"), None);
        assert_eq!(title(b"<title>   </title>"), None);
        assert_eq!(title(b"<title"), None);
        // An unterminated title runs to the end of what was read.
        assert_eq!(title(b"<title>Login\x01 page").as_deref(), Some("Login page"));
        let long = format!("<title>{}</title>", "あ".repeat(200));
        assert_eq!(title(long.as_bytes()).map(|t| t.chars().count()), Some(TITLE_CHARS));
        // Bad UTF-8 never panics.
        assert_eq!(title(b"<title>\xff\xfeok</title>").as_deref(), Some("ok"));
    }

    async fn serve_once(answer: &'static [u8]) -> String {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut request = [0u8; 2048];
            let _ = stream.read(&mut request).await;
            let _ = stream.write_all(answer).await;
        });
        format!("http://127.0.0.1:{port}/generate_204")
    }

    fn gate() -> Gate {
        Gate::new(std::sync::Arc::new(crate::policy::Enforced::permissive()))
    }

    fn soon() -> Deadline {
        Deadline::now() + Duration::from_secs(5)
    }

    #[tokio::test]
    async fn answers_are_told_apart() {
        let open = serve_once(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n").await;
        assert_eq!(check(&gate(), &open, soon()).await.outcome, PortalOutcome::Open);

        let moved = serve_once(b"HTTP/1.1 302 Found\r\nLocation: http://portal.example/login\r\n\r\n").await;
        assert_eq!(
            check(&gate(), &moved, soon()).await.outcome,
            PortalOutcome::Redirected { status: 302, location: "http://portal.example/login".into() }
        );

        let page = serve_once(b"HTTP/1.1 200 OK\r\n\r\n<html><title>Sign in</title><body>").await;
        assert_eq!(
            check(&gate(), &page, soon()).await.outcome,
            PortalOutcome::Replaced { status: 200, title: Some("Sign in".into()) }
        );

        let bare = serve_once(b"HTTP/1.1 301 Moved\r\nContent-Length: 0\r\n\r\n").await;
        assert_eq!(check(&gate(), &bare, soon()).await.outcome, PortalOutcome::Replaced { status: 301, title: None });
    }

    #[tokio::test]
    async fn a_page_is_read_up_to_its_limit_and_a_location_shortened() {
        // The title right before the limit is found; right after it, it is never read.
        let page = |padding: usize| {
            let text = format!("HTTP/1.1 200 OK\r\n\r\n{}<title>Sign in</title>", " ".repeat(padding));
            &*Box::leak(text.into_bytes().into_boxed_slice())
        };
        let within = serve_once(page(BODY_LIMIT - "<title>Sign in</title>".len())).await;
        assert_eq!(
            check(&gate(), &within, soon()).await.outcome,
            PortalOutcome::Replaced { status: 200, title: Some("Sign in".into()) }
        );
        let beyond = serve_once(page(BODY_LIMIT)).await;
        assert_eq!(check(&gate(), &beyond, soon()).await.outcome, PortalOutcome::Replaced { status: 200, title: None });

        let long = format!("HTTP/1.1 302 Found\r\nLocation: http://portal.example/{}\r\n\r\n", "x".repeat(2000));
        let moved = serve_once(Box::leak(long.into_bytes().into_boxed_slice())).await;
        let PortalOutcome::Redirected { location, .. } = check(&gate(), &moved, soon()).await.outcome else {
            panic!("not a redirect")
        };
        assert_eq!(location.chars().count(), LOCATION_CHARS);
        assert!(location.starts_with("http://portal.example/xxx"), "{location}");
    }

    #[tokio::test]
    async fn only_plain_http_and_silence_is_bounded() {
        let refused = check(&gate(), "https://connectivitycheck.gstatic.com/generate_204", soon()).await;
        assert!(matches!(refused.outcome, PortalOutcome::Failed { .. }), "{refused:?}");

        let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let url = format!("http://127.0.0.1:{}/generate_204", listener.local_addr().unwrap().port());
        let started = Instant::now();
        let silent = check(&gate(), &url, Deadline::now() + Duration::from_secs(30)).await;
        assert_eq!(silent.outcome, PortalOutcome::TimedOut);
        assert!(started.elapsed() < BUDGET + Duration::from_millis(500));
        drop(listener);
    }
}
