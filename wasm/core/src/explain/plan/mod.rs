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

// While findings move here from the old catalogs, some phrases have no user yet.
#![allow(dead_code)]

pub(crate) mod browser;
pub(crate) mod common;
pub(crate) mod reach;

use super::Fmt;
use super::fixes::Service;
use crate::wire::{AdminStep, FindingKind, Side};

/// What the plan needs to know besides the finding.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Case<'a> {
    /// The server software behind the port (web, Postfix, Dovecot…).
    pub service: Service,
    /// The host diagnosed (in admin examples); empty when unknown.
    pub host: &'a str,
    /// The organisation forbids going past a warning ([`crate::wire::Diagnosis::no_proceed`]).
    pub no_proceed: bool,
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
    Windows,
    Macos,
    Linux,
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
            Software::Windows => "Windows",
            Software::Macos => "macOS",
            Software::Linux => "Linux",
        }
    }

    /// Software that serves web pages: its steps make sense only on a web port.
    pub const fn is_web_server(self) -> bool {
        matches!(self, Software::Nginx | Software::Apache | Software::Iis)
    }
}

/// Every phrase a plan can hold, by group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Say<'a> {
    Common(common::Say<'a>),
    Reach(reach::Say<'a>),
    Browser(browser::Say),
}

impl<'a> From<common::Say<'a>> for Say<'a> {
    fn from(say: common::Say<'a>) -> Self {
        Say::Common(say)
    }
}

/// The plan for `kind`, or `None` while its finding is still worded by the old catalogs.
pub(crate) fn plan<'a>(kind: &'a FindingKind, case: &Case<'_>) -> Option<Plan<'a>> {
    reach::plan(kind, case)
        .or_else(|| browser::plan(kind, case))
}

/// A phrase in words.
pub(crate) fn words(say: &Say<'_>, f: &Fmt<'_>) -> String {
    use super::Lang;
    match (say, f.lang) {
        (Say::Common(s), Lang::Ja) => common::ja::say(s, f),
        (Say::Common(s), Lang::En) => common::en::say(s, f),
        (Say::Reach(s), Lang::Ja) => reach::ja::say(s, f),
        (Say::Reach(s), Lang::En) => reach::en::say(s, f),
        (Say::Browser(s), Lang::Ja) => browser::ja::say(s, f),
        (Say::Browser(s), Lang::En) => browser::en::say(s, f),
    }
}

/// An admin step in words.
pub(crate) fn fix_words(fix: &Fix<'_>, f: &Fmt<'_>) -> AdminStep {
    AdminStep { software: fix.software.map(|s| s.name().to_owned()), text: words(&fix.say, f) }
}
