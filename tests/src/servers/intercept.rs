//! A re-signing TLS proxy: what an antivirus, a company's TLS inspection or an unknown
//! middlebox does to HTTPS. For each connection it reads the name the client asks for (SNI),
//! makes a leaf for that name signed by its own root (one per name, cached), completes the
//! handshake, then opens its own TLS connection to a fixed upstream (a lab server, verified
//! against the lab root) and relays bytes both ways. Any name is accepted, so a client that
//! maps any host to the proxy's address sees that host's page, re-signed.
//!
//! It is also an HTTPS proxy, as a company's explicit proxy is: a client set to use it sends
//! `CONNECT host:port`, is answered `200`, and gets the same re-signed TLS on that connection.
//! Only the upstream's `host:port` is relayed (the lab reaches nothing else); other targets are
//! answered `403`.
//!
//! Without SNI (a client that connects to an address) the leaf is made for the upstream's name,
//! as a re-signer that copies the certificate the server sends does (the lab's servers send the
//! same certificate with and without SNI). The leaf is served alone: the client is expected to hold the proxy's root, as a machine whose
//! antivirus or administrator installed it does.
//!
//! In front of a mail server it does what an antivirus's mail scanning does: on an
//! implicit-TLS port (IMAPS, POP3S, SMTPS) as above; on a STARTTLS port ([`Upstream::starttls`])
//! it relays the plaintext dialogue as it is, and when the client asks to upgrade (`STARTTLS`,
//! POP3's `STLS`) and the server agrees, it speaks TLS with the server and re-signs towards the
//! client.

use std::collections::HashMap;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use rustls::{ClientConfig, RootCertStore, ServerConfig};
use time::OffsetDateTime;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::runtime::Handle;
use tokio_rustls::{TlsAcceptor, TlsConnector};

use super::http;
use crate::LabError;
use crate::cases::Case;

/// The subject of a proxy's root CA.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RootName {
    pub common_name: &'static str,
    pub organization: &'static str,
}

/// `intercept-av`: named like ESET's SSL/TLS filtering (`eset` in the interception product table).
pub const ANTIVIRUS: RootName = RootName { common_name: "ESET SSL Filter CA", organization: "ESET, spol. s r. o." };
/// `intercept-corp`: a company's own inspection CA, which no product table knows.
pub const CORPORATE: RootName =
    RootName { common_name: "Example Corp TLS Inspection CA", organization: "Example Corp" };
/// `intercept-unknown`: a re-signer whose name says nothing.
pub const UNKNOWN: RootName = RootName { common_name: "Secure Gateway", organization: "Net Services" };

/// The proxies the lab starts, by name.
pub const PROXIES: [(&str, RootName); 3] =
    [("intercept-av", ANTIVIRUS), ("intercept-corp", CORPORATE), ("intercept-unknown", UNKNOWN)];

/// The lab case every lab proxy relays to.
pub const UPSTREAM_CASE: &str = "ok";

/// How long the handshakes and the upstream connection may take.
const CONNECT: Duration = Duration::from_secs(10);
/// The longest one relayed connection may last.
const SESSION: Duration = Duration::from_secs(60);
/// Leaves kept; past this the cache starts again (names come from clients).
const CACHE_LIMIT: usize = 1024;

/// Where a proxy relays to: `host` is the name it asks the upstream for (and verifies), at
/// `address`, against `roots`.
#[derive(Clone, Debug)]
pub struct Upstream {
    pub host: String,
    pub address: SocketAddr,
    pub roots: Vec<CertificateDer<'static>>,
    /// The upstream speaks a plaintext dialogue first and upgrades with `STARTTLS` or `STLS`
    /// (SMTP submission, IMAP, POP3); otherwise TLS from the first byte.
    pub starttls: bool,
}

impl Upstream {
    /// A running lab case, verified against the lab root; a STARTTLS case (one whose arguments
    /// carry `--starttls`) is relayed as one.
    pub fn case(case: &Case, lab_root: &CertificateDer<'static>) -> Self {
        let ip = case.address.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
        Self {
            host: case.host.to_owned(),
            address: SocketAddr::new(ip, case.port),
            roots: vec![lab_root.clone()],
            starttls: case.extra_args.first() == Some(&"--starttls"),
        }
    }
}

/// A running proxy.
#[derive(Clone, Debug)]
pub struct InterceptProxy {
    pub name: &'static str,
    pub root_name: RootName,
    /// Where it listens (127.0.0.1).
    pub address: SocketAddr,
    /// Its root in PEM, written to a file for trust bundles (`--ca-file`).
    pub root_pem: PathBuf,
    pub root_der: CertificateDer<'static>,
    /// SHA-256 of `root_der`, lowercase hex.
    pub root_sha256: String,
    /// `host:port` of the upstream, as relayed to.
    pub upstream: String,
}

impl InterceptProxy {
    /// Makes a root named `root_name`, writes it to `dir/NAME-root.pem`, and starts relaying
    /// every connection to a new 127.0.0.1 port to `upstream`.
    pub fn start(
        handle: &Handle,
        name: &'static str,
        root_name: RootName,
        upstream: Upstream,
        dir: &Path,
    ) -> Result<Self, LabError> {
        let mut started = Self::start_each(handle, name, root_name, vec![(None, upstream)], dir)?;
        started.pop().ok_or_else(|| LabError::new("no proxy started"))
    }

    /// One root for several upstreams, as one antivirus re-signs every port it scans: makes a
    /// root named `root_name`, writes it to `dir/NAME-root.pem`, and starts a proxy for each of
    /// `upstreams`, in their order, each named `name`. Each listens where its pair says (a mail
    /// port's own number on a loopback address, so that clients take it for that port; binding
    /// a port under 1024 needs root), or on a new 127.0.0.1 port.
    pub fn start_each(
        handle: &Handle,
        name: &'static str,
        root_name: RootName,
        upstreams: Vec<(Option<SocketAddr>, Upstream)>,
        dir: &Path,
    ) -> Result<Vec<Self>, LabError> {
        let now = OffsetDateTime::now_utc();
        let key = KeyPair::generate()?;
        let mut params = CertificateParams::default();
        params.distinguished_name = distinguished_name(Some(root_name.organization), root_name.common_name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        params.not_before = now - time::Duration::days(365);
        params.not_after = now + time::Duration::days(3650);
        params.serial_number = Some(crate::pki::unique_serial());
        let root = params.self_signed(&key)?;
        let root_pem = dir.join(format!("{name}-root.pem"));
        std::fs::write(&root_pem, root.pem())?;
        let root_der = root.der().clone();
        let root_sha256: String = ring::digest::digest(&ring::digest::SHA256, &root_der)
            .as_ref()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();

        let minter = Arc::new(Minter { issuer: Issuer::new(params, key), leaves: Mutex::new(HashMap::new()) });
        let mut proxies = Vec::new();
        for (listen, upstream) in upstreams {
            let resolver = ForUpstream { minter: Arc::clone(&minter), host: upstream.host.to_ascii_lowercase() };
            let server = Arc::new(
                ServerConfig::builder_with_provider(provider())
                    .with_safe_default_protocol_versions()?
                    .with_no_client_auth()
                    .with_cert_resolver(Arc::new(resolver)),
            );
            let mut roots = RootCertStore::empty();
            for root in &upstream.roots {
                roots.add(root.clone())?;
            }
            let client = ClientConfig::builder_with_provider(provider())
                .with_safe_default_protocol_versions()?
                .with_root_certificates(roots)
                .with_no_client_auth();
            let server_name = ServerName::try_from(upstream.host.clone())
                .map_err(|e| LabError::new(format!("upstream name {}: {e}", upstream.host)))?;
            let relay = Arc::new(Relay {
                acceptor: TlsAcceptor::from(server),
                connector: TlsConnector::from(Arc::new(client)),
                server_name,
                target: format!("{}:{}", upstream.host, upstream.address.port()).to_ascii_lowercase(),
                address: upstream.address,
                starttls: upstream.starttls,
            });
            let handler = move |stream| Arc::clone(&relay).handle(stream);
            let address = match listen {
                Some(address) => {
                    let listener = std::net::TcpListener::bind(address)
                        .map_err(|e| LabError::new(format!("binding {address} (root needed below 1024): {e}")))?;
                    listener.set_nonblocking(true)?;
                    let _entered = handle.enter();
                    super::serve(handle, tokio::net::TcpListener::from_std(listener)?, handler);
                    address
                }
                None => SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), super::spawn_server(handle, handler)?),
            };
            proxies.push(Self {
                name,
                root_name,
                address,
                root_pem: root_pem.clone(),
                root_der: root_der.clone(),
                root_sha256: root_sha256.clone(),
                upstream: format!("{}:{}", upstream.host, upstream.address.port()),
            });
        }
        Ok(proxies)
    }

    /// The lab's proxies ([`PROXIES`]), each relaying to `upstream`.
    pub fn start_all(handle: &Handle, upstream: &Upstream, dir: &Path) -> Result<Vec<Self>, LabError> {
        PROXIES
            .iter()
            .map(|&(name, root)| {
                Self::start(handle, name, root, upstream.clone(), dir)
                    .map_err(|e| e.context(format!("starting proxy {name}")))
            })
            .collect()
    }

    /// What `tls-doctor-lab serve` prints for this proxy (no `args`: it is not a case).
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "name": self.name,
            "proxy": self.address.to_string(),
            "root_pem": self.root_pem.display().to_string(),
            "root_sha256": self.root_sha256,
            "upstream": self.upstream,
        })
    }
}

struct Relay {
    acceptor: TlsAcceptor,
    connector: TlsConnector,
    server_name: ServerName<'static>,
    /// `host:port` of the upstream, lowercase: the one `CONNECT` target relayed.
    target: String,
    address: SocketAddr,
    starttls: bool,
}

/// The longest `CONNECT` request head read.
const CONNECT_HEAD_LIMIT: usize = 8 * 1024;

impl Relay {
    async fn handle(self: Arc<Self>, mut stream: TcpStream) {
        if self.starttls {
            return self.handle_starttls(stream).await;
        }
        // A TLS client begins with a handshake record (0x16); a proxy client with `CONNECT`.
        let mut first = [0u8; 1];
        if !matches!(tokio::time::timeout(CONNECT, stream.peek(&mut first)).await, Ok(Ok(1))) {
            return;
        }
        if first[0] == b'C' && !self.connect(&mut stream).await {
            return;
        }
        let Ok(Ok(mut inbound)) = tokio::time::timeout(CONNECT, self.acceptor.accept(stream)).await else { return };
        let outbound = tokio::time::timeout(CONNECT, async {
            let tcp = TcpStream::connect(self.address).await?;
            self.connector.connect(self.server_name.clone(), tcp).await
        })
        .await;
        match outbound {
            Ok(Ok(mut outbound)) => {
                let _ = tokio::time::timeout(SESSION, tokio::io::copy_bidirectional(&mut inbound, &mut outbound)).await;
            }
            // What a proxy says when the server behind it cannot be reached.
            _ => {
                if http::read_request_head(&mut inbound).await.is_some() {
                    let body = b"TLS Doctor lab proxy: the upstream did not answer\n";
                    let _ = inbound.write_all(&http::response("502 Bad Gateway", "text/plain", body)).await;
                }
                let _ = inbound.shutdown().await;
            }
        }
    }
}

impl Relay {
    /// A STARTTLS port: the plaintext dialogue relayed as it is, then TLS on both sides.
    async fn handle_starttls(&self, client: TcpStream) {
        let Ok(Ok(upstream)) = tokio::time::timeout(CONNECT, TcpStream::connect(self.address)).await else { return };
        let Ok(Some((client, upstream))) = tokio::time::timeout(SESSION, plaintext_dialogue(client, upstream)).await
        else {
            return;
        };
        let Ok(Ok(mut inbound)) = tokio::time::timeout(CONNECT, self.acceptor.accept(client)).await else { return };
        let outbound = tokio::time::timeout(CONNECT, self.connector.connect(self.server_name.clone(), upstream)).await;
        if let Ok(Ok(mut outbound)) = outbound {
            let _ = tokio::time::timeout(SESSION, tokio::io::copy_bidirectional(&mut inbound, &mut outbound)).await;
        }
    }

    /// Reads a `CONNECT host:port` request and answers it: `200` for the upstream's `host:port`
    /// (then the caller goes on with TLS on the same connection), `403` for any other, `400`
    /// for anything else. True when the tunnel is open.
    async fn connect(&self, stream: &mut TcpStream) -> bool {
        // Byte by byte: what follows the head is the client's TLS, not to be read here.
        let mut head = Vec::new();
        while !head.ends_with(b"\r\n\r\n") {
            let Ok(Ok(byte)) = tokio::time::timeout(CONNECT, stream.read_u8()).await else { return false };
            if head.len() >= CONNECT_HEAD_LIMIT {
                return false;
            }
            head.push(byte);
        }
        let line = head.split(|&b| b == b'\r').next().and_then(|l| std::str::from_utf8(l).ok()).unwrap_or_default();
        let mut words = line.split(' ');
        let (method, target) = (words.next().unwrap_or_default(), words.next().unwrap_or_default());
        let answer: &[u8] = if method != "CONNECT" {
            b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        } else if target.eq_ignore_ascii_case(&self.target) {
            b"HTTP/1.1 200 Connection established\r\n\r\n"
        } else {
            b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        };
        let opened = answer.starts_with(b"HTTP/1.1 200");
        if stream.write_all(answer).await.is_err() || !opened {
            let _ = stream.shutdown().await;
            return false;
        }
        true
    }
}

/// The longest plaintext line looked at (RFC 5321 allows 512 octets for a command line; IMAP
/// lines are longer, but no client sends a long one before TLS).
const LINE_LIMIT: usize = 4096;

/// Relays a mail dialogue both ways until the client asks to upgrade and the server agrees;
/// then both connections are where TLS begins. `None` when either side closes first, sends
/// bytes after the upgrade command or its answer (the CVE-2011-0411 class), or a line is too
/// long.
async fn plaintext_dialogue(mut client: TcpStream, mut upstream: TcpStream) -> Option<(TcpStream, TcpStream)> {
    let (mut from_client, mut from_upstream) = ([0u8; 4096], [0u8; 4096]);
    // The client's line so far: every command line is looked at once it ends.
    let mut line = Vec::new();
    loop {
        tokio::select! {
            read = client.read(&mut from_client) => {
                let read = &from_client[..read.ok().filter(|&n| n > 0)?];
                upstream.write_all(read).await.ok()?;
                for (i, &byte) in read.iter().enumerate() {
                    line.push(byte);
                    if line.len() > LINE_LIMIT {
                        return None;
                    }
                    if byte != b'\n' {
                        continue;
                    }
                    if asks_upgrade(&line) {
                        if i + 1 != read.len() {
                            return None;
                        }
                        if upgrade_agreed(&mut upstream, &mut client).await? {
                            return Some((client, upstream));
                        }
                    }
                    line.clear();
                }
            }
            read = upstream.read(&mut from_upstream) => {
                let read = &from_upstream[..read.ok().filter(|&n| n > 0)?];
                client.write_all(read).await.ok()?;
            }
        }
    }
}

/// `STARTTLS` (SMTP; IMAP after its tag) or `STLS` (POP3) as one of the line's first two words.
fn asks_upgrade(line: &[u8]) -> bool {
    let text = String::from_utf8_lossy(line);
    text.split_ascii_whitespace().take(2).any(|w| w.eq_ignore_ascii_case("STARTTLS") || w.eq_ignore_ascii_case("STLS"))
}

/// Relays the server's answer to an upgrade command to the client: whether it agreed (SMTP
/// `220`, POP3 `+OK`, IMAP `tag OK`). Untagged IMAP lines and SMTP continuation lines before it
/// are relayed too; bytes after it end the connection (`None`).
async fn upgrade_agreed(upstream: &mut TcpStream, client: &mut TcpStream) -> Option<bool> {
    let mut answer = Vec::new();
    let mut buffer = [0u8; 1024];
    // Where the first line not yet looked at starts.
    let mut start = 0;
    loop {
        let n = upstream.read(&mut buffer).await.ok().filter(|&n| n > 0)?;
        client.write_all(&buffer[..n]).await.ok()?;
        answer.extend_from_slice(&buffer[..n]);
        if answer.len() > LINE_LIMIT {
            return None;
        }
        while let Some(end) = answer[start..].iter().position(|&b| b == b'\n').map(|i| start + i + 1) {
            let line = String::from_utf8_lossy(&answer[start..end]).into_owned();
            start = end;
            if line.starts_with("* ") || line.as_bytes().get(3) == Some(&b'-') {
                continue;
            }
            if start != answer.len() {
                return None;
            }
            let mut words = line.split_ascii_whitespace();
            let (first, second) = (words.next().unwrap_or_default(), words.next().unwrap_or_default());
            return Some(first == "220" || first.eq_ignore_ascii_case("+OK") || second.eq_ignore_ascii_case("OK"));
        }
    }
}

/// Makes (and keeps) a leaf for each name clients ask for.
struct Minter {
    issuer: Issuer<'static, KeyPair>,
    leaves: Mutex<HashMap<String, Arc<CertifiedKey>>>,
}

impl fmt::Debug for Minter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Minter").finish_non_exhaustive()
    }
}

impl Minter {
    fn mint(&self, name: &str) -> Result<Arc<CertifiedKey>, LabError> {
        let now = OffsetDateTime::now_utc();
        let key = KeyPair::generate()?;
        // A name that parses as an address becomes an IP address SAN.
        let mut params = CertificateParams::new(vec![name.to_owned()])?;
        params.distinguished_name = distinguished_name(None, name);
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        params.not_before = now - time::Duration::days(1);
        params.not_after = now + time::Duration::days(90);
        params.use_authority_key_identifier_extension = true;
        params.serial_number = Some(crate::pki::unique_serial());
        let leaf = params.signed_by(&key, &self.issuer)?;
        let der = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        let signer = rustls::crypto::ring::sign::any_supported_type(&der)?;
        Ok(Arc::new(CertifiedKey::new(vec![leaf.der().clone()], signer)))
    }
}

/// One proxy's certificates: the name asked (SNI), or else its upstream's name.
#[derive(Debug)]
struct ForUpstream {
    minter: Arc<Minter>,
    host: String,
}

impl ResolvesServerCert for ForUpstream {
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        let name = hello.server_name().map_or_else(|| self.host.clone(), str::to_ascii_lowercase);
        self.minter.leaf(name)
    }
}

impl Minter {
    /// The leaf for `name`, made the first time it is asked for.
    fn leaf(&self, name: String) -> Option<Arc<CertifiedKey>> {
        let mut leaves = self.leaves.lock().ok()?;
        if let Some(leaf) = leaves.get(&name) {
            return Some(Arc::clone(leaf));
        }
        let leaf = self.mint(&name).ok()?;
        if leaves.len() >= CACHE_LIMIT {
            leaves.clear();
        }
        leaves.insert(name, Arc::clone(&leaf));
        Some(leaf)
    }
}

fn distinguished_name(organization: Option<&str>, common_name: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    if let Some(organization) = organization {
        dn.push(DnType::OrganizationName, organization);
    }
    dn.push(DnType::CommonName, common_name);
    dn
}

/// Named, not the process default, as in [`super::tls`].
fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a failure stops the test and says why")]

    use super::*;
    use tokio::net::TcpListener;

    #[test]
    fn the_upgrade_commands_of_smtp_imap_and_pop3() {
        for line in ["STARTTLS\r\n", "starttls\r\n", "a1 STARTTLS\r\n", "STLS\r\n"] {
            assert!(asks_upgrade(line.as_bytes()), "{line:?}");
        }
        for line in ["EHLO client.lab.test\r\n", "a1 CAPABILITY\r\n", "CAPA\r\n", "a1 LOGIN u STARTTLS\r\n"] {
            assert!(!asks_upgrade(line.as_bytes()), "{line:?}");
        }
    }

    /// A connected pair of loopback streams: (the one accepted, the one connected).
    async fn pair() -> (TcpStream, TcpStream) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let connecting = TcpStream::connect(listener.local_addr().unwrap());
        let (accepted, connected) = tokio::join!(listener.accept(), connecting);
        (accepted.unwrap().0, connected.unwrap())
    }

    /// The proxy's side of a dialogue between a client and a server that say `client` and
    /// `server` (each all at once, the server first), and what reached the client.
    async fn dialogue(server_says: &[u8], client_says: &[u8], answer: &[u8]) -> (bool, Vec<u8>) {
        let (proxy_client, mut client) = pair().await;
        let (mut server, proxy_upstream) = pair().await;
        let relay = tokio::spawn(plaintext_dialogue(proxy_client, proxy_upstream));
        server.write_all(server_says).await.unwrap();
        let mut greeting = vec![0u8; server_says.len()];
        client.read_exact(&mut greeting).await.unwrap();
        client.write_all(client_says).await.unwrap();
        let mut asked = vec![0u8; client_says.len()];
        server.read_exact(&mut asked).await.unwrap();
        assert_eq!(asked, client_says, "the command is relayed unchanged");
        server.write_all(answer).await.unwrap();
        let upgraded = tokio::time::timeout(Duration::from_secs(2), relay).await.is_ok_and(|r| r.unwrap().is_some());
        drop(server);
        let mut seen = Vec::new();
        let _ = tokio::time::timeout(Duration::from_millis(200), client.read_to_end(&mut seen)).await;
        greeting.extend(seen);
        (upgraded, greeting)
    }

    #[tokio::test]
    async fn an_agreed_upgrade_hands_both_connections_over() {
        let (upgraded, seen) = dialogue(b"220 mx ESMTP\r\n", b"STARTTLS\r\n", b"220 2.0.0 Ready\r\n").await;
        assert!(upgraded);
        assert!(seen.ends_with(b"220 2.0.0 Ready\r\n"), "{}", String::from_utf8_lossy(&seen));
        let (upgraded, _) = dialogue(b"* OK ready\r\n", b"a STARTTLS\r\n", b"a OK Begin TLS\r\n").await;
        assert!(upgraded);
        let (upgraded, _) = dialogue(b"+OK ready\r\n", b"STLS\r\n", b"+OK Begin TLS\r\n").await;
        assert!(upgraded);
    }

    #[tokio::test]
    async fn a_refusal_or_bytes_after_the_answer_is_no_upgrade() {
        // Refused: the answer reaches the client and the dialogue goes on (here: until the
        // server closes).
        let (upgraded, seen) = dialogue(b"220 mx ESMTP\r\n", b"STARTTLS\r\n", b"454 4.7.0 TLS not available\r\n").await;
        assert!(!upgraded);
        assert!(seen.ends_with(b"454 4.7.0 TLS not available\r\n"));
        // Plaintext after the yes would be read as if it came through TLS (CVE-2011-0411).
        let (upgraded, _) = dialogue(b"220 mx ESMTP\r\n", b"STARTTLS\r\n", b"220 Ready\r\n250 injected\r\n").await;
        assert!(!upgraded);
        // Likewise a command after STARTTLS in the client's own write.
        let (upgraded, _) = dialogue(b"220 mx ESMTP\r\n", b"STARTTLS\r\nRSET\r\n", b"220 Ready\r\n").await;
        assert!(!upgraded);
    }
}
