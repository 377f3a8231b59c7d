//! `diagnose(evidence, now, org) -> Diagnosis`: run every check, keep every finding, rank.

use crate::browser;
use crate::checks::{CHECKS, Context, FILE_CHECKS, OrgSettings};
use crate::time::Timestamp;
use crate::wire::{
    Diagnosis, ErrorCategory, Evidence, Finding, FindingId, FindingKind, Observation, Refusal, Severity, Target,
    TlsOutcome, Verdict, WIRE_VERSION,
};

/// The order findings are presented in; the first one present is the primary cause. The
/// order is the table's in `wire/finding.rs`, where each row says why it ranks where it does.
fn rank(id: FindingId) -> usize {
    id.rank()
}

/// Turn what the host measured into ranked findings. Pure: `now` is the moment the verdicts
/// refer to (normally `evidence.measured_at`).
pub fn diagnose(evidence: &Evidence, now: Timestamp, org: &OrgSettings) -> Diagnosis {
    let mut d = diagnose_with(evidence, now, org, None);
    d.evidence = Some(evidence.clone());
    d
}

/// [`diagnose`], keeping `evidence` in the diagnosis without a copy (the extension's module,
/// which has no other use for it: a copy would cost it the code that clones every part).
pub fn diagnose_owned(evidence: Evidence, now: Timestamp, org: &OrgSettings) -> Diagnosis {
    let mut d = diagnose_with(&evidence, now, org, None);
    d.evidence = Some(evidence);
    d
}

/// What the browser's report adds to the checks.
struct BrowserSays<'a> {
    /// The browser's clock minus the host's OS clock, in seconds.
    minus_os: i64,
    distrusts_issuer: bool,
    /// The chain it received on a page that loaded.
    chain: &'a [crate::wire::SeenCert],
}

/// The diagnosis of `evidence`, without the evidence itself (the callers put it in).
fn diagnose_with(
    evidence: &Evidence,
    now: Timestamp,
    org: &OrgSettings,
    browser: Option<BrowserSays<'_>>,
) -> Diagnosis {
    if let Some(refusal) = &evidence.refusal {
        // Nothing was measured: no check has anything to read, and "ok" must not be claimed.
        return Diagnosis {
            kind: Default::default(),
            v: WIRE_VERSION,
            target: evidence.target.clone(),
            now,
            findings: vec![Finding::new(FindingKind::RefusedByPolicy(refusal.clone()))],
            certificates: Vec::new(),
            evidence: None,
            observation: None,
            no_proceed: !org.may_advise_proceeding(&evidence.target.host),
        };
    }
    let mut cx = Context::new(evidence, now, org);
    if let Some(b) = browser {
        cx.browser_minus_os = b.minus_os;
        cx.browser_distrusts_issuer = b.distrusts_issuer;
        cx.browser_chain = b.chain;
    }
    let mut kinds = Vec::new();
    let files = evidence.files.is_some();
    for (name, check) in CHECKS {
        if !files || FILE_CHECKS.contains(name) {
            check(&cx, &mut kinds);
        }
    }
    // A re-signed chain says nothing about the server's own certificate: the findings that
    // judged who vouches for it describe the interceptor.
    let intercepted = kinds.iter().any(|k| {
        matches!(
            k,
            FindingKind::InterceptionKnownProduct { .. }
                | FindingKind::InterceptionCorporate { .. }
                | FindingKind::InterceptionUnknown { .. }
        )
    });
    let internal = kinds.iter().any(|k| matches!(k, FindingKind::InternalCaUntrusted { .. }));
    if internal {
        // The same untrusted chain, explained as what it is: the organisation's own CA.
        kinds.retain(|k| {
            !matches!(
                k,
                FindingKind::UnknownIssuer { .. }
                    | FindingKind::InterceptionCorporate { .. }
                    | FindingKind::InterceptionUnknown { .. }
            )
        });
    }
    if intercepted && !internal {
        kinds.retain(|k| {
            !matches!(
                k,
                FindingKind::UnknownIssuer { .. }
                    | FindingKind::SelfSigned { .. }
                    | FindingKind::IncompleteChain { .. }
                    | FindingKind::ChainInvalid { .. }
            )
        });
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
        evidence: None,
        observation: None,
        no_proceed: !org.may_advise_proceeding(&evidence.target.host),
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
    org: &OrgSettings,
) -> Diagnosis {
    let mut d = browser_with(observation, evidence, now, org);
    d.evidence = evidence.cloned();
    d.observation = Some(observation.clone());
    d
}

/// [`diagnose_browser`], keeping `observation` and `evidence` in the diagnosis without a copy
/// (see [`diagnose_owned`]); with `refused`, [`diagnose_browser_refused`].
pub fn diagnose_browser_owned(
    observation: Observation,
    evidence: Option<Evidence>,
    refused: Option<&Refusal>,
    now: Timestamp,
    org: &OrgSettings,
) -> Diagnosis {
    let mut d = match refused {
        Some(refusal) => refused_with(&observation, refusal, now, org),
        None => browser_with(&observation, evidence.as_ref(), now, org),
    };
    d.evidence = evidence;
    d.observation = Some(observation);
    d
}

/// [`diagnose_browser`] without the observation and the evidence themselves.
fn browser_with(
    observation: &Observation,
    evidence: Option<&Evidence>,
    now: Timestamp,
    org: &OrgSettings,
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
        Some(Evidence { refusal: Some(refusal), .. }) => {
            // The browser's word is all there is (explained as without a host): it leads, the
            // refusal says why no more.
            refused_with(observation, refusal, now, org)
        }
        Some(evidence) => {
            // The host's OS clock when it finished measuring, against the browser's now.
            let os_now = evidence.measured_at.unix() + i64::try_from(evidence.elapsed_ms / 1000).unwrap_or(0);
            let says = BrowserSays {
                minus_os: now.unix() - os_now,
                distrusts_issuer: entry
                    .is_some_and(|e| matches!(e.category, ErrorCategory::CertTrust | ErrorCategory::Interception)),
                chain: &observation.chain_seen,
            };
            let mut d = diagnose_with(evidence, now, org, Some(says));
            if observation.error.trim().is_empty() {
                // A page that loaded: nothing failed in the browser to explain.
            } else if let Some(outdated) = crate::checks::local::outdated(observation, evidence) {
                // The server is fine for current browsers, so it looks healthy: this browser
                // is what fails.
                d.findings.insert(0, Finding::new(outdated));
            } else if let Some(stale) = stale(observation, entry, evidence, &d) {
                if about_tls(entry) {
                    d.findings.insert(0, Finding::new(stale));
                } else {
                    // The server's TLS is healthy, but the browser's error is not about TLS or
                    // certificates (an HTTP answer it could not read, a proxy, an unknown
                    // code): nothing says that what it keeps is stale. Its own word leads.
                    d.findings.insert(0, Finding::new(browser_error(true)));
                }
            }
            d
        }
        None => {
            let target = browser::target_of_url(&observation.url, observation.address).unwrap_or_else(|| Target {
                host: String::new(),
                port: 0,
                address: observation.address,
                sni: None,
                verify_name: String::new(),
                starttls: None,
            });
            let mut findings = vec![Finding::new(browser_error(false))];
            // An issuer the browser does not trust, on a site the admin named internal: most
            // likely the organisation's root is missing here (said as a likelihood: only the
            // browser's word, no chain).
            let untrusted = entry.is_some_and(|e| e.category == ErrorCategory::CertTrust);
            if let Some(domain) = org.internal_domain(&target.host).filter(|_| untrusted) {
                let internal = FindingKind::InternalCaUntrusted {
                    issuer: None,
                    domain: Some(domain.to_owned()),
                    declared: false,
                    os_trusts: false,
                };
                findings.insert(0, Finding::new(internal));
            }
            Diagnosis {
                kind: Default::default(),
                v: WIRE_VERSION,
                no_proceed: !org.may_advise_proceeding(&target.host),
                target,
                now,
                findings,
                certificates: Vec::new(),
                evidence: None,
                observation: None,
            }
        }
    }
}

/// A browser error explained from the browser's report alone, followed by `refused_by_policy`:
/// why the server was not checked. For a refusal decided before the host is asked (the
/// extension's managed setting that turns probing off: [`Refusal::probes_off`] with
/// [`crate::wire::LimitSource::ManagedSettings`]).
pub fn diagnose_browser_refused(
    observation: &Observation,
    refusal: &Refusal,
    now: Timestamp,
    org: &OrgSettings,
) -> Diagnosis {
    let mut d = refused_with(observation, refusal, now, org);
    d.observation = Some(observation.clone());
    d
}

/// [`diagnose_browser_refused`] without the observation itself.
fn refused_with(observation: &Observation, refusal: &Refusal, now: Timestamp, org: &OrgSettings) -> Diagnosis {
    let mut d = browser_with(observation, None, now, org);
    if observation.error.trim().is_empty() {
        d.findings.clear();
    }
    d.findings.push(Finding::new(FindingKind::RefusedByPolicy(refusal.clone())));
    d
}

/// The browser's error is about certificates or TLS: a healthy server now means that what the
/// browser keeps of the site is stale.
fn about_tls(entry: Option<&browser::CodeEntry>) -> bool {
    use ErrorCategory as C;
    entry.is_some_and(|e| {
        matches!(
            e.category,
            C::CertTime
                | C::CertName
                | C::CertTrust
                | C::CertRevocation
                | C::CertStrength
                | C::CertPolicy
                | C::CertFormat
                | C::TlsVersionCipher
                | C::TlsHandshake
                | C::PinningCt
                | C::Interception
        )
    })
}

/// `stale_browser_state`: the browser failed, yet the host connects now and finds nothing that
/// would make a browser fail (warnings such as `expiring_soon` do not).
fn stale(
    observation: &Observation,
    entry: Option<&browser::CodeEntry>,
    evidence: &Evidence,
    d: &Diagnosis,
) -> Option<FindingKind> {
    if d.findings.iter().any(|f| f.severity == Severity::Critical) {
        return None;
    }
    let (version, cipher) = match d.findings.first().map(|f| &f.kind) {
        Some(FindingKind::Ok { version, cipher, .. }) => (version.clone(), cipher.clone()),
        _ => match evidence.handshakes.first().map(|h| &h.tls) {
            Some(TlsOutcome::Established { version, cipher }) => (version.clone(), cipher.clone()),
            _ => return None,
        },
    };
    Some(FindingKind::StaleBrowserState {
        browser: entry.map_or(observation.browser.family, |e| e.browser),
        code: observation.error.trim().to_owned(),
        name: entry.filter(|e| e.code != observation.error.trim()).map(|e| e.code.to_owned()),
        origin: origin_of(&observation.url),
        version,
        cipher,
    })
}

/// `scheme://host[:port]` of a URL, as `browsingData` takes origins.
fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("https", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let scheme = scheme.to_ascii_lowercase();
    let default_port = if scheme == "http" { ":80" } else { ":443" };
    let authority = authority.strip_suffix(default_port).unwrap_or(authority);
    format!("{scheme}://{}", authority.to_ascii_lowercase())
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
    let browser_leaf = cx
        .browser_chain
        .first()
        .filter(|seen| crate::checks::local::same_leaf(cx, seen) == Some(true))
        .map(|seen| crate::checks::local::norm_hex(&seen.sha256));
    let trusted_by =
        cx.trust().iter().filter(|s| matches!(s.verdict, Verdict::Trusted { .. })).map(|s| s.store).collect();
    Some(FindingKind::Ok {
        version,
        cipher,
        trusted_by,
        not_after: leaf.not_after,
        days_left: cx.now.days_until(leaf.not_after),
        browser_leaf,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_puts_warnings_after_critical() {
        let ranked = FindingId::ALL;
        let first_warning = ranked.iter().position(|id| id.severity() != Severity::Critical).unwrap();
        assert!(ranked[first_warning..].iter().all(|id| id.severity() != Severity::Critical));
    }
}
