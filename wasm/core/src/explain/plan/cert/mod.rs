//! The server's certificate: its dates, its name, who issued it, the chain it comes with, and
//! the organisation's own certificate authority missing on this device.
//!
//! What the certificate puts at risk depends on the service: a browser shows a warning the
//! user could go past (fake pages, card numbers); a mail app sends the account's password as
//! soon as it connects. The admin's fixes follow the software behind the port (nginx, Apache,
//! IIS on a web port; Postfix on SMTP; Dovecot on IMAP and POP3).

pub(crate) mod en;
pub(crate) mod ja;

use super::common::{Device, Say as C};
use super::{Case, Fix, Plan, Software};
use crate::explain::service::Service;
use crate::wire::{FindingKind, NameHint, RejectReason};

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Say<'a> {
    // Headlines.
    ExpiredHeadline,
    NotYetValidHeadline,
    IntermediateExpiredHeadline,
    ExpiringSoonHeadline {
        days_left: i64,
    },
    NameMismatchHeadline {
        requested: &'a str,
    },
    SelfSignedHeadline,
    UnknownIssuerHeadline,
    IncompleteChainHeadline,
    ChainInvalidHeadline,
    SniDefaultHeadline,
    CrossSignHeadline,
    /// The organisation's CA: missing on the device (measured), maybe missing (the browser's
    /// word only), or on the device but not used by this browser.
    InternalMissingHeadline,
    InternalMaybeMissingHeadline,
    InternalBrowserIgnoresHeadline,
    DistrustedHeadline,

    // Risk, one line each.
    /// A web page whose server cannot be verified: it may be a fake site.
    FakeSiteRisk,
    /// A mail server that cannot be verified: the mail app's password is at risk.
    MailPasswordRisk,
    /// Another service (LDAP, FTP…): whatever it sends may reach a fake server.
    OtherServiceRisk,
    /// A self-signed certificate on the web: anyone can make one that looks the same.
    SelfSignedRisk,
    /// The chain is incomplete but the certificate itself is right.
    ChainFineRisk,
    /// The same, on mail: the danger is in turning encryption off.
    ChainFineMailRisk,
    /// Nothing is at risk now (expiring, SNI, cross-sign).
    SafeNow,
    /// Old devices and apps may fail; browsers are fine.
    SafeInBrowsers,
    /// The organisation's site is likely fine, but cannot be proved genuine here.
    InternalRisk,
    /// Refused by the clients the meaning names: no sign of forgery.
    DistrustedRisk,

    // Meaning.
    ExpiredMeaning {
        days_ago: i64,
    },
    NotYetValidMeaning {
        days_until: i64,
    },
    /// The host compared the certificate's dates with a clock it checked: not the device's
    /// fault, but the date on the device is still worth a look.
    DatesMeasured,
    IntermediateExpiredMeaning {
        subject: &'a str,
        days_ago: i64,
    },
    ExpiringSoonMeaning,
    NamesListed {
        names: Vec<String>,
        requested: &'a str,
    },
    CnOnly,
    WildcardNotBare {
        wildcard: &'a str,
        requested: &'a str,
    },
    WildcardOneLevel {
        wildcard: &'a str,
        requested: &'a str,
    },
    WwwVariant {
        covered: &'a str,
    },
    /// Mail: shared hosts serve their own name, not the customer's domain.
    SharedHostName,
    SelfSignedMeaning {
        subject: &'a str,
    },
    UnknownIssuerMeaning {
        issuer: &'a str,
    },
    RootServed,
    IncompleteChainMeaning {
        missing: &'a str,
    },
    ChainConfirmed,
    /// Fetching the missing intermediate failed, or the certificate gives no address.
    ChainUnchecked,
    /// Browsers often fill in the chain; mail apps and tools do not.
    OthersFail,
    ChainInvalidMeaning {
        reason: RejectReason,
    },
    SniDefaultMeaning {
        default_subject: &'a str,
        requested: &'a str,
    },
    /// Which clients send no SNI; current browsers and mail apps all do.
    NoSniClients,
    /// On port 25: most sending mail servers send no SNI, and the checking ones may refuse.
    NoSniRelays,
    /// Today's browsers and mail apps send SNI: nothing to fear from them.
    SafeWithSni,
    SomeMailMayNotArrive,
    CrossSignMeaning {
        subject: &'a str,
        issuer: &'a str,
        days_ago: i64,
    },
    InternalDomain {
        domain: &'a str,
    },
    InternalUsualCa,
    InternalIssuer {
        issuer: &'a str,
    },
    InternalMissing,
    InternalMaybeMissing,
    InternalBrowserIgnores,
    /// Firefox 120 and later trust roots added to the OS on Windows, macOS and Android, not
    /// on Linux (facts-2026: "Firefox and the OS store").
    FirefoxOsRoots,
    ServerNotBroken,
    /// The root is still listed, and these browsers refuse what the CA issued after `cutoff`.
    DistrustedMeaning {
        chrome: Option<u32>,
        firefox: bool,
        /// A mail port: Firefox's verifier is Thunderbird's.
        mail: bool,
        cutoff: crate::time::Timestamp,
    },

    // The user's steps.
    /// Incomplete chain: the server's fault, the admin's fix.
    ContactAdminServerFault,
    /// After the main action: the device's date may be off too (the menus follow).
    CheckDeviceDate,
    DontAcceptInApp,
    CheckSpelling,
    CheckLinkOrigin,
    ContactIfStill,
    MailServerName,
    SelfSignedPublic,
    SelfSignedMailPublic,
    CompareFingerprint,
    ContactAdminOrHelpdesk,
    RootFromAdmin,
    NothingToDoNow,
    UpdateOldApp,
    ConnectByName {
        requested: &'a str,
    },
    TellAdminOldDevice,
    TellHelpdeskRootMissing,
    ManagedDeviceRestart,
    UpdateFirefox,

    // Admin steps.
    RenewAndReloadWeb,
    RenewTimer,
    IisRebind,
    RenewMail {
        host: String,
    },
    CertbotHookMail,
    NotBeforeServerClock,
    NotBeforeSwitchLater,
    CurrentIntermediate,
    RenewBeforeExpiry,
    CertbotHookWeb,
    CertbotNameWeb {
        requested: &'a str,
    },
    NginxServerName {
        requested: &'a str,
    },
    ApacheServerName {
        requested: &'a str,
    },
    IisBindingName,
    SanOnRemake {
        requested: &'a str,
    },
    CertbotNameMail {
        requested: &'a str,
    },
    PostfixSniMaps,
    DovecotLocalName {
        host: String,
    },
    PublicCa,
    InternalCaDistribute,
    NginxSnakeoil,
    MailTrustedCa {
        host: String,
    },
    FullChain,
    NginxFullChain,
    ApacheFullChain,
    IisFullChain,
    FetchIntermediate {
        url: &'a str,
    },
    SeeDetail,
    OpensslVerify,
    ReissueFromCa,
    DefaultSite {
        requested: &'a str,
    },
    NginxDefaultServer,
    ApacheFirstVhost,
    IisNoSniBinding,
    RemoveCrossSign {
        issuer: &'a str,
    },
    PreferredChain {
        subject: &'a str,
    },
    ListChain,
    DistributeRoot,
    DeclareRoot,
    /// Re-issue from another CA: renewing from the same one does not help.
    ReissueOtherCa,
}

impl<'a> From<Say<'a>> for super::Say<'a> {
    fn from(say: Say<'a>) -> Self {
        super::Say::Cert(say)
    }
}

type Steps<'a> = Vec<super::Say<'a>>;

/// The risk of a certificate nobody can vouch for, on this service.
fn unverified_risk<'a>(service: Service) -> super::Say<'a> {
    match service {
        Service::Web => Say::FakeSiteRisk,
        Service::Smtp | Service::Mailbox => Say::MailPasswordRisk,
        Service::Other => Say::OtherServiceRisk,
    }
    .into()
}

/// Do not take the way past the warning: a browser's (or the organisation's rule), a mail
/// app's "accept this certificate", another app's.
fn dont_go_past<'a>(service: Service, case: &Case<'_>) -> Steps<'a> {
    match service {
        Service::Web if case.no_proceed => vec![C::NoGoingPastByRule.into()],
        Service::Web => vec![C::DontGoPast.into()],
        Service::Smtp | Service::Mailbox => vec![Say::DontAcceptInApp.into(), C::NoPlainMail.into()],
        Service::Other => vec![Say::DontAcceptInApp.into()],
    }
}

/// The device's date is worth a look (after the main action): the check, the setting, and
/// where it is on each device.
fn device_date<'a>() -> Steps<'a> {
    let mut steps: Steps<'a> = vec![Say::CheckDeviceDate.into(), C::SetDeviceClock.into()];
    steps.extend(Device::ALL.iter().map(|d| super::Say::from(C::DeviceClockMenu(*d))));
    steps
}

/// The mail server's fixes that put a (renewed) full chain in place and reload.
fn mail_chain<'a>(service: Service) -> Vec<Fix<'a>> {
    match service {
        Service::Smtp => {
            vec![Fix::on(Software::Postfix, C::PostfixChainFiles), Fix::on(Software::Postfix, C::PostfixReload)]
        }
        Service::Mailbox => {
            vec![Fix::on(Software::Dovecot, C::DovecotCertFiles), Fix::on(Software::Dovecot, C::DovecotReload)]
        }
        Service::Web | Service::Other => Vec::new(),
    }
}

fn mail_reload<'a>(service: Service) -> Vec<Fix<'a>> {
    match service {
        Service::Smtp => vec![Fix::on(Software::Postfix, C::PostfixReload)],
        Service::Mailbox => vec![Fix::on(Software::Dovecot, C::DovecotReload)],
        Service::Web | Service::Other => Vec::new(),
    }
}

/// Renewing an expired or expiring certificate, for the software behind the port.
fn renew<'a>(service: Service, host: String) -> Vec<Fix<'a>> {
    match service {
        Service::Web => vec![
            Fix::on(Software::Certbot, Say::RenewAndReloadWeb),
            Fix::on(Software::Certbot, Say::RenewTimer),
            Fix::on(Software::Nginx, Say::NginxFullChain),
            Fix::on(Software::Apache, Say::ApacheFullChain),
            Fix::on(Software::Iis, Say::IisRebind),
        ],
        Service::Smtp | Service::Mailbox => {
            let mut v = vec![
                Fix::on(Software::Certbot, Say::RenewMail { host: host.clone() }),
                Fix::on(Software::Certbot, Say::CertbotHookMail),
            ];
            v.extend(mail_chain(service));
            v
        }
        Service::Other => {
            vec![Fix::on(Software::Certbot, Say::RenewMail { host }), Fix::on(Software::Certbot, Say::RenewTimer)]
        }
    }
}

/// The host name the admin examples use: the case's, else the certificate's own.
fn host_or(case: &Case<'_>, fallback: &str) -> String {
    if case.host.is_empty() { fallback } else { case.host }.to_owned()
}

pub(crate) fn plan<'a>(kind: &'a FindingKind, case: &Case<'_>) -> Option<Plan<'a>> {
    use FindingKind as K;
    let service = case.service;
    let mail = service.is_mail();
    Some(match kind {
        K::CertExpired { subject, days_ago, .. } => {
            let mut user_steps: Steps<'a> = vec![C::ContactSiteAdmin.into()];
            user_steps.extend(dont_go_past(service, case));
            user_steps.extend(device_date());
            Plan::new(
                Say::ExpiredHeadline,
                unverified_risk(service),
                vec![Say::ExpiredMeaning { days_ago: *days_ago }.into(), Say::DatesMeasured.into()],
                user_steps,
                renew(service, host_or(case, subject)),
            )
        }
        K::CertNotYetValid { days_until, .. } => {
            let mut user_steps: Steps<'a> = vec![C::ContactSiteAdmin.into()];
            user_steps.extend(dont_go_past(service, case));
            user_steps.extend(device_date());
            let mut admin = vec![Fix::any(Say::NotBeforeServerClock), Fix::any(Say::NotBeforeSwitchLater)];
            admin.extend(mail_reload(service));
            Plan::new(
                Say::NotYetValidHeadline,
                unverified_risk(service),
                vec![Say::NotYetValidMeaning { days_until: *days_until }.into(), Say::DatesMeasured.into()],
                user_steps,
                admin,
            )
        }
        K::IntermediateExpired { subject, days_ago, .. } => {
            let mut user_steps: Steps<'a> = vec![C::ContactSiteAdmin.into(), C::NothingToFixOnDevice.into()];
            user_steps.extend(dont_go_past(service, case));
            let mut admin = vec![Fix::any(Say::CurrentIntermediate)];
            match service {
                Service::Web => admin.extend([
                    Fix::on(Software::Nginx, Say::NginxFullChain),
                    Fix::on(Software::Apache, Say::ApacheFullChain),
                    Fix::on(Software::Iis, Say::IisFullChain),
                ]),
                _ => admin.extend(renew(service, host_or(case, subject))),
            }
            Plan::new(
                Say::IntermediateExpiredHeadline,
                unverified_risk(service),
                vec![Say::IntermediateExpiredMeaning { subject, days_ago: *days_ago }.into()],
                user_steps,
                admin,
            )
        }
        K::ExpiringSoon { subject, days_left, .. } => {
            let admin = match service {
                Service::Web => vec![
                    Fix::any(Say::RenewBeforeExpiry),
                    Fix::on(Software::Certbot, Say::RenewTimer),
                    Fix::on(Software::Certbot, Say::CertbotHookWeb),
                ],
                _ => {
                    let mut v = vec![Fix::any(Say::RenewBeforeExpiry)];
                    v.extend(renew(service, host_or(case, subject)));
                    v
                }
            };
            Plan::new(
                Say::ExpiringSoonHeadline { days_left: *days_left },
                Say::SafeNow,
                vec![Say::ExpiringSoonMeaning.into()],
                vec![Say::NothingToDoNow.into()],
                admin,
            )
        }
        K::NameMismatch { requested, dns_names, ip_addresses, cn_only, hint, .. } => {
            let mut meaning: Steps<'a> = Vec::new();
            if *cn_only {
                meaning.push(Say::CnOnly.into());
            } else {
                let mut names = dns_names.clone();
                names.extend(ip_addresses.iter().map(ToString::to_string));
                meaning.push(Say::NamesListed { names, requested }.into());
            }
            match hint {
                Some(NameHint::WildcardNotBare { wildcard }) => {
                    meaning.push(Say::WildcardNotBare { wildcard, requested }.into());
                }
                Some(NameHint::WildcardOneLevel { wildcard }) => {
                    meaning.push(Say::WildcardOneLevel { wildcard, requested }.into());
                }
                Some(NameHint::WwwVariant { covered }) => meaning.push(Say::WwwVariant { covered }.into()),
                None => {}
            }
            let mut user_steps: Steps<'a> = Vec::new();
            if mail {
                meaning.push(Say::SharedHostName.into());
                user_steps.push(Say::MailServerName.into());
                user_steps.extend(dont_go_past(service, case));
                user_steps.push(Say::ContactIfStill.into());
            } else {
                user_steps.push(Say::CheckSpelling.into());
                user_steps.extend(dont_go_past(service, case));
                user_steps.push(Say::CheckLinkOrigin.into());
                user_steps.push(Say::ContactIfStill.into());
            }
            let mut admin = match service {
                Service::Web => vec![
                    Fix::on(Software::Certbot, Say::CertbotNameWeb { requested }),
                    Fix::on(Software::Nginx, Say::NginxServerName { requested }),
                    Fix::on(Software::Apache, Say::ApacheServerName { requested }),
                    Fix::on(Software::Iis, Say::IisBindingName),
                ],
                Service::Smtp => vec![
                    Fix::on(Software::Certbot, Say::CertbotNameMail { requested }),
                    Fix::on(Software::Postfix, C::PostfixChainFiles),
                    Fix::on(Software::Postfix, Say::PostfixSniMaps),
                    Fix::on(Software::Postfix, C::PostfixReload),
                ],
                Service::Mailbox => vec![
                    Fix::on(Software::Certbot, Say::CertbotNameMail { requested }),
                    Fix::on(Software::Dovecot, C::DovecotCertFiles),
                    Fix::on(Software::Dovecot, Say::DovecotLocalName { host: requested.clone() }),
                    Fix::on(Software::Dovecot, C::DovecotReload),
                ],
                Service::Other => vec![Fix::on(Software::Certbot, Say::CertbotNameMail { requested })],
            };
            if *cn_only {
                admin.push(Fix::any(Say::SanOnRemake { requested }));
            }
            Plan::new(Say::NameMismatchHeadline { requested }, unverified_risk(service), meaning, user_steps, admin)
        }
        K::SelfSigned { subject } => {
            let mut user_steps: Steps<'a> = match service {
                Service::Web if case.no_proceed => vec![C::NoGoingPastByRule.into()],
                Service::Web => vec![Say::SelfSignedPublic.into(), Say::CompareFingerprint.into()],
                Service::Smtp | Service::Mailbox => vec![Say::SelfSignedMailPublic.into(), C::NoPlainMail.into()],
                Service::Other => vec![C::ContactSiteAdmin.into(), Say::DontAcceptInApp.into()],
            };
            if mail && !case.no_proceed {
                user_steps.push(Say::CompareFingerprint.into());
            }
            let host = host_or(case, subject);
            let mut admin = match service {
                Service::Web => vec![
                    Fix::any(Say::PublicCa),
                    Fix::any(Say::InternalCaDistribute),
                    Fix::on(Software::Nginx, Say::NginxSnakeoil),
                ],
                Service::Smtp | Service::Mailbox => vec![Fix::any(Say::MailTrustedCa { host: host.clone() })],
                Service::Other => vec![Fix::any(Say::PublicCa), Fix::any(Say::InternalCaDistribute)],
            };
            admin.extend(mail_chain(service));
            Plan::new(
                Say::SelfSignedHeadline,
                match service {
                    Service::Web => Say::SelfSignedRisk.into(),
                    _ => unverified_risk(service),
                },
                vec![Say::SelfSignedMeaning { subject }.into()],
                user_steps,
                admin,
            )
        }
        K::UnknownIssuer { issuer, root_served } => {
            let mut meaning: Steps<'a> = vec![Say::UnknownIssuerMeaning { issuer }.into()];
            if *root_served {
                meaning.push(Say::RootServed.into());
            }
            let mut user_steps: Steps<'a> = vec![Say::ContactAdminOrHelpdesk.into()];
            user_steps.extend(dont_go_past(service, case));
            user_steps.push(Say::RootFromAdmin.into());
            if service == Service::Web {
                user_steps.push(C::TryAnotherNetwork.into());
            }
            let host = host_or(case, "");
            let mut admin = match service {
                Service::Smtp | Service::Mailbox => vec![Fix::any(Say::MailTrustedCa { host: host.clone() })],
                Service::Web | Service::Other => vec![Fix::any(Say::PublicCa)],
            };
            admin.push(Fix::any(Say::DistributeRoot));
            admin.extend(mail_chain(service));
            Plan::new(Say::UnknownIssuerHeadline, unverified_risk(service), meaning, user_steps, admin)
        }
        K::DistrustedCa { chrome, firefox, cutoff, .. } => {
            let mut admin = vec![Fix::any(Say::ReissueOtherCa)];
            match service {
                Service::Web => admin.extend([
                    Fix::on(Software::Nginx, Say::NginxFullChain),
                    Fix::on(Software::Apache, Say::ApacheFullChain),
                    Fix::on(Software::Iis, Say::IisRebind),
                ]),
                _ => admin.extend(mail_chain(service)),
            }
            Plan::new(
                Say::DistrustedHeadline,
                Say::DistrustedRisk,
                // The date judged, and whether it is an SCT's, is an evidence line.
                vec![Say::DistrustedMeaning { chrome: *chrome, firefox: *firefox, mail, cutoff: *cutoff }.into()],
                vec![C::ContactSiteAdmin.into(), C::NothingToFixOnDevice.into()],
                admin,
            )
        }
        K::IncompleteChain { missing_issuer, aia_url, confirmed, .. } => {
            let mut meaning: Steps<'a> = vec![Say::IncompleteChainMeaning { missing: missing_issuer }.into()];
            meaning
                .push(if aia_url.is_some() && *confirmed { Say::ChainConfirmed } else { Say::ChainUnchecked }.into());
            meaning.push(Say::OthersFail.into());
            // The server's fault, which only its admin can fix: that first.
            let mut user_steps: Steps<'a> = vec![Say::ContactAdminServerFault.into(), C::NothingToFixOnDevice.into()];
            if mail || !*confirmed {
                user_steps.extend(dont_go_past(service, case));
            }
            let mut admin = vec![Fix::any(Say::FullChain)];
            match service {
                Service::Web => admin.extend([
                    Fix::on(Software::Nginx, Say::NginxFullChain),
                    Fix::on(Software::Apache, Say::ApacheFullChain),
                    Fix::on(Software::Iis, Say::IisFullChain),
                ]),
                Service::Smtp => admin.extend([
                    Fix::on(Software::Postfix, C::PostfixChainFiles),
                    Fix::on(Software::Postfix, C::PostfixReload),
                ]),
                Service::Mailbox => admin.extend([
                    Fix::on(Software::Dovecot, C::DovecotCertFiles),
                    Fix::on(Software::Dovecot, C::DovecotReload),
                ]),
                Service::Other => {}
            }
            if let (Some(url), true) = (aia_url, confirmed) {
                admin.push(Fix::any(Say::FetchIntermediate { url }));
            }
            let danger = match (confirmed, mail) {
                (true, false) => Say::ChainFineRisk.into(),
                (true, true) => Say::ChainFineMailRisk.into(),
                (false, _) => unverified_risk(service),
            };
            Plan::new(Say::IncompleteChainHeadline, danger, meaning, user_steps, admin)
        }
        K::ChainInvalid { reason, .. } => {
            let mut user_steps: Steps<'a> = vec![C::ContactSiteAdmin.into(), C::NothingToFixOnDevice.into()];
            user_steps.extend(dont_go_past(service, case));
            let mut admin = vec![Fix::any(Say::SeeDetail), Fix::any(Say::OpensslVerify), Fix::any(Say::ReissueFromCa)];
            admin.extend(mail_reload(service));
            Plan::new(
                Say::ChainInvalidHeadline,
                unverified_risk(service),
                vec![Say::ChainInvalidMeaning { reason: *reason }.into()],
                user_steps,
                admin,
            )
        }
        K::SniDefaultCert { requested, default_subject, mail_relays, .. } => {
            let admin = match service {
                Service::Web => vec![
                    Fix::any(Say::DefaultSite { requested }),
                    Fix::on(Software::Nginx, Say::NginxDefaultServer),
                    Fix::on(Software::Apache, Say::ApacheFirstVhost),
                    Fix::on(Software::Iis, Say::IisNoSniBinding),
                ],
                Service::Smtp => vec![
                    Fix::any(Say::DefaultSite { requested }),
                    Fix::on(Software::Postfix, Say::PostfixSniMaps),
                    Fix::on(Software::Postfix, C::PostfixReload),
                ],
                Service::Mailbox => vec![
                    Fix::any(Say::DefaultSite { requested }),
                    Fix::on(Software::Dovecot, Say::DovecotLocalName { host: requested.clone() }),
                    Fix::on(Software::Dovecot, C::DovecotReload),
                ],
                Service::Other => vec![Fix::any(Say::DefaultSite { requested })],
            };
            let meaning = Say::SniDefaultMeaning { default_subject, requested }.into();
            if *mail_relays {
                // The readers are the domain's people: nothing to do on a device.
                Plan::new(
                    Say::SniDefaultHeadline,
                    Say::SomeMailMayNotArrive,
                    vec![meaning, Say::NoSniRelays.into()],
                    vec![C::ContactSiteAdmin.into(), C::NothingToFixOnDevice.into()],
                    admin,
                )
            } else {
                Plan::new(
                    Say::SniDefaultHeadline,
                    Say::SafeWithSni,
                    vec![meaning, Say::NoSniClients.into()],
                    vec![Say::UpdateOldApp.into(), Say::ConnectByName { requested }.into()],
                    admin,
                )
            }
        }
        K::ExpiredCrossSign { subject, issuer, days_ago, .. } => {
            let mut admin = vec![
                Fix::any(Say::RemoveCrossSign { issuer }),
                Fix::on(Software::Certbot, Say::PreferredChain { subject }),
                Fix::any(Say::ListChain),
            ];
            admin.extend(mail_reload(service));
            Plan::new(
                Say::CrossSignHeadline,
                Say::SafeInBrowsers,
                vec![Say::CrossSignMeaning { subject, issuer, days_ago: *days_ago }.into()],
                vec![Say::NothingToDoNow.into(), Say::TellAdminOldDevice.into()],
                admin,
            )
        }
        K::InternalCaUntrusted { issuer, domain, os_trusts, .. } => {
            let measured = issuer.is_some();
            let mut meaning: Steps<'a> = Vec::new();
            if let Some(domain) = domain {
                meaning.push(Say::InternalDomain { domain }.into());
            }
            meaning.push(Say::InternalUsualCa.into());
            if let Some(issuer) = issuer {
                meaning.push(Say::InternalIssuer { issuer }.into());
            }
            meaning.push(match (os_trusts, measured) {
                (true, _) => Say::InternalBrowserIgnores.into(),
                (false, true) => Say::InternalMissing.into(),
                (false, false) => Say::InternalMaybeMissing.into(),
            });
            if *os_trusts {
                meaning.push(Say::FirefoxOsRoots.into());
            }
            if measured || *os_trusts {
                meaning.push(Say::ServerNotBroken.into());
            }
            let mut user_steps: Steps<'a> = vec![Say::TellHelpdeskRootMissing.into()];
            user_steps.extend(dont_go_past(service, case));
            user_steps.push(if *os_trusts { Say::UpdateFirefox.into() } else { Say::ManagedDeviceRestart.into() });
            Plan::new(
                match (os_trusts, measured) {
                    (true, _) => Say::InternalBrowserIgnoresHeadline,
                    (false, true) => Say::InternalMissingHeadline,
                    (false, false) => Say::InternalMaybeMissingHeadline,
                },
                Say::InternalRisk,
                meaning,
                user_steps,
                vec![Fix::any(Say::DistributeRoot), Fix::any(C::FirefoxOsRoots), Fix::any(Say::DeclareRoot)],
            )
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::plan::Say as P;
    use crate::explain::samples::{samples, target_for};
    use crate::wire::FindingId;

    const IDS: [FindingId; 13] = [
        FindingId::CertExpired,
        FindingId::CertNotYetValid,
        FindingId::IntermediateExpired,
        FindingId::ExpiringSoon,
        FindingId::NameMismatch,
        FindingId::SelfSigned,
        FindingId::UnknownIssuer,
        FindingId::IncompleteChain,
        FindingId::ChainInvalid,
        FindingId::SniDefaultCert,
        FindingId::ExpiredCrossSign,
        FindingId::InternalCaUntrusted,
        FindingId::DistrustedCa,
    ];

    fn case(service: Service) -> Case<'static> {
        let host = if service == Service::Web { "www.example.jp" } else { "mail.example.jp" };
        Case { service, host, no_proceed: false, tz: &crate::time::FixedOffset(540) }
    }

    fn all() -> Vec<FindingKind> {
        IDS.iter().flat_map(|id| samples(*id)).collect()
    }

    fn planned<'a>(kind: &'a FindingKind, case: &Case<'a>) -> Plan<'a> {
        plan(kind, case).unwrap_or_else(|| unreachable!("{kind:?} has no plan"))
    }

    #[test]
    fn every_finding_of_the_group_has_a_plan() {
        for kind in all() {
            for service in [Service::Web, Service::Smtp, Service::Mailbox, Service::Other] {
                let p = planned(&kind, &case(service));
                assert!(!p.user_steps.is_empty() && !p.admin.is_empty(), "{kind:?}");
            }
        }
    }

    /// Only clients without SNI meet the default certificate: the plan says who they are, and
    /// that today's browsers and mail apps are safe; on port 25 it says that sending mail
    /// servers mostly lack SNI and some mail may not arrive, with nothing to do on a device.
    #[test]
    fn the_default_certificate_names_the_clients_it_affects() {
        for kind in samples(FindingId::SniDefaultCert) {
            let FindingKind::SniDefaultCert { mail_relays, .. } = kind else { unreachable!() };
            let p = planned(&kind, &case(Service::of(&target_for(&kind))));
            let (danger, who) = if mail_relays {
                (Say::SomeMailMayNotArrive, Say::NoSniRelays)
            } else {
                (Say::SafeWithSni, Say::NoSniClients)
            };
            assert_eq!(p.danger, P::Cert(danger), "{kind:?}");
            assert!(p.meaning.contains(&P::Cert(who)), "{kind:?}");
            assert_eq!(p.user_steps.contains(&P::Cert(Say::UpdateOldApp)), !mail_relays, "{kind:?}");
        }
    }

    /// On a mail server the risk is the mail app's password, never web pages or card numbers
    /// (the old catalog said "fake site, card numbers" and `fixes::danger` patched it after).
    #[test]
    fn mail_danger_is_the_password() {
        let unverified = [
            FindingId::CertExpired,
            FindingId::CertNotYetValid,
            FindingId::IntermediateExpired,
            FindingId::NameMismatch,
            FindingId::SelfSigned,
            FindingId::UnknownIssuer,
            FindingId::ChainInvalid,
        ];
        for id in unverified {
            for kind in samples(id) {
                for service in [Service::Smtp, Service::Mailbox] {
                    let p = planned(&kind, &case(service));
                    assert_eq!(p.danger, P::Cert(Say::MailPasswordRisk), "{kind:?}");
                }
                let web = planned(&kind, &case(Service::Web));
                assert!(
                    matches!(web.danger, P::Cert(Say::FakeSiteRisk | Say::SelfSignedRisk)),
                    "{kind:?}: {:?}",
                    web.danger
                );
            }
        }
        for kind in all() {
            for service in [Service::Smtp, Service::Mailbox] {
                let p = planned(&kind, &case(service));
                assert!(
                    !matches!(p.danger, P::Cert(Say::FakeSiteRisk | Say::SelfSignedRisk | Say::ChainFineRisk)),
                    "{kind:?}"
                );
                // No browser advice in a mail app.
                assert!(!p.user_steps.contains(&P::Common(C::DontGoPast)), "{kind:?}");
                assert!(!p.user_steps.contains(&P::Cert(Say::CheckSpelling)), "{kind:?}");
            }
        }
    }

    /// nginx, Apache and IIS only on web ports; Postfix on SMTP, Dovecot on IMAP and POP3.
    #[test]
    fn admin_software_follows_the_service() {
        for kind in all() {
            let web = planned(&kind, &case(Service::Web));
            assert!(web.admin.iter().all(|f| !matches!(f.software, Some(Software::Postfix | Software::Dovecot))));
            for service in [Service::Smtp, Service::Mailbox, Service::Other] {
                let p = planned(&kind, &case(service));
                for fix in &p.admin {
                    assert!(!fix.software.is_some_and(Software::is_web_server), "{kind:?} on {service:?}: {fix:?}");
                    let web_words = matches!(
                        fix.say,
                        P::Cert(Say::RenewAndReloadWeb | Say::CertbotHookWeb | Say::CertbotNameWeb { .. })
                    );
                    assert!(!web_words, "{kind:?} on {service:?}: {fix:?}");
                }
                let wrong = if service == Service::Smtp { Software::Dovecot } else { Software::Postfix };
                assert!(p.admin.iter().all(|f| f.software != Some(wrong)), "{kind:?} on {service:?}");
            }
        }
        // The certificate fixes that have mail steps get them.
        for id in [FindingId::CertExpired, FindingId::IncompleteChain, FindingId::NameMismatch, FindingId::SelfSigned] {
            for kind in samples(id) {
                let smtp = planned(&kind, &case(Service::Smtp));
                assert!(smtp.admin.iter().any(|f| f.software == Some(Software::Postfix)), "{kind:?}");
                let imap = planned(&kind, &case(Service::Mailbox));
                assert!(imap.admin.iter().any(|f| f.software == Some(Software::Dovecot)), "{kind:?}");
            }
        }
    }

    /// `incomplete_chain`: the server's fault; the first thing to do is to tell its admin,
    /// and the risk line is about what is at stake (the old card said "no immediate danger"
    /// and put "contact the site" below the fold).
    #[test]
    fn incomplete_chain_first_contacts_the_admin() {
        for kind in samples(FindingId::IncompleteChain) {
            for service in [Service::Web, Service::Smtp, Service::Mailbox] {
                let p = planned(&kind, &case(service));
                assert_eq!(p.user_steps.first(), Some(&P::Cert(Say::ContactAdminServerFault)), "{kind:?}");
                assert!(p.user_steps.contains(&P::Common(C::NothingToFixOnDevice)));
                let FindingKind::IncompleteChain { confirmed, .. } = kind else { unreachable!() };
                if !confirmed {
                    // Not checked: nobody knows the chain leads anywhere trusted.
                    assert_ne!(p.danger, P::Cert(Say::ChainFineRisk));
                    assert_ne!(p.danger, P::Cert(Say::ChainFineMailRisk));
                }
            }
        }
    }

    /// Expired and not yet valid: the main action first, then the device's date with every
    /// device's menu; never a claim that the clock is wrong.
    #[test]
    fn dates_send_to_the_device_after_the_main_action() {
        for id in [FindingId::CertExpired, FindingId::CertNotYetValid] {
            for kind in samples(id) {
                for service in [Service::Web, Service::Smtp] {
                    let p = planned(&kind, &case(service));
                    assert_eq!(p.user_steps.first(), Some(&P::Common(C::ContactSiteAdmin)));
                    let check = p.user_steps.iter().position(|s| *s == P::Cert(Say::CheckDeviceDate));
                    assert!(check.is_some_and(|i| i > 0), "{kind:?}");
                    assert!(p.user_steps.contains(&P::Common(C::SetDeviceClock)));
                    for device in Device::ALL {
                        assert!(p.user_steps.contains(&P::Common(C::DeviceClockMenu(device))), "{device:?}");
                    }
                    assert!(p.meaning.contains(&P::Cert(Say::DatesMeasured)));
                }
            }
        }
    }

    /// Firefox 120 and later trust roots added to the OS on Windows, macOS and Android
    /// (facts-2026): when the OS trusts the root and the browser does not, say so, and never
    /// that Firefox keeps its own list out of the box.
    #[test]
    fn internal_ca_wording_knows_firefox_120() {
        for kind in samples(FindingId::InternalCaUntrusted) {
            let FindingKind::InternalCaUntrusted { os_trusts, .. } = kind else { unreachable!() };
            let p = planned(&kind, &case(Service::Web));
            assert_eq!(p.meaning.contains(&P::Cert(Say::FirefoxOsRoots)), os_trusts);
            assert_eq!(p.user_steps.contains(&P::Cert(Say::UpdateFirefox)), os_trusts);
            assert_eq!(p.user_steps.first(), Some(&P::Cert(Say::TellHelpdeskRootMissing)));
            assert!(p.admin.iter().any(|f| f.say == P::Common(C::FirefoxOsRoots)));
        }
        let f = crate::explain::Fmt {
            cat: &crate::explain::ja::Ja,
            tz: &crate::FixedOffset(540),
            lang: crate::explain::Lang::Ja,
            service: Service::Web,
            host: "",
            no_proceed: false,
        };
        let ja = crate::explain::plan::common::ja::say(&C::FirefoxOsRoots, &f);
        assert!(ja.contains("120") && ja.contains("Linux"), "{ja}");
        let ja = crate::explain::plan::common::ja::say(&C::FirefoxOsRoots, &f);
        assert!(ja.contains("120") && !ja.contains("別の信頼リスト"), "{ja}");
    }

    /// Unknown issuer and self-signed: 端末, never このコンピューター; "do not go past" only where
    /// a browser offers a way past (a web port); on mail, do not accept the certificate.
    #[test]
    fn trust_findings_speak_of_the_device_and_the_right_way_past() {
        for id in [FindingId::UnknownIssuer, FindingId::SelfSigned] {
            for kind in samples(id) {
                let web = planned(&kind, &case(Service::Web));
                assert!(
                    web.user_steps.contains(&P::Common(C::DontGoPast))
                        || web.user_steps.contains(&P::Cert(Say::SelfSignedPublic)),
                    "{kind:?}"
                );
                let ruled = planned(&kind, &Case { no_proceed: true, ..case(Service::Web) });
                assert!(ruled.user_steps.contains(&P::Common(C::NoGoingPastByRule)), "{kind:?}");
                assert!(!ruled.user_steps.contains(&P::Common(C::DontGoPast)));
                for service in [Service::Smtp, Service::Mailbox] {
                    let p = planned(&kind, &case(service));
                    assert!(
                        p.user_steps.contains(&P::Cert(Say::DontAcceptInApp))
                            || p.user_steps.contains(&P::Cert(Say::SelfSignedMailPublic)),
                        "{kind:?}"
                    );
                }
                for lang in crate::explain::Lang::ALL {
                    let e = crate::explain::explain_finding_on(
                        &crate::wire::Finding::new(kind.clone()),
                        &target_for(&kind),
                        lang,
                        &crate::FixedOffset(540),
                    );
                    let all = format!("{}{}{}{}", e.headline, e.meaning, e.danger, e.user_steps.concat());
                    assert!(!all.contains("このコンピューター") && !all.contains("this computer"), "{all}");
                }
            }
        }
    }

    /// The first screen (headline, whose side, the first step, the risk) fits in 120 Japanese
    /// characters after glossing, on the sample's own target and on mail ports; the first step
    /// is an action, not an explanation.
    #[test]
    fn the_first_screen_is_short() {
        use crate::explain::{Lang, explain_finding_on};
        use crate::wire::{Finding, StarttlsProtocol, Target};
        let mail = |host: &str, port, starttls| Target {
            host: host.into(),
            port,
            address: None,
            sni: None,
            verify_name: host.into(),
            starttls,
        };
        for kind in all() {
            let targets = [
                target_for(&kind),
                mail("smtp.example.jp", 587, Some(StarttlsProtocol::Smtp)),
                mail("imap.example.jp", 993, None),
            ];
            for target in targets {
                let e = explain_finding_on(&Finding::new(kind.clone()), &target, Lang::Ja, &crate::FixedOffset(540));
                let first = e.user_steps.first().cloned().unwrap_or_default();
                let screen = format!("{}{}{}{}", e.headline, e.side_label, first, e.danger);
                let n = screen.chars().count();
                assert!(n <= 120, "{kind:?} on {}: {n} characters: {screen}", target.port);
                assert!(first.ends_with("ください。") || first.ends_with("ありません。"), "{kind:?}: {first}");
                assert!(e.danger.chars().count() <= 60, "{kind:?}: {}", e.danger);
            }
        }
    }

    /// facts-2026 "Distrusted CAs": the fix is another CA (renewing with the same one gives
    /// another refused certificate); the words name the browsers that refuse, and the user's
    /// part is to tell the site.
    #[test]
    fn a_distrusted_ca_is_fixed_by_another_ca_and_names_the_browsers() {
        for kind in samples(FindingId::DistrustedCa) {
            let FindingKind::DistrustedCa { chrome, firefox, cutoff, .. } = &kind else { unreachable!() };
            for service in [Service::Web, Service::Smtp, Service::Mailbox, Service::Other] {
                let p = planned(&kind, &case(service));
                assert_eq!(p.admin.first(), Some(&Fix::any(Say::ReissueOtherCa)), "{kind:?}");
                assert_eq!(p.user_steps.first(), Some(&P::Common(C::ContactSiteAdmin)), "{kind:?}");
                assert!(p.meaning.iter().any(|m| matches!(m, P::Cert(Say::DistrustedMeaning { chrome: c, firefox: f, cutoff: t, mail, .. }) if c == chrome && f == firefox && t == cutoff && *mail == service.is_mail())));
            }
        }
        use crate::explain::{Lang, explain_finding_on};
        use crate::wire::Finding;
        let words = |kind: &FindingKind, lang| {
            let e = explain_finding_on(&Finding::new(kind.clone()), &target_for(kind), lang, &crate::FixedOffset(540));
            format!("{} {} {}", e.headline, e.danger, e.meaning)
        };
        for kind in samples(FindingId::DistrustedCa) {
            let FindingKind::DistrustedCa { chrome, firefox, .. } = &kind else { unreachable!() };
            for lang in [Lang::Ja, Lang::En] {
                let text = words(&kind, lang);
                if let Some(v) = chrome {
                    assert!(text.contains(&format!("Chrome {v}")), "{text}");
                }
                assert_eq!(text.contains("Firefox"), *firefox, "{text}");
            }
        }
    }
}
