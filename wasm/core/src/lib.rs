//! TLS Doctor's model: **evidence in, findings out, words out.**
//!
//! - [`wire`]: the versioned messages that cross process boundaries (Evidence, Finding,
//!   Diagnosis, Explanation).
//! - [`diagnose()`]: evidence → ranked findings. Every check runs; every finding is kept.
//! - [`explain()`]: findings → words, in Japanese or English, from one catalog per language.
//! - `test_support` (feature `test-support`, for tests and fuzz targets only): hand-made
//!   evidence, handshakes, verdicts, observations and diagnoses.
//!
//! No I/O, no clock, no randomness: `now` and the local time zone are parameters, so the same
//! code runs in the native host, in the browser (wasm32) and in tests with pinned times.

pub mod browser;
pub mod cert;
pub mod checks;
pub mod deadlines;
mod diagnose;
pub mod explain;
pub mod input;
pub mod interception;
pub mod mail;
pub mod mail_apps;
#[cfg(any(test, feature = "test-support"))]
pub mod test_support;
pub mod time;
pub mod tls;
pub mod wire;

pub use checks::{OrgSettings, Proceed};
pub use diagnose::{diagnose, diagnose_browser, diagnose_browser_owned, diagnose_browser_refused, diagnose_owned};
pub use explain::{Lang, explain};
pub use time::{FixedOffset, LocalOffset, Timestamp};
pub use wire::WIRE_VERSION;
