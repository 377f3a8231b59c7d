//! The house's tidy test, in the spirit of rust-analyzer's `tidy.rs`: cheap checks over the
//! repository's text that keep it easy to live in. It starts no server and runs in
//! `cargo xtask test unit`.
//!
//! - every repository path the docs name in backticks exists;
//! - every finding id appears in `docs/WIRE.md`;
//! - no source reads a file by an absolute path that exists on one machine only;
//! - no module cycle in `native-host/src` or `xtask/src`, reading `crate::`, `super::` and
//!   `self::` paths (a parent's use of its own child modules is ownership, not an edge);
//! - files over [`LONG_FILE`] lines and functions over [`LONG_FN`] lines are listed, each with
//!   a reason, in `tests/tidy-long.txt`; `TIDY_BLESS=1` rewrites that list (keeping the
//!   reasons, `?` for new entries, which then fail until a reason is written).
//!
//! Generated and third-party trees are not read: see [`SKIPPED`].

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers too: a failure stops the test and says why")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A file this long must say why in the list.
const LONG_FILE: usize = 600;
/// A function this long must say why in the list.
const LONG_FN: usize = 150;
/// The list of long files and functions, relative to the workspace.
const LONG_LIST: &str = "tests/tidy-long.txt";

/// Trees nobody writes by hand (or that are not ours), relative to the workspace.
const SKIPPED: &[&str] = &[
    ".git",
    "target",
    "dist",
    "extension/pkg",
    "fuzz/target",
    "fuzz/corpus",
    "fuzz/artifacts",
    "fuzz/coverage",
    "tests/e2e/node_modules",
];

/// The docs whose backticked paths must exist.
fn docs() -> Vec<String> {
    let mut docs: Vec<String> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".md"))
        .map(|n| format!("docs/{n}"))
        .collect();
    docs.sort();
    docs.extend(["README.md".to_owned(), "manifest/README.md".to_owned()]);
    docs
}

/// Names the docs give in backticks that are not files of the repository, and why.
const NOT_REPO_PATHS: &[(&str, &str)] = &[
    ("DESIGN.md", "the original design document, kept outside the repository"),
    ("jp.tlsdoctor.host.json", "the manifest `tls-doctor install` writes on the user's machine"),
    ("jp.tlsdoctor.host.<browser>.json", "written by `tls-doctor install` on Windows"),
    ("first-screen.json", "written by the e2e test into target/e2e/popup/"),
    ("MANIFESTS.md", "manifest/README.md as the packages install it in /usr/share/doc/tls-doctor/"),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn read(rel: &str) -> String {
    let path = root().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file and directory of the workspace outside [`SKIPPED`], relative, with `/`.
fn tree() -> BTreeSet<String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(rel) = path.strip_prefix(root) else { continue };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if SKIPPED.contains(&rel.as_str()) || rel.ends_with("/node_modules") {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            }
            out.insert(rel);
        }
    }
    let mut out = BTreeSet::new();
    walk(&root(), &root(), &mut out);
    out
}

/// The source files (Rust and JavaScript) of the workspace.
fn sources(tree: &BTreeSet<String>) -> Vec<&String> {
    tree.iter().filter(|p| [".rs", ".js", ".mjs"].iter().any(|ext| p.ends_with(ext))).collect()
}

// ---------------------------------------------------------------------------------------------
// Paths named in the docs.

/// The backticked spans of a Markdown text outside fenced code blocks, with their line numbers.
fn backticked(text: &str) -> Vec<(usize, &str)> {
    let mut spans = Vec::new();
    let mut fenced = false;
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            spans.extend(line.split('`').skip(1).step_by(2).map(|s| (n + 1, s)));
        }
    }
    spans
}

const EXTENSIONS: &[&str] =
    &["rs", "md", "json", "mjs", "js", "toml", "sh", "py", "wxs", "html", "css", "lock", "yml", "txt"];

/// The repository path a backticked span names, if it looks like one: `a/b.rs`, `dir/`,
/// `file.json` (an item after `::` is dropped). Not: commands, URLs, absolute or home paths,
/// user-agent tokens (`Chrome/`), address ranges.
fn repo_path(span: &str) -> Option<&str> {
    let span = span.split("::").next()?;
    if span.is_empty() || span.starts_with('/') || span.contains("//") {
        return None;
    }
    let path = span.trim_end_matches('/');
    let segments: Vec<&str> = path.split('/').collect();
    let plain = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
    if !segments.iter().all(|s| plain(s)) {
        return None;
    }
    let extension = path.rsplit_once('.').map(|(_, e)| e).filter(|e| EXTENSIONS.contains(e));
    let first = segments[0];
    if first.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    match extension {
        Some(_) => Some(path),
        // A directory: lower-case names with a slash (`probe/legacy/`, `.ci/run`).
        None if span.contains('/') && segments.iter().all(|s| !s.chars().any(|c| c.is_ascii_uppercase())) => Some(path),
        None => None,
    }
}

/// Whether `path` is a file or directory of the tree: at the workspace's root, or below some
/// directory (docs name `probe/tls.rs` within the section about `native-host/src`).
fn exists(tree: &BTreeSet<String>, path: &str) -> bool {
    let suffix = format!("/{path}");
    tree.contains(path) || tree.iter().any(|p| p.ends_with(&suffix))
}

#[test]
fn paths_named_in_the_docs_exist() {
    let tree = tree();
    let generated = ["dist/", "extension/pkg/", "target/"];
    let mut missing = Vec::new();
    for doc in docs() {
        for (line, span) in backticked(&read(&doc)) {
            let Some(path) = repo_path(span) else { continue };
            if generated.iter().any(|g| path.starts_with(g) || format!("{path}/") == *g)
                || NOT_REPO_PATHS.iter().any(|(p, _)| *p == span || *p == path)
            {
                continue;
            }
            if !exists(&tree, path) {
                missing.push(format!("{doc}:{line}: `{span}`"));
            }
        }
    }
    assert!(missing.is_empty(), "the docs name paths that do not exist:\n{}", missing.join("\n"));
}

#[test]
fn doc_paths_are_read_as_meant() {
    let text = "see `native-host/src/cli.rs` and `checks/local.rs::outdated`, `probe/legacy/`\n\
                ```\n`not/read.rs`\n```\n`cargo xtask test` `Chrome/` `10.0.0.0/8` `/etc/hosts` `SSL/TLS` `a.json`";
    let paths: Vec<&str> = backticked(text).into_iter().filter_map(|(_, s)| repo_path(s)).collect();
    assert_eq!(paths, ["native-host/src/cli.rs", "checks/local.rs", "probe/legacy", "a.json"]);
    let tree: BTreeSet<String> = ["native-host/src/probe/tls.rs".to_owned()].into();
    assert!(exists(&tree, "probe/tls.rs"));
    assert!(!exists(&tree, "output.rs"));
}

// ---------------------------------------------------------------------------------------------
// Finding ids in the wire document.

#[test]
fn every_finding_id_is_in_wire_md() {
    let wire = read("docs/WIRE.md");
    let missing: Vec<&str> = tls_doctor_core::wire::FindingId::ALL
        .iter()
        .map(|id| id.as_str())
        .filter(|id| !wire.contains(&format!("`{id}`")))
        .collect();
    assert!(missing.is_empty(), "docs/WIRE.md does not name these finding ids (in backticks): {missing:?}");
}

// ---------------------------------------------------------------------------------------------
// Absolute paths.

/// Where a test may read by absolute path: the system's own files (`/proc`, `/etc/passwd`…).
const SYSTEM_DIRS: &[&str] = &["proc", "sys", "dev", "etc", "usr", "tmp", "bin", "sbin", "lib", "lib64", "var", "run"];

/// The absolute paths a line reads by a string literal outside [`SYSTEM_DIRS`], and any
/// literal under a machine's own directories (`/work/…`, `/root/…`).
fn absolute_reads(line: &str) -> Vec<String> {
    const READS: &[&str] =
        &["read_to_string(", "fs::read(", "File::open(", "read_dir(", "readFileSync(", "existsSync("];
    let mut found = Vec::new();
    for call in READS {
        for (at, _) in line.match_indices(call) {
            let rest = line[at + call.len()..].trim_start_matches(['&', ' ']);
            let Some(quote) = rest.chars().next().filter(|c| "\"'`".contains(*c)) else { continue };
            let literal = rest[1..].split(quote).next().unwrap_or("");
            let top = literal.trim_start_matches('/').split('/').next().unwrap_or("");
            if literal.starts_with('/') && !SYSTEM_DIRS.contains(&top) {
                found.push(literal.to_owned());
            }
        }
    }
    for machine in ["\"/work/", "'/work/", "\"/root/", "'/root/"] {
        if let Some(at) = line.find(machine) {
            found.push(line[at + 1..].split(['"', '\'']).next().unwrap_or("").to_owned());
        }
    }
    found
}

#[test]
fn no_source_reads_a_machine_path() {
    let tree = tree();
    let mut found = Vec::new();
    for file in sources(&tree).into_iter().filter(|f| *f != "tests/tests/tidy.rs") {
        for (n, line) in read(file).lines().enumerate() {
            for path in absolute_reads(line) {
                found.push(format!("{file}:{}: {path}", n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "read these from the workspace (a path relative to CARGO_MANIFEST_DIR), failing when missing:\n{}",
        found.join("\n")
    );
}

#[test]
fn machine_paths_are_found() {
    let data = ["/", "work/shared/data/x.json"].concat();
    assert_eq!(absolute_reads(&format!("let t = std::fs::read_to_string(\"{data}\");")), [data.clone(), data]);
    assert_eq!(absolute_reads("fs::read_to_string(\"/srv/x.json\")"), ["/srv/x.json"]);
    assert!(absolute_reads("std::fs::read_dir(\"/proc\")").is_empty());
    assert!(absolute_reads("std::fs::read_to_string(&path)").is_empty());
    assert!(absolute_reads("readFileSync(new URL('../x.json', import.meta.url))").is_empty());
}

// ---------------------------------------------------------------------------------------------
// Module cycles: `tidy/cycles.rs`.

#[path = "tidy/cycles.rs"]
mod cycles;

// ---------------------------------------------------------------------------------------------
// Long files and functions.

/// The functions of a Rust or JavaScript source (rustfmt's layout: the body closes at the
/// indentation it opened at) and their lengths in lines.
fn functions(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let mut head = trimmed;
        for q in ["export ", "pub(crate) ", "pub(super) ", "pub ", "const ", "async ", "unsafe ", "extern \"C\" "] {
            head = head.strip_prefix(q).unwrap_or(head);
        }
        let Some(after) = head.strip_prefix("fn ").or_else(|| head.strip_prefix("function ")) else { continue };
        let after = after.trim_start_matches('*').trim_start();
        let end = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$')).unwrap_or(after.len());
        let name = &after[..end];
        if name.is_empty() {
            continue;
        }
        // The signature runs to the line ending in `{` (a body) or `;` (none).
        let Some(open) = (i..lines.len()).find(|&j| {
            let t = lines[j].trim_end();
            t.ends_with('{') || t.ends_with(';') || (j == i && t.ends_with('}'))
        }) else {
            continue;
        };
        let t = lines[open].trim_end();
        if t.ends_with(';') {
            continue;
        }
        if !t.ends_with('{') {
            out.push((name.to_owned(), 1));
            continue;
        }
        let close = format!("{indent}}}");
        if let Some(k) = (open + 1..lines.len())
            .find(|&k| lines[k].starts_with(&close) && !lines[k][indent.len()..].starts_with(char::is_whitespace))
        {
            out.push((name.to_owned(), k - i + 1));
        }
    }
    out
}

/// Every long file (`path`) and long function (`path fn name`, the longest of that name) of
/// the workspace, with its length in lines.
fn long_items(tree: &BTreeSet<String>) -> BTreeMap<String, usize> {
    let mut found = BTreeMap::new();
    for file in sources(tree) {
        let text = read(file);
        let lines = text.lines().count();
        if lines > LONG_FILE {
            found.insert(file.clone(), lines);
        }
        for (name, length) in functions(&text).into_iter().filter(|(_, length)| *length > LONG_FN) {
            let longest = found.entry(format!("{file} fn {name}")).or_insert(0);
            *longest = (*longest).max(length);
        }
    }
    found
}

/// The list's entries: `key: reason`, `#` comments.
fn listed(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(": ") {
            Some((key, reason)) => (key.trim().to_owned(), reason.trim().to_owned()),
            None => (l.trim_end_matches(':').to_owned(), String::new()),
        })
        .collect()
}

const LONG_HEADER: &str = "\
# Files over 600 lines and functions over 150 lines, each with why it stays long (tests/tests/tidy.rs).
# One entry a line: `PATH: reason` or `PATH fn NAME: reason`. To regenerate, keeping the reasons:
#   TIDY_BLESS=1 cargo test -p tls-doctor-lab --test tidy long
# then replace each `?` with a reason.
";

#[test]
fn long_files_and_functions_are_listed() {
    let tree = tree();
    let found = long_items(&tree);
    let path = root().join(LONG_LIST);
    let mut list = listed(&std::fs::read_to_string(&path).unwrap_or_default());
    if std::env::var_os("TIDY_BLESS").is_some() {
        let entry = |key: &String| format!("{key}: {}", list.get(key).filter(|r| !r.is_empty()).map_or("?", |r| r));
        let text = format!("{LONG_HEADER}{}\n", found.keys().map(entry).collect::<Vec<_>>().join("\n"));
        std::fs::write(&path, &text).unwrap();
        list = listed(&text);
    }
    let mut problems = Vec::new();
    let mut paste = Vec::new();
    for (key, size) in &found {
        match list.get(key) {
            None => {
                problems.push(format!("new: {key} ({size} lines)"));
                paste.push(format!("{key}: ?"));
            }
            Some(reason) if reason.is_empty() || reason == "?" => {
                problems.push(format!("no reason: {key} ({size} lines)"));
            }
            Some(_) => {}
        }
    }
    for key in list.keys().filter(|k| !found.contains_key(*k)) {
        problems.push(format!("no longer long (or gone), remove it: {key}"));
    }
    assert!(
        problems.is_empty(),
        "{LONG_LIST} does not match the sources:\n{}\n\nLines to add (then write each reason):\n{}\n\n\
         Or regenerate the list, keeping its reasons: TIDY_BLESS=1 cargo test -p tls-doctor-lab --test tidy long",
        problems.join("\n"),
        paste.join("\n")
    );
}

#[test]
fn functions_are_measured() {
    let text = "fn one() -> u8 { 1 }\n\
                pub(crate) async fn two(\n    a: u8,\n) -> u8 {\n    let s = \"}\";\n    a\n}\n\
                trait T {\n    fn decl(&self);\n    fn body(&self) {\n        if x {\n        }\n    }\n}\n\
                export async function js(a) {\n  return a;\n}\n";
    let got = functions(text);
    let got: Vec<(&str, usize)> = got.iter().map(|(n, l)| (n.as_str(), *l)).collect();
    assert_eq!(got, [("one", 1), ("two", 6), ("body", 4), ("js", 3)]);
    assert_eq!(listed("# c\na/b.rs: why\nc.rs fn f: ?\n").get("c.rs fn f").map(String::as_str), Some("?"));
}
