//! `manifest/`: the templates an admin copies must say what `tls-doctor install` writes (all but
//! `path`), and its README must list every directory and registry key that `install` uses, in
//! both languages. `extension-ids.json`, the one list of extensions that may start the host,
//! must name the extension this repository builds.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use tls_doctor_host::install::paths::{Browser, Os, Scope, dirs, registry_key, windows_system_file};

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

fn extension_ids(flavour: &str) -> Vec<String> {
    let list: Value =
        serde_json::from_str(&std::fs::read_to_string(manifest_dir().join("extension-ids.json")).unwrap()).unwrap();
    list[flavour].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn templates_allow_exactly_the_listed_extensions() {
    let chrome: Value =
        serde_json::from_str(&std::fs::read_to_string(manifest_dir().join("jp.tlsdoctor.host.chrome.json")).unwrap())
            .unwrap();
    let origins: Vec<String> = extension_ids("chrome").iter().map(|id| format!("chrome-extension://{id}/")).collect();
    assert_eq!(chrome["allowed_origins"], serde_json::json!(origins));
    let firefox: Value =
        serde_json::from_str(&std::fs::read_to_string(manifest_dir().join("jp.tlsdoctor.host.firefox.json")).unwrap())
            .unwrap();
    assert_eq!(firefox["allowed_extensions"], serde_json::json!(extension_ids("firefox")));
}

/// The development id is the one the extension's `key` gives (Chromium: the first 128 bits of
/// the SHA-256 of the public key, each hex digit written as a letter a–p); the Firefox id is
/// the add-on's `gecko.id`.
#[test]
fn the_listed_ids_are_the_extensions_own() {
    let extension = Path::new(env!("CARGO_MANIFEST_DIR")).join("../extension");
    let chrome: Value =
        serde_json::from_str(&std::fs::read_to_string(extension.join("manifest.chrome.json")).unwrap()).unwrap();
    let key = base64_decode(chrome["key"].as_str().unwrap());
    let digest = ring::digest::digest(&ring::digest::SHA256, &key);
    let id: String =
        digest.as_ref()[..16].iter().flat_map(|b| [b >> 4, b & 0x0f]).map(|nibble| char::from(b'a' + nibble)).collect();
    assert!(extension_ids("chrome").contains(&id), "{id}");
    let firefox: Value =
        serde_json::from_str(&std::fs::read_to_string(extension.join("manifest.firefox.json")).unwrap()).unwrap();
    let gecko = firefox["browser_specific_settings"]["gecko"]["id"].as_str().unwrap();
    assert_eq!(extension_ids("firefox"), [gecko]);
}

/// Standard base64 (RFC 4648 §4), padding optional.
fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut bits, mut count) = (0u32, 0);
    for c in text.bytes().filter(|&c| c != b'=') {
        let value = ALPHABET.iter().position(|&a| a == c).expect("base64") as u32;
        bits = (bits << 6) | value;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
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
        for browser in Browser::ALL {
            // Windows, --system: beside tls-doctor.exe, as `jp.tlsdoctor.host.<browser>.json`.
            let file = windows_system_file(browser);
            assert_eq!(file, format!("jp.tlsdoctor.host.{}.json", browser.name()));
        }
        for file in [
            "jp.tlsdoctor.host.chrome.json",
            "jp.tlsdoctor.host.firefox.json",
            "tls-doctor install",
            "`jp.tlsdoctor.host.<browser>.json`",
            "extension-ids.json",
            "`--root DIR`",
            "`tls-doctor_<version>-1_amd64.deb`",
            "`tls-doctor-<version>-1.x86_64.rpm`",
            "`tls-doctor-<version>-x64.msi`",
        ] {
            assert!(half.contains(file), "{file}");
        }
    }
}
