//! What the model must know in late 2026 (issue 15; sources in `facts-2026.md` and beside each
//! test): CAs browsers distrust by date (`distrusted_ca`) and Chrome's server-authentication-only
//! rule (`client_auth_usage`). Certificates are made here with rcgen, their embedded SCT lists
//! built by hand (RFC 6962 §3.3).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use tls_doctor_core::cert;
use tls_doctor_core::test_support::{self, established, rejected, store};
use tls_doctor_core::wire::*;
use tls_doctor_core::{OrgSettings, Timestamp, diagnose};

/// The embedded SCT list extension (RFC 6962 §3.3).
const SCT_LIST: &[u64] = &[1, 3, 6, 1, 4, 1, 11129, 2, 4, 2];

/// The extension's value: an OCTET STRING around a TLS `SignedCertificateTimestampList` of
/// v1 SCTs with these times (ms); log ids and signatures are filler.
fn sct_extension(times_ms: &[u64]) -> Vec<u8> {
    let mut list = Vec::new();
    for ms in times_ms {
        let mut sct = vec![0u8];
        sct.extend_from_slice(&[0x5A; 32]);
        sct.extend_from_slice(&ms.to_be_bytes());
        sct.extend_from_slice(&[0, 0, 4, 3, 0, 2, 0x30, 0x00]);
        list.extend_from_slice(&(sct.len() as u16).to_be_bytes());
        list.extend_from_slice(&sct);
    }
    let mut tls = (list.len() as u16).to_be_bytes().to_vec();
    tls.extend_from_slice(&list);
    test_support::tlv(0x04, &tls)
}

/// Seconds since the epoch of an RFC 3339 time.
fn at(text: &str) -> Timestamp {
    Timestamp::parse_rfc3339(text).unwrap()
}

/// rcgen's time for `t` (rcgen does not re-export its time crate, so: the epoch plus `t`).
fn set_validity(params: &mut rcgen::CertificateParams, from: Timestamp, seconds: u64) {
    let epoch = rcgen::date_time_ymd(1970, 1, 1);
    params.not_before = epoch + std::time::Duration::from_secs(from.unix() as u64);
    params.not_after = params.not_before + std::time::Duration::from_secs(seconds);
}

struct Ca {
    params: rcgen::CertificateParams,
    key: rcgen::KeyPair,
    der: Vec<u8>,
}

/// A CA certificate with this name (`dn`: type and value, in order), signed by `issuer` or
/// itself.
fn ca(dn: &[(rcgen::DnType, &str)], issuer: Option<&Ca>) -> Ca {
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.distinguished_name = rcgen::DistinguishedName::new();
    for (t, v) in dn {
        params.distinguished_name.push(t.clone(), *v);
    }
    params.not_before = rcgen::date_time_ymd(2015, 1, 1);
    params.not_after = rcgen::date_time_ymd(2040, 1, 1);
    let key = rcgen::KeyPair::generate().unwrap();
    let der = match issuer {
        Some(i) => params.signed_by(&key, &rcgen::Issuer::from_params(&i.params, &i.key)).unwrap().der().to_vec(),
        None => params.self_signed(&key).unwrap().der().to_vec(),
    };
    Ca { params, key, der }
}

fn cn(name: &str) -> Ca {
    ca(&[(rcgen::DnType::CommonName, name)], None)
}

/// A 90-day leaf for www.example.jp from `issuer`, valid from `not_before`, with these SCT
/// times (none: no extension) and these extended key usages (none: no extension).
fn leaf(issuer: &Ca, not_before: Timestamp, scts: &[u64], eku: &[rcgen::ExtendedKeyUsagePurpose]) -> Vec<u8> {
    let mut params = rcgen::CertificateParams::new(vec!["www.example.jp".to_owned()]).unwrap();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(rcgen::DnType::CommonName, "www.example.jp");
    set_validity(&mut params, not_before, 90 * 86_400 - 1);
    params.extended_key_usages = eku.to_vec();
    if !scts.is_empty() {
        params.custom_extensions.push(rcgen::CustomExtension::from_oid_content(SCT_LIST, sct_extension(scts)));
    }
    let key = rcgen::KeyPair::generate().unwrap();
    params.signed_by(&key, &rcgen::Issuer::from_params(&issuer.params, &issuer.key)).unwrap().der().to_vec()
}

/// A store's verdict that the chain is trusted through `root` (its subject, as webpki keeps it,
/// and optionally a public-key hash).
fn trusted_through(kind: TrustStore, root: &Ca, spki: Option<&str>, chain_len: usize) -> StoreVerdict {
    let subject = cert::parse(&root.der).unwrap().subject_der;
    let verdict = Verdict::Trusted {
        anchor: Bytes(cert::name_value(&subject).unwrap().to_vec()),
        anchor_sha256: None,
        anchor_spki_sha256: spki.map(str::to_owned),
    };
    store(kind, verdict, None, chain_len)
}

/// The findings for `chain` with these verdicts, a day into the leaf's validity.
fn findings(chain: Vec<Vec<u8>>, trust: Vec<StoreVerdict>) -> Vec<FindingKind> {
    let now = cert::parse(&chain[0]).unwrap().not_before.plus_seconds(86_400);
    let ev = test_support::served("www.example.jp", established(), chain, trust);
    diagnose(&ev, now, &OrgSettings::default()).findings.into_iter().map(|f| f.kind).collect()
}

fn distrust(found: &[FindingKind]) -> Option<(Option<u32>, bool, bool)> {
    found.iter().find_map(|f| match f {
        FindingKind::DistrustedCa { chrome, firefox, by_sct, .. } => Some((*chrome, *firefox, *by_sct)),
        _ => None,
    })
}

/// The leaf under `root` (through an intermediate), trusted by the OS store through `root`,
/// rejected by Mozilla's (webpki-roots no longer ships Entrust): a path check passes.
fn under(root: &Ca, not_before: &str, scts: &[&str]) -> Vec<FindingKind> {
    let int = ca(&[(rcgen::DnType::CommonName, "Example Issuing CA")], Some(root));
    let ms: Vec<u64> = scts.iter().map(|s| at(s).unix() as u64 * 1000).collect();
    let leaf = leaf(&int, at(not_before), &ms, &[]);
    let trust = vec![
        store(TrustStore::Mozilla, rejected(RejectReason::UnknownIssuer), None, 2),
        trusted_through(TrustStore::System, root, None, 2),
    ];
    findings(vec![leaf, int.der], trust)
}

#[test]
fn the_earliest_embedded_sct_is_read_rounded_up_to_the_second() {
    let root = cn("Example Root");
    let der = leaf(&root, at("2026-01-10T00:00:00Z"), &[1_768_003_200_500, 1_768_003_100_001], &[]);
    assert_eq!(cert::parse(&der).unwrap().earliest_sct, Some(Timestamp(1_768_003_101)));
    let der = leaf(&root, at("2026-01-10T00:00:00Z"), &[], &[]);
    assert_eq!(cert::parse(&der).unwrap().earliest_sct, None);
    // A malformed list loses its dates, not the certificate.
    let mut params = rcgen::CertificateParams::new(vec!["a.example".to_owned()]).unwrap();
    params.custom_extensions.push(rcgen::CustomExtension::from_oid_content(SCT_LIST, vec![0x04, 0x02, 0x00, 0x09]));
    let der = params.self_signed(&rcgen::KeyPair::generate().unwrap()).unwrap().der().to_vec();
    assert_eq!(cert::parse(&der).unwrap().earliest_sct, None);
}

/// The same list as OpenSSL writes and reads it (`openssl req -addext
/// "1.3.6.1.4.1.11129.2.4.2=DER:…"`; `openssl x509 -text` shows both SCTs, 2024-11-30 20:53:20
/// and 2024-11-07 17:20:00 UTC): our reading agrees.
#[test]
fn an_sct_list_made_by_openssl_is_read() {
    use base64::Engine as _;
    const CERT: &str = "\
        MIICFjCCAbugAwIBAgIUOg84bujkcL10tlEOk/uPFSqzZVQwCgYIKoZIzj0EAwIwFjEUMBIGA1UEAwwLc2N0LmV4YW1wbGUwHhcNMjYxMjA3MTcwNjU5WhcN\
        MjcwMzA3MTcwNjU5WjAWMRQwEgYDVQQDDAtzY3QuZXhhbXBsZTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABDbc2n34BNU/RyWtTNdaZkGZnl0xHGBVGhct\
        0+aV8UUyYiIwfmc5iOx+MTDaRfhBaAYt/YEC71xaUnkJpSUhRbGjgeYwgeMwHQYDVR0OBBYEFBnXXN0nrOL+1esHFjwBk0tRwxusMB8GA1UdIwQYMBaAFBnX\
        XN0nrOL+1esHFjwBk0tRwxusMA8GA1UdEwEB/wQFMAMBAf8wFgYDVR0RBA8wDYILc2N0LmV4YW1wbGUweAYKKwYBBAHWeQIEAgRqBGgAZgAxAFpaWlpaWlpa\
        WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaAAABk37ZcgAAAAQDAAIwAAAxAFpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaAAABkwej3gAAAAQDAAIw\
        ADAKBggqhkjOPQQDAgNJADBGAiEA0EcOneimBy2bEisX3y8ik8axaUGAolenkFCa0lvcHFUCIQDt6dlDXt4spI4h8CWF7JEvM/Re0FJadjUkHOc2O3V5RQ==";
    let der = base64::engine::general_purpose::STANDARD.decode(CERT).unwrap();
    assert_eq!(cert::parse(&der).unwrap().earliest_sct, Some(Timestamp(1_731_000_000)));
}

/// Chromium `root_store.textproto`: Entrust and AffirmTrust roots carry
/// `sct_not_after_sec: 1731369599` (2024-11-11T23:59:59Z) from Chrome 131; Firefox
/// (NSS distrust-after, compared with the leaf's notBefore) after 2024-11-30 (facts-2026).
#[test]
fn entrust_by_the_earliest_sct() {
    let root = cn("Entrust Root Certification Authority - G2");
    // Before both cutoffs: trusted everywhere, `ok`.
    let before = under(&root, "2024-11-11T00:00:00Z", &["2024-11-11T23:59:59Z"]);
    assert_eq!(distrust(&before), None, "{before:?}");
    assert!(matches!(before[0], FindingKind::Ok { .. }));
    // One second after Chrome's: Chrome refuses, Firefox (notBefore before its date) not.
    let chrome_only = under(&root, "2024-11-12T00:00:00Z", &["2024-11-12T00:00:00Z", "2024-11-12T00:00:01Z"]);
    assert_eq!(distrust(&chrome_only), Some((Some(131), false, true)), "{chrome_only:?}");
    assert_eq!(chrome_only[0].id(), FindingId::DistrustedCa, "primary: {chrome_only:?}");
    // After both.
    let both = under(&root, "2024-12-01T00:00:00Z", &["2024-12-01T00:00:00Z"]);
    assert_eq!(distrust(&both), Some((Some(131), true, true)));
    // One SCT at or before the cutoff is enough for Chrome, whatever the others say.
    let one_early = under(&root, "2024-11-11T00:00:00Z", &["2024-11-20T00:00:00Z", "2024-11-11T12:00:00Z"]);
    assert_eq!(distrust(&one_early), None);
}

/// Without SCTs the notBefore stands in (Chrome would read SCTs from the handshake, which the
/// host does not keep).
#[test]
fn without_scts_the_not_before_decides() {
    let root = cn("AffirmTrust Premium");
    assert_eq!(distrust(&under(&root, "2025-03-01T00:00:00Z", &[])), Some((Some(131), true, false)));
    assert_eq!(distrust(&under(&root, "2024-10-01T00:00:00Z", &[])), None);
}

/// On a mail port the client is a mail app, not Chrome: only Firefox's rule (Thunderbird shares
/// its verifier) refuses, and only Entrust's.
#[test]
fn on_a_mail_port_only_thunderbird_refuses() {
    let on_imap = |root: &Ca, day: &str| {
        let int = ca(&[(rcgen::DnType::CommonName, "Example Issuing CA")], Some(root));
        let leaf = leaf(&int, at(day), &[at(day).unix() as u64 * 1000], &[]);
        let now = cert::parse(&leaf).unwrap().not_before.plus_seconds(86_400);
        let mut ev = test_support::served(
            "mail.example.jp",
            established(),
            vec![leaf, int.der],
            vec![trusted_through(TrustStore::System, root, None, 2)],
        );
        ev.target = test_support::target("mail.example.jp", 993);
        distrust(&diagnose(&ev, now, &OrgSettings::default()).findings.into_iter().map(|f| f.kind).collect::<Vec<_>>())
    };
    let entrust = cn("Entrust Root Certification Authority - G4");
    assert_eq!(on_imap(&entrust, "2024-12-05T00:00:00Z"), Some((None, true, true)));
    assert_eq!(on_imap(&entrust, "2024-11-20T00:00:00Z"), None);
    assert_eq!(on_imap(&cn("HiPKI Root CA - G1"), "2025-09-01T00:00:00Z"), None);
}

/// Chrome Root Program, 2025-05-30: Chrome 139 distrusts ePKI Root Certification Authority,
/// HiPKI Root CA - G1 (Chunghwa Telecom) and NetLock Arany (Class Gold) Főtanúsítvány for SCTs
/// after 2025-07-31T23:59:59Z; Firefox keeps them (facts-2026).
#[test]
fn chunghwa_and_netlock_from_chrome_139() {
    let epki = ca(
        &[
            (rcgen::DnType::CountryName, "TW"),
            (rcgen::DnType::OrganizationName, "Chunghwa Telecom Co., Ltd."),
            (rcgen::DnType::OrganizationalUnitName, "ePKI Root Certification Authority"),
        ],
        None,
    );
    for root in [epki, cn("HiPKI Root CA - G1"), cn("NetLock Arany (Class Gold) Főtanúsítvány")] {
        let name = cert::parse(&root.der).unwrap().display_name();
        assert_eq!(distrust(&under(&root, "2025-07-31T00:00:00Z", &["2025-07-31T23:59:59Z"])), None, "{name}");
        assert_eq!(
            distrust(&under(&root, "2025-08-01T00:00:00Z", &["2025-08-01T00:00:00Z"])),
            Some((Some(139), false, true)),
            "{name}"
        );
    }
    // Entrust's date does not apply to them.
    assert_eq!(distrust(&under(&cn("HiPKI Root CA - G1"), "2025-01-01T00:00:00Z", &["2025-01-01T00:00:00Z"])), None);
}

/// Chrome identifies the root by its certificate; we by its key, which the host reports for
/// every store's anchor (AffirmTrust Commercial's, computed from the certificate whose SHA-256
/// Chrome lists: 0376ab1d…).
#[test]
fn the_anchor_is_known_by_its_key_whatever_its_name() {
    let root = cn("Renamed Root");
    let int = ca(&[(rcgen::DnType::CommonName, "Example Issuing CA")], Some(&root));
    let leaf = leaf(&int, at("2025-06-01T00:00:00Z"), &[], &[]);
    let spki = "6C464B9A5B233A5E874DA765C26F045010D2DDCFF45794F0B4C7E4AAFA501495";
    let found =
        findings(vec![leaf.clone(), int.der.clone()], vec![trusted_through(TrustStore::System, &root, Some(spki), 2)]);
    assert!(
        found.iter().any(|f| matches!(f, FindingKind::DistrustedCa { root, .. } if root == "AffirmTrust Commercial"))
    );
    // Another key under another name: not distrusted.
    let other = "00".repeat(32);
    let found = findings(vec![leaf, int.der], vec![trusted_through(TrustStore::System, &root, Some(&other), 2)]);
    assert_eq!(distrust(&found), None);
}

/// A browser builds other paths too: when a store trusts the chain through a root nobody
/// distrusts (a cross-sign), nothing is reported.
#[test]
fn a_path_to_another_root_is_no_distrust() {
    let entrust = cn("Entrust Root Certification Authority");
    let other = cn("Example Public Root");
    let int = ca(&[(rcgen::DnType::CommonName, "Example Issuing CA")], Some(&entrust));
    let leaf = leaf(&int, at("2025-06-01T00:00:00Z"), &[at("2025-06-01T00:00:00Z").unix() as u64 * 1000], &[]);
    let trust = vec![
        trusted_through(TrustStore::Mozilla, &other, None, 2),
        trusted_through(TrustStore::System, &entrust, None, 2),
    ];
    assert_eq!(distrust(&findings(vec![leaf, int.der], trust)), None);
}

/// No store recorded an anchor: the root is the issuer the topmost served certificate names.
#[test]
fn without_an_anchor_the_served_chain_names_the_root() {
    let root = cn("Entrust Root Certification Authority - EC1");
    let int = ca(&[(rcgen::DnType::CommonName, "Example Issuing CA")], Some(&root));
    let leaf = leaf(&int, at("2025-06-01T00:00:00Z"), &[], &[]);
    let trust = vec![store(TrustStore::Mozilla, rejected(RejectReason::UnknownIssuer), None, 2)];
    assert_eq!(distrust(&findings(vec![leaf.clone(), int.der.clone()], trust)), Some((Some(131), true, false)));
    // Served with a root that only borrows the name: it is known by its key, which is not
    // Entrust's, so it is no Entrust root (`unknown_issuer` says the rest).
    let trust = vec![store(TrustStore::Mozilla, rejected(RejectReason::UnknownIssuer), None, 3)];
    assert_eq!(distrust(&findings(vec![leaf, int.der, root.der], trust)), None);
}

/// The real AffirmTrust Commercial root (Chrome's sha256_hex 0376ab1d…, constrained to SCTs up
/// to 2024-11-11 from Chrome 131): the table knows it by the key hash our parser computes, the
/// one the host reports for an anchor, and by the name our parser gives it.
#[test]
fn the_real_root_is_known_by_its_key_and_name() {
    use base64::Engine as _;
    const AFFIRMTRUST_COMMERCIAL: &str = "\
        MIIDTDCCAjSgAwIBAgIId3cGJyapsXwwDQYJKoZIhvcNAQELBQAwRDELMAkGA1UEBhMCVVMxFDASBgNVBAoMC0FmZmlybVRydXN0MR8wHQYDVQQDDBZBZmZpcm1UcnVz\
        dCBDb21tZXJjaWFsMB4XDTEwMDEyOTE0MDYwNloXDTMwMTIzMTE0MDYwNlowRDELMAkGA1UEBhMCVVMxFDASBgNVBAoMC0FmZmlybVRydXN0MR8wHQYDVQQDDBZBZmZp\
        cm1UcnVzdCBDb21tZXJjaWFsMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA9htPZwcroRX1BiLLHwGy43NFBkRJLLtJJRTWzsO3qyxPxkEylFf6EqdbDuKP\
        Hx6GGaeqtS25Xw2Kwq+FNXkyLbscYjfysVtKPcrNcV/pQr6U6Mje+SJIZMblq8Yrba0F8PrVC8+a5fBQpIs7R6UjW3p6+DM/uO+Zl+MgwdYoic+U+7lF7eNAFxHUdPAL\
        MeIrJmqbTFeurCA+ukV6BfO9m2kVrn1OIGPENXY6BwLJN/3HR+7o8XYdcxXyl6S1yHp52UKqK39c/s4mT6NmgTWvRLpUHhwwMmWd5jyTXlBOeuM61G7MGvv50jeuJCqr\
        VwMiKA1JdX+3KNp1v47j3A55MQIDAQABo0IwQDAdBgNVHQ4EFgQUnZPGU4teyq8/nx4P5ZmVvCT2lI8wDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwDQYJ\
        KoZIhvcNAQELBQADggEBAFis9AQOzcAN/wr91LoWXym9e2iZWEnStB03TX8nfUYGXUPGhi4+c7ImfU+TqbbEKpqrIZcUsd6M06uJFdhrJNTxFq7YpFzUf1GO7RgBsZNj\
        vbz4YYCanrHOQnDiqX0GJX0nof5v7LMeJNrjS1UaADs1tDvZ110w/YETifLCBivtZ8SOyUOyXGsViQK8YvxO8rUzqrJv0wqiUOP2O+guRMLbZjipM1ZI8W0bM40NjD9g\
        N53Tym1+NH4Nn3J2ixufcv1SNUFFApYvHLKac0khsUlHRUe072o0EclNmsxZt9YCnlpOZbWUrhvfKbAW8b8Angc6F2S1BLUjIZkKlTuXfO8=";
    let der = base64::engine::general_purpose::STANDARD.decode(AFFIRMTRUST_COMMERCIAL.replace(' ', "")).unwrap();
    let info = cert::parse(&der).unwrap();
    let spki: String = info.spki_sha256.iter().map(|b| format!("{b:02x}")).collect();
    let expected = Some(("AffirmTrust Commercial", cert::distrust::Operator::Entrust));
    assert_eq!(cert::distrust::root(Some(&spki), None), expected);
    assert_eq!(cert::distrust::root(None, Some(&info.display_name())), expected);
    assert_eq!(cert::distrust::root(Some(&"ab".repeat(32)), Some(&info.display_name())), None);
}

/// Chrome Root Program policy 1.8 (facts-2026 "Usages"): public CAs issue leaves for
/// serverAuth only from 2027-03-15. A leaf with clientAuth too works today: `ok` stays first
/// and an information follows; a private CA (only `--ca-file` trusts it) is not bound.
#[test]
fn client_auth_beside_server_auth_is_a_heads_up_after_ok() {
    use rcgen::ExtendedKeyUsagePurpose::{ClientAuth, ServerAuth};
    let root = cn("Example Public Root");
    let ids = |eku: &[rcgen::ExtendedKeyUsagePurpose], kind: TrustStore| -> Vec<FindingId> {
        let der = leaf(&root, at("2026-10-01T00:00:00Z"), &[], eku);
        findings(vec![der], vec![trusted_through(kind, &root, None, 1)]).iter().map(FindingKind::id).collect()
    };
    assert_eq!(ids(&[ServerAuth, ClientAuth], TrustStore::Mozilla), vec![FindingId::Ok, FindingId::ClientAuthUsage]);
    assert_eq!(ids(&[ServerAuth], TrustStore::Mozilla), vec![FindingId::Ok]);
    assert_eq!(ids(&[], TrustStore::Mozilla), vec![FindingId::Ok]);
    assert_eq!(ids(&[ServerAuth, ClientAuth], TrustStore::Custom), vec![FindingId::Ok]);
}

/// Chrome reports a distrusted CA as an untrusted issuer (ERR_CERT_AUTHORITY_INVALID) while
/// the OS store still trusts the root and Mozilla's list (webpki-roots) no longer has it: that
/// is not a company's interception nor a stale browser, it is the CA.
#[test]
fn in_the_browser_a_distrusted_ca_is_not_interception() {
    let root = cn("Entrust Root Certification Authority - G2");
    let int = ca(&[(rcgen::DnType::CommonName, "Entrust Certification Authority - L1K")], Some(&root));
    let leaf = leaf(&int, at("2025-02-01T00:00:00Z"), &[at("2025-02-01T00:00:00Z").unix() as u64 * 1000], &[]);
    let now = cert::parse(&leaf).unwrap().not_before.plus_seconds(86_400);
    let trust = vec![
        store(TrustStore::Mozilla, rejected(RejectReason::UnknownIssuer), None, 2),
        trusted_through(TrustStore::System, &root, None, 2),
    ];
    let ev = test_support::served(test_support::HOST, established(), vec![leaf, int.der], trust);
    let observation = test_support::observation("net::ERR_CERT_AUTHORITY_INVALID");
    let ids: Vec<FindingId> = tls_doctor_core::diagnose_browser(&observation, Some(&ev), now, &OrgSettings::default())
        .findings
        .iter()
        .map(Finding::id)
        .collect();
    assert_eq!(ids.first(), Some(&FindingId::DistrustedCa), "{ids:?}");
    assert!(!ids.contains(&FindingId::InterceptionCorporate), "{ids:?}");
    // The admin's internal domain does not make a public CA the organisation's.
    let org = OrgSettings { internal_domains: vec!["example.jp".into()], ..OrgSettings::default() };
    let ids: Vec<FindingId> = tls_doctor_core::diagnose_browser(&observation, Some(&ev), now, &org)
        .findings
        .iter()
        .map(Finding::id)
        .collect();
    assert_eq!(ids.first(), Some(&FindingId::DistrustedCa), "{ids:?}");
}
