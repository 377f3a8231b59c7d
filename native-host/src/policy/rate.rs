//! `rate_limit_per_minute`: checks per minute across every host process of this user. The
//! browser may start one host process per message, so the count lives in a small file of the
//! user's (`$XDG_RUNTIME_DIR/tls-doctor/checks`, else `<temp>/tls-doctor-<user>/checks`; on
//! Windows `%LOCALAPPDATA%\TLS Doctor\checks`), one line per check (milliseconds since the
//! epoch), updated under an exclusive lock (`checks.lock`). It holds at most [`MAX_TRACKED`] lines, so a
//! larger limit counts as that many.
//!
//! When the file cannot be used (no directory, someone else's directory), the check is
//! refused: a limit that cannot be counted must not be lifted.

use std::io::{Read as _, Seek as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tls_doctor_core::wire::{LimitSource, Refusal, RefusalRule};

/// The longest list kept: a limit above it counts as this many checks a minute.
pub const MAX_TRACKED: u32 = 10_000;
const WINDOW_MS: u64 = 60_000;
/// At most this much of the file is read (10 000 lines of 13 digits and a newline).
pub(crate) const READ_LIMIT: u64 = 256 * 1024;

pub fn take_turn(limit: u32) -> Result<(), Refusal> {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(0));
    state_file().map_err(Failure::State).and_then(|path| take_turn_at(&path, limit, now)).map_err(|failure| {
        let mut r = Refusal::new(RefusalRule::RateLimited, LimitSource::HostPolicy);
        match failure {
            Failure::Wait(ms) => r.retry_after_s = Some(ms.div_ceil(1000).max(1)),
            Failure::State(detail) => {
                r.retry_after_s = Some(WINDOW_MS / 1000);
                r.detail = Some(format!("the count of checks cannot be kept: {detail}"));
            }
        }
        r
    })
}

enum Failure {
    /// Milliseconds until the oldest check of the window leaves it.
    Wait(u64),
    State(String),
}

fn take_turn_at(path: &std::path::Path, limit: u32, now: u64) -> Result<(), Failure> {
    let _lock = Lock::take(&path.with_extension("lock")).map_err(Failure::State)?;
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| Failure::State(format!("{}: {e}", path.display())))?;
    let mut text = String::new();
    // A file that is not ours or not text counts as empty: it is rewritten below.
    let _ = (&mut file).take(READ_LIMIT).read_to_string(&mut text);
    let mut times: Vec<u64> = text
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        // A time in the future (a clock set back) is dropped rather than trusted forever.
        .filter(|t| *t <= now && now - *t < WINDOW_MS)
        .collect();
    times.sort_unstable();
    let limit = limit.min(MAX_TRACKED) as usize;
    if times.len() >= limit {
        // The turn comes when enough of the oldest have left the window.
        let wait = times.get(times.len() - limit).map_or(WINDOW_MS, |t| t + WINDOW_MS - now);
        return Err(Failure::Wait(wait));
    }
    times.push(now);
    let keep = times.len().saturating_sub(MAX_TRACKED as usize);
    let out: String = times[keep..].iter().map(|t| format!("{t}\n")).collect();
    let written = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(out.as_bytes()))
        .and_then(|()| file.flush());
    written.map_err(|e| Failure::State(format!("{}: {e}", path.display())))
}

/// An exclusive lock between processes: a file created with `create_new` (atomic on every
/// platform), removed when dropped. A lock older than [`STALE_LOCK`] was left by a process
/// that died holding it, and is broken.
struct Lock(PathBuf);

pub(crate) const STALE_LOCK: Duration = Duration::from_secs(5);
/// Tries to take the lock, [`LOCK_RETRY`] apart (about two seconds in all) before the check is
/// refused.
pub(crate) const LOCK_TRIES: u32 = 200;
const LOCK_RETRY: Duration = Duration::from_millis(10);

impl Lock {
    fn take(path: &Path) -> Result<Lock, String> {
        for _ in 0..LOCK_TRIES {
            match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
                Ok(_) => return Ok(Lock(path.to_path_buf())),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let stale = std::fs::metadata(path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > STALE_LOCK);
                    if stale {
                        let _ = std::fs::remove_file(path);
                    } else {
                        std::thread::sleep(LOCK_RETRY);
                    }
                }
                Err(e) => return Err(format!("{}: {e}", path.display())),
            }
        }
        Err(format!("{} is held by another process", path.display()))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The state file's path, its directory made (private to this user) when missing.
fn state_file() -> Result<PathBuf, String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt as _, MetadataExt as _};

        let dir = match std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from).filter(|p| p.is_absolute()) {
            Some(runtime) => runtime.join("tls-doctor"),
            None => {
                let user = std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_default();
                let user: String = user.chars().filter(char::is_ascii_alphanumeric).take(32).collect();
                std::env::temp_dir().join(format!("tls-doctor-{user}"))
            }
        };
        match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(format!("{}: {e}", dir.display())),
        }
        // In a shared temp directory another user could have made it first, or put a link
        // there. A real directory that only its owner may write, and in which this process can
        // then create its file, is this user's own (or this process is root).
        let meta = std::fs::symlink_metadata(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if !meta.is_dir() || meta.mode() & 0o022 != 0 {
            return Err(format!("{} is not a private directory", dir.display()));
        }
        let file = dir.join("checks");
        if std::fs::symlink_metadata(&file).is_ok_and(|m| !m.is_file()) {
            return Err(format!("{} is not a plain file", file.display()));
        }
        Ok(file)
    }
    #[cfg(not(unix))]
    {
        let base = std::env::var_os("LOCALAPPDATA")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .unwrap_or_else(std::env::temp_dir);
        let dir = base.join("TLS Doctor");
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(dir.join("checks"))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]

    use super::*;

    #[test]
    fn the_limit_counts_within_a_minute_and_says_how_long_to_wait() {
        let dir = std::env::temp_dir().join(format!("tls-doctor-rate-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("checks");
        let t = 1_800_000_000_000;
        assert!(take_turn_at(&path, 2, t).is_ok());
        assert!(take_turn_at(&path, 2, t + 10_000).is_ok());
        match take_turn_at(&path, 2, t + 20_000) {
            Err(Failure::Wait(ms)) => assert_eq!(ms, 40_000),
            _ => panic!("a third check within the minute"),
        }
        // The first leaves the window at t + 60 s.
        assert!(take_turn_at(&path, 2, t + 60_000).is_ok());
        let file = std::fs::read_to_string(&path).unwrap();
        assert_eq!(file.lines().count(), 2, "{file}");
        // Garbage in the file is dropped, not trusted.
        std::fs::write(&path, "x\n99999999999999999999\n\u{0}").unwrap();
        assert!(take_turn_at(&path, 1, t + 120_000).is_ok());
        assert!(matches!(take_turn_at(&path, 1, t + 120_001), Err(Failure::Wait(59_999))));
        assert!(matches!(take_turn_at(&path, 0, t + 120_002), Err(Failure::Wait(_))));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("tls-doctor-rate-unit-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("checks")
    }

    #[test]
    fn at_most_ten_thousand_checks_are_counted() {
        let path = scratch("tracked");
        let t = 1_800_000_000_000;
        let times = |n: u64| (0..n).map(|i| format!("{}\n", t + i)).collect::<String>();
        let big = MAX_TRACKED * 2;
        // A limit above MAX_TRACKED counts as MAX_TRACKED.
        std::fs::write(&path, times(u64::from(MAX_TRACKED))).unwrap();
        assert!(matches!(take_turn_at(&path, big, t + 30_000), Err(Failure::Wait(_))));
        std::fs::write(&path, times(u64::from(MAX_TRACKED) - 1)).unwrap();
        assert!(take_turn_at(&path, big, t + 30_000).is_ok());
        let kept = std::fs::read_to_string(&path).unwrap().lines().count();
        assert_eq!(kept, MAX_TRACKED as usize);
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }

    #[test]
    fn only_the_first_256_kib_of_the_count_are_read() {
        let path = scratch("read");
        let t = 1_800_000_000_000;
        // Past READ_LIMIT bytes of junk, a full minute of checks that are never read.
        let junk = "x\n".repeat(usize::try_from(READ_LIMIT).unwrap() / 2);
        let unseen: String = (0..100).map(|i| format!("{}\n", t + i)).collect();
        std::fs::write(&path, junk + &unseen).unwrap();
        assert!(take_turn_at(&path, 1, t + 1_000).is_ok());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), format!("{}\n", t + 1_000));
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }

    #[test]
    fn a_held_lock_is_waited_for_about_two_seconds_and_a_stale_one_broken() {
        let path = scratch("lock");
        let lock = path.with_extension("lock");
        let t = 1_800_000_000_000;
        std::fs::write(&lock, "").unwrap();
        let started = std::time::Instant::now();
        let held = take_turn_at(&path, 10, t);
        let waited = started.elapsed();
        assert!(matches!(&held, Err(Failure::State(why)) if why.ends_with("is held by another process")));
        assert!(waited >= LOCK_RETRY * LOCK_TRIES && waited < STALE_LOCK, "{waited:?}");
        // Left by a process that died holding it: broken at once.
        let file = std::fs::File::options().write(true).open(&lock).unwrap();
        file.set_modified(std::time::SystemTime::now() - STALE_LOCK * 2).unwrap();
        let started = std::time::Instant::now();
        assert!(take_turn_at(&path, 10, t).is_ok());
        assert!(started.elapsed() < Duration::from_secs(1));
        assert!(!lock.exists());
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }
}
