//! No module cycle: the modules of a crate, read from their `crate::`, `super::` and `self::`
//! paths, must not name each other in a circle.

use std::collections::{BTreeMap, BTreeSet};

use super::{read, tree};

/// The crates whose module graph must have no cycle.
const NO_CYCLES: &[&str] = &["native-host/src", "xtask/src"];

/// A crate's modules (by path, `crate` for the root) and, for each, the modules it names
/// through `crate::`, `super::` or `self::`, with where.
type Graph = BTreeMap<String, BTreeMap<String, String>>;

fn module_of(rel: &str) -> String {
    let rel = rel.trim_end_matches(".rs");
    let rel = rel.strip_suffix("/mod").unwrap_or(rel);
    if rel == "lib" || rel == "main" { "crate".to_owned() } else { format!("crate::{}", rel.replace('/', "::")) }
}

/// A source's text without comments, test modules and inline modules (whose `super::` would
/// mean something else): what the module itself names.
fn module_text(text: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        let item = trimmed.trim_start_matches("pub(crate) ").trim_start_matches("pub ");
        if item.starts_with("mod ") && item.trim_end().ends_with('{') {
            let close = format!("{}}}", &line[..line.len() - trimmed.len()]);
            i += lines[i..].iter().position(|l| l.trim_end() == close).unwrap_or(lines.len());
            continue;
        }
        let code = match line.find("//") {
            Some(at) if line[..at].matches('"').count() % 2 == 0 => &line[..at],
            _ => line,
        };
        out.push((i + 1, code.to_owned()));
        i += 1;
    }
    out
}

/// The full paths named from `from` by the `crate::`/`super::`/`self::` paths of `code`,
/// with `{a, b::c}` groups expanded.
fn named_paths(from: &str, code: &str) -> Vec<Vec<String>> {
    fn ident(s: &str) -> (&str, &str) {
        let end = s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(s.len());
        (&s[..end], &s[end..])
    }
    /// Parses the path continuing `prefix` at `s`: `a::b`, `a::{b, c::d}`, `a::*`.
    fn path(prefix: &[String], s: &str, out: &mut Vec<Vec<String>>) -> usize {
        let mut at = 0;
        let mut current = prefix.to_vec();
        loop {
            let rest = s[at..].trim_start();
            at = s.len() - rest.len();
            if let Some(group) = rest.strip_prefix('{') {
                at += 1;
                let mut inner = group;
                loop {
                    let used = path(&current, inner, out);
                    at += used;
                    inner = &inner[used..];
                    let after = inner.trim_start();
                    at += inner.len() - after.len();
                    match after.chars().next() {
                        Some(',') => {
                            at += 1;
                            inner = &after[1..];
                            if inner.trim_start().starts_with('}') {
                                let t = inner.trim_start();
                                at += inner.len() - t.len() + 1;
                                return at;
                            }
                        }
                        Some('}') => return at + 1,
                        _ => return at,
                    }
                }
            }
            let (name, after) = ident(rest);
            if name.is_empty() {
                out.push(current);
                return at;
            }
            at += name.len();
            if name != "self" {
                current.push(name.to_owned());
            }
            match after.strip_prefix("::") {
                Some(_) => at += 2,
                None => {
                    out.push(current);
                    return at;
                }
            }
        }
    }
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::", "self::"] {
        for (at, _) in code.match_indices(start) {
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_' || bytes[at - 1] == b':') {
                continue;
            }
            let mut base: Vec<String> = from.split("::").map(str::to_owned).collect();
            let mut rest = &code[at..];
            if let Some(r) = rest.strip_prefix("crate::") {
                base.truncate(1);
                rest = r;
            } else if let Some(r) = rest.strip_prefix("self::") {
                rest = r;
            } else {
                while let Some(r) = rest.strip_prefix("super::") {
                    base.pop();
                    rest = r;
                }
            }
            path(&base, rest, &mut out);
        }
    }
    out
}

fn module_graph(files: &BTreeMap<String, String>) -> Graph {
    let modules: BTreeSet<String> = files.keys().map(|f| module_of(f)).collect();
    let mut graph = Graph::new();
    for (file, text) in files {
        let from = module_of(file);
        let edges = graph.entry(from.clone()).or_default();
        for (n, code) in module_text(text) {
            for full in named_paths(&from, &code) {
                // The longest prefix that is a module of the crate.
                let to = (1..=full.len()).rev().map(|k| full[..k].join("::")).find(|m| modules.contains(m));
                // A module naming its own submodules (`self::child`, or the root's
                // `crate::child`) owns them: not an edge.
                let own = |to: &String| *to == from || to.starts_with(&format!("{from}::"));
                if let Some(to) = to.filter(|to| !own(to)) {
                    edges.entry(to).or_insert_with(|| format!("{file}:{n}"));
                }
            }
        }
    }
    graph
}

/// The cycles of a graph, each as its modules in order, the first repeated at the end.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut seen_cycles = BTreeSet::new();
    for start in graph.keys() {
        // Depth-first from `start`, looking for a way back to it through larger names only,
        // so that each cycle is reported once (from its smallest module).
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        while let Some((node, trail)) = stack.pop() {
            for next in graph.get(&node).into_iter().flat_map(|e| e.keys()) {
                if next == start {
                    let mut cycle = trail.clone();
                    cycle.push(start.clone());
                    let key: BTreeSet<&String> = cycle.iter().collect();
                    if seen_cycles.insert(key.into_iter().cloned().collect::<Vec<_>>()) {
                        found.push(cycle);
                    }
                } else if next > start && !trail.contains(next) && trail.len() < 8 {
                    let mut longer = trail.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    found
}

#[test]
fn no_module_cycles() {
    let tree = tree();
    let mut report = Vec::new();
    for src in NO_CYCLES {
        let prefix = format!("{src}/");
        let files: BTreeMap<String, String> = tree
            .iter()
            .filter_map(|p| p.strip_prefix(&prefix).map(|rel| (rel, p)))
            .filter(|(rel, _)| rel.ends_with(".rs") && !rel.starts_with("bin/"))
            .map(|(rel, p)| (rel.to_owned(), read(p)))
            .collect();
        let graph = module_graph(&files);
        for cycle in cycles(&graph) {
            let steps: Vec<String> =
                cycle.windows(2).map(|w| format!("  {} → {} ({src}/{})", w[0], w[1], graph[&w[0]][&w[1]])).collect();
            report.push(format!("{src}: a cycle\n{}", steps.join("\n")));
        }
    }
    assert!(
        report.is_empty(),
        "modules that import each other (move what they share to a module both use):\n{}",
        report.join("\n")
    );
}

#[test]
fn module_cycles_are_found() {
    let files: BTreeMap<String, String> = [
        ("lib.rs", "pub mod a;\npub mod b;\npub mod m;\nuse crate::a::X;\n"),
        ("a.rs", "use crate::{b::{self, Y}, Z};\n"),
        ("b.rs", "// use crate::c;\nfn f() { crate::m::helper::run(); }\n#[cfg(test)]\nmod tests {\n    use super::*;\n    use crate::a;\n}\n"),
        ("m/mod.rs", "mod helper;\n"),
        ("m/helper.rs", "use super::super::a::X;\n"),
    ]
    .into_iter()
    .map(|(f, t)| (f.to_owned(), t.to_owned()))
    .collect();
    let graph = module_graph(&files);
    let names = |m: &str| graph[m].keys().cloned().collect::<Vec<_>>();
    assert!(names("crate").is_empty(), "the root owns its modules");
    assert_eq!(names("crate::a"), ["crate", "crate::b"]);
    assert_eq!(names("crate::b"), ["crate::m::helper"], "comments and test modules are not read");
    assert_eq!(names("crate::m::helper"), ["crate::a"]);
    let found = cycles(&graph);
    assert_eq!(found, [["crate::a", "crate::b", "crate::m::helper", "crate::a"].map(String::from).to_vec()]);
}
