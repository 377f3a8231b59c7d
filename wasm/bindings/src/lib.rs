//! The JavaScript face of `tls-doctor-core`, and the only crate that touches wasm-bindgen.
//! The extension's popup calls [`explain`] as soon as it opens (browser-only), and again when
//! the host's evidence arrives (refined). The JS never interprets findings: it renders what
//! comes back.

use serde::Serialize;
use tls_doctor_core::explain::{self, Lang, Notice};
use tls_doctor_core::wire::{Evidence, Explanation, Observation, WIRE_VERSION};
use tls_doctor_core::{LocalOffset, Policy, Timestamp, diagnose_browser};
use wasm_bindgen::prelude::*;

/// The oldest host whose evidence this build understands.
pub const MIN_HOST_VERSION: &str = "0.1.0";

/// `"<crate version> wire/<n>"`.
#[wasm_bindgen]
pub fn version() -> String {
    format!("{} wire/{WIRE_VERSION}", env!("CARGO_PKG_VERSION"))
}

/// What the popup renders.
#[derive(Debug, Serialize)]
struct Answer {
    explanation: Explanation,
    /// The same in plain text, for "copy report".
    report: String,
    /// Why the host's evidence was not used, when it was given but could not be: to show above
    /// the explanation.
    host_notice: Option<String>,
}

/// Explains a browser error. `observation` is an `Observation` (JSON object); `evidence` is the
/// host's `Evidence` or `null`; `lang` is `ja` or `en`; `now_ms` is `Date.now()`.
#[wasm_bindgen]
pub fn explain(observation: JsValue, evidence: JsValue, lang: &str, now_ms: f64) -> Result<JsValue, JsError> {
    let observation: Observation =
        serde_wasm_bindgen::from_value(observation).map_err(|e| JsError::new(&format!("observation: {e}")))?;
    let lang = Lang::from_locale(lang);
    let (evidence, host_notice) = read_evidence(evidence, lang);
    let now = Timestamp::from_unix((now_ms / 1000.0).floor() as i64);
    let diagnosis = diagnose_browser(&observation, evidence.as_ref(), now, &Policy::default());
    let explanation = explain::explain(&diagnosis, lang, &BrowserZone);
    let report = explain::text::render(&explanation, explain::text::UNWRAPPED);
    let answer = Answer { explanation, report, host_notice };
    answer.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

/// A message about the host, by kind: `host_missing`, `host_outdated` (with what the host
/// said), or `host_failed` (with a detail).
#[wasm_bindgen]
pub fn host_notice(kind: &str, detail: &str, lang: &str) -> String {
    let notice = match kind {
        "host_missing" => Notice::HostMissing,
        "host_outdated" => Notice::HostOutdated { found: detail.to_owned(), needed: MIN_HOST_VERSION.to_owned() },
        _ => Notice::HostFailed { detail: detail.to_owned() },
    };
    explain::notice(&notice, Lang::from_locale(lang))
}

/// Should this error be ignored (the user or a new navigation stopped the page)?
#[wasm_bindgen]
pub fn is_abort(error: &str) -> bool {
    tls_doctor_core::browser::is_abort(error)
}

/// The evidence, if it is usable; otherwise why not.
fn read_evidence(value: JsValue, lang: Lang) -> (Option<Evidence>, Option<String>) {
    if value.is_null() || value.is_undefined() {
        return (None, None);
    }
    let failed = |detail: String| (None, Some(explain::notice(&Notice::HostFailed { detail }, lang)));
    // Look at the version before the shape: a newer host may send fields this build lacks.
    let v = js_sys::Reflect::get(&value, &JsValue::from_str("v")).ok().and_then(|v| v.as_f64());
    let host_version = js_sys::Reflect::get(&value, &JsValue::from_str("host"))
        .ok()
        .and_then(|h| js_sys::Reflect::get(&h, &JsValue::from_str("version")).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    if v != Some(f64::from(WIRE_VERSION)) || older(&host_version, MIN_HOST_VERSION) {
        let found = if host_version.is_empty() { format!("wire {}", v.unwrap_or(0.0)) } else { host_version };
        let notice = Notice::HostOutdated { found, needed: MIN_HOST_VERSION.to_owned() };
        return (None, Some(explain::notice(&notice, lang)));
    }
    match serde_wasm_bindgen::from_value::<Evidence>(value) {
        Ok(evidence) => (Some(evidence), None),
        Err(e) => failed(e.to_string()),
    }
}

/// `a < b` for dotted version numbers (`0.1.0`); unreadable parts count as 0.
fn older(a: &str, b: &str) -> bool {
    let parts = |s: &str| s.split('.').map(|p| p.parse::<u64>().unwrap_or(0)).collect::<Vec<_>>();
    parts(a) < parts(b)
}

/// The browser's time zone, asked per date so daylight saving time is right.
struct BrowserZone;

impl LocalOffset for BrowserZone {
    fn offset_minutes_at(&self, at: Timestamp) -> i32 {
        let date = js_sys::Date::new(&JsValue::from_f64(at.unix() as f64 * 1000.0));
        // getTimezoneOffset() is UTC minus local time, in minutes.
        -(date.get_timezone_offset() as i32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_numerically() {
        assert!(older("0.0.9", "0.1.0"));
        assert!(older("0.9.0", "0.10.0"));
        assert!(!older("0.1.0", "0.1.0"));
        assert!(!older("1.0.0", "0.1.0"));
    }
}
