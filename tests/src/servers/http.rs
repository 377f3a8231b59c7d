//! Just enough HTTP/1.1 (RFC 9112) for the lab: read one request head, write one response and
//! close. The `Date` header matters: `tls-doctor` reads the server's clock from it.

use std::time::SystemTime;

use time::OffsetDateTime;
use tokio::io::{AsyncRead, AsyncReadExt};

use super::IDLE;

/// The longest request head the lab reads; `tls-doctor` sends a few short headers.
const HEAD_LIMIT: usize = 16 * 1024;

/// Reads until the blank line that ends a request head. `None` when the peer closed, went
/// quiet or sent too much first.
pub(crate) async fn read_request_head<S: AsyncRead + Unpin>(stream: &mut S) -> Option<Vec<u8>> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = tokio::time::timeout(IDLE, stream.read(&mut buf)).await.ok()?.ok()?;
        if n == 0 || head.len() + n > HEAD_LIMIT {
            return None;
        }
        head.extend_from_slice(&buf[..n]);
    }
    Some(head)
}

/// The request target of a request head (`/intermediate.der` in `GET /intermediate.der HTTP/1.1`).
pub(crate) fn request_target(head: &[u8]) -> Option<&str> {
    let line = head.split(|&b| b == b'\r' || b == b'\n').next()?;
    std::str::from_utf8(line).ok()?.split(' ').nth(1)
}

/// A complete response that closes the connection.
pub(crate) fn response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let head = format!(
        "HTTP/1.1 {status}\r\nDate: {}\r\nServer: tls-doctor-lab\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        imf_fixdate(SystemTime::now().into()),
        body.len()
    );
    [head.as_bytes(), body].concat()
}

/// RFC 9110 §5.6.7: `Sun, 06 Nov 1994 08:49:37 GMT`.
pub(crate) fn imf_fixdate(t: OffsetDateTime) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let t = t.to_offset(time::UtcOffset::UTC);
    let day = DAYS[usize::from(t.weekday().number_days_from_monday())];
    let month = MONTHS[usize::from(u8::from(t.month()) - 1)];
    format!("{day}, {:02} {month} {:04} {:02}:{:02}:{:02} GMT", t.day(), t.year(), t.hour(), t.minute(), t.second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imf_fixdate_is_the_rfc_9110_example() {
        let t = OffsetDateTime::from_unix_timestamp(784_111_777).unwrap();
        assert_eq!(imf_fixdate(t), "Sun, 06 Nov 1994 08:49:37 GMT");
        let leap = OffsetDateTime::from_unix_timestamp(951_782_400).unwrap();
        assert_eq!(imf_fixdate(leap), "Tue, 29 Feb 2000 00:00:00 GMT");
    }

    #[test]
    fn responses_carry_a_date_and_close() {
        let text = String::from_utf8(response("200 OK", "text/plain", b"hi")).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\nDate: "));
        assert!(text.contains("\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"));
    }

    #[test]
    fn the_target_is_the_second_word_of_the_request_line() {
        assert_eq!(request_target(b"GET /intermediate.der HTTP/1.1\r\nHost: x\r\n\r\n"), Some("/intermediate.der"));
        assert_eq!(request_target(b"\r\n\r\n"), None);
    }
}
