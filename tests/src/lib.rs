//! TLS Doctor's lab: deliberately broken TLS servers on loopback, each paired with the
//! `tls-doctor` arguments that diagnose it and the finding it must produce.
//!
//! - [`pki`]: a throw-away PKI made at run time, dates relative to now.
//! - [`servers`]: the in-process servers (TLS, plain text, silent, reset, the AIA server).
//! - [`cases`]: the registry of cases and [`Case`], what one case is; [`facts`], what a case's
//!   expected finding must carry.
//! - [`Lab`]: starts every case at once (and the SNTP servers and captive portals of
//!   [`LocalProbeServer`]) and stops everything when dropped.
//! - [`external`]: servers we did not write (nginx, `openssl s_server`), started by PID.
//! - [`serve`]: the JSON lines `tls-doctor-lab serve` prints, schema and version.
//! - [`binary`]: where the `tls-doctor` binary is, and how to run it against a case.
//! - [`hostile`]: the attacker's servers (`servers::hostile`) and what `tls-doctor` must say
//!   to each; [`measure`] watches a run's exit, time and peak memory.
//!
//! Everything listens on 127.0.0.1, port 0: two labs (or two test binaries) never collide.

pub mod binary;
pub mod cases;
mod error;
pub mod external;
pub mod facts;
pub mod hostile;
mod lab;
pub mod measure;
pub mod native;
pub mod pki;
mod scratch;
pub mod serve;
pub mod servers;

pub use binary::tls_doctor_bin;
pub use cases::Case;
pub use error::LabError;
pub use lab::{Lab, LocalProbeServer};
