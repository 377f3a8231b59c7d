//! The English catalog: a mirror of `ja.rs`, which is the source. Keep the two in step.
//!
//! Style: plain words, short sentences, a one-line gloss the first time a technical word
//! appears in an explanation.

use super::ja::seconds_text;
use super::{Catalog, Field, Notice};
use crate::time::Civil;
use crate::wire::{
    CertSummary, CutKind, DnsError, Labels, Plaintext, RejectReason, RevocationMethod, Severity, Side, Stage,
    StarttlsProtocol, StarttlsStage, TrustStore, Weakness,
};

pub(crate) struct En;

impl Catalog for En {
    fn field(&self, field: Field) -> &'static str {
        match field {
            Field::Host => "Host name",
            Field::Address => "IP address",
            Field::Port => "Port",
            Field::DnsAnswer => "DNS answer",
            Field::Waited => "Waited",
            Field::Stage => "Stopped at",
            Field::Cut => "How it was cut",
            Field::FirstLine => "First line from the server",
            Field::Alert => "Server's alert",
            Field::AcceptedIssuers => "Accepted issuers",
            Field::Reason => "Reason",
            Field::Detail => "Detail",
            Field::Certificates => "Certificates",
            Field::CertificateBytes => "Size of the certificates (encrypted)",
            Field::Position => "Certificate number",
            Field::Subject => "Certificate name",
            Field::Issuer => "Issuer",
            Field::NotBefore => "Valid from",
            Field::NotAfter => "Expires",
            Field::Validity => "Validity",
            Field::Requested => "Name connected to",
            Field::NamesInCert => "Names in the certificate",
            Field::CommonName => "CN (old-style name field)",
            Field::MissingIssuer => "Missing intermediate",
            Field::AiaUrl => "Where to get the intermediate",
            Field::Verified => "Completed and checked",
            Field::DefaultCert => "Certificate without SNI",
            Field::Protocol => "Protocol",
            Field::Cipher => "Cipher suite",
            Field::TrustedBy => "Trusted by",
            Field::File => "File",
            Field::LeafKey => "Certificate's key",
            Field::Key => "Key",
            Field::Signature => "Signature",
            Field::Fingerprint => "Fingerprint (SHA-256)",
            Field::ServerClock => "Server clock",
            Field::LocalClock => "This device's clock",
            Field::Skew => "Difference",
            Field::BrowserError => "Browser error",
            Field::ErrorName => "Error name",
            Field::Browser => "Browser",
            Field::CheckedBy => "How this was found",
            Field::Versions => "TLS versions spoken",
            Field::Weakness => "Weakness",
            Field::RevokedAt => "Revoked on",
            Field::Method => "Checked through",
            Field::NextUpdate => "Status valid until",
            Field::Days => "Validity (days)",
            Field::Purposes => "Certificate purposes",
            Field::Logged => "Logged publicly",
            Field::MustStaple => "Stapling required",
            Field::Greeting => "Server greeting",
            Field::Reply => "Server reply",
            Field::Mechanisms => "Logins offered before encryption",
            Field::During => "Failed at",
            Field::Origin => "To clear",
            Field::Product => "Product",
            Field::Canary => "Compared with",
            Field::InternalDomain => "Internal domain",
            Field::DeclaredRoot => "Root declared by your organisation",
            Field::Organization => "Organisation",
            Field::HelpdeskEmail => "Help desk (e-mail)",
            Field::HelpdeskPhone => "Help desk (phone)",
            Field::HelpdeskUrl => "Help desk (web)",
            Field::BrowserCertificate => "Certificate the browser received",
            Field::CheckUrl => "Check address",
            Field::PrivateAddresses => "Local addresses",
            Field::TimeServer => "Time server",
            Field::OsClock => "Computer's clock",
            Field::NeededBrowser => "Needs version",
            Field::Rule => "Rule that stopped it",
        }
    }

    fn side(&self, side: Side) -> &'static str {
        match side {
            Side::Client => "your device",
            Side::Server => "server side",
            Side::Network => "network",
            Side::Unknown => "side not yet known",
            Side::None => "no problem",
        }
    }

    fn severity(&self, severity: Severity) -> &'static str {
        match severity {
            Severity::Critical => "critical",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    fn labels(&self) -> Labels {
        Labels {
            meaning: "What is happening".into(),
            danger: "How dangerous".into(),
            user_steps: "What you should do".into(),
            admin_steps: "For the server's administrator".into(),
            evidence: "Evidence".into(),
            also_found: "Also found".into(),
            certificates: "Certificates the server sent".into(),
            more: "Details".into(),
        }
    }

    fn summary(&self, id: crate::wire::FindingId, side: Side, severity: Severity, problems: usize) -> String {
        match (severity, side) {
            _ if id == crate::wire::FindingId::RefusedByPolicy => {
                "Your organisation's settings stopped the server check.".into()
            }
            (Severity::Info, _) => "No problem found. This connection is safe to use.".into(),
            (Severity::Warning, Side::Client) => "The server is fine. The cause is most likely on your device.".into(),
            (Severity::Warning, _) if problems == 1 => {
                "It works now, but there is 1 point that needs attention.".into()
            }
            (Severity::Warning, _) => format!("It works now, but there are {problems} points that need attention."),
            (Severity::Critical, Side::Server) => {
                "The cause is on the server side. A secure connection is not possible.".into()
            }
            (Severity::Critical, Side::Network) => "No connection to the server could be made.".into(),
            (Severity::Critical, Side::Client) => "The cause is most likely on your device.".into(),
            (Severity::Critical, _) => "A secure connection is not possible.".into(),
        }
    }

    fn date(&self, c: &Civil) -> String {
        let zone = if c.is_japan_time() { "Japan time".to_owned() } else { c.offset_label() };
        format!("{:04}-{:02}-{:02} {:02}:{:02} ({zone})", c.year, c.month, c.day, c.hour, c.minute)
    }

    fn days_ago(&self, days: i64) -> String {
        match days {
            d if d <= 0 => "today".into(),
            1 => "1 day ago".into(),
            d => format!("{d} days ago"),
        }
    }

    fn days_left(&self, days: i64) -> String {
        match days {
            d if d <= 0 => "ends today".into(),
            1 => "1 day left".into(),
            d => format!("{d} days left"),
        }
    }

    fn seconds(&self, ms: u64) -> String {
        let text = seconds_text(ms);
        if text == "1" { "1 second".into() } else { format!("{text} seconds") }
    }

    fn list(&self, items: &[String]) -> String {
        items.join(", ")
    }

    fn dated(&self, date: String, relative: String) -> String {
        format!("{date}, {relative}")
    }

    fn none(&self) -> &'static str {
        "(none)"
    }

    fn yes_no(&self, yes: bool) -> &'static str {
        if yes { "yes" } else { "no" }
    }

    fn store(&self, store: TrustStore) -> &'static str {
        match store {
            TrustStore::Mozilla => "Mozilla's trust list",
            TrustStore::System => "this computer's trust list",
            TrustStore::Custom => "the CA file given",
            TrustStore::Browser => "this browser",
        }
    }

    fn dns_error(&self, error: DnsError) -> &'static str {
        match error {
            DnsError::NoSuchHost => "no such name",
            DnsError::NoAddress => "the name exists but has no address",
            DnsError::TemporaryFailure => "temporarily unable to answer",
            DnsError::TimedOut => "timed out",
            DnsError::Other => "other error",
        }
    }

    fn plaintext(&self, seen: Plaintext) -> &'static str {
        match seen {
            Plaintext::Http => "HTTP (web traffic)",
            Plaintext::Smtp => "SMTP (sending mail)",
            Plaintext::Imap => "IMAP (receiving mail)",
            Plaintext::Pop3 => "POP3 (receiving mail)",
            Plaintext::Ftp => "FTP (file transfer)",
            Plaintext::SmtpOrFtp => "SMTP or FTP",
            Plaintext::Ssh => "SSH (remote login)",
            Plaintext::OtherText => "a service other than TLS",
            Plaintext::Binary => "a service other than TLS",
            Plaintext::Tls => "SSL/TLS (encryption from the start)",
        }
    }

    fn reject(&self, reason: RejectReason) -> &'static str {
        match reason {
            RejectReason::UnknownIssuer => "the issuer's name is trusted, but the signature does not match",
            RejectReason::Expired => "expired",
            RejectReason::NotYetValid => "not valid yet",
            RejectReason::BadSignature => "the signature is invalid",
            RejectReason::UnsupportedSignatureAlgorithm => "an old signature method that is no longer accepted",
            RejectReason::InvalidPurpose => "not issued for use by a web server",
            RejectReason::CaUsedAsEndEntity => "a CA certificate is used as the server's certificate",
            RejectReason::EndEntityUsedAsCa => "a server certificate is used as an issuer",
            RejectReason::NameConstraintViolation => "the issuer is not allowed to issue for this name",
            RejectReason::PathLengthExceeded => "more intermediate levels than the issuer allows",
            RejectReason::BadEncoding => "the certificate is malformed",
            RejectReason::Revoked => "the certificate has been revoked",
            RejectReason::Other => "another reason",
        }
    }

    fn alert(&self, alert: &str) -> Option<&'static str> {
        Some(match alert {
            "handshake_failure" => "no encryption method in common",
            "protocol_version" => "TLS versions do not match",
            "insufficient_security" => "encryption not strong enough",
            "unrecognized_name" => "no site with that name",
            "internal_error" => "internal server error",
            "access_denied" => "access denied",
            "certificate_required" => "a client certificate is required",
            "bad_certificate" => "bad certificate",
            "decode_error" | "illegal_parameter" | "unexpected_message" => "the exchange was malformed",
            _ => return None,
        })
    }

    fn stage(&self, stage: Stage) -> &'static str {
        match stage {
            Stage::Connect => "connecting (TCP)",
            Stage::Greeting => "the server's first greeting",
            Stage::TlsHandshake => "starting encryption (TLS handshake)",
        }
    }

    fn starttls_protocol(&self, protocol: StarttlsProtocol) -> &'static str {
        use StarttlsProtocol as P;
        match protocol {
            P::Smtp => "SMTP (sending mail)",
            P::Imap => "IMAP (receiving mail)",
            P::Pop3 => "POP3 (receiving mail)",
            P::Ftp => "FTP (file transfer)",
            P::XmppClient => "XMPP (chat)",
            P::XmppServer => "XMPP (chat between servers)",
            P::Ldap => "LDAP (user directory)",
            P::Postgres => "PostgreSQL (database)",
            P::Mysql => "MySQL (database)",
            P::Nntp => "NNTP (news)",
            P::Sieve => "ManageSieve (mail filter settings)",
        }
    }

    fn starttls_stage(&self, stage: StarttlsStage) -> &'static str {
        match stage {
            StarttlsStage::Dialogue => "the exchange before switching to encryption",
            StarttlsStage::Handshake => "starting encryption after the switch (TLS handshake)",
        }
    }

    fn cut(&self, cut: CutKind) -> &'static str {
        match cut {
            CutKind::Reset => "forcibly reset",
            CutKind::Closed => "closed without an answer",
        }
    }

    fn cert_title(&self, cert: &CertSummary) -> String {
        let role = if cert.position == 0 {
            "Server certificate"
        } else if cert.self_issued {
            "Root certificate"
        } else {
            "Intermediate certificate"
        };
        format!("{}. {role}", cert.position + 1)
    }

    fn clock_line(&self, offset_seconds: i64) -> String {
        match offset_seconds {
            -60..=60 => "about the same as this computer's clock".into(),
            s if s > 0 => format!("{} ahead of this computer", duration_text_en(s)),
            s => format!("{} behind this computer", duration_text_en(-s)),
        }
    }

    fn duration(&self, seconds: u64) -> String {
        duration_text_en(i64::try_from(seconds).unwrap_or(i64::MAX))
    }

    fn browser(&self, family: crate::wire::BrowserFamily) -> &'static str {
        match family {
            crate::wire::BrowserFamily::Chromium => "Chromium family (Chrome, Edge, …)",
            crate::wire::BrowserFamily::Firefox => "Firefox",
        }
    }

    fn same_as_host(&self, sha256: &str) -> String {
        format!("the same as the diagnostic tool received (SHA-256 {sha256})")
    }

    fn files_step(&self) -> &'static str {
        "Fix the files as the administrator's steps below say, before the server loads them."
    }

    fn files_certificates(&self) -> &'static str {
        "Certificates in the files"
    }

    fn files_summary(&self) -> &'static str {
        "The certificate files have a problem: fix them before the server loads them."
    }

    fn checked_by(&self, host: Option<bool>) -> &'static str {
        match host {
            Some(false) => "TLS Doctor's diagnostic tool connected to the server from this computer and checked",
            Some(true) => "TLS Doctor read the certificate files (no server was contacted)",
            None => "Explained from the browser's error alone (the server has not been contacted yet)",
        }
    }

    fn weakness(&self, weakness: Weakness) -> &'static str {
        match weakness {
            Weakness::Rc4 => "RC4",
            Weakness::TripleDes => "3DES",
            Weakness::Null => "NULL",
            Weakness::Export => "export-grade",
            Weakness::Anonymous => "anonymous key exchange",
            Weakness::StaticRsa => "RSA key exchange",
            Weakness::Dhe { bits: Some(_) } => "short DH key",
            Weakness::Dhe { bits: None } => "DH key exchange",
        }
    }

    fn revocation_method(&self, method: RevocationMethod) -> &'static str {
        match method {
            RevocationMethod::Staple => "the revocation status the server attached (an OCSP response)",
            RevocationMethod::Ocsp => "the issuer's status service (OCSP, for asking whether a certificate is valid)",
            RevocationMethod::Crl => "the issuer's revocation list (CRL)",
        }
    }

    fn revocation_reason(&self, reason: &str) -> String {
        match reason {
            "key_compromise" => "key compromise",
            "ca_compromise" => "CA key compromise",
            "affiliation_changed" => "affiliation changed",
            "superseded" => "superseded",
            "cessation_of_operation" => "cessation of operation",
            "certificate_hold" => "on hold",
            "privilege_withdrawn" => "privilege withdrawn",
            "unspecified" => "unspecified",
            other => other,
        }
        .to_owned()
    }

    fn purpose(&self, purpose: &str) -> String {
        match purpose {
            "serverAuth" => "server authentication",
            "clientAuth" => "client authentication",
            "emailProtection" => "email protection",
            "codeSigning" => "code signing",
            "timeStamping" => "time stamping",
            "OCSPSigning" => "OCSP signing",
            "anyExtendedKeyUsage" => "any purpose",
            other => other,
        }
        .to_owned()
    }
}

fn duration_text_en(seconds: i64) -> String {
    let (n, unit) = match seconds {
        s if s < 3600 => (s / 60, "minute"),
        s if s < 86_400 => (s / 3600, "hour"),
        s => (s / 86_400, "day"),
    };
    if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") }
}

pub(crate) fn notice(notice: &Notice) -> String {
    if let Some(text) = browser_notice(notice) {
        return text;
    }
    match notice {
        Notice::BadTarget { input, .. } => {
            format!("\"{input}\" is not a target we can read. Give it as example.jp, example.jp:8443 or 192.0.2.1:443.")
        }
        Notice::BadPort { input } => format!("The port \"{input}\" is not valid. Give a number from 1 to 65535."),
        Notice::PlainHttpUrl { input } => {
            format!("\"{input}\" is an unencrypted http:// address. To check encryption, give it as https://.")
        }
        Notice::BadAddress { input } => format!("The --address \"{input}\" is not an IP address."),
        Notice::BadSni { input } => format!("The --sni \"{input}\" is not a server name."),
        Notice::BadTimeout { input } => {
            format!("The --timeout \"{input}\" is not valid. Give a number of seconds from 1 to 120.")
        }
        Notice::BadStarttls { input } => format!(
            "The --starttls \"{input}\" is not known. Give one of smtp, imap, pop3, ftp, xmpp, xmpp-server, ldap, postgres, mysql, nntp, sieve."
        ),
        Notice::CaFileUnreadable { path, error } => format!("The CA file \"{path}\" cannot be read ({error})."),
        Notice::CaFileEmpty { path } => format!("The CA file \"{path}\" holds no PEM certificate."),
        Notice::Internal { detail } => format!("The diagnosis could not be completed ({detail})."),
        Notice::Installed { path } => {
            format!("Wrote the manifest (the file that tells the browser where tls-doctor is): {path}")
        }
        Notice::AlreadyInstalled { path } => {
            format!("The manifest is already installed (unchanged): {}", path)
        }
        Notice::Removed { path } => format!("Removed the manifest: {}", path),
        Notice::NothingToRemove => "No TLS Doctor manifest was found: nothing to remove.".into(),
        Notice::Registered { key } => format!("Registered in the registry: {key}"),
        Notice::Unregistered { key } => format!("Removed from the registry: {key}"),
        Notice::LeftForeign { path, name } => {
            format!("Left {} alone: it is the manifest of another host ({name}).", path)
        }
        Notice::LeftMalformed { path, detail } => {
            format!("Left {} alone: it is not a readable manifest ({detail}).", path)
        }
        Notice::CannotWrite { path, error } => format!("Cannot write {} ({error}).", path),
        Notice::CannotRemove { path, error } => format!("Cannot remove {} ({error}).", path),
        Notice::CannotRegister { key, error } => format!("Cannot change the registry key {key} ({error})."),
        Notice::NeedsAdmin => {
            "--system needs administrator rights: run it with sudo (on Windows, as Administrator).".into()
        }
        Notice::NothingWritten => "No manifest could be written.".into(),
        Notice::NoUserDir { variable } => {
            format!("The user's folder is unknown ({variable} is not set). Give the folder with --manifest-dir.")
        }
        Notice::NoExePath { error } => format!("Cannot tell where this tls-doctor program is ({error})."),
        Notice::BadExtensionId { id } => format!(
            "\"{id}\" is not an extension id. Give 32 letters a-p for Chrome and its kin, name@example.jp or {{GUID}} for Firefox."
        ),
        Notice::ManifestDirNeedsOneBrowser => "With --manifest-dir, name one browser with --browser (not all).".into(),
        // Said by `browser_notice` above.
        Notice::HostMissing
        | Notice::ProbingDisabled
        | Notice::HostOutdated { .. }
        | Notice::HostFailed { .. }
        | Notice::BadMailAddress { .. } => String::new(),
    }
}

/// The notices the popup shows (kept apart so that the extension's module carries only these).
pub(crate) fn browser_notice(notice: &Notice) -> Option<String> {
    Some(match notice {
        Notice::ProbingDisabled => "Your organisation has turned off server checks by the diagnostic tool, so mail settings cannot be diagnosed here either. If you need them, ask your organisation's help desk.".into(),
        Notice::HostMissing => "TLS Doctor's diagnostic tool (the program that connects to the server to check) is not installed on this computer. For now, this explanation comes from the browser's error alone. With the tool installed, the cause can be confirmed from the server's side. On a company device, ask your administrator; otherwise see \"Installing the diagnostic tool\" in TLS Doctor's README.".into(),
        Notice::HostOutdated { found, needed } => format!(
            "TLS Doctor's diagnostic tool is too old ({found}; {needed} or later is needed) and could not be used. Please update it. For now, this explanation comes from the browser's error alone."
        ),
        Notice::HostFailed { detail } => format!(
            "No answer came from TLS Doctor's diagnostic tool ({detail}). For now, this explanation comes from the browser's error alone."
        ),
        Notice::BadMailAddress { input } => format!(
            "\"{input}\" is not a mail address. Give an address such as user@example.jp, or a domain such as example.jp."
        ),
        _ => return None,
    })
}
