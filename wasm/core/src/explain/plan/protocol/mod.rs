//! What the server speaks: old TLS versions, weak or no shared cipher suites, the switch to
//! TLS in a plaintext protocol (STARTTLS, FTP's `AUTH TLS`), logins before it, and a browser
//! too old for the server.

pub(crate) mod en;
pub(crate) mod ja;

use super::common::Say as C;
use super::{Case, Fix, Plan, Software};
use crate::explain::service::Service;
use crate::wire::{
    FindingKind, HandshakeFailure, ProtocolVersion, StarttlsFailure, StarttlsProtocol, StarttlsStage, Weakness,
};

/// How a plaintext protocol switches to TLS: the name its users and its RFC give the switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Upgrade {
    /// SMTP, IMAP, POP3 (`STLS`, RFC 2595 calls it the STARTTLS extension), XMPP, LDAP, NNTP,
    /// ManageSieve.
    Starttls,
    /// FTP (RFC 4217): `AUTH TLS`, not STARTTLS.
    AuthTls,
    /// PostgreSQL and MySQL: a request packet with no command name users would know.
    Request,
}

impl Upgrade {
    pub(crate) fn of(protocol: StarttlsProtocol) -> Upgrade {
        use StarttlsProtocol as P;
        match protocol {
            P::Ftp => Upgrade::AuthTls,
            P::Postgres | P::Mysql => Upgrade::Request,
            P::Smtp | P::Imap | P::Pop3 | P::XmppClient | P::XmppServer | P::Ldap | P::Nntp | P::Sieve => {
                Upgrade::Starttls
            }
        }
    }
}

/// Who runs the server, as the user sees it: a web site (or device), a mail service, another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Who {
    Site,
    Mail,
    Service,
}

impl Who {
    fn of(service: Service) -> Who {
        match service {
            Service::Web => Who::Site,
            Service::Smtp | Service::Mailbox => Who::Mail,
            Service::Other => Who::Service,
        }
    }
}

/// What the admin must change: the protocol versions, or the cipher suites.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Change {
    Versions,
    Ciphers,
}

/// A browser whose update menu we can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Browser {
    Chrome,
    Edge,
    Firefox,
}

impl Browser {
    const ALL: [Browser; 3] = [Browser::Chrome, Browser::Edge, Browser::Firefox];

    /// As `checks::client` names it from the user agent.
    fn named(name: &str) -> Option<Browser> {
        match name {
            "Chrome" => Some(Browser::Chrome),
            "Edge" => Some(Browser::Edge),
            "Firefox" => Some(Browser::Firefox),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Say<'a> {
    // Old protocol versions.
    LegacyOnlyHeadline {
        versions: &'a [ProtocolVersion],
    },
    LegacyEnabledHeadline {
        versions: &'a [ProtocolVersion],
    },
    /// Risk: old versions can be read or changed on the way.
    LegacyDanger,
    /// Risk of a door left open: today's clients do not use it.
    CurrentClientsUnaffected,
    /// "TLS comes in versions; this server speaks only …"
    OnlyTheseVersions {
        versions: &'a [ProtocolVersion],
    },
    /// Major browsers stopped using them in `year` (SSL 3.0 in 2015, TLS 1.0/1.1 in 2020).
    BrowsersDropped {
        year: u16,
    },
    /// New mail apps (and providers) have dropped them too.
    MailAppsDropped,
    TypicalOfOldDevices,
    AlsoOldVersions {
        versions: &'a [ProtocolVersion],
    },
    /// Today's browsers do not use it (old versions, or a weak suite other than RSA key
    /// exchange); old devices and apps may.
    OldClientsMayUseThem,
    // Weak cipher suites.
    WeakOnlyHeadline {
        weakness: Weakness,
    },
    WeakEnabledHeadline {
        weakness: Weakness,
    },
    /// "The server accepted only <weakness>" (the weakness of this case, never another).
    AcceptedOnly {
        weakness: Weakness,
    },
    AcceptsAlso {
        weakness: Weakness,
    },
    /// One sentence on what the weakness means.
    Why {
        weakness: Weakness,
    },
    /// Chrome, Edge and Firefox do not connect with it.
    MainBrowsersRefuse,
    /// RSA key exchange: Firefox (and others) still negotiate it, so some browsers connect.
    SomeBrowsersStillConnect,
    WeakDanger,
    NoEncryptionDanger,
    NoServerCheckDanger,
    PastTrafficDanger,
    // No shared cipher suite.
    NoOverlapHeadline,
    NoOverlapMeaning,
    NotEncryptedYet,
    // Steps for users.
    AskAdmin {
        who: Who,
        change: Change,
    },
    UpdateFirmware,
    DontLowerBrowserSettings,
    NothingToDoForUsers,
    /// Apps other than mail: do not connect without encryption.
    NoPlainApp,
    // Admin fixes: versions.
    NginxVersions,
    ApacheVersions,
    IisVersions,
    PostfixVersions,
    PostfixOldOpenssl,
    DovecotVersions,
    ServerVersions,
    DeviceFirmwareVersions,
    // Admin fixes: ciphers.
    NginxCiphers,
    ApacheCiphers,
    IisCiphers,
    PostfixCiphers,
    PostfixNoRsaKeyExchange,
    PostfixDhParams,
    DovecotCiphers,
    DovecotDhParams,
    ServerCiphers,
    DeviceFirmwareCiphers,
    KeyTypeMatchesCiphers,
    // A browser too old.
    OutdatedHeadline,
    OutdatedDanger,
    OutdatedMeaning {
        browser: &'a str,
        version: &'a str,
        needs: ProtocolVersion,
        since: u32,
    },
    ServerIsRight,
    UpdateBrowser,
    BrowserUpdateMenu(Browser),
    OsTooOld,
    /// The server needs TLS 1.3: TLS 1.2 with ECDHE and AEAD is still acceptable.
    AllowTls12IfNeeded,
    /// The server needs TLS 1.2 already: do not lower it, tell the user to update.
    KeepVersionsAskUpdate,
    // The switch to TLS in a plaintext protocol.
    NotOfferedHeadline {
        port: u16,
    },
    NotOfferedMeaning {
        protocol: StarttlsProtocol,
        upgrade: Upgrade,
    },
    LoginAcceptedAnyway {
        mechanisms: &'a [String],
    },
    PlaintextDanger {
        mail: bool,
    },
    CheckServiceSettings,
    PostfixMayOn25,
    PostfixEncryptOnSubmission,
    DovecotSsl,
    EnableUpgrade {
        upgrade: Upgrade,
    },
    FtpAuthTls,
    FailedHeadline {
        port: u16,
    },
    ConnectedWith {
        protocol: StarttlsProtocol,
    },
    Refused {
        upgrade: Upgrade,
    },
    ProtocolError {
        upgrade: Upgrade,
        protocol: StarttlsProtocol,
    },
    CutInDialogue {
        upgrade: Upgrade,
    },
    CutInHandshake {
        upgrade: Upgrade,
    },
    SilentInDialogue {
        upgrade: Upgrade,
    },
    SilentInHandshake {
        upgrade: Upgrade,
    },
    AlertInHandshake {
        upgrade: Upgrade,
        alert: &'a str,
    },
    /// After a refusal such as `handshake_failure`: old versions or no shared cipher, likely.
    LikelyVersionsOrCiphers,
    BadDataInHandshake {
        upgrade: Upgrade,
    },
    NothingSentFailed,
    ServerLog {
        upgrade: Upgrade,
    },
    PostfixLog,
    PostfixCheckFiles,
    DovecotLog,
    DovecotCheckFiles,
    // Logins before the switch.
    PlaintextAuthHeadline,
    PlaintextAuthMeaning {
        protocol: StarttlsProtocol,
        port: u16,
        upgrade: Upgrade,
        mechanisms: &'a [String],
    },
    SafeWithEncryption {
        mail: bool,
    },
    MailAppEncryptionNotNone,
    AppUsesEncryption {
        upgrade: Upgrade,
    },
    ChangePasswordIfPlain,
    PostfixAuthOnly,
    DovecotNoPlaintextAuth,
    RefuseLoginBeforeTls,
}

impl<'a> From<Say<'a>> for super::Say<'a> {
    fn from(say: Say<'a>) -> Self {
        super::Say::Protocol(say)
    }
}

/// The mail server software of a plaintext protocol (Postfix for SMTP, Dovecot for IMAP, POP3
/// and ManageSieve), else `Other`.
fn service_of(protocol: StarttlsProtocol) -> Service {
    use StarttlsProtocol as P;
    match protocol {
        P::Smtp => Service::Smtp,
        P::Imap | P::Pop3 | P::Sieve => Service::Mailbox,
        _ => Service::Other,
    }
}

/// The fixes that turn old versions off, for the software behind the port.
pub(super) fn version_fixes<'a>(service: Service) -> Vec<Fix<'a>> {
    match service {
        Service::Web => vec![
            Fix::on(Software::Nginx, Say::NginxVersions),
            Fix::on(Software::Apache, Say::ApacheVersions),
            Fix::on(Software::Iis, Say::IisVersions),
            Fix::any(Say::DeviceFirmwareVersions),
        ],
        Service::Smtp => vec![
            Fix::on(Software::Postfix, Say::PostfixVersions),
            Fix::on(Software::Postfix, Say::PostfixOldOpenssl),
            Fix::on(Software::Postfix, C::PostfixReload),
        ],
        Service::Mailbox => {
            vec![Fix::on(Software::Dovecot, Say::DovecotVersions), Fix::on(Software::Dovecot, C::DovecotReload)]
        }
        Service::Other => vec![Fix::any(Say::ServerVersions), Fix::any(Say::DeviceFirmwareVersions)],
    }
}

/// The fixes that leave only current cipher suites, for the software behind the port and the
/// weakness at hand (`None`: no suite in common at all).
pub(super) fn cipher_fixes<'a>(service: Service, weakness: Option<Weakness>) -> Vec<Fix<'a>> {
    let dh = matches!(weakness, Some(Weakness::Dhe { .. }));
    let rsa = weakness == Some(Weakness::StaticRsa);
    let mut fixes = match service {
        Service::Web => vec![
            Fix::on(Software::Nginx, Say::NginxCiphers),
            Fix::on(Software::Apache, Say::ApacheCiphers),
            Fix::on(Software::Iis, Say::IisCiphers),
        ],
        Service::Smtp => {
            let mut v = vec![Fix::on(Software::Postfix, Say::PostfixCiphers)];
            if rsa {
                v.push(Fix::on(Software::Postfix, Say::PostfixNoRsaKeyExchange));
            }
            if dh {
                v.push(Fix::on(Software::Postfix, Say::PostfixDhParams));
            }
            v.push(Fix::on(Software::Postfix, C::PostfixReload));
            v
        }
        Service::Mailbox => {
            let mut v = vec![Fix::on(Software::Dovecot, Say::DovecotCiphers)];
            if dh {
                v.push(Fix::on(Software::Dovecot, Say::DovecotDhParams));
            }
            v.push(Fix::on(Software::Dovecot, C::DovecotReload));
            v
        }
        Service::Other => vec![Fix::any(Say::ServerCiphers)],
    };
    match weakness {
        None => fixes.push(Fix::any(Say::KeyTypeMatchesCiphers)),
        Some(_) if matches!(service, Service::Web | Service::Other) => fixes.push(Fix::any(Say::DeviceFirmwareCiphers)),
        Some(_) => {}
    }
    fixes
}

/// What a user must not do after the failure, by service: no mail without SSL, no app without
/// encryption, no weaker browser settings.
fn dont_weaken<'a>(who: Who) -> super::Say<'a> {
    match who {
        Who::Site => Say::DontLowerBrowserSettings.into(),
        Who::Mail => C::NoPlainMail.into(),
        Who::Service => Say::NoPlainApp.into(),
    }
}

/// The risk line of a server that offers only `weakness`.
fn weak_danger<'a>(weakness: Weakness) -> super::Say<'a> {
    match weakness {
        Weakness::Null => Say::NoEncryptionDanger.into(),
        Weakness::Anonymous => Say::NoServerCheckDanger.into(),
        Weakness::StaticRsa => Say::PastTrafficDanger.into(),
        Weakness::Rc4 | Weakness::TripleDes | Weakness::Export | Weakness::Dhe { .. } => Say::WeakDanger.into(),
    }
}

pub(crate) fn plan<'a>(kind: &'a FindingKind, case: &Case<'_>) -> Option<Plan<'a>> {
    use FindingKind as K;
    let who = Who::of(case.service);
    Some(match kind {
        K::LegacyProtocolOnly { accepted, .. } => {
            // SSL 3.0 went in 2014–2015 (POODLE); TLS 1.0 and 1.1 in 2020 (Chrome 84,
            // Firefox 78, Safari 14).
            let year = if accepted.iter().any(|v| *v >= ProtocolVersion::Tls1_0) { 2020 } else { 2015 };
            let mut meaning: Vec<super::Say<'a>> =
                vec![Say::OnlyTheseVersions { versions: accepted }.into(), Say::BrowsersDropped { year }.into()];
            if who == Who::Mail {
                meaning.push(Say::MailAppsDropped.into());
            } else {
                meaning.push(Say::TypicalOfOldDevices.into());
            }
            Plan::new(
                Say::LegacyOnlyHeadline { versions: accepted },
                Say::LegacyDanger,
                meaning,
                vec![
                    Say::AskAdmin { who, change: Change::Versions }.into(),
                    Say::UpdateFirmware.into(),
                    dont_weaken(who),
                ],
                version_fixes(case.service),
            )
        }
        K::LegacyProtocolEnabled { versions } => Plan::new(
            Say::LegacyEnabledHeadline { versions },
            Say::CurrentClientsUnaffected,
            vec![Say::AlsoOldVersions { versions }.into(), Say::OldClientsMayUseThem.into()],
            vec![Say::NothingToDoForUsers.into()],
            version_fixes(case.service),
        ),
        K::WeakCipherOnly { weakness, .. } => {
            let weakness = *weakness;
            // RSA key exchange is weak (no forward secrecy), but Firefox still negotiates
            // TLS_RSA_WITH_AES_*_GCM suites: some browsers do connect.
            let reach =
                if weakness == Weakness::StaticRsa { Say::SomeBrowsersStillConnect } else { Say::MainBrowsersRefuse };
            Plan::new(
                Say::WeakOnlyHeadline { weakness },
                weak_danger(weakness),
                vec![Say::AcceptedOnly { weakness }.into(), Say::Why { weakness }.into(), reach.into()],
                vec![
                    Say::AskAdmin { who, change: Change::Ciphers }.into(),
                    Say::UpdateFirmware.into(),
                    dont_weaken(who),
                ],
                cipher_fixes(case.service, Some(weakness)),
            )
        }
        K::WeakCipherEnabled { weakness, .. } => {
            let weakness = *weakness;
            let (danger, who_uses) = if weakness == Weakness::StaticRsa {
                (Say::PastTrafficDanger, Say::SomeBrowsersStillConnect)
            } else {
                (Say::CurrentClientsUnaffected, Say::OldClientsMayUseThem)
            };
            Plan::new(
                Say::WeakEnabledHeadline { weakness },
                danger,
                vec![Say::AcceptsAlso { weakness }.into(), Say::Why { weakness }.into(), who_uses.into()],
                vec![Say::NothingToDoForUsers.into()],
                cipher_fixes(case.service, Some(weakness)),
            )
        }
        K::NoCipherOverlap { .. } => {
            let mut user_steps: Vec<super::Say<'a>> = vec![C::ContactSiteAdmin.into(), C::NothingToFixOnDevice.into()];
            if who != Who::Site {
                user_steps.push(dont_weaken(who));
            }
            Plan::new(
                Say::NoOverlapHeadline,
                Say::NotEncryptedYet,
                vec![Say::NoOverlapMeaning.into()],
                user_steps,
                cipher_fixes(case.service, None),
            )
        }
        K::OutdatedClient { browser, version, needs, since } => {
            let mut user_steps: Vec<super::Say<'a>> = vec![Say::UpdateBrowser.into()];
            match Browser::named(browser) {
                Some(b) => user_steps.push(Say::BrowserUpdateMenu(b).into()),
                None => {
                    user_steps.extend(Browser::ALL.into_iter().map(|b| super::Say::from(Say::BrowserUpdateMenu(b))))
                }
            }
            user_steps.push(Say::OsTooOld.into());
            let admin = if *needs >= ProtocolVersion::Tls1_3 {
                let mut v = vec![Fix::any(Say::AllowTls12IfNeeded)];
                if case.service == Service::Web {
                    v.push(Fix::on(Software::Nginx, Say::NginxVersions));
                }
                v
            } else {
                vec![Fix::any(Say::KeepVersionsAskUpdate)]
            };
            Plan::new(
                Say::OutdatedHeadline,
                Say::OutdatedDanger,
                vec![
                    Say::OutdatedMeaning { browser, version, needs: *needs, since: *since }.into(),
                    Say::ServerIsRight.into(),
                ],
                user_steps,
                admin,
            )
        }
        K::StarttlsNotOffered { protocol, port, plaintext_auth, .. } => {
            let (protocol, port) = (*protocol, *port);
            let upgrade = Upgrade::of(protocol);
            let mail = protocol.is_mail();
            let mut meaning: Vec<super::Say<'a>> = vec![Say::NotOfferedMeaning { protocol, upgrade }.into()];
            if !plaintext_auth.is_empty() {
                meaning.push(Say::LoginAcceptedAnyway { mechanisms: plaintext_auth }.into());
            }
            let mut user_steps: Vec<super::Say<'a>> = Vec::new();
            if mail {
                user_steps.extend([
                    Say::CheckServiceSettings.into(),
                    C::NoPlainMail.into(),
                    C::MailPorts.into(),
                    C::ContactSiteAdmin.into(),
                ]);
                if port == 25 {
                    // Second: the first step stays the one every case needs.
                    user_steps.insert(1, C::Port25.into());
                }
            } else {
                user_steps.extend([
                    Say::CheckServiceSettings.into(),
                    Say::NoPlainApp.into(),
                    C::ContactSiteAdmin.into(),
                ]);
            }
            let admin = match service_of(protocol) {
                Service::Smtp => {
                    let mut v = vec![Fix::on(Software::Postfix, C::PostfixChainFiles)];
                    if port != 587 {
                        v.push(Fix::on(Software::Postfix, Say::PostfixMayOn25));
                    }
                    if port != 25 {
                        v.push(Fix::on(Software::Postfix, Say::PostfixEncryptOnSubmission));
                    }
                    v.push(Fix::on(Software::Postfix, C::PostfixReload));
                    v
                }
                Service::Mailbox => vec![
                    Fix::on(Software::Dovecot, Say::DovecotSsl),
                    Fix::on(Software::Dovecot, C::DovecotCertFiles),
                    Fix::on(Software::Dovecot, C::DovecotReload),
                ],
                Service::Web | Service::Other if upgrade == Upgrade::AuthTls => {
                    vec![Fix::any(Say::EnableUpgrade { upgrade }), Fix::any(Say::FtpAuthTls)]
                }
                Service::Web | Service::Other => vec![Fix::any(Say::EnableUpgrade { upgrade })],
            };
            Plan::new(Say::NotOfferedHeadline { port }, Say::PlaintextDanger { mail }, meaning, user_steps, admin)
        }
        K::StarttlsFailed { protocol, port, failure } => {
            let (protocol, port) = (*protocol, *port);
            let upgrade = Upgrade::of(protocol);
            let mut meaning: Vec<super::Say<'a>> = vec![Say::ConnectedWith { protocol }.into()];
            match failure {
                StarttlsFailure::Refused { .. } => meaning.push(Say::Refused { upgrade }.into()),
                StarttlsFailure::ProtocolError { .. } => meaning.push(Say::ProtocolError { upgrade, protocol }.into()),
                StarttlsFailure::Cut { during: StarttlsStage::Dialogue, .. } => {
                    meaning.push(Say::CutInDialogue { upgrade }.into());
                }
                StarttlsFailure::Cut { during: StarttlsStage::Handshake, .. } => {
                    meaning.push(Say::CutInHandshake { upgrade }.into());
                }
                StarttlsFailure::TimedOut { during: StarttlsStage::Dialogue } => {
                    meaning.push(Say::SilentInDialogue { upgrade }.into());
                }
                StarttlsFailure::TimedOut { during: StarttlsStage::Handshake } => {
                    meaning.push(Say::SilentInHandshake { upgrade }.into());
                }
                StarttlsFailure::Handshake { failure: HandshakeFailure::Alert { alert } } => {
                    meaning.push(Say::AlertInHandshake { upgrade, alert }.into());
                    if matches!(alert.as_str(), "handshake_failure" | "protocol_version" | "insufficient_security") {
                        meaning.push(Say::LikelyVersionsOrCiphers.into());
                    }
                }
                StarttlsFailure::Handshake { failure: HandshakeFailure::Protocol { .. } } => {
                    meaning.push(Say::BadDataInHandshake { upgrade }.into());
                }
            }
            let mut user_steps: Vec<super::Say<'a>> = vec![C::ContactSiteAdmin.into()];
            if port == 25 {
                user_steps.push(C::Port25.into());
            }
            user_steps.push(if protocol.is_mail() { C::NoPlainMail.into() } else { Say::NoPlainApp.into() });
            let mut admin = vec![Fix::any(Say::ServerLog { upgrade })];
            match service_of(protocol) {
                Service::Smtp => admin.extend([
                    Fix::on(Software::Postfix, Say::PostfixLog),
                    Fix::on(Software::Postfix, Say::PostfixCheckFiles),
                    Fix::on(Software::Postfix, C::PostfixChainFiles),
                    Fix::on(Software::Postfix, C::PostfixReload),
                ]),
                Service::Mailbox => admin.extend([
                    Fix::on(Software::Dovecot, Say::DovecotLog),
                    Fix::on(Software::Dovecot, Say::DovecotCheckFiles),
                    Fix::on(Software::Dovecot, C::DovecotCertFiles),
                    Fix::on(Software::Dovecot, C::DovecotReload),
                ]),
                Service::Web | Service::Other if upgrade == Upgrade::AuthTls => admin.push(Fix::any(Say::FtpAuthTls)),
                Service::Web | Service::Other => {}
            }
            Plan::new(Say::FailedHeadline { port }, Say::NothingSentFailed, meaning, user_steps, admin)
        }
        K::PlaintextAuthOffered { protocol, port, mechanisms } => {
            let (protocol, port) = (*protocol, *port);
            let upgrade = Upgrade::of(protocol);
            let mail = protocol.is_mail();
            let first = if mail { Say::MailAppEncryptionNotNone } else { Say::AppUsesEncryption { upgrade } };
            let admin = match service_of(protocol) {
                Service::Smtp => {
                    vec![Fix::on(Software::Postfix, Say::PostfixAuthOnly), Fix::on(Software::Postfix, C::PostfixReload)]
                }
                Service::Mailbox => vec![
                    Fix::on(Software::Dovecot, Say::DovecotNoPlaintextAuth),
                    Fix::on(Software::Dovecot, C::DovecotReload),
                ],
                Service::Web | Service::Other => vec![Fix::any(Say::RefuseLoginBeforeTls)],
            };
            Plan::new(
                Say::PlaintextAuthHeadline,
                Say::SafeWithEncryption { mail },
                vec![Say::PlaintextAuthMeaning { protocol, port, upgrade, mechanisms }.into()],
                vec![first.into(), Say::ChangePasswordIfPlain.into()],
                admin,
            )
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::Lang;
    use crate::explain::plan::Say as P;
    use crate::explain::samples::{samples, target_for};
    use crate::wire::{Finding, FindingId};
    use crate::{FixedOffset, tls};

    const IDS: [FindingId; 9] = [
        FindingId::LegacyProtocolOnly,
        FindingId::LegacyProtocolEnabled,
        FindingId::WeakCipherOnly,
        FindingId::WeakCipherEnabled,
        FindingId::NoCipherOverlap,
        FindingId::StarttlsNotOffered,
        FindingId::StarttlsFailed,
        FindingId::PlaintextAuthOffered,
        FindingId::OutdatedClient,
    ];

    const SERVICES: [Service; 4] = [Service::Web, Service::Smtp, Service::Mailbox, Service::Other];

    fn case(service: Service) -> Case<'static> {
        Case { service, host: "mail.example.jp", no_proceed: false, tz: &crate::time::FixedOffset(540) }
    }

    fn all_samples() -> Vec<FindingKind> {
        IDS.iter().flat_map(|id| samples(*id)).collect()
    }

    fn planned<'a>(kind: &'a FindingKind, service: Service) -> Plan<'a> {
        plan(kind, &case(service)).unwrap_or_else(|| panic!("no plan for {kind:?}"))
    }

    /// Every phrase of the plan, admin fixes included.
    fn phrases<'p, 'a>(p: &'p Plan<'a>) -> Vec<&'p P<'a>> {
        let mut v = vec![&p.headline, &p.danger];
        v.extend(&p.meaning);
        v.extend(&p.user_steps);
        v.extend(p.admin.iter().map(|f| &f.say));
        v
    }

    fn ours<'p, 'a>(p: &'p Plan<'a>) -> Vec<&'p Say<'a>> {
        phrases(p).into_iter().filter_map(|s| if let P::Protocol(s) = s { Some(s) } else { None }).collect()
    }

    /// The weakness a phrase names, if it names one.
    fn weakness_named(s: &Say<'_>) -> Option<Weakness> {
        match s {
            Say::WeakOnlyHeadline { weakness }
            | Say::WeakEnabledHeadline { weakness }
            | Say::AcceptedOnly { weakness }
            | Say::AcceptsAlso { weakness }
            | Say::Why { weakness } => Some(*weakness),
            _ => None,
        }
    }

    /// The switch to TLS a phrase names, if it names one.
    fn upgrade_named(s: &Say<'_>) -> Option<Upgrade> {
        match s {
            Say::NotOfferedMeaning { upgrade, .. }
            | Say::EnableUpgrade { upgrade }
            | Say::Refused { upgrade }
            | Say::ProtocolError { upgrade, .. }
            | Say::CutInDialogue { upgrade }
            | Say::CutInHandshake { upgrade }
            | Say::SilentInDialogue { upgrade }
            | Say::SilentInHandshake { upgrade }
            | Say::AlertInHandshake { upgrade, .. }
            | Say::BadDataInHandshake { upgrade }
            | Say::ServerLog { upgrade }
            | Say::PlaintextAuthMeaning { upgrade, .. }
            | Say::AppUsesEncryption { upgrade } => Some(*upgrade),
            _ => None,
        }
    }

    fn weakness_of(kind: &FindingKind) -> Option<(Weakness, &str)> {
        match kind {
            FindingKind::WeakCipherOnly { weakness, cipher, .. }
            | FindingKind::WeakCipherEnabled { weakness, cipher, .. } => Some((*weakness, cipher)),
            _ => None,
        }
    }

    fn protocol_of(kind: &FindingKind) -> Option<StarttlsProtocol> {
        match kind {
            FindingKind::StarttlsNotOffered { protocol, .. }
            | FindingKind::StarttlsFailed { protocol, .. }
            | FindingKind::PlaintextAuthOffered { protocol, .. } => Some(*protocol),
            _ => None,
        }
    }

    /// Everything a reader sees of one sample, rendered on its own target.
    fn rendered(kind: &FindingKind, lang: Lang) -> String {
        let e =
            crate::explain::explain_finding_on(&Finding::new(kind.clone()), &target_for(kind), lang, &FixedOffset(540));
        let mut parts = vec![e.headline, e.meaning, e.danger];
        parts.extend(e.user_steps);
        parts.extend(e.admin_steps.into_iter().map(|s| s.text));
        parts.extend(e.evidence.into_iter().map(|l| format!("{} = {}", l.label, l.value)));
        parts.join("\n")
    }

    /// Issue 13: "Browsers do not use RSA key exchange" is false (Firefox still negotiates
    /// TLS_RSA_WITH_AES_*_GCM): a server with RSA key exchange is never said to be refused by,
    /// or unused by, today's browsers.
    #[test]
    fn rsa_key_exchange_is_not_said_to_be_unused_by_browsers() {
        let rsa: Vec<FindingKind> = all_samples()
            .into_iter()
            .filter(|k| weakness_of(k).is_some_and(|(w, _)| w == Weakness::StaticRsa))
            .collect();
        assert!(rsa.iter().any(|k| matches!(k, FindingKind::WeakCipherOnly { .. })));
        assert!(rsa.iter().any(|k| matches!(k, FindingKind::WeakCipherEnabled { .. })));
        for kind in &rsa {
            for service in SERVICES {
                let p = planned(kind, service);
                let says = ours(&p);
                assert!(!says.contains(&&Say::MainBrowsersRefuse), "{kind:?}");
                assert!(!says.contains(&&Say::OldClientsMayUseThem), "{kind:?}");
                assert!(says.contains(&&Say::SomeBrowsersStillConnect), "{kind:?}");
            }
        }
        // The other weaknesses are refused by Chrome, Edge and Firefox alike.
        for kind in all_samples().iter().filter(|k| matches!(k, FindingKind::WeakCipherOnly { .. })) {
            if weakness_of(kind).is_some_and(|(w, _)| w != Weakness::StaticRsa) {
                assert!(ours(&planned(kind, Service::Web)).contains(&&Say::MainBrowsersRefuse), "{kind:?}");
            }
        }
    }

    /// Issue 13: every `weak_cipher_only` variant quoted RC4 as its example. The example is the
    /// weakness of the case: in the fixture (the suite has that weakness) and in the plan (every
    /// phrase that names a weakness names this one).
    #[test]
    fn weak_cipher_texts_name_the_weakness_of_the_case() {
        let weak: Vec<FindingKind> = all_samples().into_iter().filter(|k| weakness_of(k).is_some()).collect();
        assert!(weak.len() >= 9);
        for kind in &weak {
            let Some((weakness, cipher)) = weakness_of(kind) else { continue };
            let suite =
                tls::SUITES.iter().find(|s| s.name == cipher).unwrap_or_else(|| panic!("unknown suite {cipher}"));
            let fits = matches!(
                (suite.class, weakness),
                (tls::CipherClass::Rc4, Weakness::Rc4)
                    | (tls::CipherClass::TripleDes, Weakness::TripleDes)
                    | (tls::CipherClass::Null, Weakness::Null)
                    | (tls::CipherClass::Export, Weakness::Export)
                    | (tls::CipherClass::Anonymous, Weakness::Anonymous)
                    | (tls::CipherClass::StaticRsa, Weakness::StaticRsa)
                    | (tls::CipherClass::Dhe, Weakness::Dhe { .. })
            );
            assert!(fits, "sample {cipher} is not an example of {weakness:?}");
            let p = planned(kind, Service::Web);
            let named: Vec<Weakness> = ours(&p).into_iter().filter_map(weakness_named).collect();
            assert!(named.len() >= 3, "{kind:?}");
            assert!(named.iter().all(|w| *w == weakness), "{kind:?} names {named:?}");
            if weakness != Weakness::Rc4 {
                for lang in Lang::ALL {
                    // RC4 may appear in the admin's list of ciphers to remove, nowhere else.
                    let e = crate::explain::explain_finding_on(
                        &Finding::new(kind.clone()),
                        &target_for(kind),
                        lang,
                        &FixedOffset(540),
                    );
                    let user = format!("{}{}{}{}", e.headline, e.meaning, e.danger, e.user_steps.concat());
                    assert!(!user.contains("RC4"), "{kind:?}: {user}");
                }
            }
        }
    }

    /// Issue 13 and docs/GLOSSARY.md: 「TLS のバージョン」, never 「TLSの版」.
    #[test]
    fn japanese_says_version_never_han() {
        for kind in all_samples() {
            let text = rendered(&kind, Lang::Ja);
            assert!(!text.contains("の版") && !text.contains("には版"), "{kind:?}: {text}");
        }
    }

    /// Issue 13: FTP's `AUTH TLS` is not STARTTLS.
    #[test]
    fn ftp_upgrade_is_called_auth_tls() {
        let ftp: Vec<FindingKind> =
            all_samples().into_iter().filter(|k| protocol_of(k) == Some(StarttlsProtocol::Ftp)).collect();
        assert!(ftp.iter().any(|k| matches!(k, FindingKind::StarttlsNotOffered { .. })));
        assert!(ftp.iter().any(|k| matches!(k, FindingKind::StarttlsFailed { .. })));
        for kind in &ftp {
            let p = planned(kind, Service::Other);
            let upgrades: Vec<Upgrade> = ours(&p).into_iter().filter_map(upgrade_named).collect();
            assert!(!upgrades.is_empty() && upgrades.iter().all(|u| *u == Upgrade::AuthTls), "{kind:?}: {upgrades:?}");
            for lang in Lang::ALL {
                let text = rendered(kind, lang);
                assert!(text.contains("AUTH TLS") && !text.contains("STARTTLS"), "{kind:?}: {text}");
            }
        }
        // And the mail protocols keep STARTTLS.
        for kind in all_samples().iter().filter(|k| protocol_of(k).is_some_and(StarttlsProtocol::is_mail)) {
            let p = planned(kind, Service::Smtp);
            assert!(ours(&p).into_iter().filter_map(upgrade_named).all(|u| u == Upgrade::Starttls), "{kind:?}");
        }
    }

    /// Web-server steps only on web ports; Postfix on SMTP, Dovecot on IMAP and POP3, decided
    /// by the case's service (or the finding's own protocol when it names one).
    #[test]
    fn admin_fixes_follow_the_service() {
        for kind in all_samples() {
            for service in SERVICES {
                let p = planned(&kind, service);
                assert!(!p.admin.is_empty(), "{kind:?} on {service:?}");
                let service = protocol_of(&kind).map_or(service, service_of);
                let has = |sw: Software| p.admin.iter().any(|f| f.software == Some(sw));
                let web = p.admin.iter().any(|f| f.software.is_some_and(Software::is_web_server));
                assert!(!web || service == Service::Web, "{kind:?}: web-server steps on {service:?}");
                assert!(!has(Software::Postfix) || service == Service::Smtp, "{kind:?}: Postfix on {service:?}");
                assert!(!has(Software::Dovecot) || service == Service::Mailbox, "{kind:?}: Dovecot on {service:?}");
                // Every finding but the browser's own has steps for the mail server behind it.
                if !matches!(kind, FindingKind::OutdatedClient { .. }) {
                    assert!(service != Service::Smtp || has(Software::Postfix), "{kind:?}: no Postfix step");
                    assert!(service != Service::Mailbox || has(Software::Dovecot), "{kind:?}: no Dovecot step");
                }
            }
        }
    }

    /// When mail cannot be sent or fetched encrypted, the user is told not to go on without
    /// SSL, and never given a browser step; other apps get the same without the mail words.
    #[test]
    fn mail_users_are_never_left_to_go_plain() {
        for kind in all_samples() {
            let fails = matches!(
                kind,
                FindingKind::LegacyProtocolOnly { .. }
                    | FindingKind::WeakCipherOnly { .. }
                    | FindingKind::NoCipherOverlap { .. }
                    | FindingKind::StarttlsNotOffered { .. }
                    | FindingKind::StarttlsFailed { .. }
            );
            for service in SERVICES {
                let p = planned(&kind, service);
                let who = match protocol_of(&kind) {
                    Some(protocol) if protocol.is_mail() => Who::Mail,
                    Some(_) => Who::Service,
                    None => Who::of(service),
                };
                let plain_mail = p.user_steps.contains(&P::Common(C::NoPlainMail));
                let plain_app = p.user_steps.contains(&Say::NoPlainApp.into());
                let browser = p.user_steps.contains(&Say::DontLowerBrowserSettings.into());
                assert!(!browser || who == Who::Site, "{kind:?} on {service:?}: a browser step");
                assert!(!plain_mail || who == Who::Mail, "{kind:?} on {service:?}: mail words");
                if fails && who == Who::Mail {
                    assert!(plain_mail, "{kind:?} on {service:?}: no NoPlainMail");
                }
                if fails && who == Who::Service {
                    assert!(plain_app, "{kind:?} on {service:?}: no NoPlainApp");
                }
            }
        }
    }

    /// SSL 3.0 went in 2014–2015, not "around 2020" with TLS 1.0 and 1.1.
    #[test]
    fn the_year_browsers_dropped_the_versions_is_theirs() {
        for kind in samples(FindingId::LegacyProtocolOnly) {
            let FindingKind::LegacyProtocolOnly { accepted, .. } = &kind else { continue };
            let year = if accepted.contains(&ProtocolVersion::Ssl3) && accepted.len() == 1 { 2015 } else { 2020 };
            assert!(planned(&kind, Service::Web).meaning.contains(&Say::BrowsersDropped { year }.into()), "{kind:?}");
        }
    }

    /// The update menu of the user's own browser, and an admin step that fits what the server
    /// needs (no "enable TLS 1.2" when it already speaks only TLS 1.2).
    #[test]
    fn outdated_browser_gets_its_own_menu() {
        for kind in samples(FindingId::OutdatedClient) {
            let FindingKind::OutdatedClient { browser, needs, .. } = &kind else { continue };
            let p = planned(&kind, Service::Web);
            assert_eq!(p.user_steps.first(), Some(&Say::UpdateBrowser.into()));
            let menus: Vec<&P<'_>> =
                p.user_steps.iter().filter(|s| matches!(s, P::Protocol(Say::BrowserUpdateMenu(_)))).collect();
            assert_eq!(menus.len(), 1, "{kind:?}");
            let allow12 = p.admin.iter().any(|f| f.say == Say::AllowTls12IfNeeded.into());
            assert_eq!(allow12, *needs >= ProtocolVersion::Tls1_3, "{browser}");
        }
    }

    /// The first screen (headline, whose side, the first step, the risk line) fits in 120
    /// Japanese characters after glossing, and its first step is an action: for every sample.
    #[test]
    fn first_screen_is_short() {
        let mail = |host: &str, port, starttls| crate::wire::Target {
            host: host.into(),
            port,
            address: None,
            sni: None,
            verify_name: host.into(),
            starttls,
        };
        let mut cases: Vec<(FindingKind, crate::wire::Target)> =
            all_samples().into_iter().map(|k| (k.clone(), target_for(&k))).collect();
        // Findings that name no port of their own are found on mail ports too.
        for target in [mail("smtp.example.jp", 587, Some(StarttlsProtocol::Smtp)), mail("imap.example.jp", 993, None)] {
            cases.extend(
                all_samples()
                    .into_iter()
                    .filter(|k| protocol_of(k).is_none() && !matches!(k, FindingKind::OutdatedClient { .. }))
                    .map(|k| (k, target.clone())),
            );
        }
        for (kind, target) in cases {
            let e =
                crate::explain::explain_finding_on(&Finding::new(kind.clone()), &target, Lang::Ja, &FixedOffset(540));
            let first = e.user_steps.first().cloned().unwrap_or_default();
            let screen = format!("{}{}{}{}", e.headline, e.side_label, first, e.danger);
            let n = screen.chars().count();
            assert!(n <= 120, "{kind:?}: {n} characters: {screen}");
            assert!(
                first.ends_with("ください。") || first.ends_with("ありません。"),
                "{kind:?}: not an action: {first}"
            );
        }
    }
}
