//! SMTP servers that get STARTTLS wrong in ways a real Postfix cannot be configured to: they
//! refuse it, hang up after agreeing, never stop a multi-line reply, or slip bytes in after
//! the `220` (the command-injection weakness of CVE-2011-0411). The real mail servers are in
//! `external::mail`.

use std::io;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::runtime::Handle;

use super::IDLE;

/// What the server does when asked to STARTTLS.
#[derive(Clone, Copy, Debug)]
pub enum Misstep {
    /// `454 4.7.0 TLS not available due to local problem`: Postfix's answer when it cannot
    /// read its key.
    Refuses,
    /// `220 ready`, then closes instead of shaking hands.
    HangsUp,
    /// `220 ready` with a stray line after it in the same write.
    Injects,
    /// Never finishes its EHLO reply: `250-` lines, forever.
    EndlessReply,
}

/// An SMTP server that advertises STARTTLS and then does `misstep`.
pub fn spawn_smtp(handle: &Handle, misstep: Misstep) -> io::Result<u16> {
    super::spawn_server(handle, move |stream| async move {
        let _ = tokio::time::timeout(IDLE, converse(stream, misstep)).await;
    })
}

async fn converse(stream: TcpStream, misstep: Misstep) -> io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 starttls.lab.test ESMTP\r\n").await?;
    while let Some(line) = lines.next_line().await? {
        let verb = line.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" => {
                if let Misstep::EndlessReply = misstep {
                    loop {
                        write.write_all(b"250-SIZE 10240000\r\n").await?;
                        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                    }
                }
                write.write_all(b"250-starttls.lab.test\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n").await?;
            }
            "STARTTLS" => match misstep {
                Misstep::Refuses => write.write_all(b"454 4.7.0 TLS not available due to local problem\r\n").await?,
                Misstep::HangsUp => {
                    write.write_all(b"220 2.0.0 Ready to start TLS\r\n").await?;
                    return Ok(());
                }
                Misstep::Injects => {
                    write.write_all(b"220 2.0.0 Ready to start TLS\r\n250 injected\r\n").await?;
                }
                Misstep::EndlessReply => {}
            },
            "QUIT" => {
                write.write_all(b"221 2.0.0 Bye\r\n").await?;
                return Ok(());
            }
            _ => write.write_all(b"502 5.5.2 Error: command not recognized\r\n").await?,
        }
    }
    Ok(())
}
