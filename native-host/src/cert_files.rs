//! `tls-doctor cert FILE… [--key KEYFILE] [--name HOST] …`: the check an admin runs on
//! certificate files before a reload. The files become the chain a server would send (the first
//! certificate of the first file is the leaf; the rest follow in the order given), verified
//! against the same stores as a live check and judged by the same model, with only the checks
//! that can judge files ([`tls_doctor_core::wire::Files`]): dates, names, chain, trust,
//! hygiene, and with `--key` whether the private key is the leaf's.

use std::io::Read as _;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rustls::SignatureScheme;
use rustls::pki_types::pem::{PemObject, SectionKind};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs1KeyDer, PrivatePkcs8KeyDer, PrivateSec1KeyDer};
use tls_doctor_core::Timestamp;
use tls_doctor_core::cert;
pub use tls_doctor_core::explain::files::BadInput;
use tls_doctor_core::explain::files::Problem as InputProblem;
use tls_doctor_core::wire::{
    AiaOutcome, Bytes, DnsOutcome, DnsSkipped, Evidence, Files, Handshake, HandshakeRole, HostInfo, KeyCheck, Target,
    TlsOutcome, TrustStore,
};
use tokio::time::Instant as Deadline;

use crate::net::Gate;
use crate::probe::aia;
use crate::trust::{self, Store};

/// The largest certificate or key file read. A fullchain.pem is a few KB and a CA bundle a few
/// hundred; anything larger is not what the server would load.
pub const FILE_LIMIT: usize = 1024 * 1024;

/// The most certificates taken from the files: more than [`tls_doctor_core::wire`]'s chain limit
/// is judged `chain_too_long` anyway, and a bundle of every root is not a server's chain.
pub const CERT_LIMIT: usize = 64;

/// How long the AIA fetches of a missing intermediate may take in all.
pub const AIA_BUDGET: Duration = Duration::from_secs(10);

/// What `tls-doctor cert` was asked.
#[derive(Debug)]
pub struct Options {
    /// The server name to check the leaf against (`--name`), already normalised; `None`: no
    /// name check.
    pub name: Option<String>,
    /// The moment the dates are judged at (`--at`, default now).
    pub at: SystemTime,
    /// Fetch a missing intermediate from its AIA URL (not with `--offline`).
    pub fetch: bool,
    /// The port the files will be served on (`--port`, default 443): it decides whose fixes
    /// the words give (a web server's, Postfix's, Dovecot's).
    pub port: u16,
    /// Mozilla's roots and the OS store (not with `--no-system-roots`).
    pub system_roots: bool,
    /// `--ca-file`.
    pub custom: Option<Arc<Store>>,
    pub policy: Arc<crate::policy::Enforced>,
}

/// What one file holds.
#[derive(Default)]
struct Contents {
    certs: Vec<Vec<u8>>,
    keys: Vec<PrivateKeyDer<'static>>,
    /// An encrypted private key (PKCS#8 `ENCRYPTED PRIVATE KEY`, or OpenSSL's legacy
    /// `Proc-Type: 4,ENCRYPTED` header).
    encrypted: bool,
    /// A PEM section that is cut short or not base64: nothing after it was read.
    broken: bool,
}

fn problem(path: &Path, problem: InputProblem) -> BadInput {
    BadInput::new(path.display().to_string(), problem)
}

/// The file's bytes, at most [`FILE_LIMIT`]; a notice when it is missing, unreadable, empty or
/// larger.
fn read_bounded(path: &Path) -> Result<Vec<u8>, BadInput> {
    let unreadable = |e: std::io::Error| problem(path, InputProblem::Unreadable { error: e.to_string() });
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(FILE_LIMIT as u64 + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() > FILE_LIMIT {
        return Err(problem(path, InputProblem::TooLarge { limit_kb: FILE_LIMIT / 1024 }));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(problem(path, InputProblem::Empty));
    }
    Ok(bytes)
}

fn contents(bytes: &[u8]) -> Contents {
    let mut found = Contents::default();
    let text = String::from_utf8_lossy(bytes);
    if text.contains("-----BEGIN ") {
        found.encrypted =
            text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || text.contains("Proc-Type: 4,ENCRYPTED");
        for item in <(SectionKind, Vec<u8>)>::pem_slice_iter(bytes) {
            // A broken section ends the reading.
            let Ok((kind, der)) = item else {
                found.broken = true;
                break;
            };
            match kind {
                SectionKind::Certificate => found.certs.push(der),
                SectionKind::PrivateKey => found.keys.push(PrivatePkcs8KeyDer::from(der).into()),
                SectionKind::RsaPrivateKey => found.keys.push(PrivatePkcs1KeyDer::from(der).into()),
                SectionKind::EcPrivateKey => found.keys.push(PrivateSec1KeyDer::from(der).into()),
                _ => {}
            }
        }
        return found;
    }
    // DER: one certificate, or one key.
    if cert::parse(bytes).is_ok() {
        found.certs.push(bytes.to_vec());
    } else if let Ok(key) = PrivateKeyDer::try_from(bytes) {
        found.keys.push(key.clone_key());
    }
    found
}

/// A private key found in a certificate file: HAProxy's `crt` file and Postfix's
/// `smtpd_tls_chain_files` may hold the key beside the certificates.
pub type EmbeddedKey = (std::path::PathBuf, PrivateKeyDer<'static>);

/// The chain in the files, in the order given: PEM (any number of certificates per file) or
/// DER (one per file); and the first private key a file holds beside its certificates.
pub fn read_chain(paths: &[impl AsRef<Path>]) -> Result<(Vec<CertificateDer<'static>>, Option<EmbeddedKey>), BadInput> {
    let mut chain = Vec::new();
    let mut embedded = None;
    for path in paths {
        let path = path.as_ref();
        let found = contents(&read_bounded(path)?);
        // The server would refuse the file (nginx: PEM_read_bio_X509 failed); a chain without
        // the broken part would be judged wrongly incomplete.
        if found.broken {
            return Err(problem(path, InputProblem::BrokenPem));
        }
        if found.certs.is_empty() {
            let p = if found.encrypted || !found.keys.is_empty() {
                InputProblem::IsKey
            } else {
                InputProblem::NoCertificate
            };
            return Err(problem(path, p));
        }
        if embedded.is_none() {
            embedded = found.keys.into_iter().next().map(|key| (path.to_path_buf(), key));
        }
        chain.extend(found.certs.into_iter().map(CertificateDer::from));
    }
    chain.truncate(CERT_LIMIT);
    Ok((chain, embedded))
}

/// The private key in `path` (PKCS#8, PKCS#1 or SEC1; PEM or DER).
pub fn read_key(path: &Path) -> Result<PrivateKeyDer<'static>, BadInput> {
    let found = contents(&read_bounded(path)?);
    if let Some(key) = found.keys.into_iter().next() {
        return Ok(key);
    }
    let p = match (found.encrypted, found.certs.is_empty()) {
        (true, _) => InputProblem::Encrypted,
        (false, _) if found.broken => InputProblem::BrokenPem,
        (false, false) => InputProblem::IsCertificate,
        (false, true) => InputProblem::NoKey,
    };
    Err(problem(path, p))
}

/// Whether `key` is the private half of `leaf`'s public key: the public keys are the same, or
/// a signature made with the key verifies with the leaf's.
pub fn key_check(path: &Path, key: &PrivateKeyDer<'_>, leaf: &CertificateDer<'_>) -> Result<KeyCheck, BadInput> {
    let provider = rustls::crypto::ring::default_provider();
    let signing = provider
        .key_provider
        .load_private_key(key.clone_key())
        .map_err(|_| problem(path, InputProblem::UnsupportedKey))?;
    let spki = signing.public_key();
    let key_name = spki
        .as_ref()
        .and_then(|s| cert::describe_spki(s.as_ref()))
        .unwrap_or_else(|| format!("{:?}", signing.algorithm()));
    let leaf_info = cert::parse(leaf).ok();
    let leaf_key = leaf_info.as_ref().map_or_else(|| "?".to_owned(), |c| c.key.describe());
    let same_spki = match (&spki, &leaf_info) {
        (Some(spki), Some(leaf)) => {
            ring::digest::digest(&ring::digest::SHA256, spki.as_ref()).as_ref() == leaf.spki_sha256
        }
        _ => false,
    };
    let matches = same_spki || signature_verifies(signing.as_ref(), leaf, &provider);
    Ok(KeyCheck { path: path.display().to_string(), key: key_name, leaf_key, matches })
}

/// Sign a fixed message with the key and verify it with the leaf's public key.
fn signature_verifies(
    signing: &dyn rustls::sign::SigningKey,
    leaf: &CertificateDer<'_>,
    provider: &rustls::crypto::CryptoProvider,
) -> bool {
    const MESSAGE: &[u8] = b"tls-doctor cert: does this key belong to this certificate?";
    let offered = [
        SignatureScheme::ED25519,
        SignatureScheme::ECDSA_NISTP256_SHA256,
        SignatureScheme::ECDSA_NISTP384_SHA384,
        SignatureScheme::RSA_PSS_SHA256,
        SignatureScheme::RSA_PKCS1_SHA256,
    ];
    let Some(signer) = signing.choose_scheme(&offered) else { return false };
    let Ok(signature) = signer.sign(MESSAGE) else { return false };
    let Ok(ee) = webpki::EndEntityCert::try_from(leaf) else { return false };
    let scheme = signer.scheme();
    provider
        .signature_verification_algorithms
        .mapping
        .iter()
        .filter(|(s, _)| *s == scheme)
        .flat_map(|(_, algs)| algs.iter())
        .any(|alg| ee.verify_signature(*alg, MESSAGE, &signature).is_ok())
}

/// The evidence of certificate files: one primary "handshake" whose chain is the files', with
/// the stores' verdicts at `opts.at`, and the AIA fetches of a missing intermediate.
pub async fn evidence(
    paths: Vec<String>,
    chain: Vec<CertificateDer<'static>>,
    key: Option<KeyCheck>,
    opts: &Options,
) -> Evidence {
    let started = std::time::Instant::now();
    let mut stores: Vec<Store> = Vec::new();
    if opts.system_roots {
        stores.push(Store::mozilla());
        stores.push(
            tokio::task::spawn_blocking(Store::system).await.unwrap_or_else(|_| Store::empty(TrustStore::System)),
        );
    }
    let store_refs: Vec<&Store> = stores.iter().chain(opts.custom.as_deref()).collect();
    let trust: Vec<_> = store_refs.iter().map(|s| trust::verify(s, &chain, opts.at)).collect();
    let handshake = Handshake {
        tls: TlsOutcome::Established { version: String::new(), cipher: String::new() },
        chain: chain.iter().map(|c| Bytes(c.to_vec())).collect(),
        trust,
        ..Handshake::not_attempted(HandshakeRole::Primary, None)
    };

    let mut aia_fetches = Vec::new();
    let mut completed_trust = Vec::new();
    if opts.fetch {
        if let Some(top) = crate::probe::missing_issuer_of(&handshake) {
            let gate = Gate::new(opts.policy.clone());
            aia_fetches = aia::chase(&gate, &top, Deadline::now() + AIA_BUDGET).await;
            let fetched: Vec<CertificateDer<'static>> = aia_fetches
                .iter()
                .filter_map(|f| match &f.outcome {
                    AiaOutcome::Fetched { certificate } => Some(CertificateDer::from(certificate.0.clone())),
                    _ => None,
                })
                .collect();
            if !fetched.is_empty() {
                let mut completed = chain.clone();
                completed.extend(fetched);
                completed_trust = store_refs.iter().map(|s| trust::verify(s, &completed, opts.at)).collect();
            }
        }
    }

    let name = opts.name.clone().unwrap_or_default();
    let target =
        Target { host: name.clone(), port: opts.port, address: None, sni: None, verify_name: name, starttls: None };
    let host = HostInfo { name: "tls-doctor".into(), version: env!("CARGO_PKG_VERSION").into() };
    Evidence {
        measured_at: Timestamp(unix_seconds(opts.at)),
        elapsed_ms: crate::probe::millis(started.elapsed()),
        handshakes: vec![handshake],
        aia: aia_fetches,
        completed_trust,
        files: Some(Files { paths, key }),
        ..Evidence::unmeasured(host, target, DnsOutcome::Skipped { reason: DnsSkipped::Files })
    }
}

fn unix_seconds(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => i64::try_from(e.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

/// `--at`: an RFC 3339 time.
pub fn parse_at(text: &str) -> Result<SystemTime, BadInput> {
    let bad = || BadInput::new(text, InputProblem::BadTime);
    let t = chrono::DateTime::parse_from_rfc3339(text.trim()).map_err(|_| bad())?;
    let secs = t.timestamp();
    let since = Duration::from_secs(secs.unsigned_abs());
    if secs >= 0 { UNIX_EPOCH.checked_add(since) } else { UNIX_EPOCH.checked_sub(since) }.ok_or_else(bad)
}

/// `--name`: a host name (to ASCII) or an IP address.
pub fn parse_name(text: &str) -> Result<String, BadInput> {
    let trimmed = text.trim().trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = trimmed.parse::<std::net::IpAddr>() {
        return Ok(ip.to_string());
    }
    crate::target::normalise_name(trimmed).ok_or_else(|| BadInput::new(text, InputProblem::BadName))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf_with(alg: &'static rcgen::SignatureAlgorithm) -> (CertificateDer<'static>, rcgen::KeyPair) {
        let key = rcgen::KeyPair::generate_for(alg).unwrap();
        let params = rcgen::CertificateParams::new(vec!["a.test".to_owned()]).unwrap();
        (params.self_signed(&key).unwrap().der().clone(), key)
    }

    fn key_of(key: &rcgen::KeyPair) -> PrivateKeyDer<'static> {
        contents(key.serialize_pem().as_bytes()).keys.into_iter().next().unwrap()
    }

    #[test]
    fn the_leafs_own_key_matches_and_another_does_not() {
        for alg in [&rcgen::PKCS_ECDSA_P256_SHA256, &rcgen::PKCS_ECDSA_P384_SHA384, &rcgen::PKCS_ED25519] {
            let (leaf, key) = leaf_with(alg);
            let (_, other) = leaf_with(alg);
            let path = Path::new("privkey.pem");
            let own = key_check(path, &key_of(&key), &leaf).unwrap();
            assert!(own.matches, "{alg:?}: {own:?}");
            assert_eq!(own.key, own.leaf_key);
            let wrong = key_check(path, &key_of(&other), &leaf).unwrap();
            assert!(!wrong.matches, "{alg:?}: {wrong:?}");
        }
        // Another type of key altogether.
        let (leaf, _) = leaf_with(&rcgen::PKCS_ECDSA_P256_SHA256);
        let (_, ed) = leaf_with(&rcgen::PKCS_ED25519);
        let check = key_check(Path::new("k"), &key_of(&ed), &leaf).unwrap();
        assert_eq!((check.matches, check.key.as_str(), check.leaf_key.as_str()), (false, "Ed25519", "EC P-256"));
    }

    #[test]
    fn files_are_told_apart_by_what_they_hold() {
        let (leaf, key) = leaf_with(&rcgen::PKCS_ECDSA_P256_SHA256);
        let pem = rcgen::CertifiedKey {
            cert: rcgen::CertificateParams::new(vec!["a.test".to_owned()]).unwrap().self_signed(&key).unwrap(),
            signing_key: key,
        };
        let cert_pem = pem.cert.pem();
        let found = contents(cert_pem.as_bytes());
        assert_eq!((found.certs.len(), found.keys.len(), found.encrypted), (1, 0, false));
        // DER, either way.
        assert_eq!(contents(&leaf).certs.len(), 1);
        let der_key = pem.signing_key.serialize_der();
        assert_eq!(contents(&der_key).keys.len(), 1);
        let encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n";
        let found = contents(encrypted.as_bytes());
        assert!(found.encrypted && found.keys.is_empty() && found.certs.is_empty());
        assert!(contents(b"hello").certs.is_empty());
        // A bundle keeps its order, and what follows a broken section is not read.
        let bundle = format!("{cert_pem}{cert_pem}");
        assert_eq!(contents(bundle.as_bytes()).certs.len(), 2);
        let cut = &cert_pem[..cert_pem.len() / 2];
        let found = contents(format!("{cert_pem}{cut}").as_bytes());
        assert!(found.broken && found.certs.len() == 1);
    }

    #[test]
    fn at_most_64_certificates_are_taken() {
        let key = rcgen::KeyPair::generate().unwrap();
        let one = rcgen::CertificateParams::new(vec!["a.test".to_owned()]).unwrap().self_signed(&key).unwrap().pem();
        let dir = std::env::temp_dir().join(format!("tls-doctor-cert-limit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bundle.pem");
        std::fs::write(&path, one.repeat(CERT_LIMIT + 6)).unwrap();
        assert_eq!(read_chain(&[&path]).unwrap().0.len(), CERT_LIMIT);
        std::fs::write(&path, one.repeat(3)).unwrap();
        assert_eq!(read_chain(&[&path, &path]).unwrap().0.len(), 6);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn bad_values_are_notices() {
        assert!(parse_at("2024-01-01T00:00:00Z").is_ok());
        assert!(parse_at("2024-01-01T09:00:00+09:00").is_ok());
        assert!(matches!(parse_at("yesterday"), Err(BadInput { problem: InputProblem::BadTime, .. })));
        assert_eq!(parse_name("WWW.Example.JP.").unwrap(), "www.example.jp");
        assert_eq!(parse_name("[2001:db8::1]").unwrap(), "2001:db8::1");
        assert!(parse_name("a b").is_err());
    }
}
