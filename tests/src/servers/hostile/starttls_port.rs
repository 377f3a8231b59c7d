//! Hostile plaintext dialogues before STARTTLS (SMTP, RFC 5321 / RFC 3207; IMAP, RFC 9051): a
//! greeting or an answer that never ends, a line that never ends, and a server that refuses
//! or cuts the upgrade. `servers::starttls` holds the missteps of otherwise honest servers.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::OwnedWriteHalf;
use tokio::runtime::Handle;

use crate::servers::{self, IDLE};

/// How often an endless server sends its next piece: fast enough to hit any count or size
/// limit of the client within its deadline, slow enough to leave the CPU to the others.
const PACE: Duration = Duration::from_millis(1);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StarttlsPort {
    /// SMTP: a multi-line greeting (`220-…`) whose last line never comes.
    EndlessBanner,
    /// SMTP: an EHLO answer (`250-…`) whose last line never comes.
    EndlessEhlo,
    /// IMAP: the answer to `CAPABILITY` is untagged lines, forever.
    EndlessCapability,
    /// SMTP: a greeting line that never ends (no CRLF, ever).
    EndlessLine,
    /// SMTP: advertises STARTTLS, then answers it `454`.
    SmtpRefused,
    /// SMTP: advertises STARTTLS, then closes the connection when asked, without a word.
    SmtpCut,
    /// IMAP: advertises STARTTLS, then closes the connection when asked, without a word.
    ImapCut,
}

impl StarttlsPort {
    /// The `--starttls` value that speaks to this server.
    pub fn protocol(self) -> &'static str {
        match self {
            Self::EndlessCapability | Self::ImapCut => "imap",
            _ => "smtp",
        }
    }
}

/// Starts a server that does `behaviour` on every connection; its port.
pub fn spawn(handle: &Handle, behaviour: StarttlsPort) -> io::Result<u16> {
    servers::spawn_server(handle, move |stream| async move {
        let _ = tokio::time::timeout(IDLE, converse(stream, behaviour)).await;
    })
}

async fn converse(stream: TcpStream, behaviour: StarttlsPort) -> io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    match behaviour {
        StarttlsPort::EndlessBanner => endless(&mut write, b"220-hostile.lab.test ESMTP, and more to say\r\n").await,
        StarttlsPort::EndlessLine => {
            write.write_all(b"220 hostile.lab.test ").await?;
            endless(&mut write, &[b'a'; 512]).await
        }
        StarttlsPort::EndlessCapability | StarttlsPort::ImapCut => {
            write.write_all(b"* OK hostile.lab.test IMAP4rev1 ready\r\n").await?;
            while let Some(line) = lines.next_line().await? {
                let mut words = line.split_ascii_whitespace();
                let tag = words.next().unwrap_or("*").to_owned();
                match words.next().map(str::to_ascii_uppercase).as_deref() {
                    Some("CAPABILITY") if behaviour == StarttlsPort::EndlessCapability => {
                        endless(&mut write, b"* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n").await?;
                    }
                    Some("CAPABILITY") => {
                        let answer = format!("* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n{tag} OK done\r\n");
                        write.write_all(answer.as_bytes()).await?;
                    }
                    Some("STARTTLS") => return Ok(()),
                    _ => write.write_all(format!("{tag} BAD what?\r\n").as_bytes()).await?,
                }
            }
            Ok(())
        }
        StarttlsPort::EndlessEhlo | StarttlsPort::SmtpRefused | StarttlsPort::SmtpCut => {
            write.write_all(b"220 hostile.lab.test ESMTP\r\n").await?;
            while let Some(line) = lines.next_line().await? {
                match line.split_whitespace().next().unwrap_or_default().to_ascii_uppercase().as_str() {
                    "EHLO" if behaviour == StarttlsPort::EndlessEhlo => {
                        endless(&mut write, b"250-SIZE 10240000\r\n").await?;
                    }
                    "EHLO" => write.write_all(b"250-hostile.lab.test\r\n250-STARTTLS\r\n250 8BITMIME\r\n").await?,
                    "STARTTLS" if behaviour == StarttlsPort::SmtpCut => return Ok(()),
                    "STARTTLS" => write.write_all(b"454 4.7.0 TLS not available due to local problem\r\n").await?,
                    "QUIT" => return write.write_all(b"221 2.0.0 Bye\r\n").await,
                    _ => write.write_all(b"502 5.5.2 Error: command not recognized\r\n").await?,
                }
            }
            Ok(())
        }
    }
}

/// Sends `piece` again and again until the client leaves.
async fn endless(write: &mut OwnedWriteHalf, piece: &[u8]) -> io::Result<()> {
    loop {
        write.write_all(piece).await?;
        tokio::time::sleep(PACE).await;
    }
}
