//! TLS Doctor's native host: the probes that measure a server (evidence), the command line,
//! and (later) the browser's native-messaging loop. Conclusions and words come from
//! `tls-doctor-core`, shared with the browser extension.

pub mod cli;
pub mod output;
pub mod probe;
pub mod target;
pub mod trust;
pub mod tz;
