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
use tls_doctor_core::wire::{
    CHAIN_BYTES_LIMIT, CHAIN_LIMIT, CLIENT_CERT_ISSUER_CHARS, CLIENT_CERT_ISSUERS_LIMIT, ChainOverflow,
};

/// What the verifier and the client-certificate resolver saw during one handshake.
#[derive(Debug, Default)]
pub struct Recorded {
    pub chain: Vec<CertificateDer<'static>>,
    pub overflow: Option<ChainOverflow>,
    pub ocsp: Option<Vec<u8>>,
    pub client_cert_requested: bool,
    /// The issuers the CertificateRequest named, readable, bounded (see [`issuer_names`]).
    pub client_cert_issuers: Vec<String>,
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
    fn resolve(&self, root_hint_subjects: &[&[u8]], _sigschemes: &[SignatureScheme]) -> Option<Arc<CertifiedKey>> {
        let mut rec = lock(&self.recording);
        rec.client_cert_requested = true;
        rec.client_cert_issuers = issuer_names(root_hint_subjects);
        None
    }

    fn has_certs(&self) -> bool {
        true
    }
}

/// The accepted issuers of a CertificateRequest (`certificate_authorities`: DER `Name`s, RFC 8446
/// §4.2.4, RFC 5246 §7.4.4) as people read them: the common name, else the whole name; at most
/// [`CLIENT_CERT_ISSUERS_LIMIT`] names of at most [`CLIENT_CERT_ISSUER_CHARS`] characters, and
/// one that does not parse is left out.
fn issuer_names(subjects: &[&[u8]]) -> Vec<String> {
    subjects
        .iter()
        .filter_map(|der| {
            tls_doctor_core::cert::display_name_der(der).or_else(|| tls_doctor_core::cert::display_name_value(der))
        })
        .map(|name| name.chars().filter(|c| !c.is_control()).take(CLIENT_CERT_ISSUER_CHARS).collect::<String>())
        .filter(|name| !name.is_empty())
        .take(CLIENT_CERT_ISSUERS_LIMIT)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_der(cn: &str) -> Vec<u8> {
        let mut dn = rcgen::DistinguishedName::new();
        dn.push(rcgen::DnType::OrganizationName, "Lab");
        dn.push(rcgen::DnType::CommonName, cn);
        let mut params = rcgen::CertificateParams::default();
        params.distinguished_name = dn;
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = params.self_signed(&key).unwrap();
        let parsed = tls_doctor_core::cert::parse(cert.der()).unwrap();
        parsed.subject_der.clone()
    }

    #[test]
    fn accepted_issuers_are_named_and_bounded() {
        let long = "x".repeat(CLIENT_CERT_ISSUER_CHARS * 2);
        let ders: Vec<Vec<u8>> = std::iter::once(name_der("Staff CA"))
            .chain(std::iter::once(vec![0x30, 0x03, 0xff, 0xff]))
            .chain(std::iter::once(name_der(&long)))
            .chain((0..20).map(|i| name_der(&format!("CA {i}"))))
            .collect();
        let refs: Vec<&[u8]> = ders.iter().map(Vec::as_slice).collect();
        let names = issuer_names(&refs);
        assert_eq!(names.len(), CLIENT_CERT_ISSUERS_LIMIT);
        assert_eq!(names[0], "Staff CA");
        assert_eq!(names[1].chars().count(), CLIENT_CERT_ISSUER_CHARS);
        assert_eq!(names[2], "CA 0");
    }
}
