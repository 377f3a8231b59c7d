//! The certificate itself and how it is served: chains too long or too large to read, a
//! certificate that does not parse, weak signatures and keys, lifetimes over the CA/Browser
//! Forum's limit, usages that are not a server's, chain order, a root sent along, and
//! revocation (revoked; the stapled OCSP answer missing or stale; no answer at all).

pub(crate) mod en;
pub(crate) mod ja;

use super::common::Say as C;
use super::{Case, Fix, Plan, Software};
use crate::checks::chain_shape::{RefusedUpTo, refused_up_to};
use crate::checks::hygiene::{BROWSER_MAX_VALIDITY_DAYS, max_validity_days};
use crate::explain::service::Service;
use crate::time::Timestamp;
use crate::wire::{FindingKind, RevocationMethod};

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Say<'a> {
    // ---- headlines
    ChainTooLongHeadline,
    TooLargeHeadline,
    UnparseableHeadline,
    WeakSignatureHeadline,
    WeakKeyHeadline {
        key: &'a str,
    },
    TooLongHeadline {
        days: i64,
    },
    NotForServersHeadline,
    KeyUsageHeadline,
    WrongOrderHeadline,
    RootInChainHeadline,
    RevokedHeadline,
    StapleMissingHeadline,
    StapleStaleHeadline,
    RevocationUnknownHeadline,
    ClientAuthHeadline,

    // ---- risk, one line each
    /// Web: the site cannot be told genuine (a bad or revoked certificate); type no secrets.
    DangerUnverified,
    /// Mail: a mail app sends the password at once, maybe to a fake server.
    DangerMailPassword,
    /// Some apps and devices cannot connect.
    DangerSomeClientsFail,
    /// Chrome and Edge (BoringSSL) cannot open the page, nor can other software.
    DangerChromeFails,
    /// Chrome and Safari refuse it (over 398 days, public CA).
    DangerBrowsersRefuse,
    /// Within what browsers enforce, but the CA broke the rule and may revoke it.
    DangerMayBeRevoked,
    /// Firefox refuses a must-staple certificate without its staple.
    DangerFirefoxRefuses,
    /// Browsers connect as usual for now.
    DangerBrowsersConnect,
    /// Every browser and mail app connects today (a heads-up for a renewal).
    WorksToday,
    /// Current browsers connect; old apps and devices may fail.
    DangerOldClientsFail,
    /// Nothing is wrong.
    DangerNone,

    // ---- what happened
    ChainTooLongMeaning {
        certificates: usize,
    },
    /// The size, and the common TLS software whose default limit it is over (sources at
    /// `checks::chain_shape::RUSTLS_HANDSHAKE_LIMIT`).
    TooLargeMeaning {
        kb: usize,
        refused: RefusedUpTo,
    },
    UnparseableMeaning {
        position: usize,
    },
    WeakSignatureMeaning {
        subject: &'a str,
        hash: &'static str,
    },
    WeakKeyMeaning {
        subject: &'a str,
        key: &'a str,
    },
    /// The key is too short to sign a TLS 1.3 handshake: the server breaks the connection off.
    KeyCannotSign,
    /// The limit that applies to a certificate issued when this one was.
    ValidityRule {
        issued: Timestamp,
        days: i64,
        limit: i64,
    },
    /// Chrome and Safari refuse more than 398 days (public CAs, issued from 2020-09-01).
    BrowsersEnforce398,
    /// The shorter limits bind CAs; browsers still accept this one.
    BrowsersStillAccept,
    /// The CA must revoke a certificate issued against the rules.
    CaMustRevokeMisissued,
    /// An organisation's own CA is bound by none of this.
    PrivateCaExempt,
    /// The extended key usage lists purposes, none of them serverAuth.
    PurposesWithoutServerAuth {
        purposes: &'a [String],
    },
    /// The key usage does not allow what a TLS server does with its key.
    KeyUsageBarsTls,
    /// No extended key usage at all: that alone bars nothing.
    NoPurposesIsFine,
    WrongOrderMeaning,
    RootInChainMeaning {
        subject: &'a str,
    },
    RevokedMeaning {
        method: RevocationMethod,
    },
    RevokedReason {
        reason: &'a str,
    },
    /// Browsers learn of revocations in their own ways (Firefox: CRLite; Chrome: CRLSets, a
    /// chosen subset), so one may still open the site: it is revoked all the same.
    RevokedBrowsersDiffer,
    StapleMissingMeaning,
    StapleStaleMeaning,
    /// Who asked whom and got no answer; says that this does not mean revoked.
    RevocationNoAnswer {
        methods: &'a [RevocationMethod],
    },
    NotARevocation,
    /// Browsers do not ask online any more (Chrome: CRLSets; Firefox: CRLite).
    BrowsersDoNotAskOnline,
    /// Server and client purposes; public CAs issue server-only leaves from 2027-03-15.
    ClientAuthMeaning,
    /// Whoever presents it as a client certificate (a mail relay) breaks at the renewal.
    ClientAuthRelays,
    /// Chrome ignores must-staple; Firefox fails hard without the staple.
    StapleFirefoxOnly,

    // ---- the user's steps
    DontUseUntilFixed,
    NothingToDoNow,
    /// Mail: do not go past the mail app's warning, and keep encryption on.
    MailKeepWarning,

    // ---- the admin's steps
    OnlyLeafAndIntermediates,
    SmallerCertificate,
    FewerNames,
    CheckParses,
    PemIntact,
    ReissueSha256,
    ReplaceIntermediate,
    NewKey,
    CertbotEcdsa,
    ReissueWithin {
        limit: i64,
    },
    AutomateRenewal,
    ReissueServerAuth,
    ReissueKeyUsage,
    ShowUsages,
    OrderLeafFirst,
    ReissueNewKey,
    CertbotForceRenewal,
    AskCaWhy,
    /// Let's Encrypt refuses must-staple since 2025-01-30: take a certificate without it (the
    /// only fix on mail servers, which do not staple).
    DropMustStaple,
    NginxStapling,
    ApacheStapling,
    ServerReachesOcsp,
    /// The CA stopped OCSP: stop stapling.
    StopStaplingIfOcspEnded,
    /// A certificate without an OCSP URL is normal now (Let's Encrypt ended OCSP in 2025).
    NoOcspUrlIsNormal,
    CrlReachable,
    CaOutage,
    /// A serverAuth-only certificate, and another for client authentication.
    AskServerAuthOnly,
    PostfixClientCert,

    // ---- tls-doctor cert: the key is not the leaf's (issue 15)
    KeyMismatchHeadline,
    /// The server software refuses this pair.
    DangerServerRefusesPair,
    KeyMismatchMeaning {
        key: &'a str,
        leaf_key: &'a str,
    },
    KeepCurrentFiles,
    /// The two public keys, printed by openssl, must be the same.
    ComparePublicKeys,
    // ---- end of tls-doctor cert

    // Installing a certificate (chain file, then reload), per software.
    InstallNginx,
    InstallApache,
    InstallIis,
    InstallOther,
}

impl<'a> From<Say<'a>> for super::Say<'a> {
    fn from(say: Say<'a>) -> Self {
        super::Say::Hygiene(say)
    }
}

/// Where the server takes its certificate file and how it reads it again: only the software
/// that serves this port (no nginx on port 25, no Postfix on 443).
fn install<'a>(case: &Case<'_>) -> Vec<Fix<'a>> {
    match case.service {
        Service::Web => vec![
            Fix::on(Software::Nginx, Say::InstallNginx),
            Fix::on(Software::Apache, Say::InstallApache),
            Fix::on(Software::Iis, Say::InstallIis),
        ],
        Service::Smtp => {
            vec![Fix::on(Software::Postfix, C::PostfixChainFiles), Fix::on(Software::Postfix, C::PostfixReload)]
        }
        Service::Mailbox => {
            vec![Fix::on(Software::Dovecot, C::DovecotCertFiles), Fix::on(Software::Dovecot, C::DovecotReload)]
        }
        Service::Other => vec![Fix::any(Say::InstallOther)],
    }
}

/// A certificate that cannot be trusted as served: the user's first step, the risk line and
/// the steps for web and mail.
fn untrusted<'a>(case: &Case<'_>, headline: Say<'a>, meaning: Vec<super::Say<'a>>, admin: Vec<Fix<'a>>) -> Plan<'a> {
    let (danger, user_steps) = if case.service.is_mail() {
        (Say::DangerMailPassword, vec![C::ContactSiteAdmin.into(), Say::MailKeepWarning.into()])
    } else {
        (Say::DangerUnverified, vec![C::ContactSiteAdmin.into(), C::NothingToFixOnDevice.into()])
    };
    Plan::new(headline, danger, meaning, user_steps, admin)
}

/// The hash of a weak signature algorithm, as people name it.
fn weak_hash(algorithm: &str) -> &'static str {
    if algorithm.to_ascii_lowercase().contains("md5") { "MD5" } else { "SHA-1" }
}

/// The extended key usage lists purposes and none of them lets the certificate serve TLS.
fn purposes_bar_servers(purposes: Option<&Vec<String>>) -> bool {
    purposes.is_some_and(|p| !p.iter().any(|x| x == "serverAuth" || x == "anyExtendedKeyUsage"))
}

pub(crate) fn plan<'a>(kind: &'a FindingKind, case: &Case<'_>) -> Option<Plan<'a>> {
    use FindingKind as K;
    Some(match kind {
        K::ChainTooLong { certificates, .. } => {
            let mut admin = vec![Fix::any(Say::OnlyLeafAndIntermediates)];
            admin.extend(install(case));
            Plan::new(
                Say::ChainTooLongHeadline,
                Say::DangerSomeClientsFail,
                vec![Say::ChainTooLongMeaning { certificates: *certificates }.into()],
                vec![C::ContactSiteAdmin.into(), C::NothingToFixOnDevice.into()],
                admin,
            )
        }
        K::CertificateTooLarge { bytes, .. } => {
            let mut admin = vec![Fix::any(Say::SmallerCertificate), Fix::any(Say::FewerNames)];
            admin.extend(install(case));
            let refused = refused_up_to(*bytes);
            // Over BoringSSL's limit, Chrome and Edge themselves fail (ERR_SSL_PROTOCOL_ERROR,
            // seen in the e2e run): not "some apps" on a web page.
            let danger = if case.service == Service::Web && refused != RefusedUpTo::Rustls {
                Say::DangerChromeFails
            } else {
                Say::DangerSomeClientsFail
            };
            Plan::new(
                Say::TooLargeHeadline,
                danger,
                vec![Say::TooLargeMeaning { kb: crate::explain::kb(*bytes), refused }.into()],
                vec![C::ContactSiteAdmin.into(), C::NothingToFixOnDevice.into()],
                admin,
            )
        }
        K::CertUnparseable { position, .. } => {
            let mut admin = vec![Fix::any(Say::CheckParses), Fix::any(Say::PemIntact)];
            admin.extend(install(case));
            untrusted(
                case,
                Say::UnparseableHeadline,
                vec![Say::UnparseableMeaning { position: position + 1 }.into()],
                admin,
            )
        }
        K::WeakSignature { subject, algorithm, .. } => {
            let mut admin = vec![Fix::any(Say::ReissueSha256), Fix::any(Say::ReplaceIntermediate)];
            admin.extend(install(case));
            untrusted(
                case,
                Say::WeakSignatureHeadline,
                vec![Say::WeakSignatureMeaning { subject, hash: weak_hash(algorithm) }.into()],
                admin,
            )
        }
        K::WeakKey { subject, key, fails_handshake, .. } => {
            let mut admin = vec![Fix::any(Say::NewKey), Fix::on(Software::Certbot, Say::CertbotEcdsa)];
            admin.extend(install(case));
            let mut meaning = vec![Say::WeakKeyMeaning { subject, key }.into()];
            let mut plan = untrusted(case, Say::WeakKeyHeadline { key }, Vec::new(), admin);
            // The connection never starts, so nothing can be typed into a false page: the
            // danger is the one of any refused handshake, switching to no encryption.
            if *fails_handshake {
                meaning.push(Say::KeyCannotSign.into());
                plan.danger = super::reach::Say::DontSwitchToPlain.into();
            }
            plan.meaning = meaning;
            plan
        }
        K::KeyMismatch { key, leaf_key, .. } => {
            // Which file goes where (nginx, Apache, Postfix, Dovecot: the installing steps
            // name the certificate and the key side by side), and a new pair if the key is lost.
            let mut admin = vec![Fix::any(Say::ComparePublicKeys)];
            admin.extend(install(case));
            admin.push(Fix::any(Say::ReissueNewKey));
            Plan::new(
                Say::KeyMismatchHeadline,
                Say::DangerServerRefusesPair,
                vec![Say::KeyMismatchMeaning { key, leaf_key }.into()],
                vec![Say::KeepCurrentFiles.into()],
                admin,
            )
        }
        K::ValidityTooLong { days, not_before, .. } => {
            let days = *days;
            let limit = max_validity_days(*not_before).unwrap_or(BROWSER_MAX_VALIDITY_DAYS);
            let refused = days > BROWSER_MAX_VALIDITY_DAYS;
            let mut meaning: Vec<super::Say<'a>> = vec![Say::ValidityRule { issued: *not_before, days, limit }.into()];
            let (danger, user_steps): (Say<'a>, Vec<super::Say<'a>>) = if refused {
                meaning.push(Say::BrowsersEnforce398.into());
                (Say::DangerBrowsersRefuse, vec![C::ContactSiteAdmin.into(), C::NothingToFixOnDevice.into()])
            } else {
                meaning.push(Say::BrowsersStillAccept.into());
                meaning.push(Say::CaMustRevokeMisissued.into());
                (Say::DangerMayBeRevoked, vec![Say::NothingToDoNow.into()])
            };
            meaning.push(Say::PrivateCaExempt.into());
            let mut admin =
                vec![Fix::any(Say::ReissueWithin { limit }), Fix::on(Software::Certbot, Say::AutomateRenewal)];
            admin.extend(install(case));
            Plan::new(Say::TooLongHeadline { days }, danger, meaning, user_steps, admin)
        }
        K::WrongUsage { purposes } => {
            let (headline, mut meaning, reissue): (Say<'a>, Vec<super::Say<'a>>, Say<'a>) =
                match purposes.as_deref().filter(|_| purposes_bar_servers(purposes.as_ref())) {
                    Some(purposes) => (
                        Say::NotForServersHeadline,
                        vec![Say::PurposesWithoutServerAuth { purposes }.into()],
                        Say::ReissueServerAuth,
                    ),
                    None => (Say::KeyUsageHeadline, vec![Say::KeyUsageBarsTls.into()], Say::ReissueKeyUsage),
                };
            if purposes.is_none() {
                meaning.push(Say::NoPurposesIsFine.into());
            }
            let mut admin = vec![Fix::any(reissue), Fix::any(Say::ShowUsages)];
            admin.extend(install(case));
            untrusted(case, headline, meaning, admin)
        }
        K::ChainWrongOrder {} => {
            let mut admin = vec![Fix::any(Say::OrderLeafFirst)];
            admin.extend(install(case));
            Plan::new(
                Say::WrongOrderHeadline,
                Say::DangerOldClientsFail,
                vec![Say::WrongOrderMeaning.into()],
                vec![Say::NothingToDoNow.into()],
                admin,
            )
        }
        K::RootInChain { subject } => {
            let mut admin = vec![Fix::any(Say::OnlyLeafAndIntermediates)];
            admin.extend(install(case));
            Plan::new(
                Say::RootInChainHeadline,
                Say::DangerNone,
                vec![Say::RootInChainMeaning { subject }.into()],
                vec![Say::NothingToDoNow.into()],
                admin,
            )
        }
        K::Revoked { reason, method, .. } => {
            let mut meaning: Vec<super::Say<'a>> = vec![Say::RevokedMeaning { method: *method }.into()];
            if let Some(reason) = reason {
                meaning.push(Say::RevokedReason { reason }.into());
            }
            // Firefox checks CRLite (OCSP off since Firefox 142), Chrome its CRLSets, a curated
            // subset: "revoked in one browser, fine in another" is normal (facts-2026.md,
            // "Revocation"). Said of web pages, which is where users compare browsers.
            if case.service == Service::Web {
                meaning.push(Say::RevokedBrowsersDiffer.into());
            }
            let danger = if case.service.is_mail() { Say::DangerMailPassword } else { Say::DangerUnverified };
            let mut admin = vec![Fix::any(Say::ReissueNewKey), Fix::on(Software::Certbot, Say::CertbotForceRenewal)];
            admin.extend(install(case));
            admin.push(Fix::any(Say::AskCaWhy));
            Plan::new(
                Say::RevokedHeadline,
                danger,
                meaning,
                vec![Say::DontUseUntilFixed.into(), C::ContactSiteAdmin.into()],
                admin,
            )
        }
        K::OcspStapleMissing {} => {
            let mut admin = vec![Fix::any(Say::DropMustStaple)];
            admin.extend(match case.service {
                Service::Web => {
                    vec![Fix::on(Software::Nginx, Say::NginxStapling), Fix::on(Software::Apache, Say::ApacheStapling)]
                }
                // Postfix and Dovecot do not staple: the certificate without must-staple is the fix.
                Service::Smtp | Service::Mailbox | Service::Other => Vec::new(),
            });
            Plan::new(
                Say::StapleMissingHeadline,
                Say::DangerFirefoxRefuses,
                vec![Say::StapleMissingMeaning.into(), Say::StapleFirefoxOnly.into()],
                vec![C::ContactSiteAdmin.into(), C::NothingToFixOnDevice.into()],
                admin,
            )
        }
        K::ClientAuthUsage { .. } => {
            let mut admin = vec![Fix::any(Say::AskServerAuthOnly)];
            if case.service == Service::Smtp {
                admin.push(Fix::on(Software::Postfix, Say::PostfixClientCert));
            }
            Plan::new(
                Say::ClientAuthHeadline,
                Say::WorksToday,
                vec![Say::ClientAuthMeaning.into(), Say::ClientAuthRelays.into()],
                vec![Say::NothingToDoNow.into()],
                admin,
            )
        }
        K::OcspStapleStale { .. } => {
            let mut admin = vec![Fix::any(Say::ServerReachesOcsp), Fix::any(Say::StopStaplingIfOcspEnded)];
            if case.service == Service::Web {
                admin.push(Fix::on(Software::Nginx, Say::NginxStapling));
            }
            Plan::new(
                Say::StapleStaleHeadline,
                Say::DangerBrowsersConnect,
                vec![Say::StapleStaleMeaning.into(), Say::BrowsersDoNotAskOnline.into()],
                vec![Say::NothingToDoNow.into()],
                admin,
            )
        }
        K::RevocationUnavailable { methods, .. } => {
            let mut admin = Vec::new();
            if methods.contains(&RevocationMethod::Crl) {
                admin.push(Fix::any(Say::CrlReachable));
            }
            admin.push(Fix::any(Say::NoOcspUrlIsNormal));
            admin.push(Fix::any(Say::CaOutage));
            Plan::new(
                Say::RevocationUnknownHeadline,
                Say::DangerBrowsersConnect,
                vec![
                    Say::RevocationNoAnswer { methods }.into(),
                    Say::NotARevocation.into(),
                    Say::BrowsersDoNotAskOnline.into(),
                ],
                vec![Say::NothingToDoNow.into()],
                admin,
            )
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::plan::Say as P;
    use crate::wire::{Finding, FindingId};

    const IDS: [FindingId; 15] = [
        FindingId::KeyMismatch,
        FindingId::ChainTooLong,
        FindingId::CertificateTooLarge,
        FindingId::CertUnparseable,
        FindingId::WeakSignature,
        FindingId::WeakKey,
        FindingId::ValidityTooLong,
        FindingId::WrongUsage,
        FindingId::ChainWrongOrder,
        FindingId::RootInChain,
        FindingId::Revoked,
        FindingId::OcspStapleMissing,
        FindingId::OcspStapleStale,
        FindingId::RevocationUnavailable,
        FindingId::ClientAuthUsage,
    ];

    const SERVICES: [Service; 4] = [Service::Web, Service::Smtp, Service::Mailbox, Service::Other];

    fn case(service: Service) -> Case<'static> {
        let host = if service == Service::Web { "www.example.jp" } else { "mail.example.jp" };
        Case { service, host, no_proceed: false, tz: &crate::time::FixedOffset(540) }
    }

    /// Every sample of the group's ids with its plan, on every service.
    fn each(mut check: impl FnMut(&FindingKind, Service, &Plan<'_>)) {
        for id in IDS {
            for kind in crate::explain::samples::samples(id) {
                for service in SERVICES {
                    let plan = plan(&kind, &case(service)).unwrap_or_else(|| panic!("{id:?} has no plan"));
                    check(&kind, service, &plan);
                }
            }
        }
    }

    fn all_says<'p, 'a>(plan: &'p Plan<'a>) -> Vec<&'p P<'a>> {
        let mut v = vec![&plan.headline, &plan.danger];
        v.extend(plan.meaning.iter());
        v.extend(plan.user_steps.iter());
        v.extend(plan.admin.iter().map(|f| &f.say));
        v
    }

    /// The size is said in KB whether the certificates could be counted (TLS 1.2) or only the
    /// encrypted message measured (TLS 1.3), with the software that refuses that much.
    #[test]
    fn a_certificate_too_large_is_said_by_its_size_counted_or_not() {
        for certificates in [Some(1), None] {
            let kind = FindingKind::CertificateTooLarge { certificates, bytes: 250_600 };
            let plan = plan(&kind, &case(Service::Web)).unwrap_or_else(|| unreachable!());
            assert_eq!(plan.headline, P::Hygiene(Say::TooLargeHeadline));
            assert_eq!(plan.meaning, [P::Hygiene(Say::TooLargeMeaning { kb: 245, refused: RefusedUpTo::Gnutls })]);
        }
        // Just over each limit: rustls 64 KiB, OpenSSL/BoringSSL 100 KiB, GnuTLS 128 KiB, Go 256 KiB.
        for (bytes, refused) in [
            (70_000, RefusedUpTo::Rustls),
            (102_400, RefusedUpTo::Rustls),
            (102_401, RefusedUpTo::OpensslBoringssl),
            (131_073, RefusedUpTo::Gnutls),
            (262_145, RefusedUpTo::Go),
        ] {
            let kind = FindingKind::CertificateTooLarge { certificates: Some(1), bytes };
            let plan = plan(&kind, &case(Service::Web)).unwrap_or_else(|| unreachable!());
            assert!(
                matches!(plan.meaning[..], [P::Hygiene(Say::TooLargeMeaning { refused: r, .. })] if r == refused),
                "{bytes}: {:?}",
                plan.meaning
            );
            // Chrome's own limit is BoringSSL's: over it, the page does not open in Chrome.
            let chrome_fails = refused != RefusedUpTo::Rustls;
            assert_eq!(plan.danger == P::Hygiene(Say::DangerChromeFails), chrome_fails, "{bytes}");
            // A mail app is not Chrome.
            let mail = super::plan(&kind, &case(Service::Smtp)).unwrap_or_else(|| unreachable!());
            assert_eq!(mail.danger, P::Hygiene(Say::DangerSomeClientsFail), "{bytes}");
        }
    }

    #[test]
    fn every_finding_of_the_group_has_a_plan() {
        each(|_, _, plan| assert!(!plan.user_steps.is_empty() && !plan.admin.is_empty()));
    }

    #[test]
    fn web_server_steps_only_on_web_ports_and_mail_server_steps_only_on_mail_ports() {
        each(|kind, service, plan| {
            for fix in &plan.admin {
                let web = fix.software.is_some_and(Software::is_web_server);
                assert!(!web || service == Service::Web, "{kind:?} on {service:?}: {fix:?}");
                if fix.software == Some(Software::Postfix) {
                    assert_eq!(service, Service::Smtp, "{kind:?}");
                }
                if fix.software == Some(Software::Dovecot) {
                    assert_eq!(service, Service::Mailbox, "{kind:?}");
                }
            }
        });
        // And the mail servers do get their own steps where the certificate is re-installed.
        let kind = FindingKind::ChainWrongOrder {};
        let smtp = plan(&kind, &case(Service::Smtp)).unwrap_or_else(|| unreachable!());
        assert!(smtp.admin.iter().any(|f| f.software == Some(Software::Postfix)));
        let imap = plan(&kind, &case(Service::Mailbox)).unwrap_or_else(|| unreachable!());
        assert!(imap.admin.iter().any(|f| f.software == Some(Software::Dovecot)));
    }

    #[test]
    fn a_mail_server_with_a_bad_certificate_warns_of_the_password() {
        let kinds = [
            FindingKind::WeakKey {
                position: 0,
                subject: "mail.example.jp".into(),
                key: "RSA 1024".into(),
                fails_handshake: false,
            },
            FindingKind::WrongUsage { purposes: None },
            FindingKind::CertUnparseable { position: 0, error: "x".into() },
        ];
        for kind in &kinds {
            for service in [Service::Smtp, Service::Mailbox] {
                let p = plan(kind, &case(service)).unwrap_or_else(|| unreachable!());
                assert_eq!(p.danger, Say::DangerMailPassword.into(), "{kind:?}");
            }
            let p = plan(kind, &case(Service::Web)).unwrap_or_else(|| unreachable!());
            assert_eq!(p.danger, Say::DangerUnverified.into(), "{kind:?}");
        }
    }

    #[test]
    fn a_key_that_stops_the_handshake_says_so_and_warns_of_no_false_page() {
        let kind = |fails_handshake| FindingKind::WeakKey {
            position: 0,
            subject: "nas.example.jp".into(),
            key: "RSA 512".into(),
            fails_handshake,
        };
        let stopped = kind(true);
        let refused = kind(false);
        for service in [Service::Web, Service::Smtp] {
            let p = plan(&stopped, &case(service)).unwrap_or_else(|| unreachable!());
            // No page opens and no password goes out: the danger is switching encryption off.
            assert_eq!(p.danger, super::super::reach::Say::DontSwitchToPlain.into());
            assert!(hygiene_says(&p).contains(&&Say::KeyCannotSign));
            let p = plan(&refused, &case(service)).unwrap_or_else(|| unreachable!());
            assert_ne!(p.danger, super::super::reach::Say::DontSwitchToPlain.into());
            assert!(!hygiene_says(&p).contains(&&Say::KeyCannotSign));
        }
    }

    fn hygiene_says<'p, 'a>(plan: &'p Plan<'a>) -> Vec<&'p Say<'a>> {
        all_says(plan)
            .into_iter()
            .filter_map(|s| match s {
                P::Hygiene(h) => Some(h),
                _ => None,
            })
            .collect()
    }

    /// Issue 13: `validity_too_long` quoted 398 days for every certificate. The limit follows
    /// the issue date (SC-081), and only over 398 days do browsers refuse.
    #[test]
    fn validity_too_long_carries_the_limit_of_its_issue_date() {
        let mut limits = Vec::new();
        for kind in crate::explain::samples::samples(FindingId::ValidityTooLong) {
            let FindingKind::ValidityTooLong { days, not_before, .. } = &kind else { unreachable!() };
            let p = plan(&kind, &case(Service::Web)).unwrap_or_else(|| unreachable!());
            let limit = max_validity_days(*not_before).unwrap_or_else(|| unreachable!());
            assert!(*days > limit, "the sample is not too long: {kind:?}");
            assert!(
                p.meaning.contains(&Say::ValidityRule { issued: *not_before, days: *days, limit }.into()),
                "{kind:?}: {:?}",
                p.meaning
            );
            assert!(p.admin.contains(&Fix::any(Say::ReissueWithin { limit })), "{kind:?}");
            let refused = *days > 398;
            assert_eq!(p.danger == Say::DangerBrowsersRefuse.into(), refused, "{kind:?}");
            assert_eq!(p.meaning.contains(&Say::BrowsersEnforce398.into()), refused, "{kind:?}");
            assert_eq!(p.meaning.contains(&Say::BrowsersStillAccept.into()), !refused, "{kind:?}");
            limits.push(limit);
        }
        for limit in [398, 200, 100, 47] {
            assert!(limits.contains(&limit), "no sample issued in the period of {limit} days");
        }
    }

    /// Issue 13: revoked and "could not be checked" shared one text. They share no phrase now,
    /// and "could not be checked" says it is not a revocation.
    #[test]
    fn revoked_and_revocation_unavailable_never_share_a_sentence() {
        for service in SERVICES {
            let mut revoked = Vec::new();
            let revoked_kinds = crate::explain::samples::samples(FindingId::Revoked);
            for kind in &revoked_kinds {
                let p = plan(kind, &case(service)).unwrap_or_else(|| unreachable!());
                revoked.extend(hygiene_says(&p).into_iter().cloned());
            }
            for kind in crate::explain::samples::samples(FindingId::RevocationUnavailable) {
                let p = plan(&kind, &case(service)).unwrap_or_else(|| unreachable!());
                let unavailable = hygiene_says(&p);
                for say in &unavailable {
                    assert!(!revoked.contains(say), "{say:?} is said of both");
                }
                assert!(unavailable.contains(&&Say::NotARevocation));
                assert!(!p.user_steps.contains(&Say::DontUseUntilFixed.into()));
            }
        }
    }

    /// facts-2026 ("Revocation"): Firefox (CRLite) and Chrome (CRLSets) learn of revocations
    /// differently, so a revoked site may still open in one of them; said of web pages only.
    #[test]
    fn a_revoked_web_page_says_browsers_may_differ() {
        for kind in crate::explain::samples::samples(FindingId::Revoked) {
            for service in SERVICES {
                let p = plan(&kind, &case(service)).unwrap_or_else(|| unreachable!());
                let says = hygiene_says(&p).contains(&&Say::RevokedBrowsersDiffer);
                assert_eq!(says, service == Service::Web, "{service:?}");
            }
        }
    }

    /// Issue 13 and facts-2026: an OCSP URL is optional and Let's Encrypt ended OCSP; a
    /// missing URL is normal, and no step asks for stapling where revocation was unavailable.
    #[test]
    fn ocsp_wording_knows_that_ocsp_is_ending() {
        each(|kind, _, p| {
            let says = hygiene_says(p);
            match kind {
                FindingKind::RevocationUnavailable { .. } => {
                    assert!(says.contains(&&Say::NoOcspUrlIsNormal), "{kind:?}");
                    assert!(!says.contains(&&Say::NginxStapling) && !says.contains(&&Say::ApacheStapling));
                }
                FindingKind::OcspStapleMissing {} => {
                    assert_eq!(p.admin.first(), Some(&Fix::any(Say::DropMustStaple)));
                }
                FindingKind::OcspStapleStale { .. } => {
                    assert!(says.contains(&&Say::StopStaplingIfOcspEnded), "{kind:?}");
                }
                _ => {}
            }
        });
    }

    /// Issue 13: serverAuth is an extended key usage; a certificate without that extension is
    /// not barred from server use. Only a list of purposes without serverAuth is "not for
    /// servers"; otherwise it is the key usage.
    #[test]
    fn wrong_usage_blames_the_extended_key_usage_only_when_it_lists_other_purposes() {
        for kind in crate::explain::samples::samples(FindingId::WrongUsage) {
            let FindingKind::WrongUsage { purposes } = &kind else { unreachable!() };
            let p = plan(&kind, &case(Service::Web)).unwrap_or_else(|| unreachable!());
            let says = hygiene_says(&p);
            let eku = purposes.as_ref().is_some_and(|v| !v.iter().any(|x| x == "serverAuth"));
            let blames_eku = says.iter().any(|s| {
                matches!(s, Say::NotForServersHeadline | Say::PurposesWithoutServerAuth { .. } | Say::ReissueServerAuth)
            });
            assert_eq!(blames_eku, eku, "{kind:?}");
            assert_eq!(says.contains(&&Say::KeyUsageBarsTls), !eku, "{kind:?}");
            assert_eq!(says.contains(&&Say::NoPurposesIsFine), purposes.is_none(), "{kind:?}");
        }
        assert!(
            crate::explain::samples::samples(FindingId::WrongUsage)
                .contains(&FindingKind::WrongUsage { purposes: None })
        );
    }

    /// Issue 13: raw English error strings stay in the evidence, out of Japanese sentences.
    #[test]
    fn raw_errors_stay_out_of_the_japanese_sentences() {
        use crate::explain::{Lang, explain_finding_on, samples::target_for};
        use crate::wire::Finding;
        for id in IDS {
            for kind in crate::explain::samples::samples(id) {
                let raw = match &kind {
                    FindingKind::CertUnparseable { error, .. } => error.clone(),
                    FindingKind::RevocationUnavailable { detail, .. } => detail.clone(),
                    FindingKind::WeakSignature { algorithm, .. } => algorithm.clone(),
                    _ => continue,
                };
                let e = explain_finding_on(
                    &Finding::new(kind.clone()),
                    &target_for(&kind),
                    Lang::Ja,
                    &crate::FixedOffset(540),
                );
                let sentences = [&e.headline, &e.meaning, &e.danger].into_iter().chain(e.user_steps.iter());
                for text in sentences {
                    assert!(!text.contains(raw.as_str()), "{id:?}: {raw:?} in {text}");
                }
                assert!(
                    e.evidence.iter().any(|l| l.value.contains(raw.as_str())),
                    "{id:?}: {raw:?} not in the evidence"
                );
            }
        }
    }

    /// The first screen: headline, whose side, the first step and the risk line, at most 120
    /// Japanese characters after glossing, on a web port and on the mail ports.
    #[test]
    fn the_first_screen_fits_in_120_characters() {
        use crate::explain::{Lang, explain_finding_on, samples::target_for};
        use crate::wire::{Finding, StarttlsProtocol, Target};
        let mail = |host: &str, port, starttls| Target {
            host: host.into(),
            port,
            address: None,
            sni: None,
            verify_name: host.into(),
            starttls,
        };
        let mut worst = (0, String::new());
        for id in IDS {
            for kind in crate::explain::samples::samples(id) {
                let targets = [
                    target_for(&kind),
                    mail("smtp.example.jp", 587, Some(StarttlsProtocol::Smtp)),
                    mail("imap.example.jp", 993, None),
                ];
                for target in targets {
                    let e =
                        explain_finding_on(&Finding::new(kind.clone()), &target, Lang::Ja, &crate::FixedOffset(540));
                    let first = e.user_steps.first().cloned().unwrap_or_default();
                    let screen = format!("{}{}{}{}", e.headline, e.side_label, first, e.danger);
                    let n = screen.chars().count();
                    if n > worst.0 {
                        worst = (n, screen.clone());
                    }
                    assert!(n <= 120, "{id:?} on {}: {n} characters: {screen}", target.port);
                }
            }
        }
        eprintln!("longest first screen: {} characters: {}", worst.0, worst.1);
    }

    /// The first step is the action: where the browser refuses the site, tell (or stop using)
    /// it, never "nothing to do".
    #[test]
    fn the_first_step_is_the_action() {
        use crate::wire::Severity;
        each(|kind, service, p| {
            let first = p.user_steps.first();
            // Only `tls-doctor cert` finds a key that is not the leaf's, for the admin about to
            // install the files: there is no site user to tell, and the action is to keep the
            // server on its current files.
            if let FindingKind::KeyMismatch { .. } = kind {
                assert_eq!(first, Some(&Say::KeepCurrentFiles.into()));
                return;
            }
            if Finding::new(kind.clone()).severity == Severity::Critical {
                assert!(
                    first == Some(&C::ContactSiteAdmin.into()) || first == Some(&Say::DontUseUntilFixed.into()),
                    "{kind:?} on {service:?}: {first:?}"
                );
            }
        });
    }

    /// facts-2026 "Revocation": a must-staple certificate without its staple is a hard
    /// failure in Firefox (MOZILLA_PKIX_ERROR_REQUIRED_TLS_FEATURE_MISSING, not overridable);
    /// Chrome does not check must-staple. The words say both.
    #[test]
    fn must_staple_without_a_staple_is_a_hard_failure_in_firefox_only() {
        use crate::explain::{Lang, explain_finding_on, samples::target_for};
        each(|kind, _, p| {
            if matches!(kind, FindingKind::OcspStapleMissing {}) {
                assert_eq!(p.danger, Say::DangerFirefoxRefuses.into());
                assert!(p.meaning.contains(&Say::StapleFirefoxOnly.into()));
            }
        });
        let kind = FindingKind::OcspStapleMissing {};
        for (lang, words) in
            [(Lang::Ja, ["Firefoxでは必ず", "Chromeは"]), (Lang::En, ["Firefox always", "Chrome does not"])]
        {
            let e = explain_finding_on(&Finding::new(kind.clone()), &target_for(&kind), lang, &crate::FixedOffset(540));
            let text = format!("{} {}", e.danger, e.meaning);
            for w in words {
                assert!(text.contains(w), "{w:?} not in {text}");
            }
        }
    }

    /// facts-2026 "Usages": serverAuth + clientAuth works today; the heads-up asks nothing of
    /// the user, and the admin's steps are a serverAuth-only certificate and, for a mail relay
    /// (Postfix's client certificate on SMTP), a separate one.
    #[test]
    fn client_auth_usage_is_a_heads_up_for_the_admin() {
        each(|kind, service, p| {
            if !matches!(kind, FindingKind::ClientAuthUsage { .. }) {
                return;
            }
            assert_eq!(p.danger, Say::WorksToday.into());
            assert_eq!(p.user_steps, vec![Say::NothingToDoNow.into()]);
            assert_eq!(p.admin.first(), Some(&Fix::any(Say::AskServerAuthOnly)));
            let postfix = p.admin.contains(&Fix::on(Software::Postfix, Say::PostfixClientCert));
            assert_eq!(postfix, service == Service::Smtp, "{service:?}");
        });
    }
}
