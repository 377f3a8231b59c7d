//! A small backtracking matcher for the regular-expression subset of the product table's
//! issuer patterns, read straight from the pattern text (no compile step):
//!
//! - literals and escaped characters (`\.` `\(` `\)` `\-` …), `.`, `\d`;
//! - character classes (`[A-Z0-9\-]`, `[^…]`), with ranges and `\d` inside;
//! - `*` `+` `?` after an atom or a group, greedy;
//! - groups `( … )` and alternation `|`, at the top level and inside groups;
//! - a leading `(?i)`, which changes nothing: matching is always ASCII case-insensitive.
//!
//! The whole text must match (RE2's FullMatch, as Chromium uses these patterns). Certificate
//! names come from whoever made the certificate, so the work is bounded: a text longer than
//! [`MAX_TEXT`] bytes matches nothing (X.509 bounds a CN and an O at 64 characters), and a match
//! that takes more than [`MAX_STEPS`] steps fails.

use core::cell::Cell;

/// The longest name looked at, in bytes. Also what bounds the recursion depth.
pub const MAX_TEXT: usize = 256;
/// The most steps one match may take; the table's patterns need a few hundred at most.
pub const MAX_STEPS: u32 = 20_000;

/// Whether `pattern` matches the whole of `text`, ignoring ASCII case.
pub fn full_match(pattern: &str, text: &str) -> bool {
    if text.len() > MAX_TEXT {
        return false;
    }
    let pattern = pattern.strip_prefix("(?i)").unwrap_or(pattern);
    let matcher = Matcher { text, steps: Cell::new(MAX_STEPS) };
    matcher.alternatives(pattern, 0, &|end| end == text.len())
}

/// What to match after a piece: called with the position where the piece ended.
type Then<'a> = &'a dyn Fn(usize) -> bool;

struct Matcher<'t> {
    text: &'t str,
    steps: Cell<u32>,
}

impl Matcher<'_> {
    /// `a|b|c`: each alternative in turn.
    fn alternatives(&self, pattern: &str, at: usize, then: Then<'_>) -> bool {
        let bytes = pattern.as_bytes();
        let (mut start, mut i) = (0, 0);
        loop {
            if i >= bytes.len() || bytes.get(i) == Some(&b'|') {
                let branch = pattern.get(start..i).unwrap_or_default();
                if self.sequence(branch, at, then) {
                    return true;
                }
                if i >= bytes.len() {
                    return false;
                }
                i += 1;
                start = i;
            } else {
                i = token_end(pattern, i);
            }
        }
    }

    /// A sequence of atoms, each perhaps quantified.
    fn sequence(&self, pattern: &str, at: usize, then: Then<'_>) -> bool {
        let left = self.steps.get();
        if left == 0 {
            return false;
        }
        self.steps.set(left - 1);
        if pattern.is_empty() {
            return then(at);
        }
        let Some((atom, rest)) = pattern.split_at_checked(token_end(pattern, 0)) else { return false };
        let (quantifier, rest) = match rest.as_bytes().first() {
            Some(&q @ (b'*' | b'+' | b'?')) => (q, rest.get(1..).unwrap_or_default()),
            _ => (0, rest),
        };
        match quantifier {
            b'?' => self.atom(atom, at, &|end| self.sequence(rest, end, then)) || self.sequence(rest, at, then),
            b'*' => self.star(atom, rest, at, then),
            b'+' => self.atom(atom, at, &|end| self.star(atom, rest, end, then)),
            _ => self.atom(atom, at, &|end| self.sequence(rest, end, then)),
        }
    }

    /// `atom*` then `rest`, greedily. A repetition that matched nothing ends the loop.
    fn star(&self, atom: &str, rest: &str, at: usize, then: Then<'_>) -> bool {
        self.atom(atom, at, &|end| end > at && self.star(atom, rest, end, then)) || self.sequence(rest, at, then)
    }

    /// One atom at `at`: a group, or something that matches one character.
    fn atom(&self, atom: &str, at: usize, then: Then<'_>) -> bool {
        if atom.starts_with('(') {
            return match atom.get(1..).and_then(|a| a.strip_suffix(')')) {
                Some(inner) => self.alternatives(inner, at, then),
                None => false,
            };
        }
        let Some(c) = self.text.get(at..).and_then(|t| t.chars().next()) else { return false };
        let hit = match atom.as_bytes() {
            [b'.'] => c != '\n',
            [b'\\', b'd'] => c.is_ascii_digit(),
            [b'[', ..] => class(atom, c),
            [b'\\', ..] => atom.get(1..).and_then(|e| e.chars().next()).is_some_and(|e| e.eq_ignore_ascii_case(&c)),
            _ => atom.chars().next().is_some_and(|a| a.eq_ignore_ascii_case(&c)),
        };
        hit && then(at + c.len_utf8())
    }
}

/// Whether the class `[…]` holds `c`, ignoring ASCII case.
fn class(atom: &str, c: char) -> bool {
    let inner = atom.get(1..).and_then(|a| a.strip_suffix(']')).unwrap_or_default();
    let (negated, inner) = match inner.strip_prefix('^') {
        Some(inner) => (true, inner),
        None => (false, inner),
    };
    let cases = [c, c.to_ascii_lowercase(), c.to_ascii_uppercase()];
    let mut chars = inner.chars();
    let mut found = false;
    while let Some(mut low) = chars.next() {
        if low == '\\' {
            match chars.next() {
                Some('d') => {
                    found |= c.is_ascii_digit();
                    continue;
                }
                Some(escaped) => low = escaped,
                None => break,
            }
        }
        let mut high = low;
        let mut ahead = chars.clone();
        if ahead.next() == Some('-') {
            if let Some(mut end) = ahead.next() {
                if end == '\\' {
                    end = ahead.next().unwrap_or(end);
                }
                high = end;
                chars = ahead;
            }
        }
        found |= cases.iter().any(|x| (low..=high).contains(x));
    }
    found != negated
}

/// Where the token that starts at byte `i` of `pattern` ends: past an escape, a whole class,
/// a whole group (with its nested groups), or one character. Never past the end.
fn token_end(pattern: &str, i: usize) -> usize {
    let bytes = pattern.as_bytes();
    let char_len = |at: usize| pattern.get(at..).and_then(|p| p.chars().next()).map_or(1, char::len_utf8);
    let end = match bytes.get(i) {
        Some(b'\\') => i + 1 + char_len(i + 1),
        Some(b'[') => {
            let mut j = i + 1;
            while let Some(&b) = bytes.get(j) {
                if b == b']' {
                    break;
                }
                j += if b == b'\\' { 1 + char_len(j + 1) } else { 1 };
            }
            j + 1
        }
        Some(b'(') => {
            let mut j = i + 1;
            while bytes.get(j).is_some_and(|&b| b != b')') {
                j = token_end(pattern, j);
            }
            j + 1
        }
        Some(_) => i + char_len(i),
        None => i + 1,
    };
    end.min(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escapes_and_dots() {
        assert!(full_match(r"Fortinet( Ltd\.)?", "Fortinet Ltd."));
        assert!(full_match(r"Fortinet( Ltd\.)?", "fortinet"));
        assert!(!full_match(r"Fortinet( Ltd\.)?", "Fortinet Ltdx"));
        assert!(!full_match(r"Fortinet( Ltd\.)?", "Fortinet Ltd. UK"));
        assert!(full_match(r"IWSS\.TREND", "iwss.trend"));
        assert!(!full_match(r"IWSS\.TREND", "IWSSxTREND"));
        assert!(full_match(r"a.c", "abc"));
        assert!(!full_match(r"a.c", "a\nc"));
        assert!(!full_match(r"a.c", "ac"));
        assert!(full_match(r"a.c", "aéc"));
    }

    #[test]
    fn digits_classes_and_quantifiers() {
        assert!(full_match(r"ContentKeeper Appliance CA \(\d+\)", "ContentKeeper Appliance CA (12)"));
        assert!(!full_match(r"ContentKeeper Appliance CA \(\d+\)", "ContentKeeper Appliance CA ()"));
        assert!(!full_match(r"ContentKeeper Appliance CA \(\d+\)", "ContentKeeper Appliance CA (1a)"));
        assert!(full_match(r"Sophos SSL CA_[A-Z0-9\-]+", "Sophos SSL CA_ABC-12"));
        assert!(full_match(r"Sophos SSL CA_[A-Z0-9\-]+", "Sophos SSL CA_abc-12"));
        assert!(!full_match(r"Sophos SSL CA_[A-Z0-9\-]+", "Sophos SSL CA_"));
        assert!(!full_match(r"Sophos SSL CA_[A-Z0-9\-]+", "Sophos SSL CA_AB C"));
        assert!(full_match(r"x[^a-c]y", "xdy"));
        assert!(!full_match(r"x[^a-c]y", "xBy"));
        assert!(full_match(r"x[\d_]*y", "x1_2y"));
        assert!(full_match(r"ab?c", "ac") && full_match(r"ab?c", "abc") && !full_match(r"ab?c", "abbc"));
        assert!(full_match(r"ab*c", "ac") && full_match(r"ab*c", "abbbc"));
        assert!(full_match(r"(ab)+c", "ababc") && !full_match(r"(ab)+c", "c"));
        assert!(full_match(r"(a|b)*c", "abbac"));
        assert!(full_match(r"(a*)*b", "aaab"));
    }

    #[test]
    fn alternation_at_the_top_and_in_groups() {
        let netskope = r"(.*\.)?caadmin\.netskope\.com|ca\..*\.goskope\.com|Netskope Certificate.*";
        assert!(full_match(netskope, "caadmin.netskope.com"));
        assert!(full_match(netskope, "acme.caadmin.netskope.com"));
        assert!(full_match(netskope, "ca.acme.goskope.com"));
        assert!(full_match(netskope, "Netskope Certificate Authority"));
        assert!(!full_match(netskope, "xcaadmin.netskope.com"));
        assert!(!full_match(netskope, "ca.goskope.com"));
        assert!(full_match(r"eDellRoot|DSDTestProvider", "DSDTestProvider"));
        assert!(!full_match(r"eDellRoot|DSDTestProvider", "eDellRootDSDTestProvider"));
        assert!(full_match(r"x(a|bc|)y", "xy") && full_match(r"x(a|bc|)y", "xbcy"));
        assert!(full_match(r"(?i)netskope.*", "NETSKOPE Inc."));
    }

    #[test]
    fn the_empty_pattern_matches_only_the_empty_text() {
        assert!(full_match("", ""));
        assert!(!full_match("", "a"));
    }

    #[test]
    fn malformed_patterns_do_not_panic() {
        for pattern in ["(", ")", "[", "[a-", "\\", "(a|", "a**", "*", "+a", "[]]", "((", "é\\"] {
            for text in ["", "a", "(", "é", "aaaa"] {
                let _ = full_match(pattern, text);
            }
        }
    }

    #[test]
    fn hostile_names_are_bounded() {
        let long = "a".repeat(MAX_TEXT + 1);
        assert!(!full_match(r"a*", &long));
        assert!(full_match(r"a*", &long[1..]));
        // Exponential for a naive backtracker (this test would not finish): the step budget
        // ends it after MAX_STEPS steps.
        let text = format!("{}b", "a".repeat(MAX_TEXT - 1));
        assert!(!full_match(r"(a*)*(a*)*(a*)*c", &text));
        assert!(!full_match(r"(.*.*.*.*)*c", &text));
    }

    #[test]
    fn the_budget_is_enough_for_the_longest_names_the_table_matches() {
        let netskope = r"(.*\.)?caadmin\.netskope\.com|ca\..*\.goskope\.com|Netskope Certificate.*";
        let labels = "a.".repeat((MAX_TEXT - "caadmin.netskope.com".len()) / 2);
        assert!(full_match(netskope, &format!("{labels}caadmin.netskope.com")));
        assert!(full_match(netskope, &format!("ca.{}goskope.com", &labels[..labels.len() - 4])));
        assert!(full_match(r"Charles Proxy CA \(.*\)", &format!("Charles Proxy CA ({})", "x)".repeat(100))));
    }
}
