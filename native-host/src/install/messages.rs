//! What `tls-doctor install` and `uninstall` say, as typed messages converted to the core
//! catalog's notices (`tls_doctor_core::explain::Notice`), where the words of both languages
//! live with every other message.

use std::path::Path;

use tls_doctor_core::explain::{self, Lang, Notice};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message<'a> {
    Installed { path: &'a Path },
    AlreadyInstalled { path: &'a Path },
    Removed { path: &'a Path },
    NothingToRemove,
    Registered { key: &'a str },
    Unregistered { key: &'a str },
    LeftForeign { path: &'a Path, name: &'a str },
    LeftMalformed { path: &'a Path, detail: &'a str },
    CannotWrite { path: &'a Path, error: &'a str },
    CannotRemove { path: &'a Path, error: &'a str },
    CannotRegister { key: &'a str, error: &'a str },
    NeedsAdmin,
    NothingWritten,
    NoUserDir { variable: &'a str },
    NoExePath { error: &'a str },
    BadExtensionId { id: &'a str },
    ManifestDirNeedsOneBrowser,
}

pub fn text(message: &Message<'_>, lang: Lang) -> String {
    explain::notice(&notice(message), lang)
}

fn notice(message: &Message<'_>) -> Notice {
    let p = |path: &Path| path.display().to_string();
    let s = |text: &str| text.to_owned();
    match message {
        Message::Installed { path } => Notice::Installed { path: p(path) },
        Message::AlreadyInstalled { path } => Notice::AlreadyInstalled { path: p(path) },
        Message::Removed { path } => Notice::Removed { path: p(path) },
        Message::NothingToRemove => Notice::NothingToRemove,
        Message::Registered { key } => Notice::Registered { key: s(key) },
        Message::Unregistered { key } => Notice::Unregistered { key: s(key) },
        Message::LeftForeign { path, name } => Notice::LeftForeign { path: p(path), name: s(name) },
        Message::LeftMalformed { path, detail } => Notice::LeftMalformed { path: p(path), detail: s(detail) },
        Message::CannotWrite { path, error } => Notice::CannotWrite { path: p(path), error: s(error) },
        Message::CannotRemove { path, error } => Notice::CannotRemove { path: p(path), error: s(error) },
        Message::CannotRegister { key, error } => Notice::CannotRegister { key: s(key), error: s(error) },
        Message::NeedsAdmin => Notice::NeedsAdmin,
        Message::NothingWritten => Notice::NothingWritten,
        Message::NoUserDir { variable } => Notice::NoUserDir { variable: s(variable) },
        Message::NoExePath { error } => Notice::NoExePath { error: s(error) },
        Message::BadExtensionId { id } => Notice::BadExtensionId { id: s(id) },
        Message::ManifestDirNeedsOneBrowser => Notice::ManifestDirNeedsOneBrowser,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_words_in_both_languages() {
        let p = Path::new("/x/jp.tlsdoctor.host.json");
        let all = [
            Message::Installed { path: p },
            Message::AlreadyInstalled { path: p },
            Message::Removed { path: p },
            Message::NothingToRemove,
            Message::Registered { key: "K" },
            Message::Unregistered { key: "K" },
            Message::LeftForeign { path: p, name: "n" },
            Message::LeftMalformed { path: p, detail: "d" },
            Message::CannotWrite { path: p, error: "e" },
            Message::CannotRemove { path: p, error: "e" },
            Message::CannotRegister { key: "K", error: "e" },
            Message::NeedsAdmin,
            Message::NothingWritten,
            Message::NoUserDir { variable: "HOME" },
            Message::NoExePath { error: "e" },
            Message::BadExtensionId { id: "i" },
            Message::ManifestDirNeedsOneBrowser,
        ];
        for m in &all {
            let (ja, en) = (text(m, Lang::Ja), text(m, Lang::En));
            assert!(ja.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)), "{ja}");
            assert!(en.is_ascii(), "{en}");
            assert!(!ja.contains('\n') && !en.contains('\n'));
        }
    }
}
