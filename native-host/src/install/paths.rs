//! Where each browser looks for a native-messaging host manifest. One table for every OS, so
//! that it can be tested (and `manifest/README.md` checked against it) on any machine.
//!
//! Sources:
//! - Chrome and Chromium: <https://developer.chrome.com/docs/extensions/develop/concepts/native-messaging#native-messaging-host-location>
//!   (Linux and macOS directories, Windows registry keys), and Chromium's
//!   `chrome/common/chrome_paths.cc` (`DIR_NATIVE_MESSAGING`: `/etc/opt/chrome/…` for Google
//!   Chrome builds, `/etc/chromium/…` and `/Library/Application Support/Chromium/…` for every
//!   other build). The user directory is always `<user-data-dir>/NativeMessagingHosts`.
//! - Edge: <https://learn.microsoft.com/microsoft-edge/extensions/developer-guide/native-messaging>.
//! - Firefox: <https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/Native_manifests#manifest_location>
//!   (`/usr/lib64/mozilla/…` is the system directory of Firefox builds for 64-bit Fedora-like
//!   systems).
//! - Brave publishes no list. Its user directory follows from its user-data-dir
//!   (`BraveSoftware/Brave-Browser`, brave-core `chromium_src/chrome/common/chrome_paths_linux.cc`).
//!   For the system directory, installers commonly use `/etc/opt/brave.com/brave/…` (Linux) and
//!   `/Library/Application Support/BraveSoftware/Brave-Browser/…` (macOS), but brave-core does
//!   not override `DIR_NATIVE_MESSAGING`, so by its source a Brave build reads Chromium's system
//!   directory. Both are written; neither is confirmed by Brave.
//! - Snap Chromium reads `~/snap/chromium/common/chromium/NativeMessagingHosts` (its
//!   user-data-dir inside the snap's confinement), written when `~/snap/chromium` exists.

use std::path::{Path, PathBuf};

/// The browsers `tls-doctor install` knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Browser {
    Chrome,
    Chromium,
    Edge,
    Brave,
    Firefox,
}

impl Browser {
    pub const ALL: [Browser; 5] = [Browser::Chrome, Browser::Chromium, Browser::Edge, Browser::Brave, Browser::Firefox];

    pub fn flavour(self) -> Flavour {
        match self {
            Browser::Chrome | Browser::Chromium | Browser::Edge | Browser::Brave => Flavour::Chrome,
            Browser::Firefox => Flavour::Firefox,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Browser::Chrome => "chrome",
            Browser::Chromium => "chromium",
            Browser::Edge => "edge",
            Browser::Brave => "brave",
            Browser::Firefox => "firefox",
        }
    }
}

/// Which manifest a browser reads: Chromium's (`allowed_origins`) or Firefox's
/// (`allowed_extensions`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flavour {
    Chrome,
    Firefox,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// This user only: no administrator rights needed.
    User,
    /// Every user of the machine (`--system`): needs root or Administrator.
    System,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Os {
    Linux,
    MacOs,
    Windows,
}

impl Os {
    /// The OS this binary runs on (the BSDs use the Linux paths, as Chromium's port does).
    pub const CURRENT: Os = if cfg!(target_os = "macos") {
        Os::MacOs
    } else if cfg!(windows) {
        Os::Windows
    } else {
        Os::Linux
    };
}

/// A directory as the docs write it: `~/` is the user's home.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dir {
    pub path: &'static str,
    pub when: When,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Always,
    /// Only when this path exists (`~/` for the home): the browser is installed in a form that
    /// reads this directory.
    Exists(&'static str),
}

/// A directory written whatever exists (a struct literal, so that the table's slices are
/// constants).
macro_rules! always {
    ($path:literal) => {
        Dir { path: $path, when: When::Always }
    };
}

/// The directories (Linux, macOS) where `browser` looks for manifests of `scope`. Windows
/// browsers find the manifest through the registry instead: see [`registry_key`].
pub fn dirs(os: Os, browser: Browser, scope: Scope) -> &'static [Dir] {
    use Browser::*;
    use Scope::*;
    match (os, browser, scope) {
        (Os::Linux, Chrome, User) => &[always!("~/.config/google-chrome/NativeMessagingHosts")],
        (Os::Linux, Chrome, System) => &[always!("/etc/opt/chrome/native-messaging-hosts")],
        (Os::Linux, Chromium, User) => &[
            always!("~/.config/chromium/NativeMessagingHosts"),
            Dir { path: "~/snap/chromium/common/chromium/NativeMessagingHosts", when: When::Exists("~/snap/chromium") },
        ],
        (Os::Linux, Chromium, System) => &[always!("/etc/chromium/native-messaging-hosts")],
        (Os::Linux, Edge, User) => &[always!("~/.config/microsoft-edge/NativeMessagingHosts")],
        (Os::Linux, Edge, System) => &[always!("/etc/opt/edge/native-messaging-hosts")],
        (Os::Linux, Brave, User) => &[always!("~/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts")],
        (Os::Linux, Brave, System) => &[
            always!("/etc/opt/brave.com/brave/native-messaging-hosts"),
            always!("/etc/chromium/native-messaging-hosts"),
        ],
        (Os::Linux, Firefox, User) => &[always!("~/.mozilla/native-messaging-hosts")],
        (Os::Linux, Firefox, System) => &[
            always!("/usr/lib/mozilla/native-messaging-hosts"),
            Dir { path: "/usr/lib64/mozilla/native-messaging-hosts", when: When::Exists("/usr/lib64") },
        ],
        (Os::MacOs, Chrome, User) => &[always!("~/Library/Application Support/Google/Chrome/NativeMessagingHosts")],
        (Os::MacOs, Chrome, System) => &[always!("/Library/Google/Chrome/NativeMessagingHosts")],
        (Os::MacOs, Chromium, User) => &[always!("~/Library/Application Support/Chromium/NativeMessagingHosts")],
        (Os::MacOs, Chromium, System) => &[always!("/Library/Application Support/Chromium/NativeMessagingHosts")],
        (Os::MacOs, Edge, User) => &[always!("~/Library/Application Support/Microsoft Edge/NativeMessagingHosts")],
        (Os::MacOs, Edge, System) => &[always!("/Library/Microsoft/Edge/NativeMessagingHosts")],
        (Os::MacOs, Brave, User) => {
            &[always!("~/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts")]
        }
        (Os::MacOs, Brave, System) => &[
            always!("/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts"),
            always!("/Library/Application Support/Chromium/NativeMessagingHosts"),
        ],
        (Os::MacOs, Firefox, User) => &[always!("~/Library/Application Support/Mozilla/NativeMessagingHosts")],
        (Os::MacOs, Firefox, System) => &[always!("/Library/Application Support/Mozilla/NativeMessagingHosts")],
        (Os::Windows, _, _) => &[],
    }
}

/// The Windows registry key (under `HKEY_CURRENT_USER` for the user, `HKEY_LOCAL_MACHINE` for
/// the system) whose default value is the manifest's path.
pub fn registry_key(browser: Browser) -> &'static str {
    match browser {
        Browser::Chrome => r"Software\Google\Chrome\NativeMessagingHosts\jp.tlsdoctor.host",
        Browser::Chromium => r"Software\Chromium\NativeMessagingHosts\jp.tlsdoctor.host",
        Browser::Edge => r"Software\Microsoft\Edge\NativeMessagingHosts\jp.tlsdoctor.host",
        Browser::Brave => r"Software\BraveSoftware\Brave-Browser\NativeMessagingHosts\jp.tlsdoctor.host",
        Browser::Firefox => r"Software\Mozilla\NativeMessagingHosts\jp.tlsdoctor.host",
    }
}

/// What the table needs from the machine.
#[derive(Clone, Debug)]
pub struct Machine {
    pub os: Os,
    /// `HOME` (Linux, macOS).
    pub home: Option<PathBuf>,
    /// `%LOCALAPPDATA%` (Windows, user scope).
    pub local_app_data: Option<PathBuf>,
    /// The directory of the `tls-doctor` binary (Windows, system scope).
    pub exe_dir: Option<PathBuf>,
}

impl Machine {
    pub fn current(exe: Option<&Path>) -> Machine {
        // An empty or relative HOME is as good as none: writing under the current directory
        // would put the manifest where no browser looks.
        let absolute = |var: &str| std::env::var_os(var).map(PathBuf::from).filter(|p| p.is_absolute());
        Machine {
            os: Os::CURRENT,
            home: absolute("HOME"),
            local_app_data: absolute("LOCALAPPDATA"),
            exe_dir: exe.and_then(Path::parent).map(Path::to_path_buf),
        }
    }
}

/// Where one manifest goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub browser: Browser,
    pub file: PathBuf,
    /// Windows: the key to point at `file`, with its hive.
    pub registry: Option<(Scope, &'static str)>,
}

/// Why no location could be worked out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoLocation {
    /// The environment variable that would say where the user's files go is not set.
    Unset(&'static str),
    /// Windows, system scope: the manifests go next to the binary, whose place is unknown.
    NoExeDir,
}

pub const FILE_NAME: &str = "jp.tlsdoctor.host.json";

/// Windows, every user: the manifest's name beside `tls-doctor.exe`. Its `path` is then the bare
/// file name `tls-doctor.exe`: Chrome resolves a relative path against the manifest's directory
/// on Windows (developer.chrome.com, native messaging, `path`), and so does Firefox (MDN,
/// Native manifests, `path`). Not in a folder per browser with `..\tls-doctor.exe`: Firefox
/// has joined the two with `PathUtils.joinRelative`, which rejects `..` (the comment in
/// `toolkit/components/extensions/NativeMessaging.sys.mjs` where it stopped doing so).
pub fn windows_system_file(browser: Browser) -> String {
    format!("jp.tlsdoctor.host.{}.json", browser.name())
}

/// Every manifest file for `browsers` in `scope`, without duplicates (Brave shares Chromium's
/// system directory), skipping the directories whose condition does not hold.
pub fn locations(
    machine: &Machine,
    browsers: &[Browser],
    scope: Scope,
    exists: &dyn Fn(&Path) -> bool,
) -> Result<Vec<Location>, NoLocation> {
    let mut out: Vec<Location> = Vec::new();
    for &browser in browsers {
        if machine.os == Os::Windows {
            // One manifest per browser, so that removing one browser's never breaks another's.
            let base = match scope {
                Scope::User => machine.local_app_data.as_ref().map(|d| d.join("TLS Doctor")),
                Scope::System => machine.exe_dir.clone(),
            }
            .ok_or(if scope == Scope::User {
                NoLocation::Unset("LOCALAPPDATA")
            } else {
                NoLocation::NoExeDir
            })?;
            let file = match scope {
                Scope::User => base.join(browser.name()).join(FILE_NAME),
                Scope::System => base.join(windows_system_file(browser)),
            };
            out.push(Location { browser, file, registry: Some((scope, registry_key(browser))) });
            continue;
        }
        for dir in dirs(machine.os, browser, scope) {
            let wanted = match dir.when {
                When::Always => true,
                When::Exists(path) => exists(&expand(path, machine.home.as_deref())?),
            };
            let file = expand(dir.path, machine.home.as_deref())?.join(FILE_NAME);
            if wanted && !out.iter().any(|l| l.file == file) {
                out.push(Location { browser, file, registry: None });
            }
        }
    }
    Ok(out)
}

fn expand(path: &str, home: Option<&Path>) -> Result<PathBuf, NoLocation> {
    match path.strip_prefix("~/") {
        Some(rest) => Ok(home.ok_or(NoLocation::Unset("HOME"))?.join(rest)),
        None => Ok(PathBuf::from(path)),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn machine(os: Os) -> Machine {
        Machine {
            os,
            home: Some("/home/u".into()),
            local_app_data: Some(r"C:\Users\u\AppData\Local".into()),
            exe_dir: Some(r"C:\Program Files\TLS Doctor".into()),
        }
    }

    /// Compared as paths (component by component), so that the tests pass on Windows too.
    fn files(os: Os, browsers: &[Browser], scope: Scope, exists: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
        locations(&machine(os), browsers, scope, exists).unwrap().into_iter().map(|l| l.file).collect()
    }

    fn paths<const N: usize>(list: [&str; N]) -> Vec<PathBuf> {
        list.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn every_browser_has_a_place_in_both_scopes_on_linux_and_macos() {
        for os in [Os::Linux, Os::MacOs] {
            for b in Browser::ALL {
                for scope in [Scope::User, Scope::System] {
                    let d = dirs(os, b, scope);
                    assert!(!d.is_empty(), "{os:?} {b:?} {scope:?}");
                    assert_eq!(d[0].when, When::Always);
                    for dir in d {
                        assert_eq!(dir.path.starts_with("~/"), scope == Scope::User, "{}", dir.path);
                        assert!(!dir.path.ends_with('/'));
                    }
                }
            }
        }
    }

    #[test]
    fn user_files_go_under_home() {
        let none = |_: &Path| false;
        assert_eq!(
            files(Os::Linux, &[Browser::Chrome], Scope::User, &none),
            paths(["/home/u/.config/google-chrome/NativeMessagingHosts/jp.tlsdoctor.host.json"])
        );
        assert_eq!(
            files(Os::MacOs, &[Browser::Firefox], Scope::User, &none),
            paths(["/home/u/Library/Application Support/Mozilla/NativeMessagingHosts/jp.tlsdoctor.host.json"])
        );
        let no_home = Machine { home: None, ..machine(Os::Linux) };
        assert_eq!(locations(&no_home, &[Browser::Edge], Scope::User, &none), Err(NoLocation::Unset("HOME")));
        // The system scope does not need a home.
        assert!(locations(&no_home, &[Browser::Edge], Scope::System, &none).is_ok());
    }

    #[test]
    fn conditional_directories_follow_what_exists() {
        let snap = |p: &Path| p == Path::new("/home/u/snap/chromium");
        assert_eq!(
            files(Os::Linux, &[Browser::Chromium], Scope::User, &snap),
            paths([
                "/home/u/.config/chromium/NativeMessagingHosts/jp.tlsdoctor.host.json",
                "/home/u/snap/chromium/common/chromium/NativeMessagingHosts/jp.tlsdoctor.host.json",
            ])
        );
        assert_eq!(files(Os::Linux, &[Browser::Chromium], Scope::User, &|_| false).len(), 1);
        let lib64 = |p: &Path| p == Path::new("/usr/lib64");
        assert_eq!(
            files(Os::Linux, &[Browser::Firefox], Scope::System, &lib64),
            paths([
                "/usr/lib/mozilla/native-messaging-hosts/jp.tlsdoctor.host.json",
                "/usr/lib64/mozilla/native-messaging-hosts/jp.tlsdoctor.host.json",
            ])
        );
    }

    #[test]
    fn a_directory_two_browsers_share_is_written_once() {
        let all = files(Os::Linux, &Browser::ALL, Scope::System, &|_| false);
        let chromium = Path::new("/etc/chromium/native-messaging-hosts/jp.tlsdoctor.host.json");
        assert_eq!(all.iter().filter(|f| *f == chromium).count(), 1);
        assert_eq!(all.len(), 5);
    }

    #[test]
    fn windows_has_one_file_and_one_key_per_browser() {
        let user = locations(&machine(Os::Windows), &Browser::ALL, Scope::User, &|_| false).unwrap();
        assert_eq!(user.len(), 5);
        assert!(user[0].file.starts_with(r"C:\Users\u\AppData\Local"));
        assert_eq!(
            user[0].registry,
            Some((Scope::User, r"Software\Google\Chrome\NativeMessagingHosts\jp.tlsdoctor.host"))
        );
        let system = locations(&machine(Os::Windows), &[Browser::Firefox], Scope::System, &|_| false).unwrap();
        assert_eq!(system[0].file, Path::new(r"C:\Program Files\TLS Doctor").join("jp.tlsdoctor.host.firefox.json"));
        assert_eq!(
            system[0].registry,
            Some((Scope::System, r"Software\Mozilla\NativeMessagingHosts\jp.tlsdoctor.host"))
        );
        let bare = Machine { local_app_data: None, ..machine(Os::Windows) };
        assert_eq!(locations(&bare, &[Browser::Edge], Scope::User, &|_| false), Err(NoLocation::Unset("LOCALAPPDATA")));
        for b in Browser::ALL {
            assert!(registry_key(b).ends_with(r"NativeMessagingHosts\jp.tlsdoctor.host"));
        }
    }
}
