//! The facts of the reach group's plans, over its samples (`samples(id)` with the target each
//! was found on) and a few cases built here. Each test names the false statement it keeps out.

use super::*;
use crate::FixedOffset;
use crate::explain::plan::Say as P;
use crate::explain::samples::{samples, target_for};
use crate::explain::{Lang, explain_finding_on};
use crate::wire::{Finding, FindingId, Severity};

const IDS: [FindingId; 11] = [
    FindingId::Ok,
    FindingId::DnsFailure,
    FindingId::HostUnreachable,
    FindingId::PortClosed,
    FindingId::TimeoutFiltered,
    FindingId::ConnectionReset,
    FindingId::WrongProtocolOnPort,
    FindingId::HandshakeFailed,
    FindingId::ClientCertRequired,
    FindingId::ClientCertOptional,
    FindingId::RefusedByPolicy,
];

const JST: FixedOffset = FixedOffset(9 * 60);

fn case(service: Service) -> Case<'static> {
    Case { service, host: "mail.example.jp", no_proceed: false, tz: &crate::time::FixedOffset(540) }
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

/// Issue 13: a plaintext answer on 465/993/995 was explained as "the app used SSL on a STARTTLS
/// port". Those ports encrypt from the first byte: the server's listener lacks TLS.
#[test]
fn plaintext_on_an_implicit_tls_port_is_the_servers_listener() {
    for (port, seen, software) in [
        (465, Plaintext::Smtp, Some(Software::Postfix)),
        (465, Plaintext::SmtpOrFtp, Some(Software::Postfix)),
        (993, Plaintext::Imap, Some(Software::Dovecot)),
        (995, Plaintext::Pop3, Some(Software::Dovecot)),
        (990, Plaintext::Ftp, None),
    ] {
        let kind = FindingKind::WrongProtocolOnPort { port, seen, first_line: String::new(), starttls: None };
        for service in [Service::Web, Service::Smtp, Service::Mailbox, Service::Other] {
            let plan = planned(&kind, service);
            assert_eq!(plan.side, Some(Side::Server), "{kind:?}");
            assert_eq!(plan.headline, P::Reach(Say::ServerLacksTlsHeadline { port }));
            assert!(plan.meaning.contains(&P::Reach(Say::ServerLacksTlsMeaning { port, seen })));
            assert!(!plan.meaning.iter().any(|s| matches!(s, P::Reach(Say::UpgradePortMeaning { .. }))));
            assert!(plan.user_steps.iter().all(|s| !matches!(s, P::Reach(Say::SwitchToUpgrade { .. }))));
            if let Some(software) = software {
                assert!(plan.admin.iter().any(|f| f.software == Some(software)), "{kind:?}");
            }
        }
        assert_eq!(rendered(&kind, Lang::Ja).side, Side::Server);
    }
}

/// Issue 13: `wrong_protocol_on_port` said 「サーバー側」 while its text blamed the mail app's
/// setting. Side follows the case: a STARTTLS dialogue that met TLS from the first byte, or TLS
/// at once on a port that upgrades, is the app's setting.
#[test]
fn side_follows_the_case() {
    let tls_met = |port, starttls| FindingKind::WrongProtocolOnPort {
        port,
        seen: Plaintext::Tls,
        first_line: String::new(),
        starttls: Some(starttls),
    };
    for kind in
        [tls_met(587, StarttlsProtocol::Smtp), tls_met(143, StarttlsProtocol::Imap), tls_met(21, StarttlsProtocol::Ftp)]
    {
        let plan = planned(&kind, Service::of(&target_for(&kind)));
        assert_eq!(plan.side, Some(Side::Client), "{kind:?}");
        assert!(matches!(plan.user_steps.first(), Some(P::Reach(Say::SwitchToImplicit { .. }))), "{kind:?}");
        assert_eq!(rendered(&kind, Lang::Ja).side, Side::Client, "{kind:?}");
    }
    for (port, seen) in [(587, Plaintext::Smtp), (143, Plaintext::Imap), (110, Plaintext::Pop3), (21, Plaintext::Ftp)] {
        let kind = FindingKind::WrongProtocolOnPort { port, seen, first_line: String::new(), starttls: None };
        let plan = planned(&kind, Service::Web);
        assert_eq!(plan.side, Some(Side::Client), "{kind:?}");
        assert!(matches!(plan.user_steps.first(), Some(P::Reach(Say::SwitchToUpgrade { .. }))), "{kind:?}");
    }
    // HTTP on 443 is the server's; SSH on 2222 may be the wrong port: nobody knows yet.
    let http = FindingKind::WrongProtocolOnPort {
        port: 443,
        seen: Plaintext::Http,
        first_line: String::new(),
        starttls: None,
    };
    assert_eq!(planned(&http, Service::Web).side, Some(Side::Server));
    let ssh = FindingKind::WrongProtocolOnPort {
        port: 2222,
        seen: Plaintext::Ssh,
        first_line: String::new(),
        starttls: None,
    };
    assert_eq!(planned(&ssh, Service::Web).side, Some(Side::Unknown));
    // Every sample of the id says whose side it is in its own plan.
    for kind in samples(FindingId::WrongProtocolOnPort) {
        assert!(planned(&kind, Service::of(&target_for(&kind))).side.is_some(), "{kind:?}");
    }
}

/// Issue 13: FTP's `AUTH TLS` was called STARTTLS. Wherever the protocol is FTP, the upgrade
/// has its own name, in the plan and in both languages' words.
#[test]
fn ftp_upgrade_is_auth_tls_never_starttls() {
    let ftp = [
        FindingKind::WrongProtocolOnPort {
            port: 21,
            seen: Plaintext::Tls,
            first_line: String::new(),
            starttls: Some(StarttlsProtocol::Ftp),
        },
        FindingKind::WrongProtocolOnPort { port: 21, seen: Plaintext::Ftp, first_line: String::new(), starttls: None },
        FindingKind::WrongProtocolOnPort {
            port: 21,
            seen: Plaintext::SmtpOrFtp,
            first_line: String::new(),
            starttls: None,
        },
        FindingKind::WrongProtocolOnPort { port: 990, seen: Plaintext::Ftp, first_line: String::new(), starttls: None },
        FindingKind::TimeoutFiltered { address: None, port: 21, stage: Stage::Greeting, waited_ms: 5_000 },
    ];
    for kind in &ftp {
        let plan = planned(kind, Service::Other);
        let all: Vec<&P<'_>> =
            plan.meaning.iter().chain(&plan.user_steps).chain([&plan.headline, &plan.danger]).collect();
        assert!(
            all.iter().all(|s| !matches!(
                s,
                P::Reach(
                    Say::TlsFromStartMeaning { upgrade: Upgrade::Starttls }
                        | Say::UpgradePortMeaning { upgrade: Upgrade::Starttls, .. }
                        | Say::UpgradePortHeadline { upgrade: Upgrade::Starttls, .. }
                ) | P::Common(C::MailPorts | C::Port25)
            )),
            "{kind:?}"
        );
        for lang in Lang::ALL {
            let e = rendered(kind, lang);
            let text = format!("{} {} {} {}", e.headline, e.meaning, e.danger, e.user_steps.join(" "));
            assert!(!text.contains("STARTTLS"), "{kind:?} {lang:?}: {text}");
            let admin: Vec<&str> = e.admin_steps.iter().map(|s| s.text.as_str()).collect();
            assert!(admin.iter().all(|t| !t.contains("STARTTLS")), "{kind:?} {lang:?}: {admin:?}");
        }
    }
    let plan = planned(&ftp[0], Service::Other);
    assert!(plan.meaning.contains(&P::Reach(Say::TlsFromStartMeaning { upgrade: Upgrade::AuthTls })));
    let plan = planned(&ftp[1], Service::Other);
    assert!(
        plan.meaning.iter().any(|s| matches!(s, P::Reach(Say::UpgradePortMeaning { upgrade: Upgrade::AuthTls, .. })))
    );
}

/// Issue 13: `bad_record_mac` was explained as a protocol-version mismatch. It says a record
/// failed its integrity check: damage on the way, an offload or middlebox, a TLS bug — so no
/// version or cipher fixes, and each alert has its own words.
#[test]
fn each_alert_says_what_it_means() {
    let failed =
        |alert: &str| FindingKind::HandshakeFailed { failure: HandshakeFailure::Alert { alert: alert.to_owned() } };
    let kind = failed("bad_record_mac");
    for service in [Service::Web, Service::Smtp, Service::Mailbox] {
        let plan = planned(&kind, service);
        assert_eq!(plan.headline, P::Reach(Say::AlertHeadline(Alert::BadRecordMac)));
        assert_eq!(plan.meaning, vec![P::Reach(Say::AlertMeaning(Alert::BadRecordMac))]);
        // The version and cipher fixes (the protocol group's, which handshake failures reuse).
        let fixes: Vec<P<'_>> = super::super::protocol::version_fixes(service)
            .into_iter()
            .chain(super::super::protocol::cipher_fixes(service, None))
            .map(|f| f.say)
            .filter(|s| !matches!(s, P::Common(_)))
            .collect();
        let version_or_cipher = |s: &P<'_>| fixes.contains(s) || *s == P::Reach(Say::UpdateApp);
        assert!(plan.admin.iter().all(|f| !version_or_cipher(&f.say)), "{service:?}: {:?}", plan.admin);
        assert!(plan.user_steps.iter().all(|s| !version_or_cipher(s)));
        assert!(plan.admin.iter().any(|f| f.say == P::Reach(Say::AdminNicOffload)));
    }
    // Only protocol_version speaks of versions.
    for alert in ["handshake_failure", "bad_record_mac", "unrecognized_name", "internal_error", "access_denied", "x_y"]
    {
        assert_ne!(Alert::of(alert), Alert::ProtocolVersion, "{alert}");
    }
    assert_eq!(Alert::of("protocol_version"), Alert::ProtocolVersion);
    // Distinct alerts, distinct words.
    let mut seen = std::collections::HashSet::new();
    for kind in samples(FindingId::HandshakeFailed) {
        let e = rendered(&kind, Lang::Ja);
        assert!(seen.insert(e.meaning.clone()), "{kind:?} repeats another alert's meaning");
    }
}

/// Issue 13: 「警告を無視して先に進まないでください」 on errors that offer no bypass. None of
/// this group's findings comes with a warning a user could go past: never say it.
#[test]
fn no_going_past_a_warning_that_has_no_way_past() {
    for (kind, service) in group_samples() {
        let plan = planned(&kind, service);
        let steps: Vec<&P<'_>> = plan.user_steps.iter().chain([&plan.danger]).chain(&plan.meaning).collect();
        assert!(steps.iter().all(|s| **s != P::Common(C::DontGoPast)), "{kind:?}");
        let e = rendered(&kind, Lang::Ja);
        let text = format!("{}{}{}", e.danger, e.meaning, e.user_steps.concat());
        assert!(!text.contains("警告を越えて") && !text.contains("警告を無視"), "{kind:?}: {text}");
    }
}

/// The quoted values a finding carries in English (OS errors, alert names, first lines): they
/// belong to the evidence.
fn english_values(kind: &FindingKind) -> Vec<&str> {
    use FindingKind as K;
    match kind {
        K::DnsFailure { detail, .. } | K::HostUnreachable { detail, .. } => vec![detail.as_str()],
        K::WrongProtocolOnPort { first_line, .. } => vec![first_line.as_str()],
        K::HandshakeFailed { failure: HandshakeFailure::Alert { alert } } => vec![alert.as_str()],
        K::HandshakeFailed { failure: HandshakeFailure::Protocol { detail } } => vec![detail.as_str()],
        K::ClientCertRequired { alert, reply, .. } => alert.iter().chain(reply).map(String::as_str).collect(),
        K::RefusedByPolicy(r) => r.detail.iter().map(String::as_str).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|v| !v.is_empty())
    .collect()
}

/// Issue 13: raw English (`timed out; HTTP 503`, OS errors, alert names, a server's first line)
/// inside Japanese sentences. Such values are evidence only, and every one of them is there.
#[test]
fn english_values_stay_in_the_evidence() {
    for (kind, _) in group_samples() {
        let e = rendered(&kind, Lang::Ja);
        let sentences = format!("{}\n{}\n{}\n{}", e.headline, e.meaning, e.danger, e.user_steps.join("\n"));
        for value in english_values(&kind) {
            assert!(!sentences.contains(value), "{kind:?}: {value:?} in: {sentences}");
            assert!(e.evidence.iter().any(|l| l.value.contains(value)), "{kind:?}: {value:?} not in the evidence");
        }
        // No identifier-like English either (snake_case names, OS error numbers).
        assert!(!sentences.contains("os error"), "{kind:?}");
        let snake = sentences
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .any(|w| w.contains('_') && w.chars().any(|c| c.is_ascii_lowercase()));
        assert!(!snake, "{kind:?}: {sentences}");
    }
}

/// The first screen: headline, whose side, the first step and the risk line in at most 120
/// Japanese characters (glosses included), and the first step is an action.
#[test]
fn the_first_screen_is_short() {
    let mut long = Vec::new();
    for (kind, _) in group_samples() {
        let e = rendered(&kind, Lang::Ja);
        let first = e.user_steps.first().map_or("", String::as_str);
        let count = [e.headline.as_str(), e.side_label.as_str(), first, e.danger.as_str()]
            .iter()
            .map(|s| s.chars().count())
            .sum::<usize>();
        if count > 120 {
            long.push(format!(
                "{kind:?}: {count} characters:\n{}\n{}\n{first}\n{}",
                e.headline, e.side_label, e.danger
            ));
        }
        if !(first.ends_with("ください。") || first.ends_with("ありません。")) {
            long.push(format!("{kind:?}: the first step is no action: {first}"));
        }
    }
    assert!(long.is_empty(), "{}", long.join("\n\n"));
}

/// A server that requires a client certificate and one that only asks: the plan names the
/// issuers it accepts, when it named them, and says "optional" only of the second, which is
/// information (nothing to fix) on web and mail ports alike.
#[test]
fn client_certificates_required_or_optional_name_the_accepted_issuers() {
    let issuers = vec!["Staff CA".to_owned(), "Devices CA".to_owned()];
    let named = P::Reach(Say::ClientCertIssuers { issuers: &issuers });
    for service in [Service::Web, Service::Smtp, Service::Mailbox] {
        let required =
            FindingKind::ClientCertRequired { alert: None, status: Some(400), reply: None, issuers: issuers.clone() };
        let plan = planned(&required, service);
        assert_eq!(plan.headline, P::Reach(Say::AlertHeadline(Alert::ClientCertificate)));
        assert_eq!(plan.meaning, [P::Reach(Say::AlertMeaning(Alert::ClientCertificate)), named.clone()]);
        assert_eq!(plan.user_steps.first(), Some(&P::Reach(Say::InstallClientCert)));

        let optional = FindingKind::ClientCertOptional { issuers: issuers.clone() };
        let plan = planned(&optional, service);
        assert_eq!(plan.headline, P::Reach(Say::ClientCertOptionalHeadline));
        assert_eq!(plan.meaning, [P::Reach(Say::ClientCertOptionalMeaning), named.clone()]);
        assert_eq!(plan.user_steps, [P::Reach(Say::NothingToDo)]);
        assert_eq!((plan.side, plan.severity), (None, None), "the id's: no problem, information");
        assert_eq!((optional.side(), optional.severity()), (Side::None, Severity::Info));

        // Unnamed issuers are not announced.
        for kind in [
            FindingKind::ClientCertRequired {
                alert: Some("certificate_required".into()),
                status: None,
                reply: None,
                issuers: vec![],
            },
            FindingKind::ClientCertOptional { issuers: vec![] },
        ] {
            let plan = planned(&kind, service);
            assert!(!plan.meaning.iter().any(|s| matches!(s, P::Reach(Say::ClientCertIssuers { .. }))), "{kind:?}");
        }
    }
}
