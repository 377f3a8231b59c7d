//! Reaching the server: DNS, routes, ports, silence, resets, something other than TLS on the
//! port, handshake failures.

pub(crate) mod en;
pub(crate) mod ja;

use std::net::IpAddr;

use super::common::Say as C;
use super::{Case, Fix, Plan, Software};
use crate::explain::fixes::Service;
use crate::wire::FindingKind;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Say<'a> {
    PortClosedHeadline { port: u16 },
    PortClosedMeaning { address: &'a IpAddr, port: u16 },
    CheckAddressAndPort,
    MailAppPortAsDocumented,
    ServerRestarting,
    AdminListening { port: u16 },
    NginxListen { port: u16 },
    ApacheListen { port: u16 },
    IisBinding { port: u16 },
    PostfixListen { port: u16 },
    DovecotListen { port: u16 },
    FirewallAllows,
}

impl<'a> From<Say<'a>> for super::Say<'a> {
    fn from(say: Say<'a>) -> Self {
        super::Say::Reach(say)
    }
}

/// The port's service as far as the finding's own port tells: the case's service, unless the
/// port is a well-known mail port.
fn service_on(case: &Case<'_>, port: u16) -> Service {
    match (case.service, port) {
        (Service::Web, 25 | 465 | 587) => Service::Smtp,
        (Service::Web, 143 | 993 | 110 | 995) => Service::Mailbox,
        (service, _) => service,
    }
}

/// The server-side fixes that make `port` listen, for the software behind it.
fn listen_fixes<'a>(service: Service, port: u16) -> Vec<Fix<'a>> {
    match service {
        Service::Web => vec![
            Fix::on(Software::Nginx, Say::NginxListen { port }),
            Fix::on(Software::Apache, Say::ApacheListen { port }),
            Fix::on(Software::Iis, Say::IisBinding { port }),
        ],
        Service::Smtp => vec![Fix::on(Software::Postfix, Say::PostfixListen { port })],
        Service::Mailbox => vec![Fix::on(Software::Dovecot, Say::DovecotListen { port })],
        Service::Other => Vec::new(),
    }
}

pub(crate) fn plan<'a>(kind: &'a FindingKind, case: &Case<'_>) -> Option<Plan<'a>> {
    use FindingKind as K;
    Some(match kind {
        K::PortClosed { address, port } => {
            let port = *port;
            let service = service_on(case, port);
            let mut user_steps: Vec<super::Say<'a>> = Vec::new();
            if port == 25 {
                user_steps.push(C::Port25.into());
            }
            user_steps.push(Say::CheckAddressAndPort.into());
            if matches!(service, Service::Smtp | Service::Mailbox) {
                user_steps.push(Say::MailAppPortAsDocumented.into());
            }
            user_steps.push(Say::ServerRestarting.into());
            let mut admin = vec![Fix::any(Say::AdminListening { port })];
            admin.extend(listen_fixes(service, port));
            admin.push(Fix::any(Say::FirewallAllows));
            Plan {
                headline: Say::PortClosedHeadline { port }.into(),
                danger: C::NothingSentYet.into(),
                meaning: vec![Say::PortClosedMeaning { address, port }.into()],
                user_steps,
                admin,
                side: None,
                severity: None,
            }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::plan::Say as P;

    fn case(service: Service) -> Case<'static> {
        Case { service, host: "www.example.jp", no_proceed: false, tz: &crate::time::FixedOffset(540) }
    }

    fn closed(port: u16) -> FindingKind {
        FindingKind::PortClosed { address: "192.0.2.10".parse().unwrap_or(std::net::Ipv4Addr::LOCALHOST.into()), port }
    }

    #[test]
    fn web_server_steps_only_on_web_ports() {
        for port in [25, 465, 587, 993, 995, 143, 110] {
            let kind = closed(port);
            let plan = plan(&kind, &case(Service::Web)).unwrap_or_else(|| unreachable!());
            assert!(plan.admin.iter().all(|f| !f.software.is_some_and(Software::is_web_server)), "port {port}");
        }
        let kind = closed(8443);
        let plan = plan(&kind, &case(Service::Web)).unwrap_or_else(|| unreachable!());
        assert!(plan.admin.iter().any(|f| f.software == Some(Software::Nginx)));
    }

    #[test]
    fn port_25_says_first_that_it_is_for_servers() {
        let kind = closed(25);
        let plan = plan(&kind, &case(Service::Smtp)).unwrap_or_else(|| unreachable!());
        assert_eq!(plan.user_steps.first(), Some(&P::Common(C::Port25)));
    }
}
