//! XMPP `STARTTLS` (RFC 6120 §5.4): the client opens the stream (§4.2), the server answers
//! with its stream header and `<stream:features/>` (§4.3.2), which may hold
//! `<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`; `<starttls/>` is answered with
//! `<proceed/>` or `<failure/>` (§5.4.2).
//!
//! No XML parser: the elements are found by their text, which is enough for the features of
//! real servers (Prosody, ejabberd, Openfire) and safe on anything else.

use tls_doctor_core::wire::StarttlsOutcome;

use super::{Input, Protocol, Seen, Step, foreign, not_offered, protocol_error, refused, upgraded};

/// The most bytes read before the stream features are complete. Prosody's and ejabberd's
/// features are under 1 KiB; 16 KiB leaves room for long mechanism lists.
pub(crate) const FEATURES_LIMIT: usize = 16 * 1024;
/// The namespace of `<starttls/>`, `<proceed/>` and `<failure/>` (RFC 6120 §5.4.2).
const TLS_NAMESPACE: &str = "urn:ietf:params:xml:ns:xmpp-tls";
const STARTTLS: &str = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";

#[derive(Debug)]
pub(super) struct Xmpp {
    /// Server-to-server (`jabber:server`) rather than client-to-server.
    server: bool,
    from: String,
    to: String,
    state: State,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Features,
    Proceed,
}

impl Xmpp {
    pub(super) fn new(server: bool, from: &str, to: &str) -> Self {
        Xmpp { server, from: from.to_owned(), to: to.to_owned(), state: State::Features }
    }

    fn features(&mut self, input: &mut Input, seen: &mut Seen) -> Step {
        let text = view(input.bytes());
        let body = text.trim_start();
        if body.is_empty() {
            return Step::NeedMore;
        }
        if !body.starts_with('<') {
            let skipped = text.len() - body.len();
            let bytes = input.bytes().get(skipped..).unwrap_or_default();
            return foreign(seen, bytes, "the answer is not an XMPP stream");
        }
        if let Some(condition) = stream_error(&text) {
            return stream_refused(&condition, seen);
        }
        let Some(end) = features_end(&text) else {
            if text.contains("</stream:stream>") {
                seen.server("</stream:stream>");
                return Step::Done(StarttlsOutcome::Closed);
            }
            if text.len() > FEATURES_LIMIT {
                return protocol_error(format!("more than {FEATURES_LIMIT} bytes without the stream features"));
            }
            return Step::NeedMore;
        };
        let head = text.get(..end).unwrap_or_default();
        if let Some(header) = element_start(head, "<stream:stream") {
            seen.server(header);
        }
        let features = head.find("<stream:features").and_then(|at| head.get(at..)).unwrap_or_default();
        seen.server(features);
        let starttls = starttls_offered(features);
        for mechanism in mechanisms(features) {
            seen.offer_sasl(&mechanism);
        }
        input.consume(end);
        seen.advertised = Some(starttls);
        if !starttls {
            return not_offered(None);
        }
        self.state = State::Proceed;
        seen.client(STARTTLS);
        Step::Send(STARTTLS.as_bytes().to_vec())
    }

    fn proceed(&mut self, input: &mut Input, seen: &mut Seen) -> Step {
        let text = view(input.bytes());
        if let Some(condition) = stream_error(&text) {
            return stream_refused(&condition, seen);
        }
        let body = text.trim_start();
        let skipped = text.len() - body.len();
        if body.starts_with("<proceed") {
            let Some(end) = element_end(body, "proceed") else { return self.wait(&text) };
            seen.server(body.get(..end).unwrap_or_default());
            input.consume(skipped + end);
            return upgraded(input, seen);
        }
        if body.starts_with("<failure") {
            let end = element_end(body, "failure").unwrap_or(body.len());
            let failure = body.get(..end).unwrap_or_default();
            seen.server(failure);
            return refused(failure);
        }
        if body.starts_with("<stream:error") || !body.contains('>') {
            return self.wait(&text);
        }
        protocol_error(format!("an unexpected answer to <starttls/>: {}", first_element(body)))
    }

    fn wait(&self, text: &str) -> Step {
        if text.len() > FEATURES_LIMIT {
            return protocol_error(format!("more than {FEATURES_LIMIT} bytes without an answer to <starttls/>"));
        }
        Step::NeedMore
    }
}

impl Protocol for Xmpp {
    /// The initial stream header (RFC 6120 §4.7): `to` our server; `from` only between
    /// servers (§4.7.1: a client without an account leaves it out).
    fn start(&mut self, seen: &mut Seen) -> Vec<u8> {
        let (namespace, from) = if self.server {
            ("jabber:server", format!(" from='{}'", self.from))
        } else {
            ("jabber:client", String::new())
        };
        let header = format!(
            "<?xml version='1.0'?><stream:stream to='{}'{from} xmlns='{namespace}' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>",
            self.to
        );
        seen.client(&header);
        header.into_bytes()
    }

    fn advance(&mut self, input: &mut Input, seen: &mut Seen) -> Step {
        match self.state {
            State::Features => self.features(input, seen),
            State::Proceed => self.proceed(input, seen),
        }
    }
}

fn stream_refused(condition: &str, seen: &mut Seen) -> Step {
    let reply = format!("stream:error {condition}");
    seen.server(&format!("<stream:error><{condition}/>"));
    refused(&reply)
}

/// The bytes as text, one character per byte (so that positions agree): line ends and tabs
/// become spaces, other non-printable bytes `?`.
fn view(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            b' '..=b'~' => char::from(b),
            b'\t' | b'\r' | b'\n' => ' ',
            _ => '?',
        })
        .collect()
}

/// Where the stream features end: after `</stream:features>`, or after an empty
/// `<stream:features/>`.
fn features_end(text: &str) -> Option<usize> {
    let start = text.find("<stream:features")?;
    let rest = text.get(start..)?;
    let close = rest.find('>')?;
    if rest.get(..close)?.ends_with('/') {
        return Some(start + close + 1);
    }
    let end = rest.find("</stream:features>")?;
    Some(start + end + "</stream:features>".len())
}

/// The start tag that begins with `open`, up to its `>`.
fn element_start<'a>(text: &'a str, open: &str) -> Option<&'a str> {
    let start = text.find(open)?;
    let rest = text.get(start..)?;
    let end = rest.find('>')?;
    rest.get(..=end)
}

/// Where the element `name` that `text` starts with ends: after `/>` or `</name>`.
fn element_end(text: &str, name: &str) -> Option<usize> {
    let close = text.find('>')?;
    if text.get(..close)?.ends_with('/') {
        return Some(close + 1);
    }
    let end_tag = format!("</{name}>");
    let end = text.find(&end_tag)?;
    Some(end + end_tag.len())
}

/// The first element's start tag, or the text's start, for a message.
fn first_element(text: &str) -> &str {
    let end = text.find('>').map_or(text.len(), |e| e + 1);
    text.get(..end).unwrap_or_default()
}

/// Whether the features hold `<starttls>` in the TLS namespace (either quote style).
fn starttls_offered(features: &str) -> bool {
    let mut rest = features;
    while let Some(at) = rest.find("<starttls") {
        let Some(tail) = rest.get(at..) else { return false };
        let tag = first_element(tail);
        if tag.contains(TLS_NAMESPACE) {
            return true;
        }
        rest = tail.get(1..).unwrap_or_default();
    }
    false
}

/// The SASL mechanisms (RFC 6120 §6.4.1): `<mechanism>PLAIN</mechanism>`…
fn mechanisms(features: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = features;
    while let Some(at) = rest.find("<mechanism>") {
        let Some(tail) = rest.get(at + "<mechanism>".len()..) else { break };
        let Some(end) = tail.find("</mechanism>") else { break };
        found.push(tail.get(..end).unwrap_or_default().trim().to_owned());
        rest = tail.get(end..).unwrap_or_default();
    }
    found
}

/// The condition of a `<stream:error>` (RFC 6120 §4.9.3): its first child's name, once it is
/// complete.
fn stream_error(text: &str) -> Option<String> {
    let start = text.find("<stream:error")?;
    let rest = text.get(start..)?;
    let open_end = rest.find('>')?;
    if rest.get(..open_end)?.ends_with('/') {
        return Some("(no condition)".to_owned());
    }
    let inner = rest.get(open_end + 1..)?.trim_start();
    let name = inner.strip_prefix('<')?;
    let end = name.find([' ', '/', '>'])?;
    let name = name.get(..end)?;
    (!name.is_empty()).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use tls_doctor_core::wire::{StarttlsOutcome, StarttlsProtocol};

    use crate::starttls::tests::{bytewise, run, run_then_close};

    const CLIENT: StarttlsProtocol = StarttlsProtocol::XmppClient;

    const PROSODY: &[u8] = b"<?xml version='1.0'?><stream:stream xmlns='jabber:client' xml:lang='en' version='1.0' id='0f6a2c3e-1d8b-4a5e-9b3c-6f1e2d3c4b5a' from='chat.example.org' xmlns:stream='http://etherx.jabber.org/streams'><stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>";

    #[test]
    fn prosody() {
        let chunks: &[&[u8]] = &[PROSODY, b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"];
        for r in [run(CLIENT, chunks), bytewise(CLIENT, chunks)] {
            assert_eq!(r.sent.len(), 2);
            assert!(
                r.sent[0]
                    .starts_with("<?xml version='1.0'?><stream:stream to='chat.example.org' xmlns='jabber:client'")
            );
            assert_eq!(r.sent[1], "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
            assert_eq!(r.starttls.advertised, Some(true));
            assert_eq!(r.starttls.greeting, None);
        }
    }

    #[test]
    fn ejabberd_double_quotes_and_mechanisms() {
        let r = run(
            CLIENT,
            &[
                b"<?xml version='1.0'?>\n<stream:stream id=\"1234\" version=\"1.0\" xml:lang=\"en\" xmlns=\"jabber:client\" xmlns:stream=\"http://etherx.jabber.org/streams\" from=\"example.org\">",
                b"<stream:features><c xmlns=\"http://jabber.org/protocol/caps\" hash=\"sha-1\" node=\"http://www.process-one.net/en/ejabberd/\" ver=\"x\"/><starttls xmlns=\"urn:ietf:params:xml:ns:xmpp-tls\"/><mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><mechanism>PLAIN</mechanism><mechanism>SCRAM-SHA-1</mechanism><mechanism>X-OAUTH2</mechanism></mechanisms><register xmlns=\"http://jabber.org/features/iq-register\"/></stream:features>",
                b"<proceed xmlns=\"urn:ietf:params:xml:ns:xmpp-tls\"></proceed>",
            ],
        );
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Ready);
        assert_eq!(r.starttls.plaintext_auth, ["PLAIN"]);
    }

    #[test]
    fn server_to_server_and_failure() {
        let r = run(
            StarttlsProtocol::XmppServer,
            &[
                b"<stream:stream xmlns='jabber:server' xmlns:db='jabber:server:dialback' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'><stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>",
                b"<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>",
            ],
        );
        assert!(r.sent[0].contains("from='tls-doctor.invalid' xmlns='jabber:server'"), "{}", r.sent[0]);
        assert_eq!(
            r.starttls.outcome,
            StarttlsOutcome::Refused { reply: "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>".into() }
        );
    }

    #[test]
    fn not_offered_and_stream_errors() {
        let r = run(CLIENT, &[b"<stream:stream xmlns='jabber:client'><stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::NotOffered { reply: None });
        assert_eq!(r.starttls.plaintext_auth, ["PLAIN"]);
        let r = run(CLIENT, &[b"<stream:stream><stream:features/>"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::NotOffered { reply: None });
        let r = run(CLIENT, &[b"<stream:stream xmlns='jabber:client'><stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Refused { reply: "stream:error host-unknown".into() });
        // A <starttls> in another namespace does not count.
        let r = run(CLIENT, &[b"<stream:stream><stream:features><starttls xmlns='urn:example'/></stream:features>"]);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::NotOffered { reply: None });
    }

    #[test]
    fn errors() {
        let r = run(CLIENT, &[b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        assert_eq!(r.starttls.greeting.as_deref(), Some("HTTP/1.1 400 Bad Request"));
        let r =
            run(CLIENT, &[PROSODY, b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/><message>injected</message>"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let r = run(CLIENT, &[PROSODY, b"<iq type='get'/>"]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }));
        let endless = "<stream:stream>".to_owned() + &"<x/>".repeat(5000);
        let r = run(CLIENT, &[endless.as_bytes()]);
        assert!(matches!(r.starttls.outcome, StarttlsOutcome::ProtocolError { .. }), "{r:?}");
        let r = run_then_close(CLIENT, &[b"<stream:stream><stream:feat"], false);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Closed);
        let r = run_then_close(CLIENT, &[PROSODY], true);
        assert_eq!(r.starttls.outcome, StarttlsOutcome::Reset);
    }

    #[test]
    fn features_longer_than_the_limit_are_not_waited_for() {
        let header =
            "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
        let padded = |total: usize| format!("{header}{}", " ".repeat(total - header.len()));
        // At the limit, the features are still waited for.
        assert_eq!(
            run(CLIENT, &[padded(super::FEATURES_LIMIT).as_bytes()]).starttls.outcome,
            StarttlsOutcome::TimedOut
        );
        let r = run(CLIENT, &[padded(super::FEATURES_LIMIT + 1).as_bytes()]);
        assert_eq!(
            r.starttls.outcome,
            StarttlsOutcome::ProtocolError {
                detail: format!("more than {} bytes without the stream features", super::FEATURES_LIMIT)
            }
        );
    }
}
