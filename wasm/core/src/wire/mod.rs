//! Wire contract v1: the messages that cross process boundaries (host → extension, CLI JSON).
//! Every top-level message carries `"v"` and a `"type"` tag. See `docs/WIRE.md`.

mod bytes;
pub mod evidence;
pub mod facts;
pub mod finding;
mod lang;
pub mod limits;
pub mod local;
pub mod mail;
pub mod native;
pub mod observation;
mod plain;
pub mod report;
pub mod starttls;
mod tagged;

pub use bytes::Bytes;
pub use evidence::*;
pub use facts::*;
pub use finding::*;
pub use lang::Lang;
pub use limits::{LimitSource, Refusal, RefusalRule};
pub use local::*;
pub use mail::*;
pub use observation::*;
pub use report::*;
pub use starttls::*;

/// Declares the one-variant enum that a message's `"type"` field holds, so that a message of
/// another type is refused when it is read, not misread.
macro_rules! message_type {
    ($name:ident, $variant:ident, $tag:literal) => {
        #[doc = concat!("`\"type\": \"", $tag, "\"`")]
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            #[default]
            #[serde(rename = $tag)]
            $variant,
        }
    };
}

message_type!(EvidenceType, Evidence, "evidence");
message_type!(DiagnosisType, Diagnosis, "diagnosis");
message_type!(ExplanationType, Explanation, "explanation");
message_type!(ObservationType, Observation, "observation");
message_type!(MailReportType, MailReport, "mail_report");
message_type!(MailExplanationType, MailExplanation, "mail_explanation");

/// The version of this contract. A peer speaking another version gets an error that names
/// both versions, never a guess.
pub const WIRE_VERSION: u32 = 1;
