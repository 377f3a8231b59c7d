//! What the server speaks: old TLS versions, weak or no shared cipher suites, the switch to
//! TLS in a plaintext protocol (STARTTLS, FTP's `AUTH TLS`), logins before it, and a browser
//! too old for the server.

pub(crate) mod en;
pub(crate) mod ja;

use super::common::Say as C;
use super::{Case, Fix, Plan, Software};
use crate::explain::fixes::Service;
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
    /// RSA key exchange on a server that also speaks current suites: some clients still use it.
    SomeClientsStillUseRsa,
    /// Current browsers do not pick the weak suite; old devices may.
    OldDevicesMayUseWeak,
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
    PostfixReload,
    DovecotReload,
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
    NginxTls12And13,
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
    /// The key and the certificate with its intermediates (the host's paths in the example).
    PostfixChain,
    PostfixMayOn25,
    PostfixEncryptOnSubmission,
    DovecotSsl,
    DovecotChain,
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
fn version_fixes<'a>(service: Service) -> Vec<Fix<'a>> {
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
            Fix::on(Software::Postfix, Say::PostfixReload),
        ],
        Service::Mailbox => {
            vec![Fix::on(Software::Dovecot, Say::DovecotVersions), Fix::on(Software::Dovecot, Say::DovecotReload)]
        }
        Service::Other => vec![Fix::any(Say::ServerVersions), Fix::any(Say::DeviceFirmwareVersions)],
    }
}

/// The fixes that leave only current cipher suites, for the software behind the port and the
/// weakness at hand (`None`: no suite in common at all).
fn cipher_fixes<'a>(service: Service, weakness: Option<Weakness>) -> Vec<Fix<'a>> {
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
            v.push(Fix::on(Software::Postfix, Say::PostfixReload));
            v
        }
        Service::Mailbox => {
            let mut v = vec![Fix::on(Software::Dovecot, Say::DovecotCiphers)];
            if dh {
                v.push(Fix::on(Software::Dovecot, Say::DovecotDhParams));
            }
            v.push(Fix::on(Software::Dovecot, Say::DovecotReload));
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
            Plan {
                headline: Say::LegacyOnlyHeadline { versions: accepted }.into(),
                danger: Say::LegacyDanger.into(),
                meaning,
                user_steps: vec![
                    Say::AskAdmin { who, change: Change::Versions }.into(),
                    Say::UpdateFirmware.into(),
                    dont_weaken(who),
                ],
                admin: version_fixes(case.service),
                side: None,
            }
        }
        K::LegacyProtocolEnabled { versions } => Plan {
            headline: Say::LegacyEnabledHeadline { versions }.into(),
            danger: Say::CurrentClientsUnaffected.into(),
            meaning: vec![Say::AlsoOldVersions { versions }.into(), Say::OldClientsMayUseThem.into()],
            user_steps: vec![Say::NothingToDoForUsers.into()],
            admin: version_fixes(case.service),
            side: None,
        },
        K::WeakCipherOnly { weakness, .. } => {
            let weakness = *weakness;
            // RSA key exchange is weak (no forward secrecy), but Firefox still negotiates
            // TLS_RSA_WITH_AES_*_GCM suites: some browsers do connect.
            let reach =
                if weakness == Weakness::StaticRsa { Say::SomeBrowsersStillConnect } else { Say::MainBrowsersRefuse };
            Plan {
                headline: Say::WeakOnlyHeadline { weakness }.into(),
                danger: weak_danger(weakness),
                meaning: vec![Say::AcceptedOnly { weakness }.into(), Say::Why { weakness }.into(), reach.into()],
                user_steps: vec![
                    Say::AskAdmin { who, change: Change::Ciphers }.into(),
                    Say::UpdateFirmware.into(),
                    dont_weaken(who),
                ],
                admin: cipher_fixes(case.service, Some(weakness)),
                side: None,
            }
        }
        K::WeakCipherEnabled { weakness, .. } => {
            let weakness = *weakness;
            let (danger, who_uses) = if weakness == Weakness::StaticRsa {
                (Say::PastTrafficDanger, Say::SomeClientsStillUseRsa)
            } else {
                (Say::CurrentClientsUnaffected, Say::OldDevicesMayUseWeak)
            };
            Plan {
                headline: Say::WeakEnabledHeadline { weakness }.into(),
                danger: danger.into(),
                meaning: vec![Say::AcceptsAlso { weakness }.into(), Say::Why { weakness }.into(), who_uses.into()],
                user_steps: vec![Say::NothingToDoForUsers.into()],
                admin: cipher_fixes(case.service, Some(weakness)),
                side: None,
            }
        }
        K::NoCipherOverlap { .. } => {
            let mut user_steps: Vec<super::Say<'a>> = vec![C::ContactSiteAdmin.into(), C::NothingToFixOnDevice.into()];
            if who != Who::Site {
                user_steps.push(dont_weaken(who));
            }
            Plan {
                headline: Say::NoOverlapHeadline.into(),
                danger: Say::NotEncryptedYet.into(),
                meaning: vec![Say::NoOverlapMeaning.into()],
                user_steps,
                admin: cipher_fixes(case.service, None),
                side: None,
            }
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
                    v.push(Fix::on(Software::Nginx, Say::NginxTls12And13));
                }
                v
            } else {
                vec![Fix::any(Say::KeepVersionsAskUpdate)]
            };
            Plan {
                headline: Say::OutdatedHeadline.into(),
                danger: Say::OutdatedDanger.into(),
                meaning: vec![
                    Say::OutdatedMeaning { browser, version, needs: *needs, since: *since }.into(),
                    Say::ServerIsRight.into(),
                ],
                user_steps,
                admin,
                side: None,
            }
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
            if port == 25 {
                user_steps.push(C::Port25.into());
            }
            if mail {
                user_steps.extend([
                    Say::CheckServiceSettings.into(),
                    C::NoPlainMail.into(),
                    C::MailPorts.into(),
                    C::ContactSiteAdmin.into(),
                ]);
            } else {
                user_steps.extend([
                    Say::NoPlainApp.into(),
                    Say::CheckServiceSettings.into(),
                    C::ContactSiteAdmin.into(),
                ]);
            }
            let admin = match service_of(protocol) {
                Service::Smtp => {
                    let mut v = vec![Fix::on(Software::Postfix, Say::PostfixChain)];
                    if port != 587 {
                        v.push(Fix::on(Software::Postfix, Say::PostfixMayOn25));
                    }
                    if port != 25 {
                        v.push(Fix::on(Software::Postfix, Say::PostfixEncryptOnSubmission));
                    }
                    v.push(Fix::on(Software::Postfix, Say::PostfixReload));
                    v
                }
                Service::Mailbox => vec![
                    Fix::on(Software::Dovecot, Say::DovecotSsl),
                    Fix::on(Software::Dovecot, Say::DovecotChain),
                    Fix::on(Software::Dovecot, Say::DovecotReload),
                ],
                Service::Web | Service::Other if upgrade == Upgrade::AuthTls => {
                    vec![Fix::any(Say::EnableUpgrade { upgrade }), Fix::any(Say::FtpAuthTls)]
                }
                Service::Web | Service::Other => vec![Fix::any(Say::EnableUpgrade { upgrade })],
            };
            Plan {
                headline: Say::NotOfferedHeadline { port }.into(),
                danger: Say::PlaintextDanger { mail }.into(),
                meaning,
                user_steps,
                admin,
                side: None,
            }
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
            let mut user_steps: Vec<super::Say<'a>> = Vec::new();
            if port == 25 {
                user_steps.push(C::Port25.into());
            }
            user_steps.push(C::ContactSiteAdmin.into());
            user_steps.push(if protocol.is_mail() { C::NoPlainMail.into() } else { Say::NoPlainApp.into() });
            let mut admin = vec![Fix::any(Say::ServerLog { upgrade })];
            match service_of(protocol) {
                Service::Smtp => admin.extend([
                    Fix::on(Software::Postfix, Say::PostfixLog),
                    Fix::on(Software::Postfix, Say::PostfixCheckFiles),
                    Fix::on(Software::Postfix, Say::PostfixChain),
                    Fix::on(Software::Postfix, Say::PostfixReload),
                ]),
                Service::Mailbox => admin.extend([
                    Fix::on(Software::Dovecot, Say::DovecotLog),
                    Fix::on(Software::Dovecot, Say::DovecotCheckFiles),
                    Fix::on(Software::Dovecot, Say::DovecotChain),
                    Fix::on(Software::Dovecot, Say::DovecotReload),
                ]),
                Service::Web | Service::Other if upgrade == Upgrade::AuthTls => admin.push(Fix::any(Say::FtpAuthTls)),
                Service::Web | Service::Other => {}
            }
            Plan {
                headline: Say::FailedHeadline { port }.into(),
                danger: Say::NothingSentFailed.into(),
                meaning,
                user_steps,
                admin,
                side: None,
            }
        }
        K::PlaintextAuthOffered { protocol, port, mechanisms } => {
            let (protocol, port) = (*protocol, *port);
            let upgrade = Upgrade::of(protocol);
            let mail = protocol.is_mail();
            let first = if mail { Say::MailAppEncryptionNotNone } else { Say::AppUsesEncryption { upgrade } };
            let admin = match service_of(protocol) {
                Service::Smtp => {
                    vec![
                        Fix::on(Software::Postfix, Say::PostfixAuthOnly),
                        Fix::on(Software::Postfix, Say::PostfixReload),
                    ]
                }
                Service::Mailbox => vec![
                    Fix::on(Software::Dovecot, Say::DovecotNoPlaintextAuth),
                    Fix::on(Software::Dovecot, Say::DovecotReload),
                ],
                Service::Web | Service::Other => vec![Fix::any(Say::RefuseLoginBeforeTls)],
            };
            Plan {
                headline: Say::PlaintextAuthHeadline.into(),
                danger: Say::SafeWithEncryption { mail }.into(),
                meaning: vec![Say::PlaintextAuthMeaning { protocol, port, upgrade, mechanisms }.into()],
                user_steps: vec![first.into(), Say::ChangePasswordIfPlain.into()],
                admin,
                side: None,
            }
        }
        _ => return None,
    })
}
