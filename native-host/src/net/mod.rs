//! The only way out of the machine. Every connection the host opens, and every name it looks up
//! to open one, goes through [`gate`], which applies the policy in force (the administrator's
//! files and the request's limits) to each one: the server checked, the version probes, the
//! AIA/OCSP/CRL fetches, the captive-portal check, the canary, the SNTP servers, the mail
//! domain's autoconfig server and a nameserver the caller names. `clippy.toml` forbids the
//! socket and resolver calls everywhere else, so a new probe cannot forget the policy.
//!
//! [`http`] is the HTTP/1.1 client (hyper) the probes speak over the connections the gate opened.

pub mod gate;
pub mod http;
mod resolve;

pub use gate::{Gate, Purpose, Way};
