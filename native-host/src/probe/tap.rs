//! A stream that shows every byte it reads to a [`Keep`] as it arrives, so that a probe keeps
//! what it needs of a server's answer (its first bytes, the TLS records it walked) while rustls
//! or the HTTP client reads it. Writes pass through.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// What a [`Tap`] does with the bytes it read.
pub trait Keep {
    fn keep(&self, fresh: &[u8]);
}

#[derive(Debug)]
pub struct Tap<S, K> {
    inner: S,
    keep: K,
}

impl<S, K> Tap<S, K> {
    pub fn new(inner: S, keep: K) -> Self {
        Self { inner, keep }
    }
}

impl<S: AsyncRead + Unpin, K: Keep + Unpin> AsyncRead for Tap<S, K> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let poll = Pin::new(&mut self.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = &poll {
            self.keep.keep(&buf.filled()[before..]);
        }
        poll
    }
}

impl<S: AsyncWrite + Unpin, K: Unpin> AsyncWrite for Tap<S, K> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
