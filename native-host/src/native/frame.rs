//! Frames of the browser's native-messaging protocol: a 32-bit length in native byte order,
//! then that many bytes of UTF-8 JSON (developer.chrome.com/docs/extensions/develop/concepts/native-messaging,
//! "Native messaging protocol"; Firefox uses the same framing). The `native_messaging` crate
//! reads and writes them; this module decides what a frame that breaks the rules means for the
//! conversation.

use std::io::{self, Read};

use native_messaging::host::{self, NmError};
use tls_doctor_core::wire::native::{REPLY_LIMIT, REQUEST_LIMIT};

/// Beyond this declared length the stream is not trusted: Chrome never sends a host more than
/// 64 MiB ("The maximum size of a message sent to the native host is 64 MiB", Chrome's
/// native-messaging page), so a larger length means the stream is not framed as we think, and
/// discarding gigabytes to stay in sync would be pointless.
pub const ABSURD_LENGTH: usize = host::MAX_FROM_BROWSER;

// The crate refuses replies above its own cap; ours is the contract's. They are the same 1 MB.
const _: () = assert!(REPLY_LIMIT == host::MAX_TO_BROWSER);

/// What one read from the browser gave.
#[derive(Debug)]
pub enum Incoming {
    /// A whole frame of UTF-8 text (not yet known to be JSON).
    Text(String),
    /// A whole frame, read and dropped, whose bytes are not UTF-8.
    NotUtf8,
    /// A frame longer than [`REQUEST_LIMIT`]. Its body is still in the stream: [`discard`] it to
    /// stay in step with the frames after it.
    TooLarge { len: usize },
    /// A declared length above [`ABSURD_LENGTH`].
    Absurd { len: usize },
    /// The input ended between frames: the browser closed the port.
    End,
    /// The input ended inside a frame, or could not be read.
    Broken,
}

/// Reads the next frame.
pub fn read(reader: &mut impl Read) -> Incoming {
    loop {
        return match host::decode_message_opt(reader, REQUEST_LIMIT) {
            Ok(Some(text)) => Incoming::Text(text),
            Ok(None) => Incoming::End,
            Err(NmError::IncomingNotUtf8(_)) => Incoming::NotUtf8,
            Err(NmError::IncomingTooLarge { len, .. }) if len > ABSURD_LENGTH => Incoming::Absurd { len },
            Err(NmError::IncomingTooLarge { len, .. }) => Incoming::TooLarge { len },
            // A signal before the first byte of a frame was read: nothing was consumed, so
            // reading again is safe (later reads go through `read_exact`, which retries itself).
            Err(NmError::Io(e)) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => Incoming::Broken,
        };
    }
}

/// Reads and drops `len` bytes in small chunks (`io::copy` uses a fixed buffer), so that a
/// large frame never sits in memory. Fails when the input ends first.
pub fn discard(reader: &mut impl Read, len: usize) -> io::Result<()> {
    let want = u64::try_from(len).unwrap_or(u64::MAX);
    let got = io::copy(&mut reader.take(want), &mut io::sink())?;
    if got < want {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(())
}

/// The frame for a reply; `None` when it cannot be serialized or exceeds [`REPLY_LIMIT`] (shrink
/// evidence first: see `super::shrink`).
pub fn encode<T: serde::Serialize>(reply: &T) -> Option<Vec<u8>> {
    host::encode_message(reply).ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]

    use super::*;

    fn framed(body: &[u8]) -> Vec<u8> {
        let mut out = u32::try_from(body.len()).unwrap().to_ne_bytes().to_vec();
        out.extend_from_slice(body);
        out
    }

    #[test]
    fn reads_frames_in_order_and_ends_cleanly() {
        let mut input = framed(b"{\"a\":1}");
        input.extend(framed(b"[]"));
        let mut r = input.as_slice();
        assert!(matches!(read(&mut r), Incoming::Text(t) if t == "{\"a\":1}"));
        assert!(matches!(read(&mut r), Incoming::Text(t) if t == "[]"));
        assert!(matches!(read(&mut r), Incoming::End));
    }

    #[test]
    fn a_large_frame_is_reported_then_skipped_without_losing_the_next() {
        let big = vec![b'x'; REQUEST_LIMIT + 1];
        let mut input = framed(&big);
        input.extend(framed(b"{}"));
        let mut r = input.as_slice();
        let Incoming::TooLarge { len } = read(&mut r) else { panic!("not too large") };
        assert_eq!(len, REQUEST_LIMIT + 1);
        discard(&mut r, len).unwrap();
        assert!(matches!(read(&mut r), Incoming::Text(t) if t == "{}"));
    }

    #[test]
    fn broken_input_is_told_apart_from_the_end() {
        let mut r: &[u8] = &[1, 0];
        assert!(matches!(read(&mut r), Incoming::Broken));
        let mut r: &[u8] = &[10, 0, 0, 0, b'{'];
        assert!(matches!(read(&mut r), Incoming::Broken));
        let mut r: &[u8] = &[10, 0, 0, 0];
        assert!(discard(&mut r, 10).is_err());
        let absurd = u32::try_from(ABSURD_LENGTH + 1).unwrap().to_ne_bytes();
        assert!(matches!(read(&mut absurd.as_slice()), Incoming::Absurd { .. }));
        let not_utf8 = framed(&[0xff, 0xfe]);
        assert!(matches!(read(&mut not_utf8.as_slice()), Incoming::NotUtf8));
    }

    #[test]
    fn encode_refuses_what_the_browser_would_refuse() {
        assert_eq!(encode(&"ab").unwrap(), framed(b"\"ab\""));
        let fits = "x".repeat(REPLY_LIMIT - 2);
        assert_eq!(encode(&fits).unwrap().len(), 4 + REPLY_LIMIT);
        assert!(encode(&"x".repeat(REPLY_LIMIT - 1)).is_none());
    }
}
