//! The lab's own servers, each on a fresh 127.0.0.1 port on the lab's runtime. A server runs
//! until the runtime is dropped; every connection is handled on its own task.

pub mod aia;
pub mod autoconfig;
pub mod dns;
pub mod hostile;
mod http;
pub mod intercept;
pub mod plaintext;
pub mod portal;
pub mod sntp;
pub mod starttls;
pub mod tls;

use std::future::Future;
use std::io;
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::Handle;

/// How long a connection may stay quiet before the server gives up on it. Longer than any
/// `--timeout` a case uses, so the client always gives up first.
const IDLE: Duration = Duration::from_secs(30);

/// A listener on 127.0.0.1 with a port the system chose.
pub(crate) fn bind(handle: &Handle) -> io::Result<(TcpListener, u16)> {
    let std_listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
    std_listener.set_nonblocking(true)?;
    let port = std_listener.local_addr()?.port();
    // Registering with tokio's reactor needs its context.
    let _entered = handle.enter();
    Ok((TcpListener::from_std(std_listener)?, port))
}

/// Binds a port, and answers every connection to it with `handler` until the runtime stops.
pub(crate) fn spawn_server<H, F>(handle: &Handle, handler: H) -> io::Result<u16>
where
    H: Fn(TcpStream) -> F + Send + 'static,
    F: Future<Output = ()> + Send + 'static,
{
    let (listener, port) = bind(handle)?;
    serve(handle, listener, handler);
    Ok(port)
}

/// Answers every connection to `listener` with `handler` until the runtime stops.
pub(crate) fn serve<H, F>(handle: &Handle, listener: TcpListener, handler: H)
where
    H: Fn(TcpStream) -> F + Send + 'static,
    F: Future<Output = ()> + Send + 'static,
{
    handle.spawn(async move {
        loop {
            match listener.accept().await {
                Ok((stream, _)) => {
                    tokio::spawn(handler(stream));
                }
                // Out of file descriptors, or a connection aborted before it was accepted:
                // the listener itself is fine, so wait a moment and go on.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
    });
}

/// A port with nothing listening on it: bound to learn a free number, then released, so that
/// a connection is refused with a reset.
pub fn closed_port() -> io::Result<u16> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
    listener.local_addr().map(|a| a.port())
}
