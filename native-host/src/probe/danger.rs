//! The recording verifier: it keeps the certificates the server sent and lets the handshake go
//! on whatever they are.
//!
//! # Why this is safe here
//! A diagnosis must see a broken chain to explain it, so certificate verification cannot
//! abort the handshake. What this connection carries afterwards is at most an HTTP `GET /`
//! with no cookies, credentials or user data, and its answer is only read for the `Date`
//! header: nothing is trusted or disclosed on the strength of this handshake. The chain is
//! verified separately (see `crate::trust`), and that verdict is the evidence.
//!
//! The handshake signature is still checked properly: a server that cannot prove it holds the
//! key of the certificate it sent fails the handshake.

use std::sync::{Arc, Mutex, PoisonError};

use rustls::DigitallySignedStruct;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{ResolvesClientCert, WantsClientCert};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::sign::CertifiedKey;
use rustls::{ClientConfig, ConfigBuilder, SignatureScheme};
use tls_doctor_core::wire::{CHAIN_BYTES_LIMIT, CHAIN_LIMIT, ChainOverflow};

/// What the verifier and the client-certificate resolver saw during one handshake.
#[derive(Debug, Default)]
pub struct Recorded {
    pub chain: Vec<CertificateDer<'static>>,
    pub overflow: Option<ChainOverflow>,
    pub ocsp: Option<Vec<u8>>,
    pub client_cert_requested: bool,
}

pub type Recording = Arc<Mutex<Recorded>>;

/// A client configuration whose verifier records instead of judging. One per handshake.
pub fn danger_recording_config(
    provider: Arc<CryptoProvider>,
    sni: bool,
) -> Result<(ClientConfig, Recording), rustls::Error> {
    let recording: Recording = Arc::default();
    let algorithms = provider.signature_verification_algorithms;
    let builder: ConfigBuilder<ClientConfig, WantsClientCert> = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(rustls::ALL_VERSIONS)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(DangerRecordingVerifier {
            recording: recording.clone(),
            algorithms,
        }));
    let mut config =
        builder.with_client_cert_resolver(Arc::new(RecordingClientCertResolver { recording: recording.clone() }));
    config.enable_sni = sni;
    Ok((config, recording))
}

fn lock(recording: &Recording) -> std::sync::MutexGuard<'_, Recorded> {
    recording.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Records the served chain and accepts it; see the module docs for why that is safe.
#[derive(Debug)]
struct DangerRecordingVerifier {
    recording: Recording,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for DangerRecordingVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let mut rec = lock(&self.recording);
        let all = std::iter::once(end_entity).chain(intermediates);
        let (mut kept, mut bytes) = (Vec::new(), 0usize);
        let (mut count, mut total) = (0usize, 0usize);
        for cert in all {
            count += 1;
            total += cert.len();
            if kept.len() < CHAIN_LIMIT && bytes + cert.len() <= CHAIN_BYTES_LIMIT {
                bytes += cert.len();
                kept.push(cert.clone().into_owned());
            }
        }
        rec.chain = kept;
        rec.overflow = (count > CHAIN_LIMIT || total > CHAIN_BYTES_LIMIT)
            .then_some(ChainOverflow { certificates: count, bytes: total });
        rec.ocsp = (!ocsp_response.is_empty()).then(|| ocsp_response.to_vec());
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// Notes that the server asked for a client certificate, and offers none.
#[derive(Debug)]
struct RecordingClientCertResolver {
    recording: Recording,
}

impl ResolvesClientCert for RecordingClientCertResolver {
    fn resolve(&self, _root_hint_subjects: &[&[u8]], _sigschemes: &[SignatureScheme]) -> Option<Arc<CertifiedKey>> {
        lock(&self.recording).client_cert_requested = true;
        None
    }

    fn has_certs(&self) -> bool {
        true
    }
}
