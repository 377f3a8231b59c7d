//! Diagnosis (the ranked findings) and Explanation (the same, in words).

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::Lang;
use super::evidence::{Evidence, Target};
use super::finding::{Finding, FindingId, Severity, Side};
use crate::time::Timestamp;

/// The model's answer: findings ranked, the primary cause first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnosis {
    #[serde(rename = "type")]
    pub kind: super::DiagnosisType,
    pub v: u32,
    pub target: Target,
    /// The moment the verdicts refer to.
    pub now: Timestamp,
    /// Never empty: `findings[0]` is the primary cause, or `ok`.
    pub findings: Vec<Finding>,
    /// The certificates the server sent in the primary handshake, as parsed.
    pub certificates: Vec<CertSummary>,
    /// What the verdicts were drawn from.
    #[serde(default)]
    pub evidence: Option<Evidence>,
    /// What the browser saw, when the diagnosis started from a browser error.
    #[serde(default)]
    pub observation: Option<super::Observation>,
    /// The organisation's policy (managed setting `proceedAdvice`) forbids saying, for this
    /// site, that going past a warning can be acceptable.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_proceed: bool,
}

impl Diagnosis {
    /// The primary finding.
    pub fn primary(&self) -> Option<&Finding> {
        self.findings.first()
    }

    /// No critical or warning finding.
    pub fn healthy(&self) -> bool {
        self.findings.first().is_some_and(|f| f.id() == FindingId::Ok)
    }

    pub fn worst_severity(&self) -> Severity {
        self.findings.iter().map(|f| f.severity).min().unwrap_or(Severity::Info)
    }
}

/// One served certificate, as an admin reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertSummary {
    /// 0 is the leaf.
    pub position: usize,
    pub subject: String,
    pub issuer: String,
    pub not_before: Timestamp,
    pub not_after: Timestamp,
    pub dns_names: Vec<String>,
    pub ip_addresses: Vec<IpAddr>,
    /// e.g. `RSA 2048`, `EC P-256`.
    pub key: String,
    /// e.g. `sha256WithRSAEncryption`.
    pub signature: String,
    pub is_ca: bool,
    pub self_issued: bool,
    /// SHA-256 of the DER, upper-case hex with colons, as browsers show it.
    pub sha256: String,
}

/// A diagnosis in words, ready to render: the CLI prints it, the popup builds DOM from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    #[serde(rename = "type")]
    pub kind: super::ExplanationType,
    pub v: u32,
    pub lang: Lang,
    /// `example.jp:443`
    pub target: String,
    /// One sentence: is it safe, and whose side is it on.
    pub summary: String,
    pub findings: Vec<ExplainedFinding>,
    /// Where the diagnosis comes from: the browser's error, and whether the host measured.
    #[serde(default)]
    pub context: Vec<Line>,
    pub certificates: Vec<ExplainedCert>,
    /// Headings and labels the renderer needs, in the same language.
    pub labels: Labels,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExplainedFinding {
    pub id: FindingId,
    pub side: Side,
    pub severity: Severity,
    pub side_label: String,
    pub severity_label: String,
    pub headline: String,
    /// What happened, with a one-line gloss of each technical word.
    pub meaning: String,
    /// How dangerous it is to go on.
    pub danger: String,
    /// What the person in front of the screen should do, in order.
    pub user_steps: Vec<String>,
    /// What the server's administrator should fix, server software named where it matters.
    pub admin_steps: Vec<AdminStep>,
    /// The facts behind the finding.
    pub evidence: Vec<Line>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminStep {
    /// `nginx`, `Apache`, `IIS`, `certbot`…; `None` for advice that holds everywhere.
    #[serde(default)]
    pub software: Option<String>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub label: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExplainedCert {
    pub title: String,
    pub lines: Vec<Line>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labels {
    pub meaning: String,
    pub danger: String,
    pub user_steps: String,
    pub admin_steps: String,
    pub evidence: String,
    pub also_found: String,
    pub certificates: String,
    /// The disclosure below the first screen (meaning, more steps, admin fixes, evidence).
    #[serde(default)]
    pub more: String,
}
