//! The languages the words come in: part of the contract (`"lang": "ja"` in an explanation).

use serde::{Deserialize, Serialize};

/// The languages TLS Doctor speaks. Japanese is the source language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// `ja`, `ja-JP`, `ja_JP.UTF-8` → Japanese; anything else → English.
    pub fn from_locale(locale: &str) -> Lang {
        let lower = locale.trim().to_ascii_lowercase();
        if lower == "ja" || lower.starts_with("ja-") || lower.starts_with("ja_") || lower.starts_with("ja.") {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}
