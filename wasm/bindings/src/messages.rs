//! The messages of the extension, made from their parts: the observation the model reads (made
//! here, never written in JS), and the host's `check` and `mail` requests with the deadline to
//! wait for their reply. The requests' shape is the wire type's
//! ([`Request`](tls_doctor_core::wire::native::Request)): the tests read every request back
//! through it. Written by hand rather than by serde's derive, which would cost the module more
//! than the messages are worth.

use std::fmt::Write as _;
use std::net::IpAddr;

use tls_doctor_core::Lang;
use tls_doctor_core::deadlines;
use tls_doctor_core::wire::{BrowserInfo, Observation, SeenCert, WIRE_VERSION};

/// A JSON object, written field by field.
struct Object(String);

impl Object {
    fn new(kind: &str) -> Self {
        Object(format!("{{\"v\":{WIRE_VERSION},\"type\":\"{kind}\""))
    }

    /// A field whose value is JSON text already.
    fn raw(mut self, key: &str, json: &str) -> Self {
        let _ = write!(self.0, ",\"{key}\":{json}");
        self
    }

    fn text(self, key: &str, value: &str) -> Self {
        self.raw(key, &quote(value))
    }

    /// A field from JSON text the extension built (`client`: the local probes; `limits`), left
    /// out when empty; `Err` when it is not JSON.
    fn given(self, key: &str, json: &str) -> Result<Self, String> {
        if json.trim().is_empty() {
            return Ok(self);
        }
        serde_json::from_str::<serde::de::IgnoredAny>(json).map_err(|e| format!("{key}: {e}"))?;
        Ok(self.raw(key, json))
    }

    fn end(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

pub fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// An address as the browser gave it (when it is one), or `null`.
fn address(text: &str) -> String {
    let text = text.trim();
    if text.parse::<IpAddr>().is_ok() { quote(text) } else { "null".to_owned() }
}

/// The `Observation` of what the browser reported: `browser` and `chain` (the certificates the
/// browser received on a page that loaded, or empty) are JSON text; `at_ms` is when it
/// happened; an `address` that is none is left out.
pub fn observation(
    url: &str,
    error: &str,
    at_ms: f64,
    address: &str,
    browser: &str,
    chain: &str,
) -> Result<Observation, String> {
    let browser: BrowserInfo = serde_json::from_str(browser).map_err(|e| format!("browser: {e}"))?;
    let chain_seen: Vec<SeenCert> = if chain.trim().is_empty() {
        Vec::new()
    } else {
        serde_json::from_str(chain).map_err(|e| format!("chain: {e}"))?
    };
    Ok(Observation {
        kind: Default::default(),
        v: WIRE_VERSION,
        browser,
        url: url.to_owned(),
        error: error.to_owned(),
        observed_at: crate::js_time(at_ms),
        address: address.trim().parse().ok(),
        chain_seen,
    })
}

/// A request to the host, with the reply type it expects and how long to wait for it.
fn envelope(request: String, reply: &str, wait_ms: u64) -> String {
    format!("{{\"request\":{request},\"reply\":\"{reply}\",\"wait_ms\":{wait_ms}}}")
}

/// A `check` of `host`:`port` (at `address` when the browser said), with the admin's probe
/// deadline in seconds (0: the host's default), local-probe options and limits (JSON text or
/// empty).
pub fn check(
    id: &str,
    (host, port): (&str, u16),
    address: &str,
    timeout_s: u32,
    local: &str,
    limits: &str,
) -> Result<String, String> {
    let target = format!("{{\"host\":{},\"port\":{port},\"address\":{}}}", quote(host), self::address(address));
    let timeout_ms = (timeout_s > 0).then(|| u64::from(timeout_s) * 1000);
    let mut object = Object::new("check").text("id", id).raw("target", &target);
    if let Some(ms) = timeout_ms {
        object = object.raw("timeout_ms", &ms.to_string());
    }
    let request = object.given("client", local)?.given("limits", limits)?.end();
    Ok(envelope(request, "evidence", deadlines::check_ms(timeout_ms) + deadlines::REPLY_GRACE_MS))
}

/// A `mail` request for `address` (a mail address or domain), its panels in `lang`, with the
/// admin's local-probe options (of which the host uses the SNTP servers) and limits.
pub fn mail(id: &str, address: &str, lang: Lang, local: &str, limits: &str) -> Result<String, String> {
    let ms = deadlines::MAIL_DEFAULT_MS;
    let request = Object::new("mail")
        .text("id", id)
        .text("address", address)
        .raw("timeout_ms", &ms.to_string())
        .text("lang", lang.code())
        .given("client", local)?
        .given("limits", limits)?
        .end();
    Ok(envelope(request, "mail_report", deadlines::mail_ms(Some(ms)) + deadlines::REPLY_GRACE_MS))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]

    use serde_json::Value;
    use tls_doctor_core::Timestamp;
    use tls_doctor_core::wire::limits::Limits;
    use tls_doctor_core::wire::native::Request;

    use super::*;

    fn envelope_of(json: &str) -> (Request, String, u64) {
        let v: Value = serde_json::from_str(json).unwrap();
        let request = serde_json::from_value(v["request"].clone()).unwrap();
        (request, v["reply"].as_str().unwrap().to_owned(), v["wait_ms"].as_u64().unwrap())
    }

    #[test]
    fn observations_are_made_from_the_browsers_report() {
        let browser = r#"{"family":"firefox","name":"Firefox","version":"128.0","user_agent":"UA \"x\""}"#;
        let chain = r#"[{"sha256":"ab","subject":"CN=a","issuer":"CN=b","builtin_root":false}]"#;
        let o = observation(
            "https://a.example/ü",
            "net::ERR_CERT_DATE_INVALID",
            1_700_000_000_999.0,
            "192.0.2.1",
            browser,
            chain,
        )
        .unwrap();
        assert_eq!((o.url.as_str(), o.error.as_str()), ("https://a.example/ü", "net::ERR_CERT_DATE_INVALID"));
        assert_eq!(o.observed_at, Timestamp::from_unix(1_700_000_000));
        assert_eq!(o.address, Some("192.0.2.1".parse().unwrap()));
        assert_eq!((o.browser.name.as_str(), o.browser.user_agent.as_str()), ("Firefox", "UA \"x\""));
        assert_eq!(o.chain_seen.len(), 1);
        // What the model made is what it reads as the wire's observation.
        let read: Observation = serde_json::from_str(&serde_json::to_string(&o).unwrap()).unwrap();
        assert_eq!(read, o);
        let bare = observation("https://b.example/", "", 0.0, "not an address", browser, " ").unwrap();
        assert_eq!((bare.address, bare.chain_seen.len()), (None, 0));
        assert!(observation("https://b.example/", "", 0.0, "", "{not json", "").is_err());
        assert!(observation("https://b.example/", "", 0.0, "", browser, "{}").is_err());
    }

    #[test]
    fn check_requests_read_back_with_their_deadlines() {
        let limits = r#"{"allowed_ports":[443],"private_addresses":false,"max_timeout_seconds":5}"#;
        let client = r#"{"ntp_servers":["ntp.example"],"canary":""}"#;
        let (request, reply, wait) =
            envelope_of(&check("r1", ("a.example", 8443), "2001:db8::1", 5, client, limits).unwrap());
        let Request::Check { v, id, target, timeout_ms, local: client, limits, .. } = request else {
            panic!("{request:?}")
        };
        assert_eq!((v, id.as_str(), target.host.as_str(), target.port), (WIRE_VERSION, "r1", "a.example", 8443));
        assert_eq!(target.address, Some("2001:db8::1".parse().unwrap()));
        assert_eq!(timeout_ms, Some(5_000));
        assert_eq!(client.unwrap().ntp_servers, Some(vec!["ntp.example".to_owned()]));
        assert_eq!(limits.map(|l| (l.max_timeout_seconds, l.private_addresses)), Some((Some(5), Some(false))));
        assert_eq!((reply.as_str(), wait), ("evidence", 5_000 + deadlines::REPLY_GRACE_MS));

        let (request, _, wait) = envelope_of(&check("r2", ("b.example", 443), "", 0, "", "").unwrap());
        let Request::Check { timeout_ms, local: client, limits, target, .. } = request else { panic!("{request:?}") };
        assert_eq!((timeout_ms, client, limits, target.address), (None, None, None::<Limits>, None));
        assert_eq!(wait, deadlines::CHECK_DEFAULT_MS + deadlines::REPLY_GRACE_MS);
        assert!(check("r3", ("b.example", 443), "", 0, "", "[oops").is_err());
    }

    #[test]
    fn mail_requests_read_back() {
        let (request, reply, wait) = envelope_of(
            &mail("m1", "user@例え.jp", Lang::En, r#"{"ntp_servers":[]}"#, r#"{"blocked_hosts":["*.bad"]}"#).unwrap(),
        );
        let Request::Mail { id, address, timeout_ms, lang, limits, local, .. } = request else { panic!("{request:?}") };
        // The admin's SNTP servers (here: none, the clock probe off) reach the host.
        assert_eq!(local.and_then(|c| c.ntp_servers), Some(Vec::new()));
        assert_eq!((id.as_str(), address.as_str(), lang), ("m1", "user@例え.jp", Some(Lang::En)));
        assert_eq!(timeout_ms, Some(deadlines::MAIL_DEFAULT_MS));
        assert_eq!(limits.and_then(|l| l.blocked_hosts), Some(vec!["*.bad".to_owned()]));
        assert_eq!((reply.as_str(), wait), ("mail_report", deadlines::MAIL_DEFAULT_MS + deadlines::REPLY_GRACE_MS));
        let (request, ..) = envelope_of(&mail("m2", "example.jp", Lang::Ja, "", "").unwrap());
        let Request::Mail { local, limits, .. } = request else { panic!("{request:?}") };
        assert!(local.is_none() && limits.is_none(), "nothing set, nothing sent: the host's defaults");
    }
}
