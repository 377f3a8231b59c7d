//! `tls-doctor install` and `tls-doctor uninstall`: the native-messaging host manifests that
//! tell each browser where `tls-doctor` is and which extensions may start it.
//!
//! Written here rather than by the `native_messaging` crate's installer, which misses Brave and
//! Snap directories, lets an environment variable replace its whole path table, and panics on a
//! malformed file. Uninstall removes only manifests named `jp.tlsdoctor.host`: a file at our
//! file name that says anything else is reported and left alone, on install too.
//!
//! Packagers stage the system-wide files with `--system --root DIR --host-path PATH [--os OS]`:
//! the same plan, every path under DIR, no registry key (`cargo xtask package` does so).
//!
//! One line per file written or removed goes to stdout; files left alone and failures go to
//! stderr. Exit status: 0 done; 2 bad arguments, or nothing could be written (or removed).

pub mod manifest;
pub mod messages;
pub mod paths;
#[cfg(windows)]
mod windows;

use std::io::{self, Read as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use tls_doctor_core::explain::Lang;

use crate::console::{EXIT_CANNOT_DIAGNOSE, env_lang};
use manifest::{Allowed, Existing, ExtensionId};
use messages::Message;
use paths::{Browser, FILE_NAME, Location, Machine, NoLocation, Os, Scope};

#[derive(Debug, clap::Args)]
pub struct InstallArgs {
    /// Which browser (default: every browser; with --manifest-dir: chrome). With --manifest-dir
    /// it only picks the manifest's flavour: Chrome-style or Firefox-style.
    #[arg(long, value_enum, value_name = "BROWSER")]
    browser: Option<BrowserArg>,
    /// For every user of this machine (needs root, or Administrator on Windows).
    #[arg(long, conflicts_with = "manifest_dir")]
    system: bool,
    /// Use this directory instead of the browser's own, e.g. Chromium started with
    /// --user-data-dir=D reads D/NativeMessagingHosts. No registry key is set on Windows.
    #[arg(long, value_name = "DIR")]
    manifest_dir: Option<PathBuf>,
    /// Allow this extension to start the host (repeatable). Chrome-style ids (32 letters a-p)
    /// replace the Chrome-family list; Firefox ids (name@domain, {GUID}) the Firefox list.
    #[arg(long = "extension-id", value_name = "ID")]
    extension_ids: Vec<String>,
    /// For packagers: write the --system files under DIR, as if DIR were the root of the
    /// target machine (a directory the table lists only when it exists counts when it exists
    /// under DIR). No registry key is set. Needs --host-path.
    #[arg(long, value_name = "DIR", requires_all = ["system", "host_path"])]
    root: Option<PathBuf>,
    /// With --root: the path of the installed binary, written into the manifests (absolute on
    /// Linux and macOS; on Windows the file name, the manifests sit beside it).
    #[arg(long, value_name = "PATH", requires = "root")]
    host_path: Option<String>,
    /// With --root: the OS whose table to use (default: this one).
    #[arg(long, value_enum, value_name = "OS", requires = "root")]
    os: Option<OsArg>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum OsArg {
    Linux,
    Macos,
    Windows,
}

impl OsArg {
    fn os(self) -> Os {
        match self {
            OsArg::Linux => Os::Linux,
            OsArg::Macos => Os::MacOs,
            OsArg::Windows => Os::Windows,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum BrowserArg {
    Chrome,
    Chromium,
    Edge,
    Brave,
    Firefox,
    All,
}

impl BrowserArg {
    fn browsers(self) -> Vec<Browser> {
        match self {
            BrowserArg::Chrome => vec![Browser::Chrome],
            BrowserArg::Chromium => vec![Browser::Chromium],
            BrowserArg::Edge => vec![Browser::Edge],
            BrowserArg::Brave => vec![Browser::Brave],
            BrowserArg::Firefox => vec![Browser::Firefox],
            BrowserArg::All => Browser::ALL.to_vec(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Install,
    Uninstall,
}

pub fn run(args: &InstallArgs, action: Action) -> ExitCode {
    let mut report = Report { lang: env_lang(), done: 0, failed: 0, denied: false, left: 0 };
    match plan(args, action) {
        Ok(plan) => execute(&plan, action, &mut report),
        Err(problem) => {
            report.fail(&problem.message());
            ExitCode::from(EXIT_CANNOT_DIAGNOSE)
        }
    }
}

/// Everything decided before touching a file.
#[derive(Debug)]
struct Plan {
    locations: Vec<Location>,
    scope: Scope,
    /// The binary's absolute path, for the manifests' `path` (install only).
    host_path: String,
    allowed: Allowed,
}

/// Why nothing was tried.
#[derive(Debug)]
enum Problem {
    BadExtensionId(String),
    ManifestDirNeedsOneBrowser,
    NoUserDir(&'static str),
    NoExePath(String),
}

impl Problem {
    fn message(&self) -> Message<'_> {
        match self {
            Problem::BadExtensionId(id) => Message::BadExtensionId { id },
            Problem::ManifestDirNeedsOneBrowser => Message::ManifestDirNeedsOneBrowser,
            Problem::NoUserDir(variable) => Message::NoUserDir { variable },
            Problem::NoExePath(error) => Message::NoExePath { error },
        }
    }
}

fn plan(args: &InstallArgs, action: Action) -> Result<Plan, Problem> {
    let ids = args
        .extension_ids
        .iter()
        .map(|id| ExtensionId::parse(id).ok_or_else(|| Problem::BadExtensionId(id.clone())))
        .collect::<Result<Vec<_>, _>>()?;
    let browsers = match (args.browser, args.manifest_dir.is_some()) {
        (Some(BrowserArg::All), true) => return Err(Problem::ManifestDirNeedsOneBrowser),
        (None, true) => vec![Browser::Chrome],
        (None, false) => Browser::ALL.to_vec(),
        (Some(arg), _) => arg.browsers(),
    };
    let scope = if args.system { Scope::System } else { Scope::User };
    if let (Some(root), Some(host_path)) = (&args.root, &args.host_path) {
        let os = args.os.map_or(Os::CURRENT, OsArg::os);
        if os != Os::Windows && !host_path.starts_with('/') {
            return Err(Problem::NoExePath(format!("--host-path {host_path}: not an absolute path")));
        }
        let root = std::path::absolute(root).unwrap_or_else(|_| root.clone());
        let locations = staged(&root, os, &browsers)?;
        return Ok(Plan { locations, scope, host_path: host_path.clone(), allowed: Allowed::with(&ids) });
    }
    let exe = host_exe();
    let host_path = match (&exe, action) {
        // Windows, every user: the manifests sit beside the binary and name it by its file
        // name, so that the folder can be moved (and an installer need not rewrite them).
        (Ok(path), _) if Os::CURRENT == Os::Windows && scope == Scope::System && args.manifest_dir.is_none() => {
            windows_file_name(path)
        }
        (Ok(path), _) => path.clone(),
        (Err(e), Action::Install) => return Err(Problem::NoExePath(e.clone())),
        (Err(_), Action::Uninstall) => String::new(),
    };
    let locations = match &args.manifest_dir {
        Some(dir) => {
            let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.clone());
            browsers.iter().map(|&browser| Location { browser, file: dir.join(FILE_NAME), registry: None }).collect()
        }
        None => {
            let machine = Machine::current(exe.as_ref().ok().map(Path::new));
            paths::locations(&machine, &browsers, scope, &|p: &Path| p.exists()).map_err(|e| match e {
                NoLocation::Unset(variable) => Problem::NoUserDir(variable),
                NoLocation::NoExeDir => Problem::NoExePath(exe.err().unwrap_or_default()),
            })?
        }
    };
    Ok(Plan { locations, scope, host_path, allowed: Allowed::with(&ids) })
}

/// `--root`: the system files of `os` under `root`. Linux and macOS paths are absolute, and are
/// re-rooted; on Windows the manifests go beside the binary, here `root` itself. No key is set.
fn staged(root: &Path, os: Os, browsers: &[Browser]) -> Result<Vec<Location>, Problem> {
    let under = |path: &Path| root.join(path.strip_prefix("/").unwrap_or(path));
    let machine = Machine { os, home: None, local_app_data: None, exe_dir: Some(root.to_path_buf()) };
    let locations = paths::locations(&machine, browsers, Scope::System, &|p: &Path| under(p).exists())
        .map_err(|_| Problem::NoExePath(root.display().to_string()))?;
    Ok(locations
        .into_iter()
        .map(|l| Location { file: if os == Os::Windows { l.file } else { under(&l.file) }, registry: None, ..l })
        .collect())
}

/// The last component of a Windows path (`\` or `/` separated).
fn windows_file_name(path: &str) -> String {
    path.rsplit(['\\', '/']).next().unwrap_or(path).to_owned()
}

/// The running binary, resolved (symlinks followed, so that the manifest keeps working when
/// the link it was started through moves), as the UTF-8 text the manifest needs.
fn host_exe() -> Result<String, String> {
    let path = std::env::current_exe().and_then(std::fs::canonicalize).map_err(|e| e.to_string())?;
    let text = path.to_str().ok_or_else(|| format!("{} is not UTF-8", path.display()))?;
    // Windows canonical paths carry the `\\?\` prefix (`\\?\UNC\` for a share), which browsers
    // do not expect.
    if let Some(share) = text.strip_prefix(r"\\?\UNC\") {
        return Ok(format!(r"\\{share}"));
    }
    Ok(text.strip_prefix(r"\\?\").unwrap_or(text).to_owned())
}

fn execute(plan: &Plan, action: Action, report: &mut Report) -> ExitCode {
    for location in &plan.locations {
        match action {
            Action::Install => install_one(plan, location, report),
            Action::Uninstall => uninstall_one(location, report),
        }
    }
    if report.denied && plan.scope == Scope::System {
        report.fail_line(&Message::NeedsAdmin);
    }
    match action {
        Action::Install if report.done == 0 => {
            report.fail_line(&Message::NothingWritten);
            ExitCode::from(EXIT_CANNOT_DIAGNOSE)
        }
        Action::Uninstall if report.done == 0 && report.failed > 0 => ExitCode::from(EXIT_CANNOT_DIAGNOSE),
        Action::Uninstall if report.done == 0 && report.left == 0 => {
            report.say(&Message::NothingToRemove);
            ExitCode::SUCCESS
        }
        _ => ExitCode::SUCCESS,
    }
}

fn install_one(plan: &Plan, location: &Location, report: &mut Report) {
    let path = location.file.as_path();
    let text = manifest::render(&manifest::build(location.browser.flavour(), &plan.host_path, &plan.allowed));
    let outcome = match read_existing(path) {
        Ok(Some(bytes)) => match manifest::classify(&bytes) {
            Existing::Ours if bytes == text.as_bytes() => Ok(Message::AlreadyInstalled { path }),
            Existing::Ours => write(path, &text, plan.scope).map(|()| Message::Installed { path }),
            Existing::Foreign { name } => return report.left(&Message::LeftForeign { path, name: &name }),
            Existing::Malformed { detail } => return report.left(&Message::LeftMalformed { path, detail: &detail }),
        },
        Ok(None) => write(path, &text, plan.scope).map(|()| Message::Installed { path }),
        Err(e) => Err(e),
    };
    let written = match outcome {
        Ok(message) => message,
        Err(e) => return report.failed_on(&e, &Message::CannotWrite { path, error: &e.to_string() }),
    };
    report.done(&written);
    #[cfg(windows)]
    if let Some((scope, key)) = location.registry {
        match windows::register(scope, key, path) {
            Ok(()) => report.say(&Message::Registered { key }),
            Err(e) => report.failed_on(&e, &Message::CannotRegister { key, error: &e.to_string() }),
        }
    }
}

fn uninstall_one(location: &Location, report: &mut Report) {
    let path = location.file.as_path();
    // The key first: a browser must not be left pointing at a file that is gone.
    #[cfg(windows)]
    if let Some((scope, key)) = location.registry {
        match windows::unregister(scope, key, path) {
            Ok(true) => report.say(&Message::Unregistered { key }),
            Ok(false) => {}
            Err(e) => report.failed_on(&e, &Message::CannotRegister { key, error: &e.to_string() }),
        }
    }
    match read_existing(path) {
        Ok(None) => {}
        Err(e) => report.failed_on(&e, &Message::CannotRemove { path, error: &e.to_string() }),
        Ok(Some(bytes)) => match manifest::classify(&bytes) {
            Existing::Ours => match std::fs::remove_file(path) {
                Ok(()) => report.done(&Message::Removed { path }),
                Err(e) => report.failed_on(&e, &Message::CannotRemove { path, error: &e.to_string() }),
            },
            Existing::Foreign { name } => report.left(&Message::LeftForeign { path, name: &name }),
            Existing::Malformed { detail } => report.left(&Message::LeftMalformed { path, detail: &detail }),
        },
    }
}

/// The file at `path`, if any: at most [`manifest::READ_LIMIT`] + 1 bytes, enough to tell
/// that a larger file is not a manifest.
fn read_existing(path: &Path) -> io::Result<Option<Vec<u8>>> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut bytes = Vec::new();
    file.take(u64::try_from(manifest::READ_LIMIT + 1).unwrap_or(u64::MAX)).read_to_end(&mut bytes)?;
    Ok(Some(bytes))
}

/// Writes `text` to `path` through a temporary file in the same directory and a rename, so that
/// a browser never reads half a manifest. System-wide files and the directories made for them
/// are readable by every user whatever the umask (browsers run as the user).
fn write(path: &Path, text: &str, scope: Scope) -> io::Result<()> {
    let dir = path.parent().ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))?;
    create_dirs(dir, scope)?;
    let temporary = dir.join(format!(".{FILE_NAME}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&temporary);
    let result = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| {
            io::Write::write_all(&mut file, text.as_bytes())?;
            file.sync_all()
        })
        .and_then(|()| readable_by_all(&temporary, scope, 0o644))
        .and_then(|()| std::fs::rename(&temporary, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

fn create_dirs(dir: &Path, scope: Scope) -> io::Result<()> {
    let missing: Vec<PathBuf> = dir.ancestors().take_while(|d| !d.exists()).map(Path::to_path_buf).collect();
    std::fs::create_dir_all(dir)?;
    for created in missing {
        readable_by_all(&created, scope, 0o755)?;
    }
    Ok(())
}

#[cfg(unix)]
fn readable_by_all(path: &Path, scope: Scope, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    match scope {
        Scope::System => std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)),
        Scope::User => Ok(()),
    }
}

#[cfg(not(unix))]
fn readable_by_all(_path: &Path, _scope: Scope, _mode: u32) -> io::Result<()> {
    // Windows: files under Program Files inherit read access for every user.
    Ok(())
}

/// What was done, printed as it happens.
#[derive(Debug)]
struct Report {
    lang: Lang,
    /// Files written, found unchanged, or removed.
    done: usize,
    failed: usize,
    /// A file of someone else's was left alone.
    left: usize,
    /// A failure was a permission error.
    denied: bool,
}

impl Report {
    fn say(&self, message: &Message<'_>) {
        println!("{}", messages::text(message, self.lang));
    }

    fn done(&mut self, message: &Message<'_>) {
        self.say(message);
        self.done += 1;
    }

    fn left(&mut self, message: &Message<'_>) {
        self.fail_line(message);
        self.left += 1;
    }

    fn fail(&mut self, message: &Message<'_>) {
        self.fail_line(message);
        self.failed += 1;
    }

    fn failed_on(&mut self, e: &io::Error, message: &Message<'_>) {
        self.denied |= e.kind() == io::ErrorKind::PermissionDenied;
        self.fail(message);
    }

    fn fail_line(&self, message: &Message<'_>) {
        eprintln!("tls-doctor: {}", messages::text(message, self.lang));
    }
}
