//! The public x509-limbo corpus (`tests/data/limbo/limbo.json`, issue 15) through the real
//! `tls-doctor cert`: the peer certificate, then the untrusted intermediates, `--ca-file` with
//! the trusted roots and `--no-system-roots`, `--name` for a DNS or IP peer name, `--at` the
//! validation time, `--offline`.
//!
//! - an expected SUCCESS agrees when no finding is critical (`agree`; `agree_warning` when a
//!   warning such as `chain_wrong_order` came with it: the chain works, the advice stands);
//! - an expected FAILURE agrees when a critical finding's id fits the case's family
//!   ([`family_ids`]); a critical finding of another family is `wrong_family`.
//!
//! Every case's outcome is checked in, with its reason, in `tests/data/limbo/expected.tsv`: a
//! case that changes outcome either way fails the test, so the table in docs/BENCHMARKS.md
//! stays true. `LIMBO_WRITE=1` rewrites the file's outcomes (keeping the reasons) after a
//! deliberate change. The test also holds the aim of issue 15: wherever rustls-webpki agrees
//! with the corpus (`results-rustls-webpki-0.103.13.json`), so does tls-doctor.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers too: a failure stops the test and says why")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::Value;
use tls_doctor_lab::tls_doctor_bin;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/limbo")
}

/// The moment a case without a validation time is judged at (the corpus means "now"; a fixed
/// moment keeps the outcomes from changing with the calendar).
const DEFAULT_AT: &str = "2026-01-01T00:00:00Z";

/// Why a case is outside a server check, or `None` when it is run.
fn skip_reason(case: &Value) -> Option<&'static str> {
    let features: Vec<&str> = case["features"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    if case["validation_kind"] != "SERVER" {
        return Some("client_auth");
    }
    if features.contains(&"has-crl") {
        return Some("crl_input");
    }
    if features.contains(&"max-chain-depth") || !case["max_chain_depth"].is_null() {
        return Some("verifier_depth_setting");
    }
    None
}

/// The findings that fit an expected failure of the case's family: the second part of a
/// three-part id (`rfc5280::validity::expired-leaf`) or the first part.
fn family_ids(id: &str) -> &'static [&'static str] {
    let parts: Vec<&str> = id.split("::").collect();
    let sub = if parts.len() == 3 { parts[1] } else { "" };
    match (parts[0], sub) {
        (_, "validity") => &["cert_expired", "intermediate_expired", "cert_not_yet_valid"],
        (_, "san" | "cn") => &["name_mismatch", "cert_unparseable", "chain_invalid"],
        (_, "nc") => &["chain_invalid", "name_mismatch"],
        (_, "eku") => &["wrong_usage"],
        ("pathlen" | "cve" | "invalid", _) => &["chain_invalid"],
        ("pathological", _) => {
            &["chain_invalid", "unknown_issuer", "chain_too_long", "certificate_too_large", "name_mismatch"]
        }
        ("crl", _) => &["revoked"],
        _ => &[
            "chain_invalid",
            "unknown_issuer",
            "incomplete_chain",
            "self_signed",
            "wrong_usage",
            "cert_unparseable",
            "weak_key",
            "weak_signature",
            "name_mismatch",
        ],
    }
}

/// The family a case is counted under in the table: `rfc5280::nc`, `webpki::san`, `pathlen`…
fn family(id: &str) -> String {
    let parts: Vec<&str> = id.split("::").collect();
    if parts.len() == 3 { format!("{}::{}", parts[0], parts[1]) } else { parts[0].to_owned() }
}

/// One case through the binary: the outcome and the findings (`id/severity`, primary first).
fn run(case: &Value, dir: &Path) -> (String, Vec<String>) {
    let write = |name: &str, pems: &[Value]| {
        let text: String = pems.iter().filter_map(Value::as_str).collect();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let mut cmd = Command::new(tls_doctor_bin());
    cmd.arg("cert").arg(write("leaf.pem", std::slice::from_ref(&case["peer_certificate"])));
    let intermediates = case["untrusted_intermediates"].as_array().unwrap();
    if !intermediates.is_empty() {
        cmd.arg(write("intermediates.pem", intermediates));
    }
    let roots = case["trusted_certs"].as_array().unwrap();
    cmd.arg("--ca-file").arg(write("roots.pem", roots)).arg("--no-system-roots");
    if let Some(name) = case["expected_peer_name"]["value"].as_str() {
        cmd.args(["--name", name]);
    }
    cmd.args(["--at", case["validation_time"].as_str().unwrap_or(DEFAULT_AT), "--offline", "--json"]);
    let out = cmd.env("LANG", "C").output().unwrap();
    let id = case["id"].as_str().unwrap();
    let json: Value = match serde_json::from_slice(&out.stdout) {
        Ok(json) => json,
        // Bad input (an empty root list, say) is exit 2 and a message, never a panic.
        Err(_) => {
            let stderr = String::from_utf8_lossy(&out.stderr).trim().to_owned();
            assert!(!stderr.contains("panicked"), "{id}: {stderr}");
            assert_eq!(out.status.code(), Some(2), "{id}: {stderr}");
            return ("input_error".into(), vec![stderr]);
        }
    };
    let findings: Vec<(String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["id"].as_str().unwrap().to_owned(), f["severity"].as_str().unwrap().to_owned()))
        .collect();
    let critical: Vec<&str> = findings.iter().filter(|(_, s)| s == "critical").map(|(i, _)| i.as_str()).collect();
    let outcome = match case["expected_result"].as_str().unwrap() {
        "SUCCESS" if critical.is_empty() && findings.iter().all(|(_, s)| s == "info") => "agree",
        "SUCCESS" if critical.is_empty() => "agree_warning",
        "SUCCESS" => "disagree",
        _ if critical.iter().any(|c| family_ids(id).contains(c)) => "agree",
        _ if critical.is_empty() => "disagree",
        _ => "wrong_family",
    };
    // Exit codes as `check`: 0 healthy (no critical or warning finding), 1 problems.
    let healthy = findings.iter().all(|(_, s)| s == "info");
    assert_eq!(out.status.code(), Some(if healthy { 0 } else { 1 }), "{id}");
    (outcome.to_owned(), findings.iter().map(|(i, s)| format!("{i}/{s}")).collect())
}

/// `expected.tsv`: `id<TAB>outcome<TAB>reason`, `#` comments.
fn expected() -> BTreeMap<String, (String, String)> {
    let text = std::fs::read_to_string(data().join("expected.tsv")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut f = l.splitn(3, '\t');
            let id = f.next().unwrap().to_owned();
            let outcome = f.next().unwrap_or_default().to_owned();
            (id, (outcome, f.next().unwrap_or_default().to_owned()))
        })
        .collect()
}

#[test]
fn the_limbo_corpus_gives_the_checked_in_outcomes() {
    let corpus: Value = serde_json::from_str(&std::fs::read_to_string(data().join("limbo.json")).unwrap()).unwrap();
    let webpki: Value =
        serde_json::from_str(&std::fs::read_to_string(data().join("results-rustls-webpki-0.103.13.json")).unwrap())
            .unwrap();
    let webpki: BTreeMap<&str, &str> = webpki["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["actual_result"].as_str().unwrap()))
        .collect();
    let expected = expected();
    let scratch = std::env::temp_dir().join(format!("tls-doctor-limbo-{}", std::process::id()));
    let started = Instant::now();
    let mut got: Vec<(String, String, Vec<String>)> = Vec::new();
    for (n, case) in corpus["testcases"].as_array().unwrap().iter().enumerate() {
        let id = case["id"].as_str().unwrap().to_owned();
        if let Some(reason) = skip_reason(case) {
            got.push((id, format!("skip:{reason}"), Vec::new()));
            continue;
        }
        let dir = scratch.join(n.to_string());
        std::fs::create_dir_all(&dir).unwrap();
        let (outcome, findings) = run(case, &dir);
        got.push((id, outcome, findings));
    }
    let elapsed = started.elapsed();
    let _ = std::fs::remove_dir_all(&scratch);

    // The table per family, as docs/BENCHMARKS.md shows it.
    let mut table: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut webpki_agrees_we_do_not = Vec::new();
    for (id, outcome, findings) in &got {
        let case = corpus["testcases"].as_array().unwrap().iter().find(|c| c["id"] == id.as_str()).unwrap();
        let row = table.entry(family(id)).or_default();
        *row.entry(outcome.split(':').next().unwrap().to_owned()).or_default() += 1;
        let theirs = webpki.get(id.as_str()).copied().unwrap_or("SKIPPED");
        if theirs == case["expected_result"] {
            *row.entry("webpki_agrees".into()).or_default() += 1;
            if !outcome.starts_with("agree") && !outcome.starts_with("skip") {
                webpki_agrees_we_do_not.push(format!("{id}: {outcome} {findings:?}"));
            }
        }
    }
    eprintln!("limbo: {} cases in {:.1} s", got.len(), elapsed.as_secs_f64());
    eprintln!("family | cases | agree | agree_warning | disagree | wrong_family | skip | webpki agrees");
    for (family, row) in &table {
        let n = |k: &str| row.get(k).copied().unwrap_or(0);
        let cases: usize = row.iter().filter(|(k, _)| k.as_str() != "webpki_agrees").map(|(_, v)| v).sum();
        eprintln!(
            "{family} | {cases} | {} | {} | {} | {} | {} | {}",
            n("agree"),
            n("agree_warning"),
            n("disagree"),
            n("wrong_family"),
            n("skip"),
            n("webpki_agrees")
        );
    }

    if std::env::var_os("LIMBO_WRITE").is_some() {
        let mut text = String::from(
            "# tests/tests/limbo.rs: every x509-limbo case's outcome through `tls-doctor cert`, and why.\n\
             # id<TAB>outcome<TAB>reason. Outcomes: agree, agree_warning, disagree, wrong_family, skip:<why>.\n",
        );
        for (id, outcome, findings) in &got {
            // A new disagreement gets its findings as a placeholder: replace it with the reason.
            let kept = expected.get(id).map(|(_, r)| r.clone()).filter(|r| !r.is_empty());
            let reason = if outcome == "agree" { String::new() } else { kept.unwrap_or_else(|| findings.join(" ")) };
            text.push_str(&format!("{id}\t{outcome}\t{reason}\n"));
        }
        std::fs::write(data().join("expected.tsv"), text).unwrap();
    }

    let mut changed = Vec::new();
    for (id, outcome, findings) in &got {
        match expected.get(id) {
            Some((want, _)) if want == outcome => {}
            Some((want, _)) => changed.push(format!("{id}: {want} → {outcome} {findings:?}")),
            None => changed.push(format!("{id}: not in expected.tsv, now {outcome} {findings:?}")),
        }
    }
    let unexplained: Vec<&String> =
        expected.iter().filter(|(_, (o, r))| o != "agree" && r.trim().is_empty()).map(|(id, _)| id).collect();
    assert!(unexplained.is_empty(), "expected.tsv gives no reason for {unexplained:?}");
    assert!(changed.is_empty(), "outcomes changed (LIMBO_WRITE=1 rewrites expected.tsv):\n{}", changed.join("\n"));
    assert!(
        webpki_agrees_we_do_not.is_empty(),
        "rustls-webpki agrees with the corpus here and tls-doctor does not:\n{}",
        webpki_agrees_we_do_not.join("\n")
    );
    assert_eq!(got.len(), corpus["testcases"].as_array().unwrap().len());
}
