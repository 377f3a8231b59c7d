//! The wire contract's reader (`tls_doctor_core::wire`, with `wire/tagged.rs`'s tag-first
//! reading of internally tagged enums) on arbitrary JSON text, read as every message type that
//! crosses a process boundary: evidence, the native requests and replies, mail reports and
//! panels, observations, diagnoses, explanations, policy limits and reports, refusals.
//!
//! It must never panic, and what it reads must round-trip: serde writes it, the reader reads
//! that text back equal, and writing it again gives the same text.

#![no_main]

use std::fmt::Debug;

use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tls_doctor_core::wire::native::{Reply, Request};
use tls_doctor_core::wire::limits::{Limits, PolicyReport};
use tls_doctor_core::wire::{
    Diagnosis, Evidence, Explanation, MailExplanation, MailPanel, MailReport, Observation, Refusal,
};

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(text: &str) {
    let Ok(value) = serde_json::from_str::<T>(text) else { return };
    let written = match serde_json::to_string(&value) {
        Ok(w) => w,
        Err(e) => panic!("{} read but cannot be written: {e}", std::any::type_name::<T>()),
    };
    match serde_json::from_str::<T>(&written) {
        Ok(back) => {
            assert_eq!(back, value, "{written}");
            assert_eq!(serde_json::to_string(&back).ok().as_deref(), Some(written.as_str()));
        }
        Err(e) => panic!("{} written as {written} does not read back: {e}", std::any::type_name::<T>()),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    round_trip::<Evidence>(text);
    round_trip::<Reply>(text);
    round_trip::<Request>(text);
    round_trip::<MailReport>(text);
    round_trip::<MailPanel>(text);
    round_trip::<MailExplanation>(text);
    round_trip::<Observation>(text);
    round_trip::<Diagnosis>(text);
    round_trip::<Explanation>(text);
    round_trip::<Limits>(text);
    round_trip::<PolicyReport>(text);
    round_trip::<Refusal>(text);
});
