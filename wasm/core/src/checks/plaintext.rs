//! Recognising a server that answered a TLS ClientHello with something that is not TLS.

use crate::wire::Plaintext;

/// The longest first line we keep: enough for a banner, too short to carry a page.
const FIRST_LINE_LIMIT: usize = 120;

/// Do these bytes start like a TLS server's answer? A TLS record: content type 20–24
/// (RFC 8446 §5.1) and a 3.x record version, SSL 3.0 to TLS 1.3's 3.4 at most (RFC 8446
/// §5.1 allows 3.1–3.3; 3.4 is a draft-era value still seen); a shorter answer must start
/// that way. Or an SSL 2.0 server's first message: a two-byte record header with its top bit
/// set, then a SERVER-HELLO or an ERROR ([`sslv2_answer`]). Anything else, however binary,
/// is not TLS: about half of all random bytes have the top bit set.
pub fn looks_like_tls(bytes: &[u8]) -> bool {
    match bytes {
        [20..=24] | [20..=24, 3] | [20..=24, 3, 0..=4, ..] => true,
        [first, ..] if first & 0x80 != 0 => sslv2_answer(bytes),
        _ => false,
    }
}

/// An SSL 2.0 record with a two-byte header (top bit set, 15 bits of length) holding what an
/// SSL 2.0 server answers a CLIENT-HELLO with (draft-hickman-netscape-ssl-00, "SSL Record
/// Protocol Specification" and appendix C): a SERVER-HELLO (type 4, session-id-hit 0 or 1,
/// certificate type 1 = X.509, server version 0x0002, then three 16-bit lengths that with the
/// 11 bytes before them make up the record), or an ERROR (type 0 and one of the four error
/// codes, 3 bytes in all).
fn sslv2_answer(bytes: &[u8]) -> bool {
    let [high, low, body @ ..] = bytes else { return false };
    let record_len = usize::from(high & 0x7f) << 8 | usize::from(*low);
    match body {
        [4, 0 | 1, 1, 0, 2, lengths @ ..] => match lengths {
            [c1, c0, s1, s0, i1, i0, ..] => {
                let len = |hi: &u8, lo: &u8| usize::from(*hi) << 8 | usize::from(*lo);
                record_len == 11 + len(c1, c0) + len(s1, s0) + len(i1, i0)
            }
            // Cut short: what came is a SERVER-HELLO's start.
            _ => record_len >= 11,
        },
        [0, 0, 1 | 2 | 4 | 6, ..] => record_len == 3,
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
        assert!(looks_like_tls(&[0x16, 0x03]));
        assert!(!looks_like_tls(b"HTTP/1.1 400"));
        assert!(!looks_like_tls(b""));
    }

    #[test]
    fn a_tls_record_needs_a_tls_version() {
        assert!(!looks_like_tls(&[0x16, 0x04, 0x03, 0x00, 0x10]));
        assert!(!looks_like_tls(&[0x16, 0x03, 0x05, 0x00, 0x10]));
        assert!(!looks_like_tls(&[0x19, 0x03, 0x01]));
        assert!(!looks_like_tls(&[0x13, 0x03, 0x01]));
    }

    #[test]
    fn sslv2_answers_are_tls_and_other_high_bytes_are_not() {
        // An SSL 2.0 SERVER-HELLO with a 3-byte certificate, 3 bytes of cipher specs and a
        // 16-byte connection id: 11 + 3 + 3 + 16 = 33 bytes of record.
        let mut hello = vec![0x80, 33, 4, 0, 1, 0x00, 0x02, 0, 3, 0, 3, 0, 16];
        hello.extend_from_slice(&[0xAA; 3 + 3 + 16]);
        assert!(looks_like_tls(&hello));
        assert!(looks_like_tls(&hello[..9]), "a SERVER-HELLO cut short");
        // The same with lengths that do not add up to the record's.
        let mut wrong = hello.clone();
        wrong[1] = 34;
        assert!(!looks_like_tls(&wrong));
        // ERROR: NO-CIPHER.
        assert!(looks_like_tls(&[0x80, 3, 0, 0x00, 0x01]));
        assert!(!looks_like_tls(&[0x80, 3, 0, 0x00, 0x03]));
        assert!(!looks_like_tls(&[0x80, 4, 0, 0x00, 0x01]));
        // A high first byte alone, or followed by anything else, is binary.
        assert!(!looks_like_tls(&[0x80]));
        assert!(!looks_like_tls(&[0xff, 0xfe, 0x00, 0x01]));
        assert!(!looks_like_tls(&[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])); // a PNG
        assert_eq!(classify(&[0xff, 0xfe, 0x00, 0x01]).0, Plaintext::Binary);
    }
}
