//! One request, read and checked: either the reply is known at once (`hello`, every error) or
//! a probe must run first (`check`). The checks go from the outside in, so that each error
//! names the first thing wrong: UTF-8 (in `frame`), JSON object, version, type, content.

use std::net::{IpAddr, Ipv6Addr};
use std::time::Duration;

use serde_json::Value;
use tls_doctor_core::deadlines;
use tls_doctor_core::wire::native::{CheckTarget, HostError, Reply, Request};
use tls_doctor_core::wire::{Evidence, HostInfo, StarttlsProtocol, WIRE_VERSION};

use crate::probe::local::LocalProbeConfig;
use crate::probe::{self, SniChoice};
use crate::target::{self, TargetSpec};

/// The wire versions this host speaks, told in `hello` and in `unsupported_version` errors.
pub const SPOKEN: &[u32] = &[WIRE_VERSION];

/// The request types this host knows (the `"type"` tags of [`Request`]); see the test that
/// keeps the list in step with the enum.
const KNOWN_TYPES: &[&str] = &["hello", "check", "mail"];

/// What to do with one request.
#[derive(Debug)]
pub enum Action {
    /// Answer now.
    Reply(Reply),
    /// Probe, then answer with the evidence.
    Check(Check),
    /// Discover a mail domain's servers, check them, and answer with the report.
    Mail(MailJob),
}

#[derive(Debug)]
pub struct MailJob {
    pub id: String,
    pub request: crate::mail::MailRequest,
    /// The language of the reply's explanation.
    pub lang: tls_doctor_core::Lang,
}

#[derive(Debug)]
pub struct Check {
    pub id: String,
    pub request: probe::Request,
}

impl Check {
    /// `host:port` for the log.
    pub fn label(&self) -> String {
        let t = &self.request.target;
        if t.host.contains(':') { format!("[{}]:{}", t.host, t.port) } else { format!("{}:{}", t.host, t.port) }
    }
}

/// Reads one request (a frame already known to be UTF-8), under the host's policy.
pub fn request(text: &str, policy: &crate::policy::Loaded) -> Action {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return Action::Reply(error(None, HostError::BadJson, format!("the request is not JSON: {e}"))),
    };
    let Some(object) = value.as_object() else {
        return Action::Reply(error(None, HostError::BadJson, "a request is a JSON object".into()));
    };
    let id = object.get("id").and_then(Value::as_str).map(str::to_owned);

    let version = object.get("v");
    if !version.and_then(Value::as_u64).is_some_and(|v| SPOKEN.iter().any(|s| u64::from(*s) == v)) {
        let said = version.map_or_else(|| "no \"v\"".to_owned(), |v| format!("\"v\": {v}"));
        let message = format!("this host speaks wire version {}; the request has {said}", spoken());
        return Action::Reply(error(id, HostError::UnsupportedVersion, message));
    }

    match object.get("type").and_then(Value::as_str) {
        Some(kind) if KNOWN_TYPES.contains(&kind) => {}
        kind => {
            let said = kind.map_or_else(|| "no \"type\"".to_owned(), |k| format!("type {k:?}"));
            let message = format!("the request has {said}; this host knows {}", KNOWN_TYPES.join(", "));
            return Action::Reply(error(id, HostError::UnknownType, message));
        }
    }

    let request: Request = match serde_json::from_value(value) {
        Ok(r) => r,
        Err(e) => return Action::Reply(error(id, HostError::BadRequest, e.to_string())),
    };
    match request {
        Request::Hello { id, .. } => Action::Reply(hello(id, policy)),
        Request::Check { id, target, timeout_ms, local, limits, .. } => match check_target(&target).and_then(|spec| {
            // Absent: the host's defaults; each field absent or empty as `LocalProbeOptions` says.
            let local = LocalProbeConfig::from_options(&local.unwrap_or_default()).map_err(|e| e.to_string())?;
            Ok((spec, local, enforced(policy, limits.as_ref())?))
        }) {
            Ok((spec, local, policy)) => Action::Check(Check {
                request: probe::Request {
                    target: spec,
                    addresses: target.address.into_iter().collect(),
                    // SNI is the host name, as the browser sent it (none for an IP address).
                    sni: SniChoice::Target,
                    custom: None,
                    timeout: timeout(timeout_ms),
                    starttls: target.starttls.or_else(|| StarttlsProtocol::by_port(target.port)),
                    local,
                    policy,
                },
                id,
            }),
            Err(message) => Action::Reply(error(Some(id), HostError::BadRequest, message)),
        },
        Request::Mail { id, address, timeout_ms, lang, limits, local, .. } => match crate::mail::parse_input(&address)
            .ok_or_else(|| format!("{address:?} is not a mail address or domain"))
            .and_then(|input| {
                // As for `check`: absent, the host's defaults (of which a mail request uses SNTP only).
                let local = LocalProbeConfig::from_options(&local.unwrap_or_default()).map_err(|e| e.to_string())?;
                Ok((input, local, enforced(policy, limits.as_ref())?))
            }) {
            Ok((input, local, policy)) => Action::Mail(MailJob {
                request: crate::mail::MailRequest {
                    input,
                    dns_server: None,
                    custom: None,
                    timeout: Duration::from_millis(deadlines::mail_ms(timeout_ms)),
                    policy,
                    local,
                },
                lang: lang.unwrap_or(tls_doctor_core::Lang::Ja),
                id,
            }),
            Err(message) => Action::Reply(error(Some(id), HostError::BadRequest, message)),
        },
    }
}

/// A reply ready to go out: typed, or the JSON of a mail report whose texts had to be cut.
#[derive(Debug)]
pub enum Outgoing {
    Reply(Reply),
    /// A mail report too large to carry even with its evidence, certificates, details and
    /// secondary findings given up (a dozen servers whose certificates name thousands of hosts,
    /// say), cut as JSON (`shrink::clip_json`). It stays JSON: reading the host's own report
    /// back into its types would cost the binary every wire type's reader for this one case.
    Clipped {
        id: String,
        domain: String,
        servers: usize,
        json: Value,
    },
}

/// The answer to `mail`: the report and its words, within `limit` bytes of JSON. A report too
/// large loses first the raw evidence of each diagnosis, then the parsed certificates (the
/// report's, then the panels'), then the panels lose each server's full explanation (the popup
/// shows the summary line alone), then each server's findings after its first, the least
/// ranked first. Each server's first finding, which carries its verdict and the
/// recommendation, always stays; when even those are too large (texts and lists a server put
/// in its certificates), every long text and every long list in the findings is cut, a text
/// ending with `…` ([`Outgoing::Clipped`]).
pub fn mail_report(
    id: String,
    mut report: tls_doctor_core::wire::MailReport,
    lang: tls_doctor_core::Lang,
    limit: usize,
) -> Outgoing {
    use tls_doctor_core::wire::{MailPanel, MailReport};
    let others = tls_doctor_core::Lang::ALL.into_iter().filter(|l| *l != lang);
    let mut panels: Vec<MailPanel> = std::iter::once(lang)
        .chain(others)
        .map(|l| tls_doctor_core::explain::mail::panel(&report, l, &crate::tz::SystemZone))
        .collect();
    let build = |report: &MailReport, panels: &[MailPanel]| Reply::MailReport {
        v: WIRE_VERSION,
        id: id.clone(),
        report: Box::new(report.clone()),
        panels: panels.to_vec(),
    };
    let fits = |report: &MailReport, panels: &[MailPanel]| super::shrink::within(&build(report, panels), limit);
    if fits(&report, &panels) {
        return Outgoing::Reply(build(&report, &panels));
    }
    for server in &mut report.servers {
        server.diagnosis.evidence = None;
    }
    if fits(&report, &panels) {
        return Outgoing::Reply(build(&report, &panels));
    }
    for server in &mut report.servers {
        server.diagnosis.certificates.clear();
    }
    if fits(&report, &panels) {
        return Outgoing::Reply(build(&report, &panels));
    }
    // Then the panels' certificate details, keeping every finding in words; then the details.
    for detail in panels.iter_mut().flat_map(|p| p.details.iter_mut()) {
        detail.certificates.clear();
    }
    if fits(&report, &panels) {
        return Outgoing::Reply(build(&report, &panels));
    }
    for panel in &mut panels {
        panel.details.clear();
    }
    // The panels now word each server's first finding only: the others may go.
    loop {
        let reply = build(&report, &panels);
        let size = super::shrink::json_len(&reply);
        if size <= limit {
            return Outgoing::Reply(reply);
        }
        if !super::shrink::drop_findings(&mut report, size - limit) {
            break;
        }
    }
    let reply = build(&report, &panels);
    match serde_json::to_value(&reply) {
        Ok(mut json) => {
            super::shrink::clip_json(&mut json);
            Outgoing::Clipped { id, domain: report.domain.clone(), servers: report.servers.len(), json }
        }
        Err(_) => Outgoing::Reply(reply),
    }
}

/// The host's limits, tightened by the request's.
fn enforced(
    policy: &crate::policy::Loaded,
    limits: Option<&tls_doctor_core::wire::limits::Limits>,
) -> Result<std::sync::Arc<crate::policy::Enforced>, String> {
    match limits {
        None => Ok(std::sync::Arc::new(policy.enforced.clone())),
        Some(limits) => policy.enforced.with_request(limits).map(std::sync::Arc::new),
    }
}

pub fn hello(id: String, policy: &crate::policy::Loaded) -> Reply {
    Reply::Hello {
        v: WIRE_VERSION,
        id,
        host: host_info(),
        wire: SPOKEN.to_vec(),
        policy: Some(Box::new(policy.report())),
    }
}

pub fn evidence(id: String, evidence: Evidence) -> Reply {
    Reply::Evidence { v: WIRE_VERSION, id, evidence: Box::new(evidence) }
}

pub fn error(id: Option<String>, error: HostError, message: String) -> Reply {
    Reply::Error { v: WIRE_VERSION, id, error, message }
}

fn host_info() -> HostInfo {
    HostInfo { name: "tls-doctor".into(), version: env!("CARGO_PKG_VERSION").into() }
}

fn spoken() -> String {
    SPOKEN.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

/// The host as the browser's URL gives it: a name (an IDN in either form), an IPv4 address, or
/// an IPv6 address with or without the brackets that `URL.hostname` keeps.
fn check_target(t: &CheckTarget) -> Result<TargetSpec, String> {
    if t.port == 0 {
        return Err("port 0 is not a port to check: give 1 to 65535".into());
    }
    let bracketed = t.host.strip_prefix('[').and_then(|h| h.strip_suffix(']'));
    let ip = match bracketed {
        Some(inner) => inner.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
        None => t.host.parse::<IpAddr>().ok(),
    };
    if let Some(ip) = ip {
        return Ok(TargetSpec { host: ip.to_string(), port: t.port, is_name: false });
    }
    if bracketed.is_some() {
        return Err(format!("{:?} is not an IPv6 address", t.host));
    }
    let host = target::normalise_name(&t.host).ok_or_else(|| format!("{:?} is not a host name", t.host))?;
    Ok(TargetSpec { host, port: t.port, is_name: true })
}

/// A check from the browser runs for at least 1 s and at most 30 s (the user is waiting in
/// front of an error page), a `mail` request up to 60 s: the model's numbers
/// ([`tls_doctor_core::deadlines`]), which the extension's requests carry too.
fn timeout(timeout_ms: Option<u64>) -> Duration {
    Duration::from_millis(deadlines::check_ms(timeout_ms))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]

    use tls_doctor_core::test_support;

    use super::*;

    fn request(text: &str) -> Action {
        super::request(text, &crate::policy::Loaded::from_files(Vec::new()))
    }

    fn refused(text: &str) -> (Option<String>, HostError, String) {
        match request(text) {
            Action::Reply(Reply::Error { id, error, message, .. }) => (id, error, message),
            other => panic!("{text}: {other:?}"),
        }
    }

    fn checked(text: &str) -> Check {
        match request(text) {
            Action::Check(c) => c,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn known_types_are_the_request_enum_tags() {
        let examples = [
            Request::Hello { v: 1, id: "1".into() },
            Request::Check {
                v: 1,
                id: "2".into(),
                target: CheckTarget { host: "a.example".into(), port: 443, address: None, starttls: None },
                timeout_ms: None,
                local: None,
                limits: None,
            },
            Request::Mail {
                v: 1,
                id: "3".into(),
                address: "a@a.example".into(),
                timeout_ms: None,
                lang: None,
                limits: None,
                local: None,
            },
        ];
        // A new request type does not compile here until it is added to `examples`.
        for r in &examples {
            match r {
                Request::Hello { .. } | Request::Check { .. } | Request::Mail { .. } => {}
            }
        }
        let tags: Vec<String> =
            examples.iter().map(|r| serde_json::to_value(r).unwrap()["type"].as_str().unwrap().to_owned()).collect();
        assert_eq!(tags, KNOWN_TYPES);
    }

    #[test]
    fn hello_is_answered_with_the_versions_spoken() {
        let Action::Reply(Reply::Hello { id, wire, host, .. }) = request(r#"{"v":1,"type":"hello","id":"h"}"#) else {
            panic!()
        };
        assert_eq!((id.as_str(), wire, host.name.as_str()), ("h", vec![1], "tls-doctor"));
    }

    #[test]
    fn each_layer_of_a_bad_request_gets_its_own_error() {
        assert_eq!(refused("{").1, HostError::BadJson);
        assert_eq!(refused("[1]").1, HostError::BadJson);
        assert_eq!(refused("\"x\"").1, HostError::BadJson);
        let (id, e, message) = refused(r#"{"v":2,"type":"hello","id":"a"}"#);
        assert_eq!((id.as_deref(), e), (Some("a"), HostError::UnsupportedVersion));
        assert!(message.contains("speaks wire version 1") && message.contains("\"v\": 2"), "{message}");
        assert_eq!(refused(r#"{"type":"hello","id":"a"}"#).1, HostError::UnsupportedVersion);
        assert_eq!(refused(r#"{"v":"1","type":"hello","id":"a"}"#).1, HostError::UnsupportedVersion);
        assert_eq!(
            refused(r#"{"v":1,"type":"scan","id":"a"}"#),
            (
                Some("a".into()),
                HostError::UnknownType,
                "the request has type \"scan\"; this host knows hello, check, mail".into()
            )
        );
        assert_eq!(refused(r#"{"v":1,"id":"a"}"#).1, HostError::UnknownType);
        // Well-formed but incomplete or wrong content.
        assert_eq!(refused(r#"{"v":1,"type":"hello"}"#), (None, HostError::BadRequest, "missing field `id`".into()));
        let (id, e, _) = refused(r#"{"v":1,"type":"check","id":"c"}"#);
        assert_eq!((id.as_deref(), e), (Some("c"), HostError::BadRequest));
        let (id, e, _) = refused(r#"{"v":1,"type":"check","id":"c","target":{"host":"a.example","port":0}}"#);
        assert_eq!((id.as_deref(), e), (Some("c"), HostError::BadRequest));
        for host in ["exa mple", "", "a..b", "[a.example]", "[1.2.3.4]", "-a.example"] {
            let text = format!(r#"{{"v":1,"type":"check","id":"c","target":{{"host":{host:?},"port":443}}}}"#);
            assert_eq!(refused(&text).1, HostError::BadRequest, "{host:?}");
        }
        let text = r#"{"v":1,"type":"check","id":"c","target":{"host":"a.example","port":443,"address":"999.1.1.1"}}"#;
        assert_eq!(refused(text).1, HostError::BadRequest);
    }

    #[test]
    fn a_check_probes_the_name_with_sni_and_the_browsers_address() {
        let c = checked(
            r#"{"v":1,"type":"check","id":"7","target":{"host":"Bücher.Example.","port":8443,"address":"192.0.2.10"}}"#,
        );
        assert_eq!(c.id, "7");
        assert_eq!(c.request.target, TargetSpec { host: "xn--bcher-kva.example".into(), port: 8443, is_name: true });
        assert_eq!(c.request.addresses, ["192.0.2.10".parse::<std::net::IpAddr>().unwrap()]);
        assert_eq!(c.request.sni, SniChoice::Target);
        assert!(c.request.custom.is_none());
        assert_eq!(c.request.timeout, Duration::from_secs(10));
        assert_eq!(c.request.local, LocalProbeConfig::defaults());
        assert_eq!(c.label(), "xn--bcher-kva.example:8443");

        let c = checked(r#"{"v":1,"type":"check","id":"8","target":{"host":"[2001:DB8::1]","port":443}}"#);
        assert_eq!(c.request.target, TargetSpec { host: "2001:db8::1".into(), port: 443, is_name: false });
        assert_eq!(c.label(), "[2001:db8::1]:443");
    }

    #[test]
    fn a_mail_request_names_an_address_and_a_language() {
        let Action::Mail(job) = request(r#"{"v":1,"type":"mail","id":"m","address":"User@Example.JP","lang":"en"}"#)
        else {
            panic!()
        };
        assert_eq!((job.id.as_str(), job.lang), ("m", tls_doctor_core::Lang::En));
        assert_eq!(job.request.input.address.as_deref(), Some("User@example.jp"));
        assert_eq!(job.request.timeout, crate::mail::DEFAULT_TIMEOUT);
        let Action::Mail(job) = request(r#"{"v":1,"type":"mail","id":"m","address":"example.jp","timeout_ms":999999}"#)
        else {
            panic!()
        };
        assert_eq!(
            (job.lang, job.request.timeout),
            (tls_doctor_core::Lang::Ja, Duration::from_millis(deadlines::MAIL_MAX_MS))
        );
        assert_eq!(refused(r#"{"v":1,"type":"mail","id":"m","address":"a b"}"#).1, HostError::BadRequest);
    }

    #[test]
    fn a_mail_request_asks_the_time_of_its_clients_sntp_servers() {
        let mail =
            |client: &str| match request(&format!(r#"{{"v":1,"type":"mail","id":"m","address":"a.jp"{client}}}"#)) {
                Action::Mail(job) => Some(job.request.local),
                _ => None,
            };
        assert_eq!(mail(""), Some(LocalProbeConfig::defaults()));
        let ntp = mail(r#","client":{"ntp_servers":["127.0.0.1:12300"]}"#).map(|l| l.ntp_servers);
        assert_eq!(ntp, Some(vec!["127.0.0.1:12300".to_owned()]));
        assert_eq!(mail(r#","client":{"canary":"a b"}"#), None);
    }

    #[test]
    fn client_probes_follow_the_request() {
        let with = |client: &str| {
            let text = format!(
                r#"{{"v":1,"type":"check","id":"p","target":{{"host":"a.example","port":443}},"client":{client}}}"#
            );
            checked(&text).request.local
        };
        assert_eq!(with("{}"), LocalProbeConfig::defaults());
        assert!(with(r#"{"ntp_servers":[],"portal_url":"","canary":""}"#).is_off());
        let some = with(r#"{"ntp_servers":["127.0.0.1:12300"],"canary":""}"#);
        assert_eq!(some.ntp_servers, ["127.0.0.1:12300"]);
        assert_eq!(some.portal_url, LocalProbeConfig::defaults().portal_url);
        assert!(some.canary.is_none());
        let text =
            r#"{"v":1,"type":"check","id":"p","target":{"host":"a.example","port":443},"client":{"canary":"a b"}}"#;
        assert_eq!(refused(text).1, HostError::BadRequest);
    }

    #[test]
    fn the_deadline_is_clamped_to_one_to_thirty_seconds() {
        let with = |ms: u64| {
            checked(&format!(
                r#"{{"v":1,"type":"check","id":"t","target":{{"host":"a.example","port":443}},"timeout_ms":{ms}}}"#
            ))
            .request
            .timeout
        };
        assert_eq!(with(0), Duration::from_millis(deadlines::CHECK_MIN_MS));
        assert_eq!(with(2_500), Duration::from_millis(2_500));
        assert_eq!(with(u64::MAX), Duration::from_millis(deadlines::CHECK_MAX_MS));
    }

    /// A dozen hostile mail servers, each with certificates of hundreds of long names and a
    /// subject of a kilobyte, wrong in every way: the report still fits one reply, and every
    /// server keeps its first finding (its verdict, and what the recommendation rests on).
    #[test]
    fn a_mail_report_of_hostile_servers_always_fits() {
        use tls_doctor_core::Timestamp;
        use tls_doctor_core::wire::native::REPLY_LIMIT;
        use tls_doctor_core::wire::{
            CertSummary, Diagnosis, Finding, FindingKind, MailReport, MailRole, MailSecurity, MailServer, MailSource,
            MailVerdict, Recommendation,
        };

        let names: Vec<String> = (0..300).map(|i| format!("{i:04}.{}.example.jp", "n".repeat(40))).collect();
        let subject = format!("CN={}", "\u{1}".repeat(1_000));
        let findings: Vec<Finding> = std::iter::once(FindingKind::CertExpired {
            subject: subject.clone(),
            not_after: Timestamp(1),
            days_ago: 9_000,
        })
        .chain((0..10).map(|_| FindingKind::NameMismatch {
            requested: "mail.example.jp".into(),
            dns_names: names.clone(),
            ip_addresses: Vec::new(),
            common_name: Some(subject.clone()),
            cn_only: false,
            hint: None,
        }))
        .chain((0..20).map(|position| FindingKind::WeakKey {
            position,
            subject: subject.clone(),
            key: "RSA 512".into(),
            fails_handshake: false,
        }))
        .map(Finding::new)
        .collect();
        let summary = CertSummary {
            position: 0,
            subject: subject.clone(),
            issuer: subject.clone(),
            not_before: Timestamp(0),
            not_after: Timestamp(1),
            dns_names: names.clone(),
            ip_addresses: Vec::new(),
            key: "RSA 512".into(),
            signature: "md5WithRSAEncryption".into(),
            is_ca: false,
            self_issued: true,
            sha256: "00".repeat(32),
        };
        let server = |i: usize| {
            let host = format!("mx{i}.example.jp");
            let diagnosis = Diagnosis {
                findings: findings.clone(),
                certificates: vec![summary.clone(); 3],
                ..test_support::diagnosis(test_support::target(&host, 993), Vec::new())
            };
            MailServer {
                role: MailRole::IncomingImap,
                host,
                port: 993,
                security: MailSecurity::Tls,
                source: MailSource::Mx,
                diagnosis,
            }
        };
        let report = MailReport {
            kind: Default::default(),
            v: WIRE_VERSION,
            address: Some("user@example.jp".into()),
            domain: "example.jp".into(),
            measured_at: Timestamp(1_800_000_000),
            timeout_ms: 20_000,
            elapsed_ms: 1_000,
            lookups: Vec::new(),
            servers: (0..crate::mail::MAX_CHECKED).map(server).collect(),
            not_checked: Vec::new(),
            unencrypted: Vec::new(),
            recommended: Recommendation { outgoing: None, incoming: None, verdict: MailVerdict::NothingSafe },
        };
        let whole = serde_json::to_vec(&report).unwrap().len();
        assert!(whole > 5 * REPLY_LIMIT, "{whole}");
        // What the browser reads, however the reply was made: a mail report within the limit,
        // in both languages, every server's first finding kept.
        let read = |reply: &Outgoing| -> (usize, Reply) {
            let json = match reply {
                Outgoing::Reply(reply) => serde_json::to_string(reply).unwrap(),
                Outgoing::Clipped { json, .. } => json.to_string(),
            };
            (json.len(), serde_json::from_str(&json).unwrap())
        };
        let reply = mail_report("m".into(), report.clone(), tls_doctor_core::Lang::Ja, REPLY_LIMIT);
        let (len, shrunk) = read(&reply);
        assert!(len <= REPLY_LIMIT, "{len}");
        let Reply::MailReport { report: shrunk, panels, .. } = &shrunk else { panic!("not a mail report") };
        for (before, after) in report.servers.iter().zip(&shrunk.servers) {
            assert_eq!(after.diagnosis.findings[0].id(), before.diagnosis.findings[0].id());
        }
        assert_eq!(panels.len(), 2);

        // When even each server's first finding is too large (thousands of names in each), the
        // texts and lists are cut, and what was cut says so.
        let mut huge = report.clone();
        let thousands: Vec<String> = (0..3_000).map(|i| format!("{i:05}.{}.example.jp", "n".repeat(40))).collect();
        for server in &mut huge.servers {
            server.diagnosis.findings = vec![Finding::new(FindingKind::NameMismatch {
                requested: "mail.example.jp".into(),
                dns_names: thousands.clone(),
                ip_addresses: Vec::new(),
                common_name: Some(subject.clone()),
                cn_only: false,
                hint: None,
            })];
        }
        let reply = mail_report("m".repeat(300), huge, tls_doctor_core::Lang::Ja, REPLY_LIMIT);
        assert!(matches!(reply, Outgoing::Clipped { servers: crate::mail::MAX_CHECKED, .. }), "not cut");
        let (len, shrunk) = read(&reply);
        assert!(len <= REPLY_LIMIT, "{len}");
        let Reply::MailReport { id, report: shrunk, panels, .. } = &shrunk else { panic!("not a mail report") };
        assert_eq!(id, &"m".repeat(300), "the id is never cut");
        assert_eq!(panels.len(), 2);
        let FindingKind::NameMismatch { dns_names, common_name, .. } = &shrunk.servers[0].diagnosis.findings[0].kind
        else {
            panic!("the first finding changed")
        };
        assert!(dns_names.len() <= 16 && common_name.as_ref().is_some_and(|c| c.ends_with('…')));
    }
}
