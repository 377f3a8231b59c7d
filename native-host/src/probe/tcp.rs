//! TCP connect, telling refused, silent and unreachable apart.

use std::io::ErrorKind;
use std::net::IpAddr;
use std::time::Instant;

use tls_doctor_core::wire::{TcpAttempt, TcpOutcome};
use tokio::net::TcpStream;
use tokio::time::Instant as Deadline;

use crate::net::Way;
use crate::net::gate::{Blocked, refusal_text};

/// Try the addresses in order until one connects, on `way`'s port and under its policy. Each
/// attempt gets an equal share of the time left, so that one silent address does not use up
/// the whole deadline.
///
/// A server that accepts and resets at once may do so before the connect call has seen the
/// connection complete; the call then fails with "connection reset". That attempt is recorded
/// as `Connected` (the server did accept) and no stream is returned: the caller reports the
/// reset as it would one that came during the handshake.
pub async fn connect(way: &Way, addresses: &[IpAddr], deadline: Deadline) -> (Vec<TcpAttempt>, Option<TcpStream>) {
    let mut attempts = Vec::new();
    for (i, &address) in addresses.iter().enumerate() {
        let left = addresses.len() - i;
        let now = Deadline::now();
        let share = deadline.saturating_duration_since(now) / u32::try_from(left).unwrap_or(1);
        let attempt_deadline = if left == 1 { deadline } else { now + share };
        let started = Instant::now();
        let mut reset = false;
        let outcome = match way.tcp(address, attempt_deadline).await {
            Err(Blocked::TimedOut) => Err(TcpOutcome::TimedOut),
            Err(Blocked::Io(e)) if matches!(e.kind(), ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted) => {
                reset = true;
                Err(TcpOutcome::Failed { detail: e.to_string() })
            }
            Err(Blocked::Io(e)) => Err(classify(&e)),
            Err(Blocked::Refused(r)) => Err(TcpOutcome::Failed { detail: refusal_text(&r) }),
            Ok(stream) => Ok(stream),
        };
        let elapsed_ms = super::millis(started.elapsed());
        match outcome {
            Ok(stream) => {
                attempts.push(TcpAttempt { address, outcome: TcpOutcome::Connected, elapsed_ms });
                return (attempts, Some(stream));
            }
            Err(TcpOutcome::Failed { .. }) if reset => {
                attempts.push(TcpAttempt { address, outcome: TcpOutcome::Connected, elapsed_ms });
                return (attempts, None);
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
