//! Wire contract v1: the messages that cross process boundaries (host → extension, CLI JSON).
//! Every top-level message carries `"v"` and a `"type"` tag. See `docs/WIRE.md`.

mod bytes;
pub mod evidence;
pub mod finding;
pub mod report;

pub use bytes::Bytes;
pub use evidence::*;
pub use finding::*;
pub use report::*;

/// The version of this contract. A peer speaking another version gets an error that names
/// both versions, never a guess.
pub const WIRE_VERSION: u32 = 1;
