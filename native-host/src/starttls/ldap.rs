//! LDAP StartTLS (RFC 4511 §4.14): an ExtendedRequest with the StartTLS OID, answered by an
//! ExtendedResponse whose resultCode 0 means "go ahead". A minimal BER reader (X.690 §8.1,
//! definite lengths only) with a size limit; no crate needed for two messages.
//!
//! ```text
//! LDAPMessage ::= SEQUENCE { messageID INTEGER, protocolOp CHOICE { ...,
//!     extendedReq [APPLICATION 23] SEQUENCE { requestName [0] LDAPOID, ... },
//!     extendedResp [APPLICATION 24] SEQUENCE { resultCode ENUMERATED, matchedDN LDAPDN,
//!         diagnosticMessage LDAPString, referral [3] OPTIONAL, responseName [10] OPTIONAL, ... } },
//!     controls [0] Controls OPTIONAL }
//! ```

use super::{Input, Protocol, Seen, Step, foreign, printable, protocol_error, refused, upgraded};

/// The StartTLS extended operation (RFC 4511 §4.14.1).
const START_TLS_OID: &str = "1.3.6.1.4.1.1466.20037";
/// The ExtendedRequest for StartTLS, message 1: `30 1d 02 01 01 77 18 80 16 <OID>`.
const REQUEST_HEAD: [u8; 9] = [0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16];
/// The largest response read: a result with a diagnostic message and a referral fits in far less.
pub(crate) const MESSAGE_LIMIT: usize = 16 * 1024;

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const ENUMERATED: u8 = 0x0a;
const OCTET_STRING: u8 = 0x04;
/// [APPLICATION 24] constructed.
const EXTENDED_RESPONSE: u8 = 0x78;

#[derive(Debug)]
pub(super) struct Ldap;

impl Ldap {
    pub(super) fn new() -> Self {
        Ldap
    }
}

impl Protocol for Ldap {
    fn start(&mut self, seen: &mut Seen) -> Vec<u8> {
        seen.client(&format!("ExtendedRequest StartTLS ({START_TLS_OID})"));
        let mut request = REQUEST_HEAD.to_vec();
        request.extend_from_slice(START_TLS_OID.as_bytes());
        request
    }

    fn advance(&mut self, input: &mut Input, seen: &mut Seen) -> Step {
        let bytes = input.bytes();
        let Some(&first) = bytes.first() else { return Step::NeedMore };
        if first != SEQUENCE {
            return foreign(seen, bytes, "the answer is not an LDAP message");
        }
        let (length, header) = match header(bytes) {
            Ok(Some(found)) => found,
            Ok(None) => return Step::NeedMore,
            Err(detail) => return protocol_error(detail),
        };
        if length > MESSAGE_LIMIT {
            return protocol_error(format!("an LDAP message of {length} bytes (the limit is {MESSAGE_LIMIT})"));
        }
        let total = header + length;
        let Some(message) = bytes.get(header..total) else { return Step::NeedMore };
        let response = match Response::parse(message) {
            Ok(response) => response,
            Err(detail) => {
                seen.server("an LDAP message that does not parse");
                return protocol_error(detail);
            }
        };
        input.consume(total);
        seen.server(&response.summary());
        // RFC 4511 §4.4.1: message ID 0 is a Notice of Disconnection; the server is leaving.
        if response.message_id == 0 {
            return refused(&format!("notice of disconnection: {}", response.result()));
        }
        if response.message_id != 1 {
            return protocol_error(format!("a response to message {}, not to our request 1", response.message_id));
        }
        if response.op != EXTENDED_RESPONSE {
            return protocol_error(format!(
                "the answer to StartTLS is not an ExtendedResponse (tag 0x{:02x})",
                response.op
            ));
        }
        if response.code == 0 {
            return upgraded(input, seen);
        }
        refused(&response.result())
    }
}

#[derive(Debug)]
struct Response {
    message_id: i64,
    op: u8,
    code: i64,
    diagnostic: String,
}

impl Response {
    fn parse(message: &[u8]) -> Result<Response, String> {
        let mut fields = Ber(message);
        let message_id = integer(fields.expect(INTEGER, "messageID")?)?;
        let (op, body) = fields.next()?.ok_or("no protocolOp")?;
        let mut body = Ber(body);
        let (code, diagnostic) = if op == EXTENDED_RESPONSE || (op & 0x60 == 0x60) {
            // Every LDAPResult begins alike (RFC 4511 §4.1.9).
            let code = integer(body.expect(ENUMERATED, "resultCode")?)?;
            let _matched_dn = body.expect(OCTET_STRING, "matchedDN")?;
            let diagnostic = body.expect(OCTET_STRING, "diagnosticMessage")?;
            (code, printable(diagnostic))
        } else {
            return Err(format!("an LDAP message with protocolOp tag 0x{op:02x}"));
        };
        Ok(Response { message_id, op, code, diagnostic })
    }

    /// `resultCode 53 (unwillingToPerform): message`.
    fn result(&self) -> String {
        let mut text = format!("resultCode {} ({})", self.code, result_name(self.code));
        if !self.diagnostic.is_empty() {
            text.push_str(": ");
            text.push_str(&self.diagnostic);
        }
        text
    }

    fn summary(&self) -> String {
        format!("ExtendedResponse messageID {} {}", self.message_id, self.result())
    }
}

/// A sequence of BER elements.
struct Ber<'a>(&'a [u8]);

impl<'a> Ber<'a> {
    /// The next element's tag and contents.
    fn next(&mut self) -> Result<Option<(u8, &'a [u8])>, String> {
        let Some(&tag) = self.0.first() else { return Ok(None) };
        let (length, header) = header(self.0)?.ok_or("a truncated BER element")?;
        let end = header.checked_add(length).ok_or("a BER length overflows")?;
        let contents = self.0.get(header..end).ok_or("a truncated BER element")?;
        self.0 = self.0.get(end..).unwrap_or_default();
        Ok(Some((tag, contents)))
    }

    fn expect(&mut self, tag: u8, what: &str) -> Result<&'a [u8], String> {
        match self.next()? {
            Some((found, contents)) if found == tag => Ok(contents),
            Some((found, _)) => Err(format!("{what}: tag 0x{found:02x} instead of 0x{tag:02x}")),
            None => Err(format!("{what} is missing")),
        }
    }
}

/// The contents' length and the header's length of the element `bytes` starts with; `None`
/// while incomplete (X.690 §8.1.2, §8.1.3: low tag numbers, definite lengths of at most 4 bytes).
fn header(bytes: &[u8]) -> Result<Option<(usize, usize)>, String> {
    let Some(&tag) = bytes.first() else { return Ok(None) };
    if tag & 0x1f == 0x1f {
        return Err("a BER tag of more than one byte".to_owned());
    }
    let Some(&first) = bytes.get(1) else { return Ok(None) };
    if first < 0x80 {
        return Ok(Some((usize::from(first), 2)));
    }
    let count = usize::from(first & 0x7f);
    if count == 0 {
        return Err("a BER indefinite length (not allowed in LDAP, RFC 4511 §5.1)".to_owned());
    }
    if count > 4 {
        return Err(format!("a BER length of {count} bytes"));
    }
    let Some(length_bytes) = bytes.get(2..2 + count) else { return Ok(None) };
    let length = length_bytes.iter().fold(0usize, |n, &b| (n << 8) | usize::from(b));
    Ok(Some((length, 2 + count)))
}

/// A BER INTEGER or ENUMERATED of at most 8 bytes (X.690 §8.3), two's complement.
fn integer(contents: &[u8]) -> Result<i64, String> {
    if contents.is_empty() || contents.len() > 8 {
        return Err(format!("an integer of {} bytes", contents.len()));
    }
    let negative = contents.first().is_some_and(|b| b & 0x80 != 0);
    let start: i64 = if negative { -1 } else { 0 };
    Ok(contents.iter().fold(start, |n, &b| (n << 8) | i64::from(b)))
}

/// RFC 4511 §4.1.9 and Appendix A.
fn result_name(code: i64) -> &'static str {
    match code {
        0 => "success",
        1 => "operationsError",
        2 => "protocolError",
        3 => "timeLimitExceeded",
        7 => "authMethodNotSupported",
        8 => "strongerAuthRequired",
        11 => "adminLimitExceeded",
        12 => "unavailableCriticalExtension",
        13 => "confidentialityRequired",
        32 => "noSuchObject",
        48 => "inappropriateAuthentication",
        49 => "invalidCredentials",
        50 => "insufficientAccessRights",
        51 => "busy",
        52 => "unavailable",
        53 => "unwillingToPerform",
        80 => "other",
        _ => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use tls_doctor_core::wire::{StarttlsOutcome, StarttlsProtocol};

    use crate::starttls::tests::{bytewise, run, run_then_close};

    const LDAP: StarttlsProtocol = StarttlsProtocol::Ldap;

    /// An ExtendedResponse for message `id` with `code` and a diagnostic message.
    fn response(id: u8, code: u8, message: &[u8]) -> Vec<u8> {
        let mut result = vec![0x0a, 0x01, code, 0x04, 0x00, 0x04, u8::try_from(message.len()).unwrap_or(0)];
        result.extend_from_slice(message);
        let mut op = vec![0x78, u8::try_from(result.len()).unwrap_or(0)];
        op.extend_from_slice(&result);
        let mut body = vec![0x02, 0x01, id];
        body.extend_from_slice(&op);
        let mut out = vec![0x30, u8::try_from(body.len()).unwrap_or(0)];
        out.extend_from_slice(&body);
        out
    }

    #[test]
    fn the_request() {
        let r = run(LDAP, &[]);
        let mut expected = vec![0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16];
        expected.extend_from_slice(b"1.3.6.1.4.1.1466.20037");
        assert_eq!(r.sent_bytes, [expected]);
        assert_eq!(r.sent_bytes[0].len(), 31);
    }

    #[test]
    fn openldap_success() {
        // OpenLDAP answers with the responseName [10] echoed.
        let ok: &[u8] = b"\x30\x24\x02\x01\x01\x78\x1f\x0a\x01\x00\x04\x00\x04\x00\x8a\x16\x31\x2e\x33\x2e\x36\x2e\x31\x2e\x34\x2e\x31\x2e\x31\x34\x36\x36\x2e\x32\x30\x30\x33\x37";
        for r in [run(LDAP, &[ok]), bytewise(LDAP, &[ok])] {
            assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
            assert_eq!(r.starttls.advertised, None);
            assert_eq!(r.starttls.greeting, None);
            assert_eq!(
                r.starttls.transcript.last().map(String::as_str),
                Some("S: ExtendedResponse messageID 1 resultCode 0 (success)")
            );
        }
    }

    #[test]
    fn openldap_without_tls() {
        let r = run(LDAP, &[&response(1, 52, b"Could not initialize TLS")]);
        assert_eq!(
            r.starttls.outcome,
            StarttlsOutcome::Refused { reply: "resultCode 52 (unavailable): Could not initialize TLS".into() }
        );
        let r = run(LDAP, &[&response(1, 2, b"unsupported extended operation")]);
        assert_eq!(
            r.starttls.outcome,
            StarttlsOutcome::Refused { reply: "resultCode 2 (protocolError): unsupported extended operation".into() }
        );
        let r = run(LDAP, &[&response(1, 53, b"")]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Refused { reply: "resultCode 53 (unwillingToPerform)".into() });
    }

    #[test]
    fn notice_of_disconnection() {
        let r = run(LDAP, &[&response(0, 52, b"server shutting down")]);
        assert_eq!(
            r.starttls.outcome,
            StarttlsOutcome::Refused {
                reply: "notice of disconnection: resultCode 52 (unavailable): server shutting down".into()
            }
        );
    }

    #[test]
    fn long_form_lengths_and_errors() {
        // The same success with a long-form outer length.
        let r = run(LDAP, &[b"\x30\x84\x00\x00\x00\x0c\x02\x01\x01\x78\x07\x0a\x01\x00\x04\x00\x04\x00"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
        let r = run(LDAP, &[b"\x30\x80\x02\x01\x01"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let r = run(LDAP, &[b"\x30\x84\x7f\xff\xff\xff"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let r = run(LDAP, &[b"\x30\x05\x02\x01\x02\x78\x00"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let r = run(LDAP, &[b"\x30\x03\x02\x09\x01"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let mut injected = response(1, 0, b"");
        injected.extend_from_slice(&response(2, 0, b""));
        let r = run(LDAP, &[&injected]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let r = run(LDAP, &[b"HTTP/1.1 400 Bad Request\r\n\r\n"]);
        assert_eq!(r.starttls.greeting.as_deref(), Some("HTTP/1.1 400 Bad Request"));
        let r = run_then_close(LDAP, &[b"\x30\x0c\x02"], false);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Closed);
    }

    #[test]
    fn integers() {
        assert_eq!(super::integer(&[0x00, 0x80]), Ok(128));
        assert_eq!(super::integer(&[0xff]), Ok(-1));
        assert!(super::integer(&[]).is_err());
        assert!(super::integer(&[1; 9]).is_err());
    }

    #[test]
    fn a_message_longer_than_the_limit_is_not_waited_for() {
        let head = |length: usize| {
            let [hi, lo] = u16::try_from(length).unwrap().to_be_bytes();
            vec![0x30, 0x82, hi, lo, 0x02, 0x01, 0x01]
        };
        // At the limit, the rest of the message is waited for.
        assert_eq!(run(LDAP, &[&head(super::MESSAGE_LIMIT)]).starttls.outcome, StarttlsOutcome::TimedOut);
        let r = run(LDAP, &[&head(super::MESSAGE_LIMIT + 1)]);
        assert_eq!(
            r.starttls.outcome,
            StarttlsOutcome::ProtocolError {
                detail: format!(
                    "an LDAP message of {} bytes (the limit is {})",
                    super::MESSAGE_LIMIT + 1,
                    super::MESSAGE_LIMIT
                )
            }
        );
    }
}
