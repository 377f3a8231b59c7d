//! Recognising a server that answered a TLS ClientHello with something that is not TLS.

use crate::wire::Plaintext;

/// The longest first line we keep: enough for a banner, too short to carry a page.
const FIRST_LINE_LIMIT: usize = 120;

/// Do these bytes start like TLS records? Content types 20–24 (RFC 8446 §5.1) followed by
/// a 3.x record version; SSLv2-style records (high bit set) count as TLS too.
pub fn looks_like_tls(bytes: &[u8]) -> bool {
    match bytes {
        [] => false,
        [first, ..] if first & 0x80 != 0 => true,
        [20..=24] => true,
        [20..=24, 3, ..] => true,
        _ => false,
    }
}

/// What protocol the bytes look like, and their first line made safe to show.
pub fn classify(bytes: &[u8]) -> (Plaintext, String) {
    let line = first_line(bytes);
    let upper = line.to_ascii_uppercase();
    let text = bytes.iter().take(64).all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace());
    let kind = if upper.starts_with("HTTP/") || upper.starts_with("<!DOCTYPE") || upper.starts_with("<HTML") {
        Plaintext::Http
    } else if upper.starts_with("220 ") || upper.starts_with("220-") {
        let smtp = ["SMTP", "ESMTP", "POSTFIX", "EXIM", "SENDMAIL", "MAIL"].iter().any(|w| upper.contains(w));
        let ftp = upper.contains("FTP");
        match (smtp, ftp) {
            (true, false) => Plaintext::Smtp,
            (false, true) => Plaintext::Ftp,
            _ => Plaintext::SmtpOrFtp,
        }
    } else if upper.starts_with("* OK") || upper.starts_with("* PREAUTH") || upper.starts_with("* BYE") {
        Plaintext::Imap
    } else if upper.starts_with("+OK") {
        Plaintext::Pop3
    } else if upper.starts_with("SSH-") {
        Plaintext::Ssh
    } else if text {
        Plaintext::OtherText
    } else {
        Plaintext::Binary
    };
    (kind, line)
}

/// The first line, printable ASCII only (anything else becomes `?`), shortened.
fn first_line(bytes: &[u8]) -> String {
    let end = bytes.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(bytes.len());
    let mut line: String = bytes[..end]
        .iter()
        .take(FIRST_LINE_LIMIT)
        .map(|&b| if b.is_ascii_graphic() || b == b' ' { char::from(b) } else { '?' })
        .collect();
    if end > FIRST_LINE_LIMIT {
        line.push('…');
    }
    line.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_common_banners() {
        let cases: &[(&[u8], Plaintext)] = &[
            (b"HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n", Plaintext::Http),
            (b"<html><body>hi", Plaintext::Http),
            (b"220 mail.example.jp ESMTP Postfix (Debian/GNU)\r\n", Plaintext::Smtp),
            (b"220-smtp.example.jp ESMTP\r\n220 ok\r\n", Plaintext::Smtp),
            (b"220 (vsFTPd 3.0.3)\r\n", Plaintext::Ftp),
            (b"220 welcome\r\n", Plaintext::SmtpOrFtp),
            (b"* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.\r\n", Plaintext::Imap),
            (b"+OK Dovecot ready.\r\n", Plaintext::Pop3),
            (b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n", Plaintext::Ssh),
            (b"hello there\n", Plaintext::OtherText),
            (&[0x00, 0x01, 0xfe, 0x7f], Plaintext::Binary),
        ];
        for (bytes, want) in cases {
            assert_eq!(classify(bytes).0, *want, "{:?}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn first_line_is_safe_to_show() {
        let (_, line) = classify(b"220 evil\x1b[31m\xff banner\r\nsecond line");
        assert_eq!(line, "220 evil?[31m? banner");
        let long = [b'A'; 400];
        assert_eq!(classify(&long).1.chars().count(), FIRST_LINE_LIMIT + 1);
    }

    #[test]
    fn tls_records_are_not_plaintext() {
        assert!(looks_like_tls(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]));
        assert!(looks_like_tls(&[0x16, 0x03, 0x01]));
        assert!(looks_like_tls(&[0x16]));
        assert!(!looks_like_tls(b"HTTP/1.1 400"));
        assert!(!looks_like_tls(b""));
    }
}
