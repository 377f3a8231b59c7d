//! Set-up on a fresh Debian machine: only what is missing is installed, so a second run costs
//! nothing.

use std::process::Command;

use crate::{Result, have, run};

/// What a command needs.
#[derive(Clone, Copy, Debug, Default)]
pub struct Needs {
    /// nginx, openssl, gnutls-serv, Postfix and Dovecot, for the lab's servers we did not write.
    pub servers: bool,
    /// rustfmt and clippy.
    pub lint: bool,
    /// The wasm32 target.
    pub wasm: bool,
    /// sslyze and GNU time, for the benchmark.
    pub bench: bool,
    /// Chromium and Firefox ESR with Japanese fonts, NSS tools, Node.js, playwright-core,
    /// geckodriver and libfaketime, for the browser end-to-end tests.
    pub browsers: bool,
    /// cargo-deb, cargo-generate-rpm, rpm, wixl and msitools, and the Windows target with
    /// MinGW-w64, for `cargo xtask package`.
    pub package: bool,
}

impl Needs {
    pub fn all() -> Self {
        Self { servers: true, lint: true, wasm: true, bench: true, browsers: true, package: true }
    }
}

/// The sslyze the benchmark compares against, pinned so runs compare like with like.
pub const SSLYZE_VERSION: &str = "6.3.1";
/// geckodriver drives Firefox ESR in the end-to-end tests (crates.io; never a download).
pub const GECKODRIVER_VERSION: &str = "0.37.1";
/// The package builders (crates.io), pinned: a new release may lay files out differently, and
/// the package test would then fail for a reason that is not ours.
pub const CARGO_DEB_VERSION: &str = "3.8.0";
pub const CARGO_GENERATE_RPM_VERSION: &str = "0.21.1";
/// The Windows target the `.msi` is built for (with MinGW-w64).
pub const WINDOWS_TARGET: &str = "x86_64-pc-windows-gnu";

pub fn ensure(needs: Needs) -> Result {
    if needs.lint {
        rustup_components(&["rustfmt", "clippy"])?;
    }
    if needs.wasm {
        rustup_target("wasm32-unknown-unknown")?;
        // The standard library's source, rebuilt for the wasm module (see build.rs). Without
        // it the module is still built, larger; build.rs says so.
        if let Err(e) = rustup_component("rust-src") {
            eprintln!("xtask: warning: no rust-src ({e}): the wasm module is built without -Z build-std");
        }
    }
    let mut packages = Vec::new();
    if needs.servers {
        if !have("nginx") && !std::path::Path::new("/usr/sbin/nginx").exists() {
            packages.push("nginx");
        }
        if !have("openssl") {
            packages.push("openssl");
        }
        // gnutls-serv: the lab's servers that offer only RC4/3DES or only AES-CCM.
        if !have("gnutls-serv") {
            packages.push("gnutls-bin");
        }
        // The gate test (tests/tests/gate.rs) gives a network namespace of its own addresses.
        if !have("ip") && !std::path::Path::new("/usr/sbin/ip").exists() {
            packages.push("iproute2");
        }
        // The mail lab: Postfix (its master, the Cyrus SASL plugins for AUTH without TLS) and
        // Dovecot's IMAP and POP3 servers.
        for package in ["postfix", "libsasl2-modules", "dovecot-imapd", "dovecot-pop3d"] {
            if !dpkg_installed(package) {
                packages.push(package);
            }
        }
        // The STARTTLS servers of tests/tests/starttls_servers.rs: OpenLDAP's slapd (StartTLS
        // and LDAPS), Dovecot's ManageSieve, vsftpd (AUTH TLS and implicit FTPS), Prosody (XMPP),
        // PostgreSQL, MariaDB.
        for package in ["slapd", "dovecot-managesieved", "vsftpd", "prosody", "postgresql", "mariadb-server"] {
            if !dpkg_installed(package) {
                packages.push(package);
            }
        }
        // INN's nnrpd (NNTP STARTTLS and NNTPS) is extracted, not installed (see `inn`): only
        // the libraries it and tdx-util link to beyond Debian's essential ones.
        for package in INN_LIBRARIES {
            if !dpkg_installed(package) {
                packages.push(package);
            }
        }
    }
    if needs.bench {
        if !std::path::Path::new("/usr/bin/time").exists() {
            packages.push("time");
        }
        if !have("python3") {
            packages.extend(["python3", "python3-venv"]);
        }
        if !have("testssl") {
            packages.push("testssl.sh");
        }
    }
    if needs.browsers {
        for (program, package) in [
            ("chromium", "chromium"),
            ("firefox-esr", "firefox-esr"),
            ("certutil", "libnss3-tools"),
            ("unshare", "util-linux"),
            ("node", "nodejs"),
            ("npm", "npm"),
        ] {
            if !have(program) {
                packages.push(package);
            }
        }
        // Chromium's Japanese interface, and a font with Japanese glyphs for the screenshots.
        for (path, package) in [
            ("/usr/lib/chromium/locales/ja.pak", "chromium-l10n"),
            ("/usr/lib/firefox-esr/browser/extensions/langpack-ja@firefox-esr.mozilla.org.xpi", "firefox-esr-l10n-ja"),
            ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "fonts-noto-cjk"),
        ] {
            if !std::path::Path::new(path).exists() {
                packages.push(package);
            }
        }
        // A wrong clock for the whole machine, as the local-probe tests need it: libfaketime
        // preloaded into the browser (and so into the host it starts).
        for package in ["faketime", "libfaketime"] {
            if !dpkg_installed(package) {
                packages.push(package);
            }
        }
    }
    if needs.package {
        rustup_target(WINDOWS_TARGET)?;
        for (program, package) in [
            ("rpm", "rpm"),
            ("rpm2cpio", "rpm2cpio"),
            ("cpio", "cpio"),
            ("wixl", "wixl"),
            ("msiinfo", "msitools"),
            ("x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64"),
            ("x86_64-w64-mingw32-strip", "binutils-mingw-w64-x86-64"),
            ("strip", "binutils"),
        ] {
            if !have(program) {
                packages.push(package);
            }
        }
    }
    apt_install(&packages)?;
    if needs.servers {
        inn()?;
    }
    if needs.bench {
        sslyze()?;
    }
    if needs.browsers {
        geckodriver()?;
        npm_ci()?;
    }
    if needs.package {
        cargo_tool("cargo-deb", CARGO_DEB_VERSION)?;
        cargo_tool("cargo-generate-rpm", CARGO_GENERATE_RPM_VERSION)?;
    }
    Ok(())
}

/// A cargo subcommand from crates.io at the pinned version (`cargo-deb 3.8.0` is what
/// `cargo-deb --version` says).
fn cargo_tool(name: &str, version: &str) -> Result {
    let installed =
        output(Command::new(crate::cargo_home().join("bin").join(name)).arg("--version")).unwrap_or_default();
    if installed.split_whitespace().nth(1) == Some(version) {
        return Ok(());
    }
    eprintln!("xtask: installing {name} {version} (a few minutes, once)");
    run(Command::new(crate::cargo_bin()).args(["install", name, "--version", version, "--force"]))
}

/// geckodriver from crates.io, at the pinned version.
fn geckodriver() -> Result {
    let installed = output(Command::new(geckodriver_bin()).arg("--version")).unwrap_or_default();
    if installed.split_whitespace().nth(1) == Some(GECKODRIVER_VERSION) {
        return Ok(());
    }
    eprintln!("xtask: installing geckodriver {GECKODRIVER_VERSION} (a few minutes, once)");
    run(Command::new(crate::cargo_bin()).args(["install", "geckodriver", "--version", GECKODRIVER_VERSION, "--force"]))
}

pub fn geckodriver_bin() -> std::path::PathBuf {
    crate::cargo_home().join("bin/geckodriver")
}

/// playwright-core (the driver only: it never downloads a browser) from the lock file.
fn npm_ci() -> Result {
    let dir = crate::workspace_root().join("tests/e2e");
    if dir.join("node_modules/playwright-core/package.json").exists() {
        return Ok(());
    }
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(dir))
}

fn rustup_components(components: &[&str]) -> Result {
    let installed = output(Command::new("rustup").args(["component", "list", "--installed"])).unwrap_or_default();
    for c in components {
        if !installed.lines().any(|l| l.starts_with(c)) {
            run(Command::new("rustup").args(["component", "add", c]))?;
        }
    }
    Ok(())
}

fn rustup_component(component: &str) -> Result {
    let installed = output(Command::new("rustup").args(["component", "list", "--installed"])).unwrap_or_default();
    if !installed.lines().any(|l| l.trim().starts_with(&format!("{component}-")) || l.trim() == component) {
        run(Command::new("rustup").args(["component", "add", component]))?;
    }
    Ok(())
}

fn rustup_target(target: &str) -> Result {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed.lines().any(|l| l.trim() == target) {
        run(Command::new("rustup").args(["target", "add", target]))?;
    }
    Ok(())
}

/// The libraries of Debian 12's `inn2` that `nnrpd` and `tdx-util` need (`ldd`), less libc6,
/// libcrypt1 and zlib1g, which every Debian has; INN's own (libinn, libinnstorage, libinnhist)
/// come with the extracted packages.
const INN_LIBRARIES: [&str; 7] =
    ["libcanlock3", "libdb5.3", "libexpat1", "libperl5.36", "libpython3.11", "libsasl2-2", "libssl3"];

/// Where INN is extracted, below the target directory (the lab's `external::starttls::nntp`
/// looks there).
const INN_DIR: &str = "tools/inn2";

/// Debian's `inn2` and `inn2-inews` (libinn) unpacked into `target/tools/inn2` with
/// `apt-get download` and `dpkg -x`, without installing them: inn2's post-installation script
/// fails where the machine's host name does not resolve, and would also start innd. Nothing
/// outside `target/` changes; a second run finds `nnrpd` and does nothing.
fn inn() -> Result {
    let dir = crate::target_dir().join(INN_DIR);
    let news = dir.join("usr/lib/news");
    if news.join("bin/nnrpd").is_file() && news.join("bin/tdx-util").is_file() {
        return Ok(());
    }
    eprintln!("xtask: unpacking Debian's inn2 into {} (not installed: no maintainer script runs)", dir.display());
    // Unpacked beside, then renamed: an interrupted run leaves no half tree that looks done.
    let partial = crate::target_dir().join(format!("{INN_DIR}.partial"));
    let _ = std::fs::remove_dir_all(&partial);
    std::fs::create_dir_all(&partial).map_err(|e| format!("{}: {e}", partial.display()))?;
    let download =
        || run(Command::new("apt-get").args(["download", "-qq", "inn2", "inn2-inews"]).current_dir(&partial));
    if download().is_err() {
        // No package lists yet (nothing else needed installing): fetch them once.
        run(&mut privileged(&["apt-get", "update", "-qq"])?)?;
        download()?;
    }
    let entries = std::fs::read_dir(&partial).map_err(|e| format!("{}: {e}", partial.display()))?;
    let mut debs: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .collect();
    debs.sort();
    let root = partial.join("root");
    for deb in &debs {
        run(Command::new("dpkg").arg("-x").arg(deb).arg(&root))?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::rename(&root, &dir).map_err(|e| format!("{} → {}: {e}", root.display(), dir.display()))?;
    let _ = std::fs::remove_dir_all(&partial);
    if !news.join("bin/nnrpd").is_file() {
        return Err(format!("{} has no nnrpd after unpacking {debs:?}", news.display()));
    }
    Ok(())
}

/// `args` as root: directly, or through sudo.
fn privileged(args: &[&str]) -> Result<Command> {
    let root = output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    if !root && !have("sudo") {
        return Err(format!("please run as root: {}", args.join(" ")));
    }
    let mut c = if root { Command::new(args[0]) } else { Command::new("sudo") };
    if !root {
        c.arg(args[0]);
    }
    c.args(&args[1..]).env("DEBIAN_FRONTEND", "noninteractive");
    Ok(c)
}

/// `apt-get install` the packages, as root or through sudo. Debian packages start their
/// services on installation; a temporary policy-rc.d (invoke-rc.d's documented hook) keeps
/// nginx from starting one on port 80: every server in the tests is started by the tests.
fn apt_install(packages: &[&str]) -> Result {
    if packages.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing {}", packages.join(" "));
    let root = output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    let sudo = |args: &[&str]| -> Command {
        let mut c = if root { Command::new(args[0]) } else { Command::new("sudo") };
        if !root {
            c.arg(args[0]);
        }
        c.args(&args[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    if !root && !have("sudo") {
        return Err(format!("please install these Debian packages as root: {}", packages.join(" ")));
    }
    let policy = std::path::Path::new("/usr/sbin/policy-rc.d");
    let placed_policy = !policy.exists() && root && std::fs::write(policy, "#!/bin/sh\nexit 101\n").is_ok();
    if placed_policy {
        let _ = run(Command::new("chmod").args(["755", "/usr/sbin/policy-rc.d"]));
    }
    // Postfix asks which mail set-up to make: none (the lab brings its own configuration).
    // slapd asks for an administrator password and a directory: none (the lab writes its own
    // slapd.conf).
    let mut answers = String::new();
    if packages.contains(&"postfix") {
        answers.push_str("postfix postfix/main_mailer_type select No configuration\n");
    }
    if packages.contains(&"slapd") {
        answers.push_str("slapd slapd/no_configuration boolean true\n");
    }
    let result = preseed(&mut sudo(&["debconf-set-selections"]), &answers)
        .and_then(|()| run(&mut sudo(&["apt-get", "update", "-qq"])))
        .and_then(|()| run(sudo(&["apt-get", "install", "-y", "-qq", "--no-install-recommends"]).args(packages)));
    if placed_policy {
        let _ = std::fs::remove_file(policy);
    }
    result
}

/// Whether dpkg has `package` installed.
fn dpkg_installed(package: &str) -> bool {
    output(Command::new("dpkg-query").args(["-W", "-f=${Status}", package]))
        .is_some_and(|s| s == "install ok installed")
}

/// Runs `debconf-set-selections` with `answers` on its standard input; nothing without answers.
fn preseed(cmd: &mut Command, answers: &str) -> Result {
    use std::io::Write;
    if answers.is_empty() {
        return Ok(());
    }
    let shown = format!("{cmd:?}");
    let mut child =
        cmd.stdin(std::process::Stdio::piped()).spawn().map_err(|e| format!("cannot start {shown}: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(answers.as_bytes()).map_err(|e| format!("{shown}: {e}"))?;
    }
    let status = child.wait().map_err(|e| format!("{shown}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{shown} failed ({status})")) }
}

/// sslyze in a virtual environment of its own under `target/`, so nothing else on the
/// machine changes.
fn sslyze() -> Result {
    let venv = crate::target_dir().join("tools/sslyze");
    let python = venv.join("bin/python");
    let wanted = format!("sslyze=={SSLYZE_VERSION}");
    let installed = output(Command::new(&python).args(["-m", "pip", "freeze"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == wanted) {
        return Ok(());
    }
    if !python.exists() {
        run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    }
    run(Command::new(&python).args(["-m", "pip", "install", "--quiet", &wanted]))
}

pub fn sslyze_python() -> std::path::PathBuf {
    crate::target_dir().join("tools/sslyze/bin/python")
}

fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
