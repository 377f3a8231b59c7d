//! Which of a mail domain's checked servers a mail app should use.
//!
//! Pure: the host discovers and checks ([`MailServer`] with its [`Diagnosis`]); this module only
//! chooses. The rules, in order:
//!
//! 1. Never a server with a critical finding, never one without encryption, never the MX
//!    (port 25 is for servers, and often blocked for clients). This device's clock
//!    (`clock_ahead` / `clock_behind`) is no fault of the server's: a server it alone makes
//!    fail is recommended, with warnings (its caveat is the clock's).
//! 2. A healthy server (`ok` first) before one that works with warnings.
//! 3. Implicit TLS before STARTTLS when both work: RFC 8314 §3.3 ("MUAs SHOULD" prefer it), and
//!    it leaves no plaintext step for an attacker to strip.
//! 4. IMAP before POP3 for receiving: mail stays on the server, so several devices see it.
//! 5. A shared host's own server name, found in a checked server's certificate and checked
//!    under that name ([`MailSource::Certificate`]), before everything else: it is checked
//!    only when the name the customer's records gave fails on that very certificate. Then
//!    SRV before autoconfig before a guess; then discovery order (SRV priority and weight).
//!
//! [`providers`] holds the providers whose published settings are known, and compares them
//! with what discovery found.

pub mod providers;

use crate::wire::{
    Choice, Diagnosis, FindingId, MailReport, MailRole, MailSecurity, MailServer, MailSource, MailVerdict,
    Recommendation, Severity,
};

/// The recommendation for `servers` (indices in [`Choice::server`] point into this slice).
pub fn recommend(servers: &[MailServer]) -> Recommendation {
    let outgoing = best(servers, |role| role == MailRole::Outgoing);
    let incoming = best(servers, MailRole::is_incoming);
    let verdict = match (&outgoing, &incoming) {
        (Some(_), Some(_)) => MailVerdict::Safe,
        (None, Some(_)) => MailVerdict::OutgoingMissing,
        (Some(_), None) => MailVerdict::IncomingMissing,
        (None, None) => MailVerdict::NothingSafe,
    };
    Recommendation { outgoing, incoming, verdict }
}

/// Recomputes `report.recommended` from its servers.
pub fn complete(report: &mut MailReport) {
    report.recommended = recommend(&report.servers);
}

/// Usable at all: encrypted, checked (not refused by a policy), and no critical finding.
pub fn usable(server: &MailServer) -> bool {
    server.role != MailRole::RelayMx
        && server.security != MailSecurity::None
        && !critical(&server.diagnosis)
        && !server.diagnosis.findings.iter().any(|f| f.id() == FindingId::RefusedByPolicy)
}

/// A critical finding the server is responsible for (not this device's clock), or nothing
/// diagnosed.
fn critical(d: &Diagnosis) -> bool {
    let clock = |f: &crate::wire::Finding| matches!(f.id(), FindingId::ClockAhead | FindingId::ClockBehind);
    d.findings.is_empty() || d.findings.iter().any(|f| f.severity == Severity::Critical && !clock(f))
}

fn best(servers: &[MailServer], role: impl Fn(MailRole) -> bool) -> Option<Choice> {
    let (index, server) =
        servers.iter().enumerate().filter(|(_, s)| role(s.role) && usable(s)).min_by_key(|(i, s)| {
            (!s.diagnosis.healthy(), security_rank(s.security), role_rank(s.role), source_rank(s.source), *i)
        })?;
    Some(Choice {
        server: index,
        role: server.role,
        host: server.host.clone(),
        port: server.port,
        security: server.security,
        with_warnings: !server.diagnosis.healthy(),
    })
}

fn security_rank(s: MailSecurity) -> u8 {
    match s {
        MailSecurity::Tls => 0,
        MailSecurity::Starttls => 1,
        MailSecurity::None => 2,
    }
}

fn role_rank(r: MailRole) -> u8 {
    match r {
        MailRole::Outgoing | MailRole::IncomingImap => 0,
        MailRole::IncomingPop3 => 1,
        MailRole::RelayMx => 2,
    }
}

fn source_rank(s: MailSource) -> u8 {
    match s {
        MailSource::Certificate => 0,
        MailSource::Srv => 1,
        MailSource::Autoconfig => 2,
        MailSource::Guess => 3,
        MailSource::Mx => 4,
    }
}

/// For a server checked under the name its certificate gave ([`MailSource::Certificate`]):
/// the checked server whose certificate gave it (same role, port and encryption, and a
/// `name_mismatch` naming this host).
pub fn instead_of<'a>(servers: &'a [MailServer], suggested: &MailServer) -> Option<&'a MailServer> {
    if suggested.source != MailSource::Certificate {
        return None;
    }
    servers.iter().find(|s| {
        s.source != MailSource::Certificate
            && (s.role, s.port, s.security) == (suggested.role, suggested.port, suggested.security)
            && providers::certificate_names(s).iter().any(|n| n.eq_ignore_ascii_case(&suggested.host))
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::test_support::{diagnosis, ok, target};
    use crate::time::Timestamp;
    use crate::wire::FindingKind;

    fn expired() -> FindingKind {
        FindingKind::CertExpired { subject: "h".into(), not_after: Timestamp(0), days_ago: 3 }
    }

    fn expiring() -> FindingKind {
        FindingKind::ExpiringSoon { subject: "h".into(), not_after: Timestamp(86_400 * 5), days_left: 5 }
    }

    fn server(
        role: MailRole,
        port: u16,
        security: MailSecurity,
        source: MailSource,
        f: Vec<FindingKind>,
    ) -> MailServer {
        let host = format!("{port}.example");
        MailServer { role, diagnosis: diagnosis(target(&host, port), f), host, port, security, source }
    }

    use MailRole::*;
    use MailSecurity as Sec;
    use MailSource::*;

    #[test]
    fn implicit_tls_wins_over_starttls_when_both_work() {
        let servers = vec![
            server(Outgoing, 587, Sec::Starttls, Srv, vec![ok()]),
            server(Outgoing, 465, Sec::Tls, Srv, vec![ok()]),
            server(IncomingImap, 143, Sec::Starttls, Srv, vec![ok()]),
            server(IncomingImap, 993, Sec::Tls, Srv, vec![ok()]),
        ];
        let r = recommend(&servers);
        assert_eq!(r.verdict, MailVerdict::Safe);
        assert_eq!(r.outgoing.as_ref().map(|c| (c.server, c.port, c.security)), Some((1, 465, Sec::Tls)));
        assert_eq!(r.incoming.as_ref().map(|c| (c.server, c.port)), Some((3, 993)));
        assert!(!r.outgoing.unwrap().with_warnings);
    }

    #[test]
    fn a_critical_finding_is_never_recommended() {
        let servers = vec![
            server(Outgoing, 465, Sec::Tls, Srv, vec![expired()]),
            server(Outgoing, 587, Sec::Starttls, Srv, vec![ok()]),
            server(IncomingImap, 993, Sec::Tls, Srv, vec![expired()]),
        ];
        let r = recommend(&servers);
        assert_eq!(r.outgoing.map(|c| c.port), Some(587));
        assert_eq!(r.incoming, None);
        assert_eq!(r.verdict, MailVerdict::IncomingMissing);
    }

    fn clock_ahead() -> FindingKind {
        FindingKind::ClockAhead {
            skew: crate::wire::ClockSkew {
                offset_seconds: 30 * 86_400,
                local: Timestamp(40 * 86_400),
                reference: Timestamp(10 * 86_400),
                source: crate::wire::ClockSource::Sntp,
                reference_server: Some("ntp.example".into()),
                os: None,
                zone_suspect: false,
                not_before: Timestamp(0),
                not_after: Timestamp(20 * 86_400),
            },
        }
    }

    #[test]
    fn a_server_only_this_devices_clock_fails_is_recommended_with_the_clock_as_caveat() {
        let servers = vec![
            server(Outgoing, 465, Sec::Tls, Srv, vec![clock_ahead()]),
            server(IncomingImap, 993, Sec::Tls, Srv, vec![clock_ahead()]),
            server(IncomingPop3, 995, Sec::Tls, Srv, vec![clock_ahead(), expired()]),
        ];
        let r = recommend(&servers);
        assert_eq!(r.verdict, MailVerdict::Safe);
        assert_eq!(r.outgoing.as_ref().map(|c| (c.port, c.with_warnings)), Some((465, true)));
        assert_eq!(r.incoming.as_ref().map(|c| (c.port, c.with_warnings)), Some((993, true)));
        // A fault of the server's beside the clock still rules it out; a healthy one comes first.
        let servers = vec![
            server(IncomingPop3, 995, Sec::Tls, Srv, vec![clock_ahead(), expired()]),
            server(IncomingImap, 993, Sec::Tls, Srv, vec![clock_ahead()]),
            server(IncomingImap, 143, Sec::Starttls, Srv, vec![ok()]),
        ];
        let r = recommend(&servers);
        assert_eq!(r.incoming.map(|c| (c.port, c.with_warnings)), Some((143, false)));
        let r = recommend(&servers[..1]);
        assert_eq!(r.incoming, None);
    }

    #[test]
    fn no_encryption_and_the_mx_are_never_recommended() {
        let servers = vec![
            server(Outgoing, 25, Sec::Starttls, Mx, vec![ok()]),
            server(RelayMx, 25, Sec::Starttls, Mx, vec![ok()]),
            server(Outgoing, 587, Sec::None, Autoconfig, vec![ok()]),
            server(IncomingPop3, 110, Sec::None, Autoconfig, vec![ok()]),
        ];
        let r = recommend(&servers);
        // An outgoing server from MX is still not the relay: only RelayMx is excluded by role.
        assert_eq!(r.outgoing.map(|c| c.server), Some(0));
        assert_eq!(r.incoming, None);
        let only_mx = vec![server(RelayMx, 25, Sec::Starttls, Mx, vec![ok()])];
        assert_eq!(recommend(&only_mx).verdict, MailVerdict::NothingSafe);
    }

    #[test]
    fn healthy_beats_warnings_and_warnings_are_flagged() {
        let servers = vec![
            server(IncomingImap, 993, Sec::Tls, Srv, vec![expiring()]),
            server(IncomingImap, 143, Sec::Starttls, Srv, vec![ok()]),
            server(Outgoing, 465, Sec::Tls, Srv, vec![expiring()]),
        ];
        let r = recommend(&servers);
        assert_eq!(r.incoming.as_ref().map(|c| (c.port, c.with_warnings)), Some((143, false)));
        assert_eq!(r.outgoing.as_ref().map(|c| (c.port, c.with_warnings)), Some((465, true)));
    }

    #[test]
    fn imap_before_pop3_and_srv_before_guesses() {
        let servers = vec![
            server(IncomingPop3, 995, Sec::Tls, Srv, vec![ok()]),
            server(IncomingImap, 993, Sec::Tls, Guess, vec![ok()]),
            server(IncomingImap, 9993, Sec::Tls, Srv, vec![ok()]),
        ];
        assert_eq!(recommend(&servers).incoming.map(|c| c.port), Some(9993));
        // Among equals, discovery order (SRV priority) decides.
        let servers =
            vec![server(Outgoing, 465, Sec::Tls, Srv, vec![ok()]), server(Outgoing, 466, Sec::Tls, Srv, vec![ok()])];
        assert_eq!(recommend(&servers).outgoing.map(|c| c.port), Some(465));
    }

    #[test]
    fn a_shared_hosts_own_name_is_preferred_and_knows_the_name_it_replaces() {
        let mismatch = crate::test_support::name_mismatch("465.example", &["sv1.shared.example"]);
        let mut suggested = server(Outgoing, 465, Sec::Tls, Certificate, vec![ok()]);
        suggested.host = "sv1.shared.example".into();
        let servers = vec![
            server(Outgoing, 587, Sec::Starttls, Srv, vec![ok()]),
            server(Outgoing, 465, Sec::Tls, Srv, vec![mismatch]),
            suggested,
        ];
        let r = recommend(&servers);
        assert_eq!(r.outgoing.as_ref().map(|c| (c.server, c.host.as_str())), Some((2, "sv1.shared.example")));
        assert_eq!(instead_of(&servers, &servers[2]).map(|s| (s.host.as_str(), s.port)), Some(("465.example", 465)));
        // Only a server checked under a certificate's name replaces another.
        assert_eq!(instead_of(&servers, &servers[0]), None);
        // Among servers otherwise equal, the certificate's name comes first.
        let mut a = server(Outgoing, 465, Sec::Tls, Srv, vec![ok()]);
        a.host = "a.example".into();
        let b = server(Outgoing, 465, Sec::Tls, Certificate, vec![ok()]);
        assert_eq!(recommend(&[a, b]).outgoing.map(|c| c.server), Some(1));
    }

    #[test]
    fn nothing_checked_means_nothing_safe() {
        let r = recommend(&[]);
        assert_eq!((r.outgoing, r.incoming, r.verdict), (None, None, MailVerdict::NothingSafe));
        // A diagnosis without findings is not trusted either.
        let servers = vec![server(Outgoing, 465, Sec::Tls, Srv, vec![])];
        assert_eq!(recommend(&servers).outgoing, None);
    }
}
