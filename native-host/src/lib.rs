//! TLS Doctor's native host: the probes that measure a server (evidence), the command line,
//! the browser's native-messaging loop, and the installer of its host manifests. Conclusions
//! and words come from `tls-doctor-core`, shared with the browser extension.

pub mod cert_files;
pub mod cli;
pub mod console;
pub mod install;
#[cfg(test)]
mod limits_doc;
pub mod mail;
pub mod native;
pub mod net;
pub mod policy;
pub mod probe;
pub mod starttls;
pub mod target;
pub mod trust;
pub mod tz;
