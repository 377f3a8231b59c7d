//! The little HTTP/1.1 the host needs: a `GET /` (only its head is read) over an established TLS connection to read
//! the server's `Date`, and a `GET` of an AIA caIssuers URL. Parsing is sans-IO and bounded.

use std::time::{SystemTime, UNIX_EPOCH};

use tls_doctor_core::Timestamp;
use tls_doctor_core::wire::ServerClock;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::time::{Instant as Deadline, timeout_at};

/// Response heads larger than this are not HTTP we want to read (nginx's default limit for
/// request heads is 8 KiB; 16 KiB leaves room).
pub const HEAD_LIMIT: usize = 16 * 1024;

#[derive(Debug, PartialEq, Eq)]
pub struct Head {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// Bytes taken by the status line, the headers and the blank line.
    pub len: usize,
}

impl Head {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    /// More bytes are needed.
    Incomplete,
    Head(Head),
    /// Not an HTTP/1.x response.
    Invalid,
}

/// Parses a response head (RFC 9112 §2–5) from the start of `buf`.
pub fn parse_head(buf: &[u8]) -> Parsed {
    if buf.len() >= 5 && !buf.starts_with(b"HTTP/") {
        return Parsed::Invalid;
    }
    let Some(end) = find(buf, b"\r\n\r\n").map(|i| i + 4).or_else(|| find(buf, b"\n\n").map(|i| i + 2)) else {
        return if buf.len() > HEAD_LIMIT { Parsed::Invalid } else { Parsed::Incomplete };
    };
    let Ok(text) = std::str::from_utf8(&buf[..end]) else { return Parsed::Invalid };
    let mut lines = text.lines();
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.split_whitespace();
    let (Some(version), Some(code)) = (parts.next(), parts.next()) else { return Parsed::Invalid };
    if !version.starts_with("HTTP/1.") {
        return Parsed::Invalid;
    }
    let Some(status) = code.parse::<u16>().ok().filter(|s| (100..=999).contains(s)) else { return Parsed::Invalid };
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Parsed::Head(Head { status, headers, len: end })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads until a whole head has arrived (or the limit, EOF or the deadline).
pub async fn read_head<S: AsyncRead + Unpin>(stream: &mut S, deadline: Deadline) -> Result<(Head, Vec<u8>), ReadError> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        let n = match timeout_at(deadline, stream.read(&mut chunk)).await {
            Err(_) => return Err(ReadError::TimedOut),
            Ok(Err(e)) => return Err(ReadError::Io(e)),
            Ok(Ok(n)) => n,
        };
        if n == 0 {
            return match parse_head(&buf) {
                Parsed::Head(h) => Ok((h, buf)),
                _ => Err(ReadError::NotHttp),
            };
        }
        buf.extend_from_slice(&chunk[..n]);
        match parse_head(&buf) {
            Parsed::Incomplete => {}
            Parsed::Invalid => return Err(ReadError::NotHttp),
            Parsed::Head(h) => return Ok((h, buf)),
        }
    }
}

#[derive(Debug)]
pub enum ReadError {
    TimedOut,
    NotHttp,
    Io(std::io::Error),
}

/// `GET /` and the `Date` of the answer (the body is never read; `HEAD` would be lighter,
/// but some servers, `openssl s_server -www` among them, never answer it). Also reports an alert that arrives instead of an
/// answer (a TLS 1.3 server refusing a missing client certificate).
pub async fn server_clock<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut S,
    host: &str,
    deadline: Deadline,
) -> (ServerClock, Option<String>) {
    let request = format!(
        "GET / HTTP/1.1\r\nHost: {host}\r\nUser-Agent: tls-doctor/{}\r\nAccept: */*\r\nConnection: close\r\n\r\n",
        env!("CARGO_PKG_VERSION")
    );
    let sent = timeout_at(deadline, async {
        stream.write_all(request.as_bytes()).await?;
        stream.flush().await
    })
    .await;
    match sent {
        Err(_) => return (ServerClock::TimedOut, None),
        Ok(Err(e)) => return (ServerClock::Failed { detail: e.to_string() }, alert_of(&e)),
        Ok(Ok(())) => {}
    }
    match read_head(stream, deadline).await {
        Ok((head, _)) => {
            let received_at = Timestamp(now_unix());
            match head.header("date") {
                None => (ServerClock::NoDateHeader, None),
                Some(value) => {
                    let date = httpdate::parse_http_date(value)
                        .ok()
                        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                        .and_then(|d| i64::try_from(d.as_secs()).ok())
                        .map(Timestamp);
                    (ServerClock::Received { header: value.chars().take(64).collect(), date, received_at }, None)
                }
            }
        }
        Err(ReadError::TimedOut) => (ServerClock::TimedOut, None),
        Err(ReadError::NotHttp) => (ServerClock::NotHttp, None),
        Err(ReadError::Io(e)) => (ServerClock::Failed { detail: e.to_string() }, alert_of(&e)),
    }
}

fn alert_of(e: &std::io::Error) -> Option<String> {
    match e.get_ref()?.downcast_ref::<rustls::Error>()? {
        rustls::Error::AlertReceived(a) => Some(super::tls::alert_name(*a)),
        _ => None,
    }
}

pub fn now_unix() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Body of a response already partly read: `Content-Length`, chunked, or until EOF; at most
/// `limit` bytes.
pub async fn read_body<S: AsyncRead + Unpin>(
    stream: &mut S,
    head: &Head,
    mut buf: Vec<u8>,
    limit: usize,
    deadline: Deadline,
) -> Result<Vec<u8>, BodyError> {
    let mut body = buf.split_off(head.len);
    let declared = head.header("content-length").and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(BodyError::TooLarge);
    }
    let chunked = head.header("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let mut chunk = [0u8; 4096];
    loop {
        if declared.is_some_and(|n| body.len() >= n) {
            body.truncate(declared.unwrap_or(body.len()));
            break;
        }
        if chunked && decode_chunked(&body).is_some() {
            break;
        }
        if body.len() > limit * 2 + 1024 {
            return Err(BodyError::TooLarge);
        }
        let n = match timeout_at(deadline, stream.read(&mut chunk)).await {
            Err(_) => return Err(BodyError::TimedOut),
            Ok(Err(e)) => return Err(BodyError::Io(e.to_string())),
            Ok(Ok(n)) => n,
        };
        if n == 0 {
            if declared.is_some() {
                return Err(BodyError::Io("connection closed before the end of the body".into()));
            }
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let body = if chunked { decode_chunked(&body).ok_or(BodyError::Io("bad chunked encoding".into()))? } else { body };
    if body.len() > limit {
        return Err(BodyError::TooLarge);
    }
    Ok(body)
}

#[derive(Debug, PartialEq, Eq)]
pub enum BodyError {
    TooLarge,
    TimedOut,
    Io(String),
}

/// Decodes a complete chunked body (RFC 9112 §7.1); `None` until the last chunk has arrived.
pub fn decode_chunked(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = find(data, b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        if data.len() < size + 2 {
            return None;
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_head() {
        let raw = b"HTTP/1.1 200 OK\r\nDate: Wed, 25 Nov 2026 12:00:00 GMT\r\nContent-Length: 3\r\n\r\nabc";
        let Parsed::Head(head) = parse_head(raw) else { panic!() };
        assert_eq!(head.status, 200);
        assert_eq!(head.header("DATE"), Some("Wed, 25 Nov 2026 12:00:00 GMT"));
        assert_eq!(&raw[head.len..], b"abc");
    }

    #[test]
    fn incomplete_and_invalid_heads() {
        assert_eq!(parse_head(b"HTTP/1.1 200 OK\r\nDate: x"), Parsed::Incomplete);
        assert_eq!(parse_head(b"HTT"), Parsed::Incomplete);
        assert_eq!(parse_head(b"SSH-2.0-OpenSSH\r\n\r\n"), Parsed::Invalid);
        assert_eq!(parse_head(b"HTTP/2 200\r\n\r\n"), Parsed::Invalid);
        assert_eq!(parse_head(b"HTTP/1.1 abc\r\n\r\n"), Parsed::Invalid);
        let mut huge = b"HTTP/1.1 200 OK\r\n".to_vec();
        huge.extend(std::iter::repeat_n(b'a', HEAD_LIMIT + 10));
        assert_eq!(parse_head(&huge), Parsed::Invalid);
    }

    #[test]
    fn decodes_chunks() {
        assert_eq!(decode_chunked(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").unwrap(), b"abcde");
        assert_eq!(decode_chunked(b"3\r\nabc\r\n"), None);
        assert_eq!(decode_chunked(b"zz\r\n"), None);
    }
}
