//! What the extension gives the model, through the wasm bindings' own code (run natively, with a
//! fixed time zone in place of the browser's): the observation the popup sends, the host's
//! evidence as it arrived, the managed settings as settings.js writes them (`key<TAB>value`
//! lines), the browser's clock and language (`tls_doctor_wasm::answer`, which `explain` calls),
//! the evidence of a server the mail panel checked (`server_answer`), and what the user typed
//! into the mail panel (`read_input`).
//!
//! Input: a language byte, a time-zone byte, the browser's clock (8 bytes, milliseconds, within
//! what a JavaScript `Date` holds), then the observation, the evidence and the settings (u16
//! length each), then the mail panel's text.
//!
//! It must never panic. A readable observation is always explained, with a report; evidence that
//! cannot be used gives a notice instead, never an error; the mail panel's reading is a mail
//! address of at most 254 characters, a server with a port from 1 to 65535, or a problem in words.

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use tls_doctor_core::FixedOffset;
use tls_doctor_core::wire::Observation;
use tls_doctor_fuzz::pieces;

/// ±8.64 × 10¹⁵ ms: the range of a JavaScript `Date` (ECMA-262 §21.4.1.1).
const JS_DATE_LIMIT: i64 = 8_640_000_000_000_000;

fuzz_target!(|data: &[u8]| {
    let Some((head, rest)) = data.split_first_chunk::<10>() else { return };
    let lang = ["ja", "en", "ja-JP", "en-US", "fr", ""][usize::from(head[0]) % 6];
    // Whole quarter hours from -14:00 to +14:00, as real zones are.
    let zone = FixedOffset((i32::from(head[1]) % 113 - 56) * 15);
    let raw = i64::from_be_bytes(head[2..10].try_into().unwrap_or_default());
    let now_ms = (raw % (JS_DATE_LIMIT + 1)) as f64;
    let (texts, typed) = pieces(rest, 3);
    let text = |i: usize| texts.get(i).map(|t| String::from_utf8_lossy(t).into_owned()).unwrap_or_default();
    let (observation, evidence, settings) = (text(0), text(1), text(2));

    match tls_doctor_wasm::answer(&observation, &evidence, lang, now_ms, &settings, &zone) {
        Ok(json) => {
            let answer: Value = serde_json::from_str(&json).unwrap_or_default();
            assert!(answer["explanation"].is_object(), "{json}");
            assert!(answer["report"].as_str().is_some_and(|r| !r.is_empty()), "{json}");
        }
        Err(e) => {
            assert!(serde_json::from_str::<Observation>(&observation).is_err(), "a readable observation failed: {e}")
        }
    }

    match tls_doctor_wasm::server_answer(&evidence, lang, now_ms, &zone) {
        Ok(json) => {
            let answer: Value = serde_json::from_str(&json).unwrap_or_default();
            assert!(answer["explanation"].is_object() || answer["host_notice"].is_string(), "{json}");
        }
        Err(e) => panic!("server_answer: {e}"),
    }

    // The mail panel's input, as the panel asks for it: a request, or the problem in words.
    let typed = String::from_utf8_lossy(typed);
    let asked = tls_doctor_wasm::host_request("panel", "f", &typed, "", 0, "", "", lang).unwrap_or_default();
    let asked: Value = serde_json::from_str(&asked).unwrap_or_default();
    let request = &asked["request"];
    match request["type"].as_str() {
        Some("mail") => assert!(request["address"].as_str().is_some_and(|a| !a.is_empty() && a.len() <= 254), "{asked}"),
        Some("check") => {
            assert!(request["target"]["port"].as_u64().is_some_and(|p| (1..=65_535).contains(&p)), "{asked}");
            assert!(request["target"]["host"].as_str().is_some_and(|h| !h.is_empty()), "{asked}");
        }
        None => assert!(asked["problem"].as_str().is_some_and(|m| !m.is_empty()), "{asked}"),
        _ => panic!("host_request gave {asked}"),
    }
});
