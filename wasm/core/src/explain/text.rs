//! The plain-text report: an [`Explanation`] laid out for a terminal (the CLI) or for a help
//! desk (the extension's "copy report"). Every word comes from the catalog; this module only
//! arranges and wraps.

use std::fmt::Write as _;

use crate::wire::{ExplainedFinding, Explanation, Severity};

/// No wrapping: each paragraph on one line, for text pasted into a mail or a ticket.
pub const UNWRAPPED: usize = usize::MAX / 4;

/// Characters that must not begin a line (a light form of Japanese 禁則処理).
const NO_LINE_START: &str = "、。,.)]}）」』】〉》・ー!?:;%！？：；ぁぃぅぇぉっゃゅょァィゥェォッャュョ";
/// Characters that must not end a line.
const NO_LINE_END: &str = "([{（「『【〈《";

/// The report, wrapped to `width` display columns ([`UNWRAPPED`] for none).
pub fn render(ex: &Explanation, width: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "TLS Doctor: {}", ex.target);
    wrap_into(&mut out, &ex.summary, 0, width);
    if !ex.context.is_empty() {
        table(&mut out, ex.context.iter().map(|l| (l.label.as_str(), l.value.as_str())), 0, width);
    }
    let mut findings = ex.findings.iter();
    if let Some(primary) = findings.next() {
        out.push('\n');
        finding(&mut out, ex, primary, true, width);
    }
    let rest: Vec<&ExplainedFinding> = findings.collect();
    if !rest.is_empty() {
        let _ = writeln!(out, "\n{}", ex.labels.also_found);
        for f in rest {
            out.push('\n');
            finding(&mut out, ex, f, false, width);
        }
    }
    if !ex.certificates.is_empty() {
        let _ = writeln!(out, "\n{}", ex.labels.certificates);
        for cert in &ex.certificates {
            let _ = writeln!(out, "  {}", cert.title);
            table(&mut out, cert.lines.iter().map(|l| (l.label.as_str(), l.value.as_str())), 5, width);
        }
    }
    out
}

fn finding(out: &mut String, ex: &Explanation, f: &ExplainedFinding, primary: bool, width: usize) {
    let mark = match f.severity {
        Severity::Critical => "✖",
        Severity::Warning => "▲",
        // Not checked (`refused_by_policy`): not a tick, which would read as "fine".
        Severity::Info if f.side == crate::wire::Side::Unknown => "●",
        Severity::Info => "✔",
    };
    wrap_into(out, &format!("{mark} {}", f.headline), 0, width);
    let _ = writeln!(out, "  [{} / {}]  ({})", f.side_label, f.severity_label, f.id.as_str());
    section(out, &ex.labels.meaning, width, |out| wrap_into(out, &f.meaning, 4, width));
    if primary {
        section(out, &ex.labels.danger, width, |out| wrap_into(out, &f.danger, 4, width));
        if !f.user_steps.is_empty() {
            section(out, &ex.labels.user_steps, width, |out| {
                for (i, step) in f.user_steps.iter().enumerate() {
                    hanging(out, &format!("{}. ", i + 1), step, 4, width);
                }
            });
        }
    }
    if !f.admin_steps.is_empty() {
        section(out, &ex.labels.admin_steps, width, |out| {
            for step in &f.admin_steps {
                let bullet = match &step.software {
                    Some(sw) => format!("- {sw}: "),
                    None => "- ".to_owned(),
                };
                hanging(out, &bullet, &step.text, 4, width);
            }
        });
    }
    if !f.evidence.is_empty() {
        section(out, &ex.labels.evidence, width, |out| {
            table(out, f.evidence.iter().map(|l| (l.label.as_str(), l.value.as_str())), 4, width);
        });
    }
}

fn section(out: &mut String, title: &str, _width: usize, body: impl FnOnce(&mut String)) {
    let _ = writeln!(out, "  {title}");
    body(out);
}

/// `label: value` lines, values aligned.
fn table<'a>(out: &mut String, rows: impl Iterator<Item = (&'a str, &'a str)>, indent: usize, width: usize) {
    let rows: Vec<(&str, &str)> = rows.collect();
    let label_width = rows.iter().map(|(l, _)| display_width(l)).max().unwrap_or(0);
    for (label, value) in rows {
        let pad = " ".repeat(label_width - display_width(label));
        hanging(out, &format!("{label}{pad}  "), value, indent, width);
    }
}

/// A first-line prefix (`1. `, a label) with the text wrapped under it.
fn hanging(out: &mut String, prefix: &str, text: &str, indent: usize, width: usize) {
    let inner = indent + display_width(prefix);
    let lines = wrap(text, width.saturating_sub(inner).max(20));
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            let _ = writeln!(out, "{}{prefix}{line}", " ".repeat(indent));
        } else {
            let _ = writeln!(out, "{}{line}", " ".repeat(inner));
        }
    }
    if lines.is_empty() {
        let _ = writeln!(out, "{}{prefix}", " ".repeat(indent));
    }
}

fn wrap_into(out: &mut String, text: &str, indent: usize, width: usize) {
    for line in wrap(text, width.saturating_sub(indent).max(20)) {
        let _ = writeln!(out, "{}{line}", " ".repeat(indent));
    }
}

pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Terminal columns of a character: 2 for East Asian wide and fullwidth characters (the ranges
/// of UAX #11 that Japanese text uses, plus emoji), 0 for controls and combining marks, else 1.
/// A few ranges rather than the full Unicode table: the wasm module carries this too.
fn char_width(c: char) -> usize {
    match u32::from(c) {
        0..=0x1f | 0x7f..=0x9f | 0x300..=0x36f | 0x200b..=0x200f | 0xfe00..=0xfe0f => 0,
        0x1100..=0x115f
        | 0x2e80..=0x303e
        | 0x3041..=0x33ff
        | 0x3400..=0x4dbf
        | 0x4e00..=0x9fff
        | 0xa000..=0xa4cf
        | 0xac00..=0xd7a3
        | 0xf900..=0xfaff
        | 0xfe10..=0xfe19
        | 0xfe30..=0xfe4f
        | 0xff00..=0xff60
        | 0xffe0..=0xffe6
        | 0x1f300..=0x1f64f
        | 0x1f900..=0x1f9ff
        | 0x20000..=0x3fffd => 2,
        _ => 1,
    }
}

/// Wraps text to `width` display columns. Latin words (and `code`) are not split unless longer
/// than a line; Japanese breaks between any two characters, respecting the line-start and
/// line-end rules above.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut in_code = false;
    for c in text.chars() {
        // A `code span` is one unit (so a command is never split), unless it is too long.
        if c == '`' {
            in_code = !in_code;
            word.push(c);
            continue;
        }
        if in_code || (c.is_ascii() && !c.is_ascii_whitespace()) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            units.push(std::mem::take(&mut word));
        }
        units.push(if c.is_whitespace() { " ".to_owned() } else { c.to_string() });
    }
    if !word.is_empty() {
        units.push(word);
    }
    // Glue forbidden characters to their neighbours so no line starts or ends with them.
    let mut glued: Vec<String> = Vec::new();
    for unit in units {
        let starts_forbidden = unit.chars().next().is_some_and(|c| NO_LINE_START.contains(c));
        let prev_forbidden_end = glued.last().and_then(|p| p.chars().last()).is_some_and(|c| NO_LINE_END.contains(c));
        match glued.last_mut() {
            Some(prev) if (starts_forbidden || prev_forbidden_end) && prev != " " && unit != " " => {
                prev.push_str(&unit)
            }
            _ => glued.push(unit),
        }
    }

    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for unit in glued {
        let w = display_width(&unit);
        if line_width + w > width && line_width > 0 {
            lines.push(line.trim_end().to_owned());
            line.clear();
            line_width = 0;
            if unit == " " {
                continue;
            }
        }
        if w > width {
            // A single unit longer than a line (a URL): split it hard.
            for c in unit.chars() {
                let cw = char_width(c);
                if line_width + cw > width && line_width > 0 {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0;
                }
                line.push(c);
                line_width += cw;
            }
            continue;
        }
        line.push_str(&unit);
        line_width += w;
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_japanese_by_width_and_keeps_punctuation() {
        let text = "サーバーは、自分の証明書（サーバーの身分証明書）と一緒に中間証明書を送る必要があります。このサーバーは送っていません（10日前）。";
        for (width, line) in (10..40).flat_map(|w| wrap(text, w).into_iter().map(move |l| (w, l))) {
            // A glued pair (a character and the punctuation after it) may overhang by one.
            assert!(display_width(&line) <= width + 2, "{width}: {line}");
            assert!(!line.starts_with(['。', '、', '）']) && !line.ends_with('（'), "{line}");
        }
        assert_eq!(wrap(text, 200).concat(), text);
    }

    #[test]
    fn keeps_latin_words_and_code_whole() {
        let lines = wrap(
            "Point `ssl_certificate` at fullchain.pem (with certbot, /etc/letsencrypt/live/name/fullchain.pem).",
            30,
        );
        assert!(lines.iter().any(|l| l.contains("`ssl_certificate`")));
        assert!(lines.iter().all(|l| display_width(l) <= 30), "{lines:?}");
    }

    #[test]
    fn mixed_text_never_loses_characters() {
        let text = "「example.jp」の証明書は 2026年11月20日 09:00 (UTC+09:00) に切れました。";
        let joined: String = wrap(text, 16).concat();
        assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
    }
}
