//! Bad input to the real binary: one clear line on stderr, exit status 2, nothing on stdout,
//! and no network touched (every case here fails before any probe).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::process::{Command, Output};

fn run(args: &[&str], lang: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tls-doctor"))
        .args(args)
        .env("LC_ALL", lang)
        .env_remove("LANG")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

fn assert_refused(args: &[&str], lang: &str, says: &str) {
    let out = run(args, lang);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{args:?}: not one line: {err}");
    assert!(err.contains(says), "{args:?}: {err}");
}

#[test]
fn bad_targets_ports_and_files_get_one_line_and_exit_2() {
    assert_refused(&["check", "exa mple.jp"], "C", "is not a target we can read");
    assert_refused(&["check", "example.jp:0"], "C", "Give a number from 1 to 65535");
    assert_refused(&["check", "example.jp:65536"], "C", "Give a number from 1 to 65535");
    assert_refused(&["check", "http://example.jp/"], "C", "https://");
    assert_refused(&["check", "example.jp", "--address", "999.1.1.1"], "C", "is not an IP address");
    assert_refused(&["check", "example.jp", "--timeout", "0"], "C", "from 1 to 120");
    assert_refused(&["check", "example.jp", "--ca-file", "/nonexistent/ca.pem"], "C", "cannot be read");
}

#[test]
fn japanese_locale_gets_japanese_errors() {
    assert_refused(&["check", "example.jp:99999"], "ja_JP.UTF-8", "1〜65535 の数字で指定してください");
    assert_refused(&["check", "example.jp", "--ca-file", "/nonexistent/ca.pem"], "ja_JP.UTF-8", "を読めません");
}

#[test]
fn a_ca_file_without_certificates_is_refused() {
    let dir = std::env::temp_dir().join(format!("tls-doctor-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.pem");
    std::fs::write(&empty, "not a certificate\n").unwrap();
    assert_refused(&["check", "example.jp", "--ca-file", empty.to_str().unwrap()], "C", "holds no PEM certificate");
    let garbage = dir.join("garbage.pem");
    std::fs::write(&garbage, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").unwrap();
    assert_refused(&["check", "example.jp", "--ca-file", garbage.to_str().unwrap()], "C", "cannot be read");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unknown_flags_are_usage_errors() {
    let out = run(&["check", "example.jp", "--frobnicate"], "C");
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["check", "example.jp", "--sni", "a.example", "--no-sni"], "C");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn deadlines_beyond_the_caps_are_refused() {
    assert_refused(&["check", "example.jp", "--timeout", "120.5"], "C", "from 1 to 120");
    assert_refused(&["mail", "user@example.jp", "--timeout", "121"], "C", "from 1 to 120");
}
