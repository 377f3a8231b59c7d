//! `explain(diagnosis, lang, tz) -> Explanation`: findings in words.
//!
//! All user-facing text lives in two catalogs, [`ja`] (the source) and [`en`] (its mirror).
//! Each catalog `match`es exhaustively on [`FindingKind`], so a new kind of finding does not
//! compile until both languages can say it. This module only decides *which* facts are shown;
//! the catalogs decide how they are said. Renderers (CLI, popup) never build sentences.

pub mod actions;
mod en;
pub mod files;
pub(crate) mod glossary;
mod ja;
pub mod mail;
pub mod mail_app;
pub mod panel;
pub(crate) mod plan;
pub mod policy;
#[doc(hidden)]
pub mod samples;
pub(crate) mod service;
pub mod text;

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use crate::time::{Civil, LocalOffset, Timestamp};
pub use crate::wire::Lang;
use crate::wire::{
    CertSummary, Diagnosis, DnsError, ExplainedCert, ExplainedFinding, Explanation, Finding, FindingKind, Labels, Line,
    Plaintext, RejectReason, Severity, Side, Target, TrustStore, WIRE_VERSION,
};

/// The catalog of one language.
fn catalog(lang: Lang) -> &'static dyn Catalog {
    match lang {
        Lang::Ja => &ja::Ja,
        Lang::En => &en::En,
    }
}

/// Messages that are not findings: the CLI's answers to bad input and failures to diagnose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "notice", rename_all = "snake_case")]
pub enum Notice {
    BadTarget {
        input: String,
        reason: String,
    },
    BadPort {
        input: String,
    },
    PlainHttpUrl {
        input: String,
    },
    BadAddress {
        input: String,
    },
    BadSni {
        input: String,
    },
    BadTimeout {
        input: String,
    },
    BadStarttls {
        input: String,
    },
    /// `tls-doctor mail`: neither a mail address nor a domain.
    BadMailAddress {
        input: String,
    },
    CaFileUnreadable {
        path: String,
        error: String,
    },
    CaFileEmpty {
        path: String,
    },
    Internal {
        detail: String,
    },
    /// The extension could not start the host: it is not installed (or not registered).
    HostMissing,
    /// The organisation turned the host's server checks off (managed setting `hostProbing`).
    ProbingDisabled,
    /// The host answered, but is older than this extension needs.
    HostOutdated {
        found: String,
        needed: String,
    },
    /// The host answered with an error, or with something unreadable.
    HostFailed {
        detail: String,
    },
    /// `install`: a manifest was written (or replaced an older one of ours).
    Installed {
        path: String,
    },
    /// `install`: our manifest was already there, word for word.
    AlreadyInstalled {
        path: String,
    },
    Removed {
        path: String,
    },
    /// `uninstall` found no manifest of ours.
    NothingToRemove,
    /// Windows: the registry key now points at the manifest.
    Registered {
        key: String,
    },
    Unregistered {
        key: String,
    },
    /// A manifest of another host sits at our file name.
    LeftForeign {
        path: String,
        name: String,
    },
    /// A file at our file name that is not a manifest at all.
    LeftMalformed {
        path: String,
        detail: String,
    },
    CannotWrite {
        path: String,
        error: String,
    },
    CannotRemove {
        path: String,
        error: String,
    },
    CannotRegister {
        key: String,
        error: String,
    },
    /// `--system` and a permission error.
    NeedsAdmin,
    /// `install`: not one location was written.
    NothingWritten,
    /// The variable that locates the user's files is not set (`HOME`, `LOCALAPPDATA`).
    NoUserDir {
        variable: String,
    },
    /// The binary's own path, which the manifest must name, is unknown.
    NoExePath {
        error: String,
    },
    BadExtensionId {
        id: String,
    },
    /// `--manifest-dir` with `--browser all`: one directory holds one manifest.
    ManifestDirNeedsOneBrowser,
}

/// A notice in words.
pub fn notice(notice: &Notice, lang: Lang) -> String {
    match lang {
        Lang::Ja => ja::notice(notice),
        Lang::En => en::notice(notice),
    }
}

/// One of the notices the popup shows (`HostMissing`, `HostOutdated`, `HostFailed`,
/// `BadMailAddress`, `ProbingDisabled`; empty for any other). Not part of [`Catalog`], so that
/// the command line's notices (install, arguments) stay out of the wasm module.
pub fn browser_notice(notice: &Notice, lang: Lang) -> String {
    match lang {
        Lang::Ja => ja::browser_notice(notice),
        Lang::En => en::browser_notice(notice),
    }
    .unwrap_or_default()
}

/// Labels of evidence lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    Host,
    Address,
    Port,
    DnsAnswer,
    Waited,
    Stage,
    Cut,
    FirstLine,
    Alert,
    AcceptedIssuers,
    Reason,
    Detail,
    Certificates,
    /// The size of the server's encrypted certificate message (TLS 1.3), uncounted.
    CertificateBytes,
    Position,
    Subject,
    Issuer,
    NotBefore,
    NotAfter,
    Validity,
    Requested,
    NamesInCert,
    CommonName,
    MissingIssuer,
    AiaUrl,
    Verified,
    DefaultCert,
    Protocol,
    Cipher,
    TrustedBy,
    Key,
    Signature,
    Fingerprint,
    ServerClock,
    LocalClock,
    Skew,
    BrowserError,
    ErrorName,
    Browser,
    CheckedBy,
    Versions,
    Weakness,
    RevokedAt,
    Method,
    NextUpdate,
    Days,
    Purposes,
    MustStaple,
    Greeting,
    Reply,
    Mechanisms,
    During,
    Origin,
    Product,
    Canary,
    InternalDomain,
    DeclaredRoot,
    Organization,
    HelpdeskEmail,
    HelpdeskPhone,
    HelpdeskUrl,
    BrowserCertificate,
    CheckUrl,
    PrivateAddresses,
    TimeServer,
    OsClock,
    NeededBrowser,
    Rule,
    /// `tls-doctor cert`: the key file, and the key the leaf was issued for.
    File,
    LeafKey,
    /// The earliest time the certificate was logged in Certificate Transparency.
    Logged,
}

/// A catalog: every word of one language. Implemented by `ja::Ja` and `en::En`.
pub(crate) trait Catalog: Sync {
    fn field(&self, field: Field) -> &'static str;
    fn side(&self, side: Side) -> &'static str;
    fn severity(&self, severity: Severity) -> &'static str;
    fn labels(&self) -> Labels;
    /// The one line above the cards: the primary card's id, side and severity.
    fn summary(&self, id: crate::wire::FindingId, side: Side, severity: Severity, problems: usize) -> String;
    fn date(&self, civil: &Civil) -> String;
    /// "5 days ago" / "today"
    fn days_ago(&self, days: i64) -> String;
    /// "in 12 days" / "today"
    fn days_left(&self, days: i64) -> String;
    fn seconds(&self, ms: u64) -> String;
    fn list(&self, items: &[String]) -> String;
    /// A date with a relative phrase: "…, 3 days ago".
    fn dated(&self, date: String, relative: String) -> String;
    fn none(&self) -> &'static str;
    fn yes_no(&self, yes: bool) -> &'static str;
    fn store(&self, store: TrustStore) -> &'static str;
    fn dns_error(&self, error: DnsError) -> &'static str;
    fn plaintext(&self, seen: Plaintext) -> &'static str;
    fn reject(&self, reason: RejectReason) -> &'static str;
    /// A TLS alert (RFC 8446 §6.2 names) in words, if we have words for it.
    fn alert(&self, alert: &str) -> Option<&'static str>;
    fn stage(&self, stage: crate::wire::Stage) -> &'static str;
    /// A STARTTLS protocol with what it is for: "SMTP (sending mail)".
    fn starttls_protocol(&self, protocol: crate::wire::StarttlsProtocol) -> &'static str;
    fn cut(&self, cut: crate::wire::CutKind) -> &'static str;
    fn starttls_stage(&self, stage: crate::wire::StarttlsStage) -> &'static str;
    fn cert_title(&self, cert: &CertSummary) -> String;
    fn clock_line(&self, offset_seconds: i64) -> String;
    /// A length of time for people: "3 days", "2時間".
    fn duration(&self, seconds: u64) -> String;
    fn browser(&self, family: crate::wire::BrowserFamily) -> &'static str;
    /// How the diagnosis was made: measured by the host, or from the browser's report alone.
    /// `None`: the browser's report alone; `Some(false)`: the host checked the server;
    /// `Some(true)`: the host checked certificate files (`tls-doctor cert`).
    fn checked_by(&self, host: Option<bool>) -> &'static str;
    /// `tls-doctor cert`: the one step for a problem in the files, and the summary.
    fn files_step(&self) -> &'static str;
    fn files_summary(&self) -> &'static str;
    /// The heading over the certificates when they came from files, not from a server.
    fn files_certificates(&self) -> &'static str;
    /// The browser's certificate compared with the host's: the same.
    fn same_as_host(&self, sha256: &str) -> String;
    /// "TLS 1.0"
    fn version(&self, version: crate::wire::ProtocolVersion) -> &'static str {
        use crate::wire::ProtocolVersion as V;
        match version {
            V::Ssl3 => "SSL 3.0",
            V::Tls1_0 => "TLS 1.0",
            V::Tls1_1 => "TLS 1.1",
            V::Tls1_2 => "TLS 1.2",
            V::Tls1_3 => "TLS 1.3",
        }
    }
    /// A short name of a weakness ("RC4"), for the evidence.
    fn weakness(&self, weakness: crate::wire::Weakness) -> &'static str;
    fn revocation_method(&self, method: crate::wire::RevocationMethod) -> &'static str;
    /// A CRLReason (RFC 5280 §5.3.1 name) in words.
    fn revocation_reason(&self, reason: &str) -> String;
    /// An extended key usage purpose in words.
    fn purpose(&self, purpose: &str) -> String;
}

/// Formatting helpers a catalog needs: dates in the user's zone, relative days.
pub(crate) struct Fmt<'a> {
    pub cat: &'a dyn Catalog,
    pub tz: &'a dyn LocalOffset,
    pub lang: Lang,
    /// The server software the admin steps are for, and the name in their examples.
    pub service: service::Service,
    pub host: &'a str,
    /// Never say that going past a warning can be acceptable ([`Diagnosis::no_proceed`]).
    pub no_proceed: bool,
}

impl Fmt<'_> {
    /// A date in the user's time zone, with the offset shown.
    pub fn date(&self, at: Timestamp) -> String {
        self.cat.date(&at.civil(self.tz.offset_minutes_at(at)))
    }

    pub fn list(&self, items: &[String]) -> String {
        if items.is_empty() { self.cat.none().to_owned() } else { self.cat.list(items) }
    }

    pub fn ips(&self, ips: &[IpAddr]) -> Vec<String> {
        ips.iter().map(ToString::to_string).collect()
    }
}

/// A UTC offset as TLS Doctor writes it everywhere: `UTC+09:00`, `UTC-03:30`.
pub(crate) fn utc_offset(minutes: i32) -> String {
    crate::time::offset_label(minutes)
}

/// The whole diagnosis in words.
pub fn explain(diagnosis: &Diagnosis, lang: Lang, tz: &dyn LocalOffset) -> Explanation {
    let cat = catalog(lang);
    let f = Fmt {
        cat,
        tz,
        lang,
        service: service::Service::of(&diagnosis.target),
        host: &diagnosis.target.host,
        no_proceed: diagnosis.no_proceed,
    };
    let mut findings = glossed(diagnosis.findings.iter().map(|x| explain_finding_with(x, &f)), lang);
    let problems = findings.iter().filter(|x| x.severity != Severity::Info).count();
    let files = diagnosis.evidence.as_ref().is_some_and(|e| e.files.is_some());
    if files {
        // Certificate files (`tls-doctor cert`): the reader is the admin about to install them,
        // not a visitor of the site: one step, to the admin's fixes (`key_mismatch` has its own).
        for card in
            findings.iter_mut().filter(|c| c.severity != Severity::Info && c.id != crate::wire::FindingId::KeyMismatch)
        {
            card.user_steps = vec![cat.files_step().to_owned()];
        }
    }
    // The summary says what the primary card says: its side and severity as the case decided
    // them (a plan may refine the finding's own).
    let summary = match findings.first() {
        // Certificate files: no connection to call safe; the headline says it.
        Some(card) if files && card.severity == Severity::Info => {
            format!("{}{}", card.headline, if lang == Lang::Ja { "。" } else { "." })
        }
        Some(_) if files => cat.files_summary().to_owned(),
        Some(card) => cat.summary(card.id, card.side, card.severity, problems),
        None => String::new(),
    };
    let mut certificates: Vec<ExplainedCert> = diagnosis.certificates.iter().map(|c| explain_cert(c, &f)).collect();
    if let Some(line) = server_clock_line(diagnosis, &f) {
        if let Some(first) = certificates.first_mut() {
            first.lines.push(line);
        }
    }
    let mut labels = cat.labels();
    if files {
        labels.certificates = cat.files_certificates().into();
    }
    Explanation {
        kind: Default::default(),
        v: WIRE_VERSION,
        lang,
        target: target_label(diagnosis),
        summary,
        findings,
        context: context_lines(diagnosis, &f),
        certificates,
        labels,
    }
}

/// One finding in words (the snapshot test renders every kind through this).
pub fn explain_finding(finding: &Finding, lang: Lang, tz: &dyn LocalOffset) -> ExplainedFinding {
    let f = Fmt { cat: catalog(lang), tz, lang, service: service::Service::Web, host: "", no_proceed: false };
    glossed(std::iter::once(explain_finding_with(finding, &f)), lang).remove(0)
}

/// One finding in words, with the admin steps for the server software on `target`'s port
/// (Postfix on SMTP ports, Dovecot on IMAP and POP3 ports).
pub fn explain_finding_on(finding: &Finding, target: &Target, lang: Lang, tz: &dyn LocalOffset) -> ExplainedFinding {
    let f = Fmt {
        cat: catalog(lang),
        tz,
        lang,
        service: service::Service::of(target),
        host: &target.host,
        no_proceed: false,
    };
    glossed(std::iter::once(explain_finding_with(finding, &f)), lang).remove(0)
}

/// Findings with their terms written out, each glossed once: the first time it is read.
fn glossed(findings: impl Iterator<Item = ExplainedFinding>, lang: Lang) -> Vec<ExplainedFinding> {
    let mut g = glossary::Glosser::new(lang);
    findings
        .map(|mut x| {
            gloss_finding(&mut g, &mut x);
            x
        })
        .collect()
}

/// The organisation's help desk, from the admin's managed settings: written into the report a
/// user copies and sends to them. Empty strings are absent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contact {
    pub organization: String,
    pub email: String,
    pub phone: String,
    pub url: String,
}

/// The help desk's lines for the report, labelled in `lang`.
pub fn contact_lines(contact: &Contact, lang: Lang) -> Vec<Line> {
    let c = catalog(lang);
    [
        (Field::Organization, &contact.organization),
        (Field::HelpdeskEmail, &contact.email),
        (Field::HelpdeskPhone, &contact.phone),
        (Field::HelpdeskUrl, &contact.url),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .map(|(field, value)| Line { label: c.field(field).to_owned(), value: value.clone() })
    .collect()
}

/// The labels of one language (for renderers that show no diagnosis yet).
pub fn labels(lang: Lang) -> Labels {
    catalog(lang).labels()
}

/// Where the diagnosis comes from.
fn context_lines(d: &Diagnosis, f: &Fmt<'_>) -> Vec<Line> {
    let c = f.cat;
    let mut lines = Vec::new();
    if let Some(o) = &d.observation {
        lines.push(Line { label: c.field(Field::BrowserError).to_owned(), value: o.error.trim().to_owned() });
    }
    // A refused check says itself how it was (not) made.
    if d.evidence.as_ref().is_none_or(|e| e.refusal.is_none()) {
        lines.push(Line {
            label: c.field(Field::CheckedBy).to_owned(),
            value: c.checked_by(d.evidence.as_ref().map(|e| e.files.is_some())).to_owned(),
        });
    }
    lines
}

fn target_label(d: &Diagnosis) -> String {
    if let Some(files) = d.evidence.as_ref().and_then(|e| e.files.as_ref()) {
        return files.paths.join(" ");
    }
    let host = &d.target.host;
    if host.contains(':') { format!("[{host}]:{}", d.target.port) } else { format!("{host}:{}", d.target.port) }
}

fn explain_finding_with(finding: &Finding, f: &Fmt<'_>) -> ExplainedFinding {
    let case = plan::Case { service: f.service, host: f.host, no_proceed: f.no_proceed, tz: f.tz };
    let p = plan::plan(&finding.kind, &case);
    let side = p.side.unwrap_or(finding.side);
    let severity = p.severity.unwrap_or(finding.severity);
    ExplainedFinding {
        id: finding.id(),
        side,
        severity,
        side_label: f.cat.side(side).to_owned(),
        severity_label: f.cat.severity(severity).to_owned(),
        headline: plan::words(&p.headline, f),
        meaning: sentences(p.meaning.iter().map(|s| plan::words(s, f)), f.lang),
        danger: plan::words(&p.danger, f),
        user_steps: p.user_steps.iter().map(|s| plan::words(s, f)).collect(),
        admin_steps: p.admin.iter().map(|x| plan::fix_words(x, f)).collect(),
        evidence: evidence_lines(&finding.kind, f),
    }
}

/// Sentences joined as the language writes them: no space in Japanese, one in English.
fn sentences(parts: impl Iterator<Item = String>, lang: Lang) -> String {
    let parts: Vec<String> = parts.filter(|s| !s.is_empty()).collect();
    match lang {
        Lang::Ja => parts.concat(),
        Lang::En => parts.join(" "),
    }
}

/// Terms written out in reading order: the first screen (headline, risk, the first step),
/// then the meaning and the other steps; admin steps and evidence bare.
fn gloss_finding(g: &mut glossary::Glosser, x: &mut ExplainedFinding) {
    x.headline = g.write(&x.headline, true);
    x.danger = g.write(&x.danger, true);
    let mut steps = x.user_steps.iter_mut();
    if let Some(first) = steps.next() {
        *first = g.write(first, true);
    }
    x.meaning = g.write(&x.meaning, true);
    for s in steps {
        *s = g.write(s, true);
    }
    for s in &mut x.admin_steps {
        s.text = g.write(&s.text, false);
    }
}

/// Which facts back each finding. Values that are names, dates or numbers are shown as they
/// are; words come from the catalog.
fn evidence_lines(kind: &FindingKind, f: &Fmt<'_>) -> Vec<Line> {
    let c = f.cat;
    let line = |field: Field, value: String| Line { label: c.field(field).to_owned(), value };
    use FindingKind as K;
    match kind {
        K::StaleBrowserState { code, origin, version, cipher, .. } => vec![
            line(Field::BrowserError, code.clone()),
            line(Field::Origin, origin.clone()),
            line(Field::Protocol, version.clone()),
            line(Field::Cipher, cipher.clone()),
        ],
        K::InterceptionKnownProduct { product, issuer, trusted_by, .. } => vec![
            line(Field::Product, product.clone()),
            line(Field::Issuer, issuer.clone()),
            line(Field::TrustedBy, f.list(&trusted_by.iter().map(|s| c.store(*s).to_owned()).collect::<Vec<_>>())),
        ],
        K::InterceptionCorporate { issuer, sha256, trusted_by, .. } => vec![
            line(Field::Issuer, issuer.clone()),
            line(Field::Fingerprint, sha256.clone()),
            line(Field::TrustedBy, f.list(&trusted_by.iter().map(|s| c.store(*s).to_owned()).collect::<Vec<_>>())),
        ],
        K::InterceptionUnknown { issuer, canary } => {
            let mut v = vec![line(Field::Issuer, issuer.clone())];
            if let Some(canary) = canary {
                v.push(line(Field::Canary, canary.clone()));
            }
            v
        }
        K::InternalCaUntrusted { issuer, domain, declared, os_trusts } => {
            let mut v = Vec::new();
            if let Some(issuer) = issuer {
                v.push(line(Field::Issuer, issuer.clone()));
            }
            if let Some(domain) = domain {
                v.push(line(Field::InternalDomain, domain.clone()));
            }
            v.push(line(Field::DeclaredRoot, c.yes_no(*declared).to_owned()));
            if *os_trusts {
                v.push(line(Field::TrustedBy, c.store(TrustStore::System).to_owned()));
            }
            v
        }
        K::CaptivePortal { url, status, location, title, private_answers } => {
            let mut v = vec![line(Field::CheckUrl, url.clone())];
            let reply = match (location, title) {
                (Some(to), _) => format!("{status} → {to}"),
                (None, Some(title)) => format!("{status} {title}"),
                (None, None) => status.to_string(),
            };
            v.push(line(Field::Reply, reply));
            if !private_answers.is_empty() {
                v.push(line(Field::PrivateAddresses, f.list(&f.ips(private_answers))));
            }
            v
        }
        K::RefusedByPolicy(r) => {
            let mut v = vec![line(Field::Rule, r.rule.key().to_owned())];
            if let Some(host) = &r.host {
                v.push(line(Field::Host, host.clone()));
            }
            if let Some(address) = r.address {
                v.push(line(Field::Address, address.to_string()));
            }
            if let Some(port) = r.port {
                v.push(line(Field::Port, port.to_string()));
            }
            if let Some(detail) = &r.detail {
                v.push(line(Field::Detail, detail.clone()));
            }
            v
        }
        K::OutdatedClient { browser, version, needs, since } => vec![
            line(Field::Browser, format!("{browser} {version}")),
            line(Field::Versions, c.version(*needs).to_owned()),
            line(Field::NeededBrowser, format!("{browser} {since}")),
        ],
        K::Ok { version, cipher, trusted_by, not_after, days_left, browser_leaf } => {
            // Certificate files (`tls-doctor cert`) have no protocol or cipher.
            let mut v = if version.is_empty() {
                Vec::new()
            } else {
                vec![line(Field::Protocol, version.clone()), line(Field::Cipher, cipher.clone())]
            };
            v.push(line(
                Field::TrustedBy,
                f.list(&trusted_by.iter().map(|s| c.store(*s).to_owned()).collect::<Vec<_>>()),
            ));
            v.push(line(Field::NotAfter, c.dated(f.date(*not_after), c.days_left(*days_left))));
            if let Some(sha) = browser_leaf {
                v.push(line(Field::BrowserCertificate, c.same_as_host(sha)));
            }
            v
        }
        K::DnsFailure { host, error, detail } => {
            let mut v = vec![line(Field::Host, host.clone()), line(Field::DnsAnswer, c.dns_error(*error).to_owned())];
            if !detail.is_empty() {
                v.push(line(Field::Detail, detail.clone()));
            }
            v
        }
        K::HostUnreachable { address, port, detail } => {
            let mut v = vec![line(Field::Address, address.to_string()), line(Field::Port, port.to_string())];
            if !detail.is_empty() {
                v.push(line(Field::Detail, detail.clone()));
            }
            v
        }
        K::PortClosed { address, port } => {
            vec![line(Field::Address, address.to_string()), line(Field::Port, port.to_string())]
        }
        K::TimeoutFiltered { address, port, stage, waited_ms } => {
            let mut v = Vec::new();
            if let Some(a) = address {
                v.push(line(Field::Address, a.to_string()));
            }
            v.push(line(Field::Port, port.to_string()));
            v.push(line(Field::Stage, c.stage(*stage).to_owned()));
            v.push(line(Field::Waited, c.seconds(*waited_ms)));
            v
        }
        K::ConnectionReset { address, port, how } => vec![
            line(Field::Address, address.to_string()),
            line(Field::Port, port.to_string()),
            line(Field::Cut, c.cut(*how).to_owned()),
        ],
        K::WrongProtocolOnPort { port, seen, first_line, .. } => {
            let mut v = vec![line(Field::Port, port.to_string()), line(Field::Protocol, c.plaintext(*seen).to_owned())];
            if !first_line.is_empty() {
                v.push(line(Field::FirstLine, first_line.clone()));
            }
            v
        }
        K::StarttlsNotOffered { protocol, port, greeting, plaintext_auth } => {
            let mut v = vec![
                line(Field::Port, port.to_string()),
                line(Field::Protocol, c.starttls_protocol(*protocol).to_owned()),
            ];
            if let Some(g) = greeting {
                v.push(line(Field::Greeting, g.clone()));
            }
            if !plaintext_auth.is_empty() {
                v.push(line(Field::Mechanisms, plaintext_auth.join(" ")));
            }
            v
        }
        K::StarttlsFailed { protocol, port, failure } => {
            use crate::wire::StarttlsFailure as S;
            let mut v = vec![
                line(Field::Port, port.to_string()),
                line(Field::Protocol, c.starttls_protocol(*protocol).to_owned()),
            ];
            match failure {
                S::Refused { reply } => v.push(line(Field::Reply, reply.clone())),
                S::ProtocolError { detail } => v.push(line(Field::Detail, detail.clone())),
                S::Cut { how, during } => {
                    v.push(line(Field::Cut, c.cut(*how).to_owned()));
                    v.push(line(Field::During, c.starttls_stage(*during).to_owned()));
                }
                S::TimedOut { during } => v.push(line(Field::During, c.starttls_stage(*during).to_owned())),
                S::Handshake { failure: crate::wire::HandshakeFailure::Alert { alert } } => {
                    v.push(line(Field::Alert, alert.clone()));
                }
                S::Handshake { failure: crate::wire::HandshakeFailure::Protocol { detail } } => {
                    v.push(line(Field::Detail, detail.clone()));
                }
            }
            v
        }
        K::PlaintextAuthOffered { protocol, port, mechanisms } => vec![
            line(Field::Port, port.to_string()),
            line(Field::Protocol, c.starttls_protocol(*protocol).to_owned()),
            line(Field::Mechanisms, mechanisms.join(" ")),
        ],
        K::HandshakeFailed { failure } => match failure {
            crate::wire::HandshakeFailure::Alert { alert } => vec![line(Field::Alert, alert.clone())],
            crate::wire::HandshakeFailure::Protocol { detail } => vec![line(Field::Detail, detail.clone())],
        },
        K::ClientCertRequired { alert, status, reply, issuers } => {
            let mut v: Vec<_> = alert.iter().map(|a| line(Field::Alert, a.clone())).collect();
            v.extend(status.map(|s| line(Field::Reply, format!("HTTP {s}"))));
            v.extend(reply.iter().map(|r| line(Field::Reply, r.clone())));
            if !issuers.is_empty() {
                v.push(line(Field::AcceptedIssuers, issuers.join(", ")));
            }
            v
        }
        K::ClientCertOptional { issuers } if issuers.is_empty() => Vec::new(),
        K::ClientCertOptional { issuers } => vec![line(Field::AcceptedIssuers, issuers.join(", "))],
        K::ChainTooLong { certificates, bytes }
        | K::CertificateTooLarge { certificates: Some(certificates), bytes } => {
            vec![line(Field::Certificates, format!("{certificates} ({} KB)", kb(*bytes)))]
        }
        // TLS 1.3: the size of the encrypted message, the certificates uncounted.
        K::CertificateTooLarge { certificates: None, bytes } => {
            vec![line(Field::CertificateBytes, format!("{} KB", kb(*bytes)))]
        }
        K::CertUnparseable { position, error } => {
            vec![line(Field::Position, (position + 1).to_string()), line(Field::Detail, error.clone())]
        }
        K::CertExpired { subject, not_after, days_ago } => vec![
            line(Field::Subject, subject.clone()),
            line(Field::NotAfter, c.dated(f.date(*not_after), c.days_ago(*days_ago))),
        ],
        K::CertNotYetValid { subject, not_before, days_until } => vec![
            line(Field::Subject, subject.clone()),
            line(Field::NotBefore, c.dated(f.date(*not_before), c.days_left(*days_until))),
        ],
        K::IntermediateExpired { position, subject, not_after, days_ago } => vec![
            line(Field::Position, (position + 1).to_string()),
            line(Field::Subject, subject.clone()),
            line(Field::NotAfter, c.dated(f.date(*not_after), c.days_ago(*days_ago))),
        ],
        K::ExpiringSoon { subject, not_after, days_left } => vec![
            line(Field::Subject, subject.clone()),
            line(Field::NotAfter, c.dated(f.date(*not_after), c.days_left(*days_left))),
        ],
        K::NameMismatch { requested, dns_names, ip_addresses, common_name, .. } => {
            let mut names = dns_names.clone();
            names.extend(f.ips(ip_addresses));
            let mut v = vec![line(Field::Requested, requested.clone()), line(Field::NamesInCert, f.list(&names))];
            if let Some(cn) = common_name {
                v.push(line(Field::CommonName, cn.clone()));
            }
            v
        }
        K::SelfSigned { subject } => vec![line(Field::Subject, subject.clone())],
        K::UnknownIssuer { issuer, .. } => vec![line(Field::Issuer, issuer.clone())],
        K::DistrustedCa { root, chrome, firefox, issued, by_sct, .. } => {
            let mut browsers: Vec<String> = chrome.iter().map(|v| format!("Chrome {v}+")).collect();
            if *firefox {
                browsers.push(if f.service.is_mail() { "Thunderbird" } else { "Firefox" }.to_owned());
            }
            vec![
                line(Field::Issuer, root.clone()),
                line(Field::Browser, f.list(&browsers)),
                line(if *by_sct { Field::Logged } else { Field::NotBefore }, f.date(*issued)),
            ]
        }
        K::IncompleteChain { subject, missing_issuer, aia_url, confirmed } => {
            let mut v = vec![line(Field::Subject, subject.clone()), line(Field::MissingIssuer, missing_issuer.clone())];
            if let Some(url) = aia_url {
                v.push(line(Field::AiaUrl, url.clone()));
            }
            v.push(line(Field::Verified, c.yes_no(*confirmed).to_owned()));
            v
        }
        K::ChainInvalid { reason, detail } => {
            vec![line(Field::Reason, c.reject(*reason).to_owned()), line(Field::Detail, detail.clone())]
        }
        K::SniDefaultCert { requested, default_subject, default_names, .. } => vec![
            line(Field::Requested, requested.clone()),
            line(Field::DefaultCert, default_subject.clone()),
            line(Field::NamesInCert, f.list(default_names)),
        ],
        K::ClockAhead { skew } | K::ClockBehind { skew } => {
            let mut v = vec![line(Field::LocalClock, f.date(skew.local))];
            if let Some(os) = skew.os {
                v.push(line(Field::OsClock, f.date(os)));
            }
            v.push(match &skew.reference_server {
                Some(server) => line(Field::TimeServer, format!("{} ({server})", f.date(skew.reference))),
                None => line(Field::ServerClock, f.date(skew.reference)),
            });
            v.push(line(Field::Skew, c.duration(skew.offset_seconds.unsigned_abs())));
            v.push(line(Field::Validity, format!("{} – {}", f.date(skew.not_before), f.date(skew.not_after))));
            v
        }
        K::LegacyProtocolOnly { accepted, cipher } => {
            let mut v = vec![line(Field::Versions, versions(c, accepted))];
            if let Some(cipher) = cipher {
                v.push(line(Field::Cipher, cipher.clone()));
            }
            v
        }
        K::LegacyProtocolEnabled { versions: vs } | K::NoCipherOverlap { versions: vs } => {
            vec![line(Field::Versions, versions(c, vs))]
        }
        K::WeakCipherOnly { version, cipher, weakness } | K::WeakCipherEnabled { version, cipher, weakness } => vec![
            line(Field::Protocol, c.version(*version).to_owned()),
            line(Field::Cipher, cipher.clone()),
            line(Field::Weakness, c.weakness(*weakness).to_owned()),
        ],
        K::Revoked { revoked_at, reason, method } => {
            let mut v = vec![line(Field::RevokedAt, f.date(*revoked_at))];
            if let Some(reason) = reason {
                v.push(line(Field::Reason, c.revocation_reason(reason)));
            }
            v.push(line(Field::Method, c.revocation_method(*method).to_owned()));
            v
        }
        K::OcspStapleMissing {} => vec![line(Field::MustStaple, c.yes_no(true).to_owned())],
        K::OcspStapleStale { next_update } => vec![line(Field::NextUpdate, f.date(*next_update))],
        K::RevocationUnavailable { methods, detail } => {
            let names: Vec<String> = methods.iter().map(|m| c.revocation_method(*m).to_owned()).collect();
            let mut v = vec![line(Field::Method, f.list(&names))];
            if !detail.is_empty() {
                v.push(line(Field::Detail, detail.clone()));
            }
            v
        }
        K::WeakSignature { position, subject, algorithm } => vec![
            line(Field::Position, (position + 1).to_string()),
            line(Field::Subject, subject.clone()),
            line(Field::Signature, algorithm.clone()),
        ],
        K::KeyMismatch { path, key, leaf_key } => {
            vec![line(Field::File, path.clone()), line(Field::Key, key.clone()), line(Field::LeafKey, leaf_key.clone())]
        }
        K::WeakKey { position, subject, key, .. } => vec![
            line(Field::Position, (position + 1).to_string()),
            line(Field::Subject, subject.clone()),
            line(Field::Key, key.clone()),
        ],
        K::ValidityTooLong { days, not_before, not_after } => vec![
            line(Field::Validity, format!("{} – {}", f.date(*not_before), f.date(*not_after))),
            line(Field::Days, days.to_string()),
        ],
        // No extended key usage at all is not "no purposes" (it bars nothing): no line.
        K::WrongUsage { purposes: None } => Vec::new(),
        K::WrongUsage { purposes: Some(purposes) } => {
            let words: Vec<String> = purposes.iter().map(|p| c.purpose(p)).collect();
            vec![line(Field::Purposes, f.list(&words))]
        }
        K::ChainWrongOrder {} => Vec::new(),
        K::RootInChain { subject } => vec![line(Field::Subject, subject.clone())],
        K::ClientAuthUsage { not_after } => vec![
            line(Field::Purposes, f.list(&[c.purpose("serverAuth"), c.purpose("clientAuth")])),
            line(Field::NotAfter, f.date(*not_after)),
        ],
        K::ExpiredCrossSign { position, subject, issuer, not_after, days_ago } => vec![
            line(Field::Position, (position + 1).to_string()),
            line(Field::Subject, subject.clone()),
            line(Field::Issuer, issuer.clone()),
            line(Field::NotAfter, c.dated(f.date(*not_after), c.days_ago(*days_ago))),
        ],
        // The code itself is in the explanation's context lines; whether the warning can be
        // bypassed is not shown to users, lest it read as an invitation.
        K::BrowserError { browser, name, .. } => {
            let mut v = Vec::new();
            if let Some(name) = name {
                v.push(line(Field::ErrorName, name.clone()));
            }
            v.push(line(Field::Browser, c.browser(*browser).to_owned()));
            v
        }
    }
}

/// Bytes in KB (of 1024), rounded up.
pub(crate) fn kb(bytes: usize) -> usize {
    bytes.div_ceil(1024)
}

fn versions(c: &dyn Catalog, versions: &[crate::wire::ProtocolVersion]) -> String {
    c.list(&versions.iter().map(|v| c.version(*v).to_owned()).collect::<Vec<_>>())
}

fn explain_cert(cert: &CertSummary, f: &Fmt<'_>) -> ExplainedCert {
    let c = f.cat;
    let line = |field: Field, value: String| Line { label: c.field(field).to_owned(), value };
    let mut names = cert.dns_names.clone();
    names.extend(f.ips(&cert.ip_addresses));
    let mut lines = vec![line(Field::Subject, cert.subject.clone()), line(Field::Issuer, cert.issuer.clone())];
    lines.push(line(Field::Validity, format!("{} – {}", f.date(cert.not_before), f.date(cert.not_after))));
    if cert.position == 0 || !names.is_empty() {
        lines.push(line(Field::NamesInCert, f.list(&names)));
    }
    lines.push(line(Field::Key, cert.key.clone()));
    lines.push(line(Field::Signature, cert.signature.clone()));
    lines.push(line(Field::Fingerprint, cert.sha256.clone()));
    ExplainedCert { title: c.cert_title(cert), lines }
}

fn server_clock_line(d: &Diagnosis, f: &Fmt<'_>) -> Option<Line> {
    let ev = d.evidence.as_ref()?;
    let crate::wire::ServerClock::Received { date: Some(date), received_at, .. } = ev.server_clock.as_ref()? else {
        return None;
    };
    Some(Line {
        label: f.cat.field(Field::ServerClock).to_owned(),
        value: f.cat.dated(f.date(*date), f.cat.clock_line(date.unix() - received_at.unix())),
    })
}
