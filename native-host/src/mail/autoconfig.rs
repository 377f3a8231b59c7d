//! The domain's Mozilla autoconfig file ("clientConfig", config-v1.1.xml), as Thunderbird
//! looks for it: `https://autoconfig.DOMAIN/mail/config-v1.1.xml?emailaddress=ADDRESS`, then
//! `https://DOMAIN/.well-known/autoconfig/mail/config-v1.1.xml`.
//!
//! HTTPS only, verified against Mozilla's roots, the OS store and `--ca-file`. Thunderbird also
//! tries plain `http://`; we do not: an answer anyone on the path can rewrite would let them
//! choose the server the user's password goes to, and the request would carry the address in
//! the clear. Nor do we ask Mozilla's ISPDB (a third party would learn the domain).
//!
//! Bounded: at most [`BODY_LIMIT`] bytes, four addresses, the discovery deadline; both hosts
//! (`autoconfig.DOMAIN` and `DOMAIN`) and their addresses are judged by the gate. The XML is
//! read by roxmltree (well-formed XML only, no DTD, at most [`MAX_NODES`] nodes).

use std::net::IpAddr;
use std::sync::Arc;

use hickory_resolver::TokioResolver;
use rustls::pki_types::ServerName;
use rustls::{ClientConfig, RootCertStore};
use tls_doctor_core::wire::{
    Lookup, LookupError, LookupOutcome, MailEndpoint, MailRole, MailSecurity, MailSource, TrustStore,
};
use tokio::time::{Instant as Deadline, timeout_at};
use tokio_rustls::TlsConnector;

use super::MailInput;
use super::dns::{self, futures_join_all};
use crate::net::gate::{Blocked, refusal_text};
use crate::net::http::{self, Ask, BodyFailure, Failure, Method};
use crate::net::{Gate, Purpose};
use crate::trust::Store;

/// A real autoconfig file is 1–5 KB; 64 KiB is generous.
pub const BODY_LIMIT: usize = 64 * 1024;
/// XML nodes read at most (elements, text, attributes' owners): a real file has under two
/// hundred.
pub const MAX_NODES: u32 = 4096;
/// Servers taken from one file at most.
pub(crate) const MAX_SERVERS: usize = 16;
pub(crate) const MAX_ADDRESSES: usize = 4;

/// The two URLs, fetched at once; one lookup each.
pub async fn discover(
    gate: &Gate,
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
            let outcome = fetch(gate, resolver, &host, &path, roots, deadline).await;
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
    gate: &Gate,
    resolver: &TokioResolver,
    host: &str,
    path: &str,
    roots: Arc<RootCertStore>,
    deadline: Deadline,
) -> Result<Vec<u8>, LookupOutcome> {
    let refused = |r: &tls_doctor_core::wire::Refusal| failed(LookupError::Other, refusal_text(r));
    let way = gate.admit(Purpose::Autoconfig, host, 443).map_err(|r| refused(&r))?;
    let addresses: Vec<IpAddr> = match dns::addresses(resolver, host, MAX_ADDRESSES, deadline).await {
        Ok(a) if a.is_empty() => return Err(LookupOutcome::NoRecords),
        Ok(a) => a,
        Err(outcome) => return Err(outcome),
    };
    let addresses = way.screen(&addresses).map_err(|r| refused(&r))?;
    let mut stream = None;
    let mut last = String::new();
    for address in addresses {
        match way.tcp(address, deadline).await {
            Err(Blocked::TimedOut) => return Err(failed(LookupError::TimedOut, String::new())),
            Err(e) => last = format!("{address} port 443: {e}"),
            Ok(s) => {
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
    let tls = match timeout_at(deadline, TlsConnector::from(Arc::new(config)).connect(name, stream)).await {
        Err(_) => return Err(failed(LookupError::TimedOut, String::new())),
        Ok(Err(e)) => return Err(failed(LookupError::Tls, e.to_string())),
        Ok(Ok(tls)) => tls,
    };
    let ask = Ask { method: Method::Get, path, host, accept: "text/xml, application/xml" };
    let answer = match http::send(tls, ask, deadline).await {
        Ok(answer) => answer,
        Err(Failure::TimedOut) => return Err(failed(LookupError::TimedOut, String::new())),
        Err(e) => return Err(failed(LookupError::Other, e.to_string())),
    };
    if answer.status != 200 {
        return Err(failed(LookupError::HttpStatus, answer.status.to_string()));
    }
    match answer.body(BODY_LIMIT, deadline).await {
        Ok(body) => Ok(body),
        Err(BodyFailure::TooLarge) => Err(failed(LookupError::TooLarge, String::new())),
        Err(BodyFailure::TimedOut) => Err(failed(LookupError::TimedOut, String::new())),
        Err(BodyFailure::Failed(detail)) => Err(failed(LookupError::Other, detail)),
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

/// The servers of a `clientConfig` document; `None` when it is not one (or not well-formed
/// XML). Placeholders (`%EMAILDOMAIN%`, `%EMAILADDRESS%`, `%EMAILLOCALPART%`) are filled in;
/// servers of other types (Exchange, …), unknown socket types and host names that are not names
/// are skipped. Namespace prefixes are ignored.
pub fn parse(xml: &str, input: &MailInput) -> Option<Vec<MailEndpoint>> {
    let options = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: MAX_NODES, ..Default::default() };
    let document = roxmltree::Document::parse_with_options(xml, options).ok()?;
    let root = document.root_element();
    if !root.tag_name().name().eq_ignore_ascii_case("clientConfig") {
        return None;
    }
    let mut servers = Vec::new();
    for node in root.descendants().filter(roxmltree::Node::is_element) {
        let kind = node.attribute("type").unwrap_or_default().to_ascii_lowercase();
        let role = match (node.tag_name().name(), kind.as_str()) {
            ("incomingServer", "imap") => MailRole::IncomingImap,
            ("incomingServer", "pop3") => MailRole::IncomingPop3,
            ("outgoingServer", "smtp") => MailRole::Outgoing,
            _ => continue,
        };
        let field = |name: &str| {
            let element = node.children().find(|c| c.is_element() && c.tag_name().name() == name)?;
            let text: String = element.descendants().filter_map(|n| n.is_text().then(|| n.text()).flatten()).collect();
            Some(fill(text.trim(), input))
        };
        let (Some(host), Some(port), Some(security)) = (field("hostname"), field("port"), field("socketType")) else {
            continue;
        };
        let security = match security.to_ascii_lowercase().as_str() {
            "ssl" | "tls" => MailSecurity::Tls,
            "starttls" => MailSecurity::Starttls,
            "plain" => MailSecurity::None,
            _ => continue,
        };
        let (Some(host), Some(port)) = (crate::target::normalise_name(&host), crate::target::parse_port(&port)) else {
            continue;
        };
        if servers.len() < MAX_SERVERS {
            servers.push(MailEndpoint { role, host, port, security, source: MailSource::Autoconfig });
        }
    }
    Some(servers)
}

fn fill(text: &str, input: &MailInput) -> String {
    let local = input.address.as_deref().and_then(|a| a.rsplit_once('@')).map_or("", |(l, _)| l);
    text.replace("%EMAILDOMAIN%", &input.domain)
        .replace("%EMAILADDRESS%", input.address.as_deref().unwrap_or(""))
        .replace("%EMAILLOCALPART%", local)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// Also a seed of the `autoconfig_xml` fuzz target (fuzz/src/bin/seeds.rs).
    const SAMPLE: &str = include_str!("testdata/autoconfig.xml");

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
            assert_eq!(parse(junk, &input()), None, "{junk:?}");
        }
        assert_eq!(parse("<clientConfig/>", &input()), Some(Vec::new()));
        // A flood of tags stops at the node limit, and is not a document.
        let flood = format!("<clientConfig>{}</clientConfig>", "<a/>".repeat(usize::try_from(MAX_NODES).unwrap() * 2));
        assert_eq!(parse(&flood, &input()), None);
        // Entities are expanded only as XML defines them; a DTD is refused (no entity bombs).
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><clientConfig>&b;</clientConfig>";
        assert_eq!(parse(bomb, &input()), None);
    }

    #[test]
    fn at_most_sixteen_servers_are_taken_from_a_file() {
        let server = |i: usize| {
            format!(
                "<incomingServer type=\"imap\"><hostname>imap{i}.example.jp</hostname><port>993</port><socketType>SSL</socketType></incomingServer>"
            )
        };
        let xml = format!(
            "<clientConfig><emailProvider>{}</emailProvider></clientConfig>",
            (0..MAX_SERVERS * 3).map(server).collect::<String>()
        );
        let servers = parse(&xml, &input()).unwrap();
        assert_eq!(servers.len(), MAX_SERVERS);
        assert_eq!(servers.last().map(|s| s.host.clone()), Some(format!("imap{}.example.jp", MAX_SERVERS - 1)));
    }

    #[test]
    fn namespaces_and_entities_are_read() {
        let xml = r#"<c:clientConfig xmlns:c="urn:x"><c:emailProvider><c:incomingServer type="IMAP">
            <c:hostname>imap&#46;example&#x2e;jp</c:hostname><c:port> 993 </c:port><c:socketType>SSL</c:socketType>
            </c:incomingServer></c:emailProvider></c:clientConfig>"#;
        let servers = parse(xml, &input()).unwrap();
        assert_eq!(servers.len(), 1);
        assert_eq!((servers[0].host.as_str(), servers[0].port), ("imap.example.jp", 993));
        assert_eq!(percent_encode("a+b@example.jp"), "a%2Bb%40example.jp");
    }
}
