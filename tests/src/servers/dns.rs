//! A DNS server for one test: hickory-server answering from an in-memory zone on a fresh
//! 127.0.0.1 port (UDP and TCP), on a runtime of its own. `tls-doctor mail --dns-server`
//! asks it; dropping the server stops it.

use std::net::{Ipv4Addr, SocketAddr};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use hickory_server::ServerFuture;
use hickory_server::authority::{Catalog, ZoneType};
use hickory_server::proto::rr::rdata::{A, MX, SOA, SRV};
use hickory_server::proto::rr::{LowerName, Name, RData, Record};
use hickory_server::store::in_memory::InMemoryAuthority;
use tokio::runtime::Runtime;

use crate::LabError;

/// One record of the zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rec {
    /// `name SRV priority weight port target`; a target of "." says "not offered".
    Srv { name: String, priority: u16, weight: u16, port: u16, target: String },
    /// `name MX preference exchange`
    Mx { name: String, preference: u16, exchange: String },
    /// `name A address`
    A { name: String, address: Ipv4Addr },
}

/// A running DNS server, authoritative for one zone.
#[derive(Debug)]
pub struct DnsServer {
    address: SocketAddr,
    // Dropping the runtime stops the server's tasks.
    _runtime: Runtime,
}

impl DnsServer {
    /// Serves `records` as the zone `origin` (`lab.test`) on 127.0.0.1. Names outside it are
    /// refused.
    pub fn start(origin: &str, records: &[Rec]) -> Result<Self, LabError> {
        Self::start_on(Ipv4Addr::LOCALHOST.into(), origin, records)
    }

    /// As [`DnsServer::start`], on `ip` (a port the system chooses).
    pub fn start_on(ip: std::net::IpAddr, origin: &str, records: &[Rec]) -> Result<Self, LabError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("lab-dns")
            .enable_all()
            .build()?;
        let origin_name = fqdn(origin)?;
        let mut authority = InMemoryAuthority::empty(origin_name.clone(), ZoneType::Primary, false);
        let soa = SOA::new(fqdn(&format!("ns.{origin}"))?, fqdn(&format!("admin.{origin}"))?, 1, 3600, 600, 86400, 60);
        authority.upsert_mut(Record::from_rdata(origin_name.clone(), 60, RData::SOA(soa)), 1);
        for rec in records {
            let record = match rec {
                Rec::Srv { name, priority, weight, port, target } => {
                    let target = if target == "." { Name::root() } else { fqdn(target)? };
                    Record::from_rdata(fqdn(name)?, 60, RData::SRV(SRV::new(*priority, *weight, *port, target)))
                }
                Rec::Mx { name, preference, exchange } => {
                    let exchange = if exchange == "." { Name::root() } else { fqdn(exchange)? };
                    Record::from_rdata(fqdn(name)?, 60, RData::MX(MX::new(*preference, exchange)))
                }
                Rec::A { name, address } => Record::from_rdata(fqdn(name)?, 60, RData::A(A(*address))),
            };
            authority.upsert_mut(record, 1);
        }
        let mut catalog = Catalog::new();
        catalog.upsert(LowerName::new(&origin_name), vec![Arc::new(authority)]);

        let address = runtime.block_on(async {
            // TCP on the same port, for answers too large for UDP. The port the system chose
            // for UDP may be taken for TCP: then another.
            let mut tries = 0;
            let (udp, tcp, address) = loop {
                let udp = tokio::net::UdpSocket::bind((ip, 0)).await?;
                let address = udp.local_addr()?;
                match tokio::net::TcpListener::bind(address).await {
                    Ok(tcp) => break (udp, tcp, address),
                    Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && tries < 20 => tries += 1,
                    Err(e) => return Err(e),
                }
            };
            let mut server = ServerFuture::new(catalog);
            server.register_socket(udp);
            server.register_listener(tcp, Duration::from_secs(5));
            tokio::spawn(async move {
                let _ = server.block_until_done().await;
            });
            Ok::<_, std::io::Error>(address)
        })?;
        Ok(Self { address, _runtime: runtime })
    }

    /// `127.0.0.1:PORT`, for `--dns-server`.
    pub fn address(&self) -> SocketAddr {
        self.address
    }
}

fn fqdn(name: &str) -> Result<Name, LabError> {
    let text = if name.ends_with('.') { name.to_owned() } else { format!("{name}.") };
    Name::from_str(&text).map_err(|e| LabError::new(format!("{name:?} is not a DNS name: {e}")))
}
