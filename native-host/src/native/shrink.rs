//! Evidence that would not fit in one reply. Chrome and Firefox refuse a message from a host
//! larger than 1 MB ([`REPLY_LIMIT`]), and the probes may record more than that: two chains of
//! up to 1 MB each (`CHAIN_BYTES_LIMIT`), in base64, plus AIA fetches. Rather than fail the
//! check, the reply gives up what matters least to the diagnosis first, one step at a time,
//! and stops as soon as it fits.

use tls_doctor_core::wire::native::{HostError, Reply};
use tls_doctor_core::wire::{AiaOutcome, Bytes, ChainOverflow, Evidence, Handshake, HandshakeRole};

#[cfg(doc)]
use tls_doctor_core::wire::native::REPLY_LIMIT;

/// The without-SNI handshake is compared with the primary one by its leaf only (the model's
/// `sni` check); a few certificates are kept at first so that an admin reading the evidence
/// still sees the start of that chain.
const WITHOUT_SNI_KEPT: usize = 3;

/// What was given up, for the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The first bytes each server sent (only needed when the answer was not TLS, and then
    /// there is no chain to make the reply large).
    Received,
    /// The without-SNI chain beyond its first [`WITHOUT_SNI_KEPT`] certificates.
    WithoutSniTail,
    /// Stapled OCSP responses.
    StapledOcsp,
    /// The without-SNI chain beyond its leaf.
    WithoutSniBeyondLeaf,
    /// The canary's chain (`client.canary`) beyond its leaf, which names the issuer the model
    /// compares: before any of the primary chain.
    CanaryBeyondLeaf,
    /// The served chain's last certificates (the primary handshake's, or a legacy probe's),
    /// one at a time, down to the leaf; the primary's `chain_overflow` then tells how many
    /// there were.
    PrimaryTail,
    /// Certificates fetched through AIA (their outcome becomes `too_large`).
    AiaCertificates,
    /// The without-SNI chain entirely.
    WithoutSniChain,
    /// The canary's leaf too (its trust verdicts stay).
    CanaryChain,
}

const STEPS: &[Step] = &[
    Step::Received,
    Step::WithoutSniTail,
    Step::StapledOcsp,
    Step::WithoutSniBeyondLeaf,
    Step::CanaryBeyondLeaf,
    Step::PrimaryTail,
    Step::AiaCertificates,
    Step::WithoutSniChain,
    Step::CanaryChain,
];

/// `reply` serialized within `limit` bytes, shrunk when it is evidence that does not fit; the
/// steps taken, in order. When even the smallest evidence does not fit (it cannot happen with
/// the probes' own limits) the reply becomes an `internal` error that keeps the id.
pub fn fit(reply: Reply, limit: usize) -> (Reply, Vec<Step>) {
    let mut taken = Vec::new();
    let Reply::Evidence { v, id, mut evidence } = reply else { return (reply, taken) };
    let fits = |e: &Evidence| size(&Reply::Evidence { v, id: id.clone(), evidence: Box::new(e.clone()) }) <= limit;
    if fits(&evidence) {
        return (Reply::Evidence { v, id, evidence }, taken);
    }
    for step in STEPS {
        if *step == Step::PrimaryTail {
            // One certificate at a time: keep as much of the served chain as fits.
            let mut changed = false;
            while !fits(&evidence) && apply_primary_tail(&mut evidence) {
                changed = true;
            }
            if changed {
                taken.push(*step);
            }
        } else if apply(*step, &mut evidence) {
            taken.push(*step);
        }
        if fits(&evidence) {
            return (Reply::Evidence { v, id, evidence }, taken);
        }
    }
    let message = format!("the evidence does not fit in one {limit}-byte reply, even shrunk");
    (Reply::Error { v, id: Some(id), error: HostError::Internal, message }, taken)
}

fn size(reply: &Reply) -> usize {
    serde_json::to_vec(reply).map_or(usize::MAX, |json| json.len())
}

/// Applies one step; false when it changed nothing.
fn apply(step: Step, e: &mut Evidence) -> bool {
    match step {
        Step::Received => all_handshakes(e).fold(false, |changed, h| {
            let had = !h.received.is_empty();
            h.received = Bytes::default();
            changed | had
        }),
        Step::WithoutSniTail => without_sni(e).is_some_and(|h| truncate_chain(h, WITHOUT_SNI_KEPT)),
        Step::StapledOcsp => all_handshakes(e).fold(false, |changed, h| changed | h.stapled_ocsp.take().is_some()),
        Step::CanaryBeyondLeaf => e.client.canary.as_mut().is_some_and(|c| truncate_chain(&mut c.handshake, 1)),
        Step::CanaryChain => e.client.canary.as_mut().is_some_and(|c| truncate_chain(&mut c.handshake, 0)),
        Step::WithoutSniBeyondLeaf => without_sni(e).is_some_and(|h| truncate_chain(h, 1)),
        Step::PrimaryTail => apply_primary_tail(e),
        Step::AiaCertificates => e.aia.iter_mut().fold(false, |changed, fetch| {
            let fetched = matches!(fetch.outcome, AiaOutcome::Fetched { .. });
            if fetched {
                fetch.outcome = AiaOutcome::TooLarge;
            }
            changed | fetched
        }),
        Step::WithoutSniChain => without_sni(e).is_some_and(|h| truncate_chain(h, 0)),
    }
}

/// Drops the served chain's last certificate, never its leaf: the primary handshake's, or the
/// legacy probe's when rustls got none (an old server).
fn apply_primary_tail(e: &mut Evidence) -> bool {
    if let Some(h) = e.handshakes.iter_mut().find(|h| h.role == HandshakeRole::Primary && h.chain.len() > 1) {
        return truncate_chain(h, h.chain.len() - 1);
    }
    match e.versions.iter_mut().find(|p| p.chain.len() > 1) {
        Some(p) => {
            let keep = p.chain.len() - 1;
            p.chain.truncate(keep);
            for verdict in &mut p.trust {
                verdict.issuer_is_anchor.truncate(keep);
            }
            true
        }
        None => false,
    }
}

/// The target's handshakes and the canary's.
fn all_handshakes(e: &mut Evidence) -> impl Iterator<Item = &mut Handshake> {
    e.handshakes.iter_mut().chain(e.client.canary.as_mut().map(|c| &mut c.handshake))
}

fn without_sni(e: &mut Evidence) -> Option<&mut Handshake> {
    e.handshakes.iter_mut().find(|h| h.role == HandshakeRole::WithoutSni)
}

/// Keeps the first `keep` certificates. `chain_overflow` records what the server sent unless
/// it already does (the probe's own record holds the server's true numbers), and each store's
/// per-certificate facts are cut to the certificates kept.
fn truncate_chain(h: &mut Handshake, keep: usize) -> bool {
    if h.chain.len() <= keep {
        return false;
    }
    if h.chain_overflow.is_none() {
        h.chain_overflow =
            Some(ChainOverflow { certificates: h.chain.len(), bytes: h.chain.iter().map(Bytes::len).sum() });
    }
    h.chain.truncate(keep);
    for verdict in &mut h.trust {
        verdict.issuer_is_anchor.truncate(keep);
    }
    true
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]

    use std::net::{IpAddr, Ipv4Addr};

    use tls_doctor_core::Timestamp;
    use tls_doctor_core::wire::native::REPLY_LIMIT;
    use tls_doctor_core::wire::{
        AiaFetch, DnsOutcome, DnsSkipped, HostInfo, StoreVerdict, Target, TcpAttempt, TcpOutcome, TlsOutcome,
        TrustStore, Verdict,
    };

    use super::*;

    fn handshake(role: HandshakeRole, certs: usize, cert_len: usize) -> Handshake {
        Handshake {
            role,
            sni: None,
            starttls: None,
            tcp: vec![TcpAttempt {
                address: IpAddr::V4(Ipv4Addr::LOCALHOST),
                outcome: TcpOutcome::Connected,
                elapsed_ms: 1,
            }],
            tls: TlsOutcome::Established { version: "TLSv1.3".into(), cipher: "TLS13_AES_128_GCM_SHA256".into() },
            received: Bytes(vec![0x16; 512]),
            // Each certificate distinct, so that a test can tell which ones were kept.
            chain: (0..certs).map(|i| Bytes(vec![u8::try_from(i % 256).unwrap(); cert_len])).collect(),
            chain_overflow: None,
            stapled_ocsp: Some(Bytes(vec![1; 2_000])),
            client_cert_requested: false,
            post_handshake_alert: None,
            trust: vec![StoreVerdict {
                store: TrustStore::Mozilla,
                anchors: 150,
                verdict: Verdict::Rejected {
                    reason: tls_doctor_core::wire::RejectReason::UnknownIssuer,
                    detail: String::new(),
                },
                verdict_dates_aside: None,
                issuer_is_anchor: vec![false; certs],
            }],
            elapsed_ms: 5,
        }
    }

    fn evidence(primary: (usize, usize), without_sni: (usize, usize), aia: usize) -> Evidence {
        Evidence {
            kind: Default::default(),
            v: 1,
            host: HostInfo { name: "tls-doctor".into(), version: "0".into() },
            target: Target {
                host: "big.example".into(),
                port: 443,
                address: None,
                sni: Some("big.example".into()),
                verify_name: "big.example".into(),
                starttls: None,
            },
            measured_at: Timestamp(1_700_000_000),
            timeout_ms: 10_000,
            elapsed_ms: 50,
            dns: DnsOutcome::Skipped { reason: DnsSkipped::AddressGiven },
            handshakes: vec![
                handshake(HandshakeRole::Primary, primary.0, primary.1),
                handshake(HandshakeRole::WithoutSni, without_sni.0, without_sni.1),
            ],
            aia: (0..aia)
                .map(|i| AiaFetch {
                    url: format!("http://aia.example/{i}.der"),
                    outcome: AiaOutcome::Fetched { certificate: Bytes(vec![7; 60_000]) },
                    elapsed_ms: 1,
                })
                .collect(),
            client: Default::default(),
            refusal: None,
            completed_trust: Vec::new(),
            server_clock: None,
            versions: Vec::new(),
            revocation: Vec::new(),
        }
    }

    fn reply(e: Evidence) -> Reply {
        Reply::Evidence { v: 1, id: "big".into(), evidence: Box::new(e) }
    }

    fn shrunk(r: &Reply) -> &Evidence {
        match r {
            Reply::Evidence { evidence, .. } => evidence,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_reply_that_fits_is_left_alone() {
        let e = evidence((3, 1_500), (3, 1_500), 1);
        let (r, steps) = fit(reply(e.clone()), REPLY_LIMIT);
        assert!(steps.is_empty());
        assert_eq!(shrunk(&r), &e);
    }

    #[test]
    fn two_large_chains_fit_by_giving_up_the_without_sni_chain_first() {
        // 12 certificates of 40 kB with SNI, 20 without: about 1.8 MB of base64.
        let e = evidence((12, 40_000), (20, 40_000), 1);
        assert!(size(&reply(e.clone())) > REPLY_LIMIT * 3 / 2);
        let (r, steps) = fit(reply(e.clone()), REPLY_LIMIT);
        assert!(size(&r) <= REPLY_LIMIT, "{}", size(&r));
        assert_eq!(steps, [Step::Received, Step::WithoutSniTail]);
        let s = shrunk(&r);
        let (primary, without) = (&s.handshakes[0], &s.handshakes[1]);
        assert!(primary.received.is_empty() && without.received.is_empty());
        // The without-SNI chain keeps its first certificates (the leaf first) and says how
        // long it was; the primary chain, the OCSP responses and the AIA fetches are whole.
        assert_eq!(without.chain, e.handshakes[1].chain[..WITHOUT_SNI_KEPT]);
        assert_eq!(without.chain_overflow, Some(ChainOverflow { certificates: 20, bytes: 800_000 }));
        assert_eq!(without.trust[0].issuer_is_anchor.len(), WITHOUT_SNI_KEPT);
        assert!(without.stapled_ocsp.is_some());
        assert_eq!(primary.chain, e.handshakes[0].chain);
        assert_eq!(primary.chain_overflow, None);
        assert_eq!(s.aia, e.aia);
    }

    #[test]
    fn a_primary_chain_too_big_alone_is_cut_from_its_end_down_to_what_fits() {
        // 1 MB of certificates in the primary chain (the probe's own limit): 1.33 MB of base64.
        let e = evidence((20, 50_000), (2, 1_000), 2);
        let (r, steps) = fit(reply(e.clone()), REPLY_LIMIT);
        assert!(size(&r) <= REPLY_LIMIT);
        assert_eq!(*steps.last().unwrap(), Step::PrimaryTail);
        let primary = &shrunk(&r).handshakes[0];
        let kept = primary.chain.len();
        assert!((10..20).contains(&kept), "{kept}");
        assert_eq!(primary.chain, e.handshakes[0].chain[..kept]);
        assert_eq!(primary.chain_overflow, Some(ChainOverflow { certificates: 20, bytes: 1_000_000 }));
        // As much of the chain as fits is kept: one more certificate would not fit.
        let mut one_more = shrunk(&r).clone();
        one_more.handshakes[0].chain.push(e.handshakes[0].chain[kept].clone());
        assert!(size(&reply(one_more)) > REPLY_LIMIT);
    }

    #[test]
    fn the_canary_chain_goes_before_the_primary_one() {
        let mut e = evidence((12, 40_000), (1, 1_000), 0);
        e.client.canary = Some(tls_doctor_core::wire::CanaryCheck {
            host: "canary.example".into(),
            port: 443,
            handshake: handshake(HandshakeRole::Primary, 12, 40_000),
        });
        assert!(size(&reply(e.clone())) > REPLY_LIMIT);
        let (r, steps) = fit(reply(e.clone()), REPLY_LIMIT);
        assert!(size(&r) <= REPLY_LIMIT);
        assert_eq!(steps.last(), Some(&Step::CanaryBeyondLeaf));
        let s = shrunk(&r);
        let canary = &s.client.canary.as_ref().unwrap().handshake;
        assert_eq!(canary.chain.len(), 1);
        assert!(canary.received.is_empty() && canary.stapled_ocsp.is_none());
        assert_eq!(canary.chain_overflow, Some(ChainOverflow { certificates: 12, bytes: 480_000 }));
        assert_eq!(canary.trust[0].issuer_is_anchor.len(), 1);
        assert_eq!(s.handshakes[0].chain, e.handshakes[0].chain);
    }

    #[test]
    fn the_probes_own_overflow_record_is_kept() {
        let mut e = evidence((20, 50_000), (1, 100), 0);
        let server_said = ChainOverflow { certificates: 45, bytes: 2_250_000 };
        e.handshakes[0].chain_overflow = Some(server_said.clone());
        let (r, _) = fit(reply(e), REPLY_LIMIT);
        assert_eq!(shrunk(&r).handshakes[0].chain_overflow, Some(server_said));
    }

    #[test]
    fn evidence_that_cannot_fit_becomes_an_internal_error_with_the_id() {
        let e = evidence((1, 900_000), (1, 10), 0);
        let (r, _) = fit(reply(e), REPLY_LIMIT);
        match r {
            Reply::Error { id, error, .. } => assert_eq!((id.as_deref(), error), (Some("big"), HostError::Internal)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn other_replies_pass_through() {
        let r = Reply::Error { v: 1, id: None, error: HostError::BadJson, message: "x".repeat(10) };
        assert_eq!(fit(r.clone(), 5), (r, Vec::new()));
    }
}
