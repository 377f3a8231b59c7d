//! Every in-process lab case (`tls_doctor_lab::cases::IN_PROCESS`), diagnosed by the real
//! `tls-doctor` binary (build it first: `cargo build -p tls-doctor`, or point `TLS_DOCTOR_BIN`
//! at one): the contract, the expected primary finding, and the case's own facts. The cases are
//! data; this file runs them all, so a case cannot go untested. `LAB_CASE=NAME` (a part of
//! the name) runs only the matching ones.
//!
//! One lab serves all tests of this file; it lives as long as the test process.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers too: a failure stops the test and says why")]

mod common;

use std::sync::Mutex;

use common::{case, lab};
use serde_json::{Value, json};
use tls_doctor_lab::binary;
use tls_doctor_lab::cases::{Definition, IN_PROCESS};
use tls_doctor_lab::facts::Facts;

/// How many cases run at once: most of a case's time is `tls-doctor` waiting on a socket
/// (the silent ports wait out their `--timeout`), not the CPU.
const AT_ONCE: usize = 6;

/// One case: the contract and its facts, or what failed with the whole run.
fn check(definition: &Definition) -> Result<(), String> {
    let case = case(definition.name);
    let run = binary::run_json(&tls_doctor_lab::tls_doctor_bin(), case).map_err(|e| e.to_string())?;
    common::contract(case, &run)
        .and_then(|()| (definition.facts)(&Facts { case, run: &run, lab: lab() }))
        .map_err(|e| format!("{e}\n{}", common::failure_context(case, &run)))
}

#[test]
fn every_case_gives_its_finding_with_the_facts_the_lab_made() {
    let only = std::env::var("LAB_CASE").ok();
    let chosen: Vec<&Definition> =
        IN_PROCESS.iter().filter(|d| only.as_deref().is_none_or(|part| d.name.contains(part))).collect();
    assert!(!chosen.is_empty(), "no case matches LAB_CASE={only:?}");
    lab();
    let queue = Mutex::new(chosen.iter());
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..AT_ONCE {
            scope.spawn(|| {
                let next = || queue.lock().unwrap().next();
                while let Some(definition) = next() {
                    if let Err(e) = check(definition) {
                        failures.lock().unwrap().push((definition.name, e));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    let names: Vec<&str> = failures.iter().map(|(name, _)| *name).collect();
    let reports: Vec<String> = failures.iter().map(|(name, e)| format!("=== {name} ===\n{e}")).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed: {}\n\n{}",
        failures.len(),
        chosen.len(),
        names.join(", "),
        reports.join("\n\n")
    );
}

#[test]
fn the_report_speaks_japanese_when_asked() {
    let case = case("expired");
    let run = binary::run(&tls_doctor_lab::tls_doctor_bin(), case, &["--lang", "ja"]).unwrap();
    assert_eq!(run.code, Some(case.expected_exit_code()), "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("有効期限"), "no 有効期限 in:\n{}", run.stdout);
}

#[test]
fn the_ok_case_is_healthy_in_every_finding() {
    let run = common::diagnose(case("ok"));
    assert_eq!(run.finding_ids(), ["ok"], "{:#}", run.json["findings"]);
    let sides: Vec<&Value> = run.json["findings"].as_array().unwrap().iter().map(|f| &f["side"]).collect();
    assert_eq!(sides, [&json!("none")]);
}
