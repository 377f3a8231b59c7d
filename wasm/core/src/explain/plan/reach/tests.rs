//! The facts of the reach group's plans, over its samples (`samples(id)` with the target each
//! was found on) and a few cases built here. Each test names the false statement it keeps out.

use super::*;
use crate::FixedOffset;
use crate::explain::plan::Say as P;
use crate::explain::samples::{samples, target_for};
use crate::explain::{Lang, explain_finding_on};
use crate::wire::{Finding, FindingId};

const IDS: [FindingId; 10] = [
    FindingId::Ok,
    FindingId::DnsFailure,
    FindingId::HostUnreachable,
    FindingId::PortClosed,
    FindingId::TimeoutFiltered,
    FindingId::ConnectionReset,
    FindingId::WrongProtocolOnPort,
    FindingId::HandshakeFailed,
    FindingId::ClientCertRequired,
    FindingId::RefusedByPolicy,
];

const JST: FixedOffset = FixedOffset(9 * 60);

fn case(service: Service) -> Case<'static> {
    Case { service, host: "mail.example.jp", no_proceed: false }
}

fn planned<'a>(kind: &'a FindingKind, service: Service) -> Plan<'a> {
    plan(kind, &case(service)).unwrap_or_else(|| unreachable!("{kind:?} has no plan"))
}

/// Every sample of the group, with the service of the target it was found on.
fn group_samples() -> Vec<(FindingKind, Service)> {
    IDS.iter()
        .flat_map(|id| samples(*id))
        .map(|kind| {
            let service = Service::of(&target_for(&kind));
            (kind, service)
        })
        .collect()
}

fn address() -> IpAddr {
    IpAddr::from([192, 0, 2, 25])
}

/// The kinds that carry a port, on every mail port, in every variant that names software.
fn on_mail_ports() -> Vec<FindingKind> {
    let mut v = Vec::new();
    for port in [25, 465, 587, 110, 143, 993, 995] {
        v.push(FindingKind::PortClosed { address: address(), port });
        for stage in [Stage::Connect, Stage::Greeting, Stage::TlsHandshake] {
            v.push(FindingKind::TimeoutFiltered { address: Some(address()), port, stage, waited_ms: 10_000 });
        }
        v.push(FindingKind::ConnectionReset { address: address(), port, how: CutKind::Reset });
        for seen in [Plaintext::Http, Plaintext::Smtp, Plaintext::Imap, Plaintext::Pop3, Plaintext::Tls] {
            v.push(FindingKind::WrongProtocolOnPort { port, seen, first_line: String::new(), starttls: None });
        }
    }
    v
}

fn rendered(kind: &FindingKind, lang: Lang) -> crate::wire::ExplainedFinding {
    explain_finding_on(&Finding::new(kind.clone()), &target_for(kind), lang, &JST)
}

/// Issue 13: port 25 got `listen 25 ssl;` and an IIS https binding. Web-server steps only where
/// a web server answers — whatever service the case assumed (a finding's own mail port wins
/// over a `Web` case).
#[test]
fn web_server_steps_only_on_web_ports() {
    for kind in on_mail_ports() {
        for service in [Service::Web, Service::Smtp, Service::Mailbox] {
            let plan = planned(&kind, service);
            assert!(
                plan.admin.iter().all(|f| !f.software.is_some_and(Software::is_web_server)),
                "{kind:?} on {service:?}: {:?}",
                plan.admin
            );
        }
    }
    for (kind, service) in group_samples() {
        let plan = planned(&kind, service);
        if service != Service::Web {
            assert!(plan.admin.iter().all(|f| !f.software.is_some_and(Software::is_web_server)), "{kind:?}");
        }
    }
    // The mail software where the port says so.
    let kind = FindingKind::TimeoutFiltered { address: None, port: 465, stage: Stage::TlsHandshake, waited_ms: 1 };
    assert!(planned(&kind, Service::Web).admin.iter().any(|f| f.software == Some(Software::Postfix)));
    let kind = FindingKind::PortClosed { address: address(), port: 993 };
    assert!(planned(&kind, Service::Web).admin.iter().any(|f| f.software == Some(Software::Dovecot)));
    // And web servers on a web port.
    let kind = FindingKind::PortClosed { address: address(), port: 8443 };
    assert!(planned(&kind, Service::Web).admin.iter().any(|f| f.software == Some(Software::Nginx)));
}

#[test]
fn port_25_says_first_where_to_send() {
    for kind in [
        FindingKind::PortClosed { address: address(), port: 25 },
        FindingKind::TimeoutFiltered { address: None, port: 25, stage: Stage::Connect, waited_ms: 10_000 },
    ] {
        let plan = planned(&kind, Service::Smtp);
        assert_eq!(plan.user_steps.first(), Some(&P::Reach(Say::SendOn587Or465)), "{kind:?}");
    }
}
