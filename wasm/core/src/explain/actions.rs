//! What the popup offers to do about a diagnosis, besides the words: the buttons it shows.
//! Decided here, from the findings, so that the extension's JS routes and renders only (it
//! shows a button for each action listed and knows no finding).

use crate::wire::{Diagnosis, FindingId};

/// Something the popup can do for the user from the explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Clear what the browser keeps of the page's site and load it again
    /// (`stale_browser_state`: the server is healthy now, the browser's state is not).
    StaleClear,
}

impl Action {
    /// The name the popup routes on.
    pub const fn as_str(self) -> &'static str {
        match self {
            Action::StaleClear => "stale_clear",
        }
    }
}

/// The actions the primary finding offers, in the order to show them.
pub fn actions(diagnosis: &Diagnosis) -> Vec<Action> {
    match diagnosis.findings.first().map(|f| f.id()) {
        Some(FindingId::StaleBrowserState) => vec![Action::StaleClear],
        _ => Vec::new(),
    }
}
