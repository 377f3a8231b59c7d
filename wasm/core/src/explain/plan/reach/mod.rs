//! Reaching the server: DNS, routes, ports, silence, resets, something other than TLS on the
//! port, handshake failures, a client certificate asked for, and checks the organisation's
//! limits refused (`ok` too: the connection works).
//!
//! Every decision is here; `ja.rs` and `en.rs` only put each phrase into words. Which software
//! an admin step names follows the port of the finding ([`service_on`]): web-server steps only
//! where a web server answers, Postfix on SMTP ports, Dovecot on IMAP and POP3 ports.

pub(crate) mod en;
pub(crate) mod ja;

use std::net::IpAddr;

use super::common::Say as C;
use super::{Case, Fix, Plan, Software};
use crate::explain::service::Service;
use crate::wire::{
    CutKind, DnsError, FindingKind, HandshakeFailure, LimitSource, Plaintext, Refusal, RefusalRule, Side, Stage,
    StarttlsProtocol,
};

/// The app the user sets up, as far as the protocol tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum App {
    Mail,
    Ftp,
    Other,
}

/// How a plaintext dialogue turns into TLS: `STARTTLS` (mail, and most others), or FTP's
/// `AUTH TLS` (RFC 4217), which is never called STARTTLS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Upgrade {
    Starttls,
    AuthTls,
}

/// A TLS alert the server sent, as far as it tells what went wrong (RFC 8446 §6.2 names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Alert {
    /// `protocol_version`: no TLS version in common (the server only speaks old ones).
    ProtocolVersion,
    /// `handshake_failure`: no acceptable set of parameters (ciphers, groups) in common.
    HandshakeFailure,
    /// `insufficient_security`: the server wants stronger ciphers than offered.
    InsufficientSecurity,
    /// `bad_record_mac`: a record failed its integrity check (damaged on the way, or a buggy
    /// TLS stack or offload): not a version or cipher question.
    BadRecordMac,
    /// `unrecognized_name`: no site for the name sent in SNI.
    UnrecognizedName,
    /// `internal_error`: the server failed on its own side.
    InternalError,
    /// `access_denied`: the server's access control refuses this client.
    AccessDenied,
    /// `certificate_required`, `bad_certificate`: the server wants a client certificate.
    ClientCertificate,
    /// `decode_error`, `illegal_parameter`, `unexpected_message`: a malformed exchange.
    Malformed,
    /// Any other alert: named in the evidence only.
    Other,
}

impl Alert {
    pub(crate) fn of(name: &str) -> Alert {
        match name {
            "protocol_version" => Alert::ProtocolVersion,
            "handshake_failure" => Alert::HandshakeFailure,
            "insufficient_security" => Alert::InsufficientSecurity,
            "bad_record_mac" => Alert::BadRecordMac,
            "unrecognized_name" => Alert::UnrecognizedName,
            "internal_error" => Alert::InternalError,
            "access_denied" => Alert::AccessDenied,
            "certificate_required" | "bad_certificate" => Alert::ClientCertificate,
            "decode_error" | "illegal_parameter" | "unexpected_message" => Alert::Malformed,
            _ => Alert::Other,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Say<'a> {
    // ok
    OkHeadline,
    /// `tls-doctor cert` found nothing wrong with the files.
    OkFilesHeadline,
    OkFilesMeaning,
    OkFilesDanger,
    OkMeaning {
        version: &'a str,
    },
    OkDaysLeft {
        days: i64,
    },
    OkExpiresToday,
    OkBrowserSameCertificate,
    OkDanger,
    NothingToDo,
    OkStillAnError,
    CertbotTimer,

    // dns_failure
    DnsHeadline {
        host: &'a str,
    },
    DnsMeaning {
        error: DnsError,
        host: &'a str,
    },
    CheckSpelling,
    BewareLookalikes,
    CheckOtherSites,
    CompanyServerNeedsVpn,
    DnsRecords {
        host: &'a str,
    },
    DnsDomainExpiry,

    // host_unreachable
    UnreachableHeadline {
        address: &'a IpAddr,
    },
    UnreachableMeaning {
        address: &'a IpAddr,
    },
    CheckConnected,
    ConnectVpnFirst,
    ServerRunningAndRoutes,
    Ipv6Reachable,

    // port_closed
    PortClosedHeadline {
        port: u16,
    },
    PortClosedMeaning {
        address: &'a IpAddr,
        port: u16,
    },
    CheckAddressAndPort,
    ServerRestarting,
    AdminListening {
        port: u16,
    },
    NginxListen {
        port: u16,
    },
    ApacheListen {
        port: u16,
    },
    IisBinding {
        port: u16,
    },
    PostfixListen {
        port: u16,
    },
    DovecotListen {
        port: u16,
    },

    // timeout_filtered
    TimeoutHeadline {
        stage: Stage,
        port: u16,
    },
    TimeoutMeaning {
        stage: Stage,
        port: u16,
    },
    Port25ForServers,
    Port25Blocked,
    SendOn587Or465,
    NetworkMayBlockPorts,
    AdminFirewallPort {
        port: u16,
    },
    CloudSecurityGroups,
    AdminServerProcess,
    PostfixGreetWait,
    PostfixWrapperMode,
    DovecotImplicitListener,

    // connection_reset
    ResetHeadline,
    ResetMeaning {
        how: CutKind,
    },

    // wrong_protocol_on_port
    /// A plaintext dialogue met a port that speaks TLS from the first byte.
    TlsFromStartHeadline {
        port: u16,
    },
    TlsFromStartMeaning {
        upgrade: Upgrade,
    },
    EncryptionWorksDanger,
    SwitchToImplicit {
        app: App,
        port: u16,
    },
    MatchProviderPairs,
    PostfixNoWrapperOn587,
    DovecotSslOnlyOnImplicit,
    AdminDocumentPairs,
    /// Another service than the one asked for answers.
    OtherServiceHeadline {
        port: u16,
        seen: Plaintext,
    },
    OtherServiceMeaning {
        expected: StarttlsProtocol,
        seen: Plaintext,
    },
    WrongServiceDanger,
    CompareWithInstructions {
        app: App,
    },
    AskForSettings,
    AdminWhatListens {
        port: u16,
    },
    /// A port meant for TLS from the first byte answers without it: the server's listener.
    ServerLacksTlsHeadline {
        port: u16,
    },
    ServerLacksTlsMeaning {
        port: u16,
        seen: Plaintext,
    },
    PlainDanger,
    TellAdminNoTls {
        port: u16,
    },
    OtherPairMeanwhile,
    VsftpdImplicit,
    /// TLS from the first byte was tried on a port that upgrades a plaintext dialogue.
    UpgradePortHeadline {
        port: u16,
        upgrade: Upgrade,
    },
    UpgradePortMeaning {
        port: u16,
        upgrade: Upgrade,
    },
    DontChooseNoEncryption,
    SwitchToUpgrade {
        app: App,
        port: u16,
    },
    /// A web server answers without TLS.
    HttpHeadline {
        port: u16,
    },
    HttpMeaning,
    CheckPortInAddress {
        port: u16,
    },
    NginxEnableTls {
        port: u16,
    },
    ApacheEnableTls,
    IisEnableTls,
    /// Something else (SSH, unknown text, bytes) answers.
    NotTlsHeadline {
        port: u16,
        seen: Plaintext,
    },
    NotTlsMeaning,
    AdminTlsOrTellPort {
        port: u16,
    },

    // handshake_failed
    AlertHeadline(Alert),
    AlertMeaning(Alert),
    BrokenExchangeHeadline,
    BrokenExchangeMeaning,
    DontSwitchToPlain,
    UpdateApp,
    AskWhetherAllowed,
    OldDeviceFirmware,
    AdminOffloadAndMiddlebox,
    AdminNicOffload,
    AdminUpdateTlsLibrary,
    NginxServerName,
    ApacheServerName,
    IisHostBinding,
    AdminNameOnServer,
    AdminErrorLog,
    AdminAccessRules,
    AdminTlsServiceOnPort,

    // client_cert_required, client_cert_optional
    /// The issuers the server accepts client certificates from, as it named them.
    ClientCertIssuers {
        issuers: &'a [String],
    },
    ClientCertOptionalHeadline,
    /// Without a certificate the server answered normally: it is optional.
    ClientCertOptionalMeaning,
    /// Nothing to change if intended; how to require one.
    ClientCertOptionalAdmin,
    ClientCertDanger,
    InstallClientCert,
    ClientCertExpiry,
    PublicSiteNoClientCert,
    NginxNoClientCert,
    ApacheNoClientCert,
    IisNoClientCert,
    PostfixNoClientCert,
    DovecotNoClientCert,

    // refused_by_policy
    RefusedProbesOff,
    RefusedPort {
        port: u16,
    },
    /// `None`: TLS from the first byte.
    RefusedProtocol {
        starttls: Option<StarttlsProtocol>,
    },
    RefusedHost {
        host: &'a str,
    },
    RefusedHostNotListed {
        host: &'a str,
    },
    RefusedPrivate {
        address: Option<&'a IpAddr>,
    },
    RefusedRate,
    RefusedPolicyUnreadable,
    LimitSetHere {
        source: LimitSource,
    },
    StateUnknownDanger,
    AskHelpDesk,
    WaitSeconds {
        seconds: u64,
    },
    PolicyFileFix,
    PolicyKey {
        key: &'static str,
    },
    ManagedSettingKey {
        key: &'static str,
    },
}

impl<'a> From<Say<'a>> for super::Say<'a> {
    fn from(say: Say<'a>) -> Self {
        super::Say::Reach(say)
    }
}

/// What serves `port`: the well-known ports say it themselves (an SMTP finding on 443 is a
/// web server's, a finding on 25 is Postfix's whatever the case); other ports take the case's.
fn service_on(case: &Case<'_>, port: u16) -> Service {
    match port {
        25 | 465 | 587 => Service::Smtp,
        110 | 143 | 993 | 995 | 4190 => Service::Mailbox,
        80 | 443 | 8443 => Service::Web,
        21 | 22 | 119 | 389 | 563 | 636 | 853 | 989 | 990 | 3306 | 5222 | 5223 | 5269 | 5432 => Service::Other,
        _ => case.service,
    }
}

/// A port where TLS starts with the first byte by convention.
const fn implicit_tls_port(port: u16) -> bool {
    matches!(port, 443 | 8443 | 465 | 993 | 995 | 990 | 636 | 563 | 853 | 5223)
}

/// The plaintext protocol a well-known upgrade port speaks.
const fn upgrade_port(port: u16) -> Option<StarttlsProtocol> {
    Some(match port {
        25 | 587 => StarttlsProtocol::Smtp,
        143 => StarttlsProtocol::Imap,
        110 => StarttlsProtocol::Pop3,
        21 => StarttlsProtocol::Ftp,
        389 => StarttlsProtocol::Ldap,
        5222 => StarttlsProtocol::XmppClient,
        119 => StarttlsProtocol::Nntp,
        4190 => StarttlsProtocol::Sieve,
        _ => return None,
    })
}

const fn upgrade_of(protocol: StarttlsProtocol) -> Upgrade {
    match protocol {
        StarttlsProtocol::Ftp => Upgrade::AuthTls,
        _ => Upgrade::Starttls,
    }
}

const fn app_of(protocol: StarttlsProtocol) -> App {
    match protocol {
        StarttlsProtocol::Smtp | StarttlsProtocol::Imap | StarttlsProtocol::Pop3 | StarttlsProtocol::Sieve => App::Mail,
        StarttlsProtocol::Ftp => App::Ftp,
        _ => App::Other,
    }
}

/// The plaintext protocol an answer shows, where it is one that upgrades.
const fn plaintext_protocol(seen: Plaintext, port: u16) -> Option<StarttlsProtocol> {
    Some(match seen {
        Plaintext::Smtp => StarttlsProtocol::Smtp,
        Plaintext::Imap => StarttlsProtocol::Imap,
        Plaintext::Pop3 => StarttlsProtocol::Pop3,
        Plaintext::Ftp => StarttlsProtocol::Ftp,
        // `220 …` alone: the port tells.
        Plaintext::SmtpOrFtp => match port {
            21 | 989 | 990 => StarttlsProtocol::Ftp,
            _ => StarttlsProtocol::Smtp,
        },
        _ => return None,
    })
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

/// The fixes that make the server accept today's TLS versions (the protocol group's).
fn protocol_fixes<'a>(service: Service) -> Vec<Fix<'a>> {
    super::protocol::version_fixes(service)
}

/// The fixes that make the server offer today's cipher suites (the protocol group's).
fn cipher_fixes<'a>(service: Service) -> Vec<Fix<'a>> {
    super::protocol::cipher_fixes(service, None)
}

/// The fixes that stop asking for a client certificate.
fn client_cert_fixes<'a>(service: Service) -> Vec<Fix<'a>> {
    let mut v = vec![Fix::any(Say::PublicSiteNoClientCert)];
    v.extend(match service {
        Service::Web => vec![
            Fix::on(Software::Nginx, Say::NginxNoClientCert),
            Fix::on(Software::Apache, Say::ApacheNoClientCert),
            Fix::on(Software::Iis, Say::IisNoClientCert),
        ],
        Service::Smtp => vec![Fix::on(Software::Postfix, Say::PostfixNoClientCert)],
        Service::Mailbox => vec![Fix::on(Software::Dovecot, Say::DovecotNoClientCert)],
        Service::Other => Vec::new(),
    });
    v
}

pub(crate) fn plan<'a>(kind: &'a FindingKind, case: &Case<'_>) -> Option<Plan<'a>> {
    use FindingKind as K;
    Some(match kind {
        // Certificate files (`tls-doctor cert`): no connection, so no protocol.
        K::Ok { version, days_left, .. } if version.is_empty() => Plan::new(
            Say::OkFilesHeadline,
            Say::OkFilesDanger,
            vec![
                Say::OkFilesMeaning.into(),
                if *days_left > 0 { Say::OkDaysLeft { days: *days_left } } else { Say::OkExpiresToday }.into(),
            ],
            vec![Say::NothingToDo.into()],
            vec![Fix::on(Software::Certbot, Say::CertbotTimer)],
        ),
        K::Ok { version, days_left, browser_leaf, .. } => {
            let mut meaning = vec![Say::OkMeaning { version }.into()];
            meaning
                .push(if *days_left > 0 { Say::OkDaysLeft { days: *days_left } } else { Say::OkExpiresToday }.into());
            if browser_leaf.is_some() {
                meaning.push(Say::OkBrowserSameCertificate.into());
            }
            Plan::new(
                Say::OkHeadline,
                Say::OkDanger,
                meaning,
                vec![Say::NothingToDo.into(), Say::OkStillAnError.into(), C::RestartBrowser.into()],
                vec![Fix::on(Software::Certbot, Say::CertbotTimer)],
            )
        }
        K::DnsFailure { host, error, .. } => dns_failure(host, *error),
        K::HostUnreachable { address, .. } => Plan::new(
            Say::UnreachableHeadline { address },
            C::NothingSentYet,
            vec![Say::UnreachableMeaning { address }.into()],
            vec![
                Say::CheckConnected.into(),
                Say::ConnectVpnFirst.into(),
                C::TryAgainLater.into(),
                C::ContactSiteAdmin.into(),
            ],
            vec![Fix::any(Say::ServerRunningAndRoutes), Fix::any(Say::Ipv6Reachable)],
        ),
        K::PortClosed { address, port } => port_closed(case, address, *port),
        K::TimeoutFiltered { port, stage, .. } => timeout(case, *port, *stage),
        K::ConnectionReset { port, how, .. } => {
            let mut admin = vec![Fix::any(Say::AdminErrorLog)];
            admin.extend(protocol_fixes(service_on(case, *port)));
            admin.push(Fix::any(Say::AdminOffloadAndMiddlebox));
            Plan::new(
                Say::ResetHeadline,
                Say::DontSwitchToPlain,
                vec![Say::ResetMeaning { how: *how }.into()],
                vec![C::TryAgainLater.into(), C::TryAnotherNetwork.into(), C::ContactSiteAdmin.into()],
                admin,
            )
        }
        K::WrongProtocolOnPort { port, seen, starttls, .. } => wrong_protocol(case, *port, *seen, *starttls),
        K::HandshakeFailed { failure } => handshake_failed(case, failure),
        K::ClientCertRequired { issuers, .. } => {
            let mut meaning = vec![Say::AlertMeaning(Alert::ClientCertificate).into()];
            if !issuers.is_empty() {
                meaning.push(Say::ClientCertIssuers { issuers }.into());
            }
            Plan::new(
                Say::AlertHeadline(Alert::ClientCertificate),
                Say::ClientCertDanger,
                meaning,
                vec![Say::InstallClientCert.into(), Say::ClientCertExpiry.into()],
                client_cert_fixes(case.service),
            )
        }
        K::ClientCertOptional { issuers } => {
            let mut meaning = vec![Say::ClientCertOptionalMeaning.into()];
            if !issuers.is_empty() {
                meaning.push(Say::ClientCertIssuers { issuers }.into());
            }
            Plan::new(
                Say::ClientCertOptionalHeadline,
                Say::ClientCertDanger,
                meaning,
                vec![Say::NothingToDo.into()],
                vec![Fix::any(Say::ClientCertOptionalAdmin)],
            )
        }
        K::RefusedByPolicy(r) => refused(r),
        _ => return None,
    })
}

fn dns_failure(host: &str, error: DnsError) -> Plan<'_> {
    let user_steps: Vec<super::Say<'_>> = match error {
        DnsError::NoSuchHost => {
            vec![Say::CheckSpelling.into(), Say::BewareLookalikes.into(), Say::CompanyServerNeedsVpn.into()]
        }
        // The name exists: its records are the domain's business.
        DnsError::NoAddress => vec![C::ContactSiteAdmin.into(), Say::CompanyServerNeedsVpn.into()],
        DnsError::TemporaryFailure | DnsError::TimedOut => {
            vec![
                Say::CheckConnected.into(),
                Say::CheckOtherSites.into(),
                C::TryAgainLater.into(),
                Say::CompanyServerNeedsVpn.into(),
            ]
        }
        DnsError::Other => {
            vec![Say::CheckSpelling.into(), Say::CheckOtherSites.into(), Say::CompanyServerNeedsVpn.into()]
        }
    };
    let mut plan = Plan::new(
        Say::DnsHeadline { host },
        C::NothingSentYet,
        vec![Say::DnsMeaning { error, host }.into()],
        user_steps,
        vec![Fix::any(Say::DnsRecords { host }), Fix::any(Say::DnsDomainExpiry)],
    );
    plan.side = match error {
        // A typo, or a domain that lapsed: either side.
        DnsError::NoSuchHost => Some(Side::Unknown),
        DnsError::NoAddress => Some(Side::Server),
        _ => None,
    };
    plan
}

fn port_closed<'a>(case: &Case<'_>, address: &'a IpAddr, port: u16) -> Plan<'a> {
    let service = service_on(case, port);
    let mut user_steps: Vec<super::Say<'a>> = Vec::new();
    if port == 25 {
        user_steps.push(Say::SendOn587Or465.into());
    }
    user_steps.push(Say::CheckAddressAndPort.into());
    if service.is_mail() {
        user_steps.push(Say::CompareWithInstructions { app: App::Mail }.into());
    }
    user_steps.push(Say::ServerRestarting.into());
    let mut admin = vec![Fix::any(Say::AdminListening { port })];
    admin.extend(listen_fixes(service, port));
    admin.push(Fix::any(Say::AdminFirewallPort { port }));
    let mut meaning = vec![Say::PortClosedMeaning { address, port }.into()];
    if port == 25 {
        meaning.push(Say::Port25ForServers.into());
    }
    Plan::new(Say::PortClosedHeadline { port }, C::NothingSentYet, meaning, user_steps, admin)
}

fn timeout<'a>(case: &Case<'_>, port: u16, stage: Stage) -> Plan<'a> {
    let service = service_on(case, port);
    let mut meaning = vec![Say::TimeoutMeaning { stage, port }.into()];
    let mut user_steps: Vec<super::Say<'a>> = Vec::new();
    if port == 25 {
        meaning.push(Say::Port25ForServers.into());
        meaning.push(Say::Port25Blocked.into());
        user_steps.push(Say::SendOn587Or465.into());
    }
    user_steps.extend([
        C::TryAgainLater.into(),
        Say::NetworkMayBlockPorts.into(),
        C::TryAnotherNetwork.into(),
        C::ContactSiteAdmin.into(),
    ]);
    let mut admin = Vec::new();
    match stage {
        Stage::Connect => {
            admin.push(Fix::any(Say::AdminFirewallPort { port }));
            admin.push(Fix::any(Say::CloudSecurityGroups));
            admin.push(Fix::any(Say::AdminListening { port }));
            admin.extend(listen_fixes(service, port));
        }
        Stage::Greeting => {
            admin.push(Fix::any(Say::AdminServerProcess));
            if service == Service::Smtp {
                admin.push(Fix::on(Software::Postfix, Say::PostfixGreetWait));
            }
        }
        Stage::TlsHandshake => {
            admin.push(Fix::any(Say::AdminTlsServiceOnPort));
            // Mail servers encrypt from the first byte only on their implicit-TLS ports.
            let service = if implicit_tls_port(port) || service == Service::Web { service } else { Service::Other };
            match service {
                Service::Web => {
                    admin.push(Fix::on(Software::Nginx, Say::NginxEnableTls { port }));
                    admin.push(Fix::on(Software::Apache, Say::ApacheEnableTls));
                    admin.push(Fix::on(Software::Iis, Say::IisEnableTls));
                }
                Service::Smtp => admin.push(Fix::on(Software::Postfix, Say::PostfixWrapperMode)),
                Service::Mailbox => admin.push(Fix::on(Software::Dovecot, Say::DovecotImplicitListener)),
                Service::Other => {}
            }
        }
    }
    let mut plan = Plan::new(Say::TimeoutHeadline { stage, port }, C::NothingSentYet, meaning, user_steps, admin);
    // Connected, then silence: the server (or what stands for it) does not answer.
    if stage != Stage::Connect {
        plan.side = Some(Side::Server);
    }
    plan
}

fn wrong_protocol<'a>(case: &Case<'_>, port: u16, seen: Plaintext, starttls: Option<StarttlsProtocol>) -> Plan<'a> {
    let service = service_on(case, port);
    match (seen, starttls) {
        // A plaintext dialogue met TLS from the first byte: the app's setting, not the server.
        (Plaintext::Tls, expected) => {
            let protocol = expected.or(upgrade_port(port));
            let app = protocol.map_or(App::Other, app_of);
            let upgrade = protocol.map_or(Upgrade::Starttls, upgrade_of);
            let mut meaning = vec![Say::TlsFromStartMeaning { upgrade }.into()];
            if app == App::Mail {
                meaning.push(C::MailPorts.into());
            }
            let mut admin = Vec::new();
            match service {
                Service::Smtp => admin.push(Fix::on(Software::Postfix, Say::PostfixNoWrapperOn587)),
                Service::Mailbox => admin.push(Fix::on(Software::Dovecot, Say::DovecotSslOnlyOnImplicit)),
                Service::Web | Service::Other => {}
            }
            admin.push(Fix::any(Say::AdminDocumentPairs));
            Plan {
                headline: Say::TlsFromStartHeadline { port }.into(),
                danger: Say::EncryptionWorksDanger.into(),
                meaning,
                user_steps: vec![Say::SwitchToImplicit { app, port }.into(), Say::MatchProviderPairs.into()],
                admin,
                side: Some(Side::Client),
                severity: None,
            }
        }
        // Another service answers where `expected` was asked for.
        (seen, Some(expected)) => {
            let app = app_of(expected);
            let mut meaning = vec![Say::OtherServiceMeaning { expected, seen }.into()];
            if app == App::Mail {
                meaning.push(C::MailPorts.into());
            }
            Plan {
                headline: Say::OtherServiceHeadline { port, seen }.into(),
                danger: Say::WrongServiceDanger.into(),
                meaning,
                user_steps: vec![Say::CompareWithInstructions { app }.into(), Say::AskForSettings.into()],
                admin: vec![Fix::any(Say::AdminWhatListens { port })],
                // On the protocol's own port the server runs something else there; elsewhere
                // the port may simply be the wrong one.
                side: Some(if upgrade_port(port) == Some(expected) { Side::Server } else { Side::Unknown }),
                severity: None,
            }
        }
        (Plaintext::Http, None) => {
            let mut user_steps: Vec<super::Say<'a>> = Vec::new();
            if !implicit_tls_port(port) {
                user_steps.push(Say::CheckPortInAddress { port }.into());
            }
            user_steps.push(Say::TellAdminNoTls { port }.into());
            let admin = if service == Service::Web && !case.host.is_empty() {
                vec![
                    Fix::on(Software::Nginx, Say::NginxEnableTls { port }),
                    Fix::on(Software::Apache, Say::ApacheEnableTls),
                    Fix::on(Software::Iis, Say::IisEnableTls),
                ]
            } else {
                vec![Fix::any(Say::AdminWhatListens { port }), Fix::any(Say::AdminTlsOrTellPort { port })]
            };
            Plan {
                headline: Say::HttpHeadline { port }.into(),
                danger: Say::PlainDanger.into(),
                meaning: vec![Say::HttpMeaning.into()],
                user_steps,
                admin,
                side: Some(if implicit_tls_port(port) { Side::Server } else { Side::Unknown }),
                severity: None,
            }
        }
        (seen, None) => match plaintext_protocol(seen, port) {
            // TLS from the first byte is this port's convention: the server's listener lacks it.
            Some(protocol) if implicit_tls_port(port) => {
                let app = app_of(protocol);
                let mut user_steps: Vec<super::Say<'a>> = vec![Say::TellAdminNoTls { port }.into()];
                user_steps.push(Say::OtherPairMeanwhile.into());
                if app == App::Mail {
                    user_steps.push(C::NoPlainMail.into());
                }
                let mut admin = match service {
                    Service::Smtp => vec![Fix::on(Software::Postfix, Say::PostfixWrapperMode)],
                    Service::Mailbox => vec![Fix::on(Software::Dovecot, Say::DovecotImplicitListener)],
                    Service::Other if protocol == StarttlsProtocol::Ftp => vec![Fix::any(Say::VsftpdImplicit)],
                    _ => Vec::new(),
                };
                admin.push(Fix::any(Say::AdminWhatListens { port }));
                Plan {
                    headline: Say::ServerLacksTlsHeadline { port }.into(),
                    danger: Say::PlainDanger.into(),
                    meaning: vec![Say::ServerLacksTlsMeaning { port, seen }.into()],
                    user_steps,
                    admin,
                    side: Some(Side::Server),
                    severity: None,
                }
            }
            // The port upgrades a plaintext dialogue: TLS at once was the wrong choice.
            Some(protocol) if upgrade_port(port).is_some() => {
                let app = app_of(protocol);
                let upgrade = upgrade_of(protocol);
                let mut meaning = vec![Say::UpgradePortMeaning { port, upgrade }.into()];
                if app == App::Mail {
                    meaning.push(C::MailPorts.into());
                }
                Plan {
                    headline: Say::UpgradePortHeadline { port, upgrade }.into(),
                    danger: Say::DontChooseNoEncryption.into(),
                    meaning,
                    user_steps: vec![Say::SwitchToUpgrade { app, port }.into(), Say::MatchProviderPairs.into()],
                    admin: vec![Fix::any(Say::AdminDocumentPairs)],
                    side: Some(Side::Client),
                    severity: None,
                }
            }
            _ => Plan {
                headline: Say::NotTlsHeadline { port, seen }.into(),
                danger: Say::WrongServiceDanger.into(),
                meaning: vec![Say::NotTlsMeaning.into()],
                user_steps: vec![Say::CheckAddressAndPort.into(), Say::AskForSettings.into()],
                admin: vec![Fix::any(Say::AdminWhatListens { port }), Fix::any(Say::AdminTlsOrTellPort { port })],
                side: Some(Side::Unknown),
                severity: None,
            },
        },
    }
}

fn handshake_failed<'a>(case: &Case<'_>, failure: &'a HandshakeFailure) -> Plan<'a> {
    let service = case.service;
    let alert = match failure {
        HandshakeFailure::Alert { alert } => Alert::of(alert),
        HandshakeFailure::Protocol { .. } => {
            return Plan::new(
                Say::BrokenExchangeHeadline,
                Say::DontSwitchToPlain,
                vec![Say::BrokenExchangeMeaning.into()],
                vec![C::ContactSiteAdmin.into(), C::TryAnotherNetwork.into()],
                vec![
                    Fix::any(Say::AdminTlsServiceOnPort),
                    Fix::any(Say::AdminOffloadAndMiddlebox),
                    Fix::any(Say::AdminUpdateTlsLibrary),
                ],
            );
        }
    };
    let (user_steps, admin, side): (Vec<super::Say<'a>>, Vec<Fix<'a>>, Option<Side>) = match alert {
        Alert::ProtocolVersion => {
            let mut admin = protocol_fixes(service);
            admin.push(Fix::any(Say::OldDeviceFirmware));
            (vec![C::ContactSiteAdmin.into(), C::NothingToFixOnDevice.into()], admin, None)
        }
        Alert::HandshakeFailure | Alert::InsufficientSecurity => {
            let mut admin = cipher_fixes(service);
            admin.extend(protocol_fixes(service));
            admin.push(Fix::any(Say::OldDeviceFirmware));
            (vec![C::ContactSiteAdmin.into(), Say::UpdateApp.into()], admin, None)
        }
        // The integrity check of a record failed: damage on the way or a faulty TLS stack,
        // on either side of the network.
        Alert::BadRecordMac => (
            vec![C::ContactSiteAdmin.into(), C::TryAnotherNetwork.into()],
            vec![
                Fix::any(Say::AdminOffloadAndMiddlebox),
                Fix::any(Say::AdminNicOffload),
                Fix::any(Say::AdminUpdateTlsLibrary),
            ],
            Some(Side::Unknown),
        ),
        Alert::UnrecognizedName => {
            let admin = if service == Service::Web && !case.host.is_empty() {
                vec![
                    Fix::on(Software::Nginx, Say::NginxServerName),
                    Fix::on(Software::Apache, Say::ApacheServerName),
                    Fix::on(Software::Iis, Say::IisHostBinding),
                ]
            } else {
                vec![Fix::any(Say::AdminNameOnServer)]
            };
            (vec![Say::CheckSpelling.into(), C::ContactSiteAdmin.into()], admin, None)
        }
        Alert::InternalError | Alert::Other => {
            (vec![C::TryAgainLater.into(), C::ContactSiteAdmin.into()], vec![Fix::any(Say::AdminErrorLog)], None)
        }
        Alert::AccessDenied => (
            vec![Say::AskWhetherAllowed.into(), Say::ConnectVpnFirst.into()],
            vec![Fix::any(Say::AdminAccessRules), Fix::any(Say::AdminErrorLog)],
            Some(Side::Unknown),
        ),
        Alert::ClientCertificate => (
            vec![Say::InstallClientCert.into(), Say::ClientCertExpiry.into()],
            client_cert_fixes(service),
            Some(Side::Client),
        ),
        Alert::Malformed => (
            vec![C::ContactSiteAdmin.into(), C::TryAnotherNetwork.into()],
            vec![Fix::any(Say::AdminUpdateTlsLibrary), Fix::any(Say::AdminOffloadAndMiddlebox)],
            None,
        ),
    };
    Plan {
        headline: Say::AlertHeadline(alert).into(),
        danger: if alert == Alert::ClientCertificate { Say::ClientCertDanger } else { Say::DontSwitchToPlain }.into(),
        meaning: vec![Say::AlertMeaning(alert).into()],
        user_steps,
        admin,
        side,
        severity: None,
    }
}

fn refused(r: &Refusal) -> Plan<'_> {
    use RefusalRule as R;
    let headline = match r.rule {
        R::ProbesOff => Say::RefusedProbesOff,
        R::PortNotAllowed => Say::RefusedPort { port: r.port.unwrap_or_default() },
        R::ProtocolNotAllowed => Say::RefusedProtocol { starttls: r.starttls },
        R::HostBlocked => Say::RefusedHost { host: r.host.as_deref().unwrap_or_default() },
        R::HostNotAllowed => Say::RefusedHostNotListed { host: r.host.as_deref().unwrap_or_default() },
        R::PrivateAddress => Say::RefusedPrivate { address: r.address.as_ref() },
        R::RateLimited => Say::RefusedRate,
        R::PolicyUnreadable => Say::RefusedPolicyUnreadable,
    };
    let user = match r.rule {
        R::RateLimited => Say::WaitSeconds { seconds: r.retry_after_s.unwrap_or(60) },
        _ => Say::AskHelpDesk,
    };
    let admin = match (r.rule, r.source) {
        (R::PolicyUnreadable, _) => Say::PolicyFileFix,
        (rule, LimitSource::HostPolicy) => Say::PolicyKey { key: rule.key() },
        (rule, LimitSource::ManagedSettings) => Say::ManagedSettingKey { key: rule.key() },
    };
    Plan::new(
        headline,
        Say::StateUnknownDanger,
        vec![Say::LimitSetHere { source: r.source }.into()],
        vec![user.into()],
        vec![Fix::any(admin)],
    )
}

#[cfg(test)]
mod tests;
