//! The native-messaging conversation from the browser's side: an arbitrary byte stream read
//! frame by frame as the host's stdin reader does (`native::frame::read`, a large frame's body
//! discarded), and each text frame read as a request (`native::handle::request`) under two host
//! policies: none, and a restrictive one (ports 443 and 993, no private addresses, a blocked
//! name and range, a 5 s deadline, no local probes).
//!
//! It must never panic. A frame's text is within `REQUEST_LIMIT`; the stream ends only at its
//! end. Every reply fits a frame (`REPLY_LIMIT`), reads back as it was written, and echoes the
//! request's `id` whenever the request had one. Under the restrictive policy, whatever `limits`
//! the request brings, a check or mail request is never allowed more: its deadline is capped, its
//! local probes are off, private addresses, other ports and the blocked names refused.

#![no_main]

use std::net::IpAddr;
use std::sync::OnceLock;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use tls_doctor_core::wire::native::{REQUEST_LIMIT, Reply};
use tls_doctor_core::wire::limits::{PolicyFile, PolicyOrigin, PolicyStatus};
use tls_doctor_host::native::frame::{self, ABSURD_LENGTH, Incoming};
use tls_doctor_host::native::handle::{self, Action};
use tls_doctor_host::policy::{self, Enforced, Loaded};

const RESTRICTIVE: &str = r#"{
  "allowed_ports": [443, 993],
  "blocked_hosts": ["*.blocked.example", "10.0.0.0/8"],
  "private_addresses": false,
  "max_timeout_seconds": 5,
  "client_probes": false
}"#;

fn policies() -> &'static [Loaded; 2] {
    static POLICIES: OnceLock<[Loaded; 2]> = OnceLock::new();
    POLICIES.get_or_init(|| {
        let limits = policy::parse(RESTRICTIVE.as_bytes()).map(|(limits, _)| limits).unwrap_or_default();
        let file = PolicyFile {
            path: "restrictive.json".into(),
            origin: PolicyOrigin::System,
            status: PolicyStatus::Applied,
            detail: None,
            limits,
            ignored: Vec::new(),
        };
        [Loaded::from_files(Vec::new()), Loaded::from_files(vec![file])]
    })
}

fuzz_target!(|data: &[u8]| {
    let mut stream = data;
    loop {
        match frame::read(&mut stream) {
            Incoming::Text(text) => {
                assert!(text.len() <= REQUEST_LIMIT);
                let [open, restrictive] = policies();
                answer(&text, open, false);
                answer(&text, restrictive, true);
            }
            Incoming::NotUtf8 => {}
            Incoming::TooLarge { len } => {
                assert!(len > REQUEST_LIMIT && len <= ABSURD_LENGTH);
                if frame::discard(&mut stream, len).is_err() {
                    assert!(stream.is_empty());
                    break;
                }
            }
            Incoming::Absurd { len } => {
                assert!(len > ABSURD_LENGTH);
                break;
            }
            Incoming::End => {
                assert!(stream.is_empty(), "the end before the end of the input");
                break;
            }
            Incoming::Broken => break,
        }
    }
});

fn answer(text: &str, policy: &Loaded, restrictive: bool) {
    let said_id = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("id").and_then(|id| id.as_str()).map(str::to_owned));
    match handle::request(text, policy) {
        Action::Reply(reply) => {
            let id = match &reply {
                Reply::Hello { id, .. } | Reply::Evidence { id, .. } | Reply::MailReport { id, .. } => Some(id.clone()),
                Reply::Error { id, .. } => id.clone(),
            };
            if said_id.is_some() {
                assert_eq!(id, said_id, "a reply that lost its request's id");
            }
            assert!(frame::encode(&reply).is_some(), "a reply that does not fit a frame");
            let json = serde_json::to_string(&reply).unwrap_or_default();
            let back: Result<Reply, _> = serde_json::from_str(&json);
            assert_eq!(back.as_ref().ok(), Some(&reply), "{json}");
        }
        Action::Check(check) => {
            assert_eq!(Some(&check.id), said_id.as_ref());
            let r = &check.request;
            if restrictive {
                let target = &r.target;
                held(&r.policy, r.timeout);
                let before = r.policy.before_dns(&target.host, target.is_name, target.port, r.starttls);
                if !matches!(target.port, 443 | 993) || target.host.ends_with(".blocked.example") {
                    assert!(before.is_err(), "{target:?} allowed");
                }
                for given in &r.addresses {
                    if policy::is_private(*given) {
                        assert!(r.policy.addresses(&target.host, target.is_name, &[*given]).is_err());
                    }
                }
            }
        }
        Action::Mail(job) => {
            assert_eq!(Some(&job.id), said_id.as_ref());
            if restrictive {
                held(&job.request.policy, job.request.timeout);
            }
        }
    }
}

/// The restrictive file's limits still hold, whatever the request added.
fn held(enforced: &Enforced, timeout: Duration) {
    assert!(enforced.cap_timeout(timeout) <= Duration::from_secs(5));
    assert!(!enforced.local_probes());
    assert!(!enforced.private_allowed());
    for private in ["127.0.0.1", "10.1.2.3", "::1", "192.168.0.1"] {
        let ip: IpAddr = private.parse().unwrap_or(IpAddr::from([127, 0, 0, 1]));
        assert!(enforced.addresses("x.example", true, &[ip]).is_err(), "{private} allowed");
    }
    assert!(enforced.before_dns("a.blocked.example", true, 443, None).is_err());
    assert!(enforced.before_dns("a.example", true, 8443, None).is_err());
}
