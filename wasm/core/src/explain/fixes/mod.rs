//! Admin steps for the server software behind the port: the catalogs' steps name web servers
//! (nginx, Apache, IIS); on a mail port the fix is in Postfix or Dovecot instead. This module
//! decides which service a diagnosis is about; [`ja`] and [`en`] hold the words.

mod en;
mod ja;

use super::Lang;
use crate::wire::{AdminStep, FindingKind, StarttlsProtocol, Target};

/// What kind of server answers on the target's port.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Service {
    Web,
    /// SMTP: 25, 465, 587 (Postfix).
    Smtp,
    /// IMAP or POP3: 143, 993, 110, 995 (Dovecot).
    Mailbox,
    /// Another service that upgrades with STARTTLS (LDAP, FTP, databases…).
    Other,
}

impl Service {
    pub(crate) fn of(target: &Target) -> Service {
        match (target.starttls, target.port) {
            (Some(StarttlsProtocol::Smtp), _) | (None, 25 | 465 | 587) => Service::Smtp,
            (Some(StarttlsProtocol::Imap | StarttlsProtocol::Pop3 | StarttlsProtocol::Sieve), _)
            | (None, 143 | 993 | 110 | 995) => Service::Mailbox,
            (Some(_), _) => Service::Other,
            (None, _) => Service::Web,
        }
    }
}

/// On a mail server, what a certificate problem puts at risk: the catalogs speak of web pages
/// (fake sites, card numbers); a mail app sends the account's password at once.
pub(crate) fn danger(lang: Lang, kind: &FindingKind, service: Service) -> Option<&'static str> {
    use FindingKind as K;
    if !matches!(service, Service::Smtp | Service::Mailbox) {
        return None;
    }
    let certificate_problem = matches!(
        kind,
    );
    certificate_problem.then_some(match lang {
        Lang::Ja => ja::CERT_DANGER,
        Lang::En => en::CERT_DANGER,
    })
}

/// Software whose steps only make sense on a web server.
const WEB_SOFTWARE: [&str; 3] = ["nginx", "Apache", "IIS"];

/// The admin steps for `kind` on `service`: the catalog's (`generic`) on a web server; on a
/// mail server, the mail steps where there are some, else the catalog's without web-server
/// software.
pub(crate) fn admin_steps(
    lang: Lang,
    kind: &FindingKind,
    service: Service,
    host: &str,
    generic: Vec<AdminStep>,
) -> Vec<AdminStep> {
    let specific = match (service, lang) {
        (Service::Web, _) => return generic,
        (Service::Other, _) => None,
        (Service::Smtp, Lang::Ja) => ja::postfix(kind, host),
        (Service::Smtp, Lang::En) => en::postfix(kind, host),
        (Service::Mailbox, Lang::Ja) => ja::dovecot(kind, host),
        (Service::Mailbox, Lang::En) => en::dovecot(kind, host),
    };
    if let Some(steps) = specific {
        return steps;
    }
    let kept: Vec<AdminStep> = generic
        .iter()
        .filter(|s| !s.software.as_deref().is_some_and(|sw| WEB_SOFTWARE.contains(&sw)))
        .filter(|s| !mentions_web_server(&s.text))
        .cloned()
        .collect();
    // Steps written for web servers only are better than none.
    if kept.is_empty() { generic } else { kept }
}

/// Steps without a named software that still tell to reload a web server.
fn mentions_web_server(text: &str) -> bool {
    ["nginx", "Apache", "IIS", "Webサーバー", "web server"].iter().any(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(port: u16, starttls: Option<StarttlsProtocol>) -> Target {
        Target { host: "mail.example.jp".into(), port, address: None, sni: None, verify_name: String::new(), starttls }
    }

    #[test]
    fn the_port_or_the_dialogue_names_the_service() {
        assert_eq!(Service::of(&target(443, None)), Service::Web);
        assert_eq!(Service::of(&target(465, None)), Service::Smtp);
        assert_eq!(Service::of(&target(2587, Some(StarttlsProtocol::Smtp))), Service::Smtp);
        assert_eq!(Service::of(&target(993, None)), Service::Mailbox);
        assert_eq!(Service::of(&target(110, Some(StarttlsProtocol::Pop3))), Service::Mailbox);
        assert_eq!(Service::of(&target(389, Some(StarttlsProtocol::Ldap))), Service::Other);
    }

    #[test]
    fn mail_servers_get_no_web_server_steps() {
        let kinds =
            [FindingKind::SelfSigned { subject: "mail.example.jp".into() }, FindingKind::WrongUsage { purposes: None }];
        for kind in kinds {
            for lang in Lang::ALL {
                let generic = vec![
                    super::super::for_software("nginx", "x"),
                    super::super::step("Webサーバーを再読み込み"),
                    super::super::step("keep"),
                ];
                for service in [Service::Smtp, Service::Mailbox, Service::Other] {
                    let steps = admin_steps(lang, &kind, service, "mail.example.jp", generic.clone());
                    assert!(steps.iter().all(|s| s.software.as_deref() != Some("nginx")), "{:?}", kind);
                    assert!(steps.iter().all(|s| !mentions_web_server(&s.text)), "{:?}", kind);
                }
            }
        }
    }
}
