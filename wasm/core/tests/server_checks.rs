//! The server-side checks beyond dates, names and trust: protocol versions and ciphers,
//! revocation, certificate hygiene and chain order. Certificates rcgen cannot make (SHA-1,
//! RSA-1024, odd usages) come from `tests/fixtures/make.sh`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use tls_doctor_core::cert;
use tls_doctor_core::test_support::{self, accepted, established, probe, refused, rejected, store};
use tls_doctor_core::wire::*;
use tls_doctor_core::{OrgSettings, Timestamp, diagnose};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}.der", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// `host` served `chain`, which the `--ca-file` store (the fixture root) trusts or not.
fn served_with_root(host: &str, tls: TlsOutcome, chain: Vec<Vec<u8>>, trusted: bool) -> Evidence {
    let verdict = if trusted { test_support::trusted() } else { rejected(RejectReason::UnknownIssuer) };
    let trust = vec![store(TrustStore::Custom, verdict, None, chain.len())];
    test_support::served(host, tls, chain, trust)
}

/// The ids found for a fixture leaf served with the fixture root, a day into its validity.
fn ids_for(name: &str, mutate: impl FnOnce(&mut Evidence)) -> Vec<&'static str> {
    let leaf = fixture(name);
    let now = cert::parse(&leaf).unwrap().not_before.plus_seconds(86_400);
    let mut ev = served_with_root(&format!("{name}.example.jp"), established(), vec![leaf, fixture("root")], true);
    mutate(&mut ev);
    diagnose(&ev, now, &OrgSettings::default()).findings.iter().map(|f| f.id().as_str()).collect()
}

// ---- hygiene --------------------------------------------------------------------------------

#[test]
fn weak_signatures_keys_and_usages_are_named() {
    assert_eq!(ids_for("sha1", |_| {})[0], "weak_signature");
    assert_eq!(ids_for("rsa1024", |_| {})[0], "weak_key");
    assert_eq!(ids_for("client", |_| {})[0], "wrong_usage");
    // The root sent along is noted, after `ok`.
    assert_eq!(ids_for("long", |_| {}), ["validity_too_long", "root_in_chain"]);
}

#[test]
fn a_handshake_rustls_fails_on_an_rsa_1024_signature_is_the_weak_key() {
    // What rustls says when ring will not verify a signature by an RSA-1024 key (the lab's
    // `openssl-weak-key`): the weak key is the cause, the failure adds nothing.
    let bad_signature = || TlsOutcome::Failed { detail: "invalid peer certificate: BadSignature".into() };
    let ids = ids_for("rsa1024", |ev| ev.handshakes[0].tls = bad_signature());
    // (The fixture chain carries its root: `root_in_chain`, after it.)
    assert_eq!(ids, ["weak_key", "root_in_chain"]);
    // With a 2048-bit key the same failure is not explained by the key.
    let ids = ids_for("sha1", |ev| ev.handshakes[0].tls = bad_signature());
    assert_eq!(ids[0], "handshake_failed", "{ids:?}");
    // Nor is another failure with the RSA-1024 key.
    let ids = ids_for("rsa1024", |ev| {
        ev.handshakes[0].tls = TlsOutcome::Alert { alert: "handshake_failure".into() };
    });
    assert_eq!(ids[0], "handshake_failed", "{ids:?}");
}

#[test]
fn a_handshake_refused_for_an_rsa_512_key_is_the_weak_key() {
    // The lab's `openssl-rsa-512`: an RSA-512 key cannot sign a TLS 1.3 handshake (RSA-PSS with
    // SHA-256 needs 528 bits), so the server answers rustls with an alert. The key explains the
    // refusal: `weak_key` first, saying so, and no `handshake_failed`.
    let refused = |ev: &mut Evidence| ev.handshakes[0].tls = TlsOutcome::Alert { alert: "handshake_failure".into() };
    let leaf = fixture("rsa512");
    let now = cert::parse(&leaf).unwrap().not_before.plus_seconds(86_400);
    let mut ev = served_with_root("rsa512.example.jp", established(), vec![leaf, fixture("root")], true);
    refused(&mut ev);
    let d = diagnose(&ev, now, &OrgSettings::default());
    let ids: Vec<_> = d.findings.iter().map(|f| f.id().as_str()).collect();
    assert_eq!(ids, ["weak_key", "root_in_chain"]);
    assert!(
        matches!(&d.findings[0].kind, FindingKind::WeakKey { fails_handshake: true, key, .. } if key == "RSA 512"),
        "{:?}",
        d.findings[0]
    );
    // A handshake that completes with the same key (TLS 1.2 signs with PKCS #1) is refused by
    // browsers for the key, but the key did not stop the handshake.
    let ids = ids_for("rsa512", |_| {});
    assert_eq!(ids[0], "weak_key");
    // And an RSA-1024 key signs TLS 1.3 well enough: an alert with it is no key's doing.
    let ids = ids_for("rsa1024", refused);
    assert_eq!(ids[0], "handshake_failed", "{ids:?}");
}

#[test]
fn a_verifier_rejecting_the_purpose_becomes_wrong_usage_not_chain_invalid() {
    let ids = ids_for("client", |ev| {
        ev.handshakes[0].trust[0].verdict =
            Verdict::Rejected { reason: RejectReason::InvalidPurpose, detail: "RequiredEkuNotFound".into() };
    });
    assert!(ids.contains(&"wrong_usage") && !ids.contains(&"chain_invalid"), "{ids:?}");
}

#[test]
fn a_verifier_refusing_sha1_is_the_weak_signature_not_chain_invalid() {
    let unsupported = |ev: &mut Evidence| {
        ev.handshakes[0].trust[0].verdict = Verdict::Rejected {
            reason: RejectReason::UnsupportedSignatureAlgorithm,
            detail: "UnsupportedSignatureAlgorithmContext { … }".into(),
        };
    };
    assert_eq!(ids_for("sha1", unsupported), ["weak_signature", "root_in_chain"]);
    // The same rejection of a chain with nothing weak in it stays `chain_invalid`.
    assert!(ids_for("client", unsupported).contains(&"chain_invalid"));
}

#[test]
fn chain_order_is_checked() {
    // root first, leaf second: the leaf's issuer is served, but not after it.
    let leaf = fixture("long");
    let now = cert::parse(&leaf).unwrap().not_before.plus_seconds(86_400);
    let mut ev = served_with_root("long.example.jp", established(), vec![leaf.clone(), fixture("root")], true);
    ev.handshakes[0].chain = vec![Bytes(leaf), Bytes(fixture("sha1")), Bytes(fixture("root"))];
    let ids: Vec<_> = diagnose(&ev, now, &OrgSettings::default()).findings.iter().map(|f| f.id().as_str()).collect();
    assert!(ids.contains(&"chain_wrong_order"), "{ids:?}");
}

// ---- revocation -----------------------------------------------------------------------------

fn check(method: RevocationMethod, outcome: RevocationOutcome) -> RevocationCheck {
    RevocationCheck { method, url: String::new(), outcome, elapsed_ms: 3 }
}

#[test]
fn revocation_answers() {
    let revoked = RevocationOutcome::Answered {
        status: CertStatus::Revoked { revoked_at: Timestamp(1_700_000_000), reason: Some("key_compromise".into()) },
        this_update: Timestamp(1_700_000_000),
        next_update: None,
    };
    assert_eq!(ids_for("long", |ev| ev.revocation = vec![check(RevocationMethod::Ocsp, revoked)])[0], "revoked");

    let unreachable = |ev: &mut Evidence| {
        ev.revocation = vec![
            check(RevocationMethod::Staple, RevocationOutcome::NotAvailable),
            check(RevocationMethod::Ocsp, RevocationOutcome::TimedOut),
            check(RevocationMethod::Crl, RevocationOutcome::HttpStatus { status: 503 }),
        ]
    };
    assert!(ids_for("long", unreachable).contains(&"revocation_unavailable"));

    // Nothing to check with: not a finding.
    let nothing =
        |ev: &mut Evidence| ev.revocation = vec![check(RevocationMethod::Ocsp, RevocationOutcome::NotAvailable)];
    assert!(!ids_for("long", nothing).contains(&"revocation_unavailable"));
}

#[test]
fn must_staple_without_a_staple_and_stale_staples() {
    assert!(cert::parse(&fixture("muststaple")).unwrap().must_staple);
    assert!(!cert::parse(&fixture("long")).unwrap().must_staple);
    assert_eq!(ids_for("muststaple", |_| {})[0], "ocsp_staple_missing");
    let stale = |ev: &mut Evidence| {
        ev.revocation = vec![check(
            RevocationMethod::Staple,
            RevocationOutcome::Answered {
                status: CertStatus::Good,
                this_update: Timestamp(0),
                next_update: Some(Timestamp(1)),
            },
        )]
    };
    let ids = ids_for("muststaple", stale);
    assert!(ids.contains(&"ocsp_staple_stale") && !ids.contains(&"ocsp_staple_missing"), "{ids:?}");
}

// ---- versions and ciphers -------------------------------------------------------------------

fn old_device(probes: Vec<VersionProbe>) -> Vec<&'static str> {
    // rustls could not talk to it: no chain from the primary handshake; the TLS 1.0 probe read one.
    let leaf = fixture("long");
    let now = cert::parse(&leaf).unwrap().not_before.plus_seconds(86_400);
    let mut ev =
        served_with_root("long.example.jp", TlsOutcome::Alert { alert: "protocol_version".into() }, vec![], true);
    ev.versions = probes;
    if let Some(p) = ev.versions.iter_mut().find(|p| matches!(p.outcome, VersionOutcome::Accepted { .. })) {
        p.chain = vec![Bytes(leaf), Bytes(fixture("root"))];
        p.trust = ev.handshakes[0].trust.clone();
    }
    diagnose(&ev, now, &OrgSettings::default()).findings.iter().map(|f| f.id().as_str()).collect()
}

#[test]
fn a_tls_1_0_only_device_is_legacy_protocol_only_and_its_certificate_is_still_judged() {
    let ids = old_device(vec![
        probe(ProtocolVersion::Ssl3, CipherOffer::All, refused("handshake_failure")),
        probe(ProtocolVersion::Tls1_0, CipherOffer::All, accepted(0x002F)),
        probe(ProtocolVersion::Tls1_1, CipherOffer::All, refused("protocol_version")),
        probe(ProtocolVersion::Tls1_2, CipherOffer::Modern, refused("protocol_version")),
        probe(ProtocolVersion::Tls1_2, CipherOffer::Legacy, refused("protocol_version")),
        probe(ProtocolVersion::Tls1_3, CipherOffer::Modern, refused("protocol_version")),
    ]);
    assert_eq!(ids[0], "legacy_protocol_only");
    // The certificate the legacy probe read is judged too (its validity is too long).
    assert!(ids.contains(&"validity_too_long"), "{ids:?}");
}

#[test]
fn weak_only_and_no_overlap() {
    let ids = old_device(vec![
        probe(ProtocolVersion::Tls1_2, CipherOffer::Modern, refused("handshake_failure")),
        probe(ProtocolVersion::Tls1_2, CipherOffer::Legacy, accepted(0x0005)),
        probe(ProtocolVersion::Tls1_3, CipherOffer::Modern, refused("protocol_version")),
    ]);
    assert_eq!(ids[0], "weak_cipher_only");
    let ids = old_device(vec![
        probe(ProtocolVersion::Tls1_2, CipherOffer::Modern, refused("handshake_failure")),
        probe(ProtocolVersion::Tls1_2, CipherOffer::Legacy, refused("handshake_failure")),
        probe(ProtocolVersion::Tls1_3, CipherOffer::Modern, refused("handshake_failure")),
    ]);
    assert_eq!(ids[0], "no_cipher_overlap");
    // Silence is not "no overlap".
    let ids = old_device(vec![probe(
        ProtocolVersion::Tls1_2,
        CipherOffer::Modern,
        VersionOutcome::NoAnswer { detail: "timed out".into() },
    )]);
    assert!(!ids.contains(&"no_cipher_overlap"), "{ids:?}");
}

#[test]
fn small_dh_groups_are_weak_and_old_doors_left_open_are_warnings() {
    let dhe1024 = VersionOutcome::Accepted { cipher: 0x0033, dh_bits: Some(1024) };
    let dhe2048 = VersionOutcome::Accepted { cipher: 0x0033, dh_bits: Some(2048) };
    let both = |legacy: VersionOutcome| {
        ids_for("long", |ev| {
            ev.versions = vec![
                probe(ProtocolVersion::Tls1_0, CipherOffer::All, accepted(0xC013)),
                probe(ProtocolVersion::Tls1_2, CipherOffer::Modern, accepted(0xC02F)),
                probe(ProtocolVersion::Tls1_2, CipherOffer::Legacy, legacy),
            ]
        })
    };
    let ids = both(dhe1024);
    assert!(ids.contains(&"legacy_protocol_enabled") && ids.contains(&"weak_cipher_enabled"), "{ids:?}");
    assert!(!both(dhe2048).contains(&"weak_cipher_enabled"));
    // A strong CBC suite among the legacy ones is no weakness.
    assert!(!both(accepted(0xC013)).contains(&"weak_cipher_enabled"));
}

#[test]
fn a_server_with_only_ecdhe_cbc_still_serves_browsers() {
    let ids = old_device(vec![
        probe(ProtocolVersion::Tls1_2, CipherOffer::Modern, refused("handshake_failure")),
        probe(ProtocolVersion::Tls1_2, CipherOffer::Legacy, accepted(0xC013)),
    ]);
    assert!(!ids.iter().any(|id| id.contains("cipher")), "{ids:?}");
    assert!(!ids.contains(&"handshake_failed"), "{ids:?}");
    assert_eq!(ids[0], "validity_too_long"); // the certificate is still judged; nothing else is wrong
}
