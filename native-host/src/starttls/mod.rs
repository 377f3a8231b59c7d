//! The plaintext dialogues that upgrade a connection to TLS (SMTP `STARTTLS`, IMAP, POP3 `STLS`,
//! FTP `AUTH TLS`, XMPP `<starttls/>`, LDAP StartTLS, PostgreSQL and MySQL `SSLRequest`, NNTP,
//! ManageSieve), one sans-IO state machine per protocol.
//!
//! A [`Dialogue`] never touches a socket: it is given the server's bytes and says what to send
//! next ([`Step`]). `probe::starttls` drives it over TCP. The code faces hostile servers: every
//! line, reply, message and the whole dialogue have a size limit, and no input panics.
//!
//! How to drive a dialogue:
//! 1. send [`Dialogue::start`]'s bytes when there are any (the client speaks first), then call
//!    [`Dialogue::sent`];
//! 2. on [`Step::NeedMore`] read and call [`Dialogue::receive`]; on end of stream or a reset call
//!    [`Dialogue::closed`];
//! 3. on [`Step::Send`] write the bytes, then call [`Dialogue::sent`] (it handles bytes that
//!    were already received before reading more);
//! 4. on [`Step::Ready`] the TLS handshake starts on the very next byte; on [`Step::Done`] the
//!    dialogue is over. [`Dialogue::finish`] turns what was seen into the wire's [`Starttls`].

use tls_doctor_core::wire::{
    STARTTLS_LINE_LIMIT, STARTTLS_TRANSCRIPT_LIMIT, Starttls, StarttlsOutcome, StarttlsProtocol,
};

/// The next complete line from the input (recorded in the transcript), or return what the
/// caller must do: [`Step::NeedMore`] for an incomplete line, a protocol error for a line over
/// [`LINE_BYTES_LIMIT`].
macro_rules! next_line {
    ($input:expr, $seen:expr) => {
        match $input.line($seen) {
            Ok(Some(line)) => line,
            Ok(None) => return Step::NeedMore,
            Err(step) => return step,
        }
    };
}

mod ftp;
mod imap;
pub(crate) mod ldap;
pub(crate) mod mysql;
mod nntp;
mod pop3;
pub(crate) mod postgres;
mod sieve;
mod smtp;
pub(crate) mod xmpp;

/// The longest line read before giving up. RFC 5321 §4.5.3.1.5 allows 512 octets per SMTP reply
/// line and RFC 9051 §4 lets IMAP lines be longer; a real capability line fits easily in 4 KiB,
/// and a server that sends more without a line end is not speaking the protocol.
pub const LINE_BYTES_LIMIT: usize = 4096;
/// The most lines in one multi-line reply (EHLO, FEAT, CAPA, CAPABILITIES…). Real servers send
/// fewer than 30; more is a server trickling lines to hold the client.
pub const CONTINUATION_LIMIT: usize = 100;
/// The most bytes read from the server in one dialogue, before TLS.
pub const DIALOGUE_BYTES_LIMIT: usize = 64 * 1024;
/// The most SASL mechanisms or login commands kept in `plaintext_auth`.
pub(crate) const AUTH_LIMIT: usize = 16;
/// The longest name put in `EHLO`/`HELO` or an XMPP stream header (RFC 1035 §2.3.4).
pub(crate) const NAME_LIMIT: usize = 253;

/// What the driver does next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Write these bytes, then call [`Dialogue::sent`].
    Send(Vec<u8>),
    /// Read more bytes and call [`Dialogue::receive`].
    NeedMore,
    /// The server agreed: the TLS handshake starts with the next byte on the connection.
    Ready,
    /// The dialogue ended without an upgrade.
    Done(StarttlsOutcome),
}

/// One STARTTLS dialogue, as a state machine over the bytes the server sends.
#[derive(Debug)]
pub struct Dialogue {
    protocol: StarttlsProtocol,
    machine: Box<dyn Protocol>,
    seen: Seen,
    input: Input,
    /// Bytes received so far, for [`DIALOGUE_BYTES_LIMIT`].
    received: usize,
    /// Whether the first bytes were checked for a TLS record.
    heard: bool,
    /// The final step once there is one: later calls repeat it.
    end: Option<Step>,
}

impl Dialogue {
    /// A dialogue for `protocol`. `client_name` is our name where the protocol asks for one
    /// (SMTP `EHLO`, the XMPP server-to-server `from`); `server_name` is the XMPP `to`. Both are
    /// reduced to the characters of a host name, so that they cannot inject a command.
    pub fn new(protocol: StarttlsProtocol, client_name: &str, server_name: &str) -> Self {
        let client_name = host_name(client_name);
        let server_name = host_name(server_name);
        let machine: Box<dyn Protocol> = match protocol {
            StarttlsProtocol::Smtp => Box::new(smtp::Smtp::new(&client_name)),
            StarttlsProtocol::Imap => Box::new(imap::Imap::new()),
            StarttlsProtocol::Pop3 => Box::new(pop3::Pop3::new()),
            StarttlsProtocol::Ftp => Box::new(ftp::Ftp::new()),
            StarttlsProtocol::XmppClient => Box::new(xmpp::Xmpp::new(false, &client_name, &server_name)),
            StarttlsProtocol::XmppServer => Box::new(xmpp::Xmpp::new(true, &client_name, &server_name)),
            StarttlsProtocol::Ldap => Box::new(ldap::Ldap::new()),
            StarttlsProtocol::Postgres => Box::new(postgres::Postgres::new()),
            StarttlsProtocol::Mysql => Box::new(mysql::Mysql::new()),
            StarttlsProtocol::Nntp => Box::new(nntp::Nntp::new()),
            StarttlsProtocol::Sieve => Box::new(sieve::Sieve::new()),
        };
        Dialogue {
            protocol,
            machine,
            seen: Seen::default(),
            input: Input::default(),
            received: 0,
            heard: false,
            end: None,
        }
    }

    /// The protocol this dialogue speaks.
    pub fn protocol(&self) -> StarttlsProtocol {
        self.protocol
    }

    /// Bytes to send before anything is read: the client speaks first in LDAP, PostgreSQL and
    /// XMPP. Empty for the other protocols, whose server greets first.
    pub fn start(&mut self) -> Vec<u8> {
        if self.end.is_some() {
            return Vec::new();
        }
        self.machine.start(&mut self.seen)
    }

    /// The server sent `bytes`: what to do next.
    pub fn receive(&mut self, bytes: &[u8]) -> Step {
        if let Some(end) = &self.end {
            return end.clone();
        }
        self.received = self.received.saturating_add(bytes.len());
        if self.received > DIALOGUE_BYTES_LIMIT {
            return self
                .end(protocol_error(format!("the server sent more than {DIALOGUE_BYTES_LIMIT} bytes before TLS")));
        }
        self.input.buf.extend_from_slice(bytes);
        if !self.heard {
            match self.input.buf.as_slice() {
                [] | [0x15 | 0x16] => return Step::NeedMore,
                // A TLS handshake record (22) or alert (21) with a 3.x version (RFC 8446 §5.1):
                // the port speaks implicit TLS, or answered our plaintext with a TLS alert.
                [kind @ (0x15 | 0x16), 3, ..] => {
                    let what = if *kind == 0x16 { "a TLS handshake record" } else { "a TLS alert" };
                    self.seen.server(what);
                    return self.end(Step::Done(StarttlsOutcome::TlsSpoken));
                }
                _ => self.heard = true,
            }
        }
        self.advance()
    }

    /// The bytes of the last [`Step::Send`] were written: what to do next. Bytes that came
    /// before are handled first (a server may answer early); then [`Step::NeedMore`].
    pub fn sent(&mut self) -> Step {
        if let Some(end) = &self.end {
            return end.clone();
        }
        self.advance()
    }

    /// The server closed the connection (`reset` false) or reset it (`reset` true).
    pub fn closed(&mut self, reset: bool) -> Step {
        if let Some(end) = &self.end {
            return end.clone();
        }
        // A last line without its line end is evidence too (a banner, an error).
        if !self.input.buf.is_empty() {
            let line = first_line(&self.input.buf);
            self.seen.server(&line);
            self.seen.greet(&line);
            self.input.buf.clear();
        }
        let outcome = if reset { StarttlsOutcome::Reset } else { StarttlsOutcome::Closed };
        self.end(Step::Done(outcome))
    }

    /// The evidence so far (greeting, advertised, plaintext logins, transcript) with `outcome`.
    pub fn finish(self, outcome: StarttlsOutcome, elapsed_ms: u64) -> Starttls {
        Starttls {
            protocol: self.protocol,
            greeting: self.seen.greeting,
            advertised: self.seen.advertised,
            plaintext_auth: self.seen.plaintext_auth,
            outcome,
            transcript: self.seen.transcript.into_lines(),
            elapsed_ms,
        }
    }

    fn advance(&mut self) -> Step {
        let step = self.machine.advance(&mut self.input, &mut self.seen);
        match step {
            Step::Ready | Step::Done(_) => self.end(step),
            Step::Send(_) | Step::NeedMore => step,
        }
    }

    fn end(&mut self, step: Step) -> Step {
        self.end = Some(step.clone());
        step
    }
}

/// One protocol's state machine.
/// Feeds `input` to `each` a line at a time, until it answers something other than "need
/// more" or the lines run out: the `advance` of the protocols that are one reply per line.
fn by_line(input: &mut Input, seen: &mut Seen, mut each: impl FnMut(&str, &mut Input, &mut Seen) -> Step) -> Step {
    loop {
        let line = next_line!(input, seen);
        let step = each(&line, input, seen);
        if step != Step::NeedMore {
            return step;
        }
    }
}

trait Protocol: std::fmt::Debug + Send + Sync {
    /// What the client sends first, if it speaks first.
    fn start(&mut self, _seen: &mut Seen) -> Vec<u8> {
        Vec::new()
    }

    /// Consume what it can of `input`.
    fn advance(&mut self, input: &mut Input, seen: &mut Seen) -> Step;
}

/// What the dialogue has shown so far: the parts of [`Starttls`] besides the outcome.
#[derive(Debug, Default)]
struct Seen {
    greeting: Option<String>,
    advertised: Option<bool>,
    plaintext_auth: Vec<String>,
    transcript: Transcript,
}

impl Seen {
    /// A line we sent.
    fn client(&mut self, text: &str) {
        self.transcript.push(clip(&format!("C: {text}")));
    }

    /// A line (or a summary of a binary message) the server sent.
    fn server(&mut self, text: &str) {
        self.transcript.push(clip(&format!("S: {text}")));
    }

    /// The server's first line, if none is known yet.
    fn greet(&mut self, line: &str) {
        if self.greeting.is_none() {
            self.greeting = Some(clip(line.trim()));
        }
    }

    /// A SASL mechanism the server offers: kept when it carries the password itself (`PLAIN`,
    /// RFC 4616; `LOGIN`, draft-murchison-sasl-login), which anyone on the path could read.
    /// Challenge-response mechanisms (SCRAM, GSSAPI…) do not reveal it and are not kept.
    fn offer_sasl(&mut self, mechanism: &str) {
        let mechanism = mechanism.trim().to_ascii_uppercase();
        if mechanism == "PLAIN" || mechanism == "LOGIN" {
            self.offer_login(&mechanism);
        }
    }

    /// A login command that sends the password as it is (IMAP `LOGIN`, POP3 and NNTP `USER`).
    fn offer_login(&mut self, name: &str) {
        if self.plaintext_auth.len() < AUTH_LIMIT && !self.plaintext_auth.iter().any(|m| m == name) {
            self.plaintext_auth.push(clip(name));
        }
    }
}

/// The transcript, with at most [`STARTTLS_TRANSCRIPT_LIMIT`] lines: the first lines, then a
/// marker counting the others.
#[derive(Debug, Default)]
struct Transcript {
    lines: Vec<String>,
    dropped: usize,
}

impl Transcript {
    fn push(&mut self, line: String) {
        if self.lines.len() < STARTTLS_TRANSCRIPT_LIMIT {
            self.lines.push(line);
        } else {
            self.dropped = self.dropped.saturating_add(1);
        }
    }

    fn into_lines(mut self) -> Vec<String> {
        if self.dropped > 0 {
            self.lines.truncate(STARTTLS_TRANSCRIPT_LIMIT - 1);
            let more = self.dropped.saturating_add(1);
            self.lines.push(format!("... {more} more lines"));
        }
        self.lines
    }
}

/// The bytes received and not consumed yet.
#[derive(Debug, Default)]
struct Input {
    buf: Vec<u8>,
}

impl Input {
    /// The next line (CRLF or a bare LF ends it), printable ASCII, recorded as `S: `.
    fn line(&mut self, seen: &mut Seen) -> Result<Option<String>, Step> {
        let Some(end) = self.buf.iter().position(|&b| b == b'\n') else {
            if self.buf.len() > LINE_BYTES_LIMIT {
                return Err(long_line());
            }
            return Ok(None);
        };
        if end > LINE_BYTES_LIMIT {
            return Err(long_line());
        }
        let raw: Vec<u8> = self.buf.drain(..=end).collect();
        let body = raw.strip_suffix(b"\n").unwrap_or(&raw);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        let text = printable(body);
        seen.server(&text);
        Ok(Some(text))
    }

    fn bytes(&self) -> &[u8] {
        &self.buf
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.buf.len());
        self.buf.drain(..n);
    }

    fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }
}

fn long_line() -> Step {
    protocol_error(format!("a line of more than {LINE_BYTES_LIMIT} bytes"))
}

/// Numbered replies: SMTP (RFC 5321 §4.2) and FTP (RFC 959 §4.2), which differ in their
/// multi-line form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ReplyStyle {
    /// RFC 5321 §4.2.1: every line carries the same code, `-` after it on all but the last.
    Smtp,
    /// RFC 959 §4.2: the first line is `code-`, the last `code `; lines between are free text
    /// (FEAT lists features on lines that start with a space, RFC 2389 §3.2).
    Ftp,
}

/// A complete numbered reply.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Reply {
    code: u16,
    /// The first line, whole.
    first: String,
    /// Each line's text after the code (FTP's free lines whole, trimmed).
    texts: Vec<String>,
}

/// Collects the lines of numbered replies.
#[derive(Debug)]
struct Replies {
    style: ReplyStyle,
    open: Option<Reply>,
}

impl Replies {
    fn new(style: ReplyStyle) -> Self {
        Replies { style, open: None }
    }

    /// The reply `line` completes, if it does; `Err` with a detail when the line breaks the
    /// reply syntax.
    fn feed(&mut self, line: &str) -> Result<Option<Reply>, String> {
        let parsed = reply_line(line);
        let Some(mut reply) = self.open.take() else {
            let Some((code, last, text)) = parsed else {
                return Err(format!("not a reply line: {}", clip(line)));
            };
            let reply = Reply { code, first: line.to_owned(), texts: vec![text.to_owned()] };
            if last {
                return Ok(Some(reply));
            }
            self.open = Some(reply);
            return Ok(None);
        };
        if reply.texts.len() >= CONTINUATION_LIMIT {
            return Err(endless());
        }
        match (self.style, parsed) {
            (_, Some((code, last, text))) if code == reply.code => {
                reply.texts.push(text.to_owned());
                if last {
                    return Ok(Some(reply));
                }
            }
            (ReplyStyle::Smtp, Some((code, _, _))) => {
                return Err(format!("a multi-line reply mixes codes {} and {code}", reply.code));
            }
            (ReplyStyle::Smtp, None) => {
                return Err(format!("a line without a reply code inside a multi-line reply: {}", clip(line)));
            }
            (ReplyStyle::Ftp, _) => reply.texts.push(line.trim().to_owned()),
        }
        self.open = Some(reply);
        Ok(None)
    }
}

/// `code`, whether it is the last line, and the text: three digits (first 1–5) then a space,
/// a `-`, or the end of the line (RFC 5321 §4.2, RFC 959 §4.2).
fn reply_line(line: &str) -> Option<(u16, bool, &str)> {
    let bytes = line.as_bytes();
    let [d0 @ b'1'..=b'5', d1 @ b'0'..=b'9', d2 @ b'0'..=b'9', rest @ ..] = bytes else { return None };
    let code = u16::from(d0 - b'0') * 100 + u16::from(d1 - b'0') * 10 + u16::from(d2 - b'0');
    let text = line.get(4..).unwrap_or("");
    match rest {
        [] => Some((code, true, "")),
        [b' ', ..] => Some((code, true, text)),
        [b'-', ..] => Some((code, false, text)),
        _ => None,
    }
}

/// The lines of a dot-terminated multi-line block (POP3 `CAPA`, RFC 2449 §5; NNTP
/// `CAPABILITIES`, RFC 3977 §3.1.1), with the dot-stuffing removed.
#[derive(Debug, Default)]
struct Block {
    lines: Vec<String>,
}

impl Block {
    /// The whole block once `line` is its terminating `.`.
    fn feed(&mut self, line: &str) -> Result<Option<Vec<String>>, String> {
        if line == "." {
            return Ok(Some(std::mem::take(&mut self.lines)));
        }
        if self.lines.len() >= CONTINUATION_LIMIT {
            return Err(endless());
        }
        let line = line.strip_prefix('.').unwrap_or(line);
        self.lines.push(line.to_owned());
        Ok(None)
    }
}

fn endless() -> String {
    format!("endless continuation lines (more than {CONTINUATION_LIMIT} in one reply)")
}

/// Send `line` with CRLF, recorded as `C: `.
fn command(seen: &mut Seen, line: &str) -> Step {
    seen.client(line);
    Step::Send(format!("{line}\r\n").into_bytes())
}

fn protocol_error(detail: impl Into<String>) -> Step {
    Step::Done(StarttlsOutcome::ProtocolError { detail: detail.into() })
}

fn refused(reply: &str) -> Step {
    Step::Done(StarttlsOutcome::Refused { reply: clip(reply) })
}

fn not_offered(reply: Option<&str>) -> Step {
    Step::Done(StarttlsOutcome::NotOffered { reply: reply.map(clip) })
}

/// The server's first answer is not this protocol's: keep its first line as the greeting, so
/// that the model can tell which protocol it is (an HTTP or SSH banner…).
fn foreign(seen: &mut Seen, bytes: &[u8], detail: &str) -> Step {
    let line = first_line(bytes);
    seen.greet(&line);
    protocol_error(detail)
}

/// The server agreed to upgrade. Anything after its reply, before our ClientHello, is bytes the
/// TLS layer would take as its own or a plaintext answer injected ahead of the handshake
/// (CVE-2011-0411, the STARTTLS command injection class): a protocol error, never dropped.
fn upgraded(input: &mut Input, seen: &mut Seen) -> Step {
    if input.is_empty() {
        return Step::Ready;
    }
    let extra = input.bytes().len();
    let line = first_line(input.bytes());
    seen.server(&line);
    input.consume(extra);
    protocol_error(format!(
        "the server sent data after agreeing to TLS ({extra} bytes before the handshake; the STARTTLS command injection weakness, CVE-2011-0411)"
    ))
}

/// Bytes as printable ASCII, one character per byte: tabs become spaces, other controls and
/// non-ASCII bytes `?`.
fn printable(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            b' '..=b'~' => char::from(b),
            b'\t' => ' ',
            _ => '?',
        })
        .collect()
}

/// The first line of `bytes`, printable.
fn first_line(bytes: &[u8]) -> String {
    let end = bytes.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(bytes.len());
    let head = bytes.get(..end.min(LINE_BYTES_LIMIT)).unwrap_or_default();
    printable(head)
}

/// At most [`STARTTLS_LINE_LIMIT`] characters.
fn clip(text: &str) -> String {
    text.chars().take(STARTTLS_LINE_LIMIT).collect()
}

/// The first word of `line`, compared without case.
fn first_word_is(line: &str, word: &str) -> bool {
    line.split_ascii_whitespace().next().is_some_and(|w| w.eq_ignore_ascii_case(word))
}

/// A name reduced to host-name characters (letters, digits, `.-_:[]`), so that it cannot end a
/// command line or an XML attribute.
fn host_name(name: &str) -> String {
    let name: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '[' | ']'))
        .take(NAME_LIMIT)
        .collect();
    if name.is_empty() { "localhost".to_owned() } else { name }
}

#[cfg(test)]
mod tests;
