//! `diagnose(evidence, now, policy) -> Diagnosis`: run every check, keep every finding, rank.

use crate::browser;
use crate::checks::{CHECKS, Context, Policy};
use crate::time::Timestamp;
use crate::wire::{
    Diagnosis, ErrorCategory, Evidence, Finding, FindingId, FindingKind, Observation, Severity, Target, TlsOutcome,
    Verdict, WIRE_VERSION,
};

/// The order findings are presented in; the first one present is the primary cause.
///
/// A finding ranks above another when it must be fixed before the other can matter, or when
/// it explains the other. Every id appears exactly once (a test checks).
const RANK: &[FindingId] = &[
    // Nothing else can be seen until the server can be reached at all.
    FindingId::DnsFailure,      // no address, so no connection is even tried
    FindingId::HostUnreachable, // no route to the address
    FindingId::PortClosed,      // the host answers, but nothing listens on the port
    FindingId::TimeoutFiltered, // silence: a firewall drops the packets, or the server hangs
    // Something answers, but not with TLS, or not with a TLS we can finish.
    FindingId::WrongProtocolOnPort, // plain HTTP or a mail banner on a TLS port: the commonest mix-up
    FindingId::StarttlsNotOffered,  // plaintext only: no TLS to judge at all
    FindingId::ClientCertRequired,  // explains why the server then refuses the handshake
    // The server and today's clients share no protocol or cipher: this explains a handshake
    // that fails (old routers, NAS and printers), and must be fixed first.
    FindingId::LegacyProtocolOnly,
    FindingId::WeakCipherOnly,
    FindingId::NoCipherOverlap,
    // The switch to TLS was offered but failed: below the version findings that explain it.
    FindingId::StarttlsFailed,
    // The chain cannot be read: this explains a handshake that then fails, and nothing below
    // can be judged reliably.
    FindingId::ChainTooLong,
    FindingId::CertUnparseable,
    FindingId::ConnectionReset,
    FindingId::HandshakeFailed,
    // This device's clock is wrong: valid certificates look expired or not yet valid, and no
    // change on the server would help.
    FindingId::ClockAhead,
    FindingId::ClockBehind,
    // The certificate is for another name: whatever else is wrong with it is moot, because
    // the server must present another certificate.
    FindingId::NameMismatch,
    // Nobody vouches for the certificate: renewing it the same way would not help.
    FindingId::SelfSigned,
    FindingId::UnknownIssuer,
    // The certificate is good, but the server does not send the intermediate with it.
    FindingId::IncompleteChain,
    // The issuer withdrew the certificate: nothing else about it matters.
    FindingId::Revoked,
    // Browsers refuse these certificates outright.
    FindingId::WrongUsage,
    FindingId::WeakSignature,
    FindingId::WeakKey,
    FindingId::OcspStapleMissing,
    // Dates: renew (or fix the issuing date).
    FindingId::CertExpired,
    FindingId::IntermediateExpired,
    FindingId::CertNotYetValid,
    // A verifier rejected the chain for a reason none of the above explains.
    FindingId::ChainInvalid,
    // Only the browser's word: below anything the host measured.
    FindingId::BrowserError,
    // Works for today's browsers, but not for every client, or not for long.
    FindingId::SniDefaultCert,
    FindingId::ChainWrongOrder,
    FindingId::ExpiredCrossSign,
    FindingId::ExpiringSoon,
    FindingId::OcspStapleStale,
    FindingId::RevocationUnavailable,
    FindingId::ValidityTooLong,
    // Works, but old protocols or ciphers stay open to attack.
    FindingId::LegacyProtocolEnabled,
    FindingId::WeakCipherEnabled,
    // Works over TLS, but a client set up "without SSL" would send its password readable.
    FindingId::PlaintextAuthOffered,
    // Nothing to fix…
    FindingId::Ok,
    // …except tidiness.
    FindingId::RootInChain,
];

fn rank(id: FindingId) -> usize {
    RANK.iter().position(|r| *r == id).unwrap_or(RANK.len())
}

/// Turn what the host measured into ranked findings. Pure: `now` is the moment the verdicts
/// refer to (normally `evidence.measured_at`).
pub fn diagnose(evidence: &Evidence, now: Timestamp, policy: &Policy) -> Diagnosis {
    let cx = Context::new(evidence, now, policy);
    let mut kinds = Vec::new();
    for (_name, check) in CHECKS {
        check(&cx, &mut kinds);
    }

    let problems = kinds.iter().any(|k| k.severity() != Severity::Info);
    if !problems {
        if let Some(ok) = healthy(&cx) {
            kinds.push(ok);
        }
    }
    if kinds.is_empty() {
        // Every path above should have produced something; say so rather than print nothing.
        kinds.push(FindingKind::HandshakeFailed {
            failure: crate::wire::HandshakeFailure::Protocol {
                detail: "no conclusion could be drawn from the evidence".into(),
            },
        });
    }
    let mut findings: Vec<Finding> = kinds.into_iter().map(Finding::new).collect();
    findings.sort_by_key(|f| (rank(f.id()), f.severity));

    Diagnosis {
        kind: Default::default(),
        v: WIRE_VERSION,
        target: evidence.target.clone(),
        now,
        findings,
        certificates: cx.parsed().map(|(i, c)| c.summary(i)).collect(),
        evidence: Some(evidence.clone()),
        observation: None,
    }
}

/// A browser error, explained from the browser's report alone or, when the host measured the
/// server, from the host's evidence. `now` is the browser's clock.
///
/// With evidence, the host's findings lead: they are measured, the browser's report is not.
/// When the host finds the server healthy, the browser's error stays first, marked so: the
/// cause is then likely on this device.
pub fn diagnose_browser(
    observation: &Observation,
    evidence: Option<&Evidence>,
    now: Timestamp,
    policy: &Policy,
) -> Diagnosis {
    let entry = browser::decode(&observation.error);
    let browser_error = |server_healthy_now: bool| FindingKind::BrowserError {
        browser: entry.map_or(observation.browser.family, |e| e.browser),
        code: observation.error.trim().to_owned(),
        name: entry.filter(|e| e.code != observation.error.trim()).map(|e| e.code.to_owned()),
        category: entry.map_or(ErrorCategory::Unknown, |e| e.category),
        causes: entry.map(|e| e.causes.to_vec()).unwrap_or_default(),
        overridable: entry.and_then(|e| e.overridable),
        server_healthy_now,
    };
    match evidence {
        Some(evidence) => {
            let mut d = diagnose(evidence, now, policy);
            if d.healthy() {
                d.findings.insert(0, Finding::new(browser_error(true)));
            }
            d.observation = Some(observation.clone());
            d
        }
        None => Diagnosis {
            kind: Default::default(),
            v: WIRE_VERSION,
            target: browser::target_of_url(&observation.url, observation.address).unwrap_or_else(|| Target {
                host: String::new(),
                port: 0,
                address: observation.address,
                sni: None,
                verify_name: String::new(),
                starttls: None,
            }),
            now,
            findings: vec![Finding::new(browser_error(false))],
            certificates: Vec::new(),
            evidence: None,
            observation: Some(observation.clone()),
        },
    }
}

fn healthy(cx: &Context<'_>) -> Option<FindingKind> {
    let h = cx.primary?;
    let (version, cipher) = match (&h.tls, cx.browser_usable_legacy()) {
        (TlsOutcome::Established { version, cipher }, _) => (version.clone(), cipher.clone()),
        // rustls speaks no CBC suite; browsers still do.
        (_, Some((version, cipher))) => (version, cipher),
        _ => return None,
    };
    let leaf = cx.leaf()?;
    let trusted_by =
        cx.trust().iter().filter(|s| matches!(s.verdict, Verdict::Trusted { .. })).map(|s| s.store).collect();
    Some(FindingKind::Ok {
        version,
        cipher,
        trusted_by,
        not_after: leaf.not_after,
        days_left: cx.now.days_until(leaf.not_after),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_lists_every_id_once() {
        for id in FindingId::ALL {
            assert_eq!(RANK.iter().filter(|r| *r == id).count(), 1, "{id:?}");
        }
        assert_eq!(RANK.len(), FindingId::ALL.len());
    }

    #[test]
    fn rank_puts_warnings_after_critical() {
        let first_warning = RANK.iter().position(|id| id.severity() != Severity::Critical).unwrap();
        assert!(RANK[first_warning..].iter().all(|id| id.severity() != Severity::Critical));
    }
}
