//! The JavaScript face of `tls-doctor-core`, and the only crate that touches wasm-bindgen.
//! The extension's popup calls [`explain`] as soon as it opens (browser-only), and again when
//! the host's evidence arrives (refined). The JS never interprets findings: it renders what
//! comes back.

mod input;

use serde::Serialize;
use tls_doctor_core::explain::{self, Lang, Notice};
use tls_doctor_core::wire::{
    Evidence, Explanation, Lookup, MailEndpoint, MailExplanation, MailReport, MailRole, MailSecurity, MailServer,
    MailSource, Observation, WIRE_VERSION,
};
use tls_doctor_core::{LocalOffset, Policy, Timestamp, diagnose, diagnose_browser};
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

/// Explains a browser error. `observation` is an `Observation` as JSON text; `evidence` is the
/// host's `Evidence` as JSON text, or empty; `lang` is `ja` or `en`; `now_ms` is `Date.now()`.
/// Returns the answer as JSON text. (JSON text across the boundary is faster than building
/// objects field by field, and the host's reply arrives as JSON anyway.)
#[wasm_bindgen]
pub fn explain(observation: &str, evidence: &str, lang: &str, now_ms: f64) -> Result<String, JsError> {
    let observation: Observation =
        serde_json::from_str(observation).map_err(|e| JsError::new(&format!("observation: {e}")))?;
    let lang = Lang::from_locale(lang);
    let (evidence, host_notice) = read_evidence(evidence, lang);
    let now = Timestamp::from_unix((now_ms / 1000.0).floor() as i64);
    let diagnosis = diagnose_browser(&observation, evidence.as_ref(), now, &Policy::default());
    let explanation = explain::explain(&diagnosis, lang, &BrowserZone);
    let report = explain::text::render(&explanation, explain::text::UNWRAPPED);
    serde_json::to_string(&Answer { explanation, report, host_notice }).map_err(|e| JsError::new(&e.to_string()))
}

/// A message about the host, by kind: `host_missing`, `host_outdated` (with what the host
/// said), `bad_mail_address` (the host refused the input, given as the detail), or
/// `host_failed` (with a detail).
#[wasm_bindgen]
pub fn host_notice(kind: &str, detail: &str, lang: &str) -> String {
    let notice = match kind {
        "host_missing" => Notice::HostMissing,
        "host_outdated" => Notice::HostOutdated { found: detail.to_owned(), needed: MIN_HOST_VERSION.to_owned() },
        "bad_mail_address" => Notice::BadMailAddress { input: detail.to_owned() },
        _ => Notice::HostFailed { detail: detail.to_owned() },
    };
    explain::notice(&notice, Lang::from_locale(lang))
}

/// The mail panel's labels (tab names, form, progress) as JSON text.
#[wasm_bindgen]
pub fn panel_labels(lang: &str) -> String {
    serde_json::to_string(&explain::panel::panel_labels(Lang::from_locale(lang))).unwrap_or_default()
}

/// What the mail panel's input asks for, as JSON text: `{"kind":"mail","address":…}`,
/// `{"kind":"server","host":…,"port":…}`, or `{"kind":"problem","message":…}` (in `lang`)
/// when it is plainly neither.
#[wasm_bindgen]
pub fn read_input(text: &str, lang: &str) -> String {
    #[derive(Serialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum Read {
        Problem { message: String },
    }
    let json = match input::read(text) {
        Ok(read) => serde_json::to_string(&read),
        Err(problem) => serde_json::to_string(&Read::Problem {
            message: explain::panel::input_problem(&problem, Lang::from_locale(lang)),
        }),
    };
    json.unwrap_or_default()
}

/// Explains one server the mail panel had checked (a `check` without a browser error):
/// `evidence` is the host's `Evidence` as JSON text. Returns the same answer as [`explain`];
/// when the evidence is unusable, `explanation` is `null` and `host_notice` says why.
#[wasm_bindgen]
pub fn explain_server(evidence: &str, lang: &str, now_ms: f64) -> Result<String, JsError> {
    #[derive(Serialize)]
    struct ServerAnswer {
        explanation: Option<Explanation>,
        report: String,
        host_notice: Option<String>,
    }
    let lang = Lang::from_locale(lang);
    let (evidence, host_notice) = read_evidence(evidence, lang);
    let answer = match evidence {
        Some(evidence) => {
            let now = Timestamp::from_unix((now_ms / 1000.0).floor() as i64);
            let diagnosis = diagnose(&evidence, now, &Policy::default());
            let explanation = explain::explain(&diagnosis, lang, &BrowserZone);
            let report = explain::text::render(&explanation, explain::text::UNWRAPPED);
            ServerAnswer { explanation: Some(explanation), report, host_notice }
        }
        None => {
            let host_notice = host_notice.or_else(|| Some(host_notice_text("host_failed", "no evidence", lang)));
            ServerAnswer { explanation: None, report: String::new(), host_notice }
        }
    };
    serde_json::to_string(&answer).map_err(|e| JsError::new(&e.to_string()))
}

/// What the mail panel renders for a `mail_report` reply.
#[derive(Debug, Serialize)]
struct MailAnswer<'a> {
    /// This build's explanation, or the host's as it sent it (when the report lacks the
    /// evidence to explain it again: a host trims evidence from replies over 1 MB).
    explanation: Option<Explained<'a>>,
    /// Each checked server's full explanation, in the order of `explanation.servers`.
    details: Vec<Explanation>,
    /// The advice against "no SSL", when the verdict does not already give it.
    plain_warning: Option<String>,
    /// The same in plain text, for "copy report".
    report: String,
    host_notice: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Explained<'a> {
    Ours(Box<MailExplanation>),
    Hosts(&'a serde_json::value::RawValue),
}

/// Explains a host's `mail_report` reply (`{"report":…,"explanation":…}` as JSON text) in
/// `lang`. The report is explained again by this build's model, so the words follow the
/// popup's language and catalog; the host's own explanation is the fallback for a report this
/// build cannot read.
#[wasm_bindgen]
pub fn explain_mail(reply: &str, lang: &str) -> String {
    let lang = Lang::from_locale(lang);
    #[derive(serde::Deserialize)]
    struct Reply<'a> {
        #[serde(default, borrow)]
        report: Option<&'a serde_json::value::RawValue>,
        #[serde(default, borrow)]
        explanation: Option<&'a serde_json::value::RawValue>,
    }
    let failed = |detail: String| MailAnswer {
        explanation: None,
        details: Vec::new(),
        plain_warning: None,
        report: String::new(),
        host_notice: Some(host_notice_text("host_failed", &detail, lang)),
    };
    let answer = match serde_json::from_str::<Reply>(reply) {
        Err(e) => failed(e.to_string()),
        Ok(r) => match r.report.map(|raw| serde_json::from_str::<ReportFromHost>(raw.get())) {
            Some(Ok(from_host)) if from_host.v == WIRE_VERSION && from_host.complete() => {
                let report = from_host.rediagnosed();
                let ex = explain::mail::explain_mail(&report, lang, &BrowserZone);
                let details =
                    report.servers.iter().map(|s| explain::explain(&s.diagnosis, lang, &BrowserZone)).collect();
                mail_answer(ex, details)
            }
            other => match r.explanation {
                Some(raw) => MailAnswer {
                    explanation: Some(Explained::Hosts(raw)),
                    details: Vec::new(),
                    plain_warning: Some(explain::panel::panel_labels(lang).plain_warning),
                    report: String::new(),
                    host_notice: None,
                },
                None => failed(match other {
                    Some(Err(e)) => e.to_string(),
                    Some(Ok(report)) => format!("wire {}, evidence left out", report.v),
                    None => "no report".into(),
                }),
            },
        },
    };
    serde_json::to_string(&answer).unwrap_or_default()
}

/// The parts of a host's `MailReport` this module reads: all but the diagnoses, which it
/// draws again from each server's evidence, as it does for a web page. Reading whole
/// diagnoses would compile a second reader for every finding and certificate field (about
/// 100 KB of wasm); the evidence reader is here already.
#[derive(serde::Deserialize)]
struct ReportFromHost {
    v: u32,
    #[serde(default)]
    address: Option<String>,
    domain: String,
    measured_at: Timestamp,
    timeout_ms: u64,
    elapsed_ms: u64,
    lookups: Vec<Lookup>,
    servers: Vec<ServerFromHost>,
    #[serde(default)]
    not_checked: Vec<MailEndpoint>,
    #[serde(default)]
    unencrypted: Vec<MailEndpoint>,
}

#[derive(serde::Deserialize)]
struct ServerFromHost {
    role: MailRole,
    host: String,
    port: u16,
    security: MailSecurity,
    source: MailSource,
    diagnosis: EvidenceOnly,
}

#[derive(serde::Deserialize)]
struct EvidenceOnly {
    #[serde(default)]
    evidence: Option<Evidence>,
}

impl ReportFromHost {
    /// Every server's evidence is there (a host trims it from replies over 1 MB).
    fn complete(&self) -> bool {
        self.servers.iter().all(|s| s.diagnosis.evidence.is_some())
    }

    fn rediagnosed(self) -> MailReport {
        let servers: Vec<MailServer> = self
            .servers
            .into_iter()
            .filter_map(|s| {
                let evidence = s.diagnosis.evidence?;
                let diagnosis = diagnose(&evidence, evidence.measured_at, &Policy::default());
                Some(MailServer {
                    role: s.role,
                    host: s.host,
                    port: s.port,
                    security: s.security,
                    source: s.source,
                    diagnosis,
                })
            })
            .collect();
        let recommended = tls_doctor_core::mail::recommend(&servers);
        MailReport {
            kind: Default::default(),
            v: self.v,
            address: self.address,
            domain: self.domain,
            measured_at: self.measured_at,
            timeout_ms: self.timeout_ms,
            elapsed_ms: self.elapsed_ms,
            lookups: self.lookups,
            servers,
            not_checked: self.not_checked,
            unencrypted: self.unencrypted,
            recommended,
        }
    }
}

fn mail_answer(ex: MailExplanation, details: Vec<Explanation>) -> MailAnswer<'static> {
    let labels = explain::panel::panel_labels(ex.lang);
    // The verdict of a domain without safe settings already warns against "no SSL".
    let plain_warning = ex.safe.then_some(labels.plain_warning);
    let report = explain::mail::render(&ex, 80);
    MailAnswer { explanation: Some(Explained::Ours(Box::new(ex))), details, plain_warning, report, host_notice: None }
}

fn host_notice_text(kind: &str, detail: &str, lang: Lang) -> String {
    host_notice(kind, detail, lang.code())
}

/// Should this error be ignored (the user or a new navigation stopped the page)?
#[wasm_bindgen]
pub fn is_abort(error: &str) -> bool {
    tls_doctor_core::browser::is_abort(error)
}

/// The evidence, if it is usable; otherwise why not.
fn read_evidence(text: &str, lang: Lang) -> (Option<Evidence>, Option<String>) {
    if text.trim().is_empty() {
        return (None, None);
    }
    let failed = |detail: String| (None, Some(explain::notice(&Notice::HostFailed { detail }, lang)));
    // Look at the version before the shape: a newer host may send fields this build lacks.
    #[derive(serde::Deserialize)]
    struct Head {
        #[serde(default)]
        v: u32,
        #[serde(default)]
        host: Option<HostHead>,
    }
    #[derive(serde::Deserialize)]
    struct HostHead {
        #[serde(default)]
        version: String,
    }
    let head: Head = match serde_json::from_str(text) {
        Ok(h) => h,
        Err(e) => return failed(e.to_string()),
    };
    let host_version = head.host.map(|h| h.version).unwrap_or_default();
    if head.v != WIRE_VERSION || older(&host_version, MIN_HOST_VERSION) {
        let found = if host_version.is_empty() { format!("wire {}", head.v) } else { host_version };
        let notice = Notice::HostOutdated { found, needed: MIN_HOST_VERSION.to_owned() };
        return (None, Some(explain::notice(&notice, lang)));
    }
    match serde_json::from_str::<Evidence>(text) {
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
