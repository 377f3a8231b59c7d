//! The domain's Mozilla autoconfig file ("clientConfig", config-v1.1.xml), as Thunderbird
//! looks for it: `https://autoconfig.DOMAIN/mail/config-v1.1.xml?emailaddress=ADDRESS`, then
//! `https://DOMAIN/.well-known/autoconfig/mail/config-v1.1.xml`.
//!
//! HTTPS only, verified against Mozilla's roots, the OS store and `--ca-file`. Thunderbird also
//! tries plain `http://`; we do not: an answer anyone on the path can rewrite would let them
//! choose the server the user's password goes to, and the request would carry the address in
//! the clear. Nor do we ask Mozilla's ISPDB (a third party would learn the domain).
//!
//! Bounded: at most [`BODY_LIMIT`] bytes, four addresses, the discovery deadline; the XML is
//! read by a small tolerant reader that never panics and looks at no more than
//! [`MAX_EVENTS`] tags.

use std::net::IpAddr;
use std::sync::Arc;

use hickory_resolver::TokioResolver;
use rustls::pki_types::ServerName;
use rustls::{ClientConfig, RootCertStore};
use tls_doctor_core::wire::{
    Lookup, LookupError, LookupOutcome, MailEndpoint, MailRole, MailSecurity, MailSource, TrustStore,
};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::time::{Instant as Deadline, timeout_at};
use tokio_rustls::TlsConnector;

use super::MailInput;
use super::discover::{self, futures_join_all};
use crate::probe::http::{self, BodyError, ReadError};
use crate::trust::Store;

/// A real autoconfig file is 1–5 KB; 64 KiB is generous.
pub const BODY_LIMIT: usize = 64 * 1024;
/// Tags read at most: a real file has under a hundred.
pub const MAX_EVENTS: usize = 4096;
/// Servers taken from one file at most.
const MAX_SERVERS: usize = 16;
const MAX_ADDRESSES: usize = 4;

/// The two URLs, fetched at once; one lookup each.
pub async fn discover(
    resolver: &TokioResolver,
    input: &MailInput,
    custom: Option<Arc<Store>>,
    deadline: Deadline,
) -> Vec<(Lookup, Vec<MailEndpoint>)> {
    let roots = match roots(custom).await {
        Some(r) => Arc::new(r),
        None => return Vec::new(),
    };
    let domain = &input.domain;
    let query = input.address.as_ref().map(|a| format!("?emailaddress={}", percent_encode(a))).unwrap_or_default();
    let urls = [
        (format!("autoconfig.{domain}"), format!("/mail/config-v1.1.xml{query}")),
        (domain.clone(), "/.well-known/autoconfig/mail/config-v1.1.xml".to_owned()),
    ];
    futures_join_all(urls.into_iter().map(|(host, path)| {
        let roots = roots.clone();
        async move {
            let url = format!("https://{host}{path}");
            let outcome = fetch(resolver, &host, &path, roots, deadline).await;
            let (outcome, list) = match outcome {
                Ok(body) => match parse(&String::from_utf8_lossy(&body), input) {
                    Some(list) => {
                        let secured = list.iter().filter(|e| e.security != MailSecurity::None).count();
                        (LookupOutcome::Found { servers: secured }, list)
                    }
                    None => (failed(LookupError::NotAutoconfig, String::new()), Vec::new()),
                },
                Err(outcome) => (outcome, Vec::new()),
            };
            (Lookup { source: MailSource::Autoconfig, query: url, outcome }, list)
        }
    }))
    .await
}

async fn roots(custom: Option<Arc<Store>>) -> Option<RootCertStore> {
    let system = tokio::task::spawn_blocking(Store::system).await.unwrap_or_else(|_| Store::empty(TrustStore::System));
    let mut roots = RootCertStore::empty();
    roots.roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    roots.roots.extend(system.anchors);
    if let Some(custom) = custom {
        roots.roots.extend(custom.anchors.iter().cloned());
    }
    Some(roots)
}

/// GET `https://host/path` with a verified TLS connection; the body of a 200 answer.
async fn fetch(
    resolver: &TokioResolver,
    host: &str,
    path: &str,
    roots: Arc<RootCertStore>,
    deadline: Deadline,
) -> Result<Vec<u8>, LookupOutcome> {
    let addresses: Vec<IpAddr> = match discover::addresses(resolver, host, MAX_ADDRESSES, deadline).await {
        Ok(a) if a.is_empty() => return Err(LookupOutcome::NoRecords),
        Ok(a) => a,
        Err(outcome) => return Err(outcome),
    };
    let mut stream = None;
    let mut last = String::new();
    for address in addresses {
        match timeout_at(deadline, TcpStream::connect((address, 443))).await {
            Err(_) => return Err(failed(LookupError::TimedOut, String::new())),
            Ok(Err(e)) => last = format!("{address} port 443: {e}"),
            Ok(Ok(s)) => {
                stream = Some(s);
                break;
            }
        }
    }
    let Some(stream) = stream else { return Err(failed(LookupError::Unreachable, last)) };

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| failed(LookupError::Other, e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let name = ServerName::try_from(host.to_owned()).map_err(|e| failed(LookupError::Other, e.to_string()))?;
    let mut tls = match timeout_at(deadline, TlsConnector::from(Arc::new(config)).connect(name, stream)).await {
        Err(_) => return Err(failed(LookupError::TimedOut, String::new())),
        Ok(Err(e)) => return Err(failed(LookupError::Tls, e.to_string())),
        Ok(Ok(tls)) => tls,
    };
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: tls-doctor/{}\r\nAccept: text/xml, application/xml\r\n\
         Connection: close\r\n\r\n",
        env!("CARGO_PKG_VERSION")
    );
    match timeout_at(deadline, async {
        tls.write_all(request.as_bytes()).await?;
        tls.flush().await
    })
    .await
    {
        Err(_) => return Err(failed(LookupError::TimedOut, String::new())),
        Ok(Err(e)) => return Err(failed(LookupError::Other, e.to_string())),
        Ok(Ok(())) => {}
    }
    let (head, buf) = match http::read_head(&mut tls, deadline).await {
        Ok(x) => x,
        Err(ReadError::TimedOut) => return Err(failed(LookupError::TimedOut, String::new())),
        Err(ReadError::NotHttp) => return Err(failed(LookupError::Other, "not an HTTP answer".into())),
        Err(ReadError::Io(e)) => return Err(failed(LookupError::Other, e.to_string())),
    };
    if head.status != 200 {
        return Err(failed(LookupError::HttpStatus, head.status.to_string()));
    }
    match http::read_body(&mut tls, &head, buf, BODY_LIMIT, deadline).await {
        Ok(body) => Ok(body),
        Err(BodyError::TooLarge) => Err(failed(LookupError::TooLarge, String::new())),
        Err(BodyError::TimedOut) => Err(failed(LookupError::TimedOut, String::new())),
        Err(BodyError::Io(detail)) => Err(failed(LookupError::Other, detail)),
    }
}

fn failed(error: LookupError, detail: String) -> LookupOutcome {
    LookupOutcome::Failed { error, detail }
}

/// RFC 3986 percent-encoding of a query value (unreserved characters stay).
fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The servers of a `clientConfig` document; `None` when it is not one. Placeholders
/// (`%EMAILDOMAIN%`, `%EMAILADDRESS%`, `%EMAILLOCALPART%`) are filled in; servers of other
/// types (Exchange, …), unknown socket types and host names that are not names are skipped.
pub fn parse(xml: &str, input: &MailInput) -> Option<Vec<MailEndpoint>> {
    let events = events(xml);
    if !events.iter().any(|e| matches!(e, Event::Start { name, .. } if name.eq_ignore_ascii_case("clientConfig"))) {
        return None;
    }
    let mut servers = Vec::new();
    let mut current: Option<Pending> = None;
    let mut field: Option<String> = None;
    for event in &events {
        match event {
            Event::Start { name, attrs } if name == "incomingServer" || name == "outgoingServer" => {
                let kind = attr(attrs, "type").unwrap_or_default().to_ascii_lowercase();
                let role = match (name.as_str(), kind.as_str()) {
                    ("incomingServer", "imap") => Some(MailRole::IncomingImap),
                    ("incomingServer", "pop3") => Some(MailRole::IncomingPop3),
                    ("outgoingServer", "smtp") => Some(MailRole::Outgoing),
                    _ => None,
                };
                current = role.map(|role| Pending { role, host: None, port: None, security: None, valid: true });
            }
            Event::End { name } if name == "incomingServer" || name == "outgoingServer" => {
                if let Some(Pending {
                    role,
                    host: Some(host),
                    port: Some(port),
                    security: Some(security),
                    valid: true,
                }) = current.take()
                {
                    if servers.len() < MAX_SERVERS {
                        servers.push(MailEndpoint { role, host, port, security, source: MailSource::Autoconfig });
                    }
                }
                field = None;
            }
            Event::Start { name, .. } if current.is_some() => field = Some(name.clone()),
            Event::End { .. } => field = None,
            Event::Text(text) => {
                let (Some(server), Some(name)) = (current.as_mut(), field.as_deref()) else { continue };
                let text = fill(text.trim(), input);
                match name {
                    "hostname" => match crate::target::normalise_name(&text) {
                        Some(host) => server.host = Some(host),
                        None => server.valid = false,
                    },
                    "port" => server.port = crate::target::parse_port(&text),
                    "socketType" => {
                        server.security = match text.to_ascii_lowercase().as_str() {
                            "ssl" | "tls" => Some(MailSecurity::Tls),
                            "starttls" => Some(MailSecurity::Starttls),
                            "plain" => Some(MailSecurity::None),
                            _ => None,
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    Some(servers)
}

/// A server element being read.
struct Pending {
    role: MailRole,
    host: Option<String>,
    port: Option<u16>,
    security: Option<MailSecurity>,
    /// False once a field was present but unusable (a host name that is not a name).
    valid: bool,
}

fn fill(text: &str, input: &MailInput) -> String {
    let local = input.address.as_deref().and_then(|a| a.rsplit_once('@')).map_or("", |(l, _)| l);
    text.replace("%EMAILDOMAIN%", &input.domain)
        .replace("%EMAILADDRESS%", input.address.as_deref().unwrap_or(""))
        .replace("%EMAILLOCALPART%", local)
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Event {
    Start { name: String, attrs: String },
    End { name: String },
    Text(String),
}

/// A flat list of tags and text. Comments, processing instructions, declarations and CDATA
/// markers are skipped; namespace prefixes are dropped from names; the five predefined
/// entities are decoded. At most [`MAX_EVENTS`] events.
fn events(xml: &str) -> Vec<Event> {
    let mut out = Vec::new();
    let mut rest = xml;
    while !rest.is_empty() && out.len() < MAX_EVENTS {
        let Some(open) = rest.find('<') else {
            push_text(&mut out, rest);
            break;
        };
        push_text(&mut out, &rest[..open]);
        rest = &rest[open..];
        let end_marker = if rest.starts_with("<!--") {
            "-->"
        } else if rest.starts_with("<![CDATA[") {
            // The text of a CDATA section is taken as it is.
            let inner = &rest[9..];
            let Some(close) = inner.find("]]>") else { break };
            out.push(Event::Text(inner[..close].to_owned()));
            rest = &inner[close + 3..];
            continue;
        } else {
            ">"
        };
        let Some(close) = rest.find(end_marker) else { break };
        let tag = &rest[1..close];
        rest = &rest[close + end_marker.len()..];
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        let (closing, body) = match tag.strip_prefix('/') {
            Some(body) => (true, body),
            None => (false, tag),
        };
        let self_closing = body.ends_with('/');
        let body = body.trim_end_matches('/');
        let mut parts = body.splitn(2, |c: char| c.is_whitespace());
        let raw_name = parts.next().unwrap_or_default();
        let name = raw_name.rsplit(':').next().unwrap_or(raw_name).to_owned();
        if closing {
            out.push(Event::End { name });
        } else {
            let attrs = parts.next().unwrap_or_default().to_owned();
            out.push(Event::Start { name: name.clone(), attrs });
            if self_closing {
                out.push(Event::End { name });
            }
        }
    }
    out
}

fn push_text(out: &mut Vec<Event>, text: &str) {
    if !text.trim().is_empty() {
        out.push(Event::Text(decode(text)));
    }
}

fn decode(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The value of attribute `name` in `attrs` (`type="imap"` or `type='imap'`).
fn attr(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next()?;
        if quote != '"' && quote != '\'' {
            return None;
        }
        let value_end = after[1..].find(quote)?;
        let value = &after[1..1 + value_end];
        if key.rsplit(':').next() == Some(name) {
            return Some(decode(value));
        }
        rest = &after[1 + value_end + 1..];
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment with <tags> inside -->
<clientConfig version="1.1">
  <emailProvider id="example.jp">
    <domain>example.jp</domain>
    <incomingServer type="imap">
      <hostname>imap.%EMAILDOMAIN%</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
    </incomingServer>
    <incomingServer type='pop3'>
      <hostname>pop.example.jp</hostname><port>110</port><socketType>plain</socketType>
    </incomingServer>
    <incomingServer type="exchange"><hostname>ews.example.jp</hostname><port>443</port><socketType>SSL</socketType></incomingServer>
    <outgoingServer type="smtp">
      <hostname><![CDATA[smtp.example.jp]]></hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
    </outgoingServer>
    <outgoingServer type="smtp"><hostname>bad host</hostname><port>465</port><socketType>SSL</socketType></outgoingServer>
  </emailProvider>
</clientConfig>"#;

    fn input() -> MailInput {
        MailInput { address: Some("user@example.jp".into()), domain: "example.jp".into() }
    }

    #[test]
    fn a_client_config_gives_its_servers() {
        let servers = parse(SAMPLE, &input()).unwrap();
        let got: Vec<(MailRole, &str, u16, MailSecurity)> =
            servers.iter().map(|s| (s.role, s.host.as_str(), s.port, s.security)).collect();
        assert_eq!(
            got,
            vec![
                (MailRole::IncomingImap, "imap.example.jp", 993, MailSecurity::Tls),
                (MailRole::IncomingPop3, "pop.example.jp", 110, MailSecurity::None),
                (MailRole::Outgoing, "smtp.example.jp", 587, MailSecurity::Starttls),
            ]
        );
    }

    #[test]
    fn other_documents_and_garbage_are_not_autoconfig() {
        assert_eq!(parse("<html><body>Not found</body></html>", &input()), None);
        for junk in ["", "<", "<<<>>>", "<clientConfig", "<!--", "<![CDATA[", "\u{0}\u{ffff}<a b='>"] {
            let _ = parse(junk, &input());
        }
        assert_eq!(parse("<clientConfig/>", &input()), Some(Vec::new()));
        // A flood of tags stops at the event limit.
        let flood = format!("<clientConfig>{}", "<a>".repeat(MAX_EVENTS * 2));
        assert_eq!(parse(&flood, &input()), Some(Vec::new()));
    }

    #[test]
    fn attributes_and_addresses_are_read() {
        assert_eq!(attr(r#"version="1.1" type="imap""#, "type").as_deref(), Some("imap"));
        assert_eq!(attr("type='pop3'", "type").as_deref(), Some("pop3"));
        assert_eq!(attr("type=imap", "type"), None);
        assert_eq!(percent_encode("a+b@example.jp"), "a%2Bb%40example.jp");
    }
}
