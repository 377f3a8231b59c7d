//! TLS servers (rustls). After the handshake each answers one HTTP request with `200 OK` and a
//! correct `Date`, the way a web server would, then closes. What differs between cases is the
//! certificate a server presents and whether it wants one from the client.

use std::fmt;
use std::io;
use std::sync::Arc;

use rustls::RootCertStore;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::{ClientHello, ResolvesServerCert, WebPkiClientVerifier};
use rustls::sign::CertifiedKey;
use rustls::{ServerConfig, SupportedProtocolVersion};
use tokio::io::AsyncWriteExt;
use tokio::runtime::Handle;
use tokio_rustls::TlsAcceptor;

use super::{IDLE, http};
use crate::LabError;
use crate::pki::Leaf;

/// Starts a TLS server with `config`; returns its port.
pub fn spawn(handle: &Handle, config: ServerConfig) -> io::Result<u16> {
    let acceptor = TlsAcceptor::from(Arc::new(config));
    super::spawn_server(handle, move |stream| {
        let acceptor = acceptor.clone();
        async move {
            // A failed handshake is the point of several cases: rustls has already sent its
            // alert by the time `accept` returns the error.
            let Ok(Ok(mut tls)) = tokio::time::timeout(IDLE, acceptor.accept(stream)).await else { return };
            if http::read_request_head(&mut tls).await.is_some() {
                let answer = http::response("200 OK", "text/plain; charset=utf-8", b"TLS Doctor lab: hello\n");
                let _ = tls.write_all(&answer).await;
            }
            let _ = tls.shutdown().await;
        }
    })
}

/// The greeting of a server that serves clients without a certificate.
pub const SMTPS_GREETING: &[u8] = b"220 smtps.lab.test ESMTP\r\n";
/// The greeting of a server that requires one (as Postfix with `smtpd_tls_req_ccert`).
pub const SMTPS_REFUSAL: &[u8] = b"421 4.7.1 smtps.lab.test Error: client certificate required\r\n";

/// Starts an implicit-TLS SMTP server (smtps) with `config`: after the handshake it sends
/// `greeting`, answers one line with `502` (as Postfix answers a command it does not know),
/// then closes.
pub fn spawn_smtps(handle: &Handle, config: ServerConfig, greeting: &'static [u8]) -> io::Result<u16> {
    let acceptor = TlsAcceptor::from(Arc::new(config));
    super::spawn_server(handle, move |stream| {
        let acceptor = acceptor.clone();
        async move {
            use tokio::io::AsyncReadExt as _;
            let Ok(Ok(mut tls)) = tokio::time::timeout(IDLE, acceptor.accept(stream)).await else { return };
            if tls.write_all(greeting).await.is_err() {
                return;
            }
            let mut line = [0u8; 1024];
            if let Ok(Ok(n)) = tokio::time::timeout(IDLE, tls.read(&mut line)).await {
                if n > 0 {
                    let _ = tls.write_all(b"502 5.5.2 Error: command not recognized\r\n").await;
                }
            }
            let _ = tls.shutdown().await;
        }
    })
}

/// Presents `leaf` to every client.
pub fn single(leaf: &Leaf) -> Result<ServerConfig, LabError> {
    config(Arc::new(Fixed(leaf.certified_key()?)))
}

/// Presents `leaf` with `staple` (an OCSPResponse's DER) stapled to every handshake whose
/// client asks for it (status_request, RFC 6066 §8).
pub fn stapled(leaf: &Leaf, staple: Vec<u8>) -> Result<ServerConfig, LabError> {
    let key = leaf.certified_key()?;
    let stapled = CertifiedKey { cert: key.cert.clone(), key: Arc::clone(&key.key), ocsp: Some(staple) };
    config(Arc::new(Fixed(Arc::new(stapled))))
}

/// Presents `named` when the client asks for `name` through SNI, and `default` otherwise (no
/// SNI, or another name): what a server with several virtual hosts does.
pub fn by_sni(name: &str, named: &Leaf, default: &Leaf) -> Result<ServerConfig, LabError> {
    config(Arc::new(BySni { name: name.to_owned(), named: named.certified_key()?, default: default.certified_key()? }))
}

/// Presents `certificate`, whatever its bytes, signing the handshake with `key`: how a server
/// sends a certificate nobody can parse.
pub fn raw_certificate(certificate: Vec<u8>, key: &PrivateKeyDer<'static>) -> Result<ServerConfig, LabError> {
    let signer = provider().key_provider.load_private_key(key.clone_key())?;
    let key = CertifiedKey::new(vec![CertificateDer::from(certificate)], signer);
    config(Arc::new(Fixed(Arc::new(key))))
}

/// Presents `leaf` and refuses clients that do not present a certificate from `client_ca`.
pub fn client_cert_required(leaf: &Leaf, client_ca: CertificateDer<'static>) -> Result<ServerConfig, LabError> {
    asking_for_client_cert(leaf, client_ca, true)
}

/// Presents `leaf` and asks for a client certificate from `client_ca`, but serves clients
/// without one (nginx `ssl_verify_client optional`, Postfix `smtpd_tls_ask_ccert`).
pub fn client_cert_optional(leaf: &Leaf, client_ca: CertificateDer<'static>) -> Result<ServerConfig, LabError> {
    asking_for_client_cert(leaf, client_ca, false)
}

fn asking_for_client_cert(
    leaf: &Leaf,
    client_ca: CertificateDer<'static>,
    required: bool,
) -> Result<ServerConfig, LabError> {
    let mut roots = RootCertStore::empty();
    roots.add(client_ca)?;
    let builder = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider());
    // The builder's default refuses a client without a certificate.
    let builder = if required { builder } else { builder.allow_unauthenticated() };
    let verifier = builder.build().map_err(|e| LabError::new(format!("client certificate verifier: {e}")))?;
    Ok(ServerConfig::builder_with_provider(provider())
        .with_protocol_versions(VERSIONS)?
        .with_client_cert_verifier(verifier)
        .with_cert_resolver(Arc::new(Fixed(leaf.certified_key()?))))
}

/// TLS 1.3 and 1.2, as most servers offer today.
const VERSIONS: &[&SupportedProtocolVersion] = &[&rustls::version::TLS13, &rustls::version::TLS12];

/// The crypto provider is named, not taken from the process default, so that the lab works
/// whatever else in the build enables.
fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn config(resolver: Arc<dyn ResolvesServerCert>) -> Result<ServerConfig, LabError> {
    Ok(ServerConfig::builder_with_provider(provider())
        .with_protocol_versions(VERSIONS)?
        .with_no_client_auth()
        .with_cert_resolver(resolver))
}

/// Always the same certificate. (rustls' own `with_single_cert` checks that the certificate
/// matches the key, which the garbage-certificate case must get past.)
#[derive(Debug)]
struct Fixed(Arc<CertifiedKey>);

impl ResolvesServerCert for Fixed {
    fn resolve(&self, _hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(Arc::clone(&self.0))
    }
}

struct BySni {
    name: String,
    named: Arc<CertifiedKey>,
    default: Arc<CertifiedKey>,
}

impl fmt::Debug for BySni {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BySni").field("name", &self.name).finish_non_exhaustive()
    }
}

impl ResolvesServerCert for BySni {
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        let asked = hello.server_name().is_some_and(|n| n.eq_ignore_ascii_case(&self.name));
        Some(Arc::clone(if asked { &self.named } else { &self.default }))
    }
}
