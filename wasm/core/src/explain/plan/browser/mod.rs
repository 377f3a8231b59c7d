//! What the browser reported, before (or without) the host's measurements: the first
//! explanation of a browser error from its code alone.

pub(crate) mod en;
pub(crate) mod ja;

use super::{Case, Fix, Plan};
use crate::wire::{Cause, ErrorCategory, FindingKind};

/// How many usual causes a browser error lists: more would bury the likely ones.
pub(crate) const CAUSES_SHOWN: usize = 4;

/// The words for a kind of browser error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CategoryText {
    pub headline: &'static str,
    pub meaning: &'static str,
    pub danger: &'static str,
    pub admin: &'static str,
}

/// The words for one usual cause of a browser error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CauseText {
    /// A short noun phrase: "The device's clock is ahead".
    pub label: &'static str,
    /// One sentence: how the user can tell whether this is the cause.
    pub how_to_tell: &'static str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Say<'a> {
    Headline(ErrorCategory),
    Meaning(ErrorCategory),
    Danger(ErrorCategory),
    Admin(ErrorCategory),
    Reported { code: &'a str },
    HealthyNow,
    CausesBelow,
    Cause(Cause),
    DontGoPastUntilKnown,
}

impl<'a> From<Say<'a>> for super::Say<'a> {
    fn from(say: Say<'a>) -> Self {
        super::Say::Browser(say)
    }
}

pub(crate) fn plan<'a>(kind: &'a FindingKind, _case: &Case<'_>) -> Option<Plan<'a>> {
    let FindingKind::BrowserError { code, category, causes, server_healthy_now, .. } = kind else {
        return None;
    };
    let mut meaning: Vec<super::Say<'a>> = vec![Say::Reported { code }.into(), Say::Meaning(*category).into()];
    if *server_healthy_now {
        meaning.push(Say::HealthyNow.into());
    } else if !causes.is_empty() {
        meaning.push(Say::CausesBelow.into());
    }
    let mut user_steps: Vec<super::Say<'a>> =
        causes.iter().take(CAUSES_SHOWN).map(|c| Say::Cause(*c).into()).collect();
    user_steps.push(Say::DontGoPastUntilKnown.into());
    Some(Plan {
        headline: Say::Headline(*category).into(),
        danger: Say::Danger(*category).into(),
        meaning,
        user_steps,
        admin: vec![Fix::any(Say::Admin(*category))],
        side: None,
    })
}
