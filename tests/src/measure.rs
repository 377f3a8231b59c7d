//! Watching a child process for the hostile tests: how it ended (an exit code, or a signal),
//! when, and its peak resident memory.
//!
//! The peak is the kernel's own high-water mark, `VmHWM` in `/proc/PID/status` (Linux): it
//! only grows, so a sampler that reads it every few milliseconds while the process lives sees
//! every peak but one reached in its last few milliseconds, and nothing of a process that lives
//! less than one interval. The exact figure for one child, `ru_maxrss` from `wait4`, needs a
//! libc call this workspace's `unsafe_code = "forbid"` rules out; `getrusage(RUSAGE_CHILDREN)`
//! (nix's safe wrapper) gives the largest `ru_maxrss` of every child reaped so far, exactly,
//! however short-lived: [`Watched::children_peak_kib`]. A bound that holds for it holds for
//! every child, so the tests assert the bound on it and report the sampled figure per case.
//! An `exec` (the
//! `unshare … sh -c 'exec tls-doctor …'` of the system-resolver cases) starts a new count, so
//! the maximum over the samples is the largest of the programs the process ran. Only samples
//! whose `Name` is the program being measured count: between `fork` (or `vfork`) and `exec`
//! the child is still a copy of the test process, with the test process's memory.

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::LabError;

/// How often the sampler looks.
const SAMPLE_EVERY: Duration = Duration::from_millis(5);

/// How a watched process ended.
#[derive(Debug)]
pub struct Watched {
    /// `None` when the watcher killed it (it outlived its limit).
    pub status: Option<ExitStatus>,
    /// When the watcher saw it gone.
    pub ended_at: Instant,
    /// The highest `VmHWM` seen, in KiB; 0 where `/proc` does not say.
    pub peak_rss_kib: u64,
    /// The CPU time (user and system) it had used at the last sample.
    pub cpu: Duration,
    /// The largest peak RSS, in KiB, of any child of this process reaped so far (this one
    /// included): `getrusage(RUSAGE_CHILDREN).ru_maxrss`, read right after reaping. 0 where
    /// the system does not say.
    pub children_peak_kib: u64,
}

impl Watched {
    /// The exit code; `None` after a signal (or the watcher's kill).
    pub fn code(&self) -> Option<i32> {
        self.status.and_then(|s| s.code())
    }

    /// The signal that ended it, if one did.
    pub fn signal(&self) -> Option<i32> {
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            self.status.and_then(|s| s.signal())
        }
        #[cfg(not(unix))]
        None
    }
}

/// A thread that owns a child, samples its memory and reaps it.
#[derive(Debug)]
pub struct Watcher {
    thread: JoinHandle<Watched>,
    pid: u32,
}

impl Watcher {
    /// Watches `child` (take its pipes first) until it exits, killing it once `limit` has
    /// passed. Its memory counts while it runs `program` (a file name: `tls-doctor`).
    pub fn start(mut child: Child, program: &str, limit: Duration) -> Self {
        let pid = child.id();
        let started = Instant::now();
        // The kernel keeps the first 15 bytes of a program's name.
        let name: String = program.chars().take(15).collect();
        let thread = std::thread::spawn(move || {
            let (mut peak, mut cpu) = (0, Duration::ZERO);
            loop {
                if let Some(sample) = sample(pid, &name) {
                    peak = peak.max(sample.hwm_kib);
                    cpu = cpu.max(sample.cpu);
                }
                let status = match child.try_wait() {
                    Ok(Some(status)) => Some(status),
                    Ok(None) if started.elapsed() <= limit => {
                        std::thread::sleep(SAMPLE_EVERY);
                        continue;
                    }
                    // Outlived its limit, or cannot be waited for: stop it.
                    _ => {
                        let _ = child.kill();
                        let _ = child.wait();
                        None
                    }
                };
                let ended_at = Instant::now();
                return Watched { status, ended_at, peak_rss_kib: peak, cpu, children_peak_kib: children_peak_kib() };
            }
        });
        Self { thread, pid }
    }

    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Waits for the child's end.
    pub fn wait(self) -> Result<Watched, LabError> {
        self.thread.join().map_err(|_| LabError::new("the watcher thread failed"))
    }
}

/// `ru_maxrss` of `RUSAGE_CHILDREN`: on Linux in KiB.
fn children_peak_kib() -> u64 {
    #[cfg(unix)]
    {
        use nix::sys::resource::{UsageWho, getrusage};
        getrusage(UsageWho::RUSAGE_CHILDREN).map_or(0, |u| u64::try_from(u.max_rss()).unwrap_or(0))
    }
    #[cfg(not(unix))]
    0
}

/// What one look at a process shows.
struct Sample {
    hwm_kib: u64,
    cpu: Duration,
}

/// `VmHWM` and the CPU time of a live process running the program `name`.
fn sample(pid: u32, name: &str) -> Option<Sample> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let running = status.lines().find_map(|l| l.strip_prefix("Name:")).map(str::trim);
    if running != Some(name) {
        return None;
    }
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let hwm_kib = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(Sample { hwm_kib, cpu: cpu_time(pid).unwrap_or_default() })
}

/// `utime + stime` of `/proc/PID/stat` (fields 14 and 15, after the parenthesised name, which
/// may hold spaces), in clock ticks of 1/100 s: Linux reports these in USER_HZ, 100 on every
/// architecture it runs on.
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = stat.get(stat.rfind(')')? + 1..)?;
    let mut fields = after_name.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 10))
}

/// One run of a command, watched.
#[derive(Debug)]
pub struct Run {
    /// The command line, for messages.
    pub command: String,
    pub watched: Watched,
    pub stdout: String,
    pub stderr: String,
    /// From the start to the end the watcher saw.
    pub elapsed: Duration,
}

/// Runs `command` with no standard input, watched (the memory of `program`, which it runs or
/// `exec`s); killed after `limit`.
pub fn run(mut command: Command, program: &str, limit: Duration) -> Result<Run, LabError> {
    let shown = format!("{command:?}");
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| LabError::new(format!("could not run {shown}: {e}")))?;
    let stdout = child.stdout.take().map(read_on_thread);
    let stderr = child.stderr.take().map(read_on_thread);
    let watched = Watcher::start(child, program, limit).wait()?;
    let collect = |h: Option<JoinHandle<Vec<u8>>>| {
        h.and_then(|h| h.join().ok()).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
    };
    let elapsed = watched.ended_at.duration_since(started);
    Ok(Run { command: shown, watched, stdout: collect(stdout), stderr: collect(stderr), elapsed })
}

/// Reads a pipe to its end on a thread of its own (a large report fills a pipe long before
/// the process ends).
pub fn read_on_thread<R: Read + Send + 'static>(mut pipe: R) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

/// At most `limit` things at once across the threads of one test process: the hostile
/// cases run side by side (most of their time is waiting), but not so many that two CPU cores
/// make a healthy run miss its deadline.
#[derive(Debug)]
pub struct Slots {
    free: std::sync::Mutex<usize>,
    freed: std::sync::Condvar,
}

impl Slots {
    pub const fn new(limit: usize) -> Self {
        Self { free: std::sync::Mutex::new(limit), freed: std::sync::Condvar::new() }
    }

    /// Waits for a slot; it is given back when the guard drops.
    pub fn take(&self) -> Slot<'_> {
        let mut free = self.free.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        while *free == 0 {
            free = self.freed.wait(free).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        *free -= 1;
        Slot { slots: self }
    }
}

#[derive(Debug)]
pub struct Slot<'a> {
    slots: &'a Slots,
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut free = self.slots.free.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *free += 1;
        self.slots.freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Command {
        let mut c = Command::new("sh");
        c.args(["-c", script]);
        c
    }

    #[test]
    fn a_process_is_watched_to_its_end_with_its_memory() {
        let first = run(sh("echo hi; exit 3"), "sh", Duration::from_secs(10)).unwrap();
        assert_eq!(first.watched.code(), Some(3));
        assert_eq!(first.stdout, "hi\n");
        // The very first sample may come before the shell has mapped anything; a shell that
        // lives a little longer is always seen.
        let run = run(sh("sleep 0.1"), "sh", Duration::from_secs(10)).unwrap();
        assert!(run.watched.peak_rss_kib > 100, "{}", run.watched.peak_rss_kib);
    }

    #[test]
    fn cpu_time_is_counted() {
        let run = run(sh("i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"), "sh", Duration::from_secs(30)).unwrap();
        assert!(run.watched.cpu >= Duration::from_millis(50), "{:?} in {:?}", run.watched.cpu, run.elapsed);
        assert!(
            run.watched.cpu <= run.elapsed + Duration::from_millis(50),
            "{:?} in {:?}",
            run.watched.cpu,
            run.elapsed
        );
    }

    #[test]
    fn a_process_past_its_limit_is_killed() {
        let run = run(sh("exec sleep 30"), "sleep", Duration::from_millis(200)).unwrap();
        assert!(run.watched.status.is_none());
        assert!(run.elapsed < Duration::from_secs(5));
    }

    #[test]
    fn only_the_program_measured_counts() {
        // `exec` turns the shell into `sleep`: a small program, whatever the shell held.
        let script = "x=$(head -c 40000000 /dev/zero | tr '\\0' a); exec sleep 0.2";
        let run = run(sh(script), "sleep", Duration::from_secs(20)).unwrap();
        assert!((1..10_000).contains(&run.watched.peak_rss_kib), "{}", run.watched.peak_rss_kib);
    }

    #[test]
    fn memory_grows_where_it_is_used() {
        // `head -c` into a shell variable holds the bytes in the shell's memory.
        let script = "x=$(head -c 40000000 /dev/zero | tr '\\0' a); sleep 0.1";
        let run = run(sh(script), "sh", Duration::from_secs(20)).unwrap();
        assert!(run.watched.peak_rss_kib > 30_000, "{}", run.watched.peak_rss_kib);
    }
}
