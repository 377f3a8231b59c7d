//! The words `tls-doctor install` and `uninstall` print, in Japanese and English. They belong
//! in the core catalog (`tls_doctor_core::explain::Notice`) and are kept here, as one enum
//! with an exhaustive `match` per language, only so that they can move there whole: every
//! message has both languages or it does not compile.

use std::path::Path;

use tls_doctor_core::explain::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message<'a> {
    /// A manifest was written (or replaced an older one of ours).
    Installed {
        path: &'a Path,
    },
    /// Our manifest was already there, word for word.
    AlreadyInstalled {
        path: &'a Path,
    },
    Removed {
        path: &'a Path,
    },
    /// Uninstall found no manifest of ours.
    NothingToRemove,
    /// Windows: the registry key now points at the manifest.
    Registered {
        key: &'a str,
    },
    Unregistered {
        key: &'a str,
    },
    /// A manifest of another host sits at our file name.
    LeftForeign {
        path: &'a Path,
        name: &'a str,
    },
    /// A file at our file name that is not a manifest at all.
    LeftMalformed {
        path: &'a Path,
        detail: &'a str,
    },
    CannotWrite {
        path: &'a Path,
        error: &'a str,
    },
    CannotRemove {
        path: &'a Path,
        error: &'a str,
    },
    CannotRegister {
        key: &'a str,
        error: &'a str,
    },
    /// `--system` and a permission error.
    NeedsAdmin,
    /// Install: not one location was written.
    NothingWritten,
    /// The variable that locates the user's files is not set (`HOME`, `LOCALAPPDATA`).
    NoUserDir {
        variable: &'a str,
    },
    /// The binary's own path, which the manifest must name, is unknown.
    NoExePath {
        error: &'a str,
    },
    BadExtensionId {
        id: &'a str,
    },
    /// `--manifest-dir` with `--browser all`: one directory holds one manifest.
    ManifestDirNeedsOneBrowser,
}

pub fn text(message: &Message<'_>, lang: Lang) -> String {
    match lang {
        Lang::Ja => ja(message),
        Lang::En => en(message),
    }
}

fn ja(message: &Message<'_>) -> String {
    match message {
        Message::Installed { path } => format!("マニフェストを書き込みました：{}", path.display()),
        Message::AlreadyInstalled { path } => format!("マニフェストは書き込み済みです（変更なし）：{}", path.display()),
        Message::Removed { path } => format!("マニフェストを削除しました：{}", path.display()),
        Message::NothingToRemove => "削除する TLS Doctor のマニフェストはありませんでした。".into(),
        Message::Registered { key } => format!("レジストリに登録しました：{key}"),
        Message::Unregistered { key } => format!("レジストリから削除しました：{key}"),
        Message::LeftForeign { path, name } => {
            format!("「{}」は別のホスト（{name}）のマニフェストなので、そのままにしました。", path.display())
        }
        Message::LeftMalformed { path, detail } => {
            format!("「{}」はマニフェストとして読めないので、そのままにしました（{detail}）。", path.display())
        }
        Message::CannotWrite { path, error } => format!("「{}」に書き込めません（{error}）。", path.display()),
        Message::CannotRemove { path, error } => format!("「{}」を削除できません（{error}）。", path.display()),
        Message::CannotRegister { key, error } => format!("レジストリの「{key}」を変更できません（{error}）。"),
        Message::NeedsAdmin => {
            "--system には管理者の権限が必要です。sudo を付けて（Windows では管理者として）実行してください。".into()
        }
        Message::NothingWritten => "マニフェストを一つも書き込めませんでした。".into(),
        Message::NoUserDir { variable } => format!(
            "ユーザーのフォルダーがわかりません（{variable} が設定されていません）。--manifest-dir で書き込み先を指定してください。"
        ),
        Message::NoExePath { error } => format!("tls-doctor 自身の場所がわかりません（{error}）。"),
        Message::BadExtensionId { id } => format!(
            "「{id}」を拡張機能のIDとして読み取れません。Chrome系は a〜p の32文字、Firefox は name@example.jp か {{GUID}} の形で指定してください。"
        ),
        Message::ManifestDirNeedsOneBrowser => {
            "--manifest-dir と一緒に、--browser でブラウザを一つ指定してください（all は使えません）。".into()
        }
    }
}

fn en(message: &Message<'_>) -> String {
    match message {
        Message::Installed { path } => format!("Wrote the manifest: {}", path.display()),
        Message::AlreadyInstalled { path } => {
            format!("The manifest is already installed (unchanged): {}", path.display())
        }
        Message::Removed { path } => format!("Removed the manifest: {}", path.display()),
        Message::NothingToRemove => "No TLS Doctor manifest was found: nothing to remove.".into(),
        Message::Registered { key } => format!("Registered in the registry: {key}"),
        Message::Unregistered { key } => format!("Removed from the registry: {key}"),
        Message::LeftForeign { path, name } => {
            format!("Left {} alone: it is the manifest of another host ({name}).", path.display())
        }
        Message::LeftMalformed { path, detail } => {
            format!("Left {} alone: it is not a readable manifest ({detail}).", path.display())
        }
        Message::CannotWrite { path, error } => format!("Cannot write {} ({error}).", path.display()),
        Message::CannotRemove { path, error } => format!("Cannot remove {} ({error}).", path.display()),
        Message::CannotRegister { key, error } => format!("Cannot change the registry key {key} ({error})."),
        Message::NeedsAdmin => {
            "--system needs administrator rights: run it with sudo (on Windows, as Administrator).".into()
        }
        Message::NothingWritten => "No manifest could be written.".into(),
        Message::NoUserDir { variable } => {
            format!("The user's folder is unknown ({variable} is not set). Give the folder with --manifest-dir.")
        }
        Message::NoExePath { error } => format!("Cannot tell where this tls-doctor program is ({error})."),
        Message::BadExtensionId { id } => format!(
            "{id:?} is not an extension id. Give 32 letters a-p for Chrome and its kin, name@example.jp or {{GUID}} for Firefox."
        ),
        Message::ManifestDirNeedsOneBrowser => "With --manifest-dir, name one browser with --browser (not all).".into(),
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
