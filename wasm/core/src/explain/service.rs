//! Which server software answers on the target's port: the plans pick admin fixes by it
//! (nginx, Apache, IIS on a web port; Postfix on SMTP ports; Dovecot on IMAP and POP3 ports).

use crate::wire::{StarttlsProtocol, Target};

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
    /// A mail server: Postfix on SMTP ports, Dovecot on IMAP and POP3 ports.
    pub(crate) const fn is_mail(self) -> bool {
        matches!(self, Service::Smtp | Service::Mailbox)
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    /// `mail.example.jp` on `port`, upgraded with `starttls` or not.
    fn on(port: u16, starttls: Option<StarttlsProtocol>) -> Target {
        Target { starttls, ..crate::test_support::target("mail.example.jp", port) }
    }

    #[test]
    fn the_port_or_the_dialogue_names_the_service() {
        assert_eq!(Service::of(&on(443, None)), Service::Web);
        assert_eq!(Service::of(&on(465, None)), Service::Smtp);
        assert_eq!(Service::of(&on(2587, Some(StarttlsProtocol::Smtp))), Service::Smtp);
        assert_eq!(Service::of(&on(993, None)), Service::Mailbox);
        assert_eq!(Service::of(&on(110, Some(StarttlsProtocol::Pop3))), Service::Mailbox);
        assert_eq!(Service::of(&on(389, Some(StarttlsProtocol::Ldap))), Service::Other);
    }
}
