//! `cargo xtask <command>`: the project's own build tool.
//!
//! - `build`: the wasm model and the extension, in `dist/chrome` and `dist/firefox`.
//! - `install`: `build`, then `tls-doctor` into `~/.local/bin` and registered with every browser.
//! - `demo [--lang ja|en]`: start the lab and print the diagnosis of every case (Japanese by
//!   default).
//! - `test [STAGE]`: the full gate CI runs — format check, clippy `-D warnings`, the model built
//!   for wasm32, every test, every fuzz target replayed on its committed corpus, the browsers,
//!   the packages — or one stage of it: `check`, `unit`, `lab`, `fuzz`, `e2e [FILE…]`,
//!   `package` (see `test.rs`).
//! - `bench`: median wall time and peak RSS of a full diagnosis of lab cases, side by side
//!   with sslyze and `openssl s_client` on the same servers.
//! - `fuzz [--minutes N] [--jobs J] [TARGET…]`: every fuzz target of `fuzz/` for N minutes (2 by
//!   default), its new inputs merged into the committed corpus; a crash fails. `--replay`: the
//!   fuzz step of `test` alone.
//! - `package [--no-install]`: the `.deb`, `.rpm` and `.msi` in `target/package/`, each read
//!   back and checked; as root, the `.deb` is also installed, run and removed.
//! - `setup`: what the others need on a fresh Debian machine (run by each of them).
//!
//! Every command does its own set-up, so the README's two commands work on a fresh machine.

mod bench;
mod build;
mod fuzz;
mod package;
mod setup;
mod test;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => build::run_build(),
        Some("install") => install(),
        Some("demo") => demo(&args[1..]),
        Some("test") => test::run_test(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("fuzz") => fuzz::run_fuzz(&args[1..]),
        Some("package") => package::run_package(&args[1..]),
        Some("setup") => setup::ensure(setup::Needs::all()),
        _ => {
            Err("usage: cargo xtask build | install | demo [--lang ja|en] | test [check | unit | lab | fuzz | e2e [FILE…] | package] | bench [--quick] [--mail] | fuzz [--minutes N] [--jobs J] [TARGET…] | package [--no-install] | setup".to_owned())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn demo(args: &[String]) -> Result {
    setup::ensure(setup::Needs { servers: true, ..setup::Needs::default() })?;
    cargo(&["build", "--quiet", "-p", "tls-doctor", "-p", "tls-doctor-lab"])?;
    let lang = match args {
        [] => "ja",
        [flag, lang] if flag == "--lang" && (lang == "ja" || lang == "en") => lang.as_str(),
        _ => return Err("usage: cargo xtask demo [--lang ja|en]".into()),
    };
    let target = target_dir();
    run(Command::new(target.join("debug/tls-doctor-lab"))
        .args(["demo", "--lang", lang, "--bin"])
        .arg(target.join("debug/tls-doctor")))
}

/// For a user trying the extension: the extension built into `dist/`, the host installed into
/// `~/.local/bin` (a path that outlives `cargo clean`) and registered with every browser.
fn install() -> Result {
    build::build()?;
    cargo(&["build", "--quiet", "--release", "-p", "tls-doctor"])?;
    let home = std::env::var_os("HOME").ok_or("HOME is not set")?;
    let bin_dir = PathBuf::from(home).join(".local/bin");
    std::fs::create_dir_all(&bin_dir).map_err(|e| format!("{}: {e}", bin_dir.display()))?;
    let installed = bin_dir.join("tls-doctor");
    // Copy beside, then rename: a running host is never left with half a binary.
    let staging = bin_dir.join(".tls-doctor.new");
    std::fs::copy(target_dir().join("release/tls-doctor"), &staging).map_err(|e| e.to_string())?;
    std::fs::rename(&staging, &installed).map_err(|e| e.to_string())?;
    run(Command::new(&installed).arg("install"))?;
    let root = workspace_root();
    println!(
        "\nTLS Doctor is ready.\n  Chrome, Edge, Chromium, Brave: open chrome://extensions, turn on Developer mode, \"Load unpacked\" → {}\n  Firefox: open about:debugging#/runtime/this-firefox, \"Load Temporary Add-on…\" → {}",
        root.join("dist/chrome").display(),
        root.join("dist/firefox/manifest.json").display()
    );
    Ok(())
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| workspace_root().join("target"), PathBuf::from)
}

/// Where `cargo install` puts programs.
pub fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
}

pub fn cargo_bin() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

pub fn cargo(args: &[&str]) -> Result {
    run(Command::new(cargo_bin()).args(args).current_dir(workspace_root()))
}

/// Runs a command to completion; a failure names the command.
pub fn run(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}");
    let status = cmd.status().map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{shown} failed ({status})")) }
}

/// Is `program` on the PATH?
pub fn have(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}
