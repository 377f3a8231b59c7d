//! What every case's test asserts about a run of the real `tls-doctor` binary.

use serde_json::Value;
use tls_doctor_core::wire::{Diagnosis, WIRE_VERSION};
use tls_doctor_lab::Case;
use tls_doctor_lab::binary::{self, JsonRun};

/// Runs `tls-doctor --json` against `case` and checks the contract: exit code, `v`, `type`, the
/// shape of the wire `Diagnosis`, and the primary finding. Returns the run for case-specific
/// checks.
pub fn diagnose(case: &Case) -> JsonRun {
    let bin = tls_doctor_lab::tls_doctor_bin();
    let run = binary::run_json(&bin, case).unwrap_or_else(|e| panic!("{}: {e}", case.name));
    let context = || failure_context(case, &run);

    assert_eq!(run.primary(), Some(case.expected), "{}: wrong primary finding\n{}", case.name, context());
    assert_eq!(run.run.code, Some(case.expected_exit_code()), "{}: wrong exit code\n{}", case.name, context());
    assert_eq!(run.json["v"], WIRE_VERSION, "{}\n{}", case.name, context());
    assert_eq!(run.json["type"], "diagnosis", "{}\n{}", case.name, context());
    // Read from the text: a `Value` sorts its keys, and a tagged enum's tag must come first.
    if let Err(e) = serde_json::from_str::<Diagnosis>(&run.run.stdout) {
        panic!("{}: the JSON is not a wire-contract Diagnosis: {e}\n{}", case.name, context());
    }
    run
}

/// The primary finding's evidence field `key`, failing with the whole finding when it is absent.
pub fn evidence<'a>(run: &'a JsonRun, key: &str) -> &'a Value {
    let value = &run.primary_evidence()[key];
    assert!(!value.is_null(), "findings[0].evidence has no {key}: {:#}", run.json["findings"][0]);
    value
}

/// What a failing assertion shows: the command, what it printed on stderr, and the findings
/// and certificates (the raw evidence, with base64 certificates, is left out: it is long and
/// `tls-doctor … --json` prints it again).
pub fn failure_context(case: &Case, run: &JsonRun) -> String {
    let findings = serde_json::to_string_pretty(&run.json["findings"]).unwrap_or_default();
    let certificates: Vec<&Value> =
        run.json["certificates"].as_array().into_iter().flatten().map(|c| &c["subject"]).collect();
    let tls: Vec<&Value> =
        run.json["evidence"]["handshakes"].as_array().into_iter().flatten().map(|h| &h["tls"]).collect();
    format!(
        "case: {} ({}), expected {}\ncommand: {}\nexit: {:?}\nstderr: {}\nfindings: {findings}\n\
         certificates: {certificates:?}\nhandshakes: {tls:?}",
        case.name,
        case.description,
        case.expected,
        run.run.command,
        run.run.code,
        run.run.stderr.trim()
    )
}
