//! Mozilla autoconfig documents through the host's reader (`mail::autoconfig::parse`). The input
//! up to the first newline is what the user typed (an address or a domain, read by
//! `mail::parse_input`); the rest is the document, read as the host reads a fetched body (lossy
//! UTF-8). It must never panic, give at most 16 servers (the reader's limit), each with a host
//! name the host would connect to, a port other than 0, and autoconfig as its source.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tls_doctor_core::wire::MailSource;
use tls_doctor_host::mail::{self, MailInput};

/// `MAX_SERVERS` of `mail/autoconfig.rs`: servers taken from one file at most.
const MAX_SERVERS: usize = 16;

fuzz_target!(|data: &[u8]| {
    let (typed, body) = match data.iter().position(|b| *b == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (&b""[..], data),
    };
    let input = mail::parse_input(&String::from_utf8_lossy(typed))
        .unwrap_or_else(|| MailInput { address: Some("user@example.jp".into()), domain: "example.jp".into() });
    let xml = String::from_utf8_lossy(body);
    let Some(servers) = mail::autoconfig::parse(&xml, &input) else { return };
    assert!(servers.len() <= MAX_SERVERS, "{} servers", servers.len());
    for server in &servers {
        assert_eq!(server.source, MailSource::Autoconfig);
        assert_ne!(server.port, 0);
        let normal = tls_doctor_host::target::normalise_name(&server.host);
        assert_eq!(normal.as_deref(), Some(server.host.as_str()), "not a host name to connect to");
    }
});
