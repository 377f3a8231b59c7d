//! The certificate path on arbitrary certificates: `tls_doctor_core::cert::parse`, the host's
//! `trust::verify` (both verdicts, dates aside included), `diagnose`, and `explain` in both
//! languages, on an Evidence built from the fuzz bytes as the host builds it. None may panic.
//!
//! Input: one flags byte, then up to 8 certificates, each a big-endian u16 length and its
//! bytes. Flags: bit 0, the chain came from a legacy probe (rustls got none); bit 1, the last
//! certificate is also a `--ca-file` anchor; bit 2, the name asked for is an IP address.

#![no_main]

use std::net::IpAddr;
use std::sync::OnceLock;
use std::time::{Duration, UNIX_EPOCH};

use libfuzzer_sys::fuzz_target;
use rustls::pki_types::CertificateDer;
use tls_doctor_core::test_support::{self, accepted, handshake, probe};
use tls_doctor_core::wire::{
    Bytes, CipherOffer, DnsOutcome, DnsSkipped, Evidence, Handshake, HandshakeRole, ProtocolVersion, StoreVerdict,
    TcpAttempt, TcpOutcome, TlsOutcome, TrustStore, VersionProbe,
};
use tls_doctor_core::{FixedOffset, Lang, OrgSettings, Timestamp};
use tls_doctor_host::trust::{self, Store};

/// 2026-01-01T00:00:00Z: a fixed "now", so that a crash reproduces.
const NOW: u64 = 1_767_225_600;

fn mozilla() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(Store::mozilla)
}

fn certificates(mut data: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    while out.len() < 8 && data.len() >= 2 {
        let len = usize::from(u16::from_be_bytes([data[0], data[1]]));
        let end = (2 + len).min(data.len());
        out.push(data[2..end].to_vec());
        data = &data[end..];
    }
    out
}

fn pem(der: &[u8]) -> Vec<u8> {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    format!("-----BEGIN CERTIFICATE-----\n{b64}\n-----END CERTIFICATE-----\n").into_bytes()
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let chain = certificates(rest);
    for c in &chain {
        if let Ok(info) = tls_doctor_core::cert::parse(c) {
            let _ = info.self_issued();
        }
    }

    let now = UNIX_EPOCH + Duration::from_secs(NOW);
    let ders: Vec<CertificateDer<'static>> = chain.iter().map(|c| CertificateDer::from(c.clone())).collect();
    let custom = match chain.last() {
        Some(last) if flags & 2 != 0 => Store::custom_from_pem(&pem(last)).ok(),
        _ => None,
    };
    let trust = if chain.is_empty() {
        Vec::new()
    } else {
        [Some(mozilla()), custom.as_ref()].into_iter().flatten().map(|s| trust::verify(s, &ders, now)).collect()
    };
    assert!(trust.iter().all(|t| t.store != TrustStore::Custom || custom.is_some()));

    let evidence = as_the_host_builds(flags, chain, trust);
    let diagnosis = tls_doctor_core::diagnose(&evidence, Timestamp(NOW as i64), &OrgSettings::default());
    assert!(!diagnosis.findings.is_empty());
    for lang in [Lang::Ja, Lang::En] {
        let _ = tls_doctor_core::explain(&diagnosis, lang, &FixedOffset(540));
    }
});

/// The evidence the host would gather: `chain` and its verdicts on the primary handshake, or on
/// a TLS 1.0 version probe when rustls got nothing (flag bit 0); an IP target without SNI (bit 2).
fn as_the_host_builds(flags: u8, chain: Vec<Vec<u8>>, trust: Vec<StoreVerdict>) -> Evidence {
    let legacy = flags & 1 != 0;
    let address: IpAddr = [127, 0, 0, 1].into();
    let host = if flags & 4 != 0 { "127.0.0.1" } else { "fuzz.example" };
    let sni = (flags & 4 == 0).then(|| host.to_owned());
    let (tls, primary_chain, primary_trust, probe_chain, probe_trust) = if legacy {
        (TlsOutcome::Alert { alert: "protocol_version".into() }, Vec::new(), Vec::new(), chain, trust)
    } else {
        (
            TlsOutcome::Established { version: "TLS 1.2".into(), cipher: "TLS13_AES_128_GCM_SHA256".into() },
            chain,
            trust,
            Vec::new(),
            Vec::new(),
        )
    };
    let mut ev = test_support::evidence(host);
    ev.target.address = Some(address);
    ev.target.sni = sni.clone();
    ev.measured_at = Timestamp(NOW as i64);
    ev.dns = DnsOutcome::Skipped { reason: DnsSkipped::AddressGiven };
    ev.handshakes = vec![Handshake {
        sni,
        tcp: vec![TcpAttempt { address, outcome: TcpOutcome::Connected, elapsed_ms: 1 }],
        trust: primary_trust,
        ..handshake(HandshakeRole::Primary, tls, primary_chain)
    }];
    ev.versions = vec![VersionProbe {
        chain: probe_chain.into_iter().map(Bytes).collect(),
        trust: probe_trust,
        ..probe(ProtocolVersion::Tls1_0, CipherOffer::All, accepted(0xC013))
    }];
    ev
}
