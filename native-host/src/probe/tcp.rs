//! TCP connect, telling refused, silent and unreachable apart.

use std::io::ErrorKind;
use std::net::{IpAddr, SocketAddr};
use std::time::Instant;

use tls_doctor_core::wire::{TcpAttempt, TcpOutcome};
use tokio::net::TcpStream;
use tokio::time::{Instant as Deadline, timeout_at};

/// Try the addresses in order until one connects. Each attempt gets an equal share of the time
/// left, so that one silent address does not use up the whole deadline.
pub async fn connect(addresses: &[IpAddr], port: u16, deadline: Deadline) -> (Vec<TcpAttempt>, Option<TcpStream>) {
    let mut attempts = Vec::new();
    for (i, &address) in addresses.iter().enumerate() {
        let left = addresses.len() - i;
        let now = Deadline::now();
        let share = deadline.saturating_duration_since(now) / u32::try_from(left).unwrap_or(1);
        let attempt_deadline = if left == 1 { deadline } else { now + share };
        let started = Instant::now();
        let outcome = match timeout_at(attempt_deadline, TcpStream::connect(SocketAddr::new(address, port))).await {
            Err(_) => Err(TcpOutcome::TimedOut),
            Ok(Err(e)) => Err(classify(&e)),
            Ok(Ok(stream)) => Ok(stream),
        };
        let elapsed_ms = super::millis(started.elapsed());
        match outcome {
            Ok(stream) => {
                let _ = stream.set_nodelay(true);
                attempts.push(TcpAttempt { address, outcome: TcpOutcome::Connected, elapsed_ms });
                return (attempts, Some(stream));
            }
            Err(outcome) => attempts.push(TcpAttempt { address, outcome, elapsed_ms }),
        }
        if Deadline::now() >= deadline {
            break;
        }
    }
    (attempts, None)
}

fn classify(e: &std::io::Error) -> TcpOutcome {
    match e.kind() {
        ErrorKind::ConnectionRefused => TcpOutcome::Refused,
        ErrorKind::TimedOut => TcpOutcome::TimedOut,
        ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable | ErrorKind::NetworkDown => {
            TcpOutcome::Unreachable { detail: e.to_string() }
        }
        _ => TcpOutcome::Failed { detail: e.to_string() },
    }
}
