//! Evidence that would not fit in one reply. Chrome and Firefox refuse a message from a host
//! larger than 1 MB ([`REPLY_LIMIT`]), and the probes may record more than that: chains of up
//! to 1 MB each (`CHAIN_BYTES_LIMIT`) in base64 from the primary, without-SNI, direct-TLS and
//! canary handshakes and the version probes, AIA fetches, OCSP staples, and texts taken from
//! certificates (URLs) or from the server. Rather than fail the check, the reply gives up
//! what matters least to the diagnosis first, one step at a time, and stops as soon as it fits.
//!
//! The last steps give up every served certificate and cut every text, so that what is left is
//! bounded by what the request itself said: no server can make the reply fail. What was given
//! up is said in the evidence: a chain cut short has its `chain_overflow` (how many
//! certificates and bytes the server sent, so the model still measures a certificate message
//! too large to carry), an AIA certificate given up is `too_large`, a text cut ends with `…`.

use std::io;

use serde_json::Value;
use tls_doctor_core::wire::native::{HostError, Reply};
use tls_doctor_core::wire::{
    AiaOutcome, Bytes, ChainOverflow, DnsOutcome, Evidence, Handshake, HandshakeRole, MailReport, PortalOutcome,
    RevocationOutcome, SntpOutcome, StarttlsOutcome, StoreVerdict, TcpOutcome, TlsOutcome, Verdict, VersionOutcome,
    VersionProbe,
};

#[cfg(doc)]
use tls_doctor_core::wire::native::REPLY_LIMIT;

/// The side handshakes (without SNI, in TLS from the first byte) are compared with the primary
/// one by their leaf and their outcome only (the model's `sni` and `starttls` checks); a few
/// certificates are kept at first so that an admin reading the evidence still sees the start
/// of those chains.
const SIDE_KEPT: usize = 3;

/// A text cut by [`Step::Texts`] keeps this many characters (then `…`): a URL's host and path,
/// an error's first sentence. At most 6 bytes each in JSON (`\u0000`), so about 1.5 KB.
const TEXT_KEPT: usize = 256;

/// A list cut by [`Step::Lists`] keeps this many entries: far more addresses than a name
/// usually has, or any client tries.
const LIST_KEPT: usize = 16;

/// What was given up, for the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The first bytes each server sent (only needed when the answer was not TLS, and then
    /// there is no chain to make the reply large).
    Received,
    /// Every text longer than [`TEXT_KEPT`] characters, cut there: URLs from certificates,
    /// details of errors, the server's words.
    Texts,
    /// The resolved addresses and each handshake's connection attempts beyond [`LIST_KEPT`]
    /// (the last attempt, the one that connected or failed last, is kept).
    Lists,
    /// The side handshakes' chains beyond their first [`SIDE_KEPT`] certificates.
    SideTail,
    /// Stapled OCSP responses (the host's verdict on them stays in `revocation`).
    StapledOcsp,
    /// The side handshakes' chains beyond their leaf.
    SideBeyondLeaf,
    /// The canary's chain (`client.canary`) beyond its leaf, which names the issuer the model
    /// compares: before any of the served chain.
    CanaryBeyondLeaf,
    /// The served chain's last certificates (the primary handshake's, then each version
    /// probe's), one at a time, down to the leaf.
    ServedTail,
    /// Certificates fetched through AIA (their outcome becomes `too_large`).
    AiaCertificates,
    /// The side handshakes' chains entirely.
    SideChains,
    /// The canary's leaf too (its trust verdicts stay).
    CanaryChain,
    /// The served leaves (the primary's, then each version probe's), one at a time: the
    /// certificate message was too large to carry, and `chain_overflow` says how large.
    ServedLeaves,
}

const STEPS: &[Step] = &[
    Step::Received,
    Step::Texts,
    Step::Lists,
    Step::SideTail,
    Step::StapledOcsp,
    Step::SideBeyondLeaf,
    Step::CanaryBeyondLeaf,
    Step::ServedTail,
    Step::AiaCertificates,
    Step::SideChains,
    Step::CanaryChain,
    Step::ServedLeaves,
];

/// `reply` serialized within `limit` bytes, shrunk when it is evidence that does not fit; the
/// steps taken, in order. The steps end with nothing a server sent but verdicts and short
/// texts, so evidence from any server fits a 1 MB limit (see the test of the largest evidence
/// the probes' limits allow). Only a limit too small for the request itself would leave
/// evidence that does not fit: the reply is then an `internal` error that keeps the id.
pub fn fit(mut reply: Reply, limit: usize) -> (Reply, Vec<Step>) {
    let mut taken = Vec::new();
    if !matches!(reply, Reply::Evidence { .. }) || within(&reply, limit) {
        return (reply, taken);
    }
    for step in STEPS {
        let mut changed = false;
        // For the served chains, one certificate at a time: keep as much of them as fits.
        let once = !matches!(step, Step::ServedTail | Step::ServedLeaves);
        while let Reply::Evidence { evidence, .. } = &mut reply {
            if !apply(*step, evidence) {
                break;
            }
            changed = true;
            if once || within(&reply, limit) {
                break;
            }
        }
        if changed {
            taken.push(*step);
        }
        if within(&reply, limit) {
            return (reply, taken);
        }
    }
    let Reply::Evidence { v, id, .. } = reply else { return (reply, taken) };
    let message = format!("the evidence does not fit in one {limit}-byte reply, even shrunk");
    (Reply::Error { v, id: Some(id), error: HostError::Internal, message }, taken)
}

/// Whether `value`'s JSON is at most `limit` bytes: counted without building it, and given up
/// as soon as it is over.
pub(super) fn within<T: serde::Serialize + ?Sized>(value: &T, limit: usize) -> bool {
    serde_json::to_writer(&mut Counter { count: 0, limit }, value).is_ok()
}

/// The length of `value`'s JSON, counted without building it.
pub(super) fn json_len<T: serde::Serialize + ?Sized>(value: &T) -> usize {
    let mut counter = Counter { count: 0, limit: usize::MAX };
    match serde_json::to_writer(&mut counter, value) {
        Ok(()) => counter.count,
        Err(_) => usize::MAX,
    }
}

/// Counts the bytes written, and fails past `limit`.
struct Counter {
    count: usize,
    limit: usize,
}

impl io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.count = self.count.saturating_add(buf.len());
        if self.count > self.limit {
            return Err(io::Error::other("over the limit"));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Applies one step (for the served chains, one certificate); false when it changed nothing.
fn apply(step: Step, e: &mut Evidence) -> bool {
    match step {
        Step::Received => all_handshakes(e).fold(false, |changed, h| {
            let had = !h.received.is_empty();
            h.received = Bytes::default();
            changed | had
        }),
        Step::Texts => texts(e),
        Step::Lists => lists(e),
        Step::SideTail => side(e).fold(false, |changed, h| changed | truncate_chain(h, SIDE_KEPT)),
        Step::StapledOcsp => all_handshakes(e).fold(false, |changed, h| changed | h.stapled_ocsp.take().is_some()),
        Step::SideBeyondLeaf => side(e).fold(false, |changed, h| changed | truncate_chain(h, 1)),
        Step::CanaryBeyondLeaf => e.local.canary.as_mut().is_some_and(|c| truncate_chain(&mut c.handshake, 1)),
        Step::ServedTail => served_keep(e, |len| len > 1, |len| len - 1),
        Step::AiaCertificates => e.aia.iter_mut().fold(false, |changed, fetch| {
            let fetched = matches!(fetch.outcome, AiaOutcome::Fetched { .. });
            if fetched {
                fetch.outcome = AiaOutcome::TooLarge;
            }
            changed | fetched
        }),
        Step::SideChains => side(e).fold(false, |changed, h| changed | truncate_chain(h, 0)),
        Step::CanaryChain => e.local.canary.as_mut().is_some_and(|c| truncate_chain(&mut c.handshake, 0)),
        Step::ServedLeaves => served_keep(e, |len| len > 0, |_| 0),
    }
}

/// Cuts the first served chain that `applies` to (the primary handshake's, then each version
/// probe's: the one the model reads is the primary's or, without it, a probe's) to `keep` of
/// its length.
fn served_keep(e: &mut Evidence, applies: impl Fn(usize) -> bool, keep: impl Fn(usize) -> usize) -> bool {
    if let Some(h) = e.handshakes.iter_mut().find(|h| h.role == HandshakeRole::Primary && applies(h.chain.len())) {
        let keep = keep(h.chain.len());
        return truncate_chain(h, keep);
    }
    match e.versions.iter_mut().find(|p| applies(p.chain.len())) {
        Some(p) => {
            let keep = keep(p.chain.len());
            truncate_probe_chain(p, keep)
        }
        None => false,
    }
}

/// The target's handshakes and the canary's.
fn all_handshakes(e: &mut Evidence) -> impl Iterator<Item = &mut Handshake> {
    e.handshakes.iter_mut().chain(e.local.canary.as_mut().map(|c| &mut c.handshake))
}

/// The target's handshakes other than the primary one.
fn side(e: &mut Evidence) -> impl Iterator<Item = &mut Handshake> {
    e.handshakes.iter_mut().filter(|h| h.role != HandshakeRole::Primary)
}

/// Keeps the first `keep` certificates. `chain_overflow` records what the server sent unless
/// it already does (the probe's own record holds the server's true numbers), and each store's
/// per-certificate facts are cut to the certificates kept.
fn truncate_chain(h: &mut Handshake, keep: usize) -> bool {
    truncate(&mut h.chain, &mut h.chain_overflow, &mut h.trust, keep)
}

fn truncate_probe_chain(p: &mut VersionProbe, keep: usize) -> bool {
    truncate(&mut p.chain, &mut p.chain_overflow, &mut p.trust, keep)
}

fn truncate(
    chain: &mut Vec<Bytes>,
    overflow: &mut Option<ChainOverflow>,
    trust: &mut [StoreVerdict],
    keep: usize,
) -> bool {
    if chain.len() <= keep {
        return false;
    }
    if overflow.is_none() {
        *overflow = Some(ChainOverflow { certificates: chain.len(), bytes: chain.iter().map(Bytes::len).sum() });
    }
    chain.truncate(keep);
    for verdict in trust {
        verdict.issuer_is_anchor.truncate(keep);
    }
    true
}

/// Cuts one text to [`TEXT_KEPT`] characters and `…`.
fn clip(text: &mut String) -> bool {
    match text.char_indices().nth(TEXT_KEPT) {
        Some((at, _)) => {
            text.truncate(at);
            text.push('…');
            true
        }
        None => false,
    }
}

fn clip_opt(text: &mut Option<String>) -> bool {
    text.as_mut().is_some_and(clip)
}

fn clip_all<'a>(texts: impl IntoIterator<Item = &'a mut String>) -> bool {
    texts.into_iter().fold(false, |changed, t| changed | clip(t))
}

/// [`Step::Texts`]: every text of the evidence that a server, a certificate or an error
/// message could make long. The request's own texts (the target, the client options) are
/// bounded by the request's size and stay.
fn texts(e: &mut Evidence) -> bool {
    let mut changed = match &mut e.dns {
        DnsOutcome::Failed { detail, .. } => clip(detail),
        _ => false,
    };
    for h in all_handshakes(e) {
        changed |= handshake_texts(h);
    }
    for fetch in &mut e.aia {
        changed |= clip(&mut fetch.url);
        if let AiaOutcome::Failed { detail } = &mut fetch.outcome {
            changed |= clip(detail);
        }
    }
    changed |= verdict_texts(&mut e.completed_trust);
    if let Some(tls_doctor_core::wire::ServerClock::Received { header: text, .. })
    | Some(tls_doctor_core::wire::ServerClock::Failed { detail: text }) = &mut e.server_clock
    {
        changed |= clip(text);
    }
    for p in &mut e.versions {
        changed |= match &mut p.outcome {
            VersionOutcome::Refused { alert, .. } => clip_opt(alert),
            VersionOutcome::NoAnswer { detail } => clip(detail),
            VersionOutcome::Accepted { .. } => false,
        };
        changed |= verdict_texts(&mut p.trust);
    }
    for r in &mut e.revocation {
        changed |= clip(&mut r.url);
        changed |= match &mut r.outcome {
            RevocationOutcome::Unusable { detail } | RevocationOutcome::Failed { detail } => clip(detail),
            RevocationOutcome::Answered {
                status: tls_doctor_core::wire::CertStatus::Revoked { reason, .. }, ..
            } => clip_opt(reason),
            _ => false,
        };
    }
    for s in &mut e.local.sntp {
        if let SntpOutcome::Failed { detail } = &mut s.outcome {
            changed |= clip(detail);
        }
    }
    if let Some(portal) = &mut e.local.portal {
        changed |= match &mut portal.outcome {
            PortalOutcome::Redirected { location: text, .. } | PortalOutcome::Failed { detail: text } => clip(text),
            PortalOutcome::Replaced { title, .. } => clip_opt(title),
            PortalOutcome::Open | PortalOutcome::TimedOut => false,
        };
    }
    changed
}

fn handshake_texts(h: &mut Handshake) -> bool {
    let mut changed = false;
    if let Some(st) = &mut h.starttls {
        changed |= clip_opt(&mut st.greeting);
        changed |= clip_all(&mut st.plaintext_auth);
        changed |= clip_all(&mut st.transcript);
        changed |= match &mut st.outcome {
            StarttlsOutcome::NotOffered { reply } => clip_opt(reply),
            StarttlsOutcome::Refused { reply: text } | StarttlsOutcome::ProtocolError { detail: text } => clip(text),
            _ => false,
        };
    }
    for attempt in &mut h.tcp {
        if let TcpOutcome::Unreachable { detail } | TcpOutcome::Failed { detail } = &mut attempt.outcome {
            changed |= clip(detail);
        }
    }
    changed |= match &mut h.tls {
        TlsOutcome::Alert { alert: text }
        | TlsOutcome::NotTls { detail: text }
        | TlsOutcome::Failed { detail: text } => clip(text),
        _ => false,
    };
    changed |= clip_opt(&mut h.post_handshake_alert);
    changed | verdict_texts(&mut h.trust)
}

fn verdict_texts(verdicts: &mut [StoreVerdict]) -> bool {
    fn detail(v: &mut Verdict) -> bool {
        match v {
            Verdict::Rejected { detail, .. } => clip(detail),
            Verdict::Trusted { .. } => false,
        }
    }
    verdicts
        .iter_mut()
        .fold(false, |changed, s| changed | detail(&mut s.verdict) | s.verdict_dates_aside.as_mut().is_some_and(detail))
}

/// [`Step::Lists`]: the resolved addresses, and each handshake's attempts (keeping the last).
fn lists(e: &mut Evidence) -> bool {
    let mut changed = match &mut e.dns {
        DnsOutcome::Resolved { addresses, .. } if addresses.len() > LIST_KEPT => {
            addresses.truncate(LIST_KEPT);
            true
        }
        _ => false,
    };
    for h in all_handshakes(e) {
        if h.tcp.len() > LIST_KEPT {
            let last = h.tcp.pop();
            h.tcp.truncate(LIST_KEPT - 1);
            h.tcp.extend(last);
            changed = true;
        }
    }
    changed
}

/// Cuts a mail report's reply, as JSON: every text to [`TEXT_KEPT`] characters and `…`, and
/// every list inside a finding's `evidence` to [`LIST_KEPT`] entries (the names of a
/// certificate with thousands, a subject of a kilobyte). For `handle::mail_report`'s last step.
/// The reply's own `id` is left whole: the browser matches the reply to its request by it.
pub(super) fn clip_json(value: &mut Value) {
    let id = value.as_object_mut().and_then(|o| o.remove("id"));
    clip_value(value, false);
    if let (Some(object), Some(id)) = (value.as_object_mut(), id) {
        object.insert("id".into(), id);
    }
}

fn clip_value(value: &mut Value, in_evidence: bool) -> bool {
    match value {
        Value::String(text) => clip(text),
        Value::Array(items) => {
            let cut = in_evidence && items.len() > LIST_KEPT;
            items.truncate(if cut { LIST_KEPT } else { items.len() });
            items.iter_mut().fold(cut, |changed, item| changed | clip_value(item, in_evidence))
        }
        Value::Object(fields) => fields
            .iter_mut()
            .fold(false, |changed, (key, item)| changed | clip_value(item, in_evidence || key == "evidence")),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

/// Drops findings after each server's first, the last (least ranked) of the server with the
/// most first, until their JSON adds up to `excess` bytes. False when none was left to drop.
pub(super) fn drop_findings(report: &mut MailReport, excess: usize) -> bool {
    let (mut dropped, mut any) = (0usize, false);
    while dropped < excess {
        let most = report
            .servers
            .iter_mut()
            .filter(|s| s.diagnosis.findings.len() > 1)
            .max_by_key(|s| s.diagnosis.findings.len());
        let Some(finding) = most.and_then(|s| s.diagnosis.findings.pop()) else { break };
        dropped = dropped.saturating_add(json_len(&finding) + 1);
        any = true;
    }
    any
}

#[cfg(test)]
mod tests;
