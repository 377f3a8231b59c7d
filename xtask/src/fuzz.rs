//! The fuzz targets of `fuzz/` (cargo-fuzz, libFuzzer): `cargo xtask fuzz` runs each for a
//! while and keeps what it learnt; `cargo xtask test` replays each on its committed corpus.
//!
//! - Built once for all targets, on the stable toolchain with `RUSTC_BOOTSTRAP=1` (libFuzzer's
//!   coverage flags are nightly ones), into `target/fuzz/`. No sanitizer: the code is free of
//!   `unsafe`, and AddressSanitizer would halve the executions; debug assertions and overflow
//!   checks stay on (fuzz/Cargo.toml's release profile), so an overflow is a crash.
//! - A target is a file `fuzz/fuzz_targets/NAME.rs` with its line in fuzz/Cargo.toml's `bin`
//!   list. Its starting inputs are `fuzz/seeds/NAME/` (real answers, committed) and its corpus
//!   `fuzz/corpus/NAME/` (what fuzzing kept, minimised, committed); both may be missing.
//! - Targets run side by side, one per core (`--jobs`): each libFuzzer is one process, so its
//!   statistics are its own.
//! - A crash, a timeout or running out of memory leaves its input in `fuzz/artifacts/NAME/` and
//!   fails the command; the input becomes a unit test next to the code it broke.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::{Result, cargo_bin, run, target_dir, workspace_root};

/// cargo-fuzz from crates.io, pinned (`cargo fuzz --version` says `cargo-fuzz 0.13.2`).
pub const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// How long `cargo xtask test` (and `--replay`) lets each target try new inputs after
/// replaying its corpus.
pub const REPLAY_SECONDS: u64 = 10;

/// One input may take this long before libFuzzer calls it a hang (a real one takes
/// microseconds to milliseconds).
const INPUT_TIMEOUT_SECS: u32 = 10;

/// `cargo xtask fuzz [--minutes N] [--jobs J] [TARGET…]`: every target (or those named) for N
/// minutes each (default 2), J at a time (default: the number of cores); new inputs are merged
/// into the committed corpus, minimised. `cargo xtask fuzz --replay` is `cargo xtask test`'s
/// step alone (`cargo xtask test fuzz`).
pub fn run_fuzz(args: &[String]) -> Result {
    if args == ["--replay"] {
        return replay(REPLAY_SECONDS);
    }
    let mut minutes = 2.0_f64;
    let mut jobs = std::thread::available_parallelism().map_or(2, usize::from);
    let mut only = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--minutes" => {
                minutes = args
                    .next()
                    .and_then(|m| m.parse().ok())
                    .filter(|m: &f64| *m > 0.0)
                    .ok_or("--minutes takes a positive number")?
            }
            "--jobs" => {
                jobs =
                    args.next().and_then(|j| j.parse().ok()).filter(|j| *j > 0).ok_or("--jobs takes a whole number")?
            }
            name if !name.starts_with('-') => only.push(name.to_owned()),
            _ => return Err("usage: cargo xtask fuzz [--minutes N] [--jobs J] [TARGET…] | --replay".into()),
        }
    }
    let mut targets = targets()?;
    if !only.is_empty() {
        if let Some(unknown) = only.iter().find(|o| !targets.contains(o)) {
            return Err(format!("no fuzz target {unknown}; there are {}", targets.join(", ")));
        }
        targets.retain(|t| only.contains(t));
    }
    build(Profile::Release)?;
    let seconds = (minutes * 60.0).round().max(1.0) as u64;
    println!("fuzzing {} targets, {seconds} s each, {jobs} at a time", targets.len());
    let runs = in_parallel(&targets, jobs, |t| fuzz_one(t, Profile::Release, seconds, Keep::Merge))?;
    report(&runs)
}

/// For `cargo xtask test`: every target on its seeds and committed corpus, then `seconds` of new
/// inputs; the committed corpus is left as it is. Built unoptimised: half the build's time, and
/// a replay needs no speed.
pub fn replay(seconds: u64) -> Result {
    let started = Instant::now();
    let targets = targets()?;
    build(Profile::Dev)?;
    let built = started.elapsed();
    let jobs = std::thread::available_parallelism().map_or(2, usize::from);
    let runs = in_parallel(&targets, jobs, |t| fuzz_one(t, Profile::Dev, seconds, Keep::Nothing))?;
    println!(
        "fuzz: built in {:.0} s, {} targets replayed in {:.0} s",
        built.as_secs_f64(),
        runs.len(),
        (started.elapsed() - built).as_secs_f64()
    );
    report(&runs)
}

/// The targets: `fuzz/fuzz_targets/*.rs`.
pub fn targets() -> Result<Vec<String>> {
    let dir = fuzz_dir().join("fuzz_targets");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            (path.extension()? == "rs").then(|| path.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect();
    names.sort();
    Ok(names)
}

fn fuzz_dir() -> PathBuf {
    workspace_root().join("fuzz")
}

/// Where the fuzz build goes: beside the workspace's own, so one `cargo clean` removes it.
fn fuzz_target_dir() -> PathBuf {
    target_dir().join("fuzz")
}

/// The directory of the cargo-fuzz this project pins.
fn tools() -> PathBuf {
    target_dir().join("tools/cargo-fuzz")
}

/// cargo-fuzz at the pinned version, in the project's tools directory.
fn ensure_cargo_fuzz() -> Result {
    let bin = tools().join("bin/cargo-fuzz");
    let said = Command::new(&bin).args(["fuzz", "--version"]).output().ok().filter(|o| o.status.success());
    let version = said.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
    if version.split_whitespace().nth(1) == Some(CARGO_FUZZ_VERSION) {
        return Ok(());
    }
    eprintln!("xtask: installing cargo-fuzz {CARGO_FUZZ_VERSION} (a minute or two, once)");
    run(Command::new(cargo_bin())
        .args(["install", "cargo-fuzz", "--version", CARGO_FUZZ_VERSION, "--locked", "--force", "--root"])
        .arg(tools()))
}

/// How the targets are compiled: optimised to fuzz, unoptimised to replay.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Profile {
    Release,
    Dev,
}

impl Profile {
    /// cargo's directory for the profile.
    fn dir(self) -> &'static str {
        match self {
            Profile::Release => "release",
            Profile::Dev => "debug",
        }
    }
}

/// Every target, with coverage instrumentation, no sanitizer, debug assertions on.
fn build(profile: Profile) -> Result {
    ensure_cargo_fuzz()?;
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(std::iter::once(tools().join("bin")).chain(std::env::split_paths(&path)))
        .map_err(|e| e.to_string())?;
    run(Command::new(cargo_bin())
        .args(["fuzz", "build", "--sanitizer", "none", "--debug-assertions"])
        .args(if profile == Profile::Dev { &["--dev"][..] } else { &[] })
        .arg("--fuzz-dir")
        .arg(fuzz_dir())
        .arg("--target-dir")
        .arg(fuzz_target_dir())
        .current_dir(workspace_root())
        .env("PATH", path)
        .env("RUSTC_BOOTSTRAP", "1"))
}

/// The built target's program.
fn program(target: &str, profile: Profile) -> PathBuf {
    fuzz_target_dir().join(host_triple()).join(profile.dir()).join(target)
}

/// cargo-fuzz builds for the host's triple, named in the path.
fn host_triple() -> String {
    let out = Command::new("rustc").arg("-vV").output().ok();
    let text = out.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
    text.lines().find_map(|l| l.strip_prefix("host: ")).unwrap_or("x86_64-unknown-linux-gnu").to_owned()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Merge what was found into `fuzz/corpus/NAME/`, minimised.
    Merge,
    /// Leave the corpus alone.
    Nothing,
}

/// One target's run.
#[derive(Debug)]
struct Outcome {
    target: String,
    seconds: f64,
    executions: u64,
    corpus_files: usize,
    corpus_bytes: u64,
    /// Inputs libFuzzer left in `fuzz/artifacts/NAME/` during this run.
    artifacts: Vec<PathBuf>,
    /// Why libFuzzer stopped early, if it did.
    failure: Option<String>,
}

fn fuzz_one(target: &str, profile: Profile, seconds: u64, keep: Keep) -> Result<Outcome> {
    let fuzz = fuzz_dir();
    let corpus = fuzz.join("corpus").join(target);
    let seeds = fuzz.join("seeds").join(target);
    let artifacts = fuzz.join("artifacts").join(target);
    for dir in [&corpus, &artifacts] {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    // libFuzzer writes what it finds into its first corpus directory: a scratch one, so that the
    // committed corpus changes only by the merge below.
    let scratch = fuzz_target_dir().join("scratch").join(target);
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    let before = listing(&artifacts);
    let log = fuzz_target_dir().join("logs").join(format!("{target}.log"));
    if let Some(parent) = log.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    let log_file = std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
    let program = program(target, profile);
    let mut cmd = Command::new(&program);
    cmd.arg(format!("-artifact_prefix={}/", artifacts.display()))
        .arg(format!("-max_total_time={seconds}"))
        .arg(format!("-timeout={INPUT_TIMEOUT_SECS}"))
        .arg("-print_final_stats=1")
        .arg(&scratch)
        .arg(&corpus);
    if seeds.is_dir() {
        cmd.arg(&seeds);
    }
    let started = Instant::now();
    let status = cmd
        .stdout(Stdio::null())
        .stderr(log_file)
        .status()
        .map_err(|e| format!("{}: {e} (was it built?)", program.display()))?;
    let elapsed = started.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let executions = stat(&text, "stat::number_of_executed_units").unwrap_or(0);
    let new_artifacts: Vec<PathBuf> = listing(&artifacts).into_iter().filter(|a| !before.contains(a)).collect();
    let failure = (!status.success()).then(|| {
        let why =
            text.lines().filter(|l| l.contains("ERROR:") || l.contains("panicked at")).take(3).collect::<Vec<_>>();
        format!("{status}: {} (log: {})", why.join(" / "), log.display())
    });
    if keep == Keep::Merge {
        merge(&program, target, &corpus, &scratch)?;
    }
    let (corpus_files, corpus_bytes) = size(&corpus);
    Ok(Outcome {
        target: target.to_owned(),
        seconds: elapsed,
        executions,
        corpus_files,
        corpus_bytes,
        artifacts: new_artifacts,
        failure,
    })
}

/// A committed corpus larger than this is merged again with fewer features counted and shorter
/// inputs (see [`merge`]): the repository keeps what fuzzing learnt, not megabytes of it.
const CORPUS_BUDGET: u64 = 256 * 1024;

/// libFuzzer's options for each pass of [`merge`], from the most faithful to the smallest.
const MERGE_PASSES: &[&[&str]] = &[
    &[],
    &["-use_counters=0"],
    &["-use_counters=0", "-max_len=4096"],
    &["-use_counters=0", "-max_len=2048"],
    &["-use_counters=0", "-max_len=1024"],
];

/// The corpus becomes the smallest set of its inputs and the new ones that covers as much
/// (libFuzzer's `-set_cover_merge=1`). Over [`CORPUS_BUDGET`], edges count without their hit
/// counts, then inputs are cut shorter, until it fits (or the last pass is taken).
fn merge(program: &Path, target: &str, corpus: &Path, found: &Path) -> Result {
    let merged = fuzz_target_dir().join("merged").join(target);
    for (pass, options) in MERGE_PASSES.iter().enumerate() {
        let _ = std::fs::remove_dir_all(&merged);
        std::fs::create_dir_all(&merged).map_err(|e| e.to_string())?;
        let status = Command::new(program)
            .arg("-set_cover_merge=1")
            .arg(format!("-timeout={INPUT_TIMEOUT_SECS}"))
            .args(*options)
            .arg(&merged)
            .arg(corpus)
            .arg(found)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            // An input that crashes the merge stays out of the corpus; the run reported it.
            return Err(format!("{target}: merging the corpus failed ({status})"));
        }
        if size(&merged).1 <= CORPUS_BUDGET || pass + 1 == MERGE_PASSES.len() {
            break;
        }
    }
    std::fs::remove_dir_all(corpus).map_err(|e| e.to_string())?;
    std::fs::rename(&merged, corpus).map_err(|e| e.to_string())
}

/// `stat::NAME: VALUE` from libFuzzer's final statistics.
fn stat(log: &str, name: &str) -> Option<u64> {
    log.lines().rev().find_map(|l| l.strip_prefix(name)?.trim_start_matches(':').trim().parse().ok())
}

fn listing(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).into_iter().flatten().flatten();
    entries.map(|e| e.path()).filter(|p| p.is_file()).collect()
}

fn size(dir: &Path) -> (usize, u64) {
    let files = listing(dir);
    let bytes = files.iter().filter_map(|f| f.metadata().ok()).map(|m| m.len()).sum();
    (files.len(), bytes)
}

/// Runs `work` on every target, `jobs` at a time, in the targets' order.
fn in_parallel(targets: &[String], jobs: usize, work: impl Fn(&str) -> Result<Outcome> + Sync) -> Result<Vec<Outcome>> {
    let queue = Mutex::new(targets.iter().cloned().collect::<VecDeque<_>>());
    let done = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..jobs.min(targets.len()) {
            s.spawn(|| {
                loop {
                    let next = queue.lock().map_or(None, |mut q| q.pop_front());
                    let Some(target) = next else { break };
                    let outcome = work(&target);
                    if let Ok(mut d) = done.lock() {
                        d.push((target, outcome));
                    }
                }
            });
        }
    });
    let mut done = done.into_inner().map_err(|_| "a fuzz thread panicked")?;
    done.sort_by_key(|(t, _)| targets.iter().position(|x| x == t));
    done.into_iter().map(|(_, o)| o).collect()
}

/// Prints the table; fails when any target crashed.
fn report(runs: &[Outcome]) -> Result {
    println!("\n| target | time | executions | exec/s | corpus | crashes |");
    println!("|---|---:|---:|---:|---:|---|");
    for r in runs {
        let crashes = if r.artifacts.is_empty() && r.failure.is_none() {
            "0".to_owned()
        } else {
            r.artifacts.iter().map(|a| a.display().to_string()).collect::<Vec<_>>().join(", ")
        };
        println!(
            "| `{}` | {} | {} | {:.0} | {} files, {} KB | {crashes} |",
            r.target,
            duration(r.seconds),
            r.executions,
            r.executions as f64 / r.seconds.max(0.001),
            r.corpus_files,
            r.corpus_bytes.div_ceil(1024)
        );
    }
    let failed: Vec<String> =
        runs.iter().filter_map(|r| r.failure.as_ref().map(|f| format!("{}: {f}", r.target))).collect();
    if failed.is_empty() { Ok(()) } else { Err(format!("fuzzing found problems:\n  {}", failed.join("\n  "))) }
}

fn duration(seconds: f64) -> String {
    let d = Duration::from_secs_f64(seconds);
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}h{:02}m", s / 3600, (s % 3600) / 60)
    } else if s >= 60 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn final_statistics_are_read() {
        let log = "#1024\tpulse  cov: 12\nDone 4242 runs in 2 second(s)\nstat::number_of_executed_units: 4242\nstat::average_exec_per_sec:     2121\n";
        assert_eq!(stat(log, "stat::number_of_executed_units"), Some(4242));
        assert_eq!(stat(log, "stat::peak_rss_mb"), None);
    }

    #[test]
    fn every_target_file_has_its_line_in_the_manifest() {
        let manifest = std::fs::read_to_string(fuzz_dir().join("Cargo.toml")).unwrap_or_default();
        for target in targets().unwrap_or_default() {
            let line = format!("{{ name = \"{target}\", path = \"fuzz_targets/{target}.rs\"");
            assert!(manifest.contains(&line), "fuzz/Cargo.toml lacks {line}");
        }
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(duration(9.6), "9s");
        assert_eq!(duration(125.0), "2m05s");
        assert_eq!(duration(3_725.0), "1h02m");
    }
}
