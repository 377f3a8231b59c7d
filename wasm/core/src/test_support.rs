//! Hand-made wire values for tests: the one place where the core's tests, the host's tests and
//! the fuzz targets get an [`Evidence`], a [`Handshake`], a verdict, an [`Observation`] or a
//! [`Diagnosis`], and the DER pieces of the certificates they make at run time.
//!
//! Compiled only with the `test-support` feature, which dev-dependencies (and the fuzz crate)
//! turn on, or in the core's own unit tests: never in the wasm module or the host's binary.
//!
//! Each function gives an ordinary value, about [`HOST`] at [`NOW`]; a test states what it is
//! about by changing that value, with struct-update syntax (`Handshake { trust,
//! ..handshake(role, tls, chain) }`) or by assigning fields, so that what a test sets stands in
//! the test. Nothing here judges: no finding is assumed.

use std::net::{IpAddr, Ipv4Addr};

use crate::time::Timestamp;
use crate::wire::{
    BrowserFamily, BrowserInfo, Bytes, CipherOffer, Diagnosis, DnsOutcome, Evidence, Finding, FindingKind, Handshake,
    HandshakeRole, HostInfo, Observation, ProtocolVersion, RejectReason, StoreVerdict, Target, TcpAttempt, TcpOutcome,
    TlsOutcome, TrustStore, Verdict, VersionOutcome, VersionProbe, WIRE_VERSION,
};

/// 2026-06-01T00:00:00Z: the tests' "now", and when [`evidence`] was measured.
pub const NOW: Timestamp = Timestamp(1_780_272_000);

/// The name asked for, unless a test says otherwise.
pub const HOST: &str = "www.example.jp";

/// The server's address (TEST-NET-1, RFC 5737): where the name resolves and the handshakes
/// connect.
pub const ADDRESS: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 10));

/// `host:port` asked for by name, with SNI and the certificate checked against the same name,
/// TLS from the first byte.
pub fn target(host: &str, port: u16) -> Target {
    Target { host: host.into(), port, address: None, sni: Some(host.into()), verify_name: host.into(), starttls: None }
}

/// A check of `https://host/` measured at [`NOW`]: the name resolved to [`ADDRESS`], and
/// nothing else measured yet (no handshake, no AIA, no version probe, no local probe).
pub fn evidence(host: &str) -> Evidence {
    Evidence {
        measured_at: NOW,
        timeout_ms: 10_000,
        elapsed_ms: 12,
        ..Evidence::unmeasured(
            HostInfo { name: "test".into(), version: "0".into() },
            target(host, 443),
            DnsOutcome::Resolved { addresses: vec![ADDRESS], elapsed_ms: 1 },
        )
    }
}

/// [`evidence`] with one primary handshake to `host` that served `chain`, verified as `trust`
/// says.
pub fn served(host: &str, tls: TlsOutcome, chain: Vec<Vec<u8>>, trust: Vec<StoreVerdict>) -> Evidence {
    let mut ev = evidence(host);
    ev.handshakes.push(Handshake { sni: Some(host.into()), trust, ..handshake(HandshakeRole::Primary, tls, chain) });
    ev
}

/// One connection to [`ADDRESS`] and its handshake: SNI [`HOST`] on the primary one, none on
/// the others; no STARTTLS, no staple, no verdict.
pub fn handshake(role: HandshakeRole, tls: TlsOutcome, chain: Vec<Vec<u8>>) -> Handshake {
    Handshake {
        tcp: vec![TcpAttempt { address: ADDRESS, outcome: TcpOutcome::Connected, elapsed_ms: 1 }],
        tls,
        chain: chain.into_iter().map(Bytes).collect(),
        elapsed_ms: 3,
        ..Handshake::not_attempted(role, (role == HandshakeRole::Primary).then(|| HOST.into()))
    }
}

/// A completed TLS 1.3 handshake.
pub fn established() -> TlsOutcome {
    TlsOutcome::Established { version: "TLS 1.3".into(), cipher: "TLS13_AES_128_GCM_SHA256".into() }
}

/// A path to an anchor, with no anchor named.
pub fn trusted() -> Verdict {
    Verdict::Trusted { anchor: Bytes::default(), anchor_sha256: None, anchor_spki_sha256: None }
}

/// A rejection for `reason`, its detail the reason's name.
pub fn rejected(reason: RejectReason) -> Verdict {
    Verdict::Rejected { reason, detail: format!("{reason:?}") }
}

/// `verdict` from a store of 150 anchors, none of them the issuer of any of the `chain_len`
/// certificates served.
pub fn store(store: TrustStore, verdict: Verdict, dates_aside: Option<Verdict>, chain_len: usize) -> StoreVerdict {
    StoreVerdict {
        store,
        anchors: 150,
        verdict,
        verdict_dates_aside: dates_aside,
        issuer_is_anchor: vec![false; chain_len],
    }
}

/// One hand-built ClientHello and its answer, no chain kept.
pub fn probe(version: ProtocolVersion, offer: CipherOffer, outcome: VersionOutcome) -> VersionProbe {
    VersionProbe { version, offer, outcome, chain: Vec::new(), chain_overflow: None, trust: Vec::new(), elapsed_ms: 2 }
}

/// The server chose this cipher suite (IANA number).
pub fn accepted(cipher: u16) -> VersionOutcome {
    VersionOutcome::Accepted { cipher, dh_bits: None }
}

/// The server refused with this alert.
pub fn refused(alert: &str) -> VersionOutcome {
    VersionOutcome::Refused { alert: Some(alert.into()), answered: None }
}

/// `ok`: TLS 1.3, trusted by Mozilla, the certificate valid for 90 more days after [`NOW`].
pub fn ok() -> FindingKind {
    FindingKind::Ok {
        version: "TLS 1.3".into(),
        cipher: "TLS13_AES_128_GCM_SHA256".into(),
        trusted_by: vec![TrustStore::Mozilla],
        not_after: NOW.plus_seconds(90 * 86_400),
        days_left: 90,
        browser_leaf: None,
    }
}

/// `name_mismatch`: `requested` is not among the certificate's DNS names `names` (no IP
/// address, no common name, no hint).
pub fn name_mismatch(requested: &str, names: &[&str]) -> FindingKind {
    FindingKind::NameMismatch {
        requested: requested.into(),
        dns_names: names.iter().map(|n| (*n).to_owned()).collect(),
        ip_addresses: Vec::new(),
        common_name: None,
        cn_only: false,
        hint: None,
    }
}

/// A diagnosis of `target` at [`NOW`] with these findings, in this order (not ranked), and no
/// certificate, evidence or observation behind them: what the words and the mail
/// recommendation read.
pub fn diagnosis(target: Target, findings: Vec<FindingKind>) -> Diagnosis {
    Diagnosis {
        kind: Default::default(),
        v: WIRE_VERSION,
        target,
        now: NOW,
        findings: findings.into_iter().map(Finding::new).collect(),
        certificates: Vec::new(),
        evidence: None,
        observation: None,
        no_proceed: false,
    }
}

/// Chrome's report of `error` on `https://www.example.jp/` at [`NOW`], no chain seen.
pub fn observation(error: &str) -> Observation {
    Observation {
        kind: Default::default(),
        v: WIRE_VERSION,
        browser: BrowserInfo {
            family: BrowserFamily::Chromium,
            name: "Chrome".into(),
            version: "156.0".into(),
            user_agent: String::new(),
        },
        url: format!("https://{HOST}/"),
        error: error.into(),
        observed_at: NOW,
        address: None,
        chain_seen: Vec::new(),
    }
}

// ---- DER, for certificates made at run time ------------------------------------------------

/// One DER element: `tag`, its definite length (short form below 128, long form above),
/// `content`.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let len = content.len();
    let mut out = vec![tag];
    if len < 0x80 {
        out.push(u8::try_from(len).unwrap_or(0));
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | u8::try_from(bytes.len() - skip).unwrap_or(0));
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// id-pe-authorityInfoAccess, the OID of [`authority_info_access`]'s extension (rcgen's
/// `CustomExtension::from_oid_content` takes it with the value).
pub const ID_PE_AUTHORITY_INFO_ACCESS: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 1, 1];

/// The value of an Authority Information Access extension (RFC 5280 §4.2.2.1) naming
/// `ca_issuers` (where the issuer's certificate is) and `ocsp` (the responder, RFC 6960 §3.1),
/// each when given: a certificate carries one AIA extension, so both go in the same one.
///
/// ```asn1
/// AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription
/// AccessDescription ::= SEQUENCE { accessMethod OBJECT IDENTIFIER, accessLocation GeneralName }
/// GeneralName ::= CHOICE { ..., uniformResourceIdentifier [6] IA5String, ... }
/// ```
pub fn authority_info_access(ca_issuers: Option<&str>, ocsp: Option<&str>) -> Vec<u8> {
    /// id-ad-caIssuers (1.3.6.1.5.5.7.48.2) and id-ad-ocsp (1.3.6.1.5.5.7.48.1), with tag and
    /// length.
    const ID_AD_CA_ISSUERS: &[u8] = &[0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02];
    const ID_AD_OCSP: &[u8] = &[0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01];
    const SEQUENCE: u8 = 0x30;
    /// `[6] IMPLICIT IA5String`.
    const URI: u8 = 0x86;
    let description = |method: &[u8], url: &str| tlv(SEQUENCE, &[method, &tlv(URI, url.as_bytes())].concat());
    let mut descriptions = Vec::new();
    if let Some(url) = ocsp {
        descriptions.extend(description(ID_AD_OCSP, url));
    }
    if let Some(url) = ca_issuers {
        descriptions.extend(description(ID_AD_CA_ISSUERS, url));
    }
    tlv(SEQUENCE, &descriptions)
}
