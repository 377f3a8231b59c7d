//! `cargo xtask package`: the system-wide packages, in `target/package/`, and their test.
//!
//! - `.deb` (cargo-deb) and `.rpm` (cargo-generate-rpm): `/usr/bin/tls-doctor` and the host
//!   manifests of every Linux system directory;
//! - `.msi` (Debian's `wixl`, `manifest/windows/tls-doctor.wxs`): `tls-doctor.exe`, built for
//!   `x86_64-pc-windows-gnu` with MinGW-w64, the manifests beside it and one HKLM key per browser.
//!
//! The manifests are never written by hand: `tls-doctor install --system --root DIR` stages them
//! (the code that runs on a user's machine), and each package takes the staged files.
//!
//! The check reads every package back (`dpkg-deb`, `rpm`/`rpm2cpio`, `msiinfo`/`msiextract`) and
//! compares it with the lists below, written out here rather than taken from the host's table so
//! that a wrong table fails, and with `manifest/extension-ids.json` for who may start the host.
//! As root, it then installs the `.deb` with `dpkg -i`, runs the installed binary, removes and
//! purges the package and checks that nothing is left.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::{Value, json};

use crate::setup::{self, WINDOWS_TARGET};
use crate::{Result, cargo, run, target_dir, workspace_root};

const HOST_NAME: &str = "jp.tlsdoctor.host";
const MANIFEST: &str = "jp.tlsdoctor.host.json";

/// The Chrome-family system directories on Linux (Chrome, Chromium, Edge, Brave; Brave's second
/// directory is Chromium's).
const LINUX_CHROME_DIRS: [&str; 4] = [
    "/etc/opt/chrome/native-messaging-hosts",
    "/etc/chromium/native-messaging-hosts",
    "/etc/opt/edge/native-messaging-hosts",
    "/etc/opt/brave.com/brave/native-messaging-hosts",
];
/// Firefox: Debian's and Mozilla's builds read `/usr/lib`; Fedora's 64-bit builds `/usr/lib64`.
const FIREFOX_LIB: &str = "/usr/lib/mozilla/native-messaging-hosts";
const FIREFOX_LIB64: &str = "/usr/lib64/mozilla/native-messaging-hosts";
const DOCS: [&str; 2] = ["/usr/share/doc/tls-doctor/README.md", "/usr/share/doc/tls-doctor/MANIFESTS.md"];
// The host policy (`/etc/tls-doctor/policy.json`) is not packaged yet. When it is: add it to the
// assets in native-host/Cargo.toml and to the lists in `check` below (a conffile in the .deb).

/// Windows: each browser's HKLM key and the manifest file (beside `tls-doctor.exe`) it names.
const WINDOWS_KEYS: [(&str, &str); 5] = [
    (r"Software\Google\Chrome\NativeMessagingHosts\jp.tlsdoctor.host", "jp.tlsdoctor.host.chrome.json"),
    (r"Software\Chromium\NativeMessagingHosts\jp.tlsdoctor.host", "jp.tlsdoctor.host.chromium.json"),
    (r"Software\Microsoft\Edge\NativeMessagingHosts\jp.tlsdoctor.host", "jp.tlsdoctor.host.edge.json"),
    (r"Software\BraveSoftware\Brave-Browser\NativeMessagingHosts\jp.tlsdoctor.host", "jp.tlsdoctor.host.brave.json"),
    (r"Software\Mozilla\NativeMessagingHosts\jp.tlsdoctor.host", "jp.tlsdoctor.host.firefox.json"),
];

/// `cargo xtask package [--no-install]`: build the three packages, then check them; as root,
/// also install and remove the `.deb` unless `--no-install`.
pub fn run_package(args: &[String]) -> Result {
    let install = match args {
        [] => true,
        [flag] if flag == "--no-install" => false,
        _ => return Err("usage: cargo xtask package [--no-install]".into()),
    };
    setup::ensure(setup::Needs { package: true, ..setup::Needs::default() })?;
    let packages = build()?;
    check(&packages, install)
}

/// The built packages.
#[derive(Debug)]
pub struct Packages {
    deb: PathBuf,
    rpm: PathBuf,
    msi: PathBuf,
    version: String,
}

/// Where the packages go: fixed under the workspace, since `native-host/Cargo.toml` names the
/// staged files by this path.
fn out_dir() -> PathBuf {
    workspace_root().join("target/package")
}

pub fn build() -> Result<Packages> {
    let out = out_dir();
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;

    let started = Instant::now();
    cargo(&["build", "--quiet", "--release", "-p", "tls-doctor"])?;
    lap("Linux release build", started);
    let started = Instant::now();
    cargo(&["build", "--quiet", "--release", "-p", "tls-doctor", "--target", WINDOWS_TARGET])?;
    lap("Windows release build", started);

    let bin = target_dir().join("release/tls-doctor");
    let version = version(&bin)?;
    let stage = out.join("stage");

    // Debian: no /usr/lib64 under the root, so the table's /usr/lib64 directory is not written.
    let started = Instant::now();
    stage_manifests(&bin, &stage.join("deb"), "linux", "/usr/bin/tls-doctor")?;
    // `--quiet`: cargo-deb warns that the staged files, being under a `target/` directory but
    // not `target/release/`, are not built by cargo; they are not meant to be.
    run(Command::new(crate::cargo_bin())
        .args(["deb", "--quiet", "-p", "tls-doctor", "--no-build", "--output"])
        .arg(&out)
        .current_dir(workspace_root()))?;
    lap(".deb", started);

    // RPM: /usr/lib64 exists on the systems it is for, so the staged tree has it too.
    let started = Instant::now();
    let rpm_root = stage.join("rpm");
    mkdir(&rpm_root.join("usr/lib64"))?;
    stage_manifests(&bin, &rpm_root, "linux", "/usr/bin/tls-doctor")?;
    mkdir(&rpm_root.join("usr/bin"))?;
    let staged_bin = rpm_root.join("usr/bin/tls-doctor");
    copy(&bin, &staged_bin)?;
    run(Command::new("strip").arg(&staged_bin))?;
    run(Command::new(crate::cargo_bin())
        // cargo-generate-rpm 0.21 takes the crate's directory, whatever its help says.
        .args(["generate-rpm", "-p", "native-host", "-o"])
        .arg(&out)
        .current_dir(workspace_root()))?;
    lap(".rpm", started);

    // Windows: the manifests beside the binary, which they name by its file name.
    let started = Instant::now();
    let msi_root = stage.join("msi");
    stage_manifests(&bin, &msi_root, "windows", "tls-doctor.exe")?;
    let exe = msi_root.join("tls-doctor.exe");
    copy(&target_dir().join(WINDOWS_TARGET).join("release/tls-doctor.exe"), &exe)?;
    run(Command::new("x86_64-w64-mingw32-strip").arg(&exe))?;
    let msi = out.join(format!("tls-doctor-{version}-x64.msi"));
    // wixl 0.101 takes no absolute Source path: it runs in the stage, with `Stage=.`.
    run(Command::new("wixl")
        .args(["-a", "x64", "-D", &format!("Version={version}"), "-D", "Stage=.", "-o"])
        .arg(&msi)
        .arg(workspace_root().join("manifest/windows/tls-doctor.wxs"))
        .current_dir(&msi_root))?;
    lap(".msi", started);

    let packages = Packages { deb: find(&out, ".deb")?, rpm: find(&out, ".rpm")?, msi: find(&out, ".msi")?, version };
    for file in [&packages.deb, &packages.rpm, &packages.msi] {
        let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        println!("xtask: {} ({} KiB)", file.display(), size / 1024);
    }
    Ok(packages)
}

fn lap(what: &str, started: Instant) {
    println!("xtask: {what}: {:.1} s", started.elapsed().as_secs_f64());
}

/// `tls-doctor install --system --root ROOT`: the manifests an install writes, under ROOT.
fn stage_manifests(bin: &Path, root: &Path, os: &str, host_path: &str) -> Result {
    mkdir(root)?;
    run(Command::new(bin)
        .args(["install", "--system", "--root"])
        .arg(root)
        .args(["--os", os, "--host-path", host_path])
        .env("LC_ALL", "C"))
}

fn version(bin: &Path) -> Result<String> {
    let out = Command::new(bin).arg("--version").output().map_err(|e| format!("{}: {e}", bin.display()))?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.strip_prefix("tls-doctor ")
        .map(|v| v.trim().to_owned())
        .ok_or_else(|| format!("{} --version said {text:?}", bin.display()))
}

fn find(dir: &Path, suffix: &str) -> Result<PathBuf> {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.to_str().is_some_and(|s| s.ends_with(suffix)))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!("expected one {suffix} in {}, found {found:?}", dir.display())),
    }
}

// ---------------------------------------------------------------------------------------------
// The check.

/// What one file of a package must be.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Expect {
    Binary,
    /// A manifest of this flavour, naming this binary.
    Manifest {
        firefox: bool,
        path: &'static str,
    },
    Doc,
}

pub fn check(packages: &Packages, install: bool) -> Result {
    let ids = ExtensionIds::read()?;
    let scratch = out_dir().join("check");
    let _ = std::fs::remove_dir_all(&scratch);

    let linux = |lib64: bool| {
        let mut files = BTreeMap::from([("/usr/bin/tls-doctor".to_owned(), Expect::Binary)]);
        for dir in LINUX_CHROME_DIRS {
            files.insert(format!("{dir}/{MANIFEST}"), Expect::Manifest { firefox: false, path: "/usr/bin/tls-doctor" });
        }
        let firefox_dirs: &[&str] = if lib64 { &[FIREFOX_LIB, FIREFOX_LIB64] } else { &[FIREFOX_LIB] };
        for dir in firefox_dirs {
            files.insert(format!("{dir}/{MANIFEST}"), Expect::Manifest { firefox: true, path: "/usr/bin/tls-doctor" });
        }
        for doc in DOCS {
            files.insert(doc.to_owned(), Expect::Doc);
        }
        files
    };

    let mut deb = linux(false);
    // cargo-deb writes the Debian copyright file from the crate's license.
    deb.insert("/usr/share/doc/tls-doctor/copyright".into(), Expect::Doc);
    check_deb(&packages.deb, &deb, &ids, &scratch.join("deb"), &packages.version)?;
    println!("xtask: {}: {} files as expected", packages.deb.display(), deb.len());

    let rpm = linux(true);
    check_rpm(&packages.rpm, &rpm, &ids, &scratch.join("rpm"), &packages.version)?;
    println!("xtask: {}: {} files as expected", packages.rpm.display(), rpm.len());

    check_msi(&packages.msi, &ids, &scratch.join("msi"))?;
    println!("xtask: {}: 6 files and 5 registry keys as expected", packages.msi.display());

    if install {
        install_deb(&packages.deb, &deb, &ids, &packages.version)?;
    }
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(())
}

/// `manifest/extension-ids.json`, read here on its own (the host compiles the same file in).
#[derive(Debug)]
struct ExtensionIds {
    chrome: Vec<String>,
    firefox: Vec<String>,
}

impl ExtensionIds {
    fn read() -> Result<ExtensionIds> {
        let path = workspace_root().join("manifest/extension-ids.json");
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let value: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let list = |key: &str| -> Result<Vec<String>> {
            let ids: Vec<String> = value[key]
                .as_array()
                .map(|a| a.iter().filter_map(|e| e["id"].as_str().map(str::to_owned)).collect())
                .unwrap_or_default();
            if ids.is_empty() { Err(format!("{}: no {key} ids", path.display())) } else { Ok(ids) }
        };
        Ok(ExtensionIds { chrome: list("chrome")?, firefox: list("firefox")? })
    }

    /// The manifest a browser of this flavour must find.
    fn manifest(&self, firefox: bool, path: &str) -> Value {
        let mut m = json!({
            "name": HOST_NAME,
            "description": "TLS Doctor native host",
            "path": path,
            "type": "stdio",
        });
        if firefox {
            m["allowed_extensions"] = json!(self.firefox);
        } else {
            m["allowed_origins"] =
                json!(self.chrome.iter().map(|id| format!("chrome-extension://{id}/")).collect::<Vec<_>>());
        }
        m
    }
}

/// Every file of a package as (path → mode bits), from a listing.
type Listing = BTreeMap<String, u32>;

fn check_listing(what: &Path, listed: &Listing, expected: &BTreeMap<String, Expect>) -> Result {
    let have: BTreeSet<&String> = listed.keys().collect();
    let want: BTreeSet<&String> = expected.keys().collect();
    if have != want {
        return Err(format!(
            "{}: unexpected files {:?}, missing files {:?}",
            what.display(),
            have.difference(&want).collect::<Vec<_>>(),
            want.difference(&have).collect::<Vec<_>>()
        ));
    }
    for (path, kind) in expected {
        let want = if *kind == Expect::Binary { 0o755 } else { 0o644 };
        if listed[path] != want {
            return Err(format!("{}: {path} has mode {:o}, not {want:o}", what.display(), listed[path]));
        }
    }
    Ok(())
}

/// The files of an unpacked package (under `root`) say what they must.
fn check_tree(
    what: &Path,
    root: &Path,
    expected: &BTreeMap<String, Expect>,
    ids: &ExtensionIds,
    version: &str,
) -> Result {
    for (path, kind) in expected {
        let file = root.join(path.trim_start_matches('/'));
        match kind {
            Expect::Manifest { firefox, path: host } => {
                let found = read_json(&file)?;
                let want = ids.manifest(*firefox, host);
                if found != want {
                    return Err(format!("{}: {path} is\n{found:#}\nnot\n{want:#}", what.display()));
                }
            }
            Expect::Binary => {
                let said = String::from_utf8_lossy(&output(Command::new(&file).arg("--version"))?).trim().to_owned();
                if said != format!("tls-doctor {version}") {
                    return Err(format!("{}: {path} --version said {said:?}", what.display()));
                }
            }
            Expect::Doc => {
                if std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0) == 0 {
                    return Err(format!("{}: {path} is empty", what.display()));
                }
            }
        }
    }
    Ok(())
}

fn check_deb(deb: &Path, expected: &BTreeMap<String, Expect>, ids: &ExtensionIds, dir: &Path, version: &str) -> Result {
    // `-rw-r--r-- root/root 1234 2024-01-01 00:00 ./etc/…`: files only, directories end in `/`.
    let listing = text(Command::new("dpkg-deb").arg("-c").arg(deb))?;
    let mut listed = Listing::new();
    for line in listing.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [perms, owner, _size, _date, _time, path] = fields.as_slice() else {
            return Err(format!("{}: cannot read the listing line {line:?}", deb.display()));
        };
        if perms.starts_with('d') {
            continue;
        }
        if !matches!(*owner, "root/root" | "0/0") || !perms.starts_with('-') {
            return Err(format!("{}: {line}", deb.display()));
        }
        listed.insert(path.trim_start_matches('.').to_owned(), mode(perms)?);
    }
    check_listing(deb, &listed, expected)?;

    let field = |name: &str| text(Command::new("dpkg-deb").arg("-f").arg(deb).arg(name)).map(|s| s.trim().to_owned());
    if field("Package")? != "tls-doctor" || field("Version")? != format!("{version}-1") {
        return Err(format!("{}: package {} {}", deb.display(), field("Package")?, field("Version")?));
    }
    // No maintainer scripts: dpkg alone puts the files there and takes them away.
    let control = dir.join("control");
    mkdir(dir)?;
    run(Command::new("dpkg-deb").arg("-e").arg(deb).arg(&control))?;
    let members: BTreeSet<String> = std::fs::read_dir(&control)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    let allowed = ["conffiles", "control", "md5sums"];
    if !members.iter().all(|m| allowed.contains(&m.as_str())) || !members.contains("conffiles") {
        return Err(format!("{}: control members {members:?}", deb.display()));
    }
    // The files under /etc are conffiles (Debian's rule, applied by cargo-deb), and only those.
    let conffiles: BTreeSet<String> = std::fs::read_to_string(control.join("conffiles"))
        .map_err(|e| e.to_string())?
        .lines()
        .map(str::to_owned)
        .collect();
    let etc: BTreeSet<String> = expected.keys().filter(|p| p.starts_with("/etc/")).cloned().collect();
    if conffiles != etc {
        return Err(format!("{}: conffiles {conffiles:?}, expected {etc:?}", deb.display()));
    }

    let tree = dir.join("tree");
    run(Command::new("dpkg-deb").arg("-x").arg(deb).arg(&tree))?;
    check_tree(deb, &tree, expected, ids, version)
}

fn check_rpm(rpm: &Path, expected: &BTreeMap<String, Expect>, ids: &ExtensionIds, dir: &Path, version: &str) -> Result {
    // `--dump`: path size mtime digest mode owner group isconfig isdoc rdev symlink.
    let dump = text(Command::new("rpm").args(["-qp", "--dump"]).arg(rpm))?;
    let mut listed = Listing::new();
    for line in dump.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [path, _size, _mtime, _digest, mode, owner, group, config, doc, ..] = fields.as_slice() else {
            return Err(format!("{}: cannot read the dump line {line:?}", rpm.display()));
        };
        let bits = u32::from_str_radix(mode, 8).map_err(|e| format!("{line}: {e}"))?;
        if bits & 0o170000 == 0o040000 {
            continue;
        }
        let is_doc = expected.get(*path) == Some(&Expect::Doc);
        if bits & 0o170000 != 0o100000
            || (*owner, *group) != ("root", "root")
            || *config != "0"
            || *doc != if is_doc { "1" } else { "0" }
        {
            return Err(format!("{}: {line}", rpm.display()));
        }
        listed.insert((*path).to_owned(), bits & 0o7777);
    }
    check_listing(rpm, &listed, expected)?;
    let info = text(Command::new("rpm").args(["-qp", "--queryformat", "%{NAME} %{VERSION} %{ARCH}"]).arg(rpm))?;
    if info != format!("tls-doctor {version} x86_64") {
        return Err(format!("{}: {info}", rpm.display()));
    }
    let scripts = text(Command::new("rpm").args(["-qp", "--scripts"]).arg(rpm))?;
    if !scripts.trim().is_empty() {
        return Err(format!("{}: has scripts:\n{scripts}", rpm.display()));
    }

    let tree = dir.join("tree");
    mkdir(&tree)?;
    let rpm_abs = std::path::absolute(rpm).map_err(|e| e.to_string())?;
    run(Command::new("sh")
        .arg("-c")
        .arg("rpm2cpio \"$1\" | cpio -idm --quiet --no-absolute-filenames")
        .arg("sh")
        .arg(&rpm_abs)
        .current_dir(&tree))?;
    check_tree(rpm, &tree, expected, ids, version)
}

fn check_msi(msi: &Path, ids: &ExtensionIds, dir: &Path) -> Result {
    let table = |name: &str| -> Result<Vec<Vec<String>>> {
        let out = text(Command::new("msiinfo").arg("export").arg(msi).arg(name))?;
        // Three header lines: column names, column types, the table's name and keys.
        Ok(out.lines().skip(3).map(|l| l.split('\t').map(str::to_owned).collect()).collect())
    };
    // A long name may be stored as `SHORT~1|long name`.
    let long = |name: &str| name.rsplit('|').next().unwrap_or(name).to_owned();

    let summary = text(Command::new("msiinfo").arg("suminfo").arg(msi))?;
    if !summary.lines().any(|l| l.trim() == "Template: x64;1033") {
        return Err(format!("{}: not an x64 package:\n{summary}", msi.display()));
    }
    let directories = table("Directory")?;
    let install_dir = directories.iter().find(|row| row[0] == "INSTALLDIR");
    if !install_dir.is_some_and(|row| row[1] == "ProgramFiles64Folder" && long(&row[2]) == "TLS Doctor") {
        return Err(format!("{}: INSTALLDIR is {install_dir:?}", msi.display()));
    }
    let components: BTreeMap<String, Vec<String>> =
        table("Component")?.into_iter().map(|r| (r[0].clone(), r)).collect();
    // File, Component_, FileName, …
    let mut files = BTreeMap::new();
    for row in table("File")? {
        let component = components.get(&row[1]).ok_or_else(|| format!("{}: {row:?}", msi.display()))?;
        // Component, ComponentId, Directory_, Attributes (256: 64-bit), …
        let attributes: u32 = component[3].parse().unwrap_or(0);
        if component[2] != "INSTALLDIR" || attributes & 256 == 0 {
            return Err(format!("{}: component {component:?}", msi.display()));
        }
        files.insert(row[0].clone(), long(&row[2]));
    }
    let names: BTreeSet<&str> = files.values().map(String::as_str).collect();
    let mut want: BTreeSet<&str> = WINDOWS_KEYS.iter().map(|(_, file)| *file).collect();
    want.insert("tls-doctor.exe");
    if names != want {
        return Err(format!("{}: files {names:?}, expected {want:?}", msi.display()));
    }
    // Registry, Root (2: HKLM), Key, Name (empty: the default value), Value, Component_.
    let mut keys = BTreeMap::new();
    for row in table("Registry")? {
        let [_, root, key, name, value, _] = row.as_slice() else {
            return Err(format!("{}: registry row {row:?}", msi.display()));
        };
        let file = value.strip_prefix("[#").and_then(|v| v.strip_suffix(']')).and_then(|id| files.get(id));
        match (root.as_str(), name.as_str(), file) {
            ("2", "", Some(file)) => keys.insert(key.clone(), file.clone()),
            _ => return Err(format!("{}: registry row {row:?}", msi.display())),
        };
    }
    let want: BTreeMap<String, String> = WINDOWS_KEYS.iter().map(|(k, f)| ((*k).to_owned(), (*f).to_owned())).collect();
    if keys != want {
        return Err(format!("{}: registry {keys:?}, expected {want:?}", msi.display()));
    }

    let tree = dir.join("tree");
    mkdir(&tree)?;
    run(Command::new("msiextract").arg("-C").arg(&tree).arg(msi).stdout(std::process::Stdio::null()))?;
    // msiextract lays INSTALLDIR out without the system folder above it.
    let installed = tree.join("TLS Doctor");
    for (_, file) in WINDOWS_KEYS {
        let found = read_json(&installed.join(file))?;
        let want = ids.manifest(file.ends_with(".firefox.json"), "tls-doctor.exe");
        if found != want {
            return Err(format!("{}: {file} is\n{found:#}\nnot\n{want:#}", msi.display()));
        }
    }
    is_windows_x64_exe(&installed.join("tls-doctor.exe"))
}

/// A PE image for x86-64: `MZ`, then at the offset in 0x3c `PE\0\0` and machine 0x8664.
fn is_windows_x64_exe(path: &Path) -> Result {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let pe = bytes.get(0x3c..0x40).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
    let header = pe.and_then(|at| bytes.get(at..at + 6));
    if bytes.starts_with(b"MZ") && header == Some(&[b'P', b'E', 0, 0, 0x64, 0x86][..]) {
        Ok(())
    } else {
        Err(format!("{} is not an x86-64 Windows program", path.display()))
    }
}

/// As root: `dpkg -i`, the binary runs and the manifests are in place; `dpkg -r` leaves only the
/// conffiles, `dpkg -P` nothing, not even a directory the package made.
fn install_deb(deb: &Path, expected: &BTreeMap<String, Expect>, ids: &ExtensionIds, version: &str) -> Result {
    let root = text(Command::new("id").arg("-u")).is_ok_and(|u| u.trim() == "0");
    if !root {
        println!("xtask: package test: not root, so the .deb is not installed (dpkg -i) and removed");
        return Ok(());
    }
    let status = dpkg_status();
    if !status.is_empty() {
        println!(
            "xtask: package test: a tls-doctor package is already on this machine ({status}); the .deb is not installed over it"
        );
        return Ok(());
    }
    if let Some(path) = expected.keys().find(|p| Path::new(p).exists()) {
        println!("xtask: package test: {path} exists already; the .deb is not installed over it");
        return Ok(());
    }
    // The directories that exist now; every other one on the way to a file is the package's.
    let mut dirs = BTreeSet::new();
    for path in expected.keys() {
        dirs.extend(Path::new(path).ancestors().skip(1).map(Path::to_path_buf));
    }
    let existing: BTreeSet<PathBuf> = dirs.iter().filter(|d| d.exists()).cloned().collect();

    let result = run(Command::new("dpkg").arg("-i").arg(deb).env("DEBIAN_FRONTEND", "noninteractive"))
        .and_then(|()| installed_as_expected(expected, ids, version))
        .and_then(|()| run(Command::new("dpkg").args(["-r", "tls-doctor"])))
        .and_then(|()| removed_as_expected(expected, "dpkg -r"))
        .and_then(|()| run(Command::new("dpkg").args(["-P", "tls-doctor"])))
        .and_then(|()| purged_as_expected(expected, &dirs, &existing));
    if result.is_err() && !dpkg_status().is_empty() {
        let _ = run(Command::new("dpkg").args(["-P", "tls-doctor"]));
    }
    result?;
    println!("xtask: package test: dpkg -i, tls-doctor --version, dpkg -r and -P: nothing left");
    Ok(())
}

fn installed_as_expected(expected: &BTreeMap<String, Expect>, ids: &ExtensionIds, version: &str) -> Result {
    use std::os::unix::fs::PermissionsExt as _;
    for (path, kind) in expected {
        let mode = std::fs::metadata(path).map_err(|e| format!("installed: {path}: {e}"))?.permissions().mode();
        let want = if *kind == Expect::Binary { 0o755 } else { 0o644 };
        if mode & 0o7777 != want {
            return Err(format!("installed: {path} has mode {:o}, not {want:o}", mode & 0o7777));
        }
    }
    // Runs /usr/bin/tls-doctor --version, and reads every manifest where the browsers will.
    check_tree(Path::new("the installed package"), Path::new("/"), expected, ids, version)?;
    // dpkg owns exactly these files.
    let owned: BTreeSet<String> = text(Command::new("dpkg").args(["-L", "tls-doctor"]))?
        .lines()
        .filter(|l| Path::new(l).is_file())
        .map(str::to_owned)
        .collect();
    let want: BTreeSet<String> = expected.keys().cloned().collect();
    if owned != want {
        return Err(format!("dpkg -L tls-doctor: {owned:?}, expected {want:?}"));
    }
    Ok(())
}

fn removed_as_expected(expected: &BTreeMap<String, Expect>, after: &str) -> Result {
    for path in expected.keys() {
        let conffile = path.starts_with("/etc/");
        if Path::new(path).exists() != conffile {
            return Err(format!("after {after}: {path} {}", if conffile { "is gone" } else { "is still there" }));
        }
    }
    let status = dpkg_status();
    if status != "deinstall ok config-files" {
        return Err(format!("after {after}: dpkg says {status:?}"));
    }
    Ok(())
}

fn purged_as_expected(
    expected: &BTreeMap<String, Expect>,
    dirs: &BTreeSet<PathBuf>,
    existing: &BTreeSet<PathBuf>,
) -> Result {
    if let Some(left) = expected.keys().find(|p| Path::new(p).exists()) {
        return Err(format!("after dpkg -P: {left} is still there"));
    }
    if let Some(left) = dirs.iter().find(|d| !existing.contains(*d) && d.exists()) {
        return Err(format!("after dpkg -P: the directory {} is still there", left.display()));
    }
    let status = dpkg_status();
    if !status.is_empty() && status != "unknown ok not-installed" {
        return Err(format!("after dpkg -P: dpkg says {status:?}"));
    }
    Ok(())
}

/// dpkg's status of the tls-doctor package, empty when dpkg does not know it.
fn dpkg_status() -> String {
    text(Command::new("dpkg-query").args(["-W", "-f=${Status}", "tls-doctor"])).unwrap_or_default().trim().to_owned()
}

fn read_json(path: &Path) -> Result<Value> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// `-rwxr-xr-x` → 0o755.
fn mode(perms: &str) -> Result<u32> {
    let bits = perms.get(1..10).ok_or_else(|| format!("mode {perms}"))?;
    Ok(bits.chars().fold(0, |acc, c| (acc << 1) | u32::from(c != '-')))
}

fn output(cmd: &mut Command) -> Result<Vec<u8>> {
    let shown = format!("{cmd:?}");
    let out = cmd.output().map_err(|e| format!("cannot start {shown}: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(format!("{shown} failed ({}): {}", out.status, String::from_utf8_lossy(&out.stderr)))
    }
}

fn text(cmd: &mut Command) -> Result<String> {
    output(cmd).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

fn mkdir(dir: &Path) -> Result {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

fn copy(from: &Path, to: &Path) -> Result {
    std::fs::copy(from, to).map(|_| ()).map_err(|e| format!("{} → {}: {e}", from.display(), to.display()))
}
