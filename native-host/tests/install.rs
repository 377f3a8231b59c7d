//! `tls-doctor install` / `uninstall`, run for real into temporary directories: a
//! `--manifest-dir`, and a temporary HOME for the browsers' own directories. The expected
//! paths are written out here, not taken from the code's table, so that a wrong table fails.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Value, json};

const FILE: &str = "jp.tlsdoctor.host.json";
const DEV_ORIGIN: &str = "chrome-extension://meadljheakdpnddalampfeoggjanlhca/";
const BROWSERS: [&str; 5] = ["chrome", "chromium", "edge", "brave", "firefox"];

/// Each browser's user directory on Linux, relative to HOME.
fn user_dir(browser: &str) -> &'static str {
    match browser {
        "chrome" => ".config/google-chrome/NativeMessagingHosts",
        "chromium" => ".config/chromium/NativeMessagingHosts",
        "edge" => ".config/microsoft-edge/NativeMessagingHosts",
        "brave" => ".config/BraveSoftware/Brave-Browser/NativeMessagingHosts",
        "firefox" => ".mozilla/native-messaging-hosts",
        other => panic!("{other}"),
    }
}

/// A fresh empty directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "tls-doctor-install-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&str], home: &Path, lang: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tls-doctor"))
        .args(args)
        .env("HOME", home)
        .env("LC_ALL", lang)
        .env_remove("LANG")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

fn ok(args: &[&str], home: &Path) -> String {
    let out = run(args, home, "C");
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn read(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

fn binary() -> PathBuf {
    std::fs::canonicalize(env!("CARGO_BIN_EXE_tls-doctor")).unwrap()
}

/// The manifest a browser of this flavour must find.
fn assert_manifest(path: &Path, browser: &str) {
    let m = read(path);
    let host = PathBuf::from(m["path"].as_str().unwrap());
    assert!(host.is_absolute() && host.exists(), "{host:?}");
    assert_eq!(host, binary());
    let allowed = if browser == "firefox" {
        json!({"allowed_extensions": ["tls-doctor@tlsdoctor.jp"]})
    } else {
        json!({"allowed_origins": [DEV_ORIGIN]})
    };
    let mut expected = json!({
        "name": "jp.tlsdoctor.host",
        "description": "TLS Doctor native host",
        "path": m["path"],
        "type": "stdio",
    });
    expected.as_object_mut().unwrap().extend(allowed.as_object().unwrap().clone());
    assert_eq!(m, expected, "{}", path.display());
}

#[test]
fn manifest_dir_gets_each_browsers_flavour_idempotently() {
    let home = TempDir::new();
    for browser in BROWSERS {
        let dir = TempDir::new();
        let d = dir.0.to_str().unwrap();
        let file = dir.0.join(FILE);
        let said = ok(&["install", "--manifest-dir", d, "--browser", browser], &home.0);
        assert_eq!(
            said,
            format!("Wrote the manifest (the file that tells the browser where tls-doctor is): {}\n", file.display())
        );
        assert_manifest(&file, browser);
        let first = std::fs::read(&file).unwrap();

        let said = ok(&["install", "--manifest-dir", d, "--browser", browser], &home.0);
        assert_eq!(said, format!("The manifest is already installed (unchanged): {}\n", file.display()));
        assert_eq!(std::fs::read(&file).unwrap(), first, "install twice = the same file");

        let said = ok(&["uninstall", "--manifest-dir", d, "--browser", browser], &home.0);
        assert_eq!(said, format!("Removed the manifest: {}\n", file.display()));
        assert!(!file.exists());
        assert_eq!(std::fs::read_dir(&dir.0).unwrap().count(), 0, "no temporary file left behind");
    }
    // Without --browser, --manifest-dir writes the Chrome-style manifest.
    let dir = TempDir::new();
    ok(&["install", "--manifest-dir", dir.0.to_str().unwrap()], &home.0);
    assert_manifest(&dir.0.join(FILE), "chrome");
}

#[test]
fn each_browsers_own_directory_under_home() {
    for browser in BROWSERS {
        let home = TempDir::new();
        let said = ok(&["install", "--browser", browser], &home.0);
        let file = home.0.join(user_dir(browser)).join(FILE);
        assert_eq!(
            said,
            format!("Wrote the manifest (the file that tells the browser where tls-doctor is): {}\n", file.display()),
            "{browser}"
        );
        assert_manifest(&file, browser);
        // Nothing else was written.
        let written: Vec<PathBuf> = walk(&home.0).into_iter().filter(|p| p.is_file()).collect();
        assert_eq!(written, std::slice::from_ref(&file), "{browser}");
        ok(&["install", "--browser", browser], &home.0);
        ok(&["uninstall", "--browser", browser], &home.0);
        assert!(!file.exists(), "{browser}");
    }
}

#[test]
fn all_browsers_at_once_and_uninstall_of_one() {
    let home = TempDir::new();
    let said = ok(&["install"], &home.0);
    assert_eq!(said.lines().count(), 5, "{said}");
    for browser in BROWSERS {
        assert_manifest(&home.0.join(user_dir(browser)).join(FILE), browser);
    }
    ok(&["uninstall", "--browser", "edge"], &home.0);
    assert!(!home.0.join(user_dir("edge")).join(FILE).exists());
    assert!(home.0.join(user_dir("chrome")).join(FILE).exists());
    let said = ok(&["uninstall"], &home.0);
    assert_eq!(said.lines().count(), 4, "{said}");
    assert!(walk(&home.0).iter().all(|p| !p.is_file()));
    assert_eq!(ok(&["uninstall"], &home.0), "No TLS Doctor manifest was found: nothing to remove.\n");
}

#[test]
fn snap_chromium_gets_its_own_copy_when_installed() {
    let home = TempDir::new();
    std::fs::create_dir_all(home.0.join("snap/chromium")).unwrap();
    ok(&["install", "--browser", "chromium"], &home.0);
    assert_manifest(&home.0.join(user_dir("chromium")).join(FILE), "chromium");
    assert_manifest(&home.0.join("snap/chromium/common/chromium/NativeMessagingHosts").join(FILE), "chromium");
}

#[test]
fn extension_ids_replace_the_development_ids() {
    let home = TempDir::new();
    let a = "abcdefghijklmnopabcdefghijklmnop";
    let b = "ponmlkjihgfedcbaponmlkjihgfedcba";
    ok(
        &[
            "install",
            "--extension-id",
            a,
            "--extension-id",
            &format!("chrome-extension://{b}/"),
            "--extension-id",
            "x@example.jp",
        ],
        &home.0,
    );
    let chrome = read(&home.0.join(user_dir("brave")).join(FILE));
    assert_eq!(
        chrome["allowed_origins"],
        json!([format!("chrome-extension://{a}/"), format!("chrome-extension://{b}/")])
    );
    let firefox = read(&home.0.join(user_dir("firefox")).join(FILE));
    assert_eq!(firefox["allowed_extensions"], json!(["x@example.jp"]));
    // A changed list rewrites our manifest.
    let said = ok(&["install", "--browser", "brave"], &home.0);
    assert!(said.starts_with("Wrote the manifest"), "{said}");
    assert_eq!(read(&home.0.join(user_dir("brave")).join(FILE))["allowed_origins"], json!([DEV_ORIGIN]));
}

#[test]
fn files_we_did_not_write_are_left_alone() {
    let home = TempDir::new();
    let dir = TempDir::new();
    let d = dir.0.to_str().unwrap();
    let ours = dir.0.join(FILE);
    let neighbour = dir.0.join("com.other.host.json");
    std::fs::write(&neighbour, r#"{"name":"com.other.host"}"#).unwrap();
    for (content, says) in [
        (&br#"{"name":"com.other.host","path":"/x","type":"stdio"}"#[..], "manifest of another host (com.other.host)"),
        (b"not json at all\n", "not a readable manifest"),
        (b"[\"jp.tlsdoctor.host\"]", "not a readable manifest"),
        (&[0xff, 0xfe, 0x00][..], "not a readable manifest"),
    ] {
        std::fs::write(&ours, content).unwrap();
        let out = run(&["install", "--manifest-dir", d], &home.0, "C");
        assert_eq!(out.status.code(), Some(2), "nothing could be written");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(says) && err.contains("No manifest could be written"), "{err}");
        assert_eq!(std::fs::read(&ours).unwrap(), content);

        let out = run(&["uninstall", "--manifest-dir", d], &home.0, "C");
        assert_eq!(out.status.code(), Some(0));
        assert!(String::from_utf8(out.stderr).unwrap().contains(says));
        assert!(out.stdout.is_empty(), "nothing removed, and no claim that nothing was there");
        assert_eq!(std::fs::read(&ours).unwrap(), content);
    }
    std::fs::remove_file(&ours).unwrap();
    ok(&["install", "--manifest-dir", d], &home.0);
    ok(&["uninstall", "--manifest-dir", d], &home.0);
    assert_eq!(std::fs::read(&neighbour).unwrap(), br#"{"name":"com.other.host"}"#);
    assert!(!ours.exists());
}

#[test]
fn bad_arguments_exit_2_with_one_line() {
    let home = TempDir::new();
    let dir = TempDir::new();
    let d = dir.0.to_str().unwrap();
    for (args, says) in [
        (&["install", "--extension-id", "nope"][..], "\"nope\" is not an extension id"),
        (&["install", "--manifest-dir", d, "--browser", "all"], "name one browser"),
        (&["uninstall", "--browser", "safari"], "invalid value 'safari'"),
        (&["install", "--system", "--manifest-dir", d], "cannot be used with"),
    ] {
        let out = run(args, &home.0, "C");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read_dir(&dir.0).unwrap().count(), 0);
    assert_eq!(walk(&home.0).len(), 0);

    let out = Command::new(env!("CARGO_BIN_EXE_tls-doctor"))
        .args(["install"])
        .env_remove("HOME")
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("HOME is not set"));
}

#[test]
fn japanese_locale_gets_japanese_lines() {
    let home = TempDir::new();
    let out = run(&["install", "--browser", "firefox"], &home.0, "ja_JP.UTF-8");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "ブラウザ用の設定ファイル（マニフェスト）を書き込みました（{}）。\n",
            home.0.join(user_dir("firefox")).join(FILE).display()
        )
    );
    let out = run(&["uninstall", "--browser", "firefox"], &home.0, "ja_JP.UTF-8");
    assert!(
        String::from_utf8(out.stdout).unwrap().starts_with("ブラウザ用の設定ファイル（マニフェスト）を削除しました（")
    );
}

/// `--system` as a user who may not write the system directories: a clear message and exit 2.
/// Run as `nobody` when the tests run as root (as CI does), so that nothing is ever written to
/// the real system directories.
#[cfg(target_os = "linux")]
#[test]
fn system_scope_without_root_says_so() {
    use std::os::unix::fs::MetadataExt as _;
    use std::os::unix::process::CommandExt as _;

    use std::os::unix::fs::PermissionsExt as _;

    let home = TempDir::new();
    let as_root = std::fs::metadata("/proc/self").unwrap().uid() == 0;
    // `nobody` may not reach the build directory (a clone under a private temporary directory,
    // say): it runs a copy in a directory everyone may enter.
    let bin_dir = TempDir::new();
    let bin = bin_dir.0.join("tls-doctor");
    std::fs::copy(env!("CARGO_BIN_EXE_tls-doctor"), &bin).unwrap();
    for path in [&bin_dir.0, &bin, &home.0] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut command = Command::new(&bin);
    command.args(["install", "--system", "--browser", "chrome"]).env("HOME", &home.0).env("LC_ALL", "C");
    if as_root {
        // std drops the supplementary groups too; spawn fails rather than run as root if the
        // switch is refused.
        command.uid(65534).gid(65534);
    }
    // Another test's child, forked while the copy above was open for writing, may hold it
    // open until its own exec (ETXTBSY): wait for that to pass.
    let mut tries = 0;
    let out = loop {
        match command.output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 50 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => break other.unwrap(),
        }
    };
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("Cannot write /etc/opt/chrome/native-messaging-hosts/jp.tlsdoctor.host.json"), "{err}");
    assert!(err.contains("--system needs administrator rights: run it with sudo"), "{err}");
}

/// `--system --root DIR`: what a package lays down, staged by the same code. Every path is
/// under DIR; the manifests name the installed binary, not this one.
#[test]
fn system_files_staged_under_a_root_for_packages() {
    let home = TempDir::new();
    let chrome_dirs = [
        "etc/opt/chrome/native-messaging-hosts",
        "etc/chromium/native-messaging-hosts",
        "etc/opt/edge/native-messaging-hosts",
        "etc/opt/brave.com/brave/native-messaging-hosts",
    ];
    let expect = |file: &Path, firefox: bool, path: &str| {
        let allowed = if firefox {
            json!({"allowed_extensions": ["tls-doctor@tlsdoctor.jp"]})
        } else {
            json!({"allowed_origins": [DEV_ORIGIN]})
        };
        let mut want = json!({"name": "jp.tlsdoctor.host", "description": "TLS Doctor native host", "path": path, "type": "stdio"});
        want.as_object_mut().unwrap().extend(allowed.as_object().unwrap().clone());
        assert_eq!(read(file), want, "{}", file.display());
    };
    for lib64 in [false, true] {
        let root = TempDir::new();
        if lib64 {
            // A directory the table lists only where /usr/lib64 exists: under the root.
            std::fs::create_dir_all(root.0.join("usr/lib64")).unwrap();
        }
        let r = root.0.to_str().unwrap();
        let said =
            ok(&["install", "--system", "--root", r, "--os", "linux", "--host-path", "/usr/bin/tls-doctor"], &home.0);
        let mut want: Vec<PathBuf> = chrome_dirs.iter().map(|d| root.0.join(d).join(FILE)).collect();
        want.push(root.0.join("usr/lib/mozilla/native-messaging-hosts").join(FILE));
        if lib64 {
            want.push(root.0.join("usr/lib64/mozilla/native-messaging-hosts").join(FILE));
        }
        assert_eq!(said.lines().count(), want.len(), "{said}");
        let mut written: Vec<PathBuf> = walk(&root.0).into_iter().filter(|p| p.is_file()).collect();
        written.sort();
        want.sort();
        assert_eq!(written, want);
        for file in &want {
            expect(file, file.to_str().unwrap().contains("mozilla"), "/usr/bin/tls-doctor");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt as _;
                assert_eq!(std::fs::metadata(file).unwrap().permissions().mode() & 0o777, 0o644);
            }
        }
    }

    // Windows: beside the binary (the root), one file per browser, naming it by its file name.
    let root = TempDir::new();
    let r = root.0.to_str().unwrap();
    ok(&["install", "--system", "--root", r, "--os", "windows", "--host-path", "tls-doctor.exe"], &home.0);
    let mut written: Vec<String> =
        std::fs::read_dir(&root.0).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    written.sort();
    let mut want: Vec<String> = BROWSERS.iter().map(|b| format!("jp.tlsdoctor.host.{b}.json")).collect();
    want.sort();
    assert_eq!(written, want);
    for b in BROWSERS {
        expect(&root.0.join(format!("jp.tlsdoctor.host.{b}.json")), b == "firefox", "tls-doctor.exe");
    }
    assert_eq!(walk(&home.0).len(), 0, "nothing under HOME");

    // A root needs the binary's path, absolute for Linux.
    for (args, says) in [
        (&["install", "--system", "--root", r][..], "--host-path"),
        (&["install", "--root", r, "--host-path", "/x"], "--system"),
        (&["install", "--system", "--root", r, "--os", "linux", "--host-path", "tls-doctor"], "not an absolute path"),
    ] {
        let out = run(args, &home.0, "C");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8(out.stderr).unwrap().contains(says), "{args:?}");
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        }
        out.push(path);
    }
    out.sort();
    out
}
