//! The host's policy in words, for `tls-doctor policy` and the warning `tls-doctor check`
//! prints about ignored keys. Host-only: the extension's module does not call it.
//!
//! Values (paths, keys, ports, host patterns) are shown as written; only the labels and the
//! sentences come from here.

use super::Lang;
use crate::wire::limits::{
    IgnoredKey, IgnoredReason, Limits, PolicyFile, PolicyOrigin, PolicyReport, PolicyStatus, PortSpec,
};

/// One line for stderr: a key of a policy file was ignored.
pub fn ignored_warning(file: &PolicyFile, key: &IgnoredKey, lang: Lang) -> String {
    let why = reason(key.reason, lang);
    match lang {
        Lang::Ja => format!(
            "注意: 設定ファイル {} の「{}」は読み取れないため、使っていません（{why}: {}）。ほかの設定は有効です。",
            file.path, key.key, key.detail
        ),
        Lang::En => format!(
            "Warning: \"{}\" in the policy file {} could not be read and is not used ({why}: {}). The other settings apply.",
            key.key, file.path, key.detail
        ),
    }
}

fn reason(reason: IgnoredReason, lang: Lang) -> &'static str {
    match (reason, lang) {
        (IgnoredReason::UnknownKey, Lang::Ja) => "知らない設定の名前",
        (IgnoredReason::WrongType, Lang::Ja) => "値の種類が違います",
        (IgnoredReason::BadValue, Lang::Ja) => "値が正しくありません",
        (IgnoredReason::UnknownKey, Lang::En) => "unknown key",
        (IgnoredReason::WrongType, Lang::En) => "wrong type",
        (IgnoredReason::BadValue, Lang::En) => "bad value",
    }
}

fn status(status: PolicyStatus, lang: Lang) -> &'static str {
    match (status, lang) {
        (PolicyStatus::Applied, Lang::Ja) => "読み込みました",
        (PolicyStatus::Absent, Lang::Ja) => "ありません（制限なし）",
        (PolicyStatus::Unreadable, Lang::Ja) => "読み取れません。安全のため、確認をすべて止めています",
        (PolicyStatus::TooLarge, Lang::Ja) => "大きすぎます（64 KiBまで）。安全のため、確認をすべて止めています",
        (PolicyStatus::NotJson, Lang::Ja) => "JSONではありません。安全のため、確認をすべて止めています",
        (PolicyStatus::NotObject, Lang::Ja) => "JSONのオブジェクトではありません。安全のため、確認をすべて止めています",
        (PolicyStatus::Applied, Lang::En) => "read",
        (PolicyStatus::Absent, Lang::En) => "absent (no limits)",
        (PolicyStatus::Unreadable, Lang::En) => "cannot be read; all checks are stopped for safety",
        (PolicyStatus::TooLarge, Lang::En) => "too large (64 KiB at most); all checks are stopped for safety",
        (PolicyStatus::NotJson, Lang::En) => "not JSON; all checks are stopped for safety",
        (PolicyStatus::NotObject, Lang::En) => "not a JSON object; all checks are stopped for safety",
    }
}

fn origin(origin: PolicyOrigin, lang: Lang) -> &'static str {
    match (origin, lang) {
        (PolicyOrigin::System, Lang::Ja) => "この端末の設定ファイル",
        (PolicyOrigin::CommandLine, Lang::Ja) => "--policy で指定したファイル",
        (PolicyOrigin::Environment, Lang::Ja) => "TLS_DOCTOR_POLICY で指定したファイル",
        (PolicyOrigin::System, Lang::En) => "This computer's policy file",
        (PolicyOrigin::CommandLine, Lang::En) => "File given with --policy",
        (PolicyOrigin::Environment, Lang::En) => "File given in TLS_DOCTOR_POLICY",
    }
}

/// The report as text for a terminal.
pub fn render(report: &PolicyReport, lang: Lang) -> String {
    let yes_no = |b: bool| match (b, lang) {
        (true, Lang::Ja) => "はい",
        (false, Lang::Ja) => "いいえ",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    };
    let unlimited = match lang {
        Lang::Ja => "制限なし",
        Lang::En => "no limit",
    };
    let mut out = String::new();
    for file in &report.files {
        out.push_str(&format!("{}: {}\n", origin(file.origin, lang), file.path));
        out.push_str(&format!("  {}\n", status(file.status, lang)));
        if let Some(detail) = &file.detail {
            out.push_str(&format!("  {detail}\n"));
        }
        for line in limits_lines(&file.limits) {
            out.push_str(&format!("  {line}\n"));
        }
        for key in &file.ignored {
            let label = match lang {
                Lang::Ja => "使っていない設定",
                Lang::En => "Ignored",
            };
            out.push_str(&format!("  {label}: {} ({}: {})\n", key.key, reason(key.reason, lang), key.detail));
        }
    }
    let e = &report.effective;
    let labels: [&str; 5] = match lang {
        Lang::Ja => [
            "有効な制限",
            "サーバーを確かめる",
            "内部のアドレスを確かめる",
            "端末側の確認（時刻・ログインページ・比較）",
            "1回の確認の時間の上限",
        ],
        Lang::En => [
            "In force",
            "Servers may be checked",
            "Internal addresses may be checked",
            "Local probes (clock, portal, canary)",
            "Longest deadline of a check",
        ],
    };
    out.push_str(&format!("{}:\n", labels[0]));
    out.push_str(&format!("  {}: {}\n", labels[1], yes_no(e.probes)));
    out.push_str(&format!("  {}: {}\n", labels[2], yes_no(e.private_addresses)));
    out.push_str(&format!("  {}: {}\n", labels[3], yes_no(e.local_probes)));
    let seconds = e.max_timeout_seconds.map_or_else(
        || unlimited.to_owned(),
        |s| match lang {
            Lang::Ja => format!("{s}秒"),
            Lang::En => format!("{s} s"),
        },
    );
    out.push_str(&format!("  {}: {seconds}\n", labels[4]));
    let rate = e.rate_limit_per_minute.map_or_else(|| unlimited.to_owned(), |n| n.to_string());
    out.push_str(&format!("  rate_limit_per_minute: {rate}\n"));
    out
}

/// `key: value` for each key a file set, values as written.
fn limits_lines(l: &Limits) -> Vec<String> {
    let list = |v: &[String]| format!("[{}]", v.join(", "));
    let mut lines = Vec::new();
    let mut flag = |key: &str, v: Option<bool>| {
        if let Some(v) = v {
            lines.push(format!("{key}: {v}"));
        }
    };
    flag("probes", l.probes);
    flag("private_addresses", l.private_addresses);
    flag("client_probes", l.local_probes);
    if let Some(ports) = &l.allowed_ports {
        let ports: Vec<String> = ports
            .iter()
            .map(|p| match p {
                PortSpec::Port(n) => n.to_string(),
                PortSpec::Range(r) => r.clone(),
            })
            .collect();
        lines.push(format!("allowed_ports: {}", list(&ports)));
    }
    for (key, v) in [
        ("allowed_protocols", &l.allowed_protocols),
        ("allowed_hosts", &l.allowed_hosts),
        ("blocked_hosts", &l.blocked_hosts),
    ] {
        if let Some(v) = v {
            lines.push(format!("{key}: {}", list(v)));
        }
    }
    if let Some(n) = l.max_timeout_seconds {
        lines.push(format!("max_timeout_seconds: {n}"));
    }
    if let Some(n) = l.rate_limit_per_minute {
        lines.push(format!("rate_limit_per_minute: {n}"));
    }
    lines
}
