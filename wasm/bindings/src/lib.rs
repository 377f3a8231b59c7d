//! The JavaScript face of `tls-doctor-core`, and the only crate that touches wasm-bindgen.
//! The extension's popup calls [`explain`] as soon as it opens (browser-only), and again when
//! the host's evidence arrives (refined). The JS never interprets findings: it renders what
//! comes back.

mod messages;

use serde::Serialize;
use tls_doctor_core::explain::{self, Lang, Notice};
use tls_doctor_core::input;
use tls_doctor_core::wire::{Evidence, Explanation, LimitSource, Observation, Refusal, WIRE_VERSION};
use tls_doctor_core::{LocalOffset, OrgSettings, Proceed, Timestamp, diagnose_browser_owned, diagnose_owned};
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
    /// What the popup offers to do, a button each (`stale_clear`): decided by the model from
    /// the findings ([`explain::actions`]), so the popup knows no finding.
    actions: Vec<&'static str>,
}

/// Explains a browser error: the model makes the `Observation` from what the browser reported
/// (`messages::observation`: the page's `url`, its `error`, the time `at_ms` it happened, the
/// server's `address` or empty, the `browser` as JSON text (platform.js `browserInfo`), and,
/// with an empty `error`, the `chain` the browser received on a page that loaded, as JSON text,
/// or empty). `evidence` is the host's `Evidence` as JSON text, or empty; `lang` is `ja` or
/// `en`; `now_ms` is `Date.now()`; `settings` is what the model needs of the admin's managed
/// settings, one `key<TAB>value` per line (see [`settings`]), or empty.
/// Returns the answer as JSON text (why JSON text rather than JS objects: docs/ARCHITECTURE.md,
/// "web-sys and serde-wasm-bindgen").
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen]
pub fn explain(
    url: &str,
    error: &str,
    at_ms: f64,
    address: &str,
    browser: &str,
    chain: &str,
    evidence: &str,
    lang: &str,
    now_ms: f64,
    settings: &str,
) -> Result<String, JsError> {
    messages::observation(url, error, at_ms, address, browser, chain)
        .and_then(|observation| explained(observation, evidence, lang, now_ms, settings, &BrowserZone))
        .map_err(|e| JsError::new(&e))
}

/// [`explain`] of an `Observation` given as JSON text, in the time zone `zone`: everything the
/// popup's call does but ask the browser's clock (the fuzz targets call it off wasm, where
/// JavaScript cannot be called).
#[doc(hidden)]
pub fn answer(
    observation: &str,
    evidence: &str,
    lang: &str,
    now_ms: f64,
    settings: &str,
    zone: &dyn LocalOffset,
) -> Result<String, String> {
    let observation: Observation = serde_json::from_str(observation).map_err(|e| format!("observation: {e}"))?;
    explained(observation, evidence, lang, now_ms, settings, zone)
}

fn explained(
    observation: Observation,
    evidence: &str,
    lang: &str,
    now_ms: f64,
    settings: &str,
    zone: &dyn LocalOffset,
) -> Result<String, String> {
    let lang = Lang::from_locale(lang);
    let (evidence, host_notice) = read_evidence(evidence, lang);
    let now = js_time(now_ms);
    let (org, contact, probing) = self::settings(settings);
    // The admin turned the host's checks off: the popup asked nothing, and says why.
    let refused = (evidence.is_none() && !probing).then(|| Refusal::probes_off(LimitSource::ManagedSettings));
    let diagnosis = diagnose_browser_owned(observation, evidence, refused.as_ref(), now, &org);
    let mut explanation = explain::explain(&diagnosis, lang, zone);
    let actions = explain::actions::actions(&diagnosis).into_iter().map(|a| a.as_str()).collect();
    // The help desk goes into the report the user sends them; the popup shows it on its own.
    let shown = explanation.context.len();
    explanation.context.extend(explain::contact_lines(&contact, lang));
    let report = explain::text::render(&explanation, explain::text::UNWRAPPED);
    explanation.context.truncate(shown);
    serde_json::to_string(&Answer { explanation, report, host_notice, actions }).map_err(|e| e.to_string())
}

/// The model's knobs and the help desk, from the managed settings as settings.js
/// `modelSettings` writes them: one `key<TAB>value` per line. Keys: `expected_ca`,
/// `internal_root` (a SHA-256 in hex, or `spki:` and one), `internal_domain` (repeated),
/// `proceed` (`never`, `internal`, `always`), `probing` (`off`: the admin turned the host's checks
/// off), `org`, `email`, `phone`, `url`. The extension
/// checked the values (managed.js); unknown keys are skipped. Read without a JSON deserializer,
/// which would cost the module more than the rest of this function.
fn settings(text: &str) -> (OrgSettings, explain::Contact, bool) {
    let mut org = OrgSettings::default();
    let mut contact = explain::Contact::default();
    let mut probing = true;
    for (key, value) in text.lines().filter_map(|line| line.split_once('\t')) {
        let value = value.trim().to_owned();
        match key {
            "expected_ca" => org.expected_cas.push(value),
            "internal_root" => org.internal_roots.push(value),
            "internal_domain" => org.internal_domains.push(value),
            "proceed" => {
                org.proceed = match value.as_str() {
                    "never" => Proceed::Never,
                    "internal" => Proceed::Internal,
                    _ => Proceed::Always,
                }
            }
            "probing" => probing = value != "off",
            "org" => contact.organization = value,
            "email" => contact.email = value,
            "phone" => contact.phone = value,
            "url" => contact.url = value,
            _ => {}
        }
    }
    (org, contact, probing)
}

/// A message about the host, by kind: `host_missing`, `probing_disabled` (the organisation
/// turned the host's checks off), `host_outdated` (with what the host
/// said), `bad_mail_address` (the host refused the input, given as the detail), or
/// `host_failed` (with a detail).
#[wasm_bindgen]
pub fn host_notice(kind: &str, detail: &str, lang: &str) -> String {
    let notice = match kind {
        "host_missing" => Notice::HostMissing,
        "probing_disabled" => Notice::ProbingDisabled,
        "host_outdated" => Notice::HostOutdated { found: detail.to_owned(), needed: MIN_HOST_VERSION.to_owned() },
        "bad_mail_address" => Notice::BadMailAddress { input: detail.to_owned() },
        _ => Notice::HostFailed { detail: detail.to_owned() },
    };
    explain::browser_notice(&notice, Lang::from_locale(lang))
}

/// The mail panel's labels (tab names, form, progress) as JSON text.
#[wasm_bindgen]
pub fn panel_labels(lang: &str) -> String {
    serde_json::to_string(&explain::panel::panel_labels(Lang::from_locale(lang))).unwrap_or_default()
}

/// The mail panel's app section as JSON text (`explain::mail_app::AppView`): the app and message
/// pickers in `lang`, and once `app` (an id) is chosen the likely causes of `message` (an id, or
/// text pasted from the app's dialog), at once, before the host is asked; with `recommended`
/// (the host's `report.recommended`, one `role<TAB>host<TAB>port<TAB>security` line per
/// direction, or empty: [`tls_doctor_core::mail_apps::read_recommended`]) that app's steps.
#[wasm_bindgen]
pub fn mail_app(app: &str, message: &str, recommended: &str, lang: &str) -> String {
    let rec = (!recommended.trim().is_empty()).then(|| tls_doctor_core::mail_apps::read_recommended(recommended));
    let view = explain::mail_app::view(app, message, rec.as_ref(), Lang::from_locale(lang));
    serde_json::to_string(&view).unwrap_or_default()
}

/// Explains one server the mail panel had checked (a `check` without a browser error):
/// `evidence` is the host's `Evidence` as JSON text. Returns the same answer as [`explain`];
/// when the evidence is unusable, `explanation` is `null` and `host_notice` says why.
#[wasm_bindgen]
pub fn explain_server(evidence: &str, lang: &str, now_ms: f64) -> Result<String, JsError> {
    server_answer(evidence, lang, now_ms, &BrowserZone).map_err(|e| JsError::new(&e))
}

/// [`explain_server`] in the time zone `zone`, as [`answer`] is to [`explain`].
#[doc(hidden)]
pub fn server_answer(evidence: &str, lang: &str, now_ms: f64, zone: &dyn LocalOffset) -> Result<String, String> {
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
            let now = js_time(now_ms);
            let diagnosis = diagnose_owned(evidence, now, &OrgSettings::default());
            let explanation = explain::explain(&diagnosis, lang, zone);
            let report = explain::text::render(&explanation, explain::text::UNWRAPPED);
            ServerAnswer { explanation: Some(explanation), report, host_notice }
        }
        None => {
            let host_notice = host_notice.or_else(|| Some(host_notice_text("host_failed", "no evidence", lang)));
            ServerAnswer { explanation: None, report: String::new(), host_notice }
        }
    };
    serde_json::to_string(&answer).map_err(|e| e.to_string())
}

fn host_notice_text(kind: &str, detail: &str, lang: Lang) -> String {
    host_notice(kind, detail, lang.code())
}

/// What a browser's error string is: for the background's record, `abort` (the user or a new
/// navigation stopped the page: not an error), `code` (a code the model reads) or `text` (a
/// sentence in the browser's language; of two reports of one failure, the code is kept); for
/// `host.js`, `host_missing` (the browser found no native host to start).
#[wasm_bindgen]
pub fn error_kind(error: &str) -> String {
    use tls_doctor_core::browser;
    let kind = if browser::is_abort(error) {
        "abort"
    } else if browser::is_host_missing(error) {
        "host_missing"
    } else if browser::is_code(error) {
        "code"
    } else {
        "text"
    };
    kind.to_owned()
}

/// A request to the host, as JSON text `{"request":…,"reply":…,"wait_ms":…}`: the request to
/// send, the reply type to expect and how long to wait for it (the host's deadline and a
/// grace, [`tls_doctor_core::deadlines`]). `kind` `page`: a `check` of the server behind the
/// page at `target` (a URL), at `address` when the browser gave one, with the admin's probe
/// deadline `timeout_s` (0: the host's default) and local-probe options `local` (JSON text or
/// empty). `kind` `panel`: what the mail panel's input `target` asks for
/// ([`tls_doctor_core::input::read`]), a `mail` request with its panels in `lang` or a `check`
/// of one server; or, when the input is plainly neither, `{"problem":…}`, what is wrong with
/// it in `lang`. Both carry the admin's `limits` and `local` (JSON text or empty: a `mail`
/// request uses only its SNTP servers).
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen]
pub fn host_request(
    kind: &str,
    id: &str,
    target: &str,
    address: &str,
    timeout_s: u32,
    local: &str,
    limits: &str,
    lang: &str,
) -> Result<String, JsError> {
    let json = if kind == "page" {
        match tls_doctor_core::browser::target_of_url(target, None) {
            Some(t) => messages::check(id, (&t.host, t.port), address, timeout_s, local, limits),
            None => Err("not a web URL".to_owned()),
        }
    } else {
        match input::read(target) {
            Ok(input::Input::Mail { address }) => messages::mail(id, &address, Lang::from_locale(lang), local, limits),
            Ok(input::Input::Server { host, port }) => messages::check(id, (&host, port), "", 0, local, limits),
            Err(problem) => Ok(format!(
                "{{\"problem\":{}}}",
                messages::quote(&explain::panel::input_problem(&problem, Lang::from_locale(lang)))
            )),
        }
    };
    json.map_err(|e| JsError::new(&e))
}

/// A JavaScript time (`Date.now()`, milliseconds since the epoch) as the model's, in whole
/// seconds.
pub(crate) fn js_time(ms: f64) -> Timestamp {
    Timestamp::from_unix((ms / 1000.0).floor() as i64)
}

/// The evidence, if it is usable; otherwise why not.
fn read_evidence(text: &str, lang: Lang) -> (Option<Evidence>, Option<String>) {
    if text.trim().is_empty() {
        return (None, None);
    }
    let failed = |detail: String| (None, Some(explain::browser_notice(&Notice::HostFailed { detail }, lang)));
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
        return (None, Some(explain::browser_notice(&notice, lang)));
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
    fn settings_are_read_line_by_line() {
        let sha = "ab".repeat(32);
        let text = format!(
            "expected_ca\t{sha}\ninternal_root\tspki:{sha}\ninternal_domain\tcorp.example.jp\n\
             proceed\tnever\norg\tExample 情報システム部\nemail\thelp@example.jp\nunknown\tx\nno tab here"
        );
        let (org, contact, probing) = settings(&text);
        assert!(probing);
        assert_eq!(org.expected_cas, vec![sha.clone()]);
        assert_eq!(org.internal_roots, vec![format!("spki:{sha}")]);
        assert_eq!(org.internal_domains, vec!["corp.example.jp".to_owned()]);
        assert_eq!(org.proceed, Proceed::Never);
        assert_eq!(contact.organization, "Example 情報システム部");
        assert_eq!(contact.email, "help@example.jp");
        assert_eq!(contact.phone, "");
        let (empty, none, probing) = settings("");
        assert_eq!(empty, OrgSettings::default());
        assert_eq!(none, explain::Contact::default());
        assert!(probing);
        assert!(!settings("probing\toff").2);
    }

    /// The extension's JS routes and renders: the model decides. A finding id or an error code
    /// written in JS would be a decision made outside the model (the answer's `actions` and
    /// `error_kind` say what the JS needs to know).
    #[test]
    fn the_extension_js_names_no_finding_and_no_error_code() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../extension/js");
        let files = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()));
        let mut read = 0;
        for entry in files.into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            read += 1;
            let name = entry.file_name();
            // `ok` is also the word for a host call that worked.
            for id in tls_doctor_core::wire::FindingId::ALL.iter().map(|id| id.as_str()).filter(|id| *id != "ok") {
                // As a string (comments may name a finding in backquotes).
                for quoted in [format!("'{id}'"), format!("\"{id}\"")] {
                    assert!(!text.contains(&quoted), "{name:?} names the finding {quoted}");
                }
            }
            for code in ["net::ERR_", "Error code", "NS_BINDING", "SEC_ERROR"] {
                assert!(!text.contains(code), "{name:?} reads browser error strings ({code})");
            }
        }
        assert!(read >= 10, "only {read} files in {}", dir.display());
    }

    /// `host.js` sorts the host's error replies (too old, refused, failed) in JS, where the
    /// module's size budget keeps it: every error code it names must be one the host sends, so
    /// that a renamed code fails here rather than turning "outdated" into "failed" in the popup.
    #[test]
    fn the_error_codes_host_js_names_are_the_hosts() {
        use tls_doctor_core::wire::native::HostError;
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../extension/js/host.js");
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        // Every 'snake_case' string literal on a line that reads the reply's error code.
        let named: Vec<&str> = text
            .lines()
            .filter(|line| line.contains("reply.error"))
            .flat_map(|line| {
                line.match_indices('\'').filter_map(|(at, _)| {
                    let rest = &line[at + 1..];
                    let word = &rest[..rest.find(|c: char| !(c.is_ascii_lowercase() || c == '_'))?];
                    (rest[word.len()..].starts_with('\'') && word.contains('_')).then_some(word)
                })
            })
            .collect();
        assert!(named.len() >= 3, "host.js names {named:?}");
        for code in named {
            let read: Result<HostError, _> = serde_json::from_str(&format!("\"{code}\""));
            assert!(read.is_ok(), "host.js names {code:?}, which the host never sends");
        }
    }

    #[test]
    fn the_mail_app_view_gives_causes_at_once_and_steps_with_a_recommendation() {
        let before: serde_json::Value = serde_json::from_str(&mail_app("", "", "", "ja")).unwrap();
        assert_eq!(before["pickers"]["apps"][0]["id"], "ios_mail");
        assert!(before["pickers"]["messages"].as_array().unwrap().is_empty() && before.get("causes").is_none());
        let pasted = mail_app("outlook_classic", "0x800CCC0E", "", "ja");
        let v: serde_json::Value = serde_json::from_str(&pasted).unwrap();
        assert_eq!(v["causes"]["message"], "outlook_0x800ccc0e");
        assert_eq!(v["causes"]["causes"][0]["id"], "unreachable");
        assert!(v.get("steps").is_none());
        let rec = "outgoing\tsmtp.example.jp\t587\tstarttls";
        let v: serde_json::Value = serde_json::from_str(&mail_app("thunderbird", "other", rec, "ja")).unwrap();
        let setting = &v["steps"]["settings"][0];
        assert_eq!((&setting["choice"], &setting["rows"][2]["value"]), (&"starttls".into(), &"STARTTLS".into()));
        assert_eq!(setting["rows"][2]["label"], "接続の保護");
    }

    #[test]
    fn host_requests_are_made_for_the_page_and_for_the_panel() {
        let read = |kind: &str, target: &str, lang: &str| -> serde_json::Value {
            let json = host_request(kind, "r", target, "192.0.2.1", 0, "", "", lang).unwrap_or_default();
            serde_json::from_str(&json).unwrap_or_default()
        };
        let page = read("page", "https://[2001:DB8::1]:8443/x?y", "ja");
        assert_eq!(
            page["request"]["target"],
            serde_json::json!({"host": "2001:db8::1", "port": 8443, "address": "192.0.2.1"})
        );
        assert_eq!(page["reply"], "evidence");
        let mail = read("panel", " user@example.jp ", "en");
        assert_eq!(
            (&mail["request"]["type"], &mail["request"]["address"], &mail["request"]["lang"]),
            (&"mail".into(), &"user@example.jp".into(), &"en".into())
        );
        // The panel's server check goes to the server typed, not to an address the browser gave.
        let server = read("panel", "mail.example.jp:587", "ja");
        assert_eq!(
            server["request"]["target"],
            serde_json::json!({"host": "mail.example.jp", "port": 587, "address": null})
        );
        let problem = read("panel", "192.0.2.1", "en");
        assert!(problem["problem"].as_str().is_some_and(|p| p.contains("192.0.2.1")), "{problem}");
        assert!(problem.get("request").is_none());
    }

    #[test]
    fn versions_compare_numerically() {
        assert!(older("0.0.9", "0.1.0"));
        assert!(older("0.9.0", "0.10.0"));
        assert!(!older("0.1.0", "0.1.0"));
        assert!(!older("1.0.0", "0.1.0"));
    }
}
