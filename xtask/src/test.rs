//! `cargo xtask test [STAGE]`: the full gate CI runs (no stage), or one stage of it.
//!
//! | stage | what |
//! |---|---|
//! | `check` | `cargo fmt --check`, clippy `-D warnings`, the model built for wasm32 |
//! | `unit` | every Rust test that needs no lab server or browser (the tidy test among them), and Node's tests of `tests/node/` |
//! | `lab` | the integration tests that run the real `tls-doctor` against the lab's servers |
//! | `fuzz` | every fuzz target replayed on its corpus, then a few seconds of new inputs |
//! | `e2e [FILE…]` | the extension in real Chromium and Firefox (`tests/e2e/*.test.mjs`, or those FILEs) |
//! | `package` | the `.deb`, `.rpm` and `.msi`, read back; as root the `.deb` installed and removed |
//!
//! `unit` and `lab` together are `cargo test --workspace`: `lab` is every integration test of
//! `tests/tests/` (found by listing the directory) except those in [`UNIT_LAB_TESTS`]; `unit`
//! is the rest. Measured per test binary (issue 14), `unit` needs no other split: the host's
//! library tests take longest (about 23 s, nearly all of it deadline tests that wait on
//! purpose), every other binary a few seconds at most. A suite that makes `unit` slow moves to
//! `tests/tests/` (and so to `lab`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::setup::{self, Needs};
use crate::{Result, build, cargo, cargo_bin, fuzz, package, run, target_dir, workspace_root};

/// Integration tests of `tests/tests/` that start no server: they belong to `unit`.
pub const UNIT_LAB_TESTS: &[&str] = &["tidy"];

const USAGE: &str = "usage: cargo xtask test [check | unit | lab | fuzz | e2e [FILE…] | package]";

pub fn run_test(args: &[String]) -> Result {
    let stage = args.first().map(String::as_str);
    if stage != Some("e2e") && args.len() > 1 {
        return Err(USAGE.into());
    }
    match stage {
        None => all(),
        Some("check") => timed("check", check),
        Some("unit") => timed("unit", unit),
        Some("lab") => timed("lab", lab),
        Some("fuzz") => timed("fuzz", || fuzz::replay(fuzz::REPLAY_SECONDS)),
        Some("e2e") => timed("e2e", || e2e(&args[1..])),
        Some("package") => timed("package", || package(true)),
        Some(_) => Err(USAGE.into()),
    }
}

/// The full gate: every stage, in this order. The packages come last: installing the `.deb`
/// puts tls-doctor on the PATH and manifests in the browsers' system directories, which the
/// browser tests must not see (it is removed and purged before this returns).
fn all() -> Result {
    // Everything at once, first: `bench` too (the agreement test compares tls-doctor with
    // sslyze and testssl.sh).
    setup::ensure(Needs::all())?;
    timed("check", check)?;
    timed("unit", unit)?;
    timed("lab", lab)?;
    // Every parser of remote or caller input, on its seeds and committed corpus, then a few
    // seconds of new inputs each (see fuzz/README.md).
    timed("fuzz", || fuzz::replay(fuzz::REPLAY_SECONDS))?;
    timed("e2e", || e2e(&[]))?;
    timed("package", || package(true))
}

fn timed(stage: &str, f: impl FnOnce() -> Result) -> Result {
    let started = Instant::now();
    let result = f();
    let verdict = if result.is_ok() { "passed" } else { "FAILED" };
    eprintln!("xtask: test {stage}: {verdict} in {:.0} s", started.elapsed().as_secs_f64());
    result
}

fn check() -> Result {
    setup::ensure(Needs { lint: true, wasm: true, ..Needs::default() })?;
    cargo(&["fmt", "--all", "--", "--check"])?;
    cargo(&["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"])?;
    // The model must stay free of anything a browser cannot run.
    cargo(&["build", "--quiet", "-p", "tls-doctor-core", "--target", "wasm32-unknown-unknown"])
}

/// `cargo test` in the workspace with these arguments.
fn cargo_test(args: &[&str]) -> Result {
    cargo(&[&["test"], args].concat())
}

fn unit() -> Result {
    cargo_test(&["--workspace", "--exclude", "tls-doctor-lab", "--quiet"])?;
    let mut lab = vec!["-p", "tls-doctor-lab", "--quiet", "--lib", "--bins"];
    for t in UNIT_LAB_TESTS {
        lab.extend(["--test", t]);
    }
    cargo_test(&lab)?;
    node_unit()
}

/// Node's own tests of the extension's pure modules (`tests/node/*.test.mjs`): no browser.
fn node_unit() -> Result {
    let dir = workspace_root().join("tests/node");
    let files = glob_tests(&dir)?;
    if files.is_empty() {
        eprintln!("xtask: no Node unit tests in {}", dir.display());
        return Ok(());
    }
    run(Command::new("node").arg("--test").args(&files).current_dir(&dir))
}

fn lab() -> Result {
    // `bench`: the agreement test compares tls-doctor with sslyze and testssl.sh.
    setup::ensure(Needs { servers: true, bench: true, ..Needs::default() })?;
    cargo(&["build", "--quiet", "-p", "tls-doctor", "-p", "tls-doctor-lab"])?;
    let lab_tests = test_files(&workspace_root().join("tests/tests"))?;
    let mut args = vec!["-p", "tls-doctor-lab", "--quiet"];
    for t in lab_tests.iter().filter(|t| !UNIT_LAB_TESTS.contains(&t.as_str())) {
        args.extend(["--test", t.as_str()]);
    }
    // The lab's tests run the `tls-doctor` just built (the host's own tests use cargo's
    // `CARGO_BIN_EXE_tls-doctor`).
    let bin = target_dir().join("debug/tls-doctor");
    run(Command::new(cargo_bin()).arg("test").args(&args).current_dir(workspace_root()).env("TLS_DOCTOR_BIN", &bin))?;
    cargo_test(&["-p", "tls-doctor-lab", "--quiet", "--doc"])
}

/// The extension in real browsers, with the real wasm and the real host: every
/// `tests/e2e/*.test.mjs`, or those whose name contains one of `filters`.
fn e2e(filters: &[String]) -> Result {
    let dir = workspace_root().join("tests/e2e");
    let all = glob_tests(&dir)?;
    let files: Vec<String> = if filters.is_empty() {
        all.clone()
    } else {
        all.iter().filter(|f| filters.iter().any(|w| f.contains(w.trim_start_matches("tests/e2e/")))).cloned().collect()
    };
    if files.is_empty() {
        return Err(format!("no e2e test matches {filters:?}; there are: {}", all.join(" ")));
    }
    setup::ensure(Needs { browsers: true, ..Needs::default() })?;
    cargo(&["build", "--quiet", "-p", "tls-doctor", "-p", "tls-doctor-lab"])?;
    build::build()?;
    let target = target_dir();
    run(Command::new("node")
        .args(["--test", "--test-concurrency=1"])
        .args(&files)
        .current_dir(dir)
        .env("TLS_DOCTOR_BIN", target.join("debug/tls-doctor"))
        .env("TLS_DOCTOR_LAB_BIN", target.join("debug/tls-doctor-lab"))
        .env("GECKODRIVER", setup::geckodriver_bin()))
}

fn package(install: bool) -> Result {
    setup::ensure(Needs { package: true, ..Needs::default() })?;
    let packages = package::build()?;
    package::check(&packages, install)
}

/// The `*.test.mjs` files of `dir` (names only, sorted); none when `dir` is absent.
fn glob_tests(dir: &Path) -> Result<Vec<String>> {
    names_ending(dir, ".test.mjs")
}

/// The integration-test targets of a `tests/` directory: `NAME` of each `NAME.rs` (sorted).
fn test_files(dir: &Path) -> Result<Vec<String>> {
    Ok(names_ending(dir, ".rs")?.into_iter().filter_map(|n| n.strip_suffix(".rs").map(str::to_owned)).collect())
}

/// The names of the files of `dir` that end in `suffix`, sorted; none when `dir` is absent.
fn names_ending(dir: &Path, suffix: &str) -> Result<Vec<String>> {
    let mut names: Vec<String> = list(dir)?
        .into_iter()
        .filter(|p| p.is_file())
        .filter_map(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_owned))
        .filter(|n| n.ends_with(suffix))
        .collect();
    names.sort();
    Ok(names)
}

fn list(dir: &Path) -> Result<Vec<PathBuf>> {
    match std::fs::read_dir(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(format!("{}: {e}", dir.display())),
        Ok(entries) => Ok(entries.filter_map(|e| e.ok().map(|e| e.path())).collect()),
    }
}
