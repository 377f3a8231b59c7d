//! Starting a server program and waiting until it serves.

use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::LabError;

/// How long a server may take to start listening. nginx and openssl need milliseconds; the
/// margin is for a loaded CI machine.
const START_LIMIT: Duration = Duration::from_secs(15);

/// The full path of `program`: from `PATH`, then the system directories, which a non-root
/// `PATH` often lacks (nginx lives in `/usr/sbin`).
pub(crate) fn find_program(program: &str) -> Result<PathBuf, LabError> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let system = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"].map(PathBuf::from);
    std::env::split_paths(&path)
        .chain(system)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| super::not_installed(program))
}

/// `sh -c WATCHDOG name program args…`: runs the program in the background with its standard
/// input from /dev/null, and stops it (by its PID) as soon as the watchdog's own standard input
/// closes; ends, with the program's exit status, when the program ends. The test process holds
/// the other end of that pipe, so the server stops when [`stop`] closes it, and also when the
/// test process ends without dropping the server: a lab kept in a `static` is never dropped,
/// and a test binary that is killed drops nothing.
const WATCHDOG: &str = r#"exec 3<&0 </dev/null
"$@" 3<&- & server=$!
(read -r _ <&3; kill "$server" 2>/dev/null) & watcher=$!
exec 3<&-
wait "$server"; status=$?
kill "$watcher" 2>/dev/null
exit "$status""#;

/// How long a stopping server gets before it is killed.
const STOP_LIMIT: Duration = Duration::from_secs(3);

/// A command that runs `program` under the [`WATCHDOG`]; add its arguments, standard output
/// and error, but not its standard input, which is the watchdog's. The child's PID is the
/// watchdog's.
pub(crate) fn watched(program: &Path) -> Result<Command, LabError> {
    let name = program.file_name().map_or_else(|| "server".into(), |n| n.to_string_lossy().into_owned());
    let mut command = Command::new(find_program("sh")?);
    command.args(["-c", WATCHDOG]).arg(format!("tls-doctor-lab-{name}")).arg(program).stdin(Stdio::piped());
    Ok(command)
}

/// Stops a [`watched`] server: closes the watchdog's input, which stops the program and then
/// the watchdog; kills the watchdog if that takes longer than [`STOP_LIMIT`]. Returns once the
/// watchdog has been reaped.
pub(crate) fn stop(child: &mut Child) {
    drop(child.stdin.take());
    let started = Instant::now();
    while started.elapsed() < STOP_LIMIT {
        if !matches!(child.try_wait(), Ok(None)) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Free port numbers, chosen by binding port 0 and letting go. All are held at once so they
/// differ; another program may still take one before the server binds it, so callers retry.
pub(crate) fn free_ports(count: usize) -> std::io::Result<Vec<u16>> {
    let listeners = (0..count).map(|_| std::net::TcpListener::bind(("127.0.0.1", 0))).collect::<Result<Vec<_>, _>>()?;
    listeners.iter().map(|l| l.local_addr().map(|a| a.port())).collect()
}

/// Why a server did not come up.
#[derive(Debug)]
pub(crate) enum StartFailure {
    /// The process ended; its log (or what it printed) says why.
    Exited(String),
    TimedOut,
}

impl StartFailure {
    pub(crate) fn into_error(self, program: &str) -> LabError {
        match self {
            StartFailure::Exited(log) => LabError::new(format!("{program} exited at start: {}", log.trim())),
            StartFailure::TimedOut => {
                LabError::new(format!("{program} did not accept connections within {}s", START_LIMIT.as_secs()))
            }
        }
    }
}

/// Waits until every port accepts a TCP connection, or the process ends, or time runs out.
/// `logs` are read when the process ends early, to say why.
pub(crate) fn wait_until_accepting(child: &mut Child, ports: &[u16], logs: &[&Path]) -> Result<(), StartFailure> {
    wait_until(child, ports.to_vec(), logs, |waiting| {
        waiting.retain(|&port| {
            let address = SocketAddr::from(([127, 0, 0, 1], port));
            TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err()
        });
    })
}

/// Waits until `still_waiting` (given what is not ready yet, each round) has removed every
/// item, or the process ends, or [`START_LIMIT`] passes. `logs` say why when the process ends
/// early.
pub(crate) fn wait_until<T>(
    child: &mut Child,
    mut waiting: Vec<T>,
    logs: &[&Path],
    mut still_waiting: impl FnMut(&mut Vec<T>),
) -> Result<(), StartFailure> {
    let deadline = Instant::now() + START_LIMIT;
    while !waiting.is_empty() {
        if let Some(exited) = exited(child, logs) {
            return Err(exited);
        }
        if Instant::now() > deadline {
            return Err(StartFailure::TimedOut);
        }
        still_waiting(&mut waiting);
        if !waiting.is_empty() {
            std::thread::sleep(Duration::from_millis(25));
        }
    }
    // Someone else may have taken a port first: then the connections reached them, and our
    // server has died of it.
    std::thread::sleep(Duration::from_millis(50));
    exited(child, logs).map_or(Ok(()), Err)
}

fn exited(child: &mut Child, logs: &[&Path]) -> Option<StartFailure> {
    let status = child.try_wait().ok()??;
    let text: String = logs.iter().filter_map(|log| std::fs::read_to_string(log).ok()).collect();
    Some(StartFailure::Exited(format!("{status}; {text}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_says_how_to_get_it() {
        let e = find_program("tls-doctor-lab-no-such-program").unwrap_err();
        assert_eq!(e.to_string(), "tls-doctor-lab-no-such-program is not installed; `cargo xtask test` installs it");
    }

    #[test]
    fn free_ports_differ() {
        let ports = free_ports(3).unwrap();
        assert!(ports[0] != ports[1] && ports[1] != ports[2] && ports[0] != ports[2], "{ports:?}");
    }
}
