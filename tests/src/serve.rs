//! What `tls-doctor-lab serve` prints on standard output: one JSON object a line, each with
//! the listing's version `"v": 1` and its `kind`. The browser tests (`tests/e2e/lab.mjs`) and
//! the benchmark read it; the schema is also in `tests/README.md`.
//!
//! | `kind` | fields besides `v`, `kind`, `name` |
//! |---|---|
//! | `case` | `expected` (a finding id), `description`, `host`, `port`, `address` (the IP to connect to, or `null` to resolve `host`), `ca_file` (the lab root, PEM), `args` (the `tls-doctor` arguments that diagnose it, `check` first, local probes off) |
//! | `mail` | `expected` (`safe`), `email`, `dns_server` (`IP:PORT`), `ca_file`, `args` (`mail` first) |
//! | `proxy` | `proxy` (`IP:PORT`), `root_pem` (a file), `root_sha256` (hex), `upstream` (`host:port`) |
//! | `sntp` | `sntp` (`IP:PORT`) |
//! | `portal` | `portal_url` |
//! | `end` | `listed`: how many `case` and `mail` lines came before; no `name`, nothing follows |
//!
//! Cases come first, in registry order; then the mail address (with the mail lab), the
//! proxies, the SNTP servers and portals, and `end`. A reader that sees another `v` must stop:
//! fields change meaning only with the version.

use serde_json::{Value, json};

use crate::cases::Case;
use crate::lab::LocalProbeServer;
use crate::servers::intercept::InterceptProxy;

/// The version of the listing, `v` on every line.
pub const VERSION: u32 = 1;

/// `{"v":1,"kind":…}` followed by the fields of `body`.
fn line(kind: &str, body: Value) -> Value {
    let mut line = serde_json::Map::new();
    line.insert("v".to_owned(), VERSION.into());
    line.insert("kind".to_owned(), kind.into());
    if let Value::Object(fields) = body {
        line.extend(fields);
    }
    Value::Object(line)
}

/// A case's line.
pub fn case(case: &Case) -> Value {
    line(
        "case",
        json!({
            "name": case.name,
            "expected": case.expected.as_str(),
            "description": case.description,
            "host": case.host,
            "port": case.port,
            "address": case.address.map(|a| a.to_string()),
            "ca_file": case.ca_file.display().to_string(),
            "args": case.args(),
        }),
    )
}

/// The line of a mail address whose domain the lab's DNS server answers for.
pub fn mail(name: &str, email: &str, dns_server: &str, ca_file: &str) -> Value {
    // As a case's `args`: nothing leaves the machine (no SNTP query).
    let args = ["mail", email, "--dns-server", dns_server, "--ca-file", ca_file, "--no-local-probes"];
    line(
        "mail",
        json!({ "name": name, "expected": "safe", "email": email, "dns_server": dns_server, "ca_file": ca_file, "args": args }),
    )
}

/// A re-signing proxy's line.
pub fn proxy(proxy: &InterceptProxy) -> Value {
    line("proxy", proxy.json())
}

/// An SNTP server's or a captive portal's line.
pub fn local_probe_server(server: &LocalProbeServer) -> Value {
    let kind = match server {
        LocalProbeServer::Sntp { .. } => "sntp",
        LocalProbeServer::Portal { .. } => "portal",
    };
    line(kind, server.json())
}

/// The last line.
pub fn end(listed: usize) -> Value {
    line("end", json!({ "listed": listed }))
}

#[cfg(test)]
mod tests {
    use std::net::{IpAddr, Ipv4Addr};
    use std::path::PathBuf;

    use tls_doctor_core::wire::FindingId;

    use super::*;

    #[test]
    fn a_case_line_carries_what_a_reader_needs_without_reading_args() {
        let case = Case {
            name: "x",
            expected: FindingId::CertExpired,
            description: "d",
            host: "x.lab.test",
            port: 4433,
            address: Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
            ca_file: PathBuf::from("lab/root.pem"),
            extra_args: &["--timeout", "2"],
        };
        let line = super::case(&case);
        let mut keys: Vec<&str> = line.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["address", "args", "ca_file", "description", "expected", "host", "kind", "name", "port", "v"]
        );
        assert_eq!(line["v"], 1);
        assert_eq!(line["kind"], "case");
        assert_eq!(line["expected"], "cert_expired");
        assert_eq!(line["port"], 4433);
        assert_eq!(line["address"], "127.0.0.1");
        assert_eq!(line["ca_file"], "lab/root.pem");
        assert_eq!(line["args"], json!(case.args()));
        let unresolved = Case { address: None, ..case };
        assert_eq!(super::case(&unresolved)["address"], Value::Null);
    }

    #[test]
    fn the_other_lines() {
        let mail = mail("m", "user@mail.lab.test", "127.0.0.1:53", "lab/root.pem");
        assert_eq!(mail["kind"], "mail");
        assert_eq!(
            mail["args"],
            json!([
                "mail",
                "user@mail.lab.test",
                "--dns-server",
                "127.0.0.1:53",
                "--ca-file",
                "lab/root.pem",
                "--no-local-probes"
            ])
        );
        assert_eq!(end(3), json!({ "v": 1, "kind": "end", "listed": 3 }));
    }
}
