//! `manifest/`: the templates an admin copies must say what `tls-doctor install` writes (all but
//! `path`), and its README must list every directory and registry key that `install` uses, in
//! both languages.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use tls_doctor_host::install::paths::{Browser, Os, Scope, dirs, registry_key};

fn manifest_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../manifest")
}

fn installed(browser: &str) -> Value {
    let dir = std::env::temp_dir().join(format!("tls-doctor-templates-{}-{browser}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = Command::new(env!("CARGO_BIN_EXE_tls-doctor"))
        .args(["install", "--browser", browser, "--manifest-dir"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let written = serde_json::from_slice(&std::fs::read(dir.join("jp.tlsdoctor.host.json")).unwrap()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    written
}

#[test]
fn templates_say_what_install_writes_but_the_path() {
    for (file, browser) in [("jp.tlsdoctor.host.chrome.json", "chrome"), ("jp.tlsdoctor.host.firefox.json", "firefox")]
    {
        let text = std::fs::read_to_string(manifest_dir().join(file)).unwrap();
        let mut template: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(template["path"], "/usr/bin/tls-doctor", "{file}");
        let mut written = installed(browser);
        template["path"] = Value::Null;
        written["path"] = Value::Null;
        assert_eq!(template, written, "{file}");
    }
}

#[test]
fn the_readme_lists_every_place_install_writes_in_both_languages() {
    let readme = std::fs::read_to_string(manifest_dir().join("README.md")).unwrap();
    let (english, japanese) = readme.split_once("\n---\n").expect("English, then --- and Japanese");
    for half in [english, japanese] {
        for os in [Os::Linux, Os::MacOs] {
            for browser in Browser::ALL {
                for scope in [Scope::User, Scope::System] {
                    for dir in dirs(os, browser, scope) {
                        let shown = format!("`{}/`", dir.path);
                        assert!(half.contains(&shown), "{shown} missing ({os:?} {browser:?} {scope:?})");
                    }
                }
            }
        }
        for browser in Browser::ALL {
            assert!(half.contains(&format!("`{}`", registry_key(browser))), "{}", registry_key(browser));
        }
        for file in ["jp.tlsdoctor.host.chrome.json", "jp.tlsdoctor.host.firefox.json", "tls-doctor install"] {
            assert!(half.contains(file), "{file}");
        }
    }
}
