//! Speaking native messaging to the real `tls-doctor` from tests, as a browser does: a 32-bit
//! length in native byte order, then that many bytes of JSON, both ways. Shared by the tests of
//! the host's loop (`tests/native_messaging.rs`) and of a hostile caller
//! (`tests/native_hostile.rs`).

use std::io::Read;
use std::sync::mpsc;
use std::thread;

use serde_json::{Value, json};

/// The origin Chrome passes as the host's first argument (the development id).
pub const CHROME_ORIGIN: &str = "chrome-extension://meadljheakdpnddalampfeoggjanlhca/";

/// One frame: the length, then `body`. A body over `u32::MAX` bytes is written with the
/// length `u32::MAX`, which the host refuses as any absurd length.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = u32::try_from(body.len()).unwrap_or(u32::MAX).to_ne_bytes().to_vec();
    out.extend_from_slice(body);
    out
}

/// `message` as JSON text in one frame.
pub fn framed(message: &Value) -> Vec<u8> {
    frame(message.to_string().as_bytes())
}

/// A `hello` request.
pub fn hello(id: &str) -> Value {
    json!({"v": 1, "type": "hello", "id": id})
}

/// The frames the host writes to `stdout`, read on a thread so that a test can wait with a
/// deadline. The channel closes when stdout ends cleanly between frames; a stream that ends
/// inside a length or a body, or fails, sends one `Err` saying so first.
pub fn read_frames(mut stdout: impl Read + Send + 'static) -> mpsc::Receiver<Result<Vec<u8>, String>> {
    let (tx, frames) = mpsc::channel();
    thread::spawn(move || {
        loop {
            let mut len = [0u8; 4];
            let mut got = 0;
            while got < len.len() {
                match stdout.read(&mut len[got..]) {
                    Ok(0) if got == 0 => return, // a clean end: nothing stray on stdout
                    Ok(0) => return drop(tx.send(Err(format!("stdout ended after {got} bytes of a length")))),
                    Ok(n) => got += n,
                    Err(e) => return drop(tx.send(Err(e.to_string()))),
                }
            }
            let mut body = vec![0u8; u32::from_ne_bytes(len) as usize];
            if let Err(e) = stdout.read_exact(&mut body) {
                return drop(tx.send(Err(format!("truncated frame: {e}"))));
            }
            if tx.send(Ok(body)).is_err() {
                return;
            }
        }
    });
    frames
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_read_back_as_written_and_a_cut_one_is_named() {
        let mut bytes = framed(&hello("a"));
        bytes.extend(frame(b"{}"));
        bytes.extend_from_slice(&[9, 0]); // half a length
        let frames = read_frames(std::io::Cursor::new(bytes));
        let first: Value = serde_json::from_slice(&frames.recv().unwrap_or(Err(String::new())).unwrap_or_default())
            .unwrap_or_default();
        assert_eq!(first, hello("a"));
        assert_eq!(frames.recv().ok(), Some(Ok(b"{}".to_vec())));
        assert_eq!(frames.recv().ok(), Some(Err("stdout ended after 2 bytes of a length".to_owned())));
        assert!(frames.recv().is_err(), "the channel closes after the error");
    }

    #[test]
    fn a_clean_end_closes_the_channel_without_an_error() {
        let frames = read_frames(std::io::Cursor::new(frame(b"x")));
        assert_eq!(frames.recv().ok(), Some(Ok(b"x".to_vec())));
        assert!(frames.recv().is_err());
    }
}
