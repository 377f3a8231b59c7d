//! A private temporary directory, removed when dropped: certificates, keys and configuration
//! files for `tls-doctor --ca-file`, nginx and `openssl s_server`.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug)]
pub(crate) struct ScratchDir {
    path: PathBuf,
}

impl ScratchDir {
    pub(crate) fn new(prefix: &str) -> io::Result<Self> {
        sweep_dead(prefix);
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        let mut last = None;
        // `create_dir` fails when the name is taken, so a leftover directory is never reused.
        for _ in 0..16 {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = std::env::temp_dir().join(format!("{prefix}-{}-{nanos:x}-{n}", std::process::id()));
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(Self { path }),
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("could not create a temporary directory")))
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `contents` to `name` in this directory and returns the file's path.
    pub(crate) fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> io::Result<PathBuf> {
        let path = self.path.join(name);
        std::fs::write(&path, contents)?;
        Ok(path)
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Removes directories left by lab processes that are gone. A lab kept in a `static` (as the
/// integration tests keep theirs) is never dropped, so its directory outlives it; the next lab
/// cleans up. Only where `/proc` tells which processes live (Linux).
fn sweep_dead(prefix: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| owner_pid(n, prefix)) else { continue };
        if !Path::new("/proc").join(pid.to_string()).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The PID in a name made by [`ScratchDir::new`]: `{prefix}-{pid}-{nanos}-{n}`.
fn owner_pid(name: &str, prefix: &str) -> Option<u32> {
    let rest = name.strip_prefix(prefix)?.strip_prefix('-')?;
    let mut parts = rest.split('-');
    let pid = parts.next()?.parse().ok()?;
    (parts.count() == 2).then_some(pid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_names_are_read_as_ours() {
        assert_eq!(owner_pid("tls-doctor-lab-123-5f3a-0", "tls-doctor-lab"), Some(123));
        assert_eq!(owner_pid("tls-doctor-lab-nginx-123-5f3a-0", "tls-doctor-lab"), None);
        assert_eq!(owner_pid("tls-doctor-lab-nginx-123-5f3a-0", "tls-doctor-lab-nginx"), Some(123));
        assert_eq!(owner_pid("tls-doctor-lab-123", "tls-doctor-lab"), None);
        assert_eq!(owner_pid("other-123-5f3a-0", "tls-doctor-lab"), None);
    }

    #[test]
    fn a_scratch_dir_goes_when_dropped() {
        let dir = ScratchDir::new("tls-doctor-lab-selftest").unwrap();
        let file = dir.write("a.txt", "a").unwrap();
        assert!(file.is_file());
        let path = dir.path().to_owned();
        drop(dir);
        assert!(!path.exists());
    }
}
