//! Browser errors: every code of `data/error-codes.json` decodes in every form an extension
//! receives and is explained in both languages; the browser-only diagnosis and its refinement
//! by the host's evidence.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use tls_doctor_core::browser;
use tls_doctor_core::explain::{self, Lang};
use tls_doctor_core::test_support::{ADDRESS, NOW, observation};
use tls_doctor_core::wire::*;
use tls_doctor_core::{FixedOffset, OrgSettings, diagnose_browser};

fn data() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/error-codes.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_whole_data_file_decodes_and_is_explained() {
    let data = data();
    let codes = data["codes"].as_array().unwrap();
    assert_eq!(codes.len(), browser::codes().len());
    for code in codes {
        let name = code["code"].as_str().unwrap();
        let entry = browser::decode(name).unwrap_or_else(|| panic!("{name} does not decode"));
        assert_eq!(entry.code, name);
        assert_eq!(serde_json::to_value(entry.category).unwrap(), code["category"], "{name}");
        let causes: Vec<serde_json::Value> = entry.causes.iter().map(|c| serde_json::to_value(c).unwrap()).collect();
        assert_eq!(serde_json::Value::Array(causes), code["likely_causes"], "{name}");

        // Firefox hands extensions "Error code <nsresult in decimal>".
        if let Some(hex) = code["nsresult"].as_str() {
            let value = u32::from_str_radix(hex.trim_start_matches("0x"), 16).unwrap();
            let by_number = browser::decode(&format!("Error code {value}")).unwrap();
            assert_eq!(by_number.code, name);
        }
        for alias in code["aliases"].as_array().into_iter().flatten() {
            assert_eq!(browser::decode(alias.as_str().unwrap()).unwrap().code, name);
        }

        // And every one is explained, with its causes, in both languages.
        let d = diagnose_browser(&observation(name), None, NOW, &OrgSettings::default());
        assert_eq!(d.findings.len(), 1);
        for lang in Lang::ALL {
            let e = explain::explain(&d, lang, &FixedOffset(540));
            let f = &e.findings[0];
            assert!(!f.headline.is_empty() && !f.meaning.is_empty() && !f.danger.is_empty(), "{name}");
            // Named where the user can compare it with the page (the context line), never
            // inside a sentence.
            assert_eq!(e.context[0].value, name, "{name}: the code is not named");
            for s in [&f.headline, &f.meaning, &f.danger].into_iter().chain(&f.user_steps) {
                assert!(!s.contains(name), "{name}: the code in a sentence: {s}");
            }
            assert!(!f.user_steps.is_empty() && !f.admin_steps.is_empty(), "{name}");
        }
    }
}

#[test]
fn browser_only_diagnosis_is_hedged_and_names_the_causes() {
    // The target is the page's: its host, its port and the address the browser connected to.
    let o = Observation {
        url: "https://www.example.jp:8443/login".into(),
        address: Some(ADDRESS),
        ..observation("net::ERR_CERT_DATE_INVALID")
    };
    let d = diagnose_browser(&o, None, NOW, &OrgSettings::default());
    assert_eq!(d.target.host, "www.example.jp");
    assert_eq!(d.target.port, 8443);
    assert_eq!(d.target.address, Some(ADDRESS));
    let FindingKind::BrowserError { category, causes, server_healthy_now, .. } = &d.findings[0].kind else { panic!() };
    assert_eq!(*category, ErrorCategory::CertTime);
    assert!(causes.contains(&Cause::ClockAhead) && causes.contains(&Cause::CertExpired));
    assert!(!server_healthy_now);
    assert_eq!(d.findings[0].side, Side::Unknown);

    let e = explain::explain(&d, Lang::Ja, &FixedOffset(540));
    // The device's date first: the browser judges by it.
    assert!(e.findings[0].user_steps[0].contains("日付・時刻"));
    assert_eq!(e.context[0].value, "net::ERR_CERT_DATE_INVALID");
    assert!(e.context[1].value.contains("ブラウザが出したエラーだけ"));
}

#[test]
fn unknown_errors_are_still_explained() {
    let d = diagnose_browser(&observation("net::ERR_FROM_THE_FUTURE"), None, NOW, &OrgSettings::default());
    let FindingKind::BrowserError { category, causes, .. } = &d.findings[0].kind else { panic!() };
    assert_eq!((*category, causes.len()), (ErrorCategory::Unknown, 0));
    let e = explain::explain(&d, Lang::En, &FixedOffset(0));
    assert!(!e.findings[0].meaning.is_empty());
    assert_eq!(e.context[0].value, "net::ERR_FROM_THE_FUTURE");
}

#[test]
fn garbage_urls_do_not_break_the_browser_only_view() {
    let mut o = observation("net::ERR_CERT_DATE_INVALID");
    o.url = "chrome-error://chromewebdata/".into();
    let d = diagnose_browser(&o, None, NOW, &OrgSettings::default());
    assert_eq!(d.findings.len(), 1);
    assert_eq!(d.target.port, 0);
}

#[test]
fn the_observation_round_trips_and_is_typed() {
    let o = observation("Error code 2153390069");
    let json = serde_json::to_value(&o).unwrap();
    assert_eq!(json["type"], "observation");
    assert_eq!(serde_json::from_value::<Observation>(json).unwrap(), o);
}

// ---- refused by policy ---------------------------------------------------------------------

fn refused_evidence(refusal: Refusal) -> Evidence {
    let text = r#"{"type":"evidence","v":1,"host":{"name":"tls-doctor","version":"0.1.0"},
        "target":{"host":"www.example.jp","port":8443,"verify_name":"www.example.jp"},
        "measured_at":"2026-06-01T00:00:00Z","timeout_ms":10000,"elapsed_ms":0,
        "dns":{"outcome":"skipped","reason":"address_given"},"handshakes":[]}"#;
    let mut e: Evidence = serde_json::from_str(text).unwrap();
    assert_eq!(e.refusal, None, "an evidence without the field reads as before");
    e.refusal = Some(refusal);
    e
}

#[test]
fn a_refused_check_is_one_finding_and_never_ok() {
    let mut refusal = Refusal::new(RefusalRule::PortNotAllowed, LimitSource::HostPolicy);
    refusal.port = Some(8443);
    let evidence = refused_evidence(refusal.clone());
    // Through the wire and back, as the popup's module reads it.
    let evidence: Evidence = serde_json::from_str(&serde_json::to_string(&evidence).unwrap()).unwrap();
    let d = tls_doctor_core::diagnose(&evidence, NOW, &OrgSettings::default());
    let ids: Vec<FindingId> = d.findings.iter().map(Finding::id).collect();
    assert_eq!(ids, [FindingId::RefusedByPolicy]);
    assert!(!d.healthy());
    assert_eq!(d.findings[0].kind, FindingKind::RefusedByPolicy(refusal));
    let e = explain::explain(&d, Lang::En, &FixedOffset(0));
    assert!(e.findings[0].headline.contains("port 8443"), "{}", e.findings[0].headline);
    assert!(!e.summary.contains("No problem"), "{}", e.summary);
    // No line claims a check, or a browser's error, that was not there.
    assert!(e.context.is_empty(), "{:?}", e.context);
    let text = explain::text::render(&e, 80);
    assert!(text.contains("● Your organisation's settings do not allow checks on port 8443"), "{text}");
}

#[test]
fn with_the_browsers_error_its_findings_come_first_then_why_there_was_no_check() {
    let obs = observation("net::ERR_CERT_DATE_INVALID");
    let evidence = refused_evidence(Refusal::new(RefusalRule::PrivateAddress, LimitSource::HostPolicy));
    let d = diagnose_browser(&obs, Some(&evidence), NOW, &OrgSettings::default());
    let ids: Vec<FindingId> = d.findings.iter().map(Finding::id).collect();
    assert_eq!(ids, [FindingId::BrowserError, FindingId::RefusedByPolicy]);
    // The extension's own "no probing" setting, decided without the host.
    let d = tls_doctor_core::diagnose_browser_refused(
        &obs,
        &Refusal::probes_off(LimitSource::ManagedSettings),
        NOW,
        &OrgSettings::default(),
    );
    let ids: Vec<FindingId> = d.findings.iter().map(Finding::id).collect();
    assert_eq!(ids, [FindingId::BrowserError, FindingId::RefusedByPolicy]);
    let ja = explain::explain(&d, Lang::Ja, &FixedOffset(9 * 60));
    assert_eq!(ja.findings[1].headline, "サーバーの確認は、組織の設定で止められています");
    assert!(ja.findings[1].meaning.contains("ブラウザの管理者"));
}
