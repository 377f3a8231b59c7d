//! The catalog, reviewed as prose: every message of both languages is rendered into one file
//! per language (`tests/snapshots/catalog.{ja,en}.txt`), committed, and compared here. To
//! accept a change in wording, run with `UPDATE_SNAPSHOTS=1` and review the diff.
//!
//! Also: the Japanese is polite (です・ます), uses one spelling per term, and no message is
//! empty in either language.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![allow(clippy::disallowed_methods)] // tests may read the environment

mod common;

use tls_doctor_core::FixedOffset;
use tls_doctor_core::explain::samples::{samples, target_for};
use tls_doctor_core::explain::{self, Lang, Notice};
use tls_doctor_core::test_support::target;
use tls_doctor_core::wire::*;

const JST: FixedOffset = FixedOffset(9 * 60);

fn notices() -> Vec<Notice> {
    vec![
        Notice::BadTarget { input: "exa mple.jp".into(), reason: "name".into() },
        Notice::BadPort { input: "70000".into() },
        Notice::PlainHttpUrl { input: "http://example.jp/".into() },
        Notice::BadAddress { input: "192.0.2".into() },
        Notice::BadSni { input: "-bad".into() },
        Notice::BadTimeout { input: "0".into() },
        Notice::CaFileUnreadable { path: "/tmp/ca.pem".into(), error: "No such file or directory (os error 2)".into() },
        Notice::CaFileEmpty { path: "/tmp/ca.pem".into() },
        Notice::Internal { detail: "runtime".into() },
        Notice::HostMissing,
        Notice::HostOutdated { found: "0.0.9".into(), needed: "0.1.0".into() },
        Notice::HostFailed { detail: "bad_json".into() },
        Notice::Installed { path: "/home/u/.config/chromium/NativeMessagingHosts/jp.tlsdoctor.host.json".into() },
        Notice::AlreadyInstalled { path: "/etc/chromium/native-messaging-hosts/jp.tlsdoctor.host.json".into() },
        Notice::Removed { path: "/home/u/.mozilla/native-messaging-hosts/jp.tlsdoctor.host.json".into() },
        Notice::NothingToRemove,
        Notice::Registered { key: r"HKCU\Software\Google\Chrome\NativeMessagingHosts\jp.tlsdoctor.host".into() },
        Notice::Unregistered { key: r"HKCU\Software\Google\Chrome\NativeMessagingHosts\jp.tlsdoctor.host".into() },
        Notice::LeftForeign { path: "/x/jp.tlsdoctor.host.json".into(), name: "com.example.other".into() },
        Notice::LeftMalformed { path: "/x/jp.tlsdoctor.host.json".into(), detail: "expected value at line 1".into() },
        Notice::CannotWrite { path: "/etc/opt/chrome".into(), error: "Permission denied (os error 13)".into() },
        Notice::CannotRemove { path: "/etc/opt/chrome".into(), error: "Permission denied (os error 13)".into() },
        Notice::CannotRegister { key: "HKLM".into(), error: "Access is denied".into() },
        Notice::NeedsAdmin,
        Notice::NothingWritten,
        Notice::NoUserDir { variable: "HOME".into() },
        Notice::NoExePath { error: "No such file".into() },
        Notice::BadExtensionId { id: "xyz".into() },
        Notice::ManifestDirNeedsOneBrowser,
    ]
}

/// Every message of one language, as one reviewable text.
fn render(lang: Lang) -> String {
    let mut out = String::new();
    for id in FindingId::ALL {
        for (n, kind) in samples(*id).into_iter().enumerate() {
            let target = target_for(&kind);
            let e = explain::explain_finding_on(&Finding::new(kind), &target, lang, &JST);
            out.push_str(&format!("== {}#{} [{} / {}]\n", id.as_str(), n + 1, e.side_label, e.severity_label));
            out.push_str(&format!("headline: {}\n", e.headline));
            out.push_str(&format!("meaning: {}\n", e.meaning));
            out.push_str(&format!("danger: {}\n", e.danger));
            for (i, s) in e.user_steps.iter().enumerate() {
                out.push_str(&format!("user.{}: {s}\n", i + 1));
            }
            for (i, s) in e.admin_steps.iter().enumerate() {
                let sw = s.software.as_deref().map(|s| format!("{s}: ")).unwrap_or_default();
                out.push_str(&format!("admin.{}: {sw}{}\n", i + 1, s.text));
            }
            for line in &e.evidence {
                out.push_str(&format!("evidence: {} = {}\n", line.label, line.value));
            }
            out.push('\n');
        }
    }
    // The admin steps that differ on a mail server (Postfix, Dovecot).
    for target in mail_targets() {
        for id in FindingId::ALL {
            for (n, kind) in samples(*id).into_iter().enumerate() {
                // Only findings that name no port of their own can be shown on a mail port.
                if target_for(&kind).port != 443 {
                    continue;
                }
                let finding = Finding::new(kind);
                let web = explain::explain_finding(&finding, lang, &JST);
                let mail = explain::explain_finding_on(&finding, &target, lang, &JST);
                if mail.admin_steps == web.admin_steps
                    && mail.danger == web.danger
                    && mail.meaning == web.meaning
                    && mail.user_steps == web.user_steps
                {
                    continue;
                }
                out.push_str(&format!("== {}#{} on {}:{}\n", id.as_str(), n + 1, target.host, target.port));
                if mail.meaning != web.meaning {
                    out.push_str(&format!("meaning: {}\n", mail.meaning));
                }
                if mail.danger != web.danger {
                    out.push_str(&format!("danger: {}\n", mail.danger));
                }
                if mail.user_steps != web.user_steps {
                    for (i, s) in mail.user_steps.iter().enumerate() {
                        out.push_str(&format!("user.{}: {s}\n", i + 1));
                    }
                }
                for (i, s) in mail.admin_steps.iter().enumerate() {
                    let sw = s.software.as_deref().map(|s| format!("{s}: ")).unwrap_or_default();
                    out.push_str(&format!("admin.{}: {sw}{}\n", i + 1, s.text));
                }
                out.push('\n');
            }
        }
    }
    let l = explain::labels(lang);
    out.push_str("== labels\n");
    for (k, v) in [
        ("meaning", &l.meaning),
        ("danger", &l.danger),
        ("user_steps", &l.user_steps),
        ("admin_steps", &l.admin_steps),
        ("evidence", &l.evidence),
        ("also_found", &l.also_found),
        ("certificates", &l.certificates),
    ] {
        out.push_str(&format!("{k}: {v}\n"));
    }
    out.push_str("\n== notices\n");
    for n in notices() {
        out.push_str(&format!("{}\n", explain::notice(&n, lang)));
    }
    out.push_str("\n== mail: providers\n");
    for (key, text) in explain::mail::provider_sentences(lang) {
        out.push_str(&format!("{key}: {text}\n"));
    }
    out
}

#[test]
fn catalog_snapshots_match() {
    for lang in Lang::ALL {
        common::check_snapshot("catalog", lang, &render(lang));
    }
}

/// A submission port with STARTTLS (Postfix) and an IMAPS port (Dovecot).
fn mail_targets() -> [Target; 2] {
    [
        Target { starttls: Some(StarttlsProtocol::Smtp), ..target("smtp.example.jp", 587) },
        target("imap.example.jp", 993),
    ]
}

/// Every Japanese text a user reads, with its message id.
fn japanese_texts() -> Vec<(String, String)> {
    let mut texts = Vec::new();
    for target in mail_targets() {
        for id in FindingId::ALL {
            for kind in samples(*id).into_iter().filter(|k| target_for(k).port == 443) {
                let e = explain::explain_finding_on(&Finding::new(kind), &target, Lang::Ja, &JST);
                texts.extend(e.admin_steps.into_iter().map(|s| (format!("{}.mail.admin", id.as_str()), s.text)));
                texts.push((format!("{}.mail.danger", id.as_str()), e.danger));
                texts.push((format!("{}.mail.meaning", id.as_str()), e.meaning));
                texts.extend(e.user_steps.into_iter().map(|s| (format!("{}.mail.user", id.as_str()), s)));
            }
        }
    }
    for id in FindingId::ALL {
        for kind in samples(*id) {
            let e = explain::explain_finding_on(&Finding::new(kind.clone()), &target_for(&kind), Lang::Ja, &JST);
            let key = id.as_str();
            texts.push((format!("{key}.meaning"), e.meaning));
            texts.push((format!("{key}.danger"), e.danger));
            texts.extend(e.user_steps.into_iter().map(|s| (format!("{key}.user"), s)));
            texts.extend(e.admin_steps.into_iter().map(|s| (format!("{key}.admin"), s.text)));
            texts.push((format!("{key}.headline"), e.headline));
        }
    }
    // The mail report's words of issue 16's providers part.
    texts.extend(explain::mail::provider_sentences(Lang::Ja));
    // The popup's notices are read like findings; the command line's quote paths, flags and
    // the OS's own error text.
    texts.extend(notices().iter().map(|n| {
        let key = if explain::browser_notice(n, Lang::Ja).is_empty() { "notice.cli" } else { "notice.browser" };
        (key.to_owned(), explain::notice(n, Lang::Ja))
    }));
    texts
}

/// One spelling per term. The left side is what we write; the right side lists what we do not.
const GLOSSARY: &[(&str, &[&str])] = &[
    (
        "サーバー",
        &["サーバ ", "サーバ。", "サーバの", "サーバを", "サーバが", "サーバに", "サーバと", "サーバで", "サーバは"],
    ),
    ("ブラウザ", &["ブラウザー"]),
    ("ユーザー", &["ユーザ "]),
    ("証明書", &["証明証", "認証書"]),
    ("中間証明書", &["中間CA証明書", "中間認証局証明書"]),
    ("メールアプリ", &["メールソフト", "メーラー", "メールクライアント"]),
    ("端末", &["デバイス"]),
    ("確かめて", &["確認して下さい", "下さい"]),
    ("IPアドレス", &["IP アドレス", "ＩＰアドレス"]),
];

#[test]
fn japanese_uses_one_spelling_per_term() {
    for (key, text) in japanese_texts() {
        for (ours, banned) in GLOSSARY {
            for b in *banned {
                assert!(!text.contains(b), "{key}: write {ours}, not {b:?}: {text}");
            }
        }
    }
}

/// Sentences end politely (です・ます調). Admin steps may end in a code span or a noun phrase
/// in parentheses; headlines are titles.
#[test]
fn japanese_is_polite() {
    const POLITE: &[&str] = &["です", "ます", "ません", "ください", "でした", "ました", "ましょう"];
    for (key, text) in japanese_texts() {
        if key.ends_with(".headline") || key.ends_with(".admin") {
            continue;
        }
        for sentence in text.split('。').map(str::trim).filter(|s| !s.is_empty()) {
            // A closing quote, or a parenthetical such as (あと60日), may follow the verb.
            let bare = strip_trailing_parenthetical(sentence.trim_end_matches('」'));
            assert!(POLITE.iter().any(|p| bare.ends_with(p)), "{key}: not polite: {sentence}。");
        }
        assert!(text.ends_with('。') || text.ends_with('）'), "{key}: ends without 。: {text}");
    }
}

/// `有効です(あと60日(目安))` → `有効です`.
fn strip_trailing_parenthetical(s: &str) -> &str {
    if !s.ends_with([')', '）']) {
        return s;
    }
    let mut depth = 0;
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' => {
                depth -= 1;
                if depth == 0 {
                    return &s[..i];
                }
            }
            _ => {}
        }
    }
    s
}

#[test]
fn no_message_is_empty_and_english_has_no_japanese() {
    for id in FindingId::ALL {
        for kind in samples(*id) {
            for lang in Lang::ALL {
                let e = explain::explain_finding_on(&Finding::new(kind.clone()), &target_for(&kind), lang, &JST);
                for text in [&e.headline, &e.meaning, &e.danger] {
                    assert!(!text.trim().is_empty(), "{id:?} {lang:?}");
                    if lang == Lang::En {
                        assert!(text.chars().all(|c| (c as u32) < 0x3000), "{id:?}: Japanese in English: {text}");
                    }
                }
                assert!(!e.user_steps.is_empty(), "{id:?} {lang:?}: no user steps");
                assert!(!e.admin_steps.is_empty(), "{id:?} {lang:?}: no admin steps");
            }
        }
    }
}

/// Glosses: the first use of each technical word in a finding's explanation comes with its
/// one-line explanation in parentheses.
#[test]
fn technical_words_are_glossed_in_japanese() {
    const TERMS: &[&str] = &[
        "中間証明書",
        "認証局",
        "DNS",
        "SNI",
        "TLSハンドシェイク",
        "ワイルドカード",
        "ファイアウォール",
        "VPN",
        "クライアント証明書",
    ];
    for id in FindingId::ALL {
        for kind in samples(*id) {
            let e = explain::explain_finding_on(&Finding::new(kind.clone()), &target_for(&kind), Lang::Ja, &JST);
            let text = format!("{}{}{}", e.meaning, e.danger, e.user_steps.concat());
            for term in TERMS {
                if let Some(at) = text.find(term) {
                    let after = &text[at + term.len()..];
                    // `term（gloss）`, `（term：gloss）`, `「*.example.jp」の「*」（gloss）`, or `（termなど、gloss）`.
                    let glossed = after.starts_with(['（', '：'])
                        || after.starts_with("」の「*」（")
                        || after.starts_with("など、");
                    assert!(glossed, "{id:?}: first {term} has no gloss: {text}");
                }
            }
        }
    }
}

/// A text without its code spans (`` `…` ``), which may hold anything a config file does.
fn without_code(text: &str) -> String {
    text.split('`').enumerate().filter(|(i, _)| i % 2 == 0).map(|(_, s)| s).collect::<Vec<_>>().join("`…`")
}

fn is_kana_or_kanji(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x30FF | 0x4E00..=0x9FFF)
}

/// What `docs/GLOSSARY.md` forbids, found in one Japanese text (code spans removed).
fn drift(key: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let t = without_code(text);
    let banned: &[(&str, &str)] = &[
        ("このコンピューター", "端末"),
        ("コンピュータ", "端末 or パソコン"),
        ("TLSの版", "TLSのバージョン"),
        ("の版", "バージョン"),
        ("警告を無視", "警告を越えて先に進む"),
        ("危険性を承知", "警告を越えて先に進む"),
        ("（UTC+09:00）", "（日本時間）"),
        ("メールソフト", "メールアプリ"),
        ("＝", "a gloss without ＝"),
    ];
    for (bad, good) in banned {
        if t.contains(bad) {
            found.push(format!("{key}: {bad:?} (write {good}): {text}"));
        }
    }
    // UTC+9:00 instead of UTC+09:00.
    if let Some(at) = t.find("UTC+").or_else(|| t.find("UTC-")) {
        let rest = &t[at + 4..];
        if rest.chars().nth(1) == Some(':') {
            found.push(format!("{key}: offset written without two digits: {text}"));
        }
    }
    let chars: Vec<char> = t.chars().collect();
    let mut depth = 0usize;
    // Inside 「」 a label is quoted as the software shows it ("Google Chrome について").
    let mut quoted = 0usize;
    for (i, c) in chars.iter().enumerate() {
        match c {
            '「' => quoted += 1,
            '」' => quoted = quoted.saturating_sub(1),
            '（' => {
                depth += 1;
                if depth > 1 {
                    found.push(format!("{key}: brackets inside brackets: {text}"));
                }
            }
            '）' => depth = depth.saturating_sub(1),
            // Half-width brackets in a Japanese sentence (values in admin steps may keep them).
            '(' | ')' if !key.ends_with(".admin") && key != "notice.cli" => {
                found.push(format!("{key}: half-width bracket: {text}"))
            }
            '：' if depth > 0 => found.push(format!("{key}: gloss with ：: {text}")),
            ' ' if !key.ends_with(".admin") && key != "notice.cli" && quoted == 0 => {
                let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied().unwrap_or(' ');
                let after = chars.get(i + 1).copied().unwrap_or(' ');
                if (before.is_ascii_alphanumeric() && is_kana_or_kanji(after))
                    || (is_kana_or_kanji(before) && after.is_ascii_alphanumeric())
                {
                    found.push(format!("{key}: space between Latin and kana: {text}"));
                }
            }
            _ => {}
        }
    }
    // Raw English in a Japanese sentence: two lowercase English words in a row, or an
    // identifier in CamelCase with three humps or more. (Admin steps name directives.)
    if !key.ends_with(".admin") && key != "notice.cli" {
        let words: Vec<&str> = t.split(|c: char| !c.is_ascii_alphabetic() && c != '\'').collect();
        let english = t.split(|c: char| !(c.is_ascii_alphabetic() || c == ' ')).any(|run| {
            run.split(' ').filter(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_lowercase())).count() >= 2
        });
        let camel = words.iter().any(|w| {
            w.chars().filter(char::is_ascii_uppercase).count() >= 3
                && w.chars().any(|c| c.is_ascii_lowercase())
                && !["CAcert", "GlobalSign", "DigiCert", "OpenSSL", "BoringSSL", "LibreSSL", "GnuTLS"].contains(w)
        });
        if english || camel {
            found.push(format!("{key}: raw English in a Japanese sentence: {text}"));
        }
    }
    found
}

/// The house rules of `docs/GLOSSARY.md`, over every Japanese text, and one gloss per term.
#[test]
fn words_do_not_drift() {
    let mut found = Vec::new();
    let mut glosses: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> = Default::default();
    for (key, text) in japanese_texts() {
        found.extend(drift(&key, &text));
        for term in ["プロキシ", "中間証明書", "クライアント証明書", "STARTTLS", "証明書", "DNS", "VPN", "ポート"]
        {
            let mut rest = text.as_str();
            while let Some(at) = rest.find(&format!("{term}（")) {
                // Only the term itself, not the end of a longer word (ルート証明書).
                let whole = !rest[..at].chars().next_back().is_some_and(is_kana_or_kanji);
                let after = &rest[at + term.len() + '（'.len_utf8()..];
                let gloss: String = after.chars().take_while(|c| *c != '）').collect();
                // A quoted value in brackets (a file name, a CA's name) is not a gloss.
                if whole && gloss.chars().any(is_kana_or_kanji) && !gloss.ends_with("など") {
                    glosses.entry(term.to_owned()).or_default().insert(gloss);
                }
                rest = after;
            }
        }
    }
    for (term, set) in &glosses {
        if set.len() > 1 {
            found.push(format!("{term} glossed {} ways: {set:?}", set.len()));
        }
    }
    let english = render(Lang::En);
    // A term's marker (`‹Certificate›`) that the glossary did not write out.
    for text in [render(Lang::Ja), english.clone()] {
        if let Some(line) = text.lines().find(|l| l.contains('‹') || l.contains('\u{E000}')) {
            found.push(format!("a term marker left in: {line}"));
        }
    }
    if english.contains("UTC+9:00") {
        found.push("English: UTC+9:00 (write UTC+09:00)".into());
    }
    assert!(
        found.is_empty(),
        "{} drifts, first 400:\n{}",
        found.len(),
        found.iter().take(400).cloned().collect::<Vec<_>>().join("\n")
    );
}
