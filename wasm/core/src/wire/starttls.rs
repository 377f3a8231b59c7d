//! The plaintext dialogue that upgrades a connection to TLS (SMTP `STARTTLS`, POP3 `STLS`, FTP
//! `AUTH TLS`, PostgreSQL `SSLRequest`…), as the host saw it on one connection.

use serde::{Deserialize, Serialize};

use super::tagged::{flattening, tagged};

/// An application protocol that starts in plaintext and upgrades to TLS on request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StarttlsProtocol {
    /// SMTP (RFC 3207): ports 25 (relay) and 587 (submission).
    Smtp,
    /// IMAP (RFC 9051 §6.2.1): port 143.
    Imap,
    /// POP3 `STLS` (RFC 2595 §4): port 110.
    Pop3,
    /// FTP `AUTH TLS` (RFC 4217): port 21.
    Ftp,
    /// XMPP client-to-server (RFC 6120 §5): port 5222.
    XmppClient,
    /// XMPP server-to-server (RFC 6120 §5): port 5269.
    XmppServer,
    /// LDAP StartTLS extended operation (RFC 4511 §4.14): port 389.
    Ldap,
    /// PostgreSQL `SSLRequest`: port 5432.
    Postgres,
    /// MySQL / MariaDB `SSLRequest` packet: port 3306.
    Mysql,
    /// NNTP (RFC 4642): port 119.
    Nntp,
    /// ManageSieve (RFC 5804 §2.2): port 4190.
    Sieve,
}

impl StarttlsProtocol {
    pub const ALL: [StarttlsProtocol; 11] = [
        Self::Smtp,
        Self::Imap,
        Self::Pop3,
        Self::Ftp,
        Self::XmppClient,
        Self::XmppServer,
        Self::Ldap,
        Self::Postgres,
        Self::Mysql,
        Self::Nntp,
        Self::Sieve,
    ];

    /// The name on the command line and the wire: `smtp`, `xmpp_client`…
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Smtp => "smtp",
            Self::Imap => "imap",
            Self::Pop3 => "pop3",
            Self::Ftp => "ftp",
            Self::XmppClient => "xmpp_client",
            Self::XmppServer => "xmpp_server",
            Self::Ldap => "ldap",
            Self::Postgres => "postgres",
            Self::Mysql => "mysql",
            Self::Nntp => "nntp",
            Self::Sieve => "sieve",
        }
    }

    /// A command-line name: the wire name, or a usual alias (`xmpp`, `postgresql`, `pop`,
    /// `managesieve`, `submission`). Case is ignored.
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.to_ascii_lowercase().replace('-', "_");
        let alias = match name.as_str() {
            "xmpp" | "jabber" => Some(Self::XmppClient),
            "postgresql" | "pgsql" => Some(Self::Postgres),
            "mariadb" => Some(Self::Mysql),
            "pop" => Some(Self::Pop3),
            "managesieve" => Some(Self::Sieve),
            "submission" => Some(Self::Smtp),
            _ => None,
        };
        alias.or_else(|| Self::ALL.into_iter().find(|p| p.as_str() == name))
    }

    /// The client speaks first (XMPP's stream header, LDAP's and PostgreSQL's requests): no
    /// greeting is to be waited for.
    pub fn client_speaks_first(self) -> bool {
        matches!(self, Self::XmppClient | Self::XmppServer | Self::Ldap | Self::Postgres)
    }

    /// Mail: sending, receiving, or the mail filters (a mail app's settings).
    pub fn is_mail(self) -> bool {
        matches!(self, Self::Smtp | Self::Imap | Self::Pop3 | Self::Sieve)
    }

    /// The protocol a port upgrades with, for the IANA ports whose service starts in
    /// plaintext. Implicit-TLS ports (465, 993, 995…) are not here: they speak TLS at once.
    pub fn by_port(port: u16) -> Option<Self> {
        Some(match port {
            25 | 587 | 2525 => Self::Smtp,
            143 => Self::Imap,
            110 => Self::Pop3,
            21 => Self::Ftp,
            5222 => Self::XmppClient,
            5269 => Self::XmppServer,
            389 => Self::Ldap,
            5432 => Self::Postgres,
            3306 => Self::Mysql,
            119 => Self::Nntp,
            4190 => Self::Sieve,
            _ => return None,
        })
    }
}

/// The plaintext dialogue before TLS on one connection, and how it ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Starttls {
    pub protocol: StarttlsProtocol,
    /// The server's greeting (its first line, printable ASCII, at most
    /// [`STARTTLS_LINE_LIMIT`] characters); `None` when it sent none, or the protocol has none
    /// (the client speaks first: LDAP, PostgreSQL).
    #[serde(default)]
    pub greeting: Option<String>,
    /// Whether the server listed the upgrade among its capabilities: EHLO `STARTTLS`, IMAP
    /// `STARTTLS`, POP3 `STLS`, FTP `FEAT` `AUTH TLS`, XMPP `<starttls/>`, NNTP and Sieve
    /// `STARTTLS`, MySQL's `CLIENT_SSL` flag. `None` when the protocol has no such list (LDAP,
    /// PostgreSQL) or the dialogue ended before it.
    #[serde(default)]
    pub advertised: Option<bool>,
    /// Ways to log in that the server offered before TLS: SASL mechanisms from the capability
    /// list (`PLAIN`, `LOGIN`…), and `LOGIN` (IMAP without `LOGINDISABLED`) or `USER` (POP3).
    /// Anyone on the path could read a password sent that way.
    #[serde(default)]
    pub plaintext_auth: Vec<String>,
    #[serde(flatten)]
    pub outcome: StarttlsOutcome,
    /// The dialogue, one line per entry, `C: ` from us and `S: ` from the server (printable
    /// ASCII, at most [`STARTTLS_LINE_LIMIT`] characters each, at most
    /// [`STARTTLS_TRANSCRIPT_LIMIT`] lines; binary protocols are summarised).
    #[serde(default)]
    pub transcript: Vec<String>,
    pub elapsed_ms: u64,
}

flattening! {
    Starttls { outcome: StarttlsOutcome,
        required { protocol: StarttlsProtocol, elapsed_ms: u64 }
        default { greeting: Option<String>, advertised: Option<bool>, plaintext_auth: Vec<String>, transcript: Vec<String> }
    }
}

tagged! {
    /// How the plaintext dialogue ended.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
    #[serde(tag = "outcome", rename_all = "snake_case")]
    pub enum StarttlsOutcome {
        /// The server agreed to upgrade: the TLS handshake followed on this connection.
        Ready,
        /// The server does not offer the upgrade: its capability list lacks it, or it answered
        /// the command as unknown (`reply`, when it was asked anyway).
        NotOffered {
            #[serde(default)]
            reply: Option<String>,
        },
        /// The server offered the upgrade but refused the command (e.g. SMTP `454 TLS not
        /// available due to temporary reason`).
        Refused { reply: String },
        /// No greeting came within `waited_ms`: the server waits for the client to speak first,
        /// as an implicit-TLS server does.
        NoGreeting { waited_ms: u64 },
        /// The server's first bytes were a TLS record: this port speaks implicit TLS.
        TlsSpoken,
        /// The server answered in a way the protocol does not allow (another protocol's banner,
        /// garbage, a line over the limit, too many lines).
        ProtocolError { detail: String },
        /// The server closed the connection during the dialogue.
        Closed,
        /// The connection was reset during the dialogue.
        Reset,
        /// The deadline passed during the dialogue (after the greeting).
        TimedOut,
    }
}

/// At most this many characters of one line are kept (RFC 5321 §4.5.3.1.5 allows 512
/// octets per reply line; IMAP lines can be longer, and are cut).
pub const STARTTLS_LINE_LIMIT: usize = 200;
/// At most this many lines are kept in a transcript.
pub const STARTTLS_TRANSCRIPT_LIMIT: usize = 40;
