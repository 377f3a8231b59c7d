//! `tls-doctor mail ADDRESS`: where a mail domain's servers were found, each server's diagnosis,
//! and the settings recommended to a mail app (`MailReport`, `"type": "mail_report"`).
//!
//! The host discovers (DNS SRV per RFC 6186 and RFC 8314, MX, Mozilla autoconfig over HTTPS,
//! and guessed names as a last resort) and checks; the model ([`crate::mail::recommend`])
//! chooses. See `docs/WIRE.md`.

use serde::{Deserialize, Serialize};

use super::report::Diagnosis;
use crate::time::Timestamp;

/// Everything `tls-doctor mail` found out about one mail domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailReport {
    #[serde(rename = "type")]
    pub kind: super::MailReportType,
    pub v: u32,
    /// The address as given (`user@example.jp`), or `None` when only a domain was given.
    #[serde(default)]
    pub address: Option<String>,
    /// The mail domain, in its ASCII (`xn--`) form.
    pub domain: String,
    pub measured_at: Timestamp,
    pub timeout_ms: u64,
    pub elapsed_ms: u64,
    /// Every question discovery asked, and what came back.
    pub lookups: Vec<Lookup>,
    /// The servers checked, in discovery order (SRV priority/weight order within a service).
    pub servers: Vec<MailServer>,
    /// Servers discovery found but did not check: more than the host checks at once.
    #[serde(default)]
    pub not_checked: Vec<MailEndpoint>,
    /// Servers a source offered without any encryption (autoconfig `socketType` `plain`): not
    /// checked, never recommended, listed so the report can warn about them.
    #[serde(default)]
    pub unencrypted: Vec<MailEndpoint>,
    /// What a mail app should be set to, drawn from `servers` by the model.
    pub recommended: Recommendation,
}

impl MailReport {
    /// Both directions have a recommendation without a critical finding.
    pub fn safe(&self) -> bool {
        self.recommended.outgoing.is_some() && self.recommended.incoming.is_some()
    }
}

/// What a server is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailRole {
    /// Mail submission from a mail app (RFC 6409 on 587, RFC 8314 on 465).
    Outgoing,
    /// IMAP (RFC 9051): mail stays on the server.
    IncomingImap,
    /// POP3 (RFC 1939): mail is downloaded.
    IncomingPop3,
    /// A domain's MX on port 25: server-to-server relay. Informational: mail apps do not use
    /// it, and many networks block outbound port 25.
    RelayMx,
}

impl MailRole {
    pub fn is_incoming(self) -> bool {
        matches!(self, Self::IncomingImap | Self::IncomingPop3)
    }
}

/// How the connection is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailSecurity {
    /// TLS from the first byte (RFC 8314 "implicit TLS"; mail apps call it SSL/TLS).
    Tls,
    /// Plaintext first, then the `STARTTLS` / `STLS` upgrade.
    Starttls,
    /// No encryption at all. Listed when a source offers it; never recommended or checked.
    None,
}

/// Where a server came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailSource {
    /// DNS SRV records (RFC 6186, RFC 8314 §5.1).
    Srv,
    /// DNS MX records (RFC 5321 §5.1).
    Mx,
    /// The domain's Mozilla autoconfig file, fetched over HTTPS.
    Autoconfig,
    /// A usual name (`smtp.`, `imap.`, `mail.`…) that resolves; tried only when nothing else
    /// was found.
    Guess,
    /// A name the certificate of another checked server gives (a shared host's own server
    /// name), that resolves to the same address; checked under that name (issue 16).
    Certificate,
}

/// One server as discovery found it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MailEndpoint {
    pub role: MailRole,
    /// ASCII form, lower case, no trailing dot.
    pub host: String,
    pub port: u16,
    pub security: MailSecurity,
    pub source: MailSource,
}

/// One server as checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailServer {
    pub role: MailRole,
    pub host: String,
    pub port: u16,
    pub security: MailSecurity,
    pub source: MailSource,
    /// The model's verdict on this server (`findings[0]` is the primary cause, or `ok`).
    pub diagnosis: Diagnosis,
}

impl MailServer {
    pub fn endpoint(&self) -> MailEndpoint {
        MailEndpoint {
            role: self.role,
            host: self.host.clone(),
            port: self.port,
            security: self.security,
            source: self.source,
        }
    }
}

/// One question of discovery and its answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lookup {
    pub source: MailSource,
    /// `_submissions._tcp.example.jp SRV`, `example.jp MX`, an autoconfig URL, `smtp.example.jp A/AAAA`.
    pub query: String,
    #[serde(flatten)]
    pub outcome: LookupOutcome,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum LookupOutcome {
    /// `servers` usable entries were found.
    Found {
        servers: usize,
    },
    /// The domain says this service is not offered (an SRV target of ".", RFC 2782; a null
    /// MX, RFC 7505).
    NotOffered,
    /// The name exists but has no such record, or no such name.
    NoRecords,
    Failed {
        error: LookupError,
        detail: String,
    },
}

/// Why a lookup failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LookupError {
    TimedOut,
    /// The nameserver answered with an error (SERVFAIL, REFUSED…), or none could be reached.
    DnsError,
    /// The autoconfig server could not be reached (DNS, TCP).
    Unreachable,
    /// The TLS connection to the autoconfig server failed or its certificate was not trusted.
    Tls,
    /// An HTTP status other than 200.
    HttpStatus,
    /// The answer was larger than the host reads.
    TooLarge,
    /// The answer was not an autoconfig document.
    NotAutoconfig,
    Other,
}

/// The settings the model recommends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    #[serde(default)]
    pub outgoing: Option<Choice>,
    #[serde(default)]
    pub incoming: Option<Choice>,
    pub verdict: MailVerdict,
}

/// One recommended server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Index into [`MailReport::servers`].
    pub server: usize,
    pub role: MailRole,
    pub host: String,
    pub port: u16,
    pub security: MailSecurity,
    /// The server works but has a warning-level finding (a certificate expiring soon, an old
    /// protocol still enabled…); no healthy alternative was found.
    pub with_warnings: bool,
}

/// The answer in one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailVerdict {
    /// A safe server for sending and for receiving.
    Safe,
    /// Receiving can be set up safely; sending cannot.
    OutgoingMissing,
    /// Sending can be set up safely; receiving cannot.
    IncomingMissing,
    /// Nothing safe was found: do not set the account up without SSL.
    NothingSafe,
}

/// What the extension's mail panel shows for a [`MailReport`], in one language. The host
/// words it (the popup's wasm module does not carry the mail words and a second reader of whole
/// diagnoses: that kept it within its size budget).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailPanel {
    pub lang: super::Lang,
    pub explanation: MailExplanation,
    /// Each checked server's full explanation, in the order of `explanation.servers`.
    pub details: Vec<super::Explanation>,
    /// The advice against "no SSL", when the verdict does not already give it.
    #[serde(default)]
    pub plain_warning: Option<String>,
    /// The same in plain text, for "copy report".
    pub report: String,
}

/// A [`MailReport`] in words, in one language: what the CLI prints and the extension's mail
/// panel shows. Every word comes from the catalog (`explain::mail`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailExplanation {
    #[serde(rename = "type")]
    pub kind: super::MailExplanationType,
    pub v: u32,
    pub lang: super::Lang,
    /// "Mail settings for user@example.jp"
    pub title: String,
    /// Whether a safe recommendation exists for both directions.
    pub safe: bool,
    /// The verdict: a few short sentences, the most important first.
    pub verdict: Vec<String>,
    pub recommended_heading: String,
    /// Outgoing first, then incoming; a direction without a safe server is absent.
    pub recommended: Vec<RecommendedSetting>,
    pub servers_heading: String,
    pub columns: MailColumns,
    pub servers: Vec<ExplainedMailServer>,
    pub lookups_heading: String,
    pub lookups: Vec<super::Line>,
    pub notes_heading: String,
    pub notes: Vec<String>,
}

/// One direction's settings, as rows to type into a mail app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendedSetting {
    pub role: MailRole,
    /// 「送信（SMTP）」
    pub heading: String,
    /// サーバー / ポート / 暗号化の方式
    pub rows: Vec<super::Line>,
    /// A caveat (the server works with a warning), when there is one.
    #[serde(default)]
    pub note: Option<String>,
}

/// Column headings of the server table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailColumns {
    pub role: String,
    pub server: String,
    pub port: String,
    pub security: String,
    pub source: String,
    pub result: String,
}

/// One checked server, as a table row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExplainedMailServer {
    pub role: MailRole,
    pub role_label: String,
    pub host: String,
    pub port: u16,
    pub security: MailSecurity,
    pub security_label: String,
    pub source_label: String,
    /// The primary finding.
    pub finding: super::FindingId,
    pub severity: super::Severity,
    /// The primary finding's headline.
    pub headline: String,
    pub recommended: bool,
    /// Listed for information only (the MX on port 25).
    pub informational: bool,
}
