//! Writes the seeds of the targets that start from real inputs, into `fuzz/seeds/<target>/`:
//!
//! - `ocsp_response`, `crl`: the OpenSSL-made answers of `native-host/tests/fixtures/revocation`;
//!   the lab PKI's stale staple and CRL, with the lab's leaf and intermediate; and signed parts
//!   (good, revoked, unknown; SHA-1 and SHA-256 CertIDs; rcgen's CRLs) for the fuzz PKI to sign.
//! - `sntp_reply`: the answers of the lab's SNTP server (in time, a month behind, kiss-o'-death),
//!   received over UDP on loopback, with the request's and the answer's times.
//! - `autoconfig_xml`: the autoconfig documents of the host's and the lab's tests.
//! - `native_messages`: the requests of `docs/WIRE.md`, framed, alone and in one stream with
//!   frames that break the rules.
//! - `wire_json`, `extension_inputs`: the evidence the host gathers from the lab's cases (in
//!   process), the replies, diagnoses and explanations made from it, a mail report of the lab's
//!   STARTTLS servers, observations with the browser error codes of
//!   `wasm/core/data/error-codes.json`, and managed settings as settings.js writes them.
//!
//! The seeds of `first_flight`, `certificate_path` and `starttls_replies` were captured by hand
//! (see fuzz/README.md) and are left alone. Run from the workspace root (needs `openssl`, for the
//! lab's OCSP responder):
//!
//! ```sh
//! cargo run --manifest-path fuzz/Cargo.toml --features seeds --bin seeds
//! ```

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use rcgen::{CertificateRevocationListParams, KeyIdMethod, RevocationReason, RevokedCertParams, SerialNumber};
use ring::digest;
use serde::Serialize;
use tls_doctor_core::wire::native::Reply;
use tls_doctor_core::wire::{
    BrowserFamily, BrowserInfo, Evidence, Lookup, LookupOutcome, MailReport, MailRole, MailSecurity, MailServer,
    MailSource, Observation, SeenCert, WIRE_VERSION,
};
use tls_doctor_core::{FixedOffset, Lang, OrgSettings, Timestamp};
use tls_doctor_fuzz::revocation::{FIXTURE_PAIRS, Pki, signed_input};
use tls_doctor_fuzz::{join, tlv};
use tls_doctor_host::native::handle::{self, Action, Outgoing};
use tls_doctor_host::probe::sntp;
use tls_doctor_lab::pki::Validity;
use tls_doctor_lab::servers::sntp::SntpMode;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("seeds: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = fuzz.parent().ok_or("no workspace root")?;
    let seeds = Seeds { dir: fuzz.join("seeds") };
    ocsp(&seeds, root)?;
    crl(&seeds, root)?;
    sntp_replies(&seeds)?;
    autoconfig(&seeds)?;
    native(&seeds, root)?;
    lab_messages(&seeds, root)?;
    Ok(())
}

struct Seeds {
    dir: PathBuf,
}

impl Seeds {
    /// Removes the files of `target`'s seeds (what this program wrote last time), so a renamed
    /// seed leaves no stale copy. Subdirectories (answers captured by hand) stay.
    fn clear(&self, target: &str) -> Result {
        let dir = self.dir.join(target);
        std::fs::create_dir_all(&dir)?;
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_file() {
                std::fs::remove_file(path)?;
            }
        }
        Ok(())
    }

    fn write(&self, target: &str, name: &str, bytes: impl AsRef<[u8]>) -> Result {
        std::fs::write(self.dir.join(target).join(name), bytes)?;
        Ok(())
    }
}

fn fixture(root: &Path, name: &str) -> Result<Vec<u8>> {
    Ok(std::fs::read(root.join("native-host/tests/fixtures/revocation").join(name))?)
}

/// The index in [`FIXTURE_PAIRS`] of `name`.
fn pair(name: &str) -> u8 {
    FIXTURE_PAIRS.iter().position(|(n, _, _)| *n == name).unwrap_or(0) as u8
}

/// `YYYYMMDDHHMMSSZ` as a DER GeneralizedTime.
fn generalized(text: &str) -> Vec<u8> {
    tlv(0x18, text.as_bytes())
}

/// The CertID of the fuzz PKI's leaf with `algorithm` (an AlgorithmIdentifier's DER).
fn cert_id(algorithm: &[u8], hash: &'static digest::Algorithm) -> Result<Vec<u8>> {
    let pki = Pki::get();
    let (issuer, serial) = pki.leaf_issuer_and_serial().ok_or("the fuzz leaf does not parse")?;
    let name_hash = digest::digest(hash, issuer);
    let key_hash = digest::digest(hash, pki.ca_key_bits());
    Ok(tlv(0x30, &[algorithm, &tlv(0x04, name_hash.as_ref()), &tlv(0x04, key_hash.as_ref()), serial].concat()))
}

/// id-sha1 with NULL parameters; id-sha256 without.
const SHA1: &[u8] = &[0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00];
const SHA256: &[u8] = &[0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];

/// A ResponseData (RFC 6960 §4.2.1) with `singles`, by key.
fn response_data(singles: &[Vec<u8>]) -> Vec<u8> {
    let key_hash = digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, Pki::get().ca_key_bits());
    let by_key = tlv(0xa2, &tlv(0x04, key_hash.as_ref()));
    tlv(0x30, &[by_key, generalized("20251231000000Z"), tlv(0x30, &singles.concat())].concat())
}

fn single(cert_id: &[u8], status: &[u8], next_update: bool) -> Vec<u8> {
    let next = if next_update { tlv(0xa0, &generalized("20260107000000Z")) } else { Vec::new() };
    tlv(0x30, &[cert_id, status, &generalized("20251231000000Z"), &next].concat())
}

fn ocsp(seeds: &Seeds, root: &Path) -> Result {
    const T: &str = "ocsp_response";
    seeds.clear(T)?;
    // Mode 0: OpenSSL's answers, about the fixture they were made for (and two that do not fit).
    for (file, pair_name) in [
        ("ocsp-good-by-ca.der", "good"),
        ("ocsp-good-delegated.der", "good"),
        ("ocsp-good-sha256.der", "good"),
        ("ocsp-not-delegated.der", "good"),
        ("ocsp-other-signer.der", "good"),
        ("ocsp-revoked.der", "revoked"),
        ("ocsp-unknown.der", "unknown"),
        ("ocsp-rsa.der", "rsa"),
        ("ocsp-good-delegated.der", "other-ca"),
        ("ocsp-good-by-ca.der", "revoked"),
    ] {
        let input = [&[0, pair(pair_name)][..], &fixture(root, file)?].concat();
        seeds.write(T, &format!("openssl-{}-about-{pair_name}", file.trim_end_matches(".der")), input)?;
    }
    seeds.write(T, "openssl-try-later", [0, 0, 0x30, 0x03, 0x0a, 0x01, 0x03])?;
    // Mode 1: the lab's stale staple, with the lab's leaf and intermediate.
    let pki = tls_doctor_lab::pki::Pki::generate("http://127.0.0.1:1/intermediate.der")?;
    let leaf = pki.leaf("stale.lab.test", Validity::CURRENT)?;
    let chain = leaf.chain_der();
    let [leaf_der, intermediate] = &chain[..] else {
        return Err("the lab's chain is not leaf and intermediate".into());
    };
    let input = [&[1u8][..], &join(&[leaf_der, intermediate], &pki.stale_staple(&leaf)?)].concat();
    seeds.write(T, "lab-stale-staple", input)?;
    // Mode 2: signed parts for the fuzz PKI.
    let sha1 = cert_id(SHA1, &digest::SHA1_FOR_LEGACY_USE_ONLY)?;
    let sha256 = cert_id(SHA256, &digest::SHA256)?;
    let good = [0x80, 0x00];
    let unknown = [0x82, 0x00];
    let revoked = tlv(0xa1, &[generalized("20251201000000Z"), tlv(0xa0, &tlv(0x0a, &[1]))].concat());
    let revoked_no_reason = tlv(0xa1, &generalized("20251201000000.5Z"));
    let mut other = sha1.clone();
    if let Some(last) = other.last_mut() {
        *last ^= 1; // another serial
    }
    let cases: [(&str, Vec<u8>); 7] = [
        ("good-sha1", response_data(&[single(&sha1, &good, true)])),
        ("good-sha256", response_data(&[single(&sha256, &good, true)])),
        ("revoked-key-compromise", response_data(&[single(&sha1, &revoked, true)])),
        ("revoked-no-reason", response_data(&[single(&sha1, &revoked_no_reason, false)])),
        ("unknown", response_data(&[single(&sha1, &unknown, true)])),
        ("second-of-two", response_data(&[single(&other, &good, true), single(&sha256, &revoked, true)])),
        ("about-another", response_data(&[single(&other, &good, true)])),
    ];
    for (name, data) in &cases {
        for (signer, by) in [(0u8, "issuer"), (1, "delegate"), (2, "stranger")] {
            seeds.write(T, &format!("signed-{name}-by-{by}"), signed_input(signer, data, &[]))?;
        }
    }
    Ok(())
}

fn crl(seeds: &Seeds, root: &Path) -> Result {
    const T: &str = "crl";
    seeds.clear(T)?;
    let list = fixture(root, "crl.der")?;
    for pair_name in ["good", "revoked", "other-ca"] {
        seeds.write(T, &format!("openssl-crl-about-{pair_name}"), [&[0, pair(pair_name)][..], &list].concat())?;
    }
    let other = fixture(root, "crl-other-ca.der")?;
    seeds.write(T, "openssl-other-ca-crl", [&[0, pair("good")][..], &other].concat())?;
    // Mode 1: the lab's CRL (rcgen), with its revoked leaf and the intermediate.
    let pki = tls_doctor_lab::pki::Pki::generate("http://127.0.0.1:1/intermediate.der")?;
    let leaf = pki.revoked_leaf("revoked.lab.test")?;
    let chain = leaf.chain_der();
    let [leaf_der, intermediate] = &chain[..] else {
        return Err("the lab's chain is not leaf and intermediate".into());
    };
    seeds.write(T, "lab-crl-revoked", [&[1u8][..], &join(&[leaf_der, intermediate], pki.crl_der())].concat())?;
    // Mode 2: rcgen's lists by the fuzz PKI's issuer, their signed part only.
    let date = |unix: i64| time::OffsetDateTime::from_unix_timestamp(unix);
    for (name, serial, reason) in [
        ("revokes-the-leaf", Some(0x1001u64), Some(RevocationReason::KeyCompromise)),
        ("revokes-the-leaf-no-reason", Some(0x1001), None),
        ("revokes-another", Some(0x1002), Some(RevocationReason::Superseded)),
        ("empty", None, None),
    ] {
        let revoked_certs = serial
            .map(|s| {
                Ok::<_, time::error::ComponentRange>(RevokedCertParams {
                    serial_number: SerialNumber::from(s),
                    revocation_time: date(1_764_547_200)?,
                    reason_code: reason,
                    invalidity_date: None,
                })
            })
            .transpose()?
            .into_iter()
            .collect();
        let crl = CertificateRevocationListParams {
            this_update: date(1_767_139_200)?,
            next_update: date(1_767_744_000)?,
            crl_number: SerialNumber::from_slice(&[7]),
            issuing_distribution_point: None,
            revoked_certs,
            key_identifier_method: KeyIdMethod::Sha256,
        }
        .signed_by(Pki::get().ca_issuer())?;
        let der = crl.der().to_vec();
        let tbs = tls_doctor_fuzz::content(&der).and_then(tls_doctor_fuzz::element).ok_or("rcgen's CRL")?.0;
        for (signer, by) in [(0u8, "issuer"), (2, "stranger")] {
            seeds.write(T, &format!("signed-{name}-by-{by}"), signed_input(signer, tbs, &[]))?;
        }
    }
    Ok(())
}

fn sntp_replies(seeds: &Seeds) -> Result {
    const T: &str = "sntp_reply";
    seeds.clear(T)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let modes = [
        ("in-time", SntpMode::Shifted { offset_ms: 0 }),
        ("a-month-behind", SntpMode::Shifted { offset_ms: -30 * 86_400_000 }),
        ("a-year-ahead", SntpMode::Shifted { offset_ms: 400 * 86_400_000 }),
        ("kiss-of-death", SntpMode::KissOfDeath),
    ];
    for (name, mode) in modes {
        let address = tls_doctor_lab::servers::sntp::spawn(runtime.handle(), mode)?;
        let (sent, received, packet) = runtime.block_on(ask(address))?;
        let input = [&sent.to_be_bytes()[..], &received.to_be_bytes(), &packet].concat();
        seeds.write(T, &format!("lab-{name}"), input)?;
    }
    Ok(())
}

/// One SNTP request to `server`: when it left, when the answer came, the answer.
async fn ask(server: SocketAddr) -> Result<(u64, u64, Vec<u8>)> {
    let socket = tokio::net::UdpSocket::bind(("127.0.0.1", 0)).await?;
    socket.connect(server).await?;
    let sent = sntp::ntp_time(SystemTime::now());
    socket.send(&sntp::request(sent)).await?;
    let mut buf = [0u8; 512];
    let n = tokio::time::timeout(Duration::from_secs(2), socket.recv(&mut buf)).await??;
    Ok((sent, sntp::ntp_time(SystemTime::now()), buf[..n].to_vec()))
}

fn autoconfig(seeds: &Seeds) -> Result {
    const T: &str = "autoconfig_xml";
    seeds.clear(T)?;
    // tests/tests/mail_discovery.rs, with the ports filled in.
    let lab = r#"<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="ac.lab.test">
  <incomingServer type="imap"><hostname>imap.%EMAILDOMAIN%</hostname><port>993</port><socketType>SSL</socketType></incomingServer>
  <incomingServer type="pop3"><hostname>pop.%EMAILDOMAIN%</hostname><port>110</port><socketType>plain</socketType></incomingServer>
  <outgoingServer type="smtp"><hostname>smtp.ac.lab.test</hostname><port>465</port><socketType>SSL</socketType></outgoingServer>
</emailProvider></clientConfig>"#;
    seeds.write(T, "lab-mail-discovery", format!("someone@ac.lab.test\n{lab}"))?;
    // native-host/src/mail/autoconfig.rs's unit test.
    let sample = include_str!("../../../native-host/src/mail/testdata/autoconfig.xml").trim_end();
    seeds.write(T, "host-unit-test", format!("user@example.jp\n{sample}"))?;
    let namespaced = r#"<?xml version="1.0"?><m:clientConfig xmlns:m="http://example.jp/ns" version="1.1">
<m:emailProvider id="例え.jp"><m:incomingServer m:type="IMAP"><m:hostname>%EMAILLOCALPART%.Mail.例え.jp.</m:hostname>
<m:port>143</m:port><m:socketType>STARTTLS</m:socketType></m:incomingServer>
<m:outgoingServer type="smtp"><m:hostname>smtp.&#x4f8b;.jp</m:hostname><m:port>0587</m:port><m:socketType>tls</m:socketType></m:outgoingServer>
</m:emailProvider></m:clientConfig>"#;
    seeds.write(T, "namespaced-idn", format!("mailto:ユーザー@例え.jp\n{namespaced}"))?;
    Ok(())
}

/// A native-messaging frame: the length in native byte order, then `body`.
fn frame(body: &[u8]) -> Vec<u8> {
    let len = u32::try_from(body.len()).unwrap_or(u32::MAX);
    [&len.to_ne_bytes()[..], body].concat()
}

/// The requests of docs/WIRE.md (`→ …`, continued on the lines after until the JSON ends).
fn wire_md_requests(root: &Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(root.join("docs/WIRE.md"))?;
    let mut found = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(start) = line.strip_prefix("→ ") else { continue };
        let mut json = start.trim().to_owned();
        while serde_json::from_str::<serde_json::Value>(&json).is_err() {
            match lines.next() {
                Some(more) => json.push_str(more.trim()),
                None => break,
            }
        }
        if serde_json::from_str::<serde_json::Value>(&json).is_ok() {
            found.push(json);
        }
    }
    Ok(found)
}

fn native(seeds: &Seeds, root: &Path) -> Result {
    const T: &str = "native_messages";
    seeds.clear(T)?;
    let requests = wire_md_requests(root)?;
    if requests.len() < 3 {
        return Err(format!("only {} requests in docs/WIRE.md", requests.len()).into());
    }
    for (i, request) in requests.iter().enumerate() {
        seeds.write(T, &format!("wire-md-{i}"), frame(request.as_bytes()))?;
    }
    // What the extension sends (extension/background.js): a check with the managed settings'
    // client options and limits, a mail request in English.
    let client = r#"{"v":1,"type":"check","id":"c-17","target":{"host":"xn--bcher-kva.example","port":993,"address":"2001:db8::1","starttls":"imap"},"timeout_ms":8000,"client":{"ntp_servers":["ntp.nict.jp","127.0.0.1:12300"],"portal_url":"http://captive.example.jp/","canary":"canary.example.jp:443"},"limits":{"allowed_ports":[443,"990-995"],"blocked_hosts":["10.0.0.0/8","*.internal.example"],"private_addresses":false,"client_probes":true,"max_timeout_seconds":20}}"#;
    seeds.write(T, "check-with-client-and-limits", frame(client.as_bytes()))?;
    let mail = r#"{"v":1,"type":"mail","id":"m-3","address":"User@例え.JP","timeout_ms":60000,"lang":"en","limits":{"probes":true}}"#;
    seeds.write(T, "mail-idn", frame(mail.as_bytes()))?;
    // One stream: every request, then frames that break the rules (not UTF-8, not JSON, the
    // wrong shape, a body longer than the limit), then a frame cut short.
    let mut stream: Vec<u8> = requests.iter().flat_map(|r| frame(r.as_bytes())).collect();
    for bad in [&b"\xff\xfe"[..], b"not json", b"[1,2]", br#"{"v":1,"type":"scan","id":"x"}"#, b"{}", b""] {
        stream.extend(frame(bad));
    }
    stream.extend(frame(&vec![b' '; 65 * 1024]));
    stream.extend(frame(br#"{"v":1,"type":"hello","id":"after the large one"}"#));
    stream.extend_from_slice(&100u32.to_ne_bytes());
    stream.extend_from_slice(b"{\"v\":1,");
    seeds.write(T, "stream", stream)?;
    Ok(())
}

fn json(value: &impl Serialize) -> Result<String> {
    Ok(serde_json::to_string(value)?)
}

/// Evidence from the lab's cases, gathered in process as a native `check` would, and what the
/// model and the host make of it.
fn lab_messages(seeds: &Seeds, root: &Path) -> Result {
    const W: &str = "wire_json";
    const E: &str = "extension_inputs";
    seeds.clear(W)?;
    seeds.clear(E)?;
    let lab = tls_doctor_lab::Lab::start()?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let open = tls_doctor_host::policy::Loaded::from_files(Vec::new());
    let mut gathered: Vec<(&'static str, Evidence)> = Vec::new();
    for case in lab.cases() {
        let mut target = serde_json::json!({"host": case.host, "port": case.port});
        if let Some(address) = case.address {
            target["address"] = serde_json::json!(address);
        }
        let request = serde_json::json!({"v": 1, "type": "check", "id": case.name, "target": target,
            "timeout_ms": 4000, "client": {"ntp_servers": [], "portal_url": "", "canary": ""}});
        let Action::Check(check) = handle::request(&request.to_string(), &open) else {
            return Err(format!("{}: the check request was refused", case.name).into());
        };
        gathered.push((case.name, runtime.block_on(tls_doctor_host::probe::gather(&check.request))));
    }
    let now = Timestamp(tls_doctor_fuzz::NOW as i64);
    let zone = FixedOffset(540);
    for (name, evidence) in &gathered {
        let diagnosis = tls_doctor_core::diagnose(evidence, now, &OrgSettings::default());
        let explanation = tls_doctor_core::explain(&diagnosis, Lang::Ja, &zone);
        seeds.write(W, &format!("evidence-{name}"), json(evidence)?)?;
        seeds.write(W, &format!("diagnosis-{name}"), json(&diagnosis)?)?;
        seeds.write(W, &format!("explanation-{name}"), json(&explanation)?)?;
    }
    if let Some((name, evidence)) = gathered.first() {
        seeds.write(W, &format!("reply-evidence-{name}"), json(&handle::evidence("7".into(), evidence.clone()))?)?;
    }
    for (i, request) in wire_md_requests(root)?.iter().enumerate() {
        seeds.write(W, &format!("request-wire-md-{i}"), request)?;
    }
    seeds.write(W, "reply-hello", json(&handle::hello("1".into(), &open))?)?;
    let report = mail_report(&gathered, now);
    seeds.write(W, "mail-report", json(&report)?)?;
    // A megabyte is room enough: the reply is typed, never cut as JSON (`Outgoing::Clipped`).
    let Outgoing::Reply(Reply::MailReport { panels, .. }) =
        handle::mail_report("m".into(), report.clone(), Lang::Ja, 1 << 20)
    else {
        return Err("mail_report gave another reply".into());
    };
    let Outgoing::Reply(reply) = handle::mail_report("m".into(), report, Lang::En, 1 << 20) else {
        return Err("mail_report cut its reply".into());
    };
    seeds.write(W, "reply-mail-report", json(&reply)?)?;
    if let Some(panel) = panels.first() {
        seeds.write(W, "mail-panel-ja", json(panel)?)?;
        seeds.write(W, "mail-explanation-ja", json(&panel.explanation)?)?;
    }

    // The extension's inputs: observations of the browser error codes, with a case's evidence.
    let codes: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("wasm/core/data/error-codes.json"))?)?;
    let codes: Vec<(String, String)> = codes["codes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| Some((c["code"].as_str()?.to_owned(), c["browser"].as_str()?.to_owned())))
        .collect();
    let settings = [
        "",
        "probing\toff",
        "expected_ca\tab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12\ninternal_root\tspki:cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34\ninternal_domain\tcorp.example.jp\nproceed\tnever\norg\tExample 情報システム部\nemail\thelp@example.jp\nphone\t03-1234-5678\nurl\thttps://help.example.jp/",
        "proceed\tinternal\ninternal_domain\tlab.test",
    ];
    let typed = ["user@example.jp", "mail.example.jp:587", "[2001:db8::1]:993", "192.0.2.1", "mailto:a@例え.jp", "x y"];
    for (i, (name, evidence)) in gathered.iter().enumerate().take(24) {
        let (code, browser) = &codes[(i * 7) % codes.len().max(1)];
        let chromium = browser == "chromium";
        let chain_seen = evidence
            .handshakes
            .first()
            .map(|h| {
                h.chain
                    .iter()
                    .map(|c| SeenCert {
                        sha256: hex(digest::digest(&digest::SHA256, c.as_slice()).as_ref()),
                        subject: String::new(),
                        issuer: String::new(),
                        builtin_root: false,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let observation = Observation {
            kind: Default::default(),
            v: WIRE_VERSION,
            browser: BrowserInfo {
                family: if chromium { BrowserFamily::Chromium } else { BrowserFamily::Firefox },
                name: if chromium { "Chrome".into() } else { "Firefox".into() },
                version: if chromium { "138.0".into() } else { "140.0".into() },
                user_agent: String::new(),
            },
            url: format!("https://{}:{}/", evidence.target.host, evidence.target.port),
            error: if i % 5 == 4 { String::new() } else { code.clone() },
            observed_at: now,
            address: evidence.target.address,
            chain_seen: if i % 3 == 0 { chain_seen } else { Vec::new() },
        };
        let observation = json(&observation)?;
        seeds.write(W, &format!("observation-{name}"), &observation)?;
        let head = [&[(i % 2) as u8, 80][..], &(tls_doctor_fuzz::NOW as i64 * 1000).to_be_bytes()].concat();
        let evidence = json(evidence)?;
        let pieces = [observation.as_bytes(), evidence.as_bytes(), settings[i % settings.len()].as_bytes()];
        let input = [head.as_slice(), &join(&pieces, typed[i % typed.len()].as_bytes())].concat();
        seeds.write(E, &format!("lab-{name}"), input)?;
    }
    drop(lab);
    Ok(())
}

/// A report of the lab's STARTTLS and implicit-TLS mail servers, as `mail::run` would make one.
fn mail_report(gathered: &[(&'static str, Evidence)], now: Timestamp) -> MailReport {
    let servers: Vec<MailServer> = gathered
        .iter()
        .filter(|(_, e)| e.target.starttls.is_some() || matches!(e.target.port, 465 | 993 | 995))
        .take(4)
        .map(|(_, e)| MailServer {
            role: if matches!(e.target.port, 25 | 465 | 587) { MailRole::Outgoing } else { MailRole::IncomingImap },
            host: e.target.host.clone(),
            port: e.target.port,
            security: if e.target.starttls.is_some() { MailSecurity::Starttls } else { MailSecurity::Tls },
            source: MailSource::Srv,
            diagnosis: tls_doctor_core::diagnose(e, now, &OrgSettings::default()),
        })
        .collect();
    let recommended = tls_doctor_core::mail::recommend(&servers);
    MailReport {
        kind: Default::default(),
        v: WIRE_VERSION,
        address: Some("user@lab.test".into()),
        domain: "lab.test".into(),
        measured_at: now,
        timeout_ms: 20_000,
        elapsed_ms: 1_234,
        lookups: vec![
            Lookup {
                source: MailSource::Srv,
                query: "_submissions._tcp.lab.test SRV".into(),
                outcome: LookupOutcome::Found { servers: 1 },
            },
            Lookup {
                source: MailSource::Srv,
                query: "_imap._tcp.lab.test SRV".into(),
                outcome: LookupOutcome::NotOffered,
            },
            Lookup {
                source: MailSource::Autoconfig,
                query: "https://autoconfig.lab.test/mail/config-v1.1.xml?emailaddress=user%40lab.test".into(),
                outcome: LookupOutcome::Failed {
                    error: tls_doctor_core::wire::LookupError::TimedOut,
                    detail: String::new(),
                },
            },
        ],
        servers,
        not_checked: Vec::new(),
        unencrypted: Vec::new(),
        recommended,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
