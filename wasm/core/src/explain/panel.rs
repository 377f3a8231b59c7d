//! The words of the extension's 「メールの設定を診断」 panel that no report carries: the tab
//! names, the form, the progress line, and what is wrong with the input. Japanese is the source
//! ([`ja`]); [`en`] mirrors it. Both `match` exhaustively on [`Say`], so a new label does not
//! compile until both languages can say it. The popup builds no sentence of its own.

use serde::{Deserialize, Serialize};

use super::Lang;

/// The panel's labels in one language (`panel_labels`), as the popup renders them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelLabels {
    pub lang: Lang,
    /// The tablist's name, for screen readers.
    pub tabs: String,
    /// The first tab: the current page's error.
    pub tab_page: String,
    /// The second tab: 「メールの設定を診断」.
    pub tab_mail: String,
    /// One or two sentences above the form: what to type and what happens.
    pub intro: String,
    pub input_label: String,
    pub placeholder: String,
    pub submit: String,
    /// Who does the check, and what happens to what was typed.
    pub via_host: String,
    /// Progress while the host looks for and checks a domain's servers.
    pub checking_mail: String,
    /// Progress while the host checks one server.
    pub checking_server: String,
    /// The summary of each server's full diagnosis.
    pub details: String,
    /// Shown with every result that does not already say it: never choose "no SSL".
    pub plain_warning: String,
    /// The heading of a one-server result.
    pub server_result: String,
    /// The tag on a server the recommended settings use.
    pub recommended_tag: String,
}

/// Why the typed text is not sent to the host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputProblem {
    /// Nothing typed.
    Empty,
    /// Neither an address, a domain, nor `server:port`.
    NotUnderstood { input: String },
    /// An IP address without a port: an address has no mail records, so a port is needed.
    NeedsPort { input: String },
    /// A port outside 1–65535.
    BadPort { input: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Say<'a> {
    Tabs,
    TabPage,
    TabMail,
    Intro,
    InputLabel,
    Placeholder,
    Submit,
    ViaHost,
    CheckingMail,
    CheckingServer,
    Details,
    PlainWarning,
    ServerResult,
    RecommendedTag,
    Problem(&'a InputProblem),
}

fn ja(say: &Say<'_>) -> String {
    match say {
        Say::Tabs => "診断の種類".into(),
        Say::TabPage => "このページ".into(),
        Say::TabMail => "メールの設定を診断".into(),
        Say::Intro => "メールアドレスを入力すると、メールサーバーを探して、安全に接続できるかを確かめます。サーバー名とポート番号（例：mail.example.jp:587）を入力すると、そのサーバーだけを確かめます。".into(),
        Say::InputLabel => "メールアドレス、またはサーバー名とポート番号".into(),
        Say::Placeholder => "user@example.jp または mail.example.jp:587".into(),
        Say::Submit => "診断する".into(),
        Say::ViaHost => "確認は、この端末に入っているTLS Doctorの診断ツールが行います。入力した内容は診断ツールにだけ渡します。拡張機能には保存しません。".into(),
        Say::CheckingMail => "メールサーバーを探して、確かめています。20秒ほどかかることがあります…".into(),
        Say::CheckingServer => "サーバーに直接つないで確かめています…".into(),
        Say::Details => "くわしく見る".into(),
        Say::PlainWarning => "メールアプリで「SSLなし」（暗号化なし）を選ばないでください。パスワードとメールが、途中で読める形で送られます。".into(),
        Say::ServerResult => "サーバーの診断結果".into(),
        Say::RecommendedTag => "おすすめ".into(),
        Say::Problem(InputProblem::Empty) => "メールアドレスか、サーバー名とポート番号を入力してください。".into(),
        Say::Problem(InputProblem::NotUnderstood { input }) => format!(
            "「{input}」は、メールアドレスとしても、サーバー名とポート番号としても読み取れません。user@example.jp や mail.example.jp:587 のように入力してください。"
        ),
        Say::Problem(InputProblem::NeedsPort { input }) => format!(
            "IPアドレスを調べるときは、ポート番号も入力してください（例：{input}:993）。"
        ),
        Say::Problem(InputProblem::BadPort { input }) => {
            format!("「{input}」のポート番号が正しくありません。ポート番号は 1 から 65535 までの数字です。")
        }
    }
}

fn en(say: &Say<'_>) -> String {
    match say {
        Say::Tabs => "What to check".into(),
        Say::TabPage => "This page".into(),
        Say::TabMail => "Check mail settings".into(),
        Say::Intro => "Enter a mail address to find its mail servers and check that they can be reached safely. Enter a server name and port (for example mail.example.jp:587) to check only that server.".into(),
        Say::InputLabel => "Mail address, or server name and port".into(),
        Say::Placeholder => "user@example.jp or mail.example.jp:587".into(),
        Say::Submit => "Check".into(),
        Say::ViaHost => "The check is made by the TLS Doctor diagnostic tool installed on this computer. What you enter is passed only to that tool. The extension does not store it.".into(),
        Say::CheckingMail => "Finding and checking the mail servers. This can take about 20 seconds…".into(),
        Say::CheckingServer => "Connecting to the server to check it…".into(),
        Say::Details => "Details".into(),
        Say::PlainWarning => "Do not choose \"no SSL\" (unencrypted) in your mail app. Your password and mail would travel in a readable form.".into(),
        Say::ServerResult => "Result for the server".into(),
        Say::RecommendedTag => "Recommended".into(),
        Say::Problem(InputProblem::Empty) => "Enter a mail address, or a server name and port.".into(),
        Say::Problem(InputProblem::NotUnderstood { input }) => format!(
            "\"{input}\" is neither a mail address nor a server name and port. Enter something like user@example.jp or mail.example.jp:587."
        ),
        Say::Problem(InputProblem::NeedsPort { input }) => {
            format!("To check an IP address, enter a port too (for example {input}:993).")
        }
        Say::Problem(InputProblem::BadPort { input }) => {
            format!("The port in \"{input}\" is not valid. A port is a number from 1 to 65535.")
        }
    }
}

fn say(lang: Lang, s: &Say<'_>) -> String {
    match lang {
        Lang::Ja => ja(s),
        Lang::En => en(s),
    }
}

/// The panel's labels.
pub fn panel_labels(lang: Lang) -> PanelLabels {
    let s = |x: Say<'_>| say(lang, &x);
    PanelLabels {
        lang,
        tabs: s(Say::Tabs),
        tab_page: s(Say::TabPage),
        tab_mail: s(Say::TabMail),
        intro: s(Say::Intro),
        input_label: s(Say::InputLabel),
        placeholder: s(Say::Placeholder),
        submit: s(Say::Submit),
        via_host: s(Say::ViaHost),
        checking_mail: s(Say::CheckingMail),
        checking_server: s(Say::CheckingServer),
        details: s(Say::Details),
        plain_warning: s(Say::PlainWarning),
        server_result: s(Say::ServerResult),
        recommended_tag: s(Say::RecommendedTag),
    }
}

/// What is wrong with the input, in words.
pub fn input_problem(problem: &InputProblem, lang: Lang) -> String {
    say(lang, &Say::Problem(problem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_is_said_in_both_languages() {
        for lang in Lang::ALL {
            let l = panel_labels(lang);
            let all = [
                &l.tabs,
                &l.tab_page,
                &l.tab_mail,
                &l.intro,
                &l.input_label,
                &l.placeholder,
                &l.submit,
                &l.via_host,
                &l.checking_mail,
                &l.checking_server,
                &l.details,
                &l.plain_warning,
                &l.server_result,
                &l.recommended_tag,
            ];
            assert!(all.iter().all(|t| !t.trim().is_empty()), "{l:?}");
        }
        assert_eq!(panel_labels(Lang::Ja).tab_mail, "メールの設定を診断");
        assert!(panel_labels(Lang::Ja).plain_warning.contains("「SSLなし」"));
    }

    #[test]
    fn input_problems_quote_the_input() {
        let p = InputProblem::NotUnderstood { input: "abc".into() };
        assert!(input_problem(&p, Lang::Ja).contains("「abc」"));
        assert!(input_problem(&p, Lang::En).contains("\"abc\""));
        assert!(
            input_problem(&InputProblem::NeedsPort { input: "192.0.2.1".into() }, Lang::Ja).contains("192.0.2.1:993")
        );
    }
}
