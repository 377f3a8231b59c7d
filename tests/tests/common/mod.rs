//! What every case's test asserts about a run of the real `tls-doctor` binary, and the one lab
//! each test process shares.

#![allow(dead_code, reason = "each test file is its own crate and uses part of this module")]

pub mod mail;
pub mod openssl;
pub mod processes;

use std::sync::OnceLock;

use serde_json::Value;
use tls_doctor_core::wire::{Diagnosis, WIRE_VERSION};
use tls_doctor_lab::binary::{self, JsonRun};
use tls_doctor_lab::{Case, Lab};

/// The lab of this test process, started by the first test that asks; it lives as long as the
/// process.
pub fn lab() -> &'static Lab {
    static LAB: OnceLock<Lab> = OnceLock::new();
    LAB.get_or_init(|| Lab::start().unwrap_or_else(|e| panic!("the lab did not start: {e}")))
}

/// The lab's case `name`.
pub fn case(name: &str) -> &'static Case {
    lab().case(name).unwrap_or_else(|| panic!("no case {name} in the lab"))
}

/// Runs `tls-doctor --json` against `case` and checks the contract ([`contract`]). Returns the
/// run for case-specific checks.
pub fn diagnose(case: &Case) -> JsonRun {
    let bin = tls_doctor_lab::tls_doctor_bin();
    let run = binary::run_json(&bin, case).unwrap_or_else(|e| panic!("{}: {e}", case.name));
    if let Err(e) = contract(case, &run) {
        panic!("{}: {e}\n{}", case.name, failure_context(case, &run));
    }
    run
}

/// What every run must be: the primary finding the case expects, the exit code that goes
/// with it, `v`, `type`, and the shape of the wire `Diagnosis`.
pub fn contract(case: &Case, run: &JsonRun) -> Result<(), String> {
    let expected = case.expected.as_str();
    if run.primary() != Some(expected) {
        return Err(format!("wrong primary finding: {:?}, not {expected}", run.primary()));
    }
    if run.run.code != Some(case.expected_exit_code()) {
        return Err(format!("wrong exit code: {:?}, not {}", run.run.code, case.expected_exit_code()));
    }
    if run.json["v"] != WIRE_VERSION {
        return Err(format!("v is {}, not {WIRE_VERSION}", run.json["v"]));
    }
    if run.json["type"] != "diagnosis" {
        return Err(format!("type is {}, not diagnosis", run.json["type"]));
    }
    // Read from the text: a `Value` sorts its keys, and a tagged enum's tag must come first.
    serde_json::from_str::<Diagnosis>(&run.run.stdout)
        .map(drop)
        .map_err(|e| format!("the JSON is not a wire-contract Diagnosis: {e}"))
}

/// The primary finding's evidence field `key`, failing with the whole finding when it is absent.
#[allow(dead_code, reason = "lab_cases.rs reads evidence through its cases' facts")]
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
        case.expected.as_str(),
        run.run.command,
        run.run.code,
        run.run.stderr.trim()
    )
}
