//! The plan of one finding: what the user reads, decided once for both languages.
//!
//! `plan(kind, case)` looks at the evidence and the case (which service, whether the browser
//! offers a way past the warning, the organisation's rules) and returns a [`Plan`]: a headline,
//! one line on risk, the meaning, the user's steps (the first is *the* thing to do now), the
//! admin's fixes per software, all as typed phrases ([`Say`]). No words here: each group's
//! `ja.rs` and `en.rs` turn its phrases into sentences with flat `match`es, so the two
//! languages cannot disagree about *what* is said, only about how. Tests check the plans (the
//! facts), the snapshots show the words.
//!
//! Groups, one directory each: [`common`] (phrases every finding may use), and the findings
//! grouped by where they come from.

pub(crate) mod browser;
pub(crate) mod cert;
pub(crate) mod common;
pub(crate) mod hygiene;
pub(crate) mod local;
pub(crate) mod protocol;
pub(crate) mod reach;

use super::Fmt;
use super::service::Service;
use crate::time::LocalOffset;
use crate::wire::{AdminStep, FindingKind, Severity, Side};

/// What the plan needs to know besides the finding.
#[derive(Clone, Copy)]
pub(crate) struct Case<'a> {
    /// The server software behind the port (web, Postfix, Dovecot…).
    pub service: Service,
    /// The host diagnosed (in admin examples); empty when unknown.
    pub host: &'a str,
    /// The organisation forbids going past a warning ([`crate::wire::Diagnosis::no_proceed`]).
    pub no_proceed: bool,
    /// The reader's (the device's) time zone.
    pub tz: &'a dyn LocalOffset,
}

impl std::fmt::Debug for Case<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Case").field("service", &self.service).field("host", &self.host).finish_non_exhaustive()
    }
}

/// One finding's plan. `user_steps[0]` is the one thing to do now (the popup shows it on the
/// first screen with the headline and `danger`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Plan<'a> {
    pub headline: Say<'a>,
    /// One line on risk.
    pub danger: Say<'a>,
    /// What happened, in a few short sentences.
    pub meaning: Vec<Say<'a>>,
    pub user_steps: Vec<Say<'a>>,
    pub admin: Vec<Fix<'a>>,
    /// Whose side, when the case decides it rather than the finding's id.
    pub side: Option<Side>,
    /// How serious, when the case decides it rather than the finding's id.
    pub severity: Option<Severity>,
}

impl<'a> Plan<'a> {
    /// A plan with the finding's own side and severity.
    pub fn new(
        headline: impl Into<Say<'a>>,
        danger: impl Into<Say<'a>>,
        meaning: Vec<Say<'a>>,
        user_steps: Vec<Say<'a>>,
        admin: Vec<Fix<'a>>,
    ) -> Self {
        Plan {
            headline: headline.into(),
            danger: danger.into(),
            meaning,
            user_steps,
            admin,
            side: None,
            severity: None,
        }
    }
}

/// One admin step, for one software or any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fix<'a> {
    pub software: Option<Software>,
    pub say: Say<'a>,
}

impl<'a> Fix<'a> {
    pub fn any(say: impl Into<Say<'a>>) -> Self {
        Fix { software: None, say: say.into() }
    }

    pub fn on(software: Software, say: impl Into<Say<'a>>) -> Self {
        Fix { software: Some(software), say: say.into() }
    }
}

/// Server software an admin step is written for. Names are the same in every language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Software {
    Nginx,
    Apache,
    Iis,
    Postfix,
    Dovecot,
    Certbot,
}

impl Software {
    pub const fn name(self) -> &'static str {
        match self {
            Software::Nginx => "nginx",
            Software::Apache => "Apache",
            Software::Iis => "IIS",
            Software::Postfix => "Postfix",
            Software::Dovecot => "Dovecot",
            Software::Certbot => "certbot",
        }
    }

    /// Software that serves web pages: its steps make sense only on a web port.
    #[cfg(test)]
    pub const fn is_web_server(self) -> bool {
        matches!(self, Software::Nginx | Software::Apache | Software::Iis)
    }
}

/// Every phrase a plan can hold, by group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Say<'a> {
    Common(common::Say),
    Reach(reach::Say<'a>),
    Local(local::Say<'a>),
    Cert(cert::Say<'a>),
    Hygiene(hygiene::Say<'a>),
    Protocol(protocol::Say<'a>),
    Browser(browser::Say),
}

impl<'a> From<common::Say> for Say<'a> {
    fn from(say: common::Say) -> Self {
        Say::Common(say)
    }
}

/// The plan for `kind`: its group's (the findings table names it). A group answers `None` only
/// for a kind that is not its own; a test walks every sample to keep that from happening.
pub(crate) fn plan<'a>(kind: &'a FindingKind, case: &Case<'_>) -> Plan<'a> {
    use crate::wire::Group as G;
    let planned = match kind.id().group() {
        G::Reach => reach::plan(kind, case),
        G::Cert => cert::plan(kind, case),
        G::Hygiene => hygiene::plan(kind, case),
        G::Protocol => protocol::plan(kind, case),
        G::Local => local::plan(kind, case),
        G::Browser => browser::plan(kind, case),
    };

    planned.unwrap_or_else(|| Plan {
        headline: common::Say::ContactSiteAdmin.into(),
        danger: common::Say::ContactSiteAdmin.into(),
        meaning: Vec::new(),
        user_steps: vec![common::Say::ContactSiteAdmin.into()],
        admin: Vec::new(),
        side: None,
        severity: None,
    })
}

/// A phrase in words.
pub(crate) fn words(say: &Say<'_>, f: &Fmt<'_>) -> String {
    use super::Lang;
    match (say, f.lang) {
        (Say::Common(s), Lang::Ja) => common::ja::say(s, f),
        (Say::Common(s), Lang::En) => common::en::say(s, f),
        (Say::Reach(s), Lang::Ja) => reach::ja::say(s, f),
        (Say::Reach(s), Lang::En) => reach::en::say(s, f),
        (Say::Local(s), Lang::Ja) => local::ja::say(s, f),
        (Say::Local(s), Lang::En) => local::en::say(s, f),
        (Say::Cert(s), Lang::Ja) => cert::ja::say(s, f),
        (Say::Cert(s), Lang::En) => cert::en::say(s, f),
        (Say::Hygiene(s), Lang::Ja) => hygiene::ja::say(s, f),
        (Say::Hygiene(s), Lang::En) => hygiene::en::say(s, f),
        (Say::Protocol(s), Lang::Ja) => protocol::ja::say(s, f),
        (Say::Protocol(s), Lang::En) => protocol::en::say(s, f),
        (Say::Browser(s), Lang::Ja) => browser::ja::say(s, f),
        (Say::Browser(s), Lang::En) => browser::en::say(s, f),
    }
}

/// An admin step in words.
pub(crate) fn fix_words(fix: &Fix<'_>, f: &Fmt<'_>) -> AdminStep {
    AdminStep { software: fix.software.map(|s| s.name().to_owned()), text: words(&fix.say, f) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::samples::{samples, target_for};
    use crate::wire::{FindingId, Group};

    /// Every sample of every finding is planned by the group the findings table names.
    #[test]
    fn every_finding_is_planned_by_its_group() {
        let tz = crate::time::FixedOffset(540);
        for id in FindingId::ALL {
            for kind in samples(*id) {
                let target = target_for(&kind);
                let case = Case { service: Service::of(&target), host: &target.host, no_proceed: false, tz: &tz };
                let planned = match id.group() {
                    Group::Reach => reach::plan(&kind, &case).is_some(),
                    Group::Cert => cert::plan(&kind, &case).is_some(),
                    Group::Hygiene => hygiene::plan(&kind, &case).is_some(),
                    Group::Protocol => protocol::plan(&kind, &case).is_some(),
                    Group::Local => local::plan(&kind, &case).is_some(),
                    Group::Browser => browser::plan(&kind, &case).is_some(),
                };
                assert!(planned, "{id:?} is not planned by {:?}", id.group());
            }
        }
    }
}

#[cfg(test)]
mod summary_tests {
    use crate::explain::{Lang, explain};
    use crate::test_support::{diagnosis, target};
    use crate::time::FixedOffset;
    use crate::wire::{Finding, FindingKind, Plaintext, Side};

    /// The summary above the card says the side the card says: an SMTP banner on a port that is
    /// no mail port is "side unknown" on the card, so the summary must not blame the server.
    #[test]
    fn the_summary_follows_the_cards_side() {
        let kind = FindingKind::WrongProtocolOnPort {
            port: 34037,
            seen: Plaintext::Smtp,
            first_line: "220 mail.example.jp ESMTP".into(),
            starttls: None,
        };
        let finding = Finding::new(kind.clone());
        let d = diagnosis(target("www.example.jp", 34037), vec![kind]);
        for lang in Lang::ALL {
            let e = explain(&d, lang, &FixedOffset(540));
            let card = e.findings.first().map(|c| c.side);
            assert_ne!(card, Some(finding.side), "the case refines the side here");
            assert_eq!(card, Some(Side::Unknown));
            assert_ne!(e.summary, server_summary(lang), "{lang:?}: {}", e.summary);
        }
    }

    fn server_summary(lang: Lang) -> String {
        let kind = FindingKind::SelfSigned { subject: "x".into() };
        let d = diagnosis(target("www.example.jp", 443), vec![kind]);
        explain(&d, lang, &FixedOffset(540)).summary
    }
}
