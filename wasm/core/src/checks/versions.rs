//! Protocol versions and cipher suites, from the host's hand-built ClientHellos:
//! `legacy_protocol_only`, `weak_cipher_only`, `no_cipher_overlap` (nothing today's browsers
//! can use), and `legacy_protocol_enabled`, `weak_cipher_enabled` (it works, but old doors
//! stay open).
//!
//! One probe per question keeps a diagnosis within a handful of connections, so each probe
//! learns the server's *preferred* suite among those offered, not every suite it accepts: a
//! server that prefers a strong legacy suite over RC4 is not caught with RC4. Full
//! enumeration is a scanner's job (sslyze, testssl.sh), at a hundred connections and more.

use super::Context;
use crate::tls::{self, CipherClass, DH_MIN_BITS};
use crate::wire::{CipherOffer, FindingKind, ProtocolVersion, TlsOutcome, VersionOutcome, VersionProbe, Weakness};

const OLD: [ProtocolVersion; 3] = [ProtocolVersion::Ssl3, ProtocolVersion::Tls1_0, ProtocolVersion::Tls1_1];

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    let probes = &cx.evidence.versions;
    if probes.is_empty() {
        return;
    }
    let accepted = |version: ProtocolVersion, offer: CipherOffer| {
        probes
            .iter()
            .find(|p| p.version == version && p.offer == offer && matches!(p.outcome, VersionOutcome::Accepted { .. }))
    };
    // rustls offers only TLS 1.2/1.3 with ECDHE and AEAD: its success is a modern success.
    let rustls_ok = cx.primary.is_some_and(|h| matches!(h.tls, TlsOutcome::Established { .. }));
    let modern = rustls_ok
        || accepted(ProtocolVersion::Tls1_2, CipherOffer::Modern).is_some()
        || accepted(ProtocolVersion::Tls1_3, CipherOffer::Modern).is_some();
    let old: Vec<&VersionProbe> = OLD.iter().filter_map(|v| accepted(*v, CipherOffer::All)).collect();
    let legacy12 = accepted(ProtocolVersion::Tls1_2, CipherOffer::Legacy);
    // ECDHE with CBC, or DHE in a large group, is not modern, but browsers (still) take it.
    let usable_legacy = legacy12.is_some_and(|p| weakness(p).is_none());

    if modern || usable_legacy {
        if !old.is_empty() {
            out.push(FindingKind::LegacyProtocolEnabled { versions: old.iter().map(|p| p.version).collect() });
        }
        if let Some((probe, weakness)) = legacy12.and_then(|p| weakness(p).map(|w| (p, w))) {
            out.push(FindingKind::WeakCipherEnabled { version: probe.version, cipher: cipher_name(probe), weakness });
        }
        return;
    }
    if let Some((probe, weakness)) = legacy12.and_then(|p| weakness(p).map(|w| (p, w))) {
        out.push(FindingKind::WeakCipherOnly { version: probe.version, cipher: cipher_name(probe), weakness });
        return;
    }
    if let Some(newest) = old.last() {
        out.push(FindingKind::LegacyProtocolOnly {
            accepted: old.iter().map(|p| p.version).collect(),
            cipher: Some(cipher_name(newest)),
        });
        return;
    }
    // The server answered in TLS, but refused every offer: it speaks, but nothing we share.
    let refused: Vec<ProtocolVersion> = probes
        .iter()
        .filter(|p| matches!(&p.outcome, VersionOutcome::Refused { alert: Some(_), .. }))
        .map(|p| p.version)
        .collect();
    if !refused.is_empty() && refused.len() == probes.len() {
        let mut versions = refused;
        versions.dedup();
        out.push(FindingKind::NoCipherOverlap { versions });
    }
}

/// The TLS 1.2 legacy probe's suite, when it is one browsers still accept.
pub(crate) fn usable_legacy(evidence: &crate::wire::Evidence) -> Option<(String, String)> {
    let probe = evidence.versions.iter().find(|p| {
        p.version == ProtocolVersion::Tls1_2
            && p.offer == CipherOffer::Legacy
            && matches!(p.outcome, VersionOutcome::Accepted { .. })
    })?;
    weakness(probe).is_none().then(|| ("TLS 1.2".to_owned(), cipher_name(probe)))
}

fn cipher_name(probe: &VersionProbe) -> String {
    match probe.outcome {
        VersionOutcome::Accepted { cipher, .. } => tls::name(cipher),
        _ => String::new(),
    }
}

/// Why the accepted suite is weak, if it is.
fn weakness(probe: &VersionProbe) -> Option<Weakness> {
    let VersionOutcome::Accepted { cipher, dh_bits } = probe.outcome else { return None };
    Some(match tls::class(cipher) {
        CipherClass::Rc4 => Weakness::Rc4,
        CipherClass::TripleDes => Weakness::TripleDes,
        CipherClass::Null => Weakness::Null,
        CipherClass::Export => Weakness::Export,
        CipherClass::Anonymous => Weakness::Anonymous,
        CipherClass::StaticRsa => Weakness::StaticRsa,
        CipherClass::Dhe if dh_bits.is_none_or(|b| b < DH_MIN_BITS) => Weakness::Dhe { bits: dh_bits },
        CipherClass::Dhe | CipherClass::Modern | CipherClass::EcdheCbc | CipherClass::Other => return None,
    })
}
